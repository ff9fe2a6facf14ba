"""``cvtex import``: RenderCV and JSON Resume files in, commented cvtex YAML out.

The YAML writer first: whatever text it is given, the loader must read back exactly
that text, in every place a string can stand (a value, a key, a list item, a flow
list), and nothing in a comment may escape it.
"""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st

from cvtex.loader import load_text
from cvtex.yaml_writer import Commented, Remark, dump, is_plain_safe, plain_data, scalar

# Every character but surrogates, which no text read from a file can hold.
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
TRICKY = st.sampled_from(
    [
        "",
        " ",
        "~",
        "null",
        "Null",
        "true",
        "no",
        "2021",
        "2021-09-01",
        "0x1F",
        ".inf",
        "<<",
        "=",
        "- item",
        "-",
        "---",
        "...",
        "? key",
        ": value",
        "a: b",
        "C# #1",
        "value #comment",
        "# heading",
        "&anchor",
        "*alias",
        "!!python/object:os.system",
        "!tag",
        "|",
        ">",
        "%TAG",
        "@user",
        "`tick`",
        "'single'",
        '"double"',
        "{a: b}",
        "[a, b]",
        "50% \\& $x_1$ ^ ~ {}",
        "line\nbreak",
        "trailing ",
        " leading",
        "tab\there",
        "\u2028\u2029\x85",
        "\u202eevil",
        "\ufeffbom",
        "\x00\x07\x1b",
        "naïve 中文 🚀",
    ]
)
STRINGS = st.one_of(TEXT, TRICKY)


def _read(text: str) -> Any:
    return load_text(text, "written.yaml").data


@given(STRINGS)
def test_every_string_reads_back_as_itself_as_a_value(text: str) -> None:
    assert _read(dump({"key": text})) == {"key": text}


@given(STRINGS, STRINGS)
def test_every_string_reads_back_as_itself_as_a_key(key: str, value: str) -> None:
    assert _read(dump({"outer": {key: value}})) == {"outer": {key: value}}


@given(st.lists(STRINGS, max_size=6))
def test_every_list_of_strings_reads_back_block_or_flow(items: list[str]) -> None:
    assert _read(dump({"items": items})) == {"items": items}


@given(st.lists(STRINGS, max_size=4), STRINGS)
def test_comments_never_change_what_is_read(notes: list[str], text: str) -> None:
    tree = {
        Remark(tuple(notes)): None,
        "entries": [Commented({"title": text, Remark(tuple(notes)): None}, tuple(notes))],
        "basics": Commented({"name": text}, tuple(notes)),
    }
    written = dump(tree, header=notes)
    assert _read(written) == plain_data(tree)
    for line in written.splitlines():
        assert "\r" not in line and "\u2028" not in line and "\x85" not in line


NESTED = st.recursive(
    st.one_of(st.none(), STRINGS),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(STRINGS, inner, max_size=3)
    ),
    max_leaves=12,
)


@given(st.dictionaries(STRINGS, NESTED, max_size=4))
def test_nested_data_reads_back_exactly(data: dict[str, Any]) -> None:
    assert _read(dump(data)) == data


def test_plain_only_where_yaml_reads_nothing_else() -> None:
    assert scalar("John Doe") == "John Doe"
    assert scalar("C++, Rust") == "C++, Rust"
    assert scalar("2021") == '"2021"'
    assert scalar("null") == '"null"'
    assert scalar(None) == "null"
    assert scalar("a: b") == '"a: b"'
    assert scalar("x\u202ey") == '"x\\u202ey"'
    assert not is_plain_safe("!!python/object/apply:os.system")


@given(st.dictionaries(STRINGS, NESTED, max_size=4))
def test_the_writer_writes_no_anchor_alias_or_tag(data: dict[str, Any]) -> None:
    for event in yaml.parse(dump(data)):
        assert not isinstance(event, yaml.AliasEvent), event
        assert getattr(event, "anchor", None) is None, event
        assert getattr(event, "tag", None) is None, event


def test_hostile_looking_text_is_quoted() -> None:
    written = dump({"a": "&x", "b": "*x", "c": "!!python/name:os.system", "d": ["!x", "&y"]})
    assert written == (
        'a: "&x"\n\nb: "*x"\n\nc: "!!python/name:os.system"\n\nd:\n  - "!x"\n  - "&y"\n'
    )
