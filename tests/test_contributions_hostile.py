"""Returned forms are files from outside: every hostile kind is refused with its file and place,
a documented exception (exit 2 at the command), bounded memory, and the year's files unchanged."""

from __future__ import annotations

import io
import os
import random
import re
import string
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from form_edits import cell_of, copy_new_table, type_text

from jhareport.cli import main
from jhareport.contributions import ContributionError, FormReadError, import_forms, read_form, write_forms
from jhareport.errors import InputError

FORM = "urn:jhareport:contribution-form:2"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def rewrite(path: Path, change: Callable[[dict[str, bytes]], None],
            compression: int = zipfile.ZIP_DEFLATED) -> None:
    """Rewrite a form's parts: `change` edits them by name."""
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    change(parts)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    path.write_bytes(buffer.getvalue())


def in_document(path: Path, old: bytes, new: bytes, count: int = 1) -> None:
    def change(parts: dict[str, bytes]) -> None:
        assert old in parts["word/document.xml"], old
        parts["word/document.xml"] = parts["word/document.xml"].replace(old, new, count)
    rewrite(path, change)


_LETTERS = bytes((string.ascii_letters + " ") * 5, "ascii")[:256]


def letters(count: int) -> str:
    """Text that does not compress much, as a real long text would not."""
    return random.Random(7).randbytes(count).translate(_LETTERS).decode("ascii")


def form_part(path: Path, xml: bytes) -> None:
    def change(parts: dict[str, bytes]) -> None:
        parts["customXml/item1.xml"] = xml
    rewrite(path, change)


@pytest.fixture
def fra(years: Path) -> Path:
    """FRA's 2023 form, in the returned folder."""
    return write_forms(years / "2023", years / "returned", agencies=["FRA"])[0]


