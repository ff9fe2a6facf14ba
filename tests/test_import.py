"""``cvtex import``: RenderCV and JSON Resume files in, commented cvtex YAML out.

The YAML writer first: whatever text it is given, the loader must read back exactly
that text, in every place a string can stand (a value, a key, a list item, a flow
list), and nothing in a comment may escape it.
"""

from __future__ import annotations

import json
import os
import shutil
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st

from conftest import DATA, pdf_text
from cvtex.backends.latex.markup import markup_to_text
from cvtex.build import load_and_validate
from cvtex.cli import cli
from cvtex.diagnostics import Severity
from cvtex.errors import InputError
from cvtex.importers import RENDERCV, convert, looks_like_rendercv
from cvtex.importers.rendercv.entries import ENTRY_FIELDS
from cvtex.importers.rendercv.header import PROFILE_URLS
from cvtex.importers.rendercv.sections import section_title
from cvtex.importers.rendercv.settings import NEAREST_TEMPLATE
from cvtex.importers.run import CONTENT_CODES, import_document, import_file, render
from cvtex.model.validate import validate
from cvtex.source.loader import load_text
from cvtex.textcheck import plain_text
from cvtex.yaml_writer import Commented, Remark, dump, is_plain_safe, plain_data, scalar

RENDERCV_COMMIT = "1d4b87bc427e4cf61c0ef49623c971b0e2224708"

# Every character but surrogates, which no text read from a file can hold.
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
TRICKY = st.sampled_from(
    [
        "",
        " ",
        "~",
        "null",
        "Null",
        "true",
        "no",
        "2021",
        "2021-09-01",
        "0x1F",
        ".inf",
        "<<",
        "=",
        "- item",
        "-",
        "---",
        "...",
        "? key",
        ": value",
        "a: b",
        "C# #1",
        "value #comment",
        "# heading",
        "&anchor",
        "*alias",
        "!!python/object:os.system",
        "!tag",
        "|",
        ">",
        "%TAG",
        "@user",
        "`tick`",
        "'single'",
        '"double"',
        "{a: b}",
        "[a, b]",
        "50% \\& $x_1$ ^ ~ {}",
        "line\nbreak",
        "trailing ",
        " leading",
        "tab\there",
        "\u2028\u2029\x85",
        "\u202eevil",
        "\ufeffbom",
        "\x00\x07\x1b",
        "naïve 中文 🚀",
    ]
)
STRINGS = st.one_of(TEXT, TRICKY)


def _read(text: str) -> Any:
    return load_text(text, "written.yaml").data


@given(STRINGS)
def test_every_string_reads_back_as_itself_as_a_value(text: str) -> None:
    assert _read(dump({"key": text})) == {"key": text}


@given(STRINGS, STRINGS)
def test_every_string_reads_back_as_itself_as_a_key(key: str, value: str) -> None:
    assert _read(dump({"outer": {key: value}})) == {"outer": {key: value}}


@given(st.lists(STRINGS, max_size=6))
def test_every_list_of_strings_reads_back_block_or_flow(items: list[str]) -> None:
    assert _read(dump({"items": items})) == {"items": items}


@given(st.lists(STRINGS, max_size=4), STRINGS)
def test_comments_never_change_what_is_read(notes: list[str], text: str) -> None:
    tree = {
        Remark(tuple(notes)): None,
        "entries": [Commented({"title": text, Remark(tuple(notes)): None}, tuple(notes))],
        "basics": Commented({"name": text}, tuple(notes)),
    }
    written = dump(tree, header=notes)
    assert _read(written) == plain_data(tree)
    for line in written.splitlines():
        assert "\r" not in line and "\u2028" not in line and "\x85" not in line


NESTED = st.recursive(
    st.one_of(st.none(), STRINGS),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(STRINGS, inner, max_size=3)
    ),
    max_leaves=12,
)


@given(st.dictionaries(STRINGS, NESTED, max_size=4))
def test_nested_data_reads_back_exactly(data: dict[str, Any]) -> None:
    assert _read(dump(data)) == data


