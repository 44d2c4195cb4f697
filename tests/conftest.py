"""Shared paths and helpers: the real fixtures, small YAML folders."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"


def write_folder(folder: Path, files: dict[str, str]) -> Path:
    """Write YAML files (dedented) into `folder`; keys may contain sub-folders."""
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return folder


@pytest.fixture
def years(tmp_path: Path) -> Path:
    """fixtures/2019 and 2023 (with the files they link to) in a folder of their own."""
    for name in ("2019", "2023", "empact"):
        shutil.copytree(FIXTURES / name, tmp_path / name)
    shutil.copy(FIXTURES / "glossary.yaml", tmp_path / "glossary.yaml")
    return tmp_path


pytest_plugins = ["pytester"]


def office_available() -> bool:
    """Whether LibreOffice and a Python with uno are here (CI installs them), for PDF tests."""
    from jhareport.office.pdf import PdfError, find_office

    try:
        find_office()
    except PdfError:
        return False
    return True
