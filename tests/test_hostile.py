"""The hostile corpus: résumés written by an attacker, one named case per attack.

Each case is a résumé (plus files beside it) built with ``cvtex build`` the way a CI
job would build a stranger's pull request. A refused case must exit with its code,
say so at the field (``file:line:col`` and a caret where it is about the file),
leave the previous PDF byte for byte as it was, and never let a canary file from
outside the résumé's folder into any output. The threat model and the list of
protections are in docs/security.md.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import struct
import subprocess
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA, pdf_action_problems, pdf_links, pdf_text
from cvtex.cli import cli
from cvtex.exit_status import ExitStatus

LAST_GOOD = b"%PDF-1.5 the last good build, which a failed build must not touch\n"
Setup = Callable[[Path], None]


@dataclass(frozen=True)
class Case:
    document: str
    exit: int
    says: tuple[str, ...] = ()
    """Substrings of the output, in order of appearance not required."""
    args: tuple[str, ...] = ()
    setup: Setup | None = None
    located: str | None = None
    """``line:col`` the first diagnostic must point at (the file name is prefixed)."""
    env: dict[str, str] = field(default_factory=dict)


def png(width: int, height: int) -> bytes:
    """A PNG header claiming ``width``×``height`` (enough for the size check)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return (
        b"\x89PNG\r\n\x1a\n"
        + struct.pack(">I", len(ihdr))
        + chunk
        + struct.pack(">I", zlib.crc32(chunk))
    )


def files(contents: dict[str, bytes | str]) -> Setup:
    def setup(folder: Path) -> None:
        for name, content in contents.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, str):
                path.write_text(content, encoding="utf-8")
            else:
                path.write_bytes(content)

    return setup


def symlink(name: str, target: str) -> Setup:
    def setup(folder: Path) -> None:
        (folder / name).symlink_to(target)

    return setup


def fifo(name: str) -> Setup:
    def setup(folder: Path) -> None:
        os.mkfifo(folder / name)

    return setup


def user_template(body: str) -> Setup:
    return files(
        {
            "tpl/resume.tex.j2": f'\\BLOCK{{extends "classic/resume.tex.j2"}}\n'
            f"\\BLOCK{{block header}}{body}\\BLOCK{{endblock}}\n"
        }
    )


