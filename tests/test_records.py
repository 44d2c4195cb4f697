"""Records built in code: plain values are converted, invalid ones refused with the field named."""

from __future__ import annotations

from datetime import date

import pytest

from jhareport.agencies import REGISTRY, Agency, Body, UnknownNameError
from jhareport.markup import ListKind
from jhareport.periods import PeriodError, Status, format_period, format_periods
from jhareport.records import (
    Foreword,
    Highlight,
    Meeting,
    MeetingKind,
    NetworkYear,
    OperationalAction,
    PriorityTopic,
    ScorecardAction,
    ScorecardField,
    Session,
    Signatory,
    ThematicEvent,
    TimelineEntry,
    WorkingGroup,
)


def test_highlight_from_plain_values() -> None:
    highlight = Highlight(
        "cepol-emcdda-drugs-training",
        "Close cooperation in drugs-related training between CEPOL and EMCDDA",
        agencies=("Cepol", "EMCDDA"),
        body="CEPOL and EMCDDA have been collaborating *since 2008*.\n\n- joint courses\n- webinars",
    )
    assert [a.short_on(date(2023, 12, 31)) for a in highlight.agencies] == ["CEPOL", "EMCDDA"]
    assert [a.short_on(date(2024, 12, 31)) for a in highlight.agencies] == ["CEPOL", "EUDA"]
    assert highlight.body.blocks[0].text == "CEPOL and EMCDDA have been collaborating since 2008."
    assert [b.list_kind for b in highlight.body.blocks[1:]] == [ListKind.BULLET, ListKind.BULLET]


def test_agencies_are_each_kept_once_in_the_order_given() -> None:
    highlight = Highlight("h", "Title", agencies=["EU-LISA", "Frontex", "euLISA", "EBCGA", "EASO", "EUAA"])
    assert [a.code for a in highlight.agencies] == ["eu-LISA", "Frontex", "EUAA"]


def test_all_jha_agencies_stands_for_the_nine() -> None:
    action = ScorecardAction("5", "Developments of Infographics", state="DONE",
                             agencies=["ALL JHA Agencies"])
    assert len(action.agencies) == 9
    assert set(action.agencies) == set(REGISTRY.agencies)


def test_network_year_from_plain_values() -> None:
    year = NetworkYear(
        2023,
        chair="EUAA",
        trio=["CEPOL", "EUAA", "eu-LISA"],
        next_chair="EU-LISA",
        observers=["DG HOME", "DG JUST", "EEAS", "LIBE Secretariat",
                   "General Secretariat of the Council of the EU"],
        foreword=Foreword("Foreword by the Executive Director of the EUAA", "Text.",
                          Signatory("Nina Gregori", "Executive Director of EUAA")),
        about="Nine agencies[^1].\n\n[^1]: CEPOL, EIGE, EMCDDA, EUAA, eu-LISA, Eurojust, "
              "Europol, FRA and Frontex.",
        priority_topics=[PriorityTopic("digitalisation", "Digitalisation", intro="Intro.")],
    )
    assert year.chair is not None and year.chair.short_on(year.as_of) == "EUAA"
    assert year.next_chair is REGISTRY.resolve("eu-LISA")
    assert [o.short for o in year.observers] == ["DG HOME", "DG JUST", "EEAS", "LIBE Secretariat", "GSC"]
    assert year.about is not None and year.about.footnotes[0].text.startswith("CEPOL, EIGE")
    assert year.as_of == date(2023, 12, 31)


def test_meeting_with_sessions_from_date_texts() -> None:
    meeting = Meeting(
        "working-group-data-protection", "working-group", "Working Group on Data Protection",
        group="data-protection", format="hybrid", place="Malta",
        agencies=["EUAA", "Europol"], bodies=["EDPS"],
        sessions=[Session("20 April 2023", "Meeting of the Working Group on Data Protection"),
                  Session("2023-12-11", "2nd meeting of the Working Group on Data Protection")],
        body="Text.",
    )
    assert meeting.kind is MeetingKind.WORKING_GROUP and not meeting.kind.horizontal
    assert meeting.format is not None and meeting.format.value == "hybrid"
    assert isinstance(meeting.bodies[0], Body) and meeting.bodies[0].short == "EDPS"
    assert format_periods([s.date for s in meeting.sessions]) == "20 April 2023 and 11 December 2023"


def test_timeline_entry_and_thematic_event_from_plain_values() -> None:
    entry = TimelineEntry("Q1-2 2024", "Presentation of the JHAAN Annual Report 2023 to COSI")
    assert format_period(entry.date) == "Q1–Q2 2024"
    event = ThematicEvent("digital-innovation-conference", "digitalisation",
                          "Conference on digital innovation",
                          sessions=[Session("13 & 14 June 2023", "Digitalisation Conference")])
    assert format_period(event.sessions[0].date) == "13–14 June 2023"


def test_scorecard_action_from_plain_values() -> None:
    action = ScorecardAction(
        "1.1", "FRA - EASO roundtable on age assessment (Madrid)", state="21.02.2019",
        agencies=["EASO", "FRA"], bodies=["EPPO"])
    assert action.area == "1"
    assert action.state is not None and action.state.status is Status.DATED
    assert action.state.format() == "21 February 2019"
    assert [a.short_on(date(2019, 12, 31)) for a in action.agencies] == ["EASO", "FRA"]
    assert ScorecardField("2.9", "EES, ETIAS and interoperability").area == "2"


