"""A year's folder of YAML files turned into records, with every problem reported at once.

Each problem names the file, the line, the record and the field, so that whoever keeps the
fixtures can mend them without reading a traceback.
"""

from __future__ import annotations

import functools
import os
import stat
import types
import typing
from collections.abc import Callable, Iterator, Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar, Union, get_args, get_origin

import attrs
from attrs import frozen
from babel import Locale, UnknownLocaleError

from . import pictures
from ._gc import collector_paused
from .agencies import REGISTRY, Actor, Agency
from .checks import KINDS as _KINDS
from .checks import Problem, closest, record_problems
from .errors import InputError
from .files import folder_problem
from .i18n import SPOKEN, translate
from .markup import Markup, MarkupError, Untranslated, to_markup
from .messages import shortened, shown_list
from .periods import Period, StateOfPlay, parse_period, parse_state, reader_locale
from .records import (
    Acronym,
    Conclusions,
    FieldError,
    Figure,
    Highlight,
    Meeting,
    NetworkProduct,
    NetworkYear,
    OperationalActionPlan,
    OtherActivity,
    Picture,
    Priority,
    PriorityArea,
    Scorecard,
    ScorecardAction,
    ScorecardArea,
    ScorecardField,
    ScorecardPart,
    Section,
    SectionContent,
    Table,
    ThematicEvent,
    TimelineEntry,
    WorkingGroup,
    YearRecords,
    _actors,
    _agencies,
)
from .translations import SOURCE_LANGUAGE, Kind, Overlay, Text
from .yamltree import LineList, LineMap, YamlProblem, parse, yaml_kind

if TYPE_CHECKING:
    import cattrs

__all__ = ["SOURCES_FILE", "TRANSLATIONS", "LoadError", "Problem", "YearTexts", "load_year",
           "load_year_and_notes", "load_year_and_texts", "unsupported_locale"]

T = TypeVar("T")


@frozen
class _Entry(Generic[T]):
    """One record of a file: its mapping as the YAML gave it, and the record built from it.

    `record` is None when the mapping could not be structured; `faulty` names the top-level
    fields a problem was already reported on, so that the checks across records, which read
    `raw`, do not report a second problem on them.
    """

    raw: Any
    line: int | None
    name: str
    record: T | None
    faulty: frozenset[str] = frozenset()


def _built(entries: Sequence[_Entry[T]]) -> list[tuple[T, int | None]]:
    return [(e.record, e.line) for e in entries if e.record is not None]


def _scalar(raw: Any, key: str) -> str | None:
    """A field of a record's mapping as the text it is structured to, if it is one."""
    if not isinstance(raw, dict) or key not in raw:
        return None
    value = raw[key]
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    return str(value)


def _key_line(raw: Any, key: str, default: int | None) -> int | None:
    """The line (from 1) of a field of a record's mapping, or `default`."""
    if isinstance(raw, LineMap):
        return raw.key_line(key, default)
    return default


