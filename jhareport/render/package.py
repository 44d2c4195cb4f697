"""Word packages as files: deterministic bytes, the text a reader sees, atomic writing."""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from lxml import etree

__all__ = ["document_texts", "normalise", "write_atomically"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT_PARTS = ("word/document.xml", "word/footnotes.xml")


def normalise(data: bytes, stamp: datetime) -> bytes:
    """The same package with every zip entry dated `stamp`, so equal content gives equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=stamp.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            out.writestr(info, source.read(item.filename))
    return target.getvalue()


def document_texts(data: bytes) -> list[str]:
    """The text of each paragraph of the body, tables and footnotes, as a reader sees it."""
    texts: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = set(package.namelist())
        for name in _TEXT_PARTS:
            if name not in names:
                continue
            root = etree.fromstring(package.read(name))
            for paragraph in root.iter(f"{_W}p"):
                texts.append("".join(t.text or "" for t in paragraph.iter(f"{_W}t")))
    return texts


def write_atomically(files: Mapping[Path, bytes]) -> None:
    """Write every file or none: all are written beside their targets first, then renamed."""
    staged: list[tuple[Path, Path]] = []
    mask = os.umask(0)
    os.umask(mask)
    try:
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.chmod(name, 0o666 & ~mask)  # as an ordinary new file, not mkstemp's 0600
            staged.append((Path(name), path))
        for temporary, path in staged:
            os.replace(temporary, path)
    finally:
        for temporary, _ in staged:
            if temporary.exists():
                temporary.unlink()
