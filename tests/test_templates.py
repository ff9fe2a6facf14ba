"""Every built-in template × every kind of document: it compiles, and the PDF holds
all of the content. Plus design options, user templates, page flow and fitting."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from conftest import DATA, RESUME_YAML, normalise_text, pdf_info, pdf_links, pdf_text
from cvtex.backends.latex.templates import builtin_manifest, builtin_names
from cvtex.build import BuildRequest, build
from cvtex.cli import cli
from cvtex.errors import CheckFailed, InputError, UsageProblem
from cvtex.exit_status import ExitStatus
from cvtex.model.validate import validate
from cvtex.source.loader import load_file
from cvtex.textcheck import check_pdf_text

pytestmark = pytest.mark.tex

TEMPLATES = builtin_names()
DOCUMENTS = {
    "resume": RESUME_YAML,
    "jsonresume": DATA / "jsonresume_sample.json",
    "name_only": DATA / "minimal.yaml",
    "four_pages": DATA / "long.yaml",
    "specials": DATA / "specials.yaml",
}


def test_cvtex_templates_lists_each_built_in_with_its_description() -> None:
    from click.testing import CliRunner

    result = CliRunner().invoke(cli, ["templates"])
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.stdout.splitlines() if line.strip()]
    assert listed == TEMPLATES == ["academic", "classic", "compact", "modern"]
    for name in TEMPLATES:
        assert builtin_manifest(name).description in result.stdout


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Every template × document, built once for the module."""
    out = tmp_path_factory.mktemp("matrix")
    results = {}
    for document, source in DOCUMENTS.items():
        report = build(
            BuildRequest(source=source, output=out / document, templates=tuple(TEMPLATES))
        )
        for template, path in zip(TEMPLATES, report.outputs, strict=True):
            results[(template, document)] = path
    return results


def load(path: Path) -> Any:
    if path.suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8"))
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


@pytest.mark.parametrize("document", DOCUMENTS)
@pytest.mark.parametrize("template", TEMPLATES)
def test_every_template_prints_all_of_the_content(
    built: dict[tuple[str, str], Path], template: str, document: str
) -> None:
    pdf = built[(template, document)]
    resume = validate(load_file(DOCUMENTS[document])).resume
    raw = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    problems = check_pdf_text(resume, raw, set(pdf_links(pdf)))
    assert problems == [], [f"{'.'.join(map(str, p.path))}: {p.message}" for p in problems]


def test_the_four_page_document_has_several_pages(built: dict[tuple[str, str], Path]) -> None:
    pages = {t: int(pdf_info(built[(t, "four_pages")])["Pages"]) for t in TEMPLATES}
    assert pages["classic"] == 4
    assert pages["compact"] < pages["classic"] <= pages["academic"]


@pytest.mark.parametrize("template", TEMPLATES)
def test_entries_never_split_across_pages(
    built: dict[tuple[str, str], Path], template: str
) -> None:
    pdf = built[(template, "four_pages")]
    pages = int(pdf_info(pdf)["Pages"])
    page_texts = [
        normalise_text(
            subprocess.run(
                ["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"],
                check=True, capture_output=True, text=True,
            ).stdout
        )
        for n in range(1, pages + 1)
    ]  # fmt: skip
    for company in range(1, 15):
        holding = {
            n for n, page in enumerate(page_texts)
            for marker in (f"Company {company} ", f"Entry {company} bullet 6 ")
            if marker in page
        }  # fmt: skip
        assert len(holding) == 1, f"Company {company} is split over pages {sorted(holding)}"


def test_academic_footer_has_name_and_page_x_of_y(built: dict[tuple[str, str], Path]) -> None:
    text = pdf_text(built[("academic", "four_pages")])
    assert "Lena Long" in text
    assert "page 1 of 5" in text
    assert "page 5 of 5" in text


