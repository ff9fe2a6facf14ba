"""Syntax hints for brackets, quotes, a value's first character, documents and JSON.

Each rule reads the text around a :class:`~cvtex.source.yaml_hints_source.ParseError` and
returns a :class:`~cvtex.source.yaml_hints_source.Hint` when it recognises the mistake, else
None so that the next rule is tried.
"""

from __future__ import annotations

import re

import yaml

from cvtex.diagnostics import Position
from cvtex.source.yaml_hints_source import Hint, ParseError, quote_example, value_of


def flow_end(error: ParseError) -> Hint | None:
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


def unclosed_quote(error: ParseError) -> Hint | None:
    if error.opened is None:
        return None
    quote = error.source.line(error.opened.line)[error.opened.column - 1 : error.opened.column]
    return Hint(
        f"this {quote} is never closed; add the closing {quote} after the value", error.opened
    )


def alias(error: ParseError) -> Hint | None:
    anchor = "anchor" in error.context
    sign = "&" if anchor else "*"
    where = error.opened if error.context else error.at
    what = "an anchor (&name)" if anchor else "an alias (a reference to an &anchor)"
    line = error.source.line(where.line) if where else ""
    return Hint(
        f'a value that starts with "{sign}" is read as {what}; put the value in quotes'
        f"{quote_example(line)}",
        where,
    )


def reserved(error: ParseError) -> Hint | None:
    found = re.search(r"found character '(.)'", error.problem)
    if found is None:
        return None
    return Hint(
        f'a value cannot start with "{found[1]}"; put the value in quotes'
        f"{quote_example(error.line)}"
    )


def escape(error: ParseError) -> Hint | None:
    if error.at is None:
        return None
    backslash = error.before.rfind("\\")
    position = Position(error.at.line, backslash + 1) if backslash >= 0 else None
    pair = value_of(error.line)
    example = ""
    if pair and len(pair[1]) > 1 and pair[1][0] == pair[1][-1] == '"':
        example = f": {pair[0]}: '{pair[1][1:-1]}'"
    return Hint(
        'in double quotes a "\\" starts an escape such as "\\n"; write "\\\\" for a '
        f"backslash, or use single quotes{example}",
        position,
    )


def another_document(error: ParseError) -> Hint | None:
    return Hint(
        'a "---" line starts a second document, and a résumé is one; remove it '
        '("---" may only open the file)'
    )


def after_document(error: ParseError) -> Hint | None:
    found = re.search(r"but found '(<[^>]+>|.)'", error.problem)
    if found and found[1] in "]}":
        return Hint(
            f'this "{found[1]}" closes nothing: the brackets before it are all closed; remove it'
        )
    if error.is_json:
        return Hint("text after the end of the JSON document; remove it")
    return None


def empty_entry(error: ParseError) -> Hint | None:
    return Hint('a "," with no entry before it; remove it')


def ends_early(error: ParseError) -> Hint | None:
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


def json_comment(error: ParseError) -> Hint | None:
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
