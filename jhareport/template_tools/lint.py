"""Template lint: a template's mistakes found before a build, each with its place.

For any docxtpl template, place by place, read as docxtpl reads it (`reading`): Jinja syntax;
docxtpl's tag forms ({%p …%}, {%tr …%}, {%tc …%}, {{r …}}) standing where they can work, with no
text beside them that docxtpl would drop; blocks closed by their own kind; filters and tests that
neither Jinja nor the user's renderer offers (with the closest valid name). These are errors:
docxtpl raises, or loses content without a word. Warnings are what is worth fixing but renders:
a tag split across runs formatted differently or across paragraphs, and what a screen reader
needs (pictures' alternative text, the document's language, the header rows of repeated tables).
For the network's documents (final-report, scorecard-annex, acronyms), linted strictly (every
finding is an error), also: variables and attributes the kind of document does not offer; record
texts (`rich`) placed in paragraph tags; the styles record texts take (lists, footnotes, links)
present in the template.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Literal

import attrs
from attrs import define, frozen
from jinja2 import Environment, TemplateSyntaxError, nodes
from jinja2.defaults import DEFAULT_NAMESPACE
from jinja2.filters import FILTERS as DEFAULT_FILTERS

from ..errors import InputError
from ..render.environment import template_environment
from .inspect import Part, Place, Run, Template, read
from .pictures import picture_problem
from .reading import Tag, container, inside, joins, plain_tags, tags
from .schema import (
    BUILD_GLOBALS,
    DOCXTPL,
    FILTER_ENTRY_POINTS,
    KINDS,
    attributes,
    element_type,
    filter_names,
    kind_variables,
    result_type,
    test_names,
    type_name,
    unwrap_optional,
)

__all__ = ["DOCXTPL", "FILTER_ENTRY_POINTS", "LintProblem", "Severity", "UnknownKindError",
           "kind_of", "lint", "lint_many", "registered_filters"]

Severity = Literal["error", "warning"]


@frozen
class LintProblem:
    """A mistake of a template at a place: "paragraph 12 “{{ yaer }}”: …". `text` is the place's
    text as `template show` prints it; `severity` is "error" for what makes docxtpl fail or lose
    content (and for every finding in the network's own templates), "warning" for the rest."""

    where: str
    text: str
    message: str
    severity: Severity = "error"

    @property
    def place(self) -> str:
        """Where the problem is, with the start of the place's text: paragraph 12 “{{ yaer }}”."""
        shown = self.text.strip()
        shown = shown if len(shown) <= 70 else shown[:67] + "…"
        return f"{self.where} “{shown}”" if shown else self.where

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"


class UnknownKindError(InputError, ValueError):
    """A kind of template lint does not know."""




def kind_of(path: str | Path, kind: str | None = None) -> str:
    """The kind of document a template makes: given, told by its file name (final-report.docx),
    or any docxtpl template."""
    if kind is not None:
        if kind not in (DOCXTPL, *KINDS):
            raise UnknownKindError(f"unknown kind {kind!r}: use one of "
                                   f"{', '.join((DOCXTPL, *KINDS))}")
        return kind
    stem = Path(path).stem
    return stem if stem in KINDS else DOCXTPL


def registered_filters() -> list[str]:
    """The filter names packages register in the entry point group `jhareport.template_filters`
    (the entry point's name is the filter's name; nothing is imported)."""
    from importlib.metadata import entry_points

    return sorted({entry.name for entry in entry_points(group=FILTER_ENTRY_POINTS)})


_OPENERS = {"for", "if", "macro", "call", "filter", "with", "block", "autoescape", "raw"}
_MIDDLES = {"else": {"if", "for"}, "elif": {"if"}}
_SIMPLE = {"set", "colspan", "cellbg", "vm", "hm", "include", "import", "from", "extends", "do"}
_KNOWN = sorted(_OPENERS | set(_MIDDLES) | _SIMPLE | {f"end{o}" for o in _OPENERS} | {"endset"})
_REFUSED = {"include", "import", "from", "extends"}


@define
class _Open:
    name: str
    tag: Tag
    place: Place
    scoped: bool


@frozen
class _Rules:
    """What a lint run checks against, made once for all the parts and templates it reads."""

    kind: str
    env: Environment
    variables: dict[str, Any]
    filters: list[str]
    tests: list[str]
    globals: list[str]

    @property
    def network(self) -> bool:
        return self.kind != DOCXTPL

    @classmethod
    def make(cls, kind: str, filters: Sequence[str]) -> _Rules:
        # Any docxtpl template: Jinja's own names and the user's filters; variables are the
        # user's business. The network's kinds: what their build offers.
        network = kind != DOCXTPL
        return cls(kind, template_environment() if network else Environment(),
                   kind_variables(kind) if network else {},
                   sorted({*(filter_names() if network else DEFAULT_FILTERS), *filters}),
                   test_names(),
                   sorted({*DEFAULT_NAMESPACE, *(BUILD_GLOBALS if network else ())}))


def _joined(places: tuple[Place, ...]) -> tuple[list[Place], list[tuple[Place, list[Place]]]]:
    """The places of a part as docxtpl reads them: those a tag joins made one (named by the
    first, its text with ¶ where a paragraph ended), with each run of places joined."""
    merged = list(places)
    spans = []
    for first, last in reversed(joins(places)):
        group = list(places[first:last + 1])
        merged[first:last + 1] = [attrs.evolve(
            group[0], runs=tuple(r for p in group for r in p.runs),
            shown=" ¶ ".join(p.shown for p in group),
            drawings=tuple(d for p in group for d in p.drawings))]
        spans.append((merged[first], group))
    return merged, spans[::-1]


class _Linter:
    """Walks a part's places in order, keeping the open blocks and the names in scope."""

    def __init__(self, rules: _Rules, part: Part) -> None:
        self.kind = rules.kind
        self.part = part
        self.network = rules.network
        self.who = "the build" if self.network else "docxtpl"  # what renders the template
        self.env = rules.env
        self.variables = rules.variables
        self.filters = rules.filters
        self.tests = rules.tests
        self.globals = rules.globals
        self.places, joined = (_joined(part.places) if not part.separate
                               else (list(part.places), []))
        self.joined = {id(place): group for place, group in joined}
        self.scopes: list[dict[str, Any]] = []
        self.stack: list[_Open] = []
        self.problems: list[LintProblem] = []
        self.place: Place | None = None
        self.rich_uses: list[tuple[Place | None, str | None]] = []

    # -- reporting -----------------------------------------------------------------------------

    def report(self, message: str, place: Place | None = None, *,
               severity: Severity = "error") -> None:
        where = place or self.place
        assert where is not None
        problem = LintProblem(where.where, where.shown, message,
                              "error" if self.network else severity)
        if problem not in self.problems:
            self.problems.append(problem)

    def warn(self, message: str, place: Place | None = None) -> None:
        self.report(message, place, severity="warning")

    # -- places --------------------------------------------------------------------------------

    def run(self) -> list[LintProblem]:
        for place in self.places:
            self.place = place
            if id(place) in self.joined:
                self.join(place, self.joined[id(place)])
            self.check_place(place)
        for still_open in self.stack:
            self.report(f"{_shown(still_open.tag)} is never closed "
                        f"({_closer(still_open)} is missing)", still_open.place)
        if not any(p.severity == "error" for p in self.problems):
            self.whole_part()
        self.repeated_rows()
        if self.part.label in ("", "footnotes"):  # headers and footers are artifacts of a PDF
            for place in self.places:
                for drawing in place.drawings:
                    message = picture_problem(drawing)
                    if message:
                        self.warn(message, place)
        return self.problems

    def join(self, place: Place, group: list[Place]) -> None:
        """A tag docxtpl reads across paragraphs, joining them."""
        shown = next((_shown(t) for t in tags(place.text)
                      if t.start < len(group[0].text) < t.end), "a tag")
        ends = f"{group[0].where} and {group[-1].where}"
        if len({container(p.where) for p in group}) > 1:
            self.report(f"{shown} is split over {ends}, which {self.who} joins by removing what "
                        "stands between them: two cells become one and the row loses a cell, or "
                        "the document breaks: retype the tag "
                        "in one paragraph", place)
        else:
            self.warn(f"{shown} is split over {ends}: {self.who} joins them into one paragraph "
                      "(in the first one's style): keep a tag in one paragraph", place)

    def check_place(self, place: Place) -> None:
        text = place.text
        found = list(tags(text))
        rest = text
        for tag in reversed(found):
            rest = rest[:tag.span[0]] + rest[tag.span[1]:]
        for opener in ("{{", "{%", "{#"):
            if opener in rest:
                self.report(f"a tag opened with '{opener}' is not closed in this paragraph")
        self.split_runs(place, found)
        for tag in found:
            if tag.prefix and not place.prefixes:
                self.report(f"{_shown(tag)}: docxtpl reads {_form(tag.prefix)} tags in the "
                            "document's text, not in its properties: write {% … %} or {{ … }}")
            elif tag.prefix and re.search(r"[%}]", tag.body):
                self.report(f"{_shown(tag)}: docxtpl cannot read a {_form(tag.prefix)} tag "
                            "holding '%' or '}': compute the value in a {% set … %} before it")
            if tag.prefix == "tr" and not place.table_row:
                self.report(f"{_shown(tag)} stands outside a table: {{%tr …%}} repeats or drops "
                            "a table row, so it must stand in one")
            if tag.prefix == "tc" and not place.table_cell:
                self.report(f"{_shown(tag)} stands outside a table cell")
            if place.prefixes and tag.prefix in ("p", "tr", "tc"):
                self.dropped(place, tag)
            if tag.kind == "{{":
                self.output(tag)
            elif tag.kind == "{%":
                self.statement(tag)

    def dropped(self, place: Place, tag: Tag) -> None:
        """Report what docxtpl drops with the paragraph, row or cell a prefixed tag replaces."""
        scope = {"p": place.where, "tr": place.row, "tc": place.cell}[tag.prefix]
        if scope is None:
            return
        own = place.text[:tag.span[0]] + place.text[tag.span[1]:]
        others = [p for p in self.places if p is not place and inside(p, scope)]
        text = own.strip() or any(p.text.strip() for p in others)
        pictures = place.drawings or any(p.drawings for p in others)
        if not (text or pictures):
            return
        lost = "other text" if text else "a picture"
        if text and pictures:
            lost = "other text and a picture"
        if tag.prefix == "p":
            self.report(f"{_shown(tag)} shares its paragraph with {lost}, which "
                            f"{self.who} drops "
                        "with the paragraph: put the tag in a paragraph of its own")
        elif tag.prefix == "tr":
            self.report(f"{_shown(tag)} shares its table row with {lost}, which "
                            f"{self.who} drops "
                        "with the row: give the tag a row of its own")
        else:
            self.report(f"{_shown(tag)} shares its table cell with {lost}, which "
                            f"{self.who} drops "
                        "with the cell: give the tag a cell of its own")

    def split_runs(self, place: Place, found: list[Tag]) -> None:
        """A {{ … }} tag over runs formatted differently prints in the first one's formatting.
        Statement tags print nothing; runs holding only spaces of the tag do not count."""
        offsets: list[tuple[int, int, Run]] = []
        position = 0
        for run in place.runs:
            offsets.append((position, position + len(run.text), run))
            position += len(run.text)
        for tag in found:
            if tag.prefix or tag.kind != "{{":
                continue  # docxtpl replaces the whole run, paragraph, cell or row of the tag
            formats = {run.format for start, end, run in offsets if start < tag.end and
                       end > tag.start and run.text[max(tag.start - start, 0):tag.end - start].strip()}
            if len(formats) > 1:
                self.warn(f"{_shown(tag)} is split across runs formatted differently; "
                          f"{self.who} keeps the first run's formatting only: retype the tag, or clear its "
                          "formatting")

    def repeated_rows(self) -> None:
        """A table whose rows repeat holds data: its first row should be marked as its header
        row, for screen readers and the headings of a tagged PDF."""
        told: set[str] = set()
        for place in self.places:
            if place.row is None:
                continue
            for tag in tags(place.text):
                if tag.prefix != "tr" or tag.kind != "{%" or not tag.body.startswith("for "):
                    continue
                table, _, number = place.row.rpartition(", row ")
                if number == "1" or table in told:
                    continue
                told.add(table)
                first = [p for p in self.part.places if p.row == f"{table}, row 1"]
                if first and not any(p.header for p in first):
                    self.warn(f"{table} repeats rows ({_shown(tag)}) but its first row is not "
                              "marked as a header row, so screen readers and PDFs read it as "
                              "data: in Word, Table Properties, Row, tick “Repeat as header row "
                              "at the top of each page”", first[0])

    # -- tags ----------------------------------------------------------------------------------

    def parse(self, source: str, tag: Tag) -> nodes.Template | None:
        try:
            return self.env.parse(source)
        except TemplateSyntaxError as error:
            self.report(f"Jinja syntax error in {_shown(tag)}: {error.message}")
            return None

    def output(self, tag: Tag) -> None:
        tree = self.parse("{{ " + tag.body + " }}", tag)
        if tree is None:
            return
        output = tree.body[0]
        assert isinstance(output, nodes.Output)
        for node in output.nodes:
            self.expression(node)
            if self.network and tag.prefix != "p" and _makes_paragraphs(node):
                self.report(f"{_shown(tag)} makes paragraphs (a record's text, a chart, a picture, a "
                            "table or a placeholder): "
                            "write it as {{p …}} in a paragraph of its own")

    def statement(self, tag: Tag) -> None:
        words = tag.body.split(None, 1)
        if not words:
            self.report("an empty tag {% %}")
            return
        name, rest = words[0], (words[1] if len(words) > 1 else "")
        if name in _REFUSED:
            self.report(f"{_shown(tag)}: templates cannot {name} other templates")
            return
        if name in _OPENERS or (name == "set" and "=" not in rest):
            self.open_block(name, rest, tag)
        elif name in _MIDDLES:
            self.middle(name, rest, tag)
        elif name.startswith("end"):
            self.close_block(name, tag)
        elif name in _SIMPLE:
            self.simple(name, rest, tag)
        elif name in ("p", "tr", "tc", "r"):
            self.report(f"unknown tag '{name}': docxtpl's tag is written {_form(name)}, the "
                        "letter right after the braces and then a space")
        else:
            self.report(f"unknown tag '{name}'{_suggest(name, _KNOWN)}")

    def open_block(self, name: str, rest: str, tag: Tag) -> None:
        assert self.place is not None
        closer = "endset" if name == "set" else f"end{name}"
        tree = self.parse(f"{{% {name} {rest} %}}{{% {closer} %}}", tag)
        scope: dict[str, Any] = {}
        if tree is not None:
            node = tree.body[0]
            if isinstance(node, nodes.For):
                element = element_type(self.expression(node.iter))
                for target in _names(node.target):
                    scope[target] = element if isinstance(node.target, nodes.Name) else Any
                scope["loop"] = Any
                if node.test is not None:
                    self.scopes.append(scope)
                    self.expression(node.test)
                    self.scopes.pop()
            elif isinstance(node, nodes.If):
                self.expression(node.test)
            elif isinstance(node, nodes.Macro):
                self.define(node.name, Any)
                scope.update({a.name: Any for a in node.args})
                scope.update({"varargs": Any, "kwargs": Any, "caller": Any})
                for default in node.defaults:
                    self.expression(default)
            elif isinstance(node, nodes.With):
                for given in node.values:
                    self.expression(given)
                for assigned in node.targets:
                    for found in _names(assigned):
                        scope[found] = Any
            elif isinstance(node, nodes.AssignBlock):
                for found in _names(node.target):
                    self.define(found, str)
            else:
                for child in node.iter_child_nodes():
                    self.expression(child)
        scoped = name in ("for", "macro", "with", "call")
        if scoped:
            self.scopes.append(scope)
        self.stack.append(_Open(name, tag, self.place, scoped))

    def middle(self, name: str, rest: str, tag: Tag) -> None:
        if not self.stack or self.stack[-1].name not in _MIDDLES[name]:
            self.report(f"{_shown(tag)} stands outside any "
                        f"{' or '.join(sorted(_MIDDLES[name]))} block")
            return
        opened = self.stack[-1]
        if opened.tag.prefix != tag.prefix:
            self.report(f"{_shown(tag)} belongs to {_shown(opened.tag)} ({opened.place.where}): "
                        f"write both as {_form(opened.tag.prefix)}")
        if name == "elif":
            tree = self.parse(f"{{% if {rest} %}}{{% endif %}}", tag)
            if tree is not None:
                node = tree.body[0]
                assert isinstance(node, nodes.If)
                self.expression(node.test)

    def close_block(self, name: str, tag: Tag) -> None:
        wanted = name.removeprefix("end")
        if wanted not in _OPENERS and wanted != "set":
            self.report(f"unknown tag '{name}'{_suggest(name, _KNOWN)}")
            return
        if not self.stack:
            self.report(f"{_shown(tag)} closes no open block")
            return
        opened = self.stack[-1]
        if opened.name != wanted:
            if any(o.name == wanted for o in self.stack):
                self.report(f"{_shown(tag)} comes before {_closer(opened)}, which "
                            f"{_shown(opened.tag)} ({opened.place.where}) needs first")
                while self.stack and self.stack[-1].name != wanted:
                    self.pop()
            else:
                self.report(f"{_shown(tag)} closes no open {wanted} block")
                return
        opened = self.stack[-1]
        if opened.tag.prefix != tag.prefix:
            self.report(f"{_shown(tag)} closes {_shown(opened.tag)} ({opened.place.where}): "
                        f"write both as {_form(opened.tag.prefix)}, or both as {_form(tag.prefix)}")
        self.pop()

    def pop(self) -> None:
        opened = self.stack.pop()
        if opened.scoped:
            self.scopes.pop()

    def simple(self, name: str, rest: str, tag: Tag) -> None:
        if name in ("vm", "hm"):
            return
        if name in ("colspan", "cellbg"):
            tree = self.parse("{{ " + rest + " }}", tag)
            if tree is not None:
                output = tree.body[0]
                assert isinstance(output, nodes.Output)
                for node in output.nodes:
                    self.expression(node)
            return
        if name == "do":
            self.report(f"unknown tag 'do'{_suggest(name, _KNOWN)}")
            return
        tree = self.parse(f"{{% {name} {rest} %}}", tag)
        if tree is not None:
            statement = tree.body[0]
            if isinstance(statement, nodes.Assign):
                value = self.expression(statement.node)
                for found in _names(statement.target):
                    self.define(found, value if isinstance(statement.target, nodes.Name) else Any)

    def define(self, name: str, hint: Any) -> None:
        if self.scopes:
            self.scopes[-1][name] = hint
        else:
            self.variables = {**self.variables, name: hint}

    # -- expressions ---------------------------------------------------------------------------

    def lookup(self, name: str) -> Any:
        for scope in reversed(self.scopes):
            if name in scope:
                return scope[name]
        if name in self.variables:
            return self.variables[name]
        if name in self.globals:
            return Any
        if not self.network:
            return Any
        # Jinja's globals (range, namespace…) are left out: 'age' is no misspelt 'range'.
        known = sorted({*self.variables, *BUILD_GLOBALS, *(n for s in self.scopes for n in s)})
        self.report(f"the {self.kind} template has no variable '{name}'{_suggest(name, known)}")
        return Any

    def expression(self, node: nodes.Node) -> Any:
        """Check the names of an expression; its type where it can be told, else Any."""
        if isinstance(node, nodes.Name):
            return self.lookup(node.name) if node.ctx == "load" else Any
        if isinstance(node, nodes.Getattr):
            return self.attribute(self.expression(node.node), node.attr)
        if isinstance(node, nodes.Getitem):
            subject = self.expression(node.node)
            self.expression(node.arg)
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                return self.attribute(subject, node.arg.value)
            return element_type(subject)
        if isinstance(node, nodes.Filter):
            subject = self.expression(node.node) if node.node is not None else Any
            self.arguments(node)
            if node.name == "rich" and self.network:
                self.rich_uses.append((self.place, _rich_style(node)))
            if node.name not in self.filters:
                self.report(f"no filter '{node.name}'{_suggest(node.name, self.filters)}")
                return Any
            return result_type(node.name, subject)
        if isinstance(node, nodes.Test):
            self.expression(node.node)
            self.arguments(node)
            if node.name not in self.tests:
                self.report(f"no test '{node.name}'{_suggest(node.name, self.tests)}")
            return bool
        if isinstance(node, nodes.Call):
            self.expression(node.node)
            self.arguments(node)
            return Any
        if isinstance(node, nodes.Const):
            return type(node.value)
        for child in node.iter_child_nodes():
            self.expression(child)
        return Any

    def arguments(self, node: nodes.Filter | nodes.Test | nodes.Call) -> None:
        for argument in node.args:
            self.expression(argument)
        for keyword in node.kwargs:
            self.expression(keyword.value)
        for extra in (node.dyn_args, node.dyn_kwargs):
            if extra is not None:
                self.expression(extra)

    def attribute(self, subject: Any, name: str) -> Any:
        known = attributes(subject)
        if known is None:
            return Any
        if name in known:
            return known[name].type
        shown = type_name(unwrap_optional(subject))
        names = sorted(known)
        hint = _suggest(name, names)
        if not hint:
            listed = ", ".join(n for n in names if not known[n].method)
            hint = f"; it has: {listed}" if listed else ""
        self.report(f"{shown} has no attribute '{name}'{hint}")
        return Any

    # -- the part as a whole -------------------------------------------------------------------

    def whole_part(self) -> None:
        if self.part.separate:  # each place is a template of its own
            for place in self.part.places:
                try:
                    self.env.parse(plain_tags(place.text))
                except TemplateSyntaxError as error:
                    self.report(f"Jinja syntax error: {error.message}", place)
            return
        try:
            self.env.parse(self.part.jinja_source())
        except TemplateSyntaxError as error:
            index = max(0, min((error.lineno or 1) - 1, len(self.part.places) - 1))
            if not self.part.places:
                self.problems.append(LintProblem(self.part.label or "body", "",
                                                 f"Jinja syntax error: {error.message}"))
            else:
                self.report(f"Jinja syntax error: {error.message}", self.part.places[index])


def _rich_style(node: nodes.Filter) -> str | None:
    """The paragraph style a `rich` filter asks for: "Body Text" unless it says otherwise;
    None when it is not a plain text in the template."""
    given: nodes.Node | None = node.args[1] if len(node.args) > 1 else None
    for keyword in node.kwargs:
        if keyword.key == "style":
            given = keyword.value
    if given is None:
        return "Body Text"
    return given.value if isinstance(given, nodes.Const) and isinstance(given.value, str) else None


# The styles record texts take, and what for.
_RICH_STYLES = {
    "List Bullet": "bullet lists", "List Bullet 2": "bullet lists in lists",
    "List Bullet 3": "bullet lists three deep", "List Number": "numbered lists",
    "List Number 2": "numbered lists in lists", "List Number 3": "numbered lists three deep",
    "Footnote Text": "footnotes", "Footnote Reference": "footnote marks",
    "Hyperlink": "links",
}


def _style_problems(styles: set[str], uses: list[tuple[Place | None, str | None]]
                    ) -> list[LintProblem]:
    if not uses:
        return []
    first = uses[0][0]
    where, text = (first.where, first.text) if first is not None else ("body", "")
    needed = {**_RICH_STYLES, **{style: "the paragraphs of record texts"
                                  for _, style in uses if style is not None}}
    return [LintProblem(where, text, f"the template has no style '{name}', which record texts "
                        f"(|rich) take for {purpose}: add it in Word")
            for name, purpose in needed.items() if name not in styles]


def _names(target: nodes.Node) -> list[str]:
    """The names a target assigns: `x`, or `a, b`."""
    if isinstance(target, nodes.Name):
        return [target.name]
    return [n.name for n in target.find_all(nodes.Name)]


def _makes_paragraphs(node: nodes.Node) -> bool:
    if isinstance(node, nodes.Filter) and node.name in ("rich", "chart", "picture", "table"):
        return True
    if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) and \
            node.node.name in ("todo", "heading"):
        return True
    if isinstance(node, nodes.CondExpr):
        return any(_makes_paragraphs(n) for n in (node.expr1, node.expr2) if n is not None)
    return False


