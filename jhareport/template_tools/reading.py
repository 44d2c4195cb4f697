"""How docxtpl reads a template's text, place by place.

docxtpl (0.20) makes each part of a document one Jinja template by editing its XML with regular
expressions, and the tools read a template the same way, on the places' text, so that what they
say agrees with what docxtpl does:
- a tag split across runs is one tag, and so is a tag split across paragraphs: docxtpl joins
  the paragraphs into one (`joins`);
- `{%p …%}`, `{%tr …%}` and `{%tc …%}` (and `{{p …}}`…) replace the whole paragraph, table row or
  cell they stand in, the innermost one, by the plain tag; of several in one paragraph, row or
  cell, the last is kept;
- in `{{%tr …%}}`, a form copied from a tutorial into many projects, docxtpl finds the `{%tr …%}`
  inside and the stray braces go with the row;
- `{{r …}}` is a plain tag in a run of its own; `{% vm %}` and `{% hm %}` vanish, `{% colspan
  … %}` and `{% cellbg … %}` become the value they write;
- typographic quotes inside tags become straight ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from attrs import frozen

if TYPE_CHECKING:
    from .inspect import Place

__all__ = ["Tag", "container", "inside", "jinja_lines", "joins", "plain_tags", "tags"]


@frozen
class Tag:
    """A Jinja tag in a place's text: `kind` is "{{", "{%" or "{#"; `prefix` is docxtpl's p, tr,
    tc or r; `body` is what stands between the delimiters; `start` and `end` its place in the
    text, and `braced` whether it stands in stray braces ({{%tr …%}}), which go with it."""

    kind: str
    prefix: str
    body: str
    start: int
    end: int
    raw: str
    braced: bool = False

    @property
    def span(self) -> tuple[int, int]:
        """Where the tag stands in the text, its stray braces included."""
        return (self.start - 1, self.end + 1) if self.braced else (self.start, self.end)


_TAG = re.compile(r"\{(?P<braced>\{%(?:p|tr|tc) .*?%\})\}|\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}",
                  re.DOTALL)
# docxtpl reads a prefix only right after the braces and followed by a space: {%p …%}, {{r …}}.
_PREFIX = re.compile(r"(p|tr|tc|r) ")
_OPENERS = ("{{", "{%", "{#")
_CLOSERS = {"{{": "}}", "{%": "%}", "{#": "#}"}


def _straight(text: str) -> str:
    return text.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")


def tags(text: str) -> Iterator[Tag]:
    """The tags of a text, in order."""
    for match in _TAG.finditer(text):
        braced = match.group("braced") is not None
        raw = match.group("braced") if braced else match.group(0)
        start = match.start() + 1 if braced else match.start()
        prefix = ""
        found = _PREFIX.match(raw, 2)
        if found and not (raw[1] == "#" and found.group(1) == "r"):
            prefix = found.group(1)
            inner = raw[found.end():-2]
        else:
            inner = raw[2:-2]
            if inner[:1] in ("-", "+"):  # whitespace control, right inside the braces: {%- … -%}
                inner = inner[1:]
        if inner[-1:] in ("-", "+"):
            inner = inner[:-1]
        yield Tag(raw[:2], prefix, _straight(inner.strip()), start, start + len(raw), raw, braced)


def unclosed(text: str) -> int | None:
    """Where a tag opens in the text that the text does not close, if one does."""
    position = 0
    for tag in tags(text):
        found = _first_opener(text, position, tag.span[0])
        if found is not None:
            return found
        position = tag.span[1]
    return _first_opener(text, position, len(text))


def _first_opener(text: str, start: int, end: int) -> int | None:
    found = [i for i in (text.find(o, start, end) for o in _OPENERS) if i >= 0]
    return min(found) if found else None


def container(where: str) -> str:
    """What holds a place: the body, a cell, a text box, a header… ("table 1, row 2, cell 1")."""
    return re.sub(r"(?:^|, )paragraph \d+$", "", where)


def joins(places: Sequence[Place]) -> list[tuple[int, int]]:
    """The runs of places docxtpl joins into one because a tag opens in the first and closes in
    the last, as (first, last) indexes. A tag is joined only when its closing delimiters come
    before any other tag opens: else it is a tag never closed."""
    found = []
    index = 0
    while index < len(places):
        text = places[index].text
        last = index
        while (opened := unclosed(text)) is not None and last + 1 < len(places):
            closer = _CLOSERS[text[opened:opened + 2]]
            following = places[last + 1].text
            at = following.find(closer)
            other = _first_opener(following, 0, len(following))
            if other is not None and (at < 0 or other < at):
                break
            text += following
            last += 1
        if last > index and unclosed(text) is None:
            found.append((index, last))
            index = last + 1
        else:
            index += 1
    return found


def plain_tags(text: str) -> str:
    """The text with docxtpl's tag prefixes taken away and typographic quotes inside tags made
    straight, as docxtpl does before Jinja reads the template."""
    text = re.sub(r"(\{[{%#])(?:p|tr|tc|r) ", lambda m: f"{m.group(1)} ", text)
    # docxtpl's cell tags: merges vanish, a colspan or background becomes the value it writes
    text = re.sub(r"\{%-?\s*(?:vm|hm)\s*-?%\}", "", text)
    text = re.sub(r"\{%-?\s*(?:colspan|cellbg)\s+(.*?)-?%\}", r"{{ \1 }}", text)
    return re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", lambda m: _straight(m.group(0)), text,
                  flags=re.DOTALL)


def _scope(place: Place, prefix: str) -> str | None:
    """The paragraph, row or cell a tag of that prefix replaces, by its name."""
    return {"p": place.where, "tr": place.row, "tc": place.cell}[prefix]


def inside(place: Place, scope: str) -> bool:
    """Whether a place stands in the paragraph, row or cell named `scope` (a text box of a
    paragraph stands in it)."""
    return place.where == scope or place.where.startswith(f"{scope}, ")


def jinja_lines(places: Sequence[Place]) -> list[str]:
    """The Jinja template docxtpl makes of a part, one line per place: places joined by a tag
    are on the first one's line (the others' lines are empty), a paragraph, row or cell with a
    {%p …%}, {%tr …%} or {%tc …%} tag is that tag alone."""
    texts = [p.text for p in places]
    for first, last in joins(places):
        texts[first] = "".join(texts[first:last + 1])
        for index in range(first + 1, last + 1):
            texts[index] = ""
    for prefix in ("tr", "tc", "p"):
        kept: dict[str, tuple[int, Tag]] = {}
        for index, text in enumerate(texts):
            scope = _scope(places[index], prefix) if places[index].prefixes else None
            for tag in tags(text):
                if tag.prefix == prefix and scope is not None:
                    kept[scope] = (index, tag)  # the last one of its paragraph, row or cell
        for scope, (index, tag) in kept.items():
            for other, place in enumerate(places):
                if inside(place, scope):
                    texts[other] = ""
            texts[index] = f"{tag.kind} {tag.body} {_CLOSERS[tag.kind]}"
    return [plain_tags(text).replace("\n", " ") for text in texts]
