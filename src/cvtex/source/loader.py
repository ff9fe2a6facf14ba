"""Stage 1: YAML (or JSON) text → :class:`Document`, data plus a source map.

PyYAML's composer gives every node a start mark; we build plain Python data from
the node graph ourselves, in one walk, so that

* every mapping key and value keeps its ``line:col`` (the source map),
* scalars stay the strings the user wrote (YAML 1.1 would turn ``no`` into
  ``False`` and ``2024-01-01`` into a date; the schema converts instead),
* duplicate keys are errors instead of a silent "last one wins",
* every limit in :class:`~cvtex.source.limits.Limits` (size, values, alias
  expansion, depth, …) is checked while parsing, and raw control characters are
  refused before it (:mod:`cvtex.source.text`),
* only regular files are read, so a pipe or device cannot block or flood it.

The walk itself is :class:`cvtex.source.nodes.Builder`.
"""

from __future__ import annotations

import contextlib
import functools
import gc
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode

from cvtex.diagnostics import Diagnostic, FieldPath, Position, Severity
from cvtex.errors import InputError, UsageProblem
from cvtex.model.acknowledge import Acknowledgements
from cvtex.source.limits import LIMITS, LimitedLoader, LimitExceeded, Limits
from cvtex.source.nodes import Builder, NodeSpan, node_position
from cvtex.source.safe_read import Unreadable, read_bounded
from cvtex.source.text import check_characters, decode, too_big_message
from cvtex.source.yaml_hints import explain


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
    check_characters(text, filename)
    is_json = looks_like_json(text, filename)
    kind = "JSON" if is_json else "YAML"
    loader = LimitedLoader(text.replace("\t", " ") if is_json else text, limits)
    try:
        with _collector_paused():
            root = loader.get_single_node()
    except LimitExceeded as exc:
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
                    node_position(root),
                    filename,
                )
            ],
            text,
        )
    builder = Builder(filename, limits, () if is_json else text.splitlines())
    try:
        with _collector_paused():
            data = builder.build(root, ())
    except LimitExceeded as exc:
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
    folder, pipe or device is refused without blocking (:mod:`cvtex.source.safe_read`)."""
    filename = str(path)
    try:
        raw = read_bounded(path, limits.max_bytes)
    except Unreadable as exc:
        if exc.kind == "too-big":
            too_big = Diagnostic(Severity.ERROR, too_big_message(limits), (), None, filename)
            raise InputError([too_big]) from None
        if exc.kind == "not-regular":
            raise UsageProblem(f"{exc}, not a file; give cvtex a YAML or JSON file") from None
        if exc.kind == "missing":
            raise UsageProblem(f"cannot read {filename}: No such file or directory") from None
        raise UsageProblem(str(exc)) from None
    return load_text(decode(raw, filename, limits), filename, limits)
