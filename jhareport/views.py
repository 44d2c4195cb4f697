"""What the documents show, derived from records: plain functions, no Word, no Jinja.

Each function takes records and returns plain data that a template walks: the timeline sorted by
date, meetings split into horizontal and working-group ones, thematic events under their topics,
the scorecard grouped and counted, the agencies' involvement in EMPACT, the acronyms in use.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

import attrs
from attrs import frozen

from .agencies import (
    AGENCIES,
    REGISTRY,
    Agency,
    Body,
    BodyKind,
    acronyms_in_language,
    full_name,
    short_name,
)
from .charts import (
    Chart,
    EmpactRow,
    EmpactView,
    empact_chart,
    empact_involvement,
    has_scorecard_chart,
    scorecard_chart,
)
from .i18n import own_words, translate
from .markup import Markup, numbered_points, worded_as
from .records import (
    STANDARD_OUTLINE,
    Acronym,
    ConclusionGroup,
    Figure,
    Highlight,
    Meeting,
    NetworkProduct,
    NetworkYear,
    OtherActivity,
    Priority,
    PriorityArea,
    Scorecard,
    ScorecardAction,
    Section,
    SectionContent,
    Table,
    ThematicEvent,
    TimelineEntry,
    WorkingGroup,
    YearRecords,
)

__all__ = [
    "CONTEXTS",
    "AcronymScan",
    "AcronymsContext",
    "AreaCount",
    "ConclusionsView",
    "EmpactRow",
    "EmpactView",
    "FinalReportContext",
    "ScorecardContext",
    "ScorecardRow",
    "ScorecardSummary",
    "SectionView",
    "StateCount",
    "TopicView",
    "acronyms_context",
    "as_variables",
    "carried_mark",
    "carried_texts",
    "document_acronyms",
    "empact_involvement",
    "final_build_refusals",
    "final_report_context",
    "final_report_gaps",
    "outline",
    "pictureless_figures",
    "records_held",
    "scan_acronyms",
    "scorecard_context",
    "scorecard_rows",
    "scorecard_summary",
    "timeline",
]


def timeline(records: YearRecords) -> list[TimelineEntry]:
    """Every entry of the year's list of events, in date order.

    Sessions with a timeline label of meetings, thematic events and other activities, and the
    announced entries of timeline.yaml; entries on the same date keep the order of the files.
    """
    entries: list[TimelineEntry] = []
    sources: Iterable[Any] = (*records.meetings, *records.thematic_events,
                              *records.other_activities, *records.network_products)
    for record in sources:
        for session in record.sessions:
            if session.timeline:
                entries.append(TimelineEntry(session.date, session.timeline, record.id))
    entries.extend(records.timeline)
    return sorted(entries, key=lambda e: e.date.sort_key)


def records_held(records: YearRecords) -> int:
    """How many records the year holds: its lists' records, the scorecard's actions and rows of
    structure, the operational actions of its plans, its tables' rows, its glossary's entries.
    The limits of a template grow with it."""
    scorecard = records.scorecard
    return (sum(map(len, (records.working_groups, records.meetings, records.thematic_events,
                          records.other_activities, records.network_products, records.highlights,
                          records.priorities, records.timeline, records.glossary,
                          records.action_plans, records.priority_areas, records.tables)))
            + (len(scorecard.actions) + len(scorecard.parts) + len(scorecard.areas)
               + len(scorecard.fields) if scorecard is not None else 0)
            + sum(len(plan.actions) for plan in records.action_plans)
            + sum(len(table.rows) for table in records.tables))


def _doc(text: str) -> dict[str, str]:
    """What the template reference says of a template variable or attribute."""
    return {"doc": text}


@frozen
class TopicView:
    """A priority topic of the year with its thematic events."""

    id: str = attrs.field(metadata=_doc("the topic's identifier, e.g. digitalisation"))
    title: str = attrs.field(metadata=_doc("the topic's heading, e.g. Digitalisation"))
    intro: Markup | None = attrs.field(
        metadata=_doc("optional text under the heading (Markdown); show it with `{{p topic.intro|rich }}`"))
    events: tuple[ThematicEvent, ...] = attrs.field(
        metadata=_doc("the topic's thematic events, in the order of their dates"))


def in_date_order(items: Iterable[Any]) -> tuple[Any, ...]:
    """Records under one heading in the order of their first dates; a record without a date
    stays after the one before it in the file (a survey before its seminars, a paper at the
    end), so that records added later take their place by date."""
    keyed = []
    last: tuple[date, date] | None = None
    for index, item in enumerate(items):
        sessions = getattr(item, "sessions", ())
        if sessions:
            last = min(s.date.sort_key for s in sessions)
        keyed.append(((last is not None, last or (date.min, date.min)), index, item))
    return tuple(item for *_, item in sorted(keyed, key=lambda k: (k[0], k[1])))


def topics(records: YearRecords) -> list[TopicView]:
    return [
        TopicView(t.id, t.title, t.intro,
                  in_date_order(e for e in records.thematic_events if e.topic == t.id))
        for t in records.year.priority_topics
    ]


def horizontal_meetings(records: YearRecords) -> list[Meeting]:
    return [m for m in records.meetings if m.kind.horizontal]


def working_group_meetings(records: YearRecords) -> list[Meeting]:
    return [m for m in records.meetings if not m.kind.horizontal]


@frozen
class ScorecardRow:
    """A row of the scorecard table: a heading (part, area or field) or an action."""

    heading: str | None = attrs.field(
        default=None,
        metadata=_doc("a part's or area's heading, e.g. 1. Migration… (none on an action's row)"))
    level: int = attrs.field(
        default=0, metadata=_doc("0 for a part's heading, 1 for an area's heading, 2 for an action"))
    field: str = attrs.field(
        default="", metadata=_doc("the field's number and title, on its first action only (else empty)"))
    action: ScorecardAction | None = attrs.field(
        default=None, metadata=_doc("the row's action (none on a heading's row)"))


def scorecard_rows(scorecard: Scorecard) -> list[ScorecardRow]:
    """The table's rows: each part, area and field heading, then its actions, as in 2019."""
    rows: list[ScorecardRow] = []
    by_field: dict[str, list[ScorecardAction]] = {}
    for action in scorecard.actions:
        by_field.setdefault(action.field, []).append(action)
    for part in scorecard.parts:
        rows.append(ScorecardRow(worded_as(f"{part.code}. {part.title}", part.title), 0))
        for area in (a for a in scorecard.areas if a.part == part.code):
            rows.append(ScorecardRow(worded_as(f"{area.number}. {area.title}", area.title), 1))
            for item in (f for f in scorecard.fields if f.area == area.number):
                label = "" if item.number == area.number \
                    else worded_as(f"{item.number} {item.title}", item.title)
                for index, action in enumerate(by_field.get(item.number, [])):
                    rows.append(ScorecardRow(None, 2, label if index == 0 else "", action))
    return rows


