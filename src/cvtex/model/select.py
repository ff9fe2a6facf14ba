"""Stage 2½: choose what to print. Pure functions from a Resume to a Resume.

:func:`select` runs once per build, right after validation, so every later
decision (the engine, the fonts, missing glyphs, the layout) sees only what prints.
Today it drops entries and bullets marked ``hidden: true`` and everything that would
print nothing (blank list items, entries with no content); tailoring by tags and
variants will live here too. Source paths are attached first, so what remains still
points at its own line in the file.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

from cvtex.diagnostics import FieldPath, SourceText
from cvtex.model.schema import STANDARD_SECTIONS, Resume

M = TypeVar("M", bound=BaseModel)

NOT_PRINTED = frozenset({"tags", "hidden", "pagebreak", "ignore"})
"""Keys that steer selection and layout but print nothing themselves."""


def select(resume: Resume) -> Resume:
    """What prints of ``resume``, each string a :class:`~cvtex.diagnostics.SourceText` that
    remembers its YAML path (attached before anything is dropped, so list indexes are
    the file's)."""
    return select_printed(_annotate(resume, ()))


def printable(model: BaseModel) -> bool:
    """True when some field of ``model`` would put text on the page."""
    return any(
        _has_content(getattr(model, name))
        for name in type(model).model_fields
        if name not in NOT_PRINTED
    )


def _has_content(value: Any) -> bool:
    if value is None or isinstance(value, bool):
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, BaseModel):
        return printable(value)
    if isinstance(value, list | tuple):
        return any(_has_content(item) for item in value if not getattr(item, "hidden", False))
    if isinstance(value, dict):
        return any(_has_content(item) for item in value.values())
    return True  # a date or a number


def select_printed(model: M) -> M:
    """A copy of ``model`` without anything hidden or blank, at any depth."""
    updates = {name: _drop(getattr(model, name)) for name in type(model).model_fields}
    return model.model_copy(update=updates)


def _drop(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return select_printed(value)
    if isinstance(value, list):
        kept = [
            item
            for item in (_drop(item) for item in value if not getattr(item, "hidden", False))
            if not _blank(item)
        ]
        return (
            kept
            if kept != value or any(a is not b for a, b in zip(kept, value, strict=True))
            else value
        )
    if isinstance(value, dict):
        return {key: _drop(item) for key, item in value.items()}
    return value


def _blank(item: Any) -> bool:
    """A list item that prints nothing: blank text, or an entry with no content."""
    return isinstance(item, str | BaseModel) and not _has_content(item)


def prints_something(resume: Resume) -> bool:
    """False for a résumé that would make an empty page (``{}``, only ``meta``): what
    :func:`select_printed` would keep, judged without making the copy."""
    sections = [getattr(resume, name) for name in STANDARD_SECTIONS if name != "summary"]
    custom = [part for s in resume.sections.values() for part in (s.entries, s.items, s.rows)]
    return _has_content(resume.basics) or _has_content(sections) or _has_content(custom)


def _annotate(model: M, path: FieldPath) -> M:
    updates: dict[str, Any] = {}
    for name, info in type(model).model_fields.items():
        key = info.alias or name
        if name == "meta":
            continue
        value = getattr(model, name)
        annotated = _annotate_value(value, (*path, key))
        if annotated is not value:
            updates[name] = annotated
    return model.model_copy(update=updates) if updates else model


def _annotate_value(value: Any, path: FieldPath) -> Any:
    if isinstance(value, str) and not isinstance(value, SourceText):
        return SourceText(value, path)
    if isinstance(value, BaseModel):
        return _annotate(value, path)
    if isinstance(value, list):
        return [_annotate_value(item, (*path, i)) for i, item in enumerate(value)]
    if isinstance(value, dict):
        return {k: _annotate_value(v, (*path, k)) for k, v in value.items()}
    return value
