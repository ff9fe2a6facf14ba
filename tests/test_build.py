"""The pipeline end to end: caching, unchanged outputs, reproducibility, failures."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import DATA
from cvtex.backends.latex import cache
from cvtex.build import BuildRequest, build
from cvtex.errors import TexError
from cvtex.install import install

pytestmark = pytest.mark.tex

Write = Callable[..., Path]


def test_unchanged_input_is_not_recompiled_and_the_pdf_is_left_alone(tmp_path: Path) -> None:
    out = tmp_path / "cv.pdf"
    first = build(BuildRequest(source=DATA / "minimal.yaml", output=out))
    assert (first.passes, first.cached, first.unchanged) == (1, False, ())
    before = out.stat().st_mtime_ns
    second = build(BuildRequest(source=DATA / "minimal.yaml", output=out))
    assert (second.passes, second.cached, second.unchanged) == (0, True, (out,))
    assert out.stat().st_mtime_ns == before


def test_a_changed_input_is_recompiled(write_yaml: Write) -> None:
    source = write_yaml("basics: {name: Ada}\n")
    assert build(BuildRequest(source=source)).passes == 1
    source.write_text("basics: {name: Ada Lovelace}\n", encoding="utf-8")
    assert build(BuildRequest(source=source)).passes == 1


def test_the_cache_can_be_bypassed(tmp_path: Path) -> None:
    out = tmp_path / "cv.pdf"
    build(BuildRequest(source=DATA / "minimal.yaml", output=out))
    again = build(BuildRequest(source=DATA / "minimal.yaml", output=out, use_cache=False))
    assert again.passes == 1


def test_a_corrupt_cache_entry_is_ignored(tmp_path: Path, isolated_cache: Path) -> None:
    out = tmp_path / "cv.pdf"
    build(BuildRequest(source=DATA / "minimal.yaml", output=out))
    (entry,) = (isolated_cache / "pdf").glob("*.pdf")
    entry.write_bytes(b"garbage")
    out.unlink()
    assert build(BuildRequest(source=DATA / "minimal.yaml", output=out)).passes == 1
    assert out.read_bytes().startswith(b"%PDF-")


def test_the_cache_keeps_a_bounded_number_of_entries(isolated_cache: Path) -> None:
    for i in range(cache.KEEP_ENTRIES + 5):
        cache.store(f"{i:064x}", b"%PDF-1.5\n")
    assert len(list((isolated_cache / "pdf").glob("*.pdf"))) == cache.KEEP_ENTRIES


def test_builds_are_reproducible_with_source_date_epoch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    build(BuildRequest(source=DATA / "all_sections.yaml", output=a, use_cache=False))
    build(BuildRequest(source=DATA / "all_sections.yaml", output=b, use_cache=False))
    assert a.read_bytes() == b.read_bytes()


def test_keep_tex_leaves_the_latex_to_inspect_when_tex_fails(
    write_yaml: Write, broken_template: Path
) -> None:
    source = write_yaml("basics:\n  name: Ada Babbage\n")
    with pytest.raises(TexError, match=r"basics\.name"):
        build(BuildRequest(source=source, keep_tex=True, templates=(str(broken_template),)))
    assert "Ada Babbage" in source.with_suffix(".tex").read_text(encoding="utf-8")
    assert not source.with_suffix(".pdf").exists()


def test_install_replaces_atomically_and_skips_identical_content(tmp_path: Path) -> None:
    target = tmp_path / "x.pdf"
    assert install(target, b"one") is True
    assert install(target, b"one") is False
    assert install(target, b"two") is True
    assert target.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["x.pdf"]  # no temporary files left
