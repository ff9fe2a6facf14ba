"""Dates: the forms people write, one table for the parser, the JSON Schema and the
README, and how dates print by default (issue #10, points 3 and 4)."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import typing
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import ROOT, pdf_text, render_tex
from cvtex.cli import cli
from cvtex.diagnostics import Severity
from cvtex.model.dates import DATE_FORMATS, PartialDate
from cvtex.model.dates_forms import (
    ACCEPTED_FORMS,
    FORMS,
    JSON_PATTERN,
    MONTH_MEANINGS,
    MONTH_WORDS,
    PRESENT_SPELLINGS,
    DateForm,
    readme_forms,
)
from cvtex.model.locales import LOCALES, get_locale
from cvtex.model.schema import Work
from cvtex.model.schema_settings import DateFormat
from cvtex.model.validate import validate
from cvtex.source.loader import load_text
from cvtex.view.display import DateDisplay, DateRange

SCHEMA_RE = re.compile(JSON_PATTERN[:-1] + r"\Z")
"""The JSON Schema pattern read by Python ``re``: an approximation of ECMA-262 that
agrees on this pattern (no flags, no \\d/\\s/\\w, only syntax characters escaped);
``$`` becomes ``\\Z`` because Python's ``$`` also matches before a final newline."""


def parses(text: str) -> bool:
    try:
        PartialDate.parse(text)
    except ValueError:
        return False
    return True


def schema_accepts(text: str) -> bool:
    return SCHEMA_RE.search(text) is not None


# -- the table ------------------------------------------------------------------


@pytest.mark.parametrize("form", FORMS, ids=[f.name for f in FORMS])
def test_every_example_parses_as_its_form_and_matches_the_schema(form: DateForm) -> None:
    parsed = PartialDate.parse(form.example)
    assert parsed.form == form.name
    assert schema_accepts(form.example)


def test_the_committed_json_schema_uses_the_tables_pattern() -> None:
    schema = (ROOT / "docs" / "resume.schema.json").read_text(encoding="utf-8")
    assert json.dumps(JSON_PATTERN, ensure_ascii=False) in schema


def test_the_pattern_is_plain_ecma_262() -> None:
    """No Python-only syntax: named groups, inline flags, Unicode-dependent classes."""
    for python_only in ("(?P", "(?i", "(?<", "(?#", r"\d", r"\s", r"\w", r"\b", r"\Z", r"\A"):
        assert python_only not in JSON_PATTERN, python_only
    # In u mode ECMA-262 allows only syntax characters (and \t \n \r) to be escaped.
    escaped = set(re.findall(r"\\(.)", JSON_PATTERN))
    assert escaped <= set("^$\\.*+?()[]{}|/tnr"), escaped


NODE = shutil.which("node")


