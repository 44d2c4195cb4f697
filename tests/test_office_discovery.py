"""Finding LibreOffice and its Python on Linux, Windows and macOS, in fake installations: the
standard places of each system, the environment variable, and what to install when nothing is
there (no LibreOffice needed, and no Windows or Mac)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import FIXTURES

from jhareport.cli import main
from jhareport.office import discovery
from jhareport.office.discovery import OfficeNotFound, OfficeTools, find_office


def program(path: Path) -> Path:
    """An executable file at `path` (a stand-in for soffice or a Python)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\nexit 0\n")
    path.chmod(0o755)
    return path


@pytest.fixture
def uno_in(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[tuple[Path, tuple[str, ...]]]:
    """Pythons are probed for `import uno` without running them: the fake installations' own
    (`python`, `python.exe` under the test's folder) can, the system's and this one cannot;
    every probe is recorded with its options."""
    probed: list[tuple[Path, tuple[str, ...]]] = []

    def imports_uno(python: Path, options: tuple[str, ...]) -> bool:
        probed.append((python, options))
        return python.is_relative_to(tmp_path) and python.name in ("python", "python.exe")

    monkeypatch.setattr(discovery, "_imports_uno", imports_uno)
    monkeypatch.setattr(discovery, "UNIX_PLACES", ())
    return probed


def test_windows_program_files(tmp_path: Path, uno_in: list[tuple[Path, tuple[str, ...]]]) -> None:
    files = tmp_path / "Program Files"
    soffice = program(files / "LibreOffice" / "program" / "soffice.exe")
    python = program(files / "LibreOffice" / "program" / "python.exe")
    environ = {"ProgramFiles": str(files), "PATH": ""}
    assert find_office("win32", environ, tmp_path) == OfficeTools(soffice, python, ())
    assert uno_in == [(python, ())]  # LibreOffice's own Python, without -I: its launcher sets its path


def test_windows_per_user_install_and_32_bit_program_files(
        tmp_path: Path, uno_in: list[tuple[Path, tuple[str, ...]]]) -> None:
    local = tmp_path / "AppData" / "Local"
    soffice = program(local / "Programs" / "LibreOffice" / "program" / "soffice.exe")
    program(soffice.with_name("python.exe"))
    environ = {"ProgramFiles": str(tmp_path / "none"), "LOCALAPPDATA": str(local), "PATH": ""}
    assert find_office("win32", environ, tmp_path).soffice == soffice

    x86 = program(tmp_path / "x86" / "LibreOffice" / "program" / "soffice.exe")
    program(x86.with_name("python.exe"))
    environ["ProgramFiles(x86)"] = str(tmp_path / "x86")
    assert find_office("win32", environ, tmp_path).soffice == x86  # before the per-user one


def test_windows_today_s_folder_before_an_older_release_s(tmp_path: Path) -> None:
    files = tmp_path / "Program Files"
    for name in ("LibreOffice 4", "LibreOffice", "LibreOffice 5"):
        program(files / name / "program" / "soffice.exe")
    found = discovery.soffice_candidates("win32", {"ProgramFiles": str(files)}, tmp_path)
    assert [p.parents[1].name for p in found] == ["LibreOffice", "LibreOffice 5", "LibreOffice 4"]


def test_macos_applications_and_the_bundled_python(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        uno_in: list[tuple[Path, tuple[str, ...]]]) -> None:
    home = tmp_path / "home"
    contents = home / "Applications" / "LibreOffice.app" / "Contents"
    soffice = program(contents / "MacOS" / "soffice")
    python = program(contents / "Resources" / "python")
    monkeypatch.setattr(discovery, "MAC_APPLICATIONS", tmp_path / "Applications")  # empty
    assert find_office("darwin", {"PATH": ""}, home) == OfficeTools(soffice, python, ())

    everyone = tmp_path / "Applications" / "LibreOffice.app" / "Contents"
    shared = program(everyone / "MacOS" / "soffice")
    program(everyone / "Resources" / "python")
    assert find_office("darwin", {"PATH": ""}, home).soffice == shared  # /Applications first


def test_linux_newest_document_foundation_build_in_opt(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        uno_in: list[tuple[Path, tuple[str, ...]]]) -> None:
    for version in ("7.6", "24.8", "24.2"):
        program(tmp_path / "opt" / f"libreoffice{version}" / "program" / "soffice")
    newest = tmp_path / "opt" / "libreoffice24.8" / "program"
    python = program(newest / "python")
    monkeypatch.setattr(discovery, "UNIX_PLACES", (f"{tmp_path}/opt/libreoffice*",))
    assert find_office("linux", {"PATH": ""}, tmp_path) == OfficeTools(newest / "soffice", python, ())


def test_a_link_on_the_path_leads_to_the_python_beside_the_real_program(
        tmp_path: Path, uno_in: list[tuple[Path, tuple[str, ...]]]) -> None:
    real = program(tmp_path / "lib" / "libreoffice" / "program" / "soffice")
    python = program(real.with_name("python"))
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "soffice").symlink_to(real)
    found = find_office("linux", {"PATH": str(tmp_path / "bin")}, tmp_path)
    assert found.soffice == tmp_path / "bin" / "soffice" and found.python == python


