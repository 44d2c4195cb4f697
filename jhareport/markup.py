"""The small rich-text markup of record texts: Markdown, read by markdown-it-py.

A text is paragraphs and list items made of spans (plain, *italic*, **bold**, [linked](https://…))
and footnote references, with the footnotes' own texts beside them. That is all a report needs and
all a template can place; anything else Markdown offers (headings, tables, HTML, images, code) is
refused with the line it stands on.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from enum import Enum
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

__all__ = ["MAX_LIST_START", "Block", "Footnote", "FootnoteRef", "ListKind", "Markup", "MarkupError",
           "Span", "Untranslated", "in_language", "language_of", "numbered_points", "to_markup",
           "worded_as"]


class MarkupError(ValueError):
    """A text that uses what the markup does not offer; `line` counts from 1 within the text."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(f"{message} (line {line} of the text)" if line else message)
        self.line = line


class ListKind(Enum):
    BULLET = "bullet"
    NUMBER = "number"


@frozen
class Span:
    """A run of text with one formatting."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None


@frozen
class FootnoteRef:
    """The place of a footnote's mark; `number` counts the text's footnotes from 1."""

    number: int


Inline = Span | FootnoteRef


@frozen
class Block:
    """A paragraph, or an item of a list at `level` (0 outermost) of the text's list `list_id`;
    a numbered list counts from `start`."""

    inlines: tuple[Inline, ...]
    list_kind: ListKind | None = None
    level: int = 0
    list_id: int = 0
    start: int = 1

    @property
    def text(self) -> str:
        return "".join(i.text for i in self.inlines if isinstance(i, Span))


@frozen
class Footnote:
    number: int
    blocks: tuple[Block, ...]

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)


MAX_LIST_START = 32_767
"""The highest number a numbered list may start at: LibreOffice keeps a list's start in 16 bits
(a larger one shows as 1, or wraps), and Word counts no higher either."""


@functools.cache
def _markdown_parser() -> MarkdownIt:
    """markdown-it, set up for record texts; loaded for the first text that needs it."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    parser = MarkdownIt("commonmark", {"linkify": False}).use(footnote_plugin).enable("table")
    # markdown-it leaves links it finds unsafe (file:, javascript:, vbscript:, most data:) as
    # literal text, so that "[it](file:///x)" would show as raw Markdown; taking every link lets
    # the walker refuse each target that is not a web or mail address, with its line.
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    return parser


_WEB_OR_MAIL = re.compile(r"(https?|mailto):", re.IGNORECASE)

# A text made of words and punctuation that Markdown gives no meaning to: paragraphs split by
# blank lines, and bullet lists of one-line items written "- item", and nothing else. Such texts
# (most of a year's) skip the parser: their blocks are the ones the parser would give (a line
# break reads as a space), at a tenth of the cost. A property test holds them to the parser's.
_MARKDOWN_FREE = re.compile(r"[^\\`*_\[\]<>!#|~\x00-\x09\x0b-\x1f\x7f\x85\xa0\u1680\u2000-\u200a"
                            r"\u2028\u2029\u202f\u205f\u3000]*")
# What may make a line more than words: indentation, a list's marker or a heading's underline.
# A number starts a numbered list only when a full stop or bracket and a space follow it.
_ODD_START = re.compile(r"[ =+\-:]|\d{1,9}[.)](?: |$)", re.MULTILINE)
_ODD_LINE = re.compile(r"\n(?:[ =+\-:]|\d{1,9}[.)](?: |$))", re.MULTILINE)  # the first aside
# A bullet: "- " and words that start as a line of words does.
_BULLET = re.compile(r"^- (?=[^ ])(?![=+\-:]|\d{1,9}[.)](?: |$))", re.MULTILINE)
_ENTITY = re.compile(r"&[#A-Za-z0-9]+;")  # &amp; &#233; are characters; R&D is not

_REFUSED = {
    "heading_open": "a heading",
    "lheading_open": "a heading",
    "code_block": "a code block",
    "fence": "a code block",
    "hr": "a horizontal rule",
    "blockquote_open": "a quotation block",
    "table_open": "a table",
    "html_block": "HTML",
}


