"""Reading a file a stranger may have named, without blocking, following a swapped-in
symlink, or reading without end.

A folder, FIFO, device or socket is refused before it is opened (a FIFO or a terminal
would wait for a writer; ``/dev/zero`` never ends). The file is opened non-blocking
and checked again through the open descriptor, in case it was swapped between the
two looks; then at most one byte more than the limit is read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class Unreadable(Exception):
    """Why a file was not read; ``kind`` says which rule refused it."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind
        """"missing", "not-regular", "too-big" or "error"."""


def describe_mode(mode: int) -> str:
    """``a folder``, ``a named pipe``… for a file that is not a regular one."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "not a regular file"


def read_bounded(path: Path, limit: int, *, follow_symlinks: bool = True) -> bytes:
    """At most ``limit`` bytes of the regular file ``path``, or :class:`Unreadable`.

    ``follow_symlinks=False`` refuses a symlink in the last component: for a path
    that was resolved (and checked) just before, a link there now was swapped in.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_CLOEXEC", 0)
    if not follow_symlinks:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        mode = path.stat().st_mode if follow_symlinks else path.lstat().st_mode
        if not stat.S_ISREG(mode):
            raise Unreadable(f"{path} is {describe_mode(mode)}", "not-regular")
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise Unreadable(f"no such file: {path}", "missing") from None
    except OSError as exc:
        raise Unreadable(f"cannot read {path}: {exc.strerror or exc}", "error") from None
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable(f"{path} is {describe_mode(info.st_mode)}", "not-regular")
        if info.st_size > limit:
            raise Unreadable(f"{path.name} is larger than the limit", "too-big")
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise Unreadable(f"cannot read {path}: {exc.strerror or exc}", "error") from None
    if len(data) > limit:
        raise Unreadable(f"{path.name} is larger than the limit", "too-big")
    return data
