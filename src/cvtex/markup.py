"""Inline markup in text fields: ``**bold**``, ``*italic*``, ``[text](url)``.

A deliberately tiny subset of Markdown: enough for résumé lines, and nothing
that changes the meaning of ordinary text (a lone ``*`` or ``_`` stays as
written). ``\\*`` writes a literal asterisk. Everything that is not markup is
escaped, so the result is always safe LaTeX.
"""

from __future__ import annotations

import re

from cvtex.escape import Latex, escape_text, escape_url
from cvtex.links import safe_target

_LINK = re.compile(r"\[(?P<text>[^\[\]]+)\]\((?P<url>[^()\s]+)\)")
_BOLD_ITALIC = re.compile(r"\*\*\*(?=\S)(?P<text>.+?)(?<=\S)\*\*\*")
_BOLD = re.compile(r"\*\*(?=\S)(?P<text>.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![*\w\\])\*(?=[^\s*])(?P<text>[^*]+?)(?<=[^\s*\\])\*(?![*\w])")
_ESCAPED_STAR = "\x00"


def markup_to_latex(text: str) -> Latex:
    """Convert inline markup to LaTeX, escaping everything else."""
    protected = text.replace(_ESCAPED_STAR, "").replace("\\*", _ESCAPED_STAR)
    return Latex(_convert(protected))


def _convert(text: str) -> str:
    out: list[str] = []
    position = 0
    while position < len(text):
        match = _earliest_match(text, position)
        if match is None:
            break
        out.append(_plain(text[position : match.start()]))
        inner = _convert(match.group("text"))
        if match.re is _LINK:
            target = safe_target(match.group("url"))
            # A refused link was reported by validation; never emit it.
            out.append(rf"\href{{{escape_url(target)}}}{{{inner}}}" if target else inner)
        elif match.re is _BOLD_ITALIC:
            out.append(rf"\textbf{{\textit{{{inner}}}}}")
        elif match.re is _BOLD:
            out.append(rf"\textbf{{{inner}}}")
        else:
            out.append(rf"\textit{{{inner}}}")
        position = match.end()
    out.append(_plain(text[position:]))
    return "".join(out)


def _earliest_match(text: str, position: int) -> re.Match[str] | None:
    best: re.Match[str] | None = None
    for pattern in (_LINK, _BOLD_ITALIC, _BOLD, _ITALIC):
        match = pattern.search(text, position)
        if match is not None and (best is None or match.start() < best.start()):
            best = match
    return best


def _plain(text: str) -> str:
    return "{*}".join(escape_text(piece) for piece in text.split(_ESCAPED_STAR))


def link_targets(text: str) -> list[str]:
    """The targets of every ``[text](url)`` in ``text``, as written."""
    return [match.group("url") for match in _LINK.finditer(text)]
