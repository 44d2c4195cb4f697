"""`build --pdf` and `preview`: the PDFs of the real fixtures as a reader sees them, with a table of
contents whose page numbers are the pages the headings stand on, landscape scorecard pages,
nothing off the page, and pictures of the pages."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import attrs
import docx
import pikepdf
import pytest
from conftest import needs_carlito, office_available
from PIL import Image

import jhareport
from jhareport import BuildError
from jhareport.cli import main
from jhareport.office import discovery, pdf
from jhareport.office.preview import PreviewError, preview

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


pytestmark = pytest.mark.skipif(
    not office_available() or shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="LibreOffice, python3-uno or poppler-utils "
                                "is not installed (.ci/run installs them)")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdf")
    jhareport.build(FIXTURES / "2023", out / "2023", pdf=True)
    jhareport.build(FIXTURES / "2019", out / "2019", pdf=True)
    # 2023 with the standard outline, whose annex shows the EMPACT plan of 2022 that 2023 links
    jhareport.build(attrs.evolve(jhareport.load_year(FIXTURES / "2023"), outline=None),
                    out / "empact", pdf=True)
    return out


def pages(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    return text.split("\f")


def page_sizes(path: Path) -> list[tuple[float, float]]:
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(path)], capture_output=True,
                          text=True, check=True).stdout
    return [(float(w), float(h)) for w, h in
            re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]


def test_every_document_gets_its_pdf(built: Path) -> None:
    assert sorted(p.name for p in (built / "2023").iterdir()) == [
        "acronyms.docx", "acronyms.pdf", "final-report.docx", "final-report.pdf"]
    assert sorted(p.name for p in (built / "2019").iterdir()) == [
        "acronyms.docx", "acronyms.pdf", "scorecard-annex.docx", "scorecard-annex.pdf"]


@needs_carlito
def test_contents_give_the_page_each_heading_stands_on(built: Path) -> None:
    text = pages(built / "2023" / "final-report.pdf")
    headings = [p.text for p in docx.Document(str(built / "2023" / "final-report.docx")).paragraphs
                if p.style.name in ("Heading 1", "Heading 2")]
    contents = "\n".join(text[1:4])
    checked = 0
    for heading in headings:
        words = heading.split()[:4]
        pattern = r"\s+".join(re.escape(w) for w in words)
        entry = re.search(rf"\d+(?:\.\d+)*\.\s+{pattern}.*?\.{{3,}}\s*(\d+)\s*$", contents,
                          re.MULTILINE | re.DOTALL)
        assert entry, f"no contents entry for {heading!r}"
        page = int(entry.group(1))
        body = re.sub(r"\s+", " ", text[page - 1])
        assert " ".join(words) in body, f"{heading!r} is not on page {page}"
        checked += 1
    assert checked >= 15


def test_the_docx_carries_the_refreshed_contents(built: Path) -> None:
    document = docx.Document(str(built / "2023" / "final-report.docx"))
    entries = [p.text for p in document.paragraphs if p.style.name.startswith("TOC")
               and p.style.name != "TOC Heading"]
    assert entries[0].startswith("1. Foreword by the Executive Director of the EUAA\t")
    assert re.fullmatch(r".*\t\d+", entries[0])
    assert any(e.startswith("5.2.3. Working Group on Data Protection") for e in entries)
    assert "The table of contents is refreshed when the document is opened." not in \
        [p.text for p in document.paragraphs]


def test_scorecard_pages_are_landscape_and_report_pages_portrait(built: Path) -> None:
    assert all(w > h for w, h in page_sizes(built / "2019" / "scorecard-annex.pdf"))
    assert all(w < h for w, h in page_sizes(built / "2023" / "final-report.pdf"))


@pytest.mark.parametrize("name", ["2023/final-report.pdf", "2023/acronyms.pdf",
                                  "2019/scorecard-annex.pdf"])
def test_no_word_is_cut_off_a_page_edge(built: Path, name: str) -> None:
    html = subprocess.run(["pdftotext", "-bbox", str(built / name), "-"], capture_output=True,
                          text=True, check=True).stdout
    page_boxes = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.S)
    assert page_boxes
    for width, height, words in page_boxes:
        for x0, y0, x1, y1 in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', words):
            assert float(x0) >= 0 and float(x1) <= float(width)
            assert float(y0) >= 0 and float(y1) <= float(height)


def test_chart_pictures_carry_their_alternative_text(built: Path) -> None:
    text = "".join(pages(built / "empact" / "final-report.pdf"))
    assert "Agencies’ part in the 30 operational actions of the EMPACT" in text
    with pikepdf.open(built / "empact" / "final-report.pdf") as document:
        alt = [str(element.get("/Alt")) for element in _elements(document.Root.StructTreeRoot)
               if element.get("/S") == "/Figure"]
    # one figure, the chart, read out by its title and its figures
    assert len(alt) == 1 and alt[0].startswith("Agencies’ part in the 30 operational actions")
    assert "Frontex led 8, co-led 5, participated in 11 (24 in all)" in alt[0]


def _elements(node: object) -> list[pikepdf.Dictionary]:
    found = []
    if isinstance(node, pikepdf.Array):
        for kid in node:
            found.extend(_elements(kid))
    elif isinstance(node, pikepdf.Dictionary):
        if "/S" in node:
            found.append(node)
        found.extend(_elements(node.get("/K")))
    return found


def test_same_records_same_pdf_bytes(built: Path, tmp_path: Path) -> None:
    jhareport.build(FIXTURES / "2023", tmp_path, pdf=True)
    for name in ("final-report.pdf", "final-report.docx", "acronyms.pdf"):
        assert (tmp_path / name).read_bytes() == (built / "2023" / name).read_bytes(), name
    # The XMP metadata (PDF/UA's declaration) is dated from the year, like the document's information.
    with pikepdf.open(tmp_path / "final-report.pdf") as document, document.open_metadata() as xmp:
        assert xmp.get("pdfuaid:part") == "1"
        assert xmp.get("xmp:CreateDate", "").startswith("2023-12-31T12:00:00")
        assert str(document.docinfo["/CreationDate"]).startswith("D:20231231120000")


def test_without_libreoffice_the_docx_are_written_and_the_error_names_the_package(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(discovery.shutil, "which", lambda name, path=None: None)
    monkeypatch.delenv("JHAREPORT_LIBREOFFICE", raising=False)
    monkeypatch.setattr(discovery, "UNIX_PLACES", ())
    code = main(["build", str(FIXTURES / "2023"), "--out", str(tmp_path), "--pdf"])
    assert code == 2
    err = capsys.readouterr().err
    assert "libreoffice-writer-nogui" in err and "without PDF" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acronyms.docx", "final-report.docx"]


def test_a_conversion_over_its_time_limit_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "final-report.docx").write_bytes(b"earlier")
    with pytest.raises(BuildError, match=r"within the time limit of 0\.5 s"):
        jhareport.build(FIXTURES / "2023", tmp_path, pdf=True, pdf_timeout=0.5)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["final-report.docx"]
    assert (tmp_path / "final-report.docx").read_bytes() == b"earlier"


def test_preview_pictures_the_pages(built: Path, tmp_path: Path) -> None:
    pictures = preview(built / "2019", out=tmp_path, last=2)
    assert [p.name for p in pictures] == ["acronyms-1.png", "acronyms-2.png",
                                          "scorecard-annex-1.png", "scorecard-annex-2.png"]
    with Image.open(tmp_path / "scorecard-annex-1.png") as page:
        assert page.width > page.height  # landscape, at 60 dpi: about 700 x 500 pixels
        assert 650 < page.width < 750


def test_preview_command(built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["preview", str(built / "2023"), "--out", str(tmp_path), "--first", "2",
                 "--last", "2"]) == 0
    assert "wrote 2 page pictures" in capsys.readouterr().out
    assert main(["preview", str(tmp_path)]) == 2
    assert "no PDF to preview (build with --pdf first)" in capsys.readouterr().err


def test_build_pdf_from_the_command_line(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "jhareport", "build", str(FIXTURES / "2019"),
                             "--out", str(tmp_path), "--pdf"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "converting 2 documents to PDF with LibreOffice" in result.stderr
    assert "scorecard-annex.pdf" in result.stdout


def test_preview_of_pages_only_the_longer_documents_have(built: Path, tmp_path: Path) -> None:
    pictures = preview(built / "2023", out=tmp_path, first=5, last=6)
    assert [p.name for p in pictures] == ["final-report-5.png", "final-report-6.png"]
    with pytest.raises(PreviewError, match=r"no PDF there has a page 500"):
        preview(built / "2023", out=tmp_path, first=500)


def test_a_time_limit_of_nothing_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BuildError, match=r"must be more than 0 seconds"):
        jhareport.build(FIXTURES / "2023", tmp_path, pdf=True, pdf_timeout=0)
    assert not any(tmp_path.iterdir())


def test_templates_saved_again_by_an_office_suite_still_work(tmp_path: Path) -> None:
    """Communication staff restyle templates in an office suite and save them again: the runs,
    revision ids and the table of contents come back written otherwise, and the templates still
    lint clean, build the same text, and take the refreshed contents."""
    office = pdf.find_office()
    templates = Path(jhareport.__file__).parent / "templates"
    subprocess.run([str(office.soffice), f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir",
                    str(tmp_path / "saved"), *(str(templates / f"{n}.docx") for n in
                                               ("final-report", "acronyms"))],
                   check=True, capture_output=True, timeout=120)
    for name in ("final-report", "acronyms"):
        assert jhareport.lint_template(tmp_path / "saved" / f"{name}.docx") == []
    result = jhareport.build(FIXTURES / "2023", tmp_path / "out", templates=tmp_path / "saved",
                             pdf=True)
    assert not [w for w in result.warnings if w.startswith("template lint")]
    jhareport.build(FIXTURES / "2023", tmp_path / "ours")
    texts = [[p.text for p in docx.Document(str(folder / "final-report.docx")).paragraphs
              if p.style.name.startswith("Heading")] for folder in (tmp_path / "out",
                                                                     tmp_path / "ours")]
    assert len(texts[0]) >= 60 and texts[0] == texts[1]
    contents = pages(tmp_path / "out" / "final-report.pdf")[1]
    assert re.search(r"1\. Foreword by the Executive Director of the EUAA\.+\s*4", contents)


def test_a_build_that_fails_after_libreoffice_started_leaves_none_running(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """LibreOffice starts while the documents are made: a build that fails meanwhile (here on a
    broken template) ends it and removes its profile, and writes nothing."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temporary"))
    (tmp_path / "temporary").mkdir()
    started: list[pdf.Session] = []
    real = pdf.start_session

    def recorded(office: pdf.OfficeTools) -> pdf.Session:
        started.append(real(office))
        return started[-1]

    monkeypatch.setattr(pdf, "start_session", recorded)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "final-report.docx").write_text("not a zip")
    with pytest.raises(BuildError, match="not a readable Word document"):
        jhareport.build(FIXTURES / "2023", tmp_path / "out", pdf=True,
                        templates=tmp_path / "templates")
    assert len(started) == 1 and started[0].process.poll() is not None
    assert list((tmp_path / "temporary").iterdir()) == []
    assert not (tmp_path / "out").exists()
