"""The text of a paragraph as a reader sees it, read from WordprocessingML with lxml alone.

One reading serves the template tools, the snapshots of the pytest plugin and the build's own
look at what a document says: tabs stay tabs, line breaks stay line breaks, deleted text is gone,
and the text of a text box belongs to the text box, not to the paragraph it is anchored in.

`shown` gives the line a reviewer reads (`template show`, the outline snapshot): tabs and line
breaks marked as Word marks them (→ and ↵) so that a paragraph stays on one line, pictures with
their size and alternative text, text boxes where they are anchored, and fields as fields with
their stored result (`[field PAGE: 3]`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from attrs import Factory, define, frozen
from lxml import etree

from .template import W

__all__ = ["TAB", "Drawing", "W", "children", "is_element", "paragraph_text", "run_text", "runs",
           "shown", "style_names", "text_boxes"]

_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_V = "urn:schemas-microsoft-com:vml"
_DECORATIVE = "http://schemas.microsoft.com/office/drawing/2017/decorative"
TAB = "→"
"""How `shown` marks a tab, as Word's formatting marks do; a line break is ↵."""
_BREAK = "↵"
_EMU_PER_CM = 360000

_R = f"{{{W}}}r"
_TEXT_BOX = f"{{{W}}}txbxContent"
# Inside a paragraph, what holds no text a reader sees (properties, deleted and moved-away text,
# the fallback copy of a drawing), or text of its own (text boxes).
_NOT_TEXT = frozenset({f"{{{W}}}{name}" for name in ("pPr", "rPr", "sdtPr", "sdtEndPr", "del",
                                                      "moveFrom", "txbxContent")}
                      | {f"{{{_MC}}}Fallback"})
_PIECES = {f"{{{W}}}tab": "\t", f"{{{W}}}ptab": "\t", f"{{{W}}}br": "\n", f"{{{W}}}cr": "\n",
           f"{{{W}}}noBreakHyphen": "-"}


def is_element(node: etree._Element) -> bool:
    """Whether a node is an element, not an XML comment or processing instruction."""
    return isinstance(node.tag, str)


def runs(container: etree._Element) -> Iterator[etree._Element]:
    """The runs of a paragraph (or of a hyperlink, content control, field… in one) in order,
    leaving out deleted runs and those of its text boxes."""
    for child in container:
        if not is_element(child) or child.tag in _NOT_TEXT:
            continue
        if child.tag == _R:
            yield child
        else:
            yield from runs(child)


def run_text(run: etree._Element) -> str:
    """A run's text: its text, tabs as tabs, line breaks as new lines."""
    pieces = []
    for child in run:
        if child.tag == f"{{{W}}}t":
            pieces.append(child.text or "")
        elif child.tag in _PIECES:
            pieces.append(_PIECES[str(child.tag)])
    return "".join(pieces)


def paragraph_text(paragraph: etree._Element) -> str:
    """The text of a paragraph (or of a part of one, such as a hyperlink) as a reader sees it."""
    return "".join(run_text(run) for run in runs(paragraph))


def text_boxes(paragraph: etree._Element) -> list[etree._Element]:
    """The contents (w:txbxContent) of the text boxes anchored in a paragraph, once each: a
    drawing's fallback copy for older readers is left out, and so are boxes inside boxes."""
    found: list[etree._Element] = []

    def walk(element: etree._Element) -> None:
        for child in element:
            if not is_element(child) or child.tag == f"{{{_MC}}}Fallback":
                continue
            if child.tag == _TEXT_BOX:
                found.append(child)
            else:
                walk(child)

    walk(paragraph)
    return found


def children(container: etree._Element, *wanted: str) -> Iterator[etree._Element]:
    """The elements of a container with the wanted names (p and tbl, tr, tc), those wrapped in
    content controls or custom XML spliced in: Word wraps repeating sections, their rows and
    cells, and whole blocks of the body that way."""
    for element in container:
        if not is_element(element):
            continue
        name = etree.QName(element).localname
        if name == "sdt":
            content = element.find(f"{{{W}}}sdtContent")
            if content is not None:
                yield from children(content, *wanted)
        elif name == "customXml":
            yield from children(element, *wanted)
        elif name in wanted:
            yield element


@frozen
class Drawing:
    """A picture, chart, diagram, shape or text box anchored in a paragraph: its kind, the name
    Word gave it, its alternative text (description, else title), whether it is marked
    decorative, and its size in centimetres when known."""

    kind: str
    name: str
    alt: str
    decorative: bool = False
    size: tuple[float, float] | None = None

    def marker(self) -> str:
        """How a reviewer reads it: [picture 4.0 × 1.5 cm: the alternative text]; a shape (a
        line, a frame) is not described unless it has words."""
        size = f" {self.size[0]:.1f} × {self.size[1]:.1f} cm" if self.size else ""
        alt = self.alt or ("decorative" if self.decorative else "no alternative text")
        if self.kind == "shape" and not self.alt:
            return f"[shape{size}]"
        return f"[{self.kind}{size}: {alt}]"