@pytest.mark.skipif(NODE is None, reason="needs node to run a real ECMA-262 engine")
def test_a_javascript_engine_agrees_with_the_parser() -> None:
    """The pattern as an editor's JSON Schema validator runs it (``new RegExp(p, "u")``)."""
    samples = [form.example for form in FORMS] + [
        "2024-09-31",
        "2019-04-01T00:00:00",
        "2019-04-01 10:00:00.5Z",
        "APRIL 2019",
        "avril 2019",
        "Février 2020",
        "aujourd’hui",
        "現在",
        "현재",
        "2019年12月",
        " 2019 ",
        "0000",
        "2023-13",
        "2023-02-32",
        "٢٠٢٠",
        "２０１９",
        "Summer 2021",
        "April2019",
        "2019-04-01T25:00",
        "presently",
    ]
    script = (
        "const [p, s] = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "const r = new RegExp(p, 'u');"
        "process.stdout.write(JSON.stringify(s.map((x) => r.test(x))));"
    )
    assert NODE is not None
    result = subprocess.run(
        [NODE, "-e", script],
        input=json.dumps([JSON_PATTERN, samples]),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    verdicts = json.loads(result.stdout)
    assert dict(zip(samples, verdicts, strict=True)) == {s: parses(s) for s in samples}


_WORD_CASES = st.sampled_from(sorted(MONTH_WORDS) + list(PRESENT_SPELLINGS))
_YEARS = st.one_of(
    st.integers(0, 9999).map(lambda y: f"{y:04d}"),
    st.sampled_from(["0000", "19", "20190", "٢٠١٩", "２０１９"]),
)
_NUMBERS = st.one_of(
    st.integers(0, 40).map(str),
    st.integers(0, 40).map(lambda n: f"{n:02d}"),
    st.sampled_from(["001", "٣", "３"]),
)


@st.composite
def _date_like(draw: st.DrawFn) -> str:
    """Text near the accepted forms: names in random case, numbers in and out of
    range, the examples mutated, stray separators and digits from other scripts."""
    word = "".join(c.upper() if draw(st.booleans()) else c for c in draw(_WORD_CASES))
    year, a, b = draw(_YEARS), draw(_NUMBERS), draw(_NUMBERS)
    kind = draw(st.integers(0, 12))
    text = [
        word,
        year,
        f"{word}{draw(st.sampled_from(['', '.']))}{draw(st.sampled_from([' ', '  ', '']))}{year}",
        f"{year}-{a}",
        f"{year}-{a}-{b}",
        f"{year}/{a}",
        f"{a}/{year}",
        f"{year}年{a}月",
        f"{year}년{draw(st.sampled_from(['', ' ']))}{a}월",
        f"{year}-01-01{draw(st.sampled_from(['T', 't', ' ', '_']))}{a}:{b}",
        f"2019-04-01T09:{a}:{b}{draw(st.sampled_from(['', 'Z', '+02:00', '.5', ' -0500']))}",
        draw(st.sampled_from([form.example for form in FORMS])),
        draw(st.text(max_size=12)),
    ][kind]
    mutation = draw(st.integers(0, 3))
    if mutation == 1 and text:
        at = draw(st.integers(0, len(text) - 1))
        text = text[:at] + text[at + 1 :]
    elif mutation == 2:
        at = draw(st.integers(0, len(text)))
        extra = draw(st.sampled_from([" ", ".", "-", "/", ":", "\t", "x", "0", "\n"]))
        text = text[:at] + extra + text[at:]
    edge = draw(st.sampled_from(["", " ", "\n", "\t ", "\u00a0"]))
    return edge + text + edge[::-1]


@settings(max_examples=1500, deadline=None)
@pytest.mark.slow  # its regex is every date form at once: seconds per hundred examples
@given(_date_like())
@example("2019\n")
@example("April\u00a02019")
@example("Sept. 2019")
def test_the_parser_and_the_schema_pattern_agree(text: str) -> None:
    assert parses(text) == schema_accepts(text), text


def _near_misses() -> list[str]:
    """Every month name in three cases, and every number around each range."""
    texts: list[str] = []
    for word in [*MONTH_WORDS, *PRESENT_SPELLINGS]:
        for spelling in (word, word.upper(), word.title()):
            texts += [spelling, f"{spelling} 2019", f"{spelling}. 2019", f"{spelling}2019"]
    for year in ("0000", "0001", "0999", "2023", "2024", "9999"):
        texts.append(year)
        for m in range(14):
            texts += [f"{year}-{m:02d}", f"{year}/{m}", f"{year}/{m:02d}", f"{m}/{year}"]
            texts += [f"{m:02d}/{year}", f"{year}年{m}月", f"{year}년 {m:02d}월"]
            texts += [f"{year}-{m:02d}-{d:02d}" for d in range(33)]
    texts += [f"2019-04-01T{h:02d}:{n:02d}" for h in range(26) for n in (0, 59, 60)]
    return texts


def test_the_parser_and_the_schema_pattern_agree_near_every_edge() -> None:
    disagree = [text for text in _near_misses() if parses(text) != schema_accepts(text)]
    assert disagree == []


# -- the forms ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "year", "month", "day"),
    [
        ("2024-09-31", 2024, 9, None),  # impossible day: month precision
        ("2021/07", 2021, 7, None),
        ("2024/3", 2024, 3, None),
        ("3/2024", 2024, 3, None),
        ("2019-04-01T00:00:00", 2019, 4, 1),
        ("2019-04-01T09:30", 2019, 4, 1),
        ("2019-04-01T09:30:00Z", 2019, 4, 1),
        ("2019-04-01t09:30:00z", 2019, 4, 1),
        ("2019-04-01T09:30:00+02:00", 2019, 4, 1),
        ("2019-04-01T09:30:00.123456-0500", 2019, 4, 1),
        ("2019-04-01 09:30:00", 2019, 4, 1),
        ("April 2019", 2019, 4, None),
        ("APRIL  2019", 2019, 4, None),
        ("Apr. 2019", 2019, 4, None),
        ("apr 2019", 2019, 4, None),
        ("Sept 2019", 2019, 9, None),
        ("Sept. 2019", 2019, 9, None),
        ("avril 2019", 2019, 4, None),
        ("Février 2020", 2020, 2, None),
        ("fevrier 2020", 2020, 2, None),
        ("févr. 2020", 2020, 2, None),
        ("März 2021", 2021, 3, None),
        ("Marz 2021", 2021, 3, None),
        ("Okt. 2021", 2021, 10, None),
        ("dic. 2021", 2021, 12, None),
        ("março 2021", 2021, 3, None),
        ("out. 2021", 2021, 10, None),
        ("gennaio 2022", 2022, 1, None),
        ("2019年4月", 2019, 4, None),
        ("2019年04月", 2019, 4, None),
        ("2019년 4월", 2019, 4, None),
        ("2019년4월", 2019, 4, None),
        (" 2019 ", 2019, None, None),
        # Found by an outside test on real files:
        ("Mär. 2019", 2019, 3, None),
        ("Mrz 2020", 2020, 3, None),
        ("Jänner 2019", 2019, 1, None),
        ("fév. 2019", 2019, 2, None),
        ("sett. 2019", 2019, 9, None),
        ("enero de 2019", 2019, 1, None),
        ("September, 2019", 2019, 9, None),
        ("2019 年 4 月", 2019, 4, None),
        ("2019年4月1日", 2019, 4, 1),
        ("2019.09", 2019, 9, None),
        ("04.2019", 2019, 4, None),
        ("01.04.2019", 2019, 4, 1),
        ("1.4.2019", 2019, 4, 1),
        ("2019/04/01", 2019, 4, 1),
        ("2019-4", 2019, 4, None),
    ],
)
def test_dates_as_people_write_them(
    text: str, year: int, month: int | None, day: int | None
) -> None:
    parsed = PartialDate.parse(text)
    assert (parsed.year, parsed.month, parsed.day) == (year, month, day)


