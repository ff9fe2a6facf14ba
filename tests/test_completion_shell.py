"""Shell completion as a user meets it: a real interactive bash, zsh and fish in a
pseudo-terminal, the script ``cvtex completion SHELL`` prints sourced, a partial line
typed, TAB pressed, and the line read back from the shell's own editing buffer.

Calling the completion function with ``COMP_WORDS`` set by hand (tests/test_help.py)
hides how bash splits words at ``=`` and ``:`` (``COMP_WORDBREAKS``) and whether a
space follows; only the interactive shell shows both. Each shell starts once per
module. A key bound to print the buffer (``<<…>>``) marks the end of each TAB's
output, so nothing waits on a fixed sleep.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import select
import shlex
import shutil
import signal
import struct
import sys
import termios
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from click.testing import CliRunner

from cvtex.cli import cli
from cvtex.model.acknowledge import WARNING_CODES
from cvtex.model.dates import DATE_FORMATS

pytestmark = pytest.mark.slow  # real interactive shells on a pty

BIN = Path(sys.executable).parent
BASH_COMPLETION = Path("/usr/share/bash-completion/bash_completion")
PROMPT = "@@prompt@@ "
_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\x1b[()][0-9A-Za-z]|\x1b[=>]")
_NOISE = re.compile(r"[\r\x07\x08]")
_BUFFER = re.compile(r"<<(.*)>>\n")
TIMEOUT = 30.0
"""Seconds one step may take: a completion is about half a second, but the machine
may be busy."""


def _installed(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:  # CI installs zsh and fish: a missing shell is a failure, not a skip
        pytest.fail(f"{tool} is not installed (apt-get install $(cat .ci/apt-packages))")
    return path


class Shell:
    """One interactive shell on a pseudo-terminal, 200 columns wide."""

    def __init__(self, argv: list[str], env: Mapping[str, str], cwd: Path, setup: str) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: become the shell
            try:
                os.chdir(cwd)
                os.execvpe(argv[0], argv, dict(env))
            finally:
                os._exit(127)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
        # The terminal echoes what is typed before the shell reads it: the marker it
        # waits for is spelt so that only its output matches.
        self.send(setup + "; echo READ''Y\n")
        self.read_until(re.compile(r"^READY\n", re.MULTILINE))

    def send(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def read_until(self, pattern: re.Pattern[str]) -> tuple[str, re.Match[str]]:
        text, end = "", time.monotonic() + TIMEOUT
        while time.monotonic() < end:
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:  # the shell has gone
                break
            text += _NOISE.sub("", _ANSI.sub("", chunk.decode(errors="replace")))
            match = pattern.search(text)
            if match:
                return text, match
        raise AssertionError(f"no {pattern.pattern!r} within {TIMEOUT}s in:\n{text}")

    def tab(self, typed: str, keys: str = "\t") -> tuple[str, str]:
        """Type ``typed``, press ``keys``: the line then, and all that was printed."""
        self.send(typed + keys + "\x18p")  # C-x p prints the buffer as <<line>>
        text, match = self.read_until(_BUFFER)
        self.send("\x01\x0b\x18p")  # C-a C-k empties the line; wait until it has
        self.read_until(re.compile(r"<<>>\n"))
        return match.group(1), text[: match.start()]

    def close(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder to complete in, with two template folders and a file."""
    if not (BIN / "cvtex").is_file():
        pytest.skip("the cvtex console script is not installed next to this Python")
    path = tmp_path_factory.mktemp("completion")
    (path / "my-template").mkdir()
    (path / "other").mkdir()
    (path / "resume.yaml").write_text("basics: {name: Ada}\n", encoding="utf-8")
    return path


def _env(home: Path) -> dict[str, str]:
    return {
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local/share"),
        "TERM": "dumb",
        "COLUMNS": "200",
        "LINES": "50",
        "LANG": "C.UTF-8",
        "INPUTRC": "/dev/null",
        "HISTFILE": "/dev/null",
        "PS1": PROMPT,
    }


_READLINE = (
    "bind 'set show-all-if-ambiguous on'; bind 'set completion-query-items 0'"
    "; bind 'set completion-display-width 0'; bind 'set bell-style none'"  # one per line
    """; bind -x '"\\C-xp": printf "<<%s>>\\n" "$READLINE_LINE"'"""
)


