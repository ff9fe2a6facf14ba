"""Markdown (CommonMark): the résumé for a README, a wiki or a personal site.

``# Name``, ``## Section``, each entry's title line in bold with its dates, the
subtitle and location in italics under it, bullets as ``- `` (``  - `` nested), rows
as ``**Label:** a, b``. Every piece of résumé text prints literally: the characters
that mean something anywhere in a line (``\\ ` * _ { } [ ] < > & | ~ ! $ ^``) are
always backslash-escaped, and those that mean something only at the start of a line
(``#``, ``+``, ``-``, ``=``, ``1.``) are escaped there; no raw HTML, entity or
autolink can come from content. A link is only ever a
:class:`~cvtex.view.inline.LinkSpan`'s classified target, written ``[text](<target>)``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import quote

from cvtex.backends import Artefact
from cvtex.backends._shared import printable
from cvtex.view import Entry, Heading, ResumeView, Row
from cvtex.view.inline import Emphasis, Inline, LineBreak, LinkSpan, Strong, Text, plain

SEPARATOR = " · "
HARD_BREAK = "\\\n"
"""A backslash at the end of a line: CommonMark's hard line break."""

_SPECIAL = re.compile(r"[\\`*_{}\[\]<>&|~!$^]")
_HEADING_SPECIAL = re.compile(r"[\\`*_{}\[\]<>&|~!$^#]")
"""In a heading a ``#`` anywhere could close it (``## Title #``)."""
_LINE_START = re.compile(r"^(?:[#+=-]|\d{1,9}(?=[.)](?:[ \t]|$)))")
"""What opens a block at the start of a line: a heading, a list item, a setext rule."""
_TARGET_UNSAFE = re.compile(r"[\x00-\x20\x7f<>\\]")


def produce(view: ResumeView) -> Artefact:
    return Artefact(render(view).encode("utf-8"), "text/markdown; charset=utf-8", ".md")


def render(view: ResumeView) -> str:
    """The whole résumé as CommonMark, blocks apart, ending in a newline."""
    blocks = list(_header(view))
    for section in view.sections:
        if section.title:
            blocks.append("## " + inline(section.heading.runs, heading=True))
        for entry in section.entries:
            blocks.extend(_entry(entry))
    return "\n\n".join(block for block in blocks if block) + "\n"


def _header(view: ResumeView) -> Iterator[str]:
    if view.name:
        yield "# " + inline(view.name.runs, heading=True)
    if view.label:
        yield inline(view.label.runs)
    runs: list[Inline] = []
    for item in view.contact:
        if runs:
            runs.append(Text(SEPARATOR))
        if item.network_shown:
            runs.extend((*item.network_shown.runs, Text(": ")))
        link = item.target
        shown = item.shown.runs
        runs.extend((LinkSpan(plain_runs(shown), link),) if link else shown)
    yield inline(runs)


def _entry(entry: Entry) -> Iterator[str]:
    if entry.heading is not None:
        yield _heading(entry.heading)
    if entry.authors:
        names = (Strong(a.name.runs) if a.is_self else a.name.runs for a in entry.authors)
        yield inline(_joined(names, ", "))
    if entry.note:
        yield inline((Emphasis(entry.note.runs),))
    for paragraph in entry.paragraphs:
        yield from (inline(runs) for runs in paragraph.paragraphs)
    if entry.rows:
        yield HARD_BREAK.join(filter(None, (inline(_row(row)) for row in entry.rows)))
    if entry.bullets:
        yield "\n".join(_bullets(entry))
    if entry.lines:
        yield HARD_BREAK.join(filter(None, (inline(line.runs) for line in entry.lines)))
    if entry.link is not None:
        yield inline((LinkSpan(entry.link.text.runs, entry.link.link),))


def _heading(heading: Heading) -> str:
    """``**Title**, after · dates``; under it, ``*subtitle* · *location*``."""
    first: list[Inline | tuple[Inline, ...]] = [Strong(heading.title.runs)] if heading.title else []
    first.extend(part.runs for part in heading.after)
    runs = list(_joined(first, ", "))
    if heading.dates:
        runs.extend([Text(SEPARATOR)] if runs else [])
        runs.append(Text(heading.dates.text))
    lines = [inline(runs)]
    below = [Emphasis(part.runs) for part in (heading.subtitle, heading.location) if part]
    if below:
        lines.append(inline(_joined(below, SEPARATOR)))
    return HARD_BREAK.join(line for line in lines if line)


def _row(row: Row) -> tuple[Inline, ...]:
    values = _joined((value.runs for value in row.values), row.separator)
    if row.label is None:
        return values
    return (Strong((*row.label.runs, Text(":"))), Text(" "), *values)


def _bullets(entry: Entry) -> Iterator[str]:
    for bullet in entry.bullets:
        yield "- " + inline(bullet.text.runs).replace("\n", "\n  ")
        for item in bullet.items:
            yield "  - " + inline(item.runs).replace("\n", "\n    ")


def _joined(parts: Iterable[Inline | tuple[Inline, ...]], separator: str) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for index, part in enumerate(parts):
        if index:
            out.append(Text(separator))
        out.extend(part if isinstance(part, tuple) else (part,))
    return tuple(out)


# -- inline runs ----------------------------------------------------------------------


@dataclass(eq=False)
class _Mark:
    """An emphasis delimiter (``*`` or ``**``), dropped if CommonMark would not read it
    as one where it stands (``a**(b)**`` is no emphasis: the asterisks would show)."""

    text: str
    opens: bool
    partner: _Mark | None = None
    kept: bool = True


