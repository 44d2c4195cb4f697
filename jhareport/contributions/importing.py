"""Returned forms into the year's YAML files, as one pipeline that runs one way:

1. read the returned folder: every form, as hostile input (`read`);
2. diff each form against its base, what it was made from (`diff`);
3. merge the forms' changes with the year's files, entry by entry (`merge`);
4. write the YAML files and the ledger of imports, all together or not at all (`apply`).
"""

from __future__ import annotations

import difflib
import itertools
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from attrs import field, frozen

from ..agencies import REGISTRY
from ..files import OutputError, write_atomically
from ..loading import LoadError, load_year
from ..word.form_reading import read_form
from .apply import apply
from .base import BaseError, FormBase, read_base
from .diff import FormDiff, NewRecord, YearContext, diff_form
from .entries import KINDS
from .ledger import LEDGER, Gave, LedgerEntry, ledger_text, read_ledger
from .merge import Conflict, MergePlan, merge, references
from .problems import ContributionError, FormProblem, FormReadError
from .read import PassedOver, ReturnedForm, returned_files
from .sources import read_sources

__all__ = ["Change", "Duplicate", "FormImport", "ImportResult", "Returned", "import_forms",
           "read_returned"]


@frozen
class Change:
    """What a form did to one record: added, changed (with the entries), left (the agency took
    itself off it), or set aside (its value lost a conflict: `note` says whose was kept)."""

    kind: str
    record: str  # the record's reference, as --take and --remove name it
    title: str
    what: str
    entries: tuple[str, ...] = ()
    note: str = ""

    def __str__(self) -> str:
        entries = f" ({', '.join(self.entries)})" if self.entries else ""
        note = f": {self.note}" if self.note else ""
        return f"{self.what} {KINDS[self.kind].name} {self.title!r}{entries}{note}"


@frozen
class FormImport:
    """One returned form and what became of it: imported (with its changes), already imported
    (`imported` says when), or skipped."""

    file: str
    agency: str  # the agency's name of the year
    status: str  # imported, already imported, skipped
    changes: tuple[Change, ...] = ()
    imported: datetime | None = None

    def __str__(self) -> str:
        if self.status == "already imported" and self.imported:
            return f"{self.file} ({self.agency}): already imported on {self.imported:%Y-%m-%d %H:%M}"
        if self.status == "imported":
            count = sum(1 for c in self.changes if c.what != "set aside")
            aside = len(self.changes) - count
            changes = f"{count} change{'s' if count != 1 else ''}" if count else "no change"
            return (f"{self.file} ({self.agency}): imported, {changes}"
                    + (f" ({aside} set aside)" if aside else ""))
        who = f" ({self.agency})" if self.agency else ""
        return f"{self.file}{who}: {self.status}"


@frozen
class Duplicate:
    """Two new records, of two forms, that look like the same one."""

    kind: str
    first: str
    second: str

    def __str__(self) -> str:
        return f"likely the same {KINDS[self.kind].name}: {self.first} and {self.second}"


@frozen
class ImportResult:
    """What an import did (or would do, when nothing was written)."""

    forms: tuple[FormImport, ...]
    conflicts: tuple[Conflict, ...]  # the conflicts `take` decided
    duplicates: tuple[Duplicate, ...]
    passed_over: tuple[PassedOver, ...]
    written: tuple[Path, ...]
    notes: tuple[str, ...] = ()  # options that had nothing to do
    diffs: tuple[FormDiff, ...] = field(repr=False, default=())

    @property
    def changes(self) -> tuple[Change, ...]:
        """Every change, form by form."""
        return tuple(c for form in self.forms for c in form.changes)


@frozen
class Returned:
    """A returned folder read: the forms to import (each with its base), those already imported
    or skipped, the files passed over and the problems."""

    forms: tuple[tuple[ReturnedForm, FormBase], ...]
    done: tuple[FormImport, ...]
    passed_over: tuple[PassedOver, ...]
    problems: tuple[FormProblem, ...]
    notes: tuple[str, ...] = ()


