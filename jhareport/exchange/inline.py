"""A record's Markdown text as a translation unit's content: words, and inline codes for what
is not words.

Bold, italics and links are paired codes (XLIFF `<bpt>`/`<ept>`), a footnote's mark, the start
of a paragraph or list item and the start of a footnote's own text are placeholders (`<ph>`);
each code carries the Markdown it stands for, so that a CAT tool shows it as a tag the
translator moves but cannot break. `markdown` puts a translated unit back into Markdown, taking
each code's Markdown from the source's code of the same id, and checks that what it wrote
reads as the codes say.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from attrs import frozen

from ..markup import Block, Footnote, FootnoteRef, ListKind, Markup, MarkupError, Span

__all__ = ["Code", "Piece", "UnitError", "codes_of", "markdown", "pieces"]


class UnitError(ValueError):
    """A unit's content that cannot become the text it should."""


@frozen
class Code:
    """An inline code: `kind` is bold, italic, link (paired: `close` tells the end), footnote
    (a mark), block (a paragraph or list item starts) or note (a footnote's text starts)."""

    id: str
    kind: str
    native: str  # the Markdown it stands for
    close: bool = False
    list_kind: ListKind | None = None
    level: int = 0
    number: int = 0  # a footnote's

    @property
    def paired(self) -> bool:
        """A start or an end (as read from a file, where its kind is the source's: paired)."""
        return self.kind in ("bold", "italic", "link", "paired")


Piece = str | Code

_ESCAPED = re.compile(r"([\\`*_\[\]<>&|!#~])")
_LINE_START = re.compile(r"^(\s*)(\d+)([.)])|^(\s*)([-+=>])")
# Runs of spaces and line breaks read as one space; a no-break space (French typography's
# before a colon, in a number) stays as the translator wrote it.
_SPACES = re.compile(r"[^\S\u00a0\u2007\u202f]+")
_DOUBLE_SPACES = re.compile(r"(?<=\S) {2,}")


def one_line(text: str) -> str:
    """A plain text's words on one line, one space apart, its no-break spaces kept."""
    return _SPACES.sub(" ", text).strip(" ")


def escape(text: str) -> str:
    """Words as Markdown that reads them as they are."""
    return _ESCAPED.sub(r"\\\1", text)


def pieces(markup: Markup) -> list[Piece]:
    """A text's words and codes, in order; codes numbered from 1."""
    out: list[Piece] = []
    counter = iter(range(1, 1_000_000))
    markers: list[int] = []  # the width of each open list level's marker
    previous: Block | None = None
    for index, block in enumerate(markup.blocks):
        native = _block_start(block, previous, markers, index == 0)
        if native:
            out.append(Code(str(next(counter)), "block", native, list_kind=block.list_kind,
                            level=block.level))
        out.extend(_inlines(block.inlines, counter))
        previous = block
    for footnote in markup.footnotes:
        for index, block in enumerate(footnote.blocks):
            native = f"\n\n[^{footnote.number}]: " if index == 0 else "\n\n    "
            out.append(Code(str(next(counter)), "note" if index == 0 else "block", native,
                            number=footnote.number, level=1 if index else 0))
            out.extend(_inlines(block.inlines, counter))
    return out


def _block_start(block: Block, previous: Block | None, markers: list[int], first: bool) -> str:
    """The Markdown that starts a block: a blank line, and a list item's indent and marker."""
    if block.list_kind is None:
        markers.clear()
        return "" if first else "\n\n"
    same_list = (previous is not None and previous.list_kind is not None
                 and previous.list_id == block.list_id)
    if not same_list:
        markers.clear()
    del markers[block.level:]
    indent = " " * sum(markers)
    marker = "- " if block.list_kind is ListKind.BULLET else f"{block.start}. "
    markers.append(len(marker))
    separator = "" if first else ("\n" if same_list else "\n\n")
    return f"{separator}{indent}{marker}"


