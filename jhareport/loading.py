"""A year's folder of YAML files turned into records, with every problem reported at once.

Each problem names the file, the line, the record and the field, so that whoever keeps the
fixtures can mend them without reading a traceback.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar, get_origin

import cattrs
from attrs import frozen
from cattrs.errors import (
    AttributeValidationNote,
    ForbiddenExtraKeysError,
    IterableValidationNote,
)
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from .agencies import REGISTRY, Actor, Agency
from .markup import Markup, MarkupError
from .periods import Period, StateOfPlay, parse_period, parse_state
from .records import (
    Acronym,
    Highlight,
    Meeting,
    NetworkProduct,
    NetworkYear,
    OperationalActionPlan,
    OtherActivity,
    Priority,
    Scorecard,
    ScorecardAction,
    ScorecardArea,
    ScorecardField,
    ScorecardPart,
    ThematicEvent,
    TimelineEntry,
    WorkingGroup,
    YearRecords,
    _actors,
    _agencies,
)

__all__ = ["LoadError", "Problem", "load_year"]

T = TypeVar("T")


@frozen
class Problem:
    """One thing wrong in a fixture file, with its place."""

    file: Path
    line: int | None
    message: str
    record: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        place = f"{self.file}:{self.line}" if self.line else f"{self.file}"
        where = ", ".join(x for x in (self.record, f"field {self.field!r}" if self.field else None)
                          if x)
        return f"{place}: {where}: {self.message}" if where else f"{place}: {self.message}"


class LoadError(Exception):
    """A year's folder that cannot be read; `problems` lists everything wrong in it."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        super().__init__(
            f"{count} problem{'s' if count != 1 else ''} in the fixtures:\n"
            + "\n".join(f"  {p}" for p in self.problems))


_LISTS: dict[str, tuple[str, type[Any], str]] = {
    "working-groups.yaml": ("working_groups", WorkingGroup, "working group"),
    "meetings.yaml": ("meetings", Meeting, "meeting"),
    "thematic-events.yaml": ("thematic_events", ThematicEvent, "thematic event"),
    "other-activities.yaml": ("other_activities", OtherActivity, "other activity"),
    "network-products.yaml": ("network_products", NetworkProduct, "network product"),
    "highlights.yaml": ("highlights", Highlight, "highlight"),
    "priorities.yaml": ("priorities", Priority, "priority"),
    "timeline.yaml": ("timeline", TimelineEntry, "timeline entry"),
}
_YEAR_FILE = "year.yaml"
_KNOWN = (_YEAR_FILE, *_LISTS, "scorecard/", "acronyms.yaml")
# Keys of year.yaml that point to other files rather than describe the year.
_LINKS = ("glossary", "empact")


def _converter(default_year: int | None) -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)

    def text_only(value: Any, what: str) -> str:
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise ValueError(f"expected {what}, got {_kind(value)}")
        return str(value)

    def markup(value: Any, _: Any) -> Markup:
        return Markup.parse(text_only(value, "a text"))

    converter.register_structure_hook(Markup, markup)
    converter.register_structure_hook(
        Period, lambda value, _: parse_period(text_only(value, "a date"), None))
    converter.register_structure_hook(
        StateOfPlay, lambda value, _: parse_state(text_only(value, "a state of play"),
                                                  default_year))
    converter.register_structure_hook(
        Agency, lambda value, _: REGISTRY.agency(text_only(value, "an agency")))
    converter.register_structure_hook_func(
        lambda t: t == Actor, lambda value, _: REGISTRY.resolve(text_only(value, "a name")))
    converter.register_structure_hook_func(
        lambda t: t == tuple[Agency, ...],
        lambda value, _: _agencies(_names(value, text_only)))
    converter.register_structure_hook_func(
        lambda t: t == tuple[Actor, ...],
        lambda value, _: _actors(_names(value, text_only)))

    def plain_text(value: Any, _: Any) -> str:
        return text_only(value, "a text")

    converter.register_structure_hook(str, plain_text)

    def list_only(value: Any, kind: Any) -> Any:
        if not isinstance(value, list):
            raise ValueError(f"expected a list, got {_kind(value)}")
        return converter._structure_tuple(value, kind)

    converter.register_structure_hook_func(_plain_tuple, list_only)

    def whole_number(value: Any, _: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"expected a whole number, got {_kind(value)}")
        return value

    converter.register_structure_hook(int, whole_number)

    def flag(value: Any, _: Any) -> bool:
        if not isinstance(value, bool):
            raise ValueError(f"expected true or false, got {_kind(value)}")
        return value

    converter.register_structure_hook(bool, flag)
    return converter


