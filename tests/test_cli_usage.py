"""The command line and the environment belong to the user: a mistake there is a usage
error (exit 2) that says what was found and what to do, never a machine problem (4), a
TeX failure (3) or a traceback. Each test here failed before its fix (an outside
tester's findings)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cvtex.cli import cli
from cvtex.exit_status import ExitStatus

RESUME = "basics: {name: Ada}\n"


def run(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], env=env, catch_exceptions=False)


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- cvtex new ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "word"),
    [("my cv.yaml", "'my cv.yaml'"), ("-x.yaml", "./-x.yaml"), ("it's.yaml", None)],
)
def test_new_names_its_file_as_a_shell_reads_it(in_tmp: Path, name: str, word: str | None) -> None:
    result = run("new", "--", name)
    assert result.exit_code == 0, result.output
    word = word or shlex.quote(name)
    assert shlex.split(word) == [name if not name.startswith("-") else f"./{name}"]
    text = (in_tmp / name).read_text(encoding="utf-8")
    assert f"Build it with:   cvtex build {word}\n" in text
    assert result.stderr.endswith(f"Next: edit {word}, then run: cvtex build {word}\n")
    assert run("validate", "--", name).exit_code == 0  # the starter is still valid YAML


def test_new_refuses_to_write_yaml_into_a_json_file(in_tmp: Path) -> None:
    result = run("new", "cv.json")
    assert result.exit_code == ExitStatus.USAGE
    assert "cvtex new writes YAML" in result.stderr
    assert "name it cv.yaml or cv.yml" in result.stderr
    assert not (in_tmp / "cv.json").exists() and not (in_tmp / "resume.schema.json").exists()


def test_new_refuses_a_name_its_comments_cannot_hold(in_tmp: Path) -> None:
    result = run("new", "cv\nname.yaml")
    assert result.exit_code == ExitStatus.USAGE
    assert "choose another name" in result.stderr
    assert list(in_tmp.iterdir()) == []


# -- the starter ---------------------------------------------------------------------

STARTER = Path(__file__).resolve().parents[1] / "src" / "cvtex" / "starter.yaml"


def test_the_starter_lists_every_locale_and_date_format_and_is_strictly_valid(
    in_tmp: Path,
) -> None:
    """It said ``date_format: as_written`` after the default became auto, and left out ko."""
    from typing import get_args

    from cvtex.model.locales import LOCALES
    from cvtex.model.schema_settings import Design

    text = STARTER.read_text(encoding="utf-8")
    lists = [set(found.split(", ")) for found in re.findall(r"\b[a-z]{2}(?:, [a-z]{2}\b)+", text)]
    assert set(LOCALES) in lists
    (line,) = [line for line in text.splitlines() if line.strip().startswith("date_format:")]
    value, _, alternatives = line.split(":", 1)[1].partition("# or ")
    written = {value.strip(), *(choice.strip() for choice in alternatives.split(","))}
    choices = set(get_args(Design.model_fields["date_format"].annotation))
    assert written == choices
    assert value.strip() == Design.model_fields["date_format"].default  # auto

    assert run("new", "cv.yaml").exit_code == 0
    result = run("validate", "--strict", "cv.yaml")
    assert result.exit_code == 0, result.output
    assert result.stderr == "cvtex: cv.yaml is valid\n"  # no warning, no note


# -- --engine and CVTEX_ENGINE ---------------------------------------------------------


def _executable(folder: Path, name: str) -> Path:
    path = folder / name
    path.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def test_an_engine_path_that_is_no_tex_engine_is_a_usage_error(in_tmp: Path) -> None:
    """``--engine /bin/true`` exited 4, "cannot tell which engine /bin/true is"."""
    (in_tmp / "cv.yaml").write_text(RESUME, encoding="utf-8")
    result = run("build", "cv.yaml", "--engine", _executable(in_tmp, "true"))
    assert result.exit_code == ExitStatus.USAGE
    assert f"{in_tmp / 'true'} is not a TeX engine cvtex can run" in result.stderr
    bin_dir = in_tmp / "bin"
    bin_dir.mkdir()
    xelatex = _executable(bin_dir, "xelatex")
    result = run("build", "cv.yaml", "--engine", _executable(bin_dir, "xetex"))
    assert result.exit_code == ExitStatus.USAGE
    assert f'runs plain TeX, not LaTeX; did you mean "{xelatex}"?' in result.stderr
    result = run("build", "cv.yaml", "--engine", bin_dir / "xelatx")
    assert result.exit_code == ExitStatus.USAGE
    assert f'is not an executable file; did you mean "{xelatex}"?' in result.stderr


def test_a_bad_cvtex_engine_is_named_as_the_environment(in_tmp: Path) -> None:
    (in_tmp / "cv.yaml").write_text(RESUME, encoding="utf-8")
    result = run("build", "cv.yaml", "--tex-only", env={"CVTEX_ENGINE": "xelatx"})
    assert result.exit_code == ExitStatus.USAGE
    assert 'Invalid value for CVTEX_ENGINE: unknown engine "xelatx"; did you mean' in result.stderr


def test_doctor_reports_a_bad_cvtex_engine_and_exits_2(in_tmp: Path) -> None:
    """doctor said "default build: ok" (exit 0) where build exits 2."""
    result = run("doctor", env={"CVTEX_ENGINE": "xelatx"})
    assert result.exit_code == ExitStatus.USAGE
    assert 'CVTEX_ENGINE: unknown engine "xelatx"; did you mean "xelatex"?' in result.stdout
    assert "default build: ok" not in result.stdout
    assert result.stderr.startswith("cvtex: CVTEX_ENGINE: unknown engine")


def test_doctor_exits_4_when_the_engine_cvtex_engine_names_is_missing(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(in_tmp))  # no system engines; the bundled one stays
    result = run("doctor", env={"CVTEX_ENGINE": "xelatex"})
    assert result.exit_code == ExitStatus.ENVIRONMENT
    assert "default build: cannot run: no xelatex, which CVTEX_ENGINE asks for" in result.stdout
    assert run("doctor", env={"CVTEX_ENGINE": "auto"}).exit_code == 0


# -- SOURCE_DATE_EPOCH -------------------------------------------------------------------


@pytest.mark.parametrize("value", ["abc", "-1", " 5", "1e5", "253402300800", "١٢"])
def test_a_bad_source_date_epoch_is_a_usage_error_before_tex_runs(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    """It exited 3 with only "TeX failed: pdflatex failed"."""

    def no_tex(*_: object, **__: object) -> None:
        raise AssertionError("TeX ran")

    monkeypatch.setattr("cvtex.build.compile_latex", no_tex)
    (in_tmp / "cv.yaml").write_text(RESUME, encoding="utf-8")
    result = run("build", "--no-cache", "cv.yaml", env={"SOURCE_DATE_EPOCH": value})
    assert result.exit_code == ExitStatus.USAGE
    assert f"SOURCE_DATE_EPOCH is {value!r}, but it must be a whole number of seconds" in (
        result.stderr
    )
    assert run("build", "--tex-only", "cv.yaml", env={"SOURCE_DATE_EPOCH": value}).exit_code == 0


def test_an_empty_source_date_epoch_is_unset_not_1970() -> None:
    from cvtex.backends.latex.tex_run import check_source_date_epoch, sandbox_environment

    check_source_date_epoch({"SOURCE_DATE_EPOCH": ""})
    check_source_date_epoch({"SOURCE_DATE_EPOCH": "0"})
    assert "SOURCE_DATE_EPOCH" not in sandbox_environment({"SOURCE_DATE_EPOCH": ""})
    assert sandbox_environment({"SOURCE_DATE_EPOCH": "0"})["SOURCE_DATE_EPOCH"] == "0"


def test_the_cache_tells_builds_with_another_source_date_epoch_apart(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A PDF cached without SOURCE_DATE_EPOCH was handed to a build that set it."""
    from cvtex.backends.latex.cache import cache_key
    from cvtex.backends.latex.engine import Engine

    engine = Engine("pdflatex", Path("/nonexistent/pdflatex"), bundled=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    unset = cache_key("x", engine)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "")
    assert cache_key("x", engine) == unset
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert cache_key("x", engine) != unset


