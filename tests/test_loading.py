"""Loading a year's folder: records on success, every problem at once (file, line, record, field)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import write_folder

from jhareport import loading
from jhareport.agencies import REGISTRY
from jhareport.loading import LoadError, Problem, load_year
from jhareport.periods import Status, format_period

YEAR = """
    year: 2023
    chair: EUAA
    trio: [CEPOL, EUAA, eu-LISA]
    priority_topics:
      - id: digitalisation
        title: Digitalisation
      - id: cybersecurity
        title: Cybersecurity
    """

STRUCTURE = """
    title: Multilateral JHA Agencies Scorecard 2019
    parts:
      - {code: A, title: Operational cooperation}
      - {code: B, title: Horizontal cooperation}
    areas:
      - {number: "1", part: A, title: Migration}
      - {number: "2", part: A, title: Security}
      - {number: "3", part: B, title: Coordination}
    fields:
      - {number: "1.1", title: Asylum}
      - {number: "1.2", title: Child protection}
      - {number: "2.1", title: Trafficking in human beings}
      - {number: "3.1", title: Working arrangements}
    """


def problems_of(folder: Path) -> tuple[Problem, ...]:
    with pytest.raises(LoadError) as info:
        load_year(folder)
    return info.value.problems


def only(problems: tuple[Problem, ...], file: str) -> list[str]:
    return [str(p) for p in problems if p.file.name == file]


# ---- a good folder ------------------------------------------------------------------------

def test_a_good_folder_gives_its_records(tmp_path: Path) -> None:
    write_folder(tmp_path, {
        "year.yaml": YEAR,
        "working-groups.yaml": """
            - id: communication
              name: Working Group on Communication
              chair: EUAA
            """,
        "meetings.yaml": """
            - id: working-group-communication
              kind: working-group
              title: Working Group on Communication
              group: communication
              format: hybrid
              agencies: [EUAA, EU-LISA]
              bodies: [DG HOME]
              sessions:
                - date: 8 June 2023
                  timeline: Meeting of the Working group on communication
                - date: 9 June 2023
              body: |
                The meeting took place in *Malta*.
            """,
        "thematic-events.yaml": """
            - id: digital-innovation-conference
              topic: digitalisation
              title: Conference on digital innovation
              agencies: Europol
              sessions:
                - date: 13 & 14 June 2023
            """,
        "timeline.yaml": """
            - date: Q1-2 2024
              label: Presentation of the JHAAN Annual Report 2023 to COSI
            """,
    })
    records = load_year(tmp_path)
    assert records.year.chair is not None
    assert records.year.chair.short_on(records.year.as_of) == "EUAA"
    (meeting,) = records.meetings
    assert meeting.group == "communication"
    assert [a.short for a in meeting.agencies] == ["EUAA", "eu-LISA"]
    assert [b.short for b in meeting.bodies] == ["DG HOME"]
    assert [s.timeline for s in meeting.sessions] == [
        "Meeting of the Working group on communication", None]
    assert meeting.body.blocks[0].text == "The meeting took place in Malta."
    (event,) = records.thematic_events
    assert [a.short for a in event.agencies] == ["Europol"]  # a single name may stand alone
    assert format_period(event.sessions[0].date) == "13–14 June 2023"
    assert format_period(records.timeline[0].date) == "Q1–Q2 2024"
    assert records.scorecard is None and records.highlights == ()


# ---- every problem at once ------------------------------------------------------------------

def test_every_problem_is_reported_at_once_with_file_line_record_and_field(tmp_path: Path) -> None:
    write_folder(tmp_path, {
        "year.yaml": YEAR,
        "highlights.yaml": """
            - id: ok
              title: Fine
              agencies: [Europol, Eurojust]
            - id: typo
              title: Unknown agency
              agencies: [Europol, Eurojst]
            - id: wrong-type
              title: [not, a, text]
            - id: unknown-field
              title: Unknown field
              colour: red
            - id: missing-title
              agencies: [Frontex]
            - id: ok
              title: Duplicate
            """,
        "thematic-events.yaml": """
            - id: conference
              topic: digitalization
              title: Conference on digital innovation
            - id: seminar
              topic: cybersecurity
              title: Seminar
              sessions:
                - date: 31 February 2023
                  timeline: Seminar
            """,
        "working-groups.yaml": """
            - id: communication
              name: Working Group on Communication
            """,
        "meetings.yaml": """
            - id: wg-meeting
              kind: working-group
              title: Working group meeting
              group: comunication
            """,
        "highlight.yaml": """
            - id: stray
            """,
        "timeline.yaml": """
            - date: 22 February 2023
              label: Presentation to COSI
            - date: 22 March 2023
               label: indented one space too far
            """,
        "scorecard/structure.yaml": STRUCTURE,
        "scorecard/europol.yaml": """
            - field: "11"
              detail: Participation in the Common Visa policy evaluations
              state: ONGOING
              agencies: [Europol]
            """,
    })
    problems = problems_of(tmp_path)
    text = [str(p) for p in problems]

    highlights = only(problems, "highlights.yaml")
    h = tmp_path / "highlights.yaml"
    assert f"{h}:6: highlight 'typo', field 'agencies': unknown agency or body 'Eurojst' " \
           "(did you mean 'Eurojust'?)" in highlights
    assert f"{h}:8: highlight 'wrong-type', field 'title': expected a text, got a list" in highlights
    assert f"{h}:11: highlight 'unknown-field', field 'colour': unknown field 'colour'" in highlights
    assert f"{h}:12: highlight 'missing-title', field 'title': missing field 'title'" in highlights
    assert f"{h}:14: duplicate highlight id 'ok' (first at line 1)" in highlights
    assert len(highlights) == 5

    events = [p for p in problems if p.file.name == "thematic-events.yaml"]
    assert len(events) == 2
    topic = next(p for p in events if p.field == "topic")
    assert topic.record == "thematic event 'conference'"
    assert topic.line in (1, 2)  # the record's line or the field's
    assert topic.message == "unknown priority topic 'digitalization' (did you mean 'digitalisation'?)"
    e = tmp_path / "thematic-events.yaml"
    assert f"{e}:8: thematic event 'seminar', field 'sessions[0].date': there is no day 31 in " \
           "February 2023" in text

    (group,) = [p for p in problems if p.file.name == "meetings.yaml"]
    assert (group.record, group.field) == ("meeting 'wg-meeting'", "group")
    assert group.line in (1, 4)
    assert group.message == "unknown working group 'comunication' (did you mean 'communication'?)"

    assert f"{tmp_path / 'highlight.yaml'}: not a fixture file of a year " \
           "(did you mean 'highlights.yaml'?)" in text
    # the parser's own words after "not valid YAML:" are its own, and vary between releases
    assert any(line.startswith(f"{tmp_path / 'timeline.yaml'}:4: not valid YAML: ") for line in text)

    (field,) = [p for p in problems if p.file.name == "europol.yaml"]
    assert field.line == 1 and field.field == "field"
    assert field.message == "unknown field '11' (did you mean '1.1'?)"

    assert len(problems) == 11
    # the exception's message lists them all
    with pytest.raises(LoadError, match=r"^11 problems in the fixtures:\n  ") as info:
        load_year(tmp_path)
    assert str(info.value).count("\n") == 11


# ---- each kind of problem -----------------------------------------------------------------

def test_missing_year_yaml(tmp_path: Path) -> None:
    write_folder(tmp_path, {"highlights.yaml": "- {id: a, title: A}\n"})
    with pytest.raises(LoadError, match=r"year\.yaml: missing: every year's folder has a year\.yaml"):
        load_year(tmp_path)


def test_no_such_folder(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match=r"nowhere: no such folder"):
        load_year(tmp_path / "nowhere")


@pytest.mark.parametrize(
    ("stray", "meant"),
    [("highlight.yaml", "highlights.yaml"), ("meeting.yml", "meetings.yaml"),
     ("working-group.yaml", "working-groups.yaml"), ("prorities.yaml", "priorities.yaml")],
)
def test_unknown_file_name_suggests_the_closest(tmp_path: Path, stray: str, meant: str) -> None:
    write_folder(tmp_path, {"year.yaml": "year: 2023\n", stray: "- {id: a, title: A}\n"})
    (problem,) = problems_of(tmp_path)
    assert str(problem) == f"{tmp_path / stray}: not a fixture file of a year (did you mean {meant!r}?)"


def test_unknown_agency_in_year_with_suggestion(tmp_path: Path) -> None:
    write_folder(tmp_path, {"year.yaml": "year: 2023\nchair: Frontx\n"})
    (problem,) = problems_of(tmp_path)
    assert str(problem) == (f"{tmp_path / 'year.yaml'}:2: year, field 'chair': unknown agency or "
                            "body 'Frontx' (did you mean 'Frontex'?)")


def test_trio_without_the_chair(tmp_path: Path) -> None:
    write_folder(tmp_path, {"year.yaml": "year: 2023\nchair: EUAA\ntrio: [CEPOL, Frontex, eu-LISA]\n"})
    (problem,) = problems_of(tmp_path)
    assert problem.file == tmp_path / "year.yaml"
    assert problem.record == "year"
    assert problem.message == "the trio ['CEPOL', 'Frontex', 'eu-LISA'] does not include the chair EUAA"


def test_a_body_listed_as_agency(tmp_path: Path) -> None:
    write_folder(tmp_path, {
        "year.yaml": "year: 2023\n",
        "highlights.yaml": "- id: innovation-hub\n  title: EU Innovation Hub\n  agencies: [Europol, GSC]\n",
    })
    (problem,) = problems_of(tmp_path)
    assert str(problem) == (
        f"{tmp_path / 'highlights.yaml'}:3: highlight 'innovation-hub', field 'agencies': 'GSC' is "
        "General Secretariat of the Council of the EU, not an agency of the network "
        "(list it under bodies)")


def test_impossible_dates_in_sessions_and_timeline(tmp_path: Path) -> None:
    write_folder(tmp_path, {
        "year.yaml": "year: 2023\n",
        "other-activities.yaml": """
            - id: charter-annual-exchange
              title: Annual exchange on the Charter
              sessions:
                - date: 13 December 2023
                - date: Smarch 2023
            """,
        "timeline.yaml": """
            - date: 31 February 2023
              label: Presentation to COSI
            """,
    })
    text = sorted(str(p) for p in problems_of(tmp_path))
    assert text == [
        f"{tmp_path / 'other-activities.yaml'}:5: other activity 'charter-annual-exchange', "
        "field 'sessions[1].date': 'Smarch' is not a month",
        f"{tmp_path / 'timeline.yaml'}:1: timeline entry 'Presentation to COSI', field 'date': "
        "there is no day 31 in February 2023",
    ]


def test_unknown_field_inside_a_session(tmp_path: Path) -> None:
    write_folder(tmp_path, {
        "year.yaml": "year: 2023\n",
        "network-products.yaml": """
            - id: ukraine-solidarity-joint-paper
              title: Joint paper on solidarity with Ukraine
              sessions:
                - date: March 2023
                  timline: Publication of the joint paper
            """,
    })
    (problem,) = problems_of(tmp_path)
    assert str(problem) == (f"{tmp_path / 'network-products.yaml'}:5: network product "
                            "'ukraine-solidarity-joint-paper', field 'sessions[0].timline': "
                            "unknown field 'timline'")


def test_duplicate_ids(tmp_path: Path) -> None:
    write_folder(tmp_path, {
        "year.yaml": "year: 2023\n",
        "working-groups.yaml": """
            - id: training
              name: Working Group on Training
              chair: CEPOL
              permanent_chair: true
            - id: training
              name: Working Group on Training (again)
            """,
    })
    (problem,) = problems_of(tmp_path)
    assert str(problem) == (f"{tmp_path / 'working-groups.yaml'}:5: duplicate working group id "
                            "'training' (first at line 1)")


def test_unknown_priority_topic_with_suggestion(tmp_path: Path) -> None:
    write_folder(tmp_path, {
        "year.yaml": YEAR,
        "thematic-events.yaml": """
            - id: technical-cybersecurity-exercise
              topic: cyber-security
              title: Technical cybersecurity exercise
            """,
    })
    (problem,) = problems_of(tmp_path)
    assert problem.file.name == "thematic-events.yaml"
    assert problem.record == "thematic event 'technical-cybersecurity-exercise'"
    assert problem.field == "topic"
    assert problem.message == "unknown priority topic 'cyber-security' (did you mean 'cybersecurity'?)"


def test_unknown_working_group(tmp_path: Path) -> None:
    write_folder(tmp_path, {
        "year.yaml": "year: 2023\n",
        "working-groups.yaml": "- {id: data-protection, name: Working Group on Data Protection}\n",
        "meetings.yaml": """
            - id: working-group-data-protection
              kind: working-group
              title: Working Group on Data Protection
              group: data-protecton
            """,
    })
    (problem,) = problems_of(tmp_path)
    assert (problem.record, problem.field) == ("meeting 'working-group-data-protection'", "group")
    assert problem.message == ("unknown working group 'data-protecton' "
                               "(did you mean 'data-protection'?)")


def test_working_group_meeting_without_group(tmp_path: Path) -> None:
    write_folder(tmp_path, {
        "year.yaml": "year: 2023\n",
        "meetings.yaml": "- id: wg\n  kind: working-group\n  title: A working group meeting\n",
    })
    (problem,) = problems_of(tmp_path)
    assert problem.record == "meeting 'wg'"
    assert problem.message == "a working-group meeting needs the group it belongs to"


def test_bad_markup_in_a_text_names_the_field_and_the_line_of_the_text(tmp_path: Path) -> None:
    write_folder(tmp_path, {
        "year.yaml": "year: 2023\n",
        "priorities.yaml": """
            - id: digitalisation-innovation
              title: Digitalisation and innovation
              body: |
                Activities will focus on cloud services.

                ## Not a heading here
            """,
    })
    (problem,) = problems_of(tmp_path)
    assert str(problem) == (f"{tmp_path / 'priorities.yaml'}:3: priority 'digitalisation-innovation', "
                            "field 'body': a heading is not allowed in a text (line 3 of the text)")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        # what follows "not valid YAML: " is the parser's, in words that vary between releases
        ("- id: a\n  title: A\n    body: too far in\n", 3, "not valid YAML: "),
        ("- id: a\n  title: A\n- id: b\n\ttitle: tab\n", 4,
         "not valid YAML: a tab in the indentation (YAML indents with spaces only)"),
        ("- id: a\n  title: A\n  title: B\n", 3,
         "the key 'title' appears twice in one mapping (first at line 2)"),
    ],
)
def test_invalid_yaml_names_its_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    write_folder(tmp_path, {"year.yaml": "year: 2023\n", "priorities.yaml": text})
    (problem,) = problems_of(tmp_path)
    assert problem.file == tmp_path / "priorities.yaml"
    assert problem.line == line
    assert problem.message.startswith(message)


@pytest.mark.parametrize("parser", ["libyaml", "PyYAML's own"])
def test_a_tab_in_the_indentation_is_said_in_our_words_by_either_parser(
        parser: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from jhareport import yamltree

    if parser == "PyYAML's own":
        monkeypatch.setattr(yamltree, "_PARSER", None)
    elif yamltree._PARSER is None:
        pytest.skip("PyYAML is built without libyaml here")
    with pytest.raises(yamltree.YamlProblem) as raised:
        yamltree.parse("meetings:\n  - id: a\n\t  title: A\n")
    assert str(raised.value) == "not valid YAML: a tab in the indentation (YAML indents with spaces only)"
    assert raised.value.line == 3


def test_a_file_that_is_no_list_and_a_record_that_is_no_mapping(tmp_path: Path) -> None:
    write_folder(tmp_path, {
        "year.yaml": "year: 2023\n",
        "priorities.yaml": "id: a\ntitle: A\n",
        "highlights.yaml": "- id: a\n  title: A\n- just a sentence\n",
    })
    text = sorted(str(p) for p in problems_of(tmp_path))
    assert text == [
        f"{tmp_path / 'highlights.yaml'}:3: highlight #2: expected a mapping of fields",
        f"{tmp_path / 'priorities.yaml'}:1: expected a list of priority records",
    ]


def test_missing_linked_files(tmp_path: Path) -> None:
    write_folder(tmp_path, {"year.yaml": "year: 2023\nglossary: ../glossary.yaml\n"
                                         "empact: [../empact/none.yaml]\n"})
    text = sorted(str(p) for p in problems_of(tmp_path))
    assert text == [
        f"{tmp_path / 'year.yaml'}:2: year, field 'glossary': the glossary file '../glossary.yaml' "
        "does not exist",
        f"{tmp_path / 'year.yaml'}:3: year, field 'empact': the empact file '../empact/none.yaml' "
        "does not exist",
    ]


def test_duplicate_acronyms(tmp_path: Path) -> None:
    write_folder(tmp_path, {
        "year.yaml": "year: 2023\n",
        "acronyms.yaml": "- {short: JAD, long: Joint Action Day}\n- {short: JIT, long: Joint "
                         "Investigation Team}\n- {short: JAD, long: Joint Action Days}\n",
    })
    (problem,) = problems_of(tmp_path)
    assert str(problem) == f"{tmp_path / 'acronyms.yaml'}:3: duplicate acronym 'JAD' (first at line 1)"


# ---- the scorecard ----------------------------------------------------------------------------

def test_scorecard_split_per_agency_is_merged_in_field_order(tmp_path: Path) -> None:
    write_folder(tmp_path, {
        "year.yaml": "year: 2019\n",
        "scorecard/structure.yaml": STRUCTURE,
        # files are read in name order: europol.yaml, then frontex.yaml
        "scorecard/frontex.yaml": """
            - field: "3.1"
              detail: Ongoing negotiations of the WA between Frontex and CEPOL
              state: ONGOING
              agencies: [FRONTEX, CEPOL]
            - field: "1.1"
              detail: Frontex developed the 'Implementation framework' document
              state: DONE (11 JULY 2019)
              agencies: [FRONTEX, EBCGA, EASO]
            """,
        "scorecard/europol.yaml": """
            - field: "2.1"
              detail: Operational Actions and JADs on THB priority
              state: ONGOING (FROM 2017)
              agencies: [EUROPOL, FRONTEX, EUROJUST]
            - field: "1.1"
              detail: Participation in the Common Visa policy evaluations
              state: 21.02.2019
              agencies: EU-LISA
            - field: "1.2"
              detail: |
                EASO training module "Interviewing children":

                - developed with FRA
                - *published* in 2019
              state: DONE (16-17 APRIL)
              agencies: [EASO, FRA]
              bodies: [EPPO]
              note: anything else the column said
            """,
    })
    records = load_year(tmp_path)
    scorecard = records.scorecard
    assert scorecard is not None
    assert scorecard.title == "Multilateral JHA Agencies Scorecard 2019"
    assert [p.code for p in scorecard.parts] == ["A", "B"]
    assert [(a.number, a.part) for a in scorecard.areas] == [("1", "A"), ("2", "A"), ("3", "B")]
    assert [(a.field, a.detail.blocks[0].text.split()[0]) for a in scorecard.actions] == [
        ("1.1", "Participation"),  # europol.yaml before frontex.yaml within a field
        ("1.1", "Frontex"),
        ("1.2", "EASO"),
        ("2.1", "Operational"),
        ("3.1", "Ongoing"),
    ]
    as_of = date(2019, 12, 31)
    states = [a.state.format() if a.state else None for a in scorecard.actions]
    assert states[0] == "21 February 2019"
    assert states[1] == "Done (11 July 2019)"
    assert states[2] == "Done (16–17 April 2019)"  # the year comes from year.yaml
    assert scorecard.actions[3].state is not None
    assert scorecard.actions[3].state.status is Status.ONGOING
    assert [a.short_on(as_of) for a in scorecard.actions[1].agencies] == ["Frontex", "EASO"]
    assert [a.short_on(as_of) for a in scorecard.actions[0].agencies] == ["eu-LISA"]
    child = scorecard.actions[2]
    assert child.bodies == (REGISTRY.resolve("EPPO"),)
    assert child.note == "anything else the column said"
    assert [b.text for b in child.detail.blocks] == [
        'EASO training module "Interviewing children":', "developed with FRA", "published in 2019"]


def test_unknown_scorecard_field_suggests_the_closest(tmp_path: Path) -> None:
    write_folder(tmp_path, {
        "year.yaml": "year: 2019\n",
        "scorecard/structure.yaml": STRUCTURE,
        "scorecard/actions.yaml": """
            - field: "1.1"
              detail: Fine
            - field: "3.10"
              detail: Not a field of the scorecard
              state: DONE
            """,
    })
    (problem,) = problems_of(tmp_path)
    assert problem.file == tmp_path / "scorecard" / "actions.yaml"
    assert problem.line == 3
    assert problem.field == "field"
    assert problem.message == "unknown field '3.10' (did you mean '3.1'?)"


def test_scorecard_structure_problems(tmp_path: Path) -> None:
    write_folder(tmp_path, {
        "year.yaml": "year: 2019\n",
        "scorecard/structure.yaml": """
            title: Scorecard
            parts:
              - {code: A, title: Operational}
            areas:
              - {number: "1", part: A, title: Migration}
              - {number: "2", part: C, title: Security}
            fields:
              - {number: "1.1", title: Asylum}
              - {number: "4.1", title: Training coordination}
              - {number: "1.1", title: Asylum again}
            """,
    })
    s = tmp_path / "scorecard" / "structure.yaml"
    assert sorted(str(p) for p in problems_of(tmp_path)) == sorted([
        f"{s}:6: area '2', field 'part': unknown part 'C'",
        f"{s}:9: field '4.1', field 'number': no area '4' above it",
        f"{s}:10: duplicate field '1.1' (first at line 8)",
    ])


def test_scorecard_without_structure(tmp_path: Path) -> None:
    write_folder(tmp_path, {"year.yaml": "year: 2019\n",
                            "scorecard/actions.yaml": '- {field: "1.1", detail: x}\n'})
    (problem,) = problems_of(tmp_path)
    assert problem.file == tmp_path / "scorecard" / "structure.yaml"
    assert problem.message == "missing: a scorecard needs its parts, areas and fields"


def test_scorecard_state_that_cannot_be_read(tmp_path: Path) -> None:
    write_folder(tmp_path, {
        "year.yaml": "year: 2019\n",
        "scorecard/structure.yaml": STRUCTURE,
        "scorecard/actions.yaml": '- field: "1.1"\n  detail: Schengen\n  state: THROUOUT 2019\n',
    })
    (problem,) = problems_of(tmp_path)
    assert (problem.line, problem.record, problem.field) == (3, "action #1", "state")
    assert problem.message.startswith("cannot read the state of play 'THROUOUT 2019'")


# ---- wrong shapes and types ----------------------------------------------------------------

def test_sessions_written_as_a_text_is_one_clear_problem(tmp_path: Path) -> None:
    write_folder(tmp_path, {
        "year.yaml": "year: 2023\n",
        "other-activities.yaml": "- id: x\n  title: X\n  sessions: 8 June 2023\n",
    })
    (problem,) = problems_of(tmp_path)
    assert str(problem) == (f"{tmp_path / 'other-activities.yaml'}:3: other activity 'x', "
                            "field 'sessions': expected a list, got the text '8 June 2023'")


@pytest.mark.parametrize(
    ("files", "line", "field", "expected"),
    [
        ({"year.yaml": "year: 2023\n", "highlights.yaml": "- id: a\n  title: [not, a, text]\n"},
         2, "title", "expected a text, got a list"),
        ({"year.yaml": "year: twenty\n"}, 1, "year", "expected a whole number, got the text 'twenty'"),
        ({"year.yaml": "year: 2023\n",
          "working-groups.yaml": "- id: training\n  name: Training\n  permanent_chair: yes please\n"},
         3, "permanent_chair", "expected true or false, got the text 'yes please'"),
    ],
)
def test_wrong_type_messages_speak_yaml(tmp_path: Path, files: dict[str, str], line: int,
                                        field: str, expected: str) -> None:
    write_folder(tmp_path, files)
    (problem,) = problems_of(tmp_path)
    assert (problem.line, problem.field, problem.message) == (line, field, expected)


@pytest.mark.parametrize("text", ["", "- year: 2023\n", "just a sentence\n"])
def test_year_yaml_that_is_no_mapping_is_reported(tmp_path: Path, text: str) -> None:
    write_folder(tmp_path, {"year.yaml": text})
    (problem,) = problems_of(tmp_path)
    assert problem.file == tmp_path / "year.yaml"
    assert problem.line == 1
    assert problem.message.startswith("expected a mapping of fields")


@pytest.mark.parametrize(
    ("files", "file", "line", "field", "message"),
    [
        ({"year.yaml": "year: 2023\nchair: EUAA\ntrio: [CEPOL, Frontex, eu-LISA]\n"}, "year.yaml", 3,
         "trio", "the trio ['CEPOL', 'Frontex', 'eu-LISA'] does not include the chair EUAA"),
        ({"year.yaml": "year: 2023\n",
          "meetings.yaml": "- id: wg\n  kind: working-group\n  title: A working group meeting\n"},
         "meetings.yaml", 1, "group", "a working-group meeting needs the group it belongs to"),
        ({"year.yaml": "year: 2023\n",
          "meetings.yaml": "- id: hoa\n  kind: heads-of-agencies\n  title: HoA\n  group: training\n"},
         "meetings.yaml", 4, "group", "only working-group meetings have a group, not heads-of-agencies"),
        ({"year.yaml": "year: 2023\n", "priorities.yaml": "- id: Cloud_AI\n  title: Cloud and AI\n"},
         "priorities.yaml", 1, "id", "id 'Cloud_AI' must be lowercase words joined by '-'"),
    ],
)
def test_validator_problems_name_line_and_field(tmp_path: Path, files: dict[str, str], file: str,
                                                line: int, field: str, message: str) -> None:
    write_folder(tmp_path, files)
    (problem,) = problems_of(tmp_path)
    assert problem.file == tmp_path / file
    assert (problem.line, problem.field, problem.message) == (line, field, message)


def test_problems_of_a_broken_record_are_all_reported_at_once(tmp_path: Path) -> None:
    write_folder(tmp_path, {
        "year.yaml": YEAR,
        "thematic-events.yaml": """
            - id: conference
              topic: digitalization
              title: Conference on digital innovation
              sessions:
                - date: 31 February 2023
            """,
        "highlights.yaml": """
            - id: same
              title: First
            - id: same
              title: [second]
            """,
    })
    messages = [p.message for p in problems_of(tmp_path)]
    assert "there is no day 31 in February 2023" in messages
    assert "expected a text, got a list" in messages
    assert any(m.startswith("unknown priority topic 'digitalization'") for m in messages)
    assert any(m.startswith("duplicate highlight id 'same'") for m in messages)


def test_references_are_checked_on_records_with_other_problems(tmp_path: Path) -> None:
    write_folder(tmp_path, {
        "year.yaml": "year: 2023\nchair: EUAA\ntrio: [CEPOL, Frontex, eu-LISA]\n"
                     "priority_topics:\n  - id: digitalisation\n    title: Digitalisation\n",
        "thematic-events.yaml": """
            - id: conference
              topic: digitalization
              title: [not, a, text]
            """,
        "working-groups.yaml": """
            - id: training
              name: Working Group on Training
              permanent_chair: yes please
            """,
        "meetings.yaml": """
            - id: wg-training
              kind: working-group
              title: Training
              group: training
              sessions:
                - date: 31 February 2023
            - id: wg-typo
              kind: working-group
              title: Typo
              group: trainig
              colour: red
            """,
    })
    problems = problems_of(tmp_path)
    m, e = tmp_path / "meetings.yaml", tmp_path / "thematic-events.yaml"
    assert sorted(str(p) for p in problems if p.file in (m, e)) == sorted([
        f"{e}:2: thematic event 'conference', field 'topic': unknown priority topic "
        "'digitalization' (did you mean 'digitalisation'?)",
        f"{e}:3: thematic event 'conference', field 'title': expected a text, got a list",
        f"{m}:6: meeting 'wg-training', field 'sessions[0].date': there is no day 31 in "
        "February 2023",
        # a working group that has a problem of its own is still known to its meetings
        f"{m}:10: meeting 'wg-typo', field 'group': unknown working group 'trainig' "
        "(did you mean 'training'?)",
        f"{m}:11: meeting 'wg-typo', field 'colour': unknown field 'colour'",
    ])
    # the year, whose trio is wrong, still gives its priority topics
    assert len(problems) == 7


def test_a_field_with_a_problem_is_not_reported_again_as_unknown(tmp_path: Path) -> None:
    write_folder(tmp_path, {
        "year.yaml": YEAR,
        "thematic-events.yaml": "- id: conference\n  topic: Digital_Innovation\n  title: C\n",
    })
    (problem,) = problems_of(tmp_path)
    assert (problem.line, problem.field) == (2, "topic")
    assert problem.message == "topic 'Digital_Innovation' must be lowercase words joined by '-'"


def test_no_unknown_references_when_the_list_they_name_cannot_be_read(tmp_path: Path) -> None:
    write_folder(tmp_path, {
        "year.yaml": "year: 2023\npriority_topics: digitalisation\n",
        "thematic-events.yaml": "- id: conference\n  topic: digitalisation\n  title: C\n",
        "working-groups.yaml": "- id: training\n   name: indented one space too far\n",
        "meetings.yaml": "- id: wg\n  kind: working-group\n  title: WG\n  group: training\n",
    })
    found = sorted(str(p) for p in problems_of(tmp_path))
    assert len(found) == 2
    assert found[0].startswith(f"{tmp_path / 'working-groups.yaml'}:2: not valid YAML: ")
    assert found[1] == (f"{tmp_path / 'year.yaml'}:2: year, field 'priority_topics': expected a "
                        "list, got the text 'digitalisation'")


def test_duplicates_among_records_with_other_problems(tmp_path: Path) -> None:
    write_folder(tmp_path, {
        "2023/year.yaml": "year: 2023\nglossary: ../glossary.yaml\nempact: ../plan.yaml\n",
        "glossary.yaml": "- {short: JAD, long: Joint Action Day}\n- {short: JAD}\n",
        "plan.yaml": """
            plan: OAP 2023 Firearms
            year: 2023
            priority: Firearms trafficking
            actions:
              - {reference: "1.1", title: Joint action days, leader: Europol}
              - {reference: "1.1", title: Training, leader: Europl}
            """,
    })
    text = [str(p) for p in problems_of(tmp_path / "2023")]
    g, p = tmp_path / "glossary.yaml", tmp_path / "plan.yaml"
    assert f"{g}:2: acronym 'JAD', field 'long': missing field 'long'" in text
    assert f"{g}:2: duplicate acronym 'JAD' (first at line 1)" in text
    assert f"{p}:6: duplicate reference '1.1' (first at line 5)" in text
    assert any(t.startswith(f"{p}:6: plan, field 'actions[1].leader': unknown agency or body "
                            "'Europl'") for t in text)
    assert len(text) == 4


def test_scorecard_structure_problems_of_broken_records_at_once(tmp_path: Path) -> None:
    write_folder(tmp_path, {
        "year.yaml": "year: 2019\n",
        "scorecard/structure.yaml": """
            title: Scorecard
            parts:
              - {code: A, title: Operational}
            areas:
              - {number: "1", part: A, title: Migration}
              - {number: "2", part: C}
              - {number: "3", part: b, title: Lowercase part}
            fields:
              - {number: "1.1", title: Asylum}
              - {number: "4.1"}
              - {number: "1.1"}
            """,
        "scorecard/europol.yaml": '- field: "1.2"\n  detail: Schengen\n  state: SOMETIME\n',
    })
    s, a = tmp_path / "scorecard" / "structure.yaml", tmp_path / "scorecard" / "europol.yaml"
    text = [str(p) for p in problems_of(tmp_path)]
    assert sorted(text) == sorted([
        f"{s}:6: area '2', field 'part': unknown part 'C'",
        f"{s}:6: area '2', field 'title': missing field 'title'",
        f"{s}:7: area '3', field 'part': part must be one capital letter, such as A or B, not 'b'",
        f"{s}:10: field '4.1', field 'number': no area '4' above it",
        f"{s}:10: field '4.1', field 'title': missing field 'title'",
        f"{s}:11: field '1.1', field 'title': missing field 'title'",
        f"{s}:11: duplicate field '1.1' (first at line 9)",
        f"{a}:1: action #1, field 'field': unknown field '1.2' (did you mean '1.1'?)",
        f"{a}:3: action #1, field 'state': cannot read the state of play 'SOMETIME': cannot read "
        "'SOMETIME' as a date or period (write ONGOING, DONE, PLANNED 2020-2021, THROUGHOUT 2019, "
        "DONE (11 July 2019) or a date)",
    ])


def test_scorecard_actions_are_read_even_when_the_structure_cannot_be(tmp_path: Path) -> None:
    write_folder(tmp_path, {
        "year.yaml": "year: 2019\n",
        "scorecard/structure.yaml": "title: Scorecard\nparts:\n  - {code: A\n",
        "scorecard/europol.yaml": '- field: "1.9"\n  detail: Schengen\n  colour: red\n',
    })
    problems = problems_of(tmp_path)
    assert [(p.file.name, p.field) for p in problems] == [("structure.yaml", None),
                                                          ("europol.yaml", "colour")]
    assert problems[0].message.startswith("not valid YAML: ")


# -- records are built straight from their mappings; cattrs' detailed converter says what fails --

@pytest.mark.parametrize(("year", "locale"), [("2017", None), ("2019", None), ("2020", None),
                                              ("2023", None), ("2023", "fr"), ("2019", "de")])
def test_the_records_are_those_the_detailed_converter_builds(
        year: str, locale: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = Path(__file__).resolve().parents[1] / "fixtures" / year
    records = load_year(folder, locale)

    def refused(self: object, cls: type) -> object:
        raise TypeError(cls)

    monkeypatch.setattr(loading._Structurer, "_record", refused)
    assert load_year(folder, locale) == records
