"""Record files are read line by line when they have the usual shape (a list of flat mappings);
whatever they hold, they must read exactly as libyaml's events read them: the same values, the
same lines for every key and item, and the same refusals."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jhareport.yamltree import _PARSER, LineList, LineMap, YamlProblem, _read, _records, parse

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def assert_same(read: Any, expected: Any, path: str = "") -> None:
    assert type(read) is type(expected), path
    if isinstance(expected, LineMap):
        assert (read.line, read.key_lines, list(read)) == (
            expected.line, expected.key_lines, list(expected)), path
        for key in expected:
            assert_same(read[key], expected[key], f"{path}.{key}")
    elif isinstance(expected, LineList):
        assert (read.line, read.item_lines, len(read)) == (
            expected.line, expected.item_lines, len(expected)), path
        for index, (item, wanted) in enumerate(zip(read, expected, strict=True)):
            assert_same(item, wanted, f"{path}[{index}]")
    else:
        assert read == expected, path


def assert_reads_as_libyaml(text: str) -> None:
    """What the line reader makes of `text`, if it reads it, is what libyaml's events make."""
    read = _records(text)
    if read is None:  # not of the usual shape: parse() reads it with libyaml alone
        return
    try:
        expected = _read(text, _PARSER)
    except YamlProblem as problem:
        raise AssertionError(f"read what libyaml refuses ({problem})") from None
    assert_same(read, expected)
    assert_same(parse(text), expected)


ACTION = """\
# the actions of 2019
- field: "1.1"
  detail: |
    Participation in the Common Visa policy (including VIS) evaluations:

    - FRA's and eu-LISA's experts: 'hotspot' areas # not a comment
        kept indented
  state: ONGOING
  agencies: [EU-LISA, EUROPOL]

# a comment between actions
- field: '2.1'
  detail: |
    EASO Network of Courts and Tribunals
  state: 22.01.2019
  agencies: []
"""


def test_an_action_file_reads_with_its_lines() -> None:
    actions = parse(ACTION)
    assert actions.item_lines == [2, 12]
    first = actions[0]
    assert first.key_lines == {"field": 2, "detail": 3, "state": 8, "agencies": 9}
    assert first["detail"] == (
        "Participation in the Common Visa policy (including VIS) evaluations:\n\n"
        "- FRA's and eu-LISA's experts: 'hotspot' areas # not a comment\n    kept indented\n")
    assert first["agencies"] == ["EU-LISA", "EUROPOL"] and first["agencies"].item_lines == [9, 9]
    assert actions[1]["field"] == "2.1" and actions[1]["state"] == "22.01.2019"
    assert actions[1]["agencies"] == []
    assert _records(ACTION) is not None  # the line reader read it, not the parser
    assert_reads_as_libyaml(ACTION)


def test_the_bundled_record_files_read_as_libyaml_reads_them() -> None:
    quick = 0
    for file in sorted(FIXTURES.rglob("*.yaml")):
        text = file.read_text(encoding="utf-8-sig")
        assert_reads_as_libyaml(text)
        quick += _records(text) is not None
    assert quick >= 5  # the scorecard's actions among them


@pytest.mark.parametrize("text", [
    "- a: yes\n",  # true, not a text
    "- a: null\n", "- a: ~\n", "- a: 12\n", "- a: 1.5e3\n", "- a: 0x1F\n", "- a: .inf\n",
    "- a: 2019-01-22\n",  # a date stays the text it was written as
    "- on: x\n",  # a key that YAML reads as true
    "- a: x\n  a: y\n",  # a key twice
    "- a: x: y\n", "- a: x #y\n", "- a: x \n", "- a: 'it''s'\n", '- a: "tab\\t"\n',
    "- a: [x, yes]\n", "- a: [x,]\n", "- a: [x y, z]\n", "- a: [x: y]\n",
    "- a: |\n  x\n", "- a: |\n      x\n    y\n", "- a: |\n\n    x\n", "- a: |\n    x \n",
    "- a: |\n    x\n   y\n", "- a: |\n    x\n\n\n# end\n", "- a: |-\n    x\n", "- a: |\n",
    "- a: x\n   b: y\n", "- a: x\n  - b\n", "- a:\n    b: c\n", "  a: x\n", "---\n- a: x\n",
    "- a: x\n...\n", "- a: x", "- a: x\r\n", "- a: \x07\n", "- a: x\u2028y\n", "- a: &x y\n",
    "- a: *x\n", "- a: !!str 1\n", "- a: >\n    x\n", "- a: x\n\t\n", "# only a comment\n", "",
])
def test_every_edge_reads_as_libyaml(text: str) -> None:
    assert_reads_as_libyaml(text)


