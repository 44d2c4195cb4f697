"""The pytest plugin as an agency's test suite uses it: snapshots written, compared, regenerated."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def this_checkout(monkeypatch: pytest.MonkeyPatch) -> None:
    """Inner pytest runs use this checkout's plugin."""
    monkeypatch.setenv("PYTHONPATH", str(ROOT))


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


def test_snapshots_written_then_compared_then_regenerated(pytester: pytest.Pytester,
                                                          this_checkout: None) -> None:
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
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        this_checkout: None) -> None:
    pytester.makepyfile(test_big=BIG)
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(failed=1)  # written
    monkeypatch.setenv("WORD", "Row")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["--- long.outline.txt (snapshot)",
                                 "+++ long.outline.txt (now)", "@@ -1,400 +1,400 @@",
                                 "-[[]Normal[]] Line 0", "*… and * more lines of diff"])


NAMES = '''
import sys
import docx
import pytest

def test_the_plugin_loads_alone():
    assert [m for m in sys.modules if m.startswith("jhareport.")] == ["jhareport.testing"]

def document(text):
    made = docx.Document()
    made.add_paragraph(text)
    return made

@pytest.mark.parametrize("locale", ["fr-BE"])
def test_param(locale, docx_regression, file_regression):
    try:
        file_regression.check(locale)
    finally:
        docx_regression.check(document(locale))

class TestA:
    def test_same(self, docx_regression):
        docx_regression.check(document("A"))

class TestB:
    def test_same(self, docx_regression):
        docx_regression.check(document("B"))

def test_elsewhere(docx_regression, tmp_path):
    docx_regression.check(document("kept elsewhere"), fullpath=SNAPSHOTS / "letter",
                          obtained_filename=OBTAINED / "letter")
'''


def test_snapshot_names_are_those_of_file_regression(pytester: pytest.Pytester,
                                                      this_checkout: None) -> None:
    snapshots, obtained = pytester.path / "elsewhere", pytester.path / "obtained"
    obtained.mkdir()
    pytester.makepyfile(test_names=f"from pathlib import Path\nSNAPSHOTS = Path({str(snapshots)!r})\n"
                        f"OBTAINED = Path({str(obtained)!r})\n" + NAMES)
    first = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--with-test-class-names")
    first.assert_outcomes(failed=4, passed=1)
    assert sorted(p.name for p in (pytester.path / "test_names").iterdir()) == [
        "TestA_test_same.outline.txt", "TestA_test_same.xml",
        "TestB_test_same.outline.txt", "TestB_test_same.xml",
        "test_param_fr_BE_.outline.txt", "test_param_fr_BE_.txt", "test_param_fr_BE_.xml"]
    assert "[Normal] B" in (pytester.path / "test_names" / "TestB_test_same.outline.txt").read_text()
    assert sorted(p.name for p in snapshots.iterdir()) == ["letter.outline.txt", "letter.xml"]
    pytester.runpytest_subprocess("-p", "no:cacheprovider", "--with-test-class-names"
                                  ).assert_outcomes(passed=5)

    (snapshots / "letter.outline.txt").write_text("[Normal] changed\n")
    pytester.runpytest_subprocess("-p", "no:cacheprovider", "--with-test-class-names",
                                  "-k", "elsewhere").assert_outcomes(failed=1)
    assert "[Normal] kept elsewhere" in (obtained / "letter.outline.txt").read_text()


def test_the_package_declares_pytest_regressions() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert any(d.startswith("pytest-regressions") for d in project["dependencies"])
    assert project["entry-points"]["pytest11"] == {"jhareport": "jhareport.testing"}