@frozen
class AreaCount:
    number: str = attrs.field(metadata=_doc("the area's number, e.g. 1"))
    title: str = attrs.field(metadata=_doc("the area's heading"))
    count: int = attrs.field(metadata=_doc("the number of actions in the area; show it with `|number`"))


@frozen
class StateCount:
    label: str = attrs.field(
        metadata=_doc("the state in words: Ongoing, Throughout, Planned, Done, Held or Not stated"))
    count: int = attrs.field(metadata=_doc("the number of actions in that state; show it with `|number`"))


@frozen
class ScorecardSummary:
    total: int = attrs.field(metadata=_doc("the number of actions of the scorecard; show it with `|number`"))
    areas: tuple[AreaCount, ...] = attrs.field(
        metadata=_doc("the actions counted per area, in the scorecard's order"))
    states: tuple[StateCount, ...] = attrs.field(
        metadata=_doc("the actions counted per state of play; show them with `|join_counts`"))


def scorecard_summary(scorecard: Scorecard) -> ScorecardSummary:
    """Actions per area and per state of play, for the summary before the table."""
    per_area = Counter(a.area for a in scorecard.actions)
    per_state = Counter(a.state.label if a.state else "Not stated" for a in scorecard.actions)
    order = ["Ongoing", "Throughout", "Planned", "Done", "Held", "Not stated"]
    return ScorecardSummary(
        total=len(scorecard.actions),
        areas=tuple(AreaCount(a.number, a.title, per_area[a.number]) for a in scorecard.areas),
        states=tuple(StateCount(label, per_state[label]) for label in order if per_state[label]),
    )


@frozen
class ConclusionGroupView:
    """A sub-heading of the conclusions with its points, numbered on from the group before."""

    heading: str | None = attrs.field(metadata=_doc("the sub-heading (none: no sub-heading)"))
    points: Markup = attrs.field(
        metadata=_doc("the points as one numbered list; show it with `{{p group.points|rich }}`"))
    first: int = attrs.field(metadata=_doc("the number of the group's first point"))


