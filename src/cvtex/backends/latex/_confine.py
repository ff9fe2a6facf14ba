"""The exec helper that confines the TeX engine: Landlock via ctypes, then ``exec``.

Run as ``python -I -S _confine.py MODE [-r PATH|-x PATH|-w PATH]... -- COMMAND...``
(MODE ``landlock`` or ``none``): it confines itself, restores the signal state the
engine should start with, and becomes COMMAND. A fresh process rather than
``subprocess``'s ``preexec_fn``: ``preexec_fn`` runs Python between ``fork`` and
``exec``, which can deadlock when the parent has threads (a lock another thread held
at fork time is never released in the child). It imports only what it needs, so it
costs one bare Python start (~20 ms) per engine pass; :mod:`cvtex.backends.latex.sandbox` holds the
policy and everything that can be slow to import.
"""

from __future__ import annotations

import ctypes
import os
import signal
import stat
import sys
from collections.abc import Sequence

HELPER_FAILED = 125
"""The exit status when the helper could not confine itself (TeX never exits 125)."""
HELPER_PREFIX = "cvtex-sandbox:"

# include/uapi/linux/landlock.h. The syscall numbers are the same on every architecture
# with the unified syscall table (x86_64, aarch64, arm, riscv64, ppc64, s390x…).
SYSCALLS = {"create_ruleset": 444, "add_rule": 445, "restrict_self": 446}
LANDLOCK_MACHINES = frozenset(
    {"x86_64", "amd64", "aarch64", "arm64", "armv7l", "armv8l", "i686", "i386"}
    | {"riscv64", "ppc64le", "ppc64", "s390x", "loongarch64"}
)
_CREATE_RULESET_VERSION = 1
_RULE_PATH_BENEATH = 1
_PR_SET_NO_NEW_PRIVS = 38

FS_EXECUTE = 1 << 0
FS_WRITE_FILE = 1 << 1
FS_READ_FILE = 1 << 2
FS_READ_DIR = 1 << 3
FS_REMOVE_DIR = 1 << 4
FS_REMOVE_FILE = 1 << 5
FS_MAKE_CHAR = 1 << 6
FS_MAKE_DIR = 1 << 7
FS_MAKE_REG = 1 << 8
FS_MAKE_SOCK = 1 << 9
FS_MAKE_FIFO = 1 << 10
FS_MAKE_BLOCK = 1 << 11
FS_MAKE_SYM = 1 << 12
FS_REFER = 1 << 13  # ABI 2
FS_TRUNCATE = 1 << 14  # ABI 3
FS_IOCTL_DEV = 1 << 15  # ABI 5
NET_BIND_TCP = 1 << 0  # ABI 4
NET_CONNECT_TCP = 1 << 1
SCOPE_ABSTRACT_UNIX_SOCKET = 1 << 0  # ABI 6
SCOPE_SIGNAL = 1 << 1

_FS_BY_ABI = {1: (1 << 13) - 1, 2: (1 << 14) - 1, 3: (1 << 15) - 1, 4: (1 << 15) - 1}
_FS_LATEST = (1 << 16) - 1  # ABI 5 and later
_FILE_ONLY = FS_EXECUTE | FS_WRITE_FILE | FS_READ_FILE | FS_TRUNCATE | FS_IOCTL_DEV
"""The rights a rule on a non-directory may carry (the kernel refuses the others)."""

READ = FS_READ_FILE | FS_READ_DIR
EXEC = READ | FS_EXECUTE
WRITE = (
    READ
    | FS_WRITE_FILE
    | FS_REMOVE_DIR
    | FS_REMOVE_FILE
    | FS_MAKE_DIR
    | FS_MAKE_REG
    | FS_REFER
    | FS_TRUNCATE
)
"""Read and write files and folders; no execute, devices, sockets, FIFOs or symlinks."""
RIGHTS = {"-r": READ, "-x": EXEC, "-w": WRITE}


def handled_fs_access(abi: int) -> int:
    """Every file-system right the kernel of ``abi`` knows, so that all of them are
    denied by default; rights newer than the kernel are masked off, not refused."""
    return _FS_BY_ABI.get(abi, _FS_LATEST) if abi >= 1 else 0


class _RulesetAttr(ctypes.Structure):
    _fields_ = (
        ("handled_access_fs", ctypes.c_uint64),
        ("handled_access_net", ctypes.c_uint64),
        ("scoped", ctypes.c_uint64),
    )


