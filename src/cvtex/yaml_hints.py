"""Plain words for YAML and JSON syntax errors, at the spot of the mistake.

PyYAML says what its parser expected where it stopped: "mapping values are not
allowed here", "expected <block end>, but found '<block mapping start>'". That is
true, but it names the parser's states, not the user's mistake, and the spot where
the parser stopped is often a line after the mistake. A handful of mistakes cause
nearly every syntax error in a hand-written résumé: a tab, an unquoted value that
holds ": ", a missing space after "-" or ":", a line whose indentation matches no
line above, an unclosed quote or bracket, and, in JSON, a missing comma or a comment.

:data:`_RULES` is a small table: a pattern for PyYAML's problem (and sometimes its
context) and a function that reads the source lines around the error. When the
function recognises the mistake it returns a :class:`Hint`, what to do in plain
words and, if the mistake is elsewhere, where (the line that lacks a space, the
bracket that is never closed); otherwise it returns None and the next rule is
tried. When no rule matches, the parser's own words are shown, as before.

An explanation keeps the parser's words as a suffix only where they describe the
same spot in readable terms: they are dropped when the caret moved away from where
the parser stopped, and when they name parser tokens (``<block end>``,
``'<scalar>'``) or are half a sentence ("but found another document"), which only
confuse.

Every rule is best effort over arbitrary text: it reads lines by number through
:class:`_Source`, which answers "" outside the file, and never raises.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

import yaml

from cvtex.diagnostics import Position


@dataclass(frozen=True, slots=True)
class Hint:
    """What to do, in plain words, and where the mistake is if not where the parser stopped."""

    message: str
    position: Position | None = None


class _Source:
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
class _Error:
    """One syntax error: PyYAML's words and marks (1-based) and the source."""

    problem: str
    context: str
    at: Position | None
    """Where the parser stopped (PyYAML's problem mark)."""
    opened: Position | None
    """Where the construct it was reading began (PyYAML's context mark)."""
    source: _Source
    is_json: bool

    @property
    def line(self) -> str:
        return self.source.line(self.at.line) if self.at else ""

    @property
    def before(self) -> str:
        """The line up to where the parser stopped."""
        return self.line[: self.at.column - 1] if self.at else ""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


_DASHES = re.compile(r"(?:-[ ]+)*")
_DASH = re.compile(r"-[ ]+(?=\S)")
_WORD = re.compile(r"-|[^\s:]+")
_KEY_VALUE = re.compile(r"(?P<key>[^\s#'\"][^:#]*?|\"[^\"]*\"|'[^']*'):[ ]+(?P<value>.*\S)")
"""``key: value`` after the indentation and any ``- ``; the key plain or quoted."""


def _content_column(line: str) -> int:
    """The 0-based column of what follows the indentation and any ``- ``."""
    start = _indent(line)
    match = _DASHES.match(line, start)
    return match.end() if match else start


def _word(line: str, column: int) -> str:
    """The key (or ``-``) that starts at 0-based ``column``."""
    match = _WORD.match(line, column)
    return match.group() if match else line[column : column + 1]


def _quoted(value: str) -> str:
    """``value`` in quotes that keep it as written: double unless it holds ``"`` or ``\\``."""
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


def _value_of(line: str) -> tuple[str, str] | None:
    """``(key, value)`` of a ``key: value`` line, the value without a trailing comment."""
    match = _KEY_VALUE.fullmatch(line.rstrip(), _content_column(line))
    if match is None:
        return None
    value = re.split(r"\s+#", match["value"], maxsplit=1)[0].rstrip()
    return match["key"], value


def _quote_example(line: str) -> str:
    """``: write it as name: "Ada: Lovelace"``, or nothing when the line is not key: value."""
    pair = _value_of(line)
    if pair is None or not pair[1]:
        return ""
    return f": {pair[0]}: {_quoted(pair[1])}"


def _columns_above(source: _Source, number: int) -> dict[int, tuple[int, str]]:
    """Indentations a line at ``number`` could line up with: the nearest line above
    and every line indented less than all the lines between, each with the keys after
    its dashes; 0-based column → (line number, the word there), the nearest kept."""
    found: dict[int, tuple[int, str]] = {}
    limit: int | None = None
    above = source.significant_before(number)
    while above is not None:
        text = source.line(above)
        indent = _indent(text)
        if limit is None or indent < limit:
            column = indent
            while True:
                found.setdefault(column, (above, _word(text, column)))
                dash = _DASH.match(text, column)
                if dash is None:
                    break
                column = dash.end()
            limit = indent
            if indent == 0:
                break
        above = source.significant_before(above)
    return found


