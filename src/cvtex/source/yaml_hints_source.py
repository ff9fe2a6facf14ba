"""What the syntax hints read: the source by line, PyYAML's error, and the layout of a line.

Every reader here is best effort over arbitrary text: :class:`Source` answers "" for a
line outside the file, so no rule needs to check bounds, and none raises.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from cvtex.diagnostics import Position


@dataclass(frozen=True, slots=True)
class Hint:
    """What to do, in plain words, and where the mistake is if not where the parser stopped."""

    message: str
    position: Position | None = None


class Source:
    """The text by 1-based line, as :func:`cvtex.diagnostics.format_all` shows it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.splitlines()
        self.starts = [0]
        for line in text.splitlines(keepends=True):
            self.starts.append(self.starts[-1] + len(line))

    def line(self, number: int) -> str:
        return self.lines[number - 1] if 0 < number <= len(self.lines) else ""

    def index(self, position: Position) -> int:
        """The offset of ``position`` in the text (clamped to the text)."""
        line = min(max(position.line, 1), len(self.starts))  # one past the last: the end
        return min(self.starts[line - 1] + max(position.column - 1, 0), len(self.text))

    def position(self, index: int) -> Position:
        line = max(bisect.bisect_right(self.starts, index) - 1, 0)
        line = min(line, max(len(self.lines) - 1, 0))
        return Position(line + 1, index - self.starts[line] + 1)

    def significant_before(self, number: int) -> int | None:
        """The nearest line above ``number`` that holds more than blanks or a comment."""
        for above in range(min(number, len(self.lines) + 1) - 1, 0, -1):
            stripped = self.line(above).strip()
            if stripped and not stripped.startswith("#"):
                return above
        return None


@dataclass(frozen=True)
class ParseError:
    """One syntax error: PyYAML's words and marks (1-based) and the source."""

    problem: str
    context: str
    at: Position | None
    """Where the parser stopped (PyYAML's problem mark)."""
    opened: Position | None
    """Where the construct it was reading began (PyYAML's context mark)."""
    source: Source
    is_json: bool

    @property
    def line(self) -> str:
        return self.source.line(self.at.line) if self.at else ""

    @property
    def before(self) -> str:
        """The line up to where the parser stopped."""
        return self.line[: self.at.column - 1] if self.at else ""


def indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


_DASHES = re.compile(r"(?:-[ ]+)*")
_DASH = re.compile(r"-[ ]+(?=\S)")
_WORD = re.compile(r"-|[^\s:]+")
_KEY_VALUE = re.compile(r"(?P<key>[^\s#'\"][^:#]*?|\"[^\"]*\"|'[^']*'):[ ]+(?P<value>.*\S)")
"""``key: value`` after the indentation and any ``- ``; the key plain or quoted."""


def content_column(line: str) -> int:
    """The 0-based column of what follows the indentation and any ``- ``."""
    start = indent_of(line)
    match = _DASHES.match(line, start)
    return match.end() if match else start


def word_at(line: str, column: int) -> str:
    """The key (or ``-``) that starts at 0-based ``column``."""
    match = _WORD.match(line, column)
    return match.group() if match else line[column : column + 1]


def _quoted(value: str) -> str:
    """``value`` in quotes that keep it as written: double unless it holds ``"`` or ``\\``."""
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


def value_of(line: str) -> tuple[str, str] | None:
    """``(key, value)`` of a ``key: value`` line, the value without a trailing comment."""
    match = _KEY_VALUE.fullmatch(line.rstrip(), content_column(line))
    if match is None:
        return None
    value = re.split(r"\s+#", match["value"], maxsplit=1)[0].rstrip()
    return match["key"], value


def quote_example(line: str) -> str:
    """``: write it as name: "Ada: Lovelace"``, or nothing when the line is not key: value."""
    pair = value_of(line)
    if pair is None or not pair[1]:
        return ""
    return f": {pair[0]}: {_quoted(pair[1])}"


def _columns_above(source: Source, number: int) -> dict[int, tuple[int, str]]:
    """Indentations a line at ``number`` could line up with: the nearest line above
    and every line indented less than all the lines between, each with the keys after
    its dashes; 0-based column → (line number, the word there), the nearest kept."""
    found: dict[int, tuple[int, str]] = {}
    limit: int | None = None
    above = source.significant_before(number)
    while above is not None:
        text = source.line(above)
        indent = indent_of(text)
        if limit is None or indent < limit:
            column = indent
            while True:
                found.setdefault(column, (above, word_at(text, column)))
                dash = _DASH.match(text, column)
                if dash is None:
                    break
                column = dash.end()
            limit = indent
            if indent == 0:
                break
        above = source.significant_before(above)
    return found


def spaces(count: int) -> str:
    return f"{count} space{'s' if count != 1 else ''}"


def line_up(source: Source, number: int) -> str:
    """``line it up with "name" on line 2 (4 spaces), or with "-" on line 2 (2 spaces)``:
    the nearest indentations above, one deeper and one shallower, that the line may take."""
    indent = indent_of(source.line(number))
    columns = _columns_above(source, number)
    deeper = [c for c in columns if c > indent]
    shallower = [c for c in columns if c < indent]
    choices = [min(deeper)] if deeper else []
    if shallower:
        choices.append(max(shallower))
    parts = []
    for column in choices:
        line, word = columns[column]
        amount = spaces(column) if column else "no indentation"
        parts.append(f'with "{word}" on line {line} ({amount})')
    return "line it up " + ", or ".join(parts) if parts else "line it up with the lines above"
