"""A year's own translations of its texts laid over the YAML of its files.

`translations/<language>/` beside a year's files holds files named as the year's, shaped as
them, with only the texts they translate. Each translated text replaces the year's in the YAML
read from the year's file, before its records are built, so the records are checked as
always; the translations are checked here first, each problem naming the translation file and
its line. Records in lists are matched by their id (the scorecard's parts by code, areas and
fields by number), other records by their position.
"""

from __future__ import annotations

import functools
import re
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any, Union, get_args, get_origin

import attrs

from . import records
from .checks import Problem, closest
from .markup import Markup, MarkupError
from .records import ScorecardArea, ScorecardField, ScorecardPart, Signatory
from .yamltree import LineList, LineMap, yaml_kind

__all__ = ["NOT_TEXT", "Kind", "Overlay", "text_fields"]

NOT_TEXT = frozenset({"id", "group", "topic", "select", "cooperation", "source", "field",
                      "number", "code", "part", "council_presidencies", "not_acronyms", "annex",
                      "file"})
"""Fields typed as texts that are no texts to translate: ids, references to other records,
states named in English (the build names them through Babel)."""

# A person's name is not translated.
_NOT_TEXT_OF: dict[type, frozenset[str]] = {Signatory: frozenset({"name"})}
_RECORDS = records.__name__
_LETTER = re.compile(r"[^\W\d_]")
_KEYS: dict[type, str] = {ScorecardPart: "code", ScorecardArea: "number", ScorecardField: "number"}

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
    found = {}
    for name, hint in _hints(cls).items():
        kind = None if name in skip else _kind(hint)
        if kind is not None:
            found[name] = kind
    return found


def _key(cls: type) -> str | None:
    """The field that identifies a record of a list, or None: matched by position."""
    if cls in _KEYS:
        return _KEYS[cls]
    hint = _hints(cls).get("id")
    return "id" if hint is str else None


def _what(cls: type) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", " ", cls.__name__).lower()


def _name(what: str, item: Any, index: int) -> str:
    if isinstance(item, dict):
        for key in ("id", "code", "number", "heading"):
            value = item.get(key)
            if isinstance(value, str | int | float) and not isinstance(value, bool):
                return f"{what} {str(value)!r}"
    return f"{what} #{index + 1}"



@attrs.define
class Overlay:
    """Translations laid over the YAML of one of the year's files.

    `problems` are the translation's, `texts` counts the texts of the year's file and
    `translated` those a translation gave (or `known` says read in the language anyway)."""

    file: Path
    known: Callable[[type, str, str], bool] = lambda cls, field, text: False
    problems: list[Problem] = attrs.Factory(list)
    texts: int = 0
    translated: int = 0
    _replaced: set[tuple[int, str | int]] = attrs.Factory(set)

    def lay(self, original: Any, given: Any, kind: Kind, what: str) -> None:
        """Lay `given` (the translation file's YAML) over `original` (the year file's)."""
        if given is not None:  # an empty file translates nothing
            self._value(original, None, given, kind, what, None, 1)
        self._count(original, kind, None, "")

    def _problem(self, line: int | None, message: str, record: str | None = None,
                 field: str | None = None) -> None:
        self.problems.append(Problem(self.file, line, message, record, field))

    def _value(self, holder: Any, key: str | int | None, given: Any, kind: Kind, what: str,
               field: str | None, line: int | None) -> None:
        """Lay `given` over `holder[key]` (over `holder` itself when `key` is None)."""
        original = holder if key is None else holder[key]
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
        if key is not None:
            holder[key] = text
            self._replaced.add((id(holder), key))

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
        key = _key(cls)
        if key is None:
            for index, item in enumerate(given):
                item_line = given.item_line(index)
                if item is None or item == {}:
                    continue  # left empty: the year's texts stay
                if index >= len(original):
                    self._problem(item_line, f"the year has {len(original)} {item_what} "
                                  f"record{'s' if len(original) != 1 else ''} here; this is "
                                  f"number {index + 1} (records without ids are matched by "
                                  "position: write {} for one left as it is)",
                                  _name(item_what, item, index))
                    continue
                self._record(original[index], item, cls,
                             _name(item_what, original[index], index), item_line)
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
            self._record(original[index_of[value]], item, cls, name, item_line, skip=key)

    def _record(self, original: Any, given: Any, cls: type, what: str, line: int | None,
                skip: str | None = None) -> None:
        if given is None:
            return
        if not isinstance(given, LineMap):
            self._problem(line, f"expected a mapping of texts, got {yaml_kind(given)}", what)
            return
        fields = text_fields(cls)
        every = _hints(cls)
        for field, value in given.items():
            if field == skip:
                continue
            field_line = given.key_line(field, line)
            if field not in every:
                self._problem(field_line, f"unknown field {field!r}"
                              + closest(field, list(fields)), what, field)
            elif field not in fields:
                shown = ", ".join(fields) or "none"
                self._problem(field_line, f"{field!r} is no text: only texts are translated "
                              f"(here: {shown})", what, field)
            elif not isinstance(original, dict) or original.get(field) in (None, ""):
                self._problem(field_line, f"the year gives no {field} here to translate",
                              what, field)
            else:
                self._value(original, field, value, fields[field], what, field, field_line)

    def _count(self, value: Any, kind: Kind, holder: tuple[int, str | int, type, str] | None,
               field: str) -> None:
        """Count the year's texts, and those translated."""
        if isinstance(kind, str):
            if isinstance(value, str) and _LETTER.search(value):  # "12" needs no translation
                self.texts += 1
                if holder is not None and ((holder[0], holder[1]) in self._replaced
                                           or self.known(holder[2], field, str(value))):
                    self.translated += 1
            return
        if kind[0] == "record" and isinstance(value, dict):
            for name, inner in text_fields(kind[1]).items():
                if name in value:
                    self._count(value[name], inner, (id(value), name, kind[1], name), name)
        elif kind[0] == "records" and isinstance(value, list):
            for item in value:
                self._count(item, ("record", kind[1]), None, field)
        elif kind[0] == "texts" and isinstance(value, list) and holder is not None:
            for index, item in enumerate(value):
                self._count(item, kind[1], (id(value), index, holder[2], field), field)