def _spaces(count: int) -> str:
    return f"{count} space{'s' if count != 1 else ''}"


def _line_up(source: _Source, number: int) -> str:
    """``line it up with "name" on line 2 (4 spaces), or with "-" on line 2 (2 spaces)``:
    the nearest indentations above, one deeper and one shallower, that the line may take."""
    indent = _indent(source.line(number))
    columns = _columns_above(source, number)
    deeper = [c for c in columns if c > indent]
    shallower = [c for c in columns if c < indent]
    choices = [min(deeper)] if deeper else []
    if shallower:
        choices.append(max(shallower))
    parts = []
    for column in choices:
        line, word = columns[column]
        amount = _spaces(column) if column else "no indentation"
        parts.append(f'with "{word}" on line {line} ({amount})')
    return "line it up " + ", or ".join(parts) if parts else "line it up with the lines above"


# --- the rules ---------------------------------------------------------------------


def _tab(error: _Error) -> Hint | None:
    before = error.before
    if not before.strip():
        return Hint(
            "a tab in the indentation; YAML indents with spaces only: replace it with spaces"
        )
    if before.rstrip().endswith((":", "-")):
        sign = before.rstrip()[-1]
        return Hint(
            f'a tab after the "{sign}"; YAML separates it from the value with spaces only: '
            "replace the tab with a space"
        )
    return Hint("a tab in a value without quotes; replace it with a space, or quote the value")


def _mapping_value(error: _Error) -> Hint | None:
    """``mapping values are not allowed here``: a ": " where no key may start."""
    if error.at is None or error.is_json:
        return None  # in JSON a comment does this, or text after the end
    line, before, number = error.line, error.before, error.at.line
    head = before[_content_column(before) :] if before.strip() else ""
    if re.search(r":[ ]", head):
        return Hint(f'a value that holds ": " must be in quotes{_quote_example(line)}')
    above = error.source.significant_before(number)
    if above is None:
        return None
    previous = error.source.line(above)
    content = previous[_content_column(previous) :].rstrip()
    if ":" not in content and "#" not in content and _indent(line) > _indent(previous):
        end = Position(above, len(previous.rstrip()) + 1)
        return Hint(
            f'"{content}" on line {above} has no ":" after it, so this line is read as more '
            f'of its text; write "{content}:"',
            end,
        )
    glued = re.match(r"(?P<key>[^\s:#'\"][^\s:]*):(?P<value>\S.*)", content)
    if glued and not re.search(r":\s|:$", content):
        colon = Position(above, _content_column(previous) + len(glued["key"]) + 1)
        return Hint(
            f'"{content}" has no space after its ":", so it is text, not a key and a value, '
            f'and the next line is read as more of it; write "{glued["key"]}: {glued["value"]}"',
            colon,
        )
    dashed = re.match(r"-(?P<rest>[^\s-].*)", content)
    if dashed and ":" in content:
        dash = Position(above, _content_column(previous) + 1)
        return Hint(
            f'"{content}" on line {above} has no space after its "-", so it is a key, not a '
            f'list item, and this line is read as more of its value; write "- {dashed["rest"]}"',
            dash,
        )
    if _value_of(previous) is not None and _indent(line) > _content_column(previous):
        key = _word(previous, _content_column(previous))
        start = Position(number, _indent(line) + 1)
        return Hint(
            f'this line is indented more than "{key}" on line {above}, so it is read as more '
            f"of that value; {_line_up(error.source, number)}",
            start,
        )
    return Hint('a ": " ends a key, and no key can start here; if it is text, quote the value')


def _block_end(error: _Error) -> Hint | None:
    """``expected <block end>, but found X``: a line that does not fit the block it is in."""
    found = re.search(r"but found '(<[^>]+>|.)'", error.problem)
    if found is None or error.at is None or error.opened is None:
        return None
    token, number, source = found[1], error.at.line, error.source
    if token in ("-", "?"):
        return _dash_among_keys(error, token)
    if token in ("<block mapping start>", "<block sequence start>"):
        return Hint(
            f"this line is indented by {_spaces(_indent(error.line))}, which lines up with no line "
            f"above it; {_line_up(source, number)}",
            Position(number, _indent(error.line) + 1),
        )
    if token == "<scalar>":
        return _after_closed_value(error)
    if token == ":":
        return Hint('a ":" with no key before it; write the key, or quote the value if it is text')
    if token in "]}":
        opener = "[" if token == "]" else "{"
        return Hint(
            f'this "{token}" closes nothing, no "{opener}" is open here; remove it, or quote the '
            "value if it is text"
        )
    return None


