"""The pictures a year gives: the network's and the chair's logos on the cover, the figures of the
annexes. Each is read from inside the year's folder, as untrusted input: anything but a PNG or
JPEG of sensible size, or a file outside the folder, is refused with its place."""

from __future__ import annotations

import io
import os
import struct
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import docx
import pikepdf
import pytest
from conftest import give_figure_picture, office_available
from PIL import Image

import jhareport
from jhareport import LoadError, Picture

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NETWORK_ALT = "Logo of the Justice and Home Affairs Agencies Network"
CHAIR_ALT = "Logo of the European Union Agency for Asylum"


def picture(kind: str = "PNG", size: tuple[int, int] = (400, 160)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (31, 56, 100)).save(buffer, kind)
    return buffer.getvalue()


def with_logos(years: Path, network: str = "network.png", chair: str = "chair.jpg",
               alt: str = CHAIR_ALT) -> Path:
    folder = years / "2023"
    (folder / "logos").mkdir(exist_ok=True)
    (folder / "logos" / "network.png").write_bytes(picture())
    (folder / "logos" / "chair.jpg").write_bytes(picture("JPEG", (300, 300)))
    with (folder / "year.yaml").open("a", encoding="utf-8") as year:
        year.write(f"network_logo: {{file: logos/{network}, alt: {NETWORK_ALT}}}\n"
                   f"chair_logo: {{file: logos/{chair}, alt: {alt}}}\n")
    return folder


def cover_pictures(path: Path) -> list[tuple[str, int, int]]:
    """The pictures of the cover's first paragraph: alternative text, width and height (EMU)."""
    first = docx.Document(str(path)).paragraphs[0]
    return [(d.get("descr"), int(e.get("cx")), int(e.get("cy")))
            for d, e in zip(first._p.iter("{*}docPr"), first._p.iter("{*}extent"), strict=True)]


def test_the_cover_shows_the_network_and_chair_logos_with_their_alternative_text(
        years: Path, tmp_path: Path) -> None:
    folder = with_logos(years)
    records = jhareport.load_year(folder)
    assert records.year.network_logo is not None and records.year.network_logo.kind == "png"
    assert records.year.chair_logo is not None and records.year.chair_logo.kind == "jpeg"
    jhareport.build(folder, tmp_path / "out")
    report = tmp_path / "out" / "final-report.docx"
    shown = cover_pictures(report)
    # side by side, 2.5 cm high, their proportions kept
    assert shown == [(NETWORK_ALT, 2_250_000, 900_000), (CHAIR_ALT, 900_000, 900_000)]
    assert docx.Document(str(report)).paragraphs[0].style.name == "Cover Logos"
    with zipfile.ZipFile(report) as package:
        media = sorted(n for n in package.namelist() if n.startswith("word/media/"))
        types = package.read("[Content_Types].xml").decode()
        assert package.read(media[0]) == (folder / "logos" / "network.png").read_bytes()
    assert media == ["word/media/picture1.png", "word/media/picture2.jpeg"]
    assert 'Extension="png" ContentType="image/png"' in types
    assert 'Extension="jpeg" ContentType="image/jpeg"' in types
    again = tmp_path / "again"
    jhareport.build(folder, again)
    assert (again / "final-report.docx").read_bytes() == report.read_bytes()


def test_without_logos_the_cover_starts_with_the_network_s_name(tmp_path: Path) -> None:
    jhareport.build(Path(__file__).resolve().parents[1] / "fixtures" / "2023", tmp_path)
    document = docx.Document(str(tmp_path / "final-report.docx"))
    assert document.paragraphs[0].text == "Justice and Home Affairs Agencies’ Network"
    assert len(document.inline_shapes) == 0


def test_a_figure_s_picture_stands_under_its_caption(years: Path, tmp_path: Path) -> None:
    folder = years / "2023"
    give_figure_picture(folder, "Cooperation instruments with third countries¹", "relex.png",
                        "Map of the cooperation instruments", picture(size=(1600, 900)))
    jhareport.build(folder, tmp_path / "out", draft=True)
    paragraphs = docx.Document(str(tmp_path / "out" / "final-report.docx")).paragraphs
    texts = [p.text for p in paragraphs]
    caption = texts.index("Cooperation instruments with third countries¹")
    [described] = [d.get("descr") for d in paragraphs[caption + 1]._p.iter("{*}docPr")]
    assert described == "Map of the cooperation instruments"
    # as wide as the text, at most (its own size at 96 dpi would be 42 cm)
    [extent] = list(paragraphs[caption + 1]._p.iter("{*}extent"))
    section = docx.Document(str(tmp_path / "out" / "final-report.docx")).sections[-1]
    room = section.page_width - section.left_margin - section.right_margin
    assert abs(int(extent.get("cx")) - room) < 1000 and int(extent.get("cy")) < room
    # a draft says only the missing pictures are missing
    assert not any(t.startswith("[to be completed: picture: Cooperation") for t in texts)
    assert "[to be completed: picture: Figure 1. EUROPOL]" in texts


