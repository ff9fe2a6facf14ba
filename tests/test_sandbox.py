"""The engine sandbox: Landlock (or bubblewrap) confines the TeX process itself.

The attack tests prove each attack works with the sandbox off, so they can fail, and
that it is blocked with it on, on every engine cvtex runs.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import zlib
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

import pytest

from conftest import pdf_text
from cvtex.backends.latex import _confine
from cvtex.backends.latex._confine import (
    FS_IOCTL_DEV,
    FS_REFER,
    FS_TRUNCATE,
    HELPER_FAILED,
    HELPER_PREFIX,
    handled_fs_access,
)
from cvtex.backends.latex.engine import Engine, TexRunFailed, find_engine
from cvtex.backends.latex.probes import Probes
from cvtex.backends.latex.sandbox import (
    ENV_SWITCH,
    Policy,
    SandboxStatus,
    bubblewrap_command,
    engine_policy,
    landlock_abi,
    sandbox_status,
    wrap_command,
)
from cvtex.backends.latex.tex_run import compile_latex
from cvtex.errors import EnvironmentProblem

HELPER = Path(__file__).resolve().parents[1] / "src/cvtex/backends/latex/_confine.py"


def engine_named(name: str) -> Engine:
    if name == "pdflatex":
        engine = find_engine(Probes())
        assert engine.bundled
        return engine
    found = Probes().system_engine(name)
    if found is None:  # CI installs them: a missing engine is a failure, not a skip
        pytest.fail(f"{name} is not installed (apt-get install $(cat .ci/apt-packages))")
    return found


def inflated(pdf: bytes) -> bytes:
    """The PDF followed by every Flate stream in it decompressed, so that an embedded
    file's contents can be searched for whatever the engine compressed."""
    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n", pdf):
        with suppress(zlib.error):
            parts.append(zlib.decompressobj().decompress(pdf[match.end() :]))
    return b"".join(parts)


@pytest.fixture
def canary(tmp_path: Path) -> tuple[Path, bytes]:
    """A readable file outside any build folder holding a random token."""
    token = f"CVTEX-CANARY-{secrets.token_hex(12)}".encode()
    path = tmp_path / "secret" / "canary.txt"
    path.parent.mkdir()
    path.write_bytes(token + b"\n")
    return path, token


LATIN = "\\documentclass{article}\\usepackage[T1]{fontenc}\\usepackage{lmodern}\n"
ATTACKS: dict[str, Callable[[Path], str]] = {
    # pdfTeX embeds any file it can open as a PDF stream; openin_any does not apply.
    "pdflatex": lambda canary: (
        LATIN + "\\begin{document}x"
        f"\\immediate\\pdfobj stream file {{{canary}}}\\pdfrefobj\\pdflastobj\n\\end{{document}}\n"
    ),
    # xdvipdfmx's fstream special does the same under xelatex.
    "xelatex": lambda canary: (
        "\\documentclass{article}\\begin{document}x"
        f"\\special{{pdf:fstream @cvtexcanary ({canary})}}"
        "\\special{pdf:put @resources << /CvtexCanary @cvtexcanary >>}\n\\end{document}\n"
    ),
    # Lua's io library ignores openin_any altogether.
    "lualatex": lambda canary: (
        "\\documentclass{article}\\begin{document}x"
        f'\\directlua{{local f = io.open("{canary}", "rb") if f then '
        'pdf.immediateobj("stream", f:read("a")) f:close() end}\n\\end{document}\n'
    ),
}


def leaked(source: str, engine: Engine, token: bytes) -> bool:
    try:
        pdf = compile_latex(source, engine=engine, timeout=60).pdf
    except TexRunFailed as failure:
        assert token.decode() not in failure.log
        return False
    return token in inflated(pdf)


def test_this_machine_confines_the_engine_with_landlock() -> None:
    """CI and the development machines have Landlock: the tests below rely on it."""
    status = sandbox_status({})
    assert status.mechanism == "landlock"
    assert status.abi == landlock_abi() >= 1
    assert status.describe() == f"landlock ABI {status.abi}"