def _dash_among_keys(error: _Error, token: str) -> Hint | None:
    assert error.at is not None and error.opened is not None
    source, block_column = error.source, error.opened.column - 1
    for number in range(error.opened.line, error.at.line + 1):
        text = source.line(number)
        if _indent(text) == block_column and re.match(r"-[^\s-]", text[block_column:]):
            item = text.strip()
            return Hint(
                f'"{item}" has no space after the "-", so it is not read as a list item; '
                f'write "- {item[1:]}"',
                Position(number, block_column + 1),
            )
    opened_line = source.line(error.opened.line)
    if token == "-":
        key = _word(opened_line, block_column)
        return Hint(
            f'a list item in line with the key "{key}" on line {error.opened.line}; a list '
            "cannot stand beside keys: put it under a key of its own, indented below it"
        )
    for number in range(error.at.line - 1, error.opened.line - 1, -1):
        text = source.line(number)
        if _indent(text) == block_column and text[block_column:].startswith("-"):
            column = _content_column(text)
            return Hint(
                f'this key is in line with the "-" of the list item on line {number}, so it '
                f'belongs to no item; indent it by {_spaces(column)}, like "{_word(text, column)}",'
                f' to add it to that item, or write "- {error.line.strip()}" to start a new one'
            )
    return None


def _after_closed_value(error: _Error) -> Hint | None:
    """Text after a quoted value, or after the closing bracket of a value that opened one."""
    assert error.at is not None
    last = error.before.rstrip()[-1:]
    if last in ("'", '"'):
        token = _last_scalar(error.source, error.source.index(error.at))
        if token is not None and token.start_mark.line != token.end_mark.line:
            start = Position(token.start_mark.line + 1, token.start_mark.column + 1)
            return Hint(
                f"this {last} is not closed on its line, so the value runs on to line "
                f"{error.at.line}; close it on this line",
                start,
            )
        inside = "write it twice ('')" if last == "'" else 'write it as \\"'
        other = '"' if last == "'" else "'"
        return Hint(
            f"text after the closing {last} of a quoted value; for a {last} inside the value "
            f"{inside}, or quote the whole value with {other} instead"
        )
    if last in ("]", "}"):
        what = "a list" if last == "]" else "a mapping"
        opener = "[" if last == "]" else "{"
        return Hint(
            f'a value that starts with "{opener}" is read as {what}, and text follows its '
            f'closing "{last}"; put the whole value in quotes{_quote_example(error.line)}'
        )
    return None


def _last_scalar(source: _Source, index: int) -> yaml.ScalarToken | None:
    """The last complete scalar before ``index``, as the scanner reads it."""
    last = None
    try:
        for token in yaml.scan(source.text[:index], Loader=yaml.SafeLoader):
            if isinstance(token, yaml.ScalarToken):
                last = token
    except yaml.YAMLError:
        pass
    return last


def _flow_end(error: _Error) -> Hint | None:
    """``expected ',' or ']', but got X`` inside ``[ ]`` or ``{ }``."""
    expected = re.search(r"expected ',' or '([\]}])', but got '?(<[^>]+>|.)'?", error.problem)
    if expected is None or error.at is None or error.opened is None:
        return None
    closer, got = expected[1], expected[2]
    opener = "[" if closer == "]" else "{"
    what = "list" if closer == "]" else "mapping"
    where = f"line {error.opened.line}, column {error.opened.column}"
    quote = "" if error.is_json else f', or quote the value if the "{opener}" is text'
    if got == "<stream end>":
        return Hint(f'this "{opener}" is never closed; end the {what} with "{closer}"{quote}')
    if got in "]}":
        return Hint(
            f'this "{got}" does not match the "{opener}" at {where}; remove it if it is one '
            f'too many, or close the {what} with "{closer}" before it'
        )
    if got in ("<scalar>", "{", "["):
        source = error.source
        index = source.index(error.at)
        text = source.text[:index]
        key = re.search(r"""[{,]\s*("(?:[^"\\]|\\.)*"|'[^']*')\s*\Z""", text)
        if closer == "}" and key is not None:
            return Hint(f'a ":" is missing after the key {key[1]}', source.position(key.end(1)))
        end = len(text.rstrip())
        return Hint(
            f'a "," is missing here, between two entries of the {what}', source.position(end)
        )
    if not error.is_json and error.at.line > error.opened.line:
        return Hint(
            f'this "{opener}" is not closed before line {error.at.line}; end the {what} with '
            f'"{closer}"{quote}',
            error.opened,
        )
    return Hint(f'entries inside "{opener} {closer}" are separated by ","{quote}')


