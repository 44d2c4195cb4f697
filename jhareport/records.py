"""The records of a network year: frozen, typed, validated on construction, with no I/O.

Records built in code may pass plain values where a parsed one is expected: agency spellings,
period texts and Markdown are converted on construction, so that
``Highlight("h", "Title", agencies=("Europol", "Eurojust"), body="Text")`` is a valid record.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

import attrs
from attrs import Attribute, field, frozen

from .agencies import REGISTRY, Actor, Agency, Body
from .markup import MAX_LIST_START, Markup, to_markup
from .periods import Period, StateOfPlay, parse_period, parse_state
from .pictures import PictureError, picture_facts

__all__ = [
    "STANDARD_OUTLINE",
    "Acronym",
    "ConclusionGroup",
    "Conclusions",
    "Figure",
    "Foreword",
    "Format",
    "Highlight",
    "KeyActivity",
    "Meeting",
    "MeetingKind",
    "NetworkProduct",
    "NetworkYear",
    "OperationalAction",
    "OperationalActionPlan",
    "OtherActivity",
    "Picture",
    "Priority",
    "PriorityArea",
    "PriorityTopic",
    "Scorecard",
    "ScorecardAction",
    "ScorecardArea",
    "ScorecardField",
    "ScorecardPart",
    "Section",
    "SectionContent",
    "Session",
    "Signatory",
    "Table",
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


def _whole_number(low: int, high: int) -> Callable[[Any, Attribute[int], int], None]:
    """A validator of a whole number from `low` to `high`, in the project's words."""

    def check(instance: Any, attribute: Attribute[int], value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise FieldError(attribute.name, f"{attribute.name} must be a whole number from "
                             f"{_shown(low)} to {_shown(high)}, not {value!r}")

    return check


def _shown(number: int) -> str:
    """A bound as written: 2010 (a year), 32,767."""
    return f"{number:,}" if number >= 10_000 else str(number)


def _letter(instance: Any, attribute: Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not re.fullmatch(r"[A-Z]", value):
        raise FieldError(attribute.name,
                         f"{attribute.name} must be one capital letter, such as A or B, not {value!r}")


def _yes_no(instance: Any, attribute: Attribute[bool], value: bool) -> None:
    if not isinstance(value, bool):
        raise FieldError(attribute.name, f"{attribute.name} must be true or false, not {value!r}")


def _agency(value: str | Agency) -> Agency:
    return value if isinstance(value, Agency) else REGISTRY.agency(value)


def _optional_agency(value: str | Agency | None) -> Agency | None:
    return None if value is None else _agency(value)


def _actor(value: str | Actor) -> Actor:
    return value if isinstance(value, Agency | Body) else REGISTRY.resolve(value)


def _agencies(values: Iterable[str | Agency]) -> tuple[Agency, ...]:
    """Agencies, each once, in the order given; "ALL JHA AGENCIES" stands for the nine."""
    if values.__class__ is tuple and _distinct(values, _AGENCY):  # as the loader gives them
        return values
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


_AGENCY = frozenset({Agency})
_ACTOR = frozenset({Agency, Body})


def _distinct(values: tuple[Any, ...], kinds: frozenset[type]) -> bool:
    """Whether `values` are each of one of `kinds`, none twice."""
    return kinds.issuperset(map(type, values)) and len(set(values)) == len(values)


def _actors(values: Iterable[str | Actor]) -> tuple[Actor, ...]:
    if values.__class__ is tuple and _distinct(values, _ACTOR):  # as the loader gives them
        return values
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


class Format(StrEnum):
    """How a meeting was held; compares equal to its text (`format == 'online'`)."""

    IN_PERSON = "in person"
    ONLINE = "online"
    HYBRID = "hybrid"


_Choice = TypeVar("_Choice", bound=StrEnum)


def _choice(kind: type[_Choice], entry: str, refusal: str, value: str | _Choice) -> _Choice:
    """`value` as one of `kind`, or FieldError on `entry`: `refusal` with the {value} and the
    {known} choices filled in."""
    if isinstance(value, kind):
        return value
    try:
        return kind(value)
    except ValueError:
        known = ", ".join(choice.value for choice in kind)
        raise FieldError(entry, refusal.format(value=repr(value), known=known)) from None


def _format(value: str | Format | None) -> Format | None:
    return None if value is None else _choice(
        Format, "format", "{value} is not a meeting format (one of: {known})", value)


class MeetingKind(StrEnum):
    """The network's horizontal meetings, and working-group meetings; compares equal to its
    text, so a template may write `meeting.kind == 'heads-of-agencies'`."""

    HEADS_OF_AGENCIES = "heads-of-agencies"
    PRESIDENCY = "presidency"
    CONTACT_POINTS = "contact-points"
    TRIO_COORDINATION = "trio-coordination"
    HORIZONTAL = "horizontal"
    WORKING_GROUP = "working-group"

    @property
    def horizontal(self) -> bool:
        return self is not MeetingKind.WORKING_GROUP


def _meeting_kind(value: str | MeetingKind) -> MeetingKind:
    return _choice(MeetingKind, "kind", "{value} is not a kind of meeting (one of: {known})", value)


@frozen
class Picture:
    """A picture the year gives (a logo, a figure): a PNG or JPEG with its alternative text.

    Its bytes are checked on construction (`pictures.picture_facts`): anything but a PNG or JPEG
    of sensible size is refused."""

    data: bytes = field(repr=False, metadata=_doc("the picture's bytes, PNG or JPEG"))
    alt: str = field(
        validator=_text,
        metadata=_doc("what the picture shows, for readers who cannot see it (the PDF's and "
                      "Word's alternative text)"))
    file: str = field(default="", metadata=_doc("the file it was read from, as the year names it"))

    @data.validator
    def _picture(self, attribute: Attribute[bytes], value: bytes) -> None:
        if not isinstance(value, bytes):
            raise FieldError("file", "a picture is the bytes of a PNG or JPEG file")
        try:
            picture_facts(value)
        except PictureError as error:
            raise FieldError("file", str(error)) from None

    @property
    def kind(self) -> str:
        """png or jpeg, as the picture's bytes say."""
        return picture_facts(self.data).kind

    @property
    def size(self) -> tuple[int, int]:
        """The picture's width and height in pixels."""
        facts = picture_facts(self.data)
        return facts.width, facts.height


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

    year: int = field(validator=_whole_number(2010, 2100),
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
    network_logo: Picture | None = field(
        default=None, metadata=_doc("the network's logo on the cover, with its `alt` text (none: "
                                    "no logo); show it with `|picture`"))
    chair_logo: Picture | None = field(
        default=None, metadata=_doc("the chairing agency's logo on the cover, with its `alt` text "
                                    "(none: no logo); show it with `|picture`"))

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
        converter=_meeting_kind,
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
    id: str | None = field(
        default=None,
        validator=attrs.validators.optional(_identifier),
        metadata=_doc("an identifier of an entry of timeline.yaml (optional: entries go by their "
                      "date; an id keeps two entries of one date apart for their translations)"))


_NUMBER = re.compile(r"\d+(?:\.\d+)*")


def _number(instance: Any, attribute: Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not _NUMBER.fullmatch(value):
        raise FieldError(attribute.name,
                         f"{attribute.name} {value!r} must be a number such as \"1\" or \"1.2\"")


@frozen
class ScorecardPart:
    """Part A (operational cooperation) or B (horizontal cooperation) of the scorecard."""

    code: str = field(validator=_letter, metadata=_doc("the part's letter: A or B"))
    title: str = field(validator=_text, metadata=_doc("the part's heading, e.g. Horizontal cooperation"))


@frozen
class ScorecardArea:
    number: str = field(validator=_number, metadata=_doc("the area's number, e.g. 1"))
    part: str = field(
        validator=_letter,
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
    id: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(_identifier),
        metadata=_doc("the action's identifier, lowercase words joined by '-' (none when the "
                      "fixtures give none; `contributions forms` gives each one)"))

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
    aliases: tuple[str, ...] = field(
        default=(), converter=_strings,
        metadata=_doc("other forms of the acronym that texts write and that count for this "
                      "entry: the English AFSJ of the French ELSJ"))


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


class SectionContent(StrEnum):
    """What a section of the final report holds, besides its heading and introduction."""

    FOREWORD = "foreword"
    ABOUT = "about"
    EXECUTIVE_SUMMARY = "executive-summary"
    TIMELINE = "timeline"
    MEETINGS = "meetings"
    THEMATIC_EVENTS = "thematic-events"
    OTHER_ACTIVITIES = "other-activities"
    NETWORK_PRODUCTS = "network-products"
    HIGHLIGHTS = "highlights"
    PRIORITIES = "priorities"
    CONCLUSIONS = "conclusions"
    PRIORITY_AREAS = "priority-areas"
    TABLE = "table"
    FIGURES = "figures"
    EMPACT = "empact"
    SCORECARD_CHART = "scorecard-chart"
    ACRONYMS = "acronyms"


def _content(value: str | SectionContent | None) -> SectionContent | None:
    return None if value is None else _choice(
        SectionContent, "holds", "a section cannot hold {value} (it may hold: {known})", value)


def _sections(values: Iterable[Section | dict[str, Any]]) -> tuple[Section, ...]:
    return tuple(v if isinstance(v, Section) else Section(**v) for v in values)


@frozen
class Section:
    """A chapter or section of the final report, with what it holds and its own sections.

    `holds` says which records stand in it (see SectionContent); `select` narrows them: for
    meetings `horizontal`, `working-group` or a kind of meeting; for thematic events a priority
    topic's id; for priority areas their `cooperation`; for a table its id; for figures their
    `annex`. Headings may say {year} and {next_year}. A section without a heading (other than
    the foreword, which takes the foreword's title) is a part of the section above it: what it
    holds follows, under the same heading (a table, then figures).
    """

    heading: str | None = field(
        default=None,
        metadata=_doc("the heading as written; none takes the foreword's title, or makes the "
                      "section a part of the one above it"))
    id: str | None = field(
        default=None, metadata=_doc("an identifier an agency's own template may pick the section by"))
    numbered: bool = field(
        default=True, validator=_yes_no,
        metadata=_doc("whether the heading is numbered (1., 1.1.)"))
    text: Markup | None = field(
        default=None, converter=_optional_markup,
        metadata=_doc("the section's introduction (Markdown), before what it holds"))
    holds: SectionContent | None = field(
        default=None, converter=_content,
        metadata=_doc("what stands in the section (see SectionContent), or none"))
    select: str | None = field(
        default=None, metadata=_doc("which of those records: a kind, a topic, a cooperation, a table id"))
    optional: bool = field(
        default=False, validator=_yes_no,
        metadata=_doc("left out when it has nothing to show, rather than missing from the report"))
    sections: tuple[Section, ...] = field(
        default=(), converter=_sections, metadata=_doc("the sections under this one, in order"))

    @id.validator
    def _id_form(self, attribute: Attribute[str | None], value: str | None) -> None:
        if value is not None and not _ID.fullmatch(value):
            raise FieldError("id", f"id {value!r} must be lowercase words joined by '-'")

    @heading.validator
    def _heading_or_holds(self, attribute: Attribute[str | None], value: str | None) -> None:
        if value is not None and not (isinstance(value, str) and value.strip()):
            raise FieldError("heading", "heading must be a non-empty text")

    def __attrs_post_init__(self) -> None:
        if self.heading is None and self.holds is None:
            raise FieldError("heading", "a section needs a heading, or what it holds: without a "
                             "heading it is a part of the section above it")
        wants = {SectionContent.TABLE: "the id of the table",
                 SectionContent.FIGURES: "the annex of the figures"}
        if self.holds in wants and not self.select:
            raise FieldError("select", f"a section holding {self.holds} needs select: "
                             f"{wants[self.holds]}")

    @property
    def part(self) -> bool:
        """Whether the section is a part of the one above it: no heading of its own."""
        return self.heading is None and self.holds is not SectionContent.FOREWORD


STANDARD_OUTLINE: tuple[Section, ...] = (
    Section(holds=SectionContent.FOREWORD, id="foreword"),
    Section("About the Justice and Home Affairs Agencies Network", "about",
            holds=SectionContent.ABOUT),
    Section("Executive summary", "executive-summary", holds=SectionContent.EXECUTIVE_SUMMARY),
    Section("Timeline", "timeline", holds=SectionContent.TIMELINE),
    Section("Meetings", "meetings", sections=(
        Section("Horizontal meetings", "horizontal-meetings", holds=SectionContent.MEETINGS,
                select="horizontal"),
        Section("Working Group meetings", "working-group-meetings", holds=SectionContent.MEETINGS,
                select="working-group"),
    )),
    Section("Thematic events", "thematic-events", holds=SectionContent.THEMATIC_EVENTS),
    Section("Other activities", "other-activities", holds=SectionContent.OTHER_ACTIVITIES,
            optional=True),
    Section("Network products", "network-products", holds=SectionContent.NETWORK_PRODUCTS,
            optional=True),
    Section("Highlights of inter-agency cooperation in {year}", "highlights",
            holds=SectionContent.HIGHLIGHTS),
    Section("Priorities for {next_year}", "priorities", holds=SectionContent.PRIORITIES),
    Section("Annexes", "annexes", optional=True, sections=(
        Section("EMPACT: the agencies in the operational action plans", "empact",
                holds=SectionContent.EMPACT, optional=True),
        Section("The scorecard: the agencies in the joint actions", "scorecard-chart",
                holds=SectionContent.SCORECARD_CHART, optional=True),
    )),
)
"""The outline of a year that gives none: the 2023 report's chapters."""


def _points(values: Iterable[str | Markup]) -> tuple[Markup, ...]:
    return tuple(to_markup(v) for v in values)


@frozen
class ConclusionGroup:
    """Points of the conclusions under one sub-heading."""

    heading: str | None = field(
        default=None, metadata=_doc("the sub-heading, e.g. General points (none: no sub-heading)"))
    points: tuple[Markup, ...] = field(
        default=(), converter=_points,
        metadata=_doc("the numbered points (Markdown each); numbering runs on across the groups"))


def _groups(values: Iterable[ConclusionGroup | dict[str, Any]]) -> tuple[ConclusionGroup, ...]:
    return tuple(v if isinstance(v, ConclusionGroup) else ConclusionGroup(**v) for v in values)


@frozen
class Conclusions:
    """The conclusions of the year's Heads of Agencies meeting: numbered points under
    sub-headings."""

    intro: Markup | None = field(
        default=None, converter=_optional_markup,
        metadata=_doc("the text before the points (Markdown)"))
    groups: tuple[ConclusionGroup, ...] = field(
        default=(), converter=_groups, metadata=_doc("the sub-headings with their points, in order"))
    start: int = field(
        default=1, validator=_whole_number(1, MAX_LIST_START),
        metadata=_doc("the number of the first point"))


@frozen
class KeyActivity:
    """A joint activity or achievement of a priority area, under its sub-topic."""

    text: Markup = field(converter=to_markup, metadata=_doc("what was done (Markdown)"))
    title: str | None = field(
        default=None, metadata=_doc("the sub-topic, e.g. Child protection (none: no sub-heading)"))


def _activities(values: Iterable[KeyActivity | dict[str, Any]]) -> tuple[KeyActivity, ...]:
    return tuple(v if isinstance(v, KeyActivity) else KeyActivity(**v) for v in values)


@frozen
class PriorityArea:
    """A priority area of the year's cooperation (thematic or horizontal), told as the 2017
    report tells it: its objective, key joint activities and achievements, challenges and
    opportunities."""

    id: str = field(validator=_identifier, metadata=_doc("the area's identifier in the fixtures"))
    title: str = field(
        validator=_text, metadata=_doc("the area's heading, e.g. Migration, asylum and border management"))
    cooperation: str = field(
        default="thematic", validator=_identifier,
        metadata=_doc("the level of cooperation it belongs to, e.g. thematic or horizontal"))
    objective: Markup | None = field(
        default=None, converter=_optional_markup, metadata=_doc("the area's objective (Markdown)"))
    text: Markup | None = field(
        default=None, converter=_optional_markup,
        metadata=_doc("what comes before the key activities (Markdown)"))
    key_activities: tuple[KeyActivity, ...] = field(
        default=(), converter=_activities,
        metadata=_doc("the key joint activities and achievements, with their sub-topics"))
    challenges: Markup | None = field(
        default=None, converter=_optional_markup,
        metadata=_doc("challenges and opportunities for joint cooperation (Markdown)"))


def _rows(values: Iterable[Iterable[Any]]) -> tuple[tuple[str, ...], ...]:
    # a text stays as it is given (a cell left untranslated keeps its language)
    return tuple(tuple(cell if isinstance(cell, str) else str(cell) for cell in row)
                 for row in values)


@frozen
class Table:
    """A table of an annex (a training matrix…): a header row, rows of texts, and notes."""

    id: str = field(validator=_identifier, metadata=_doc("the table's identifier; sections select it"))
    title: str = field(validator=_text, metadata=_doc("the table's caption"))
    header: tuple[str, ...] = field(
        converter=_strings, metadata=_doc("the column headings"))
    rows: tuple[tuple[str, ...], ...] = field(
        default=(), converter=_rows, metadata=_doc("the rows, each a text per column"))
    notes: Markup | None = field(
        default=None, converter=_optional_markup, metadata=_doc("notes under the table (Markdown)"))
    heading: str | None = field(
        default=None,
        metadata=_doc("a heading across the table above its column headings, repeated with them "
                      "on each page (none: no such row)"))

    @header.validator
    def _columns(self, attribute: Attribute[tuple[str, ...]], value: tuple[str, ...]) -> None:
        if not value:
            raise FieldError("header", "a table needs its column headings")

    @rows.validator
    def _row_lengths(self, attribute: Attribute[Any], value: tuple[tuple[str, ...], ...]) -> None:
        for number, row in enumerate(value, start=1):
            if len(row) != len(self.header):
                raise FieldError("rows", f"row {number} has {len(row)} cells, the header "
                                 f"{len(self.header)}")


def _texts(instance: Any, attribute: Attribute[tuple[str, ...]], value: tuple[str, ...]) -> None:
    for number, text in enumerate(value, start=1):
        if not isinstance(text, str) or not text.strip():
            raise FieldError(attribute.name, f"{attribute.name}: entry {number} must be a "
                             "non-empty text")


def _optional_picture(value: Picture | dict[str, Any] | None) -> Picture | None:
    return value if value is None or isinstance(value, Picture) else Picture(**value)


@frozen
class Figure:
    """A figure of an annex (an infographic, a chart the report prints as a picture): its
    caption, the legend and numbered notes printed with it, and its picture. A figure whose
    picture the year does not have is listed by its caption; a draft says the picture is
    missing."""

    id: str = field(validator=_identifier, metadata=_doc("the figure's identifier in the fixtures"))
    annex: str = field(
        validator=_identifier,
        metadata=_doc("the annex it belongs to, which a section holding figures selects"))
    caption: str = field(
        validator=_text, metadata=_doc("the figure's caption as printed, e.g. Figure 1. EUROPOL"))
    legend: tuple[str, ...] = field(
        default=(), converter=_strings, validator=_texts,
        metadata=_doc("what the figure's key explains, one entry each (kinds of agreement…)"))
    notes: tuple[str, ...] = field(
        default=(), converter=_strings, validator=_texts,
        metadata=_doc("the numbered notes printed under the figure, (1) first; the figure's "
                      "marks refer to them"))
    picture: Picture | None = field(
        default=None, converter=_optional_picture,
        metadata=_doc("the figure's picture with its alternative text (none: not given; a "
                      "draft says so); show it with `|picture`"))


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
    outline: tuple[Section, ...] | None = field(
        default=None, converter=attrs.converters.optional(_sections),
        metadata=_doc("the final report's chapters (none: the standard outline, 2023's)"))
    conclusions: Conclusions | None = field(
        default=None, metadata=_doc("the conclusions of the Heads of Agencies meeting (none without)"))
    priority_areas: tuple[PriorityArea, ...] = field(
        default=(), converter=_tuple, metadata=_doc("the year's priority areas, thematic and horizontal"))
    tables: tuple[Table, ...] = field(
        default=(), converter=_tuple, metadata=_doc("the tables of the annexes (a training matrix…)"))
    figures: tuple[Figure, ...] = field(
        default=(), converter=_tuple,
        metadata=_doc("the figures of the annexes, with their legends and notes"))
