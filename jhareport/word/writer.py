"""Word XML: the one place that writes paragraphs, runs, lists, hyperlinks and footnotes.

Record texts reach templates as `Markup`; the `rich` filter writes each as WordprocessingML, once,
as a string: paragraphs in the template's styles (Body Text, List Bullet, List Number …), real
numbering (every numbered list restarts at 1), hyperlinks with their relationships, and footnote
references whose texts go to the document's footnotes part. `chart` writes a chart and its
caption, `picture` the year's pictures (logos, figures), `table` an annex's table, `todo` a
draft's placeholder. What they
return is `markupsafe.Markup`, so that Jinja's escaping leaves it as it is; every text inside is
escaped here. `unbreakable_names` gives names such as eu-LISA a hyphen lines do not break at.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections import Counter
from collections.abc import Sequence
from copy import deepcopy
from typing import TYPE_CHECKING, Any

import attrs
from lxml import etree
from markupsafe import Markup as Xml
from markupsafe import escape

from ..i18n import translate
from ..markup import Block, FootnoteRef, ListKind, Markup, Span
from ..periods import format_periods
from ..records import Picture, Table
from .chart import CT_CHART, chart_part, chart_size_cm
from .language import language_tag
from .package import DECLARATION
from .passages import finalize, run_properties, split_passages
from .template import CT, CT_FOOTNOTES, PR, R, W, WordTemplate, rels_name, resolve_target

if TYPE_CHECKING:
    from jinja2 import Environment

    from ..charts import Chart

__all__ = ["TemplateStyleError", "UnwritableTextError", "WordWriter", "unbreakable_names"]

_RT_HYPERLINK = f"{R}/hyperlink"
_RT_CHART = f"{R}/chart"
_RT_IMAGE = f"{R}/image"
_RT_FOOTNOTES = f"{R}/footnotes"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
_EMU_PER_CM = 360000
_CM_PER_PIXEL = 2.54 / 96  # a picture's own size: 96 pixels to the inch, as Word reads a PNG
_MEDIA_TYPES = {"png": "image/png", "jpeg": "image/jpeg"}
# Each digit a numbered list's widest number has beyond one widens its hanging indent by about
# the width of a digit (half an em at 11 pt, in twips).
_DIGIT_TWIPS = 115

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


# What automatic hyphenation must leave whole: a web address (a hyphen in it would read as part
# of it) and an acronym with a plural or possessive ending (CEPOL's, MMSTs), which Word's and
# LibreOffice's "do not hyphenate words in capitals" miss, with the name it ends (eu-LISA's is one
# run, whose hyphen `unbreakable_names` then makes non-breaking). Marked as of no language (zxx),
# they take no hyphens and no spelling check.
_NOT_HYPHENATED = re.compile(r"\b(?:https?://|www\.)[^\s<>\"“”]+"
                             r"|\b(?:[^\W_]++-)*+[A-Z][A-Z0-9]+(?:['’]s|s)\b")


# what every acronym with an ending holds, found faster than the pattern above
_ACRONYM_ENDING = re.compile(r"[A-Z0-9]['’]?s\b")
_LANGUAGE = re.compile(r"<w:lang [^>]*/>")


def _hyphenated_runs(text: str, properties: str) -> str:
    """Runs of `text`, those parts of it that hyphenation must leave whole marked so."""
    if not (("http" in text or "www." in text or _ACRONYM_ENDING.search(text))
            and _NOT_HYPHENATED.search(text)):  # most texts: a quick look says so
        return _run(text, properties)
    runs = []
    last = 0
    for found in _NOT_HYPHENATED.finditer(text):
        if found.start() > last:
            runs.append(_run(text[last:found.start()], properties))
        runs.append(_run(found.group(0), _LANGUAGE.sub("", properties) + '<w:lang w:val="zxx"/>'))
        last = found.end()
    if last < len(text):
        runs.append(_run(text[last:], properties))
    return "".join(runs)


def _paragraph(style_id: str | None, content: str, numbering: str = "", indent: str = "") -> str:
    style = f'<w:pStyle w:val="{style_id}"/>' if style_id else ""
    properties = f"{style}{numbering}{indent}"
    ppr = f"<w:pPr>{properties}</w:pPr>" if properties else ""
    return f"<w:p>{ppr}{content}</w:p>"


# A name written with a hyphen whose parts include an acronym (eu-LISA, EU-OSHA, ECRIS-TCN,
# COVID-19): not inside a web address (a word before a slash or a dot, or after one).
_HYPHENATED = re.compile(r"\b(?<![/.@-])[^\W_]++(?:-[^\W_]++)+(?![\w/@-]|\.\w)")
_TEXT_WITH_HYPHEN = re.compile(r"<w:t(?: [^>]*)?>([^<]*-[^<]*)</w:t>")
_NO_BREAK = '</w:t><w:noBreakHyphen/><w:t xml:space="preserve">'
_MARKED = re.compile("[\ufdd0-\ufdd2]")  # the marks of `finalize` (passages.py)


def _unbreakable(match: re.Match[str]) -> str:
    word = match.group(0)
    if not any(sum(c.isupper() for c in part) >= 2 for part in word.split("-")):
        return word
    return word.replace("-", _NO_BREAK)


def _unbreakable_text(match: re.Match[str]) -> str:
    text = match.group(1)
    if _MARKED.search(text):  # a passage in another language: its run is cut first
        return match.group(0)
    changed = _unbreakable_words(text)
    return match.group(0) if changed == text else f'<w:t xml:space="preserve">{changed}</w:t>'


def _unbreakable_words(text: str) -> str:
    """`_HYPHENATED.sub(_unbreakable, text)`, the pattern run on the words that hold a hyphen
    only: a name holds no space, and to the pattern a space reads as the text's start or end."""
    pieces: list[str] = []
    done = 0  # what of `text` is in `pieces`
    hyphen = text.find("-")
    while hyphen >= 0:
        start = text.rfind(" ", done, hyphen) + 1  # 0 for the text's first word
        end = text.find(" ", hyphen)
        if end < 0:
            end = len(text)
        pieces.append(text[done:start])
        pieces.append(_HYPHENATED.sub(_unbreakable, text[start:end]))
        done = end
        hyphen = text.find("-", end)
    pieces.append(text[done:])
    return "".join(pieces)


