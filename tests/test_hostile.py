"""Bad and hostile input: a clear error every time, nothing lost, nothing read from outside.

Each case of the corpus goes through the command (exit 2, one message naming the file and the
place, no traceback) and the API (each function raises its documented exception: LoadError
from `load_year`, LoadError or BuildError from `build`, TemplateReadError from `lint_template`
and `show_template`, never another), with
earlier outputs left byte-identical and no file of its own left behind. Large cases are made
when the test runs. A marker written outside the fixtures must never show up in an output or a
message.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import os
import re
import resource
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import docx
import pytest
from conftest import ROOT, write_folder

import jhareport
from jhareport.cli import main
from jhareport.files import OutputError, write_atomically

MARKER = "OUTSIDE-MARKER-5e1f"
YEAR = """
    year: 2023
    chair: EUAA
    """
HIGHLIGHT = """
    - id: one
      title: A first highlight
      agencies: [Europol]
      body: Some text.
    """


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the fixtures, with files holding the marker."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "secret.yaml").write_text(f"- short: {MARKER}\n  long: {MARKER}\n")
    (folder / "secret.txt").write_text(MARKER)
    return folder


def _touched(path: Path) -> Path:
    path.touch()
    return path


def year_folder(tmp_path: Path, files: dict[str, str | bytes] | None = None,
                setup: Callable[[Path], object] | None = None) -> Path:
    folder = tmp_path / "fixtures" / "2023"
    write_folder(folder, {"year.yaml": YEAR, "highlights.yaml": HIGHLIGHT})
    for name, content in (files or {}).items():
        path = folder / name
        path.unlink(missing_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            write_folder(folder, {name: content})
    if setup is not None:
        setup(folder)
    return folder


def earlier_outputs(out: Path) -> dict[str, bytes]:
    out.mkdir(parents=True, exist_ok=True)
    for name in ("final-report.docx", "acronyms.docx"):
        (out / name).write_bytes(f"earlier {name}".encode())
    return snapshot(out)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def refused(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """The command's message for input it must refuse: exit 2, no traceback, one error."""
    code = main(argv)
    captured = capsys.readouterr()
    assert code == 2, captured
    assert "Traceback" not in captured.err
    assert captured.err.count("error: ") == 1
    assert MARKER not in captured.err + captured.out
    return captured.err


def assert_build_refused(folder: Path, out: Path, capsys: pytest.CaptureFixture[str],
                         error: type[Exception], expected: str, *extra: str) -> str:
    """Build through the command and the API: refused with `expected`, the API raising the
    documented `error`, outputs untouched."""
    before = earlier_outputs(out)
    message = refused(["build", str(folder), "--out", str(out), "--draft", *extra], capsys)
    assert re.search(expected, message), message
    templates = extra[extra.index("--templates") + 1] if "--templates" in extra else None
    with pytest.raises(error) as info:
        jhareport.build(folder, out, draft=True, templates=templates)
    assert re.search(expected, str(info.value)), str(info.value)
    assert MARKER not in str(info.value)
    assert snapshot(out) == before  # byte-identical, and no temporary file left
    return message


# ---- fixtures ----------------------------------------------------------------------------------

def _link(name: str, target: str) -> Callable[[Path], object]:
    return lambda folder: os.symlink(target, folder / name)


