"""Built PDFs, stored by the hash of what produced them, so unchanged input is not
recompiled.

The key covers the LaTeX source (which already reflects the résumé, the template
and cvtex's version) and the engine binary's identity. The store lives in the
user's cache folder (``$CVTEX_CACHE_DIR``, else ``$XDG_CACHE_HOME/cvtex``, else
``~/.cache/cvtex``); it is an optimisation only, so any problem with it is
ignored and the build simply runs TeX.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

from cvtex import __version__
from cvtex.engine import Engine

KEEP_ENTRIES = 32


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
        stat = engine.executable.stat()
        identity = f"{engine.executable}|{stat.st_size}|{stat.st_mtime_ns}"
    except OSError:
        identity = str(engine.executable)
    for part in (__version__, engine.name, identity, latex):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def lookup(key: str) -> bytes | None:
    path = cache_dir() / "pdf" / f"{key}.pdf"
    try:
        data = path.read_bytes()
        path.touch()  # keep recently used entries when pruning
    except OSError:
        return None
    return data if data.startswith(b"%PDF-") else None


def store(key: str, pdf: bytes) -> None:
    folder = cache_dir() / "pdf"
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            stream.write(pdf)
        Path(temporary).replace(folder / f"{key}.pdf")
        _prune(folder)


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.pdf"), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in entries[KEEP_ENTRIES:]:
        with contextlib.suppress(OSError):
            stale.unlink()
