"""The rules every exported page must pass, shared by the export tests.

HTML is parsed back with the standard library's parser and must hold only the
elements and attributes the backend writes, with links only to allowed targets.
Markdown is parsed back with markdown-it (CommonMark) with raw HTML *on*, so any HTML
that got through from content shows up as an ``html_inline`` or ``html_block``
token. Each also gives its visible text, for :func:`export_view.order_problems`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token

from cvtex.backends.html import CSP, REL, STYLE
from cvtex.model.links import ALLOWED_SCHEMES
from export_view import normalise

# -- HTML ---------------------------------------------------------------------------

ELEMENTS = {
    "html", "head", "meta", "title", "style", "body", "header", "main", "section",
    "article", "div", "h1", "h2", "h3", "p", "ul", "li", "span", "strong", "em", "a", "br",
}  # fmt: skip
"""Every element the HTML backend writes; anything else came from somewhere else."""
FORBIDDEN = {"script", "iframe", "object", "embed", "base", "form", "svg", "math", "link",
             "img", "frame", "frameset", "applet", "input", "button", "template", "video",
             "audio", "source", "picture", "portal", "noscript"}  # fmt: skip
ATTRIBUTES = {
    "html": {"lang"},
    "meta": {"charset", "http-equiv", "content", "name"},
    "a": {"href", "rel"},
    "section": {"class", "id"},
    "article": {"class"},
    "div": {"class"},
    "p": {"class"},
    "ul": {"class"},
    "span": {"class"},
}
URL_ATTRIBUTES = {"src", "srcset", "action", "formaction", "poster", "data", "background", "ping",
                  "xlink:href", "cite", "longdesc", "manifest", "codebase", "icon"}  # fmt: skip
META = {
    ("charset", "utf-8"),
    ("http-equiv", "Content-Security-Policy"),
    ("name", "referrer"),
    ("name", "viewport"),
    ("name", "generator"),
}
BLOCKS = {"h1", "h2", "h3", "p", "li", "ul", "div", "section", "article", "header", "br", "title"}
TAG = re.compile(r"<(/?)([^\s>/]*)")


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.hrefs: list[str] = []
        self.styles: list[str] = []
        self.open: list[str] = []
        self.visible: list[str] = []
        self.title = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check(tag, dict(attrs), attrs)
        if tag in BLOCKS:
            self.visible.append(" ")
        if tag not in ("meta", "br"):
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.problems.append(f"self-closing <{tag}/>: the backend writes HTML, not XHTML")
        self._check(tag, dict(attrs), attrs)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
        else:
            self.open.pop()
        if tag in BLOCKS:
            self.visible.append(" ")

    def handle_data(self, data: str) -> None:
        where = self.open[-1] if self.open else ""
        if where == "style":
            self.styles.append(data)
        elif where == "title":
            self.title += data
        elif "body" in self.open:
            self.visible.append(data)
        elif data.strip():
            self.problems.append(f"text outside the body: {data!r}")

    def handle_comment(self, data: str) -> None:
        self.problems.append(f"a comment: {data!r}")

    def handle_decl(self, decl: str) -> None:
        if decl.lower() != "doctype html":
            self.problems.append(f"a declaration: {decl!r}")

    def handle_pi(self, data: str) -> None:
        self.problems.append(f"a processing instruction: {data!r}")

    def unknown_decl(self, data: str) -> None:
        self.problems.append(f"a marked section: {data!r}")

    def _check(
        self, tag: str, attrs: dict[str, str | None], pairs: list[tuple[str, str | None]]
    ) -> None:
        if tag in FORBIDDEN or tag not in ELEMENTS:
            self.problems.append(f"<{tag}> is not an element the backend writes")
        if len(attrs) != len(pairs):
            self.problems.append(f"<{tag}> repeats an attribute")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}>: an event attribute")
            elif name in URL_ATTRIBUTES or name == "style":
                self.problems.append(f"<{tag} {name}={value!r}>")
            elif name not in ATTRIBUTES.get(tag, set()):
                self.problems.append(f"<{tag}> has attribute {name}")
        if tag == "a":
            self._anchor(attrs)
        if tag == "meta":
            self._meta(attrs)

    def _anchor(self, attrs: dict[str, str | None]) -> None:
        href = attrs.get("href") or ""
        self.hrefs.append(href)
        if "a" in self.open:
            self.problems.append(f"a link inside a link: {href!r}")
        if attrs.get("rel") != REL:
            self.problems.append(f"a link without rel={REL!r}: {href!r}")
        if urlsplit(href).scheme not in ALLOWED_SCHEMES:
            self.problems.append(f"a link to {href!r}")

    def _meta(self, attrs: dict[str, str | None]) -> None:
        kind = next(
            ((k, v) for k, v in attrs.items() if k in ("charset", "http-equiv", "name")), None
        )
        if kind not in META:
            self.problems.append(f"<meta {attrs}>")
        if kind == ("http-equiv", "Content-Security-Policy") and attrs.get("content") != CSP:
            self.problems.append(f"a Content-Security-Policy other than ours: {attrs}")


def html_problems(page: str, allowed: set[str] | None = None) -> list[str]:
    """Everything wrong with ``page``: an empty list for a safe page. ``allowed``: the
    only link targets it may hold (default: any of an allowed scheme)."""
    parsed = _parse(page)
    problems = list(parsed.problems)
    if not page.startswith("<!doctype html>\n<html lang="):
        problems.append("the page does not start with <!doctype html> and <html lang=…>")
    head = page[: page.find("<body>")]
    if f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' not in head:
        problems.append("no Content-Security-Policy in the head")
    if parsed.styles != [f"\n{STYLE}"]:
        problems.append(f"a style sheet other than the backend's: {parsed.styles}")
    if any(re.search(r"@import|url\(|expression\(|\\", style) for style in parsed.styles):
        problems.append("a style sheet that fetches or escapes")
    if parsed.open:
        problems.append(f"elements left open: {parsed.open}")
    for tag in TAG.finditer(page):  # what a browser, not only this parser, would see
        if tag[2].lower() not in ELEMENTS and tag[2] != "!doctype":
            problems.append(f"markup {tag[0]!r} the parser may have read otherwise")
    if allowed is not None:
        problems += [
            f"a link to {h!r}, which the view holds nowhere"
            for h in parsed.hrefs
            if h not in allowed
        ]
    return problems


def html_visible(page: str) -> str:
    """The text a reader sees in the page's body, whitespace collapsed."""
    return normalise("".join(_parse(page).visible))


