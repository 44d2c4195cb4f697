"""Documents that never mix languages silently: a final build in another language refuses what
is not translated, a draft shows it, and what is allowed to stay in English says so to Word, to
the PDF and so to screen readers; languages jhareport does not write are refused."""

from __future__ import annotations

import re
import shutil
import zipfile
from collections import Counter
from pathlib import Path

import docx
import pytest
from conftest import FIXTURES, office_available
from lxml import etree

import jhareport
from jhareport.cli import main
from jhareport.markup import language_of

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def declared_languages(root: etree._Element) -> list[str]:
    """The languages a document declares for some of its runs (`zxx`, no language, only keeps
    web addresses and acronyms whole: it declares none)."""
    return [e.get(f"{W}val", "") for e in root.iter(f"{W}lang") if e.get(f"{W}val") != "zxx"]


def body(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read("word/document.xml"))


def text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def test_a_final_build_refuses_what_is_not_translated(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    # 2023 has a French edition (below), and no German one.
    with pytest.raises(jhareport.UntranslatedError) as refused:
        jhareport.build(FIXTURES / "2023", tmp_path / "api", locale="de")
    missing = refused.value.missing
    assert len(missing.texts) == 214 and missing.language == "de"
    assert ("meetings", "meeting 'heads-of-agencies'", "title") in missing.texts
    assert "HQ" in missing.acronyms
    assert isinstance(refused.value, jhareport.InputError)
    assert not (tmp_path / "api").exists()

    assert main(["build", str(FIXTURES / "2023"), "--locale", "de", "--out",
                 str(tmp_path / "cli")]) == 2
    error = capsys.readouterr().err
    assert re.search(r"^error: 214 texts of 2023 have no German translation in "
                     r".*fixtures/2023/translations/de:$", error, re.M)
    assert re.search(r"^  highlights: 24 — highlight 'cepol-emcdda-drugs-training' \(title, "
                     r"body\);", error, re.M)
    assert re.search(r"^\d+ acronyms of the list of acronyms have no German meaning in "
                     r".*fixtures/translations/de/glossary\.yaml: AI, ", error, re.M)
    assert "--allow-untranslated" in error and "Traceback" not in error
    assert not (tmp_path / "cli").exists()
    # check says the same
    assert main(["check", str(FIXTURES / "2023"), "--locale", "de"]) == 2
    assert capsys.readouterr().err == error
    # The French edition has every text and meaning: nothing is missing.
    french = jhareport.untranslated(FIXTURES / "2023", "fr")
    assert not french and french.texts == () and french.acronyms == ()


def test_texts_allowed_to_stay_in_english_are_declared_english(tmp_path: Path) -> None:
    result = jhareport.build(FIXTURES / "2023", tmp_path, locale="de", allow_untranslated=True)
    assert any(re.match(r"214 of \d+ texts of 2023 have no German translation", w)
               for w in result.warnings)
    document = body(tmp_path / "final-report.docx")
    runs = list(document.iter(f"{W}r"))
    english = [r for r in runs if (lang := r.find(f"{W}rPr/{W}lang")) is not None
               and lang.get(f"{W}val") == "en-US"]
    # A record's text (|rich), its heading (heading()) and a label a template writes in a
    # table cell ({{ entry.label }}) alike.
    said = {text(r) for r in english}
    assert "Heads of Agencies meeting" in said
    assert any(t.startswith("Senior representatives of JHA Agencies") for t in said)
    assert "Presentation of the JHAAN Annual Report 2023 to COSI" in said
    # German words around them are not: the cover, the headings the catalogs translate.
    assert not any("Horizontale Sitzungen" in text(r) for r in english)
    # The label's run keeps the cell's properties; the date beside it is German, undeclared.
    [cell] = [p for p in document.iter(f"{W}p")
              if text(p) == "Presentation of the JHAAN Annual Report 2023 to COSI"]
    assert cell.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "TableText"
    assert not list(document.iter(f"{W}highlight"))  # not a draft: nothing highlighted
    # The list of acronyms: meanings left in English are declared so.
    acronyms = body(tmp_path / "acronyms.docx")
    meanings = {text(r) for r in acronyms.iter(f"{W}r") if r.find(f"{W}rPr/{W}lang") is not None}
    assert "headquarters" in meanings


def test_a_draft_highlights_what_is_not_translated(tmp_path: Path) -> None:
    jhareport.build(FIXTURES / "2023", tmp_path, locale="de", draft=True)
    document = body(tmp_path / "final-report.docx")
    marked = [r for r in document.iter(f"{W}r") if (h := r.find(f"{W}rPr/{W}highlight")) is not None
              and h.get(f"{W}val") == "cyan"]
    # English, but for web addresses and the like kept whole, which are of no language (zxx)
    languages = [r.find(f"{W}rPr/{W}lang").get(f"{W}val") for r in marked]
    assert marked and set(languages) <= {"en-US", "zxx"} and languages.count("en-US") > len(marked) / 2
    assert "Heads of Agencies meeting" in {text(r) for r in marked}


def test_an_english_build_marks_nothing(tmp_path: Path) -> None:
    jhareport.build(FIXTURES / "2023", tmp_path)
    assert not declared_languages(body(tmp_path / "final-report.docx"))
    records = jhareport.load_year(FIXTURES / "2023")
    assert language_of(records.meetings[0].title) is None
    # Records without a translation say they are English; the French edition's are French.
    assert language_of(jhareport.load_year(FIXTURES / "2023", locale="de").meetings[0].body) == "en"
    assert language_of(jhareport.load_year(FIXTURES / "2023", locale="fr").meetings[0].body) is None


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_language_jhareport_does_not_write_is_refused(
        command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = [command, str(FIXTURES / "2019"), "--locale", "es"]
    if command == "build":
        args += ["--out", str(tmp_path / "out"), "--allow-untranslated"]
    assert main(args) == 2
    error = capsys.readouterr().err
    assert ("no documents in Spanish ('es'): jhareport writes them in English (en), German "
            "(de), French (fr)") in error
    assert not (tmp_path / "out").exists()
    with pytest.raises(jhareport.BuildError, match="no documents in Spanish"):
        jhareport.build(FIXTURES / "2019", tmp_path / "api", locale="es_MX")
    # A region of a language jhareport writes is that language.
    jhareport.build(FIXTURES / "2019", tmp_path / "be", locale="fr_BE", allow_untranslated=True)


def test_the_french_list_of_acronyms_names_each_agency_once(tmp_path: Path) -> None:
    jhareport.build(FIXTURES / "2023", tmp_path, locale="fr", allow_untranslated=True)
    table = docx.Document(str(tmp_path / "acronyms.docx")).tables[0]
    rows = [(r.cells[0].text, r.cells[1].text) for r in table.rows][1:]
    twice = [meaning for meaning, count in Counter(m for _, m in rows).items() if count > 1]
    assert twice == []
    shorts = {short for short, _ in rows}
    assert {"OEDT", "AUEA", "SEAE", "AESM"} <= shorts
    assert not {"EMCDDA", "EUAA", "EEAS", "EMSA"} & shorts


def test_a_glossary_translation_gives_the_languages_acronym(tmp_path: Path) -> None:
    for name in ("2023", "empact"):  # 2023 in English, without its French edition
        shutil.copytree(FIXTURES / name, tmp_path / name,
                        ignore=shutil.ignore_patterns("translations"))
    (tmp_path / "glossary.yaml").write_bytes((FIXTURES / "glossary.yaml").read_bytes())
    translations = tmp_path / "translations" / "fr"
    translations.mkdir(parents=True)
    (translations / "glossary.yaml").write_text(
        "- short: HQ\n  written: QG\n  long: quartier général\n", encoding="utf-8")
    jhareport.build(tmp_path / "2023", tmp_path / "out", locale="fr", allow_untranslated=True)
    table = docx.Document(str(tmp_path / "out" / "acronyms.docx")).tables[0]
    rows = dict((r.cells[0].text, r.cells[1].text) for r in table.rows)
    # The English texts say HQ: it counts for the French entry, listed once, as French writes it.
    assert rows["QG"] == "quartier général" and "HQ" not in rows


@pytest.mark.skipif(not office_available(), reason="needs LibreOffice")
def test_the_pdf_declares_the_english_passages(tmp_path: Path) -> None:
    import pikepdf

    jhareport.build(FIXTURES / "2023", tmp_path, locale="de", allow_untranslated=True, pdf=True)
    with pikepdf.open(tmp_path / "final-report.pdf") as pdf:
        assert str(pdf.Root.Lang) == "de-DE"
        found: Counter[str] = Counter()
        stack = [pdf.Root.StructTreeRoot]
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Array):
                stack.extend(node)
            elif isinstance(node, pikepdf.Dictionary):
                if "/Lang" in node:
                    found[str(node.Lang)] += 1
                if "/K" in node:
                    stack.append(node.K)
    assert found["en-US"] > 100


FRENCH_2023 = FIXTURES / "2023" / "translations" / "fr"


@pytest.mark.skipif(not FRENCH_2023.is_dir(), reason="the French edition of 2023 is not in "
                    "fixtures/2023/translations/fr")
@pytest.mark.skipif(not office_available(), reason="needs LibreOffice")
def test_the_french_edition_of_2023_holds_no_english_sentence(tmp_path: Path) -> None:
    import subprocess

    from jhareport.exchange.coverage import record_texts

    jhareport.build(FIXTURES / "2023", tmp_path, locale="fr", pdf=True)  # nothing left out
    pages = subprocess.run(["pdftotext", str(tmp_path / "final-report.pdf"), "-"],
                           capture_output=True, text=True, check=True).stdout
    words = " ".join(re.sub(r"-\n(?=[a-zà-ÿ])", "", pages).split())
    english = jhareport.load_year(FIXTURES / "2023")
    sentences = {" ".join(s.split()) for text in record_texts(english)
                 for s in re.split(r"(?<=[.;:!?])\s+", text) if len(s.split()) >= 8}
    assert sentences
    left = sorted(s for s in sentences if s.rstrip(".;:") in words)
    assert left == []
    for sentence in ("List of events organised in", "The table of contents is refreshed",
                     "Justice and Home Affairs Agencies’ Network"):
        assert sentence not in words
    table = docx.Document(str(tmp_path / "acronyms.docx")).tables[0]
    assert "LIBE" in {r.cells[0].text for r in table.rows}  # the commission LIBE, by its acronym
    meanings = Counter(r.cells[1].text for r in table.rows)
    assert [m for m, count in meanings.items() if count > 1] == []
    assert not declared_languages(body(tmp_path / "acronyms.docx"))
    assert not declared_languages(body(tmp_path / "final-report.docx"))
    # A translator who exports it again finds every unit done, the acronyms French writes as
    # English does among them.
    exported = jhareport.export_translations(FIXTURES / "2023", tmp_path / "fr.xlf", to="fr")
    assert (exported.units, exported.translated, exported.review) == (545, 545, 0)
    assert jhareport.export_translations(FIXTURES / "2023", tmp_path / "left.xlf", to="fr",
                                         untranslated=True).units == 0
