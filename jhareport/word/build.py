"""A year's documents built from its records: the final report, the scorecard annex, the acronyms."""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Callable, Mapping
from datetime import datetime
from importlib.resources import files
from pathlib import Path
from typing import Any

from attrs import frozen
from babel import UnknownLocaleError
from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate
from jinja2 import TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from ..checks import record_problems
from ..files import OutputError, output_folder_problem, write_atomically
from ..loading import LoadError, load_year
from ..office.pdf import (
    OfficeTools,
    PdfError,
    convert,
    find_office,
    has_toc,
    normalise_pdf,
    splice_toc,
)
from ..periods import reader_locale
from ..records import Acronym, YearRecords
from ..template_tools.inspect import TemplateReadError
from ..template_tools.lint import lint
from ..template_tools.package_check import PackageError, check_package
from ..views import (
    acronyms_context,
    acronyms_in,
    as_variables,
    final_report_context,
    final_report_gaps,
    has_final_report_content,
    outline,
    scorecard_context,
    unlisted_acronyms,
)
from .environment import template_environment
from .language import document_language
from .locate import explain
from .package import document_texts, normalise
from .writer import WordWriter

__all__ = ["DOCUMENTS", "BuildError", "BuildResult", "build", "template_environment"]

DOCUMENTS = ("final-report", "scorecard-annex", "acronyms")
DEFAULT_TEMPLATES = Path(str(files("jhareport") / "templates"))


