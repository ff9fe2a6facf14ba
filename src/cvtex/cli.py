"""The command line: parse arguments, call the library, map failures to exit codes.

Heavy modules (pydantic, jinja2) are imported inside the commands so that
``cvtex --help`` and ``cvtex --version`` stay fast. No logic lives here.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from cvtex import __version__
from cvtex.exit_status import ExitStatus
from cvtex.locale_codes import LOCALE_CODES

F = TypeVar("F", bound=Callable[..., Any])


def _exit_codes(*codes: str) -> str:
    """An epilog that lists the exit codes one command can return: ``codes``, then 70
    and the signals, which every command returns through :func:`_guarded`."""
    lines = (
        *codes,
        "70 internal error (a bug in cvtex: please report it)",
        "129, 130, 143  stopped by SIGHUP, SIGINT (Ctrl-C), SIGTERM",
    )
    return "\b\nExit codes:\n" + "".join(f"  {line}\n" for line in lines)


_INVALID = "1  invalid input: YAML, schema, template, or a warning under --strict"
_USAGE_FILE = "2  usage error, including a missing input file"
_USAGE = "2  usage error"

EXIT_CODES_HELP = _exit_codes(
    "0  success",
    _INVALID,
    _USAGE_FILE,
    "3  TeX failed or timed out",
    "4  missing engine or another problem with this machine",
    "5  the PDF was built but fails a requested check",
)
VALIDATE_EXIT_CODES_HELP = _exit_codes("0  valid", _INVALID, _USAGE_FILE)
NEW_EXIT_CODES_HELP = _exit_codes(
    "0  success",
    "2  usage error, or PATH exists (use --force)",
    "4  a file could not be written",
)
IMPORT_EXIT_CODES_HELP = _exit_codes(
    "0  success",
    "1  invalid input (located errors), or content to fix in the written file",
    "2  usage error, or OUT exists (use --force) or is FILE itself",
    "4  OUT could not be written",
)
EXPORT_EXIT_CODES_HELP = _exit_codes(
    "0  success",
    _INVALID,
    _USAGE_FILE,
    "4  OUT could not be written",
)
SCHEMA_EXIT_CODES_HELP = _exit_codes(
    "0  success", _USAGE, "4  the output file could not be written"
)
TEMPLATES_EXIT_CODES_HELP = _exit_codes(
    "0  success",
    "1  the template is not valid (its template.yaml)",
    "2  usage error, including an unknown NAME",
)
DOCTOR_EXIT_CODES_HELP = _exit_codes(
    "0  the default build can run",
    "2  usage error, including a CVTEX_ENGINE that names no engine",
    "4  the default build cannot run here (e.g. no pdflatex)",
)
COMPLETION_EXIT_CODES_HELP = _exit_codes("0  success", _USAGE)

COMMAND_ORDER = (
    "new",
    "import",
    "build",
    "validate",
    "export",
    "templates",
    "doctor",
    "schema",
    "completion",
)
"""``cvtex --help`` in the order a new user meets the commands: write a résumé, build
it, check it while editing, export it for a web form; pick a look; doctor when a build
cannot find TeX; then editor and shell integration."""


def _echo_json_failure(exit_code: int, message: str, code: str) -> None:
    from cvtex.diagnostics import Diagnostic, Severity
    from cvtex.report import make_report

    failure = Diagnostic(Severity.ERROR, message, code=code)
    click.echo(make_report(exit_code=exit_code, diagnostics=[failure]))


_SIGNAL_EXITS = {
    "SIGHUP": ExitStatus.HANGUP,
    "SIGINT": ExitStatus.INTERRUPTED,
    "SIGTERM": ExitStatus.TERMINATED,
}


@contextlib.contextmanager
def _signals_as_exceptions() -> Iterator[None]:
    """Turn SIGINT, SIGTERM and SIGHUP into :class:`Interrupted` while a command runs, so
    the ``finally`` blocks below it kill the TeX engine's process group and remove the
    temporary build folder before cvtex exits with 128 + the signal number. Only the
    first signal is raised: a second one must not cut that cleanup short. A signal the
    caller ignores (``nohup``, a shell's background job) stays ignored."""
    from cvtex.errors import CvtexError

    class Interrupted(CvtexError):
        code = "interrupted"

        def __init__(self, name: str) -> None:
            super().__init__(f"cvtex: interrupted by {name}")
            self.exit_status = _SIGNAL_EXITS[name]

    raised = False

    def handler(number: int, frame: object) -> None:
        nonlocal raised
        if not raised:
            raised = True
            raise Interrupted(signal.Signals(number).name)

    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers (e.g. under a test runner)
        return
    names = [
        name
        for name in _SIGNAL_EXITS
        if hasattr(signal, name) and signal.getsignal(getattr(signal, name)) != signal.SIG_IGN
    ]
    previous = {name: signal.signal(getattr(signal, name), handler) for name in names}
    try:
        yield
    finally:
        for name, old in previous.items():
            signal.signal(getattr(signal, name), old)


def _guarded(command: F) -> F:
    """Run a command, turning cvtex errors into messages (or a JSON report) and exit codes."""

    @functools.wraps(command)
    def wrapper(*args: Any, debug: bool = False, **kwargs: Any) -> Any:
        from cvtex.errors import CvtexError

        as_json = kwargs.get("output_format") == "json"
        try:
            with _signals_as_exceptions():
                result = command(*args, **kwargs)
                sys.stdout.flush()  # a reader that left (| head) is found here, not at exit
                return result
        except CvtexError as exc:
            if debug:
                traceback.print_exc()
            if as_json:
                from cvtex.report import make_report

                code = int(exc.exit_status)
                click.echo(make_report(exit_code=code, diagnostics=exc.as_diagnostics()))
            else:
                click.echo(exc.render(), err=True)
            sys.exit(int(exc.exit_status))
        except KeyboardInterrupt:
            if as_json:
                _echo_json_failure(130, "interrupted", "interrupted")
            click.echo("cvtex: interrupted", err=True)
            sys.exit(130)
        except BrokenPipeError:
            # The reader of stdout left (`cvtex schema | head`): stop quietly, as other
            # tools do, and keep Python from failing again when it flushes at exit.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(int(ExitStatus.BROKEN_PIPE))
        except Exception as exc:
            if debug:
                raise
            message = f"internal error: {type(exc).__name__}: {exc}"
            if as_json:
                _echo_json_failure(int(ExitStatus.INTERNAL_ERROR), message, "internal")
            click.echo(
                f"cvtex: {message}\n"
                "This is a bug in cvtex. Run again with --debug for details and please report it.",
                err=True,
            )
            sys.exit(int(ExitStatus.INTERNAL_ERROR))

    debug_option = click.option("--debug", is_flag=True, help="Show Python tracebacks on errors.")
    return debug_option(wrapper)  # type: ignore[return-value]


class CvtexGroup(click.Group):
    """The command group; with ``--format json`` even a usage error (exit 2) is
    reported as the one JSON object on standard output."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        def rank(name: str) -> tuple[int, str]:
            known = name in COMMAND_ORDER
            return (COMMAND_ORDER.index(name) if known else len(COMMAND_ORDER), name)

        return sorted(super().list_commands(ctx), key=rank)

    def main(self, args: Any = None, *pos: Any, **kwargs: Any) -> Any:
        if (kwargs.get("complete_var") or "_CVTEX_COMPLETE") in os.environ:  # a shell's TAB
            from cvtex.shells import register

            register()
        argv = list(sys.argv[1:] if args is None else args)
        wants_json = any(
            a == "--format=json" or (a == "--format" and b == "json")
            for a, b in itertools.pairwise([*argv, ""])
        )
        if not wants_json or kwargs.get("standalone_mode") is False:
            return super().main(argv, *pos, **kwargs)
        try:
            return super().main(argv, *pos, **{**kwargs, "standalone_mode": False})
        except click.ClickException as exc:
            _echo_json_failure(exc.exit_code, exc.format_message(), "usage")
            sys.exit(exc.exit_code)
        except click.Abort:
            _echo_json_failure(130, "interrupted", "interrupted")
            sys.exit(130)


def _print_warnings(warnings: Any, sources: Any) -> None:
    from cvtex.diagnostics import format_all

    text = format_all(warnings, sources)
    if text:  # acknowledged warnings (ignore:) are not printed
        click.echo(text, err=True)


def _completer(name: str) -> Callable[[click.Context, click.Parameter, str], list[Any]]:
    """A shell_complete callback that imports :mod:`cvtex.completion` only when a shell
    asks, so ``cvtex --help`` does not load it."""

    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
        from cvtex import completion

        found: list[Any] = getattr(completion, name)(ctx, param, incomplete)
        return found

    return complete


def _locale_option(value: str | None) -> str | None:
    """A locale named on the command line is the user's mistake, not the file's: exit 2."""
    if value is None or value in LOCALE_CODES:
        return value
    if not value.strip():
        raise click.BadParameter(f"the locale is empty; give one of {', '.join(LOCALE_CODES)}")
    from cvtex.locales import get_locale, unknown_locale

    try:
        get_locale(value)  # other spellings the locale table accepts (zh-TW…)
        return value
    except KeyError:
        raise click.BadParameter(unknown_locale(value)) from None


def _engine_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """``--engine``/``CVTEX_ENGINE``: a name, or a LaTeX engine's path resolved against
    the current folder (:func:`cvtex.engine.check_engine_spec`); a mistake in either is
    a usage error, and one in the environment is named as such."""
    if value is None:
        return None
    from click.core import ParameterSource

    from cvtex.engine import check_engine_spec
    from cvtex.errors import UsageProblem

    try:
        return check_engine_spec(value)
    except UsageProblem as exc:
        from_env = ctx.get_parameter_source(param.name or "") is ParameterSource.ENVIRONMENT
        raise click.BadParameter(
            str(exc), ctx, param, param_hint="CVTEX_ENGINE" if from_env else None
        ) from None


def _output_option(value: str | None) -> str | None:
    """``-o``: a file or folder name. cvtex writes no PDF to standard output, and an
    empty name is no name (it was read as "not given")."""
    if value == "-":
        raise click.BadParameter(
            "cvtex writes the PDF to a file; give its name (e.g. -o resume.pdf), or write "
            "-o ./- for a file named -"
        )
    if value == "":
        raise click.BadParameter("the name is empty; give a file or folder name")
    return value


def _template_option(values: tuple[str, ...]) -> tuple[str, ...]:
    """``-t NAME|DIR``: a template the command line names but that does not exist is the
    user's mistake on the command line, like an unknown ``--engine``: exit 2. What the
    template's own files say (``template.yaml``, its ``extends:``) is checked when it is
    read, exit 1 at the line."""
    from cvtex.errors import CvtexError
    from cvtex.templates import UnknownTemplate, find_template

    for value in values:
        try:
            find_template(value)
        except UnknownTemplate as exc:
            raise click.BadParameter(str(exc)) from None
        except CvtexError:
            break  # a broken installation: reported by the command, with its exit status
    return values


class InputFile(click.Path):
    """The résumé to read: it must exist, and a missing one gets a did-you-mean
    (``cv`` → ``cv.yaml``, ``resme.yaml`` → ``resume.yaml``)."""

    def __init__(self) -> None:
        super().__init__(exists=True, dir_okay=False, path_type=Path)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not os.path.lexists(value):
            from click.core import ParameterSource

            from cvtex.suggest import suggest_file

            default = (
                ctx is not None
                and param is not None
                and ctx.get_parameter_source(param.name or "") is ParameterSource.DEFAULT
            )
            guess = suggest_file(Path(value), only_one_resume=default)
            if guess is not None:
                self.fail(f'File "{value}" does not exist; did you mean "{guess}"?', param, ctx)
            if default:
                self.fail(
                    f'File "{value}" does not exist here; name the résumé to read, or write '
                    "a starter with: cvtex new",
                    param,
                    ctx,
                )
        return super().convert(value, param, ctx)


INPUT = click.argument("file", type=InputFile(), default="resume.yaml")
STRICT = click.option(
    "--strict", is_flag=True, help="Treat warnings as errors, except those accepted with ignore:."
)
ALLOW_PATH = click.option(
    "--allow-path",
    "allowed_paths",
    metavar="DIR",
    multiple=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Let the résumé name files (its photo) in DIR too, not only in its own folder.",
)


class Seconds(click.FloatRange):
    """A finite number of seconds from 1 to a day: ``inf`` and ``nan`` are refused."""

    name = "seconds"

    def __init__(self) -> None:
        super().__init__(min=1, max=86_400)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        import math

        seconds = super().convert(value, param, ctx)
        if not math.isfinite(seconds):
            self.fail(f"{value!r} is not a finite number of seconds", param, ctx)
        return seconds


TEMPLATES = click.option(
    "-t",
    "--template",
    "templates",
    metavar="NAME|DIR",
    multiple=True,
    shell_complete=_completer("complete_template"),
    # Not while a shell completes (resilient parsing): TAB need not load the templates.
    callback=lambda ctx, param, value: value if ctx.resilient_parsing else _template_option(value),
    help="Built-in template name or a template folder [default: classic]; repeat for several.",
)


def set_option(help: str) -> Callable[[F], F]:
    """``--set PATH=VALUE``, repeatable, completed from the schema."""
    return click.option(
        "--set",
        "overrides",
        metavar="PATH=VALUE",
        multiple=True,
        shell_complete=_completer("complete_set"),
        help=help,
    )


FORMAT = click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json: print one versioned report object on stdout instead of messages.",
)


@click.group(
    cls=CvtexGroup,
    epilog=EXIT_CODES_HELP,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, "-V", "--version", prog_name="cvtex")
def cli() -> None:
    """Compile a YAML résumé into a typeset PDF.

    Start with "cvtex new", edit the résumé it writes, then "cvtex build". The
    commands are listed in that order; each has its own --help with examples.

    \b
    Examples:
      cvtex new                     # write resume.yaml to edit
      cvtex build                   # resume.yaml → resume.pdf
      cvtex build -t modern --locale de
    """


@cli.command(short_help="Build a résumé into a PDF.", epilog=EXIT_CODES_HELP)
@INPUT
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    callback=lambda ctx, param, value: _output_option(value),
    help="Output file, or folder (an existing one, or any path ending in /) "
    "[default: next to FILE]; a folder for several templates.",
)
@TEMPLATES
@set_option("Set a field, e.g. --set design.accent=#1f4e79 or --set work[0].summary=...")
@click.option(
    "--engine",
    metavar="auto|NAME|PATH",
    envvar="CVTEX_ENGINE",
    callback=_engine_option,
    shell_complete=_completer("complete_engine"),
    help="auto (default), pdflatex, xelatex, lualatex, or the path of one "
    "(relative to the current folder) [env: CVTEX_ENGINE].",
)
@click.option("-v", "--verbose", is_flag=True, help="Say which engine was chosen and why.")
@click.option(
    "--locale",
    metavar="CODE",
    callback=lambda ctx, param, value: _locale_option(value),
    shell_complete=_completer("complete_locale"),
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
@_guarded
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
        from cvtex.diagnostics import Diagnostic, Severity
        from cvtex.report import make_report

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
    _print_warnings(report.warnings, report.sources)
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
@_guarded
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
    )
    if output_format == "json":
        from cvtex.report import make_report

        click.echo(make_report(exit_code=0, diagnostics=validated.warnings))
        return
    _print_warnings(validated.warnings, document.sources)
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
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="Write to OUT (its folder is created) instead of standard output.",
)
@set_option("Set a field first.")
@ALLOW_PATH
@STRICT
@_guarded
def export(
    file: Path,
    to: str,
    output: Path | None,
    overrides: tuple[str, ...],
    allowed_paths: tuple[Path, ...],
    strict: bool,
) -> None:
    """Write FILE (default: resume.yaml) in another format than PDF.

    FILE is checked as build checks it, and what the PDF prints is written, in the
    same order, under the same link rules: text for an application form's paste box,
    Markdown, a single HTML page (no scripts, nothing fetched; it prints like the
    PDF's content), or JSON Resume for other tools.

    \b
    Examples:
      cvtex export --to text | less
      cvtex export --to html -o site/index.html
      cvtex export cv.yaml --to json-resume -o resume.json
    """
    from cvtex.export import export as run_export

    to_file = output if output is not None and str(output) != "-" else None
    exported = run_export(
        file, to, output=to_file, strict=strict, overrides=overrides, allowed_paths=allowed_paths
    )
    _print_warnings(exported.warnings, exported.document.sources)
    data = exported.artefact.data
    if to_file is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        return
    from cvtex.install import install

    install(to_file, data)
    click.echo(f"cvtex: wrote {output}", err=True)


@cli.command(
    short_help="Print the JSON Schema of the résumé format.", epilog=SCHEMA_EXIT_CODES_HELP
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the schema to this file instead of standard output.",
)
@click.option("--markdown", is_flag=True, help="The reference page (docs/schema.md) instead.")
@_guarded
def schema(output: Path | None, markdown: bool) -> None:
    """Print the JSON Schema (draft 2020-12) of the résumé format, for editors.

    An editor with the YAML language server uses it for completion and checks as you
    type; "cvtex new" writes it next to a new résumé. --markdown prints the reference
    page instead.

    \b
    Examples:
      cvtex schema -o resume.schema.json
      cvtex schema --markdown -o docs/schema.md
    """
    if markdown:
        from cvtex.schema_doc import render_schema_markdown

        text = render_schema_markdown()
    else:
        from cvtex.json_schema import resume_json_schema_text

        text = resume_json_schema_text()
    if output is None:
        click.echo(text, nl=False)
        return
    from cvtex.install import install

    install(output, text.encode("utf-8"))
    click.echo(f"cvtex: wrote {output}", err=True)


@cli.command(
    short_help="Write a starter résumé to edit, with its schema.", epilog=NEW_EXIT_CODES_HELP
)
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path), default="resume.yaml")
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
@_guarded
def new(path: Path, force: bool) -> None:
    """Write a commented starter résumé to PATH (default: resume.yaml).

    The JSON Schema is written next to it as resume.schema.json, so editors with
    the YAML language server offer completion and checks. An existing file is left
    alone unless --force is given.

    \b
    Examples:
      cvtex new
      cvtex new cv.yaml && cvtex build cv.yaml
      cvtex new --force                   # start resume.yaml over
    """
    from cvtex.errors import UsageProblem
    from cvtex.install import install
    from cvtex.json_schema import SCHEMA_FILE_NAME, resume_json_schema_text

    _check_new_path(path)
    # The starter's comments name the file it is written to, as a shell would need it.
    starter = (
        (Path(__file__).parent / "starter.yaml")
        .read_text(encoding="utf-8")
        .replace("cvtex build resume.yaml", f"cvtex build {_shell_word(Path(path.name))}")
        .encode("utf-8")
    )
    schema_path = path.parent / SCHEMA_FILE_NAME
    schema_text = resume_json_schema_text().encode("utf-8")
    for target, payload in ((path, starter), (schema_path, schema_text)):
        if not force and (target.exists() or target.is_symlink()):
            same = target.is_file() and target.read_bytes() == payload
            if target == path or not same:
                raise UsageProblem(f"{target} already exists; use --force to overwrite it")
    install(path, starter)
    install(schema_path, schema_text)
    click.echo(f"cvtex: wrote {path} and {schema_path}", err=True)
    shown = _shell_word(path)
    click.echo(f"Next: edit {shown}, then run: cvtex build {shown}", err=True)


@cli.command(
    "import",
    short_help="Convert a RenderCV or JSON Resume file to cvtex YAML.",
    epilog=IMPORT_EXIT_CODES_HELP,
)
@click.argument("file", type=InputFile())
@click.option(
    "-o",
    "--output",
    metavar="OUT",
    callback=lambda ctx, param, value: _import_output_option(value),
    help="The YAML file to write, or - for standard output [default: FILE's name with .yaml].",
)
@click.option("--force", is_flag=True, help="Overwrite OUT if it exists.")
@_guarded
def import_(file: Path, output: str | None, force: bool) -> None:
    """Convert FILE, a RenderCV YAML or JSON Resume file, into commented cvtex YAML.

    Every printed word is kept: a section with no JSON Resume home becomes a custom
    section with its title. Settings that do not print (RenderCV's design, locale and
    settings) are kept as comments, each with a note; RenderCV's theme names the
    nearest built-in template. FILE itself is never overwritten, nor OUT unless
    --force is given. The written file is checked as validate would.

    \b
    Examples:
      cvtex import cv.yaml -o resume.yaml       # RenderCV → cvtex
      cvtex import cv.yaml -o - | less          # read it before writing it
      cvtex import cv.yaml -o resume.yaml --force
    """
    from cvtex.diagnostics import format_all
    from cvtex.importers.run import import_file

    report = import_file(file, output, force=force)
    if report.output == "-":
        click.echo(report.text, nl=False)
    shown = "the YAML to standard output" if report.output == "-" else report.output
    messages = format_all(report.diagnostics, report.text)
    if messages:
        click.echo(messages, err=True)
    if not report.valid:
        click.echo(
            f"cvtex: wrote {shown} from {file} ({report.kind}), but it does not validate "
            "yet: fix what is listed above in it, then build it",
            err=True,
        )
        sys.exit(int(ExitStatus.INVALID_INPUT))
    click.echo(f"cvtex: wrote {shown} from {file} ({report.kind})", err=True)
    if report.output != "-":
        template = f" -t {report.template}" if report.template else ""
        click.echo(f"Next: cvtex build {_shell_word(Path(report.output))}{template}", err=True)


def _import_output_option(value: str | None) -> str | None:
    """``-o``: a file name, or ``-`` for standard output; an empty name is no name."""
    if value == "":
        raise click.BadParameter("the name is empty; give a file name, or - for standard output")
    if value is not None and value != "-" and Path(value).suffix.lower() == ".json":
        raise click.BadParameter(
            "cvtex import writes YAML, with comments, which a .json file cannot hold: "
            f"name it {_shell_word(Path(value).with_suffix('.yaml'))}"
        )
    return value


def _shell_word(path: Path) -> str:
    """``path`` as one word a shell passes to cvtex: quoted when it holds spaces or
    other special characters, and ``./-x.yaml`` for a name that would read as an option."""
    import shlex

    text = str(path)
    return shlex.quote(f"./{text}" if text.startswith("-") else text)


def _check_new_path(path: Path) -> None:
    """``cvtex new`` writes commented YAML: refuse a name that cannot hold it."""
    import unicodedata

    from cvtex.errors import UsageProblem

    if path.suffix.lower() == ".json":
        raise UsageProblem(
            f"cvtex new writes YAML, with comments, which a .json file cannot hold: name it "
            f"{_shell_word(path.with_suffix('.yaml'))} or {_shell_word(path.with_suffix('.yml'))}"
            " (cvtex build reads an existing JSON Resume file as it is)"
        )
    # A line break would end the comment that names the file; YAML refuses control
    # characters, and an undecodable byte (a lone surrogate here) is no text at all.
    if any(unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp") for char in path.name):
        raise UsageProblem(
            f"the file name {path.name!a} holds a character the starter's comments cannot "
            "hold (a line break, a tab, a control character or a byte that is not UTF-8): "
            "choose another name"
        )


@cli.group(
    invoke_without_command=True,
    short_help="List the built-in templates, or show one.",
    epilog=TEMPLATES_EXIT_CODES_HELP,
)
@click.pass_context
@_guarded
def templates(ctx: click.Context) -> None:
    """List the built-in templates, one a line with its description.

    "cvtex templates show NAME" prints a template's engines and design options; pick
    one with "cvtex build -t NAME", or give -t a folder of your own.

    \b
    Examples:
      cvtex templates
      cvtex templates show modern
      cvtex build -t modern
    """
    if ctx.invoked_subcommand is not None:
        return
    from cvtex.templates import builtin_manifest, builtin_names

    names = builtin_names()
    width = max(len(name) for name in names)
    for name in names:
        click.echo(f"{name:<{width}}  {builtin_manifest(name).description}")


@templates.command(
    "show",
    short_help="Print a template's engines and design options.",
    epilog=TEMPLATES_EXIT_CODES_HELP,
)
@click.argument(
    "name",
    shell_complete=_completer("complete_template"),
    callback=lambda ctx, param, value: _template_option((value,))[0],
)
@_guarded
def templates_show(name: str) -> None:
    """Print NAME's description, engines and design options with their defaults.

    NAME is a built-in template or a template folder. Each design option can be set
    in the résumé's design: section or for one build with --set design.OPTION=VALUE.

    \b
    Examples:
      cvtex templates show classic
      cvtex templates show ./my-template/
    """
    from cvtex.templates import resolve_template

    ref = resolve_template(name)
    manifest = ref.manifest
    click.echo(f"{ref.name}: {manifest.description}")
    click.echo(f"engines: {', '.join(manifest.engines)}")
    click.echo(f"photo (basics.image): {'yes' if manifest.photo else 'no'}")
    click.echo("design options (set in design: or with --set design.NAME=VALUE):")
    for option, spec in manifest.options.items():
        default = str(spec.default).lower() if isinstance(spec.default, bool) else spec.default
        click.echo(f"  {option:<13} default {default!s:<13} {spec.description}")
        click.echo(f"  {'':<13} values: {spec.describe_values()}")


@cli.command(
    short_help="Check this machine's TeX engines, fonts and tools.",
    epilog=DOCTOR_EXIT_CODES_HELP,
)
@_guarded
def doctor() -> None:
    """Check the TeX engines, fonts and tools on this machine.

    Each missing piece is named with the command that installs it, and each built-in
    template with the engines it can build with here. Exits 4 when the default build
    (pdflatex, or the engine CVTEX_ENGINE names) cannot run, 2 when CVTEX_ENGINE names
    no engine.

    \b
    Examples:
      cvtex doctor
      cvtex doctor && cvtex build         # build only where it can run
    """
    from cvtex.doctor import checkup

    report = checkup()
    for line in report.lines:
        click.echo(line)
    if report.usage_problem is not None:  # cvtex build would refuse it: exit 2 as it does
        click.echo(f"cvtex: {report.usage_problem}", err=True)
        sys.exit(int(ExitStatus.USAGE))
    if not report.default_build_ok:
        sys.exit(int(ExitStatus.ENVIRONMENT))


@cli.command(
    short_help="Print a shell completion script (bash, zsh, fish).",
    epilog=COMPLETION_EXIT_CODES_HELP,
)
@click.argument("shell", metavar="SHELL", type=click.Choice(["bash", "zsh", "fish"]))
@_guarded
def completion(shell: str) -> None:
    """Print the completion script for SHELL: bash, zsh or fish.

    With it installed, TAB completes commands, options, template names, locales,
    engines and --set paths from the schema. Save it where your shell looks (as
    below), or for bash add 'eval "$(cvtex completion bash)"' to ~/.bashrc; for zsh
    the folder must be in fpath before compinit runs. Then open a new shell.

    \b
    Examples:
      cvtex completion bash > ~/.local/share/bash-completion/completions/cvtex
      cvtex completion zsh > ~/.zfunc/_cvtex
      cvtex completion fish > ~/.config/fish/completions/cvtex.fish
    """
    from cvtex.shells import SHELLS

    script = SHELLS[shell](cli, {}, "cvtex", "_CVTEX_COMPLETE").source()
    click.echo(script, nl=not script.endswith("\n"))


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="cvtex")