FIXTURE_CASES: dict[str, tuple[dict[str, str | bytes], Callable[[Path], object] | None, str]] = {
    # outside content
    "glossary leaving the fixtures": (
        {"year.yaml": YEAR + "glossary: ../../elsewhere/secret.yaml\n"}, None,
        r"year\.yaml:3: year, field 'glossary': .*'\.\./\.\./elsewhere/secret\.yaml' leads "
        r"outside the fixtures"),
    "glossary as an absolute path": (
        {"year.yaml": YEAR + "glossary: /etc/passwd\n"}, None,
        r"year\.yaml:3: .*'/etc/passwd' leads outside the fixtures"),
    "empact link leaving the fixtures": (
        {"year.yaml": YEAR + "empact: [../../elsewhere/secret.yaml]\n"}, None,
        r"year\.yaml:3: year, field 'empact': .*leads outside the fixtures"),
    "fixture file linked outside": (
        {}, _link("acronyms.yaml", "../../elsewhere/secret.yaml"),
        r"2023/acronyms\.yaml: leads outside the fixtures"),
    "fixture file linked to /etc/passwd": (
        {}, lambda f: (os.unlink(f / "highlights.yaml"),
                       os.symlink("/etc/passwd", f / "highlights.yaml")),
        r"highlights\.yaml: leads outside the fixtures"),
    "scorecard folder linked outside": (
        {}, _link("scorecard", "../../elsewhere"),
        r"scorecard/secret\.yaml: leads outside the fixtures"),
    "dangling link": (
        {}, _link("timeline.yaml", "nowhere.yaml"),
        r"timeline\.yaml: a symbolic link to nothing"),
    # characters a document cannot hold
    "lone surrogate": (
        {"highlights.yaml": HIGHLIGHT.replace("A first highlight", '"cut \\ud800 here"')}, None,
        r"highlights\.yaml:2: .*the character U\+D800 cannot stand in a document"),
    "escaped bell in a title": (
        {"highlights.yaml": HIGHLIGHT.replace("A first highlight", '"ring \\a here"')}, None,
        r"highlights\.yaml:2: highlight 'one', field 'title': the character U\+0007"),
    "escaped form feed in a body": (
        {"highlights.yaml": HIGHLIGHT.replace("Some text.", '"page\\fbreak"')}, None,
        r"highlights\.yaml:4: highlight 'one', field 'body': the character U\+000C"),
    "non-character U+FFFF": (
        {"highlights.yaml": HIGHLIGHT.replace("A first highlight", '"x\\uFFFF"')}, None,
        r"field 'title': the character U\+FFFF"),
    **{f"raw {name} in a file": (
        {"highlights.yaml": HIGHLIGHT.replace("A first", f"A{char}first")}, None,
        rf"highlights\.yaml:2: .*the character U\+{ord(char):04X} cannot stand in a document")
       for name, char in (("NUL", "\x00"), ("form feed", "\x0c"), ("ESC", "\x1b"),
                          ("DEL", "\x7f"))},
    "not UTF-8": ({"highlights.yaml": b"- id: one\n  title: caf\xe9\n"}, None,
                  r"highlights\.yaml:2: not UTF-8 text"),
    # structure that would exhaust a naive reader
    "nested 10,000 deep": ({"highlights.yaml": "[" * 10_000 + "]" * 10_000}, None,
                           r"highlights\.yaml:1: nested more than 64 levels deep"),
    "billion laughs": ({"highlights.yaml": "- &a [x, x]\n- &b [*a, *a]\n- [*b, *b]\n"}, None,
                       r"highlights\.yaml:2: aliases \(\*name\) are not supported"),
    "python tag": ({"year.yaml": YEAR + "x: !!python/object/apply:os.system [touch PWNED]\n"},
                   None, r"year\.yaml:3: year, field 'x': unknown field 'x'"),
    "duplicate key": ({"year.yaml": "year: 2023\nyear: 2024\nchair: EUAA\n"}, None,
                      r"year\.yaml:2: the key 'year' appears twice"),
    "integer of 5,000 digits": ({"year.yaml": "year: " + "9" * 5000 + "\nchair: EUAA\n"}, None,
                                r"year\.yaml:1: cannot read the value '9{40}'…: a number of 5,000 "
                                r"digits, more than the 4,300 a number may have"),
    # numbers Word and LibreOffice cap
    "conclusions numbered from 10**30": (
        {"conclusions.yaml": "start: " + "1" + "0" * 30 + "\ngroups: []\n"}, None,
        r"conclusions\.yaml:1: conclusions, field 'start': start must be a whole number from 1 "
        r"to 32,767, not 10{30}$"),
    "a list numbered from 40,000": (
        {"highlights.yaml": HIGHLIGHT.replace("Some text.", '"40000. first\\n40001. second"')},
        None, r"highlights\.yaml:4: highlight 'one', field 'body': a numbered list may start at "
        r"32,767 at most, not 40,000"),
    # files that are not files
    "FIFO in the year's folder": ({}, lambda f: os.mkfifo(f / "timeline.yaml"),
                                  r"timeline\.yaml: not a regular file"),
    "FIFO as year.yaml": ({}, lambda f: (os.unlink(f / "year.yaml"), os.mkfifo(f / "year.yaml")),
                          r"year\.yaml: not a regular file"),
    "folder named like a file": ({}, lambda f: (f / "timeline.yaml").mkdir(),
                                 r"timeline\.yaml: not a regular file"),
    "50 MB fixture": ({}, lambda f: (f / "timeline.yaml").write_bytes(
        b"# " + b"x" * (50 * 1024 * 1024) + b"\n"),
                      r"timeline\.yaml: too large \(52 MB\): a fixture file may hold 32 MB"),
    # a 200,000-action scorecard in one file: a year spreads its actions over several files
    "90 MB scorecard file": ({"scorecard/structure.yaml": "title: S\nparts: []\nareas: []\n"
                                                          "fields: []\n"},
                             lambda f: os.truncate(_touched(f / "scorecard" / "actions.yaml"),
                                                   90 * 1024 * 1024),
                             r"actions\.yaml: too large \(94 MB\): a fixture file may hold 32 MB"),
    # dates and numbers
    "impossible date 2023-02-31": (
        {"timeline.yaml": "- date: 2023-02-31\n  label: Event\n"}, None,
        r"timeline\.yaml:1: timeline entry 'Event', field 'date': there is no day 31 in "
        r"February 2023"),
    "impossible date 0000-01-01": (
        {"timeline.yaml": "- date: 0000-01-01\n  label: Event\n"}, None,
        r"timeline\.yaml:1: timeline entry 'Event', field 'date': there is no day 1"),
    "year out of range": ({"year.yaml": "chair: EUAA\nyear: 99999\n"}, None,
                          r"year\.yaml:2: year, field 'year': year must be a whole number from 2010 "
                          r"to 2100, not 99999"),
    # error floods
    "1 MB wrong agency": ({"year.yaml": "year: 2023\nchair: " + "E" * 1_000_000 + "\n"}, None,
                          r"year\.yaml:2: year, field 'chair': unknown agency or body 'E{60}…"
                          r"\(1,000,000 characters\)"),
}


