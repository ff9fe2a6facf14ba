"""The link policy: what may become a PDF link annotation, and its canonical form."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cvtex.backends.latex.markup import markup_to_latex
from cvtex.model.links import (
    LinkKind,
    LinkRefused,
    NotALink,
    classify,
    phone_link,
    safe_target,
)


@pytest.mark.parametrize(
    ("given", "kind", "target"),
    [
        ("https://a.org", LinkKind.WEB, "https://a.org"),
        ("HTTP://A.org/x?y=1#z", LinkKind.WEB, "http://A.org/x?y=1#z"),
        ("linkedin.com/in/x", LinkKind.WEB, "https://linkedin.com/in/x"),
        ("example.com", LinkKind.WEB, "https://example.com"),
        ("example.com:8080/x", LinkKind.WEB, "https://example.com:8080/x"),
        ("//cdn.example.org/a", LinkKind.WEB, "https://cdn.example.org/a"),
        ("münchen.de", LinkKind.WEB, "https://xn--mnchen-3ya.de"),
        ("me@example.com", LinkKind.EMAIL, "mailto:me@example.com"),
        ("mailto:me@example.com", LinkKind.EMAIL, "mailto:me@example.com"),
        ("tel:+49 30 1234-567", LinkKind.PHONE, "tel:+49301234567"),
        ("tel:0049 (30) 123", LinkKind.PHONE, "tel:+4930123"),
    ],
)
def test_allowed_links_and_their_canonical_form(given: str, kind: LinkKind, target: str) -> None:
    link = classify(given)
    assert (link.kind, link.target) == (kind, target)


@pytest.mark.parametrize(
    "given",
    [
        "run:C:/Windows/System32/calc.exe#://",
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox",
        "smb://host/share",
        "ftp://example.com/x",
        "launch:x",
        "mailto:a@b.com?cc=c@d.com&bcc=e@f.com&body=hi",
        "mailto:a@b.com,c@d.com",
        "a@b.com?subject=x",
        "mailto:a@b.com%3Fcc%3Dc@d.com",
        "https://google.com@evil.example/",
        "https://user:pass@example.com/",
        "tel:call me",
    ],
)
def test_refused_links(given: str) -> None:
    with pytest.raises(LinkRefused):
        classify(given)
    assert safe_target(given) is None


@pytest.mark.parametrize(
    "given", ["my website", "#top", "portfolio", "https://", "", "https://x.example\nfoo"]
)
def test_things_that_are_not_links(given: str) -> None:
    with pytest.raises(NotALink):
        classify(given)


@pytest.mark.parametrize(
    ("phone", "target"),
    [
        ("+1 (555) 123-4567", "tel:+15551234567"),
        ("0049 30 123456", "tel:+4930123456"),
        ("+86 138 0000 0000", "tel:+8613800000000"),
        # The bracketed trunk 0 is dialled only from inside the country:
        ("+44 (0)20 7946 0958", "tel:+442079460958"),
        ("0049 (0) 30 1234567", "tel:+49301234567"),
        ("+1 (415) 555 0100", "tel:+14155550100"),
    ],
)
def test_phone_numbers_become_tel_digits(phone: str, target: str) -> None:
    found = phone_link(phone)
    assert found is not None and found.target == target


@pytest.mark.parametrize(
    "phone", ["on request", "+1 555 123 4567 ext. 89", "12", "+" + "1" * 16, "030 123456"]
)
def test_text_that_is_not_a_number_gets_no_tel_link(phone: str) -> None:
    assert phone_link(phone) is None


def test_a_refused_markup_link_prints_its_text_without_a_link() -> None:
    latex = markup_to_latex("[Portfolio](run:C:/Windows/System32/calc.exe#://) and more")
    assert r"\href" not in latex
    assert latex.startswith("Portfolio and more")


@given(
    st.text(max_size=60) | st.from_regex(r"(https?://)?\[[0-9a-f:]*\]?[^\s]{0,10}", fullmatch=True)
)
@example("http://[::1")  # an unclosed IPv6 host was exit 70 (found by an outside test)
@example("https://[::1]:x/")
def test_every_target_uses_an_allowed_scheme(text: str) -> None:
    target = safe_target(text)
    if target is not None:
        assert target.split(":", 1)[0] in ("http", "https", "mailto", "tel")
        if target.startswith("mailto:"):
            assert "?" not in target and "," not in target
        if target.startswith("tel:"):
            assert target[4] == "+" and target[5:].isdigit()


def test_a_second_hash_stays_in_the_fragment() -> None:
    from cvtex.backends.latex.escape import escape_url

    assert escape_url("https://a.example/x#frag#rest") == "https://a.example/x\\#frag\\%23rest"


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("https://münchen.example.de/cv", "https://xn--mnchen-3ya.example.de/cv"),
        ("bücher.example:8080/x", "https://xn--bcher-kva.example:8080/x"),
        ("https://例え.テスト/", "https://xn--r8jz45g.xn--zckzah/"),
    ],
)
def test_an_international_host_links_by_its_dns_name(url: str, target: str) -> None:
    """Percent-encoded (what the PDF carried before), the host does not resolve."""
    assert classify(url).target == target


@pytest.mark.parametrize("text", ["http://[::1", "https://[fe80::1%25eth0"])
def test_a_broken_ipv6_host_is_not_a_link_and_no_crash(text: str) -> None:
    from cvtex.model.links import NotALink, classify

    with pytest.raises(NotALink):
        classify(text)
