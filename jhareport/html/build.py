"""A year's HTML edition: the final report, the scorecard annex and the list of acronyms as web
pages, and the year's page that lists them, with one stylesheet.

The pages are rendered from the same views (`views`) and filters (`render.filters`), in the same
sandbox (`render.environment`), as the Word documents, from Jinja2 HTML templates: the built-in
ones of `jhareport/html/templates/`, or an agency's own (`--templates`, taken as Word templates
are: the language's subfolder first, then the folder, then the built-in ones). A page is rendered
twice when its template shows its contents, the headings being known once it is rendered.
The year's pictures (logos, figures) are files of the edition (`pictures/`). Nothing is fetched
from anywhere: no fonts, scripts or pictures from outside.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from importlib.resources import files
from pathlib import Path
from typing import Any

import attrs
from attrs import frozen
from babel import Locale
from jinja2 import BaseLoader, Environment, TemplateError, TemplateNotFound, TemplateSyntaxError
from lxml import html as lxml_html
from markupsafe import Markup as Html
from markupsafe import escape

from ..errors import InputError
from ..i18n import translate
from ..markup import language_of
from ..periods import reader_locale
from ..records import Acronym, YearRecords
from ..render.environment import template_environment
from ..views import acronyms_context, as_variables, final_report_context, scorecard_context
from .writer import PICTURES, HtmlWriter, PictureFiles

__all__ = ["DEFAULT_HTML_TEMPLATES", "PAGES", "STYLESHEET", "HtmlEdition", "HtmlTemplateError",
           "Link", "PageView", "SiteLinks", "html_language", "main_text", "render_home",
           "stylesheet"]

DEFAULT_HTML_TEMPLATES = Path(str(files("jhareport") / "html" / "templates"))
PAGES = ("final-report", "scorecard-annex", "acronyms")
"""The documents of a year's edition, each a page `<name>.html`."""
STYLESHEET = "style.css"
_TITLES = {"final-report": "Final report", "scorecard-annex": "Scorecard annex",
           "acronyms": "List of acronyms"}
_NAME = re.compile(r"[a-z0-9][a-z0-9-]*\.html")
_LARGEST = 5 * 1024 * 1024  # bytes of a template or stylesheet: more is no template
# Elements whose text is apart from the next one's, with or without white space between them.
_APART = ("p", "div", "li", "dt", "dd", "td", "th", "caption", "figcaption", "br", "h1", "h2",
          "h3", "h4", "h5", "h6")


class HtmlTemplateError(InputError):
    """An HTML template that cannot be read or rendered: the message names it and its line."""


def html_language(locale: str) -> str:
    """The page's `lang` for a build's locale: "fr" → "fr", "fr_BE" → "fr-BE"."""
    parsed = Locale.parse(locale.replace("-", "_"))
    return "-".join(part for part in (parsed.language, parsed.script, parsed.territory) if part)


@frozen
class Link:
    """A link of the page's navigation."""

    text: str = attrs.field(metadata={"doc": "what the link says"})
    href: str = attrs.field(metadata={"doc": "where it goes, relative to the page"})
    current: bool = attrs.field(default=False, metadata={"doc": "whether it is the page itself"})
    lang: str | None = attrs.field(
        default=None, metadata={"doc": "the language of the page it goes to (for languages)"})


@frozen
class SiteLinks:
    """Where a year's edition stands in a site of several years and languages; hrefs are
    relative to the edition's folder."""

    home: str
    years: tuple[Link, ...]
    # each language's edition folder of the same year (ending in "/"), with the pages it has
    languages: tuple[tuple[Link, frozenset[str]], ...]


@frozen
class PageView:
    """What an HTML page knows of itself and of the pages around it."""

    name: str = attrs.field(metadata={"doc": "the document: final-report, scorecard-annex, acronyms or year"})
    title: str = attrs.field(metadata={"doc": "the page's title, e.g. Final report 2023"})
    lang: str = attrs.field(metadata={"doc": "the page's language, for `<html lang>`: en, fr, de…"})
    stylesheet: str = attrs.field(metadata={"doc": "the stylesheet's address, relative to the page"})
    home: str | None = attrs.field(
        metadata={"doc": "the site's home page, listing the years (none outside a site)"})
    documents: tuple[Link, ...] = attrs.field(
        metadata={"doc": "the year's page and its documents' pages, this one `current`"})
    downloads: tuple[Link, ...] = attrs.field(
        metadata={"doc": "the Word and PDF versions of this document, when the build made them"})
    languages: tuple[Link, ...] = attrs.field(
        metadata={"doc": "this page in each language of the site, this one `current`"})
    years: tuple[Link, ...] = attrs.field(
        metadata={"doc": "the year's page of each year of the site, this one `current`"})


