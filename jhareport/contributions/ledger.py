"""The ledger of imports: `contributions/ledger.yaml` in the year's folder.

Each returned form imported is listed once, with its agency, its file and the file's SHA-256,
when the agency saved it and when it was imported, what it changed, and what it said of each
record it changed, added or left: so a form imported again changes nothing, a newer form from
the same agency is read against what that agency already gave, and `status` tells who answered.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from attrs import frozen
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from ..yamltree import YamlProblem, parse
from .base import CONTRIBUTIONS
from .entries import Entries
from .problems import ContributionError, FormProblem
from .sources import dump, yaml_reader

__all__ = ["LEDGER", "Gave", "LedgerEntry", "ledger_text", "read_ledger"]

LEDGER = f"{CONTRIBUTIONS}/ledger.yaml"
_MAX_LEDGER_BYTES = 64 * 1024 * 1024
_HEADER = ("# The returned forms imported into this year's files, oldest first: written by\n"
           "# `jhareport contributions import`, read by `import` and `status`. Leave it as it "
           "is.\n")


@frozen
class Gave:
    """What one form said of one record: the entries it changed (all of them for a record it
    added); `left` when the agency deleted the record from its form."""

    record: str
    place: str
    entries: Entries
    new: bool = False
    left: bool = False


@frozen
class LedgerEntry:
    """One imported form."""

    agency: str  # the agency's code
    file: str
    sha256: str
    forms: str  # the digest of the base it was made from
    received: date | None  # when the agency last saved it
    imported: datetime
    changes: tuple[str, ...]
    gave: tuple[Gave, ...]


def read_ledger(folder: Path) -> list[LedgerEntry]:
    """The ledger of the year's folder (empty when nothing was imported yet)."""
    path = folder / LEDGER
    if not path.exists() and not path.is_symlink():
        return []

    def damaged(reason: str) -> ContributionError:
        return ContributionError([FormProblem(str(path), None, f"the ledger of imports is "
                                              f"damaged ({reason}); restore it from a copy")])

    try:
        if path.is_symlink() or not path.is_file():
            raise damaged("not a regular file")
        if path.stat().st_size > _MAX_LEDGER_BYTES:
            raise damaged("too large")
        data = parse(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise damaged(str(error)[:200]) from None
    except YamlProblem as error:
        raise damaged(f"line {error.line}: {str(error)[:200]}") from None
    if data is None:
        return []
    if not isinstance(data, list):
        raise damaged("not a list of imports")
    entries = []
    for index, item in enumerate(data, start=1):
        try:
            entries.append(_entry(item))
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise damaged(f"import {index}: {type(error).__name__} {str(error)[:100]}") from None
    return entries


def _entry(item: Any) -> LedgerEntry:
    received = item.get("received")
    gave = []
    for given in item.get("gave") or []:
        gave.append(Gave(str(given["record"]), str(given.get("place", "")),
                         {str(k): _value(v) for k, v in (given.get("entries") or {}).items()},
                         bool(given.get("new", False)), bool(given.get("left", False))))
    return LedgerEntry(str(item["agency"]), str(item["file"]), str(item["sha256"]),
                       str(item["forms"]), date.fromisoformat(str(received)) if received else None,
                       datetime.fromisoformat(str(item["imported"])),
                       tuple(str(c) for c in item.get("changes") or ()), tuple(gave))


def _value(value: Any) -> Any:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return [str(v) for v in value]
    if value is None:
        return ""
    raise ValueError(f"an entry holds {type(value).__name__}")


def ledger_text(entries: list[LedgerEntry]) -> str:
    """The ledger's YAML."""
    items = CommentedSeq()
    for entry in entries:
        item = CommentedMap()
        item["agency"] = entry.agency
        item["file"] = entry.file
        item["sha256"] = entry.sha256
        item["forms"] = entry.forms
        item["received"] = entry.received.isoformat() if entry.received else None
        item["imported"] = entry.imported.isoformat(sep=" ", timespec="seconds")
        item["changes"] = CommentedSeq(entry.changes)
        gave = CommentedSeq()
        for given in entry.gave:
            record = CommentedMap()
            record["record"] = given.record
            record["place"] = given.place
            if given.new:
                record["new"] = True
            if given.left:
                record["left"] = True
            record["entries"] = CommentedMap(
                (key, _yaml(value)) for key, value in given.entries.items())
            gave.append(record)
        item["gave"] = gave
        items.append(item)
    return _HEADER + dump(yaml_reader(), items)


def _yaml(value: Any) -> Any:
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value.rstrip("\n") + "\n")
    if isinstance(value, list):
        seq = CommentedSeq(value)
        return seq
    return value
