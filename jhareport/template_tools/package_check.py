"""A Word package checked before anything reads it: templates travel by e-mail.

A .docx is a zip of XML parts. Before a template (or a returned contribution form) is inflated
for building, linting or showing, its file must be a regular file of reasonable size; its
entries' count and declared sizes are checked against the limits, and how much each is
compressed (Python's zipfile never inflates an entry beyond its declared size, so a "zip bomb" is
refused before it takes memory); then each entry is inflated once, which finds corrupt deflate
streams, and no XML part may declare a DOCTYPE (entities could expand to gigabytes, or read files
of the machine).
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
import zlib
from pathlib import Path

from attrs import frozen

__all__ = ["MAX_ENTRIES", "MAX_ENTRY_BYTES", "MAX_PACKAGE_BYTES", "MAX_RATIO", "MAX_TOTAL_BYTES",
           "TEMPLATE_LIMITS", "Limits", "PackageError", "check_package"]

MAX_PACKAGE_BYTES = 64 * 1024 * 1024
"""The largest template file read (the built-in ones take 40 KB; pictures make them larger)."""
MAX_ENTRY_BYTES = 64 * 1024 * 1024
"""The most one part of a template may inflate to."""
MAX_TOTAL_BYTES = 256 * 1024 * 1024
"""The most all parts of a template together may inflate to."""
MAX_ENTRIES = 10_000
"""The most parts a template may have (Word's own files have a few dozen)."""
MAX_RATIO = 200
"""The most a part of more than a megabyte may be compressed (XML compresses ten to fifty
times; a zip bomb a thousand)."""


@frozen
class Limits:
    """How large a package, its parts and its compression may be; `what` names the file kind
    in messages ("a template")."""

    what: str = "a template"
    package: int = MAX_PACKAGE_BYTES
    entry: int = MAX_ENTRY_BYTES
    total: int = MAX_TOTAL_BYTES
    entries: int = MAX_ENTRIES
    ratio: int = MAX_RATIO
    follow_links: bool = True  # False: a symbolic link is refused, not read


TEMPLATE_LIMITS = Limits()

_MB = 1024 * 1024
# The markup that starts a document type declaration, in the encodings an XML part may use.
_DECLARATIONS = tuple(marker.encode(encoding) for marker in ("<!DOCTYPE", "<!ENTITY")
                      for encoding in ("ascii", "utf-16-le", "utf-16-be"))


class PackageError(ValueError):
    """A file that is not a Word package jhareport will read; the message names the file and
    the part."""


def _unreadable(path: Path, message: str) -> PackageError:
    return PackageError(f"{path}: not a readable Word document ({message})")


def check_package(path: str | Path, limits: Limits = TEMPLATE_LIMITS) -> bytes:
    """The bytes of the Word package at `path`, once it is known to be safe to inflate.

    Raises PackageError naming the file (and the part) for anything else: no such file, not a
    regular file, too large, not a zip, too many entries, an entry that inflates beyond the
    limits, too compressed or whose data is corrupt, or an XML part with a DOCTYPE."""
    path = Path(path)
    what = limits.what
    try:
        status = path.stat() if limits.follow_links else path.lstat()
    except FileNotFoundError:
        missing = "a symbolic link to nothing" if os.path.islink(path) else "no such file"
        raise PackageError(f"{path}: {missing}") from None
    except (OSError, ValueError) as error:  # ValueError: a NUL in the path
        raise _unreadable(path, getattr(error, "strerror", None) or str(error)) from None
    if stat.S_ISLNK(status.st_mode):
        raise _unreadable(path, "a symbolic link, which is not followed")
    if not stat.S_ISREG(status.st_mode):
        raise _unreadable(path, "not a regular file")
    if status.st_size > limits.package:
        raise _unreadable(path, f"{status.st_size / _MB:.0f} MB: {what} may hold "
                          f"{limits.package // _MB} MB at most")
    opener = _no_follow_fifo if limits.follow_links else _no_follow_fifo_nor_link
    try:
        with open(path, "rb", opener=opener) as stream:
            # No more than the file holds (a buffer of the limit would take its memory).
            data = stream.read(min(status.st_size, limits.package) + 1)
    except OSError as error:
        raise _unreadable(path, error.strerror or str(error)) from None
    if len(data) > limits.package:
        raise _unreadable(path, f"larger than {limits.package // _MB} MB")
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise _unreadable(path, "not a zip package, as every Word document is") from None
    except (zipfile.LargeZipFile, EOFError, ValueError, OSError) as error:
        raise _unreadable(path, str(error) or type(error).__name__) from None
    with package:
        entries = package.infolist()
        if len(entries) > limits.entries:
            raise _unreadable(path, f"{len(entries):,} parts: {what} may have "
                              f"{limits.entries:,} at most")
        total = 0
        for entry in entries:
            if entry.file_size > limits.entry:
                raise _unreadable(path, f"{_name(entry)} would inflate to "
                                  f"{entry.file_size / _MB:,.0f} MB: a part may hold "
                                  f"{limits.entry // _MB} MB at most")
            total += entry.file_size
        if total > limits.total:
            raise _unreadable(path, f"its parts would inflate to {total / _MB:,.0f} MB: "
                              f"{what} may hold {limits.total // _MB} MB at most")
        for entry in entries:
            if entry.file_size > _MB and entry.file_size > limits.ratio * max(entry.compress_size, 1):
                raise _unreadable(path, f"{_name(entry)} is compressed "
                                  f"{entry.file_size // max(entry.compress_size, 1):,} times: "
                                  f"more than {limits.ratio} times is a zip bomb, not a document")
        for entry in entries:
            try:
                content = package.read(entry)
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError,
                    RuntimeError, ValueError) as error:
                raise _unreadable(path, f"{_name(entry)}: {error}") from None
            if _declares_entities(entry.filename, content):
                raise _unreadable(path, f"{_name(entry)} declares a DOCTYPE or entities, which "
                                  f"a Word document never needs and {what} may not hold")
    return data


def _name(entry: zipfile.ZipInfo) -> str:
    """A part's name for a message: an entry's name comes from the file, so it is cut short."""
    name = entry.filename
    return name if len(name) <= 80 else f"{name[:60]}…({len(name):,} characters)"


def _declares_entities(name: str, content: bytes) -> bool:
    """Whether an XML part declares a document type (where entities are declared)."""
    if not name.lower().endswith((".xml", ".rels", ".vml")) and not content.lstrip(
            b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n").startswith(b"<"):
        return False
    return any(marker in content for marker in _DECLARATIONS)


def _no_follow_fifo(name: str, flags: int) -> int:
    """Opens without blocking, so that a file swapped for a FIFO after the check cannot hang."""
    return os.open(name, flags | os.O_NONBLOCK)


def _no_follow_fifo_nor_link(name: str, flags: int) -> int:
    """As `_no_follow_fifo`, and a file swapped for a symbolic link is not followed either."""
    return os.open(name, flags | os.O_NONBLOCK | os.O_NOFOLLOW)
