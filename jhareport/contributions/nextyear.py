"""Next year's folder, as a chair starts it.

Last year's priorities for the coming year become its priority topics; the chair is given, the
trio kept while it runs (else asked for), the next chair taken from the trio, the Council
presidencies from the Council's rota (else asked for); working groups chaired by the outgoing
chair pass to the new one, those with a permanent chair keep theirs; the scorecard's open actions
are carried with their state. Texts of last year that speak of it as the current one (about, the
working groups' introduction, the outline's introductions, the topics' intros) are carried with
a first line that marks them to be rewritten: `check` and a draft show them, and a final build
refuses them. The records of last year (meetings, events, highlights…) stay in its folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from attrs import frozen
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from ..agencies import REGISTRY, Agency
from ..errors import InputError
from ..files import OutputError, output_folder_problem, write_atomically
from ..loading import LoadError, load_year
from ..periods import PeriodError, Status, parse_period, parse_state
from ..views import carried_mark
from .sources import dump, read_sources, with_ids, yaml_reader

__all__ = ["NextYear", "NextYearError", "next_year"]

# What stays open from one year to the next.
OPEN = (Status.ONGOING, Status.PLANNED, Status.THROUGHOUT)
# The rota of the presidencies of the Council of the EU (Council Decision (EU) 2016/1316).
COUNCIL_PRESIDENCIES = {
    2017: ("Malta", "Estonia"), 2018: ("Bulgaria", "Austria"), 2019: ("Romania", "Finland"),
    2020: ("Croatia", "Germany"), 2021: ("Portugal", "Slovenia"), 2022: ("France", "Czechia"),
    2023: ("Sweden", "Spain"), 2024: ("Belgium", "Hungary"), 2025: ("Poland", "Denmark"),
    2026: ("Cyprus", "Ireland"), 2027: ("Lithuania", "Greece"), 2028: ("Italy", "Latvia"),
    2029: ("Luxembourg", "Netherlands"), 2030: ("Slovakia", "Malta"),
}


class NextYearError(InputError):
    """A next year's folder that cannot be made: an unknown agency, a trio without the chair,
    a folder already in use or that cannot be written."""


@frozen
class NextYear:
    """What `next_year` wrote, and what the chair still has to do."""

    folder: Path
    year: int
    chair: str
    carried: int  # open scorecard actions carried over
    left_out: int  # finished ones left out
    files: tuple[Path, ...]
    to_rewrite: tuple[str, ...]  # texts carried with the mark to rewrite them
    to_do: tuple[str, ...]  # what could not be known: give it in year.yaml

    def __str__(self) -> str:
        names = ", ".join(str(p.relative_to(self.folder)) for p in self.files)
        lines = [f"wrote {self.folder} for {self.year} (chair {self.chair}): {names}"]
        if self.carried or self.left_out:
            lines.append(f"{self.carried} open scorecard actions carried over, {self.left_out} "
                         "finished ones left out")
        if self.to_rewrite:
            lines.append(f"texts of {self.year - 1} carried to be rewritten for {self.year} "
                         "(check lists them until their first line is deleted):")
            lines += [f"  {name}" for name in self.to_rewrite]
        if self.to_do:
            lines.append("to do in year.yaml:")
            lines += [f"  {item}" for item in self.to_do]
        return "\n".join(lines)


def next_year(year_dir: str | Path, out: str | Path, *, chair: str,
              trio: Sequence[str] | None = None, next_chair: str | None = None,
              presidencies: Sequence[str] | None = None) -> NextYear:
    """Write the folder of the year after `year_dir` into `out` (which must not exist, or be
    empty). `trio` (previous, current and next chair), `next_chair` and `presidencies` (the
    Council's) are taken from last year and the Council's rota when not given, and listed as
    to do when they cannot be. Raises LoadError when the year cannot be read, NextYearError
    otherwise; then nothing is written."""
    folder, target = Path(year_dir), Path(out)
    records = load_year(folder)
    old = records.year
    year = old.year + 1
    day = old.as_of.replace(year=year)
    new_chair = _agency("--chair", chair)
    unfit = output_folder_problem(target, folder)
    if unfit:
        raise NextYearError(unfit)
    if target.is_dir() and any(target.iterdir()):
        raise NextYearError(f"{target} is not empty: give a new folder for next year")
    to_do: list[str] = []
    rewrite: list[str] = []
    yaml = yaml_reader()
    data = yaml.load((folder / "year.yaml").read_text(encoding="utf-8"))
    new = CommentedMap()
    new["year"] = year
    new["chair"] = new_chair.short_on(day)

    chosen_trio = _trio(old.trio, old.chair, new_chair, trio, to_do, year)
    if chosen_trio:
        new["trio"] = _flow([a.short_on(day) for a in chosen_trio])
    following = _agency("--next-chair", next_chair) if next_chair else None
    if following is None and chosen_trio and chosen_trio.index(new_chair) < len(chosen_trio) - 1:
        following = chosen_trio[chosen_trio.index(new_chair) + 1]
    if following is not None:
        new["next_chair"] = following.short_on(day)
    else:
        to_do.append(f"next_chair: the agency chairing the network in {year + 1} (or "
                     "--next-chair)")
    council = list(presidencies) if presidencies else list(COUNCIL_PRESIDENCIES.get(year, ()))
    if council:
        new["council_presidencies"] = _flow(council)
    else:
        to_do.append(f"council_presidencies: the Council presidencies of {year} (or "
                     "--presidency)")

    def carried(key: str, value: Any, name: str) -> Any:
        rewrite.append(name)
        return LiteralScalarString(f"{carried_mark(old.year)}\n\n{str(value).rstrip()}\n")

    for key in ("about", "observers", "working_groups_intro", "not_acronyms"):
        if key in data and data[key] is not None:
            new[key] = (carried(key, data[key], f"{key} (year.yaml)")
                        if key in ("about", "working_groups_intro") else data[key])
    topics = CommentedSeq()
    for priority in records.priorities:
        topic = CommentedMap(id=priority.id, title=priority.title)
        if priority.body.source.strip():
            topic["intro"] = carried("intro", priority.body.source,
                                     f"the intro of priority topic {priority.id!r} (year.yaml)")
        topics.append(topic)
    if topics:
        new["priority_topics"] = topics
    else:
        to_do.append(f"priority_topics: the network's priorities for {year} (last year gives "
                     "none)")
    if isinstance(data.get("glossary"), str):
        # Links are relative to the folder; the new folder may stand elsewhere.
        linked = (folder / data["glossary"]).resolve()
        new["glossary"] = os.path.relpath(linked, target.resolve())

    files: dict[Path, bytes] = {}
    groups_file = folder / "working-groups.yaml"
    if groups_file.is_file():
        groups = yaml.load(groups_file.read_text(encoding="utf-8")) or CommentedSeq()
        for group in groups:
            if not group.get("permanent_chair") and old.chair is not None and group.get("chair") \
                    and REGISTRY.find(str(group["chair"])) == old.chair:
                group["chair"] = new_chair.short_on(day)
        files[target / "working-groups.yaml"] = dump(yaml, groups).encode("utf-8")
    areas_file = folder / "priority-areas.yaml"
    if areas_file.is_file():
        # An area's objective serves again; what was done under it is last year's.
        areas = CommentedSeq()
        for area in yaml.load(areas_file.read_text(encoding="utf-8")) or []:
            kept = CommentedMap((key, area[key]) for key in ("id", "cooperation", "title")
                                if key in area)
            if area.get("objective"):
                kept["objective"] = carried("objective", area["objective"],
                                            f"the objective of priority area {area['id']!r} "
                                            "(priority-areas.yaml)")
            areas.append(kept)
        files[target / "priority-areas.yaml"] = dump(yaml, areas).encode("utf-8")
    # The annexes' tables recur from year to year (the outline selects them): carried to be
    # brought up to date.
    if (folder / "tables.yaml").is_file():
        files[target / "tables.yaml"] = (folder / "tables.yaml").read_bytes()
    if records.figures:  # the figures too, without their pictures, which are the year's
        figures = yaml.load((folder / "figures.yaml").read_text(encoding="utf-8"))
        for figure in figures:
            figure.pop("picture", None)
        files[target / "figures.yaml"] = dump(yaml, figures).encode("utf-8")
    logo = old.network_logo  # the network's logo stays; the chair's is the past chair's
    if logo is not None and "network_logo" in data:
        new["network_logo"] = data["network_logo"]
        files[target / logo.file] = logo.data
    outline_file = folder / "outline.yaml"
    if outline_file.is_file():
        outline = yaml.load(outline_file.read_text(encoding="utf-8"))
        _carry_outline(outline or [], carried, to_do, old.year)
        files[target / "outline.yaml"] = dump(yaml, outline).encode("utf-8")
    timeline_file = folder / "timeline.yaml"
    if timeline_file.is_file():
        entries = yaml.load(timeline_file.read_text(encoding="utf-8")) or CommentedSeq()
        coming = CommentedSeq(e for e in entries if _in_year(e.get("date"), year))
        if coming:
            files[target / "timeline.yaml"] = dump(yaml, coming).encode("utf-8")

    carried_actions = left_out = 0
    if records.scorecard is not None:
        structure = yaml.load((folder / "scorecard" / "structure.yaml").read_text(encoding="utf-8"))
        title = str(structure.get("title", ""))
        if str(old.year) in title:
            structure["title"] = title.replace(str(old.year), str(year))
        files[target / "scorecard" / "structure.yaml"] = dump(yaml, structure).encode("utf-8")
        sources, _ = with_ids(read_sources(folder, records))
        for file in sources.action_files:
            items = sources.documents[file]
            for index in reversed(range(len(items))):
                state = items[index].get("state")
                status = parse_state(str(state), old.year).status if state else None
                if status in OPEN:
                    carried_actions += 1
                else:
                    left_out += 1
                    del items[index]
            files[target / file] = dump(yaml, items).encode("utf-8")
    header = "".join(f"# to do: {item}\n" for item in to_do)
    files[target / "year.yaml"] = (header + dump(yaml, new)).encode("utf-8")
    _validate(target, files)
    try:
        write_atomically(files)
    except OutputError as error:
        raise NextYearError(str(error)) from None
    return NextYear(target, year, new_chair.short_on(day), carried_actions, left_out,
                    tuple(sorted(files)), tuple(rewrite), tuple(to_do))


def _flow(values: list[str]) -> CommentedSeq:
    """A short list on one line, as the fixtures write them."""
    seq = CommentedSeq(values)
    seq.fa.set_flow_style()
    return seq


def _agency(option: str, name: str) -> Agency:
    try:
        return REGISTRY.agency(name)
    except ValueError as error:
        raise NextYearError(f"{option}: {error}") from None


def _trio(old: Sequence[Agency], old_chair: Agency | None, chair: Agency,
          given: Sequence[str] | None, to_do: list[str], year: int) -> list[Agency]:
    """The trio of the new year: the one given, else last year's while it runs (the new chair
    follows the old one in it)."""
    if given:
        trio = [_agency("--trio", name) for name in given]
        if chair not in trio:
            raise NextYearError(f"--trio: the trio {', '.join(a.code for a in trio)} does not "
                                f"include the chair {chair.code}")
        return trio
    if chair in old and (old_chair is None or old_chair not in old
                         or old.index(old_chair) < old.index(chair)):
        return list(old)
    to_do.append(f"trio: the trio presidency of {year}, the previous, current and next chair "
                 "(or --trio)")
    return []


def _carry_outline(sections: Any, carried: Any, to_do: list[str], year: int) -> None:
    """The outline's introductions marked to rewrite; headings that name last year listed
    to do."""
    for section in sections:
        if not isinstance(section, dict):
            continue
        name = section.get("heading") or section.get("holds") or "?"
        if str(year) in str(section.get("heading", "")):
            to_do.append(f"outline.yaml: the heading {str(name)!r} names {year}: write it for "
                         f"{year + 1} (or with {{year}})")
        if section.get("text"):
            section["text"] = carried("text", section["text"],
                                      f"the text of section {str(name)!r} (outline.yaml)")
        _carry_outline(section.get("sections") or [], carried, to_do, year)


def _validate(target: Path, files: dict[Path, bytes]) -> None:
    """The new folder must load (as a draft may): checked in a folder beside it, so that its
    links read the same, before anything is written."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{target.name}-check-", dir=target.parent))
    except OSError as error:
        raise NextYearError(f"{target.parent}: cannot be written ({error.strerror or error})"
                            ) from None
    try:
        for path, data in files.items():
            (work / path.relative_to(target)).parent.mkdir(parents=True, exist_ok=True)
            (work / path.relative_to(target)).write_bytes(data)
        try:
            load_year(work)
        except LoadError as error:
            raise NextYearError("the new year's folder would not load: " + "; ".join(
                str(p).replace(str(work), str(target)) for p in error.problems)) from None
    except OSError as error:
        raise NextYearError(f"{target.parent}: cannot be written ({error.strerror or error})"
                            ) from None
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _in_year(value: Any, year: int) -> bool:
    try:
        return parse_period(str(value)).year == year
    except PeriodError:
        return False
