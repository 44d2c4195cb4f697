"""Returned forms into the year's YAML files.

Each form's rows are compared with what the form showed when it was made (the digest in its
custom part): a row that reads the same is left alone, so a form saved again unchanged changes
nothing. Changed, new and deleted records are checked as the records would check them, and every
problem is reported with the form, the place and the entry. The YAML files are edited with
ruamel.yaml's round trip, only where something changed, and written all together or not at all.
"""

from __future__ import annotations

import difflib
import re
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from attrs import field, frozen
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from ..agencies import REGISTRY, Agency, UnknownNameError
from ..errors import InputError
from ..files import folder_problem, write_atomically
from ..loading import LoadError, load_year
from ..markup import Markup, MarkupError
from ..periods import PeriodError, parse_period, parse_state
from ..records import YearRecords
from .read import FormReadError, FormRow, ReturnedForm, read_form
from .sources import KINDS, Source, YearSources, dump, read_sources, session_of, yaml_reader
from .values import (
    EMPTY_CHOICES,
    FORMATS,
    LABELS,
    STATUSES,
    Values,
    comparable,
    fingerprint,
    markdown,
    record_values,
    session_line,
    state_text,
)

__all__ = [
    "Change",
    "Conflict",
    "ContributionError",
    "Duplicate",
    "FormProblem",
    "ImportResult",
    "import_forms",
]

# Which YAML key each entry of a form fills.
_YAML_KEY = {"field": "field", "detail": "detail", "status": "state", "when": "state",
             "agencies": "agencies", "others": "bodies", "title": "title", "topic": "topic",
             "format": "format", "place": "place", "dates": "sessions", "text": "body"}
# The order of keys in a new record, as the fixtures write them.
_ORDER = {"action": ("field", "detail", "state", "agencies", "bodies", "note"),
          "event": ("id", "topic", "title", "format", "place", "agencies", "bodies", "sessions",
                    "body"),
          "highlight": ("id", "title", "agencies", "body"),
          "activity": ("id", "title", "format", "place", "agencies", "bodies", "sessions",
                       "body")}


@frozen
class FormProblem:
    """Something in a returned form that cannot go into the records, with its place."""

    form: str
    agency: str | None
    message: str
    place: str | None = None
    entry: str | None = None

    def __str__(self) -> str:
        where = ", ".join(x for x in (self.form, self.place, self.entry) if x)
        return f"{where}: {self.message}"


@frozen
class Change:
    """A record added, changed or removed by one or more agencies' forms."""

    kind: str
    what: str  # added, changed or removed
    title: str
    agencies: tuple[str, ...]
    places: tuple[str, ...]
    entries: tuple[str, ...] = ()  # the entries changed

    def __str__(self) -> str:
        entries = f" ({', '.join(self.entries)})" if self.entries else ""
        return (f"{self.what} {KINDS[self.kind].name}{entries}: {_short(self.title)} "
                f"[{'; '.join(self.places)}]")


@frozen
class Version:
    agency: str  # the agency's code, or "year" for the year's files
    form: str
    values: Values | None  # None: removed


@frozen
class Conflict:
    """A record that agencies changed differently; `taken` says whose version stands."""

    kind: str
    title: str
    year: Values
    versions: tuple[Version, ...]
    taken: str | None = None

    def __str__(self) -> str:
        versions = [Version("year", "the year's files", self.year), *self.versions]
        lines = [f"conflict on {KINDS[self.kind].name} {_short(self.title)!r}:"]
        labels = LABELS[self.kind]
        for key, label in labels.items():
            shown = [_show(v.values, key) for v in versions]
            if len({s for s in shown}) > 1:
                lines.append(f"  {label}:")
                for version, text in zip(versions, shown, strict=True):
                    who = "year" if version.agency == "year" else f"{version.agency} ({version.form})"
                    lines.append(f"    {who:<28} {text}")
        if self.taken:
            lines.append(f"  kept: {'the year' if self.taken == 'year' else self.taken}'s version")
        return "\n".join(lines)


@frozen
class Duplicate:
    """Two new records that look like the same one."""

    kind: str
    first: str
    second: str

    def __str__(self) -> str:
        return f"likely the same {KINDS[self.kind].name}: {self.first} and {self.second}"