class LoadError(InputError):
    """A year's folder that cannot be read; `problems` lists everything wrong in it."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(attrs.evolve(
            p, message=shortened(p.message, 80), record=p.record and shortened(p.record, 80),
            field=p.field and shortened(p.field, 80)) for p in problems)
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
    "priority-areas.yaml": ("priority_areas", PriorityArea, "priority area"),
    "tables.yaml": ("tables", Table, "table"),
    "figures.yaml": ("figures", Figure, "figure"),
}
_OUTLINE_FILE = "outline.yaml"
_CONCLUSIONS_FILE = "conclusions.yaml"
_YEAR_FILE = "year.yaml"
_ACRONYMS_FILE = "acronyms.yaml"
_KNOWN = (_YEAR_FILE, *_LISTS, _OUTLINE_FILE, _CONCLUSIONS_FILE, "scorecard/", _ACRONYMS_FILE)
# Keys of year.yaml that point to other files rather than describe the year.
_LINKS = ("glossary", "empact")


class _Structurer:
    """Records built from YAML values, with the project's reading of each kind of value.

    Most records are right: they are built straight from their mappings, each field read by its
    type's hook, which stops at the first error. Only a record that fails is built again by
    cattrs' detailed converter (loaded then), which reports each of its problems with its place;
    both read values with the same hooks. Texts, states of play, dates and lists of agencies
    recur across a year's records (the scorecard's states and agencies above all): each
    distinct one is read once per load.
    """

    def __init__(self, default_year: int | None, folder: Path) -> None:
        self.default_year = default_year
        self.folder = folder  # where the year's pictures are read from
        self._values = self._value_hooks()
        self._records: dict[type, Callable[[Any], Any]] = {}
        self._detailed: cattrs.Converter | None = None

    def structure(self, data: Any, cls: type[T]) -> T:
        try:
            return self._record(cls)(data)  # type: ignore[no-any-return]
        except Exception:  # said in full, with every problem's place, by the detailed converter
            if self._detailed is None:
                self._detailed = self._converter()
            return self._detailed.structure(data, cls)

    def _record(self, cls: type) -> Callable[[Any], Any]:
        """What builds a record of `cls` from its mapping; unknown and missing fields raise."""
        build = self._records.get(cls)
        if build is None:
            hints = typing.get_type_hints(cls)
            hooks = {a.alias: self._hook(hints[a.name]) for a in attrs.fields(cls) if a.init}

            def build(data: Any) -> Any:
                return cls(**{name: hooks[name](value) for name, value in data.items()})

            self._records[cls] = build
        return build

    def _hook(self, hint: Any) -> Callable[[Any], Any]:
        """What reads a YAML value as `hint`, as the detailed converter's hooks read it."""
        if hint in self._values:
            return self._values[hint]
        if get_origin(hint) in (Union, types.UnionType):
            options = [a for a in get_args(hint) if a is not type(None)]
            if len(options) == 1 and len(get_args(hint)) == 2:
                inner = self._hook(options[0])
                return lambda value: None if value is None else inner(value)
        elif get_origin(hint) is tuple and len(get_args(hint)) == 2 and get_args(hint)[1] is ...:
            item = self._hook(get_args(hint)[0])

            def items(value: Any) -> tuple[Any, ...]:
                if not isinstance(value, list):
                    raise ValueError(f"expected a list, got {yaml_kind(value)}")
                return tuple([item(v) for v in value])

            return items
        elif isinstance(hint, type) and issubclass(hint, Enum):
            return hint
        elif attrs.has(hint):  # looked up when used: a section holds sections
            return lambda value: self._record(hint)(value)
        raise TypeError(f"no hook for {hint!r}")

    def _value_hooks(self) -> dict[Any, Callable[[Any], Any]]:
        """The reading of each kind of value that YAML gives as a text, a number or a list."""
        default_year = self.default_year
        cache: dict[tuple[Any, Any], Any] = {}

        def once(kind: Any, read: Callable[[Any], Any]) -> Callable[[Any], Any]:
            """`read`, run once per distinct value of the load (its result is frozen data)."""

            def cached(value: Any) -> Any:
                key = (kind, value)
                found = cache.get(key, cache)
                if found is cache:
                    found = cache[key] = read(value)
                return found

            return cached

        def text(what: str) -> Callable[[Any], str]:
            def text_only(value: Any) -> str:
                if isinstance(value, str):  # an Untranslated text keeps its language
                    return value
                if not isinstance(value, str | int | float) or isinstance(value, bool):
                    raise ValueError(f"expected {what}, got {yaml_kind(value)}")
                return str(value)

            return text_only

        def names(resolve: Callable[[list[str]], Any]) -> Callable[[Any], Any]:
            name = text("a name")

            def listed(value: Any) -> tuple[str, ...]:
                if isinstance(value, str):
                    return (value,)
                if not isinstance(value, list):
                    raise ValueError(f"expected a list of names, got {yaml_kind(value)}")
                return tuple([name(v) for v in value])

            resolved = once(resolve, lambda given: resolve(list(given)))
            return lambda value: resolved(listed(value))

        def whole_number(value: Any) -> int:
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(f"expected a whole number, got {yaml_kind(value)}")
            return value

        def flag(value: Any) -> bool:
            if not isinstance(value, bool):
                raise ValueError(f"expected true or false, got {yaml_kind(value)}")
            return value

        section_content = text("what the section holds")

        def content(value: Any) -> SectionContent:
            given = section_content(value)
            try:
                return SectionContent(given)
            except ValueError:
                known = [c.value for c in SectionContent]
                raise ValueError(f"a section cannot hold {given!r}" + closest(given, known)) from None

        markup = once(Markup, Markup.parse)

        def after(read: Callable[[Any], str], then: Callable[[str], Any]) -> Callable[[Any], Any]:
            return lambda value: then(read(value))

        def rich(given: str) -> Markup:
            if isinstance(given, Untranslated):  # its language goes with it: not shared
                return to_markup(given)
            # by the text the Markup keeps, so that the cache holds no second copy of each
            parsed: Markup = markup(given.strip("\n"))
            return parsed

        folder = self.folder
        plain = text("a text")

        def picture(value: Any) -> Picture:
            if not isinstance(value, dict):
                raise ValueError(f"expected a mapping with file and alt, got {yaml_kind(value)}")
            unknown = sorted(str(key) for key in value if key not in ("file", "alt"))
            if unknown:
                raise ValueError(f"unknown field {unknown[0]!r} (a picture has file and alt)")
            if "file" not in value or "alt" not in value:
                raise ValueError(f"missing field {'file' if 'file' not in value else 'alt'!r}: a "
                                 "picture has file and alt (what it shows, for readers who cannot "
                                 "see it)")
            name = text("the picture's file")(value["file"])
            data = _picture_bytes(folder, name)
            try:
                return Picture(data, plain(value["alt"]), name)
            except FieldError as error:
                raise ValueError(f"the picture {name!r}: {error}") from None

        return {
            str: plain,
            Markup: after(plain, rich),
            Picture: picture,
            Period: after(text("a date"), once(Period, lambda given: parse_period(given, None))),
            StateOfPlay: after(text("a state of play"),
                               once(StateOfPlay, lambda given: parse_state(given, default_year))),
            Agency: after(text("an agency"), once(Agency, REGISTRY.agency)),
            Actor: after(text("a name"), once(Actor, REGISTRY.resolve)),
            tuple[Agency, ...]: names(_agencies),
            tuple[Actor, ...]: names(_actors),
            int: whole_number,
            bool: flag,
            SectionContent: content,
        }

    def _converter(self) -> cattrs.Converter:
        """cattrs' detailed converter, reading values with the same hooks."""
        import cattrs

        converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
        for kind, hook in self._values.items():
            if isinstance(kind, type):
                converter.register_structure_hook(kind, _ignoring_type(hook))
            else:  # the agencies' union and tuples
                converter.register_structure_hook_func(_same(kind), _ignoring_type(hook))

        def list_only(value: Any, kind: Any) -> Any:
            if not isinstance(value, list):
                raise ValueError(f"expected a list, got {yaml_kind(value)}")
            return converter._structure_tuple(value, kind)

        converter.register_structure_hook_func(_plain_tuple, list_only)
        return converter


