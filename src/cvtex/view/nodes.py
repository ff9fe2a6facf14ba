"""The view's values: what a résumé prints, in order, with no output format in it.

Every backend (LaTeX, text, Markdown, HTML) renders these and nothing else, so a
display decision (degree and subject on one line, GPA or grade, a project's
subtitle, which links exist) is made once, in :mod:`cvtex.view.make`. Text is
:class:`~cvtex.view.inline.Rich` (runs, never markup strings), dates are already
formatted for the locale, and a link is a classified :class:`~cvtex.model.links.Link`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cvtex.model.links import Link
from cvtex.view.contact import ContactItem
from cvtex.view.display import DateRange
from cvtex.view.inline import Rich, rich


@dataclass(frozen=True, slots=True)
class Heading:
    """An entry's title line and the line under it.

    ``after`` is printed on the title line, after the title, comma-separated (an
    award's awarder, a certificate's issuer); ``subtitle`` and ``location`` go on
    the line below, ``dates`` at the right of the title line."""

    title: Rich | None = None
    """May hold a :class:`~cvtex.view.inline.LinkSpan` (the employer's website)."""
    dates: DateRange = field(default_factory=lambda: DateRange(""))
    subtitle: Rich | None = None
    location: Rich | None = None
    after: tuple[Rich, ...] = ()
    inline: bool = False
    """True: one line (title, then ``after``, then the dates), nothing below it."""


@dataclass(frozen=True, slots=True)
class Row:
    """``label: value, value``; no label prints the values alone."""

    label: Rich | None
    values: tuple[Rich, ...]
    separator: str = ", "
    is_list: bool = True
    """False for one value (a GPA, a skill's level), not a list of them."""


@dataclass(frozen=True, slots=True)
class Bullet:
    text: Rich
    items: tuple[Rich, ...] = ()


@dataclass(frozen=True, slots=True)
class LinkLine:
    """A link on a line of its own: the text it shows (the URL as people write it)."""

    text: Rich
    link: Link


@dataclass(frozen=True, slots=True)
class Author:
    name: Rich
    is_self: bool
    """The résumé's own name: set in bold."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One entry, in print order: heading, authors, note, paragraphs, rows, bullets,
    lines, then a trailing link. ``source`` is the validated model entry, for outputs
    that keep structure (JSON Resume) and for templates that read fields directly."""

    heading: Heading | None = None
    authors: tuple[Author, ...] = ()
    note: Rich | None = None
    """A line set apart (a job's description of the employer), in small italics."""
    paragraphs: tuple[Rich, ...] = ()
    rows: tuple[Row, ...] = ()
    bullets: tuple[Bullet, ...] = ()
    lines: tuple[Rich, ...] = ()
    """Lines without bullets (an education entry's supervisor, ranking…)."""
    link: LinkLine | None = None
    """A link printed under the entry (a project's URL)."""
    pagebreak: bool = False
    source: object = field(default=None, compare=False)

    @property
    def stands_apart(self) -> bool:
        """An entry with a title and more under it is set apart from its neighbours;
        rows and one-line entries (skills, awards) follow each other line by line."""
        return self.heading is not None and not (self.heading.inline and self.one_line)

    @property
    def one_line(self) -> bool:
        """Only a title line: outputs set such entries close together."""
        parts = (self.authors, self.note, self.paragraphs, self.rows, self.bullets, self.lines)
        return not any(parts) and self.link is None


@dataclass(frozen=True, slots=True)
class Section:
    """A section to print: its id, heading ("" for none) and entries.

    ``kind`` is the standard section id, or ``entries``/``items``/``rows`` for a
    custom section."""

    id: str
    title: str
    kind: str
    entries: tuple[Entry, ...]
    pagebreak: bool = False

    @property
    def heading(self) -> Rich:
        """The title with its inline markup parsed, as the PDF prints it."""
        return rich(self.title)


@dataclass(frozen=True, slots=True)
class ResumeView:
    """The whole résumé as it prints."""

    name: Rich | None
    label: Rich | None
    contact: tuple[ContactItem, ...]
    sections: tuple[Section, ...]
    locale: str
    language: str
    """BCP 47 tag for the document (``en``, ``zh-Hans``…), for HTML's ``lang``."""
    title: str
    """The document's title: "Name – Résumé"."""
    generator: str
    photo: str | None = None
    source: object = field(default=None, compare=False)
