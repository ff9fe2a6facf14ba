"""``ignore: [code]`` accepts a known warning, at the top of the file or on one entry."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, pdf_text
from cvtex.build import BuildRequest, build
from cvtex.cli import cli
from cvtex.diagnostics import Diagnostic, Severity
from cvtex.errors import InputError
from cvtex.model.acknowledge import WARNING_CODES
from cvtex.model.validate import validate
from cvtex.reporter import Reporter
from cvtex.source.loader import load_text

TWO_INVERTED = """\
basics: {name: Ada}
work:
  - name: Kept
    startDate: 2020-01
    endDate: 2019-01
    ignore: [date-order]
  - name: Warned
    startDate: 2021-01
    endDate: 2020-01
"""


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def test_an_entry_accepts_its_own_warning_and_no_other_entry_s(tmp_path: Path) -> None:
    validated = validate(load_text(TWO_INVERTED, "cv.yaml"))
    by_entry = {d.path[:2]: d for d in validated.warnings}
    assert by_entry[("work", 0)].acknowledged
    assert by_entry[("work", 0)].severity is Severity.NOTE
    assert not by_entry[("work", 1)].acknowledged
    assert by_entry[("work", 1)].severity is Severity.WARNING


def test_strict_fails_only_on_the_warning_nobody_accepted() -> None:
    with pytest.raises(InputError) as exc:
        validate(load_text(TWO_INVERTED, "cv.yaml"), strict=True)
    errors = [d for d in exc.value.diagnostics if d.severity is Severity.ERROR]
    assert [d.path for d in errors] == [("work", 1, "endDate")]


def test_a_top_level_ignore_accepts_the_code_everywhere() -> None:
    text = "ignore: [date-order]\n" + TWO_INVERTED
    validated = validate(load_text(text, "cv.yaml"), strict=True)
    assert all(d.acknowledged for d in validated.warnings)


def test_a_bullet_may_accept_its_own_warning() -> None:
    text = (
        "basics: {name: Ada}\nwork:\n  - name: W\n    highlights:\n"
        "      - text: see [here](notalink)\n        ignore: [not-a-link]\n"
    )
    (accepted,) = validate(load_text(text, "cv.yaml"), strict=True).warnings
    assert accepted.code == "not-a-link" and accepted.acknowledged


def test_accepted_warnings_are_not_printed_but_the_json_report_keeps_them(
    tmp_path: Path,
) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(TWO_INVERTED, encoding="utf-8")
    code, _, stderr = run("validate", source)
    assert code == 0
    assert stderr.count("warning[date-order]") == 1 and ":9:" in stderr  # only "Warned"
    code, stdout, _ = run("validate", "--format", "json", source)
    report = json.loads(stdout)
    accepted = [d for d in report["diagnostics"] if d["acknowledged"]]
    assert [(d["code"], d["severity"], d["line"]) for d in accepted] == [("date-order", "note", 5)]


def test_a_misspelt_code_is_a_located_warning_with_a_suggestion(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(TWO_INVERTED.replace("[date-order]", "[date-ordr]"), encoding="utf-8")
    code, _, stderr = run("validate", source)
    assert code == 0
    assert f"{source}:6:14: warning[unknown-code]" in stderr
    assert 'did you mean "date-order"?' in stderr
    assert stderr.count("warning[date-order]") == 2  # the typo accepted nothing
    code, _, _ = run("validate", "--strict", source)
    assert code == 1


def test_an_error_cannot_be_accepted(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(
        "ignore: [link-refused]\nbasics: {name: Ada, url: 'javascript:alert(1)'}\n",
        encoding="utf-8",
    )
    code, _, stderr = run("validate", source)
    assert code == 1
    assert "error[link-refused]" in stderr
    assert "errors cannot be ignored" in stderr


def test_a_code_with_nothing_to_accept_gets_a_note(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(TWO_INVERTED.replace("[date-order]", "[date-order, date-future]"), "utf-8")
    code, _, stderr = run("validate", "--strict", source.as_posix())
    assert code == 1  # "Warned" still fails --strict
    assert f"{source}:6:26: note[unused-ignore]" in stderr
    assert 'nothing here gives warning "date-future"' in stderr


@pytest.mark.tex
def test_the_accepted_range_still_prints_as_written(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(TWO_INVERTED, encoding="utf-8")
    report = build(BuildRequest(source=source, strict=False))
    text = pdf_text(report.outputs[0])
    assert "Jan 2020 – Jan 2019" in text or "2020-01 – 2019-01" in text
    assert "ignore" not in text and "date-order" not in text


@pytest.mark.tex
def test_a_warning_found_by_the_tex_run_can_be_accepted(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(
        "basics: {name: Ada}\nwork:\n  - name: W\n    ignore: [overfull]\n    highlights:\n"
        "      - " + "Unbreakable" * 20 + "\n",
        encoding="utf-8",
    )
    report = build(BuildRequest(source=source, strict=True))
    (accepted,) = report.warnings
    assert accepted.code == "overfull" and accepted.acknowledged


def test_the_readme_lists_every_warning_code() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme[readme.index("### Warnings, codes") :]
    section = section[: section.index("\n### ", 1)]
    listed = set(re.findall(r"`([a-z]+(?:-[a-z]+)*)`", section))
    assert set(WARNING_CODES) <= listed


def test_basics_and_a_custom_section_may_accept_their_warnings() -> None:
    text = (
        "basics: {name: Ada, email: ada@example, ignore: [not-a-link]}\n"
        "sections:\n  talks:\n    title: Talks\n    ignore: [date-order]\n"
        "    entries:\n      - {title: T, startDate: 2020-01, endDate: 2019-01}\n"
    )
    accepted = validate(load_text(text, "cv.yaml"), strict=True).warnings
    assert sorted(d.code or "" for d in accepted if d.acknowledged) == ["date-order", "not-a-link"]


def test_ignore_where_it_is_not_read_says_where_it_is(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text("basics:\n  name: Ada\n  location: {city: X, ignore: [x]}\n", "utf-8")
    _, _, stderr = run("validate", source)
    assert 'basics.location.ignore: unknown key "ignore"' in stderr
    assert "ignore: is read at the top of the file, on basics" in stderr


def test_the_reporter_is_the_one_rule_for_strict_and_ignore() -> None:
    document = load_text("work:\n  - name: X\n    ignore: [overfull]\n", "cv.yaml")
    inside = Diagnostic(Severity.WARNING, "wide", ("work", 0, "name"), None, "cv.yaml", "overfull")
    outside = Diagnostic(Severity.WARNING, "wide", ("basics", "name"), None, "cv.yaml", "overfull")
    note = Diagnostic(Severity.NOTE, "engine", (), None, None, "engine-choice")
    strict = Reporter.for_document(document, strict=True)
    accepted, escalated, kept = strict.settle_all([inside, outside, note, inside])
    assert (accepted.severity, accepted.acknowledged) == (Severity.NOTE, True)
    assert escalated.severity is Severity.ERROR
    assert escalated.message == "wide (an error under --strict)"
    assert kept == note
    assert Reporter.for_document(document).settle(outside) == outside
    with pytest.raises(InputError) as raised:
        strict.check([note, outside], document)
    assert [d.severity for d in raised.value.diagnostics] == [Severity.ERROR, Severity.NOTE]
