"""Rules for the characters résumé text may hold, applied before the schema.

Text from a stranger can carry characters that change what a reader sees without
being seen: display-order controls (U+202E turns "Ada" into a name that reads
backwards, in the PDF and in its metadata), invisible format characters pasted
from the web, and control characters. The rules, the same for every output:

* display-order (bidi) controls are refused at the field, as right-to-left
  scripts are (cvtex cannot set them yet);
* control characters other than tab, line feed and carriage return are refused;
* a "word" (a run without spaces) may not exceed :data:`MAX_WORD` characters;
* other invisible format characters (category Cf: zero-width space, soft hyphen,
  word joiner, byte-order mark, tag characters…) are removed, with a warning;
  zero-width (non-)joiners stay where they do work: between letters (Persian,
  Indic scripts) or inside an emoji sequence.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cvtex.diagnostics import BIDI_CONTROLS, FieldPath, Severity
from cvtex.source.text import describe_character

JOINERS = frozenset("\u200c\u200d")
ALLOWED_CONTROLS = frozenset("\t\n\r")
MAX_WORD = 500
"""Characters in a run without spaces. TeX is slow to lay out a long one, and a box
wider than 16 384pt overflows its arithmetic: a thousand letters of a header-size
name come near that. No real word or URL in a résumé is this long."""
UNCHECKED_ROOT_KEYS = frozenset({"meta", "$schema"})
"""Not printed anywhere, so not checked (cvtex ignores ``meta``)."""


@dataclass(frozen=True)
class TextProblem:
    """One finding about the characters of one field (or key)."""

    severity: Severity
    code: str
    message: str
    path: FieldPath
    on_key: bool = False


def _name(char: str) -> str:
    if unicodedata.category(char) == "Cc":
        return describe_character(char).removeprefix("control character ")
    return f"U+{ord(char):04X} ({unicodedata.name(char, 'unnamed')})"


def _does_work(text: str, index: int) -> bool:
    """A joiner between letters, or next to an emoji, shapes what is printed."""
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""

    def joinable(char: str) -> bool:
        if not char:
            return False
        category = unicodedata.category(char)
        return category[0] in "LM" or category == "So" or ord(char) >= 0x1F000

    return joinable(before) and joinable(after)


def clean_text(text: str) -> tuple[str, list[tuple[Severity, str, str]]]:
    """``text`` without removable format characters, and what was wrong with it."""
    findings: list[tuple[Severity, str, str]] = []
    bidi = sorted({c for c in text if c in BIDI_CONTROLS})
    if bidi:
        findings.append(
            (
                Severity.ERROR,
                "bidi-control",
                f"display-order control {', '.join(map(_name, bidi))} is not allowed: it "
                "changes the order in which the text reads; remove it",
            )
        )
    controls = sorted(
        {c for c in text if unicodedata.category(c) == "Cc" and c not in ALLOWED_CONTROLS}
    )
    if controls:
        findings.append(
            (
                Severity.ERROR,
                "control-char",
                f"control character {', '.join(map(_name, controls))} is not allowed; remove it",
            )
        )
    longest = max((len(word) for word in text.split()), default=0)
    if longest > MAX_WORD:
        findings.append(
            (
                Severity.ERROR,
                "word-too-long",
                f"a word of {longest} characters (with no space in it) cannot be set on a "
                f"page; the limit is {MAX_WORD}",
            )
        )
    kept: list[str] = []
    removed: set[str] = set()
    for index, char in enumerate(text):
        if (
            char in BIDI_CONTROLS
            or unicodedata.category(char) != "Cf"
            or (char in JOINERS and _does_work(text, index))
        ):
            kept.append(char)
        else:
            removed.add(char)
    if removed:
        findings.append(
            (
                Severity.WARNING,
                "format-char",
                f"invisible format character {', '.join(map(_name, sorted(removed)))} was removed",
            )
        )
    return ("".join(kept) if removed else text), findings


def check_content(data: dict[str, Any]) -> tuple[dict[str, Any], list[TextProblem]]:
    """A copy of the loaded data with format characters removed, and every problem
    found in its text (values and keys)."""
    problems: list[TextProblem] = []

    def note(path: FieldPath, on_key: bool) -> Callable[[tuple[Severity, str, str]], None]:
        def add(finding: tuple[Severity, str, str]) -> None:
            severity, code, message = finding
            problems.append(TextProblem(severity, code, message, path, on_key))

        return add

    def walk(value: Any, path: FieldPath) -> Any:
        if isinstance(value, str):
            cleaned, findings = clean_text(value)
            for finding in findings:
                note(path, False)(finding)
            return cleaned
        if isinstance(value, list):
            return [walk(item, (*path, i)) for i, item in enumerate(value)]
        if isinstance(value, dict):
            result: dict[str, Any] = {}
            for key, item in value.items():
                if not path and key in UNCHECKED_ROOT_KEYS:
                    result[key] = item
                    continue
                _, key_findings = clean_text(key)
                for finding in key_findings:
                    if finding[0] is Severity.ERROR:
                        note((*path, key), True)(finding)
                result[key] = walk(item, (*path, key))
            return result
        return value

    return walk(data, ()), problems