def _inlines(inlines: Sequence[FootnoteRef | Span], counter: Iterator[int]) -> Iterator[Piece]:
    open_codes: list[Code] = []  # outermost first

    def wanted(span: Span) -> list[tuple[str, str | None]]:
        found: list[tuple[str, str | None]] = []
        if span.link:
            found.append(("link", span.link))
        if span.bold:
            found.append(("bold", None))
        if span.italic:
            found.append(("italic", None))
        return found

    def state(code: Code) -> tuple[str, str | None]:
        return code.kind, code.native[3:-1] if code.kind == "link" else None

    def closing(code: Code) -> Code:
        native = {"bold": "**", "italic": "*"}.get(code.kind, "")
        if code.kind == "link":
            native = code.native  # the close carries the target: ](url)
        return Code(code.id, code.kind, native, close=True)

    for inline in inlines:
        want = wanted(inline) if isinstance(inline, Span) else []
        keep = 0
        while keep < len(open_codes) and keep < len(want) and state(open_codes[keep]) == want[keep]:
            keep += 1
        while len(open_codes) > keep:
            yield closing(open_codes.pop())
        for kind, url in want[keep:]:
            number = str(next(counter))
            if kind == "link":
                code = Code(number, "link", f"]({_destination(url or '')})")
                yield Code(number, "link", "[")
            else:
                code = Code(number, kind, "**" if kind == "bold" else "*")
                yield code
            open_codes.append(code)
        if isinstance(inline, FootnoteRef):
            yield Code(str(next(counter)), "footnote", f"[^{inline.number}]",
                       number=inline.number)
        elif inline.text:
            yield inline.text
    while open_codes:
        yield closing(open_codes.pop())


def _destination(url: str) -> str:
    return f"<{url}>" if re.search(r"[\s()<>]", url) else url


def codes_of(items: Iterable[Piece]) -> dict[str, list[Code]]:
    """The codes of a unit by id (a paired code twice: its start, its end)."""
    found: dict[str, list[Code]] = {}
    for item in items:
        if isinstance(item, Code):
            found.setdefault(item.id, []).append(item)
    return found


def markdown(items: Sequence[Piece], source: dict[str, list[Code]], *, check: bool = True) -> str:
    """Markdown from a translated unit's words and codes, each code's Markdown taken from the
    `source`'s code of the same id. Raises UnitError when the codes are not the source's, are
    unbalanced or crossed, a paired code spans paragraphs, a footnote's mark stands in a
    footnote's text, or the Markdown written does not read as the codes say (with `check`:
    a source read back from a file has only the codes' Markdown to tell what they are)."""
    _check_codes(items, source)
    parts: list[str] = []
    pending = ""  # whitespace held back to stand outside an emphasis
    at_line_start = True
    for position, item in enumerate(items):
        if isinstance(item, str):
            text = _SPACES.sub(" ", item)
            if at_line_start:
                text = text.lstrip(" ")
            if not text:
                continue
            following = items[position + 1] if position + 1 < len(items) else None
            closes_next = isinstance(following, Code) and following.close and following.paired
            body = text.rstrip(" ") if closes_next else text
            written = escape(body)
            if at_line_start:  # words that Markdown would take for a list or a heading
                written = _LINE_START.sub(lambda m: m.group(0)[:-1] + "\\" + m.group(0)[-1],
                                          written)
            parts.append(pending + written)
            pending = text[len(body):]
            at_line_start = False
            continue
        own = _native(item, source)
        if source[item.id][0].kind in ("block", "note"):
            parts.append(own)
            pending = ""
            at_line_start = True
        elif item.paired and not item.close:
            parts.append(pending)
            pending = ""
            parts.append(own)
        else:
            parts.append(own)
    parts.append(pending)
    text = _DOUBLE_SPACES.sub(" ", "".join(parts)).strip()
    try:
        parsed = Markup.parse(text)
    except MarkupError as error:
        raise UnitError(f"the codes and words do not make a valid text: {error}") from None
    if check and _shape(parsed) != _intended(items, source):
        raise UnitError("a bold, italic or link code cannot be kept where it stands (Markdown "
                        "reads it otherwise): put a space or the punctuation outside it")
    return text


def _native(code: Code, source: dict[str, list[Code]]) -> str:
    given = source[code.id]
    return given[-1].native if code.close else given[0].native


