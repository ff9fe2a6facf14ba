"""Bounded input: every limit is enforced while parsing, named in its message and
located where it was crossed; odd files and raw control characters are refused."""

from __future__ import annotations

import contextlib
import os
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from cvtex.cli import cli
from cvtex.diagnostics import Position
from cvtex.errors import InputError, UsageProblem
from cvtex.source.limits import LIMITS, Limits
from cvtex.source.loader import load_file, load_text
from cvtex.source.text import MAX_CONTROL_REPORTS

SMALL = Limits(max_nodes=50, max_items=10, max_aliases=3, max_scalar_chars=20, max_depth=4)


def refusal(text: str, limits: Limits = SMALL, filename: str = "cv.yaml") -> InputError:
    with pytest.raises(InputError) as exc:
        load_text(text, filename, limits)
    return exc.value


def only(error: InputError) -> tuple[str, Position | None]:
    (diagnostic,) = error.diagnostics
    return diagnostic.message, diagnostic.position


def test_items_in_one_list_are_counted_and_the_next_one_is_blamed() -> None:
    text = "x: [" + ",".join(["1"] * 11) + "]\n"
    assert only(refusal(text)) == (
        "more than 10 items in one list (the limit is 10)",
        Position(1, 5 + 2 * 10),
    )


def test_keys_in_one_mapping_are_counted() -> None:
    text = "".join(f"k{i}: v\n" for i in range(11))
    assert only(refusal(text)) == (
        "more than 10 keys in one mapping (the limit is 10)",
        Position(11, 1),
    )


def test_values_in_the_file_are_counted() -> None:
    text = "".join(f"k{i}: [1, 2, 3, 4, 5, 6, 7, 8]\n" for i in range(6))
    message, position = only(refusal(text))
    assert message == "the file has more than 50 values (the limit is 50)"
    assert position is not None and position.line == 5


def test_alias_expansion_has_its_own_accurate_message() -> None:
    text = "a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9]\nb: [*a, *a]\nc: [*a, *a]\n"
    message, position = only(refusal(text, Limits(max_nodes=40)))
    assert message == (
        "alias expansion exceeds the limit of 40 values (a 'billion laughs' document?)"
    )
    assert position == Position(3, 5)


def test_billion_laughs_fails_fast_with_the_default_limits() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [{', '.join(['*' + prev] * 9)}]")
    started = time.perf_counter()
    message, _ = only(refusal("\n".join(lines) + "\n", LIMITS))
    assert time.perf_counter() - started < 1
    assert message.startswith(f"alias expansion exceeds the limit of {LIMITS.max_nodes} values")


def test_a_self_referring_alias_is_an_error_not_a_hang() -> None:
    message, _ = only(refusal("a: &a [1, *a]\n", LIMITS))
    assert message == "an alias refers to itself"


def test_alias_uses_are_counted() -> None:
    message, position = only(refusal("a: &a x\nb: [*a, *a, *a, *a]\n"))
    assert message == "more than 3 aliases (the limit is 3)"
    assert position == Position(2, 17)


def test_long_scalars_and_keys_are_refused() -> None:
    assert only(refusal("a: " + "x" * 21 + "\n")) == (
        "a value longer than 20 characters (the limit is 20)",
        Position(1, 4),
    )
    assert only(refusal("k" * 21 + ": v\n"))[1] == Position(1, 1)


def test_depth_counts_lists_and_mappings() -> None:
    assert load_text("a: [[[1]]]\n", "cv.yaml", SMALL).data == {"a": [[["1"]]]}
    assert only(refusal("a: [[[[1]]]]\n")) == (
        "nesting deeper than 4 levels (the limit is 4)",
        Position(1, 7),
    )


def test_the_default_limits_are_the_documented_ones() -> None:
    assert (
        Limits(
            max_bytes=8 * 1024 * 1024,
            max_depth=64,
            max_nodes=250_000,
            max_items=10_000,
            max_aliases=10_000,
            max_scalar_chars=100_000,
        )
        == LIMITS
    )
    docs = (Path(__file__).resolve().parents[1] / "docs" / "security.md").read_text()
    for number in ("8 MiB", "64 levels", "250 000", "10 000", "100 000"):
        assert number in docs


