"""Résumé dates: the text as written plus the value it means.

A résumé prints dates the way its author wrote them (or in a chosen format), but
checks (end before start, dates in the future) need their meaning, so
:class:`PartialDate` keeps both. ``startDate``/``endDate``/``releaseDate`` must be
real dates; ``date`` (:class:`FreeDate`) also takes free text such as
"Summer 2021", printed as written.

Which texts are dates is one table, :data:`cvtex.model.dates_forms.FORMS`; this module
reads, compares and prints them.
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

from cvtex.model.dates_forms import (
    ACCEPTED_FORMS,
    EDGE_CHARS,
    FORM_NAMES,
    FORMS,
    JSON_PATTERN,
    MONTH_WORDS,
    MONTHS,
    compiled,
    loose,
)

MIN_YEAR = dt.MINYEAR
MAX_YEAR = dt.MAXYEAR
"""The years :mod:`datetime` can represent (0001–9999); outside them no date can
be compared with today, so they are refused at the field."""
SHOWN_CHARS = 40
"""How much of a rejected value an error message repeats."""
DATE_FORMATS = (
    "auto",
    "as_written",
    "YYYY",
    "MM/YYYY",
    "YYYY-MM",
    "Mon YYYY",
    "Month YYYY",
)
"""The values of ``design.date_format``. ``auto`` (the default): full dates and
date-times print as the locale's short month and year, every other form as written."""

_SLASHED_DAY = re.compile(r"\d{1,2}/\d{1,2}/\d{4}")


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date with a year, maybe a month and a day; or "present"; or free text.

    ``year`` is None for "present" (``present`` is True) and for free text. ``form``
    names the :class:`DateForm` it was written in ("" for free text). A day the month
    does not have (2024-09-31) is kept in ``dropped_day`` and the date means its month.
    """

    text: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    present: bool = False
    form: str = ""
    dropped_day: int | None = None

    lenient: ClassVar[bool] = False

    @property
    def is_free_text(self) -> bool:
        return self.year is None and not self.present

    @property
    def style(self) -> str:
        """How the end of a range starting with this date prints (``as_written``
        when the form is unknown)."""
        form = FORM_NAMES.get(self.form)
        return form.style if form else "as_written"

    @property
    def auto_style(self) -> str:
        """How this date prints by default: full dates as short months, the rest as
        written."""
        form = FORM_NAMES.get(self.form)
        return form.auto if form else "as_written"

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

    def written(self) -> str:
        """The text as written with runs of spaces made one; an impossible day left out."""
        if self.dropped_day is not None and self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return " ".join(self.text.split())

    def format(
        self,
        style: str = "auto",
        present: str = "Present",
        months: tuple[str, ...] = MONTHS,
        months_short: tuple[str, ...] | None = None,
        month_year: str = "{month} {year}",
    ) -> str:
        """The date in one of :data:`DATE_FORMATS` or a form's ``style`` (unknown parts
        are left out); "present" in any spelling prints as ``present``; month names
        come from the locale."""
        if self.present:
            return present
        if style == "auto":
            style = self.auto_style
        if self.year is None or style == "as_written":
            return self.written()
        year = f"{self.year:04d}"
        if self.month is None or style == "YYYY":
            return year
        numeric = {
            "MM/YYYY": f"{self.month:02d}/{year}",
            "M/YYYY": f"{self.month}/{year}",
            "YYYY-MM": f"{year}-{self.month:02d}",
            "YYYY/MM": f"{year}/{self.month:02d}",
            "YYYY/M": f"{year}/{self.month}",
            "YYYY-M": f"{year}-{self.month}",
            "YYYY.MM": f"{year}.{self.month:02d}",
            "MM.YYYY": f"{self.month:02d}.{year}",
            "YYYY年M月": f"{year}年{self.month}月",
            "YYYY년 M월": f"{year}년 {self.month}월",
        }
        if style in numeric:
            return numeric[style]
        short = months_short or tuple(name[:3] for name in months)
        name = (short if style == "Mon YYYY" else months)[self.month - 1]
        return month_year.format(month=name, year=year)

    def __str__(self) -> str:
        return self.text

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read one of :data:`FORMS`; raise ``ValueError`` otherwise."""
        stripped = text.strip(EDGE_CHARS)
        for index, form in enumerate(FORMS):
            match = compiled(index).fullmatch(stripped)
            if match is None:
                continue
            groups = match.groupdict()
            if groups.get("present"):
                return cls(stripped, present=True, form=form.name)
            year = int(groups["y"])
            month = int(groups["m"]) if groups.get("m") else None
            if groups.get("mon"):
                month = MONTH_WORDS[groups["mon"].lower()]
            day = int(groups["d"]) if groups.get("d") else None
            if day is not None and month is not None and day > calendar.monthrange(year, month)[1]:
                return cls(stripped, year, month, None, form=form.name, dropped_day=day)
            return cls(stripped, year, month, day, form=form.name)
        for index in range(len(FORMS)):
            near = loose(index).fullmatch(stripped)
            if near is not None and "y" in near.groupdict():
                raise ValueError(
                    f"invalid date {_quoted(text)}: year {int(near['y'])} is out of range "
                    f"({MIN_YEAR:04d}–{MAX_YEAR:04d})"
                )
        hint = ""
        if _SLASHED_DAY.fullmatch(stripped):
            first, second, year_ = (int(part) for part in stripped.split("/"))
            hint = f"; for a day, write {stripped.replace('/', '.')} (day first)"
            if first <= 12 and 1 <= second <= 31:
                hint += f" or {year_:04d}-{first:02d}-{second:02d} (month first)"
        raise ValueError(f"invalid date {_quoted(text)} (expected {ACCEPTED_FORMS}){hint}")

    @classmethod
    def _validate(cls, value: Any) -> PartialDate:
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.date):
            # Only from Python callers: the loader keeps every YAML scalar a string.
            value = value.isoformat()
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
        return {"type": "string", "pattern": JSON_PATTERN, "description": ACCEPTED_FORMS}


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
