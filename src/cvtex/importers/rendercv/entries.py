"""One RenderCV entry → one cvtex entry, for each of RenderCV's entry types.

A standard section (work, education…) and a custom one name the same words with
different keys, so most types have a function for each. RenderCV's own date rules
apply here, and each key the type has no field for is kept as a comment.
"""

from __future__ import annotations

from typing import Any

from cvtex.diagnostics import FieldPath
from cvtex.importers.rendercv.reader import Reader, parses, shown, with_extras
from cvtex.yaml_writer import Commented

# -- RenderCV's vocabulary (rendercv/schema/models, read at its commit 1d4b87b) ----------

_DATED = ("date", "start_date", "end_date", "location", "summary", "highlights")
ENTRY_FIELDS: dict[str, tuple[str, ...]] = {
    "OneLineEntry": ("label", "details"),
    "NormalEntry": ("name", *_DATED),
    "ExperienceEntry": ("company", "position", *_DATED),
    "EducationEntry": ("institution", "area", "degree", *_DATED),
    "PublicationEntry": ("title", "authors", "summary", "doi", "url", "journal", "date"),
    "BulletEntry": ("bullet",),
    "NumberedEntry": ("number",),
    "ReversedNumberedEntry": ("reversed_number",),
}
"""Each entry type's keys, in the order RenderCV tries the types."""
TEXT_ENTRY = "TextEntry"


def _characteristic() -> dict[str, frozenset[str]]:
    """The keys only one type has: RenderCV gives an entry the first type, in the
    order above, that has one of its keys."""
    counts: dict[str, int] = {}
    for keys in ENTRY_FIELDS.values():
        for key in keys:
            counts[key] = counts.get(key, 0) + 1
    return {
        name: frozenset(key for key in keys if counts[key] == 1)
        for name, keys in ENTRY_FIELDS.items()
    }


CHARACTERISTIC = _characteristic()

Entry = dict[str, Any]


def entry(kind: str, source: Entry, target: dict[Any, Any], notes: list[str]) -> Any:
    """``target`` with a comment for each key of ``source`` the type does not have."""
    extra = with_extras({}, source, ENTRY_FIELDS[kind])
    if isinstance(extra, Commented):
        notes += extra.notes
    return Commented(target, tuple(notes)) if notes else target


def period(reader: Reader, source: Entry, path: FieldPath, notes: list[str]) -> dict[str, str]:
    """RenderCV's dates by its own rules: a ``date`` wins; an end date alone is a
    date; a start date alone runs to the present."""
    date = reader.text(source, "date", path)
    start = reader.text(source, "start_date", path)
    end = reader.text(source, "end_date", path)
    if date is not None:
        if start or end:
            notes.append(
                f"RenderCV printed the date and not start_date {shown(start)} / "
                f"end_date {shown(end)}"
            )
        return {"date": date}
    if start is None:
        return {"date": end} if end is not None else {}
    if parses(start) and (end is None or parses(end)):
        return {"startDate": start, **({"endDate": end} if end is not None else {})}
    notes.append("start_date and end_date are not dates cvtex reads, so they print as written")
    return {"date": f"{start} – {end or 'present'}"}


def highlights(reader: Reader, source: Entry, path: FieldPath, *, nested: bool = True) -> list[Any]:
    bullets: list[Any] = []
    for text in reader.texts(source, "highlights", path):
        parts = text.split(" - ") if nested else [text]
        head, *rest = parts
        if rest and head.strip():
            bullets.append({"text": head, "items": rest})
        else:
            bullets.append(text)
    return bullets


def fields(
    reader: Reader, source: Entry, path: FieldPath, pairs: tuple[tuple[str, str], ...]
) -> dict[Any, Any]:
    out: dict[Any, Any] = {}
    for key, target in pairs:
        value = reader.text(source, key, path)
        if value is not None:
            out[target] = value
    return out


def placed_and_dated(
    reader: Reader, source: Entry, path: FieldPath, out: dict[Any, Any], notes: list[str]
) -> dict[Any, Any]:
    """``out`` followed by what most entries share, in this order: location, the
    period, the summary and the highlights."""
    out.update(fields(reader, source, path, (("location", "location"),)))
    out.update(period(reader, source, path, notes))
    out.update(fields(reader, source, path, (("summary", "summary"),)))
    bullets = highlights(reader, source, path)
    if bullets:
        out["highlights"] = bullets
    return out


