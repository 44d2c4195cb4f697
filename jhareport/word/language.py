"""The language a built document declares: Word's proofing language and, through LibreOffice, the
`/Lang` of its PDF, which screen readers use to pronounce the text."""

from __future__ import annotations

import functools
import io
import zipfile

from babel import Locale
from babel.core import LOCALE_ALIASES
from lxml import etree

from .template import W

__all__ = ["document_language", "language_tag"]

_W_NS = W
_W = f"{{{_W_NS}}}"
_STYLES = "word/styles.xml"
_SETTINGS = "word/settings.xml"


@functools.lru_cache(maxsize=64)
def language_tag(locale: str) -> str:
    """The BCP 47 tag Word writes for a build's locale: "fr" → "fr-FR", "fr_BE" → "fr-BE",
    "en" → "en-US" (Babel's usual country for a bare language, as Word has no bare "en")."""
    parsed = Locale.parse(locale)
    if parsed.territory is None and parsed.language in LOCALE_ALIASES:
        parsed = Locale.parse(LOCALE_ALIASES[parsed.language])
    return "-".join(part for part in (parsed.language, parsed.script, parsed.territory) if part)


def _child(parent: etree._Element, name: str, *, first: bool = False) -> etree._Element:
    found = parent.find(f"{_W}{name}")
    if found is None:
        found = etree.Element(f"{_W}{name}")
        if first:
            parent.insert(0, found)
        else:
            parent.append(found)
    return found


def set_language(parts: dict[str, bytes], locale: str) -> None:
    """Set the default language of a package's parts for `locale`: the w:lang of the styles' run
    defaults (what LibreOffice declares as the PDF's /Lang) and the theme fonts' language. Runs
    and styles that name a language of their own keep it; parts already in that language are
    left as they are, byte for byte."""
    tag = language_tag(locale)
    if _STYLES not in parts:
        return
    styles = etree.fromstring(parts[_STYLES])
    settings = etree.fromstring(parts[_SETTINGS]) if _SETTINGS in parts else None
    defaults = _child(styles, "docDefaults", first=True)
    language = _child(_child(_child(defaults, "rPrDefault", first=True), "rPr"), "lang")
    theme = settings.find(f"{_W}themeFontLang") if settings is not None else None
    if language.get(f"{_W}val") == tag and (theme is None or theme.get(f"{_W}val") == tag):
        return
    language.set(f"{_W}val", tag)
    parts[_STYLES] = etree.tostring(styles, xml_declaration=True, encoding="UTF-8",
                                    standalone=True)
    if theme is not None and settings is not None:
        theme.set(f"{_W}val", tag)  # the language Word proofs new text in
        parts[_SETTINGS] = etree.tostring(settings, xml_declaration=True, encoding="UTF-8",
                                          standalone=True)


def document_language(docx: bytes, locale: str) -> bytes:
    """The .docx with its default language set for `locale` (see `set_language`); a document
    already in that language comes back unchanged."""
    with zipfile.ZipFile(io.BytesIO(docx)) as source:
        parts = {name: source.read(name) for name in source.namelist()}
        before = dict(parts)
        set_language(parts, locale)
        if parts == before:
            return docx
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                target.writestr(item, parts[item.filename])
    return out.getvalue()
