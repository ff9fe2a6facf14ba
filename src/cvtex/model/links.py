"""Which links résumé content may put into a PDF, in their canonical form.

A link in a PDF is an action the reader's viewer carries out. hyperref turns
``run:`` into ``/Launch`` (start a program), ``file:`` into ``/GoToR`` (open a
local file), and hands any other scheme (``javascript:``, ``data:``, ``smb:``…)
to the viewer as a ``/URI``. Four kinds are safe to click, and only they become
links: ``http``/``https`` web pages, ``mailto`` with one address and no header
fields (no ``?cc=``, ``&body=``), and ``tel`` with ``+`` and digits only. A bare
``example.com`` is a web page (``https://``); a bare ``ada@example.com`` is an
email address.

The rules live here, once, for validation (which reports a refused link at its
field) and for rendering (which never emits anything else).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import unquote, urlsplit, urlunsplit

ALLOWED_SCHEMES = ("http", "https", "mailto", "tel")


class LinkKind(StrEnum):
    WEB = "web"
    EMAIL = "email"
    PHONE = "phone"


@dataclass(frozen=True)
class Link:
    """A link that may become an annotation: its kind and canonical target."""

    kind: LinkKind
    target: str


class LinkRefused(ValueError):
    """The text names something a PDF viewer could run or misuse: an error at the field."""


class NotALink(ValueError):
    """The text does not look like a link at all: a warning, and no link is made."""


_SCHEME = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*):(?P<rest>.*)$", re.DOTALL)
_HOST_PORT = re.compile(r"^[0-9]+(?:[/?#].*)?$", re.DOTALL)
_LABEL = r"[^\W_](?:[\w-]*[^\W_])?"
_BARE_HOST = re.compile(rf"^(?:{_LABEL}\.)+{_LABEL}\.?(?::\d+)?(?:[/?#].*)?$", re.DOTALL)
_ADDRESS = re.compile(r"^[^@\s,;:<>()\[\]\\\"?&]+@(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}$")
_PHONE_SEPARATORS = re.compile(r"[\s().\-/\u00a0]")
_PHONE = re.compile(r"^\+[0-9]{3,15}$")
"""E.164: a plus, then at most 15 digits."""


def _clean(text: str) -> str:
    """What a viewer would act on: control characters are dropped, as browsers do."""
    return "".join(c for c in text if unicodedata.category(c) != "Cc").strip()


def classify(text: str) -> Link:
    """The canonical link for ``text``; raise :class:`LinkRefused` or :class:`NotALink`.

    A link with a line break or tab inside would go somewhere other than the text
    shows (viewers drop them): it is no link, unless what it spells is refused."""
    link = _classify(text)
    if _clean(text) != text.strip():
        raise NotALink(f"{text.strip()!r} has a line break or control character inside")
    return link


def _classify(text: str) -> Link:
    cleaned = _clean(text)
    if not cleaned:
        raise NotALink("an empty link")
    if cleaned.startswith("//"):
        return _web("https:" + cleaned)
    match = _SCHEME.match(cleaned)
    if match is not None and not _looks_like_host_and_port(match):
        scheme = match["scheme"].lower()
        rest = match["rest"]
        if scheme in ("http", "https"):
            return _web(f"{scheme}:{rest}")
        if scheme == "mailto":
            return email_link(rest)
        if scheme == "tel":
            found = phone_link(rest)
            if found is None:
                raise LinkRefused(f'"{text.strip()}" is not a phone number a tel: link can dial')
            return found
        raise LinkRefused(
            f'"{scheme}:" links are not allowed (a PDF viewer could run them); '
            "links may be http, https, mailto or tel"
        )
    if "@" in cleaned and "/" not in cleaned:
        return email_link(cleaned)
    if _BARE_HOST.match(cleaned):
        return _web("https://" + cleaned)
    raise NotALink(f'"{text.strip()}" does not look like a link')


def _looks_like_host_and_port(match: re.Match[str]) -> bool:
    """``example.com:8080/x`` and ``localhost:3000`` are a host and port, not a scheme."""
    return bool(_HOST_PORT.match(match["rest"])) and (
        "." in match["scheme"] or match["scheme"].lower() == "localhost"
    )


def _web(url: str) -> Link:
    try:
        parts = urlsplit(url)
    except ValueError:  # "http://[::1": an IPv6 host without its closing bracket
        raise NotALink(f'"{url}" has a host name no one can reach') from None
    if not parts.hostname:
        raise NotALink(f'"{url}" has no host name')
    if parts.username is not None or parts.password is not None:
        raise LinkRefused(
            "a web link may not carry a user name or password before the host "
            f'("{parts.netloc}" hides where it really goes)'
        )
    if not parts.hostname.isascii():
        url = urlunsplit(parts._replace(netloc=_ascii_netloc(url, parts.netloc)))
    return Link(LinkKind.WEB, url)


def _ascii_netloc(url: str, netloc: str) -> str:
    """``münchen.example`` as DNS knows it (``xn--mnchen-3ya.example``): percent-encoded,
    as a PDF would otherwise carry it, the host does not resolve."""
    host, colon, port = netloc.rpartition(":") if netloc.count(":") == 1 else (netloc, "", "")
    if colon and not port.isdigit():
        host, colon, port = netloc, "", ""
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        raise NotALink(f'"{url}" has a host name no DNS can look up') from None
    return ascii_host + colon + port


def email_link(text: str) -> Link:
    """``mailto:`` one address, with no header fields (``?cc=``, ``?bcc=``, ``?body=``)."""
    address = unquote(_clean(text).removeprefix("mailto:").removeprefix("MAILTO:"))
    if "?" in address or "&" in address:
        raise LinkRefused(
            "an email link may not carry header fields (?cc=, ?bcc=, ?subject=, ?body=); "
            "give one address"
        )
    if "," in address or ";" in address:
        raise LinkRefused("an email link holds exactly one address")
    if "%" in address:  # encoded twice: a mail client may decode it again into , or ?
        raise LinkRefused("an email address cannot contain % (after decoding %xx once)")
    if not _ADDRESS.match(address):
        raise NotALink(f'"{address}" does not look like an email address')
    return Link(LinkKind.EMAIL, "mailto:" + address)


def phone_link(text: str) -> Link | None:
    """``tel:+4930123456`` from a phone number as people write it; None when it is
    not an international number (``030 123456`` has no country to dial from a PDF,
    ``on request`` and ``ext. 12`` are not numbers): then it prints without a link.

    A leading ``00`` is the international prefix, as ``+`` is.
    """
    cleaned = unquote(_clean(text))
    # "+44 (0)20 …": the bracketed 0 is dialled only from inside the country.
    cleaned = re.sub(r"^(\s*(?:\+|00)\s*\d{1,3})\s*\(0\)", r"\1", cleaned)
    digits = _PHONE_SEPARATORS.sub("", cleaned)
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    if not _PHONE.match(digits):
        return None
    return Link(LinkKind.PHONE, "tel:" + digits)


def allowed_link(text: str) -> Link | None:
    """The link ``text`` may become, or None when it must not become one (validation
    reports why at its field; outputs only drop it)."""
    try:
        return classify(text)
    except (LinkRefused, NotALink):
        return None


def safe_target(text: str) -> str | None:
    """The target to emit for ``text``, or None when it must not become a link."""
    link = allowed_link(text)
    return link.target if link else None
