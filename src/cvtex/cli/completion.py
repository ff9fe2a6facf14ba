"""Shell completion: what TAB offers after ``-t``, ``--locale``, ``--engine`` and ``--set``.

Each ``complete_*`` function is a click ``shell_complete`` callback. They run only
when a shell asks (``_CVTEX_COMPLETE=…``), so what they need (the schema, pydantic)
is imported inside them and ``cvtex --help`` stays fast.

``--set`` paths are spelt as :mod:`cvtex.source.overrides` reads them (``basics.name``,
``work[0].summary``) and offered one level at a time: a value's path ends in ``=``
(``basics.name=``), a path with fields below it in ``.`` (``basics.location.``), so
the shell scripts of :mod:`cvtex.cli.shells` add no space after either. A level with a
single match that holds more fields is opened at once (``--set des`` offers
``design.paper=``, ``design.font=``…), so a shell inserts the shared ``design.``.
After ``PATH=`` the values of a field with a fixed few are offered: choices,
``true``/``false``, locales, named colours, and under ``ignore`` the warning codes.
"""

from __future__ import annotations

import re
import types
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union, get_args, get_origin

if TYPE_CHECKING:
    import click
    from click.shell_completion import CompletionItem

    from cvtex.backends.latex.options import OptionSpec

_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
_BOOL = ("true", "false")


