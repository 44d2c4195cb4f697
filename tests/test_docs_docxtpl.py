"""docs/pytest-plugin.md's test of the network's documents runs as shown, with an agency's
templates (docs/template-tools.md's commands and test for any docxtpl template run in
tests/test_docs_template_tools.py)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def blocks(page: str, language: str) -> list[str]:
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    return re.findall(rf"```{language}\n(.*?)```", text, re.DOTALL)


def test_the_network_s_tests_as_shown(pytester: pytest.Pytester,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """An agency's templates (here the built-in ones, copied) and the 2023 records."""
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    shutil.copytree(ROOT / "jhareport" / "templates", pytester.path / "our-templates")
    shutil.copytree(ROOT / "fixtures", pytester.path / "fixtures")
    pytester.makepyfile(test_ours=blocks("pytest-plugin.md", "python")[0])
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=1, failed=1)
    snapshots = pytester.path / "test_ours"
    assert sorted(p.name for p in snapshots.iterdir()) == ["final-report.outline.txt",
                                                           "final-report.xml"]
    assert "[Subtitle] Final report 2023\n" in (snapshots / "final-report.outline.txt").read_text()
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=2)
