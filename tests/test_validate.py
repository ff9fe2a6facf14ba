"""Schema validation: every error at once, located, with did-you-mean; warnings."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import DATA, RESUME_YAML
from cvtex.build import check_document
from cvtex.diagnostics import Diagnostic, Position, Severity, format_all, format_path
from cvtex.errors import InputError
from cvtex.model.validate import validate
from cvtex.source.loader import load_file, load_text

INVALID = DATA / "invalid"
CASES = sorted([*INVALID.glob("*.yaml"), *INVALID.glob("*.json")])
TODAY = dt.date(2026, 6, 1)
UPDATE = os.environ.get("CVTEX_UPDATE_GOLDEN") == "1"


def run_validate(path: Path) -> str:
    """What ``cvtex validate`` prints for ``path``, with the name relative to tests/data.

    A ``.strict.`` in the file name runs the case with ``--strict``.
    """
    relative = path.relative_to(DATA).as_posix()
    strict = ".strict." in path.name
    try:
        document = load_file(path)
        text = document.text
        document = type(document)(document.data, document.text, relative, document.source_map)
        validated = check_document(document, strict=strict, today=TODAY)
    except InputError as exc:
        rendered = exc.render()
        return rendered.replace(str(path), relative)
    return format_all(validated.warnings, text)


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_invalid_documents_give_the_expected_messages(case: Path) -> None:
    expected_file = case.with_suffix(".expected")
    actual = run_validate(case) + "\n"
    if UPDATE:
        expected_file.write_text(actual, encoding="utf-8")
    assert expected_file.is_file(), f"missing golden file {expected_file.name}"
    assert actual == expected_file.read_text(encoding="utf-8")


def test_resume_yaml_accepts_its_documented_date_warning() -> None:
    validated = validate(load_file(RESUME_YAML), strict=True)
    (accepted,) = validated.warnings
    assert accepted.acknowledged and accepted.severity is Severity.NOTE
    assert accepted.path == ("projects", 1, "endDate")
    assert "before the start date" in accepted.message


def test_strict_turns_the_warning_into_an_error_once_it_is_not_accepted() -> None:
    text = RESUME_YAML.read_text("utf-8").replace("    ignore: [date-order]\n", "")
    with pytest.raises(InputError) as exc:
        validate(load_text(text, "resume.yaml"), strict=True)
    assert [d.severity for d in exc.value.diagnostics] == [Severity.ERROR]
    assert exc.value.diagnostics[0].code == "date-order"


def test_unknown_keys_far_from_any_known_key_are_warnings() -> None:
    doc = load_text("basics:\n  name: Ada\n  favouriteColour: blue\n", "r.yaml")
    (warning,) = validate(doc).warnings
    assert warning.message == 'unknown key "favouriteColour" is ignored'
    assert warning.position == Position(3, 3)


def test_extension_keys_and_meta_are_allowed_silently() -> None:
    doc = load_text(
        "$schema: x\nx-tool: y\nbasics:\n  name: Ada\n  x-note: z\nmeta:\n  anything: [1]\n"
    )
    assert validate(doc).warnings == ()


def test_empty_strings_mean_absent_for_optional_fields() -> None:
    doc = load_text('basics:\n  name: Ada\n  email: ""\nwork:\n  - name: X\n    endDate: ""\n')
    resume = validate(doc).resume
    assert resume.basics.email is None
    assert resume.work[0].endDate is None


def test_plain_string_bullets_and_nested_bullets() -> None:
    doc = load_text("basics: {name: A}\nwork:\n  - highlights: [one, {text: two, items: [x]}]\n")
    bullets = validate(doc).resume.work[0].highlights
    assert [(b.text, b.items) for b in bullets] == [("one", []), ("two", ["x"])]


def test_models_are_frozen() -> None:
    resume = validate(load_text("basics: {name: A}\n")).resume
    with pytest.raises(ValueError, match="frozen"):
        resume.basics.name = "B"  # type: ignore[misc]


def test_date_forms(write_yaml: Callable[[str], Path]) -> None:
    doc = load_text(
        "basics: {name: A}\nwork:\n"
        "  - {startDate: '2020', endDate: 2021-02}\n"
        "  - {startDate: 2020-02-29, endDate: present}\n"
        "  - {startDate: 9/2020, endDate: Present}\n"
    )
    work = validate(doc).resume.work
    assert (work[0].startDate.year, work[0].endDate.month) == (2020, 2)  # type: ignore[union-attr]
    assert work[1].endDate.present  # type: ignore[union-attr]
    assert str(work[2].startDate) == "9/2020"


@pytest.mark.parametrize(
    ("text", "key", "meant"),
    [
        ("experience:\n  - name: X\n", "experience", "work"),
        ("work:\n  - name: X\n    title: Boss\n", "work[0].title", "position"),
        ("education:\n  - school: MIT\n", "education[0].school", "institution"),
        ("basics:\n  location: {zip: '12345'}\n", "basics.location.zip", "postalCode"),
        ("projects:\n  - title: P\n", "projects[0].title", "name"),
        ("awards:\n  - name: Prize\n", "awards[0].name", "title"),
        ("languages:\n  - name: Welsh\n", "languages[0].name", "language"),
        ("volunteer:\n  - company: Red Cross\n", "volunteer[0].company", "organization"),
    ],
)
def test_a_key_named_otherwise_gets_the_json_resume_name(text: str, key: str, meant: str) -> None:
    warnings = validate(load_text("basics: {name: A}\n" * ("basics" not in text) + text)).warnings
    (warning,) = [w for w in warnings if w.code == "unknown-key"]
    assert format_path(warning.path) == key
    assert warning.message.endswith(f'did you mean "{meant}"?')


def test_text_cut_by_a_yaml_comment_is_a_note_at_the_value() -> None:
    (note,) = validate(load_text("basics:\n  name: Ada\n  label: Engineer #1\n")).warnings
    assert note.code == "comment-in-value" and note.path == ("basics", "label")
    assert note.severity is Severity.NOTE  # --strict passes: it may be a comment after all
    assert '"#1" is read as a YAML comment' in note.message
    assert note.position == Position(3, 10)


def test_a_comment_after_a_date_a_link_or_a_design_value_is_left_alone() -> None:
    text = (
        "basics:\n  name: Ada\n  email: ada@example.com #work\n  url: https://a.org #site\n"
        "work:\n  - name: X\n    startDate: 2020-01 #approx\ndesign:\n  paper: a4 #letter\n"
    )
    assert validate(load_text(text)).warnings == ()


def test_a_pasted_bullet_sign_is_left_out_with_a_note() -> None:
    text = "work:\n  - highlights:\n      - • Led\n      - text: ▪ Built\n        items: [◦ sub]\n"
    validated = validate(load_text("basics: {name: A}\n" + text))
    work = validated.resume.work[0]
    assert [b.text for b in work.highlights] == ["Led", "Built"]
    assert work.highlights[1].items == ["sub"]
    assert [d.code for d in validated.warnings] == ["bullet-sign"] * 3


def test_a_check_mark_at_the_start_of_a_bullet_is_text_not_a_pasted_bullet() -> None:
    text = "basics: {name: A}\nwork:\n  - highlights: [✓ Certified, ✔ Passed]\n"
    validated = validate(load_text(text))
    assert [b.text for b in validated.resume.work[0].highlights] == ["✓ Certified", "✔ Passed"]
    assert validated.warnings == ()


def test_each_diagnostic_shows_the_line_of_its_own_file() -> None:
    resume = Diagnostic(Severity.ERROR, "bad", ("a",), Position(2, 3), "cv.yaml", "x")
    manifest = Diagnostic(Severity.ERROR, "worse", ("b",), Position(1, 1), "t/template.yaml")
    elsewhere = Diagnostic(Severity.ERROR, "no text", (), Position(1, 1), "other.yaml")
    text = format_all(
        [resume, manifest, elsewhere],
        {"cv.yaml": "one\ntwo: 2\n", "t/template.yaml": "extends: x\n"},
    )
    assert "    2 | two: 2\n      |   ^" in text
    assert "    1 | extends: x\n      | ^" in text
    assert "other.yaml:1:1: error: no text\nt/template.yaml" in text  # no other file's line


def test_a_list_item_indented_past_its_dash_is_a_warning_not_silent() -> None:
    text = "basics: {name: Ada}\nwork:\n- name: A\n  highlights:\n  - one\n   - two\n"
    validated = validate(load_text(text, "cv.yaml"))
    (warning,) = validated.warnings
    assert warning.code == "folded-item" and warning.path == ("work", 0, "highlights", 0)
    assert "line 6 starts with" in warning.message
    aligned = validate(load_text(text.replace("   - two", "  - two"), "cv.yaml"))
    assert aligned.warnings == () and aligned.resume.work[0].highlights[1].text == "two"


def test_no_synonym_is_offered_for_a_key_the_entry_already_has() -> None:
    text = "basics: {name: A}\neducation:\n  - institution: MIT\n    school: MIT\n"
    (warning,) = validate(load_text(text)).warnings
    assert warning.message == 'unknown key "school" is ignored'