NAME = "basics:\n  name: Ada Lovelace\n"
CASES: dict[str, Case] = {
    # -- 1. links -------------------------------------------------------------
    "launch_action_in_markup": Case(
        NAME + "work:\n  - name: Acme\n    highlights:\n"
        "      - '[Portfolio](run:C:/Windows/System32/calc.exe#://)'\n",
        ExitStatus.INVALID_INPUT,
        ('"run:" links are not allowed', "error[link-refused]"),
        located="6:9",
    ),
    "javascript_in_a_url_field": Case(
        NAME + "work:\n  - {name: Acme, url: 'javascript:alert(document.cookie)'}\n",
        ExitStatus.INVALID_INPUT,
        ('"javascript:" links are not allowed',),
        located="4:23",
    ),
    "file_url_is_a_gotor_action": Case(
        NAME + "  url: file:///etc/passwd\n",
        ExitStatus.INVALID_INPUT,
        ('"file:" links are not allowed',),
        located="3:8",
    ),
    "data_uri_profile": Case(
        NAME + "  profiles:\n    - {network: X, url: 'data:text/html,<script>x</script>'}\n",
        ExitStatus.INVALID_INPUT,
        ('"data:" links are not allowed',),
    ),
    "mailto_with_header_fields": Case(
        NAME + "  email: 'ada@example.com?cc=boss@example.com&bcc=x@evil.example&body=hi'\n",
        ExitStatus.INVALID_INPUT,
        ("may not carry header fields",),
        located="3:10",
    ),
    "mailto_in_markup_with_body": Case(
        NAME + "  summary: '[write](mailto:ada@example.com?body=I%20resign)'\n",
        ExitStatus.INVALID_INPUT,
        ("may not carry header fields",),
    ),
    "two_addresses_in_one_mailto": Case(
        NAME + "  email: 'ada@example.com,boss@example.com'\n",
        ExitStatus.INVALID_INPUT,
        ("exactly one address",),
    ),
    "credentials_hide_the_real_host": Case(
        NAME + "  url: 'https://www.paypal.com@evil.example/login'\n",
        ExitStatus.INVALID_INPUT,
        ("user name or password",),
    ),
    # -- 2. files named by the résumé ------------------------------------------
    "photo_absolute_path": Case(
        NAME + "  image: /etc/passwd\n",
        ExitStatus.INVALID_INPUT,
        ("an absolute path outside the résumé's folder", "--allow-path"),
        args=("-t", "modern"),
        located="3:10",
    ),
    "photo_in_the_home_folder": Case(
        NAME + "  image: ~/Documents/tax-return.pdf\n",
        ExitStatus.INVALID_INPUT,
        ("points into a home folder",),
        args=("-t", "modern"),
    ),
    "photo_dot_dot": Case(
        NAME + "  image: ../canary/secret.png\n",
        ExitStatus.INVALID_INPUT,
        ("outside the résumé's folder",),
        args=("-t", "modern"),
    ),
    "photo_symlink_out_of_the_folder": Case(
        NAME + "  image: me.png\n",
        ExitStatus.INVALID_INPUT,
        ("outside the résumé's folder through a symlink",),
        args=("-t", "modern"),
        setup=symlink("me.png", "../canary/secret.png"),
    ),
    "photo_that_is_not_an_image": Case(
        NAME + "  image: me.png\n",
        ExitStatus.INVALID_INPUT,
        ("is not a PNG, JPEG or PDF image",),
        args=("-t", "modern"),
        setup=files({"me.png": "#!/bin/sh\necho not a picture\n"}),
        located="3:10",
    ),
    "photo_that_is_a_fifo": Case(
        NAME + "  image: me.png\n",
        ExitStatus.INVALID_INPUT,
        ("me.png is a named pipe",),
        args=("-t", "modern"),
        setup=fifo("me.png"),
    ),
    "photo_with_a_billion_pixels": Case(
        NAME + "  image: me.png\n",
        ExitStatus.INVALID_INPUT,
        ("the limit is 50,000,000 pixels",),
        args=("-t", "modern"),
        setup=files({"me.png": png(20_000, 20_000)}),
    ),
    "photo_pdf_that_is_text": Case(
        NAME + "  image: me.pdf\n",
        ExitStatus.INVALID_INPUT,
        ("is not a PNG, JPEG or PDF image",),
        args=("-t", "modern"),
        setup=files({"me.pdf": "just text, named .pdf\n"}),
    ),
    "photo_that_is_a_folder": Case(
        NAME + "  image: .\n",
        ExitStatus.INVALID_INPUT,
        ("is a folder",),
        args=("-t", "modern"),
        located="3:10",
    ),
    "photo_truncated_png": Case(
        NAME + "  image: me.png\n",
        ExitStatus.INVALID_INPUT,
        ("a truncated PNG image",),
        args=("-t", "modern"),
        setup=files({"me.png": (DATA / "photo.png").read_bytes()[:60]}),
    ),
    "photo_pdf_with_a_hidden_script": Case(
        NAME + "  image: me.pdf\n",
        ExitStatus.INVALID_INPUT,
        ("is a PDF with /AA, /JS, /JavaScript", "export it as PNG or JPEG"),
        args=("-t", "modern"),
        setup=files(
            {
                "me.pdf": b"%PDF-1.4\n1 0 obj <</Type/XObject/Subtype/Form/BBox[0 0 9 9]"
                b"/#41A <</O <</S/Java#53cript/JS(app.alert(1))>> >> >> endobj\n%%EOF\n"
            }
        ),
    ),
    "photo_pdf_with_object_streams": Case(
        NAME + "  image: me.pdf\n",
        ExitStatus.INVALID_INPUT,
        ("compressed object streams", "qpdf --object-streams=disable"),
        args=("-t", "modern"),
        setup=files({"me.pdf": b"%PDF-1.5\n1 0 obj <</Type/ObjStm/N 1>> endobj\n%%EOF\n"}),
    ),
    "photo_pdf_names_hidden_by_nul": Case(
        NAME + "  image: me.pdf\n",
        ExitStatus.INVALID_INPUT,
        ("is a PDF with /JS, /JavaScript",),
        args=("-t", "modern"),
        setup=files(
            {
                "me.pdf": b"%PDF-1.4\n1 0 obj <</ExtGState <</G <</S /JavaScript\x00"
                b"/JS\x00(app.alert(1))>> >> >> endobj\n%%EOF\n"
            }
        ),
    ),
    "photo_pdf_with_an_untyped_object_stream": Case(
        NAME + "  image: me.pdf\n",
        ExitStatus.INVALID_INPUT,
        ("compressed object streams",),
        args=("-t", "modern"),
        setup=files(
            {
                "me.pdf": b"%PDF-1.5\n9 0 obj <</Type/XRef/W[1 2 1]/Size 9>> stream\n"
                b"x\nendstream\n%%EOF\n"
            }
        ),
    ),
    "photo_png_palette_without_plte": Case(
        NAME + "  image: me.png\n",
        ExitStatus.INVALID_INPUT,
        ("a palette image without PLTE",),
        args=("-t", "modern"),
        setup=files({"me.png": (DATA / "hostile_noplte.png").read_bytes()}),
    ),
    "photo_pdf_without_pages_fails_at_the_field": Case(
        NAME + "  image: me.pdf\n",
        ExitStatus.INVALID_INPUT,
        ("error[photo]", "TeX could not use the photo"),
        args=("-t", "modern"),
        setup=files(
            {
                "me.pdf": b"%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n"
                b"2 0 obj <</Type/Pages/Kids[]/Count 0>> endobj\n"
                b"trailer <</Root 1 0 R/Size 3>>\n%%EOF\n"
            }
        ),
        located="3:10",
    ),
    "photo_symlink_loop": Case(
        NAME + "  image: loop\n",
        ExitStatus.INVALID_INPUT,
        ("cannot be resolved",),
        args=("-t", "modern"),
        setup=symlink("loop", "loop"),
    ),
    "mailto_encoded_twice": Case(
        NAME + "  email: 'mailto:ada%2540example.com%252Cboss@example.org'\n",
        ExitStatus.INVALID_INPUT,
        ("cannot contain %",),
    ),
    "a_value_with_no_spaces_past_tex_line_length": Case(
        NAME + "  summary: '" + ("é" * 499 + " ") * 200 + "'\n",
        ExitStatus.SUCCESS,  # 200 000 bytes, words with no {} to break at: folded anyway
    ),
    "locale_words_pdflatex_cannot_set": Case(
        NAME + "locale: ja\nengine: pdflatex\n",
        ExitStatus.INVALID_INPUT,
        ("error[locale-engine]", "set engine: xelatex (or auto, or leave engine out), or choose"),
        located="3:9",
    ),
    "date_in_non_ascii_digits": Case(
        NAME + "work:\n  - {name: A, startDate: '٠٢/٢٠٢٠'}\n",
        ExitStatus.INVALID_INPUT,
        ('invalid date "٠٢/٢٠٢٠"',),
    ),
    # -- 9. limits ----------------------------------------------------------------
    "aliases_nest_past_the_depth_limit": Case(
        NAME
        + "meta:\n"
        + "".join(
            f"  k{i}: &a{i} " + "[" * 30 + (f"*a{i - 1}" if i else "x") + "]" * 30 + "\n"
            for i in range(6)
        ),
        ExitStatus.INVALID_INPUT,
        ("error[limit]", "nesting deeper than 64 levels once aliases are expanded"),
    ),
    "aliases_multiply_characters": Case(
        NAME
        + "meta: {a: &x '"
        + "lorem ipsum " * 8000
        + "'}\nwork: [{name: W, highlights: ["
        + ", ".join(["*x"] * 200)
        + "]}]\n",
        ExitStatus.INVALID_INPUT,
        ("error[limit]", "characters once aliases are expanded"),
    ),
    "a_value_longer_than_a_tex_line": Case(
        NAME + "  summary: '" + ("\\" * 400 + " ") * 70 + "'\n",
        ExitStatus.SUCCESS,  # 448 000 characters of LaTeX, words of 6 400: folded
        ("warning[overfull]: basics.summary",),
    ),
    "a_word_too_long_to_set": Case(
        NAME + "work:\n  - {name: N, position: '" + "p" * 99_000 + "'}\n",
        ExitStatus.INVALID_INPUT,
        ("error[word-too-long]: work[0].position", "the limit is 500"),
        located="4:25",
    ),
    "design_length_with_fullwidth_digits": Case(
        NAME + "design: {margin: '１２mm'}\n",
        ExitStatus.INVALID_INPUT,
        ('"１２mm" is not a length',),
        located="3:18",
    ),
    "design_length_longer_than_tex_allows": Case(
        NAME + "design: {margin: 99999in}\n",
        ExitStatus.INVALID_INPUT,
        ("longer than a page",),
    ),
    "design_number_infinite": Case(
        NAME + "design: {line_spacing: inf}\n",
        ExitStatus.INVALID_INPUT,
        ("not a finite number",),
    ),
    # -- 3. engines --------------------------------------------------------------
    "engine_path_in_the_resume": Case(
        NAME + "engine: ~/Downloads/x/pdflatex\n",
        ExitStatus.INVALID_INPUT,
        ('unknown engine "~/Downloads/x/pdflatex"', "only on the command line"),
        located="3:9",
    ),
    "engine_unknown_name_in_the_resume": Case(
        NAME + "engine: xetex\n",
        ExitStatus.INVALID_INPUT,
        ('did you mean "xelatex"?',),
        located="3:9",
    ),
    "engine_unknown_on_the_command_line": Case(
        NAME,
        ExitStatus.USAGE,
        ('unknown engine "xetex"; did you mean "xelatex"?',),
        args=("--engine", "xetex"),
    ),
    "resume_picks_lualatex_where_it_is_unconfined": Case(
        NAME + "engine: lualatex\n",
        ExitStatus.INVALID_INPUT,
        ("error[unconfined-engine]", "only the command line may choose it"),
        env={"CVTEX_SANDBOX": "off"},
        located="3:9",
    ),
    # -- 4. template escaping ----------------------------------------------------
    "text_concatenated_with_macro_output": Case(
        NAME + "work:\n  - {name: Acme, url: 'https://acme.example', "
        "position: '\\input{../canary/secret.tex}'}\n",
        ExitStatus.SUCCESS,
        args=("-t", "./tpl"),
        setup=user_template(
            "\\BLOCK{set e = resume.work[0]}\\VAR{cv.linked(e.name, e.url) ~ ', ' ~ e.position}"
        ),
    ),
    # -- 6. display order and invisible characters --------------------------------
    "right_to_left_override_in_the_name": Case(
        'basics:\n  name: "Ada \\u202Eecalevol"\n',
        ExitStatus.INVALID_INPUT,
        ("error[bidi-control]", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        located="2:9",
    ),
    "isolate_in_a_bullet": Case(
        NAME + 'work:\n  - name: Acme\n    highlights: ["cut costs \\u2067by 90%\\u2069"]\n',
        ExitStatus.INVALID_INPUT,
        ("error[bidi-control]",),
    ),
    "right_to_left_script_beyond_arabic_and_hebrew": Case(
        NAME + '  label: "\\u07CA\\u07D0 \\U0001E900\\U0001E901"\n',
        ExitStatus.INVALID_INPUT,
        ("error[rtl-script]", "right-to-left scripts"),
        located="3:10",
    ),
    "escaped_control_character": Case(
        '{"basics": {"name": "Ada\\u0007\\u001b[31m"}}',
        ExitStatus.INVALID_INPUT,
        ("error[control-char]", "U+0007 (BEL)", "U+001B (ESC)"),
    ),
    "terminal_escapes_in_a_key": Case(
        NAME + '"\\e]2;owned\\e\\\\\\ecvtex: valid": 1\n"\\x9d8;;https://evil.example/\\x9cx": 1\n',
        ExitStatus.INVALID_INPUT,
        ("error[control-char]", "\u241b]2;owned"),
    ),
    "a_lone_surrogate_in_a_key": Case(
        NAME + '"\\udce2\\udc80\\udcaeevil": 1\n',
        ExitStatus.INVALID_INPUT,
        ('"code": "invalid-char"', "half of a surrogate pair"),
        args=("--format", "json"),
    ),
    # -- 7. outputs ----------------------------------------------------------------
    "output_over_the_resume": Case(
        NAME,
        ExitStatus.USAGE,
        ("refusing to write cv.yaml: it is the résumé",),
        args=("-o", "cv.yaml"),
    ),
    "output_over_the_photo": Case(
        NAME + "  image: me.png\n",
        ExitStatus.USAGE,
        ("it is the photo",),
        args=("-t", "modern", "-o", "me.png"),
        setup=files({"me.png": (DATA / "photo.png").read_bytes()}),
    ),
    "output_over_a_template_file": Case(
        NAME,
        ExitStatus.USAGE,
        ("it is a file of the template",),
        args=("-t", "./tpl", "--tex-only", "-o", "tpl/resume.tex.j2"),
        setup=user_template("\\VAR{basics.name}"),
    ),
    "output_to_a_device": Case(
        NAME, ExitStatus.USAGE, ("not a regular file",), args=("-o", "/dev/null")
    ),
    "output_to_a_fifo": Case(
        NAME,
        ExitStatus.USAGE,
        ("not a regular file",),
        args=("-o", "pipe.pdf"),
        setup=fifo("pipe.pdf"),
    ),
    # -- 10. no exit 70 ----------------------------------------------------------
    "year_zero": Case(
        NAME + "work:\n  - {name: A, startDate: '0000', endDate: '2024-13'}\n",
        ExitStatus.INVALID_INPUT,
        ("year 0 is out of range", 'invalid date "2024-13"'),
        located="4:26",
    ),
    "timeout_infinite": Case(NAME, ExitStatus.USAGE, ("--timeout",), args=("--timeout", "inf")),
    "timeout_not_a_number": Case(
        NAME, ExitStatus.USAGE, ("not a finite number",), args=("--timeout", "nan")
    ),
    "template_divides_by_zero": Case(
        NAME,
        ExitStatus.INVALID_INPUT,
        ("resume.tex.j2:2: template error: division by zero",),
        args=("-t", "./tpl"),
        setup=user_template("\\VAR{1/0}"),
    ),
    "template_recurses_forever": Case(
        NAME,
        ExitStatus.INVALID_INPUT,
        ("template error: runaway recursion",),
        args=("-t", "./tpl"),
        setup=user_template("\\BLOCK{macro f()}\\VAR{f()}\\BLOCK{endmacro}\\VAR{f()}"),
    ),
    "strict_fails_on_a_content_warning": Case(
        NAME + "work:\n  - name: Acme\n    highlights:\n      - " + "W" * 400 + "\n",
        ExitStatus.INVALID_INPUT,
        ("error[overfull]", "(an error under --strict)"),
        args=("--strict",),
    ),
}


@pytest.fixture
def attack(tmp_path: Path) -> Callable[[Case], tuple[int, str, Path, str]]:
    """Build a case in a folder of its own, beside a canary folder it must not reach."""

    def run(case: Case) -> tuple[int, str, Path, str]:
        token = secrets.token_hex(16)
        canary = tmp_path / "canary"
        canary.mkdir()
        (canary / "secret.tex").write_text(f"CANARY{token}", encoding="utf-8")
        (canary / "secret.png").write_bytes((DATA / "photo.png").read_bytes() + token.encode())
        folder = tmp_path / "cv"
        folder.mkdir()
        (folder / "cv.yaml").write_text(case.document, encoding="utf-8")
        (folder / "cv.pdf").write_bytes(LAST_GOOD)
        if case.setup is not None:
            case.setup(folder)
        # A subprocess, with a timeout: a FIFO or a runaway must never hang the suite.
        completed = subprocess.run(
            [sys.executable, "-m", "cvtex", "build", "cv.yaml", "--no-cache", *case.args],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, **case.env},
            check=False,
        )
        return completed.returncode, completed.stdout + completed.stderr, folder, token

    return run


