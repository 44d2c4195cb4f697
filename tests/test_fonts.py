"""Fonts of the PDFs: the fonts a document names, as Word resolves them; a warning, with what to
install on Debian, Windows and macOS, when LibreOffice has neither a font nor its
metric-compatible twin (Carlito for Calibri), so that the pages never change silently."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import docx
import pytest
from conftest import needs_carlito, office_available, write_folder
from docx.enum.style import WD_STYLE_TYPE

import jhareport
from jhareport.cli import main
from jhareport.office.fonts import MissingFont, font_warning, missing_fonts
from jhareport.word.fonts import fonts_named

TEMPLATES = Path(jhareport.__file__).parent / "templates"


def saved(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("template", sorted(p.relative_to(TEMPLATES).as_posix()
                                            for p in TEMPLATES.rglob("*.docx")))
def test_the_built_in_templates_are_set_in_calibri(template: str) -> None:
    assert fonts_named((TEMPLATES / template).read_bytes()) == ("Calibri",)


def test_the_fonts_named_follow_styles_themes_and_runs() -> None:
    document = docx.Document()  # its Normal style takes the theme's body font: Cambria
    document.add_paragraph("Body text")
    quote = document.styles.add_style("Garamond Quote", WD_STYLE_TYPE.PARAGRAPH)
    quote.base_style = document.styles["Normal"]
    quote.font.name = "Garamond"
    indented = document.styles.add_style("Indented Quote", WD_STYLE_TYPE.PARAGRAPH)
    indented.base_style = quote  # no font of its own: Garamond, from the style it is based on
    document.add_paragraph("A quotation", style="Indented Quote")
    document.add_paragraph().add_run("Set in Arial").font.name = "Arial"
    unused = document.styles.add_style("Code", WD_STYLE_TYPE.PARAGRAPH)
    unused.font.name = "Courier New"  # a style no paragraph takes names no font of the text
    assert fonts_named(saved(document)) == ("Arial", "Cambria", "Garamond")


def test_a_file_that_is_no_word_package_names_no_font() -> None:
    assert fonts_named(b"not a zip") == ()


def test_a_font_or_its_metric_compatible_twin_will_do() -> None:
    assert missing_fonts(["Calibri"], ["Carlito", "DejaVu Sans"]) == []
    assert missing_fonts(["Calibri"], ["calibri"]) == []
    assert missing_fonts(["Calibri", "Arial"], ["DejaVu Sans", "Liberation Sans"]) == [
        MissingFont("Calibri", ("Carlito",))]
    assert missing_fonts(["Garamond"], ["DejaVu Sans"]) == [MissingFont("Garamond", ())]


@pytest.mark.parametrize(("platform", "how"), [
    ("linux", "Install Carlito: `sudo apt-get install fonts-crosextra-carlito` (Debian, Ubuntu), "
              "then build again"),
    ("win32", "Install Calibri (it comes with Windows and Microsoft Office) or Carlito "
              "(LibreOffice's installer from libreoffice.org brings it), then build again"),
    ("darwin", "Install Calibri (it comes with Microsoft Office) or Carlito (LibreOffice's package "
               "from libreoffice.org brings it; or `brew install --cask font-carlito`), then build "
               "again"),
])
def test_the_warning_says_what_happened_and_how_to_install_the_font_there(platform: str,
                                                                         how: str) -> None:
    assert font_warning(MissingFont("Calibri", ("Carlito",)), platform) == (
        "the PDFs: LibreOffice has neither Calibri nor Carlito, its metric-compatible twin, so it "
        "set their text in another font, whose lines and pages break otherwise than in Word (the "
        f"page numbers of the contents stay true). {how}")


def test_a_font_without_a_twin_is_named_itself() -> None:
    warning = font_warning(MissingFont("Garamond", ()), "linux")
    assert warning.startswith("the PDFs: LibreOffice has no font Garamond, so it set their text")
    assert warning.endswith("Install Garamond (copy its font files into ~/.local/share/fonts), "
                            "then build again")


# --- LibreOffice without Carlito, as fontconfig shows it ------------------------------------------

SYSTEM_FONTCONFIG = Path(os.environ.get("FONTCONFIG_FILE", "/etc/fonts/fonts.conf"))


@pytest.fixture
def without_carlito(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fontconfig, and LibreOffice that asks it, as on a machine without Carlito (nor Calibri):
    the system's configuration with those two fonts rejected."""
    if shutil.which("fc-match") is None or not SYSTEM_FONTCONFIG.is_file():
        pytest.skip("fontconfig is not here: fonts cannot be hidden from LibreOffice")
    rejected = "".join(f"<pattern><patelt name='family'><string>{family}</string></patelt></pattern>"
                       for family in ("Carlito", "Calibri"))
    config = tmp_path / "fonts.conf"
    config.write_text(f"<?xml version='1.0'?><fontconfig><include>{SYSTEM_FONTCONFIG}</include>"
                      f"<selectfont><rejectfont>{rejected}</rejectfont></selectfont></fontconfig>",
                      encoding="utf-8")
    monkeypatch.setenv("FONTCONFIG_FILE", str(config))


def small_year(tmp_path: Path) -> Path:
    return write_folder(tmp_path / "2024", {"year.yaml": "year: 2024\nchair: Europol\n"})


needs_office = pytest.mark.skipif(not office_available(), reason="LibreOffice and python3-uno "
                                  "are not installed (.ci/run installs them)")


@needs_office
def test_a_missing_font_is_said_and_the_pdfs_are_written(
        tmp_path: Path, without_carlito: None, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["build", str(small_year(tmp_path)), "--out", str(out), "--draft", "--pdf"]) == 0
    err = capsys.readouterr().err
    assert ("warning: the PDFs: LibreOffice has neither Calibri nor Carlito, its "
            "metric-compatible twin, so it set their text in another font") in err
    assert "`sudo apt-get install fonts-crosextra-carlito`" in err
    assert (out / "final-report.pdf").is_file() and (out / "acronyms.pdf").is_file()


@needs_office
@needs_carlito
def test_with_carlito_no_font_is_said_missing(tmp_path: Path) -> None:
    result = jhareport.build(small_year(tmp_path), tmp_path / "out", draft=True, pdf=True)
    assert (tmp_path / "out" / "final-report.pdf").is_file()
    assert not [w for w in result.warnings if w.startswith("the PDFs:")]
