"""RenderCV's ``design``, ``locale`` and ``settings`` → cvtex design, locale and notes.

Little of it has a cvtex counterpart (the theme's nearest template, the paper, the
date format, the locale's words); the rest does not print and is kept as comments,
each with a note saying why.
"""

from __future__ import annotations

from typing import Any

from cvtex.diagnostics import FieldPath
from cvtex.importers.rendercv.reader import Reader, flat, shown
from cvtex.yaml_writer import Commented, Remark

NEAREST_TEMPLATE = {
    "classic": "modern",
    "sb2nov": "classic",
    "engineeringresumes": "classic",
    "engineeringclassic": "modern",
    "moderncv": "modern",
    "harvard": "academic",
    "ink": "academic",
    "ember": "modern",
    "opal": "modern",
}
"""RenderCV theme → the built-in template that looks most like it: classic (sans
serif, coloured name and headings) → modern; sb2nov and engineeringresumes (serif, a
full rule under each heading) → classic; harvard and ink (serif, centred) → academic."""
DEFAULT_THEME = "classic"

LOCALES = {
    "english": "en",
    "german": "de",
    "french": "fr",
    "spanish": "es",
    "portuguese": "pt",
    "italian": "it",
    "mandarin_chinese": "zh",
    "japanese": "ja",
    "korean": "ko",
}
"""RenderCV's locale names that cvtex has a locale for."""
PAPER = {"a4": "a4", "us-letter": "letter"}
DEFAULT_SINGLE_DATE = "MONTH_ABBREVIATION YEAR"
DATE_FORMATS = {
    "MONTH_ABBREVIATION YEAR": "Mon YYYY",
    "MONTH_NAME YEAR": "Month YYYY",
    "YEAR": "YYYY",
    "MONTH_IN_TWO_DIGITS/YEAR": "MM/YYYY",
    "YEAR-MONTH_IN_TWO_DIGITS": "YYYY-MM",
}
"""RenderCV's date templates that have a cvtex ``date_format``."""

_LOCALE: FieldPath = ("locale",)


def settings(source: Any) -> dict[str, list[str]]:
    """RenderCV's ``settings``, none of which prints, grouped under one note each."""
    groups: dict[str, list[str]] = {}
    for leaf, value in flat(source, "settings"):
        if value is None or leaf == "settings":
            continue
        if leaf.endswith(("render_command.design", "render_command.locale")):
            note = "RenderCV reads these files; cvtex import opens no file the input names:"
        elif leaf.startswith("settings.render_command."):
            note = "RenderCV settings.render_command (where it writes; cvtex build -o says where):"
        elif leaf.startswith("settings.bold_keywords"):
            note = "RenderCV settings.bold_keywords (cvtex bolds a word where it is **word**):"
        elif leaf == "settings.pdf_title":
            note = "RenderCV settings.pdf_title (PDF metadata; cvtex's is basics.name):"
        else:
            note = "RenderCV settings with no cvtex counterpart (they do not print):"
        groups.setdefault(note, []).append(f"{leaf}: {shown(value)}")
    return groups