@pytest.mark.parametrize(
    "text",
    [
        *("present", "Present", "PRESENT", "current", "Current", "now", "NOW", "today"),
        *("heute", "Heute", "aujourd'hui", "aujourd’hui", "actualidad", "atual", "oggi"),
        *("至今", "現在", "현재"),
        *("Présent", "Presente", "aktuell", "bis heute", "en cours", "ongoing"),
    ],
)
def test_present_in_any_case_and_every_locales_word(text: str) -> None:
    assert PartialDate.parse(text).present


def test_every_locales_month_names_parse_to_their_month() -> None:
    for locale in LOCALES.values():
        for names in (locale.months, locale.months_short):
            for number, name in enumerate(names, 1):
                if any(char.isdigit() for char in name):
                    continue  # CJK months are digits: 2019年4月 has its own form
                for spelling in (name, name.upper(), name.lower()):
                    assert PartialDate.parse(f"{spelling} 2020").month == number, (
                        locale.code,
                        spelling,
                    )


def test_no_month_spelling_means_two_months() -> None:
    """Names of every shipped locale are accepted in any résumé: only while none
    collides (``mar`` is March wherever it is a month)."""
    assert {word: months for word, months in MONTH_MEANINGS.items() if len(months) > 1} == {}
    assert MONTH_WORDS["mar"] == 3 and MONTH_WORDS["mai"] == 5 and MONTH_WORDS["set"] == 9


@pytest.mark.parametrize(
    "text",
    [
        "2023-13",
        "13/2023",
        "2023/13",
        "2023/0",
        "2023-02-00",
        "2023-02-32",
        "2019-04-01T24:00",
        "Summer 2021",
        "Apr 19",
        "April2019",
        "Aprill 2019",
        "2019 April",
        "٢٠٢٠",
        "２０１９",
        "2019年13月",
        "presently",
        "April\t2019",
    ],
)
def test_anything_else_is_an_error_listing_the_forms_briefly(text: str) -> None:
    with pytest.raises(ValueError) as exc:
        PartialDate.parse(text)
    message = str(exc.value)
    assert message.endswith(f"(expected {ACCEPTED_FORMS})")
    assert "janvier" not in message and len(ACCEPTED_FORMS) < 160


