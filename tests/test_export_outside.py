"""What an outside tester found in ``cvtex export``, kept as tests (session 5)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from cvtex.cli import cli
from cvtex.view.inline import LinkSpan, Text, parse

CVTEX = [sys.executable, "-m", "cvtex"]
RESUME = "basics: {name: Ada}\nwork:\n  - {name: Acme, highlights: [Built things]}\n"


def write(folder: Path, text: str = RESUME, name: str = "cv.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def export(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["export", *map(str, args)])
    return result.exit_code, result.stdout, result.stderr


def test_o_through_a_symlink_writes_the_file_it_names_not_the_link(tmp_path: Path) -> None:
    source = write(tmp_path)
    (tmp_path / "link.txt").symlink_to("real.txt")
    code, _, _ = export(source, "--to", "text", "-o", tmp_path / "link.txt")
    assert code == 0
    assert (tmp_path / "link.txt").is_symlink()
    assert (tmp_path / "real.txt").read_text(encoding="utf-8").startswith("Ada\n")


def test_a_hard_link_to_the_resume_is_the_resume(tmp_path: Path) -> None:
    source = write(tmp_path)
    os.link(source, tmp_path / "hard.yaml")
    code, _, err = export(tmp_path / "hard.yaml", "--to", "text", "-o", source)
    assert code == 2 and "it is the résumé" in err
    assert source.read_text(encoding="utf-8") == RESUME


def test_a_folder_gets_the_resume_s_name_with_the_format_s_suffix(tmp_path: Path) -> None:
    source = write(tmp_path)
    code, _, err = export(source, "--to", "html", "-o", f"{tmp_path}/site/")
    assert code == 0 and (tmp_path / "site" / "cv.html").is_file(), err
    (tmp_path / "md").mkdir()
    assert export(source, "--to", "markdown", "-o", tmp_path / "md")[0] == 0
    assert (tmp_path / "md" / "cv.md").is_file()
    assert export(source, "--to", "text", "-o", "")[0] == 2


def test_a_closed_or_full_stdout_is_exit_4_not_a_crash(tmp_path: Path) -> None:
    source = write(tmp_path)
    closed = subprocess.run(
        [*CVTEX, "export", str(source), "--to", "text"], stdout=subprocess.DEVNULL, check=False
    )
    assert closed.returncode == 0
    shut = subprocess.run(
        f'exec {" ".join(CVTEX)} export "{source}" --to text >&-',
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )
    assert shut.returncode == 4, shut.stderr
    assert "standard output is closed" in shut.stderr
    with Path("/dev/full").open("wb") as full:
        filled = subprocess.run(
            [*CVTEX, "export", str(source), "--to", "text"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert filled.returncode == 4 and "No space left on device" in filled.stderr
    assert "internal error" not in filled.stderr


def test_a_reader_that_leaves_early_gives_141(tmp_path: Path) -> None:
    work = "".join(f"  - {{name: Co {i}, highlights: [{'x' * 200}]}}\n" for i in range(400))
    source = write(tmp_path, "basics: {name: Ada}\nwork:\n" + work)
    reader = f'{sys.executable} -c "import sys; sys.stdin.buffer.read(100)"'
    piped = subprocess.run(
        f'{" ".join(CVTEX)} export "{source}" --to text | {reader}; echo "${{PIPESTATUS[0]}}"',
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        text=True,
        check=False,
    )
    assert piped.stdout.strip() == "141", piped.stderr


def test_a_link_with_parentheses_is_a_link_and_a_javascript_one_is_refused(
    tmp_path: Path,
) -> None:
    wiki = "https://en.wikipedia.org/wiki/Silicon_Valley_(TV_series)"
    (link,) = parse(f"[SV]({wiki})")
    assert isinstance(link, LinkSpan) and link.link.target == wiki
    source = write(tmp_path, "basics: {name: Ada, summary: '[x](javascript:alert(1))'}\n")
    code, out, err = export(source, "--to", "json-resume")
    assert code == 1 and "error[link-refused]" in err and out == ""


def test_a_line_separator_never_starts_a_line_in_the_text(tmp_path: Path) -> None:
    source = write(tmp_path, 'basics: {name: "Ada\\u2028\\u2028EXPERIENCE\\u2029Forged"}\n')
    code, out, _ = export(source, "--to", "text")
    assert code == 0
    assert out.splitlines()[0] == "Ada EXPERIENCE Forged"


def test_markup_in_titles_and_contact_details_prints_as_in_the_pdf(tmp_path: Path) -> None:
    source = write(
        tmp_path,
        "basics:\n  name: Ada\n  location: {city: '**Paris**'}\n"
        "  profiles: [{network: GitHub, username: '[ada](https://ada.example)'}]\n"
        "design: {section_titles: {work: '[Jobs](https://jobs.example)'}}\n"
        "work: [{name: Acme}]\n",
    )
    _, text, _ = export(source, "--to", "text")
    assert "JOBS\n" in text and "**" not in text and "[" not in text
    _, html, _ = export(source, "--to", "html")
    assert '<h2><a href="https://jobs.example"' in html and "<strong>Paris</strong>" in html
    _, markdown, _ = export(source, "--to", "markdown")
    assert "## [Jobs](<https://jobs.example>)" in markdown


def test_validate_refuses_a_resume_with_nothing_to_print_as_build_does(tmp_path: Path) -> None:
    source = write(tmp_path, "volunteer: []\n")
    result = CliRunner().invoke(cli, ["validate", str(source)])
    assert result.exit_code == 1
    assert "cv.yaml:1:1: error[nothing-to-print]" in result.stderr


def test_plain_text_runs_are_text() -> None:
    assert parse("plain") == (Text("plain"),)


def test_a_refused_link_in_a_section_title_is_an_error_at_it(tmp_path: Path) -> None:
    source = write(
        tmp_path, RESUME + "design: {section_titles: {work: '[Jobs](vbscript:msgbox)'}}\n"
    )
    result = CliRunner().invoke(cli, ["validate", str(source)])
    assert result.exit_code == 1
    assert "cv.yaml:4:33: error[link-refused]: design.section_titles.work" in result.stderr
