"""The docs' commands and tests for templates run as shown: docs/templates-guide.md's commands on
a letter template and git's textconv, and docs/pytest-plugin.md's two tests with the plugin (on
the network's documents with an agency's templates, and on any docxtpl template)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

ROOT = Path(__file__).resolve().parents[1]


def blocks(page: str, language: str) -> list[str]:
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    return re.findall(rf"```{language}\n(.*?)```", text, re.DOTALL)


def letter(folder: Path, greeting: str = "Dear {{ name }},") -> Path:
    document = docx.Document()
    document.add_paragraph(greeting)
    document.add_paragraph("You owe {{ total|money }}.")
    path = folder / "letter.docx"
    document.save(str(path))
    return path


def environment() -> dict[str, str]:
    """The environment of a shell where `jhareport` runs this checkout's code."""
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def shell(lines: str, folder: Path) -> list[subprocess.CompletedProcess[str]]:
    if shutil.which("jhareport") is None:
        pytest.skip("the jhareport command is not installed")
    return [subprocess.run(line, shell=True, cwd=folder, env=environment(), capture_output=True,
                           text=True) for line in lines.strip().splitlines()]


def test_lint_and_show_as_shown(tmp_path: Path) -> None:
    letter(tmp_path)
    linted, shown = shell(blocks("templates-guide.md", "sh")[-2], tmp_path)
    assert (linted.returncode, linted.stdout) == (0, "ok: letter.docx\n")
    assert shown.stdout.splitlines()[:2] == ["paragraph 1 [Normal]: Dear {{ name }},",
                                             "paragraph 2 [Normal]: You owe {{ total|money }}."]


def test_show_as_a_git_textconv_as_shown(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    letter(tmp_path)
    for command in ("git init -q", "git config user.email t@example.eu", "git config user.name T"):
        subprocess.run(command.split(), cwd=tmp_path, check=True)
    assert all(done.returncode == 0 for done in shell(blocks("templates-guide.md", "sh")[-1], tmp_path))
    subprocess.run(["git", "add", "."], cwd=tmp_path, check=True)
    subprocess.run(["git", "commit", "-qm", "letter"], cwd=tmp_path, check=True)
    letter(tmp_path, "Dear {{ name }}, hello")
    diff = subprocess.run(["git", "diff"], cwd=tmp_path, env=environment(), capture_output=True,
                          text=True, check=True).stdout
    assert "-paragraph 1 [Normal]: Dear {{ name }},\n" in diff
    assert "+paragraph 1 [Normal]: Dear {{ name }}, hello\n" in diff


def test_the_plugin_as_shown(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    pytester.makepyfile(test_letters=blocks("pytest-plugin.md", "python")[1])
    letter(pytester.path)
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(failed=1)
    outline = (pytester.path / "test_letters" / "test_letter.outline.txt").read_text()
    assert outline.startswith("[Normal] Dear Ada Lovelace,\n[Normal] You owe 1,200.00 EUR.\n")
    assert (pytester.path / "test_letters" / "test_letter.xml").is_file()
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=1)


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
