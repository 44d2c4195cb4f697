"""The scripts of examples/ run as an agency would run them, and say what they wrote."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import office_available

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.mark.parametrize(("script", "said"), [
    ("build_2023.py", "final-report.docx"),
    ("add_highlight.py", "final-report.docx"),
    ("scorecard_2019.py", "scorecard-annex.docx"),
    pytest.param("check_templates.py", "look at", marks=pytest.mark.skipif(
        not office_available(), reason="LibreOffice is not installed (.ci/run installs it)")),
])
def test_example_runs(script: str, said: str, tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(EXAMPLES / script)], capture_output=True,
                            text=True, cwd=tmp_path, timeout=300)
    assert result.returncode == 0, result.stderr
    assert said in result.stdout