@frozen
class ImportResult:
    """What an import did (or would do, when nothing was written)."""

    changes: tuple[Change, ...]
    conflicts: tuple[Conflict, ...]
    duplicates: tuple[Duplicate, ...]
    written: tuple[Path, ...]
    forms: tuple[ReturnedForm, ...] = field(repr=False, default=())


class ContributionError(InputError):
    """Returned forms that cannot be imported: every problem, grouped per agency, and the
    conflicts no option decided."""

    def __init__(self, problems: Sequence[FormProblem], conflicts: Sequence[Conflict] = ()) -> None:
        self.problems = tuple(problems)
        self.conflicts = tuple(conflicts)
        lines: list[str] = []
        groups: dict[str, list[FormProblem]] = defaultdict(list)
        for problem in self.problems:
            groups[problem.agency or ""].append(problem)
        for agency, found in sorted(groups.items(), key=lambda item: (not item[0], item[0])):
            noun = "problem" if len(found) == 1 else "problems"
            lines.append(f"{agency or 'other files'}: {len(found)} {noun}")
            lines.extend(f"  {p}" for p in found)
        for conflict in self.conflicts:
            lines.append(str(conflict))
        if self.conflicts:
            lines.append("nothing was written: choose a side with --take year (keep the year's "
                         "version) or --take AGENCY")
        super().__init__("\n".join(lines))


# -- what each form asks for --------------------------------------------------------------------


@frozen
class _Outcome:
    """One record a form asks to add, change or remove; `data` holds YAML values by key."""

    form: ReturnedForm
    kind: str
    what: str
    place: str
    source: Source | None
    values: Values | None
    data: dict[str, Any]
    entries: tuple[str, ...]


class _Context:
    def __init__(self, sources: YearSources) -> None:
        self.sources = sources
        records: YearRecords = sources.records
        self.records = records
        self.year = records.year.year
        self.day = records.year.as_of
        self.topics = {t.id: t.title for t in records.year.priority_topics}
        self.fields = ({f.number: f.title for f in records.scorecard.fields}
                       if records.scorecard else {})
        self.current: dict[Source, Values] = {
            s: record_values(s.kind, s.record, self.day, self.topics) for s in sources.sources}
        self.by_print: dict[str, list[Source]] = defaultdict(list)
        for source, values in self.current.items():
            self.by_print[fingerprint(values)].append(source)
        self.by_key = {s.key: s for s in sources.sources}


def analyse(forms: Sequence[ReturnedForm], context: _Context
            ) -> tuple[list[_Outcome], list[FormProblem]]:
    """What every form asks for, and every problem in them."""
    outcomes: list[_Outcome] = []
    problems: list[FormProblem] = []
    for form in forms:
        name = form.path.name
        short = form.agency.short_on(context.day)
        found: set[str] = set()
        for row in form.rows:
            for entry, message in row.problems:
                problems.append(FormProblem(name, short, message, row.place,
                                            LABELS[row.kind].get(entry, entry)))
            info = form.marks.get(row.mark) if row.mark else None
            if info is not None and row.mark is not None:
                found.add(row.mark)
                source = _source_of(context, info.kind, info.key, info.fingerprint)
                empty = not (row.values.get("detail") if row.kind == "action"
                             else row.values.get("title"))
                if empty:
                    if source is not None:
                        outcomes.append(_Outcome(form, row.kind, "removed", row.place, source,
                                                 None, {}, ()))
                    continue
                if fingerprint(row.values) == info.fingerprint:
                    continue
                if source is None:
                    source = context.by_key.get(info.key) if KINDS[info.kind].has_id else None
                    if source is None:
                        problems.append(FormProblem(
                            name, short, "this record has changed in the year's files since the "
                            "form was made, so the change cannot be matched; send "
                            f"{short} a new form", row.place))
                        continue
                data, entries, bad = _check(row, context, name, short, context.current[source])
                problems.extend(bad)
                if not bad:
                    outcomes.append(_Outcome(form, row.kind, "changed", row.place, source,
                                             row.values, data, entries))
            else:
                data, entries, bad = _check(row, context, name, short, None)
                problems.extend(bad)
                if not bad:
                    outcomes.append(_Outcome(form, row.kind, "added", row.place, None, row.values,
                                             data, entries))
        for mark, info in form.marks.items():
            if mark in found:
                continue
            source = _source_of(context, info.kind, info.key, info.fingerprint)
            if source is not None:
                outcomes.append(_Outcome(form, info.kind, "removed", info.place, source, None, {},
                                         ()))
    return outcomes, problems


