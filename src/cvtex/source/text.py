"""A file's bytes → text the parser may see: decoded as UTF-8, raw controls refused.

A UTF-16 file with a byte-order mark is read too (Windows editors save "Unicode" so);
a binary file, bad UTF-8 or a raw control character is an error at its line.
"""

from __future__ import annotations

import bisect
import re

from cvtex.diagnostics import Diagnostic, Position, Severity
from cvtex.errors import InputError
from cvtex.source.limits import LIMITS, Limits

MAX_CONTROL_REPORTS = 20
"""Control characters listed one by one before the rest are summed up."""

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
"""Characters refused anywhere in the file: C0 controls but tab, LF and CR; DEL; C1
controls, NEL (U+0085) included (YAML 1.1 reads it as a line break, editors show
nothing, and Python's ``splitlines`` would disagree with both); two noncharacters."""
_LINE_BREAK = re.compile("\r\n|[\n\r\u2028\u2029]")
"""Line breaks as the YAML parser counts them once the characters above are gone."""
# fmt: off
_C0_NAMES = (
    "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF",
    "CR", "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM",
    "SUB", "ESC", "FS", "GS", "RS", "US",
)
_C1_NAMES = (
    "PAD", "HOP", "BPH", "NBH", "IND", "NEL", "SSA", "ESA", "HTS", "HTJ", "VTS", "PLD",
    "PLU", "RI", "SS2", "SS3", "DCS", "PU1", "PU2", "STS", "CCH", "MW", "SPA", "EPA", "SOS",
    "SGCI", "SCI", "CSI", "ST", "OSC", "PM", "APC",
)
# fmt: on


def describe_character(char: str) -> str:
    """``control character U+0007 (BEL)``: control characters have no Unicode name."""
    code = ord(char)
    if code < 0x20:
        return f"control character U+{code:04X} ({_C0_NAMES[code]})"
    if code == 0x7F:
        return "control character U+007F (DEL)"
    if code <= 0x9F:
        return f"control character U+{code:04X} ({_C1_NAMES[code - 0x80]})"
    return f"noncharacter U+{code:04X}"


def check_characters(text: str, filename: str) -> None:
    """Refuse raw control characters, each at its line and column (the first
    :data:`MAX_CONTROL_REPORTS`), before the parser sees them. Escapes such as
    ``"\\u0007"`` in double quotes are not raw and pass: the LaTeX escaper drops them."""
    first = _CONTROL.search(text)
    if first is None:
        return
    starts = [0] + [match.end() for match in _LINE_BREAK.finditer(text)]
    diagnostics: list[Diagnostic] = []
    found = 0
    for match in _CONTROL.finditer(text, first.start()):
        found += 1
        if found > MAX_CONTROL_REPORTS:
            continue
        offset = match.start()
        line = bisect.bisect_right(starts, offset)
        position = Position(line, offset - starts[line - 1] + 1)
        message = f"{describe_character(match.group())}; remove it"
        diagnostics.append(
            Diagnostic(Severity.ERROR, message, (), position, filename, "control-char")
        )
    if found > MAX_CONTROL_REPORTS:
        more = found - MAX_CONTROL_REPORTS
        message = f"{more} more control character(s) not listed"
        diagnostics.append(Diagnostic(Severity.ERROR, message, (), None, filename))
    raise InputError(diagnostics, text)  # the formatter shows each as a visible symbol


def decode(raw: bytes, filename: str, limits: Limits = LIMITS) -> str:
    def fail(message: str, position: Position | None = None) -> InputError:
        return InputError([Diagnostic(Severity.ERROR, message, (), position, filename)])

    if len(raw) > limits.max_bytes:
        raise fail(too_big_message(limits))
    utf16 = _utf16_by_its_mark(raw)
    if utf16 is not None:
        try:  # Windows editors save "Unicode" as UTF-16 with a byte-order mark
            raw = raw.decode(utf16).encode("utf-8")
        except UnicodeDecodeError:
            raise fail(f"the file starts as {utf16.upper()} but is not; save it as UTF-8") from None
    if b"\x00" in raw[:8192]:
        raise fail("this looks like a binary file, not YAML or JSON text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise fail(
            f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8",
            Position(line, column),
        ) from None
    if not text.strip():
        raise fail("the file is empty")
    return text


def _utf16_by_its_mark(raw: bytes) -> str | None:
    """The UTF-16 codec a byte-order mark names (never guessed without one)."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return None  # UTF-32: rare enough to be refused as binary
    return "utf-16" if raw.startswith((b"\xff\xfe", b"\xfe\xff")) else None


def too_big_message(limits: Limits) -> str:
    size = limits.max_bytes
    shown = f"{size // (1024 * 1024)} MiB" if size % (1024 * 1024) == 0 else f"{size} bytes"
    return f"the file is larger than {shown} (the limit); refusing to parse it"
