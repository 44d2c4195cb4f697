"""A year's documents built from its records: the final report, the scorecard annex, the acronyms."""

from __future__ import annotations

import difflib
import os
import re
import tempfile
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
from attrs import frozen
from jinja2 import TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree
from markupsafe import Markup as Xml

from .._gc import collector_paused
from ..agencies import short_name
from ..checks import record_problems
from ..errors import InputError
from ..exchange.coverage import missing_translations, untranslated_acronyms
from ..files import OutputError, folder_problem, output_folder_problem, write_atomically
from ..i18n import translate
from ..loading import LoadError, load_year_and_texts, unsupported_locale
from ..messages import shortened, shown_list
from ..periods import reader_locale
from ..records import Acronym, YearRecords
from ..render.environment import template_environment
from ..template_tools.package_check import PackageError, check_package
from ..translations import MissingTranslations, UntranslatedError
from ..views import (
    acronyms_context,
    as_variables,
    document_acronyms,
    final_build_refusals,
    final_report_context,
    has_final_report_content,
    outline,
    pictureless_figures,
    records_held,
    scorecard_context,
)
from .language import set_language
from .package import (
    DECLARATION,
    checked,
    core_properties,
    paragraph_texts,
    with_core_part,
    write_package,
)
from .passages import has_passages, plain
from .template import TemplateFileError, WordTemplate, fix_tables
from .writer import UnwritableTextError, WordWriter, check_writable, unbreakable_names

if TYPE_CHECKING:
    from ..html.build import HtmlEdition, Link
    from ..office.pdf import OfficeTools, PdfError, Session

__all__ = ["DOCUMENTS", "BuildError", "BuildResult", "build", "render_parts", "template_environment"]

DOCUMENTS = ("final-report", "scorecard-annex", "acronyms")
DEFAULT_TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


