"""Templates of every docxtpl feature, made in the test run: loops over paragraphs, table rows
and columns, rich text, listings, pictures, subdocuments, headers and footers, footnotes, document
properties, content controls, comments and processing instructions, text boxes, line breaks and
tabs. Each comes with the context docxtpl renders it with and a text the rendered document shows.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt
from docxtpl import DocxTemplate, InlineImage, Listing, RichText

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


_NAMESPACES = (f'{nsdecls("w", "wp", "a")} '
               'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
               'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
               'xmlns:v="urn:schemas-microsoft-com:vml"')


def _xml(fragment: str) -> Any:
    """An element from WordprocessingML text, its namespaces declared on the first tag."""
    end = re.search(r"[ />]", fragment[1:])
    assert end is not None
    return parse_xml(f"{fragment[:end.start() + 1]} {_NAMESPACES}{fragment[end.start() + 1:]}")


def _row_in_content_control(row: Any) -> None:
    """Wrap a table row in a content control, as Word does for a repeating section."""
    control = _xml('<w:sdt><w:sdtPr><w:alias w:val="Item"/></w:sdtPr><w:sdtContent/></w:sdt>')
    row.addprevious(control)
    control[-1].append(row)


def _cell_in_content_control(cell: Any) -> None:
    control = _xml('<w:sdt><w:sdtPr><w:tag w:val="cell"/></w:sdtPr><w:sdtContent/></w:sdt>')
    cell.addprevious(control)
    control[-1].append(cell)


def paragraph_loop(document: Document) -> dict[str, Any]:
    document.add_paragraph("Members")
    document.add_paragraph("{%p for member in members %}")
    document.add_paragraph("{{ member.name }} ({{ member.role|upper }})")
    document.add_paragraph("{%p endfor %}")
    return {"members": [{"name": "Ada", "role": "chair"}, {"name": "Ben", "role": "member"}]}


def header_row(row: Any) -> None:
    """Mark a table row as its header row (Word's "Repeat as header row")."""
    row.get_or_add_trPr().append(_xml("<w:tblHeader/>"))


def row_loop(document: Document) -> dict[str, Any]:
    table = document.add_table(rows=4, cols=2)
    for row, texts in zip(table.rows, (("Name", "Role"), ("{%tr for m in members %}", ""),
                                      ("{{ m.name }}", "{{ m.role }}"), ("{%tr endfor %}", "")),
                          strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    header_row(table.rows[0]._tr)
    return {"members": [{"name": "Ada", "role": "chair"}, {"name": "Ben", "role": "member"}]}


def column_loop(document: Document) -> dict[str, Any]:
    table = document.add_table(rows=2, cols=3)
    for row, texts in zip(table.rows, (("{%tc for year in years %}", "{{ year }}",
                                        "{%tc endfor %}"),
                                       ("{% cellbg 'EEEEEE' %}Total", "{% colspan 2 %}{{ total }}",
                                        "")), strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    return {"years": [2022, 2023], "total": 41}


def rich_text(document: Document) -> dict[str, Any]:
    document.add_paragraph("Status: {{r status }}")
    document.add_paragraph("{{ address }}")
    status = RichText("late", bold=True, color="C00000")
    return {"status": status, "address": Listing("1 Main Street\nBrussels")}


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (30, 90, 160)).save(buffer, "PNG")
    return buffer.getvalue()


def image(document: Document) -> Callable[[DocxTemplate], dict[str, Any]]:
    document.add_paragraph("Logo: {{ logo }}")
    return lambda template: {"logo": InlineImage(template, io.BytesIO(_png()), width=Pt(20))}


def subdocument(document: Document) -> Callable[[DocxTemplate], dict[str, Any]]:
    document.add_paragraph("Before")
    document.add_paragraph("{{p annex }}")
    document.add_paragraph("After")

    def context(template: DocxTemplate) -> dict[str, Any]:
        annex = template.new_subdoc()
        annex.add_paragraph("A paragraph of the annex")
        return {"annex": annex}

    return context


def headers_and_footers(document: Document) -> dict[str, Any]:
    document.add_paragraph("Body of {{ title }}")
    section = document.sections[0]
    section.header.paragraphs[0].text = "{{ title }} — draft {{ version }}"
    section.footer.paragraphs[0].text = "{% if confidential %}Confidential{% endif %}"
    return {"title": "Annual report", "version": 3, "confidential": True}


_FOOTNOTES = (f'<w:footnotes xmlns:w="{W}">'
              '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
              '</w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
              '<w:continuationSeparator/></w:r></w:p></w:footnote>'
              '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>'
              '<w:r><w:t xml:space="preserve"> Source: {{ source }}</w:t></w:r></w:p></w:footnote>'
              '</w:footnotes>')


def add_footnotes(path: Path, footnotes: str = _FOOTNOTES) -> None:
    """Give a saved document a footnotes part, as Word keeps it."""
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    parts["word/footnotes.xml"] = footnotes.encode()
    rels = parts["word/_rels/document.xml.rels"].decode()
    parts["word/_rels/document.xml.rels"] = rels.replace("</Relationships>", (
        '<Relationship Id="rIdNotes" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/footnotes" Target="footnotes.xml"/></Relationships>')).encode()
    types = parts["[Content_Types].xml"].decode()
    parts["[Content_Types].xml"] = types.replace("</Types>", (
        '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.footnotes+xml"/></Types>')).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)


def footnotes(document: Document) -> dict[str, Any]:
    paragraph = document.add_paragraph("Figures of {{ year }}")
    paragraph._p.append(_xml('<w:r><w:footnoteReference w:id="1"/></w:r>'))
    return {"year": 2023, "source": "the agencies"}


def document_properties(document: Document) -> dict[str, Any]:
    document.add_paragraph("Report")
    document.core_properties.title = "{{ title }}"
    document.core_properties.subject = "Report of {{ year }}"
    document.core_properties.author = "{{ author|default('The secretariat') }}"
    return {"title": "Annual report", "year": 2023}


def content_controls(document: Document) -> dict[str, Any]:
    table = document.add_table(rows=3, cols=2)
    for row, texts in zip(table.rows, (("{%tr for m in members %}", ""),
                                      ("{{ m.name }}", "{{ m.role }}"), ("{%tr endfor %}", "")),
                          strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    _cell_in_content_control(table.rows[1].cells[1]._tc)
    _row_in_content_control(table.rows[2]._tr)
    return {"members": [{"name": "Ada", "role": "chair"}]}


def comments_and_instructions(document: Document) -> dict[str, Any]:
    paragraph = document.add_paragraph("Hello ")
    paragraph.add_run("{{ name }}")
    paragraph.runs[1]._r.append(_xml('<w:t>!</w:t>'))
    paragraph.runs[1]._r.insert(0, _comment("a note in a run"))
    paragraph._p.append(_comment("a note in a paragraph"))
    document.element.body.insert(0, _comment("a note in the body"))
    document.element.body.insert(1, _instruction())
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "{{ name|lower }}"
    table.cell(0, 0)._tc.append(_comment("a note in a cell"))
    table.rows[0]._tr.append(_instruction())
    return {"name": "World"}


def _comment(text: str) -> Any:
    from lxml import etree

    return etree.Comment(text)


def _instruction() -> Any:
    from lxml import etree

    return etree.ProcessingInstruction("review", "pending")


_TEXT_BOX = ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor '
             'distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" '
             'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" '
             'y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset>'
             '</wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0'
             '</wp:posOffset></wp:positionV><wp:extent cx="1800000" cy="500000"/><wp:wrapSquare '
             'wrapText="bothSides"/><wp:docPr id="90" name="Text Box 1"/><a:graphic><a:graphicData '
             'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
             '<wps:cNvSpPr txBox="1"/><wps:spPr/><wps:txbx><w:txbxContent><w:p><w:r><w:t>'
             '{{ boxed }}</w:t></w:r></w:p></w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>'
             '</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback>'
             '<w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>{{ boxed }}</w:t></w:r>'
             '</w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>'
             '</mc:AlternateContent></w:r>')


def text_box(document: Document) -> dict[str, Any]:
    paragraph = document.add_paragraph("Text zone :")
    paragraph._p.append(_xml(_TEXT_BOX))
    paragraph.add_run("Cool !")
    return {"boxed": "inside the box"}


def breaks_and_tabs(document: Document) -> dict[str, Any]:
    paragraph = document.add_paragraph("Name:\t{{ name }}")
    paragraph.add_run().add_break()
    paragraph.add_run("Date:\t{{ date }}")
    return {"name": "Ada", "date": "1 June 2023"}


def braced_row_tags(document: Document) -> dict[str, Any]:
    """The invoice of a docxtpl tutorial copied into many projects: its row tags written
    {{%tr … %}}, which docxtpl reads as {%tr … %}, the stray braces going with the row."""
    table = document.add_table(rows=4, cols=2)
    for row, texts in zip(table.rows, (("Item", "Price"), ("{{%tr for item in invoice_list %}}", ""),
                                      ("{{ item.name }}", "{{ item.price }}"), ("{{%tr endfor %}}", "")),
                          strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    header_row(table.rows[0]._tr)
    return {"invoice_list": [{"name": "Widget", "price": "4.00"}]}


def nested_table_rows(document: Document) -> dict[str, Any]:
    """A {%tr %} loop in the one-cell rows of a table inside a cell: docxtpl drops those rows,
    not the outer row with its text."""
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Order 17"
    inner = table.cell(0, 1).add_table(rows=3, cols=1)
    for row, text in zip(inner.rows, ("{%tr for line in lines %}", "{{ line }}", "{%tr endfor %}"),
                         strict=True):
        row.cells[0].text = text
    return {"lines": ["two chairs", "one desk"]}


def _run(paragraph: Any, text: str, properties: str = "") -> None:
    paragraph._p.append(_xml(f'<w:r><w:rPr>{properties}</w:rPr>'
                             f'<w:t xml:space="preserve">{text}</w:t></w:r>'))


def split_runs_unseen(document: Document) -> dict[str, Any]:
    """Tags split across runs that differ in nothing a reader of the output sees: a statement
    tag (it prints nothing), letter spacing, proofing marks, a run of spaces, the character
    styles Word Online pastes."""
    statement = document.add_paragraph()
    _run(statement, "{% if na")
    _run(statement, "me %}", "<w:b/>")
    _run(statement, "Hello {{ na")
    _run(statement, "me }}", '<w:spacing w:val="-4"/><w:lang w:val="da-DK"/><w:noProof/>')
    _run(statement, "{% endif %}")
    spaced = document.add_paragraph()
    _run(spaced, "{{ name")
    _run(spaced, "   ", "<w:i/>")
    _run(spaced, "}}")
    pasted = document.add_paragraph()
    _run(pasted, "{{", '<w:rStyle w:val="normaltextrun"/>')
    _run(pasted, "name", '<w:rStyle w:val="spellingerror"/>')
    _run(pasted, "}}", '<w:rStyle w:val="normaltextrun"/>')
    return {"name": "Ada"}


def body_content_control(document: Document) -> dict[str, Any]:
    """A paragraph and a table wrapped in content controls of the body, as Word keeps a rich
    text control."""
    paragraph = document.add_paragraph("Dear {{ name }},")
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "Ref. {{ reference }}"
    for element in (paragraph._p, table._tbl):
        control = _xml('<w:sdt><w:sdtPr><w:alias w:val="Block"/></w:sdtPr><w:sdtContent/></w:sdt>')
        element.addprevious(control)
        control[-1].append(element)
    return {"name": "Ada", "reference": "JH-17"}


def fields(document: Document) -> dict[str, Any]:
    """A page number field and a date field among a paragraph's text."""
    paragraph = document.add_paragraph("{{ title }}, page ")
    for piece in ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
                  '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
                  '<w:r><w:fldChar w:fldCharType="separate"/></w:r>', '<w:r><w:t>1</w:t></w:r>',
                  '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
                  '<w:r><w:t xml:space="preserve">, printed </w:t></w:r>',
                  '<w:fldSimple w:instr=" DATE \\@ &quot;d MMMM yyyy&quot; "><w:r><w:t>1 June 2023'
                  '</w:t></w:r></w:fldSimple>'):
        paragraph._p.append(_xml(piece))
    return {"title": "Annual report"}


def picture_described(document: Document) -> dict[str, Any]:
    """A logo with its alternative text."""
    paragraph = document.add_paragraph("{{ company }}")
    picture(paragraph, "The company's logo")
    return {"company": "ACME"}


def picture(paragraph: Any, description: str | None = None) -> None:
    """A small picture in a paragraph, with an alternative text when given."""
    from docx.shared import Cm

    paragraph.add_run().add_picture(io.BytesIO(_png()), width=Cm(2))
    if description is not None:
        paragraph._p.findall(f".//{{{WP}}}docPr")[-1].set("descr", description)


# name: (how the template is made, a text its rendering shows)
CORPUS: dict[str, tuple[Callable[[Document], Any], str]] = {
    "paragraph_loop": (paragraph_loop, "Ben (MEMBER)"),
    "row_loop": (row_loop, "chair"),
    "column_loop": (column_loop, "2023"),
    "rich_text": (rich_text, "Brussels"),
    "image": (image, "Logo: "),
    "subdocument": (subdocument, "A paragraph of the annex"),
    "headers_and_footers": (headers_and_footers, "Annual report — draft 3"),
    "footnotes": (footnotes, "Source: the agencies"),
    "document_properties": (document_properties, "Report of 2023"),
    "content_controls": (content_controls, "Ada"),
    "comments_and_instructions": (comments_and_instructions, "Hello World!"),
    "text_box": (text_box, "inside the box"),
    "breaks_and_tabs": (breaks_and_tabs, "1 June 2023"),
    "braced_row_tags": (braced_row_tags, "Widget"),
    "nested_table_rows": (nested_table_rows, "one desk"),
    "split_runs_unseen": (split_runs_unseen, "Hello Ada"),
    "body_content_control": (body_content_control, "Ref. JH-17"),
    "fields": (fields, "Annual report, page"),
    "picture_described": (picture_described, "ACME"),
}


def make(folder: Path, name: str) -> tuple[Path, Callable[[DocxTemplate], dict[str, Any]]]:
    """Write the template `name` of the corpus; return it with the context it renders with."""
    document = docx.Document()
    given = CORPUS[name][0](document)
    path = folder / f"{name}.docx"
    document.save(str(path))
    if name == "footnotes":
        add_footnotes(path)
    context = given if callable(given) else (lambda template, given=given: given)
    return path, context


def render(path: Path, context: Callable[[DocxTemplate], dict[str, Any]]) -> bytes:
    """The document docxtpl makes of a template."""
    template = DocxTemplate(str(path))
    template.render(context(template))
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def all_text(data: bytes) -> str:
    """Every text of a package's XML parts, for checking what a rendering shows."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return " ".join(re.sub(r"<[^>]+>", "", package.read(n).decode("utf-8"))
                        for n in package.namelist() if n.endswith(".xml"))
