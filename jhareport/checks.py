"""Checks across records: what no single record can tell about itself.

Unknown priority topics, working groups, scorecard parts, areas and fields; duplicate ids and
acronyms; what the outline's sections select. `load_year` runs them on the records it read, and
`build` on records made in code, so both report the same problems in the same words.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from attrs import frozen

from .records import MeetingKind, Section, SectionContent, YearRecords

__all__ = ["KINDS", "Problem", "closest", "record_problems"]

KINDS = ("year", "working-groups", "meetings", "thematic-events", "other-activities",
         "network-products", "highlights", "priorities", "priority-areas", "tables", "figures",
         "outline", "scorecard", "glossary")
"""The kinds of records, named as their files are."""


@frozen
class Problem:
    """One thing wrong in the records, with its place: the file and line it was read from (none
    for records made in code), the record and the field."""

    file: Path | None
    line: int | None
    message: str
    record: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        place = (f"{self.file}:{self.line}" if self.line else f"{self.file}") if self.file else ""
        where = ", ".join(x for x in (self.record, f"field {self.field!r}" if self.field else None)
                          if x)
        text = f"{where}: {self.message}" if where else self.message
        return f"{place}: {text}" if place else text


def closest(value: str, choices: Sequence[str]) -> str:
    """" (did you mean 'x'?)", or the known values when none is close."""
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.5)
    return f" (did you mean {close[0]!r}?)" if close else f" (known: {', '.join(choices) or '-'})"


_MEETING_SELECTS = ("horizontal", "working-group", *(kind.value for kind in MeetingKind))


def record_problems(records: YearRecords,
                    files: Mapping[str, Path] | None = None) -> list[Problem]:
    """Every problem across the records; `files` gives the file of each kind of record."""
    def file(kind: str) -> Path | None:
        return files.get(kind) if files else None

    problems: list[Problem] = []
    lists: list[tuple[str, str, Iterable[Any]]] = [
        ("working-groups", "working group", records.working_groups),
        ("meetings", "meeting", records.meetings),
        ("thematic-events", "thematic event", records.thematic_events),
        ("other-activities", "other activity", records.other_activities),
        ("network-products", "network product", records.network_products),
        ("highlights", "highlight", records.highlights),
        ("priorities", "priority", records.priorities),
        ("priority-areas", "priority area", records.priority_areas),
        ("tables", "table", records.tables),
        ("figures", "figure", records.figures),
        ("scorecard", "scorecard action",
         [a for a in records.scorecard.actions if a.id] if records.scorecard else []),
    ]
    for kind, what, items in lists:
        counts = Counter(item.id for item in items)
        problems.extend(Problem(file(kind), None, f"duplicate {what} id {identifier!r}")
                        for identifier, count in counts.items() if count > 1)
    acronyms = Counter(a.short for a in records.glossary)
    problems.extend(Problem(file("glossary"), None, f"duplicate acronym {short!r}")
                    for short, count in acronyms.items() if count > 1)

    topics = [t.id for t in records.year.priority_topics]
    for event in records.thematic_events:
        if event.topic not in topics:
            message = f"unknown priority topic {event.topic!r}" + closest(event.topic, topics)
            problems.append(Problem(file("thematic-events"), None, message,
                                    f"thematic event {event.id!r}", "topic"))
    groups = [g.id for g in records.working_groups]
    for meeting in records.meetings:
        if meeting.group is not None and meeting.group not in groups:
            message = f"unknown working group {meeting.group!r}" + closest(meeting.group, groups)
            problems.append(Problem(file("meetings"), None, message, f"meeting {meeting.id!r}",
                                    "group"))
    problems.extend(_scorecard_problems(records, file("scorecard")))
    outline = records.outline
    if outline is not None:
        problems.extend(_outline_problems(records, outline, file("outline")))
    return problems


def _scorecard_problems(records: YearRecords, path: Path | None) -> list[Problem]:
    scorecard = records.scorecard
    if scorecard is None:
        return []
    problems = []
    parts = [p.code for p in scorecard.parts]
    areas = [a.number for a in scorecard.areas]
    fields = [f.number for f in scorecard.fields]
    for area in scorecard.areas:
        if area.part not in parts:
            problems.append(Problem(path, None, f"unknown part {area.part!r}", f"area {area.number!r}",
                                    "part"))
    for item in scorecard.fields:
        if item.area not in areas:
            problems.append(Problem(path, None, f"no area {item.area!r} above it",
                                    f"field {item.number!r}", "number"))
    for index, action in enumerate(scorecard.actions, start=1):
        if action.field not in fields:
            message = f"unknown field {action.field!r}" + closest(action.field, fields)
            problems.append(Problem(path, None, message, f"action #{index}", "field"))
    return problems


def _outline_problems(records: YearRecords, sections: Sequence[Section],
                      path: Path | None) -> list[Problem]:
    topics = [t.id for t in records.year.priority_topics]
    cooperations = sorted({a.cooperation for a in records.priority_areas})
    tables = [t.id for t in records.tables]
    annexes = sorted({f.annex for f in records.figures})
    problems: list[Problem] = []
    problems.extend(Problem(path, None, "a chapter needs a heading: a section without one is a "
                            "part of the section above it", f"section {str(section.holds)!r}",
                            "heading") for section in sections if section.part)
    ids: Counter[str] = Counter()
    for section in _walk(sections):
        name = f"section {section.heading or str(section.holds)!r}"
        if section.id:
            ids[section.id] += 1
        select = section.select
        if select is None:
            continue
        known: Sequence[str] | None = {
            SectionContent.MEETINGS: _MEETING_SELECTS,
            SectionContent.THEMATIC_EVENTS: topics,
            SectionContent.PRIORITY_AREAS: cooperations,
            SectionContent.TABLE: tables,
            SectionContent.FIGURES: annexes,
        }.get(section.holds) if section.holds is not None else None
        if known is None:
            problems.append(Problem(path, None, f"select says which records a section holds; this "
                                    f"one holds {section.holds or 'nothing'}", name, "select"))
        elif select not in known:
            what = {SectionContent.MEETINGS: "kind of meeting",
                    SectionContent.THEMATIC_EVENTS: "priority topic",
                    SectionContent.PRIORITY_AREAS: "cooperation of the priority areas",
                    SectionContent.TABLE: "table",
                    SectionContent.FIGURES: "annex of figures"}[section.holds] if section.holds else ""
            problems.append(Problem(path, None, f"unknown {what} {select!r}" + closest(select, known),
                                    name, "select"))
    problems.extend(Problem(path, None, f"duplicate section id {identifier!r}")
                    for identifier, count in ids.items() if count > 1)
    return problems


def _walk(sections: Sequence[Section]) -> Iterable[Section]:
    for section in sections:
        yield section
        yield from _walk(section.sections)
