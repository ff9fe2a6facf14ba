"""Which texts are dates: the table of date forms and everything made from it.

One table, :data:`FORMS`, says which forms are dates. The parser
(:meth:`cvtex.model.dates.PartialDate.parse`), the JSON Schema ``pattern``
(:data:`JSON_PATTERN`, which editors check as the user types), the error message
(:data:`ACCEPTED_FORMS`) and the README's list are all made from it, so an editor
never flags a date that builds, nor passes one that fails. Month names and words for
"present" come from English and every shipped locale.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from cvtex.model.locales import LOCALES

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
PRESENT_WORDS = ("present", "current", "now", "today", "ongoing")
"""English words for "ongoing"; each locale's own word is accepted too."""
PRESENT_ALIASES = (
    "présent", "presente", "actual", "actualmente", "atualmente", "aktuell", "jetzt",
    "bis heute", "en cours", "en curso", "in corso",
)  # fmt: skip
"""Other ways the shipped locales' speakers write "ongoing" (``Présent``, ``Presente``)."""
MONTH_ALIASES: tuple[tuple[str, int], ...] = (
    ("Jänner", 1), ("Feber", 2), ("Mär", 3), ("Mrz", 3), ("Sept", 9), ("Okt", 10),
    ("fév", 2), ("avr", 4), ("juil", 7), ("sept", 9), ("déc", 12),
    ("genn", 1), ("febbr", 2), ("sett", 9),
    ("ene", 1), ("dic", 12), ("set", 9), ("out", 10), ("dez", 12),
)  # fmt: skip
"""Abbreviations people write besides each locale's own (``Mär.``, ``fév.``, ``sett.``);
an alias that would mean two months is dropped like any other."""

_SYNTAX = frozenset("^$\\.*+?()[]{}|/")
"""ECMA-262's syntax characters: the only ones a ``u``-mode pattern may escape."""


def _caseless(word: str) -> str:
    """``[Aa][Pp][Rr]``: JSON Schema patterns take no flags, so case is spelt out."""
    out: list[str] = []
    for char in word:
        lower, upper = char.lower(), char.upper()
        if lower != upper and len(lower) == len(upper) == 1:
            out.append(f"[{upper}{lower}]")
        else:
            out.append("\\" + char if char in _SYNTAX else char)
    return "".join(out)


def _unaccented(word: str) -> str:
    """``fevrier`` for ``février``: people type month names without accents too."""
    decomposed = unicodedata.normalize("NFD", word)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def _spellings(words: list[str]) -> list[str]:
    """Each word lower-cased and without a trailing dot, with and without accents."""
    found: dict[str, None] = {}
    for word in words:
        key = word.lower().rstrip(".")
        found[key] = None
        found[_unaccented(key)] = None
    return list(found)


def _month_words() -> dict[str, set[int]]:
    """Every month name and abbreviation cvtex knows → the months it can mean.

    English plus every shipped locale's alphabetic names, whatever the résumé's
    locale (``avril`` is unambiguous in an English résumé). CJK months are digits
    (``4月``) and have their own forms instead."""
    names: list[tuple[str, int]] = []
    for number, name in enumerate(MONTHS, 1):
        names += [(name, number), (name[:3], number)]
    names += list(MONTH_ALIASES)
    for locale in LOCALES.values():
        pairs = zip(locale.months, locale.months_short, strict=True)
        for number, (full, short) in enumerate(pairs, 1):
            names += [(full, number), (short, number)]
    meanings: dict[str, set[int]] = {}
    for word, number in names:
        if any(char.isdigit() for char in word):
            continue
        for spelling in _spellings([word]):
            meanings.setdefault(spelling, set()).add(number)
    return meanings