def _check_codes(items: Sequence[Piece], source: dict[str, list[Code]]) -> None:
    seen: dict[str, int] = {}
    stack: list[Code] = []
    in_note = False
    for item in items:
        if not isinstance(item, Code):
            continue
        known = source.get(item.id)
        if known is None:
            raise UnitError(f"the code {item.id} is not one of the source's")
        kind = known[0].kind
        seen[item.id] = seen.get(item.id, 0) + 1
        if kind in ("block", "note"):
            if stack:
                raise UnitError(f"the code {stack[-1].id} ({stack[-1].kind}) is not closed "
                                "before a new paragraph")
            in_note = in_note or kind == "note"
        elif kind == "footnote" and in_note:
            raise UnitError(f"the footnote mark {item.id} stands in a footnote's text")
        elif item.paired:
            if item.close:
                if not stack or stack[-1].id != item.id:
                    raise UnitError(f"the code {item.id} ({kind}) closes where it was not "
                                    "opened, or across another code")
                stack.pop()
            else:
                stack.append(Code(item.id, kind, ""))
        if known[0].paired != item.paired:
            raise UnitError(f"the code {item.id} is not of the source's kind ({kind})")
    if stack:
        raise UnitError(f"the code {stack[-1].id} ({stack[-1].kind}) is opened and not closed")
    for code_id, codes in source.items():
        wanted = len(codes)
        if seen.get(code_id, 0) != wanted:
            what = codes[0].kind
            raise UnitError(f"the code {code_id} ({what}) is "
                            + ("missing" if not seen.get(code_id) else "there more than once"))


# -- what a text reads as: paragraphs and list items, each a run of words with their formatting

_WORDS = re.compile(r"\s+|\S+")


def _shape(markup: Markup) -> tuple[tuple[object, ...], ...]:
    """Each block's kind, level and words with their formatting (spaces are only spaces),
    then each footnote's, in an order that does not depend on their numbering."""
    def block(b: Block) -> tuple[object, ...]:
        out: list[tuple[object, ...]] = []
        for inline in b.inlines:
            if isinstance(inline, FootnoteRef):
                out.append(("^",))
                continue
            for word in _WORDS.findall(inline.text):
                if word.isspace():
                    if out and out[-1] != (" ",):
                        out.append((" ",))
                elif out and len(out[-1]) == 4 and out[-1][1:] == (inline.bold, inline.italic,
                                                                    inline.link):
                    out[-1] = (str(out[-1][0]) + word, *out[-1][1:])
                else:
                    out.append((word, inline.bold, inline.italic, inline.link))
        while out and out[-1] == (" ",):
            out.pop()
        return (b.list_kind, b.level, *out)

    body = tuple(block(b) for b in markup.blocks if b.inlines)
    notes = sorted((tuple(block(b) for b in f.blocks) for f in markup.footnotes), key=repr)
    return (*body, *notes)


def _intended(items: Sequence[Piece], source: dict[str, list[Code]]) -> tuple[tuple[object, ...], ...]:
    """The shape the codes and words say, built without Markdown."""
    blocks: list[Block] = []
    notes: list[list[Block]] = []
    inlines: list[FootnoteRef | Span] = []
    kind: tuple[ListKind | None, int] = (None, 0)
    bold = italic = False
    link: str | None = None

    def flush() -> None:
        (notes[-1] if notes else blocks).append(Block(tuple(inlines), kind[0], kind[1]))
        inlines.clear()

    for item in items:
        if isinstance(item, str):
            inlines.append(Span(item, bold, italic, link))
            continue
        known = source[item.id][0]
        if known.kind in ("block", "note"):
            flush()
            if known.kind == "note":
                notes.append([])
            kind = (None, 0) if notes else (known.list_kind, known.level)
        elif known.kind == "footnote":
            inlines.append(FootnoteRef(known.number))
        elif known.kind == "bold":
            bold = not item.close
        elif known.kind == "italic":
            italic = not item.close
        elif known.kind == "link":
            link = None if item.close else source[item.id][-1].native[2:-1].strip("<>")
    flush()
    footnotes = tuple(Footnote(number, tuple(b)) for number, b in enumerate(notes, start=1))
    return _shape(Markup("", tuple(blocks), footnotes))