# -- -o --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("output", "words"),
    [
        ("cv.pdf/", "-o cv.pdf/: cv.pdf is a file, not a folder (leave out the / to write"),
        ("cv.pdf/sub.pdf", "cv.pdf is a file, not a folder, so cv.pdf/sub.pdf cannot be"),
        ("cv.pdf/a/b.tex", "cv.pdf is a file, not a folder, so cv.pdf/a/b.tex cannot be"),
    ],
)
def test_an_output_under_a_file_is_a_usage_error(in_tmp: Path, output: str, words: str) -> None:
    """Both exited 4, "cannot write cv.pdf/cv.pdf: File exists"."""
    (in_tmp / "cv.yaml").write_text(RESUME, encoding="utf-8")
    (in_tmp / "cv.pdf").write_bytes(b"%PDF-1.5 old\n")
    tex_only = ("--tex-only",) if output.endswith(".tex") else ()
    result = run("build", "cv.yaml", "--keep-tex", *tex_only, "-o", output)
    assert result.exit_code == ExitStatus.USAGE
    assert words in result.stderr
    assert (in_tmp / "cv.pdf").read_bytes() == b"%PDF-1.5 old\n"


def test_several_templates_into_a_file_name_a_folder(in_tmp: Path) -> None:
    (in_tmp / "cv.yaml").write_text(RESUME, encoding="utf-8")
    (in_tmp / "out").write_text("a file", encoding="utf-8")
    result = run("build", "cv.yaml", "-t", "classic", "-t", "modern", "--tex-only", "-o", "out/")
    assert result.exit_code == ExitStatus.USAGE
    assert "-o out/: out is a file, not a folder (name a folder for the 2 PDFs)" in result.stderr


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("-o", "-"), "cvtex writes the PDF to a file; give its name (e.g. -o resume.pdf)"),
        (("-o", ""), "the name is empty; give a file or folder name"),
        (("-o", "out.tex"), "-o out.tex names a LaTeX file, but build writes a PDF: add "),
        (("-o", "OUT.TEX", "--keep-tex"), "or name the PDF OUT.pdf"),
        (("--tex-only", "-o", "x.pdf"), "--tex-only writes LaTeX, but -o x.pdf names a PDF"),
    ],
)
def test_an_output_name_build_cannot_honour_is_a_usage_error(
    in_tmp: Path, args: tuple[str, ...], words: str
) -> None:
    """``-o -`` wrote a file named -, ``-o out.tex`` a PDF named out.tex, ``-o ""`` was
    ignored."""
    (in_tmp / "cv.yaml").write_text(RESUME, encoding="utf-8")
    result = run("build", "cv.yaml", *args)
    assert result.exit_code == ExitStatus.USAGE
    assert words in result.stderr
    assert sorted(p.name for p in in_tmp.iterdir()) == ["cv.yaml"]


