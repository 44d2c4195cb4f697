"""The exchange with translators: a year's texts exported to XLIFF 1.2 for a CAT tool, and the
translated file imported into the year's `translations/<language>/`.

An export holds every text of the year a reader sees (the records' texts, the outline's
headings and introductions, table cells) and the meanings of the glossary's acronyms, one unit
per text, with the translations the year already has as targets. The import checks every unit
before it writes anything, and records the English each translation was made from
(`translations/<language>/translated-from.yaml`), so that the next export marks for review the
units whose English has changed since.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from attrs import frozen

from ..errors import InputError
from ..files import OutputError, write_atomically
from ..loading import (
    SOURCES_FILE,
    TRANSLATIONS,
    YearTexts,
    _translatable,
    load_year,
    load_year_and_texts,
    unsupported_locale,
)
from ..markup import Markup, MarkupError
from ..periods import reader_locale
from ..records import Acronym, YearRecords
from ..translations import SOURCE_LANGUAGE, WRITTEN, Overlay, Text, language_name
from ..views import outline
from ..yamltree import LineMap, YamlProblem, forbidden_character, parse
from .inline import Code, Piece, UnitError, codes_of, markdown, one_line, pieces
from .store import scalar, translation_file, yaml_text
from .xliff import MAX_BYTES, ReadUnit, Unit, XliffError, read_xliff, write_xliff

__all__ = ["ExchangeError", "ExportResult", "ImportResult", "export_translations",
           "import_translations"]

_DONE = {"translated", "final", "signed-off"}  # states of a target to take
_NOT_DONE = {"new", "needs-translation", "needs-adaptation", "needs-l10n",
             "needs-review-adaptation", "needs-review-l10n", "needs-review-translation"}
# Non-characters (U+FDD0–U+FDEF, U+xFFFE, U+xFFFF): no document text holds them.
_NONCHARACTER = re.compile("[\ufdd0-\ufdef\ufffe\uffff\U0001fffe\U0001ffff\U0010fffe\U0010ffff]")


class ExchangeError(InputError):
    """An export or import that cannot be done; `problems` lists every reason, each with the
    file's line and the unit's id where there is one. Nothing was written."""

    def __init__(self, problems: Sequence[str], file: Path | None = None) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        where = f" in {file}" if file is not None else ""
        head = (f"{count} problem{'s' if count != 1 else ''}{where}:\n" if count > 1 or file
                else "")
        shown = [f"  {p}" if head else p for p in self.problems[:_SHOWN]]
        if count > _SHOWN:
            shown.append(f"  … and {count - _SHOWN} more")
        super().__init__(head + "\n".join(shown))


_SHOWN = 200  # problems a message lists (a file of another year would list every unit)


@frozen
class ExportResult:
    """What an export wrote."""

    path: Path
    language: str
    units: int  # units written
    translated: int  # with a translation as target
    review: int  # whose English changed since their translation

    def __str__(self) -> str:
        todo = self.units - self.translated
        return (f"wrote {self.path}: {self.units} units for a translation into "
                f"{language_name(self.language)} ({self.translated} translated, of which "
                f"{self.review} to review as their English changed; {todo} to translate)")


@frozen
class ImportResult:
    """What an import did."""

    language: str
    imported: int  # units whose translation was written or changed
    unchanged: int  # units the year already had so
    skipped: int  # units left untranslated in the file (no target, or not done)
    outdated: int  # translated from an English that changed since the export
    written: tuple[Path, ...]

    def __str__(self) -> str:
        files = ", ".join(str(p) for p in self.written) or "no file changed"
        text = (f"{self.imported} translation{'s' if self.imported != 1 else ''} into "
                f"{language_name(self.language)} imported, {self.unchanged} unchanged, "
                f"{self.skipped} not translated in the file: {files}")
        if self.outdated:
            text += (f"\n{self.outdated} of them translate an English that has changed since "
                     "the export: the next export marks them for review")
        return text


def _language(locale: str) -> str:
    unfit = unsupported_locale(locale)
    if unfit:
        raise ExchangeError([unfit])
    language = str(reader_locale(locale).language)
    if language == SOURCE_LANGUAGE:
        raise ExchangeError([f"the records are written in English: translations are into "
                             f"another language, not {locale!r}"])
    return language


def _sources(texts: YearTexts) -> dict[str, str]:
    """The English each translation was made from, as the last import recorded it."""
    path = texts.root / SOURCES_FILE
    if not os.path.lexists(path):
        return {}
    if not path.is_file() or path.stat().st_size > MAX_BYTES:
        raise ExchangeError([f"{path}: not a file of the English of the translations"])
    try:
        data = parse(path.read_text(encoding="utf-8"))
    except (YamlProblem, UnicodeDecodeError, OSError) as error:
        raise ExchangeError([f"{path}: {error}"]) from None
    if data is None:
        return {}
    if not isinstance(data, LineMap) or not all(isinstance(v, str) for v in data.values()):
        raise ExchangeError([f"{path}: expected a mapping of units to their English texts"])
    return {unit: value.strip("\n") for unit, value in data.items()}


def _canonical(text: str, kind: str) -> str:
    """A text as the exchange writes it: Markdown rewritten from what it reads as, so that
    the way the English is wrapped or spelt in Markdown does not count as a change."""
    if kind != "markup":
        return one_line(text)
    found = pieces(Markup.parse(text))
    return markdown(found, codes_of(found))


def _pieces(text: str, kind: str) -> list[Piece]:
    return pieces(Markup.parse(text)) if kind == "markup" else [one_line(text)]


# -- export ---------------------------------------------------------------------------------------


def export_translations(year_dir: str | Path, out: str | Path, *, to: str,
                        untranslated: bool = False) -> ExportResult:
    """Write the year's texts into `out`, an XLIFF 1.2 file for a translation into `to`'s
    language (fr, de…): every text (with `untranslated`, only those without a translation,
    or whose English changed since), its translation as target when the year has one, a note
    telling where the text stands. Raises LoadError for a year that does not load, and
    ExchangeError for a language jhareport does not write or a file that cannot be written."""
    language = _language(to)
    folder = Path(year_dir)
    records, texts = load_year_and_texts(folder, language)
    assert texts is not None
    recorded = _sources(texts)
    places = _sections(load_year(folder))
    missing_meanings = {t.owner for t in texts.texts
                        if t.cls is Acronym and t.field == "long" and not t.translated}
    files: dict[str, list[Unit]] = {}
    translated = review = 0
    for text in texts.texts:
        if text.known and text.translation is None:
            continue  # reads in the language already (a standard heading)
        before = recorded.get(text.unit)
        changed = (text.translation is not None and before is not None
                   and before != _canonical(text.source, text.kind))
        if untranslated and text.translation is not None and not changed:
            continue
        if untranslated and text.optional and text.owner not in missing_meanings:
            continue
        previous = None
        if changed and before is not None:
            previous = (_pieces(before, text.kind),
                        _pieces(text.translation or "", text.kind))
        target = _pieces(text.translation, text.kind) if text.translation is not None else None
        if target is None and text.optional and text.owner not in missing_meanings:
            # An acronym whose meaning is translated and whose form is not: the language
            # writes it as English does, a translation the CAT tool shows as done.
            target = _pieces(text.source, text.kind)
        state = None
        if target is not None:
            state = "needs-review-translation" if changed else "translated"
            translated += 1
            review += changed
        files.setdefault(text.file, []).append(Unit(
            text.unit, _pieces(text.source, text.kind), target, state,
            _note(text, places), previous))
    data = write_xliff(files, year=records.year.year, source_language=SOURCE_LANGUAGE,
                       target_language=language, note=_header(records, language))
    path = Path(out)
    if path.is_dir():
        raise ExchangeError([f"{path}: a folder; give the path of the XLIFF file to write"])
    try:
        write_atomically({path: data})
    except OutputError as error:
        raise ExchangeError([str(error)]) from None
    return ExportResult(path, language, sum(len(u) for u in files.values()), translated, review)


def _header(records: YearRecords, language: str) -> str:
    return (f"The texts of the {records.year.year} report of the Justice and Home Affairs "
            f"Agencies' Network, for a translation from English into {language_name(language)}."
            " Each unit is one text; its note says where it stands. Tags are Markdown: <bpt>/"
            "<ept> bold, italics and links (keep them around the words they mark); <ph> a "
            "footnote's mark, the start of a paragraph or list item, or the start of a "
            "footnote's own text (keep each once, in the order that reads right). Acronyms: "
            "give the form the language uses (OEDT for EMCDDA).")


def _sections(records: YearRecords) -> dict[tuple[str, str], str]:
    """Where each record stands in the report: (file, key) → numbered heading."""
    from ..loading import _LISTS  # the files of the records of each kind

    files = {cls: name for name, (_, cls, _) in _LISTS.items()}
    found: dict[tuple[str, str], str] = {}
    numbers: list[int] = []
    for section in outline(records):
        if section.numbered:
            del numbers[section.level:]
            while len(numbers) < section.level:
                numbers.append(0)
            numbers[section.level - 1] += 1
            label = ".".join(str(n) for n in numbers) + ". " + section.heading
        else:
            label = section.heading
        held = [*section.items, *(e for t in section.topics for e in t.events)]
        for record in held:
            key = getattr(record, "id", None)
            if isinstance(key, str) and type(record) in files:
                found.setdefault((files[type(record)], key), label)
        found.setdefault(("section", section.holds), label)
        for topic in section.topics:
            found.setdefault(("year.yaml", f"priority_topics/{topic.id}"), label)
    return found


def _note(text: Text, places: dict[tuple[str, str], str]) -> str:
    field = " ".join(s.label for s in text.steps if s.field is not None).replace("_", " ")
    what = f"{text.record}, {field}"
    if text.title and text.title != text.source:
        what += f" (“{text.title}”)"
    if text.cls is Acronym:
        if text.optional:
            return (f"The acronym {text.source} (“{text.title}”) as the translation writes it; "
                    "leave it as it is when the language writes it so")
        return f"The meaning of the acronym {text.owner[1]} in the list of acronyms"
    file, key = text.owner
    place = places.get((file, key))
    if place is None and file == "year.yaml":
        holds = {"foreword": "foreword", "about": "about",
                 "executive_summary": "executive-summary",
                 "working_groups_intro": "meetings"}.get(key)
        place = places.get(("section", holds or "")) or places.get((file, "/".join(
            s.label for s in text.steps[:2])))
    if place is None and file == "timeline.yaml":
        place = places.get(("section", "timeline"))
    if field == "timeline":
        what += "; its entry in the list of events"
    return f"{file}: {what}" + (f"; in {place}" if place else "")


# -- import ---------------------------------------------------------------------------------------


def import_translations(xliff: str | Path, year_dir: str | Path) -> ImportResult:
    """Read a translated XLIFF file (as `export_translations` wrote it and a CAT tool saved
    it) into the year's `translations/<language>/` (and the glossary's). Every unit is checked
    first: its id is one of the year's texts, its target's codes are the source's, balanced,
    and make a valid text, its target is not empty when it says it is translated, its
    characters are ones a document can hold. On any problem ExchangeError lists them all, with
    the unit's id and the file's line, and nothing is written. Importing the same file twice
    changes nothing."""
    path = Path(xliff)
    data = _read(path)
    try:
        files, units = read_xliff(data)
    except XliffError as error:
        raise ExchangeError([_at(path, error.line, None, str(error))]) from None
    folder = Path(year_dir)
    languages = {target for _, _, target, _ in files}
    if len(languages) != 1 or None in languages:
        raise ExchangeError([_at(path, files[0][3] if files else None, None,
                                 "the file names no single target language "
                                 f"({', '.join(sorted(str(x) for x in languages)) or 'none'})")])
    language = _language(str(languages.pop()))
    records, texts = load_year_and_texts(folder, language)
    assert texts is not None
    year = records.year.year
    problems: list[str] = []
    for original, source_language, _, line in files:
        own_year = original.partition("/")[0]
        if own_year != str(year):
            problems.append(_at(path, line, None, f"the file holds texts of {own_year!r} "
                                f"({original!r}), not of {year}"))
        elif source_language != SOURCE_LANGUAGE:
            problems.append(_at(path, line, None, f"the source language is "
                                f"{source_language!r}, not {SOURCE_LANGUAGE!r}"))
    if problems:  # another year's file, or not from English: its units mean nothing here
        raise ExchangeError(problems, path)
    by_unit = {t.unit: t for t in texts.texts}
    recorded = _sources(texts)
    seen: dict[str, int | None] = {}
    taken: dict[str, tuple[str, str]] = {}  # unit → (translation, the English it translates)
    skipped = outdated = 0
    for _, unit in units:
        where = unit.id
        if unit.id in seen:
            problems.append(_at(path, unit.line, where, f"a second unit {unit.id!r} (first at "
                                f"line {seen[unit.id]})"))
            continue
        seen[unit.id] = unit.line
        text = by_unit.get(unit.id)
        if text is None:
            problems.append(_at(path, unit.line, where, "the year has no such text (its record "
                                "or field is gone, or the id was changed)"))
            continue
        try:
            result = _translation(unit, text)
        except UnitError as error:
            problems.append(_at(path, unit.line, where, str(error)))
            continue
        if result is None:
            skipped += 1
            continue
        translation, english = result
        if text.optional and translation == text.source and text.translation is None:
            continue  # an acronym the language writes as English does: nothing to say
        taken[unit.id] = (translation, english)
        outdated += english != _canonical(text.source, text.kind)
    problems.extend(_clashing_acronyms(texts.texts, taken, seen, path))
    if problems:
        raise ExchangeError(problems, path)
    return _write(folder, texts, recorded, taken, language, skipped, outdated)


def _clashing_acronyms(texts: Sequence[Text], taken: dict[str, tuple[str, str]],
                       lines: dict[str, int | None], path: Path) -> list[str]:
    """The units that give an acronym a form another entry of the same glossary has (EU
    written UE beside an entry UE): a list of acronyms holds one entry per acronym."""
    forms: dict[tuple[str, str], list[Text]] = {}
    for text in texts:
        if text.cls is Acronym and text.field == WRITTEN:
            form = taken[text.unit][0] if text.unit in taken else text.translation or text.source
            forms.setdefault((text.file, form), []).append(text)
    problems = []
    for (_, form), same in forms.items():
        for text in same:
            others = [o.source for o in same if o is not text]
            if others and text.unit in taken and form != text.source:
                problems.append(_at(path, lines.get(text.unit), text.unit,
                                    f"{form!r} is already another acronym of the glossary "
                                    f"({others[0]}): a list of acronyms has one entry per "
                                    f"acronym (leave {text.source} as it is written, or give "
                                    "it another form)"))
    return problems


def _read(path: Path) -> bytes:
    try:
        if not path.is_file():
            raise ExchangeError([f"{path}: no such file" if not os.path.lexists(path)
                                 else f"{path}: not a regular file"])
        if path.stat().st_size > MAX_BYTES:
            raise ExchangeError([f"{path}: too large ({path.stat().st_size / 1e6:.0f} MB): an "
                                 f"XLIFF file may hold {MAX_BYTES // (1024 * 1024)} MB at most"])
        return path.read_bytes()
    except OSError as error:
        raise ExchangeError([f"{path}: cannot be read ({error.strerror or error})"]) from None


def _at(path: Path, line: int | None, unit: str | None, message: str) -> str:
    place = f"{path}:{line}" if line else str(path)
    return f"{place}: " + (f"unit {unit!r}: " if unit else "") + message


def _translation(unit: ReadUnit, text: Text) -> tuple[str, str] | None:
    """The unit's translation and the English it translates, or None for a unit left
    untranslated; UnitError for a bad one."""
    state = unit.state
    words = [p for p in unit.target or [] if isinstance(p, str)]
    empty = unit.target is None or not "".join(words).strip()
    done = unit.approved or state in _DONE or (state is None and unit.target is not None)
    if state is not None and state not in _DONE | _NOT_DONE and not state.startswith("x-"):
        raise UnitError(f"the state {state!r} is not one of XLIFF 1.2")
    if empty:
        if done and unit.target is not None:
            raise UnitError(f"an empty target in the state {state or 'translated'!r}: give "
                            "the translation, or mark the unit as needing translation")
        return None
    if not done:
        return None
    for piece in unit.target or []:
        if isinstance(piece, str):
            bad = forbidden_character(piece) or _noncharacter(piece)
            if bad:
                raise UnitError(f"the character {bad} cannot stand in a document")
    english = _english(unit, text)
    if text.kind != "markup":
        if any(isinstance(p, Code) for p in unit.target or []):
            raise UnitError("a plain text (a title, a name) takes no tags: write only words")
        return one_line("".join(words)), english
    source = pieces(Markup.parse(english))
    return markdown(unit.target or [], codes_of(source)), english


def _noncharacter(text: str) -> str | None:
    found = _NONCHARACTER.search(text)
    return f"U+{ord(found.group(0)):04X}" if found else None


def _english(unit: ReadUnit, text: Text) -> str:
    """The English the unit's target translates: its <source>, as the exchange writes it."""
    if text.kind != "markup":
        words = "".join(p for p in unit.source if isinstance(p, str))
        if any(isinstance(p, Code) for p in unit.source):
            raise UnitError("the source of a plain text holds tags: it is not as exported")
        return one_line(words)
    given = [p for p in unit.source]
    codes = codes_of(given)
    try:
        written = markdown(given, codes, check=False)
        canonical = pieces(Markup.parse(written))
    except (UnitError, MarkupError) as error:
        raise UnitError(f"the source is not as exported ({error})") from None
    shape = [(c.id, c.close) for c in canonical if isinstance(c, Code)]
    if shape != [(c.id, c.close) for c in given if isinstance(c, Code)]:
        raise UnitError("the source's tags are not as exported")
    return markdown(canonical, codes_of(canonical))


