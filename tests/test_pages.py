"""The pages of the bundled years' PDFs as a publisher sets them: no page left more than half
blank but a chapter's last, numbers of two digits with the gap after them that one digit has,
justified text hyphenated in the document's language, and names such as eu-LISA, web addresses and
acronyms never broken by a hyphen at the end of a line."""

from __future__ import annotations

import itertools
import re
import shutil
import statistics
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import needs_carlito, office_available
from lxml import etree

import jhareport

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DOCUMENTS = {"2017": ("final-report", "acronyms"), "2019": ("scorecard-annex", "acronyms"),
             "2023": ("final-report", "acronyms")}

# where lines and pages end is what these tests read: only in the templates' fonts is it Word's
pytestmark = [pytest.mark.skipif(
    not office_available() or shutil.which("pdftotext") is None,
    reason="LibreOffice, python3-uno or poppler-utils is not installed (.ci/run installs them)"),
    needs_carlito]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pages")
    for year in DOCUMENTS:
        jhareport.build(FIXTURES / year, out / year, pdf=True)
    return out


Word = tuple[float, float, float, float, str]  # xMin, yMin, xMax, yMax, text


def page_words(pdf: Path) -> list[tuple[float, list[Word]]]:
    """Each page's height and words with their boxes, as poppler reads them."""
    data = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                          check=True).stdout
    root = etree.fromstring(data, etree.XMLParser(recover=True))
    return [(float(page.get("height")),
             [(float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")),
               float(w.get("yMax")), w.text or "") for w in page.iter("{*}word")])
            for page in root.iter("{*}page")]


def margins(document: Path) -> tuple[float, float]:
    """The top and bottom margins of the document's pages, in points."""
    margin = docx.Document(str(document)).sections[-1]
    return margin.top_margin.pt, margin.bottom_margin.pt


def rows(words: list[Word]) -> list[list[Word]]:
    """A page's lines, top to bottom, each its words left to right."""
    found: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (round(w[1]), w[0])):
        if found and abs(found[-1][0][1] - word[1]) < 2:
            found[-1].append(word)
        else:
            found.append([word])
    return [sorted(row) for row in found]


def lines(words: list[Word]) -> list[str]:
    """A page's lines of text, top to bottom."""
    return [" ".join(w[4] for w in row) for row in rows(words)]


def blank_share(height: float, words: list[Word], top: float, bottom: float) -> float:
    """How much of a page's text area is blank below its last line (header and footer, in the
    margins, left out)."""
    body = [w for w in words if w[1] >= top - 2 and w[3] <= height - bottom + 2]
    last = max((w[3] for w in body), default=top)
    return max(0.0, (height - bottom - last) / (height - bottom - top))


def chapter_openings(document: Path) -> list[str]:
    """The first words of each chapter's heading (Heading 1) and title of a document."""
    return [" ".join(p.text.split()[:4]) for p in docx.Document(str(document)).paragraphs
            if p.style.name in ("Heading 1", "Title") and p.text.strip()]


@pytest.mark.parametrize("year, name", [(y, n) for y, names in DOCUMENTS.items() for n in names])
def test_no_page_is_more_than_half_blank_but_the_last_of_a_chapter(built: Path, year: str,
                                                                   name: str) -> None:
    document = built / year / f"{name}.docx"
    top, bottom = margins(document)
    openings = chapter_openings(document)
    pages = page_words(built / year / f"{name}.pdf")

    def opens_a_chapter(words: list[Word], height: float) -> bool:
        body = [w for w in words if w[1] >= top - 2 and w[3] <= height - bottom + 2]
        first = re.sub(r"^\d+\.\s+", "", lines(body)[0]) if body else ""
        return any(first.startswith(opening) for opening in openings)

    half_empty = []
    for number, (height, words) in enumerate(pages, start=1):
        last_of_chapter = number == len(pages) or opens_a_chapter(*reversed(pages[number]))
        share = blank_share(height, words, top, bottom)
        if share > 0.5 and not last_of_chapter:
            half_empty.append(f"page {number}: {share:.0%} blank")
    assert half_empty == []


def test_numbers_of_two_digits_keep_the_gap_of_one_digit(built: Path) -> None:
    """2017's conclusions 1 to 13: the text of each point stands as far after its number."""
    gaps = {}
    for _, words in page_words(built / "2017" / "final-report.pdf")[3:6]:
        ordered = sorted(words, key=lambda w: (round(w[1]), w[0]))
        for number, following in itertools.pairwise(ordered):
            if re.fullmatch(r"\d{1,2}\.", number[4]) and abs(number[1] - following[1]) < 2 \
                    and number[0] < 80:
                gaps[int(number[4][:-1])] = following[0] - number[2]
    assert sorted(gaps) == list(range(1, 14))
    one_digit = min(gaps[n] for n in range(1, 10))
    assert one_digit > 6  # points, about two spaces
    for point in (10, 11, 12, 13):
        assert gaps[point] >= one_digit - 1, (point, gaps)


def test_justified_text_is_hyphenated_in_the_documents_language(built: Path) -> None:
    for year, names in DOCUMENTS.items():
        for name in names:
            with zipfile.ZipFile(built / year / f"{name}.docx") as package:
                settings = package.read("word/settings.xml").decode()
                styles = package.read("word/styles.xml").decode()
            assert "<w:autoHyphenation/>" in settings
            assert "<w:doNotHyphenateCaps/>" in settings
            assert re.search(r'<w:rPrDefault><w:rPr>.*?<w:lang w:val="en-US"', styles, re.S)
    text = subprocess.run(["pdftotext", "-layout", str(built / "2023" / "final-report.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    # words broken at the end of a line: "ongo-ing", "implemen-tation"
    assert len(re.findall(r"[a-z]{2}-\n\s*[a-z]{2}", text)) > 20
    # and few stretched lines: of the justified lines (full width, six words or more), those
    # whose spaces are wider than 5 points (twice a space of 11 pt Calibri): one in seven
    # without hyphenation, about one in a hundred with it
    spaces = []
    for _, words in page_words(built / "2023" / "final-report.pdf"):
        for row in rows(words):
            if len(row) >= 6 and row[-1][2] > 520:
                spaces.append(statistics.median(b[0] - a[2] for a, b in itertools.pairwise(row)))
    assert len(spaces) > 500
    assert sum(space > 5 for space in spaces) < 0.03 * len(spaces)


@pytest.mark.parametrize("year, name", [(y, n) for y, names in DOCUMENTS.items() for n in names])
def test_no_line_breaks_a_name_an_acronym_or_a_web_address(built: Path, year: str,
                                                           name: str) -> None:
    text = subprocess.run(["pdftotext", "-layout", str(built / year / f"{name}.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    with zipfile.ZipFile(built / year / f"{name}.docx") as package:
        links = re.findall(r'Target="(https?://[^"]+)"', " ".join(
            package.read(n).decode() for n in package.namelist() if n.endswith(".rels")))
    broken = []
    for before, after in re.findall(r"(\S+)-\n\s*(\S+)", text):
        # eu-LISA, EU-OSHA, CE-POL's: a hyphen after a word in capitals
        if re.search(r"(^|[^\w])(eu|[A-Z]{2,})$", before):
            broken.append(f"{before}-{after}")
        # a web address hyphenated where it has no hyphen of its own
        address = re.search(r"(https?://|www\.)\S*$", before)
        if address and not any(f"{address.group(0)}-{after.rstrip('.,;)')}" in link
                               for link in links):
            broken.append(f"{before}-{after}")
    assert broken == []
