"""The pytest plugin: regression tests of template output.

Installed with the package; a test asks for the `docx_regression` fixture and calls
``docx_regression.check(path_or_document)``. The document's outline and the canonical XML of its
main parts are compared with snapshots kept beside the test by pytest-regressions' own
file_regression, under the names it gives (``--force-regen`` writes them anew,
``--with-test-class-names`` puts the test's class in the name), and a change fails with a unified
diff. Loading the plugin loads pytest alone: the snapshot code comes with the first check.
"""

from __future__ import annotations

import difflib
import io
import os
import re
from pathlib import Path
from typing import Any

import pytest

__all__ = ["DocxRegression", "docx_regression"]

_DIFF_LINES = 150
# The two snapshots of a document: its outline, and its canonical XML.
_SNAPSHOTS = ((".outline", ".txt"), ("", ".xml"))


class DocxRegression:
    """Snapshots a generated .docx through pytest-regressions' file_regression.

    Set `with_test_class_names` to put the test's class in the snapshots' names, as
    ``--with-test-class-names`` does for the whole run."""

    def __init__(self, file_regression: Any, request: pytest.FixtureRequest) -> None:
        self.file_regression = file_regression
        self.request = request
        self.with_test_class_names = False

    def default_basename(self) -> str:
        """The snapshots' name when the test gives none, made as file_regression makes it:
        `test_param[fr-BE]` gives `test_param_fr_BE_`, with `TestClass_` before it when the
        class names are asked for."""
        node = self.request.node
        prefix = ""
        with_class = (self.with_test_class_names
                      or self.request.config.getoption("with_test_class_names", False))
        if node.cls is not None and with_class:
            prefix = re.sub(r"\W", "_", node.cls.__name__) + "_"
        return prefix + re.sub(r"\W", "_", node.name)

    def check(self, document: str | Path | bytes | Any, basename: str | None = None,
              fullpath: str | os.PathLike[str] | None = None,
              obtained_filename: str | os.PathLike[str] | None = None) -> None:
        """Compare the document (a path, its bytes, or a python-docx Document) with the
        snapshots `<basename>.outline.txt` and `<basename>.xml` in the test's data folder, or
        `<fullpath>.outline.txt` and `<fullpath>.xml`. The output that differs is written to
        `<obtained_filename>.outline.txt` and `.xml` when given, else beside the snapshots."""
        if basename and fullpath:
            raise ValueError("pass either basename or fullpath, not both")
        from .word.snapshot import canonical_xml, outline

        data = _bytes(document)
        name = basename or self.default_basename()
        problems = []
        for text, (stem, extension) in zip((outline(data), canonical_xml(data)), _SNAPSHOTS,
                                           strict=True):
            suffix = stem + extension
            where: dict[str, Any] = ({"fullpath": Path(f"{os.fspath(fullpath)}{suffix}")}
                                     if fullpath else {"basename": name + stem})
            if obtained_filename:
                where["obtained_filename"] = Path(f"{os.fspath(obtained_filename)}{suffix}")
            try:
                self.file_regression.check(text, extension=extension, **where)
            except (AssertionError, pytest.fail.Exception) as failure:
                problems.append(str(failure))  # both snapshots are compared (or regenerated)
                if "\n@@ " not in str(failure):  # a diff too big for pytest-regressions to show
                    expected = where.get("fullpath") or (
                        Path(self.file_regression.original_datadir) / (name + suffix))
                    head = _head_of_diff(expected, name + suffix, text)
                    if head:
                        problems.append(head)
        if problems:
            pytest.fail("\n\n".join(problems), pytrace=False)


def _head_of_diff(expected: Path, filename: str, text: str, lines: int = _DIFF_LINES) -> str:
    """The start of the unified diff, where pytest-regressions shows none for a big one."""
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
