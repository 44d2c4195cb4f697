"""Any year's report from its records: the outline is data, and the built-in template walks it."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import attrs
import docx
import pytest
from lxml import etree

import jhareport
from jhareport import BuildError, LoadError
from jhareport.records import Conclusions, PriorityArea, Section, Table, ThematicEvent
from jhareport.views import final_report_gaps, outline

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def headings(path: Path) -> list[tuple[str, str, bool]]:
    """The headings of a .docx: style, text, and whether the paragraph turns numbering off."""
    found = []
    for paragraph in docx.Document(str(path)).paragraphs:
        name = paragraph.style.name if paragraph.style is not None else ""
        if name.startswith("Heading"):
            num = paragraph._p.find(f"{W}pPr/{W}numPr/{W}numId")
            found.append((name, paragraph.text, num is not None and num.get(f"{W}val") == "0"))
    return found


@pytest.fixture(scope="module")
def report_2017(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("2017")
    jhareport.build(FIXTURES / "2017", out)
    return out / "final-report.docx"


def test_2017_builds_without_draft_and_follows_the_2017_outline(report_2017: Path) -> None:
    chapters = [(text, off) for style, text, off in headings(report_2017) if style == "Heading 1"]
    assert chapters == [
        ("Foreword", True),
        ("Conclusions of the Heads of Justice and Home Affairs agencies' meeting on 28 November "
         "2017, Lisbon", True),
        ("Introduction", True),
        ("Preamble", True),
        ("Implementation of thematic priorities in 2017", False),
        ("Regular (horizontal) activities of the network in 2017", False),
        ("Priorities for 2018", True),
        ("Annex 1: 2017 JHA agencies' Scorecard", True),
        ("Annex 2: 2016 Training Matrix Report", True),
        ("Annex 3: List of acronyms and abbreviations", True),
    ]
    texts = [text for _, text, _ in headings(report_2017)]
    area = texts.index("Migration, asylum and border management")
    assert texts[area + 1:area + 3] == ["Key joint activities and achievements", "Child protection"]
    assert "Challenges and opportunities for joint cooperation" in texts[area:]
    assert "Timeline" not in texts and "Highlights of inter-agency cooperation in 2017" not in texts


def _numbering(path: Path) -> dict[str, int]:
    """numId -> the number its list starts at, from numbering.xml."""
    with zipfile.ZipFile(path) as package:
        xml = package.read("word/numbering.xml").decode()
    return {m.group(1): int(m.group(2)) for m in re.finditer(
        r'<w:num w:numId="(\d+)"[^>]*>(?:(?!</w:num>).)*?<w:startOverride w:val="(\d+)"/>', xml,
        re.DOTALL)}


def test_2017_conclusions_are_numbered_1_to_13_across_their_sub_headings(report_2017: Path) -> None:
    document = docx.Document(str(report_2017))
    starts = _numbering(report_2017)
    numbered: list[tuple[str, int]] = []  # the point's first words and the number it shows
    counters: dict[str, int] = {}
    for paragraph in document.paragraphs:
        num = paragraph._p.find(f"{W}pPr/{W}numPr/{W}numId")
        if num is None or paragraph.style.name != "List Number":
            continue
        key = num.get(f"{W}val")
        counters[key] = counters.get(key, starts.get(key, 1) - 1) + 1
        numbered.append((paragraph.text[:30], counters[key]))
    conclusions = numbered[:13]
    assert [n for _, n in conclusions] == list(range(1, 14))
    assert conclusions[3][0].startswith("The expanding influence")  # point 4, second group
    assert conclusions[9][0].startswith("In 2017, Frontex led")      # point 10, third group


def test_2017_conclusions_10_to_13_have_room_for_their_two_digits(report_2017: Path) -> None:
    """Points 10 to 13 take a numbering whose hanging indent is wider than that of 1 to 9, by
    about a digit, in Word as in LibreOffice (its tab after the number moves with it)."""
    with zipfile.ZipFile(report_2017) as package:
        numbering = etree.fromstring(package.read("word/numbering.xml"))
    indents = {}
    for paragraph in docx.Document(str(report_2017)).paragraphs:
        if paragraph.style.name != "List Number":
            continue
        num = paragraph._p.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val")
        abstract = numbering.find(f"{W}num[@{W}numId='{num}']/{W}abstractNumId").get(f"{W}val")
        level = numbering.find(f"{W}abstractNum[@{W}abstractNumId='{abstract}']/{W}lvl")
        ind = level.find(f"{W}pPr/{W}ind")
        tab = level.find(f"{W}pPr/{W}tabs/{W}tab")
        indents[paragraph.text[:20]] = (int(ind.get(f"{W}hanging")), int(tab.get(f"{W}pos")))
    one = indents["The expanding influe"]   # point 4
    two = indents["In 2017, Frontex led"]   # point 10
    assert two[0] - one[0] >= 100 and two[1] == int(one[1]) + (two[0] - one[0])


def test_2017_list_of_acronyms_is_its_annex_3(report_2017: Path) -> None:
    document = docx.Document(str(report_2017))
    annex = document.tables[-1]
    shorts = [row.cells[0].text for row in annex.rows[1:]]
    assert "EMCDDA" in shorts and "EASO" in shorts
    assert shorts == sorted(shorts, key=lambda s: (s.casefold(), s))


def test_2023_has_its_chapter_6_and_10_introductions(tmp_path: Path) -> None:
    jhareport.build(FIXTURES / "2023", tmp_path)
    texts = [p.text for p in docx.Document(str(tmp_path / "final-report.docx")).paragraphs]
    six = texts.index("Thematic events")
    assert texts[six + 1].startswith("The EUAA chose five priority topics")
    assert "JHAAN communication and promotion" in texts[six + 2:six + 9]
    ten = texts.index("Priorities for 2024")
    assert texts[ten + 1].startswith("eu-LISA intends to centre the activities")
    assert texts[ten + 4].startswith("In sum, eu-LISA proposes")


def test_a_year_without_outline_gets_the_standard_one() -> None:
    records = jhareport.load_year(FIXTURES / "2020")
    assert records.outline is None
    shown = [(s.heading, s.level) for s in outline(records)]
    assert shown[:4] == [("Foreword by the chair", 1),
                         ("About the Justice and Home Affairs Agencies Network", 1),
                         ("Executive summary", 1), ("Timeline", 1)]
    assert ("Horizontal meetings", 2) in shown
    assert all(heading != "Other activities" for heading, _ in shown)  # optional, and empty


def test_completeness_follows_the_outline(tmp_path: Path) -> None:
    records = jhareport.load_year(FIXTURES / "2017")
    assert final_report_gaps(records) == []  # no highlights, no timeline: 2017 needs none
    own = (Section("Preface", text="Some words."), Section("Highlights", holds="highlights"),
           Section("Closing words"))
    with pytest.raises(BuildError) as refused:
        jhareport.build(attrs.evolve(records, outline=own), tmp_path)
    assert "lacks: Highlights (highlights), Closing words" in str(refused.value)
    result = jhareport.build(attrs.evolve(records, outline=own), tmp_path, draft=True)
    texts = [p.text for p in docx.Document(str(tmp_path / "final-report.docx")).paragraphs]
    assert "[to be completed: Highlights]" in texts and "[to be completed: Closing words]" in texts
    assert result.outputs


def test_records_built_in_code_are_checked_as_loaded_ones(tmp_path: Path) -> None:
    records = jhareport.load_year(FIXTURES / "2023")
    stray = ThematicEvent("lost", "digitalization", "Lost event")
    with pytest.raises(LoadError) as refused:
        jhareport.build(attrs.evolve(records, thematic_events=(*records.thematic_events, stray)),
                        tmp_path)
    assert ("thematic event 'lost', field 'topic': unknown priority topic 'digitalization' "
            "(did you mean 'digitalisation'?)") in str(refused.value)
    twice = attrs.evolve(records, highlights=(*records.highlights, records.highlights[0]))
    with pytest.raises(LoadError, match="duplicate highlight id"):
        jhareport.build(twice, tmp_path)
    scorecard = jhareport.load_year(FIXTURES / "2019")
    assert scorecard.scorecard is not None
    action = attrs.evolve(scorecard.scorecard.actions[0], field="9.9")
    broken = attrs.evolve(scorecard, scorecard=attrs.evolve(scorecard.scorecard,
                                                            actions=(action,)))
    with pytest.raises(LoadError, match=r"unknown field '9\.9'"):
        jhareport.build(broken, tmp_path)
    assert not any(tmp_path.iterdir())


def test_an_outline_selecting_what_the_year_lacks_is_refused(tmp_path: Path) -> None:
    (tmp_path / "2023").mkdir()
    for file in (FIXTURES / "2023").iterdir():
        if file.is_file():  # the year's files, not its translations
            (tmp_path / "2023" / file.name).write_bytes(file.read_bytes())
    (tmp_path / "glossary.yaml").write_bytes((FIXTURES / "glossary.yaml").read_bytes())
    (tmp_path / "empact").mkdir()
    for file in (FIXTURES / "empact").iterdir():
        (tmp_path / "empact" / file.name).write_bytes(file.read_bytes())
    (tmp_path / "2023" / "outline.yaml").write_text(
        "- heading: Events\n  holds: thematic-events\n  select: digitalization\n"
        "- heading: Nothing\n  holds: timelines\n", encoding="utf-8")
    with pytest.raises(LoadError) as refused:
        jhareport.load_year(tmp_path / "2023")
    text = str(refused.value)
    assert "outline.yaml:5: section 'Nothing', field 'holds': a section cannot hold 'timelines' " \
           "(did you mean 'timeline'?)" in text
    (tmp_path / "2023" / "outline.yaml").write_text(
        "- heading: Events\n  holds: thematic-events\n  select: digitalization\n", encoding="utf-8")
    with pytest.raises(LoadError) as refused:
        jhareport.load_year(tmp_path / "2023")
    assert "outline.yaml: section 'Events', field 'select': unknown priority topic " \
           "'digitalization' (did you mean 'digitalisation'?)" in str(refused.value)


def test_figures_belong_to_a_known_annex_and_a_part_needs_a_section_above_it(
        years: Path) -> None:
    folder = years / "2023"
    (folder / "outline.yaml").write_text(
        "- holds: figures\n  select: relex\n"
        "- heading: Annexes\n  sections:\n"
        "    - heading: Relex\n      holds: figures\n      select: relx\n"
        "    - heading: EMPACT\n      holds: figures\n", encoding="utf-8")
    (folder / "figures.yaml").write_text(
        "- id: map\n  annex: relex\n  caption: A map\n  legend: [Agreement, '']\n"
        "- id: chart\n  annex: empact\n", encoding="utf-8")
    with pytest.raises(LoadError) as refused:
        jhareport.load_year(folder)
    text = str(refused.value)
    assert "outline.yaml:8: section 'Annexes', field 'sections[1].select': a section holding " \
           "figures needs select: the annex of the figures" in text
    assert "figures.yaml:4: figure 'map', field 'legend': legend: entry 2 must be a non-empty " \
           "text" in text
    assert "figures.yaml:5: figure 'chart', field 'caption': missing field 'caption'" in text
    (folder / "outline.yaml").write_text(
        "- holds: figures\n  select: relex\n"
        "- heading: Annexes\n  sections:\n"
        "    - heading: Relex\n      holds: figures\n      select: relx\n", encoding="utf-8")
    (folder / "figures.yaml").write_text("- id: map\n  annex: relex\n  caption: A map\n",
                                         encoding="utf-8")
    with pytest.raises(LoadError) as refused:
        jhareport.load_year(folder)
    text = str(refused.value)
    assert "section 'figures', field 'heading': a chapter needs a heading: a section without one " \
           "is a part of the section above it" in text
    assert "section 'Relex', field 'select': unknown annex of figures 'relx' (did you mean " \
           "'relex'?)" in text


def test_a_part_continues_the_section_above_it(tmp_path: Path) -> None:
    records = jhareport.load_year(FIXTURES / "2023")
    own = (Section("Annexes", sections=(
        Section("EMPACT Infographics", holds="table", select="empact-priorities", sections=(
            Section(holds="figures", select="empact"),)),)),)
    views = outline(attrs.evolve(records, outline=own))
    assert [(v.heading, v.level, v.holds) for v in views] == [
        ("Annexes", 1, ""), ("EMPACT Infographics", 2, "table"), ("", 2, "figures")]
    gaps = final_report_gaps(attrs.evolve(records, outline=own, figures=()))
    assert gaps == ["EMPACT Infographics (figures)"]


def test_kinds_compare_with_plain_strings_in_templates() -> None:
    from jhareport.render.environment import template_environment

    records = jhareport.load_year(FIXTURES / "2023")
    template = template_environment().from_string(
        "{% for m in meetings if m.kind == 'heads-of-agencies' %}{{ m.title }}{% endfor %}|"
        "{{ meetings|selectattr('format', 'equalto', 'online')|list|length }}")
    heads, online = template.render(meetings=records.meetings).split("|")
    assert heads == "Heads of Agencies meeting"
    assert int(online) == sum(1 for m in records.meetings if m.format is not None
                              and m.format.value == "online") > 0


def test_numbered_lists_honour_their_start_number_and_tables_render(tmp_path: Path) -> None:
    records = jhareport.load_year(FIXTURES / "2017")
    matrix = Table("training-matrix", "2016 Training Matrix Report", ("Agency", "Courses"),
                   (("CEPOL", "12"), ("Frontex", "7")), notes="Figures as *reported*.")
    own = (Section("Training", holds="table", select="training-matrix",
                   text="The figures:\n\n4. fourth\n5. fifth"),)
    jhareport.build(attrs.evolve(records, outline=own, tables=(matrix,)), tmp_path)
    path = tmp_path / "final-report.docx"
    document = docx.Document(str(path))
    table = document.tables[-1]
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Agency", "Courses"], ["CEPOL", "12"], ["Frontex", "7"]]
    fourth = next(p for p in document.paragraphs if p.text == "fourth")
    num = fourth._p.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val")
    assert _numbering(path)[num] == 4
    assert any(p.text == "Figures as reported." for p in document.paragraphs)


def test_conclusions_and_priority_areas_build_from_code(tmp_path: Path) -> None:
    records = jhareport.load_year(FIXTURES / "2017")
    conclusions = Conclusions(groups=[{"heading": "First", "points": ["One.", "Two."]},
                                      {"heading": "Second", "points": ["Three."]}])
    area = PriorityArea("drugs", "Drugs", objective="Fewer drugs.",
                        key_activities=[{"title": "Training", "text": "Courses."}],
                        challenges="Money.")
    own = (Section("Conclusions", numbered=False, holds="conclusions"),
           Section("Areas", holds="priority-areas"))
    jhareport.build(attrs.evolve(records, outline=own, conclusions=conclusions,
                                 priority_areas=(area,)), tmp_path)
    found = headings(tmp_path / "final-report.docx")
    assert [(s, t) for s, t, _ in found] == [
        ("Heading 1", "Conclusions"), ("Heading 2", "First"), ("Heading 2", "Second"),
        ("Heading 1", "Areas"), ("Heading 2", "Drugs"),
        ("Heading 3", "Key joint activities and achievements"), ("Heading 4", "Training"),
        ("Heading 3", "Challenges and opportunities for joint cooperation")]
    texts = [p.text for p in docx.Document(str(tmp_path / "final-report.docx")).paragraphs]
    assert "Fewer drugs." in texts and "Three." in texts


def test_acronyms_used_only_in_the_plural_or_joined_are_listed_and_unknown_ones_named_whole(
        tmp_path: Path) -> None:
    result = jhareport.build(FIXTURES / "2017", tmp_path)
    listed = [row.cells[0].text for table in docx.Document(str(tmp_path / "acronyms.docx")).tables
              for row in table.rows]
    assert {"CRI", "JIT", "MMST", "TC"} <= set(listed)  # 2017 writes CRIs, JITs, MMSTs, TCs
    assert "EU-OSHA" in listed  # the glossary's entry, not OSHA's
    # joined, with its own meaning in 2017's acronyms.yaml, rather than EDF and RAN
    assert "EDF-RAN" in listed and "EDF" not in listed
    assert not any(w.startswith("acronyms used but not in") for w in result.warnings)
