"""Charts of the report's data: PNG bytes of the expected size, alt texts with the numbers, the
agencies named as in the report's year, the same bytes every time, matplotlib imported lazily."""

from __future__ import annotations

import hashlib
import io
import os
import struct
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

import jhareport
from jhareport.agencies import AGENCIES, Agency
from jhareport.charts import DPI, Chart, empact_chart, scorecard_chart, scorecard_involvement
from jhareport.records import YearRecords
from jhareport.views import empact_involvement


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


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the PNG's IHDR chunk."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    length, kind = struct.unpack(">I4s", data[8:16])
    assert (length, kind) == (13, b"IHDR")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("name", ["empact", "scorecard"])
def test_png_has_the_size_for_the_print_resolution(name: str, request: pytest.FixtureRequest) -> None:
    chart: Chart = request.getfixturevalue(name)
    width, height = png_size(chart.png)
    assert (width, height) == (round(chart.width_cm / 2.54 * DPI), round(chart.height_cm / 2.54 * DPI))
    assert 15.0 <= chart.width_cm <= 16.5
    assert 200 <= DPI <= 300
    from PIL import Image

    with Image.open(io.BytesIO(chart.png)) as image:
        image.load()
        assert image.size == (width, height)
        assert image.format == "PNG"
        assert round(image.info["dpi"][0]) == DPI
        assert "Software" not in image.info


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
                f"participated in {took_part[agency]}") in empact.alt
    for agency in set(AGENCIES) - set(involved):
        assert agency.short_on(as_of) not in empact.alt
    assert f"{actions} operational actions" in empact.alt
    assert year_2023.action_plans[0].plan in empact.title
    # Named in the order of the registry.
    positions = [empact.alt.index(f"{a.short_on(as_of)} led") for a in involved]
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
    assert "EASO" in scorecard.alt and "EUAA" not in scorecard.alt
    assert "EMCDDA" in scorecard.alt and "EUDA" not in scorecard.alt
    euaa = next(a for a in AGENCIES if a.code == "EUAA")
    assert f"EASO {sum(1 for action in actions if euaa in action.agencies)}" in scorecard.alt
    for agency in AGENCIES:
        count = sum(1 for action in actions if agency in action.agencies)
        assert f"{agency.short_on(as_of)} {count}" in scorecard.alt
    assert f"{len(actions)} joint actions" in scorecard.alt
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


_DIGESTS = """
import hashlib, jhareport
from jhareport.charts import empact_chart, scorecard_chart
from jhareport.views import empact_involvement
y = jhareport.load_year("fixtures/2023")
s = jhareport.load_year("fixtures/2019")
print(hashlib.sha256(empact_chart(empact_involvement(y.action_plans), y.year.as_of).png).hexdigest())
print(hashlib.sha256(scorecard_chart(s.scorecard, s.year.as_of).png).hexdigest())
"""


def test_same_bytes_in_another_process(empact: Chart, scorecard: Chart) -> None:
    expected = [hashlib.sha256(empact.png).hexdigest(), hashlib.sha256(scorecard.png).hexdigest()]
    assert _python(_DIGESTS).splitlines() == expected


def test_importing_the_package_does_not_import_matplotlib() -> None:
    out = _python("import sys, jhareport, jhareport.charts, jhareport.views\n"
                  "print('matplotlib' in sys.modules, 'matplotlib.pyplot' in sys.modules)")
    assert out == "False False"


def test_drawing_does_not_use_pyplot(empact: Chart) -> None:
    out = _python("import sys, jhareport\n"
                  "from jhareport.charts import empact_chart\n"
                  "from jhareport.views import empact_involvement\n"
                  "y = jhareport.load_year('fixtures/2023')\n"
                  "empact_chart(empact_involvement(y.action_plans), y.year.as_of)\n"
                  "print('matplotlib' in sys.modules, 'matplotlib.pyplot' in sys.modules)")
    assert out == "True False"


def test_nothing_to_draw_is_an_error(year_2019: YearRecords) -> None:
    with pytest.raises(ValueError, match="no agency"):
        empact_chart(empact_involvement([]), year_2019.year.as_of)
    assert year_2019.scorecard is not None
    empty = jhareport.Scorecard(title="Scorecard", parts=(), areas=(), fields=())
    with pytest.raises(ValueError, match="no joint action"):
        scorecard_chart(empty, year_2019.year.as_of)


def test_save_charts_for_a_look(empact: Chart, scorecard: Chart) -> None:
    folder = Path("/tmp/charts")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "empact-2023.png").write_bytes(empact.png)
    (folder / "scorecard-2019.png").write_bytes(scorecard.png)