def _unclosed_quote(error: _Error) -> Hint | None:
    if error.opened is None:
        return None
    quote = error.source.line(error.opened.line)[error.opened.column - 1 : error.opened.column]
    return Hint(
        f"this {quote} is never closed; add the closing {quote} after the value", error.opened
    )


def _simple_key(error: _Error) -> Hint | None:
    """``could not find expected ':'``: a line that is neither a key nor a list item."""
    if error.opened is None:
        return None
    source, number = error.source, error.opened.line
    line = source.line(number)
    above = source.significant_before(number)
    previous = source.line(above) if above is not None else ""
    block = re.search(r":[ ]+([|>])[-+0-9]*\s*(#.*)?$", previous)
    if above is not None and block and _indent(line) <= _indent(previous):
        key = _word(previous, _content_column(previous))
        return Hint(
            f'the text of the "{block[1]}" on line {above} must be indented more than "{key}"; '
            "indent this line",
            error.opened,
        )
    return Hint(
        'this line is neither "key: value" nor a "- " list item (it has no ":"); add the ":", '
        "or indent it further to continue the value above",
        error.opened,
    )


def _sequence_here(error: _Error) -> Hint | None:
    pair = _value_of(error.line)
    key = f' "{pair[0]}"' if pair else ""
    return Hint(
        f"a list cannot start on the line of its key; put each item on a line of its own, "
        f"indented below the key{key}, or write the list as [a, b]; if it is text, quote the value"
    )


def _alias(error: _Error) -> Hint | None:
    anchor = "anchor" in error.context
    sign = "&" if anchor else "*"
    where = error.opened if error.context else error.at
    what = "an anchor (&name)" if anchor else "an alias (a reference to an &anchor)"
    line = error.source.line(where.line) if where else ""
    return Hint(
        f'a value that starts with "{sign}" is read as {what}; put the value in quotes'
        f"{_quote_example(line)}",
        where,
    )


def _reserved(error: _Error) -> Hint | None:
    found = re.search(r"found character '(.)'", error.problem)
    if found is None:
        return None
    return Hint(
        f'a value cannot start with "{found[1]}"; put the value in quotes'
        f"{_quote_example(error.line)}"
    )


def _escape(error: _Error) -> Hint | None:
    if error.at is None:
        return None
    backslash = error.before.rfind("\\")
    position = Position(error.at.line, backslash + 1) if backslash >= 0 else None
    pair = _value_of(error.line)
    example = ""
    if pair and len(pair[1]) > 1 and pair[1][0] == pair[1][-1] == '"':
        example = f": {pair[0]}: '{pair[1][1:-1]}'"
    return Hint(
        'in double quotes a "\\" starts an escape such as "\\n"; write "\\\\" for a '
        f"backslash, or use single quotes{example}",
        position,
    )


def _another_document(error: _Error) -> Hint | None:
    return Hint(
        'a "---" line starts a second document, and a résumé is one; remove it '
        '("---" may only open the file)'
    )


def _after_document(error: _Error) -> Hint | None:
    found = re.search(r"but found '(<[^>]+>|.)'", error.problem)
    if found and found[1] in "]}":
        return Hint(
            f'this "{found[1]}" closes nothing: the brackets before it are all closed; remove it'
        )
    if error.is_json:
        return Hint("text after the end of the JSON document; remove it")
    return None


def _empty_entry(error: _Error) -> Hint | None:
    return Hint('a "," with no entry before it; remove it')


def _ends_early(error: _Error) -> Hint | None:
    """The file ends where a value must follow: inside a bracket, or after a ``,`` or ``:``."""
    open_brackets: list[yaml.Mark] = []
    try:
        for token in yaml.scan(error.source.text, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.FlowSequenceStartToken | yaml.FlowMappingStartToken):
                open_brackets.append(token.start_mark)
            elif isinstance(token, yaml.FlowSequenceEndToken | yaml.FlowMappingEndToken):
                del open_brackets[-1:]
    except yaml.YAMLError:
        pass
    if not open_brackets:
        return Hint("the file ends where a value should follow; add it, or remove what expects it")
    mark = open_brackets[-1]
    sign = error.source.line(mark.line + 1)[mark.column : mark.column + 1]
    closer = "]" if sign == "[" else "}"
    return Hint(
        f'this "{sign}" is never closed; end it with "{closer}"',
        Position(mark.line + 1, mark.column + 1),
    )


