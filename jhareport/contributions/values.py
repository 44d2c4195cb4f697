"""What a form shows of a record, as plain values both the writer and the reader agree on.

A record shows in a form as a few entries (a title, a choice, a list of agencies, a formatted
text). The writer makes them from the records; the reader reads them back from what Word or
LibreOffice saved. Comparing these values, not the records, tells whether an agency changed a
record: a form saved again unchanged gives the very values it was made from.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date
from typing import Any

from ..agencies import REGISTRY, Actor, Agency
from ..markup import FootnoteRef, ListKind, Markup, Span
from ..periods import StateOfPlay, Status, format_period
from ..records import Highlight, OtherActivity, ScorecardAction, ThematicEvent

__all__ = [
    "EMPTY_CHOICES",
    "FORMATS",
    "LABELS",
    "STATUSES",
    "Para",
    "Run",
    "Text",
    "fingerprint",
    "markdown",
    "normal_text",
    "record_values",
    "state_parts",
]

# A run of text: (text, bold, italic, link); a paragraph: (kind, level, runs) where kind is
# "p", "bullet" or "number"; a text: its paragraphs.
Run = tuple[str, bool, bool, str | None]
Para = tuple[str, int, tuple[Run, ...]]
Text = tuple[Para, ...]
Values = dict[str, Any]

STATUSES = ("Ongoing", "Done", "Planned", "Throughout", "Dated")
_STATUS_OF = {Status.ONGOING: "Ongoing", Status.DONE: "Done", Status.PLANNED: "Planned",
              Status.THROUGHOUT: "Throughout", Status.DATED: "Dated"}
FORMATS = ("in person", "online", "hybrid")
CHOOSE = "(choose)"
NONE = "(none)"
EMPTY_CHOICES = ("", CHOOSE, NONE)

# The entries of each kind, in form order, with the words the form labels them with.
LABELS: dict[str, dict[str, str]] = {
    "action": {"field": "field", "detail": "action", "status": "state of play", "when": "when",
               "agencies": "agencies involved", "others": "other partners"},
    "event": {"title": "title", "topic": "priority topic", "agencies": "agencies",
              "others": "other partners", "format": "format", "place": "place",
              "dates": "dates", "text": "text"},
    "highlight": {"title": "title", "agencies": "agencies", "text": "text"},
    "activity": {"title": "title", "agencies": "agencies", "others": "other partners",
                 "format": "format", "place": "place", "dates": "dates", "text": "text"},
}


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


def state_parts(state: StateOfPlay | None) -> tuple[str, str]:
    """The state of play as the form's two entries: the choice and when."""
    if state is None:
        return "", ""
    when = format_period(state.period) if state.period else ""
    if state.remark == "since" and when:
        when = f"since {when}"
    elif state.remark and when:
        when = f"{state.remark} in {when}"
    elif state.remark:
        when = state.remark
    return _STATUS_OF[state.status], when


def state_text(status: str, when: str) -> str:
    """A state of play written as the fixtures write it: ONGOING, DONE (11 July 2019), a date."""
    if status.casefold() == "dated" or not status:
        return when
    word = status.upper()
    if not when:
        return word
    if status.casefold() in ("planned", "throughout"):
        return f"{word} {when}"
    return f"{word} ({when})"


def agency_codes(agencies: tuple[Agency, ...]) -> tuple[str, ...]:
    """Agencies in the registry's order, as a form lists its check boxes."""
    chosen = {a.code for a in agencies}
    return tuple(a.code for a in REGISTRY.agencies if a.code in chosen)


def actor_names(actors: tuple[Actor, ...], day: date) -> str:
    return ", ".join(a.short_on(day) for a in actors)


def session_line(session: Any) -> str:
    line = format_period(session.date)
    return f"{line} (list of events: {session.timeline})" if session.timeline else line


def record_values(kind: str, record: Any, day: date, topics: dict[str, str]) -> Values:
    """What the form shows of a record; `topics` maps priority topic ids to their titles."""
    if kind == "action":
        assert isinstance(record, ScorecardAction)
        status, when = state_parts(record.state)
        return {"field": record.field, "detail": markup_text(record.detail), "status": status,
                "when": when, "agencies": agency_codes(record.agencies),
                "others": actor_names(record.bodies, day)}
    values: Values = {"title": record.title}
    if isinstance(record, ThematicEvent):
        values["topic"] = topics.get(record.topic, record.topic)
    values["agencies"] = agency_codes(record.agencies)
    if isinstance(record, ThematicEvent | OtherActivity):
        values["others"] = actor_names(record.bodies, day)
        values["format"] = record.format.value if record.format else ""
        values["place"] = record.place or ""
        values["dates"] = tuple(session_line(s) for s in record.sessions)
    assert isinstance(record, ThematicEvent | OtherActivity | Highlight)
    values["text"] = markup_text(record.body)
    return values


def comparable(values: Values) -> Values:
    """Values as compared: choices and single lines without case or spacing differences."""
    out: Values = {}
    for key, value in values.items():
        if isinstance(value, str):
            value = " ".join(value.split())
            out[key] = "" if value in EMPTY_CHOICES else value.casefold()
        elif key == "agencies":
            out[key] = tuple(sorted(value))
        else:
            out[key] = value
    return out


def fingerprint(values: Values) -> str:
    """A short digest of what a form showed of a record."""
    data = json.dumps(comparable(values), sort_keys=True, ensure_ascii=False, default=list)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:20]
