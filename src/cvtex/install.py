"""The one place that writes into the user's folder: atomically, or not at all.

A file is written to a temporary name beside its target and moved into place with
:func:`os.replace`, so a failure at any point leaves the previous file as it was.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from cvtex.errors import OutputError


def install(target: Path, payload: bytes) -> bool:
    """Write ``payload`` to ``target`` atomically; the old file survives any failure.

    Returns False, and leaves the file (and its mtime) alone, when it already holds
    exactly ``payload``. A symlink is written through: the file it names is replaced,
    never the link (``-o /dev/stdout`` must not turn that link into a file).
    """
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    with contextlib.suppress(OSError):
        same_size = target.is_file() and target.stat().st_size == len(payload)
        if same_size and target.read_bytes() == payload:
            return False
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).chmod(_mode_for(target))
        Path(temporary).replace(target)
    except BaseException as exc:  # an interrupt (SIGTERM) too: no half-written file left
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from exc
        raise
    return True


def _mode_for(target: Path) -> int:
    """A replaced file keeps its permissions; a new one follows the umask, as a file
    written by any other program would."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask
