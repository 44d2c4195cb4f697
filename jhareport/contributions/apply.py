"""The merge written into the year's YAML files, with ruamel.yaml's round trip: only the entries
that change are touched, so comments, order and layout stay as they were everywhere else."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from attrs import frozen
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from ..agencies import REGISTRY, Agency, UnknownNameError
from ..periods import PeriodError
from .diff import NewRecord, YearContext, split_date
from .entries import KINDS, Entries, session_line, state_text
from .merge import MergePlan
from .sources import dump, fresh_id, session_of, yaml_reader

__all__ = ["Applied", "apply"]

# The order of keys in a record, as the fixtures write them.
_ORDER = {"action": ("id", "field", "detail", "state", "agencies", "bodies", "note"),
          "meeting": ("id", "kind", "title", "group", "format", "place", "agencies", "bodies",
                      "sessions", "body"),
          "event": ("id", "topic", "title", "format", "place", "agencies", "bodies", "sessions",
                    "body"),
          "highlight": ("id", "title", "agencies", "body"),
          "activity": ("id", "title", "format", "place", "agencies", "bodies", "sessions",
                       "body")}


@frozen
class Applied:
    """The new text of each file that changes, and the record each added one became."""

    texts: dict[str, str]
    added: dict[int, str]  # id() of a NewRecord -> its record's key


def apply(plan: MergePlan, context: YearContext) -> Applied:
    sources = context.sources
    documents = sources.documents
    touched: set[str] = set()
    for key, entries in plan.updates.items():
        source = context.by_key[key]
        _set(source.raw, source.kind, entries, {**context.current[key], **entries}, context,
             new=False)
        touched.add(source.file)
    for key in plan.removals:
        source = context.by_key[key]
        items = documents[source.file]
        del items[next(i for i, item in enumerate(items) if item is source.raw)]
        touched.add(source.file)
    ids: dict[str, set[str]] = defaultdict(set)
    for key in context.current:
        kind, identifier = key.split(":", 1)
        ids[kind].add(identifier)
    added: dict[int, str] = {}
    for _, record in plan.additions:
        raw = CommentedMap()
        words = record.entries.get("title") or record.entries.get("action", "")
        raw["id"] = fresh_id(str(words), ids[record.kind])
        if record.kind == "meeting":
            raw["kind"] = "working-group" if record.entries.get("group") else "horizontal"
        _set(raw, record.kind, record.entries, record.entries, context, new=True)
        file, index = _place_for(context, record, raw)
        touched.add(file)
        documents.setdefault(file, CommentedSeq()).insert(index, raw)
        added[id(record)] = f"{record.kind}:{raw['id']}"
    yaml = yaml_reader()
    return Applied({file: dump(yaml, documents[file]) for file in sorted(touched)}, added)


def _set(raw: CommentedMap, kind: str, changed: Entries, final: Entries, context: YearContext,
         new: bool) -> None:
    """Write the changed entries into a record's YAML mapping; `final` holds every entry as it
    will read."""
    order = _ORDER[kind]
    yaml_keys = KINDS[kind].yaml

    def put(key: str, value: Any) -> None:
        if value in (None, "", []):
            raw.pop(key, None)
        elif key in raw:
            raw[key] = value
        else:
            position = sum(1 for k in raw if k in order and order.index(k) < order.index(key))
            raw.insert(position, key, value)

    for entry, value in changed.items():
        key = yaml_keys[entry]
        if entry in ("action", "text"):
            put(key, LiteralScalarString(str(value).rstrip("\n") + "\n") if value else None)
        elif entry == "field":
            put(key, DoubleQuotedScalarString(value))
        elif entry in ("state", "when"):
            put(key, state_text(final.get("state", ""), final.get("when", "")) or None)
        elif entry == "agencies":
            put(key, _flow(_agency_spellings(raw.get(key), value, context)))
        elif entry == "others":
            put(key, _flow(_body_spellings(raw.get(key), value)) if value else None)
        elif entry == "topic":
            put(key, next(i for i, title in context.topics.items() if title == value))
        elif entry == "group":
            group = next((i for i, name in context.groups.items() if name == value), None)
            put(key, group)
            if not new:
                put("kind", "working-group" if group else
                    ("horizontal" if raw.get("kind") == "working-group" else raw.get("kind")))
        elif entry == "dates":
            labelled = new or any(isinstance(s, dict) and s.get("timeline")
                                  for s in raw.get("sessions") or [])
            put(key, _sessions(raw.get(key), value, final.get("title") if labelled else None))
        else:
            put(key, value)


def _flow(values: list[str]) -> CommentedSeq:
    seq = CommentedSeq(values)
    seq.fa.set_flow_style()
    return seq


def _agency_spellings(old: Any, codes: list[str], context: YearContext) -> list[str]:
    """Agencies as the file already spells them, new ones by their name of the year."""
    spelt: dict[str, str] = {}
    for name in old or []:
        actors = [a for a in REGISTRY.resolve_all([str(name)]) if isinstance(a, Agency)]
        for actor in actors:
            # "ALL JHA AGENCIES" no longer holds once one is left out: each is named.
            spelt.setdefault(actor.code, str(name) if len(actors) == 1
                             else actor.short_on(context.day))
    if len(codes) == len(REGISTRY.agencies) and any(
            len(list(REGISTRY.resolve_all([str(n)]))) > 1 for n in old or []):
        return [str(n) for n in old]
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


def _sessions(old: Any, lines: list[str], title: str | None) -> CommentedSeq:
    """Sessions as the form lists them; a line the form showed unchanged keeps its mapping, a
    new one is an entry of the list of events (worded as given, else as the record's title)
    when the record's sessions are."""
    previous: dict[str, Any] = {}
    for item in old or []:
        try:
            previous[session_line(session_of(item))] = item
        except (ValueError, PeriodError):
            continue
    seq = CommentedSeq()
    for line in lines:
        if line in previous:
            seq.append(previous[line])
            continue
        when, label = split_date(line)
        item = CommentedMap(date=when)
        if label or title:
            item["timeline"] = label or title
        seq.append(item)
    return seq


def _place_for(context: YearContext, record: NewRecord, raw: CommentedMap) -> tuple[str, int]:
    """Where a new record goes: an action after the last of its field (or of the fields before
    it), an event after the last of its topic, a meeting after the last of its group (or the
    last horizontal one), anything else at the end of its file."""
    documents = context.sources.documents
    if record.kind == "action":
        order = list(context.fields)
        wanted = order.index(str(raw["field"]))
        best: tuple[str, int] | None = None
        files = context.sources.action_files or ["scorecard/actions.yaml"]
        for file in files:
            for index, item in enumerate(documents.get(file) or []):
                number = str(item.get("field", ""))
                if number in order and order.index(number) <= wanted:
                    best = (file, index + 1)
        return best or (files[0], 0)
    target = KINDS[record.kind].file
    assert target is not None
    items = documents.get(target) or []
    if record.kind == "event":
        last = [i for i, item in enumerate(items) if item.get("topic") == raw.get("topic")]
    elif record.kind == "meeting":
        last = [i for i, item in enumerate(items) if (item.get("group") == raw.get("group")
                if raw.get("group") else item.get("kind") != "working-group")]
    else:
        last = []
    return target, (last[-1] + 1 if last else len(items))
