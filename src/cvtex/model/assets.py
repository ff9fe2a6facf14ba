"""Files a résumé names (the photo, and later any file field): found, checked, read.

A résumé may come from a stranger, so the files it names are confined to its own
folder: an absolute path, ``~``, ``..`` or a symlink that resolves outside it is
refused at the field. Only the command line can widen that (``--allow-path DIR``);
a value given with ``--set`` is the user's too, and resolves against the current
folder. What is read must be an image: PNG, JPEG or PDF by its first bytes (not
its name), within byte and pixel bounds, read without blocking on a FIFO or
following a swapped-in symlink.
"""

from __future__ import annotations

import os
import re
import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cvtex.source.safe_read import Unreadable, read_bounded

MAX_IMAGE_BYTES = 16 * 1024 * 1024
MAX_IMAGE_PIXELS = 50_000_000
MAX_IMAGE_SIDE = 20_000
REMOTE_PREFIXES = ("http://", "https://", "//")
"""A photo named by URL (``//host/x`` as old files write it) is not fetched."""

_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"
_PDF = b"%PDF-"


class AssetProblem(ValueError):
    """The file cannot be used; the message says why (an error at the field)."""


@dataclass(frozen=True)
class Asset:
    """A file copied into the build folder under a fixed plain name."""

    name: str
    data: bytes
    source: Path


def resolve_inside(
    raw: str, base: Path, allowed: Sequence[Path] = (), *, trusted: bool = False
) -> Path:
    """The file ``raw`` names, if it lies inside ``base`` or an ``allowed`` folder.

    ``trusted`` values (from ``--set``) resolve against the current folder and may
    name any file.
    """
    if "\x00" in raw:
        raise AssetProblem("a file name cannot contain a NUL character")
    if trusted:
        return Path(raw).expanduser().resolve()
    wants_home = raw.startswith("~")
    candidate = Path(raw).expanduser() if wants_home and allowed else Path(raw)
    if wants_home and not allowed:
        raise AssetProblem(
            f'"{raw}" points into a home folder; a résumé may name files in its own '
            "folder only (allow another folder with --allow-path DIR)"
        )
    try:
        path = (base / candidate).resolve()
        roots = [base.resolve(), *(folder.expanduser().resolve() for folder in allowed)]
    except (OSError, RuntimeError) as exc:  # a symlink loop (RuntimeError before 3.13)
        raise AssetProblem(f'"{raw}" cannot be resolved: {exc}') from None
    if not any(path.is_relative_to(root) for root in roots):
        what = "an absolute path" if candidate.is_absolute() else "a path"
        via = " through a symlink" if _leaves_through_symlink(base, candidate) else ""
        raise AssetProblem(
            f'"{raw}" is {what} outside the résumé\'s folder{via}; a résumé may name files '
            "in its own folder only (allow another folder with --allow-path DIR)"
        )
    return path


def _leaves_through_symlink(base: Path, candidate: Path) -> bool:
    lexical = Path(os.path.normpath(base.absolute() / candidate))
    return lexical.is_relative_to(base.absolute()) and not candidate.is_absolute()


def read_image(path: Path, stem: str = "photo") -> Asset:
    """Read ``path`` as an image, checking its type by content and its size."""
    data = read_regular_file(path, MAX_IMAGE_BYTES)
    if data.startswith(_PNG):
        extension = ".png"
        width, height = _png_size(data)
    elif data.startswith(_JPEG):
        extension = ".jpg"
        width, height = _jpeg_size(data)
        if data.rfind(b"\xff\xd9") < 0:
            raise AssetProblem(f"{path.name} is a truncated JPEG image (no end marker)")
    elif data.startswith(_PDF):
        _check_inert_pdf(data, path.name)
        return Asset(stem + ".pdf", data, path)
    else:
        raise AssetProblem(f"{path.name} is not a PNG, JPEG or PDF image (judged by its content)")
    if width <= 0 or height <= 0:
        raise AssetProblem(f"{path.name} is a damaged image (no size)")
    if max(width, height) > MAX_IMAGE_SIDE or width * height > MAX_IMAGE_PIXELS:
        raise AssetProblem(
            f"{path.name} is {width}×{height} pixels; the limit is {MAX_IMAGE_PIXELS:,} "
            f"pixels and {MAX_IMAGE_SIDE} on a side (scale it down: a photo needs ~600 px)"
        )
    if extension == ".png":
        _check_png_chunks(data)
        if data[25] == 3 and b"PLTE" not in data[33 : data.find(b"IDAT")]:
            raise AssetProblem(f"{path.name} is a damaged PNG image (a palette image without PLTE)")
    return Asset(stem + extension, data, path)


