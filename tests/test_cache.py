"""The PDF cache returns only verified entries, stays private, and never breaks a build."""

from __future__ import annotations

import json
import os
import stat
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import DATA, pdf_text
from cvtex.backends.latex import cache
from cvtex.cli import cli

KEY = "ab" * 32
PDF = b"%PDF-1.5\n" + bytes(range(256)) * 4 + b"\n%%EOF\n"


def entry_path(root: Path, key: str = KEY) -> Path:
    return root / "pdf" / f"{key}{cache.ENTRY_SUFFIX}"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@pytest.fixture
def umask_000() -> Iterator[None]:
    previous = os.umask(0)
    try:
        yield
    finally:
        os.umask(previous)


def test_a_stored_entry_comes_back(isolated_cache: Path) -> None:
    cache.store(KEY, PDF)
    assert cache.lookup(KEY) == PDF


def test_an_entry_is_only_returned_for_its_own_key(isolated_cache: Path) -> None:
    cache.store(KEY, PDF)
    other = "cd" * 32
    entry_path(isolated_cache).rename(entry_path(isolated_cache, other))
    assert cache.lookup(other) is None
    assert not entry_path(isolated_cache, other).exists()


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[:-1] + bytes([data[-1] ^ 1]), id="one-byte-flipped"),
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: data[:40], id="truncated-header"),
        pytest.param(lambda data: data + b"x", id="extended"),
        pytest.param(lambda data: PDF, id="no-header"),  # as earlier versions stored it
        pytest.param(lambda data: b"", id="empty"),
    ],
)
def test_a_damaged_entry_is_ignored_and_removed(isolated_cache: Path, damage: object) -> None:
    cache.store(KEY, PDF)
    path = entry_path(isolated_cache)
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    assert cache.lookup(KEY) is None
    assert not path.exists()


def test_a_symlinked_entry_is_ignored_and_only_the_link_is_removed(
    isolated_cache: Path, tmp_path: Path
) -> None:
    cache.store(KEY, PDF)
    target = tmp_path / "elsewhere.pdf"
    path = entry_path(isolated_cache)
    path.rename(target)  # a valid entry, but reached through a link
    path.symlink_to(target)
    assert cache.lookup(KEY) is None
    assert not path.is_symlink()
    assert target.exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_in_place_of_an_entry_does_not_block(isolated_cache: Path) -> None:
    cache.store("00" * 32, PDF)  # creates the folders
    os.mkfifo(entry_path(isolated_cache))
    outcome: list[bytes | None] = []
    thread = threading.Thread(target=lambda: outcome.append(cache.lookup(KEY)), daemon=True)
    thread.start()
    thread.join(5)
    assert outcome == [None]
    assert not entry_path(isolated_cache).exists()


def test_a_folder_in_place_of_an_entry_is_ignored(isolated_cache: Path) -> None:
    entry_path(isolated_cache).mkdir(parents=True)
    assert cache.lookup(KEY) is None
    cache.store(KEY, PDF)  # cannot replace the folder; the build goes on uncached
    assert cache.lookup(KEY) is None


def test_an_oversized_entry_is_ignored_without_reading_it(isolated_cache: Path) -> None:
    cache.store(KEY, PDF)
    with entry_path(isolated_cache).open("r+b") as handle:  # sparse: no 64 MiB written
        handle.truncate(cache.MAX_HEADER_BYTES + cache.MAX_ENTRY_BYTES + 1)
    assert cache.lookup(KEY) is None
    assert not entry_path(isolated_cache).exists()


def test_an_oversized_pdf_is_not_stored(isolated_cache: Path) -> None:
    cache.store(KEY, b"%PDF-" + b"\0" * cache.MAX_ENTRY_BYTES)
    assert not entry_path(isolated_cache).exists()


def test_folders_are_0700_and_entries_0600_whatever_the_umask(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, umask_000: None
) -> None:
    root = tmp_path / "new" / "cvtex"
    monkeypatch.setenv("CVTEX_CACHE_DIR", str(root))
    cache.store(KEY, PDF)
    assert mode(root.parent) == mode(root) == mode(root / "pdf") == 0o700
    assert mode(entry_path(root)) == 0o600
    assert cache.lookup(KEY) == PDF


