"""Next year's folder: the new chair, the year's outline, the working groups, and the scorecard
with its open actions carried over, so that next year's forms start pre-filled."""

from __future__ import annotations

import os
from pathlib import Path

from attrs import frozen
from ruamel.yaml.comments import CommentedMap

from ..agencies import REGISTRY
from ..errors import InputError
from ..files import write_atomically
from ..loading import load_year
from ..periods import Status, parse_state
from .sources import dump, read_sources, yaml_reader

__all__ = ["NextYear", "NextYearError", "next_year"]

# What stays open from one year to the next.
OPEN = (Status.ONGOING, Status.PLANNED, Status.THROUGHOUT)
# What a year's folder keeps for the next one; the rest of year.yaml is the past year's own.
_KEPT = ("observers", "about", "working_groups_intro", "not_acronyms", "outline")
# The annexes' tables and figures recur from year to year (the outline selects them): they are
# carried over to be brought up to date, the figures without their pictures, which are the year's.
_COPIED = ("working-groups.yaml", "outline.yaml", "tables.yaml")


class NextYearError(InputError):
    """A next year's folder that cannot be made: an unknown chair, a folder already in use."""


@frozen
class NextYear:
    folder: Path
    year: int
    chair: str
    carried: int
    left_out: int
    files: tuple[Path, ...]

    def __str__(self) -> str:
        names = ", ".join(str(p.relative_to(self.folder)) for p in self.files)
        return (f"wrote {self.folder} for {self.year} (chair {self.chair}): {names}; "
                f"{self.carried} open scorecard actions carried over, {self.left_out} finished "
                "ones left out")


def next_year(year_dir: str | Path, out: str | Path, *, chair: str) -> NextYear:
    """Write the folder of the year after `year_dir` into `out` (which must not exist, or be
    empty). Raises LoadError when the year cannot be read, NextYearError otherwise."""
    folder, target = Path(year_dir), Path(out)
    records = load_year(folder)
    try:
        new_chair = REGISTRY.agency(chair)
    except ValueError as error:
        raise NextYearError(f"--chair: {error}") from None
    if target.exists() and any(target.iterdir()):
        raise NextYearError(f"{target} is not empty: give a new folder for next year")
    year = records.year.year + 1
    yaml = yaml_reader()
    data = yaml.load((folder / "year.yaml").read_text(encoding="utf-8"))
    new = CommentedMap()
    new["year"] = year
    new["chair"] = new_chair.short_on(records.year.as_of.replace(year=year))
    trio = [a.code for a in records.year.trio]
    if new_chair.code in trio:
        new["trio"] = data["trio"]
    for key, value in data.items():
        if key in ("glossary", "empact") and isinstance(value, str):
            # Links are relative to the folder; the new folder may stand elsewhere.
            linked = (folder / value).resolve()
            new[key] = os.path.relpath(linked, target.resolve()) if key == "glossary" else None
            if new[key] is None:
                del new[key]
        elif key in _KEPT:
            new[key] = value
    logo = records.year.network_logo  # the network's logo stays; the chair's is the past chair's
    if logo is not None and "network_logo" in data:
        new["network_logo"] = data["network_logo"]
        files_logo = {target / logo.file: logo.data}
    else:
        files_logo = {}
    files: dict[Path, bytes] = {target / "year.yaml": dump(yaml, new).encode("utf-8"), **files_logo}
    for name in _COPIED:
        if (folder / name).is_file():
            files[target / name] = (folder / name).read_bytes()
    if records.figures:
        figures = yaml.load((folder / "figures.yaml").read_text(encoding="utf-8"))
        for figure in figures:
            figure.pop("picture", None)
        files[target / "figures.yaml"] = dump(yaml, figures).encode("utf-8")
    carried = left_out = 0
    if records.scorecard is not None:
        structure = yaml.load((folder / "scorecard" / "structure.yaml").read_text(encoding="utf-8"))
        title = str(structure.get("title", ""))
        if str(records.year.year) in title:
            structure["title"] = title.replace(str(records.year.year), str(year))
        files[target / "scorecard" / "structure.yaml"] = dump(yaml, structure).encode("utf-8")
        sources = read_sources(folder, records)
        for file in sources.action_files:
            items = sources.documents[file]
            for index in reversed(range(len(items))):
                state = items[index].get("state")
                status = parse_state(str(state), records.year.year).status if state else None
                if status in OPEN:
                    carried += 1
                else:
                    left_out += 1
                    del items[index]
            files[target / file] = dump(yaml, items).encode("utf-8")
    write_atomically(files)
    copied = sorted(files)
    return NextYear(target, year, new_chair.short_on(records.year.as_of.replace(year=year)),
                    carried, left_out, tuple(copied))