def test_operational_action_leaders_may_be_member_states() -> None:
    action = OperationalAction("2.1", "Task Force Western Balkans", leader="AT",
                               co_leaders=["DE", "RO", "EUROPOL"], participants=["EUROJUST", "Albania"])
    assert isinstance(action.leader, Body) and action.leader.full == "Austria"
    assert [c.short for c in action.co_leaders] == ["DE", "RO", "Europol"]
    assert isinstance(action.co_leaders[2], Agency)


# ---- invalid values: refused, with the field named ----------------------------------------

@pytest.mark.parametrize("bad", ["Bad_Id", "two words", "Upper", "trailing-", "-leading", "a--b", ""])
def test_bad_id_is_refused_naming_the_field(bad: str) -> None:
    with pytest.raises(ValueError, match=f"^id {bad!r} must be lowercase words joined by '-'$"):
        Highlight(bad, "Title")


def test_empty_title_is_refused() -> None:
    with pytest.raises(ValueError, match=r"^title must be a non-empty text$"):
        Highlight("h", "   ")


def test_working_group_meeting_needs_its_group() -> None:
    with pytest.raises(ValueError, match="a working-group meeting needs the group it belongs to"):
        Meeting("wg", "working-group", "Working Group on Communication")


def test_only_working_group_meetings_have_a_group() -> None:
    with pytest.raises(ValueError, match="only working-group meetings have a group, not heads-of-agencies"):
        Meeting("hoa", "heads-of-agencies", "Heads of Agencies meeting", group="communication")


def test_unknown_meeting_kind_and_format_are_refused() -> None:
    with pytest.raises(ValueError, match=r"^'party' is not a kind of meeting \(one of: "
                       r"heads-of-agencies, presidency, .*, working-group\)$"):
        Meeting("m", "party", "Title")
    with pytest.raises(ValueError, match=r"^'in-person' is not a meeting format \(one of: in "
                       r"person, online, hybrid\)$"):
        Meeting("m", "horizontal", "Title", format="in-person")


@pytest.mark.parametrize("body", ["DG HOME", "EPPO", "AT"])
def test_a_body_is_not_an_agency(body: str) -> None:
    with pytest.raises(ValueError, match=f"{body!r} is .*, not an agency of the network "
                                         r"\(list it under bodies\)"):
        Highlight("h", "Title", agencies=["Europol", body])


def test_a_body_cannot_chair() -> None:
    with pytest.raises(ValueError, match="'DG HOME' is Directorate-General for Migration and Home "
                                         "Affairs, not an agency of the network"):
        NetworkYear(2023, chair="DG HOME")


def test_unknown_agency_is_refused_with_a_suggestion() -> None:
    with pytest.raises(UnknownNameError, match=r"'Eurojst' \(did you mean 'Eurojust'\?\)"):
        WorkingGroup("training", "Working Group on Training", chair="Eurojst")


def test_trio_must_include_the_chair() -> None:
    with pytest.raises(ValueError, match=r"the trio \['CEPOL', 'eu-LISA', 'Frontex'\] does not "
                                         "include the chair EUAA"):
        NetworkYear(2023, chair="EUAA", trio=["CEPOL", "eu-LISA", "Frontex"])


def test_trio_may_name_the_chair_by_its_old_name() -> None:
    year = NetworkYear(2023, chair="EUAA", trio=["CEPOL", "EASO", "eu-LISA"])
    assert year.chair in year.trio


@pytest.mark.parametrize("year", [1999, 2101])
def test_year_out_of_range_is_refused(year: int) -> None:
    with pytest.raises(ValueError, match=f"^year must be a whole number from 2010 to 2100, not {year}$"):
        NetworkYear(year)


def test_impossible_session_date_is_refused() -> None:
    with pytest.raises(PeriodError, match="there is no day 31 in February 2023"):
        Session("31 February 2023")


def test_scorecard_field_must_be_a_number() -> None:
    with pytest.raises(ValueError, match=r"field '1\.x' must be a number such as \"1\" or \"1\.2\""):
        ScorecardAction("1.x", "Detail")


def test_foreword_needs_a_signatory_name() -> None:
    with pytest.raises(ValueError, match=r"^name must be a non-empty text$"):
        Signatory("", "Executive Director of EUAA")


def test_a_single_agency_as_a_plain_string() -> None:
    highlight = Highlight("h", "Title", agencies="Europol")
    assert [a.code for a in highlight.agencies] == ["Europol"]


def test_sessions_given_as_date_texts_are_converted() -> None:
    meeting = Meeting("m", "horizontal", "Title", sessions=["8 June 2023", Session("9 June 2023")])
    assert all(isinstance(s, Session) for s in meeting.sessions)
    assert format_periods([s.date for s in meeting.sessions]) == "8–9 June 2023"
    with pytest.raises(PeriodError, match="cannot read 'junk' as a date or period"):
        Meeting("m", "horizontal", "Title", sessions=["junk"])
