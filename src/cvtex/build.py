"""The pipeline end to end, and the one place that writes into the user's folder.

``load → validate → context → render → compile → install``. A failure at any
stage leaves existing output untouched: files are written to a temporary name
in the target folder and moved into place with :func:`os.replace`.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from cvtex import cache
from cvtex.context import build_context
from cvtex.diagnostics import Diagnostic, Position, Severity, format_diagnostic
from cvtex.engine import DEFAULT_TIMEOUT, Engine, TexRunFailed, compile_latex, find_engine
from cvtex.errors import OutputError, TexError
from cvtex.loader import Document, load_file
from cvtex.render import RenderedLatex, render
from cvtex.templates import resolve_template
from cvtex.validate import Validated, validate

GENERATED_TEX_NAME = "resume.tex (generated)"


@dataclass(frozen=True)
class BuildRequest:
    """What ``cvtex build`` was asked to do."""

    source: Path
    output: Path | None = None
    template: str | None = None
    tex_only: bool = False
    keep_tex: bool = False
    strict: bool = False
    timeout: float = DEFAULT_TIMEOUT
    use_cache: bool = True


@dataclass(frozen=True)
class BuildReport:
    """What a build did: files written, warnings, and how TeX ran."""

    outputs: tuple[Path, ...]
    warnings: tuple[Diagnostic, ...] = ()
    engine: str | None = None
    passes: int = 0
    cached: bool = False
    unchanged: tuple[Path, ...] = ()
    source_text: str = field(default="", repr=False)


def load_and_validate(source: Path, *, strict: bool = False) -> tuple[Document, Validated]:
    """Stages 1–2: read the file and check it against the schema."""
    document = load_file(source)
    return document, validate(document, strict=strict)


def render_latex(validated: Validated, template: str | None) -> RenderedLatex:
    """Stages 3–4: lay out the context and render it through the template."""
    return render(build_context(validated.resume), resolve_template(template))


def output_path(request: BuildRequest) -> Path:
    """``-o`` as given, inside it when it is a folder, else next to the input."""
    suffix = ".tex" if request.tex_only else ".pdf"
    default_name = request.source.with_suffix(suffix).name
    if request.output is None:
        return request.source.with_suffix(suffix)
    if request.output.is_dir():
        return request.output / default_name
    return request.output


def build(request: BuildRequest, *, engine: Engine | None = None) -> BuildReport:
    """Run the whole pipeline; raise a :class:`~cvtex.errors.CvtexError` on failure."""
    document, validated = load_and_validate(request.source, strict=request.strict)
    rendered = render_latex(validated, request.template)
    latex = rendered.source.encode("utf-8")
    target = output_path(request)
    if request.tex_only:
        changed = install(target, latex)
        return BuildReport(
            outputs=(target,),
            warnings=validated.warnings,
            unchanged=() if changed else (target,),
            source_text=document.text,
        )
    outputs = [target]
    unchanged: list[Path] = []
    if request.keep_tex:
        # Written first, so the LaTeX is there to inspect when TeX fails.
        tex_target = target.with_suffix(".tex")
        if not install(tex_target, latex):
            unchanged.append(tex_target)
        outputs.append(tex_target)
    engine = engine or find_engine()
    key = cache.cache_key(rendered.source, engine)
    pdf = cache.lookup(key) if request.use_cache else None
    passes = 0
    if pdf is None:
        try:
            result = compile_latex(rendered.source, engine=engine, timeout=request.timeout)
        except TexRunFailed as failure:
            raise explain_tex_failure(failure, rendered, document) from failure
        pdf, passes = result.pdf, result.passes
        cache.store(key, pdf)
    if not install(target, pdf):
        unchanged.append(target)
    return BuildReport(
        outputs=tuple(outputs),
        warnings=validated.warnings,
        engine=engine.describe(),
        passes=passes,
        cached=passes == 0,
        unchanged=tuple(unchanged),
        source_text=document.text,
    )


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
                    Severity.ERROR, f"TeX: {message.message}", path, position, document.filename
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


def install(target: Path, payload: bytes) -> bool:
    """Write ``payload`` to ``target`` atomically; the old file survives any failure.

    Returns False, and leaves the file (and its mtime) alone, when it already holds
    exactly ``payload``.
    """
    with contextlib.suppress(OSError):
        same_size = target.is_file() and target.stat().st_size == len(payload)
        if same_size and target.read_bytes() == payload:
            return False
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).chmod(0o644)
        Path(temporary).replace(target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from exc
    return True