class BuildError(InputError):
    """A build that cannot be done; `problems` lists every reason. Nothing was written."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = [shortened(problem) for problem in problems]
        super().__init__("\n".join(self.problems))


@frozen
class BuildResult:
    """What a build wrote, and what it noticed on the way."""

    outputs: tuple[Path, ...]
    warnings: tuple[str, ...]
    acronyms: int


def _template_path(name: str, templates: Path | None, locale: str = "en") -> Path:
    """The template of a document in the locale's language: the language's subfolder (fr/, de/)
    of the agency's templates, then the agency's own, then the built-in ones in that order.
    Whatever stands under a template's name is taken (a folder, a FIFO or a link to nothing is
    then refused as no Word document), never quietly passed over for the built-in template."""
    language = str(reader_locale(locale).language)
    for folder in (templates, DEFAULT_TEMPLATES):
        if folder is None:
            continue
        for path in (folder / language / f"{name}.docx", folder / f"{name}.docx"):
            if os.path.lexists(path):
                return path
    return DEFAULT_TEMPLATES / f"{name}.docx"


# What a template saved under another name may end with.
_WORD_SUFFIXES = (".docx", ".dotx", ".docm", ".dotm", ".doc")


def _near_misses(templates: Path, language: str) -> list[str]:
    """The files of an agency's templates (and of its subfolder of the build's language) whose
    names are close to a template's that the folder lacks ("Final Report.docx",
    "final-report.dotx"): the build takes templates by their exact names, so it would quietly use
    its own instead."""
    problems = []
    for folder in (templates / language, templates):
        try:
            files = sorted(folder.iterdir()) if folder.is_dir() else []
        except OSError:
            continue
        present = {name for name in DOCUMENTS if os.path.lexists(folder / f"{name}.docx")}
        for path in files:
            if (path.suffix.lower() not in _WORD_SUFFIXES or path.name.startswith(("~$", "."))
                    or path.name in {f"{name}.docx" for name in DOCUMENTS}):
                continue
            stem = re.sub(r"[\s_.]+", "-", path.stem.strip().lower())
            close = difflib.get_close_matches(stem, [n for n in DOCUMENTS if n not in present],
                                              n=1, cutoff=0.75)
            if close:
                problems.append(
                    f"{path}: did you mean {close[0]}.docx? Templates are taken by their exact "
                    f"names, so the built-in {_TITLES[close[0]].lower()} would be used instead: "
                    "rename the file (a Word document, .docx), or move it out of the folder")
    return problems


def _render(name: str, path: Path, context: Mapping[str, Any], *, draft: bool, locale: str,
            records: YearRecords, notes: list[str]) -> tuple[bytes, list[str]]:
    """The document made from one template, and the text of its paragraphs (body, tables and
    footnotes). An agency's own template is linted first: what lint finds is added to `notes`
    (warnings), and to the error if the template fails."""
    year = records.year
    try:  # a hostile template (zip bomb, corrupt stream, DOCTYPE) is refused before inflating
        check_package(path)
    except PackageError as error:
        raise BuildError([str(error)]) from None
    found: list[str] = []
    if DEFAULT_TEMPLATES.resolve() not in (path.parent.resolve(), path.parent.parent.resolve()):
        # only an agency's own templates are linted
        from ..template_tools.inspect import TemplateReadError
        from ..template_tools.lint import lint

        try:
            found = [f"{path}: {problem}" for problem in lint(path, name)]
        except TemplateReadError:
            found = []  # said below, when the template is opened
    try:
        template = WordTemplate.read(path)
    except TemplateFileError as error:
        raise BuildError([f"{path}: not a readable Word template ({error})"]) from None
    writer = WordWriter(template, draft, locale)

    def environment() -> SandboxedEnvironment:
        env = template_environment(locale, year.as_of, records_held(records))
        writer.install(env)
        return env

    def checking() -> SandboxedEnvironment:
        env = environment()
        env.finalize = _writable
        return env

    variables = {**context, "draft": draft, "locale": locale}
    try:
        parts, properties = render_parts(template, environment(), variables, writer)
    except (etree.XMLSyntaxError, TemplateSyntaxError) as error:
        try:  # a value holding a character XML cannot hold: found and placed by rendering again
            render_parts(template, checking(), variables, WordWriter(template, draft, locale))
            again: Exception = error
        except Exception as unwritable:
            again = unwritable
        if isinstance(again, UnwritableTextError):
            from .locate import explain  # an error's place, worked out when there is one

            raise BuildError([explain(path, variables, checking, again)]) from None
        raise BuildError(found or [f"{path}: the template is broken ({error}); "
                                   f"`jhareport template lint {path}` shows where"]) from None
    except Exception as error:  # a template may fail in any filter: say where, and on what
        from .locate import explain

        shown = explain(path, variables, environment, error)
        raise BuildError([shown, *(f"also: {f}" for f in found if f != shown)]) from None
    notes.extend(f"template lint: {f}" for f in found)
    # Names such as eu-LISA keep their hyphen on one line in the footnotes too.
    footnotes = template.footnotes or "word/footnotes.xml"
    if footnotes in parts:
        parts[footnotes] = unbreakable_names(parts[footnotes].decode("utf-8")).encode("utf-8")
    stamp = datetime(year.year, 12, 31, 12, 0, 0)
    creator = short_name(year.chair, year.as_of, locale) if year.chair else "JHA Agencies’ Network"
    core = with_core_part(parts, template.core)
    parts[core] = core_properties(
        title=f"{translate(_TITLES[name], locale)} {year.year}",
        subject=translate("Justice and Home Affairs Agencies’ Network", locale),
        creator=creator, keywords="DRAFT" if draft else "", stamp=stamp,
        identifier=properties.get("identifier", ""), language=properties.get("language", ""),
        description="" if properties.get("description") == _PYTHON_DOCX_STAMP
        else properties.get("description", ""),
        category=template.properties.get("category", ""))
    set_language(parts, locale)
    texts = [text for part in (template.document, template.footnotes or "word/footnotes.xml")
             if part in parts for text in paragraph_texts(parts[part])]
    return write_package(parts, stamp), texts


# python-docx writes this description into every document it makes, templates included
_PYTHON_DOCX_STAMP = "generated by python-docx"


def _writable(value: Any) -> Any:
    """Jinja's finalize while looking for a value that XML cannot hold."""
    if isinstance(value, str) and not isinstance(value, Xml):
        check_writable(value)
    return value


