"""Stages 1–2: read the résumé, apply ``--set``, and check it against the schema, the
design options of each template and its photo; every problem is reported at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cvtex.backends.latex.design import check_options
from cvtex.backends.latex.templates import TemplateRef, resolve_template
from cvtex.diagnostics import Diagnostic, Severity
from cvtex.errors import InputError
from cvtex.importers import RENDERCV_CODE
from cvtex.model.assets import REMOTE_PREFIXES, Asset, AssetProblem, read_image, resolve_inside
from cvtex.model.select import prints_something
from cvtex.model.validate import Validated, validate
from cvtex.reporter import Reporter
from cvtex.source.legacy import LegacyFinding, modernise
from cvtex.source.loader import Document, load_file
from cvtex.source.overrides import apply_overrides, parse_assignment

OptionValues = dict[str, Any]
"""A template's design options, checked and converted
(:func:`cvtex.backends.latex.design.check_options`)."""


def load_and_validate(
    source: Path,
    *,
    strict: bool = False,
    overrides: tuple[str, ...] = (),
    templates: tuple[str, ...] = (),
    allowed_paths: tuple[Path, ...] = (),
    refs: Sequence[TemplateRef] | None = None,
    today: dt.date | None = None,
) -> tuple[Document, Validated]:
    """Stages 1–2: read the file, apply ``--set``, check it against the schema and
    the design options of each template (``refs``, else resolved from ``templates``);
    every problem is reported at once."""
    if refs is None:
        refs = [resolve_template(spec) for spec in templates or (None,)]
    document, validated, _ = load_and_check(
        source, refs, strict=strict, overrides=overrides, allowed_paths=allowed_paths, today=today
    )
    return document, validated


def load_and_check(
    source: Path,
    refs: Sequence[TemplateRef],
    *,
    strict: bool = False,
    overrides: tuple[str, ...] = (),
    allowed_paths: tuple[Path, ...] = (),
    today: dt.date | None = None,
) -> tuple[Document, Validated, tuple[OptionValues, ...]]:
    """:func:`load_and_validate`, and each template's checked design values (in the
    order of ``refs``), for a build that must check them only once. ``today`` is the
    run's date (:meth:`cvtex.environment.Environment.today`)."""
    document = apply_overrides(load_file(source), [parse_assignment(o) for o in overrides])
    document, legacy = modernise(document)  # old JSON Resume names, for every later stage
    validated, options = check_document_and_options(
        document, refs, strict=strict, allowed_paths=allowed_paths, legacy=legacy, today=today
    )
    return document, validated, options


def check_document(
    document: Document,
    refs: Sequence[TemplateRef] = (),
    *,
    strict: bool = False,
    today: dt.date | None = None,
    allowed_paths: tuple[Path, ...] = (),
    legacy: Sequence[LegacyFinding] | None = None,
) -> Validated:
    """Schema validation, design checks and the photo (when a template shows it),
    their problems merged into one error."""
    validated, _ = check_document_and_options(
        document, refs, strict=strict, today=today, allowed_paths=allowed_paths, legacy=legacy
    )
    return validated


def check_document_and_options(
    document: Document,
    refs: Sequence[TemplateRef] = (),
    *,
    strict: bool = False,
    today: dt.date | None = None,
    allowed_paths: tuple[Path, ...] = (),
    legacy: Sequence[LegacyFinding] | None = None,
) -> tuple[Validated, tuple[OptionValues, ...]]:
    """:func:`check_document`, and the checked values of each template's design options
    (in the order of ``refs``), so a build validates them exactly once."""
    reporter = Reporter.for_document(document, strict=strict)
    diagnostics: list[Diagnostic] = []
    options: list[OptionValues] = []
    validated: Validated | None = None
    try:
        validated = validate(document, reporter=reporter, today=today, legacy=legacy)
        diagnostics += validated.warnings
    except InputError as exc:
        if any(d.code == RENDERCV_CODE for d in exc.diagnostics):
            raise  # its design is RenderCV's: checking it against the template says nothing
        diagnostics += exc.diagnostics
    for ref in refs or (resolve_template(None),):
        try:
            values, warnings = check_options(document, ref, reporter=reporter)
            options.append(values)
            diagnostics += warnings
        except InputError as exc:
            diagnostics += exc.diagnostics
    photo: Asset | None = None
    if validated is not None and any(ref.manifest.photo for ref in refs):
        photo, found = _photo(document, validated, allowed_paths)
        diagnostics += found
    settled = reporter.check(diagnostics, document)  # every stage's findings, one rule
    if validated is None:
        raise InputError(settled, document.sources)
    return Validated(validated.resume, settled, photo), tuple(options)


def _photo(
    document: Document, validated: Validated, allowed: tuple[Path, ...]
) -> tuple[Asset | None, list[Diagnostic]]:
    """The photo to copy into the build folder, checked where the résumé names it."""
    image = validated.resume.basics.image
    if image is None:
        return None, []
    path_in_yaml = ("basics", "image")
    file, position = document.locate(path_in_yaml)
    if image.startswith(REMOTE_PREFIXES):
        message = "remote images are not downloaded; give the path of a local file"
        remote = Diagnostic(Severity.WARNING, message, path_in_yaml, position, file, "remote-image")
        return None, [remote]
    trusted = document.override_for(path_in_yaml) is not None  # --set: the user's own
    try:
        path = resolve_inside(image, Path(document.filename).parent, allowed, trusted=trusted)
        return read_image(path), []
    except AssetProblem as exc:
        return None, [Diagnostic(Severity.ERROR, str(exc), path_in_yaml, position, file, "photo")]


def require_something_to_print(document: Document, validated: Validated) -> None:
    """A résumé with no name, contact details or sections would give an empty PDF or
    page: an error, for every output (build and export alike)."""
    if not prints_something(validated.resume):
        message = "nothing to print: the résumé has no name, contact details or sections"
        file, position = document.locate(())
        diagnostic = Diagnostic(Severity.ERROR, message, (), position, file, "nothing-to-print")
        raise InputError([diagnostic, *validated.warnings], document.sources)