def _read(path: Path, what: str) -> str:
    try:
        with path.open("rb") as stream:
            data = stream.read(_LARGEST + 1)
    except OSError as error:
        raise HtmlTemplateError(f"{path}: cannot be read ({error.strerror or error})") from None
    if len(data) > _LARGEST:
        raise HtmlTemplateError(f"{path}: more than {_LARGEST // (1024 * 1024)} MB, not {what}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise HtmlTemplateError(f"{path}: not UTF-8 text ({error})") from None


class _Templates(BaseLoader):
    """The HTML templates of a build: each name looked for in the agency's language subfolder,
    then its folder, then the built-in ones. Only plain names of .html files (`layout.html`), so
    that `{% extends %}` and `{% include %}` reach no other file."""

    def __init__(self, folders: Sequence[Path]) -> None:
        self.folders = folders

    def path(self, name: str) -> Path:
        for folder in self.folders:
            candidate = folder / name
            if candidate.exists() or candidate.is_symlink():
                return candidate
        return DEFAULT_HTML_TEMPLATES / name

    def get_source(self, environment: Environment,
                   template: str) -> tuple[str, str, Callable[[], bool]]:
        if not _NAME.fullmatch(template):
            raise TemplateNotFound(template)
        path = self.path(template)
        if not path.is_file():
            raise TemplateNotFound(template)
        return _read(path, "an HTML template"), str(path), lambda: True


def _template_folders(templates: Path | None, locale: str) -> list[Path]:
    language = str(reader_locale(locale).language)
    folders = [templates / language, templates] if templates is not None else []
    return [*folders, DEFAULT_HTML_TEMPLATES / language, DEFAULT_HTML_TEMPLATES]


def _place(error: BaseException) -> str:
    """The template and line where a render failed, from Jinja's rewritten traceback."""
    if isinstance(error, TemplateSyntaxError) and error.filename:
        return f"{error.filename}, line {error.lineno}"
    place = ""
    trace = error.__traceback__
    while trace is not None:
        name = trace.tb_frame.f_code.co_filename
        if name.endswith(".html"):
            place = f"{name}, line {trace.tb_lineno}"
        trace = trace.tb_next
    return place


def _finalize(value: Any) -> Any:
    """Every value a template writes: a record's text in another language than the page's is
    marked with its own (`<span lang="en">`)."""
    found = language_of(value)
    if found and isinstance(value, str) and not isinstance(value, Html):
        return Html(f'<span lang="{escape(found)}">{escape(value)}</span>')
    return value


class HtmlEdition:
    """The HTML pages of one year in one language, rendered in memory."""

    def __init__(self, records: YearRecords, *, locale: str, draft: bool,
                 templates: Path | None = None) -> None:
        self.records = records
        self.locale = locale
        self.draft = draft
        self._templates = templates
        self._env: Environment | None = None
        self.loader = _Templates(_template_folders(templates, locale))
        self.lang = html_language(locale)
        self.pictures = PictureFiles()  # those of every page, each written once

    def _environment(self, writer: HtmlWriter) -> Environment:
        """The edition's one environment, its templates compiled once, with `writer` installed
        and the counts of the sandbox's limits started again: one render is one document."""
        if self._env is None:
            self._env = template_environment(self.locale, self.records.year.as_of)
            self._env.loader = self.loader
            self._env.finalize = _finalize
        self._env.steps = 0  # type: ignore[attr-defined]
        writer.install(self._env)
        return self._env

    def title(self, name: str) -> str:
        year = self.records.year.year
        if name == "year":
            return f"{translate('Justice and Home Affairs Agencies’ Network', self.locale)} {year}"
        return f"{translate(_TITLES[name], self.locale)} {year}"

    def context(self, name: str, acronyms: Sequence[Acronym]) -> dict[str, Any]:
        """The variables of a page's template: the same as its Word template's."""
        if name == "final-report":
            return as_variables(final_report_context(self.records, self.locale, acronyms))
        if name == "scorecard-annex":
            return as_variables(scorecard_context(self.records, self.locale))
        if name == "acronyms":
            return as_variables(acronyms_context(self.records, list(acronyms)))
        return {"year": self.records.year}

    def render(self, name: str, acronyms: Sequence[Acronym], page: PageView,
               contents: bool = True) -> str:
        """A page as HTML (without its contents list unless `contents`); HtmlTemplateError names
        the template and line of a failure."""
        variables = {**self.context(name, acronyms), "draft": self.draft, "locale": self.locale,
                     "page": page}
        template_name = "index.html" if name == "year" else f"{name}.html"
        writer = HtmlWriter(self.locale, self.draft, pictures=self.pictures)
        try:
            text = self._environment(writer).get_template(template_name).render(variables)
            if contents and writer.asked_for_contents:
                writer = HtmlWriter(self.locale, self.draft, writer.headings_tree(), self.pictures)
                text = self._environment(writer).get_template(template_name).render(variables)
        except HtmlTemplateError:
            raise
        except TemplateNotFound as error:
            raise HtmlTemplateError(f"{self.loader.path(template_name)}: the HTML template "
                                    f"{error.name!r} is not there") from None
        except Exception as error:  # a template may fail in any filter: say where
            what = error.message if isinstance(error, TemplateError) and error.message else (
                f"{type(error).__name__}: {error}")
            place = _place(error) or str(self.loader.path(template_name))
            raise HtmlTemplateError(f"{place}: {what}") from None
        return text

    def stylesheet(self) -> bytes:
        return stylesheet(self._templates, self.locale)

    def texts(self, *, report: bool, scorecard: bool) -> list[str]:
        """The words of the report's and the annex's pages (their main part), rendered without
        a list of acronyms: what the acronyms they use are looked for in."""
        names = [n for n, wanted in (("final-report", report), ("scorecard-annex", scorecard))
                 if wanted]
        return [main_text(self.render(name, (), page_view(self, name, names, {}, None), False))
                for name in names]

    def pages(self, acronyms: Sequence[Acronym], *, report: bool, scorecard: bool,
              downloads: Mapping[str, Sequence[Link]] | None = None,
              site: SiteLinks | None = None) -> dict[str, bytes]:
        """Every file of the edition by its name: the year's page (index.html), the documents'
        pages, the stylesheet and the pictures they show (pictures/…). `acronyms` are those the
        documents use; the list of acronyms has a page when there are any (or in a draft)."""
        names = self.names(acronyms, report=report, scorecard=scorecard)
        found: dict[str, bytes] = {}
        for name in (*names, "year"):
            view = page_view(self, name, names, downloads or {}, site)
            file = "index.html" if name == "year" else f"{name}.html"
            found[file] = self.render(name, acronyms, view).encode("utf-8")
        found[STYLESHEET] = self.stylesheet()
        found.update({f"{PICTURES}/{name}": data for name, data in self.pictures.files.items()})
        return found

    def names(self, acronyms: Sequence[Acronym], *, report: bool, scorecard: bool) -> list[str]:
        """The documents the edition has a page for."""
        return [n for n, wanted in (("final-report", report), ("scorecard-annex", scorecard),
                                    ("acronyms", bool(acronyms) or self.draft)) if wanted]


def stylesheet(templates: Path | None, locale: str) -> bytes:
    """The stylesheet of the pages: the agency's own (style.css), else the built-in one."""
    path = _Templates(_template_folders(templates, locale)).path(STYLESHEET)
    return _read(path, "a stylesheet").encode("utf-8")


def render_home(locale: str, years: Sequence[Any], languages: tuple[Link, ...],
                templates: Path | None) -> str:
    """A site's home page in `locale`, from the template site.html: `years` as the site lists
    them, `languages` the home page in each language of the site."""
    loader = _Templates(_template_folders(templates, locale))
    env = template_environment(locale)
    env.loader = loader
    env.finalize = _finalize
    title = translate("Justice and Home Affairs Agencies’ Network", locale)
    page = PageView("site", title, html_language(locale), STYLESHEET, None, (), (), languages, ())
    try:
        return env.get_template("site.html").render(
            {"page": page, "years": years, "locale": locale, "draft": False})
    except HtmlTemplateError:
        raise
    except Exception as error:  # a template may fail anywhere: say where
        place = _place(error) or str(loader.path("site.html"))
        raise HtmlTemplateError(f"{place}: {type(error).__name__}: {error}") from None


def main_text(page: str) -> str:
    """The words of a page's main part, without its contents list: what the acronyms are
    looked for in."""
    root = lxml_html.document_fromstring(page)
    main = root.find(".//main")
    if main is None:
        return ""
    for nav in main.findall(".//nav"):
        nav.drop_tree()
    for element in main.iter(*_APART):  # a table's cells are words apart, however written
        element.text = " " + (element.text or "")
        element.tail = " " + (element.tail or "")
    return " ".join(main.text_content().split())


def page_view(edition: HtmlEdition, name: str, pages: Sequence[str],
              downloads: Mapping[str, Sequence[Link]], site: SiteLinks | None) -> PageView:
    """What the page `name` links to: the year's other pages, its downloads and, in a site, the
    same page in the other languages and the other years."""
    file = "index.html" if name == "year" else f"{name}.html"
    documents = (Link(translate("Overview", edition.locale), "index.html", name == "year"),
                 *(Link(translate(_TITLES[p], edition.locale), f"{p}.html", p == name)
                   for p in pages))
    languages: tuple[Link, ...] = ()
    years: tuple[Link, ...] = ()
    home = None
    if site is not None:
        home = site.home
        languages = tuple(attrs.evolve(link, href=f"{link.href}{file if name in has else 'index.html'}")
                          for link, has in site.languages)
        years = site.years
    return PageView(name, edition.title(name), edition.lang, STYLESHEET, home, documents,
                    tuple(downloads.get(name, ())), languages, years)
