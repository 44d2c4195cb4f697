"""Word XML: the one place that writes paragraphs, runs, lists, hyperlinks and footnotes.

Record texts reach templates as `Markup`; the `rich` filter writes each as WordprocessingML, once,
as a string: paragraphs in the template's styles (Body Text, List Bullet, List Number …), real
numbering (every numbered list restarts at 1), hyperlinks with their relationships, and footnote
references whose texts go to the document's footnotes part. `chart` writes a picture and its
caption, `todo` a draft's placeholder. What they return is `markupsafe.Markup`, so that Jinja's
escaping leaves it as it is; every text inside is escaped here.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import attrs
from lxml import etree
from markupsafe import Markup as Xml
from markupsafe import escape

from ..i18n import translate
from ..markup import Block, FootnoteRef, ListKind, Markup, Span
from ..periods import format_periods
from .chart import CT_CHART, chart_part
from .language import language_tag
from .package import DECLARATION
from .template import CT, CT_FOOTNOTES, PR, R, W, WordTemplate, rels_name, resolve_target

if TYPE_CHECKING:
    from jinja2 import Environment

    from ..views import ChartView

__all__ = ["TemplateStyleError", "UnwritableTextError", "WordWriter"]

_RT_HYPERLINK = f"{R}/hyperlink"
_RT_CHART = f"{R}/chart"
_RT_FOOTNOTES = f"{R}/footnotes"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_EMU_PER_CM = 360000

_LIST_STYLES = {
    (ListKind.BULLET, 0): "List Bullet",
    (ListKind.BULLET, 1): "List Bullet 2",
    (ListKind.BULLET, 2): "List Bullet 3",
    (ListKind.NUMBER, 0): "List Number",
    (ListKind.NUMBER, 1): "List Number 2",
    (ListKind.NUMBER, 2): "List Number 3",
}
# What XML 1.0 cannot hold: control characters other than tab and line breaks, lone surrogates,
# and the two non-characters U+FFFE and U+FFFF.
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class TemplateStyleError(LookupError):
    """The template lacks a style that the rendering needs."""


class UnwritableTextError(ValueError):
    """A text holds a character that a Word document cannot hold."""


def check_writable(text: str) -> str:
    """`text` itself, or UnwritableTextError naming the first character XML cannot hold."""
    found = _UNWRITABLE.search(text)
    if found:
        before = text[max(0, found.start() - 30):found.start()]
        raise UnwritableTextError(
            f"the character U+{ord(found.group()):04X} cannot be written in a Word document "
            f"(after “{before}”)")
    return text


_TO_ESCAPE = re.compile("[&<>'\"]")


def _run(text: str, properties: str = "") -> str:
    rpr = f"<w:rPr>{properties}</w:rPr>" if properties else ""
    shown = escape(text) if _TO_ESCAPE.search(text) else text  # most texts need no escape
    return f'<w:r>{rpr}<w:t xml:space="preserve">{shown}</w:t></w:r>'


_SPACE_RUN = _run(" ")  # a line break within a paragraph, as the parser reads it


def _paragraph(style_id: str | None, content: str, numbering: str = "") -> str:
    style = f'<w:pStyle w:val="{style_id}"/>' if style_id else ""
    ppr = f"<w:pPr>{style}{numbering}</w:pPr>" if style or numbering else ""
    return f"<w:p>{ppr}{content}</w:p>"


class _Relationships:
    """The relationships of one part, read when first needed; new ones are appended."""

    def __init__(self, template: WordTemplate, part: str) -> None:
        self.name = rels_name(part)
        data = template.entries.get(self.name)
        self.root = (etree.fromstring(data) if data
                     else etree.Element(f"{{{PR}}}Relationships", nsmap={None: PR}))
        self.ids = {r.get("Id") for r in self.root}
        self.external: dict[str, str] = {r.get("Target", ""): r.get("Id", "") for r in self.root
                                         if r.get("TargetMode") == "External"
                                         and r.get("Type") == _RT_HYPERLINK}
        self.changed = False

    def add(self, kind: str, target: str, external: bool = False) -> str:
        """A new relationship's id: the first free rIdN, as Word and python-docx number them."""
        number = 1
        while f"rId{number}" in self.ids:
            number += 1
        rid = f"rId{number}"
        self.ids.add(rid)
        element = etree.SubElement(self.root, f"{{{PR}}}Relationship", Id=rid, Type=kind,
                                   Target=target)
        if external:
            element.set("TargetMode", "External")
        self.changed = True
        return rid

    def link(self, url: str) -> str:
        if url not in self.external:
            self.external[url] = self.add(_RT_HYPERLINK, url, external=True)
        return self.external[url]


