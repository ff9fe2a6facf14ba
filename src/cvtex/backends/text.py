"""Plain text: the résumé for an application form's paste box (an ATS).

No markup, no layout a box would mangle: one item per line, section titles in
capitals over a blank line, dates after the title, a link's URL in brackets after
its text when the text does not already show it. Everything the PDF prints is here,
in the same order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from cvtex.backends import Artefact
from cvtex.backends._shared import printable
from cvtex.view import Entry, Heading, ResumeView, Row
from cvtex.view.contact import ContactItem
from cvtex.view.inline import Emphasis, Inline, LineBreak, LinkSpan, Rich, Strong, Text, plain

RANGE_DASH = " – "
SEPARATOR = " · "


def produce(view: ResumeView) -> Artefact:
    return Artefact(render(view).encode("utf-8"), "text/plain; charset=utf-8", ".txt")


def render(view: ResumeView) -> str:
    """The whole résumé as text, ending in a newline."""
    blocks: list[list[str]] = [list(_header(view))]
    for section in view.sections:
        lines = [plain(section.heading.runs).upper()] if section.title else []
        for index, entry in enumerate(section.entries):
            body = list(_entry(entry))
            apart = entry.stands_apart or section.entries[index - 1].stands_apart
            if index and body and apart:
                lines.append("")
            lines.extend(body)
        blocks.append(lines)
    text = "\n\n".join("\n".join(block) for block in blocks if block)
    return _clean(text) + "\n"


def _header(view: ResumeView) -> Iterator[str]:
    if view.name:
        yield inline(view.name.runs)
    if view.label:
        yield inline(view.label.runs)
    contact = [_contact(item) for item in view.contact]
    if contact:
        yield SEPARATOR.join(contact)


def _contact(item: ContactItem) -> str:
    text = inline(item.shown.runs)
    shown = f"{inline(item.network_shown.runs)}: {text}" if item.network_shown else text
    target = item.target
    if target and item.kind not in ("email", "phone", "website", "location"):
        return shown if target.target in shown else f"{shown} ({target.target})"
    return shown


def _entry(entry: Entry) -> Iterator[str]:
    if entry.heading is not None:
        yield from _heading(entry.heading)
    if entry.authors:
        yield ", ".join(inline(author.name.runs) for author in entry.authors)
    if entry.note:
        yield inline(entry.note.runs)
    for paragraph in entry.paragraphs:
        yield from paragraphs(paragraph)
    for row in entry.rows:
        yield _row(row)
    for bullet in entry.bullets:
        yield "- " + inline(bullet.text.runs)
        for item in bullet.items:
            yield "  - " + inline(item.runs)
    for line in entry.lines:
        yield inline(line.runs)
    if entry.link is not None:
        yield entry.link.link.target


def _heading(heading: Heading) -> Iterator[str]:
    title = [inline(heading.title.runs)] if heading.title else []
    first = ", ".join([*title, *(inline(part.runs) for part in heading.after)])
    dates = RANGE_DASH.join(heading.dates.parts) if heading.dates else ""
    yield f"{first} ({dates})" if first and dates else first or dates
    below = [inline(part.runs) for part in (heading.subtitle, heading.location) if part]
    if below:
        yield SEPARATOR.join(below)


def _row(row: Row) -> str:
    values = row.separator.join(inline(value.runs) for value in row.values)
    return f"{inline(row.label.runs)}: {values}" if row.label else values


def paragraphs(value: Rich) -> Iterator[str]:
    for index, runs in enumerate(value.paragraphs):
        if index:
            yield ""
        yield inline(runs)


def inline(runs: Iterable[Inline]) -> str:
    """Runs as text; a link shows its target after its text unless the text is it."""
    out: list[str] = []
    for run in runs:
        if isinstance(run, Text):
            out.append(printable(run.text))  # a line or paragraph separator is a space
        elif isinstance(run, LineBreak):
            out.append("\n")
        elif isinstance(run, Strong | Emphasis):
            out.append(inline(run.children))
        elif isinstance(run, LinkSpan):
            text = inline(run.children)
            target = run.link.target.removeprefix("mailto:").removeprefix("tel:")
            bare = target.split("://", 1)[-1].rstrip("/")
            out.append(text if bare in text else f"{text} ({target})")
    return "".join(out)


def _clean(text: str) -> str:
    """No control characters (a terminal would obey them) and no trailing spaces."""
    kept = "".join(c for c in text if c in "\n\t" or not (ord(c) < 32 or 127 <= ord(c) < 160))
    return "\n".join(line.rstrip() for line in kept.splitlines())