def read_regular_file(path: Path, limit: int) -> bytes:
    """At most ``limit`` bytes of a regular file; refuse FIFOs, devices, folders and
    symlinks swapped in after resolving, without blocking on any of them."""
    try:
        return read_bounded(path, limit, follow_symlinks=False)
    except Unreadable as exc:
        if exc.kind == "too-big":
            size = path.stat().st_size / 1048576 if path.is_file() else 0
            raise AssetProblem(
                f"{path.name} is {size:.1f} MiB; the limit is {limit // 1048576} MiB"
            ) from None
        raise AssetProblem(str(exc)) from None


def _png_size(data: bytes) -> tuple[int, int]:
    if len(data) < 24 or data[12:16] != b"IHDR":
        raise AssetProblem("a damaged PNG image (no IHDR header)")
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def _check_png_chunks(data: bytes) -> None:
    """Walk every chunk to IEND and check their CRCs, so a truncated or damaged file is
    refused here rather than by libpng inside TeX."""
    offset = len(_PNG)
    while True:
        if offset + 12 > len(data):
            raise AssetProblem("a truncated PNG image (it ends before its IEND chunk)")
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        end = offset + 12 + length
        if end > len(data):
            raise AssetProblem("a truncated PNG image (a chunk runs past the end of the file)")
        kind = data[offset + 4 : offset + 8]
        (crc,) = struct.unpack(">I", data[end - 4 : end])
        if zlib.crc32(data[offset + 4 : end - 4]) != crc:
            raise AssetProblem(f"a damaged PNG image (bad checksum in its {kind!r} chunk)")
        if kind == b"IEND":
            return
        offset = end


_PDF_NAME = re.compile(rb"/([^\x00\t\n\x0c\r /<>\[\]()%{}]+)")
"""A PDF name runs to PDF whitespace (NUL included) or a delimiter."""
_PDF_HEX = re.compile(rb"#([0-9A-Fa-f]{2})")
ACTIVE_PDF_NAMES = frozenset(
    {
        b"JavaScript", b"JS", b"AA", b"Launch", b"URI", b"GoToR", b"GoToE",
        b"SubmitForm", b"ImportData", b"EmbeddedFile", b"EmbeddedFiles", b"RichMedia",
        b"XFA", b"AcroForm",
    }
)  # fmt: skip
"""PDF names that carry scripts, actions, attachments or forms (an /OpenAction only
opens a page unless it holds one of these)."""


def _check_inert_pdf(data: bytes, name: str) -> None:
    """A PDF photo is a drawing, not a document: pdfTeX copies the included page's
    objects into the résumé, so one with scripts, actions, attachments or forms is
    refused. Every object outside an object stream is plain text in the file, so a scan
    of its names (``#xx`` escapes decoded) sees them all; object streams hide objects
    in compressed data, so a PDF with them is refused with the command that removes
    them."""
    if b"%%EOF" not in data[-2048:]:
        raise AssetProblem(f"{name} is a truncated PDF (no %%EOF at its end)")
    names = {
        _PDF_HEX.sub(lambda m: bytes([int(m.group(1), 16)]), n) for n in _PDF_NAME.findall(data)
    }
    active = sorted(n.decode("latin-1") for n in names & ACTIVE_PDF_NAMES)
    if active:
        raise AssetProblem(
            f"{name} is a PDF with {', '.join('/' + n for n in active)}: a photo may not "
            "carry scripts, actions, attachments or forms; export it as PNG or JPEG"
        )
    if names & {b"ObjStm", b"XRef", b"XRefStm"}:
        # Objects in an object stream are compressed (and its /Type is optional: a
        # cross-reference stream is what finds them), so neither can be checked here.
        raise AssetProblem(
            f"{name} keeps objects in compressed object streams, where cvtex cannot "
            "check them for scripts; rewrite it with "
            "`qpdf --object-streams=disable in.pdf out.pdf`, or export it as PNG or JPEG"
        )


_SOF_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


def _jpeg_size(data: bytes) -> tuple[int, int]:
    """Width and height from the first start-of-frame segment."""
    index = 2
    while index + 9 < len(data):
        if data[index] != 0xFF:
            raise AssetProblem("a damaged JPEG image")
        marker = data[index + 1]
        if marker == 0xFF:  # fill byte
            index += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            index += 2
            continue
        (length,) = struct.unpack(">H", data[index + 2 : index + 4])
        if marker in _SOF_MARKERS:
            height, width = struct.unpack(">HH", data[index + 5 : index + 9])
            return int(width), int(height)
        if length < 2:
            raise AssetProblem("a damaged JPEG image")
        index += 2 + length
    raise AssetProblem("a damaged JPEG image (no frame header)")