@pytest.mark.tex
@pytest.mark.parametrize("name", CASES)
def test_hostile_case(name: str, attack: Callable[[Case], tuple[int, str, Path, str]]) -> None:
    case = CASES[name]
    code, output, folder, token = attack(case)
    assert code == case.exit, output
    if "--format" in case.args:  # one valid JSON object, whatever the input held
        report = json.loads(output[: output.rindex("}") + 1])
        assert report["exit_code"] == case.exit
    assert "Traceback" not in output and "internal error" not in output, output
    # Nothing reaches the terminal that could recolour or reorder it (Trojan Source).
    assert not set(output) & set("\x07\x1b\u202e\u2066\u2067\u2069"), repr(output)
    for needle in case.says:
        assert needle in output, output
    if case.located is not None:
        assert f"cv.yaml:{case.located}: error" in output, output
        assert "^" in output
    if case.exit != ExitStatus.SUCCESS:
        assert (folder / "cv.pdf").read_bytes() == LAST_GOOD
    for produced in folder.rglob("*"):
        if produced.is_file() and not produced.is_symlink():
            assert token.encode() not in produced.read_bytes(), produced
    if case.exit == ExitStatus.SUCCESS and (folder / "cv.pdf").read_bytes() != LAST_GOOD:
        pdf = folder / "cv.pdf"
        assert not pdf_action_problems(pdf)
        assert "CANARY" not in pdf_text(pdf)


