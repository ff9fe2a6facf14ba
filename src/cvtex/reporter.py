"""The one owner of ``--strict`` and ``ignore:``: every stage reports what it found
as found, and the reporter settles it.

Validation, the design checks, the photo and the TeX run each return diagnostics
with the severity the finding has. :meth:`Reporter.settle_all` then applies the two
rules in one place: a warning the résumé accepts (``ignore:``) becomes an
acknowledged note, and any other warning is an error under ``--strict``. Notes
(about this machine, or the acknowledged ones) are never escalated.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from cvtex.diagnostics import STRICT_SUFFIX, Diagnostic, Severity
from cvtex.errors import InputError
from cvtex.model.acknowledge import NO_ACKNOWLEDGEMENTS, Acknowledgements
from cvtex.source.loader import Document


@dataclass(frozen=True)
class Reporter:
    """How one run settles warnings: ``--strict``, and the résumé's ``ignore:`` codes."""

    strict: bool = False
    accepted: Acknowledgements = NO_ACKNOWLEDGEMENTS

    @classmethod
    def for_document(cls, document: Document, *, strict: bool = False) -> Reporter:
        return cls(strict, document.accepted)

    def settle(self, diagnostic: Diagnostic) -> Diagnostic:
        """An accepted warning becomes an acknowledged note; under ``--strict`` any
        other warning becomes an error."""
        if self.accepted.covering(diagnostic) is not None:
            return replace(diagnostic, severity=Severity.NOTE, acknowledged=True)
        if not self.strict or diagnostic.severity is not Severity.WARNING:
            return diagnostic
        return replace(
            diagnostic, severity=Severity.ERROR, message=diagnostic.message + STRICT_SUFFIX
        )

    def settle_all(self, diagnostics: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
        """Each diagnostic settled, once (a finding reported twice is kept once)."""
        return tuple(dict.fromkeys(self.settle(d) for d in dict.fromkeys(diagnostics)))

    def check(
        self, diagnostics: Iterable[Diagnostic], document: Document
    ) -> tuple[Diagnostic, ...]:
        """Settle ``diagnostics``; raise :class:`InputError` (errors first) when any is
        an error, so a failed stage reports everything it found at once."""
        settled = self.settle_all(diagnostics)
        if any(d.severity is Severity.ERROR for d in settled):
            errors = [d for d in settled if d.severity is Severity.ERROR]
            others = [d for d in settled if d.severity is not Severity.ERROR]
            raise InputError([*errors, *others], document.sources)
        return settled
