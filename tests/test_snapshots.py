"""The three documents of the real fixtures, compared with their snapshots (docx_regression).

A change to a template, a view or the Word layer that alters an output fails here with a diff of
the outline and of the canonical XML; `pytest --force-regen` accepts it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import jhareport
from jhareport.testing import DocxRegression

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("snapshots")
    jhareport.build(FIXTURES / "2023", out / "2023")
    jhareport.build(FIXTURES / "2019", out / "2019")
    return out


@pytest.mark.parametrize(("year", "name"), [("2023", "final-report"), ("2023", "acronyms"),
                                            ("2019", "scorecard-annex")])
def test_output_matches_its_snapshot(outputs: Path, docx_regression: DocxRegression, year: str,
                                     name: str) -> None:
    docx_regression.check(outputs / year / f"{name}.docx", basename=f"{name}-{year}")
