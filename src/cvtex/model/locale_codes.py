"""The codes of the shipped locales, without their tables: what ``cvtex --help`` and
the ``--locale`` check need, so they do not load every locale's words."""

LOCALE_CODES = ("en", "de", "fr", "es", "pt", "it", "zh", "ja", "ko")
"""In the order help lists them; :data:`cvtex.model.locales.LOCALES` has exactly these."""
