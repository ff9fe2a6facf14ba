"""What the validate passes share: the findings so far, and the raw data they point at.

Each pass reports through :class:`Findings`, which keeps one problem per spot (an
error there says what to fix) and locates each in the source; the reporter settles
them all at the end.
"""

from __future__ import annotations

from typing import Any

from cvtex.diagnostics import Diagnostic, FieldPath, Severity
from cvtex.reporter import Reporter
from cvtex.source.loader import Document


class Findings:
    """Finds every problem, with the severity it has; the reporter settles them."""

    def __init__(self, document: Document, reporter: Reporter) -> None:
        self.document = document
        self.strict = reporter.strict  # only for wording: "is ignored" is not true then
        self.accepted = reporter.accepted
        self.found: list[Diagnostic] = []
        self.errors: list[Diagnostic] = []
        self.suggested: set[FieldPath] = set()
        """Paths a did-you-mean already points at: no second error there."""

    def report(
        self,
        severity: Severity,
        message: str,
        path: FieldPath,
        *,
        key: bool = False,
        code: str | None = None,
    ) -> None:
        if severity is not Severity.ERROR and any(e.path == path for e in self.errors):
            return  # one problem per spot: the error there says what to fix
        file, position = self.document.locate(path, key=key)
        diagnostic = Diagnostic(severity, message, path, position, file, code)
        self.found.append(diagnostic)
        if severity is Severity.ERROR:
            self.errors.append(diagnostic)

    def raw(self, path: FieldPath) -> Any:
        """The value at ``path`` as written, or None when the path does not exist."""
        data: Any = self.document.data
        for part in path:
            if isinstance(data, dict) and isinstance(part, str):
                data = data.get(part)
            elif isinstance(data, list) and isinstance(part, int) and part < len(data):
                data = data[part]
            else:
                return None
        return data