@frozen
class Markup:
    """A record's text, parsed; `source` is the Markdown it was read from.

    A text of plain paragraphs (most of a year's) keeps only its source: its blocks are made
    when first asked for, and a writer may write its paragraphs straight from their lines
    (`plain_paragraphs`)."""

    source: str
    # None for a text of plain paragraphs until its blocks are asked for
    _blocks: tuple[Block, ...] | None = field(eq=False, repr=False, alias="blocks")
    footnotes: tuple[Footnote, ...] = field(eq=False, repr=False)
    lang: str | None = field(default=None, eq=False, repr=False)
    """The language the text was left in, when it is not the document's (see `language_of`)."""

    @classmethod
    def parse(cls, source: str) -> Markup:
        """Parse Markdown; MarkupError names the line of anything the markup does not offer."""
        text = str(source).strip("\n")
        if _MARKDOWN_FREE.fullmatch(text) and not ("&" in text and _ENTITY.search(text)):
            if not (_ODD_START.match(text) or _ODD_LINE.search(text)):
                return cls(text, None, ())
            if "\n- " in text or text.startswith("- "):
                blocks = _bullet_blocks(text)
                if blocks is not None:
                    return cls(text, blocks, ())
        tokens = _markdown_parser().parse(text)
        labels: dict[str, int] = {}
        blocks, footnotes = _Walker(labels).walk(tokens)
        return cls(text, blocks, footnotes)

    @property
    def blocks(self) -> tuple[Block, ...]:
        """The text's paragraphs and list items, in order."""
        found = self._blocks
        if found is None:
            found = _plain_blocks(self.source)
            object.__setattr__(self, "_blocks", found)  # made once, as if given
        return found

    def plain_paragraphs(self) -> list[list[str]] | None:
        """For a text of plain paragraphs (no lists, formatting, links or footnotes), the lines
        of each paragraph, which read joined by a space; None for any other text."""
        return _plain_lines(self.source) if self._blocks is None else None

    @property
    def plain(self) -> str:
        """The words of the text and its footnotes, without formatting (for searching)."""
        return "\n".join([*(b.text for b in self.blocks), *(f.text for f in self.footnotes)])

    def __bool__(self) -> bool:
        if self._blocks is None:  # plain paragraphs: there is one unless the text is empty
            return bool(self.source)
        return bool(self._blocks)

    def __str__(self) -> str:
        return self.source


def numbered_points(points: Sequence[Markup], start: int = 1) -> Markup:
    """Points as one numbered list counting from `start`: each point's first paragraph is an
    item, its other paragraphs and lists follow it; footnotes are numbered across the points."""
    blocks: list[Block] = []
    footnotes: list[Footnote] = []
    sources: list[str] = []
    for offset, point in enumerate(points):
        shift = len(footnotes)

        def moved(inlines: tuple[Inline, ...], shift: int = shift) -> tuple[Inline, ...]:
            return tuple(FootnoteRef(i.number + shift) if isinstance(i, FootnoteRef) else i
                         for i in inlines)

        for index, block in enumerate(point.blocks):
            if index == 0:
                blocks.append(Block(moved(block.inlines), ListKind.NUMBER, 0, 1, start))
            else:
                blocks.append(Block(moved(block.inlines), block.list_kind,
                                    block.level + 1 if block.list_kind else 0, 1000 + offset,
                                    block.start))
        footnotes.extend(Footnote(f.number + shift, tuple(Block(moved(b.inlines), b.list_kind,
                                                                  b.level, b.list_id, b.start)
                                                            for b in f.blocks))
                         for f in point.footnotes)
        sources.append(f"{start + offset}. " + point.source.replace("\n", "\n   "))
    languages = {point.lang for point in points}
    # One language for the list when every point was left in it; points of mixed languages
    # (some translated, some not) take the document's.
    lang = languages.pop() if len(languages) == 1 else None
    return Markup("\n".join(sources), tuple(blocks), tuple(footnotes), lang)