@frozen
class ConclusionsView:
    """The conclusions of the Heads of Agencies meeting, their numbering run on."""

    intro: Markup | None = attrs.field(metadata=_doc("the text before the points (Markdown)"))
    groups: tuple[ConclusionGroupView, ...] = attrs.field(
        metadata=_doc("the sub-headings with their numbered points"))


def conclusions_view(groups: Sequence[ConclusionGroup], intro: Markup | None,
                     start: int = 1) -> ConclusionsView:
    views = []
    number = start
    for group in groups:
        views.append(ConclusionGroupView(group.heading, numbered_points(group.points, number), number))
        number += len(group.points)
    return ConclusionsView(intro, tuple(views))


@frozen
class SectionView:
    """A section of the final report as the template shows it, in document order: its heading
    at its level, its introduction, and what it holds (`holds` says which attribute has it)."""

    id: str = attrs.field(metadata=_doc("the section's id, or what it holds, or its place (section-3-1)"))
    heading: str = attrs.field(
        metadata=_doc("the heading, {year} and {next_year} filled in; empty for a part of the "
                      "section above it, which has no heading of its own"))
    level: int = attrs.field(
        metadata=_doc("1 for a chapter, 2 for its sections, and so on (a part: that of the "
                      "section above it)"))
    numbered: bool = attrs.field(metadata=_doc("whether the heading is numbered"))
    text: Markup | None = attrs.field(metadata=_doc("the introduction (Markdown); show it with `|rich`"))
    holds: str = attrs.field(
        metadata=_doc("what the section holds: foreword, timeline, meetings, highlights, "
                      "priority-areas… (empty when only text)"))
    items: tuple[Any, ...] = attrs.field(
        metadata=_doc("the records it holds: meetings, thematic events, highlights, priorities, "
                      "other activities, network products, priority areas, figures, timeline "
                      "entries or acronyms"))
    topics: tuple[TopicView, ...] = attrs.field(
        metadata=_doc("for thematic events without select: the priority topics with their events"))
    conclusions: ConclusionsView | None = attrs.field(
        metadata=_doc("for conclusions: the intro and the numbered points under their sub-headings"))
    table: Table | None = attrs.field(metadata=_doc("for a table: the table it shows"))
    dated: bool = attrs.field(
        metadata=_doc("whether the headings of its records carry their dates (working-group "
                      "meetings, thematic events, other activities)"))
    missing: bool = attrs.field(
        metadata=_doc("true when the section has nothing to show: a draft shows a placeholder"))


def _fill(heading: str, year: int) -> str:
    return worded_as(heading.replace("{year}", str(year)).replace("{next_year}", str(year + 1)),
                     heading)


def _held(section: Section, records: YearRecords,
          acronyms: Sequence[Acronym]) -> tuple[tuple[Any, ...], tuple[TopicView, ...],
                                                 ConclusionsView | None, Table | None, bool]:
    """What a section holds: its records, topics, conclusions or table, and whether it has any."""
    year = records.year
    kind, select = section.holds, section.select
    items: tuple[Any, ...] = ()
    views: tuple[TopicView, ...] = ()
    conclusions = None
    table = None
    if kind is SectionContent.MEETINGS:
        items = tuple(m for m in records.meetings
                      if select is None or (select == "horizontal" and m.kind.horizontal)
                      or m.kind == select)
    elif kind is SectionContent.THEMATIC_EVENTS:
        chosen = [t for t in topics(records) if select is None or t.id == select]
        if select is None:
            views = tuple(chosen)
        else:
            items = tuple(e for t in chosen for e in t.events)
    elif kind is SectionContent.PRIORITY_AREAS:
        items = tuple(a for a in records.priority_areas if select is None or a.cooperation == select)
    elif kind is SectionContent.TABLE:
        table = next((t for t in records.tables if t.id == select), None)
    elif kind is SectionContent.FIGURES:
        items = tuple(f for f in records.figures if f.annex == select)
    elif kind is SectionContent.CONCLUSIONS and records.conclusions is not None:
        given = records.conclusions
        conclusions = conclusions_view(given.groups, given.intro, given.start)
    elif kind is SectionContent.TIMELINE:
        items = tuple(timeline(records))
    elif kind is SectionContent.ACRONYMS:
        items = tuple(acronyms)
    elif kind is not None:
        items = {
            SectionContent.OTHER_ACTIVITIES: in_date_order(records.other_activities),
            SectionContent.NETWORK_PRODUCTS: records.network_products,
            SectionContent.HIGHLIGHTS: records.highlights,
            SectionContent.PRIORITIES: records.priorities,
        }.get(kind, ())
    present: bool = bool(items or views or table or (conclusions and conclusions.groups))
    if kind is SectionContent.FOREWORD:
        present = year.foreword is not None
    elif kind is SectionContent.ABOUT:
        present = bool(year.about)
    elif kind is SectionContent.EXECUTIVE_SUMMARY:
        present = bool(year.executive_summary)
    elif kind is SectionContent.EMPACT:
        present = bool(empact_involvement(records.action_plans).plans)
    elif kind is SectionContent.SCORECARD_CHART:
        present = has_scorecard_chart(records.scorecard)
    elif kind is SectionContent.ACRONYMS:
        present = bool(acronyms or records.glossary)  # those in use are known once rendered
    return items, views, conclusions, table, present