def _ignoring_type(hook: Callable[[Any], Any]) -> Callable[[Any, Any], Any]:
    """A hook as cattrs calls it, with the type to structure to."""
    return lambda value, _: hook(value)


def _same(kind: Any) -> Callable[[Any], bool]:
    return lambda hint: bool(hint == kind)


def _picture_bytes(folder: Path, name: str) -> bytes:
    """The bytes of a picture the year names: a regular file inside the year's folder only, of
    `pictures.MAX_PICTURE_BYTES` at most; ValueError says why not."""
    path = Path(os.path.normpath(folder / name))
    reason = _unreadable(path, [folder.resolve()])
    if reason and reason.startswith("leads outside the fixtures"):
        reason = "outside the year's folder (a year's pictures are read from its own folder)"
    elif (reason is None or reason.startswith("too large")) \
            and path.stat().st_size > pictures.MAX_PICTURE_BYTES:
        reason = (f"too large ({path.stat().st_size / 1e6:.1f} MB): a picture may hold "
                  f"{pictures.MAX_PICTURE_BYTES // (1024 * 1024)} MB at most")
    if reason:
        raise ValueError(f"the picture {name!r}: {reason}")
    try:
        return path.read_bytes()
    except OSError as error:
        raise ValueError(f"the picture {name!r}: cannot be read: {error.strerror or error}") from None


def _plain_tuple(kind: Any) -> bool:
    """A tuple of records or texts, as opposed to the agencies' tuples with their own hooks."""
    origin: Any = get_origin(kind)
    return origin is tuple and kind not in (tuple[Agency, ...], tuple[Actor, ...])


MAX_FILE_BYTES = 32 * 1024 * 1024
"""The largest fixture file read (some 70,000 scorecard actions): a larger scorecard is spread
over several files of `scorecard/`."""


