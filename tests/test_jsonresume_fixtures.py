"""cvtex accepts what JSON Resume's own schema tests accept, and rejects what they
reject, except for the deliberate differences listed in docs/json-resume.md.

The cases and their expectations are upstream's (tests/data/jsonresume-schema,
vendored at a pinned commit); the expectations are read from the ``.spec.js``
files themselves, not from the case names.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from cvtex.diagnostics import Severity
from cvtex.errors import InputError
from cvtex.model.dates import PartialDate
from cvtex.model.validate import validate
from cvtex.source.loader import load_text

UPSTREAM = Path(__file__).parent / "data" / "jsonresume-schema"
PINNED_COMMIT = "b25e3f4bbafd349c2c5bbaa62602c03c228762db"
DOC = Path(__file__).parents[1] / "docs" / "json-resume.md"


@dataclass(frozen=True)
class Case:
    area: str
    name: str
    valid: bool
    document: Any

    @property
    def id(self) -> str:
        return f"{self.area}.{self.name}"


_CALL = re.compile(r"validate\(fixtures\.(\w+),.*?t\.(true|false)\(valid", re.DOTALL)


def upstream_cases() -> Iterator[Case]:
    """Every résumé case a spec file checks, with the spec's verdict."""
    for spec in sorted(UPSTREAM.glob("*.spec.js")):
        area = spec.name.removesuffix(".spec.js")
        if area == "dates":
            continue  # checks date strings against a mock schema, not résumés
        fixtures = json.loads((UPSTREAM / "__test__" / f"{area}.json").read_text("utf-8"))
        checked = set()
        for match in _CALL.finditer(spec.read_text("utf-8")):
            name, verdict = match.groups()
            checked.add(name)
            yield Case(area, name, verdict == "true", fixtures[name])
        # A few cases no spec checks (volunteer's highlights): their names say the verdict.
        for name in sorted(fixtures.keys() - checked):
            yield Case(area, name, _valid_by_name(name), fixtures[name])
    # schema.json has cases but no spec file.
    for name, document in json.loads((UPSTREAM / "__test__" / "schema.json").read_text()).items():
        yield Case("schema", name, _valid_by_name(name), document)


def _valid_by_name(name: str) -> bool:
    return "invalid" not in name.lower()


CASES = list(upstream_cases())


def deliberate_difference(case: Case) -> str | None:
    """The row of docs/json-resume.md that explains cvtex accepting ``case``."""
    if _has_null(case.document):
        return "null-absent"
    if set(case.document) == {"meta"}:
        return "meta-unchecked"
    return None


def _has_null(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, dict):
        return any(_has_null(item) for key, item in value.items() if key != "meta")
    if isinstance(value, list):
        return any(_has_null(item) for item in value)
    return False


def test_every_upstream_case_is_run() -> None:
    named = {
        (path.stem, name)
        for path in (UPSTREAM / "__test__").glob("*.json")
        if path.stem != "dates"
        for name in json.loads(path.read_text("utf-8"))
    }
    assert {(case.area, case.name) for case in CASES} == named
    assert len(CASES) == len(named) >= 200
    assert sum(case.valid for case in CASES) >= 110
    # Where a spec gives the verdict, the case's name agrees with it, so the
    # few cases judged by name are judged the way upstream means them.
    assert all(case.valid == _valid_by_name(case.name) for case in CASES)


def test_the_vendored_copy_names_its_commit() -> None:
    assert PINNED_COMMIT in (UPSTREAM / "README.md").read_text("utf-8")


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_cvtex_agrees_with_upstream(case: Case) -> None:
    text = json.dumps(case.document, indent=2, ensure_ascii=False)
    try:
        validated = validate(load_text(text, f"{case.area}.json"))
    except InputError as exc:
        errors = [d for d in exc.diagnostics if d.severity is Severity.ERROR]
        assert not case.valid, f"upstream accepts {text}, cvtex says {errors}"
        return
    if case.valid:
        return  # warnings and notes are allowed
    reason = deliberate_difference(case)
    assert reason is not None, f"cvtex accepts {text}, which upstream rejects"
    if reason == "null-absent":
        codes = {d.code for d in validated.warnings}
        assert "null-absent" in codes or _only_null_items(case.document), codes


def _only_null_items(document: Any) -> bool:
    """``[null]`` inside a list: a blank item, left out without a note."""
    return "[null]" in json.dumps(document).replace(" ", "")


def test_every_deliberate_difference_is_documented() -> None:
    text = DOC.read_text("utf-8")
    used = {deliberate_difference(case) for case in CASES if not case.valid} - {None}
    assert used == {"null-absent", "meta-unchecked"}
    for reason in used:
        assert f"`{reason}`" in text, f"docs/json-resume.md has no row for {reason}"


def test_upstream_date_cases() -> None:
    dates = json.loads((UPSTREAM / "__test__" / "dates.json").read_text("utf-8"))
    for name in ("yearMonthDay", "yearMonth", "year"):
        assert PartialDate.parse(dates[name]).year == 2013
    with pytest.raises(ValueError):
        PartialDate.parse(dates["invalid"])


def test_upstream_sample_validates_without_warnings() -> None:
    text = (UPSTREAM / "sample.resume.json").read_text("utf-8")
    validated = validate(load_text(text, "sample.resume.json"))
    assert [d for d in validated.warnings if d.severity is not Severity.NOTE] == []