def _work_entry(i: int) -> str:
    return f"""  - name: Company number {i}
    position: Senior Software Engineer
    location: London, UK
    startDate: 2019-0{1 + i % 9}
    endDate: 2021-0{1 + i % 9}
    summary: Worked on distributed systems and data pipelines for team {i}.
    highlights:
      - Reduced latency of the main service by 40% via caching and batching
      - Led a team of 5 engineers through a migration to Kubernetes
      - Designed the **event sourcing** architecture used by 12 services
      - Mentored junior developers and ran the weekly reading group
      - Wrote the [runbook](https://example.com/runbook) for on-call rotation
"""


def test_a_5000_entry_resume_stays_under_half_of_every_limit() -> None:
    """Measured on 50 entries (parsing 5000 in pure Python takes seconds): if 50 fit
    in 1/200 of the value limit, 5000 fit in half of it."""
    text = "basics:\n  name: Ada\nwork:\n" + "".join(_work_entry(i) for i in range(50))
    scaled = Limits(max_nodes=LIMITS.max_nodes // 200)
    assert len(load_text(text, "cv.yaml", scaled).data["work"]) == 50
    assert LIMITS.max_items // 2 >= 5000
    assert len(text.encode()) * 100 < LIMITS.max_bytes // 2


@pytest.mark.parametrize("entry", ["1,", "{},"])
def test_a_7_mib_flat_list_is_refused_in_well_under_a_second(tmp_path: Path, entry: str) -> None:
    path = tmp_path / "big.yaml"
    count = 7 * 1024 * 1024 // len(entry)
    path.write_text("x: [" + entry * count + "1]\n")
    started = time.perf_counter()
    with pytest.raises(InputError) as exc:
        load_file(path)
    elapsed = time.perf_counter() - started
    assert only(exc.value)[0] == "more than 10000 items in one list (the limit is 10000)"
    assert elapsed < 3, f"took {elapsed:.2f}s"  # about 0.4 s; slack for a busy machine


def test_a_block_list_of_tiny_entries_is_located_at_the_first_one_too_many() -> None:
    text = "work:\n" + "- {}\n" * 12
    assert only(refusal(text)) == (
        "more than 10 items in one list (the limit is 10)",
        Position(12, 3),
    )


# --- files that are not regular files ---------------------------------------------


def _load_within(path: Path, seconds: float = 5) -> BaseException | None:
    """Run load_file in a daemon thread so a blocking open fails the test, not hangs it."""
    outcome: list[BaseException | None] = []

    def target() -> None:
        try:
            load_file(path)
            outcome.append(None)
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert outcome, f"load_file({path}) blocked for {seconds}s"
    return outcome[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "resume.yaml"
    os.mkfifo(fifo)
    error = _load_within(fifo)
    assert isinstance(error, UsageProblem)
    assert str(error) == f"{fifo} is a named pipe, not a file; give cvtex a YAML or JSON file"


def test_a_folder_is_refused(tmp_path: Path) -> None:
    error = _load_within(tmp_path)
    assert isinstance(error, UsageProblem)
    assert "is a folder" in str(error)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_refused_without_reading_it() -> None:
    error = _load_within(Path("/dev/zero"))
    assert isinstance(error, UsageProblem)
    assert str(error).startswith("/dev/zero is a device")


def test_a_missing_or_unreadable_file_is_a_usage_problem(tmp_path: Path) -> None:
    with pytest.raises(UsageProblem, match="cannot read"):
        load_file(tmp_path / "missing.yaml")


def test_a_symlink_to_a_regular_file_is_fine(tmp_path: Path) -> None:
    (tmp_path / "real.yaml").write_text("basics:\n  name: Ada\n")
    (tmp_path / "link.yaml").symlink_to(tmp_path / "real.yaml")
    assert load_file(tmp_path / "link.yaml").data == {"basics": {"name": "Ada"}}


def test_the_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:
        handle.truncate(LIMITS.max_bytes + 1)  # sparse: nothing to read in the first place
    with pytest.raises(InputError) as exc:
        load_file(path)
    assert "larger than 8 MiB" in only(exc.value)[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_the_cli_exits_2_on_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "resume.yaml"
    os.mkfifo(fifo)
    outcome: list[int] = []
    thread = threading.Thread(
        target=lambda: outcome.append(CliRunner().invoke(cli, ["validate", str(fifo)]).exit_code),
        daemon=True,
    )
    thread.start()
    thread.join(10)
    assert outcome == [2]


# --- raw control characters ------------------------------------------------------


def test_a_control_character_is_named_and_located() -> None:
    error = refusal('basics:\n  name: "Ada\x07"\n', LIMITS)
    assert only(error) == ("control character U+0007 (BEL); remove it", Position(2, 13))


def test_every_control_character_is_reported_at_once_in_yaml_and_json() -> None:
    error = refusal("a: x\x1b[31m\nb: \x7f\r\nc: \x85d\n", LIMITS)
    assert [(d.message, d.position) for d in error.diagnostics] == [
        ("control character U+001B (ESC); remove it", Position(1, 5)),
        ("control character U+007F (DEL); remove it", Position(2, 4)),
        ("control character U+0085 (NEL); remove it", Position(3, 4)),
    ]
    error = refusal('{\n\t"a": "x\x01",\n\t"b": "\x9b"\n}\n', LIMITS, "cv.json")
    assert [d.position for d in error.diagnostics] == [Position(2, 9), Position(3, 8)]
    assert "U+009B (CSI)" in error.diagnostics[1].message


def test_the_list_of_control_characters_is_bounded() -> None:
    error = refusal("a: " + "\x07" * 50 + "\n", LIMITS)
    assert len(error.diagnostics) == MAX_CONTROL_REPORTS + 1
    assert error.diagnostics[-1].message == "30 more control character(s) not listed"


def test_the_printed_line_shows_a_symbol_instead_of_the_raw_character() -> None:
    rendered = refusal("a: \x1b[2Jx\n", LIMITS).render()
    assert "\x1b" not in rendered
    assert "    1 | a: \u241b[2Jx\n      |    ^" in rendered


def test_a_nul_after_the_first_bytes_is_a_control_character(tmp_path: Path) -> None:
    path = tmp_path / "cv.yaml"
    path.write_bytes(b"a: " + b"x" * 9000 + b"\x00\n")
    with pytest.raises(InputError) as exc:
        load_file(path)
    assert only(exc.value) == ("control character U+0000 (NUL); remove it", Position(1, 9004))


def test_tabs_and_line_endings_are_fine() -> None:
    assert load_text('a: "x\ty"\r\nb: z\rc: w\n').data == {"a": "x\ty", "b": "z", "c": "w"}


def test_escaped_control_characters_are_data_and_build(tmp_path: Path) -> None:
    """Escapes are not raw characters: they load as data, then the content rules
    refuse them at their fields (never a crash)."""
    assert load_text('a: "x\\u0007\\e\\x85y"\n').data == {"a": "x\x07\x1b\x85y"}
    source = tmp_path / "cv.yaml"
    source.write_text(
        'basics:\n  name: "Ada\\u0007\\e[31m"\n  label: "\\0\\x9b"\n'
        'work:\n  - name: "X\\x7f"\n    position: P\n    startDate: "2020\\u0007"\n'
        '    highlights: ["a\\u0085b"]\n'
    )
    result = CliRunner().invoke(cli, ["build", "--tex-only", str(source), "-o", str(tmp_path)])
    # Escaped or not, a control character in text is refused at its field (cvtex.source.content).
    assert result.exit_code == 1, result.output
    for field in ("basics.name", "basics.label", "work[0].name", "work[0].highlights[0]"):
        assert f"error[control-char]: {field}:" in result.output
    assert "startDate" in result.output
    assert not (tmp_path / "cv.tex").exists()


_ANY_TEXT = st.text(
    alphabet=st.sampled_from([*list("ab: -[]{},&*!|>'\"#\n\t\r\\"), "\x07", "\x85", "\x1b"]),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(_ANY_TEXT)
def test_any_text_loads_or_is_an_input_error(text: str) -> None:
    with contextlib.suppress(InputError):
        load_text(text, "cv.yaml", SMALL)
