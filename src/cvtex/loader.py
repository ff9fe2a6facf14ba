"""Stage 1: YAML (or JSON) text → :class:`Document`, data plus a source map.

PyYAML's composer gives every node a start mark; we build plain Python data from
the node graph ourselves, in one walk, so that

* every mapping key and value keeps its ``line:col`` (the source map),
* scalars stay the strings the user wrote (YAML 1.1 would turn ``no`` into
  ``False`` and ``2024-01-01`` into a date; the schema converts instead),
* duplicate keys are errors instead of a silent "last one wins",
* alias expansion, nesting depth and input size are bounded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from cvtex.diagnostics import Diagnostic, FieldPath, Position, Severity
from cvtex.errors import InputError

MAX_INPUT_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 64
MAX_EXPANDED_NODES = 100_000

NULL_TAG = "tag:yaml.org,2002:null"


@dataclass(frozen=True, slots=True)
class NodeSpan:
    """Where a value sits in the file, and where its key sits if it has one."""

    value: Position
    key: Position | None = None


@dataclass(frozen=True)
class Document:
    """The loaded résumé: plain data, the text it came from and a source map."""

    data: dict[str, Any]
    text: str
    filename: str
    source_map: dict[FieldPath, NodeSpan] = field(default_factory=dict)
    overrides: dict[FieldPath, str] = field(default_factory=dict)
    """Fields set with ``--set``; diagnostics about them point at the command line."""

    def locate(self, path: FieldPath, *, key: bool = False) -> tuple[str, Position | None]:
        """Where to point a diagnostic about ``path``: the file and position, or
        the ``--set`` option that supplied the value."""
        overridden = self.override_for(path)
        if overridden is not None:
            from cvtex.diagnostics import format_path

            return f"--set {format_path(overridden)}={self.overrides[overridden]}", None
        return self.filename, self.position_of(path, key=key)

    def override_for(self, path: FieldPath) -> FieldPath | None:
        """The ``--set`` path that covers ``path``, if any."""
        for length in range(len(path), 0, -1):
            if path[:length] in self.overrides:
                return path[:length]
        return None

    def position_of(self, path: FieldPath, *, key: bool = False) -> Position | None:
        """The closest known position for ``path``: the value's, or the key's when asked."""
        probe = path
        while True:
            span = self.source_map.get(probe)
            if span is not None:
                if key and probe == path and span.key is not None:
                    return span.key
                return span.value
            if not probe:
                return None
            probe = probe[:-1]


def _mark(node: Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


class _DepthLimitedLoader(yaml.SafeLoader):
    """A composer that refuses documents nested deeper than :data:`MAX_DEPTH`."""

    _depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise yaml.MarkedYAMLError(
                    problem=f"nesting deeper than {MAX_DEPTH} levels", problem_mark=mark
                )
            node: Node | None = super().compose_node(parent, index)
            return node
        finally:
            self._depth -= 1


class _Builder:
    """Turns a composed node graph into data and a source map, collecting problems."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.source_map: dict[FieldPath, NodeSpan] = {}
        self.diagnostics: list[Diagnostic] = []
        self.expanded = 0
        self._active: set[int] = set()

    def error(self, message: str, position: Position, path: FieldPath = ()) -> None:
        self.diagnostics.append(Diagnostic(Severity.ERROR, message, path, position, self.filename))

    def build(self, node: Node, path: FieldPath, key: Position | None = None) -> Any:
        self.expanded += 1
        if self.expanded > MAX_EXPANDED_NODES:
            raise _TooLarge(_mark(node))
        self.source_map[path] = NodeSpan(_mark(node), key)
        if id(node) in self._active:
            self.error("an alias refers to itself", _mark(node), path)
            return None
        if isinstance(node, ScalarNode):
            if node.tag == NULL_TAG:
                return None
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

    def _text(self, value: str, node: Node, path: FieldPath) -> str:
        """JSON writes characters beyond U+FFFF as surrogate pairs (\\ud83d\\ude80),
        which the YAML parser keeps as two halves: join them into one character."""
        if not any("\ud800" <= char <= "\udfff" for char in value):
            return value
        try:
            return value.encode("utf-16", "surrogatepass").decode("utf-16")
        except UnicodeDecodeError:
            self.error("a \\u escape is half of a surrogate pair", _mark(node), path)
            return value

    def _mapping(self, node: MappingNode, path: FieldPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Position] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.error("merge keys (<<) are not supported", _mark(key_node), path)
                continue
            if not isinstance(key_node, ScalarNode):
                self.error("a mapping key must be a plain string", _mark(key_node), path)
                continue
            key = str(key_node.value)
            key_position = _mark(key_node)
            if key in first_seen:
                earlier = first_seen[key]
                self.error(
                    f'duplicate key "{key}" (first defined on line {earlier.line})',
                    key_position,
                    (*path, key),
                )
                continue
            first_seen[key] = key_position
            result[key] = self.build(value_node, (*path, key), key_position)
        return result


