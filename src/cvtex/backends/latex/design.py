"""Design options: the résumé's ``design:`` block checked against the template.

Every value is converted by the option type the template declares in
``template.yaml``; defaults fill the rest. An option the chosen template does not
know is an error with a did-you-mean, unless another built-in template uses it
(then it is a warning, so one résumé can be built with several templates).
"""

from __future__ import annotations

from typing import Any

from cvtex.backends.latex.options import OptionError, convert
from cvtex.backends.latex.templates import TemplateRef, builtin_manifest, builtin_names
from cvtex.diagnostics import Diagnostic, Severity
from cvtex.model.schema import Resume
from cvtex.model.schema_settings import Design
from cvtex.reporter import Reporter
from cvtex.source.loader import Document
from cvtex.suggest import suggest


class DesignView:
    """What templates see as ``design``: every option, typed, plus the generic keys."""

    def __init__(self, values: dict[str, Any]) -> None:
        self._values = dict(values)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, name: str) -> Any:
        return self._values[name]

    def __contains__(self, name: object) -> bool:
        return name in self._values

    def as_dict(self) -> dict[str, Any]:
        return dict(self._values)

    def __repr__(self) -> str:
        return f"DesignView({self._values!r})"


def check_options(
    document: Document,
    template: TemplateRef,
    *,
    strict: bool = False,
    reporter: Reporter | None = None,
) -> tuple[dict[str, Any], tuple[Diagnostic, ...]]:
    """Typed values of the template's options, from the raw ``design:`` mapping.

    Works on the loaded data, not the validated model, so design problems are
    reported together with schema errors. Raises :class:`InputError`.
    """
    reporter = reporter or Reporter.for_document(document, strict=strict)
    found: list[Diagnostic] = []
    options = template.manifest.options
    values: dict[str, Any] = {name: convert(spec, spec.default) for name, spec in options.items()}
    generic = set(Design.model_fields)
    raw_design = document.data.get("design")
    written = raw_design if isinstance(raw_design, dict) else {}

    def report(
        severity: Severity, message: str, key: str, code: str, *, on_key: bool = False
    ) -> None:
        path = ("design", key)
        file, position = document.locate(path, key=on_key)
        found.append(Diagnostic(severity, message, path, position, file, code))

    for key, raw in written.items():
        if key in generic or key.startswith("x-"):
            continue
        spec = options.get(key)
        if spec is None:
            users = [name for name in builtin_names() if key in builtin_manifest(name).options]
            if users:
                message = (
                    f'template "{template.name}" has no option "{key}" (used by {", ".join(users)})'
                )
                report(Severity.WARNING, message, key, "option-elsewhere", on_key=True)
                continue
            guess = suggest(key, [*options, *generic])
            hint = (
                f'; did you mean "{guess}"?'
                if guess
                else f" (options: {', '.join(sorted(options))})"
            )
            message = f'unknown design option "{key}"{hint}'
            report(Severity.ERROR, message, key, "unknown-option", on_key=True)
            continue
        try:
            values[key] = convert(spec, raw)
        except OptionError as exc:
            report(Severity.ERROR, str(exc), key, "invalid-option")
    return values, reporter.check(found, document)  # raises on any error


def resolve_design(
    document: Document, resume: Resume, template: TemplateRef, *, strict: bool = False
) -> tuple[DesignView, tuple[Diagnostic, ...]]:
    """The template's options plus the generic design keys, as templates see them."""
    values, warnings = check_options(document, template, strict=strict)
    return design_view(values, resume), warnings


def design_view(options: dict[str, Any], resume: Resume) -> DesignView:
    """A template's checked option values plus the résumé's generic design keys."""
    design = resume.design
    return DesignView(
        {
            **options,
            "date_format": design.date_format,
            "section_order": design.section_order,
            "section_titles": design.section_titles,
            "page_breaks": design.page_breaks,
            "max_pages": design.max_pages,
        }
    )
