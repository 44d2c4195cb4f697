"""The exchange with translators: a year's texts out to XLIFF 1.2, and back into
`translations/<language>/`; and what a year leaves untranslated in a language."""

from .translators import (
    ExchangeError,
    ExportResult,
    ImportResult,
    export_translations,
    import_translations,
)

__all__ = ["ExchangeError", "ExportResult", "ImportResult", "export_translations",
           "import_translations"]
