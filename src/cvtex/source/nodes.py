"""The composed node graph → plain data and a source map, with the loader's checks.

Scalars stay the strings the user wrote, duplicate keys and merge keys are errors,
and unquoted text that YAML cut at `` #`` or folded over a ``- `` line is noted for
the validate stage to report.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from cvtex.diagnostics import Diagnostic, FieldPath, Position, Severity
from cvtex.source.limits import LIMITS, LimitExceeded, Limits

NULL_TAG = "tag:yaml.org,2002:null"
_SURROGATE = re.compile("[\ud800-\udfff]")


_CUT_COMMENT = re.compile(r"[ \t]+(?P<comment>#[^\s#].*)")
"""`` #1 in team`` after a value: a comment to YAML, but a ``#`` glued to a word is
text people meant to print (a comment is written ``# like this``)."""


@dataclass(frozen=True, slots=True)
class NodeSpan:
    """Where a value sits in the file, and where its key sits if it has one."""

    value: Position
    key: Position | None = None


def node_position(node: Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


class Builder:
    """Turns a composed node graph into data and a source map, collecting problems.

    The composer's limits see the file as written; aliases are expanded here, so depth
    and characters are counted again on what they expand to."""

    def __init__(self, filename: str, limits: Limits = LIMITS, lines: Sequence[str] = ()) -> None:
        self.filename = filename
        self.limits = limits
        self.lines = lines
        self.cut_comments: list[tuple[FieldPath, str]] = []
        self.folded_items: list[tuple[FieldPath, Position]] = []
        self.source_map: dict[FieldPath, NodeSpan] = {}
        self.diagnostics: list[Diagnostic] = []
        self._active: set[int] = set()
        self._chars = 0

    def error(
        self, message: str, position: Position, path: FieldPath = (), code: str = "invalid-yaml"
    ) -> None:
        self.diagnostics.append(
            Diagnostic(Severity.ERROR, message, path, position, self.filename, code)
        )

    def build(self, node: Node, path: FieldPath, key: Position | None = None) -> Any:
        if len(path) > self.limits.max_depth:
            depth = self.limits.max_depth
            message = f"nesting deeper than {depth} levels once aliases are expanded"
            raise LimitExceeded(message, node_position(node))
        self.source_map[path] = NodeSpan(node_position(node), key)
        if id(node) in self._active:
            self.error("an alias refers to itself", node_position(node), path)
            return None
        if isinstance(node, ScalarNode):
            if node.tag == NULL_TAG:
                return None
            self._chars += len(node.value)
            if self._chars > self.limits.max_expanded_chars:
                limit = self.limits.max_expanded_chars
                message = (
                    f"more than {limit} characters once aliases are expanded (the limit is "
                    f"{limit}, what a {self.limits.max_bytes // 1048576} MiB file could hold)"
                )
                raise LimitExceeded(message, node_position(node))
            if node.style is None and self.lines:
                self._note_cut_comment(node, path)
                if node.end_mark.line > node.start_mark.line:
                    self._note_folded_item(node, path)
            return self._text(str(node.value), node, path)
        self._active.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
            if isinstance(node, MappingNode):
                return self._mapping(node, path)
        finally:
            self._active.discard(id(node))
        raise AssertionError(f"unexpected YAML node {node!r}")  # pragma: no cover

    def _note_folded_item(self, node: ScalarNode, path: FieldPath) -> None:
        start, end = node.start_mark.line, node.end_mark.line
        for number in range(start + 1, min(end, len(self.lines) - 1) + 1):
            line = self.lines[number]
            if line.lstrip().startswith("- "):
                column = len(line) - len(line.lstrip()) + 1
                self.folded_items.append((path, Position(number + 1, column)))
                return

    def _note_cut_comment(self, node: ScalarNode, path: FieldPath) -> None:
        end = node.end_mark
        if end.line >= len(self.lines):
            return
        cut = _CUT_COMMENT.match(self.lines[end.line], end.column)
        if cut is not None:
            self.cut_comments.append((path, cut["comment"].rstrip()))

    def _text(self, value: str, node: Node, path: FieldPath) -> str:
        """JSON writes characters beyond U+FFFF as surrogate pairs (\\ud83d\\ude80),
        which the YAML parser keeps as two halves: join them into one character."""
        if _SURROGATE.search(value) is None:  # a regex: a per-character loop cost seconds
            return value
        try:
            return value.encode("utf-16", "surrogatepass").decode("utf-16")
        except UnicodeDecodeError:
            self.error(
                "a \\u escape is half of a surrogate pair",
                node_position(node),
                path,
                "invalid-char",
            )
            return value

    def _mapping(self, node: MappingNode, path: FieldPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Position] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.error(
                    "merge keys (<<) are not supported", node_position(key_node), path, "merge-key"
                )
                continue
            if not isinstance(key_node, ScalarNode):
                self.error(
                    "a mapping key must be a plain string",
                    node_position(key_node),
                    path,
                    "complex-key",
                )
                continue
            key = self._text(str(key_node.value), key_node, (*path, str(key_node.value)))
            key_position = node_position(key_node)
            if key in first_seen:
                earlier = first_seen[key]
                self.error(
                    f'duplicate key "{key}" (first defined on line {earlier.line})',
                    key_position,
                    (*path, key),
                    "duplicate-key",
                )
                continue
            first_seen[key] = key_position
            result[key] = self.build(value_node, (*path, key), key_position)
        return result
