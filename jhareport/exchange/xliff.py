"""XLIFF 1.2 files: a year's texts written for a CAT tool, and read back, as untrusted input.

One `<file>` per file of the year (its `original`: the year and the file, `2023/meetings.yaml`),
one `<trans-unit>` per text, its id the text's unit. Inline codes are `<bpt>`/`<ept>` (bold,
italics, links) and `<ph>` (footnote marks, paragraph and list-item starts, footnotes' texts),
each holding the Markdown it stands for (see `inline`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from attrs import frozen
from lxml import etree

from .inline import Code, Piece

__all__ = ["NS", "ReadUnit", "Unit", "XliffError", "read_xliff", "write_xliff"]

NS = "urn:oasis:names:tc:xliff:document:1.2"
_X = f"{{{NS}}}"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_CTYPES = {"bold": "bold", "italic": "italic", "link": "link", "footnote": "x-footnote",
           "block": "lb", "note": "x-footnote-text"}
_KINDS = {ctype: kind for kind, ctype in _CTYPES.items()}

MAX_BYTES = 64 * 1024 * 1024
"""The largest XLIFF file read (a 50,000-action scorecard exports to about 40 MB)."""
MAX_UNITS = 200_000
"""The most units a file may hold."""


class XliffError(ValueError):
    """A file that is not XLIFF 1.2 this project reads; `line` counts from 1."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


@frozen
class Unit:
    """A text as an export writes it."""

    id: str
    source: Sequence[Piece]
    target: Sequence[Piece] | None
    state: str | None  # the target's state: translated, needs-review-translation
    note: str
    previous: tuple[Sequence[Piece], Sequence[Piece]] | None = None  # the English and the
    # translation made from it, when the English changed since


@frozen
class ReadUnit:
    """A unit as a file gives it back."""

    id: str
    line: int | None
    source: list[Piece]
    target: list[Piece] | None
    state: str | None
    approved: bool
    language: str | None  # the target's xml:lang, if given


def write_xliff(files: dict[str, list[Unit]], *, year: int, source_language: str,
                target_language: str, note: str) -> bytes:
    """The XLIFF document of a year's units, grouped by the year's file."""
    root = etree.Element(f"{_X}xliff", nsmap={None: NS}, version="1.2")
    for name, units in files.items():
        file = etree.SubElement(root, f"{_X}file", {
            "original": f"{year}/{name}", "source-language": source_language,
            "target-language": target_language, "datatype": "x-jhareport-markdown",
            "product-name": "jhareport"})
        header = etree.SubElement(file, f"{_X}header")
        etree.SubElement(header, f"{_X}note").text = note
        body = etree.SubElement(file, f"{_X}body")
        for unit in units:
            element = etree.SubElement(body, f"{_X}trans-unit", {"id": unit.id,
                                                                  _XML_SPACE: "preserve"})
            source = etree.SubElement(element, f"{_X}source", {_XML_LANG: source_language})
            _content(source, unit.source)
            if unit.target is not None:
                target = etree.SubElement(element, f"{_X}target", {_XML_LANG: target_language})
                if unit.state:
                    target.set("state", unit.state)
                _content(target, unit.target)
            if unit.previous is not None:
                alternative = etree.SubElement(element, f"{_X}alt-trans",
                                               alttranstype="previous-version")
                _content(etree.SubElement(alternative, f"{_X}source",
                                          {_XML_LANG: source_language}), unit.previous[0])
                _content(etree.SubElement(alternative, f"{_X}target",
                                          {_XML_LANG: target_language}), unit.previous[1])
            etree.SubElement(element, f"{_X}note", {"from": "jhareport"}).text = unit.note
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data


def _content(element: etree._Element, pieces: Sequence[Piece]) -> None:
    last: etree._Element | None = None
    for piece in pieces:
        if isinstance(piece, str):
            if last is None:
                element.text = (element.text or "") + piece
            else:
                last.tail = (last.tail or "") + piece
            continue
        if piece.kind in ("bold", "italic", "link"):
            tag = "ept" if piece.close else "bpt"
            last = etree.SubElement(element, f"{_X}{tag}", id=piece.id)
            if not piece.close:
                last.set("ctype", _CTYPES[piece.kind])
        else:
            last = etree.SubElement(element, f"{_X}ph", id=piece.id, ctype=_CTYPES[piece.kind])
        last.text = piece.native


