"""Word packages: deterministic bytes, and the text a reader sees."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from lxml import etree

from ..template_tools.text import paragraph_text

__all__ = ["document_texts", "normalise"]

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
                texts.append(paragraph_text(paragraph))
    return texts
