"""``schema``, ``new`` and ``import``: the commands that write a starter or a converted file."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from cvtex.cli.app import cli
from cvtex.cli.exit_codes import IMPORT_EXIT_CODES_HELP, NEW_EXIT_CODES_HELP, SCHEMA_EXIT_CODES_HELP
from cvtex.cli.guard import guarded
from cvtex.cli.params import InputFile
from cvtex.exit_status import ExitStatus


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
@guarded
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
        from cvtex.model.schema_doc import render_schema_markdown

        text = render_schema_markdown()
    else:
        from cvtex.model.json_schema import resume_json_schema_text

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
@guarded
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
    from cvtex.model.json_schema import SCHEMA_FILE_NAME, resume_json_schema_text

    _check_new_path(path)
    # The starter's comments name the file it is written to, as a shell would need it.
    starter = (
        (Path(__file__).parents[1] / "starter.yaml")
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
@guarded
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
