"""The pytest plugin: regression tests of template output.

Installed with the package; a test asks for the `docx_regression` fixture and calls
``docx_regression.check(path_or_document)``. The document's outline and the canonical XML of its
main parts are compared with snapshots kept beside the test (pytest-regressions;
``--force-regen`` writes them anew) and a change fails with a unified diff.
"""

from __future__ import annotations

import difflib
import io
import re
from pathlib import Path
from typing import Any

import pytest

from .snapshot import canonical_xml, outline

__all__ = ["DocxRegression", "docx_regression"]

_DIFF_LINES = 150


class DocxRegression:
    """Snapshots a generated .docx through pytest-regressions' file_regression."""

    def __init__(self, file_regression: Any, request: pytest.FixtureRequest) -> None:
        self.file_regression = file_regression
        self.default_name = re.sub(r"[\W]+", "-", request.node.name).strip("-")

    def check(self, document: str | Path | bytes | Any, basename: str | None = None) -> None:
        """Compare the document (a path, its bytes, or a python-docx Document) with the
        snapshots `<basename>.outline.txt` and `<basename>.xml`."""
        data = _bytes(document)
        name = basename or self.default_name
        problems = []
        for text, snapshot, extension in ((outline(data), f"{name}.outline", ".txt"),
                                          (canonical_xml(data), name, ".xml")):
            try:
                self.file_regression.check(text, basename=snapshot, extension=extension)
            except (AssertionError, pytest.fail.Exception) as failure:
                problems.append(str(failure))  # both snapshots are compared (or regenerated)
                if "diff is too big" in str(failure):
                    problems.append(self._head_of_diff(snapshot + extension, text))
        if problems:
            pytest.fail("\n\n".join(problems), pytrace=False)

    def _head_of_diff(self, filename: str, text: str, lines: int = _DIFF_LINES) -> str:
        """The start of the unified diff, where pytest-regressions shows none for a big one."""
        expected = Path(self.file_regression.original_datadir) / filename
        if not expected.is_file():
            return ""
        diff = list(difflib.unified_diff(expected.read_text(encoding="utf-8").splitlines(),
                                         text.splitlines(), f"{filename} (snapshot)",
                                         f"{filename} (now)", lineterm="", n=2))
        shown = diff[:lines]
        more = f"\n… and {len(diff) - lines} more lines of diff" if len(diff) > lines else ""
        return "\n".join(shown) + more


def _bytes(document: str | Path | bytes | Any) -> bytes:
    if isinstance(document, bytes):
        return document
    if isinstance(document, str | Path):
        return Path(document).read_bytes()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def docx_regression(file_regression: Any, request: pytest.FixtureRequest) -> DocxRegression:
    """Check a generated .docx against its snapshots: ``docx_regression.check(path)``."""
    return DocxRegression(file_regression, request)