def test_a_final_build_warns_of_each_figure_shown_without_its_picture(years: Path,
                                                                      tmp_path: Path) -> None:
    folder = years / "2023"
    give_figure_picture(folder, "Figure 1. EUROPOL", "europol.png",
                        "Europol in the EMPACT priorities", picture())
    final = jhareport.build(folder, tmp_path / "final")
    [warning] = [w for w in final.warnings if w.startswith("figures without their picture")]
    assert "Figure 2. EUROJUST" in warning and "Figure 5. EMCDDA" in warning
    assert "Cooperation instruments with third countries¹" in warning
    assert "Figure 1. EUROPOL" not in warning
    # a draft marks the missing pictures on the page instead
    draft = jhareport.build(folder, tmp_path / "draft", draft=True)
    assert not any(w.startswith("figures without") for w in draft.warnings)


def huge_png(width: int, height: int) -> bytes:
    """A PNG whose header says it is `width` × `height` pixels (a decompression bomb's)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    return (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(header)) + chunk
            + struct.pack(">I", zlib.crc32(chunk)))


@pytest.mark.parametrize("name, content, message", [
    ("logo.gif", b"GIF89a" + b"\x00" * 20, "'logos/logo.gif': not a PNG or JPEG picture"),
    ("logo.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>",
     "'logos/logo.png': not a PNG or JPEG picture"),
    ("bomb.png", huge_png(60_000, 60_000),
     "'logos/bomb.png': 60000 × 60000 pixels: a picture may have 10,000 pixels a side at most"),
    ("broken.jpg", b"\xff\xd8\xff\xe0\x00", "'logos/broken.jpg': a broken JPEG picture"),
])
def test_a_logo_that_is_no_picture_is_refused_with_its_place(years: Path, name: str,
                                                            content: bytes, message: str) -> None:
    folder = with_logos(years, chair=name)
    (folder / "logos" / name).write_bytes(content)
    with pytest.raises(LoadError) as error:
        jhareport.load_year(folder)
    [problem] = error.value.problems
    assert problem.file == folder / "year.yaml" and problem.field == "chair_logo"
    assert problem.line == len((folder / "year.yaml").read_text().splitlines())
    assert message in problem.message


def test_a_picture_too_large_or_outside_the_year_is_refused(years: Path, tmp_path: Path) -> None:
    folder = with_logos(years, network="big.png", chair="../../outside.png")
    (folder / "logos" / "big.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * (11 * 1024 * 1024))
    (years / "outside.png").write_bytes(picture())
    with pytest.raises(LoadError) as error:
        jhareport.load_year(folder)
    messages = {p.field: p.message for p in error.value.problems}
    assert "'logos/big.png': too large (11.5 MB): a picture may hold 10 MB at most" in \
        messages["network_logo"]
    assert "outside the year's folder" in messages["chair_logo"]


def test_a_link_out_of_the_year_and_a_missing_alt_text_are_refused(years: Path,
                                                                   tmp_path: Path) -> None:
    (tmp_path / "elsewhere.png").write_bytes(picture())
    folder = with_logos(years, chair="linked.png")
    os.symlink(tmp_path / "elsewhere.png", folder / "logos" / "linked.png")
    text = (folder / "year.yaml").read_text(encoding="utf-8").replace(
        f"alt: {NETWORK_ALT}", "").replace("{file: logos/network.png, }", "{file: logos/network.png}")
    (folder / "year.yaml").write_text(text, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "jhareport.cli", "check", str(folder)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "field 'chair_logo': the picture 'logos/linked.png': outside the year's folder" in \
        done.stdout + done.stderr
    assert "field 'network_logo': missing field 'alt'" in done.stdout + done.stderr


def test_pictures_made_in_code_are_checked_as_loaded_ones() -> None:
    logo = Picture(picture(), "A logo")
    assert logo.size == (400, 160)
    with pytest.raises(ValueError, match="not a PNG or JPEG picture"):
        Picture(b"GIF89a", "A logo")
    with pytest.raises(ValueError, match="non-empty text"):
        Picture(picture(), " ")
    records = jhareport.load_year(Path(__file__).resolve().parents[1] / "fixtures" / "2023")
    year = attrs.evolve(records.year, chair_logo=logo)
    assert attrs.evolve(records, year=year).year.chair_logo == logo


@pytest.mark.skipif(not office_available(), reason="LibreOffice or a Python with uno is missing")
def test_the_pdf_shows_the_logos_as_figures_with_their_alternative_text(years: Path,
                                                                        tmp_path: Path) -> None:
    from pdfua import validate

    folder = with_logos(years)
    jhareport.build(folder, tmp_path / "out", pdf=True)
    pdf = tmp_path / "out" / "final-report.pdf"
    assert list(validate(str(pdf)).findings) == []
    with pikepdf.open(pdf) as document:
        alts = [str(node.get("/Alt")) for node in _structure(document.Root.StructTreeRoot)
                if node.get("/S") == "/Figure"]
    assert alts[:2] == [NETWORK_ALT, CHAIR_ALT]


def _structure(node: Any) -> Iterator[Any]:
    """The elements of a PDF's structure tree, in document order."""
    kids = node.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary):
            yield kid
            yield from _structure(kid)