@pytest.mark.parametrize("case", FIXTURE_CASES)
def test_hostile_fixtures_are_refused_with_file_and_place(
        case: str, tmp_path: Path, outside: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files, setup, expected = FIXTURE_CASES[case]
    folder = year_folder(tmp_path, files, setup)
    message = refused(["check", str(folder)], capsys)
    assert re.search(expected, message), message
    assert len(message) < 1000  # one short message, whatever the value
    with pytest.raises(jhareport.LoadError) as info:
        jhareport.load_year(folder)
    assert re.search(expected, str(info.value))
    assert not (Path.cwd() / "PWNED").exists()
    out = tmp_path / "out"
    assert_build_refused(folder, out, capsys, jhareport.LoadError, expected)


def test_unquoted_dates_are_dates(tmp_path: Path) -> None:
    folder = year_folder(tmp_path, {"timeline.yaml": "- date: 2023-06-13\n  label: Event\n"})
    (entry,) = jhareport.load_year(folder).timeline
    assert jhareport.format_period(entry.date) == "13 June 2023"


def test_links_inside_the_fixtures_are_followed(tmp_path: Path) -> None:
    folder = year_folder(tmp_path)
    (folder.parent / "glossary.yaml").write_text("- short: EUAA\n  long: European Union Agency "
                                                 "for Asylum\n")
    os.symlink("../glossary.yaml", folder / "acronyms.yaml")
    assert [a.short for a in jhareport.load_year(folder).glossary] == ["EUAA"]


# ---- templates ---------------------------------------------------------------------------------

def template(path: Path, *texts: str) -> Path:
    """A small Word template: a title, then one paragraph per text."""
    document = docx.Document()
    document.add_paragraph("Annual report")
    for text in texts:
        document.add_paragraph(text)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


# The limits that grow with what a year holds: 10 more loop iterations and 5,000 more characters
# for each record, one more number in a range (the test year holds one record, a highlight).
SANDBOX_CASES = {
    "huge power": ("{{ 999999999**999999999 }}", r"about 8,999,999,991 digits, more than 4,300"),
    "text repetition": ("{{ 'x' * 10**10 }}", r"10,000,000,000 characters or items"),
    "list repetition": ("{{ [0] * 10**9 }}", r"1,000,000,000 characters or items"),
    "huge range": ("{{ range(10**10)|list }}", r"a range of 10,000,000,000 numbers"),
    "nested loops": ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}"
                     "{% endfor %}", r"more than 500,010 loop iterations and macro calls"),
    "doubling text": ("{% set ns = namespace(s='x') %}{% for i in range(64) %}"
                      "{% set ns.s = ns.s ~ ns.s %}{% endfor %}", r"1,048,576 characters"),
    "format width": ("{{ '%999999999s' % 'x' }}", r"a format width of 999999999"),
    "padding method": ("{{ 'x'.ljust(10**10) }}", r"the result of ljust\(\)"),
    "exploding macro": ("{% macro f(n) %}{% if n %}{{ f(n-1) }}{{ f(n-1) }}{% endif %}"
                        "{% endmacro %}{{ f(60) }}", r"more than 500,010 loop iterations"),
    "large output": ("{% for i in range(100000) %}{% for j in range(4) %}{{ 'y' * 999999 }}"
                     "{% endfor %}{% endfor %}", r"writes more than 100,005,000 characters"),
    # what the scorecard annex of a 200,000-action year writes, from a year of one record
    "a large year's output": ("{% for i in range(100000) %}{{ 'y' * 2100 }}{% endfor %}",
                              r"writes more than 100,005,000 characters"),
    "a large year's loops": ("{% for i in range(200000) %}{% endfor %}",
                             r"a range of 200,000 numbers, more than 100,001"),
    "escape through __mro__": ("{{ ''.__class__.__mro__[1].__subclasses__() }}",
                               r"'__class__' of str is out of a template's reach"),
    "escape through globals": ("{{ lipsum.__globals__['os'] }}",
                               r"'__globals__' of function is out of a template's reach"),
    "escape through a record": ("{{ year.__class__.__init__.__globals__ }}",
                                r"'__class__' of NetworkYear is out of a template's reach \(names "
                                r"that start with an underscore, and Python's internals, are "
                                r"private\)"),
    "a record's private name": ("{{ year.chair.__dict__ }}",
                                r"'__dict__' of Agency is out of a template's reach"),
    "include an outside file": ("{% include '/etc/passwd' %}",
                                r"\{% include %\}, \{% import %\} and \{% extends %\} are refused "
                                r"\('/etc/passwd'\): a template reads no file but its own"),
    "recursive macro": ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
                        r"a macro calls itself without end"),
}