def test_plain_only_where_yaml_reads_nothing_else() -> None:
    assert scalar("John Doe") == "John Doe"
    assert scalar("C++, Rust") == "C++, Rust"
    assert scalar("2021") == '"2021"'
    assert scalar("null") == '"null"'
    assert scalar(None) == "null"
    assert scalar("a: b") == '"a: b"'
    assert scalar("x\u202ey") == '"x\\u202ey"'
    assert not is_plain_safe("!!python/object/apply:os.system")


@given(st.dictionaries(STRINGS, NESTED, max_size=4))
def test_the_writer_writes_no_anchor_alias_or_tag(data: dict[str, Any]) -> None:
    for event in yaml.parse(dump(data)):
        assert not isinstance(event, yaml.AliasEvent), event
        assert getattr(event, "anchor", None) is None, event
        assert getattr(event, "tag", None) is None, event


def test_hostile_looking_text_is_quoted() -> None:
    written = dump({"a": "&x", "b": "*x", "c": "!!python/name:os.system", "d": ["!x", "&y"]})
    assert written == (
        'a: "&x"\n\nb: "*x"\n\nc: "!!python/name:os.system"\n\nd:\n  - "!x"\n  - "&y"\n'
    )


# -- the command ---------------------------------------------------------------------------

RENDERCV_DIR = DATA / "rendercv"
EXAMPLES = sorted(RENDERCV_DIR.glob("*.yaml"))
SAMPLE_JSON = DATA / "jsonresume_sample.json"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def rendercv(text: str) -> dict[str, Any]:
    """What importing a RenderCV document gives, without its comments."""
    imported = convert(load_text(textwrap.dedent(text), "cv.yaml"))
    assert imported.kind == RENDERCV
    written = render(imported, Path("cv.yaml"), "resume.yaml")
    data = load_text(written, "resume.yaml").data
    assert data == plain_data(imported.tree)
    validate(load_text(written, "resume.yaml"))  # valid, warnings allowed
    return data


def test_import_of_a_json_resume_writes_yaml_beside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(SAMPLE_JSON, "resume.json")
    result = run("import", "resume.json")
    assert result.exit_code == 0, result.output
    assert "cvtex: wrote resume.yaml from resume.json (JSON Resume)" in result.output
    assert "Next: cvtex build resume.yaml" in result.output
    written = Path("resume.yaml").read_text("utf-8")
    assert written.startswith("# Imported by cvtex import from resume.json (JSON Resume).\n")
    assert run("validate", "--strict", "resume.yaml").exit_code == 0