def _unreadable(path: Path, roots: Sequence[Path]) -> str | None:
    """Why a fixture file may not be read, or None."""
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError:
        return ("a symbolic link to nothing" if os.path.islink(path) else "no such file")
    except (OSError, RuntimeError) as error:
        return f"cannot be read: {error}"
    if not any(target == root or target.is_relative_to(root) for root in roots):
        return ("leads outside the fixtures: only files in the year's folder and the fixtures "
                "folder above it are read")
    try:
        status = target.stat()
    except OSError as error:
        return f"cannot be read: {error.strerror or error}"
    if not stat.S_ISREG(status.st_mode):
        return "not a regular file"
    if status.st_size > MAX_FILE_BYTES:
        return (f"too large ({status.st_size / 1e6:.0f} MB): a fixture file may hold "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MB at most")
    return None


class _Reader:
    """Reads the files of one folder, collecting problems instead of stopping at the first.

    Only regular files inside `roots` (the year's folder and the fixtures folder above it) are
    read, of at most MAX_FILE_BYTES: a symbolic link that leads elsewhere, a FIFO or a device is
    refused, naming the path."""

    def __init__(self, roots: Sequence[Path], translations: _Translations | None = None) -> None:
        self.problems: list[Problem] = []
        self.roots = [root.resolve() for root in roots]
        self.translations = translations

    def readable(self, path: Path) -> bool:
        """Whether `path` may be read; if not, the reason is a problem."""
        reason = _unreadable(path, self.roots)
        if reason:
            self.problems.append(Problem(path, None, reason))
        return reason is None

    def read(self, path: Path, what: str | None = None) -> Any:
        """The YAML of a file, with the texts the year's translations give laid over it."""
        data = self.parse(path, what)
        if data is not None and self.translations is not None:
            self.translations.lay(self, path, data)
        return data

    def parse(self, path: Path, what: str | None = None) -> Any:
        if not self.readable(path):
            return None
        try:
            data = path.read_bytes()
        except OSError as error:
            self.problems.append(Problem(path, None, f"cannot be read: {error.strerror or error}"))
            return None
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            self.problems.append(Problem(path, line, "not UTF-8 text: save the file as UTF-8"))
            return None
        try:
            return parse(text)
        except YamlProblem as error:
            record = field = None
            if error.path and isinstance(error.path[0], int):
                record = _record_name(what or "record", error.record, error.path[0])
                field = _dotted(error.path[1:]) or None
            elif error.path:
                field = _dotted(error.path) or None
            self.problems.append(Problem(path, error.line, str(error), record, field))
        return None

    def structure(self, path: Path, data: Any, cls: type[T], converter: _Structurer,
                  record: str, line: int | None = None) -> T | None:
        return self.entry(path, data, cls, converter, record, line).record

    def entry(self, path: Path, data: Any, cls: type[T], converter: _Structurer,
              record: str, line: int | None = None) -> _Entry[T]:
        """The record built from `data`, or None with every problem of it reported."""
        try:
            return _Entry(data, line, record, converter.structure(data, cls))
        except Exception as error:  # every error of the record is reported, with its place
            faulty = set()
            for steps, leaf in _leaves(error, ()):
                self.problems.append(Problem(
                    path, _line(data, steps) or line, _message(leaf), record,
                    _dotted(steps) or None))
                if steps and isinstance(steps[0], str):
                    faulty.add(steps[0])
            return _Entry(data, line, record, None, frozenset(faulty))

    def records(self, path: Path, cls: type[T], converter: _Structurer,
                what: str) -> list[_Entry[T]] | None:
        """The records of a file, built or not; None when the file is no list of records."""
        data = self.read(path, what)
        if data is None:
            return None
        if not isinstance(data, LineList):
            self.problems.append(Problem(path, 1, f"expected a list of {what} records"))
            return None
        return self.entries(path, data, cls, converter, what)

    def entries(self, path: Path, items: LineList, cls: type[T], converter: _Structurer,
                what: str) -> list[_Entry[T]]:
        found: list[_Entry[T]] = []
        for index, item in enumerate(items):
            line = items.item_line(index)
            name = _record_name(what, item, index)
            if not isinstance(item, LineMap):
                self.problems.append(Problem(path, line, "expected a mapping of fields", name))
                continue
            found.append(self.entry(path, item, cls, converter, name, line))
        return found


def _record_name(what: str, item: Any, index: int) -> str:
    if isinstance(item, dict):
        for key in ("id", "reference", "short", "label", "number", "code", "heading", "holds"):
            if key in item and isinstance(item[key], str | int | float):
                return f"{what} {str(item[key])!r}"
    return f"{what} #{index + 1}"


def _leaves(error: BaseException,
            steps: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], BaseException]]:
    """Each elementary error of a cattrs error tree, with the path of fields that leads to it."""
    from cattrs.errors import (
        AttributeValidationNote,
        ForbiddenExtraKeysError,
        IterableValidationNote,
    )

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
            if isinstance(node, LineMap) and isinstance(step, str) and step in node:
                line = node.key_line(step, line)
                node = node[step]
            elif isinstance(node, LineList) and isinstance(step, int) and step < len(node):
                line = node.item_line(step)
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


def _duplicates(reader: _Reader, path: Path, entries: Sequence[_Entry[Any]], key: str,
                what: str) -> None:
    """Records with the same `key`, read from the YAML whether the records were built or not."""
    seen: dict[str, int | None] = {}
    for entry in entries:
        value = _scalar(entry.raw, key)
        if value is None:
            continue
        if value in seen:
            first = f" (first at line {seen[value]})" if seen[value] else ""
            reader.problems.append(Problem(path, entry.line, f"duplicate {what} {value!r}{first}"))
        else:
            seen[value] = entry.line


