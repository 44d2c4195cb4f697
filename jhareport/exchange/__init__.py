"""The exchange with translators: a year's texts out to XLIFF 1.2, and back into
`translations/<language>/`; and what a year leaves untranslated in a language.

The names below are loaded when first used: a build asks only what a year leaves untranslated
(`coverage`), which needs neither the XLIFF reader nor the YAML writer of translations."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

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


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(importlib.import_module(".translators", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
