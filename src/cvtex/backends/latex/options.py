"""Design options: what a template declares in ``template.yaml`` and how a value the
user wrote (in ``design:`` or with ``--set``) becomes a typed, LaTeX-safe value.

Values arrive as the strings the user wrote; each option type converts and
checks them, so nothing reaches a template unvalidated. An option type is one
:class:`OptionType` subclass, registered by name with :func:`option_type`: how it
parses a value, describes its values (``cvtex templates show``), constrains them in
the JSON Schema, completes them in the shell and scales them for ``--fit``. Adding a
type is adding a class here.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from cvtex.backends.latex.escape import Latex

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

_POINTS = {"pt": 1.0, "bp": 72.27 / 72, "mm": 72.27 / 25.4, "cm": 72.27 / 2.54, "in": 72.27}
_POINTS.update(em=10.0, ex=4.5)  # about, at the templates' sizes
LENGTH_PATTERN = r"^([0-9]+(?:\.[0-9]+)?)\s*(" + "|".join(_POINTS) + ")$"
"""A length: a decimal number and a TeX unit, as the user may write it (``12 mm``). The
one definition of the grammar: parsing, ``--fit`` and the JSON Schema all use it."""
_LENGTH = re.compile(LENGTH_PATTERN)
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


class OptionError(ValueError):
    """A value the option does not accept."""


class OptionType:
    """One kind of design option. Subclasses override what differs; every method gets
    the :class:`OptionSpec`, which carries the option's ``choices``, ``min`` and ``max``."""

    name: ClassVar[str]

    def check(self, spec: OptionSpec) -> None:
        """Raise :class:`ValueError` when ``spec`` lacks what this type needs."""

    def parse(self, text: str, spec: OptionSpec) -> Any:
        """The value templates see for ``text`` (stripped), or :class:`OptionError`."""
        raise NotImplementedError

    def describe(self, spec: OptionSpec) -> str:
        """The values accepted, in a few words (``cvtex templates show``)."""
        raise NotImplementedError

    def json_schema(self, spec: OptionSpec) -> dict[str, Any]:
        """JSON Schema keywords for a value; an ``enum`` is merged across templates."""
        return {}

    def completions(self, spec: OptionSpec) -> tuple[str, ...]:
        """Values a shell may offer after ``--set design.NAME=``."""
        return ()

    def scaled(self, value: Any, factor: float, spec: OptionSpec) -> Any:
        """``value`` times ``factor`` (``--fit``); a type that cannot scale keeps it."""
        return value


OPTION_TYPES: dict[str, OptionType] = {}
"""Every option type, by the name ``template.yaml`` gives as ``type:``."""

T = TypeVar("T", bound=type[OptionType])


def option_type(cls: T) -> T:
    """Register an :class:`OptionType` subclass under its ``name``."""
    OPTION_TYPES[cls.name] = cls()
    return cls


@option_type
class ChoiceType(OptionType):
    name = "choice"

    def check(self, spec: OptionSpec) -> None:
        if not spec.choices:
            raise ValueError("a choice option needs choices")

    def parse(self, text: str, spec: OptionSpec) -> Any:
        if text not in spec.choices:
            raise OptionError(f'"{text}" is not one of: {", ".join(spec.choices)}')
        return text

    def describe(self, spec: OptionSpec) -> str:
        return " | ".join(spec.choices)

    def json_schema(self, spec: OptionSpec) -> dict[str, Any]:
        return {"enum": list(spec.choices)}

    def completions(self, spec: OptionSpec) -> tuple[str, ...]:
        return tuple(spec.choices)


@option_type
class BoolType(OptionType):
    name = "bool"

    def parse(self, text: str, spec: OptionSpec) -> Any:
        lowered = text.lower()
        if lowered in _TRUE | _FALSE:
            return lowered in _TRUE
        raise OptionError(f'"{text}" is not true or false')

    def describe(self, spec: OptionSpec) -> str:
        return "true | false"

    def json_schema(self, spec: OptionSpec) -> dict[str, Any]:
        return {"type": "boolean"}

    def completions(self, spec: OptionSpec) -> tuple[str, ...]:
        return ("true", "false")


