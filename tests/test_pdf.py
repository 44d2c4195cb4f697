"""PDF output through LibreOffice headless: true page numbers in the contents, the refreshed table of
contents spliced back into our own .docx, clear errors when LibreOffice is missing or too slow."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import attrs
import docx
import pytest
from conftest import office_available
from lxml import etree

from jhareport import build
from jhareport.office import discovery, pdf
from jhareport.office.pdf import (
    ConvertResult,
    PdfError,
    convert,
    find_office,
    normalise_pdf,
    splice_toc,
    tagging_safe,
    toc_entries,
)

FIXTURES_2023 = Path(__file__).resolve().parents[1] / "fixtures" / "2023"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


needs_office = pytest.mark.skipif(not office_available(),
                                  reason="LibreOffice or a Python with uno is missing")
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                     reason="pdftotext (poppler-utils) is missing")


def pdf_pages(path: Path) -> list[str]:
    """The text of each page (page n is item n - 1), as `pdftotext -layout` lays it out."""
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return text.split("\f")


def flat(text: str) -> str:
    return " ".join(text.split())


def style_of(paragraph: Any) -> str:
    return str(paragraph.style.name) if paragraph.style is not None else ""


def heading_texts(path: Path, level: int) -> list[str]:
    document = docx.Document(str(path))
    return [p.text for p in document.paragraphs if style_of(p) == f"Heading {level}"]


def lingering_soffice() -> list[str]:
    """Command lines of processes still running that this test process's conversions started."""
    marker = f"jhareport-{os.getpid()}-".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if marker in cmdline:
            found.append(cmdline.replace(b"\0", b" ").decode(errors="replace"))
    return found


def assert_no_soffice_left() -> None:
    deadline = time.monotonic() + 10
    while lingering_soffice() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert lingering_soffice() == []


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("built")
    build(FIXTURES_2023, out)
    assert (out / "final-report.docx").is_file() and (out / "acronyms.docx").is_file()
    return out