def _plain_tuple(kind: Any) -> bool:
    """A tuple of records or texts, as opposed to the agencies' tuples with their own hooks."""
    origin: Any = get_origin(kind)
    return origin is tuple and kind not in (tuple[Agency, ...], tuple[Actor, ...])


def _kind(value: Any) -> str:
    """What a YAML value is, in the words of whoever writes YAML."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return f"the text {value!r}"
    return f"the value {value!r}"


def _names(value: Any, text_only: Callable[[Any, str], str]) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list):
        raise ValueError(f"expected a list of names, got {_kind(value)}")
    return [text_only(v, "a name") for v in value]


class _Reader:
    """Reads the files of one folder, collecting problems instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.yaml = YAML(typ="rt")

    def read(self, path: Path) -> Any:
        try:
            with path.open(encoding="utf-8") as stream:
                return self.yaml.load(stream)
        except MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line = mark.line + 1 if mark else None
            self.problems.append(Problem(path, line, f"not valid YAML: {error.problem}"))
        except (OSError, UnicodeDecodeError) as error:
            self.problems.append(Problem(path, None, f"cannot be read: {error}"))
        return None

    def structure(self, path: Path, data: Any, cls: type[T], converter: cattrs.Converter,
                  record: str, line: int | None = None) -> T | None:
        try:
            return converter.structure(data, cls)
        except Exception as error:  # every error of the record is reported, with its place
            for steps, leaf in _leaves(error, ()):
                self.problems.append(Problem(
                    path, _line(data, steps) or line, _message(leaf), record,
                    _dotted(steps) or None))
            return None

    def records(self, path: Path, cls: type[T], converter: cattrs.Converter,
                what: str) -> list[tuple[T, int | None]]:
        data = self.read(path)
        if data is None:
            return []
        if not isinstance(data, CommentedSeq):
            self.problems.append(Problem(path, 1, f"expected a list of {what} records"))
            return []
        found: list[tuple[T, int | None]] = []
        for index, item in enumerate(data):
            line = data.lc.item(index)[0] + 1
            name = _record_name(what, item, index)
            if not isinstance(item, CommentedMap):
                self.problems.append(Problem(path, line, "expected a mapping of fields", name))
                continue
            record = self.structure(path, item, cls, converter, name, line)
            if record is not None:
                found.append((record, line))
        return found


def _record_name(what: str, item: Any, index: int) -> str:
    if isinstance(item, dict):
        for key in ("id", "reference", "short", "label"):
            if key in item and isinstance(item[key], str | int | float):
                return f"{what} {str(item[key])!r}"
    return f"{what} #{index + 1}"


def _leaves(error: BaseException,
            steps: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], BaseException]]:
    """Each elementary error of a cattrs error tree, with the path of fields that leads to it."""
    if isinstance(error, ForbiddenExtraKeysError):
        for key in sorted(error.extra_fields):
            yield (*steps, key), ValueError(f"unknown field {key!r}")
        return
    inner = getattr(error, "exceptions", None)
    if inner is None:
        field = getattr(error, "field", None)
        yield ((*steps, field) if isinstance(field, str) else steps), error
        return
    for child in inner:
        step: tuple[str | int, ...] = ()
        for note in getattr(child, "__notes__", []):
            if isinstance(note, AttributeValidationNote):
                step = (note.name,)
            elif isinstance(note, IterableValidationNote):
                step = (note.index,)
        yield from _leaves(child, (*steps, *step))


def _dotted(steps: tuple[str | int, ...]) -> str:
    text = ""
    for step in steps:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text


def _line(data: Any, steps: tuple[str | int, ...]) -> int | None:
    """The line (from 1) of the deepest node of `steps` that the YAML file has."""
    line = None
    node = data
    for step in steps:
        try:
            if isinstance(node, CommentedMap) and step in node:
                line = node.lc.key(step)[0] + 1
                node = node[step]
            elif isinstance(node, CommentedSeq) and isinstance(step, int) and step < len(node):
                line = node.lc.item(step)[0] + 1
                node = node[step]
            else:
                break
        except (KeyError, IndexError, TypeError):
            break
    return line