@pytest.mark.parametrize(("text", "dropped"), [("2024-09-31", 31), ("2023-02-29", 29)])
def test_an_impossible_day_means_its_month(text: str, dropped: int) -> None:
    parsed = PartialDate.parse(text)
    assert parsed.dropped_day == dropped
    assert parsed.day is None
    assert parsed.sort_key() == (parsed.year, parsed.month, 0)
    assert parsed.format("as_written") == text[:7]
    assert PartialDate.parse("2024-02-29").day == 29  # a leap year has it


def test_python_dates_and_datetimes_are_read_as_their_iso_text() -> None:
    """The loader keeps YAML scalars as text; a Python caller may pass date objects."""
    day = PartialDate._validate(dt.date(2011, 6, 1))
    moment = PartialDate._validate(dt.datetime(2019, 4, 1, 0, 0, tzinfo=dt.UTC))
    assert (day.text, day.form) == ("2011-06-01", "YYYY-MM-DD")
    assert (moment.year, moment.month, moment.day, moment.form) == (2019, 4, 1, "ISO date-time")
    work = Work.model_validate({"name": "W", "startDate": dt.date(2011, 6, 1)})
    assert work.startDate is not None and work.startDate.format() == "Jun 2011"


def test_design_date_format_choices_are_date_formats() -> None:
    assert typing.get_args(DateFormat) == DATE_FORMATS


def test_the_readme_lists_the_tables_forms() -> None:
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert readme_forms() in readme


# -- validation -------------------------------------------------------------------


def test_an_impossible_day_is_a_warning_at_the_field() -> None:
    document = load_text(
        "basics: {name: Ada}\nwork:\n  - name: W\n    startDate: 2023-02-29\n"
        "    endDate: 2024-09-31\n"
    )
    warnings = [w for w in validate(document).warnings if w.code == "impossible-day"]
    assert [(w.severity, w.path) for w in warnings] == [
        (Severity.WARNING, ("work", 0, "startDate")),
        (Severity.WARNING, ("work", 0, "endDate")),
    ]
    assert warnings[1].position is not None
    assert (warnings[1].position.line, warnings[1].position.column) == (5, 14)
    assert warnings[1].message == "September 2024 has no day 31; read as the month (2024-09)"


def test_an_impossible_day_is_compared_at_month_precision() -> None:
    """2024-09-31 to 2024-09-30 is not "end before start": both mean September."""
    document = load_text(
        "basics: {name: Ada}\nwork:\n  - {name: W, startDate: 2024-09-31, endDate: 2024-09-30}\n"
    )
    assert "date-order" not in {w.code for w in validate(document).warnings}


# -- printing ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en", "Jun 2011"),
        ("de", "Juni 2011"),
        ("fr", "juin 2011"),
        ("es", "jun. 2011"),
        ("pt", "jun. 2011"),
        ("it", "giu. 2011"),
        ("zh", "2011年6月"),
        ("ja", "2011年6月"),
        ("ko", "2011년 6월"),
    ],
)
def test_full_dates_print_as_the_locales_short_month(locale: str, expected: str) -> None:
    display = DateDisplay("auto", get_locale(locale))
    assert display.date(PartialDate.parse("2011-06-01")) == expected
    assert display.date(PartialDate.parse("2011-06-15T09:30:00+02:00")) == expected


@pytest.mark.parametrize(
    "text",
    [
        *("2019", "2019-04", "2021/07", "2024/3", "07/2021", "3/2024", "April 2019"),
        *("Apr. 2019", "avril 2019", "2019年4月", "2019년 4월"),
    ],
)
def test_every_other_form_prints_as_written(text: str) -> None:
    assert DateDisplay("auto", get_locale("de")).date(PartialDate.parse(text)) == text


