"""What a reader notices of the built documents' layout, and of their language: the cover, the
table of contents, headings kept with their text, one kind of apostrophe, scorecard rows kept
whole, the chart and its caption, and French and German documents with no English of ours."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import attrs
import docx
import pytest
import yaml
from babel.messages.pofile import read_po
from conftest import font_file
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.shared import Cm, Pt
from lxml import etree

import jhareport

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
TEMPLATES = ROOT / "jhareport" / "templates"
LOCALES = ROOT / "jhareport" / "locale"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
NAMES = ("final-report", "scorecard-annex", "acronyms")
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """2023 in English, French and German, 2019 in English, and 2023 with the EMPACT annex."""
    folders = {}
    for year, locale in (("2023", "en"), ("2023", "fr"), ("2023", "de"), ("2019", "en")):
        out = tmp_path_factory.mktemp(f"{year}-{locale}")
        jhareport.build(FIXTURES / year, out, locale=locale, allow_untranslated=True)
        folders[f"{year}-{locale}"] = out
    # 2023 with the standard outline, whose annex shows the EMPACT plan 2023 links
    out = tmp_path_factory.mktemp("empact")
    jhareport.build(attrs.evolve(jhareport.load_year(FIXTURES / "2023"), outline=None), out)
    folders["empact-en"] = out
    return folders


def document(path: Path) -> Document:
    return docx.Document(str(path))


def paragraphs(doc: Document) -> Iterator[str]:
    """Every paragraph's text: body, tables, headers and footers."""
    yield from (p.text for p in doc.paragraphs)
    for grid in doc.tables:
        for row in grid.rows:
            for cell in row.cells:
                yield from (p.text for p in cell.paragraphs)
    for section in doc.sections:
        for part in (section.header, section.footer, section.first_page_header):
            yield from (p.text for p in part.paragraphs)


# -- layout ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("locale", "chair", "emcdda"), [
    ("en", "Chair of the network: European Union Agency for Asylum (EUAA)",
     "European Monitoring Centre for Drugs and Drug Addiction (EMCDDA)"),
    ("fr", "Présidence du réseau\u202f: Agence de l’Union européenne pour l’asile (AUEA)",
     "Observatoire européen des drogues et des toxicomanies (OEDT)"),
    ("de", "Vorsitz des Netzwerks: Asylagentur der Europäischen Union (EUAA)",
     "Europäische Beobachtungsstelle für Drogen und Drogensucht (EBDD)"),
])
def test_the_cover_names_the_report_its_chair_and_the_nine_agencies(
        built: dict[str, Path], locale: str, chair: str, emcdda: str) -> None:
    doc = document(built[f"2023-{locale}"] / "final-report.docx")
    cover = []
    for paragraph in doc.paragraphs:
        if paragraph.style.name == "TOC Heading":
            break
        cover.append(paragraph)
    texts = [p.text for p in cover]
    assert chair in texts
    agencies = [p.text for p in cover if p.style.name == "Cover Agency"]
    assert len(agencies) == 9
    assert emcdda in agencies
    assert all(re.fullmatch(r"[^()]{10,} \([\w-]+\)", a) for a in agencies), agencies
    assert cover[0].style.name == "Title"
    assert "2023" in texts[1]
    assert not [t for t in texts if not t.strip() and t is not texts[-1]]  # no stray empty lines


