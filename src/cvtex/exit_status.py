"""Process exit codes: documented in the README and never renumbered."""

from enum import IntEnum


class ExitStatus(IntEnum):
    """Why cvtex exited; scripts and CI jobs branch on these numbers."""

    SUCCESS = 0
    INVALID_INPUT = 1
    USAGE = 2
    TEX_FAILURE = 3
    ENVIRONMENT = 4
    CHECK_FAILED = 5
    INTERNAL_ERROR = 70
    HANGUP = 129
    """SIGHUP (128 + 1), as a shell reports a process killed by it."""
    INTERRUPTED = 130
    """SIGINT (128 + 2): Ctrl-C."""
    BROKEN_PIPE = 141
    """SIGPIPE (128 + 13): the reader of standard output went away (``| head``)."""
    TERMINATED = 143
    """SIGTERM (128 + 15)."""
