"""The `jhareport` command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .loading import LoadError, load_year
from .records import YearRecords

__all__ = ["main"]


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
    shown = ", ".join(f"{n} {what}" for what, n in counts if n)
    return f"{year.year}{chair}: {shown or 'no records'}"


def _check(args: argparse.Namespace) -> int:
    records = load_year(args.path)
    print(f"ok: {_summary(records)}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jhareport",
        description="Assemble the annual reports of the EU JHA Agencies' Network.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate a year's fixtures and report every problem")
    check.add_argument("path", type=Path, help="the year's folder of YAML files")
    check.set_defaults(run=_check)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; problems with the input exit with 2 and a message, never a traceback."""
    args = _parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except LoadError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return code


if __name__ == "__main__":
    sys.exit(main())
