"""The Markdown backend: golden files, and its output read back with a CommonMark parser.

markdown-it renders raw HTML here (``html=True``), so any HTML that got through from
content would show; none may. The visible text must be the view's, and every link
one of the view's classified targets.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA
from cvtex.backends import FORMATS, backend
from cvtex.backends.markdown import inline, render
from cvtex.model.links import Link, LinkKind
from cvtex.view.inline import Emphasis, Inline, LineBreak, LinkSpan, Strong, Text, plain
from export_checks import MARKDOWN, markdown_problems, markdown_tokens, markdown_visible
from export_view import (
    INPUTS,
    golden,
    normalise,
    order_problems,
    view_from,
    view_links,
    view_of,
    view_pieces,
)


@pytest.mark.parametrize("name", INPUTS)
def test_golden_markdown(name: str) -> None:
    actual = backend("markdown")(view_of(INPUTS[name])).data.decode("utf-8")
    assert actual == golden(f"{name}.md", actual)


@pytest.mark.parametrize("name", INPUTS)
def test_the_markdown_is_the_view_and_nothing_else(name: str) -> None:
    view = view_of(INPUTS[name])
    text = render(view)
    assert markdown_problems(text, view_links(view)) == []
    assert order_problems(markdown_visible(text), view_pieces(view)) == []
    hrefs = {str(t.attrGet("href")) for t in markdown_tokens(text) if t.type == "link_open"}
    assert hrefs == {MARKDOWN.normalizeLink(target) for target in view_links(view)}


def test_the_format_is_registered_as_markdown() -> None:
    artefact = backend("markdown")(view_of(DATA / "minimal.yaml"))
    assert (artefact.media_type, artefact.suffix) == ("text/markdown; charset=utf-8", ".md")
    assert FORMATS["markdown"].suffix == artefact.suffix


HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "&lt;script&gt; &amp; &#60;b&#62; &copy;",
    "<!-- a comment --> <?php echo 1 ?> <![CDATA[x]]>",
    "<https://evil.example> <mailto:x@evil.example>",
    "![a picture](https://evil.example/pixel.png)",
    "\\[ref\\]: https://evil.example and [ref]",
    "`code` ``more`` ~~struck~~ | a | table |",
    "a**(b)**c and *a**b* and ***x** y*",
    "\\ trailing backslash \\",
    "x\\*y\\* and _under_ and __strong__",
    "$x^2$ {#id .class} :emoji: ^sup^",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_content_prints_literally(text: str) -> None:
    view = view_from(
        f"basics:\n  name: {text!r}\n  summary: {text!r}\n"
        f"work:\n  - name: {text!r}\n    position: {text!r}\n    highlights: [{text!r}]\n"
        f"skills:\n  - name: {text!r}\n    keywords: [{text!r}]\n"
    )
    out = render(view)
    assert markdown_problems(out, view_links(view)) == [], out
    assert order_problems(markdown_visible(out), view_pieces(view)) == [], out


@pytest.mark.parametrize(
    "line",
    ["# not a heading", "## nor this", "- not a list", "+ nor this", "1. nor this",
     "2) nor this", "> not a quote", "---", "===", "    not code", "* * *", "<div>"],
)  # fmt: skip
def test_what_opens_a_block_at_the_start_of_a_line_is_text(line: str) -> None:
    """At the start of the summary, of a bullet, and of a line kept as typed."""
    summary = f"{line}\n- {line}\n\n{line}"
    view = view_from(
        f"basics:\n  name: Ada\n  summary: {summary!r}\nsections:\n"
        f"  s: {{title: {line!r}, items: [{line!r}, {{text: {line!r}, items: [{line!r}]}}]}}\n"
    )
    out = render(view)
    assert markdown_problems(out, set()) == [], out
    assert order_problems(markdown_visible(out), view_pieces(view)) == [], out


def test_a_target_cannot_leave_its_angle_brackets() -> None:
    link = Link(LinkKind.WEB, "https://a.example/x y<z>(1)\\")
    out = inline((LinkSpan((Text("t"),), link),))
    assert out == "[t](<https://a.example/x%20y%3Cz%3E(1)%5C>)"
    (href,) = [t.attrGet("href") for t in markdown_tokens(out) if t.type == "link_open"]
    assert href == "https://a.example/x%20y%3Cz%3E(1)%5C"


def test_a_link_inside_a_link_prints_its_text() -> None:
    inner = LinkSpan((Text("inner"),), Link(LinkKind.WEB, "https://inner.example"))
    outer = LinkSpan((Text("outer "), inner), Link(LinkKind.WEB, "https://outer.example"))
    out = inline((Strong((outer,)),))
    assert out == "**[outer inner](<https://outer.example>)**"


def test_emphasis_that_would_not_parse_is_left_out_not_shown() -> None:
    """CommonMark reads ``a**(b)**c`` as text, ``*a**b*`` as one emphasis holding
    ``a**b`` and ``** b**`` as text: such runs print their text without the markup."""
    cases: dict[tuple[Inline, ...], str] = {
        (Text("a"), Strong((Text("(b)"),)), Text("c")): "a(b)c",
        (Emphasis((Text("a"),)), Emphasis((Text("b"),))): "*a*b",
        (Text("a "), Strong((Text(" b"),))): "a  b",
        (Strong((Emphasis((Text("x"),)), Text(" y"))),): "***x* y**",
    }
    for runs, expected in cases.items():
        out = inline(runs)
        assert out == expected
        assert markdown_visible(out) == normalise(plain(runs))
        assert markdown_problems(out) == []


def test_a_line_break_is_a_hard_break_and_never_ends_the_text() -> None:
    out = inline((Text("a"), LineBreak(), Text("- b"), LineBreak()))
    assert out == "a\\\n\\- b"
    assert [t.type for t in markdown_tokens(out) if t.type.endswith("break")] == ["hardbreak"]


# -- any runs ---------------------------------------------------------------------------

WORDS = st.text(alphabet="ab1 .-+#*_`[]()<>&!|~\\:;,=\u00a0é“”", min_size=1, max_size=6)
TARGETS = st.sampled_from(
    [
        Link(LinkKind.WEB, "https://a.example/p?q=1&r=(2)"),
        Link(LinkKind.EMAIL, "mailto:a@b.example"),
    ]
)


def _runs(children: st.SearchStrategy[Inline]) -> st.SearchStrategy[Inline]:
    kids = st.lists(children, min_size=1, max_size=3).map(tuple)
    return st.one_of(
        st.builds(Strong, kids), st.builds(Emphasis, kids), st.builds(LinkSpan, kids, TARGETS)
    )


RUNS = st.lists(
    st.one_of(st.recursive(st.builds(Text, WORDS), _runs, max_leaves=6), st.just(LineBreak())),
    min_size=1,
    max_size=6,
).map(tuple)


@given(runs=RUNS, where=st.sampled_from(["", "- ", "# "]))
@settings(max_examples=400, deadline=None)
def test_any_runs_print_their_text_and_only_their_links(
    runs: tuple[Inline, ...], where: str
) -> None:
    heading = where == "# "
    out = where + inline(runs, heading=heading).replace("\n", "\n  " if where else "\n")
    assert markdown_problems(out) == [], out
    assert markdown_visible(out) == normalise(plain(runs).replace("\n", " ")), out
    hrefs = [t.attrGet("href") for t in markdown_tokens(out) if t.type == "link_open"]
    outermost = [r.link.target for r in _outermost_links(runs)]
    assert hrefs == [MARKDOWN.normalizeLink(target) for target in outermost], out


def _outermost_links(runs: tuple[Inline, ...]) -> list[LinkSpan]:
    found: list[LinkSpan] = []
    for run in runs:
        if isinstance(run, LinkSpan):
            found.append(run)
        elif isinstance(run, Strong | Emphasis):
            found.extend(_outermost_links(run.children))
    return found
