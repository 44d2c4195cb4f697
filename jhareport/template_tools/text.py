"""The text of a paragraph as a reader sees it, read from WordprocessingML with lxml alone.

One reading serves the template tools, the snapshots of the pytest plugin and the build's own
look at what a document says: tabs stay tabs, line breaks stay line breaks, deleted text is gone,
and the text of a text box belongs to the text box, not to the paragraph it is anchored in.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

__all__ = ["W", "is_element", "paragraph_text", "run_text", "runs", "style_names", "text_boxes"]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"

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
