"""User templates inherit from the template they extend field by field (#12.7):
engines, photo, unicode_fonts and options (key by key) come from the parent unless
the template writes them; ``extends:`` unset means ``_base``; a folder without
``template.yaml`` takes the manifest of the built-in its ``resume.tex.j2`` extends."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import DATA, pdf_info, pdf_text
from cvtex.backends.latex.templates import (
    BASE_TEMPLATE,
    INHERITED_FIELDS,
    builtin_manifest,
    builtin_names,
    resolve_template,
)
from cvtex.cli import cli
from cvtex.exit_status import ExitStatus


def template(folder: Path, j2: str, manifest: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "resume.tex.j2").write_text(j2, encoding="utf-8")
    if manifest is not None:
        (folder / "template.yaml").write_text(manifest, encoding="utf-8")
    return folder


def cvtex(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output + result.stderr


def images(pdf: Path) -> list[str]:
    listing = subprocess.run(
        ["pdfimages", "-list", str(pdf)], check=True, capture_output=True, text=True
    ).stdout
    return listing.splitlines()[2:]


EXTENDS_CLASSIC = '\\BLOCK{extends "classic/resume.tex.j2"}\n'
EXTENDS_MODERN = '\\BLOCK{extends "modern/resume.tex.j2"}\n'


# -- a template.yaml without extends: inherits _base --------------------------------


@pytest.mark.tex
def test_a_manifest_without_extends_inherits_base_and_builds(tmp_path: Path) -> None:
    # Before: exit 1 (earlier 70), "DesignView object has no attribute font_size":
    # the template got its own options only, none of _base's.
    mine = template(tmp_path / "mine", EXTENDS_CLASSIC, "description: mine\n")
    source = tmp_path / "cv.yaml"
    source.write_text("basics: {name: Ada Lovelace}\n", encoding="utf-8")
    out = tmp_path / "cv.pdf"
    status, output = cvtex("build", str(source), "-t", str(mine), "-o", str(out))
    assert status == ExitStatus.SUCCESS, output
    assert "Ada Lovelace" in pdf_text(out)
    assert pdf_info(out)["Pages"] == "1"


def test_a_manifest_without_extends_has_bases_fields(tmp_path: Path) -> None:
    mine = template(tmp_path / "mine", EXTENDS_CLASSIC, "options: {}\n")
    manifest = resolve_template(str(mine)).manifest
    base = builtin_manifest(BASE_TEMPLATE)
    assert manifest.extends == BASE_TEMPLATE
    assert manifest.description == "user template mine"
    assert manifest.options == base.options
    for field in INHERITED_FIELDS:
        assert getattr(manifest, field) == getattr(base, field), field


# -- extends: modern keeps modern's engines, photo, fonts and options -------------


def test_extends_modern_keeps_every_field_it_does_not_write(tmp_path: Path) -> None:
    mine = template(
        tmp_path / "mine",
        EXTENDS_MODERN,
        "extends: modern\noptions:\n"
        "  band: {type: color, default: navy, description: band}\n"
        "  accent: {type: color, default: teal, description: mine}\n",
    )
    manifest = resolve_template(str(mine)).manifest
    modern = builtin_manifest("modern")
    assert manifest.engines == modern.engines == ["pdflatex", "xelatex", "lualatex"]
    assert manifest.photo is True
    assert manifest.unicode_fonts == ["FontAwesome"]
    # The chain user → modern → _base: _base's paper, modern's icons, the user's band,
    # and the user's accent replaces modern's.
    assert {"paper", "icons", "photo_width", "band"} <= set(manifest.options)
    assert manifest.options["accent"].default == "teal"
    assert manifest.options["font"] is modern.options["font"]
    assert list(manifest.options)[: len(modern.options)] == list(modern.options)


def test_a_field_the_child_writes_wins(tmp_path: Path) -> None:
    mine = template(
        tmp_path / "mine",
        EXTENDS_MODERN,
        "description: mine\nextends: modern\nengines: [pdflatex]\nphoto: false\n"
        "unicode_fonts: []\n",
    )
    manifest = resolve_template(str(mine)).manifest
    assert manifest.description == "mine"
    assert manifest.engines == ["pdflatex"]
    assert manifest.photo is False
    assert manifest.unicode_fonts == []
    assert "icons" in manifest.options


@pytest.mark.tex
def test_extends_modern_builds_with_xelatex_photo_and_icons(tmp_path: Path) -> None:
    # Before: exit 4, 'template "mine" does not support xelatex (it supports pdflatex)',
    # and no photo: engines and photo came from the defaults, not from modern.
    mine = template(tmp_path / "mine", EXTENDS_MODERN, "description: mine\nextends: modern\n")
    shutil.copy(DATA / "photo.png", tmp_path / "me.png")
    source = tmp_path / "cv.yaml"
    source.write_text(
        "basics: {name: Ада Лавлейс, image: me.png, email: ada@example.org}\n"
        "design: {icons: true}\n",
        encoding="utf-8",
    )
    out = tmp_path / "cv.pdf"
    status, output = cvtex("build", str(source), "-t", str(mine), "-o", str(out), "--keep-tex")
    assert status == ExitStatus.SUCCESS, output
    assert "option-elsewhere" not in output
    assert pdf_info(out)["Producer"].startswith("xdvipdfmx")  # xelatex: Cyrillic
    assert "Ада Лавлейс" in pdf_text(out)
    (photo,) = images(out)
    assert photo.split()[3:5] == ["60", "75"]
    tex = out.with_suffix(".tex").read_text(encoding="utf-8")
    assert r"\newfontfamily\FA{FontAwesome}" in tex  # modern's icons, its unicode font
    assert r"\cvicon" in tex


# -- no template.yaml: the manifest of the built-in the .j2 extends ---------------


@pytest.mark.parametrize("parent", [*builtin_names(), BASE_TEMPLATE])
def test_a_folder_without_manifest_takes_the_extended_builtins(tmp_path: Path, parent: str) -> None:
    mine = template(
        tmp_path / "mine", f'\\#{{ mine }}\n\\BLOCK{{extends "{parent}/resume.tex.j2"}}\n'
    )
    manifest = resolve_template(str(mine)).manifest
    builtin = builtin_manifest(parent)
    assert manifest.description == "user template mine"
    assert manifest.extends == parent
    assert manifest.options == builtin.options
    assert all(manifest.options[key] is spec for key, spec in builtin.options.items())
    for field in INHERITED_FIELDS:
        assert getattr(manifest, field) == getattr(builtin, field), field


def test_a_folder_without_manifest_has_classics_options_not_only_bases(tmp_path: Path) -> None:
    # Today classic adds no option of its own; the day it does, the README's example
    # (a .j2 extending classic, no template.yaml) must accept it.
    mine = template(tmp_path / "mine", EXTENDS_CLASSIC)
    assert resolve_template(str(mine)).manifest.options is builtin_manifest("classic").options


@pytest.mark.tex
def test_a_folder_without_manifest_takes_a_builtin_only_option(tmp_path: Path) -> None:
    # Before: 'template "mine" has no option "icons" (used by modern)', a warning, and
    # --set design.icons=maybe was not even checked.
    mine = template(tmp_path / "mine", EXTENDS_MODERN)
    source = tmp_path / "cv.yaml"
    source.write_text("basics: {name: Ada, email: ada@example.org}\n", encoding="utf-8")
    out = tmp_path / "cv.pdf"
    args = ("build", str(source), "-t", str(mine), "-o", str(out), "--strict")
    status, output = cvtex(*args, "--set", "design.icons=false")
    assert status == ExitStatus.SUCCESS, output
    assert "ada@example.org" in pdf_text(out)
    status, output = cvtex(*args, "--set", "design.icons=maybe")
    assert status == ExitStatus.INVALID_INPUT
    assert '"maybe" is not true or false' in output


@pytest.mark.tex
def test_the_readme_example_builds_without_a_manifest(tmp_path: Path) -> None:
    mine = template(
        tmp_path / "mine",
        EXTENDS_CLASSIC
        + "\\BLOCK{block header}\\section*{\\VAR{basics.name|upper}}\\BLOCK{endblock}\n",
    )
    source = tmp_path / "cv.yaml"
    source.write_text("basics: {name: Ada Lovelace}\n", encoding="utf-8")
    out = tmp_path / "cv.pdf"
    status, output = cvtex("build", str(source), "-t", str(mine), "-o", str(out))
    assert status == ExitStatus.SUCCESS, output
    assert "ADA LOVELACE" in pdf_text(out)


def test_extends_is_followed_through_the_folders_own_files(tmp_path: Path) -> None:
    mine = template(tmp_path / "mine", '\\BLOCK{extends "layout.tex.j2"}\n')
    (mine / "layout.tex.j2").write_text(EXTENDS_MODERN, encoding="utf-8")
    assert resolve_template(str(mine)).manifest.options == builtin_manifest("modern").options


def test_the_folders_own_file_shadows_a_builtin_of_that_name(tmp_path: Path) -> None:
    # The loader searches the folder first: "modern/resume.tex.j2" is then the user's.
    mine = template(tmp_path / "mine", EXTENDS_MODERN)
    template(mine / "modern", "\\documentclass{article}\n")
    assert resolve_template(str(mine)).manifest.options == builtin_manifest("_base").options


@pytest.mark.parametrize(
    "j2",
    [
        "\\documentclass{article}\\begin{document}x\\end{document}\n",
        '\\BLOCK{extends "classic" ~ "/resume.tex.j2"}\n',  # an expression, not a constant
        '\\BLOCK{if true}\\BLOCK{extends "modern/resume.tex.j2"}\\BLOCK{endif}\n',
        '\\BLOCK{extends "nope/resume.tex.j2"}\n',
        '\\BLOCK{extends "modern/other.tex.j2"}\n',
        "\\BLOCK{if}\n",  # a syntax error: rendering reports it, at its line
    ],
)
def test_anything_else_without_manifest_gets_bases(tmp_path: Path, j2: str) -> None:
    mine = template(tmp_path / "mine", j2)
    manifest = resolve_template(str(mine)).manifest
    assert manifest.options == builtin_manifest(BASE_TEMPLATE).options
    assert manifest.description == "user template mine"


def test_a_regex_would_be_fooled_by_a_comment(tmp_path: Path) -> None:
    mine = template(
        tmp_path / "mine",
        '\\#{ not \\BLOCK{extends "modern/resume.tex.j2"} }\n' + EXTENDS_CLASSIC,
    )
    assert resolve_template(str(mine)).manifest.options is builtin_manifest("classic").options


def test_builtin_manifests_inherit_from_base() -> None:
    base = builtin_manifest(BASE_TEMPLATE)
    for name in builtin_names():
        manifest = builtin_manifest(name)
        assert manifest.extends == BASE_TEMPLATE
        assert set(base.options) <= set(manifest.options), name


def test_a_name_the_loader_refuses_is_not_followed(tmp_path: Path) -> None:
    outside = template(tmp_path / "outside", EXTENDS_MODERN)
    mine = template(tmp_path / "mine", '\\BLOCK{extends "../outside/resume.tex.j2"}\n')
    assert outside.is_dir()
    assert resolve_template(str(mine)).manifest.options == builtin_manifest("_base").options