def _write(folder: Path, texts: YearTexts, recorded: dict[str, str],
           taken: dict[str, tuple[str, str]], language: str, skipped: int,
           outdated: int) -> ImportResult:
    """Write the translation files that change, after laying them over the year's files in
    memory: what is written loads."""
    by_file: dict[str, list[Text]] = {}
    for text in texts.texts:
        by_file.setdefault(text.file, []).append(text)
    current = {t.unit: t.translation for t in texts.texts if t.translation is not None}
    imported = sum(1 for unit, (value, _) in taken.items() if current.get(unit) != value)
    outputs: dict[Path, bytes] = {}
    for name, file_texts in by_file.items():
        if not any(t.unit in taken and current.get(t.unit) != taken[t.unit][0]
                   for t in file_texts):
            continue
        merged = {**{t.unit: t.translation for t in file_texts if t.translation is not None},
                  **{t.unit: taken[t.unit][0] for t in file_texts if t.unit in taken}}
        target = _translation_path(folder, texts, name)
        found = _translatable(name) if not name.startswith("../") else None
        listed = found is None or found[0][0] == "records"  # the glossary is a list too
        written = yaml_text(translation_file(file_texts, merged, listed=listed),
                            _HEADER.format(language=language_name(language)))
        _verify(folder, name, written, target, merged)
        outputs[target] = written.encode("utf-8")
    sources = {**recorded, **{unit: english for unit, (_, english) in taken.items()}}
    if sources != recorded:
        order = {t.unit: index for index, t in enumerate(texts.texts)}
        kinds = {t.unit: t.kind for t in texts.texts}
        ordered = dict(sorted(sources.items(), key=lambda item: order.get(item[0], len(order))))
        data: dict[str, Any] = {unit: scalar(value, kinds.get(unit) == "markup")
                                for unit, value in ordered.items()}
        from ruamel.yaml.comments import CommentedMap

        outputs[texts.root / SOURCES_FILE] = yaml_text(CommentedMap(data), _SOURCES_HEADER).encode(
            "utf-8")
    try:
        write_atomically(outputs)
    except OutputError as error:
        raise ExchangeError([str(error)]) from None
    return ImportResult(language, imported, len(taken) - imported, skipped, outdated,
                        tuple(sorted(outputs)))


