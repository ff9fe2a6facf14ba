"""``cvtex export --to json-resume``: what prints, as JSON Resume that upstream accepts.

The schema is upstream's own (tests/data/jsonresume-schema/schema.json), checked
with the formats upstream's validator checks (the npm package jsonschema, which
``resume validate`` uses): its ``uri`` and ``email`` rules, copied below. The round
trip is JSON Resume → ``cvtex import`` → load and validate → export; what it may
change is listed in :func:`normalised`, and nothing else.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import string
import tempfile
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from conftest import DATA, RESUME_YAML, ROOT
from cvtex.backends import FORMATS
from cvtex.backends import json_resume as backend
from cvtex.cli import cli
from cvtex.export import export
from cvtex.importers.run import import_document
from cvtex.model.schema import (
    Award,
    Basics,
    Certificate,
    CustomEntry,
    CustomSection,
    Education,
    Interest,
    Language,
    Location,
    Profile,
    Project,
    Publication,
    Reference,
    Row,
    Skill,
    Volunteer,
    Work,
)
from cvtex.model.scripts import script_of
from cvtex.model.select import NOT_PRINTED
from cvtex.model.validate import validate
from cvtex.source.legacy import modernise
from cvtex.source.loader import load_text

UPSTREAM = DATA / "jsonresume-schema"
SCHEMA = json.loads((UPSTREAM / "schema.json").read_text("utf-8"))
DOC = ROOT / "docs" / "json-resume.md"

# npm jsonschema 1.4.1, lib/helpers.js FORMAT_REGEXPS (JavaScript's $ is Python's \Z).
NODE_URI = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]*\Z")
NODE_EMAIL = re.compile(
    r"^(?:[\w\!\#\$\%\&\'\*\+\-\/\=\?\^\`\{\|\}\~]+\.)*[\w\!\#\$\%\&\'\*\+\-\/\=\?\^\`\{\|\}\~]+"
    r"@(?:(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9\-](?!\.)){0,61}[a-zA-Z0-9]?\.)+[a-zA-Z0-9]"
    r"(?:[a-zA-Z0-9\-](?!\Z)){0,61}[a-zA-Z0-9]?)|(?:\[(?:(?:[01]?\d{1,2}|2[0-4]\d|25[0-5])\.)"
    r"{3}(?:[01]?\d{1,2}|2[0-4]\d|25[0-5])\]))\Z",
    re.ASCII,
)
FORMATS_CHECKED = jsonschema.FormatChecker()
FORMATS_CHECKED.checks("uri")(
    lambda value: not isinstance(value, str) or bool(NODE_URI.match(value))
)
FORMATS_CHECKED.checks("email")(
    lambda value: not isinstance(value, str) or bool(NODE_EMAIL.match(value))
)
VALIDATOR_CLASS = jsonschema.validators.validator_for(SCHEMA)
VALIDATOR = VALIDATOR_CLASS(SCHEMA, format_checker=FORMATS_CHECKED)


def upstream_errors(document: Any) -> list[str]:
    """What upstream's schema says about ``document`` (nothing: it is valid)."""
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in VALIDATOR.iter_errors(document)
    ]


def exported(source: Path) -> dict[str, Any]:
    artefact = export(source, "json-resume").artefact
    assert (artefact.media_type, artefact.suffix) == ("application/json", ".json")
    text = artefact.data.decode("utf-8")
    data: dict[str, Any] = json.loads(text)
    assert text == json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return data


# -- the schema we check against is upstream's ------------------------------------------


def test_the_vendored_schema_is_draft_7_and_gives_every_fixture_upstreams_verdict() -> None:
    from test_jsonresume_fixtures import CASES

    assert VALIDATOR_CLASS is jsonschema.Draft7Validator
    VALIDATOR_CLASS.check_schema(SCHEMA)
    # schema.json's cases have no spec, so their names judge them; its "valid" one,
    # {"$schema": "foo-bar-baz"}, is no URI, which upstream's validator does check.
    judged = [case for case in CASES if case.area != "schema"]
    wrong = [case.id for case in judged if VALIDATOR.is_valid(case.document) != case.valid]
    assert wrong == []
    assert len(judged) >= 200
    assert upstream_errors(json.loads((UPSTREAM / "sample.resume.json").read_text())) == []
    assert "schema.json" in (UPSTREAM / "README.md").read_text("utf-8")


