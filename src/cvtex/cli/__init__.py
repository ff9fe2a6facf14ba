"""The command line: parse arguments, call the library, map failures to exit codes.

Heavy modules (pydantic, jinja2) are imported inside the commands so that
``cvtex --help`` and ``cvtex --version`` stay fast. No logic lives here: each
command module registers its commands on :data:`cvtex.cli.app.cli`.
"""

from cvtex.cli import build_commands, file_commands, machine_commands
from cvtex.cli.app import cli, main

__all__ = ["build_commands", "cli", "file_commands", "machine_commands", "main"]