def test_table_of_contents_entries_hang_and_stop_short_of_the_page_numbers() -> None:
    doc = document(TEMPLATES / "final-report.docx")
    width = doc.sections[0].page_width - doc.sections[0].left_margin - doc.sections[0].right_margin
    for level in (1, 2, 3):
        style = doc.styles[f"TOC {level}"].paragraph_format
        assert style.first_line_indent < 0  # a hanging indent: wrapped lines under the text
        assert abs(style.left_indent + style.first_line_indent - Cm(0.5 * (level - 1))) < Cm(0.01)
        assert style.right_indent >= Cm(0.8)  # the text wraps before the leader and number
        [tab] = list(style.tab_stops)
        assert (tab.alignment, tab.leader) == (WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        assert abs(tab.position - width) < Cm(0.01)


def test_headings_and_facts_lines_keep_with_what_follows(built: dict[str, Path]) -> None:
    doc = document(built["2023-en"] / "final-report.docx")
    kept = [p for p in doc.paragraphs
            if p.style.name.startswith("Heading") or p.style.name == "Record Details"]
    assert len([p for p in kept if p.style.name == "Record Details"]) > 20
    for paragraph in kept:
        style = paragraph.style
        while style.paragraph_format.keep_with_next is None and style.base_style is not None:
            style = style.base_style
        assert style.paragraph_format.keep_with_next, paragraph.text


@pytest.mark.parametrize("language", ["", "fr", "de"])
@pytest.mark.parametrize("name", NAMES)
def test_the_templates_own_words_use_typographic_apostrophes(name: str, language: str) -> None:
    doc = document(TEMPLATES / language / f"{name}.docx")
    words = [TAG.sub("", text) for text in paragraphs(doc)]
    assert not [w for w in words if "'" in w]
    if not language and name != "scorecard-annex":
        assert any("Agencies’ Network" in w for w in words)


def test_the_title_and_header_read_agencies_network_with_a_typographic_apostrophe(
        built: dict[str, Path]) -> None:
    doc = document(built["2023-en"] / "final-report.docx")
    assert doc.paragraphs[0].text == "Justice and Home Affairs Agencies’ Network"
    assert doc.sections[0].header.paragraphs[0].text == (
        "Justice and Home Affairs Agencies’ Network — Final report 2023")


def test_scorecard_rows_stay_whole_under_a_repeated_header(built: dict[str, Path]) -> None:
    doc = document(built["2019-en"] / "scorecard-annex.docx")
    grid = doc.tables[2]
    header, *rows = grid.rows
    assert header.cells[0].text == "Field of the action"
    assert header._tr.find(f"{W}trPr/{W}tblHeader") is not None
    actions = [r for r in rows if len({c._tc for c in r.cells}) == 4]
    headings = [r for r in rows if len({c._tc for c in r.cells}) == 1]
    assert len(actions) == 189 and headings
    # An action's row never breaks across pages, unless it is longer than a page: then it
    # breaks where the page ends, not leaving the page before it nearly empty.
    split = [r.cells[1].paragraphs[0].text for r in rows
             if r._tr.find(f"{W}trPr/{W}cantSplit") is None]
    assert [s[:40] for s in split] == ["Regular exchange and integration (where ",
                                       "Implementation of the OAPs in the framew"]
    for row in headings:  # an area's heading stays with its first action
        assert all(p.paragraph_format.keep_with_next for p in row.cells[0].paragraphs)


def test_the_scorecard_names_each_field_once_and_heads_parts_and_areas(
        built: dict[str, Path]) -> None:
    """As the 2019 scorecard reads: a part's and an area's heading across the whole table, then
    the area's actions field by field, the field's label on its first action only."""
    records = jhareport.load_year(FIXTURES / "2019")
    scorecard = records.scorecard
    assert scorecard is not None
    grid = document(built["2019-en"] / "scorecard-annex.docx").tables[2]
    expected: list[tuple[str, ...]] = []  # (heading,) or (field label or "", action's detail)
    for part in scorecard.parts:
        expected.append((f"{part.code}. {part.title}",))
        for area in (a for a in scorecard.areas if a.part == part.code):
            expected.append((f"{area.number}. {area.title}",))
            for field in (f for f in scorecard.fields if f.area == area.number):
                actions = [a for a in scorecard.actions if a.field == field.number]
                for index, action in enumerate(actions):
                    first = index == 0 and field.number != area.number
                    label = f"{field.number} {field.title}" if first else ""
                    expected.append((label, action.detail.plain.split("\n")[0]))
    shown: list[tuple[str, ...]] = []
    for row in grid.rows[1:]:
        cells = list(dict.fromkeys(c._tc for c in row.cells))
        texts = [docx.table._Cell(tc, grid).text for tc in cells]
        shown.append((texts[0],) if len(cells) == 1 else (texts[0], texts[1].split("\n")[0]))
    assert shown == expected
    labels = [row[0] for row in shown if len(row) == 2 and row[0]]
    assert len(labels) == len(set(labels))  # a field's label once, not on every row
    assert labels[:3] == ["1.1 Asylum, migration and border management", "1.2 Child protection",
                          "1.3 People smuggling"]


def test_the_chart_is_white_and_centred_with_its_caption_under_it(built: dict[str, Path]) -> None:
    doc = document(built["2019-en"] / "scorecard-annex.docx")
    body = doc.paragraphs
    [index] = [i for i, p in enumerate(body) if p._p.findall(f".//{W}drawing")]
    chart, caption = body[index], body[index + 1]
    for paragraph in (chart, caption):
        style = paragraph.style
        while style.paragraph_format.alignment is None and style.base_style is not None:
            style = style.base_style
        assert style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER, paragraph.text
    assert caption.text == "Joint actions of the Multilateral JHA Agencies Scorecard 2019 per agency"
    # no grey behind the chart: neither the chart nor its plot area is filled
    frame = doc.inline_shapes[0]._inline.graphic.graphicData
    reference = frame.find("{*}chart").get(f"{{{R}}}id")
    chart_root = etree.fromstring(doc.part.related_parts[reference].blob)
    fills = [chart_root.find(f"{{{C}}}spPr"), chart_root.find(f"{{{C}}}chart/{{{C}}}plotArea/{{{C}}}spPr")]
    assert all(f is not None and f.find("{*}noFill") is not None for f in fills)


# -- one language per document ----------------------------------------------------------------

@pytest.mark.parametrize(("locale", "footer"), [("en", "Page 1 of 1"), ("fr", "Page 1 sur 1"),
                                                ("de", "Seite 1 von 1")])
def test_the_footer_counts_pages_in_the_documents_language(built: dict[str, Path], locale: str,
                                                           footer: str) -> None:
    for name in ("final-report", "acronyms"):
        doc = document(built[f"2023-{locale}"] / f"{name}.docx")
        assert doc.sections[0].footer.paragraphs[0].text == footer  # the fields' first values


def test_places_agencies_and_bodies_are_named_in_french(built: dict[str, Path]) -> None:
    doc = document(built["2023-fr"] / "final-report.docx")
    details = [p.text for p in doc.paragraphs if p.style.name == "Record Details"]
    assert "En présentiel, La Valette, Malte" in details  # as the French edition names the place
    assert ("Malte. Parmi les participants\u202f: DG HOME, DG JUST, SEAE, secrétariat LIBE, SGC, "
            "présidence belge et EUAN") in details
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "Réunions" in headings and "Temps forts de la coopération entre agences en 2023" in headings
    acronyms = document(built["2023-fr"] / "acronyms.docx").tables[0]
    listed = {row.cells[0].text: row.cells[1].text for row in acronyms.rows}
    assert listed["SEAE"] == "Service européen pour l’action extérieure"


def test_an_agencys_own_templates_may_have_a_folder_per_language(tmp_path: Path) -> None:
    own = tmp_path / "templates"
    (own / "fr").mkdir(parents=True)
    shutil.copy(TEMPLATES / "acronyms.docx", own / "fr" / "acronyms.docx")  # English, on purpose
    jhareport.build(FIXTURES / "2023", tmp_path / "out", locale="fr", templates=own,
                    allow_untranslated=True)
    acronyms = [p.text for p in document(tmp_path / "out" / "acronyms.docx").paragraphs]
    report = [p.text for p in document(tmp_path / "out" / "final-report.docx").paragraphs]
    assert "List of acronyms" in acronyms  # the agency's fr/ template
    assert "Table des matières" in report  # the built-in French one


def record_strings(folder: Path) -> list[str]:
    """Every text the records of a year hold (titles, places, labels…), longest first."""
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            shown = re.sub(r"\[([^\]^]*)\]\([^)]*\)|\[\^\w+\]:?|\*+|^\s*(?:[-+]|\d+\.)\s+",
                           lambda m: m.group(1) or "", value, flags=re.M)  # Markdown as read
            found.update(part.strip() for part in shown.splitlines() if part.strip())
            found.add(shown.strip())
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for path in [*folder.rglob("*.yaml"), FIXTURES / "glossary.yaml"]:
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return sorted(found, key=len, reverse=True)


def english_words(language: str) -> set[str]:
    """Our English: the English templates' own words and the catalogs' messages, in pieces of
    two words or more that the language's templates and catalog do not use themselves."""
    pieces: set[str] = set()
    for name in NAMES:
        for text in paragraphs(document(TEMPLATES / f"{name}.docx")):
            pieces.update(re.split(r"\s*(?:\{\{.*?\}\}|\{%.*?%\}|[—:.()\[\]])\s*", text))
            for tag in TAG.findall(text):  # words a tag writes: heading('Key joint…')
                pieces.update(re.findall(r"'([^']+)'", tag))
    catalog = read_po((LOCALES / language / "LC_MESSAGES" / "jhareport.po").open("rb"))
    translated = " ".join(str(m.string) for m in catalog if m.id)
    for message in catalog:
        if message.id:
            pieces.update(re.split(r"\s*(?:%\(\w+\)s|[:.()\[\]])\s*", str(message.id)))
    for name in NAMES:
        translated += " ".join(paragraphs(document(TEMPLATES / language / f"{name}.docx")))
    return {p for p in pieces if len(p.split()) >= 2 and p not in translated}


@pytest.mark.parametrize("language", ["fr", "de"])
def test_french_and_german_reports_hold_no_english_of_ours(built: dict[str, Path],
                                                          language: str) -> None:
    english = english_words(language)
    assert {"Final report", "Chair of the network", "Key joint activities and achievements",
            "Working Group meetings", "In person", "Field of the action"} <= english
    records = record_strings(FIXTURES / "2023")
    found = []
    for name in ("final-report", "acronyms"):
        for text in paragraphs(document(built[f"2023-{language}"] / f"{name}.docx")):
            for record in records:  # the records' own texts stay as written
                text = text.replace(record, " ")
            found += [(w, text) for w in english if re.search(rf"\b{re.escape(w)}\b", text)]
    assert not found


# -- tables, spacing, drafts --------------------------------------------------------------------

def header_and_rows(grid: docx.table.Table) -> tuple[docx.table._Row, list[docx.table._Row]]:
    header, *rows = grid.rows
    return header, rows


@pytest.mark.parametrize(("key", "name"), [("2023-en", "final-report"), ("2023-en", "acronyms"),
                                           ("2023-de", "final-report"), ("2019-en", "acronyms")])
def test_no_table_row_breaks_across_pages(built: dict[str, Path], key: str, name: str) -> None:
    """A row split at a page's foot leaves its text on one page and an empty strip under the
    repeated header on the next: every row of the timeline, the EMPACT table and the list of
    acronyms is kept whole."""
    doc = document(built[key] / f"{name}.docx")
    assert doc.tables
    for grid in doc.tables:
        header, rows = header_and_rows(grid)
        assert header._tr.find(f"{W}trPr/{W}tblHeader") is not None
        assert rows
        for row in rows:
            assert row._tr.find(f"{W}trPr/{W}cantSplit") is not None, row.cells[0].text


def carlito_bold() -> Path:
    """Carlito, Calibri's metric twin, that LibreOffice draws the documents with (found by
    fontconfig, as LibreOffice finds it)."""
    found = font_file("Carlito", "bold")
    if found is None:
        pytest.skip("needs the font Carlito, Calibri's metric twin, to measure the header words: "
                    "install fonts-crosextra-carlito (.ci/run does)")
    return found


@pytest.mark.parametrize("key", ["2023-en", "2023-fr", "2023-de", "2019-en"])
def test_every_word_of_a_table_header_fits_its_column(built: dict[str, Path], key: str) -> None:
    """No header word is broken across two lines ("Mitfederführen|d"): each word of a header
    cell, in the header's font, is narrower than its column less the cell's margins."""
    from PIL import ImageFont
    font = ImageFont.truetype(str(carlito_bold()), 1000)
    margins = Cm(0.38)  # Table Grid: 0.19 cm each side
    checked = 0
    for path in sorted(built[key].glob("*.docx")):
        doc = document(path)
        for grid in doc.tables:
            header, _ = header_and_rows(grid)
            for cell in header.cells:
                for paragraph in cell.paragraphs:
                    style = paragraph.style
                    assert style.name == "Table Heading", paragraph.text
                    size = style.font.size.pt
                    for word in paragraph.text.split():
                        width = Cm(font.getlength(word) / 1000 * size / 72 * 2.54)
                        assert width < cell.width - margins, (path.name, word, cell.width.cm)
                        checked += 1
    assert checked >= 4


def test_counts_stand_right_aligned_under_their_header(built: dict[str, Path]) -> None:
    doc = document(built["empact-en"] / "final-report.docx")
    [grid] = [t for t in doc.tables if t.rows[0].cells[0].text == "Agency"]
    header, rows = header_and_rows(grid)
    assert [c.text for c in header.cells] == ["Agency", "Led", "Co-led", "Participated in"]
    assert header.cells[0].paragraphs[0].alignment in (None, WD_ALIGN_PARAGRAPH.LEFT)
    for row in [header, *rows]:
        for cell in row.cells[1:]:
            assert cell.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT, cell.text
    assert all(c.text.isdigit() for r in rows for c in r.cells[1:])
    summary = document(built["2019-en"] / "scorecard-annex.docx").tables[0]
    assert all(r.cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
               for r in summary.rows)


def test_small_headings_stand_apart_from_the_text_under_them(tmp_path: Path) -> None:
    """The 2017 report's sub-headings ("Child protection", Heading 4) are spaced as the headings
    above them are, not glued to their text."""
    jhareport.build(FIXTURES / "2017", tmp_path)
    doc = document(tmp_path / "final-report.docx")
    small = [p for p in doc.paragraphs if p.style.name == "Heading 4"]
    assert "Child protection" in [p.text for p in small]
    for level in (3, 4, 5):
        spacing = doc.styles[f"Heading {level}"].paragraph_format
        assert spacing.space_before >= Pt(10) and spacing.space_after >= Pt(4), level
    body = doc.styles["Body Text"]
    while body.paragraph_format.space_after is None:
        body = body.base_style
    assert doc.styles["Heading 4"].paragraph_format.space_after <= body.paragraph_format.space_after


def test_a_drafts_missing_chair_is_highlighted_on_the_cover(built: dict[str, Path],
                                                           tmp_path: Path) -> None:
    jhareport.build(FIXTURES / "2020", tmp_path, draft=True)
    doc = document(tmp_path / "final-report.docx")
    [chair] = [p for p in doc.paragraphs if p.text.startswith("Chair of the network")]
    assert chair.text == "Chair of the network: [to be completed: chair]"
    [gap] = [r for r in chair.runs if "[to be completed" in r.text]
    assert gap.style.name == "Placeholder"
    assert gap.text == "[to be completed: chair]"
    done = document(built["2023-en"] / "final-report.docx")
    [named] = [p for p in done.paragraphs if p.text.startswith("Chair of the network")]
    assert "[to be completed" not in named.text


def test_the_charts_caption_has_a_typographic_apostrophe(built: dict[str, Path]) -> None:
    doc = document(built["empact-en"] / "final-report.docx")
    body = doc.paragraphs
    [index] = [i for i, p in enumerate(body) if p._p.findall(f".//{W}drawing")]
    caption = body[index + 1].text
    assert caption.startswith("Agencies’ part in the 30 operational actions of the EMPACT")
    assert "'" not in caption


def test_a_texts_lines_are_counted_for_its_column() -> None:
    from datetime import date

    from jhareport.markup import to_markup
    from jhareport.render.filters import lines
    text = to_markup("A" * 100 + "\n\n- " + "b" * 70 + "\n- short")
    assert lines(text, 88, locale="en", as_of=date(2019, 1, 1)) == 2 + 1 + 1
    assert lines(text, 60, locale="en", as_of=date(2019, 1, 1)) == 2 + 2 + 1  # items under bullets
    assert lines(None, 88, locale="en", as_of=date(2019, 1, 1)) == 0
