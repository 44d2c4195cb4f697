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
from .messages import capped
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
    records, notes = load_year_and_notes(args.path, args.locale)
    print(f"ok: {_summary(records)}")
    for note in notes:
        print(f"note: {note}")
    return 0


def _build(args: argparse.Namespace) -> int:
    def progress(message: str) -> None:
        print(f"  {message}", file=sys.stderr)

    result = build(args.path, args.out, draft=args.draft, strict=args.strict, locale=args.locale,
                   templates=args.templates, pdf=args.pdf, pdf_timeout=args.pdf_timeout,
                   progress=progress)
    for warning in result.warnings:
        print(f"warning: {capped(warning)}", file=sys.stderr)
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
    print(f"wrote {len(paths)} forms to {args.out}: {', '.join(p.name for p in paths)}")
    return 0


def _contributions_import(args: argparse.Namespace) -> int:
    from . import contributions

    result = contributions.import_forms(args.forms, args.into, take=args.take)
    for conflict in result.conflicts:
        print(conflict)
    for duplicate in result.duplicates:
        print(f"warning: {duplicate}", file=sys.stderr)
    for change in result.changes:
        print(change)
    files = ", ".join(str(p) for p in result.written) or "no file changed"
    print(f"{len(result.forms)} forms read, {len(result.changes)} records updated: {files}")
    return 0


def _contributions_status(args: argparse.Namespace) -> int:
    from . import contributions

    sys.stdout.write(str(contributions.contribution_status(args.forms, args.year, due=args.due)))
    return 0


def _year_next(args: argparse.Namespace) -> int:
    from . import contributions

    result = contributions.next_year(args.year, args.out, chair=args.chair)
    print(result)
    return 0


def _due_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date such as 2024-01-15") from None


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
                       help="the date the forms are due, e.g. 2024-01-15")
    forms.set_defaults(run=_contributions_forms)
    taken = steps.add_parser("import", help="read the returned forms into the year's YAML files")
    taken.add_argument("forms", type=Path, metavar="DIR", help="the folder of returned forms")
    taken.add_argument("--into", type=Path, required=True, metavar="YEAR_DIR",
                       help="the year's folder of YAML files to update")
    taken.add_argument("--take", default=None, metavar="year|AGENCY",
                       help="decide conflicts: keep the year's version, or take an agency's")
    taken.set_defaults(run=_contributions_import)
    status = steps.add_parser("status", help="which agencies returned their form, what changed")
    status.add_argument("forms", type=Path, metavar="DIR", help="the folder of returned forms")
    status.add_argument("--year", type=Path, required=True, metavar="YEAR_DIR",
                        help="the year's folder of YAML files")
    status.add_argument("--due", type=_due_date, default=None, metavar="DATE",
                        help="the due date (default: the one the forms carry)")
    status.set_defaults(run=_contributions_status)

    year = commands.add_parser("year", help="start a year's folder")
    actions = year.add_subparsers(dest="action", required=True, metavar="ACTION")
    following = actions.add_parser(
        "next", help="next year's folder, with the open scorecard actions carried over")
    following.add_argument("year", type=Path, metavar="YEAR_DIR", help="this year's folder")
    following.add_argument("--out", type=Path, required=True, metavar="NEW_DIR",
                           help="the new year's folder (must not exist or be empty)")
    following.add_argument("--chair", required=True, metavar="AGENCY",
                           help="the agency chairing the network next year")
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

    check = commands.add_parser("check", help="validate a year's fixtures and report every problem")
    check.add_argument("path", type=Path, help="the year's folder of YAML files")
    check.add_argument("--locale", default=None,
                       help="also check the year's translations into its language (fr, de…)")
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
        print(f"error: {capped(str(error))}", file=sys.stderr)
        return 2
    return code


if __name__ == "__main__":
    sys.exit(main())
