"""Located messages and their compiler-style rendering.

Every problem cvtex reports about a user's file is a :class:`Diagnostic`, so the
loader, the schema checks and the TeX log parser all print the same way:
``file:line:col: severity: path: message``, then the source line and a caret.
Editors and CI annotators understand that format.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

PathPart = str | int
FieldPath = tuple[PathPart, ...]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@dataclass(frozen=True, slots=True)
class Position:
    """A 1-based line and column in a source file (column 0: the whole line)."""

    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem, located in the user's file where we can."""

    severity: Severity
    message: str
    path: FieldPath = ()
    position: Position | None = None
    file: str | None = None
    code: str | None = None
    """A stable name for the kind of problem (``link-scheme``, ``date-order``…)."""
    acknowledged: bool = False
    """A warning the résumé accepts with ``ignore:``: reported, never printed."""

    def sort_key(self) -> tuple[int, int, str]:
        if self.position is None:
            return (1 << 30, 0, self.message)
        return (self.position.line, self.position.column, self.message)


STRICT_SUFFIX = " (an error under --strict)"


def format_path(path: FieldPath) -> str:
    """Render ``("work", 0, "startDate")`` as ``work[0].startDate``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
"""Display-order controls: they reorder how text reads, in a PDF or on a terminal."""
SOURCE_WINDOW = 140
"""Columns of a long source line shown around the caret (a minified JSON file is
one line of megabytes)."""


def _unsafe(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cs") or char in BIDI_CONTROLS


def visible(text: str) -> str:
    """``text`` safe to print on a terminal, one column per character as before:
    control characters as their Control Pictures symbol, display-order controls
    (which would reorder the terminal's line, "Trojan Source") and lone surrogates as
    U+FFFD."""
    if text.isprintable() or not any(_unsafe(c) for c in text):
        return text
    out = []
    for char in text:
        code = ord(char)
        if code < 0x20 and char != "\t":
            out.append(chr(0x2400 + code))
        elif code == 0x7F:
            out.append("\u2421")
        elif _unsafe(char):
            out.append("\ufffd")
        else:
            out.append(char)
    return "".join(out)


def format_diagnostic(diagnostic: Diagnostic, source_lines: Sequence[str] | None = None) -> str:
    """Format one diagnostic, with the source line and a caret when it is located."""
    where = diagnostic.file or "cvtex"
    if diagnostic.position is not None:
        where += f":{diagnostic.position.line}"
        if diagnostic.position.column > 0:
            where += f":{diagnostic.position.column}"
    label = diagnostic.severity.value + (f"[{diagnostic.code}]" if diagnostic.code else "")
    text = f"{visible(where)}: {label}: "
    if diagnostic.path:
        text += f"{visible(format_path(diagnostic.path))}: "
    text += visible(diagnostic.message)
    position = diagnostic.position
    if position is not None and source_lines and 0 < position.line <= len(source_lines):
        line = source_lines[position.line - 1].rstrip("\r\n")
        column = position.column
        if len(line) > SOURCE_WINDOW:  # cut first: a minified file is one huge line
            start = max(0, min(column - 1 - SOURCE_WINDOW // 2, len(line) - SOURCE_WINDOW))
            shown = line[start : start + SOURCE_WINDOW]
            prefix = "…" if start > 0 else ""
            suffix = "…" if start + SOURCE_WINDOW < len(line) else ""
            line = prefix + shown + suffix
            column = column - start + len(prefix) if column > 0 else 0
        line = visible(line.expandtabs(1))
        gutter = f"{position.line:>5} | "
        text += f"\n{gutter}{line}"
        if column > 0:
            caret_pad = " " * (len(gutter) - 2) + "| " + " " * (column - 1)
            text += f"\n{caret_pad}^"
    return text


Sources = str | Mapping[str, str] | None
"""The text diagnostics point into: one file's text, or each file's by its name (a
résumé, a template's manifest, later an overlay), so every caret shows its own file."""


def format_all(diagnostics: Iterable[Diagnostic], sources: Sources = None) -> str:
    """Format many diagnostics, sorted by position, one block each. With one text, it
    is every diagnostic's; with a mapping, each diagnostic shows the line of its own
    file, and none when its file's text is not there (rather than another file's)."""
    if sources is None or isinstance(sources, str):
        one = sources.splitlines() if sources is not None else None
        by_file: dict[str, list[str]] = {}
    else:
        one = None
        by_file = {name: text.splitlines() for name, text in sources.items()}

    def lines_of(diagnostic: Diagnostic) -> Sequence[str] | None:
        return by_file.get(diagnostic.file or "") if by_file else one

    ordered = sorted((d for d in diagnostics if not d.acknowledged), key=Diagnostic.sort_key)
    return "\n".join(format_diagnostic(d, lines_of(d)) for d in ordered)


class SourceText(str):
    """Raw user text plus the path of the YAML field it came from."""

    path: FieldPath

    def __new__(cls, value: str, path: FieldPath) -> SourceText:
        instance = super().__new__(cls, value)
        instance.path = path
        return instance
