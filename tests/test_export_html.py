"""The HTML backend: golden pages, each parsed back and held to the page rules, and
``cvtex export`` writing files (``-o``) as a build does."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import DATA, RESUME_YAML
from cvtex.backends import FORMATS, backend
from cvtex.backends.html import render
from cvtex.cli import cli
from cvtex.exit_status import ExitStatus
from cvtex.model.links import Link, LinkKind
from cvtex.view.inline import LinkSpan, Text
from export_checks import html_links, html_problems, html_title, html_visible
from export_view import (
    INPUTS,
    golden,
    order_problems,
    view_from,
    view_links,
    view_of,
    view_pieces,
)


@pytest.mark.parametrize("name", INPUTS)
def test_golden_html(name: str) -> None:
    actual = backend("html")(view_of(INPUTS[name])).data.decode("utf-8")
    assert actual == golden(f"{name}.html", actual)


@pytest.mark.parametrize("name", INPUTS)
def test_the_page_is_the_view_and_nothing_else(name: str) -> None:
    view = view_of(INPUTS[name])
    page = render(view)
    assert html_problems(page, view_links(view)) == []
    assert order_problems(html_visible(page), view_pieces(view)) == []
    assert set(html_links(page)) == view_links(view)
    assert html_title(page) == view.title
    assert f'<html lang="{view.language}">' in page


def test_the_format_is_registered_as_html() -> None:
    artefact = backend("html")(view_of(DATA / "minimal.yaml"))
    assert (artefact.media_type, artefact.suffix) == ("text/html; charset=utf-8", ".html")
    assert FORMATS["html"].suffix == artefact.suffix


def test_the_language_and_title_come_from_the_view() -> None:
    page = render(view_from("basics: {name: 'A <b>&</b>'}\nlocale: de\n"))
    assert '<html lang="de">' in page
    assert "<title>A &lt;b&gt;&amp;&lt;/b&gt; – Résumé</title>" in page


HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '" onmouseover="alert(1)',
    "' autofocus onfocus='alert(1)",
    "</style><script>x</script>",
    "<!-- --> <![CDATA[x]]> <?xml?>",
    "&lt;b&gt; &amp; &#60;",
    "<iframe src=https://evil.example></iframe><base href=https://evil.example/>",
    "<meta http-equiv=refresh content='0;url=https://evil.example'>",
    "<svg onload=alert(1)><math><form action=x><object data=x>",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_content_is_text_in_every_field(text: str) -> None:
    view = view_from(
        f"basics:\n  name: {text!r}\n  label: {text!r}\n  summary: {text!r}\n"
        f"  location: {{city: {text!r}}}\n  profiles: [{{network: {text!r}, username: {text!r}}}]\n"
        f"work:\n  - name: {text!r}\n    position: {text!r}\n    location: {text!r}\n"
        f"    highlights: [{text!r}, {{text: {text!r}, items: [{text!r}]}}]\n"
        f"skills:\n  - name: {text!r}\n    keywords: [{text!r}]\n"
        f"sections:\n  s: {{title: {text!r}, rows: [{{label: {text!r}, value: {text!r}}}]}}\n"
    )
    page = render(view)
    assert html_problems(page, set()) == []
    assert order_problems(html_visible(page), view_pieces(view)) == []


def test_a_linked_title_whose_text_holds_a_link_makes_one_link() -> None:
    view = view_from(
        "basics: {name: Ada}\nwork:\n  - name: 'see [the docs](https://docs.example)'\n"
        "    url: https://acme.example\n"
    )
    page = render(view)
    assert html_problems(page) == []
    assert html_links(page) == ["https://acme.example"]
    assert "see the docs" in html_visible(page)


def test_a_link_inside_a_link_prints_its_text() -> None:
    from cvtex.backends.html import inline

    inner = LinkSpan((Text("inner"),), Link(LinkKind.WEB, "https://inner.example"))
    outer = LinkSpan((Text("<outer> "), inner), Link(LinkKind.WEB, "https://o.example/?a=1&b=2"))
    assert inline((outer,)) == (
        '<a href="https://o.example/?a=1&amp;b=2" rel="nofollow noopener noreferrer">'
        "&lt;outer&gt; inner</a>"
    )


def test_contact_links_are_classified_and_refused_ones_print_as_text() -> None:
    view = view_from(
        "basics:\n  name: Ada\n  phone: '030 123456'\n  email: ada@example.com\n  url: not a link\n"
        "  profiles:\n    - {network: GitHub, username: ada, url: github.com/ada}\n"
    )
    page = render(view)
    assert html_problems(page) == []
    assert html_links(page) == ["mailto:ada@example.com", "https://github.com/ada"]
    assert "030 123456" in html_visible(page) and "not a link" in html_visible(page)


def test_page_breaks_and_sections_without_a_title_have_a_class() -> None:
    page = render(
        view_from(
            "basics: {name: Ada}\nwork: [{name: A, highlights: [x]}, {name: B, pagebreak: true}]\n"
            "skills: [{name: S, keywords: [k]}]\n"
            "design: {page_breaks: [skills], section_titles: {work: ''}}\n"
        )
    )
    assert '<section class="section work untitled" id="work">' in page
    assert '<section class="section skills break" id="skills">' in page
    assert '<article class="entry block break">' in page


# -- cvtex export, writing a file ------------------------------------------------------


def test_export_writes_the_page_and_makes_its_folder(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_bytes(RESUME_YAML.read_bytes())
    out = tmp_path / "out" / "cv.html"
    result = CliRunner().invoke(cli, ["export", str(source), "--to", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert f"wrote {out}" in result.stderr
    assert out.read_text(encoding="utf-8") == render(view_of(source))


def test_export_refuses_to_write_over_the_resume(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text("basics: {name: Ada}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", str(source), "--to", "html", "-o", str(source)])
    assert result.exit_code == ExitStatus.USAGE
    assert "it is the résumé" in result.stderr
    assert source.read_text(encoding="utf-8") == "basics: {name: Ada}\n"


def test_an_invalid_resume_is_exit_1_at_its_field_and_writes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(
        "basics: {name: Ada}\nwork:\n  - {name: A, url: 'javascript:alert(1)'}\n", encoding="utf-8"
    )
    out = tmp_path / "out" / "cv.html"
    runner = CliRunner()
    for args in (["-o", str(out)], []):
        result = runner.invoke(cli, ["export", str(source), "--to", "html", *args])
        assert result.exit_code == ExitStatus.INVALID_INPUT
        assert f"{source}:3:20: error[link-refused]" in result.stderr
        assert result.stdout == ""
    assert not out.parent.exists()
