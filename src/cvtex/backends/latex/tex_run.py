"""Running the engine: a temporary folder, the sandbox, one process group with a timeout,
bounded output, passes until the log stops asking, and the lualatex font cache lock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, nullcontext, suppress
from pathlib import Path
from typing import IO

from cvtex.backends.latex.engine import (
    DATE_ENV,
    DEFAULT_TIMEOUT,
    JOB_NAME,
    KILL_GRACE,
    MAX_BUILD_BYTES,
    MAX_OUTPUT_BYTES,
    MAX_PASSES,
    MAX_SOURCE_DATE_EPOCH,
    PASSED_THROUGH_ENV,
    POLL_SECONDS,
    RERUN,
    STOP_SIGNALS,
    CompileResult,
    Engine,
    TexRunFailed,
    find_engine,
)
from cvtex.backends.latex.font_cache import font_cache_lock, lua_font_cache_dir
from cvtex.backends.latex.probes import Probes
from cvtex.backends.latex.sandbox import (
    ENV_SWITCH,
    HELPER_FAILED,
    HELPER_PREFIX,
    SandboxStatus,
    engine_policy,
    wrap_command,
)
from cvtex.backends.latex.texlog import parse_log
from cvtex.errors import EnvironmentProblem, UsageProblem


def date_environment(base: Mapping[str, str] | None = None) -> dict[str, str]:
    """``SOURCE_DATE_EPOCH`` and ``FORCE_SOURCE_DATE`` as the engine gets them. Empty
    is unset, as for any variable cvtex reads (TeX would take an empty one for 1970)."""
    source = os.environ if base is None else base
    return {key: source[key] for key in DATE_ENV if source.get(key)}


def check_source_date_epoch(base: Mapping[str, str] | None = None) -> None:
    """Refuse a ``SOURCE_DATE_EPOCH`` the engine would stop on (or misread) before it
    runs: the environment is the user's, so this is a usage error (exit 2), where TeX
    would only say that it failed."""
    value = date_environment(base).get("SOURCE_DATE_EPOCH")
    if value is None or (
        value.isascii() and value.isdigit() and int(value) <= MAX_SOURCE_DATE_EPOCH
    ):
        return
    shown = value if len(value) <= 40 else value[:40] + "…"
    raise UsageProblem(
        f"SOURCE_DATE_EPOCH is {shown!r}, but it must be a whole number of seconds since "
        f"1970-01-01 00:00 UTC, from 0 to {MAX_SOURCE_DATE_EPOCH} (e.g. "
        "SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)); or unset it"
    )


def sandbox_environment(base: Mapping[str, str] | None = None) -> dict[str, str]:
    """A minimal environment for the engine, with file access limited to its directory."""
    source = os.environ if base is None else base
    env = {key: source[key] for key in PASSED_THROUGH_ENV if key in source}
    env.update(date_environment(source))
    env.update(
        openin_any="p",
        openout_any="p",
        shell_escape="f",
        max_print_line="1000",
        error_line="254",
        half_error_line="238",
    )
    return env


def command_line(engine: Engine) -> list[str]:
    return [
        str(engine.executable),
        "-no-shell-escape",
        "-interaction=nonstopmode",
        "-halt-on-error",
        "-file-line-error",
        f"-jobname={JOB_NAME}",
        f"{JOB_NAME}.tex",
    ]


def compile_latex(
    source: str,
    *,
    engine: Engine | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    files: Mapping[str, bytes] | None = None,
    probes: Probes | None = None,
) -> CompileResult:
    """Compile ``source`` to PDF bytes, or raise :class:`TexRunFailed`.

    ``files`` (plain names → contents, e.g. a photo) are written next to the
    source, the only place the engine may read from. ``probes`` (default: a new one)
    says which engine and sandbox this machine has.
    """
    probes = probes or Probes()
    engine = engine or find_engine(probes)
    if not (engine.executable.is_file() and os.access(engine.executable, os.X_OK)):
        # Checked here because under bubblewrap a missing program is just "exit 1".
        raise EnvironmentProblem(f"could not start {engine.describe()}: no such program")
    confinement = probes.sandbox()
    if confinement.problem:
        raise EnvironmentProblem(f"engine sandbox: {confinement.problem}")
    with tempfile.TemporaryDirectory(prefix="cvtex-") as workdir:
        work = Path(workdir)
        (work / f"{JOB_NAME}.tex").write_text(source, encoding="utf-8")
        for name, content in (files or {}).items():
            if Path(name).name != name or name.startswith("."):
                raise ValueError(f"not a plain file name: {name!r}")
            (work / name).write_bytes(content)
        passes = 0
        while True:
            passes += 1
            log = _run_once(engine, work, timeout, confinement)
            if passes >= MAX_PASSES or not RERUN.search(log):
                break
        return CompileResult(pdf=(work / f"{JOB_NAME}.pdf").read_bytes(), passes=passes, log=log)


def _run_once(engine: Engine, work: Path, timeout: float, confinement: SandboxStatus) -> str:
    """One engine pass in ``work``; return the log or raise :class:`TexRunFailed`."""
    env = sandbox_environment()
    env["TMPDIR"] = str(work)  # xdvipdfmx's temporary files stay in the build folder
    writable: list[Path] = []
    cache_lock: AbstractContextManager[None] = nullcontext()
    if engine.name == "lualatex":
        cache = lua_font_cache_dir()
        with suppress(OSError):
            cache.mkdir(parents=True, exist_ok=True)
        env["TEXMFCACHE"] = str(cache)
        writable.append(cache)
        cache_lock = font_cache_lock(cache, timeout)
    policy = engine_policy(engine.executable, work, home=env.get("HOME"), writable=writable)
    argv = wrap_command(command_line(engine), policy, confinement, work)
    with cache_lock:
        returncode, output, stopped = _supervise(engine, argv, work, env, timeout)
    if stopped is not None:
        raise TexRunFailed(stopped, (), read_log(work))
    if output.startswith(HELPER_PREFIX.encode()):  # TeX's own output never starts so
        problem = output.decode("utf-8", "replace").strip()
        if returncode != HELPER_FAILED:
            raise EnvironmentProblem(f"could not start {engine.describe()}: {problem}")
        raise EnvironmentProblem(
            f"{problem}\nThe engine sandbox ({confinement.describe()}) failed on this machine; "
            f"{ENV_SWITCH}=off runs the engine without it (for debugging only)."
        )
    log = read_log(work) or output.decode("utf-8", "replace")
    if returncode != 0 or not (work / f"{JOB_NAME}.pdf").is_file():
        messages = parse_log(log)
        summary = messages[0].message if messages else f"{engine.name} failed"
        raise TexRunFailed(summary, messages, log)
    return log


def _supervise(
    engine: Engine, argv: list[str], work: Path, env: dict[str, str], timeout: float
) -> tuple[int, bytes, str | None]:
    """Run ``argv`` in its own process group and watch it: the exit status, its terminal
    output, and why cvtex stopped it (None when it ended by itself).

    Whatever happens here, a signal turned into an exception included, the whole
    group is killed and reaped before this returns.
    """
    with _signals_blocked():  # an interrupt now would leave a started engine unwatched
        try:
            process = subprocess.Popen(
                argv,
                cwd=work,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        except OSError as exc:
            raise EnvironmentProblem(f"could not start {engine.describe()}: {exc}") from exc
    assert process.stdout is not None
    reader = _BoundedReader(process.stdout)
    try:
        stopped = _watch(engine, process, reader, work, time.monotonic() + timeout, timeout)
    finally:
        _stop_group(process)
        reader.join()
    return process.returncode, reader.output(), stopped


@contextmanager
def _signals_blocked() -> Iterator[None]:
    """Hold SIGINT, SIGTERM and SIGHUP while the engine starts; a pending one is handled
    as soon as the caller can stop the engine. (The helper unblocks them for the engine.)"""
    if not STOP_SIGNALS:
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


class _BoundedReader:
    """Drains the engine's terminal output in a thread, keeping at most
    :data:`MAX_OUTPUT_BYTES`, so a full pipe never blocks the engine and a runaway one
    never fills memory. A thread, not ``selectors``: Windows cannot select on pipes."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self._chunks: list[bytes] = []
        self.size = 0
        self.done = threading.Event()
        """Set at end of file, or once the bound is passed (reading then stops)."""
        self._thread = threading.Thread(target=self._drain, name="cvtex-tex-output", daemon=True)
        self._thread.start()

    def _drain(self) -> None:
        try:
            while self.size <= MAX_OUTPUT_BYTES:
                chunk = os.read(self._stream.fileno(), 1 << 16)
                if not chunk:
                    break
                self._chunks.append(chunk)
                self.size += len(chunk)
        except (OSError, ValueError):
            pass  # closed under us: the engine is gone
        finally:
            self.done.set()

    @property
    def overflowed(self) -> bool:
        return self.size > MAX_OUTPUT_BYTES

    def join(self) -> None:
        """Wait for the rest of the output (the engine's group is dead, so it ends soon)."""
        self._thread.join(timeout=5)
        self._stream.close()

    def output(self) -> bytes:
        return b"".join(self._chunks)[:MAX_OUTPUT_BYTES]