@pytest.mark.parametrize("case", SANDBOX_CASES)
def test_template_limits_stop_the_render_at_the_template_place(
        case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tag, expected = SANDBOX_CASES[case]
    templates = tmp_path / "templates"
    template(templates / "final-report.docx", tag)
    shown = re.escape(tag if len(tag) <= 80 else tag[:77] + "…")
    assert_build_refused(year_folder(tmp_path), tmp_path / "out", capsys, jhareport.BuildError,
                         rf"final-report\.docx, paragraph 2 “{shown}”: .*{expected}",
                         "--templates", str(templates))


def test_the_limits_grow_with_the_records_a_year_holds() -> None:
    """What stops a template on a year of one record renders on a year of 120,000: ranges and
    loops in proportion to the records (a 200,000-action year's annex builds as shipped)."""
    from jhareport.render.environment import TemplateLimitError, template_environment

    source = "{% for i in range(150000) %}{% for j in range(10) %}{% endfor %}{% endfor %}done"
    with pytest.raises(TemplateLimitError, match=r"a range of 150,000 numbers, more than 100,001"):
        template_environment(records=1).from_string(source).render()
    with pytest.raises(TemplateLimitError, match=r"more than 1,000,000 loop iterations"):
        template_environment(records=50_000).from_string(source).render()
    assert template_environment(records=120_000).from_string(source).render() == "done"


def _zip(entries: dict[str, bytes], *, compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compress) as package:
        for name, data in entries.items():
            package.writestr(name, data)
    return buffer.getvalue()


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def _with_part(base: Path, name: str, change: Callable[[bytes], bytes]) -> bytes:
    parts = _parts(base)
    parts[name] = change(parts.get(name, b""))
    return _zip(parts)


def _doctype(xml: bytes) -> bytes:
    """The part with a DOCTYPE whose entity reads the outside file."""
    declaration, rest = xml.split(b"?>", 1)
    return (declaration + b'?><!DOCTYPE r [<!ENTITY leak SYSTEM "file:///{outside}/secret.txt">]>'
            + rest.replace(b"Annual report", b"&leak;"))


def _declared_size(data: bytes, name: str, size: int) -> bytes:
    """The package with `name` claiming to inflate to `size` bytes (a zip bomb's header)."""
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        info = package.getinfo(name)
    struct.pack_into("<I", out, info.header_offset + 22, size & 0xFFFFFFFF)
    position = 0
    while True:
        central = out.find(b"PK\x01\x02", position)
        if central < 0:
            break
        length = struct.unpack_from("<H", out, central + 28)[0]
        if out[central + 46:central + 46 + length] == name.encode():
            struct.pack_into("<I", out, central + 24, size & 0xFFFFFFFF)
        position = central + 4
    return bytes(out)


def _corrupt(data: bytes, name: str) -> bytes:
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        info = package.getinfo(name)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 10, start + min(info.compress_size, 60)):
        out[offset] ^= 0x5A
    return bytes(out)


