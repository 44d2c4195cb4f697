"""The records of a network year: frozen, typed, validated on construction, with no I/O.

Records built in code may pass plain values where a parsed one is expected: agency spellings,
period texts and Markdown are converted on construction, so that
``Highlight("h", "Title", agencies=("Europol", "Eurojust"), body="Text")`` is a valid record.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from enum import Enum
from typing import Any

import attrs
from attrs import Attribute, field, frozen, validators

from .agencies import REGISTRY, Actor, Agency, Body
from .markup import Markup, to_markup
from .periods import Period, StateOfPlay, parse_period, parse_state

__all__ = [
    "Acronym",
    "Foreword",
    "Format",
    "Highlight",
    "Meeting",
    "MeetingKind",
    "NetworkProduct",
    "NetworkYear",
    "OperationalAction",
    "OperationalActionPlan",
    "OtherActivity",
    "Priority",
    "PriorityTopic",
    "Scorecard",
    "ScorecardAction",
    "ScorecardArea",
    "ScorecardField",
    "ScorecardPart",
    "Session",
    "Signatory",
    "ThematicEvent",
    "TimelineEntry",
    "WorkingGroup",
    "YearRecords",
]

_EMPTY = Markup.parse("")


def _tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    """Lists from YAML and tuples from code alike become tuples."""
    return tuple(values)


_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class FieldError(ValueError):
    """A record's field that fails its validation; `field` names it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _identifier(instance: Any, attribute: Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise FieldError(attribute.name,
                         f"{attribute.name} {value!r} must be lowercase words joined by '-'")


