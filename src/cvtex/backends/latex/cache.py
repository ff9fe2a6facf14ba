"""Built PDFs, stored by the hash of what produced them, so unchanged input is not
recompiled.

The key covers the LaTeX source (which already reflects the résumé, the template
and cvtex's version), the engine binary's identity and ``SOURCE_DATE_EPOCH`` (the
PDF's dates: a build asked to be reproducible must not get one stamped with the time
it first ran). The store lives in the
user's cache folder (``$CVTEX_CACHE_DIR``, else ``$XDG_CACHE_HOME/cvtex``, else
``~/.cache/cvtex``); it is an optimisation only, so any problem with it is
ignored and the build simply runs TeX.

A cached PDF is returned only if it is provably what was stored: each entry is
one file, a header line naming its key, the SHA-256 and lengths of what follows,
then the PDF and the log lines its warnings come from. An entry that fails the
check — damaged, truncated, too large, a symlink, not a regular file — is removed
and rebuilt. The folders are private
(0700) and entries 0600 whatever the umask; a folder of ours that is looser is
tightened, and a folder owned by someone else is not used at all.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
import time
from pathlib import Path

from cvtex import __version__
from cvtex.backends.latex.engine import Engine
from cvtex.backends.latex.tex_run import date_environment

KEEP_ENTRIES = 32
MAX_ENTRY_BYTES = 64 * 1024 * 1024
"""The largest PDF kept; a bigger entry on disk is treated as damaged."""
MAX_HEADER_BYTES = 256
ENTRY_MAGIC = b"cvtex-cache-3"
ENTRY_SUFFIX = ".pdf"
"""Kept from before the header, so an old entry is simply one that fails the check."""
STALE_TEMPORARY_SECONDS = 3600
"""A temporary file this old is left over from a build that died while storing."""
DIR_MODE = 0o700
FILE_MODE = 0o600

_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


class _Damaged(Exception):
    """An entry that must not be used."""


def cache_dir() -> Path:
    explicit = os.environ.get("CVTEX_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "cvtex"


def cache_key(latex: str, engine: Engine, files: dict[str, bytes] | None = None) -> str:
    digest = hashlib.sha256()
    for name, content in sorted((files or {}).items()):
        digest.update(name.encode("utf-8") + b"\0" + hashlib.sha256(content).digest())
    try:
        stat_result = engine.executable.stat()
        identity = f"{engine.executable}|{stat_result.st_size}|{stat_result.st_mtime_ns}"
    except OSError:
        identity = str(engine.executable)
    dates = "|".join(f"{key}={value}" for key, value in sorted(date_environment().items()))
    for part in (__version__, engine.name, identity, dates, latex):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def lookup(key: str) -> bytes | None:
    """The PDF stored under ``key`` if it verifies; a bad entry is removed."""
    found = lookup_build(key)
    return found[0] if found is not None else None


def lookup_build(key: str, root: Path | None = None) -> tuple[bytes, str] | None:
    """The PDF and the log lines stored with it, if the entry verifies. ``root`` is
    the run's cache folder (:attr:`cvtex.environment.Environment.cache_dir`)."""
    folder = _private_folder(create=False, root=root)
    if folder is None:
        return None
    path = folder / f"{key}{ENTRY_SUFFIX}"
    try:
        return _read_entry(path, key)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, _Damaged):
        _discard(path)
        return None


def store(key: str, pdf: bytes, log: str = "", root: Path | None = None) -> None:
    """Keep ``pdf`` and the ``log`` lines that warnings are made from (overfull
    lines, dropped glyphs), so a cached build warns, and fails ``--strict``, as the
    build that made it did."""
    notes = log.encode("utf-8")
    if len(pdf) + len(notes) > MAX_ENTRY_BYTES or not pdf.startswith(b"%PDF-"):
        return
    folder = _private_folder(create=True, root=root)
    if folder is None:
        return
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            os.fchmod(stream.fileno(), FILE_MODE)
            stream.write(_header(key, pdf, notes) + pdf + notes)
        Path(temporary).replace(folder / f"{key}{ENTRY_SUFFIX}")
        temporary = None
        _prune(folder)
    except (OSError, ValueError):
        pass
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                Path(temporary).unlink()


