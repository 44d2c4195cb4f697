"""The three-way merge, entry by entry: each agency's changes against what its form showed, and
the year's files as they are now.

For each entry of each record, as git does for each line: what an agency changed lands when the
year still reads as the agency's form showed it (or already reads as the agency's); two agencies
changing it alike agree; two agencies changing it differently, or an agency and the year, are a
conflict of that entry alone, which the chair decides (`take`), and every other change still
lands. Agencies and other partners are merged as sets: each agency's ticks and unticks land
together, and an agency deleting a record takes itself off it; a record leaves the year only when
no agency is left on it, or when the chair confirms it (`remove`).
"""

from __future__ import annotations

import difflib
import re
import textwrap
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import attrs
from attrs import frozen

from ..agencies import REGISTRY
from .diff import Edit, FormDiff, NewRecord, YearContext
from .entries import KINDS, SET_ENTRIES, same
from .ledger import LedgerEntry
from .problems import FormProblem

__all__ = ["Conflict", "MergePlan", "Side", "merge", "references"]


@frozen
class Side:
    """One side of a conflict: an agency's value, or the year's (`who` is "year")."""

    who: str
    name: str  # "Europol (Europol.docx)", "the year's files (from EUAA.docx, imported …)"
    value: Any


@frozen
class Conflict:
    """One entry of one record that two sides changed differently; `taken` says whose value
    stands ("year" or an agency's code), None while undecided."""

    record: str  # the record's key, event:brussels-briefing
    reference: str  # how the command names it: brussels-briefing
    kind: str
    title: str
    entry: str
    base: Any  # what the forms showed
    sides: tuple[Side, ...]
    changed: tuple[tuple[str, tuple[str, ...]], ...]  # (agency, the entries it changed)
    taken: str | None = None

    @property
    def option(self) -> str:
        """What `--take` names it by: brussels-briefing.text."""
        return f"{self.reference}.{self.entry}"

    def __str__(self) -> str:
        label = KINDS[self.kind].labels.get(self.entry, self.entry).casefold()
        lines = [f"conflict on {KINDS[self.kind].name} {self.title!r} ({self.reference}), "
                 f"{label}:"]
        for agency, entries in self.changed:
            lines.append(f"  {agency} changed: {', '.join(entries)}")
        lines.append("  as the forms showed it:")
        lines.extend(_wrapped(self.base))
        for side in self.sides:
            lines.append(f"  {side.name}:")
            lines.extend(_wrapped(side.value))
        if self.taken:
            kept = next(s.name for s in self.sides if s.who == self.taken) \
                if any(s.who == self.taken for s in self.sides) else "the year's files"
            lines.append(f"  kept: {kept}")
        else:
            whos = [*(s.who for s in self.sides if s.who != "year"), "year"]
            lines.append(f"  decide with --take {self.option}=" + " or =".join(whos))
        return "\n".join(lines)


def _wrapped(value: Any) -> list[str]:
    """A value whole, wrapped to be read in a terminal: each paragraph of a text on its own."""
    if isinstance(value, list):
        text = ", ".join(value) if value else "(none)"
        return textwrap.wrap(text, 96, initial_indent="      ", subsequent_indent="      ")
    text = str(value).strip()
    if not text:
        return ["      (empty)"]
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if not paragraph.strip():
            lines.append("")
            continue
        lead = len(paragraph) - len(paragraph.lstrip())
        item = re.match(r"(?:[-+*]|\d+[.)])\s", paragraph.lstrip())
        hang = len(item.group(0)) if item else 0  # a list item's lines under its text
        lines.extend(textwrap.wrap(paragraph.strip(), 96 - lead,
                                   initial_indent="      " + " " * lead,
                                   subsequent_indent="      " + " " * (lead + hang)))
    return lines


@frozen
class MergePlan:
    """What the merge decided: the entries that change, the records added and removed, the
    conflicts (decided or not), and whose value each change is."""

    updates: dict[str, dict[str, Any]]
    additions: tuple[tuple[FormDiff, NewRecord], ...]
    removals: tuple[str, ...]
    conflicts: tuple[Conflict, ...]
    landed: dict[tuple[str, str], tuple[str, ...]]  # (record, entry) -> the agencies it is from
    problems: tuple[FormProblem, ...]
    notes: tuple[str, ...]  # decisions that had nothing to decide


def references(keys: Sequence[str]) -> dict[str, str]:
    """How the command names each record: its id, or kind:id when two kinds share the id."""
    ids: dict[str, int] = defaultdict(int)
    for key in keys:
        ids[key.split(":", 1)[1]] += 1
    return {key: key.split(":", 1)[1] if ids[key.split(":", 1)[1]] == 1 else key for key in keys}