def unbreakable_names(xml: str) -> str:
    """A part's XML with the hyphens of names such as eu-LISA and EU-OSHA made Word's
    non-breaking hyphens (w:noBreakHyphen), so that no line ends inside the name; the text reads
    the same (a reader of the document sees a hyphen)."""
    pieces: list[str] = []
    done = 0  # what of `xml` is in `pieces`
    seen: dict[str, str] = {}  # a table repeats its texts (agencies, states)
    hyphen = xml.find("-")
    while hyphen >= 0:  # each text (w:t) holding a hyphen, found from its hyphens
        start = xml.rfind("<", 0, hyphen)
        end = xml.find("<", hyphen)
        if start >= done and end >= 0:
            match = _TEXT_WITH_HYPHEN.match(xml, start, end + 6)
            if match:
                text = match.group(0)
                changed = seen.get(text)
                if changed is None:
                    changed = seen[text] = _unbreakable_text(match)
                if changed != text:
                    pieces.append(xml[done:start])
                    pieces.append(changed)
                    done = end + 6
        hyphen = xml.find("-", max(hyphen + 1, end))
    if not pieces:
        return xml
    pieces.append(xml[done:])
    return "".join(pieces)


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
        self._drawings = 0
        self._charted: dict[str, bytes] = {}
        self._media: dict[str, bytes] = {}  # new picture parts by name
        self._media_names: dict[str, str] = {}  # a picture's name by its digest
        self._media_ids: dict[tuple[str, str], str] = {}  # (part, picture) → relationship id
        self._widened: dict[tuple[str, int], str] = {}  # (abstractNum, digits) → its wider copy
        self._style_cache: dict[str, str] = {}

    # -- what templates call -------------------------------------------------------------------

    def install(self, env: Environment) -> None:
        """Give the environment's templates this writer's filters (rich, chart, picture, table)
        and globals (todo, heading)."""
        env.filters["rich"] = self.rich
        env.filters["chart"] = self.chart
        env.filters["picture"] = self.picture
        env.filters["table"] = self.table
        env.globals["todo"] = self.todo
        env.globals["heading"] = self.heading
        env.finalize = finalize  # plain texts left in another language get a run of their own

    def rich(self, value: Markup | None, section: str = "", style: str = "Body Text") -> Xml:
        """A text as Word paragraphs in `style` (lists in the List styles); a missing text is a
        placeholder naming `section` (drafts only)."""
        if value is None or not value:
            return self.todo(section or "text") if section else Xml("")
        check_writable(value.source)
        self._text_counter += 1
        language = run_properties(value, self.draft)
        paragraphs = value.plain_paragraphs() if not language else None
        if paragraphs is not None:  # plain paragraphs: runs of their lines, as the blocks give
            style_id = self._style_id(style)
            return Xml("".join([_paragraph(style_id, _SPACE_RUN.join([_hyphenated_runs(line, "")
                                                                      for line in lines]))
                                for lines in paragraphs]))
        numbers = self._add_footnotes(value, language)
        widest = _widest_numbers(value.blocks)
        return Xml("".join([self._block(block, numbers, style, self.part, widest, language)
                            for block in value.blocks]))

    def chart(self, value: Chart | None, width_cm: float | None = None) -> Xml:
        """A chart of the records as a native Word chart in its own paragraph ("Figure" style
        when the template has it), its alternative text in the frame's description, and its
        title as a caption below ("Caption" style). Nothing when there is no chart."""
        if value is None:
            return Xml("")
        natural, height = chart_size_cm(value)
        width = width_cm or min(natural, self.template.text_width_cm)
        cx, cy = int(width * _EMU_PER_CM), int(height * _EMU_PER_CM)
        self._charts += 1
        self._drawings += 1
        number = 1
        while f"word/charts/chart{number}.xml" in self.template.entries.keys() | self._charted:
            number += 1
        name = f"word/charts/chart{number}.xml"
        self._charted[name] = chart_part(value, language_tag(self.locale))
        rid = self._relationships(self.part).add(_RT_CHART, name.removeprefix("word/"))
        shape_id = 1000 + self._drawings
        inline = (
            f'<wp:inline xmlns:wp="{_WP}">'
            f'<wp:extent cx="{cx}" cy="{cy}"/>'
            f'<wp:docPr id="{shape_id}" name="Chart {self._charts}" '
            f'descr="{escape(check_writable(value.description))}" '
            f'title="{escape(check_writable(value.title))}"/>'
            f'<wp:cNvGraphicFramePr/><a:graphic xmlns:a="{_A}"><a:graphicData uri="{_C}">'
            f'<c:chart xmlns:c="{_C}" xmlns:r="{R}" r:id="{rid}"/>'
            f'</a:graphicData></a:graphic></wp:inline>')
        picture = _paragraph(self.template.style_id("Figure"),
                             f"<w:r><w:drawing>{inline}</w:drawing></w:r>")
        caption = _paragraph(self.template.style_id("Caption"), _run(value.title))
        return Xml(picture + caption)

    def picture(self, value: Picture | Sequence[Picture | None] | None,
                width_cm: float | None = None, height_cm: float | None = None,
                style: str = "Figure") -> Xml:
        """The year's pictures (a logo, a figure) in a paragraph of their own, in `style` when the
        template has it, each with its alternative text; several stand side by side, a tab
        apart. A picture takes `width_cm` or `height_cm` (its proportions kept), else its own
        size at 96 pixels to the inch, never more than the width between the margins. Nothing
        for none."""
        given = [value] if isinstance(value, Picture) or value is None else list(value)
        pictures = [p for p in given if p is not None]
        if not pictures:
            return Xml("")
        runs = []
        for picture in pictures:
            if not isinstance(picture, Picture):
                raise TypeError(f"the filter picture shows the year's pictures, not {picture!r}")
            runs.append(self._picture_run(picture, width_cm, height_cm))
        return Xml(_paragraph(self.template.style_id(style), "<w:r><w:tab/></w:r>".join(runs)))

    def _picture_run(self, picture: Picture, width_cm: float | None,
                     height_cm: float | None) -> str:
        pixels_wide, pixels_high = picture.size
        ratio = pixels_high / pixels_wide
        if width_cm:
            width = float(width_cm)
        elif height_cm:
            width = float(height_cm) / ratio
        else:
            width = pixels_wide * _CM_PER_PIXEL
        width = min(width, self.template.text_width_cm)
        cx, cy = int(width * _EMU_PER_CM), int(width * ratio * _EMU_PER_CM)
        digest = hashlib.sha256(picture.data).hexdigest()
        name = self._media_names.get(digest)
        if name is None:
            taken = self.template.entries.keys() | self._media.keys()
            number = 1
            while any(f"word/media/picture{number}.{kind}" in taken for kind in _MEDIA_TYPES):
                number += 1
            name = f"word/media/picture{number}.{picture.kind}"
            self._media_names[digest] = name
            self._media[name] = picture.data
        rid = self._media_ids.get((self.part, name))
        if rid is None:
            rid = self._relationships(self.part).add(
                _RT_IMAGE, _relative(name, self.part))
            self._media_ids[self.part, name] = rid
        self._drawings += 1
        shape_id = 1000 + self._drawings
        alt = escape(check_writable(picture.alt))
        file = escape(name.rsplit("/", 1)[-1])
        return (
            f'<w:r><w:drawing><wp:inline xmlns:wp="{_WP}">'
            f'<wp:extent cx="{cx}" cy="{cy}"/>'
            f'<wp:docPr id="{shape_id}" name="Picture {self._drawings}" descr="{alt}"/>'
            f'<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="{_A}" noChangeAspect="1"/>'
            f'</wp:cNvGraphicFramePr><a:graphic xmlns:a="{_A}"><a:graphicData uri="{_PIC}">'
            f'<pic:pic xmlns:pic="{_PIC}"><pic:nvPicPr><pic:cNvPr id="0" name="{file}"/>'
            '<pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip xmlns:r="{R}" r:embed="{rid}"/><a:stretch><a:fillRect/>'
            '</a:stretch></pic:blipFill>'
            f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
            '</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>')

    def table(self, value: Table | None, header_fill: str = "1F3864") -> Xml:
        """A table of the records (an annex's `Table`) across the width between the margins:
        its heading row when it has one and its column headings (style "Table Heading", on
        `header_fill`, repeated on each page), then its rows (style "Table Text"), none split
        across pages; each column as wide as its texts need. Nothing for none."""
        if value is None:
            return Xml("")
        if not re.fullmatch(r"[0-9A-Fa-f]{6}", header_fill):
            raise ValueError(f"header_fill is a colour in hexadecimal (1F3864), not {header_fill!r}")
        check_writable("".join([value.heading or "", *value.header,
                                *(cell for line in value.rows for cell in line)]))
        widths = _column_widths([value.header, *value.rows], self.template.text_width_cm)
        heading_style = self._style_id("Table Heading")
        text_style = self._style_id("Table Text")
        grid_style = self.template.style_id("Table Grid")

        def cell(text: str, twips: int, style: str, fill: str = "", span: int = 1) -> str:
            properties = f'<w:tcW w:w="{twips}" w:type="dxa"/>'
            if span > 1:
                properties += f'<w:gridSpan w:val="{span}"/>'
            if fill:
                properties += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
            return f"<w:tc><w:tcPr>{properties}</w:tcPr>{_paragraph(style, _run(text))}</w:tc>"

        repeated = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"  # on each page
        rows = []
        if value.heading:
            whole = cell(value.heading, sum(widths), heading_style, header_fill, len(widths))
            rows.append(f"<w:tr>{repeated}{whole}</w:tr>")
        headings = [cell(text, width, heading_style, header_fill)
                    for text, width in zip(value.header, widths, strict=True)]
        rows.append(f"<w:tr>{repeated}{''.join(headings)}</w:tr>")
        for line in value.rows:
            cells = [cell(text, width, text_style) for text, width in zip(line, widths, strict=True)]
            rows.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{''.join(cells)}</w:tr>")
        style = f'<w:tblStyle w:val="{grid_style}"/>' if grid_style else ""
        grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
        return Xml(f'<w:tbl><w:tblPr>{style}<w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
                   '<w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
                   '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
                   'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
                   f'<w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>')

    def heading(self, text: Any, level: int = 1, numbered: bool = True, dated: bool = False) -> Xml:
        """A heading paragraph in "Heading `level`" (levels 1 to 6): `text`, or a record's
        `title` (followed by its dates when `dated`). An unnumbered heading keeps its level for
        the table of contents but takes no number."""
        level = min(max(int(level), 1), 6)
        dates = ""
        if attrs.has(type(text)):
            sessions = getattr(text, "sessions", ())
            if dated and sessions:
                dates = ", " + format_periods([s.date for s in sessions], self.locale)
            text = getattr(text, "title", "")
        numbering = "" if numbered else '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>'
        language = run_properties(text, self.draft)
        if language:  # the title in its own language, the dates in the document's
            runs = _run(check_writable(str(text)), language) + (_run(dates) if dates else "")
        else:
            runs = _run(check_writable(str(text) + dates))
        return Xml(f'<w:p><w:pPr><w:pStyle w:val="{self._style_id(f"Heading {level}")}"/>'
                   f'{numbering}</w:pPr>{runs}</w:p>')

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
        split_passages(rendered, self.draft)
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
        if self._media:
            types_root = content_types()
            declared = {d.get("Extension", "").lower() for d in types_root.iterfind(f"{{{CT}}}Default")}
            for extension in sorted({name.rsplit(".", 1)[-1] for name in self._media}):
                if extension not in declared:
                    # Defaults come before Overrides in the schema's order.
                    types_root.insert(0, etree.Element(f"{{{CT}}}Default", Extension=extension,
                                                       ContentType=_MEDIA_TYPES[extension]))
            changed.update(self._media)
        if types is not None:
            changed["[Content_Types].xml"] = _xml(types)
        return changed

    # -- paragraphs and runs -----------------------------------------------------------------

    def _block(self, block: Block, footnotes: dict[int, int], style: str, part: str,
               widest: dict[tuple[int, int], int], language: str = "") -> str:
        if block.list_kind is None:
            return _paragraph(self._style_id(style),
                              self._inlines(block, footnotes, part, language))
        level = min(block.level, 2)
        style_id = self._style_id(self._list_style(block.list_kind, level, style))
        numbering = ""
        if block.list_kind is ListKind.NUMBER:
            num_id = self._restarted(block, level, widest.get((block.list_id, block.level), 1))
            if num_id is not None:
                numbering = f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
        return _paragraph(style_id, self._inlines(block, footnotes, part, language), numbering)

    def _list_style(self, kind: ListKind, level: int, style: str) -> str:
        """The list style for items of a text in `style`: "Table List Bullet" for a text in
        "Table Text" when the template has it, else "List Bullet"."""
        name = _LIST_STYLES[kind, level]
        if style != "Body Text":
            own = f"{style.removesuffix(' Text')} {name}"
            if self.template.style_id(own) is not None:
                return own
        return name

    def _inlines(self, block: Block, footnotes: dict[int, int], part: str,
                 language: str = "") -> str:
        """The runs of a block; `language` ends each text run's properties (see
        `passages.run_properties`)."""
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
                run = _hyphenated_runs(inline.text, properties + language)
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

    def _restarted(self, block: Block, level: int, widest: int) -> str | None:
        """Each numbered list's own w:num, so that it starts at 1 again (None when the List
        Number style does not number its paragraphs); a list whose numbers reach `widest`
        beyond 9 takes a copy of the numbering with room for them."""
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
        if widest > 9:
            abstract = self._wider(numbering, abstract, len(str(widest)))
        self._next_num += 1
        num_id = str(self._next_num)
        numbering.append(etree.fromstring(
            f'<w:num xmlns:w="{W}" w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>'
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{block.start}"/></w:lvlOverride>'
            '</w:num>'))
        self._list_nums[key] = num_id
        return num_id

    def _wider(self, numbering: etree._Element, abstract: str, digits: int) -> str:
        """A copy of the numbering `abstract` whose first level's hanging indent (and the tab
        after the number) is wider by a digit for each digit beyond one, so that "10." and
        "100." keep the gap after them that "1." has; the numbering itself when it says no
        indent. Word and LibreOffice both take the copy's indent and tab."""
        known = self._widened.get((abstract, digits))
        if known is not None:
            return known
        original = numbering.find(f"{{{W}}}abstractNum[@{{{W}}}abstractNumId='{abstract}']")
        indent = None if original is None else original.find(
            f"{{{W}}}lvl[@{{{W}}}ilvl='0']/{{{W}}}pPr/{{{W}}}ind")
        left = indent.get(f"{{{W}}}left") or indent.get(f"{{{W}}}start") \
            if indent is not None else None
        hanging = indent.get(f"{{{W}}}hanging") if indent is not None else None
        if original is None or indent is None or not (left and hanging and left.isdigit()
                                                      and hanging.isdigit()):
            self._widened[abstract, digits] = abstract
            return abstract
        extra = (digits - 1) * _DIGIT_TWIPS
        copy = deepcopy(original)
        number = 1 + max(int(a.get(f"{{{W}}}abstractNumId", "0"))
                         for a in numbering.iterfind(f"{{{W}}}abstractNum"))
        copy.set(f"{{{W}}}abstractNumId", str(number))
        for unique in ("nsid", "tmpl", "styleLink", "numStyleLink"):
            for element in copy.findall(f"{{{W}}}{unique}"):
                copy.remove(element)
        for linked in copy.iterfind(f"{{{W}}}lvl/{{{W}}}pStyle"):  # one numbering per style
            linked.getparent().remove(linked)
        wide = copy.find(f"{{{W}}}lvl[@{{{W}}}ilvl='0']/{{{W}}}pPr/{{{W}}}ind")
        wide.set(f"{{{W}}}left" if indent.get(f"{{{W}}}left") else f"{{{W}}}start",
                 str(int(left) + extra))
        wide.set(f"{{{W}}}hanging", str(int(hanging) + extra))
        for tab in copy.iterfind(f"{{{W}}}lvl[@{{{W}}}ilvl='0']/{{{W}}}pPr/{{{W}}}tabs/{{{W}}}tab"):
            if tab.get(f"{{{W}}}val") == "num":
                tab.set(f"{{{W}}}pos", str(int(left) + extra))
        first_num = numbering.find(f"{{{W}}}num")
        if first_num is not None:  # every abstractNum comes before the first num
            first_num.addprevious(copy)
        else:
            numbering.append(copy)
        self._widened[abstract, digits] = str(number)
        return str(number)

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

    def _add_footnotes(self, value: Markup, language: str = "") -> dict[int, int]:
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
                paragraphs.append(_paragraph(text_style,
                                             mark + self._inlines(block, {}, part, language)))
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


