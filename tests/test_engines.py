"""Engines and scripts: auto selection, CJK and other scripts on every engine that
claims them, missing glyphs, right-to-left refusal, and cvtex doctor."""

from __future__ import annotations

import json
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import RESUME_YAML, Machine, cmap_glyph, machine_env, pdf_glyphs, pdf_text
from cvtex.backends.latex.engine import select_engine
from cvtex.backends.latex.probes import Probes
from cvtex.backends.latex.templates import builtin_manifest, builtin_names
from cvtex.backends.latex.texdiagnostics import missing_glyph_warnings
from cvtex.build import BuildRequest, build, load_and_validate
from cvtex.cli import cli
from cvtex.errors import EnvironmentProblem, InputError, UsageProblem
from cvtex.exit_status import ExitStatus
from cvtex.model.scripts import cjk_variant, printed_words, script_of

pytestmark = pytest.mark.tex

SCRIPTS = {
    "latin": ("Zoë Łukasiewicz-Ñúñez", "Développeuse à Zürich, Kraków & São Paulo", "en"),
    "cyrillic": ("Иван Петров", "Разработал систему хранения данных", "en"),
    "greek": ("Ελένη Παπαδοπούλου", "Σχεδίασε κατανεμημένα συστήματα", "en"),
    "chinese": ("王小明", "负责分布式存储系统的设计与实现", "zh"),
    "japanese": ("山田太郎", "分散ストレージシステムの設計と実装を担当", "ja"),
    "korean": ("김민준", "분산 스토리지 시스템의 설계 및 구현", "en"),
    # Latin letters outside pdflatex's T1 tables (ơ, ư, ễ): set by xelatex.
    "vietnamese": ("Trần Thị Ơn", "Kỹ sư phần mềm, Hà Nội", "en"),
}


def resume_in(script: str) -> str:
    name, bullet, locale = SCRIPTS[script]
    return (
        f"basics:\n  name: {name}\n  email: someone@example.com\nlocale: {locale}\n"
        f"work:\n  - name: {name}\n    startDate: 2020-01\n    highlights: ['{bullet}']\n"
    )


@pytest.mark.parametrize(
    ("scripts", "engine", "cjk"),
    [
        ([], "pdflatex", None),
        (["cyrillic"], "xelatex", None),
        (["greek", "symbol"], "xelatex", None),
        (["chinese"], "xelatex", "chinese"),
        (["japanese", "chinese"], "xelatex", "japanese"),
        (["korean"], "xelatex", "korean"),
        (["latin-extended"], "xelatex", None),
    ],
)
def test_auto_picks_pdflatex_for_latin_and_xelatex_otherwise(
    scripts: list[str], engine: str, cjk: str | None
) -> None:
    choice = select_engine("auto", scripts, probes=Probes())
    assert (choice.engine.name, choice.cjk) == (engine, cjk)
    assert choice.engine.bundled == (engine == "pdflatex")
    assert "lualatex" not in choice.reason


def test_lualatex_only_by_name_and_noted_when_unconfined(monkeypatch: pytest.MonkeyPatch) -> None:
    choice = select_engine("lualatex", ["cyrillic"], probes=Probes())
    assert choice.engine.name == "lualatex"
    assert choice.notes == ()  # Landlock confines its Lua on this machine (and in CI)
    monkeypatch.setenv("CVTEX_SANDBOX", "off")
    choice = select_engine("lualatex", ["cyrillic"], probes=Probes())
    assert choice.notes[0][0] == "lualatex-unsandboxed"
    assert "Lua code in the document could read and write any file" in choice.notes[0][1]


def test_an_engine_given_by_path() -> None:
    path = shutil.which("xelatex")
    assert path is not None
    assert select_engine(path, [], probes=Probes()).engine.name == "xelatex"
    # Only the command line and the environment name a path: their mistake, exit 2.
    with pytest.raises(UsageProblem, match="unknown engine"):
        select_engine("texmaker", [], probes=Probes())