def merge(diffs: Sequence[FormDiff], context: YearContext, *, take: Sequence[str] = (),
          remove: Sequence[str] = (), history: Sequence[LedgerEntry] = ()) -> MergePlan:
    """Merge the forms' changes into the year's records, entry by entry."""
    names = references(list(context.current))
    problems: list[FormProblem] = []
    decisions, blanket = _decisions(take, names, problems)
    proposals: dict[tuple[str, str], list[tuple[FormDiff, Edit]]] = defaultdict(list)
    for diff in diffs:
        for edit in diff.edits:
            proposals[(edit.record, edit.entry)].append((diff, edit))
    changed_by: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for (key, entry), given in sorted(proposals.items(), key=lambda item: _order(*item[0])):
        for diff, _ in given:
            changed_by[key][_agency_name(diff, context)].append(
                KINDS[key.split(":", 1)[0]].labels.get(entry, entry).casefold())
    updates: dict[str, dict[str, Any]] = defaultdict(dict)
    landed: dict[tuple[str, str], tuple[str, ...]] = {}
    conflicts: list[Conflict] = []
    for (key, entry), given in proposals.items():
        current = context.current[key][entry]

        def conflict(sides: list[Side], base: Any, key: str = key, entry: str = entry) -> Conflict:
            found = Conflict(key, names[key], key.split(":", 1)[0], context.title(key), entry,
                             base, tuple(sides),
                             tuple((a, tuple(dict.fromkeys(e))) for a, e in
                                   changed_by[key].items()))
            taken = decisions.get(found.option)
            if taken is None:
                taken = next((w for w in blanket if w == "year"
                              or any(s.who == w for s in found.sides)), None)
            if taken is not None and taken != "year" and not any(s.who == taken
                                                                 for s in found.sides):
                problems.append(FormProblem("--take", None, f"{REGISTRY.agency(taken).code} "
                                            f"changed no {entry} of {found.reference}: take one "
                                            "of the sides shown"))
                taken = None
            return attrs.evolve(found, taken=taken)

        year_side = Side("year", _year_name(key, entry, history), current)
        if entry in SET_ENTRIES:
            value, decided = _merge_set(entry, current, given, context, conflict, year_side)
        else:
            value, decided = _merge_value(entry, current, given, context, conflict, year_side)
        if decided is not None:
            conflicts.append(decided)
            if decided.taken is None:
                continue
        if value is not None and not same(entry, value, current):
            updates[key][entry] = value
            landed[(key, entry)] = tuple(dict.fromkeys(
                d.agency for d, e in given if decided is None or decided.taken == d.agency
                or entry in SET_ENTRIES))
    removals = [key for key, entries in updates.items()
                if "agencies" in entries and not entries["agencies"]
                and context.current[key]["agencies"]]
    for reference in remove:
        confirmed = _key_of(reference, names, problems, "--remove")
        if confirmed is not None and confirmed not in removals:
            removals.append(confirmed)
    additions = tuple((diff, record) for diff in diffs for record in diff.new)
    # A decision with nothing to decide is said, not an error: the same command run again
    # once the forms are in (or with a late form added) must go through.
    notes = [f"--take {option}: there is no conflict on {option}, nothing to decide"
             for option in decisions if not any(c.option == option for c in conflicts)]
    notes += [f"--take {who}: {who} is party to no conflict, nothing to decide" for who in blanket
              if who != "year" and not any(any(s.who == who for s in c.sides)
                                           for c in conflicts)]
    return MergePlan(dict(updates), additions, tuple(removals), tuple(conflicts), landed,
                     tuple(problems), tuple(notes))


def _order(key: str, entry: str) -> tuple[str, int]:
    """Records by key, and their entries in the form's order."""
    labels = list(KINDS[key.split(":", 1)[0]].labels)
    return key, labels.index(entry) if entry in labels else len(labels)


def _agency_name(diff: FormDiff, context: YearContext) -> str:
    return diff.form.agency.short_on(context.day)


def _year_name(key: str, entry: str, history: Sequence[LedgerEntry]) -> str:
    """The year's side, and the form its value came from when an earlier import brought it."""
    for given in reversed(history):
        if any(g.record == key and entry in g.entries for g in given.gave):
            return (f"the year's files (from {given.file}, imported "
                    f"{given.imported:%Y-%m-%d})")
    return "the year's files"