class WordWriter:
    """Writes record texts into one template being rendered; `finish` gives the parts changed."""

    def __init__(self, template: WordTemplate, draft: bool, locale: str = "en") -> None:
        self.template = template
        self.draft = draft
        self.locale = locale
        self.part = template.document
        self._rels: dict[str, _Relationships] = {}
        self._footnotes: list[str] = []
        self._footnote_base = self._first_free_footnote_id()
        self._numbering: etree._Element | None = None
        self._numbering_name: str | None = None
        self._next_num = 0
        self._list_nums: dict[tuple[int, int, int], str | None] = {}
        self._text_counter = 0
        self._charts = 0
        self._charted: dict[str, bytes] = {}
        self._style_cache: dict[str, str] = {}

    # -- what templates call -------------------------------------------------------------------

    def install(self, env: Environment) -> None:
        """Give the environment's templates this writer's filters (rich, chart) and globals
        (todo, heading)."""
        env.filters["rich"] = self.rich
        env.filters["chart"] = self.chart
        env.globals["todo"] = self.todo
        env.globals["heading"] = self.heading

    def rich(self, value: Markup | None, section: str = "", style: str = "Body Text") -> Xml:
        """A text as Word paragraphs in `style` (lists in the List styles); a missing text is a
        placeholder naming `section` (drafts only)."""
        if value is None or not value:
            return self.todo(section or "text") if section else Xml("")
        check_writable(value.source)
        self._text_counter += 1
        paragraphs = value.plain_paragraphs()
        if paragraphs is not None:  # plain paragraphs: runs of their lines, as the blocks give
            style_id = self._style_id(style)
            return Xml("".join([_paragraph(style_id, _SPACE_RUN.join([_run(line) for line in lines]))
                                for lines in paragraphs]))
        numbers = self._add_footnotes(value)
        return Xml("".join([self._block(block, numbers, style, self.part)
                            for block in value.blocks]))

    def chart(self, value: ChartView | None, width_cm: float | None = None) -> Xml:
        """A chart of the records as a native Word chart in its own paragraph ("Figure" style
        when the template has it), its alternative text in the frame's description, and its
        title as a caption below ("Caption" style). Nothing when there is no chart."""
        if value is None:
            return Xml("")
        drawn = value.draw(self.locale)
        width = width_cm or min(drawn.width_cm, self.template.text_width_cm)
        height = drawn.height_cm
        cx, cy = int(width * _EMU_PER_CM), int(height * _EMU_PER_CM)
        self._charts += 1
        number = 1
        while f"word/charts/chart{number}.xml" in self.template.entries.keys() | self._charted:
            number += 1
        name = f"word/charts/chart{number}.xml"
        self._charted[name] = chart_part(drawn, language_tag(self.locale))
        rid = self._relationships(self.part).add(_RT_CHART, name.removeprefix("word/"))
        shape_id = 1000 + self._charts
        inline = (
            f'<wp:inline xmlns:wp="{_WP}">'
            f'<wp:extent cx="{cx}" cy="{cy}"/>'
            f'<wp:docPr id="{shape_id}" name="Chart {self._charts}" '
            f'descr="{escape(check_writable(drawn.alt))}" '
            f'title="{escape(check_writable(drawn.title))}"/>'
            f'<wp:cNvGraphicFramePr/><a:graphic xmlns:a="{_A}"><a:graphicData uri="{_C}">'
            f'<c:chart xmlns:c="{_C}" xmlns:r="{R}" r:id="{rid}"/>'
            f'</a:graphicData></a:graphic></wp:inline>')
        picture = _paragraph(self.template.style_id("Figure"),
                             f"<w:r><w:drawing>{inline}</w:drawing></w:r>")
        caption = _paragraph(self.template.style_id("Caption"), _run(drawn.title))
        return Xml(picture + caption)

    def heading(self, text: Any, level: int = 1, numbered: bool = True, dated: bool = False) -> Xml:
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
        numbering = "" if numbered else '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>'
        return Xml(f'<w:p><w:pPr><w:pStyle w:val="{self._style_id(f"Heading {level}")}"/>'
                   f'{numbering}</w:pPr>{_run(check_writable(str(text)))}</w:p>')

    def todo(self, section: str) -> Xml:
        """A visible, highlighted placeholder for missing content: "[to be completed: …]"."""
        text = translate("[to be completed: %(section)s]", self.locale, section=section)
        placeholder = self.template.style_id("Placeholder")
        style = f'<w:rStyle w:val="{placeholder}"/>' if placeholder else ""
        run = _run(check_writable(text), f'{style}<w:highlight w:val="yellow"/>')
        return Xml(_paragraph(self.template.style_id("Body Text"), run))

    # -- after rendering ---------------------------------------------------------------------

    def finish(self, rendered: dict[str, bytes]) -> dict[str, bytes]:
        """The parts the texts changed or added: the footnotes (added to the `rendered`
        footnotes part, or to a new one), numbering, relationships, charts, content types."""
        changed: dict[str, bytes] = {}
        types: etree._Element | None = None

        def content_types() -> etree._Element:
            nonlocal types
            if types is None:
                types = etree.fromstring(self.template.entries["[Content_Types].xml"])
            return types

        if self._footnotes:
            name = self.template.footnotes
            if name is None:
                name = "word/footnotes.xml"
                root = etree.fromstring(
                    f'<w:footnotes xmlns:w="{W}"><w:footnote w:type="separator" w:id="-1"><w:p>'
                    '<w:r><w:separator/></w:r></w:p></w:footnote><w:footnote '
                    'w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
                    '</w:r></w:p></w:footnote></w:footnotes>')
                self._relationships(self.template.document).add(_RT_FOOTNOTES, "footnotes.xml")
                etree.SubElement(content_types(), f"{{{CT}}}Override", PartName=f"/{name}",
                                 ContentType=CT_FOOTNOTES)
            else:
                root = etree.fromstring(rendered.get(name) or self.template.entries[name])
            holder = etree.fromstring(f'<w:footnotes xmlns:w="{W}" xmlns:r="{R}">'
                                      f'{"".join(self._footnotes)}</w:footnotes>')
            root.extend(list(holder))
            changed[name] = _xml(root)
        if self._numbering is not None and self._numbering_name is not None:
            changed[self._numbering_name] = _xml(self._numbering)
        for relationships in self._rels.values():
            if relationships.changed:
                changed[relationships.name] = _xml(relationships.root)
        for name in self._charted:
            etree.SubElement(content_types(), f"{{{CT}}}Override", PartName=f"/{name}",
                             ContentType=CT_CHART)
        changed.update(self._charted)
        if types is not None:
            changed["[Content_Types].xml"] = _xml(types)
        return changed

    # -- paragraphs and runs -----------------------------------------------------------------

    def _block(self, block: Block, footnotes: dict[int, int], style: str, part: str) -> str:
        if block.list_kind is None:
            return _paragraph(self._style_id(style), self._inlines(block, footnotes, part))
        level = min(block.level, 2)
        style_id = self._style_id(self._list_style(block.list_kind, level, style))
        numbering = ""
        if block.list_kind is ListKind.NUMBER:
            num_id = self._restarted(block, level)
            if num_id is not None:
                numbering = f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
        return _paragraph(style_id, self._inlines(block, footnotes, part), numbering)

    def _list_style(self, kind: ListKind, level: int, style: str) -> str:
        """The list style for items of a text in `style`: "Table List Bullet" for a text in
        "Table Text" when the template has it, else "List Bullet"."""
        name = _LIST_STYLES[kind, level]
        if style != "Body Text":
            own = f"{style.removesuffix(' Text')} {name}"
            if self.template.style_id(own) is not None:
                return own
        return name

    def _inlines(self, block: Block, footnotes: dict[int, int], part: str) -> str:
        out = []
        for inline in block.inlines:
            if isinstance(inline, FootnoteRef):
                reference = self._style_id("Footnote Reference")
                out.append(f'<w:r><w:rPr><w:rStyle w:val="{reference}"/></w:rPr>'
                           f'<w:footnoteReference w:id="{footnotes[inline.number]}"/></w:r>')
            elif isinstance(inline, Span):
                properties = ""
                if inline.link:
                    properties = f'<w:rStyle w:val="{self._style_id("Hyperlink")}"/>'
                if inline.bold:
                    properties += "<w:b/>"
                if inline.italic:
                    properties += "<w:i/>"
                run = _run(inline.text, properties)
                if inline.link:
                    rid = self._relationships(part).link(inline.link)
                    run = f'<w:hyperlink xmlns:r="{R}" r:id="{rid}">{run}</w:hyperlink>'
                out.append(run)
        return "".join(out)

    # -- styles --------------------------------------------------------------------------------

    def _style_id(self, name: str) -> str:
        found = self._style_cache.get(name)
        if found is None:
            found = self.template.style_id(name)
            if found is None:
                raise TemplateStyleError(
                    f"the template has no style {name!r}, which record texts need")
            self._style_cache[name] = found
        return found

    # -- numbering -----------------------------------------------------------------------------

    def _restarted(self, block: Block, level: int) -> str | None:
        """Each numbered list's own w:num, so that it starts at 1 again (None when the List
        Number style does not number its paragraphs)."""
        key = (self._text_counter, block.list_id, level)
        if key in self._list_nums:
            return self._list_nums[key]
        style_id = self.template.style_id(_LIST_STYLES[ListKind.NUMBER, level])
        style_num = self.template.style_numbers.get(style_id or "")
        numbering = self._numbering_root()
        abstract = None
        if style_num is not None and numbering is not None:
            for num in numbering.iterfind(f"{{{W}}}num"):
                if num.get(f"{{{W}}}numId") == style_num:
                    found = num.find(f"{{{W}}}abstractNumId")
                    abstract = found.get(f"{{{W}}}val") if found is not None else None
        if abstract is None or numbering is None:
            self._list_nums[key] = None
            return None
        self._next_num += 1
        num_id = str(self._next_num)
        numbering.append(etree.fromstring(
            f'<w:num xmlns:w="{W}" w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>'
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{block.start}"/></w:lvlOverride>'
            '</w:num>'))
        self._list_nums[key] = num_id
        return num_id

    def _numbering_root(self) -> etree._Element | None:
        if self._numbering is None:
            name = next((target for kind, target in self._document_targets()
                         if kind == f"{R}/numbering"), None)
            if name is None or name not in self.template.entries:
                return None
            self._numbering_name = name
            self._numbering = etree.fromstring(self.template.entries[name])
            self._next_num = max([0, *(int(n.get(f"{{{W}}}numId", "0"))
                                       for n in self._numbering.iterfind(f"{{{W}}}num"))])
        return self._numbering

    def _document_targets(self) -> list[tuple[str, str]]:
        root = self._relationships(self.template.document).root
        return [(r.get("Type", ""), resolve_target(self.template.document, r.get("Target", "")))
                for r in root if r.get("TargetMode") != "External"]

    # -- footnotes -----------------------------------------------------------------------------

    def _add_footnotes(self, value: Markup) -> dict[int, int]:
        numbers: dict[int, int] = {}
        if not value.footnotes:
            return numbers
        part = self.template.footnotes or "word/footnotes.xml"
        text_style = self._style_id("Footnote Text")
        reference = self._style_id("Footnote Reference")
        for footnote in value.footnotes:
            number = self._footnote_base + len(self._footnotes)
            numbers[footnote.number] = number
            paragraphs = []
            for index, block in enumerate(footnote.blocks):
                mark = ""
                if index == 0:
                    mark = (f'<w:r><w:rPr><w:rStyle w:val="{reference}"/></w:rPr><w:footnoteRef/>'
                            f'</w:r>{_run(" ")}')
                paragraphs.append(_paragraph(text_style, mark + self._inlines(block, {}, part)))
            self._footnotes.append(f'<w:footnote w:id="{number}">{"".join(paragraphs)}'
                                   "</w:footnote>")
        return numbers

    def _first_free_footnote_id(self) -> int:
        name = self.template.footnotes
        if name is None:
            return 1
        root = etree.fromstring(self.template.entries[name])
        ids = [int(f.get(f"{{{W}}}id", "0")) for f in root.iterfind(f"{{{W}}}footnote")]
        return max([0, *ids]) + 1

    # -- relationships -------------------------------------------------------------------------

    def _relationships(self, part: str) -> _Relationships:
        if part not in self._rels:
            self._rels[part] = _Relationships(self.template, part)
        return self._rels[part]


def _xml(root: etree._Element) -> bytes:
    data: bytes = etree.tostring(root, encoding="UTF-8")
    return DECLARATION + data
