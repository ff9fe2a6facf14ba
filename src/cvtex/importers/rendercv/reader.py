"""The converter's state: untrusted values read with located errors, ids taken so far.

Every part of the conversion reads the file through one :class:`Reader`, so a value of
the wrong kind becomes an error at its line and the conversion goes on: the user sees
every mistake in one run.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from cvtex.diagnostics import Diagnostic, FieldPath, Severity
from cvtex.model.dates import PartialDate
from cvtex.source.loader import Document
from cvtex.yaml_writer import Commented, scalar


class Reader:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.errors: list[Diagnostic] = []
        self.used: set[str] = set()
        """Section ids given out: a standard section is filled once, custom ids are unique."""
        self.template: str | None = None

    def error(self, path: FieldPath, message: str) -> None:
        file, position = self.document.locate(path)
        found = Diagnostic(Severity.ERROR, message, path, position, file, "invalid-value")
        if found not in self.errors:  # a value read twice (to place a section) is one error
            self.errors.append(found)

    def text(self, mapping: dict[str, Any], key: str, path: FieldPath) -> str | None:
        """The text at ``mapping[key]``; None when absent or blank."""
        value = mapping.get(key)
        if value is None:
            return None
        if isinstance(value, str):
            return value if value.strip() else None
        self.error((*path, key), f"{kind_of(value)}, expected text")
        return None

    def texts(self, mapping: dict[str, Any], key: str, path: FieldPath) -> list[str]:
        """Text or a list of text (``email: [a, b]``), blanks left out."""
        value = mapping.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            return [value] if value.strip() else []
        if not isinstance(value, list):
            self.error((*path, key), f"{kind_of(value)}, expected text or a list of text")
            return []
        found: list[str] = []
        for index, item in enumerate(value):
            if isinstance(item, str):
                if item.strip():
                    found.append(item)
            elif item is not None:
                self.error((*path, key, index), f"{kind_of(item)}, expected text")
        return found

    def mapping(self, value: Any, path: FieldPath) -> dict[str, Any]:
        if value is None:
            return {}
        if isinstance(value, dict):
            return value
        self.error(path, f"{kind_of(value)}, expected a mapping (key: value pairs)")
        return {}

    def items(self, value: Any, path: FieldPath) -> list[Any]:
        if value is None:
            return []
        if isinstance(value, list):
            return value
        self.error(path, f"{kind_of(value)}, expected a list")
        return []

    def claim(self, section_id: str) -> bool:
        """Whether ``section_id`` was still free; it is taken from now on."""
        if section_id in self.used:
            return False
        self.used.add(section_id)
        return True


def with_extras(target: dict[str, Any], source: dict[str, Any], known: tuple[str, ...]) -> Any:
    """``target``, with each key of ``source`` RenderCV has no field for as a comment."""
    notes = tuple(
        f"RenderCV key {key}: {shown(value)} (not printed by default: it prints only "
        f"where design.templates names {key.upper()}; cvtex has no field for it)"
        for key, value in source.items()
        if key not in known and value is not None
    )
    return Commented(target, notes) if notes else target


def shown(value: Any) -> str:
    """A value on one comment line: text as YAML writes it, anything else as JSON (the
    writer escapes what is unprintable)."""
    if value is None or isinstance(value, str):
        return scalar(value)
    return json.dumps(value, ensure_ascii=False)


def flat(value: Any, path: str) -> Iterator[tuple[str, Any]]:
    """``design.colors.name``-style paths to each leaf of a settings mapping."""
    if isinstance(value, dict) and value:
        for key, inner in value.items():
            yield from flat(inner, f"{path}.{key}")
    else:
        yield path, value


def parses(text: str) -> bool:
    try:
        PartialDate.parse(text)
    except ValueError:
        return False
    return True


def kind_of(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "text"