def _watch(
    engine: Engine,
    process: subprocess.Popen[bytes],
    reader: _BoundedReader,
    work: Path,
    deadline: float,
    timeout: float,
) -> str | None:
    """Wait for the engine to exit, polling its output, its log and the build folder's
    size; return why it must be stopped, or None when it exited by itself."""
    log = work / f"{JOB_NAME}.log"
    pause = 0.001
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return f"{engine.name} did not finish within {timeout:g} seconds and was stopped"
        if reader.done.is_set():  # output closed: the engine is exiting (or overflowed)
            time.sleep(min(remaining, pause))
            pause = min(pause * 2, POLL_SECONDS)
        else:
            reader.done.wait(min(remaining, POLL_SECONDS))
        if reader.overflowed:
            return _too_much(engine, "terminal output")
        if _size(log) > MAX_OUTPUT_BYTES:
            return _too_much(engine, "log")
        if _folder_size(work) > MAX_BUILD_BYTES:
            return _too_much(engine, "files", MAX_BUILD_BYTES)
        if _exited(process):
            return None


def _too_much(engine: Engine, what: str, limit: int = MAX_OUTPUT_BYTES) -> str:
    return (
        f"{engine.name} wrote more than {limit // (1024 * 1024)} MiB of {what} and was "
        "stopped (a runaway loop in the document?)"
    )


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _folder_size(folder: Path) -> int:
    total = 0
    with suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            with suppress(OSError):
                total += entry.stat(follow_symlinks=False).st_size
    return total


