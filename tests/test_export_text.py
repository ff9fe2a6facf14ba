"""``cvtex export --to text``: what the PDF prints, as plain text for a paste box."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import DATA, RESUME_YAML, normalise_text, pdf_text
from cvtex.backends.text import render
from cvtex.build import BuildRequest, build
from cvtex.cli import cli
from cvtex.model.select import select
from cvtex.model.validate import validate
from cvtex.source.loader import load_text
from cvtex.view.inline import rich
from cvtex.view.make import resume_view
from export_view import golden, view_of

INPUTS = {"resume": RESUME_YAML, "all_sections": DATA / "all_sections.yaml"}


def text_of(source: Path) -> str:
    return render(view_of(source))


@pytest.mark.parametrize("name", INPUTS)
def test_golden_text(name: str) -> None:
    actual = text_of(INPUTS[name])
    assert actual == golden(f"{name}.txt", actual)


@pytest.mark.tex
@pytest.mark.parametrize("name", INPUTS)
def test_every_word_the_pdf_prints_is_in_the_text(name: str, tmp_path: Path) -> None:
    pdf = tmp_path / "cv.pdf"
    build(BuildRequest(source=INPUTS[name], output=pdf))
    printed = set(re.findall(r"\w+", pdf_text(pdf).casefold()))
    exported = set(re.findall(r"\w+", normalise_text(text_of(INPUTS[name])).casefold()))
    assert printed - exported == set()
    assert len(printed) > 50


def test_the_cli_prints_to_stdout_or_writes_a_file(tmp_path: Path) -> None:
    runner = CliRunner()
    shown = runner.invoke(cli, ["export", str(RESUME_YAML), "--to", "text"])
    assert shown.exit_code == 0, shown.output
    assert shown.stdout.startswith("Yizhen Yao\n")
    target = tmp_path / "out" / "cv.txt"
    written = runner.invoke(cli, ["export", str(RESUME_YAML), "--to", "text", "-o", str(target)])
    assert written.exit_code == 0, written.output
    assert target.read_text(encoding="utf-8") == shown.stdout
    assert f"cvtex: wrote {target}" in written.stderr


def test_an_invalid_resume_exports_nothing(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text("basics: {name: Ada}\nwork:\n  - nmae: X\n", encoding="utf-8")
    target = tmp_path / "cv.txt"
    result = CliRunner().invoke(cli, ["export", str(source), "--to", "text", "-o", str(target)])
    assert result.exit_code == 1
    assert "cv.yaml:3:5" in result.stderr and "did you mean" in result.stderr
    assert not target.exists()


def test_the_input_is_never_the_output(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text("basics: {name: Ada}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", str(source), "--to", "text", "-o", str(source)])
    assert result.exit_code == 2
    assert source.read_text(encoding="utf-8") == "basics: {name: Ada}\n"


def test_terminal_control_sequences_do_not_reach_the_text(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text('basics: {name: "Ada\\e[31m\\x9b2J Lovelace"}\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", str(source), "--to", "text"])
    assert result.exit_code == 1 and "error[control-char]" in result.stderr
    assert result.stdout == ""
    # Validation refuses them; the backend drops them even from a view made by hand.
    view = replace(
        resume_view(validate(load_text("basics: {name: x}")).resume), name=rich("A\x1b[31mB\x9b")
    )
    assert render(view).startswith("A[31mB\n")


def test_links_show_their_target_once() -> None:
    resume = validate(
        load_text(
            "work:\n  - name: Co\n    highlights:\n"
            "      - 'see [the report](https://r.org/x) and [r.org/y](https://r.org/y)'\n"
        )
    ).resume
    text = render(resume_view(select(resume)))
    assert "- see the report (https://r.org/x) and r.org/y\n" in text


def test_nothing_to_print_is_refused_for_pages_but_not_for_data(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text("meta: {note: only this}\n", encoding="utf-8")
    runner = CliRunner()
    for to in ("text", "markdown", "html"):
        result = runner.invoke(cli, ["export", str(source), "--to", to])
        assert result.exit_code == 1, (to, result.output)
        assert "error[nothing-to-print]" in result.stderr and result.stdout == ""
    data = runner.invoke(cli, ["export", str(source), "--to", "json-resume"])
    assert data.exit_code == 0, data.output
    assert data.stdout.startswith("{\n")


def test_the_photo_is_never_the_output(tmp_path: Path) -> None:
    photo = tmp_path / "me.png"
    photo.write_bytes(b"\x89PNG not really")
    source = tmp_path / "cv.yaml"
    source.write_text("basics: {name: Ada, image: me.png}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", str(source), "--to", "html", "-o", str(photo)])
    assert result.exit_code == 2
    assert "it is the photo" in result.stderr
    assert photo.read_bytes() == b"\x89PNG not really"
