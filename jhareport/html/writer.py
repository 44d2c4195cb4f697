"""HTML: the one place that writes record texts, headings, charts and notes into a web page.

Record texts reach templates as `Markup`; the `rich` filter writes each as HTML paragraphs and
lists, with links, and footnote marks that link to the page's notes, each note linking back.
`heading` writes a heading numbered as the Word report numbers it, with an id that stays the same
from build to build (the record's or section's id); the headings written make the page's contents.
`chart` writes a figure: the chart as inline SVG, its title as caption, its figures as a table.
`picture` writes the year's pictures (logos, figures) as images with their alternative texts,
each kept once as a file beside the pages (`pictures/<name>`); `anchor` gives a template an id
that no other element of the page has. A passage whose language differs from the page's
(`markup.language_of`) says so with `lang`; names such as eu-LISA stay on one line, as in Word.
What they return is `markupsafe.Markup`, so that Jinja's escaping leaves it as it is; every text
inside is escaped here.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

import attrs
from attrs import frozen
from babel.numbers import format_decimal
from markupsafe import Markup as Html
from markupsafe import escape

from ..i18n import translate
from ..markup import Block, FootnoteRef, ListKind, Markup, Span, language_of
from ..periods import format_periods, reader_locale
from ..records import Picture
from .svg import chart_svg

if TYPE_CHECKING:
    from jinja2 import Environment

    from ..charts import Chart

__all__ = ["NUMBERED_LEVELS", "PICTURES", "ContentsEntry", "HtmlWriter", "Note", "PictureFiles"]

NUMBERED_LEVELS = 3
"""Headings down to this level are numbered (1., 1.1., 1.1.1.), as the built-in Word templates
number theirs."""
PICTURES = "pictures"
"""The folder of the edition's pictures, beside its pages."""

# Ids the page's own elements use, which no heading or note may take.
_RESERVED = frozenset({"main", "contents", "contents-heading", "notes", "notes-heading", "top",
                       "filters"})
# Characters HTML has no place for: controls other than white space, and non-characters.
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
# A name written with a hyphen (eu-LISA, ECRIS-TCN, COVID-19), not inside a web address: the
# names the Word report writes with non-breaking hyphens.
_HYPHENATED = re.compile(r"(?<![\w/.@-])[^\W_]+(?:-[^\W_]+)+(?![\w/@-]|\.\w)")


def _attr(value: Any, name: str = "lang") -> str:
    """` lang="en"` for a value in another language than the page's, else nothing."""
    found = language_of(value)
    return f' {name}="{escape(found)}"' if found else ""


def _text(value: Any) -> Html:
    return escape(_UNWRITABLE.sub("", str(value)))


def _words(value: Any) -> str:
    """A text as the content of an element, the names written with a hyphen whose parts include
    an acronym (eu-LISA, EU-OSHA) kept on one line, as the Word report keeps them."""
    text = _UNWRITABLE.sub("", str(value))
    if "-" not in text:
        return str(escape(text))
    out, last = [], 0
    for found in _HYPHENATED.finditer(text):
        name = found.group(0)
        if any(sum(c.isupper() for c in part) >= 2 for part in name.split("-")):
            out += [escape(text[last:found.start()]), f'<span class="nobreak">{escape(name)}</span>']
            last = found.end()
    out.append(escape(text[last:]))
    return "".join(out)


@frozen
class ContentsEntry:
    """A heading of the page as the contents list shows it."""

    id: str = attrs.field(metadata={"doc": "the heading's id: link to it with `#id`"})
    number: str = attrs.field(metadata={"doc": "its number, e.g. 6.5.2. (empty when unnumbered)"})
    text: str = attrs.field(metadata={"doc": "its text"})
    level: int = attrs.field(metadata={"doc": "1 for a chapter, 2 for its sections, and so on"})
    lang: str | None = attrs.field(
        metadata={"doc": "the language of its text when it differs from the page's (none)"})
    children: tuple[ContentsEntry, ...] = attrs.field(
        metadata={"doc": "the headings under it, one level down"})


