"""Stage 4: :class:`~cvtex.backends.latex.context.TemplateContext` → :class:`RenderedLatex`.

A pure function of the context and the template files. The Jinja environment
uses LaTeX-friendly delimiters (``\\BLOCK{…}``, ``\\VAR{…}``, ``\\#{…}``) and
``StrictUndefined``. Escaping is :func:`~cvtex.backends.latex.latex_jinja.latex_escape`, used by
``finalize`` and by every operator where template code meets text (see
:mod:`cvtex.backends.latex.latex_jinja`): a value is escaped unless it is
:class:`~cvtex.backends.latex.escape.Latex` (from the markup converter or the ``url`` filter) or
template code (macro output, or a value the template author marked ``|safe``).
Plain strings get inline markup converted first, so ``**bold**`` works in any
field while a template author must opt in to raw LaTeX.

While rendering, each value from a YAML field is tagged with an invisible
marker; afterwards the markers are stripped and turned into a map from
``.tex`` line to the YAML fields on it, which lets a TeX error name the field.
"""

from __future__ import annotations

import bisect
import contextvars
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from cvtex.backends.latex.context import TemplateContext
from cvtex.backends.latex.escape import Latex, escape_text, escape_url
from cvtex.backends.latex.fonts import font_for
from cvtex.backends.latex.latex_jinja import (
    ACTIVE_RECORDER,
    LATEX_SYNTAX,
    FieldRecorder,
    LatexEnvironment,
    LatexMarkup,
    latex_escape,
    to_latex,
)
from cvtex.backends.latex.templates import TemplateRef
from cvtex.diagnostics import FieldPath
from cvtex.errors import TemplateError
from cvtex.model.dates import PartialDate
from cvtex.model.links import Link, LinkRefused, NotALink, classify, phone_link, safe_target
from cvtex.model.locales import Locale, get_locale
from cvtex.view.contact import contact_items, display_url
from cvtex.view.display import DateDisplay, degree_line

_MARK = re.compile("\x01(\\d+)\x02")


@dataclass(frozen=True)
class RenderedLatex:
    """LaTeX source plus, for each 1-based line, the YAML fields printed on it."""

    source: str
    line_fields: dict[int, tuple[FieldPath, ...]] = field(default_factory=dict)


def _path_of(value: Any) -> FieldPath | None:
    path: FieldPath | None = getattr(value, "path", None)
    return path


def _url_filter(value: Any) -> Latex:
    """``\\VAR{x|url}``: a link target that is safe inside ``\\href{…}``.

    Content was checked by validation; a refused link here was made by template
    code, and is a template error rather than a PDF action.
    """
    if isinstance(value, Link):
        return Latex(escape_url(value.target))
    try:
        target = classify(str(value)).target
    except NotALink:
        target = "https://" + str(value).strip()  # warned about already; harmless
    except LinkRefused as exc:
        raise ValueError(f"refusing to link {str(value)!r}: {exc}") from None
    return Latex(escape_url(target), _path_of(value))


def _tel_filter(value: Any) -> Latex | None:
    """``\\VAR{phone|tel}``: ``tel:+…`` digits, or None when it is not a number."""
    found = phone_link(str(value))
    return Latex(escape_url(found.target), _path_of(value)) if found else None


def _is_link(value: Any) -> bool:
    """``\\BLOCK{if x is link}``: whether ``x`` may become a link annotation."""
    return value is not None and safe_target(str(value)) is not None


def _plain_filter(value: Any) -> Latex:
    """``\\VAR{x|plain}``: escape without interpreting markup (for PDF metadata)."""
    text = str(value).replace("**", "").replace("\\*", "*")
    return Latex(escape_text(text), _path_of(value))


