"""Build the :class:`~cvtex.view.nodes.ResumeView` of a selected résumé.

One function per section kind says what each entry prints: this is where display
decisions live (degree and subject in the locale's pattern, GPA or grade, a
project's subtitle, the résumé's own name in bold among the authors), once for
every output format. The input is what prints: :func:`cvtex.model.select.select` has
dropped hidden parts and attached each string's YAML path.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from cvtex import __version__
from cvtex.diagnostics import FieldPath
from cvtex.model.links import Link, allowed_link
from cvtex.model.locales import Locale, get_locale
from cvtex.model.schema import (
    STANDARD_SECTIONS,
    Award,
    Basics,
    Certificate,
    CustomEntry,
    CustomSection,
    Education,
    Interest,
    Project,
    Publication,
    Reference,
    Resume,
    Skill,
    Volunteer,
    Work,
)
from cvtex.model.schema import Bullet as BulletModel
from cvtex.model.schema import Language as LanguageModel
from cvtex.model.schema import Row as RowModel
from cvtex.view.contact import contact_items, display_url
from cvtex.view.display import DateDisplay, degree_line
from cvtex.view.inline import Emphasis, Inline, LinkSpan, Rich, Runs, Strong, Text, line, rich
from cvtex.view.nodes import Author, Bullet, Entry, Heading, LinkLine, ResumeView, Row, Section


@dataclass(frozen=True)
class _Display:
    """What every entry function needs: dates, the locale's words, the own name."""

    dates: DateDisplay
    locale: Locale
    own_name: str | None

    def word(self, key: str) -> Rich:
        return line(Text(self.locale.string(key)))


def resume_view(
    resume: Resume, *, date_format: str | None = None, photo: str | None = None
) -> ResumeView:
    """The résumé as it prints, in section order, for any output format; dates in
    ``date_format``, by default the résumé's own ``design.date_format``."""
    locale = get_locale(resume.locale).with_overrides(resume.strings)
    dates = DateDisplay(date_format or resume.design.date_format, locale)
    display = _Display(dates, locale, resume.basics.name)
    basics = resume.basics
    name = basics.name
    return ResumeView(
        name=_rich(name),
        label=_rich(basics.label),
        contact=contact_items(basics),
        sections=tuple(_sections(resume, locale, display)),
        locale=locale.code,
        language=locale.code,
        title=f"{_plain_name(basics)} – Résumé" if name else "Résumé",
        generator=f"cvtex {__version__}",
        photo=photo,
        source=resume,
    )


def _plain_name(basics: Basics) -> str:
    return _rich(basics.name).plain if basics.name else ""  # type: ignore[union-attr]


def _sections(resume: Resume, locale: Locale, display: _Display) -> Iterable[Section]:
    order = list(dict.fromkeys([*resume.design.section_order, *resume.section_ids()]))
    titles = resume.design.section_titles
    for section_id in order:
        if section_id in STANDARD_SECTIONS:
            kind = section_id
            content: Any = (
                resume.basics.summary if section_id == "summary" else getattr(resume, section_id)
            )
            default_title = locale.titles[section_id]
        else:
            custom: CustomSection = resume.sections[section_id]
            kind = next((k for k in ("entries", "items", "rows") if getattr(custom, k)), "items")
            content = getattr(custom, kind)
            default_title = custom.title
        if not content:
            continue
        title = titles.get(section_id, default_title)
        entries = tuple(_entries(kind, content, title, display))
        pagebreak = section_id in resume.design.page_breaks
        yield Section(section_id, title, kind, entries, pagebreak)


def _entries(kind: str, content: Any, title: str, display: _Display) -> Iterable[Entry]:
    """One view entry per model entry; a section printed as one block (the summary,
    the languages line, bullets, rows) is one entry whose source is the whole list."""
    if kind == "summary":
        yield Entry(paragraphs=(rich(content),), source=content)
    elif kind == "languages":
        yield _languages(content, title, display)
    elif kind == "items":
        yield Entry(bullets=_bullets(content), source=content)
    elif kind == "rows":
        yield _rows(content)
    else:
        make = _ENTRY_VIEWS[kind]
        for entry in content:
            view = make(entry, display)
            yield dataclasses.replace(view, pagebreak=entry.pagebreak, source=entry)


# -- the entry kinds ------------------------------------------------------------------


