"""Jinja that speaks LaTeX: a Markup type whose escape is cvtex's LaTeX escape.

Jinja's autoescape was written for HTML. Wherever template code meets text, in
``~``, ``+``, ``%``, ``|join``, ``|format``, ``|replace``, macro output or
``super()``, it calls markupsafe's HTML escape, which leaves ``\\`` and ``{``
alone: résumé text would become TeX code, and a template constant would print as
``R&amp;D``. :class:`LatexEnvironment` binds every one of those paths to
:class:`LatexMarkup`, so text that meets template code is LaTeX-escaped (inline
markup converted first) and nothing is ever HTML-escaped.

How: the generated template module imports ``Markup``, ``escape``,
``markup_join``, ``Macro`` and ``TemplateReference`` from :mod:`jinja2.runtime`;
:class:`LatexCodeGenerator` rebinds those names right after that import, and
turns off compile-time folding of constants (which would HTML-escape them before
``finalize`` sees them). Filters that escape are replaced; HTML-only filters are
removed.
"""

from __future__ import annotations

import contextvars
import typing as t
from collections.abc import Callable, Iterable, Iterator
from itertools import chain

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.runtime import BlockReference, Context, Macro, TemplateReference
from markupsafe import Markup

from cvtex.backends.latex.escape import Latex, escape_text
from cvtex.backends.latex.markup import rich_to_latex
from cvtex.diagnostics import FieldPath
from cvtex.view.display import DateRange
from cvtex.view.inline import Rich, rich

_MARK_OPEN, _MARK_CLOSE = "\x01", "\x02"


class FieldRecorder:
    """Collects the YAML paths of the values printed during one render."""

    def __init__(self) -> None:
        self.paths: list[FieldPath] = []

    def tag(self, path: FieldPath) -> str:
        self.paths.append(path)
        return f"{_MARK_OPEN}{len(self.paths) - 1}{_MARK_CLOSE}"


ACTIVE_RECORDER: contextvars.ContextVar[FieldRecorder | None] = contextvars.ContextVar(
    "cvtex_field_recorder", default=None
)
"""The recorder of the render in progress, so escapes anywhere can tag their field."""


def to_latex(value: t.Any) -> Latex:
    """The LaTeX for any value: LaTeX as it is, text parsed by the view and escaped."""
    if isinstance(value, Latex):
        return value
    if value is None:
        raise TypeError("a template printed None; test optional fields with \\BLOCK{if …}")
    if isinstance(value, Rich):
        return rich_to_latex(value)
    if isinstance(value, DateRange):
        return Latex("~--~".join(escape_text(part) for part in value.parts), value.path)
    if isinstance(value, str):
        return rich_to_latex(rich(value))
    return Latex(escape_text(str(value)))


def latex_escape(value: t.Any) -> LatexMarkup:
    """Template code stays as it is; anything else becomes the LaTeX that prints it."""
    if isinstance(value, LatexMarkup):
        return value
    if isinstance(value, Markup) or (hasattr(value, "__html__") and not isinstance(value, Latex)):
        return LatexMarkup(value.__html__())
    latex = to_latex(value)
    path: FieldPath | None = getattr(value, "path", None)
    recorder = ACTIVE_RECORDER.get()
    if path is not None and recorder is not None:
        return LatexMarkup(recorder.tag(path) + latex)
    return LatexMarkup(latex)


class LatexMarkup(Markup):
    """LaTeX source that a template produced; whatever is mixed into it is escaped
    for LaTeX."""

    __slots__ = ()

    @classmethod
    def escape(cls, s: t.Any) -> LatexMarkup:
        return latex_escape(s)


def latex_markup_join(seq: Iterable[t.Any]) -> str:
    """``a ~ b``: plain when every part is text (escaped once, at output); LaTeX
    with the text parts escaped as soon as one part is template code."""
    buffer: list[t.Any] = []
    iterator = iter(seq)
    for item in iterator:
        buffer.append(item)
        if hasattr(item, "__html__"):
            return LatexMarkup("").join(chain(buffer, iterator))
    return "".join(str(item) for item in buffer)


class LatexMacro(Macro):
    """A macro whose output is :class:`LatexMarkup`."""

    def _invoke(self, arguments: list[t.Any], autoescape: bool) -> str:
        result = super()._invoke(arguments, autoescape)
        return LatexMarkup(result) if autoescape else result


