"""The words the code itself writes into documents, in the build's language.

State-of-play labels, the facts line of a meeting, the placeholders of a draft and the texts of
the charts are English in the code and translated through Babel message catalogs,
`jhareport/locale/<language>/LC_MESSAGES/jhareport.po`. A language without a catalog, or a
message without a translation, keeps the English. What templates say is the templates' own.
"""

from __future__ import annotations

import functools
import gettext
import io
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babel import Locale, UnknownLocaleError

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

__all__ = ["LANGUAGES", "SPOKEN", "own_words", "translate", "translate_plural"]

_CATALOGS = Path(__file__).with_name("locale")
_TEMPLATES = Path(__file__).with_name("templates")
LANGUAGES = tuple(sorted(p.name for p in _CATALOGS.iterdir() if p.is_dir())) \
    if _CATALOGS.is_dir() else ()
"""The languages with a catalog of the code's words."""
SPOKEN = ("en", *(language for language in LANGUAGES if (_TEMPLATES / language).is_dir()))
"""The languages jhareport writes documents in: English, and those with both a catalog and
built-in templates."""


@functools.cache
def _catalog(language: str) -> Catalog | None:
    path = _CATALOGS / language / "LC_MESSAGES" / "jhareport.po"
    if not path.is_file():
        return None
    from babel.messages.pofile import read_po  # only for a language that has a catalog

    with path.open("rb") as stream:
        return read_po(stream, locale=language)


def _language(locale: str | Locale) -> str:
    if isinstance(locale, Locale):
        return str(locale.language)
    return _tag_language(locale)


@functools.lru_cache(maxsize=64)
def _tag_language(locale: str) -> str:
    """The language of a locale's tag, parsed once (every word translated asks)."""
    try:
        return str(Locale.parse(locale.replace("-", "_")).language)
    except (ValueError, UnknownLocaleError):
        return "en"


@functools.cache
def _translations(language: str) -> gettext.NullTranslations:
    """The catalog as gettext reads it, for messages with plural forms (the language's own
    rule: French says 0 and 1 in the singular)."""
    catalog = _catalog(language)
    if catalog is None:
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo

    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def translate_plural(singular: str, plural: str, n: int, locale: str | Locale = "en",
                     **values: Any) -> str:
    """The form of a counted message for the number `n` in the locale's language ("1 is planned",
    "63 are done"; "63 terminées"), with `values` put in its %(name)s places."""
    text = _translations(_language(locale)).ngettext(singular, plural, n)
    return text % values if values else text


def translate(message: str, locale: str | Locale = "en", **values: Any) -> str:
    """`message` in the locale's language, with `values` put in its %(name)s places."""
    catalog = _catalog(_language(locale))
    text = message
    if catalog is not None:
        found = catalog.get(message)
        if found is not None and isinstance(found.string, str) and found.string:
            text = found.string
    return text % values if values else text


@functools.cache
def own_words(locale: str | Locale = "en") -> frozenset[str]:
    """The words of the messages the code writes, in English and in the locale's language
    ("JAI" of "toutes les agences JAI"): the acronym check does not take them for the records'."""
    catalog = _catalog(_language(locale))
    texts = [m for message in catalog for part in (message.id, message.string)
             for m in (part if isinstance(part, tuple) else (part,)) if isinstance(m, str)] \
        if catalog is not None else []
    return frozenset(w for text in texts for w in re.findall(r"[^\W\d_]+", text))