def outline(records: YearRecords, locale: str = "en",
            acronyms: Sequence[Acronym] = ()) -> list[SectionView]:
    """The final report's sections in document order, from the year's outline or the standard
    one: optional sections with nothing to show are left out, and so are sections whose
    sub-sections all are. Headings worded as the standard outline's, in it or in a year's
    own, are in the locale's language (the catalogs translate them); others stay as written."""
    given = records.outline
    sections = STANDARD_OUTLINE if given is None else given
    year = records.year
    chair = short_name(year.chair, year.as_of, locale) if year.chair else None

    def walk(items: Sequence[Section], level: int, place: str) -> list[SectionView]:
        shown: list[SectionView] = []
        for index, section in enumerate(items, start=1):
            where = f"{place}-{index}"
            # A part (no heading of its own) stands at the level of the section above it.
            own = max(level - 1, 1) if section.part else level
            below = walk(section.sections, own + 1, where)
            held, views, conclusions, table, present = _held(section, records, acronyms)
            has_text = bool(section.text)
            empty = not (present or has_text or below)
            if empty and (section.optional or (section.sections and section.holds is None
                                               and all(s.optional for s in section.sections))):
                continue
            if section.heading is not None:
                heading = translate(section.heading, locale)  # the standard's words, in any outline
            elif section.part:
                heading = ""
            elif year.foreword is not None:
                heading = year.foreword.title
            else:
                heading = translate("Foreword by the chair", locale) + (f" ({chair})" if chair else "")
            kind = section.holds
            shown.append(SectionView(
                id=section.id or (kind.value if kind else f"section{where}"),
                heading=_fill(heading, year.year), level=own, numbered=section.numbered,
                text=section.text, holds=kind.value if kind else "", items=held, topics=views,
                conclusions=conclusions, table=table,
                dated=(kind is SectionContent.THEMATIC_EVENTS
                       or (kind is SectionContent.MEETINGS and section.select == "working-group")),
                missing=(not present) if kind is not None else empty))
            shown.extend(below)
        return shown

    return walk(sections, 1, "")


def final_report_gaps(records: YearRecords) -> list[str]:
    """The content the year's outline asks for and the year does not have, in report order."""
    gaps = [] if records.year.chair else ["chair"]
    above = ""
    for section in outline(records):
        above = section.heading or above  # a part is named by the section it belongs to
        if section.missing:
            gaps.append(f"{above} ({section.holds.replace('-', ' ')})" if section.holds
                        else above)
    return gaps


CARRIED = re.compile(r"\[Text of (\d{4}): rewrite it for (\d{4}), then delete this line\]")
"""The first line of a text that `year next` carried from last year for the chair to rewrite."""


def carried_mark(year: int) -> str:
    """The first paragraph of a text of `year` carried into the next one (Markdown)."""
    return f"**[Text of {year}: rewrite it for {year + 1}, then delete this line]**"


def carried_texts(records: YearRecords) -> list[str]:
    """The texts carried from last year and not rewritten yet, each named with its place."""
    year = records.year
    texts: list[tuple[str, Markup | None]] = [
        ("the foreword (year.yaml)", year.foreword.text if year.foreword else None),
        ("about (year.yaml)", year.about),
        ("executive_summary (year.yaml)", year.executive_summary),
        ("working_groups_intro (year.yaml)", year.working_groups_intro),
        *((f"the intro of priority topic {t.id!r} (year.yaml)", t.intro)
          for t in year.priority_topics),
    ]

    def walk(sections: Sequence[Section]) -> None:
        for section in sections:
            name = section.heading or (section.holds.value if section.holds else "")
            texts.append((f"the text of section {name!r} (outline.yaml)", section.text))
            walk(section.sections)

    walk(records.outline or ())
    texts += [(f"the objective of priority area {a.id!r} (priority-areas.yaml)", a.objective)
              for a in records.priority_areas]
    return [name for name, text in texts if text is not None and CARRIED.search(text.source)]


def final_build_refusals(records: YearRecords, draft: bool = False) -> list[str]:
    """Why a build of the year would be refused (without `draft`, a final one), in the words
    `build` and `check` both use; empty when it would not."""
    if not (draft or has_final_report_content(records)) and records.scorecard is None:
        return [f"the year {records.year.year} has no content for a final report or a "
                "scorecard annex (use --draft for documents with placeholders)"]
    if draft or not has_final_report_content(records):
        return []
    refusals = []
    gaps = final_report_gaps(records)
    if gaps:
        refusals.append(f"the final report lacks: {', '.join(gaps)} "
                        "(complete the fixtures, or build with --draft)")
    carried = carried_texts(records)
    if carried:
        refusals.append(f"the final report still has last year's texts to rewrite: "
                        f"{', '.join(carried)} (rewrite each and delete its first line, or build "
                        "with --draft)")
    return refusals


def pictureless_figures(records: YearRecords) -> list[str]:
    """The captions of the figures the final report shows without their picture: each stands
    there as its caption alone (a draft marks the picture as missing)."""
    return [figure.caption for section in outline(records) if section.holds == "figures"
            for figure in section.items if isinstance(figure, Figure) and figure.picture is None]


def has_final_report_content(records: YearRecords) -> bool:
    """Whether the year has anything of a final report: some section of its outline has
    something to show."""
    return any(not section.missing and (section.holds or section.text)
               for section in outline(records)
               if section.holds not in ("empact", "scorecard-chart"))


@frozen
class FinalReportContext:
    """The variables of a final-report template."""

    year: NetworkYear = attrs.field(
        metadata=_doc('the year: `year.year`, `chair`, `trio`, `foreword`, `about`, `executive_summary`…'))
    outline: list[SectionView] = attrs.field(
        metadata=_doc("the report's sections in document order, from the year's outline (or the "
                      "standard one): walk it with `{%p for section in outline %}`"))
    sections: dict[str, SectionView] = attrs.field(
        metadata=_doc("the same sections by id, for a template that lays them out its own way: "
                      "`sections['highlights']`"))
    members: tuple[Agency, ...] = attrs.field(
        metadata=_doc("the nine agencies of the network, in the registry's order"))
    foreword_title: str = attrs.field(metadata=_doc('the foreword\'s title, or "Foreword by the chair (…)"'))
    timeline: list[TimelineEntry] = attrs.field(metadata=_doc('the list of events, in date order'))
    horizontal_meetings: list[Meeting] = attrs.field(
        metadata=_doc('Heads of Agencies, contact points, trio and presidency meetings'))
    working_group_meetings: list[Meeting] = attrs.field(metadata=_doc('the meetings of the working groups'))
    working_groups: tuple[WorkingGroup, ...] = attrs.field(metadata=_doc("the year's working groups"))
    topics: list[TopicView] = attrs.field(
        metadata=_doc("the year's priority topics, each with its thematic events"))
    other_activities: tuple[OtherActivity, ...] = attrs.field(
        metadata=_doc("activities outside the year's priorities, in the order of their dates"))
    network_products: tuple[NetworkProduct, ...] = attrs.field(
        metadata=_doc('joint products: papers, videos, brochures'))
    highlights: tuple[Highlight, ...] = attrs.field(
        metadata=_doc('the highlights of inter-agency cooperation'))
    priorities: tuple[Priority, ...] = attrs.field(metadata=_doc('the priorities for next year'))
    empact: EmpactView = attrs.field(metadata=_doc("each agency's part in the EMPACT operational actions"))
    empact_chart: Chart | None = attrs.field(
        metadata=_doc("the EMPACT chart: actions led, co-led and participated in per agency "
                      "(none without EMPACT plans)"))
    scorecard_chart: Chart | None = attrs.field(
        metadata=_doc("the chart of the scorecard's joint actions per agency (none without a "
                      "scorecard)"))
    priority_areas: tuple[PriorityArea, ...] = attrs.field(
        metadata=_doc("the year's priority areas, thematic and horizontal"))
    figures: tuple[Figure, ...] = attrs.field(
        metadata=_doc("the figures of the annexes, with their captions, legends, notes and "
                      "pictures (a section holding figures has those of its annex)"))
    acronyms: list[Acronym] = attrs.field(
        metadata=_doc("the glossary entries the year's documents use, in alphabetical order"))