def _bash(home: Path, before: str = "") -> Iterator[Shell]:
    shell = Shell(
        [_installed("bash"), "--norc", "--noprofile", "-i"],
        _env(home),
        home,
        f"{before}source <(cvtex completion bash); {_READLINE}",
    )
    yield shell
    shell.close()


@pytest.fixture(scope="module")
def bash(home: Path) -> Iterator[Shell]:
    """bash without the bash-completion package: the script joins the words itself.
    With nullglob set, as some users have, a glob that matches no file (work[0])
    would vanish if the script let bash expand it."""
    yield from _bash(home, "shopt -s nullglob; ")


@pytest.fixture(scope="module")
def bash_with_bash_completion(home: Path) -> Iterator[Shell]:
    """bash with bash-completion loaded: the script uses its _get_comp_words_by_ref."""
    if not BASH_COMPLETION.is_file():
        pytest.fail(f"{BASH_COMPLETION} is missing (apt-get install bash-completion)")
    yield from _bash(home, f"source {BASH_COMPLETION}; ")


def listed(printed: str) -> list[str]:
    """The completions bash listed (one a line), between the typed line and the prompt
    it prints again below them; [] when it listed none."""
    lines = printed.split("\n")
    ends = [i for i, line in enumerate(lines) if line.startswith(PROMPT)]
    return [line for line in lines[1 : ends[-1]] if line] if ends else []


LINE = "cvtex build resume.yaml "

BASH_CASES = [
    # typed after LINE, the line after one TAB, what bash lists
    ("--set design.paper=", "--set design.paper=", ["a4", "letter"]),
    ("--set design.paper=a", "--set design.paper=a4 ", []),
    ("--set=design.pap", "--set=design.paper=", ["design.paper=a4", "design.paper=letter"]),
    ("--set work[0].na", "--set work[0].name=", []),  # no space: the value follows
    ("--set basics.loc", "--set basics.location.", None),  # a level down, no space
    ("--locale=d", "--locale=de ", []),
    ("--template=mo", "--template=modern ", []),
    ("-t ./my-tem", "-t ./my-template/", []),  # folders still complete
    ("--set ignore[0]=date-o", "--set ignore[0]=date-order ", []),
    ("--set design.date_format=Month", "--set design.date_format=Month\\ YYYY ", []),
    ("--set 'design.date_format=Month", "--set 'design.date_format=Month YYYY' ", []),
]


@pytest.mark.parametrize(("typed", "line", "listing"), BASH_CASES)
def test_bash_completes_as_typed(
    bash: Shell, typed: str, line: str, listing: list[str] | None
) -> None:
    got, printed = bash.tab(LINE + typed)
    assert got == LINE + line, printed
    if listing is not None:
        assert listed(printed) == listing, printed


def test_bash_offers_the_warning_codes_after_ignore(bash: Shell) -> None:
    got, printed = bash.tab(LINE + "--set work[0].ignore[0]=")
    assert got == LINE + "--set work[0].ignore[0]="
    assert listed(printed) == list(WARNING_CODES)


def test_bash_offers_values_with_spaces_safe_to_paste(bash: Shell) -> None:
    """``Mon YYYY`` is offered as ``Mon\\ YYYY``: the shell reads back the value."""
    _, printed = bash.tab(LINE + "--set design.date_format=")
    offered = listed(printed)
    assert "Mon\\ YYYY" in offered
    assert [shlex.split(f"design.date_format={item}") for item in offered] == [
        [f"design.date_format={value}"] for value in DATE_FORMATS
    ]


@pytest.mark.parametrize(
    ("typed", "line"),
    [
        ("--set design.paper=a", "--set design.paper=a4 "),
        ("--set work[0].na", "--set work[0].name="),
        ("--locale=d", "--locale=de "),
        ("--set design.papXX\x02\x02", "--set design.paper=XX"),  # the cursor before XX
    ],
)
def test_bash_completes_alike_with_bash_completion_loaded(
    bash_with_bash_completion: Shell, typed: str, line: str
) -> None:
    got, printed = bash_with_bash_completion.tab(LINE + typed)
    assert got == LINE + line, printed


