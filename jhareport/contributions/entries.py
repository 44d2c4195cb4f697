"""What a form shows of a record: its entries, as plain values every step agrees on.

A record shows in a form as a few entries (a title, a choice, the agencies ticked, a formatted
text). The form writer makes them from the records, the reader reads them back from what Word or
LibreOffice saved, the forms' base keeps them as the forms showed them, and the merge compares
them entry by entry. Each value is a plain string (one line, or Markdown for a text) or a list of
strings (agencies by code, other partners, dates): what JSON and YAML hold as they are.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from attrs import frozen

from ..agencies import REGISTRY, Actor, Agency
from ..periods import StateOfPlay, Status, format_period
from ..records import Highlight, Meeting, OtherActivity, ScorecardAction, Session, ThematicEvent
from .text import markdown, markup_text

__all__ = [
    "CHOOSE",
    "EMPTY_CHOICES",
    "FORMATS",
    "HORIZONTAL",
    "KINDS",
    "NONE",
    "SET_ENTRIES",
    "STATUSES",
    "Entries",
    "Kind",
    "agency_codes",
    "record_entries",
    "same",
    "session_line",
    "state_parts",
    "state_text",
]

Entries = dict[str, Any]
"""A record's entries by name: strings, or lists of strings."""

STATUSES = ("Ongoing", "Done", "Planned", "Throughout", "Dated")
_STATUS_OF = {Status.ONGOING: "Ongoing", Status.DONE: "Done", Status.PLANNED: "Planned",
              Status.THROUGHOUT: "Throughout", Status.DATED: "Dated"}
FORMATS = ("in person", "online", "hybrid")
CHOOSE = "(choose)"
NONE = "(none)"
HORIZONTAL = "(none: a horizontal meeting)"
EMPTY_CHOICES = ("", CHOOSE, NONE, HORIZONTAL)

SET_ENTRIES = ("agencies", "others")
"""Entries merged as sets: each agency's ticks and unticks land, whoever else changed them."""


@frozen
class Kind:
    """A kind of record the forms collect: its words, its file and its entries."""

    code: str  # event, meeting…: how records and conflicts name it ("event:brussels-briefing")
    name: str  # as agency staff read it: "thematic event"
    plural: str
    file: str | None  # the year's file of these records; None: the scorecard's folder
    labels: dict[str, str]  # entry -> its label in the form, in form order
    yaml: dict[str, str]  # entry -> the YAML key it fills

    @property
    def title(self) -> str:
        """The heading of a record's table in the form: "Thematic event"."""
        return self.name[0].upper() + self.name[1:]

    @property
    def new_title(self) -> str:
        return f"New {self.name}"


_COMMON = {"title": "title", "agencies": "agencies", "others": "bodies", "format": "format",
           "place": "place", "dates": "sessions", "text": "body"}
KINDS: dict[str, Kind] = {kind.code: kind for kind in (
    Kind("action", "scorecard action", "scorecard actions", None,
         {"field": "Field", "action": "Action", "state": "State of play", "when": "When",
          "agencies": "Agencies involved", "others": "Other partners"},
         {"field": "field", "action": "detail", "state": "state", "when": "state",
          "agencies": "agencies", "others": "bodies"}),
    Kind("meeting", "meeting", "meetings", "meetings.yaml",
         {"title": "Title", "group": "Working group", "agencies": "Agencies",
          "others": "Other partners", "format": "Format", "place": "Place", "dates": "Dates",
          "text": "Text"},
         {**_COMMON, "group": "group"}),
    Kind("event", "thematic event", "thematic events", "thematic-events.yaml",
         {"title": "Title", "topic": "Priority topic", "agencies": "Agencies",
          "others": "Other partners", "format": "Format", "place": "Place", "dates": "Dates",
          "text": "Text"},
         {**_COMMON, "topic": "topic"}),
    Kind("activity", "other activity", "other activities", "other-activities.yaml",
         {"title": "Title", "agencies": "Agencies", "others": "Other partners",
          "format": "Format", "place": "Place", "dates": "Dates", "text": "Text"},
         dict(_COMMON)),
    Kind("highlight", "highlight", "highlights", "highlights.yaml",
         {"title": "Title", "agencies": "Agencies", "text": "Text"},
         {"title": "title", "agencies": "agencies", "text": "body"}),
)}
"""The kinds of records, in the order the forms show them."""


def state_parts(state: StateOfPlay | None) -> tuple[str, str]:
    """The state of play as the form's two entries: the choice and when."""
    if state is None:
        return "", ""
    when = format_period(state.period) if state.period else ""
    if state.remark == "since" and when:
        when = f"since {when}"
    elif state.remark and when:
        when = f"{state.remark} in {when}"
    elif state.remark:
        when = state.remark
    return _STATUS_OF[state.status], when


def state_text(status: str, when: str) -> str:
    """A state of play written as the fixtures write it: ONGOING, DONE (11 July 2019), a date."""
    if status.casefold() == "dated" or not status:
        return when
    word = status.upper()
    if not when:
        return word
    if status.casefold() in ("planned", "throughout"):
        return f"{word} {when}"
    return f"{word} ({when})"


def agency_codes(agencies: tuple[Agency, ...]) -> list[str]:
    """Agencies in the registry's order, as a form lists its check boxes."""
    chosen = {a.code for a in agencies}
    return [a.code for a in REGISTRY.agencies if a.code in chosen]


def _names(actors: tuple[Actor, ...], day: date) -> list[str]:
    return [a.short_on(day) for a in actors]


def session_line(session: Session) -> str:
    line = format_period(session.date)
    return f"{line} (list of events: {session.timeline})" if session.timeline else line


def record_entries(kind: str, record: Any, day: date, topics: dict[str, str],
                   groups: dict[str, str]) -> Entries:
    """What the form shows of a record; `topics` and `groups` map priority topics' and working
    groups' ids to their titles."""
    if kind == "action":
        assert isinstance(record, ScorecardAction)
        status, when = state_parts(record.state)
        return {"field": record.field, "action": markdown(markup_text(record.detail)),
                "state": status, "when": when, "agencies": agency_codes(record.agencies),
                "others": _names(record.bodies, day)}
    assert isinstance(record, Meeting | ThematicEvent | OtherActivity | Highlight)
    entries: Entries = {"title": record.title}
    if isinstance(record, ThematicEvent):
        entries["topic"] = topics.get(record.topic, record.topic)
    if isinstance(record, Meeting):
        entries["group"] = groups.get(record.group, record.group) if record.group else ""
    entries["agencies"] = agency_codes(record.agencies)
    if not isinstance(record, Highlight):
        entries["others"] = _names(record.bodies, day)
        entries["format"] = record.format.value if record.format else ""
        entries["place"] = record.place or ""
        entries["dates"] = [session_line(s) for s in record.sessions]
    entries["text"] = markdown(markup_text(record.body))
    return entries


def _folded(value: Any, entry: str) -> Any:
    if isinstance(value, str):
        text = " ".join(value.split())
        return "" if text in EMPTY_CHOICES else text
    if entry in SET_ENTRIES:
        return sorted({" ".join(str(v).split()).casefold() for v in value})
    return [" ".join(str(v).split()) for v in value]


def same(entry: str, first: Any, second: Any) -> bool:
    """Whether two values of an entry read the same: spaces and the empty choices aside, and
    the agencies and other partners in any order."""
    if entry in ("action", "text"):
        return str(first).strip() == str(second).strip()
    return bool(_folded(first, entry) == _folded(second, entry))