def test_the_formats_are_checked() -> None:
    assert upstream_errors({"basics": {"url": "example.com", "email": "ada"}}) != []
    assert upstream_errors({"basics": {"url": "https://example.com", "email": "a@b.cd"}}) == []
    assert upstream_errors({"work": [{"startDate": "09/2022"}]}) != []


# -- every shipped résumé exports to a valid document -----------------------------------

SOURCES = [
    RESUME_YAML,
    DATA / "all_sections.yaml",
    DATA / "specials.yaml",
    *sorted((DATA / "corpus").iterdir()),
]


@pytest.mark.parametrize("source", SOURCES, ids=[path.name for path in SOURCES])
def test_the_export_validates_against_the_upstream_schema(source: Path) -> None:
    data = exported(source)
    assert upstream_errors(data) == []
    assert next(iter(data)) == "$schema"
    assert data["$schema"] == backend.SCHEMA_URL
    # Every key is one cvtex reads: the export builds as a résumé of its own.
    text = json.dumps(data, ensure_ascii=False)
    warnings = validate(load_text(text, "exported.json")).warnings
    assert [w for w in warnings if w.code == "unknown-key"] == []


def test_the_key_order_is_json_resumes() -> None:
    properties = SCHEMA["properties"]
    top = [key for key in properties if key not in ("$schema", "meta")]
    assert [key for key in backend.UPSTREAM if key in top] == top
    for key, keys in backend.UPSTREAM.items():
        if key == "basics":
            schema = properties["basics"]
        elif key in ("location", "profiles"):
            schema = properties["basics"]["properties"][key]
        else:
            schema = properties[key]
        schema = schema.get("items", schema)
        assert keys == tuple(schema["properties"]), key
    data = exported(DATA / "all_sections.yaml")
    assert list(data) == ["$schema", *top, "sections", "meta"]
    basics = properties["basics"]["properties"]
    assert list(data["basics"]) == [key for key in basics if key in data["basics"]]


MODELS: dict[str, type[BaseModel]] = {
    "basics": Basics,
    "location": Location,
    "profiles": Profile,
    "work": Work,
    "volunteer": Volunteer,
    "education": Education,
    "awards": Award,
    "certificates": Certificate,
    "publications": Publication,
    "skills": Skill,
    "languages": Language,
    "interests": Interest,
    "references": Reference,
    "projects": Project,
    "sections": CustomSection,
    "entries": CustomEntry,
    "rows": Row,
}


@pytest.mark.parametrize("kind", MODELS)
def test_every_field_that_prints_is_exported(kind: str) -> None:
    keys = (*backend.UPSTREAM.get(kind, ()), *backend.CVTEX.get(kind, ()))
    assert len(set(keys)) == len(keys)
    assert set(keys) == set(MODELS[kind].model_fields) - NOT_PRINTED


# -- what cvtex holds and JSON Resume does not ------------------------------------------


def export_text(text: str, tmp_path: Path, name: str = "cv.yaml") -> dict[str, Any]:
    source = tmp_path / name
    source.write_text(text, "utf-8")
    data = exported(source)
    assert upstream_errors(data) == []
    return data


def test_dates_are_iso_or_kept_in_meta(tmp_path: Path) -> None:
    data = export_text(
        """
basics: {name: Ada}
work:
  - {name: A, startDate: 09/2022, endDate: present}
  - {name: B, startDate: April 2019, endDate: "2019年6月"}
  - {name: C, startDate: "2020-01-31T09:30:00+02:00", endDate: 31.03.2021, date: Summer 2021}
  - {name: D, endDate: present}
awards:
  - {title: Prize, date: Spring 2020}
  - {title: Medal, date: 0999}
  - {title: Grant, startDate: 2019, endDate: 2020-02}
certificates: [{name: Cert, date: "2021/7"}]
publications: [{name: Paper, releaseDate: Jan. 2020}]
""",
        tmp_path,
    )
    work = data["work"]
    assert (work[0]["startDate"], "endDate" in work[0]) == ("2022-09", False)
    assert (work[1]["startDate"], work[1]["endDate"]) == ("2019-04", "2019-06")
    assert (work[2]["startDate"], work[2]["endDate"]) == ("2020-01-31", "2021-03-31")
    assert work[2]["date"] == "Summer 2021"  # cvtex's own key: free text is valid there
    assert "endDate" not in work[3]  # "present" with no start is no period
    assert data["awards"][0] == {"title": "Prize"}
    assert data["awards"][2] == {"title": "Grant", "startDate": "2019", "endDate": "2020-02"}
    assert data["certificates"][0]["date"] == "2021-07"
    assert data["publications"][0]["releaseDate"] == "2020-01"
    assert data["meta"]["cvtex"]["asWritten"] == {
        "/work/3/endDate": "present",
        "/awards/0/date": "Spring 2020",
        "/awards/1/date": "0999",
    }


