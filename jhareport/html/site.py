"""Every year of a fixtures folder, in every language asked, as one static site.

`SITE/index.html` lists the years with their chairs and languages (in the first language;
`SITE/index-<language>.html` in each other); `SITE/<year>/<language>/` holds that year's HTML
edition, whose pages link to the same page in the other languages and to the other years. A year
that cannot be published (its records are incomplete or wrong) is listed with the reason and left
out; the site is written whole or not at all.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import attrs
from attrs import frozen
from babel import Locale

from ..errors import InputError
from ..exchange.coverage import missing_translations
from ..files import OutputError, output_folder_problem, write_atomically
from ..i18n import translate
from ..loading import LoadError, load_year_and_texts, unsupported_locale
from ..records import Acronym, YearRecords
from ..render.filters import agency, agency_full
from ..views import document_acronyms, final_report_gaps, has_final_report_content
from .build import (
    STYLESHEET,
    HtmlEdition,
    HtmlTemplateError,
    Link,
    SiteLinks,
    html_language,
    render_home,
    stylesheet,
)

__all__ = ["SiteError", "SiteResult", "SiteYear", "build_site"]


class SiteError(InputError):
    """A site that cannot be built; nothing was written."""


@frozen
class SiteYear:
    """A year as the site's home page lists it."""

    year: int = attrs.field(metadata={"doc": "the year, e.g. 2023"})
    chair: str = attrs.field(
        metadata={"doc": "the chair's full and short name as of the year, in the page's language"})
    editions: tuple[Link, ...] = attrs.field(
        metadata={"doc": "the year's page in each language of the site"})
    note: str = attrs.field(metadata={"doc": "Not published yet, for a year left out (else empty)"})


@frozen
class SiteResult:
    """What the site holds: the files written, each year, and what was left out and why."""

    outputs: tuple[Path, ...]
    years: tuple[SiteYear, ...]
    notes: tuple[str, ...]


@frozen
class _Edition:
    records: YearRecords
    locale: str
    edition: HtmlEdition
    acronyms: tuple[Acronym, ...]
    report: bool
    scorecard: bool
    pages: frozenset[str]


def _language_name(locale: str) -> str:
    """A language named in itself: English, français, Deutsch."""
    name = Locale.parse(locale.replace("-", "_")).get_display_name(locale.replace("-", "_")) or locale
    return name[:1].upper() + name[1:]


def _year_folders(fixtures: Path) -> list[Path]:
    return sorted((p for p in fixtures.iterdir() if p.is_dir() and (p / "year.yaml").is_file()),
                  key=lambda p: p.name)


def _why_not(records: YearRecords) -> str:
    """Why a year has no edition to publish, or nothing when it has one."""
    report = has_final_report_content(records)
    if not (report or records.scorecard is not None):
        return "no content for a final report or a scorecard annex yet"
    if report:
        gaps = final_report_gaps(records)
        if gaps:
            return f"the final report lacks: {', '.join(gaps)}"
    return ""


