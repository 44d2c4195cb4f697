"""Produce the first versions of the Word templates in jhareport/templates/.

The .docx files are the source of truth: communication staff restyle them in Word. This script only
made their first versions (styles, numbered headings, table of contents, headers and footers, Jinja
tags) and is kept to show how a template is put together; running it again overwrites any change
made in Word.

Each template is written in English into the folder given, and in every language of WORDS into
its subfolder (fr/, de/), from the same code: only the templates' own words differ.
"""

from __future__ import annotations

import io
import sys
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Mm, Pt, RGBColor, Twips

from jhareport.word.package import normalise

_STAMP = datetime(2024, 1, 1)  # the date of every zip entry of a template
BLUE = RGBColor(0x1F, 0x38, 0x64)
ACCENT = RGBColor(0x2E, 0x74, 0xB5)
FONT = "Calibri"
CT_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
TOC_HANGING = {1: 0.6, 2: 0.85, 3: 1.05}  # cm: room for "10.", "10.1.", "6.5.4."
NETWORK = "Justice and Home Affairs Agencies’ Network"

# The templates' own words in each language other than English, by their English text. A word
# missing here stops the tool: no template mixes two languages.
WORDS: dict[str, dict[str, str]] = {
    "fr": {
        NETWORK: "Réseau des agences de la justice et des affaires intérieures",
        "Final report {{ year.year }}": "Rapport final {{ year.year }}",
        " — DRAFT": " — PROJET",
        "DRAFT — not for distribution": "PROJET — ne pas diffuser",
        "Chair of the network: ": "Présidence du réseau\u202f: ",
        "[to be completed: chair]": "[à compléter\u202f: présidence]",
        "Trio presidency: ": "Trio de présidence\u202f: ",
        "The agencies of the network": "Les agences du réseau",
        "Page ": "Page ",
        " of ": " sur ",
        "Contents": "Table des matières",
        "The table of contents is refreshed when the document is opened.":
            "La table des matières est mise à jour à l’ouverture du document.",
        "List of events organised in {{ year.year }} by the Justice and Home Affairs Agencies’ "
        "Network.":
            "Liste des événements organisés en {{ year.year }} par le réseau des agences de la "
            "justice et des affaires intérieures.",
        "Date": "Date",
        "Event": "Événement",
        "Agencies: ": "Agences\u202f: ",
        "Key joint activities and achievements":
            "Principales activités conjointes et réalisations",
        "Challenges and opportunities for joint cooperation":
            "Défis et possibilités de coopération conjointe",
        "Acronym": "Acronyme",
        "Meaning": "Signification",
        "Operational actions led, co-led and participated in by each agency of the network in "
        "{{ plans }}: {{ count }} operational actions in all.":
            "Actions opérationnelles pilotées, copilotées ou suivies par chaque agence du réseau "
            "dans {{ plans }}\u202f: {{ count }} actions opérationnelles au total.",
        "Agency": "Agence",
        "Led": "Pilote",
        "Co-led": "Copilote",
        "Participated in": "Participant",
        "Source: ": "Source\u202f: ",
        "Joint actions of the {{ year.year }} scorecard in which each agency of the network "
        "takes part.":
            "Actions conjointes du tableau de bord {{ year.year }} auxquelles participe chaque "
            "agence du réseau.",
        "Joint actions of the Justice and Home Affairs agencies": "Actions conjointes des "
            "agences de la justice et des affaires intérieures",
        ", annex to the final report {{ year.year }} of the network (chair: {{ chair }})":
            ", annexe au rapport final {{ year.year }} du réseau (présidence\u202f: {{ chair }})",
        "{{ total }} joint actions in {{ areas }} areas.":
            "{{ total }} actions conjointes dans {{ areas }} domaines.",
        "scorecard actions": "actions du tableau de bord",
        "Area": "Domaine",
        "Joint actions": "Actions conjointes",
        "State of play": "État d’avancement",
        "Field of the action": "Champ de l’action",
        "Detail of the action": "Détail de l’action",
        "Agencies involved": "Agences concernées",
        "All JHA agencies": "Toutes les agences JAI",
        "List of acronyms": "Liste des acronymes",
        "Acronyms and abbreviations used in the documents of the Justice and Home Affairs "
        "Agencies’ Network for {{ year.year }}: {{ count }} entries.":
            "Acronymes et abréviations employés dans les documents {{ year.year }} du réseau des "
            "agences de la justice et des affaires intérieures\u202f: {{ count }} entrées.",
        "acronyms": "acronymes",
        "picture: ": "image\u202f: ",
    },
    "de": {
        NETWORK: "Netzwerk der Agenturen im Bereich Justiz und Inneres",
        "Final report {{ year.year }}": "Abschlussbericht {{ year.year }}",
        " — DRAFT": " — ENTWURF",
        "DRAFT — not for distribution": "ENTWURF — nicht zur Weitergabe",
        "Chair of the network: ": "Vorsitz des Netzwerks: ",
        "[to be completed: chair]": "[zu ergänzen: Vorsitz]",
        "Trio presidency: ": "Trio-Vorsitz: ",
        "The agencies of the network": "Die Agenturen des Netzwerks",
        "Page ": "Seite ",
        " of ": " von ",
        "Contents": "Inhalt",
        "The table of contents is refreshed when the document is opened.":
            "Das Inhaltsverzeichnis wird beim Öffnen des Dokuments aktualisiert.",
        "List of events organised in {{ year.year }} by the Justice and Home Affairs Agencies’ "
        "Network.":
            "Veranstaltungen des Netzwerks der Agenturen im Bereich Justiz und Inneres im Jahr "
            "{{ year.year }}.",
        "Date": "Datum",
        "Event": "Veranstaltung",
        "Agencies: ": "Agenturen: ",
        "Key joint activities and achievements":
            "Wichtigste gemeinsame Tätigkeiten und Ergebnisse",
        "Challenges and opportunities for joint cooperation":
            "Herausforderungen und Chancen der Zusammenarbeit",
        "Acronym": "Abkürzung",
        "Meaning": "Bedeutung",
        "Operational actions led, co-led and participated in by each agency of the network in "
        "{{ plans }}: {{ count }} operational actions in all.":
            "Operative Maßnahmen, die jede Agentur des Netzwerks in {{ plans }} federführend, "
            "mitfederführend oder beteiligt durchführt: insgesamt {{ count }} operative "
            "Maßnahmen.",
        "Agency": "Agentur",
        "Led": "Federführend",
        "Co-led": "Mitfederführend",
        "Participated in": "Beteiligt",
        "Source: ": "Quelle: ",
        "Joint actions of the {{ year.year }} scorecard in which each agency of the network "
        "takes part.":
            "Gemeinsame Maßnahmen der Scorecard {{ year.year }}, an denen jede Agentur des "
            "Netzwerks beteiligt ist.",
        "Joint actions of the Justice and Home Affairs agencies":
            "Gemeinsame Maßnahmen der Agenturen im Bereich Justiz und Inneres",
        ", annex to the final report {{ year.year }} of the network (chair: {{ chair }})":
            ", Anhang zum Abschlussbericht {{ year.year }} des Netzwerks (Vorsitz: {{ chair }})",
        "{{ total }} joint actions in {{ areas }} areas.":
            "{{ total }} gemeinsame Maßnahmen in {{ areas }} Bereichen.",
        "scorecard actions": "Maßnahmen der Scorecard",
        "Area": "Bereich",
        "Joint actions": "Gemeinsame Maßnahmen",
        "State of play": "Stand",
        "Field of the action": "Handlungsfeld",
        "Detail of the action": "Beschreibung der Maßnahme",
        "Agencies involved": "Beteiligte Agenturen",
        "All JHA agencies": "Alle JI-Agenturen",
        "List of acronyms": "Abkürzungsverzeichnis",
        "Acronyms and abbreviations used in the documents of the Justice and Home Affairs "
        "Agencies’ Network for {{ year.year }}: {{ count }} entries.":
            "Abkürzungen in den Dokumenten {{ year.year }} des Netzwerks der Agenturen im "
            "Bereich Justiz und Inneres: {{ count }} Einträge.",
        "acronyms": "Abkürzungen",
        "picture: ": "Bild: ",
    },
}
_language = "en"


