"""Editor support: the JSON Schema and the starter résumé."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from conftest import DATA, RESUME_YAML, ROOT, pdf_text
from cvtex.cli import cli
from cvtex.exit_status import ExitStatus
from cvtex.model.json_schema import resume_json_schema, resume_json_schema_text
from cvtex.model.schema_doc import render_schema_markdown
from cvtex.model.validate import validate
from cvtex.source.loader import load_file

COMMITTED_SCHEMA = ROOT / "docs" / "resume.schema.json"
STARTER = ROOT / "src" / "cvtex" / "starter.yaml"


class Yaml12Loader(yaml.SafeLoader):
    """Reads YAML roughly as an editor's YAML 1.2 language server does: only
    true/false are booleans and dates stay strings."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf")
)


def editor_view(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12Loader)


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = resume_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize(
    "path",
    [RESUME_YAML, STARTER, DATA / "all_sections.yaml", DATA / "jsonresume_sample.json"],
    ids=lambda p: p.name,
)
def test_schema_accepts_valid_documents(
    validator: jsonschema.Draft202012Validator, path: Path
) -> None:
    errors = [e.message for e in validator.iter_errors(editor_view(path))]
    assert errors == []


@pytest.mark.parametrize(
    ("document", "complaint"),
    [
        ({"sections": {"talks": {"items": ["x"]}}}, "'title' is a required property"),
        ({"sections": {"talks": {"title": ""}}}, "should be non-empty"),
        ({"basics": {"name": "A"}, "work": [{"startDate": "2023-13"}]}, "does not match"),
        (
            {"basics": {"name": "A"}, "work": [{"hihglights": []}]},
            "'hihglights' does not match any of the regexes",
        ),
        ({"basics": {"name": "A"}, "work": {"name": "W"}}, "is not of type 'array'"),
        ({"basics": {"name": "A"}, "design": {"paper": "a5"}}, "is not one of"),
        ({"basics": {"name": "A"}, "skills": [{"name": "S", "keywords": "x"}]}, "is not of type"),
    ],
)
def test_schema_rejects_invalid_documents(
    validator: jsonschema.Draft202012Validator, document: dict[str, Any], complaint: str
) -> None:
    messages = [m for e in validator.iter_errors(document) for m in _all_messages(e)]
    assert any(complaint in m for m in messages), messages


def _all_messages(error: jsonschema.ValidationError) -> list[str]:
    """An error's message and those of the anyOf branches under it."""
    return [error.message, *(m for sub in error.context or () for m in _all_messages(sub))]


def test_schema_allows_what_cvtex_allows(validator: jsonschema.Draft202012Validator) -> None:
    document = {
        "$schema": "x",
        "x-generator": "me",
        "basics": {"name": "A", "email": "", "x-note": 1},
        "work": [{"endDate": "", "date": "Summer 2021", "highlights": ["plain", {"text": "t"}]}],
        "meta": {"anything": [1, 2]},
    }
    assert [e.message for e in validator.iter_errors(document)] == []


def test_the_committed_schema_is_current() -> None:
    assert COMMITTED_SCHEMA.read_text(encoding="utf-8") == resume_json_schema_text(), (
        "docs/resume.schema.json is stale: run `cvtex schema -o docs/resume.schema.json`"
    )


def test_the_schema_reference_page_is_current() -> None:
    page = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    assert page == render_schema_markdown(), (
        "docs/schema.md is stale: run `cvtex schema --markdown -o docs/schema.md`"
    )


def test_every_model_field_is_documented() -> None:
    page = render_schema_markdown()
    assert "| `hihglights`" not in page
    for key in ("`studyType`", "`date_format`", "`tags`", "`hidden`", "`section_titles`"):
        assert key in page
    undocumented = [
        line for line in page.splitlines() if line.startswith("| `") and line.endswith("|  |")
    ]
    assert undocumented == []


def test_resume_yaml_points_editors_at_the_schema() -> None:
    first = RESUME_YAML.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=docs/resume.schema.json"


def test_schema_command_prints_json() -> None:
    result = CliRunner().invoke(cli, ["schema"], catch_exceptions=False)
    assert result.exit_code == 0
    assert json.loads(result.output)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_new_writes_a_starter_that_validates_and_refuses_to_overwrite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(cli, ["new"], catch_exceptions=False).exit_code == 0
    starter = tmp_path / "resume.yaml"
    assert starter.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=resume.schema.json\n"
    )
    assert (tmp_path / "resume.schema.json").read_text(
        encoding="utf-8"
    ) == resume_json_schema_text()
    assert validate(load_file(starter)).warnings == ()
    again = runner.invoke(cli, ["new"], catch_exceptions=False)
    assert again.exit_code == ExitStatus.USAGE
    assert "already exists" in again.stderr
    assert runner.invoke(cli, ["new", "--force"], catch_exceptions=False).exit_code == 0


@pytest.mark.tex
def test_the_starter_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(cli, ["new", "cv.yaml"], catch_exceptions=False).exit_code == 0
    result = runner.invoke(cli, ["build", "cv.yaml"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "Your Name" in pdf_text(tmp_path / "cv.pdf")


def test_schema_accepts_every_upstream_valid_case(
    validator: jsonschema.Draft202012Validator,
) -> None:
    """What JSON Resume's own tests call valid, cvtex builds: the editor agrees."""
    from test_jsonresume_fixtures import CASES

    flagged = {
        case.id: [e.message for e in validator.iter_errors(case.document)]
        for case in CASES
        if case.valid
    }
    assert {case: errors for case, errors in flagged.items() if errors} == {}
