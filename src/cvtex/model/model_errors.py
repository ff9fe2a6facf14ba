"""Pydantic's findings about a file other than the résumé (a template's
``template.yaml``), in the words and codes the résumé's own messages use:
``unknown key "foo" (keys: …)`` (unknown-key), ``missing required key
"description"`` (missing-key), ``a list, expected text`` (invalid-value).

The résumé's checks live in :mod:`cvtex.model.validate`, which walks its models itself;
this is the small, model-agnostic version for the files that have no such walk.
"""

from __future__ import annotations

import types
from collections.abc import Iterator
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from cvtex.diagnostics import Diagnostic, FieldPath, Severity
from cvtex.source.loader import Document
from cvtex.suggest import suggest

_EXPECTED = {
    "string_type": "text",
    "list_type": "a list",
    "dict_type": "a mapping (key: value pairs)",
    "model_type": "a mapping (key: value pairs)",
    "model_attributes_type": "a mapping (key: value pairs)",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
}
_UNION_MEMBERS = {str: "text", bool: "true/false", int: "a number", float: "a number"}


def model_diagnostics(
    exc: ValidationError, model: type[BaseModel], document: Document, file: str
) -> list[Diagnostic]:
    """One located diagnostic per problem pydantic found validating ``document``
    against ``model``; a value that fits no member of a union is one problem."""
    found: dict[FieldPath, Diagnostic] = {}
    for error in exc.errors(include_url=False):
        loc, annotation = _trim_union_tags(model, tuple(error["loc"]))
        if loc in found:
            continue  # another member of the same union refused it too
        found[loc] = _diagnostic(error, loc, annotation, model, document, file)
    return list(found.values())


def _diagnostic(
    error: Any,
    loc: FieldPath,
    annotation: Any,
    model: type[BaseModel],
    document: Document,
    file: str,
) -> Diagnostic:
    kind = error["type"]
    value = error.get("input")
    on_key = isinstance(value, dict | list)
    if kind == "extra_forbidden":
        parent, name = loc[:-1], str(loc[-1])
        keys = list(_model_at(model, parent) or ())
        guess = suggest(name, keys)
        hint = f'; did you mean "{guess}"?' if guess else f" (keys: {', '.join(keys)})"
        return _at(document, file, loc, f'unknown key "{name}"{hint}', "unknown-key", key=True)
    if kind == "missing":
        parent, name = loc[:-1], str(loc[-1])
        message = f'missing required key "{name}"'
        return _at(document, file, parent, message, "missing-key", key=True)
    if _is_union(annotation):
        wanted = list(dict.fromkeys(_UNION_MEMBERS.get(t, "a value") for t in _members(annotation)))
        either = ", ".join(wanted[:-1]) + f" or {wanted[-1]}" if len(wanted) > 1 else wanted[0]
        message = f"{found(value)}, expected {either}"
    elif kind == "literal_error":
        choices = [str(choice) for choice in get_args(annotation)]
        if isinstance(value, str):
            guess = suggest(value, choices)
            hint = f'; did you mean "{guess}"?' if guess else ""
            message = f'unknown value "{value}"{hint} (use {", ".join(choices)})'
        else:
            message = f"{found(value)}, expected one of {', '.join(choices)}"
    elif kind in _EXPECTED:
        example = f" (e.g. [{value}])" if kind == "list_type" and isinstance(value, str) else ""
        message = f"{found(value)}, expected {_EXPECTED[kind]}{example}"
    elif kind == "string_too_short":
        message = "must not be empty"
    elif kind == "value_error":
        message = str(error["msg"]).removeprefix("Value error, ")
    else:
        text = str(error["msg"])
        message = (text[:1].lower() + text[1:]).replace("input should be", "should be")
    return _at(document, file, loc, message, "invalid-value", key=on_key)


def _at(
    document: Document, file: str, path: FieldPath, message: str, code: str, *, key: bool
) -> Diagnostic:
    position = document.position_of(path, key=key)
    return Diagnostic(Severity.ERROR, message, path, position, file, code)


def _trim_union_tags(model: type[BaseModel], loc: FieldPath) -> tuple[FieldPath, Any]:
    """``loc`` without the member names pydantic appends inside a union (``default.str``,
    ``default.bool``…), and the annotation it then points at (None when unknown)."""
    annotation: Any = model
    for index, part in enumerate(loc):
        if _is_union(annotation):
            return loc[:index], annotation
        annotation = _step(annotation, part)
        if annotation is None:
            return loc, None
    return loc, annotation


def _step(annotation: Any, part: str | int) -> Any:
    annotation = _without_none(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(part) if isinstance(part, str) else None
        return field.annotation if field is not None else None
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is list and args:
        return args[0]
    if origin is dict and len(args) == 2:
        return args[1]
    return None


def _model_at(model: type[BaseModel], path: FieldPath) -> dict[str, Any] | None:
    """The fields of the model at ``path`` (for "unknown key … (keys: …)")."""
    annotation: Any = model
    for part in path:
        annotation = _step(annotation, part)
    annotation = _without_none(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return dict(annotation.model_fields)
    return None


def _members(annotation: Any) -> Iterator[Any]:
    return (member for member in get_args(annotation) if member is not type(None))


def _is_union(annotation: Any) -> bool:
    union = get_origin(annotation) in (Union, types.UnionType)
    return union and len(list(_members(annotation))) > 1


def _without_none(annotation: Any) -> Any:
    """``X | None`` → ``X``; anything else as it is."""
    if get_origin(annotation) in (Union, types.UnionType):
        members = list(_members(annotation))
        if len(members) == 1:
            return members[0]
    return annotation


def found(value: Any) -> str:
    """What a file holds, in words: "a list" in "a list, expected text" (the résumé's
    messages and a template manifest's say it alike)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__
