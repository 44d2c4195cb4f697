"""The fonts a Word document's text is set in, as Word resolves them: each paragraph's style
(through the styles it is based on, then the document's defaults and its theme), the character
and table styles in use, fonts set on runs, and the fonts of its charts. Only the fonts of Latin
text (w:ascii, w:hAnsi): those a PDF must have for its lines and pages to break as in Word."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable

from lxml import etree

from .template import W

__all__ = ["fonts_named"]

_W_NS = W
_W = f"{{{_W_NS}}}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_TEXT_PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")
_CHART_PARTS = re.compile(r"word/charts/chart\d*\.xml")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


def _font(fonts: etree._Element | None, theme: dict[str, str]) -> str | None:
    """The Latin font an rFonts element names: a theme font (asciiTheme, which Word takes
    before ascii), else ascii, else hAnsi."""
    if fonts is None:
        return None
    for attribute in ("asciiTheme", "hAnsiTheme"):
        reference = fonts.get(f"{_W}{attribute}")
        if reference:
            return theme.get("major" if reference.startswith("major") else "minor") or None
    return fonts.get(f"{_W}ascii") or fonts.get(f"{_W}hAnsi") or None


def _theme(parts: dict[str, bytes]) -> dict[str, str]:
    """The theme's Latin fonts: {"major": …, "minor": …}."""
    data = parts.get("word/theme/theme1.xml")
    if data is None:
        return {}
    root = etree.fromstring(data, _PARSER)
    found = {}
    for kind in ("major", "minor"):
        latin = root.find(f".//{_A}{kind}Font/{_A}latin")
        if latin is not None and latin.get("typeface"):
            found[kind] = latin.get("typeface", "")
    return found


def _parts(docx: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        names = [n for n in package.namelist() if n in ("word/styles.xml", "word/theme/theme1.xml")
                 or _TEXT_PARTS.fullmatch(n) or _CHART_PARTS.fullmatch(n)]
        return {name: package.read(name) for name in names}


def fonts_named(docx: bytes) -> tuple[str, ...]:
    """The fonts of the document's Latin text, sorted; none for a file that is no Word package."""
    try:
        parts = _parts(docx)
    except (zipfile.BadZipFile, OSError):
        return ()
    theme = _theme(parts)
    styles = etree.fromstring(parts["word/styles.xml"], _PARSER) if "word/styles.xml" in parts else None
    default_font = _font(None if styles is None else
                         styles.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}rFonts"), theme)
    by_id: dict[str, etree._Element] = {}
    default_paragraph: str | None = None
    if styles is not None:
        for style in styles.iter(f"{_W}style"):
            by_id[style.get(f"{_W}styleId", "")] = style
            if style.get(f"{_W}type") == "paragraph" and style.get(f"{_W}default") in ("1", "true"):
                default_paragraph = style.get(f"{_W}styleId")

    def own_font(style_id: str) -> str | None:
        """The font the style or a style it is based on sets, if any."""
        seen: set[str] = set()
        while style_id in by_id and style_id not in seen:
            seen.add(style_id)
            style = by_id[style_id]
            found = _font(style.find(f"{_W}rPr/{_W}rFonts"), theme)
            if found:
                return found
            based = style.find(f"{_W}basedOn")
            style_id = based.get(f"{_W}val", "") if based is not None else ""
        return None

    named: set[str] = set()
    for name, data in parts.items():
        if _CHART_PARTS.fullmatch(name):
            root = etree.fromstring(data, _PARSER)
            named.update(latin.get("typeface", "") for latin in root.iter(f"{_A}latin"))
            continue
        if not _TEXT_PARTS.fullmatch(name):
            continue
        root = etree.fromstring(data, _PARSER)
        for paragraph in root.iter(f"{_W}p"):
            if not _has_text(paragraph.iter(f"{_W}t")):
                continue
            style = paragraph.find(f"{_W}pPr/{_W}pStyle")
            style_id = style.get(f"{_W}val", "") if style is not None else default_paragraph or ""
            font = own_font(style_id) or default_font
            if font:
                named.add(font)
        for reference in root.iter(f"{_W}rStyle", f"{_W}tblStyle"):
            font = own_font(reference.get(f"{_W}val", ""))
            if font:
                named.add(font)
        for fonts in root.iter(f"{_W}rFonts"):
            font = _font(fonts, theme)
            if font:
                named.add(font)
    return tuple(sorted(n for n in named if n and not n.startswith("+")))


def _has_text(texts: Iterable[etree._Element]) -> bool:
    return any((t.text or "").strip() for t in texts)
