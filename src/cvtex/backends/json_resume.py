"""JSON Resume 1.0: what the résumé prints, as a document upstream's schema accepts.

The document is made from ``view.source``, the selected résumé (hidden entries and
bullets, blank items and empty entries are already gone: what prints is what is
exported), in JSON Resume's key order, with ``$schema`` naming the upstream schema.
Every value is as written, but where that schema (``tests/data/jsonresume-schema``,
with the formats its own validator checks) would refuse it:

* **Dates** (``startDate``, ``endDate``, ``releaseDate``, an award's or a certificate's
  ``date``) are written YYYY, YYYY-MM or YYYY-MM-DD. A date written in another form
  (``09/2022``, ``April 2019``, ``2019年4月``, a date-time) is written in the ISO
  form of what it means, to the same precision; the written form is a display choice
  (``design.date_format``), and a time of day never prints. An ``endDate`` of
  "present" after a ``startDate`` is left out: JSON Resume says "ongoing" so. A date
  with no such form (free text like "Spring 2020", "present" anywhere else, a year
  outside 1000–2999) is left out of its field and kept, as written, in
  ``meta.cvtex.asWritten`` under the JSON Pointer of the field (``/awards/0/date``).
* **Links**: a ``url`` and ``basics.email`` are kept as written when they are a URI
  (``scheme:…``) or an address; else the link cvtex makes of them is written
  (``example.com`` → ``https://example.com``, ``mailto:`` left off an address); one
  that is no link goes to ``meta.cvtex.asWritten``.
* **Highlights** are strings: JSON Resume has one level of them, so a bullet's
  sub-items follow it as highlights of their own, each starting with "– ".
* **cvtex's own content that prints** keeps cvtex's names, in the objects cvtex reads
  them from (the schema allows other keys there): ``location.country``; an
  education's ``department``, ``location`` and ``highlights``; the ``location`` of
  volunteer work and projects; a publication's ``authors``; an award's
  ``startDate``/``endDate``; the ``date`` printed instead of a period (ISO when
  exact, else as written); custom ``sections``, after ``projects``.
* **Settings** that print nothing by themselves go under ``meta.cvtex``, upstream's
  place for tooling configuration: ``locale``, ``design`` (section order and titles,
  template options), ``strings`` and ``engine``. The steering keys ``tags``,
  ``hidden``, ``pagebreak`` and ``ignore`` are dropped: selection has applied them.
* ``meta`` is copied as the résumé has it; a ``canonical``, ``version`` or
  ``lastModified`` the schema would refuse (not text, or not a URI) moves to
  ``meta.cvtex.asWritten`` (``null``, "not given", is left out).

Output: ``json.dumps(indent=2, ensure_ascii=False)`` and a newline.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import BaseModel

from cvtex.backends import Artefact
from cvtex.model.dates import PartialDate
from cvtex.model.links import LinkRefused, NotALink, classify, email_link
from cvtex.model.schema import Bullet, CustomSection, Resume
from cvtex.view import ResumeView

SCHEMA_URL = "https://raw.githubusercontent.com/jsonresume/resume-schema/master/schema.json"
"""The schema the export is checked against (npm @jsonresume/schema 1.3.1, vendored in the
tests); the v1.0.0 tag's is stricter (no top-level extensions, full dates in certificates)."""
SUB_ITEM = "– "
"""What starts a highlight that was a sub-item of the highlight before it."""

UPSTREAM: dict[str, tuple[str, ...]] = {
    "basics": ("name", "label", "image", "email", "phone", "url", "summary", "location",
               "profiles"),
    "location": ("address", "postalCode", "city", "countryCode", "region"),
    "profiles": ("network", "username", "url"),
    "work": ("name", "location", "description", "position", "url", "startDate", "endDate",
             "summary", "highlights"),
    "volunteer": ("organization", "position", "url", "startDate", "endDate", "summary",
                  "highlights"),
    "education": ("institution", "url", "area", "studyType", "startDate", "endDate", "score",
                  "courses"),
    "awards": ("title", "date", "awarder", "summary"),
    "certificates": ("name", "date", "url", "issuer"),
    "publications": ("name", "publisher", "releaseDate", "url", "summary"),
    "skills": ("name", "level", "keywords"),
    "languages": ("language", "fluency"),
    "interests": ("name", "keywords"),
    "references": ("name", "reference"),
    "projects": ("name", "description", "highlights", "keywords", "startDate", "endDate", "url",
                 "roles", "entity", "type"),
}  # fmt: skip
"""Each object's keys in JSON Resume's schema, in its order: their values are checked."""
CVTEX: dict[str, tuple[str, ...]] = {
    "location": ("country",),
    "work": ("date",),
    "volunteer": ("location", "date"),
    "education": ("department", "location", "highlights", "date"),
    "awards": ("startDate", "endDate"),
    "publications": ("authors",),
    "projects": ("location", "date"),
    "sections": ("title", "entries", "items", "rows"),
    "entries": ("title", "subtitle", "location", "url", "startDate", "endDate", "date",
                "summary", "highlights"),
    "rows": ("label", "value"),
}  # fmt: skip
"""cvtex's own keys that print, after JSON Resume's: the schema does not check them."""
SECTIONS = UPSTREAM.keys() - {"basics", "location", "profiles"}
META_KEYS = ("canonical", "version", "lastModified")
SETTINGS = ("locale", "design", "strings", "engine")

# The formats upstream's validator (the npm package jsonschema) checks, by its rules.
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S*")
_ATOM = r"[\w!#$%&'*+/=?^`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_EMAIL = re.compile(rf"(?:{_ATOM}\.)*{_ATOM}@(?:{_LABEL}\.)+{_LABEL}", re.ASCII)