def _(text: str, **values: str) -> str:
    """One of the templates' own words in the language being written, with `values` put in its
    {{ name }} places (Jinja tags left as they are)."""
    said = text if _language == "en" else WORDS[_language][text]
    for name, value in values.items():
        said = said.replace("{{ " + name + " }}", value)
    return said


def base_document(title: str) -> Document:
    doc = Document()
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.1
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    for name in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        if fonts.get(qn(name)) is not None:
            del fonts.attrib[qn(name)]
    for level, size in ((1, 16), (2, 13), (3, 12)):
        style = styles[f"Heading {level}"]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.color.rgb = BLUE if level < 3 else ACCENT
        style.font.bold = True
        style.paragraph_format.space_before = Pt(18 if level == 1 else 12)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
        if level == 1:
            style.paragraph_format.page_break_before = True
        srpr = style.element.get_or_add_rPr()
        sfonts = srpr.find(qn("w:rFonts"))
        if sfonts is not None:
            srpr.remove(sfonts)
    for name in ("Title", "Subtitle"):
        if name not in [s.name for s in styles]:
            styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH).base_style = styles["Normal"]
    title_style = styles["Title"]
    title_style.font.name = FONT
    title_style.font.size = Pt(30)
    title_style.font.color.rgb = BLUE
    title_style.font.bold = True
    subtitle = styles["Subtitle"]
    subtitle.font.size = Pt(20)
    subtitle.font.color.rgb = ACCENT
    body = styles["Body Text"]
    body.base_style = styles["Normal"]
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    for name in ("List Bullet", "List Bullet 2", "List Bullet 3", "List Number", "List Number 2",
                 "List Number 3"):
        styles[name].paragraph_format.space_after = Pt(3)
    styles["Caption"].font.color.rgb = BLUE
    styles["Caption"].font.size = Pt(10)
    styles["Caption"].font.italic = False
    styles["Caption"].font.bold = True
    styles["Caption"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER  # under what it names
    styles["Caption"].paragraph_format.space_before = Pt(6)  # apart from a table above it
    add_char_style(doc, "Hyperlink", color="0563C1", underline=True)
    add_char_style(doc, "Footnote Reference", superscript=True)
    footnote = styles.add_style("Footnote Text", WD_STYLE_TYPE.PARAGRAPH)
    footnote.base_style = styles["Normal"]
    footnote.font.size = Pt(9)
    footnote.paragraph_format.space_after = Pt(0)
    signature = styles.add_style("Signature", WD_STYLE_TYPE.PARAGRAPH)
    signature.base_style = styles["Normal"]
    signature.paragraph_format.space_after = Pt(0)
    signature.font.bold = True
    meta = styles.add_style("Record Details", WD_STYLE_TYPE.PARAGRAPH)
    meta.base_style = styles["Normal"]
    meta.font.italic = True
    meta.font.size = Pt(10)
    meta.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    meta.paragraph_format.keep_with_next = True  # a facts line stays with the text it presents
    placeholder = styles.add_style("Placeholder", WD_STYLE_TYPE.CHARACTER)
    placeholder.font.bold = True
    # Yellow as a highlight, but as shading: Word keeps highlighting out of styles (its style
    # run properties have no w:highlight), shading is allowed.
    placeholder.element.get_or_add_rPr().append(
        parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="FFFF00"/>'))
    for level in (1, 2, 3):
        name = f"TOC {level}"
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        # A wrapped entry hangs under its text, not its number, and stops short of the page
        # numbers, so that the dot leader and the number never stand alone on a line.
        hanging = TOC_HANGING[level]
        style.paragraph_format.left_indent = Cm(0.5 * (level - 1) + hanging)
        style.paragraph_format.first_line_indent = Cm(-hanging)
        style.paragraph_format.right_indent = Cm(1)
        style.paragraph_format.tab_stops.add_tab_stop(Twips(9070), WD_TAB_ALIGNMENT.RIGHT,
                                                      WD_TAB_LEADER.DOTS)
        style.paragraph_format.space_after = Pt(2)
        style.font.bold = level == 1
    cell_text = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    cell_text.base_style = styles["Normal"]
    cell_text.font.size = Pt(9.5)
    cell_text.paragraph_format.space_after = Pt(3)
    cell_text.paragraph_format.line_spacing = 1.0
    for base in ("List Bullet", "List Number"):  # lists in table cells, as small as Table Text
        cell_list = styles.add_style(f"Table {base}", WD_STYLE_TYPE.PARAGRAPH)
        cell_list.base_style = styles[base]
        cell_list.font.size = Pt(9.5)
        cell_list.paragraph_format.space_after = Pt(3)
        cell_list.paragraph_format.line_spacing = 1.0
    cell_heading = styles.add_style("Table Heading", WD_STYLE_TYPE.PARAGRAPH)  # a header row's
    cell_heading.base_style = cell_text
    cell_heading.font.size = Pt(10)
    cell_heading.font.bold = True
    cell_heading.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    cell_heading.paragraph_format.space_before = Pt(2)
    cell_heading.paragraph_format.space_after = Pt(2)
    figure = styles.add_style("Figure", WD_STYLE_TYPE.PARAGRAPH)  # the paragraph of a chart
    figure.base_style = styles["Normal"]
    figure.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    figure.paragraph_format.keep_with_next = True
    figure.paragraph_format.space_before = Pt(6)
    figure.paragraph_format.space_after = Pt(2)
    section = doc.sections[0]  # A4, 2.5 cm side margins: 16 cm of text
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Twips(1418)  # 2.5 cm, as Word writes it
    unnumbered = styles["TOC Heading"].element.get_or_add_pPr().get_or_add_numPr()  # in schema order
    unnumbered.get_or_add_ilvl().val = 0
    unnumbered.get_or_add_numId().val = 0
    styles["TOC Heading"].paragraph_format.page_break_before = False
    add_footnotes_part(doc)
    update_fields_on_open(doc)
    hyphenate(doc)
    for name in ("Title", "Subtitle", "Caption", "TOC Heading", "Table Heading", "Figure",
                 *(f"Heading {level}" for level in range(1, 7)), "TOC 1", "TOC 2", "TOC 3"):
        unhyphenated(styles[name])
    drop_styles_with_effects(doc)
    doc.core_properties.title = title
    doc.core_properties.author = "JHA Agencies’ Network"
    return doc


# The elements that follow w:updateFields in w:settings (ECMA-376 Part 1, 17.15.1.78, CT_Settings).
_AFTER_UPDATE_FIELDS = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids",
                        "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
                        "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade",
                        "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary",
                        "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator")


def update_fields_on_open(doc: Document) -> None:
    """Ask Word to update the fields (the table of contents) on opening, in the element's place."""
    settings = doc.settings.element
    update = OxmlElement("w:updateFields")  # no value: on
    following = [child for child in settings if child.tag in {qn(f"w:{n}") for n in _AFTER_UPDATE_FIELDS}]
    if following:
        following[0].addprevious(update)
    else:
        settings.append(update)


def hyphenate(doc: Document) -> None:
    """Justified text without stretched lines: automatic hyphenation in the document's language
    (the build sets it), words in capitals (acronyms) left whole, at most two lines in a row
    ending with a hyphen. In w:settings, after w:defaultTabStop (ECMA-376 Part 1, 17.15.1.78)."""
    settings = doc.settings.element
    after = settings.find(qn("w:defaultTabStop"))
    elements = [OxmlElement("w:autoHyphenation"), OxmlElement("w:consecutiveHyphenLimit"),
                OxmlElement("w:doNotHyphenateCaps")]
    elements[1].set(qn("w:val"), "2")
    for element in reversed(elements):
        after.addnext(element)


def unhyphenated(style) -> None:
    """A style whose lines are never hyphenated: headings, captions, titles."""
    ppr = style.element.get_or_add_pPr()
    suppress = OxmlElement("w:suppressAutoHyphens")
    # w:suppressAutoHyphens comes after these in w:pPr (CT_PPrBase), before the rest.
    before = {qn(f"w:{n}") for n in ("pStyle", "keepNext", "keepLines", "pageBreakBefore",
                                     "framePr", "widowControl", "numPr", "suppressLineNumbers",
                                     "pBdr", "shd", "tabs")}
    following = [child for child in ppr if child.tag not in before]
    if following:
        following[0].addprevious(suppress)
    else:
        ppr.append(suppress)


def drop_styles_with_effects(doc: Document) -> None:
    """Drop python-docx's stylesWithEffects part: a copy of the styles for Word 2010 that no
    longer matches them once styles are added, which Word would repair."""
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rid)