def _work(entry: Work | Volunteer, display: _Display) -> Entry:
    employer = entry.name if isinstance(entry, Work) else entry.organization
    return Entry(
        heading=Heading(
            title=_linked(employer or entry.position, entry.url),
            dates=display.dates.range(entry),
            subtitle=_rich(entry.position) if employer else None,
            location=_rich(entry.location),
        ),
        note=_rich(entry.description) if isinstance(entry, Work) else None,
        paragraphs=_present(entry.summary),
        bullets=_bullets(entry.highlights),
    )


def _education(entry: Education, display: _Display) -> Entry:
    degree = degree_line(display.locale.string("degree"), entry.studyType, entry.area)
    institution = _linked(entry.institution, entry.url)
    school = _join([_rich(entry.department), institution], ", ")
    degree_path = _path(entry.studyType) or _path(entry.area)
    rows: list[Row] = []
    if entry.score:
        label = "gpa" if re.search("[0-9]", entry.score) else "grade"
        rows.append(Row(display.word(label), (rich(entry.score),), is_list=False))
    if entry.courses:
        rows.append(Row(display.word("courses"), tuple(map(rich, entry.courses))))
    return Entry(
        heading=Heading(
            title=line(Text(degree), path=degree_path) if degree else institution,
            dates=display.dates.range(entry),
            subtitle=school if degree else _rich(entry.department),
            location=_rich(entry.location),
        ),
        rows=tuple(rows),
        lines=tuple(rich(bullet.text) for bullet in entry.highlights),
    )


def _project(entry: Project, display: _Display) -> Entry:
    parts = [_rich(entry.entity), _rich(entry.type), _join(map(rich, entry.roles), ", ")]
    subtitle = _join(parts, " | ") if (entry.entity or entry.type or entry.roles) else None
    subtitle = subtitle or _rich(entry.description)
    described = entry.description and (entry.entity or entry.type or entry.roles)
    link = _link(entry.url)
    return Entry(
        heading=Heading(
            title=_rich(entry.name),
            dates=display.dates.range(entry),
            subtitle=subtitle or None,
            location=_rich(entry.location),
        ),
        paragraphs=_present(entry.description) if described else (),
        rows=(Row(display.word("keywords"), tuple(map(rich, entry.keywords))),)
        if entry.keywords
        else (),
        bullets=_bullets(entry.highlights),
        link=LinkLine(rich(display_url(entry.url)), link) if link and entry.url else None,
    )


def _award(entry: Award, display: _Display) -> Entry:
    after = tuple(part for part in (_rich(entry.awarder), _rich(entry.summary)) if part)
    return Entry(
        heading=Heading(_rich(entry.title), display.dates.range(entry), after=after, inline=True)
    )


def _certificate(entry: Certificate, display: _Display) -> Entry:
    after = (rich(entry.issuer),) if entry.issuer else ()
    title = _linked(entry.name, entry.url)
    return Entry(heading=Heading(title, display.dates.range(entry), after=after, inline=True))


def _publication(entry: Publication, display: _Display) -> Entry:
    publisher = _rich(entry.publisher)
    after = (_wrap(publisher, Emphasis),) if publisher else ()
    authors = tuple(Author(rich(name), name == display.own_name) for name in entry.authors)
    return Entry(
        heading=Heading(
            _linked(entry.name, entry.url), display.dates.range(entry), after=after, inline=True
        ),
        authors=authors,
        paragraphs=_present(entry.summary),
    )


def _skill(entry: Skill, display: _Display) -> Entry:
    if entry.keywords:
        level = f" ({entry.level})" if entry.level else ""
        label = _join([rich(entry.name), line(Text(level))], "") if entry.name else None
        row = Row(label or _rich(entry.level), tuple(map(rich, entry.keywords)))
        return Entry(rows=(row,))
    if entry.name and entry.level:
        return Entry(rows=(Row(rich(entry.name), (rich(entry.level),), is_list=False),))
    return Entry(paragraphs=_present(entry.name or entry.level))


def _interest(entry: Interest, display: _Display) -> Entry:
    if entry.keywords:
        return Entry(rows=(Row(_rich(entry.name), tuple(map(rich, entry.keywords)), "; "),))
    return Entry(paragraphs=_present(entry.name))


