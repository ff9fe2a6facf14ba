"""Stage 2: :class:`~cvtex.source.loader.Document` → :class:`~cvtex.model.schema.Resume`.

Every problem is gathered before anything is reported, so one run shows the
user everything to fix. Before the passes, what the loader and the content checks
noticed (old key names, folded items, comments cut from prose, pasted bullet signs)
is reported; then three passes:

1. unknown keys, walked against the models (:mod:`cvtex.model.validate_keys`): a near miss
   of a known key is an error with a did-you-mean; anything else is a warning (JSON
   Resume files carry extension keys) and is left out, or an error under ``--strict``;
2. pydantic validation, its errors located through the source map
   (:mod:`cvtex.model.validate_pydantic`);
3. checks on the valid model that are warnings, not errors, such as end before start
   (:mod:`cvtex.model.validate_model`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from cvtex.diagnostics import Diagnostic, FieldPath, Severity
from cvtex.errors import InputError
from cvtex.importers import rendercv_refusal
from cvtex.model.assets import Asset
from cvtex.model.schema import Resume
from cvtex.model.validate_findings import Findings
from cvtex.model.validate_keys import check_section_ids, check_strings, prune_unknown_keys
from cvtex.model.validate_model import check_model, unused_acknowledgements
from cvtex.model.validate_pydantic import add_pydantic_errors, without_invalid
from cvtex.reporter import Reporter
from cvtex.source.content import check_content
from cvtex.source.legacy import LegacyFinding, modernise
from cvtex.source.loader import Document


@dataclass(frozen=True)
class Validated:
    """A valid résumé and the warnings found on the way."""

    resume: Resume
    warnings: tuple[Diagnostic, ...]
    photo: Asset | None = None
    """The photo, read and checked, when a template that shows one was asked for."""


def validate(
    document: Document,
    *,
    strict: bool = False,
    reporter: Reporter | None = None,
    today: dt.date | None = None,
    legacy: Sequence[LegacyFinding] | None = None,
) -> Validated:
    """Validate ``document``; raise :class:`InputError` listing every error found.

    Findings are settled by ``reporter`` (default: ``--strict`` as given, and the
    document's own ``ignore:`` codes), the rule every stage shares.
    ``today`` decides which dates are in the future (default: the real today).
    ``legacy`` is what :func:`~cvtex.source.legacy.modernise` found when the caller already
    ran it (so the rest of the build sees the same document); otherwise it runs here.
    """
    refusal = rendercv_refusal(document)  # one error, not a list of unknown keys
    if refusal is not None:
        raise InputError([refusal], document.text)
    if legacy is None:
        document, legacy = modernise(document)
    reporter = reporter or Reporter.for_document(document, strict=strict)
    checker = Findings(document, reporter)
    for finding in legacy:
        checker.report(
            finding.severity, finding.message, finding.path, key=finding.on_key, code=finding.code
        )
    for path, where in document.folded_items:
        message = (
            f'line {where.line} starts with "- " but is indented past the "-" above it, so it '
            'was read as more of this text; line its "-" up with the one above to make it '
            "an item of its own"
        )
        checker.report(Severity.WARNING, message, path, code="folded-item")
    for path, comment in document.cut_comments:
        if not _is_prose(path):
            continue  # after a date, a link or a design value a "#note" is a comment
        shown = comment if len(comment) <= 40 else comment[:40] + "…"
        message = (
            f'"{shown}" is read as a YAML comment (a space, then #) and does not print; '
            "if it is part of the text, put the whole value in quotes"
        )
        checker.report(Severity.NOTE, message, path, code="comment-in-value")
    cleaned, problems = check_content(document.data)
    for path in _strip_pasted_bullets(cleaned, ()):
        message = "the bullet sign at the start was left out: the template sets its own"
        checker.report(Severity.NOTE, message, path, code="bullet-sign")
    for problem in problems:
        checker.report(
            problem.severity, problem.message, problem.path, key=problem.on_key, code=problem.code
        )
    data = prune_unknown_keys(checker, cleaned, Resume, ())
    check_section_ids(checker, data)
    check_strings(checker, data)
    resume: Resume | None = None
    try:
        resume = Resume.model_validate(data)
    except ValidationError as exc:
        add_pydantic_errors(checker, exc)
        resume = without_invalid(data, exc)  # so the other checks still run: all at once
    if resume is not None:
        check_model(checker, resume, today or dt.date.today())
    settled = reporter.settle_all(checker.found)
    if resume is not None:
        settled += reporter.settle_all(unused_acknowledgements(checker, settled))
    settled = reporter.check(settled, document)  # raises on any error, errors first
    return Validated(resume=resume, warnings=settled)  # type: ignore[arg-type]


NOT_PROSE = frozenset(
    {
        "startDate", "endDate", "date", "releaseDate", "url", "email", "phone", "image",
        "countryCode", "postalCode", "network", "username", "locale", "engine", "$schema",
    }
)  # fmt: skip
"""Keys whose value is not prose: text after `` #`` there is a comment the author meant."""


def _is_prose(path: FieldPath) -> bool:
    keys = [part for part in path if isinstance(part, str)]
    return bool(keys) and keys[0] not in ("design", "meta", "ignore") and keys[-1] not in NOT_PROSE


_PASTED_BULLET = re.compile(r"[•●▪■◦‣∙⁃◆▸►➢➤][ \t\u00a0]*")
"""A bullet sign at the start of a bullet's text, as a list copied from a web page or a
word processor has it: with the template's own it would print twice (``• • Led``)."""
BULLET_LISTS = frozenset({"highlights", "items"})


def _strip_pasted_bullets(data: Any, path: FieldPath) -> Iterator[FieldPath]:
    """Remove a pasted bullet sign from each bullet in ``data`` (in place); yields the
    path of each text changed."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in BULLET_LISTS and isinstance(value, list):
                for index, item in enumerate(value):
                    where: FieldPath = (*path, key, index)
                    if isinstance(item, dict):
                        text, where = item.get("text"), (*where, "text")
                    else:
                        text = item
                    if isinstance(text, str) and _PASTED_BULLET.match(text.lstrip()):
                        stripped = _PASTED_BULLET.sub("", text.lstrip(), count=1)
                        if stripped.strip():
                            if isinstance(item, dict):
                                item["text"] = stripped
                            else:
                                value[index] = stripped
                            yield where
            yield from _strip_pasted_bullets(value, (*path, key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from _strip_pasted_bullets(item, (*path, index))
