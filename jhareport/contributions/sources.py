"""The records agencies contribute, read from a year's YAML files with their place in them.

The forms need to know where each record stands (file and position) and the import edits those
files in place, so the records are read here with ruamel.yaml's round-trip loader, next to the
documents that hold them. `load_year` has already checked the folder: this reader only pairs each
record with its YAML mapping.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from attrs import field, frozen
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..periods import parse_state
from ..records import ScorecardAction, Session, YearRecords
from .entries import KINDS

__all__ = ["Source", "YearSources", "dump", "fresh_id", "read_sources", "session_of",
           "with_ids", "yaml_reader"]


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
    def key(self) -> str | None:
        """What names the record in forms, the base and the ledger: `event:brussels-briefing`;
        None for a scorecard action without an id."""
        identifier = self.record.id
        return f"{self.kind}:{identifier}" if identifier else None


@frozen
class YearSources:
    """The year's editable files (parsed, round-trip) and the records they hold."""

    folder: Path
    records: YearRecords
    documents: dict[str, Any]  # file (relative) -> its parsed YAML
    sources: tuple[Source, ...]

    def of_kind(self, kind: str) -> Iterator[Source]:
        return (s for s in self.sources if s.kind == kind)

    def by_key(self) -> dict[str, Source]:
        return {s.key: s for s in self.sources if s.key is not None}

    @property
    def action_files(self) -> list[str]:
        return sorted(f for f in self.documents if f.startswith("scorecard/"))


_LOADED = {"meeting": "meetings", "event": "thematic_events", "highlight": "highlights",
           "activity": "other_activities"}


def read_sources(folder: Path, records: YearRecords) -> YearSources:
    """Every contributed record of a year's folder that `load_year` read without a problem,
    with the records `load_year` made of it."""
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
            loaded = getattr(records, _LOADED[code]) if code in _LOADED else None
            for index, raw in enumerate(data):
                record = (loaded[index] if loaded is not None
                          else build_action(raw, year))
                sources.append(Source(code, name, index, raw, record))
    return YearSources(folder, records, documents, tuple(sources))


def build_action(raw: Any, year: int) -> ScorecardAction:
    """The scorecard action of a YAML mapping (the loader sorts actions by field, so they are
    made again here, file by file); its state of play needs the year for dates without one."""
    values = {str(k): v for k, v in raw.items()}
    state = values.pop("state", None)
    return ScorecardAction(state=None if state is None else parse_state(str(state), year),
                           **{k: str(v) if k == "field" else v for k, v in values.items()})


def session_of(item: Any) -> Session:
    """The session of a YAML item: a date, or a mapping with date and timeline."""
    if isinstance(item, dict):
        return Session(**{str(k): v for k, v in item.items()})
    return Session(str(item))


_SMALL_WORDS = frozenset({"a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or",
                          "the", "to", "with"})


def fresh_id(text: str, taken: set[str]) -> str:
    """An id made of a text's first words, unused in `taken` (which then holds it)."""
    words = re.findall(r"[a-z0-9]+", text.casefold())[:6]
    while len(words) > 1 and words[-1] in _SMALL_WORDS:  # not "conference-on-the"
        words.pop()
    base = "-".join(words or ["new"])
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    taken.add(candidate)
    return candidate


def with_ids(sources: YearSources) -> tuple[YearSources, dict[str, str]]:
    """The sources with an id given to each scorecard action that has none, and the new text of
    each file that gave one (forms, bases and the ledger name records by id)."""
    year = sources.records.year.year
    taken = {s.record.id for s in sources.sources if s.kind == "action" and s.record.id}
    changed: set[str] = set()
    made: list[Source] = []
    for source in sources.sources:
        if source.kind == "action" and not source.record.id:
            identifier = fresh_id(source.record.detail.plain, taken)
            source.raw.insert(0, "id", identifier)
            changed.add(source.file)
            source = Source(source.kind, source.file, source.index, source.raw,
                            build_action(source.raw, year))
        made.append(source)
    yaml = yaml_reader()
    texts = {file: dump(yaml, sources.documents[file]) for file in sorted(changed)}
    return YearSources(sources.folder, sources.records, sources.documents, tuple(made)), texts
