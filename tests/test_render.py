"""Rendering: golden .tex files, central escaping, the line → field map, templates."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import DATA, RESUME_YAML, ROOT, render_tex
from cvtex.backends.latex.render import RenderedLatex
from cvtex.backends.latex.templates import builtin_names, resolve_template
from cvtex.build import BuildRequest, build
from cvtex.errors import TemplateError

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("CVTEX_UPDATE_GOLDEN") == "1"
INPUTS = {
    "resume": RESUME_YAML,
    "minimal": DATA / "minimal.yaml",
    "specials": DATA / "specials.yaml",
    "all_sections": DATA / "all_sections.yaml",
    "jsonresume_sample": DATA / "jsonresume_sample.json",
}


def render_file(path: Path, template: str | None = None) -> RenderedLatex:
    return render_tex(path, template)


def render_text(text: str, template: str | None = None) -> RenderedLatex:
    return render_tex(text, template)


@pytest.mark.parametrize("template", builtin_names())
@pytest.mark.parametrize("name", INPUTS)
def test_golden_tex(template: str, name: str, tmp_path: Path) -> None:
    """Through the same path as ``cvtex build --tex-only``: plan, then produce."""
    golden = GOLDEN / template / f"{name}.tex"
    out = tmp_path / f"{name}.tex"
    build(BuildRequest(source=INPUTS[name], output=out, templates=(template,), tex_only=True))
    actual = out.read_text(encoding="utf-8")
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.is_file(), f"no golden file {golden}; run with CVTEX_UPDATE_GOLDEN=1"
    assert actual == golden.read_text(encoding="utf-8")


def test_rendering_is_pure_and_deterministic() -> None:
    assert render_file(RESUME_YAML).source == render_file(RESUME_YAML).source


def test_user_text_is_escaped_and_markup_converted() -> None:
    tex = render_text('basics:\n  name: "**A&B** \\\\input{x}"\n').source
    assert r"\textbf{A\&B} \textbackslash{}input\{x\}" in tex
    assert r"\input{x}" not in tex


def test_every_line_with_user_text_maps_back_to_its_field() -> None:
    rendered = render_file(RESUME_YAML)
    lines = rendered.source.splitlines()
    (number,) = [i for i, line in enumerate(lines, 1) if "EuroSys" in line]
    assert rendered.line_fields[number] == (("projects", 0, "highlights", 1, "text"),)
    (number,) = [i for i, line in enumerate(lines, 1) if "Megatron-Deepspeed" in line]
    assert rendered.line_fields[number] == (("projects", 0, "highlights", 2, "items", 2),)


def test_no_marker_characters_leak_into_the_output() -> None:
    source = render_file(DATA / "specials.yaml").source
    assert "\x01" not in source
    assert "\x02" not in source


def test_paper_size_reaches_geometry() -> None:
    assert "a4paper" in render_text("basics: {name: A}\ndesign: {paper: a4}\n").source
    assert "letterpaper" in render_text("basics: {name: A}\n").source


def test_sections_follow_design_order_and_titles() -> None:
    tex = render_text(
        "basics: {name: A}\n"
        "work: [{name: W}]\n"
        "education: [{institution: E}]\n"
        "design:\n  section_order: [work]\n  section_titles: {education: Schooling}\n"
    ).source
    assert tex.index(r"\cvsection{Experience}") < tex.index(r"\cvsection{Schooling}")


def test_empty_title_prints_a_section_without_heading() -> None:
    tex = render_text(
        "basics: {name: A}\ninterests: [{name: Research, keywords: [a, b]}]\n"
        "design: {section_titles: {interests: ''}}\n"
    ).source
    assert r"\cvsection{" not in tex
    assert r"\cvrow{Research}" in tex


def test_user_template_extends_a_builtin_and_overrides_one_block(tmp_path: Path) -> None:
    (tmp_path / "resume.tex.j2").write_text(
        '\\BLOCK{extends "classic/resume.tex.j2"}\n'
        "\\BLOCK{block header}\\section*{\\VAR{basics.name|upper}}\\BLOCK{endblock}\n",
        encoding="utf-8",
    )
    tex = render_text("basics: {name: Ada & co}\n", str(tmp_path)).source
    assert r"\section*{ADA \& CO}" in tex
    assert r"\cvname{" not in tex
    assert r"\documentclass" in tex


def test_unknown_template_has_a_did_you_mean() -> None:
    with pytest.raises(TemplateError, match='did you mean "classic"'):
        resolve_template("clasic")


def test_template_errors_name_the_template_line(tmp_path: Path) -> None:
    (tmp_path / "resume.tex.j2").write_text("line one\n\\VAR{basics.nope}\n", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"resume\.tex\.j2:2: template error: .*nope"):
        render_text("basics: {name: A}\n", str(tmp_path))


def test_template_syntax_errors_are_located(tmp_path: Path) -> None:
    (tmp_path / "resume.tex.j2").write_text("\\BLOCK{if x}\nno end\n", encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        render_text("basics: {name: A}\n", str(tmp_path))
    # the template's own file and the line where the unclosed block is noticed
    assert str(caught.value).startswith(f"{tmp_path / 'resume.tex.j2'}:2: template syntax error")
    assert "'endif'" in str(caught.value)


def test_printing_none_is_a_template_error(tmp_path: Path) -> None:
    (tmp_path / "resume.tex.j2").write_text("\\VAR{basics.email}\n", encoding="utf-8")
    with pytest.raises(TemplateError, match="printed None"):
        render_text("basics: {name: A}\n", str(tmp_path))


def test_a_source_checkout_renders_with_its_own_latex_templates() -> None:
    """An edit to latex_templates/ shows in the next build, without reinstalling."""
    ref = resolve_template("classic")
    assert ref.search_path == (ROOT / "latex_templates",)
    assert set(builtin_names()) == {
        d.name for d in (ROOT / "latex_templates").iterdir() if not d.name.startswith("_")
    }


def test_hidden_entries_and_bullets_are_left_out_but_fields_still_map() -> None:
    rendered = render_text(
        "basics: {name: A}\n"
        "work:\n"
        "  - {name: Secret Job, hidden: true}\n"
        "  - name: Shown Job\n"
        "    highlights: [{text: secret bullet, hidden: true}, visible bullet]\n"
    )
    assert "Secret" not in rendered.source
    assert "secret bullet" not in rendered.source
    (number,) = [i for i, line in enumerate(rendered.source.splitlines(), 1) if "Shown Job" in line]
    assert ("work", 1, "name") in rendered.line_fields[number]


@pytest.mark.parametrize(
    ("date_format", "expected"),
    [
        ("as_written", "2021-03~--~Present"),
        ("MM/YYYY", "03/2021~--~Present"),
        ("YYYY", "2021~--~Present"),
        ("Mon YYYY", "Mar 2021~--~Present"),
        ("Month YYYY", "March 2021~--~Present"),
    ],
)
def test_date_format(date_format: str, expected: str) -> None:
    tex = render_text(
        f"basics: {{name: A}}\ndesign: {{date_format: {date_format}}}\n"
        "work: [{name: W, startDate: 2021-03}]\n"
    ).source
    assert expected in tex


def test_free_text_date_is_printed_as_written() -> None:
    tex = render_text(
        "basics: {name: A}\ndesign: {date_format: YYYY}\n"
        "education: [{institution: U, startDate: 2020-09, date: Expected 2027}]\n"
    ).source
    assert "Expected 2027" in tex
    assert "2020" not in tex.split(r"\begin{document}")[1]
