"""The pipeline end to end, one build request at a time.

``load → --set → validate → (per template: design → context → render → compile
→ check) → install``. A failure at any stage leaves existing output untouched
(:mod:`cvtex.install` writes atomically); TeX's findings are mapped back to the
YAML by :mod:`cvtex.texdiagnostics`.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from cvtex import cache
from cvtex.acknowledge import Acknowledgements, settle
from cvtex.assets import REMOTE_PREFIXES, Asset, AssetProblem, read_image, resolve_inside
from cvtex.context import TexSetup, build_context
from cvtex.design import DesignView, check_options, resolve_design
from cvtex.diagnostics import Diagnostic, Severity
from cvtex.engine import (
    CJK_SCRIPTS,
    DEFAULT_TIMEOUT,
    CompileResult,
    Engine,
    EngineChoice,
    TexRunFailed,
    check_source_date_epoch,
    compile_latex,
    font_charset,
    has_babel_language,
    pdflatex_charset,
    require_fonts,
    select_engine,
)
from cvtex.errors import (
    CheckFailed,
    EnvironmentProblem,
    InputError,
)
from cvtex.fit import tighter_designs
from cvtex.fonts import CJK_FONTS, fallback_family, install_line, text_families
from cvtex.importers import RENDERCV_CODE
from cvtex.install import install
from cvtex.legacy import LegacyFinding, modernise
from cvtex.loader import Document, load_file
from cvtex.locales import get_locale
from cvtex.outputs import check_targets, output_paths
from cvtex.overrides import apply_overrides, parse_assignment
from cvtex.pdfpages import count_pages
from cvtex.render import RenderedLatex, render
from cvtex.sandbox import sandbox_status
from cvtex.scripts import (
    PrintedWord,
    ScriptUse,
    cjk_variant,
    printed_words,
    script_of,
    scripts_in,
    texts_in,
)
from cvtex.select import prints_something, select
from cvtex.templates import TemplateRef, resolve_template
from cvtex.texdiagnostics import (
    explain_tex_failure,
    missing_glyph_warnings,
    overfull_warnings,
    warning_lines,
)
from cvtex.validate import Validated, validate


@dataclass(frozen=True)
class BuildRequest:
    """What ``cvtex build`` was asked to do."""

    source: Path
    output: Path | None = None
    templates: tuple[str, ...] = ()
    tex_only: bool = False
    keep_tex: bool = False
    strict: bool = False
    timeout: float = DEFAULT_TIMEOUT
    use_cache: bool = True
    overrides: tuple[str, ...] = ()
    max_pages: int | None = None
    fit: int | None = None
    engine: str | None = None
    """auto, pdflatex, xelatex, lualatex or a path; None: the résumé's engine key, else auto."""
    output_is_folder: bool = False
    """``-o`` ended in ``/``: a folder, created if needed, even when it does not exist."""
    allowed_paths: tuple[Path, ...] = ()
    """Folders besides the résumé's own from which it may name files (``--allow-path``)."""

    @property
    def template(self) -> str | None:
        return self.templates[0] if self.templates else None


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
    source_text: str = field(default="", repr=False)
    sandbox: str | None = None
    """How the engine process was confined ("landlock ABI 7", "bubblewrap", "partial…")."""


def load_and_validate(
    source: Path,
    *,
    strict: bool = False,
    overrides: tuple[str, ...] = (),
    templates: tuple[str, ...] = (),
    allowed_paths: tuple[Path, ...] = (),
    refs: Sequence[TemplateRef] | None = None,
) -> tuple[Document, Validated]:
    """Stages 1–2: read the file, apply ``--set``, check it against the schema and
    the design options of each template (``refs``, else resolved from ``templates``);
    every problem is reported at once."""
    document = apply_overrides(load_file(source), [parse_assignment(o) for o in overrides])
    document, legacy = modernise(document)  # old JSON Resume names, for every later stage
    if refs is None:
        refs = [resolve_template(spec) for spec in templates or (None,)]
    validated = check_document(
        document, refs, strict=strict, allowed_paths=allowed_paths, legacy=legacy
    )
    return document, validated