def _unknown(reader: _Reader, path: Path, entries: Sequence[_Entry[Any]], key: str,
             known: Sequence[str] | None, message: Callable[[str], str],
             value_of: Callable[[str], str] = lambda value: value) -> None:
    """Records whose `key` names nothing in `known`, read from the YAML whether the records were
    built or not. Nothing is checked when `known` could not be read, nor a field that already
    has a problem."""
    if known is None:
        return
    names = set(known)
    for entry in entries:
        value = _scalar(entry.raw, key)
        if value is None or key in entry.faulty or value_of(value) in names:
            continue
        reader.problems.append(Problem(path, _key_line(entry.raw, key, entry.line),
                                       message(value), entry.name, key))


def _keys(entries: Sequence[_Entry[Any]] | None, key: str) -> list[str] | None:
    """The values of `key` in every record of a list, or None when the list could not be read."""
    if entries is None:
        return None
    return [v for v in (_scalar(e.raw, key) for e in entries) if v is not None]


TRANSLATIONS = "translations"
"""The folder of a year's own translations of its texts: `translations/<language>/`."""

SOURCES_FILE = "translated-from.yaml"
"""The file of `translations/<language>/` that `translations import` keeps: the English each
translation was made from, so that an export marks those whose English changed since."""


def _translatable(name: str) -> tuple[Kind, str] | None:
    """What a file of the year holds, for those whose texts a translation may give."""
    if name == _YEAR_FILE:
        return ("record", NetworkYear), "year"
    if name in _LISTS:
        _, cls, what = _LISTS[name]
        return ("records", cls), what
    if name == _OUTLINE_FILE:
        return ("records", Section), "section"
    if name == _CONCLUSIONS_FILE:
        return ("record", Conclusions), "conclusions"
    if name == _ACRONYMS_FILE:
        return ("records", Acronym), "acronym"
    if name == "scorecard/structure.yaml":
        return ("record", Scorecard), "scorecard"
    if name.startswith("scorecard/") and name.count("/") == 1 and name.endswith(".yaml"):
        return ("records", ScorecardAction), "action"
    return None


@frozen
class YearTexts:
    """Every text of a year and of its glossary, with the translations into one language the
    year gives (`translations/<language>/`, and the glossary's beside it)."""

    folder: Path
    language: str  # fr, de…
    root: Path  # the year's translations into the language
    texts: tuple[Text, ...]
    glossaries: tuple[Path, ...] = ()  # the glossary files year.yaml links to

    @property
    def glossary_translations(self) -> tuple[Path, ...]:
        """Where the translations of the glossaries' meanings stand."""
        return tuple(path.parent / TRANSLATIONS / self.language / path.name
                     for path in self.glossaries)

    @property
    def missing(self) -> tuple[Text, ...]:
        """The year's texts (not its glossary's) that have no translation."""
        return tuple(t for t in self.texts if not (t.translated or t.optional)
                     and t.cls is not Acronym)

    def note(self, year: int) -> str | None:
        """What the year's texts lack in the language, if anything."""
        texts = [t for t in self.texts if not t.optional and t.cls is not Acronym]
        missing = len(self.missing)
        if not missing:
            return None
        language = Locale.parse(self.language).get_display_name("en")
        verb = "has" if missing == 1 else "have"
        return (f"{missing} of {len(texts)} texts of {year} {verb} no {language} translation in "
                f"{self.root}: they stay as written")


_NOTES = (".md", ".txt")
"""Files of a language's translations that are notes for the reader (README.md), not
translations."""