def _merge_value(entry: str, current: Any, given: list[tuple[FormDiff, Edit]],
                 context: YearContext, conflict: Any, year_side: Side
                 ) -> tuple[Any, Conflict | None]:
    values: list[tuple[Any, list[FormDiff]]] = []
    for diff, edit in given:
        for value, who in values:
            if same(entry, value, edit.value):
                who.append(diff)
                break
        else:
            values.append((edit.value, [diff]))
    if len(values) == 1:
        value = values[0][0]
        if same(entry, current, value):
            return None, None
        if all(same(entry, current, edit.base) for _, edit in given):
            return value, None
    sides = [Side(d.agency, f"{_agency_name(d, context)} ({d.form.path.name})", v)
             for v, who in values for d in who]
    if not all(same(entry, current, edit.base) for _, edit in given):
        sides.insert(0, year_side)
    found = conflict(sides, given[0][1].base)
    if found.taken is None or found.taken == "year":
        return None, found
    return next(s.value for s in sides if s.who == found.taken), found


def _merge_set(entry: str, current: list[str], given: list[tuple[FormDiff, Edit]],
               context: YearContext, conflict: Any, year_side: Side
               ) -> tuple[Any, Conflict | None]:
    def key(name: str) -> str:
        return " ".join(name.split()).casefold()

    added: dict[str, tuple[str, list[str]]] = {}
    removed: dict[str, list[str]] = defaultdict(list)
    for diff, edit in given:
        before = {key(v) for v in edit.base}
        after = {key(v): v for v in edit.value}
        for folded, value in after.items():
            if folded not in before:
                added.setdefault(folded, (value, []))[1].append(diff.agency)
        for value in edit.base:
            if key(value) not in after:
                removed[key(value)].append(diff.agency)
    clash = set(added) & set(removed)
    decided: Conflict | None = None
    if clash:
        sides = [Side(d.agency, f"{_agency_name(d, context)} ({d.form.path.name})", e.value)
                 for d, e in given]
        decided = conflict([year_side, *sides], given[0][1].base)
        if decided.taken is None:
            return None, decided
        winner = next((e for d, e in given if d.agency == decided.taken), None)
        keep = {key(v) for v in (winner.value if winner else current)}
        for folded in clash:
            if folded in keep:
                del removed[folded]
            else:
                del added[folded]
    result = [v for v in current if key(v) not in removed]
    result += [value for folded, (value, _) in added.items()
               if folded not in {key(v) for v in result}]
    if entry == "agencies":
        order = [a.code for a in REGISTRY.agencies]
        result = sorted(result, key=lambda code: order.index(code) if code in order else 99)
    return result, decided


def _decisions(take: Sequence[str], names: dict[str, str], problems: list[FormProblem]
               ) -> tuple[dict[str, str], list[str]]:
    """--take: RECORD.ENTRY=AGENCY|year for one entry, AGENCY or year for every conflict."""
    by_reference = {reference: key for key, reference in names.items()}
    decisions: dict[str, str] = {}
    blanket: list[str] = []
    for given in take:
        target, _, who_text = given.rpartition("=")
        who = _who(who_text.strip(), problems)
        if who is None:
            continue
        if not target:
            blanket.append(who)
            continue
        reference, _, entry = target.strip().rpartition(".")
        key = by_reference.get(reference) or (reference if reference in names else None)
        if key is None:
            _key_of(reference, names, problems, "--take")
            continue
        kind = KINDS[key.split(":", 1)[0]]
        if entry not in kind.labels:
            problems.append(FormProblem("--take", None, f"{entry!r} is no entry of a "
                                        f"{kind.name} (its entries: {', '.join(kind.labels)})"))
            continue
        decisions[f"{names[key]}.{entry}"] = who
    return decisions, blanket


def _who(text: str, problems: list[FormProblem]) -> str | None:
    if text.casefold() == "year":
        return "year"
    try:
        return REGISTRY.agency(text).code
    except ValueError as error:
        problems.append(FormProblem("--take", None, f"{error} (take an agency's value, or "
                                    "year)"))
        return None


def _key_of(reference: str, names: dict[str, str], problems: list[FormProblem],
            option: str) -> str | None:
    by_reference = {r: k for k, r in names.items()}
    key = by_reference.get(reference) or (reference if reference in names else None)
    if key is None:
        close = difflib.get_close_matches(reference, list(by_reference), n=1, cutoff=0.6)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        problems.append(FormProblem(option, None, f"the year has no record {reference!r}{hint}"))
    return key
