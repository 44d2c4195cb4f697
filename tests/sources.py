"""Facts of the source documents the fixtures transcribe, for the tests to check the fixtures against.

The network's documents are not part of the repository: what the tests need of them (headings,
counts, lists, table rows, spellings) was transcribed from their plain-text extractions once, and
stands here and in tests/sources/*.json. The documents:

- 2023: JHAAN Final Report 2023 (EUAA chair);
- 2019: Multilateral JHA Agencies Scorecard 2019 (a table: tests/sources/scorecard-2019.json);
- 2017: EU JHA agencies' cooperation in 2017, final report (its Annex 3 is in test_fixtures.py);
- 2022: EMPACT Operational Action Plan 2022, migrant smuggling (tests/sources/empact-2022.json).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent / "sources"


def table(name: str) -> Any:
    """A table transcribed from a source document (tests/sources/NAME.json)."""
    return json.loads((HERE / f"{name}.json").read_text(encoding="utf-8"))


# =============================================================================================
# The 2023 final report
# =============================================================================================

# "# 1. Foreword by the Executive Director of the EUAA", signed "Nina Gregori / Executive Director
# of EUAA"; "The first Trio is composed of CEPOL, EUAA and eu-LISA, …"; "… wish the Executive
# Director of eu-LISA and her team the best of luck with the chairmanship … during 2024".
FOREWORD_TITLE = "Foreword by the Executive Director of the EUAA"
SIGNATORY = ("Nina Gregori", "Executive Director of EUAA")
TRIO = ("CEPOL", "EUAA", "eu-LISA")
NEXT_CHAIR = "eu-LISA"

# "2. About": the two footnotes, and the words their marks follow.
ABOUT_NOTES = {
    1: "CEPOL, EIGE, EMCDDA, EUAA, eu-LISA, Eurojust, Europol, FRA and Frontex.",
    2: "DG HOME, DG JUST, EEAS, LIBE Secretariat, General Secretariat of the Council of the EU.",
}
ABOUT_MARKS_FOLLOW = ("working in the field of justice and home affairs", "five observers")
ABOUT_BOLD = "The Justice and Home Affairs Agencies Network"

# Headings 9.1 to 9.12: the highlights of inter-agency cooperation.
HIGHLIGHTS = [
    "Close cooperation in drugs-related training between CEPOL and EMCDDA, including shared use of "
    "on-line resources",
    "Europol-Eurojust cooperation in the area of core international crimes",
    "EUAA-FRA joint publications for guardians of unaccompanied children",
    "Frontex, Europol and Eurojust involvement in EMPACT Operational Actions Plans",
    "FRA-EIGE joint implementation of the Violence against Women Survey II",
    "eu-LISA cooperation with Frontex, Eurojust and Europol on enhanced Schengen Information System (SIS)",
    "Continued JHA Agencies cooperation within the EU Innovation Hub for internal security hosted by Europol",
    "eu-LISA Data Centre hosting services for Frontex and EUAA",
    "EUAA-EMCDDA joint analysis of substance use by applicants in reception contexts in EU+ countries",
    "CEPOL, FRA and Frontex contributions to development of the EUAA's Let's speak asylum project",
    "FRA and the Fundamental Rights Officers from EUAA, Europol and Frontex begin regular exchanges",
    "EIGE and Eurojust join forces for a common project on the European Protection Order",
]

# Headings 6.1 to 6.5 ("… focused on five key priorities in 2023"), and the headings under each.
PRIORITY_TOPICS = [
    "Digitalisation",
    "Implementation of the European Green Deal in JHA Agencies",
    "Information provision in mixed migration situations",
    "Cybersecurity",
    "JHAAN Communication and promotion",
]

TOPIC_HEADINGS = [
    [
        "Conference on digital innovation, 13 & 14 June 2023",
        "Digital Learning and Learning Technologies Ecosystem in JHA Agencies, 19 & 20 October 2023",
    ],
    [],
    [
        "Survey on Information provision",
        "Seminar on Information Provision (“How”), 1 & 2 June 2023",
        "Seminar on Information Provision (“What”), 16 November 2023",
    ],
    [
        "Technical cybersecurity exercise, 4 May 2023",
        "Cybersecurity exercise for managers, 19 September 2023",
        "Exchange on cybersecurity at executive level",
    ],
    [
        "Staff Exchange Programme",
        "Meeting on Reporting Methodologies, 5 July 2023",
        "Open Market Event, 22 September 2023",
        "Exchange on Single Programming Documents (SPD) good practices, 24 November 2023",
        "JHAAN Brussels Briefing, 5 December 2023",
        "JHAAN promotional products: video, brochure and newsletter",
    ],
]

# Headings 5.2.1 to 5.2.7: the working groups' meetings.
WORKING_GROUP_HEADINGS = [
    "Working Group on Communication and Workshop on communication with Member States, 8 & 9 June",
    "Working Group on ICT and Cybersecurity, 6 July 2023",
    "Working Group on Data Protection, 20 April 2023 and 11 December 2023",
    "Working Group on External Relations: 12 October 2023",
    "Working Group on training, 21 September 2023",
    "Working Group on European Situation Monitoring, 17 & 18 October 2023",
    "Informal Security Officers Network, 8 March 2023 and 13 September 2023",
]

# "10. Priorities for 2024": "… the network focus on four priority topics:".
PRIORITIES_2024 = [
    "Digitalisation and innovation in the Justice and Home Affairs area",
    "Security, resilience and data protection",
    "Social responsibility and Green Deal for JHA Agencies",
    "Identifying key JHA priorities to support the work of incoming Commissioners",
]

# "List of events organised in 2023": the 36 entries, date (as jhareport writes it) and label.
EVENTS = [
    ("25 January 2023", "Trio Contact Points Coordination Meeting"),
    ("30 January 2023", "Ad hoc JHAAN Contact Points meeting on information provision"),
    ("17 February 2023", "Trio Contact Points Coordination Meeting"),
    ("22 February 2023",
     "Presentation of the EUAA Presidency activities and JHAAN priorities for 2023 to COSI"),
    ("17 March 2023", "Regular JHAAN Contact Points meeting"),
    ("22 March 2023", "Presentation of EUAA Presidency activities and JHAAN priorities for 2023 to LIBE"),
    ("20 April 2023", "Meeting of the Working Group on Data Protection"),
    ("4 May 2023", "Technical JHA agencies' Cybersecurity Exercise"),
    ("26 May 2023", "Trio Contact Points Coordination Meeting"),
    ("1–2 June 2023", "Seminar on Information Provision (\"How\")"),
    ("8 June 2023", "Trio Heads of Agencies meeting with the incoming Spanish Presidency"),
    ("8 June 2023", "Meeting of the Working group on communication"),
    ("9 June 2023", "Workshop on communication with Member States"),
    ("12 June 2023", "Regular JHAAN Contact Points Meeting"),
    ("13–14 June 2023", "Digitalisation Conference"),
    ("5 July 2023", "Meeting on Reporting Methodologies"),
    ("6 July 2023", "Meeting of the Working Group on ICT and Cybersecurity"),
    ("12 August 2023", "Trio Contact Points Coordination Meeting"),
    ("5 September 2023", "Regular JHAAN Contact Points meeting"),
    ("19 September 2023", "Cybersecurity Exercise for Managers"),
    ("21 September 2023", "Meeting of the Working Group on Training"),
    ("22 September 2023", "JHAAN Open Market Event"),
    ("12 October 2023", "Meeting of the Working Group on External Relations (RELEX)"),
    ("17–18 October 2023", "Meeting of the Working Group on European Situation Monitoring"),
    ("19–20 October 2023", "Digital Learning and Learning Technologies Ecosystem in JHA agencies"),
    ("25 October 2023", "Ad hoc JHAAN Contact Points meeting"),
    ("15 November 2023", "Seminar on Information Provision (\"What\")"),
    ("20 November 2023", "Crisis Communication Coaching for Heads of JHA agencies"),
    ("21 November 2023", "JHAAN Heads of Agencies meeting"),
    ("24 November 2023", "Exchange on Single Programming Document (SPD) good practices"),
    ("5 December 2023", "Trio Heads of Agencies meeting with the incoming Belgian Presidency"),
    ("5 December 2023", "JHAAN Brussels Briefing"),
    ("11 December 2023", "2nd meeting of the Working Group on Data Protection"),
    ("13 December 2023",
     "Annual exchange of JHA agencies on the Charter of Fundamental Rights of the European Union"),
    ("Q1–Q2 2024", "Presentation of the JHAAN Annual Report 2023 to COSI"),
    ("Q1–Q2 2024", "Presentation of the JHAAN Annual Report 2023 to LIBE Committee"),
]

# "Contents": the report's 60 headings, numbered, as the table of contents gives them (11.1 and
# 11.2 stand there only: the annexes' pages carry their infographics' own titles). 9.12 reads
# "ELGE" there, an OCR slip of the heading's "EIGE".
HEADINGS = [
    ("1.", "Foreword by the Executive Director of the EUAA"),
    ("2.", "About the Justice and Home Affairs Agencies Network"),
    ("3.", "Executive summary"),
    ("4.", "Timeline"),
    ("5.", "Meetings"),
    ("5.1.", "Horizontal meetings"),
    ("5.1.1.", "Heads of Agencies meeting"),
    ("5.1.2.", "Crisis Communication Coaching for Heads of Agencies"),
    ("5.1.3.", "JHAAN Trio meetings with the incoming Council presidency"),
    ("5.1.4.", "Contact Point Meetings"),
    ("5.1.5.", "Trio coordination meetings"),
    ("5.2.", "Working Group meetings"),
    ("5.2.1.", "Working Group on Communication and Workshop on communication with Member States, "
               "8 & 9 June"),
    ("5.2.2.", "Working Group on ICT and Cybersecurity, 6 July 2023"),
    ("5.2.3.", "Working Group on Data Protection, 20 April 2023 and 11 December 2023"),
    ("5.2.4.", "Working Group on External Relations: 12 October 2023"),
    ("5.2.5.", "Working Group on training, 21 September 2023"),
    ("5.2.6.", "Working Group on European Situation Monitoring, 17 & 18 October 2023"),
    ("5.2.7.", "Informal Security Officers Network, 8 March 2023 and 13 September 2023"),
    ("6.", "Thematic events"),
    ("6.1.", "Digitalisation"),
    ("6.1.1.", "Conference on digital innovation, 13 & 14 June 2023"),
    ("6.1.2.", "Digital Learning and Learning Technologies Ecosystem in JHA Agencies, 19 & 20 "
               "October 2023"),
    ("6.2.", "Implementation of the European Green Deal in JHA Agencies"),
    ("6.3.", "Information provision in mixed migration situations"),
    ("6.3.1.", "Survey on Information provision"),
    ("6.3.2.", "Seminar on Information Provision (“How”), 1 & 2 June 2023"),
    ("6.3.3.", "Seminar on Information Provision (“What”), 16 November 2023"),
    ("6.4.", "Cybersecurity"),
    ("6.4.1.", "Technical cybersecurity exercise, 4 May 2023"),
    ("6.4.2.", "Cybersecurity exercise for managers, 19 September 2023"),
    ("6.4.3.", "Exchange on cybersecurity at executive level"),
    ("6.5.", "JHAAN Communication and promotion"),
    ("6.5.1.", "Staff Exchange Programme"),
    ("6.5.2.", "Meeting on Reporting Methodologies, 5 July 2023"),
    ("6.5.3.", "Open Market Event, 22 September 2023"),
    ("6.5.4.", "Exchange on Single Programming Documents (SPD) good practices, 24 November 2023"),
    ("6.5.5.", "JHAAN Brussels Briefing, 5 December 2023"),
    ("6.5.6.", "JHAAN promotional products: video, brochure and newsletter"),
    ("7.", "Other activities"),
    ("7.1.", "Annual exchange of JHA Agencies on the charter of Fundamental Rights of the "
             "European Union"),
    ("8.", "Network products"),
    ("8.1.", "Joint paper on the Agencies' contributions to the EU's solidarity with Ukraine"),
    ("9.", "Highlights of inter-agency cooperation in 2023"),
    *((f"9.{number}.", title) for number, title in enumerate(HIGHLIGHTS, start=1)),
    ("10.", "Priorities for 2024"),
    ("11.", "Annexes"),
    ("11.1.", "Relex Infographics"),
    ("11.2.", "EMPACT Infographics"),
]

# "11.1. Relex Infographics": the infographic "Cooperation instruments with third countries¹", its
# legend (the extraction runs the last two kinds together on one line: "Administrative
# arrangement for cooperation Exchange of letters") and its seven numbered notes.
RELEX_TITLE = "Cooperation instruments with third countries¹"
RELEX_LEGEND = [
    "Cooperation agreement",
    "Operational agreement",
    "Strategic agreement",
    "Working arrangement",
    "EU Status Agreement",
    "Council decision",
    "Administrative arrangement for cooperation",
    "Exchange of letters",
]
RELEX_NOTES = [
    "This infographic portrays different types of agreements concluded by the agencies with third "
    "countries. It does not cover other types of cooperation, such as capacity building projects.",
    "For Frontex, States participating in the Schengen acquis are not considered third countries.",
    "For the EMCDDA, up to 2015, the terminology used for the existing instruments was Memorandum "
    "of Understanding.",
    "This designation is without prejudice to positions on status and is in line with UNSCR "
    "1244/1999 and the ICJ opinion on the Kosovo Declaration of Independence.",
    "Cooperation on hold due to the coup d'etat of 26 July 2023.",
    "Cooperation has been suspended in line with EU general policy guidelines.",
    "Working and Administrative Arrangement implementing the international agreements concluded "
    "by the EU, which allow for exchange of personal data.",
]

# "11.2. EMPACT Infographics": Table 1 (its caption in capitals, as printed), the heading above its
# columns (repeated where the table breaks across pages), its columns and the 15 priorities; then
# the agencies' figures, by their captions (two are numbered 5).
EMPACT_TABLE_TITLE = "Table 1. EU COM AND EU AGENCIES INVOLVEMENT IN OAPs 2023"
EMPACT_TABLE_HEADING = "Priorities in EMPACT 2022-2025"
EMPACT_TABLE_HEADER = ["No.", "Name", "Abbreviation", "OAP No."]
EMPACT_PRIORITIES = [
    ["1", "High risk criminal networks", "HRCN", "1"],
    ["2", "Cyber attacks", "CYBER", "2"],
    ["3", "Trafficking in human beings", "THB", "3"],
    ["4", "Child sexual exploitation", "CSE", "4"],
    ["5", "Migrant smuggling", "MIGR", "5"],
    ["6", "Cannabis, Cocaine and Heroin", "CCH", "6.1"],
    ["7", "New Psychoactive Substances and Synthetic drugs", "SYD-NPS", "6.2"],
    ["8", "Online fraud schemes", "OFS", "7.1"],
    ["9", "Excise fraud", "EXC", "7.2"],
    ["10", "MTIC fraud", "MTIC", "7.3"],
    ["11", "Intellectual Property Crime, Counterfeit Goods and Currencies", "IPRCGC", "7.4"],
    ["12", "Criminal Finances, Money Laundering and Asset Recovery", "CFMLAR", "7.5"],
    ["13", "Organised Property Crime", "OPC", "8"],
    ["14", "Environmental crime", "Envi", "9"],
    ["15", "Firearms", "FIA", "10"],
]
EMPACT_FIGURES = [
    "Figure 1. EUROPOL",
    "Figure 2. EUROJUST",
    "Figure 3. FRONTEX",
    "Figure 4. CEPOL",
    "Figure 5. eu-LISA",
    "Figure 5. EMCDDA",
]

# =============================================================================================
# Spellings
# =============================================================================================

# Every spelling of eu-LISA, Frontex (EBCGA), CEPOL, EASO/EUAA and the EMCDDA in the five source
# documents (a case-insensitive search for eu[- ]?lisa, ebcga, cepol, easo, euaa, emcdda).
AGENCY_SPELLINGS = frozenset({
    "CEPOL",
    "Cepol",
    "EASO",
    "EBCGA",
    "EMCDDA",
    "EU LISA",
    "EU-LISA",
    "EUAA",
    "Eu-LISA",
    "easo",
    "emcdda",
    "eu-LISA",
    "euLISA",
})
