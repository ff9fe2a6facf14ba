"""JSON Resume's early key names, read as today's (never dropped).

Many ``resume.json`` files online still use the names of the pre-1.0 schema
(``work[].company``, ``basics.website``, ``education[].gpa``…, renamed in JSON Resume
0.0.17 and before). cvtex reads each as its current name and says so in a note (not
a warning: ``--strict`` still passes), so no printed content is lost. When a file has
both names, the current one wins and the old one is a warning. The table is
documented in docs/json-resume.md.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from cvtex.diagnostics import FieldPath, Severity
from cvtex.source.loader import Document
from cvtex.source.nodes import NodeSpan

RENAMES: tuple[tuple[tuple[str, ...], str, str], ...] = (
    ((), "hobbies", "interests"),
    (("basics",), "picture", "image"),
    (("basics",), "website", "url"),
    (("basics",), "bio", "summary"),
    (("work", "*"), "company", "name"),
    (("work", "*"), "website", "url"),
    (("volunteer", "*"), "website", "url"),
    (("education", "*"), "gpa", "score"),
    (("awards", "*"), "awardDate", "date"),
    (("publications", "*"), "website", "url"),
)
"""(where, old key, current key); ``*`` is every item of a list."""
PROFILE_KEYS = frozenset({"network", "username", "url", "tags", "hidden", "pagebreak", "ignore"})


@dataclass(frozen=True)
class LegacyFinding:
    severity: Severity
    code: str
    message: str
    path: FieldPath
    on_key: bool = True


def modernise(document: Document) -> tuple[Document, list[LegacyFinding]]:
    """``document`` with old key names moved to today's, and a finding for each."""
    data = copy_data(document.data)
    source_map = dict(document.source_map)
    findings: list[LegacyFinding] = []
    for where, old, new in RENAMES:
        for path, mapping in _mappings(data, where):
            if old not in mapping:
                continue
            if new in mapping and mapping[new] not in (None, ""):
                message = (
                    f'"{old}" is the old name of "{new}", which is also given; "{old}" is '
                    f"ignored (remove one of them)"
                )
                findings.append(
                    LegacyFinding(Severity.WARNING, "legacy-conflict", message, (*path, old))
                )
                del mapping[old]
                continue
            mapping[new] = mapping.pop(old)
            _move_spans(source_map, (*path, old), (*path, new))
            message = f'read "{old}" as "{new}", its name since JSON Resume 1.0; rename it'
            findings.append(LegacyFinding(Severity.NOTE, "legacy-key", message, (*path, new)))
    basics = data.get("basics")
    profiles = basics.get("profiles") if isinstance(basics, dict) else None
    # {network: name} is the old map; {network: GitHub, url: …} is one profile missing
    # its "- ", which the schema reports as such.
    if isinstance(basics, dict) and isinstance(profiles, dict) and set(profiles) - PROFILE_KEYS:
        basics["profiles"] = _profiles_from_map(profiles)
        message = (
            "read the map of profiles (network: name) as a list of "
            "{network, username, url}, as JSON Resume 1.0 writes it"
        )
        findings.append(LegacyFinding(Severity.NOTE, "legacy-key", message, ("basics", "profiles")))
    if not findings:
        return document, []
    return replace(document, data=data, source_map=source_map), findings


def _profiles_from_map(profiles: dict[str, Any]) -> list[Any]:
    from cvtex.model.links import LinkKind, LinkRefused, NotALink, classify

    listed: list[Any] = []
    for network, value in profiles.items():
        if isinstance(value, dict):
            listed.append({"network": network, **value})
            continue
        if isinstance(value, list) and len(value) == 1:
            value = value[0]
        entry: dict[str, Any] = {"network": network}
        if isinstance(value, str):
            try:
                is_web = classify(value).kind is LinkKind.WEB and "/" in value
            except (NotALink, LinkRefused):
                is_web = False
            entry["url" if is_web else "username"] = value
        else:
            entry["username"] = value
        listed.append(entry)
    return listed


def _mappings(data: Any, where: tuple[str, ...]) -> list[tuple[FieldPath, dict[str, Any]]]:
    found: list[tuple[FieldPath, Any]] = [((), data)]
    for part in where:
        following: list[tuple[FieldPath, Any]] = []
        for path, value in found:
            if part == "*" and isinstance(value, list):
                following += [((*path, i), item) for i, item in enumerate(value)]
            elif isinstance(value, dict) and part in value:
                following.append(((*path, part), value[part]))
        found = following
    return [(path, value) for path, value in found if isinstance(value, dict)]


def _move_spans(source_map: dict[FieldPath, NodeSpan], old: FieldPath, new: FieldPath) -> None:
    """Positions follow the value, so errors in it point at the line where it is."""
    for path in [p for p in source_map if p[: len(old)] == old]:
        source_map[(*new, *path[len(old) :])] = source_map[path]


def copy_data(value: Any) -> Any:
    """A copy of loaded data (mappings, lists, strings) that may be changed freely."""
    if isinstance(value, dict):
        return {k: copy_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [copy_data(v) for v in value]
    return value
