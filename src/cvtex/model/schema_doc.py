"""``docs/schema.md``, generated from the models so the reference cannot drift.

Run ``cvtex schema --markdown -o docs/schema.md`` after changing a model; a test
fails while the committed page is stale.
"""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel

from cvtex.model.dates import FreeDate, PartialDate
from cvtex.model.dates_forms import readme_forms
from cvtex.model.schema import STANDARD_SECTIONS, Bullet, Resume

INTRO = f"""\
# The résumé schema

<!-- Generated from src/cvtex/model/schema.py by `cvtex schema --markdown`; do not edit. -->

A résumé is a YAML (or JSON) mapping. Field names follow
[JSON Resume 1.0.0](https://jsonresume.org/schema); keys marked *(cvtex)* are
extensions. Editors that speak JSON Schema can use `cvtex schema` (or
`docs/resume.schema.json`) for completion and checks.

General rules:

- Every text may use inline markup: `**bold**`, `*italic*`, `[text](https://url)`;
  `\\*` is a literal asterisk. Everything else prints exactly as written.
- **Dates** are {readme_forms()}; month names in English or any shipped
  locale, and `present` in any case or the locale's word. By default
  (`design.date_format: auto`) a full date or date-time prints as the locale's
  short month (`Jun 2011`), every other form as written, and a range's end in
  another form follows its start's style. A day the month lacks (`2024-09-31`)
  is a warning and means its month. A `date` field also takes free text
  ("Summer 2021", "Expected 2027"), printed as written.
- An empty string means "absent" for optional fields.
- A likely misspelling of a key is an error with a did-you-mean; other unknown
  keys are warnings (errors under `--strict`). `$schema`, keys starting with
  `x-`, and anything under `meta` are allowed.
- A **bullet** is a string, or a mapping `{{text, items}}` whose `items` are
  strings printed one level down.
- Standard section ids, in their default order (`summary` is `basics.summary`):
  {", ".join(f"`{s}`" for s in STANDARD_SECTIONS)}.
  Custom section ids are the keys of `sections`.
"""


def render_schema_markdown() -> str:
    blocks = [INTRO]
    for model in _models_in_order(Resume):
        blocks.append(_model_block(model))
    return "\n".join(blocks)


def _models_in_order(root: type[BaseModel]) -> list[type[BaseModel]]:
    seen: list[type[BaseModel]] = []

    def visit(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.append(model)
        for info in model.model_fields.values():
            for nested in _nested(info.annotation):
                visit(nested)

    visit(root)
    return seen


def _nested(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in typing.get_args(annotation) for model in _nested(arg)]


def _anchor(model: type[BaseModel]) -> str:
    return model.__name__.lower()


def _model_block(model: type[BaseModel]) -> str:
    doc = (model.__doc__ or "").strip().splitlines()[0]
    lines = [f"## {model.__name__}", "", doc, ""]
    if model is Bullet:
        lines += ["Written as a plain string, or as this mapping:", ""]
    lines += ["| key | type | required | description |", "|---|---|---|---|"]
    for name, info in model.model_fields.items():
        key = info.alias or name
        required = "yes" if info.is_required() else ""
        description = (info.description or "").replace("|", "\\|")
        lines.append(f"| `{key}` | {_type_name(info.annotation)} | {required} | {description} |")
    return "\n".join(lines) + "\n"


def _type_name(annotation: Any) -> str:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _type_name(args[0])
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_type_name(a) for a in args if a is not type(None))
    if origin is list:
        return f"list of {_type_name(args[0])}"
    if origin is dict:
        return f"mapping of id → {_type_name(args[1])}"
    if origin is typing.Literal:
        return " \\| ".join(f"`{a}`" for a in args)
    if annotation is FreeDate:
        return "date or text"
    if annotation is PartialDate:
        return "date"
    if annotation is str:
        return "text"
    if annotation is bool:
        return "true/false"
    if annotation is Any:
        return "anything"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"[{annotation.__name__}](#{_anchor(annotation)})"
    return str(annotation)
