"""Each returned form against its base: what the agency changed, entry by entry, checked.

A form's rows are compared with what the form showed when it was made (the base the chair's
folder keeps), or, when the agency already sent a form from the same base, with what that agency
gave last (the ledger keeps it): so a form saved again unchanged changes nothing, and a newer
form brings only what is new in it. Every value an agency typed is checked as the records would
check it, and every problem is said with the form, the place and the entry.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from typing import Any

from attrs import frozen

from ..agencies import REGISTRY, UnknownNameError
from ..markup import Markup, MarkupError
from ..periods import PeriodError, parse_period, parse_state
from .base import FormBase
from .entries import (
    EMPTY_CHOICES,
    FORMATS,
    KINDS,
    STATUSES,
    Entries,
    record_entries,
    same,
    state_text,
)
from .ledger import Gave, LedgerEntry
from .problems import FormProblem, shown
from .read import FormRow, ReturnedForm
from .sources import Source, YearSources

__all__ = [
    "Edit",
    "EntryError",
    "FormDiff",
    "NewRecord",
    "YearContext",
    "canonical",
    "diff_form",
    "split_date",
]


class EntryError(ValueError):
    """A value of an entry that the records cannot take; the message says why."""


class YearContext:
    """The year's records as the forms show them: entries by record, and the names forms use
    for the year's priority topics, working groups and scorecard fields."""

    def __init__(self, sources: YearSources) -> None:
        records = sources.records
        self.sources = sources
        self.year = records.year.year
        self.day = records.year.as_of
        self.topics = {t.id: t.title for t in records.year.priority_topics}
        self.groups = {g.id: g.name for g in records.working_groups}
        self.fields = ({f.number: f.title for f in records.scorecard.fields}
                       if records.scorecard else {})
        self.by_key: dict[str, Source] = sources.by_key()
        self.current: dict[str, Entries] = {
            key: record_entries(s.kind, s.record, self.day, self.topics, self.groups)
            for key, s in self.by_key.items()}

    def title(self, key: str, entries: Entries | None = None) -> str:
        """A record's title as a reader knows it: its title, or the start of an action."""
        values = entries or self.current.get(key, {})
        if "title" in values:
            return str(values["title"])
        words = str(values.get("action", "")).split()
        return " ".join(words[:10]) + ("…" if len(words) > 10 else "")


@frozen
class Edit:
    """One agency's change to one entry of one record: `value` instead of `base`, what its form
    showed."""

    record: str
    entry: str
    value: Any
    base: Any
    place: str


@frozen
class NewRecord:
    """A record a form adds, with all its entries."""

    kind: str
    place: str
    entries: Entries


@frozen
class FormDiff:
    """What one returned form changes."""

    form: ReturnedForm
    edits: tuple[Edit, ...]
    new: tuple[NewRecord, ...]
    left: tuple[tuple[str, str], ...]  # (record, place): records the agency took itself off
    gave: tuple[Gave, ...]  # for the ledger: what it said of the records it changed or left
    problems: tuple[FormProblem, ...]

    @property
    def agency(self) -> str:
        return self.form.agency.code


