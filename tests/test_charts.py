"""Charts of the report's data: native Word charts with the records' numbers, alt texts with the
numbers, the agencies named as in the report's year, the same chart every time, no picture
library loaded."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import attrs
import docx
import pytest
from conftest import FIXTURES, ROOT
from lxml import etree

import jhareport
from jhareport.agencies import AGENCIES, Agency
from jhareport.charts import (
    Chart,
    empact_chart,
    empact_involvement,
    scorecard_chart,
    scorecard_involvement,
)
from jhareport.records import YearRecords

C = "http://schemas.openxmlformats.org/drawingml/2006/chart"


@pytest.fixture(scope="module")
def year_2023() -> YearRecords:
    return jhareport.load_year(FIXTURES / "2023")


@pytest.fixture(scope="module")
def year_2019() -> YearRecords:
    return jhareport.load_year(FIXTURES / "2019")


@pytest.fixture(scope="module")
def empact(year_2023: YearRecords) -> Chart:
    return empact_chart(empact_involvement(year_2023.action_plans), year_2023.year.as_of)


@pytest.fixture(scope="module")
def scorecard(year_2019: YearRecords) -> Chart:
    assert year_2019.scorecard is not None
    return scorecard_chart(year_2019.scorecard, year_2019.year.as_of)


def chart_xml(data: bytes) -> etree._Element:
    """The chart part of a built document (its only chart)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = [n for n in package.namelist() if n.startswith("word/charts/")]
        assert names == ["word/charts/chart1.xml"]
        types = package.read("[Content_Types].xml").decode()
        assert 'PartName="/word/charts/chart1.xml"' in types
        assert "charts/chart1.xml" in package.read("word/_rels/document.xml.rels").decode()
        return etree.fromstring(package.read(names[0]))


def test_the_empact_chart_is_a_word_chart_of_stacked_bars(empact: Chart, tmp_path: Path) -> None:
    # the standard outline's annex shows the EMPACT plan that 2023 links (2023's own does not)
    jhareport.build(attrs.evolve(jhareport.load_year(FIXTURES / "2023"), outline=None), tmp_path)
    root = chart_xml((tmp_path / "final-report.docx").read_bytes())
    assert root.find(f".//{{{C}}}grouping").get("val") == "stacked"
    series = root.findall(f".//{{{C}}}ser")
    assert [s.findtext(f"{{{C}}}tx/{{{C}}}v") for s in series] == ["Led", "Co-led",
                                                                     "Participated in"]
    names = [p.findtext(f"{{{C}}}v") for p in series[0].iterfind(f"{{{C}}}cat//{{{C}}}pt")]
    assert names == [f"{name} ({total})" for name, total in
                     zip(empact.categories, empact.totals or (), strict=True)]
    assert "Frontex (24)" in names
    frontex = names.index("Frontex (24)")
    values = [[int(p.findtext(f"{{{C}}}v") or "") for p in s.iterfind(f"{{{C}}}val//{{{C}}}pt")]
              for s in series]
    assert [v[frontex] for v in values] == [8, 5, 11]
    # a part of no action has no number on it
    assert {f.get("formatCode") for f in root.iterfind(f".//{{{C}}}dLbls/{{{C}}}numFmt")} == {"0;;;"}
    document = docx.Document(str(tmp_path / "final-report.docx"))
    described = [d.get("descr") for d in document.element.body.iter("{*}docPr")]
    assert described == [empact.description]


def test_the_scorecard_chart_is_a_word_chart_with_its_heading(scorecard: Chart,
                                                               tmp_path: Path) -> None:
    jhareport.build(FIXTURES / "2019", tmp_path, locale="fr", allow_untranslated=True)
    root = chart_xml((tmp_path / "scorecard-annex.docx").read_bytes())
    assert root.find(f"{{{C}}}lang").get("val") == "fr-FR"
    heading = "".join(root.find(f".//{{{C}}}title").itertext())
    assert heading.startswith("Nombre d’actions conjointes, sur 189")
    assert root.find(f".//{{{C}}}legend") is None  # one series: no legend
    names = [p.findtext(f"{{{C}}}v") for p in root.iterfind(f".//{{{C}}}cat//{{{C}}}pt")]
    assert names[:3] == ["CEPOL", "EIGE", "OEDT"]  # the EMCDDA as French names it


