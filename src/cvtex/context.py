"""Stage 3: :class:`~cvtex.schema.Resume` → :class:`TemplateContext`.

The context holds raw text, not LaTeX: filters such as ``upper`` work on what
the user wrote, and escaping happens once, at output (see :mod:`cvtex.render`).
Every string in the model is re-typed as :class:`~cvtex.escape.SourceText`,
which remembers its YAML path, so the renderer can record which field produced
each line of LaTeX.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel

from cvtex import __version__
from cvtex.design import DesignView
from cvtex.display import DateDisplay
from cvtex.locales import Locale, get_locale
from cvtex.schema import STANDARD_SECTIONS, CustomSection, Resume

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Section:
    """One section to print, in order: its id, heading ("" for none) and content.

    ``kind`` is the standard section id, or ``entries``/``items``/``rows`` for a
    custom section; templates dispatch on it.
    """

    id: str
    title: str
    kind: str
    content: Any
    pagebreak: bool = False


@dataclass(frozen=True)
class TexSetup:
    """What the template needs to know about the engine it is rendered for."""

    engine: str = "pdflatex"
    cjk: str | None = None
    main_font: str = ""
    sans_font: str = ""
    cjk_serif: str = ""
    cjk_sans: str = ""
    babel: str | None = None
    """The babel language to load (hyphenation patterns), when the engine has it."""
    fallback_font: str = ""
    fallback_codes: tuple[str, ...] = ()
    """Letters of the text (hex code points) the main font lacks, set from the fallback
    font instead of being dropped."""
    harfbuzz: bool = False
    """lualatex: shape the text fonts with HarfBuzz. Its default renderer gives Noto CJK's
    digits the code points of fullwidth ones; HarfBuzz gives CMU's χ a private-use one."""

    @property
    def unicode(self) -> bool:
        """True for xelatex and lualatex (fontspec), False for pdflatex."""
        return self.engine != "pdflatex"


@dataclass(frozen=True)
class TemplateContext:
    """Everything a template sees."""

    resume: Resume
    sections: tuple[Section, ...]
    design: DesignView
    generator: str
    photo: str | None = None
    locale: Locale = field(default_factory=lambda: get_locale(None))
    tex: TexSetup = field(default_factory=TexSetup)
    dates: DateDisplay = field(default_factory=DateDisplay)
    """How dates print (``dates.range(entry)``), decided here for every output format."""

    @property
    def strings(self) -> dict[str, str]:
        """The words cvtex adds, in the résumé's locale, with its overrides."""
        return self.locale.strings

    def as_mapping(self) -> dict[str, Any]:
        return {
            "resume": self.resume,
            "basics": self.resume.basics,
            "design": self.design,
            "sections": self.sections,
            "generator": self.generator,
            "photo": self.photo,
            "strings": self.strings,
            "locale": self.locale.code,
            "tex": self.tex,
        }


def build_context(
    resume: Resume,
    design: DesignView,
    photo: str | None = None,
    tex: TexSetup | None = None,
) -> TemplateContext:
    """Lay out the sections of a résumé in order.

    ``resume`` is what prints: :func:`cvtex.select.select` ran on it (source paths
    attached, hidden and blank parts dropped), once per build, before the engine
    and fonts were chosen.
    """
    annotated = resume
    locale = get_locale(resume.locale).with_overrides(resume.strings)
    return TemplateContext(
        resume=annotated,
        sections=tuple(_ordered_sections(annotated, locale)),
        design=design,
        generator=f"cvtex {__version__}",
        photo=photo,
        locale=locale,
        tex=tex or TexSetup(),
        dates=DateDisplay(getattr(design, "date_format", "auto"), locale),
    )


def _ordered_sections(resume: Resume, locale: Locale) -> list[Section]:
    order = list(dict.fromkeys([*resume.design.section_order, *resume.section_ids()]))
    titles = resume.design.section_titles
    sections: list[Section] = []
    for section_id in order:
        if section_id in STANDARD_SECTIONS:
            content: Any = (
                resume.basics.summary if section_id == "summary" else getattr(resume, section_id)
            )
            kind = section_id
            default_title = locale.titles[section_id]
        else:
            custom: CustomSection = resume.sections[section_id]
            kind = next((k for k in ("entries", "items", "rows") if getattr(custom, k)), "items")
            content = getattr(custom, kind)
            default_title = custom.title
        if not content:
            continue
        title = titles.get(section_id, default_title)
        pagebreak = section_id in resume.design.page_breaks
        sections.append(Section(section_id, title, kind, content, pagebreak))
    return sections
