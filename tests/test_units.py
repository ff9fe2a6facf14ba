"""Small pure pieces: --set paths, page counting, the fit ladder, option conversion."""

from __future__ import annotations

import re
from typing import ClassVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from cvtex.backends.latex.design import DesignView
from cvtex.backends.latex.escape import Latex
from cvtex.backends.latex.fit import tighter_designs
from cvtex.backends.latex.options import (
    LENGTH_PATTERN,
    OPTION_TYPES,
    Color,
    LengthType,
    OptionError,
    OptionSpec,
    convert,
)
from cvtex.backends.latex.pdfpages import count_pages
from cvtex.errors import InputError, UsageProblem
from cvtex.model.dates import DATE_FORMATS, FreeDate, PartialDate
from cvtex.model.validate import validate
from cvtex.source.loader import load_text
from cvtex.source.overrides import apply_overrides, parse_assignment, parse_path


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
    document = load_text("basics: {name: Ada}\nwork: [{name: A}]\n")
    with pytest.raises(UsageProblem, match=r"work has 1 item\(s\); \[1\] adds one, not \[5\]"):
        apply_overrides(document, [parse_assignment("work[5].name=X")])
    with pytest.raises(UsageProblem, match=r"basics\.name is not a list"):
        apply_overrides(document, [parse_assignment("basics.name[0]=X")])


def test_an_index_one_past_the_end_adds_an_item_and_a_missing_list_is_made() -> None:
    document = load_text("basics: {name: Ada}\nwork: [{name: A}]\n")
    changed = apply_overrides(
        document,
        [
            parse_assignment("ignore[0]=date-order"),
            parse_assignment("work[1].name=B"),
            parse_assignment("work[0].tags[0]=ml"),
            parse_assignment("design.page_breaks[0]=work"),
        ],
    )
    assert changed.data["ignore"] == ["date-order"]
    assert changed.data["work"] == [{"name": "A", "tags": ["ml"]}, {"name": "B"}]
    assert changed.data["design"] == {"page_breaks": ["work"]}


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


class SizeType(LengthType):
    """A length, or a named size: what a new option type takes (one class)."""

    name = "size"
    SIZES: ClassVar[dict[str, str]] = {"small": "6pt", "medium": "10pt", "large": "16pt"}

    def parse(self, text: str, spec: OptionSpec) -> object:
        return Latex(self.SIZES[text]) if text in self.SIZES else super().parse(text, spec)

    def describe(self, spec: OptionSpec) -> str:
        return " | ".join(self.SIZES) + ", or " + super().describe(spec)

    def json_schema(self, spec: OptionSpec) -> dict[str, object]:
        return {"anyOf": [{"enum": list(self.SIZES)}, super().json_schema(spec)]}

    def completions(self, spec: OptionSpec) -> tuple[str, ...]:
        return tuple(self.SIZES)


def test_a_new_option_type_is_one_class(monkeypatch: pytest.MonkeyPatch) -> None:
    from cvtex.cli.completion import set_candidates

    monkeypatch.setitem(OPTION_TYPES, SizeType.name, SizeType())
    spec = OptionSpec(type="size", default="medium", description="gap")
    assert convert(spec, "large") == "16pt"
    assert convert(spec, "3 mm") == "3mm"
    with pytest.raises(OptionError, match="not a length"):
        convert(spec, "huge")
    assert spec.describe_values().startswith("small | medium | large, or a length")
    assert [c for c, _ in set_candidates("design.gap=", {"gap": spec})] == [
        "design.gap=small",
        "design.gap=medium",
        "design.gap=large",
    ]
    design = DesignView({"margin": convert(spec, "large")})
    ((tighter, changes),) = list(tighter_designs(design, {"margin": spec}))[:1]
    assert str(tighter.margin) == "12.8pt" and changes == ["margin 16pt → 12.8pt"]


def test_an_unknown_option_type_names_the_types() -> None:
    with pytest.raises(ValidationError, match='unknown option type "colour"; did you mean "color"'):
        OptionSpec(type="colour", default="black", description="c")


def test_a_number_without_bounds_describes_itself() -> None:
    spec = OptionSpec(type="number", default=1, description="n")
    assert spec.describe_values() == "a number"
    assert OptionSpec(type="number", min=0, default=1, description="n").describe_values() == (
        "a number from 0"
    )


@pytest.mark.parametrize(
    "text", ["0.6in", "12 mm", "10pt", "1.5em", "3ex", "1in}", "1 mile", ".5in", "1.in", "٣in"]
)
def test_the_schema_accepts_the_lengths_cvtex_accepts(text: str) -> None:
    spec = OptionSpec(type="length", default="1in", description="l")
    try:
        convert(spec, text)
        accepted = True
    except OptionError:
        accepted = False
    assert spec.kind.json_schema(spec)["pattern"] == LENGTH_PATTERN
    assert (re.search(LENGTH_PATTERN, text) is not None) == accepted


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("0000", "year 0 is out of range (0001–9999)"),
        ("0000-01", "year 0 is out of range (0001–9999)"),
        ("0000-02-29", "year 0 is out of range (0001–9999)"),
        ("01/0000", "year 0 is out of range (0001–9999)"),
        ("2023-00", "expected YYYY"),
        ("2023-13", "expected YYYY"),
        ("00/2023", "expected YYYY"),
        ("13/2023", "expected YYYY"),
        ("2023-02-00", "expected YYYY"),
        ("2023-02-32", "expected YYYY"),
    ],
)
def test_out_of_range_dates_are_plain_value_errors(text: str, problem: str) -> None:
    with pytest.raises(ValueError, match=re.escape(problem)):
        PartialDate.parse(text)


def test_a_date_message_never_repeats_control_characters_or_long_values() -> None:
    with pytest.raises(ValueError) as exc:
        PartialDate.parse("2020\x07\x1b[2J" + "x" * 100)
    message = str(exc.value)
    assert message.startswith('invalid date "2020\\x07\\x1b[2Jxxx')
    assert "…" in message
    assert message.isprintable()


def test_year_zero_in_a_resume_is_an_error_at_the_field() -> None:
    document = load_text('basics:\n  name: Ada\nwork:\n  - name: X\n    startDate: "0000"\n')
    with pytest.raises(InputError) as exc:
        validate(document)
    (diagnostic,) = exc.value.diagnostics
    assert diagnostic.path == ("work", 0, "startDate")
    assert diagnostic.message.endswith("year 0 is out of range (0001–9999)")


_DATE_LIKE = st.one_of(
    st.text(max_size=12),
    st.from_regex(r"\s?\d{1,5}([-/]\d{1,3}([-/]\d{1,3})?)?\s?", fullmatch=True),
    st.integers(min_value=-(10**6), max_value=10**6),
)


@settings(max_examples=400, deadline=None)
@given(_DATE_LIKE)
def test_any_date_value_parses_or_is_a_value_error(value: object) -> None:
    """_validate returns or raises ValueError, nothing else; what it returns can
    always be sorted, compared with today and formatted."""
    for kind in (PartialDate, FreeDate):
        try:
            date = kind._validate(value)
        except ValueError:
            continue
        date.sort_key()
        date.earliest()
        for style in DATE_FORMATS:
            date.format(style)