def import_forms(forms_dir: str | Path, year_dir: str | Path, *, take: Sequence[str] = (),
                 skip: Sequence[str] = (), remove: Sequence[str] = (),
                 now: datetime | None = None, write: bool = True) -> ImportResult:
    """Read every returned form of `forms_dir` and merge it into the YAML files of `year_dir`.

    Each form's changes are read against what it was made from, and merged entry by entry with
    the other forms and the year's files. `take` decides conflicts: "RECORD.ENTRY=AGENCY" (or
    "=year") one entry, "AGENCY" every conflict that agency is party to, "year" every conflict
    for the year's value. `skip` leaves out the forms of agencies (or files) named, so that the
    others are imported meanwhile; `remove` confirms the removal of records an agency left.
    Forms already imported (the ledger in `contributions/` knows them by digest) change nothing.

    Raises ContributionError with every problem (and every undecided conflict): then nothing is
    written; LoadError when the year's folder cannot be read.
    """
    # One value given where several may be is taken as one, not as its letters.
    take, skip, remove = ([given] if isinstance(given, str) else list(given)
                          for given in (take, skip, remove))
    folder = Path(year_dir)
    records = load_year(folder)
    context = YearContext(read_sources(folder, records))
    ledger = read_ledger(folder)
    returned = read_returned(Path(forms_dir), folder, context, ledger, skip)
    diffs = [diff_form(form, base, [e for e in ledger if e.agency == form.agency.code
                                     and e.forms == base.digest], context)
             for form, base in returned.forms]
    plan = merge(diffs, context, take=take, remove=remove, history=ledger)
    problems = [*returned.problems, *(p for d in diffs for p in d.problems), *plan.problems]
    undecided = [c for c in plan.conflicts if c.taken is None]
    if problems or undecided:
        raise ContributionError(problems, undecided)
    applied = apply(plan, context)
    when = now or datetime.now().replace(microsecond=0)
    imported, entries = _summaries(diffs, plan, context, applied.added, when)
    files: dict[Path, bytes] = {folder / name: text.encode("utf-8")
                                for name, text in applied.texts.items()}
    if entries:
        files[folder / LEDGER] = ledger_text([*ledger, *entries]).encode("utf-8")
    written: list[Path] = []
    if files and write:
        if applied.texts:
            _validate(folder, applied.texts)
        try:
            write_atomically(files)
        except OutputError as error:
            raise ContributionError([FormProblem(str(folder), None, str(error))]) from None
        written = sorted(files)
    return ImportResult((*imported, *returned.done),
                        tuple(c for c in plan.conflicts if c.taken is not None),
                        tuple(_duplicates(diffs)), returned.passed_over, tuple(written),
                        (*returned.notes, *plan.notes), tuple(diffs))


