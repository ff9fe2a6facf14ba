"""Locales: the words cvtex adds, translated in Python and overridable in the résumé."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import pdf_text, render_tex
from cvtex.build import BuildRequest, build
from cvtex.cli import cli
from cvtex.errors import InputError
from cvtex.model.locales import LOCALES, STRING_KEYS, get_locale
from cvtex.model.validate import validate
from cvtex.source.loader import load_text

DOC = (
    "basics: {name: Ada}\nwork: [{name: Engines, startDate: 2021-03}]\n"
    "education: [{institution: U, courses: [Maths], score: '1.3'}]\n"
    "design: {date_format: Month YYYY}\n"
)


def tex(text: str, template: str | None = None) -> str:
    return render_tex(text, template).source


def test_every_locale_defines_every_word() -> None:
    english = LOCALES["en"]
    for locale in LOCALES.values():
        assert set(locale.titles) == set(english.titles), locale.code
        assert set(locale.strings) == set(STRING_KEYS), locale.code
        assert len(locale.months) == len(locale.months_short) == 12
        assert "{page}" in locale.strings["page_of"] and "{total}" in locale.strings["page_of"]


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en", ["Experience", "March 2021~--~Present", r"\cvrow{Courses}", r"\cvrow{GPA}"]),
        ("de", ["Berufserfahrung", "März 2021~--~heute", r"\cvrow{Kurse}", r"\cvrow{Note}"]),
        ("fr", ["Expérience professionnelle", "mars 2021~--~aujourd'hui", r"\cvrow{Cours}"]),
        ("es", ["Experiencia", "marzo 2021~--~actualidad", r"\cvrow{Cursos}"]),
        ("pt", ["Experiência profissional", "março 2021~--~atual", r"\cvrow{Disciplinas}"]),
        ("it", ["Esperienza professionale", "marzo 2021~--~oggi", r"\cvrow{Corsi}"]),
        ("zh", ["工作经历", "2021年3月~--~至今", r"\cvrow{主修课程}"]),
        ("ja", ["職歴", "2021年3月~--~現在", r"\cvrow{履修科目}"]),
        ("ko", ["경력", "2021년 3월~--~현재", r"\cvrow{수강 과목}"]),
    ],
)
def test_section_titles_months_and_present_follow_the_locale(
    locale: str, expected: list[str]
) -> None:
    source = tex(DOC + f"locale: {locale}\n")
    for needle in expected:
        assert needle in source, needle


def test_strings_and_titles_can_be_overridden_in_the_resume() -> None:
    source = tex(
        DOC.replace("design: {", "design: {section_titles: {work: Stationen}, ")
        + "locale: de\nstrings: {present: bis heute, courses: Vorlesungen}\n"
    )
    assert "März 2021~--~bis heute" in source
    assert r"\cvrow{Vorlesungen}" in source
    assert r"\cvsection{Stationen}" in source


def test_unknown_locale_and_string_keys_have_a_did_you_mean() -> None:
    with pytest.raises(InputError) as exc:
        validate(load_text("basics: {name: A}\nlocale: deu\nstrings: {presnt: now}\n"))
    messages = [d.message for d in exc.value.diagnostics]
    assert any('unknown locale "deu"; did you mean "de"?' in m for m in messages)
    assert any('unknown string "presnt"; did you mean "present"?' in m for m in messages)


def test_region_codes_use_the_language() -> None:
    assert "Berufserfahrung" in tex(DOC + "locale: de-AT\n")


@pytest.mark.tex
def test_locale_on_the_command_line_and_in_the_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cv.yaml").write_text(DOC, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["build", "cv.yaml", "--locale", "de", "-t", "academic"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    text = pdf_text(tmp_path / "cv.pdf")
    assert "Berufserfahrung" in text
    assert "März 2021 – heute" in text
    assert "Seite 1 von 1" in text


@pytest.mark.tex
@pytest.mark.parametrize("locale", ["fr", "es", "pt", "it"])
def test_latin_locales_build_with_the_bundled_engine(tmp_path: Path, locale: str) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(DOC + f"locale: {locale}\n", encoding="utf-8")
    build(BuildRequest(source=source))
    assert LOCALES[locale].titles["work"] in pdf_text(tmp_path / "cv.pdf")


def hyphenation_warnings(report_warnings: tuple[object, ...]) -> list[str]:
    return [w.message for w in report_warnings if "hyphenation" in w.message]  # type: ignore[attr-defined]


@pytest.mark.tex
def test_hyphenation_follows_the_locale_where_the_engine_has_the_patterns(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(DOC + "locale: de\n", encoding="utf-8")
    report = build(BuildRequest(source=source, engine="xelatex", keep_tex=True))
    assert r"\usepackage[shorthands=off, ngerman]{babel}" in (tmp_path / "cv.tex").read_text(
        encoding="utf-8"
    )
    assert hyphenation_warnings(report.warnings) == []


@pytest.mark.tex
def test_the_bundled_engine_warns_once_that_it_has_english_patterns_only(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(DOC + "locale: fr\n", encoding="utf-8")
    out = tmp_path / "out"
    report = build(BuildRequest(source=source, output=out, templates=("classic", "modern")))
    (warning,) = hyphenation_warnings(report.warnings)
    assert "the bundled pdflatex has no hyphenation patterns for Français" in warning
    assert [p.name for p in report.outputs] == ["cv-classic.pdf", "cv-modern.pdf"]


@pytest.mark.tex
def test_english_loads_english_patterns_and_cjk_none(tmp_path: Path) -> None:
    for locale, expected in (("en", "english"), ("zh", None)):
        source = tmp_path / f"{locale}.yaml"
        source.write_text(DOC + f"locale: {locale}\n", encoding="utf-8")
        report = build(BuildRequest(source=source, tex_only=True))
        source_tex = report.outputs[0].read_text(encoding="utf-8")
        assert ("babel" in source_tex) == (expected is not None)
        assert hyphenation_warnings(report.warnings) == []


@pytest.mark.tex
@pytest.mark.parametrize("locale", ["de", "fr", "es", "pt", "it"])
def test_latin_locales_build_with_their_patterns_on_xelatex(tmp_path: Path, locale: str) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(DOC + f"locale: {locale}\n", encoding="utf-8")
    report = build(BuildRequest(source=source, engine="xelatex"))
    assert hyphenation_warnings(report.warnings) == []
    # Section titles are in small capitals, which CMU's OpenType fonts extract as capitals.
    assert LOCALES[locale].titles["work"].lower() in pdf_text(tmp_path / "cv.pdf").lower()


def test_month_names_can_be_overridden() -> None:
    source = tex(
        DOC + "locale: de\nstrings:\n  months: Jänner Feber März April Mai Juni Juli August "
        "September Oktober November Dezember\n"
    )
    assert "März 2021" in source
    january = tex(
        DOC.replace("2021-03", "2021-01") + "locale: de\nstrings:\n  months: Jänner Feber "
        "März April Mai Juni Juli August September Oktober November Dezember\n"
    )
    assert "Jänner 2021" in january
    with pytest.raises(InputError) as exc:
        validate(load_text("basics: {name: A}\nstrings: {months: Jan Feb}\n"))
    assert "twelve month names" in exc.value.render()


@pytest.mark.tex
def test_korean_builds_with_its_words(tmp_path: Path) -> None:
    """The ko locale's words are Hangul: the engine choice moves to xelatex for them."""
    assert get_locale("ko-KR").string("present") == "현재"
    source = tmp_path / "cv.yaml"
    source.write_text(DOC + "locale: ko\n", encoding="utf-8")
    build(BuildRequest(source=source))
    text = pdf_text(tmp_path / "cv.pdf")
    assert "경력" in text and "현재" in text


