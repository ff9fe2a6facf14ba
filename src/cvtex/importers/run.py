"""One ``cvtex import``: read, convert, write, then check what was written.

The written text is read back with :func:`cvtex.source.loader.load_text` and must give
exactly the data the converter meant (else the writer has a bug), and it is
validated: an error about the file's structure is a bug in the converter, reported
as an internal error; an error about the content (a ``javascript:`` link, a
right-to-left script, a control character) came with the input and is the user's to
fix, in the written file, where the message points.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from pathlib import Path

from cvtex.backends.latex.templates import TemplateRef, resolve_template
from cvtex.diagnostics import Diagnostic, Severity
from cvtex.errors import InputError, UsageProblem
from cvtex.importers import Imported, convert
from cvtex.source.loader import Document, load_file, load_text
from cvtex.yaml_writer import dump, plain_data

CONTENT_CODES = frozenset(
    {"link-refused", "rtl-script", "bidi-control", "control-char", "word-too-long", "limit"}
)
"""Errors the input's own text causes; any other error in the written file is a bug."""


@dataclass(frozen=True)
class ImportReport:
    kind: str
    output: str
    """The file written, or "-" for standard output."""
    text: str
    """The YAML written."""
    diagnostics: tuple[Diagnostic, ...]
    """What validating the written file found, located in it."""
    template: str | None

    @property
    def valid(self) -> bool:
        return not any(d.severity is Severity.ERROR for d in self.diagnostics)


def default_output(source: Path) -> Path:
    return source.with_suffix(".yaml") if source.suffix else source.with_name(source.name + ".yaml")


def check_target(source: Path, target: Path, force: bool) -> None:
    """Never the input itself; an existing file only with --force."""
    if target.exists() and target.samefile(source):
        raise UsageProblem(
            f"{target} is the file being imported, and cvtex import never overwrites it: "
            f"name the file to write with -o (e.g. -o {shlex.quote(target.stem + '-cvtex.yaml')})"
        )
    if target.is_dir():
        raise UsageProblem(f"{target} is a folder; name the YAML file to write with -o")
    if not force and (target.exists() or target.is_symlink()):
        raise UsageProblem(f"{target} already exists; use --force to overwrite it")


def render(imported: Imported, source: Path, output_name: str) -> str:
    """The YAML text of an import: a header naming the source, then the tree."""
    named = "" if output_name == "-" else " " + shlex.quote(Path(output_name).name)
    build = f"cvtex build{named}"
    if imported.template:
        build += f" -t {imported.template}"
    header = (
        f"Imported by cvtex import from {source.name} ({imported.kind}).",
        f"Build it with:   {build}",
        *imported.header,
    )
    return dump(imported.tree, header)


def import_file(source: Path, output: str | None, *, force: bool = False) -> ImportReport:
    """Convert ``source``; write it to ``output`` ("-": return the text only, for
    standard output; None: beside the source, as ``.yaml``). A file whose content
    does not validate is written all the same, with the errors in the report."""
    from cvtex.install import install

    target = None if output == "-" else Path(output) if output else default_output(source)
    if target is not None:
        check_target(source, target, force)
    report = import_document(load_file(source), source, "-" if target is None else str(target))
    if target is not None:
        install(target, report.text.encode("utf-8"))
    return report


def import_document(document: Document, source: Path, name: str) -> ImportReport:
    """Convert a loaded file and check the YAML it gives, writing nothing: ``name`` is
    the file it is for ("-" for standard output)."""
    imported = convert(document)
    text = render(imported, source, name)
    written = load_text(text, "<stdout>" if name == "-" else name)
    if written.data != plain_data(imported.tree):
        raise AssertionError("the written YAML does not read back as the data it was made from")
    diagnostics = _check(written, resolve_template(imported.template))
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    if any(d.code not in CONTENT_CODES for d in errors):
        found = "; ".join(f"{d.code}: {d.message}" for d in errors)
        raise AssertionError(f"the written YAML does not validate: {found}")
    return ImportReport(imported.kind, name, text, diagnostics, imported.template)


def _check(document: Document, template: TemplateRef) -> tuple[Diagnostic, ...]:
    """What ``cvtex validate -t TEMPLATE`` finds, but the photo: the import opens no
    file the input names."""
    from cvtex.backends.latex.design import check_options
    from cvtex.model.validate import validate

    found: list[Diagnostic] = []
    try:
        found += validate(document).warnings
    except InputError as exc:
        found += exc.diagnostics
    try:
        found += check_options(document, template)[1]
    except InputError as exc:
        found += exc.diagnostics
    return tuple(dict.fromkeys(found))
