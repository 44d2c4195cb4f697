"""The template reference, written from the code: `jhareport template reference`.

Every variable of each kind of template (from the context classes of `views`), every attribute of
the values they hold (fields and properties of the record classes), every filter (from `FILTERS`
and their docstrings) and the build's own names. docs/templates.md is this text; a test keeps it
equal to what the code gives.
"""

from __future__ import annotations

import enum
import inspect
import typing
from typing import Any

import attrs

from ..views import CONTEXTS
from ..word.filters import FILTERS
from .schema import (
    BUILD_GLOBALS,
    BUILD_VARIABLE_DOCS,
    BUILD_VARIABLES,
    CHART_DOC,
    PICTURE_DOC,
    RICH_DOC,
    TABLE_DOC,
    attributes,
    element_type,
    type_name,
    unwrap_optional,
)

__all__ = ["reference"]

# Values shown through a filter rather than by their attributes.
_SHOWN_BY = {
    "Markup": "a text of the records (paragraphs, lists, links, footnotes): show it with "
              "`{{p value|rich }}`",
    "ChartView": "a chart of the records, drawn when a template places it: "
                 "`{{p empact_chart|chart }}`",
    "Period": "a date or a period: show it with `|period`",
    "StateOfPlay": "a scorecard action's state of play: show it with `|state`",
    "Agency": "an agency of the network: show it with `|agency` (short name of the report's "
              "year) or `|agency_full`",
    "Body": "a body that is not a member of the network: show it with `|agency` or "
            "`|agency_full`",
}
_LEAVES = {"ChartView", "Markup", "Period", "StateOfPlay", "Agency", "Body", "AgencyName", "date"}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _classes_of(hint: Any) -> list[type]:
    hint = unwrap_optional(hint)
    found: list[type] = []
    if typing.get_origin(hint) in (list, tuple) or element_type(hint) is not Any:
        return _classes_of(element_type(hint))
    args = typing.get_args(hint)
    if args:
        for arg in args:
            found.extend(_classes_of(arg))
        return found
    if isinstance(hint, type) and (attrs.has(hint) or issubclass(hint, enum.Enum)):
        return [hint]
    return []


def _reachable() -> list[type]:
    seen: list[type] = []
    queue: list[type] = []
    for context in CONTEXTS.values():
        for hint in typing.get_type_hints(context).values():
            queue.extend(_classes_of(hint))
    while queue:
        cls = queue.pop(0)
        if cls in seen:
            continue
        seen.append(cls)
        if cls.__name__ in _LEAVES:
            continue
        for attribute in (attributes(cls) or {}).values():
            if not attribute.method:
                queue.extend(_classes_of(attribute.type))
    return seen


def _summary(obj: Any) -> str:
    doc = inspect.getdoc(obj) or ""
    return " ".join(doc.split("\n\n")[0].split())


def reference() -> str:
    """The template reference as Markdown."""
    lines = [
        "# Template reference",
        "",
        "Generated from the code by `jhareport template reference`; do not edit by hand.",
        "",
        "Templates are Word documents with [docxtpl](https://docxtpl.readthedocs.io) Jinja tags, "
        "rendered in a sandboxed environment where an undefined name is an error: `{{ … }}` in a "
        "run, `{{p … }}` for a paragraph replaced by a text's paragraphs, `{%p … %}` and "
        "`{%tr … %}` for blocks over paragraphs and table rows. `jhareport template lint` checks "
        "a template against this reference.",
        "",
        "## Variables",
        "",
    ]
    for kind, context in CONTEXTS.items():
        hints = typing.get_type_hints(context)
        lines += [f"### {kind}", "", "| variable | type | what it is |", "| --- | --- | --- |"]
        for field in attrs.fields(context):
            lines.append(f"| `{field.name}` | {type_name(hints[field.name])} | "
                         f"{_cell(field.metadata.get('doc', ''))} |")
        for name, hint in BUILD_VARIABLES.items():
            lines.append(f"| `{name}` | {type_name(hint)} | {_cell(BUILD_VARIABLE_DOCS[name])} |")
        lines.append("")
    lines += ["## Filters and functions", "", "| filter | what it gives |", "| --- | --- |"]
    lines.append(f"| `rich` | {_cell(RICH_DOC)} |")
    lines.append(f"| `chart` | {_cell(CHART_DOC)} |")
    lines.append(f"| `picture` | {_cell(PICTURE_DOC)} |")
    lines.append(f"| `table` | {_cell(TABLE_DOC)} |")
    for name, function in FILTERS.items():
        lines.append(f"| `{name}` | {_cell(_summary(function))} |")
    for name, doc in BUILD_GLOBALS.items():
        lines.append(f"| `{name}()` | {_cell(doc)} |")
    lines += ["", "Jinja's built-in filters (`length`, `default`, `first`, `join`, `selectattr`…) "
              "and tests are available too.", "", "## Types", "",
              "The attributes a template may read on the values above.", ""]
    for cls in _reachable():
        lines += [f"### {cls.__name__}", ""]
        described = _SHOWN_BY.get(cls.__name__) or _summary(cls)
        if issubclass(cls, enum.Enum):
            values = ", ".join(f"`{m.value}`" for m in cls)
            lines += [f"{described} One of: {values}.".strip(), ""]
        elif described:
            lines += [described, ""]
        known = attributes(cls) or {}
        rows = [a for a in known.values() if not a.method]
        if rows and not issubclass(cls, enum.Enum):
            lines += ["| attribute | type | |", "| --- | --- | --- |"]
            lines += [f"| `{a.name}` | {type_name(a.type)} | {_cell(a.doc)} |" for a in rows]
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
