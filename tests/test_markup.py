"""Inline markup: **bold**, *italic*, [text](url); everything else escaped."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cvtex.backends.latex.escape import Latex, escape_text
from cvtex.backends.latex.markup import markup_to_latex


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("**GPA** 3.84", r"\textbf{GPA} 3.84"),
        ("an *italic* word", r"an \textit{italic} word"),
        ("[site](https://a.org/x_y)", r"\href{https://a.org/x\_y}{site}"),
        ("[site](a.org)", r"\href{https://a.org}{site}"),
        ("**bold [link](https://a.org)**", r"\textbf{bold \href{https://a.org}{link}}"),
        ("**R&D** 100%", r"\textbf{R\&D} 100\%"),
        ("***both***", r"\textbf{\textit{both}}"),
    ],
)
def test_markup_converts_to_latex(text: str, expected: str) -> None:
    assert markup_to_latex(text) == expected


@pytest.mark.parametrize(
    "text",
    ["a lone * star", "2 * 3 * 4", "C** is not bold", "x*y", "snake_case_name", "[not a link]"],
)
def test_text_that_is_not_markup_prints_as_written(text: str) -> None:
    assert markup_to_latex(text) == escape_text(text)


def test_backslash_star_is_a_literal_star() -> None:
    assert markup_to_latex(r"\*not italic\*") == "{*}not italic{*}"


def test_markup_result_is_marked_safe() -> None:
    assert isinstance(markup_to_latex("x"), Latex)


def test_link_text_and_url_cannot_inject_tex() -> None:
    latex = markup_to_latex(r"[\input{/etc/passwd}](https://a.org/}\input{x})")
    assert r"\input" not in latex.replace(r"\textbackslash{}input", "").replace("%5Cinput", "")


@given(st.text(alphabet=st.characters(blacklist_characters="*[]()\\")))
def test_text_without_markup_characters_is_plain_escaping(text: str) -> None:
    assert markup_to_latex(text) == escape_text(text)
