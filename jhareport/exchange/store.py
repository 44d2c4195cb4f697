"""Translation files written from a year's texts: shaped as the year's files, each record named
by its key (its id, its date, what a section holds) or standing at its position."""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from ..translations import Text

__all__ = ["translation_file", "yaml_text"]


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.width = 4096  # a long line stays one line
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def yaml_text(data: Any, header: str = "") -> str:
    """The YAML of `data`, a list at the margin as in the fixtures."""
    stream = io.StringIO()
    _yaml().dump(data, stream)
    text = stream.getvalue()
    if isinstance(data, CommentedSeq):
        text = "".join(line[2:] if line.startswith("  ") else line
                       for line in text.splitlines(keepends=True))
    return header + text


def scalar(text: str, markup: bool) -> Any:
    """A text as YAML writes it: Markdown and texts of several lines as a literal block."""
    if markup or "\n" in text:
        return LiteralScalarString(text.rstrip("\n") + "\n")
    return text


def translation_file(texts: Iterable[Text], translations: Mapping[str, str], *,
                     listed: bool) -> Any:
    """The YAML data of a translation file giving `translations` (by unit) of the `texts` of
    one of the year's files (a list of records when `listed`, else a mapping)."""
    root: Any = CommentedSeq() if listed else CommentedMap()
    for text in texts:
        value = translations.get(text.unit)
        if value is None:
            continue
        _place(root, text, scalar(value, text.kind == "markup"))
    return root


def _place(root: Any, text: Text, value: Any) -> None:
    container = root
    steps = text.steps
    for position, step in enumerate(steps):
        last = position == len(steps) - 1
        following = steps[position + 1] if not last else None
        fresh: Any = CommentedSeq() if following is not None and following.index is not None \
            else CommentedMap()
        if step.field is not None:
            if last:
                container[step.field] = value
            else:
                container = container.setdefault(step.field, fresh)
            continue
        assert step.index is not None
        if step.names:
            container = _named(container, dict(step.names), step.occurrence)
            continue
        while len(container) <= step.index:
            container.append(None if last else _empty())
        if last:
            container[step.index] = value
        else:
            if container[step.index] is None or container[step.index] == {}:
                container[step.index] = fresh
            container = container[step.index]


def _empty() -> CommentedMap:
    empty = CommentedMap()
    empty.fa.set_flow_style()
    return empty


def _named(items: CommentedSeq, names: dict[str, str], occurrence: int) -> Any:
    """The item of a list of records named by `names` (the occurrence-th so named), added at
    the end when the list has none yet."""
    seen = 0
    for item in items:
        if isinstance(item, dict) and all(str(item.get(k)) == v for k, v in names.items()):
            seen += 1
            if seen == occurrence:
                return item
    while seen < occurrence:  # an earlier one so named, not translated: named to keep count
        item = CommentedMap(names)
        items.append(item)
        seen += 1
    return item
