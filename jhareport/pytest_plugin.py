"""The pytest plugin: regression tests of template output.

Installed with the package; a test asks for the `docx_regression` fixture and calls
``docx_regression.check(path_or_document)``. The document's outline and the canonical XML of its
main parts are compared with snapshots kept beside the test (pytest-regressions;
``--force-regen`` writes them anew) and a change fails with a unified diff.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from .render.outline import canonical_xml, outline

__all__ = ["DocxRegression", "docx_regression"]


class DocxRegression:
    """Snapshots a generated .docx through pytest-regressions' file_regression."""

    def __init__(self, file_regression: Any) -> None:
        self.file_regression = file_regression

    def check(self, document: str | Path | bytes | Any, basename: str | None = None) -> None:
        """Compare the document (a path, its bytes, or a python-docx Document) with the
        snapshots `<basename>.outline.txt` and `<basename>.xml`."""
        data = _bytes(document)
        self.file_regression.check(outline(data), basename=_name(basename, "outline"),
                                   extension=".txt")
        self.file_regression.check(canonical_xml(data), basename=_name(basename, "xml"),
                                   extension=".xml")


def _name(basename: str | None, kind: str) -> str | None:
    return f"{basename}.{kind}" if basename else None


def _bytes(document: str | Path | bytes | Any) -> bytes:
    if isinstance(document, bytes):
        return document
    if isinstance(document, str | Path):
        return Path(document).read_bytes()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def docx_regression(file_regression: Any) -> DocxRegression:
    """Check a generated .docx against its snapshots: ``docx_regression.check(path)``."""
    return DocxRegression(file_regression)
