"""Syntax hints for a block's layout: indentation, tabs, and the space after "-" or ":".

Each rule reads the lines around a :class:`~cvtex.source.yaml_hints_source.ParseError` and
returns a :class:`~cvtex.source.yaml_hints_source.Hint` when it recognises the mistake, else
None so that the next rule is tried.
"""

from __future__ import annotations

import re

import yaml

from cvtex.diagnostics import Position
from cvtex.source.yaml_hints_source import (
    Hint,
    ParseError,
    Source,
    content_column,
    indent_of,
    line_up,
    quote_example,
    spaces,
    value_of,
    word_at,
)


def tab(error: ParseError) -> Hint | None:
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


def mapping_value(error: ParseError) -> Hint | None:
    """``mapping values are not allowed here``: a ": " where no key may start."""
    if error.at is None or error.is_json:
        return None  # in JSON a comment does this, or text after the end
    line, before, number = error.line, error.before, error.at.line
    head = before[content_column(before) :] if before.strip() else ""
    if re.search(r":[ ]", head):
        return Hint(f'a value that holds ": " must be in quotes{quote_example(line)}')
    above = error.source.significant_before(number)
    if above is None:
        return None
    previous = error.source.line(above)
    content = previous[content_column(previous) :].rstrip()
    if ":" not in content and "#" not in content and indent_of(line) > indent_of(previous):
        end = Position(above, len(previous.rstrip()) + 1)
        return Hint(
            f'"{content}" on line {above} has no ":" after it, so this line is read as more '
            f'of its text; write "{content}:"',
            end,
        )
    glued = re.match(r"(?P<key>[^\s:#'\"][^\s:]*):(?P<value>\S.*)", content)
    if glued and not re.search(r":\s|:$", content):
        colon = Position(above, content_column(previous) + len(glued["key"]) + 1)
        return Hint(
            f'"{content}" has no space after its ":", so it is text, not a key and a value, '
            f'and the next line is read as more of it; write "{glued["key"]}: {glued["value"]}"',
            colon,
        )
    dashed = re.match(r"-(?P<rest>[^\s-].*)", content)
    if dashed and ":" in content:
        dash = Position(above, content_column(previous) + 1)
        return Hint(
            f'"{content}" on line {above} has no space after its "-", so it is a key, not a '
            f'list item, and this line is read as more of its value; write "- {dashed["rest"]}"',
            dash,
        )
    if value_of(previous) is not None and indent_of(line) > content_column(previous):
        key = word_at(previous, content_column(previous))
        start = Position(number, indent_of(line) + 1)
        return Hint(
            f'this line is indented more than "{key}" on line {above}, so it is read as more '
            f"of that value; {line_up(error.source, number)}",
            start,
        )
    return Hint('a ": " ends a key, and no key can start here; if it is text, quote the value')


def block_end(error: ParseError) -> Hint | None:
    """``expected <block end>, but found X``: a line that does not fit the block it is in."""
    found = re.search(r"but found '(<[^>]+>|.)'", error.problem)
    if found is None or error.at is None or error.opened is None:
        return None
    token, number, source = found[1], error.at.line, error.source
    if token in ("-", "?"):
        return _dash_among_keys(error, token)
    if token in ("<block mapping start>", "<block sequence start>"):
        depth = indent_of(error.line)
        return Hint(
            f"this line is indented by {spaces(depth)}, which lines up with no line "
            f"above it; {line_up(source, number)}",
            Position(number, depth + 1),
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


def _dash_among_keys(error: ParseError, token: str) -> Hint | None:
    assert error.at is not None and error.opened is not None
    source, block_column = error.source, error.opened.column - 1
    for number in range(error.opened.line, error.at.line + 1):
        text = source.line(number)
        if indent_of(text) == block_column and re.match(r"-[^\s-]", text[block_column:]):
            item = text.strip()
            return Hint(
                f'"{item}" has no space after the "-", so it is not read as a list item; '
                f'write "- {item[1:]}"',
                Position(number, block_column + 1),
            )
    opened_line = source.line(error.opened.line)
    if token == "-":
        key = word_at(opened_line, block_column)
        return Hint(
            f'a list item in line with the key "{key}" on line {error.opened.line}; a list '
            "cannot stand beside keys: put it under a key of its own, indented below it"
        )
    for number in range(error.at.line - 1, error.opened.line - 1, -1):
        text = source.line(number)
        if indent_of(text) == block_column and text[block_column:].startswith("-"):
            column = content_column(text)
            key = word_at(text, column)
            return Hint(
                f'this key is in line with the "-" of the list item on line {number}, so it '
                f'belongs to no item; indent it by {spaces(column)}, like "{key}",'
                f' to add it to that item, or write "- {error.line.strip()}" to start a new one'
            )
    return None


def _after_closed_value(error: ParseError) -> Hint | None:
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
            f'closing "{last}"; put the whole value in quotes{quote_example(error.line)}'
        )
    return None


def _last_scalar(source: Source, index: int) -> yaml.ScalarToken | None:
    """The last complete scalar before ``index``, as the scanner reads it."""
    last = None
    try:
        for token in yaml.scan(source.text[:index], Loader=yaml.SafeLoader):
            if isinstance(token, yaml.ScalarToken):
                last = token
    except yaml.YAMLError:
        pass
    return last


def simple_key(error: ParseError) -> Hint | None:
    """``could not find expected ':'``: a line that is neither a key nor a list item."""
    if error.opened is None:
        return None
    source, number = error.source, error.opened.line
    line = source.line(number)
    above = source.significant_before(number)
    previous = source.line(above) if above is not None else ""
    block = re.search(r":[ ]+([|>])[-+0-9]*\s*(#.*)?$", previous)
    if above is not None and block and indent_of(line) <= indent_of(previous):
        key = word_at(previous, content_column(previous))
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


def sequence_here(error: ParseError) -> Hint | None:
    pair = value_of(error.line)
    key = f' "{pair[0]}"' if pair else ""
    return Hint(
        f"a list cannot start on the line of its key; put each item on a line of its own, "
        f"indented below the key{key}, or write the list as [a, b]; if it is text, quote the value"
    )
