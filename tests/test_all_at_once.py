"""A value the schema refuses does not hide the other problems of the file."""

from __future__ import annotations

import pytest

from cvtex.errors import InputError
from cvtex.model.validate import validate
from cvtex.source.loader import load_text


def problems(text: str) -> list[tuple[str, str | None]]:
    with pytest.raises(InputError) as caught:
        validate(load_text(text, "cv.yaml"))
    return [(d.severity.value, d.code) for d in caught.value.diagnostics]


def test_a_bad_date_does_not_hide_a_refused_link_or_the_warnings() -> None:
    text = (
        "basics:\n  name: Ada\n  url: javascript:alert(1)\n  email: ada@example\n"
        "work:\n  - name: X\n    startDate: 2023-13\n"
        "projects:\n  - name: P\n    startDate: 09/2023\n    endDate: 02/2023\n"
    )
    assert sorted(problems(text)) == [
        ("error", "invalid-value"),
        ("error", "link-refused"),
        ("warning", "date-order"),
        ("warning", "not-a-link"),
    ]


def test_a_refused_list_item_keeps_the_next_item_at_its_own_line() -> None:
    text = "work:\n  - 7\n  - name: Y\n    url: javascript:x\n"
    with pytest.raises(InputError) as caught:
        validate(load_text(text, "cv.yaml"))
    refused = next(d for d in caught.value.diagnostics if d.code == "link-refused")
    assert refused.path == ("work", 1, "url")
    assert refused.position is not None and refused.position.line == 4


def test_an_ignore_is_judged_on_the_rest_of_the_file_when_one_value_is_refused() -> None:
    text = (
        "basics: {name: Ada}\nwork:\n  - name: A\n    url: my website\n"
        "    ignore: [not-a-link]\n  - name: B\n    location: {city: Berlin}\n"
    )
    found = problems(text)
    assert ("error", "invalid-value") in found
    assert ("note", "unused-ignore") not in found
    assert ("note", "not-a-link") in found  # accepted, as it is once B is fixed


def test_the_refused_value_gets_one_problem_not_a_second_about_the_same_spot() -> None:
    assert problems("basics: Ada Lovelace\n") == [("error", "invalid-value")]
