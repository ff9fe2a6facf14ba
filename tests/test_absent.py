"""What prints nothing is left out: quietly when it was blank, with a note when the
user wrote keys that hold nothing, and a résumé with nothing at all is an error."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import pdf_info, pdf_text
from cvtex.backends.latex.context import build_context
from cvtex.backends.latex.design import DesignView
from cvtex.cli import cli
from cvtex.diagnostics import Severity
from cvtex.exit_status import ExitStatus
from cvtex.model.select import select
from cvtex.model.validate import validate
from cvtex.source.loader import load_text

CORPUS = Path(__file__).parent / "data" / "corpus"


def _diagnostics(document: object) -> list[tuple[Severity, str | None, tuple[str | int, ...]]]:
    validated = validate(load_text(json.dumps(document, indent=2), "cv.json"))
    return [(d.severity, d.code, d.path) for d in validated.warnings]


def test_blank_sections_strings_and_items_say_nothing() -> None:
    validated = validate(load_text((CORPUS / "empty-sections.json").read_text(), "cv.json"))
    assert validated.warnings == ()


def test_blank_items_are_left_out_and_the_rest_keep_their_paths() -> None:
    document: dict[str, Any] = {
        "basics": {"name": "Ada"},
        "work": [
            None,
            {},
            {"name": "Engine", "highlights": ["", None, {}, "  ", "kept"]},
        ],
        "skills": [{"name": "Maths", "keywords": ["", "analysis", None]}],
    }
    resume = validate(load_text(json.dumps(document))).resume
    context = build_context(select(resume), DesignView({}))
    [work] = next(s.content for s in context.sections if s.id == "work")
    assert [b.text for b in work.highlights] == ["kept"]
    assert work.highlights[0].text.path == ("work", 2, "highlights", 4, "text")
    [skill] = next(s.content for s in context.sections if s.id == "skills")
    assert skill.keywords == ["analysis"]
    assert skill.keywords[0].path == ("skills", 0, "keywords", 1)
    assert _diagnostics(document) == []


def test_an_entry_with_keys_but_nothing_printable_gets_a_note() -> None:
    document: dict[str, Any] = {
        "basics": {"name": "Ada"},
        "projects": [{"keywords": [], "tags": ["x"]}, {"name": "Engine"}],
    }
    assert _diagnostics(document) == [(Severity.NOTE, "empty-entry", ("projects", 0))]


@pytest.mark.tex
def test_no_name_builds_without_a_header_and_warns(tmp_path: Path) -> None:
    source = tmp_path / "cv.json"
    source.write_text(json.dumps({"work": [{"position": "Analyst", "startDate": "2020"}]}))
    result = CliRunner().invoke(cli, ["build", str(source), "--no-cache"])
    assert result.exit_code == 0, result.output
    assert "warning[no-name]" in result.output
    pdf = tmp_path / "cv.pdf"
    assert pdf_text(pdf).startswith("Experience Analyst")
    assert pdf_info(pdf)["Title"] == "Résumé"
    strict = CliRunner().invoke(cli, ["validate", "--strict", str(source)])
    assert strict.exit_code == ExitStatus.INVALID_INPUT


def test_nothing_to_print_is_an_error_not_a_blank_page(tmp_path: Path) -> None:
    source = tmp_path / "cv.json"
    source.write_text('{"meta": {"version": "v1"}, "work": [], "basics": {"profiles": []}}')
    checked = CliRunner().invoke(cli, ["validate", str(source)])
    assert checked.exit_code == ExitStatus.INVALID_INPUT  # validate and build agree
    assert "cv.json:1:1: error[nothing-to-print]" in checked.stderr
    result = CliRunner().invoke(cli, ["build", str(source)])
    assert result.exit_code == ExitStatus.INVALID_INPUT
    assert "error[nothing-to-print]" in result.output
    assert not (tmp_path / "cv.pdf").exists()


@pytest.mark.tex
def test_a_profile_shows_network_and_username_linked(tmp_path: Path) -> None:
    from conftest import pdf_links

    source = tmp_path / "cv.yaml"
    source.write_text(
        "basics:\n  name: Ada\n  profiles:\n"
        "    - {network: GitHub, username: ada, url: 'https://github.com/ada'}\n"
        "    - {network: Bluesky, url: 'https://bsky.app/profile/ada.example'}\n"
        "    - {network: Keybase, username: adal}\n"
        "education:\n  - {institution: Cambridge, studyType: BA, area: Maths,"
        " url: 'https://cam.example'}\n"
    )
    for template in ("classic", "modern"):
        pdf = tmp_path / f"{template}.pdf"
        result = CliRunner().invoke(cli, ["build", str(source), "-t", template, "-o", str(pdf)])
        assert result.exit_code == 0, result.output
        text = pdf_text(pdf)
        assert ("GitHub: ada" if template == "classic" else " ada ") in text
        assert "bsky.app/profile/ada.example" in text
        assert "Keybase: adal" in text
        assert "BA in Maths" in text and "Cambridge" in text
        links = pdf_links(pdf)
        assert "https://github.com/ada" in links and "https://cam.example" in links
