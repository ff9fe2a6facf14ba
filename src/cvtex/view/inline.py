"""Inline text as a tree: plain runs, bold, italic and links, for every output format.

The grammar is a deliberately tiny subset of Markdown: ``**bold**``, ``*italic*``,
``***both***`` and ``[text](url)``; a lone ``*`` or ``_`` stays as written and ``\\*``
is a literal asterisk. It is parsed once, here; each backend walks the tree and
escapes for its own format, so no output re-implements the grammar and none can read
text as code. A link whose target :mod:`cvtex.model.links` refuses (``javascript:``,
``run:``, a bare word) is no link: its text stays, its target is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from cvtex.diagnostics import FieldPath
from cvtex.model.links import Link, allowed_link


@dataclass(frozen=True, slots=True)
class Text:
    """Text as written (the ``*`` of ``\\*`` restored)."""

    text: str


@dataclass(frozen=True, slots=True)
class Strong:
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Emphasis:
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class LinkSpan:
    """``[text](url)`` whose target is safe to click: ``link`` is its canonical form."""

    children: tuple[Inline, ...]
    link: Link


@dataclass(frozen=True, slots=True)
class LineBreak:
    """A line that keeps its own line, as typed (a "- " list inside a paragraph)."""


Inline = Text | Strong | Emphasis | LinkSpan | LineBreak
Runs = tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Rich:
    """One field's text, parsed: paragraphs of inline runs, and the field it came from.

    ``path`` lets a backend say which YAML field printed a line (the LaTeX backend maps
    TeX errors back to it)."""

    paragraphs: tuple[Runs, ...]
    path: FieldPath | None = None

    @property
    def runs(self) -> Runs:
        """All paragraphs' runs, for outputs that print the field as one line."""
        if len(self.paragraphs) == 1:
            return self.paragraphs[0]
        joined: list[Inline] = []
        for index, paragraph in enumerate(self.paragraphs):
            if index:
                joined.append(Text(" "))
            joined.extend(paragraph)
        return tuple(joined)

    @property
    def plain(self) -> str:
        """What a reader sees: the text without markup (a link's text, not its URL)."""
        return "\n\n".join(plain(paragraph) for paragraph in self.paragraphs)

    def __str__(self) -> str:
        return self.plain

    def __bool__(self) -> bool:
        return any(self.paragraphs)


def line(*runs: Inline, path: FieldPath | None = None) -> Rich:
    """One line of runs made by the view (a word of the locale, a joined subtitle)."""
    return Rich((runs,), path)


PARAGRAPH_FIELDS = frozenset({"summary", "reference"})
"""Fields printed as paragraphs: a blank line in them starts a new one (LinkedIn's
"About" text keeps its paragraphs). Elsewhere a line break is a space."""
_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")
_LIST_LINE = re.compile(r"\n(?=[ \t]*[-•*] )")
"""A line that starts with "- " or "• " keeps its own line, as typed."""


def rich(value: Any, path: FieldPath | None = None) -> Rich:
    """Parse one field's text. ``path`` defaults to the field the string remembers
    (:class:`~cvtex.diagnostics.SourceText`); paragraph fields split at blank lines."""
    text = str(value)
    path = path if path is not None else getattr(value, "path", None)
    if path and path[-1] in PARAGRAPH_FIELDS and "\n" in text.strip():
        return Rich(tuple(_paragraph(part) for part in _BLANK_LINE.split(text.strip())), path)
    return Rich((parse(text),), path)


def _paragraph(text: str) -> Runs:
    runs: list[Inline] = []
    for index, line in enumerate(_LIST_LINE.split(text)):
        if index:
            runs.append(LineBreak())
        runs.extend(parse(line.strip()))
    return tuple(runs)


def plain(runs: Iterable[Inline]) -> str:
    """The text of ``runs`` without markup; a line break is a newline."""
    out: list[str] = []
    for run in runs:
        if isinstance(run, Text):
            out.append(run.text)
        elif isinstance(run, LineBreak):
            out.append("\n")
        else:
            out.append(plain(run.children))
    return "".join(out)


# -- the grammar --------------------------------------------------------------------

_LINK = re.compile(r"\[(?P<text>[^\[\]]+)\]\((?P<url>(?:[^()\s]|\([^()\s]*\))+)\)")
"""``[text](url)``; the URL may hold balanced parentheses (Wikipedia's ``…_(TV_series)``),
so ``[x](javascript:alert(1))`` is a link, and refused, not text that looks like one."""
MAX_SPAN = 500
"""Characters one emphasis may span: an unclosed ``**`` must not make every search
scan to the end of a long text (quadratic time on hostile input)."""
_BOLD_ITALIC = re.compile(rf"\*\*\*(?=\S)(?P<text>.{{1,{MAX_SPAN}}}?)(?<=\S)\*\*\*")
_BOLD = re.compile(rf"\*\*(?=\S)(?P<text>.{{1,{MAX_SPAN}}}?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![*\w\\])\*(?=[^\s*])(?P<text>[^*]+?)(?<=[^\s*\\])\*(?![*\w])")
_PATTERNS = (_LINK, _BOLD_ITALIC, _BOLD, _ITALIC)
_ESCAPED_STAR = "\x00"
_UNSEARCHED: Any = object()


def parse(text: str) -> Runs:
    """The inline runs of one line of text."""
    protected = text.replace(_ESCAPED_STAR, "").replace("\\*", _ESCAPED_STAR)
    return _parse(protected)


def link_targets(text: str) -> list[str]:
    """The targets of every ``[text](url)`` in ``text``, as written (for validation,
    which reports the refused ones at their field)."""
    return [match.group("url") for match in _LINK.finditer(text)]


def _parse(text: str) -> Runs:
    out: list[Inline] = []
    position = 0
    upcoming: dict[re.Pattern[str], re.Match[str] | None] = {}
    while position < len(text):
        match = _earliest_match(text, position, upcoming)
        if match is None:
            break
        _append_text(out, text[position : match.start()])
        out.extend(_node(match, _parse(match.group("text"))))
        position = match.end()
    _append_text(out, text[position:])
    return tuple(out)


def _append_text(out: list[Inline], text: str) -> None:
    if text:
        out.append(Text(text.replace(_ESCAPED_STAR, "*")))


def _node(match: re.Match[str], children: Runs) -> Runs:
    if match.re is _LINK:
        link = allowed_link(match.group("url"))
        # A refused link was reported by validation: the text stays, the target goes.
        return (LinkSpan(children, link),) if link else children
    if match.re is _BOLD_ITALIC:
        return (Strong((Emphasis(children),)),)
    if match.re is _BOLD:
        return (Strong(children),)
    return (Emphasis(children),)


def _earliest_match(
    text: str, position: int, upcoming: dict[re.Pattern[str], re.Match[str] | None]
) -> re.Match[str] | None:
    """The first markup at or after ``position``. Each pattern's next match is kept
    until the text passes it, so a long text is searched once per pattern, not once
    per piece of markup found."""
    best: re.Match[str] | None = None
    for pattern in _PATTERNS:
        found = upcoming.get(pattern, _UNSEARCHED)
        if found is _UNSEARCHED or (found is not None and found.start() < position):
            found = pattern.search(text, position)
            upcoming[pattern] = found
        if found is not None and (best is None or found.start() < best.start()):
            best = found
    return best
