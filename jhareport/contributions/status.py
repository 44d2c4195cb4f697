"""Where the contributions stand, agency by agency: returned or not, when, late or not, what each
changed (from the ledger) or would change (a form not imported yet), and a reminder ready to
send to each agency whose form is missing."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from attrs import frozen

from ..agencies import REGISTRY, Agency
from ..loading import load_year
from ..periods import format_period, parse_period
from .base import BaseError, read_bases
from .diff import FormDiff, YearContext, diff_form
from .entries import KINDS
from .importing import read_returned
from .ledger import LedgerEntry, read_ledger
from .merge import references
from .problems import ContributionError, FormProblem, capped
from .read import PassedOver
from .sources import read_sources

__all__ = ["AgencyStatus", "ContributionStatus", "contribution_status"]


def _day(value: date) -> str:
    return format_period(parse_period(value.isoformat()))


@frozen
class AgencyStatus:
    """One agency: whether its form was sent and returned, when, and what it brings."""

    agency: str  # the agency's name of the year
    sent: bool
    files: tuple[str, ...]  # its returned forms
    received: date | None  # the date of its latest reply
    late: int | None  # days after the due date it replied, or that its form is overdue
    imported: datetime | None  # when its latest form was imported
    changes: tuple[str, ...]  # what its forms changed, or would change when imported
    pending: bool  # a returned form not imported yet
    problems: int  # in a form not imported yet
    reminder: str | None  # for a form not returned

    @property
    def returned(self) -> bool:
        return bool(self.files)

    def __str__(self) -> str:
        if not self.returned:
            when = ("" if self.late is None else f" ({_days(self.late)} late)" if self.late > 0
                    else " (not due yet)")
            return f"{self.agency}: not returned{when}"
        parts = [f"{self.agency}: returned"]
        if self.received:
            parts[0] += f" {_day(self.received)}"
        parts[0] += f" ({', '.join(self.files)})"
        if self.late is not None:
            parts.append(f"{_days(self.late)} late" if self.late > 0 else "on time")
        if self.pending:
            noun = "problem" if self.problems == 1 else "problems"
            parts.append("not imported yet" + (f", {self.problems} {noun} to mend "
                                               "(`contributions import` lists them)"
                                               if self.problems else ""))
        elif self.imported:
            parts.append(f"imported {_day(self.imported.date())}")
        lines = ["; ".join(parts)]
        lines += [f"    {c}" for c in capped(self.changes)]
        if not self.changes and not self.problems:
            lines.append("    no change")
        return "\n".join(lines)


@frozen
class ContributionStatus:
    year: int
    due: date | None
    today: date
    agencies: tuple[AgencyStatus, ...]  # those sent a form, and any other that returned one
    passed_over: tuple[PassedOver, ...]
    other_files: tuple[FormProblem, ...]  # returned files that are no form to import

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(a.agency for a in self.agencies if a.sent and not a.returned)

    def __str__(self) -> str:
        sent = [a for a in self.agencies if a.sent]
        returned = [a for a in sent if a.returned]
        due = ""
        if self.due:
            days = (self.due - self.today).days
            when = (f"{_days(days)} left" if days > 0 else "due today" if days == 0
                    else f"{_days(-days)} ago")
            due = f" (due {_day(self.due)}: {when})"
        noun = "form" if len(sent) == 1 else "forms"
        lines = [f"{self.year}: {len(returned)} of {len(sent)} {noun} returned{due}"]
        lines += [str(a) for a in self.agencies]
        reminders = [a for a in self.agencies if a.reminder]
        if reminders:
            lines.append("")
            lines.append("reminders, ready to send:")
            for status in reminders:
                lines.append(f"  to {status.agency}:")
                lines += textwrap.wrap(status.reminder or "", 96, initial_indent="    ",
                                       subsequent_indent="    ")
        if self.passed_over:
            lines.append("")
            lines.append(f"passed over in the returned folder ({len(self.passed_over):,}):")
            lines += [f"  {p}" for p in capped([str(p) for p in self.passed_over])]
        if self.other_files:
            lines.append("")
            lines.append(f"not forms to import into {self.year}:")
            lines += [f"  {p}" for p in capped([str(p) for p in self.other_files])]
        return "\n".join(lines) + "\n"


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def contribution_status(forms_dir: str | Path, year_dir: str | Path, *, due: date | None = None,
                        today: date | None = None) -> ContributionStatus:
    """Where each agency stands: from the forms sent (the bases in the year's folder), the
    ledger of imports and the returned folder `forms_dir`; late against `due` (else the due
    date of the forms). Raises LoadError for the year, ContributionError for a folder or a
    ledger that cannot be read."""
    folder = Path(year_dir)
    records = load_year(folder)
    context = YearContext(read_sources(folder, records))
    day = context.day
    ledger = read_ledger(folder)
    try:
        bases = [b for b in read_bases(folder) if b.year == context.year]
    except BaseError as error:
        raise ContributionError([FormProblem(str(folder), None, str(error))]) from None
    returned = read_returned(Path(forms_dir), folder, context, ledger)
    today = today or date.today()
    due = due or next((b.due for b in reversed(bases) if b.due), None) or next(
        (f.due for f, _ in returned.forms if f.due), None)
    sent = ({code for b in bases for code in b.marks} if bases else
            {a.code for a in REGISTRY.agencies if a != records.year.chair})
    pending: dict[str, tuple[str, FormDiff]] = {}
    for form, base in returned.forms:
        earlier = [e for e in ledger if e.agency == form.agency.code and e.forms == base.digest]
        pending[form.agency.code] = (form.path.name, diff_form(form, base, earlier, context))
    files: dict[str, list[str]] = {}
    for done in returned.done:
        code = next((a.code for a in REGISTRY.agencies if a.short_on(day) == done.agency), None)
        if code is not None:
            files.setdefault(code, []).append(done.file)
    chair = records.year.chair
    statuses = []
    for agency in REGISTRY.agencies:
        mine = [e for e in ledger if e.agency == agency.code]
        names = [*files.get(agency.code, []), *([pending[agency.code][0]]
                                                if agency.code in pending else [])]
        names += [e.file for e in mine if e.file not in names]
        if agency.code not in sent and not names:
            continue
        statuses.append(_status(agency, agency.code in sent, names, mine,
                                pending.get(agency.code), context, due, today, chair))
    return ContributionStatus(context.year, due, today, tuple(statuses), returned.passed_over,
                              returned.problems)


def _status(agency: Agency, sent: bool, files: list[str], ledger: Sequence[LedgerEntry],
            pending: tuple[str, FormDiff] | None, context: YearContext, due: date | None,
            today: date, chair: Agency | None) -> AgencyStatus:
    day = context.day
    short = agency.short_on(day)
    received_dates = [e.received for e in ledger if e.received]
    if pending is not None:
        received_dates.append(pending[1].form.received)
    received = max(received_dates) if received_dates else None
    late: int | None = None
    if due is not None:
        late = ((received or today) - due).days if files else (today - due).days
    changes = [c for e in ledger for c in e.changes]
    problems = 0
    if pending is not None:
        diff = pending[1]
        changes += _would(diff, context)
        problems = len(diff.problems)
    reminder = None
    if sent and not files:
        reminder = _reminder(short, agency.code, context.year, due, today, chair, day)
    return AgencyStatus(short, sent, tuple(files), received, late,
                        max((e.imported for e in ledger), default=None), tuple(changes),
                        pending is not None, problems, reminder)


def _would(diff: FormDiff, context: YearContext) -> list[str]:
    names = references(list(context.current))
    lines = []
    edited: dict[str, list[str]] = {}
    for edit in diff.edits:
        edited.setdefault(edit.record, []).append(edit.entry)
    left = {key for key, _ in diff.left}
    for key, entries in edited.items():
        kind = key.split(":", 1)[0]
        if key in left:
            continue
        labels = KINDS[kind].labels
        lines.append(f"changes {KINDS[kind].name} {context.title(key)!r} "
                     f"({', '.join(labels[e].casefold() for e in entries)}) [{names[key]}]")
    lines += [f"leaves {KINDS[key.split(':', 1)[0]].name} {context.title(key)!r}"
              for key in left]
    lines += [f"adds {KINDS[r.kind].name} {context.title('', r.entries)!r}" for r in diff.new]
    return lines


def _reminder(agency: str, code: str, year: int, due: date | None, today: date,
              chair: Agency | None, day: date) -> str:
    signed = (f"{chair.short_on(day)}, chair of the network in {year}" if chair
              else f"The chair of the network in {year}")
    if due is None:
        when = "It has not reached us yet: could you please send it back as soon as you can?"
    elif due < today:
        when = (f"It was due on {_day(due)} and has not reached us yet: could you please send "
                "it back as soon as you can?")
    else:
        when = f"It is due on {_day(due)}: could you please send it back by then?"
    return (f"Dear colleagues of {agency}, this is a reminder about the contribution of "
            f"{agency} to the {year} report of the Justice and Home Affairs Agencies' Network, "
            f"the Word form {code}.docx sent to you. {when} Thank you. {signed}")