def complete_template(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Built-in template names; folders when no name matches (``-t ./my-template/``)."""
    from click.shell_completion import CompletionItem

    from cvtex.backends.latex.templates import builtin_manifest, builtin_names
    from cvtex.errors import CvtexError

    try:
        names = [
            CompletionItem(name, help=builtin_manifest(name).description)
            for name in builtin_names()
            if name.startswith(incomplete)
        ]
    except CvtexError:
        names = []
    return names or [CompletionItem(incomplete, type="dir")]


def complete_locale(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    from click.shell_completion import CompletionItem

    from cvtex.model.locales import LOCALES

    prefix = incomplete.lower()
    return [
        CompletionItem(code, help=locale.name)
        for code, locale in LOCALES.items()
        if code.startswith(prefix)
    ]


def complete_engine(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Engine names; files when no name matches (the path of an engine)."""
    from click.shell_completion import CompletionItem

    from cvtex.backends.latex.engine import ENGINE_NAMES

    names = [CompletionItem(name) for name in ENGINE_NAMES if name.startswith(incomplete)]
    return names or [CompletionItem(incomplete, type="file")]


def complete_set(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """``--set`` paths from the schema, with the design options of the templates named
    so far with ``-t`` (else the default template); after ``PATH=``, the values of a
    field that has a fixed few."""
    from click.shell_completion import CompletionItem

    options = _design_options(ctx.params.get("templates") or ())
    return [CompletionItem(text, help=help) for text, help in set_candidates(incomplete, options)]


def set_candidates(incomplete: str, options: Mapping[str, OptionSpec]) -> list[tuple[str, str]]:
    """``(completion, help)`` pairs for the ``--set`` argument typed so far."""
    if "=" in incomplete:
        path, _, value = incomplete.partition("=")
        node = _resolve(path, options)
        if node is None or node.kind != "leaf":
            return []
        return [(f"{path}={v}", _value_help(node, v)) for v in node.values if v.startswith(value)]
    found = _level(incomplete, options)
    if len(found) == 1:
        text, node = found[0]
        if node.kind == "leaf" and node.values:  # its values: a shell inserts "PATH="
            return [(f"{text}{v}", _value_help(node, v)) for v in node.values]
        if node.kind != "leaf" and text != incomplete:
            return set_candidates(text, options)  # open the one match
    return [(text, node.help) for text, node in found]


@dataclass(frozen=True)
class _Node:
    """A place in the résumé: a model's fields, a list, a mapping with known keys, or
    a value (with the few values it may take, if it has a fixed few)."""

    kind: Literal["fields", "list", "keys", "leaf"]
    names: tuple[str, ...] = ()
    """The field names on the way here, without list indices (``design``, ``paper``)."""
    annotation: Any = None
    help: str = ""
    values: tuple[str, ...] = ()


def _level(incomplete: str, options: Mapping[str, OptionSpec]) -> list[tuple[str, _Node]]:
    """The completions of one level: what may follow the last complete part typed."""
    if incomplete.endswith("]"):
        node = _resolve(incomplete, options)
        return [] if node is None else [(_entry(incomplete, node), node)]
    cut = max(incomplete.rfind("."), incomplete.rfind("["))
    parent_text, fragment = incomplete[: max(cut, 0)], incomplete[cut + 1 :]
    parent = _root() if cut < 0 else _resolve(parent_text, options)
    if parent is None:
        return []
    if cut >= 0 and incomplete[cut] == "[":
        if parent.kind != "list" or not (fragment.isdigit() or fragment == ""):
            return []
        text = f"{parent_text}[{fragment or 0}]"
        child = _child(parent, fragment or "0", options)
        return [] if child is None else [(_entry(text, child), child)]
    join = f"{parent_text}." if parent_text else ""
    return [
        (_entry(join + name, child), child)
        for name, child in _children(parent, options)
        if name.startswith(fragment)
    ]


def _entry(text: str, node: _Node) -> str:
    """What to insert for ``node`` at ``text``: a list opens at item 0, fields with a
    dot, a value with ``=`` (the user types the value right after it)."""
    if node.kind == "list":
        item = _child(node, "0", {})
        return _entry(f"{text}[0]", item) if item is not None else text
    return f"{text}." if node.kind in ("fields", "keys") else f"{text}="


def _value_help(node: _Node, value: str) -> str:
    """What a value means, where cvtex has words for it (zsh and fish show them)."""
    from cvtex.model.acknowledge import IGNORE_KEY, WARNING_CODES
    from cvtex.model.locales import LOCALES

    if node.names[-1:] == (IGNORE_KEY,):
        return WARNING_CODES.get(value, "")
    if node.names == ("locale",) and value in LOCALES:
        return LOCALES[value].name
    return ""


def _resolve(text: str, options: Mapping[str, OptionSpec]) -> _Node | None:
    """The node at a complete path such as ``work[0].highlights``; None if it is not one."""
    node: _Node | None = _root()
    position = 0
    for match in _PART.finditer(text):
        if text[position : match.start()] not in ("", ".") or node is None:
            return None
        key, index = match.groups()
        node = _child(node, index if index is not None else key, options)
        position = match.end()
    return node if position == len(text) and text else None


def _root() -> _Node:
    from cvtex.model.schema import Resume

    return _Node("fields", annotation=Resume)


def _children(node: _Node, options: Mapping[str, OptionSpec]) -> Iterable[tuple[str, _Node]]:
    if node.kind == "keys":
        for key in node.values:
            yield key, _node(node.annotation, (*node.names, key), "")
        return
    if node.kind != "fields":
        return
    from cvtex.model.schema_settings import Design

    for name, info in node.annotation.model_fields.items():
        shown = info.alias or name
        if not shown.startswith("$"):
            child = _node(info.annotation, (*node.names, shown), info.description or "")
            if child.kind != "keys" or child.values:
                yield shown, child
    if node.annotation is Design:
        for name, spec in options.items():
            yield (
                name,
                _Node("leaf", (*node.names, name), help=spec.description, values=_values(spec)),
            )


def _child(node: _Node, part: str, options: Mapping[str, OptionSpec]) -> _Node | None:
    if node.kind == "list":
        if not part.isdigit():
            return None
        return _node(node.annotation, node.names, node.help)
    return next((child for name, child in _children(node, options) if name == part), None)


def _node(annotation: Any, names: tuple[str, ...], help: str) -> _Node:
    """What a field of this type offers: its fields, its items, its keys or its values."""
    from pydantic import BaseModel

    from cvtex.model.acknowledge import IGNORE_KEY, WARNING_CODES
    from cvtex.model.locales import LOCALES, MONTH_KEYS, STRING_KEYS
    from cvtex.model.schema import STANDARD_SECTIONS

    annotation = _unwrap(annotation)
    origin = get_origin(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _Node("fields", names, annotation, help)
    if origin is list:
        return _Node("list", names, get_args(annotation)[0], help)
    if origin is dict:
        keys = {
            ("strings",): (*STRING_KEYS, *MONTH_KEYS),
            ("design", "section_titles"): STANDARD_SECTIONS,
        }.get(names, ())
        return _Node("keys", names, get_args(annotation)[1], help, tuple(keys))
    values: tuple[str, ...] = ()
    if origin is Literal:
        values = tuple(str(arg) for arg in get_args(annotation))
    elif annotation is bool:
        values = _BOOL
    elif names == ("locale",):
        values = tuple(LOCALES)
    elif names[-1:] == (IGNORE_KEY,):  # an item of an ignore: list
        values = tuple(WARNING_CODES)
    return _Node("leaf", names, annotation, help, values)


def _unwrap(annotation: Any) -> Any:
    """``Annotated[X, …]`` and ``X | None`` → ``X``."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
            continue
        if origin in (Union, types.UnionType):
            rest = [arg for arg in get_args(annotation) if arg is not type(None)]
            if len(rest) == 1:
                annotation = rest[0]
                continue
        return annotation


def _values(spec: OptionSpec) -> tuple[str, ...]:
    return spec.kind.completions(spec)


def _design_options(templates: Iterable[str]) -> dict[str, OptionSpec]:
    """The design options of the named templates (the default one if none), merged."""
    from cvtex.backends.latex.templates import resolve_template
    from cvtex.errors import CvtexError

    options: dict[str, OptionSpec] = {}
    for spec in tuple(templates) or (None,):
        try:
            options.update(resolve_template(spec).manifest.options)
        except CvtexError:
            continue
    return options