def test_links_are_uris_or_kept_in_meta(tmp_path: Path) -> None:
    data = export_text(
        """
basics:
  name: Ada
  email: mailto:ada@example.com
  url: ada.example.com/cv
  profiles: [{network: Blog, url: "//blog.example.com"}, {network: X, url: my blog}]
work: [{name: A, url: "https://münchen.example/ä"}]
projects: [{name: P, url: see below}]
sections:
  talks: {title: Talks, entries: [{title: T, url: talks.example.com}]}
""",
        tmp_path,
    )
    basics = data["basics"]
    assert (basics["email"], basics["url"]) == ("ada@example.com", "https://ada.example.com/cv")
    assert basics["profiles"] == [
        {"network": "Blog", "url": "https://blog.example.com"},
        {"network": "X"},
    ]
    assert data["work"][0]["url"] == "https://münchen.example/ä"  # a URI as upstream checks it
    assert data["projects"][0] == {"name": "P"}
    assert data["sections"]["talks"]["entries"][0]["url"] == "talks.example.com"
    assert data["meta"]["cvtex"]["asWritten"] == {
        "/basics/profiles/1/url": "my blog",
        "/projects/0/url": "see below",
    }


def test_sub_items_follow_their_bullet(tmp_path: Path) -> None:
    data = export_text(
        """
basics: {name: Ada}
work:
  - name: A
    highlights:
      - Plain
      - {text: Led the move, items: [planned it, "", shipped it]}
      - {text: Hidden, hidden: true}
education:
  - {institution: U, highlights: [Supervisor X, {text: Thesis, items: [on Y]}]}
sections:
  notes: {title: Notes, items: [{text: One, items: [one a]}]}
""",
        tmp_path,
    )
    assert data["work"][0]["highlights"] == [
        "Plain",
        "Led the move",
        "– planned it",
        "– shipped it",
    ]
    assert data["education"][0]["highlights"] == ["Supervisor X", "Thesis", "– on Y"]
    assert data["sections"]["notes"] == {"title": "Notes", "items": ["One", "– one a"]}


def test_cvtex_content_keeps_its_names_and_settings_go_to_meta(tmp_path: Path) -> None:
    data = export_text(
        """
basics:
  name: Ada
  location: {city: Zürich, country: Schweiz, countryCode: CH}
  ignore: [no-name]
education:
  - {institution: ETH, department: D-INFK, location: Zürich, tags: [cs], pagebreak: true}
  - {institution: Hidden U, hidden: true}
volunteer: [{organization: O, location: Bern}]
projects: [{name: P, location: Basel, date: Expected 2026}]
publications: [{name: Paper, authors: [Ada, Bob]}]
sections:
  facts: {title: Facts, rows: [{label: Born, value: "1815"}]}
  empty: {title: Nothing, items: [{text: gone, hidden: true}]}
locale: de
engine: lualatex
strings: {present: bis jetzt}
design: {paper: a4, section_order: [facts], date_format: YYYY}
meta: {version: v1.0.0, canonical: [not, text], lastModified: null, mine: x}
ignore: [date-order]
""",
        tmp_path,
    )
    assert data["basics"] == {
        "name": "Ada",
        "location": {"city": "Zürich", "countryCode": "CH", "country": "Schweiz"},
    }
    assert data["education"] == [
        {"institution": "ETH", "department": "D-INFK", "location": "Zürich"}
    ]
    assert data["volunteer"] == [{"organization": "O", "location": "Bern"}]
    assert data["projects"] == [{"name": "P", "location": "Basel", "date": "Expected 2026"}]
    assert data["publications"] == [{"name": "Paper", "authors": ["Ada", "Bob"]}]
    assert data["sections"] == {
        "facts": {"title": "Facts", "rows": [{"label": "Born", "value": "1815"}]}
    }
    assert data["meta"] == {
        "version": "v1.0.0",
        "mine": "x",
        "cvtex": {
            "locale": "de",
            "design": {"date_format": "YYYY", "section_order": ["facts"], "paper": "a4"},
            "strings": {"present": "bis jetzt"},
            "engine": "lualatex",
            "asWritten": {"/meta/canonical": ["not", "text"]},
        },
    }