@frozen
class ScorecardContext:
    """The variables of a scorecard-annex template."""

    year: NetworkYear = attrs.field(metadata=_doc('the year'))
    scorecard: Scorecard = attrs.field(metadata=_doc('the scorecard: its parts, areas, fields and actions'))
    scorecard_rows: list[ScorecardRow] = attrs.field(
        metadata=_doc("the table's rows: part and area headings, then actions with their field"))
    summary: ScorecardSummary = attrs.field(metadata=_doc('actions counted per area and per state of play'))
    scorecard_chart: Chart | None = attrs.field(
        metadata=_doc("the chart of the joint actions per agency (none without actions)"))


@frozen
class AcronymsContext:
    """The variables of an acronyms template."""

    year: NetworkYear = attrs.field(metadata=_doc('the year'))
    acronyms: list[Acronym] = attrs.field(
        metadata=_doc("the glossary entries the year's documents use, in alphabetical order"))


CONTEXTS: dict[str, type] = {
    "final-report": FinalReportContext,
    "scorecard-annex": ScorecardContext,
    "acronyms": AcronymsContext,
}
"""The context class of each kind of document, by the template's file name."""


def as_variables(context: FinalReportContext | ScorecardContext | AcronymsContext) -> dict[str, Any]:
    """A context as the template's variables (the attributes, not copied deeper)."""
    return {a.name: getattr(context, a.name) for a in attrs.fields(type(context))}


def final_report_context(records: YearRecords, locale: str = "en",
                         acronyms: Sequence[Acronym] = ()) -> FinalReportContext:
    """The variables of the final-report template; `acronyms` are those the documents use."""
    year = records.year
    chair = year.chair.short_on(year.as_of) if year.chair else None
    empact = empact_involvement(records.action_plans)
    sections = outline(records, locale, acronyms)
    return FinalReportContext(
        year=year,
        outline=sections,
        sections={section.id: section for section in sections},
        members=AGENCIES,
        foreword_title=year.foreword.title if year.foreword else (
            f"Foreword by the chair{f' ({chair})' if chair else ''}"),
        timeline=timeline(records),
        horizontal_meetings=horizontal_meetings(records),
        working_group_meetings=working_group_meetings(records),
        working_groups=records.working_groups,
        topics=topics(records),
        other_activities=in_date_order(records.other_activities),
        network_products=records.network_products,
        highlights=records.highlights,
        priorities=records.priorities,
        empact=empact,
        empact_chart=empact_chart(empact, year.as_of, locale) if empact.rows else None,
        scorecard_chart=_scorecard_chart(records.scorecard, year.as_of, locale),
        priority_areas=records.priority_areas,
        figures=records.figures,
        acronyms=list(acronyms),
    )


def _scorecard_chart(scorecard: Scorecard | None, as_of: date, locale: str) -> Chart | None:
    return scorecard_chart(scorecard, as_of, locale) \
        if scorecard is not None and has_scorecard_chart(scorecard) else None


def scorecard_context(records: YearRecords, locale: str = "en") -> ScorecardContext:
    """The variables of the scorecard-annex template; the chart's words in the locale's
    language."""
    scorecard = records.scorecard or Scorecard(
        title=f"Multilateral JHA Agencies Scorecard {records.year.year}", parts=(), areas=(),
        fields=())
    return ScorecardContext(
        year=records.year,
        scorecard=scorecard,
        scorecard_rows=scorecard_rows(scorecard),
        summary=scorecard_summary(scorecard),
        scorecard_chart=_scorecard_chart(records.scorecard, records.year.as_of, locale),
    )


def acronyms_context(records: YearRecords, acronyms: list[Acronym]) -> AcronymsContext:
    """The variables of the acronyms template: the glossary entries the documents use."""
    return AcronymsContext(year=records.year, acronyms=acronyms)