def language_of(value: object) -> str | None:
    """The language a record's text is written in (a BCP 47 code such as "en"), when it differs
    from the language of the document being built (a text left untranslated), else None.

    Writers read it to mark such a passage with its own language (Word's `w:lang`, HTML's
    `lang`), so that screen readers and spelling checkers take it right; texts carry it as a
    `lang` attribute, set where a build lays its translations over a year.
    """
    found = getattr(value, "lang", None)
    return found if isinstance(found, str) and found else None


class Untranslated(str):
    """A plain text (a title, a label) left in the language it was written in, `lang`, in a
    document in another language: a `str` in every other respect."""

    __slots__ = ("lang",)
    lang: str

    def __new__(cls, text: str, lang: str) -> Untranslated:
        made = super().__new__(cls, text)
        made.lang = lang
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        return (Untranslated, (str(self), self.lang))


def in_language(value: str | Markup, lang: str) -> str | Markup:
    """`value` marked as written in `lang`, so that `language_of` tells it."""
    if isinstance(value, Markup):
        return Markup(value.source, value.blocks, value.footnotes, lang)
    return Untranslated(value, lang)


def worded_as(text: str, source: object) -> str:
    """`text`, made from `source` (a heading filled in, a number put before a title), in the
    language `source` was left in, if any."""
    lang = language_of(source)
    return text if lang is None else Untranslated(text, lang)


def to_markup(value: str | Markup) -> Markup:
    """Accept Markdown or an already parsed text (for records built in code); a text marked
    `Untranslated` keeps its language."""
    if isinstance(value, Markup):
        return value
    parsed = Markup.parse(value)
    lang = language_of(value)
    return parsed if lang is None else Markup(parsed.source, parsed.blocks, parsed.footnotes, lang)


class _Walker:
    """Turns markdown-it's token stream into blocks and footnotes."""

    def __init__(self, labels: dict[str, int]) -> None:
        self.labels = labels
        self.list_counter = 0

    def walk(self, tokens: list[Token]) -> tuple[tuple[Block, ...], tuple[Footnote, ...]]:
        blocks: list[Block] = []
        footnotes: list[Footnote] = []
        lists: list[tuple[ListKind, int, int]] = []
        current: list[Block] = blocks
        footnote_number = 0
        line = 1
        for token in tokens:
            if token.map:
                line = token.map[0] + 1
            if token.type in _REFUSED:
                raise MarkupError(f"{_REFUSED[token.type]} is not allowed in a text", line)
            if token.type in ("bullet_list_open", "ordered_list_open"):
                kind = ListKind.BULLET if token.type == "bullet_list_open" else ListKind.NUMBER
                if not lists:
                    self.list_counter += 1
                start = token.attrs.get("start", 1)
                if isinstance(start, int) and start > MAX_LIST_START:
                    raise MarkupError(f"a numbered list may start at {MAX_LIST_START:,} at most, "
                                      f"not {start:,}", line)
                lists.append((kind, self.list_counter, start if isinstance(start, int) else 1))
            elif token.type in ("bullet_list_close", "ordered_list_close"):
                lists.pop()
            elif token.type == "footnote_open":
                footnote_number += 1
                current = []
            elif token.type == "footnote_close":
                footnotes.append(Footnote(footnote_number, tuple(current)))
                current = blocks
            elif token.type == "inline":
                inlines = tuple(self.inlines(token, line))
                if lists:
                    kind, list_id, start = lists[-1]
                    current.append(Block(inlines, kind, len(lists) - 1, list_id, start))
                else:
                    current.append(Block(inlines))
        refs = {i.number for b in blocks for i in b.inlines if isinstance(i, FootnoteRef)}
        missing = refs - {f.number for f in footnotes}
        if missing:
            raise MarkupError(f"footnote [^{min(missing)}] has no text")
        return tuple(blocks), tuple(footnotes)

    def inlines(self, token: Token, first_line: int) -> Iterator[Inline]:
        bold = italic = False
        link: str | None = None
        line = first_line  # the line of the text each child stands on
        for child in token.children or []:
            kind = child.type
            if kind == "text" or kind == "code_inline":
                dangling = re.search(r"\[\^([^\]]+)\]", child.content)
                if dangling:
                    raise MarkupError(f"footnote [^{dangling.group(1)}] has no text", line)
                if child.content:
                    yield Span(_clean(child.content), bold, italic, link)
            elif kind in ("softbreak", "hardbreak"):
                line += 1
                yield Span(" ", bold, italic, link)
            elif kind == "strong_open":
                bold = True
            elif kind == "strong_close":
                bold = False
            elif kind == "em_open":
                italic = True
            elif kind == "em_close":
                italic = False
            elif kind == "link_open":
                link = str(child.attrs.get("href", ""))
                if not _WEB_OR_MAIL.match(link):
                    raise MarkupError(f"the link {link!r} is not a web or mail address", line)
            elif kind == "link_close":
                link = None
            elif kind == "footnote_ref":
                meta: dict[str, Any] = child.meta
                yield FootnoteRef(int(meta["id"]) + 1)
            elif kind == "footnote_anchor":
                continue
            elif kind == "html_inline":
                raise MarkupError(f"HTML ({child.content}) is not allowed in a text", line)
            elif kind == "image":
                raise MarkupError("an image is not allowed in a text", line)
            else:
                raise MarkupError(f"{kind.replace('_', ' ')} is not allowed in a text", line)


