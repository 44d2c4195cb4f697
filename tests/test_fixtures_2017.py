"""The 2017 final report (EMCDDA chair) as transcribed in fixtures/2017.

The facts below were copied from the printed report by hand; the test reads the fixtures only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from jhareport.loading import load_year
from jhareport.markup import FootnoteRef, Markup, Span
from jhareport.records import PriorityArea, YearRecords
from jhareport.views import outline

FOLDER = Path(__file__).resolve().parents[1] / "fixtures" / "2017"

NINE_AGENCIES = (
    "European Union Agency for Law Enforcement Training (CEPOL)",
    "European Asylum Support Office (EASO)",
    "European Institute for Gender Equality (EIGE)",
    "European Monitoring Centre for Drugs and Drug Addiction (EMCDDA)",
    "European Agency for the Operational Management of Large-Scale IT Systems in the Area of "
    "Freedom, Security and Justice (eu-LISA)",
    "European Union's Judicial Cooperation Unit (Eurojust)",
    "European Union Agency for Law Enforcement Cooperation (Europol)",
    "European Union Agency for Fundamental Rights (FRA)",
    "European Border and Coast Guard Agency (Frontex)",
)

# The report's headings as a reader sees them, with their level (1 chapter, 2 section).
HEADINGS = [
    (1, "Foreword"),
    (1, "Conclusions of the Heads of Justice and Home Affairs agencies' meeting on "
        "28 November 2017, Lisbon"),
    (1, "Introduction"),
    (1, "Preamble"),
    (1, "Implementation of thematic priorities in 2017"),
    (1, "Regular (horizontal) activities of the network in 2017"),
    (1, "Priorities for 2018"),
    (1, "Annex 1: 2017 JHA agencies' Scorecard"),
    (1, "Annex 2: 2016 Training Matrix Report"),
    (1, "Annex 3: List of acronyms and abbreviations"),
]

CONCLUSION_GROUPS = [
    ("General points", 3),
    ("Use of cyberspace for criminal purposes (key cooperation theme for 2017)", 6),
    ("Migration and Health", 4),
]

THEMATIC = [
    ("Migration, asylum and border management",
     ["Child protection", "People smuggling", "Information exchange", "Hotspots", "Training"]),
    ("Internal security",
     ["Organised crime", "Counter-terrorism", "Cybercrime", "Trafficking in human beings",
      "Drugs", "IT systems and Interoperability"]),
    ("The use of cyberspace for criminal purposes", [None]),
]

HORIZONTAL = [
    ("Coordination and information exchange, including on ICT and cybersecurity",
     ["ICT", "Exchange of information on EU-funded research", "Working arrangements"]),
    ("Training",
     ["Improved sharing of knowledge and practices on emerging and on-going topics of common "
      "interest in the field of security",
      "Make training widely accessible, efficient and appropriate"]),
    ("External relations", [None]),
    ("Communication activities",
     ["Awareness-raising", "EU institutions and bodies", "News, social media and advertisements"]),
]

# Sentences of the report, several of them broken across a page in the printed document.
SENTENCES = [
    "The network deals with issues that are dynamic, multifaceted and constantly evolving: this "
    "calls on the agencies to react in a timely manner to an ever-changing environment.",
    "The JHA agencies are of the view that concerted effort is required involving all the "
    "relevant major actors – the EU institutions and the MSs – along with the technical support "
    "and advice that the JHA agencies can provide.",
    "Here it would be important to consider the possibility of involving relevant partners such "
    "as DG Santé, ECDC and EU-OSHA.",
    "In 2016, legislative efforts defined the establishment of new systems to secure the external "
    "borders, including the EU Entry/Exit System (EES) and the European Travel Information and "
    "Authorisation System (ETIAS).",
    "This report is structured around these main headings, comprising the network's seven "
    "priorities in 2017.",
    "In 2015 and 2016, 30% of asylum applicants in the EU were children.",
    "EASO is in contact with, and cooperates with, Europol, and other relevant EU agencies and "
    "stakeholders, in order to ensure productive communication and follow up on the findings.",
    "CEPOL, Frontex, FRA and eu-LISA supported the training of Schengen evaluators, with Frontex "
    "and eu-LISA developing an e-learning module on Schengen Evaluation (SCHEVAL), and eu-LISA "
    "and EASO explored the possibility of collaborating on training on the new Dublin Regulation "
    "and EURODAC.",
    "The Directors of the JHA agencies discussed the health of migrants, including vulnerable "
    "groups such as unaccompanied minors and women, and the health risks for the staff of the JHA "
    "agencies on the ground, based on the JHA agencies' experiences and aiming at analysing "
    "specific implications for the work of the agencies and potential topics for joint "
    "collaboration",
    "They identified 10 EU crime priorities: cybercrime; drugs; facilitated illegal immigration; "
    "organised property crime; THB; excise and missing trader intra-community fraud; firearms; "
    "environmental crime; criminal finances and money laundering; and document fraud.",
    "The report was shared with the Council, the Commission, the EU Counter-Terrorism Coordinator "
    "(EU CTC), Europol and other relevant stakeholders.",
    "Eurojust and Europol signed on 26 October an agreement on the temporary placement of a "
    "Eurojust representative to the ECTC.",
    "In 2017, the EMCDDA and Europol issued 39 formal notifications of NPS, prepared nine "
    "EMCDDA-Europol Joint Reports and submitted nine risk assessments to the Council and the EC.",
    "While addressing some of these challenges, particularly in the legislative domain, many "
    "remain beyond the mandates of the JHA agencies.",
    "the internet as a marketplace (consumers/suppliers, access);",
    "Building on existing expertise, the EMCDDA is exploring options for drug-related darknet "
    "data gathering for strategic EU analysis.",
    "However, it was agreed to develop some documentary tools and examples that could be used by "
    "the JHA agencies to speed up the implementation of future bilateral agreements to be signed "
    "between agencies.",
    "The network listed a total of 274 products, of which 188 were published/realised in 2017 "
    "and 16 were prepared jointly.",
    "In that regard, the JHA Training Matrix could be further developed as a tool that can be "
    "used for planning, and agencies could extend its use to respond even more effectively to "
    "policy requirements.",
    "Similarly to Operation Sophia and EUBAM Libya, LOs of the agencies present in the areas with "
    "other ongoing projects work closely with the EU services.",
    "The strategy was set up to steer EU external action and brings together EU institutions, MSs "
    "and civil society, and the JHA agencies will cooperate and contribute to its implementation "
    "going forward.",
    "This web page embeds the JHA video, the JHA brochure and a new one-page flyer.",
    "The Heads of the JHA agencies agreed that the Network will be chaired by EIGE in 2018 and by "
    "Europol in 2019.",
    "How has digitalisation changed the process? What are the challenges and opportunities? How "
    "should this be reflected in the EU policies?",
]

# Debris of the printed document's extraction that no reader should meet.
DEBRIS = ["Furgoean", "Manitoring", "Agenda on Migration ()", "⁽", "⁾", "(¹)", "$^", "()",
          "judical", "irregual", "quest officers", "Arline", "EUNAVFORMED", "inter- agency"]


@pytest.fixture(scope="module")
def y2017() -> YearRecords:
    return load_year(FOLDER)


def texts(records: YearRecords) -> Iterator[tuple[str, Markup]]:
    """Every text of the year with where it stands."""
    year = records.year
    assert year.foreword is not None
    yield "foreword", year.foreword.text
    for section in records.outline or ():
        if section.text:
            yield f"section {section.heading}", section.text
    assert records.conclusions is not None
    if records.conclusions.intro:
        yield "conclusions", records.conclusions.intro
    for group in records.conclusions.groups:
        for number, point in enumerate(group.points, start=1):
            yield f"{group.heading} {number}", point
    for area in records.priority_areas:
        for name in ("objective", "text", "challenges"):
            value = getattr(area, name)
            if value:
                yield f"{area.id} {name}", value
        for activity in area.key_activities:
            yield f"{area.id} {activity.title}", activity.text


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def corpus(y2017: YearRecords) -> str:
    return "\n".join(words(m.plain) for _, m in texts(y2017))


def footnotes_of(markup: Markup) -> list[str]:
    return [words(f.text) for f in markup.footnotes]


def links_of(markup: Markup) -> list[str]:
    return [i.link for f in markup.footnotes for b in f.blocks for i in b.inlines
            if isinstance(i, Span) and i.link]


def area(records: YearRecords, title: str) -> PriorityArea:
    return next(a for a in records.priority_areas if a.title == title)


def test_chair_next_chair_and_signatory(y2017: YearRecords) -> None:
    year = y2017.year
    assert year.year == 2017
    # the names the 2017 report uses (the EMCDDA became the EUDA in 2024)
    assert year.chair is not None and year.chair.short_on(year.as_of) == "EMCDDA"
    assert year.next_chair is not None and year.next_chair.short_on(year.as_of) == "EIGE"
    assert year.foreword is not None and year.foreword.title == "Foreword"
    assert year.foreword.signatory is not None
    assert year.foreword.signatory.name == "Alexis Goosdeel"
    assert year.foreword.signatory.role == ("Director, European Monitoring Centre for Drugs and "
                                            "Drug Addiction")
    assert year.about is None and year.executive_summary is None


def test_foreword_footnote_names_the_nine_agencies(y2017: YearRecords) -> None:
    assert y2017.year.foreword is not None
    text = y2017.year.foreword.text
    notes = footnotes_of(text)
    assert len(notes) == 1
    for agency in NINE_AGENCIES:
        assert agency in notes[0], agency
    refs = [i for b in text.blocks for i in b.inlines if isinstance(i, FootnoteRef)]
    assert len(refs) == 1 and "made up of nine European Union (EU) agencies" in text.blocks[0].text


def test_outline_headings_in_order(y2017: YearRecords) -> None:
    chapters = [(s.level, s.heading) for s in outline(y2017, acronyms=y2017.glossary)
                if s.level == 1]
    assert chapters == HEADINGS
    numbered = [s.heading for s in outline(y2017) if s.level == 1 and s.numbered]
    assert numbered == ["Implementation of thematic priorities in 2017",
                        "Regular (horizontal) activities of the network in 2017"]


def test_outline_places_the_records(y2017: YearRecords) -> None:
    sections = {s.heading: s for s in outline(y2017, acronyms=y2017.glossary)}
    thematic = sections["Implementation of thematic priorities in 2017"]
    horizontal = sections["Regular (horizontal) activities of the network in 2017"]
    assert [a.title for a in thematic.items] == [t for t, _ in THEMATIC]
    assert [a.title for a in horizontal.items] == [t for t, _ in HORIZONTAL]
    assert sections["Foreword"].holds == "foreword"
    assert sections["Annex 3: List of acronyms and abbreviations"].items
    for annex in ("Annex 1: 2017 JHA agencies' Scorecard", "Annex 2: 2016 Training Matrix Report"):
        assert sections[annex].text, annex
        assert not sections[annex].missing


def test_conclusions_thirteen_points_in_three_groups(y2017: YearRecords) -> None:
    conclusions = y2017.conclusions
    assert conclusions is not None and conclusions.start == 1
    assert [(g.heading, len(g.points)) for g in conclusions.groups] == CONCLUSION_GROUPS
    assert conclusions.intro is not None
    assert conclusions.intro.plain.startswith("The JHA agencies, with the support of the EU "
                                              "institutions and bodies")
    points = [p for g in conclusions.groups for p in g.points]
    assert len(points) == 13
    assert points[0].plain.startswith("The Heads of the JHA agencies called for striking a balance")
    assert points[5].plain.endswith("eu-LISA will extend its roundtable events with industry to "
                                    "all JHA agencies.")
    assert points[12].plain.startswith("The JHA agencies also agreed to create an inventory")
    # numbering is the report's, not the text's
    assert not any(re.match(r"\d+[.)]\s", p.source) for p in points)


def test_priority_areas_titles_and_sub_topics(y2017: YearRecords) -> None:
    thematic = [(a.title, [k.title for k in a.key_activities])
                for a in y2017.priority_areas if a.cooperation == "thematic"]
    horizontal = [(a.title, [k.title for k in a.key_activities])
                  for a in y2017.priority_areas if a.cooperation == "horizontal"]
    assert thematic == THEMATIC
    assert horizontal == HORIZONTAL
    assert len(y2017.priority_areas) == 7


def test_every_area_has_objective_and_activities(y2017: YearRecords) -> None:
    for each in y2017.priority_areas:
        assert each.objective, each.id
        assert each.key_activities, each.id
        # the communication activities close without challenges and opportunities
        assert bool(each.challenges) == (each.title != "Communication activities"), each.id


@pytest.mark.parametrize("sentence", SENTENCES, ids=lambda s: s[:40])
def test_sentences_of_the_report(corpus: str, sentence: str) -> None:
    assert sentence in corpus


@pytest.mark.parametrize("debris", DEBRIS)
def test_no_extraction_debris(y2017: YearRecords, debris: str) -> None:
    for where, markup in texts(y2017):
        assert debris not in markup.plain, where


def test_every_footnote_is_referenced_once(y2017: YearRecords) -> None:
    total = 0
    for where, markup in texts(y2017):
        refs = [i.number for b in markup.blocks for i in b.inlines if isinstance(i, FootnoteRef)]
        assert sorted(refs) == [f.number for f in markup.footnotes], where
        total += len(markup.footnotes)
    assert total == 24  # the report numbers its footnotes from 1 to 24


def test_migration_footnotes(y2017: YearRecords) -> None:
    migration = area(y2017, "Migration, asylum and border management")
    assert migration.objective is not None
    assert links_of(migration.objective) == [
        "https://ec.europa.eu/home-affairs/what-we-do/policies/european-agenda-migration_en"]
    assert migration.text is not None
    assert footnotes_of(migration.text)[0].startswith("The number will be updated when all the "
                                                      "JHA agencies have contributed to the "
                                                      "scorecard.")
    child = migration.key_activities[0].text
    assert links_of(child) == [
        "https://www.youtube.com/watch?v=TW1fdpBiolQ",
        "https://www.easo.europa.eu/sites/default/files/EASO%20Guidance%20on%20reception%20"
        "conditions%20-%20operational%20standards%20and%20indicators%5B3%5D.pdf",
        "https://www.easo.europa.eu/training-quality/vulnerable-groups",
    ]
    assert migration.challenges is not None
    assert footnotes_of(migration.challenges)[2] == ("Réseau Européen d'Information sur les "
                                                     "Drogues et les Toxicomanies.")


def test_internal_security_footnotes(y2017: YearRecords) -> None:
    security = area(y2017, "Internal security")
    assert security.objective is not None
    assert links_of(security.objective) == [
        "http://data.consilium.europa.eu/doc/document/ST-9798-2015-INIT/en/pdf",
        "http://www.europarl.europa.eu/cmsdata/125863/EU%20agenda%20on%20security.pdf",
    ]
    interoperability = security.key_activities[-1].text
    notes = footnotes_of(interoperability)
    assert len(notes) == 5
    assert notes[0].startswith("Interoperability is a theme that is wider than internal security")
    assert notes[3] == "Council Conclusions on Interoperability 12223/2/17 REV2"
    assert security.challenges is not None
    assert len(links_of(security.challenges)) == 2  # the two parts of the ninth progress report


def test_cyberspace_and_external_relations_footnotes(y2017: YearRecords) -> None:
    cyber = area(y2017, "The use of cyberspace for criminal purposes").key_activities[0].text
    assert footnotes_of(cyber)[0] == ("This is a JHA agencies' network internal document that "
                                      "can be obtained only upon request.")
    assert links_of(cyber) == ["http://data.consilium.europa.eu/doc/document/ST-7021-2017-INIT/"
                               "en/pdf"]
    external = area(y2017, "External relations")
    assert external.text is not None
    assert links_of(external.text)[1] == "http://europa.eu/rapid/press-release_IP-17-1595_en.htm"
    assert links_of(external.key_activities[0].text) == [
        "https://eeas.europa.eu/sites/eeas/files/mission_eunavfor_med_english.pdf"]


def test_italic_titles_stay_italic(y2017: YearRecords) -> None:
    italic = {words(i.text) for _, m in texts(y2017) for b in m.blocks for i in b.inlines
              if isinstance(i, Span) and i.italic}
    for title in ("European Union Serious and Organised Crime Threat Assessment 2017",
                  "Drugs and darknet markets", "inter alia", "ad hoc", "Drugnet Europe",
                  "Drugs and the darknet: Perspectives for enforcement, research and policy",
                  "Foreign Terrorist Fighters: Eurojust's Views on the Phenomenon and the "
                  "Criminal Justice Response"):
        assert title in italic, title


def test_preamble_and_priorities_lists(y2017: YearRecords) -> None:
    sections = {s.heading: s for s in y2017.outline or ()}
    preamble = sections["Preamble"].text
    assert preamble is not None
    numbered = [b for b in preamble.blocks if b.list_kind is not None and b.level == 0]
    nested = [b for b in preamble.blocks if b.list_kind is not None and b.level == 1]
    assert len(numbered) == 2
    assert numbered[0].text.startswith("Thematic, policy-driven operational cooperation")
    assert numbered[1].text.startswith("Horizontal cooperation on issues such as coordination")
    assert len(nested) == 5
    priorities = sections["Priorities for {next_year}"].text
    assert priorities is not None
    paragraphs = [b.text for b in priorities.blocks if b.list_kind is None]
    assert "Thematic areas:" in paragraphs and "Horizontal areas:" in paragraphs
    items = [b for b in priorities.blocks if b.list_kind is not None]
    assert sum(1 for b in items if b.level == 0) == 6
    assert sum(1 for b in items if b.level == 1) == 4


def test_glossary_holds_annex_3(y2017: YearRecords) -> None:
    glossary = {a.short: a.long for a in y2017.glossary}
    assert glossary["EMPACT"] == "European Multi-Disciplinary Platform against Criminal Threats"
    assert glossary["HLCEG-R"] == "High-Level Commission Expert Group on Radicalisation"
    assert glossary["PeDRA"] == "Processing Personal Data for Risk Analysis"
    assert glossary["EC RUE system"] == "Système de messagerie Restreint UE"
    assert glossary["TC"] == "third country"
