"""The view side of the export tests: the inputs, their golden files, and what the view
prints and links to, to hold each backend's output against.

The visible text of an output must be the view's text, in order, with nothing between
the pieces but the separators a backend adds (:func:`order_problems`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from conftest import DATA, RESUME_YAML
from cvtex.checking import load_and_validate
from cvtex.model.select import select
from cvtex.model.validate import validate
from cvtex.source.loader import load_text
from cvtex.view import ResumeView
from cvtex.view.inline import Inline, LinkSpan, Rich
from cvtex.view.make import resume_view

GOLDEN = Path(__file__).resolve().parent / "golden" / "export"
UPDATE = os.environ.get("CVTEX_UPDATE_GOLDEN") == "1"
INPUTS = {
    "resume": RESUME_YAML,
    "all_sections": DATA / "all_sections.yaml",
    "specials": DATA / "specials.yaml",
}


def view_of(source: Path) -> ResumeView:
    """The view ``cvtex export`` renders ``source`` from."""
    _, validated = load_and_validate(source)
    return resume_view(select(validated.resume))


def view_from(text: str) -> ResumeView:
    """The view of a résumé given as text (it must be valid)."""
    return resume_view(select(validate(load_text(text)).resume))


def golden(name: str, actual: str) -> str:
    """The golden file ``name``; written from ``actual`` under CVTEX_UPDATE_GOLDEN=1."""
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"no golden file {path}; run with CVTEX_UPDATE_GOLDEN=1"
    return path.read_text(encoding="utf-8")


def normalise(text: str) -> str:
    return " ".join(text.split())


def view_pieces(view: ResumeView) -> list[str]:
    """Every text the view prints, in print order, as a reader sees it."""
    pieces: list[str] = []

    def rich(*values: Rich | None) -> None:
        pieces.extend(value.plain for value in values if value)

    rich(view.name, view.label)
    for item in view.contact:
        pieces.extend(filter(None, (item.network, str(item.text))))
    for section in view.sections:
        pieces.append(section.title)
        for entry in section.entries:
            if entry.heading:
                rich(entry.heading.title, *entry.heading.after)
                pieces.append(entry.heading.dates.text)
                rich(entry.heading.subtitle, entry.heading.location)
            rich(*(author.name for author in entry.authors), entry.note, *entry.paragraphs)
            for row in entry.rows:
                rich(row.label, *row.values)
            for bullet in entry.bullets:
                rich(bullet.text, *bullet.items)
            rich(*entry.lines, entry.link.text if entry.link else None)
    return [normalise(piece) for piece in pieces if normalise(piece)]


GAP = re.compile(r"[\s·,:;]*")
"""What a backend may print between the view's pieces: its separators."""


def order_problems(visible: str, pieces: Iterable[str]) -> list[str]:
    """The view's pieces must appear in ``visible`` in order, with only separators
    between them and after the last: nothing lost, nothing added."""
    position = 0
    for piece in pieces:
        if GAP.fullmatch(piece):
            continue  # only separators: it cannot be told apart from them
        found = visible.find(piece, position)
        if found < 0:
            return [f"{piece!r} is missing after {visible[max(0, position - 60) : position]!r}"]
        if not GAP.fullmatch(visible[position:found]):
            return [
                f"{visible[position:found]!r} printed before {piece!r}, from no text of the view"
            ]
        position = found + len(piece)
    if not GAP.fullmatch(visible[position:]):
        return [f"{visible[position:]!r} printed at the end, from no text of the view"]
    return []


def view_links(view: ResumeView) -> set[str]:
    """Every link target the view holds: its link spans, link lines and contact links."""
    found = {link.target for item in view.contact if (link := item.target) is not None}

    def walk(runs: Iterable[Inline]) -> None:
        for run in runs:
            if isinstance(run, LinkSpan):
                found.add(run.link.target)
            children = getattr(run, "children", ())
            walk(children)

    for value in _riches(view):
        for paragraph in value.paragraphs:
            walk(paragraph)
    for section in view.sections:
        found.update(entry.link.link.target for entry in section.entries if entry.link)
    return found


def _riches(view: ResumeView) -> Iterator[Rich]:
    yield from filter(None, (view.name, view.label))
    for section in view.sections:
        for entry in section.entries:
            heading = entry.heading
            if heading:
                parts = (heading.title, heading.subtitle, heading.location, *heading.after)
                yield from filter(None, parts)
            yield from (author.name for author in entry.authors)
            yield from filter(None, (entry.note, *entry.paragraphs, *entry.lines))
            for row in entry.rows:
                yield from filter(None, (row.label, *row.values))
            for bullet in entry.bullets:
                yield from (bullet.text, *bullet.items)
            if entry.link:
                yield entry.link.text
