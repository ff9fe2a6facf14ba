"""Stage 2's target: the résumé as typed, frozen pydantic models.

Field names follow the JSON Resume 1.0.0 vocabulary (camelCase, as users write
them), so a template reads ``entry.startDate`` exactly as the YAML says it.
Extensions are marked "(cvtex)" in their descriptions; ``docs/schema.md`` is
generated from these models. Models forbid unknown keys; :mod:`cvtex.validate`
decides beforehand which unknown keys are errors (likely typos) and which are
warnings.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from cvtex.dates import FreeDate, PartialDate
from cvtex.engine import ENGINE_NAMES
from cvtex.locales import LOCALES, MONTH_KEYS, STRING_KEYS, get_locale, unknown_locale
from cvtex.suggest import suggest

Text = Annotated[str, Field(min_length=1)]
"""A non-empty string; may hold inline markup (``**bold**``, ``*italic*``, ``[t](url)``)."""

Item = str
"""One item of a printed list (keywords, courses…). Blank items, and ``null``,
are accepted where they stand and left out by :mod:`cvtex.select`, so the other
items keep the index they have in the file."""

EngineName = Literal["auto", "pdflatex", "xelatex", "lualatex"]
"""What a résumé may say under ``engine:``; never a path, which would pick a program."""

DateFormat = Literal["auto", "as_written", "YYYY", "MM/YYYY", "YYYY-MM", "Mon YYYY", "Month YYYY"]


IGNORE_HELP = (
    "(cvtex) warning codes to accept, e.g. [date-order]: not printed, nor errors under --strict,"
)


def _field(description: str, default: Any = None) -> Any:
    return Field(default, description=description)


class Model(BaseModel):
    """Base for every model: frozen, no unknown keys, "" means absent."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    @model_validator(mode="before")
    @classmethod
    def _blanks_mean_absent(cls, data: Any) -> Any:
        """Blank text in an optional field is absent; a blank or ``null`` list item
        stays in place (as "" or an empty entry) for :mod:`cvtex.select` to drop."""
        if data is None or (isinstance(data, str) and not data.strip()):
            return {}
        if not isinstance(data, dict):
            return data
        fields = cls.model_fields
        by_alias = {(info.alias or name): info for name, info in fields.items()}
        cleaned: dict[str, Any] = {}
        for key, value in data.items():
            info = by_alias.get(key)
            if isinstance(value, str) and not value.strip():
                if info is not None and not info.is_required():
                    continue
                value = ""
            elif isinstance(value, list):
                value = ["" if item is None else item for item in value]
            cleaned[key] = value
        return cleaned


class Entry(Model):
    """Keys every entry of a list accepts."""

    tags: list[Item] = _field("(cvtex) labels for tailoring, e.g. [ml, systems]", [])
    hidden: bool = _field("(cvtex) true leaves the entry out of the PDF", False)
    pagebreak: bool = _field("(cvtex) true starts the entry on a new page", False)
    ignore: list[Item] = _field(IGNORE_HELP + " in this entry", [])


class Location(Model):
    """Where someone lives; templates print "Address, Postcode City, Region, Country"."""

    address: Text | None = _field("street address")
    postalCode: Text | None = _field("postal code")
    city: Text | None = _field("city")
    region: Text | None = _field("state, province or region")
    countryCode: Text | None = _field("ISO 3166-1 code, e.g. CN")
    country: Text | None = _field("(cvtex) the country's name, printed instead of countryCode")

    def display(self) -> str:
        """The parts present, as "Address, Postcode City, Region, Country"."""
        town = " ".join(part for part in (self.postalCode, self.city) if part)
        parts = [self.address, town, self.region, self.country or self.countryCode]
        return ", ".join(part for part in parts if part)


class Profile(Entry):
    """An online profile."""

    network: Text | None = _field("e.g. LinkedIn, GitHub")
    username: Text | None = _field("user name on that network")
    url: Text | None = _field("link to the profile")


