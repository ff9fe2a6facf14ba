"""The format-neutral view: display decisions made once, for every output format."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cvtex.model.links import LinkKind
from cvtex.model.select import select
from cvtex.model.validate import validate
from cvtex.source.loader import load_text
from cvtex.view import Entry, ResumeView
from cvtex.view.inline import Emphasis, LinkSpan, Rich, Strong, Text, parse, plain, rich
from cvtex.view.make import resume_view


def view_of(text: str) -> ResumeView:
    return resume_view(select(validate(load_text(text, "cv.yaml")).resume))


def only_entry(view: ResumeView, section: str) -> Entry:
    (found,) = [s for s in view.sections if s.id == section]
    return found.entries[0]


def test_inline_markup_parses_to_runs() -> None:
    assert parse("a **b** *c* [d](https://e.org)") == (
        Text("a "),
        Strong((Text("b"),)),
        Text(" "),
        Emphasis((Text("c"),)),
        Text(" "),
        LinkSpan((Text("d"),), parse("[d](https://e.org)")[0].link),  # type: ignore[union-attr]
    )
    assert parse("***both***") == (Strong((Emphasis((Text("both"),)),)),)
    assert parse(r"\*not italic\*") == (Text("*not italic*"),)


def test_a_refused_link_keeps_its_text_and_loses_its_target() -> None:
    assert parse("[calc](run:calc.exe) and [js](javascript:alert`1`)") == (
        Text("calc"),
        Text(" and "),
        Text("js"),
    )


@given(st.text(max_size=80))
def test_plain_text_keeps_every_character_that_is_not_markup(text: str) -> None:
    shown = plain(parse(text))
    for char in set(text) - set("*[]()\x00\\"):
        assert char in shown or char in text.replace("\\*", ""), (text, shown)


def test_paragraph_fields_keep_their_paragraphs_and_list_lines() -> None:
    value = rich("One.\n\nTwo:\n- a\n- b", path=("basics", "summary"))
    assert len(value.paragraphs) == 2
    assert value.plain == "One.\n\nTwo:\n- a\n- b"
    assert len(rich("One.\n\nTwo.", path=("work", 0, "name")).paragraphs) == 1


def test_education_prints_degree_and_subject_in_the_locale_s_pattern() -> None:
    view = view_of(
        "education:\n  - {institution: MIT, studyType: M.Sc., area: Physics, score: '3.9',"
        " url: mit.edu, department: EECS, courses: [QFT, GR]}\n"
        "  - {institution: Leeds, studyType: BSc, score: First}\n"
    )
    first, second = next(s for s in view.sections if s.id == "education").entries
    assert first.heading is not None and second.heading is not None
    assert first.heading.title is not None and first.heading.title.plain == "M.Sc. in Physics"
    assert first.heading.subtitle is not None and first.heading.subtitle.plain == "EECS, MIT"
    link = next(r for r in first.heading.subtitle.runs if isinstance(r, LinkSpan))
    assert link.link.target == "https://mit.edu" and link.link.kind is LinkKind.WEB
    assert [(r.label.plain if r.label else None) for r in first.rows] == ["GPA", "Courses"]
    assert not first.rows[0].is_list and first.rows[1].is_list
    assert second.rows[0].label is not None and second.rows[0].label.plain == "Grade"


def test_the_locale_decides_the_words() -> None:
    view = view_of(
        "locale: de\neducation:\n  - {studyType: M.Sc., area: Physik, score: '1,3'}\n"
        "work:\n  - {name: X, startDate: 2020-01-15}\n"
    )
    education = only_entry(view, "education")
    assert education.heading is not None and education.heading.title is not None
    assert education.heading.title.plain == "M.Sc. Physik"
    assert education.rows[0].label is not None and education.rows[0].label.plain == "Note"
    work = only_entry(view, "work")
    assert work.heading is not None and work.heading.dates.parts == ("Jan. 2020", "heute"), work


def test_a_project_s_subtitle_and_description() -> None:
    view = view_of(
        "projects:\n  - {name: P, entity: ACME, roles: [Lead, Dev], description: Did it,"
        " url: 'https://p.org'}\n  - {name: Q, description: Only this}\n"
    )
    first, second = next(s for s in view.sections if s.id == "projects").entries
    assert first.heading is not None and first.heading.subtitle is not None
    assert first.heading.subtitle.plain == "ACME | Lead, Dev"
    assert [p.plain for p in first.paragraphs] == ["Did it"]
    assert first.link is not None and first.link.link.target == "https://p.org"
    assert second.heading is not None and second.heading.subtitle is not None
    assert second.heading.subtitle.plain == "Only this" and not second.paragraphs


def test_the_own_name_is_marked_among_the_authors() -> None:
    view = view_of(
        "basics: {name: Ada Lovelace}\n"
        "publications:\n  - {name: Notes, authors: [Charles Babbage, Ada Lovelace]}\n"
    )
    entry = only_entry(view, "publications")
    assert [(a.name.plain, a.is_self) for a in entry.authors] == [
        ("Charles Babbage", False),
        ("Ada Lovelace", True),
    ]


def test_hidden_entries_and_refused_links_never_reach_the_view() -> None:
    view = view_of(
        "work:\n  - {name: Shown, url: 'https://ok.org'}\n  - {name: Secret, hidden: true}\n"
    )
    (work,) = [s for s in view.sections if s.id == "work"]
    assert len(work.entries) == 1
    title = work.entries[0].heading.title  # type: ignore[union-attr]
    assert isinstance(title, Rich) and isinstance(title.runs[0], LinkSpan)


def test_dates_carry_the_field_they_are_written_in() -> None:
    entry = only_entry(
        view_of("work:\n  - {name: X, startDate: 2020-01-15, endDate: 2021}\n"), "work"
    )
    assert entry.heading is not None
    assert entry.heading.dates.path == ("work", 0, "startDate")
    assert entry.heading.dates.parts == ("Jan 2020", "2021")


def test_sections_follow_section_order_and_titles() -> None:
    view = view_of(
        "design: {section_order: [skills, work], section_titles: {skills: Toolbox}}\n"
        "work: [{name: X}]\nskills: [{name: Y}]\n"
        "sections:\n  talks: {title: Talks, items: [One]}\n"
    )
    assert [(s.id, s.title) for s in view.sections] == [
        ("skills", "Toolbox"),
        ("work", "Experience"),
        ("talks", "Talks"),
    ]