def test_as_written_means_whitespace_made_one_and_an_impossible_day_left_out() -> None:
    display = DateDisplay()
    assert display.date(PartialDate.parse("April   2019")) == "April 2019"
    assert display.date(PartialDate.parse("2024-09-31")) == "Sep 2024"
    assert DateDisplay("as_written").date(PartialDate.parse("2024-09-31")) == "2024-09"


class _Entry(typing.NamedTuple):
    startDate: PartialDate | None
    endDate: PartialDate | None = None
    date: PartialDate | None = None


def _range(start: str, end: str | None, fmt: str = "auto", locale: str = "en") -> str:
    entry = _Entry(PartialDate.parse(start), PartialDate.parse(end) if end else None)
    return DateDisplay(fmt, get_locale(locale)).range(entry).text.replace("\u00a0", " ")


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2011-06-01", "2014-01-01", "Jun 2011 – Jan 2014"),
        ("2011-06-01", "2014-01-01T00:00:00", "Jun 2011 – Jan 2014"),
        # The end in another form follows the start's style ...
        ("2011-06-01", "2014-01", "Jun 2011 – Jan 2014"),
        ("2011-06-01", "January 2014", "Jun 2011 – Jan 2014"),
        ("09/2022", "2025-03-15", "09/2022 – 03/2025"),
        ("2019-04", "2021-06-30", "2019-04 – 2021-06"),
        ("2019/4", "2021-06", "2019/4 – 2021/6"),
        ("April 2019", "2021-06-30", "April 2019 – June 2021"),
        ("Apr. 2019", "2021-06", "Apr. 2019 – Jun 2021"),
        ("2019年4月", "2021-06", "2019年4月 – 2021年6月"),
        ("2019-04-01", "2024-09-31", "Apr 2019 – Sep 2024"),
        # ... as far as the end has the precision: a year stays a year.
        ("2011-06-01", "2014", "Jun 2011 – 2014"),
        ("2019", "2021-06-30", "2019 – 2021"),
        # The same form on both ends prints as written.
        ("April 2019", "mai 2021", "April 2019 – mai 2021"),
        ("2019/04", "2021/06", "2019/04 – 2021/06"),
        # No end, or any spelling of present, is the locale's word.
        ("2011-06-01", None, "Jun 2011 – Present"),
        ("2011-06-01", "current", "Jun 2011 – Present"),
        ("2011-06-01", "2011-06-01", "Jun 2011"),
        ("2011-06-01", "2011-06-30", "Jun 2011"),  # an end that prints as its start
        ("April 2019", "Apr. 2019", "April 2019"),
    ],
)
def test_a_range_follows_the_starts_style(start: str, end: str | None, expected: str) -> None:
    assert _range(start, end) == expected


def test_the_range_rule_and_present_follow_the_locale() -> None:
    assert _range("2011-06-01", "2014-01", locale="de") == "Juni 2011 – Jan. 2014"
    assert _range("2011-06-01", "now", locale="fr") == "juin 2011 – aujourd'hui"
    assert _range("2011-06-01", None, locale="ko") == "2011년 6월 – 현재"


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("as_written", "2011-06-01 – 2014"),
        ("YYYY", "2011 – 2014"),
        ("MM/YYYY", "06/2011 – 2014"),
        ("YYYY-MM", "2011-06 – 2014"),
        ("Mon YYYY", "Jun 2011 – 2014"),
        ("Month YYYY", "June 2011 – 2014"),
    ],
)
def test_design_date_format_still_overrides(fmt: str, expected: str) -> None:
    assert _range("2011-06-01", "2014", fmt) == expected


def test_a_date_range_is_plain_text_with_an_en_dash() -> None:
    dates = DateRange("Jun 2011", "Jan 2014")
    assert dates.parts == ("Jun 2011", "Jan 2014")
    assert str(dates) == "Jun 2011\u00a0\u2013\u00a0Jan 2014"
    assert DateRange("").text == ""


def _tex(text: str, template: str | None = None) -> str:
    return render_tex(text, template).source


def test_a_full_date_entry_renders_as_short_months() -> None:
    source = _tex(
        "basics: {name: A}\n"
        "work: [{name: W, startDate: 2011-06-01, endDate: 2014-01-01}]\n"
        "publications: [{name: P, releaseDate: 2020-03-15}]\n"
        "awards: [{title: T, date: '2019-04-01T00:00:00'}]\n"
    )
    assert r"\cvdate{Jun 2011~--~Jan 2014}" in source
    assert r"\cvdate{Mar 2020}" in source
    assert r"\cvdate{Apr 2019}" in source


