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


def _doc(text: str) -> dict[str, str]:
    """What the template reference says of a record's attribute."""
    return {"doc": text}


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
    name: str = field(validator=_text, metadata=_doc("the signatory's name, printed under the foreword"))
    role: str = field(
        validator=_text, metadata=_doc("the signatory's function, e.g. Executive Director of EUAA"))


@frozen
class Foreword:
    title: str = field(validator=_text, metadata=_doc("the foreword's heading"))
    text: Markup = field(
        converter=to_markup,
        metadata=_doc("the foreword itself (Markdown); show it with `{{p year.foreword.text|rich }}`"))
    signatory: Signatory | None = field(
        default=None, metadata=_doc("who signs the foreword, with `name` and `role` (none when unsigned)"))


@frozen
class PriorityTopic:
    """One of the year's thematic priorities, under which thematic events are grouped."""

    id: str = field(
        validator=_identifier,
        metadata=_doc("the topic's identifier, e.g. digitalisation; thematic events name it as `topic`"))
    title: str = field(validator=_text, metadata=_doc("the topic's heading, e.g. Digitalisation"))
    intro: Markup | None = field(
        default=None, converter=_optional_markup,
        metadata=_doc("optional text under the topic's heading (Markdown); show it with `|rich`"))


@frozen
class NetworkYear:
    """The year itself: who chairs, the texts that open the report, the year's priorities."""

    year: int = field(validator=validators.and_(validators.instance_of(int),
                                                validators.ge(2010), validators.le(2100)),
                      metadata=_doc("the year of the report, e.g. 2023"))
    chair: Agency | None = field(
        default=None, converter=_optional_agency,
        metadata=_doc("the agency chairing the network that year; show it with `|agency`"))
    trio: tuple[Agency, ...] = field(
        default=(), converter=_agencies,
        metadata=_doc("the trio presidency (previous, current, next chair); show it with `|agencies`"))
    next_chair: Agency | None = field(
        default=None, converter=_optional_agency,
        metadata=_doc("the agency chairing the network the year after; show it with `|agency`"))
    council_presidencies: tuple[str, ...] = field(
        default=(), converter=_strings,
        metadata=_doc("the EU Council presidencies of the year; show them with `|join_list`"))
    foreword: Foreword | None = field(
        default=None, metadata=_doc("the foreword, with `title`, `text` and `signatory` (none when missing)"))
    about: Markup | None = field(
        default=None, converter=_optional_markup,
        metadata=_doc("the text about the network (Markdown); show it with `{{p year.about|rich }}`"))
    executive_summary: Markup | None = field(
        default=None, converter=_optional_markup,
        metadata=_doc("the executive summary (Markdown); show it with `{{p year.executive_summary|rich }}`"))
    observers: tuple[Actor, ...] = field(
        default=(), converter=_actors,
        metadata=_doc("the network's observers (DG HOME, EEAS…); show them with `|agencies`"))
    priority_topics: tuple[PriorityTopic, ...] = field(
        default=(), converter=_tuple,
        metadata=_doc("the year's thematic priorities in report order (`topics` adds their events)"))
    working_groups_intro: Markup | None = field(
        default=None, converter=_optional_markup,
        metadata=_doc("optional text before the working-group meetings (Markdown); show it with `|rich`"))
    not_acronyms: tuple[str, ...] = field(
        default=(), converter=_strings,
        metadata=_doc("words in capitals in the year's texts that are names, not acronyms "
                      "(VEGA, SECRET…): the acronym check leaves them alone"))

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

    date: Period = field(
        converter=_period, metadata=_doc("the day or period of the session; show it with `|period`"))
    timeline: str | None = field(
        default=None, metadata=_doc("the wording of its entry in the list of events (none: not in the list)"))