@dataclass(frozen=True)
class DateStyle:
    """How dates print: the format, the word for "present", the month names.

    A thin LaTeX layer over :class:`~cvtex.view.display.DateDisplay`, where the decisions
    are made."""

    format: str = "auto"
    locale: Locale = field(default_factory=lambda: get_locale(None))

    @property
    def display(self) -> DateDisplay:
        return DateDisplay(self.format, self.locale)

    def show(self, value: PartialDate) -> str:
        return escape_text(self.display.date(value))


def date_range(entry: Any, style: DateStyle | None = None) -> Latex:
    """``Jun 2011~--~Jan 2014`` from an entry's ``date`` or ``startDate``/``endDate``:
    :meth:`DateDisplay.range <cvtex.view.display.DateDisplay.range>`, escaped, the ends
    joined by an en dash held to both."""
    return to_latex((style or DateStyle()).display.range(entry))


def page_of(locale: Locale) -> Latex:
    """ "page 2 of 3" in the locale, with the page numbers filled in by TeX."""
    pattern = locale.string("page_of")
    parts = re.split(r"(\{page\}|\{total\})", pattern)
    tex = {"{page}": r"\thepage{}", "{total}": r"\pageref*{LastPage}"}
    return Latex("".join(tex.get(part, escape_text(part)) for part in parts))


_ACTIVE_STYLE: contextvars.ContextVar[DateStyle | None] = contextvars.ContextVar(
    "cvtex_date_style", default=None
)
"""The date style of the render under way, so the environment holds no per-render
state and one environment (with its compiled templates) serves every render."""


def _style() -> DateStyle:
    return _ACTIVE_STYLE.get() or DateStyle()


def _date_range_now(entry: Any) -> Latex:
    return date_range(entry, style=_style())


def _format_date_now(value: PartialDate) -> Latex:
    return Latex(_style().show(value))


def _page_of_now() -> Latex:
    return page_of(_style().locale)


def make_environment(template: TemplateRef) -> jinja2.Environment:
    """The Jinja environment cvtex renders ``template`` with: one per search path per
    process, so its templates are compiled once (about 29 ms each time otherwise)."""
    return _environment(template.search_path)


@functools.lru_cache(maxsize=16)
def _environment(search_path: tuple[Path, ...]) -> jinja2.Environment:
    def finalize(value: Any) -> LatexMarkup:
        # Macro output, call blocks and |safe are template code: latex_escape keeps
        # them; anything else is escaped and tagged with the field it came from.
        return latex_escape(value)

    env = LatexEnvironment(
        loader=jinja2.FileSystemLoader([str(p) for p in search_path]),
        **LATEX_SYNTAX,
        undefined=jinja2.StrictUndefined,
        finalize=finalize,
    )
    env.filters["url"] = _url_filter
    env.filters["tel"] = _tel_filter
    env.tests["link"] = _is_link
    env.filters["plain"] = _plain_filter
    env.filters["display_url"] = display_url
    env.globals["contact_list"] = contact_items
    env.globals["degree_line"] = degree_line
    env.globals["font_for"] = font_for
    env.filters["unicode_char"] = lambda code: LatexMarkup(chr(int(str(code), 16)))
    env.tests["match"] = lambda value, pattern: re.search(pattern, str(value)) is not None
    env.globals["date_range"] = _date_range_now
    env.globals["format_date"] = _format_date_now
    env.globals["page_of"] = _page_of_now
    return env


