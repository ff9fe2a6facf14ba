"""Cases an outside tester found building real people's resume.json files; each is
the smallest document that showed the problem."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import normalise_text, pdf_links, pdf_text
from cvtex.backends.latex.escape import escape_text
from cvtex.cli import cli
from cvtex.exit_status import ExitStatus

pytestmark = pytest.mark.tex  # every test here builds a PDF


def _build(tmp_path: Path, document: dict[str, Any], *args: str) -> tuple[int, str, Path]:
    source = tmp_path / "resume.json"
    source.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    pdf = tmp_path / "resume.pdf"
    result = CliRunner().invoke(cli, ["build", str(source), "-o", str(pdf), *args])
    return result.exit_code, result.output, pdf


def test_a_cjk_date_in_a_latin_resume_chooses_an_engine_that_prints_it(tmp_path: Path) -> None:
    document = {
        "basics": {"name": "Ada Lovelace"},
        "work": [{"name": "Acme", "startDate": "2019年4月"}],
    }
    code, output, pdf = _build(tmp_path, document, "-v")
    assert code == 0, output
    assert "xelatex" in output
    assert "2019" in pdf_text(pdf) and "年" in pdf_text(pdf)


def test_pdflatex_asked_for_text_it_cannot_set_fails_at_the_field(tmp_path: Path) -> None:
    document = {"basics": {"name": "Ada"}, "work": [{"name": "李明"}, {"name": "Жук"}]}
    code, output, pdf = _build(tmp_path, document, "--engine", "pdflatex")
    assert code == ExitStatus.INVALID_INPUT, output
    assert "error[engine-script]: work[0].name" in output
    assert "error[engine-script]: work[1].name" in output
    assert "use --engine xelatex" in output
    assert not pdf.exists()


def test_the_unicode_minus_prints_under_pdflatex(tmp_path: Path) -> None:
    document = {"basics": {"name": "A"}, "work": [{"name": "X", "highlights": ["Kosten −30 %"]}]}
    code, output, pdf = _build(tmp_path, document)
    assert code == 0, output
    assert "Kosten −30 %" in pdf_text(pdf)


def test_a_skill_with_only_a_name_has_no_dangling_colon(tmp_path: Path) -> None:
    document = {
        "basics": {"name": "A"},
        "skills": [{"name": "SQL"}, {"name": "Go", "level": "", "keywords": [""]}],
    }
    code, output, pdf = _build(tmp_path, document)
    assert code == 0, output
    text = pdf_text(pdf)
    assert "SQL Go" in text and ":" not in text


def test_an_opening_single_quote_opens() -> None:
    assert escape_text("'Teacher of the Month'") == r"\textquoteleft{}Teacher of the Month'"
    assert escape_text("Guy's, the '90s, St Thomas'") == "Guy's, the '90s, St Thomas'"


def test_a_summary_keeps_its_paragraphs_and_list_lines(tmp_path: Path) -> None:
    summary = "First paragraph.\n\nSecond paragraph.\n- bullet one\n- bullet two"
    code, output, pdf = _build(tmp_path, {"basics": {"name": "A", "summary": summary}})
    assert code == 0, output
    import subprocess

    lines = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\n")
    stripped = [line.strip() for line in lines if line.strip()]
    for line in ("First paragraph.", "Second paragraph.", "- bullet one", "- bullet two"):
        assert line in stripped


def test_phone_and_international_host_links(tmp_path: Path) -> None:
    document = {
        "basics": {
            "name": "A",
            "phone": "+44 (0)20 7946 0958",
            "url": "https://münchen.example.de/cv",
        }
    }
    code, output, pdf = _build(tmp_path, document)
    assert code == 0, output
    links = pdf_links(pdf)
    assert "tel:+442079460958" in links
    assert "https://xn--mnchen-3ya.example.de/cv" in links
    assert "münchen.example.de/cv" in pdf_text(pdf)


def test_cjk_text_keeps_the_spaces_as_typed(tmp_path: Path) -> None:
    """xeCJK dropped the space in a name (山田 太郎) and added spaces of its own
    around Latin words, which then were in the text layer but not in the source."""
    document = {
        "locale": "zh",
        "basics": {"name": "山田 太郎"},
        "work": [
            {"name": "阿里巴巴", "highlights": ["使用Python开发，支持100万用户", "负责 Go 服务"]}
        ],
    }
    code, output, pdf = _build(tmp_path, document)
    assert code == 0, output
    text = pdf_text(pdf)
    assert "山田 太郎" in text
    assert normalise_text("使用Python开发，支持100万用户") in text and "负责 Go 服务" in text


# -- a second outside test, on the text layer and locales --------------------------


def test_lualatex_hyphens_keep_their_words_after_a_typed_nonbreaking_hyphen(
    tmp_path: Path,
) -> None:
    document = {
        "basics": {"name": "Ada", "label": "e\u2011mail marketing"},
        "work": [{"name": "Co-founder", "summary": "Built a state-of-the-art middle-out engine"}],
    }
    code, output, pdf = _build(tmp_path, document, "--engine", "lualatex", "-t", "modern")
    assert code == 0, output
    text = pdf_text(pdf)
    assert "e-mail marketing" in text
    assert "Co-founder" in text and "state-of-the-art middle-out" in text


@pytest.mark.parametrize("engine", ["xelatex", "lualatex"])
def test_math_symbols_extract_as_themselves(tmp_path: Path, engine: str) -> None:
    """Set in math mode, ≠ extracted as "̸=" (xelatex) or "6=" (lualatex)."""
    document = {"basics": {"name": "A"}, "work": [{"name": "a ≠ b ≈ c → d ≤ e"}]}
    code, output, pdf = _build(tmp_path, document, "--engine", engine)
    assert code == 0, output
    assert "a ≠ b ≈ c → d ≤ e" in pdf_text(pdf)


def test_lualatex_keeps_double_backticks(tmp_path: Path) -> None:
    document = {"basics": {"name": "A"}, "work": [{"name": "X", "summary": "``double`` and x``y"}]}
    code, output, pdf = _build(tmp_path, document, "--engine", "lualatex", "-t", "modern")
    assert code == 0, output
    assert "``double`` and x``y" in pdf_text(pdf)


def test_cjk_keeps_the_spaces_around_dashes_and_dots(tmp_path: Path) -> None:
    document = {
        "basics": {"name": "王小明", "label": "工程师 — Backend"},
        "work": [{"name": "Acme", "summary": "北京 – Go … 上海 — 深圳 · R&D 개발 · 운영"}],
    }
    code, output, pdf = _build(tmp_path, document)
    assert code == 0, output
    text = pdf_text(pdf)
    assert "工程师 — Backend" in text
    assert normalise_text("北京 – Go … 上海 — 深圳 · R&D 개발 · 운영") in text


def test_a_chinese_degree_line_keeps_latin_words_apart(tmp_path: Path) -> None:
    document = {
        "locale": "zh",
        "basics": {"name": "A"},
        "education": [{"institution": "MIT", "studyType": "B.A.", "area": "Mathematics"}],
    }
    code, output, pdf = _build(tmp_path, document)
    assert code == 0, output
    assert "Mathematics B.A." in pdf_text(pdf)


def test_lualatex_with_cjk_text_fails_at_the_field(tmp_path: Path) -> None:
    code, output, _ = _build(tmp_path, {"basics": {"name": "김민준"}}, "--engine", "lualatex")
    assert code == ExitStatus.INVALID_INPUT, output
    assert "error[engine-script]: basics.name" in output and "use --engine xelatex" in output


def test_every_title_pdflatex_cannot_set_is_reported(tmp_path: Path) -> None:
    document = {
        "basics": {"name": "A", "summary": "x"},
        "work": [{"name": "W"}],
        "design": {"section_titles": {"work": "경력 사항", "summary": "자기 소개"}},
    }
    code, output, _ = _build(tmp_path, document, "--engine", "pdflatex")
    assert code == ExitStatus.INVALID_INPUT, output
    assert "design.section_titles.work" in output and "design.section_titles.summary" in output


@pytest.mark.tex
def test_a_bullet_pasted_with_its_sign_prints_one_bullet(tmp_path: Path) -> None:
    document = {
        "basics": {"name": "Ada"},
        "work": [{"name": "X", "highlights": ["• Led a team", "● Shipped", "Plain"]}],
    }
    code, output, pdf = _build(tmp_path, document)
    assert code == 0, output
    assert output.count("note[bullet-sign]") == 2
    assert pdf_text(pdf).endswith("X • Led a team • Shipped • Plain")  # one sign each
