"""The font registry: every font cvtex loads, in one table.

For each value of the ``font`` design option, what pdflatex loads (LaTeX
packages), what xelatex and lualatex load (fontspec families), and for every
fontspec family the Debian package that provides it. The engine's font checks,
the apt lines in its error messages, ``cvtex doctor`` and ``_base``'s
``font_setup`` macro all read it; a new font is one entry here (and the value in
the ``font`` choices of the templates that offer it).

pdflatex's fonts come from TeX packages: the bundled TinyTeX has all four;
Debian's ``texlive-fonts-recommended`` has Latin Modern and Charter, and Source
Sans Pro is in ``texlive-fonts-extra``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cvtex.backends.latex.escape import Latex


@dataclass(frozen=True)
class Family:
    """A font family fontspec loads by name (xelatex, lualatex), as fontconfig knows it."""

    name: str
    debian: str
    """The Debian/Ubuntu package that installs it."""
    greek: bool = True
    """False when it lacks most of Greek (then the serif CMU face sets the text)."""
    fallback: str | None = None
    """A family for the common letters it lacks (Noto Sans CJK has no Ł, Č, Ş, Ğ…) that
    looks close enough beside it."""


@dataclass(frozen=True)
class Font:
    """A value of the ``font`` design option."""

    label: str
    pdflatex: tuple[Latex, ...]
    """The preamble lines that load it under pdflatex (``font_setup`` prints them)."""
    main: str
    """The fontspec family of the text under xelatex/lualatex."""
    sans: str
    """The fontspec family of ``\\sffamily`` under xelatex/lualatex."""
    sans_serif: bool = False
    """The text is sans-serif: CJK text, too, is then set in the sans CJK face."""


def _lines(*lines: str) -> tuple[Latex, ...]:
    return tuple(Latex(line) for line in lines)


FAMILIES: dict[str, Family] = {
    family.name: family
    for family in (
        Family("CMU Serif", "fonts-cmu"),
        Family("CMU Sans Serif", "fonts-cmu"),
        Family("Charis SIL", "fonts-sil-charis", greek=False),
        Family("Noto Sans CJK KR", "fonts-noto-cjk", fallback="CMU Sans Serif"),
        *(
            Family(f"Noto {style} CJK {face}", "fonts-noto-cjk")
            for face in ("SC", "TC", "JP")
            for style in ("Serif", "Sans")
        ),
        Family("Noto Serif CJK KR", "fonts-noto-cjk"),
        Family("FontAwesome", "fonts-font-awesome"),
    )
}
"""Every fontspec family cvtex loads."""

FONTS: dict[str, Font] = {
    "latin-modern": Font(
        "Latin Modern Roman (serif)",
        _lines(r"\usepackage{lmodern}"),
        "CMU Serif",
        "CMU Sans Serif",
    ),
    "latin-modern-sans": Font(
        "Latin Modern Sans",
        _lines(r"\usepackage{lmodern}", r"\renewcommand{\familydefault}{\sfdefault}"),
        "CMU Sans Serif",
        "CMU Sans Serif",
        sans_serif=True,
    ),
    "charter": Font(
        "Bitstream Charter (serif)",
        _lines(r"\usepackage{lmodern}", r"\usepackage{charter}"),
        "Charis SIL",  # Charter's design
        "CMU Sans Serif",
    ),
    "source-sans": Font(
        "Source Sans Pro (sans-serif)",
        _lines(r"\usepackage{lmodern}", r"\usepackage[default]{sourcesanspro}"),
        # Noto Sans CJK's Latin is Source Sans, and its Korean face sets Latin
        # punctuation proportionally, where SC, TC and JP set quotes and apostrophes
        # fullwidth and give • the glyph of ・.
        "Noto Sans CJK KR",
        "Noto Sans CJK KR",
        sans_serif=True,
    ),
}
"""The values of the ``font`` option: Latin, Cyrillic and Greek under every engine."""
DEFAULT_FONT = "latin-modern"
"""What a font value the registry does not know (a user template's own) falls back to."""

CJK_FONTS: dict[str, tuple[str, str]] = {
    "chinese": ("Noto Serif CJK SC", "Noto Sans CJK SC"),
    "japanese": ("Noto Serif CJK JP", "Noto Sans CJK JP"),
    "korean": ("Noto Serif CJK KR", "Noto Sans CJK KR"),
    "traditional-chinese": ("Noto Serif CJK TC", "Noto Sans CJK TC"),
}
"""The (serif, sans) faces per CJK script, and for traditional Chinese, which only the
locale can tell (its characters are the same code points, drawn differently)."""

ICON_FONTS = ("FontAwesome",)
"""Families templates load for symbols (``unicode_fonts`` in their manifests)."""

TEX_PACKAGES: dict[str, tuple[str, ...]] = {
    "pdflatex": ("texlive-latex-extra", "texlive-fonts-recommended"),
    "xelatex": ("texlive-xetex", "texlive-latex-extra", "texlive-fonts-recommended"),
    "lualatex": ("texlive-luatex", "texlive-latex-extra", "texlive-fonts-recommended"),
    "cjk": ("texlive-xetex", "texlive-lang-chinese", "texlive-lang-cjk"),
}
"""The Debian packages of each engine's TeX (``cjk``: xelatex with xeCJK)."""


def font_for(value: str) -> Font:
    """The registry's entry for a ``font`` option value (the default for an unknown one);
    templates call it as ``font_for(design.font)``."""
    return FONTS.get(value, FONTS[DEFAULT_FONT])


def text_families(value: str, *, greek: bool = False) -> tuple[str, str]:
    """The (main, sans) fontspec families for ``value``; for Greek text a main family
    that has Greek."""
    entry = font_for(value)
    main = entry.main
    if greek and not FAMILIES[main].greek:
        main = "CMU Serif"
    return main, entry.sans


def fallback_family(family: str) -> str | None:
    """The family that sets the letters ``family`` lacks, if it needs one."""
    known = FAMILIES.get(family)
    return known.fallback if known else None


def text_font_families() -> list[str]:
    """Every family the ``font`` values load, in registry order."""
    return list(dict.fromkeys(f for entry in FONTS.values() for f in (entry.main, entry.sans)))


def cjk_font_families() -> list[str]:
    return list(dict.fromkeys(f for pair in CJK_FONTS.values() for f in pair))


def debian_packages(families: Iterable[str]) -> list[str]:
    """The Debian packages that install ``families``, each once, in order."""
    return list(dict.fromkeys(FAMILIES[f].debian for f in families if f in FAMILIES))


def apt_install(engine: str, families: Iterable[str] = ()) -> str:
    """The apt line for ``engine``'s TeX (``cjk`` for xelatex with xeCJK) and ``families``."""
    packages = dict.fromkeys([*TEX_PACKAGES[engine], *debian_packages(families)])
    return "sudo apt-get install " + " ".join(packages)


def install_line(engine: str, *, cjk: bool = False) -> str:
    """What to install on Debian and Ubuntu to build with ``engine``: its TeX and every
    text and icon font; with ``cjk``, xeCJK and the CJK faces plus the text fonts."""
    if engine == "pdflatex":
        return apt_install("pdflatex")
    if cjk:
        return apt_install("cjk", [*cjk_font_families(), *text_font_families()])
    return apt_install(engine, [*text_font_families(), *ICON_FONTS])
