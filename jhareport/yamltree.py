"""YAML files read into plain values that remember their lines, safely and fast.

libyaml's C parser (through PyYAML) gives the events of a file with their positions; this module
builds mappings and lists from them with an explicit stack, so that a value's line is known for
every error message, nesting depth is bounded (no recursion), aliases are refused (no
"billion laughs"), duplicate keys are reported, and dates stay the text they were written as. A
text may not hold a character that a Word document cannot (controls, lone surrogates): it is
reported with its line.

Most record files are a list of flat mappings (a scorecard's actions above all): `_records` reads
a file of that shape alone, line by line, twice as fast as the events can be had, and gives way to
the parser at the first thing it does not read exactly as libyaml does.
"""

from __future__ import annotations

import re
import sys
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.resolver import Resolver

__all__ = ["MAX_DEPTH", "LineList", "LineMap", "YamlProblem", "forbidden_character", "parse",
           "yaml_kind"]

MAX_DEPTH = 64

try:
    from yaml.cyaml import CParser as _PARSER
except ImportError:  # PyYAML built without libyaml: the pure-Python parser gives the same events
    _PARSER = None


class YamlProblem(ValueError):
    """A file that is not YAML this project reads; `line` counts from 1."""

    def __init__(self, message: str, line: int | None,
                 path: tuple[str | int, ...] = (), record: Any = None) -> None:
        super().__init__(message)
        self.line = line
        self.path = path  # the keys and indices leading to the value, when known
        self.record = record  # the top list's item holding it, as far as it was read
        self.syntax = False  # the parser's own refusal, in its words
        self.index: int | None = None  # the character where the parser refused, when known


class LineMap(dict[str, Any]):
    """A mapping of a YAML file, with the line of each key and of the mapping itself."""

    __slots__ = ("key_lines", "line")

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}

    def key_line(self, key: str, default: int | None = None) -> int | None:
        return self.key_lines.get(key, default)


