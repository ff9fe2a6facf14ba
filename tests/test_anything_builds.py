"""Property: whatever text a field holds, the build succeeds (with warnings at most) or
is refused with a located message. Never a TeX crash, never a traceback."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import pdf_action_problems
from cvtex.build import BuildRequest, build
from cvtex.diagnostics import Severity
from cvtex.errors import InputError

pytestmark = pytest.mark.tex

# Every assigned character but surrogates; written as JSON with \\u escapes.
any_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cn")), min_size=1, max_size=24
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(name=any_text, bullet=any_text)
def test_any_text_builds_or_is_refused_clearly(name: str, bullet: str) -> None:
    document = {"basics": {"name": name}, "work": [{"name": "W", "highlights": [bullet]}]}
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "cv.json"
        source.write_text(json.dumps(document), encoding="utf-8")
        try:
            report = build(BuildRequest(source=source, use_cache=False))
        except InputError as exc:
            errors = [d for d in exc.diagnostics if d.severity is Severity.ERROR]
            assert errors and all(d.position is not None for d in errors), exc.render()
            refused = {"rtl-script", "control-char", "bidi-control"}
            for error in errors:
                empty = error.code == "invalid-value" and "must not be empty" in error.message
                assert error.code in refused or empty, exc.render()
            return
        assert report.outputs[0].read_bytes().startswith(b"%PDF-")
        assert not pdf_action_problems(report.outputs[0])  # outside pytest's tmp: check here
