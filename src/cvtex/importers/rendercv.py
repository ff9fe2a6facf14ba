"""RenderCV YAML → cvtex YAML: every printed word kept, every setting noted.

RenderCV (https://github.com/rendercv/rendercv) writes a résumé as ``cv`` (a header
and ``sections``, each a title and a list of entries of one of nine types, told apart
by their keys), ``design`` (a theme and its layout), ``locale`` and ``settings``.
The mapping, documented in the README ("Coming from RenderCV"):

* ``cv.name/headline/location/email/phone/website/photo`` → ``basics``; a second
  email, phone or website, ``social_networks`` (with the URL RenderCV links to) and
  ``custom_connections`` → ``basics.profiles``;
* a section whose entries fit a JSON Resume section goes there (experience → work,
  education → education, publications → publications, one-line entries of a
  section titled like "Skills" → skills), with its title in
  ``design.section_titles``; any other section becomes a custom section
  (``sections.<id>``) with the same title: normal entries → ``entries``, one-line
  entries → ``rows``, bullet and (reversed-)numbered entries → ``items``, text
  entries → ``rows`` with a value only, which print as paragraphs;
* the sections' order → ``design.section_order``; ``design.theme`` → the nearest
  built-in template, named in a comment and in the command to build with;
* a highlight's `` - `` parts → nested bullets, as RenderCV prints them;
* ``date`` (free text) → ``date``; ``start_date``/``end_date`` → ``startDate``/``endDate``
  (``present`` kept); RenderCV's own rules apply first (a ``date`` wins over a period,
  an end date alone is a date);
* Markdown inline (``**bold**``, ``*italic*``, ``[text](url)``) is cvtex's own markup,
  kept as written.

What does not print (design, locale settings cvtex has no key for, ``settings``) and
keys RenderCV itself would not print are kept as comments with a note. A value of the
wrong kind (a list where RenderCV wants text) is a located error, as in any résumé.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from cvtex.dates import PartialDate
from cvtex.diagnostics import Diagnostic, FieldPath, Severity
from cvtex.errors import InputError
from cvtex.importers import RENDERCV, Imported
from cvtex.loader import Document
from cvtex.locales import get_locale
from cvtex.schema import STANDARD_SECTIONS
from cvtex.yaml_writer import Commented, Remark, scalar

# -- RenderCV's vocabulary (rendercv/schema/models, read at its commit 1d4b87b) ----------

_DATED = ("date", "start_date", "end_date", "location", "summary", "highlights")
ENTRY_FIELDS: dict[str, tuple[str, ...]] = {
    "OneLineEntry": ("label", "details"),
    "NormalEntry": ("name", *_DATED),
    "ExperienceEntry": ("company", "position", *_DATED),
    "EducationEntry": ("institution", "area", "degree", *_DATED),
    "PublicationEntry": ("title", "authors", "summary", "doi", "url", "journal", "date"),
    "BulletEntry": ("bullet",),
    "NumberedEntry": ("number",),
    "ReversedNumberedEntry": ("reversed_number",),
}
"""Each entry type's keys, in the order RenderCV tries the types."""
TEXT_ENTRY = "TextEntry"


def _characteristic() -> dict[str, frozenset[str]]:
    """The keys only one type has: RenderCV gives an entry the first type, in the
    order above, that has one of its keys."""
    counts: dict[str, int] = {}
    for keys in ENTRY_FIELDS.values():
        for key in keys:
            counts[key] = counts.get(key, 0) + 1
    return {
        name: frozenset(key for key in keys if counts[key] == 1)
        for name, keys in ENTRY_FIELDS.items()
    }


CHARACTERISTIC = _characteristic()

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

