"""``--fit N``: a documented ladder of tighter settings, tried in order until the
PDF has at most N pages.

Each step changes design options the template has (steps for options it lacks
are skipped) and keeps every earlier change. The ladder:

1. ``spacing`` × 0.8 (space between sections and entries)
2. ``line_spacing`` − 0.05
3. ``margin`` × 0.8
4. ``font_size`` one step smaller (12pt → 11pt → 10pt)
5. ``spacing`` × 0.75
6. ``margin`` × 0.85
7. ``line_spacing`` − 0.05
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from cvtex.backends.latex.design import DesignView
from cvtex.backends.latex.options import OptionSpec

Step = tuple[str, Callable[[Any, OptionSpec], Any]]


def _scale(factor: float) -> Callable[[Any, OptionSpec], Any]:
    def apply(value: Any, spec: OptionSpec) -> Any:
        return spec.kind.scaled(value, factor, spec)

    return apply


def _minus(amount: float) -> Callable[[Any, OptionSpec], Any]:
    def apply(value: Any, spec: OptionSpec) -> Any:
        low = spec.min if spec.min is not None else 0.0
        return max(low, round(float(value) - amount, 3))

    return apply


def _smaller_font(value: Any, spec: OptionSpec) -> Any:
    index = spec.choices.index(value) if value in spec.choices else 0
    return spec.choices[max(index - 1, 0)]


LADDER: tuple[Step, ...] = (
    ("spacing", _scale(0.8)),
    ("line_spacing", _minus(0.05)),
    ("margin", _scale(0.8)),
    ("font_size", _smaller_font),
    ("spacing", _scale(0.75)),
    ("margin", _scale(0.85)),
    ("line_spacing", _minus(0.05)),
)


def tighter_designs(
    design: DesignView, options: dict[str, OptionSpec]
) -> Iterator[tuple[DesignView, list[str]]]:
    """Each rung of the ladder: the design so far and what has changed from ``design``."""
    values = design.as_dict()
    for name, change in LADDER:
        spec = options.get(name)
        if spec is None:
            continue
        new = change(values[name], spec)
        if str(new) == str(values[name]):
            continue
        values[name] = new
        changes = [
            f"{key} {design[key]} → {values[key]}"
            for key in options
            if str(values[key]) != str(design[key])
        ]
        yield DesignView(values), changes
