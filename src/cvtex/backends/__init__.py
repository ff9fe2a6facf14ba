"""Output formats behind one small interface: ``produce(view) -> Artefact``.

A backend renders a :class:`~cvtex.view.ResumeView` and nothing else: the view has
made every display decision and applied the link policy, so a backend only escapes
for its own format. The text, Markdown, HTML and JSON Resume backends are pure
functions; the PDF goes through the LaTeX templates and the TeX engine
(:mod:`cvtex.build`), which render the same view.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the model imports backends.latex: the view must not load with it
    from cvtex.view import ResumeView


@dataclass(frozen=True)
class Artefact:
    """What a backend made: the bytes to install and what they are."""

    data: bytes
    media_type: str
    suffix: str


Produce = Callable[["ResumeView"], Artefact]


@dataclass(frozen=True)
class Format:
    name: str
    module: str
    suffix: str
    description: str
    printed: bool = True
    """A page someone reads (refused when nothing prints), not data for another tool."""


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("text", "cvtex.backends.text", ".txt", "plain text, for application forms"),
        Format("markdown", "cvtex.backends.markdown", ".md", "Markdown (CommonMark)"),
        Format("html", "cvtex.backends.html", ".html", "one HTML page with print styles"),
        Format("json-resume", "cvtex.backends.json_resume", ".json", "JSON Resume 1.0", False),
    )
}
"""Every export format, by the name ``cvtex export --to`` takes. Adding one is a module
with a ``produce`` function and a line here."""


def backend(name: str) -> Produce:
    """The ``produce`` function of format ``name`` (imported only when used)."""
    module = importlib.import_module(FORMATS[name].module)
    produce: Produce = module.produce
    return produce
