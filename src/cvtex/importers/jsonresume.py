"""JSON Resume (any version) → cvtex YAML, losing nothing cvtex reads.

cvtex reads JSON Resume as it is, so the conversion is the document itself, checked
as ``cvtex validate`` checks it (an invalid one is refused with the same located
errors), with

* the early key names (:mod:`cvtex.source.legacy`) renamed to today's, each with a comment;
* ``null`` where it means "not given" left out;
* each key cvtex does not know, and each old name whose current name is also given,
  turned into a comment where it stood: it never printed, and the file validates
  without the warning.

Everything else is written as it was read, so validating the written YAML gives the
same résumé as validating the JSON (``tests/test_import.py`` checks it).
"""

from __future__ import annotations

import json
from typing import Any

from cvtex.diagnostics import FieldPath
from cvtex.importers import JSON_RESUME, Imported
from cvtex.model.validate import validate
from cvtex.source.legacy import RENAMES, copy_data, modernise
from cvtex.source.loader import Document
from cvtex.yaml_writer import Commented, Remark


def convert(document: Document) -> Imported:
    modern, findings = modernise(document)
    validated = validate(modern, legacy=findings)  # InputError: exit 1, located
    tree: Any = copy_data(modern.data)
    for warning in validated.warnings:
        if warning.code == "null-absent":
            _drop(tree, warning.path)
    for warning in validated.warnings:
        if warning.code == "unknown-key":
            value = _drop(tree, warning.path)
            key = warning.path[-1]
            note = f"{json.dumps(key, ensure_ascii=False)}: {_shown(value)}"
            _remark(tree, warning.path[:-1], f"not a cvtex key, so it never printed: {note}")
    for finding in findings:
        path = finding.path
        if finding.code == "legacy-conflict":
            old = _at(document.data, path)
            note = (
                f'"{path[-1]}" was given with its current name too; its value, which '
                f"did not print: {_shown(old)}"
            )
            _remark(tree, path[:-1], note)
        elif finding.code == "legacy-key" and path[-1] != "profiles":
            old = next(o for _, o, new in RENAMES if new == path[-1])
            _annotate(tree, path, f'"{old}" in the source, its name before JSON Resume 1.0')
        elif finding.code == "legacy-key":
            _annotate(
                tree, path, "a map of network: name in the source, as JSON Resume 0.x wrote it"
            )
    header = (
        "Every key is as the JSON Resume file had it (old key names renamed); what",
        "cvtex does not read is kept as a comment where it stood.",
    )
    return Imported(JSON_RESUME, tree, header)


def _at(data: Any, path: FieldPath) -> Any:
    for part in path:
        if isinstance(data, Commented):
            data = data.value
        in_list = isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
        if not (in_list or (isinstance(data, dict) and part in data)):
            return None
        data = data[part]
    return data


def _drop(tree: Any, path: FieldPath) -> Any:
    parent = _at(tree, path[:-1])
    if isinstance(parent, dict) and path[-1] in parent:
        return parent.pop(path[-1])
    return None


def _remark(tree: Any, path: FieldPath, note: str) -> None:
    parent = _at(tree, path)
    if isinstance(parent, dict):
        parent[Remark((note,))] = None


def _annotate(tree: Any, path: FieldPath, note: str) -> None:
    parent = _at(tree, path[:-1])
    key = path[-1]
    if isinstance(parent, dict) and key in parent:
        value = parent[key]
        notes = (*value.notes, note) if isinstance(value, Commented) else (note,)
        parent[key] = Commented(value.value if isinstance(value, Commented) else value, notes)


def _shown(value: Any) -> str:
    """A value on one comment line, as JSON (the writer escapes what is unprintable)."""
    return json.dumps(value, ensure_ascii=False)