def _shown(tag: Tag) -> str:
    return re.sub(r"\s+", " ", tag.raw)


def _form(prefix: str) -> str:
    if prefix == "r":  # a run's tag prints
        return "{{r …}}"
    return f"{{%{prefix} …%}}" if prefix else "{% … %}"


def _closer(opened: _Open) -> str:
    name = "endset" if opened.name == "set" else f"end{opened.name}"
    prefix = f"{opened.tag.prefix} " if opened.tag.prefix else " "
    return f"{{%{prefix}{name} %}}"


def _suggest(name: str, candidates: list[str]) -> str:
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def lint(path: str | Path, kind: str | None = None, filters: Sequence[str] = ()
         ) -> list[LintProblem]:
    """Every problem of a template, in document order (headers, footers, footnotes and the
    document properties after the body), errors and warnings alike (`LintProblem.severity`).

    `kind` is "docxtpl" (what holds for any docxtpl template) or one of the network's documents
    (`KINDS`, whose variables are checked too, and whose every problem is an error); without it,
    the file name tells ("final-report.docx") or the template is any docxtpl template. `filters`
    names the Jinja filters the template's renderer adds, besides those registered in the entry
    point group `jhareport.template_filters`. Raises TemplateReadError for a file that is missing
    or no Word document, UnknownKindError for an unknown kind."""
    [(_, found)] = lint_many([path], kind, filters)
    if isinstance(found, InputError):
        raise found
    return found


