"""Contribution forms as Word documents: one per agency, pre-filled with the records it takes
part in (what a form holds, and its base, are the contributions' own: `jhareport.contributions`).

A form is plain Word made with python-docx: named styles (restyle them in Word), tables, and
content controls for the fixed choices (drop-down lists, check boxes). What ties a row to its
record must survive a save by Word and by LibreOffice 7.4, which drops a content control's tag
and alias: each pre-filled row or table holds a bookmark (`jha_r12`), and a custom XML part
names the year, the agency and the forms' base. `form_reading` reads them back.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.shared import Cm, Pt, RGBColor

from ..agencies import REGISTRY, Agency
from ..contributions.base import FORM_NAMESPACE, Mark
from ..contributions.entries import (
    CHOOSE,
    FORMATS,
    HORIZONTAL,
    KINDS,
    NONE,
    STATUSES,
    Entries,
    record_entries,
)
from ..contributions.sources import Source, YearSources
from ..contributions.text import Text, markup_text
from ..periods import format_period, parse_period
from .package import normalise
from .template import W

__all__ = ["FormWriter"]

_W = W
_W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
_NS = f'xmlns:w="{_W}" xmlns:w14="{_W14}"'
_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
_CHECKED, _UNCHECKED = "\u2612", "\u2610"

# Column widths (cm) of the scorecard table on a landscape A4 page with 2 cm margins.
_ACTION_COLUMNS = (("No.", 1.0), ("Field", 1.5), ("Action", 12.2), ("State of play", 2.6),
                   ("When", 2.8), ("Agencies involved", 5.6))
_LABEL_WIDTH, _VALUE_WIDTH = 4.2, 21.5
# What each section of a form says of itself; {short} is the agency's name.
_SECTIONS = {
    "meeting": ("Meetings", "The meetings of the network and of its working groups that "
                "{short} takes part in."),
    "event": ("Thematic events", "The events held under the year's priority topics that "
              "involve {short}."),
    "activity": ("Other activities", "Other activities of the network that {short} takes "
                 "part in."),
    "highlight": ("Highlights", "Highlights of inter-agency cooperation that involve {short}."),
}


class FormWriter:
    """The form of one agency: `compose` lays it out, `marks` then says which record each
    bookmark stands for, and `finish` gives the .docx."""

    def __init__(self, sources: YearSources, agency: Agency, due: date | None,
                 topics: dict[str, str], groups: dict[str, str]) -> None:
        self.sources = sources
        self.records = sources.records
        self.agency = agency
        self.due = due
        self.year = self.records.year.year
        self.day = self.records.year.as_of
        self.topics = topics
        self.groups = groups
        self.marks: dict[str, Mark] = {}
        self.document: DocumentObject = Document()
        self.short = agency.short_on(self.day)

    # -- the document -------------------------------------------------------------------------

    def compose(self) -> None:
        document = self.document
        self._page_and_styles()
        document.add_paragraph(f"Contribution of {self.short} to the {self.year} report", "Title")
        document.add_paragraph(
            f"{self.agency.full_on(self.day)}, for the {self.year} report of the Justice and Home "
            "Affairs Agencies' Network", "Subtitle")
        self._instructions()
        if self.records.scorecard is not None:
            self._scorecard()
        for kind, (heading, intro) in _SECTIONS.items():
            if kind == "event" and not self.topics:
                continue
            self._records(kind, heading, intro.format(short=self.short))

    def finish(self, base: str) -> bytes:
        self._custom_part(base)
        self._properties()
        stream = io.BytesIO()
        self.document.save(stream)
        return normalise(stream.getvalue(), datetime(self.year, 12, 31))

    def _page_and_styles(self) -> None:
        # python-docx's blank document carries a bibliography part and a copy of the styles
        # that Word wants in step with styles.xml; the form needs neither.
        part = self.document.part
        for rid, rel in list(part.rels.items()):
            if rel.reltype in (RT.CUSTOM_XML, _STYLES_WITH_EFFECTS):
                part.drop_rel(rid)
        section = self.document.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2))
        styles = self.document.styles
        normal = styles["Normal"]
        normal.font.size = Pt(10)
        normal.paragraph_format.space_after = Pt(3)
        for name, size, bold in (("Form Instruction", 10, False), ("Form Group", 10, True),
                                 ("Form Label", 9, True), ("Form Table Heading", 9, True)):
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = normal
            style.font.size = Pt(size)
            style.font.bold = bold
            style.quick_style = True
        styles["Form Instruction"].paragraph_format.space_after = Pt(6)
        if "Hyperlink" not in [s.name for s in styles]:
            link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
            link.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
            link.font.underline = True

    def _instructions(self) -> None:
        short, year = self.short, self.year
        chair = self.records.year.chair
        to = f" to {chair.short_on(self.day)}, chair of the network in {year}" if chair else ""
        when = (f"by {format_period_day(self.due)}" if self.due else "as soon as you can")
        lines = [
            f"Please check this form, complete it and send it back{to}, {when}.",
            "Type over any text to correct it. Choose fields, states of play, priority topics, "
            "working groups and formats from their lists, and tick the agencies involved. Bold, "
            "italics, bullets and links are kept.",
            f"A record that does not concern {short} any more: delete its row (or its table), or "
            f"untick {short}. {short} is then taken off it: the record stays in the report for "
            "the other agencies ticked, and leaves it when no agency is left on it.",
            "Add a new scorecard action in the empty row under its field (add rows as you need), "
            "and a new meeting, event, activity or highlight in the empty table of its section "
            "(copy the table for more).",
            f"Dates: one date or period per line (21 November {year}, 13 & 14 June {year}, "
            f"June {year}). Each is an entry of the report's list of events, worded as the "
            f"title, or as you write it after the date: 21 November {year} (list of events: "
            "Heads of Agencies meeting).",
            "Please leave the table headings as they are: they tell where each entry belongs.",
        ]
        for line in lines:
            self.document.add_paragraph(line, "Form Instruction")

    # -- the scorecard ------------------------------------------------------------------------

    def _scorecard(self) -> None:
        scorecard = self.records.scorecard
        assert scorecard is not None
        mine = [s for s in self.sources.of_kind("action") if self.agency in s.record.agencies]
        self.document.add_paragraph("Scorecard actions", "Heading 1")
        self.document.add_paragraph(
            f"The actions of the {scorecard.title} that involve {self.short} ({len(mine)}), "
            "under their fields. The state of play is a choice; write its date or period under "
            "When (for example 11 July 2019, November 2019, 2020-2021).", "Form Instruction")
        table = self.document.add_table(rows=1, cols=len(_ACTION_COLUMNS))
        self._table(table, [w for _, w in _ACTION_COLUMNS])
        header = table.rows[0]
        _repeat_header(header)
        for cell, (title, _) in zip(header.cells, _ACTION_COLUMNS, strict=True):
            cell.paragraphs[0].text = title
            cell.paragraphs[0].style = "Form Table Heading"
            _shade(cell, "D9E2F3")
        fields = [f.number for f in scorecard.fields]
        row_number = 0
        for scorecard_field in scorecard.fields:
            group = table.add_row()
            merged = group.cells[0].merge(group.cells[-1])
            merged.paragraphs[0].text = f"{scorecard_field.number} {scorecard_field.title}"
            merged.paragraphs[0].style = "Form Group"
            _shade(merged, "F2F2F2")
            actions = [s for s in mine if s.record.field == scorecard_field.number]
            for source in [*actions, None]:
                row_number += 1
                place = f"scorecard row {row_number} ({scorecard_field.number} " \
                        f"{scorecard_field.title})"
                self._action_row(table.add_row(), row_number, source, scorecard_field.number,
                                 fields, place)

    def _action_row(self, row: Any, number: int, source: Source | None, field: str,
                    fields: list[str], place: str) -> None:
        cells = row.cells
        entries: Entries = (self._entries(source) if source else
                            {"field": field, "state": "", "when": "",
                             "agencies": [self.agency.code], "others": []})
        first = cells[0].paragraphs[0]
        if source is not None:
            self._bookmark(first, source, place)
        first.add_run(str(number))
        _dropdown(cells[1].paragraphs[0], "Field", fields, entries["field"])
        if source is not None:
            self._text(cells[2], markup_text(source.record.detail))
        _dropdown(cells[3].paragraphs[0], "State of play", STATUSES, entries["state"] or CHOOSE,
                  empty=CHOOSE)
        cells[4].paragraphs[0].text = entries["when"]
        _checkboxes(cells[5].paragraphs[0], self.day, entries["agencies"])
        others = cells[5].add_paragraph()
        others.add_run("Others: ")
        others.add_run(", ".join(entries["others"]))

    # -- meetings, thematic events, other activities, highlights --------------------------------

    def _records(self, kind: str, heading: str, intro: str) -> None:
        mine = [s for s in self.sources.of_kind(kind) if self.agency in s.record.agencies]
        self.document.add_paragraph(heading, "Heading 1")
        self.document.add_paragraph(
            f"{intro} Add a new one in the empty table at the end of this section.",
            "Form Instruction")
        for number, source in enumerate([*mine, None], start=1):
            self._record_table(kind, number, source)
            self.document.add_paragraph()

    def _record_table(self, kind: str, number: int, source: Source | None) -> None:
        labels = KINDS[kind].labels
        table = self.document.add_table(rows=1 + len(labels), cols=2)
        self._table(table, [_LABEL_WIDTH, _VALUE_WIDTH])
        header = table.rows[0].cells[0].merge(table.rows[0].cells[1])
        _shade(header, "D9E2F3")
        paragraph = header.paragraphs[0]
        paragraph.style = "Form Group"
        entries: Entries
        if source is not None:
            entries = self._entries(source)
            title = entries["title"] if len(entries["title"]) <= 80 else f"{entries['title'][:79]}…"
            self._bookmark(paragraph, source, f"{KINDS[kind].name} {number} ({title})")
            paragraph.add_run(f"{KINDS[kind].title} {number}")
        else:
            entries = {key: "" for key in labels}
            entries.update(agencies=[self.agency.code], dates=[], others=[])
            paragraph.add_run(KINDS[kind].new_title)
        for row, (key, label) in zip(table.rows[1:], labels.items(), strict=True):
            label_cell, cell = row.cells
            label_cell.paragraphs[0].text = label
            label_cell.paragraphs[0].style = "Form Label"
            target = cell.paragraphs[0]
            if key == "topic":
                _dropdown(target, label, list(self.topics.values()), entries[key] or CHOOSE,
                          empty=CHOOSE)
            elif key == "group":
                _dropdown(target, label, list(self.groups.values()), entries[key] or HORIZONTAL,
                          empty=HORIZONTAL)
            elif key == "format":
                _dropdown(target, label, FORMATS, entries[key] or NONE, empty=NONE)
            elif key == "agencies":
                _checkboxes(target, self.day, entries[key])
            elif key == "dates":
                for index, line in enumerate(entries[key]):
                    (target if index == 0 else cell.add_paragraph()).add_run(line)
            elif key == "others":
                target.add_run(", ".join(entries[key]))
            elif key == "text":
                if source is not None:
                    self._text(cell, markup_text(source.record.body))
            else:
                target.add_run(entries[key])

    def _entries(self, source: Source) -> Entries:
        return record_entries(source.kind, source.record, self.day, self.topics, self.groups)

    # -- pieces -------------------------------------------------------------------------------

    def _table(self, table: Any, widths: Iterable[float]) -> None:
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Cm(width)
            for cell in column.cells:
                cell.width = Cm(width)

    def _text(self, cell: Any, text: Text) -> None:
        """A record's text: paragraphs, bullets (List Bullet, List Bullet 2…), numbers, bold,
        italics and links."""
        for index, (kind, level, runs) in enumerate(text):
            paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
            if kind != "p":
                base = "List Bullet" if kind == "bullet" else "List Number"
                paragraph.style = base if level == 0 else f"{base} {min(level + 1, 3)}"
            for words, bold, italic, link in runs:
                if link:
                    self._link(paragraph, words, link, bold, italic)
                else:
                    run = paragraph.add_run(words)
                    run.bold = bold or None
                    run.italic = italic or None

    def _link(self, paragraph: Any, words: str, url: str, bold: bool, italic: bool) -> None:
        rid = self.document.part.relate_to(url, RT.HYPERLINK, is_external=True)
        formats = "".join(("<w:b/>" if bold else "", "<w:i/>" if italic else ""))
        paragraph._p.append(parse_xml(
            f'<w:hyperlink {_NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'relationships" r:id="{rid}"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/>{formats}'
            f'</w:rPr><w:t xml:space="preserve">{escape(words)}</w:t></w:r></w:hyperlink>'))

    def _bookmark(self, paragraph: Any, source: Source, place: str) -> None:
        assert source.key is not None
        name = f"jha_r{len(self.marks) + 1}"
        self.marks[name] = Mark(source.key, place)
        ident = len(self.marks)
        paragraph._p.append(parse_xml(f'<w:bookmarkStart {_NS} w:id="{ident}" w:name="{name}"/>'))
        paragraph._p.append(parse_xml(f'<w:bookmarkEnd {_NS} w:id="{ident}"/>'))

    def _custom_part(self, base: str) -> None:
        """The form's identity, as a custom XML part: the year, the agency, the base, the due
        date."""
        due = f' due="{self.due.isoformat()}"' if self.due else ""
        xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               f'<form xmlns="{FORM_NAMESPACE}" year="{self.year}" '
               f'agency={quoteattr(self.agency.code)} base="{base}"{due}/>')
        package = self.document.part.package
        item = Part(PackURI("/customXml/item1.xml"), "application/xml", xml.encode("utf-8"),
                    package)
        props = Part(
            PackURI("/customXml/itemProps1.xml"),
            "application/vnd.openxmlformats-officedocument.customXmlProperties+xml",
            ('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
             '<ds:datastoreItem ds:itemID="{6C1B1E47-1D4A-4E45-9D0B-'
             f'{self.year:04d}{_code_hex(self.agency.code)}}}" xmlns:ds="http://schemas.'
             'openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs>'
             f'<ds:schemaRef ds:uri="{FORM_NAMESPACE}"/></ds:schemaRefs></ds:datastoreItem>'
             ).encode(), package)
        item.relate_to(props, RT.CUSTOM_XML_PROPS)
        self.document.part.relate_to(item, RT.CUSTOM_XML)

    def _properties(self) -> None:
        properties = self.document.core_properties
        properties.title = f"Contribution of {self.short} to the {self.year} report"
        properties.subject = "JHA Agencies' Network: contribution form"
        properties.author = "JHA Agencies' Network"
        properties.last_modified_by = "JHA Agencies' Network"
        properties.keywords = f"jhareport form {self.year} {self.agency.code}"
        properties.revision = 1
        stamp = datetime(self.year, 12, 31)
        properties.created = stamp
        properties.modified = stamp
        properties.last_printed = stamp


def format_period_day(day: date) -> str:
    return format_period(parse_period(day.isoformat()))


def _code_hex(code: str) -> str:
    """Eight hex digits from an agency's code, so that each form's part has its own id."""
    return "".join(f"{ord(c):02X}" for c in code.ljust(4, "_")[:4])


def _shade(cell: Any, colour: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    properties.append(parse_xml(f'<w:shd {_NS} w:val="clear" w:color="auto" w:fill="{colour}"/>'))


def _repeat_header(row: Any) -> None:
    row._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {_NS}/>"))


def _dropdown(paragraph: Any, alias: str, choices: Sequence[str], value: str,
              empty: str | None = None) -> None:
    """A drop-down list content control; each item's display text is its value, as LibreOffice
    writes them back."""
    items = [*([empty] if empty else []), *choices]
    if value not in items:
        items.append(value)
    entries = "".join(f"<w:listItem w:displayText={quoteattr(c)} w:value={quoteattr(c)}/>"
                      for c in items)
    tag = alias.lower().replace(" ", "-")
    paragraph._p.append(parse_xml(
        f'<w:sdt {_NS}><w:sdtPr><w:alias w:val={quoteattr(alias)}/><w:tag w:val="{tag}"/>'
        f"<w:dropDownList>{entries}</w:dropDownList></w:sdtPr><w:sdtContent><w:r>"
        f'<w:t xml:space="preserve">{escape(value)}</w:t></w:r></w:sdtContent></w:sdt>'))


def _checkboxes(paragraph: Any, day: date, checked: Sequence[str]) -> None:
    """One check box per agency, each followed by the agency's name of the year."""
    for index, agency in enumerate(REGISTRY.agencies):
        on = agency.code in checked
        glyph = _CHECKED if on else _UNCHECKED
        paragraph._p.append(parse_xml(
            f'<w:sdt {_NS}><w:sdtPr><w:alias w:val="Agency"/><w:tag w:val="agency"/>'
            f'<w14:checkbox><w14:checked w14:val="{int(on)}"/>'
            '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
            '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/></w14:checkbox>'
            '</w:sdtPr><w:sdtContent><w:r><w:rPr><w:rFonts w:ascii="MS Gothic" '
            f'w:hAnsi="MS Gothic" w:eastAsia="MS Gothic"/></w:rPr><w:t>{glyph}</w:t></w:r>'
            "</w:sdtContent></w:sdt>"))
        space = "\u00a0" if index < len(REGISTRY.agencies) - 1 else ""
        # Non-breaking: a name never splits at its hyphen (eu-LISA) or from its box.
        name = agency.short_on(day).replace("-", "\u2011")
        paragraph.add_run(f"\u00a0{name}{space} ")