def test_empact_alt_text_gives_each_agency_its_counts(empact: Chart, year_2023: YearRecords) -> None:
    led: Counter[Agency] = Counter()
    co_led: Counter[Agency] = Counter()
    took_part: Counter[Agency] = Counter()
    actions = 0
    for plan in year_2023.action_plans:
        for action in plan.actions:
            actions += 1
            if isinstance(action.leader, Agency):
                led[action.leader] += 1
            co_led.update(a for a in action.co_leaders if isinstance(a, Agency))
            took_part.update(a for a in action.participants if isinstance(a, Agency))
    involved = [a for a in AGENCIES if led[a] or co_led[a] or took_part[a]]
    assert involved and actions
    as_of = year_2023.year.as_of
    for agency in involved:
        assert (f"{agency.short_on(as_of)} led {led[agency]}, co-led {co_led[agency]}, "
                f"participated in {took_part[agency]}") in empact.description
    for agency in set(AGENCIES) - set(involved):
        assert agency.short_on(as_of) not in empact.description
    assert f"{actions} operational actions" in empact.description
    assert year_2023.action_plans[0].plan in empact.title
    # Named in the order of the registry.
    positions = [empact.description.index(f"{a.short_on(as_of)} led") for a in involved]
    assert positions == sorted(positions)


def test_scorecard_counts_each_agency_once_per_action(year_2019: YearRecords) -> None:
    assert year_2019.scorecard is not None
    actions = year_2019.scorecard.actions
    counts = {a: sum(1 for action in actions if a in action.agencies) for a in AGENCIES}
    involvement = scorecard_involvement(year_2019.scorecard)
    assert involvement.actions == len(actions) == 189
    assert [(row.agency, row.actions) for row in involvement.rows] == [
        (a, counts[a]) for a in AGENCIES if counts[a]]
    # "ALL JHA AGENCIES" stands for the nine: such an action counts for every agency.
    text = (FIXTURES / "2019" / "scorecard" / "actions.yaml").read_text(encoding="utf-8")
    assert "ALL JHA AGENCIES" in text
    assert any(len(action.agencies) == len(AGENCIES) for action in actions)
    assert min(row.actions for row in involvement.rows) >= sum(
        1 for action in actions if len(action.agencies) == len(AGENCIES))


def test_scorecard_chart_names_agencies_as_in_2019(scorecard: Chart, year_2019: YearRecords) -> None:
    assert year_2019.scorecard is not None
    actions = year_2019.scorecard.actions
    as_of = year_2019.year.as_of
    assert "EASO" in scorecard.description and "EUAA" not in scorecard.description
    assert "EMCDDA" in scorecard.description and "EUDA" not in scorecard.description
    euaa = next(a for a in AGENCIES if a.code == "EUAA")
    assert f"EASO {sum(1 for action in actions if euaa in action.agencies)}" in scorecard.description
    for agency in AGENCIES:
        count = sum(1 for action in actions if agency in action.agencies)
        assert f"{agency.short_on(as_of)} {count}" in scorecard.description
    assert f"{len(actions)} joint actions" in scorecard.description
    assert year_2019.scorecard.title in scorecard.title


def test_same_bytes_in_the_same_process(empact: Chart, scorecard: Chart, year_2023: YearRecords,
                                        year_2019: YearRecords) -> None:
    assert year_2019.scorecard is not None
    assert empact_chart(empact_involvement(year_2023.action_plans), year_2023.year.as_of) == empact
    assert scorecard_chart(year_2019.scorecard, year_2019.year.as_of) == scorecard


def _python(code: str) -> str:
    """Run code in a fresh interpreter at the repository's root; its standard output."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=120, check=True)
    return result.stdout.strip()


def test_same_chart_in_another_process(empact: Chart, scorecard: Chart) -> None:
    code = ("import jhareport\n"
            "from jhareport.charts import empact_chart, empact_involvement, scorecard_chart\n"
            "y = jhareport.load_year('fixtures/2023')\n"
            "s = jhareport.load_year('fixtures/2019')\n"
            "print(repr(empact_chart(empact_involvement(y.action_plans), y.year.as_of)))\n"
            "print(repr(scorecard_chart(s.scorecard, s.year.as_of)))")
    assert _python(code).splitlines() == [repr(empact), repr(scorecard)]


def test_no_picture_library_is_loaded_for_a_chart(tmp_path: Path) -> None:
    out = _python("import sys, jhareport\n"
                  f"jhareport.build('fixtures/2023', {str(tmp_path)!r})\n"
                  "print('matplotlib' in sys.modules, 'PIL' in sys.modules)")
    assert out == "False False"


def test_nothing_to_draw_is_an_error(year_2019: YearRecords) -> None:
    with pytest.raises(ValueError, match="no agency"):
        empact_chart(empact_involvement([]), year_2019.year.as_of)
    assert year_2019.scorecard is not None
    empty = jhareport.Scorecard(title="Scorecard", parts=(), areas=(), fields=())
    with pytest.raises(ValueError, match="no joint action"):
        scorecard_chart(empty, year_2019.year.as_of)
