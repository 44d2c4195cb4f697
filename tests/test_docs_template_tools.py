"""docs/template-tools.md runs as written: each command on its invoice template prints what the
page shows after it, git's textconv works as shown, and so does the pytest plugin's test with the
outline the page shows."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.shared import Cm
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "template-tools.md"


def blocks() -> list[tuple[str, str]]:
    """The page's code blocks in order, with their language."""
    return re.findall(r"```(\w+)\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.DOTALL)


def templates(folder: Path) -> Path:
    """The page's templates/invoice.docx, as made in Word, and a letter beside it."""
    (folder / "templates").mkdir()
    document = docx.Document()
    document.core_properties.author = "Accounts"
    document.core_properties.comments = ""
    document.add_paragraph("Invoice {{ invoice.number }}", style="Title")
    address = document.add_paragraph("To: {{ customer.name }}")
    address.add_run().add_break()
    address.add_run("{{ customer.address }}")
    table = document.add_table(rows=4, cols=2)
    for row, texts in zip(table.rows, (("Item", "Price"), ("{%tr for line in invoice.lines %}", ""),
                                      ("{{ line.description }}", "{{ line.price|money }}"),
                                      ("{%tr endfor %}", "")), strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    total = document.add_paragraph("Total: {{ invoice.to")
    total.add_run("tal|money }}").bold = True  # made bold halfway, as happens in Word
    signature = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(signature, "PNG")
    signature.seek(0)
    document.add_paragraph("Signed: ").add_run().add_picture(signature, width=Cm(3))
    document.save(str(folder / "templates" / "invoice.docx"))
    letter = docx.Document()
    letter.add_paragraph("Dear {{ name }},")
    letter.save(str(folder / "templates" / "letter.docx"))
    return folder


def environment() -> dict[str, str]:
    """A shell where `jhareport` runs this checkout's code and prints as it goes."""
    return {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}


def test_each_command_prints_what_the_page_shows(tmp_path: Path) -> None:
    if shutil.which("jhareport") is None:
        pytest.skip("the jhareport command is not installed")
    templates(tmp_path)
    found = blocks()
    pairs = [(command.strip(), found[i + 1][1]) for i, (language, command) in enumerate(found)
             if language == "sh" and i + 1 < len(found) and found[i + 1][0] == "text"]
    assert len(pairs) == 5
    for command, shown in pairs:
        done = subprocess.run(f"{command} 2>&1", shell=True, cwd=tmp_path, env=environment(),
                              capture_output=True, text=True)
        assert done.stdout == shown, command
        assert done.returncode == (2 if "error:" in shown else 0), command


def test_show_as_a_git_textconv_as_shown(tmp_path: Path) -> None:
    if shutil.which("git") is None or shutil.which("jhareport") is None:
        pytest.skip("git or the jhareport command is not installed")
    templates(tmp_path)
    [setup] = [code for language, code in blocks() if language == "sh" and "textconv" in code]
    for command in ("git init -q", "git config user.email t@example.eu", "git config user.name T",
                    *setup.strip().splitlines(), "git add .", "git commit -qm templates"):
        subprocess.run(command, shell=True, cwd=tmp_path, env=environment(), check=True)
    letter = docx.Document()
    letter.add_paragraph("Dear {{ name }}, hello")
    letter.save(str(tmp_path / "templates" / "letter.docx"))
    diff = subprocess.run(["git", "diff"], cwd=tmp_path, env=environment(), capture_output=True,
                          text=True, check=True).stdout
    assert "-paragraph 1 [Normal]: Dear {{ name }},\n" in diff
    assert "+paragraph 1 [Normal]: Dear {{ name }}, hello\n" in diff


def test_the_plugin_as_shown(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    found = blocks()
    [(index, test)] = [(i, code) for i, (language, code) in enumerate(found) if language == "python"]
    pytester.makepyfile(test_invoices=test)
    templates(pytester.path)
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(failed=1)
    outline = (pytester.path / "test_invoices" / "test_invoice.outline.txt").read_text()
    assert outline.startswith(found[index + 1][1])
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=1)
