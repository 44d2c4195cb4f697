"""Pictures an agency puts in a template: `template lint` reports those without alternative text,
and they are exactly the ones the PDF checker would find without it."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from conftest import office_available
from docx.shared import Cm
from lxml import etree
from PIL import Image

import jhareport
from jhareport.cli import main
from jhareport.office.pdf import convert

TEMPLATES = Path(jhareport.__file__).parent / "templates"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
DECORATIVE = "http://schemas.microsoft.com/office/drawing/2017/decorative"


def _picture(paragraph: docx.text.paragraph.Paragraph, *, descr: str | None = None,
             decorative: bool = False) -> None:
    image = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(image, "PNG")
    image.seek(0)
    paragraph.add_run().add_picture(image, width=Cm(2))
    properties = paragraph._p.findall(".//{*}docPr")[-1]
    if descr:
        properties.set("descr", descr)
    if decorative:  # Word's "Mark as decorative"
        extension = etree.SubElement(etree.SubElement(properties, f"{A}extLst"), f"{A}ext",
                                     uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}")
        etree.SubElement(extension, f"{{{DECORATIVE}}}decorative", nsmap={"adec": DECORATIVE},
                         val="1")


@pytest.fixture
def pictured(tmp_path: Path) -> Path:
    """The acronyms template with a described logo, a photo with no alternative text, an
    ornament marked decorative, and a logo in the header."""
    document = docx.Document(str(TEMPLATES / "acronyms.docx"))
    first = document.paragraphs[0]
    _picture(first.insert_paragraph_before("The network's logo: "), descr="JHA agencies' network logo")
    _picture(first.insert_paragraph_before("A photo: "))
    _picture(first.insert_paragraph_before("An ornament: "), decorative=True)
    _picture(document.sections[0].header.paragraphs[0])
    path = tmp_path / "acronyms.docx"
    document.save(str(path))
    return path


def test_lint_reports_pictures_without_alternative_text(pictured: Path) -> None:
    problems = jhareport.lint_template(pictured)
    assert [(p.where, p.text) for p in problems] == [
        ("paragraph 2", "A photo: [picture 2.0 × 1.0 cm: no alternative text]"),
        ("paragraph 3", "An ornament: [picture 2.0 × 1.0 cm: decorative]")]
    assert "“Picture 2” has no alternative text" in problems[0].message
    assert "View Alt Text" in problems[0].message
    assert "marked decorative, but" in problems[1].message


def test_lint_command_names_the_picture_and_exits_2(pictured: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["template", "lint", str(pictured)]) == 2
    out = capsys.readouterr()
    assert "paragraph 2 “A photo: [picture 2.0 × 1.0 cm: no alternative text]”: error: the " \
        "picture “Picture 2” has no alternative text" in out.err


def test_built_in_templates_have_no_picture_without_text() -> None:
    for name in ("final-report", "scorecard-annex", "acronyms"):
        assert jhareport.lint_template(TEMPLATES / f"{name}.docx") == []


def test_a_picture_in_a_table_is_placed_by_its_cell(tmp_path: Path) -> None:
    document = docx.Document(str(TEMPLATES / "acronyms.docx"))
    table = document.add_table(rows=1, cols=2)
    _picture(table.rows[0].cells[1].paragraphs[0])
    path = tmp_path / "acronyms.docx"
    document.save(str(path))
    places = [p.where for p in jhareport.lint_template(path)]
    assert places == [f"table {len(document.tables)}, row 1, cell 2"]


@pytest.mark.skipif(not office_available(), reason="LibreOffice or a Python with uno is missing")
def test_lint_finds_what_the_pdf_checker_finds(pictured: Path, tmp_path: Path) -> None:
    """The photo and the ornament are /Figure elements without /Alt in LibreOffice's PDF (7.4
    does not read Word's decorative mark); the described logo is not reported, and the header's
    logo is an artifact, as ISO 14289-1 7.1 wants of running heads."""
    from pdfua import validate

    convert([pictured], tmp_path / "pdf")
    findings = validate(str(tmp_path / "pdf" / "acronyms.pdf")).findings
    assert [f.rule_id for f in findings] == ["UA-13-004", "UA-13-004"]
    assert len(jhareport.lint_template(pictured)) == 2