def design(
    reader: Reader, data: dict[str, Any], order: list[str], titles: dict[str, str]
) -> dict[Any, Any]:
    """``design``; sets ``reader.template`` to the theme's nearest template."""
    source = reader.mapping(data.get("design"), ("design",))
    design: dict[Any, Any] = {}
    theme = source.get("theme")
    theme_name = theme if isinstance(theme, str) and theme.strip() else DEFAULT_THEME
    nearest = NEAREST_TEMPLATE.get(theme_name)
    if nearest is None:
        nearest = "classic"
        design[
            Remark(
                (
                    f'RenderCV theme "{theme_name}" is a theme of your own: build with '
                    f"-t {nearest}, or any template (cvtex templates lists them)",
                )
            )
        ] = None
    else:
        design[
            Remark(
                (
                    f'RenderCV design.theme "{theme_name}" → template: {nearest} '
                    f"(nearest; build with -t {nearest})",
                )
            )
        ] = None
    reader.template = nearest
    size = source.get("page", {}).get("size") if isinstance(source.get("page"), dict) else None
    if isinstance(size, str) and size in PAPER:
        design["paper"] = PAPER[size]
    templates = source.get("templates")
    single = templates.get("single_date") if isinstance(templates, dict) else None
    written = DATE_FORMATS.get(single if isinstance(single, str) else DEFAULT_SINGLE_DATE)
    if written is not None:
        note = "as RenderCV prints a date (its design.templates.single_date)"
        design["date_format"] = Commented(written, (note,))
    if order:
        design["section_order"] = order
    if titles:
        design["section_titles"] = titles
    for leaf, value in flat({k: v for k, v in source.items() if k != "theme"}, "design"):
        mapped = (leaf == "design.page.size" and isinstance(size, str) and size in PAPER) or (
            leaf == "design.templates.single_date" and written is not None
        )
        if value is None or leaf == "design" or mapped:
            continue
        design[Remark((f"RenderCV {leaf}: {shown(value)} (layout; no cvtex option)",))] = None
    return design


def locale(reader: Reader, source: dict[str, Any]) -> dict[Any, Any]:
    """``locale`` and ``strings`` for what cvtex can print in RenderCV's words."""
    out: dict[Any, Any] = {}
    strings: dict[str, str] = {}
    remarks: list[str] = []
    language = reader.text(source, "language", _LOCALE)
    if language is not None:
        code = LOCALES.get(language)
        if code is None:
            remarks.append(
                f'RenderCV locale.language "{language}": cvtex has no such locale, so the '
                "words it adds (titles, months, present) are in English; see strings:"
            )
        elif code != "en":
            out["locale"] = code
    present = reader.text(source, "present", _LOCALE)
    if present is not None:
        strings["present"] = present
    remarks.extend(_month_names(reader, source, strings))
    phrases = source.get("phrases")
    phrase = phrases.get("degree_with_area") if isinstance(phrases, dict) else None
    if isinstance(phrase, str) and "DEGREE" in phrase and "AREA" in phrase:
        strings["degree"] = phrase.replace("DEGREE", "{type}").replace("AREA", "{area}")
    remarks.extend(_unmapped_locale(source, degree_mapped="degree" in strings))
    if strings:
        out["strings"] = strings
    for note in remarks:
        out[Remark((note,))] = None
    return out


def _month_names(reader: Reader, source: dict[str, Any], strings: dict[str, str]) -> list[str]:
    """Twelve one-word month names into ``strings``; the remarks for any others."""
    remarks: list[str] = []
    for key, target in (("month_names", "months"), ("month_abbreviations", "months_short")):
        names = reader.texts(source, key, _LOCALE)
        if len(names) == 12 and all(" " not in name.strip() for name in names):
            strings[target] = " ".join(name.strip() for name in names)
        elif names:
            remarks.append(
                f"RenderCV locale.{key}: {shown(names)} (cvtex needs twelve one-word names)"
            )
    return remarks


def _unmapped_locale(source: dict[str, Any], *, degree_mapped: bool) -> list[str]:
    """A remark for each locale leaf cvtex has no string for."""
    remarks: list[str] = []
    skip = {"language", "present", "month_names", "month_abbreviations"}
    for key, value in source.items():
        if key in skip or value is None:
            continue
        if key == "phrases" and degree_mapped:
            rest = (
                {k: v for k, v in value.items() if k != "degree_with_area"}
                if isinstance(value, dict)
                else {}
            )
            for leaf, inner in flat(rest, "locale.phrases"):
                if inner is not None and leaf != "locale.phrases":
                    remarks.append(f"RenderCV {leaf}: {shown(inner)} (no cvtex string)")
            continue
        for leaf, inner in flat(value, f"locale.{key}"):
            if inner is not None:
                remarks.append(
                    f"RenderCV {leaf}: {shown(inner)} (cvtex prints no time spans or "
                    "last-updated note)"
                )
    return remarks
