"""The language a built document declares, which screen readers pronounce its text in: the .docx's
default language is the build's locale (and LibreOffice makes it the PDF's /Lang)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from conftest import FIXTURES
from lxml import etree

import jhareport
from jhareport.word.language import document_language, language_tag

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEMPLATE = Path(jhareport.__file__).parent / "templates" / "acronyms.docx"


def languages(package: bytes) -> tuple[str | None, str | None]:
    """The default language of the styles, and the theme fonts' language."""
    with zipfile.ZipFile(io.BytesIO(package)) as opened:
        styles = etree.fromstring(opened.read("word/styles.xml"))
        settings = etree.fromstring(opened.read("word/settings.xml"))
    default = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    theme = settings.find(f"{W}themeFontLang")
    return (default.get(f"{W}val") if default is not None else None,
            theme.get(f"{W}val") if theme is not None else None)


@pytest.mark.parametrize(("locale", "tag"), [("en", "en-US"), ("fr", "fr-FR"), ("de", "de-DE"),
                                             ("fr_BE", "fr-BE"), ("en_GB", "en-GB")])
def test_language_tag_of_a_locale(locale: str, tag: str) -> None:
    assert language_tag(locale) == tag


def test_a_french_build_declares_french(tmp_path: Path) -> None:
    jhareport.build(FIXTURES / "2023", tmp_path / "fr", locale="fr", allow_untranslated=True)
    jhareport.build(FIXTURES / "2023", tmp_path / "en")
    for name in ("final-report.docx", "acronyms.docx"):
        assert languages((tmp_path / "fr" / name).read_bytes()) == ("fr-FR", "fr-FR")
        assert languages((tmp_path / "en" / name).read_bytes()) == ("en-US", "en-US")


def test_the_same_language_gives_the_same_bytes() -> None:
    template = TEMPLATE.read_bytes()
    assert document_language(template, "en") == template  # already en-US
    french = document_language(template, "fr")
    assert languages(french) == ("fr-FR", "fr-FR")
    assert document_language(french, "fr") == french
    with zipfile.ZipFile(io.BytesIO(template)) as before, zipfile.ZipFile(io.BytesIO(french)) as after:
        assert before.namelist() == after.namelist()
        assert before.read("word/document.xml") == after.read("word/document.xml")
        eastern = etree.fromstring(after.read("word/styles.xml")).find(
            f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
        assert eastern is not None and eastern.get(f"{W}eastAsia") == "en-US"  # other scripts kept


def test_a_document_without_default_run_properties_gets_them() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(TEMPLATE.read_bytes())) as source, \
            zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/styles.xml":
                root = etree.fromstring(data)
                root.remove(root.find(f"{W}docDefaults"))
                data = etree.tostring(root)
            target.writestr(item, data)
    assert languages(document_language(out.getvalue(), "de"))[0] == "de-DE"
