"""The records agencies contribute, read from a year's YAML files with their place in them.

The forms need to know where each record stands (file and position) and the import edits those
files in place, so the records are read here with ruamel.yaml's round-trip loader, next to the
documents that hold them. `load_year` has already checked the folder: this reader only pairs each
record with its YAML mapping.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from attrs import field, frozen
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..periods import parse_state
from ..records import (
    Highlight,
    OtherActivity,
    ScorecardAction,
    Session,
    ThematicEvent,
    YearRecords,
)

__all__ = ["KINDS", "Kind", "Source", "YearSources", "yaml_reader"]


@frozen
class Kind:
    """A kind of record the forms collect."""

    name: str  # as agency staff read it: "scorecard action"
    plural: str
    file: str | None  # the year's file of these records; None: the scorecard's folder
    has_id: bool


ACTION = Kind("scorecard action", "scorecard actions", None, False)
EVENT = Kind("thematic event", "thematic events", "thematic-events.yaml", True)
HIGHLIGHT = Kind("highlight", "highlights", "highlights.yaml", True)
ACTIVITY = Kind("other activity", "other activities", "other-activities.yaml", True)
KINDS: dict[str, Kind] = {"action": ACTION, "event": EVENT, "highlight": HIGHLIGHT,
                          "activity": ACTIVITY}
_CLASSES: dict[str, type[Any]] = {"event": ThematicEvent, "highlight": Highlight,
                                  "activity": OtherActivity}


def kind_code(kind: Kind) -> str:
    return next(code for code, k in KINDS.items() if k is kind)


def yaml_reader() -> YAML:
    """ruamel.yaml set to give back the fixtures as they were written."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line that was not folded
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def dump(yaml: YAML, data: Any) -> str:
    """The YAML text of a document; a list at the top stands at the margin, as in the
    fixtures, while ruamel.yaml indents it like a nested one."""
    stream = io.StringIO()
    yaml.dump(data, stream)
    text = stream.getvalue()
    if isinstance(data, CommentedSeq):
        # Comments keep the column they were written at.
        text = "".join(line[2:] if line.startswith("  ") and not line.lstrip().startswith("#")
                       else line
                       for line in text.splitlines(keepends=True))
    return text


@frozen
class Source:
    """A record and where it stands: `file` relative to the year's folder, `index` in its list."""

    kind: str  # a key of KINDS
    file: str
    index: int
    raw: CommentedMap = field(eq=False, repr=False)
    record: Any = field(eq=False)

    @property
    def key(self) -> str:
        """What names the record in a form: its id, or its file and position for an action."""
        if KINDS[self.kind].has_id:
            return f"{self.file}#{self.record.id}"
        return f"{self.file}#{self.index}"


@frozen
class YearSources:
    """The year's editable files (parsed, round-trip) and the records they hold."""

    folder: Path
    records: YearRecords
    documents: dict[str, Any]  # file (relative) -> its parsed YAML
    sources: tuple[Source, ...]

    def of_kind(self, kind: str) -> Iterator[Source]:
        return (s for s in self.sources if s.kind == kind)

    @property
    def action_files(self) -> list[str]:
        return sorted(f for f in self.documents if f.startswith("scorecard/"))


def read_sources(folder: Path, records: YearRecords) -> YearSources:
    """Every contributed record of a year's folder that `load_year` read without a problem."""
    yaml = yaml_reader()
    documents: dict[str, Any] = {}
    sources: list[Source] = []
    year = records.year.year
    for code, kind in KINDS.items():
        if kind.file is None:
            files = ([f"scorecard/{p.name}" for p in sorted((folder / "scorecard").glob("*.yaml"))
                      if p.name != "structure.yaml"] if records.scorecard else [])
        else:
            files = [kind.file] if (folder / kind.file).is_file() else []
        for name in files:
            data = yaml.load((folder / name).read_text(encoding="utf-8"))
            documents[name] = data
            if not isinstance(data, CommentedSeq):
                continue
            for index, raw in enumerate(data):
                sources.append(Source(code, name, index, raw, build_record(code, raw, year)))
    return YearSources(folder, records, documents, tuple(sources))


def build_record(kind: str, raw: Any, year: int) -> Any:
    """The record of a YAML mapping; the records accept plain values, so only a state of play
    needs the year (for dates written without one)."""
    values = {str(k): v for k, v in raw.items()}
    if kind == "action":
        state = values.pop("state", None)
        return ScorecardAction(state=None if state is None else parse_state(str(state), year),
                               **{k: str(v) if k == "field" else v for k, v in values.items()})
    return _CLASSES[kind](**values)


def session_of(item: Any) -> Session:
    """The session of a YAML item: a date, or a mapping with date and timeline."""
    if isinstance(item, dict):
        return Session(**{str(k): v for k, v in item.items()})
    return Session(str(item))