def diff_form(form: ReturnedForm, base: FormBase, earlier: Sequence[LedgerEntry],
              context: YearContext) -> FormDiff:
    """What `form` changes against `base`, and against what the same agency gave in the
    `earlier` forms of the ledger made from the same base."""
    code = form.agency.code
    short = form.agency.short_on(context.day)
    name = form.path.name
    problems: list[FormProblem] = []
    marks = base.marks.get(code, {})
    # What this agency's forms of this base said of each record, last: the base, overlaid
    # with what its earlier forms gave.
    said: dict[str, Entries] = {key: dict(entries) for key, entries in base.records.items()}
    added: dict[str, Gave] = {}
    for imported in earlier:
        for given in imported.gave:
            if given.new:
                said[given.record] = dict(given.entries)
                added[given.record] = given
            else:
                said.setdefault(given.record, {}).update(given.entries)
    edits: list[Edit] = []
    new: list[NewRecord] = []
    left: list[tuple[str, str]] = []
    gave: list[Gave] = []
    read: set[str] = set()
    unmarked: list[FormRow] = []

    def problem(row: FormRow | None, message: str, entry: str | None = None,
                place: str | None = None) -> None:
        label = KINDS[row.kind].labels.get(entry, entry) if row and entry else entry
        problems.append(FormProblem(name, short, message,
                                    place or (row.place if row else None),
                                    label.casefold() if label else None))

    def compare(row: FormRow, key: str, place: str) -> None:
        before = said.get(key)
        if before is None:
            return
        checked = _checked(row, context, lambda message, entry: problem(row, message, entry,
                                                                          place))
        if checked is None:
            return
        if _empty(row.kind, checked):
            leave(key, place, before)
            return
        changed = {entry: value for entry, value in checked.items()
                   if entry in before and not same(entry, value, before[entry])}
        if not changed:
            return
        if key not in context.current:
            problem(row, "the record is no longer in the year's files, so this change cannot "
                    "land: put the record back, or import the other forms meanwhile", None, place)
            return
        edits.extend(Edit(key, entry, value, before[entry], place)
                     for entry, value in changed.items())
        gave.append(Gave(key, place, changed))

    def leave(key: str, place: str, before: Entries) -> None:
        agencies = [a for a in before.get("agencies", []) if a != code]
        if agencies == list(before.get("agencies", [])):
            return  # already off it
        left.append((key, place))
        if key in context.current:
            edits.append(Edit(key, "agencies", agencies, before.get("agencies", []), place))
        gave.append(Gave(key, place, {"agencies": agencies}, left=True))

    for row in form.rows:
        mark = marks.get(row.mark) if row.mark else None
        for entry, message in row.problems:
            problem(row, message, entry, mark.place if mark else None)
        if mark is None or mark.record.split(":", 1)[0] != row.kind:
            unmarked.append(row)
            continue
        read.add(row.mark or "")
        compare(row, mark.record, mark.place)
    for bookmark, mark in marks.items():
        if bookmark in read:
            continue
        if bookmark in form.bookmarks:
            problem(None, "this record's row or table could not be read (was its heading "
                    "changed?): put it back as the form had it", place=mark.place)
            continue
        before = said.get(mark.record)
        if before is not None:
            leave(mark.record, mark.place, before)
    # New rows: those this agency already added from this base continue their record.
    continued = _continued(unmarked, added, said)
    for row in unmarked:
        key = continued.get(id(row))
        if key is not None:
            compare(row, key, added[key].place)
            continue
        checked = _checked(row, context, lambda message, entry, row=row: problem(row, message,
                                                                                 entry))
        if checked is not None and not _empty(row.kind, checked):
            new.append(NewRecord(row.kind, row.place, checked))
    for key, given in added.items():
        if key not in continued.values():
            leave(key, given.place, said[key])
    return FormDiff(form, tuple(edits), tuple(new), tuple(left), tuple(gave), tuple(problems))


def _continued(rows: list[FormRow], added: dict[str, Gave], said: dict[str, Entries]
               ) -> dict[int, str]:
    """The new rows that are records this agency added from an earlier form: the same title
    (or action), else the same place and a close text."""
    found: dict[int, str] = {}
    free = dict(added)

    def words(kind: str, entries: Entries) -> str:
        text = entries.get("title") if kind != "action" else entries.get("action")
        return " ".join(str(text or "").casefold().split())

    for row in rows:
        for key in free:
            if key.split(":", 1)[0] == row.kind and \
                    words(row.kind, row.entries) == words(row.kind, said[key]):
                found[id(row)] = key
                del free[key]
                break
    for row in rows:
        if id(row) in found:
            continue
        for key, given in free.items():
            if key.split(":", 1)[0] == row.kind and (given.place == row.place or difflib.
                    SequenceMatcher(None, words(row.kind, row.entries),
                                    words(row.kind, said[key])).ratio() >= 0.6):
                found[id(row)] = key
                del free[key]
                break
    return found


