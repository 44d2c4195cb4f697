"""The variables a docxtpl template uses, as a tree: `template variables`.

docxtpl's `get_undeclared_template_variables` gives the names a template needs as a flat set
(`{"invoice", "total"}`). This reads the same Jinja templates (each part as docxtpl makes it,
`reading`) with Jinja's own parser and follows each name through attributes, items and loops, so
that what a context must hold shows: `invoice.customer.name`, `invoice.items[]` looped as `item`,
`invoice.items[].price`. Names the template sets itself (`{% set %}`, loop variables, macros'
arguments) and Jinja's own globals (`range`, `loop`…) are not variables of the context.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs
from attrs import Factory, define
from jinja2 import Environment, TemplateSyntaxError, meta, nodes
from jinja2.defaults import DEFAULT_NAMESPACE

from ..errors import InputError
from .inspect import Part, Template, read
from .reading import plain_tags

__all__ = ["TemplateVariablesError", "Variable", "variables", "variables_json", "variables_text"]


class TemplateVariablesError(InputError, ValueError):
    """A template whose variables cannot be told: Jinja cannot read it (`template lint` says
    why)."""


@define
class Variable:
    """A name of the context, or an attribute or the items of one. `path` is how a template
    reaches it (`invoice.items[].price`); `where` the first place that uses it; `loops` the
    names it is looped as, with the place of each loop; `items` what its items are, when it is
    looped over or indexed."""

    name: str
    path: str
    where: str
    attributes: dict[str, Variable] = Factory(dict)
    items: Variable | None = None
    loops: list[tuple[str, str]] = Factory(list)

    def child(self, name: str, where: str) -> Variable:
        if name == "[]":
            if self.items is None:
                self.items = Variable("[]", f"{self.path}[]", where)
            return self.items
        if name not in self.attributes:
            shown = f".{name}" if re.fullmatch(r"[^\W\d]\w*", name) else f"[{name!r}]"
            self.attributes[name] = Variable(name, f"{self.path}{shown}", where)
        return self.attributes[name]

    def as_json(self) -> dict[str, Any]:
        found: dict[str, Any] = {"name": self.name, "path": self.path, "where": self.where}
        if self.loops:
            found["loops"] = [{"as": name, "where": where} for name, where in self.loops]
        if self.attributes:
            found["attributes"] = [a.as_json() for a in self.attributes.values()]
        if self.items is not None:
            items = self.items.as_json()
            items.pop("name")
            found["items"] = items
        return found


# Filters whose result is the collection they are given (sorted, filtered…), and those whose
# result is one of its items.
_SAME = frozenset({"sort", "reverse", "list", "unique", "selectattr", "rejectattr", "select",
                   "reject", "default", "d", "dictsort"})
_ONE = frozenset({"first", "last", "random", "min", "max"})
# Filters that take the name of an attribute of the items.
_BY_ATTRIBUTE = frozenset({"map", "sum", "groupby", "sort", "selectattr", "rejectattr", "unique",
                           "min", "max", "join"})
# Filters whose first argument is the name of an attribute of the items.
_ATTRIBUTE_FIRST = frozenset({"selectattr", "rejectattr", "groupby", "sum"})
_GLOBALS = frozenset({*DEFAULT_NAMESPACE, "loop", "self", "varargs", "kwargs", "caller"})

_Path = tuple[str, ...]


class _Walker:
    """Follows the names of a part's Jinja template through its statements."""

    def __init__(self, roots: dict[str, Variable], lines: Sequence[str]) -> None:
        self.roots = roots
        self.lines = lines  # the place of each line of the template
        self.scopes: list[dict[str, _Path | None]] = [{}]

    def where(self, node: nodes.Node) -> str:
        return self.lines[max(0, min(node.lineno - 1, len(self.lines) - 1))]

    def use(self, path: _Path, node: nodes.Node) -> Variable:
        where = self.where(node)
        variable = self.roots.setdefault(path[0], Variable(path[0], path[0], where))
        for name in path[1:]:
            variable = variable.child(name, where)
        return variable

    def lookup(self, name: str) -> tuple[bool, _Path | None]:
        for scope in reversed(self.scopes):
            if name in scope:
                return True, scope[name]
        return False, None

    # -- expressions: the path they reach, if they reach one ------------------------------------

    def path(self, node: nodes.Node) -> _Path | None:
        if isinstance(node, nodes.Name):
            if node.ctx != "load":
                return None
            local, path = self.lookup(node.name)
            if local:
                return path
            if node.name in _GLOBALS:
                return None
            self.use((node.name,), node)
            return (node.name,)
        if isinstance(node, nodes.Getattr):
            return self.step(self.path(node.node), node.attr, node)
        if isinstance(node, nodes.Getitem):
            base = self.path(node.node)
            self.visit(node.arg)
            key = node.arg.value if isinstance(node.arg, nodes.Const) else None
            return self.step(base, key if isinstance(key, str) else "[]", node)
        if isinstance(node, nodes.Filter):
            return self.filtered(node)
        if isinstance(node, nodes.Call):
            return self.called(node)
        for child in node.iter_child_nodes():
            self.visit(child)
        return None

    def step(self, base: _Path | None, name: str, node: nodes.Node) -> _Path | None:
        if base is None:
            return None
        self.use((*base, name), node)
        return (*base, name)

    def filtered(self, node: nodes.Filter) -> _Path | None:
        base = self.path(node.node) if node.node is not None else None
        self.arguments(node)
        if base is not None:
            for keyword in node.kwargs:
                if keyword.key == "attribute" and isinstance(keyword.value, nodes.Const) and \
                        node.name in _BY_ATTRIBUTE:
                    for name in str(keyword.value.value).split("."):
                        base_item = self.step(base, "[]", node)
                        if base_item is not None:
                            self.step(base_item, name, node)
            if node.name in _ATTRIBUTE_FIRST and node.args and \
                    isinstance(node.args[0], nodes.Const) and isinstance(node.args[0].value, str):
                self.step(self.step(base, "[]", node), str(node.args[0].value), node)
        if node.name in _SAME:
            return base
        if node.name in _ONE:
            return self.step(base, "[]", node)
        return None

    def called(self, node: nodes.Call) -> _Path | None:
        self.arguments(node)
        if isinstance(node.node, nodes.Getattr) and node.node.attr in ("items", "values", "keys",
                                                                        "get"):
            base = self.path(node.node.node)
            if node.node.attr == "get" and node.args and isinstance(node.args[0], nodes.Const):
                return self.step(base, str(node.args[0].value), node)
            return base  # d.items(): looped over below, as d's items
        self.path(node.node)
        return None

    def arguments(self, node: nodes.Filter | nodes.Test | nodes.Call) -> None:
        for argument in node.args:
            self.visit(argument)
        for keyword in node.kwargs:
            self.visit(keyword.value)
        for extra in (node.dyn_args, node.dyn_kwargs):
            if extra is not None:
                self.visit(extra)

    # -- statements -----------------------------------------------------------------------------

    def define(self, target: nodes.Node, path: _Path | None) -> None:
        if isinstance(target, nodes.Name):
            self.scopes[-1][target.name] = path
        elif isinstance(target, nodes.NSRef):
            self.visit(target)
        else:
            for name in target.find_all(nodes.Name):
                self.scopes[-1][name.name] = path

    def body(self, statements: Sequence[nodes.Node], scope: dict[str, _Path | None] | None = None
             ) -> None:
        self.scopes.append(dict(scope or {}))
        for statement in statements:
            self.visit(statement)
        self.scopes.pop()

    def visit(self, node: nodes.Node) -> None:
        if isinstance(node, nodes.Expr):
            self.path(node)
        elif isinstance(node, nodes.For):
            base = self.path(node.iter)
            item: _Path | None = None
            if base is not None:
                item = (*base, "[]")
                names = [n.name for n in node.target.find_all(nodes.Name)] if not isinstance(
                    node.target, nodes.Name) else [node.target.name]
                collection = self.use(base, node)
                collection.child("[]", self.where(node))
                collection.loops.append((", ".join(names), self.where(node)))
            scope: dict[str, _Path | None] = {}
            self.scopes.append(scope)
            pair = isinstance(node.iter, nodes.Call) and isinstance(node.iter.node, nodes.Getattr) \
                and node.iter.node.attr == "items"
            if pair and isinstance(node.target, nodes.Tuple) and len(node.target.items) == 2:
                self.define(node.target.items[0], None)
                self.define(node.target.items[1], item)
            else:
                self.define(node.target, item)
            if node.test is not None:
                self.visit(node.test)
            for statement in node.body:
                self.visit(statement)
            self.scopes.pop()
            self.body(node.else_)
        elif isinstance(node, nodes.Assign):
            self.define(node.target, self.path(node.node))
        elif isinstance(node, nodes.AssignBlock):
            self.body(node.body)
            self.define(node.target, None)
        elif isinstance(node, nodes.Macro | nodes.CallBlock):
            if isinstance(node, nodes.Macro):
                self.scopes[-1][node.name] = None
            else:
                self.path(node.call)
            for default in node.defaults:
                self.visit(default)
            own: dict[str, _Path | None] = {a.name: None for a in node.args}
            self.body(node.body, own)
        elif isinstance(node, nodes.With):
            values = [self.path(v) for v in node.values]
            self.scopes.append({})
            for target, path in zip(node.targets, values, strict=True):
                self.define(target, path)
            for statement in node.body:
                self.visit(statement)
            self.scopes.pop()
        else:
            for child in node.iter_child_nodes():
                self.visit(child)


