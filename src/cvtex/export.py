"""``cvtex export``: the same pipeline as a build, ending in another backend.

load → validate → select → view → backend. The checks are the build's (a file that
would not build does not export), and the view is the one the PDF is rendered
from, so every format prints the same content under the same link policy.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cvtex.backends import Artefact, backend
from cvtex.checking import load_and_validate
from cvtex.diagnostics import Diagnostic
from cvtex.loader import Document
from cvtex.select import select
from cvtex.view.make import resume_view


@dataclass(frozen=True)
class Exported:
    artefact: Artefact
    warnings: tuple[Diagnostic, ...]
    document: Document


def export(
    source: Path,
    to: str,
    *,
    strict: bool = False,
    overrides: tuple[str, ...] = (),
    allowed_paths: tuple[Path, ...] = (),
) -> Exported:
    """Check ``source`` as a build would and render it in format ``to``."""
    document, validated = load_and_validate(
        source, strict=strict, overrides=overrides, allowed_paths=allowed_paths
    )
    resume = select(validated.resume)
    view = resume_view(resume, date_format=resume.design.date_format)
    artefact = backend(to)(view)
    return Exported(artefact, validated.warnings, document)
