"""TeX's findings mapped back to the résumé: errors, overfull lines and dropped glyphs,
each reported at the YAML field that produced the LaTeX line.

Rendering records which field printed each line of the generated ``.tex``; this
module reads the engine's parsed log against that map.
"""

from __future__ import annotations

from collections.abc import Sequence

from cvtex.backends.latex.engine import TexRunFailed
from cvtex.backends.latex.render import RenderedLatex
from cvtex.backends.latex.texlog import parse_missing_characters, parse_overfull
from cvtex.diagnostics import Diagnostic, FieldPath, Position, Severity, format_diagnostic
from cvtex.errors import TexError
from cvtex.model.scripts import PrintedWord, fields_containing
from cvtex.model.validate import Validated
from cvtex.source.loader import Document

GENERATED_TEX_NAME = "resume.tex (generated)"
OVERFULL_THRESHOLD_PT = 1.0


def explain_tex_failure(
    failure: TexRunFailed, rendered: RenderedLatex, document: Document
) -> TexError:
    """The TeX message, the ``.tex`` line and the YAML field(s) that produced it."""
    if not failure.messages:
        hint = _hint(str(failure))
        return TexError(f"TeX failed: {failure}" + (f"\nhint: {hint}" if hint else ""))
    tex_lines = rendered.source.splitlines()
    yaml_lines = document.text.splitlines()
    blocks: list[str] = []
    diagnostics: list[Diagnostic] = []
    for message in failure.messages[:3]:
        tex = Diagnostic(
            Severity.ERROR,
            message.message,
            position=Position(message.line, 0) if message.line else None,
            file=GENERATED_TEX_NAME,
        )
        text = format_diagnostic(tex, tex_lines)
        fields = rendered.line_fields.get(message.line or 0, ())
        for path in fields:
            position = document.position_of(path)
            note = Diagnostic(
                Severity.NOTE,
                "the LaTeX line above prints this field",
                path,
                position,
                document.filename,
            )
            text += "\n" + format_diagnostic(note, yaml_lines)
            diagnostics.append(
                Diagnostic(
                    Severity.ERROR,
                    f"TeX: {message.message}",
                    path,
                    position,
                    document.filename,
                    "tex",
                )
            )
        if not fields:
            diagnostics.append(tex)
            if message.line:
                text += "\n(the line comes from the template, not from a résumé field)"
        hint = _hint(message.message)
        if hint:
            text += f"\nhint: {hint}"
        blocks.append(text)
    return TexError("TeX failed:\n" + "\n".join(blocks), diagnostics)


_HINTS = (
    (
        "Unicode character",
        "pdflatex's fonts have no glyph for this character; replace it "
        "(for example ≥ with >=) or remove it",
    ),
    (".sty' not found", "the template uses a LaTeX package that this engine does not have"),
    ("did not finish within", "raise --timeout if the document is very long"),
)


def _hint(message: str) -> str | None:
    return next((hint for needle, hint in _HINTS if needle in message), None)


def warning_lines(log: str) -> str:
    """The lines of a log that warnings (and the page count) are made from, kept with
    a cached PDF."""
    return "".join(
        line
        for line in log.splitlines(keepends=True)
        if line.startswith(("Overfull \\hbox", "Missing character:", "Output written on "))
    )


def overfull_warnings(
    log: str, rendered: RenderedLatex, document: Document, template: str
) -> list[Diagnostic]:
    """Lines TeX could not fit, reported at the YAML field that printed them."""
    found: dict[FieldPath, float] = {}
    for overfull in parse_overfull(log):
        if overfull.points < OVERFULL_THRESHOLD_PT:
            continue
        for line in range(overfull.first_line, overfull.last_line + 1):
            for path in rendered.line_fields.get(line, ()):
                found[path] = max(found.get(path, 0.0), overfull.points)
    diagnostics = []
    for path, points in found.items():
        file, position = document.locate(path)
        message = f'this text sticks out {points:.1f}pt past the margin in template "{template}"'
        diagnostics.append(Diagnostic(Severity.WARNING, message, path, position, file, "overfull"))
    return diagnostics


def missing_glyph_warnings(
    log: str, document: Document, validated: Validated, words: Sequence[PrintedWord] = ()
) -> list[Diagnostic]:
    """Characters no font had (xelatex and lualatex drop them), at the fields holding
    them, and at the locale or design key for the words cvtex prints itself."""
    missing = parse_missing_characters(log)
    if not missing:
        return []
    # A template may print a field in capitals: a dropped Ś comes from an ś.
    printed_as = {v: m for m in missing for v in (m.lower(), m.upper()) if len(v) == 1}
    printed_as.update({m: m for m in missing})
    diagnostics = []
    for path, written in fields_containing(validated.resume, printed_as):
        char = printed_as[written]
        file, position = document.locate(path)
        message = f"no font has the character {char} (U+{ord(char):04X}); it was left out"
        if char != written:
            message += f" (printed for the {written} here, its case changed by the template)"
        diagnostics.append(
            Diagnostic(Severity.WARNING, message, path, position, file, "missing-glyph")
        )
    for word in words:
        for char in sorted(missing & set(word.text)):
            file, position = document.locate(word.path)
            source = f'the locale "{word.origin}" prints' if word.origin else "it prints"
            message = (
                f'{source} "{word.text}" ({word.what}); no font has the character {char} '
                f"(U+{ord(char):04X}); it was left out"
            )
            diagnostic = Diagnostic(
                Severity.WARNING, message, word.path, position, file, "missing-glyph"
            )
            if diagnostic not in diagnostics:
                diagnostics.append(diagnostic)
    return diagnostics
