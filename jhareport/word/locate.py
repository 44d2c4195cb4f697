"""Where a render failed: the template's place and the record being rendered.

docxtpl renders a part of the document as one Jinja template made of its XML, whose line numbers
mean nothing to a template author. When a render fails, the part's text (one line per paragraph
or cell, as `template show` prints it) is rendered again with the same variables: the line where
it fails is the place, and the loop variables at that line tell the record.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

import attrs
from jinja2 import Environment, TemplateError, UndefinedError
from jinja2.exceptions import SecurityError

from ..template_tools.inspect import Part, TemplateReadError, read_template
from ..template_tools.reading import tags

__all__ = ["describe_record", "explain"]

_KINDS = {"TopicView": "priority topic", "EmpactRow": "EMPACT row", "ThematicEvent": "thematic event"}


def describe_record(value: Any) -> str | None:
    """A record as a reader of the fixtures knows it: "meeting 'hoa-2023'"."""
    if not attrs.has(type(value)):
        return None
    cls = type(value).__name__
    kind = _KINDS.get(cls) or re.sub(r"(?<!^)(?=[A-Z])", " ", cls).lower()
    identifier = getattr(value, "id", None)
    if isinstance(identifier, str):
        return f"{kind} '{identifier}'"
    if cls == "ScorecardRow":
        if getattr(value, "action", None) is not None:
            return describe_record(value.action)
        return f"scorecard heading '{value.heading}'"
    if cls == "ScorecardAction":
        words = value.detail.plain.split()
        shown = " ".join(words[:8]) + ("…" if len(words) > 8 else "")
        return f"scorecard action of field {value.field} (“{shown}”)"
    if cls == "TimelineEntry":
        return f"timeline entry “{value.label}”"
    if cls == "Acronym":
        return f"acronym '{value.short}'"
    if cls == "EmpactRow":
        return f"EMPACT row of {value.agency.short}"
    return kind


def _loop_targets(part: Part, index: int) -> list[str]:
    """The loop variables in force at a place, outermost first."""
    stack: list[list[str]] = []
    for place in part.places[: index + 1]:
        for tag in tags(place.text):
            if tag.kind != "{%":
                continue
            found = re.match(r"for\s+([\w\s,]+?)\s+in\s", tag.body)
            if found:
                stack.append([n.strip() for n in found.group(1).split(",")])
            elif re.match(r"endfor\b", tag.body) and stack:
                stack.pop()
    return [name for names in stack for name in names]


def _frames(traceback: TracebackType | None) -> list[TracebackType]:
    frames = []
    while traceback is not None:
        frames.append(traceback)
        traceback = traceback.tb_next
    return frames


def _failed_filter(error: BaseException) -> tuple[str, Any] | None:
    """The filter of `FILTERS` that raised the error, and the value it was given."""
    frames = _frames(error.__traceback__)
    for index, frame in enumerate(frames):
        if frame.tb_frame.f_code.co_filename == "<template>":
            for after in frames[index + 1:]:
                code = after.tb_frame.f_code
                if code.co_filename.endswith(str(Path("render", "filters.py"))):
                    first = code.co_varnames[0] if code.co_argcount else None
                    return code.co_name, after.tb_frame.f_locals.get(first) if first else None
    return None


def _what(error: BaseException) -> str:
    """What went wrong: the sandbox's and the limits' refusals in their own words; a macro that
    calls itself without end said as such; any other error with its kind."""
    if isinstance(error, RecursionError):
        return ("a macro calls itself without end (stopped at Python's recursion limit): give it "
                "a way to stop")
    if isinstance(error, SecurityError | UndefinedError):
        return str(error.message or error)
    if isinstance(error, TemplateError):
        return f"{type(error).__name__}: {error.message}"
    return f"{type(error).__name__}: {error}"


def explain(path: Path, variables: Mapping[str, Any], environment: Callable[[], Environment],
            error: BaseException) -> str:
    """A render error as a template author reads it: the template, the place with its text, the
    record being rendered, and what went wrong."""
    what = _what(error)
    try:
        parts = read_template(path)
    except TemplateReadError:
        return f"{path}: {what}"
    for part in parts:
        try:
            environment().from_string(part.jinja_source()).render(variables)
        except Exception as again:  # the template's own failure, met again
            frames = [f for f in _frames(again.__traceback__)
                      if f.tb_frame.f_code.co_filename == "<template>"]
            if not frames:
                continue
            frame = frames[-1]
            index = min(max(frame.tb_lineno - 1, 0), len(part.places) - 1)
            place = part.places[index]
            record = None
            local = frame.tb_frame.f_locals
            for name in reversed(_loop_targets(part, index)):
                if name in local:
                    record = describe_record(local[name])
                    if record:
                        break
            failed = _failed_filter(again)
            if isinstance(again, UndefinedError | SecurityError | RecursionError):
                what = _what(again)
            elif failed:
                name, value = failed
                shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "…"
                what = (f"the filter '{name}' cannot show {shown} (of type {type(value).__name__}): "
                        f"{type(again).__name__}: {again}")
            text = place.text.strip()
            text = text if len(text) <= 80 else text[:77] + "…"
            while_ = f" (while rendering {record})" if record else ""
            return f"{path}, {place.where} “{text}”: {what}{while_}"
    return f"{path}: {what}"