def _exited(process: subprocess.Popen[bytes]) -> bool:
    """Whether the engine has exited, without reaping it: until it is reaped its process
    group id cannot be reused, so signalling the group cannot hit a stranger."""
    if sys.platform == "win32":
        return process.poll() is not None
    try:
        state = os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
    except ChildProcessError:
        return True
    return state is not None


def _stop_group(process: subprocess.Popen[bytes]) -> None:
    """Kill the engine's whole process group (SIGTERM, then SIGKILL after a short grace)
    and reap the engine; children it left behind (xdvipdfmx, mktexpk…) die with it."""
    try:
        if not _exited(process):
            _signal_group(process, signal.SIGTERM)
            end = time.monotonic() + KILL_GRACE
            while not _exited(process) and time.monotonic() < end:
                time.sleep(0.01)
    finally:
        _signal_group(process, signal.SIGKILL if sys.platform != "win32" else signal.SIGTERM)
        process.wait()


def _signal_group(process: subprocess.Popen[bytes], number: int) -> None:
    if sys.platform == "win32":
        with suppress(OSError):
            process.kill()
        return
    with suppress(ProcessLookupError):
        os.killpg(process.pid, number)


def read_log(work: Path) -> str:
    """The log, at most :data:`MAX_OUTPUT_BYTES` of it."""
    path = work / f"{JOB_NAME}.log"
    try:
        with path.open("rb") as stream:
            return stream.read(MAX_OUTPUT_BYTES).decode("utf-8", "replace")
    except OSError:
        return ""