def test_a_system_python_with_uno_is_run_isolated(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    program(tmp_path / "bin" / "soffice")  # no Python beside it: the system's, or this one
    system = {Path("/usr/bin/python3"), Path(sys.executable)}
    monkeypatch.setattr(discovery, "_imports_uno", lambda python, options: python in system)
    found = find_office("linux", {"PATH": str(tmp_path / "bin")}, tmp_path)
    assert found.python in system
    assert found.python_options == ("-I",)  # not the user's PYTHONPATH


@pytest.mark.parametrize("given", ["folder", "program folder", "program", "app"])
def test_the_environment_variable_comes_first(
        given: str, tmp_path: Path, uno_in: list[tuple[Path, tuple[str, ...]]]) -> None:
    program(tmp_path / "bin" / "soffice")  # on the PATH, but the variable says otherwise
    if given == "app":
        folder = tmp_path / "Office" / "LibreOffice.app"
        soffice = program(folder / "Contents" / "MacOS" / "soffice")
    else:
        folder = tmp_path / "Office" / "LibreOffice"
        soffice = program(folder / "program" / "soffice")
    program(soffice.parent / "python")
    value = {"folder": folder, "app": folder, "program folder": soffice.parent,
             "program": soffice}[given]
    environ = {"PATH": str(tmp_path / "bin"), "JHAREPORT_LIBREOFFICE": str(value)}
    assert find_office("linux", environ, tmp_path).soffice == soffice


def test_an_environment_variable_that_leads_nowhere_is_said(
        tmp_path: Path, uno_in: list[tuple[Path, tuple[str, ...]]]) -> None:
    environ = {"PATH": "", "JHAREPORT_LIBREOFFICE": str(tmp_path / "nothing")}
    with pytest.raises(OfficeNotFound) as raised:
        find_office("linux", environ, tmp_path)
    assert str(raised.value) == (f"JHAREPORT_LIBREOFFICE is set to {str(tmp_path / 'nothing')!r}, "
                                 "where there is no LibreOffice: name its soffice program or the "
                                 "folder it is installed in")


@pytest.mark.parametrize(("platform", "words"), [
    ("linux", "`sudo apt-get install --no-install-recommends libreoffice-writer-nogui python3-uno`"),
    ("win32", "`winget install TheDocumentFoundation.LibreOffice`"),
    ("darwin", "`brew install --cask libreoffice`"),
])
def test_without_libreoffice_the_message_says_how_to_install_it_there(
        platform: str, words: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        uno_in: list[tuple[Path, tuple[str, ...]]]) -> None:
    monkeypatch.setattr(discovery, "MAC_APPLICATIONS", tmp_path)
    with pytest.raises(OfficeNotFound) as raised:
        find_office(platform, {"PATH": "", "ProgramFiles": str(tmp_path)}, tmp_path)
    message = str(raised.value)
    assert message.startswith("LibreOffice is needed for --pdf but `soffice` was not found: ")
    assert words in message and message.endswith("or set JHAREPORT_LIBREOFFICE to where "
                                                  "LibreOffice is installed")


def test_without_a_python_that_imports_uno_every_one_tried_is_named(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(discovery, "_imports_uno", lambda python, options: False)
    soffice = program(tmp_path / "program" / "soffice")
    own = program(soffice.with_name("python"))
    with pytest.raises(OfficeNotFound, match=r"no Python can `import uno` \(tried "
                       + str(own).replace(".", r"\.") + r", .*python3-uno"):
        find_office("linux", {"PATH": str(soffice.parent)}, tmp_path)


def test_the_command_says_what_to_install_and_writes_the_docx(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        uno_in: list[tuple[Path, tuple[str, ...]]]) -> None:
    monkeypatch.setenv("PATH", "")
    monkeypatch.setenv("JHAREPORT_LIBREOFFICE", str(tmp_path / "nothing"))
    assert main(["build", str(FIXTURES / "2023"), "--out", str(tmp_path / "out"), "--pdf"]) == 2
    err = capsys.readouterr().err
    assert "JHAREPORT_LIBREOFFICE is set to" in err and "without PDF" in err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["acronyms.docx",
                                                                   "final-report.docx"]
