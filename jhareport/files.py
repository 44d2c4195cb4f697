"""Files the build writes: every output or none, and only where outputs belong."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

__all__ = ["OutputError", "folder_problem", "output_folder_problem", "write_atomically"]

# Pseudo-filesystems of the kernel: writing there does not make files.
_SYSTEM_FOLDERS = tuple(Path(p) for p in ("/proc", "/sys", "/dev"))


class OutputError(Exception):
    """Outputs that could not be written; every earlier file is as it was."""


def folder_problem(path: Path, what: str = "a folder") -> str | None:
    """Why `path`, given where a folder is wanted (`what`: "a year's folder"…), is none: missing,
    a file (with the folder holding it when it is one of a folder's YAML files), or something else;
    None for a folder."""
    try:
        if path.is_dir():
            return None
        if not os.path.lexists(path):
            return "no such folder"
        if path.is_file():
            holder = (f": give the folder that holds it, {path.parent}"
                      if path.suffix.lower() in (".yaml", ".yml", ".docx") else "")
            return f"a file, not {what}{holder}"
    except OSError as error:
        return f"cannot be read ({error.strerror or error})"
    return f"not {what}"


def output_folder_problem(out: Path, fixtures: Path | None = None) -> str | None:
    """Why `out` cannot take a build's documents, or None: checked before rendering.

    `fixtures` is the year's folder the records come from, if any: the documents may not go into
    it, nor into the fixtures folder above it, where they would mix with the YAML files."""
    try:
        return _output_folder_problem(out, fixtures)
    except ValueError:  # Python refuses a NUL in a path
        return f"{out}: cannot be an output folder (a NUL character in its name)"
    except (OSError, RuntimeError) as error:
        reason = ("a name too long for the file system"
                  if getattr(error, "errno", None) == errno.ENAMETOOLONG
                  else getattr(error, "strerror", None) or error)
        return f"{out}: cannot be an output folder ({reason})"


def _output_folder_problem(out: Path, fixtures: Path | None) -> str | None:
    target = out.resolve()
    if any(target == system or target.is_relative_to(system) for system in _SYSTEM_FOLDERS):
        return f"{out}: a system folder cannot take documents"
    if fixtures is not None:
        year = fixtures.resolve()
        if target == year or target.is_relative_to(year) or target == year.parent:
            return (f"{out}: the documents would be written among the fixtures of {fixtures}; "
                    "choose another output folder")
        if target.is_relative_to(year.parent):  # beside the year: another year's folder?
            beside = year.parent / target.relative_to(year.parent).parts[0]
            if beside.is_dir() and any(beside.glob("*.y*ml")):
                return (f"{out}: the documents would be written among the fixtures of "
                        f"{fixtures.parent / beside.name}; choose another output folder")
    existing = target
    while not existing.exists():
        if existing.is_symlink() or existing.parent == existing:
            return f"{out}: cannot be an output folder (a link to nothing)"
        existing = existing.parent
    if not existing.is_dir():
        shown = "is a file" if existing == target else f"lies under the file {existing}"
        return f"{out}: {shown}, not a folder"
    if not os.access(existing, os.W_OK | os.X_OK):
        return f"{out}: the folder {existing} is not writable"
    return None


def write_atomically(files: Mapping[Path, bytes]) -> None:
    """Write every file or none.

    Each file is first written beside its target. Then the targets are replaced one by one,
    the earlier files kept aside until every new one is in place; if a replacement fails, those
    already done are undone, so that every earlier file is back as it was. Raises OutputError
    naming the file; no temporary file is left behind."""
    mask = os.umask(0)
    os.umask(mask)
    staged: list[tuple[Path, Path]] = []
    kept: list[tuple[Path, Path | None]] = []  # targets replaced, with the earlier file's copy
    made: list[Path] = []  # folders made for the outputs, removed again if writing fails
    current: Path | None = None  # the output being written, for an error that names no file
    try:
        try:
            for path, data in files.items():
                current = path
                missing = [p for p in (path.parent, *path.parent.parents) if not p.exists()]
                path.parent.mkdir(parents=True, exist_ok=True)
                made.extend(reversed(missing))
                handle, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
                staged.append((Path(name), path))
                with os.fdopen(handle, "wb") as stream:
                    stream.write(data)
                os.chmod(name, 0o666 & ~mask)  # as an ordinary new file, not mkstemp's 0600
            for temporary, path in staged:
                current = path
                backup = None
                if os.path.lexists(path) and not path.is_dir():
                    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".earlier",
                                                    dir=path.parent)
                    os.close(handle)
                    backup = Path(name)
                    try:
                        os.replace(path, backup)
                    except OSError:
                        backup.unlink(missing_ok=True)
                        raise
                    kept.append((path, backup))
                    os.replace(temporary, path)
                else:
                    os.replace(temporary, path)
                    kept.append((path, None))
        except OSError as error:
            stranded = _undo(kept)
            kept = []
            for temporary, _ in staged:
                with contextlib.suppress(OSError):
                    temporary.unlink(missing_ok=True)
            for folder in reversed(made):
                with contextlib.suppress(OSError):
                    folder.rmdir()
            where = error.filename if error.filename else str(current or "")
            message = (f"{_target(where, files)}: cannot be written ({error.strerror or error}); "
                       "no document was changed")
            if stranded:  # only if the disk failed again while undoing: say where they are
                message += "; earlier files kept as " + ", ".join(str(p) for p in stranded)
            raise OutputError(message) from None
    finally:
        for temporary, _ in staged:
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)
        for _, backup in kept:  # every new file is in place: the earlier ones go
            if backup is not None:
                with contextlib.suppress(OSError):
                    backup.unlink(missing_ok=True)


def _undo(kept: Sequence[tuple[Path, Path | None]]) -> list[Path]:
    """Put the earlier files back, last replaced first; the copies that could not be put back."""
    stranded = []
    for path, backup in reversed(kept):
        try:
            if backup is None:
                path.unlink(missing_ok=True)
            else:
                os.replace(backup, path)
        except OSError:
            if backup is not None:
                stranded.append(backup)
    return stranded


def _target(name: str | bytes | int, files: Mapping[Path, bytes]) -> str:
    """The output a failing file name belongs to (a temporary name shows as its target)."""
    text = os.fsdecode(name) if isinstance(name, str | bytes) else ""
    for path in files:
        if text == str(path) or Path(text).name.startswith(f".{path.name}."):
            return str(path)
    return text or "the outputs"
