"""How many pages a build made.

The engine says so in its log ("Output written on resume.pdf (2 pages, …)" from
pdfTeX and LuaTeX, "… resume.xdv (2 pages, …)" from XeTeX), and that is what cvtex
reads: the PDF itself may hold a photo's own objects, page trees included, which an
attacker can fill with any ``/Count``. Reading the PDF's bytes is the fallback, and
it is bounded: short numbers only, and at most 16 MiB inflated per stream, 64 MiB in
all (a photo's zip bomb stops there).
"""

from __future__ import annotations

import re
import zlib

_OUTPUT_WRITTEN = re.compile(r"^Output written on \S+ \((\d{1,6}) pages?, \d+ bytes\)", re.M)
_PAGES = re.compile(rb"/Type\s*/Pages\b(?:(?!>>).){0,512}?/Count\s+(\d{1,6})\b", re.DOTALL)
_COUNT_FIRST = re.compile(rb"/Count\s+(\d{1,6})\b(?:(?!>>).){0,512}?/Type\s*/Pages\b", re.DOTALL)
_STREAM = re.compile(rb"stream\r?\n")
MAX_INFLATED_PER_STREAM = 16 * 1024 * 1024
MAX_INFLATED = 64 * 1024 * 1024


def pages_from_log(log: str) -> int | None:
    """The page count the engine reported, or None when the log does not say."""
    found = _OUTPUT_WRITTEN.findall(log)
    return int(found[-1]) if found else None


def count_pages(pdf: bytes, log: str = "") -> int:
    """The number of pages, from the engine's log when it says, else from the PDF;
    raises ``ValueError`` when neither knows."""
    reported = pages_from_log(log)
    if reported is not None:
        return reported
    counts = [int(m) for m in _find_counts(pdf)]
    budget = MAX_INFLATED
    for match in _STREAM.finditer(pdf):
        if budget <= 0:
            break
        inflater = zlib.decompressobj()
        try:
            body = inflater.decompress(pdf[match.end() :], min(budget, MAX_INFLATED_PER_STREAM))
        except zlib.error:
            continue
        budget -= len(body)
        counts.extend(int(m) for m in _find_counts(body))
    if not counts:
        raise ValueError("no page tree found in the PDF")
    return max(counts)


def _find_counts(data: bytes) -> list[bytes]:
    return [*_PAGES.findall(data), *_COUNT_FIRST.findall(data)]