class Basics(Model):
    """Who the résumé is about."""

    name: Text | None = _field("full name; without it the PDF has no name header")
    label: Text | None = _field("a headline, e.g. Software Engineer")
    image: Text | None = _field("path or URL of a photo")
    email: Text | None = _field("email address")
    phone: Text | None = _field("phone number")
    url: Text | None = _field("personal website")
    summary: Text | None = _field("a short profile; printed as the summary section")
    location: Location | None = _field("where you live")
    profiles: list[Profile] = _field("online profiles", [])
    ignore: list[Item] = _field(IGNORE_HELP + " in basics", [])


class Bullet(Model):
    """One bullet: a string, or ``{text, items}`` with one level of nested bullets."""

    text: str = Field(description="the bullet's text")
    items: list[Item] = _field("nested bullets, one level", [])
    tags: list[Item] = _field("(cvtex) labels for tailoring", [])
    hidden: bool = _field("(cvtex) true leaves the bullet out", False)
    ignore: list[Item] = _field(IGNORE_HELP + " in this bullet", [])

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, data: Any) -> Any:
        if data is None or data == {}:
            return {"text": ""}  # a blank item: kept in place, left out by cvtex.select
        return {"text": data} if isinstance(data, str) else data


Bullets = list[Bullet]


class Dated(Entry):
    """Keys shared by entries that span a period."""

    startDate: PartialDate | None = _field("when it started")
    endDate: PartialDate | None = _field('when it ended; absent or "present" if ongoing')
    date: FreeDate | None = _field(
        "(cvtex) a date or free text (e.g. Expected 2026) printed instead of the period"
    )


class Work(Dated):
    """A job."""

    name: Text | None = _field("the employer")
    position: Text | None = _field("your role")
    location: Text | None = _field("e.g. Chengdu, China")
    url: Text | None = _field("the employer's website")
    description: Text | None = _field("what the employer does")
    summary: Text | None = _field("an overview of the role")
    highlights: Bullets = _field("achievements, as bullets", [])


class Volunteer(Dated):
    """Voluntary work."""

    organization: Text | None = _field("the organisation")
    position: Text | None = _field("your role")
    location: Text | None = _field("(cvtex) where")
    url: Text | None = _field("the organisation's website")
    summary: Text | None = _field("an overview")
    highlights: Bullets = _field("achievements, as bullets", [])


class Education(Dated):
    """A degree or course of study."""

    institution: Text | None = _field("the school or university")
    department: Text | None = _field("(cvtex) faculty or department")
    location: Text | None = _field("(cvtex) where")
    url: Text | None = _field("the institution's website")
    area: Text | None = _field("the subject, e.g. Computer Science")
    studyType: Text | None = _field("the degree, e.g. M.Sc.")
    score: Text | None = _field("grade point average, printed as GPA")
    courses: list[Item] = _field("notable courses", [])
    highlights: Bullets = _field("(cvtex) lines under the entry (supervisor, ranking…)", [])


class Project(Dated):
    """A project."""

    name: Text | None = _field("the project's name")
    description: Text | None = _field("a short description")
    highlights: Bullets = _field("achievements, as bullets", [])
    keywords: list[Item] = _field("keywords, printed as a Keywords line", [])
    url: Text | None = _field("link to the project")
    roles: list[Item] = _field("your roles, e.g. Team Lead", [])
    entity: Text | None = _field("the organisation it was for")
    type: Text | None = _field("e.g. application, thesis")
    location: Text | None = _field("(cvtex) where")


class Award(Dated):
    """An award or scholarship."""

    title: Text | None = _field("the award")
    date: FreeDate | None = _field("when it was awarded (startDate/endDate for a period)")
    awarder: Text | None = _field("who gave it")
    summary: Text | None = _field("details, e.g. the amount")


class Certificate(Entry):
    """A certificate."""

    name: Text | None = _field("the certificate")
    date: FreeDate | None = _field("when it was issued")
    issuer: Text | None = _field("who issued it")
    url: Text | None = _field("link to the certificate")


