"""Confine the TeX engine process: Landlock on Linux, else bubblewrap, else nothing.

TeX's own ``openin_any=p`` misses primitives that embed files directly
(``\\pdfobj stream file``, xdvipdfmx's ``pdf:fstream``), and lualatex's Lua ignores it
altogether. So the engine process itself may read only the build folder, the TeX
tree, fonts and system libraries, and write only the build folder.

The restriction is applied by this file run as a small helper
(``python -I -S sandbox.py SPEC ENGINE ARGS...``) that confines itself and then
``exec``s the engine. A helper, rather than ``subprocess``'s ``preexec_fn``, because
``preexec_fn`` runs Python between ``fork`` and ``exec``, which can deadlock when the
parent has threads (a lock held by another thread at fork time is never released in
the child); the helper is a fresh single-threaded process. It costs one Python start
(~20 ms) per engine pass. This file therefore imports only the standard library.

``CVTEX_SANDBOX`` (the user's environment, never the document) chooses: ``auto``
(default), ``landlock``, ``bubblewrap`` or ``off`` (for debugging).
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import json
import os
import platform
import shutil
import signal
import stat
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

ENV_SWITCH = "CVTEX_SANDBOX"
HELPER_FAILED = 125
"""The helper's exit status when it could not confine itself (TeX never exits 125)."""
HELPER_PREFIX = "cvtex-sandbox:"

# Landlock (include/uapi/linux/landlock.h). The syscall numbers are the same on every
# architecture with the unified table (x86_64, aarch64, arm, riscv64, ppc64, s390x…).
_SYSCALLS = {"create_ruleset": 444, "add_rule": 445, "restrict_self": 446}
_LANDLOCK_MACHINES = frozenset(
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


def handled_fs_access(abi: int) -> int:
    """Every file-system right the kernel of ``abi`` knows, so all of them are denied by
    default; rights newer than the kernel are masked off rather than refused."""
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
    result = int(libc.syscall(ctypes.c_long(_SYSCALLS[name]), *args))
    if result < 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"landlock_{name}: {os.strerror(errno)}")
    return result


@functools.cache
def landlock_abi() -> int:
    """The kernel's Landlock ABI version, 0 when Landlock is missing or disabled."""
    if sys.platform != "linux" or platform.machine().lower() not in _LANDLOCK_MACHINES:
        return 0
    try:
        libc = _libc()
        return _syscall(
            libc,
            "create_ruleset",
            None,
            ctypes.c_size_t(0),
            ctypes.c_uint32(_CREATE_RULESET_VERSION),
        )
    except (OSError, AttributeError):
        return 0


@dataclass(frozen=True)
class Policy:
    """What the engine may touch: paths beneath which it may read, also execute, and
    also write. Paths that do not exist are skipped."""

    read: tuple[str, ...] = ()
    execute: tuple[str, ...] = ()
    write: tuple[str, ...] = ()

    def to_json(self) -> str:
        return json.dumps({"read": self.read, "execute": self.execute, "write": self.write})


def confine_with_landlock(policy: Policy) -> int:
    """Restrict this process (and what it ``exec``s) to ``policy``; returns the ABI.

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
        for rights, paths in ((READ, policy.read), (EXEC, policy.execute), (WRITE, policy.write)):
            for path in paths:
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


Mechanism = Literal["landlock", "bubblewrap", "none"]


@dataclass(frozen=True)
class SandboxStatus:
    """How the engine process is confined on this machine, for ``doctor`` and ``-v``."""

    mechanism: Mechanism
    abi: int = 0
    """The Landlock ABI version (0 unless ``mechanism`` is ``"landlock"``)."""
    bwrap: str | None = None
    """The bubblewrap executable (only when ``mechanism`` is ``"bubblewrap"``)."""
    disabled: bool = False
    """``CVTEX_SANDBOX=off``: turned off by the user, for debugging."""
    problem: str | None = None
    """Why the requested confinement cannot be had; the build refuses to run."""

    @property
    def confined(self) -> bool:
        return self.mechanism != "none"

    def describe(self) -> str:
        if self.problem:
            return f"unavailable: {self.problem}"
        if self.mechanism == "landlock":
            return f"landlock ABI {self.abi}"
        if self.mechanism == "bubblewrap":
            return "bubblewrap"
        partial = "partial: only TeX's own openin_any/openout_any"
        if self.disabled:
            return f"{partial} ({ENV_SWITCH}=off)"
        return f"{partial}; install bubblewrap or use Linux ≥ 5.13"


def sandbox_status(environ: Mapping[str, str] | None = None) -> SandboxStatus:
    """The confinement the next engine run gets, honouring ``CVTEX_SANDBOX``."""
    wanted = (os.environ if environ is None else environ).get(ENV_SWITCH, "auto").strip().lower()
    if wanted in ("off", "0", "no", "false", "none"):
        return SandboxStatus("none", disabled=True)
    if wanted not in ("", "auto", "landlock", "bubblewrap", "bwrap"):
        return SandboxStatus(
            "none", problem=f"{ENV_SWITCH}={wanted!r}: use auto, landlock, bubblewrap or off"
        )
    if wanted in ("", "auto", "landlock"):
        abi = landlock_abi()
        if abi >= 1 and sys.executable:
            return SandboxStatus("landlock", abi=abi)
        if wanted == "landlock":
            return SandboxStatus(
                "none", problem=f"{ENV_SWITCH}=landlock but this kernel has no Landlock"
            )
    bwrap = shutil.which("bwrap")
    if bwrap is not None and bubblewrap_works(bwrap):
        return SandboxStatus("bubblewrap", bwrap=bwrap)
    if wanted in ("bubblewrap", "bwrap"):
        return SandboxStatus(
            "none", problem=f"{ENV_SWITCH}=bubblewrap but bwrap is missing or cannot run here"
        )
    return SandboxStatus("none")


@functools.cache
def bubblewrap_works(bwrap: str) -> bool:
    """Whether ``bwrap`` can create its namespaces here (containers often forbid it)."""
    true = shutil.which("true") or "/bin/true"
    argv = bubblewrap_command(bwrap, Policy(execute=_SYSTEM_EXECUTE), Path("/"), [true])
    try:
        completed = subprocess.run(
            argv, stdin=subprocess.DEVNULL, capture_output=True, timeout=10, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return completed.returncode == 0


def bubblewrap_command(bwrap: str, policy: Policy, workdir: Path, argv: Sequence[str]) -> list[str]:
    """``argv`` under bubblewrap: a new root holding only the policy's paths, no network,
    its own PID namespace (so killing bwrap kills everything inside)."""
    command = [bwrap, "--unshare-all", "--die-with-parent", "--dev", "/dev", "--proc", "/proc"]
    for path in (*policy.read, *policy.execute):
        if path != "/dev/null":
            command += ["--ro-bind-try", path, path]
    for path in policy.write:
        if path != "/dev/null":  # --dev already provides a writable /dev/null
            command += ["--bind-try", path, path]
    return [*command, "--chdir", str(workdir), "--", *argv]


_SYSTEM_EXECUTE = ("/usr", "/lib", "/lib64", "/lib32", "/bin", "/sbin")
_SYSTEM_READ = (
    "/etc/ld.so.cache",
    "/etc/ld.so.preload",
    "/etc/localtime",
    "/etc/locale.alias",
    "/etc/fonts",
    "/etc/texmf",
    "/etc/papersize",
    "/etc/libpaper.d",
    "/var/lib/texmf",
    "/var/cache/fontconfig",
)
"""Debian's TeX Live configuration and caches, fontconfig's, the dynamic loader's."""
_HOME_READ = (
    "texmf",
    ".fonts",
    ".local/share/fonts",
    ".cache/fontconfig",
    ".config/fontconfig",
    ".fontconfig",
)
"""The user's own TeX tree (TEXMFHOME), fonts and fontconfig caches and settings."""


