"""The hostile corpus and hostile text, through every export format.

Each case of ``tests/test_hostile.py`` goes through ``cvtex export --to FORMAT`` in a
folder of its own beside a canary folder, as the build does: a case the build refuses
with exit 1 is refused with exit 1, at the same place, and writes nothing; an
accepted one gives output that passes the format's page rules and holds no canary.
A case is exported differently from how it builds only where the difference lies in
what export does not do (run TeX or a template, read the photo), each named below
with its reason. The property runs hostile text in any field through the view and
each backend, without TeX.
"""

from __future__ import annotations

import json
import os
import secrets
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATA
from cvtex.backends import FORMATS, backend
from cvtex.backends.latex.markup import markup_to_text
from cvtex.cli import cli
from cvtex.errors import InputError
from cvtex.exit_status import ExitStatus
from export_checks import (
    html_problems,
    html_visible,
    markdown_problems,
    markdown_visible,
)
from export_view import (
    normalise,
    view_links,
    view_of,
)
from test_hostile import CASES, Case
from test_hostile_property import BASE, LINK_FIELDS, TEXT_FIELDS, hostile_text, put

EXPORT_FORMATS = list(FORMATS)

BUILD_ONLY = {"-t": 1, "--engine": 1, "--timeout": 1, "--format": 1, "--tex-only": 0}
"""Build options export does not take, with the number of values each has."""

NO_PHOTO = "export prints no photo, so it neither reads nor checks one (build does for -t modern)"
NO_ENGINE = "export runs no TeX engine: the engine's choice and TeX's own limits do not apply"
NO_TEMPLATE = "export runs no LaTeX template"
DIFFERS: dict[str, tuple[int, str]] = {
    **{name: (0, NO_PHOTO) for name in CASES if name.startswith("photo_")},
    "output_over_a_template_file": (0, NO_TEMPLATE + "; -o is the user's to choose"),
    "locale_words_pdflatex_cannot_set": (0, NO_ENGINE),
    "resume_picks_lualatex_where_it_is_unconfined": (0, NO_ENGINE),
    "engine_unknown_on_the_command_line": (0, NO_ENGINE + " (and export has no --engine)"),
    "timeout_infinite": (0, NO_ENGINE + " (and export has no --timeout)"),
    "timeout_not_a_number": (0, NO_ENGINE + " (and export has no --timeout)"),
    "template_divides_by_zero": (0, NO_TEMPLATE),
    "template_recurses_forever": (0, NO_TEMPLATE),
    "strict_fails_on_a_content_warning": (0, NO_ENGINE + ": overfull lines are TeX's warning"),
}
"""Cases that export with another exit code than they build, and why."""


def export_args(args: tuple[str, ...]) -> tuple[list[str], bool]:
    """The case's arguments export takes, and whether any were left out."""
    kept: list[str] = []
    values = iter(args)
    for arg in values:
        if arg in BUILD_ONLY:
            for _ in range(BUILD_ONLY[arg]):
                next(values)
        else:
            kept.append(arg)
    return kept, len(kept) != len(args)


def prepare(case: Case, root: Path) -> tuple[Path, str]:
    """The case's folder (``cv/``), beside ``canary/`` holding a secret token."""
    token = secrets.token_hex(16)
    canary = root / "canary"
    canary.mkdir()
    (canary / "secret.tex").write_text(f"CANARY{token}", encoding="utf-8")
    (canary / "secret.png").write_bytes((DATA / "photo.png").read_bytes() + token.encode())
    folder = root / "cv"
    folder.mkdir()
    (folder / "cv.yaml").write_text(case.document, encoding="utf-8")
    if case.setup is not None:
        case.setup(folder)
    return folder, token


def test_every_difference_names_a_case() -> None:
    assert set(DIFFERS) <= set(CASES)
    assert all(CASES[name].exit != code for name, (code, _) in DIFFERS.items())


@pytest.mark.parametrize("to", EXPORT_FORMATS)
@pytest.mark.parametrize("name", CASES)
def test_hostile_case_exports_as_it_builds(
    name: str, to: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = CASES[name]
    expected, _ = DIFFERS.get(name, (case.exit, ""))
    folder, token = prepare(case, tmp_path)
    monkeypatch.chdir(folder)
    for key, value in case.env.items():
        monkeypatch.setenv(key, value)
    args, changed = export_args(case.args)
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file() and not p.is_fifo()}
    result = CliRunner().invoke(cli, ["export", "cv.yaml", "--to", to, *args])
    output = result.stdout + result.stderr
    assert result.exit_code == expected, output
    assert result.exception is None or isinstance(result.exception, SystemExit), output
    assert "Traceback" not in output and "internal error" not in output, output
    assert not set(output) & set("\x07\x1b\u202e\u2066\u2067\u2069"), repr(output)
    if name in DIFFERS:  # validate, which runs no TeX either, agrees
        checked = [a for i, a in enumerate(args) if "-o" not in args[max(0, i - 1) : i + 1]]
        validated = CliRunner().invoke(cli, ["validate", "cv.yaml", *checked])
        assert validated.exit_code == expected, validated.output
    elif expected != ExitStatus.SUCCESS:  # refused as the build refuses it, at the field
        for needle in case.says if not changed else ():
            assert needle in output, output
        if case.located is not None:
            assert f"cv.yaml:{case.located}: error" in output, output
    if expected != ExitStatus.SUCCESS:
        assert result.stdout == ""
        after = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file() and not p.is_fifo()}
        assert after == before  # nothing written, nothing replaced
        return
    written = Path(args[args.index("-o") + 1]).read_bytes() if "-o" in args else result.stdout_bytes
    assert token.encode() not in written
    assert not output_problems(to, written.decode("utf-8")), output_problems(to, written.decode())


