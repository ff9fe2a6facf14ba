"""The engine run: sandbox, timeout, passes, and reading errors out of the log."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from contextlib import suppress
from pathlib import Path

import pytest

from conftest import DATA
from cvtex.backends.latex.engine import (
    KILL_GRACE,
    MAX_OUTPUT_BYTES,
    TexRunFailed,
    bundled_pdflatex,
    find_engine,
)
from cvtex.backends.latex.probes import Probes
from cvtex.backends.latex.sandbox import Policy, sandbox_status, wrap_command
from cvtex.backends.latex.tex_run import (
    _supervise,
    command_line,
    compile_latex,
    sandbox_environment,
)
from cvtex.backends.latex.texlog import parse_log
from cvtex.exit_status import ExitStatus

pytestmark = pytest.mark.tex

# The bundle has no Computer Modern Type 1 fonts: documents use T1 + Latin Modern.
PREAMBLE = (
    "\\documentclass{article}\\usepackage[T1]{fontenc}\\usepackage{lmodern}\n\\begin{document}\n"
)


def doc(body: str) -> str:
    return PREAMBLE + body + "\n\\end{document}\n"


def test_the_bundled_engine_is_the_default_and_is_present() -> None:
    engine = find_engine(Probes())
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
    argv = command_line(find_engine(Probes()))
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


# Runaway documents, timeouts and signals: the engine's whole process group goes, and
# so does its temporary folder.

LOOP_FOREVER = "\\loop\\iftrue\\repeat"


def test_unbounded_terminal_output_is_stopped_at_the_limit() -> None:
    started = time.monotonic()
    # \message writes to the terminal and the log alike: whichever bound the watcher sees
    # first stops it (CI under load once saw the log's).
    with pytest.raises(TexRunFailed, match=r"more than 16 MiB of (terminal output|log)"):
        compile_latex(doc("\\loop\\message{" + "x" * 200 + "}\\iftrue\\repeat"), timeout=50)
    assert time.monotonic() - started < 15


def test_an_unbounded_log_is_stopped_at_the_limit() -> None:
    started = time.monotonic()
    with pytest.raises(TexRunFailed, match="more than 16 MiB of log") as exc:
        # \write-1 goes to the log only, so this tests the log's own bound.
        compile_latex(doc("\\loop\\immediate\\write-1{" + "x" * 200 + "}\\iftrue\\repeat"))
    assert time.monotonic() - started < 15
    assert len(exc.value.log) <= MAX_OUTPUT_BYTES


def test_files_written_without_bound_are_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("cvtex.backends.latex.tex_run.MAX_BUILD_BYTES", 2 * 1024 * 1024)
    source = "\\newwrite\\f\\immediate\\openout\\f=junk.txt"
    source += "\\loop\\immediate\\write\\f{" + "x" * 200 + "}\\iftrue\\repeat"
    with pytest.raises(TexRunFailed, match="more than 2 MiB of files"):
        compile_latex(doc(source), timeout=50)


def _engine_group(cvtex: subprocess.Popen[bytes]) -> int:
    """The process group of the TeX engine ``cvtex`` started, once it runs."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert cvtex.poll() is None, cvtex.communicate()
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with suppress(OSError, ValueError):
                name, _, fields = stat.read_text().rpartition(")")
                if int(fields.split()[1]) == cvtex.pid and name.endswith("(pdflatex"):
                    return os.getpgid(int(stat.parent.name))
        time.sleep(0.05)
    raise AssertionError("the engine never started")


def _looping_build(
    tmp_path: Path, *options: str, ignoring: signal.Signals | None = None
) -> tuple[subprocess.Popen[bytes], Path]:
    template = tmp_path / "loop-template"
    template.mkdir()
    (template / "resume.tex.j2").write_text(doc(LOOP_FOREVER), encoding="utf-8")
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    command = [sys.executable, "-m", "cvtex", "build", str(DATA / "minimal.yaml")]
    if ignoring is not None:  # as nohup does
        start = f"import signal, runpy; signal.signal({int(ignoring)}, signal.SIG_IGN); "
        start += "runpy.run_module('cvtex', run_name='__main__')"
        command[1:3] = ["-c", start]
    command += ["-t", str(template), "-o", str(tmp_path / "out.pdf"), "--no-cache", *options]
    env = {**os.environ, "TMPDIR": str(tmpdir)}
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return process, tmpdir


def _assert_all_gone(pgid: int, tmpdir: Path) -> None:
    with pytest.raises(ProcessLookupError):
        os.killpg(pgid, 0)
    assert not list(tmpdir.glob("cvtex-*"))


