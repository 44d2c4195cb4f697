"""The `jhareport` command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from .errors import InputError
from .loading import load_year_and_notes
from .records import YearRecords
from .template_tools.schema import DOCXTPL, FILTER_ENTRY_POINTS, KINDS
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
    ]
    chair = f" (chair {year.chair.short_on(year.as_of)})" if year.chair else ""
    shown = ", ".join(f"{n} {one if n == 1 else several}" for one, several, n in counts if n)
    return f"{year.year}{chair}: {shown or 'no records'}"


def _check(args: argparse.Namespace) -> int:
    from .views import final_build_refusals

    records, notes = load_year_and_notes(args.path, args.locale)
    refusals = final_build_refusals(records, args.draft)
    if refusals:
        # As `build` says it: what `check` passes, a final build does not refuse.
        joined = "\n".join(refusals)
        print(f"error: {joined}", file=sys.stderr)
        return 2
    print(f"ok: {_summary(records)}")
    for note in notes:
        print(f"note: {note}")
    if args.draft:
        for refusal in final_build_refusals(records):
            print(f"note: a final build would say: {refusal}")
    return 0


def _build(args: argparse.Namespace) -> int:
    def progress(message: str) -> None:
        print(f"  {message}", file=sys.stderr)

    result = build(args.path, args.out, draft=args.draft, strict=args.strict, locale=args.locale,
                   templates=args.templates, pdf=args.pdf, pdf_timeout=args.pdf_timeout,
                   progress=progress)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    names = ", ".join(p.name for p in result.outputs)
    kind = "draft " if args.draft else ""
    count = len(result.outputs)  # files, .docx and .pdf alike: the names follow
    print(f"wrote {count} {kind}file{'s' if count != 1 else ''} to {args.out}: {names} "
          f"({result.acronyms} acronyms listed)")
    return 0


def _template_show(args: argparse.Namespace) -> int:
    from .template_tools.inspect import show

    sys.stdout.write(show(args.template))
    return 0


def _template_lint(args: argparse.Namespace) -> int:
    from .template_tools.lint import lint

    filters = [name.strip() for given in args.filters for name in given.split(",") if name.strip()]
    problems = lint(args.template, args.kind, filters)
    for problem in problems:
        print(f"{args.template}: {problem}", file=sys.stderr)
    if problems:
        noun = "problem" if len(problems) == 1 else "problems"
        print(f"{len(problems)} {noun} in {args.template}", file=sys.stderr)
        return 2
    print(f"ok: {args.template}")
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


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jhareport",
        description="Assemble the annual reports of the EU JHA Agencies' Network.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser(
        "check", help="validate a year's fixtures and report every problem, and every gap a "
        "final build would refuse")
    check.add_argument("path", type=Path, help="the year's folder of YAML files")
    check.add_argument("--locale", default=None,
                       help="also check the year's translations into its language (fr, de…)")
    check.add_argument("--draft", action="store_true",
                       help="accept what only a draft may show: missing sections, last year's "
                       "texts to rewrite (a final build refuses them)")
    check.set_defaults(run=_check)

    run = commands.add_parser(
        "build", help="build the year's final report, scorecard annex and list of acronyms")
    run.add_argument("path", type=Path, help="the year's folder of YAML files")
    run.add_argument("--out", type=Path, required=True, help="the folder to write the documents to")
    run.add_argument("--draft", action="store_true",
                     help="show missing content as highlighted placeholders and mark DRAFT")
    run.add_argument("--strict", action="store_true",
                     help="fail when an acronym used is missing from the glossary")
    run.add_argument("--locale", default="en", help="how dates and numbers read (en, fr, de…)")
    run.add_argument("--templates", type=Path, default=None,
                     help="a folder with the agency's own templates (same file names)")
    run.add_argument("--pdf", action="store_true",
                     help="also write a PDF of each document, with the table of contents "
                     "refreshed (needs LibreOffice)")
    run.add_argument("--pdf-timeout", type=float, default=120, metavar="SECONDS",
                     help="how long LibreOffice may take for the PDFs (default 120)")
    run.set_defaults(run=_build)

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
    shown.add_argument("template", type=Path, help="a .docx template")
    shown.set_defaults(run=_template_show)
    linted = actions.add_parser(
        "lint", help="report every mistake of a template with its place; exit 2 if there is any")
    linted.add_argument("template", type=Path, help="a .docx template")
    linted.add_argument("--kind", choices=(DOCXTPL, *KINDS), default=None,
                        help="docxtpl: any docxtpl template (the default); or one of the network's "
                        "documents, whose variables are checked too (told by the file name when "
                        "it is one of them)")
    linted.add_argument("--filters", action="append", default=[], metavar="NAME,NAME",
                        help="Jinja filters your renderer adds, besides those packages register "
                        f"in the entry point group {FILTER_ENTRY_POINTS}")
    linted.set_defaults(run=_template_lint)
    documented = actions.add_parser(
        "reference", help="print the reference of the variables and filters templates may use")
    documented.set_defaults(run=_template_reference)
    _add_contribution_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; problems with the input exit with 2 and a message, never a traceback."""
    args = _parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return code


if __name__ == "__main__":
    sys.exit(main())
