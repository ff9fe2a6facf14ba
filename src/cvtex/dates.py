"""Résumé dates: the text as written plus the value it means.

A résumé prints dates the way its author wrote them, but checks (end before
start) and sorting need their meaning, so :class:`PartialDate` keeps both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

ACCEPTED_FORMS = "YYYY, YYYY-MM, YYYY-MM-DD, MM/YYYY or present"

_PATTERNS: tuple[tuple[re.Pattern[str], tuple[str, str, str]], ...] = (
    (re.compile(r"(?P<y>\d{4})"), ("y", "", "")),
    (re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})"), ("y", "m", "")),
    (re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"), ("y", "m", "d")),
    (re.compile(r"(?P<m>\d{1,2})/(?P<y>\d{4})"), ("y", "m", "")),
)
_JSON_PATTERN = r"^(\d{4}(-\d{2}(-\d{2})?)?|\d{1,2}/\d{4}|[Pp]resent)$"
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date with year, optional month and optional day, or "present"."""

    text: str
    year: int | None = None
    month: int | None = None
    day: int | None = None

    @property
    def is_present(self) -> bool:
        return self.year is None

    def sort_key(self) -> tuple[int, int, int]:
        """Comparable value; "present" sorts after every real date."""
        if self.year is None:
            return (9999, 12, 31)
        return (self.year, self.month or 0, self.day or 0)

    def __str__(self) -> str:
        return self.text

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read one of :data:`ACCEPTED_FORMS`; raise ``ValueError`` otherwise."""
        stripped = text.strip()
        if stripped.lower() == "present":
            return cls(stripped)
        for pattern, (y, m, d) in _PATTERNS:
            match = pattern.fullmatch(stripped)
            if match is None:
                continue
            year = int(match.group(y))
            month = int(match.group(m)) if m else None
            day = int(match.group(d)) if d else None
            if month is not None and not 1 <= month <= 12:
                break
            if day is not None and month is not None and not 1 <= day <= _DAYS_IN_MONTH[month - 1]:
                break
            return cls(stripped, year, month, day)
        raise ValueError(f'invalid date "{text}" (expected {ACCEPTED_FORMS})')

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        def validate(value: Any) -> PartialDate:
            if isinstance(value, PartialDate):
                return value
            if isinstance(value, int) and not isinstance(value, bool):
                value = str(value)
            if not isinstance(value, str):
                raise ValueError(f"a date must be text ({ACCEPTED_FORMS})")
            return cls.parse(value)

        return core_schema.no_info_plain_validator_function(
            validate,
            serialization=core_schema.plain_serializer_function_ser_schema(str),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "string", "pattern": _JSON_PATTERN, "description": ACCEPTED_FORMS}