def _source_of(context: _Context, kind: str, key: str, print_: str) -> Source | None:
    """The year's record a form's row was made from: the one the key names if it still reads
    the same, else the one that reads the same (an action's position may have moved)."""
    source = context.by_key.get(key)
    if source is not None and source.kind == kind and fingerprint(context.current[source]) == print_:
        return source
    same = [s for s in context.by_print.get(print_, []) if s.kind == kind]
    return same[0] if same else None


def _closest(value: str, choices: Iterable[str]) -> str:
    options = list(choices)
    close = difflib.get_close_matches(value.casefold(), [c.casefold() for c in options], n=1,
                                      cutoff=0.6)
    if close:
        return f" (did you mean {close[0]!r}?)"
    return f" (choose one of: {', '.join(options)})"


def _check(row: FormRow, context: _Context, form: str, agency: str, before: Values | None
           ) -> tuple[dict[str, Any], tuple[str, ...], list[FormProblem]]:
    """The YAML values of a row's entries that differ from `before` (all of them for a new
    record), and the problems of those entries."""
    values = row.values
    labels = LABELS[row.kind]
    problems: list[FormProblem] = []

    def problem(entry: str, message: str) -> None:
        problems.append(FormProblem(form, agency, message, row.place, labels.get(entry, entry)))

    now = comparable(values)
    old = comparable(before) if before is not None else {}
    keys = [k for k in labels if k in values and (before is None or now.get(k) != old.get(k))]
    data: dict[str, Any] = {}
    for key in keys:
        value = values[key]
        text = value.strip() if isinstance(value, str) else value
        if isinstance(text, str) and text in EMPTY_CHOICES:
            text = ""
        if key == "field":
            if text not in context.fields:
                problem(key, f"{text!r} is not a field of the scorecard"
                        + _closest(text, context.fields))
            data["field"] = text
        elif key in ("detail", "text"):
            source = markdown(value)
            try:
                Markup.parse(source)
            except MarkupError as error:
                problem(key, str(error))
            if not source.strip():
                problem(key, "the text is empty")
            data[_YAML_KEY[key]] = source
        elif key in ("status", "when"):
            if "state" in data:
                continue
            status = " ".join(str(values.get("status", "")).split())
            status = "" if status in EMPTY_CHOICES else status
            when = " ".join(str(values.get("when", "")).split())
            written = state_text(_choice(status, STATUSES) or status, when)
            if not written:
                data["state"] = None
                continue
            try:
                parse_state(written, context.year)
            except PeriodError as error:
                if status and _choice(status, STATUSES) is None:
                    problem("status", f"{status!r} is not a state of play"
                            + _closest(status, [s.lower() for s in STATUSES]))
                else:
                    problem("when", f"{when!r} is not a date or period the report can read "
                            f"({_reason(error)}; write for example 11 July 2019, November 2019 "
                            "or 2020-2021)")
                continue
            data["state"] = written
        elif key == "agencies":
            data["agencies"] = list(value)
        elif key == "others":
            names = [n.strip() for n in re.split(r"[,;]", str(value)) if n.strip()]
            for name in names:
                try:
                    REGISTRY.resolve(name)
                except UnknownNameError as error:
                    problem(key, str(error))
            data["bodies"] = names
        elif key == "title":
            if not text:
                problem(key, "the title is empty")
            data["title"] = text
        elif key == "topic":
            by_title = {t.casefold(): i for i, t in context.topics.items()}
            topic = by_title.get(str(text).casefold()) or (text if text in context.topics else None)
            if topic is None:
                problem(key, f"{text!r} is not one of the year's priority topics"
                        + _closest(str(text), context.topics.values()))
            data["topic"] = topic
        elif key == "format":
            chosen = _choice(str(text), FORMATS) if text else ""
            if chosen is None:
                problem(key, f"{text!r} is not a format" + _closest(str(text), FORMATS))
            data["format"] = chosen or None
        elif key == "place":
            data["place"] = text or None
        elif key == "dates":
            sessions = []
            for line in value:
                match = re.fullmatch(r"(.*?)\s*\(list of events:\s*(.*)\)", line)
                when, label = (match.group(1), match.group(2)) if match else (line, None)
                try:
                    parse_period(when, context.year)
                except PeriodError as error:
                    problem(key, f"{when!r} is not a date the report can read ({_reason(error)})")
                sessions.append((when, label, line))
            data["sessions"] = sessions
    if row.kind == "action" and before is None and "state" not in data:
        data["state"] = None
    entries = tuple(dict.fromkeys(labels[k] if k != "when" else labels["status"] for k in keys))
    return data, entries, problems


