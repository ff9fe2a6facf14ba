"""Stage 2's target: the résumé as typed, frozen pydantic models.

Field names follow the JSON Resume 1.0.0 vocabulary (camelCase, as users write
them), so a template reads ``entry.startDate`` exactly as the YAML says it.
Extensions are marked "(cvtex)" in their descriptions; ``docs/schema.md`` is
generated from these models. Models forbid unknown keys; :mod:`cvtex.model.validate`
decides beforehand which unknown keys are errors (likely typos) and which are
warnings. The models' shared base is :mod:`cvtex.model.schema_base`; the keys that are not
content (``design``, ``engine``, ``strings``) are :mod:`cvtex.model.schema_settings`.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator, model_validator

from cvtex.backends.latex.engine import ENGINE_NAMES
from cvtex.model.dates import FreeDate, PartialDate
from cvtex.model.locales import LOCALES, MONTH_KEYS, STRING_KEYS, get_locale, unknown_locale
from cvtex.model.schema_base import IGNORE_HELP, Dated, Entry, Item, Model, Text, described
from cvtex.model.schema_settings import Design, EngineName, string_problem
from cvtex.suggest import suggest


class Location(Model):
    """Where someone lives; templates print "Address, Postcode City, Region, Country"."""

    address: Text | None = described("street address")
    postalCode: Text | None = described("postal code")
    city: Text | None = described("city")
    region: Text | None = described("state, province or region")
    countryCode: Text | None = described("ISO 3166-1 code, e.g. CN")
    country: Text | None = described("(cvtex) the country's name, printed instead of countryCode")

    def display(self) -> str:
        """The parts present, as "Address, Postcode City, Region, Country"."""
        town = " ".join(part for part in (self.postalCode, self.city) if part)
        parts = [self.address, town, self.region, self.country or self.countryCode]
        return ", ".join(part for part in parts if part)


class Profile(Entry):
    """An online profile."""

    network: Text | None = described("e.g. LinkedIn, GitHub")
    username: Text | None = described("user name on that network")
    url: Text | None = described("link to the profile")


class Basics(Model):
    """Who the résumé is about."""

    name: Text | None = described("full name; without it the PDF has no name header")
    label: Text | None = described("a headline, e.g. Software Engineer")
    image: Text | None = described("path or URL of a photo")
    email: Text | None = described("email address")
    phone: Text | None = described("phone number")
    url: Text | None = described("personal website")
    summary: Text | None = described("a short profile; printed as the summary section")
    location: Location | None = described("where you live")
    profiles: list[Profile] = described("online profiles", [])
    ignore: list[Item] = described(IGNORE_HELP + " in basics", [])


class Bullet(Model):
    """One bullet: a string, or ``{text, items}`` with one level of nested bullets."""

    text: str = Field(description="the bullet's text")
    items: list[Item] = described("nested bullets, one level", [])
    tags: list[Item] = described("(cvtex) labels for tailoring", [])
    hidden: bool = described("(cvtex) true leaves the bullet out", False)
    ignore: list[Item] = described(IGNORE_HELP + " in this bullet", [])

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, data: Any) -> Any:
        if data is None or data == {}:
            return {"text": ""}  # a blank item: kept in place, left out by cvtex.model.select
        return {"text": data} if isinstance(data, str) else data


Bullets = list[Bullet]


class Work(Dated):
    """A job."""

    name: Text | None = described("the employer")
    position: Text | None = described("your role")
    location: Text | None = described("e.g. Chengdu, China")
    url: Text | None = described("the employer's website")
    description: Text | None = described("what the employer does")
    summary: Text | None = described("an overview of the role")
    highlights: Bullets = described("achievements, as bullets", [])


class Volunteer(Dated):
    """Voluntary work."""

    organization: Text | None = described("the organisation")
    position: Text | None = described("your role")
    location: Text | None = described("(cvtex) where")
    url: Text | None = described("the organisation's website")
    summary: Text | None = described("an overview")
    highlights: Bullets = described("achievements, as bullets", [])


class Education(Dated):
    """A degree or course of study."""

    institution: Text | None = described("the school or university")
    department: Text | None = described("(cvtex) faculty or department")
    location: Text | None = described("(cvtex) where")
    url: Text | None = described("the institution's website")
    area: Text | None = described("the subject, e.g. Computer Science")
    studyType: Text | None = described("the degree, e.g. M.Sc.")
    score: Text | None = described("grade point average, printed as GPA")
    courses: list[Item] = described("notable courses", [])
    highlights: Bullets = described("(cvtex) lines under the entry (supervisor, ranking…)", [])


class Project(Dated):
    """A project."""

    name: Text | None = described("the project's name")
    description: Text | None = described("a short description")
    highlights: Bullets = described("achievements, as bullets", [])
    keywords: list[Item] = described("keywords, printed as a Keywords line", [])
    url: Text | None = described("link to the project")
    roles: list[Item] = described("your roles, e.g. Team Lead", [])
    entity: Text | None = described("the organisation it was for")
    type: Text | None = described("e.g. application, thesis")
    location: Text | None = described("(cvtex) where")


class Award(Dated):
    """An award or scholarship."""

    title: Text | None = described("the award")
    date: FreeDate | None = described("when it was awarded (startDate/endDate for a period)")
    awarder: Text | None = described("who gave it")
    summary: Text | None = described("details, e.g. the amount")


class Certificate(Entry):
    """A certificate."""

    name: Text | None = described("the certificate")
    date: FreeDate | None = described("when it was issued")
    issuer: Text | None = described("who issued it")
    url: Text | None = described("link to the certificate")


class Publication(Entry):
    """A publication."""

    name: Text | None = described("the title")
    authors: list[Item] = described("(cvtex) the authors in order; yours is set in bold", [])
    publisher: Text | None = described("the journal, conference or publisher")
    releaseDate: PartialDate | None = described("when it was published")
    url: Text | None = described("link to the publication")
    summary: Text | None = described("a short description, or the authors")


class Skill(Entry):
    """A group of skills, printed as "name: keyword, keyword"."""

    name: Text | None = described("e.g. Programming Languages")
    level: Text | None = described("e.g. Expert")
    keywords: list[Item] = described("the skills", [])


class Language(Entry):
    """A spoken language."""

    language: Text | None = described("e.g. English")
    fluency: Text | None = described("e.g. Native, IELTS 7.0")


class Interest(Entry):
    """An interest, printed as "name: keyword; keyword"."""

    name: Text | None = described("e.g. Research Interest")
    keywords: list[Item] = described("the topics", [])


class Reference(Entry):
    """A reference."""

    name: Text | None = described("who")
    reference: Text | None = described("what they said")


class CustomEntry(Dated):
    """An entry of a custom section: a title line, optional details and bullets."""

    title: Text | None = described("the entry's title")
    subtitle: Text | None = described("printed after the title")
    location: Text | None = described("where")
    url: Text | None = described("a link")
    summary: Text | None = described("a paragraph under the title")
    highlights: Bullets = described("bullets", [])


class Row(Entry):
    """A "Label: value" line."""

    label: Text | None = described("printed in bold, before a colon")
    value: Text | None = described("the rest of the line")


class CustomSection(Model):
    """(cvtex) A section JSON Resume lacks: entries, plain bullets or label: value rows."""

    title: Text = Field(description="the section's heading")
    entries: list[CustomEntry] = described("entries with a title line", [])
    items: Bullets = described("plain bullets", [])
    rows: list[Row] = described("label: value lines", [])
    ignore: list[Item] = described(IGNORE_HELP + " in this section", [])

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


class Resume(Model):
    """The whole résumé."""

    schema_: str | None = Field(None, alias="$schema", description="a JSON Schema URL")
    basics: Basics = described("who the résumé is about", Basics())
    work: list[Work] = described("jobs", [])
    volunteer: list[Volunteer] = described("voluntary work", [])
    education: list[Education] = described("degrees", [])
    awards: list[Award] = described("awards and scholarships", [])
    certificates: list[Certificate] = described("certificates", [])
    publications: list[Publication] = described("publications", [])
    skills: list[Skill] = described("skills, grouped", [])
    languages: list[Language] = described("spoken languages", [])
    interests: list[Interest] = described("interests", [])
    references: list[Reference] = described("references", [])
    projects: list[Project] = described("projects", [])
    sections: dict[str, CustomSection] = described("(cvtex) custom sections by id", {})
    design: Design = described("(cvtex) layout choices", Design())
    locale: Text | None = described(
        "(cvtex) language of the words cvtex adds (titles, months, present): " + ", ".join(LOCALES)
    )
    strings: dict[str, str] = described(
        "(cvtex) your own wording for the words cvtex adds: "
        + ", ".join((*STRING_KEYS, *MONTH_KEYS))
        + " (twelve names separated by spaces)",
        {},
    )
    engine: EngineName | None = described(
        "(cvtex) TeX engine by name: auto (default), pdflatex, xelatex or lualatex "
        "(the path of an engine may be given only with --engine or CVTEX_ENGINE)"
    )
    meta: dict[str, Any] = described("anything; cvtex ignores it", {})
    ignore: list[Item] = described(IGNORE_HELP + " anywhere in the file", [])

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
