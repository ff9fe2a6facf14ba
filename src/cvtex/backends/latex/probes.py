"""What this machine's TeX and fonts can do: versions, babel languages, the characters
pdflatex and each font can set, the font families installed."""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from pathlib import Path

from cvtex.backends.latex.engine import Engine, bundled_pdflatex
from cvtex.errors import EnvironmentProblem


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
