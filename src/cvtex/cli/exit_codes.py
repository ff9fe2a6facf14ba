"""Exit codes as each command's --help lists them (documented in the README)."""

from __future__ import annotations


def _exit_codes(*codes: str) -> str:
    """An epilog that lists the exit codes one command can return: ``codes``, then 70
    and the signals, which every command returns through :func:`guarded`."""
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
