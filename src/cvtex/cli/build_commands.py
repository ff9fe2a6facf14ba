"""``build``, ``validate`` and ``export``: the commands that read a résumé and check it."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from cvtex.cli.app import cli
from cvtex.cli.exit_codes import EXIT_CODES_HELP, EXPORT_EXIT_CODES_HELP, VALIDATE_EXIT_CODES_HELP
from cvtex.cli.guard import guarded
from cvtex.cli.params import (
    ALLOW_PATH,
    FORMAT,
    INPUT,
    STRICT,
    TEMPLATES,
    Seconds,
    completer,
    engine_option,
    environment,
    locale_option,
    output_option,
    print_warnings,
    set_option,
)
from cvtex.model.locale_codes import LOCALE_CODES


@cli.command(short_help="Build a résumé into a PDF.", epilog=EXIT_CODES_HELP)
@INPUT
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    callback=lambda ctx, param, value: output_option(value),
    help="Output file, or folder (an existing one, or any path ending in /) "
    "[default: next to FILE]; a folder for several templates.",
)
@TEMPLATES
@set_option("Set a field, e.g. --set design.accent=#1f4e79 or --set work[0].summary=...")
@click.option(
    "--engine",
    metavar="auto|NAME|PATH",
    envvar="CVTEX_ENGINE",
    callback=engine_option,
    shell_complete=completer("complete_engine"),
    help="auto (default), pdflatex, xelatex, lualatex, or the path of one "
    "(relative to the current folder) [env: CVTEX_ENGINE].",
)
@click.option("-v", "--verbose", is_flag=True, help="Say which engine was chosen and why.")
@click.option(
    "--locale",
    metavar="CODE",
    callback=lambda ctx, param, value: locale_option(value),
    shell_complete=completer("complete_locale"),
    help="Language of titles, months and 'present' "
    f"({', '.join(LOCALE_CODES)}); a CJK one needs xelatex, which auto picks.",
)
@click.option("--max-pages", type=click.IntRange(min=1), help="Exit 5 if the PDF has more pages.")
@click.option(
    "--fit",
    type=click.IntRange(min=1),
    metavar="N",
    help="Tighten the layout until the PDF has at most N pages.",
)
@click.option("--tex-only", is_flag=True, help="Write the LaTeX source instead of a PDF.")
@click.option("--keep-tex", is_flag=True, help="Also write the LaTeX source next to the PDF.")
@click.option(
    "--timeout",
    type=Seconds(),
    default=60.0,
    show_default=True,
    help="Seconds TeX may run (a finite number, at most a day).",
)
@click.option(
    "--no-cache", is_flag=True, help="Run TeX even when this exact input was built before."
)
@ALLOW_PATH
@STRICT
@FORMAT
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
@guarded
def build(
    file: Path,
    output: str | None,
    templates: tuple[str, ...],
    overrides: tuple[str, ...],
    engine: str | None,
    verbose: bool,
    locale: str | None,
    max_pages: int | None,
    fit: int | None,
    tex_only: bool,
    keep_tex: bool,
    timeout: float,
    no_cache: bool,
    allowed_paths: tuple[Path, ...],
    strict: bool,
    output_format: str,
    quiet: bool,
) -> None:
    """Build FILE (default: resume.yaml) into a PDF.

    FILE is checked first, as validate does, then typeset with each template given
    with -t (default: classic). --engine auto, the default, picks pdflatex for Latin
    text and xelatex for text pdflatex cannot set (CJK, Greek, Cyrillic…). Input that
    has not changed since the last build is not typeset again.

    \b
    Examples:
      cvtex build                         # resume.yaml → resume.pdf
      cvtex build cv.yaml -t modern -o out/
      cvtex build --locale de --set design.paper=a4 --max-pages 1
    """
    from cvtex.build import BuildRequest, CheckFailedWithReport
    from cvtex.build import build as run_build

    request = BuildRequest(
        source=file,
        output=Path(output) if output else None,
        output_is_folder=bool(output) and output.endswith(("/", os.sep)),  # type: ignore[union-attr]
        allowed_paths=allowed_paths,
        templates=templates,
        tex_only=tex_only,
        keep_tex=keep_tex,
        strict=strict,
        timeout=timeout,
        use_cache=not no_cache,
        overrides=(*overrides, *((f"locale={locale}",) if locale else ())),
        max_pages=max_pages,
        fit=fit,
        engine=engine,
        env=environment(),
    )
    try:
        report = run_build(request)
    except CheckFailedWithReport as failure:
        _print_build_report(
            failure.report,
            output_format,
            quiet,
            exit_code=int(failure.exit_status),
            error=str(failure),
        )
        if output_format != "json":
            for line in str(failure).splitlines():
                click.echo(f"cvtex: {line}", err=True)
        sys.exit(int(failure.exit_status))
    _print_build_report(report, output_format, quiet, exit_code=0, verbose=verbose)


def _print_build_report(
    report: Any,
    output_format: str,
    quiet: bool,
    *,
    exit_code: int,
    error: str | None = None,
    verbose: bool = False,
) -> None:
    if output_format == "json":
        from cvtex.cli.report import make_report
        from cvtex.diagnostics import Diagnostic, Severity

        diagnostics = list(report.warnings)
        if error:
            diagnostics.append(Diagnostic(Severity.ERROR, error, code="check"))
        click.echo(
            make_report(
                exit_code=exit_code,
                diagnostics=diagnostics,
                outputs=report.outputs,
                engine=report.engine,
                engine_reason=report.engine_reason,
                tex_passes=report.passes,
                cached=report.cached,
                pages={str(path): count for path, count in report.pages.items()},
                fit={str(path): list(changes) for path, changes in report.fit_changes.items()},
                sandbox=report.sandbox,
            )
        )
        return
    if quiet:
        return
    print_warnings(report.warnings, report.sources)
    if verbose and report.engine:
        click.echo(f"cvtex: engine {report.engine} ({report.engine_reason})", err=True)
        if report.sandbox:
            click.echo(f"cvtex: engine sandbox: {report.sandbox}", err=True)
    for path in report.outputs:
        verb = "unchanged" if path in report.unchanged else "wrote"
        count = report.pages.get(path)
        pages = f" ({count} page{'s' if count != 1 else ''})" if count else ""
        click.echo(f"cvtex: {verb} {path}{pages}", err=True)
        for change in report.fit_changes.get(path, ()):
            click.echo(f"cvtex:   fit: {change}", err=True)


@cli.command(short_help="Check a résumé without building it.", epilog=VALIDATE_EXIT_CODES_HELP)
@INPUT
@set_option("Set a field first.")
@TEMPLATES
@ALLOW_PATH
@STRICT
@FORMAT
@guarded
def validate(
    file: Path,
    overrides: tuple[str, ...],
    templates: tuple[str, ...],
    allowed_paths: tuple[Path, ...],
    strict: bool,
    output_format: str,
) -> None:
    """Check FILE (default: resume.yaml) without building it.

    FILE is checked against the schema and against the design options of each
    template given with -t (default: classic); every problem is reported at once,
    at its line. No TeX engine runs.

    \b
    Examples:
      cvtex validate
      cvtex validate --strict cv.yaml     # warnings fail too
      cvtex validate -t modern --format json
    """
    from cvtex.build import load_and_validate

    document, validated = load_and_validate(
        file,
        strict=strict,
        overrides=overrides,
        templates=templates,
        allowed_paths=allowed_paths,
        today=environment().today(),
    )
    from cvtex.checking import require_something_to_print

    require_something_to_print(document, validated)  # as build and export refuse it
    if output_format == "json":
        from cvtex.cli.report import make_report

        click.echo(make_report(exit_code=0, diagnostics=validated.warnings))
        return
    print_warnings(validated.warnings, document.sources)
    click.echo(f"cvtex: {file} is valid", err=True)


@cli.command(short_help="Write a résumé as text, Markdown, HTML or JSON Resume.",
             epilog=EXPORT_EXIT_CODES_HELP)  # fmt: skip
@INPUT
@click.option(
    "--to",
    "to",
    required=True,
    type=click.Choice(["text", "markdown", "html", "json-resume"]),
    help="The format: text (for application forms), markdown, html (one page), json-resume.",
)
@click.option(
    "-o",
    "--output",
    metavar="OUT",
    help="Write to OUT instead of standard output; a folder (or a name ending in /) "
    "gets FILE's name with the format's suffix. Missing folders are created.",
)
@set_option("Set a field first.")
@ALLOW_PATH
@STRICT
@guarded
def export(
    file: Path,
    to: str,
    output: str | None,
    overrides: tuple[str, ...],
    allowed_paths: tuple[Path, ...],
    strict: bool,
) -> None:
    """Write FILE (default: resume.yaml) in another format than PDF.

    FILE is checked as validate checks it, and what the PDF prints is written, in the
    same order, under the same link rules: text for an application form's paste box,
    Markdown, a single HTML page (no scripts, nothing fetched; in the classic look),
    or JSON Resume for other tools.

    \b
    Examples:
      cvtex export --to text | less
      cvtex export --to html -o site/index.html
      cvtex export cv.yaml --to json-resume -o resume.json
    """
    from cvtex.export import export as run_export

    to_file = _export_target(file, to, output)
    exported = run_export(
        file,
        to,
        output=to_file,
        strict=strict,
        overrides=overrides,
        allowed_paths=allowed_paths,
        env=environment(),
    )
    print_warnings(exported.warnings, exported.document.sources)
    data = exported.artefact.data
    if to_file is None:
        if sys.stdout is None:
            from cvtex.errors import OutputError

            raise OutputError("standard output is closed; name a file with -o")
        sys.stdout.flush()
        rest = memoryview(data)
        while rest:  # a write cut short by a reader that left returns less; the next raises
            rest = rest[sys.stdout.buffer.write(rest) :]
        sys.stdout.buffer.flush()  # a reader that left early is found here: exit 141
        return
    from cvtex.install import install

    install(to_file, data)
    click.echo(f"cvtex: wrote {to_file}", err=True)


def _export_target(file: Path, to: str, output: str | None) -> Path | None:
    """Where export writes: None for standard output (no -o, or -o -); in a folder
    (``-o site/``, or one that exists) the file is FILE's stem plus the suffix."""
    if output is None or output == "-":
        return None
    if not output:
        from cvtex.errors import UsageProblem

        raise UsageProblem("-o needs a file name (or - for standard output)")
    target = Path(output)
    if output.endswith(("/", os.sep)) or target.is_dir():
        from cvtex.backends import FORMATS

        return target / (file.stem + FORMATS[to].suffix)
    return target
