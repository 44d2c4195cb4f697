"""Forms out: one Word form per agency, pre-filled with the records it takes part in.

A form is plain Word made with python-docx: named styles (restyle them in Word), tables, and
content controls for the fixed choices (drop-down lists, check boxes). What ties a row to its
record must survive a save by Word and by LibreOffice 7.4, which drops a content control's tag
and alias: each pre-filled row or table holds a bookmark (`jha_r12`), and a custom XML part maps
the bookmarks to the records' keys, with the year, the agency and what the form showed of each
record (a digest), so that the import tells an agency's changes from the year's.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from attrs import frozen
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
from ..errors import InputError
from ..files import write_atomically
from ..loading import load_year
from ..periods import format_period, parse_period
from ..word.package import normalise
from .sources import Source, YearSources, read_sources
from .values import (
    CHOOSE,
    FORMATS,
    LABELS,
    NONE,
    STATUSES,
    Text,
    Values,
    fingerprint,
    record_values,
)

__all__ = ["FORM_NAMESPACE", "FormError", "form_document", "write_forms"]

FORM_NAMESPACE = "urn:jhareport:contribution-form:1"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
_NS = f'xmlns:w="{_W}" xmlns:w14="{_W14}"'
_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
_CHECKED, _UNCHECKED = "\u2612", "\u2610"

# Column widths (cm) of the scorecard table on a landscape A4 page with 2 cm margins.
_ACTION_COLUMNS = (("No.", 1.0), ("Field", 1.5), ("Action", 12.2), ("State of play", 2.6),
                   ("When", 2.8), ("Agencies involved", 5.6))
_LABEL_WIDTH, _VALUE_WIDTH = 4.2, 21.5
# The header of a record's table, and of an empty one for a new record.
TABLE_TITLES = {"event": ("Thematic event", "New thematic event"),
                "highlight": ("Highlight", "New highlight"),
                "activity": ("Other activity", "New other activity")}
ROW_LABELS = {"title": "Title", "topic": "Priority topic", "agencies": "Agencies",
              "others": "Other partners", "format": "Format", "place": "Place",
              "dates": "Dates", "text": "Text"}


class FormError(InputError):
    """Forms that cannot be made: an unknown agency, a due date that is not a date."""


@frozen
class _Mark:
    name: str
    kind: str
    key: str
    row: int
    place: str
    fingerprint: str


def write_forms(year_dir: str | Path, out: str | Path, *, agencies: Sequence[str] | None = None,
                due: date | None = None) -> list[Path]:
    """Write `OUT/<agency code>.docx` for each agency (all nine by default) and return the paths.

    Raises LoadError when the year cannot be read, FormError for an unknown agency. Every form
    is written or none.
    """
    folder = Path(year_dir)
    records = load_year(folder)
    sources = read_sources(folder, records)
    chosen: list[Agency] = []
    for name in agencies or [a.code for a in REGISTRY.agencies]:
        try:
            agency = REGISTRY.agency(name)
        except ValueError as error:
            raise FormError(str(error)) from None
        if agency not in chosen:
            chosen.append(agency)
    files = {Path(out) / f"{agency.code}.docx": form_document(sources, agency, due)
             for agency in chosen}
    write_atomically(files)
    return list(files)


def form_document(sources: YearSources, agency: Agency, due: date | None = None) -> bytes:
    """The form of one agency for the year, as the bytes of a .docx file."""
    return _FormWriter(sources, agency, due).write()


class _FormWriter:
    def __init__(self, sources: YearSources, agency: Agency, due: date | None) -> None:
        self.sources = sources
        self.records = sources.records
        self.agency = agency
        self.due = due
        self.year = self.records.year.year
        self.day = self.records.year.as_of
        self.topics = {t.id: t.title for t in self.records.year.priority_topics}
        self.marks: list[_Mark] = []
        self.document: DocumentObject = Document()
        self.next_id = 1

    # -- the document -------------------------------------------------------------------------

    def write(self) -> bytes:
        document = self.document
        self._page_and_styles()
        short = self.agency.short_on(self.day)
        document.add_paragraph(f"Contribution of {short} to the {self.year} report", "Title")
        document.add_paragraph(
            f"{self.agency.full_on(self.day)}, for the {self.year} report of the Justice and Home "
            "Affairs Agencies' Network", "Subtitle")
        self._instructions(short)
        if self.records.scorecard is not None:
            self._scorecard()
        if self.records.year.priority_topics:
            self._records("event", "Thematic events",
                          "The events held under the year's priorities that involve "
                          f"{short}.")
        self._records("highlight", "Highlights",
                      f"Highlights of inter-agency cooperation that involve {short}.")
        self._records("activity", "Other activities",
                      f"Other activities of the network that {short} takes part in.")
        self._custom_part()
        self._properties(short)
        stream = io.BytesIO()
        document.save(stream)
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

    def _instructions(self, short: str) -> None:
        chair = self.records.year.chair
        to = f" to {chair.short_on(self.day)}, chair of the network in {self.year}" if chair else ""
        when = (f"by {format_period_day(self.due)}" if self.due else "as soon as you can")
        lines = [
            f"Please check this form, complete it and send it back{to}, {when}.",
            "Type over any text to correct it. Delete the row (or the table) of a record that "
            f"does not concern {short} any more. Add a new scorecard action in the empty row under "
            "its field (add rows as you need), and a new event, highlight or activity in the "
            "empty table of its section (copy the table for more).",
            "Choose fields, states of play and formats from their lists, and tick the agencies "
            "involved. Bold, italics, bullets and links are kept. Please leave the table "
            "headings as they are: they tell where each entry belongs.",
        ]
        for line in lines:
            self.document.add_paragraph(line, "Form Instruction")

    # -- the scorecard ------------------------------------------------------------------------

    def _scorecard(self) -> None:
        scorecard = self.records.scorecard
        assert scorecard is not None
        short = self.agency.short_on(self.day)
        mine = [s for s in self.sources.of_kind("action") if self.agency in s.record.agencies]
        self.document.add_paragraph("Scorecard actions", "Heading 1")
        self.document.add_paragraph(
            f"The actions of the {scorecard.title} that involve {short} ({len(mine)}), under "
            "their fields. The state of play is a choice; write its date or period under When "
            "(for example 11 July 2019, November 2019, 2020-2021).", "Form Instruction")
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
                self._action_row(table.add_row(), row_number, source, scorecard_field.number,
                                 fields)

    def _action_row(self, row: Any, number: int, source: Source | None, field: str,
                    fields: list[str]) -> None:
        cells = row.cells
        values: Values = (record_values("action", source.record, self.day, self.topics)
                          if source else {"field": field, "detail": (), "status": "", "when": "",
                                          "agencies": (self.agency.code,), "others": ""})
        first = cells[0].paragraphs[0]
        if source is not None:
            place = f"scorecard row {number} ({field} {_title_of(self.records, field)})"
            self._bookmark(first, source, values, number, place)
        first.add_run(str(number))
        _dropdown(cells[1].paragraphs[0], "Field", fields, values["field"])
        self._text(cells[2], values["detail"])
        _dropdown(cells[3].paragraphs[0], "State of play", STATUSES, values["status"] or CHOOSE,
                  empty=CHOOSE)
        cells[4].paragraphs[0].text = values["when"]
        _checkboxes(cells[5].paragraphs[0], self.day, values["agencies"])
        others = cells[5].add_paragraph()
        others.add_run("Others: ")
        others.add_run(values["others"])

    # -- thematic events, highlights, other activities ---------------------------------------

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
        labels = _labels(kind)
        table = self.document.add_table(rows=1 + len(labels), cols=2)
        self._table(table, [_LABEL_WIDTH, _VALUE_WIDTH])
        header = table.rows[0].cells[0].merge(table.rows[0].cells[1])
        _shade(header, "D9E2F3")
        values: Values
        title, new_title = TABLE_TITLES[kind]
        paragraph = header.paragraphs[0]
        paragraph.style = "Form Group"
        if source is not None:
            values = record_values(kind, source.record, self.day, self.topics)
            place = f"{title.lower()} {number} ({values['title']})"
            self._bookmark(paragraph, source, values, number, place)
            paragraph.add_run(f"{title} {number}")
        else:
            values = {k: "" for k in labels}
            values.update(agencies=(self.agency.code,), dates=(), text=())
            paragraph.add_run(new_title)
        for row, key in zip(table.rows[1:], labels, strict=True):
            label, cell = row.cells
            label.paragraphs[0].text = ROW_LABELS[key]
            label.paragraphs[0].style = "Form Label"
            target = cell.paragraphs[0]
            if key == "topic":
                _dropdown(target, "Priority topic", list(self.topics.values()),
                          values[key] or CHOOSE, empty=CHOOSE)
            elif key == "format":
                _dropdown(target, "Format", FORMATS, values[key] or NONE, empty=NONE)
            elif key == "agencies":
                _checkboxes(target, self.day, values[key])
            elif key == "dates":
                for index, line in enumerate(values[key]):
                    (target if index == 0 else cell.add_paragraph()).add_run(line)
            elif key == "text":
                self._text(cell, values[key])
            else:
                target.add_run(values[key])

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

    def _bookmark(self, paragraph: Any, source: Source, values: Values, row: int,
                  place: str) -> None:
        name = f"jha_r{len(self.marks) + 1}"
        self.marks.append(_Mark(name, source.kind, source.key, row, place, fingerprint(values)))
        ident = self.next_id
        self.next_id += 1
        paragraph._p.append(parse_xml(f'<w:bookmarkStart {_NS} w:id="{ident}" w:name="{name}"/>'))
        paragraph._p.append(parse_xml(f'<w:bookmarkEnd {_NS} w:id="{ident}"/>'))

    def _custom_part(self) -> None:
        """The form's identity and its records' keys, as a custom XML part."""
        due = f' due="{self.due.isoformat()}"' if self.due else ""
        rows = "".join(
            f"<record mark={quoteattr(m.name)} kind={quoteattr(m.kind)} key={quoteattr(m.key)} "
            f"row=\"{m.row}\" place={quoteattr(m.place)} fingerprint={quoteattr(m.fingerprint)}/>"
            for m in self.marks)
        xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               f'<form xmlns="{FORM_NAMESPACE}" year="{self.year}" '
               f'agency={quoteattr(self.agency.code)}{due}>{rows}</form>')
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

    def _properties(self, short: str) -> None:
        properties = self.document.core_properties
        properties.title = f"Contribution of {short} to the {self.year} report"
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


def _labels(kind: str) -> list[str]:
    return list(LABELS[kind])


def _title_of(records: Any, field: str) -> str:
    for item in records.scorecard.fields:
        if item.number == field:
            return str(item.title)
    return ""


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

