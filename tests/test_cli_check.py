"""`jhareport check FOLDER`: a one-line summary, or every problem on stderr and exit status 2."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, write_folder

from jhareport.cli import main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "jhareport.cli", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=60)


def test_check_2023_exits_0_with_a_one_line_summary() -> None:
    result = run("check", "fixtures/2023")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    summary = lines[0]
    assert summary.startswith("ok: 2023 (chair EUAA): ")
    # counts that the report itself gives: 12 highlights, four priorities for 2024, 30 OAs
    assert "12 highlights" in summary
    assert "4 priorities" in summary
    assert "30 operational actions" in summary
    assert "7 working groups" in summary


def test_check_2019_summary_counts_the_scorecard(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(FIXTURES / "2019")]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert re.fullmatch(r"ok: 2019: 189 scorecard actions, \d+ acronyms\n", out)


def test_check_bad_folder_exits_2_with_problems_on_stderr(tmp_path: Path) -> None:
    write_folder(tmp_path, {
        "year.yaml": "year: 2023\nchair: Frontx\n",
        "highlights.yaml": "- id: a\n  title: A\n  agencies: [Eurojst]\n",
        "highlight.yaml": "- id: b\n",
    })
    result = run("check", str(tmp_path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == "error: 3 problems in the fixtures:"
    assert f"  {tmp_path / 'year.yaml'}:2: year, field 'chair': unknown agency or body 'Frontx' " \
           "(did you mean 'Frontex'?)" in lines
    assert f"  {tmp_path / 'highlights.yaml'}:3: highlight 'a', field 'agencies': unknown agency " \
           "or body 'Eurojst' (did you mean 'Eurojust'?)" in lines
    assert f"  {tmp_path / 'highlight.yaml'}: not a fixture file of a year " \
           "(did you mean 'highlights.yaml'?)" in lines
    assert len(lines) == 4


def test_check_invalid_yaml_exits_2_without_traceback(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    write_folder(tmp_path, {"year.yaml": "year: 2023\nchair: [EUAA\n"})
    assert main(["check", str(tmp_path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("error: 1 problem in the fixtures:\n")
    assert f"{tmp_path / 'year.yaml'}:" in err
    assert "not valid YAML" in err
    assert "Traceback" not in err


def test_check_missing_folder_and_missing_year(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "2031")]) == 2
    assert f"{tmp_path / '2031'}: no such folder" in capsys.readouterr().err
    assert main(["check", str(tmp_path)]) == 2
    assert f"{tmp_path / 'year.yaml'}: missing" in capsys.readouterr().err


def test_check_needs_a_folder(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["check"])
    assert info.value.code == 2
    assert "path" in capsys.readouterr().err


def test_check_summary_says_one_in_the_singular(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    write_folder(tmp_path, {
        "year.yaml": "year: 2023\n",
        "highlights.yaml": "- {id: a, title: A}\n",
        "other-activities.yaml": "- {id: b, title: B}\n",
    })
    assert main(["check", str(tmp_path), "--draft"]) == 0  # a final build lacks the rest
    out = capsys.readouterr().out.splitlines()[0]
    assert "1 highlight," in out or out.rstrip().endswith("1 highlight")
    assert "1 other activity" in out