def add_char_style(doc: Document, name: str, color: str | None = None, underline: bool = False,
                   superscript: bool = False) -> None:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
    if color:
        style.font.color.rgb = RGBColor.from_string(color)
    style.font.underline = underline
    style.font.superscript = superscript


def add_footnotes_part(doc: Document) -> None:
    xml = (
        f"<w:footnotes {nsdecls('w')}>"
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" '
        'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"'
        ' w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p>'
        "</w:footnote></w:footnotes>")
    part = XmlPart(PackURI("/word/footnotes.xml"), CT_FOOTNOTES, parse_xml(xml), doc.part.package)
    doc.part.relate_to(part, RT.FOOTNOTES)


def number_headings(doc: Document) -> None:
    """Link Heading 1-3 to one multi-level list: 1., 1.1., 1.1.1."""
    numbering = doc.part.numbering_part.element
    ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    abstract_id = max(ids) + 1
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        f'<w:pStyle w:val="Heading{i + 1}"/>'
        f'<w:lvlText w:val="{".".join(f"%{j + 1}" for j in range(i + 1))}."/>'
        f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{567 + 284 * i}" '
        f'w:hanging="{567 + 284 * i}"/></w:pPr></w:lvl>'
        for i in range(3))
    abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
                         f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>')
    first_num = numbering.find(qn("w:num"))
    first_num.addprevious(abstract)
    nums = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    num_id = max(nums) + 1
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                               f'<w:abstractNumId w:val="{abstract_id}"/></w:num>'))
    for level in range(3):
        numpr = doc.styles[f"Heading {level + 1}"].element.get_or_add_pPr().get_or_add_numPr()
        numpr.get_or_add_ilvl().val = level  # python-docx puts numPr in its schema place
        numpr.get_or_add_numId().val = num_id


