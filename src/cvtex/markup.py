"""Inline markup in text fields: ``**bold**``, ``*italic*``, ``[text](url)``.

A deliberately tiny subset of Markdown: enough for résumé lines, and nothing
that changes the meaning of ordinary text (a lone ``*`` or ``_`` stays as
written). ``\\*`` writes a literal asterisk. Everything that is not markup is
escaped, so the result is always safe LaTeX.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from cvtex.escape import Latex, escape_text, escape_url
from cvtex.links import safe_target

_LINK = re.compile(r"\[(?P<text>[^\[\]]+)\]\((?P<url>[^()\s]+)\)")
MAX_SPAN = 500
"""Characters one emphasis may span: an unclosed ``**`` must not make every search
scan to the end of a long text (quadratic time on hostile input)."""
_BOLD_ITALIC = re.compile(rf"\*\*\*(?=\S)(?P<text>.{{1,{MAX_SPAN}}}?)(?<=\S)\*\*\*")
_BOLD = re.compile(rf"\*\*(?=\S)(?P<text>.{{1,{MAX_SPAN}}}?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![*\w\\])\*(?=[^\s*])(?P<text>[^*]+?)(?<=[^\s*\\])\*(?![*\w])")
_ESCAPED_STAR = "\x00"
_UNSEARCHED: Any = object()


def markup_to_latex(text: str) -> Latex:
    """Convert inline markup to LaTeX, escaping everything else."""
    protected = text.replace(_ESCAPED_STAR, "").replace("\\*", _ESCAPED_STAR)
    return Latex(_convert(protected, _latex_piece, _plain))


def markup_to_text(text: str) -> str:
    """What the reader sees: the text without its markup (a link's text, not its URL)."""
    protected = text.replace(_ESCAPED_STAR, "").replace("\\*", _ESCAPED_STAR)
    return _convert(protected, lambda match, inner: inner, lambda t: t.replace(_ESCAPED_STAR, "*"))


def _latex_piece(match: re.Match[str], inner: str) -> str:
    if match.re is _LINK:
        target = safe_target(match.group("url"))
        # A refused link was reported by validation; never emit it.
        return rf"\href{{{escape_url(target)}}}{{{inner}}}" if target else inner
    if match.re is _BOLD_ITALIC:
        return rf"\textbf{{\textit{{{inner}}}}}"
    if match.re is _BOLD:
        return rf"\textbf{{{inner}}}"
    return rf"\textit{{{inner}}}"


def _convert(
    text: str,
    piece: Callable[[re.Match[str], str], str],
    plain: Callable[[str], str],
) -> str:
    out: list[str] = []
    position = 0
    upcoming: dict[re.Pattern[str], re.Match[str] | None] = {}
    while position < len(text):
        match = _earliest_match(text, position, upcoming)
        if match is None:
            break
        out.append(plain(text[position : match.start()]))
        out.append(piece(match, _convert(match.group("text"), piece, plain)))
        position = match.end()
    out.append(plain(text[position:]))
    return "".join(out)


def _earliest_match(
    text: str, position: int, upcoming: dict[re.Pattern[str], re.Match[str] | None]
) -> re.Match[str] | None:
    """The first markup at or after ``position``. Each pattern's next match is kept
    until the text passes it, so a long text is searched once per pattern, not once
    per piece of markup found."""
    best: re.Match[str] | None = None
    for pattern in (_LINK, _BOLD_ITALIC, _BOLD, _ITALIC):
        found = upcoming.get(pattern, _UNSEARCHED)
        if found is _UNSEARCHED or (found is not None and found.start() < position):
            found = pattern.search(text, position)
            upcoming[pattern] = found
        if found is not None and (best is None or found.start() < best.start()):
            best = found
    return best


def _plain(text: str) -> str:
    return "{*}".join(escape_text(piece) for piece in text.split(_ESCAPED_STAR))


def link_targets(text: str) -> list[str]:
    """The targets of every ``[text](url)`` in ``text``, as written."""
    return [match.group("url") for match in _LINK.finditer(text)]