class _Translations:
    """The year's translations into one language, laid over its files as the reader reads
    them; the files of the year's folder are the only ones translated, with the glossary files
    year.yaml links to (their translations stand beside them, in their own `translations/`)."""

    def __init__(self, folder: Path, language: str, locale: str) -> None:
        self.folder = folder
        self.language = language
        self.root = folder / TRANSLATIONS / language
        self.overlays: list[Overlay] = []
        self.files: list[str] = []  # the year's files that a translation may translate
        self.used: set[str] = set()
        self.glossaries: set[Path] = set()

        def known(cls: type, field: str, text: str) -> bool:
            # The standard outline's headings read in the language through the catalogs, and
            # a place that is only countries names them in the language through Babel.
            if cls is Section and field == "heading":
                return translate(text, locale) != text
            return field == "place" and all(part.strip().casefold() in _countries()
                                            for part in text.split(","))

        self.known = known

    def lay(self, reader: _Reader, path: Path, data: Any) -> None:
        if path in self.glossaries:
            name = os.path.relpath(path, self.folder).replace(os.sep, "/")
            found: tuple[Kind, str] | None = (("records", Acronym), "acronym")
            file = path.parent / TRANSLATIONS / self.language / path.name
            roots = [path.parent.resolve()]
        else:
            try:
                name = path.relative_to(self.folder).as_posix()
            except ValueError:
                return
            found = _translatable(name)
            file = self.root / name
            roots = [self.folder.resolve()]
        if found is None:
            return
        kind, what = found
        if path not in self.glossaries:
            self.files.append(name)
        overlay = Overlay(file, name, self.known)
        given = None
        if os.path.lexists(file):
            self.used.add(name)
            # Only regular files inside the year's folder (the glossary's), as its own files.
            reason = _unreadable(file, roots)
            if reason:
                reader.problems.append(Problem(file, None, reason))
            else:
                given = reader.parse(file, what)
        overlay.lay(data, given, kind, what)
        overlay.mark(SOURCE_LANGUAGE)
        reader.problems.extend(overlay.problems)
        self.overlays.append(overlay)

    def stray(self, reader: _Reader) -> None:
        """Translation files of no file of the year."""
        if not os.path.lexists(self.root):
            return
        if not self.root.is_dir():
            reader.problems.append(Problem(self.root, None, "not a folder: the translations "
                                           f"into a language are a folder, {TRANSLATIONS}/"
                                           f"{self.language}/, of files named as the year's"))
            return
        for file in sorted(self.root.rglob("*")):
            name = file.relative_to(self.root).as_posix()
            if name in self.used or name == SOURCES_FILE or (file.is_dir()
                                                             and not file.is_symlink()):
                continue
            if file.suffix.lower() in _NOTES:
                continue  # the translators' notes (a README.md), not a translation
            if _translatable(name) is not None:
                message = (f"the year has no {name}: a translation translates the texts of "
                           "the year's own files")
            else:
                message = ("not a file of the year whose texts can be translated"
                           + closest(name, sorted(self.files)))
            reader.problems.append(Problem(file, None, message))

    def texts(self) -> YearTexts:
        return YearTexts(self.folder, self.language, self.root,
                         tuple(t for o in self.overlays for t in o.texts),
                         tuple(sorted(self.glossaries)))


@functools.cache
def _countries() -> frozenset[str]:
    return frozenset(name.casefold() for code, name in Locale("en").territories.items()
                     if code.isalpha())


def unsupported_locale(locale: str) -> str | None:
    """Why documents cannot be made in `locale`'s language, or None: an unknown locale, or a
    language that has neither the code's words (a catalog) nor built-in templates."""
    try:
        language = str(reader_locale(locale).language)
    except (ValueError, UnknownLocaleError):
        return f"unknown locale {shortened(repr(locale))} (use e.g. en, fr, de)"
    if language not in SPOKEN:
        name = Locale.parse(language).get_display_name("en") or language
        return (f"no documents in {name} ({locale!r}): jhareport writes them in "
                + ", ".join(f"{Locale.parse(code).get_display_name('en')} ({code})"
                            for code in SPOKEN)
                + "; a language is added with a catalog and templates (see docs/translations.md)")
    return None


def load_year(path: str | Path, locale: str | None = None) -> YearRecords:
    """Read a year's folder of YAML files into records.

    With a `locale` (fr, fr_BE, de…), the year's own translations in `translations/<language>/`
    replace the texts they translate; the others stay as written, marked as English
    (`markup.language_of` tells it), and so do the glossary's meanings without a translation
    in the `translations/<language>/` beside the glossary. A locale whose language jhareport
    does not write documents in (es) is refused.
    Raises LoadError listing every problem in the folder, each with file, line, record and field.
    """
    return load_year_and_texts(path, locale)[0]


@collector_paused
def load_year_and_notes(path: str | Path,
                        locale: str | None = None) -> tuple[YearRecords, tuple[str, ...]]:
    """`load_year`, with notes on what the year leaves untranslated in the locale's language."""
    records, texts = load_year_and_texts(path, locale)
    note = texts.note(records.year.year) if texts is not None else None
    return records, (note,) if note else ()


