"""Résumé dates: the text as written plus the value it means.

A résumé prints dates the way its author wrote them (or in a chosen format), but
checks (end before start, dates in the future) need their meaning, so
:class:`PartialDate` keeps both. ``startDate``/``endDate``/``releaseDate`` must be
real dates; ``date`` (:class:`FreeDate`) also takes free text such as
"Summer 2021", printed as written.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, ClassVar

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

ACCEPTED_FORMS = "YYYY, YYYY-MM, YYYY-MM-DD, MM/YYYY or present"
MIN_YEAR = dt.MINYEAR
MAX_YEAR = dt.MAXYEAR
"""The years :mod:`datetime` can represent (0001–9999); outside them no date can
be compared with today, so they are refused at the field."""
SHOWN_CHARS = 40
"""How much of a rejected value an error message repeats."""
DATE_FORMATS = ("as_written", "YYYY", "MM/YYYY", "YYYY-MM", "Mon YYYY", "Month YYYY")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# ASCII digits only: "٢٠٢٠" would parse as 2020 and then print, as written, in a script
# the fonts may lack.
_PATTERNS: tuple[tuple[re.Pattern[str], tuple[str, str, str]], ...] = (
    (re.compile(r"(?P<y>\d{4})", re.ASCII), ("y", "", "")),
    (re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})", re.ASCII), ("y", "m", "")),
    (re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})", re.ASCII), ("y", "m", "d")),
    (re.compile(r"(?P<m>\d{1,2})/(?P<y>\d{4})", re.ASCII), ("y", "m", "")),
)
_JSON_PATTERN = (
    r"^(\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?"
    r"|(0?[1-9]|1[0-2])/\d{4}|[Pp]resent|PRESENT)$"
)


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date with a year, maybe a month and a day; or "present"; or free text.

    ``year`` is None for "present" (``present`` is True) and for free text.
    """

    text: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    present: bool = False

    lenient: ClassVar[bool] = False

    @property
    def is_free_text(self) -> bool:
        return self.year is None and not self.present

    def sort_key(self) -> tuple[int, int, int] | None:
        """Comparable value; "present" sorts after every real date; free text has none."""
        if self.present:
            return (9999, 12, 31)
        if self.year is None:
            return None
        return (self.year, self.month or 0, self.day or 0)

    def earliest(self) -> dt.date | None:
        """The first day this date can mean (None for present and free text)."""
        if self.year is None:
            return None
        return dt.date(self.year, self.month or 1, self.day or 1)

    def format(
        self,
        style: str = "as_written",
        present: str = "Present",
        months: tuple[str, ...] = MONTHS,
        months_short: tuple[str, ...] | None = None,
        month_year: str = "{month} {year}",
    ) -> str:
        """The date in one of :data:`DATE_FORMATS` (unknown parts are left out);
        "present" in any spelling prints as ``present``; month names come from the
        locale."""
        if self.present:
            return present
        if self.year is None or style == "as_written":
            return self.text
        if self.month is None or style == "YYYY":
            return f"{self.year}"
        if style == "MM/YYYY":
            return f"{self.month:02d}/{self.year}"
        if style == "YYYY-MM":
            return f"{self.year}-{self.month:02d}"
        short = months_short or tuple(name[:3] for name in months)
        name = (short if style == "Mon YYYY" else months)[self.month - 1]
        return month_year.format(month=name, year=self.year)

    def __str__(self) -> str:
        return self.text

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read one of :data:`ACCEPTED_FORMS`; raise ``ValueError`` otherwise."""
        stripped = text.strip()
        if stripped.lower() == "present":
            return cls(stripped, present=True)
        for pattern, (y, m, d) in _PATTERNS:
            match = pattern.fullmatch(stripped)
            if match is None:
                continue
            year = int(match.group(y))
            month = int(match.group(m)) if m else None
            day = int(match.group(d)) if d else None
            if not MIN_YEAR <= year <= MAX_YEAR:
                raise ValueError(
                    f"invalid date {_quoted(text)}: year {year} is out of range "
                    f"({MIN_YEAR:04d}–{MAX_YEAR:04d})"
                )
            if month is not None and not 1 <= month <= 12:
                break
            if day is not None and not 1 <= day <= calendar.monthrange(year, month or 1)[1]:
                break
            return cls(stripped, year, month, day)
        raise ValueError(f"invalid date {_quoted(text)} (expected {ACCEPTED_FORMS})")

    @classmethod
    def _validate(cls, value: Any) -> PartialDate:
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"a date must be text ({ACCEPTED_FORMS})")
        try:
            return PartialDate.parse(value)
        except ValueError:
            if cls.lenient:
                return PartialDate(value.strip())
            raise

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls._validate,
            serialization=core_schema.plain_serializer_function_ser_schema(str),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "string", "pattern": _JSON_PATTERN, "description": ACCEPTED_FORMS}


def _quoted(text: str) -> str:
    """The value in quotes for a message: shortened, and with anything unprintable
    (an escaped control character, a line break) shown as an escape, so a hostile
    value cannot reach the terminal raw."""
    shown = text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…"
    return (
        '"'
        + "".join(
            char if char.isprintable() else char.encode("unicode_escape").decode("ascii")
            for char in shown
        )
        + '"'
    )


class FreeDate(PartialDate):
    """A ``date`` field: a real date when it parses as one, otherwise free text."""

    __slots__ = ()
    lenient: ClassVar[bool] = True

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "type": "string",
            "minLength": 1,
            "description": f"{ACCEPTED_FORMS}, or free text printed as written",
        }
