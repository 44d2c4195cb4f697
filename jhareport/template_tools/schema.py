"""What a template of each kind may use: its variables with their types, the filters and globals.

Everything here is read from the code that makes the context (the context classes of `views`, the
filters of `FILTERS`, the build's own names), so the template reference and the template lint
cannot drift from what a build offers.
"""

from __future__ import annotations

import enum
import inspect
import types
import typing
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from typing import Any

import attrs
from attrs import frozen
from jinja2.filters import FILTERS as DEFAULT_FILTERS
from jinja2.tests import TESTS as DEFAULT_TESTS

from ..render.filters import FILTERS
from ..views import CONTEXTS

__all__ = ["BUILD_GLOBALS", "BUILD_VARIABLES", "CHART_DOC", "KINDS", "PICTURE_DOC", "TABLE_DOC",
           "Attribute", "attributes", "element_type", "filter_names", "kind_variables",
           "result_type", "type_name", "unwrap_optional"]

KINDS = tuple(CONTEXTS)

BUILD_VARIABLES: dict[str, Any] = {"draft": bool, "locale": str}
"""Variables every template has besides its kind's context."""

BUILD_VARIABLE_DOCS = {
    "draft": "true when built with --draft: missing content shows as placeholders",
    "locale": "the locale dates and numbers are written in (en, fr, de…)",
}

BUILD_GLOBALS = {
    "todo": "todo(section): a highlighted placeholder \"[to be completed: section]\" for a draft",
    "heading": "heading(text, level=1, numbered=True, dated=False): a heading paragraph in the "
               "template's \"Heading <level>\" style; `text` may be a record (its title, and its "
               "dates when `dated`); an unnumbered heading takes no number. Use it in a {{p …}} "
               "tag: `{{p heading(section.heading, section.level, section.numbered) }}`",
}

RICH_DOC = ("text|rich(section='', style='Body Text'): a record's text as Word paragraphs, in the "
            "template's styles (lists in List Bullet / List Number, footnotes, links); use it in a "
            "{{p …}} tag. A missing text shows the placeholder of `section` in a draft.")


CHART_DOC = ("chart|chart(width_cm=None): a chart of the records (a `Chart`) as a native "
             "Word chart in a paragraph of its own (style Figure, when the template has it) with "
             "its alternative text, and its title as a caption below (style Caption); nothing "
             "for none. Use it in a {{p …}} tag: `{{p empact_chart|chart }}`. The chart is 16 cm "
             "wide, or the width between the margins when that is less, unless `width_cm` says "
             "otherwise.")


HTML_TEMPLATES = {
    "layout.html": ("the frame of every page: skip link, header with the year's documents, "
                    "languages and years, footer with the Word and PDF versions; the pages "
                    "extend it and fill its block `main`", "those of the page extending it"),
    "final-report.html": ("the final report", "final-report's, `page`"),
    "scorecard-annex.html": ("the scorecard annex, with its filters by agency and state of play",
                             "scorecard-annex's, `page`"),
    "acronyms.html": ("the list of acronyms", "acronyms', `page`"),
    "notes.html": ("the page's footnotes, included after the texts", "those of the page"),
    "index.html": ("the year's page, listing its documents", "`year`, `page`"),
    "site.html": ("a site's home page, listing the years", "`page`, `years` (list of SiteYear)"),
    "style.css": ("the one stylesheet of the pages, copied beside them", ""),
}
"""The files of the HTML edition's templates: what each is, and its variables."""

HTML_RICH_DOC = ("text|rich(section='', style=''): a record's text as HTML paragraphs and lists, "
                 "with links, and footnote marks linked to the page's notes; `style` is a class "
                 "of its paragraphs. A missing text shows the placeholder of `section` in a "
                 "draft; a text in another language than the page's comes in a `<div lang>`.")