def load_year_and_texts(path: str | Path,
                        locale: str | None = None) -> tuple[YearRecords, YearTexts | None]:
    """`load_year`, with the year's texts and their translations into the locale's language
    (None without a locale, or in the records' own language)."""
    folder = Path(path)
    year_file = folder / _YEAR_FILE
    unfit = folder_problem(folder, "a year's folder")
    if unfit:
        raise LoadError([Problem(folder, None, unfit)])
    translations = None
    if locale is not None:
        unfit = unsupported_locale(locale)
        if unfit:
            raise LoadError([Problem(None, None, unfit)])
        language = str(reader_locale(locale).language)
        if language != SOURCE_LANGUAGE:
            translations = _Translations(folder, language, locale)
    reader = _Reader([folder, folder.resolve().parent], translations)
    if not os.path.lexists(year_file):
        years = _years_in(folder)
        if years:
            raise LoadError([Problem(folder, None, f"a folder of years ({shown_list(years)}), not "
                                     f"a year's folder: give one of them, e.g. {folder / years[-1]}")])
        raise LoadError([Problem(year_file, None, "missing: every year's folder has a year.yaml")])

    for stray in sorted(folder.glob("*.y*ml")):
        if stray.name not in _KNOWN:
            known = [k for k in _KNOWN if k.endswith(".yaml")]
            reader.problems.append(Problem(stray, None, "not a fixture file of a year"
                                           + closest(stray.name, known)))

    data = reader.read(year_file)
    if not isinstance(data, LineMap):
        if not reader.problems or reader.problems[-1].file != year_file:
            reader.problems.append(Problem(year_file, 1, "expected a mapping of fields "
                                           "(year: …, chair: …)"))
        data = None
    link_lines = {key: data.key_line(key) for key in _LINKS if data is not None and key in data}
    links = {key: data.pop(key) for key in _LINKS if data is not None and key in data}
    year_number = data.get("year") if data is not None else None
    default_year = year_number if isinstance(year_number, int) else None
    converter = _Structurer(default_year, folder)
    year = (reader.structure(year_file, data, NetworkYear, converter, "year")
            if data is not None else None)

    # A list is None when its file could not be read as a list of records.
    lists: dict[str, list[_Entry[Any]] | None] = {}
    for name, (attribute, cls, what) in _LISTS.items():
        file = folder / name
        lists[attribute] = reader.records(file, cls, converter, what) if os.path.lexists(file) else []
        if cls is not TimelineEntry:
            _duplicates(reader, file, lists[attribute] or [], "id", f"{what} id")

    _check_references(reader, folder, data, lists)
    outline_file = folder / _OUTLINE_FILE
    outline = (reader.records(outline_file, Section, converter, "section")
               if os.path.lexists(outline_file) else None)
    conclusions_file = folder / _CONCLUSIONS_FILE
    conclusions_data = reader.read(conclusions_file) if os.path.lexists(conclusions_file) else None
    conclusions = (reader.structure(conclusions_file, conclusions_data, Conclusions, converter,
                                    "conclusions", 1) if conclusions_data is not None else None)
    scorecard = _load_scorecard(reader, folder / "scorecard", converter)
    glossary = _load_glossary(reader, folder, links.get("glossary"), link_lines.get("glossary"),
                              converter)
    plans = _load_plans(reader, folder, links.get("empact"), link_lines.get("empact"), converter)

    if translations is not None:
        translations.stray(reader)
    if reader.problems or year is None:
        raise LoadError(reader.problems)
    records = YearRecords(
        year=year,
        **{attribute: [record for record, _ in _built(entries or [])]
           for attribute, entries in lists.items()},
        scorecard=scorecard,
        glossary=glossary,
        action_plans=plans,
        outline=[section for section, _ in _built(outline)] if outline is not None else None,
        conclusions=conclusions,
    )
    files = {"outline": outline_file, "year": year_file}
    problems = record_problems(records, {kind: files.get(kind, folder / f"{kind}.yaml")
                                         for kind in _KINDS})
    if problems:
        raise LoadError(problems)
    return records, translations.texts() if translations is not None else None


def _years_in(folder: Path) -> list[str]:
    """The names of the year's folders (those with a year.yaml) inside `folder`, sorted."""
    try:
        return sorted(p.parent.name for p in folder.glob(f"*/{_YEAR_FILE}"))
    except OSError:
        return []


def _check_references(reader: _Reader, folder: Path, year: Any,
                      lists: dict[str, list[_Entry[Any]] | None]) -> None:
    """Priority topics of thematic events and working groups of meetings, checked on the YAML of
    every record, so that they show up with the record's other problems."""
    topics: list[str] | None = None
    if isinstance(year, dict):
        declared = year.get("priority_topics")
        if declared is None:
            topics = []
        elif isinstance(declared, list):
            topics = [v for v in (_scalar(t, "id") for t in declared) if v is not None]
    _unknown(reader, folder / "thematic-events.yaml", lists["thematic_events"] or [], "topic",
             topics, lambda topic: f"unknown priority topic {topic!r}"
             + closest(topic, topics or ["-"]))
    groups = _keys(lists["working_groups"], "id")
    _unknown(reader, folder / "meetings.yaml", lists["meetings"] or [], "group", groups,
             lambda group: f"unknown working group {group!r}" + closest(group, groups or ["-"]))


