"""Every cvtex command line in the README runs, and exits as the README says.

Read from README.md itself, so an example cannot drift from what the tool does:
each line of a ``sh`` block whose command is ``cvtex`` is run by bash, with the
installed console script first on PATH and an empty HOME.

- A line exits 0 unless its comment ends in ``(exit N)``; when the code depends on the
  machine, the comment says so after the first number (``(exit 0; 4 without …)``) and
  the first is what a machine set up as in the README's Set up gives.
- A command that never exits says ``(runs until Ctrl-C)`` and is skipped.
- A block after ``<!-- examples: run in order, in an empty folder -->`` runs as one
  session; any other line runs alone in a fresh folder holding the files the examples
  name: ``resume.yaml`` (the seed), ``cv.yaml``, ``resume.json`` (JSON Resume's sample),
  a template folder ``my-template/`` and a sibling ``../photos/``.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import DATA, RESUME_YAML, ROOT

pytestmark = [pytest.mark.slow, pytest.mark.tex]

README = ROOT / "README.md"
IN_ORDER = "<!-- examples: run in order, in an empty folder -->"
EXIT = re.compile(r"\(exit (\d+)\b[^)]*\)\s*$")
NEVER_EXITS = "(runs until Ctrl-C)"


@dataclass(frozen=True)
class Example:
    line: int
    command: str
    expected: int | None
    """None: the command never exits by itself."""

    @property
    def id(self) -> str:
        return f"README:{self.line}: {self.command}"


def _expected(comment: str) -> int | None:
    if NEVER_EXITS in comment:
        return None
    found = EXIT.search(comment)
    return int(found.group(1)) if found else 0


def _split_comment(text: str) -> tuple[str, str]:
    """The command and its trailing ``# comment`` (a ``#`` inside quotes or a word is
    part of the command, as bash reads it)."""
    for match in re.finditer(r"(?:^|\s)#", text):
        head = text[: match.start()]
        try:
            shlex.split(head)
        except ValueError:  # inside quotes
            continue
        return head.rstrip(), text[match.end() :].strip()
    return text.rstrip(), ""


def blocks() -> list[tuple[bool, list[Example]]]:
    """(run in order?, examples) for each ``sh`` block holding a cvtex command."""
    lines = README.read_text("utf-8").splitlines()
    found: list[tuple[bool, list[Example]]] = []
    index = 0
    while index < len(lines):
        if lines[index].strip() in ("```sh", "```bash", "```console"):
            in_order = index > 0 and lines[index - 1].strip() == IN_ORDER
            examples = []
            index += 1
            while not lines[index].startswith("```"):
                command, comment = _split_comment(lines[index])
                if command.split(" ", 1)[0] == "cvtex":
                    examples.append(Example(index + 1, command, _expected(comment)))
                index += 1
            if examples:
                found.append((in_order, examples))
        index += 1
    return found


ALONE = [example for in_order, examples in blocks() if not in_order for example in examples]
SESSIONS = [examples for in_order, examples in blocks() if in_order]


def _env(home: Path) -> dict[str, str]:
    bin_dir = str(Path(sys.executable).parent)
    assert (Path(bin_dir) / "cvtex").is_file(), "the tests run from the venv cvtex is installed in"
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([bin_dir, env.get("PATH", "")])
    env["HOME"] = str(home)
    # Folders a completion script is written to; the README's users have them.
    for folder in (
        ".local/share/bash-completion/completions",
        ".zfunc",
        ".config/fish/completions",
    ):
        (home / folder).mkdir(parents=True, exist_ok=True)
    return env


def _fixtures(folder: Path, example: Example) -> None:
    created_by_new = set(shlex.split(example.command)[2:3]) if " new " in example.command else set()
    files = {
        "resume.yaml": RESUME_YAML,
        "cv.yaml": RESUME_YAML,
        "resume.json": DATA / "jsonresume_sample.json",
    }
    for name, source in files.items():
        if name not in created_by_new:
            shutil.copy(source, folder / name)
    shutil.copytree(ROOT / "examples" / "two-tone", folder / "my-template")
    (folder.parent / "photos").mkdir()


def _run(command: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


def test_the_readme_has_examples_of_every_command() -> None:
    commands = {shlex.split(e.command)[1] for e in ALONE + [e for s in SESSIONS for e in s]}
    assert {"build", "validate", "new", "schema", "templates", "doctor", "completion"} <= commands
    assert SESSIONS, "the five-minute walkthrough runs as one session"


@pytest.mark.parametrize("example", ALONE, ids=lambda e: e.id)
def test_each_usage_example_exits_as_documented(example: Example, tmp_path: Path) -> None:
    if example.expected is None:
        pytest.skip(f"{example.command!r} runs until stopped")
    folder = tmp_path / "work"
    folder.mkdir()
    _fixtures(folder, example)
    result = _run(example.command, folder, _env(tmp_path / "home"))
    assert result.returncode == example.expected, (
        f"README line {example.line}: {example.command}\n{result.stdout}\n{result.stderr}"
    )
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("session", SESSIONS, ids=lambda s: f"README:{s[0].line}")
def test_each_walkthrough_runs_in_order_in_an_empty_folder(
    session: list[Example], tmp_path: Path
) -> None:
    folder = tmp_path / "work"
    folder.mkdir()
    env = _env(tmp_path / "home")
    for example in session:
        assert example.expected is not None
        result = _run(example.command, folder, env)
        assert result.returncode == example.expected, (
            f"README line {example.line}: {example.command}\n{result.stdout}\n{result.stderr}"
        )
    built = sorted(folder.glob("*.pdf"))
    assert built and all(p.read_bytes().startswith(b"%PDF") for p in built)