@frozen
class Note:
    """A footnote of the page, numbered across the page, linking back to its mark."""

    number: int = attrs.field(metadata={"doc": "the note's number on the page"})
    id: str = attrs.field(metadata={"doc": "the note's id: the marks link to `#id`"})
    back: str = attrs.field(metadata={"doc": "the id of the mark in the text: link back to `#back`"})
    text: str = attrs.field(  # HTML already escaped: Jinja writes it as it is
        metadata={"doc": "the note's text as HTML: write it with `{{ note.text }}`"})
    lang: str | None = attrs.field(
        metadata={"doc": "the language of its text when it differs from the page's (none)"})


class PictureFiles:
    """The pictures of an edition's pages, each kept once whatever the pages showing it: named
    after the file the year gave (`logos/euaa.png` → `euaa.png`), numbered on when two different
    pictures would share a name, so that the same records give the same names."""

    def __init__(self) -> None:
        self._names: dict[str, str] = {}  # a picture's file name by the digest of its bytes
        self.files: dict[str, bytes] = {}  # the pictures by file name

    def name(self, picture: Picture) -> str:
        digest = hashlib.sha256(picture.data).hexdigest()
        found = self._names.get(digest)
        if found is not None:
            return found
        stem = _slug(PurePosixPath(picture.file).stem) or "picture"
        extension = "jpg" if picture.kind == "jpeg" else picture.kind
        name, count = f"{stem}.{extension}", 1
        while name in self.files:
            count += 1
            name = f"{stem}-{count}.{extension}"
        self._names[digest] = name
        self.files[name] = picture.data
        return name


@frozen
class _Heading:
    id: str
    number: str
    text: str
    level: int
    lang: str | None


