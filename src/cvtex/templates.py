"""Finding templates and reading what they declare.

A template is a folder with ``resume.tex.j2`` (the entry file) and an optional
``template.yaml`` (description, engines, design options). Built-in templates live
in ``latex_templates/<name>/``; in a wheel the folder sits inside the package, in
a source checkout at the top level. ``_base`` holds the layout every built-in
template extends and the options they all share.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from cvtex.diagnostics import Diagnostic, Severity, format_all
from cvtex.errors import CvtexError, TemplateError
from cvtex.options import OptionSpec
from cvtex.suggest import suggest

ENTRY_FILE = "resume.tex.j2"
MANIFEST_FILE = "template.yaml"
DEFAULT_TEMPLATE = "classic"
BASE_TEMPLATE = "_base"

Engine = Literal["pdflatex", "xelatex", "lualatex"]


class TemplateManifest(BaseModel):
    """``template.yaml``: what a template is and which design options it takes."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    description: str = Field(min_length=1)
    extends: str | None = None
    engines: list[Engine] = ["pdflatex"]
    photo: bool = False
    unicode_fonts: list[str] = []
    """Font families the template needs under xelatex/lualatex, beyond the text fonts."""
    options: dict[str, OptionSpec] = {}


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
    """A template ready to render: entry file, search path and merged manifest."""

    name: str
    entry: str
    search_path: tuple[Path, ...]
    manifest: TemplateManifest


def resolve_template(spec: str | None) -> TemplateRef:
    """Turn ``-t NAME|DIR`` into a :class:`TemplateRef` or a clear error."""
    root = builtin_root()
    spec = spec or DEFAULT_TEMPLATE
    looks_like_path = "/" in spec or "\\" in spec or spec.startswith(".") or Path(spec).is_dir()
    if looks_like_path:
        directory = Path(spec).expanduser().resolve()
        if not (directory / ENTRY_FILE).is_file():
            raise TemplateError(f"template directory {spec} has no {ENTRY_FILE}")
        manifest = _merged_manifest(directory, default_parent=BASE_TEMPLATE)
        return TemplateRef(directory.name, ENTRY_FILE, (directory, root), manifest)
    names = builtin_names()
    if spec not in names:
        guess = suggest(spec, names)
        hint = f'; did you mean "{guess}"?' if guess else ""
        raise TemplateError(
            f'unknown template "{spec}"{hint} (built-in: {", ".join(names)}; or give a directory)'
        )
    return TemplateRef(spec, f"{spec}/{ENTRY_FILE}", (root,), builtin_manifest(spec))


@functools.cache
def builtin_manifest(name: str) -> TemplateManifest:
    """The merged manifest of a built-in template (cached: built-ins do not change)."""
    return _merged_manifest(builtin_root() / name, default_parent=None)


def _merged_manifest(directory: Path, default_parent: str | None) -> TemplateManifest:
    own = read_manifest(directory)
    parent_name = own.extends if own is not None else default_parent
    if own is None:
        own = TemplateManifest(description=f"user template {directory.name}")
    if parent_name is None:
        return own
    if parent_name != BASE_TEMPLATE and parent_name not in builtin_names():
        raise TemplateError(
            f"{directory / MANIFEST_FILE}: extends unknown template {parent_name!r}"
        )
    parent = builtin_manifest(parent_name)
    return own.model_copy(update={"options": {**parent.options, **own.options}})


def read_manifest(directory: Path) -> TemplateManifest | None:
    """Read and check ``template.yaml`` in ``directory``; None when there is none."""
    path = directory / MANIFEST_FILE
    if not path.is_file():
        return None
    from cvtex.loader import load_file

    try:
        document = load_file(path)
        return TemplateManifest.model_validate(document.data)
    except CvtexError as exc:
        raise TemplateError(f"invalid {path}:\n{exc.render()}") from exc
    except ValidationError as exc:
        diagnostics = [
            Diagnostic(
                Severity.ERROR,
                error["msg"],
                tuple(error["loc"]),
                document.position_of(tuple(error["loc"])),
                str(path),
            )
            for error in exc.errors(include_url=False)
        ]
        raise TemplateError(f"invalid {path}:\n{format_all(diagnostics, document.text)}") from exc
