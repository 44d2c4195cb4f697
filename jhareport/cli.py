"""The `jhareport` command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .loading import LoadError, load_year
from .office.preview import PreviewError, preview
from .records import YearRecords
from .template_tools.inspect import TemplateReadError, show
from .template_tools.lint import UnknownKindError, lint
from .template_tools.reference import reference
from .template_tools.schema import KINDS
from .word.build import BuildError, build

__all__ = ["main"]


_SINGULAR = {"meetings": "meeting", "working groups": "working group",
             "thematic events": "thematic event", "other activities": "other activity",
             "network products": "network product", "highlights": "highlight",
             "priorities": "priority", "scorecard actions": "scorecard action",
             "acronyms": "acronym", "operational actions": "operational action"}


def _summary(records: YearRecords) -> str:
    year = records.year
    counts = [
        ("meetings", len(records.meetings)),
        ("working groups", len(records.working_groups)),
        ("thematic events", len(records.thematic_events)),
        ("other activities", len(records.other_activities)),
        ("network products", len(records.network_products)),
        ("highlights", len(records.highlights)),
        ("priorities", len(records.priorities)),
        ("scorecard actions", len(records.scorecard.actions) if records.scorecard else 0),
        ("acronyms", len(records.glossary)),
        ("operational actions", sum(len(p.actions) for p in records.action_plans)),
    ]
    chair = f" (chair {year.chair.short_on(year.as_of)})" if year.chair else ""
    shown = ", ".join(f"{n} {what if n != 1 else _SINGULAR.get(what, what)}"
                      for what, n in counts if n)
    return f"{year.year}{chair}: {shown or 'no records'}"


def _check(args: argparse.Namespace) -> int:
    records = load_year(args.path)
    print(f"ok: {_summary(records)}")
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
    sys.stdout.write(show(args.template))
    return 0


def _template_lint(args: argparse.Namespace) -> int:
    problems = lint(args.template, args.kind)
    for problem in problems:
        print(f"{args.template}: {problem}", file=sys.stderr)
    if problems:
        noun = "problem" if len(problems) == 1 else "problems"
        print(f"{len(problems)} {noun} in {args.template}", file=sys.stderr)
        return 2
    print(f"ok: {args.template}")
    return 0


def _template_reference(args: argparse.Namespace) -> int:
    sys.stdout.write(reference())
    return 0


def _preview(args: argparse.Namespace) -> int:
    pictures = preview(args.folder, resolution=args.resolution, first=args.first, last=args.last,
                       out=args.out)
    folders = sorted({str(p.parent) for p in pictures})
    print(f"wrote {len(pictures)} page pictures to {', '.join(folders)}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jhareport",
        description="Assemble the annual reports of the EU JHA Agencies' Network.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate a year's fixtures and report every problem")
    check.add_argument("path", type=Path, help="the year's folder of YAML files")
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
    linted.add_argument("--kind", choices=KINDS, default=None,
                        help="the kind of document (told by the file name when it is one of them)")
    linted.set_defaults(run=_template_lint)
    documented = actions.add_parser(
        "reference", help="print the reference of the variables and filters templates may use")
    documented.set_defaults(run=_template_reference)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; problems with the input exit with 2 and a message, never a traceback."""
    args = _parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except (LoadError, BuildError, TemplateReadError, UnknownKindError, PreviewError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return code


if __name__ == "__main__":
    sys.exit(main())
