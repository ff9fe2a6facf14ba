"""Count the pages of a PDF from its bytes, with the standard library only.

pdfTeX compresses its page tree into object streams, so the ``/Type /Pages``
dictionaries are looked for in the file and in every Flate stream; the root
has the largest ``/Count``.
"""

from __future__ import annotations

import re
import zlib

_PAGES = re.compile(rb"/Type\s*/Pages\b(?:(?!>>).)*?/Count\s+(\d+)", re.DOTALL)
_COUNT_FIRST = re.compile(rb"/Count\s+(\d+)(?:(?!>>).)*?/Type\s*/Pages\b", re.DOTALL)
_STREAM = re.compile(rb"stream\r?\n")


def count_pages(pdf: bytes) -> int:
    """The number of pages; raises ``ValueError`` when there is no page tree."""
    counts = [int(m) for m in _find_counts(pdf)]
    for match in _STREAM.finditer(pdf):
        end = pdf.find(b"endstream", match.end())
        if end < 0:
            continue
        try:
            body = zlib.decompress(pdf[match.end() : end])
        except zlib.error:
            continue
        counts.extend(int(m) for m in _find_counts(body))
    if not counts:
        raise ValueError("no page tree found in the PDF")
    return max(counts)


def _find_counts(data: bytes) -> list[bytes]:
    return [*_PAGES.findall(data), *_COUNT_FIRST.findall(data)]
