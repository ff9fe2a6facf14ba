"""Loading YAML/JSON: positions, strings as written, and every refusal."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cvtex.diagnostics import Position
from cvtex.errors import InputError
from cvtex.source.limits import MAX_DEPTH, MAX_INPUT_BYTES
from cvtex.source.loader import load_file, load_text


def messages(exc: pytest.ExceptionInfo[InputError]) -> list[str]:
    return [d.message for d in exc.value.diagnostics]


def test_every_key_and_value_keeps_its_line_and_column() -> None:
    doc = load_text("basics:\n  name: Ada\nwork:\n  - name: X\n    startDate: 2020-01\n")
    assert doc.source_map[("basics", "name")].value == Position(2, 9)
    assert doc.source_map[("basics", "name")].key == Position(2, 3)
    assert doc.source_map[("work", 0, "startDate")].value == Position(5, 16)
    assert doc.position_of(("work", 0, "missing")) == Position(4, 5)


def test_scalars_stay_the_strings_the_user_wrote() -> None:
    doc = load_text("a: no\nb: 2024-01-01\nc: 09/2022\nd: 3.10\ne: on\nf: 0x1F\ng:\nh: ~\n")
    assert doc.data == {
        "a": "no",
        "b": "2024-01-01",
        "c": "09/2022",
        "d": "3.10",
        "e": "on",
        "f": "0x1F",
        "g": None,
        "h": None,
    }


def test_quoted_null_is_a_string() -> None:
    assert load_text('a: "null"\n').data == {"a": "null"}


def test_json_goes_through_the_same_path_with_positions() -> None:
    doc = load_text('{\n  "basics": {\n    "name": "Ada"\n  }\n}\n')
    assert doc.data == {"basics": {"name": "Ada"}}
    assert doc.source_map[("basics", "name")].value == Position(3, 13)


def test_duplicate_keys_are_reported_at_the_repeat_with_the_first_line() -> None:
    with pytest.raises(InputError) as exc:
        load_text("basics:\n  name: A\n  name: B\n")
    (diagnostic,) = exc.value.diagnostics
    assert diagnostic.position == Position(3, 3)
    assert diagnostic.message == 'duplicate key "name" (first defined on line 2)'


def test_aliases_work() -> None:
    doc = load_text("x: &city Shanghai\ny: *city\n")
    assert doc.data == {"x": "Shanghai", "y": "Shanghai"}


def test_billion_laughs_fails_fast() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [{', '.join(['*' + prev] * 9)}]")
    with pytest.raises(InputError) as exc:
        load_text("\n".join(lines) + "\n")
    assert "alias expansion exceeds" in messages(exc)[0]


def test_deep_nesting_is_refused_while_parsing() -> None:
    text = "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    with pytest.raises(InputError) as exc:
        load_text(text)
    assert f"nesting deeper than {MAX_DEPTH} levels" in messages(exc)[0]


def test_oversized_input_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: [" + b"1," * (MAX_INPUT_BYTES // 2) + b"]\n")
    with pytest.raises(InputError) as exc:
        load_file(path)
    assert "larger than 8 MiB" in messages(exc)[0]


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file"),
        (b"basics:\n  name: \xff\xfe\n", "not valid UTF-8"),
        (b"", "the file is empty"),
        (b"   \n\n", "the file is empty"),
        (b"- a\n- b\n", "top level must be a mapping"),
        (b"just text\n", "top level must be a mapping"),
        (b"a: [1,\n", "invalid YAML"),
        (b"a: b\n---\nc: d\n", "invalid YAML"),
    ],
)
def test_bad_files_get_a_clear_message(tmp_path: Path, payload: bytes, expected: str) -> None:
    path = tmp_path / "resume.yaml"
    path.write_bytes(payload)
    with pytest.raises(InputError) as exc:
        load_file(path)
    assert expected in messages(exc)[0]
    assert all(d.file == str(path) for d in exc.value.diagnostics)


def test_invalid_utf8_is_located(tmp_path: Path) -> None:
    path = tmp_path / "resume.yaml"
    path.write_bytes(b"basics:\n  name: \xff\n")
    with pytest.raises(InputError) as exc:
        load_file(path)
    assert exc.value.diagnostics[0].position == Position(2, 9)


def test_a_byte_order_mark_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "resume.yaml"
    path.write_bytes("\ufeffbasics:\n  name: Ada\n".encode())
    assert load_file(path).data == {"basics": {"name": "Ada"}}


_keys = st.text(alphabet="abcdefghij", min_size=1, max_size=6)
_scalars = (
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789 ", min_size=1, max_size=12)
    .map(str.strip)
    .filter(bool)
)
_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, min_size=1, max_size=3)
        | st.dictionaries(_keys, inner, min_size=1, max_size=3)
    ),
    max_leaves=10,
)


@given(st.dictionaries(_keys, _values, min_size=1, max_size=4))
def test_any_safe_dump_loads_back_as_strings(data: dict[str, object]) -> None:
    import yaml

    text = yaml.safe_dump(data, default_style='"', allow_unicode=True)
    assert load_text(text).data == data


def test_json_surrogate_pairs_become_one_character() -> None:
    doc = load_text('{"basics": {"name": "Ada \\ud83d\\ude80"}}', "cv.json")
    assert doc.data == {"basics": {"name": "Ada 🚀"}}


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_a_utf16_file_with_its_byte_order_mark_is_read(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "cv.yaml"
    path.write_bytes("\ufeffbasics:\r\n  name: Zoë Ł\r\n".encode(codec))
    document = load_file(path)
    assert document.data == {"basics": {"name": "Zoë Ł"}}


def test_a_file_that_only_starts_like_utf16_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "cv.yaml"
    path.write_bytes(b"\xff\xfeb\x00a")  # an odd number of bytes
    with pytest.raises(InputError) as caught:
        load_file(path)
    [error] = caught.value.diagnostics
    assert error.message == "the file starts as UTF-16 but is not; save it as UTF-8"


def test_a_hash_glued_to_a_word_after_a_value_is_kept_as_a_cut_comment() -> None:
    document = load_text(
        "basics:\n  label: Engineer #1 in team\n  name: Ada  # a real comment\n"
        "  summary: 'quoted #kept'\n  url: https://x.org/#frag\n",
        "cv.yaml",
    )
    assert document.data["basics"]["label"] == "Engineer"
    assert document.cut_comments == ((("basics", "label"), "#1 in team"),)


def test_json_has_no_comments_to_cut() -> None:
    assert load_text('{"basics": {"label": "a #b"}}', "cv.json").cut_comments == ()
