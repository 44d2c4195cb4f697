"""Pictures of a template that a screen reader cannot describe: no alternative text.

A picture an agency puts in a template's body or footnotes (a logo on the cover, a photo, a
diagram) becomes a /Figure of the PDF, which PDF/UA-1 (ISO 14289-1, 7.3) requires to carry an
alternative text: Word's "Alt Text" (the drawing's description, or its title). Pictures in headers
and footers are left alone: the PDF marks headers and footers as artifacts, which screen readers
skip, as they should skip a logo repeated on every page.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from attrs import frozen
from lxml import etree

from .inspect import TemplateReadError

__all__ = ["MissingAltText", "pictures_without_alt_text"]

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {
    "w": _W,
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "v": "urn:schemas-microsoft-com:vml",
    "adec": "http://schemas.microsoft.com/office/drawing/2017/decorative",
}
# Drawings that show a picture (not text boxes or shapes, which are tagged by their text).
_PICTURE_DATA = ("/picture", "/chart", "/diagram")


@frozen
class MissingAltText:
    """A picture without alternative text: its place (as `template lint` names places), the
    text of its paragraph, and what to do."""

    where: str
    text: str
    message: str


def _children(container: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs and tables, those of content controls spliced in (as `template show` counts)."""
    for element in container:
        if not isinstance(element.tag, str):  # comments and processing instructions
            continue
        if etree.QName(element).localname == "sdt":
            content = element.find("w:sdtContent", _NS)
            if content is not None:
                yield from _children(content)
        else:
            yield element


def _paragraphs(container: etree._Element, prefix: str) -> Iterator[tuple[str, etree._Element]]:
    paragraphs = tables = 0
    for element in _children(container):
        tag = etree.QName(element).localname
        if tag == "p":
            paragraphs += 1
            yield f"{prefix}paragraph {paragraphs}", element
        elif tag == "tbl":
            tables += 1
            for r, row in enumerate(element.iterfind("w:tr", _NS), start=1):
                for c, cell in enumerate(row.iterfind("w:tc", _NS), start=1):
                    inner = list(_paragraphs(cell, ""))
                    for where, paragraph in inner:
                        label = f"{prefix}table {tables}, row {r}, cell {c}"
                        yield (f"{label}, {where}" if len(inner) > 1 else label), paragraph


def _text(paragraph: etree._Element) -> str:
    return "".join(t.text or "" for t in paragraph.iter(f"{{{_W}}}t"))


def _problems(paragraph: etree._Element) -> Iterator[str]:
    for properties in paragraph.iterfind(".//wp:docPr", _NS):
        drawing = properties.getparent()
        data = drawing.find("a:graphic/a:graphicData", _NS) if drawing is not None else None
        uri = data.get("uri", "") if data is not None else ""
        if not uri.endswith(_PICTURE_DATA):
            continue
        if (properties.get("descr") or "").strip() or (properties.get("title") or "").strip():
            continue
        name = properties.get("name") or "a picture"
        if properties.find(".//adec:decorative", _NS) is not None:
            yield (f"the picture “{name}” is marked decorative, but LibreOffice's PDF still shows "
                   "it to screen readers as a figure: give it an alternative text (Word: right "
                   "click, View Alt Text), or move it to the header or footer")
        else:
            yield (f"the picture “{name}” has no alternative text, so a screen reader cannot say "
                   "what it shows: add one (Word: right click, View Alt Text)")
    for shape in paragraph.iterfind(".//v:shape", _NS):
        if shape.find("v:imagedata", _NS) is None or (shape.get("alt") or "").strip():
            continue
        yield ("a picture has no alternative text, so a screen reader cannot say what it shows: "
               "add one (Word: right click, View Alt Text)")


def pictures_without_alt_text(path: str | Path) -> list[MissingAltText]:
    """The pictures of a template's body and footnotes that have no alternative text, in
    document order. Raises TemplateReadError for a file that is no Word document."""
    source = Path(path)
    try:
        with zipfile.ZipFile(io.BytesIO(source.read_bytes())) as package:
            names = package.namelist()
            parts = [("word/document.xml", "")]
            if "word/footnotes.xml" in names:
                parts.append(("word/footnotes.xml", "footnotes, "))
            roots = [(etree.fromstring(package.read(name)), prefix) for name, prefix in parts
                     if name in names]
    except (OSError, zipfile.BadZipFile, etree.XMLSyntaxError, KeyError) as error:
        raise TemplateReadError(f"{source}: not a readable Word document ({error})") from None
    found: list[MissingAltText] = []
    for root, prefix in roots:
        containers = ([root.find("w:body", _NS)] if not prefix else
                      [note for note in root.iterfind("w:footnote", _NS)
                       if note.get(f"{{{_W}}}type") is None])
        for container in containers:
            if container is None:
                continue
            for where, paragraph in _paragraphs(container, prefix):
                text = re.sub(r"\s+", " ", _text(paragraph))
                found.extend(MissingAltText(where, text, message) for message in _problems(paragraph))
    return found