def _reference(entry: Reference, display: _Display) -> Entry:
    name = _rich(entry.name)
    said = _rich(entry.reference)
    if name and said:
        first, *rest = said.paragraphs
        joined = (Strong(name.runs), Text(": "), Emphasis(first))
        paragraphs = (joined, *(tuple[Inline, ...]((Emphasis(p),)) for p in rest))
        return Entry(paragraphs=(Rich(paragraphs, name.path),))
    if name:
        return Entry(paragraphs=(_wrap(name, Strong),))
    return Entry(paragraphs=(_wrap(said, Emphasis),) if said else ())


def _custom_entry(entry: CustomEntry, display: _Display) -> Entry:
    title = _linked(entry.title, entry.url)
    dates = display.dates.range(entry)
    if entry.location or entry.highlights or entry.summary:
        return Entry(
            heading=Heading(title, dates, _rich(entry.subtitle), _rich(entry.location)),
            paragraphs=_present(entry.summary),
            bullets=_bullets(entry.highlights),
        )
    after = (rich(entry.subtitle),) if entry.subtitle else ()
    return Entry(heading=Heading(title, dates, after=after, inline=True))


def _languages(languages: Sequence[LanguageModel], title: str, display: _Display) -> Entry:
    values: list[Rich] = []
    for language in languages:
        if language.language and language.fluency:
            fluency = line(Text(" ("), *rich(language.fluency).runs, Text(")"))
            values.append(
                line(*rich(language.language).runs, *fluency.runs, path=_path(language.language))
            )
        else:
            values.append(rich(language.language or language.fluency or ""))
    label = line(Text(title)) if title else display.word("languages")
    return Entry(rows=(Row(label, tuple(values)),), source=languages)


def _rows(rows: Sequence[RowModel]) -> Entry:
    return Entry(
        rows=tuple(
            Row(_rich(row.label), (rich(row.value),) if row.value else (), is_list=False)
            for row in rows
        ),
        source=rows,
    )


_ENTRY_VIEWS: dict[str, Callable[[Any, _Display], Entry]] = {
    "work": _work,
    "volunteer": _work,
    "education": _education,
    "projects": _project,
    "awards": _award,
    "certificates": _certificate,
    "publications": _publication,
    "skills": _skill,
    "interests": _interest,
    "references": _reference,
    "entries": _custom_entry,
}


# -- small pieces -----------------------------------------------------------------------


def _rich(value: str | None) -> Rich | None:
    return rich(value) if value else None


def _present(value: str | None) -> tuple[Rich, ...]:
    return (rich(value),) if value else ()


def _path(value: object) -> FieldPath | None:
    path: FieldPath | None = getattr(value, "path", None)
    return path


def _bullets(items: Sequence[BulletModel]) -> tuple[Bullet, ...]:
    return tuple(Bullet(rich(item.text), tuple(map(rich, item.items))) for item in items)


def _link(url: str | None) -> Link | None:
    """The link ``url`` may become, or None (refused links were reported by validation)."""
    return allowed_link(url) if url else None


def _linked(text: str | None, url: str | None) -> Rich | None:
    """``text`` linked to ``url``; the URL as people write it when there is no text; the
    text alone when the URL may not be a link."""
    link = _link(url)
    shown = _rich(text) or (rich(display_url(url)) if url and link else _rich(url))
    if shown is None or link is None:
        return shown
    return line(LinkSpan(_unlinked(shown.runs), link), path=shown.path)


def _unlinked(runs: Runs) -> Runs:
    """``runs`` with every link replaced by its text: a link inside a link is no
    output's business (HTML forbids it, a PDF would stack two annotations)."""
    out: list[Inline] = []
    for run in runs:
        if isinstance(run, LinkSpan):
            out.extend(_unlinked(run.children))
        elif isinstance(run, Strong | Emphasis):
            out.append(type(run)(_unlinked(run.children)))
        else:
            out.append(run)
    return tuple(out)


def _wrap(value: Rich, kind: type[Strong] | type[Emphasis]) -> Rich:
    return Rich(tuple((kind(runs),) for runs in value.paragraphs), value.path)


def _join(parts: Iterable[Rich | None], separator: str) -> Rich | None:
    """Parts that print, on one line, ``separator`` between them; None when none print."""
    present = [part for part in parts if part]
    if not present:
        return None
    runs: list[Inline] = []
    for index, part in enumerate(present):
        if index and separator:
            runs.append(Text(separator))
        runs.extend(part.runs)
    return Rich((tuple(runs),), present[0].path)


__all__ = ["Runs", "resume_view"]