@pytest.fixture(scope="module")
def zsh(home: Path) -> Iterator[Shell]:
    setup = (
        f"PROMPT='{PROMPT}'; autoload -Uz compinit; compinit -u -D"
        "; source <(cvtex completion zsh)"
        '; _cvtex_buffer() { zle -I; print -r -- "<<$BUFFER>>"; }'
        "; zle -N _cvtex_buffer; bindkey '^Xp' _cvtex_buffer"
    )
    shell = Shell([_installed("zsh"), "-f", "-i"], _env(home), home, setup)
    yield shell
    shell.close()


@pytest.fixture(scope="module")
def fish(home: Path) -> Iterator[Shell]:
    setup = (
        f"function fish_prompt; echo -n '{PROMPT}'; end; cvtex completion fish | source"
        "; set -g fish_autosuggestion_enabled 0"  # it would run cvtex at every key
        """; bind \\cxp 'echo; echo "<<"(commandline)">>"; commandline -f repaint'"""
    )
    shell = Shell([_installed("fish"), "--no-config", "-i"], _env(home), home, setup)
    yield shell
    shell.close()


ZSH_FISH_CASES = [
    ("--set work[0].na", "--set work\\[0\\].name="),  # both quote the glob characters
    ("--set=design.pap", "--set=design.paper="),
    ("--locale=d", "--locale=de "),
    ("--set design.date_format=Month", "--set design.date_format=Month\\ YYYY "),
]


@pytest.mark.parametrize(("typed", "line"), ZSH_FISH_CASES)
def test_zsh_completes_as_typed(zsh: Shell, typed: str, line: str) -> None:
    got, printed = zsh.tab(LINE + typed)
    assert got == LINE + line, printed


@pytest.mark.parametrize(("typed", "line"), ZSH_FISH_CASES)
def test_fish_completes_as_typed(fish: Shell, typed: str, line: str) -> None:
    got, printed = fish.tab(LINE + typed)
    assert got == LINE + line, printed


def _answer(shell: str, words: str, **env: str) -> list[str]:
    """What ``cvtex`` answers a shell's script, which put ``words`` (the line up to the
    cursor, split as the script splits it) in the environment."""
    env = {
        "_CVTEX_COMPLETE": f"{shell}_complete",
        "COMP_WORDS": words,
        "COMP_CWORD": env.pop("COMP_CWORD", "") or str(len(words.split()) - 1),
        **env,
    }
    result = CliRunner().invoke(cli, [], env=env, prog_name="cvtex", catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def test_bash_answers_what_follows_the_part_bash_keeps() -> None:
    assert _answer(
        "bash", "cvtex build --set design.paper=a", _CVTEX_COMP_KEPT="design.paper="
    ) == ["plain,a4"]
    assert _answer("bash", "cvtex build --set=design.pap", _CVTEX_COMP_KEPT="--set=") == [
        "plain,design.paper=a4",
        "plain,design.paper=letter",
    ]
    assert _answer("bash", "cvtex build --set design.date_format=Mon") == [
        "plain,design.date_format=Mon\\ YYYY",
        "plain,design.date_format=Month\\ YYYY",
    ]
    quoted = _answer("bash", "cvtex build --set 'design.date_format=Mon", _CVTEX_COMP_QUOTE="'")
    assert quoted == ["plain,design.date_format=Mon YYYY", "plain,design.date_format=Month YYYY"]
    assert _answer("bash", "cvtex build -t ./my", _CVTEX_COMP_KEPT="") == ["dir,./my"]


@pytest.mark.parametrize(
    ("shell", "expected"),
    [("zsh", "--set=design.paper=a4"), ("fish", "plain,--set=design.paper=a4")],
)
def test_zsh_and_fish_get_the_whole_word_back(shell: str, expected: str) -> None:
    """They replace the whole word, ``--set=`` included, so it is put back."""
    words = "cvtex build --set=design.pap"
    # fish sends the line and, as COMP_CWORD, the word being completed
    cword = {"COMP_CWORD": "--set=design.pap"} if shell == "fish" else {}
    assert expected in _answer(shell, words, **cword)