_HEADER = ("# {language} translations of this file's texts, written by `jhareport translations "
           "import`\n# (edit them here, or export, translate and import again).\n")
_SOURCES_HEADER = ("# The English each translation was made from, kept by `jhareport "
                   "translations import`:\n# an export marks for review the units whose English "
                   "has changed since.\n")


def _translation_path(folder: Path, texts: YearTexts, name: str) -> Path:
    if name.startswith("../") or name not in {t.file for t in texts.texts if
                                                 not t.file.startswith("../")}:
        glossary = Path(os.path.normpath(folder / name))
        return glossary.parent / TRANSLATIONS / texts.language / glossary.name
    return texts.root / name


def _verify(folder: Path, name: str, text: str, target: Path, merged: dict[str, str]) -> None:
    """Lay the new translation file over the year's file, as a load will: it must give every
    translation it was written for."""
    original_path = Path(os.path.normpath(folder / name))
    found = _translatable(name) if not name.startswith("../") else None
    kind: Any = found[0] if found is not None else ("records", Acronym)
    original = parse(original_path.read_text(encoding="utf-8"))
    overlay = Overlay(target, name)
    overlay.lay(original, parse(text), kind, "")
    given = {t.unit: t.translation for t in overlay.texts if t.translation is not None}
    if overlay.problems or given != merged:
        raise ExchangeError([f"{target}: the translations could not be written so that they "
                             "load (" + "; ".join(str(p) for p in overlay.problems) + ")"])
