"""The pytest plugin as an agency's test suite uses it: snapshots written, compared, regenerated."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# The inner test sessions run in processes of their own, as an agency's suite would: in this
# process, pytester would forget the modules each one loads, and numpy (under matplotlib, which
# draws the charts) cannot be loaded twice in one process.

TEST = f'''
from pathlib import Path
import docx
import jhareport

def test_acronyms(tmp_path, docx_regression):
    jhareport.build({str(ROOT / "fixtures" / "2023")!r}, tmp_path, templates=Path(__file__).parent / "t")
    docx_regression.check(tmp_path / "acronyms.docx", basename="acronyms")

def test_unnamed(docx_regression):
    document = docx.Document()
    document.add_heading("A heading", 1)
    document.add_paragraph("A paragraph.")
    docx_regression.check(document)
'''


def retitle(folder: Path, title: str) -> None:
    import docx

    document = docx.Document(str(ROOT / "jhareport" / "templates" / "acronyms.docx"))
    document.paragraphs[0].runs[0].text = title
    for run in document.paragraphs[0].runs[1:]:
        run.text = ""
    folder.mkdir(exist_ok=True)
    document.save(str(folder / "acronyms.docx"))


def test_snapshots_written_then_compared_then_regenerated(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_ours=TEST)
    retitle(pytester.path / "t", "List of acronyms")

    first = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    first.assert_outcomes(failed=2)
    snapshots = pytester.path / "test_ours"
    assert sorted(p.name for p in snapshots.iterdir()) == [
        "acronyms.outline.txt", "acronyms.xml", "test_unnamed.outline.txt", "test_unnamed.xml"]
    outline = (snapshots / "acronyms.outline.txt").read_text()
    assert "[Title] List of acronyms" in outline
    assert "  | DG HOME | Directorate-General for Migration and Home Affairs |" in outline
    assert "[Heading 1] A heading" in (snapshots / "test_unnamed.outline.txt").read_text()

    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=2)

    retitle(pytester.path / "t", "Acronyms and abbreviations")
    changed = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    changed.assert_outcomes(passed=1, failed=1)
    changed.stdout.fnmatch_lines(["*-[[]Title[]] List of acronyms*",
                                  "*+[[]Title[]] Acronyms and abbreviations*"])
    assert "Acronyms and abbreviations</w:t>" in changed.stdout.str()  # the XML diff too

    pytester.runpytest_subprocess("-p", "no:cacheprovider", "--force-regen").assert_outcomes(
        passed=1, failed=1)
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=2)
    assert "[Title] Acronyms and abbreviations" in (snapshots / "acronyms.outline.txt").read_text()


BIG = '''
import docx, os

def test_long(docx_regression):
    document = docx.Document()
    for n in range(400):
        document.add_paragraph(f"{os.environ.get('WORD', 'Line')} {n}")
    docx_regression.check(document, basename="long")
'''


def test_a_big_change_still_shows_the_start_of_its_diff(pytester: pytest.Pytester,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    pytester.makepyfile(test_big=BIG)
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(failed=1)  # written
    monkeypatch.setenv("WORD", "Row")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*diff is too big*", "--- long.outline.txt (snapshot)",
                                 "+++ long.outline.txt (now)", "@@ -1,400 +1,400 @@",
                                 "-[[]Normal[]] Line 0", "*… and * more lines of diff"])
