"""The forms' base: what a set of forms showed of each record, kept in the year's folder.

When the chair writes forms, the entries of every record they show are kept in
`contributions/forms-<digest>.json`, with the agencies the forms went to, the bookmarks that
stand for the records in each form and the due date. Each form carries the digest. An agency's
changes are what its returned form says differently from this base, entry by entry; the form
itself is never trusted to say what it was made from.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from attrs import frozen

from ..errors import InputError
from .entries import KINDS, Entries

__all__ = ["CONTRIBUTIONS", "FORM_NAMESPACE", "BaseError", "FormBase", "Mark", "base_name",
           "read_base", "read_bases"]

FORM_NAMESPACE = "urn:jhareport:contribution-form:2"
"""The namespace of a form's hidden part, which names its year, agency, base and due date."""
CONTRIBUTIONS = "contributions"
"""The folder, in the year's folder, of the forms' bases and the ledger of imports."""
_FORMAT = "jhareport contribution forms 1"
_DIGEST = re.compile(r"[0-9a-f]{16}")
_MAX_BASE_BYTES = 64 * 1024 * 1024


class BaseError(InputError):
    """A base of the forms that is missing or damaged in the year's folder."""


@frozen
class Mark:
    """A record as one form shows it: the record's key (`event:brussels-briefing`) and where
    the form shows it ("thematic event 2 (Brussels briefing)")."""

    record: str
    place: str


@frozen
class FormBase:
    """What a set of forms was made from."""

    year: int
    due: date | None
    marks: dict[str, dict[str, Mark]]  # agency code -> bookmark name -> the record it marks
    records: dict[str, Entries]  # "kind:id" -> the entries the forms showed

    def data(self) -> bytes:
        content = {
            "format": _FORMAT, "year": self.year,
            "due": self.due.isoformat() if self.due else None,
            "forms": {agency: {name: {"record": m.record, "place": m.place}
                               for name, m in marks.items()}
                      for agency, marks in self.marks.items()},
            "records": self.records,
        }
        return (json.dumps(content, ensure_ascii=False, sort_keys=True, indent=1) + "\n"
                ).encode("utf-8")

    @property
    def digest(self) -> str:
        """Sixteen hex digits that name the base and that each of its forms carries."""
        return hashlib.sha256(self.data()).hexdigest()[:16]


def base_name(digest: str) -> str:
    """The base's file, relative to the year's folder."""
    return f"{CONTRIBUTIONS}/forms-{digest}.json"


def read_base(folder: Path, digest: str) -> FormBase | None:
    """The base named `digest` in the year's folder, or None when there is none."""
    if not _DIGEST.fullmatch(digest):
        return None
    path = folder / base_name(digest)
    if not path.is_file() or path.is_symlink():
        return None
    return _parse(path)


def read_bases(folder: Path) -> list[FormBase]:
    """Every base of the year's folder: the forms sent, oldest digest first."""
    found = []
    root = folder / CONTRIBUTIONS
    if not root.is_dir():
        return []
    for path in sorted(root.glob("forms-*.json")):
        digest = path.stem.removeprefix("forms-")
        base = read_base(folder, digest)
        if base is not None:
            found.append(base)
    return found


def _parse(path: Path) -> FormBase:
    def damaged(reason: str) -> BaseError:
        return BaseError(f"{path}: the base of the forms is damaged ({reason}); write the forms "
                         "again with `jhareport contributions forms`")

    try:
        if path.stat().st_size > _MAX_BASE_BYTES:
            raise damaged("too large")
        content = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as error:
        raise damaged(str(error)[:200]) from None
    try:
        if content["format"] != _FORMAT:
            raise damaged(f"format {str(content['format'])[:40]!r}")
        year = content["year"]
        due = date.fromisoformat(content["due"]) if content["due"] else None
        marks = {str(agency): {str(name): Mark(str(m["record"]), str(m["place"]))
                               for name, m in names.items()}
                 for agency, names in content["forms"].items()}
        records: dict[str, Entries] = {}
        for key, entries in content["records"].items():
            kind = str(key).split(":", 1)[0]
            if kind not in KINDS or not isinstance(entries, dict):
                raise damaged(f"record {str(key)[:60]!r}")
            records[str(key)] = {str(k): _value(v) for k, v in entries.items()}
    except (KeyError, TypeError, AttributeError, ValueError) as error:
        raise damaged(f"{type(error).__name__}: {str(error)[:100]}") from None
    if not isinstance(year, int):
        raise damaged("no year")
    base = FormBase(year, due, marks, records)
    if base.digest != path.stem.removeprefix("forms-"):
        raise damaged("its content does not match its name: it was edited")
    return base


def _value(value: Any) -> Any:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise ValueError(f"an entry holds {type(value).__name__}")
