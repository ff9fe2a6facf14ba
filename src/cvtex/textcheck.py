"""Does a PDF say what its résumé says? Every printable field, found, in order.

A build can exit 0 and still lose content: a template that skips a field, a
font without a glyph, an engine whose text layer is wrong. This compares the
PDF's extracted text (and its link targets) with the fields that should print,
so tests can check it on any document and a ``cvtex check`` command can wrap it.
Extracting the text (``pdftotext``) is the caller's job.

Comparison is forgiving where typesetting legitimately differs: Unicode is
NFKC-normalised, curly quotes are made straight, runs of white space are one
space, and case is ignored (small capitals extract as capitals). Order is
checked entry by entry: each entry's first field must come after the previous
entry's, while fields inside an entry may be laid out in any order (dates sit
beside titles).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from cvtex.backends.latex.markup import link_targets, markup_to_text
from cvtex.diagnostics import FieldPath
from cvtex.model.dates import PartialDate
from cvtex.model.links import safe_target
from cvtex.model.locales import get_locale
from cvtex.model.schema import STANDARD_SECTIONS, Basics, Resume
from cvtex.model.select import NOT_PRINTED, select_printed
from cvtex.view.contact import contact_items
from cvtex.view.display import DateDisplay

LINK_ONLY = frozenset({"url"})
"""Fields that print as a link on other text, not as text."""
NOT_CHECKED = frozenset({"image", "countryCode", "country", "profiles", *NOT_PRINTED})
"""Fields checked another way (the photo, the location and profiles as contact items)."""

_STRAIGHT = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2010": "-", "\u2011": "-"}
)
"""Curly quotes, and the hyphens some OpenType fonts map ``-`` to, made plain."""


@dataclass(frozen=True)
class Expected:
    """One thing the PDF should hold: ``text`` in its text layer, or a link to
    ``link``; ``entry`` groups the fields of one entry for the order check."""

    path: FieldPath
    entry: FieldPath
    text: str | None = None
    link: str | None = None
    fallback: str | None = None
    """Also enough when found: a date's year, for layouts that print only the year
    (academic's citations)."""


@dataclass(frozen=True)
class Problem:
    """A field that is not in the PDF, or not where it belongs."""

    path: FieldPath
    message: str


def plain_text(text: str) -> str:
    """NFKC, quotes and hyphens straight, each run of white space one space."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(_STRAIGHT).split())


def normalise(text: str) -> str:
    """The form both sides are compared in: :func:`plain_text`, case ignored."""
    return plain_text(text).casefold()


def expected(resume: Resume) -> Iterator[Expected]:
    """What should print, in print order (basics first, then sections)."""
    selected = select_printed(resume)
    locale = get_locale(selected.locale).with_overrides(selected.strings)
    dates = DateDisplay(selected.design.date_format, locale)
    yield from _basics(selected.basics)
    order = dict.fromkeys([*selected.design.section_order, *selected.section_ids()])
    for section in order:
        if section == "summary":
            if selected.basics.summary:
                yield from _texts(selected.basics.summary, ("basics", "summary"), ("basics",))
            continue
        if section in STANDARD_SECTIONS:
            entries: Any = getattr(selected, section)
            path: FieldPath = (section,)
        elif section in selected.sections:
            custom = selected.sections[section]
            entries = custom.entries or custom.items or custom.rows
            path = ("sections", section)
            if entries and custom.title and section not in selected.design.section_titles:
                yield Expected((*path, "title"), path, text=custom.title)
            path = (*path, "entries" if custom.entries else "items" if custom.items else "rows")
        else:
            continue
        for index, entry in enumerate(entries):
            yield from _walk(entry, (*path, index), (*path, index), dates)


def _basics(basics: Basics) -> Iterator[Expected]:
    entry: FieldPath = ("basics",)
    for name in ("name", "label"):
        value = getattr(basics, name)
        if value:
            yield from _texts(value, ("basics", name), entry)
    for item in contact_items(basics):
        where: FieldPath = ("basics", item.kind)
        # A network with its own icon may be shown by the icon alone.
        network = item.network if item.kind == "link" else None
        for part in (network, item.text):
            if part:
                yield from _texts(part, where, entry)
        if item.link is not None and item.kind != "phone":
            target = safe_target(item.link)
            if target:
                yield Expected(where, entry, link=target)


def _walk(value: Any, path: FieldPath, entry: FieldPath, dates: DateDisplay) -> Iterator[Expected]:
    if isinstance(value, BaseModel):
        yield from _dates(value, path, entry, dates)
        for name, info in type(value).model_fields.items():
            key = info.alias or name
            if key in NOT_CHECKED or isinstance(getattr(value, name), PartialDate):
                continue
            field = getattr(value, name)
            if key in LINK_ONLY and isinstance(field, str):
                target = safe_target(field)
                if target:
                    yield Expected((*path, key), entry, link=target)
                continue
            yield from _walk(field, (*path, key), entry, dates)
    elif isinstance(value, str):
        yield from _texts(value, path, entry)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, (*path, index), entry, dates)


def _dates(
    model: BaseModel, path: FieldPath, entry: FieldPath, dates: DateDisplay
) -> Iterator[Expected]:
    """The entry's dates as they print (in the locale and format), not as written."""
    written = [(name, value) for name, value in model if isinstance(value, PartialDate)]
    if not written:
        return
    shown = dates.range(model)
    years = [str(value.year) for _, value in written if value.year is not None]
    for index, part in enumerate(shown.parts):
        if part:
            fallback = years[index] if index < len(years) else None
            yield Expected((*path, written[0][0]), entry, text=part, fallback=fallback)


def _texts(text: str, path: FieldPath, entry: FieldPath) -> Iterator[Expected]:
    yield Expected(path, entry, text=markup_to_text(text))
    for target in link_targets(text):
        found = safe_target(target)
        if found:
            yield Expected(path, entry, link=found)


def check_pdf_text(resume: Resume, text: str, links: set[str]) -> list[Problem]:
    """Every printable field of ``resume`` that ``text`` (the PDF's text layer) or
    ``links`` (its link targets) lacks, or holds out of order."""
    haystack = normalise(text)
    problems: list[Problem] = []
    floor = 0  # where the entry before this one starts
    entry: FieldPath | None = None
    entry_start: int | None = None
    for item in expected(resume):
        if item.entry != entry:
            floor = entry_start if entry_start is not None else floor
            entry, entry_start = item.entry, None
        if item.link is not None:
            if item.link not in links:
                problems.append(Problem(item.path, f"no link to {item.link}"))
            continue
        needle = normalise(item.text or "")
        if not needle:
            continue
        start = haystack.find(needle, floor)
        if start < 0 and item.fallback:
            start = haystack.find(normalise(item.fallback), floor)
        if start < 0:
            message = (
                f'"{item.text}" is missing'
                if haystack.find(needle) < 0
                else f'"{item.text}" is out of order (found only before the entry above it)'
            )
            problems.append(Problem(item.path, message))
            continue
        entry_start = start if entry_start is None else min(entry_start, start)
    return problems