def _choice(text: str, choices: Sequence[str]) -> str | None:
    for choice in choices:
        if choice.casefold() == text.casefold():
            return choice
    return None


def _reason(error: Exception) -> str:
    return str(error).split(" (write")[0]


# -- deciding between forms ----------------------------------------------------------------------


def _decide(outcomes: list[_Outcome], context: _Context, take: str | None
            ) -> tuple[list[_Outcome], list[Conflict], list[Conflict]]:
    """The outcomes to apply; the conflicts an option decided; those none did."""
    by_source: dict[Source, list[_Outcome]] = defaultdict(list)
    chosen: list[_Outcome] = []
    for outcome in outcomes:
        if outcome.source is None:
            chosen.append(outcome)
        else:
            by_source[outcome.source].append(outcome)
    decided: list[Conflict] = []
    open_: list[Conflict] = []
    for source, asks in by_source.items():
        distinct = {_outcome_key(o) for o in asks}
        if len(distinct) == 1:
            chosen.append(_joined(asks))
            continue
        title = _title(source.kind, context.current[source])
        versions = tuple(Version(o.form.agency.code, o.form.path.name, o.values) for o in asks)
        if take is None:
            open_.append(Conflict(source.kind, title, context.current[source], versions))
            continue
        winner = [o for o in asks if o.form.agency.code == take]
        decided.append(Conflict(source.kind, title, context.current[source], versions,
                                take if winner else "year"))
        if winner:
            chosen.append(winner[0])
    return chosen, decided, open_


def _outcome_key(outcome: _Outcome) -> Any:
    if outcome.values is None:
        return None
    return fingerprint(outcome.values)


def _joined(asks: list[_Outcome]) -> _Outcome:
    """One outcome asked by several agencies in the same words."""
    first = asks[0]
    if len(asks) == 1:
        return first
    return _Outcome(first.form, first.kind, first.what, first.place, first.source, first.values,
                    first.data, first.entries)


def _duplicates(added: list[_Outcome], context: _Context) -> list[Duplicate]:
    found: list[Duplicate] = []

    def words(outcome: _Outcome) -> str:
        values = outcome.values or {}
        text = values.get("title") or markdown(values.get("detail", ()))
        return " ".join(str(text).casefold().split())

    for index, first in enumerate(added):
        for second in added[index + 1:]:
            if first.kind != second.kind:
                continue
            if first.kind == "action" and first.data.get("field") != second.data.get("field"):
                continue
            ratio = difflib.SequenceMatcher(None, words(first), words(second)).ratio()
            if ratio >= 0.8:
                found.append(Duplicate(first.kind, f"{first.form.path.name}, {first.place}",
                                       f"{second.form.path.name}, {second.place}"))
    return found


# -- the import ------------------------------------------------------------------------------------


def read_forms(folder: Path, context: _Context) -> tuple[list[ReturnedForm], list[FormProblem]]:
    """Every form of a folder (each .docx), with the files that are not forms of the year."""
    forms: list[ReturnedForm] = []
    problems: list[FormProblem] = []
    seen: dict[str, str] = {}
    unfit = folder_problem(folder, "a folder of returned forms")
    if unfit:
        raise ContributionError([FormProblem(str(folder), None, unfit)])
    for path in sorted(folder.glob("*.docx")):
        if path.name.startswith(("~$", ".~lock")):
            continue
        try:
            form = read_form(path, context.fields)
        except FormReadError as error:
            problems.append(FormProblem(path.name, None, str(error).removeprefix(f"{path.name} ")))
            continue
        short = form.agency.short_on(context.day)
        if form.year != context.year:
            problems.append(FormProblem(path.name, short, f"this is the form for {form.year}, not "
                                        f"for {context.year}: it is refused"))
            continue
        if form.agency.code in seen:
            problems.append(FormProblem(path.name, short, f"a second form of {short} (the first "
                                        f"is {seen[form.agency.code]}): keep one"))
            continue
        seen[form.agency.code] = path.name
        forms.append(form)
    return forms, problems


