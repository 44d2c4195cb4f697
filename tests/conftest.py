"""Shared paths and helpers: the real fixtures, small YAML folders."""

from __future__ import annotations

import shutil
import subprocess
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


def give_figure_picture(folder: Path, caption: str, file: str, alt: str, data: bytes) -> None:
    """Give the figure captioned `caption` of the year in `folder` a picture: `data` written to
    `file` in the folder, with its alternative text."""
    (folder / file).write_bytes(data)
    figures = folder / "figures.yaml"
    line = f"  caption: {caption}\n"
    text = figures.read_text(encoding="utf-8")
    assert line in text, caption
    figures.write_text(text.replace(line, f"{line}  picture: {{file: {file}, alt: {alt}}}\n"),
                       encoding="utf-8")


def office_available() -> bool:
    """Whether LibreOffice and a Python with uno are here (CI installs them), for PDF tests."""
    from jhareport.office.pdf import PdfError, find_office

    try:
        find_office()
    except PdfError:
        return False
    return True


def font_file(family: str, style: str = "") -> Path | None:
    """The file of a font family as fontconfig finds it (LibreOffice asks fontconfig on Linux),
    or None where it is not installed or fontconfig cannot tell."""
    if shutil.which("fc-match") is None:
        return None
    pattern = f"{family}:{style}" if style else family
    found = subprocess.run(["fc-match", "-f", "%{family}\n%{file}", pattern], capture_output=True,
                           text=True, check=False).stdout.split("\n")
    if len(found) < 2 or family.casefold() not in found[0].casefold().split(","):
        return None
    return Path(found[1])


# Pages break as in Word only with Calibri or its metric twin Carlito: elsewhere LibreOffice sets
# the PDFs in another font (DejaVu Sans: 34 pages for 29), so tests of where things fall skip.
needs_carlito = pytest.mark.skipif(
    font_file("Carlito") is None and font_file("Calibri") is None,
    reason="needs the font Carlito (or Calibri), which the templates' pages are laid out in: "
    "install fonts-crosextra-carlito (.ci/run does)")
