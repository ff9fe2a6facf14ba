"""RenderCV's ``cv`` header → ``basics``: name, contacts and profiles.

A second email, phone or website has no ``basics`` key of its own, so it becomes a
profile, as do ``social_networks`` (with the URL RenderCV links to) and
``custom_connections``.
"""

from __future__ import annotations

import re
from typing import Any

from cvtex.diagnostics import FieldPath
from cvtex.importers.rendercv.reader import Reader, shown, with_extras
from cvtex.yaml_writer import Commented, Remark

PROFILE_URLS = {
    "LinkedIn": "https://linkedin.com/in/",
    "GitHub": "https://github.com/",
    "GitLab": "https://gitlab.com/",
    "IMDB": "https://imdb.com/name/",
    "Instagram": "https://instagram.com/",
    "ORCID": "https://orcid.org/",
    "StackOverflow": "https://stackoverflow.com/users/",
    "ResearchGate": "https://researchgate.net/profile/",
    "YouTube": "https://youtube.com/@",
    "Google Scholar": "https://scholar.google.com/citations?user=",
    "Telegram": "https://t.me/",
    "WhatsApp": "https://wa.me/",
    "Leetcode": "https://leetcode.com/u/",
    "X": "https://x.com/",
    "Bluesky": "https://bsky.app/profile/",
    "Reddit": "https://reddit.com/user/",
}
"""Where RenderCV links a social network's username (Mastodon is @user@host)."""
_MASTODON = re.compile(r"@(?P<user>[^@\s]+)@(?P<host>[^@\s/]+)")

_PATH: FieldPath = ("cv",)
_KNOWN = frozenset(
    {"name", "headline", "location", "email", "photo", "phone", "website"}
    | {"social_networks", "custom_connections", "sections"}
)


def basics(reader: Reader, cv: dict[str, Any]) -> dict[Any, Any]:
    basics = _identity(reader, cv)
    profiles: list[Any] = []
    for key, target in (("email", "email"), ("phone", "phone"), ("website", "url")):
        found = reader.texts(cv, key, _PATH)
        if found:
            basics[target] = found[0]
        profiles.extend(_extra_contact(key, extra) for extra in found[1:])
    profiles.extend(_social_networks(reader, cv))
    profiles.extend(_custom_connections(reader, cv))
    if profiles:
        basics["profiles"] = profiles
    for key, value in cv.items():
        if key not in _KNOWN and value is not None:
            note = f"cv.{key}: {shown(value)} (not a RenderCV key; not printed)"
            basics[Remark((note,))] = None
    return basics


def _identity(reader: Reader, cv: dict[str, Any]) -> dict[Any, Any]:
    basics: dict[Any, Any] = {}
    for key in ("name", "headline", "photo", "location"):
        value = reader.text(cv, key, _PATH)
        if value is None:
            continue
        if key == "location":
            basics["location"] = {"city": value}
        elif key == "photo":
            note = "RenderCV's cv.photo: printed by templates that show a photo (modern, compact)"
            basics["image"] = Commented(value, (note,))
        else:
            basics["label" if key == "headline" else key] = value
    return basics


def _extra_contact(key: str, extra: str) -> dict[str, str]:
    """A second email, phone or website, as a profile."""
    if key == "email":
        return {"username": extra, "url": f"mailto:{extra}"}
    if key == "phone":
        return {"username": extra}
    return {"url": extra}


def _social_networks(reader: Reader, cv: dict[str, Any]) -> list[Any]:
    profiles: list[Any] = []
    for index, item in enumerate(
        reader.items(cv.get("social_networks"), (*_PATH, "social_networks"))
    ):
        where: FieldPath = (*_PATH, "social_networks", index)
        network_map = reader.mapping(item, where)
        network = reader.text(network_map, "network", where)
        username = reader.text(network_map, "username", where)
        profile: dict[str, Any] = {}
        if network:
            profile["network"] = network
        if username:
            profile["username"] = username
            url = _profile_url(network, username)
            if url:
                profile["url"] = url
        if profile:
            profiles.append(with_extras(profile, network_map, ("network", "username")))
    return profiles


def _custom_connections(reader: Reader, cv: dict[str, Any]) -> list[Any]:
    profiles: list[Any] = []
    for index, item in enumerate(
        reader.items(cv.get("custom_connections"), (*_PATH, "custom_connections"))
    ):
        where: FieldPath = (*_PATH, "custom_connections", index)
        connection = reader.mapping(item, where)
        placeholder = reader.text(connection, "placeholder", where)
        url = reader.text(connection, "url", where)
        icon = reader.text(connection, "fontawesome_icon", where)
        profile: dict[str, Any] = {}
        if placeholder:
            profile["username"] = placeholder
        if url:
            profile["url"] = url
        if not profile:
            continue
        notes = (f'RenderCV icon "{icon}" (cvtex has no icon per item)',) if icon else ()
        extra = with_extras(profile, connection, ("placeholder", "url", "fontawesome_icon"))
        if isinstance(extra, Commented):  # one comment block: the icon, then other keys
            profile, notes = extra.value, (*notes, *extra.notes)
        profiles.append(Commented(profile, notes) if notes else profile)
    return profiles


def _profile_url(network: str | None, username: str) -> str | None:
    if network == "Mastodon":
        found = _MASTODON.fullmatch(username)
        return f"https://{found['host']}/@{found['user']}" if found else None
    prefix = PROFILE_URLS.get(network or "")
    return prefix + username if prefix and " " not in username.strip() else None