HTML_CHART_DOC = ("chart|chart(table=True): a chart of the records (a `Chart`) as a figure: "
                  "inline SVG with its title and description (`role=img`), its title as the "
                  "caption, and its figures as a table (unless `table=False`); nothing for none. "
                  "`{{ empact_chart|chart }}`.")

HTML_PICTURE_DOC = ("picture|picture(style=''): the year's pictures (a `Picture`, such as "
                    "`figure.picture`, or a list of them, such as `(year.network_logo, "
                    "year.chair_logo)`) as images, each with its alternative text and its size "
                    "in pixels, kept once as a file beside the pages (`pictures/`); `style` is a "
                    "class of each; nothing for none. `{{ figure.picture|picture }}`.")

HTML_GLOBALS = {
    "heading": "heading(text, level=1, numbered=True, dated=False, id=None): a heading `<h2>` "
               "(level 1) to `<h6>`, the page's title being its `<h1>`; numbered as the Word "
               "report numbers its headings (levels 1 to 3); its id is `id`, or the record's, "
               "or made from the text, the same in every build: "
               "`{{ heading(section.heading, section.level, section.numbered, id=section.id) }}`",
    "anchor": "anchor(text): an id made from `text` that no heading or other element of the "
              "page has yet, the same in every build, for an element a template names itself: "
              "`<figure id=\"{{ anchor(figure.id) }}\">`",
    "todo": "todo(section): a placeholder \"[to be completed: section]\" for a draft",
    "contents": "contents(): the page's headings as a tree (ContentsEntry), for a contents "
                "list: the page is rendered a second time when its template asks for them",
    "footnotes": "footnotes(): the notes of the texts written so far (Note), each with its "
                 "number, id and the id of its mark: place it after them",
}

PICTURE_DOC = ("picture|picture(width_cm=None, height_cm=None, style='Figure'): the year's "
               "pictures (a `Picture`, such as `year.network_logo` or `figure.picture`, or a "
               "list of them side by side, a tab apart) in a paragraph of their own, each with "
               "its alternative text; nothing for none. Use it in a {{p …}} tag: "
               "`{{p (year.network_logo, year.chair_logo)|picture(height_cm=2.5, "
               "style='Cover Logos') }}`. A picture takes `width_cm` or `height_cm`, its "
               "proportions kept, else its own size at 96 pixels to the inch, and never more "
               "than the width between the margins.")


TABLE_DOC = ("table|table(header_fill='1F3864'): an annex's table (`section.table`, a `Table`) "
             "across the width between the margins, each column as wide as its texts need: its "
             "heading row when it has one and its column headings (style Table Heading, on "
             "`header_fill`, repeated on each page), then its rows (style Table Text), none split "
             "across pages; nothing for none. Use it in a {{p …}} tag: "
             "`{{p section.table|table }}`.")


DOCXTPL = "docxtpl"
"""The kind of any docxtpl template: what holds for every one, whatever its variables."""

FILTER_ENTRY_POINTS = "jhareport.template_filters"
"""The entry point group where a package names the Jinja filters its templates may use."""


def kind_variables(kind: str) -> dict[str, Any]:
    """Every variable of a kind of template with its type."""
    context = CONTEXTS[kind]
    hints = typing.get_type_hints(context)
    return {**{a.name: hints[a.name] for a in attrs.fields(context)}, **BUILD_VARIABLES}


def filter_names() -> list[str]:
    """The filters a template may use: the project's, `rich`, and Jinja's built-in ones."""
    return sorted({*FILTERS, "rich", "chart", "picture", "table", *DEFAULT_FILTERS})


def test_names() -> list[str]:
    return sorted(DEFAULT_TESTS)


@frozen
class Attribute:
    """An attribute a template may read on a value: a field, a property or a method."""

    name: str
    type: Any
    doc: str = ""
    method: bool = False


def unwrap_optional(hint: Any) -> Any:
    """`X | None` → X; other hints as they are."""
    args = typing.get_args(hint)
    if _is_union(hint):
        rest = [a for a in args if a is not type(None)]
        if len(rest) == 1:
            return rest[0]
    return hint


