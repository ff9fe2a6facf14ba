"""Shared fixtures: paths, PDF inspection through poppler, small YAML helpers."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from cvtex.backends.latex.probes import Probes
from cvtex.backends.latex.render import RenderedLatex
from cvtex.environment import Environment
from cvtex.textcheck import plain_text

settings.register_profile("thorough", max_examples=5000)
settings.register_profile("quick", max_examples=15)
settings.load_profile(os.environ.get("CVTEX_HYPOTHESIS_PROFILE", "default"))
"""CVTEX_HYPOTHESIS_PROFILE=thorough searches far longer than CI's default run; quick
(``make check``) tries a few examples of each property, for the edit loop."""

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
RESUME_YAML = ROOT / "resume.yaml"


def pytest_configure(config: pytest.Config) -> None:
    """Keep the tests' PDF cache away from the user's own, and remove it afterwards
    (each pytest-xdist worker, and the process that runs them, makes one)."""
    path = tempfile.mkdtemp(prefix="cvtex-test-cache-")
    os.environ["CVTEX_CACHE_DIR"] = path
    config.add_cleanup(lambda: shutil.rmtree(path, ignore_errors=True))


@pytest.fixture(autouse=True)
def tex_only_where_marked(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under ``make check`` (CVTEX_TEST_WITHOUT_TEX=1) a test that starts a TeX engine
    without the ``tex`` mark fails, so the fast loop stays fast and honest."""
    if not os.environ.get("CVTEX_TEST_WITHOUT_TEX") or request.node.get_closest_marker("tex"):
        return
    import cvtex.backends.latex.tex_run

    def refuse(*args: object, **kwargs: object) -> None:
        pytest.fail("this test runs a TeX engine: mark it @pytest.mark.tex")

    monkeypatch.setattr(cvtex.backends.latex.tex_run, "_supervise", refuse)


@pytest.fixture(autouse=True)
def isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A fresh, empty PDF cache for every test."""
    path = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("CVTEX_CACHE_DIR", str(path))
    return path


def _poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:  # CI installs poppler-utils: a missing tool is a failure, not a skip
        pytest.fail(f"{tool} is not installed (apt-get install poppler-utils)")
    return path


def pdf_text(pdf: Path) -> str:
    """``pdftotext -raw`` output, NFKC-normalised, quotes made straight, lines joined.

    Raw mode keeps the order text was drawn in, so a wrapped title is not interleaved
    with the date beside it (as in -layout), and it keeps a trailing hyphen
    ("Grade A-") that the default mode takes for hyphenation and joins.
    """
    raw = subprocess.run(
        [_poppler("pdftotext"), "-raw", "-enc", "UTF-8", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return normalise_text(raw)


normalise_text = plain_text
"""NFKC, quotes and hyphens straight, white space as single spaces (cvtex.textcheck)."""


def pdf_info(pdf: Path) -> dict[str, str]:
    out = subprocess.run(
        [_poppler("pdfinfo"), str(pdf)], check=True, capture_output=True, text=True
    ).stdout
    info: dict[str, str] = {}
    for line in out.splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def pdf_links(pdf: Path) -> list[str]:
    out = subprocess.run(
        [_poppler("pdfinfo"), "-url", str(pdf)], check=True, capture_output=True, text=True
    ).stdout
    return [line.split()[-1] for line in out.splitlines()[1:] if line.strip()]


class Machine(Probes):
    """A machine with some answers fixed (``bundled_pdflatex=None``: the bundled engine
    cannot run; ``font_families={...}``), the rest asked of this one."""

    def __init__(self, environ: dict[str, str] | None = None, **answers: Any) -> None:
        super().__init__(environ)
        for name, answer in answers.items():  # an instance attribute hides the method
            assert callable(getattr(Probes, name)), name
            setattr(self, name, lambda *args, answer=answer: answer)


def machine_env(path: str | None = None, **answers: Any) -> Environment:
    """This process's environment on a :class:`Machine`; ``path`` replaces PATH."""
    environ = dict(os.environ)
    if path is not None:
        environ["PATH"] = path
    return Environment.current().replace(environ=environ, probes=Machine(environ, **answers))