def test_written_dates_are_escaped_and_the_strings_override_prints() -> None:
    source = _tex(
        "basics: {name: A}\nlocale: de\nstrings: {present: bis heute}\n"
        "work: [{name: W, startDate: 2011-06-01, endDate: current}]\n"
        "education: [{institution: U, date: 'Sommer 50% & mehr'}]\n"
    )
    assert r"\cvdate{Juni 2011~--~bis heute}" in source
    assert r"Sommer 50\% \& mehr" in source


def test_user_templates_keep_date_range_and_format_date(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text("description: mine\n", encoding="utf-8")
    (tmp_path / "resume.tex.j2").write_text(
        "\\BLOCK{for entry in resume.work}[\\VAR{date_range(entry)}|"
        "\\VAR{format_date(entry.startDate)}]\\BLOCK{endfor}\n",
        encoding="utf-8",
    )
    source = _tex(
        "basics: {name: A}\nwork: [{name: W, startDate: 2011-06-01, endDate: 2014}]\n",
        str(tmp_path),
    )
    assert "[Jun 2011~--~2014|Jun 2011]" in source


# -- end to end ------------------------------------------------------------------

REPORTED = """\
basics: {name: Ada Lovelace}
work:
  - {name: Impossible Day, startDate: 2024-09-31}
  - {name: Slash Month, startDate: 2021/07, endDate: 2024/3}
  - name: Date Time  # unquoted: the loader keeps it text, not a datetime
    startDate: 2019-04-01T00:00:00
    endDate: current
  - {name: Month Names, startDate: April 2019, endDate: '2020'}
  - {name: Short Months, startDate: Apr. 2019, endDate: Sept. 2020}
  - {name: French Month, startDate: avril 2019, endDate: 2020-02-01}
  - {name: Full Dates, startDate: 2011-06-01, endDate: 2014-01-01}
"""


@pytest.mark.tex
def test_the_reported_dates_build_and_print_well(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(REPORTED, encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(source)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "warning[impossible-day]" in result.output
    text = pdf_text(tmp_path / "cv.pdf")
    for shown in (
        "Sep 2024 – Present",
        "2021/07 – 2024/03",  # the end in the start's style
        "Apr 2019 – Present",
        "April 2019 – 2020",
        "Apr. 2019 – Sept. 2020",
        "avril 2019 – February 2020",
        "Jun 2011 – Jan 2014",
    ):
        assert shown in text, (shown, text)


@pytest.mark.parametrize("space", ["\u00a0", "\u2009", "\u202f"])
def test_a_date_copied_from_a_web_page_with_a_no_break_space_is_read(space: str) -> None:
    for text in (f"Jan{space}2019", f"2019년{space}4월", f"enero{space}de{space}2019"):
        date = PartialDate.parse(text)
        assert (date.year, date.month) == (2019, 4 if "년" in text else 1)
        assert SCHEMA_RE.fullmatch(text), text  # and an editor agrees


def test_a_slashed_day_says_how_to_write_it() -> None:
    with pytest.raises(ValueError) as caught:
        PartialDate.parse("01/04/2019")
    assert str(caught.value).endswith(
        "; for a day, write 01.04.2019 (day first) or 2019-01-04 (month first)"
    )
    with pytest.raises(ValueError, match=r"write 25\.04\.2019 \(day first\)$"):
        PartialDate.parse("25/04/2019")


def test_the_readme_shows_the_date_error_as_cvtex_prints_it() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    assert f'invalid date "2023-13" (expected {ACCEPTED_FORMS})' in readme


@pytest.mark.parametrize(
    "text", ["2019\u3000年4月", "2019年\u30004月", "2019-04\u00a0", "\u00a0present", "2019 년 4 월"]
)
def test_spaces_a_cjk_input_method_or_a_web_page_leave_are_read(text: str) -> None:
    PartialDate.parse(text)
    assert SCHEMA_RE.fullmatch(text), text  # and an editor agrees