def test_the_docs_say_where_each_cvtex_key_goes() -> None:
    text = DOC.read_text("utf-8")
    assert "## Exporting" in text
    exporting = text.split("## Exporting", 1)[1].split("\n## ", 1)[0]
    for key in {*(k for keys in backend.CVTEX.values() for k in keys), *backend.SETTINGS}:
        assert f"`{key}`" in exporting, key
    for key in (*NOT_PRINTED, "meta.cvtex", "meta.cvtex.asWritten", backend.SUB_ITEM.strip()):
        assert key in exporting, key


# -- the command ------------------------------------------------------------------------


def test_the_command_writes_the_file(tmp_path: Path) -> None:
    out = tmp_path / "out" / "resume.json"
    result = CliRunner().invoke(
        cli, ["export", str(DATA / "all_sections.yaml"), "--to", "json-resume", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text("utf-8"))
    assert data == exported(DATA / "all_sections.yaml")
    assert upstream_errors(data) == []
    assert FORMATS["json-resume"].suffix == ".json"


def test_the_command_never_overwrites_its_input(tmp_path: Path) -> None:
    source = tmp_path / "resume.json"
    source.write_text((DATA / "jsonresume_sample.json").read_text("utf-8"), "utf-8")
    before = source.read_bytes()
    result = CliRunner().invoke(
        cli, ["export", str(source), "--to", "json-resume", "-o", str(source)]
    )
    assert result.exit_code == 2, result.output
    assert "input" in result.output
    assert source.read_bytes() == before


# -- JSON Resume → cvtex → JSON Resume ---------------------------------------------------


def round_trip(text: str) -> dict[str, Any]:
    """``text`` (JSON Resume) imported, then the YAML checked and exported."""
    imported = import_document(load_text(text, "resume.json"), Path("resume.json"), "resume.yaml")
    assert imported.valid, imported.diagnostics
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "resume.yaml"
        source.write_text(imported.text, "utf-8")
        data = exported(source)
    assert upstream_errors(data) == []
    return data


def assert_holds(expected: Any, actual: Any, path: str = "") -> None:
    """Every value of ``expected`` is in ``actual``, equal (``actual`` may hold more)."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), path
        for key, value in expected.items():
            assert key in actual, f"{path}/{key} is lost"
            assert_holds(value, actual[key], f"{path}/{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), path
        for index, (value, got) in enumerate(zip(expected, actual, strict=True)):
            assert_holds(value, got, f"{path}/{index}")
    else:
        assert actual == expected, path


# The text of a field: printable, no markup (* [ ]), TeX's specials, any script cvtex sets.
CHARACTERS = st.characters(
    categories=["L", "M", "N", "P", "S", "Zs"], exclude_characters="*[]"
).filter(lambda char: script_of(char) != "rtl")
TEXT = (
    st.text(CHARACTERS, min_size=1, max_size=30)
    | st.sampled_from(["C# & C++", "100% ~ $5", "a_b^c", "{braces} \\back", "#1", "Ünïcødé 中文"])
).filter(str.strip)
WORDS = st.lists(TEXT, min_size=1, max_size=3)
URL = st.builds(
    "https://{}.example.com/{}".format,
    st.text(string.ascii_lowercase, min_size=1, max_size=8),
    st.text(string.ascii_letters + string.digits + "-._~/", max_size=12),
)
LOCAL_PART = st.from_regex(r"[a-z0-9]+([._+-][a-z0-9]+)?", fullmatch=True)
EMAIL = st.builds("{}@{}.example.org".format, LOCAL_PART, st.from_regex(r"[a-z]+", fullmatch=True))
DATE = st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(2999, 12, 31)).flatmap(
    lambda day: st.sampled_from([f"{day.year:04d}", day.isoformat()[:7], day.isoformat()])
)


def entry(fields: dict[str, st.SearchStrategy[Any]]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({}, optional=fields).filter(bool)


def entries(fields: dict[str, st.SearchStrategy[Any]]) -> st.SearchStrategy[list[Any]]:
    return st.lists(entry(fields), min_size=1, max_size=2)


PERIOD = {"startDate": DATE, "endDate": DATE}
DOCUMENTS = st.fixed_dictionaries(
    {
        "basics": st.fixed_dictionaries(
            {"name": TEXT},
            optional={
                "label": TEXT,
                "image": URL,
                "email": EMAIL,
                "phone": TEXT,
                "url": URL,
                "summary": TEXT,
                "location": entry(
                    dict.fromkeys(("address", "postalCode", "city", "countryCode", "region"), TEXT)
                ),
                "profiles": entries({"network": TEXT, "username": TEXT, "url": URL}),
            },
        )
    },
    optional={
        "work": entries(
            {"name": TEXT, "location": TEXT, "description": TEXT, "position": TEXT, "url": URL,
             **PERIOD, "summary": TEXT, "highlights": WORDS}
        ),
        "volunteer": entries(
            {"organization": TEXT, "position": TEXT, "url": URL, **PERIOD, "summary": TEXT,
             "highlights": WORDS}
        ),
        "education": entries(
            {"institution": TEXT, "url": URL, "area": TEXT, "studyType": TEXT, **PERIOD,
             "score": TEXT, "courses": WORDS}
        ),
        "awards": entries({"title": TEXT, "date": DATE, "awarder": TEXT, "summary": TEXT}),
        "certificates": entries({"name": TEXT, "date": DATE, "url": URL, "issuer": TEXT}),
        "publications": entries(
            {"name": TEXT, "publisher": TEXT, "releaseDate": DATE, "url": URL, "summary": TEXT}
        ),
        "skills": entries({"name": TEXT, "level": TEXT, "keywords": WORDS}),
        "languages": entries({"language": TEXT, "fluency": TEXT}),
        "interests": entries({"name": TEXT, "keywords": WORDS}),
        "references": entries({"name": TEXT, "reference": TEXT}),
        "projects": entries(
            {"name": TEXT, "description": TEXT, "highlights": WORDS, "keywords": WORDS, **PERIOD,
             "url": URL, "roles": WORDS, "entity": TEXT, "type": TEXT}
        ),
        "meta": entry({"canonical": URL, "version": TEXT, "lastModified": TEXT}),
    },
)  # fmt: skip


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(DOCUMENTS)
def test_json_resume_comes_back_from_cvtex_as_it_was(document: dict[str, Any]) -> None:
    """No normalisation at all: every generated field is one cvtex holds, as written."""
    assert upstream_errors(document) == []
    assert_holds(document, round_trip(json.dumps(document, ensure_ascii=False)))


DATE_KEYS = ("startDate", "endDate", "releaseDate", "date")
_DATE_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})[Tt ]\S+")


def normalised(value: Any, key: str = "") -> Any:
    """What of a real file comes back, and how: the only changes the round trip makes.

    * early key names (``company``, ``website``, a map of profiles…) are read as
      today's, as docs/json-resume.md lists them (:func:`cvtex.source.legacy.modernise`);
    * ``null``, blank text, empty lists and objects are "not given" (cvtex's rule,
      and JSON Resume's: every key is optional), and so is an entry left with nothing;
    * a date-time is its date: upstream's date pattern has no time of day;
    * a ``url`` without a scheme (``github.com/ada``) gets the ``https://`` that cvtex
      links it with: upstream's ``uri`` format needs a scheme.
    """
    if isinstance(value, dict):
        kept = {k: normalised(v, k) for k, v in value.items()}
        return {k: v for k, v in kept.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [item for item in (normalised(v) for v in value) if item not in (None, "", {})]
    if isinstance(value, str) and key in DATE_KEYS:
        return _DATE_TIME.sub(r"\1", value)
    if isinstance(value, str) and key == "url" and value.strip() and not NODE_URI.match(value):
        return "https://" + value.removeprefix("//")
    return None if isinstance(value, str) and not value.strip() else value


def real_documents() -> list[tuple[str, str]]:
    """(name, text) of upstream's sample, the JSON files in tests/data, and every
    fixture case upstream's spec files accept."""
    from test_jsonresume_fixtures import CASES

    files = [
        UPSTREAM / "sample.resume.json",
        DATA / "jsonresume_sample.json",
        *sorted((DATA / "corpus").glob("*.json")),
    ]
    found = [(path.name, path.read_text("utf-8")) for path in files]
    cases = [case for case in CASES if case.valid and case.area != "schema"]
    return found + [(case.id, json.dumps(case.document, ensure_ascii=False)) for case in cases]


REAL = real_documents()


@pytest.mark.parametrize("text", [text for _, text in REAL], ids=[name for name, _ in REAL])
def test_a_real_json_resume_comes_back_from_cvtex(text: str) -> None:
    loaded = load_text(text, "resume.json")
    assert loaded.data == json.loads(text)  # every value is text already: none is changed
    modern, _ = modernise(loaded)
    expected = normalised(modern.data)
    expected.pop("$schema", None)  # always upstream's URL
    assert_holds(expected, round_trip(text))