def _lines(part: Part) -> list[str]:
    return [place.where for place in part.places] or [part.label or "body"]


def _sources(part: Part) -> Iterator[tuple[str, list[str]]]:
    """The Jinja templates of a part, with the place of each of their lines."""
    if part.separate:
        for place in part.places:
            yield plain_tags(place.text), [place.where]
    else:
        yield part.jinja_source(), _lines(part)


def _itself(value: Any, *args: Any, **kwargs: Any) -> Any:
    return value


def variables(template: Template | str | Path) -> list[Variable]:
    """The variables of a template's context, in the order the template first uses them.
    Raises TemplateVariablesError when Jinja cannot read a part (`template lint` tells where),
    TemplateReadError for a file that is no Word document."""
    read_one = template if isinstance(template, Template) else read(template)
    env = Environment()
    roots: dict[str, Variable] = {}
    undeclared: set[str] = set()
    for part in read_one.parts:
        for source, lines in _sources(part):
            try:
                tree = env.parse(source)
            except TemplateSyntaxError as error:
                where = lines[max(0, min((error.lineno or 1) - 1, len(lines) - 1))]
                raise TemplateVariablesError(
                    f"{read_one.path}, {where}: Jinja syntax error: {error.message} "
                    f"(`jhareport template lint {read_one.path}` tells more)") from None
            # Jinja's reckoning compiles the template: the renderer's own filters and tests,
            # unknown here, stand in as themselves
            for used in tree.find_all(nodes.Filter):
                env.filters.setdefault(used.name, _itself)
            for tested in tree.find_all(nodes.Test):
                env.tests.setdefault(tested.name, _itself)
            undeclared |= meta.find_undeclared_variables(tree)
            walker = _Walker(roots, lines)
            for node in tree.body:
                walker.visit(node)
    # what Jinja itself finds undeclared, less its own globals, decides what the context holds
    return [v for name, v in roots.items() if name in undeclared]


def variables_text(found: Sequence[Variable]) -> str:
    """The tree as text: each variable by its full path (`invoice.items[].price`), indented under
    the one it belongs to; a list's items (`invoice.items[]`) with the names it is looped as."""
    lines: list[str] = []

    def add(variable: Variable, depth: int) -> None:
        shown = variable
        if variable.items is not None and not variable.attributes:
            # a list used only for its items shows as them: `lines[]`, looped as…
            shown = attrs.evolve(variable.items, loops=[*variable.loops, *variable.items.loops])
        line = "    " * depth + shown.path
        if shown.loops:
            line += "  (looped as " + "; ".join(
                f"{name} at {where}" for name, where in shown.loops) + ")"
        lines.append(line)
        if shown.items is not None:
            add(shown.items, depth + 1)
        for child in shown.attributes.values():
            add(child, depth + 1)

    for variable in found:
        add(variable, 0)
    return "\n".join(lines) + ("\n" if lines else "")


def variables_json(found: Sequence[Variable]) -> list[dict[str, Any]]:
    """The tree as JSON-ready data: each variable with its `name`, `path`, `where`, and its
    `attributes`, `items` and `loops` when it has any."""
    return [v.as_json() for v in found]
