"""Where the contributions stand: who returned a form, what each one changes, who is late."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

from attrs import frozen

from ..agencies import REGISTRY
from ..loading import load_year
from ..periods import format_period, parse_period
from .merge import FormProblem, _Context, analyse, read_forms
from .sources import KINDS, read_sources

__all__ = ["AgencyStatus", "ContributionStatus", "contribution_status"]


@frozen
class AgencyStatus:
    """One agency's returned form: what it adds, changes and removes, per kind of record."""

    agency: str  # the agency's name of the year
    form: str
    counts: tuple[tuple[str, str, int], ...]  # (kind, added/changed/removed, how many)
    problems: int

    def __str__(self) -> str:
        parts = [f"{n} {KINDS[kind].name if n == 1 else KINDS[kind].plural} {what}"
                 for kind, what, n in self.counts]
        if self.problems:
            noun = "problem" if self.problems == 1 else "problems"
            parts.append(f"{self.problems} {noun} to mend (`jhareport contributions import` "
                         "lists them)")
        return f"{self.agency} ({self.form}): {', '.join(parts) or 'no change'}"


@frozen
class ContributionStatus:
    year: int
    due: date | None
    today: date
    returned: tuple[AgencyStatus, ...]
    missing: tuple[str, ...]
    other_files: tuple[FormProblem, ...]

    def __str__(self) -> str:
        total = len(self.returned) + len(self.missing)
        due = ""
        if self.due:
            days = (self.due - self.today).days
            when = (f"{days} days left" if days > 1 else "due tomorrow" if days == 1
                    else "due today" if days == 0 else f"{-days} days late")
            due = f" (due {format_period(parse_period(self.due.isoformat()))}: {when})"
        lines = [f"{self.year}: {len(self.returned)} of {total} forms returned{due}"]
        lines += [f"  {status}" for status in self.returned]
        if self.missing:
            lines.append(f"missing: {', '.join(self.missing)}")
        lines += [f"not a form of {self.year}: {problem}" for problem in self.other_files]
        return "\n".join(lines) + "\n"


def contribution_status(forms_dir: str | Path, year_dir: str | Path, *, due: date | None = None,
                        today: date | None = None) -> ContributionStatus:
    """Which agencies returned their form in `forms_dir`, what each changes in the year, and
    which are missing against the due date (`due`, else the one the forms carry)."""
    records = load_year(Path(year_dir))
    context = _Context(read_sources(Path(year_dir), records))
    forms, not_forms = read_forms(Path(forms_dir), context)
    returned = []
    for form in forms:
        outcomes, problems = analyse([form], context)
        counts = Counter((o.kind, o.what) for o in outcomes)
        order = list(KINDS)
        returned.append(AgencyStatus(
            form.agency.short_on(context.day), form.path.name,
            tuple((kind, what, n) for (kind, what), n in
                  sorted(counts.items(), key=lambda item: (order.index(item[0][0]), item[0][1]))),
            len(problems)))
    codes = {f.agency.code for f in forms}
    missing = tuple(a.short_on(context.day) for a in REGISTRY.agencies if a.code not in codes)
    due = due or next((f.due for f in forms if f.due), None)
    return ContributionStatus(records.year.year, due, today or date.today(), tuple(returned),
                              missing, tuple(not_forms))
