"""Which writing systems a résumé uses, decided from the characters in it.

``auto`` engine selection needs to know whether the bundled pdflatex (Latin
fonts only) can set the text, or whether xelatex with Unicode fonts is needed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import BaseModel

from cvtex.diagnostics import FieldPath
from cvtex.model.dates import PartialDate
from cvtex.model.locales import get_locale

if TYPE_CHECKING:
    from cvtex.model.schema import Resume

# Characters the pdflatex templates can set: Latin (T1 and TS1 encodings) plus the
# symbols declared in the templates' preamble.
_PDFLATEX_EXTRA = set("≈≤≥≠→←↔⇒∞−∗–—‘’‚“”„†‡•…‰‹›€™°©®±×÷µ¶§¢£¥¤¦¬¯´¸¹²³¼½¾")
_PDFLATEX_UNSAFE = frozenset("¨˘˝฿‱※⁒₡₤₦₩₫₱№℗℞℠℧℮↑↓〈〉◦◯♪⟨⟩〈〉␢␣")
"""Declared by LaTeX's UTF-8 tables (T1, TS1) but missing from a built-in template's
pdflatex fonts (Charter's TS1 has no ₦, ‱, №…): TeX fails on them, so they count as
symbols and ``auto`` picks xelatex. tests/test_pdflatex_symbols.py builds the rest."""
_ESCAPED_AWAY = set("\u00ad\u200b\u2060\ufeff")
"""Format characters the escaper turns into TeX (or drops), on any engine."""


@dataclass(frozen=True)
class ScriptUse:
    """A script found in the résumé and the first field that uses it."""

    script: str
    path: FieldPath
    sample: str


def script_of(char: str, pdflatex_chars: frozenset[str] | None = None) -> str | None:
    """A coarse script class for ``char``, or None for what pdflatex can set.

    ``pdflatex_chars`` is what the engine's UTF-8 tables declare; without it, Latin-1
    and Latin Extended-A are assumed.
    """
    code = ord(char)
    if char in _PDFLATEX_UNSAFE:
        return "symbol"
    settable = char in pdflatex_chars if pdflatex_chars is not None else code < 0x180
    category = unicodedata.category(char)
    if code < 0x80 or settable or char in _PDFLATEX_EXTRA or char in _ESCAPED_AWAY:
        return None
    if category in ("Cc", "Zs", "Zl", "Zp"):
        return None  # control characters are dropped, spaces become spaces
    if category == "Co":
        return "symbol"  # private use: only a special font has it
    if unicodedata.bidirectional(char) in ("R", "AL"):
        return "rtl"  # every right-to-left script: Hebrew, Arabic, Syriac, NKo, Adlam…
    name = unicodedata.name(char, "")
    if name.startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "IDEOGRAPHIC", "FULLWIDTH")) or (
        0x3000 <= code <= 0x303F
    ):
        if name.startswith(("HIRAGANA", "KATAKANA")):
            return "japanese"
        if name.startswith("HANGUL"):
            return "korean"
        return "chinese"
    for prefix, script in (
        ("CYRILLIC", "cyrillic"),
        ("GREEK", "greek"),
        ("ARABIC", "rtl"),
        ("HEBREW", "rtl"),
        ("SYRIAC", "rtl"),
        ("THAANA", "rtl"),
    ):
        if name.startswith(prefix):
            return script
    if unicodedata.category(char) == "So" or code >= 0x1F000:
        return "symbol"
    if name.startswith("LATIN"):
        return "latin-extended"
    return "other"


@dataclass(frozen=True)
class PrintedWord:
    """Text cvtex prints that is no résumé field: where it comes from, for engine choice
    and for warnings about glyphs no font has."""

    path: FieldPath
    """``("locale",)`` for the locale's own words, else the design key that holds it."""
    text: str
    what: str
    """What the word is, for messages: 'the title of "education"', 'a month name'…"""
    origin: str = ""
    """The locale code, for the locale's words."""


def printed_words(resume: Resume) -> list[PrintedWord]:
    """The locale's words the résumé does not override (titles, months, "present"…) and
    its ``design.section_titles``: printed as much as any field."""
    locale = get_locale(resume.locale)
    titles = resume.design.section_titles
    words = [
        PrintedWord(("design", "section_titles", key), title, f'the title of "{key}"')
        for key, title in titles.items()
    ]
    words += [
        PrintedWord(("locale",), title, f'the title of "{key}"', locale.code)
        for key, title in locale.titles.items()
        if key not in titles
    ]
    if "months" not in resume.strings:
        words += [PrintedWord(("locale",), m, "a month name", locale.code) for m in locale.months]
    if "months_short" not in resume.strings:
        words += [
            PrintedWord(("locale",), m, "a month name", locale.code) for m in locale.months_short
        ]
    words += [
        PrintedWord(("locale",), text, f'the word for "{key}"', locale.code)
        for key, text in locale.strings.items()
        if key not in resume.strings
    ]
    return words


CJK_LANGUAGES = {"zh": "chinese", "ja": "japanese", "ko": "korean"}
"""The CJK face a language's Han characters take (they differ: 文 is drawn three ways)."""
_TRADITIONAL = frozenset({"tw", "hk", "mo", "hant"})
"""Subtags of Chinese written with traditional characters (zh-TW, zh-Hant-HK…)."""


def cjk_variant(locale: str | None, scripts: Iterable[str]) -> str:
    """The CJK face for the text: the locale's language when it writes with Han
    characters (zh-TW and zh-Hant: traditional), else kana means Japanese and Hangul
    Korean, else (simplified) Chinese."""
    language, *rest = (locale or "").lower().replace("_", "-").split("-")
    if language == "zh" and set(rest) & _TRADITIONAL:
        return "traditional-chinese"
    if language in CJK_LANGUAGES:
        return CJK_LANGUAGES[language]
    found = set(scripts)
    return next((s for s in ("japanese", "korean") if s in found), "chinese")


def scripts_in(model: BaseModel, pdflatex_chars: frozenset[str] | None = None) -> list[ScriptUse]:
    """Every script class the résumé's text needs beyond what pdflatex can set, with
    where it first appears."""
    found: dict[str, ScriptUse] = {}
    for path, text in _texts(model, ()):
        for char in text:
            script = script_of(char, pdflatex_chars)
            if script is not None and script not in found:
                found[script] = ScriptUse(script, path, char)
    return list(found.values())


def fields_containing(model: BaseModel, chars: Iterable[str]) -> list[tuple[FieldPath, str]]:
    """(field, character) for each field that holds one of ``chars``."""
    wanted = set(chars)
    return [(path, char) for path, text in _texts(model, ()) for char in sorted(wanted & set(text))]


def texts_in(model: BaseModel) -> Iterator[tuple[FieldPath, str]]:
    """(field, text) for every string the résumé prints (not ``meta`` or ``design``)."""
    return _texts(model, ())


def _texts(value: object, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, PartialDate):
        yield path, value.text  # 2019年4月 prints as written: its script counts
    elif isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            if name in ("meta", "design", "ignore"):
                continue
            yield from _texts(getattr(value, name), (*path, info.alias or name))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _texts(item, (*path, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*path, str(key)))