def _is_union(hint: Any) -> bool:
    return typing.get_origin(hint) in (typing.Union, types.UnionType)


def element_type(hint: Any) -> Any:
    """The type of the items of a sequence type, or Any."""
    hint = unwrap_optional(hint)
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (list, tuple, Sequence, typing.Sequence) and args:
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            return Any
        return args[0]
    return Any


def _classes(hint: Any) -> list[type]:
    hint = unwrap_optional(hint)
    if hint is Any:
        return []
    if _is_union(hint):
        return [c for a in typing.get_args(hint) for c in _classes(a)]
    origin = typing.get_origin(hint)
    if origin is not None:
        return [origin] if isinstance(origin, type) else []
    return [hint] if isinstance(hint, type) else []


def attributes(hint: Any) -> dict[str, Attribute] | None:
    """The attributes of values of the type, or None when the type is not known (Any)."""
    classes = _classes(hint)
    if not classes:
        return None
    found: dict[str, Attribute] = {}
    for cls in classes:
        for attribute in _class_attributes(cls):
            found.setdefault(attribute.name, attribute)
    return found


def _class_attributes(cls: type) -> Iterator[Attribute]:
    if attrs.has(cls):
        hints = typing.get_type_hints(cls)
        for a in attrs.fields(cls):
            if not a.name.startswith("_"):  # a template cannot reach it (a property may)
                yield Attribute(a.name, hints.get(a.name, Any), str(a.metadata.get("doc", "")))
    if issubclass(cls, enum.Enum):
        yield Attribute("name", str, "the name of the value")
        yield Attribute("value", str, "the value as written in the fixtures")
    for name, member in inspect.getmembers(cls):
        if name.startswith("_"):
            continue
        if isinstance(member, property) and member.fget is not None:
            doc = inspect.getdoc(member) or ""
            yield Attribute(name, _return_hint(member.fget), doc.splitlines()[0] if doc else "")
        elif inspect.isfunction(member) or inspect.ismethoddescriptor(member) or \
                inspect.isbuiltin(member):
            doc = inspect.getdoc(member) or ""
            yield Attribute(name, _return_hint(member), doc.splitlines()[0] if doc else "",
                            method=True)


def _return_hint(function: Callable[..., Any]) -> Any:
    try:
        return typing.get_type_hints(function).get("return", Any)
    except (NameError, TypeError):
        return Any


def result_type(filter_name: str, subject: Any) -> Any:
    """The type a filter gives: text for the project's filters, what Jinja's built-ins keep."""
    if filter_name in FILTERS:
        return _return_hint(FILTERS[filter_name])
    if filter_name in ("length", "count", "wordcount"):
        return int
    if filter_name in ("first", "last", "random"):
        return element_type(subject)
    if filter_name in ("list", "sort", "reverse", "unique", "selectattr", "rejectattr", "batch"):
        return list[element_type(subject)]  # type: ignore[misc]
    if filter_name in ("default", "d"):
        return subject
    if filter_name in ("string", "upper", "lower", "title", "capitalize", "trim", "join",
                       "replace", "truncate", "format", "striptags", "center", "indent"):
        return str
    return Any


_WORDS = {str: "text", int: "number", bool: "true or false", float: "number", date: "date"}


def type_name(hint: Any) -> str:
    """A type as the reference writes it: "list of Meeting", "Agency or none"."""
    if hint is Any:
        return "any"
    if _is_union(hint):
        args = typing.get_args(hint)
        rest = [a for a in args if a is not type(None)]
        shown = " or ".join(type_name(a) for a in rest)
        return f"{shown} or none" if len(rest) < len(args) else shown
    origin = typing.get_origin(hint)
    if origin in (list, tuple, Sequence):
        return f"list of {type_name(element_type(hint))}"
    if hint in _WORDS:
        return _WORDS[hint]
    return getattr(hint, "__name__", str(hint))