def experience(
    reader: Reader, source: Entry, path: FieldPath, name_key: str, role_key: str = "position"
) -> Any:
    """An ExperienceEntry as work or volunteer (``name_key``), or as a custom entry
    (``experience_entry``: company as the title, position as the subtitle)."""
    notes: list[str] = []
    head = fields(reader, source, path, (("company", name_key), ("position", role_key)))
    out = placed_and_dated(reader, source, path, head, notes)
    return entry("ExperienceEntry", source, out, notes)


def experience_entry(reader: Reader, source: Entry, path: FieldPath) -> Any:
    return experience(reader, source, path, "title", "subtitle")


def education(reader: Reader, source: Entry, path: FieldPath) -> Any:
    notes: list[str] = []
    out = fields(
        reader,
        source,
        path,
        (("institution", "institution"), ("degree", "studyType"), ("area", "area")),
    )
    out.update(fields(reader, source, path, (("location", "location"),)))
    out.update(period(reader, source, path, notes))
    lines = highlights(reader, source, path, nested=False)
    summary = reader.text(source, "summary", path)
    if summary is not None:
        lines.insert(0, summary)
        notes.append("RenderCV's summary is the first line: a cvtex education has no summary")
    if lines:
        out["highlights"] = lines
    return entry("EducationEntry", source, out, notes)


def education_entry(reader: Reader, source: Entry, path: FieldPath) -> Any:
    notes: list[str] = []
    out = fields(reader, source, path, (("institution", "title"),))
    degree = [
        v for v in (reader.text(source, "degree", path), reader.text(source, "area", path)) if v
    ]
    if degree:
        out["subtitle"] = ", ".join(degree)
    return entry(
        "EducationEntry", source, placed_and_dated(reader, source, path, out, notes), notes
    )


def _publication_link(
    reader: Reader, source: Entry, path: FieldPath, notes: list[str]
) -> str | None:
    doi = reader.text(source, "doi", path)
    url = reader.text(source, "url", path)
    if doi is None:
        return url
    if url is not None:
        notes.append(f"RenderCV links the DOI and not url {shown(url)}")
    return f"https://doi.org/{doi}"


def publication(reader: Reader, source: Entry, path: FieldPath) -> Any:
    notes: list[str] = []
    out = fields(reader, source, path, (("title", "name"),))
    authors = reader.texts(source, "authors", path)
    if authors:
        out["authors"] = authors
    out.update(fields(reader, source, path, (("journal", "publisher"), ("date", "releaseDate"))))
    link = _publication_link(reader, source, path, notes)
    if link is not None:
        out["url"] = link
    out.update(fields(reader, source, path, (("summary", "summary"),)))
    return entry("PublicationEntry", source, out, notes)


def publication_entry(reader: Reader, source: Entry, path: FieldPath) -> Any:
    notes: list[str] = []
    out = fields(
        reader, source, path, (("title", "title"), ("journal", "subtitle"), ("date", "date"))
    )
    link = _publication_link(reader, source, path, notes)
    if link is not None:
        out["url"] = link
    authors = reader.texts(source, "authors", path)
    out.update(fields(reader, source, path, (("summary", "summary"),)))
    if authors:
        out["highlights"] = [", ".join(authors)]
    return entry("PublicationEntry", source, out, notes)


def skill(reader: Reader, source: Entry, path: FieldPath) -> Any:
    out = fields(reader, source, path, (("label", "name"),))
    details = reader.text(source, "details", path)
    if details is not None:
        out["keywords"] = _keywords(details)
    return entry("OneLineEntry", source, out, [])


def row(reader: Reader, source: Entry, path: FieldPath) -> Any:
    out = fields(reader, source, path, (("label", "label"), ("details", "value")))
    return entry("OneLineEntry", source, out, [])


def normal(reader: Reader, source: Entry, path: FieldPath) -> Any:
    notes: list[str] = []
    out = placed_and_dated(
        reader, source, path, fields(reader, source, path, (("name", "title"),)), notes
    )
    return entry("NormalEntry", source, out, notes)


def item(reader: Reader, source: Entry, path: FieldPath, key: str) -> Any:
    text = reader.text(source, key, path)
    kind = next(name for name, keys in ENTRY_FIELDS.items() if keys == (key,))
    extra = with_extras({}, source, ENTRY_FIELDS[kind])
    if text is None:
        return None
    return Commented(text, extra.notes) if isinstance(extra, Commented) else text


def _keywords(details: str) -> list[str]:
    """``Python, C++`` → ``[Python, C++]`` when the parts print back as the same line
    (cvtex joins keywords with ", "); else the line as one keyword."""
    if "[" in details or "*" in details:
        return [details]
    parts = details.split(", ")
    return parts if all(part.strip() for part in parts) else [details]
