"""The `jhareport` command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from .errors import InputError
from .loading import load_year_and_texts
from .messages import capped
from .records import YearRecords
from .template_tools.schema import DOCXTPL, FILTER_ENTRY_POINTS, KINDS
from .translations import UntranslatedError
from .word.build import build

__all__ = ["main"]


def _summary(records: YearRecords) -> str:
    year = records.year
    counts = [  # (one, several, how many)
        ("meeting", "meetings", len(records.meetings)),
        ("working group", "working groups", len(records.working_groups)),
        ("thematic event", "thematic events", len(records.thematic_events)),
        ("other activity", "other activities", len(records.other_activities)),
        ("network product", "network products", len(records.network_products)),
        ("highlight", "highlights", len(records.highlights)),
        ("priority", "priorities", len(records.priorities)),
        ("scorecard action", "scorecard actions",
         len(records.scorecard.actions) if records.scorecard else 0),
        ("acronym", "acronyms", len(records.glossary)),
        ("operational action", "operational actions",
         sum(len(p.actions) for p in records.action_plans)),
        ("annex table", "annex tables", len(records.tables)),
        ("annex figure", "annex figures", len(records.figures)),
    ]
    chair = f" (chair {year.chair.short_on(year.as_of)})" if year.chair else ""
    shown = ", ".join(f"{n} {one if n == 1 else several}" for one, several, n in counts if n)
    return f"{year.year}{chair}: {shown or 'no records'}"


def _check(args: argparse.Namespace) -> int:
    from .exchange.coverage import missing_translations
    from .views import final_build_refusals

    records, texts = load_year_and_texts(args.path, args.locale)
    refusals = final_build_refusals(records, args.draft)
    if refusals:
        # As `build` says it: what `check` passes, a final build does not refuse.
        joined = "\n".join(refusals)
        print(f"error: {joined}", file=sys.stderr)
        return 2
    missing = None
    if texts is not None:  # the same as `untranslated`, from the records already loaded
        missing = missing_translations(records, args.locale, where=texts.root,
                                       glossary=texts.glossary_translations)
        if missing and not (args.allow_untranslated or args.draft):
            raise UntranslatedError(missing)
    print(f"ok: {_summary(records)}")
    if missing:
        for line in str(missing).splitlines():
            if not line.startswith("  "):
                print(f"note: {line.removesuffix(':')}")
    if args.draft:
        for refusal in final_build_refusals(records):
            print(f"note: a final build would say: {refusal}")
    return 0


def _build(args: argparse.Namespace) -> int:
    def progress(message: str) -> None:
        print(f"  {message}", file=sys.stderr)

    result = build(args.path, args.out, draft=args.draft, strict=args.strict, locale=args.locale,
                   templates=args.templates, pdf=args.pdf, pdf_timeout=args.pdf_timeout,
                   html=args.html or args.html_only, docx=not args.html_only,
                   allow_untranslated=args.allow_untranslated, progress=progress)
    for warning in result.warnings:
        print(f"warning: {capped(warning)}", file=sys.stderr)
    names = ", ".join(str(p.relative_to(args.out)) for p in result.outputs)
    kind = "draft " if args.draft else ""
    count = len(result.outputs)  # files, .docx and .pdf alike: the names follow
    print(f"wrote {count} {kind}file{'s' if count != 1 else ''} to {args.out}: {names} "
          f"({result.acronyms} acronyms listed)")
    return 0


def _site(args: argparse.Namespace) -> int:
    from .html.site import build_site

    def progress(message: str) -> None:
        print(f"  {message}", file=sys.stderr)

    result = build_site(args.fixtures, args.out, locales=args.locale or ["en"],
                        templates=args.templates, allow_untranslated=args.allow_untranslated,
                        progress=progress)
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    shown = "; ".join(f"{y.year} ({', '.join(link.text for link in y.editions)})"
                      for y in result.years if y.editions)
    print(f"wrote the site to {args.out}: {len(result.outputs)} files, {shown}")
    return 0


def _template_show(args: argparse.Namespace) -> int:
    from .template_tools.inspect import read, show_lines, template_paths

    paths = template_paths(args.templates)
    failed = False
    for number, path in enumerate(paths):
        try:
            lines = show_lines(read(path))
        except InputError as error:
            print(f"error: {error}", file=sys.stderr)
            failed = True
            continue
        if len(paths) > 1:  # as head(1) names the files it prints
            print(f"{chr(10) if number else ''}==> {path} <==")
        sys.stdout.write("".join(f"{line}\n" for line in lines))
    return 2 if failed else 0


def _template_lint(args: argparse.Namespace) -> int:
    from .template_tools.inspect import template_paths
    from .template_tools.lint import lint_many

    filters = [name.strip() for given in args.filters for name in given.split(",") if name.strip()]
    paths = template_paths(args.templates)
    failed = 0
    for path, found in lint_many(paths, args.kind, filters):
        if isinstance(found, InputError):
            print(f"error: {found}", file=sys.stderr)
            failed += 1
            continue
        for problem in found:
            print(f"{path}: {problem.place}: {problem.severity}: {problem.message}",
                  file=sys.stderr)
        errors = sum(p.severity == "error" for p in found)
        warnings = len(found) - errors
        counted = " and ".join(_count(n, noun) for n, noun in ((errors, "error"),
                                                               (warnings, "warning")) if n)
        if errors or (warnings and args.strict):
            failed += 1
            strict = " (--strict: warnings fail)" if not errors else ""
            print(f"{counted} in {path}{strict}", file=sys.stderr)
        else:
            print(f"ok: {path}" + (f" ({counted})" if warnings else ""))
    if len(paths) > 1:
        print(f"{_count(len(paths), 'template')} linted: {len(paths) - failed} ok, {failed} failed")
    return 2 if failed else 0


def _template_variables(args: argparse.Namespace) -> int:
    from .template_tools.variables import variables, variables_json, variables_text

    found = variables(args.template)
    if args.json:
        import json

        print(json.dumps({"template": str(args.template), "variables": variables_json(found)},
                         ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(variables_text(found))
    return 0


def _template_reference(args: argparse.Namespace) -> int:
    from .template_tools.reference import reference

    sys.stdout.write(reference())
    return 0


def _preview(args: argparse.Namespace) -> int:
    from .office.preview import preview

    pictures = preview(args.folder, resolution=args.resolution, first=args.first, last=args.last,
                       out=args.out)
    folders = sorted({str(p.parent) for p in pictures})
    print(f"wrote {len(pictures)} page pictures to {', '.join(folders)}")
    return 0


# -- contributions from the agencies, and the next year's folder --------------------------------
# (imported when their command runs: a build does not pay for reading Word forms)


def _contributions_forms(args: argparse.Namespace) -> int:
    from . import contributions

    paths = contributions.write_forms(args.year, args.out, agencies=args.agency, due=args.due)
    print(f"wrote {_count(len(paths), 'form')} to {args.out}: {', '.join(p.name for p in paths)}")
    print(f"kept what the forms show in {paths.base} (the import reads each form against it)")
    if paths.ids:
        print(f"gave an id to each scorecard action without one, in "
              f"{', '.join(str(p) for p in paths.ids)}")
    return 0


def _count(count: int, noun: str, plural: str | None = None) -> str:
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"


def _contributions_import(args: argparse.Namespace) -> int:
    from . import contributions
    from .contributions.problems import capped

    result = contributions.import_forms(args.forms, args.into, take=args.take, skip=args.skip,
                                        remove=args.remove)
    for form in result.forms:
        print(form)
        for change in form.changes:
            print(f"  {change}")
    if result.conflicts:
        print("conflicts decided:")
        for conflict in result.conflicts:
            print(conflict)
    for duplicate in result.duplicates:
        print(f"warning: {duplicate}", file=sys.stderr)
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    if result.passed_over:
        print(f"passed over in {args.forms}: {_count(len(result.passed_over), 'file')}",
              file=sys.stderr)
        for line in capped([str(p) for p in result.passed_over]):
            print(f"  {line}", file=sys.stderr)
    imported = sum(1 for f in result.forms if f.status == "imported")
    files = ", ".join(str(p) for p in result.written) or "no file changed"
    print(f"{_count(len(result.forms), 'form')} read, {imported:,} imported, "
          f"{_count(len(result.changes), 'change')}: {files}")
    return 0


def _contributions_status(args: argparse.Namespace) -> int:
    from . import contributions

    sys.stdout.write(str(contributions.contribution_status(args.forms, args.year, due=args.due)))
    return 0


def _year_next(args: argparse.Namespace) -> int:
    from . import contributions

    trio = [n.strip() for n in args.trio.split(",") if n.strip()] if args.trio else None
    result = contributions.next_year(args.year, args.out, chair=args.chair, trio=trio,
                                     next_chair=args.next_chair, presidencies=args.presidency)
    print(result)
    return 0


def _translations_export(args: argparse.Namespace) -> int:
    from .exchange import export_translations

    print(export_translations(args.year, args.out, to=args.to, untranslated=args.untranslated))
    return 0


def _translations_import(args: argparse.Namespace) -> int:
    from .exchange import import_translations

    print(import_translations(args.file, args.into))
    return 0


def _add_translation_commands(commands: Any) -> None:
    group = commands.add_parser(
        "translations", help="a year's texts out to translators (XLIFF 1.2), their work back in")
    steps = group.add_subparsers(dest="step", required=True, metavar="STEP")
    out = steps.add_parser("export", help="write the year's texts to an XLIFF 1.2 file for a CAT "
                           "tool, with the translations the year has")
    out.add_argument("year", type=Path, metavar="YEAR_DIR", help="the year's folder of YAML files")
    out.add_argument("--to", required=True, metavar="LANGUAGE",
                     help="the language to translate into (fr, de…)")
    out.add_argument("--out", type=Path, required=True, metavar="FILE",
                     help="the XLIFF file to write (FILE.xlf)")
    out.add_argument("--untranslated", action="store_true",
                     help="only the texts without a translation, or whose English changed since")
    out.set_defaults(run=_translations_export)
    taken = steps.add_parser("import", help="read a translated XLIFF file into the year's "
                             "translations/<language>/; nothing is written on any problem")
    taken.add_argument("file", type=Path, metavar="FILE", help="the translated XLIFF file")
    taken.add_argument("--into", type=Path, required=True, metavar="YEAR_DIR",
                       help="the year's folder of YAML files")
    taken.set_defaults(run=_translations_import)


def _due_date(text: str) -> date:
    from .periods import PeriodError, Unit, parse_period

    try:
        period = parse_period(text)
    except PeriodError:
        period = None
    if period is None or period.unit is not Unit.DAY or period.start != period.end:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day such as 17 January 2025 or "
                                         "2025-01-17")
    return period.start


def _add_contribution_commands(commands: Any) -> None:
    group = commands.add_parser(
        "contributions", help="forms out to the agencies, returned forms in, where things stand")
    steps = group.add_subparsers(dest="step", required=True, metavar="STEP")
    forms = steps.add_parser("forms", help="write one Word form per agency, pre-filled")
    forms.add_argument("year", type=Path, metavar="YEAR_DIR", help="the year's folder of YAML files")
    forms.add_argument("--out", type=Path, required=True, help="the folder to write the forms to")
    forms.add_argument("--agency", action="append", default=None, metavar="NAME",
                       help="only this agency (repeat for more; default: all nine)")
    forms.add_argument("--due", type=_due_date, default=None, metavar="DATE",
                       help="the date the forms are due, e.g. '17 January 2025' or 2025-01-17")
    forms.set_defaults(run=_contributions_forms)
    taken = steps.add_parser(
        "import", help="merge the returned forms into the year's YAML files, entry by entry")
    taken.add_argument("forms", type=Path, metavar="DIR", help="the folder of returned forms")
    taken.add_argument("--into", type=Path, required=True, metavar="YEAR_DIR",
                       help="the year's folder of YAML files to update")
    taken.add_argument("--take", action="append", default=[], metavar="RECORD.ENTRY=WHO",
                       help="decide a conflict: RECORD.ENTRY=AGENCY (or =year) for one entry, "
                       "AGENCY for every conflict it is party to, year for all (repeat for "
                       "more)")
    taken.add_argument("--skip", action="append", default=[], metavar="AGENCY|FILE",
                       help="leave out an agency's form (or a file) and import the others "
                       "meanwhile (repeat for more)")
    taken.add_argument("--remove", action="append", default=[], metavar="RECORD",
                       help="remove a record an agency left, though other agencies are still "
                       "on it (repeat for more)")
    taken.set_defaults(run=_contributions_import)
    status = steps.add_parser(
        "status", help="who returned a form and when, late or not, what each changed, reminders")
    status.add_argument("forms", type=Path, metavar="DIR", help="the folder of returned forms")
    status.add_argument("--year", type=Path, required=True, metavar="YEAR_DIR",
                        help="the year's folder of YAML files")
    status.add_argument("--due", type=_due_date, default=None, metavar="DATE",
                        help="the due date (default: the one the forms carry)")
    status.set_defaults(run=_contributions_status)

    year = commands.add_parser("year", help="start a year's folder")
    actions = year.add_subparsers(dest="action", required=True, metavar="ACTION")
    following = actions.add_parser(
        "next", help="next year's folder: priority topics, chairs, open scorecard actions")
    following.add_argument("year", type=Path, metavar="YEAR_DIR", help="this year's folder")
    following.add_argument("--out", type=Path, required=True, metavar="NEW_DIR",
                           help="the new year's folder (must not exist or be empty)")
    following.add_argument("--chair", required=True, metavar="AGENCY",
                           help="the agency chairing the network next year")
    following.add_argument("--trio", default=None, metavar="AGENCY,AGENCY,AGENCY",
                           help="the trio presidency (previous, current, next chair), when last "
                           "year's does not run on")
    following.add_argument("--next-chair", default=None, metavar="AGENCY",
                           help="the agency chairing the year after (default: from the trio)")
    following.add_argument("--presidency", action="append", default=None, metavar="STATE",
                           help="a Council presidency of the year (repeat; default: the "
                           "Council's rota)")
    following.set_defaults(run=_year_next)


def _version() -> str:
    """The installed package's version (as pip shows it)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("jhareport")
    except PackageNotFoundError:  # run from a copy of the sources that was never installed
        return "(not installed)"