def produce(view: ResumeView) -> Artefact:
    if not isinstance(view.source, Resume):
        raise TypeError("the JSON Resume backend needs the view of a Resume")
    text = json.dumps(document(view.source), indent=2, ensure_ascii=False) + "\n"
    return Artefact(text.encode("utf-8"), "application/json", ".json")


def document(resume: Resume) -> dict[str, Any]:
    """The JSON Resume document of a selected résumé."""
    return _Export().resume(resume)


class _Export:
    def __init__(self) -> None:
        self.as_written: dict[str, Any] = {}
        """JSON Pointer → a value the schema would refuse where it stood."""

    def resume(self, resume: Resume) -> dict[str, Any]:
        out: dict[str, Any] = {"$schema": SCHEMA_URL}
        basics = self.entry(resume.basics, "basics", ("basics",))
        if basics:
            out["basics"] = basics
        for name in UPSTREAM:
            if name in SECTIONS and getattr(resume, name):
                entries = enumerate(getattr(resume, name))
                out[name] = [self.entry(item, name, (name, i)) for i, item in entries]
        sections = {
            key: self.entry(section, "sections", ("sections", key))
            for key, section in resume.sections.items()
            if _prints(section)
        }
        if sections:
            out["sections"] = sections
        meta = self.meta(resume)
        if meta:
            out["meta"] = meta
        return out

    def entry(self, model: BaseModel, kind: str, path: tuple[str | int, ...]) -> dict[str, Any]:
        """One object, JSON Resume's keys first; what has no value is left out."""
        typed = UPSTREAM.get(kind, ())
        out: dict[str, Any] = {}
        for key in (*typed, *CVTEX.get(kind, ())):
            value = getattr(model, key)
            if value is None or value == [] or _ongoing(model, key, value):
                continue
            written = self.value(value, key, (*path, key), key in typed)
            if written is not None and written != {}:
                out[key] = written
        return out

    def value(self, value: Any, key: str, path: tuple[str | int, ...], typed: bool) -> Any:
        if isinstance(value, PartialDate):
            return self.date(value, path, typed)
        if isinstance(value, BaseModel):
            return self.entry(value, key, path)
        if key in ("highlights", "items"):
            return highlights(value)
        if isinstance(value, list) and value and isinstance(value[0], BaseModel):
            return [self.entry(item, key, (*path, i)) for i, item in enumerate(value)]
        if isinstance(value, list):
            return [str(item) for item in value]
        if typed and key in ("url", "email"):
            return self.link(str(value), key, path)
        return str(value)

    def date(self, value: PartialDate, path: tuple[str | int, ...], typed: bool) -> str | None:
        """The ISO form; else the text where the schema allows any, else nothing here."""
        iso = _iso(value)
        if iso is not None or not typed:
            return iso or value.text
        self.keep(path, value.text)
        return None

    def link(self, text: str, key: str, path: tuple[str | int, ...]) -> str | None:
        """``text`` if the schema's format takes it, else the link cvtex makes of it."""
        valid = _EMAIL if key == "email" else _URI
        if valid.fullmatch(text):
            return text
        try:
            link = email_link(text) if key == "email" else classify(text)
            target = link.target.removeprefix("mailto:") if key == "email" else link.target
        except (LinkRefused, NotALink):
            target = ""
        if valid.fullmatch(target):
            return target
        self.keep(path, text)
        return None

    def keep(self, path: tuple[str | int, ...], value: Any) -> None:
        """Keep ``value`` in ``meta.cvtex.asWritten``; nothing stands at ``path``."""
        pointer = "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)
        self.as_written[pointer] = value

    def meta(self, resume: Resume) -> dict[str, Any]:
        """The résumé's ``meta``, and cvtex's settings and kept values in ``cvtex``."""
        meta: dict[str, Any] = {}
        for key, value in resume.meta.items():
            refused = key in META_KEYS and not (
                isinstance(value, str) and (key != "canonical" or _URI.fullmatch(value))
            )
            if refused and value is not None:
                self.keep(("meta", key), value)
            elif not refused:
                meta[key] = value
        cvtex = _settings(resume)
        if self.as_written:
            cvtex["asWritten"] = self.as_written
        if cvtex:
            mine = meta.get("cvtex", {})
            if not isinstance(mine, dict):
                cvtex.setdefault("asWritten", {})["/meta/cvtex"] = mine
                mine = {}
            meta["cvtex"] = {**mine, **cvtex}
        return meta


def highlights(bullets: list[Bullet]) -> list[str]:
    """Bullets as JSON Resume's strings, each sub-item after its bullet with "– "."""
    return [text for b in bullets for text in (str(b.text), *(SUB_ITEM + i for i in b.items))]


def _iso(date: PartialDate) -> str | None:
    """YYYY, YYYY-MM or YYYY-MM-DD for a date the schema's pattern can hold."""
    if date.year is None or not 1000 <= date.year <= 2999:
        return None
    parts = (date.year, date.month, date.day if date.month else None)
    return "-".join(f"{part:02d}" for part in parts if part is not None)


def _ongoing(model: BaseModel, key: str, value: Any) -> bool:
    """An end of "present" after a start: JSON Resume leaves the end out."""
    start = getattr(model, "startDate", None)
    return key == "endDate" and value.present and start is not None


def _prints(section: CustomSection) -> bool:
    return bool(section.entries or section.items or section.rows)


def _settings(resume: Resume) -> dict[str, Any]:
    """``locale``, ``design``, ``strings`` and ``engine`` where the résumé sets them."""
    values = {
        "locale": resume.locale,
        "design": resume.design.model_dump(mode="json", exclude_defaults=True),
        "strings": {key: str(text) for key, text in resume.strings.items()},
        "engine": resume.engine,
    }
    return {key: values[key] for key in SETTINGS if values[key]}
