"""What this machine's TeX and fonts can do: versions, babel languages, the characters
pdflatex and each font can set, the font families installed.

:class:`Probes` asks each question at most once per instance and never for the whole
process: a command makes one (in its :class:`~cvtex.environment.Environment`), a
long-running session can make a new one after the machine changed, and a test passes
its own instead of patching module globals. A tool that hangs or cannot run answers
"cannot tell", which the build handles, rather than stopping it with a traceback."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from cvtex.backends.latex.engine import Engine, bundled_pdflatex
from cvtex.backends.latex.sandbox import SandboxStatus, sandbox_status
from cvtex.errors import EnvironmentProblem

T = TypeVar("T")
Which = Callable[[str], str | None]
"""How a tool is found: :meth:`Probes.which`, on the PATH of the run's environment."""


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


def tool_version(name: str, flag: str = "-v", which: Which = shutil.which) -> str | None:
    """The first output line of ``name flag`` for a helper tool, or None when absent."""
    path = which(name)
    if path is None:
        return None
    try:
        completed = subprocess.run(
            [path, flag], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.SubprocessError) as exc:  # hung or broken: say so
        return f"{path} (cannot run: {exc})"
    lines = (completed.stdout + completed.stderr).splitlines()
    return lines[0] if lines else path


def has_babel_language(engine: Engine, language: str, which: Which = shutil.which) -> bool:
    """Whether ``engine``'s TeX tree has babel's ``language`` (and so its hyphenation)."""
    if engine.bundled:
        texmf = engine.executable.parents[2] / "texmf-dist" / "tex" / "generic"
        return any(texmf.glob(f"babel*/{language}.ldf"))
    kpsewhich = engine.executable.with_name("kpsewhich")
    program = str(kpsewhich) if kpsewhich.is_file() else which("kpsewhich")
    if program is None:
        return False
    completed = subprocess.run(
        [program, f"{language}.ldf"], capture_output=True, text=True, timeout=20, check=False
    )
    return bool(completed.stdout.strip())


_DECLARED = re.compile(r"\\DeclareUnicodeCharacter\{([0-9A-Fa-f]+)\}")
ENCODING_FILES = ("t1enc.dfu", "ts1enc.dfu")
"""pdflatex with T1 and TS1 (cvtex's templates) can set what these files declare."""


def pdflatex_charset(which: Which = shutil.which) -> frozenset[str] | None:
    """Every non-ASCII character the pdflatex templates can set, read from the TeX tree's
    UTF-8 tables (None when no pdflatex tree is found)."""
    bundled = bundled_pdflatex()
    files: list[Path] = []
    if bundled is not None:
        base = bundled.parents[2] / "texmf-dist" / "tex" / "latex" / "base"
        files = [base / name for name in ENCODING_FILES]
    elif (kpsewhich := which("kpsewhich")) is not None:
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


def installed_font_families(which: Which = shutil.which) -> frozenset[str] | None:
    """Font families fontconfig knows, or None when fc-list is missing."""
    fc_list = which("fc-list")
    if fc_list is None:
        return None
    completed = subprocess.run(
        [fc_list, ":", "family"], capture_output=True, text=True, timeout=30, check=False
    )
    return frozenset(
        name.strip() for line in completed.stdout.splitlines() for name in line.split(",")
    )


def font_charset(family: str, which: Which = shutil.which) -> frozenset[int] | None:
    """The code points fontconfig says ``family`` covers, or None when it cannot tell."""
    fc_match = which("fc-match")
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


def require_fonts(families: list[str], install: str, probes: Probes) -> None:
    """Raise :class:`EnvironmentProblem` naming the apt line when a font is missing."""
    installed = probes.font_families()
    if installed is None:
        return  # cannot tell; the engine will complain in its own words
    missing = [family for family in families if family not in installed]
    if missing:
        raise EnvironmentProblem(
            f"the font(s) {', '.join(missing)} are not installed.\nInstall them with:\n  {install}"
        )


class Probes:
    """This machine's answers, each asked once; ``environ`` gives the PATH tools are
    looked up on and the ``CVTEX_SANDBOX`` switch."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self.environ: Mapping[str, str] = dict(os.environ if environ is None else environ)
        self._answers: dict[tuple[Any, ...], Any] = {}

    def which(self, name: str) -> str | None:
        return shutil.which(name, path=self.environ.get("PATH", os.defpath))

    def bundled_pdflatex(self) -> Path | None:
        return self._once(("bundled",), bundled_pdflatex, None)

    def system_engine(self, name: str) -> Engine | None:
        def ask() -> Engine | None:
            found = self.which(name)
            return Engine(name, Path(found), bundled=False) if found else None

        return self._once(("engine", name), ask, None)

    def font_families(self) -> frozenset[str] | None:
        return self._once(("families",), lambda: installed_font_families(self.which), None)

    def font_charset(self, family: str) -> frozenset[int] | None:
        return self._once(("charset", family), lambda: font_charset(family, self.which), None)

    def pdflatex_charset(self) -> frozenset[str] | None:
        return self._once(("pdflatex-charset",), lambda: pdflatex_charset(self.which), None)

    def has_babel_language(self, engine: Engine, language: str) -> bool:
        ask = lambda: has_babel_language(engine, language, self.which)  # noqa: E731
        return self._once(("babel", engine, language), ask, False)

    def sandbox(self) -> SandboxStatus:
        ask = lambda: sandbox_status(self.environ)  # noqa: E731
        return self._once(("sandbox",), ask, SandboxStatus("none"))

    def _once(self, key: tuple[Any, ...], ask: Callable[[], T], cannot_tell: T) -> T:
        if key not in self._answers:
            try:
                self._answers[key] = ask()
            except (OSError, subprocess.SubprocessError):  # hung or broken: cannot tell
                self._answers[key] = cannot_tell
        answer: T = self._answers[key]
        return answer
