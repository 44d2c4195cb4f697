"""Every document the build writes is valid Office Open XML: what Word opens without repairing.

Checked with openxml-audit (the Open XML SDK's schema and semantic rules, in Python), on the
built-in templates and on the outputs of the 2023 and 2019 fixtures, a draft included.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from conftest import FIXTURES
from openxml_audit import OpenXmlValidator, ValidationSeverity

import jhareport

TEMPLATES = Path(jhareport.__file__).parent / "templates"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("valid")
    jhareport.build(FIXTURES / "2023", out / "2023")
    jhareport.build(FIXTURES / "2019", out / "2019")
    records = jhareport.load_year(FIXTURES / "2023")
    jhareport.build(attrs.evolve(records, highlights=()), out / "2023-draft", draft=True)
    return out


def schema_errors(path: Path) -> list[str]:
    result = OpenXmlValidator(max_errors=0).validate(path)
    return [f"{e.part_uri} {e.path}: {e.description}" for e in result.errors
            if e.severity is ValidationSeverity.ERROR]


@pytest.mark.parametrize("name", ["2023/final-report.docx", "2023/acronyms.docx",
                                  "2019/scorecard-annex.docx", "2019/acronyms.docx",
                                  "2023-draft/final-report.docx", "2023-draft/acronyms.docx"])
def test_every_output_is_valid(built: Path, name: str) -> None:
    assert schema_errors(built / name) == []


@pytest.mark.parametrize("name", ["final-report.docx", "scorecard-annex.docx", "acronyms.docx"])
def test_every_built_in_template_is_valid(name: str) -> None:
    assert schema_errors(TEMPLATES / name) == []
