"""The pipeline end to end, one build request at a time.

``plan`` (:mod:`cvtex.plan`: load, ``--set``, validate, select, then the engine, fonts
and every target decided once) ``→ produce`` (here: per target, context → render →
compile → check → install). A failure at any stage leaves existing output untouched
(:mod:`cvtex.install` writes atomically); TeX's findings are mapped back to the YAML by
:mod:`cvtex.backends.latex.texdiagnostics`.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from cvtex.backends.latex import cache
from cvtex.backends.latex.context import TexSetup, template_context
from cvtex.backends.latex.design import DesignView
from cvtex.backends.latex.engine import CompileResult, Engine, TexRunFailed
from cvtex.backends.latex.fit import tighter_designs
from cvtex.backends.latex.pdfpages import count_pages
from cvtex.backends.latex.render import RenderedLatex, render
from cvtex.backends.latex.templates import TemplateRef
from cvtex.backends.latex.tex_run import compile_latex
from cvtex.backends.latex.texdiagnostics import (
    explain_tex_failure,
    missing_glyph_warnings,
    overfull_warnings,
    warning_lines,
)
from cvtex.checking import check_document, load_and_validate
from cvtex.diagnostics import Diagnostic, Severity
from cvtex.errors import CheckFailed, EnvironmentProblem, InputError
from cvtex.install import install
from cvtex.model.validate import Validated
from cvtex.plan import BuildPlan, Target, plan
from cvtex.request import BuildRequest
from cvtex.source.loader import Document
from cvtex.view.make import resume_view

__all__ = [
    "BuildPlan",
    "BuildReport",
    "BuildRequest",
    "CheckFailedWithReport",
    "build",
    "check_document",
    "load_and_validate",
    "plan",
    "produce",
    "render_plan",
]


@dataclass(frozen=True)
class BuildReport:
    """What a build did: files written, warnings, and how TeX ran."""

    outputs: tuple[Path, ...]
    warnings: tuple[Diagnostic, ...] = ()
    engine: str | None = None
    engine_reason: str | None = None
    passes: int = 0
    cached: bool = False
    unchanged: tuple[Path, ...] = ()
    pages: dict[Path, int] = field(default_factory=dict)
    fit_changes: dict[Path, tuple[str, ...]] = field(default_factory=dict)
    sources: Mapping[str, str] = field(default_factory=dict, repr=False)
    """The text of each file the warnings point into."""
    sandbox: str | None = None
    """How the engine process was confined ("landlock ABI 7", "bubblewrap", "partial…")."""


def render_plan(planned: BuildPlan) -> tuple[RenderedLatex, ...]:
    """Each target's LaTeX, rendered exactly as :func:`produce` renders it before TeX
    runs: the one path for ``--tex-only``, the golden files and the tests."""
    return tuple(_job(planned, target).render(target.design) for target in planned.targets)


def _job(planned: BuildPlan, target: Target) -> _Job:
    photo = target.photo
    files = {photo.name: photo.data} if photo else {}
    return _Job(
        planned.document,
        planned.validated,
        target.template,
        files,
        planned.request,
        photo.name if photo else None,
        target.tex,
    )


def build(request: BuildRequest) -> BuildReport:
    """Run the whole pipeline; raise a :class:`~cvtex.errors.CvtexError` on failure."""
    return produce(plan(request))


def produce(planned: BuildPlan) -> BuildReport:
    """Render, compile and install each target of ``planned``: stages 4–6. Decides
    nothing the plan did not; TeX's findings join the plan's notes."""
    request, document, validated = planned.request, planned.document, planned.validated
    engine = planned.engine
    warnings: list[Diagnostic] = list(planned.notes)
    outputs: list[Path] = []
    unchanged: list[Path] = []
    pages: dict[Path, int] = {}
    fit_changes: dict[Path, tuple[str, ...]] = {}
    too_long: list[str] = []
    passes = 0
    for target in planned.targets:
        ref, out, design = target.template, target.output, target.design
        job = _job(planned, target)
        rendered = job.render(design)
        if request.tex_only:
            _install_noting(out, rendered.source.encode("utf-8"), outputs, unchanged)
            continue
        if request.keep_tex:  # before TeX runs, so it is there to inspect on failure
            _install_noting(
                out.with_suffix(".tex"), rendered.source.encode("utf-8"), outputs, unchanged
            )
        result = job.compile(rendered, engine)
        count = count_pages(result.pdf, result.log)
        if request.fit is not None and count > request.fit:
            for tighter, changes in tighter_designs(design, ref.manifest.options):
                rendered = job.render(tighter)
                result = job.compile(rendered, engine)
                count = count_pages(result.pdf, result.log)
                fit_changes[out] = tuple(changes)
                if count <= request.fit:
                    break
            if count > request.fit:
                too_long.append(
                    f"{out}: {count} pages even at the tightest settings; "
                    f"--fit {request.fit} needs {count - request.fit} page(s) fewer "
                    "(remove content, or hide entries with hidden: true)"
                )
        found = planned.reporter.settle_all(
            (
                *overfull_warnings(result.log, rendered, document, ref.name),
                *missing_glyph_warnings(result.log, document, validated, planned.words),
            )
        )
        if any(d.severity is Severity.ERROR for d in found):  # --strict: keep the old PDF
            raise InputError([*warnings, *found], document.sources)
        warnings += found
        passes += result.passes
        pages[out] = count
        _install_noting(out, result.pdf, outputs, unchanged)
        limit = request.max_pages or design.max_pages
        if limit is not None and count > limit:
            too_long.append(
                f"{out} has {count} pages, {count - limit} more than the limit of {limit}"
                " (try --fit, a tighter template such as compact, or less content)"
            )
    report = BuildReport(
        outputs=tuple(outputs),
        warnings=tuple(warnings),
        engine=engine.describe(),
        engine_reason=planned.choice.reason,
        passes=passes,
        cached=bool(pages) and passes == 0,
        unchanged=tuple(unchanged),
        pages=pages,
        fit_changes=fit_changes,
        sources=document.sources,
        sandbox=None if request.tex_only else request.env.probes.sandbox().describe(),
    )
    if too_long:
        raise CheckFailedWithReport("\n".join(too_long), report)
    return report


class CheckFailedWithReport(CheckFailed):
    """A page limit failed; the PDFs were still written, and the report says which."""

    def __init__(self, message: str, report: BuildReport) -> None:
        super().__init__(message)
        self.report = report


@dataclass(frozen=True)
class _Job:
    """Rendering and compiling one template, possibly several times (--fit)."""

    document: Document
    validated: Validated
    ref: TemplateRef
    files: dict[str, bytes]
    request: BuildRequest
    photo: str | None
    tex: TexSetup

    def render(self, design: DesignView) -> RenderedLatex:
        """The LaTeX backend: the view, as this target's template prints it."""
        view = resume_view(
            self.validated.resume, photo=self.photo
        )  # dates as design.date_format says
        return render(template_context(view, design, self.tex), self.ref)

    def compile(self, rendered: RenderedLatex, engine: Engine) -> CompileResult:
        key = cache.cache_key(rendered.source, engine, self.files)
        env = self.request.env
        cached = cache.lookup_build(key, env.cache_dir) if self.request.use_cache else None
        if cached is not None:
            return CompileResult(pdf=cached[0], passes=0, log=cached[1])
        try:
            result = compile_latex(
                rendered.source,
                engine=engine,
                timeout=self.request.timeout,
                files=self.files,
                probes=env.probes,
            )
        except TexRunFailed as failure:
            said = " ".join([str(failure), *(m.message for m in failure.messages)])
            if self.photo is not None and self.photo in said:
                raise self._photo_failed(said) from failure
            if _NO_SPACE in failure.log or _NO_SPACE in str(failure):
                raise EnvironmentProblem(
                    f"TeX ran out of disk space in a temporary folder under "
                    f"{tempfile.gettempdir()} ({_NO_SPACE}); free some space or set TMPDIR "
                    "to another folder"
                ) from failure
            raise explain_tex_failure(failure, rendered, self.document) from failure
        except OSError as exc:  # e.g. a full or read-only TMPDIR
            raise EnvironmentProblem(
                f"cannot run TeX in a temporary folder under {tempfile.gettempdir()}: "
                f"{exc.strerror or exc} (free some space or set TMPDIR to another folder)"
            ) from exc
        cache.store(key, result.pdf, warning_lines(result.log), env.cache_dir)
        return result

    def _photo_failed(self, said: str) -> InputError:
        """TeX could not read the photo although it passed cvtex's checks: that is the
        photo's fault, reported at its field (the engine's own path left out)."""
        path = ("basics", "image")
        file, position = self.document.locate(path)
        reason = said.rsplit(f"{self.photo})", 1)[-1].strip(" :") or said
        message = f"TeX could not use the photo ({reason}); check the file or export it again"
        return InputError(
            [Diagnostic(Severity.ERROR, message, path, position, file, "photo")],
            self.document.sources,
        )


_NO_SPACE = "No space left on device"


def _install_noting(
    target: Path, payload: bytes, outputs: list[Path], unchanged: list[Path]
) -> None:
    if not install(target, payload):
        unchanged.append(target)
    outputs.append(target)