def test_academic_numbers_publications_and_bolds_the_owner(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(
        "basics: {name: Ada Lovelace}\npublications:\n"
        "  - name: Notes on the Engine\n    authors: [L. Menabrea, Ada Lovelace]\n"
        "    publisher: Scientific Memoirs\n    releaseDate: '1843'\n",
        encoding="utf-8",
    )
    build(BuildRequest(source=source, templates=("academic",), keep_tex=True))
    assert "[1] L. Menabrea, Ada Lovelace. “Notes on the Engine.” Scientific Memoirs, 1843." in (
        pdf_text(tmp_path / "cv.pdf").replace('"', "“", 1).replace('"', "”", 1)
    )
    assert r"\textbf{Ada Lovelace}" in (tmp_path / "cv.tex").read_text(encoding="utf-8")


@pytest.mark.parametrize("template", TEMPLATES)
def test_a_user_template_can_extend_each_builtin(tmp_path: Path, template: str) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "template.yaml").write_text(
        f"description: mine\nextends: {template}\n", encoding="utf-8"
    )
    (mine / "resume.tex.j2").write_text(
        f'\\BLOCK{{extends "{template}/resume.tex.j2"}}\n'
        "\\BLOCK{block header}{\\Huge MINE: \\VAR{basics.name|upper}}\\par\\BLOCK{endblock}\n",
        encoding="utf-8",
    )
    out = tmp_path / "cv.pdf"
    build(BuildRequest(source=DATA / "all_sections.yaml", output=out, templates=(str(mine),)))
    text = pdf_text(out)
    assert "MINE: GRACE HOPPER" in text
    assert "UNIVAC I compiler" in text


@pytest.mark.parametrize("template", TEMPLATES)
def test_every_engine_a_template_claims_is_one_this_machine_runs(template: str) -> None:
    # tests/test_engines.py builds every template on each engine its manifest claims;
    # a claim CI cannot run would go untested.
    from cvtex.backends.latex.engine import bundled_pdflatex
    from cvtex.backends.latex.probes import Probes

    for engine in builtin_manifest(template).engines:
        found = bundled_pdflatex() if engine == "pdflatex" else Probes().system_engine(engine)
        assert found is not None, f"{template} claims {engine}, which is not installed"


def test_multiple_templates_name_their_outputs(tmp_path: Path) -> None:
    shutil.copy(DATA / "minimal.yaml", tmp_path / "cv.yaml")
    report = build(BuildRequest(source=tmp_path / "cv.yaml", templates=("classic", "modern")))
    assert [p.name for p in report.outputs] == ["cv-classic.pdf", "cv-modern.pdf"]
    with pytest.raises(UsageProblem, match="-o must name a folder when building 2 templates"):
        build(
            BuildRequest(
                source=tmp_path / "cv.yaml",
                output=tmp_path / "x.pdf",
                templates=("classic", "modern"),
            )
        )


def test_design_options_change_the_output(tmp_path: Path) -> None:
    report = build(
        BuildRequest(
            source=DATA / "minimal.yaml",
            output=tmp_path / "cv.pdf",
            templates=("modern",),
            overrides=("design.accent=#123456", "design.paper=a4", "design.font=charter"),
            keep_tex=True,
        )
    )
    tex = (tmp_path / "cv.tex").read_text(encoding="utf-8")
    assert r"\definecolor{accent}{HTML}{123456}" in tex
    assert r"\usepackage{charter}" in tex
    assert "(A4)" in pdf_info(report.outputs[-1])["Page size"]