def test_a_file_named_dash_is_still_possible(in_tmp: Path) -> None:
    (in_tmp / "cv.yaml").write_text(RESUME, encoding="utf-8")
    assert run("build", "cv.yaml", "--tex-only", "-o", "./-").exit_code == 0
    assert (in_tmp / "-").read_text(encoding="utf-8").startswith("%")


# -- --locale --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("", "the locale is empty; give one of en, de, fr"),
        ("german", 'unknown locale "german"; did you mean "de" (German)? (supported: en, de'),
        ("Français", 'unknown locale "Français"; did you mean "fr" (French)?'),
        ("japanse", 'unknown locale "japanse"; did you mean "ja" (Japanese)?'),
        ("xx", 'unknown locale "xx" (supported: en, de'),
    ],
)
def test_a_locale_the_command_line_names_wrongly_is_a_usage_error(
    in_tmp: Path, value: str, words: str
) -> None:
    """``--locale ""`` was accepted and ignored; ``--locale german`` said "unknown locale
    "german"; (supported…" with a stray "; " and no hint."""
    (in_tmp / "cv.yaml").write_text(RESUME, encoding="utf-8")
    result = run("build", "--tex-only", "--locale", value, "cv.yaml")
    assert result.exit_code == ExitStatus.USAGE
    assert f"Invalid value for '--locale': {words}" in result.stderr
    assert '"; (' not in result.stderr


def test_every_locale_has_an_english_name() -> None:
    from cvtex.model.locales import ENGLISH_NAMES, LOCALES, locale_named

    assert list(ENGLISH_NAMES) == list(LOCALES)
    for code, locale in LOCALES.items():
        assert locale_named(locale.name) == locale_named(ENGLISH_NAMES[code].upper()) == code


# -- a missing input file ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("present", "given", "meant"),
    [
        ("cv.yaml", "cv", "cv.yaml"),
        ("cv.yml", "cv", "cv.yml"),
        ("cv.json", "cv", "cv.json"),
        ("cv.yaml", "cv.yml", "cv.yaml"),
        ("resume.yaml", "resme.yaml", "resume.yaml"),
        ("sub/cv.yaml", "sub/cv", "sub/cv.yaml"),
    ],
)
@pytest.mark.parametrize("command", ["build", "validate"])
def test_a_missing_input_file_gets_a_did_you_mean(
    in_tmp: Path, command: str, present: str, given: str, meant: str
) -> None:
    (in_tmp / present).parent.mkdir(exist_ok=True)
    (in_tmp / present).write_text(RESUME, encoding="utf-8")
    result = run(command, given)
    assert result.exit_code == ExitStatus.USAGE
    assert f'File "{given}" does not exist; did you mean "{meant}"?' in result.stderr