# Words in capitals that are no acronyms: the reports' own headings, roman numerals, and the
# security markings of EU classified information (RESTREINT UE/EU RESTRICTED…).
_NOT_ACRONYMS = frozenset({
    "DRAFT", "PROJET", "ENTWURF", "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII",
    "RESTREINT", "RESTRICTED", "CONFIDENTIEL", "CONFIDENTIAL", "SECRET", "TRÈS", "TOP", "LIMITE",
    *(f"{level} UE" for level in ("RESTREINT", "CONFIDENTIEL", "SECRET", "TRÈS SECRET")),
    *(f"EU {level}" for level in ("RESTRICTED", "CONFIDENTIAL", "SECRET", "TOP SECRET")),
})
# A word, joined words (EU-OSHA, COVID-19) or a word with a plus (EU+).
_WORD = r"[^\W\d_][^\W_]*\+?(?:-[^\W_]+\+?)*"
# Web and mail addresses, whose words (ST-7021-2017-INIT, JAI in a path) are no acronyms.
_ADDRESS = re.compile(r"\b(?:https?://|ftp://|www\.)[^\s<>\"“”]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# States are written by their codes (AT, EL) as the EU writes them, outside the list of acronyms.
_STATES = frozenset({BodyKind.MEMBER_STATE, BodyKind.COUNTRY})


def _is_state(actor: Agency | Body) -> bool:
    return isinstance(actor, Body) and actor.kind in _STATES


def document_acronyms(records: YearRecords, texts: Iterable[str], locale: str = "en") -> AcronymScan:
    """The acronyms of a build's documents, from their texts: the glossary's, and the agencies
    and bodies by the EU's names in the locale's language (OEDT); the words the code and
    templates write are no acronyms of the records."""
    glossary = (*records.glossary, *(Acronym(short, full) for short, full
                                     in acronyms_in_language(records.year.as_of, locale)))
    return scan_acronyms(texts, glossary, as_of=records.year.as_of, locale=locale,
                         not_acronyms=(*records.year.not_acronyms, *own_words(locale)))


@frozen
class AcronymScan:
    """The acronyms of a build's documents."""

    used: list[Acronym]  # glossary entries, agencies and bodies used, alphabetical
    unlisted: list[str]  # acronyms used that neither the glossary nor the registry knows


def _capitals(word: str) -> int:
    return sum(c.isupper() for c in word)


def _is_acronym(word: str) -> bool:
    """Whether a word is written as an acronym: two capitals or more (EPRS, CRIs, MoU, eu-LISA)."""
    return _capitals(word) >= 2


def _unknown(word: str) -> bool:
    """Whether a word not in the glossary nor the registry is worth a warning: in capitals, with
    no digit (CJ2, EU4 are references and programmes more than acronyms)."""
    return _is_acronym(word) and word.rstrip("s").isupper() and word.isalpha()


def _registry_name(short: str) -> bool:
    """Whether an agency's or body's short name reads as an acronym (EPRS, DG HOME, LIBE
    Committee), not as a word or a phrase (Frontex, Council of Europe, Belgian Presidency)."""
    first, *rest = short.split(" ")
    return _capitals(first) >= 2 and all(w[:1].isupper() for w in rest)


def scan_acronyms(texts: Iterable[str], glossary: Sequence[Acronym], *, as_of: date,
                  locale: str = "en", not_acronyms: Iterable[str] = ()) -> AcronymScan:
    """The acronyms the texts use, in one pass over them.

    An acronym counts for its glossary entry also in the plural (CRIs) and joined to others
    (EU-OSHA counts for EU, LS-JAD for JAD). Agencies and bodies of the registry come with the
    name they bore on `as_of` (ENISA's 2017 name, EASO where the text says EASO), unless the
    glossary has an entry of the same short form. Unknown acronyms are reported as written, the
    whole joined word (EU-OSHA), or the singular of a plural; `not_acronyms` (names in capitals,
    the words the code itself writes) and the words of web and mail addresses are left alone.
    An agency or body named by its short name of the day is spelt out in the locale's language
    (FRA: Agence des droits fondamentaux…).
    """
    entries = {a.short: a for a in glossary}
    # A translated entry also counts where a text left untranslated writes the English form.
    entries.update({alias: a for a in glossary for alias in a.aliases if alias not in entries})
    skip = _NOT_ACRONYMS | set(not_acronyms)
    actors: tuple[Agency | Body, ...] = (*REGISTRY.agencies, *REGISTRY.bodies)
    phrases = {s for s in (*entries, *skip) if " " in s} | {
        n for actor in actors if not _is_state(actor)
        for n in (*(m.short for m in actor.names), *actor.spellings)
        if " " in n and _registry_name(n)}
    words = _words((_ADDRESS.sub(" ", text) if "/" in text or "@" in text or "www." in text
                    else text for text in texts), phrases)

    used: dict[str, Acronym] = {}
    unlisted: set[str] = set()

    def known(word: str) -> bool:
        """Count the word for its entry when it has one; whether it is known at all."""
        forms = [word]
        if word.endswith(("s", "+")) and _is_acronym(word[:-1]):
            forms.append(word[:-1])  # a plural (CRIs), or a programme's next version (GLACY+)
        for form in forms:
            if form in entries:
                used.setdefault(form, entries[form])
                return True
        for form in forms:
            actor = REGISTRY.find(form)
            if actor is None:
                continue
            named = _named(actor, form, as_of) if _is_acronym(form) and not _is_state(actor) else None
            if named is not None:
                if locale != "en" and named.short == actor.short_on(as_of):
                    # The language's form, whatever the text wrote (OEDT for EMCDDA in French):
                    # one entry per agency or body; of a name that reads as words, its acronym
                    # (LIBE of "commission LIBE").
                    own = short_name(actor, as_of, locale)
                    letters = " ".join(w for w in own.split() if _is_acronym(w))
                    named = Acronym(own if _registry_name(own) else letters or named.short,
                                    full_name(actor, as_of, locale))
                used.setdefault(named.short, named)
            return True
        return any(form in skip for form in forms)

    for word in words:
        if known(word):
            continue
        parts = word.split("-")
        if len(parts) > 1:
            if [p for p in parts if not known(p) and _unknown(p)]:
                # the joined acronyms, whole (EU-OSHA, LS-JAD), without words (ENI-funded: ENI)
                unlisted.add("-".join(p for p in parts if _is_acronym(p) or p.isdigit()))
        elif _unknown(word):
            unlisted.add(word[:-1] if word.endswith("s") and word[:-1].isupper() else word)
    return AcronymScan(used=sorted(used.values(), key=lambda a: (a.short.casefold(), a.short)),
                       unlisted=sorted(unlisted))


_WORD_PATTERN = re.compile(rf"(?<![\w-]){_WORD}")
_WORD_CHARACTER = re.compile(r"[\w-]")


def _words(texts: Iterable[str], phrases: Iterable[str]) -> set[str]:
    """The words of the texts, as a reader would pick them out, a phrase (DG HOME) as one.

    A word stands between characters that are no letter, digit, `_` or `-`; so words never
    cross white space, and each distinct piece between white space is read once (most recur
    across a year's texts). The phrases are looked for first, longest first, each standing apart
    from the words around it; what they cover is no word of its own.
    """
    longest_first = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    # The phrase must stand apart on its left too: checked on each one found, as a lookbehind
    # opening the pattern would keep the search from skipping ahead to a phrase's first letter.
    phrase = re.compile(rf"(?:{longest_first})(?![\w-])") if longest_first else None
    words: set[str] = set()
    pieces: set[str] = set()
    for text in dict.fromkeys(texts):  # each text once: lists of agencies, states, recur
        if phrase is not None:
            kept: list[str] = []
            at = 0
            found = phrase.search(text)
            while found is not None:
                start = found.start()
                if start and _WORD_CHARACTER.match(text, start - 1):  # within a word
                    found = phrase.search(text, start + 1)
                    continue
                words.add(found.group())
                kept.append(text[at:start])
                at = found.end()
                found = phrase.search(text, at)
            if kept:
                text = " ".join([*kept, text[at:]])
        pieces.update(text.split())
    for piece in pieces:
        words.update(_WORD_PATTERN.findall(piece))
    return words


def _named(actor: Agency | Body, written: str, as_of: date) -> Acronym | None:
    """The list-of-acronyms entry of an agency or body a text names by `written`: the name of that
    short form (EASO, even in 2023; ENISA's name of the day), else the name of the day when it
    reads as an acronym (LIBE → LIBE Committee), else the written form with the full name of the
    day (EBCGA: European Border and Coast Guard Agency); None for a name that is a word (Frontex)."""
    name = actor.name_written(written, as_of)
    if name is not None:
        return Acronym(name.short, name.full) if _registry_name(name.short) else None
    name = actor.name_on(as_of)
    if _registry_name(name.short):
        return Acronym(name.short, name.full)
    return Acronym(written, name.full)
