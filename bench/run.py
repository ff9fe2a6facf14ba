"""Speed targets for cvtex, printed as ratios (measured / target; below 1.0 is good).

Run with ``make bench``. Timings are medians of several runs on this machine;
compare runs on the same machine only. Not a test: nothing here fails a build.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CVTEX = [sys.executable, "-m", "cvtex"]
RUNS = 5

# Targets in seconds, from the engine notes (pdflatex one pass ≈ 0.3 s on 2 cores).
TARGETS = {
    "cvtex --help (lazy imports)": 0.15,
    "validate resume.yaml": 0.6,
    "build --tex-only (no TeX)": 0.8,
    "build resume.pdf (cached PDF)": 0.8,
    "build resume.pdf --no-cache (one pass)": 1.6,
    "markup of 100k hostile characters": 0.5,
}
HOSTILE_MARKUP = ("*[" * 12_500, "*" * 25_000, "**a " * 6_250, "***a " * 5_000)
"""Unclosed emphasis and link openers: each search must stay bounded (cvtex.view.inline)."""


def hostile_markup() -> None:
    from cvtex.backends.latex.markup import markup_to_latex

    for text in HOSTILE_MARKUP:
        markup_to_latex(text)


def median_seconds(action: Callable[[], object]) -> float:
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def cli(*args: str) -> Callable[[], object]:
    return lambda: subprocess.run([*CVTEX, *args], check=True, capture_output=True, cwd=ROOT)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        actions = {
            "cvtex --help (lazy imports)": cli("--help"),
            "validate resume.yaml": cli("validate", "resume.yaml"),
            "build --tex-only (no TeX)": cli("build", "--tex-only", "-o", str(out / "r.tex")),
            "build resume.pdf (cached PDF)": cli("build", "-o", str(out / "r.pdf")),
            "build resume.pdf --no-cache (one pass)": cli(
                "build", "--no-cache", "-o", str(out / "r.pdf")
            ),
            "markup of 100k hostile characters": hostile_markup,
        }
        print(f"{'measure':<40} {'median s':>9} {'target s':>9} {'ratio':>6}")
        for name, action in actions.items():
            seconds = median_seconds(action)
            target = TARGETS[name]
            print(f"{name:<40} {seconds:>9.3f} {target:>9.2f} {seconds / target:>6.2f}")


if __name__ == "__main__":
    main()
