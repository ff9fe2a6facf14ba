"""Shared fixtures: paths, PDF inspection through poppler, small YAML helpers."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
RESUME_YAML = ROOT / "resume.yaml"


def pytest_configure(config: pytest.Config) -> None:
    """Keep the tests' PDF cache away from the user's own."""
    os.environ["CVTEX_CACHE_DIR"] = tempfile.mkdtemp(prefix="cvtex-test-cache-")


@pytest.fixture(autouse=True)
def isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A fresh, empty PDF cache for every test."""
    path = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("CVTEX_CACHE_DIR", str(path))
    return path


def _poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:  # CI installs poppler-utils: a missing tool is a failure, not a skip
        pytest.fail(f"{tool} is not installed (apt-get install poppler-utils)")
    return path


def pdf_text(pdf: Path) -> str:
    """``pdftotext -raw`` output, NFKC-normalised, quotes made straight, lines joined.

    Raw mode keeps the order text was drawn in, so a wrapped title is not interleaved
    with the date beside it (as in -layout), and it keeps a trailing hyphen
    ("Grade A-") that the default mode takes for hyphenation and joins.
    """
    raw = subprocess.run(
        [_poppler("pdftotext"), "-raw", "-enc", "UTF-8", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return normalise_text(raw)


def normalise_text(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    for curly, straight in (
        ("\u2019", "'"),
        ("\u2018", "'"),
        ("\u201c", '"'),
        ("\u201d", '"'),
        ("\u2010", "-"),  # some OpenType fonts map the hyphen to U+2010
        ("\u2011", "-"),
    ):
        text = text.replace(curly, straight)
    return " ".join(text.split())


def pdf_info(pdf: Path) -> dict[str, str]:
    out = subprocess.run(
        [_poppler("pdfinfo"), str(pdf)], check=True, capture_output=True, text=True
    ).stdout
    info: dict[str, str] = {}
    for line in out.splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def pdf_links(pdf: Path) -> list[str]:
    out = subprocess.run(
        [_poppler("pdfinfo"), "-url", str(pdf)], check=True, capture_output=True, text=True
    ).stdout
    return [line.split()[-1] for line in out.splitlines()[1:] if line.strip()]


@pytest.fixture
def write_yaml(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write a YAML document into the test's temporary folder and return its path."""

    def write(text: str, name: str = "resume.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