def add_field(paragraph, instruction: str, placeholder: str = "") -> None:
    """A complex field (PAGE, NUMPAGES, TOC) that Word and LibreOffice compute."""
    def run_with(child) -> None:
        run = OxmlElement("w:r")
        run.append(child)
        paragraph._p.append(run)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    text = OxmlElement("w:t")
    text.text = placeholder or "1"
    run_with(text)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def header_footer(doc: Document, header_text: str) -> None:
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.text = header_text
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    header.style.font.size = Pt(9)
    header.style.font.color.rgb = BLUE
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(_("Page "))
    add_field(footer, "PAGE")
    footer.add_run(_(" of "))
    add_field(footer, "NUMPAGES")


def tag(doc: Document, text: str, style: str | None = None):
    return doc.add_paragraph(text, style=style)


def table(doc: Document, headers: list[str], widths: list[float], style: str = "Table Grid",
          numbers: tuple[int, ...] = ()):
    """A table under a header row repeated on each page; the columns `numbers` hold counts,
    right-aligned under a right-aligned header (the rows made by `row` follow the header)."""
    grid = doc.add_table(rows=1, cols=len(headers))
    grid.style = doc.styles[style]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for index, (cell, text, width) in enumerate(zip(grid.rows[0].cells, headers, widths,
                                                    strict=True)):
        paragraph = cell.paragraphs[0]
        paragraph.text = text
        paragraph.style = doc.styles["Table Heading"]
        if index in numbers:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        shade(cell, "1F3864")
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER  # after w:shd, in schema order
        cell.width = Cm(width)
    grid.autofit = False
    for col, width in zip(grid.columns, widths, strict=True):
        col.width = Cm(width)
    header_row = grid.rows[0]._tr.get_or_add_trPr()
    header_row.append(OxmlElement("w:tblHeader"))  # no value: on
    return grid