def _message(error: BaseException) -> str:
    if isinstance(error, KeyError):
        return f"missing field {error.args[0]!r}" if error.args else "missing field"
    if isinstance(error, MarkupError):
        return str(error)
    if isinstance(error, TypeError) and "missing" in str(error) and "argument" in str(error):
        names = str(error).split(":", 1)[-1].strip()
        return f"missing field {names}"
    if type(error).__name__ in ("ValueError", "PeriodError", "UnknownNameError", "TypeError",
                                "FieldError"):
        return str(error)
    return f"{type(error).__name__}: {error}"


def _duplicates(reader: _Reader, path: Path, items: list[tuple[T, int | None]],
                key: Callable[[T], str], what: str) -> None:
    seen: dict[str, int | None] = {}
    for record, line in items:
        value = key(record)
        if value in seen:
            first = f" (first at line {seen[value]})" if seen[value] else ""
            reader.problems.append(Problem(path, line, f"duplicate {what} {value!r}{first}"))
        else:
            seen[value] = line


def _closest(value: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.5)
    return f" (did you mean {close[0]!r}?)" if close else f" (known: {', '.join(choices)})"


def load_year(path: str | Path) -> YearRecords:
    """Read a year's folder of YAML files into records.

    Raises LoadError listing every problem in the folder, each with file, line, record and field.
    """
    folder = Path(path)
    reader = _Reader()
    year_file = folder / _YEAR_FILE
    if not folder.is_dir():
        raise LoadError([Problem(folder, None, "no such folder")])
    if not year_file.is_file():
        raise LoadError([Problem(year_file, None, "missing: every year's folder has a year.yaml")])

    for stray in sorted(folder.glob("*.y*ml")):
        if stray.name not in _KNOWN:
            known = [k for k in _KNOWN if k.endswith(".yaml")]
            reader.problems.append(Problem(stray, None, "not a fixture file of a year"
                                           + _closest(stray.name, known)))

    data = reader.read(year_file)
    if not isinstance(data, CommentedMap):
        if not reader.problems or reader.problems[-1].file != year_file:
            reader.problems.append(Problem(year_file, 1, "expected a mapping of fields "
                                           "(year: …, chair: …)"))
        data = None
    links = {key: data.pop(key) for key in _LINKS if data is not None and key in data}
    year_number = data.get("year") if data is not None else None
    default_year = year_number if isinstance(year_number, int) else None
    converter = _converter(default_year)
    year = (reader.structure(year_file, data, NetworkYear, converter, "year")
            if data is not None else None)

    lists: dict[str, list[tuple[Any, int | None]]] = {}
    for name, (attribute, cls, what) in _LISTS.items():
        file = folder / name
        lists[attribute] = reader.records(file, cls, converter, what) if file.is_file() else []
        key_name = "label" if cls is TimelineEntry else "id"
        if key_name == "id":
            _duplicates(reader, file, lists[attribute], lambda r: str(r.id), f"{what} id")

    if year is not None:
        _check_references(reader, folder, year, lists)
    scorecard = _load_scorecard(reader, folder / "scorecard", converter)
    glossary = _load_glossary(reader, folder, links.get("glossary"), converter)
    plans = _load_plans(reader, folder, links.get("empact"), converter)

    if reader.problems or year is None:
        raise LoadError(reader.problems)
    return YearRecords(
        year=year,
        **{attribute: [record for record, _ in items] for attribute, items in lists.items()},
        scorecard=scorecard,
        glossary=glossary,
        action_plans=plans,
    )


def _check_references(reader: _Reader, folder: Path, year: NetworkYear,
                      lists: dict[str, list[tuple[Any, int | None]]]) -> None:
    topics = [t.id for t in year.priority_topics]
    for event, line in lists["thematic_events"]:
        if event.topic not in topics:
            reader.problems.append(Problem(
                folder / "thematic-events.yaml", line,
                f"unknown priority topic {event.topic!r}" + _closest(event.topic, topics),
                f"thematic event {event.id!r}", "topic"))
    groups = [g.id for g, _ in lists["working_groups"]]
    for meeting, line in lists["meetings"]:
        if meeting.group is not None and meeting.group not in groups:
            reader.problems.append(Problem(
                folder / "meetings.yaml", line,
                f"unknown working group {meeting.group!r}" + _closest(meeting.group, groups or ["-"]),
                f"meeting {meeting.id!r}", "group"))