def output_problems(to: str, text: str) -> list[str]:
    """The page rules of format ``to``, for output that no view is at hand for."""
    if to == "html":
        return html_problems(text)
    if to == "markdown":
        return markdown_problems(text)
    if to == "json-resume":
        json.loads(text)
        return []
    controls = [c for c in text if unicodedata.category(c) == "Cc" and c not in "\n"]
    return [f"control characters {controls!r} in text"] if controls else []


# -- hostile text in any field, through every pure backend ----------------------------


def visible(to: str, text: str) -> str:
    """What a reader sees, whitespace collapsed (case folded for text, which sets
    section titles in capitals)."""
    if to == "html":
        return html_visible(text)
    if to == "markdown":
        return markdown_visible(text)
    return normalise(text).casefold()


def printed_forms(text: str) -> set[str]:
    """What a field holding ``text`` may print as: with invisible format characters
    removed (validation does), as markup (most fields) or as written (contact details,
    section titles), whitespace collapsed."""
    cleaned = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return {normalise(markup_to_text(cleaned)), normalise(cleaned)}


@settings(
    max_examples=int(os.environ.get("CVTEX_HOSTILE_EXAMPLES", "100")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(field=st.sampled_from(TEXT_FIELDS + LINK_FIELDS), text=hostile_text)
def test_hostile_text_in_any_field_exports_safely(field: tuple[str | int, ...], text: str) -> None:
    document: dict[str, Any] = yaml.safe_load(yaml.safe_dump(BASE))
    put(document, field, text)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "cv.yaml"
        source.write_text(yaml.safe_dump(document, allow_unicode=False), encoding="utf-8")
        try:
            view = view_of(source)
        except InputError as exc:  # refused at this field: the build refuses it too
            assert all(d.position is not None for d in exc.diagnostics), exc.render()
            return
    allowed = view_links(view)
    for to in FORMATS:
        out = backend(to)(view).data.decode("utf-8")
        problems = {"html": html_problems, "markdown": markdown_problems}.get(to)
        assert problems is None or problems(out, allowed) == [], (to, out)
        assert not output_problems(to, out), (to, out)
        seen = visible(to, out)
        if field in TEXT_FIELDS and to != "json-resume":
            forms = {form.casefold() if to == "text" else form for form in printed_forms(text)}
            assert any(form in seen for form in forms), (to, forms, seen)


# -- the checks find what they must refuse ----------------------------------------------


def _page(body: str, head: str = "") -> str:
    good = backend("html")(view_of(DATA / "minimal.yaml")).data.decode("utf-8")
    return good.replace("</head>", head + "</head>").replace("<main>", "<main>" + body)


@pytest.mark.parametrize(
    "body",
    [
        "<script>alert(1)</script>",
        '<p onclick="alert(1)">x</p>',
        '<a href="javascript:alert(1)" rel="nofollow noopener noreferrer">x</a>',
        '<a href="https://a.example">no rel</a>',
        '<a href="https://a.example" rel="nofollow noopener noreferrer"><a href="https://b.example"'
        ' rel="nofollow noopener noreferrer">nested</a></a>',
        '<img src="https://evil.example/pixel.png">',
        '<p style="background: url(https://evil.example/x)">x</p>',
        "<iframe></iframe>",
        "<object></object>",
        "<embed>",
        "<form></form>",
        "<svg></svg>",
        "<math></math>",
        "<!-- a comment -->",
        "<style>@import 'https://evil.example/x.css';</style>",
        '<span class="x" formaction="https://evil.example">x</span>',
    ],
)
def test_the_html_checks_find_what_they_must_refuse(body: str) -> None:
    assert html_problems(_page("")) == []
    assert html_problems(_page(body)) != [], body


@pytest.mark.parametrize(
    "head",
    [
        '<meta http-equiv="refresh" content="0;url=https://evil.example">',
        '<base href="https://evil.example/">',
        '<link rel="stylesheet" href="https://evil.example/x.css">',
    ],
)
def test_the_html_checks_find_what_they_must_refuse_in_the_head(head: str) -> None:
    assert html_problems(_page("", head)) != [], head


@pytest.mark.parametrize(
    "text",
    [
        "<b>raw</b>",
        "<div>\nraw\n</div>",
        "![x](https://evil.example/pixel.png)",
        "[x](javascript:alert(1))",
        "[x](<https://not.in.the.view>)",
        "<https://autolink.example>",
        "`code`",
        "1. a list",
        "> a quote",
        "a | b\n--|--\nc | d",
        "~~struck~~",
        "### a third-level heading",
        "title\n===",
    ],
)
def test_the_markdown_checks_find_what_they_must_refuse(text: str) -> None:
    assert markdown_problems(text, {"https://in.the.view"}) != [], text
