"""What one run of cvtex may learn from outside the process, passed down as a value.

Like httpie's ``Environment``: the working folder, the environment variables, the
streams, the clock, the machine's tools (:class:`~cvtex.backends.latex.probes.Probes`)
and the cache folder travel with the request instead of being read from module
globals. A command makes one with :meth:`Environment.current`; a test makes its own
(``Environment.current().replace(probes=...)``) instead of monkeypatching.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from cvtex.backends.latex.probes import Probes


@dataclass(frozen=True)
class Environment:
    cwd: Path
    environ: Mapping[str, str]
    stdout: TextIO = field(default=sys.stdout, compare=False)
    stderr: TextIO = field(default=sys.stderr, compare=False)
    clock: Callable[[], dt.datetime] = field(default=lambda: dt.datetime.now(dt.UTC), compare=False)
    probes: Probes = field(default_factory=Probes, compare=False)

    @classmethod
    def current(cls) -> Environment:
        """This process's folder, variables and streams, and a fresh set of probes."""
        environ = dict(os.environ)
        return cls(Path.cwd(), environ, sys.stdout, sys.stderr, probes=Probes(environ))

    def replace(self, **changes: Any) -> Environment:
        return dataclasses.replace(self, **changes)

    def today(self) -> dt.date:
        """Today, by the run's clock: which dates are "in the future"."""
        return self.clock().date()

    @property
    def cache_dir(self) -> Path:
        """Built PDFs are kept here: ``$CVTEX_CACHE_DIR``, else ``$XDG_CACHE_HOME/cvtex``,
        else ``~/.cache/cvtex``."""
        explicit = self.environ.get("CVTEX_CACHE_DIR")
        if explicit:
            return Path(explicit)
        home = self.environ.get("HOME") or str(Path.home())
        return Path(self.environ.get("XDG_CACHE_HOME") or Path(home) / ".cache") / "cvtex"