def _header(key: str, pdf: bytes, notes: bytes) -> bytes:
    digest = hashlib.sha256(pdf + notes).hexdigest()
    sizes = b"%d %d" % (len(pdf), len(notes))
    return b" ".join((ENTRY_MAGIC, key.encode("ascii"), digest.encode(), sizes)) + b"\n"


def _read_entry(path: Path, key: str) -> tuple[bytes, str]:
    """Open without following a symlink or blocking on a FIFO, check the file through
    its descriptor, read at most the limit plus one byte, and verify the header."""
    descriptor = os.open(path, _READ_FLAGS)
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or not _ours(info):
            raise _Damaged
        limit = MAX_HEADER_BYTES + MAX_ENTRY_BYTES
        if info.st_size > limit:
            raise _Damaged
        content = handle.read(limit + 1)
        if len(content) > limit:
            raise _Damaged
        end = content.find(b"\n", 0, MAX_HEADER_BYTES)
        if end < 0:
            raise _Damaged
        fields = content[:end].split(b" ")
        if len(fields) != 5 or not fields[3].isdigit():
            raise _Damaged
        body = content[end + 1 :]
        pdf, notes = body[: int(fields[3])], body[int(fields[3]) :]
        if content[: end + 1] != _header(key, pdf, notes) or not pdf.startswith(b"%PDF-"):
            raise _Damaged
        if os.utime in os.supports_fd:  # keep recently used entries when pruning
            with contextlib.suppress(OSError):
                os.utime(handle.fileno())
        return pdf, notes.decode("utf-8", "replace")


def _discard(path: Path) -> None:
    """Remove a bad entry (a symlink itself, never its target); a folder in its place
    cannot be removed this way and simply stays unused."""
    with contextlib.suppress(OSError):
        path.unlink()


def _ours(info: os.stat_result) -> bool:
    getuid = getattr(os, "getuid", None)
    return getuid is None or info.st_uid == getuid()


def _private_folder(*, create: bool, root: Path | None = None) -> Path | None:
    """The entries folder, made private, or None when it cannot be trusted: not a
    folder, or owned by another user (who could then plant entries)."""
    try:
        root = root or cache_dir()
        folder = root / "pdf"
        if create:
            _make_folders(folder)
        for directory in (root, folder):
            info = directory.stat()
            if not stat.S_ISDIR(info.st_mode) or not _ours(info):
                return None
            if stat.S_IMODE(info.st_mode) != DIR_MODE:
                directory.chmod(DIR_MODE)
    except (OSError, RuntimeError):  # RuntimeError: no home folder to put it in
        return None
    return folder


def _make_folders(folder: Path) -> None:
    """Create ``folder`` and any missing parent as 0700: ``mkdir(parents=True)``
    would give the parents the umask's permissions."""
    missing: list[Path] = []
    probe = folder
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for directory in reversed(missing):
        with contextlib.suppress(FileExistsError):
            directory.mkdir(mode=DIR_MODE)


def _age(path: Path, now: float) -> float | None:
    """Seconds since ``path`` was last used, or None if it vanished meanwhile."""
    try:
        return now - path.lstat().st_mtime
    except OSError:
        return None


def _prune(folder: Path) -> None:
    """Keep the :data:`KEEP_ENTRIES` most recently used entries; drop stale
    temporaries. Another build may delete files at the same time: a file
    that vanishes is skipped."""
    now = time.time()
    aged: list[tuple[float, Path]] = []
    for path in folder.iterdir():
        age = _age(path, now)
        if age is None:
            continue
        if path.suffix == ENTRY_SUFFIX:
            aged.append((age, path))
        elif path.suffix == ".tmp" and age > STALE_TEMPORARY_SECONDS:
            _discard(path)
    aged.sort(key=lambda pair: pair[0])
    for _, stale in aged[KEEP_ENTRIES:]:
        _discard(stale)
