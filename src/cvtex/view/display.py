"""How an entry's dates print, decided in Python for every output format.

The result is plain text (never LaTeX): the renderer escapes it when it writes it,
so a date as written can never become TeX code. ``design.date_format`` ``auto`` (the
default) prints a full date or date-time as the locale's short month and year
(``2011-06-01`` → ``Jun 2011``) and every other form as written; the end of a range
follows the start's style when its form differs (``2011-06-01`` to ``2014`` →
``Jun 2011 – 2014``; ``09/2022`` to ``2025-03-15`` → ``09/2022 – 03/2025``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Any

from cvtex.diagnostics import FieldPath
from cvtex.model.dates import PartialDate
from cvtex.model.locales import Locale, get_locale

RANGE_DASH = "\u00a0\u2013\u00a0"
"""Between the ends of a range in plain text: an en dash, held to both ends."""


@dataclass(frozen=True, slots=True)
class DateRange:
    """An entry's dates: ``start`` alone (one date, or nothing: ""), or start and end."""

    start: str
    end: str | None = None
    path: FieldPath | None = field(default=None, compare=False)
    """Where the dates are written, so an output can say which field printed them."""

    @property
    def parts(self) -> tuple[str, ...]:
        return (self.start,) if self.end is None else (self.start, self.end)

    @property
    def text(self) -> str:
        return RANGE_DASH.join(self.parts)

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.start)


@dataclass(frozen=True)
class DateDisplay:
    """The date format and the locale (month names, the word for "present")."""

    format: str = "auto"
    locale: Locale = field(default_factory=lambda: get_locale(None))

    def date(self, value: PartialDate, style: str | None = None) -> str:
        """One date in ``style`` (default: the display's format)."""
        return value.format(
            style or self.format,
            self.locale.string("present"),
            self.locale.months,
            self.locale.months_short,
            self.locale.month_year,
        )

    def range(self, entry: Any) -> DateRange:
        """An entry's ``date`` (or a publication's ``releaseDate``) or its
        ``startDate``/``endDate``.

        ``date`` (a date or free text) wins when present; an entry with a start and
        no end runs to "present"; an end that prints as its start prints once. The
        range knows the field it is written in (:func:`dates_path`)."""
        return replace(self._range(entry), path=dates_path(entry))

    def _range(self, entry: Any) -> DateRange:
        single: PartialDate | None = getattr(entry, "date", None) or getattr(
            entry, "releaseDate", None
        )
        start: PartialDate | None = getattr(entry, "startDate", None)
        end: PartialDate | None = getattr(entry, "endDate", None)
        if single is not None:
            return DateRange(self.date(single))
        if start is None:
            return DateRange(self.date(end) if end is not None else "")
        first = self.date(start)
        if end is None:
            return DateRange(first, self.locale.string("present"))
        last = self.date(end, self._end_style(start, end))
        return DateRange(first) if last == first else DateRange(first, last)

    def _end_style(self, start: PartialDate, end: PartialDate) -> str:
        """``auto``: an end in another form than its start takes the start's style."""
        if self.format != "auto" or end.form == start.form or end.present:
            return self.format
        return start.style


DATE_KEYS = ("date", "releaseDate", "startDate", "endDate")


def dates_path(entry: Any) -> FieldPath | None:
    """Where an entry's dates are written (its first date key that is set), so an
    output can say which field printed them: the entry's own path is known from any
    of its fields that remembers one (:class:`~cvtex.diagnostics.SourceText`)."""
    written = next((key for key in DATE_KEYS if getattr(entry, key, None) is not None), None)
    if written is None:
        return None
    for name in getattr(type(entry), "model_fields", {}):
        path: FieldPath | None = getattr(getattr(entry, name), "path", None)
        if path is not None:
            return (*path[:-1], written)
    return None


def degree_line(pattern: str, study_type: str | None, area: str | None) -> str:
    """ "M.Sc. in Physics" from the locale's pattern ("{type} in {area}"), or whichever
    part there is. A pattern that joins the parts without a space (Chinese
    "{area}{type}": 数学学士) gets one where both sides are not CJK, so
    "Mathematics" and "B.A." do not run together."""
    if not (study_type and area):
        return study_type or area or ""
    parts = re.split(r"(\{type\}|\{area\})", pattern)
    values = {"{type}": study_type, "{area}": area}
    out = ""
    for part in parts:
        text = values.get(part, part)
        latin_join = text and out and not out[-1].isspace() and part in values
        if latin_join and not _cjk(out[-1]) and not _cjk(text[0]):
            out += " "
        out += text
    return out


def _cjk(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")
