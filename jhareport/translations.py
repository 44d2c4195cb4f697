"""A year's own translations of its texts laid over the YAML of its files.

`translations/<language>/` beside a year's files holds files named as the year's, shaped as
them, with only the texts they translate. Each translated text replaces the year's in the YAML
read from the year's file, before its records are built, so the records are checked as
always; the translations are checked here first, each problem naming the translation file and
its line. A text left untranslated is marked with the language it was written in
(`markup.Untranslated`), so that a document says which passages are in another language.

Every text of a year has a stable name, its *unit*: the file, then the record and field that
hold it, each record of a list named by its key (`meetings.yaml:heads-of-agencies/title`). The
key of a record is what identifies it and is never translated: its `id` (the scorecard's parts
their code, areas and fields their number, the glossary's entries their acronym); a session or
timeline entry its date; an outline section what it holds; other records their position.
"""

from __future__ import annotations

import functools
import re
import types
import typing
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Union, get_args, get_origin

import attrs

from . import records
from .checks import Problem, closest
from .errors import InputError
from .markup import Markup, MarkupError, Untranslated, language_of
from .periods import PeriodError, parse_period
from .records import (
    Acronym,
    ScorecardArea,
    ScorecardField,
    ScorecardPart,
    Section,
    Session,
    Signatory,
    TimelineEntry,
)
from .yamltree import LineList, LineMap, yaml_kind

__all__ = ["NOT_TEXT", "SOURCE_LANGUAGE", "Kind", "MissingTranslations", "Overlay", "Step", "Text",
           "UntranslatedError", "language_name", "marked_texts", "text_fields"]

SOURCE_LANGUAGE = "en"
"""The language a year's records are written in."""

NOT_TEXT = frozenset({"id", "group", "topic", "select", "cooperation", "source", "field",
                      "number", "code", "part", "council_presidencies", "not_acronyms",
                      "aliases", "annex", "file"})
"""Fields typed as texts that are no texts to translate: ids, references to other records,
states named in English (the build names them through Babel)."""

# A person's name is not translated; an acronym names its glossary entry (a translation gives
# the language's form as `written`).
_NOT_TEXT_OF: dict[type, frozenset[str]] = {Signatory: frozenset({"name"}),
                                            Acronym: frozenset({"short"})}
_RECORDS = records.__name__
_LETTER = re.compile(r"[^\W\d_]")
_KEYS: dict[type, str] = {ScorecardPart: "code", ScorecardArea: "number", ScorecardField: "number",
                          Acronym: "short"}
_DATED = (Session, TimelineEntry)
WRITTEN = "written"
"""The field of a glossary translation that gives the acronym as the language writes it."""

# What a field holds, as far as translation goes: a text, a Markdown text, a list of them (a
# table's rows are lists of lists), a record, or a list of records.
Kind = str | tuple[str, Any]


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _kind(hint: Any) -> Kind | None:
    """What a field of this type is to a translation, or None when it is no text."""
    if get_origin(hint) in (Union, types.UnionType):
        options = [a for a in get_args(hint) if a is not type(None)]
        if len(options) != 1:
            return None
        hint = options[0]
    if hint is Markup:
        return "markup"
    if hint is str:
        return "text"
    if attrs.has(hint) and hint.__module__ == _RECORDS:  # not an agency, a period, a state
        return ("record", hint)
    if get_origin(hint) is tuple:
        args = get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            inner = _kind(args[0])
            if inner is None:
                return None
            if isinstance(inner, tuple) and inner[0] == "record":
                return ("records", inner[1])
            return ("texts", inner)
    return None


def text_fields(cls: type) -> dict[str, Kind]:
    """The fields of a record that a translation may give, with what each holds."""
    skip = NOT_TEXT | _NOT_TEXT_OF.get(cls, frozenset())
    found: dict[str, Kind] = {}
    for name, hint in _hints(cls).items():
        kind = None if name in skip else _kind(hint)
        if kind is not None:
            found[name] = kind
    if cls is Acronym:
        found = {WRITTEN: "text", **found}
    return found


def _required_key(cls: type) -> str | None:
    """The field every record of a list of this class is named by in a translation, or None."""
    if cls in _KEYS:
        return _KEYS[cls]
    hint = _hints(cls).get("id")
    return "id" if hint is str else None


def _what(cls: type) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", " ", cls.__name__).lower()


