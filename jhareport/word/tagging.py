"""Word documents made ready for LibreOffice's tagged PDF (PDF/UA): what its charts say of
themselves, and styles renamed where LibreOffice would take their names for tags of another
meaning. Used on the copies LibreOffice converts (`jhareport.office.pdf`), never on the outputs."""

from __future__ import annotations

from lxml import etree

from .package import NotAPackage, read_parts, replace_parts
from .template import W

__all__ = ["STANDARD_STRUCTURE_TYPES", "chart_descriptions", "tagging_safe"]

_W = f"{{{W}}}"
_DOCUMENT = "word/document.xml"
_STYLES = "word/styles.xml"


def _w(name: str) -> str:
    return f"{_W}{name}"


# The standard structure types of ISO 32000-1, 14.8.4, which PDF/UA-1 requires to keep their meaning.
STANDARD_STRUCTURE_TYPES = frozenset({
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
    "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl", "LBody",
    "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note", "Reference",
    "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT", "WP", "Figure",
    "Formula", "Form",
})


_CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def chart_descriptions(docx: bytes) -> list[list[str]]:
    """The title and alternative text of each chart of the document's body, in order (none for a
    file that is no Word package: LibreOffice says what it makes of it)."""
    try:
        document = read_parts(docx, _DOCUMENT)[0]
    except NotAPackage:
        return []
    if document is None or _CHART_URI.encode() not in document:
        return []
    root = etree.fromstring(document)
    described = []
    for frame in root.iter(f"{{{_WP}}}inline", f"{{{_WP}}}anchor"):
        data = frame.find(f".//{{{_A}}}graphicData")
        if data is not None and data.get("uri") == _CHART_URI:
            properties = frame.find(f"{{{_WP}}}docPr")
            names = properties.attrib if properties is not None else {}
            described.append([names.get("title", ""), names.get("descr", "")])
    return described


def tagging_safe(docx: bytes) -> bytes:
    """The document with its styles renamed where LibreOffice would take their names for PDF tags
    of another meaning.

    LibreOffice tags a paragraph with its style's name (mapped to /P in the role map), so a
    paragraph in a style named "Figure" (the one that holds a chart) or "Quote" became a /Figure
    without alternative text, or a /Quote: a screen reader announces a picture that is not there.
    Such styles get a name that is no structure type ("Figure style"); styles are referred to by
    their ids, so nothing else changes. Used on the copy LibreOffice converts, not on the output;
    what is no Word document is left as it is, for LibreOffice to open or refuse."""
    try:
        (styles,) = read_parts(docx, _STYLES)
    except NotAPackage:
        return docx
    if styles is None:
        return docx
    root = etree.fromstring(styles)
    names = {name.get(_w("val")) for name in root.iter(_w("name"))}
    renamed = False
    for style in root.iter(_w("style")):
        name = style.find(_w("name"))
        value = name.get(_w("val")) if name is not None else None
        if name is None or value not in STANDARD_STRUCTURE_TYPES:
            continue
        new = f"{value} style"
        while new in names:
            new += " style"
        name.set(_w("val"), new)
        names.add(new)
        renamed = True
    if not renamed:
        return docx
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return replace_parts(docx, {_STYLES: xml})


