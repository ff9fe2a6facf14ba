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
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from cvtex.backends.latex.options import OptionSpec
from cvtex.diagnostics import Diagnostic, Severity, format_all
from cvtex.errors import CvtexError, TemplateError
from cvtex.suggest import suggest

if TYPE_CHECKING:
    from jinja2 import nodes

ENTRY_FILE = "resume.tex.j2"
MANIFEST_FILE = "template.yaml"
DEFAULT_TEMPLATE = "classic"
BASE_TEMPLATE = "_base"

Engine = Literal["pdflatex", "xelatex", "lualatex"]


class TemplateManifest(BaseModel):
    """``template.yaml``: what a template is and which design options it takes."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    description: str = Field(default="", min_length=1)
    """Optional in a user template (then "user template NAME"); never inherited."""
    extends: str | None = None
    """The built-in template this one extends; unset means ``_base``."""
    engines: list[Engine] = ["pdflatex"]
    photo: bool = False
    unicode_fonts: list[str] = []
    """Font families the template needs under xelatex/lualatex, beyond the text fonts."""
    options: dict[str, OptionSpec] = {}


def builtin_root() -> Path:
    """The folder that holds the built-in templates."""
    package_dir = Path(__file__).resolve().parents[2]  # cvtex/, where the wheel puts them
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
    (exit 2, :func:`cvtex.cli.params.template_option`); a template's own ``extends:`` is
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
        return TemplateRef(directory.name, ENTRY_FILE, (directory, root), user_manifest(directory))
    return TemplateRef(spec, f"{spec}/{ENTRY_FILE}", (root,), builtin_manifest(spec))


INHERITED_FIELDS = ("engines", "photo", "unicode_fonts")
"""Fields a template that does not write them takes from the template it extends;
``options`` are merged key by key, and ``description`` is never inherited."""


@functools.cache
def builtin_manifest(name: str) -> TemplateManifest:
    """The merged manifest of a built-in template (cached: built-ins do not change)."""
    own = read_manifest(builtin_root() / name) or TemplateManifest(description=name)
    if name == BASE_TEMPLATE:
        return own
    return _inherit(own, own.extends or BASE_TEMPLATE, default_description=name)


def user_manifest(directory: Path) -> TemplateManifest:
    """The manifest of the user template in ``directory``, field by field from the
    template it extends: its ``template.yaml``'s ``extends:`` (default ``_base``), or
    without a ``template.yaml`` the built-in its ``resume.tex.j2`` extends."""
    default_description = f"user template {directory.name}"
    own = read_manifest(directory)
    if own is None:
        parent_name = extended_builtin(directory)
        update = {"description": default_description, "extends": parent_name}
        return builtin_manifest(parent_name).model_copy(update=update)
    return _inherit(own, own.extends or BASE_TEMPLATE, default_description=default_description)


def _inherit(
    own: TemplateManifest, parent_name: str, *, default_description: str
) -> TemplateManifest:
    """``own`` with every field it does not write taken from ``parent_name``'s manifest."""
    parent = builtin_manifest(parent_name)
    written = own.model_fields_set
    update: dict[str, object] = {
        field: getattr(parent, field) for field in INHERITED_FIELDS if field not in written
    }
    update["options"] = {**parent.options, **own.options}
    update["extends"] = parent_name
    if "description" not in written:
        update["description"] = default_description
    return own.model_copy(update=update)


def extended_builtin(directory: Path) -> str:
    """The built-in template whose entry file the user template in ``directory``
    extends (``\\BLOCK{extends "classic/resume.tex.j2"}`` → ``classic``), following
    ``extends`` through the folder's own files; ``_base`` when it extends none, or
    names it with an expression rather than a constant string."""
    from jinja2 import TemplateNotFound, TemplateSyntaxError
    from jinja2.loaders import split_template_path

    from cvtex.backends.latex.latex_jinja import parse_template

    names = {*builtin_names(), BASE_TEMPLATE}
    seen: set[str] = set()
    current = ENTRY_FILE
    while current not in seen:
        seen.add(current)
        try:
            source = directory.joinpath(*split_template_path(current)).read_text("utf-8")
            extended = extends_target(parse_template(source))
            if extended is None:
                return BASE_TEMPLATE
            own_file = directory.joinpath(*split_template_path(extended)).is_file()
        except (OSError, UnicodeDecodeError, TemplateSyntaxError, TemplateNotFound):
            return BASE_TEMPLATE  # rendering reports the problem, at its line
        if own_file:  # the loader searches the folder first, as FileSystemLoader does
            current = extended
            continue
        name, _, rest = extended.partition("/")
        return name if rest == ENTRY_FILE and name in names else BASE_TEMPLATE
    return BASE_TEMPLATE


def extends_target(template: nodes.Template) -> str | None:
    """What a parsed template's top-level ``extends`` names, when it is a constant string."""
    from jinja2 import nodes

    for node in template.body:
        if isinstance(node, nodes.Extends):
            target = node.template
            if isinstance(target, nodes.Const) and isinstance(target.value, str):
                return target.value
            return None
    return None


def read_manifest(directory: Path) -> TemplateManifest | None:
    """Read and check ``template.yaml`` in ``directory``; None when there is none. Every
    problem is a :class:`TemplateError` located in the file, as the résumé's are."""
    path = directory / MANIFEST_FILE
    if not path.is_file():
        return None
    from cvtex.source.loader import load_file

    try:
        document = load_file(path)
    except CvtexError as exc:
        raise TemplateError(f"invalid {path}:\n{exc.render()}", exc.diagnostics) from exc
    try:
        manifest = TemplateManifest.model_validate(document.data)
    except ValidationError as exc:
        from cvtex.model.model_errors import model_diagnostics  # in the résumé's words and codes

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
