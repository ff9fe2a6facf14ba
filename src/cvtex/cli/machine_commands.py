"""``templates``, ``doctor`` and ``completion``: what this machine and cvtex offer."""

from __future__ import annotations

import sys

import click

from cvtex.cli.app import cli
from cvtex.cli.exit_codes import (
    COMPLETION_EXIT_CODES_HELP,
    DOCTOR_EXIT_CODES_HELP,
    TEMPLATES_EXIT_CODES_HELP,
)
from cvtex.cli.guard import guarded
from cvtex.cli.params import completer, environment, template_option
from cvtex.exit_status import ExitStatus


@cli.group(
    invoke_without_command=True,
    short_help="List the built-in templates, or show one.",
    epilog=TEMPLATES_EXIT_CODES_HELP,
)
@click.pass_context
@guarded
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
    from cvtex.backends.latex.templates import builtin_manifest, builtin_names

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
    shell_complete=completer("complete_template"),
    callback=lambda ctx, param, value: template_option((value,))[0],
)
@guarded
def templates_show(name: str) -> None:
    """Print NAME's description, engines and design options with their defaults.

    NAME is a built-in template or a template folder. Each design option can be set
    in the résumé's design: section or for one build with --set design.OPTION=VALUE.

    \b
    Examples:
      cvtex templates show classic
      cvtex templates show ./my-template/
    """
    from cvtex.backends.latex.templates import resolve_template

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
@guarded
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

    report = checkup(environment())
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
@guarded
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
    from cvtex.cli.shells import SHELLS

    script = SHELLS[shell](cli, {}, "cvtex", "_CVTEX_COMPLETE").source()
    click.echo(script, nl=not script.endswith("\n"))
