"""`preview` refusals a person meets before any picture is made."""

from __future__ import annotations

from pathlib import Path

import pytest

from jhareport.cli import main
from jhareport.office import preview as module


def test_without_poppler_the_error_names_the_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "final-report.pdf").write_bytes(b"%PDF-1.4")
    monkeypatch.setattr(module.shutil, "which", lambda name: None)
    assert main(["preview", str(tmp_path)]) == 2
    assert ("pdftoppm is needed to preview pages: install poppler: `sudo apt-get install "
            "poppler-utils` (Debian, Ubuntu), `brew install poppler` (macOS), `conda install -c "
            "conda-forge poppler` (Windows)") in capsys.readouterr().err


def test_a_missing_folder_and_a_bad_page_range(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["preview", str(tmp_path / "nowhere")]) == 2
    assert "nowhere: no such folder" in capsys.readouterr().err
    (tmp_path / "final-report.pdf").write_bytes(b"%PDF-1.4")
    assert main(["preview", str(tmp_path), "--first", "3", "--last", "2"]) == 2
    assert "pages 3 to 2 are no range of pages" in capsys.readouterr().err
