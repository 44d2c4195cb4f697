"""What the baselines share: a year's scorecard read with libyaml and arranged as the
scorecard-annex template reads it, with plain stand-ins for jhareport's filters; and the rows as
the floor reads them, made from it beforehand."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import yaml


def _read(path: Path) -> Any:
    with path.open(encoding="utf-8") as stream:
        return yaml.load(stream, Loader=yaml.CSafeLoader)


def context(year_folder: Path) -> dict[str, Any]:
    """The template's variables: the scorecard's title and summary, its rows under their part,
    area and field headings. The actions are those of every file of scorecard/ but its
    structure, in the files' name order."""
    year = _read(year_folder / "year.yaml")
    structure = _read(year_folder / "scorecard" / "structure.yaml")
    actions = [action for path in sorted((year_folder / "scorecard").glob("*.yaml"))
               if path.name != "structure.yaml" for action in _read(path)]
    fields = {f["number"]: f for f in structure["fields"]}
    by_field: dict[str, list[dict[str, Any]]] = {}
    for action in actions:
        action["agencies"] = action.get("agencies") or []
        action["bodies"] = action.get("bodies") or []
        by_field.setdefault(str(action["field"]), []).append(action)
    rows: list[dict[str, Any]] = []
    for part in structure["parts"]:
        rows.append({"heading": f"{part['code']}. {part['title']}"})
        for area in (a for a in structure["areas"] if a["part"] == part["code"]):
            rows.append({"heading": f"{area['number']}. {area['title']}"})
            for number, item in fields.items():
                if number.split(".")[0] != area["number"]:
                    continue
                for index, action in enumerate(by_field.get(number, [])):
                    label = f"{number} {item['title']}" if index == 0 else ""
                    rows.append({"heading": None, "field": label, "action": action})
    per_area = Counter(str(a["field"]).split(".")[0] for a in actions)
    per_state = Counter(str(a.get("state") or "Not stated") for a in actions)
    return {
        "year": {"year": year["year"], "chair": None},
        "scorecard": {"title": structure["title"], "actions": actions},
        "summary": {"total": len(actions),
                    "areas": [{"number": a["number"], "title": a["title"],
                               "count": per_area[a["number"]]} for a in structure["areas"]],
                    "states": [{"label": s, "count": c} for s, c in per_state.most_common(6)]},
        "scorecard_rows": rows,
        "scorecard_chart": None,
        "draft": False,
    }


def floor_rows(year_folder: Path) -> dict[str, Any]:
    """The template's variables as the floor reads them from JSON: each action's detail already
    split into its paragraphs, with the number of lines the template asks of it; its state a
    text."""
    variables = context(year_folder)
    for row in variables["scorecard_rows"]:
        action = row.get("action")
        if action is not None:
            text = action["detail"]
            action["detail"] = {"paragraphs": paragraphs(text), "lines": FILTERS["lines"](text, 88)}
            action["state"] = None if action.get("state") is None else str(action["state"])
    variables["scorecard"]["actions"] = len(variables["scorecard"]["actions"])
    return variables


def paragraphs(text: str) -> list[tuple[bool, str]]:
    """A detail's paragraphs, each with whether it is a bullet ("- " in Markdown)."""
    found = []
    for line in text.strip().splitlines():
        line = line.strip()
        if line:
            found.append((line.startswith("- "), line.removeprefix("- ")))
    return found


FILTERS = {
    "number": lambda value: f"{value:,}",
    "join_counts": lambda states: ", ".join(f"{s['count']} {s['label']}" for s in states),
    "agency": str,
    "translated": str,
    "state": lambda value: "" if value is None else str(value),
    "agencies": lambda values, all_as="": ", ".join(str(v) for v in values),
    "chart": lambda value: "",
    # about how many lines a text takes: whether the template keeps its row whole
    "lines": lambda text, per_line=80: sum(len(line) // per_line + 1
                                           for line in str(text or "").splitlines()),
}
