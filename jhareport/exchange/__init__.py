"""The exchange with translators: a year's texts out to XLIFF 1.2, and back into
`translations/<language>/`; and what a year leaves untranslated in a language.

The names below are loaded when first used: a build asks only what a year leaves untranslated
(`coverage`), which needs neither the XLIFF reader nor the YAML writer of translations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import _lazy_names

if TYPE_CHECKING:
    from .translators import (
        ExchangeError,
        ExportResult,
        ImportResult,
        export_translations,
        import_translations,
    )

__all__ = ["ExchangeError", "ExportResult", "ImportResult", "export_translations",
           "import_translations"]


__getattr__ = _lazy_names(__name__, globals(), {name: (".translators", name) for name in __all__})