class _Version(argparse.Action):
    """--version, looked up only when asked for (reading the metadata slows every start)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS,
                 default: Any = argparse.SUPPRESS, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=default, help=help)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> None:
        print(f"jhareport {_version()}")
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jhareport",
        description="Assemble the annual reports of the EU JHA Agencies' Network.")
    parser.add_argument("--version", action=_Version, help="show the installed version and exit")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser(
        "check", help="validate a year's fixtures and report every problem, and every gap a "
        "final build would refuse")
    check.add_argument("path", type=Path, help="the year's folder of YAML files")
    check.add_argument("--locale", default=None,
                       help="also check the year's translations into its language (fr, de…), "
                       "and that every text has one")
    check.add_argument("--allow-untranslated", action="store_true",
                       help="with --locale: texts without a translation are a note, not an error")
    check.add_argument("--draft", action="store_true",
                       help="accept what only a draft may show: missing sections, last year's "
                       "texts to rewrite, texts without a translation (a final build refuses them)")
    check.set_defaults(run=_check)

    run = commands.add_parser(
        "build", help="build the year's final report, scorecard annex and list of acronyms")
    run.add_argument("path", type=Path, help="the year's folder of YAML files")
    run.add_argument("--out", type=Path, required=True, help="the folder to write the documents to")
    run.add_argument("--draft", action="store_true",
                     help="show missing content as highlighted placeholders and mark DRAFT")
    run.add_argument("--strict", action="store_true",
                     help="fail when an acronym used is missing from the glossary")
    run.add_argument("--locale", default="en",
                     help="the documents' language, and how dates and numbers read (en, fr, de, "
                     "fr_BE…)")
    run.add_argument("--allow-untranslated", action="store_true",
                     help="in another language than the records': keep texts that have no "
                     "translation as written (marked with their language) instead of refusing")
    run.add_argument("--templates", type=Path, default=None,
                     help="a folder with the agency's own templates (same file names)")
    run.add_argument("--pdf", action="store_true",
                     help="also write a PDF of each document, with the table of contents "
                     "refreshed (needs LibreOffice)")
    run.add_argument("--pdf-timeout", type=float, default=120, metavar="SECONDS",
                     help="how long LibreOffice may take for the PDFs (default 120)")
    run.add_argument("--html", action="store_true",
                     help="also write the HTML edition of the documents into DIR/html/")
    run.add_argument("--html-only", action="store_true",
                     help="write the HTML edition alone, without the Word documents")
    run.set_defaults(run=_build)

    site = commands.add_parser(
        "site", help="build every year of a fixtures folder, in each language, into one web site")
    site.add_argument("fixtures", type=Path, metavar="FIXTURES_DIR",
                      help="a folder of year folders (each with a year.yaml)")
    site.add_argument("--out", type=Path, required=True, help="the folder to write the site to")
    site.add_argument("--locale", action="append", default=None, metavar="L",
                      help="a language of the site (repeat for more; default: en)")
    site.add_argument("--templates", type=Path, default=None,
                      help="a folder with the agency's own HTML templates and style.css")
    site.add_argument("--allow-untranslated", action="store_true",
                      help="publish a year in a language even where some of its texts have no "
                           "translation into it (they stay as written, marked with their language)")
    site.set_defaults(run=_site)

    pictured = commands.add_parser(
        "preview", help="render the pages of the PDFs in a build's folder to PNG pictures")
    pictured.add_argument("folder", type=Path, help="a folder written by `build --pdf`")
    pictured.add_argument("--out", type=Path, default=None,
                          help="where the pictures go (default: FOLDER/preview)")
    pictured.add_argument("--resolution", type=int, default=60, metavar="DPI",
                          help="dots per inch (default 60)")
    pictured.add_argument("--first", type=int, default=1, metavar="PAGE",
                          help="the first page to picture (default 1)")
    pictured.add_argument("--last", type=int, default=None, metavar="PAGE",
                          help="the last page to picture (default: the last one)")
    pictured.set_defaults(run=_preview)

    template = commands.add_parser("template", help="inspect a Word template")
    actions = template.add_subparsers(dest="action", required=True, metavar="ACTION")
    shown = actions.add_parser(
        "show", help="print the template's text with its tags, paragraph by paragraph and cell by "
        "cell (usable as a git textconv driver)")
    shown.add_argument("templates", type=Path, nargs="+", metavar="TEMPLATE",
                       help="a .docx template, or a folder of them")
    shown.set_defaults(run=_template_show)
    linted = actions.add_parser(
        "lint", help="report every mistake of a template with its place; exit 2 for errors "
        "(what docxtpl fails on or drops), 0 when there are only warnings")
    linted.add_argument("templates", type=Path, nargs="+", metavar="TEMPLATE",
                        help="a .docx template, or a folder of them")
    linted.add_argument("--strict", action="store_true",
                        help="exit 2 for warnings too (the network's own templates are always "
                        "linted strictly)")
    linted.add_argument("--kind", choices=(DOCXTPL, *KINDS), default=None,
                        help="docxtpl: any docxtpl template (the default); or one of the network's "
                        "documents, whose variables are checked too (told by the file name when "
                        "it is one of them)")
    linted.add_argument("--filters", action="append", default=[], metavar="NAME,NAME",
                        help="Jinja filters your renderer adds, besides those packages register "
                        f"in the entry point group {FILTER_ENTRY_POINTS}")
    linted.set_defaults(run=_template_lint)
    listed = actions.add_parser(
        "variables", help="print the variables a template uses as a tree: attributes, items "
        "and the names they are looped as")
    listed.add_argument("template", type=Path, help="a .docx template")
    listed.add_argument("--json", action="store_true", help="print them as JSON")
    listed.set_defaults(run=_template_variables)
    documented = actions.add_parser(
        "reference", help="print the reference of the variables and filters templates may use")
    documented.set_defaults(run=_template_reference)
    _add_contribution_commands(commands)
    _add_translation_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; problems with the input exit with 2 and a message, never a traceback."""
    args = _parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except InputError as error:
        print(f"error: {capped(str(error))}", file=sys.stderr)
        return 2
    return code


if __name__ == "__main__":
    sys.exit(main())
