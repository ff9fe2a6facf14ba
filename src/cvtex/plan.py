"""Stage 3, the plan: every decision a build makes before it renders anything.

:func:`plan` reads and checks the résumé, selects what prints, and then decides, from
that alone, the engine, the fonts and each target's template, design values and output
path. The result is a frozen :class:`BuildPlan`: producing its outputs
(:func:`cvtex.build.produce`) decides nothing more.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from cvtex.backends.latex.context import TexSetup
from cvtex.backends.latex.design import DesignView, design_view
from cvtex.backends.latex.engine import CJK_SCRIPTS, Engine, EngineChoice, select_engine
from cvtex.backends.latex.fonts import CJK_FONTS, fallback_family, install_line, text_families
from cvtex.backends.latex.probes import (
    Probes,
    require_fonts,
)
from cvtex.backends.latex.templates import TemplateRef, resolve_template
from cvtex.backends.latex.tex_run import check_source_date_epoch
from cvtex.checking import load_and_check, require_something_to_print
from cvtex.diagnostics import Diagnostic, Severity
from cvtex.errors import EnvironmentProblem, InputError
from cvtex.model.assets import Asset
from cvtex.model.locales import get_locale
from cvtex.model.scripts import (
    PrintedWord,
    ScriptUse,
    cjk_variant,
    printed_words,
    script_of,
    scripts_in,
    texts_in,
)
from cvtex.model.select import select
from cvtex.model.validate import Validated
from cvtex.outputs import check_targets, output_paths
from cvtex.reporter import Reporter
from cvtex.request import BuildRequest
from cvtex.source.loader import Document


@dataclass(frozen=True)
class Target:
    """One output: a template with its design values (checked once) and TeX setup."""

    template: TemplateRef
    output: Path
    design: DesignView
    tex: TexSetup
    photo: Asset | None
    """The photo, when this template shows one."""


@dataclass(frozen=True)
class BuildPlan:
    """Everything decided before anything is rendered; one value per build."""

    request: BuildRequest
    document: Document
    validated: Validated
    """The résumé as it prints: checked, then selected (hidden and blank parts gone)."""
    choice: EngineChoice
    words: tuple[PrintedWord, ...]
    """The words cvtex prints besides the fields (titles, the locale's words)."""
    targets: tuple[Target, ...]
    notes: tuple[Diagnostic, ...]
    """What checking and planning found to say: warnings, engine and hyphenation notes."""
    reporter: Reporter
    """Settles what the TeX run finds, by the same rule as every earlier stage."""

    @property
    def engine(self) -> Engine:
        return self.choice.engine


def plan(request: BuildRequest) -> BuildPlan:
    """Check the résumé and decide every target; raise a :class:`~cvtex.errors.CvtexError`
    (nothing written) when the build cannot go ahead."""
    if not request.tex_only:
        check_source_date_epoch(request.env.environ)  # the environment's mistake first
    refs = [resolve_template(spec) for spec in (request.templates or (None,))]
    document, validated, options = load_and_check(
        request.source,
        refs,
        strict=request.strict,
        overrides=request.overrides,
        allowed_paths=request.allowed_paths,
        today=request.env.today(),
    )
    require_something_to_print(document, validated)
    # From here on only what prints counts: a hidden entry picks no engine or font.
    validated = replace(validated, resume=select(validated.resume))
    outputs = output_paths(
        request.source,
        request.output,
        [ref.name for ref in refs],
        folder=request.output_is_folder,
        tex_only=request.tex_only,
    )
    written = [*outputs, *(t.with_suffix(".tex") for t in outputs if request.keep_tex)]
    inputs = {request.source: "the résumé"}
    if validated.photo is not None:
        inputs[validated.photo.source] = "the photo"
    check_targets(written, inputs, [folder for ref in refs for folder in ref.search_path])
    words = printed_words(validated.resume)
    probes = request.env.probes
    choice = _choose_engine(document, validated, request, words)
    printed = "".join([*(text for _, text in texts_in(validated.resume)), *(w.text for w in words)])
    notes: list[Diagnostic] = list(validated.warnings)
    notes += [Diagnostic(Severity.NOTE, text, code=code) for code, text in choice.notes]
    targets = []
    for ref, output, values in zip(refs, outputs, options, strict=True):
        if choice.engine.name not in ref.manifest.engines:
            raise EnvironmentProblem(
                f'template "{ref.name}" does not support {choice.engine.name} '
                f"(it supports {', '.join(ref.manifest.engines)})"
            )
        design = design_view(values, validated.resume)
        # A user template need not offer a font option: then its own preamble decides.
        font = str(design["font"]) if "font" in design else "latin-modern"
        tex = _tex_setup(choice, font, ref, printed, probes, check_fonts=not request.tex_only)
        tex, babel_note = _with_babel(tex, choice.engine, validated.resume.locale, probes)
        if babel_note and babel_note not in notes:
            notes.append(babel_note)
        photo = validated.photo if ref.manifest.photo else None
        targets.append(Target(ref, output, design, tex, photo))
    return BuildPlan(
        request=request,
        document=document,
        validated=validated,
        choice=choice,
        words=tuple(words),
        targets=tuple(targets),
        notes=tuple(notes),
        reporter=Reporter.for_document(document, strict=request.strict),
    )


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
    probes = request.env.probes
    uses = scripts_in(validated.resume, probes.pdflatex_charset())
    spec = request.engine or validated.resume.engine
    needed = _unicode_words(words, probes)
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
    if request.engine is None and spec == "lualatex" and not probes.sandbox().confined:
        file, position = document.locate(("engine",))
        message = (
            "the résumé asks for lualatex, whose Lua code is not confined on this machine "
            f"(engine sandbox: {probes.sandbox().describe()}); only the command line may "
            "choose it here (--engine lualatex), or use xelatex"
        )
        raise InputError(
            [Diagnostic(Severity.ERROR, message, ("engine",), position, file, "unconfined-engine")],
            document.sources,
        )
    choice = select_engine(spec, scripts, probes=probes, require=not request.tex_only)
    cjk = cjk_variant(validated.resume.locale, scripts) if choice.cjk else None
    return replace(choice, cjk=cjk)


def _unicode_words(
    words: Sequence[PrintedWord], probes: Probes
) -> list[tuple[tuple[str, ...], PrintedWord]]:
    """Each printed word pdflatex cannot set, with the scripts it needs, in order."""
    charset = probes.pdflatex_charset()
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
    return InputError(diagnostics, document.sources)


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
    return InputError(diagnostics, document.sources)


def _tex_setup(
    choice: EngineChoice,
    font: str,
    ref: TemplateRef,
    text: str,
    probes: Probes,
    *,
    check_fonts: bool,
) -> TexSetup:
    """Fonts for the engine: fontspec names under xelatex/lualatex; checked before TeX runs.
    ``text`` is everything the résumé prints, for the letters the main font lacks."""
    if choice.engine.name == "pdflatex":
        return TexSetup()
    main, sans = text_families(font, greek=choice.greek)
    cjk_serif, cjk_sans = CJK_FONTS[choice.cjk or "chinese"]
    fallback, codes = _fallback(main, text, probes)
    if check_fonts:
        needed = [main, sans, *ref.manifest.unicode_fonts, *([fallback] if codes else [])]
        if choice.cjk:
            needed += [cjk_serif, cjk_sans]
        install = install_line(choice.engine.name, cjk=bool(choice.cjk))
        require_fonts(list(dict.fromkeys(needed)), install, probes)
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


def _fallback(main: str, text: str, probes: Probes) -> tuple[str, tuple[str, ...]]:
    """The fallback font for ``main`` and the letters of ``text`` it should set: those
    ``main`` lacks and the fallback has (CJK goes to xeCJK's fonts instead)."""
    fallback = fallback_family(main)
    if fallback is None:
        return "", ()
    has, spare = probes.font_charset(main), probes.font_charset(fallback)
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
    tex: TexSetup, engine: Engine, locale_code: str | None, probes: Probes
) -> tuple[TexSetup, Diagnostic | None]:
    """Hyphenation follows the locale where the engine has the patterns; otherwise one
    warning says so."""
    locale = get_locale(locale_code)
    if locale.babel is None:
        return tex, None
    if probes.has_babel_language(engine, locale.babel):
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