def shade(cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    tcpr.append(shading)


def row(grid, texts: list[str], span: bool = False, fill: str | None = None, bold: bool = False,
        whole: bool = False):
    """A row of `texts`; a `whole` row is never split across two pages."""
    new = grid.add_row()
    if whole:
        new._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    cells = new.cells
    for cell, header in zip(cells, grid.rows[0].cells, strict=True):
        cell.width = header.width
    if span:
        merged = cells[0].merge(cells[-1])
        merged.text = texts[0]
        if fill:
            shade(merged, fill)
        if bold:
            for run in merged.paragraphs[0].runs:
                run.bold = True
        return new
    for cell, text, header in zip(cells, texts, grid.rows[0].cells, strict=True):
        cell.text = text
        cell.paragraphs[0].style = grid.part.document.styles["Table Text"]
        cell.paragraphs[0].alignment = header.paragraphs[0].alignment  # counts right-aligned
    return new


def page_break(doc: Document) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def keep_with_next(new_row) -> None:
    """A row that stays on the page of the row after it (a heading row of a table)."""
    for cell in new_row.cells:
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True


def cover(doc: Document) -> None:
    """The cover a chair prints: the network, the year's report, its chair and trio, and the nine
    agencies by their full names with their short ones, as the network's covers list them."""
    styles = doc.styles
    styles["Title"].paragraph_format.space_before = Cm(5)
    styles["Title"].paragraph_format.space_after = Pt(12)
    styles["Subtitle"].paragraph_format.space_after = Pt(30)
    cover_text = styles.add_style("Cover Text", WD_STYLE_TYPE.PARAGRAPH)
    cover_text.base_style = styles["Normal"]
    cover_text.font.size = Pt(12)
    cover_text.paragraph_format.space_after = Pt(4)
    members = styles.add_style("Cover Heading", WD_STYLE_TYPE.PARAGRAPH)
    members.base_style = styles["Normal"]
    members.font.size = Pt(12)
    members.font.bold = True
    members.font.color.rgb = BLUE
    members.paragraph_format.space_before = Pt(36)
    members.paragraph_format.space_after = Pt(8)
    members.paragraph_format.keep_with_next = True
    member = styles.add_style("Cover Agency", WD_STYLE_TYPE.PARAGRAPH)
    member.base_style = styles["Normal"]
    member.font.size = Pt(10.5)
    member.font.color.rgb = BLUE
    member.paragraph_format.space_after = Pt(5)
    member.paragraph_format.keep_together = True
    logos = styles.add_style("Cover Logos", WD_STYLE_TYPE.PARAGRAPH)
    logos.base_style = styles["Normal"]
    logos.paragraph_format.space_after = Pt(0)
    # the network's logo on the left, the chair's at the right margin (16 cm of text)
    logos.paragraph_format.tab_stops.add_tab_stop(Cm(16), WD_TAB_ALIGNMENT.RIGHT)
    tag(doc, "{{p (year.network_logo, year.chair_logo)|picture(height_cm=2.5, "
             "style='Cover Logos') }}")
    tag(doc, _(NETWORK), "Title")
    tag(doc, _("Final report {{ year.year }}"), "Subtitle")
    tag(doc, "{%p if draft %}")
    tag(doc, _("DRAFT — not for distribution"), "Subtitle")
    tag(doc, "{%p endif %}")
    chair = tag(doc, _("Chair of the network: ") + "{% if year.chair %}"
                "{{ year.chair|agency_full }} ({{ year.chair|agency }}){% else %}", "Cover Text")
    chair.add_run(_("[to be completed: chair]"), "Placeholder")  # highlighted as a draft's gaps
    chair.add_run("{% endif %}")
    tag(doc, "{%p if year.trio %}")
    tag(doc, _("Trio presidency: ") + "{{ year.trio|agencies }}", "Cover Text")
    tag(doc, "{%p endif %}")
    tag(doc, _("The agencies of the network"), "Cover Heading")
    tag(doc, "{%p for member in members %}")
    tag(doc, "{{ member|agency_full }} ({{ member|agency }})", "Cover Agency")
    tag(doc, "{%p endfor %}")
    page_break(doc)


def final_report() -> Document:
    doc = base_document("JHAAN final report")
    number_headings(doc)
    header_footer(doc, f"{_(NETWORK)} — {_('Final report {{ year.year }}')}"
                       f"{{% if draft %}}{_(' — DRAFT')}{{% endif %}}")
    cover(doc)
    tag(doc, _("Contents"), "TOC Heading")
    add_field(doc.add_paragraph(), 'TOC \\o "1-3" \\h \\z \\u',
              _("The table of contents is refreshed when the document is opened."))

    # The report's sections, in the order of the year's outline (or the standard one): each
    # heading at its level, its introduction, then what it holds.
    objective = doc.styles.add_style("Objective", WD_STYLE_TYPE.PARAGRAPH)
    objective.base_style = doc.styles["Body Text"]
    objective.font.italic = True
    for level in (4, 5):
        style = doc.styles[f"Heading {level}"]
        style.font.name = FONT
        style.font.size = Pt(11)
        style.font.color.rgb = ACCENT
        style.font.bold = True
        style.font.italic = level == 5
        style.paragraph_format.keep_with_next = True
        # Spaced as Heading 3 is, a little closer: not glued to the text under it.
        style.paragraph_format.space_before = Pt(10)
        style.paragraph_format.space_after = Pt(4)
    tag(doc, "{%p for section in outline %}")
    tag(doc, "{%p if section.heading %}")  # a part of the section above has no heading
    tag(doc, "{{p heading(section.heading, section.level, section.numbered) }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if section.text %}")
    tag(doc, "{{p section.text|rich }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if section.missing %}")
    tag(doc, "{{p todo(section.heading or section.holds) }}")

    tag(doc, "{%p elif section.holds == 'foreword' %}")
    tag(doc, "{{p year.foreword.text|rich }}")
    tag(doc, "{%p if year.foreword.signatory %}")
    tag(doc, "{{ year.foreword.signatory.name }}", "Signature")
    tag(doc, "{{ year.foreword.signatory.role }}", "Signature")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p elif section.holds == 'about' %}")
    tag(doc, "{{p year.about|rich }}")
    tag(doc, "{%p elif section.holds == 'executive-summary' %}")
    tag(doc, "{{p year.executive_summary|rich }}")

    tag(doc, "{%p elif section.holds == 'timeline' %}")
    tag(doc, _("List of events organised in {{ year.year }} by the Justice and Home Affairs "
               "Agencies’ Network."), "Caption")
    grid = table(doc, [_("Date"), _("Event")], [4.5, 11.5])
    row(grid, ["{%tr for entry in section.items %}", ""], span=True)
    row(grid, ["{{ entry.date|period }}", "{{ entry.label }}"], whole=True)
    row(grid, ["{%tr endfor %}", ""], span=True)

    tag(doc, "{%p elif section.holds == 'meetings' %}")
    tag(doc, "{%p if section.dated and year.working_groups_intro %}")
    tag(doc, "{{p year.working_groups_intro|rich }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for meeting in section.items %}")
    tag(doc, "{{p heading(meeting, section.level + 1, dated=section.dated) }}")
    tag(doc, "{%p if meeting|details %}")
    tag(doc, "{{ meeting|details }}", "Record Details")
    tag(doc, "{%p endif %}")
    tag(doc, "{{p meeting.body|rich }}")
    tag(doc, "{%p endfor %}")

    tag(doc, "{%p elif section.holds == 'thematic-events' %}")
    tag(doc, "{%p for topic in section.topics %}")
    tag(doc, "{{p heading(topic.title, section.level + 1) }}")
    tag(doc, "{%p if topic.intro %}")
    tag(doc, "{{p topic.intro|rich }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for event in topic.events %}")
    tag(doc, "{{p heading(event, section.level + 2, dated=True) }}")
    tag(doc, "{%p if event|details %}")
    tag(doc, "{{ event|details }}", "Record Details")
    tag(doc, "{%p endif %}")
    tag(doc, "{{p event.body|rich }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p for event in section.items %}")
    tag(doc, "{{p heading(event, section.level + 1, dated=True) }}")
    tag(doc, "{%p if event|details %}")
    tag(doc, "{{ event|details }}", "Record Details")
    tag(doc, "{%p endif %}")
    tag(doc, "{{p event.body|rich }}")
    tag(doc, "{%p endfor %}")

    tag(doc, "{%p elif section.holds == 'highlights' %}")
    tag(doc, "{%p for highlight in section.items %}")
    tag(doc, "{{p heading(highlight, section.level + 1) }}")
    tag(doc, "{%p if highlight.agencies %}")
    tag(doc, _("Agencies: ") + "{{ highlight.agencies|agencies }}", "Record Details")
    tag(doc, "{%p endif %}")
    tag(doc, "{{p highlight.body|rich }}")
    tag(doc, "{%p endfor %}")

    tag(doc, "{%p elif section.holds == 'priorities' %}")
    tag(doc, "{{p section.items|numbered|rich }}")

    tag(doc, "{%p elif section.holds in ('other-activities', 'network-products') %}")
    tag(doc, "{%p for item in section.items %}")
    tag(doc, "{{p heading(item, section.level + 1) }}")
    # An activity's dates stand in its facts line: its heading is its title, as published.
    tag(doc, "{%p if section.holds == 'other-activities' and (item.sessions or item|details) %}")
    tag(doc, "{{ item.sessions|dates }}{% if item.sessions and item|details %}. {% endif %}"
        "{{ item|details }}", "Record Details")
    tag(doc, "{%p endif %}")
    tag(doc, "{{p item.body|rich }}")
    tag(doc, "{%p endfor %}")

    tag(doc, "{%p elif section.holds == 'conclusions' %}")
    tag(doc, "{%p if section.conclusions.intro %}")
    tag(doc, "{{p section.conclusions.intro|rich }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for group in section.conclusions.groups %}")
    tag(doc, "{%p if group.heading %}")
    tag(doc, "{{p heading(group.heading, section.level + 1, numbered=False) }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{{p group.points|rich }}")
    tag(doc, "{%p endfor %}")

    tag(doc, "{%p elif section.holds == 'priority-areas' %}")
    tag(doc, "{%p for area in section.items %}")
    tag(doc, "{{p heading(area, section.level + 1) }}")
    tag(doc, "{%p if area.objective %}")
    tag(doc, "{{p area.objective|rich(style='Objective') }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if area.text %}")
    tag(doc, "{{p area.text|rich }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if area.key_activities %}")
    tag(doc, f"{{{{p heading('{_('Key joint activities and achievements')}', section.level + 2, "
             "numbered=False) }}")
    tag(doc, "{%p for activity in area.key_activities %}")
    tag(doc, "{%p if activity.title %}")
    tag(doc, "{{p heading(activity.title, section.level + 3, numbered=False) }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{{p activity.text|rich }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if area.challenges %}")
    tag(doc, f"{{{{p heading('{_('Challenges and opportunities for joint cooperation')}', "
             "section.level + 2, numbered=False) }}")
    tag(doc, "{{p area.challenges|rich }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")

    tag(doc, "{%p elif section.holds == 'table' %}")
    tag(doc, "{{ section.table.title }}", "Caption").paragraph_format.keep_with_next = True
    tag(doc, "{{p section.table|table }}")
    tag(doc, "{%p if section.table.notes %}")
    tag(doc, "{{p section.table.notes|rich }}")
    tag(doc, "{%p endif %}")

    tag(doc, "{%p elif section.holds == 'figures' %}")
    tag(doc, "{%p for figure in section.items %}")
    tag(doc, "{{ figure.caption }}", "Caption").paragraph_format.keep_with_next = True
    tag(doc, "{%p if figure.picture %}")
    tag(doc, "{{p figure.picture|picture }}")
    tag(doc, "{%p elif draft %}")
    tag(doc, f"{{{{p todo('{_('picture: ')}' ~ figure.caption) }}}}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for entry in figure.legend %}")
    tag(doc, "{{ entry }}", "List Bullet")
    tag(doc, "{%p endfor %}")
    note = doc.styles.add_style("Figure Note", WD_STYLE_TYPE.PARAGRAPH)  # (1) … under a figure
    note.base_style = doc.styles["Normal"]
    note.font.size = Pt(9.5)
    note.paragraph_format.space_after = Pt(3)
    note.paragraph_format.left_indent = Cm(0.8)
    note.paragraph_format.first_line_indent = Cm(-0.8)
    note.paragraph_format.tab_stops.add_tab_stop(Cm(0.8))
    tag(doc, "{%p for note in figure.notes %}")
    tag(doc, "({{ loop.index }})\t{{ note }}", "Figure Note")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")

    tag(doc, "{%p elif section.holds == 'acronyms' %}")
    grid = table(doc, [_("Acronym"), _("Meaning")], [3.5, 12.5])
    row(grid, ["{%tr for acronym in section.items %}", ""], span=True)
    row(grid, ["{{ acronym.short }}", "{{ acronym.long }}"], whole=True)
    row(grid, ["{%tr endfor %}", ""], span=True)

    tag(doc, "{%p elif section.holds == 'empact' %}")
    tag(doc, _("Operational actions led, co-led and participated in by each agency of the network "
               "in {{ plans }}: {{ count }} operational actions in all.",
               plans="{{ empact.plans|join_list }}", count="{{ empact.actions|number }}"))
    grid = table(doc, [_("Agency"), _("Led"), _("Co-led"), _("Participated in")],
                 [6.4, 3.2, 3.2, 3.2], numbers=(1, 2, 3))
    row(grid, ["{%tr for line in empact.rows %}", "", "", ""], span=True)
    row(grid, ["{{ line.agency|agency_full }} ({{ line.agency|agency }})",
               "{{ line.led|number }}", "{{ line.co_led|number }}",
               "{{ line.participated|number }}"], whole=True)
    row(grid, ["{%tr endfor %}", "", "", ""], span=True)
    tag(doc, _("Source: ") + "{{ empact.plans|join_list }}.", "Caption")
    tag(doc, "{{p empact_chart|chart }}")
    tag(doc, "{%p elif section.holds == 'scorecard-chart' %}")
    intro = tag(doc, _("Joint actions of the {{ year.year }} scorecard in which each agency of "
                       "the network takes part."))
    intro.paragraph_format.keep_with_next = True  # with the chart below
    tag(doc, "{{p scorecard_chart|chart }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    return doc


def scorecard_annex() -> Document:
    doc = base_document("JHAAN scorecard annex")
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(1.8))
    header_footer(doc, f"{{{{ scorecard.title }}}}{{% if draft %}}{_(' — DRAFT')}{{% endif %}}")
    section.different_first_page_header_footer = False
    tag(doc, "{{ scorecard.title }}", "Title")
    tag(doc, _("Joint actions of the Justice and Home Affairs agencies") + "{% if year.chair %}"
             + _(", annex to the final report {{ year.year }} of the network (chair: {{ chair }})",
                 chair="{{ year.chair|agency }}") + "{% endif %}.", "Subtitle")
    tag(doc, _("{{ total }} joint actions in {{ areas }} areas.",
               total="{{ summary.total|number }}", areas="{{ summary.areas|length|number }}")
             + "{% if summary.states %} {{ summary.states|join_counts }}.{% endif %}")
    tag(doc, "{%p if not scorecard.actions %}")
    tag(doc, f"{{{{p todo('{_('scorecard actions')}') }}}}")
    tag(doc, "{%p endif %}")
    grid = table(doc, [_("Area"), _("Joint actions")], [14, 4], style="Table Grid",
                 numbers=(1,))
    row(grid, ["{%tr for area in summary.areas %}", ""], span=True)
    row(grid, ["{{ area.number }}. {{ area.title }}", "{{ area.count|number }}"], whole=True)
    row(grid, ["{%tr endfor %}", ""], span=True)
    tag(doc, "")
    grid = table(doc, [_("State of play"), _("Joint actions")], [14, 4], style="Table Grid",
                 numbers=(1,))
    row(grid, ["{%tr for state in summary.states %}", ""], span=True)
    row(grid, ["{{ state.label|translated }}", "{{ state.count|number }}"], whole=True)
    row(grid, ["{%tr endfor %}", ""], span=True)
    tag(doc, "{{p scorecard_chart|chart }}")
    grid = table(doc, [_("Field of the action"), _("Detail of the action"), _("State of play"),
                       _("Agencies involved")], [4.5, 13.5, 3.5, 4.5])
    row(grid, ["{%tr for line in scorecard_rows %}", "", "", ""], span=True)
    row(grid, ["{%tr if line.heading %}", "", "", ""], span=True)
    keep_with_next(row(grid, ["{{ line.heading }}", "", "", ""], span=True, fill="D9E2F3",
                       bold=True, whole=True))
    # An action's row is kept whole; one longer than a page (about 36 lines of its detail)
    # breaks where the page ends rather than leaving the page before it nearly empty.
    action = ["{{ line.field }}", "{{p line.action.detail|rich(style='Table Text') }}",
              "{{ line.action.state|state }}",
              f"{{{{ line.action.agencies|agencies(all_as='{_('All JHA agencies')}') }}}}"
              "{% if line.action.bodies %}; {{ line.action.bodies|agencies }}{% endif %}"]
    row(grid, ["{%tr elif line.action.detail|lines(88) <= 36 %}", "", "", ""], span=True)
    row(grid, action, whole=True)
    row(grid, ["{%tr else %}", "", "", ""], span=True)
    row(grid, action)
    row(grid, ["{%tr endif %}", "", "", ""], span=True)
    row(grid, ["{%tr endfor %}", "", "", ""], span=True)
    return doc


