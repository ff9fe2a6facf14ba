"""Validate pass 2: pydantic's errors, located through the source map and worded for
the user; then the résumé without the values it refused, so pass 3 still runs."""

from __future__ import annotations

import copy
from typing import Any

from pydantic import ValidationError

from cvtex.diagnostics import FieldPath, Severity
from cvtex.model.model_errors import found
from cvtex.model.schema import Resume
from cvtex.model.validate_findings import Findings
from cvtex.source.yaml_hints import missing_space

_FRIENDLY = {
    "list_type": "expected a list",
    "dict_type": "expected a mapping (key: value pairs)",
    "model_type": "expected a mapping (key: value pairs)",
    "model_attributes_type": "expected a mapping (key: value pairs)",
    "string_type": "expected text",
    "bool_parsing": "expected true or false",
    "bool_type": "expected true or false",
    "string_too_short": "must not be empty",
}

_EXPECTED_SHAPE = {
    "list_type": "list",
    "dict_type": "mapping",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
}


def add_pydantic_errors(checker: Findings, exc: ValidationError) -> None:
    for error in exc.errors(include_url=False):
        path: FieldPath = tuple(error["loc"])
        kind = error["type"]
        message = str(error["msg"])
        if kind == "missing":
            if path in checker.suggested:
                continue  # the did-you-mean on the misspelt key says it all
            parent, name = path[:-1], path[-1]
            message = f'missing required key "{name}"'
            checker.report(Severity.ERROR, message, parent, key=True, code="missing-key")
            continue
        # A problem with a whole mapping or list is shown at its key.
        on_key = isinstance(checker.raw(path), dict | list)
        nested_too_deep = len(path) > 1 and path[-2] == "items"
        if kind == "string_type" and nested_too_deep and on_key:
            message = "bullets nest one level only: a nested item must be text"
            checker.report(Severity.ERROR, message, path, code="invalid-value")
            continue
        if kind in _FRIENDLY:
            message = _FRIENDLY[kind]
            if message.startswith("expected"):
                hint = missing_space(error["input"], _EXPECTED_SHAPE.get(kind, ""))
                message = f"{found(error['input'])}, {message}{hint}"
            checker.report(Severity.ERROR, message, path, key=on_key, code="invalid-value")
            continue
        if kind == "value_error":
            message = message.removeprefix("Value error, ")
        elif kind == "literal_error":
            message = message.replace("Input should be", "must be")
        else:
            message = message[:1].lower() + message[1:]
            message = message.replace("input should be", "should be")
        checker.report(Severity.ERROR, message, path, key=on_key, code="invalid-value")


def without_invalid(data: dict[str, Any], exc: ValidationError, rounds: int = 5) -> Resume | None:
    """The résumé with every value pydantic refused taken out, for the checks that need
    a model (links, date order, scripts) to report their problems in the same run. A
    refused key is removed; a refused list item becomes a blank one, so later items
    keep their index and their line. None when nothing valid is left to check."""
    pruned = copy.deepcopy(data)
    for _ in range(rounds):
        for error in exc.errors(include_url=False):
            if not _remove(pruned, tuple(error["loc"])):
                return None
        try:
            return Resume.model_validate(pruned)
        except ValidationError as again:
            exc = again
    return None


def _remove(data: Any, loc: FieldPath) -> bool:
    """Take out the deepest value of ``data`` along ``loc`` (pydantic may add parts of
    its own, such as a union member's name, after the real path)."""
    parent, part = None, None
    node = data
    for step in loc:
        in_mapping = isinstance(node, dict) and step in node
        in_list = isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)
        if not (in_mapping or in_list):
            break
        parent, part, node = node, step, node[step]
    if isinstance(parent, dict):
        del parent[part]
        return True
    if isinstance(parent, list) and isinstance(part, int):
        if node is None:
            return False  # already blank: this error is not about the value
        parent[part] = None
        return True
    return False
