"""The wheel: built, installed into a fresh virtual environment, and used to build a PDF.

This is what ``pipx install cvtex`` does; it proves the templates ship inside the
package and are found without a source checkout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from conftest import RESUME_YAML, ROOT, pdf_info, pdf_text

pytestmark = [pytest.mark.slow, pytest.mark.tex]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(ROOT)],
        check=True,
    )
    (built,) = out.glob("cvtex-*.whl")
    return built


def test_wheel_contains_the_templates(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    for template in ("_base", "classic", "modern", "academic", "compact"):
        assert f"cvtex/latex_templates/{template}/resume.tex.j2" in names
        assert f"cvtex/latex_templates/{template}/template.yaml" in names
    assert "cvtex/latex_templates/_base/macros.tex.j2" in names
    assert "cvtex/starter.yaml" in names
    assert "cvtex/cli/app.py" in names


def test_installed_wheel_builds_a_pdf(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    # Reuse the dependencies already installed for the tests instead of downloading
    # them again. Paths added by a .pth file are not site dirs, so the editable
    # install of cvtex that lives there is not picked up: only the wheel is.
    (site / "test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", str(wheel)], check=True
    )
    where = subprocess.run(
        [str(python), "-c", "import cvtex; print(cvtex.__file__)"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    assert Path(where).is_relative_to(venv)

    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(RESUME_YAML, work / "resume.yaml")
    result = subprocess.run(
        [str(venv / "bin" / "cvtex"), "build"], cwd=work, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert pdf_info(work / "resume.pdf")["Pages"] == "2"
    assert "Academic Experience" in pdf_text(work / "resume.pdf")


def test_pipx_installs_the_wheel_for_a_user_who_builds_outside_the_clone(
    wheel: Path, tmp_path: Path
) -> None:
    """The README's everyday install: ``pipx install``, then ``cvtex`` on PATH anywhere."""
    pipx = shutil.which("pipx")
    assert pipx is not None, "CI installs pipx (.ci/apt-packages)"
    home = tmp_path / "home"
    bin_dir = home / ".local" / "bin"
    home.mkdir()
    venv_bin = str(Path(sys.executable).parent)
    path = [p for p in os.environ.get("PATH", "").split(os.pathsep) if p and p != venv_bin]
    # A new user: their caches and pipx's folders are under HOME, whatever this
    # machine's XDG_CACHE_HOME (which would also hold cvtex's cache) says.
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"VIRTUAL_ENV", "PYTHONPATH", "CVTEX_CACHE_DIR"}
        and not key.startswith(("PIPX", "XDG_"))
    }
    env |= {"HOME": str(home), "PATH": os.pathsep.join([str(bin_dir), *path])}
    env |= {"PIPX_HOME": str(home / ".local" / "pipx"), "PIPX_BIN_DIR": str(bin_dir)}
    installed = subprocess.run(
        [pipx, "install", str(wheel)], env=env, capture_output=True, text=True
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    cvtex = shutil.which("cvtex", path=env["PATH"])
    assert cvtex is not None and Path(cvtex).parent == bin_dir

    work = tmp_path / "somewhere else"
    work.mkdir()
    assert not work.is_relative_to(ROOT)
    shutil.copy(RESUME_YAML, work / "resume.yaml")
    result = subprocess.run(["cvtex", "build"], cwd=work, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert pdf_info(work / "resume.pdf")["Pages"] == "2"
    assert "Academic Experience" in pdf_text(work / "resume.pdf")
    assert (home / ".cache" / "cvtex").is_dir()  # the user's own cache, not the clone's