class LatexBlockReference(BlockReference):
    """``super()`` and ``self.block()`` whose output is :class:`LatexMarkup`."""

    @property
    def super(self) -> BlockReference | jinja2.Undefined:
        parent = super().super
        if isinstance(parent, BlockReference):
            return LatexBlockReference(parent.name, self._context, self._stack, self._depth + 1)
        return parent

    def __call__(self) -> str:
        result = super().__call__()
        return LatexMarkup(result) if isinstance(result, Markup) else result


class LatexTemplateReference(TemplateReference):
    """``self`` in templates, handing out :class:`LatexBlockReference` values."""

    def __getitem__(self, name: str) -> t.Any:
        context: Context = self._TemplateReference__context  # type: ignore[attr-defined]
        return LatexBlockReference(name, context, context.blocks[name], 0)


class LatexContext(Context):
    """A render context whose ``super()`` is a :class:`LatexBlockReference`."""

    def super(
        self, name: str, current: Callable[[Context], Iterator[str]]
    ) -> BlockReference | jinja2.Undefined:
        found = super().super(name, current)
        if isinstance(found, BlockReference):
            return LatexBlockReference(found.name, self, found._stack, found._depth)
        return found


_REBIND = (
    "from cvtex.backends.latex.latex_jinja import LatexMarkup as Markup, latex_escape as escape, "
    "latex_markup_join as markup_join, LatexMacro as Macro, "
    "LatexTemplateReference as TemplateReference"
)


class LatexCodeGenerator(CodeGenerator):
    """Jinja's code generator with the HTML helpers replaced by the LaTeX ones."""

    def writeline(self, x: str, node: nodes.Node | None = None, extra: int = 0) -> None:
        super().writeline(x, node, extra)
        if x.startswith("from jinja2.runtime import "):
            super().writeline(_REBIND)

    def _output_child_to_const(
        self, node: nodes.Expr, frame: Frame, finalize: CodeGenerator._FinalizeInfo
    ) -> str:
        """Template text stays as written; constants are escaped at run time by
        ``finalize``, like any other value (folding would HTML-escape them)."""
        if isinstance(node, nodes.TemplateData):
            return super()._output_child_to_const(node, frame, finalize)
        raise nodes.Impossible()


def _join(value: Iterable[t.Any], d: str = "", attribute: str | int | None = None) -> str:
    items = list(value)
    if attribute is not None:
        items = [
            item[attribute] if isinstance(attribute, int) else getattr(item, attribute)
            for item in items
        ]
    if any(hasattr(item, "__html__") for item in (*items, d)):
        return latex_escape(d).join(items)
    return str(d).join(str(item) for item in items)


def _replace(s: t.Any, old: t.Any, new: t.Any, count: int | None = None) -> str:
    if any(hasattr(x, "__html__") for x in (s, old, new)):
        return latex_escape(s).replace(old, new, -1 if count is None else count)
    return str(s).replace(str(old), str(new), -1 if count is None else count)


HTML_ONLY_FILTERS = ("urlize", "xmlattr", "tojson", "striptags")


class LatexEnvironment(jinja2.Environment):
    """A Jinja environment in which escaping means LaTeX escaping, everywhere."""

    code_generator_class = LatexCodeGenerator
    context_class = LatexContext

    def __init__(self, **options: t.Any) -> None:
        super().__init__(autoescape=True, **options)
        for name in HTML_ONLY_FILTERS:
            self.filters.pop(name, None)
        self.filters.update(
            e=latex_escape,
            escape=latex_escape,
            forceescape=lambda value: LatexMarkup(to_latex(str(value))),
            safe=LatexMarkup,
            join=_join,
            replace=_replace,
        )


LATEX_SYNTAX: dict[str, t.Any] = {
    "block_start_string": r"\BLOCK{",
    "block_end_string": "}",
    "variable_start_string": r"\VAR{",
    "variable_end_string": "}",
    "comment_start_string": r"\#{",
    "comment_end_string": "}",
    "line_statement_prefix": None,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "keep_trailing_newline": True,
}
"""cvtex's template syntax: ``\\BLOCK{…}``, ``\\VAR{…}``, ``\\#{…}`` and its white space."""


def parse_template(source: str) -> nodes.Template:
    """The syntax tree of template ``source``, for reading it without rendering it;
    :class:`jinja2.TemplateSyntaxError` when it is no template."""
    return jinja2.Environment(**LATEX_SYNTAX).parse(source)