def build_site(fixtures: str | Path, out: str | Path, *, locales: Sequence[str] = ("en",),
               templates: str | Path | None = None, allow_untranslated: bool = False,
               progress: Callable[[str], None] | None = None) -> SiteResult:
    """Build every year folder of `fixtures` (each a folder with a year.yaml) in each of
    `locales` into the site `out`. A year whose texts are not all translated into a language
    is left out in that language (with a note), unless `allow_untranslated`: then its pages
    show those texts as written, marked with their language. Raises SiteError (nothing written)
    for a locale jhareport does not write, a folder without any year, an output folder that
    cannot be one, or a template that fails."""
    say = progress or (lambda message: None)
    folder = Path(fixtures)
    target = Path(out)
    languages = list(dict.fromkeys(locales)) or ["en"]
    for locale in languages:
        unfit = unsupported_locale(locale)
        if unfit:
            raise SiteError(unfit)
    template_dir = Path(templates) if templates is not None else None
    if template_dir is not None and not template_dir.is_dir():
        raise SiteError(f"{template_dir}: no such template folder")
    if not folder.is_dir():
        raise SiteError(f"{folder}: no such folder of years")
    folders = _year_folders(folder)
    if not folders:
        raise SiteError(f"{folder}: no year folder in it (a folder with a year.yaml)")
    for year_folder in folders:
        unfit = output_folder_problem(target, year_folder)
        if unfit:
            raise SiteError(unfit)

    notes: list[str] = []
    editions: dict[int, list[_Edition]] = {}
    left_out: dict[int, tuple[YearRecords | None, str]] = {}
    for year_folder in folders:
        for locale in languages:
            try:
                records, translated = load_year_and_texts(year_folder, locale)
            except LoadError as error:
                notes.append(f"{year_folder.name} left out: its records have "
                              f"{len(error.problems)} problems (`jhareport check {year_folder}`)")
                if year_folder.name.isdigit():  # listed by its year, with nothing to show
                    left_out[int(year_folder.name)] = (None, "its records are not valid yet")
                break
            why = _why_not(records)
            if why:
                notes.append(f"{records.year.year} left out: {why}")
                left_out[records.year.year] = (records, why)
                break
            if translated is not None and not allow_untranslated:
                missing = missing_translations(records, locale, where=translated.root,
                                               glossary=translated.glossary_translations)
                if missing:
                    count = len(missing.texts) + len(missing.acronyms)
                    notes.append(f"{records.year.year} in {_language_name(locale)} left out: "
                                 f"{count} texts or meanings of acronyms have no translation "
                                 f"(`jhareport check {year_folder} --locale {locale}`)")
                    continue
            say(f"preparing {records.year.year} in {locale}")
            edition = HtmlEdition(records, locale=locale, draft=False, templates=template_dir)
            report = has_final_report_content(records)
            scorecard = records.scorecard is not None
            try:
                texts = edition.texts(report=report, scorecard=scorecard)
            except HtmlTemplateError as error:
                raise SiteError(str(error)) from None
            used = tuple(document_acronyms(records, texts, locale).used)
            pages = frozenset(edition.names(used, report=report, scorecard=scorecard))
            editions.setdefault(records.year.year, []).append(
                _Edition(records, locale, edition, used, report, scorecard, pages))

    published = sorted(editions)
    outputs: dict[Path, bytes] = {}
    for year in published:
        for one in editions[year]:
            say(f"rendering {year} in {one.locale}")
            home = "../../index.html" if one.locale == languages[0] \
                else f"../../index-{one.locale}.html"
            site = SiteLinks(
                home=home,
                years=tuple(Link(str(other), f"../../{other}/{one.locale}/index.html",
                                 other == year) for other in published
                            if any(e.locale == one.locale for e in editions[other])),
                languages=tuple((Link(_language_name(e.locale), f"../{e.locale}/",
                                      e.locale == one.locale, html_language(e.locale)), e.pages)
                                for e in editions[year]))
            try:
                files = one.edition.pages(one.acronyms, report=one.report,
                                          scorecard=one.scorecard, site=site)
            except HtmlTemplateError as error:
                raise SiteError(str(error)) from None
            outputs.update({target / str(year) / one.locale / name: data
                            for name, data in files.items()})

    rows: dict[str, list[SiteYear]] = {}
    for locale in languages:
        entries = []
        for year in sorted({*published, *left_out}):
            found = editions.get(year, [])
            shown = found[0].records if found else left_out[year][0]
            chair = ""
            if shown is not None and shown.year.chair is not None:
                as_of = shown.year.as_of
                chair = (f"{agency_full(shown.year.chair, locale=locale, as_of=as_of)} "
                         f"({agency(shown.year.chair, locale=locale, as_of=as_of)})")
            links = tuple(Link(_language_name(e.locale), f"{year}/{e.locale}/index.html",
                               lang=html_language(e.locale)) for e in found)
            note = "" if found else translate("Not published yet", locale)
            entries.append(SiteYear(year, chair, links, note))
        rows[locale] = entries
    for locale in languages:
        name = "index.html" if locale == languages[0] else f"index-{locale}.html"
        homes = tuple(Link(_language_name(other), "index.html" if other == languages[0]
                           else f"index-{other}.html", other == locale, html_language(other))
                      for other in languages) if len(languages) > 1 else ()
        try:
            home = render_home(locale, rows[locale], homes, template_dir)
        except HtmlTemplateError as error:
            raise SiteError(str(error)) from None
        outputs[target / name] = home.encode("utf-8")
    outputs[target / STYLESHEET] = stylesheet(template_dir, languages[0])
    try:
        write_atomically(outputs)
    except OutputError as error:
        raise SiteError(str(error)) from None
    first = rows[languages[0]]
    return SiteResult(tuple(outputs), tuple(first), tuple(notes))
