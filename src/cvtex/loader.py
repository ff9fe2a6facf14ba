"""Stage 1: YAML (or JSON) text → :class:`Document`, data plus a source map.

PyYAML's composer gives every node a start mark; we build plain Python data from
the node graph ourselves, in one walk, so that

* every mapping key and value keeps its ``line:col`` (the source map),
* scalars stay the strings the user wrote (YAML 1.1 would turn ``no`` into
  ``False`` and ``2024-01-01`` into a date; the schema converts instead),
* duplicate keys are errors instead of a silent "last one wins",
* every limit in :class:`Limits` (size, values, alias expansion, depth, …) is
  checked while parsing, and raw control characters are refused before it,
* only regular files are read, so a pipe or device cannot block or flood it.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import gc
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from cvtex.acknowledge import Acknowledgements
from cvtex.diagnostics import Diagnostic, FieldPath, Position, Severity
from cvtex.errors import InputError, UsageProblem
from cvtex.safe_read import Unreadable, read_bounded
from cvtex.yaml_hints import explain


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
MAX_CONTROL_REPORTS = 20
"""Control characters listed one by one before the rest are summed up."""

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


@dataclass(frozen=True)
class Document:
    """The loaded résumé: plain data, the text it came from and a source map."""

    data: dict[str, Any]
    text: str
    filename: str
    source_map: dict[FieldPath, NodeSpan] = field(default_factory=dict)
    overrides: dict[FieldPath, str] = field(default_factory=dict)
    """Fields set with ``--set``; diagnostics about them point at the command line."""
    folded_items: tuple[tuple[FieldPath, Position], ...] = ()
    """Unquoted text with a later line that starts with ``- ``: a list item indented past
    its list's dash, which YAML folds into the text above (``one - two``)."""
    cut_comments: tuple[tuple[FieldPath, str], ...] = ()
    """Unquoted values followed by `` #word`` on their line: YAML reads that as a
    comment, though it was more likely meant as text (``Engineer #1 in team``)."""

    @functools.cached_property
    def accepted(self) -> Acknowledgements:
        """The warnings this document accepts with ``ignore:``, read once for every
        stage that settles a warning."""
        return Acknowledgements.of(self.data)

    @property
    def sources(self) -> dict[str, str]:
        """Each file this document was read from, by the name its diagnostics give."""
        return {self.filename: self.text}

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


class _LimitExceeded(Exception):
    """A limit from :class:`Limits` was crossed at ``position``."""

    def __init__(self, message: str, position: Position) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


class _LimitedLoader(yaml.SafeLoader):
    """A composer that counts as it goes and stops at the first limit crossed.

    ``compose_node`` runs once per node event, before the node is built, so the
    counts are checked after every event and no oversized tree is ever held.
    Aliases count as the number of nodes their anchor holds, which bounds what
    :class:`_Builder` expands them to.
    """

    def __init__(self, text: str, limits: Limits) -> None:
        super().__init__(text)
        self.limits = limits
        self._depth = 0
        self._nodes = 0
        self._aliases = 0
        self._anchor_sizes: dict[str, int] = {}

    def _fail(self, message: str, event: Any) -> _LimitExceeded:
        mark = event.start_mark
        return _LimitExceeded(message, Position(mark.line + 1, mark.column + 1))

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


class _Builder:
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
            raise _LimitExceeded(message, _mark(node))
        self.source_map[path] = NodeSpan(_mark(node), key)
        if id(node) in self._active:
            self.error("an alias refers to itself", _mark(node), path)
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
                raise _LimitExceeded(message, _mark(node))
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
                "a \\u escape is half of a surrogate pair", _mark(node), path, "invalid-char"
            )
            return value

    def _mapping(self, node: MappingNode, path: FieldPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Position] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.error("merge keys (<<) are not supported", _mark(key_node), path, "merge-key")
                continue
            if not isinstance(key_node, ScalarNode):
                self.error(
                    "a mapping key must be a plain string", _mark(key_node), path, "complex-key"
                )
                continue
            key = self._text(str(key_node.value), key_node, (*path, str(key_node.value)))
            key_position = _mark(key_node)
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


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
"""Characters refused anywhere in the file: C0 controls but tab, LF and CR; DEL; C1
controls, NEL (U+0085) included (YAML 1.1 reads it as a line break, editors show
nothing, and Python's ``splitlines`` would disagree with both); two noncharacters."""
_LINE_BREAK = re.compile("\r\n|[\n\r\u2028\u2029]")
"""Line breaks as the YAML parser counts them once the characters above are gone."""
# fmt: off
_C0_NAMES = (
    "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF",
    "CR", "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM",
    "SUB", "ESC", "FS", "GS", "RS", "US",
)
_C1_NAMES = (
    "PAD", "HOP", "BPH", "NBH", "IND", "NEL", "SSA", "ESA", "HTS", "HTJ", "VTS", "PLD",
    "PLU", "RI", "SS2", "SS3", "DCS", "PU1", "PU2", "STS", "CCH", "MW", "SPA", "EPA", "SOS",
    "SGCI", "SCI", "CSI", "ST", "OSC", "PM", "APC",
)
# fmt: on


def describe_character(char: str) -> str:
    """``control character U+0007 (BEL)``: control characters have no Unicode name."""
    code = ord(char)
    if code < 0x20:
        return f"control character U+{code:04X} ({_C0_NAMES[code]})"
    if code == 0x7F:
        return "control character U+007F (DEL)"
    if code <= 0x9F:
        return f"control character U+{code:04X} ({_C1_NAMES[code - 0x80]})"
    return f"noncharacter U+{code:04X}"


