"""What a year leaves untranslated in a language: the texts of its records, and the meanings of
the acronyms its documents use, which a final build in that language refuses."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs

from ..markup import Markup, language_of
from ..periods import reader_locale
from ..records import Acronym, YearRecords
from ..translations import SOURCE_LANGUAGE, MissingTranslations, marked_texts
from ..views import document_acronyms

__all__ = ["missing_translations", "record_texts", "untranslated",
           "untranslated_acronyms"]


def record_texts(records: YearRecords) -> Iterator[str]:
    """Every text of the records (not the glossary's, nor the EMPACT plans', which the
    documents only count), as plain words: what a scan for acronyms reads when the documents
    are not rendered."""
    for attribute in attrs.fields(type(records)):
        if attribute.name not in ("glossary", "action_plans"):
            yield from _texts(getattr(records, attribute.name))


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, Markup):
        yield value.plain
    elif isinstance(value, str):
        yield value
    elif attrs.has(type(value)) and type(value).__module__ == YearRecords.__module__:
        # records, not the agencies, periods and states they refer to
        for attribute in attrs.fields(type(value)):
            yield from _texts(getattr(value, attribute.name))
    elif isinstance(value, tuple):
        for item in value:
            yield from _texts(item)


def untranslated_acronyms(used: Iterable[Acronym]) -> tuple[str, ...]:
    """The acronyms among `used` whose meaning is left in another language."""
    return tuple(a.short for a in used if language_of(a.long) is not None)


def missing_translations(records: YearRecords, locale: str, *, where: Path | None = None,
                         glossary: Sequence[Path] = ()) -> MissingTranslations:
    """The texts of the records left in another language than the locale's, and the acronyms of
    their texts whose meaning is; empty in the records' own language."""
    language = str(reader_locale(locale).language)
    if language == SOURCE_LANGUAGE:
        return MissingTranslations(records.year.year, language, ())
    scan = document_acronyms(records, record_texts(records), locale)
    return MissingTranslations(records.year.year, language, tuple(marked_texts(records)),
                               untranslated_acronyms(scan.used), where, tuple(glossary))


def untranslated(year_dir: str | Path, locale: str) -> MissingTranslations:
    """What the year in `year_dir` leaves untranslated in `locale`'s language: its texts
    without a translation in `translations/<language>/`, and the acronyms of its texts whose
    meaning has none (what `check --locale` reports, and a final build refuses). Raises
    LoadError for a year that does not load or a language jhareport does not write."""
    from ..loading import load_year_and_texts

    records, texts = load_year_and_texts(year_dir, locale)
    if texts is None:
        return MissingTranslations(records.year.year, str(reader_locale(locale).language), ())
    return missing_translations(records, locale, where=texts.root,
                                glossary=texts.glossary_translations)
