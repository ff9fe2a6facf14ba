"""LaTeX escaping: user text never becomes TeX code.

Two string types carry intent through the templates:

* :class:`Latex` is LaTeX source a template may output as it is; only the
  markup converter, the ``url`` filter and template authors create it.
* :class:`~cvtex.diagnostics.SourceText` is raw user text that remembers which YAML
  field it came from, so a TeX error on a line can be traced back to that field.

Anything else that reaches the output is escaped by :func:`escape_text`.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from cvtex.diagnostics import FieldPath

_SPECIALS = {
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
    # Straight quote and grave as typed: xelatex's and lualatex's TeX ligatures would
    # make them ” and ‘ (these commands bypass them), \` a combining accent.
    '"': r"\textquotedbl{}",
    "`": r"\textasciigrave{}",
    # Not specials, but dangerous at the start of text after \item or \\:
    "[": "{[}",
    "]": "{]}",
    "*": "{*}",
    # Typographic fixes that keep the characters as written:
    "\u00a0": "~",
    "\u00ad": r"\-",
    # Invisible format characters pasted from the web: keep their effect, not the glyph.
    "\u200b": r"\hspace{0pt}",  # zero-width space: a break opportunity
    "\u2060": r"\nobreak{}",  # word joiner
    "\ufeff": "",  # byte-order mark / zero-width no-break space
}

_PLAIN_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})
_LIGATURE_PAIRS = frozenset({"--", "<<", ">>", "''", ",,", "``"})
"""Pairs that TeX ligatures would merge into another character (– « » ” „)."""
_LIGATURE_BREAK = r"\/"
"""Between such a pair: an italic correction, a kern, which stops the ligature in every
engine (LuaTeX ligatures across ``{}``); zero in upright type, dropped in PDF strings."""

_WHITESPACE_AS_SPACE = frozenset("\t\n\r\v\f\u2028\u2029\u0085")


class Latex(str):
    """LaTeX source that is output as it is, optionally with the field it shows."""

    path: FieldPath | None

    def __new__(cls, value: str, path: FieldPath | None = None) -> Latex:
        instance = super().__new__(cls, value)
        instance.path = path
        return instance

    def __html__(self) -> str:
        """Already LaTeX: markupsafe (and so Jinja) must not escape it again."""
        return str(self)


def escape_text(text: str) -> str:
    """Turn any text into LaTeX that prints exactly that text."""
    out: list[str] = []
    previous = ""
    # Hyphens that cannot break print as "-": every hyphen is kept on its line already,
    # and fonts that share one glyph for -, U+2010 and U+2011 made lualatex's text
    # layer wrong. Replaced first, so "‐-" still gets its ligature break.
    text = text.translate(_PLAIN_HYPHENS)
    opening = {match.start() for match in _OPENING_QUOTE.finditer(text)}
    for index, char in enumerate(text):
        if char in _WHITESPACE_AS_SPACE:
            char = " "
        elif unicodedata.category(char) == "Cc":
            continue
        if previous + char in _LIGATURE_PAIRS:
            out.append(_LIGATURE_BREAK)
        if index in opening:
            out.append(r"\textquoteleft{}")  # TeX sets every ' as ’, an apostrophe
        else:
            out.append(_SPECIALS.get(char, char))
        previous = char
    return "".join(out)


_OPENING_QUOTE = re.compile(r"(?:^|(?<=[\s(\[{\u2018\u201c\u2013\u2014/]))'(?=[^\W\d_])")
"""A ' that opens a quotation ('Teacher of the Month'): after a space or an opening
bracket, before a letter. An apostrophe ('90s, Guy's) is not one."""


_URL_SAFE = "/:?=&@!$'()+,;-._[]"
_URL_TEX_ESCAPES = {"%": r"\%", "#": r"\#", "&": r"\&", "_": r"\_", "$": r"\$"}


def escape_url(url: str) -> str:
    """Make a URL safe as the first argument of ``\\href`` (and ``\\url``).

    Characters that are not legal in a URL are percent-encoded (the URL keeps its
    meaning), then the characters TeX would read as code are escaped.
    """
    cleaned = "".join(c for c in url.strip() if unicodedata.category(c) != "Cc")
    address, hash_, fragment = cleaned.partition("#")
    # One # starts the fragment; any later one is part of it (viewers cut at a second #).
    encoded = quote(address, safe=_URL_SAFE + "%") + hash_ + quote(fragment, safe=_URL_SAFE + "%")
    return "".join(_URL_TEX_ESCAPES.get(char, char) for char in encoded)
