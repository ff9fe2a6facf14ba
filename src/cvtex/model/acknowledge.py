"""Warnings a résumé accepts with ``ignore: [code, …]`` (settled by :mod:`cvtex.reporter`).

Some warnings are about something the author meant (a date range printed as written,
a key kept for another tool). Listing the warning's code under ``ignore:`` at the top
of the file, or on one entry, accepts it there: it no longer prints, ``--strict`` no
longer fails on it, and the JSON report still lists it as an acknowledged note.
Errors cannot be accepted: they are what would make the PDF wrong.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from cvtex.diagnostics import Diagnostic, FieldPath, Severity

WARNING_CODES: Mapping[str, str] = {
    "unknown-key": "a key cvtex does not know, left out",
    "legacy-conflict": "an old key name next to its new name; the new one is used",
    "date-order": "an end date before its start date, printed as written",
    "date-future": "a date after today",
    "impossible-day": "a day the month does not have, printed at month precision",
    "no-name": "no basics.name, so no name header",
    "not-a-link": "a URL that prints without a link",
    "format-char": "an invisible format character, removed",
    "folded-item": "a '- ' line indented past its list, read as more of the text above",
    "option-elsewhere": "a design option of another template",
    "remote-image": "a photo URL, never downloaded",
    "unknown-code": "a code under ignore: that names no warning",
    "overfull": "a line wider than its column in the PDF (found by the TeX run)",
    "missing-glyph": "a character no font of the template has (found by the TeX run)",
}
"""Every warning cvtex gives about a résumé, by its stable code: the codes
``--strict`` escalates and ``ignore:`` accepts."""

TEX_RUN_CODES = frozenset({"overfull", "missing-glyph"})
"""Warnings only a TeX run finds."""
LATER_CODES = TEX_RUN_CODES | {"option-elsewhere", "remote-image"}
"""Warnings found after schema validation (design options, the photo, the TeX run):
whether an ``ignore:`` of theirs is still needed is not judged."""

IGNORE_KEY = "ignore"


@dataclass(frozen=True, slots=True)
class Acknowledgement:
    """One code under one ``ignore:`` list, covering every warning inside ``scope``."""

    scope: FieldPath
    code: str
    path: FieldPath
    """Where the code is written: ``(*scope, "ignore", index)``."""

    def covers(self, diagnostic: Diagnostic) -> bool:
        return diagnostic.code == self.code and diagnostic.path[: len(self.scope)] == self.scope


@dataclass(frozen=True, slots=True)
class Acknowledgements:
    """Every ``ignore:`` code in a résumé: at its top level and on its entries."""

    items: tuple[Acknowledgement, ...] = ()

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Acknowledgements:
        return cls(tuple(_read(data, ())))

    def covering(self, diagnostic: Diagnostic) -> Acknowledgement | None:
        if diagnostic.severity is not Severity.WARNING:
            return None
        return next((item for item in self.items if item.covers(diagnostic)), None)

    def unused(self, diagnostics: Iterable[Diagnostic]) -> Iterator[Acknowledgement]:
        """Codes that accepted nothing, among those schema validation finds."""
        accepted = [d for d in diagnostics if d.acknowledged]
        for item in self.items:
            checkable = item.code in WARNING_CODES and item.code not in LATER_CODES
            if checkable and not any(item.covers(d) for d in accepted):
                yield item


NO_ACKNOWLEDGEMENTS = Acknowledgements()


def may_acknowledge(path: FieldPath) -> bool:
    """Whether the mapping at ``path`` may hold an ``ignore:`` list (the schema agrees)."""
    return (
        not path
        or isinstance(path[-1], int)
        or path == ("basics",)
        or (len(path) == 2 and path[0] == "sections")
    )


def _read(value: Any, path: FieldPath) -> Iterator[Acknowledgement]:
    """The top level, ``basics``, a custom section and any mapping inside a list (an
    entry, a bullet) may say ``ignore:``."""
    if isinstance(value, dict):
        codes = value.get(IGNORE_KEY) if may_acknowledge(path) else None
        if isinstance(codes, list):
            for index, code in enumerate(codes):
                if isinstance(code, str) and code.strip():
                    yield Acknowledgement(path, code.strip(), (*path, IGNORE_KEY, index))
        for key, item in value.items():
            if isinstance(item, dict | list) and key not in (IGNORE_KEY, "meta"):
                yield from _read(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _read(item, (*path, index))