@pytest.mark.tex
def test_allowed_links_become_exactly_these_annotations(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(
        "basics:\n  name: Ada\n  email: ada@example.com\n  phone: '+44 (20) 7946-0000'\n"
        "  url: ada.example.org\n"
        "work:\n  - name: Acme\n    url: https://acme.example/jobs?id=1&x=2\n"
        "    highlights: ['see [the paper](doi.org/10.1/x) or [call](tel:0049-30-12)']\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["build", str(source)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    pdf = source.with_suffix(".pdf")
    assert set(pdf_links(pdf)) == {
        "mailto:ada@example.com",
        "tel:+442079460000",
        "https://ada.example.org",
        "https://acme.example/jobs?id=1&x=2",
        "https://doi.org/10.1/x",
        "tel:+493012",
    }
    assert not pdf_action_problems(pdf)


@pytest.mark.tex
def test_the_annotation_walker_finds_what_it_must_refuse(tmp_path: Path) -> None:
    """The session-wide check is only as good as this walker: show it catches the
    actions hyperref makes for run:, file: and javascript: links."""
    from cvtex.backends.latex.tex_run import compile_latex

    body = (
        "\\href{run:calc.exe}{a} \\href{file:other.pdf}{b} \\href{javascript:alert(1)}{c} "
        "\\href{https://ok.example}{d}"
    )
    pdf = compile_latex(
        "\\documentclass{article}\\usepackage[T1]{fontenc}\\usepackage{lmodern}"
        "\\usepackage{hyperref}\\begin{document}" + body + "\\end{document}\n"
    ).pdf
    evil = tmp_path / "evil.bin"  # not .pdf: the session walker must not see it
    evil.write_bytes(pdf)
    problems = "\n".join(pdf_action_problems(evil))
    assert "/Launch" in problems
    assert "/GoToR" in problems
    assert "javascript:alert(1)" in problems
    assert "ok.example" not in problems


@pytest.mark.tex
def test_the_command_line_may_still_choose_an_unconfined_lualatex(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(NAME, encoding="utf-8")
    monkeypatch.setenv("CVTEX_SANDBOX", "off")
    result = CliRunner().invoke(cli, ["build", "--engine", "lualatex", str(source)])
    assert result.exit_code == 0, result.output
    assert "note[lualatex-unsandboxed]" in result.output


def test_validate_and_build_agree_on_engine_and_links(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(NAME + "engine: /bin/sh\n  \n", encoding="utf-8")
    for command in ("validate", "build"):
        result = CliRunner().invoke(cli, [command, str(source)], catch_exceptions=False)
        assert result.exit_code == ExitStatus.INVALID_INPUT
        assert 'unknown engine "/bin/sh"' in result.output


@pytest.mark.tex
def test_cvtex_engine_may_name_a_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    system = shutil.which("pdflatex")
    assert system is not None
    source = tmp_path / "cv.yaml"
    source.write_text(NAME, encoding="utf-8")
    monkeypatch.setenv("CVTEX_ENGINE", system)
    result = CliRunner().invoke(cli, ["build", "-v", str(source)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert f"from the system: {Path(system)}" in result.output


@pytest.mark.tex
def test_an_allowed_folder_lets_the_photo_in(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shutil.copy(DATA / "photo.png", shared / "me.png")
    folder = tmp_path / "cv"
    folder.mkdir()
    source = folder / "cv.yaml"
    source.write_text(NAME + "  image: ../shared/me.png\n", encoding="utf-8")
    runner = CliRunner()
    refused = runner.invoke(cli, ["validate", "-t", "modern", str(source)])
    assert refused.exit_code == ExitStatus.INVALID_INPUT
    allowed = runner.invoke(
        cli, ["build", "-t", "modern", "--allow-path", str(shared), str(source)]
    )
    assert allowed.exit_code == 0, allowed.output


def test_invisible_format_characters_are_removed_with_a_warning(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(
        'basics:\n  name: "Ada\\u200B Love\\u00ADlace\\uFEFF"\n'
        '  label: "\\U0001F469\\u200D\\U0001F4BB engineer"\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["validate", str(source)], catch_exceptions=False)
    assert result.exit_code == 0
    assert "warning[format-char]: basics.name" in result.output
    assert "U+200B (ZERO WIDTH SPACE)" in result.output
    assert "basics.label" not in result.output  # the joiner inside an emoji does work


@pytest.mark.tex
def test_a_cached_build_warns_and_fails_strict_like_the_build_that_made_it(
    tmp_path: Path,
) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(CASES["strict_fails_on_a_content_warning"].document, encoding="utf-8")
    runner = CliRunner()
    first = runner.invoke(cli, ["build", str(source)], catch_exceptions=False)
    assert first.exit_code == 0 and "warning[overfull]" in first.output
    again = runner.invoke(cli, ["build", str(source)], catch_exceptions=False)
    assert "warning[overfull]" in again.output  # from the cache, same warning
    strict = runner.invoke(cli, ["build", "--strict", str(source)], catch_exceptions=False)
    assert strict.exit_code == ExitStatus.INVALID_INPUT
    assert "error[overfull]" in strict.output


@pytest.mark.tex
def test_strict_does_not_escalate_notes_about_this_machine(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(NAME + "locale: de\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", "--strict", str(source)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "note[no-hyphenation]" in result.output


@pytest.mark.tex
def test_a_replaced_pdf_keeps_its_mode_and_a_new_one_follows_the_umask(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(NAME, encoding="utf-8")
    pdf = tmp_path / "cv.pdf"
    pdf.write_bytes(LAST_GOOD)
    pdf.chmod(0o600)
    runner = CliRunner()
    assert runner.invoke(cli, ["build", str(source)]).exit_code == 0
    assert pdf.stat().st_mode & 0o777 == 0o600
    old = os.umask(0o027)
    try:
        assert runner.invoke(cli, ["build", str(source), "-o", f"{tmp_path}/new/"]).exit_code == 0
    finally:
        os.umask(old)
    assert (tmp_path / "new" / "cv.pdf").stat().st_mode & 0o777 == 0o640


def test_new_never_overwrites_without_force(tmp_path: Path) -> None:
    runner = CliRunner()
    schema = tmp_path / "resume.schema.json"
    schema.write_text("{}", encoding="utf-8")
    result = runner.invoke(cli, ["new", str(tmp_path / "cv.yaml")])
    assert result.exit_code == ExitStatus.USAGE
    assert schema.read_text(encoding="utf-8") == "{}"
    assert not (tmp_path / "cv.yaml").exists()


def test_json_report_for_a_usage_error() -> None:
    import json

    result = CliRunner().invoke(cli, ["build", "--format", "json", "--timeout", "inf"])
    assert result.exit_code == ExitStatus.USAGE
    report = json.loads(result.stdout)
    assert report["exit_code"] == 2 and report["ok"] is False
    assert "--timeout" in report["diagnostics"][0]["message"]


@pytest.mark.slow
@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a tiny tmpfs needs root (CI is root)")
def test_a_full_tmpdir_is_exit_4(tmp_path: Path) -> None:
    tiny = tmp_path / "tiny"
    tiny.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(tiny)], check=True)
    try:
        (tiny / "fill").write_bytes(b"\0" * 60 * 1024)
        source = tmp_path / "cv.yaml"
        source.write_text(NAME, encoding="utf-8")
        completed = subprocess.run(
            [sys.executable, "-m", "cvtex", "build", "--no-cache", str(source)],
            capture_output=True,
            text=True,
            env={**os.environ, "TMPDIR": str(tiny)},
            timeout=120,
            check=False,
        )
        assert completed.returncode == ExitStatus.ENVIRONMENT, completed.stderr
        assert "No space left on device" in completed.stderr
        assert sorted(p.name for p in tiny.iterdir()) == ["fill"]  # the temp dir is gone
    finally:
        subprocess.run(["umount", str(tiny)], check=False)


def test_a_long_source_line_is_shown_as_a_window_around_the_caret() -> None:
    from cvtex.diagnostics import Diagnostic, Position, Severity, format_diagnostic

    line = "x" * 5000 + "HERE" + "y" * 5000
    shown = format_diagnostic(
        Diagnostic(Severity.ERROR, "here", (), Position(1, 5001), "cv.json"), [line]
    )
    source, caret = shown.splitlines()[1:]
    assert len(source) < 200
    assert source[caret.index("^") : caret.index("^") + 4] == "HERE"


@pytest.mark.tex
def test_a_template_kept_beside_the_resume_does_not_block_the_pdf(tmp_path: Path) -> None:
    (tmp_path / "resume.tex.j2").write_text(
        '\\BLOCK{extends "classic/resume.tex.j2"}\n', encoding="utf-8"
    )
    source = tmp_path / "cv.yaml"
    source.write_text(NAME, encoding="utf-8")
    (tmp_path / "cv.pdf").write_bytes(LAST_GOOD)
    result = CliRunner().invoke(cli, ["build", "-t", str(tmp_path), str(source)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "cv.pdf").read_bytes() != LAST_GOOD


STRICT_WARNINGS = {
    "unknown-key": NAME + "  favouriteColour: blue\n",
    "date-order": NAME + "work:\n  - {name: A, startDate: 2020-05, endDate: 2019-01}\n",
    "date-future": NAME + "work:\n  - {name: A, startDate: '2999'}\n",
    "no-name": "basics:\n  label: Analyst\n",
    "impossible-day": NAME + "work:\n  - {name: A, startDate: 2024-09-31}\n",
    "not-a-link": NAME + "  url: my website\n",
    "format-char": 'basics:\n  name: "Ada\\u200B"\n',
    "remote-image": NAME + "  image: https://example.com/me.png\n",
    "option-elsewhere": NAME + "design:\n  icons: true\n",
}


@pytest.mark.tex
@pytest.mark.parametrize("code", STRICT_WARNINGS)
def test_validate_strict_and_build_strict_agree(tmp_path: Path, code: str) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(STRICT_WARNINGS[code], encoding="utf-8")
    template = ("-t", "modern") if code == "remote-image" else ()
    runner = CliRunner()
    relaxed = runner.invoke(cli, ["validate", *template, str(source)])
    assert relaxed.exit_code == 0 and f"warning[{code}]" in relaxed.output, relaxed.output
    for command in ("validate", "build"):
        strict = runner.invoke(cli, [command, "--strict", *template, str(source)])
        assert strict.exit_code == ExitStatus.INVALID_INPUT, (command, strict.output)
        assert f"error[{code}]" in strict.output
    assert not source.with_suffix(".pdf").exists()


@pytest.mark.tex
def test_a_protocol_relative_photo_is_remote_not_a_path(tmp_path: Path) -> None:
    """Old JSON Resume files write Gravatar as //www.gravatar.com/…: a URL, never
    fetched, warned about like https://, not a path outside the folder."""
    source = tmp_path / "cv.json"
    source.write_text('{"basics": {"name": "A", "image": "//www.gravatar.com/avatar/abc"}}')
    result = CliRunner().invoke(cli, ["build", "-t", "modern", str(source)])
    assert result.exit_code == 0, result.output
    assert "warning[remote-image]" in result.output


def test_security_md_names_only_tests_and_cases_that_exist() -> None:
    """docs/security.md lists each protection with the test that proves it: keep the
    list true when tests are renamed."""
    import re

    root = Path(__file__).resolve().parents[1]
    doc = (root / "docs" / "security.md").read_text(encoding="utf-8")
    tests = "".join(p.read_text(encoding="utf-8") for p in (root / "tests").glob("*.py"))
    named = set(re.findall(r"`(test_\w+?)(?:\.py)?`", doc))
    assert len(named) > 15
    for name in sorted(named):
        assert f"def {name}(" in tests or (root / "tests" / f"{name}.py").is_file(), name
    listed = re.findall(r"hostile cases? ((?:`\w+`(?:, )?)+)", doc)
    cases = {name for group in listed for name in re.findall(r"`(\w+)`", group)}
    assert len(cases) > 25
    assert cases <= set(CASES), cases - set(CASES)


def test_long_lines_are_folded_where_tex_joins_them_back() -> None:
    from cvtex.backends.latex.render import MAX_TEX_LINE, fold_line

    line = "\\href{https://x.example/" + "a" * 3000 + "}{link} " + "word \\textbackslash{}" * 900
    pieces = fold_line(line)
    assert len(pieces) > 5
    assert all(piece.endswith("%") for piece in pieces[:-1])
    assert "".join(piece.removesuffix("%") for piece in pieces) == line
    assert pieces[0].startswith("\\href{https://x.example/" + "a" * 3000 + "}")  # never split
    assert all(len(piece) <= MAX_TEX_LINE + 1 for piece in pieces[1:])


@pytest.mark.tex
def test_a_very_long_paragraph_prints_whole(tmp_path: Path) -> None:
    words = " ".join(f"w{i}" for i in range(12_000))
    source = tmp_path / "cv.yaml"
    source.write_text(NAME + f"  summary: '{words}'\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(source)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    text = pdf_text(source.with_suffix(".pdf"))
    assert "w0 w1 w2" in text and "w11998 w11999" in text


@pytest.mark.tex
@pytest.mark.parametrize(
    ("document", "args"),
    [
        ("basics: {name: A}\nbasics: {name: B}\n", ()),  # duplicate key
        ("- a list\n", ()),  # top level not a mapping
        ("", ()),  # empty file
        ("basics: {name: A}\n", ("-t", "nope")),  # unknown template
        ("basics: {name: A}\n", ("--max-pages", "1", "--set", "work[5].name=x")),
        ("basics: {name: A}\nwork: [{name: '" + "x " * 4000 + "'}]\n", ("--max-pages", "1")),
        ("basics: {name: 'A \u4e2d B'}\n", ("--engine", "pdflatex")),  # TeX fails
    ],
)
def test_every_diagnostic_has_a_code(tmp_path: Path, document: str, args: tuple[str, ...]) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(document, encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", "--format", "json", str(source), *args])
    report = json.loads(result.stdout)
    assert report["exit_code"] != 0
    assert report["diagnostics"], report
    assert all(d["code"] for d in report["diagnostics"]), report["diagnostics"]


@pytest.mark.tex
def test_the_pdf_metadata_gets_the_same_character_rules(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(
        'basics:\n  name: "Ada\\u200B Love\\uFEFFlace"\n  label: "Engi\\u00ADneer"\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["build", str(source)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    from conftest import pdf_info

    info = pdf_info(source.with_suffix(".pdf"))
    assert info["Author"] == "Ada Lovelace"
    assert info["Title"].startswith("Ada Lovelace")


@pytest.mark.tex
def test_folding_keeps_every_space(tmp_path: Path) -> None:
    summary = "abcd " * 396 + "xyz~ AFTER" + " more" * 600
    source = tmp_path / "cv.yaml"
    source.write_text(NAME + f"  summary: '{summary}'\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(source)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "xyz~ AFTER more" in pdf_text(source.with_suffix(".pdf"))


@pytest.mark.tex
def test_a_photo_cannot_change_the_page_count(tmp_path: Path) -> None:
    """The count comes from the engine's log, not from page trees a PDF photo brings."""
    import io

    from pypdf import PdfReader, PdfWriter

    from cvtex.backends.latex.tex_run import compile_latex

    logo = compile_latex(
        "\\documentclass{article}\\pagestyle{empty}\\begin{document}"
        "\\rule{2cm}{3cm}\\end{document}\n"
    ).pdf
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(logo)))  # no object streams
    plain = io.BytesIO()
    writer.write(plain)
    assert b"/Count 1" in plain.getvalue()
    (tmp_path / "me.pdf").write_bytes(plain.getvalue().replace(b"/Count 1", b"/Count 500"))
    source = tmp_path / "cv.yaml"
    source.write_text(NAME + "  image: me.pdf\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", "-t", "modern", "--max-pages", "1", str(source)])
    assert result.exit_code == 0, result.output
    assert "(1 page)" in result.output


@given(st.text(min_size=1, max_size=40))
@settings(max_examples=200, deadline=None)
def test_folding_any_escaped_text_joins_back_exactly(text: str) -> None:
    from cvtex.backends.latex.escape import escape_text
    from cvtex.backends.latex.render import fold_line

    line = escape_text(text) * (4200 // max(1, len(escape_text(text))) + 1)
    pieces = fold_line(line)
    assert "".join(piece.removesuffix("%") for piece in pieces[:-1]) + pieces[-1] == line
    offset = 0
    for piece in pieces[:-1]:
        offset += len(piece) - 1
        assert line[offset] != " "  # TeX would skip a space at the start of a line
        before = line[:offset]
        letters = len(before) - len(
            before.rstrip("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
        )
        run_start = len(before) - letters
        if letters and run_start > 0 and before[run_start - 1] == "\\":
            slashes = len(before[:run_start]) - len(before[:run_start].rstrip("\\"))
            assert slashes % 2 == 0, "broke inside a control word"
        else:
            assert not before.endswith("\\") or letters