def render_parts(template: WordTemplate, environment: SandboxedEnvironment,
              variables: Mapping[str, Any], writer: WordWriter
              ) -> tuple[dict[str, bytes], dict[str, str]]:
    """Every part of the package once the template is rendered, and the rendered core
    properties. Each rendered part is read through once by lxml; the body is built as a tree
    only for docxtpl's table fix or to number the template's own pictures."""
    compiled = template.compile(environment)
    rendered: dict[str, bytes] = {}
    for part in template.sources:
        writer.part = part
        # names such as eu-LISA keep their hyphen on one line (the footnotes: see `build`)
        rendered[part] = compiled.render_part_bytes(
            part, variables, DECLARATION,
            unbreakable_names if part == template.document else None)
    marked = has_passages(rendered[template.document])
    writer.part = template.document
    properties = {field: plain(str(t.render(variables)))
                  for field, t in compiled.properties.items()}
    changed = writer.finish(rendered)
    body = rendered[template.document]
    if template.fixes_tables or template.own_drawings:
        tree = fix_tables(checked(body)) if template.fixes_tables \
            else etree.fromstring(body, etree.XMLParser(huge_tree=True))
        if template.own_drawings:
            for number, drawing in enumerate(tree.iter(f"{{{_WP}}}docPr"), start=1001):
                drawing.set("id", str(number))
        rendered[template.document] = DECLARATION + etree.tostring(tree, encoding="UTF-8")
    else:
        checked(body)
    if marked:  # the passages in another language, once their runs are cut
        rendered[template.document] = unbreakable_names(
            rendered[template.document].decode("utf-8")).encode("utf-8")
    for part, data in rendered.items():
        if part != template.document and part not in changed:
            checked(data)
    return {**template.entries, **rendered, **changed}, properties


_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


_TITLES = {"final-report": "Final report", "scorecard-annex": "Scorecard annex",
           "acronyms": "List of acronyms"}