@frozen
class WorkingGroup:
    id: str = field(
        validator=_identifier, metadata=_doc("the group's identifier; its meetings name it as `group`"))
    name: str = field(validator=_text, metadata=_doc("the group's name, e.g. Working Group on Communication"))
    chair: Agency | None = field(
        default=None, converter=_optional_agency,
        metadata=_doc("the agency chairing the group (none when not stated); show it with `|agency`"))
    permanent_chair: bool = field(
        default=False, metadata=_doc("true when the group has a permanent chair (Training: CEPOL)"))


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

    id: str = field(validator=_identifier, metadata=_doc("the meeting's identifier in the fixtures"))
    kind: MeetingKind = field(
        converter=MeetingKind,
        metadata=_doc("the kind of meeting, e.g. heads-of-agencies or working-group (see MeetingKind)"))
    title: str = field(
        validator=_text, metadata=_doc("the meeting's heading, e.g. Heads of Agencies meeting"))
    body: Markup = field(
        default=_EMPTY, converter=to_markup,
        metadata=_doc("the meeting's account (Markdown); show it with `{{p meeting.body|rich }}`"))
    group: str | None = field(
        default=None,
        metadata=_doc("the identifier of its working group (working-group meetings only, else none)"))
    format: Format | None = field(
        default=None, converter=_format,
        metadata=_doc("in person, online or hybrid (none when not stated); `|details` shows it"))
    place: str | None = field(
        default=None,
        metadata=_doc("where it was held, e.g. Malta (none when not stated); `|details` shows it"))
    agencies: tuple[Agency, ...] = field(
        default=(), converter=_agencies,
        metadata=_doc("the agencies taking part; show them with `|agencies`"))
    bodies: tuple[Actor, ...] = field(
        default=(), converter=_actors,
        metadata=_doc("the other bodies taking part (DG HOME, EPPO…); show them with `|agencies`"))
    sessions: tuple[Session, ...] = field(
        default=(), converter=_sessions, metadata=_doc("the meeting's dates; show them with `|dates`"))

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

    id: str = field(validator=_identifier, metadata=_doc("the event's identifier in the fixtures"))
    topic: str = field(
        validator=_identifier, metadata=_doc("the identifier of the priority topic it comes under"))
    title: str = field(
        validator=_text, metadata=_doc("the event's heading, e.g. Conference on digital innovation"))
    body: Markup = field(
        default=_EMPTY, converter=to_markup,
        metadata=_doc("the event's account (Markdown); show it with `{{p event.body|rich }}`"))
    format: Format | None = field(
        default=None, converter=_format,
        metadata=_doc("in person, online or hybrid (none when not stated); `|details` shows it"))
    place: str | None = field(
        default=None,
        metadata=_doc("where it was held, e.g. Warsaw (none when not stated); `|details` shows it"))
    agencies: tuple[Agency, ...] = field(
        default=(), converter=_agencies,
        metadata=_doc("the organising or participating agencies; show them with `|agencies`"))
    bodies: tuple[Actor, ...] = field(
        default=(), converter=_actors,
        metadata=_doc("the other bodies taking part; show them with `|agencies`"))
    sessions: tuple[Session, ...] = field(
        default=(), converter=_sessions, metadata=_doc("the event's dates; show them with `|dates`"))


@frozen
class OtherActivity:
    """An activity of the network outside the year's priorities."""

    id: str = field(validator=_identifier, metadata=_doc("the activity's identifier in the fixtures"))
    title: str = field(validator=_text, metadata=_doc("the activity's heading"))
    body: Markup = field(
        default=_EMPTY, converter=to_markup,
        metadata=_doc("the activity's account (Markdown); show it with `{{p activity.body|rich }}`"))
    format: Format | None = field(
        default=None, converter=_format,
        metadata=_doc("in person, online or hybrid (none when not stated); `|details` shows it"))
    place: str | None = field(
        default=None, metadata=_doc("where it took place (none when not stated); `|details` shows it"))
    agencies: tuple[Agency, ...] = field(
        default=(), converter=_agencies,
        metadata=_doc("the agencies taking part; show them with `|agencies`"))
    bodies: tuple[Actor, ...] = field(
        default=(), converter=_actors,
        metadata=_doc("the other bodies taking part; show them with `|agencies`"))
    sessions: tuple[Session, ...] = field(
        default=(), converter=_sessions, metadata=_doc("the activity's dates; show them with `|dates`"))


@frozen
class NetworkProduct:
    """A joint product of the network: a paper, a video, a brochure."""

    id: str = field(validator=_identifier, metadata=_doc("the product's identifier in the fixtures"))
    title: str = field(validator=_text, metadata=_doc("the product's heading"))
    body: Markup = field(
        default=_EMPTY, converter=to_markup,
        metadata=_doc("what the product is (Markdown); show it with `{{p product.body|rich }}`"))
    format: Format | None = field(
        default=None, converter=_format,
        metadata=_doc("in person, online or hybrid, where it applies (else none); `|details` shows it"))
    place: str | None = field(
        default=None, metadata=_doc("where it was presented, if stated (else none); `|details` shows it"))
    agencies: tuple[Agency, ...] = field(
        default=(), converter=_agencies,
        metadata=_doc("the agencies that made it; show them with `|agencies`"))
    bodies: tuple[Actor, ...] = field(
        default=(), converter=_actors, metadata=_doc("the other bodies involved; show them with `|agencies`"))
    sessions: tuple[Session, ...] = field(
        default=(), converter=_sessions,
        metadata=_doc("its dates (publication, launch…); show them with `|dates`"))


