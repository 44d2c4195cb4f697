"""Tables of contents of Word documents: the entries a TOC field's result shows, and a document's
own TOC field given the entries (and page numbers) of the same document refreshed elsewhere
(by LibreOffice, for the PDFs: `jhareport.office.pdf`)."""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from typing import Any

from attrs import frozen
from lxml import etree

from .package import NotAPackage, read_parts, replace_parts
from .template import W

__all__ = ["TocEntry", "TocError", "has_toc", "splice_toc", "toc_entries"]

_W_NS = W
_W = f"{{{_W_NS}}}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_DOCUMENT = "word/document.xml"
_STYLES = "word/styles.xml"
_TOC_STYLE = re.compile(r"^(?:toc|contents)\s*(\d+)$", re.IGNORECASE)
_DEFAULT_TEXT_WIDTH = 9026  # twentieths of a point: A4 with 1-inch margins


class TocError(ValueError):
    """A document whose table of contents cannot be read or replaced (or no Word document)."""


def _parts(docx: bytes, *names: str) -> list[bytes | None]:
    try:
        return read_parts(docx, *names)
    except NotAPackage as error:
        raise TocError(str(error)) from None


@frozen
class TocEntry:
    """One line of a table of contents: level 1 for a top-level heading, its text, its page."""

    level: int
    text: str
    page: str



# --- the table of contents --------------------------------------------------------------------


def _w(name: str) -> str:
    return f"{_W}{name}"


def _toc_style_ids(styles: bytes | None) -> dict[str, int]:
    """Paragraph style id -> TOC level, from the styles' names ("toc 1", "TOC 2", "Contents 3")."""
    levels: dict[str, int] = {}
    if styles is None:
        return levels
    for style in etree.fromstring(styles).iter(_w("style")):
        if style.get(_w("type")) != "paragraph":
            continue
        style_id = style.get(_w("styleId")) or ""
        name = style.find(_w("name"))
        label = name.get(_w("val")) if name is not None else style_id
        match = _TOC_STYLE.match(label or "") or _TOC_STYLE.match(style_id)
        if match:
            levels[style_id] = int(match.group(1))
    return levels


@frozen
class _Field:
    begin: Any
    separate: Any
    end: Any
    instruction: str


def _toc_field(root: Any) -> _Field:
    """The first complete TOC field (fldChar begin, instrText "TOC …", separate, end) of a body."""
    stack: list[dict[str, Any]] = []
    for element in root.iter(_w("fldChar"), _w("instrText")):
        if element.tag == _w("instrText"):
            if stack:
                stack[-1]["instruction"] += element.text or ""
            continue
        kind = element.get(_w("fldCharType"))
        if kind == "begin":
            stack.append({"begin": element, "separate": None, "instruction": ""})
        elif kind == "separate" and stack:
            stack[-1]["separate"] = element
        elif kind == "end" and stack:
            field = stack.pop()
            words = field["instruction"].split()
            if words and words[0].upper() == "TOC" and field["separate"] is not None:
                return _Field(begin=field["begin"], separate=field["separate"], end=element,
                              instruction=field["instruction"])
    raise TocError("the document has no complete table of contents field (TOC with begin, separate, end)")


def _ancestor(element: Any, tag: str) -> Any:
    node = element
    while node is not None and node.tag != tag:
        node = node.getparent()
    if node is None:
        raise TocError(f"a table of contents field outside a {tag}")
    return node


def _entry_from(paragraph: Any, after: Any | None, before: Any | None,
                levels: dict[str, int]) -> TocEntry | None:
    """The entry a TOC result paragraph shows: its text after `after` and before `before`."""
    started = after is None
    pieces: list[str] = []
    for element in paragraph.iter():
        if element is after:
            started = True
            continue
        if element is before:
            break
        if not started:
            continue
        if element.tag == _w("t"):
            pieces.append(element.text or "")
        elif element.tag == _w("tab") and element.getparent().tag == _w("r"):
            pieces.append("\t")
    text = "".join(pieces)
    if not text.strip():
        return None
    head, tab, page = text.rpartition("\t")
    if not tab:
        head, page = text, ""
    style = paragraph.find(f"{_w('pPr')}/{_w('pStyle')}")
    level = levels.get(style.get(_w("val")) if style is not None else "", 1)
    return TocEntry(level=level, text=head.strip(), page=page.strip())


def has_toc(docx: bytes) -> bool:
    """Whether the .docx has a table of contents field."""
    document = _parts(docx, _DOCUMENT)[0]
    if document is None:
        return False
    try:
        _toc_field(etree.fromstring(document))
    except TocError:
        return False
    return True


def toc_entries(docx: bytes) -> list[TocEntry]:
    """The entries of the first table of contents of a .docx, as its TOC field's result shows them
    (for LibreOffice's re-saved documents: the refreshed text and page numbers)."""
    document, styles = _parts(docx, _DOCUMENT, _STYLES)
    if document is None:
        raise TocError(f"not a Word document: no {_DOCUMENT}")
    root = etree.fromstring(document)
    field = _toc_field(root)
    levels = _toc_style_ids(styles)
    first = _ancestor(field.separate, _w("p"))
    last = _ancestor(field.end, _w("p"))
    entries: list[TocEntry] = []
    inside = False
    for paragraph in root.iter(_w("p")):
        if paragraph is first:
            inside = True
        if inside:
            entry = _entry_from(paragraph, field.separate if paragraph is first else None,
                                field.end if paragraph is last else None, levels)
            if entry is not None:
                entries.append(entry)
        if paragraph is last:
            break
    return entries


