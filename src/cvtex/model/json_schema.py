"""The JSON Schema (draft 2020-12) for editors, generated from the models.

Pydantic writes most of it; a few adjustments make it describe what cvtex really
accepts: a bullet may be a plain string, an optional field may be ``""``
(absent), and ``x-`` keys are allowed wherever keys are checked.
"""

from __future__ import annotations

import json
from typing import Any

from cvtex import __version__
from cvtex.model.schema import Resume

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_FILE_NAME = "resume.schema.json"


def resume_json_schema() -> dict[str, Any]:
    """The schema as a dictionary."""
    schema = Resume.model_json_schema(by_alias=True, mode="validation")
    definitions: dict[str, Any] = schema.get("$defs", {})
    for definition in [schema, *definitions.values()]:
        _adjust_object(definition)
    design = definitions.get("Design")
    if design is not None:
        design.setdefault("properties", {}).update(_builtin_option_schemas())
    bullet = definitions.get("Bullet")
    if bullet is not None:
        definitions["Bullet"] = {
            "description": bullet.get("description", ""),
            "anyOf": [{"type": "string", "minLength": 1}, bullet],
        }
    schema.pop("title", None)
    return {
        "$schema": DIALECT,
        "$id": f"https://cvtex.invalid/schema/{__version__}/{SCHEMA_FILE_NAME}",
        "title": "cvtex résumé",
        **schema,
    }


def resume_json_schema_text() -> str:
    return json.dumps(resume_json_schema(), indent=2, ensure_ascii=False) + "\n"


def _adjust_object(schema: dict[str, Any]) -> None:
    if schema.get("type") != "object" or "properties" not in schema:
        return
    if schema.get("additionalProperties") is False:
        schema["patternProperties"] = {"^x-": {}}
    required = set(schema.get("required", ()))
    for name, prop in schema["properties"].items():
        prop.pop("title", None)  # pydantic's "Startdate"-style titles say nothing
        if name not in required and _allows_strings(prop):
            schema["properties"][name] = _also_empty(prop)


def _allows_strings(schema: dict[str, Any]) -> bool:
    if schema.get("type") == "string":
        return True
    return any(_allows_strings(arm) for arm in schema.get("anyOf", ()))


def _also_empty(schema: dict[str, Any]) -> dict[str, Any]:
    """Accept ``""`` too: an empty string means the field is absent."""
    if "anyOf" in schema:
        return {**schema, "anyOf": [*schema["anyOf"], {"const": ""}]}
    keep: dict[str, Any] = {k: schema.pop(k) for k in ("description", "default") if k in schema}
    return {**keep, "anyOf": [schema, {"const": ""}]}


def _builtin_option_schemas() -> dict[str, Any]:
    """Design options of every built-in template (user templates may add more)."""
    from cvtex.backends.latex.templates import builtin_manifest, builtin_names

    merged: dict[str, Any] = {}
    for name in builtin_names():
        for option, spec in builtin_manifest(name).options.items():
            entry = merged.setdefault(
                option, {"description": f"({spec.type} option) {spec.description}", "users": []}
            )
            entry["users"].append(name)
            for key, value in spec.kind.json_schema(spec).items():
                if key == "enum":
                    entry.setdefault("enum", [])
                    entry["enum"] += [v for v in value if v not in entry["enum"]]
                else:
                    entry[key] = value
    for entry in merged.values():
        users = entry.pop("users")
        entry["description"] += f"; templates: {', '.join(users)}"
    return dict(sorted(merged.items()))
