"""``cvtex import``: tell which format a file is in and hand it to its converter.

A file is read with :func:`cvtex.source.loader.load_file`, like any résumé (it is untrusted
input: the same limits, the same located errors), then converted by
:mod:`cvtex.importers.rendercv` or :mod:`cvtex.importers.jsonresume` into a tree for
:mod:`cvtex.yaml_writer`. Nothing named inside the file (a photo, RenderCV's design
or locale files) is opened. What a converter writes is read back with the loader and
validated before the command reports success: a file that does not read back as
written, or whose structure cvtex refuses, is a bug in the converter.
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cvtex.diagnostics import Diagnostic, Severity
from cvtex.source.loader import Document

RENDERCV = "RenderCV"
JSON_RESUME = "JSON Resume"
RENDERCV_CODE = "rendercv-file"


def looks_like_rendercv(data: Any) -> bool:
    """A RenderCV file: a top-level ``cv`` mapping holding ``sections`` or a ``name``,
    and no JSON Resume ``basics``."""
    if not isinstance(data, Mapping) or "basics" in data:
        return False
    cv = data.get("cv")
    return isinstance(cv, Mapping) and ("sections" in cv or "name" in cv)


def detect(data: Any) -> str:
    """The format of loaded data: RenderCV, or else JSON Resume (cvtex's own YAML is
    JSON Resume with extensions, and imports as itself)."""
    return RENDERCV if looks_like_rendercv(data) else JSON_RESUME


def rendercv_refusal(document: Document) -> Diagnostic | None:
    """The one error ``build`` and ``validate`` give for a RenderCV file, at its
    ``cv`` key, instead of a list of unknown keys; None for any other file."""
    if not looks_like_rendercv(document.data):
        return None
    file, position = document.locate(("cv",), key=True)
    command = f"cvtex import {shlex.quote(document.filename)}"
    message = f'this looks like a RenderCV file; run "{command}" to convert it'
    return Diagnostic(Severity.ERROR, message, ("cv",), position, file, RENDERCV_CODE)


@dataclass(frozen=True)
class Imported:
    """What a converter made of a file: the tree to write and what to tell the user."""

    kind: str
    tree: dict[Any, Any]
    header: tuple[str, ...] = ()
    """Comment lines at the top of the written file, after the line naming the source."""
    template: str | None = None
    """The built-in template nearest the source's look, when it named one."""


def convert(document: Document) -> Imported:
    """``document`` as a cvtex tree; raises :class:`~cvtex.errors.InputError` with
    located errors when the file cannot be converted."""
    if detect(document.data) == RENDERCV:
        from cvtex.importers import rendercv

        return rendercv.convert(document)
    from cvtex.importers import jsonresume

    return jsonresume.convert(document)