def _name(what: str, item: Any, index: int) -> str:
    if isinstance(item, dict):
        for key in ("id", "code", "number", "short", "heading"):
            value = item.get(key)
            if isinstance(value, str | int | float) and not isinstance(value, bool):
                return f"{what} {str(value)!r}"
    return f"{what} #{index + 1}"


def _scalar(item: Any, key: str) -> str | None:
    value = item.get(key) if isinstance(item, dict) else None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    return str(value)


def day_key(text: str) -> str:
    """A date as a key: the ISO days it spans ("2023-11-21", "2024-01-01..2024-06-30");
    PeriodError when it is no date."""
    period = parse_period(text)
    start, end = period.start.isoformat(), period.end.isoformat()
    return start if start == end else f"{start}..{end}"


def _identities(cls: type, item: Any) -> list[tuple[str, dict[str, str]]]:
    """What names a record of a list whose key is optional, from its YAML mapping, best first:
    the label its units take and the fields that name it in a translation (an id, a date, what
    a section holds); none: its position does. Raises PeriodError for a date that is none."""
    if not isinstance(item, dict):
        return []
    found: list[tuple[str, dict[str, str]]] = []
    given = _scalar(item, "id")
    if given is not None and "id" in _hints(cls):
        found.append((given, {"id": given}))
    if cls in _DATED and _scalar(item, "date") is not None:
        written = str(_scalar(item, "date"))
        found.append((day_key(written), {"date": written}))
    if cls is Section and _scalar(item, "holds") is not None:
        holds, select = str(_scalar(item, "holds")), _scalar(item, "select")
        names = {"holds": holds, **({"select": select} if select is not None else {})}
        found.append((holds + (f".{select}" if select is not None else ""), names))
    return found


def _identity(cls: type, item: Any) -> tuple[str, dict[str, str]] | None:
    """The best of `_identities`, or None."""
    found = _identities(cls, item)
    return found[0] if found else None


@attrs.frozen
class Step:
    """One step of a text's place in its file: a mapping's key, or a list's record."""

    label: str  # as the unit names it: a field, a key, or #3 for a position
    field: str | None = None  # the key of a mapping
    index: int | None = None  # the position in the year's list (from 0)
    names: tuple[tuple[str, str], ...] = ()  # fields naming the record in a translation
    occurrence: int = 1  # the how-many-th record named so (two sessions on one day)


@attrs.define
class Text:
    """One text of the year: where it stands, what it says, and its translation if any."""

    file: str  # the year's file, relative to the year's folder
    steps: tuple[Step, ...]
    kind: str  # "markup" or "text"
    source: str  # as the year writes it
    line: int | None
    record: str  # "meeting 'heads-of-agencies'"
    cls: type  # the record's class
    field: str
    title: str | None  # the record's title, for the translator
    translation: str | None = None
    known: bool = False  # reads in the language without a translation (a standard heading)
    optional: bool = False  # may be left as written (an acronym that the language keeps)
    holder: Any = attrs.field(default=None, repr=False, eq=False)
    key: str | int | None = attrs.field(default=None, repr=False, eq=False)

    @property
    def unit(self) -> str:
        """The text's stable name: `meetings.yaml:heads-of-agencies/sessions/2023-11-21/timeline`."""
        return f"{self.file}:" + "/".join(step.label for step in self.steps)

    @property
    def translated(self) -> bool:
        return self.translation is not None or self.known

    @property
    def owner(self) -> tuple[str, str]:
        """The file and the first step: the top record the text belongs to."""
        return self.file, self.steps[0].label if self.steps else ""


