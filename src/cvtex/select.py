"""Stage 2½: choose what to print. Pure functions from a Resume to a Resume.

Today this drops entries and bullets marked ``hidden: true``; tailoring by tags
and variants will live here too.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)


def drop_hidden(model: M) -> M:
    """A copy of ``model`` without anything marked ``hidden: true``, at any depth."""
    updates = {name: _drop(getattr(model, name)) for name in type(model).model_fields}
    return model.model_copy(update=updates)


def _drop(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return drop_hidden(value)
    if isinstance(value, list):
        kept = [_drop(item) for item in value if not getattr(item, "hidden", False)]
        return (
            kept
            if kept != value or any(a is not b for a, b in zip(kept, value, strict=True))
            else value
        )
    if isinstance(value, dict):
        return {key: _drop(item) for key, item in value.items()}
    return value