def acronyms() -> Document:
    doc = base_document("JHAAN list of acronyms")
    header_footer(doc, f"{_('List of acronyms')}{{% if year.year %}} — {{{{ year.year }}}}{{% endif %}}"
                       f"{{% if draft %}}{_(' — DRAFT')}{{% endif %}}")
    section = doc.sections[0]
    section.different_first_page_header_footer = False
    tag(doc, _("List of acronyms"), "Title")
    tag(doc, _("Acronyms and abbreviations used in the documents of the Justice and Home Affairs "
               "Agencies’ Network for {{ year.year }}: {{ count }} entries.",
               count="{{ acronyms|length|number }}"))
    tag(doc, "{%p if not acronyms %}")
    tag(doc, f"{{{{p todo('{_('acronyms')}') }}}}")
    tag(doc, "{%p endif %}")
    grid = table(doc, [_("Acronym"), _("Meaning")], [4, 12])
    row(grid, ["{%tr for acronym in acronyms %}", ""], span=True)
    row(grid, ["{{ acronym.short }}", "{{ acronym.long }}"], whole=True)
    row(grid, ["{%tr endfor %}", ""], span=True)
    return doc


def main(folder: str) -> None:
    global _language
    for language in ("en", *WORDS):
        _language = language
        out = Path(folder) if language == "en" else Path(folder) / language
        out.mkdir(parents=True, exist_ok=True)
        for name, build in (("final-report", final_report), ("scorecard-annex", scorecard_annex),
                            ("acronyms", acronyms)):
            buffer = io.BytesIO()
            build().save(buffer)
            # every zip entry dated alike: the same code gives the same template bytes
            (out / f"{name}.docx").write_bytes(normalise(buffer.getvalue(), _STAMP))
            print(out / f"{name}.docx")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "jhareport/templates")
