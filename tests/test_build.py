"""The built documents, read back as a reader would: headings, rows, footnotes, links."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import attrs
import docx
import pytest
import sources

import jhareport
from jhareport import BuildError

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def headings(path: Path, level: int | None = None) -> list[str]:
    document = docx.Document(str(path))
    return [p.text for p in document.paragraphs
            if p.style.name.startswith("Heading")
            and (level is None or p.style.name == f"Heading {level}")]


def table_rows(path: Path, index: int) -> list[list[str]]:
    document = docx.Document(str(path))
    return [[c.text for c in row.cells] for row in document.tables[index].rows]


def part_xml(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as package:
        return package.read(name).decode("utf-8")


@pytest.fixture(scope="session")
def built_2023(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("2023")
    jhareport.build(FIXTURES / "2023", out)
    return out


@pytest.fixture(scope="session")
def built_empact(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2023 with the standard outline, whose annex shows the EMPACT plan of 2022 that 2023 links."""
    out = tmp_path_factory.mktemp("empact")
    jhareport.build(attrs.evolve(jhareport.load_year(FIXTURES / "2023"), outline=None), out)
    return out


@pytest.fixture(scope="session")
def built_2019(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("2019")
    jhareport.build(FIXTURES / "2019", out)
    return out


def test_2023_yields_the_report_and_acronyms_but_no_scorecard(built_2023: Path) -> None:
    assert sorted(p.name for p in built_2023.iterdir()) == ["acronyms.docx", "final-report.docx"]


def test_final_report_chapters_in_the_order_of_the_2023_report(built_2023: Path) -> None:
    assert headings(built_2023 / "final-report.docx", 1) == [
        "Foreword by the Executive Director of the EUAA",
        "About the Justice and Home Affairs Agencies Network",
        "Executive summary",
        "Timeline",
        "Meetings",
        "Thematic events",
        "Other activities",
        "Network products",
        "Highlights of inter-agency cooperation in 2023",
        "Priorities for 2024",
        "Annexes",
    ]


def numbered_headings(path: Path) -> list[tuple[str, str]]:
    """The headings of a document with the numbers Word gives them (1., 5.2., 5.2.1.)."""
    counters = [0] * 6
    found = []
    for paragraph in docx.Document(str(path)).paragraphs:
        if not paragraph.style.name.startswith("Heading "):
            continue
        level = int(paragraph.style.name.split()[1])
        number = paragraph._p.find(f"{W}pPr/{W}numPr/{W}numId")
        if number is not None and number.get(f"{W}val") == "0":
            found.append(("", paragraph.text))
            continue
        counters[level - 1] += 1
        counters[level:] = [0] * (6 - level)
        found.append(("".join(f"{n}." for n in counters[:level]), paragraph.text))
    return found


_DATES = re.compile(r"[,:] (\d{1,2}\b.*)$")


def _title_and_days(heading: str) -> tuple[str, set[str]]:
    """A heading's title and the days and months of its dates ("8 & 9 June" and "8–9 June 2023"
    name the same ones; the report and jhareport write dates each its way)."""
    found = _DATES.search(heading)
    if found is None:
        return heading, set()
    words = set(re.findall(r"\b\d{1,2}\b|[A-Z][a-z]+", found.group(1)))
    return heading[:found.start()], words - {"and"}


def test_2023_headings_are_the_sixty_of_the_source_with_their_numbers(built_2023: Path) -> None:
    built = numbered_headings(built_2023 / "final-report.docx")
    assert len(built) == len(sources.HEADINGS) == 60
    for (number, heading), (source_number, source_heading) in zip(built, sources.HEADINGS,
                                                                  strict=True):
        assert number == source_number, heading
        assert _title_and_days(heading) == _title_and_days(source_heading)


def test_2023_annex_table_1_holds_the_fifteen_priorities_of_empact(built_2023: Path) -> None:
    document = docx.Document(str(built_2023 / "final-report.docx"))
    [grid] = [t for t in document.tables if t.rows[0].cells[0].text == sources.EMPACT_TABLE_HEADING]
    rows = [[c.text for c in row.cells] for row in grid.rows]
    assert rows[0] == [sources.EMPACT_TABLE_HEADING] * 4  # one cell across the four columns
    assert len(grid.rows[0]._tr.findall(f"{W}tc")) == 1
    assert rows[1] == sources.EMPACT_TABLE_HEADER
    assert rows[2:] == sources.EMPACT_PRIORITIES
    # both heading rows repeat on each page; no row breaks across two
    assert [r._tr.find(f"{W}trPr/{W}tblHeader") is not None for r in grid.rows[:3]] == \
        [True, True, False]
    assert all(r._tr.find(f"{W}trPr/{W}cantSplit") is not None for r in grid.rows)
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert sources.EMPACT_TABLE_TITLE in captions
    # the columns are as wide as their texts need: the names' the widest, "No." narrow
    widths = [int(c.get(f"{W}w")) for c in grid._tbl.tblGrid.findall(f"{W}gridCol")]
    assert widths.index(max(widths)) == 1 and widths[0] < widths[2] < widths[1]


def test_2023_annexes_list_the_relex_legend_and_notes_and_the_figures(built_2023: Path,
                                                                      tmp_path: Path) -> None:
    paragraphs = docx.Document(str(built_2023 / "final-report.docx")).paragraphs
    texts = [p.text for p in paragraphs]
    start = texts.index("Relex Infographics")
    annex = paragraphs[start + 1:]
    assert annex[0].text == sources.RELEX_TITLE and annex[0].style.name == "Caption"
    assert [p.text for p in annex[1:9]] == sources.RELEX_LEGEND
    assert {p.style.name for p in annex[1:9]} == {"List Bullet"}
    assert [p.text for p in annex[9:16]] == [f"({n})\t{note}" for n, note
                                             in enumerate(sources.RELEX_NOTES, start=1)]
    assert annex[16].text == "EMPACT Infographics"
    figures = [p.text for p in annex[17:] if p.style.name == "Caption"]
    assert figures == [sources.EMPACT_TABLE_TITLE, *sources.EMPACT_FIGURES]
    assert not any("to be completed" in t for t in texts)  # the final report lists captions only
    # a draft says each figure's picture is missing, beside its caption
    jhareport.build(FIXTURES / "2023", tmp_path, draft=True)
    texts = [p.text for p in docx.Document(str(tmp_path / "final-report.docx")).paragraphs]
    for caption in (sources.RELEX_TITLE, *sources.EMPACT_FIGURES):
        assert texts[texts.index(caption) + 1] == f"[to be completed: picture: {caption}]"


def test_2023_priorities_for_2024_are_a_numbered_list_as_in_the_report(built_2023: Path) -> None:
    paragraphs = docx.Document(str(built_2023 / "final-report.docx")).paragraphs
    start = [p.text for p in paragraphs].index("Priorities for 2024")
    chapter = paragraphs[start + 1:]
    items = [p for p in chapter if p.style.name == "List Number"]
    assert [p.text for p in items] == sources.PRIORITIES_2024
    assert len({p._p.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val") for p in items}) == 1
    first = [p.text for p in chapter].index(sources.PRIORITIES_2024[0])
    assert chapter[first + 1].text.startswith("Activities will focus on the potential for using "
                                              "cloud services and AI")


def test_names_with_a_hyphen_take_a_non_breaking_hyphen_that_reads_as_one(built_2023: Path,
                                                                            tmp_path: Path) -> None:
    report = built_2023 / "final-report.docx"
    body = part_xml(report, "word/document.xml")
    texts = re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", body)
    # in record texts, headings, and the agencies' names the template's filters write
    assert not any(re.search(r"\b(eu-LISA|EU-LISA|EU-OSHA)\b", t) for t in texts)
    # nor cut between runs, as a possessive's run (kept whole by hyphenation) once cut eu-LISA's
    assert not any(re.search(r"\b(eu|EU)-$", t) for t in texts)
    assert "eu</w:t><w:noBreakHyphen/><w:t xml:space=\"preserve\">LISA&#39;s" in body
    assert body.count("eu</w:t><w:noBreakHyphen/><w:t xml:space=\"preserve\">LISA") > 50
    paragraphs = [p.text for p in docx.Document(str(report)).paragraphs]
    assert "eu-LISA cooperation with Frontex, Eurojust and Europol on enhanced Schengen " \
        "Information System (SIS)" in paragraphs
    records = jhareport.load_year(FIXTURES / "2023")
    assert records.highlights[5].title.startswith("eu-LISA ")  # the records keep the hyphen
    # a web address keeps its own hyphens, and words joined without an acronym may break
    jhareport.build(FIXTURES / "2017", tmp_path)
    body = part_xml(tmp_path / "final-report.docx", "word/footnotes.xml")
    assert "migrants-irregular-situation-access-healthcare" in body
    body = part_xml(tmp_path / "final-report.docx", "word/document.xml")
    assert "EU</w:t><w:noBreakHyphen/><w:t xml:space=\"preserve\">OSHA" in body
    assert "cross-border" in body


def test_the_twelve_highlights_each_under_its_heading(built_2023: Path) -> None:
    titles = headings(built_2023 / "final-report.docx", 2)
    records = jhareport.load_year(FIXTURES / "2023")
    start = titles.index(records.highlights[0].title)
    assert titles[start:start + 12] == [h.title for h in records.highlights]
    assert "FRA-EIGE joint implementation of the Violence against Women Survey II" in titles


def test_working_group_headings_carry_their_dates(built_2023: Path) -> None:
    level3 = headings(built_2023 / "final-report.docx", 3)
    assert "Working Group on Data Protection, 20 April 2023 and 11 December 2023" in level3
    assert "Working Group on European Situation Monitoring, 17–18 October 2023" in level3


def test_thematic_events_grouped_under_the_five_priorities(built_2023: Path) -> None:
    level2 = headings(built_2023 / "final-report.docx", 2)
    for topic in ("Digitalisation", "Cybersecurity"):
        assert topic in level2
    level3 = headings(built_2023 / "final-report.docx", 3)
    assert "Conference on digital innovation, 13–14 June 2023" in level3


def test_every_timeline_entry_in_date_order(built_2023: Path) -> None:
    rows = table_rows(built_2023 / "final-report.docx", 0)
    assert rows[0] == ["Date", "Event"]
    entries = rows[1:]
    assert len(entries) == 36
    assert entries[0] == ["25 January 2023", "Trio Contact Points Coordination Meeting"]
    assert entries[-1][0] == "Q1–Q2 2024"
    assert ["13–14 June 2023", "Digitalisation Conference"] in entries
    # the labels of the report's "List of events"
    assert Counter(label for _, label in entries) == Counter(label for _, label in sources.EVENTS)


def test_about_the_network_has_real_footnotes(built_2023: Path) -> None:
    report = built_2023 / "final-report.docx"
    body = part_xml(report, "word/document.xml")
    notes = part_xml(report, "word/footnotes.xml")
    assert body.count("<w:footnoteReference ") == 2
    assert "CEPOL, EIGE, EMCDDA, EUAA, eu-LISA, Eurojust, Europol, FRA and Frontex." in \
        re.sub(r"<[^>]+>", "", notes.replace("<w:noBreakHyphen/>", "-"))
    assert "DG HOME, DG JUST, EEAS, LIBE Secretariat" in re.sub(r"<[^>]+>", "", notes)


def test_bullet_lists_are_word_lists(built_2023: Path) -> None:
    document = docx.Document(str(built_2023 / "final-report.docx"))
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert "Working Group on Training, chaired by CEPOL" in bullets


def test_empact_annex_counts_each_agency(built_empact: Path) -> None:
    rows = table_rows(built_empact / "final-report.docx", 1)
    assert rows[0] == ["Agency", "Led", "Co-led", "Participated in"]
    by_agency = {r[0]: r[1:] for r in rows[1:]}
    europol = by_agency["European Union Agency for Law Enforcement Cooperation (Europol)"]
    plan = jhareport.load_year(FIXTURES / "2023").action_plans[0]
    led = sum(1 for a in plan.actions if a.leader.short == "Europol")
    assert europol[0] == str(led) and led > 0


def test_header_names_the_report_and_footer_numbers_pages(built_2023: Path) -> None:
    report = built_2023 / "final-report.docx"
    with zipfile.ZipFile(report) as package:
        headers = [package.read(n).decode() for n in package.namelist() if "header" in n]
        footers = [package.read(n).decode() for n in package.namelist() if "footer" in n]
    assert any("Final report 2023" in re.sub(r"<[^>]+>", "", h) for h in headers)
    assert not any("DRAFT" in h for h in headers)
    assert any("PAGE" in f for f in footers)
    assert "TOC \\o" in part_xml(report, "word/document.xml")


def test_acronym_list_holds_exactly_the_glossary_entries_used(built_2023: Path) -> None:
    rows = table_rows(built_2023 / "acronyms.docx", 0)[1:]
    shorts = [r[0] for r in rows]
    assert shorts == sorted(shorts, key=str.casefold)
    assert ["EUAA", "European Union Agency for Asylum"] in rows
    assert "COSI" in shorts
    # In the glossary (from the 2017 annex) but never used in the 2023 report.
    assert "CHAFEA" not in shorts


def test_scorecard_annex_groups_rows_by_part_area_and_field(built_2019: Path) -> None:
    annex = built_2019 / "scorecard-annex.docx"
    assert not (built_2019 / "final-report.docx").exists()
    rows = table_rows(annex, 2)
    assert rows[0] == ["Field of the action", "Detail of the action", "State of play",
                       "Agencies involved"]
    assert rows[1][0].startswith("A. Operational cooperation")
    assert rows[2][0].startswith("1. Migration, asylum and border management")
    first = rows[3]
    assert first[0].startswith("1.1 Asylum, migration and border management")
    assert first[2] == "Ongoing"
    assert first[3] == "eu-LISA and Europol"
    actions = [r for r in rows[1:] if len(set(r)) > 1]
    assert len(actions) == 189
    assert any(r[0].startswith("B. Horizontal") for r in rows)
    assert any(r[2] == "Done (11 July 2019)" for r in actions)
    # 2019 names: EASO, not EUAA.
    assert any("EASO" in r[3] for r in actions) and not any("EUAA" in r[3] for r in actions)
    header = docx.Document(str(annex)).tables[2].rows[0]._tr
    assert header.find(f"{W}trPr/{W}tblHeader") is not None


def test_scorecard_annex_is_landscape_with_a_summary(built_2019: Path) -> None:
    document = docx.Document(str(built_2019 / "scorecard-annex.docx"))
    section = document.sections[0]
    assert section.page_width > section.page_height
    areas = [[c.text for c in r.cells] for r in document.tables[0].rows]
    assert areas[1][1] == "65" and len(areas) == 7
    assert any(p.text.startswith("189 joint actions in 6 areas") for p in document.paragraphs)


def test_same_records_same_bytes(tmp_path: Path, built_2023: Path) -> None:
    jhareport.build(FIXTURES / "2023", tmp_path)
    for name in ("final-report.docx", "acronyms.docx"):
        assert (tmp_path / name).read_bytes() == (built_2023 / name).read_bytes()


def test_links_in_texts_become_hyperlinks(tmp_path: Path) -> None:
    records = jhareport.load_year(FIXTURES / "2023")
    extra = jhareport.Highlight(
        "linked", "A linked highlight", ("Europol",),
        "See the [network's page](https://www.europol.europa.eu/jhaan) and:\n\n"
        "1. first\n2. second\n\nthen\n\n1. again")
    records = attrs.evolve(records, highlights=(*records.highlights, extra))
    jhareport.build(records, tmp_path)
    report = tmp_path / "final-report.docx"
    body = part_xml(report, "word/document.xml")
    rels = part_xml(report, "word/_rels/document.xml.rels")
    assert "<w:hyperlink " in body
    assert 'Target="https://www.europol.europa.eu/jhaan" TargetMode="External"' in rels
    items = {p.text: p._p.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val")
             for p in docx.Document(str(report)).paragraphs if p.text in ("first", "second", "again")}
    assert len(items) == 3 and items["first"] == items["second"] != items["again"]


def test_missing_content_is_an_error_listing_every_gap(tmp_path: Path) -> None:
    records = jhareport.load_year(FIXTURES / "2023")
    records = attrs.evolve(records, highlights=(), priorities=())
    (tmp_path / "final-report.docx").write_bytes(b"earlier")
    lacking = (r"lacks: Highlights of inter-agency cooperation in 2023 \(highlights\), "
               r"Priorities for 2024 \(priorities\)")
    with pytest.raises(BuildError, match=lacking):
        jhareport.build(records, tmp_path)
    assert (tmp_path / "final-report.docx").read_bytes() == b"earlier"


def test_draft_shows_placeholders_and_marks_the_header(tmp_path: Path) -> None:
    records = jhareport.load_year(FIXTURES / "2023")
    records = attrs.evolve(records, highlights=())
    result = jhareport.build(records, tmp_path, draft=True)
    # 2023 has no scorecard: a draft writes no empty annex
    assert {p.name for p in result.outputs} == {"final-report.docx", "acronyms.docx"}
    body = part_xml(tmp_path / "final-report.docx", "word/document.xml")
    assert "[to be completed: Highlights of inter-agency cooperation in 2023]" in body
    assert '<w:highlight w:val="yellow"/>' in body
    with zipfile.ZipFile(tmp_path / "final-report.docx") as package:
        headers = "".join(package.read(n).decode() for n in package.namelist() if "header" in n)
    assert "DRAFT" in headers


def test_a_draft_of_a_year_with_little_content_reads_as_a_draft(tmp_path: Path) -> None:
    jhareport.build(FIXTURES / "2020", tmp_path, draft=True)
    cover = [p.text for p in docx.Document(str(tmp_path / "final-report.docx")).paragraphs[:15]]
    assert "Chair of the network: [to be completed: chair]" in cover
    assert not (tmp_path / "scorecard-annex.docx").exists()  # 2020 has no scorecard


def test_a_draft_writes_a_scorecard_annex_when_the_year_declares_one(tmp_path: Path) -> None:
    records = jhareport.load_year(FIXTURES / "2020")
    empty = jhareport.Scorecard("Multilateral JHA Agencies Scorecard 2020", (), (), ())
    jhareport.build(attrs.evolve(records, scorecard=empty), tmp_path, draft=True)
    annex = [p.text for p in docx.Document(str(tmp_path / "scorecard-annex.docx")).paragraphs]
    assert annex[2:4] == ["0 joint actions in 0 areas.", "[to be completed: scorecard actions]"]


def test_locale_changes_dates_and_numbers(tmp_path: Path) -> None:
    jhareport.build(FIXTURES / "2023", tmp_path, locale="fr", allow_untranslated=True)
    rows = table_rows(tmp_path / "final-report.docx", 0)
    assert rows[1][0] == "25 janvier 2023"
    jhareport.build(FIXTURES / "2023", tmp_path, locale="de", allow_untranslated=True)
    assert table_rows(tmp_path / "final-report.docx", 0)[1][0] == "25. Januar 2023"


def test_strict_fails_on_acronyms_missing_from_the_glossary(tmp_path: Path) -> None:
    records = jhareport.load_year(FIXTURES / "2023")
    extra = jhareport.Priority("zzq", "The ZZQX initiative", "Work on ZZQX.")
    records = attrs.evolve(records, priorities=(*records.priorities, extra))
    result = jhareport.build(records, tmp_path / "loose")
    assert any("ZZQX" in w for w in result.warnings)
    with pytest.raises(BuildError, match="ZZQX"):
        jhareport.build(records, tmp_path / "strict", strict=True)
    assert not (tmp_path / "strict").exists()
    named = attrs.evolve(records, year=attrs.evolve(records.year, not_acronyms=("ZZQX",)))
    assert not any("ZZQX" in w for w in jhareport.build(named, tmp_path / "named").warnings)


@pytest.mark.parametrize("year", ["2017", "2019", "2023"])
def test_the_bundled_years_build_with_strict(year: str, tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "jhareport.cli", "build", str(FIXTURES / year),
                           "--out", str(tmp_path), "--strict"], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    warnings = [line for line in (done.stderr + done.stdout).splitlines() if "warning" in line]
    # 2023's figures are transcribed from the report's text, which does not hold their pictures
    expected = ["warning: figures without their picture"] if year == "2023" else []
    assert [w[:len("warning: figures without their picture")] for w in warnings] == expected


def test_2017_lists_the_acronym_its_text_spells_out_and_no_word_of_a_web_address(
        tmp_path: Path) -> None:
    jhareport.build(FIXTURES / "2017", tmp_path)
    rows = {r[0]: r[1] for r in table_rows(tmp_path / "acronyms.docx", 0)[1:]}
    # "the European Document Fraud-Risk Analysis Network (EDF-RAN)", in 2017's own acronyms.yaml
    assert rows["EDF-RAN"] == "European Document Fraud-Risk Analysis Network"
    # Council documents cited by their web address only (…/ST-7021-2017-INIT/en/pdf)
    assert not any(short.startswith("ST-") for short in rows)


def test_broken_template_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "acronyms.docx").write_bytes(b"not a word file")
    out = tmp_path / "out"
    with pytest.raises(BuildError, match=r"acronyms\.docx: not a readable Word document"):
        jhareport.build(FIXTURES / "2023", out, templates=templates)
    assert not out.exists() or not any(out.iterdir())


def test_cli_build_summary_and_errors(tmp_path: Path) -> None:
    ok = subprocess.run([sys.executable, "-m", "jhareport.cli", "build", str(FIXTURES / "2019"),
                         "--out", str(tmp_path)], capture_output=True, text=True, check=False)
    assert ok.returncode == 0
    assert ok.stdout.startswith(f"wrote 2 files to {tmp_path}: scorecard-annex.docx, acronyms.docx (")
    bad = subprocess.run([sys.executable, "-m", "jhareport.cli", "build", str(FIXTURES / "2020"),
                          "--out", str(tmp_path / "x")], capture_output=True, text=True,
                         check=False)
    assert bad.returncode == 2
    assert "the final report lacks" in bad.stderr and "Traceback" not in bad.stderr


def test_outputs_are_readable_like_any_new_file(built_2023: Path) -> None:
    mask = os.umask(0)
    os.umask(mask)
    for path in built_2023.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask, path.name


def test_documents_are_on_a4_paper(built_2023: Path, built_2019: Path) -> None:
    for path, landscape in ((built_2023 / "final-report.docx", False),
                            (built_2023 / "acronyms.docx", False),
                            (built_2019 / "scorecard-annex.docx", True)):
        for section in docx.Document(str(path)).sections:
            size = (round(section.page_width.mm), round(section.page_height.mm))
            assert size == ((297, 210) if landscape else (210, 297)), path.name


def test_charts_fit_between_the_margins_with_their_alternative_text(built_empact: Path) -> None:
    document = docx.Document(str(built_empact / "final-report.docx"))
    section = document.sections[-1]
    room = section.page_width - section.left_margin - section.right_margin
    [shape] = document.inline_shapes
    assert shape.width <= room
    described = shape._inline.docPr.get("descr")
    assert described.startswith("Horizontal bar chart. Agencies’ part in the 30 operational actions")
    assert "Frontex led 8, co-led 5, participated in 11 (24 in all)" in described
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert "Agencies’ part in the 30 operational actions of the EMPACT Operational Action Plan " \
        "2022 Migrant smuggling" in captions


def test_a_year_with_a_scorecard_shows_its_chart_in_the_report_annex(tmp_path: Path) -> None:
    records = jhareport.load_year(FIXTURES / "2023")
    scorecard = jhareport.load_year(FIXTURES / "2019").scorecard
    jhareport.build(attrs.evolve(records, scorecard=scorecard, outline=None), tmp_path)
    annex = headings(tmp_path / "final-report.docx")
    assert annex[-3:] == ["Annexes", "EMPACT: the agencies in the operational action plans",
                          "The scorecard: the agencies in the joint actions"]
    document = docx.Document(str(tmp_path / "final-report.docx"))
    pictures = [s._inline.docPr.get("descr") for s in document.inline_shapes]
    assert len(pictures) == 2
    assert "EUAA 78" in pictures[1]  # the agency under its name in the report's year
    assert (tmp_path / "scorecard-annex.docx").is_file()


def test_the_nine_agencies_together_read_as_all_jha_agencies(built_2019: Path,
                                                               built_2023: Path) -> None:
    rows = table_rows(built_2019 / "scorecard-annex.docx", 2)
    webpage = [r for r in rows if r[1].startswith("EIGE created a 'working together' webpage")]
    assert [r[3] for r in webpage] == ["All JHA agencies"]
    details = [p.text for p in docx.Document(str(built_2023 / "final-report.docx")).paragraphs
               if p.style.name == "Record Details"]
    assert "Brussels. Participants: all JHA agencies" in details
    cover = [p.text for p in docx.Document(str(built_2023 / "final-report.docx")).paragraphs[:15]]
    assert "European Union Agency for Asylum (EUAA)" in cover


def _record_details(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.style.name == "Record Details"]


def test_participants_lines_say_truthfully_who_took_part(built_2023: Path) -> None:
    details = _record_details(built_2023 / "final-report.docx")
    # the Heads of Agencies meeting names no agency: its bodies are among the participants
    assert ("Malta. Among the participants: DG HOME, DG JUST, EEAS, LIBE Secretariat, GSC, "
            "Belgian Presidency and EUAN") in details
    # a seminar names its agencies: they are the participants
    assert "Hybrid, Malta. Participants: EUAA, EMCDDA, eu-LISA, Frontex, EIGE, FRA and CEPOL" in details
    # the survey names the one agency that ran it: who took part is not said
    assert not any(d.endswith("Participants: EUAA") for d in details)
    # the staff exchange programme names the six agencies that took part
    assert "Participants: CEPOL, EIGE, EUAA, eu-LISA, FRA and Frontex" in details


def test_scorecard_summary_reads_as_a_sentence(built_2019: Path, tmp_path: Path) -> None:
    summary = [p.text for p in docx.Document(str(built_2019 / "scorecard-annex.docx")).paragraphs][2]
    assert summary == ("189 joint actions in 6 areas. 94 are ongoing, 3 run throughout the year, "
                       "1 is planned, 63 are done, 25 were held and 3 have no state of play.")
    jhareport.build(FIXTURES / "2019", tmp_path / "fr", locale="fr", allow_untranslated=True)
    french = [p.text for p in docx.Document(str(tmp_path / "fr" / "scorecard-annex.docx")).paragraphs][2]
    assert "94 en cours, 3 menées tout au long de l’année, 1 prévue, 63 terminées, 25 réalisées et 3 " \
        "sans état d’avancement." in french
    jhareport.build(FIXTURES / "2019", tmp_path / "de", locale="de", allow_untranslated=True)
    german = [p.text for p in docx.Document(str(tmp_path / "de" / "scorecard-annex.docx")).paragraphs][2]
    assert "94 laufen, 3 laufen das ganze Jahr, 1 ist geplant, 63 sind abgeschlossen" in german


def test_no_sentence_points_at_a_link_that_is_not_there(built_2023: Path) -> None:
    # The source's links lost their targets; a text that kept "online here." would send the
    # reader nowhere, so the records word such sentences without the link.
    text = "\n".join(p.text for p in docx.Document(str(built_2023 / "final-report.docx")).paragraphs)
    assert "greening activities" in text
    assert not re.search(r"\b(?:online|available|click) here\b", text)


@pytest.mark.parametrize("year", ["2017", "2019", "2023"])
def test_the_command_builds_without_loading_what_the_build_does_not_use(
        tmp_path: Path, year: str) -> None:
    """`jhareport build` with the built-in templates leaves out the template linter, the forms,
    docxtpl, python-docx and cattrs (which only says what is wrong in fixtures): a command
    starts in a fraction of the time."""
    program = ("import sys; from jhareport.cli import main; "
               f"code = main(['build', {str(FIXTURES / year)!r}, '--out', {str(tmp_path)!r}]); "
               "print(' '.join(sorted(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                          check=True)
    loaded = set(done.stdout.split())
    assert "jhareport.word.build" in loaded
    assert not {m.split(".")[0] for m in loaded} & {"docx", "docxtpl", "docxcompose", "cattrs"}
    assert not {"jhareport.template_tools.lint", "jhareport.contributions",
                "jhareport.office.pdf"} & loaded
