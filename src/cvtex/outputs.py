"""Where a build writes, decided and checked before anything runs.

``-o`` is a file for one output and a folder for several; a path that ends in
``/`` or names an existing folder is always a folder (created if needed), and
files are named ``{stem}[-{template}].pdf`` inside it. A target that would
replace one of the build's own inputs (the résumé, a file of its template, the
photo), that is not a regular file (a device, a FIFO), that lies under a file
(``-o cv.pdf/`` when cv.pdf is a file), or whose suffix says the other kind of
output (``-o cv.tex`` for a PDF) is refused, exit 2, before anything is written:
``-o`` is the user's.
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
    if output is not None and is_folder and output.exists() and not output.is_dir():
        fix = (
            f"name a folder for the {len(names)} PDFs"
            if several
            else "leave out the / to write to that file, or name a folder"
        )
        raise UsageProblem(f"-o {output}/: {output} is a file, not a folder ({fix})")
    if output is not None and not several and not is_folder:
        _check_suffix(output, tex_only=tex_only)
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


def _check_suffix(output: Path, *, tex_only: bool) -> None:
    """``-o cv.tex`` would get a PDF, and ``--tex-only -o cv.pdf`` LaTeX: refuse both."""
    written = output.suffix.lower()
    if not tex_only and written == ".tex":
        raise UsageProblem(
            f"-o {output} names a LaTeX file, but build writes a PDF: add --tex-only to "
            f"write the LaTeX, or name the PDF {output.with_suffix('.pdf')} (--keep-tex "
            "also writes the LaTeX beside it)"
        )
    if tex_only and written == ".pdf":
        raise UsageProblem(
            f"--tex-only writes LaTeX, but -o {output} names a PDF: name it "
            f"{output.with_suffix('.tex')}, or leave out --tex-only to build the PDF"
        )


def check_targets(
    targets: Iterable[Path], inputs: Mapping[Path, str], template_dirs: Iterable[Path]
) -> None:
    """Refuse targets that are inputs of the build (``inputs`` maps each to what it
    is, e.g. "the résumé"), template files or not regular files."""
    protected = {_resolved(path): what for path, what in inputs.items()}
    identities = {_identity(path): what for path, what in inputs.items()}
    identities.pop(None, None)
    folders = [_resolved(folder) for folder in template_dirs]
    for target in targets:
        blocker = _file_in_the_way(target)
        if blocker is not None:
            raise UsageProblem(
                f"{blocker} is a file, not a folder, so {target} cannot be written in it "
                "(choose another name with -o)"
            )
        resolved = _resolved(target)
        what = protected.get(resolved) or identities.get(_identity(target))
        if what is not None:  # the same path, or another name (a hard link) of the file
            raise UsageProblem(
                f"refusing to write {target}: it is {what}, an input of this build"
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


def _identity(path: Path) -> tuple[int, int] | None:
    """The file behind ``path`` (device and inode), or None when there is none."""
    try:
        info = path.stat()
    except (OSError, ValueError):
        return None
    return (info.st_dev, info.st_ino)


def _file_in_the_way(target: Path) -> Path | None:
    """The closest existing parent of ``target`` when it is not a folder (``-o
    notes.txt/cv.pdf``): None when it is one, or when that cannot be told (then
    writing says what is wrong, a machine problem)."""
    for folder in target.parents:
        try:
            mode = folder.stat().st_mode
        except (FileNotFoundError, NotADirectoryError):
            continue  # not there (or under a file): look further up
        except OSError:
            return None
        return None if stat.S_ISDIR(mode) else folder
    return None


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