def render(context: TemplateContext, template: TemplateRef) -> RenderedLatex:
    """Render ``context`` through ``template`` into LaTeX source.

    Templates are trusted code, but a mistake in one (``1/0``, runaway recursion,
    a missing attribute) is reported with the template's file and line, exit 1.
    """
    recorder = FieldRecorder()
    style = DateStyle(context.dates.format, context.dates.locale)
    env = make_environment(template)
    token = ACTIVE_RECORDER.set(recorder)
    style_token = _ACTIVE_STYLE.set(style)
    try:
        compiled = env.get_template(template.entry)
        raw = compiled.render(context.as_mapping())
    except jinja2.TemplateSyntaxError as exc:
        where = f"{exc.filename or exc.name}:{exc.lineno}"
        raise TemplateError(f"{where}: template syntax error: {exc.message}") from exc
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template file not found: {exc.name}") from exc
    except RecursionError as exc:
        raise TemplateError(
            f"{_template_location(exc)}template error: runaway recursion "
            "(a macro or block that calls itself without end)"
        ) from exc
    except (
        jinja2.TemplateError,
        ArithmeticError,
        LookupError,
        AttributeError,
        TypeError,
        ValueError,
    ) as exc:
        raise TemplateError(f"{_template_location(exc)}template error: {exc}") from exc
    finally:
        _ACTIVE_STYLE.reset(style_token)
        ACTIVE_RECORDER.reset(token)
    return _strip_markers(raw, recorder.paths)


def _template_location(exc: BaseException) -> str:
    """ "file.tex.j2:12: " for the innermost template frame of a traceback."""
    location = ""
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            location = f"{filename}:{tb.tb_lineno}: "
        tb = tb.tb_next
    return location


def _strip_markers(raw: str, paths: list[FieldPath]) -> RenderedLatex:
    """Remove the field markers, remembering the fields each ``.tex`` line prints, and
    fold lines that are too long for TeX."""
    line_fields: dict[int, tuple[FieldPath, ...]] = {}
    clean: list[str] = []
    for line in raw.split("\n"):
        found = [paths[int(m)] for m in _MARK.findall(line)]
        if found:
            line = _MARK.sub("", line)
        for piece in fold_line(line):
            clean.append(piece)
            if found:
                line_fields[len(clean)] = tuple(dict.fromkeys(found))
    return RenderedLatex(source="\n".join(clean), line_fields=line_fields)


MAX_TEX_LINE = 2000
"""Longest ``.tex`` line written as it is. TeX reads a line into a buffer of 200 000
bytes; escaping can make text 16 times longer (``\\`` is ``\\textbackslash{}``)."""
_HREF_TARGET = re.compile(r"\\href\{[^}]*\}")
_COMMENT = re.compile(r"(?<!\\)(?:\\\\)*%")


def fold_line(line: str) -> list[str]:
    """``line`` as pieces of at most :data:`MAX_TEX_LINE` characters, each but the last
    ending in ``%``: a comment, so TeX joins the pieces back exactly as they were.

    A piece may end almost anywhere, but never inside a control word, right after a
    backslash, before a space (TeX skips spaces at the start of a line), inside a link
    target, or after the line's own comment has begun."""
    if len(line) <= MAX_TEX_LINE:
        return [line]
    comment = _COMMENT.search(line)
    end = comment.end() - 1 if comment else len(line)
    protected = [(m.start(), m.end()) for m in _HREF_TARGET.finditer(line, 0, end)]
    starts = [span[0] for span in protected]

    def can_break(at: int) -> bool:
        if at <= 0 or at >= end or line[at] == " " or line[at - 1] == "\\":
            return False
        inside = bisect.bisect_right(starts, at) - 1
        if inside >= 0 and at < protected[inside][1]:
            return False
        letters = at
        while letters > 0 and line[letters - 1].isascii() and line[letters - 1].isalpha():
            letters -= 1
        if letters == at or letters == 0 or line[letters - 1] != "\\":
            return True
        slashes = len(line[:letters]) - len(line[:letters].rstrip("\\"))
        return slashes % 2 == 0  # \\abc is a line break then text; \abc a control word

    pieces: list[str] = []
    start = 0
    while end - start > MAX_TEX_LINE:
        at = start + MAX_TEX_LINE
        while at > start and not can_break(at):
            at -= 1
        if at == start:  # nowhere within reach: the first place after it
            at = start + MAX_TEX_LINE + 1
            while at < end and not can_break(at):
                at += 1
            if at >= end:
                break
        pieces.append(line[start:at] + "%")
        start = at
    pieces.append(line[start:])
    return pieces