def _empty(kind: str, entries: Entries) -> bool:
    """A row typed empty: the agency deleted the record's words rather than its row."""
    return not entries.get("action" if kind == "action" else "title")


def _checked(row: FormRow, context: YearContext, problem: Any) -> Entries | None:
    """The row's entries as the records take them (choices spelt as the form lists them, other
    partners by their names of the year), or None when one cannot be taken."""
    result: Entries = {}
    bad = False
    for entry, value in row.entries.items():
        if entry in dict(row.problems):
            bad = True
            continue
        try:
            result[entry] = canonical(row.kind, entry, value, context)
        except EntryError as error:
            problem(str(error), entry)
            bad = True
    if row.kind == "action" and not bad and not _empty(row.kind, result):
        written = state_text(result.get("state", ""), result.get("when", ""))
        if written:
            try:
                parse_state(written, context.year)
            except PeriodError as error:
                problem(f"{shown(result.get('when', ''))} is not a date or period the report "
                        f"can read ({_reason(error)}; write for example 11 July {context.year}, "
                        f"November {context.year} or {context.year}-{context.year + 1})", "when")
                bad = True
    return None if bad else result


def canonical(kind: str, entry: str, value: Any, context: YearContext) -> Any:
    """An entry's value as the records take it, spelt as the form spells it; EntryError when
    the records cannot take it."""
    if isinstance(value, list):
        if entry == "others":
            names = []
            for name in value:
                try:
                    actor = REGISTRY.resolve(name)
                except UnknownNameError as error:
                    raise EntryError(str(error)) from None
                names.append(actor.short_on(context.day))
            return list(dict.fromkeys(names))
        if entry == "dates":
            lines = []
            for line in value:
                when, label = split_date(line)
                try:
                    parse_period(when, context.year)
                except PeriodError as error:
                    raise EntryError(f"{shown(when)} is not a date the report can read "
                                     f"({_reason(error)})") from None
                lines.append(f"{when} (list of events: {label})" if label else when)
            return lines
        return list(value)
    text = " ".join(str(value).split()) if entry not in ("action", "text") else str(value)
    if text in EMPTY_CHOICES:
        text = ""
    if entry in ("action", "text"):
        try:
            Markup.parse(text)
        except MarkupError as error:
            raise EntryError(str(error)) from None
        return text
    if entry == "field":
        if text and text not in context.fields:
            raise EntryError(f"{shown(text)} is not a field of the scorecard"
                             + _closest(text, context.fields))
        return text
    if entry == "state":
        return _choice(text, STATUSES, "a state of play")
    if entry == "format":
        return _choice(text, FORMATS, "a format")
    if entry == "title" and not text:
        raise EntryError("the title is empty")
    if entry == "topic":
        return _choice(context.topics.get(text, text), context.topics.values(),
                       "a priority topic of the year", required=True)
    if entry == "group":
        return _choice(context.groups.get(text, text), context.groups.values(),
                       "a working group of the year")
    return text


def split_date(line: str) -> tuple[str, str | None]:
    """A line of the form's dates: the date, and its wording in the list of events if given."""
    match = re.fullmatch(r"(.*?)\s*\(list of events:\s*(.*)\)", line)
    if match:
        return match.group(1), " ".join(match.group(2).split()) or None
    return line, None


def _choice(text: str, choices: Iterable[str], what: str, required: bool = False) -> str:
    options = list(choices)
    if not text:
        if required:
            raise EntryError(f"choose {what} ({', '.join(options)})")
        return ""
    for choice in options:
        if choice.casefold() == text.casefold():
            return choice
    raise EntryError(f"{shown(text)} is not {what}" + _closest(text, options))


def _closest(value: str, choices: Iterable[str]) -> str:
    options = list(choices)
    close = difflib.get_close_matches(value.casefold(), [c.casefold() for c in options], n=1,
                                      cutoff=0.6)
    if close:
        return f" (did you mean {close[0]!r}?)"
    listed = ", ".join(options[:12]) + (", …" if len(options) > 12 else "")
    return f" (choose one of: {listed})"


def _reason(error: Exception) -> str:
    return str(error).split(" (write")[0]
