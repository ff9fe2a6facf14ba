"""Engines and scripts: auto selection, CJK and other scripts on every engine that
claims them, missing glyphs, right-to-left refusal, and cvtex doctor."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import RESUME_YAML, normalise_text, pdf_text
from cvtex.build import BuildRequest, build
from cvtex.cli import cli
from cvtex.engine import select_engine
from cvtex.errors import EnvironmentProblem, InputError
from cvtex.exit_status import ExitStatus
from cvtex.templates import builtin_manifest, builtin_names

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
    choice = select_engine("auto", scripts)
    assert (choice.engine.name, choice.cjk) == (engine, cjk)
    assert choice.engine.bundled == (engine == "pdflatex")
    assert "lualatex" not in choice.reason


def test_lualatex_only_by_name_and_noted_when_unconfined(monkeypatch: pytest.MonkeyPatch) -> None:
    choice = select_engine("lualatex", ["cyrillic"])
    assert choice.engine.name == "lualatex"
    assert choice.notes == ()  # Landlock confines its Lua on this machine (and in CI)
    monkeypatch.setenv("CVTEX_SANDBOX", "off")
    choice = select_engine("lualatex", ["cyrillic"])
    assert choice.notes[0][0] == "lualatex-unsandboxed"
    assert "Lua code in the document could read and write any file" in choice.notes[0][1]


def test_an_engine_given_by_path() -> None:
    path = shutil.which("xelatex")
    assert path is not None
    assert select_engine(path, []).engine.name == "xelatex"
    with pytest.raises(EnvironmentProblem, match="unknown engine"):
        select_engine("texmaker", [])


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


@pytest.mark.parametrize("template", builtin_names())
@pytest.mark.parametrize("script", SCRIPTS)
def test_every_script_round_trips_through_every_template(
    tmp_path: Path, template: str, script: str
) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(resume_in(script), encoding="utf-8")
    report = build(BuildRequest(source=source, templates=(template,)))
    expected_engine = "pdflatex" if script == "latin" else "xelatex"
    assert report.engine is not None and report.engine.startswith(expected_engine)
    text = pdf_text(report.outputs[0])
    name, bullet, _ = SCRIPTS[script]
    for needle in (name, bullet):
        assert normalise_text(needle).replace(" ", "") in text.replace(" ", "")


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


@pytest.mark.parametrize("script", ["latin", "cyrillic", "greek"])
def test_lualatex_sets_latin_cyrillic_and_greek(tmp_path: Path, script: str) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(resume_in(script), encoding="utf-8")
    report = build(BuildRequest(source=source, engine="lualatex"))
    assert SCRIPTS[script][1].replace(" ", "") in pdf_text(report.outputs[0]).replace(" ", "")


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
    assert "Rocket Labs" in pdf_text(report.outputs[0]).replace("  ", " ")
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
    monkeypatch.setattr("cvtex.doctor.bundled_pdflatex", lambda: None)
    monkeypatch.setenv("PATH", str(tmp_path))
    result = CliRunner().invoke(cli, ["doctor"], catch_exceptions=False)
    assert result.exit_code == ExitStatus.ENVIRONMENT
    assert "default build: cannot run" in result.output


def test_a_missing_font_names_the_apt_line_and_exits_4(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("cvtex.engine.installed_font_families", lambda: {"CMU Serif"})
    source = tmp_path / "cv.yaml"
    source.write_text(resume_in("korean"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(source)], catch_exceptions=False)
    assert result.exit_code == ExitStatus.ENVIRONMENT
    assert "Noto Serif CJK KR" in result.stderr
    assert "sudo apt-get install texlive-xetex texlive-lang-chinese" in result.stderr


def test_the_system_pdflatex_is_used_and_named_when_the_bundled_one_cannot_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("cvtex.engine.bundled_pdflatex", lambda: None)
    choice = select_engine("auto", [])
    assert not choice.engine.bundled
    assert "the bundled pdflatex does not run on this platform" in choice.notes[0][1]


def test_lualatex_refuses_cjk_clearly() -> None:
    with pytest.raises(EnvironmentProblem, match="CJK text needs xelatex"):
        select_engine("lualatex", ["chinese"])


@pytest.mark.parametrize(
    ("script", "engine"),
    [
        ("latin", "pdflatex"),
        ("latin", "xelatex"),
        ("latin", "lualatex"),
        ("cyrillic", "xelatex"),
        ("cyrillic", "lualatex"),
        ("greek", "xelatex"),
        ("greek", "lualatex"),
        ("chinese", "xelatex"),
        ("japanese", "xelatex"),
        ("korean", "xelatex"),
        ("vietnamese", "xelatex"),
        ("vietnamese", "lualatex"),
    ],
)
def test_every_engine_round_trips_the_scripts_it_claims(
    tmp_path: Path, script: str, engine: str
) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(resume_in(script), encoding="utf-8")
    report = build(BuildRequest(source=source, engine=engine))
    assert report.engine is not None and report.engine.startswith(engine)
    text = pdf_text(report.outputs[0]).replace(" ", "")
    name, bullet, _ = SCRIPTS[script]
    assert normalise_text(name).replace(" ", "") in text
    assert normalise_text(bullet).replace(" ", "") in text
    assert not [w for w in report.warnings if "no font has" in w.message]


def test_auto_keeps_pdflatex_only_for_characters_its_tables_declare() -> None:
    from cvtex.engine import pdflatex_charset
    from cvtex.scripts import script_of

    charset = pdflatex_charset()
    assert charset is not None and "é" in charset and "Ł" in charset and "€" in charset
    assert [script_of(c, charset) for c in "éŁ€°"] == [None, None, None, None]
    assert [script_of(c, charset) for c in "ơƏĦ"] == ["latin-extended"] * 3