def test_a_language_name_in_the_file_suggests_its_locale() -> None:
    from cvtex.errors import InputError
    from cvtex.model.validate import validate
    from cvtex.source.loader import load_text

    with pytest.raises(InputError) as caught:
        validate(load_text("basics: {name: A}\nlocale: german\n", "cv.yaml"))
    (error,) = caught.value.diagnostics
    assert error.path == ("locale",)
    assert 'unknown locale "german"; did you mean "de" (German)?' in error.message


def test_the_light_list_of_locale_codes_is_the_locale_table() -> None:
    from cvtex.model.locale_codes import LOCALE_CODES
    from cvtex.model.locales import LOCALES

    assert tuple(LOCALES) == LOCALE_CODES


def test_every_strings_problem_is_reported_at_its_own_key() -> None:
    from cvtex.errors import InputError
    from cvtex.model.validate import validate
    from cvtex.source.loader import load_text

    text = (
        "basics: {name: A}\nstrings:\n  present: now\n  foo: y\n  months: a b\n  months_short: x\n"
    )
    with pytest.raises(InputError) as caught:
        validate(load_text(text, "cv.yaml"))
    found = [(d.path, d.position.line if d.position else None) for d in caught.value.diagnostics]
    assert found == [
        (("strings", "foo"), 4),
        (("strings", "months"), 5),
        (("strings", "months_short"), 6),
    ]
