"""Running a command: cvtex errors become messages and exit codes, signals become clean exits."""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import click

from cvtex.exit_status import ExitStatus

F = TypeVar("F", bound=Callable[..., Any])


def echo_json_failure(exit_code: int, message: str, code: str) -> None:
    from cvtex.cli.report import make_report
    from cvtex.diagnostics import Diagnostic, Severity

    failure = Diagnostic(Severity.ERROR, message, code=code)
    click.echo(make_report(exit_code=exit_code, diagnostics=[failure]))


_SIGNAL_EXITS = {
    "SIGHUP": ExitStatus.HANGUP,
    "SIGINT": ExitStatus.INTERRUPTED,
    "SIGTERM": ExitStatus.TERMINATED,
}


@contextlib.contextmanager
def _signals_as_exceptions() -> Iterator[None]:
    """Turn SIGINT, SIGTERM and SIGHUP into :class:`Interrupted` while a command runs, so
    the ``finally`` blocks below it kill the TeX engine's process group and remove the
    temporary build folder before cvtex exits with 128 + the signal number. Only the
    first signal is raised: a second one must not cut that cleanup short. A signal the
    caller ignores (``nohup``, a shell's background job) stays ignored."""
    from cvtex.errors import CvtexError

    class Interrupted(CvtexError):
        code = "interrupted"

        def __init__(self, name: str) -> None:
            super().__init__(f"cvtex: interrupted by {name}")
            self.exit_status = _SIGNAL_EXITS[name]

    raised = False

    def handler(number: int, frame: object) -> None:
        nonlocal raised
        if not raised:
            raised = True
            raise Interrupted(signal.Signals(number).name)

    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers (e.g. under a test runner)
        return
    names = [
        name
        for name in _SIGNAL_EXITS
        if hasattr(signal, name) and signal.getsignal(getattr(signal, name)) != signal.SIG_IGN
    ]
    previous = {name: signal.signal(getattr(signal, name), handler) for name in names}
    try:
        yield
    finally:
        for name, old in previous.items():
            signal.signal(getattr(signal, name), old)


def guarded(command: F) -> F:
    """Run a command, turning cvtex errors into messages (or a JSON report) and exit codes."""

    @functools.wraps(command)
    def wrapper(*args: Any, debug: bool = False, **kwargs: Any) -> Any:
        from cvtex.errors import CvtexError

        as_json = kwargs.get("output_format") == "json"
        try:
            with _signals_as_exceptions():
                result = command(*args, **kwargs)
                if sys.stdout is not None:  # None: started with stdout closed (>&-)
                    sys.stdout.flush()  # a reader that left (| head) is found here
                return result
        except CvtexError as exc:
            if debug:
                traceback.print_exc()
            if as_json:
                from cvtex.cli.report import make_report

                code = int(exc.exit_status)
                click.echo(make_report(exit_code=code, diagnostics=exc.as_diagnostics()))
            else:
                click.echo(exc.render(), err=True)
            sys.exit(int(exc.exit_status))
        except KeyboardInterrupt:
            if as_json:
                echo_json_failure(130, "interrupted", "interrupted")
            click.echo("cvtex: interrupted", err=True)
            sys.exit(130)
        except BrokenPipeError:
            # The reader of stdout left (`cvtex schema | head`): stop quietly, as other
            # tools do, and keep Python from failing again when it flushes at exit.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(int(ExitStatus.BROKEN_PIPE))
        except OSError as exc:
            # Not a bug but this machine: a full disk or stream, a name too long.
            if debug:
                traceback.print_exc()
            where = f" ({exc.filename})" if exc.filename else ""
            message = f"cannot read or write{where}: {exc.strerror or exc}"
            if as_json:
                echo_json_failure(int(ExitStatus.ENVIRONMENT), message, "os-error")
            click.echo(f"cvtex: {message}", err=True)
            sys.exit(int(ExitStatus.ENVIRONMENT))
        except Exception as exc:
            if debug:
                raise
            message = f"internal error: {type(exc).__name__}: {exc}"
            if as_json:
                echo_json_failure(int(ExitStatus.INTERNAL_ERROR), message, "internal")
            click.echo(
                f"cvtex: {message}\n"
                "This is a bug in cvtex. Run again with --debug for details and please report it.",
                err=True,
            )
            sys.exit(int(ExitStatus.INTERNAL_ERROR))

    debug_option = click.option("--debug", is_flag=True, help="Show Python tracebacks on errors.")
    return debug_option(wrapper)  # type: ignore[return-value]
