"""The one Jinja environment templates are rendered in.

Templates travel by e-mail, so a template is untrusted code: Jinja's sandbox keeps it from
Python's internals, and `ReportEnvironment` adds limits on what it may compute, so that a
template cannot exhaust the machine's memory or time: the size of numbers, texts and lists it
makes, the length of a `range`, the loop iterations and macro calls of a render, and the size of
what it writes. Each limit stops the render with `TemplateLimitError`, which the build reports
with the template's place (see `locate.explain`).
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import string
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any

import attrs
from jinja2 import BaseLoader, StrictUndefined, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context, LoopContext, Macro, Undefined
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import _PassArg, generate_lorem_ipsum

from .filters import FILTERS

__all__ = ["MAX_DIGITS", "MAX_ITEMS", "MAX_OUTPUT", "MAX_RANGE", "MAX_STEPS", "OUTPUT_PER_RECORD",
           "STEPS_PER_RECORD", "ReportEnvironment", "TemplateLimitError", "template_environment"]

MAX_DIGITS = 4300
"""The most digits a number a template computes may have (Python's own limit for showing one)."""
MAX_ITEMS = 1_000_000
"""The most characters of a text, or items of a list, a template may make in one step."""
MAX_RANGE = 100_000
"""The most numbers a `range` may give, and one more for each record of the year."""
MAX_STEPS = 500_000
"""The most loop iterations and macro calls of one document's render, and `STEPS_PER_RECORD`
more for each record of the year (the built-in scorecard annex takes about one per action)."""
MAX_OUTPUT = 100_000_000
"""The most characters a part of a document may render to, and `OUTPUT_PER_RECORD` more for
each record of the year (the built-in scorecard annex writes about 1,100 per action)."""
STEPS_PER_RECORD = 10
OUTPUT_PER_RECORD = 5_000


class TemplateLimitError(SecurityError):
    """A template computed more than a limit of the sandbox allows."""


def _refuse(what: str) -> TemplateLimitError:
    return TemplateLimitError(f"{what} (a limit of the template sandbox, so that no template "
                              "can exhaust the machine)")


def _digits(number: int) -> int:
    """About how many decimal digits an int has, without writing it out."""
    return int(abs(number).bit_length() * math.log10(2)) + 1


def _check_size(size: int, what: str) -> None:
    if size > MAX_ITEMS:
        raise _refuse(f"{what} would hold {size:,} characters or items, more than "
                      f"{MAX_ITEMS:,}")


def _sized(value: Any) -> Any:
    """`value`, once it is known not to be a text or list larger than MAX_ITEMS."""
    if isinstance(value, str | list | tuple | bytes):
        _check_size(len(value), "the result")
    return value


def _check_number(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool) and _digits(value) > MAX_DIGITS:
        raise _refuse(f"a number of {_digits(value):,} digits, more than {MAX_DIGITS:,}")
    return value


def _power(left: Any, right: Any) -> Any:
    if (isinstance(left, int) and isinstance(right, int) and right > 0
            and abs(left) > 1):
        digits = right * math.log10(abs(left))
        if digits > MAX_DIGITS:
            raise _refuse(f"{left} ** {right} has about {digits:,.0f} digits, more than "
                          f"{MAX_DIGITS:,}")
    return left**right


def _times(left: Any, right: Any) -> Any:
    for sequence, count in ((left, right), (right, left)):
        if isinstance(sequence, str | list | tuple) and isinstance(count, int):
            _check_size(len(sequence) * max(count, 0), "a repetition")
    if (isinstance(left, int) and isinstance(right, int)
            and _digits(left) + _digits(right) > MAX_DIGITS + 1):
        raise _refuse(f"a product of about {_digits(left) + _digits(right):,} digits, more "
                          f"than {MAX_DIGITS:,}")
    return left * right


_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")


def _check_format(pattern: str, arguments: Iterable[Any], percent: bool) -> None:
    """Refuse a format whose widths or precisions would make a text longer than MAX_ITEMS."""
    numbers: list[str] = []
    starred = False
    if percent:
        for match in _PERCENT_SPEC.finditer(pattern):
            for group in match.groups():
                if group == "*":
                    starred = True
                elif group:
                    numbers.append(group)
    else:
        try:
            fields = list(string.Formatter().parse(pattern))
        except ValueError:
            return  # Python's own error says what is wrong with the pattern
        for _, _, spec, _ in fields:
            if spec:
                numbers.extend(re.findall(r"\d+", spec))
                starred = starred or "{" in spec
    widest = max((int(n) for n in numbers if len(n) < 20), default=0)
    if any(len(n) >= 20 for n in numbers) or widest > MAX_ITEMS:
        raise _refuse(f"a format width of {max(numbers, key=len)[:20]}, more than {MAX_ITEMS:,}")
    if starred:
        for argument in arguments:
            if isinstance(argument, int) and abs(argument) > MAX_ITEMS:
                raise _refuse(f"a format width of {argument:,}, more than {MAX_ITEMS:,}")


def _modulo(left: Any, right: Any) -> Any:
    if isinstance(left, str):
        values = right if isinstance(right, tuple) else (right,)
        _check_format(left, values, percent=True)
        return _sized(left % right)
    return left % right


def _plus(left: Any, right: Any) -> Any:
    if isinstance(left, str | list | tuple) and isinstance(right, str | list | tuple):
        _check_size(len(left) + len(right), "a text or list joined")
    return left + right


def _growth(method: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> int | None:
    """How large the result of a method of a text or list would be, for the methods that make
    results larger than what they are given; None for the others."""
    owner = getattr(method, "__self__", None)
    name = getattr(method, "__name__", "")
    given = [*args, *kwargs.values()]
    if isinstance(owner, str):
        if name in ("ljust", "rjust", "center", "zfill") and given and isinstance(given[0], int):
            return max(len(owner), given[0])
        if name == "expandtabs":
            size = given[0] if given and isinstance(given[0], int) else 8
            return len(owner) + owner.count("\t") * max(size, 0)
        if name == "replace" and len(given) >= 2 and all(isinstance(g, str) for g in given[:2]):
            old, new = given[0], given[1]
            count = owner.count(old) if old else len(owner) + 1
            return len(owner) + count * max(len(new) - len(old), 0)
        if name == "join" and given and isinstance(given[0], list | tuple):
            items = given[0]
            return sum(len(i) for i in items if isinstance(i, str)) + len(owner) * len(items)
    if isinstance(owner, list) and name == "extend" and given:
        other = given[0]
        return len(owner) + (len(other) if isinstance(other, list | tuple | str) else 0)
    return None


def _bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """A built-in filter that first checks the arguments that make its result larger."""

    passed = 1 if _PassArg.from_obj(function) is not None else 0

    @functools.wraps(function)
    def checked(*given_args: Any, **kwargs: Any) -> Any:
        args = given_args[passed:]  # without the context or environment Jinja passes first
        given = [a for a in (*args[1:], *kwargs.values()) if isinstance(a, int)
                 and not isinstance(a, bool)]
        if name == "format" and args and isinstance(args[0], str):
            _check_format(args[0], (*args[1:], *kwargs.values()), percent=True)
        elif name == "join" and args and isinstance(args[0], list | tuple):
            joiner = args[1] if len(args) > 1 and isinstance(args[1], str) else ""
            _check_size(sum(len(str(i)) for i in args[0]) + len(joiner) * len(args[0]),
                        "a joined text")
        elif name == "indent" and args and isinstance(args[0], str):
            width = args[1] if len(args) > 1 else kwargs.get("width", 4)
            size = len(width) if isinstance(width, str) else int(width)
            _check_size(len(args[0]) + (args[0].count("\n") + 1) * size, "an indented text")
        elif name == "replace" and len(args) >= 3 and all(isinstance(a, str) for a in args[:3]):
            text, old, new = args[:3]
            count = text.count(old) if old else len(text) + 1
            _check_size(len(text) + count * max(len(new) - len(old), 0), "a replaced text")
        elif name == "sum" and args and isinstance(kwargs.get("start"), list | tuple | str):
            _check_size(sum(len(i) for i in args[0] if isinstance(i, list | tuple | str)),
                        "a sum of lists")
        else:
            for number in given:
                _check_size(number, f"the filter {name!r}")
        return _sized(function(*given_args, **kwargs))

    return checked


# Built-in filters whose result may be far larger than what they are given.
_GROWING_FILTERS = ("batch", "center", "format", "indent", "join", "replace", "slice", "sum",
                    "wordwrap")


def _lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    """Jinja's placeholder text, in a size a document can hold."""
    if n > 100 or max > 1000:
        raise _refuse(f"lipsum(n={n}, max={max}) asks for more than 100 paragraphs of 1,000 words")
    return generate_lorem_ipsum(n, html, min, max)


def _ranges(limit: int) -> Callable[..., range]:
    """Python's `range`, of at most `limit` numbers."""

    def bounded_range(*args: int) -> range:
        numbers = range(*args)
        if len(numbers) > limit:
            raise _refuse(f"a range of {len(numbers):,} numbers, more than {limit:,}")
        return numbers

    return bounded_range


class _LimitedCode(CodeGenerator):
    """Compiles templates so that every loop counts its iterations and every `~` checks the
    size of the text it makes."""

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        counted = nodes.For(
            node.target,
            nodes.Call(nodes.EnvironmentAttribute("counted"), [node.iter], [], None, None,
                       lineno=node.lineno),
            node.body, node.else_, node.test, node.recursive, lineno=node.lineno)
        super().visit_For(counted, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.sized(")
        super().visit_Concat(node, frame)
        self.write(")")


@functools.cache
def _plain_data() -> frozenset[type]:
    """The classes of the records and of what the documents show: attrs classes of data whose
    public attributes are fields, properties and methods of their own."""
    from .. import agencies, charts, periods, records, views

    return frozenset(value for module in (agencies, charts, periods, records, views)
                     for value in vars(module).values()
                     if isinstance(value, type) and attrs.has(value)
                     and value.__module__ == module.__name__)


class _NoTemplates(BaseLoader):
    """The loader of a template's environment: it loads nothing, so that a template reads no
    file but its own; `include`, `import` and `extends` are refused in the project's words."""

    def get_source(self, environment: Any, template: str) -> Any:
        shown = template if len(template) <= 60 else template[:57] + "…"
        raise SecurityError(f"{{% include %}}, {{% import %}} and {{% extends %}} are refused "
                            f"({shown!r}): a template reads no file but its own")


class ReportEnvironment(SandboxedEnvironment):
    """Jinja's sandbox, with limits on what a template may compute (see the module's text).

    The counts of loop iterations and macro calls are kept per environment: one environment
    renders one document. A year of many records raises the limits that grow with what a
    document shows of them (`records`): the loop iterations, the output and a range's length;
    what one step may make does not grow."""

    code_generator_class = _LimitedCode
    intercepted_binops = frozenset({"**", "*", "%", "+"})

    def __init__(self, *args: Any, records: int = 0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.steps = 0
        self.max_steps = MAX_STEPS + STEPS_PER_RECORD * records
        self.max_output = MAX_OUTPUT + OUTPUT_PER_RECORD * records
        self._plain = _plain_data()
        self.binop_table.update({"**": _power, "*": _times, "%": _modulo, "+": _plus})
        self.globals["range"] = _ranges(MAX_RANGE + records)
        self.globals["lipsum"] = _lipsum
        for name in _GROWING_FILTERS:
            self.filters[name] = _bounded_filter(name, self.filters[name])

    def getattr(self, obj: Any, attribute: str) -> Any:
        """`obj.attribute`. The records and views are plain data: for them the sandbox's check
        comes down to refusing names that start with an underscore, done here without its
        general inspection of the object (most of a large annex's rendering time otherwise)."""
        if obj.__class__ in self._plain and attribute[:1] != "_":
            try:
                return getattr(obj, attribute)
            except AttributeError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)

    def unsafe_undefined(self, obj: Any, attribute: Any) -> Undefined:
        """What a template gets for a name the sandbox refuses: an error in the project's words
        (after a first refusal, that one stands: `year.__class__.__init__` names `__class__`)."""
        if isinstance(obj, Undefined):
            return obj
        return self.undefined(
            f"{str(attribute)[:60]!r} of {type(obj).__name__} is out of a template's reach (names "
            "that start with an underscore, and Python's internals, are private)",
            name=attribute, obj=obj, exc=SecurityError)

    def step(self) -> None:
        self.steps += 1
        if self.steps > self.max_steps:
            raise _refuse(f"more than {self.max_steps:,} loop iterations and macro calls")

    def counted(self, iterable: Iterable[Any]) -> Iterator[Any]:
        """The items of a loop, each counted."""
        for item in iterable:
            self.step()
            yield item

    def sized(self, text: str) -> str:
        _check_size(len(text), "a text joined with ~")
        return text

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        return _check_number(self.binop_table[operator](left, right))

    def call(__self, __context: Context, __obj: Any, *args: Any,
             **kwargs: Any) -> Any:
        if isinstance(__obj, Macro):
            __self.step()
        elif isinstance(__obj, LoopContext) and args:  # a recursive loop's next level
            args = (__self.counted(args[0]), *args[1:])
        size = _growth(__obj, args, kwargs)
        if size is not None:
            _check_size(size, f"the result of {getattr(__obj, '__name__', 'a method')}()")
        return _sized(super().call(__context, __obj, *args, **kwargs))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        pattern = value.__self__

        @functools.wraps(wrapped)
        def checked(*args: Any, **kwargs: Any) -> str:
            values = [*args, *kwargs.values()]
            if value.__name__ == "format_map" and args and isinstance(args[0], dict):
                values = list(args[0].values())
            _check_format(pattern, values, percent=False)
            return str(_sized(wrapped(*args, **kwargs)))

        return checked

    def concat(self, pieces: Iterable[str]) -> str:
        """The rendered pieces joined, up to `max_output` characters: beyond, the error is raised
        inside the template where it is writing, so that the place is known."""
        return "".join(self.joined(pieces))

    def joined(self, pieces: Iterable[str]) -> Iterator[str]:
        """`concat` a batch of pieces at a time: a large document need not be held whole as a
        text (Python holds it in two bytes a character, where UTF-8 takes one). The pieces are
        counted a few at a time, so that the error is raised within a few pieces of the place
        that overflows."""
        kept: list[str] = []
        total = 0
        limit = self.max_output
        iterator = iter(pieces)
        while True:
            few = list(itertools.islice(iterator, _FEW))
            if not few:
                break
            total += sum(map(len, few))
            if total > limit:
                error = _refuse(f"the template writes more than {limit:,} characters")
                throw = getattr(iterator, "throw", None)
                if throw is not None:
                    throw(error)
                raise error
            kept += few
            if len(kept) >= _BATCH:
                yield "".join(kept)
                kept = []
        yield "".join(kept)


_FEW = 32  # pieces counted at a time
_BATCH = 8192  # pieces joined at a time


def template_environment(locale: str = "en", as_of: date | None = None,
                         records: int = 0) -> SandboxedEnvironment:
    """Sandboxed with limits (raised for a year of `records` records), strict about undefined
    names, escaping on, with every filter of `FILTERS` bound to the build's locale and the day
    whose agency names the report uses."""
    env = ReportEnvironment(undefined=StrictUndefined, autoescape=True, records=records,
                           loader=_NoTemplates())
    env.filters.update({name: _once_each(f, locale, as_of) if name in _PURE_FILTERS
                        else functools.partial(f, locale=locale, as_of=as_of)
                        for name, f in FILTERS.items()})
    return env


# Filters whose result depends only on what they are given (and the build's locale and day):
# a large annex shows the same states of play and lists of agencies thousands of times.
_PURE_FILTERS = frozenset({"period", "dates", "agency", "agency_full", "agencies", "number",
                           "state", "translated"})


def _once_each(function: Callable[..., Any], locale: str,
               as_of: date | None) -> Callable[..., Any]:
    """`function` with the locale and day bound, run once for each value (and arguments) of one
    render; values that cannot be told apart by hashing (lists) are worked out each time."""
    results: dict[Any, Any] = {}

    def filter_(value: Any, *args: Any, **kwargs: Any) -> Any:
        key = (value.__class__, value, args, tuple(kwargs.items()) if kwargs else ())
        try:
            return results[key]
        except KeyError:
            result = results[key] = function(value, *args, locale=locale, as_of=as_of, **kwargs)
            return result
        except TypeError:  # unhashable
            return function(value, *args, locale=locale, as_of=as_of, **kwargs)

    return functools.update_wrapper(filter_, function)