@frozen
class Highlight:
    """A highlight of inter-agency cooperation in the year."""

    id: str = field(validator=_identifier, metadata=_doc("the highlight's identifier in the fixtures"))
    title: str = field(validator=_text, metadata=_doc("the highlight's heading"))
    agencies: tuple[Agency, ...] = field(
        default=(), converter=_agencies,
        metadata=_doc("the agencies cooperating; show them with `|agencies`"))
    body: Markup = field(
        default=_EMPTY, converter=to_markup,
        metadata=_doc("the highlight's account (Markdown); show it with `{{p highlight.body|rich }}`"))


@frozen
class Priority:
    """A priority of the network for the next year."""

    id: str = field(validator=_identifier, metadata=_doc("the priority's identifier in the fixtures"))
    title: str = field(validator=_text, metadata=_doc("the priority's heading, e.g. Artificial intelligence"))
    body: Markup = field(
        default=_EMPTY, converter=to_markup,
        metadata=_doc("what the network means to do (Markdown); show it with `{{p priority.body|rich }}`"))


@frozen
class TimelineEntry:
    """An entry of the year's list of events; `source` is the id of the record it comes from."""

    date: Period = field(
        converter=_period, metadata=_doc("the day or period of the event; show it with `|period`"))
    label: str = field(validator=_text, metadata=_doc("what happened, as the list of events words it"))
    source: str | None = field(
        default=None,
        metadata=_doc("the identifier of the meeting or event it comes from (none for timeline.yaml)"))


_NUMBER = re.compile(r"\d+(?:\.\d+)*")