@attrs.define
class Overlay:
    """Translations laid over the YAML of one of the year's files.

    `problems` are the translation's; `texts` every text of the year's file, with the
    translations given (or `known` says read in the language anyway)."""

    file: Path
    name: str  # the year's file, relative to the year's folder
    known: Callable[[type, str, str], bool] = lambda cls, field, text: False
    problems: list[Problem] = attrs.Factory(list)
    texts: list[Text] = attrs.Factory(list)
    _slots: dict[tuple[int, str | int], Text] = attrs.Factory(dict)
    # Glossary entries the translation gives another form: (entry, line, what) each.
    _renamed: list[tuple[dict[str, Any], int | None, str]] = attrs.Factory(list)

    def lay(self, original: Any, given: Any, kind: Kind, what: str) -> None:
        """Lay `given` (the translation file's YAML) over `original` (the year file's)."""
        self.texts = list(self._collect(original, kind, (), what, "", None, None, None))
        self._slots = {(id(t.holder), t.key): t for t in self.texts
                       if t.holder is not None and t.key is not None}
        if given is not None:  # an empty file translates nothing
            self._value(original, None, given, kind, what, None, 1)
            if self._renamed and isinstance(original, list):
                self._clashes(original)

    def _clashes(self, entries: list[Any]) -> None:
        """Refuse a language's form of an acronym that another entry of the glossary already
        is: the list of acronyms holds one entry per acronym. The entry keeps its English form,
        so that the problem is told here, not as a duplicate in the year's glossary."""
        shorts = Counter(str(e.get("short")) for e in entries if isinstance(e, dict))
        english_of = {id(entry): str(entry["aliases"][0]) for entry, _, _ in self._renamed}
        for entry, line, what in self._renamed:
            written, english = str(entry["short"]), english_of[id(entry)]
            if shorts[written] < 2:
                continue
            other = next(english_of.get(id(e), str(e["short"])) for e in entries
                         if isinstance(e, dict) and e is not entry and e.get("short") == written)
            self._problem(line, f"{written!r} is already another acronym of the glossary "
                          f"({other}): a list of acronyms has one entry per acronym (leave "
                          f"{english} as it is written, or give it another form)", what, WRITTEN)
            shorts[written] -= 1
            entry["short"] = english
            entry["aliases"] = entry["aliases"][1:]

    def mark(self, lang: str) -> None:
        """Mark every text left untranslated as written in `lang`."""
        for text in self.texts:
            if not (text.translated or text.optional) and text.holder is not None \
                    and text.key is not None:
                text.holder[text.key] = Untranslated(text.source, lang)

    # -- the year's texts ----------------------------------------------------------------------

    def _collect(self, value: Any, kind: Kind, steps: tuple[Step, ...], what: str, field: str,
                 line: int | None, holder: tuple[Any, str | int, type] | None,
                 title: str | None) -> Iterator[Text]:
        """Every text of `value` (a text "12" with no letter needs no translation)."""
        if isinstance(kind, str):
            if isinstance(value, str | int | float) and not isinstance(value, bool) \
                    and _LETTER.search(str(value)) and holder is not None:
                container, key, cls = holder
                yield Text(self.name, steps, kind, str(value), line, what, cls, field, title,
                           known=self.known(cls, field, str(value)),
                           optional=cls is Acronym and field == WRITTEN,
                           holder=container, key=key)
            return
        if kind[0] == "record" and isinstance(value, dict):
            cls = kind[1]
            own = _title(value) or title
            for name, inner in text_fields(cls).items():
                if name == WRITTEN and cls is Acronym and "short" in value:
                    short = value["short"]
                    yield Text(self.name, (*steps, Step(name, name)), "text", str(short),
                               _line_of(value, "short", line), what, cls, name, own,
                               optional=True, holder=value, key=WRITTEN)
                    continue
                if name in value:
                    yield from self._collect(value[name], inner, (*steps, Step(name, name)),
                                             what, name, _line_of(value, name, line),
                                             (value, name, cls), own)
        elif kind[0] == "records" and isinstance(value, list):
            cls = kind[1]
            item_what = _what(cls)
            for index, item, step in _items(cls, value):
                item_line = value.item_line(index) if isinstance(value, LineList) else line
                yield from self._collect(item, ("record", cls), (*steps, step),
                                         _name(item_what, item, index), field, item_line, None,
                                         title)
        elif kind[0] == "texts" and isinstance(value, list) and holder is not None:
            for index, item in enumerate(value):
                item_line = value.item_line(index) if isinstance(value, LineList) else line
                yield from self._collect(item, kind[1], (*steps, Step(f"#{index + 1}",
                                                                      index=index)),
                                         what, field, item_line,
                                         (value, index, holder[2]), title)

    # -- laying a translation over them ----------------------------------------------------------

    def _problem(self, line: int | None, message: str, record: str | None = None,
                 field: str | None = None) -> None:
        self.problems.append(Problem(self.file, line, message, record, field))

    def _value(self, holder: Any, key: str | int | None, given: Any, kind: Kind, what: str,
               field: str | None, line: int | None) -> None:
        """Lay `given` over `holder[key]` (over `holder` itself when `key` is None)."""
        original = holder if key is None else holder.get(key) if key == WRITTEN else holder[key]
        if isinstance(kind, str):
            self._text(holder, key, given, kind, what, field, line)
        elif kind[0] == "record":
            self._record(original, given, kind[1], what, line)
        elif kind[0] == "records":
            self._records(original, given, kind[1], what, line)
        else:
            self._texts(original, given, kind[1], what, field, line)

    def _text(self, holder: Any, key: str | int | None, given: Any, kind: str, what: str,
              field: str | None, line: int | None) -> None:
        if not isinstance(given, str | int | float) or isinstance(given, bool):
            self._problem(line, f"expected a text, got {yaml_kind(given)}", what, field)
            return
        text = str(given)
        if not text.strip():
            self._problem(line, "an empty translation: leave the text out to keep the year's",
                          what, field)
            return
        if kind == "markup":
            try:
                Markup.parse(text)
            except MarkupError as error:
                self._problem(line, str(error), what, field)
                return
        if key is None:
            return
        slot = self._slots.get((id(holder), key))
        if slot is not None:
            slot.translation = text.strip("\n")
        if field == WRITTEN and isinstance(holder, dict):  # the glossary: the language's form
            if text != holder.get("short"):
                holder["aliases"] = [str(holder.get("short")), *holder.get("aliases", [])]
                holder["short"] = text
                self._renamed.append((holder, line, what))
            return
        holder[key] = text

    def _texts(self, original: Any, given: Any, kind: Kind, what: str, field: str | None,
               line: int | None) -> None:
        """A list of texts (a table's header, the points of the conclusions), by position;
        an item left empty (~) keeps the year's."""
        if not isinstance(given, LineList):
            self._problem(line, f"expected a list of texts, got {yaml_kind(given)}", what, field)
            return
        for index, item in enumerate(given):
            item_line = given.item_line(index)
            if item is None:
                continue
            if index >= len(original):
                self._problem(item_line, f"the year's {what} has {len(original)} of them; this is "
                              f"number {index + 1}", what, field)
                continue
            self._value(original, index, item, kind, what, field, item_line)

    def _records(self, original: Any, given: Any, cls: type, what: str,
                 line: int | None) -> None:
        item_what = _what(cls)
        if not isinstance(given, LineList):
            self._problem(line, f"expected a list of {item_what} texts, got {yaml_kind(given)}",
                          what if line != 1 else None)
            return
        key = _required_key(cls)
        if key is None:
            self._optional_keys(original, given, cls, item_what)
            return
        index_of = {str(item.get(key)): position for position, item in enumerate(original)
                    if isinstance(item, dict) and item.get(key) is not None}
        seen: dict[str, int] = {}
        for index, item in enumerate(given):
            item_line = given.item_line(index)
            name = _name(item_what, item, index)
            if not isinstance(item, LineMap):
                self._problem(item_line, f"expected a mapping with the {key} of the "
                              f"{item_what} and its texts, got {yaml_kind(item)}", name)
                continue
            value = item.get(key)
            if value is None:
                self._problem(item_line, f"missing field {key!r}: a translation names the "
                              f"{item_what} it translates by its {key}", name)
                continue
            value = str(value)
            if value in seen:
                self._problem(item.key_line(key, item_line), f"a second translation of "
                              f"{item_what} {value!r} (first at line {seen[value]})", name, key)
                continue
            seen[value] = item_line
            if value not in index_of:
                self._problem(item.key_line(key, item_line), f"the year has no {item_what} "
                              f"{value!r}" + closest(value, list(index_of)), name, key)
                continue
            self._record(original[index_of[value]], item, cls, name, item_line, skip=(key,))

    def _optional_keys(self, original: Any, given: LineList, cls: type, item_what: str) -> None:
        """Records named by their key when the translation gives it (an id, a date, what a
        section holds), else by their position; a position left as it is takes {}."""
        keyed: dict[str, list[int]] = {}
        shown_as: dict[str, str] = {}  # a key as the year writes it: 22 February 2023
        for position, item in enumerate(original):
            try:
                identities = _identities(cls, item)
            except PeriodError:
                continue  # the year's loader says what is wrong with it
            for label, names in identities:  # an entry with an id goes by its date too
                keyed.setdefault(label, []).append(position)
                shown_as.setdefault(label, names.get("date", label))
        taken: dict[str, int] = {}
        claimed: dict[int, int] = {}
        for index, item in enumerate(given):
            item_line = given.item_line(index)
            if item is None or item == {}:
                continue  # left empty: the year's texts stay
            name = _name(item_what, item, index)
            if not isinstance(item, LineMap):
                self._problem(item_line, f"expected a mapping of texts, got {yaml_kind(item)}",
                              name)
                continue
            try:
                identity = _identity(cls, item)
            except PeriodError as error:
                self._problem(item.key_line("date", item_line), f"{error} (a translation names "
                              f"the {item_what} it translates by its date)", name, "date")
                continue
            if identity is None:
                if index >= len(original):
                    self._problem(item_line, f"the year has {len(original)} {item_what} "
                                  f"record{'s' if len(original) != 1 else ''} here; this is "
                                  f"number {index + 1} (records without ids are matched by "
                                  "position: write {} for one left as it is)", name)
                    continue
                position = index
                skip: tuple[str, ...] = ()
            else:
                label, names = identity
                occurrence = taken.get(label, 0)
                taken[label] = occurrence + 1
                positions = keyed.get(label, [])
                first_field = next(iter(names))
                if occurrence >= len(positions):
                    shown = names.get("date") or label
                    more = " more" if positions else ""
                    self._problem(item.key_line(first_field, item_line), f"the year has no{more} "
                                  f"{item_what} {shown!r} here"
                                  + closest(shown, list(shown_as.values())), name, first_field)
                    continue
                position = positions[occurrence]
                skip = tuple(names)
            if position in claimed:
                self._problem(item_line, f"a second translation of {item_what} #{position + 1} "
                              f"(first at line {claimed[position]})", name)
                continue
            claimed[position] = item_line
            self._record(original[position], item, cls, _name(item_what, original[position],
                                                              position), item_line, skip=skip)

    def _record(self, original: Any, given: Any, cls: type, what: str, line: int | None,
                skip: tuple[str, ...] = ()) -> None:
        if given is None:
            return
        if not isinstance(given, LineMap):
            self._problem(line, f"expected a mapping of texts, got {yaml_kind(given)}", what)
            return
        fields = text_fields(cls)
        every = _hints(cls)
        for field, value in given.items():
            if field in skip:
                continue
            field_line = given.key_line(field, line)
            if field not in every and field not in fields:
                self._problem(field_line, f"unknown field {field!r}"
                              + closest(field, list(fields)), what, field)
            elif field not in fields:
                shown = ", ".join(fields) or "none"
                self._problem(field_line, f"{field!r} is no text: only texts are translated "
                              f"(here: {shown})", what, field)
            elif field == WRITTEN:
                self._value(original, field, value, "text", what, field, field_line)
            elif not isinstance(original, dict) or original.get(field) in (None, ""):
                self._problem(field_line, f"the year gives no {field} here to translate",
                              what, field)
            else:
                self._value(original, field, value, fields[field], what, field, field_line)


