"""What every résumé model shares: frozen, no unknown keys, blank text means absent.

Also the field types the models are made of (:data:`Text`, :data:`Item`) and the
keys every entry of a list accepts (:class:`Entry`, :class:`Dated`).
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from cvtex.model.dates import FreeDate, PartialDate

Text = Annotated[str, Field(min_length=1)]
"""A non-empty string; may hold inline markup (``**bold**``, ``*italic*``, ``[t](url)``)."""

Item = str
"""One item of a printed list (keywords, courses…). Blank items, and ``null``,
are accepted where they stand and left out by :mod:`cvtex.model.select`, so the other
items keep the index they have in the file."""

IGNORE_HELP = (
    "(cvtex) warning codes to accept, e.g. [date-order]: not printed, nor errors under --strict,"
)


def described(description: str, default: Any = None) -> Any:
    """A field and its description, which the JSON Schema and docs/schema.md show."""
    return Field(default, description=description)


class Model(BaseModel):
    """Base for every model: frozen, no unknown keys, "" means absent."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    @model_validator(mode="before")
    @classmethod
    def _blanks_mean_absent(cls, data: Any) -> Any:
        """Blank text in an optional field is absent; a blank or ``null`` list item
        stays in place (as "" or an empty entry) for :mod:`cvtex.model.select` to drop."""
        if data is None or (isinstance(data, str) and not data.strip()):
            return {}
        if not isinstance(data, dict):
            return data
        fields = cls.model_fields
        by_alias = {(info.alias or name): info for name, info in fields.items()}
        cleaned: dict[str, Any] = {}
        for key, value in data.items():
            info = by_alias.get(key)
            if isinstance(value, str) and not value.strip():
                if info is not None and not info.is_required():
                    continue
                value = ""
            elif isinstance(value, list):
                value = ["" if item is None else item for item in value]
            cleaned[key] = value
        return cleaned


class Entry(Model):
    """Keys every entry of a list accepts."""

    tags: list[Item] = described("(cvtex) labels for tailoring, e.g. [ml, systems]", [])
    hidden: bool = described("(cvtex) true leaves the entry out of the PDF", False)
    pagebreak: bool = described("(cvtex) true starts the entry on a new page", False)
    ignore: list[Item] = described(IGNORE_HELP + " in this entry", [])


class Dated(Entry):
    """Keys shared by entries that span a period."""

    startDate: PartialDate | None = described("when it started")
    endDate: PartialDate | None = described('when it ended; absent or "present" if ongoing')
    date: FreeDate | None = described(
        "(cvtex) a date or free text (e.g. Expected 2026) printed instead of the period"
    )
