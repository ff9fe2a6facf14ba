"""``cvtex export``: the same pipeline as a build, ending in another backend.

load → validate → select → view → backend. The checks are the build's (a file that
would not build does not export), and the view is the one the PDF is rendered
from, so every format prints the same content under the same link policy.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cvtex.backends import FORMATS, Artefact, backend
from cvtex.checking import load_and_validate, require_something_to_print
from cvtex.diagnostics import Diagnostic
from cvtex.environment import Environment
from cvtex.model.assets import REMOTE_PREFIXES
from cvtex.model.select import select
from cvtex.outputs import check_targets
from cvtex.source.loader import Document
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
    output: Path | None = None,
    strict: bool = False,
    overrides: tuple[str, ...] = (),
    allowed_paths: tuple[Path, ...] = (),
    env: Environment | None = None,
) -> Exported:
    """Check ``source`` as a build would and render it in format ``to``; ``output``
    (None: standard output) must not be one of the résumé's own files."""
    env = env or Environment.current()
    document, validated = load_and_validate(
        source,
        strict=strict,
        overrides=overrides,
        allowed_paths=allowed_paths,
        today=env.today(),
    )
    if output is not None:
        check_targets([output], _inputs(source, validated.resume.basics.image), ())
    if FORMATS[to].printed:
        require_something_to_print(document, validated)
    resume = select(validated.resume)
    view = resume_view(resume)
    artefact = backend(to)(view)
    return Exported(artefact, validated.warnings, document)


def _inputs(source: Path, image: str | None) -> dict[Path, str]:
    """The files an export must never overwrite: the résumé and its photo (which
    export does not read, but a build would)."""
    inputs = {source: "the résumé"}
    if image and not image.startswith(REMOTE_PREFIXES):
        inputs[source.parent / image] = "the photo"
    return inputs