Piece = str | _Mark


def inline(runs: Iterable[Inline], *, heading: bool = False) -> str:
    """Runs as CommonMark: text escaped, emphasis where it parses, links only to their
    classified targets; a line break is a hard break (a backslash, then a new line),
    except in a heading, where it is a space."""
    pieces: list[Piece] = []
    _pieces(runs, pieces, _Style(_HEADING_SPECIAL if heading else _SPECIAL, not heading))
    _settle(pieces)
    text = "".join(p if isinstance(p, str) else p.text if p.kept else "" for p in pieces)
    lines = [line.strip() for line in text.split("\n")]
    kept = [_line_start(line) for line in lines if line not in ("", "\\")]
    if kept and len(lines) > 1 and lines[-1] in ("", "\\"):
        kept[-1] = kept[-1].removesuffix("\\")  # a break at the end is a backslash
    return "\n".join(kept)


@dataclass(frozen=True)
class _Style:
    special: re.Pattern[str]
    breaks: bool
    inside: frozenset[type] = frozenset()

    def enter(self, kind: type) -> _Style:
        return _Style(self.special, self.breaks, self.inside | {kind})


def _pieces(runs: Iterable[Inline], out: list[Piece], style: _Style) -> None:
    for run in runs:
        if isinstance(run, Text):
            text = style.special.sub(r"\\\g<0>", printable(run.text))
            out.extend([text] if text else [])
        elif isinstance(run, LineBreak):
            out.append(HARD_BREAK if style.breaks else " ")
        elif type(run) in style.inside:
            _pieces(run.children, out, style)  # a link in a link, bold in bold: the text
        elif isinstance(run, LinkSpan):
            out.append("[")
            _pieces(run.children, out, style.enter(LinkSpan))
            out.append(f"](<{_TARGET_UNSAFE.sub(lambda m: quote(m[0]), run.link.target)}>)")
        else:
            opener = _Mark("**" if isinstance(run, Strong) else "*", opens=True)
            out.append(opener)
            _pieces(run.children, out, style.enter(type(run)))
            opener.partner = _Mark(opener.text, opens=False, partner=opener)
            out.append(opener.partner)


def _settle(pieces: list[Piece]) -> None:
    """Keep a pair of delimiters only where CommonMark reads them as this emphasis:
    each flanks its text the right way, no closer is followed at once by another
    opener (``*a**b*`` is one emphasis holding ``a**b``), and inside another emphasis
    neither could be read the other way round (``*a**b**c*``: ``**`` inside a word
    could close the outer ``*``)."""
    before, after = _neighbours(pieces)
    ends = {id(p.partner): i for i, p in enumerate(pieces) if isinstance(p, _Mark) and not p.opens}
    depth = 0  # emphasis kept and still open here
    previous: _Mark | None = None  # the last delimiter kept, if nothing printed since
    for index, piece in enumerate(pieces):
        if isinstance(piece, str):
            previous = None
            continue
        if piece.opens:
            end = ends[id(piece)]
            touching = previous is not None and not previous.opens
            empty = after[index][1] > end
            opening, closing = (before[index], after[index][0]), (before[end], after[end][0])
            piece.kept = not (touching or empty) and _parses(opening, closing, nested=depth > 0)
            if piece.partner is not None:
                piece.partner.kept = piece.kept
        depth += (1 if piece.opens else -1) if piece.kept else 0
        previous = piece if piece.kept else previous


def _neighbours(pieces: list[Piece]) -> tuple[list[str], list[tuple[str, int]]]:
    """For each piece, the last character of text before it, and the first character
    of text after it with that text's index (delimiters next to each other form one
    run, so they are skipped); found in one pass each way."""
    before: list[str] = []
    last = " "
    for piece in pieces:
        before.append(last)
        last = piece[-1] if isinstance(piece, str) else last
    after: list[tuple[str, int]] = []
    following = (" ", len(pieces))
    for index in range(len(pieces) - 1, -1, -1):
        after.append(following)
        piece = pieces[index]
        following = (piece[0], index) if isinstance(piece, str) else following
    after.reverse()
    return before, after


def _parses(opening: tuple[str, str], closing: tuple[str, str], *, nested: bool) -> bool:
    """Whether delimiters between these characters open and close emphasis; nested in
    another, whether only so (one inside a word can do both)."""
    if not (_opens(*opening) and _closes(*closing)):
        return False
    return not (nested and (_closes(*opening) or _opens(*closing)))


def _opens(before: str, after: str) -> bool:
    return not _space(after) and (not _punct(after) or _space(before) or _punct(before))


def _closes(before: str, after: str) -> bool:
    return not _space(before) and (not _punct(before) or _space(after) or _punct(after))


def _space(char: str) -> bool:
    return char in "\t\n\f\v\r" or unicodedata.category(char) == "Zs"


def _punct(char: str) -> bool:
    return unicodedata.category(char).startswith(("P", "S"))


def _line_start(line: str) -> str:
    """Escape what would open a block at the start of a line (``# ``, ``- ``, ``1. ``)."""
    found = _LINE_START.match(line)
    if found is None:
        return line
    if found[0][0].isdigit():
        return found[0] + "\\" + line[found.end() :]
    return "\\" + line


def plain_runs(runs: Iterable[Inline]) -> tuple[Inline, ...]:
    """``runs`` as text only, for inside a link (a link in a link is not Markdown)."""
    return (Text(plain(runs)),)