class _TooLarge(Exception):
    def __init__(self, position: Position) -> None:
        self.position = position


def _decode(raw: bytes, filename: str) -> str:
    def fail(message: str, position: Position | None = None) -> InputError:
        return InputError([Diagnostic(Severity.ERROR, message, (), position, filename)])

    if len(raw) > MAX_INPUT_BYTES:
        raise fail(
            f"the file is larger than {MAX_INPUT_BYTES // (1024 * 1024)} MiB; refusing to parse it"
        )
    if b"\x00" in raw[:8192]:
        raise fail("this looks like a binary file, not YAML or JSON text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise fail(
            f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8",
            Position(line, column),
        ) from None
    if not text.strip():
        raise fail("the file is empty")
    return text


def looks_like_json(text: str, filename: str) -> bool:
    return filename.lower().endswith(".json") or text.lstrip().startswith("{")


def load_text(text: str, filename: str = "<input>") -> Document:
    """Parse YAML or JSON text into a :class:`Document`, or raise :class:`InputError`.

    JSON goes through the YAML parser (JSON is YAML 1.2) so it gets the same
    positions and checks. JSON may be indented with tabs, which YAML forbids; a raw
    tab can only be whitespace in valid JSON, so it is read as a space, which keeps
    every column where it was.
    """
    is_json = looks_like_json(text, filename)
    kind = "JSON" if is_json else "YAML"
    loader = _DepthLimitedLoader(text.replace("\t", " ") if is_json else text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if mark is not None and mark.line >= len(text.splitlines()) and exc.context_mark:
            mark = exc.context_mark  # "got <stream end>": point where the construct began
        position = Position(mark.line + 1, mark.column + 1) if mark else None
        message = f"invalid {kind}: {exc.problem or exc.context}"
        if exc.context and exc.problem and exc.context_mark is not None:
            where = exc.context_mark
            message += f" ({exc.context} at line {where.line + 1}, column {where.column + 1})"
        if "'\\t'" in (exc.problem or ""):
            message += "; YAML indents with spaces, not tabs"
        raise InputError(
            [Diagnostic(Severity.ERROR, message, (), position, filename)], text
        ) from None
    except yaml.YAMLError as exc:
        raise InputError(
            [Diagnostic(Severity.ERROR, f"invalid {kind}: {exc}", (), None, filename)], text
        ) from None
    finally:
        loader.dispose()
    if root is None:
        raise InputError(
            [Diagnostic(Severity.ERROR, "the file holds no document", (), None, filename)], text
        )
    if not isinstance(root, MappingNode):
        raise InputError(
            [
                Diagnostic(
                    Severity.ERROR,
                    "the top level must be a mapping (key: value pairs)",
                    (),
                    _mark(root),
                    filename,
                )
            ],
            text,
        )
    builder = _Builder(filename)
    try:
        data = builder.build(root, ())
    except _TooLarge as exc:
        message = (
            f"alias expansion exceeds {MAX_EXPANDED_NODES} nodes (a 'billion laughs' document?)"
        )
        raise InputError(
            [Diagnostic(Severity.ERROR, message, (), exc.position, filename)], text
        ) from None
    if builder.diagnostics:
        raise InputError(builder.diagnostics, text)
    return Document(data=data, text=text, filename=filename, source_map=builder.source_map)


def load_file(path: Path) -> Document:
    """Read and parse ``path``; the size check happens before any parsing."""
    filename = str(path)
    with path.open("rb") as handle:
        raw = handle.read(MAX_INPUT_BYTES + 1)
    return load_text(_decode(raw, filename), filename)
