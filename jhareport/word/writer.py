"""Word XML: the one place that writes paragraphs, runs, lists, hyperlinks and footnotes.

Record texts reach templates as `Markup`; the `rich` filter turns them into a docxtpl sub-document
of real Word paragraphs: styles of the template (Body Text, List Bullet, List Number …), real
numbering (every numbered list restarts at 1), hyperlinks with their relationships, and footnote
references whose texts are added to the document's footnotes part once the body is rendered.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

import attrs
import markupsafe
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm
from docxtpl import DocxTemplate
from docxtpl.subdoc import Subdoc
from lxml import etree

from ..i18n import translate
from ..markup import Block, FootnoteRef, ListKind, Markup, Span
from ..periods import format_periods

if TYPE_CHECKING:
    from ..views import ChartView

__all__ = ["TemplateStyleError", "WordWriter"]

CT_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

_LIST_STYLES = {
    (ListKind.BULLET, 0): "List Bullet",
    (ListKind.BULLET, 1): "List Bullet 2",
    (ListKind.BULLET, 2): "List Bullet 3",
    (ListKind.NUMBER, 0): "List Number",
    (ListKind.NUMBER, 1): "List Number 2",
    (ListKind.NUMBER, 2): "List Number 3",
}


class TemplateStyleError(LookupError):
    """The template lacks a style that the rendering needs."""


class WordWriter:
    """Writes record texts into one template being rendered."""

    def __init__(self, template: DocxTemplate, draft: bool, locale: str = "en") -> None:
        self.template = template
        self.draft = draft
        self.locale = locale
        self.document = template.get_docx()
        self._style_ids: dict[str, str] = {}
        self._footnotes: list[Any] = []
        self._footnote_base = self._first_free_footnote_id()
        self._list_nums: dict[tuple[int, int, int], str] = {}
        self._text_counter = 0
        self._charts = 0

    # -- what templates call -------------------------------------------------------------------

    def rich(self, value: Markup | None, section: str = "", style: str = "Body Text") -> Subdoc:
        """A text as Word paragraphs in `style` (lists in the List styles); a missing text is a
        placeholder naming `section` (drafts only)."""
        if value is None or not value:
            return self.todo(section or "text") if section else self._subdoc([])
        self._text_counter += 1
        numbers = self._add_footnotes(value)
        paragraphs = [self._paragraph(block, numbers, style) for block in value.blocks]
        return self._subdoc(paragraphs)

    def chart(self, value: ChartView | None, width_cm: float | None = None) -> Subdoc:
        """A chart of the records as a picture in its own paragraph ("Figure" style when the
        template has it), its alternative text in the picture's description, and its title as a
        caption below ("Caption" style). Nothing when there is no chart."""
        if value is None:
            return self._subdoc([])
        drawn = value.draw(self.locale)
        width = width_cm or min(drawn.width_cm, self._text_width_cm())
        height = drawn.height_cm * width / drawn.width_cm
        self._charts += 1
        inline = self.document.part.new_pic_inline(io.BytesIO(drawn.png), Cm(width), Cm(height))
        properties = inline.docPr
        properties.set("name", f"Chart {self._charts}")
        properties.set("descr", drawn.alt)
        properties.set("title", drawn.title)
        run = self._run(None)
        drawing = OxmlElement("w:drawing")
        drawing.append(inline)
        run.append(drawing)
        picture = self._p(self._optional("Figure"))
        picture.append(run)
        caption = self._p(self._optional("Caption"))
        caption.append(self._run(drawn.title))
        return self._subdoc([picture, caption])

    def _text_width_cm(self) -> float:
        """The width between the margins of the document's last section, in centimetres."""
        section = self.document.sections[-1]
        if section.page_width is None or section.left_margin is None or section.right_margin is None:
            return float("inf")
        return float((section.page_width - section.left_margin - section.right_margin) / 360000)

    def heading(self, text: Any, level: int = 1, numbered: bool = True, dated: bool = False
                ) -> markupsafe.Markup:
        """A heading paragraph in "Heading `level`" (levels 1 to 6): `text`, or a record's
        `title` (followed by its dates when `dated`). An unnumbered heading keeps its level for
        the table of contents but takes no number."""
        level = min(max(int(level), 1), 6)
        if attrs.has(type(text)):
            title = str(getattr(text, "title", ""))
            sessions = getattr(text, "sessions", ())
            if dated and sessions:
                title += ", " + format_periods([s.date for s in sessions], self.locale)
            text = title
        style = self._style_id(f"Heading {level}")
        numbering = "" if numbered else '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>'
        return markupsafe.Markup(
            f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{numbering}</w:pPr><w:r>'
            f'<w:t xml:space="preserve">{markupsafe.escape(str(text))}</w:t></w:r></w:p>')

    def todo(self, section: str) -> Subdoc:
        """A visible, highlighted placeholder for missing content: "[to be completed: …]"."""
        paragraph = self._p("BodyText" if self._has_style("Body Text") else None)
        run = self._run(translate("[to be completed: %(section)s]", self.locale, section=section),
                        style=self._optional("Placeholder"))
        rpr = run.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            run.insert(0, rpr)
        highlight = OxmlElement("w:highlight")
        highlight.set(qn("w:val"), "yellow")
        rpr.append(highlight)
        paragraph.append(run)
        return self._subdoc([paragraph])

    # -- after rendering ---------------------------------------------------------------------

    def finish(self) -> None:
        """Add the collected footnotes to the footnotes part (made if the template has none)."""
        if not self._footnotes:
            return
        part = self._footnotes_part()
        root = etree.fromstring(part.blob)
        for footnote in self._footnotes:
            root.append(footnote)
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                    standalone=True)

    # -- paragraphs and runs -----------------------------------------------------------------

    def _subdoc(self, paragraphs: list[Any]) -> Subdoc:
        subdoc = self.template.new_subdoc()
        body = subdoc.subdocx.element.body
        for child in list(body):
            body.remove(child)
        for paragraph in paragraphs:
            body.append(paragraph)
        return subdoc

    def _paragraph(self, block: Block, footnotes: dict[int, int], style: str) -> Any:
        if block.list_kind is None:
            paragraph = self._p(self._style_id(style))
        else:
            level = min(block.level, 2)
            paragraph = self._p(self._style_id(self._list_style(block.list_kind, level, style)))
            if block.list_kind is ListKind.NUMBER:
                self._restart_numbering(paragraph, block, level)
        self._inlines(paragraph, block, footnotes)
        return paragraph

    def _list_style(self, kind: ListKind, level: int, style: str) -> str:
        """The list style for items of a text in `style`: "Table List Bullet" for a text in
        "Table Text" when the template has it, else "List Bullet"."""
        name = _LIST_STYLES[kind, level]
        if style != "Body Text":
            own = f"{style.removesuffix(' Text')} {name}"
            if self._has_style(own):
                return own
        return name

    def _inlines(self, paragraph: Any, block: Block, footnotes: dict[int, int]) -> None:
        for inline in block.inlines:
            if isinstance(inline, FootnoteRef):
                run = self._run(None, style=self._style_id("Footnote Reference"))
                ref = OxmlElement("w:footnoteReference")
                ref.set(qn("w:id"), str(footnotes[inline.number]))
                run.append(ref)
                paragraph.append(run)
            elif isinstance(inline, Span):
                run = self._span(inline)
                if inline.link:
                    link = OxmlElement("w:hyperlink")
                    rid = self.document.part.relate_to(inline.link, RT.HYPERLINK, is_external=True)
                    link.set(qn("r:id"), rid)
                    link.append(run)
                    paragraph.append(link)
                else:
                    paragraph.append(run)

    def _span(self, span: Span) -> Any:
        style = self._style_id("Hyperlink") if span.link else None
        run = self._run(span.text, style=style)
        rpr = run.find(qn("w:rPr"))
        if span.bold or span.italic:
            if rpr is None:
                rpr = OxmlElement("w:rPr")
                run.insert(0, rpr)
            if span.bold:
                rpr.append(OxmlElement("w:b"))
            if span.italic:
                rpr.append(OxmlElement("w:i"))
        return run

    def _p(self, style_id: str | None) -> Any:
        return _styled("w:p", "w:pPr", "w:pStyle", style_id)

    def _run(self, text: str | None, style: str | None = None) -> Any:
        run = _styled("w:r", "w:rPr", "w:rStyle", style)
        if text is not None:
            t = OxmlElement("w:t")
            t.set(qn("xml:space"), "preserve")
            t.text = text
            run.append(t)
        return run

    # -- styles --------------------------------------------------------------------------------

    def _has_style(self, name: str) -> bool:
        try:
            self._style_id(name)
        except TemplateStyleError:
            return False
        return True

    def _optional(self, name: str) -> str | None:
        return self._style_id(name) if self._has_style(name) else None

    def _style_id(self, name: str) -> str:
        if name not in self._style_ids:
            try:
                self._style_ids[name] = self.document.styles[name].style_id
            except KeyError:
                # Office suites may save a built-in style's name capitalised ("Heading 1").
                for style in self.document.styles:
                    if style.name is not None and style.name.casefold() == name.casefold():
                        self._style_ids[name] = style.style_id
                        return self._style_ids[name]
                raise TemplateStyleError(
                    f"the template has no style {name!r}, which record texts need") from None
        return self._style_ids[name]

    # -- numbering -----------------------------------------------------------------------------

    def _restart_numbering(self, paragraph: Any, block: Block, level: int) -> None:
        """Give each numbered list its own w:num so that it starts at 1 again."""
        key = (self._text_counter, block.list_id, level)
        if key not in self._list_nums:
            style = self.document.styles[_LIST_STYLES[ListKind.NUMBER, level]]
            numpr = style.element.pPr.find(qn("w:numPr")) if style.element.pPr is not None else None
            if numpr is None or numpr.find(qn("w:numId")) is None:
                return
            style_num = numpr.find(qn("w:numId")).get(qn("w:val"))
            numbering = self.document.part.numbering_part.element
            abstract = None
            for num in numbering.findall(qn("w:num")):
                if num.get(qn("w:numId")) == style_num:
                    abstract = num.find(qn("w:abstractNumId")).get(qn("w:val"))
            if abstract is None:
                return
            used = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
            num_id = str(max(used) + 1)
            numbering.append(parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>'
                f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{block.start}"/></w:lvlOverride>'
                '</w:num>'))
            self._list_nums[key] = num_id
        ppr = paragraph.find(qn("w:pPr"))
        ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/>'
                             f'<w:numId w:val="{self._list_nums[key]}"/></w:numPr>'))

    # -- footnotes -----------------------------------------------------------------------------

    def _add_footnotes(self, value: Markup) -> dict[int, int]:
        numbers: dict[int, int] = {}
        for footnote in value.footnotes:
            number = self._footnote_base + len(self._footnotes)
            numbers[footnote.number] = number
            element = OxmlElement("w:footnote")
            element.set(qn("w:id"), str(number))
            for index, block in enumerate(footnote.blocks):
                paragraph = self._p(self._style_id("Footnote Text"))
                if index == 0:
                    mark = self._run(None, style=self._style_id("Footnote Reference"))
                    mark.append(OxmlElement("w:footnoteRef"))
                    paragraph.append(mark)
                    paragraph.append(self._run(" "))
                self._inlines(paragraph, block, {})
                element.append(paragraph)
            self._footnotes.append(element)
        return numbers

    def _footnotes_part(self) -> Part:
        for rel in self.document.part.rels.values():
            if rel.reltype == RT.FOOTNOTES:
                part: Part = rel.target_part
                return part
        xml = (f'<w:footnotes {nsdecls("w")}>'
               '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
               '</w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
               '<w:continuationSeparator/></w:r></w:p></w:footnote></w:footnotes>')
        part = Part(PackURI("/word/footnotes.xml"), CT_FOOTNOTES, xml.encode("utf-8"),
                    self.document.part.package)
        self.document.part.relate_to(part, RT.FOOTNOTES)
        return part

    def _first_free_footnote_id(self) -> int:
        for rel in self.document.part.rels.values():
            if rel.reltype == RT.FOOTNOTES:
                root = etree.fromstring(rel.target_part.blob)
                ids = [int(f.get(f"{{{_W}}}id")) for f in root.findall(f"{{{_W}}}footnote")]
                return max([0, *ids]) + 1
        return 1


def _styled(tag: str, properties: str, style_tag: str, style_id: str | None) -> Any:
    """A paragraph or run element, with its style when one is given."""
    element = OxmlElement(tag)
    if style_id:
        holder = OxmlElement(properties)
        style = OxmlElement(style_tag)
        style.set(qn("w:val"), style_id)
        holder.append(style)
        element.append(holder)
    return element