NEAREST_TEMPLATE = {
    "classic": "modern",
    "sb2nov": "classic",
    "engineeringresumes": "classic",
    "engineeringclassic": "modern",
    "moderncv": "modern",
    "harvard": "academic",
    "ink": "academic",
    "ember": "modern",
    "opal": "modern",
}
"""RenderCV theme → the built-in template that looks most like it: classic (sans
serif, coloured name and headings) → modern; sb2nov and engineeringresumes (serif, a
full rule under each heading) → classic; harvard and ink (serif, centred) → academic."""
DEFAULT_THEME = "classic"

LOCALES = {
    "english": "en",
    "german": "de",
    "french": "fr",
    "spanish": "es",
    "portuguese": "pt",
    "italian": "it",
    "mandarin_chinese": "zh",
    "japanese": "ja",
    "korean": "ko",
}
"""RenderCV's locale names that cvtex has a locale for."""
PAPER = {"a4": "a4", "us-letter": "letter"}
DEFAULT_SINGLE_DATE = "MONTH_ABBREVIATION YEAR"
DATE_FORMATS = {
    "MONTH_ABBREVIATION YEAR": "Mon YYYY",
    "MONTH_NAME YEAR": "Month YYYY",
    "YEAR": "YYYY",
    "MONTH_IN_TWO_DIGITS/YEAR": "MM/YYYY",
    "YEAR-MONTH_IN_TWO_DIGITS": "YYYY-MM",
}
"""RenderCV's date templates that have a cvtex ``date_format``."""

_LOWERCASE_TITLE_WORDS = frozenset(
    [
        "a",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "if",
        "in",
        "into",
        "like",
        "near",
        "nor",
        "of",
        "off",
        "on",
        "onto",
        "or",
        "over",
        "so",
        "than",
        "that",
        "to",
        "upon",
        "when",
        "with",
        "yet",
    ]
)
"""Words RenderCV leaves in lowercase when it makes a title of a snake_case key."""

_SKILLS = re.compile(r"skill|competenc|technolog|expertise", re.IGNORECASE)
_VOLUNTEER = re.compile(r"volunt", re.IGNORECASE)


def section_title(key: str) -> str:
    """The title RenderCV prints for a section key: as written when it has a space
    or a capital letter, else ``education_and_training`` → ``Education and Training``."""
    if " " in key or any(char.isupper() for char in key):
        return key
    words = key.replace("_", " ").split(" ")
    return " ".join(w if w in _LOWERCASE_TITLE_WORDS else w.capitalize() for w in words)


def _shown(value: Any) -> str:
    """A value on one comment line: text as YAML writes it, anything else as JSON (the
    writer escapes what is unprintable)."""
    if value is None or isinstance(value, str):
        return scalar(value)
    return json.dumps(value, ensure_ascii=False)


def _flat(value: Any, path: str) -> Iterator[tuple[str, Any]]:
    """``design.colors.name``-style paths to each leaf of a settings mapping."""
    if isinstance(value, dict) and value:
        for key, inner in value.items():
            yield from _flat(inner, f"{path}.{key}")
    else:
        yield path, value


def _parses(text: str) -> bool:
    try:
        PartialDate.parse(text)
    except ValueError:
        return False
    return True