@collector_paused
def build(source: str | Path | YearRecords, out: str | Path, *, draft: bool = False,
          strict: bool = False, locale: str = "en", templates: str | Path | None = None,
          pdf: bool = False, pdf_timeout: float = 120, html: bool = False, docx: bool = True,
          allow_untranslated: bool = False,
          progress: Callable[[str], None] | None = None) -> BuildResult:
    """Build the year's documents into `out`: final-report.docx, scorecard-annex.docx and
    acronyms.docx, for those the year has content for (all three with `draft`).

    With `html`, the HTML edition of the same documents goes into `out/html/` (index.html, a
    page per document, style.css), linking to the .docx and PDFs built with it; with `docx`
    false, the HTML edition alone is built.

    With `pdf`, LibreOffice also makes a PDF of each (within `pdf_timeout` seconds) after
    refreshing its table of contents, and the final report's .docx carries the refreshed table
    too. `source` is a year's fixtures folder or records already loaded.

    In another language than the records' (English), a final build refuses texts left
    untranslated (UntranslatedError, saying how many and where): the year's texts without a
    translation in `translations/<language>/`, and the meanings of the acronyms the documents
    use; with `allow_untranslated` they stay as written, and a `draft` highlights them. Either
    way such passages declare their own language. Records passed in count as untranslated the
    texts marked so (`load_year(folder, locale)` marks them).

    Raises LoadError for bad fixtures, UntranslatedError as above, and BuildError for anything
    else (a locale jhareport writes no documents in, among others); then nothing is written,
    except when LibreOffice is missing: the .docx are written, and BuildError says how to
    install it.
    """
    unfit = unsupported_locale(locale)
    if unfit:
        raise BuildError([unfit])
    loaded: tuple[str, ...] = ()
    glossaries: tuple[Path, ...] = ()
    where = None
    if isinstance(source, YearRecords):
        records = source
        problems = record_problems(records)
        if problems:
            raise LoadError(problems)
    else:  # with the year's own translations into the locale's language
        records, year_texts = load_year_and_texts(source, locale)
        if year_texts is not None:
            note = year_texts.note(records.year.year)
            loaded = (note,) if note else ()
            glossaries, where = year_texts.glossary_translations, year_texts.root
    refuse_untranslated = not (draft or allow_untranslated)
    left = missing_translations(records, locale, where=where, glossary=glossaries)
    if left and refuse_untranslated:
        raise UntranslatedError(left)
    target = Path(out)
    template_dir = Path(templates) if templates is not None else None
    say = progress or (lambda message: None)
    if not (docx or html):
        raise BuildError(["nothing to build: ask for the Word documents, the HTML edition or "
                          "both"])
    if pdf and not docx:
        raise BuildError(["the PDFs are made from the Word documents: build them too to have "
                          "PDFs"])
    if pdf and not pdf_timeout > 0:
        raise BuildError([f"the time limit for the PDFs must be more than 0 seconds, not "
                          f"{pdf_timeout:g}"])
    if template_dir is not None:
        unfit = folder_problem(template_dir, "a folder of templates")
        if unfit:
            raise BuildError([f"{template_dir}: {unfit}"])
        misnamed = _near_misses(template_dir, str(reader_locale(locale).language))
        if misnamed:
            raise BuildError(misnamed)
    # The output folder is checked before rendering: not a file, a system folder or the fixtures.
    unfit = output_folder_problem(target, None if isinstance(source, YearRecords) else Path(source))
    if unfit:
        raise BuildError([unfit])

    wanted_report = draft or has_final_report_content(records)
    # A draft shows the final report's gaps; a scorecard annex only for a year that has one.
    wanted_scorecard = records.scorecard is not None
    refusals = final_build_refusals(records, draft)
    if refusals:
        raise BuildError(refusals)

    office: OfficeTools | None = None
    missing: PdfError | None = None
    if pdf:  # LibreOffice's tools are looked for, and their module loaded, only for PDFs
        from ..office.pdf import PdfError, find_office, start_session

        try:
            office = find_office()
        except PdfError as error:
            missing = error

    session: Session | None = None
    if office is not None:  # LibreOffice starts while the documents are made
        try:
            session = start_session(office)
        except PdfError as error:
            raise BuildError([str(error)]) from None
    try:
        rendered: dict[str, bytes] = {}
        texts: list[str] = []
        notes: list[str] = []
        def render_report(acronyms: list[Acronym]) -> tuple[bytes, list[str]]:
            return _render("final-report", _template_path("final-report", template_dir, locale),
                           as_variables(final_report_context(records, locale, acronyms)), draft=draft,
                           locale=locale, records=records, notes=notes)

        edition: HtmlEdition | None = None
        if html:
            from ..html.build import HtmlEdition

            edition = HtmlEdition(records, locale=locale, draft=draft, templates=template_dir)
        if wanted_report and docx:
            say("rendering final-report.docx")
            rendered["final-report"], texts = render_report([])
        if wanted_scorecard and docx:
            say("rendering scorecard-annex.docx")
            rendered["scorecard-annex"], annex_texts = _render(
                "scorecard-annex", _template_path("scorecard-annex", template_dir, locale),
                as_variables(scorecard_context(records, locale)), draft=draft, locale=locale,
                records=records, notes=notes)
            texts += annex_texts
        if edition is not None and not docx:  # the acronyms are those of the pages
            texts = edition.texts(report=wanted_report, scorecard=wanted_scorecard)

        scan = document_acronyms(records, texts, locale)
        used, unlisted = scan.used, scan.unlisted
        untranslated = untranslated_acronyms(used)
        if untranslated and refuse_untranslated:  # acronyms only the templates write
            raise UntranslatedError(MissingTranslations(records.year.year, left.language, (),
                                                        untranslated, where, glossaries))
        if untranslated:
            left = attrs.evolve(left, acronyms=untranslated)
        unlisted_note = f"acronyms used but not in the glossary: {shown_list(unlisted)}"
        if strict and unlisted:
            raise BuildError([f"{unlisted_note} (add them to the glossary, or build without --strict)"])
        if docx and wanted_report and any(s.holds == "acronyms" for s in outline(records)):
            say("rendering final-report.docx again, with its list of acronyms")
            rendered["final-report"], _ = render_report(used)
        if docx and (used or draft):
            say("rendering acronyms.docx")
            rendered["acronyms"], _ = _render(
                "acronyms", _template_path("acronyms", template_dir, locale),
                as_variables(acronyms_context(records, used)), draft=draft, locale=locale,
                records=records, notes=notes)
        meanings = [left.acronyms_note()] if left.acronyms else []
        warnings = [*loaded, *meanings, *notes, *([unlisted_note] if unlisted else [])]
        pictureless = pictureless_figures(records) if wanted_report and not draft else []
        if pictureless:  # a draft marks each missing picture on its page
            warnings.append(f"figures without their picture, each shown by its caption alone: "
                            f"{shown_list(pictureless)} (give each its picture in figures.yaml)")

        outputs = {target / f"{name}.docx": data for name, data in rendered.items()}
        if session is not None:
            say(f"converting {len(rendered)} documents to PDF with LibreOffice")
            outputs, font_warnings = _with_pdfs(rendered, target, session, pdf_timeout,
                                                datetime(records.year.year, 12, 31, 12, 0, 0))
            warnings.extend(font_warnings)
        if edition is not None:
            say("rendering the HTML edition")
            pages = edition.pages(used, report=wanted_report, scorecard=wanted_scorecard,
                                  downloads=_downloads(rendered, pdf=office is not None,
                                                       locale=locale))
            outputs.update({target / "html" / name: data for name, data in pages.items()})
        try:
            write_atomically(outputs)
        except OutputError as error:  # every earlier output is as it was
            raise BuildError([str(error)]) from None
        if missing is not None:
            raise BuildError([f"{missing}; the .docx documents were written to {target}, "
                              "without PDF"])
        return BuildResult(tuple(outputs), tuple(shortened(w) for w in warnings), len(used))
    finally:
        if session is not None:
            session.close()