MONTH_MEANINGS = _month_words()
"""Spellings that mean more than one month would be ambiguous; a test keeps there
being none, and :data:`MONTH_WORDS` leaves any out."""
MONTH_WORDS: dict[str, int] = {
    word: next(iter(months)) for word, months in MONTH_MEANINGS.items() if len(months) == 1
}
_ENGLISH_FULL = {name.lower() for name in MONTHS}
_LOCALE_FULL = {
    spelling
    for locale in LOCALES.values()
    for spelling in _spellings([m for m in locale.months if not any(c.isdigit() for c in m)])
}
_FULL_WORDS = _ENGLISH_FULL | _LOCALE_FULL
PRESENT_SPELLINGS = tuple(
    dict.fromkeys(
        _spellings(
            [*PRESENT_WORDS, *PRESENT_ALIASES]
            + [locale.strings["present"] for locale in LOCALES.values()]
            + [locale.strings["present"].replace("'", "\u2019") for locale in LOCALES.values()]
        )
    )
)
"""``present`` in any case and each locale's word (``heute``, ``aujourd'hui``, ``至今``).
A résumé's own ``strings: {present: …}`` changes what prints, not what parses: the
JSON Schema an editor checks cannot know it."""


def _alternation(words: list[str] | tuple[str, ...]) -> str:
    """Longest first, so a reader (or a regex engine without backtracking) takes the
    whole word."""
    return "|".join(_caseless(w) for w in sorted(words, key=lambda w: (-len(w), w)))


_YEAR = "(?P<y>[1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])"
_LOOSE_YEAR = "(?P<y>[0-9]{4})"
"""Any four digits: only to say "year 0 is out of range" rather than "invalid"."""
_MM = "(?P<m>0[1-9]|1[0-2])"
_M = "(?P<m>[1-9])"
_M_OR_MM = "(?P<m>0?[1-9]|1[0-2])"
_DD = "(?P<d>0[1-9]|[12][0-9]|3[01])"
_D_OR_DD = "(?P<d>0?[1-9]|[12][0-9]|3[01])"
_TIME = (
    "[Tt ](?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:[.,][0-9]+)?)?"
    " ?(?:[Zz]|[+-](?:[01][0-9]|2[0-3])(?::?[0-5][0-9])?)?"
)
_SPACES = " \u00a0\u2009\u202f\u3000"
_SP = f"[{_SPACES}]"
"""A space inside a date: also the no-break and thin spaces text copied from a web page
holds (``Jan\u00a02019``) and the ideographic space of a CJK input method."""
_MONTH_TO_YEAR = f"\\.?,?{_SP}+(?:de{_SP}+)?{_YEAR}"
"""``Apr. 2019``, ``September, 2019``, ``enero de 2019``."""
_EDGE = f"[{_SPACES}\\t\\n\\r]*"
"""Blank space around a date is allowed (and dropped); inside one, spaces only."""


@dataclass(frozen=True, slots=True)
class DateForm:
    """One way people write a date.

    ``regex`` is Python syntax whose named groups (``y``, ``m``, ``d``, ``mon``,
    ``present``) the parser reads; without the names it is ECMA-262 (no flags, ASCII
    digits spelt ``[0-9]``), the JSON Schema's dialect. ``style`` is how the other end
    of a range prints after a date of this form; ``auto`` how such a date prints by
    default (``as_written`` or a :data:`cvtex.model.dates.DATE_FORMATS` value).
    """

    name: str
    regex: str
    example: str
    style: str
    auto: str = "as_written"
    brief: bool = True
    """Named in error messages; variants (``YYYY/M`` beside ``YYYY/MM``) are not, to
    keep the message short. The README lists every form."""