def render_tex(source: str | Path, template: str | None = None) -> RenderedLatex:
    """The LaTeX a build renders for ``source`` (YAML text, or a file) in ``template``,
    through the same plan as ``cvtex build --tex-only``: engine, fonts and design
    decided as a real build decides them."""
    from cvtex.build import plan, render_plan
    from cvtex.request import BuildRequest

    with tempfile.TemporaryDirectory(prefix="cvtex-render-") as folder:
        if isinstance(source, Path):
            path = source
        else:
            path = Path(folder) / "resume.yaml"
            path.write_text(source, encoding="utf-8")
        request = BuildRequest(
            source=path,
            output=Path(folder) / "out.tex",
            templates=(template,) if template else (),
            tex_only=True,
            use_cache=False,
        )
        (rendered,) = render_plan(plan(request))
    return rendered


@pytest.fixture
def write_yaml(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write a YAML document into the test's temporary folder and return its path."""

    def write(text: str, name: str = "resume.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


# -- every PDF the suite builds: no action a viewer could run -----------------

FORBIDDEN_ACTIONS = frozenset(
    {"/Launch", "/GoToR", "/GoToE", "/JavaScript", "/ImportData", "/SubmitForm", "/ResetForm"}
)
ALLOWED_URI = re.compile(r"^(https?://[^\s]+|mailto:[^?,;\s]+@[^?,;\s]+|tel:\+[0-9]+)$")


def pdf_action_problems(pdf: Path) -> list[str]:
    """Every link action in ``pdf`` that is not a plain http(s), mailto or tel URI,
    and any document-level action (open action, JavaScript, additional actions)."""
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    problems: list[str] = []
    catalog: Any = reader.trailer["/Root"]
    if "/AA" in catalog:
        problems.append(f"{pdf.name}: the catalog has /AA")
    opening = catalog.get("/OpenAction")
    if opening is not None:
        opening = opening.get_object()
        # hyperref opens at a page destination ([page /Fit]); an action dict must be GoTo.
        if not isinstance(opening, list) and str(opening.get("/S")) != "/GoTo":
            problems.append(f"{pdf.name}: the catalog opens with a {opening.get('/S')} action")
    names: Any = catalog.get("/Names")
    if names is not None and "/JavaScript" in names.get_object():
        problems.append(f"{pdf.name}: document-level JavaScript")
    for number, page in enumerate(reader.pages, start=1):
        if "/AA" in page:
            problems.append(f"{pdf.name} page {number}: page actions (/AA)")
        for ref in page.get("/Annots") or []:
            annotation = ref.get_object()
            action = annotation.get("/A")
            if action is None:
                continue
            action = action.get_object()
            kind = str(action.get("/S"))
            if kind in FORBIDDEN_ACTIONS:
                problems.append(f"{pdf.name} page {number}: a {kind} action")
            elif kind == "/URI":
                uri = str(action.get("/URI"))
                if not ALLOWED_URI.match(uri):
                    problems.append(f"{pdf.name} page {number}: URI {uri!r}")
            elif kind not in ("/GoTo",):
                problems.append(f"{pdf.name} page {number}: an unexpected {kind} action")
    return problems


@pytest.fixture(scope="session", autouse=True)
def every_built_pdf_is_link_safe(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """After the whole suite: walk every PDF any test built (all live under pytest's
    temporary folders) and fail on a link action outside the policy."""
    yield
    base = tmp_path_factory.getbasetemp()
    problems: list[str] = []
    for pdf in base.rglob("*.pdf"):
        if not pdf.is_file() or pdf.is_symlink():
            continue
        data = pdf.read_bytes()
        # Stand-ins ("the last good PDF", an attacker's sketch of one) are not PDFs.
        if not data.startswith(b"%PDF-") or b"startxref" not in data[-2048:]:
            continue
        try:
            problems += pdf_action_problems(pdf)
        except Exception as exc:
            problems.append(f"{pdf}: cannot be read ({exc})")
    assert not problems, "\n".join(problems)


# -- which CJK face set a character -------------------------------------------


def font_file(family: str) -> tuple[Path, int]:
    """The file and face index fontconfig has for ``family`` (Noto CJK: one .ttc)."""
    out = subprocess.run(
        ["fc-match", "-f", "%{file}\n%{index}", family], check=True, capture_output=True, text=True
    ).stdout.split("\n")
    return Path(out[0]), int(out[1])


def cmap_glyph(family: str, char: str) -> int:
    """The glyph id ``family``'s own cmap gives ``char``: in a Pan-CJK collection every
    face shares the glyphs, and the faces differ in which glyph a Han character takes."""
    path, index = font_file(family)
    data = path.read_bytes()
    base = int.from_bytes(data[12 + 4 * index : 16 + 4 * index]) if data[:4] == b"ttcf" else 0
    tables = int.from_bytes(data[base + 4 : base + 6])
    for entry in range(base + 12, base + 12 + 16 * tables, 16):
        if data[entry : entry + 4] == b"cmap":
            cmap = int.from_bytes(data[entry + 8 : entry + 12])
            break
    else:
        raise AssertionError(f"{path}: no cmap")
    for record in range(cmap + 4, cmap + 4 + 8 * int.from_bytes(data[cmap + 2 : cmap + 4]), 8):
        sub = cmap + int.from_bytes(data[record + 4 : record + 8])
        if int.from_bytes(data[sub : sub + 2]) != 12:
            continue
        for group in range(sub + 16, sub + 16 + 12 * int.from_bytes(data[sub + 12 : sub + 16]), 12):
            first, last, glyph = (
                int.from_bytes(data[group + k : group + k + 4]) for k in (0, 4, 8)
            )
            if first <= ord(char) <= last:
                return glyph + ord(char) - first
    raise AssertionError(f"{family} has no {char}")


def pdf_glyphs(pdf: Path, char: str) -> set[tuple[str, int]]:
    """(font name, glyph id) for each glyph the PDF draws ``char`` with, read from the
    fonts' ToUnicode maps (Noto CJK's glyph ids are its CIDs)."""
    from pypdf import PdfReader

    found: set[tuple[str, int]] = set()
    target = f"<{ord(char):04X}>"
    for page in PdfReader(str(pdf)).pages:
        resources: Any = page["/Resources"]
        for ref in resources["/Font"].values():
            font = ref.get_object()
            if "/ToUnicode" not in font:
                continue
            cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
            name = str(font["/BaseFont"])
            for line in cmap.splitlines():
                parts = line.split()
                if len(parts) == 2 and parts[1].upper() == target:  # bfchar
                    found.add((name, int(parts[0].strip("<>"), 16)))
                elif len(parts) == 3 and all(p.startswith("<") for p in parts):  # bfrange
                    low, high, start = (int(p.strip("<>"), 16) for p in parts)
                    if start <= ord(char) <= start + high - low:
                        found.add((name, low + ord(char) - start))
    return found


@pytest.fixture
def broken_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A user template whose line printing ``basics.name`` fails in TeX: content can no
    longer make a built-in template fail (text an engine cannot set is refused before
    TeX runs), but a TeX error must still be reported at the field on that line."""
    folder = tmp_path_factory.mktemp("broken-template")
    (folder / "template.yaml").write_text("description: a template with a mistake\n")
    (folder / "resume.tex.j2").write_text(
        "\\documentclass{article}\n\\begin{document}\n"
        "\\cvbroken{\\VAR{basics.name}}\n\\end{document}\n"
    )
    return folder