def _items(cls: type, values: list[Any]) -> Iterator[tuple[int, Any, Step]]:
    """The records of a year's list with the step that names each: its key, or its position."""
    required = _required_key(cls)
    seen: dict[str, int] = {}
    for index, item in enumerate(values):
        identity: tuple[str, dict[str, str]] | None = None
        if required is not None:
            value = _scalar(item, required)
            if value is not None:
                identity = value, {required: value}
        else:
            try:
                identity = _identity(cls, item)
            except PeriodError:
                identity = None  # the year's loader says what is wrong with it
        if identity is None:
            yield index, item, Step(f"#{index + 1}", index=index)
            continue
        label, names = identity
        seen[label] = seen.get(label, 0) + 1
        occurrence = seen[label]
        shown = label if occurrence == 1 else f"{label}~{occurrence}"
        yield index, item, Step(shown, index=index, names=tuple(names.items()),
                                occurrence=occurrence)


def _title(value: dict[str, Any]) -> str | None:
    for key in ("title", "name", "heading", "label", "long"):
        found = _scalar(value, key)
        if found is not None:
            return found
    return None


def _line_of(value: Any, key: str, default: int | None) -> int | None:
    return value.key_line(key, default) if isinstance(value, LineMap) else default


class UntranslatedError(InputError):
    """A final build in a language whose texts are not all translated into it: `missing`
    says how many and where. Build with `allow_untranslated=True` (they stay as written,
    marked with their language) or `draft=True`."""

    def __init__(self, missing: MissingTranslations) -> None:
        self.missing = missing
        super().__init__(f"{missing}\nTranslate them (`jhareport translations export`, see "
                         "docs/translations.md), or build with --allow-untranslated (they stay "
                         "as written, marked as such) or --draft")