def test_a_loose_cache_folder_of_ours_is_tightened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "cvtex"
    (root / "pdf").mkdir(parents=True)
    root.chmod(0o777)
    (root / "pdf").chmod(0o755)
    monkeypatch.setenv("CVTEX_CACHE_DIR", str(root))
    cache.store(KEY, PDF)
    assert mode(root) == mode(root / "pdf") == 0o700
    assert cache.lookup(KEY) == PDF


@pytest.mark.skipif(getattr(os, "geteuid", lambda: -1)() != 0, reason="needs root to chown")
def test_a_cache_folder_owned_by_someone_else_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "cvtex"
    monkeypatch.setenv("CVTEX_CACHE_DIR", str(root))
    cache.store(KEY, PDF)
    os.chown(root, 65534, 65534)
    assert cache.lookup(KEY) is None
    cache.store("cd" * 32, PDF)
    assert not entry_path(root, "cd" * 32).exists()


def test_the_cache_is_skipped_when_its_folder_is_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "cvtex"
    root.write_text("not a folder")
    monkeypatch.setenv("CVTEX_CACHE_DIR", str(root))
    cache.store(KEY, PDF)
    assert cache.lookup(KEY) is None


def test_age_of_a_vanished_file_is_none_so_pruning_skips_it(tmp_path: Path) -> None:
    assert cache._age(tmp_path / "gone.pdf", time.time()) is None


def test_pruning_keeps_the_most_recent_entries_and_drops_stale_temporaries(
    isolated_cache: Path,
) -> None:
    for i in range(cache.KEEP_ENTRIES + 3):
        cache.store(f"{i:064x}", PDF)
        os.utime(entry_path(isolated_cache, f"{i:064x}"), (1000 + i, 1000 + i))
    stale = isolated_cache / "pdf" / "left-over.tmp"
    stale.write_bytes(b"x")
    os.utime(stale, (0, 0))
    cache.store("ff" * 32, PDF)
    entries = sorted(p.name for p in (isolated_cache / "pdf").glob(f"*{cache.ENTRY_SUFFIX}"))
    assert len(entries) == cache.KEEP_ENTRIES
    assert f"{0:064x}.pdf" not in entries and f"{'ff' * 32}.pdf" in entries
    assert not stale.exists()


# --- through the command line, with a real TeX run ------------------------------


def build(source: Path, out: Path) -> dict[str, object]:
    """``cvtex build --format json``: the report, which says whether the cache was used."""
    result = CliRunner().invoke(cli, ["build", "--format", "json", str(source), "-o", str(out)])
    report: dict[str, object] = json.loads(result.stdout)
    assert result.exit_code == 0, report
    return report


@pytest.mark.tex
@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[:-20] + bytes([data[-20] ^ 0xFF]) + data[-19:], id="byte"),
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
    ],
)
def test_a_damaged_entry_makes_the_build_recompile(
    tmp_path: Path, isolated_cache: Path, damage: object
) -> None:
    """A truncated entry used to be returned (it starts with %PDF-) and every build
    then failed with exit 70 counting its pages."""
    out = tmp_path / "cv.pdf"
    assert build(DATA / "minimal.yaml", out)["cached"] is False
    (entry,) = (isolated_cache / "pdf").glob(f"*{cache.ENTRY_SUFFIX}")
    good = entry.read_bytes()
    entry.write_bytes(damage(good))  # type: ignore[operator]
    out.unlink()
    assert build(DATA / "minimal.yaml", out)["cached"] is False
    assert "Ada Lovelace" in pdf_text(out)
    assert cache.lookup(entry.stem) == out.read_bytes()  # rebuilt and stored again
    assert build(DATA / "minimal.yaml", out)["cached"] is True


@pytest.mark.tex
def test_a_symlinked_entry_is_not_used_by_a_build(tmp_path: Path, isolated_cache: Path) -> None:
    out = tmp_path / "cv.pdf"
    build(DATA / "minimal.yaml", out)
    (entry,) = (isolated_cache / "pdf").glob(f"*{cache.ENTRY_SUFFIX}")
    decoy = tmp_path / "decoy.pdf"
    decoy.write_bytes(entry.read_bytes())
    entry.unlink()
    entry.symlink_to(decoy)
    out.unlink()
    assert build(DATA / "minimal.yaml", out)["cached"] is False
    assert not entry.is_symlink()
    assert entry.is_file()
    assert decoy.exists()
