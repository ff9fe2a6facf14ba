"""Stage 3: :class:`~cvtex.model.schema.Resume` → :class:`TemplateContext`.

The context holds raw text, not LaTeX: filters such as ``upper`` work on what
the user wrote, and escaping happens once, at output (see :mod:`cvtex.backends.latex.render`).
Every string in the model is re-typed as :class:`~cvtex.diagnostics.SourceText`,
which remembers its YAML path, so the renderer can record which field produced
each line of LaTeX.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel

from cvtex import view
from cvtex.backends.latex.design import DesignView
from cvtex.model.locales import Locale, get_locale
from cvtex.model.schema import Resume
from cvtex.view.display import DateDisplay
from cvtex.view.make import resume_view

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
    entries: tuple[view.Entry, ...] = ()
    """What each entry prints (:mod:`cvtex.view`); ``content`` is the model it came from."""


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
    view: view.ResumeView | None = None
    """The format-neutral résumé the sections were laid out from."""

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
            "view": self.view,
        }


def build_context(
    resume: Resume,
    design: DesignView,
    photo: str | None = None,
    tex: TexSetup | None = None,
) -> TemplateContext:
    """Lay out the sections of a résumé in order.

    ``resume`` is what prints: :func:`cvtex.model.select.select` ran on it (source paths
    attached, hidden and blank parts dropped), once per build, before the engine
    and fonts were chosen.
    """
    date_format = getattr(design, "date_format", "auto")
    return template_context(resume_view(resume, date_format=date_format, photo=photo), design, tex)


def template_context(
    shown: view.ResumeView, design: DesignView, tex: TexSetup | None = None
) -> TemplateContext:
    """What a LaTeX template sees, made from the view every output renders: its
    sections and entries, plus the model they came from for blocks that read it."""
    resume: Resume = shown.source  # type: ignore[assignment]
    date_format = getattr(design, "date_format", "auto")
    locale = get_locale(resume.locale).with_overrides(resume.strings)
    return TemplateContext(
        resume=resume,
        sections=tuple(_context_section(section, resume) for section in shown.sections),
        design=design,
        generator=shown.generator,
        photo=shown.photo,
        locale=locale,
        tex=tex or TexSetup(),
        dates=DateDisplay(date_format, locale),
        view=shown,
    )


_WHOLE_SECTION = ("summary", "languages", "items", "rows")
"""Kinds printed as one block: their one view entry stands for the whole list."""


def _context_section(section: view.Section, resume: Resume) -> Section:
    if section.kind in _WHOLE_SECTION:
        content = section.entries[0].source
    else:
        content = [entry.source for entry in section.entries]
    return Section(
        section.id, section.title, section.kind, content, section.pagebreak, section.entries
    )