def _json_comment(error: _Error) -> Hint | None:
    """JSON has no comments; the parser stumbles somewhere after one."""
    if not error.is_json or error.at is None:
        return None
    source = error.source
    end = source.index(Position(error.at.line + 1, 1))
    text, quote, i = source.text, "", 0
    while i < end:
        char = text[i]
        if quote:
            if char == "\\" and quote == '"':
                i += 1
            elif char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif text.startswith(("//", "/*"), i):
            return Hint(
                'JSON has no comments; remove this one (in YAML, "#" starts a comment)',
                source.position(i),
            )
        i += 1
    return None


_Rule = tuple[str, str, Callable[[_Error], Hint | None]]
_RULES: tuple[_Rule, ...] = (
    # (pattern for the problem, pattern for the context, rule); first match that answers wins
    (r"", r"", _json_comment),
    (r"'\\t'", r"", _tab),
    (r"mapping values are not allowed here", r"", _mapping_value),
    (r"expected <block end>", r"", _block_end),
    (r"expected ',' or", r"while parsing a flow", _flow_end),
    (r"unexpected end of stream", r"while scanning a quoted scalar", _unclosed_quote),
    (r"could not find expected ':'", r"while scanning a simple key", _simple_key),
    (r"sequence entries are not allowed here", r"", _sequence_here),
    (r"undefined alias", r"", _alias),
    (r"", r"while scanning an? (alias|anchor)", _alias),
    (r"cannot start any token", r"", _reserved),
    (r"escape", r"while scanning a double-quoted scalar", _escape),
    (r"found another document", r"", _another_document),
    (r"expected '<document start>'", r"", _after_document),
    (r"expected the node content, but found ','", r"", _empty_entry),
    (r"but found '<stream end>'", r"", _ends_early),
)


def missing_space(value: object, expected: str) -> str:
    """Why YAML read ``value`` as text where a list or a mapping was ``expected``, when
    the cause is the same missing space as above with nothing after it to trip the
    parser: ``-Python`` is text, not a list item; ``name:Ada`` is text, not a key and
    its value. Lines of such text fold into one (``-Python -Go``): the first is named.
    Returns ``; "-Python" has no space after the "-", so it is text, not a list item
    (write "- Python")``, or ""."""
    if isinstance(value, dict) and expected == "list":
        dashed = next(
            (k for k in value if isinstance(k, str) and re.fullmatch(r"-[^\s-].*", k)), None
        )
        if dashed is not None:
            return (
                f'; "{dashed}:" has no space after the "-", so it is a key, not a list item '
                f'(write "- {dashed[1:]}:")'
            )
        return ""
    if not isinstance(value, str) or not value:
        return ""
    first = value.split(" ", 1)[0]
    if expected == "list" and re.fullmatch(r"-[^\s-].*", first):
        return (
            f'; "{first}" has no space after the "-", so it is text, not a list item '
            f'(write "- {first[1:]}")'
        )
    glued = re.fullmatch(r"(?P<key>[^\s:#'\"\[{][^\s:]*):(?P<value>(?!//)[^\s:].*)", first)
    if expected == "mapping" and glued:
        return (
            f'; "{first}" has no space after its ":", so it is text, not a key and a value '
            f'(write "{glued["key"]}: {glued["value"]}")'
        )
    return ""


def _position(mark: yaml.Mark | None) -> Position | None:
    return Position(mark.line + 1, mark.column + 1) if mark is not None else None


def explain(exc: yaml.MarkedYAMLError, text: str, *, is_json: bool) -> tuple[str, Position | None]:
    """The message and position for a syntax error in ``text``: an explanation where a
    rule recognises the mistake, else the parser's own words where it stopped."""
    problem, context = exc.problem or "", exc.context or ""
    source = _Source(text)
    at, opened = _position(exc.problem_mark), _position(exc.context_mark)
    stopped = at
    if at is not None and at.line > len(source.lines):  # "got <stream end>"
        if opened is not None and opened.line <= len(source.lines):
            stopped = opened  # where the construct began
        elif source.lines:
            stopped = Position(len(source.lines), len(source.lines[-1]) + 1)  # the end
    error = _Error(problem, context, at, opened, source, is_json)
    for problem_pattern, context_pattern, rule in _RULES:
        if re.search(problem_pattern, problem) and re.search(context_pattern, context):
            hint = rule(error)
            if hint is not None:
                break
    else:
        hint = None
    if hint is None:
        message = problem or context
        if context and problem and opened is not None:
            message += f" ({context} at line {opened.line}, column {opened.column})"
        return message, stopped
    position = hint.position or stopped
    message = hint.message
    if position == stopped and problem and "<" not in problem and not problem.startswith("but"):
        message += f" (parser: {problem})"
    return message, position
