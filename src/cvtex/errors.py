"""The error hierarchy: every failure a user can cause maps to one exit status.

The CLI catches :class:`CvtexError` once, prints it and exits with its
``exit_status``; anything else is a bug and is reported as such.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from cvtex.diagnostics import Diagnostic, Severity, Sources, format_all
from cvtex.exit_status import ExitStatus


class CvtexError(Exception):
    """Base class: a failure explained to the user, with a stable exit status."""

    exit_status: ExitStatus = ExitStatus.INTERNAL_ERROR
    code = "internal"
    """The diagnostic code of a problem of this kind that has no more specific one."""

    def __init__(self, message: str, diagnostics: Sequence[Diagnostic] = ()) -> None:
        super().__init__(message)
        self.diagnostics = tuple(diagnostics)

    def render(self) -> str:
        """The message for a terminal."""
        return str(self)

    def as_diagnostics(self) -> tuple[Diagnostic, ...]:
        """The failure as structured diagnostics, for ``--format json``."""
        found = self.diagnostics or (Diagnostic(Severity.ERROR, str(self)),)
        return tuple(d if d.code else replace(d, code=self.code) for d in found)


class InputError(CvtexError):
    """The résumé cannot be read or does not match the schema (exit 1)."""

    exit_status = ExitStatus.INVALID_INPUT
    code = "invalid-input"

    def __init__(
        self,
        diagnostics: Sequence[Diagnostic],
        sources: Sources = None,
    ) -> None:
        self.sources = sources
        errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
        super().__init__(f"{errors} error(s) in the résumé", diagnostics)

    def render(self) -> str:
        return format_all(self.as_diagnostics(), self.sources)


class UsageProblem(CvtexError):
    """The command was asked for something it will not do, e.g. overwrite a file (exit 2)."""

    exit_status = ExitStatus.USAGE
    code = "usage"


class TemplateError(CvtexError):
    """A template could not be found, parsed or rendered (exit 1)."""

    exit_status = ExitStatus.INVALID_INPUT
    code = "template"


class TexError(CvtexError):
    """The TeX engine failed or timed out (exit 3)."""

    exit_status = ExitStatus.TEX_FAILURE
    code = "tex"


class EnvironmentProblem(CvtexError):
    """Something this machine lacks, such as the TeX engine (exit 4)."""

    exit_status = ExitStatus.ENVIRONMENT
    code = "environment"


class CheckFailed(CvtexError):
    """The PDF was built but fails a check the user asked for, e.g. a page limit (exit 5)."""

    exit_status = ExitStatus.CHECK_FAILED
    code = "check"


class OutputError(CvtexError):
    """The PDF could not be written where it was asked for (exit 4)."""

    exit_status = ExitStatus.ENVIRONMENT
    code = "output"
