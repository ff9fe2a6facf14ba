"""What ``--help`` teaches, and what shell completion offers."""

from __future__ import annotations

from click.testing import CliRunner, Result

from cvtex.cli import cli


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def test_cvtex_without_arguments_prints_the_help() -> None:
    result = run()
    assert result.exit_code == 2  # click's usage error for a group with no command
    assert "Commands:" in result.output
    assert "Traceback" not in result.output