class Publication(Entry):
    """A publication."""

    name: Text | None = _field("the title")
    authors: list[Item] = _field("(cvtex) the authors in order; yours is set in bold", [])
    publisher: Text | None = _field("the journal, conference or publisher")
    releaseDate: PartialDate | None = _field("when it was published")
    url: Text | None = _field("link to the publication")
    summary: Text | None = _field("a short description, or the authors")


class Skill(Entry):
    """A group of skills, printed as "name: keyword, keyword"."""

    name: Text | None = _field("e.g. Programming Languages")
    level: Text | None = _field("e.g. Expert")
    keywords: list[Item] = _field("the skills", [])


class Language(Entry):
    """A spoken language."""

    language: Text | None = _field("e.g. English")
    fluency: Text | None = _field("e.g. Native, IELTS 7.0")


class Interest(Entry):
    """An interest, printed as "name: keyword; keyword"."""

    name: Text | None = _field("e.g. Research Interest")
    keywords: list[Item] = _field("the topics", [])


class Reference(Entry):
    """A reference."""

    name: Text | None = _field("who")
    reference: Text | None = _field("what they said")


class CustomEntry(Dated):
    """An entry of a custom section: a title line, optional details and bullets."""

    title: Text | None = _field("the entry's title")
    subtitle: Text | None = _field("printed after the title")
    location: Text | None = _field("where")
    url: Text | None = _field("a link")
    summary: Text | None = _field("a paragraph under the title")
    highlights: Bullets = _field("bullets", [])


class Row(Entry):
    """A "Label: value" line."""

    label: Text | None = _field("printed in bold, before a colon")
    value: Text | None = _field("the rest of the line")


class CustomSection(Model):
    """(cvtex) A section JSON Resume lacks: entries, plain bullets or label: value rows."""

    title: Text = Field(description="the section's heading")
    entries: list[CustomEntry] = _field("entries with a title line", [])
    items: Bullets = _field("plain bullets", [])
    rows: list[Row] = _field("label: value lines", [])
    ignore: list[Item] = _field(IGNORE_HELP + " in this section", [])

    @model_validator(mode="after")
    def _one_kind(self) -> CustomSection:
        kinds = [name for name in ("entries", "items", "rows") if getattr(self, name)]
        if len(kinds) > 1:
            raise ValueError(
                f"a custom section holds one kind of content, not {' and '.join(kinds)}"
            )
        return self


STANDARD_SECTIONS: tuple[str, ...] = (
    "summary",
    "education",
    "work",
    "projects",
    "volunteer",
    "awards",
    "certificates",
    "publications",
    "skills",
    "languages",
    "interests",
    "references",
)
"""Section ids in their default order (``summary`` is ``basics.summary``)."""


class Design(Model):
    """(cvtex) Layout choices that are not content.

    The keys below work with every template; any other key is a template option
    (``paper``, ``font``, ``accent``…), checked against the chosen template's
    ``template.yaml`` when the résumé is built.
    """

    model_config = ConfigDict(frozen=True, extra="allow", populate_by_name=True)

    date_format: DateFormat = _field(
        "how dates print: auto (full dates as the locale's short month, e.g. Jun 2011; "
        "every other form as written), as_written, YYYY, MM/YYYY, YYYY-MM, Mon YYYY or "
        "Month YYYY",
        "auto",
    )
    section_order: list[Text] = _field(
        "section ids in the order to print them; unlisted sections follow", []
    )
    section_titles: dict[str, str] = _field(
        'section id → heading; "" prints the section without a heading', {}
    )
    page_breaks: list[Text] = _field("section ids that start on a new page", [])
    max_pages: int | None = Field(
        None, ge=1, description="fail (exit 5) when the PDF has more pages than this"
    )

    def options(self) -> dict[str, Any]:
        """The template options the user set, as written."""
        return dict(self.model_extra or {})


