"""What an installed jhareport holds and says: every file the package reads besides its Python
(the templates in every language, the message catalogues) is declared for the wheel, and
`jhareport --version` names the installed version. (.ci/run builds the wheel, installs it in a
fresh environment and builds a year from another folder.)"""

from __future__ import annotations

import tomllib
from fnmatch import fnmatchcase
from importlib.metadata import version
from pathlib import PurePosixPath

import pytest
from conftest import ROOT

from jhareport.cli import main

PACKAGE = ROOT / "jhareport"


def declared(path: PurePosixPath, patterns: list[str]) -> bool:
    """Whether a pattern of package-data names the file (each `*` within one folder's name)."""
    return any(len(PurePosixPath(p).parts) == len(path.parts)
               and all(fnmatchcase(part, want) for part, want in zip(path.parts,
                                                                     PurePosixPath(p).parts,
                                                                     strict=True))
               for p in patterns)


def test_every_file_the_package_reads_goes_into_the_wheel() -> None:
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = settings["tool"]["setuptools"]["package-data"]["jhareport"]
    data = [PurePosixPath(p.relative_to(PACKAGE).as_posix()) for p in PACKAGE.rglob("*")
            if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts]
    assert {str(p) for p in data} >= {"templates/fr/final-report.docx",
                                      "templates/de/acronyms.docx",
                                      "locale/fr/LC_MESSAGES/jhareport.po"}
    assert [str(p) for p in data if not declared(p, patterns)] == []


def test_version_names_the_installed_release(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out == f"jhareport {version('jhareport')}\n"
