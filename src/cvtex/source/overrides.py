"""``--set PATH=VALUE``: change one field of the résumé from the command line.

Paths use the syntax of diagnostics (``design.accent``, ``work[0].summary``,
``sections.talks.title``). Values are the verbatim strings the user typed; the
schema converts them, as it does for values in the file. A value that opens with
``[`` or ``{`` is a YAML flow list or mapping, and one in quotes is YAML text, as
they would be in the file (``highlights=[Led a team, Shipped]``, ``label='[draft]'``).
A pure transform of the loaded document: the file itself is never touched.
"""

from __future__ import annotations

import copy
import re
from dataclasses import replace
from typing import Any

from cvtex.diagnostics import FieldPath
from cvtex.errors import UsageProblem
from cvtex.source.loader import Document

_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def parse_assignment(text: str) -> tuple[FieldPath, str]:
    """``"work[0].summary=Hello"`` → ``(("work", 0, "summary"), "Hello")``."""
    path_text, sep, value = text.partition("=")
    if not sep or not path_text.strip():
        raise UsageProblem(f'--set expects PATH=VALUE, e.g. design.paper=a4 (got "{text}")')
    return parse_path(path_text.strip()), value


def parse_path(text: str) -> FieldPath:
    parts: list[str | int] = []
    position = 0
    for match in _PART.finditer(text):
        gap = text[position : match.start()]
        if gap not in ("", "."):
            break
        key, index = match.groups()
        parts.append(int(index) if index is not None else key)
        position = match.end()
    if position != len(text) or not parts or not isinstance(parts[0], str):
        raise UsageProblem(f'"{text}" is not a field path such as design.paper or work[0].summary')
    return tuple(parts)


def apply_overrides(document: Document, assignments: list[tuple[FieldPath, str]]) -> Document:
    """A copy of ``document`` with each path set to its value."""
    if not assignments:
        return document
    data = copy.deepcopy(document.data)
    for path, value in assignments:
        _assign(data, path, value)
    overridden = dict(document.overrides)
    overridden.update(dict(assignments))
    return replace(document, data=data, overrides=overridden)


def _value(text: str, where: str) -> Any:
    """``text`` as the file would read it: a flow list or mapping when it opens with
    ``[`` or ``{``, else the text itself (the schema converts it)."""
    stripped = text.strip()
    quoted = len(stripped) >= 2 and stripped[0] == stripped[-1] and stripped[0] in "'\""
    if not (quoted or stripped.startswith(("[", "{"))):
        return text
    from cvtex.errors import InputError
    from cvtex.source.loader import load_text

    try:
        return load_text(f"value: {text}\n", where).data["value"]
    except InputError as exc:
        problem = exc.diagnostics[0].message if exc.diagnostics else "not valid YAML"
        raise UsageProblem(
            f"{where}: {problem} (a value opening with [ or {{ is a YAML list or mapping; "
            "to set text, put it in quotes inside the shell's: \"'[draft]'\")"
        ) from None


def _assign(data: object, path: FieldPath, raw: str) -> None:
    """Set ``path`` to the value; a missing mapping is made, and a list index one past
    the end adds an item (``ignore[0]=…`` with no ``ignore:`` yet, ``work[2]`` after two)."""
    where = "--set " + _show(path)
    value = _value(raw, where)
    target = data
    for depth, part in enumerate(path[:-1]):
        following = path[depth + 1]
        if isinstance(part, int):
            if not isinstance(target, list) or part > len(target):
                raise UsageProblem(_no_item(where, part, path[:depth], target))
            if part == len(target):
                target.append([] if isinstance(following, int) else {})
            target = target[part]
            continue
        if not isinstance(target, dict):
            raise UsageProblem(f"{where}: {_show(path[:depth])} is not a mapping")
        if part not in target or target[part] is None:
            target[part] = [] if isinstance(following, int) else {}
        target = target[part]
    last = path[-1]
    if isinstance(last, int):
        if not isinstance(target, list) or last > len(target):
            raise UsageProblem(_no_item(where, last, path[:-1], target))
        if last == len(target):
            target.append(value)
        else:
            target[last] = value
    elif isinstance(target, dict):
        target[last] = value
    else:
        raise UsageProblem(f"{where}: {_show(path[:-1])} is not a mapping")


def _no_item(where: str, index: int, parent: FieldPath, target: object) -> str:
    place = _show(parent) or "the top"
    if not isinstance(target, list):
        return f"{where}: {place} is not a list"
    return f"{where}: {place} has {len(target)} item(s); [{len(target)}] adds one, not [{index}]"


def _show(path: FieldPath) -> str:
    from cvtex.diagnostics import format_path

    return format_path(path)
