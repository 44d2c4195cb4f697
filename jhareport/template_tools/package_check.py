"""A Word package checked before anything reads it: templates travel by e-mail.

A .docx is a zip of XML parts. Before a template is inflated for building, linting or showing,
its file must be a regular file of reasonable size; its entries' declared sizes are checked
against the limits (Python's zipfile never inflates an entry beyond its declared size, so a
"zip bomb" is refused before it takes memory); then each entry is inflated once, which finds
corrupt deflate streams, and no XML part may declare a DOCTYPE (entities could expand to
gigabytes, or read files of the machine).
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
import zlib
from pathlib import Path

__all__ = ["MAX_ENTRIES", "MAX_ENTRY_BYTES", "MAX_PACKAGE_BYTES", "MAX_TOTAL_BYTES",
           "PackageError", "check_package"]

MAX_PACKAGE_BYTES = 64 * 1024 * 1024
"""The largest template file read (the built-in ones take 40 KB; pictures make them larger)."""
MAX_ENTRY_BYTES = 64 * 1024 * 1024
"""The most one part of a template may inflate to."""
MAX_TOTAL_BYTES = 256 * 1024 * 1024
"""The most all parts of a template together may inflate to."""
MAX_ENTRIES = 10_000
"""The most parts a template may have (Word's own files have a few dozen)."""

_MB = 1024 * 1024
# The markup that starts a document type declaration, in the encodings an XML part may use.
_DECLARATIONS = tuple(marker.encode(encoding) for marker in ("<!DOCTYPE", "<!ENTITY")
                      for encoding in ("ascii", "utf-16-le", "utf-16-be"))


class PackageError(ValueError):
    """A file that is not a Word package jhareport will read; the message names the file and
    the part."""


def _unreadable(path: Path, message: str) -> PackageError:
    return PackageError(f"{path}: not a readable Word document ({message})")


def check_package(path: str | Path) -> bytes:
    """The bytes of the Word package at `path`, once it is known to be safe to inflate.

    Raises PackageError naming the file (and the part) for anything else: no such file, not a
    regular file, too large, not a zip, an entry that inflates beyond the limits or whose data
    is corrupt, or an XML part with a DOCTYPE."""
    path = Path(path)
    try:
        status = path.stat()
    except FileNotFoundError:
        missing = "a symbolic link to nothing" if os.path.islink(path) else "no such file"
        raise PackageError(f"{path}: {missing}") from None
    except (OSError, ValueError) as error:  # ValueError: a NUL in the path
        raise _unreadable(path, getattr(error, "strerror", None) or str(error)) from None
    if not stat.S_ISREG(status.st_mode):
        raise _unreadable(path, "not a regular file")
    if status.st_size > MAX_PACKAGE_BYTES:
        raise _unreadable(path, f"{status.st_size / _MB:.0f} MB: a template may hold "
                          f"{MAX_PACKAGE_BYTES // _MB} MB at most")
    try:
        with open(path, "rb", opener=_no_follow_fifo) as stream:
            data = stream.read(MAX_PACKAGE_BYTES + 1)
    except OSError as error:
        raise _unreadable(path, error.strerror or str(error)) from None
    if len(data) > MAX_PACKAGE_BYTES:
        raise _unreadable(path, f"larger than {MAX_PACKAGE_BYTES // _MB} MB")
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise _unreadable(path, "not a zip package, as every Word document is") from None
    except (zipfile.LargeZipFile, EOFError, ValueError, OSError) as error:
        raise _unreadable(path, str(error) or type(error).__name__) from None
    with package:
        entries = package.infolist()
        if len(entries) > MAX_ENTRIES:
            raise _unreadable(path, f"{len(entries):,} parts: a template may have "
                              f"{MAX_ENTRIES:,} at most")
        total = 0
        for entry in entries:
            if entry.file_size > MAX_ENTRY_BYTES:
                raise _unreadable(path, f"{entry.filename} would inflate to "
                                  f"{entry.file_size / _MB:,.0f} MB: a part may hold "
                                  f"{MAX_ENTRY_BYTES // _MB} MB at most")
            total += entry.file_size
        if total > MAX_TOTAL_BYTES:
            raise _unreadable(path, f"its parts would inflate to {total / _MB:,.0f} MB: a "
                              f"template may hold {MAX_TOTAL_BYTES // _MB} MB at most")
        for entry in entries:
            try:
                content = package.read(entry)
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError,
                    RuntimeError, ValueError) as error:
                raise _unreadable(path, f"{entry.filename}: {error}") from None
            if _declares_entities(entry.filename, content):
                raise _unreadable(path, f"{entry.filename} declares a DOCTYPE or entities, which "
                                  "a Word document never needs and a template may not hold")
    return data


def _declares_entities(name: str, content: bytes) -> bool:
    """Whether an XML part declares a document type (where entities are declared)."""
    if not name.lower().endswith((".xml", ".rels", ".vml")) and not content.lstrip(
            b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n").startswith(b"<"):
        return False
    return any(marker in content for marker in _DECLARATIONS)


def _no_follow_fifo(name: str, flags: int) -> int:
    """Opens without blocking, so that a file swapped for a FIFO after the check cannot hang."""
    return os.open(name, flags | os.O_NONBLOCK)