@pytest.mark.tex
@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_embedding_a_file_from_outside_works_only_without_the_sandbox(
    name: str, canary: tuple[Path, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, token = canary
    engine = engine_named(name)
    source = ATTACKS[name](path)
    monkeypatch.setenv(ENV_SWITCH, "off")
    assert leaked(source, engine, token), "the attack no longer works: the test proves nothing"
    monkeypatch.delenv(ENV_SWITCH)
    assert not leaked(source, engine, token)


@pytest.mark.tex
def test_bundled_pdflatex_builds_a_normal_document_confined() -> None:
    source = LATIN + "\\usepackage{hyperref}\\begin{document}Hello sandbox.\\end{document}\n"
    assert compile_latex(source, engine=engine_named("pdflatex")).pdf.startswith(b"%PDF-")


@pytest.mark.tex
def test_xelatex_finds_system_fonts_and_cjk_confined(tmp_path: Path) -> None:
    source = (
        "\\documentclass{article}\\usepackage{fontspec}\\usepackage{xeCJK}"
        "\\setmainfont{CMU Serif}\\setCJKmainfont{Noto Serif CJK SC}\n"
        "\\begin{document}Hello sandbox 你好\\end{document}\n"
    )
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(compile_latex(source, engine=engine_named("xelatex")).pdf)
    assert "Hello sandbox 你好" in pdf_text(pdf)


@pytest.mark.tex
def test_lualatex_finds_system_fonts_confined(tmp_path: Path) -> None:
    source = (
        "\\documentclass{article}\\usepackage{fontspec}\\setmainfont{CMU Serif}\n"
        "\\begin{document}Hello sandbox\\end{document}\n"
    )
    pdf = tmp_path / "l.pdf"
    pdf.write_bytes(compile_latex(source, engine=engine_named("lualatex")).pdf)
    assert "Hello sandbox" in pdf_text(pdf)


@pytest.mark.tex
def test_engines_run_confined_while_the_parent_has_threads() -> None:
    """The helper runs no Python between fork and exec, so threads cannot deadlock it."""
    source = LATIN + "\\begin{document}Threads.\\end{document}\n"
    results: list[bytes] = []
    workers = [
        threading.Thread(target=lambda: results.append(compile_latex(source).pdf)) for _ in range(3)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert len(results) == 3
    assert all(pdf.startswith(b"%PDF-") for pdf in results)


# The helper on its own, with ordinary programs: quick checks of each Landlock rule.


def confined(policy: Policy, *argv: str) -> subprocess.CompletedProcess[str]:
    command = wrap_command(
        list(argv), policy, SandboxStatus("landlock", abi=landlock_abi()), Path()
    )
    assert command[:4] == [sys.executable, "-I", "-S", str(HELPER)]
    return subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)


def test_the_helper_lets_programs_read_only_what_the_policy_allows(
    tmp_path: Path, canary: tuple[Path, bytes]
) -> None:
    path, token = canary
    work = tmp_path / "work"
    work.mkdir()
    (work / "mine.txt").write_text("mine", encoding="utf-8")
    policy = Policy(execute=("/usr", "/lib", "/lib64", "/bin"), write=(str(work),))
    assert (
        token.decode() in subprocess.run(["cat", str(path)], capture_output=True, text=True).stdout
    )
    denied = confined(policy, shutil.which("cat") or "cat", str(path))
    assert denied.returncode != 0
    assert "Permission denied" in denied.stderr
    assert confined(policy, "/bin/cat", str(work / "mine.txt")).stdout == "mine"


def test_the_helper_lets_programs_write_only_inside_the_build_folder(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    policy = Policy(execute=("/usr", "/lib", "/lib64", "/bin"), write=(str(work),))
    script = f"echo in > {work}/in.txt; echo out > {tmp_path}/out.txt"
    result = confined(policy, "/bin/sh", "-c", script)
    assert (work / "in.txt").read_text(encoding="utf-8") == "in\n"
    assert not (tmp_path / "out.txt").exists()
    assert "Permission denied" in result.stderr


@pytest.mark.skipif(landlock_abi() < 4, reason="TCP rules need Landlock ABI 4 (Linux 6.7)")
def test_the_helper_denies_network_connections() -> None:
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        connect = f"exec 3<>/dev/tcp/127.0.0.1/{port} && echo connected"
        bash = shutil.which("bash") or "/bin/bash"
        assert (
            "connected"
            in subprocess.run(
                [bash, "-c", connect], capture_output=True, text=True, timeout=30, check=False
            ).stdout
        )
        result = confined(Policy(execute=("/usr", "/lib", "/lib64", "/bin")), bash, "-c", connect)
    assert "connected" not in result.stdout
    assert "Permission denied" in result.stderr


@pytest.mark.skipif(landlock_abi() < 6, reason="signal scoping needs Landlock ABI 6 (Linux 6.12)")
def test_the_helper_stops_the_engine_from_signalling_cvtex() -> None:
    result = confined(
        Policy(execute=("/usr", "/lib", "/lib64", "/bin")), "/bin/kill", "-0", str(os.getpid())
    )
    assert result.returncode != 0


def test_the_helper_restores_the_signals_python_ignores() -> None:
    status = Path("/proc/self/status")
    result = confined(
        Policy(execute=("/usr", "/lib", "/lib64", "/bin", "/proc")), "/bin/cat", str(status)
    )
    ignored = next(line for line in result.stdout.splitlines() if line.startswith("SigIgn:"))
    # Not even SIGPIPE, which Python ignores. Signals 32 and 33 are glibc's own (make
    # ignores them, and no program can reset them through libc): only 1–31 count.
    standard = (1 << 31) - 1
    assert int(ignored.split()[1], 16) & standard == 0


# Policy, status and the fallback, without running anything.


def test_rights_newer_than_the_kernel_are_masked_off() -> None:
    assert handled_fs_access(0) == 0
    assert not handled_fs_access(1) & (FS_REFER | FS_TRUNCATE | FS_IOCTL_DEV)
    assert handled_fs_access(2) & FS_REFER
    assert not handled_fs_access(2) & FS_TRUNCATE
    assert handled_fs_access(3) & FS_TRUNCATE
    assert not handled_fs_access(4) & FS_IOCTL_DEV
    assert handled_fs_access(5) & FS_IOCTL_DEV
    assert handled_fs_access(7) == handled_fs_access(5)


def test_the_policy_is_narrow(tmp_path: Path) -> None:
    engine = find_engine(Probes())
    policy = engine_policy(engine.executable, tmp_path, home="/home/u", writable=())
    tinytex = engine.executable.resolve().parents[2]
    assert str(tinytex) in policy.execute
    assert policy.write == (str(tmp_path), "/dev/null")
    everything = (*policy.read, *policy.execute, *policy.write)
    for broad in ("/", "/etc", "/home", "/home/u", "/tmp", "/root", "/var", "/proc"):
        assert broad not in everything
    assert "/home/u/.cache/fontconfig" in policy.read
    system = engine_policy(Path("/usr/bin/xelatex"), tmp_path, home=None)
    assert "/etc/texmf" in system.read
    assert "/usr" in system.execute


def test_the_switch_turns_it_off_or_picks_a_mechanism() -> None:
    off = sandbox_status({ENV_SWITCH: "off"})
    assert (off.mechanism, off.disabled, off.confined) == ("none", True, False)
    assert off.describe().startswith("partial: only TeX's own openin_any/openout_any")
    assert sandbox_status({ENV_SWITCH: "sometimes"}).problem
    assert sandbox_status({ENV_SWITCH: "landlock"}).mechanism == "landlock"


def test_without_landlock_or_bubblewrap_the_status_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("cvtex.backends.latex.sandbox.landlock_abi", lambda: 0)
    monkeypatch.setenv("PATH", str(tmp_path))
    status = sandbox_status({})
    assert status.mechanism == "none"
    assert status.describe() == (
        "partial: only TeX's own openin_any/openout_any; install bubblewrap or use Linux ≥ 5.13"
    )
    assert sandbox_status({ENV_SWITCH: "bubblewrap"}).problem


def test_the_bubblewrap_command_binds_only_the_policy(tmp_path: Path) -> None:
    policy = Policy(read=("/etc/fonts",), execute=("/usr",), write=(str(tmp_path), "/dev/null"))
    argv = bubblewrap_command("bwrap", policy, tmp_path, ["pdflatex", "resume.tex"])
    assert argv[:3] == ["bwrap", "--unshare-all", "--die-with-parent"]
    joined = " ".join(argv)
    assert "--ro-bind-try /etc/fonts /etc/fonts" in joined
    assert f"--bind-try {tmp_path} {tmp_path}" in joined
    assert "--bind-try /dev/null" not in joined
    assert argv[-5:] == ["--chdir", str(tmp_path), "--", "pdflatex", "resume.tex"]


@pytest.mark.tex
def test_bubblewrap_blocks_the_attack_too(
    canary: tuple[Path, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, token = canary
    monkeypatch.setenv(ENV_SWITCH, "bubblewrap")
    assert sandbox_status().mechanism == "bubblewrap"
    assert not leaked(ATTACKS["xelatex"](path), engine_named("xelatex"), token)


def test_the_helper_never_runs_the_command_half_confined(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("cvtex.backends.latex._confine.landlock_abi", lambda: 0)
    assert _confine.main(["landlock", "-r", "/usr", "--", "/bin/true"]) == HELPER_FAILED
    assert capsys.readouterr().err.startswith(HELPER_PREFIX)
    assert _confine.main(["landlock", "-q", "/usr", "--", "/bin/true"]) == 2
    assert _confine.main(["landlock", "-r", "/usr"]) == 2


@pytest.mark.tex
def test_a_sandbox_that_fails_to_start_is_an_environment_problem(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fail = f"import sys; print('{HELPER_PREFIX} no luck'); sys.exit({HELPER_FAILED})"
    monkeypatch.setattr(
        "cvtex.backends.latex.tex_run.wrap_command", lambda *_: [sys.executable, "-c", fail]
    )
    with pytest.raises(EnvironmentProblem, match=f"{ENV_SWITCH}=off") as exc:
        compile_latex(LATIN + "\\begin{document}x\\end{document}\n")
    assert "no luck" in str(exc.value)


def test_an_engine_that_cannot_be_started_is_an_environment_problem(tmp_path: Path) -> None:
    missing = Engine("pdflatex", tmp_path / "pdflatex", bundled=False)
    with pytest.raises(EnvironmentProblem, match="could not start pdflatex"):
        compile_latex(LATIN + "\\begin{document}x\\end{document}\n", engine=missing)