def check_document(
    document: Document,
    refs: Sequence[TemplateRef] = (),
    *,
    strict: bool = False,
    today: dt.date | None = None,
    allowed_paths: tuple[Path, ...] = (),
    legacy: Sequence[LegacyFinding] | None = None,
) -> Validated:
    """Schema validation, design checks and the photo (when a template shows it),
    their problems merged into one error."""
    diagnostics: list[Diagnostic] = []
    validated: Validated | None = None
    try:
        validated = validate(document, strict=strict, today=today, legacy=legacy)
        diagnostics += validated.warnings
    except InputError as exc:
        if any(d.code == RENDERCV_CODE for d in exc.diagnostics):
            raise  # its design is RenderCV's: checking it against the template says nothing
        diagnostics += exc.diagnostics
    for ref in refs or (resolve_template(None),):
        try:
            diagnostics += check_options(document, ref, strict=strict)[1]
        except InputError as exc:
            diagnostics += exc.diagnostics
    photo: Asset | None = None
    if validated is not None and any(ref.manifest.photo for ref in refs):
        photo, found = _photo(document, validated, allowed_paths, strict=strict)
        diagnostics += found
    unique = list(dict.fromkeys(diagnostics))
    if validated is None or any(d.severity is Severity.ERROR for d in unique):
        raise InputError(unique, document.text)
    return Validated(validated.resume, tuple(unique), photo)


def render_latex(
    document: Document, validated: Validated, template: str | None, *, strict: bool = False
) -> tuple[RenderedLatex, tuple[Diagnostic, ...]]:
    """Stages 3–4 for one template; returns the LaTeX and the design warnings."""
    ref = resolve_template(template)
    design, warnings = resolve_design(document, validated.resume, ref, strict=strict)
    return render(build_context(select(validated.resume), design), ref), warnings


