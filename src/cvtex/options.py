"""Design options: what a template declares in ``template.yaml`` and how a value the
user wrote (in ``design:`` or with ``--set``) becomes a typed, LaTeX-safe value.

Values arrive as the strings the user wrote; each option type converts and
checks them, so nothing reaches a template unvalidated.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from cvtex.escape import Latex

OptionType = Literal["choice", "bool", "length", "color", "number", "text"]

NAMED_COLORS: dict[str, str] = {
    "black": "000000",
    "darkgray": "404040",
    "gray": "6B6B6B",
    "navy": "1F3A5F",
    "darkblue": "1F4E79",
    "blue": "1D5FBF",
    "teal": "0F6E6E",
    "darkgreen": "2E6B30",
    "green": "3A8A3A",
    "maroon": "7A1F2B",
    "darkred": "A11D21",
    "red": "C62828",
    "purple": "5B2C83",
    "orange": "C25E00",
    "brown": "6D4C2F",
}
"""Accent colour names; any other colour may be given as #RRGGBB."""

FONTS: dict[str, str] = {
    "latin-modern": "Latin Modern Roman (serif)",
    "latin-modern-sans": "Latin Modern Sans",
    "charter": "Bitstream Charter (serif)",
    "source-sans": "Source Sans Pro (sans-serif)",
}
"""Font families every engine cvtex supports has; values of the ``font`` option."""

_LENGTH = re.compile(r"^([0-9]+(?:\.[0-9]+)?)\s*(pt|bp|mm|cm|in|em|ex)$")
_POINTS = {"pt": 1.0, "bp": 72.27 / 72, "mm": 72.27 / 25.4, "cm": 72.27 / 2.54, "in": 72.27}
_POINTS.update(em=10.0, ex=4.5)  # about, at the templates' sizes
MAX_LENGTH_PT = 1000.0
"""About 35 cm: more than any page; TeX itself stops at 16 384 pt ("Dimension too large")."""
_HEX = re.compile(r"^#?([0-9a-fA-F]{6})$")
_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}


@dataclass(frozen=True)
class Color:
    """A colour: ``hex`` is ``RRGGBB`` for ``\\definecolor{name}{HTML}{…}``."""

    hex: str
    written: str

    def __str__(self) -> str:
        return self.hex


class OptionSpec(BaseModel):
    """One option a template supports."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    type: OptionType
    default: str | bool | int | float
    description: str = Field(min_length=1)
    choices: list[str] = []
    min: float | None = None
    max: float | None = None

    @model_validator(mode="after")
    def _default_is_valid(self) -> OptionSpec:
        if self.type == "choice" and not self.choices:
            raise ValueError("a choice option needs choices")
        convert(self, self.default)
        return self

    def describe_values(self) -> str:
        if self.type == "choice":
            return " | ".join(self.choices)
        if self.type == "bool":
            return "true | false"
        if self.type == "length":
            return "a length such as 0.6in, 12mm or 10pt"
        if self.type == "color":
            return "#RRGGBB or a name: " + ", ".join(NAMED_COLORS)
        if self.type == "number":
            return f"a number from {self.min:g} to {self.max:g}"
        return "text"


class OptionError(ValueError):
    """A value the option does not accept."""


def convert(spec: OptionSpec, raw: Any) -> Any:
    """The typed value for ``raw`` (as the user wrote it), or :class:`OptionError`."""
    text = str(raw).strip()
    if isinstance(raw, bool):
        text = "true" if raw else "false"
    if spec.type == "choice":
        if text not in spec.choices:
            raise OptionError(f'"{text}" is not one of: {", ".join(spec.choices)}')
        return text
    if spec.type == "bool":
        lowered = text.lower()
        if lowered in _TRUE | _FALSE:
            return lowered in _TRUE
        raise OptionError(f'"{text}" is not true or false')
    if spec.type == "length":
        match = _LENGTH.match(text)
        if match is None:
            raise OptionError(f'"{text}" is not a length such as 0.6in, 12mm or 10pt')
        if float(match.group(1)) * _POINTS[match.group(2)] > MAX_LENGTH_PT:
            raise OptionError(f'"{text}" is longer than a page (at most {MAX_LENGTH_PT:g}pt)')
        return Latex(match.group(1) + match.group(2))
    if spec.type == "color":
        match = _HEX.match(text)
        if match is not None:
            return Color(match.group(1).upper(), text)
        if text.lower() in NAMED_COLORS:
            return Color(NAMED_COLORS[text.lower()], text)
        raise OptionError(
            f'"{text}" is not a colour: use #RRGGBB or one of {", ".join(NAMED_COLORS)}'
        )
    if spec.type == "number":
        try:
            number = float(text)
        except ValueError:
            raise OptionError(f'"{text}" is not a number') from None
        if not math.isfinite(number):
            raise OptionError(f'"{text}" is not a finite number')
        low = spec.min if spec.min is not None else float("-inf")
        high = spec.max if spec.max is not None else float("inf")
        if not low <= number <= high:
            raise OptionError(f"{number:g} is outside {low:g}–{high:g}")
        return number
    return text
