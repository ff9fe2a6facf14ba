"""Property: hostile text in any field builds and prints as written, or is refused
with exit 1 at that very field. Never a TeX failure (3), never an internal error (70).

The alphabet is an attacker's: TeX specials, ``^^`` escapes, ligature pairs,
control, display-order and invisible format characters, and links with schemes a
PDF viewer could run. "As written" allows the documented normalisations: NFKC
(what pdftotext does to ligatures) and invisible format characters removed.
"""

from __future__ import annotations

import os
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import normalise_text, pdf_action_problems, pdf_text
from cvtex.build import BuildRequest, build
from cvtex.diagnostics import Severity
from cvtex.errors import InputError

pytestmark = pytest.mark.tex

TOKENS = [
    *"\\{}$&#^_~%<>|\"'-.,:;!?/@=+",
    "^^",
    "^^5c",
    "^^M",
    "--",
    "``",
    "''",
    "\\input{/etc/passwd}",
    "\\def\\x{}",
    "}}}{{{",
    "\x07",
    "\x1b[31m",
    "\u202e",
    "\u2066",
    "\u200f",
    "\u200b",
    "\u00ad",
    "\ufeff",
    "\u2060",
    "[x](javascript:alert(1))",
    "[y](run:calc.exe)",
    "[z](file:///etc/passwd)",
    "[m](mailto:a@b.c?cc=d@e.f)",
    "Ada",
    "Lovelace",
    " ",
    "42",
]
hostile_text = st.lists(st.sampled_from(TOKENS), min_size=1, max_size=8).map("".join)

BASE: dict[str, Any] = {
    "basics": {
        "name": "Ada Lovelace",
        "label": "Engineer",
        "email": "ada@example.com",
        "phone": "+44 20 7946 0000",
        "url": "https://ada.example.org",
        "summary": "Writes programs.",
        "location": {"city": "London", "countryCode": "GB"},
        "profiles": [{"network": "GitHub", "username": "ada", "url": "https://github.com/ada"}],
    },
    "work": [
        {
            "name": "Acme",
            "position": "Engineer",
            "location": "London",
            "url": "https://acme.example",
            "startDate": "2020-01",
            "summary": "Built things.",
            "highlights": ["Cut costs", {"text": "Led a team", "items": ["Hired two"]}],
        }
    ],
    "education": [{"institution": "Uni", "area": "Maths", "studyType": "BSc", "score": "1st"}],
    "projects": [{"name": "Engine", "description": "A machine", "keywords": ["math"]}],
    "skills": [{"name": "Languages", "keywords": ["Python"]}],
    "sections": {"talks": {"title": "Talks", "entries": [{"title": "On engines"}]}},
}
TEXT_FIELDS: list[tuple[str | int, ...]] = [
    ("basics", "name"),
    ("basics", "label"),
    ("basics", "phone"),
    ("basics", "summary"),
    ("basics", "location", "city"),
    ("work", 0, "name"),
    ("work", 0, "position"),
    ("work", 0, "location"),
    ("work", 0, "summary"),
    ("work", 0, "highlights", 0),
    ("work", 0, "highlights", 1, "items", 0),
    ("education", 0, "institution"),
    ("education", 0, "area"),
    ("education", 0, "score"),
    ("projects", 0, "name"),
    ("projects", 0, "description"),
    ("projects", 0, "keywords", 0),
    ("skills", 0, "name"),
    ("skills", 0, "keywords", 0),
    ("sections", "talks", "title"),
    ("sections", "talks", "entries", 0, "title"),
]
# Links, and a profile's network (not printed beside its URL yet: issue #10).
LINK_FIELDS: list[tuple[str | int, ...]] = [
    ("basics", "profiles", 0, "network"),
    ("basics", "email"),
    ("basics", "url"),
    ("basics", "profiles", 0, "url"),
    ("work", 0, "url"),
]


def put(document: dict[str, Any], path: tuple[str | int, ...], value: str) -> None:
    target: Any = document
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value


def expected_print(text: str) -> str:
    """What pdftotext should show: format characters gone, NFKC, spaces ignored."""
    visible = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return normalise_text(visible).replace(" ", "")


@settings(
    max_examples=int(os.environ.get("CVTEX_HOSTILE_EXAMPLES", "30")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    field=st.sampled_from(TEXT_FIELDS + LINK_FIELDS),
    text=hostile_text,
)
def test_hostile_text_in_any_field(field: tuple[str | int, ...], text: str) -> None:
    document = yaml.safe_load(yaml.safe_dump(BASE))
    put(document, field, text)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "cv.yaml"
        source.write_text(yaml.safe_dump(document, allow_unicode=False), encoding="utf-8")
        try:
            report = build(BuildRequest(source=source, use_cache=False))
        except InputError as exc:  # exit 1: every error is located, at this field
            errors = [d for d in exc.diagnostics if d.severity is Severity.ERROR]
            assert errors, exc.render()
            for error in errors:
                assert error.position is not None, exc.render()
                assert error.path[: len(field)] == field or error.path == field[:-1], exc.render()
            return
        pdf = report.outputs[0]
        assert not pdf_action_problems(pdf)
        printed = pdf_text(pdf).replace(" ", "")
        assert "root:x:" not in printed
        if field in TEXT_FIELDS:
            assert expected_print(text) in printed, (text, printed)