def lint_many(paths: Sequence[str | Path], kind: str | None = None, filters: Sequence[str] = ()
              ) -> Iterator[tuple[Path, list[LintProblem] | InputError]]:
    """`lint` for many templates in one go, each with its problems or the error that kept it
    from being read (TemplateReadError), in the order given; what every template is checked
    against is made once."""
    known = [*filters, *registered_filters()]
    rules: dict[str, _Rules] = {}
    for path in paths:
        chosen = kind_of(path, kind)
        if chosen not in rules:
            rules[chosen] = _Rules.make(chosen, known)
        try:
            template = read(path)
        except InputError as error:
            yield Path(path), error
            continue
        yield Path(path), _lint(template, rules[chosen])


def _lint(template: Template, rules: _Rules) -> list[LintProblem]:
    problems: list[LintProblem] = []
    uses: list[tuple[Place | None, str | None]] = []
    for part in template.parts:
        linter = _Linter(rules, part)
        problems.extend(linter.run())
        uses.extend(linter.rich_uses)
    if uses:
        problems.extend(_style_problems(set(template.styles), uses))
    if template.language is None and not rules.network:  # a build sets the language it is in
        problems.append(LintProblem(
            "document", "", "the document declares no language, which screen readers need to "
            "read it aloud: in Word, select all, Review, Language, Set Proofing Language, and "
            "press “Set As Default”", "warning"))
    return problems
