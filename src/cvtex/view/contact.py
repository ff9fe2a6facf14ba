"""The contact line under the name: what each item says and where it links.

Decided here, in Python, once, so every template (and later every output format)
shows a profile the same way: the network and the username, linking to the
profile's URL; the URL itself, shortened as people write it, when there is no
username. Templates only choose how items look (icons, separators).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cvtex.diagnostics import SourceText
from cvtex.model.links import (
    Link,
    allowed_link,
    phone_link,
    safe_target,
)
from cvtex.model.schema import Basics, Profile
from cvtex.view.inline import Rich, rich

KNOWN_NETWORKS = (
    "linkedin",
    "github",
    "gitlab",
    "twitter",
    "x",
    "mastodon",
    "orcid",
    "stackoverflow",
)
"""Networks a template may show with their own icon; any other is ``link``."""

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


@dataclass(frozen=True)
class ContactItem:
    """One contact detail.

    ``kind`` names the icon (``location``, ``phone``, ``email``, ``website``, a
    network from :data:`KNOWN_NETWORKS`, or ``link``); ``network`` is the
    network's name as written, shown before ``text`` unless an icon says it;
    ``link`` is the field to link to (checked by :mod:`cvtex.model.links`), or None.
    """

    kind: str
    text: str
    network: str | None = None
    link: str | None = None

    @property
    def shown(self) -> Rich:
        """The text, its inline markup parsed (a location may say ``**Paris**``)."""
        return rich(self.text)

    @property
    def network_shown(self) -> Rich | None:
        return rich(self.network) if self.network else None

    @property
    def target(self) -> Link | None:
        """Where the item links, by the link policy (a phone number as ``tel:``)."""
        if self.link is None:
            return None
        return phone_link(self.link) if self.kind == "phone" else allowed_link(self.link)


def display_url(url: str) -> str:
    """``linkedin.com/in/x`` for ``https://www.linkedin.com/in/x``: how people write links."""
    text = _SCHEME.sub("", url.strip()).removeprefix("mailto:").removeprefix("www.")
    path = getattr(url, "path", None)
    return SourceText(text, path) if path is not None else text


def contact_items(basics: Basics) -> tuple[ContactItem, ...]:
    """Every contact detail of ``basics`` that prints, in the order they print."""
    items: list[ContactItem] = []
    if basics.location is not None:
        shown = basics.location.display()
        part = next((value for _, value in basics.location if value), None)
        path = getattr(part, "path", None)
        if shown:
            items.append(ContactItem("location", SourceText(shown, path[:-1]) if path else shown))
    if basics.phone:
        link = basics.phone if phone_link(basics.phone) else None
        items.append(ContactItem("phone", basics.phone, link=link))
    if basics.email:
        link = basics.email if safe_target(basics.email) else None
        items.append(ContactItem("email", basics.email, link=link))
    items.extend(item for item in map(_profile_item, basics.profiles) if item is not None)
    if basics.url:
        link = basics.url if safe_target(basics.url) else None
        text = display_url(basics.url) if link else basics.url
        items.append(ContactItem("website", text, link=link))
    return tuple(items)


def _profile_item(profile: Profile) -> ContactItem | None:
    network = profile.network
    kind = re.sub(r"[\s.\-_]", "", network.lower()) if network else "link"
    kind = kind if kind in KNOWN_NETWORKS else "link"
    link = profile.url if profile.url and safe_target(profile.url) else None
    if profile.username:
        return ContactItem(kind, profile.username, network, link)
    if profile.url:
        text = display_url(profile.url) if link else profile.url
        return ContactItem(kind, text, None, link)
    if network:
        return ContactItem(kind, network)
    return None
