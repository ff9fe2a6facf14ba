"""Real-world-shaped résumés build in every template with all of their content.

Each document in tests/data/corpus is written the way people's files are (early
JSON Resume names, exporters' nulls, ISO date-times, slashes, month names, empty
sections, profiles, Cyrillic, Chinese, TeX specials). Each is built with a real
engine in every built-in template, and every printable field must be in the
PDF's text, in order, or, for link-only fields, among its link targets.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import pdf_links
from cvtex.backends.latex.templates import builtin_names
from cvtex.cli import cli
from cvtex.model.schema import Resume
from cvtex.model.validate import validate
from cvtex.source.loader import load_file, load_text
from cvtex.textcheck import check_pdf_text, expected

pytestmark = pytest.mark.tex  # every test here builds a PDF

DATA = Path(__file__).parent / "data"
CORPUS = [
    *sorted((DATA / "corpus").iterdir()),
    DATA / "jsonresume-schema" / "sample.resume.json",  # upstream's own sample
]


def raw_text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def test_the_corpus_is_large_enough() -> None:
    assert len(CORPUS) >= 13


@pytest.mark.parametrize("template", builtin_names())
@pytest.mark.parametrize("source", CORPUS, ids=[path.name for path in CORPUS])
def test_corpus_document_builds_with_all_its_content(
    source: Path, template: str, tmp_path: Path
) -> None:
    pdf = tmp_path / f"{source.stem}.pdf"
    result = CliRunner().invoke(
        cli, ["build", str(source), "-t", template, "-o", str(pdf), "--no-cache", "-q"]
    )
    assert result.exit_code == 0, result.output
    resume = validate(load_file(source)).resume
    assert len(list(expected(resume))) >= 10
    problems = check_pdf_text(resume, raw_text(pdf), set(pdf_links(pdf)))
    assert problems == [], "\n".join(f"{'.'.join(map(str, p.path))}: {p.message}" for p in problems)


# -- the checker itself ------------------------------------------------------------

DOCUMENT = """
basics: {name: Ada Lovelace, email: ada@example.com}
work:
  - {name: Analytical Engine, position: Analyst, url: "https://engine.example",
     highlights: ["Wrote the **first** program", "See [notes](https://notes.example)"]}
  - {name: Difference Engine, position: Assistant}
"""
PRINTED = (
    "ADA LOVELACE ada@example.com Experience Analytical Engine Analyst "
    "• Wrote the first program • See notes Difference Engine Assistant"
)
LINKS = {"mailto:ada@example.com", "https://engine.example", "https://notes.example"}


def _resume() -> Resume:
    return validate(load_text(DOCUMENT)).resume


def test_checker_passes_a_faithful_text_layer() -> None:
    assert check_pdf_text(_resume(), PRINTED, LINKS) == []


def test_checker_finds_a_missing_field() -> None:
    [problem] = check_pdf_text(_resume(), PRINTED.replace("Analyst", ""), LINKS)
    assert problem.path == ("work", 0, "position")
    assert "missing" in problem.message


def test_checker_finds_entries_out_of_order() -> None:
    swapped = (
        "Ada Lovelace ada@example.com Difference Engine Assistant Analytical Engine "
        "Analyst Wrote the first program See notes"
    )
    problems = check_pdf_text(_resume(), swapped, LINKS)
    assert [p.path for p in problems] == [("work", 1, "name"), ("work", 1, "position")]
    assert all("out of order" in p.message for p in problems)


def test_checker_finds_a_missing_link() -> None:
    [problem] = check_pdf_text(_resume(), PRINTED, LINKS - {"https://notes.example"})
    assert problem.path == ("work", 0, "highlights", 1, "text")


def test_checker_compares_the_way_typesetting_differs() -> None:
    text = "Ada\u00a0Lovelace  ADA@EXAMPLE.COM " + PRINTED.split(" ", 3)[3]
    assert check_pdf_text(_resume(), text, LINKS) == []
