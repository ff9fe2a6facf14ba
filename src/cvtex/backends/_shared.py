"""What the Markdown and HTML backends share: the characters no output may carry."""

from __future__ import annotations

import re
import unicodedata

_LINE_BREAKS = re.compile("[\t\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+")
"""Every character some reader takes for a line break: one line stays one line."""


def printable(text: str) -> str:
    """``text`` on one line, without control characters (validation refuses them; a
    backend drops any that get through) or lone surrogates (which UTF-8 cannot hold)."""
    text = _LINE_BREAKS.sub(" ", text)
    if text.isprintable():
        return text
    return "".join(c for c in text if unicodedata.category(c) not in ("Cc", "Cs"))
