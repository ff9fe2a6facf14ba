"""lualatex's font cache: where it lives, and the lock that makes two builds' passes take
turns writing it (a names database written by two processes at once is corrupt)."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from cvtex.errors import EnvironmentProblem


def lua_font_cache_dir() -> Path:
    """luaotfload's font cache for cvtex's lualatex runs, the one place outside the build
    folder the sandbox lets an engine write. It is cvtex's own, not TeX Live's
    ``TEXMFVAR``, so whatever a document leaves there is loaded only by later sandboxed
    cvtex runs, never by the user's own lualatex."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "cvtex" / "texmf-cache"


@contextmanager
def font_cache_lock(cache: Path, timeout: float) -> Iterator[None]:
    """Hold lualatex's font cache ``cache`` for one engine pass.

    luaotfload rewrites its font names database, its lookup cache and each font's
    cache in place (truncate, then write), not atomically: a lualatex that starts while
    another writes reads half a file and then loads no font at all ("metric data not
    found or bad"). So lualatex passes sharing a cache, in this process or in another
    ``cvtex build``, run one at a time: an exclusive ``flock`` on ``cache`` + ``.lock``,
    beside the cache (outside what the sandbox lets the engine write), released by the
    kernel if cvtex dies. A build waits at most ``timeout`` seconds for it, then fails
    (exit 4). Where no lock file can be made (a read-only cache folder) or on Windows,
    the pass runs unlocked.
    """
    if sys.platform == "win32":
        yield
        return
    try:
        fd = os.open(
            cache.with_name(cache.name + ".lock"),
            os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW,
            0o600,
        )
    except OSError:
        yield
        return
    if not _lock_within(fd, timeout):
        raise EnvironmentProblem(
            f"lualatex's font cache ({cache}) was still in use by another lualatex build "
            f"after {timeout:g} seconds; try again once it has finished (or raise --timeout)"
        )
    try:
        yield
    finally:
        os.close(fd)  # releases the lock


def _lock_within(fd: int, timeout: float) -> bool:
    """Take an exclusive ``flock`` on ``fd`` within ``timeout`` seconds. True: the pass
    may run, and the caller closes ``fd`` after it (the lock is held, or this file
    system cannot lock, when it runs unlocked as before). False, or an exception:
    ``fd`` is no longer the caller's to close.

    The wait blocks in the kernel, which wakes it the moment the lock is released; a
    poll would mostly miss the instant between one lualatex pass and the holder's next,
    and could wait out its timeout behind a series of them. It blocks in a daemon
    thread so that the caller can stop waiting; a wait given up on closes ``fd`` as
    soon as it gets the lock, which releases it at once.
    """
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        pass
    except OSError:  # e.g. ENOLCK: no locks on this file system
        return True
    decided = threading.Lock()
    taken = threading.Event()
    abandoned = False

    def wait() -> None:
        with suppress(OSError):  # as above: then the pass runs unlocked
            fcntl.flock(fd, fcntl.LOCK_EX)
        with decided:
            if abandoned:
                os.close(fd)
            else:
                taken.set()

    threading.Thread(target=wait, name="cvtex-font-cache-lock", daemon=True).start()
    try:
        taken.wait(timeout)
    except BaseException:  # an interrupt while waiting
        with decided:
            abandoned = True
            if taken.is_set():
                os.close(fd)
        raise
    with decided:
        abandoned = not taken.is_set()
    return not abandoned
