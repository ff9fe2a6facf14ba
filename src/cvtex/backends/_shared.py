"""What the Markdown and HTML backends share: the characters no output may carry."""

from __future__ import annotations

import re
import unicodedata

_LINE_BREAKS = re.compile(r"[\t\n\r]+")


def printable(text: str) -> str:
    """``text`` on one line, without control characters (validation refuses them; a
    backend drops any that get through) or lone surrogates (which UTF-8 cannot hold)."""
    text = _LINE_BREAKS.sub(" ", text)
    if text.isprintable():
        return text
    return "".join(c for c in text if unicodedata.category(c) not in ("Cc", "Cs"))
