"""Did-you-mean suggestions for misspelt keys, sections and template names."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def suggest(name: str, candidates: Iterable[str]) -> str | None:
    """The one candidate close enough to ``name`` to be what was meant, if any."""
    pool = list(candidates)
    matches = difflib.get_close_matches(name, pool, n=1, cutoff=0.75)
    if matches:
        return matches[0]
    return {candidate.lower(): candidate for candidate in pool}.get(name.lower())