def _bomb(_: Path) -> bytes:
    """100 MB of zeros deflated into about 100 KB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package, \
            package.open("word/media/image1.png", "w") as stream:
        chunk = bytes(1024 * 1024)
        for _ in range(100):
            stream.write(chunk)
    return buffer.getvalue()


PACKAGE_CASES: dict[str, tuple[Callable[[Path], bytes], str]] = {
    "DOCTYPE in footnotes.xml": (
        lambda base: _with_part(base, "word/footnotes.xml", lambda _: (
            b'<?xml version="1.0"?><!DOCTYPE w:footnotes [<!ENTITY a "aaaaaaaaaa">]>'
            b'<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
            b'main"/>')),
        r"word/footnotes\.xml declares a DOCTYPE"),
    "DOCTYPE reading a file in document.xml": (
        lambda base: _with_part(base, "word/document.xml", _doctype),
        r"word/document\.xml declares a DOCTYPE"),
    "DOCTYPE in styles.xml": (
        lambda base: _with_part(base, "word/styles.xml", _doctype),
        r"word/styles\.xml declares a DOCTYPE"),
    "DOCTYPE in a relationships part": (
        lambda base: _with_part(base, "_rels/.rels", _doctype),
        r"_rels/\.rels declares a DOCTYPE"),
    "corrupt deflate stream": (
        lambda base: _corrupt(base.read_bytes(), "word/document.xml"),
        r"not a readable Word document \(word/document\.xml: "),
    "part inflating to 100 MB": (_bomb, r"image1\.png would inflate to 100 MB: a part may hold "
                                 r"64 MB at most"),
    "header claiming 3 GB": (
        lambda base: _declared_size(base.read_bytes(), "word/document.xml", 3 * 1024**3),
        r"word/document\.xml would inflate to 3,072 MB"),
    "parts inflating to 300 MB together": (
        lambda base: _zip({f"word/media/{n}.bin": bytes(60 * 1024 * 1024) for n in range(5)}),
        r"its parts would inflate to 300 MB: a template may hold 256 MB at most"),
    "not a zip": (lambda base: b"PK\x03\x04 not really", r"not a readable Word document"),
    "too many parts": (lambda base: _zip({f"p{n}": b"" for n in range(10_001)},
                                         compress=zipfile.ZIP_STORED),
                       r"10,001 parts: a template may have 10,000 at most"),
}


@pytest.mark.parametrize("case", PACKAGE_CASES)
def test_hostile_template_packages_are_refused_before_inflating(
        case: str, tmp_path: Path, outside: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make, expected = PACKAGE_CASES[case]
    base = template(tmp_path / "base.docx", "{{ year.year }}")
    data = make(base).replace(b"{outside}", str(outside).encode())
    templates = tmp_path / "templates"
    templates.mkdir()
    path = templates / "final-report.docx"
    path.write_bytes(data)
    message = assert_build_refused(year_folder(tmp_path), tmp_path / "out", capsys,
                                   jhareport.BuildError, rf"final-report\.docx: .*{expected}",
                                   "--templates", str(templates))
    assert len(message) < 1000
    for action in ("show", "lint"):
        assert re.search(expected, refused(["template", action, str(path)], capsys))
    for function in (jhareport.show_template, jhareport.lint_template):
        with pytest.raises(jhareport.TemplateReadError, match=expected):
            function(path)


NOT_A_FILE: dict[str, tuple[Callable[[Path], object], str]] = {
    "a FIFO": (os.mkfifo, r"not a regular file"),
    "a folder": (Path.mkdir, r"not a regular file"),
    "a link to nothing": (lambda path: os.symlink("nowhere.docx", path),
                          r"a symbolic link to nothing"),
}


@pytest.mark.parametrize("case", NOT_A_FILE)
def test_a_template_that_is_no_file_is_refused_without_blocking(
        case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make, expected = NOT_A_FILE[case]
    templates = tmp_path / "templates"
    templates.mkdir()
    path = templates / "final-report.docx"
    make(path)
    # refused, never quietly replaced by the built-in template
    assert_build_refused(year_folder(tmp_path), tmp_path / "out", capsys, jhareport.BuildError,
                         rf"final-report\.docx: .*{expected}", "--templates", str(templates))
    for action in ("show", "lint"):
        assert re.search(expected, refused(["template", action, str(path)], capsys))
    for function in (jhareport.show_template, jhareport.lint_template):
        with pytest.raises(jhareport.TemplateReadError, match=expected):
            function(path)


def test_a_template_path_holding_a_nul_is_refused(tmp_path: Path) -> None:
    for function in (jhareport.show_template, jhareport.lint_template):
        with pytest.raises(jhareport.TemplateReadError, match="embedded null byte"):
            function(tmp_path / "final\0report.docx")


# ---- limits that hold in a process of limited memory and time ----------------------------------

# The command, or the API: a script that says which exception escaped `build`.
THROUGH = {
    "command": "from jhareport.cli import main\nsys.exit(main(sys.argv[1:]))\n",
    "api": ("import jhareport\n"
            "try:\n"
            "    jhareport.build(sys.argv[2], sys.argv[4], draft=True, templates=sys.argv[7])\n"
            "except Exception as error:\n"
            "    print(f'{type(error).__name__}: {error}', file=sys.stderr)\n"
            "    sys.exit(2)\n"),
}


@pytest.mark.parametrize("through", THROUGH)
@pytest.mark.parametrize("tag", ["{{ 'x' * 10**10 }}", "{{ 999999999**999999999 }}",
                                 "{% for i in range(100000) %}{% for j in range(100000) %}"
                                 "{{ i }}{% endfor %}{% endfor %}"])
def test_hostile_templates_are_stopped_within_memory_and_time(tag: str, through: str,
                                                              tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    template(templates / "final-report.docx", tag)
    folder = year_folder(tmp_path)
    script = ("import resource, sys\n"
              "resource.setrlimit(resource.RLIMIT_AS, (1536 * 1024**2, 1536 * 1024**2))\n"
              + THROUGH[through])
    done = subprocess.run([sys.executable, "-c", script, "build", str(folder), "--out",
                           str(tmp_path / "out"), "--draft", "--templates", str(templates)],
                          capture_output=True, text=True, timeout=180, cwd=ROOT, check=False)
    assert done.returncode == 2, done.stderr[-2000:]
    assert "final-report.docx, paragraph 2" in done.stderr
    assert "Traceback" not in done.stderr and "MemoryError" not in done.stderr
    if through == "api":
        assert done.stderr.startswith("BuildError: "), done.stderr[-2000:]
    assert not (tmp_path / "out").exists()


# ---- outputs -----------------------------------------------------------------------------------

OUTPUT_CASES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "a file": (lambda tmp: _file(tmp / "taken"), r"taken: is a file, not a folder"),
    "under a file": (lambda tmp: _file(tmp / "taken") / "out", r"lies under the file"),
    "under /proc": (lambda tmp: Path("/proc/self/jhareport-out"), r"a system folder"),
    "the year's folder": (lambda tmp: tmp / "fixtures" / "2023",
                          r"would be written among the fixtures"),
    "the fixtures folder": (lambda tmp: tmp / "fixtures", r"among the fixtures"),
    "year.yaml": (lambda tmp: tmp / "fixtures" / "2023" / "year.yaml", r"among the fixtures"),
    "a name too long": (lambda tmp: tmp / ("x" * 300), r"cannot be an output folder \(a name "
                        r"too long for the file system\)"),
    "a NUL in the path": (lambda tmp: tmp / "o\0ut", r"cannot be an output folder \(a NUL "
                          r"character in its name\)"),
    "another year's folder": (lambda tmp: _beside(tmp, "2019", "year.yaml"),
                              r"fixtures/2019: the documents would be written among the fixtures "
                              r"of .*fixtures/2019; choose another output folder"),
    "in another year's folder": (lambda tmp: _beside(tmp, "2019", "year.yaml") / "out",
                                 r"among the fixtures of .*fixtures/2019;"),
    "a folder of EMPACT fixtures": (lambda tmp: _beside(tmp, "empact", "oap-2022.yaml"),
                                    r"among the fixtures of .*fixtures/empact;"),
}


def _beside(tmp: Path, name: str, yaml_file: str) -> Path:
    """A folder of fixtures beside the year's: another year's, or the EMPACT plans'."""
    folder = tmp / "fixtures" / name
    write_folder(folder, {yaml_file: "year: 2019\n"})
    return folder


