"""Where a build writes, decided and checked before anything runs.

``-o`` is a file for one output and a folder for several; a path that ends in
``/`` or names an existing folder is always a folder (created if needed), and
files are named ``{stem}[-{template}].pdf`` inside it. A target that would
replace one of the build's own inputs (the résumé, a file of its template, the
photo) or that is not a regular file (a device, a FIFO) is refused, exit 2,
before anything is written.
"""

from __future__ import annotations

import stat
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from cvtex.errors import UsageProblem


def output_paths(
    source: Path,
    output: Path | None,
    names: Sequence[str],
    *,
    folder: bool = False,
    tex_only: bool = False,
) -> list[Path]:
    """``{stem}[-{template}].pdf``: the template joins the name when there are several."""
    suffix = ".tex" if tex_only else ".pdf"
    stem = source.stem
    several = len(names) > 1
    is_folder = output is not None and (folder or output.is_dir())
    if output is not None and not several and not is_folder:
        return [output]
    if (
        several
        and output is not None
        and not is_folder
        and output.suffix.lower() in (".pdf", ".tex")
    ):
        raise UsageProblem(f"-o must name a folder when building {len(names)} templates")
    where = output if output is not None else source.parent
    return [where / (f"{stem}-{name}{suffix}" if several else f"{stem}{suffix}") for name in names]


def check_targets(
    targets: Iterable[Path], inputs: Mapping[Path, str], template_dirs: Iterable[Path]
) -> None:
    """Refuse targets that are inputs of the build (``inputs`` maps each to what it
    is, e.g. "the résumé"), template files or not regular files."""
    protected = {_resolved(path): what for path, what in inputs.items()}
    folders = [_resolved(folder) for folder in template_dirs]
    for target in targets:
        resolved = _resolved(target)
        if resolved in protected:
            raise UsageProblem(
                f"refusing to write {target}: it is {protected[resolved]}, an input of this build"
                " (choose another name with -o)"
            )
        if _is_template_file(resolved) and any(resolved.is_relative_to(f) for f in folders):
            raise UsageProblem(f"refusing to write {target}: it is a file of the template")
        try:
            mode = target.stat().st_mode
        except OSError:
            continue  # does not exist yet (or cannot be read: install will say so)
        if not stat.S_ISREG(mode):
            kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file (a device or FIFO?)"
            raise UsageProblem(f"refusing to write {target}: it is {kind}")


TEMPLATE_FILE_SUFFIXES = (".j2", ".jinja", ".jinja2")


def _is_template_file(path: Path) -> bool:
    """What a template folder's loader reads: Jinja files and the manifest (a PDF built
    into a template folder kept beside the résumé is fine)."""
    return path.exists() and (path.suffix in TEMPLATE_FILE_SUFFIXES or path.name == "template.yaml")


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return path.absolute()