def test_no_resume_yaml_names_the_one_resume_here_or_cvtex_new(in_tmp: Path) -> None:
    result = run("validate")
    assert result.exit_code == ExitStatus.USAGE
    assert "write a starter with: cvtex new" in result.stderr
    (in_tmp / "resume.schema.json").write_text("{}", encoding="utf-8")
    (in_tmp / "lebenslauf.yaml").write_text(RESUME, encoding="utf-8")
    result = run("validate")
    assert result.exit_code == ExitStatus.USAGE
    assert 'File "resume.yaml" does not exist; did you mean "lebenslauf.yaml"?' in result.stderr
    assert run("validate", "nothing-like-it").exit_code == ExitStatus.USAGE


# -- template.yaml in the résumé's words ---------------------------------------------------


def _template(folder: Path, manifest: str) -> Path:
    folder.mkdir()
    (folder / "resume.tex.j2").write_text('\\BLOCK{extends "classic/resume.tex.j2"}\n', "utf-8")
    (folder / "template.yaml").write_text(manifest, encoding="utf-8")
    return (folder / "template.yaml").resolve()


@pytest.mark.parametrize(
    ("manifest", "located"),
    [
        (
            "description: mine\nfoo: 1\n",
            '2:1: error[unknown-key]: foo: unknown key "foo" (keys: description, extends, ',
        ),
        (
            "description: mine\nextend: classic\n",
            '2:1: error[unknown-key]: extend: unknown key "extend"; did you mean "extends"?',
        ),
        ("description: ''\n", "1:14: error[invalid-value]: description: "),
        ("description: mine\nextends: [classic]\n", "2:1: error[invalid-value]: extends: a list, "),
        (
            "description: mine\nengines: xelatex\n",
            "2:10: error[invalid-value]: engines: text, expected a list (e.g. [xelatex])",
        ),
        (
            "description: mine\nengines: [xetex]\n",
            '2:11: error[invalid-value]: engines[0]: unknown value "xetex"; did you mean '
            '"xelatex"? (use pdflatex, xelatex, lualatex)',
        ),
        (
            "description: mine\noptions:\n  x: {type: text, default: [a], description: d}\n",
            "3:19: error[invalid-value]: options.x.default: a list, expected text, true/false "
            "or a number",
        ),
    ],
)
def test_template_yaml_errors_read_like_the_resumes(
    in_tmp: Path, manifest: str, located: str
) -> None:
    """They were pydantic's: "Extra inputs are not permitted", "Field required", "Input
    should be a valid string", without a code."""
    path = _template(in_tmp / "mine", manifest)
    (in_tmp / "cv.yaml").write_text(RESUME, encoding="utf-8")
    result = run("validate", "cv.yaml", "-t", "./mine")
    assert result.exit_code == ExitStatus.INVALID_INPUT
    assert f"{path}:{located}" in result.stderr
    for pydantic_words in ("Input should", "Extra inputs", "Field required", "error:"):
        assert pydantic_words not in result.stderr


def test_a_union_field_is_one_error_not_one_per_member(in_tmp: Path) -> None:
    import json

    manifest = "description: mine\noptions:\n  x: {type: text, default: [a], description: d}\n"
    _template(in_tmp / "mine", manifest)
    (in_tmp / "cv.yaml").write_text(RESUME, encoding="utf-8")
    result = run("validate", "cv.yaml", "-t", "./mine", "--format", "json")
    (diagnostic,) = json.loads(result.stdout)["diagnostics"]
    assert (diagnostic["code"], diagnostic["path"]) == ("invalid-value", "options.x.default")


@pytest.mark.parametrize(
    ("assignment", "expected"),
    [
        (
            "basics.profiles=[{network: GitHub, username: ada}]",
            [{"network": "GitHub", "username": "ada"}],
        ),
        ("work[0].highlights=[Led a team, Shipped]", ["Led a team", "Shipped"]),
        ("basics.label='[draft]'", "[draft]"),
        ("basics.label=plain [text]", "plain [text]"),
    ],
)
def test_a_set_value_is_read_as_the_file_would_read_it(assignment: str, expected: object) -> None:
    from cvtex.source.loader import load_text
    from cvtex.source.overrides import apply_overrides, parse_assignment

    document = load_text("basics: {name: A}\nwork:\n  - name: W\n", "cv.yaml")
    path, _ = parse_assignment(assignment)
    changed = apply_overrides(document, [parse_assignment(assignment)])
    value: object = changed.data
    for part in path:
        value = value[part]  # type: ignore[index]
    assert value == expected


def test_a_set_list_that_is_not_closed_is_a_usage_error(in_tmp: Path) -> None:
    (in_tmp / "cv.yaml").write_text(RESUME, encoding="utf-8")
    result = run("validate", "cv.yaml", "--set", "basics.label=[draft")
    assert result.exit_code == ExitStatus.USAGE
    assert "--set basics.label: invalid YAML" in result.stderr