def _number(instance: Any, attribute: Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not _NUMBER.fullmatch(value):
        raise FieldError(attribute.name,
                         f"{attribute.name} {value!r} must be a number such as \"1\" or \"1.2\"")


@frozen
class ScorecardPart:
    """Part A (operational cooperation) or B (horizontal cooperation) of the scorecard."""

    code: str = field(validator=validators.matches_re(r"[A-Z]"), metadata=_doc("the part's letter: A or B"))
    title: str = field(validator=_text, metadata=_doc("the part's heading, e.g. Horizontal cooperation"))


@frozen
class ScorecardArea:
    number: str = field(validator=_number, metadata=_doc("the area's number, e.g. 1"))
    part: str = field(
        validator=validators.matches_re(r"[A-Z]"),
        metadata=_doc("the letter of the part it comes under: A or B"))
    title: str = field(
        validator=_text, metadata=_doc("the area's heading, e.g. Migration, asylum and border management"))


@frozen
class ScorecardField:
    number: str = field(
        validator=_number, metadata=_doc("the field's number, e.g. 1.1; its first part is the area's number"))
    title: str = field(validator=_text, metadata=_doc("the field's heading"))

    @property
    def area(self) -> str:
        """The number of the field's area: "1" for field 1.2."""
        return self.number.split(".")[0]


def _state(value: str | StateOfPlay | None) -> StateOfPlay | None:
    if value is None or isinstance(value, StateOfPlay):
        return value
    return parse_state(value)


@frozen
class ScorecardAction:
    """A joint action of the scorecard, under one field."""

    # The attribute is named as the scorecard's column, so attrs.field is spelt out below.
    field: str = attrs.field(
        validator=_number, metadata=_doc("the number of the field it comes under, e.g. 1.1"))
    detail: Markup = attrs.field(
        converter=to_markup,
        metadata=_doc("the action itself (Markdown); show it with `{{p line.action.detail|rich }}`"))
    state: StateOfPlay | None = attrs.field(
        default=None, converter=_state,
        metadata=_doc("the state of play: ongoing, done (date)…; show it with `|state`"))
    agencies: tuple[Agency, ...] = attrs.field(
        default=(), converter=_agencies, metadata=_doc("the agencies involved; show them with `|agencies`"))
    bodies: tuple[Actor, ...] = attrs.field(
        default=(), converter=_actors,
        metadata=_doc("the other bodies involved (EPPO, member states…); show them with `|agencies`"))
    note: str | None = attrs.field(
        default=None, metadata=_doc("anything else the source's column said (none mostly)"))

    @property
    def area(self) -> str:
        """The number of the action's area: "1" for field 1.2."""
        return self.field.split(".")[0]


@frozen
class Scorecard:
    """The year's scorecard: its structure and every action."""

    title: str = field(
        validator=_text,
        metadata=_doc("the scorecard's title, e.g. Multilateral JHA Agencies Scorecard 2019"))
    parts: tuple[ScorecardPart, ...] = field(converter=_tuple, metadata=_doc("the parts, A and B, in order"))
    areas: tuple[ScorecardArea, ...] = field(
        converter=_tuple, metadata=_doc("the numbered areas of the parts, in order"))
    fields: tuple[ScorecardField, ...] = field(
        converter=_tuple, metadata=_doc("the numbered fields of the areas (1.1, 1.2…), in order"))
    actions: tuple[ScorecardAction, ...] = field(
        default=(), converter=_tuple,
        metadata=_doc("every joint action, in file order (`scorecard_rows` puts them under headings)"))


@frozen
class Acronym:
    short: str = field(validator=_text, metadata=_doc("the acronym, e.g. AFSJ"))
    long: str = field(
        validator=_text, metadata=_doc("what it stands for, e.g. Area of freedom, security and justice"))


@frozen
class OperationalAction:
    """An operational action of an EMPACT operational action plan."""

    reference: str = field(validator=_number, metadata=_doc("the action's number in its plan, e.g. 1.1"))
    title: str = field(validator=_text, metadata=_doc("the action's short title"))
    leader: Actor = field(
        converter=_actor, metadata=_doc("the agency or body leading it; show it with `|agency`"))
    co_leaders: tuple[Actor, ...] = field(
        default=(), converter=_actors,
        metadata=_doc("the agencies or bodies co-leading it; show them with `|agencies`"))
    participants: tuple[Actor, ...] = field(
        default=(), converter=_actors,
        metadata=_doc("the agencies, states and bodies taking part; show them with `|agencies`"))
    goal: str | None = field(
        default=None,
        metadata=_doc("the common horizontal strategic goal, e.g. CHSG 1 (none when not stated)"))
    type: str | None = field(
        default=None, metadata=_doc("the type of operational action (none when not stated)"))


@frozen
class OperationalActionPlan:
    """An EMPACT operational action plan (OAP) and its actions."""

    plan: str = field(
        validator=_text,
        metadata=_doc("the plan's name, e.g. Operational Action Plan 2022 Migrant smuggling"))
    year: int = field(metadata=_doc("the plan's year, e.g. 2022"))
    priority: str = field(validator=_text, metadata=_doc("the EMPACT priority, e.g. Migrant smuggling"))
    actions: tuple[OperationalAction, ...] = field(
        default=(), converter=_tuple, metadata=_doc("the plan's operational actions"))


@frozen
class YearRecords:
    """Everything the network's documents of one year are made from."""

    year: NetworkYear = field(
        metadata=_doc("the year itself: chair, trio, foreword, opening texts, priority topics"))
    working_groups: tuple[WorkingGroup, ...] = field(
        default=(), converter=_tuple, metadata=_doc("the working groups, in file order"))
    meetings: tuple[Meeting, ...] = field(
        default=(), converter=_tuple, metadata=_doc("horizontal and working-group meetings, in file order"))
    thematic_events: tuple[ThematicEvent, ...] = field(
        default=(), converter=_tuple, metadata=_doc("the events held under the priority topics"))
    other_activities: tuple[OtherActivity, ...] = field(
        default=(), converter=_tuple, metadata=_doc("the activities outside the year's priorities"))
    network_products: tuple[NetworkProduct, ...] = field(
        default=(), converter=_tuple, metadata=_doc("the joint products: papers, videos, brochures"))
    highlights: tuple[Highlight, ...] = field(
        default=(), converter=_tuple, metadata=_doc("the highlights of inter-agency cooperation"))
    priorities: tuple[Priority, ...] = field(
        default=(), converter=_tuple, metadata=_doc("the priorities for next year"))
    timeline: tuple[TimelineEntry, ...] = field(
        default=(), converter=_tuple,
        metadata=_doc("the announced entries of timeline.yaml (not the sessions' entries)"))
    scorecard: Scorecard | None = field(
        default=None, metadata=_doc("the year's scorecard (none without one)"))
    glossary: tuple[Acronym, ...] = field(
        default=(), converter=_tuple, metadata=_doc("the network's acronyms"))
    action_plans: tuple[OperationalActionPlan, ...] = field(
        default=(), converter=_tuple, metadata=_doc("the EMPACT operational action plans of the year"))