def _drawing(element: etree._Element) -> Drawing:
    """What a wp:inline or wp:anchor shows."""
    properties = element.find(f"{{{_WP}}}docPr")
    extent = element.find(f"{{{_WP}}}extent")
    data = element.find(f"{{{_A}}}graphic/{{{_A}}}graphicData")
    uri = data.get("uri", "") if data is not None else ""
    kind = ("chart" if uri.endswith("/chart") else "diagram" if uri.endswith("/diagram")
            else "picture" if uri.endswith("/picture") else "shape")
    size = None
    if extent is not None:
        try:
            size = (int(extent.get("cx", "0")) / _EMU_PER_CM, int(extent.get("cy", "0")) / _EMU_PER_CM)
        except ValueError:
            size = None
    if properties is None:
        return Drawing(kind, "", "", size=size)
    alt = (properties.get("descr") or "").strip() or (properties.get("title") or "").strip()
    decorative = properties.find(f".//{{{_DECORATIVE}}}decorative") is not None
    return Drawing(kind, properties.get("name") or "", alt, decorative, size)


def _vml(element: etree._Element) -> Iterator[Drawing]:
    """The pictures of a VML w:pict or w:object (older Word's pictures)."""
    for shape in element.iter(f"{{{_V}}}shape", f"{{{_V}}}rect"):
        if shape.find(f"{{{_V}}}imagedata") is not None:
            yield Drawing("picture", shape.get("id") or "", (shape.get("alt") or "").strip())


_T = f"{{{W}}}t"
_SHOWN = {f"{{{W}}}tab": TAB, f"{{{W}}}ptab": TAB, f"{{{W}}}cr": _BREAK,
          f"{{{W}}}noBreakHyphen": "-"}
_SKIPPED = frozenset({f"{{{W}}}{name}" for name in ("pPr", "rPr", "sdtPr", "sdtEndPr", "del",
                                                     "moveFrom", "txbxContent", "delText",
                                                     "delInstrText")}
                     | {f"{{{_MC}}}Fallback"})


@define
class _Field:
    """A field being read: where its marker goes, its code, where its stored result starts."""

    start: int
    code: list[str] = Factory(list)
    result: int | None = None

    def marker(self, result: str) -> str:
        code = " ".join("".join(self.code).split())
        return f"[field {code}: {result}]" if result.strip() else f"[field {code}]"


def shown(paragraph: etree._Element,
          box: Callable[[int, etree._Element], str] = lambda n, _: f"[text box {n}]",
          found: list[Drawing] | None = None) -> str:
    """The paragraph as one line a reviewer reads: its text, → for a tab, ↵ for a line break,
    [page break], each picture, chart or shape as its `Drawing.marker`, each text box as `box`
    gives it (numbered from 1), each field as [field CODE: stored result]. The drawings met are
    added to `found`."""
    out: list[str] = []
    fields: list[_Field] = []  # the fields open at this point, innermost last
    boxes = 0

    def close(field: _Field) -> None:
        result = "".join(out[field.result:]) if field.result is not None else ""
        del out[field.start:]
        out.append(field.marker(result))

    def drawings(met: Iterator[Drawing]) -> None:
        for drawing in met:
            out.append(drawing.marker())
            if found is not None:
                found.append(drawing)

    def walk(element: etree._Element) -> None:
        nonlocal boxes
        for child in element:
            if not is_element(child) or child.tag in _SKIPPED:
                continue
            tag = child.tag
            if tag == _T:
                if not fields or fields[-1].result is not None:  # not a field's code
                    out.append(child.text or "")
            elif tag in _SHOWN:
                out.append(_SHOWN[str(tag)])
            elif tag == f"{{{W}}}br":
                kind = child.get(f"{{{W}}}type")
                out.append("[page break]" if kind == "page" else
                           "[column break]" if kind == "column" else _BREAK)
            elif tag == f"{{{W}}}fldChar":
                kind = child.get(f"{{{W}}}fldCharType")
                if kind == "begin":
                    fields.append(_Field(len(out)))
                elif kind == "separate" and fields:
                    fields[-1].result = len(out)
                elif kind == "end" and fields:
                    close(fields.pop())
            elif tag == f"{{{W}}}instrText":
                if fields and fields[-1].result is None:
                    fields[-1].code.append(child.text or "")
            elif tag == f"{{{W}}}fldSimple":
                simple = _Field(len(out), [child.get(f"{{{W}}}instr") or ""], len(out))
                walk(child)
                close(simple)
            elif tag in (f"{{{_WP}}}inline", f"{{{_WP}}}anchor", f"{{{W}}}pict", f"{{{W}}}object"):
                contents = text_boxes(child)
                for content in contents:
                    boxes += 1
                    out.append(box(boxes, content))
                if tag in (f"{{{W}}}pict", f"{{{W}}}object"):
                    drawings(_vml(child))
                elif not contents:
                    drawings(iter([_drawing(child)]))
            else:  # runs, hyperlinks, content controls, smart tags, insertions
                walk(child)

    walk(paragraph)
    while fields:  # a field that goes on in the next paragraphs (a table of contents)
        field = fields.pop()
        out.insert(field.start, field.marker("") + " ")
    return "".join(out)


def style_names(styles: etree._Element | None) -> dict[str, str]:
    """Each style id of a styles part (w:styles) with the name Word shows for it."""
    from docx.styles import BabelFish  # python-docx, only where styles are named

    names: dict[str, str] = {}
    if styles is None:
        return names
    for style in styles.iterfind(f"{{{W}}}style"):
        style_id = style.get(f"{{{W}}}styleId")
        if style_id is None:
            continue
        name = style.find(f"{{{W}}}name")
        given = name.get(f"{{{W}}}val") if name is not None else None
        names[style_id] = BabelFish.internal2ui(given or style_id)
    return names