def read_returned(forms_dir: Path, folder: Path, context: YearContext,
                  ledger: Sequence[LedgerEntry], skip: Sequence[str] = ()) -> Returned:
    """Step 1: every form of the returned folder, read as hostile input, with its base."""
    day = context.day
    try:
        paths, passed = returned_files(forms_dir)
    except FormReadError as error:
        raise ContributionError([FormProblem(str(forms_dir), None, str(error).removeprefix(
            f"{forms_dir}: "))]) from None
    skipped_agencies, skipped_files, problems = _skips(skip, paths)
    done: list[FormImport] = []
    found: list[tuple[ReturnedForm, FormBase]] = []
    by_digest = {e.sha256: e for e in ledger}
    for path in paths:
        if path.name in skipped_files:
            done.append(FormImport(path.name, "", "skipped"))
            continue
        try:
            form = read_form(path, context.fields)
        except FormReadError as error:
            problems.append(FormProblem(path.name, None,
                                        str(error).removeprefix(f"{path.name}: ")
                                        .removeprefix(f"{path}: ")))
            continue
        short = form.agency.short_on(day)
        if form.agency.code in skipped_agencies:
            done.append(FormImport(path.name, short, "skipped"))
            continue
        earlier = by_digest.get(form.sha256)
        if earlier is not None:
            done.append(FormImport(path.name, short, "already imported",
                                   imported=earlier.imported))
            continue
        if form.year != context.year:
            problems.append(FormProblem(path.name, short, f"this is the form for {form.year}, "
                                        f"not for {context.year}: it is refused"))
            continue
        try:
            base = read_base(folder, form.base)
        except BaseError as error:
            raise ContributionError([FormProblem(str(folder), None, str(error))]) from None
        if base is None:
            problems.append(FormProblem(path.name, short, "the form was not made from this "
                                        f"year's folder ({folder}): its base is not in "
                                        f"{folder / 'contributions'}; send {short} a new form"))
            continue
        if form.agency.code not in base.marks:
            problems.append(FormProblem(path.name, short, f"the form says it is {short}'s, but "
                                        f"no form of {short} was made with it; send {short} a "
                                        "new form"))
            continue
        twin = next((f for f, _ in found if f.agency.code == form.agency.code), None)
        if twin is not None and twin.sha256 == form.sha256:
            done.append(FormImport(path.name, short, f"the same file as {twin.path.name}"))
            continue
        if twin is not None:
            problems.append(FormProblem(path.name, short, f"a second form of {short} not yet "
                                        f"imported (the other is {twin.path.name}): keep the "
                                        f"newer one, or --skip {path.name}"))
            continue
        found.append((form, base))
    read = {f.agency.code for f, _ in found} | {d.agency for d in done}
    notes = [f"--skip {name}: no form of {name} in {forms_dir}, nothing to skip"
             for name in sorted(skipped_agencies)
             if REGISTRY.agency(name).short_on(day) not in read and name not in read]
    return Returned(tuple(found), tuple(done), tuple(passed), tuple(problems), tuple(notes))


def _skips(skip: Sequence[str], paths: Sequence[Path]
           ) -> tuple[set[str], set[str], list[FormProblem]]:
    """--skip: agencies (by any name) and files of the folder."""
    agencies: set[str] = set()
    files: set[str] = set()
    problems: list[FormProblem] = []
    names = {p.name for p in paths}
    for given in skip:
        if given in names:
            files.add(given)
            continue
        try:
            agencies.add(REGISTRY.agency(given).code)
        except ValueError as error:
            problems.append(FormProblem("--skip", None, f"{error}, nor a file of the returned "
                                        "folder"))
    return agencies, files, problems


def _summaries(diffs: Sequence[FormDiff], plan: MergePlan, context: YearContext,
               added: dict[int, str], when: datetime
               ) -> tuple[list[FormImport], list[LedgerEntry]]:
    """What each form did, and its entry in the ledger."""
    names = references([*context.current, *added.values()])
    imported: list[FormImport] = []
    entries: list[LedgerEntry] = []
    for diff in diffs:
        changes: list[Change] = []
        edited: dict[str, list[str]] = {}
        for edit in diff.edits:
            if plan.landed.get((edit.record, edit.entry)) and \
                    diff.agency in plan.landed[(edit.record, edit.entry)]:
                edited.setdefault(edit.record, []).append(edit.entry)
        left = dict(diff.left)
        for key, entries_changed in edited.items():
            kind = key.split(":", 1)[0]
            labels = KINDS[kind].labels
            shown = [labels[e].casefold() for e in entries_changed
                     if not (key in left and e == "agencies")]
            if shown:
                changes.append(Change(kind, names[key], _title(key, plan, context), "changed",
                                      tuple(shown)))
        for conflict in plan.conflicts:
            mine = any(s.who == diff.agency for s in conflict.sides)
            if mine and conflict.taken not in (None, diff.agency):
                kept = next((s.name for s in conflict.sides if s.who == conflict.taken),
                            "the year's files")
                label = KINDS[conflict.kind].labels[conflict.entry].casefold()
                changes.append(Change(conflict.kind, conflict.reference, conflict.title,
                                      "set aside", (label,), f"kept {kept}"))
        for key, _ in diff.left:
            kind = key.split(":", 1)[0]
            if key in plan.removals:
                note = "no agency is left on it: removed"
            else:
                others = list(plan.updates.get(key, {}).get(
                    "agencies", context.current.get(key, {}).get("agencies", [])) or [])
                with_ = ", ".join(REGISTRY.agency(a).short_on(context.day) for a in others)
                note = (f"still with {with_} (to remove it: --remove {names[key]})"
                        if key in context.current else "")
            changes.append(Change(kind, names[key], context.title(key), "left", note=note))
        gave = list(diff.gave)
        for record in diff.new:
            key = added[id(record)]
            changes.append(Change(record.kind, names[key], context.title(key, record.entries),
                                  "added"))
            gave.append(Gave(key, record.place, record.entries, new=True))
        short = diff.form.agency.short_on(context.day)
        imported.append(FormImport(diff.form.path.name, short, "imported", tuple(changes)))
        entries.append(LedgerEntry(diff.agency, diff.form.path.name, diff.form.sha256,
                                   diff.form.base, diff.form.received, when,
                                   tuple(str(c) for c in changes), tuple(gave)))
    return imported, entries


