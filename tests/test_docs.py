"""Every code block of README.md and docs/*.md runs as written, in a copy of the repository: shell
blocks (`sh`) with bash, Python blocks executed, YAML blocks read as fixtures are. A block that is
output or a sample is fenced as `text`; a comment on the line before a fence says more:

    <!-- not run: why -->                  shown, not run (an install, a command not yet there)
    <!-- before: command -->               a shell command run first (what happens between steps)
    <!-- run by tests/test_x.py -->        run, and its results checked, by that test

The README stays short, links every page of docs/, and no link of the docs leads nowhere."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from attrs import frozen
from conftest import ROOT

from jhareport.yamltree import parse

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LANGUAGES = ("sh", "python", "yaml", "text", "html", "css")  # html, css: samples of templates
_FENCE = re.compile(r"^```(?P<language>[^\n`]*)\n(?P<code>.*?)^```[ \t]*$", re.S | re.M)
_INSTALLS = re.compile(r"\b(?:pip3?|apt-get|apt|npm)\b[^\n]*\b(?:install|ci)\b")
_MARK = re.compile(r"<!--\s*(?P<kind>not run|before|run by)\s*:?\s*(?P<what>.*?)\s*-->")
# What a copy of the repository leaves out: history, environments, caches, earlier outputs.
_NOT_COPIED = shutil.ignore_patterns(".git", ".venv*", "venv", "out", "build", "dist", "*.egg-info",
                                     "__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache",
                                     "node_modules")


@frozen
class Block:
    page: Path
    line: int
    language: str
    code: str
    marks: tuple[tuple[str, str], ...]

    def mark(self, kind: str) -> str | None:
        return next((what for found, what in self.marks if found == kind), None)

    def __str__(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line} ({self.language})"


def blocks(page: Path) -> list[Block]:
    text = page.read_text(encoding="utf-8")
    found = []
    for fence in _FENCE.finditer(text):
        before = text[:fence.start()].rstrip("\n").split("\n")
        marks = []
        while before and _MARK.fullmatch(before[-1].strip()):
            match = _MARK.fullmatch(before.pop().strip())
            assert match is not None
            marks.insert(0, (match.group("kind"), match.group("what")))
        line = text.count("\n", 0, fence.start()) + 1
        found.append(Block(page, line, fence.group("language").strip(), fence.group("code"),
                           tuple(marks)))
    return found


ALL = [block for page in PAGES for block in blocks(page)]


def environment() -> dict[str, str]:
    """A shell where `jhareport` and `python3` are those of the tests' environment."""
    return {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}


class Copy:
    """A copy of the repository for one page, whose blocks run in it in order: a block's test
    first runs the blocks before it that have not run."""

    def __init__(self, folder: Path) -> None:
        shutil.copytree(ROOT, folder, ignore=_NOT_COPIED, symlinks=True)
        self.folder = folder
        self.done = 0

    def run(self, block: Block) -> str:
        """What a block did, or why it failed (an empty text when it ran well)."""
        if block.mark("not run") is not None or block.mark("run by") is not None:
            return ""
        if block.language == "yaml":
            try:
                parse(block.code)
            except ValueError as error:
                return f"not valid YAML: {error}"
            return ""
        if block.language not in ("sh", "python"):
            return ""
        setup = block.mark("before")
        if setup:
            done = subprocess.run(["bash", "-euo", "pipefail", "-c", setup], cwd=self.folder,
                                  env=environment(), capture_output=True, text=True, timeout=600)
            if done.returncode:
                return f"its setup failed:\n{done.stderr}"
        command = (["bash", "-euo", "pipefail", "-c", block.code] if block.language == "sh"
                   else [sys.executable, "-c", block.code])
        done = subprocess.run(command, cwd=self.folder, env=environment(), capture_output=True,
                              text=True, timeout=600)
        return "" if done.returncode == 0 else (
            f"exit status {done.returncode}\n--- stdout\n{done.stdout[-3000:]}\n--- stderr\n"
            f"{done.stderr[-3000:]}")


@pytest.fixture(scope="module")
def copies() -> dict[Path, Copy]:
    """The copy of the repository of each page, made when its first block runs."""
    return {}


@pytest.mark.parametrize("block", ALL, ids=str)
def test_every_block_runs_as_written(block: Block, copies: dict[Path, Copy],
                                     tmp_path_factory: pytest.TempPathFactory) -> None:
    assert block.language in LANGUAGES, (
        f"{block}: fence code blocks as one of {', '.join(LANGUAGES)} (text for output or a sample)")
    if block.mark("not run") is not None:
        assert block.mark("not run"), f"{block}: say why the block is not run"
    elif block.mark("run by") is None and block.language in ("sh", "python"):
        # An install run here would change the environment the tests themselves run in.
        assert not _INSTALLS.search(block.code), (
            f"{block}: it installs packages: mark it <!-- not run: … -->")
    tested_by = block.mark("run by")
    if tested_by is not None:
        test = ROOT / tested_by
        assert test.is_file(), f"{block}: no test {tested_by}"
        assert block.page.name in test.read_text(encoding="utf-8"), (
            f"{block}: {tested_by} does not read {block.page.name}")
    if block.page not in copies:
        copies[block.page] = Copy(tmp_path_factory.mktemp(block.page.stem) / "repository")
    copy = copies[block.page]
    page_blocks = blocks(block.page)
    index = next(i for i, b in enumerate(page_blocks) if b.line == block.line)
    for earlier in page_blocks[copy.done:index]:
        failure = copy.run(earlier)
        assert not failure, f"{earlier}, run before {block}: {failure}"
    failure = copy.run(block)
    copy.done = index + 1
    assert not failure, f"{block}: {failure}"


def test_the_readme_is_short_and_links_every_page_of_the_docs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 150
    linked = set(re.findall(r"\]\((docs/[\w.-]+\.md)\)", readme))
    assert {f"docs/{p.name}" for p in (ROOT / "docs").glob("*.md")} <= linked


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_no_link_leads_nowhere(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#\s]+)(?:#[\w-]+)?\)", text):
        if re.match(r"[a-z]+:", target):
            continue  # a web address
        assert (page.parent / target).exists(), f"{page.name}: {target} does not exist"


def test_the_readme_s_two_commands_are_those_ci_runs_and_the_build_writes_what_it_says(
        tmp_path: Path) -> None:
    """The README's first command: the install .ci/run makes for every set of versions, then the
    build, run here; its second command, the tests, is the one .ci/run runs."""
    readme = ROOT / "README.md"
    first, second = blocks(readme)[0].code.strip().splitlines()
    install, build = first.split(" && ")
    assert (install, second) == ("pip install -e '.[test]'", "python3 -m pytest -q")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "-e '.[test]'" in ci and f"\n  {second}\n" in ci
    copy = Copy(tmp_path / "repository")
    done = subprocess.run(["bash", "-euo", "pipefail", "-c", build], cwd=copy.folder,
                          env=environment(), capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (copy.folder / "out" / "2023").iterdir()) == [
        "acronyms.docx", "final-report.docx"]
    said = readme.read_text(encoding="utf-8")
    assert "`out/2023` (`final-report.docx`, `acronyms.docx`)" in said
