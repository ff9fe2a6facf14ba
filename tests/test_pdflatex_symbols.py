"""Every character the engine choice trusts pdflatex with really prints under
pdflatex, in every template's font, and extracts as itself.

The list (``scripts._PDFLATEX_EXTRA``) decides that ``auto`` stays on pdflatex; a
character on it that a font lacks failed in TeX (``−``, and ``´``/``¯`` in Charter
and Source Sans), and the math fonts extracted ``≠`` as ``=``.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import normalise_text, pdf_text
from cvtex.backends.latex.probes import pdflatex_charset
from cvtex.backends.latex.templates import builtin_names
from cvtex.cli import cli
from cvtex.model.scripts import _PDFLATEX_EXTRA, _PDFLATEX_UNSAFE, script_of

pytestmark = pytest.mark.tex  # every test here builds a PDF


def _trusted_symbols() -> str:
    """Everything but letters that auto leaves to pdflatex: the extra list and what
    LaTeX's UTF-8 tables declare, less what the fonts are known to lack."""
    declared = pdflatex_charset() or frozenset()
    chars = (declared | _PDFLATEX_EXTRA) - _PDFLATEX_UNSAFE
    return "".join(
        sorted(
            c
            for c in chars
            if not unicodedata.category(c).startswith(("L", "Z", "C", "M"))
            and script_of(c, declared) is None
        )
    )


SYMBOLS = _trusted_symbols()


@pytest.mark.parametrize("template", builtin_names())
def test_every_trusted_symbol_prints_and_extracts_under_pdflatex(
    template: str, tmp_path: Path
) -> None:
    source = tmp_path / "cv.json"
    assert len(SYMBOLS) > 60
    line = f"Kosten −30 % {SYMBOLS} end"
    source.write_text(
        json.dumps({"basics": {"name": "A ≈ B"}, "work": [{"name": "X", "summary": line}]}),
        encoding="utf-8",
    )
    pdf = tmp_path / "cv.pdf"
    result = CliRunner().invoke(
        cli, ["build", str(source), "-t", template, "--engine", "pdflatex", "-o", str(pdf)]
    )
    assert result.exit_code == 0, result.output
    assert normalise_text(line) in pdf_text(pdf)
