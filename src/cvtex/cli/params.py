"""Arguments and options shared by the commands, with their checks and shell completion."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from cvtex.environment import Environment

from cvtex.model.locale_codes import LOCALE_CODES

F = TypeVar("F", bound=Callable[..., Any])


def environment() -> Environment:
    """The run's environment: the one a caller (a test) passed as the click context's
    ``obj``, else this process's."""
    from cvtex.environment import Environment

    given = click.get_current_context().find_root().obj
    return given if isinstance(given, Environment) else Environment.current()


def print_warnings(warnings: Any, sources: Any) -> None:
    from cvtex.diagnostics import format_all

    text = format_all(warnings, sources)
    if text:  # acknowledged warnings (ignore:) are not printed
        click.echo(text, err=True)


def completer(name: str) -> Callable[[click.Context, click.Parameter, str], list[Any]]:
    """A shell_complete callback that imports :mod:`cvtex.cli.completion` only when a shell
    asks, so ``cvtex --help`` does not load it."""

    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
        from cvtex.cli import completion

        found: list[Any] = getattr(completion, name)(ctx, param, incomplete)
        return found

    return complete


def locale_option(value: str | None) -> str | None:
    """A locale named on the command line is the user's mistake, not the file's: exit 2."""
    if value is None or value in LOCALE_CODES:
        return value
    if not value.strip():
        raise click.BadParameter(f"the locale is empty; give one of {', '.join(LOCALE_CODES)}")
    from cvtex.model.locales import get_locale, unknown_locale

    try:
        get_locale(value)  # other spellings the locale table accepts (zh-TW…)
        return value
    except KeyError:
        raise click.BadParameter(unknown_locale(value)) from None


def engine_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """``--engine``/``CVTEX_ENGINE``: a name, or a LaTeX engine's path resolved against
    the current folder (:func:`~cvtex.backends.latex.engine.check_engine_spec`); a
    mistake in either is a usage error, and one in the environment is named as such."""
    if value is None:
        return None
    from click.core import ParameterSource

    from cvtex.backends.latex.engine import check_engine_spec
    from cvtex.errors import UsageProblem

    try:
        return check_engine_spec(value)
    except UsageProblem as exc:
        from_env = ctx.get_parameter_source(param.name or "") is ParameterSource.ENVIRONMENT
        raise click.BadParameter(
            str(exc), ctx, param, param_hint="CVTEX_ENGINE" if from_env else None
        ) from None


def output_option(value: str | None) -> str | None:
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


def template_option(values: tuple[str, ...]) -> tuple[str, ...]:
    """``-t NAME|DIR``: a template the command line names but that does not exist is the
    user's mistake on the command line, like an unknown ``--engine``: exit 2. What the
    template's own files say (``template.yaml``, its ``extends:``) is checked when it is
    read, exit 1 at the line."""
    from cvtex.backends.latex.templates import UnknownTemplate, find_template
    from cvtex.errors import CvtexError

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
    shell_complete=completer("complete_template"),
    # Not while a shell completes (resilient parsing): TAB need not load the templates.
    callback=lambda ctx, param, value: value if ctx.resilient_parsing else template_option(value),
    help="Built-in template name or a template folder [default: classic]; repeat for several.",
)


def set_option(help: str) -> Callable[[F], F]:
    """``--set PATH=VALUE``, repeatable, completed from the schema."""
    return click.option(
        "--set",
        "overrides",
        metavar="PATH=VALUE",
        multiple=True,
        shell_complete=completer("complete_set"),
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