@pytest.mark.parametrize(
    ("number", "status"),
    [
        (signal.SIGTERM, ExitStatus.TERMINATED),
        (signal.SIGINT, ExitStatus.INTERRUPTED),
        (signal.SIGHUP, ExitStatus.HANGUP),
    ],
)
def test_a_signal_kills_the_engine_group_removes_the_build_folder_and_exits_128_plus_n(
    tmp_path: Path, number: signal.Signals, status: ExitStatus
) -> None:
    cvtex, tmpdir = _looping_build(tmp_path)
    pgid = _engine_group(cvtex)
    assert pgid != os.getpgid(cvtex.pid)  # its own group: a terminal's Ctrl-C misses it
    cvtex.send_signal(number)
    _, stderr = cvtex.communicate(timeout=30)
    assert cvtex.returncode == status == 128 + number
    assert f"interrupted by {number.name}".encode() in stderr
    _assert_all_gone(pgid, tmpdir)


def test_a_timeout_kills_the_engine_group_and_exits_3(tmp_path: Path) -> None:
    cvtex, tmpdir = _looping_build(tmp_path, "--timeout", "2")
    pgid = _engine_group(cvtex)
    _, stderr = cvtex.communicate(timeout=30)
    assert cvtex.returncode == ExitStatus.TEX_FAILURE
    assert b"did not finish within 2 seconds" in stderr
    _assert_all_gone(pgid, tmpdir)


def test_stopping_the_engine_kills_what_it_started_too(tmp_path: Path) -> None:
    """TeX's own children (xdvipdfmx, mktexpk…) share its process group and die with it."""
    script = "echo $$; sleep 60 & echo $!; sleep 60 & echo $!; wait"
    policy = Policy(execute=("/usr", "/lib", "/lib64", "/bin"), write=(str(tmp_path), "/dev/null"))
    argv = wrap_command(["/bin/sh", "-c", script], policy, sandbox_status(), tmp_path)
    started = time.monotonic()
    _, output, stopped = _supervise(find_engine(Probes()), argv, tmp_path, dict(os.environ), 1)
    assert stopped is not None
    assert "did not finish within 1 seconds" in stopped
    assert time.monotonic() - started < 1 + KILL_GRACE + 1
    group, *children = (int(pid) for pid in output.split())
    assert len(children) == 2
    deadline = time.monotonic() + 5  # killed orphans wait for init to reap them
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return
        assert all(_state(pid) in ("Z", "X", None) for pid in children)
        time.sleep(0.02)
    raise AssertionError(f"process group {group} survived")


def _state(pid: int) -> str | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return None


def test_a_signal_the_caller_ignores_stays_ignored(tmp_path: Path) -> None:
    cvtex, tmpdir = _looping_build(tmp_path, ignoring=signal.SIGHUP)
    pgid = _engine_group(cvtex)
    cvtex.send_signal(signal.SIGHUP)
    time.sleep(0.3)
    assert cvtex.poll() is None
    os.killpg(pgid, 0)  # the engine runs on
    cvtex.terminate()
    assert cvtex.wait(timeout=30) == ExitStatus.TERMINATED
    _assert_all_gone(pgid, tmpdir)


def test_a_hung_or_broken_probe_answers_cannot_tell(tmp_path: Path) -> None:
    """A tool that cannot run (or hangs past its timeout: the same SubprocessError
    family) is "cannot tell", never a crash."""
    for name in ("fc-list", "fc-match"):
        tool = tmp_path / name
        tool.write_text("#!/nowhere/sh\n", encoding="utf-8")  # on PATH, but exec fails
        tool.chmod(0o755)
    probes = Probes({"PATH": str(tmp_path)})
    assert probes.which("fc-list") == str(tmp_path / "fc-list")
    assert probes.font_families() is None
    assert probes.font_charset("CMU Serif") is None


def test_probes_ask_once_per_instance_not_per_process(tmp_path: Path) -> None:
    first = Probes({"PATH": str(tmp_path)})
    assert first.system_engine("xelatex") is None
    (tmp_path / "xelatex").write_text("#!/bin/sh\n", encoding="utf-8")
    (tmp_path / "xelatex").chmod(0o755)
    assert first.system_engine("xelatex") is None  # asked already: the same answer
    later = Probes({"PATH": str(tmp_path)})
    found = later.system_engine("xelatex")
    assert found is not None and found.executable == tmp_path / "xelatex"