@attrs.frozen
class MissingTranslations:
    """What a year leaves untranslated in a language: its texts, by file (or by kind of record
    for records made in code), and the meanings of the acronyms its documents use."""

    year: int
    language: str  # fr, de…
    texts: tuple[tuple[str, str, str], ...]  # (file or kind, record, field)
    acronyms: tuple[str, ...] = ()  # glossary entries used whose meaning has no translation
    where: Path | None = None  # the year's translations into the language
    glossary: tuple[Path, ...] = ()  # where the glossary's translations go

    def __bool__(self) -> bool:
        return bool(self.texts or self.acronyms)

    def __str__(self) -> str:
        language = language_name(self.language)
        lines = []
        if self.texts:
            count = len(self.texts)
            where = f" in {self.where}" if self.where is not None else ""
            lines.append(f"{count} text{'s' if count != 1 else ''} of {self.year} "
                         f"{'have' if count != 1 else 'has'} no {language} translation{where}:")
            by_file: dict[str, dict[str, list[str]]] = {}
            for file, record, field in self.texts:
                by_file.setdefault(file, {}).setdefault(record, []).append(field)
            for file, records_of in by_file.items():
                shown = [f"{record} ({', '.join(fields)})" for record, fields
                         in list(records_of.items())[:4]]
                more = len(records_of) - len(shown)
                count = sum(len(fields) for fields in records_of.values())
                lines.append(f"  {file}: {count} — {'; '.join(shown)}"
                             + (f"; and {more} more record{'s' if more != 1 else ''}"
                                if more else ""))
        if self.acronyms:
            lines.append(self.acronyms_note())
        return "\n".join(lines)

    def acronyms_note(self) -> str:
        """What the list of acronyms lacks in the language."""
        count = len(self.acronyms)
        where = (" in " + ", ".join(str(p) for p in self.glossary)) if self.glossary else ""
        return (f"{count} acronym{'s' if count != 1 else ''} of the list of acronyms "
                f"{'have' if count != 1 else 'has'} no {language_name(self.language)} "
                f"meaning{where}: " + ", ".join(self.acronyms))