def _downloads(rendered: Mapping[str, bytes], *, pdf: bool, locale: str) -> dict[str, list[Link]]:
    """The links of each page of the HTML edition to its document's Word and PDF versions."""
    from ..html.build import Link

    return {name: [Link(translate("Word document", locale), f"../{name}.docx"),
                   *([Link(translate("PDF document", locale), f"../{name}.pdf")] if pdf else [])]
            for name in rendered}


def _with_pdfs(rendered: dict[str, bytes], target: Path, session: Session, timeout: float,
               stamp: datetime) -> tuple[dict[Path, bytes], list[str]]:
    """The documents and their PDFs; a document with a table of contents gets LibreOffice's
    refreshed entries (true page numbers) in its .docx too. And a warning for each font the
    documents name that LibreOffice had neither in itself nor in a metric-compatible twin."""
    from ..office.fonts import font_warning, missing_fonts
    from ..office.pdf import PdfError, convert, has_toc, normalise_pdf, splice_toc
    from .fonts import fonts_named

    outputs: dict[Path, bytes] = {}
    with tempfile.TemporaryDirectory(prefix="jhareport-build-") as temporary:
        work = Path(temporary)
        paths = []
        for name, data in rendered.items():
            path = work / f"{name}.docx"
            path.write_bytes(data)
            paths.append(path)
        try:
            result = convert(paths, work / "pdf", timeout=timeout, session=session)
        except PdfError as error:
            raise BuildError([str(error)]) from None
    for name, data in rendered.items():
        converted = result[f"{name}.docx"]
        document = data
        if has_toc(data):
            document = splice_toc(data, converted.refreshed_docx)
        outputs[target / f"{name}.docx"] = document
        outputs[target / f"{name}.pdf"] = normalise_pdf(converted.pdf, stamp)
    if result.fonts is None:  # LibreOffice could not say which fonts it has
        return outputs, []
    named = {font for data in rendered.values() for font in fonts_named(data)}
    return outputs, [font_warning(missing) for missing in missing_fonts(named, result.fonts)]
