"""The machine-readable report for ``--format json``.

One versioned object per run: ``{"version": 1, "ok", "exit_code", "diagnostics",
"outputs", ...}``. Later versions only add fields, so consumers can rely on
what is here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from cvtex.diagnostics import Diagnostic, format_path

REPORT_VERSION = 1


def diagnostic_to_json(diagnostic: Diagnostic) -> dict[str, Any]:
    position = diagnostic.position
    return {
        "file": diagnostic.file,
        "line": position.line if position else None,
        "column": position.column if position and position.column > 0 else None,
        "severity": diagnostic.severity.value,
        "code": diagnostic.code,
        "path": format_path(diagnostic.path),
        "message": diagnostic.message,
    }


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
