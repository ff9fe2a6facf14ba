"""JSON Resume's pre-1.0 key names are read as today's, with a note; nothing is dropped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import pdf_text
from cvtex.cli import cli
from cvtex.diagnostics import Severity
from cvtex.errors import InputError
from cvtex.model.validate import validate
from cvtex.source.legacy import RENAMES, modernise
from cvtex.source.loader import load_text

LEGACY = {
    "basics": {
        "name": "Richard Hendriks",
        "website": "http://piedpiper.example",
        "bio": "Founder of a compression company.",
        "profiles": {"twitter": "@richard", "github": "https://github.com/rhendriks"},
    },
    "work": [{"company": "Pied Piper", "position": "CEO", "website": "https://pp.example"}],
    "volunteer": [{"organization": "CodeClub", "website": "https://codeclub.example"}],
    "education": [{"institution": "Stanford", "area": "CS", "gpa": "3.9"}],
    "awards": [{"title": "TechCrunch Disrupt", "awardDate": "2014-09"}],
    "publications": [{"name": "Middle-out", "website": "https://papers.example/mo"}],
    "hobbies": [{"name": "Compression", "keywords": ["Weissman score"]}],
}


def test_every_old_name_is_read_as_the_new_one_with_a_note() -> None:
    document = load_text(json.dumps(LEGACY, indent=2), "resume.json")
    validated = validate(document)
    resume = validated.resume
    assert resume.basics.url == "http://piedpiper.example"
    assert resume.basics.summary == "Founder of a compression company."
    assert resume.work[0].name == "Pied Piper" and resume.work[0].url == "https://pp.example"
    assert resume.volunteer[0].url == "https://codeclub.example"
    assert resume.education[0].score == "3.9"
    assert resume.awards[0].date is not None and resume.awards[0].date.text == "2014-09"
    assert resume.publications[0].url == "https://papers.example/mo"
    assert resume.interests[0].name == "Compression"
    assert [(p.network, p.username, p.url) for p in resume.basics.profiles] == [
        ("twitter", "@richard", None),
        ("github", None, "https://github.com/rhendriks"),
    ]
    notes = [d for d in validated.warnings if d.code == "legacy-key"]
    assert len(notes) == len(RENAMES) - 1 + 1  # every rename but picture, plus the profiles map
    assert all(d.severity.value == "note" and d.position is not None for d in notes)
    assert not [d for d in validated.warnings if d.severity.value == "warning"]


def test_an_old_and_a_new_name_together_keep_the_new_one_and_warn() -> None:
    document = load_text('{"basics": {"name": "A"}, "work": [{"company": "Old", "name": "New"}]}')
    validated = validate(document)
    assert validated.resume.work[0].name == "New"
    (conflict,) = [d for d in validated.warnings if d.code == "legacy-conflict"]
    assert conflict.path == ("work", 0, "company") and conflict.severity.value == "warning"


def test_errors_inside_a_renamed_value_point_at_its_line() -> None:
    document = load_text('{"basics": {"name": "A"},\n "work": [{"company": ["not", "text"]}]}')
    with pytest.raises(InputError) as exc:
        validate(document)
    assert ":2:" in exc.value.render()


def test_modernise_leaves_current_documents_alone() -> None:
    document = load_text("basics: {name: A}\nwork: [{name: B}]\n")
    assert modernise(document) == (document, [])


@pytest.mark.tex
def test_a_legacy_resume_builds_with_all_of_its_content_and_passes_strict(tmp_path: Path) -> None:
    source = tmp_path / "resume.json"
    source.write_text(json.dumps(LEGACY, indent=2), encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", "--strict", str(source)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert 'note[legacy-key]: work[0].name: read "company" as "name"' in result.output
    text = pdf_text(source.with_suffix(".pdf"))
    for printed in (
        "Pied Piper",
        "GPA: 3.9",
        "Compression",
        "Founder of a compression",
        "@richard",
    ):
        assert printed in text, printed


def test_null_in_an_optional_field_means_absent_lists_included() -> None:
    document = load_text(
        '{"basics": {"name": "A", "email": null, "profiles": null}, "work": null,'
        ' "education": [{"institution": "U", "courses": null, "score": null}]}'
    )
    validated = validate(document, strict=True)  # notes, not warnings: --strict passes
    assert validated.resume.work == [] and validated.resume.basics.profiles == []
    assert validated.resume.education[0].courses == []
    nulls = [d for d in validated.warnings if d.code == "null-absent"]
    assert [d.path for d in nulls] == [
        ("basics", "email"),
        ("basics", "profiles"),
        ("work",),
        ("education", 0, "courses"),
        ("education", 0, "score"),
    ]


def test_null_in_a_required_field_is_still_an_error() -> None:
    text = '{"sections": {"talks": {"title": null, "items": ["x"]}}}'
    with pytest.raises(InputError) as caught:
        validate(load_text(text))
    [error] = [d for d in caught.value.diagnostics if d.severity is Severity.ERROR]
    assert error.path == ("sections", "talks", "title")
    assert error.message == "null, expected text"