def html_title(page: str) -> str:
    return _parse(page).title


def html_links(page: str) -> list[str]:
    return _parse(page).hrefs


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    return parser


# -- Markdown -----------------------------------------------------------------------


class _EveryLink(MarkdownIt):
    def validateLink(self, url: str) -> bool:
        """Every link, whatever its scheme: markdown-it drops ``javascript:`` links
        itself, other renderers may not, so the checks must see them."""
        return True


MARKDOWN = _EveryLink("commonmark", {"html": True}).enable(["table", "strikethrough"])
"""CommonMark with raw HTML rendered and links of any scheme, plus GFM's tables and
strikethrough: a ``|`` or ``~`` from content must not make either."""
TOKENS = {"paragraph_open", "paragraph_close", "heading_open", "heading_close",
          "bullet_list_open", "bullet_list_close", "list_item_open", "list_item_close",
          "inline", "text", "strong_open", "strong_close", "em_open", "em_close",
          "link_open", "link_close", "softbreak", "hardbreak"}  # fmt: skip
"""Every token the Markdown backend's output may parse into: no raw HTML, image,
code, quote, rule, table, ordered list or strikethrough can come from content."""


def markdown_tokens(text: str) -> Iterator[Token]:
    for token in MARKDOWN.parse(text):
        yield token
        yield from token.children or ()


def markdown_problems(text: str, allowed: set[str] | None = None) -> list[str]:
    problems: list[str] = []
    headings = []
    for token in markdown_tokens(text):
        if token.type not in TOKENS:
            problems.append(f"a {token.type} token: {token.content or token.markup!r}")
        if token.type == "heading_open":
            headings.append(token.tag)
            if token.markup not in ("#", "##"):
                problems.append(f"a heading made with {token.markup!r}")
        if token.type == "link_open":
            href = str(token.attrGet("href") or "")
            if urlsplit(href).scheme not in ALLOWED_SCHEMES:
                problems.append(f"a link to {href!r}")
            if allowed is not None and href not in {MARKDOWN.normalizeLink(a) for a in allowed}:
                problems.append(f"a link to {href!r}, which the view holds nowhere")
    if headings.count("h1") > 1:
        problems.append(f"headings {headings}: one h1, the name")
    rendered = MARKDOWN.render(text)
    if re.search(r"<(?!/?(?:h1|h2|p|ul|li|strong|em|a|br)\b)", rendered):
        problems.append("the rendered HTML has markup the backend does not write")
    return problems


def markdown_visible(text: str) -> str:
    out: list[str] = []
    for token in markdown_tokens(text):
        if token.type in ("text", "code_inline", "html_inline", "html_block"):
            out.append(token.content)
        elif token.type in ("softbreak", "hardbreak") or token.block:
            out.append(" ")
    return normalise("".join(out))
