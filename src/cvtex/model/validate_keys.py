"""Validate pass 1, on the raw data: unknown keys, section ids and ``strings:`` names.

A near miss of a known key is an error with a did-you-mean; anything else is a
warning (JSON Resume files carry extension keys) and is left out, so pydantic never
sees it. Section ids and strings are checked here, before the model, so a schema
error elsewhere does not hide them.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from cvtex.diagnostics import FieldPath, Severity
from cvtex.model.schema import STANDARD_SECTIONS, Bullet
from cvtex.model.schema_settings import string_problem
from cvtex.model.validate_findings import Findings
from cvtex.suggest import suggest

ALWAYS_ALLOWED_ROOT_KEYS = frozenset({"$schema"})


def _model_keys(model: type[BaseModel]) -> dict[str, Any]:
    """The keys a model accepts (aliases where set) and their annotations."""
    return {(info.alias or name): info.annotation for name, info in model.model_fields.items()}


def _nested_models(annotation: Any) -> Iterator[tuple[str, type[BaseModel]]]:
    """Yield ("one"|"list"|"dict", model) for each model an annotation can hold."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        yield from _nested_models(typing.get_args(annotation)[0])
    elif origin in (typing.Union, types.UnionType):
        for arm in typing.get_args(annotation):
            yield from _nested_models(arm)
    elif origin is list:
        for kind, model in _nested_models(typing.get_args(annotation)[0]):
            if kind == "one":
                yield "list", model
    elif origin is dict:
        for kind, model in _nested_models(typing.get_args(annotation)[1]):
            if kind == "one":
                yield "dict", model
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield "one", annotation


def prune_unknown_keys(
    checker: Findings, data: Any, model: type[BaseModel], path: FieldPath
) -> Any:
    if not isinstance(data, dict):
        return data
    known = _model_keys(model)
    if model is Bullet and len(data) == 1 and not set(data) & set(known):
        ((key, value),) = data.items()
        checker.suggested.add((*path, "text"))
        checker.report(
            Severity.ERROR,
            'this bullet was read as "key: value" because its text contains ": "; '
            "put the whole text in quotes",
            path,
            code="bullet-colon",
        )
        return {"text": f"{key}: {value}"}
    open_ended = model.model_config.get("extra") == "allow"
    required = {
        info.alias or name for name, info in model.model_fields.items() if info.is_required()
    }
    kept: dict[str, Any] = {}
    for key, value in data.items():
        if value is None and key in known and key not in required:
            # JSON Resume exporters write null for "not given", lists included.
            message = "null means absent here (as if the key were not written)"
            checker.report(Severity.NOTE, message, (*path, key), key=True, code="null-absent")
            continue
        if key in known:
            kept[key] = _prune_value(checker, value, known[key], (*path, key))
            continue
        if open_ended:
            kept[key] = value  # checked later, e.g. design options by the template
            continue
        if key.startswith("x-") or (not path and key in ALWAYS_ALLOWED_ROOT_KEYS):
            continue
        guess = suggest(key, known)
        if guess is not None:
            checker.suggested.add((*path, guess))
            checker.report(
                Severity.ERROR,
                f'unknown key "{key}"; did you mean "{guess}"?',
                (*path, key),
                key=True,
                code="unknown-key",
            )
        else:
            message = f'unknown key "{key}"' + ("" if checker.strict else " is ignored")
            message += _where_it_belongs(key, known, data)
            checker.report(Severity.WARNING, message, (*path, key), key=True, code="unknown-key")
    return kept


def _prune_value(checker: Findings, value: Any, annotation: Any, path: FieldPath) -> Any:
    if path == ("meta",):
        return value
    for kind, model in _nested_models(annotation):
        if kind == "one" and isinstance(value, dict):
            return prune_unknown_keys(checker, value, model, path)
        if kind == "list" and isinstance(value, list):
            return [
                prune_unknown_keys(checker, item, model, (*path, i)) for i, item in enumerate(value)
            ]
        if kind == "dict" and isinstance(value, dict):
            return {k: prune_unknown_keys(checker, v, model, (*path, k)) for k, v in value.items()}
    return value


