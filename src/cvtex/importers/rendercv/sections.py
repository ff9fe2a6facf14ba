"""RenderCV's ``cv.sections`` → cvtex sections, standard where the entries fit.

The first section of experience, education or publications entries (and one-line
entries under a title like "Skills") fills the JSON Resume section; any other becomes
a custom section with a unique id. Titles and order go to ``design``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cvtex.diagnostics import FieldPath
from cvtex.importers.rendercv.entries import (
    CHARACTERISTIC,
    TEXT_ENTRY,
    education,
    education_entry,
    experience,
    experience_entry,
    item,
    normal,
    publication,
    publication_entry,
    row,
    skill,
)
from cvtex.importers.rendercv.reader import Reader, kind_of, parses
from cvtex.model.locales import get_locale
from cvtex.model.schema import STANDARD_SECTIONS
from cvtex.yaml_writer import Remark

_LOWERCASE_TITLE_WORDS = frozenset(
    [
        "a",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "if",
        "in",
        "into",
        "like",
        "near",
        "nor",
        "of",
        "off",
        "on",
        "onto",
        "or",
        "over",
        "so",
        "than",
        "that",
        "to",
        "upon",
        "when",
        "with",
        "yet",
    ]
)
"""Words RenderCV leaves in lowercase when it makes a title of a snake_case key."""

_SKILLS = re.compile(r"skill|competenc|technolog|expertise", re.IGNORECASE)
_VOLUNTEER = re.compile(r"volunt", re.IGNORECASE)

Pairs = list[tuple[dict[str, Any], FieldPath]]
Placed = tuple[str, list[Any] | dict[Any, Any]]
"""A standard id and its entries, or "" and what a custom section holds."""


@dataclass
class Sections:
    """What the sections became: standard ones, custom ones, their order and titles."""

    standard: dict[Any, Any] = field(default_factory=dict)
    custom: dict[Any, Any] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)


def section_title(key: str) -> str:
    """The title RenderCV prints for a section key: as written when it has a space
    or a capital letter, else ``education_and_training`` → ``Education and Training``."""
    if " " in key or any(char.isupper() for char in key):
        return key
    words = key.replace("_", " ").split(" ")
    return " ".join(w if w in _LOWERCASE_TITLE_WORDS else w.capitalize() for w in words)


def sections(reader: Reader, cv: dict[str, Any], locale: str) -> Sections:
    """``cv.sections``; a title that is the locale's own for its section is left out."""
    defaults = get_locale(locale).titles
    path: FieldPath = ("cv", "sections")
    out = Sections()
    for key, listed_entries in reader.mapping(cv.get("sections"), path).items():
        where: FieldPath = (*path, key)
        title = section_title(key)
        listed = reader.items(listed_entries, where)
        kind = entry_type(reader, listed, where)
        if kind is None:
            out.custom[
                Remark((f'RenderCV section "{title}" has no entries, so it did not print',))
            ] = None
            continue
        target, content = section(reader, kind, title, listed, where)
        if isinstance(content, list):
            out.standard[target] = content
            if defaults.get(target) != title:
                out.titles[target] = title
            out.order.append(target)
        else:
            section_id = custom_id(reader, key)
            if not title.strip():  # RenderCV prints no heading: nor does cvtex with ""
                out.titles[section_id] = ""
                title = section_id
            out.custom[section_id] = {"title": title, **content}
            out.order.append(section_id)
    return out


def entry_type(reader: Reader, listed: list[Any], path: FieldPath) -> str | None:
    for entry in listed:
        if isinstance(entry, str):
            return TEXT_ENTRY
        if isinstance(entry, dict):
            for name, keys in CHARACTERISTIC.items():
                if keys & set(entry):
                    return name
    if any(entry is not None for entry in listed):
        reader.error(path, "RenderCV cannot tell this section's entry type from its keys")
    return None


def custom_id(reader: Reader, key: str) -> str:
    slug = re.sub(r"\W+", "_", key.lower()).strip("_") or "section"
    candidate = f"{slug}_section" if slug in STANDARD_SECTIONS else slug
    number = 2
    unique = candidate
    while unique in reader.used or unique in STANDARD_SECTIONS:
        unique = f"{candidate}_{number}"
        number += 1
    reader.used.add(unique)
    return unique


