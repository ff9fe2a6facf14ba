"""Reading the engine's log: errors with their .tex line, overfull boxes, missing characters."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class TexMessage:
    """One error from the log: the ``.tex`` line, the message, the text at the error."""

    line: int | None
    message: str
    context: str = ""


_CONTEXT_LINE = re.compile(r"^l\.(?P<line>\d+) ?(?P<before>.*)$")
_FILE_LINE_ERROR = re.compile(r"^(?:\./)?(?P<file>[^\s:]+\.tex):(?P<line>\d+): (?P<message>.*)$")
_MISSING_CHAR = re.compile(r"^Missing character: There is no (.) \(U\+[0-9A-F]+\)", re.MULTILINE)


def parse_missing_characters(log: str) -> set[str]:
    """Characters xelatex/lualatex dropped because no font had them."""
    return set(_MISSING_CHAR.findall(log))


_OVERFULL = re.compile(
    r"^Overfull \\hbox \((?P<points>\d+(?:\.\d+)?)pt too wide\) "
    r"(?:in (?:paragraph|alignment) at lines (?P<first>\d+)--(?P<last>\d+)"
    r"|detected at line (?P<line>\d+))",  # the second form: a box, e.g. the header
    re.MULTILINE,
)


@dataclass(frozen=True)
class Overfull:
    """A line TeX could not fit in the measure: by how much, and which source lines."""

    points: float
    first_line: int
    last_line: int


def parse_overfull(log: str) -> tuple[Overfull, ...]:
    return tuple(
        Overfull(float(m["points"]), int(m["first"] or m["line"]), int(m["last"] or m["line"]))
        for m in _OVERFULL.finditer(log)
    )


def parse_log(log: str) -> tuple[TexMessage, ...]:
    """Pull errors out of a TeX log: message, ``.tex`` line and the text at the error."""
    lines = log.splitlines()
    messages: list[TexMessage] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        located = _FILE_LINE_ERROR.match(line)
        if located is None and not line.startswith("!"):
            index += 1
            continue
        if located is not None:
            tex_line: int | None = int(located.group("line"))
            text = located.group("message")
        else:
            tex_line, text = None, line[1:].lstrip()
        parts = [text.strip()]
        context = ""
        index += 1
        limit = min(len(lines), index + 40)
        while index < limit:
            follow = lines[index]
            context_match = _CONTEXT_LINE.match(follow)
            if context_match is not None:
                tex_line = tex_line or int(context_match.group("line"))
                context = context_match.group("before")
                index += 1
                break
            if not follow.strip() or _FILE_LINE_ERROR.match(follow) or follow.startswith("!"):
                break
            if follow.startswith("(") and ")" in follow[:20]:
                parts.append(follow.split(")", 1)[1].strip())
            elif not parts[-1].endswith("."):
                parts.append(follow.strip())
            index += 1
        message = " ".join(p for p in parts if p)
        if message == "Emergency stop." or message.startswith("==> Fatal error occurred"):
            continue
        messages.append(TexMessage(tex_line, message, context))
    return tuple(messages)