def _text(instance: Any, attribute: Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise FieldError(attribute.name, f"{attribute.name} must be a non-empty text")


def _agency(value: str | Agency) -> Agency:
    return value if isinstance(value, Agency) else REGISTRY.agency(value)


def _optional_agency(value: str | Agency | None) -> Agency | None:
    return None if value is None else _agency(value)


def _actor(value: str | Actor) -> Actor:
    return value if isinstance(value, Agency | Body) else REGISTRY.resolve(value)


def _agencies(values: Iterable[str | Agency]) -> tuple[Agency, ...]:
    """Agencies, each once, in the order given; "ALL JHA AGENCIES" stands for the nine."""
    found: list[Agency] = []
    for value in [values] if isinstance(values, str) else values:
        resolved = [value] if isinstance(value, Agency) else list(REGISTRY.resolve_all([value]))
        for actor in resolved:
            if not isinstance(actor, Agency):
                raise ValueError(f"{value!r} is {actor.full}, not an agency of the network "
                                 "(list it under bodies)")
            if actor not in found:
                found.append(actor)
    return tuple(found)


def _actors(values: Iterable[str | Actor]) -> tuple[Actor, ...]:
    found: list[Actor] = []
    for value in [values] if isinstance(values, str) else values:
        resolved = ([value] if isinstance(value, Agency | Body)
                    else list(REGISTRY.resolve_all([value])))
        found.extend(a for a in resolved if a not in found)
    return tuple(found)


def _period(value: str | Period) -> Period:
    return value if isinstance(value, Period) else parse_period(value)


def _optional_markup(value: str | Markup | None) -> Markup | None:
    return None if value is None else to_markup(value)


def _strings(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


class Format(Enum):
    """How a meeting was held."""

    IN_PERSON = "in person"
    ONLINE = "online"
    HYBRID = "hybrid"


def _format(value: str | Format | None) -> Format | None:
    return None if value is None else Format(value)


class MeetingKind(Enum):
    """The network's horizontal meetings, and working-group meetings."""

    HEADS_OF_AGENCIES = "heads-of-agencies"
    PRESIDENCY = "presidency"
    CONTACT_POINTS = "contact-points"
    TRIO_COORDINATION = "trio-coordination"
    HORIZONTAL = "horizontal"
    WORKING_GROUP = "working-group"

    @property
    def horizontal(self) -> bool:
        return self is not MeetingKind.WORKING_GROUP


@frozen
class Signatory:
    name: str = field(validator=_text)
    role: str = field(validator=_text)


@frozen
class Foreword:
    title: str = field(validator=_text)
    text: Markup = field(converter=to_markup)
    signatory: Signatory | None = None


@frozen
class PriorityTopic:
    """One of the year's thematic priorities, under which thematic events are grouped."""

    id: str = field(validator=_identifier)
    title: str = field(validator=_text)
    intro: Markup | None = field(default=None, converter=_optional_markup)


@frozen
class NetworkYear:
    """The year itself: who chairs, the texts that open the report, the year's priorities."""

    year: int = field(validator=validators.and_(validators.instance_of(int),
                                                validators.ge(2010), validators.le(2100)))
    chair: Agency | None = field(default=None, converter=_optional_agency)
    trio: tuple[Agency, ...] = field(default=(), converter=_agencies)
    next_chair: Agency | None = field(default=None, converter=_optional_agency)
    council_presidencies: tuple[str, ...] = field(default=(), converter=_strings)
    foreword: Foreword | None = None
    about: Markup | None = field(default=None, converter=_optional_markup)
    executive_summary: Markup | None = field(default=None, converter=_optional_markup)
    observers: tuple[Actor, ...] = field(default=(), converter=_actors)
    priority_topics: tuple[PriorityTopic, ...] = field(default=(), converter=_tuple)
    working_groups_intro: Markup | None = field(default=None, converter=_optional_markup)

    @trio.validator
    def _trio_has_chair(self, attribute: Attribute[tuple[Agency, ...]],
                        value: tuple[Agency, ...]) -> None:
        if value and self.chair is not None and self.chair not in value:
            raise FieldError("trio", f"the trio {[a.short for a in value]} does not include the "
                             f"chair {self.chair.short}")

    @property
    def as_of(self) -> date:
        """The day whose agency names the report uses: the last of the year."""
        return date(self.year, 12, 31)


@frozen
class Session:
    """One date of a meeting or event; with a `timeline` label it is an entry of the timeline."""

    date: Period = field(converter=_period)
    timeline: str | None = None


@frozen
class WorkingGroup:
    id: str = field(validator=_identifier)
    name: str = field(validator=_text)
    chair: Agency | None = field(default=None, converter=_optional_agency)
    permanent_chair: bool = False


def _session(value: Session | str | Period | dict[str, Any]) -> Session:
    if isinstance(value, Session):
        return value
    if isinstance(value, str | Period):
        return Session(value)
    if isinstance(value, dict):
        return Session(**value)
    raise ValueError(f"a session is a date or a mapping with date and timeline, not {value!r}")


def _sessions(values: Iterable[Session | str | Period | dict[str, Any]]) -> tuple[Session, ...]:
    return tuple(_session(v) for v in values)


@frozen
class Meeting:
    """A horizontal meeting of the network, or a meeting of one of its working groups."""

    id: str = field(validator=_identifier)
    kind: MeetingKind = field(converter=MeetingKind)
    title: str = field(validator=_text)
    body: Markup = field(default=_EMPTY, converter=to_markup)
    group: str | None = field(default=None)
    format: Format | None = field(default=None, converter=_format)
    place: str | None = None
    agencies: tuple[Agency, ...] = field(default=(), converter=_agencies)
    bodies: tuple[Actor, ...] = field(default=(), converter=_actors)
    sessions: tuple[Session, ...] = field(default=(), converter=_sessions)

    @group.validator
    def _group_for_working_groups(self, attribute: Attribute[str | None],
                                  value: str | None) -> None:
        if self.kind is MeetingKind.WORKING_GROUP and not value:
            raise FieldError("group", "a working-group meeting needs the group it belongs to")
        if self.kind is not MeetingKind.WORKING_GROUP and value:
            raise FieldError("group",
                             f"only working-group meetings have a group, not {self.kind.value}")


@frozen
class ThematicEvent:
    """An event held under one of the year's priority topics."""

    id: str = field(validator=_identifier)
    topic: str = field(validator=_identifier)
    title: str = field(validator=_text)
    body: Markup = field(default=_EMPTY, converter=to_markup)
    format: Format | None = field(default=None, converter=_format)
    place: str | None = None
    agencies: tuple[Agency, ...] = field(default=(), converter=_agencies)
    bodies: tuple[Actor, ...] = field(default=(), converter=_actors)
    sessions: tuple[Session, ...] = field(default=(), converter=_sessions)


@frozen
class OtherActivity:
    """An activity of the network outside the year's priorities."""

    id: str = field(validator=_identifier)
    title: str = field(validator=_text)
    body: Markup = field(default=_EMPTY, converter=to_markup)
    format: Format | None = field(default=None, converter=_format)
    place: str | None = None
    agencies: tuple[Agency, ...] = field(default=(), converter=_agencies)
    bodies: tuple[Actor, ...] = field(default=(), converter=_actors)
    sessions: tuple[Session, ...] = field(default=(), converter=_sessions)


@frozen
class NetworkProduct:
    """A joint product of the network: a paper, a video, a brochure."""

    id: str = field(validator=_identifier)
    title: str = field(validator=_text)
    body: Markup = field(default=_EMPTY, converter=to_markup)
    format: Format | None = field(default=None, converter=_format)
    place: str | None = None
    agencies: tuple[Agency, ...] = field(default=(), converter=_agencies)
    bodies: tuple[Actor, ...] = field(default=(), converter=_actors)
    sessions: tuple[Session, ...] = field(default=(), converter=_sessions)


@frozen
class Highlight:
    """A highlight of inter-agency cooperation in the year."""

    id: str = field(validator=_identifier)
    title: str = field(validator=_text)
    agencies: tuple[Agency, ...] = field(default=(), converter=_agencies)
    body: Markup = field(default=_EMPTY, converter=to_markup)


@frozen
class Priority:
    """A priority of the network for the next year."""

    id: str = field(validator=_identifier)
    title: str = field(validator=_text)
    body: Markup = field(default=_EMPTY, converter=to_markup)


@frozen
class TimelineEntry:
    """An entry of the year's list of events; `source` is the id of the record it comes from."""

    date: Period = field(converter=_period)
    label: str = field(validator=_text)
    source: str | None = None


_NUMBER = re.compile(r"\d+(?:\.\d+)*")


def _number(instance: Any, attribute: Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not _NUMBER.fullmatch(value):
        raise FieldError(attribute.name,
                         f"{attribute.name} {value!r} must be a number such as \"1\" or \"1.2\"")


@frozen
class ScorecardPart:
    """Part A (operational cooperation) or B (horizontal cooperation) of the scorecard."""

    code: str = field(validator=validators.matches_re(r"[A-Z]"))
    title: str = field(validator=_text)


@frozen
class ScorecardArea:
    number: str = field(validator=_number)
    part: str = field(validator=validators.matches_re(r"[A-Z]"))
    title: str = field(validator=_text)


@frozen
class ScorecardField:
    number: str = field(validator=_number)
    title: str = field(validator=_text)

    @property
    def area(self) -> str:
        return self.number.split(".")[0]


def _state(value: str | StateOfPlay | None) -> StateOfPlay | None:
    if value is None or isinstance(value, StateOfPlay):
        return value
    return parse_state(value)


@frozen
class ScorecardAction:
    """A joint action of the scorecard, under one field."""

    # The attribute is named as the scorecard's column, so attrs.field is spelt out below.
    field: str = attrs.field(validator=_number)
    detail: Markup = attrs.field(converter=to_markup)
    state: StateOfPlay | None = attrs.field(default=None, converter=_state)
    agencies: tuple[Agency, ...] = attrs.field(default=(), converter=_agencies)
    bodies: tuple[Actor, ...] = attrs.field(default=(), converter=_actors)
    note: str | None = None

    @property
    def area(self) -> str:
        return self.field.split(".")[0]


@frozen
class Scorecard:
    """The year's scorecard: its structure and every action."""

    title: str = field(validator=_text)
    parts: tuple[ScorecardPart, ...] = field(converter=_tuple)
    areas: tuple[ScorecardArea, ...] = field(converter=_tuple)
    fields: tuple[ScorecardField, ...] = field(converter=_tuple)
    actions: tuple[ScorecardAction, ...] = field(default=(), converter=_tuple)


@frozen
class Acronym:
    short: str = field(validator=_text)
    long: str = field(validator=_text)


@frozen
class OperationalAction:
    """An operational action of an EMPACT operational action plan."""

    reference: str = field(validator=_number)
    title: str = field(validator=_text)
    leader: Actor = field(converter=_actor)
    co_leaders: tuple[Actor, ...] = field(default=(), converter=_actors)
    participants: tuple[Actor, ...] = field(default=(), converter=_actors)
    goal: str | None = None
    type: str | None = None


@frozen
class OperationalActionPlan:
    """An EMPACT operational action plan (OAP) and its actions."""

    plan: str = field(validator=_text)
    year: int
    priority: str = field(validator=_text)
    actions: tuple[OperationalAction, ...] = field(default=(), converter=_tuple)


@frozen
class YearRecords:
    """Everything the network's documents of one year are made from."""

    year: NetworkYear
    working_groups: tuple[WorkingGroup, ...] = field(default=(), converter=_tuple)
    meetings: tuple[Meeting, ...] = field(default=(), converter=_tuple)
    thematic_events: tuple[ThematicEvent, ...] = field(default=(), converter=_tuple)
    other_activities: tuple[OtherActivity, ...] = field(default=(), converter=_tuple)
    network_products: tuple[NetworkProduct, ...] = field(default=(), converter=_tuple)
    highlights: tuple[Highlight, ...] = field(default=(), converter=_tuple)
    priorities: tuple[Priority, ...] = field(default=(), converter=_tuple)
    timeline: tuple[TimelineEntry, ...] = field(default=(), converter=_tuple)
    scorecard: Scorecard | None = None
    glossary: tuple[Acronym, ...] = field(default=(), converter=_tuple)
    action_plans: tuple[OperationalActionPlan, ...] = field(default=(), converter=_tuple)