def test_a_missing_engine_names_the_apt_line_and_exits_4(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(resume_in("chinese"), encoding="utf-8")
    monkeypatch.setenv("PATH", str(tmp_path))
    result = CliRunner().invoke(cli, ["build", str(source)], catch_exceptions=False)
    assert result.exit_code == ExitStatus.ENVIRONMENT
    assert "xelatex is needed (the text needs chinese glyphs) but is not installed" in result.stderr
    assert "sudo apt-get install texlive-xetex" in result.stderr


@pytest.mark.parametrize("engine", ["xelatex", "lualatex"])
@pytest.mark.parametrize("template", builtin_names())
def test_every_template_builds_resume_yaml_on_every_engine_it_claims(
    tmp_path: Path, template: str, engine: str
) -> None:
    assert engine in builtin_manifest(template).engines
    out = tmp_path / "cv.pdf"
    report = build(
        BuildRequest(source=RESUME_YAML, output=out, templates=(template,), engine=engine)
    )
    assert report.engine is not None and report.engine.startswith(engine)
    text = pdf_text(out)
    for needle in ("17/129", "C#", "EuroSys'25", "Multi-level Checkpoint Cache for LLM Training"):
        assert needle in text


def test_english_resume_with_a_chinese_name(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(
        "basics:\n  name: Yizhen Yao (姚一真)\n"
        "work:\n  - name: Huawei\n    highlights: [Led the team]\n",
        encoding="utf-8",
    )
    report = build(BuildRequest(source=source))
    text = pdf_text(report.outputs[0]).lower()  # the name is in small capitals
    assert "yizhen yao (姚一真)" in text
    assert "experience" in text


def test_a_glyph_no_font_has_is_dropped_with_a_warning_at_the_field(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text("basics:\n  name: Ada\nwork:\n  - name: Rocket 🚀 Labs\n", encoding="utf-8")
    report = build(BuildRequest(source=source))
    (warning,) = [w for w in report.warnings if "no font has" in w.message]
    assert warning.path == ("work", 0, "name")
    assert warning.position is not None and warning.position.line == 4
    assert "U+1F680" in warning.message
    # The glyph is not drawn; xelatex's ActualText keeps the character in the text layer.
    assert "Rocket 🚀 Labs" in pdf_text(report.outputs[0])
    before = report.outputs[0].read_bytes()
    with pytest.raises(InputError) as exc:
        build(BuildRequest(source=source, strict=True, use_cache=False))
    assert "it was left out (an error under --strict)" in exc.value.render()
    assert report.outputs[0].read_bytes() == before  # the last good PDF is kept


def test_right_to_left_text_is_refused_clearly(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text("basics:\n  name: Ada\n  label: مهندسة برمجيات\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(source)], catch_exceptions=False)
    assert result.exit_code == ExitStatus.INVALID_INPUT
    assert f"{source}:3:10: error[rtl-script]: basics.label: right-to-left scripts" in result.stderr
    assert "not supported yet" in result.stderr


def test_engine_key_in_the_resume(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text("basics: {name: Ada}\nengine: xelatex\n", encoding="utf-8")
    assert build(BuildRequest(source=source)).engine.startswith("xelatex")  # type: ignore[union-attr]


def test_doctor_reports_engines_fonts_and_templates() -> None:
    result = CliRunner().invoke(cli, ["doctor"], catch_exceptions=False)
    assert result.exit_code == 0
    for needle in (
        "pdflatex (bundled)  ok",
        "xelatex             ok",
        "CJK   ok",
        "default build: ok",
    ):
        assert needle in result.output


def test_doctor_exits_4_when_the_default_build_cannot_run(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    no_tex = machine_env(path=str(tmp_path), bundled_pdflatex=None)
    result = CliRunner().invoke(cli, ["doctor"], catch_exceptions=False, obj=no_tex)
    assert result.exit_code == ExitStatus.ENVIRONMENT
    assert "default build: cannot run" in result.output


def test_a_missing_font_names_the_apt_line_and_exits_4(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    only_cmu = machine_env(font_families=frozenset({"CMU Serif"}))
    source = tmp_path / "cv.yaml"
    source.write_text(resume_in("korean"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(source)], catch_exceptions=False, obj=only_cmu)
    assert result.exit_code == ExitStatus.ENVIRONMENT
    assert "Noto Serif CJK KR" in result.stderr
    assert "sudo apt-get install texlive-xetex texlive-lang-chinese" in result.stderr


def test_the_system_pdflatex_is_used_and_named_when_the_bundled_one_cannot_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    choice = select_engine("auto", [], probes=Machine(bundled_pdflatex=None))
    assert not choice.engine.bundled
    assert "the bundled pdflatex does not run on this platform" in choice.notes[0][1]


def test_lualatex_refuses_cjk_clearly() -> None:
    with pytest.raises(EnvironmentProblem, match="CJK text needs xelatex"):
        select_engine("lualatex", ["chinese"], probes=Probes())


def test_auto_keeps_pdflatex_only_for_characters_its_tables_declare() -> None:
    from cvtex.backends.latex.probes import pdflatex_charset
    from cvtex.model.scripts import script_of

    charset = pdflatex_charset()
    assert charset is not None and "é" in charset and "Ł" in charset and "€" in charset
    assert [script_of(c, charset) for c in "éŁ€°"] == [None, None, None, None]
    assert [script_of(c, charset) for c in "ơƏĦ"] == ["latin-extended"] * 3


# -- the text layer: what pdftotext reads is what the résumé says ----------------

TEX_SPECIALS = "Say \"hi\" `tick' -- 50% #1 $5 & a_b ^ ~ {x} \\ <<q>> ,,low'' ffi 0123456789"
"""Characters TeX or its ligatures would turn into something else, and digits."""

TEXT_GROUPS: dict[str, tuple[str, ...]] = {
    "latin": ("Zoë Łukasiewicz-Ñúñez", "Développeuse à Zürich, Kraków & São Paulo"),
    "latin-extended": ("Trần Thị Ơn", "Kỹ sư phần mềm, Hà Nội"),
    "cyrillic": ("Иван Петров", "Разработал систему хранения данных"),
    "greek": ("Ελένη Παπαδοπούλου", "Σχεδίασε κατανεμημένα συστήματα"),
    "chinese": ("王小明", "负责分布式存储系统的设计与实现，撰写技术文档"),
    "japanese": ("山田太郎", "分散ストレージの設計と実装、技術文書の作成"),
    "korean": ("김민준", "분산 스토리지 시스템의 설계 및 기술 문서(文書) 작성"),
}
"""(a company, a line about the work) per script; 文 is drawn differently by each CJK face."""

CJK_FACE = {"chinese": "SC", "japanese": "JP", "korean": "KR"}
DOCUMENTS: dict[str, list[tuple[str, ...]]] = {
    # engine: the documents it is tested with, each the scripts it claims in one résumé
    # (one CJK language per document: a document has one CJK face).
    "pdflatex": [("latin",)],
    "xelatex": [
        ("latin", "latin-extended", "cyrillic", "greek", "chinese"),
        ("latin", "japanese"),
        ("latin", "korean"),
    ],
    "lualatex": [("latin", "latin-extended", "cyrillic", "greek")],
}
MATRIX = [
    pytest.param(template, engine, scripts, id=f"{template}-{engine}-{scripts[-1]}")
    for template in builtin_names()
    for engine, documents in DOCUMENTS.items()
    for scripts in documents
]


def layer_text(text: str) -> str:
    """NFKC, the apostrophes made plain, spaces kept (runs of white space as one).
    Double quotes and hyphens stay as they are: a straight " must print straight, and
    a typed - must not extract as U+2010 or U+2011."""
    text = unicodedata.normalize("NFKC", text)
    for variant, plain in (("\u2019", "'"), ("\u2018", "'")):
        text = text.replace(variant, plain)
    return " ".join(text.split())


def text_layer_resume(scripts: tuple[str, ...]) -> tuple[dict[str, object], list[str], list[str]]:
    """A résumé in ``scripts``, the texts that must extract exactly, and those that may
    extract in capitals (the name, section titles: small caps or upper case)."""
    cjk = next((s for s in scripts if s in CJK_FACE), None)
    name = {"japanese": "山田太郎", "korean": "김민준"}.get(cjk or "", "Richard Hendriks")
    work = [
        {"name": TEXT_GROUPS[s][0], "startDate": "2020-01", "highlights": [TEXT_GROUPS[s][1]]}
        for s in scripts
    ]
    resume: dict[str, object] = {
        "basics": {"name": name, "label": TEX_SPECIALS, "email": "someone@example.com"},
        "work": work,
        "education": [{"institution": "Stanford", "area": "Physics", "startDate": "2010"}],
    }
    # A title with a letter Noto Sans CJK lacks, printed in capitals by modern.
    resume["design"] = {"section_titles": {"education": "Wykształcenie"}}
    titles = ["Experience", "Wykształcenie"]
    if cjk == "japanese":
        del resume["design"]
        resume["locale"] = "ja"  # the locale's own words: 職歴, 学歴, 現在
        titles = ["職歴", "学歴", "現在"]
    if cjk == "korean":
        resume["design"] = {"section_titles": {"work": "주요 경력", "education": "학력 사항"}}
        titles = ["주요 경력", "학력 사항"]
    exact = [TEX_SPECIALS, *(t for s in scripts for t in TEXT_GROUPS[s])]
    return resume, exact, [name, *titles]


@pytest.mark.parametrize(("template", "engine", "scripts"), MATRIX)
def test_the_text_layer_is_the_source_text(
    tmp_path: Path, template: str, engine: str, scripts: tuple[str, ...]
) -> None:
    """Every template on every engine, with each script the engine claims: pdftotext
    gives the source text, spaces included, and nothing a font invented (mixed-case
    small caps, fullwidth digits, private-use icons); CJK in the language's own face."""
    resume, exact, capitals = text_layer_resume(scripts)
    source = tmp_path / "cv.json"
    source.write_text(json.dumps(resume, ensure_ascii=False), encoding="utf-8")
    asked = "lualatex" if engine == "lualatex" else None  # auto picks the other two
    report = build(BuildRequest(source=source, templates=(template,), engine=asked))
    assert report.engine is not None and report.engine.startswith(engine)
    assert not [w for w in report.warnings if w.code == "missing-glyph"]
    raw = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(report.outputs[0]), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    invented = {
        f"U+{ord(c):04X}"
        for c in raw
        if (unicodedata.category(c) in ("Cc", "Co") and c not in "\n\f")
        or (unicodedata.east_asian_width(c) == "F" and c not in "".join(exact))
        or c == "\ufffd"
    }
    assert not invented, f"characters no source has: {sorted(invented)}"
    text = layer_text(raw)
    for needle in map(layer_text, exact):
        assert needle in text
    for needle in map(layer_text, capitals):  # small caps extract as capitals or as written
        assert needle in text or needle.upper() in text, needle
    cjk = next((s for s in scripts if s in CJK_FACE), None)
    if cjk is not None:
        drawn = pdf_glyphs(report.outputs[0], "文")
        assert drawn
        for font, glyph in drawn:
            family = "Serif" if "Serif" in font else "Sans"
            assert glyph == cmap_glyph(f"Noto {family} CJK {CJK_FACE[cjk]}", "文"), font


# -- the words cvtex prints itself count for the engine and the warnings -----------


def _drawn_in_face(pdf: Path, text: str, face: str) -> None:
    """Each character of ``text`` whose glyph differs between the CJK faces is drawn
    with ``face``'s (at least one such character must be there)."""
    checked = 0
    for char in dict.fromkeys(text):
        if script_of(char) not in CJK_FACE:
            continue
        faces = {v: cmap_glyph(f"Noto Serif CJK {v}", char) for v in ("SC", "TC", "JP", "KR")}
        if len(set(faces.values())) == 1:
            continue
        drawn = pdf_glyphs(pdf, char)
        assert drawn, char
        for font, glyph in drawn:
            family = "Serif" if "Serif" in font else "Sans"
            assert glyph == cmap_glyph(f"Noto {family} CJK {face}", char), (char, font)
        checked += 1
    assert checked, f"no character of {text!r} tells the faces apart"


@pytest.mark.parametrize(
    ("locale", "engine", "face", "title", "label"),
    [
        ("zh", None, "SC", "教育背景", "技术文档"),
        ("zh-TW", None, "TC", "教育背景", "技術文件"),
        ("ja", "xelatex", "JP", "学歴", "技術文書"),
    ],
)
def test_a_cjk_locale_on_a_latin_resume_prints_its_own_words_in_its_face(
    tmp_path: Path, locale: str, engine: str | None, face: str, title: str, label: str
) -> None:
    """The locale's title needs a CJK font; Han-only text takes the locale's face (文 is
    drawn three ways)."""
    out = tmp_path / "cv.pdf"
    args = ["build", str(RESUME_YAML), "-q", "--locale", locale, "-o", str(out)]
    args += ["--set", f"basics.label={label}", *(["--engine", engine] if engine else [])]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "missing-glyph" not in result.stderr
    text = pdf_text(out)
    assert title in text and label in text
    _drawn_in_face(out, label, face)


def test_pdflatex_with_a_cjk_locale_fails_at_the_locale_with_the_fix() -> None:
    result = CliRunner().invoke(
        cli, ["build", str(RESUME_YAML), "--tex-only", "--locale", "zh", "--engine", "pdflatex"]
    )
    assert result.exit_code == ExitStatus.INVALID_INPUT
    assert (
        'locale "zh" prints words such as "个人简介", which pdflatex cannot set: '
        "use --engine xelatex (or auto), or build without --locale"
    ) in result.stderr


def test_korean_section_titles_pick_xelatex_and_the_korean_face(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(
        "basics: {name: Ada Lovelace}\n"
        "design:\n  section_titles: {work: 주요 경력}\n"
        "work:\n  - name: Analytical Engines\n",
        encoding="utf-8",
    )
    report = build(BuildRequest(source=source))
    assert report.engine is not None and report.engine.startswith("xelatex")
    assert "주요 경력" in pdf_text(report.outputs[0])  # the space kept
    assert pdf_glyphs(report.outputs[0], "경") == {
        (font, cmap_glyph("Noto Serif CJK KR", "경"))
        for font, _ in pdf_glyphs(report.outputs[0], "경")
    }
    source.write_text(source.read_text(encoding="utf-8") + "engine: pdflatex\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        build(BuildRequest(source=source, tex_only=True))
    (error,) = exc.value.diagnostics
    assert error.path == ("design", "section_titles", "work")
    assert error.position is not None and error.position.line == 3
    assert '"주요 경력" needs xelatex' in error.message
    assert "set engine: xelatex" in error.message


def test_a_dropped_glyph_in_a_section_title_is_warned_about_at_the_title(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(
        "basics: {name: Ada}\ndesign:\n  section_titles: {work: Launches 🚀}\n"
        "work:\n  - name: Rockets\n",
        encoding="utf-8",
    )
    report = build(BuildRequest(source=source))
    (warning,) = [w for w in report.warnings if w.code == "missing-glyph"]
    assert warning.path == ("design", "section_titles", "work")
    assert warning.position is not None and warning.position.line == 3
    assert '"Launches 🚀" (the title of "work"); no font has the character 🚀' in warning.message


def test_a_dropped_glyph_in_a_locale_word_is_warned_about_at_the_locale(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text("basics: {name: Ada}\nlocale: ja\n", encoding="utf-8")
    document, validated = load_and_validate(source)
    log = "Missing character: There is no 歴 (U+6B74) in font CMU Serif/OT:script=latn;\n"
    warnings = missing_glyph_warnings(log, document, validated, printed_words(validated.resume))
    assert {(w.path, w.position.line if w.position else None) for w in warnings} == {
        (("locale",), 2)
    }
    assert any(
        'the locale "ja" prints "学歴" (the title of "education")' in w.message for w in warnings
    )


@pytest.mark.parametrize(
    ("locale", "scripts", "face"),
    [
        (None, ["chinese"], "chinese"),
        (None, ["chinese", "japanese"], "japanese"),
        ("en", ["korean", "chinese"], "korean"),
        ("ja", ["chinese"], "japanese"),  # Han only, but a Japanese résumé
        ("ko-KR", ["chinese"], "korean"),
        ("zh", ["japanese", "chinese"], "chinese"),
        ("zh-TW", ["chinese"], "traditional-chinese"),
        ("zh_Hant_HK", ["chinese"], "traditional-chinese"),
        ("zh-CN", ["chinese"], "chinese"),
    ],
)
def test_the_cjk_face_follows_the_locale_language_then_the_script(
    locale: str | None, scripts: list[str], face: str
) -> None:
    assert cjk_variant(locale, scripts) == face


def test_a_dropped_capital_is_warned_about_at_the_field_with_its_small_letter(
    tmp_path: Path,
) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text("basics: {name: Ada}\nwork:\n  - name: Doświadczenie\n", encoding="utf-8")
    document, validated = load_and_validate(source)
    log = "Missing character: There is no Ś (U+015A) in font Noto Sans CJK KR/OT;\n"
    (warning,) = missing_glyph_warnings(log, document, validated)
    assert warning.path == ("work", 0, "name")
    assert "no font has the character Ś (U+015A)" in warning.message
    assert "printed for the ś here" in warning.message
