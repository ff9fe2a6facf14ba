"""HTML: one self-contained page, to publish or to print from a browser.

The page looks like the classic template (the name in small caps, small-caps section
titles over a rule, each title left and its dates right) and carries everything it
needs: one inline style sheet with screen and print rules, no script, no event
attribute and nothing fetched (no font, image or style sheet), which its
Content-Security-Policy also forbids. Every piece of résumé text is escaped with
:func:`html.escape`; a link is only ever a :class:`~cvtex.view.inline.LinkSpan`'s
classified target or a contact item's classified link, and never inside another.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from html import escape

from cvtex.backends import Artefact
from cvtex.backends._shared import printable
from cvtex.model.links import Link
from cvtex.view import Entry, Heading, ResumeView, Row, Section
from cvtex.view.contact import ContactItem
from cvtex.view.inline import Emphasis, Inline, LineBreak, LinkSpan, Rich, Strong, Text

CSP = "default-src 'none'; style-src 'unsafe-inline'"
"""Nothing may load: no script, font, image, frame or connection; only the inline style."""
REL = "nofollow noopener noreferrer"
_ID = re.compile(r"[A-Za-z][\w-]{0,63}")

STYLE = """\
:root { color-scheme: light; }
html { font-family: "Latin Modern Roman", "CMU Serif", "Computer Modern Serif", Georgia,
  "Times New Roman", serif; font-size: 11pt; line-height: 1.35; color: #000;
  background: #fff; }
body { max-width: 46em; margin: 2.5em auto; padding: 0 1.5em; }
body > header { text-align: center; margin-bottom: 1.2em; }
h1 { font-size: 2.3em; font-weight: normal; font-variant: small-caps; margin: 0;
  line-height: 1.1; }
h2 { font-size: 1.2em; font-weight: normal; font-variant: small-caps; margin: 1.1em 0 0.4em;
  padding-bottom: 0.05em; border-bottom: 0.4pt solid currentColor; }
h3 { font-size: 1em; font-weight: normal; margin: 0; }
p { margin: 0; }
.label { font-size: 1.2em; margin-top: 0.2em; }
.contact { list-style: none; padding: 0; margin: 0.5em 0 0; font-size: 0.9em; }
.contact li { display: inline; }
.contact li + li::before { content: " | "; white-space: pre; }
.entry { break-inside: avoid; }
.entry + .block, .block + .entry { margin-top: 0.5em; }
.head, .sub { display: flex; justify-content: space-between; align-items: baseline;
  gap: 1em; }
.dates, .sub .location { flex: none; margin-left: auto; text-align: right;
  white-space: nowrap; }
.title { font-weight: bold; }
.sub, .note, .authors, .link { font-size: 0.92em; }
.sub, .note { font-style: italic; }
.entry ul { margin: 0.1em 0 0; padding-left: 1.3em; }
.entry ul ul { list-style-type: circle; }
a { color: #1f4e79; text-decoration: none; }
a:hover, a:focus { text-decoration: underline; }
.untitled { margin-top: 0.5em; }
.break { break-before: page; }
@media print {
  @page { margin: 0.6in; }
  html { font-size: 10pt; }
  body { max-width: none; margin: 0; padding: 0; }
  a { color: inherit; }
  h2 { break-after: avoid; }
  li, p { orphans: 2; widows: 2; }
}
"""
"""The page's only style: screen first, then print (the page margin of the PDF
templates, which suits A4 and letter alike; links in the text colour)."""


def produce(view: ResumeView) -> Artefact:
    return Artefact(render(view).encode("utf-8"), "text/html; charset=utf-8", ".html")


def render(view: ResumeView) -> str:
    """The whole page, ending in a newline."""
    body = [*_header(view), "<main>", *(_section(s) for s in view.sections), "</main>"]
    return "\n".join([*_head(view), "<body>", *body, "</body>", "</html>", ""])


def _head(view: ResumeView) -> Iterator[str]:
    yield "<!doctype html>"
    yield f'<html lang="{_escape(view.language or "und")}">'
    yield "<head>"
    yield '<meta charset="utf-8">'
    yield f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
    yield '<meta name="referrer" content="no-referrer">'
    yield '<meta name="viewport" content="width=device-width, initial-scale=1">'
    yield f'<meta name="generator" content="{_escape(view.generator)}">'
    yield f"<title>{_escape(view.title)}</title>"
    yield f"<style>\n{STYLE}</style>"
    yield "</head>"


def _header(view: ResumeView) -> Iterator[str]:
    yield "<header>"
    if view.name:
        yield f"<h1>{inline(view.name.runs)}</h1>"
    if view.label:
        yield f'<p class="label">{inline(view.label.runs)}</p>'
    if view.contact:
        items = "".join(f"<li>{_contact(item)}</li>" for item in view.contact)
        yield f'<ul class="contact">{items}</ul>'
    yield "</header>"


def _contact(item: ContactItem) -> str:
    network = f"{inline(item.network_shown.runs)}: " if item.network_shown else ""
    link = item.target
    text = inline(item.shown.runs, linked=link is not None)
    return network + (_anchor(link, text) if link else text)


def _section(section: Section) -> str:
    extra = [*([] if section.title else ["untitled"]), *(["break"] if section.pagebreak else [])]
    classes = " ".join(["section", section.kind, *extra])
    ident = f' id="{_escape(section.id)}"' if _ID.fullmatch(section.id) else ""
    lines = [f'<section class="{_escape(classes)}"{ident}>']
    if section.title:
        lines.append(f"<h2>{inline(section.heading.runs)}</h2>")
    lines.extend(_entry(entry) for entry in section.entries)
    lines.append("</section>")
    return "\n".join(lines)


def _entry(entry: Entry) -> str:
    """An entry with a title and more under it stands apart (``block``); one-line
    entries and rows (skills, awards) follow each other line by line."""
    tag = "article" if entry.heading is not None else "div"
    block = entry.stands_apart
    classes = " ".join(
        ["entry", *(["block"] if block else []), *(["break"] if entry.pagebreak else [])]
    )
    return "\n".join([f'<{tag} class="{classes}">', *_parts(entry), f"</{tag}>"])


def _parts(entry: Entry) -> Iterator[str]:
    if entry.heading is not None:
        yield from _heading(entry.heading)
    if entry.authors:
        names = (
            f"<strong>{inline(a.name.runs)}</strong>" if a.is_self else inline(a.name.runs)
            for a in entry.authors
        )
        yield f'<p class="authors">{", ".join(names)}</p>'
    if entry.note:
        yield f'<p class="note">{inline(entry.note.runs)}</p>'
    for paragraph in entry.paragraphs:
        yield from _paragraphs(paragraph)
    yield from (f'<p class="row">{_row(row)}</p>' for row in entry.rows)
    if entry.bullets:
        yield "<ul>"
        for bullet in entry.bullets:
            items = "".join(f"<li>{inline(item.runs)}</li>" for item in bullet.items)
            nested = f"<ul>{items}</ul>" if items else ""
            yield f"<li>{inline(bullet.text.runs)}{nested}</li>"
        yield "</ul>"
    yield from (f'<p class="line">{inline(line.runs)}</p>' for line in entry.lines)
    if entry.link is not None:
        text = inline(entry.link.text.runs, linked=True)
        yield f'<p class="link">{_anchor(entry.link.link, text)}</p>'


def _heading(heading: Heading) -> Iterator[str]:
    """The title line (title, then ``after``; the dates at the right), and under it the
    subtitle with the location at the right."""
    title = [f'<span class="title">{inline(heading.title.runs)}</span>'] if heading.title else []
    first = ", ".join([*title, *(inline(part.runs) for part in heading.after)])
    dates = f'<span class="dates">{_escape(heading.dates.text)}</span>' if heading.dates else ""
    yield f'<div class="head">{f"<h3>{first}</h3>" if first else ""}{dates}</div>'
    if heading.subtitle or heading.location:
        subtitle = inline(heading.subtitle.runs) if heading.subtitle else ""
        right = ""
        if heading.location:
            right = f'<span class="location">{inline(heading.location.runs)}</span>'
        yield f'<div class="sub"><span class="subtitle">{subtitle}</span>{right}</div>'


def _row(row: Row) -> str:
    values = _escape(row.separator).join(inline(value.runs) for value in row.values)
    if row.label is None:
        return values
    return f"<strong>{inline(row.label.runs)}:</strong> {values}"


def _paragraphs(value: Rich) -> Iterator[str]:
    for runs in value.paragraphs:
        yield f"<p>{inline(runs)}</p>"


def inline(runs: Iterable[Inline], *, linked: bool = False) -> str:
    """Runs as HTML. Inside a link (``linked``) a link prints its text only: an ``<a>``
    inside another is invalid HTML, and which one a click follows is anyone's guess."""
    out: list[str] = []
    for run in runs:
        if isinstance(run, Text):
            out.append(_escape(run.text))
        elif isinstance(run, LineBreak):
            out.append("<br>")
        elif isinstance(run, Strong):
            out.append(f"<strong>{inline(run.children, linked=linked)}</strong>")
        elif isinstance(run, Emphasis):
            out.append(f"<em>{inline(run.children, linked=linked)}</em>")
        elif isinstance(run, LinkSpan) and not linked:
            out.append(_anchor(run.link, inline(run.children, linked=True)))
        else:  # a link inside a link: its text only
            out.append(inline(run.children, linked=True))
    return "".join(out)


def _anchor(link: Link, html: str) -> str:
    return f'<a href="{escape(link.target, quote=True)}" rel="{REL}">{html}</a>'


def _escape(text: str) -> str:
    return escape(printable(text), quote=True)
