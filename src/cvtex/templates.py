"""Finding templates: built-in ones shipped with cvtex, or a user's directory.

A built-in template is ``latex_templates/<name>/resume.tex.j2``. In a wheel the
folder sits inside the package; in a source checkout it sits at the top level.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cvtex.errors import TemplateError
from cvtex.suggest import suggest

ENTRY_FILE = "resume.tex.j2"
DEFAULT_TEMPLATE = "classic"


def builtin_root() -> Path:
    """The folder that holds the built-in templates."""
    package_dir = Path(__file__).resolve().parent
    for candidate in (package_dir / "latex_templates", package_dir.parents[1] / "latex_templates"):
        if candidate.is_dir():
            return candidate
    raise TemplateError("the built-in templates are missing from this installation of cvtex")


def builtin_names() -> list[str]:
    root = builtin_root()
    return sorted(
        entry.name
        for entry in root.iterdir()
        if not entry.name.startswith(("_", ".")) and (entry / ENTRY_FILE).is_file()
    )


@dataclass(frozen=True)
class TemplateRef:
    """Where to load a template from: its entry name and search path."""

    name: str
    entry: str
    search_path: tuple[Path, ...]


def resolve_template(spec: str | None) -> TemplateRef:
    """Turn ``-t NAME|DIR`` into a :class:`TemplateRef` or a clear error."""
    root = builtin_root()
    spec = spec or DEFAULT_TEMPLATE
    looks_like_path = "/" in spec or "\\" in spec or spec.startswith(".") or Path(spec).is_dir()
    if looks_like_path:
        directory = Path(spec).expanduser().resolve()
        if not (directory / ENTRY_FILE).is_file():
            raise TemplateError(f"template directory {spec} has no {ENTRY_FILE}")
        return TemplateRef(directory.name, ENTRY_FILE, (directory, root))
    names = builtin_names()
    if spec not in names:
        guess = suggest(spec, names)
        hint = f'; did you mean "{guess}"?' if guess else ""
        raise TemplateError(
            f'unknown template "{spec}"{hint} (built-in: {", ".join(names)}; or give a directory)'
        )
    return TemplateRef(spec, f"{spec}/{ENTRY_FILE}", (root,))