def _plain_lines(text: str) -> list[list[str]]:
    """The lines of each paragraph of a text without Markdown: a paragraph per run of lines
    between blank lines."""
    if "\n" not in text:  # one line, as most are
        line = text.rstrip(" ")
        return [[line]] if line else []
    paragraphs = []
    for paragraph in re.split(r"\n(?: *\n)+", text):
        lines = [line.rstrip(" ") for line in paragraph.split("\n")]
        if lines[0]:
            paragraphs.append(lines)
    return paragraphs


def _plain_blocks(text: str) -> tuple[Block, ...]:
    """The blocks of a text without Markdown, its lines joined by a space as the parser's soft
    breaks are."""
    blocks: list[Block] = []
    for lines in _plain_lines(text):
        inlines: list[Inline] = []
        for line in lines:
            if inlines:
                inlines.append(Span(" "))
            inlines.append(Span(line))
        blocks.append(Block(tuple(inlines)))
    return tuple(blocks)


def _bullet_blocks(text: str) -> tuple[Block, ...] | None:
    """The blocks of a text of paragraphs and bullet lists without other Markdown, or None when
    a line may be more than words or an item (the parser then reads the text)."""
    blocks: list[Block] = []
    inlines: list[Inline] = []  # of the paragraph or item being read
    item = False  # whether that is a list item
    in_list = False
    lists = 0
    for line in text.split("\n"):
        if not line.strip(" "):
            if inlines:
                blocks.append(Block(tuple(inlines), ListKind.BULLET, 0, lists) if item
                              else Block(tuple(inlines)))
                inlines = []
            continue
        if line.startswith("- "):
            if not _BULLET.match(line):
                return None
            if inlines:
                blocks.append(Block(tuple(inlines), ListKind.BULLET, 0, lists) if item
                              else Block(tuple(inlines)))
            if not in_list:
                lists += 1
                in_list = True
            inlines, item = [Span(line[2:].rstrip(" "))], True
        elif _ODD_START.match(line):
            return None
        elif inlines:  # the paragraph or item goes on (an item's lazy continuation)
            inlines += (Span(" "), Span(line.rstrip(" ")))
        else:  # after a blank line, a line of words ends the list
            in_list = False
            inlines, item = [Span(line.rstrip(" "))], False
    if inlines:
        blocks.append(Block(tuple(inlines), ListKind.BULLET, 0, lists) if item
                      else Block(tuple(inlines)))
    return tuple(blocks)


def _clean(text: str) -> str:
    return text.replace("\u00a0", " ") if "\u00a0" in text else text