def _load_scorecard(reader: _Reader, folder: Path,
                    converter: _Structurer) -> Scorecard | None:
    if not folder.is_dir():
        return None
    structure_file = folder / "structure.yaml"
    data = reader.read(structure_file) if os.path.lexists(structure_file) else None
    if data is None and not os.path.lexists(structure_file):
        reader.problems.append(Problem(structure_file, None,
                                       "missing: a scorecard needs its parts, areas and fields"))
    parts = areas = fields = None
    if data is not None:
        parts = _section(reader, structure_file, data, "parts", ScorecardPart, converter, "part")
        areas = _section(reader, structure_file, data, "areas", ScorecardArea, converter, "area")
        fields = _section(reader, structure_file, data, "fields", ScorecardField, converter,
                          "field")
        _unknown(reader, structure_file, areas or [], "part", _keys(parts, "code"),
                 lambda part: f"unknown part {part!r}")
        _unknown(reader, structure_file, fields or [], "number", _keys(areas, "number"),
                 lambda number: f"no area {number.split('.')[0]!r} above it",
                 lambda number: number.split(".")[0])
        _duplicates(reader, structure_file, areas or [], "number", "area")
        _duplicates(reader, structure_file, fields or [], "number", "field")
    field_numbers = _keys(fields, "number")

    # The files of the contributing agencies are read even when the structure cannot be, so that
    # their problems show up at once; their fields are checked when the structure's are known.
    actions: list[ScorecardAction] = []
    for file in sorted(folder.glob("*.yaml")):
        if file == structure_file:
            continue
        entries = reader.records(file, ScorecardAction, converter, "action") or []
        _unknown(reader, file, entries, "field", field_numbers,
                 lambda number: f"unknown field {number!r}"
                 + closest(number, field_numbers or ["-"]))
        actions.extend(action for action, _ in _built(entries))
    if reader.problems or parts is None or areas is None or fields is None:
        return None
    # Files per contributing agency are merged in the order of the scorecard's fields.
    order = {f.number: index for index, (f, _) in enumerate(_built(fields))}
    actions.sort(key=lambda a: order.get(a.field, len(order)))
    title = data.get("title", "Scorecard") if isinstance(data, dict) else "Scorecard"
    return Scorecard(title=title if isinstance(title, str) else str(title),
                     parts=[p for p, _ in _built(parts)], areas=[a for a, _ in _built(areas)],
                     fields=[f for f, _ in _built(fields)], actions=actions)


def _section(reader: _Reader, path: Path, data: Any, key: str, cls: type[T],
             converter: _Structurer, what: str) -> list[_Entry[T]] | None:
    """The records of a list in the scorecard's structure; None when it is no list."""
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, LineList):
        reader.problems.append(Problem(path, 1, f"expected a list of {key}"))
        return None
    return reader.entries(path, items, cls, converter, what)


def _linked(reader: _Reader, folder: Path, value: Any, what: str, line: int | None) -> list[Path]:
    """The files year.yaml links to, each checked as the fixtures' own files are."""
    values = value if isinstance(value, list) else [value]
    paths = []
    for item in values:
        if not isinstance(item, str) or not item.strip():
            reader.problems.append(Problem(folder / _YEAR_FILE, line, f"expected the path of a {what} "
                                           f"file, got {yaml_kind(item)}", "year", what))
            continue
        path = Path(os.path.normpath(folder / item))
        reason = _unreadable(path, reader.roots)
        if reason:
            shown = "does not exist" if reason == "no such file" else reason
            reader.problems.append(Problem(folder / _YEAR_FILE, line,
                                           f"the {what} file {item!r} {shown}", "year", what))
        else:
            paths.append(path)
    return paths


def _load_glossary(reader: _Reader, folder: Path, link: Any, line: int | None,
                   converter: _Structurer) -> list[Acronym]:
    paths = _linked(reader, folder, link, "glossary", line) if link else []
    if reader.translations is not None:
        reader.translations.glossaries.update(paths)
    if os.path.lexists(folder / _ACRONYMS_FILE):
        paths.append(folder / _ACRONYMS_FILE)
    acronyms: list[Acronym] = []
    for path in paths:
        found = reader.records(path, Acronym, converter, "acronym") or []
        _duplicates(reader, path, found, "short", "acronym")
        acronyms.extend(a for a, _ in _built(found))
    return acronyms


def _load_plans(reader: _Reader, folder: Path, link: Any, line: int | None,
                converter: _Structurer) -> list[OperationalActionPlan]:
    plans = []
    for path in _linked(reader, folder, link, "empact", line) if link else []:
        data = reader.read(path)
        if data is None:
            continue
        plan = reader.structure(path, data, OperationalActionPlan, converter, "plan")
        actions = data.get("actions") if isinstance(data, dict) else None
        if isinstance(actions, LineList):
            entries: list[_Entry[Any]] = [_Entry(item, actions.item_line(index), "action", None)
                       for index, item in enumerate(actions)]
            _duplicates(reader, path, entries, "reference", "reference")
        if plan is not None:
            plans.append(plan)
    return plans
