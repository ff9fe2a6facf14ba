"""The loader's limits, checked by the composer while it parses.

A hostile file (a billion laughs, a million-item list, nesting a thousand deep) is
refused after at most ``max_nodes`` parser events, before any large tree is built.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent
from yaml.nodes import MappingNode, Node, SequenceNode

from cvtex.diagnostics import Position


@dataclass(frozen=True, slots=True)
class Limits:
    """How much input one résumé may be; every limit is checked while parsing, so a
    hostile file is refused after at most ``max_nodes`` parser events, not after
    building a huge tree. Documented in docs/security.md ("Bounded input")."""

    max_bytes: int = 8 * 1024 * 1024
    """File size, checked before parsing."""
    max_depth: int = 64
    """Nesting of lists and mappings."""
    max_nodes: int = 250_000
    """Values in the file (keys, items, scalars), aliases counted as what they expand to;
    a 5000-entry résumé has about 100 000."""
    max_items: int = 10_000
    """Items in one list or keys in one mapping; trips a flat list fast."""
    max_aliases: int = 10_000
    """Alias uses (``*name``) in the file."""
    max_scalar_chars: int = 100_000
    """Characters in one key or value."""
    max_expanded_chars: int = 8 * 1024 * 1024
    """Characters in all values once aliases are expanded: no more than a file of
    ``max_bytes`` could hold without aliases."""


LIMITS = Limits()
MAX_INPUT_BYTES = LIMITS.max_bytes
MAX_DEPTH = LIMITS.max_depth


class LimitExceeded(Exception):
    """A limit from :class:`Limits` was crossed at ``position``."""

    def __init__(self, message: str, position: Position) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


class LimitedLoader(yaml.SafeLoader):
    """A composer that counts as it goes and stops at the first limit crossed.

    ``compose_node`` runs once per node event, before the node is built, so the
    counts are checked after every event and no oversized tree is ever held.
    Aliases count as the number of nodes their anchor holds, which bounds what
    :class:`~cvtex.source.nodes.Builder` expands them to.
    """

    def __init__(self, text: str, limits: Limits) -> None:
        super().__init__(text)
        self.limits = limits
        self._depth = 0
        self._nodes = 0
        self._aliases = 0
        self._anchor_sizes: dict[str, int] = {}

    def _fail(self, message: str, event: Any) -> LimitExceeded:
        mark = event.start_mark
        return LimitExceeded(message, Position(mark.line + 1, mark.column + 1))

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        limits = self.limits
        event = self.peek_event()  # type: ignore[no-untyped-call]
        self._check_items(parent, index, event)
        if isinstance(event, AliasEvent):
            self._aliases += 1
            if self._aliases > limits.max_aliases:
                raise self._fail(
                    f"more than {limits.max_aliases} aliases (the limit is {limits.max_aliases})",
                    event,
                )
            # an anchor still being composed (a self-reference) counts as one node
            self._nodes += self._anchor_sizes.get(str(event.anchor), 1)
            if self._nodes > limits.max_nodes:
                raise self._fail(
                    f"alias expansion exceeds the limit of {limits.max_nodes} values "
                    "(a 'billion laughs' document?)",
                    event,
                )
            alias: Node | None = super().compose_node(parent, index)
            return alias
        self._nodes += 1
        if self._nodes > limits.max_nodes:
            raise self._fail(
                f"the file has more than {limits.max_nodes} values "
                f"(the limit is {limits.max_nodes})",
                event,
            )
        if isinstance(event, ScalarEvent) and len(event.value) > limits.max_scalar_chars:
            raise self._fail(
                f"a value longer than {limits.max_scalar_chars} characters "
                f"(the limit is {limits.max_scalar_chars})",
                event,
            )
        if isinstance(event, CollectionStartEvent) and self._depth >= limits.max_depth:
            raise self._fail(
                f"nesting deeper than {limits.max_depth} levels (the limit is {limits.max_depth})",
                event,
            )
        before = self._nodes
        self._depth += 1
        try:
            node: Node | None = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        if event.anchor is not None:
            self._anchor_sizes[str(event.anchor)] = self._nodes - before + 1
        return node

    def _check_items(self, parent: Node | None, index: Any, event: Any) -> None:
        """Items of a list arrive with their index; mapping keys with ``index`` None."""
        limit = self.limits.max_items
        if isinstance(parent, SequenceNode) and isinstance(index, int) and index >= limit:
            raise self._fail(f"more than {limit} items in one list (the limit is {limit})", event)
        if isinstance(parent, MappingNode) and index is None and len(parent.value) >= limit:
            raise self._fail(f"more than {limit} keys in one mapping (the limit is {limit})", event)
