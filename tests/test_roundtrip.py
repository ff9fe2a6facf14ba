"""Property: a valid résumé survives a round trip through YAML (and JSON) unchanged."""

from __future__ import annotations

import json
import string
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from cvtex.model.schema import Resume
from cvtex.model.validate import validate
from cvtex.source.loader import load_text

# Text that is valid in any text field: never empty, with characters YAML treats specially.
texts = st.text(
    alphabet=string.ascii_letters + string.digits + " #:&%*-'\"[]{}!?,.|>~@`éü中",
    min_size=1,
    max_size=24,
).filter(lambda t: t.strip() == t and t != "")
tricky_texts = st.sampled_from(["no", "yes", "on", "null", "~", "2024-01-01", "3.10", "0x1F", "-"])
any_text = texts | tricky_texts


@st.composite
def dates(draw: st.DrawFn) -> str:
    year = draw(st.integers(1950, 2030))
    month = draw(st.integers(1, 12))
    form = draw(st.sampled_from(["Y", "Y-M", "Y-M-D", "M/Y", "present"]))
    return {
        "Y": f"{year}",
        "Y-M": f"{year}-{month:02d}",
        "Y-M-D": f"{year}-{month:02d}-{draw(st.integers(1, 28)):02d}",
        "M/Y": f"{month:02d}/{year}",
        "present": "present",
    }[form]


def optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


bullets = any_text | st.fixed_dictionaries(
    {"text": any_text},
    optional={
        "items": st.lists(any_text, max_size=3),
        "tags": st.lists(texts, max_size=2),
        "hidden": st.booleans(),
    },
)
work = st.fixed_dictionaries(
    {},
    optional={
        "name": any_text,
        "position": any_text,
        "location": any_text,
        "startDate": dates(),
        "endDate": dates(),
        "date": any_text | dates(),
        "highlights": st.lists(bullets, max_size=3),
        "tags": st.lists(texts, max_size=2),
        "hidden": st.booleans(),
    },
)
skill = st.fixed_dictionaries(
    {"name": any_text}, optional={"level": any_text, "keywords": st.lists(any_text, max_size=4)}
)
custom = st.fixed_dictionaries(
    {"title": any_text},
    optional={
        "rows": st.lists(st.fixed_dictionaries({"label": any_text, "value": any_text}), max_size=3)
    },
)
documents = st.fixed_dictionaries(
    {"basics": st.fixed_dictionaries({"name": any_text}, optional={"label": any_text})},
    optional={
        "work": st.lists(work, max_size=3),
        "skills": st.lists(skill, max_size=3),
        "sections": st.dictionaries(
            st.text(alphabet=string.ascii_lowercase, min_size=1, max_size=8).filter(
                lambda k: k not in Resume.model_fields and k != "summary"
            ),
            custom,
            max_size=2,
        ),
        "design": st.fixed_dictionaries(
            {},
            optional={
                "paper": st.sampled_from(["a4", "letter"]),
                "date_format": st.sampled_from(["as_written", "Mon YYYY"]),
            },
        ),
    },
)


def serialise(resume: Resume) -> dict[str, Any]:
    data: dict[str, Any] = resume.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    return data


@settings(max_examples=150)
@given(documents)
def test_a_valid_model_survives_a_round_trip_through_yaml(data: dict[str, Any]) -> None:
    original = Resume.model_validate(data)
    text = yaml.safe_dump(serialise(original), allow_unicode=True, sort_keys=False)
    assert validate(load_text(text, "r.yaml")).resume == original


@settings(max_examples=50)
@given(documents)
def test_a_valid_model_survives_a_round_trip_through_json(data: dict[str, Any]) -> None:
    original = Resume.model_validate(data)
    text = json.dumps(serialise(original), ensure_ascii=False, indent="\t")
    assert validate(load_text(text, "r.json")).resume == original