@pytest.fixture(scope="module")
def converted(built: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[ConvertResult, Path]:
    out = tmp_path_factory.mktemp("pdf")
    result = convert([built / "final-report.docx", built / "acronyms.docx"], out)
    return result, out


# --- finding LibreOffice (no LibreOffice needed) -------------------------------------------------


def test_find_office_without_soffice_names_the_packages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    monkeypatch.delenv("JHAREPORT_LIBREOFFICE", raising=False)
    monkeypatch.setattr(discovery, "UNIX_PLACES", ())
    with pytest.raises(PdfError, match="libreoffice-writer-nogui") as error:
        find_office()
    assert "python3-uno" in str(error.value) and "--pdf" in str(error.value)


def test_convert_of_a_missing_file_fails_before_starting(tmp_path: Path) -> None:
    with pytest.raises(PdfError, match="no such file"):
        convert([tmp_path / "absent.docx"], tmp_path / "out")
    assert not (tmp_path / "out").exists()


# --- splicing, on hand-made documents (no LibreOffice needed) ------------------------------------

TEMPLATE = Path(pdf.__file__).parents[1] / "templates" / "final-report.docx"
PLACEHOLDER = re.compile(r"<w:p><w:r><w:fldChar w:fldCharType=\"begin\".*?</w:p>")


def _run(content: str) -> str:
    return f"<w:r>{content}</w:r>"


def _field(kind: str) -> str:
    return _run(f'<w:fldChar w:fldCharType="{kind}"/>')


TOC_INSTRUCTION = '<w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText>'
PAGEREF_INSTRUCTION = '<w:instrText xml:space="preserve"> PAGEREF _Toc1 \\h </w:instrText>'


def _word_entry(style: str, number: str, text: str, page: str, *, opening: bool = False) -> str:
    """A paragraph of a table of contents as Word writes it: hyperlink, PAGEREF field for the page."""
    head = _field("begin") + _run(TOC_INSTRUCTION) + _field("separate") if opening else ""
    tabs = '<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9350"/></w:tabs>'
    page_field = (_field("begin") + _run(PAGEREF_INSTRUCTION) + _field("separate")
                  + _run(f"<w:t>{page}</w:t>") + _field("end"))
    link = (_run(f"<w:t>{number}</w:t>") + _run("<w:tab/>") + _run(f"<w:t>{text}</w:t>")
            + _run("<w:tab/>") + page_field)
    return (f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{tabs}</w:pPr>{head}'
            f'<w:hyperlink w:anchor="_Toc{page}">{link}</w:hyperlink></w:p>')


def _with_document(package: bytes, change: Callable[[str], str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = change(data.decode("utf-8")).encode("utf-8")
            target.writestr(item, data)
    return out.getvalue()


@pytest.fixture
def word_refreshed() -> bytes:
    """The template with its table of contents as Word would fill it: entries in w:hyperlink with
    nested PAGEREF fields, and the end of the TOC field in a paragraph of its own."""
    entries = (_word_entry("TOC1", "1.", "Foreword &amp; thanks", "4", opening=True)
               + _word_entry("TOC2", "1.1.", "Sub-section", "5")
               + _word_entry("TOC3", "1.1.1.", "Detail", "12")
               + f"<w:p>{_field('end')}</w:p>")
    return _with_document(TEMPLATE.read_bytes(), lambda xml: PLACEHOLDER.sub(lambda _: entries, xml, count=1))


def test_toc_entries_of_a_word_table_of_contents(word_refreshed: bytes) -> None:
    assert [(e.level, e.text, e.page) for e in toc_entries(word_refreshed)] == [
        (1, "1.\tForeword & thanks", "4"), (2, "1.1.\tSub-section", "5"), (3, "1.1.1.\tDetail", "12")]


def test_splice_toc_into_the_template_and_again(word_refreshed: bytes) -> None:
    template = TEMPLATE.read_bytes()
    once = splice_toc(template, word_refreshed)
    # The spliced result spans several paragraphs now; splicing the same entries again changes nothing.
    assert splice_toc(once, word_refreshed) == once
    document = docx.Document(io.BytesIO(once))
    toc = [(style_of(p), p.text) for p in document.paragraphs if re.fullmatch(r"TOC \d", style_of(p))]
    assert toc == [("TOC 1", "1.\tForeword & thanks\t4"), ("TOC 2", "1.1.\tSub-section\t5"),
                   ("TOC 3", "1.1.1.\tDetail\t12")]
    with zipfile.ZipFile(io.BytesIO(once)) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    assert xml.count('w:fldCharType="begin"') == 1 and xml.count('w:fldCharType="end"') == 1
    # The right tab is at the text width of the template's page: A4 (11906 twips) less its margins.
    section = docx.Document(str(TEMPLATE)).sections[-1]
    width = section.page_width.twips - section.left_margin.twips - section.right_margin.twips
    assert width == 11906 - 2 * 1418
    assert xml.count(f'<w:tab w:val="right" w:leader="dot" w:pos="{width}"/>') == 3


def test_splice_toc_without_entries_keeps_an_empty_field() -> None:
    template = TEMPLATE.read_bytes()
    empty = _with_document(template, lambda xml: xml.replace(
        "<w:t>The table of contents is refreshed when the document is opened.</w:t>", ""))
    with zipfile.ZipFile(io.BytesIO(splice_toc(template, empty))) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    assert re.search(r'separate"/></w:r><w:r><w:fldChar w:fldCharType="end"', xml)


# --- converting ----------------------------------------------------------------------------------


@needs_office
@needs_pdftotext
def test_contents_give_the_page_each_top_level_heading_is_on(
        converted: tuple[ConvertResult, Path], built: Path) -> None:
    result, out = converted
    assert [d.pdf_path for d in result.documents] == [out / "final-report.pdf", out / "acronyms.pdf"]
    assert (out / "final-report.pdf").read_bytes() == result["final-report.docx"].pdf
    assert result["acronyms.docx"].pdf.startswith(b"%PDF")

    pages = pdf_pages(out / "final-report.pdf")
    contents = next(i for i, page in enumerate(pages) if re.search(r"^\s*Contents\s*$", page, re.M))
    listing = flat(" ".join(pages[contents:contents + 3]))
    headings = heading_texts(built / "final-report.docx", 1)
    assert len(headings) >= 8
    for number, heading in enumerate(headings, start=1):
        match = re.search(rf"{number}\. {re.escape(flat(heading))} ?\.{{3,}} ?(\d+)", listing)
        assert match, f"no contents line with a page for {heading!r}"
        page = int(match.group(1))
        assert page > contents + 1, f"{heading!r}: page {page} is not after the contents"
        assert flat(heading) in flat(pages[page - 1]), f"{heading!r} is not on page {page}"
        assert f"Page {page} of" in pages[page - 1]  # the footer agrees: page n is item n - 1


@needs_office
def test_refreshed_docx_holds_the_table_of_contents(converted: tuple[ConvertResult, Path],
                                                   built: Path) -> None:
    result, _ = converted
    entries = toc_entries(result["final-report.docx"].refreshed_docx)
    top = [entry for entry in entries if entry.level == 1]
    assert [re.sub(r"^\d+\.\s*", "", e.text) for e in top] == heading_texts(built / "final-report.docx", 1)
    assert all(entry.page.isdigit() for entry in entries)
    assert {entry.level for entry in entries} == {1, 2, 3}


@needs_office
@needs_pdftotext
def test_splice_toc_writes_the_entries_into_our_own_document(converted: tuple[ConvertResult, Path],
                                                             built: Path) -> None:
    result, out = converted
    original = (built / "final-report.docx").read_bytes()
    refreshed = result["final-report.docx"].refreshed_docx
    spliced = splice_toc(original, refreshed)
    assert spliced == splice_toc(original, refreshed)  # deterministic

    with zipfile.ZipFile(io.BytesIO(original)) as before, zipfile.ZipFile(io.BytesIO(spliced)) as after:
        assert [i.filename for i in before.infolist()] == [i.filename for i in after.infolist()]
        for old, new in zip(before.infolist(), after.infolist(), strict=True):
            assert (old.date_time, old.compress_type, old.external_attr) == \
                (new.date_time, new.compress_type, new.external_attr)
            if old.filename != "word/document.xml":
                assert before.read(old.filename) == after.read(new.filename), old.filename
        xml = after.read("word/document.xml").decode("utf-8")

    # The field stays a field Word can update: begin, instruction, separate, the entries, end.
    start = xml.index('w:fldCharType="begin"')
    instruction = xml.index("TOC \\o", start)
    separate = xml.index('w:fldCharType="separate"', instruction)
    end = xml.index('w:fldCharType="end"', separate)
    assert start < instruction < separate < end
    assert "refreshed when the document is opened" not in xml

    document = docx.Document(io.BytesIO(spliced))
    toc = [p for p in document.paragraphs if re.fullmatch(r"TOC \d", style_of(p))]
    lines = {p.text.rsplit("\t", 1)[0]: p.text.rsplit("\t", 1)[1] for p in toc}
    assert {style_of(p) for p in toc} == {"TOC 1", "TOC 2", "TOC 3"}
    pages = pdf_pages(out / "final-report.pdf")
    for number, heading in enumerate(heading_texts(built / "final-report.docx", 1), start=1):
        page = lines[f"{number}. {heading}"]
        assert page.isdigit()
        assert flat(heading) in flat(pages[int(page) - 1])
    first = toc[0]._p.xml
    assert 'w:leader="dot"' in first and 'w:val="right"' in first
    # The rest of the body is untouched.
    assert heading_texts(built / "final-report.docx", 1) == [
        p.text for p in document.paragraphs if style_of(p) == "Heading 1"]


@needs_office
def test_splice_toc_needs_a_table_of_contents(built: Path, converted: tuple[ConvertResult, Path]) -> None:
    result, _ = converted
    with pytest.raises(PdfError, match="table of contents"):
        splice_toc((built / "acronyms.docx").read_bytes(), result["final-report.docx"].refreshed_docx)
    assert_no_soffice_left()


@needs_office
def test_two_conversions_in_parallel(built: Path, tmp_path: Path) -> None:
    results: dict[int, ConvertResult] = {}
    errors: list[BaseException] = []

    def run(n: int) -> None:
        try:
            results[n] = convert([built / "final-report.docx"], tmp_path / f"out{n}")
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(n,)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert errors == []
    assert sorted(results) == [1, 2]
    for n in (1, 2):
        assert (tmp_path / f"out{n}" / "final-report.pdf").read_bytes().startswith(b"%PDF")
        assert toc_entries(results[n].documents[0].refreshed_docx)
    assert_no_soffice_left()


@needs_office
def test_time_limit_kills_libreoffice_and_writes_nothing(built: Path, tmp_path: Path) -> None:
    with pytest.raises(PdfError, match=r"time limit of 0\.3 s"):
        convert([built / "final-report.docx"], tmp_path / "out", timeout=0.3)
    assert not (tmp_path / "out" / "final-report.pdf").exists()
    assert_no_soffice_left()


@needs_office
def test_a_document_libreoffice_cannot_open_is_reported(built: Path, tmp_path: Path) -> None:
    broken = tmp_path / "truncated.docx"
    broken.write_bytes((built / "final-report.docx").read_bytes()[:20000])
    with pytest.raises(PdfError, match=r"could not open truncated\.docx"):
        convert([built / "acronyms.docx", broken], tmp_path / "out", timeout=60)
    assert not (tmp_path / "out").exists()  # all or nothing: not even acronyms.pdf
    assert_no_soffice_left()


@needs_office
def test_a_python_without_uno_is_reported(built: Path, tmp_path: Path) -> None:
    office = attrs.evolve(find_office(), python=Path(sys.executable))
    if subprocess.run([sys.executable, "-I", "-c", "import uno"], capture_output=True).returncode == 0:
        pytest.skip("this Python can import uno")
    with pytest.raises(PdfError, match="cannot import uno"):
        convert([built / "acronyms.docx"], tmp_path / "out", office=office)
    assert_no_soffice_left()


def test_uno_script_runs_under_any_python3() -> None:
    """The script is started by Debian's python, not ours: it must compile and use no project code."""
    source = Path(pdf.__file__).with_name("_uno_refresh.py").read_text(encoding="utf-8")
    compile(source, "_uno_refresh.py", "exec")
    assert "jhareport" not in re.sub(r'""".*?"""', "", source, flags=re.S)


# --- tagging and normalising (no LibreOffice needed) ---------------------------------------------


def test_styles_named_like_pdf_structure_types_are_renamed_for_the_conversion() -> None:
    """LibreOffice tags a paragraph with its style's name: the template's "Figure" style (the
    paragraph holding a chart) made a /Figure without alternative text, and "Quote" a /Quote."""
    template = TEMPLATE.read_bytes()
    safe = tagging_safe(template)

    def names(package: bytes) -> set[str]:
        with zipfile.ZipFile(io.BytesIO(package)) as opened:
            styles = etree.fromstring(opened.read("word/styles.xml"))
        return {str(name.get(f"{W}val")) for name in styles.iter(f"{W}name")}

    assert {"Figure", "Quote"} <= names(template)
    assert not pdf.STANDARD_STRUCTURE_TYPES & names(safe)
    assert {"Figure style", "Quote style", "heading 1", "Table Text"} <= names(safe)
    assert tagging_safe(safe) == safe  # nothing left to rename: the same bytes
    with zipfile.ZipFile(io.BytesIO(template)) as before, zipfile.ZipFile(io.BytesIO(safe)) as after:
        assert before.read("word/document.xml") == after.read("word/document.xml")


def _pdf(when: bytes, iso: bytes, identifier: bytes, uuid_text: bytes) -> bytes:
    """The parts of a PDF that LibreOffice dates and marks: XMP packet, information, trailer."""
    xmp = (b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
           b'<x:xmpmeta xmlns:x="adobe:ns:meta/">'
           b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
           b'<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:description>'
           b'<rdf:Alt><rdf:li xml:lang="x-default">Agencies&amp;apos; Network</rdf:li></rdf:Alt>'
           b'</dc:description></rdf:Description>'
           b'<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">'
           b"<xmp:CreateDate>" + iso + b"Z</xmp:CreateDate><xmp:ModifyDate>" + iso + b"Z</xmp:ModifyDate>"
           b"</rdf:Description>"
           b'<rdf:Description rdf:about="" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">'
           b"<xmpMM:DocumentID>uuid:" + uuid_text + b"</xmpMM:DocumentID></rdf:Description>"
           b"</rdf:RDF></x:xmpmeta>\n" + b" " * 40 + b'\n<?xpacket end="w"?>')
    return (b"%PDF-1.6\n1 0 obj\n<</Type/Metadata/Subtype/XML/Length " + str(len(xmp)).encode()
            + b">>\nstream\n" + xmp + b"\nendstream\nendobj\n2 0 obj\n<</CreationDate(D:" + when
            + b"Z')>>\nendobj\ntrailer\n<</Info 2 0 R/ID [ <" + identifier + b"> <" + identifier
            + b"> ] /DocChecksum /" + identifier + b">>\n%%EOF\n")


def test_normalise_pdf_fixes_dates_and_ids_of_the_xmp_too_and_keeps_lengths() -> None:
    stamp = datetime(2023, 12, 31, 12, 0, 0)
    first = _pdf(b"20240105093012", b"2024-01-05T09:30:12", b"0123456789ABCDEF0123456789ABCDEF",
                 b"0f8fad5b-d9cb-469f-a165-70867728950e")
    second = _pdf(b"20250601170000", b"2025-06-01T17:00:00", b"FEDCBA9876543210FEDCBA9876543210",
                  b"7c9e6679-7425-40de-944b-e07fc1f90ae7")
    one, two = normalise_pdf(first, stamp), normalise_pdf(second, stamp)
    assert one == two
    assert len(one) == len(first)  # the cross-reference offsets stay right
    assert b"(D:20231231120000Z')" in one
    assert one.count(b"2023-12-31T12:00:00Z<") == 2
    assert b"0f8fad5b" not in one and b"0123456789ABCDEF" not in one
    packet = re.search(rb"<x:xmpmeta.*</x:xmpmeta>", one, re.S)
    assert packet is not None
    root = etree.fromstring(packet.group(0))
    description = root.find(".//{http://purl.org/dc/elements/1.1/}description//"
                            "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}li")
    assert description is not None and description.text == "Agencies' Network"
    document_id = root.find(".//{http://ns.adobe.com/xap/1.0/mm/}DocumentID")
    assert document_id is not None and re.fullmatch(r"uuid:[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}",
                                                    document_id.text or "")
