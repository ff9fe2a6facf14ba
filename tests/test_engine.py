"""The engine run: sandbox, timeout, passes, and reading errors out of the log."""

from __future__ import annotations

from pathlib import Path

import pytest

from cvtex.engine import (
    TexRunFailed,
    bundled_pdflatex,
    command_line,
    compile_latex,
    find_engine,
    parse_log,
    sandbox_environment,
)

pytestmark = pytest.mark.tex

# The bundle has no Computer Modern Type 1 fonts: documents use T1 + Latin Modern.
PREAMBLE = (
    "\\documentclass{article}\\usepackage[T1]{fontenc}\\usepackage{lmodern}\n\\begin{document}\n"
)


def doc(body: str) -> str:
    return PREAMBLE + body + "\n\\end{document}\n"


def test_the_bundled_engine_is_the_default_and_is_present() -> None:
    engine = find_engine()
    assert engine.bundled
    assert engine.executable == bundled_pdflatex()


def test_a_simple_document_takes_one_pass() -> None:
    result = compile_latex(doc("Hello."))
    assert result.pdf.startswith(b"%PDF-")
    assert result.passes == 1


def test_cross_references_get_exactly_the_passes_they_need() -> None:
    result = compile_latex(doc("\\section{A}\\label{a} See \\ref{a}."))
    assert result.passes == 2


def test_command_line_disables_shell_escape_and_stops_on_errors() -> None:
    argv = command_line(find_engine())
    for flag in (
        "-no-shell-escape",
        "-interaction=nonstopmode",
        "-halt-on-error",
        "-file-line-error",
    ):
        assert flag in argv


def test_environment_confines_file_access() -> None:
    env = sandbox_environment({"PATH": "/bin", "SECRET_TOKEN": "x", "TEXINPUTS": "/etc//"})
    assert env["openin_any"] == "p"
    assert env["openout_any"] == "p"
    assert "SECRET_TOKEN" not in env
    assert "TEXINPUTS" not in env


def test_reading_files_outside_the_build_directory_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.tex"
    secret.write_text("TOP SECRET", encoding="utf-8")
    with pytest.raises(TexRunFailed) as exc:
        compile_latex(doc(f"\\input{{{secret}}}"))
    assert "not found" in exc.value.messages[0].message  # it exists: openin_any=p refused it


def test_writing_files_outside_the_build_directory_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "written.txt"
    with pytest.raises(TexRunFailed):
        compile_latex(doc(f"\\newwrite\\f\\immediate\\openout\\f={target}\\immediate\\closeout\\f"))
    assert not target.exists()


def test_shell_escape_is_off(tmp_path: Path) -> None:
    target = tmp_path / "pwned"
    compile_latex(doc(f"\\immediate\\write18{{touch {target}}}x"))
    assert not target.exists()


def test_a_runaway_document_is_stopped_by_the_timeout() -> None:
    with pytest.raises(TexRunFailed, match="did not finish within 2 seconds"):
        compile_latex(doc("\\loop\\iftrue\\repeat"), timeout=2)


def test_errors_are_parsed_with_their_line_and_context() -> None:
    with pytest.raises(TexRunFailed) as exc:
        compile_latex(doc("fine\n\\undefinedmacro here"))
    (message,) = exc.value.messages
    assert message.line == 4
    assert message.message == "Undefined control sequence."
    assert message.context.endswith("\\undefinedmacro")


def test_unicode_errors_keep_their_whole_message() -> None:
    with pytest.raises(TexRunFailed) as exc:
        compile_latex(doc("a ≥ b"))
    message = exc.value.messages[0]
    assert message.line == 3
    assert "Unicode character ≥ (U+2265)" in message.message
    assert "not set up for use with LaTeX" in message.message


def test_parse_log_reads_pdftex_errors() -> None:
    log = "!pdfTeX error: pdflatex (file cmr10.pfb): cannot open Type 1 font file for reading\n"
    log += " ==> Fatal error occurred, no output PDF file produced!\n"
    (message,) = parse_log(log)
    assert message.message.startswith("pdfTeX error: pdflatex (file cmr10.pfb)")


def test_parse_log_handles_errors_without_file_line() -> None:
    log = "junk\n! Emergency stop.\n<*> x\n\n"
    log += "! TeX capacity exceeded, sorry [main memory size=5000000].\nl.7 \\x\n"
    (message,) = parse_log(log)
    assert message.line == 7
    assert message.message.startswith("TeX capacity exceeded")
