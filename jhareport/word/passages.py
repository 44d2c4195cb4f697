"""Passages left in another language than the document's, marked with their own in Word.

A record's text left untranslated (`markup.language_of` tells its language) is written in runs
that carry `w:lang`, so that Word proofs it, and LibreOffice's PDF declares it, in that
language: a screen reader then reads it right. A draft also highlights it, so that whoever
reviews the draft sees what is still to translate.

Texts written with `|rich` and `heading()` get the property directly. A plain text a template
writes with `{{ … }}` stands inside a run of the template: `finalize` wraps it in markers, and
`split_passages` cuts the run there after rendering, the passage taking the run's own
properties plus its language.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree
from markupsafe import Markup as Xml

from ..markup import language_of
from .language import language_tag
from .package import DECLARATION
from .template import W

__all__ = ["HIGHLIGHT", "finalize", "plain", "run_properties", "split_passages"]

_W = f"{{{W}}}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

HIGHLIGHT = "cyan"
"""The highlight of an untranslated passage in a draft (placeholders are yellow)."""

# Non-characters, which no text a document holds may use (finalize removes them from values):
# start, language, passage, end.
_START, _TEXT, _END = "\ufdd0", "\ufdd1", "\ufdd2"
_START_BYTES = _START.encode("utf-8")
_PASSAGE = re.compile(f"{_START}([^{_TEXT}]*){_TEXT}([^{_END}]*){_END}")
_LEFT_OVER = re.compile(f"{_START}[^{_TEXT}]*{_TEXT}|{_END}")

# The order of a run's properties in WordprocessingML (CT_RPr).
_ORDER = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
          "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish",
          "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight",
          "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang",
          "eastAsianLayout", "specVanish", "oMath", "rPrChange")


def run_properties(value: object, draft: bool) -> str:
    """The run properties of a text's runs for its language: `w:lang` when it is left in
    another language than the document's (highlighted in a draft), else nothing."""
    lang = language_of(value)
    if lang is None:
        return ""
    highlight = f'<w:highlight w:val="{HIGHLIGHT}"/>' if draft else ""
    return f'{highlight}<w:lang w:val="{language_tag(lang)}"/>'


def finalize(value: Any) -> Any:
    """Jinja's finalize: a plain text left in another language is wrapped in markers that
    `split_passages` turns into a run of its own."""
    if value.__class__ is str:  # most values: a plain text, which has no language of its own
        return value.replace(_START, "") if _START in value else value
    if isinstance(value, str) and not isinstance(value, Xml):
        lang = language_of(value)
        if lang is not None:
            return f"{_START}{lang}{_TEXT}{value.replace(_START, '')}{_END}"
        if _START in value:
            return value.replace(_START, "")
    return value


def has_passages(data: bytes) -> bool:
    """Whether a rendered part holds a passage that `finalize` marked."""
    return _START_BYTES in data


def split_passages(rendered: dict[str, bytes], draft: bool) -> None:
    """Cut the runs of the rendered parts where `finalize` marked a passage, in place."""
    for name, data in rendered.items():
        if _START_BYTES not in data:
            continue
        root = etree.fromstring(data, etree.XMLParser(huge_tree=True))
        for text in [t for t in root.iter(f"{_W}t") if t.text and _START in t.text]:
            run = text.getparent()
            if run is not None and run.tag == f"{_W}r" and run.getparent() is not None:
                _split(run, text, draft)
        out = etree.tostring(root, encoding="UTF-8").decode("utf-8")
        # Markers that stood elsewhere than in a run's text (a field, an attribute) go.
        rendered[name] = DECLARATION + plain(out).encode("utf-8")


def plain(text: str) -> str:
    """`text` without the markers of `finalize` (a document property, an attribute)."""
    return _LEFT_OVER.sub("", text) if _START in text else text


def _segments(text: str) -> list[tuple[str, str | None]]:
    found: list[tuple[str, str | None]] = []
    at = 0
    for match in _PASSAGE.finditer(text):
        found.append((text[at:match.start()], None))
        found.append((match.group(2), match.group(1)))
        at = match.end()
    found.append((text[at:], None))
    return [(part, lang) for part, lang in found if part]


def _split(run: etree._Element, text: etree._Element, draft: bool) -> None:
    properties = run.find(f"{_W}rPr")
    children = [child for child in run if child is not properties]
    at = children.index(text)

    def made(kids: list[etree._Element], lang: str | None = None) -> etree._Element:
        new = etree.Element(f"{_W}r", dict(run.attrib))
        if properties is not None or lang is not None:
            own = etree.fromstring(etree.tostring(properties)) if properties is not None \
                else etree.Element(f"{_W}rPr")
            if lang is not None:
                if draft:
                    _set(own, "highlight", HIGHLIGHT)
                _set(own, "lang", language_tag(lang))
            new.append(own)
        new.extend(kids)
        return new

    runs = [made(children[:at])] if at else []
    for part, lang in _segments(text.text or ""):
        piece = etree.Element(f"{_W}t")
        piece.set(XML_SPACE, "preserve")
        piece.text = part
        runs.append(made([piece], lang))
    if children[at + 1:]:
        runs.append(made(children[at + 1:]))
    parent = run.getparent()
    assert parent is not None
    index = parent.index(run)
    parent.remove(run)
    for offset, new in enumerate(runs):
        parent.insert(index + offset, new)


def _set(properties: etree._Element, name: str, value: str) -> None:
    """Set a run property's w:val, placing a new one where the schema wants it."""
    found = properties.find(f"{_W}{name}")
    if found is None:
        found = etree.Element(f"{_W}{name}")
        rank = _ORDER.index(name)
        after = [i for i, child in enumerate(properties)
                 if etree.QName(child).localname in _ORDER[rank + 1:]]
        properties.insert(after[0] if after else len(properties), found)
    found.set(f"{_W}val", value)