# Mostly what record files hold, so that the line reader reads many of the files made; the rest
# what it must leave to libyaml (or read as libyaml does).
def _mostly(usual: list[str], rare: list[str]) -> st.SearchStrategy[str]:
    """One of `usual` nine times in ten, else one of `rare`."""
    return st.integers(0, 9).flatmap(
        lambda draw: st.sampled_from(rare) if draw == 0 else st.sampled_from(usual))


_KEYS = _mostly(["field", "detail", "state", "agencies"], ["a", "x1", "_y", "on", "No"])
_PLAINS = _mostly(
    ["ONGOING", "Frontex’s plan", "21.02.2019", "http://x.eu/a-b", "a#b", "a:b", "x (y) z", "é",
     "EU-LISA"],
    ["yes", "Off", "~", "null", "NULL", "1.1", "0x1F", "1e3", "-1", "+1", ".nan", "2019-01-22",
     "a: b", "a #b", "-x", "x:", "?x", "[x]", "x, y", "{x}", "*a", "&a", "!x", "%x", "@x", "`x",
     "|x", ">x", "'x'", '"x"', "x  y", "1_000", "0o7", "0b1", "=", "<<", "12:30", "190:20:30"])
_LINES = st.lists(_mostly(["", "text", "- item", "  deeper", "# hash", "key: value", "'quoted'",
                           "[x, y]", "|", "end"], ["x ", " ", "tab\tx"]), max_size=4)


@st.composite
def _value(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["plain", "double", "single", "flow", "block", "block"]))
    if kind == "plain":
        return " " + draw(_PLAINS)
    if kind == "double":
        return ' "' + draw(_mostly(["1.1", "x: y", "ü"], ["a\\nb", 'a"', ""])) + '"'
    if kind == "single":
        return " '" + draw(_mostly(["1.1", "it''s", "# x"], ["'", ""])) + "'"
    if kind == "flow":
        names = draw(st.lists(_PLAINS, max_size=3))
        return " [" + draw(_mostly([", "], [",", " , "])).join(names) + "]"
    indent = draw(st.sampled_from([4] * 9 + [2, 3, 6]))
    lines = draw(_LINES)
    return " |\n" + "\n".join(" " * indent + line if line else "" for line in lines)


@st.composite
def _document(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 3))):
        keys = draw(st.lists(_KEYS, min_size=1, max_size=4, unique=True))
        for index, key in enumerate(keys):
            parts.append(("- " if index == 0 else draw(_mostly(["  "], ["   "])))
                         + key + ":" + draw(_value()))
            if draw(st.integers(0, 3)) == 0:
                parts.append(draw(_mostly(["", "# a comment"], ["  # indented"])))
    return "\n".join(parts) + draw(_mostly(["\n"], ["", "\n\n"]))


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_document())
def test_any_record_file_reads_as_libyaml(text: str) -> None:
    assert_reads_as_libyaml(text)


def test_a_long_file_out_of_shape_is_refused_without_hanging() -> None:
    """Each character is read once: 100,000 empty lines before a line out of shape would take
    hours if every one of them started a new search."""
    script = ("from jhareport.yamltree import YamlProblem, parse\n"
              "text = '# a comment\\n' * 100_000 + '- a: x\\n' + '\\n' * 100_000 + 'b: [\\n'\n"
              "try:\n    parse(text)\nexcept YamlProblem as problem:\n"
              "    print(problem.line, problem)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, check=True)
    assert done.stdout.startswith("200002 ")