def check_section_ids(checker: Findings, data: dict[str, Any]) -> None:
    """Section ids named in ``design`` must exist; checked on raw data so a
    schema error elsewhere does not hide these."""
    design = data.get("design")
    if not isinstance(design, dict):
        return
    custom = data.get("sections")
    known = [*STANDARD_SECTIONS, *(custom if isinstance(custom, dict) else {})]
    for key in ("section_order", "page_breaks"):
        listed = design.get(key)
        if isinstance(listed, list):
            for i, section in enumerate(listed):
                if isinstance(section, str) and section not in known:
                    _unknown_section(checker, section, known, ("design", key, i))
    titles = design.get("section_titles")
    if isinstance(titles, dict):
        for section in titles:
            if section not in known:
                _unknown_section(checker, section, known, ("design", "section_titles", section))


def check_strings(checker: Findings, data: dict[str, Any]) -> None:
    """Each of ``strings:`` checked at its own key, all at once; a bad one is taken
    out so the model's own check (one error for the whole mapping) never fires."""
    strings = data.get("strings")
    if not isinstance(strings, dict):
        return
    for key, value in list(strings.items()):
        problem = string_problem(key, value)
        if problem is not None:
            code, message = problem
            path: FieldPath = ("strings", key)
            checker.report(Severity.ERROR, message, path, key=code == "unknown-key", code=code)
            del strings[key]


def _unknown_section(checker: Findings, name: str, known: list[str], path: FieldPath) -> None:
    guess = suggest(name, known)
    hint = f'; did you mean "{guess}"?' if guess else f" (known: {', '.join(known)})"
    checker.report(
        Severity.ERROR,
        f'unknown section "{name}"{hint}',
        path,
        key=isinstance(path[-1], str),
        code="unknown-section",
    )


KEY_SYNONYMS: dict[str, tuple[str, ...]] = {
    "experience": ("work",),
    "employment": ("work",),
    "jobs": ("work",),
    "job": ("position",),
    "role": ("position", "roles"),
    "title": ("position", "name", "label"),
    "name": ("title", "language"),
    "company": ("name", "organization"),
    "employer": ("name", "organization"),
    "school": ("institution",),
    "university": ("institution",),
    "degree": ("studyType",),
    "major": ("area",),
    "grade": ("score",),
    "level": ("fluency",),
    "hobbies": ("interests",),
    "achievements": ("highlights",),
    "responsibilities": ("highlights",),
    "bullets": ("highlights",),
    "tasks": ("highlights",),
    "start": ("startDate",),
    "end": ("endDate",),
    "from": ("startDate",),
    "to": ("endDate",),
    "website": ("url",),
    "link": ("url",),
    "homepage": ("url",),
    "mail": ("email",),
    "telephone": ("phone",),
    "mobile": ("phone",),
    "about": ("summary",),
    "bio": ("summary",),
    "headline": ("label",),
    "tools": ("keywords",),
    "technologies": ("keywords",),
    "zip": ("postalCode",),
    "zipcode": ("postalCode",),
    "postcode": ("postalCode",),
    "state": ("region",),
    "province": ("region",),
}
"""Words people use for a JSON Resume key (lowercase), and the keys they may mean, most
likely first: the did-you-mean for a key spelt right but named otherwise (``title`` is
``position`` in work, ``name`` in a project, ``label`` in basics)."""


def _where_it_belongs(key: str, known: dict[str, Any], written: dict[str, Any]) -> str:
    """A hint for an unknown key a near-miss spelling cannot explain."""
    if key == "ignore":
        return (
            "; ignore: is read at the top of the file, on basics, on a custom section and "
            "on any entry or bullet"
        )
    meant = [k for k in KEY_SYNONYMS.get(key.lower(), ()) if k in known and k not in written]
    return f'; did you mean "{meant[0]}"?' if meant else ""
