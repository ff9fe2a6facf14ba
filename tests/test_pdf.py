"""Real builds: compile with the bundled pdflatex, then inspect the PDF with poppler."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import DATA, RESUME_YAML, normalise_text, pdf_info, pdf_links, pdf_text
from cvtex.build import BuildRequest, build

pytestmark = pytest.mark.tex

SECTION_TITLES = [
    "Education",
    "Academic Experience",
    "Working and Teaching Experience",
    "Awards and Honors",
    "Languages and Skills",
    "Extracurricular",
]
PROJECT_TITLES = [
    "Multi-level Checkpoint Cache for LLM Training",
    "Sublayer Skipping for Accelerating LLM Inference",
    "Distributed Large Model Agent Chain",
    "Domain Generalization in Federated Learning",
]


@pytest.fixture(scope="module")
def resume_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdf") / "resume.pdf"
    build(BuildRequest(source=RESUME_YAML, output=out))
    return out


@pytest.fixture(scope="module")
def resume_text(resume_pdf: Path) -> str:
    return pdf_text(resume_pdf)


def test_page_count_and_size(resume_pdf: Path) -> None:
    info = pdf_info(resume_pdf)
    assert info["Pages"] == "2"
    assert "(A4)" in info["Page size"]


def test_metadata(resume_pdf: Path) -> None:
    info = pdf_info(resume_pdf)
    assert info["Title"] == "Yizhen Yao – Résumé"
    assert info["Author"] == "Yizhen Yao"
    assert info["Creator"].startswith("cvtex ")


@pytest.mark.parametrize("title", SECTION_TITLES)
def test_every_section_title_is_in_the_text(resume_text: str, title: str) -> None:
    assert title.lower() in resume_text.lower()  # small caps extract in mixed case


@pytest.mark.parametrize("title", PROJECT_TITLES)
def test_every_project_title_is_in_the_text(resume_text: str, title: str) -> None:
    assert title in resume_text


@pytest.mark.parametrize(
    "needle",
    [
        "17/129",
        "C#",
        "EuroSys'25",
        "3.84/4.00",
        "Research Interest: Machine Learning System; LLM System and Algorithm; "
        "Distributed Computing",
        "Huawei Cloud Computing Technology Co., Ltd.",
        "Teaching Assistant",
        "09/2023 – 02/2023",
        "First Class Academic Scholarship, Shanghai Jiao Tong University, 2000 USD/years",
        "Programming Language: Python, C++, C#, Matlab, Bash",
        "Oxford Prospects Summer Programmes, Grade A-",
        "vzhenyao.cs@gmail.com",
        "LinkedIn: yizhen-yao-b6bb28317",
        "Megatron-Deepspeed",
    ],
)
def test_key_content_is_extractable(resume_text: str, needle: str) -> None:
    assert needle in resume_text


def test_every_bullet_of_the_seed_is_in_the_pdf(resume_text: str) -> None:
    seed = next((RESUME_YAML.parent / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    bullets = [
        line.strip().lstrip("-").strip()
        for line in seed.splitlines()
        if line.strip().startswith("-")
    ]
    assert len(bullets) == 29
    missing = [b for b in bullets if normalise_text(b) not in resume_text]
    assert missing == []


def test_no_broken_hyphenation_or_ligatures(resume_pdf: Path) -> None:
    raw = subprocess.run(
        ["pdftotext", "-layout", str(resume_pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert not re.search(r"[a-z]-\n", raw), "a word was hyphenated at a line break"
    for ligature in ("\ufb00", "\ufb01", "\ufb02", "\ufb03", "\ufb04"):
        assert ligature not in raw
    for word in ("efficiency", "different", "prefilling", "First", "traditional"):
        assert word in raw


def test_links_are_clickable(resume_pdf: Path) -> None:
    assert pdf_links(resume_pdf) == [
        "mailto:vzhenyao.cs@gmail.com",
        "https://linkedin.com/in/yizhen-yao-b6bb28317/",
        "https://preordinary.github.io/",
    ]


def test_letter_paper(tmp_path: Path) -> None:
    source = tmp_path / "r.yaml"
    source.write_text("basics: {name: Ada}\ndesign: {paper: letter}\n", encoding="utf-8")
    build(BuildRequest(source=source))
    info = pdf_info(tmp_path / "r.pdf")
    assert "(letter)" in info["Page size"]
    assert info["Pages"] == "1"


def test_special_characters_print_as_written(tmp_path: Path) -> None:
    out = tmp_path / "s.pdf"
    build(BuildRequest(source=DATA / "specials.yaml", output=out))
    text = pdf_text(out)
    for needle in (
        "R&D {Team} #1",
        "100% C# & F# -- 50$ ^_^ ~home \\path",
        "Smith & Sons <<Ltd>>",
        "[Lead] engineer",
        "Cut costs by 30% with C++ and docs",
        "Used `quotes`, ''pairs'', ,,low'', ?` and !` and a lone * star",
        "Nested: \\textbf{not code} $x^2$",
        "~tilde~ and ^caret^ and under_score",
        "C#, F#, 50%, $HOME, a_b, {x}",
        "Zürich, Schweiz",
    ):
        assert needle in text
    assert pdf_links(out) == [
        "mailto:first_last+cv@example.com",
        "https://example.com/a_b/%7Euser?q=1&r=2#frag",
        "https://example.com/x_y#z",
    ]


def test_every_standard_section_renders(tmp_path: Path) -> None:
    out = tmp_path / "all.pdf"
    build(BuildRequest(source=DATA / "all_sections.yaml", output=out))
    text = pdf_text(out)
    for needle in (
        "Grace Hopper",
        "Rear Admiral, Computer Scientist",
        "Pioneer of machine-independent programming languages.",
        "PhD in Mathematics",
        "Courses: Algebra, Number theory",
        'Popularised the term "debugging"',
        "Computing History Society",
        "National Medal of Technology",
        "Certified Nanosecond Explainer",
        "The Education of a Computer",
        "Programming (Master): COBOL, FLOW-MATIC",
        "Languages: English (Native speaker)",
        "Teaching: Lectures; Wire nanoseconds",
        "Howard Aiken: An outstanding programmer.",
        "UNIVAC I compiler",
        "Future of computing, 1982",
        "Nickname: Amazing Grace",
    ):
        assert needle in text


def test_a_json_resume_document_builds_as_it_is(tmp_path: Path) -> None:
    out = tmp_path / "cv.pdf"
    build(BuildRequest(source=DATA / "jsonresume_sample.json", output=out))
    text = pdf_text(out)
    for needle in (
        "Mira Okafor",
        "Data Engineer",
        "London, England, GB",
        "Mastodon: mira",
        "github.com/miraok",
        "Retail analytics start-up",
        "Owns the ingestion platform (≈ 2 TB/day) and its on-call rota.",
        "Mar 2020 – Present",  # a full date prints as a short month
        "Grade: First",
        "Courses: MATH2715 - Statistical Methods, COMP1121 - Databases",
        "Open source | library | Maintainer",
        "Keywords: Python, Airflow",
        "Weekly coding club for 9–13 year olds.",
        "Engineer of the Year, Riverbank Analytics, For the incremental-load migration.",
        "Professional Data Engineer, A Cloud Vendor",
        "Late-arriving facts in practice, Data Engineering Weekly",
        "Languages (Expert): Python, SQL, Scala",
        "Languages: English (Native speaker), Yoruba (Conversational)",
        "Cycling: Audax; Bike repair",
        "Tom Baptiste: Mira turned our flakiest pipeline into our most boring one.",
    ):
        assert needle in text, needle
    assert "https://blog.example.org/late_facts?ref=cv#top" in pdf_links(out)