# -- reading --------------------------------------------------------------------------------------

_DECLARATIONS = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


def read_xliff(data: bytes) -> tuple[list[tuple[str, str | None, str | None, int | None]],
                                     list[tuple[str, ReadUnit]]]:
    """The files (original, source and target languages, line) and units (with the original
    of their file) of an XLIFF 1.2 document. Raises XliffError for what is not one: a DOCTYPE
    or entity declarations (refused, never read), malformed XML, another XML vocabulary, more
    than MAX_UNITS units, an element of the inline content the export does not write."""
    if len(data) > MAX_BYTES:
        raise XliffError(f"too large ({len(data) / 1e6:.0f} MB): an XLIFF file may hold "
                         f"{MAX_BYTES // (1024 * 1024)} MB at most")
    found = _DECLARATIONS.search(data)
    if found:
        line = data.count(b"\n", 0, found.start()) + 1
        raise XliffError("a DOCTYPE or an entity declaration: an XLIFF file has none", line)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise XliffError(f"not well-formed XML: {error.msg}", error.lineno or None) from None
    if root.tag != f"{_X}xliff":
        raise XliffError(f"not an XLIFF 1.2 document: the root element is "
                         f"<{etree.QName(root).localname}> in "
                         f"{etree.QName(root).namespace or 'no namespace'}", root.sourceline)
    version = root.get("version")
    if version != "1.2":
        raise XliffError(f"XLIFF version {version!r}: only XLIFF 1.2 is read", root.sourceline)
    files: list[tuple[str, str | None, str | None, int | None]] = []
    units: list[tuple[str, ReadUnit]] = []
    for file in root.iterfind(f"{_X}file"):
        original = file.get("original", "")
        files.append((original, file.get("source-language"), file.get("target-language"),
                      file.sourceline))
        for element in file.iter(f"{_X}trans-unit"):
            if len(units) >= MAX_UNITS:
                raise XliffError(f"more than {MAX_UNITS:,} units", element.sourceline)
            units.append((original, _unit(element)))
    return files, units


def _unit(element: etree._Element) -> ReadUnit:
    line = element.sourceline
    source = element.find(f"{_X}source")
    if source is None:
        raise XliffError(f"the unit {element.get('id')!r} has no <source>", line)
    target = element.find(f"{_X}target")
    return ReadUnit(
        id=element.get("id", ""), line=line, source=list(_pieces(source)),
        target=list(_pieces(target)) if target is not None else None,
        state=target.get("state") if target is not None else None,
        approved=element.get("approved") == "yes",
        language=target.get(_XML_LANG) if target is not None else None)


def _pieces(element: etree._Element) -> Iterator[Piece]:
    """The words and codes of a <source> or <target>; a CAT tool's <mrk> and <g> marks are
    read through (their words count), kinds of paired codes come from their <bpt>."""
    kinds: dict[str, str] = {}
    yield from _walk(element, kinds)


def _walk(element: etree._Element, kinds: dict[str, str]) -> Iterator[Piece]:
    if element.text:
        yield element.text
    for child in element:
        name = etree.QName(child).localname if isinstance(child.tag, str) else ""
        if etree.QName(child).namespace != NS:
            raise XliffError(f"an element <{name}> of another vocabulary in a unit's text",
                             child.sourceline)
        code_id = child.get("id", "")
        if name == "bpt":
            kind = _KINDS.get(child.get("ctype", ""), "paired")
            kinds[code_id] = kind
            yield Code(code_id, kind if kind in ("bold", "italic", "link") else "paired",
                       child.text or "")
        elif name == "ept":
            kind = kinds.get(code_id, "paired")
            yield Code(code_id, kind if kind in ("bold", "italic", "link") else "paired",
                       child.text or "", close=True)
        elif name in ("ph", "x"):
            yield Code(code_id, _KINDS.get(child.get("ctype", ""), "placeholder"),
                       child.text or "")
        elif name == "mrk":
            yield from _walk(child, kinds)
        elif name == "g":
            yield Code(code_id, "paired", "")
            yield from _walk(child, kinds)
            yield Code(code_id, "paired", "", close=True)
        else:
            raise XliffError(f"an inline element <{name}> the export does not write (only "
                             "<bpt>, <ept> and <ph>)", child.sourceline)
        if child.tail:
            yield child.tail
