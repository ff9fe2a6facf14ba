"""Stage 2's target: the résumé as typed, frozen pydantic models.

Field names follow the JSON Resume 1.0.0 vocabulary (camelCase, as users write
them), so a template reads ``entry.startDate`` exactly as the YAML says it.
Extensions the seed résumé needs are marked "cvtex extension" and documented.
Models forbid unknown keys; :mod:`cvtex.validate` decides beforehand which
unknown keys are errors (likely typos) and which are warnings.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from cvtex.dates import PartialDate

Text = Annotated[str, Field(min_length=1)]
"""A non-empty string; may hold inline markup (``**bold**``, ``*italic*``, ``[t](url)``)."""


class Model(BaseModel):
    """Base for every model: frozen, no unknown keys, "" means absent."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    @model_validator(mode="before")
    @classmethod
    def _empty_strings_mean_absent(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        fields = cls.model_fields
        by_alias = {(info.alias or name): info for name, info in fields.items()}
        return {
            key: value
            for key, value in data.items()
            if not (value == "" and key in by_alias and not by_alias[key].is_required())
        }


class Location(Model):
    address: Text | None = None
    postalCode: Text | None = None
    city: Text | None = None
    region: Text | None = None
    countryCode: Text | None = None
    country: Text | None = Field(None, description="cvtex extension: the country's name")

    def display(self) -> str:
        """ "City, Region, Country" from whatever parts are present."""
        parts = [self.city, self.region, self.country or self.countryCode]
        return ", ".join(part for part in parts if part)


class Profile(Model):
    network: Text | None = None
    username: Text | None = None
    url: Text | None = None


class Basics(Model):
    name: Text
    label: Text | None = None
    image: Text | None = None
    email: Text | None = None
    phone: Text | None = None
    url: Text | None = None
    summary: Text | None = None
    location: Location | None = None
    profiles: list[Profile] = []


class Bullet(Model):
    """One bullet; ``items`` nest one level below it. A plain string is a bullet too."""

    text: Text
    items: list[Text] = []

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, data: Any) -> Any:
        return {"text": data} if isinstance(data, str) else data


class Dated(Model):
    """Fields shared by entries that span a period."""

    startDate: PartialDate | None = None
    endDate: PartialDate | None = None


class Work(Dated):
    name: Text | None = None
    position: Text | None = None
    location: Text | None = None
    url: Text | None = None
    description: Text | None = None
    summary: Text | None = None
    highlights: list[Bullet] = []


class Volunteer(Dated):
    organization: Text | None = None
    position: Text | None = None
    location: Text | None = Field(None, description="cvtex extension")
    url: Text | None = None
    summary: Text | None = None
    highlights: list[Bullet] = []


class Education(Dated):
    institution: Text | None = None
    department: Text | None = Field(None, description="cvtex extension: faculty or department")
    location: Text | None = Field(None, description="cvtex extension")
    url: Text | None = None
    area: Text | None = None
    studyType: Text | None = None
    score: Text | None = None
    courses: list[Text] = []
    highlights: list[Bullet] = Field([], description="cvtex extension: lines under the entry")


class Project(Dated):
    name: Text
    description: Text | None = None
    highlights: list[Bullet] = []
    keywords: list[Text] = []
    url: Text | None = None
    roles: list[Text] = []
    entity: Text | None = None
    type: Text | None = None
    location: Text | None = Field(None, description="cvtex extension")


class Award(Dated):
    title: Text
    date: PartialDate | None = None
    awarder: Text | None = None
    summary: Text | None = None


class Certificate(Model):
    name: Text
    date: PartialDate | None = None
    issuer: Text | None = None
    url: Text | None = None


class Publication(Model):
    name: Text
    publisher: Text | None = None
    releaseDate: PartialDate | None = None
    url: Text | None = None
    summary: Text | None = None


class Skill(Model):
    name: Text
    level: Text | None = None
    keywords: list[Text] = []


class Language(Model):
    language: Text
    fluency: Text | None = None


class Interest(Model):
    name: Text
    keywords: list[Text] = []


class Reference(Model):
    name: Text
    reference: Text | None = None


class CustomEntry(Dated):
    """An entry of a custom section: a title line, optional details and bullets."""

    title: Text
    subtitle: Text | None = None
    location: Text | None = None
    date: PartialDate | None = None
    url: Text | None = None
    summary: Text | None = None
    highlights: list[Bullet] = []


class Row(Model):
    """A "Label: value" line."""

    label: Text
    value: Text


class CustomSection(Model):
    """A section JSON Resume lacks: entries, plain bullets or label: value rows."""

    title: Text
    entries: list[CustomEntry] = []
    items: list[Bullet] = []
    rows: list[Row] = []

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
    """Layout choices that are not content."""

    paper: Literal["a4", "letter"] = "letter"
    section_order: list[Text] = Field(
        [], description="section ids in the order to print them; unlisted sections follow"
    )
    section_titles: dict[str, str] = Field(
        {}, description='section id → title; "" prints the section without a heading'
    )


class Resume(Model):
    """The whole résumé."""

    schema_: str | None = Field(None, alias="$schema")
    basics: Basics
    work: list[Work] = []
    volunteer: list[Volunteer] = []
    education: list[Education] = []
    awards: list[Award] = []
    certificates: list[Certificate] = []
    publications: list[Publication] = []
    skills: list[Skill] = []
    languages: list[Language] = []
    interests: list[Interest] = []
    references: list[Reference] = []
    projects: list[Project] = []
    sections: dict[str, CustomSection] = Field(
        {}, description="cvtex extension: custom sections by id"
    )
    design: Design = Design()
    meta: dict[str, Any] = {}

    @field_validator("sections")
    @classmethod
    def _custom_ids_do_not_shadow(cls, value: dict[str, CustomSection]) -> dict[str, CustomSection]:
        clashes = sorted(set(value) & set(STANDARD_SECTIONS))
        if clashes:
            raise ValueError(
                f"custom section ids clash with standard sections: {', '.join(clashes)}"
            )
        return value

    def section_ids(self) -> list[str]:
        """Every section id that may be printed: standard ones, then custom ones."""
        return [*STANDARD_SECTIONS, *self.sections]