def test_bad_design_values_are_located_and_suggested(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(
        "basics: {name: A}\ndesign:\n  acent: red\n  margin: wide\n", encoding="utf-8"
    )
    with pytest.raises(InputError) as exc:
        build(BuildRequest(source=source, templates=("modern",), overrides=("design.accent=#12",)))
    rendered = exc.value.render()
    assert (
        f"{source}:3:3: error[unknown-option]: design.acent: "
        'unknown design option "acent"; did you mean "accent"?' in rendered
    )
    assert (
        f'{source}:4:11: error[invalid-option]: design.margin: "wide" is not a length' in rendered
    )
    assert (
        '--set design.accent=#12: error[invalid-option]: design.accent: "#12" is not a colour'
        in rendered
    )


def test_an_option_of_another_template_is_only_a_warning(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text("basics: {name: A}\ndesign: {photo_width: 3cm}\n", encoding="utf-8")
    report = build(BuildRequest(source=source, templates=("classic",)))
    (warning,) = report.warnings
    assert (
        'template "classic" has no option "photo_width" (used by compact, modern)'
        in warning.message
    )


def test_templates_command_lists_and_shows() -> None:
    listing = CliRunner().invoke(cli, ["templates"], catch_exceptions=False)
    assert [line.split()[0] for line in listing.output.splitlines()] == TEMPLATES
    shown = CliRunner().invoke(cli, ["templates", "show", "modern"], catch_exceptions=False)
    assert "accent        default darkblue" in shown.output
    missing = CliRunner().invoke(cli, ["templates", "show", "modrn"], catch_exceptions=False)
    assert missing.exit_code == ExitStatus.USAGE
    assert 'did you mean "modern"' in missing.stderr


@pytest.mark.parametrize("template", ["modern", "compact"])
def test_photo_is_copied_into_the_build_and_shown(tmp_path: Path, template: str) -> None:
    shutil.copy(DATA / "photo.png", tmp_path / "me.png")
    source = tmp_path / "cv.yaml"
    source.write_text("basics: {name: Ada, image: me.png}\n", encoding="utf-8")
    report = build(BuildRequest(source=source, templates=(template,)))
    images = subprocess.run(
        ["pdfimages", "-list", str(report.outputs[0])], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    assert len(images) == 1
    assert images[0].split()[3:5] == ["60", "75"]


def test_a_missing_photo_is_an_error_at_the_field(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text("basics:\n  name: Ada\n  image: nope.jpg\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        build(BuildRequest(source=source, templates=("modern",)))
    assert f"{source}:3:10: error[photo]: basics.image: no such file:" in exc.value.render()


def test_max_pages_exits_5_says_by_how_much_and_still_writes_the_pdf(tmp_path: Path) -> None:
    out = tmp_path / "long.pdf"
    with pytest.raises(CheckFailed, match="has 4 pages, 2 more than the limit of 2"):
        build(BuildRequest(source=DATA / "long.yaml", output=out, max_pages=2))
    assert pdf_info(out)["Pages"] == "4"


def test_max_pages_from_the_design_block(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(
        (DATA / "long.yaml").read_text(encoding="utf-8") + "design: {max_pages: 3}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["build", str(source)], catch_exceptions=False)
    assert result.exit_code == ExitStatus.CHECK_FAILED
    assert "1 more than the limit of 3" in result.stderr


def test_fit_tightens_until_the_pdf_fits_and_reports_what_changed(tmp_path: Path) -> None:
    out = tmp_path / "cv.pdf"
    report = build(BuildRequest(source=DATA / "jsonresume_sample.json", output=out, fit=1))
    assert pdf_info(out)["Pages"] == "1"
    assert report.fit_changes[out] == ("spacing 1.0 → 0.8",)


def test_fit_that_cannot_succeed_exits_5(tmp_path: Path) -> None:
    with pytest.raises(CheckFailed, match="--fit 1 needs 1 page"):
        build(
            BuildRequest(
                source=DATA / "long.yaml", output=tmp_path / "x.pdf", templates=("compact",), fit=1
            )
        )


def test_page_breaks_before_sections_and_entries(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(
        "basics: {name: Ada}\nwork:\n  - {name: First}\n  - {name: Second, pagebreak: true}\n"
        "skills: [{name: Tools, keywords: [x]}]\ndesign: {page_breaks: [skills]}\n",
        encoding="utf-8",
    )
    build(BuildRequest(source=source))
    pdf = tmp_path / "cv.pdf"
    assert pdf_info(pdf)["Pages"] == "3"
    page = [
        subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"],
                       check=True, capture_output=True, text=True).stdout
        for n in (1, 2, 3)
    ]  # fmt: skip
    assert "First" in page[0] and "Second" in page[1] and "Tools" in page[2]


def test_overfull_lines_are_reported_at_the_field(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(
        "basics: {name: Ada}\nwork:\n  - name: W\n    highlights:\n"
        "      - " + "Unbreakable" * 20 + "\n",
        encoding="utf-8",
    )
    report = build(BuildRequest(source=source))
    (warning,) = report.warnings
    assert warning.path == ("work", 0, "highlights", 0, "text")
    assert "sticks out" in warning.message
    assert warning.position is not None and warning.position.line == 5


def test_the_worked_example_template_builds(tmp_path: Path) -> None:
    example = Path(__file__).resolve().parents[1] / "examples" / "two-tone"
    out = tmp_path / "cv.pdf"
    report = build(
        BuildRequest(
            source=RESUME_YAML,
            output=out,
            templates=(str(example),),
            overrides=("design.band=#FFEEDD",),
        )
    )
    assert report.outputs == (out,)
    assert "Academic Experience" in pdf_text(out)


def test_a_remote_photo_is_a_warning_and_an_error_under_strict(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text("basics: {name: Ada, image: 'https://x.org/me.png'}\n", encoding="utf-8")
    report = build(BuildRequest(source=source, templates=("modern",)))
    assert any("remote images are not downloaded" in w.message for w in report.warnings)
    before = report.outputs[0].read_bytes()
    with pytest.raises(InputError, match="1 error"):
        build(BuildRequest(source=source, templates=("modern",), strict=True))
    assert report.outputs[0].read_bytes() == before