def import_forms(forms_dir: str | Path, year_dir: str | Path, *, take: str | None = None,
                 write: bool = True) -> ImportResult:
    """Read every returned form of `forms_dir` and update the YAML files of `year_dir`.

    `take` decides conflicts between agencies: "year" keeps the year's version, an agency's
    name takes its version (where it is one of the sides; else the year's stands). Raises
    ContributionError with every problem (and every undecided conflict) when something cannot
    be imported; then nothing is written. LoadError when the year's folder cannot be read.
    """
    folder = Path(year_dir)
    records = load_year(folder)
    sources = read_sources(folder, records)
    context = _Context(sources)
    taken = None if take is None else ("year" if take.casefold() == "year" else _agency(take).code)
    forms, problems = read_forms(Path(forms_dir), context)
    outcomes, more = analyse(forms, context)
    problems.extend(more)
    chosen, decided, open_ = _decide(outcomes, context, taken)
    if problems or open_:
        raise ContributionError(problems, open_)
    added = [o for o in chosen if o.what == "added"]
    changes = _changes(chosen, outcomes, context)
    texts = _apply(sources, context, chosen)
    written: list[Path] = []
    if texts and write:
        _validate(folder, texts)
        write_atomically({folder / name: text.encode("utf-8") for name, text in texts.items()})
        written = [folder / name for name in texts]
    return ImportResult(tuple(changes), tuple(decided), tuple(_duplicates(added, context)),
                        tuple(written), tuple(forms))


def _agency(name: str) -> Agency:
    try:
        return REGISTRY.agency(name)
    except ValueError as error:
        raise ContributionError([FormProblem("--take", None, str(error))]) from None


def _changes(chosen: list[_Outcome], outcomes: list[_Outcome], context: _Context
             ) -> list[Change]:
    changes = []
    for outcome in chosen:
        same = ([o for o in outcomes if o.source == outcome.source
                 and _outcome_key(o) == _outcome_key(outcome)] if outcome.source else [outcome])
        values = (outcome.values if outcome.values is not None
                  else context.current[outcome.source] if outcome.source else {})
        changes.append(Change(outcome.kind, outcome.what, _title(outcome.kind, values),
                              tuple(o.form.agency.code for o in same),
                              tuple(f"{o.form.path.name}, {o.place}" for o in same),
                              outcome.entries))
    order = {"removed": 0, "changed": 1, "added": 2}
    return sorted(changes, key=lambda c: (order[c.what], c.kind))


def _title(kind: str, values: Values) -> str:
    if kind == "action":
        text = markdown(values.get("detail", ()))
        return f"{values.get('field', '')} {text}".strip()
    return str(values.get("title", ""))


