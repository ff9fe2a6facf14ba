"""Every error located: YAML and JSON syntax errors at the mistake, in plain words.

Each case runs ``cvtex validate`` and checks the ``file:line:col`` prefix, the source
line with its caret, and the explanation (:mod:`cvtex.source.yaml_hints`).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st

from cvtex.cli import cli
from cvtex.errors import InputError
from cvtex.exit_status import ExitStatus
from cvtex.source.loader import load_text


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def caret_block(source: str, line: int, column: int) -> str:
    """The source line and the caret under ``column``, as the formatter prints them."""
    shown = source.splitlines()[line - 1].expandtabs(1)
    return f"{line:>5} | {shown}\n      | {' ' * (column - 1)}^"


# (file text, line, column, words of the explanation); the file is cv.yaml
YAML_CASES = {
    "colon_in_value": (
        "basics:\n  name: Ada: Lovelace\n",
        2,
        12,
        'a value that holds ": " must be in quotes: name: "Ada: Lovelace"',
    ),
    "colon_in_list_item_value": (
        "work:\n  - name: Acme: Inc\n",
        2,
        15,
        'must be in quotes: name: "Acme: Inc"',
    ),
    "missing_space_after_dash": (
        "work:\n  -name: x\n  - name: y\n",
        2,
        3,
        '"-name: x" has no space after the "-", so it is not read as a list item; '
        'write "- name: x"',
    ),
    "missing_space_after_a_later_dash": (
        "work:\n  - name: y\n  -name: x\n",
        3,
        3,
        'write "- name: x"',
    ),
    "tab_indentation": (
        "basics:\n\tname: Ada\n",
        2,
        1,
        "a tab in the indentation; YAML indents with spaces only: replace it with spaces",
    ),
    "tab_after_a_key": (
        "basics:\n  name:\tAda\n",
        2,
        8,
        'a tab after the ":"; YAML separates it from the value with spaces only',
    ),
    "tab_after_a_dash": ("skills:\n  -\tPython\n", 2, 4, 'a tab after the "-"'),
    "tab_inside_a_value": (
        "basics:\n  name: Ada\tLovelace\n",
        2,
        12,
        "a tab in a value without quotes; replace it with a space, or quote the value",
    ),
    "unclosed_double_quote": (
        'basics:\n  name: "Ada\n',
        2,
        9,
        'this " is never closed; add the closing " after the value',
    ),
    "unclosed_single_quote": (
        "basics:\n  name: 'Ada\n",
        2,
        9,
        "this ' is never closed",
    ),
    "quote_closed_on_a_later_line": (
        'basics:\n  name: "Ada\n  label: "Engineer"\n',
        2,
        9,
        'this " is not closed on its line, so the value runs on to line 3',
    ),
    "text_after_a_closing_quote": (
        "basics:\n  name: 'Ada's'\n",
        2,
        14,
        "text after the closing ' of a quoted value; for a ' inside the value write it twice ('')",
    ),
    "unclosed_bracket_at_the_end": (
        "basics:\n  name: Ada\nskills: [a, b\n",
        3,
        9,
        'this "[" is never closed; end the list with "]", or quote the value if the "[" is text',
    ),
    "unclosed_bracket_before_a_key": (
        "skills: [a, b\nbasics: {name: Ada}\n",
        1,
        9,
        'this "[" is not closed before line 2; end the list with "]"',
    ),
    "unclosed_brace": (
        "basics: {name: Ada\nwork: []\n",
        1,
        9,
        'this "{" is not closed before line 2; end the mapping with "}"',
    ),
    "no_space_after_a_colon": (
        "basics:\n  name:Ada\n  label: Engineer\n",
        2,
        7,
        '"name:Ada" has no space after its ":", so it is text, not a key and a value, '
        'and the next line is read as more of it; write "name: Ada"',
    ),
    "no_colon_after_a_key": (
        "basics\n  name: Ada\n",
        1,
        7,
        '"basics" on line 1 has no ":" after it, so this line is read as more of its text; '
        'write "basics:"',
    ),
    "key_indented_under_a_value": (
        "work:\n  - name: x\n     position: y\n",
        3,
        6,
        'this line is indented more than "name" on line 2, so it is read as more of that '
        'value; line it up with "name" on line 2 (4 spaces)',
    ),
    "key_indented_between_columns": (
        "work:\n  - name: x\n   position: y\n",
        3,
        4,
        "this line is indented by 3 spaces, which lines up with no line above it; line it up "
        'with "name" on line 2 (4 spaces), or with "-" on line 2 (2 spaces)',
    ),
    "list_item_indented_between_columns": (
        "work:\n  - name: x\n    highlights:\n      - a\n     - b\n",
        5,
        6,
        'line it up with "-" on line 4 (6 spaces), or with "highlights" on line 3 (4 spaces)',
    ),
    "top_level_key_indented": (
        "basics:\n  name: Ada\n work: []\n",
        3,
        2,
        'line it up with "name" on line 2 (2 spaces), or with "basics" on line 1 (no indentation)',
    ),
    "key_in_line_with_the_dashes": (
        "work:\n  - name: x\n  position: y\n",
        3,
        3,
        'this key is in line with the "-" of the list item on line 2, so it belongs to no '
        'item; indent it by 4 spaces, like "name", to add it to that item, or write '
        '"- position: y" to start a new one',
    ),
    "list_item_among_keys": (
        "skills:\n  - name: Web\n    level: good\n    - HTML\n",
        4,
        5,
        'a list item in line with the key "name" on line 2; a list cannot stand beside keys',
    ),
    "list_on_the_line_of_its_key": (
        "skills:\n  - keywords: - Python\n",
        2,
        15,
        "a list cannot start on the line of its key; put each item on a line of its own, "
        'indented below the key "keywords"',
    ),
    "line_without_a_colon": (
        "basics:\n  name: Ada\n  Lovelace\n",
        3,
        3,
        'this line is neither "key: value" nor a "- " list item (it has no ":")',
    ),
    "block_text_not_indented": (
        "basics:\n  summary: |\n  I build engines.\n",
        3,
        3,
        'the text of the "|" on line 2 must be indented more than "summary"; indent this line',
    ),
    "value_starting_with_a_bracket": (
        "basics:\n  summary: [WIP] engines\n",
        2,
        18,
        'a value that starts with "[" is read as a list, and text follows its closing "]"; '
        'put the whole value in quotes: summary: "[WIP] engines"',
    ),
    "value_starting_with_a_star": (
        "basics:\n  name: *Ada*\n",
        2,
        9,
        'a value that starts with "*" is read as an alias (a reference to an &anchor); put '
        'the value in quotes: name: "*Ada*"',
    ),
    "value_starting_with_an_at": (
        "basics:\n  name: '@ada'\n  label: @ada\n",
        3,
        10,
        'a value cannot start with "@"; put the value in quotes: label: "@ada"',
    ),
    "backslash_in_double_quotes": (
        'basics:\n  name: "C:\\Users\\ada"\n',
        2,
        12,
        'in double quotes a "\\" starts an escape such as "\\n"; write "\\\\" for a '
        "backslash, or use single quotes: name: 'C:\\Users\\ada'",
    ),
    "a_second_document": (
        "basics:\n  name: Ada\n---\nwork: []\n",
        3,
        1,
        'a "---" line starts a second document, and a résumé is one; remove it',
    ),
    "stray_closing_brace": (
        "basics:\n  name: Ada\n}\n",
        3,
        1,
        'this "}" closes nothing, no "{" is open here; remove it',
    ),
}

# the file is cv.json
JSON_CASES = {
    "missing_comma_at_a_line_end": (
        '{\n  "basics": {\n    "name": "Ada"\n    "email": "ada@example.com"\n  }\n}\n',
        3,
        18,
        'a "," is missing here, between two entries of the mapping',
    ),
    "missing_comma_in_a_list": (
        '{\n  "skills": [\n    {"name": "Web"}\n    {"name": "Go"}\n  ]\n}\n',
        3,
        20,
        'a "," is missing here, between two entries of the list',
    ),
    "missing_colon": (
        '{\n  "basics" {"name": "Ada"}\n}\n',
        2,
        11,
        'a ":" is missing after the key "basics"',
    ),
    "stray_closing_brace": (
        '{\n  "basics": {"name": "Ada"}}\n}\n',
        3,
        1,
        'this "}" closes nothing: the brackets before it are all closed; remove it',
    ),
    "bracket_closed_by_a_brace": (
        '{\n  "skills": ["a", "b"\n}\n',
        3,
        1,
        'this "}" does not match the "[" at line 2, column 13; remove it if it is one too '
        'many, or close the list with "]" before it',
    ),
    "unclosed_brace": (
        '{\n  "basics": {"name": "Ada"}\n',
        1,
        1,
        'this "{" is never closed; end the mapping with "}"',
    ),
    "line_comment": (
        '{\n  // my résumé\n  "basics": {"name": "Ada"}\n}\n',
        2,
        3,
        'JSON has no comments; remove this one (in YAML, "#" starts a comment)',
    ),
    "block_comment": (
        '{\n  "basics": {"name": "Ada"} /* me */\n}\n',
        2,
        29,
        "JSON has no comments",
    ),
    "comment_after_the_document": (
        '{"basics": {"name": "Ada"}}\n// end\n',
        2,
        1,
        "JSON has no comments",
    ),
    "two_commas": (
        '{\n  "basics": {"name": "Ada"},,\n  "work": []\n}\n',
        2,
        29,
        'a "," with no entry before it; remove it',
    ),
    "text_after_the_document": (
        '{"basics": {"name": "Ada"}} x\n',
        1,
        29,
        "text after the end of the JSON document; remove it",
    ),
}


def _check(in_tmp: Path, name: str, text: str, line: int, column: int, explanation: str) -> str:
    (in_tmp / name).write_text(text, encoding="utf-8")
    result = run("validate", name)
    assert result.exit_code == ExitStatus.INVALID_INPUT, result.output
    kind = "JSON" if name.endswith(".json") else "YAML"
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{name}:{line}:{column}: error[syntax]: invalid {kind}: "), first
    assert explanation in first
    assert caret_block(text, line, column) in result.stderr, result.stderr
    return first


@pytest.mark.parametrize(
    ("text", "line", "column", "explanation"), list(YAML_CASES.values()), ids=list(YAML_CASES)
)
def test_a_yaml_mistake_is_explained_at_its_spot(
    in_tmp: Path, text: str, line: int, column: int, explanation: str
) -> None:
    _check(in_tmp, "cv.yaml", text, line, column, explanation)


@pytest.mark.parametrize(
    ("text", "line", "column", "explanation"), list(JSON_CASES.values()), ids=list(JSON_CASES)
)
def test_a_json_mistake_is_explained_at_its_spot(
    in_tmp: Path, text: str, line: int, column: int, explanation: str
) -> None:
    _check(in_tmp, "cv.json", text, line, column, explanation)


def test_the_parser_words_stay_only_where_they_describe_the_same_spot(in_tmp: Path) -> None:
    here = _check(in_tmp, "cv.yaml", "name: Ada: Lovelace\n", 1, 10, "must be in quotes")
    assert here.endswith("(parser: mapping values are not allowed here)")
    moved = _check(in_tmp, "cv.yaml", "a:\n  b:c\n  d: e\n", 2, 4, "no space after its")
    assert "parser" not in moved  # the parser stopped on line 3, the mistake is on line 2
    tokens = _check(in_tmp, "cv.yaml", "a:\n  b: c\n d: e\n", 3, 2, "indented by 1 space")
    assert "<" not in tokens


def test_a_syntax_error_without_a_rule_keeps_the_parser_words(in_tmp: Path) -> None:
    first = _check(in_tmp, "cv.yaml", "%YAML 1.1\na: b\n", 2, 1, "")
    assert "expected '<document start>', but found '<scalar>'" in first


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        (
            "basics:\n  name:Ada\n",
            2,
            3,
            'basics: text, expected a mapping (key: value pairs); "name:Ada" has no space '
            'after its ":", so it is text, not a key and a value (write "name: Ada")',
        ),
        (
            "skills:\n  - name: Web\n    keywords:\n      -HTML\n      -CSS\n",
            4,
            7,
            'skills[0].keywords: text, expected a list; "-HTML" has no space after the "-", '
            'so it is text, not a list item (write "- HTML")',
        ),
    ],
    ids=["no_space_after_a_colon", "no_space_after_a_dash"],
)
def test_a_missing_space_that_parses_as_text_is_named_by_the_schema_error(
    in_tmp: Path, text: str, line: int, column: int, words: str
) -> None:
    # nothing after the glued line trips the parser: the schema finds text instead
    (in_tmp / "cv.yaml").write_text(text, encoding="utf-8")
    result = run("validate", "cv.yaml")
    assert result.exit_code == ExitStatus.INVALID_INPUT
    located = f"cv.yaml:{line}:{column}: error[invalid-value]: {words}"
    assert result.stderr.startswith(located) or f"\n{located}" in result.stderr
    assert caret_block(text, line, column) in result.stderr


def test_text_with_a_url_is_not_taken_for_a_missing_space(in_tmp: Path) -> None:
    (in_tmp / "cv.yaml").write_text("basics:\n  location: https://maps\n", encoding="utf-8")
    result = run("validate", "cv.yaml")
    assert "text, expected a mapping (key: value pairs)\n" in result.stderr


def test_a_hash_starts_a_comment_only_after_a_space() -> None:
    # no error to explain: "C#" is text, " #" a comment, as YAML says; a value that must
    # keep a " #" is quoted
    text = "basics:\n  label: C#dev # a comment\n  summary: 'ranked #1'\n"
    assert load_text(text).data == {"basics": {"label": "C#dev", "summary": "ranked #1"}}


def test_trailing_commas_and_single_quotes_in_json_are_accepted(in_tmp: Path) -> None:
    # JSON is read by the YAML parser, which takes both; refusing them would help no one
    (in_tmp / "cv.json").write_text("{'basics': {'name': 'Ada',},}\n", encoding="utf-8")
    assert run("validate", "cv.json").exit_code == ExitStatus.SUCCESS


def test_a_duplicate_key_names_the_first_line(in_tmp: Path) -> None:
    text = "basics:\n  name: Ada\n  name: Grace\n"
    (in_tmp / "cv.yaml").write_text(text, encoding="utf-8")
    result = run("validate", "cv.yaml")
    assert result.exit_code == ExitStatus.INVALID_INPUT
    assert result.stderr.startswith(
        'cv.yaml:3:3: error[duplicate-key]: basics.name: duplicate key "name" '
        "(first defined on line 2)"
    )
    assert caret_block(text, 3, 3) in result.stderr


YAMLISH = st.lists(
    st.sampled_from(
        [
            *"ab:-'\"[]{},#*&!|>?%@`\\ \t\n",
            ": ",
            "- ",
            "  ",
            "\n  ",
            "\n    ",
            "\r\n",
            "---",
            "//",
            "/*",
            "key: value",
            "é",
        ]
    ),
    max_size=30,
).map("".join)


@given(text=YAMLISH | st.text(max_size=60), name=st.sampled_from(["cv.yaml", "cv.json"]))
def test_any_text_loads_or_is_refused_at_a_spot_in_the_file(text: str, name: str) -> None:
    try:
        load_text(text, name)
    except InputError as exc:
        lines = text.splitlines()
        for diagnostic in exc.diagnostics:
            position = diagnostic.position
            if diagnostic.code == "syntax" and position is not None:
                assert 1 <= position.line <= len(lines), diagnostic
                assert 1 <= position.column <= len(lines[position.line - 1]) + 1, diagnostic
        exc.render()


# --- names on the command line (exit 2) and in a file (exit 1, at the line) --------

RESUME = "basics: {name: Ada}\n"


@pytest.mark.parametrize("command", ["build", "validate"])
def test_an_unknown_template_on_the_command_line_is_a_usage_error(
    in_tmp: Path, command: str
) -> None:
    (in_tmp / "cv.yaml").write_text(RESUME, encoding="utf-8")
    result = run(command, "cv.yaml", "-t", "clasic")
    assert result.exit_code == ExitStatus.USAGE
    assert (
        "Invalid value for '-t' / '--template': unknown template \"clasic\"; "
        'did you mean "classic"? (built-in: academic, classic, compact, modern; '
        "or give a directory)"
    ) in result.stderr


def test_every_template_on_the_command_line_is_checked(in_tmp: Path) -> None:
    (in_tmp / "cv.yaml").write_text(RESUME, encoding="utf-8")
    result = run("build", "cv.yaml", "-t", "classic", "-t", "modrn")
    assert result.exit_code == ExitStatus.USAGE
    assert 'unknown template "modrn"; did you mean "modern"?' in result.stderr


def test_a_template_folder_that_is_not_one_is_a_usage_error(in_tmp: Path) -> None:
    (in_tmp / "cv.yaml").write_text(RESUME, encoding="utf-8")
    missing = run("validate", "cv.yaml", "-t", "./nowhere")
    assert missing.exit_code == ExitStatus.USAGE
    assert "template directory ./nowhere does not exist" in missing.stderr
    (in_tmp / "empty").mkdir()
    empty = run("validate", "cv.yaml", "-t", "./empty")
    assert empty.exit_code == ExitStatus.USAGE
    assert "template directory ./empty has no resume.tex.j2" in empty.stderr
    file = run("validate", "cv.yaml", "-t", "./cv.yaml")
    assert file.exit_code == ExitStatus.USAGE
    assert "./cv.yaml is not a directory; give a template name or folder" in file.stderr


def test_templates_show_an_unknown_name_is_a_usage_error() -> None:
    result = run("templates", "show", "clasic")
    assert result.exit_code == ExitStatus.USAGE
    assert 'unknown template "clasic"; did you mean "classic"?' in result.stderr


def test_an_unknown_template_in_the_json_report_is_exit_2(in_tmp: Path) -> None:
    import json

    (in_tmp / "cv.yaml").write_text(RESUME, encoding="utf-8")
    result = run("build", "cv.yaml", "-t", "clasic", "--format", "json")
    report = json.loads(result.stdout)
    assert result.exit_code == report["exit_code"] == ExitStatus.USAGE
    assert report["diagnostics"][0]["code"] == "usage"
    assert 'did you mean "classic"?' in report["diagnostics"][0]["message"]


@pytest.mark.parametrize(
    ("option", "value", "words"),
    [
        ("--engine", "xelatx", 'unknown engine "xelatx"; did you mean "xelatex"?'),
        ("--locale", "frr", 'unknown locale "frr"; did you mean "fr"?'),
    ],
)
def test_an_unknown_engine_or_locale_on_the_command_line_is_a_usage_error(
    in_tmp: Path, option: str, value: str, words: str
) -> None:
    (in_tmp / "cv.yaml").write_text(RESUME, encoding="utf-8")
    result = run("build", "cv.yaml", option, value, "--tex-only")
    assert result.exit_code == ExitStatus.USAGE
    assert f"Invalid value for '{option}': {words}" in result.stderr


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("locale: frr", 'locale: unknown locale "frr"; did you mean "fr"?'),
        ("engine: xelatx", 'engine: unknown engine "xelatx"; did you mean "xelatex"?'),
    ],
)
def test_an_unknown_engine_or_locale_in_the_file_is_exit_1_at_its_line(
    in_tmp: Path, line: str, words: str
) -> None:
    text = f"basics:\n  name: Ada\n{line}\n"
    (in_tmp / "cv.yaml").write_text(text, encoding="utf-8")
    result = run("build", "cv.yaml", "--tex-only")
    assert result.exit_code == ExitStatus.INVALID_INPUT
    assert result.stderr.startswith(f"cv.yaml:3:9: error[invalid-value]: {words}")
    assert caret_block(text, 3, 9) in result.stderr


def _user_template(in_tmp: Path, manifest: str) -> Path:
    folder = in_tmp / "mine"
    folder.mkdir()
    (folder / "resume.tex.j2").write_text('\\BLOCK{extends "classic/resume.tex.j2"}\n', "utf-8")
    (folder / "template.yaml").write_text(manifest, encoding="utf-8")
    (in_tmp / "cv.yaml").write_text(RESUME, encoding="utf-8")
    return (folder / "template.yaml").resolve()


def test_an_unknown_template_in_extends_is_exit_1_at_its_line(in_tmp: Path) -> None:
    manifest = "description: mine\nextends: clasic\n"
    path = _user_template(in_tmp, manifest)
    result = run("build", "cv.yaml", "-t", "./mine", "--tex-only")
    assert result.exit_code == ExitStatus.INVALID_INPUT
    assert (
        f'{path}:2:10: error[invalid-value]: extends: unknown template "clasic"; did you mean '
        '"classic"? (a template extends a built-in one: academic, classic, compact, modern, '
        "or _base)"
    ) in result.stderr
    assert caret_block(manifest, 2, 10) in result.stderr


def test_extends_is_located_in_the_json_report(in_tmp: Path) -> None:
    import json

    path = _user_template(in_tmp, "description: mine\nextends: modrn\n")
    result = run("validate", "cv.yaml", "-t", "./mine", "--format", "json")
    (diagnostic,) = json.loads(result.stdout)["diagnostics"]
    assert result.exit_code == ExitStatus.INVALID_INPUT
    assert (diagnostic["file"], diagnostic["line"], diagnostic["column"]) == (str(path), 2, 10)
    assert diagnostic["path"] == "extends"


def test_a_syntax_error_in_template_yaml_is_exit_1_at_its_line(in_tmp: Path) -> None:
    manifest = "description: mine: my own\n"
    path = _user_template(in_tmp, manifest)
    result = run("validate", "cv.yaml", "-t", "./mine")
    assert result.exit_code == ExitStatus.INVALID_INPUT
    assert f"{path}:1:18: error[syntax]: invalid YAML: a value that holds" in result.stderr
    assert caret_block(manifest, 1, 18) in result.stderr


def test_an_unknown_key_in_template_yaml_points_at_the_key(in_tmp: Path) -> None:
    path = _user_template(in_tmp, "description: mine\ncolour: blue\n")
    result = run("validate", "cv.yaml", "-t", "./mine")
    assert result.exit_code == ExitStatus.INVALID_INPUT
    assert f'{path}:2:1: error[unknown-key]: colour: unknown key "colour" (keys: ' in result.stderr


def test_a_dash_glued_to_a_key_in_a_list_of_entries_is_named(in_tmp: Path) -> None:
    text = "basics:\n  name: Ada\nwork:\n  -name: X\n"
    (in_tmp / "cv.yaml").write_text(text, encoding="utf-8")
    result = run("validate", "cv.yaml")
    assert result.exit_code == ExitStatus.INVALID_INPUT
    assert 'work: a mapping, expected a list; "-name:" has no space after the "-"' in result.stderr
    assert '(write "- name:")' in result.stderr


def test_a_dash_glued_to_a_key_with_more_lines_is_named_at_the_dash(in_tmp: Path) -> None:
    text = "basics:\n  name: Ada\nwork:\n  -name: X\n   position: Dev\n"
    (in_tmp / "cv.yaml").write_text(text, encoding="utf-8")
    result = run("validate", "cv.yaml")
    assert result.exit_code == ExitStatus.INVALID_INPUT
    assert result.stderr.startswith(
        'cv.yaml:4:3: error[syntax]: invalid YAML: "-name: X" on line 4'
    )
    assert 'write "- name: X"' in result.stderr
    assert caret_block(text, 4, 3) in result.stderr
