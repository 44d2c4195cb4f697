"""Editing a contribution form as an agency would in Word: python-docx and lxml on the saved file,
typing over texts, picking choices, ticking boxes, deleting rows and tables."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.table import Table, _Cell, _Row

_W14 = "http://schemas.microsoft.com/office/word/2010/wordml"


def text_of(cell: _Cell) -> str:
    """A cell's text with its content controls' (python-docx leaves those out)."""
    return "".join(t.text or "" for t in cell._tc.iter(qn("w:t")))


def scorecard_table(document: docx.document.Document) -> Table:
    return next(t for t in document.tables if t.rows[0].cells[0].text == "No.")


def action_row(document: docx.document.Document, number: int) -> _Row:
    table = scorecard_table(document)
    for row in table.rows[1:]:
        cells = row.cells
        if len({id(c._tc) for c in cells}) > 1 and cells[0].text == str(number):
            return row
    raise AssertionError(f"no scorecard row {number}")


def new_row_under(document: docx.document.Document, field: str) -> _Row:
    """The empty row at the end of a field's group."""
    table = scorecard_table(document)
    inside = False
    for row in table.rows[1:]:
        cells = row.cells
        merged = len({id(c._tc) for c in cells}) == 1
        if merged:
            inside = cells[0].text.split(" ")[0] == field
        elif inside and not cells[2].text.strip():
            return row
    raise AssertionError(f"no empty row under {field}")


def record_table(document: docx.document.Document, heading: str, title: str | None = None
                 ) -> Table:
    """The table headed `heading` ("Thematic event", "New highlight"…), the one with `title`
    when given."""
    for table in document.tables:
        if not table.rows[0].cells[0].text.startswith(heading):
            continue
        if title is None or cell_of(table, "Title").text == title:
            return table
    raise AssertionError(f"no table {heading} {title or ''}")


def cell_of(table: Table, label: str) -> _Cell:
    """The value cell of a record table's row labelled `label`."""
    for row in table.rows[1:]:
        if row.cells[0].text == label:
            return row.cells[1]
    raise AssertionError(f"no row {label}")


def set_choice(cell: _Cell, value: str) -> None:
    """Pick an item of the cell's drop-down list, as Word writes it."""
    texts = cell._tc.findall(".//" + qn("w:sdtContent") + "//" + qn("w:t"))
    texts[0].text = value
    for extra in texts[1:]:
        extra.text = ""


def tick(cell: _Cell, agency: str, on: bool = True) -> None:
    """Tick (or untick) an agency's check box: the box before its name."""
    paragraph = cell.paragraphs[0]._p
    for box in paragraph.findall(qn("w:sdt")):
        following = box.getnext()
        name = "".join(t.text or "" for t in following.iter(qn("w:t"))).strip()
        if name.replace("\u2011", "-") == agency:
            box.find(".//" + qn("w:sdtContent") + "//" + qn("w:t")).text = (
                "\u2612" if on else "\u2610")
            box.find(f".//{{{_W14}}}checked").set(f"{{{_W14}}}val", "1" if on else "0")
            return
    raise AssertionError(f"no check box for {agency}")


def type_text(cell: _Cell, *paragraphs: str) -> None:
    """Type over a cell: its paragraphs replaced by these, as plain text."""
    for extra in cell.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    first = cell.paragraphs[0]
    for run in list(first._p):
        if run.tag != qn("w:pPr"):
            first._p.remove(run)
    if paragraphs:
        first.add_run(paragraphs[0])
    for text in paragraphs[1:]:
        cell.add_paragraph(text)


def add_link(paragraph: docx.text.paragraph.Paragraph, text: str, url: str) -> None:
    rid = paragraph.part.relate_to(url, docx.opc.constants.RELATIONSHIP_TYPE.HYPERLINK,
                                   is_external=True)
    paragraph._p.append(parse_xml(
        f'<w:hyperlink xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        f'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        f'r:id="{rid}"><w:r><w:t>{text}</w:t></w:r></w:hyperlink>'))


def delete(element: Table | _Row) -> None:
    """Delete a table or a row, as Word's Delete Table or Delete Rows does."""
    node = element._tbl if isinstance(element, Table) else element._tr
    node.getparent().remove(node)


def copy_new_table(document: docx.document.Document, heading: str) -> Table:
    """Copy the empty table of a section under itself (the form says: copy the table for
    more), and give back the copy."""
    import copy

    original = record_table(document, heading)
    clone = copy.deepcopy(original._tbl)
    original._tbl.addnext(clone)
    return Table(clone, original._parent)


def resave(forms: list[Path], out: Path, work: Path) -> list[Path]:
    """Forms opened and saved as .docx by LibreOffice, into `out`."""
    out.mkdir(exist_ok=True)
    profile = (work / "profile").as_uri()
    subprocess.run([shutil.which("soffice") or "soffice", f"-env:UserInstallation={profile}",
                    "--headless", "--convert-to", "docx", "--outdir", str(out),
                    *sorted(str(p) for p in forms)], check=True, capture_output=True, timeout=300)
    return [out / p.name for p in forms]
