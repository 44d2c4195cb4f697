"""Shared paths and helpers: the real fixtures, the source documents, small YAML folders."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SEEDS = ROOT.parent / "shared" / "seeds"


def source(name: str) -> str:
    """The text of a source document of /work/shared/seeds (skips when it is not there)."""
    path = SEEDS / name
    if not path.is_file():
        pytest.skip(f"source document {path} is not available")
    return path.read_text(encoding="utf-8")


def write_folder(folder: Path, files: dict[str, str]) -> Path:
    """Write YAML files (dedented) into `folder`; keys may contain sub-folders."""
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return folder


pytest_plugins = ["pytester"]


def office_available() -> bool:
    """Whether LibreOffice and a Python with uno are here (CI installs them), for PDF tests."""
    from jhareport.office.pdf import PdfError, find_office

    try:
        find_office()
    except PdfError:
        return False
    return True