class _PathBeneathAttr(ctypes.Structure):
    _pack_ = 1
    _fields_ = (("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32))


def _libc() -> ctypes.CDLL:
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    libc.prctl.restype = ctypes.c_int
    return libc


def _syscall(libc: ctypes.CDLL, name: str, *args: object) -> int:
    result = int(libc.syscall(ctypes.c_long(SYSCALLS[name]), *args))
    if result < 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"landlock_{name}: {os.strerror(errno)}")
    return result


def landlock_abi() -> int:
    """The kernel's Landlock ABI version, 0 when Landlock is missing or disabled."""
    if sys.platform != "linux" or os.uname().machine.lower() not in LANDLOCK_MACHINES:
        return 0
    try:
        return _syscall(
            _libc(),
            "create_ruleset",
            None,
            ctypes.c_size_t(0),
            ctypes.c_uint32(_CREATE_RULESET_VERSION),
        )
    except (OSError, AttributeError):
        return 0


def confine(rules: Sequence[tuple[int, str]]) -> int:
    """Restrict this process, and what it ``exec``s, to ``rules`` (rights, path beneath
    which they hold; missing paths are skipped); returns the ABI.

    Also denies TCP (ABI ≥ 4), abstract Unix sockets and signals to processes outside
    the sandbox (ABI ≥ 6). Raises :class:`OSError` when any step fails, so the caller
    never runs the engine half-confined.
    """
    abi = landlock_abi()
    if abi < 1:
        raise OSError(0, "Landlock is not available")
    libc = _libc()
    handled = handled_fs_access(abi)
    attr = _RulesetAttr(
        handled_access_fs=handled,
        handled_access_net=(NET_BIND_TCP | NET_CONNECT_TCP) if abi >= 4 else 0,
        scoped=(SCOPE_ABSTRACT_UNIX_SOCKET | SCOPE_SIGNAL) if abi >= 6 else 0,
    )
    size = 8 if abi < 4 else 16 if abi < 6 else 24  # older kernels know fewer fields
    ruleset = _syscall(
        libc, "create_ruleset", ctypes.byref(attr), ctypes.c_size_t(size), ctypes.c_uint32(0)
    )
    try:
        for rights, path in rules:
            _add_path_rule(libc, ruleset, path, rights & handled)
        if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            errno = ctypes.get_errno()
            raise OSError(errno, f"prctl(PR_SET_NO_NEW_PRIVS): {os.strerror(errno)}")
        _syscall(libc, "restrict_self", ctypes.c_int(ruleset), ctypes.c_uint32(0))
    finally:
        os.close(ruleset)
    return abi


def _add_path_rule(libc: ctypes.CDLL, ruleset: int, path: str, rights: int) -> None:
    try:
        fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
    except FileNotFoundError:
        return
    try:
        if not stat.S_ISDIR(os.fstat(fd).st_mode):
            rights &= _FILE_ONLY
        rule = _PathBeneathAttr(allowed_access=rights, parent_fd=fd)
        _syscall(
            libc,
            "add_rule",
            ctypes.c_int(ruleset),
            ctypes.c_uint32(_RULE_PATH_BENEATH),
            ctypes.byref(rule),
            ctypes.c_uint32(0),
        )
    finally:
        os.close(fd)


def command_line(mode: str, rules: Sequence[tuple[str, str]], argv: Sequence[str]) -> list[str]:
    """The helper's arguments: ``rules`` are (``-r``/``-x``/``-w``, path) pairs."""
    return [mode, *(part for rule in rules for part in rule), "--", *argv]


def parse(args: Sequence[str]) -> tuple[str, list[tuple[int, str]], list[str]]:
    """Mode, Landlock rules and the command from the helper's arguments."""
    mode, rest = args[0], list(args[1:])
    rules: list[tuple[int, str]] = []
    while rest and rest[0] != "--":
        flag, path, *rest = rest
        rules.append((RIGHTS[flag], path))
    if mode not in ("landlock", "none") or not rest or len(rest) < 2:
        raise ValueError("usage: _confine.py landlock|none [-r|-x|-w PATH]... -- COMMAND...")
    return mode, rules, rest[1:]


def main(args: Sequence[str]) -> int:
    """Confine (in ``landlock`` mode), reset signals, then become the command."""
    try:
        mode, rules, command = parse(args)
    except (ValueError, KeyError, IndexError) as exc:
        print(f"{HELPER_PREFIX} {exc}", file=sys.stderr, flush=True)
        return 2
    if mode == "landlock":
        try:
            confine(rules)
        except OSError as exc:
            print(f"{HELPER_PREFIX} cannot confine the engine: {exc}", file=sys.stderr, flush=True)
            return HELPER_FAILED
    # Python ignores SIGPIPE and SIGXFSZ, and cvtex blocks SIGINT/SIGTERM/SIGHUP while it
    # starts the engine; the engine must start with neither.
    for number in (signal.SIGPIPE, signal.SIGXFSZ):
        signal.signal(number, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_SETMASK, ())
    try:
        os.execv(command[0], command)
    except OSError as exc:
        print(f"{HELPER_PREFIX} cannot run {command[0]}: {exc}", file=sys.stderr, flush=True)
    return 127


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