@option_type
class LengthType(OptionType):
    name = "length"

    def parse(self, text: str, spec: OptionSpec) -> Any:
        digits, unit = self.split(text)
        if float(digits) * _POINTS[unit] > MAX_LENGTH_PT:
            raise OptionError(f'"{text}" is longer than a page (at most {MAX_LENGTH_PT:g}pt)')
        return Latex(digits + unit)

    @staticmethod
    def split(text: str) -> tuple[str, str]:
        """The number (as written) and the unit of a length, or :class:`OptionError`."""
        match = _LENGTH.match(text)
        if match is None:
            raise OptionError(f'"{text}" is not a length such as 0.6in, 12mm or 10pt')
        return match.group(1), match.group(2)

    def describe(self, spec: OptionSpec) -> str:
        return "a length such as 0.6in, 12mm or 10pt"

    def json_schema(self, spec: OptionSpec) -> dict[str, Any]:
        return {"type": "string", "pattern": LENGTH_PATTERN}

    def scaled(self, value: Any, factor: float, spec: OptionSpec) -> Any:
        try:
            digits, unit = self.split(str(value))
        except OptionError:
            return value
        return Latex(f"{float(digits) * factor:.3g}{unit}")


@option_type
class ColorType(OptionType):
    name = "color"

    def parse(self, text: str, spec: OptionSpec) -> Any:
        match = _HEX.match(text)
        if match is not None:
            return Color(match.group(1).upper(), text)
        if text.lower() in NAMED_COLORS:
            return Color(NAMED_COLORS[text.lower()], text)
        raise OptionError(
            f'"{text}" is not a colour: use #RRGGBB or one of {", ".join(NAMED_COLORS)}'
        )

    def describe(self, spec: OptionSpec) -> str:
        return "#RRGGBB or a name: " + ", ".join(NAMED_COLORS)

    def json_schema(self, spec: OptionSpec) -> dict[str, Any]:
        return {
            "anyOf": [
                {"type": "string", "pattern": _HEX.pattern},
                {"enum": list(NAMED_COLORS)},
            ]
        }

    def completions(self, spec: OptionSpec) -> tuple[str, ...]:
        return tuple(NAMED_COLORS)


@option_type
class NumberType(OptionType):
    name = "number"

    def parse(self, text: str, spec: OptionSpec) -> Any:
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

    def describe(self, spec: OptionSpec) -> str:
        if spec.min is not None and spec.max is not None:
            return f"a number from {spec.min:g} to {spec.max:g}"
        if spec.min is not None:
            return f"a number from {spec.min:g}"
        if spec.max is not None:
            return f"a number up to {spec.max:g}"
        return "a number"

    def json_schema(self, spec: OptionSpec) -> dict[str, Any]:
        bounds = {"minimum": spec.min, "maximum": spec.max}
        return {"type": "number", **{k: v for k, v in bounds.items() if v is not None}}

    def scaled(self, value: Any, factor: float, spec: OptionSpec) -> Any:
        low = spec.min if spec.min is not None else 0.0
        return max(low, round(float(value) * factor, 3))


@option_type
class TextType(OptionType):
    name = "text"

    def parse(self, text: str, spec: OptionSpec) -> Any:
        return text

    def describe(self, spec: OptionSpec) -> str:
        return "text"


class OptionSpec(BaseModel):
    """One option a template supports."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    type: str
    """The name of an :class:`OptionType` in :data:`OPTION_TYPES`."""
    default: str | bool | int | float
    description: str = Field(min_length=1)
    choices: list[str] = []
    min: float | None = None
    max: float | None = None

    @field_validator("type")
    @classmethod
    def _known_type(cls, name: str) -> str:
        if name not in OPTION_TYPES:
            from cvtex.suggest import suggest

            guess = suggest(name, OPTION_TYPES)
            hint = f'did you mean "{guess}"? ' if guess else ""
            raise ValueError(
                f'unknown option type "{name}"; {hint}(types: {", ".join(OPTION_TYPES)})'
            )
        return name

    @model_validator(mode="after")
    def _default_is_valid(self) -> OptionSpec:
        self.kind.check(self)
        convert(self, self.default)
        return self

    @property
    def kind(self) -> OptionType:
        """The option's type."""
        return OPTION_TYPES[self.type]

    def describe_values(self) -> str:
        return self.kind.describe(self)


def convert(spec: OptionSpec, raw: Any) -> Any:
    """The typed value for ``raw`` (as the user wrote it), or :class:`OptionError`."""
    text = ("true" if raw else "false") if isinstance(raw, bool) else str(raw).strip()
    return spec.kind.parse(text, spec)
