"""Plain words for YAML and JSON syntax errors, at the spot of the mistake.

PyYAML says what its parser expected where it stopped: "mapping values are not
allowed here", "expected <block end>, but found '<block mapping start>'". That is
true, but it names the parser's states, not the user's mistake, and the spot where
the parser stopped is often a line after the mistake. A handful of mistakes cause
nearly every syntax error in a hand-written résumé: a tab, an unquoted value that
holds ": ", a missing space after "-" or ":", a line whose indentation matches no
line above, an unclosed quote or bracket, and, in JSON, a missing comma or a comment.

:data:`RULES` is a small table: a pattern for PyYAML's problem (and sometimes its
context) and a function that reads the source lines around the error. When the
function recognises the mistake it returns a :class:`Hint`, what to do in plain
words and, if the mistake is elsewhere, where (the line that lacks a space, the
bracket that is never closed); otherwise it returns None and the next rule is
tried. When no rule matches, the parser's own words are shown, as before. The rules
live in :mod:`cvtex.source.yaml_hints_block` (indentation, tabs, a missing space) and
:mod:`cvtex.source.yaml_hints_flow` (brackets, quotes, documents, JSON).

An explanation keeps the parser's words as a suffix only where they describe the
same spot in readable terms: they are dropped when the caret moved away from where
the parser stopped, and when they name parser tokens (``<block end>``,
``'<scalar>'``) or are half a sentence ("but found another document"), which only
confuse.

Every rule is best effort over arbitrary text: it reads lines by number through
:class:`~cvtex.source.yaml_hints_source.Source`, which answers "" outside the file, and
never raises.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import yaml

from cvtex.diagnostics import Position
from cvtex.source.yaml_hints_block import (
    block_end,
    mapping_value,
    sequence_here,
    simple_key,
    tab,
)
from cvtex.source.yaml_hints_flow import (
    after_document,
    alias,
    another_document,
    empty_entry,
    ends_early,
    escape,
    flow_end,
    json_comment,
    reserved,
    unclosed_quote,
)
from cvtex.source.yaml_hints_source import Hint, ParseError, Source

Rule = tuple[str, str, Callable[[ParseError], Hint | None]]
RULES: tuple[Rule, ...] = (
    # (pattern for the problem, pattern for the context, rule); first match that answers wins
    (r"", r"", json_comment),
    (r"'\\t'", r"", tab),
    (r"mapping values are not allowed here", r"", mapping_value),
    (r"expected <block end>", r"", block_end),
    (r"expected ',' or", r"while parsing a flow", flow_end),
    (r"unexpected end of stream", r"while scanning a quoted scalar", unclosed_quote),
    (r"could not find expected ':'", r"while scanning a simple key", simple_key),
    (r"sequence entries are not allowed here", r"", sequence_here),
    (r"undefined alias", r"", alias),
    (r"", r"while scanning an? (alias|anchor)", alias),
    (r"cannot start any token", r"", reserved),
    (r"escape", r"while scanning a double-quoted scalar", escape),
    (r"found another document", r"", another_document),
    (r"expected '<document start>'", r"", after_document),
    (r"expected the node content, but found ','", r"", empty_entry),
    (r"but found '<stream end>'", r"", ends_early),
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
    source = Source(text)
    at, opened = _position(exc.problem_mark), _position(exc.context_mark)
    stopped = at
    if at is not None and at.line > len(source.lines):  # "got <stream end>"
        if opened is not None and opened.line <= len(source.lines):
            stopped = opened  # where the construct began
        elif source.lines:
            stopped = Position(len(source.lines), len(source.lines[-1]) + 1)  # the end
    error = ParseError(problem, context, at, opened, source, is_json)
    for problem_pattern, context_pattern, rule in RULES:
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
