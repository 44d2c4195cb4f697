"""Word packages: rendered parts checked and written as deterministic bytes, and the text a reader
sees."""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Mapping
from datetime import datetime

from lxml import etree
from markupsafe import escape

from .template import CP, CT, DC, PR, RT_CORE, W
from .text import paragraph_text

__all__ = ["DECLARATION", "NotAPackage", "checked", "core_properties", "document_texts",
           "normalise", "paragraph_texts", "read_parts", "replace_parts", "write_package"]

# A run's text, or a non-breaking hyphen (read as "-").
_TEXT_RUN = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>|(<w:noBreakHyphen/>)")
DECLARATION = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
_CORE_PART = "docProps/core.xml"
_CT_CORE = "application/vnd.openxmlformats-package.core-properties+xml"


class _WellFormed:
    """A parser target that keeps nothing: parsing with it only checks that XML is well formed."""

    def close(self) -> None:
        return None


def checked(data: bytes) -> bytes:
    """`data` itself once lxml has read it through (XMLSyntaxError when it is not well formed);
    nothing is built, so a large part costs no tree."""
    etree.fromstring(data, etree.XMLParser(target=_WellFormed(), huge_tree=True))
    return data


def core_properties(*, title: str, subject: str, creator: str, keywords: str, stamp: datetime,
                    description: str = "", identifier: str = "", language: str = "",
                    category: str = "") -> bytes:
    """docProps/core.xml: the fields are plain text, escaped here; dates are the build's stamp."""
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    optional = "".join(f"<{tag}>{escape(value)}</{tag}>" for tag, value in (
        ("dc:description", description), ("dc:identifier", identifier),
        ("dc:language", language), ("cp:category", category)) if value)
    xml = (f'<cp:coreProperties xmlns:cp="{CP}" xmlns:dc="{DC}" '
           'xmlns:dcterms="http://purl.org/dc/terms/" '
           'xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
           f"<dc:title>{escape(title)}</dc:title><dc:subject>{escape(subject)}</dc:subject>"
           f"<dc:creator>{escape(creator)}</dc:creator><cp:keywords>{escape(keywords)}</cp:keywords>"
           f"{optional}<cp:lastModifiedBy>{escape(creator)}</cp:lastModifiedBy>"
           "<cp:revision>1</cp:revision>"
           f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
           f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>'
           "</cp:coreProperties>")
    return DECLARATION + xml.encode("utf-8")


def with_core_part(entries: dict[str, bytes], core: str | None) -> str:
    """The name of the core properties part, declared in the package when it had none."""
    if core is not None:
        return core
    rels = etree.fromstring(entries["_rels/.rels"])
    ids = {r.get("Id") for r in rels}
    number = next(n for n in range(1, len(ids) + 2) if f"rId{n}" not in ids)
    etree.SubElement(rels, f"{{{PR}}}Relationship", Id=f"rId{number}", Type=RT_CORE,
                     Target=_CORE_PART)
    entries["_rels/.rels"] = DECLARATION + etree.tostring(rels, encoding="UTF-8")
    types = etree.fromstring(entries["[Content_Types].xml"])
    etree.SubElement(types, f"{{{CT}}}Override", PartName=f"/{_CORE_PART}", ContentType=_CT_CORE)
    entries["[Content_Types].xml"] = DECLARATION + etree.tostring(types, encoding="UTF-8")
    return _CORE_PART


def write_package(entries: Mapping[str, bytes], stamp: datetime) -> bytes:
    """The package: the content types and package relationships first, then every other part in
    the order given, each entry dated `stamp`, so equal content gives equal bytes."""
    first = ("[Content_Types].xml", "_rels/.rels")
    names = [*(n for n in first if n in entries), *(n for n in entries if n not in first)]
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=stamp.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            out.writestr(info, entries[name])
    return target.getvalue()


def paragraph_texts(data: bytes) -> list[str]:
    """The text of each paragraph of a part (body, tables, footnotes) as a reader sees it, each
    text once, in the order they first come.

    The part was just written and read through by `checked`: its text runs are found by pattern,
    which costs a fraction of building its tree again, and each distinct paragraph (with what
    stands between it and the one before) is read once: table cells repeat states and names.
    """
    texts: dict[str, None] = {}
    start = 0
    while True:  # a part is read a stretch of paragraphs at a time, never decoded whole
        end = data.find(b"</w:p>", start + _STRETCH)
        stretch = data[start:] if end < 0 else data[start:end + len(b"</w:p>")]
        for paragraph in dict.fromkeys(stretch.decode("utf-8").split("</w:p>")[:-1]):
            text = "".join(piece or ("-" if hyphen else "") for piece, hyphen
                           in _TEXT_RUN.findall(paragraph))
            texts[html.unescape(text) if "&" in text else text] = None
        if end < 0:
            return list(texts)
        start = end + len(b"</w:p>")


_STRETCH = 1 << 20  # bytes of a part read at a time for its texts


_W = f"{{{W}}}"


def normalise(data: bytes, stamp: datetime) -> bytes:
    """A package made elsewhere (python-docx) with every zip entry dated `stamp`, so equal
    content gives equal bytes."""
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
    """The text of each paragraph of the body, tables and footnotes of a .docx, as a reader
    sees it."""
    texts: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = set(package.namelist())
        for name in ("word/document.xml", "word/footnotes.xml"):
            if name in names:
                root = etree.fromstring(package.read(name))
                texts.extend(paragraph_text(p) for p in root.iter(f"{_W}p"))
    return texts


class NotAPackage(ValueError):
    """Bytes that are no zip package, where a Word document was expected."""


def read_parts(docx: bytes, *names: str) -> list[bytes | None]:
    """The parts of a package by name (None for a part it lacks); NotAPackage for bytes that are
    no zip package."""
    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as package:
            present = set(package.namelist())
            return [package.read(name) if name in present else None for name in names]
    except zipfile.BadZipFile as error:
        raise NotAPackage(f"not a Word document: {error}") from error


def replace_parts(original: bytes, replaced: dict[str, bytes]) -> bytes:
    """`original` with the parts of `replaced` swapped in: entry order, dates and attributes kept."""
    target = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as source, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=item.date_time)
            info.compress_type = item.compress_type
            info.external_attr = item.external_attr
            info.internal_attr = item.internal_attr
            info.create_system = item.create_system
            info.comment = item.comment
            out.writestr(info, replaced[item.filename] if item.filename in replaced
                         else source.read(item.filename))
        out.comment = source.comment
    return target.getvalue()