def build(request: BuildRequest) -> BuildReport:
    """Run the whole pipeline; raise a :class:`~cvtex.errors.CvtexError` on failure."""
    if not request.tex_only:
        check_source_date_epoch()  # the environment's mistake, before the résumé's
    refs = [resolve_template(spec) for spec in (request.templates or (None,))]
    document, validated = load_and_validate(
        request.source,
        strict=request.strict,
        overrides=request.overrides,
        allowed_paths=request.allowed_paths,
        refs=refs,
    )
    if not prints_something(validated.resume):
        message = "nothing to print: the résumé has no name, contact details or sections"
        diagnostic = Diagnostic(Severity.ERROR, message, code="nothing-to-print")
        raise InputError([diagnostic, *validated.warnings], document.text)
    # From here on only what prints counts: a hidden entry picks no engine or font.
    validated = replace(validated, resume=select(validated.resume))
    targets = output_paths(
        request.source,
        request.output,
        [ref.name for ref in refs],
        folder=request.output_is_folder,
        tex_only=request.tex_only,
    )
    written = [*targets, *(t.with_suffix(".tex") for t in targets if request.keep_tex)]
    inputs = {request.source: "the résumé"}
    if validated.photo is not None:
        inputs[validated.photo.source] = "the photo"
    check_targets(written, inputs, [folder for ref in refs for folder in ref.search_path])
    warnings: list[Diagnostic] = list(validated.warnings)
    words = printed_words(validated.resume)
    choice = _choose_engine(document, validated, request, words)
    printed = "".join([*(text for _, text in texts_in(validated.resume)), *(w.text for w in words)])
    engine = choice.engine
    warnings += [Diagnostic(Severity.NOTE, text, code=code) for code, text in choice.notes]
    outputs: list[Path] = []
    unchanged: list[Path] = []
    pages: dict[Path, int] = {}
    fit_changes: dict[Path, tuple[str, ...]] = {}
    too_long: list[str] = []
    passes = 0
    accepted = Acknowledgements.of(document.data)
    for ref, target in zip(refs, targets, strict=True):
        if engine.name not in ref.manifest.engines:
            raise EnvironmentProblem(
                f'template "{ref.name}" does not support {engine.name} '
                f"(it supports {', '.join(ref.manifest.engines)})"
            )
        design, _ = resolve_design(document, validated.resume, ref, strict=request.strict)
        # A user template need not offer a font option: then its own preamble decides.
        font = str(design["font"]) if "font" in design else "latin-modern"
        tex = _tex_setup(choice, font, ref, printed, check_fonts=not request.tex_only)
        tex, babel_warning = _with_babel(tex, engine, validated.resume.locale)
        if babel_warning and babel_warning not in warnings:
            warnings.append(babel_warning)
        photo = validated.photo if ref.manifest.photo else None
        files = {photo.name: photo.data} if photo else {}
        job = _Job(document, validated, ref, files, request, photo.name if photo else None, tex)
        rendered = job.render(design)
        if request.tex_only:
            _install_noting(target, rendered.source.encode("utf-8"), outputs, unchanged)
            continue
        if request.keep_tex:  # before TeX runs, so it is there to inspect on failure
            _install_noting(
                target.with_suffix(".tex"), rendered.source.encode("utf-8"), outputs, unchanged
            )
        result = job.compile(rendered, engine)
        count = count_pages(result.pdf, result.log)
        if request.fit is not None and count > request.fit:
            for tighter, changes in tighter_designs(design, ref.manifest.options):
                rendered = job.render(tighter)
                result = job.compile(rendered, engine)
                count = count_pages(result.pdf, result.log)
                fit_changes[target] = tuple(changes)
                if count <= request.fit:
                    break
            if count > request.fit:
                too_long.append(
                    f"{target}: {count} pages even at the tightest settings; "
                    f"--fit {request.fit} needs {count - request.fit} page(s) fewer "
                    "(remove content, or hide entries with hidden: true)"
                )
        found = [
            settle(d, request.strict, accepted)
            for d in (
                *overfull_warnings(result.log, rendered, document, ref.name),
                *missing_glyph_warnings(result.log, document, validated, words),
            )
        ]
        if any(d.severity is Severity.ERROR for d in found):  # --strict: keep the old PDF
            raise InputError([*warnings, *found], document.text)
        warnings += found
        passes += result.passes
        pages[target] = count
        _install_noting(target, result.pdf, outputs, unchanged)
        limit = request.max_pages or design.max_pages
        if limit is not None and count > limit:
            too_long.append(
                f"{target} has {count} pages, {count - limit} more than the limit of {limit}"
                " (try --fit, a tighter template such as compact, or less content)"
            )
    report = BuildReport(
        outputs=tuple(outputs),
        warnings=tuple(warnings),
        engine=engine.describe(),
        engine_reason=choice.reason,
        passes=passes,
        cached=bool(pages) and passes == 0,
        unchanged=tuple(unchanged),
        pages=pages,
        fit_changes=fit_changes,
        source_text=document.text,
        sandbox=None if request.tex_only else sandbox_status().describe(),
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
        context = build_context(self.validated.resume, design, self.photo, self.tex)
        return render(context, self.ref)

    def compile(self, rendered: RenderedLatex, engine: Engine) -> CompileResult:
        key = cache.cache_key(rendered.source, engine, self.files)
        cached = cache.lookup_build(key) if self.request.use_cache else None
        if cached is not None:
            return CompileResult(pdf=cached[0], passes=0, log=cached[1])
        try:
            result = compile_latex(
                rendered.source, engine=engine, timeout=self.request.timeout, files=self.files
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
        cache.store(key, result.pdf, warning_lines(result.log))
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
            self.document.text,
        )


_NO_SPACE = "No space left on device"


def _choose_engine(
    document: Document,
    validated: Validated,
    request: BuildRequest,
    words: Sequence[PrintedWord],
) -> EngineChoice:
    """The engine for this résumé (validation has refused right-to-left text).

    The words cvtex prints besides the résumé's fields (the locale's, the design's
    section titles) count as much as the fields. Where the engine process cannot be
    confined, lualatex's Lua can reach any file, so the résumé (someone else's,
    perhaps) may not choose it; the command line may."""
    uses = scripts_in(validated.resume, pdflatex_charset())
    spec = request.engine or validated.resume.engine
    needed = _unicode_words(words)
    if needed and (spec or "auto") == "pdflatex":
        raise _pdflatex_cannot_print(document, request, needed)
    if uses and spec == "pdflatex":
        raise _engine_cannot_set(document, request, uses, "pdflatex cannot set it")
    cjk_uses = [use for use in uses if use.script in ("chinese", "japanese", "korean")]
    if cjk_uses and spec == "lualatex":
        why = "cvtex sets CJK text with xeCJK, which lualatex lacks"
        raise _engine_cannot_set(document, request, cjk_uses[:1], why)
    word_scripts = [script for scripts, _ in needed for script in scripts]
    scripts = list(dict.fromkeys([*(use.script for use in uses), *word_scripts]))
    if request.engine is None and spec == "lualatex" and not sandbox_status().confined:
        file, position = document.locate(("engine",))
        message = (
            "the résumé asks for lualatex, whose Lua code is not confined on this machine "
            f"(engine sandbox: {sandbox_status().describe()}); only the command line may "
            "choose it here (--engine lualatex), or use xelatex"
        )
        raise InputError(
            [Diagnostic(Severity.ERROR, message, ("engine",), position, file, "unconfined-engine")],
            document.text,
        )
    choice = select_engine(spec, scripts, require=not request.tex_only)
    cjk = cjk_variant(validated.resume.locale, scripts) if choice.cjk else None
    return replace(choice, cjk=cjk)


def _unicode_words(words: Sequence[PrintedWord]) -> list[tuple[tuple[str, ...], PrintedWord]]:
    """Each printed word pdflatex cannot set, with the scripts it needs, in order."""
    charset = pdflatex_charset()
    found = []
    for word in words:
        scripts = tuple(dict.fromkeys(s for s in (script_of(c, charset) for c in word.text) if s))
        if scripts:
            found.append((scripts, word))
    return found


def _engine_fix(request: BuildRequest) -> str:
    """How to choose xelatex, in the words of wherever the engine was chosen."""
    if request.engine is not None:
        return "use --engine xelatex (or auto)"
    return "set engine: xelatex (or auto, or leave engine out)"


def _engine_cannot_set(
    document: Document, request: BuildRequest, uses: Sequence[ScriptUse], why: str
) -> InputError:
    """Text the chosen engine cannot set, reported at its fields before TeX runs (TeX
    itself would stop at the end of the table the text sits in, far from the field)."""
    diagnostics = []
    for use in uses:
        file, position = document.locate(use.path)
        message = f'"{use.sample}" ({use.script}) needs xelatex: {why}; {_engine_fix(request)}'
        diagnostics.append(
            Diagnostic(Severity.ERROR, message, use.path, position, file, "engine-script")
        )
    return InputError(diagnostics, document.text)


def _pdflatex_cannot_print(
    document: Document,
    request: BuildRequest,
    needs: Sequence[tuple[tuple[str, ...], PrintedWord]],
) -> InputError:
    """Errors at each word's origin (a section title; the locale once), with the fix in
    the words of wherever the engine and that word were chosen."""
    engine_fix = _engine_fix(request)
    diagnostics = []
    locale_reported = False
    for scripts, word in needs:
        file, position = document.locate(word.path)
        if word.path == ("locale",):
            if locale_reported:
                continue
            locale_reported = True
            code = document.override_for(("locale",))
            word_fix = "build without --locale" if code is not None else "choose another locale"
            message = (
                f'locale "{word.origin}" prints words such as "{word.text}", which pdflatex '
                f"cannot set: {engine_fix}, or {word_fix}"
            )
        else:
            symbol = scripts[0] == "symbol"
            other = "leave the symbol out" if symbol else "write it in Latin letters"
            message = (
                f'"{word.text}" needs xelatex, pdflatex cannot set it: {engine_fix}, or {other}'
            )
        diagnostics.append(
            Diagnostic(Severity.ERROR, message, word.path, position, file, "locale-engine")
        )
    return InputError(diagnostics, document.text)


def _tex_setup(
    choice: EngineChoice, font: str, ref: TemplateRef, text: str, *, check_fonts: bool
) -> TexSetup:
    """Fonts for the engine: fontspec names under xelatex/lualatex; checked before TeX runs.
    ``text`` is everything the résumé prints, for the letters the main font lacks."""
    if choice.engine.name == "pdflatex":
        return TexSetup()
    main, sans = text_families(font, greek=choice.greek)
    cjk_serif, cjk_sans = CJK_FONTS[choice.cjk or "chinese"]
    fallback, codes = _fallback(main, text)
    if check_fonts:
        needed = [main, sans, *ref.manifest.unicode_fonts, *([fallback] if codes else [])]
        if choice.cjk:
            needed += [cjk_serif, cjk_sans]
        install = install_line(choice.engine.name, cjk=bool(choice.cjk))
        require_fonts(list(dict.fromkeys(needed)), install)
    return TexSetup(
        choice.engine.name,
        choice.cjk,
        main,
        sans,
        cjk_serif,
        cjk_sans,
        harfbuzz=choice.engine.name == "lualatex" and main.startswith("Noto"),
        fallback_font=fallback if codes else "",
        fallback_codes=codes,
    )


def _fallback(main: str, text: str) -> tuple[str, tuple[str, ...]]:
    """The fallback font for ``main`` and the letters of ``text`` it should set: those
    ``main`` lacks and the fallback has (CJK goes to xeCJK's fonts instead)."""
    fallback = fallback_family(main)
    if fallback is None:
        return "", ()
    has, spare = font_charset(main), font_charset(fallback)
    if has is None or spare is None:
        return fallback, ()
    letters = {
        c
        for c in set(text)
        if ord(c) > 0x7F and script_of(c) not in CJK_SCRIPTS and unicodedata.category(c)[0] == "L"
    }
    # Templates print some text in capitals (modern's section titles): both cases.
    cased = {v for c in letters for v in (c, c.upper(), c.lower()) if len(v) == 1}
    wanted = {ord(c) for c in cased}
    return fallback, tuple(f"{code:04X}" for code in sorted((wanted - has) & spare))


def _with_babel(
    tex: TexSetup, engine: Engine, locale_code: str | None
) -> tuple[TexSetup, Diagnostic | None]:
    """Hyphenation follows the locale where the engine has the patterns; otherwise one
    warning says so."""
    locale = get_locale(locale_code)
    if locale.babel is None:
        return tex, None
    if has_babel_language(engine, locale.babel):
        return replace(tex, babel=locale.babel), None
    where = "the bundled pdflatex" if engine.bundled else str(engine.executable)
    message = (
        f"{where} has no hyphenation patterns for {locale.name}; the text is set without them "
        "(cvtex's templates hardly hyphenate anyway; for the patterns use --engine xelatex "
        f"with sudo apt-get install texlive-lang-{_TEXLIVE_LANG.get(locale.code, 'european')})"
    )
    return tex, Diagnostic(Severity.NOTE, message, code="no-hyphenation")


_TEXLIVE_LANG = {
    "de": "german",
    "fr": "french",
    "es": "spanish",
    "pt": "portuguese",
    "it": "italian",
}


def _install_noting(
    target: Path, payload: bytes, outputs: list[Path], unchanged: list[Path]
) -> None:
    if not install(target, payload):
        unchanged.append(target)
    outputs.append(target)


def _photo(
    document: Document, validated: Validated, allowed: tuple[Path, ...], *, strict: bool
) -> tuple[Asset | None, list[Diagnostic]]:
    """The photo to copy into the build folder, checked where the résumé names it."""
    image = validated.resume.basics.image
    if image is None:
        return None, []
    path_in_yaml = ("basics", "image")
    file, position = document.locate(path_in_yaml)
    if image.startswith(REMOTE_PREFIXES):
        message = "remote images are not downloaded; give the path of a local file"
        remote = Diagnostic(Severity.WARNING, message, path_in_yaml, position, file, "remote-image")
        return None, [settle(remote, strict, Acknowledgements.of(document.data))]
    trusted = document.override_for(path_in_yaml) is not None  # --set: the user's own
    try:
        path = resolve_inside(image, Path(document.filename).parent, allowed, trusted=trusted)
        return read_image(path), []
    except AssetProblem as exc:
        return None, [Diagnostic(Severity.ERROR, str(exc), path_in_yaml, position, file, "photo")]