class BuildError(Exception):
    """A build that cannot be done; `problems` lists every reason. Nothing was written."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@frozen
class BuildResult:
    """What a build wrote, and what it noticed on the way."""

    outputs: tuple[Path, ...]
    warnings: tuple[str, ...]
    acronyms: int


def _template_path(name: str, templates: Path | None) -> Path:
    if templates is not None and (templates / f"{name}.docx").is_file():
        return templates / f"{name}.docx"
    return DEFAULT_TEMPLATES / f"{name}.docx"


def _render(name: str, path: Path, context: Mapping[str, Any], *, draft: bool, locale: str,
            records: YearRecords, notes: list[str]) -> bytes:
    """The document made from one template. An agency's own template is linted first: what lint
    finds is added to `notes` (warnings), and to the error if the template fails."""
    year = records.year
    try:  # a hostile template (zip bomb, corrupt stream, DOCTYPE) is refused before inflating
        check_package(path)
    except PackageError as error:
        raise BuildError([str(error)]) from None
    found: list[str] = []
    if path.parent.resolve() != DEFAULT_TEMPLATES.resolve():
        try:
            found = [f"{path}: {problem}" for problem in lint(path, name)]
        except TemplateReadError:
            found = []  # said below, when the template is opened
    try:
        template = DocxTemplate(str(path))
        template.init_docx()
    except (PackageNotFoundError, zipfile.BadZipFile, etree.XMLSyntaxError, OSError) as error:
        raise BuildError([f"{path}: not a readable Word template ({error})"]) from None
    writer = WordWriter(template, draft, locale)

    def environment() -> SandboxedEnvironment:
        env = template_environment(locale, year.as_of)
        env.filters["rich"] = writer.rich
        env.filters["chart"] = writer.chart
        env.globals["todo"] = writer.todo
        env.globals["heading"] = writer.heading
        return env

    variables = {**context, "draft": draft, "locale": locale}
    try:
        template.render(variables, environment(), autoescape=True)
        writer.finish()
    except (etree.XMLSyntaxError, TemplateSyntaxError) as error:
        raise BuildError(found or [f"{path}: the template is broken ({error}); "
                                   f"`jhareport template lint {path}` shows where"]) from None
    except Exception as error:  # a template may fail in any filter: say where, and on what
        shown = explain(path, variables, environment, error)
        raise BuildError([shown, *(f"also: {f}" for f in found if f != shown)]) from None
    notes.extend(f"template lint: {f}" for f in found)
    properties = template.docx.core_properties
    stamp = datetime(year.year, 12, 31, 12, 0, 0)
    properties.title = f"{_TITLES[name]} {year.year}"
    properties.subject = "Justice and Home Affairs Agencies' Network"
    properties.author = (year.chair.short_on(year.as_of) if year.chair
                         else "JHA Agencies' Network")
    properties.last_modified_by = properties.author
    properties.created = stamp
    properties.modified = stamp
    properties.last_printed = stamp
    properties.revision = 1
    properties.keywords = "DRAFT" if draft else ""
    buffer = io.BytesIO()
    template.save(buffer)
    return normalise(document_language(buffer.getvalue(), locale), stamp)


_TITLES = {"final-report": "Final report", "scorecard-annex": "Scorecard annex",
           "acronyms": "List of acronyms"}


def build(source: str | Path | YearRecords, out: str | Path, *, draft: bool = False,
          strict: bool = False, locale: str = "en", templates: str | Path | None = None,
          pdf: bool = False, pdf_timeout: float = 120,
          progress: Callable[[str], None] | None = None) -> BuildResult:
    """Build the year's documents into `out`: final-report.docx, scorecard-annex.docx and
    acronyms.docx, for those the year has content for (all three with `draft`).

    With `pdf`, LibreOffice also makes a PDF of each (within `pdf_timeout` seconds) after
    refreshing its table of contents, and the final report's .docx carries the refreshed table
    too. `source` is a year's fixtures folder or records already loaded. Raises LoadError for
    bad fixtures and BuildError for anything else; then nothing is written, except when
    LibreOffice is missing: the .docx are written, and BuildError says how to install it.
    """
    if isinstance(source, YearRecords):
        records = source
        problems = record_problems(records)
        if problems:
            raise LoadError(problems)
    else:
        records = load_year(source)
    target = Path(out)
    template_dir = Path(templates) if templates is not None else None
    say = progress or (lambda message: None)
    try:
        reader_locale(locale)
    except (ValueError, UnknownLocaleError):
        raise BuildError([f"unknown locale {locale!r} (use e.g. en, fr, de)"]) from None
    if pdf and not pdf_timeout > 0:
        raise BuildError([f"the time limit for the PDFs must be more than 0 seconds, not "
                          f"{pdf_timeout:g}"])
    if template_dir is not None and not template_dir.is_dir():
        raise BuildError([f"{template_dir}: no such template folder"])
    # The output folder is checked before rendering: not a file, a system folder or the fixtures.
    unfit = output_folder_problem(target, None if isinstance(source, YearRecords) else Path(source))
    if unfit:
        raise BuildError([unfit])

    wanted_report = draft or has_final_report_content(records)
    wanted_scorecard = draft or records.scorecard is not None
    if not (wanted_report or wanted_scorecard):
        raise BuildError([f"the year {records.year.year} has no content for a final report or a "
                          "scorecard annex (use --draft for documents with placeholders)"])
    if wanted_report and not draft:
        gaps = final_report_gaps(records)
        if gaps:
            raise BuildError([f"the final report lacks: {', '.join(gaps)} "
                              "(complete the fixtures, or build with --draft)"])

    office: OfficeTools | None = None
    missing: PdfError | None = None
    if pdf:
        try:
            office = find_office()
        except PdfError as error:
            missing = error

    rendered: dict[str, bytes] = {}
    notes: list[str] = []
    def render_report(acronyms: list[Acronym]) -> bytes:
        return _render("final-report", _template_path("final-report", template_dir),
                       as_variables(final_report_context(records, locale, acronyms)), draft=draft,
                       locale=locale, records=records, notes=notes)

    if wanted_report:
        say("rendering final-report.docx")
        rendered["final-report"] = render_report([])
    if wanted_scorecard:
        say("rendering scorecard-annex.docx")
        rendered["scorecard-annex"] = _render(
            "scorecard-annex", _template_path("scorecard-annex", template_dir),
            as_variables(scorecard_context(records)), draft=draft, locale=locale,
            records=records, notes=notes)

    texts = [t for data in rendered.values() for t in document_texts(data)]
    used = acronyms_in(texts, records.glossary)
    unlisted = unlisted_acronyms(texts, records.glossary, records.year.not_acronyms)
    unlisted_note = f"acronyms used but not in the glossary: {', '.join(unlisted)}"
    if strict and unlisted:
        raise BuildError([f"{unlisted_note} (add them to the glossary, or build without --strict)"])
    if wanted_report and any(s.holds == "acronyms" for s in outline(records)):
        say("rendering final-report.docx again, with its list of acronyms")
        rendered["final-report"] = render_report(used)
    if used or draft:
        say("rendering acronyms.docx")
        rendered["acronyms"] = _render(
            "acronyms", _template_path("acronyms", template_dir),
            as_variables(acronyms_context(records, used)), draft=draft, locale=locale,
            records=records, notes=notes)
    warnings = [*notes, *([unlisted_note] if unlisted else [])]

    outputs = {target / f"{name}.docx": data for name, data in rendered.items()}
    if office is not None:
        say(f"converting {len(rendered)} documents to PDF with LibreOffice")
        outputs = _with_pdfs(rendered, target, office, pdf_timeout,
                             datetime(records.year.year, 12, 31, 12, 0, 0))
    try:
        write_atomically(outputs)
    except OutputError as error:  # every earlier output is as it was
        raise BuildError([str(error)]) from None
    if missing is not None:
        raise BuildError([f"{missing}; the .docx documents were written to {target}, "
                          "without PDF"])
    return BuildResult(tuple(outputs), tuple(warnings), len(used))


def _with_pdfs(rendered: dict[str, bytes], target: Path, office: OfficeTools, timeout: float,
               stamp: datetime) -> dict[Path, bytes]:
    """The documents and their PDFs; a document with a table of contents gets LibreOffice's
    refreshed entries (true page numbers) in its .docx too."""
    outputs: dict[Path, bytes] = {}
    with tempfile.TemporaryDirectory(prefix="jhareport-build-") as temporary:
        work = Path(temporary)
        paths = []
        for name, data in rendered.items():
            path = work / f"{name}.docx"
            path.write_bytes(data)
            paths.append(path)
        try:
            result = convert(paths, work / "pdf", timeout=timeout, office=office)
        except PdfError as error:
            raise BuildError([str(error)]) from None
    for name, data in rendered.items():
        converted = result[f"{name}.docx"]
        document = data
        if has_toc(data):
            document = splice_toc(data, converted.refreshed_docx)
        outputs[target / f"{name}.docx"] = document
        outputs[target / f"{name}.pdf"] = normalise_pdf(converted.pdf, stamp)
    return outputs
