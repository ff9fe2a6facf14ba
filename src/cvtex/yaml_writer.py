"""Plain data → commented YAML that :mod:`cvtex.source.loader` reads back exactly.

``cvtex import`` writes a file people edit, so the YAML is block style with
comments, in the key order it is given. Everything it writes is a string, ``null``,
a list or a mapping: no anchors, aliases or tags, so no reader can take it for
anything else. A string is written plain when YAML cannot read it as anything but
that string (``John Doe``), and in double quotes otherwise (``"2021"``, ``"C: #1"``),
with every character that is not printable written as an escape, so a hostile value
cannot hide a line break, a control character or a display-order control in the file.

Comments are :class:`Commented` values (lines above a key or a list item) and
:class:`Remark` keys (lines of their own in a mapping); their text is escaped the
same way, so it cannot end the comment and start YAML.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import ScalarNode

STR_TAG = "tag:yaml.org,2002:str"
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
"""Characters that mean something at the start of a plain scalar."""
_FLOW_WORD = re.compile(r"\w[\w .+/()'&#-]*")
"""An item a flow list (``[Python, C++]``) may hold: PyYAML reads other punctuation
in flow context unlike block context (``[0?]`` is an error), so only these."""
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0"}
_FLOW_WIDTH = 72
_serial = itertools.count()
_RESOLVER = yaml.resolver.Resolver()
"""The tags PyYAML gives plain scalars: one that is not str (null, a number, a date,
``<<``) is written in quotes, so no YAML reader takes it for anything else."""


@dataclass(frozen=True)
class Commented:
    """``value`` with comment lines written above its key (or its ``- ``)."""

    value: Any
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Remark:
    """A mapping key that writes only comment lines (its value is ignored). Each
    one is a distinct key, so a mapping may hold several."""

    notes: tuple[str, ...]
    serial: int = field(default_factory=lambda: next(_serial))


def note_of(*lines: str) -> tuple[Remark, None]:
    """``mapping[remark] = None`` in one step: ``dict([note_of("…")])``."""
    return Remark(tuple(lines)), None


def _resolves_to_str(text: str) -> bool:
    tag: str = _RESOLVER.resolve(ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return tag == STR_TAG


def is_plain_safe(text: str) -> bool:
    """True when ``text`` written without quotes reads back as this same string."""
    return bool(
        text
        and text == text.strip()
        and all(char == " " or char.isprintable() for char in text)
        and text[0] not in _INDICATORS
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and _resolves_to_str(text)
    )


def double_quoted(text: str) -> str:
    """``text`` as a double-quoted YAML scalar, every unprintable character escaped."""
    out = ['"']
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif char == " " or char.isprintable():
            out.append(char)
        else:
            code = ord(char)
            if code <= 0xFF:
                out.append(f"\\x{code:02x}")
            elif code <= 0xFFFF:
                out.append(f"\\u{code:04x}")
            else:
                out.append(f"\\U{code:08x}")
    out.append('"')
    return "".join(out)


def scalar(value: str | None) -> str:
    """One value as YAML: plain when that is safe, else double-quoted; None is null."""
    if value is None:
        return "null"
    if not isinstance(value, str):
        raise TypeError(f"the YAML writer writes text, not {type(value).__name__}")
    return value if is_plain_safe(value) else double_quoted(value)


def comment_text(text: str) -> str:
    """``text`` fit for one comment line: anything unprintable (a line break
    included) is shown as its escape, so it cannot end the comment."""
    return "".join(
        char if char == " " or char.isprintable() else char.encode("unicode_escape").decode("ascii")
        for char in text
    )


def dump(tree: Mapping[Any, Any], header: Sequence[str] = ()) -> str:
    """The YAML text of ``tree``: ``header`` as comment lines, then the mapping, a
    blank line between its top-level keys."""
    lines = [_comment(line, "") for line in header]
    if lines:
        lines.append("")
    previous: Any = None
    for index, (key, value) in enumerate(tree.items()):
        if index and not (isinstance(key, Remark) and isinstance(previous, Remark)):
            lines.append("")
        lines += _entry(key, value, 0)
        previous = key
    if not tree:
        lines.append("{}")
    return "\n".join(lines) + "\n"


def _comment(text: str, pad: str) -> str:
    shown = comment_text(text)
    return f"{pad}# {shown}" if shown else f"{pad}#"


def _entry(key: Any, value: Any, indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(key, Remark):
        return [_comment(line, pad) for line in key.notes]
    if not isinstance(key, str):
        raise TypeError(f"a mapping key must be text, not {type(key).__name__}")
    lines: list[str] = []
    if isinstance(value, Commented):
        lines += [_comment(line, pad) for line in value.notes]
        value = value.value
    head = f"{pad}{scalar(key)}:"
    if isinstance(value, Mapping):
        if not _has_keys(value):
            return [*lines, *_remarks(value, indent), f"{head} {{}}"]
        return [*lines, head, *_mapping(value, indent + 2)]
    if isinstance(value, list):
        flow = _flow(value, len(head))
        if flow is not None:
            return [*lines, f"{head} {flow}"]
        return [*lines, head, *_sequence(value, indent + 2)]
    return [*lines, f"{head} {scalar(value)}"]


def _has_keys(mapping: Mapping[Any, Any]) -> bool:
    return any(not isinstance(key, Remark) for key in mapping)


def _remarks(mapping: Mapping[Any, Any], indent: int) -> list[str]:
    pad = " " * indent
    return [_comment(line, pad) for key in mapping if isinstance(key, Remark) for line in key.notes]


def _mapping(mapping: Mapping[Any, Any], indent: int) -> list[str]:
    lines: list[str] = []
    for key, value in mapping.items():
        lines += _entry(key, value, indent)
    return lines


def _flow(items: list[Any], width: int) -> str | None:
    """``[a, b]`` for a short list of short plain words (or ``[]``), else None."""
    if not items:
        return "[]"
    if not all(isinstance(item, str) and _FLOW_WORD.fullmatch(item) for item in items):
        return None
    if not all(is_plain_safe(item) for item in items):
        return None
    text = "[" + ", ".join(items) + "]"
    return text if width + 1 + len(text) <= _FLOW_WIDTH else None


def _sequence(items: list[Any], indent: int) -> list[str]:
    """Each item as ``- item``; comments above an item, or above the first key of a
    mapping item, go above its ``- ``."""
    pad = " " * indent
    lines: list[str] = []
    for item in items:
        notes: tuple[str, ...] = ()
        if isinstance(item, Commented):
            notes, item = item.notes, item.value
        lines += [_comment(line, pad) for line in notes]
        if isinstance(item, Mapping) and _has_keys(item):
            body = _mapping(item, indent + 2)
        elif isinstance(item, list) and item:
            body = _sequence(item, indent + 2)
        elif isinstance(item, Mapping):
            lines += _remarks(item, indent)
            body = [f"{pad}  {{}}"]
        elif isinstance(item, list):
            body = [f"{pad}  []"]
        else:
            body = [f"{pad}  {scalar(item)}"]
        first = next(i for i, line in enumerate(body) if not line.lstrip().startswith("#"))
        lines += [line[2:] if line.startswith(pad + "  ") else line for line in body[:first]]
        lines.append(f"{pad}- {body[first][indent + 2 :]}")
        lines += body[first + 1 :]
    return lines


def plain_data(tree: Any) -> Any:
    """``tree`` without its comments: the data its YAML must read back as."""
    if isinstance(tree, Commented):
        return plain_data(tree.value)
    if isinstance(tree, Mapping):
        return {k: plain_data(v) for k, v in tree.items() if not isinstance(k, Remark)}
    if isinstance(tree, list):
        return [plain_data(item) for item in tree]
    return tree
