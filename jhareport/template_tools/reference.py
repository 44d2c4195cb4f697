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

from ..render.filters import FILTERS
from ..views import CONTEXTS
from .schema import (
    BUILD_GLOBALS,
    BUILD_VARIABLE_DOCS,
    BUILD_VARIABLES,
    CHART_DOC,
    HTML_CHART_DOC,
    HTML_GLOBALS,
    HTML_PICTURE_DOC,
    HTML_RICH_DOC,
    HTML_TEMPLATES,
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
    "Chart": "a chart of the records, drawn where a template places it: "
             "`{{p empact_chart|chart }}` in Word, `{{ empact_chart|chart }}` in HTML; its "
             "attributes say what it shows",
    "Period": "a date or a period: show it with `|period`",
    "StateOfPlay": "a scorecard action's state of play: show it with `|state`",
    "Agency": "an agency of the network: show it with `|agency` (short name of the report's "
              "year) or `|agency_full`",
    "Body": "a body that is not a member of the network: show it with `|agency` or "
            "`|agency_full`",
}
_LEAVES = {"Markup", "Period", "StateOfPlay", "Agency", "Body", "AgencyName", "date"}


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


def _reachable(roots: list[type] | None = None, known: list[type] | None = None) -> list[type]:
    """The classes whose attributes templates read, from the contexts (or `roots`), each once,
    leaving out those already `known`."""
    seen: list[type] = list(known or [])
    queue: list[type] = list(roots or [])
    for context in () if roots else CONTEXTS.values():
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
    return seen[len(known or []):]


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
    word_types = _reachable()
    lines += _types(word_types)
    lines += _html_reference(word_types)
    return "\n".join(lines).rstrip("\n") + "\n"


def _types(classes: list[type]) -> list[str]:
    lines: list[str] = []
    for cls in classes:
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
    return lines


def _html_reference(known: list[type]) -> list[str]:
    """The HTML templates: their files, what they have besides the Word templates' variables,
    and the writer's filters and functions."""
    from ..html.build import PageView
    from ..html.site import SiteYear
    from ..html.writer import ContentsEntry, Note

    lines = [
        "## HTML templates", "",
        "The HTML edition (`build --html`, `site`) is written by Jinja2 templates that are HTML "
        "files, autoescaped, rendered in the same sandbox with the same filters as the Word "
        "templates. An agency's own (`--templates`) are taken as Word templates are: the "
        "language's subfolder, then the folder, then the built-in ones, file by file. "
        "`{% extends %}` and `{% include %}` reach the other files of the same set by their "
        "plain names, and nothing else.",
        "",
        "| file | what it is | variables |",
        "| --- | --- | --- |",
    ]
    for name, (what, variables) in HTML_TEMPLATES.items():
        lines.append(f"| `{name}` | {_cell(what)} | {_cell(variables)} |")
    lines += [
        "", "Each page's template has the variables of its kind of document (above), `draft`, "
        "`locale`, and `page`, what the page knows of itself and of the pages around it "
        "(PageView below). The built-in templates write their own words through "
        "`|translated`, so that one template serves every language: "
        "`{{ 'Contents'|translated }}`, `{{ 'Documents of %(year)s'|translated|format(year="
        "year.year) }}`.",
        "", "### Filters and functions of the HTML templates", "",
        "| filter | what it gives |", "| --- | --- |",
        f"| `rich` | {_cell(HTML_RICH_DOC)} |",
        f"| `chart` | {_cell(HTML_CHART_DOC)} |",
        f"| `picture` | {_cell(HTML_PICTURE_DOC)} |",
    ]
    for name, doc in HTML_GLOBALS.items():
        lines.append(f"| `{name}()` | {_cell(doc)} |")
    lines += ["", "The filters of the Word templates (`period`, `agency`, `number`…) are the "
              "same. A value a template writes whose language differs from the page's (a "
              "record's text left untranslated) comes in `<span lang=\"…\">`; write such "
              "values in element content, not in attributes.", "",
              "### Types of the HTML templates", ""]
    lines += _types(_reachable([PageView, ContentsEntry, Note, SiteYear], known))
    return lines