def _title(key: str, plan: MergePlan, context: YearContext) -> str:
    """A record's title as the import leaves it."""
    return context.title(key, {**context.current.get(key, {}), **plan.updates.get(key, {})})


def _duplicates(diffs: Sequence[FormDiff], most: int = 100) -> list[Duplicate]:
    """New records of two forms that read alike (at most `most` pairs): the same words, or
    close ones, compared closely only among a few hundred so that thousands stay quick."""
    groups: dict[tuple[str, str], list[tuple[FormDiff, NewRecord]]] = {}
    for diff in diffs:
        for record in diff.new:
            field_ = str(record.entries.get("field", "")) if record.kind == "action" else ""
            groups.setdefault((record.kind, field_), []).append((diff, record))

    def words(entries: dict[str, object]) -> str:
        text = entries.get("title") or entries.get("action", "")
        return " ".join(str(text).casefold().split())

    def pairs() -> Iterator[tuple[tuple[FormDiff, NewRecord], tuple[FormDiff, NewRecord]]]:
        for added in groups.values():
            close = len(added) <= 200
            buckets = [added] if close else list(_alike(added, words))
            for bucket in buckets:
                for index, first in enumerate(bucket):
                    for second in bucket[index + 1:]:
                        one, other = words(first[1].entries), words(second[1].entries)
                        similar = one == other or (
                            close and difflib.SequenceMatcher(None, one, other).ratio() >= 0.8)
                        if similar and first[0] is not second[0]:
                            yield first, second

    return [Duplicate(first[1].kind, f"{first[0].form.path.name}, {first[1].place}",
                      f"{second[0].form.path.name}, {second[1].place}")
            for first, second in itertools.islice(pairs(), most)]


def _alike(added: list[tuple[FormDiff, NewRecord]], words: Any
           ) -> Iterator[list[tuple[FormDiff, NewRecord]]]:
    """The new records grouped by their very words."""
    groups: dict[str, list[tuple[FormDiff, NewRecord]]] = {}
    for item in added:
        groups.setdefault(words(item[1].entries), []).append(item)
    return iter(groups.values())


def _validate(folder: Path, texts: dict[str, str]) -> None:
    """The year's folder with the new files must load: checked on a copy beside it (so that
    links such as ../glossary.yaml read the same) before anything is written."""
    try:
        work = Path(tempfile.mkdtemp(prefix=f".{folder.name}-check-", dir=folder.parent))
    except OSError as error:
        raise ContributionError([FormProblem(str(folder.parent), None, f"cannot be written "
                                             f"({error.strerror or error})")]) from None
    try:
        shutil.copytree(folder, work, dirs_exist_ok=True, symlinks=True)
        for name, text in texts.items():
            (work / name).parent.mkdir(parents=True, exist_ok=True)
            (work / name).write_text(text, encoding="utf-8")
        try:
            load_year(work)
        except LoadError as error:
            raise ContributionError([FormProblem(
                str(folder), None, "the year's files would not load after the import: "
                + "; ".join(str(p).replace(str(work), str(folder)) for p in error.problems))]
            ) from None
    except OSError as error:
        raise ContributionError([FormProblem(str(folder), None, f"cannot be checked before "
                                             f"writing ({error.strerror or error})")]) from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