def _text_width(root: Any, paragraph: Any) -> int | None:
    """The width between the margins of the section holding `paragraph`, in twentieths of a point."""
    seen = False
    for element in root.iter():
        if element is paragraph:
            seen = True
        elif seen and element.tag == _w("sectPr"):
            size, margins = element.find(_w("pgSz")), element.find(_w("pgMar"))
            try:
                width = int(size.get(_w("w")))
                left, right = int(margins.get(_w("left"))), int(margins.get(_w("right")))
                gutter = int(margins.get(_w("gutter")) or 0)
            except (AttributeError, TypeError, ValueError):
                return None
            return width - left - right - gutter
    return None


def _sub(parent: Any, name: str, **attributes: str) -> Any:
    element = etree.SubElement(parent, _w(name))
    for key, value in attributes.items():
        element.set(_w(key), value)
    return element


def _entry_paragraph(entry: TocEntry, style_ids: dict[int, str], tab_position: int) -> Any:
    paragraph = etree.Element(_w("p"), nsmap={"w": _W_NS})
    properties = _sub(paragraph, "pPr")
    if entry.level in style_ids:
        _sub(properties, "pStyle", val=style_ids[entry.level])
    tabs = _sub(properties, "tabs")
    _sub(tabs, "tab", val="right", leader="dot", pos=str(tab_position))
    if entry.level not in style_ids:
        _sub(properties, "ind", left=str(220 * (entry.level - 1)))
    run = _sub(paragraph, "r")
    for i, piece in enumerate(entry.text.split("\t")):
        if i:
            _sub(run, "tab")
        if piece:
            _sub(run, "t").text = piece
            run[-1].set(_XML_SPACE, "preserve")
    if entry.page:
        _sub(run, "tab")
        _sub(run, "t").text = entry.page
    return paragraph


def _replace_toc_result(root: Any, entries: Sequence[TocEntry], style_ids: dict[int, str],
                        tab_position: int) -> None:
    field = _toc_field(root)
    begin_run, separate_run, end_run = (field.begin.getparent(), field.separate.getparent(),
                                        field.end.getparent())
    first = _ancestor(field.begin, _w("p"))
    last = _ancestor(field.end, _w("p"))
    if begin_run.getparent() is not first or separate_run.getparent() is not first:
        raise TocError("the table of contents field must begin and separate in one paragraph")
    if end_run.getparent() is not last or first.getparent() is not last.getparent():
        raise TocError("the table of contents field must end in a paragraph beside the one it begins in")
    children = list(first)
    start, stop = children.index(begin_run), children.index(separate_run)
    leading = [child for child in children[:start] if child.tag != _w("pPr")]
    head = children[start:stop + 1]
    trailing = list(last)[list(last).index(end_run) + 1:]
    paragraphs = [_entry_paragraph(entry, style_ids, tab_position) for entry in entries]
    if not paragraphs:
        empty = etree.Element(_w("p"), nsmap={"w": _W_NS})
        properties = first.find(_w("pPr"))
        if properties is not None:
            empty.append(copy.deepcopy(properties))
        paragraphs = [empty]
    opening, closing = paragraphs[0], paragraphs[-1]
    at = 1 if opening.find(_w("pPr")) is not None else 0
    for offset, child in enumerate([*leading, *head]):
        opening.insert(at + offset, child)
    closing.append(end_run)
    for child in trailing:
        closing.append(child)

    parent = first.getparent()
    siblings = list(parent)
    position = siblings.index(first)
    for old in siblings[position:siblings.index(last) + 1]:
        parent.remove(old)
    for offset, paragraph in enumerate(paragraphs):
        parent.insert(position + offset, paragraph)


def _refreshed_tab_position(refreshed_document: bytes | None) -> int | None:
    """The right tab LibreOffice gave the entries (the text width it laid them out on)."""
    if refreshed_document is None:
        return None
    root = etree.fromstring(refreshed_document)
    try:
        paragraph = _ancestor(_toc_field(root).separate, _w("p"))
    except TocError:
        return None
    for tab in paragraph.iterfind(f"{_w('pPr')}/{_w('tabs')}/{_w('tab')}"):
        if tab.get(_w("val")) == "right" and (tab.get(_w("pos")) or "").lstrip("-").isdigit():
            return int(tab.get(_w("pos")))
    return None


def splice_toc(original: bytes, refreshed: bytes) -> bytes:
    """`original` with the result of its TOC field replaced by the entries of `refreshed`'s (the
    same document as LibreOffice re-saved it after updating its table of contents).

    Each entry becomes a paragraph in the original's own "toc N" style with "text<tab>page" and a
    right tab with a dot leader; the field's begin, instruction, separate and end stay, so Word can
    update it again. Only word/document.xml changes; the package keeps its entries' order and dates,
    so equal inputs give equal bytes."""
    entries = toc_entries(refreshed)
    (refreshed_document,) = _parts(refreshed, _DOCUMENT)
    document, styles = _parts(original, _DOCUMENT, _STYLES)
    if document is None:
        raise TocError(f"not a Word document: no {_DOCUMENT}")
    root = etree.fromstring(document)
    style_ids: dict[int, str] = {}
    # "toc N" (Word's name) before "Contents N" (LibreOffice's), then by id, for a stable choice.
    ranked = sorted(_toc_style_ids(styles).items(), key=lambda item: (not item[0].lower().startswith("toc"),
                                                                       item[0]))
    for style_id, level in ranked:
        style_ids.setdefault(level, style_id)
    first = _ancestor(_toc_field(root).begin, _w("p"))
    width = _text_width(root, first) or _refreshed_tab_position(refreshed_document) or _DEFAULT_TEXT_WIDTH
    _replace_toc_result(root, entries, style_ids, width)
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return replace_parts(original, {_DOCUMENT: xml})