_TWIPS_PER_CM = 567
# About the width of a character of the tables' text (9.5 to 10 pt), and a cell's margins, in cm.
_CHARACTER_CM = 0.19
_CELL_MARGINS_CM = 0.4


def _column_widths(lines: Sequence[Sequence[str]], room_cm: float) -> list[int]:
    """The width of each column of a table, in twips, filling `room_cm`: each column at least as
    wide as its longest word, and the room left shared as its texts need (a line of 45
    characters at most)."""
    columns = list(zip(*lines, strict=True))
    least = [max((len(word) for text in column for word in text.split()), default=1)
             * _CHARACTER_CM + _CELL_MARGINS_CM for column in columns]
    wanted = [max(min(max((len(text) for text in column), default=1), 45) * _CHARACTER_CM
                  + _CELL_MARGINS_CM, low) for column, low in zip(columns, least, strict=True)]
    room = min(room_cm, 16.0) if room_cm != float("inf") else 16.0
    if sum(wanted) <= room:  # the columns widened alike to fill the room
        widths = [w * room / sum(wanted) for w in wanted]
    elif sum(least) >= room:
        widths = [w * room / sum(least) for w in least]
    else:  # each column its longest word, and a share of the rest as its texts need
        spare = (room - sum(least)) / (sum(wanted) - sum(least))
        widths = [low + (want - low) * spare for low, want in zip(least, wanted, strict=True)]
    return [round(w * _TWIPS_PER_CM) for w in widths]


def _widest_numbers(blocks: Sequence[Block]) -> dict[tuple[int, int], int]:
    """The largest number of each numbered list of a text, by its list and level."""
    counts: Counter[tuple[int, int]] = Counter()
    starts: dict[tuple[int, int], int] = {}
    for block in blocks:
        if block.list_kind is ListKind.NUMBER:
            key = (block.list_id, block.level)
            counts[key] += 1
            starts.setdefault(key, block.start)
    return {key: starts[key] + count - 1 for key, count in counts.items()}


def _relative(name: str, part: str) -> str:
    """The target a relationship of `part` gives to the package's part `name`."""
    return posixpath.relpath(name, posixpath.dirname(part))


def _xml(root: etree._Element) -> bytes:
    data: bytes = etree.tostring(root, encoding="UTF-8")
    return DECLARATION + data