FORMS: tuple[DateForm, ...] = (
    DateForm("YYYY", _YEAR, "2019", "YYYY"),
    DateForm("YYYY-MM", f"{_YEAR}-{_MM}", "2019-04", "YYYY-MM"),
    DateForm("YYYY-MM-DD", f"{_YEAR}-{_MM}-{_DD}", "2019-04-01", "Mon YYYY", "Mon YYYY"),
    DateForm(
        "ISO date-time",
        f"{_YEAR}-{_MM}-{_DD}{_TIME}",
        "2019-04-01T09:30:00+02:00",
        "Mon YYYY",
        "Mon YYYY",
    ),
    DateForm("YYYY-M", f"{_YEAR}-{_M}", "2019-4", "YYYY-M", brief=False),
    DateForm("YYYY/MM", f"{_YEAR}/{_MM}", "2021/07", "YYYY/MM"),
    DateForm("YYYY/M", f"{_YEAR}/{_M}", "2024/3", "YYYY/M", brief=False),
    DateForm(
        "YYYY/MM/DD", f"{_YEAR}/{_MM}/{_DD}", "2019/04/01", "Mon YYYY", "Mon YYYY", brief=False
    ),
    DateForm("YYYY.MM", f"{_YEAR}\\.{_M_OR_MM}", "2019.09", "YYYY.MM"),
    DateForm("MM/YYYY", f"{_MM}/{_YEAR}", "07/2021", "MM/YYYY"),
    DateForm("M/YYYY", f"{_M}/{_YEAR}", "3/2024", "M/YYYY", brief=False),
    DateForm("MM.YYYY", f"{_M_OR_MM}\\.{_YEAR}", "04.2019", "MM.YYYY"),
    DateForm(
        "DD.MM.YYYY", f"{_D_OR_DD}\\.{_M_OR_MM}\\.{_YEAR}", "01.04.2019", "Mon YYYY", "Mon YYYY"
    ),
    DateForm(
        "Month YYYY",
        f"(?P<mon>{_alternation([w for w in MONTH_WORDS if w in _FULL_WORDS])}){_MONTH_TO_YEAR}",
        "April 2019",
        "Month YYYY",
    ),
    DateForm(
        "Mon YYYY",
        f"(?P<mon>{_alternation([w for w in MONTH_WORDS if w not in _FULL_WORDS])})"
        + _MONTH_TO_YEAR,
        "Apr. 2019",
        "Mon YYYY",
    ),
    DateForm("YYYY年M月", f"{_YEAR}{_SP}?年{_SP}?{_M_OR_MM}{_SP}?月", "2019年4月", "YYYY年M月"),
    DateForm(
        "YYYY年M月D日",
        f"{_YEAR}{_SP}?年{_SP}?{_M_OR_MM}{_SP}?月{_SP}?{_D_OR_DD}{_SP}?日",
        "2019年4月1日",
        "YYYY年M月",
        "Mon YYYY",
        brief=False,
    ),
    DateForm("YYYY년 M월", f"{_YEAR}{_SP}?년{_SP}?{_M_OR_MM}{_SP}?월", "2019년 4월", "YYYY년 M월"),
    DateForm("present", f"(?P<present>{_alternation(PRESENT_SPELLINGS)})", "present", "as_written"),
)
"""Every accepted date form, in the order the parser tries them."""

FORM_NAMES = {form.name: form for form in FORMS}
ACCEPTED_FORMS = ", ".join(form.name for form in FORMS[:-1] if form.brief) + " or present"
"""The forms, briefly, for error messages (month names in any shipped locale)."""
_GROUP_NAME = re.compile(r"\(\?P<[a-z]+>")
JSON_PATTERN = (
    f"^{_EDGE}(?:" + "|".join(_GROUP_NAME.sub("(?:", f.regex) for f in FORMS) + f"){_EDGE}$"
)
"""The JSON Schema ``pattern`` for a date: every form of :data:`FORMS`, ECMA-262."""


# ASCII digits only ([0-9], and re.ASCII for good measure): "٢٠٢٠" would parse as
# 2020 and then print, as written, in a script the fonts may lack. Compiled when first
# needed: the month-name forms are large, and most dates are numbers.
@functools.cache
def compiled(index: int) -> re.Pattern[str]:
    return re.compile(FORMS[index].regex, re.ASCII)


@functools.cache
def loose(index: int) -> re.Pattern[str]:
    return re.compile(FORMS[index].regex.replace(_YEAR, _LOOSE_YEAR), re.ASCII)


EDGE_CHARS = _SPACES + "\t\n\r"
"""What :data:`_EDGE` allows around a date, for ``str.strip``."""


def readme_forms() -> str:
    """The README's list of date forms, made from :data:`FORMS` (a test keeps the
    README in step)."""
    return ", ".join(f"`{form.example}` ({form.name})" for form in FORMS[:-1]) + (" or `present`")