class Resume(Model):
    """The whole résumé."""

    schema_: str | None = Field(None, alias="$schema", description="a JSON Schema URL")
    basics: Basics = _field("who the résumé is about", Basics())
    work: list[Work] = _field("jobs", [])
    volunteer: list[Volunteer] = _field("voluntary work", [])
    education: list[Education] = _field("degrees", [])
    awards: list[Award] = _field("awards and scholarships", [])
    certificates: list[Certificate] = _field("certificates", [])
    publications: list[Publication] = _field("publications", [])
    skills: list[Skill] = _field("skills, grouped", [])
    languages: list[Language] = _field("spoken languages", [])
    interests: list[Interest] = _field("interests", [])
    references: list[Reference] = _field("references", [])
    projects: list[Project] = _field("projects", [])
    sections: dict[str, CustomSection] = _field("(cvtex) custom sections by id", {})
    design: Design = _field("(cvtex) layout choices", Design())
    locale: Text | None = _field(
        "(cvtex) language of the words cvtex adds (titles, months, present): " + ", ".join(LOCALES)
    )
    strings: dict[str, str] = _field(
        "(cvtex) your own wording for the words cvtex adds: "
        + ", ".join((*STRING_KEYS, *MONTH_KEYS))
        + " (twelve names separated by spaces)",
        {},
    )
    engine: EngineName | None = _field(
        "(cvtex) TeX engine by name: auto (default), pdflatex, xelatex or lualatex "
        "(the path of an engine may be given only with --engine or CVTEX_ENGINE)"
    )
    meta: dict[str, Any] = _field("anything; cvtex ignores it", {})
    ignore: list[Item] = _field(IGNORE_HELP + " anywhere in the file", [])

    @field_validator("sections")
    @classmethod
    def _custom_ids_do_not_shadow(cls, value: dict[str, CustomSection]) -> dict[str, CustomSection]:
        clashes = sorted(set(value) & set(STANDARD_SECTIONS))
        if clashes:
            raise ValueError(
                f"custom section ids clash with standard sections: {', '.join(clashes)}"
            )
        return value

    @field_validator("engine", mode="before")
    @classmethod
    def _engine_by_name(cls, value: Any) -> Any:
        if isinstance(value, str) and value not in ENGINE_NAMES:
            guess = suggest(value, ENGINE_NAMES)
            hint = f'did you mean "{guess}"? ' if guess else ""
            raise ValueError(
                f'unknown engine "{value}"; {hint}a résumé names its engine: '
                f"{', '.join(ENGINE_NAMES)} (an engine's path may be given only on the "
                "command line, with --engine or CVTEX_ENGINE)"
            )
        return value

    @field_validator("locale")
    @classmethod
    def _known_locale(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                get_locale(value)
            except KeyError:
                raise ValueError(unknown_locale(value)) from None
        return value

    @field_validator("strings")
    @classmethod
    def _known_strings(cls, value: dict[str, str]) -> dict[str, str]:
        for key, text in value.items():
            problem = string_problem(key, text)
            if problem is not None:
                raise ValueError(problem[1])
        return value

    def section_ids(self) -> list[str]:
        """Every section id that may be printed: standard ones, then custom ones."""
        return [*STANDARD_SECTIONS, *self.sections]


def string_problem(key: str, text: object) -> tuple[str, str] | None:
    """(code, message) when ``strings.<key>: text`` cannot be used, else None: one rule
    for the model and for validation's key-by-key report."""
    known = (*STRING_KEYS, *MONTH_KEYS)
    if key not in known:
        guess = suggest(key, known)
        hint = f'; did you mean "{guess}"?' if guess else f" (known: {', '.join(known)})"
        return "unknown-key", f'unknown string "{key}"{hint}'
    if not isinstance(text, str):
        return None  # the schema says what was found instead
    if key in MONTH_KEYS and len(text.split()) != 12:
        words = len(text.split())
        return "invalid-value", f"{key} needs twelve month names separated by spaces, not {words}"
    if key == "page_of" and not {"{page}", "{total}"} <= set(re.findall(r"\{[a-z]+\}", text)):
        return "invalid-value", "page_of needs the placeholders {page} and {total}"
    return None
