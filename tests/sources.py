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
