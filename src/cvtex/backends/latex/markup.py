"""Inline runs as LaTeX: the LaTeX backend's half of :mod:`cvtex.view.inline`.

The grammar (``**bold**``, ``*italic*``, ``[text](url)``) is parsed by the view;
here each run becomes LaTeX and every piece of text is escaped, so the result is
always safe LaTeX and a link is only ever one the link policy allows.
"""

from __future__ import annotations

from collections.abc import Iterable

from cvtex.backends.latex.escape import Latex, escape_text, escape_url
from cvtex.view.inline import (
    Emphasis,
    Inline,
    LineBreak,
    LinkSpan,
    Rich,
    Strong,
    Text,
    link_targets,
    parse,
    plain,
)

__all__ = ["link_targets", "markup_to_latex", "markup_to_text", "rich_to_latex", "runs_to_latex"]


def markup_to_latex(text: str) -> Latex:
    """Convert inline markup to LaTeX, escaping everything else."""
    return Latex(runs_to_latex(parse(text)))


def markup_to_text(text: str) -> str:
    """What the reader sees: the text without its markup (a link's text, not its URL)."""
    return plain(parse(text))


def rich_to_latex(value: Rich) -> Latex:
    """A field's paragraphs, ``\\par`` between them."""
    return Latex("\\par ".join(runs_to_latex(runs) for runs in value.paragraphs), value.path)


def runs_to_latex(runs: Iterable[Inline]) -> str:
    out: list[str] = []
    for run in runs:
        if isinstance(run, Text):
            out.append(escape_text(run.text))
        elif isinstance(run, Strong):
            out.append(rf"\textbf{{{runs_to_latex(run.children)}}}")
        elif isinstance(run, Emphasis):
            out.append(rf"\textit{{{runs_to_latex(run.children)}}}")
        elif isinstance(run, LinkSpan):
            out.append(rf"\href{{{escape_url(run.link.target)}}}{{{runs_to_latex(run.children)}}}")
        elif isinstance(run, LineBreak):
            out.append("\\newline ")
    return "".join(out)