def _load_scorecard(reader: _Reader, folder: Path,
                    converter: cattrs.Converter) -> Scorecard | None:
    if not folder.is_dir():
        return None
    structure_file = folder / "structure.yaml"
    data = reader.read(structure_file) if structure_file.is_file() else None
    if data is None:
        if not structure_file.is_file():
            reader.problems.append(Problem(structure_file, None,
                                           "missing: a scorecard needs its parts, areas and fields"))
        return None
    title = data.get("title", "Scorecard") if isinstance(data, dict) else "Scorecard"
    parts = _section(reader, structure_file, data, "parts", ScorecardPart, converter, "part")
    areas = _section(reader, structure_file, data, "areas", ScorecardArea, converter, "area")
    fields = _section(reader, structure_file, data, "fields", ScorecardField, converter, "field")
    part_codes = [p.code for p, _ in parts]
    area_numbers = [a.number for a, _ in areas]
    field_numbers = [f.number for f, _ in fields]
    for area, line in areas:
        if area.part not in part_codes:
            reader.problems.append(Problem(structure_file, line, f"unknown part {area.part!r}",
                                           f"area {area.number!r}", "part"))
    for item, line in fields:
        if item.area not in area_numbers:
            reader.problems.append(Problem(structure_file, line, f"no area {item.area!r} above it",
                                           f"field {item.number!r}", "number"))
    _duplicates(reader, structure_file, areas, lambda a: a.number, "area")
    _duplicates(reader, structure_file, fields, lambda f: f.number, "field")

    actions: list[ScorecardAction] = []
    for file in sorted(folder.glob("*.yaml")):
        if file == structure_file:
            continue
        for action, line in reader.records(file, ScorecardAction, converter, "action"):
            if action.field not in field_numbers:
                reader.problems.append(Problem(
                    file, line, f"unknown field {action.field!r}"
                    + _closest(action.field, field_numbers or ["-"]), "action", "field"))
            actions.append(action)
    # Files per contributing agency are merged in the order of the scorecard's fields.
    order = {number: index for index, number in enumerate(field_numbers)}
    actions.sort(key=lambda a: order.get(a.field, len(order)))
    if reader.problems:
        return None
    return Scorecard(title=str(title), parts=[p for p, _ in parts], areas=[a for a, _ in areas],
                     fields=[f for f, _ in fields], actions=actions)


def _section(reader: _Reader, path: Path, data: Any, key: str, cls: type[T],
             converter: cattrs.Converter, what: str) -> list[tuple[T, int | None]]:
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, CommentedSeq):
        reader.problems.append(Problem(path, 1, f"expected a list of {key}"))
        return []
    found = []
    for index, item in enumerate(items):
        line = items.lc.item(index)[0] + 1
        record = reader.structure(path, item, cls, converter, _record_name(what, item, index), line)
        if record is not None:
            found.append((record, line))
    return found


def _linked(reader: _Reader, folder: Path, value: Any, what: str) -> list[Path]:
    values = value if isinstance(value, list) else [value]
    paths = []
    for item in values:
        path = (folder / str(item)).resolve()
        if not path.is_file():
            reader.problems.append(Problem(folder / _YEAR_FILE, None,
                                           f"the {what} file {item!r} does not exist", "year", what))
        else:
            paths.append(path)
    return paths


def _load_glossary(reader: _Reader, folder: Path, link: Any,
                   converter: cattrs.Converter) -> list[Acronym]:
    paths = _linked(reader, folder, link, "glossary") if link else []
    if (folder / "acronyms.yaml").is_file():
        paths.append(folder / "acronyms.yaml")
    acronyms: list[tuple[Acronym, int | None]] = []
    for path in paths:
        found = reader.records(path, Acronym, converter, "acronym")
        _duplicates(reader, path, found, lambda a: a.short, "acronym")
        acronyms.extend(found)
    return [a for a, _ in acronyms]


def _load_plans(reader: _Reader, folder: Path, link: Any,
                converter: cattrs.Converter) -> list[OperationalActionPlan]:
    plans = []
    for path in _linked(reader, folder, link, "empact") if link else []:
        data = reader.read(path)
        if data is None:
            continue
        plan = reader.structure(path, data, OperationalActionPlan, converter, "plan")
        if plan is not None:
            actions = data.get("actions")
            seen: dict[str, int] = {}
            for index, action in enumerate(plan.actions):
                line = actions.lc.item(index)[0] + 1 if isinstance(actions, CommentedSeq) else 0
                if action.reference in seen:
                    reader.problems.append(Problem(
                        path, line, f"duplicate reference {action.reference!r} "
                        f"(first at line {seen[action.reference]})"))
                seen.setdefault(action.reference, line)
            plans.append(plan)
    return plans
