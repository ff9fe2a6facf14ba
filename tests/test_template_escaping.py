"""Template code meeting résumé text: every Jinja operator LaTeX-escapes the text.

Jinja's autoescape is HTML's; cvtex rebinds it (cvtex.backends.latex.latex_jinja). Each case is a
user template that mixes macro output (or another piece of template code) with a
hostile field through one operator; the text must come out LaTeX-escaped, never as
TeX code and never HTML-escaped.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import pdf_text, render_tex
from cvtex.backends.latex.escape import escape_text
from cvtex.build import BuildRequest, build

HOSTILE = r"Evil}\input{/etc/passwd}\def\x{1}&<b>%"
DOCUMENT = f"""\
basics:
  name: 'Ada'
  label: '{HOSTILE}'
  profiles:
    - {{network: GitHub, url: 'https://github.com/ada', username: '{HOSTILE}'}}
work:
  - {{name: 'Acme', position: '{HOSTILE}', url: 'https://acme.example'}}
"""
ESCAPED = escape_text(HOSTILE)

# One expression per operator, each mixing template code with the hostile text.
EXPRESSIONS = {
    "tilde": r"\VAR{cv.linked(e.name, e.url) ~ ', ' ~ e.position}",
    "plus": r"\VAR{cv.linked(e.name, e.url) + ', ' + e.position}",
    "text_plus_code": r"\VAR{e.position + cv.linked(e.name, e.url)}",
    "join": r"\VAR{[cv.linked(e.name, e.url), e.position]|join(', ')}",
    "join_code_separator": r"\VAR{[e.name, e.position]|join(cv.linked(' | '))}",
    "format": r"\VAR{cv.linked('%s: ')|format(e.position)}",
    "percent": r"\VAR{cv.linked('%s: ') % e.position}",
    "replace": r"\VAR{cv.linked('POSITION')|replace('POSITION', e.position)}",
    "set_block": r"\BLOCK{set x}\textbf{x}\BLOCK{endset}\VAR{x ~ e.position}",
    "call_block": (
        r"\BLOCK{macro wrap()}[\VAR{caller()}]\BLOCK{endmacro}"
        r"\BLOCK{call wrap()}\VAR{e.position}\BLOCK{endcall}\VAR{wrap ~ ''}"
    ),
    "escape_filter": r"\VAR{e.position|e}",
    "safe_then_text": r"\VAR{'\\textbf{x}'|safe ~ e.position}",
    "label_in_macro_concat": r"\VAR{cv.linked(basics.label) ~ basics.profiles[0].username}",
}


def render_with(tmp_path: Path, expression: str) -> str:
    template = tmp_path / "tpl"
    template.mkdir(exist_ok=True)
    (template / "resume.tex.j2").write_text(
        '\\BLOCK{extends "classic/resume.tex.j2"}\n'
        "\\BLOCK{block header}\\BLOCK{set e = resume.work[0]}"
        f"MARK({expression})\\BLOCK{{endblock}}\n",
        encoding="utf-8",
    )
    return render_tex(DOCUMENT, str(template)).source


@pytest.mark.parametrize("name", EXPRESSIONS)
def test_each_operator_latex_escapes_the_text(tmp_path: Path, name: str) -> None:
    tex = render_with(tmp_path, EXPRESSIONS[name])
    line = next(line for line in tex.splitlines() if "MARK(" in line)
    assert r"\input{/etc/passwd}" not in tex
    assert r"\def\x" not in tex
    assert "&amp;" not in line and "&lt;" not in line
    if name != "call_block":
        assert ESCAPED in line, line


def test_template_code_in_the_mix_stays_code(tmp_path: Path) -> None:
    line = render_with(tmp_path, EXPRESSIONS["tilde"])
    assert r"\href{https://acme.example}{Acme}, " + ESCAPED in line


def test_template_constants_are_latex_escaped_not_html_escaped(tmp_path: Path) -> None:
    tex = render_with(tmp_path, r"\VAR{'R&D <x>'} \VAR{cv.linked('a') ~ ' R&D'}")
    assert r"MARK(R\&D <x> a R\&D)" in tex


def test_super_output_is_code_and_text_mixed_into_it_is_escaped(tmp_path: Path) -> None:
    template = tmp_path / "tpl"
    template.mkdir()
    (template / "resume.tex.j2").write_text(
        '\\BLOCK{extends "classic/resume.tex.j2"}\n'
        "\\BLOCK{block header}\\VAR{super() ~ resume.work[0].position}\\BLOCK{endblock}\n",
        encoding="utf-8",
    )
    tex = render_tex(DOCUMENT, str(template)).source
    assert r"\cvname{Ada}" in tex  # super() is template code
    assert ESCAPED in tex
    assert r"\input{/etc/passwd}" not in tex


def test_html_only_filters_are_gone(tmp_path: Path) -> None:
    from cvtex.errors import TemplateError

    with pytest.raises(TemplateError, match="urlize"):
        render_with(tmp_path, r"\VAR{e.position|urlize}")


@pytest.mark.tex
def test_a_mixing_template_compiles_and_prints_the_text_as_written(tmp_path: Path) -> None:
    template = tmp_path / "tpl"
    template.mkdir()
    (template / "resume.tex.j2").write_text(
        '\\BLOCK{extends "classic/resume.tex.j2"}\n'
        "\\BLOCK{block header}\\BLOCK{set e = resume.work[0]}"
        "\\VAR{cv.linked(e.name, e.url) ~ ', ' ~ e.position}\\par "
        "\\VAR{[cv.linked('R&D'), e.position]|join(' / ')}\\BLOCK{endblock}\n",
        encoding="utf-8",
    )
    source = tmp_path / "cv.yaml"
    source.write_text(DOCUMENT, encoding="utf-8")
    report = build(BuildRequest(source=source, templates=(str(template),), use_cache=False))
    text = pdf_text(report.outputs[0])
    assert "Acme, Evil}\\input{/etc/passwd}\\def\\x{1}&<b>%" in text
    assert "R&D / Evil}" in text
    assert "root:" not in text
