"""Did-you-mean suggestions for misspelt keys, sections, template and file names."""

from __future__ import annotations

import difflib
import itertools
import os
from collections.abc import Iterable
from pathlib import Path

RESUME_SUFFIXES = (".yaml", ".yml", ".json")
"""What a résumé file is called: ``cvtex build cv`` probably meant one of these."""
MAX_LISTED = 2000
"""At most this many entries of a folder are read for a file-name did-you-mean."""


def suggest(name: str, candidates: Iterable[str]) -> str | None:
    """The one candidate close enough to ``name`` to be what was meant, if any."""
    pool = list(candidates)
    matches = difflib.get_close_matches(name, pool, n=1, cutoff=0.75)
    if matches:
        return matches[0]
    return {candidate.lower(): candidate for candidate in pool}.get(name.lower())


def suggest_file(path: Path, *, only_one_resume: bool = False) -> Path | None:
    """The existing file that a missing ``path`` probably meant: ``path`` with a résumé
    suffix added (``cv`` → ``cv.yaml``), else the closest name in its folder. With
    ``only_one_resume`` (the default name was not there), the folder's one résumé-like
    file too, if it has exactly one."""
    if not path.name:
        return None
    try:
        for suffix in RESUME_SUFFIXES:
            candidate = path.with_name(path.name + suffix)
            if candidate.is_file():
                return candidate
        with os.scandir(path.parent) as entries:
            names = [e.name for e in itertools.islice(entries, MAX_LISTED) if e.is_file()]
    except (OSError, ValueError):
        return None  # an unreadable folder, a name too long: no suggestion
    guess = suggest(path.name, names)
    if guess is None and only_one_resume:
        resumes = [
            name
            for name in names
            if name.lower().endswith(RESUME_SUFFIXES) and not name.endswith(".schema.json")
        ]
        guess = resumes[0] if len(resumes) == 1 else None
    return path.parent / guess if guess else None