class LineList(list[Any]):
    """A list of a YAML file, with the line of each item and of the list itself."""

    __slots__ = ("item_lines", "line")

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []

    def item_line(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


# C0 controls but tab, line feed and carriage return; DEL and C1 controls; lone surrogates; the
# two non-characters XML 1.0 excludes.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def forbidden_character(text: str) -> str | None:
    """The first character of `text` a document cannot hold, named (U+0007), or None."""
    found = _FORBIDDEN.search(text)
    return f"U+{ord(found.group(0)):04X}" if found else None


_RESOLVER = Resolver()
_CONSTRUCTOR = SafeConstructor()
_STR = "tag:yaml.org,2002:str"
_KEEP_AS_TEXT = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:binary"}


def _scalar(event: Any) -> Any:
    value: str = event.value
    tag = event.tag
    if tag is None or tag == "!":
        tag = _RESOLVER.resolve(yaml.ScalarNode, value, event.implicit)
    if tag == _STR or tag in _KEEP_AS_TEXT:
        return value
    node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
    try:
        return _CONSTRUCTOR.construct_object(node)
    except (ConstructorError, ValueError) as error:  # ValueError: an int of too many digits
        reason = (error.problem if isinstance(error, ConstructorError) else
                  f"a number of {len(value):,} digits, more than the {sys.get_int_max_str_digits():,} "
                  "a number may have")
        shown = repr(value[:40]) + ("…" if len(value) > 40 else "")
        raise YamlProblem(f"cannot read the value {shown}: {reason}",
                          event.start_mark.line + 1) from None


def parse(text: str) -> Any:
    """The one document of `text` as LineMap, LineList, str, int, float, bool or None.

    Raises YamlProblem with the line for invalid YAML, a second document, an alias, a duplicate
    key, nesting deeper than MAX_DEPTH, or a text with a character a document cannot hold.
    """
    records = _records(text)
    if records is not None:
        return records
    try:
        return _read(text, _PARSER)
    except YamlProblem as problem:
        if _PARSER is None or not problem.syntax:
            raise
        # libyaml's scanner reads ahead and refuses some input (deep nesting, in its own words and
        # at its own depth, which differ between releases) before the events reach our checks:
        # the pure-Python parser, on the text up to that place, finds the problem our checks name.
        end = text.find("\n", problem.index) if problem.index is not None else -1
        try:
            _read(text if end < 0 else text[:end], None)
        except YamlProblem as first:
            if not first.syntax or (first.line is not None and problem.line is not None
                                    and first.line < problem.line):
                raise first from None
        raise


def _read(text: str, parser_class: Any) -> Any:
    """`parse` with one parser: libyaml's (`parser_class`) or PyYAML's own (None).

    The loop runs once per event of the file, so it is written for speed: plain scalars are
    resolved once per distinct value, and texts are searched for forbidden characters only when
    the file holds one or the scalar is double-quoted (whose escapes can make any character).
    """
    stack: list[Any] = []
    pending_keys: list[str | None] = []
    result: Any = None
    documents = 0
    parser: Any = None
    # The file's own characters are searched once; a double-quoted scalar's escapes (\x07) can
    # still make a forbidden one, so those are always checked.
    check_all = parser_class is None or _FORBIDDEN.search(text) is not None
    resolved: dict[str, Any] = {}  # plain scalars: the value each distinct text stands for
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    top: Any = None  # the innermost mapping or list being read
    top_list = False
    try:
        parser = yaml.SafeLoader(text) if parser_class is None else parser_class(text)
        get_event = parser.get_event
        while True:
            event = get_event()
            if event is None:
                break
            kind = event.__class__
            if kind is scalar_event:
                value: Any = event.value
                tag = event.tag
                if tag is None or tag == "!":
                    if event.implicit[0]:  # a plain scalar: a number, true, null… or a text
                        known = resolved.get(value, resolved)
                        if known is resolved:
                            known = resolved[value] = _scalar(event)
                        value = known
                elif tag != _STR and tag not in _KEEP_AS_TEXT:
                    value = _scalar(event)
                if value.__class__ is str and (check_all or event.style == '"'):
                    bad = forbidden_character(value)
                    if bad:
                        path = _path(stack, pending_keys)
                        record = stack[1] if isinstance(stack[0], LineList) and len(stack) > 1 else None
                        raise YamlProblem(f"the character {bad} cannot stand in a document",
                                          event.start_mark.line + 1, path, record)
                if top_list:
                    top.append(value)
                    top.item_lines.append(event.start_mark.line + 1)
                elif top is not None:
                    key = pending_keys[-1]
                    if key is None:  # a key: its line is the line of its value
                        _add(top, pending_keys, value, event.start_mark.line + 1)
                    else:
                        top[key] = value
                        pending_keys[-1] = None
            elif kind is mapping_start or kind is sequence_start:
                line = event.start_mark.line + 1
                if len(stack) >= MAX_DEPTH:
                    raise YamlProblem(f"nested more than {MAX_DEPTH} levels deep", line)
                container: Any = LineMap(line) if kind is mapping_start else LineList(line)
                if top_list:
                    top.append(container)
                    top.item_lines.append(line)
                elif top is not None:
                    _add(top, pending_keys, container, line)
                stack.append(container)
                pending_keys.append(None)
                top, top_list = container, kind is sequence_start
            elif kind is mapping_end or kind is sequence_end:
                done = stack.pop()
                pending_keys.pop()
                if stack:
                    top = stack[-1]
                    top_list = top.__class__ is LineList
                else:
                    top, top_list, result = None, False, done
            elif kind is alias_event:
                raise YamlProblem("aliases (*name) are not supported: write the value out",
                                  event.start_mark.line + 1)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise YamlProblem("a second document (---): a file holds one",
                                      event.start_mark.line + 1)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = YamlProblem(_syntax_message(text, mark, error.problem),
                              mark.line + 1 if mark else None)
        problem.syntax, problem.index = True, mark.index if mark else None
        raise problem from None
    except yaml.YAMLError as error:  # the reader's: a character YAML does not allow
        position = getattr(error, "position", None)
        line = text.count("\n", 0, position) + 1 if isinstance(position, int) else None
        character = getattr(error, "character", None)
        if isinstance(character, int):
            character = chr(character)
        if isinstance(character, str) and len(character) == 1:
            raise YamlProblem(f"the character U+{ord(character):04X} cannot stand in a document",
                              line) from None
        raise YamlProblem(f"not valid YAML: {getattr(error, 'reason', None) or error}",
                          line) from None
    finally:
        dispose = getattr(parser, "dispose", None) if parser is not None else None
        if dispose is not None:
            dispose()
    if not stack and result is None and documents:
        return _lone_scalar(text)
    return result


# The shape most record files have, read line by line without the parser's events: a list of
# mappings, one key per line, each value a plain, quoted or literal (|) text or a flow list of
# plain names. `_records` reads a file of that shape alone; at anything else (a nested mapping, a
# comment after a value, a tab, an escape, a duplicate key, a value that is not a text…) it gives
# up, and the parser reads the file, so that both give the same values, lines and errors.
_OUTSIDE = re.compile("[\x00-\x08\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\ufeff"
                      "\ufffe\uffff]")
# A key and its value, after the file's empty lines and comments before it: a literal text is
# indented by 4 spaces (and ends at the first line that is not), any other value is on the line.
_ENTRY = re.compile(r"(?:(?:#[^\n]*+)?\n)*+(- |  )([A-Za-z_][A-Za-z0-9_]*+): +"
                    r"(?:\|\n((?:    [^\n]*+\n|\n)*+)|([^\n]++)\n)")
_END = re.compile(r"(?:(?:#[^\n]*+)?\n)*+")
_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`](?:[^:#\s]|:(?! )|(?<! )#| (?! ))*+(?<![: ])")
_DOUBLE = re.compile(r'"([^"\\]*+)"')
_SINGLE = re.compile(r"'((?:[^']|'')*+)'")
_FLOW = re.compile(r"\[([^\[\]{}#:'\"]*+)\]")
_FLOW_ITEM = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_./()-]| (?! ))*+")


def _records(text: str) -> LineList | None:
    """A list of flat mappings read by `_ENTRY`, or None for any other file."""
    if not text.endswith("\n") or "\r" in text or _OUTSIDE.search(text) is not None:
        return None
    resolved: dict[str, Any] = {}  # the keys and plain values read, by their text
    flows: dict[str, tuple[str, ...] | None] = {}  # the flow lists read, by their text
    top: LineList | None = None
    item: LineMap | None = None
    count = text.count
    position = 0  # where the entries read so far end
    line, counted = 1, 0  # the line of the character `counted`
    lines: dict[str, int] = {}
    value: Any
    entry = _ENTRY.match  # anchored where the last entry ended: each character is read once
    end = len(text)
    while position < end:
        found = entry(text, position)
        if found is None:
            break
        start, key, block, rest = found.groups()
        at = found.start(1)
        line += count("\n", counted, at)
        counted = at
        if start == "- ":
            if top is None:
                top = LineList(line)
            item = LineMap(line)
            lines = item.key_lines
            top.append(item)
            top.item_lines.append(line)
        elif item is None:
            return None
        known = resolved.get(key)
        if known is None:
            known = resolved[key] = _plain_text(key)
            if known is None:
                return None
        key = known
        if key in item:
            return None
        if block is not None:  # its first line sets the indentation, 4, and it has no other
            if not block or block[0] == "\n" or block[4] == " " or " \n" in block:
                return None
            value = block[4:].replace("\n    ", "\n").rstrip("\n") + "\n"
        else:
            first = rest[0]
            if first == '"':
                quoted = _DOUBLE.fullmatch(rest)
                if quoted is None:
                    return None
                value = quoted.group(1)
            elif first == "'":
                quoted = _SINGLE.fullmatch(rest)
                if quoted is None:
                    return None
                value = quoted.group(1).replace("''", "'")
            elif first == "[":
                listed = flows.get(rest)
                if listed is None:
                    listed = flows[rest] = _flow_names(rest)
                    if listed is None:
                        return None
                value = LineList(line)
                value.extend(listed)
                value.item_lines = [line] * len(listed)
            else:
                known = resolved.get(rest)
                if known is None:
                    if _PLAIN.fullmatch(rest) is None:
                        return None
                    known = resolved[rest] = _plain_text(rest)
                    if known is None:
                        return None
                value = known
        item[key] = value
        lines[key] = line
        position = found.end()
    if _END.match(text, position).end() != end:  # type: ignore[union-attr]
        return None
    return top


def _flow_names(rest: str) -> tuple[str, ...] | None:
    """The names of a flow list ([EUROPOL, FRA]) when each is a plain text."""
    flow = _FLOW.fullmatch(rest)
    if flow is None:
        return None
    inside = flow.group(1)
    if not inside.strip(" "):
        return () if not inside else None
    names = []
    for name in inside.split(","):
        name = name.strip(" ")
        if _FLOW_ITEM.fullmatch(name) is None or _plain_text(name) is None:
            return None
        names.append(name)
    return tuple(names)


def _plain_text(value: str) -> str | None:
    """A plain scalar's text, when YAML reads it as a text (not a number, true, null…)."""
    return value if _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == _STR else None


def _syntax_message(text: str, mark: Any, problem: str | None) -> str:
    """What is wrong where the parser stopped: in our words for the mistake met most (a tab in
    the indentation, which YAML forbids), else the parser's own after ours, as they vary between
    parsers and releases."""
    if mark is not None:
        start = text.rfind("\n", 0, mark.index) + 1
        end = text.find("\n", mark.index)
        line = text[start:] if end < 0 else text[start:end]
        indentation = line[:len(line) - len(line.lstrip(" \t"))]
        if "\t" in indentation:
            return "not valid YAML: a tab in the indentation (YAML indents with spaces only)"
    return f"not valid YAML: {problem or 'the parser stopped here'}"


def _lone_scalar(text: str) -> Any:
    """A document that is one scalar (or empty): what PyYAML's safe loader makes of it."""
    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None


def _path(stack: list[Any], pending_keys: list[str | None]) -> tuple[str | int, ...]:
    """The keys and indices that lead to the value being read."""
    path: list[str | int] = []
    for depth, container in enumerate(stack):
        innermost = depth == len(stack) - 1
        if isinstance(container, LineList):
            path.append(len(container) if innermost else len(container) - 1)
        elif pending_keys[depth] is not None:
            path.append(str(pending_keys[depth]))
    return tuple(path)


def _add(top: LineMap, pending_keys: list[str | None], value: Any, line: int) -> None:
    """A key or a value into the mapping being read."""
    key = pending_keys[-1]
    if key is None:
        if isinstance(value, LineMap | LineList):
            raise YamlProblem("a mapping or list cannot be a key", line)
        text = value if isinstance(value, str) else ("null" if value is None else str(value))
        if text in top:
            raise YamlProblem(f"the key {text!r} appears twice in one mapping "
                              f"(first at line {top.key_lines[text]})", line)
        top.key_lines[text] = line
        pending_keys[-1] = text
        return
    top[key] = value
    pending_keys[-1] = None


def yaml_kind(value: Any) -> str:
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
