"""A record's text in a form and back: paragraphs of runs, and the Markdown the fixtures keep.

The form writer turns a record's Markdown into paragraphs (bullets, numbers, bold, italics,
links); the reader reads the paragraphs Word or LibreOffice saved; both meet in `markdown`, so a
text saved again unchanged gives back the very Markdown it was made from.
"""

from __future__ import annotations

import re
from typing import Any

from ..markup import FootnoteRef, ListKind, Markup, Span

__all__ = ["Para", "Run", "Text", "markdown", "markup_text", "normal_text"]

# A run of text: (text, bold, italic, link); a paragraph: (kind, level, runs) where kind is
# "p", "bullet" or "number"; a text: its paragraphs.
Run = tuple[str, bool, bool, str | None]
Para = tuple[str, int, tuple[Run, ...]]
Text = tuple[Para, ...]


def normal_text(paras: list[Para] | tuple[Para, ...]) -> Text:
    """Paragraphs as a reader sees them: runs of equal formatting joined, spaces collapsed,
    empty paragraphs dropped."""
    result: list[Para] = []
    for kind, level, runs in paras:
        joined: list[list[Any]] = []
        for text, bold, italic, link in runs:
            if not text:
                continue
            if joined and joined[-1][1:] == [bold, italic, link]:
                joined[-1][0] += text
            else:
                joined.append([text, bold, italic, link])
        cleaned: list[Run] = []
        for index, (text, bold, italic, link) in enumerate(joined):
            text = re.sub(r"\s+", " ", text.replace("\u00a0", " "))
            if index == 0:
                text = text.lstrip()
            if index == len(joined) - 1:
                text = text.rstrip()
            if text:
                cleaned.append((text, bool(bold) and bool(text.strip()),
                                bool(italic) and bool(text.strip()), link))
        merged: list[Run] = []
        for run in cleaned:
            if merged and merged[-1][1:] == run[1:]:
                merged[-1] = (merged[-1][0] + run[0], *run[1:])
            else:
                merged.append(run)
        if merged:
            result.append((kind, level if kind != "p" else 0, tuple(merged)))
    return tuple(result)


def markup_text(markup: Markup) -> Text:
    """A record's text as the form's paragraphs; a footnote shows as its Markdown."""
    paras: list[Para] = []
    for block in markup.blocks:
        kind = ("p" if block.list_kind is None
                else "bullet" if block.list_kind is ListKind.BULLET else "number")
        runs: list[Run] = []
        for inline in block.inlines:
            if isinstance(inline, Span):
                runs.append((inline.text, inline.bold, inline.italic, inline.link))
            elif isinstance(inline, FootnoteRef):
                runs.append((f"[^{inline.number}]", False, False, None))
        paras.append((kind, block.level, tuple(runs)))
    for note in markup.footnotes:
        paras.append(("p", 0, ((f"[^{note.number}]: {note.text}", False, False, None),)))
    return normal_text(paras)


_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
_FOOTNOTE = re.compile(r"(\[\^\w+\](?::)?)")


def _escape(text: str, first: bool) -> str:
    # Footnote marks are the one piece of Markdown a text keeps as typed.
    pieces = _FOOTNOTE.split(text)
    out = "".join(p if i % 2 else _SPECIAL.sub(r"\\\1", p) for i, p in enumerate(pieces))
    if first:
        # What would open a list or a heading at the start of a paragraph.
        out = re.sub(r"^(\s*)([-+]\s|\d+[.)]\s)", lambda m: m.group(1) + "\\" + m.group(2), out)
    return out


def _inline(runs: tuple[Run, ...]) -> str:
    out = []
    for index, (text, bold, italic, link) in enumerate(runs):
        if not text.strip():
            out.append(text)
            continue
        lead = text[: len(text) - len(text.lstrip())]
        tail = text[len(text.rstrip()):]
        core = _escape(text.strip(), index == 0 and not lead)
        if bold and italic:
            core = f"***{core}***"
        elif bold:
            core = f"**{core}**"
        elif italic:
            core = f"*{core}*"
        if link:
            core = f"[{core}]({link})"
        out.append(lead + core + tail)
    return "".join(out)


def markdown(text: Text) -> str:
    """The Markdown of a form's text: paragraphs, bullets and numbers (nested), bold, italic,
    links."""
    lines: list[str] = []
    previous = ""
    widths: list[int] = []  # the width of the marker of each open list level
    for kind, level, runs in text:
        body = _inline(runs)
        if kind == "p":
            if lines:
                lines.append("")
            lines.append(body)
            widths = []
        else:
            if previous == "p" or (previous and previous != kind and level == 0):
                lines.append("")
            level = min(level, len(widths))
            marker = "-" if kind == "bullet" else "1."
            widths = [*widths[:level], len(marker) + 1]
            lines.append(" " * sum(widths[:level]) + f"{marker} {body}")
        previous = kind
    return "\n".join(lines)
