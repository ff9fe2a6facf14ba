"""Selection runs right after validation: what is hidden picks no engine, font or warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import pdf_text
from cvtex.build import BuildRequest, build
from cvtex.model.select import select
from cvtex.model.validate import validate
from cvtex.source.loader import load_text

HIDDEN_CYRILLIC = """\
basics: {name: Ada}
work:
  - name: Visible Ltd
  - name: Скрытый
    hidden: true
    highlights: [Тайна]
"""


def test_select_drops_hidden_entries_and_keeps_the_file_s_paths() -> None:
    resume = select(validate(load_text(HIDDEN_CYRILLIC + "  - name: Last\n", "cv.yaml")).resume)
    names = [entry.name for entry in resume.work]
    assert names == ["Visible Ltd", "Last"]
    assert [getattr(n, "path", None) for n in names] == [("work", 0, "name"), ("work", 2, "name")]


@pytest.mark.tex
def test_a_hidden_entry_in_another_script_does_not_choose_the_engine(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(HIDDEN_CYRILLIC, encoding="utf-8")
    report = build(BuildRequest(source=source))
    assert report.engine is not None and report.engine.startswith("pdflatex")
    text = pdf_text(report.outputs[0])
    assert "Visible Ltd" in text and "Скрытый" not in text


@pytest.mark.tex
def test_pdflatex_may_be_asked_for_when_only_a_hidden_entry_needs_another(
    tmp_path: Path,
) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(HIDDEN_CYRILLIC.replace("Тайна", "秘密"), encoding="utf-8")
    report = build(BuildRequest(source=source, engine="pdflatex", strict=True))
    assert report.engine is not None and report.engine.startswith("pdflatex")
    assert report.warnings == ()
