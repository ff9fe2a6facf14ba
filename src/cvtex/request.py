"""What ``cvtex build`` is asked to do: the one value the command line hands the library."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cvtex.backends.latex.engine import DEFAULT_TIMEOUT
from cvtex.environment import Environment


@dataclass(frozen=True)
class BuildRequest:
    """What ``cvtex build`` was asked to do."""

    source: Path
    output: Path | None = None
    templates: tuple[str, ...] = ()
    tex_only: bool = False
    keep_tex: bool = False
    strict: bool = False
    timeout: float = DEFAULT_TIMEOUT
    use_cache: bool = True
    overrides: tuple[str, ...] = ()
    max_pages: int | None = None
    fit: int | None = None
    engine: str | None = None
    """auto, pdflatex, xelatex, lualatex or a path; None: the résumé's engine key, else auto."""
    output_is_folder: bool = False
    """``-o`` ended in ``/``: a folder, created if needed, even when it does not exist."""
    allowed_paths: tuple[Path, ...] = ()
    """Folders besides the résumé's own from which it may name files (``--allow-path``)."""
    env: Environment = field(default_factory=Environment.current, compare=False)
    """The folder, variables, clock, tools and cache this build may use."""

    @property
    def template(self) -> str | None:
        return self.templates[0] if self.templates else None
