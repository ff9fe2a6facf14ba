"""What ``--help`` teaches, and what shell completion offers."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from cvtex.cli import cli

COMMANDS = ["new", "build", "validate", "templates", "doctor", "schema"]
"""In the order ``cvtex --help`` lists them: the order a new user needs them."""

SIGNALS = {70, 129, 130, 143}
EXIT_CODES = {
    (): {0, 1, 2, 3, 4, 5} | SIGNALS,
    ("build",): {0, 1, 2, 3, 4, 5} | SIGNALS,
    ("validate",): {0, 1, 2} | SIGNALS,
    ("new",): {0, 2, 4} | SIGNALS,
    ("schema",): {0, 2, 4} | SIGNALS,
    ("templates",): {0, 1, 2} | SIGNALS,
    ("templates", "show"): {0, 1, 2} | SIGNALS,
    ("doctor",): {0, 2, 4} | SIGNALS,
}
"""What each command can really return (read from the code), and so what its help lists."""


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False, terminal_width=80)


def help_of(command: tuple[str, ...]) -> str:
    result = run(*command, "--help")
    assert result.exit_code == 0, result.output
    return result.output


def listed_exit_codes(text: str) -> set[int]:
    block = text.split("Exit codes:\n", 1)[1]
    codes: set[int] = set()
    for line in block.splitlines():
        match = re.match(r"\s+(\d+(?:, \d+)*)\s", line)
        if match is None:
            break
        codes |= {int(code) for code in match.group(1).split(", ")}
    return codes


def examples(text: str) -> list[list[str]]:
    """The example command lines of a help text, as arguments after ``cvtex``; only the
    first command of a line (before ``&&``, ``>``, ``|``)."""
    block = text.split("Examples:\n", 1)[1]
    found = []
    for line in block.splitlines():
        if not line.startswith("    cvtex"):
            break
        words = shlex.split(line, comments=True)
        cut = next((i for i, w in enumerate(words) if w in ("&&", ">", "|")), len(words))
        found.append(words[1:cut])
    return found


def test_cvtex_without_arguments_prints_the_help() -> None:
    result = run()
    assert result.exit_code == 2  # click's usage error for a group with no command
    assert "Commands:" in result.output
    assert "Traceback" not in result.output


def test_top_level_help_lists_the_commands_in_the_order_a_new_user_needs_them() -> None:
    text = help_of(())
    listed = re.findall(r"^  (\w+)  ", text.split("Commands:\n", 1)[1], re.MULTILINE)
    assert listed == COMMANDS


@pytest.mark.parametrize("group", [(), ("templates",)], ids=["cvtex", "templates"])
def test_no_command_summary_is_cut_off_at_80_columns(group: tuple[str, ...]) -> None:
    summaries = help_of(group).split("Commands:\n", 1)[1].split("\n\n", 1)[0]
    for line in summaries.splitlines():
        assert not line.rstrip().endswith("..."), line
        assert line.rstrip().endswith("."), line  # a whole sentence, on one line


def test_no_help_line_is_wider_than_80_columns() -> None:
    for command in EXIT_CODES:
        for line in help_of(command).splitlines():
            assert len(line) <= 80, (command, line)


@pytest.mark.parametrize("command", list(EXIT_CODES), ids=" ".join)
def test_each_help_lists_exactly_the_exit_codes_the_command_returns(
    command: tuple[str, ...],
) -> None:
    assert listed_exit_codes(help_of(command)) == EXIT_CODES[command]


@pytest.mark.parametrize("command", list(EXIT_CODES), ids=" ".join)
def test_each_help_has_two_or_three_examples_that_parse(
    command: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("resume.yaml", "cv.yaml"):
        (tmp_path / name).write_text("basics: {name: A}\n", encoding="utf-8")
    found = examples(help_of(command))
    assert 2 <= len(found) <= 3, found
    for words in found:
        parse(words)  # every option exists and takes the value it is given


def parse(words: list[str]) -> click.Context:
    """Parse a command line as ``cvtex`` would, without running the command."""
    ctx = cli.make_context("cvtex", list(words))
    while isinstance(ctx.command, click.Group):
        rest = [*ctx._protected_args, *ctx.args]
        if not rest:
            break
        name, command, args = ctx.command.resolve_command(ctx, rest)
        assert name is not None and command is not None, words
        ctx = command.make_context(name, args, parent=ctx)
    assert not ctx.args, words
    return ctx


def test_the_locale_help_names_every_locale() -> None:
    text = " ".join(help_of(("build",)).split())
    assert "(en, de, fr, es, pt, it, zh, ja, ko)" in text


def test_doctor_and_templates_report_a_bug_as_exit_70(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("cvtex.doctor.checkup", broken)
    monkeypatch.setattr("cvtex.templates.builtin_names", broken)
    for command in ("doctor", "templates"):
        result = CliRunner().invoke(cli, [command])
        assert result.exit_code == 70, result.output
        assert "This is a bug in cvtex" in result.stderr


def test_ctrl_c_in_doctor_exits_130(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("cvtex.doctor.checkup", interrupted)
    assert CliRunner().invoke(cli, ["doctor"]).exit_code == 130
