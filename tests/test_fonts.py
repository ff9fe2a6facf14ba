"""The font registry (cvtex.backends.latex.fonts): one table that the templates, the engine's font
checks, its apt lines and ``cvtex doctor`` all read."""

from __future__ import annotations

import pytest

from conftest import render_tex
from cvtex.backends.latex import fonts
from cvtex.backends.latex.engine import APT_INSTALL
from cvtex.backends.latex.templates import BASE_TEMPLATE, builtin_manifest, builtin_names

TEMPLATES = [*builtin_names(), BASE_TEMPLATE]


@pytest.mark.parametrize("template", TEMPLATES)
def test_every_font_a_template_offers_is_in_the_registry(template: str) -> None:
    spec = builtin_manifest(template).options["font"]
    assert sorted(spec.choices) == sorted(fonts.FONTS)
    assert spec.default in fonts.FONTS


@pytest.mark.parametrize("template", TEMPLATES)
def test_every_unicode_font_a_template_needs_has_a_debian_package(template: str) -> None:
    for family in builtin_manifest(template).unicode_fonts:
        assert fonts.FAMILIES[family].debian.startswith("fonts-")


def test_every_family_the_registry_names_is_a_known_family() -> None:
    named = [
        *fonts.text_font_families(),
        *fonts.cjk_font_families(),
        *fonts.ICON_FONTS,
        *(f.fallback for f in fonts.FAMILIES.values() if f.fallback),
    ]
    assert set(named) <= set(fonts.FAMILIES)
    assert set(fonts.FAMILIES) == set(named)  # and nothing else: no dead entries


def test_the_apt_lines_are_built_from_the_registry() -> None:
    recommended = "texlive-latex-extra texlive-fonts-recommended"
    text_fonts = "fonts-cmu fonts-sil-charis fonts-noto-cjk fonts-font-awesome"
    assert {
        "pdflatex": f"sudo apt-get install {recommended}",
        "xelatex": f"sudo apt-get install texlive-xetex {recommended} {text_fonts}",
        "lualatex": f"sudo apt-get install texlive-luatex {recommended} {text_fonts}",
        "cjk": "sudo apt-get install texlive-xetex texlive-lang-chinese texlive-lang-cjk "
        "fonts-noto-cjk",
    } == APT_INSTALL
    assert fonts.install_line("xelatex", cjk=True) == (
        APT_INSTALL["cjk"] + " fonts-cmu fonts-sil-charis"
    )


@pytest.mark.parametrize(
    ("value", "greek", "families"),
    [
        ("latin-modern", False, ("CMU Serif", "CMU Sans Serif")),
        ("charter", False, ("Charis SIL", "CMU Sans Serif")),
        ("charter", True, ("CMU Serif", "CMU Sans Serif")),  # Charis SIL lacks Greek
        ("source-sans", True, ("Noto Sans CJK KR", "Noto Sans CJK KR")),
        ("garamond", False, ("CMU Serif", "CMU Sans Serif")),  # unknown: the default
    ],
)
def test_text_families(value: str, greek: bool, families: tuple[str, str]) -> None:
    assert fonts.text_families(value, greek=greek) == families


@pytest.mark.parametrize("value", sorted(fonts.FONTS))
def test_pdflatex_loads_what_the_registry_says(value: str) -> None:
    tex = render_tex(f"basics: {{name: Ada}}\ndesign: {{font: {value}}}\n", "classic").source
    lines = "\n".join(fonts.FONTS[value].pdflatex)
    assert f"\\usepackage[utf8]{{inputenc}}\n{lines}\n\n\\DeclareTextCommand" in tex


def test_the_docs_table_lists_every_font_with_its_families() -> None:
    from conftest import ROOT

    page = (ROOT / "docs" / "templates.md").read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip(" `"): line for line in page.splitlines() if "| `" in line}
    for value, entry in fonts.FONTS.items():
        row = rows[value]
        assert entry.main in row and entry.sans in row, value
        for package in fonts.debian_packages([entry.main, entry.sans]):
            assert package in row, (value, package)
