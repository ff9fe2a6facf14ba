"""Confine the TeX engine process: Landlock on Linux, else bubblewrap, else nothing.

TeX's own ``openin_any=p`` misses primitives that embed files directly
(``\\pdfobj stream file``, xdvipdfmx's ``pdf:fstream``), and lualatex's Lua ignores it
altogether. So the engine process itself may read only the build folder, the TeX
tree, fonts and system libraries, and write only the build folder (and, for
lualatex, cvtex's own font cache).

Landlock is applied by :mod:`cvtex.backends.latex._confine`, a small helper that confines itself
and then ``exec``s the engine (see there why not ``preexec_fn``). ``CVTEX_SANDBOX``
(the user's environment, never the document) chooses: ``auto`` (default),
``landlock``, ``bubblewrap`` or ``off`` (for debugging).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from cvtex.backends.latex import _confine

ENV_SWITCH = "CVTEX_SANDBOX"
HELPER_FAILED = _confine.HELPER_FAILED
HELPER_PREFIX = _confine.HELPER_PREFIX
_HELPER = str(Path(_confine.__file__).resolve())


def landlock_abi() -> int:
    """The kernel's Landlock ABI version, 0 when Landlock is missing or disabled."""
    return _confine.landlock_abi()


@dataclass(frozen=True)
class Policy:
    """What the engine may touch: paths beneath which it may read, also execute, and
    also write. Paths that do not exist are skipped."""

    read: tuple[str, ...] = ()
    execute: tuple[str, ...] = ()
    write: tuple[str, ...] = ()

    def helper_rules(self) -> list[tuple[str, str]]:
        return [
            (flag, path)
            for flag, paths in (("-r", self.read), ("-x", self.execute), ("-w", self.write))
            for path in paths
        ]


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


_SYSTEM_EXECUTE = ("/usr", "/lib", "/lib64", "/lib32", "/bin")
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
    elif not any(resolved.is_relative_to(path) for path in _SYSTEM_EXECUTE):
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
    helper = [sys.executable, "-I", "-S", _HELPER]
    if status.mechanism == "landlock":
        return [*helper, *_confine.command_line("landlock", policy.helper_rules(), argv)]
    inner = list(argv)
    if status.mechanism == "bubblewrap" and status.bwrap:
        inner = bubblewrap_command(status.bwrap, policy, workdir, argv)
    return [*helper, *_confine.command_line("none", (), inner)]
