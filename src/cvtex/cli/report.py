"""The machine-readable report for ``--format json``.

One versioned object per run: ``{"version": 1, "ok", "exit_code", "diagnostics",
"outputs", ...}``. Later versions only add fields, so consumers can rely on
what is here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from cvtex.diagnostics import BIDI_CONTROLS, Diagnostic, format_path

REPORT_VERSION = 1


def diagnostic_to_json(diagnostic: Diagnostic) -> dict[str, Any]:
    position = diagnostic.position
    return {
        "file": _text(diagnostic.file),
        "line": position.line if position else None,
        "column": position.column if position and position.column > 0 else None,
        "severity": diagnostic.severity.value,
        "code": diagnostic.code,
        "path": _text(format_path(diagnostic.path)),
        "message": _text(diagnostic.message),
        "acknowledged": diagnostic.acknowledged,
    }


_UNSAFE = re.compile("[\ud800-\udfff" + "".join(sorted(BIDI_CONTROLS)) + "]")


def _text(value: str | None) -> str | None:
    """Valid UTF-8 whatever the input held: a lone surrogate becomes U+FFFD and a
    display-order control ``<U+202E>``, so a terminal or log viewer that shows the
    report cannot be reordered (control characters are escaped by JSON itself)."""
    if value is None or _UNSAFE.search(value) is None:
        return value
    return _UNSAFE.sub(
        lambda m: "\ufffd" if "\ud800" <= m.group() <= "\udfff" else f"<U+{ord(m.group()):04X}>",
        value,
    )


def make_report(
    *,
    exit_code: int,
    diagnostics: Iterable[Diagnostic] = (),
    outputs: Sequence[Path] = (),
    **extra: Any,
) -> str:
    ordered = sorted(diagnostics, key=Diagnostic.sort_key)
    report: dict[str, Any] = {
        "version": REPORT_VERSION,
        "ok": exit_code == 0,
        "exit_code": exit_code,
        "diagnostics": [diagnostic_to_json(d) for d in ordered],
        "outputs": [str(path) for path in outputs],
    }
    report.update(extra)
    return json.dumps(report, ensure_ascii=False, indent=2)
