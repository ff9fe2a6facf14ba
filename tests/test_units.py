"""Small pure pieces: --set paths, page counting, the fit ladder, option conversion."""

from __future__ import annotations

import pytest

from cvtex.design import DesignView
from cvtex.errors import UsageProblem
from cvtex.escape import Latex
from cvtex.fit import tighter_designs
from cvtex.loader import load_text
from cvtex.options import Color, OptionError, OptionSpec, convert
from cvtex.overrides import apply_overrides, parse_assignment, parse_path
from cvtex.pdfpages import count_pages
from cvtex.validate import validate


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ("design.accent", ("design", "accent")),
        ("work[0].summary", ("work", 0, "summary")),
        ("work[12].highlights[3].text", ("work", 12, "highlights", 3, "text")),
        ("sections.talks.title", ("sections", "talks", "title")),
    ],
)
def test_paths_use_the_syntax_of_diagnostics(text: str, path: tuple[object, ...]) -> None:
    assert parse_path(text) == path


@pytest.mark.parametrize("text", ["", "[0]", "work..x", "work[a]", "work[0"])
def test_malformed_paths_are_usage_errors(text: str) -> None:
    with pytest.raises(UsageProblem):
        parse_path(text)


def test_assignment_keeps_the_value_verbatim() -> None:
    assert parse_assignment("design.accent=#1f4e79") == (("design", "accent"), "#1f4e79")
    assert parse_assignment("basics.label=a=b") == (("basics", "label"), "a=b")
    with pytest.raises(UsageProblem, match="PATH=VALUE"):
        parse_assignment("design.accent")


def test_overrides_set_fields_and_the_schema_converts_them() -> None:
    document = load_text("basics: {name: Ada}\nwork: [{name: W}]\n", "cv.yaml")
    changed = apply_overrides(
        document,
        [
            parse_assignment("work[0].summary=Led it"),
            parse_assignment("work[0].hidden=true"),
            parse_assignment("design.paper=a4"),
        ],
    )
    resume = validate(changed).resume
    assert resume.work[0].summary == "Led it"
    assert resume.work[0].hidden is True
    assert resume.design.options() == {"paper": "a4"}
    assert document.data == {"basics": {"name": "Ada"}, "work": [{"name": "W"}]}  # untouched


def test_overrides_that_point_nowhere_are_usage_errors() -> None:
    document = load_text("basics: {name: Ada}\n")
    with pytest.raises(UsageProblem, match="there is no list work"):
        apply_overrides(document, [parse_assignment("work[0].name=X")])


def test_diagnostics_about_overridden_fields_point_at_the_option() -> None:
    document = apply_overrides(
        load_text("basics: {name: Ada}\n", "cv.yaml"), [parse_assignment("work=oops")]
    )
    file, position = document.locate(("work",))
    assert (file, position) == ("--set work=oops", None)


def test_page_count_of_a_pdf_without_object_streams() -> None:
    pdf = b"%PDF-1.4\n1 0 obj << /Type /Pages /Kids [2 0 R 3 0 R 4 0 R] /Count 3 >> endobj\n"
    assert count_pages(pdf) == 3
    with pytest.raises(ValueError, match="no page tree"):
        count_pages(b"%PDF-1.4\n")


LADDER_OPTIONS = {
    "spacing": OptionSpec(type="number", min=0.3, max=2.0, default=1.0, description="s"),
    "line_spacing": OptionSpec(type="number", min=0.8, max=1.6, default=1.0, description="l"),
    "margin": OptionSpec(type="length", default="0.6in", description="m"),
    "font_size": OptionSpec(
        type="choice", choices=["10pt", "11pt", "12pt"], default="11pt", description="f"
    ),
}


def test_the_fit_ladder_tightens_step_by_step_and_reports_every_change() -> None:
    design = DesignView(
        {"spacing": 1.0, "line_spacing": 1.0, "margin": Latex("0.6in"), "font_size": "11pt"}
    )
    rungs = list(tighter_designs(design, LADDER_OPTIONS))
    assert [changes for _, changes in rungs][:4] == [
        ["spacing 1.0 → 0.8"],
        ["spacing 1.0 → 0.8", "line_spacing 1.0 → 0.95"],
        ["spacing 1.0 → 0.8", "line_spacing 1.0 → 0.95", "margin 0.6in → 0.48in"],
        ["spacing 1.0 → 0.8", "line_spacing 1.0 → 0.95", "margin 0.6in → 0.48in",
         "font_size 11pt → 10pt"],
    ]  # fmt: skip
    last = rungs[-1][0]
    assert (last.spacing, last.line_spacing, str(last.margin)) == (0.6, 0.9, "0.408in")


def test_the_ladder_skips_options_the_template_lacks() -> None:
    design = DesignView({"spacing": 1.0})
    rungs = list(tighter_designs(design, {"spacing": LADDER_OPTIONS["spacing"]}))
    assert [changes for _, changes in rungs] == [["spacing 1.0 → 0.8"], ["spacing 1.0 → 0.6"]]


@pytest.mark.parametrize(
    ("spec", "raw", "value"),
    [
        (
            OptionSpec(type="color", default="black", description="c"),
            "#1f4e79",
            Color("1F4E79", "#1f4e79"),
        ),
        (
            OptionSpec(type="color", default="black", description="c"),
            "Navy",
            Color("1F3A5F", "Navy"),
        ),
        (OptionSpec(type="bool", default=False, description="b"), "yes", True),
        (OptionSpec(type="length", default="1in", description="l"), "12 mm", "12mm"),
        (LADDER_OPTIONS["line_spacing"], "1.2", 1.2),
    ],
)
def test_option_values_are_converted(spec: OptionSpec, raw: str, value: object) -> None:
    assert convert(spec, raw) == value


@pytest.mark.parametrize(
    ("spec", "raw"),
    [
        (OptionSpec(type="color", default="black", description="c"), "#12"),
        (OptionSpec(type="length", default="1in", description="l"), "1 mile"),
        (OptionSpec(type="length", default="1in", description="l"), "1in}\\input{x"),
        (LADDER_OPTIONS["line_spacing"], "3"),
        (LADDER_OPTIONS["font_size"], "9pt"),
    ],
)
def test_bad_option_values_are_refused(spec: OptionSpec, raw: str) -> None:
    with pytest.raises(OptionError):
        convert(spec, raw)
