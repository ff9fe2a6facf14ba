"""The (cvtex) keys that are not content: ``design``, ``engine`` and ``strings``.

They say how the résumé prints, not what it says; the résumé model in
:mod:`cvtex.model.schema` holds them beside the sections.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import ConfigDict, Field

from cvtex.model.locales import MONTH_KEYS, STRING_KEYS
from cvtex.model.schema_base import Model, Text, described
from cvtex.suggest import suggest

EngineName = Literal["auto", "pdflatex", "xelatex", "lualatex"]
"""What a résumé may say under ``engine:``; never a path, which would pick a program."""

DateFormat = Literal["auto", "as_written", "YYYY", "MM/YYYY", "YYYY-MM", "Mon YYYY", "Month YYYY"]


class Design(Model):
    """(cvtex) Layout choices that are not content.

    The keys below work with every template; any other key is a template option
    (``paper``, ``font``, ``accent``…), checked against the chosen template's
    ``template.yaml`` when the résumé is built.
    """

    model_config = ConfigDict(frozen=True, extra="allow", populate_by_name=True)

    date_format: DateFormat = described(
        "how dates print: auto (full dates as the locale's short month, e.g. Jun 2011; "
        "every other form as written), as_written, YYYY, MM/YYYY, YYYY-MM, Mon YYYY or "
        "Month YYYY",
        "auto",
    )
    section_order: list[Text] = described(
        "section ids in the order to print them; unlisted sections follow", []
    )
    section_titles: dict[str, str] = described(
        'section id → heading; "" prints the section without a heading', {}
    )
    page_breaks: list[Text] = described("section ids that start on a new page", [])
    max_pages: int | None = Field(
        None, ge=1, description="fail (exit 5) when the PDF has more pages than this"
    )

    def options(self) -> dict[str, Any]:
        """The template options the user set, as written."""
        return dict(self.model_extra or {})


def string_problem(key: str, text: object) -> tuple[str, str] | None:
    """(code, message) when ``strings.<key>: text`` cannot be used, else None: one rule
    for the model and for validation's key-by-key report."""
    known = (*STRING_KEYS, *MONTH_KEYS)
    if key not in known:
        guess = suggest(key, known)
        hint = f'; did you mean "{guess}"?' if guess else f" (known: {', '.join(known)})"
        return "unknown-key", f'unknown string "{key}"{hint}'
    if not isinstance(text, str):
        return None  # the schema says what was found instead
    if key in MONTH_KEYS and len(text.split()) != 12:
        words = len(text.split())
        return "invalid-value", f"{key} needs twelve month names separated by spaces, not {words}"
    if key == "page_of" and not {"{page}", "{total}"} <= set(re.findall(r"\{[a-z]+\}", text)):
        return "invalid-value", "page_of needs the placeholders {page} and {total}"
    return None