class _Converter:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.errors: list[Diagnostic] = []
        self.used: set[str] = set()
        self.template: str | None = None

    # -- reading untrusted values ------------------------------------------------

    def error(self, path: FieldPath, message: str) -> None:
        file, position = self.document.locate(path)
        self.errors.append(
            Diagnostic(Severity.ERROR, message, path, position, file, "invalid-value")
        )

    def text(self, mapping: dict[str, Any], key: str, path: FieldPath) -> str | None:
        """The text at ``mapping[key]``; None when absent or blank."""
        value = mapping.get(key)
        if value is None:
            return None
        if isinstance(value, str):
            return value if value.strip() else None
        self.error((*path, key), f"{_kind(value)}, expected text")
        return None

    def texts(self, mapping: dict[str, Any], key: str, path: FieldPath) -> list[str]:
        """Text or a list of text (``email: [a, b]``), blanks left out."""
        value = mapping.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            return [value] if value.strip() else []
        if not isinstance(value, list):
            self.error((*path, key), f"{_kind(value)}, expected text or a list of text")
            return []
        found: list[str] = []
        for index, item in enumerate(value):
            if isinstance(item, str):
                if item.strip():
                    found.append(item)
            elif item is not None:
                self.error((*path, key, index), f"{_kind(item)}, expected text")
        return found

    def mapping(self, value: Any, path: FieldPath) -> dict[str, Any]:
        if value is None:
            return {}
        if isinstance(value, dict):
            return value
        self.error(path, f"{_kind(value)}, expected a mapping (key: value pairs)")
        return {}

    def items(self, value: Any, path: FieldPath) -> list[Any]:
        if value is None:
            return []
        if isinstance(value, list):
            return value
        self.error(path, f"{_kind(value)}, expected a list")
        return []

    # -- the file ------------------------------------------------------------------

    def run(self) -> Imported:
        data = self.document.data
        tree: dict[Any, Any] = {}
        cv = self.mapping(data.get("cv"), ("cv",))
        tree["basics"] = self.basics(cv)
        standard, custom, order, titles, locale = self.sections_and_locale(cv, data)
        tree.update(standard)
        if custom:
            tree["sections"] = custom
        tree["design"] = self.design(data, order, titles)
        tree.update(locale)
        for key, value in data.items():
            if key not in ("cv", "design", "locale", "settings"):
                tree[Remark((f"{key}: {_shown(value)} (not a RenderCV key; not printed)",))] = None
        for note, leaves in self.settings(data.get("settings")).items():
            tree[Remark((note, *(f"  {leaf}" for leaf in leaves)))] = None
        if self.errors:
            raise InputError(self.errors, self.document.text)
        header = ("RenderCV's settings that do not print are kept as comments, each with a note.",)
        return Imported(RENDERCV, tree, header, self.template)

    def settings(self, source: Any) -> dict[str, list[str]]:
        """RenderCV's ``settings``, none of which prints, grouped under one note each."""
        groups: dict[str, list[str]] = {}
        for leaf, value in _flat(source, "settings"):
            if value is None or leaf == "settings":
                continue
            if leaf.endswith(("render_command.design", "render_command.locale")):
                note = "RenderCV reads these files; cvtex import opens no file the input names:"
            elif leaf.startswith("settings.render_command."):
                note = (
                    "RenderCV settings.render_command (where it writes; cvtex build -o says where):"
                )
            elif leaf.startswith("settings.bold_keywords"):
                note = "RenderCV settings.bold_keywords (cvtex bolds a word where it is **word**):"
            elif leaf == "settings.pdf_title":
                note = "RenderCV settings.pdf_title (PDF metadata; cvtex's is basics.name):"
            else:
                note = "RenderCV settings with no cvtex counterpart (they do not print):"
            groups.setdefault(note, []).append(f"{leaf}: {_shown(value)}")
        return groups

    # -- the header ------------------------------------------------------------------

    def basics(self, cv: dict[str, Any]) -> dict[Any, Any]:
        path: FieldPath = ("cv",)
        basics: dict[Any, Any] = {}
        profiles: list[Any] = []
        for key in ("name", "headline", "photo", "location"):
            value = self.text(cv, key, path)
            if value is None:
                continue
            if key == "location":
                basics["location"] = {"city": value}
            elif key == "photo":
                note = (
                    "RenderCV's cv.photo: printed by templates that show a photo (modern, compact)"
                )
                basics["image"] = Commented(value, (note,))
            else:
                basics["label" if key == "headline" else key] = value
        for key, target in (("email", "email"), ("phone", "phone"), ("website", "url")):
            found = self.texts(cv, key, path)
            if found:
                basics[target] = found[0]
            for extra in found[1:]:
                if key == "email":
                    profiles.append({"username": extra, "url": f"mailto:{extra}"})
                elif key == "phone":
                    profiles.append({"username": extra})
                else:
                    profiles.append({"url": extra})
        for index, item in enumerate(
            self.items(cv.get("social_networks"), (*path, "social_networks"))
        ):
            where: FieldPath = (*path, "social_networks", index)
            network_map = self.mapping(item, where)
            network = self.text(network_map, "network", where)
            username = self.text(network_map, "username", where)
            profile: dict[str, Any] = {}
            if network:
                profile["network"] = network
            if username:
                profile["username"] = username
                url = _profile_url(network, username)
                if url:
                    profile["url"] = url
            if profile:
                profiles.append(self.with_extras(profile, network_map, ("network", "username")))
        for index, item in enumerate(
            self.items(cv.get("custom_connections"), (*path, "custom_connections"))
        ):
            where = (*path, "custom_connections", index)
            connection = self.mapping(item, where)
            placeholder = self.text(connection, "placeholder", where)
            url = self.text(connection, "url", where)
            icon = self.text(connection, "fontawesome_icon", where)
            profile = {}
            if placeholder:
                profile["username"] = placeholder
            if url:
                profile["url"] = url
            if not profile:
                continue
            notes = (f'RenderCV icon "{icon}" (cvtex has no icon per item)',) if icon else ()
            profile = self.with_extras(
                profile, connection, ("placeholder", "url", "fontawesome_icon")
            )
            profiles.append(Commented(profile, notes) if notes else profile)
        if profiles:
            basics["profiles"] = profiles
        known = {"name", "headline", "location", "email", "photo", "phone", "website"}
        known |= {"social_networks", "custom_connections", "sections"}
        for key, value in cv.items():
            if key not in known and value is not None:
                note = f"cv.{key}: {_shown(value)} (not a RenderCV key; not printed)"
                basics[Remark((note,))] = None
        return basics

    def with_extras(
        self, target: dict[str, Any], source: dict[str, Any], known: tuple[str, ...]
    ) -> Any:
        """``target``, with each key of ``source`` RenderCV has no field for as a comment."""
        notes = tuple(
            f"RenderCV key {key}: {_shown(value)} (not printed by default: it prints only "
            f"where design.templates names {key.upper()}; cvtex has no field for it)"
            for key, value in source.items()
            if key not in known and value is not None
        )
        return Commented(target, notes) if notes else target

    # -- sections ------------------------------------------------------------------------

    def sections_and_locale(
        self, cv: dict[str, Any], data: dict[str, Any]
    ) -> tuple[dict[Any, Any], dict[Any, Any], list[str], dict[str, str], dict[Any, Any]]:
        locale_tree = self.locale(self.mapping(data.get("locale"), ("locale",)))
        code = locale_tree.get("locale", "en")
        defaults = get_locale(code).titles
        path: FieldPath = ("cv", "sections")
        standard: dict[Any, Any] = {}
        custom: dict[Any, Any] = {}
        order: list[str] = []
        titles: dict[str, str] = {}
        for key, entries in self.mapping(cv.get("sections"), path).items():
            where: FieldPath = (*path, key)
            title = section_title(key)
            listed = self.items(entries, where)
            kind = self.entry_type(listed, where)
            if kind is None:
                custom[
                    Remark((f'RenderCV section "{title}" has no entries, so it did not print',))
                ] = None
                continue
            target, content = self.section(kind, title, listed, where)
            if isinstance(content, list):
                standard[target] = content
                if defaults.get(target) != title:
                    titles[target] = title
                order.append(target)
            else:
                section_id = self.custom_id(key)
                if not title.strip():  # RenderCV prints no heading: nor does cvtex with ""
                    titles[section_id] = ""
                    title = section_id
                custom[section_id] = {"title": title, **content}
                order.append(section_id)
        return standard, custom, order, titles, locale_tree

    def entry_type(self, entries: list[Any], path: FieldPath) -> str | None:
        for entry in entries:
            if isinstance(entry, str):
                return TEXT_ENTRY
            if isinstance(entry, dict):
                for name, keys in CHARACTERISTIC.items():
                    if keys & set(entry):
                        return name
        if any(entry is not None for entry in entries):
            self.error(path, "RenderCV cannot tell this section's entry type from its keys")
        return None

    def custom_id(self, key: str) -> str:
        slug = re.sub(r"\W+", "_", key.lower()).strip("_") or "section"
        candidate = f"{slug}_section" if slug in STANDARD_SECTIONS else slug
        number = 2
        unique = candidate
        while unique in self.used or unique in STANDARD_SECTIONS:
            unique = f"{candidate}_{number}"
            number += 1
        self.used.add(unique)
        return unique

    def section(
        self, kind: str, title: str, entries: list[Any], path: FieldPath
    ) -> tuple[str, list[Any] | dict[Any, Any]]:
        """Where one section goes: a standard id and its entries, or "" and what a
        custom section holds."""
        converted: list[Any] = []
        for index, entry in enumerate(entries):
            where: FieldPath = (*path, index)
            if entry is None:
                continue
            if kind == TEXT_ENTRY:
                if not isinstance(entry, str):
                    self.error(
                        where, f"{_kind(entry)}, expected text: this section holds text entries"
                    )
                elif entry.strip():
                    converted.append({"value": entry})
                continue
            if not isinstance(entry, dict):
                self.error(
                    where,
                    f"{_kind(entry)}, expected a mapping: this section's first entry is a {kind}",
                )
                continue
            converted.append((entry, where))
        if kind == TEXT_ENTRY:
            return "", {"rows": converted}
        pairs: list[tuple[dict[str, Any], FieldPath]] = converted
        if kind == "ExperienceEntry":
            if "work" not in self.used:
                self.used.add("work")
                return "work", [self.experience(e, w, "name") for e, w in pairs]
            if _VOLUNTEER.search(title) and "volunteer" not in self.used:
                self.used.add("volunteer")
                return "volunteer", [self.experience(e, w, "organization") for e, w in pairs]
            return "", {"entries": [self.experience_entry(e, w) for e, w in pairs]}
        if kind == "EducationEntry":
            if "education" not in self.used:
                self.used.add("education")
                return "education", [self.education(e, w) for e, w in pairs]
            return "", {"entries": [self.education_entry(e, w) for e, w in pairs]}
        if kind == "PublicationEntry":
            dates = [self.text(e, "date", w) for e, w in pairs]
            if "publications" not in self.used and all(d is None or _parses(d) for d in dates):
                self.used.add("publications")
                return "publications", [self.publication(e, w) for e, w in pairs]
            return "", {"entries": [self.publication_entry(e, w) for e, w in pairs]}
        if kind == "OneLineEntry":
            if _SKILLS.search(title) and "skills" not in self.used:
                self.used.add("skills")
                return "skills", [self.skill(e, w) for e, w in pairs]
            return "", {"rows": [self.row(e, w) for e, w in pairs]}
        if kind == "NormalEntry":
            return "", {"entries": [self.normal(e, w) for e, w in pairs]}
        key = {"BulletEntry": "bullet", "NumberedEntry": "number"}.get(kind, "reversed_number")
        items = [self.item(e, w, key) for e, w in pairs]
        notes = {
            "NumberedEntry": "RenderCV numbered these 1, 2, 3…; cvtex prints them as bullets",
            "ReversedNumberedEntry": "RenderCV numbered these from the last (… 3, 2, 1); "
            "cvtex prints them as bullets",
        }
        content: dict[Any, Any] = {}
        if kind in notes:
            content[Remark((notes[kind],))] = None
        content["items"] = [item for item in items if item is not None]
        return "", content

    # -- entries ----------------------------------------------------------------------------

    def entry(
        self, kind: str, source: dict[str, Any], target: dict[Any, Any], notes: list[str]
    ) -> Any:
        """``target`` with a comment for each key of ``source`` the type does not have."""
        extra = self.with_extras({}, source, ENTRY_FIELDS[kind])
        if isinstance(extra, Commented):
            notes += extra.notes
        return Commented(target, tuple(notes)) if notes else target

    def period(self, entry: dict[str, Any], path: FieldPath, notes: list[str]) -> dict[str, str]:
        """RenderCV's dates by its own rules: a ``date`` wins; an end date alone is a
        date; a start date alone runs to the present."""
        date = self.text(entry, "date", path)
        start = self.text(entry, "start_date", path)
        end = self.text(entry, "end_date", path)
        if date is not None:
            if start or end:
                notes.append(
                    f"RenderCV printed the date and not start_date {_shown(start)} / "
                    f"end_date {_shown(end)}"
                )
            return {"date": date}
        if start is None:
            return {"date": end} if end is not None else {}
        if _parses(start) and (end is None or _parses(end)):
            return {"startDate": start, **({"endDate": end} if end is not None else {})}
        notes.append("start_date and end_date are not dates cvtex reads, so they print as written")
        return {"date": f"{start} – {end or 'present'}"}

    def highlights(
        self, entry: dict[str, Any], path: FieldPath, *, nested: bool = True
    ) -> list[Any]:
        bullets: list[Any] = []
        for text in self.texts(entry, "highlights", path):
            parts = text.split(" - ") if nested else [text]
            head, *rest = parts
            if rest and head.strip():
                bullets.append({"text": head, "items": rest})
            else:
                bullets.append(text)
        return bullets

    def fields(
        self, entry: dict[str, Any], path: FieldPath, pairs: tuple[tuple[str, str], ...]
    ) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        for source, target in pairs:
            value = self.text(entry, source, path)
            if value is not None:
                out[target] = value
        return out

    def placed_and_dated(
        self, entry: dict[str, Any], path: FieldPath, out: dict[Any, Any], notes: list[str]
    ) -> dict[Any, Any]:
        """``out`` followed by what most entries share, in this order: location, the
        period, the summary and the highlights."""
        out.update(self.fields(entry, path, (("location", "location"),)))
        out.update(self.period(entry, path, notes))
        out.update(self.fields(entry, path, (("summary", "summary"),)))
        bullets = self.highlights(entry, path)
        if bullets:
            out["highlights"] = bullets
        return out

    def experience(
        self, entry: dict[str, Any], path: FieldPath, name_key: str, role_key: str = "position"
    ) -> Any:
        """An ExperienceEntry as work or volunteer (``name_key``), or as a custom entry
        (``experience_entry``: company as the title, position as the subtitle)."""
        notes: list[str] = []
        head = self.fields(entry, path, (("company", name_key), ("position", role_key)))
        out = self.placed_and_dated(entry, path, head, notes)
        return self.entry("ExperienceEntry", entry, out, notes)

    def experience_entry(self, entry: dict[str, Any], path: FieldPath) -> Any:
        return self.experience(entry, path, "title", "subtitle")

    def education(self, entry: dict[str, Any], path: FieldPath) -> Any:
        notes: list[str] = []
        out = self.fields(
            entry, path, (("institution", "institution"), ("degree", "studyType"), ("area", "area"))
        )
        out.update(self.fields(entry, path, (("location", "location"),)))
        out.update(self.period(entry, path, notes))
        lines = self.highlights(entry, path, nested=False)
        summary = self.text(entry, "summary", path)
        if summary is not None:
            lines.insert(0, summary)
            notes.append("RenderCV's summary is the first line: a cvtex education has no summary")
        if lines:
            out["highlights"] = lines
        return self.entry("EducationEntry", entry, out, notes)

    def education_entry(self, entry: dict[str, Any], path: FieldPath) -> Any:
        notes: list[str] = []
        out = self.fields(entry, path, (("institution", "title"),))
        degree = [
            v for v in (self.text(entry, "degree", path), self.text(entry, "area", path)) if v
        ]
        if degree:
            out["subtitle"] = ", ".join(degree)
        return self.entry(
            "EducationEntry", entry, self.placed_and_dated(entry, path, out, notes), notes
        )

    def publication_link(
        self, entry: dict[str, Any], path: FieldPath, notes: list[str]
    ) -> str | None:
        doi = self.text(entry, "doi", path)
        url = self.text(entry, "url", path)
        if doi is None:
            return url
        if url is not None:
            notes.append(f"RenderCV links the DOI and not url {_shown(url)}")
        return f"https://doi.org/{doi}"

    def publication(self, entry: dict[str, Any], path: FieldPath) -> Any:
        notes: list[str] = []
        out = self.fields(entry, path, (("title", "name"),))
        authors = self.texts(entry, "authors", path)
        if authors:
            out["authors"] = authors
        out.update(self.fields(entry, path, (("journal", "publisher"), ("date", "releaseDate"))))
        link = self.publication_link(entry, path, notes)
        if link is not None:
            out["url"] = link
        out.update(self.fields(entry, path, (("summary", "summary"),)))
        return self.entry("PublicationEntry", entry, out, notes)

    def publication_entry(self, entry: dict[str, Any], path: FieldPath) -> Any:
        notes: list[str] = []
        out = self.fields(
            entry, path, (("title", "title"), ("journal", "subtitle"), ("date", "date"))
        )
        link = self.publication_link(entry, path, notes)
        if link is not None:
            out["url"] = link
        authors = self.texts(entry, "authors", path)
        out.update(self.fields(entry, path, (("summary", "summary"),)))
        if authors:
            out["highlights"] = [", ".join(authors)]
        return self.entry("PublicationEntry", entry, out, notes)

    def skill(self, entry: dict[str, Any], path: FieldPath) -> Any:
        out = self.fields(entry, path, (("label", "name"),))
        details = self.text(entry, "details", path)
        if details is not None:
            out["keywords"] = _keywords(details)
        return self.entry("OneLineEntry", entry, out, [])

    def row(self, entry: dict[str, Any], path: FieldPath) -> Any:
        out = self.fields(entry, path, (("label", "label"), ("details", "value")))
        return self.entry("OneLineEntry", entry, out, [])

    def normal(self, entry: dict[str, Any], path: FieldPath) -> Any:
        notes: list[str] = []
        out = self.placed_and_dated(
            entry, path, self.fields(entry, path, (("name", "title"),)), notes
        )
        return self.entry("NormalEntry", entry, out, notes)

    def item(self, entry: dict[str, Any], path: FieldPath, key: str) -> Any:
        text = self.text(entry, key, path)
        kind = next(name for name, keys in ENTRY_FIELDS.items() if keys == (key,))
        extra = self.with_extras({}, entry, ENTRY_FIELDS[kind])
        if text is None:
            return None
        return Commented(text, extra.notes) if isinstance(extra, Commented) else text

    # -- design and locale -----------------------------------------------------------------

    def design(
        self, data: dict[str, Any], order: list[str], titles: dict[str, str]
    ) -> dict[Any, Any]:
        source = self.mapping(data.get("design"), ("design",))
        design: dict[Any, Any] = {}
        theme = source.get("theme")
        theme_name = theme if isinstance(theme, str) and theme.strip() else DEFAULT_THEME
        nearest = NEAREST_TEMPLATE.get(theme_name)
        if nearest is None:
            nearest = "classic"
            design[
                Remark(
                    (
                        f'RenderCV theme "{theme_name}" is a theme of your own: build with '
                        f"-t {nearest}, or any template (cvtex templates lists them)",
                    )
                )
            ] = None
        else:
            design[
                Remark(
                    (
                        f'RenderCV design.theme "{theme_name}" → template: {nearest} '
                        f"(nearest; build with -t {nearest})",
                    )
                )
            ] = None
        self.template = nearest
        size = source.get("page", {}).get("size") if isinstance(source.get("page"), dict) else None
        if isinstance(size, str) and size in PAPER:
            design["paper"] = PAPER[size]
        templates = source.get("templates")
        single = templates.get("single_date") if isinstance(templates, dict) else None
        written = DATE_FORMATS.get(single if isinstance(single, str) else DEFAULT_SINGLE_DATE)
        if written is not None:
            note = "as RenderCV prints a date (its design.templates.single_date)"
            design["date_format"] = Commented(written, (note,))
        if order:
            design["section_order"] = order
        if titles:
            design["section_titles"] = titles
        for leaf, value in _flat({k: v for k, v in source.items() if k != "theme"}, "design"):
            mapped = (leaf == "design.page.size" and size in PAPER) or (
                leaf == "design.templates.single_date" and written is not None
            )
            if value is None or leaf == "design" or mapped:
                continue
            design[Remark((f"RenderCV {leaf}: {_shown(value)} (layout; no cvtex option)",))] = None
        return design

    def locale(self, source: dict[str, Any]) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        strings: dict[str, str] = {}
        remarks: list[str] = []
        language = self.text(source, "language", ("locale",))
        if language is not None:
            code = LOCALES.get(language)
            if code is None:
                remarks.append(
                    f'RenderCV locale.language "{language}": cvtex has no such locale, so the '
                    "words it adds (titles, months, present) are in English; see strings:"
                )
            elif code != "en":
                out["locale"] = code
        present = self.text(source, "present", ("locale",))
        if present is not None:
            strings["present"] = present
        for key, target in (("month_names", "months"), ("month_abbreviations", "months_short")):
            names = self.texts(source, key, ("locale",))
            if len(names) == 12 and all(" " not in name.strip() for name in names):
                strings[target] = " ".join(name.strip() for name in names)
            elif names:
                remarks.append(
                    f"RenderCV locale.{key}: {_shown(names)} (cvtex needs twelve one-word names)"
                )
        phrases = source.get("phrases")
        phrase = phrases.get("degree_with_area") if isinstance(phrases, dict) else None
        if isinstance(phrase, str) and "DEGREE" in phrase and "AREA" in phrase:
            strings["degree"] = phrase.replace("DEGREE", "{type}").replace("AREA", "{area}")
        skip = {"language", "present", "month_names", "month_abbreviations"}
        for key, value in source.items():
            if key in skip or value is None:
                continue
            if key == "phrases" and "degree" in strings:
                rest = (
                    {k: v for k, v in phrases.items() if k != "degree_with_area"}
                    if isinstance(phrases, dict)
                    else {}
                )
                for leaf, inner in _flat(rest, "locale.phrases"):
                    if inner is not None and leaf != "locale.phrases":
                        remarks.append(f"RenderCV {leaf}: {_shown(inner)} (no cvtex string)")
                continue
            for leaf, inner in _flat(value, f"locale.{key}"):
                if inner is not None:
                    remarks.append(
                        f"RenderCV {leaf}: {_shown(inner)} (cvtex prints no time spans or "
                        "last-updated note)"
                    )
        if strings:
            out["strings"] = strings
        for note in remarks:
            out[Remark((note,))] = None
        return out


def _profile_url(network: str | None, username: str) -> str | None:
    if network == "Mastodon":
        found = _MASTODON.fullmatch(username)
        return f"https://{found['host']}/@{found['user']}" if found else None
    prefix = PROFILE_URLS.get(network or "")
    return prefix + username if prefix and " " not in username.strip() else None


def _keywords(details: str) -> list[str]:
    """``Python, C++`` → ``[Python, C++]`` when the parts print back as the same line
    (cvtex joins keywords with ", "); else the line as one keyword."""
    if "[" in details or "*" in details:
        return [details]
    parts = details.split(", ")
    return parts if all(part.strip() for part in parts) else [details]


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "text"


def convert(document: Document) -> Imported:
    return _Converter(document).run()
