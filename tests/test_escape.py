"""Escaping: every special, ligatures, unicode, and properties checked by hypothesis."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import normalise_text, pdf_text
from cvtex.backends.latex.escape import escape_text, escape_url
from cvtex.backends.latex.tex_run import compile_latex

SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "^": r"\textasciicircum{}",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "%": r"\%",
}


@pytest.mark.parametrize(("char", "expected"), SPECIALS.items())
def test_each_of_the_ten_specials_is_escaped(char: str, expected: str) -> None:
    assert escape_text(f"a{char}b") == f"a{expected}b"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1--2", r"1-\/-2"),
        ("a---b", r"a-\/-\/-b"),
        ("<<x>>", r"<\/<x>\/>"),
        ("''", r"'\/'"),
        (",,", r",\/,"),
        ("?`", r"?\textasciigrave{}"),
        ("!`", r"!\textasciigrave{}"),
        ('"q"', r"\textquotedbl{}q\textquotedbl{}"),
    ],
)
def test_ligature_sequences_are_broken_so_text_prints_as_written(text: str, expected: str) -> None:
    assert escape_text(text) == expected


def test_brackets_and_star_are_braced_so_item_and_linebreak_cannot_eat_them() -> None:
    assert escape_text("[2023] *") == "{[}2023{]} {*}"


def test_unicode_letters_pass_through_untouched() -> None:
    assert escape_text("Zürich — Łódź, naïve café") == "Zürich — Łódź, naïve café"


def test_control_characters_are_dropped_and_newlines_become_spaces() -> None:
    assert escape_text("a\x00b\x07c\nd\te") == "abc d e"


def test_no_break_space_becomes_a_tie() -> None:
    assert escape_text("10\u00a0km") == "10~km"


def test_url_keeps_meaning_and_escapes_tex_specials() -> None:
    url = "https://example.com/a_b/%7Euser?q=1&r=2#frag"
    assert escape_url(url) == r"https://example.com/a\_b/\%7Euser?q=1\&r=2\#frag"


def test_url_percent_encodes_characters_that_are_not_legal_in_urls() -> None:
    assert escape_url("https://x.org/a b{c}\\d^e") == "https://x.org/a\\%20b\\%7Bc\\%7D\\%5Cd\\%5Ee"


def test_url_cannot_close_the_href_argument() -> None:
    assert "}" not in escape_url("https://x.org/}\\input{/etc/passwd}")


# -- properties -------------------------------------------------------------

_DECODE = {v: k for k, v in SPECIALS.items()} | {
    "{[}": "[",
    "{]}": "]",
    "{*}": "*",
    r"\textasciigrave{}": "`",
    r"\textquotedbl{}": '"',
    r"\textquoteleft{}": "'",
    r"\/": "",
    "~": "\u00a0",
    r"\-": "\u00ad",
    r"\hspace{0pt}": "\u200b",
    r"\nobreak{}": "\u2060",
    "{}": "",
}
_TOKEN = re.compile("|".join(re.escape(k) for k in sorted(_DECODE, key=len, reverse=True)))


def decode(latex: str) -> str:
    """A reference reader of escape_text's vocabulary, written independently of it."""
    return _TOKEN.sub(lambda m: _DECODE[m.group(0)], latex)


def expected_text(text: str) -> str:
    out = []
    for char in text:
        if char in "\t\n\r\v\f\u2028\u2029\u0085":
            out.append(" ")
        elif ord(char) < 32 or 0x7F <= ord(char) < 0xA0 or char == "\ufeff":
            continue
        elif char in "\u2010\u2011":
            out.append("-")  # the unbreakable hyphens print as "-"
        else:
            out.append(char)
    return "".join(out)


@given(st.text())
@example("'A")  # an opening quote (found by CI)
@example("a\u2011b\u2010-c")  # unbreakable hyphens print as "-"
def test_escaping_is_lossless(text: str) -> None:
    assert decode(escape_text(text)) == expected_text(text)


@given(st.text())
def test_no_special_character_survives_unescaped(text: str) -> None:
    latex = escape_text(text)
    stripped = _TOKEN.sub("", latex)
    assert not set(stripped) & set("\\{}$&#^_%~")


TEX_SAFE_ALPHABET = string.ascii_letters + string.digits + string.punctuation + " éüßçñŁłåøæ"


@pytest.mark.tex
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=st.text(alphabet=TEX_SAFE_ALPHABET, min_size=1, max_size=40).filter(str.strip))
def test_escaped_text_compiles_and_extracts_as_written(text: str, tmp_path: Path) -> None:
    document = (
        "\\documentclass{article}\\usepackage[T1]{fontenc}\\usepackage{lmodern}"
        "\\pagestyle{empty}\\begin{document}\\noindent " + escape_text(text) + "\\end{document}\n"
    )
    pdf = tmp_path / "out.pdf"
    pdf.write_bytes(compile_latex(document).pdf)
    assert pdf_text(pdf) == normalise_text(text)