def test_import_never_overwrites_its_input_even_with_force(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(EXAMPLES[0], "cv.yaml")
    before = Path("cv.yaml").read_bytes()
    for args in (("cv.yaml",), ("cv.yaml", "--force"), ("cv.yaml", "-o", "./cv.yaml", "--force")):
        result = run("import", *args)
        assert result.exit_code == 2, result.output
        assert "cv.yaml is the file being imported" in result.output
        assert "-o cv-cvtex.yaml" in result.output
    assert Path("cv.yaml").read_bytes() == before


def test_import_overwrites_an_existing_output_only_with_force(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(EXAMPLES[0], "cv.yaml")
    Path("resume.yaml").write_text("mine\n", encoding="utf-8")
    result = run("import", "cv.yaml", "-o", "resume.yaml")
    assert result.exit_code == 2
    assert "resume.yaml already exists; use --force to overwrite it" in result.output
    assert Path("resume.yaml").read_text("utf-8") == "mine\n"
    result = run("import", "cv.yaml", "-o", "resume.yaml", "--force")
    assert result.exit_code == 0, result.output
    assert "cvtex: wrote resume.yaml from cv.yaml (RenderCV)" in result.output
    assert "Next: cvtex build resume.yaml -t modern" in result.output


def test_import_to_standard_output_writes_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(EXAMPLES[0], "cv.yaml")
    result = CliRunner().invoke(cli, ["import", "cv.yaml", "-o", "-"], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout.startswith("# Imported by cvtex import from cv.yaml (RenderCV).")
    assert "basics:\n  name: John Doe\n" in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cv.yaml"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("missing.json",), "does not exist"),
        (("cv.yaml", "-o", ""), "the name is empty"),
        (("cv.yaml", "-o", "out.json"), "name it out.yaml"),
        (("cv.yaml", "-o", "."), "is a folder"),
        ((), "Missing argument 'FILE'"),
    ],
)
def test_usage_mistakes_exit_2(
    args: tuple[str, ...], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(EXAMPLES[0], "cv.yaml")
    result = run("import", *args)
    assert result.exit_code == 2, result.output
    assert message in result.output


def test_an_unwritable_output_exits_4(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(EXAMPLES[0], "cv.yaml")
    Path("file").write_text("", encoding="utf-8")
    result = run("import", "cv.yaml", "-o", "file/resume.yaml")
    assert result.exit_code == 4, result.output
    assert "cannot write file/resume.yaml" in result.output


@pytest.mark.parametrize(
    ("text", "located"),
    [
        ("cv:\n  name: Ada\n  email: [a@example.com, {x: 1}]\n", "cv.yaml:3:"),
        ("cv:\n  name: Ada\n  sections:\n    Work:\n      - company: [A, B]\n", "cv.yaml:5:"),
        ("cv:\n  name: Ada\n  sections:\n    Odd:\n      - foo: bar\n", "cv.yaml:5:"),
        ('{"basics": {"name": "Ada"}, "work": [{"positon": "X"}]}', "cv.json:1:"),
        ("cv:\n  name: [unclosed\n", "cv.yaml:"),
    ],
    ids=["email-mapping", "company-list", "no-entry-type", "json-typo", "syntax"],
)
def test_invalid_input_exits_1_with_located_errors(
    text: str, located: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    name = "cv.json" if text.startswith("{") else "cv.yaml"
    Path(name).write_text(text, encoding="utf-8")
    result = run("import", name, "-o", "out.yaml")
    assert result.exit_code == 1, result.output
    assert located in result.output
    assert not Path("out.yaml").exists()


# -- build and validate on a RenderCV file --------------------------------------------


@pytest.mark.parametrize("command", ["validate", "build"])
def test_build_and_validate_say_to_import_a_rendercv_file(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(EXAMPLES[0], "cv.yaml")
    result = run(command, "cv.yaml", "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    (error,) = report["diagnostics"]
    assert error["code"] == "rendercv-file"
    assert error["message"] == (
        'this looks like a RenderCV file; run "cvtex import cv.yaml" to convert it'
    )
    assert error["line"] == 2  # the cv key, after the schema comment
    text = run(command, "cv.yaml").output
    assert "cv.yaml:2:1: error[rendercv-file]" in text
    assert text.count("error") == 1


def test_what_counts_as_a_rendercv_file() -> None:
    assert looks_like_rendercv({"cv": {"name": "Ada"}})
    assert looks_like_rendercv({"cv": {"sections": {}}, "design": {"theme": "classic"}})
    assert not looks_like_rendercv({"cv": {"name": "Ada"}, "basics": {}})
    assert not looks_like_rendercv({"cv": "a string"})
    assert not looks_like_rendercv({"cv": {"headline": "only"}})
    assert not looks_like_rendercv({"basics": {"name": "Ada"}})


# -- RenderCV: the header --------------------------------------------------------------


def test_header_fields_go_to_basics_and_profiles() -> None:
    data = rendercv(
        """
        cv:
          name: Ada Lovelace
          headline: Analyst
          location: London, UK
          email: [ada@example.com, second@example.com]
          phone: [+44 20 1234 5678, +44 20 8765 4321]
          website: [https://ada.example.com, https://blog.example.com]
          photo: ada.jpg
          social_networks:
            - network: GitHub
              username: ada
            - network: Mastodon
              username: "@ada@hachyderm.io"
            - network: Google Scholar
              username: abc123
          custom_connections:
            - placeholder: Book a call
              url: https://cal.com/ada
              fontawesome_icon: calendar-days
        """
    )
    assert data["basics"] == {
        "name": "Ada Lovelace",
        "label": "Analyst",
        "image": "ada.jpg",
        "location": {"city": "London, UK"},
        "email": "ada@example.com",
        "phone": "+44 20 1234 5678",
        "url": "https://ada.example.com",
        "profiles": [
            {"username": "second@example.com", "url": "mailto:second@example.com"},
            {"username": "+44 20 8765 4321"},
            {"url": "https://blog.example.com"},
            {"network": "GitHub", "username": "ada", "url": "https://github.com/ada"},
            {
                "network": "Mastodon",
                "username": "@ada@hachyderm.io",
                "url": "https://hachyderm.io/@ada",
            },
            {
                "network": "Google Scholar",
                "username": "abc123",
                "url": "https://scholar.google.com/citations?user=abc123",
            },
            {"username": "Book a call", "url": "https://cal.com/ada"},
        ],
    }


# -- RenderCV: the nine entry types ---------------------------------------------------------

NINE = """
cv:
  name: Ada
  sections:
    summary:
      - A paragraph with **bold** and [a link](https://example.com).
    experience:
      - company: Analytical Engines
        position: Engineer
        location: London
        start_date: 2020-01
        end_date: present
        summary: Ran the mill.
        highlights:
          - Cut costs - by half - twice
          - Shipped
    education:
      - institution: Cambridge
        area: Mathematics
        degree: BA
        date: Expected 2026
        summary: First class
        highlights: [Wrangler - top]
    projects:
      - name: Difference Engine
        date: "1822"
        highlights: [Designed it]
    publications:
      - title: Notes
        authors: [Ada, "**Charles**"]
        journal: Scientific Memoirs
        date: 1843-09
        doi: 10.1234/notes
    skills:
      - label: Languages
        details: Python, C++, [Rust](https://rust-lang.org), more
      - label: Tools
        details: Git, Make
    languages_spoken:
      - label: English
        details: native
    honors:
      - bullet: Medal, 1840
    patents:
      - number: A loom
    talks:
      - reversed_number: Latest talk
      - reversed_number: Earlier talk
"""


def test_each_rendercv_entry_type_lands_where_it_prints_alike() -> None:
    data = rendercv(NINE)
    assert data["work"] == [
        {
            "name": "Analytical Engines",
            "position": "Engineer",
            "location": "London",
            "startDate": "2020-01",
            "endDate": "present",
            "summary": "Ran the mill.",
            "highlights": [{"text": "Cut costs", "items": ["by half", "twice"]}, "Shipped"],
        }
    ]
    assert data["education"] == [
        {
            "institution": "Cambridge",
            "studyType": "BA",
            "area": "Mathematics",
            "date": "Expected 2026",
            "highlights": ["First class", "Wrangler - top"],
        }
    ]
    assert data["publications"] == [
        {
            "name": "Notes",
            "authors": ["Ada", "**Charles**"],
            "publisher": "Scientific Memoirs",
            "releaseDate": "1843-09",
            "url": "https://doi.org/10.1234/notes",
        }
    ]
    assert data["skills"] == [
        {"name": "Languages", "keywords": ["Python, C++, [Rust](https://rust-lang.org), more"]},
        {"name": "Tools", "keywords": ["Git", "Make"]},
    ]
    sections = data["sections"]
    assert sections["summary_section"] == {
        "title": "Summary",
        "rows": [{"value": "A paragraph with **bold** and [a link](https://example.com)."}],
    }
    assert sections["projects_section"] == {
        "title": "Projects",
        "entries": [{"title": "Difference Engine", "date": "1822", "highlights": ["Designed it"]}],
    }
    assert sections["languages_spoken"] == {
        "title": "Languages Spoken",
        "rows": [{"label": "English", "value": "native"}],
    }
    assert sections["honors"] == {"title": "Honors", "items": ["Medal, 1840"]}
    assert sections["patents"] == {"title": "Patents", "items": ["A loom"]}
    assert sections["talks"] == {"title": "Talks", "items": ["Latest talk", "Earlier talk"]}
    design = data["design"]
    assert design["section_order"] == [
        "summary_section",
        "work",
        "education",
        "projects_section",
        "publications",
        "skills",
        "languages_spoken",
        "honors",
        "patents",
        "talks",
    ]
    assert "section_titles" not in design  # each title is cvtex's own for its section
    assert design["date_format"] == "Mon YYYY"  # as RenderCV prints dates


def test_lost_numbering_and_unknown_keys_are_noted_in_comments() -> None:
    written = _rendercv_yaml(
        NINE.replace("        doi: 10.1234/notes", "        doi: 10.1234/notes\n        tech: TeX")
    )
    assert "# RenderCV numbered these 1, 2, 3…; cvtex prints them as bullets" in written
    assert "# RenderCV numbered these from the last (… 3, 2, 1)" in written
    assert "# RenderCV key tech: TeX (not printed by default" in written
    assert "# RenderCV's summary is the first line: a cvtex education has no summary" in written


def _rendercv_yaml(text: str) -> str:
    imported = convert(load_text(textwrap.dedent(text), "cv.yaml"))
    return render(imported, Path("cv.yaml"), "resume.yaml")


def test_a_second_section_of_a_kind_becomes_a_custom_section() -> None:
    data = rendercv(
        """
        cv:
          sections:
            Experience:
              - {company: A, position: P, start_date: "2020"}
            Volunteer work:
              - {company: Red Cross, position: Helper, date: "2019"}
            Teaching:
              - {company: School, position: Tutor, start_date: 2018-01, end_date: 2018-06}
            Education:
              - {institution: U, area: Maths}
            More education:
              - {institution: V, area: Physics, degree: MSc}
        """
    )
    assert data["work"] == [{"name": "A", "position": "P", "startDate": "2020"}]
    assert data["volunteer"] == [
        {"organization": "Red Cross", "position": "Helper", "date": "2019"}
    ]
    assert data["sections"]["teaching"]["entries"] == [
        {"title": "School", "subtitle": "Tutor", "startDate": "2018-01", "endDate": "2018-06"}
    ]
    assert data["sections"]["more_education"]["entries"] == [
        {"title": "V", "subtitle": "MSc, Physics"}
    ]
    assert data["design"]["section_titles"] == {"volunteer": "Volunteer work"}


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        ({"date": "Fall 2023", "start_date": "2020"}, {"date": "Fall 2023"}),
        ({"end_date": "2021-05"}, {"date": "2021-05"}),
        ({"start_date": "2020-09-24"}, {"startDate": "2020-09-24"}),
        (
            {"start_date": "2020", "end_date": "present"},
            {"startDate": "2020", "endDate": "present"},
        ),
        ({"start_date": "soon", "end_date": "later"}, {"date": "soon – later"}),
    ],
)
def test_dates_follow_rendercvs_rules(dates: dict[str, str], expected: dict[str, str]) -> None:
    entry = {"name": "X", **dates}
    data = rendercv(json.dumps({"cv": {"sections": {"events": [entry]}}}))
    (converted,) = data["sections"]["events"]["entries"]
    assert {k: v for k, v in converted.items() if k != "title"} == expected


def test_design_theme_names_the_nearest_template_in_a_comment() -> None:
    written = _rendercv_yaml(
        """
        cv: {name: Ada}
        design:
          theme: sb2nov
          page: {size: us-letter, top_margin: 1in}
          colors: {name: "rgb(0, 0, 0)"}
        locale:
          language: german
          present: heute
          month_names: [Januar, Februar, März, April, Mai, Juni, Juli, August, September,
                        Oktober, November, Dezember]
          last_updated: Zuletzt
        settings:
          current_date: 2024-01-01
          bold_keywords: [Python]
          render_command: {design: design.yaml}
        """
    )
    assert '# RenderCV design.theme "sb2nov" → template: classic (nearest' in written
    assert "# Build it with:   cvtex build resume.yaml -t classic" in written
    assert "  paper: letter\n" in written
    assert "# RenderCV design.page.top_margin: 1in (layout; no cvtex option)" in written
    assert "# RenderCV design.colors.name: rgb(0, 0, 0) (layout; no cvtex option)" in written
    assert "\nlocale: de\n" in written
    assert "  present: heute\n" in written
    assert "months: Januar Februar März" in written
    assert "# RenderCV locale.last_updated: Zuletzt" in written
    assert '#   settings.bold_keywords: ["Python"]' in written
    assert "cvtex import opens no file the input names" in written
    data = load_text(written, "resume.yaml").data
    assert "settings" not in data and "theme" not in data["design"]


def test_a_theme_of_ones_own_builds_with_classic() -> None:
    written = _rendercv_yaml("cv: {name: Ada}\ndesign: {theme: mytheme}\n")
    assert '# RenderCV theme "mytheme" is a theme of your own' in written
    assert "-t classic" in written


def test_the_import_opens_no_file_the_input_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("cv.yaml").write_text(
        "cv:\n  name: Ada\n  photo: secret.png\n"
        "settings:\n  render_command: {design: secret-design.yaml, locale: secret-locale.yaml}\n",
        encoding="utf-8",
    )
    for name in ("secret.png", "secret-design.yaml", "secret-locale.yaml"):
        Path(name).write_text("not for reading", encoding="utf-8")
    opened: list[str] = []
    real_open = os.open

    def spy(path: Any, *args: Any, **kwargs: Any) -> int:
        opened.append(os.fspath(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", spy)
    result = run("import", "cv.yaml", "-o", "resume.yaml")
    assert result.exit_code == 0, result.output
    assert not [path for path in opened if "secret" in path]


# -- untrusted content --------------------------------------------------------------


def test_a_javascript_link_is_written_but_refused_when_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("cv.yaml").write_text(
        "cv:\n  name: Ada\n  website: javascript:alert(1)\n  sections:\n    Work:\n"
        "      - company: '[Evil](javascript:alert)'\n        position: P\n",
        encoding="utf-8",
    )
    result = run("import", "cv.yaml", "-o", "resume.yaml")
    assert result.exit_code == 1, result.output
    assert "error[link-refused]" in result.output
    assert "resume.yaml:" in result.output  # located in the written file, to fix there
    assert "but it does not validate yet" in result.output
    assert result.output.count("error[link-refused]") == 2
    assert "javascript:alert(1)" in Path("resume.yaml").read_text("utf-8")
    built = run("build", "resume.yaml", "--tex-only")
    assert built.exit_code == 1
    assert "error[link-refused]" in built.output
    assert not Path("resume.tex").exists()


# -- the vendored examples ---------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_each_vendored_rendercv_example_imports_to_a_valid_file(
    example: Path, tmp_path: Path
) -> None:
    out = tmp_path / "resume.yaml"
    report = import_file(example, str(out))
    assert report.valid
    assert not [d for d in report.diagnostics if d.severity is Severity.ERROR]
    document, validated = load_and_validate(out, strict=True, templates=(report.template or "",))
    assert validated.resume.basics.name == "John Doe"
    assert len(validated.resume.sections) + 4 == len(document.data["design"]["section_order"])


def test_the_vendored_examples_are_recorded_in_the_readme() -> None:
    readme = (RENDERCV_DIR / "README.md").read_text("utf-8")
    assert RENDERCV_COMMIT in readme
    assert "MIT" in (RENDERCV_DIR / "LICENSE").read_text("utf-8")
    for example in EXAMPLES:
        assert example.name in readme


@pytest.mark.tex
def test_an_imported_example_builds_with_every_word_that_rendercv_prints(
    tmp_path: Path,
) -> None:
    source = RENDERCV_DIR / "John_Doe_ClassicTheme_CV.yaml"
    out = tmp_path / "resume.yaml"
    report = import_file(source, str(out))
    assert report.valid and report.template == "modern"
    result = run("build", str(out), "-t", "modern", "-o", str(tmp_path / "cv.pdf"))
    assert result.exit_code == 0, result.output
    text = pdf_text(tmp_path / "cv.pdf")
    raw = load_text(source.read_text("utf-8"), str(source)).data["cv"]
    assert "John Doe" in text
    for key, entries in raw["sections"].items():
        assert section_title(key).upper() in text.upper(), key
        first = entries[0]
        sample = (
            first
            if isinstance(first, str)
            else next(
                value
                for field in (
                    "company",
                    "institution",
                    "name",
                    "title",
                    "label",
                    "bullet",
                    "number",
                    "reversed_number",
                )
                if isinstance(value := first.get(field), str)
            )
        )
        assert plain_text(markup_to_text(sample))[:40] in text, (key, sample)
    assert "Invited journal extension in JMLR (2023)" in text  # a nested highlight
    assert "NeurIPS 2022, Spotlight" in text  # a journal


# -- JSON Resume: lossless ---------------------------------------------------------------


def _json_documents() -> list[tuple[str, str, str]]:
    """(id, file name, text) of every JSON Resume and cvtex document the tests ship."""
    found: list[tuple[str, str, str]] = []
    fixtures = DATA / "jsonresume-schema" / "__test__"
    for path in sorted(fixtures.glob("*.json")):
        if path.stem == "dates":
            continue  # date strings, not résumés
        for name, case in json.loads(path.read_text("utf-8")).items():
            if isinstance(case, dict):
                found.append((f"{path.stem}.{name}", "resume.json", json.dumps(case)))
    sample = DATA / "jsonresume-schema" / "sample.resume.json"
    for path in [sample, SAMPLE_JSON, *sorted((DATA / "corpus").iterdir())]:
        if path.suffix in (".json", ".yaml"):
            found.append((path.name, path.name, path.read_text("utf-8")))
    return found


def _same_model_both_ways(text: str, name: str) -> None:
    try:
        direct = validate(load_text(text, name)).resume
    except InputError:
        with pytest.raises(InputError):
            convert(load_text(text, name))
        return
    imported = convert(load_text(text, name))
    written = render(imported, Path(name), "imported.yaml")
    document = load_text(written, "imported.yaml")
    assert document.data == plain_data(imported.tree)
    validated = validate(document)
    assert validated.resume == direct
    assert not [w for w in validated.warnings if w.code in ("unknown-key", "legacy-key")]


@pytest.mark.parametrize(
    ("name", "text"),
    [(n, t) for _, n, t in _json_documents()],
    ids=[i for i, _, _ in _json_documents()],
)
def test_a_json_resume_imports_to_yaml_that_validates_to_the_same_resume(
    name: str, text: str
) -> None:
    _same_model_both_ways(text, name)


DATES = st.sampled_from(["2020", "2020-01", "2020-01-15", "present", "Jan 2020", "2020-13", ""])
JSON_TEXT = st.one_of(TEXT, TRICKY, st.sampled_from(["https://example.com", "[x](https://a.b)"]))
KEYS = st.sampled_from(
    [
        "name",
        "company",
        "position",
        "website",
        "url",
        "startDate",
        "endDate",
        "summary",
        "highlights",
        "x-extra",
        "unknownThing",
        "gpa",
        "score",
    ]
)
ENTRY = st.dictionaries(
    KEYS,
    st.one_of(st.none(), JSON_TEXT, DATES, st.lists(st.one_of(st.none(), JSON_TEXT), max_size=3)),
    max_size=6,
)


@given(
    basics=st.dictionaries(
        st.sampled_from(["name", "label", "email", "website", "bio", "summary", "extra"]),
        st.one_of(st.none(), JSON_TEXT),
        max_size=5,
    ),
    work=st.lists(ENTRY, max_size=3),
    education=st.lists(ENTRY, max_size=2),
    top=st.dictionaries(st.sampled_from(["hobbies", "meta", "x-top", "other"]), NESTED, max_size=2),
    ascii_only=st.booleans(),
)
def test_any_json_resume_imports_without_changing_the_resume(
    basics: dict[str, Any],
    work: list[dict[str, Any]],
    education: list[dict[str, Any]],
    top: dict[str, Any],
    ascii_only: bool,
) -> None:
    document = {"basics": basics, "work": work, "education": education, **top}
    _same_model_both_ways(json.dumps(document, ensure_ascii=ascii_only), "resume.json")


def test_json_resume_extras_become_comments_where_they_stood() -> None:
    text = json.dumps(
        {
            "basics": {"name": "Ada", "website": "https://ada.example.com", "hobby": "chess"},
            "work": [{"company": "X", "name": "Y", "x-internal": "id-7"}],
        }
    )
    written = render(convert(load_text(text, "r.json")), Path("r.json"), "r.yaml")
    assert '  # not a cvtex key, so it never printed: "hobby": "chess"' in written
    assert '  # "website" in the source, its name before JSON Resume 1.0\n  url:' in written
    assert (
        '"company" was given with its current name too; its value, which did not print: "X"'
        in written
    )
    assert "x-internal: id-7" in written  # cvtex skips x- keys silently: kept as they were


# -- any RenderCV-like input ------------------------------------------------------------

RCV_TEXT = st.one_of(
    TEXT,
    TRICKY,
    st.sampled_from(["2020", "2020-01", "2020-02-30", "present", "Fall 2020", "[x](https://a.b)"]),
)
RCV_VALUE = st.one_of(st.none(), RCV_TEXT, st.lists(st.one_of(st.none(), RCV_TEXT), max_size=3))
RCV_KEYS = st.sampled_from(sorted({k for keys in ENTRY_FIELDS.values() for k in keys} | {"x"}))
RCV_ENTRY = st.one_of(RCV_TEXT, st.dictionaries(RCV_KEYS, RCV_VALUE, max_size=5))
NETWORK = st.dictionaries(
    st.sampled_from(["network", "username", "x"]),
    st.one_of(st.sampled_from([*PROFILE_URLS, "Mastodon"]), RCV_TEXT),
    max_size=3,
)
RCV_DOCUMENT = st.fixed_dictionaries(
    {
        "cv": st.fixed_dictionaries(
            {"name": RCV_TEXT},
            optional={
                "email": RCV_VALUE,
                "website": RCV_VALUE,
                "headline": RCV_VALUE,
                "social_networks": st.lists(NETWORK, max_size=2),
                "sections": st.dictionaries(STRINGS, st.lists(RCV_ENTRY, max_size=3), max_size=4),
            },
        )
    },
    optional={
        "design": st.dictionaries(
            st.sampled_from(["theme", "page", "templates"]),
            st.one_of(st.sampled_from([*NEAREST_TEMPLATE, "mine"]), NESTED),
            max_size=2,
        ),
        "locale": st.dictionaries(
            st.sampled_from(["language", "present", "month_names", "phrases"]), NESTED, max_size=2
        ),
        "settings": NESTED,
    },
)


@given(RCV_DOCUMENT)
def test_any_rendercv_file_imports_or_is_refused_at_its_line(document: dict[str, Any]) -> None:
    """A bug in the converter shows as an AssertionError (exit 70): never for any input."""
    try:
        loaded = load_text(json.dumps(document, ensure_ascii=False), "cv.yaml")
        report = import_document(loaded, Path("cv.yaml"), "resume.yaml")
    except InputError as exc:
        assert all(d.position is not None for d in exc.diagnostics if d.code != "limit")
        return
    assert report.kind == RENDERCV
    errors = [d for d in report.diagnostics if d.severity is Severity.ERROR]
    assert all(d.code in CONTENT_CODES for d in errors)


def test_a_section_with_an_empty_title_prints_without_a_heading() -> None:
    data = rendercv("cv:\n  name: Ada\n  sections:\n    '': [A paragraph]\n")
    assert data["sections"]["section"] == {"title": "section", "rows": [{"value": "A paragraph"}]}
    assert data["design"]["section_titles"] == {"section": ""}


@pytest.mark.parametrize(
    "text",
    [
        '{"cv": {"name": "A", "custom_connections": '
        '[{"placeholder": "x", "fontawesome_icon": "y", "network": "z"}]}}',
        "cv: {name: A}\ndesign: {page: {size: [a4]}}\n",
        "cv: {name: A}\ndesign: {page: {size: {a: 4}}}\n",
    ],
)
def test_odd_rendercv_settings_import_without_a_crash(text: str, tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(source), "-o", str(tmp_path / "out.yaml")])
    assert result.exit_code == 0, result.output
    written = (tmp_path / "out.yaml").read_text(encoding="utf-8")
    assert "internal error" not in result.output
    assert "icon" in written or "design.page.size" in written


def test_a_value_read_twice_is_one_error(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(
        "cv:\n  name: A\n  sections:\n    pubs:\n      - {title: T, authors: [A], date: [1, 2]}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["import", str(source), "-o", str(tmp_path / "out.yaml")])
    assert result.exit_code == 1
    assert result.stderr.count("error[invalid-value]") == 1, result.stderr