def language_name(language: str) -> str:
    """A language's name in English: French for fr."""
    from babel import Locale

    return str(Locale.parse(language).get_display_name("en") or language)


def marked_texts(records: records.YearRecords) -> Iterator[tuple[str, str, str]]:
    """The texts of records left in another language (`markup.language_of`), as (kind of
    record, record, field): what records made in code or loaded elsewhere leave untranslated.
    The glossary and the EMPACT plans are not the year's texts."""
    for attribute in attrs.fields(type(records)):
        if attribute.name in ("glossary", "action_plans"):
            continue
        kind = attribute.name.replace("_", " ")
        value = getattr(records, attribute.name)
        if isinstance(value, tuple):
            for index, item in enumerate(value):
                yield from _marked(item, kind, _record_label(item, index), "")
        else:
            yield from _marked(value, kind, kind, "")


def _marked(value: Any, kind: str, record: str, field: str) -> Iterator[tuple[str, str, str]]:
    """Within one record: a nested record's fields are named by their path (sessions[2].timeline)."""
    if isinstance(value, str | Markup):
        if language_of(value) is not None:
            yield kind, record, field
    elif attrs.has(type(value)):
        for attribute in attrs.fields(type(value)):
            if attribute.name not in NOT_TEXT:
                yield from _marked(getattr(value, attribute.name), kind, record,
                                   f"{field}.{attribute.name}" if field else attribute.name)
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _marked(item, kind, record, f"{field}[{index + 1}]")


def _record_label(value: Any, index: int) -> str:
    for key in ("id", "code", "number"):
        found = getattr(value, key, None)
        if isinstance(found, str) and found:
            return f"{_what(type(value))} {found!r}"
    return f"{_what(type(value))} #{index + 1}"
