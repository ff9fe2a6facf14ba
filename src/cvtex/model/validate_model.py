"""Validate pass 3, on a model pydantic accepted: checks that a schema cannot make.

Links against the link policy, dates (order, future, impossible days), the name
header, right-to-left text, entries that print nothing and ``ignore:`` codes. Most
are warnings: the résumé still builds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from pydantic import BaseModel

from cvtex.backends.latex.markup import link_targets
from cvtex.diagnostics import Diagnostic, FieldPath, Severity
from cvtex.model.acknowledge import WARNING_CODES
from cvtex.model.dates import PartialDate
from cvtex.model.dates_forms import MONTHS
from cvtex.model.links import LinkRefused, NotALink, classify, email_link
from cvtex.model.schema import Resume
from cvtex.model.schema_base import Dated
from cvtex.model.scripts import script_of, texts_in
from cvtex.model.select import printable
from cvtex.model.validate_findings import Findings
from cvtex.suggest import suggest


def check_model(checker: Findings, resume: Resume, today: dt.date) -> None:
    _check_name(checker, resume)
    _check_ignore_codes(checker)
    for path, model in _walk_models(resume, ()):
        _check_entry_prints(checker, model, path)
        if isinstance(model, Dated):
            _check_period(checker, model, path)
        for name, value in _own_values(model):
            if isinstance(value, PartialDate):
                _check_not_future(checker, value, (*path, name), today)
                _check_day(checker, value, (*path, name))
            elif name == "url" and isinstance(value, str):
                _check_link(checker, value, (*path, name), classify)
    email = resume.basics.email
    if email is not None:
        _check_link(checker, email, ("basics", "email"), email_link)
    titles = [
        (("design", "section_titles", key), text)
        for key, text in resume.design.section_titles.items()
    ]
    for path, text in [*texts_in(resume), *titles]:  # a heading's links print too
        for target in link_targets(text):
            _check_link(checker, target, path, classify, in_markup=True)
        rtl = next((char for char in text if script_of(char) == "rtl"), None)
        if rtl is not None:
            message = (
                f'right-to-left scripts (here "{rtl}") are not supported yet; see docs/engines.md'
            )
            checker.report(Severity.ERROR, message, path, code="rtl-script")


def _check_name(checker: Findings, resume: Resume) -> None:
    """Without a name the PDF has no header: say so (unless a misspelt key is the
    reason, which its did-you-mean already says)."""
    if not resume.basics.name and ("basics", "name") not in checker.suggested:
        where: FieldPath = ("basics",) if "basics" in checker.document.data else ()
        checker.report(
            Severity.WARNING,
            "no basics.name: the PDF has no name header",
            where,
            key=bool(where),
            code="no-name",
        )


def _check_ignore_codes(checker: Findings) -> None:
    """A code under ``ignore:`` that names no warning accepts nothing: say so, since
    a misspelt code would otherwise leave the warning the user meant to accept."""
    for item in checker.accepted.items:
        if item.code in WARNING_CODES:
            continue
        guess = suggest(item.code, WARNING_CODES)
        hint = (
            f'did you mean "{guess}"?'
            if guess
            else f"warning codes: {', '.join(WARNING_CODES)}; errors cannot be ignored"
        )
        checker.report(
            Severity.WARNING,
            f'"{item.code}" is not a warning code, so it accepts nothing; {hint}',
            item.path,
            code="unknown-code",
        )


def unused_acknowledgements(checker: Findings, settled: Sequence[Diagnostic]) -> list[Diagnostic]:
    """A code under ``ignore:`` with no such warning where it stands (judged on the
    settled findings): the problem was fixed (or the code sits on the wrong entry),
    so the line can go."""
    notes = []
    for item in checker.accepted.unused(settled):
        message = f'nothing here gives warning "{item.code}", so ignore: has nothing to accept'
        file, position = checker.document.locate(item.path)
        notes.append(Diagnostic(Severity.NOTE, message, item.path, position, file, "unused-ignore"))
    return notes


def _check_entry_prints(checker: Findings, model: BaseModel, path: FieldPath) -> None:
    """An entry whose keys hold nothing printable is left out, with a note. Blank
    items (``""``, ``{}``, ``null``) are left out silently: there was nothing to lose."""
    if not path or not isinstance(path[-1], int) or getattr(model, "hidden", False):
        return
    raw = checker.raw(path)
    if isinstance(raw, dict) and raw and not printable(model):
        checker.report(
            Severity.NOTE,
            "nothing in this entry prints, so it is left out",
            path,
            key=True,
            code="empty-entry",
        )


def _check_link(
    checker: Findings,
    value: str,
    path: FieldPath,
    check: Callable[[str], object],
    *,
    in_markup: bool = False,
) -> None:
    """The link policy of :mod:`cvtex.model.links`: refused links are errors; text that
    is no link at all is a warning (it prints, without a link)."""
    where = f' in "[text]({value})"' if in_markup else ""
    try:
        check(value)
    except LinkRefused as exc:
        checker.report(Severity.ERROR, f"{exc}{where}", path, code="link-refused")
    except NotALink as exc:
        checker.report(
            Severity.WARNING, f"{exc}{where}; it prints without a link", path, code="not-a-link"
        )


def _check_period(checker: Findings, model: Dated, path: FieldPath) -> None:
    start = model.startDate.sort_key() if model.startDate else None
    end = model.endDate.sort_key() if model.endDate else None
    if start is not None and end is not None and end < start:
        checker.report(
            Severity.WARNING,
            f'the end date "{model.endDate}" is before the start date "{model.startDate}"',
            (*path, "endDate"),
            code="date-order",
        )


def _check_not_future(
    checker: Findings, value: PartialDate, path: FieldPath, today: dt.date
) -> None:
    earliest = value.earliest()
    if earliest is not None and earliest > today:
        message = f'the date "{value}" is in the future'
        checker.report(Severity.WARNING, message, path, code="date-future")


def _check_day(checker: Findings, value: PartialDate, path: FieldPath) -> None:
    """2024-09-31 is a slip, not a reason to fail the build: it means its month."""
    if value.dropped_day is not None and value.year is not None and value.month:
        month = f"{MONTHS[value.month - 1]} {value.year:04d}"
        message = f"{month} has no day {value.dropped_day}; read as the month ({value.written()})"
        checker.report(Severity.WARNING, message, path, code="impossible-day")


def _own_values(model: BaseModel) -> Iterator[tuple[str, Any]]:
    for name, info in type(model).model_fields.items():
        yield info.alias or name, getattr(model, name)


def _walk_models(model: BaseModel, path: FieldPath) -> Iterator[tuple[FieldPath, BaseModel]]:
    yield path, model
    for name in type(model).model_fields:
        value = getattr(model, name)
        key = type(model).model_fields[name].alias or name
        if isinstance(value, BaseModel):
            yield from _walk_models(value, (*path, key))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _walk_models(item, (*path, key, i))
        elif isinstance(value, dict):
            for k, item in value.items():
                if isinstance(item, BaseModel):
                    yield from _walk_models(item, (*path, key, k))
