"""What the Markdown and HTML backends share: the contact line's links and the
characters no output may carry."""

from __future__ import annotations

import re
import unicodedata

from cvtex.contact import ContactItem
from cvtex.links import Link, LinkRefused, NotALink, classify, phone_link

_LINE_BREAKS = re.compile(r"[\t\n\r]+")


def contact_link(item: ContactItem) -> Link | None:
    """Where a contact item links, by the link policy: ``item.link`` is the field as
    written, so it is classified here (a phone number through :func:`phone_link`)."""
    if item.link is None:
        return None
    if item.kind == "phone":
        return phone_link(item.link)
    try:
        return classify(item.link)
    except (LinkRefused, NotALink):
        return None


def printable(text: str) -> str:
    """``text`` on one line, without control characters (validation refuses them; a
    backend drops any that get through) or lone surrogates (which UTF-8 cannot hold)."""
    text = _LINE_BREAKS.sub(" ", text)
    if text.isprintable():
        return text
    return "".join(c for c in text if unicodedata.category(c) not in ("Cc", "Cs"))