def _file(path: Path) -> Path:
    path.write_text("a file")
    return path


@pytest.mark.parametrize("case", OUTPUT_CASES)
def test_unfit_output_folders_are_refused_before_rendering(
        case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = year_folder(tmp_path)
    make, expected = OUTPUT_CASES[case]
    out = make(tmp_path)
    fixtures = {p: p.read_bytes() for p in folder.parent.rglob("*") if p.is_file()}
    message = refused(["build", str(folder), "--out", str(out), "--draft"], capsys)
    assert re.search(expected, message), message
    assert "rendering" not in message
    with pytest.raises(jhareport.BuildError, match=expected):
        jhareport.build(folder, out, draft=True)
    assert {p: p.read_bytes() for p in folder.parent.rglob("*") if p.is_file()} == fixtures


NOBODY = 65534  # the user "nobody" of Linux and the BSDs


def as_another_user(action: Callable[[], str]) -> str:
    """What `action` returns, run as a user the folder's permissions apply to: this process, or,
    when the tests run as root (as CI does), a child process that became the user nobody; root
    would write into any folder whatever its permissions say."""
    if os.geteuid() != 0:
        return action()
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # the child: never returns into pytest
        status = 1
        try:
            os.close(read)
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            os.write(write, action().encode())
            status = 0
        except BaseException as error:  # said to the parent, which fails the test with it
            os.write(write, f"{type(error).__name__}: {error}".encode())
        finally:
            os._exit(status)
    os.close(write)
    with os.fdopen(read, "rb") as stream:
        said = stream.read().decode()
    _, status = os.waitpid(child, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        if said.startswith("PermissionError") and "setgroups" not in said:
            pytest.skip(f"the tests run as root but cannot become another user here: {said}")
        pytest.fail(f"as the user nobody: {said}")
    return said


@pytest.fixture
def open_to_all() -> Iterator[Path]:
    """A folder every user may read (pytest's tmp_path is its owner's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="jhareport-test-"))
    folder.chmod(0o755)
    yield folder
    for path in folder.rglob("*"):
        if path.is_dir():
            path.chmod(0o755)
    shutil.rmtree(folder)


def test_a_folder_that_is_not_writable_is_refused(open_to_all: Path) -> None:
    out = open_to_all / "locked"
    out.mkdir(mode=0o555)
    out.chmod(0o555)  # whatever the umask
    folder = year_folder(open_to_all)
    records = jhareport.load_year(folder)

    def command() -> str:
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = main(["build", str(folder), "--out", str(out), "--draft"])
        return f"{code}\n{err.getvalue()}"

    def api() -> str:
        try:
            jhareport.build(records, out, draft=True)
        except jhareport.BuildError as error:
            return str(error)
        return "built"

    assert as_another_user(command) == f"2\nerror: {out}: the folder {out} is not writable\n"
    assert as_another_user(api) == f"{out}: the folder {out} is not writable"
    assert list(out.iterdir()) == []


@pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="no file size limit on this system")
def test_a_disk_that_fills_while_writing_names_the_file(tmp_path: Path) -> None:
    """A file size limit, which root is held to as anyone, makes writing fail part way, as a full
    disk does: the error names the document, and the earlier files stay as they were."""
    folder = year_folder(tmp_path)
    out = tmp_path / "out"
    before = earlier_outputs(out)

    def limited() -> None:  # in the child, before it runs the command
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    done = subprocess.run([sys.executable, "-m", "jhareport", "build", str(folder), "--out",
                           str(out), "--draft"], capture_output=True, text=True,
                          preexec_fn=limited, check=False)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert re.search(rf"error: {re.escape(str(out / 'final-report.docx'))}: cannot be written "
                     r"\(.+\); no document was changed\n", done.stderr), done.stderr
    assert snapshot(out) == before


def test_a_failed_replacement_puts_every_earlier_file_back(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.docx").write_bytes(b"earlier a")
    (out / "b.docx").mkdir()  # a folder where a document should go
    (out / "c.docx").write_bytes(b"earlier c")
    with pytest.raises(OutputError, match=r"out/b\.docx: cannot be written .*no document was "
                       r"changed"):
        write_atomically({out / "a.docx": b"new a", out / "b.docx": b"new b",
                          out / "c.docx": b"new c"})
    assert sorted(p.name for p in out.iterdir()) == ["a.docx", "b.docx", "c.docx"]
    assert (out / "a.docx").read_bytes() == b"earlier a"
    assert (out / "c.docx").read_bytes() == b"earlier c"


@pytest.mark.parametrize("through", ["command", "api"])
@pytest.mark.parametrize("failing", [1, 2, 3, 4])
def test_a_full_disk_while_replacing_changes_nothing(failing: int, through: str, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    folder = year_folder(tmp_path)
    out = tmp_path / "out"
    before = earlier_outputs(out)
    real = os.replace
    calls = []

    def full(source: str | Path, target: str | Path) -> None:
        calls.append(target)
        if len(calls) == failing:  # at each step of replacing the two documents
            raise OSError(28, "No space left on device", str(source))
        real(source, target)

    monkeypatch.setattr(os, "replace", full)
    if through == "command":
        message = refused(["build", str(folder), "--out", str(out), "--draft"], capsys)
    else:
        with pytest.raises(jhareport.BuildError) as info:
            jhareport.build(folder, out, draft=True)
        message = str(info.value)
    assert "No space left on device" in message and "no document was changed" in message
    assert snapshot(out) == before


def test_a_successful_build_leaves_no_temporary_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    earlier_outputs(out)
    jhareport.build(year_folder(tmp_path), out, draft=True)
    assert sorted(p.name for p in out.iterdir()) == ["acronyms.docx", "final-report.docx"]


# ---- parallel builds ---------------------------------------------------------------------------

def _build_in_process(folder: str, out: str) -> list[str]:
    return [str(p) for p in jhareport.build(folder, out).outputs]


def test_builds_run_in_parallel_give_the_bytes_of_a_build_run_alone(tmp_path: Path) -> None:
    alone = jhareport.build(ROOT / "fixtures" / "2023", tmp_path / "alone").outputs
    with ProcessPoolExecutor(max_workers=2) as pool:
        runs = [pool.submit(_build_in_process, str(ROOT / "fixtures" / "2023"),
                            str(tmp_path / f"parallel-{n}")) for n in range(2)]
        outputs = [run.result(timeout=300) for run in runs]
    for n, paths in enumerate(outputs):
        assert [Path(p).name for p in paths] == [p.name for p in alone]
        for path in alone:
            assert (tmp_path / f"parallel-{n}" / path.name).read_bytes() == path.read_bytes()


# ---- the documented limits ---------------------------------------------------------------------

LIMIT_MODULES = ("render.environment", "template_tools.package_check", "loading", "yamltree",
                 "pictures", "markup", "messages")


def test_the_limits_the_docs_state_are_those_of_the_code() -> None:
    page = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    section = page.split("\n## Limits\n", 1)[1].split("\n## ", 1)[0]
    stated: dict[str, int] = {}
    for limit, name in re.findall(r"^\| [^|]+ \| ([^|]+) \| `([\w.]+)` \|$", section, re.M):
        number = re.match(r"([\d,]+)( MB)?", limit)
        assert number, limit
        value = int(number.group(1).replace(",", ""))
        stated[name] = value * 1024 * 1024 if number.group(2) else value
    constants = {f"{module}.{name}": value for module in LIMIT_MODULES
                 for name, value in vars(importlib.import_module(f"jhareport.{module}")).items()
                 if name.startswith("MAX_")}
    assert stated == constants


def test_every_documented_refusal_is_an_input_error(tmp_path: Path) -> None:
    from jhareport.contributions import ContributionError, FormError, NextYearError
    from jhareport.template_tools.lint import UnknownKindError

    for error in (jhareport.LoadError, jhareport.BuildError, jhareport.TemplateReadError,
                  UnknownKindError, jhareport.PreviewError, FormError, ContributionError,
                  NextYearError):
        assert issubclass(error, jhareport.InputError), error
    folder = year_folder(tmp_path, {"meetings.yaml": "- id: x\n  kind: nonsense\n"})
    with pytest.raises(jhareport.InputError, match=r"meetings\.yaml:1: meeting .x., field .title."):
        jhareport.build(folder, tmp_path / "out")
