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


class UnknownTemplate(TemplateError):
    """``-t NAME|DIR`` names no template. On the command line that is a usage error
    (exit 2, :func:`cvtex.cli._template_option`); a template's own ``extends:`` is
    checked where it is written, in :func:`read_manifest` (exit 1)."""


def find_template(spec: str) -> Path | None:
    """The folder of the user template ``spec``, or None when ``spec`` names a built-in
    one; :class:`UnknownTemplate` when it is neither. Reads no ``template.yaml``."""
    looks_like_path = "/" in spec or "\\" in spec or spec.startswith(".") or Path(spec).is_dir()
    if looks_like_path:
        directory = Path(spec).expanduser().resolve()
        if not directory.exists():
            raise UnknownTemplate(f"template directory {spec} does not exist")
        if not directory.is_dir():
            raise UnknownTemplate(f"{spec} is not a directory; give a template name or folder")
        if not (directory / ENTRY_FILE).is_file():
            raise UnknownTemplate(f"template directory {spec} has no {ENTRY_FILE}")
        return directory
    names = builtin_names()
    if spec not in names:
        raise UnknownTemplate(
            f'unknown template "{spec}"{_did_you_mean(spec, names)} '
            f"(built-in: {', '.join(names)}; or give a directory)"
        )
    return None


def _did_you_mean(name: str, names: list[str]) -> str:
    guess = suggest(name, names)
    return f'; did you mean "{guess}"?' if guess else ""


def resolve_template(spec: str | None) -> TemplateRef:
    """Turn ``-t NAME|DIR`` into a :class:`TemplateRef` or a clear error."""
    root = builtin_root()
    spec = spec or DEFAULT_TEMPLATE
    directory = find_template(spec)
    if directory is not None:
        manifest = _merged_manifest(directory, default_parent=BASE_TEMPLATE)
        return TemplateRef(directory.name, ENTRY_FILE, (directory, root), manifest)
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
    parent = builtin_manifest(parent_name)
    return own.model_copy(update={"options": {**parent.options, **own.options}})


def read_manifest(directory: Path) -> TemplateManifest | None:
    """Read and check ``template.yaml`` in ``directory``; None when there is none. Every
    problem is a :class:`TemplateError` located in the file, as the résumé's are."""
    path = directory / MANIFEST_FILE
    if not path.is_file():
        return None
    from cvtex.loader import load_file

    try:
        document = load_file(path)
    except CvtexError as exc:
        raise TemplateError(f"invalid {path}:\n{exc.render()}", exc.diagnostics) from exc
    try:
        manifest = TemplateManifest.model_validate(document.data)
    except ValidationError as exc:
        from cvtex.model_errors import model_diagnostics  # in the résumé's words and codes

        diagnostics = model_diagnostics(exc, TemplateManifest, document, str(path))
        raise _invalid(path, diagnostics, document.text) from exc
    parent = manifest.extends
    names = builtin_names()
    if parent is not None and parent != BASE_TEMPLATE and parent not in names:
        message = (
            f'unknown template "{parent}"{_did_you_mean(parent, names)} (a template extends '
            f"a built-in one: {', '.join(names)}, or {BASE_TEMPLATE})"
        )
        where = document.position_of(("extends",))
        diagnostic = Diagnostic(
            Severity.ERROR, message, ("extends",), where, str(path), "invalid-value"
        )
        raise _invalid(path, [diagnostic], document.text)
    return manifest


def _invalid(path: Path, diagnostics: list[Diagnostic], text: str) -> TemplateError:
    return TemplateError(f"invalid {path}:\n{format_all(diagnostics, text)}", diagnostics)
