"""What ``--help`` teaches, and what shell completion offers."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.shell_completion import CompletionItem, ShellComplete
from click.testing import CliRunner, Result

from conftest import ROOT
from cvtex.backends.latex.engine import ENGINE_NAMES
from cvtex.backends.latex.probes import Probes
from cvtex.cli import cli
from cvtex.environment import Environment
from cvtex.model.locales import LOCALES

COMMANDS = [
    "new",
    "import",
    "build",
    "validate",
    "export",
    "templates",
    "doctor",
    "schema",
    "completion",
]
"""In the order ``cvtex --help`` lists them: the order a new user needs them."""

SIGNALS = {70, 129, 130, 143}
EXIT_CODES = {
    (): {0, 1, 2, 3, 4, 5} | SIGNALS,
    ("build",): {0, 1, 2, 3, 4, 5} | SIGNALS,
    ("validate",): {0, 1, 2} | SIGNALS,
    ("new",): {0, 2, 4} | SIGNALS,
    ("import",): {0, 1, 2, 4} | SIGNALS,
    ("schema",): {0, 2, 4} | SIGNALS,
    ("templates",): {0, 1, 2} | SIGNALS,
    ("templates", "show"): {0, 1, 2} | SIGNALS,
    ("doctor",): {0, 2, 4} | SIGNALS,
    ("completion",): {0, 2} | SIGNALS,
    ("export",): {0, 1, 2, 4} | SIGNALS,
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
    shutil.copytree(ROOT / "examples" / "two-tone", tmp_path / "my-template")
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


class _FailingMachine(Probes):
    """A machine whose first probe fails the way ``failure`` says."""

    def __init__(self, failure: BaseException) -> None:
        super().__init__()
        self.failure = failure

    def bundled_pdflatex(self) -> Path | None:
        raise self.failure


def test_doctor_and_templates_report_a_bug_as_exit_70(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> None:
        raise RuntimeError("boom")

    env = Environment.current().replace(probes=_FailingMachine(RuntimeError("boom")))
    monkeypatch.setattr("cvtex.backends.latex.templates.builtin_names", broken)
    for command in ("doctor", "templates"):
        result = CliRunner().invoke(cli, [command], obj=env)
        assert result.exit_code == 70, result.output
        assert "This is a bug in cvtex" in result.stderr


def test_ctrl_c_in_doctor_exits_130() -> None:
    env = Environment.current().replace(probes=_FailingMachine(KeyboardInterrupt()))
    assert CliRunner().invoke(cli, ["doctor"], obj=env).exit_code == 130


def test_importing_the_cli_loads_no_pydantic_jinja2_or_yaml() -> None:
    """``cvtex --help`` stays instant: the completion callbacks import lazily too."""
    code = "import sys, cvtex.cli; print(sorted({m.split('.')[0] for m in sys.modules}))"
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    for heavy in ("pydantic", "jinja2", "yaml"):
        assert f"'{heavy}'" not in loaded


@pytest.mark.parametrize(
    ("shell", "registration"),
    [
        ("bash", "complete -o nosort -F _cvtex_completion cvtex"),
        ("zsh", "#compdef cvtex"),
        ("fish", "complete --no-files --command cvtex"),
    ],
)
def test_completion_prints_the_script_for_each_shell(shell: str, registration: str) -> None:
    result = run("completion", shell)
    assert result.exit_code == 0, result.output
    assert "_CVTEX_COMPLETE" in result.stdout
    assert registration in result.stdout


def test_completion_of_an_unknown_shell_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["completion", "tcsh"])
    assert result.exit_code == 2
    assert "'tcsh' is not one of 'bash', 'zsh', 'fish'" in result.output


def test_completion_help_says_where_each_script_goes() -> None:
    text = help_of(("completion",))
    assert "~/.local/share/bash-completion/completions/cvtex" in text
    assert "_cvtex" in text and "fpath" in text
    assert "~/.config/fish/completions/cvtex.fish" in text


def complete(*words: str) -> list[CompletionItem]:
    """What TAB offers after ``cvtex WORDS...``; the last word is the one being typed."""
    shell = ShellComplete(cli, {}, "cvtex", "_CVTEX_COMPLETE")
    return shell.get_completions(list(words[:-1]), words[-1])


def offered(*words: str) -> list[str]:
    return [item.value for item in complete(*words)]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (("build", "-t", "cl"), ["classic"]),
        (("validate", "--template", "mo"), ["modern"]),
        (("templates", "show", "a"), ["academic"]),
        (("build", "--locale", "z"), ["zh"]),
        (("build", "--locale", "j"), ["ja"]),
        (("build", "--engine", "x"), ["xelatex"]),
        (("build", "--set", "basics.na"), ["basics.name="]),
        (("validate", "--set", "basics.na"), ["basics.name="]),
        (("build", "--set", "design.paper="), ["design.paper=a4", "design.paper=letter"]),
        (("build", "--set", "design.pap"), ["design.paper=a4", "design.paper=letter"]),
        (("build", "--set", "locale=k"), ["locale=ko"]),
        (
            ("build", "--set", "engine="),
            [f"engine={e}" for e in ("auto", "pdflatex", "xelatex", "lualatex")],
        ),
        (("build", "--set", "work[1].na"), ["work[1].name="]),
        (("build", "--set", "ignore[0]=date-o"), ["ignore[0]=date-order"]),
        (("build", "--set", "work[0].ignore[0]=no-"), ["work[0].ignore[0]=no-name"]),
        (("build", "--set", "basics.name="), []),  # free text: nothing to offer
        (("build", "--set", "basics.location="), []),  # not a value
        (("build", "--set", "nosuch."), []),
        (("comp",), ["completion"]),
    ],
)
def test_completion_offers(words: tuple[str, ...], expected: list[str]) -> None:
    assert offered(*words) == expected


def test_completion_offers_every_locale_and_engine() -> None:
    assert offered("build", "--locale", "") == list(LOCALES)  # zh, ja and ko too
    assert offered("build", "--engine", "") == list(ENGINE_NAMES)


def test_set_completion_offers_the_design_options_of_the_templates_named() -> None:
    design = offered("build", "--set", "design.")
    assert {"design.paper=", "design.font_size=", "design.accent=", "design.date_format="} <= set(
        design
    )
    assert "design.photo_width=" not in design  # classic, the default, has no photo
    assert offered("build", "-t", "modern", "--set", "design.ph") == ["design.photo_width="]


def test_set_completion_opens_a_level_with_one_match() -> None:
    """One match that holds fields is opened, so the shell inserts the shared prefix.
    A value's path ends in "=" and a path with fields below it in ".": the shell
    scripts add no space after either."""
    assert "design.paper=" in offered("build", "--set", "des")
    work = offered("build", "--set", "work")
    assert "work[0].name=" in work and "work[0].highlights[0]." in work
    assert "basics.location." in offered("build", "--set", "basics.")
    assert offered("build", "--set", "basics.location.ci") == ["basics.location.city="]
    assert "strings.present=" in offered("build", "--set", "strings.")
    assert "ignore[0]=date-order" in offered("build", "--set", "ig")


def test_set_completion_describes_the_warning_codes() -> None:
    from cvtex.model.acknowledge import WARNING_CODES

    items = complete("build", "--set", "ignore[0]=")
    assert [(i.value, i.help) for i in items] == [
        (f"ignore[0]={code}", meaning) for code, meaning in WARNING_CODES.items()
    ]


def test_folders_and_files_are_left_to_the_shell_when_no_name_matches() -> None:
    assert [(i.type, i.value) for i in complete("build", "-t", "./my")] == [("dir", "./my")]
    assert [(i.type, i.value) for i in complete("build", "--engine", "/usr/")] == [
        ("file", "/usr/")
    ]


def test_completion_through_the_environment_protocol() -> None:
    env = {"_CVTEX_COMPLETE": "bash_complete", "COMP_WORDS": "cvtex build -t cl", "COMP_CWORD": "3"}
    result = CliRunner().invoke(cli, [], env=env, prog_name="cvtex", catch_exceptions=False)
    assert result.exit_code == 0
    assert result.output.splitlines() == ["plain,classic"]


@pytest.mark.slow  # a real bash, seconds
@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_completes_with_the_printed_script() -> None:
    """The script ``cvtex completion bash`` prints, sourced by a real bash, calling the
    installed ``cvtex`` the way a TAB press at the end of the line does: bash splits
    the words at "=" too (tests/test_completion_shell.py types into a real one)."""
    bin_dir = Path(sys.executable).parent
    if not (bin_dir / "cvtex").is_file():
        pytest.skip("the cvtex console script is not installed next to this Python")
    script = r"""
        eval "$(cvtex completion bash)"
        compopt() { :; }  # only works while bash itself is completing
        tab() { COMP_LINE=$1 COMP_POINT=${#1} COMPREPLY=()
                read -ra COMP_WORDS <<< "${1//=/ = }"
                COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
                _cvtex_completion cvtex; echo "${COMPREPLY[*]}"; }
        tab 'cvtex build -t cl'
        tab 'cvtex build --set basics.na'
        tab 'cvtex build --locale z'
        tab 'cvtex build --locale=d'
        tab 'cvtex build --set design.paper='
        tab 'cvtex build --set=design.paper=l'
    """
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", script],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "classic",
        "basics.name=",
        "zh",
        "de",
        "a4 letter",
        "letter",
    ], done.stderr