def _short(text: str, length: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _show(values: Values | None, key: str) -> str:
    if values is None:
        return "(removed)"
    value = values.get(key, "")
    if isinstance(value, tuple) and value and isinstance(value[0], tuple):
        return _short(markdown(value), 90)
    if isinstance(value, tuple):
        return ", ".join(value) or "–"
    return _short(str(value), 90) or "–"


# -- editing the YAML ----------------------------------------------------------------------------


def _apply(sources: YearSources, context: _Context, chosen: list[_Outcome]) -> dict[str, str]:
    """The new text of every file that changes."""
    touched: set[str] = set()
    documents = sources.documents
    removals: dict[str, list[int]] = defaultdict(list)
    for outcome in chosen:
        if outcome.what == "changed" and outcome.source is not None:
            _set(outcome.source.raw, outcome.kind, outcome.data, context, outcome.source.raw)
            touched.add(outcome.source.file)
        elif outcome.what == "removed" and outcome.source is not None:
            removals[outcome.source.file].append(outcome.source.index)
            touched.add(outcome.source.file)
    for file, indexes in removals.items():
        for index in sorted(set(indexes), reverse=True):
            del documents[file][index]
    ids: dict[str, set[str]] = defaultdict(set)
    for source in sources.sources:
        if KINDS[source.kind].has_id:
            ids[source.kind].add(source.record.id)
    for outcome in chosen:
        if outcome.what != "added":
            continue
        raw = CommentedMap()
        if KINDS[outcome.kind].has_id:
            raw["id"] = _fresh_id(outcome.data.get("title", ""), ids[outcome.kind])
        _set(raw, outcome.kind, outcome.data, context, None)
        file, index = _place_for(sources, context, outcome, raw)
        touched.add(file)
        documents.setdefault(file, CommentedSeq()).insert(index, raw)
    yaml = yaml_reader()
    return {file: dump(yaml, documents[file]) for file in sorted(touched)}


def _set(raw: CommentedMap, kind: str, data: dict[str, Any], context: _Context,
         before: CommentedMap | None) -> None:
    order = _ORDER[kind]
    for key, value in data.items():
        if value in (None, "", []):
            raw.pop(key, None)
            continue
        if key in ("detail", "body"):
            new: Any = LiteralScalarString(value + "\n")
        elif key == "field":
            new = DoubleQuotedScalarString(value)
        elif key == "agencies":
            new = _flow(_agency_spellings(before.get(key) if before else None, value, context))
        elif key == "bodies":
            new = _flow(_body_spellings(before.get(key) if before else None, value))
        elif key == "sessions":
            new = _sessions(before.get(key) if before else None, value, context)
        else:
            new = value
        if key in raw:
            raw[key] = new
        else:
            position = sum(1 for k in raw if k in order and order.index(k) < order.index(key))
            raw.insert(position, key, new)


def _flow(values: list[str]) -> CommentedSeq:
    seq = CommentedSeq(values)
    seq.fa.set_flow_style()
    return seq


def _agency_spellings(old: Any, codes: list[str], context: _Context) -> list[str]:
    """Agencies as the file already spells them, new ones by their name of the year."""
    spelt: dict[str, str] = {}
    for name in old or []:
        actors = [a for a in REGISTRY.resolve_all([str(name)]) if isinstance(a, Agency)]
        for actor in actors:
            # "ALL JHA AGENCIES" no longer holds once one is left out: each is named.
            spelt.setdefault(actor.code, str(name) if len(actors) == 1
                             else actor.short_on(context.day))
    kept = [spelt[c] for c in spelt if c in codes]
    kept += [REGISTRY.agency(c).short_on(context.day) for c in codes if c not in spelt]
    return kept


def _body_spellings(old: Any, names: list[str]) -> list[str]:
    spelt = {}
    for name in old or []:
        try:
            spelt[REGISTRY.resolve(str(name))] = str(name)
        except UnknownNameError:
            continue
    return [spelt.get(REGISTRY.resolve(n), n) for n in names]


def _sessions(old: Any, lines: list[tuple[str, str | None, str]], context: _Context
              ) -> CommentedSeq:
    """Sessions as the form lists them; a line the form showed unchanged keeps its mapping."""
    previous: dict[str, Any] = {}
    for item in old or []:
        try:
            previous[session_line(session_of(item))] = item
        except (ValueError, PeriodError):
            continue
    seq = CommentedSeq()
    for when, label, line in lines:
        if line in previous:
            seq.append(previous[line])
            continue
        item = CommentedMap(date=when)
        if label:
            item["timeline"] = label
        seq.append(item)
    return seq


def _fresh_id(title: str, taken: set[str]) -> str:
    words = re.findall(r"[a-z0-9]+", title.casefold())[:6] or ["new"]
    base = "-".join(words)
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    taken.add(candidate)
    return candidate


def _place_for(sources: YearSources, context: _Context, outcome: _Outcome,
               raw: CommentedMap) -> tuple[str, int]:
    """Where a new record goes: an action after the last of its field (or of the fields before
    it), an event after the last of its topic, anything else at the end of its file."""
    documents = sources.documents
    if outcome.kind == "action":
        order = list(context.fields)
        wanted = order.index(str(raw["field"]))
        best: tuple[str, int] | None = None
        files = sources.action_files or ["scorecard/actions.yaml"]
        for file in files:
            items = documents.get(file) or []
            for index, item in enumerate(items):
                number = str(item.get("field", ""))
                if number in order and order.index(number) <= wanted:
                    best = (file, index + 1)
        return best or (files[0], 0)
    target = KINDS[outcome.kind].file
    assert target is not None
    items = documents.get(target) or []
    if outcome.kind == "event":
        last = [i for i, item in enumerate(items) if item.get("topic") == raw.get("topic")]
        if last:
            return target, last[-1] + 1
    return target, len(items)


def _validate(folder: Path, texts: dict[str, str]) -> None:
    """The year's folder with the new files must load: checked on a copy beside it (so that
    links such as ../glossary.yaml read the same) before anything is written."""
    work = Path(tempfile.mkdtemp(prefix=f".{folder.name}-check-", dir=folder.parent))
    try:
        shutil.copytree(folder, work, dirs_exist_ok=True)
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
    finally:
        shutil.rmtree(work, ignore_errors=True)
