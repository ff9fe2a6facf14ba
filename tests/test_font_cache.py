"""lualatex passes that share cvtex's font cache run one at a time, across processes.

luaotfload rewrites its caches in place, so a lualatex that starts while another
writes can read half a file and load no font. These tests stand a script in for the
engine (no TeX runs): they check who holds the lock while the "engine" runs.
"""

from __future__ import annotations

import fcntl
import os
import random
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import cvtex.backends.latex.tex_run
from cvtex.backends.latex.engine import Engine
from cvtex.backends.latex.font_cache import lua_font_cache_dir
from cvtex.backends.latex.tex_run import compile_latex
from cvtex.errors import EnvironmentProblem

SOURCE = "\\documentclass{article}\\begin{document}x\\end{document}\n"


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return lua_font_cache_dir()


def lock_path(cache: Path) -> Path:
    return cache.with_name(cache.name + ".lock")


def fake_engine(tmp_path: Path, name: str) -> Engine:
    program = tmp_path / "bin" / name
    program.parent.mkdir(exist_ok=True)
    program.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    program.chmod(0o755)
    return Engine(name, program, bundled=False)


def held_by_someone(path: Path) -> bool:
    """Whether another open file holds ``path``'s lock (flock is per open file, so this
    answers for other threads of this process as well as for other processes)."""
    fd = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch, cache_home: Path) -> Iterator[list[bool]]:
    """Replace the engine run: each records whether the cache was locked meanwhile."""
    seen: list[bool] = []

    def supervise(
        engine: Engine, argv: list[str], work: Path, env: dict[str, str], timeout: float
    ) -> tuple[int, bytes, str | None]:
        path = lock_path(cache_home)
        seen.append(path.exists() and held_by_someone(path))
        (work / "resume.pdf").write_bytes(b"%PDF-1.5\n%%EOF\n")
        return 0, b"", None

    monkeypatch.setattr(cvtex.backends.latex.tex_run, "_supervise", supervise)
    yield seen


def hold(path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def test_a_lualatex_pass_holds_the_font_cache_lock(
    tmp_path: Path, cache_home: Path, runs: list[bool]
) -> None:
    compile_latex(SOURCE, engine=fake_engine(tmp_path, "lualatex"))
    assert runs == [True]
    assert not held_by_someone(lock_path(cache_home))  # released after the pass
    assert lock_path(cache_home).parent == cache_home.parent  # not where TeX may write


@pytest.mark.parametrize("name", ["pdflatex", "xelatex"])
def test_other_engines_neither_take_nor_wait_for_it(
    tmp_path: Path, cache_home: Path, runs: list[bool], name: str
) -> None:
    fd = hold(lock_path(cache_home))
    try:
        compile_latex(SOURCE, engine=fake_engine(tmp_path, name), timeout=0.2)
    finally:
        os.close(fd)
    assert runs == [True]  # still held by the test, and the engine ran all the same


def test_a_second_lualatex_build_waits_for_the_first(
    tmp_path: Path, cache_home: Path, runs: list[bool]
) -> None:
    fd = hold(lock_path(cache_home))
    released_at: list[float] = []

    def release() -> None:
        time.sleep(0.5)
        released_at.append(time.monotonic())
        os.close(fd)

    releaser = threading.Thread(target=release)
    releaser.start()
    try:
        compile_latex(SOURCE, engine=fake_engine(tmp_path, "lualatex"), timeout=30)
        finished = time.monotonic()
    finally:
        releaser.join()
    assert runs == [True]
    assert finished >= released_at[0]


def test_a_lualatex_build_gives_up_on_a_busy_cache_after_its_timeout(
    tmp_path: Path, cache_home: Path, runs: list[bool]
) -> None:
    fd = hold(lock_path(cache_home))
    started = time.monotonic()
    try:
        with pytest.raises(EnvironmentProblem, match=r"font cache .* still in use"):
            compile_latex(SOURCE, engine=fake_engine(tmp_path, "lualatex"), timeout=0.3)
    finally:
        os.close(fd)
    assert 0.3 <= time.monotonic() - started < 10
    assert runs == []  # the engine never started
    deadline = time.monotonic() + 10  # the wait given up on lets go once it gets the lock
    while held_by_someone(lock_path(cache_home)):
        assert time.monotonic() < deadline, "the abandoned wait kept the lock"
        time.sleep(0.01)


def test_a_waiting_build_gets_in_between_two_passes_of_another(
    tmp_path: Path, cache_home: Path, runs: list[bool]
) -> None:
    """A worker running lualatex passes back to back lets go of the lock for a moment
    only: the waiting build takes it then (the kernel wakes it), instead of polling
    past those moments until its timeout."""
    path = lock_path(cache_home)
    path.parent.mkdir(parents=True)
    done = threading.Event()
    holding = threading.Event()

    def back_to_back() -> None:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            while not done.is_set():
                fcntl.flock(fd, fcntl.LOCK_EX)
                holding.set()
                time.sleep(random.uniform(0.2, 0.4))
                fcntl.flock(fd, fcntl.LOCK_UN)
                time.sleep(0.002)  # about what cvtex takes between two passes
        finally:
            os.close(fd)

    other = threading.Thread(target=back_to_back)
    other.start()
    try:
        holding.wait(10)
        started = time.monotonic()
        compile_latex(SOURCE, engine=fake_engine(tmp_path, "lualatex"), timeout=10)
        waited = time.monotonic() - started
    finally:
        done.set()
        other.join()
    assert runs == [True]
    assert waited < 1.2  # one pass of the other (at most 0.4 s), with room for a busy machine