def refused(years: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """The import's refusal: a documented exception through the API, exit 2 and no traceback
    at the command, and the year's files as they were."""
    before = snapshot(years / "2023")
    with pytest.raises(ContributionError) as raised:
        import_forms(years / "returned", years / "2023")
    assert isinstance(raised.value, InputError)
    assert main(["contributions", "import", str(years / "returned"), "--into",
                 str(years / "2023")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.startswith("error: ")
    assert snapshot(years / "2023") == before
    assert len(err) < 4_000, err[:4_000]
    return str(raised.value)


def huge_place(path: Path, length: int) -> None:
    """A place of `length` characters typed into the first table of the form."""
    def change(parts: dict[str, bytes]) -> None:
        xml = parts["word/document.xml"].decode()
        label = xml.index(">Place<")
        cell = xml.index("<w:p>", xml.index("<w:tc>", label))
        parts["word/document.xml"] = (
            xml[:cell] + f"<w:p><w:r><w:t>{letters(length)}</w:t></w:r></w:p>"
            + xml[cell:]).encode()
    rewrite(path, change)


def many_highlights(path: Path, count: int, length: int) -> None:
    """New highlights typed into copies of the form's empty table, each with a long text."""
    document = docx.Document(path)
    text = letters(length * count)
    for number in range(count):
        table = copy_new_table(document, "New highlight")
        type_text(cell_of(table, "Title"), f"Highlight {number}")
        type_text(cell_of(table, "Text"), text[number * length:(number + 1) * length])
    document.save(path)


HOSTILE: dict[str, tuple[Callable[[Path], None], str]] = {
    "an external entity": (
        lambda p: in_document(p, b"<w:document", b'<!DOCTYPE w:document [<!ENTITY x SYSTEM '
                              b'"file:///etc/passwd">]><w:document'),
        r"FRA\.docx: not a readable Word document \(word/document\.xml declares a DOCTYPE or "
        r"entities, which a Word document never needs and a form may not hold\)"),
    "entity expansion": (
        lambda p: in_document(p, b"<w:document", b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
                              b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]><w:document'),
        r"word/document\.xml declares a DOCTYPE or entities"),
    "a zip bomb": (
        lambda p: rewrite(p, lambda parts: parts.update({"word/media/image1.png":
                                                         bytes(20 * 1024 * 1024)})),
        r"FRA\.docx: not a readable Word document \(word/media/image1\.png is compressed "
        r"[\d,]+ times: more than 100 times is a zip bomb, not a document\)"),
    "a form larger than a form may be": (
        lambda p: rewrite(p, lambda parts: parts.update({"word/media/image1.png":
                                                         random.Random(7).randbytes(17 << 20)})),
        r"FRA\.docx: not a readable Word document \(17 MB: a form may hold 16 MB at most\)"),
    "a 12 MB text node": (
        lambda p: in_document(p, b"<w:t>Title</w:t>",
                              f"<w:t>{letters(12 * 1024 * 1024)}</w:t>".encode()),
        r"FRA\.docx: word/document\.xml is not readable XML \("),
    "a raw C0 control character": (
        lambda p: in_document(p, b"<w:t>Title</w:t>", b"<w:t>Ti\x07tle</w:t>"),
        r"word/document\.xml is not readable XML"),
    "a C0 control character as a reference": (
        lambda p: in_document(p, b"<w:t>Title</w:t>", b"<w:t>Ti&#x7;tle</w:t>"),
        r"word/document\.xml is not readable XML"),
    "a lone surrogate": (
        lambda p: in_document(p, b"<w:t>Title</w:t>", b"<w:t>Ti\xed\xa0\x80tle</w:t>"),
        r"word/document\.xml is not readable XML"),
    "a lone surrogate as a reference": (
        lambda p: in_document(p, b"<w:t>Title</w:t>", b"<w:t>Ti&#xD800;tle</w:t>"),
        r"word/document\.xml is not readable XML"),
    "a forged year": (
        lambda p: form_part(p, f'<form xmlns="{FORM}" year="abc" agency="FRA" '
                               f'base="0123456789abcdef"/>'.encode()),
        r"FRA\.docx: the form's hidden information is damaged \(year 'abc' is not a year\)"),
    "a forged record map": (
        lambda p: form_part(p, f'<form xmlns="{FORM}" year="2023" agency="FRA" '
                               f'base="0123456789abcdef"><record row="abc" kind="unknown"/>'
                               f'</form>'.encode()),
        r"FRA\.docx: the form's hidden information is damaged \(it holds more than the form "
        r"wrote\)"),
    "a forged agency": (
        lambda p: form_part(p, f'<form xmlns="{FORM}" year="2023" agency="{"X" * 100_000}" '
                               f'base="0123456789abcdef"/>'.encode()),
        r"the form's hidden information is damaged \(agency: unknown agency or body"),
    "a forged base": (
        lambda p: form_part(p, f'<form xmlns="{FORM}" year="2023" agency="FRA" '
                               f'base="../../etc/passwd"/>'.encode()),
        r"base '\.\./\.\./etc/passwd' is not the digest of a base"),
    "a base of another folder": (
        lambda p: form_part(p, f'<form xmlns="{FORM}" year="2023" agency="FRA" '
                               f'base="0123456789abcdef"/>'.encode()),
        r"FRA\.docx: the form was not made from this year's folder"),
    "a table of 100,000 rows": (
        lambda p: in_document(p, b"</w:tbl>", b"<w:tr/>" * 100_000 + b"</w:tbl>"),
        r"FRA\.docx: 100,\d{3} table rows: a form may hold 2,000 at most"),
    "50,000 content controls": (
        lambda p: in_document(p, b"</w:body>", b"<w:sdt/>" * 50_000 + b"</w:body>"),
        r"FRA\.docx: 50,\d{3} content controls: a form may hold 40,000 at most"),
    "texts of 1.2 million characters": (
        lambda p: many_highlights(p, 70, 18_000),
        r"FRA\.docx: its entries hold 1,2\d\d,\d{3} characters: a form may hold 1,000,000 at "
        r"most"),
    "a value of 5 MB": (
        lambda p: huge_place(p, 5 * 1024 * 1024),
        r"FRA\.docx: its entries hold 5,2\d\d,\d{3} characters: a form may hold 1,000,000 at "
        r"most"),
    "not a zip": (
        lambda p: p.write_bytes(b"PK\x03\x04 not really a zip"),
        r"FRA\.docx: not a readable Word document"),
    "no form at all": (
        lambda p: rewrite(p, lambda parts: parts.pop("customXml/item1.xml")),
        r"FRA\.docx: not a contribution form: it has none of the form's hidden information"),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_form_is_refused_with_its_file_and_place(
        years: Path, fra: Path, capsys: pytest.CaptureFixture[str], case: str) -> None:
    make, expected = HOSTILE[case]
    make(fra)
    message = refused(years, capsys)
    assert re.search(expected, message), message
    if case != "a base of another folder":  # which only the year's folder can tell
        with pytest.raises(FormReadError):  # read alone, the same refusal
            read_form(fra)


def test_a_zip_bomb_is_refused_before_it_takes_memory(years: Path, fra: Path) -> None:
    rewrite(fra, lambda parts: parts.update({"word/media/image1.png": bytes(30 * 1024 * 1024)}))
    assert fra.stat().st_size < 1024 * 1024
    tracemalloc.start()
    try:
        with pytest.raises(FormReadError, match="zip bomb"):
            read_form(fra)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * 1024 * 1024  # the 30 MB part was never inflated


def test_bad_characters_and_huge_values_are_named_briefly(
        years: Path, fra: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # U+0085 is well-formed XML, but no text a document can hold; 5 MB typed as a place
    in_document(fra, b"Annual exchange of JHA", "Annual\u0085exchange of JHA".encode())

    huge_place(fra, 500_000)
    message = refused(years, capsys)
    assert ("FRA.docx, other activity 1 (Annual exchange of JHA Agencies on the charter of "
            "Fundamental Rights of the Eur…), title: holds the character U+0085, which a "
            "document cannot hold: delete it") in message
    assert ("FRA.docx, meeting 1 (Working Group on ICT and Cybersecurity), place: 500,000 "
            "characters: an entry may hold 20,000 at most") in message
    assert len(message) < 2_000


def test_only_regular_files_of_the_folder_are_read_and_the_others_named(
        years: Path, fra: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = write_forms(years / "2023", years / "elsewhere", agencies=["Europol"])[0]
    returned = years / "returned"
    (returned / "Europol.docx").symlink_to(outside)
    os.mkfifo(returned / "Eurojust.docx")
    (returned / "Frontex.docm").write_bytes(b"macros")
    (returned / "EIGE.odt").write_bytes(b"odt")
    (returned / "~$FRA.docx").write_bytes(b"lock")
    (returned / "notes").mkdir()
    (returned / "notes" / "CEPOL.docx").write_bytes(outside.read_bytes())
    result = import_forms(returned, years / "2023")  # the FIFO does not block it
    assert [f.file for f in result.forms] == ["FRA.docx"]
    passed = {p.file: p.reason for p in result.passed_over}
    assert passed == {
        "EIGE.odt": "an OpenDocument text (.odt): save it as a Word document (.docx) in "
                    "LibreOffice",
        "Eurojust.docx": "not a regular file (a pipe, a socket or a device)",
        "Europol.docx": "a symbolic link: only files in the folder itself are read",
        "Frontex.docm": "a Word document with macros (.docm): forms come back as .docx; ask the "
                        "agency to save it as a Word document (.docx)",
        "notes": "a folder: only files in the folder itself are read",
        "~$FRA.docx": "a lock file that Word or LibreOffice leaves while a form is open",
    }
    assert main(["contributions", "import", str(returned), "--into", str(years / "2023")]) == 0
    err = capsys.readouterr().err
    assert "passed over in" in err and "Frontex.docm: a Word document with macros" in err


def test_a_folder_of_junk_makes_a_short_message(
        years: Path, fra: Path, capsys: pytest.CaptureFixture[str]) -> None:
    returned = years / "returned"
    for number in range(10_000):
        (returned / f"junk-{number:05}.docx").write_bytes(b"junk")
    message = refused(years, capsys)
    assert "other files: 10,000 problems" in message and "… and 9,980 more" in message
    assert len(message) < 4_000


def test_every_refusal_of_the_contributions_is_documented() -> None:
    from jhareport.contributions import BaseError, FormError, NextYearError

    for error in (ContributionError, FormReadError, FormError, NextYearError, BaseError):
        assert issubclass(error, InputError), error
        assert error.__doc__


def _full_disk(monkeypatch: pytest.MonkeyPatch, failing: int) -> None:
    real = os.replace
    calls: list[object] = []

    def full(source: str | Path, target: str | Path) -> None:
        calls.append(target)
        if len(calls) == failing:
            raise OSError(28, "No space left on device", str(source))
        real(source, target)

    monkeypatch.setattr(os, "replace", full)


@pytest.mark.parametrize("failing", [1, 3])
def test_a_full_disk_leaves_every_file_of_the_cycle_as_it_was(
        years: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        failing: int) -> None:
    before = snapshot(years)
    with monkeypatch.context() as patch:
        _full_disk(patch, failing)
        assert main(["contributions", "forms", str(years / "2023"), "--out",
                     str(years / "forms")]) == 2
    with monkeypatch.context() as patch:
        _full_disk(patch, failing)
        assert main(["year", "next", str(years / "2023"), "--out", str(years / "2024"),
                     "--chair", "eu-LISA"]) == 2
    err = capsys.readouterr().err
    assert err.count("No space left on device") == 2 and "Traceback" not in err
    assert snapshot(years) == before
    assert not (years / "forms").exists() and not (years / "2024").exists()
    # an import that cannot write its files leaves the year's files and the ledger as they were
    write_forms(years / "2023", years / "returned", agencies=["FRA"])
    in_document(years / "returned" / "FRA.docx", b"Annual exchange of JHA", b"Yearly exchange of JHA")
    before = snapshot(years / "2023")
    with monkeypatch.context() as patch:
        _full_disk(patch, failing)
        with pytest.raises(ContributionError, match="No space left on device"):
            import_forms(years / "returned", years / "2023")
    assert snapshot(years / "2023") == before


def test_next_year_into_a_file_or_a_folder_in_use_is_refused(
        years: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (years / "taken").write_text("a file", encoding="utf-8")
    assert main(["year", "next", str(years / "2023"), "--out", str(years / "taken"),
                 "--chair", "eu-LISA"]) == 2
    assert f"{years / 'taken'}: is a file, not a folder" in capsys.readouterr().err
    assert main(["year", "next", str(years / "2023"), "--out", str(years / "2023" / "next"),
                 "--chair", "eu-LISA"]) == 2
    assert "would be written among the fixtures" in capsys.readouterr().err
    assert main(["year", "next", str(years / "2023"), "--out", str(years / "2024"),
                 "--chair", "eu-LISA", "--trio", "CEPOL,EUAA,Frontex"]) == 2
    assert ("--trio: the trio CEPOL, EUAA, Frontex does not include the chair eu-LISA"
            in capsys.readouterr().err)