def engine_policy(
    executable: Path,
    workdir: Path,
    *,
    home: str | None,
    writable: Sequence[Path] = (),
) -> Policy:
    """What an engine needs: system libraries and programs, its TeX tree, fonts and the
    user's TeX and font folders to read, and ``workdir`` (plus ``writable``) to write."""
    execute = list(_SYSTEM_EXECUTE)
    read = list(_SYSTEM_READ)
    resolved = executable.resolve()
    root = resolved.parents[2] if len(resolved.parents) > 2 else None
    if root is not None and (root / "texmf-dist").is_dir():
        # A TeX Live tree (the bundled TinyTeX, or /opt/texlive/YEAR) and its texmf-local.
        execute.append(str(root))
        read.append(str(root.parent / "texmf-local"))
    else:
        execute.append(str(resolved.parent))
    if home:
        base = Path(home)
        read += [str(base / name) for name in _HOME_READ]
        read += sorted(str(p) for p in base.glob(".texlive*"))  # TEXMFVAR and TEXMFCONFIG
    write = [str(workdir), "/dev/null", *(str(p) for p in writable)]
    return Policy(read=tuple(read), execute=tuple(execute), write=tuple(write))


def wrap_command(
    argv: Sequence[str], policy: Policy, status: SandboxStatus, workdir: Path
) -> list[str]:
    """The command that runs ``argv`` confined as ``status`` says.

    On POSIX the helper always comes first, even unconfined: it restores the signal
    mask and dispositions the engine should start with (the caller blocks signals
    while it starts the process, so an interrupt cannot orphan it).
    """
    if sys.platform == "win32" or not sys.executable:
        return list(argv)
    helper = [sys.executable, "-I", "-S", str(Path(__file__).resolve())]
    if status.mechanism == "landlock":
        return [*helper, policy.to_json(), *argv]
    inner = list(argv)
    if status.mechanism == "bubblewrap" and status.bwrap:
        inner = bubblewrap_command(status.bwrap, policy, workdir, argv)
    return [*helper, "null", *inner]


def _main(argv: list[str]) -> int:
    """Helper entry point: ``sandbox.py SPEC COMMAND...`` (SPEC is a Policy as JSON, or
    ``null`` for none): confine, reset signals, then become COMMAND."""
    if len(argv) < 3:
        print(f"{HELPER_PREFIX} usage: sandbox.py SPEC COMMAND [ARGS...]", file=sys.stderr)
        return 2
    spec = json.loads(argv[1])
    if spec is not None:
        policy = Policy(
            read=tuple(spec["read"]), execute=tuple(spec["execute"]), write=tuple(spec["write"])
        )
        try:
            confine_with_landlock(policy)
        except OSError as exc:
            print(f"{HELPER_PREFIX} cannot confine the engine: {exc}", file=sys.stderr, flush=True)
            return HELPER_FAILED
    for number in (signal.SIGPIPE, signal.SIGXFSZ):  # Python ignores these; TeX should not
        signal.signal(number, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_SETMASK, ())
    try:
        os.execv(argv[2], argv[2:])
    except OSError as exc:
        with contextlib.suppress(OSError):
            print(f"{HELPER_PREFIX} cannot run {argv[2]}: {exc}", file=sys.stderr, flush=True)
        return 127
    return 127  # pragma: no cover - execv does not return


if __name__ == "__main__":
    sys.exit(_main(sys.argv))
