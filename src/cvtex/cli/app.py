"""The ``cvtex`` command group, the order --help lists the commands in, and the entry point."""

from __future__ import annotations

import itertools
import os
import sys
from typing import Any

import click

from cvtex import __version__
from cvtex.cli.exit_codes import EXIT_CODES_HELP
from cvtex.cli.guard import echo_json_failure

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
            from cvtex.cli.shells import register

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
            echo_json_failure(exc.exit_code, exc.format_message(), "usage")
            sys.exit(exc.exit_code)
        except click.Abort:
            echo_json_failure(130, "interrupted", "interrupted")
            sys.exit(130)


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


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="cvtex")