def _check_characters(text: str, filename: str) -> None:
    """Refuse raw control characters, each at its line and column (the first
    :data:`MAX_CONTROL_REPORTS`), before the parser sees them. Escapes such as
    ``"\\u0007"`` in double quotes are not raw and pass: the LaTeX escaper drops them."""
    first = _CONTROL.search(text)
    if first is None:
        return
    starts = [0] + [match.end() for match in _LINE_BREAK.finditer(text)]
    diagnostics: list[Diagnostic] = []
    found = 0
    for match in _CONTROL.finditer(text, first.start()):
        found += 1
        if found > MAX_CONTROL_REPORTS:
            continue
        offset = match.start()
        line = bisect.bisect_right(starts, offset)
        position = Position(line, offset - starts[line - 1] + 1)
        message = f"{describe_character(match.group())}; remove it"
        diagnostics.append(
            Diagnostic(Severity.ERROR, message, (), position, filename, "control-char")
        )
    if found > MAX_CONTROL_REPORTS:
        more = found - MAX_CONTROL_REPORTS
        message = f"{more} more control character(s) not listed"
        diagnostics.append(Diagnostic(Severity.ERROR, message, (), None, filename))
    raise InputError(diagnostics, text)  # the formatter shows each as a visible symbol


def _decode(raw: bytes, filename: str, limits: Limits = LIMITS) -> str:
    def fail(message: str, position: Position | None = None) -> InputError:
        return InputError([Diagnostic(Severity.ERROR, message, (), position, filename)])

    if len(raw) > limits.max_bytes:
        raise fail(_too_big(limits))
    utf16 = _utf16_by_its_mark(raw)
    if utf16 is not None:
        try:  # Windows editors save "Unicode" as UTF-16 with a byte-order mark
            raw = raw.decode(utf16).encode("utf-8")
        except UnicodeDecodeError:
            raise fail(f"the file starts as {utf16.upper()} but is not; save it as UTF-8") from None
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


def _utf16_by_its_mark(raw: bytes) -> str | None:
    """The UTF-16 codec a byte-order mark names (never guessed without one)."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return None  # UTF-32: rare enough to be refused as binary
    return "utf-16" if raw.startswith((b"\xff\xfe", b"\xfe\xff")) else None


def _too_big(limits: Limits) -> str:
    size = limits.max_bytes
    shown = f"{size // (1024 * 1024)} MiB" if size % (1024 * 1024) == 0 else f"{size} bytes"
    return f"the file is larger than {shown} (the limit); refusing to parse it"


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Composing and building allocate up to :attr:`Limits.max_nodes` objects that
    all stay alive; the cyclic collector would walk them again and again (about a
    quarter of the load time of a large résumé) and find nothing to free."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def looks_like_json(text: str, filename: str) -> bool:
    return filename.lower().endswith(".json") or text.lstrip().startswith("{")


def load_text(text: str, filename: str = "<input>", limits: Limits = LIMITS) -> Document:
    """Parse YAML or JSON text into a :class:`Document`, or raise :class:`InputError`.

    JSON goes through the YAML parser (JSON is YAML 1.2) so it gets the same
    positions and checks. JSON may be indented with tabs, which YAML forbids; a raw
    tab can only be whitespace in valid JSON, so it is read as a space, which keeps
    every column where it was.
    """
    _check_characters(text, filename)
    is_json = looks_like_json(text, filename)
    kind = "JSON" if is_json else "YAML"
    loader = _LimitedLoader(text.replace("\t", " ") if is_json else text, limits)
    try:
        with _collector_paused():
            root = loader.get_single_node()
    except _LimitExceeded as exc:
        raise InputError(
            [Diagnostic(Severity.ERROR, exc.message, (), exc.position, filename, "limit")], text
        ) from None
    except yaml.MarkedYAMLError as exc:
        explanation, position = explain(exc, text, is_json=is_json)
        message = f"invalid {kind}: {explanation}"
        raise InputError(
            [Diagnostic(Severity.ERROR, message, (), position, filename, "syntax")], text
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
    builder = _Builder(filename, limits, () if is_json else text.splitlines())
    try:
        with _collector_paused():
            data = builder.build(root, ())
    except _LimitExceeded as exc:
        raise InputError(
            [Diagnostic(Severity.ERROR, exc.message, (), exc.position, filename, "limit")], text
        ) from None
    if builder.diagnostics:
        raise InputError(builder.diagnostics, text)
    return Document(
        data=data,
        text=text,
        filename=filename,
        source_map=builder.source_map,
        cut_comments=tuple(builder.cut_comments),
        folded_items=tuple(builder.folded_items),
    )


def load_file(path: Path, limits: Limits = LIMITS) -> Document:
    """Read and parse ``path``, a regular file of at most ``limits.max_bytes``; a
    folder, pipe or device is refused without blocking (:mod:`cvtex.safe_read`)."""
    filename = str(path)
    try:
        raw = read_bounded(path, limits.max_bytes)
    except Unreadable as exc:
        if exc.kind == "too-big":
            too_big = Diagnostic(Severity.ERROR, _too_big(limits), (), None, filename)
            raise InputError([too_big]) from None
        if exc.kind == "not-regular":
            raise UsageProblem(f"{exc}, not a file; give cvtex a YAML or JSON file") from None
        if exc.kind == "missing":
            raise UsageProblem(f"cannot read {filename}: No such file or directory") from None
        raise UsageProblem(str(exc)) from None
    return load_text(_decode(raw, filename, limits), filename, limits)