def section(reader: Reader, kind: str, title: str, listed: list[Any], path: FieldPath) -> Placed:
    """Where one section goes, by its entries' type."""
    if kind == TEXT_ENTRY:
        return "", {"rows": _text_rows(reader, listed, path)}
    pairs = _mappings(reader, kind, listed, path)
    place = _PLACES.get(kind)
    if place is not None:
        return place(reader, title, pairs)
    return "", _items(reader, kind, pairs)


def _text_rows(reader: Reader, listed: list[Any], path: FieldPath) -> list[Any]:
    rows: list[Any] = []
    for index, entry in enumerate(listed):
        if entry is None:
            continue
        if not isinstance(entry, str):
            reader.error(
                (*path, index), f"{kind_of(entry)}, expected text: this section holds text entries"
            )
        elif entry.strip():
            rows.append({"value": entry})
    return rows


def _mappings(reader: Reader, kind: str, listed: list[Any], path: FieldPath) -> Pairs:
    """Each entry with its path; one that is not a mapping is an error."""
    pairs: Pairs = []
    for index, entry in enumerate(listed):
        where: FieldPath = (*path, index)
        if entry is None:
            continue
        if not isinstance(entry, dict):
            reader.error(
                where,
                f"{kind_of(entry)}, expected a mapping: this section's first entry is a {kind}",
            )
            continue
        pairs.append((entry, where))
    return pairs


def _experience(reader: Reader, title: str, pairs: Pairs) -> Placed:
    if reader.claim("work"):
        return "work", [experience(reader, e, w, "name") for e, w in pairs]
    if _VOLUNTEER.search(title) and reader.claim("volunteer"):
        return "volunteer", [experience(reader, e, w, "organization") for e, w in pairs]
    return "", {"entries": [experience_entry(reader, e, w) for e, w in pairs]}


def _education(reader: Reader, title: str, pairs: Pairs) -> Placed:
    if reader.claim("education"):
        return "education", [education(reader, e, w) for e, w in pairs]
    return "", {"entries": [education_entry(reader, e, w) for e, w in pairs]}


def _publications(reader: Reader, title: str, pairs: Pairs) -> Placed:
    dates = [reader.text(e, "date", w) for e, w in pairs]
    if all(d is None or parses(d) for d in dates) and reader.claim("publications"):
        return "publications", [publication(reader, e, w) for e, w in pairs]
    return "", {"entries": [publication_entry(reader, e, w) for e, w in pairs]}


def _one_line(reader: Reader, title: str, pairs: Pairs) -> Placed:
    if _SKILLS.search(title) and reader.claim("skills"):
        return "skills", [skill(reader, e, w) for e, w in pairs]
    return "", {"rows": [row(reader, e, w) for e, w in pairs]}


def _normal(reader: Reader, title: str, pairs: Pairs) -> Placed:
    return "", {"entries": [normal(reader, e, w) for e, w in pairs]}


_PLACES: dict[str, Callable[[Reader, str, Pairs], Placed]] = {
    "ExperienceEntry": _experience,
    "EducationEntry": _education,
    "PublicationEntry": _publications,
    "OneLineEntry": _one_line,
    "NormalEntry": _normal,
}

_NUMBERED_NOTES = {
    "NumberedEntry": "RenderCV numbered these 1, 2, 3…; cvtex prints them as bullets",
    "ReversedNumberedEntry": "RenderCV numbered these from the last (… 3, 2, 1); "
    "cvtex prints them as bullets",
}


def _items(reader: Reader, kind: str, pairs: Pairs) -> dict[Any, Any]:
    """Bullet and (reversed-)numbered entries: a custom section's items."""
    key = {"BulletEntry": "bullet", "NumberedEntry": "number"}.get(kind, "reversed_number")
    items = [item(reader, e, w, key) for e, w in pairs]
    content: dict[Any, Any] = {}
    if kind in _NUMBERED_NOTES:
        content[Remark((_NUMBERED_NOTES[kind],))] = None
    content["items"] = [found for found in items if found is not None]
    return content
