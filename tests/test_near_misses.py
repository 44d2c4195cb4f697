"""Near misses said in clear words, and messages of a bounded size: a template whose name is close
to a template's, a folder of years or a file given as a year, a file given as a folder; a 1 MB
word, hundreds of unlisted acronyms or a 100 KB locale make messages a person can read."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, write_folder

import jhareport
from jhareport.cli import main
from jhareport.messages import capped, shortened, shown_list

TEMPLATES = Path(jhareport.__file__).parent / "templates"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(argv)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err


# --- templates named almost right ------------------------------------------------------------------

@pytest.mark.parametrize(("name", "meant"), [
    ("Final Report.docx", "final-report.docx"),
    ("final_report.docx", "final-report.docx"),
    ("final-report.dotx", "final-report.docx"),
    ("Scorecard-Annex.docx", "scorecard-annex.docx"),
    ("acronym.docx", "acronyms.docx"),
])
def test_a_template_named_almost_right_is_named_with_the_name_meant(
        name: str, meant: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    shutil.copy(TEMPLATES / meant, templates / name)
    code, err = run(["build", str(FIXTURES / "2019"), "--out", str(tmp_path / "out"),
                     "--templates", str(templates)], capsys)
    assert code == 2
    assert err.startswith(f"error: {templates / name}: did you mean {meant}? Templates are taken "
                          "by their exact names, so the built-in ")
    assert not (tmp_path / "out").exists()


def test_a_near_name_in_the_language_subfolder_is_named_too(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    (templates / "fr").mkdir(parents=True)
    shutil.copy(TEMPLATES / "fr" / "acronyms.docx", templates / "fr" / "Acronyms.docx")
    with pytest.raises(jhareport.BuildError, match=r"fr/Acronyms\.docx: did you mean acronyms\.docx\?"):
        jhareport.build(FIXTURES / "2019", tmp_path / "out", locale="fr", templates=templates,
                        allow_untranslated=True)


def test_other_files_and_the_right_names_beside_a_near_one_are_left_alone(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    shutil.copy(TEMPLATES / "acronyms.docx", templates / "acronyms.docx")
    shutil.copy(TEMPLATES / "acronyms.docx", templates / "acronyms-old.docx")  # the right one is there
    (templates / "letter.docx").write_bytes(b"not ours")  # no template's name
    (templates / "~$nal-report.docx").write_bytes(b"Word's lock file")
    result = jhareport.build(FIXTURES / "2019", tmp_path / "out", templates=templates)
    assert sorted(p.name for p in result.outputs) == ["acronyms.docx", "scorecard-annex.docx"]


# --- folders given where they are not --------------------------------------------------------------

def test_a_folder_of_years_says_which_years_it_holds(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["check", str(FIXTURES)], ["build", str(FIXTURES), "--out", "unused"]):
        code, err = run(argv, capsys)
        assert code == 2
        assert (f"{FIXTURES}: a folder of years (2017, 2019, 2020, 2023), not a year's folder: "
                f"give one of them, e.g. {FIXTURES / '2023'}") in err


def test_a_file_given_as_the_year_is_said_to_be_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    year_file = FIXTURES / "2023" / "year.yaml"
    code, err = run(["check", str(year_file)], capsys)
    assert code == 2
    assert (f"{year_file}: a file, not a year's folder: give the folder that holds it, "
            f"{FIXTURES / '2023'}") in err
    with pytest.raises(jhareport.LoadError, match="a file, not a year's folder"):
        jhareport.load_year(FIXTURES / "glossary.yaml")


def test_a_file_given_as_a_folder_of_templates_or_forms_or_pdfs(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("notes")
    code, err = run(["build", str(FIXTURES / "2023"), "--out", str(tmp_path / "out"),
                     "--templates", str(a_file)], capsys)
    assert (code, err) == (2, f"error: {a_file}: a file, not a folder of templates\n")
    code, err = run(["preview", str(a_file)], capsys)
    assert (code, err) == (2, f"error: {a_file}: a file, not a folder of PDFs\n")
    code, err = run(["contributions", "import", str(a_file), "--into", str(FIXTURES / "2019")],
                    capsys)
    assert code == 2 and f"{a_file}: a file, not a folder of returned forms" in err


# --- messages of a bounded size --------------------------------------------------------------------

def test_a_warning_about_a_1_mb_word_in_capitals_is_short(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    year = write_folder(tmp_path / "2023", {
        "year.yaml": "year: 2023\nchair: EUAA\n",
        "highlights.yaml": "- id: one\n  title: One\n  agencies: [Europol]\n  body: "
                           + "E" * 1_000_000 + "\n"})
    code, err = run(["build", str(year), "--out", str(tmp_path / "out"), "--draft"], capsys)
    assert code == 0
    assert (f"warning: acronyms used but not in the glossary: {'E' * 60}…(1,000,000 characters)\n"
            in err)
    assert len(err) < 2000


def test_hundreds_of_unlisted_acronyms_are_counted_past_the_first_twenty(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    words = [f"Q{chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(300)]
    year = write_folder(tmp_path / "2023", {
        "year.yaml": "year: 2023\nchair: EUAA\n",
        "highlights.yaml": "- id: one\n  title: One\n  agencies: [Europol]\n  body: "
                           + " ".join(words) + "\n"})
    result = jhareport.build(year, tmp_path / "out", draft=True)
    [warning] = [w for w in result.warnings if w.startswith("acronyms used")]
    assert warning == ("acronyms used but not in the glossary: " + ", ".join(sorted(words)[:20])
                       + " … and 280 more")


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_100_kb_locale_is_not_echoed_whole(command: str, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    argv = [command, str(FIXTURES / "2023"), "--locale", "x" * 100_000]
    if command == "build":
        argv += ["--out", str(tmp_path / "out")]
    code, err = run(argv, capsys)
    assert code == 2
    assert f"unknown locale '{'x' * 60}…(100,000 characters)' (use e.g. en, fr, de)" in err
    assert len(err) < 500


def test_a_message_is_capped_in_lines_and_in_the_length_of_its_values() -> None:
    assert capped("\n".join(f"problem {n}" for n in range(250))).split("\n")[-2:] == [
        "problem 99", "… and 150 more lines"]
    assert shortened("see /a/path/of/" + "x" * 150) == "see /a/path/of/" + "x" * 150  # paths stay
    assert shown_list(["A", "B", "C"], limit=2) == "A, B … and 1 more"
    long = shortened("gap, " * 1000)  # a long line of short words ends at a word
    assert long.endswith("gap, gap, … (3,101 more characters)") and len(long) < 2000