class HtmlWriter:
    """Writes record texts, headings and charts into one page being rendered.

    `contents` holds the headings of an earlier render of the same page (the page is rendered a
    second time when its template shows its contents)."""

    def __init__(self, locale: str, draft: bool, contents: tuple[ContentsEntry, ...] = (),
                 pictures: PictureFiles | None = None) -> None:
        self.locale = locale
        self.draft = draft
        self._contents = contents
        self.pictures = pictures if pictures is not None else PictureFiles()
        self.asked_for_contents = False
        self.headings: list[_Heading] = []
        self._notes: list[Note] = []
        self._ids: set[str] = set(_RESERVED)
        self._counters = [0] * NUMBERED_LEVELS
        self._marked: set[int] = set()

    # -- what templates call -------------------------------------------------------------------

    def install(self, env: Environment) -> None:
        """Give the environment's templates this writer's filters (rich, chart, picture) and
        globals (heading, anchor, todo, contents, footnotes)."""
        env.filters["rich"] = self.rich
        env.filters["chart"] = self.chart
        env.filters["picture"] = self.picture
        env.globals["heading"] = self.heading
        env.globals["anchor"] = self.anchor
        env.globals["todo"] = self.todo
        env.globals["contents"] = self.contents
        env.globals["footnotes"] = self.footnotes

    def rich(self, value: Markup | None, section: str = "", style: str = "") -> Html:
        """A text as HTML paragraphs and lists; a missing text is a placeholder naming
        `section` (drafts only). `style` is a class for its paragraphs (`rich(style='objective')`)."""
        if value is None or not value:
            return self.todo(section or "text") if section else Html("")
        numbers = self._add_notes(value)
        css = f' class="{escape(_slug(style))}"' if style else ""
        body = self._blocks(value.blocks, numbers, css)
        lang = _attr(value)
        return Html(f'<div{lang}>{body}</div>' if lang else body)

    def heading(self, text: Any, level: int = 1, numbered: bool = True, dated: bool = False,
                id: str | None = None) -> Html:
        """A heading `<h2>` to `<h6>` for a section of `level` (the page's title is its h1):
        `text`, or a record's `title` (followed by its dates when `dated`), numbered as in the
        Word report when `numbered` and `level` is 3 or less. Its id is `id`, or the record's,
        or made from the text; the same in every build of the same records."""
        level = min(max(int(level), 1), 6)
        lang = language_of(text)
        record_id = None
        if attrs.has(type(text)):
            record_id = getattr(text, "id", None)
            lang = language_of(getattr(text, "title", None)) or lang
            title = str(getattr(text, "title", ""))
            sessions = getattr(text, "sessions", ())
            if dated and sessions:
                title += ", " + format_periods([s.date for s in sessions], self.locale)
            text = title
        shown = str(text)
        number = ""
        if numbered and level <= NUMBERED_LEVELS:
            self._counters[level - 1] += 1
            self._counters[level:] = [0] * (NUMBERED_LEVELS - level)
            number = "".join(f"{n}." for n in self._counters[:level])
        ident = self._unique(id or (str(record_id) if record_id else "") or shown)
        self.headings.append(_Heading(ident, number, shown, level, lang))
        tag = f"h{min(level + 1, 6)}"
        mark = f'<span class="heading-number">{number}</span> ' if number else ""
        language = f' lang="{escape(lang)}"' if lang else ""
        return Html(f'<{tag} id="{ident}"{language}>{mark}{_words(shown)}</{tag}>')

    def anchor(self, base: Any) -> str:
        """An id made from `base` that no heading or other element of the page has yet: for an
        element a template names itself (a figure, a table's caption)."""
        return self._unique(str(base))

    def picture(self, value: Picture | Sequence[Picture | None] | None, style: str = "") -> Html:
        """The year's pictures (a logo, a figure's picture) as images, each with its alternative
        text and its size in pixels (a stylesheet scales it), `style` a class of each; several
        follow one another. Nothing for none."""
        given = [value] if isinstance(value, Picture) or value is None else list(value)
        css = f' class="{escape(_slug(style))}"' if style else ""
        images = []
        for picture in given:
            if picture is None:
                continue
            if not isinstance(picture, Picture):
                raise TypeError(f"the filter picture shows the year's pictures, not {picture!r}")
            width, height = picture.size
            source = f"{PICTURES}/{self.pictures.name(picture)}"
            images.append(f'<img src="{escape(source)}" alt="{_text(picture.alt)}" '
                          f'width="{width}" height="{height}"{css}{_attr(picture.alt)}>')
        return Html("".join(images))

    def todo(self, section: str) -> Html:
        """A visible placeholder for missing content: "[to be completed: …]"."""
        text = translate("[to be completed: %(section)s]", self.locale, section=section)
        return Html(f'<p class="todo"><mark>{_text(text)}</mark></p>')

    def contents(self) -> tuple[ContentsEntry, ...]:
        """The page's headings as a tree, for its contents list."""
        self.asked_for_contents = True
        return self._contents

    def footnotes(self) -> tuple[Note, ...]:
        """The notes of the texts written so far, in order: place it after them."""
        return tuple(self._notes)

    def chart(self, value: Chart | None, table: bool = True) -> Html:
        """A chart of the records as a figure: inline SVG with its title and description, its
        title as the caption, and, unless `table` is false, its figures as a table. Nothing
        when there is no chart."""
        if value is None:
            return Html("")
        ident = self._unique(f"chart-{value.kind}")
        caption = f'<figcaption id="{ident}-caption">{_text(value.title)}</figcaption>'
        figures = self._chart_table(value, ident) if table else ""
        return Html(f'<figure class="chart-figure" id="{ident}">{caption}'
                    f'{chart_svg(value, ident, self.locale)}{figures}</figure>')

    def headings_tree(self) -> tuple[ContentsEntry, ...]:
        """The headings written, each with those under it."""
        root: list[ContentsEntry] = []
        pending: list[tuple[_Heading, list[ContentsEntry]]] = []  # open headings, outermost first

        def close(down_to: int) -> None:
            while pending and pending[-1][0].level >= down_to:
                heading, children = pending.pop()
                entry = ContentsEntry(heading.id, heading.number, heading.text, heading.level,
                                      heading.lang, tuple(children))
                (pending[-1][1] if pending else root).append(entry)

        for heading in self.headings:
            close(heading.level)
            pending.append((heading, []))
        close(0)
        return tuple(root)

    # -- texts -----------------------------------------------------------------------------------

    def _blocks(self, blocks: tuple[Block, ...], notes: dict[int, Note], css: str) -> str:
        """Paragraphs and lists; a paragraph that continues a list item (a numbered point's
        other paragraphs) stays in its item; a list taken up again after such a paragraph
        counts on."""
        out: list[str] = []
        open_lists: list[tuple[ListKind, int, int]] = []  # kind, list id, level
        counted: dict[int, int] = {}  # items of each outer list so far

        def close(to: int) -> None:
            while len(open_lists) > to:
                kind, _, _ = open_lists.pop()
                out.append("</li></ol>" if kind is ListKind.NUMBER else "</li></ul>")

        for block in blocks:
            inlines = self._inlines(block, notes)
            if block.list_kind is None:
                if open_lists and block.list_id:
                    out.append(f"<p{css}>{inlines}</p>")
                    continue
                close(0)
                out.append(f"<p{css}>{inlines}</p>")
                continue
            level = block.level
            key = (block.list_kind, block.list_id, level)
            while open_lists and (open_lists[-1][2] > level or (
                    open_lists[-1][2] == level and open_lists[-1] != key)):
                close(len(open_lists) - 1)
            if open_lists and open_lists[-1] == key:
                out.append("</li><li>")
            elif block.list_kind is ListKind.NUMBER:
                start = block.start + (counted.get(block.list_id, 0) if level == 0 else 0)
                out.append(f'<ol start="{start}"><li>' if start != 1 else "<ol><li>")
                open_lists.append(key)
            else:
                out.append("<ul><li>")
                open_lists.append(key)
            if level == 0:
                counted[block.list_id] = counted.get(block.list_id, 0) + 1
            out.append(inlines)
        close(0)
        return "".join(out)

    def _inlines(self, block: Block, notes: dict[int, Note]) -> str:
        out = []
        for inline in block.inlines:
            if isinstance(inline, FootnoteRef):
                note = notes.get(inline.number)
                if note is not None:
                    # a note marked twice links back to its first mark
                    mark = self._unique(note.back) if note.number in self._marked else note.back
                    self._marked.add(note.number)
                    hidden = _text(translate("Note", self.locale))
                    out.append(f'<sup class="note-mark"><a href="#{note.id}" id="{mark}">'
                               f'<span class="visually-hidden">{hidden} </span>{note.number}'
                               "</a></sup>")
            elif isinstance(inline, Span):
                text = _words(inline.text)
                if inline.italic:
                    text = f"<em>{text}</em>"
                if inline.bold:
                    text = f"<strong>{text}</strong>"
                if inline.link:
                    text = f'<a href="{escape(inline.link)}">{text}</a>'
                out.append(text)
        return "".join(out)

    def _add_notes(self, value: Markup) -> dict[int, Note]:
        """The text's footnotes as notes of the page, numbered on from those before."""
        found: dict[int, Note] = {}
        for footnote in value.footnotes:
            number = len(self._notes) + 1
            ident = self._unique(f"note-{number}")
            back = self._unique(f"note-mark-{number}")
            text = Html(self._blocks(footnote.blocks, {}, ""))
            note = Note(number, ident, back, text, language_of(value))
            self._notes.append(note)
            found[footnote.number] = note
        return found

    def _chart_table(self, chart: Chart, ident: str) -> str:
        """The chart's figures: a row per bar, a column per series (and the total)."""
        loc = reader_locale(self.locale)
        head = [f'<th scope="col">{_text(translate("Agency", self.locale))}</th>']
        head += [f'<th scope="col" class="number">{_text(s.name)}</th>' for s in chart.series]
        if chart.totals is not None:
            head.append(f'<th scope="col" class="number">{_text(translate("Total", self.locale))}'
                        "</th>")
        rows = []
        for index, name in enumerate(chart.categories):
            cells = [f'<th scope="row">{_text(name)}</th>']
            cells += [f'<td class="number">{format_decimal(s.values[index], locale=loc)}</td>'
                      for s in chart.series]
            if chart.totals is not None:
                cells.append(f'<td class="number">{format_decimal(chart.totals[index], locale=loc)}'
                             "</td>")
            rows.append(f"<tr>{''.join(cells)}</tr>")
        caption = translate("The figures of the chart", self.locale)
        return (f'<table class="chart-data" aria-describedby="{ident}-caption"><caption>'
                f"{_text(caption)}</caption><thead><tr>{''.join(head)}</tr></thead>"
                f"<tbody>{''.join(rows)}</tbody></table>")

    # -- ids -----------------------------------------------------------------------------------

    def _unique(self, base: str) -> str:
        """An id made from `base`, not yet taken on the page: the first keeps the plain id, the
        next ones take -2, -3…, so that the same records give the same ids."""
        slug = _slug(base) or "section"
        ident, count = slug, 1
        while ident in self._ids:
            count += 1
            ident = f"{slug}-{count}"
        self._ids.add(ident)
        return ident


def _slug(text: str) -> str:
    """Lower-case ASCII letters, digits and hyphens: "Réunions horizontales" → reunions-horizontales."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    return slug[:60].rstrip("-")
