"""The exchange with translators: export to XLIFF 1.2, a CAT tool's work (translate-toolkit, as
Trados or memoQ would), import into translations/<language>/, and the build that reads it."""

from __future__ import annotations

import copy
import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import FIXTURES
from lxml import etree
from translate.storage import xliff
from translate.storage.placeables import StringElem

import jhareport
from jhareport.cli import main

SCHEMAS = Path(__file__).with_name("xliff")
X = "{urn:oasis:names:tc:xliff:document:1.2}"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def declared_languages(root: etree._Element) -> list[str]:
    """The languages a document declares for some of its runs (`zxx`, no language, only keeps
    web addresses and acronyms whole: it declares none)."""
    return [e.get(f"{W}val", "") for e in root.iter(f"{W}lang") if e.get(f"{W}val") != "zxx"]

# A highlight written with everything a text may hold: bold, italics, a link, a footnote whose
# own text has italics, and a list.
RICH = """
- id: child-protection-report
  title: Joint report on child protection
  agencies: [EUAA, FRA]
  body: |
    The **joint report** on *child protection* was published
    [online](https://example.europa.eu/report) in May[^1].

    - first point
    - second point

    [^1]: See the *annex*.
"""
RICH_UNIT = "highlights.yaml:child-protection-report/body"
# The French of each run of words of the unit, in order (the tags stay where they are).
RICH_FRENCH = ["Le ", "rapport conjoint", " sur la ", "protection de l'enfance",
               " a été publié ", "en ligne", " en mai", ".", "premier point", "second point",
               "Voir l'", "annexe", "."]


def schema() -> etree.XMLSchema:
    """The XLIFF 1.2 strict schema (tests/xliff/README.md says where it comes from), with the
    W3C's xml.xsd it imports read from beside it, never from the network."""

    class Local(etree.Resolver):
        def resolve(self, url: str, pubid: str, context: object) -> object:
            if url.endswith("/xml.xsd"):
                return self.resolve_filename(str(SCHEMAS / "xml.xsd"), context)
            return None

    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(Local())
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "xliff-core-1.2-strict.xsd"), parser))


def copy_year(root: Path, year: str = "2023") -> Path:
    for name in (year, "empact"):
        shutil.copytree(FIXTURES / name, root / name)
    shutil.copy(FIXTURES / "glossary.yaml", root / "glossary.yaml")
    return root / year


def translation_files(root: Path) -> dict[str, bytes]:
    """Every translation file under `root` (the year's French edition, the glossary's), read."""
    return {str(p.relative_to(root)): p.read_bytes()
            for p in sorted(root.rglob("translations/**/*")) if p.is_file()}


def with_rich_highlight(year: Path) -> None:
    path = year / "highlights.yaml"
    path.write_text(path.read_text(encoding="utf-8") + RICH, encoding="utf-8")


def translated_runs(element: StringElem, words: list[str] | None) -> StringElem:
    """A target made from a source as a CAT tool makes it: the tags kept, each run of words
    replaced (by the next of `words`, or wrapped in «» when none are given)."""
    made = copy.deepcopy(element)
    for leaf in made.depth_first():
        if type(leaf) is StringElem and leaf.sub and all(isinstance(s, str) for s in leaf.sub):
            text = "".join(leaf.sub)
            if text.strip():
                leaf.sub = [words.pop(0) if words is not None else f"«{text}»"]
    return made


def translate_file(path: Path, out: Path) -> int:
    """Translate every unit of an export with translate-toolkit (acronyms left as they are),
    as a translator in a CAT tool; the number of units translated."""
    store = xliff.xlifffile.parsestring(path.read_bytes())
    done = 0
    for unit in store.units:
        if unit.isheader() or unit.getid().endswith("/written"):
            continue
        words = list(RICH_FRENCH) if unit.getid().endswith(RICH_UNIT) else None
        unit.rich_target = [translated_runs(part, words) for part in unit.rich_source]
        done += 1
    out.write_bytes(bytes(store))
    return done


@pytest.fixture(scope="module")
def exchange(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """2023 with a rich highlight, exported, translated in a CAT tool, imported, built."""
    root = tmp_path_factory.mktemp("exchange")
    year = copy_year(root)
    with_rich_highlight(year)
    exported = root / "2023-fr.xlf"
    assert main(["translations", "export", str(year), "--to", "fr", "--out", str(exported)]) == 0
    translated = root / "2023-fr-done.xlf"
    translate_file(exported, translated)
    assert main(["translations", "import", str(translated), "--into", str(year)]) == 0
    assert main(["build", str(year), "--locale", "fr", "--out", str(root / "out")]) == 0
    return {"root": root, "year": year, "exported": exported, "translated": translated,
            "out": root / "out"}


def units(path: Path) -> dict[str, etree._Element]:
    tree = etree.parse(str(path))
    return {u.get("id"): u for u in tree.iter(f"{X}trans-unit")}


def test_the_export_is_valid_xliff_1_2_and_a_cat_tool_reads_every_unit(
        exchange: dict[str, Path]) -> None:
    exported = exchange["exported"]
    xsd = schema()
    assert xsd.validate(etree.parse(str(exported))), xsd.error_log
    found = units(exported)
    store = xliff.xlifffile.parsestring(exported.read_bytes())
    assert len([u for u in store.units if not u.isheader()]) == len(found)
    records = jhareport.load_year(exchange["year"])
    # Every text a reader sees, one unit each, named by its record and field.
    assert "meetings.yaml:heads-of-agencies/title" in found
    assert "meetings.yaml:heads-of-agencies/sessions/2023-11-21/timeline" in found
    assert "timeline.yaml:2024-01-01..2024-06-30~2/label" in found
    assert "outline.yaml:thematic-events/text" in found
    assert "../glossary.yaml:SIS/long" in found
    assert sum(1 for u in found if u.startswith("highlights.yaml:")) == 2 * len(records.highlights)
    # The note tells the translator where the text stands.
    note = found["meetings.yaml:heads-of-agencies/body"].find(f"{X}note").text
    assert note == ("meetings.yaml: meeting 'heads-of-agencies', body (“Heads of Agencies "
                    "meeting”); in 5.1. Horizontal meetings")


def test_markdown_travels_as_inline_codes_not_as_syntax(exchange: dict[str, Path]) -> None:
    source = units(exchange["exported"])[RICH_UNIT].find(f"{X}source")
    words = "".join(source.itertext())
    codes = [(etree.QName(c).localname, c.get("ctype"), c.text) for c in source]
    assert codes == [
        ("bpt", "bold", "**"), ("ept", None, "**"), ("bpt", "italic", "*"), ("ept", None, "*"),
        ("bpt", "link", "["), ("ept", None, "](https://example.europa.eu/report)"),
        ("ph", "x-footnote", "[^1]"), ("ph", "lb", "\n\n- "), ("ph", "lb", "\n- "),
        ("ph", "x-footnote-text", "\n\n[^1]: "), ("bpt", "italic", "*"), ("ept", None, "*")]
    prose = "".join(t for t in [source.text, *(c.tail for c in source)] if t)
    assert prose == ("The joint report on child protection was published online in May."
                     "first pointsecond pointSee the annex.")
    assert words.startswith("The **joint report** on")  # the codes hold the Markdown


def _text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def test_the_round_trip_gives_french_documents_with_their_formatting(
        exchange: dict[str, Path]) -> None:
    report = docx.Document(str(exchange["out"] / "final-report.docx"))
    with zipfile.ZipFile(exchange["out"] / "final-report.docx") as package:
        body = etree.fromstring(package.read("word/document.xml"))
        footnotes = etree.fromstring(package.read("word/footnotes.xml"))
    [paragraph] = [p for p in body.iter(f"{W}p") if _text(p).startswith("Le rapport conjoint")]
    assert _text(paragraph) == ("Le rapport conjoint sur la protection de l'enfance a été "
                                "publié en ligne en mai.")
    runs = list(paragraph.iter(f"{W}r"))
    assert [_text(r) for r in runs if r.find(f"{W}rPr/{W}b") is not None] == ["rapport conjoint"]
    assert [_text(r) for r in runs if r.find(f"{W}rPr/{W}i") is not None] == [
        "protection de l'enfance"]
    [link] = paragraph.iter(f"{W}hyperlink")
    assert _text(link) == "en ligne"
    relationship = link.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
    assert report.part.rels[relationship].target_ref == "https://example.europa.eu/report"
    [mark] = paragraph.iter(f"{W}footnoteReference")
    [note] = [n for n in footnotes.iter(f"{W}footnote") if n.get(f"{W}id") == mark.get(f"{W}id")]
    assert _text(note).strip() == "Voir l'annexe."
    assert [_text(r) for r in note.iter(f"{W}r") if r.find(f"{W}rPr/{W}i") is not None] == [
        "annexe"]
    items = [(p.style.name, p.text) for p in report.paragraphs
             if p.text in ("premier point", "second point")]
    assert items == [("List Bullet", "premier point"), ("List Bullet", "second point")]
    # Every text came back: the final build needed no --allow-untranslated, and no run is
    # declared in another language than the document's.
    assert not declared_languages(body)


def test_importing_the_same_file_twice_changes_nothing(
        exchange: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    year = exchange["year"]
    files = sorted(p for p in (year.parent).rglob("translations/**/*") if p.is_file())
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files}
    assert main(["translations", "import", str(exchange["translated"]), "--into",
                 str(year)]) == 0
    assert capsys.readouterr().out.startswith("0 translations into French imported, ")
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files} == before


def test_the_translation_files_are_the_years_shape_with_stable_keys(
        exchange: dict[str, Path]) -> None:
    meetings = (exchange["year"] / "translations/fr/meetings.yaml").read_text(encoding="utf-8")
    assert "- id: heads-of-agencies\n  title: «Heads of Agencies meeting»\n" in meetings
    assert ("  sessions:\n    - date: 21 November 2023\n      timeline: «JHAAN Heads of Agencies "
            "meeting»\n") in meetings
    glossary = (exchange["root"] / "translations/fr/glossary.yaml").read_text(encoding="utf-8")
    assert "- short: SIS\n  long: «Schengen Information System»\n" in glossary


def _copy_translated(exchange: dict[str, Path], root: Path) -> Path:
    for name in ("2023", "empact", "translations"):
        shutil.copytree(exchange["root"] / name, root / name)
    shutil.copy(exchange["root"] / "glossary.yaml", root / "glossary.yaml")
    return root / "2023"


def test_reordered_records_keep_their_translations(exchange: dict[str, Path],
                                                   tmp_path: Path) -> None:
    year = _copy_translated(exchange, tmp_path)
    timeline = year / "timeline.yaml"
    first, second, *rest = timeline.read_text(encoding="utf-8").split("- date: ")[1:]
    timeline.write_text("".join(f"- date: {e}" for e in (second, first, *rest)), encoding="utf-8")
    meetings = year / "meetings.yaml"
    text = meetings.read_text(encoding="utf-8")
    june = ("    - date: 8 June 2023\n      timeline: Trio Heads of Agencies meeting with the "
            "incoming Spanish Presidency\n")
    december = ("    - date: 5 December 2023\n      timeline: Trio Heads of Agencies meeting with "
                "the incoming Belgian Presidency\n")
    assert june + december in text
    meetings.write_text(text.replace(june + december, december + june), encoding="utf-8")
    records = jhareport.load_year(year, locale="fr")
    assert [e.label for e in records.timeline][:2] == [
        "«Presentation of EUAA Presidency activities and JHAAN priorities for 2023 to LIBE»",
        "«Presentation of the EUAA Presidency activities and JHAAN priorities for 2023 to COSI»"]
    trio = next(m for m in records.meetings if m.id == "trio-council-presidency-meetings")
    assert [s.timeline for s in trio.sessions] == [
        "«Trio Heads of Agencies meeting with the incoming Belgian Presidency»",
        "«Trio Heads of Agencies meeting with the incoming Spanish Presidency»"]


def test_a_changed_english_text_is_marked_for_review(exchange: dict[str, Path],
                                                      tmp_path: Path) -> None:
    year = _copy_translated(exchange, tmp_path)
    meetings = year / "meetings.yaml"
    meetings.write_text(meetings.read_text(encoding="utf-8").replace(
        "title: Heads of Agencies meeting", "title: Annual Heads of Agencies meeting"),
        encoding="utf-8")
    out = tmp_path / "again.xlf"
    result = jhareport.export_translations(year, out, to="fr")
    assert (result.translated, result.review) == (result.units - 0 - _untranslated(out), 1)
    unit = units(out)["meetings.yaml:heads-of-agencies/title"]
    assert unit.find(f"{X}source").text == "Annual Heads of Agencies meeting"
    assert unit.find(f"{X}target").get("state") == "needs-review-translation"
    assert unit.find(f"{X}target").text == "«Heads of Agencies meeting»"
    previous = unit.find(f"{X}alt-trans")
    assert previous.get("alttranstype") == "previous-version"
    assert previous.find(f"{X}source").text == "Heads of Agencies meeting"
    assert schema().validate(etree.parse(str(out)))
    # Only what is missing: the unit to review, and the acronyms nobody adapted yet.
    missing = tmp_path / "missing.xlf"
    jhareport.export_translations(year, missing, to="fr", untranslated=True)
    assert [u for u in units(missing) if not u.startswith("../")] == [
        "meetings.yaml:heads-of-agencies/title"]


def _untranslated(path: Path) -> int:
    return sum(1 for u in units(path).values() if u.find(f"{X}target") is None)


# -- the import refuses a bad file whole -----------------------------------------------------------


def _edit(path: Path, unit_id: str, target: str, state: str = "translated") -> bytes:
    text = path.read_text(encoding="utf-8")
    start = text.index(f'<trans-unit id="{unit_id}"')
    end = text.index("</trans-unit>", start)
    unit = text[start:end]
    unit = re.sub(r"<target[^>]*>.*?</target>", "", unit, flags=re.S)
    unit = unit.replace("</source>", f'</source><target state="{state}">{target}</target>', 1)
    return (text[:start] + unit + text[end:]).encode("utf-8")


BAD_UNITS = {
    "missing-code": (RICH_UNIT, '<bpt id="1" ctype="bold">**</bpt>Le rapport<ept id="1">**</ept>',
                     r"the code 2 \(italic\) is missing"),
    "crossed-codes": ("year.yaml:about",
                      '<bpt id="1" ctype="bold">**</bpt>Le réseau<ph id="2" ctype="x-footnote">'
                      '[^1]</ph> et<ph id="3" ctype="x-footnote">[^2]</ph><ph id="4" ctype="lb">'
                      '</ph><ept id="1">**</ept><ph id="5" ctype="lb"></ph>'
                      '<ph id="6" ctype="x-footnote-text"></ph>x<ph id="7" ctype="x-footnote-text">'
                      '</ph>y', r"the code 1 \(bold\) is not closed before a new paragraph"),
    "unknown-code": ("meetings.yaml:heads-of-agencies/body", 'Les <ph id="9">x</ph>agences',
                     r"the code 9 is not one of the source's"),
    "code-in-a-title": ("meetings.yaml:heads-of-agencies/title",
                        'Réunion <bpt id="1" ctype="bold">**</bpt>annuelle<ept id="1">**</ept>',
                        r"a plain text \(a title, a name\) takes no tags"),
    "empty-target": ("meetings.yaml:heads-of-agencies/title", "  ",
                     r"an empty target in the state 'translated'"),
    "control-character": ("meetings.yaml:heads-of-agencies/title", "Réunion\u0085annuelle",
                          r"the character U\+0085 cannot stand in a document"),
    "a-noncharacter": ("meetings.yaml:heads-of-agencies/title", "Réunion\ufdd0",
                       r"the character U\+FDD0 cannot stand in a document"),
    "unknown-id": ("meetings.yaml:heads-of-agencies/title", "Réunion",
                   r"the year has no such text"),
}


@pytest.mark.parametrize("case", sorted(BAD_UNITS))
def test_a_bad_unit_is_refused_with_its_id_and_line_and_nothing_is_written(
        case: str, exchange: dict[str, Path], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    unit_id, target, message = BAD_UNITS[case]
    data = _edit(exchange["exported"], unit_id, target)
    if case == "unknown-id":
        data = data.replace(f'id="{unit_id}"'.encode(), b'id="meetings.yaml:heads-of-agency/title"')
        unit_id = "meetings.yaml:heads-of-agency/title"
    bad = tmp_path / "bad.xlf"
    bad.write_bytes(data)
    year = copy_year(tmp_path)
    with_rich_highlight(year)
    before = translation_files(tmp_path)
    assert main(["translations", "import", str(bad), "--into", str(year)]) == 2
    error = capsys.readouterr().err
    line = data[:data.index(f'<trans-unit id="{unit_id}"'.encode())].count(b"\n") + 1
    assert re.search(rf"^  {re.escape(str(bad))}:{line}: unit {re.escape(repr(unit_id))}: "
                     + message, error, re.M), error
    assert "Traceback" not in error
    # The year's French edition is as it was, and the glossary has no translation yet.
    assert translation_files(tmp_path) == before
    assert not (tmp_path / "translations").exists()


def test_the_no_break_spaces_of_french_typography_are_kept(tmp_path: Path) -> None:
    year = copy_year(tmp_path)
    exported = tmp_path / "2023-fr.xlf"
    jhareport.export_translations(year, exported, to="fr")
    edited = tmp_path / "edited.xlf"
    edited.write_bytes(_edit(exported, "meetings.yaml:heads-of-agencies/title",
                             "Réunion des chefs d’agence\u00a0: «\u202fbilan\u202f»"))
    edited.write_bytes(_edit(edited, "priorities.yaml:digitalisation-innovation/body",
                             "Les activités porteront sur deux thèmes\u202f: l’IA\u202f;\n"
                             "  la biométrie\u202f!"))
    jhareport.import_translations(edited, year)
    french = jhareport.load_year(year, locale="fr")
    # A CAT tool's line break and indentation are a space; the no-break spaces stay.
    assert french.meetings[0].title == "Réunion des chefs d’agence\u00a0: «\u202fbilan\u202f»"
    [body] = french.priorities[0].body.blocks
    assert body.text == "Les activités porteront sur deux thèmes\u202f: l’IA\u202f; la biométrie\u202f!"


def test_an_acronym_given_the_form_of_another_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    year = copy_year(tmp_path)
    exported = tmp_path / "2023-fr.xlf"
    jhareport.export_translations(year, exported, to="fr")
    # The glossary has UE (an English text wrote it) beside EU: EU cannot be written UE too.
    bad = tmp_path / "bad.xlf"
    bad.write_bytes(_edit(exported, "../glossary.yaml:EU/written", "UE"))
    assert main(["translations", "import", str(bad), "--into", str(year)]) == 2
    error = capsys.readouterr().err
    data = bad.read_bytes()
    line = data[:data.index(b'<trans-unit id="../glossary.yaml:EU/written"')].count(b"\n") + 1
    assert (f"{bad}:{line}: unit '../glossary.yaml:EU/written': 'UE' is already another "
            "acronym of the glossary (UE): a list of acronyms has one entry per acronym (leave "
            "EU as it is written, or give it another form)") in error
    assert not (tmp_path / "translations").exists()

    # Written by hand, the glossary's translation is refused where it says so.
    glossary = tmp_path / "translations" / "fr" / "glossary.yaml"
    glossary.parent.mkdir(parents=True)
    glossary.write_text("- short: EU\n  written: UE\n  long: Union européenne\n", encoding="utf-8")
    assert main(["check", str(year), "--locale", "fr"]) == 2
    error = capsys.readouterr().err
    assert (f"{glossary}:2: acronym 'EU', field 'written': 'UE' is already another acronym of "
            "the glossary (UE)") in error
    assert "glossary.yaml:" not in error.replace(str(glossary), "")  # not the English glossary's

    # A form given can be taken back: EU written as EU again.
    glossary.write_text("- short: EU\n  written: EUR\n  long: Union européenne\n",
                        encoding="utf-8")
    assert jhareport.load_year(year, locale="fr").glossary[0].short != "EUR"  # not the first
    assert any(a.short == "EUR" for a in jhareport.load_year(year, locale="fr").glossary)
    back = tmp_path / "back.xlf"
    back.write_bytes(_edit(exported, "../glossary.yaml:EU/written", "EU"))
    jhareport.import_translations(back, year)
    shorts = {a.short for a in jhareport.load_year(year, locale="fr").glossary}
    assert "EU" in shorts and "EUR" not in shorts


@pytest.mark.parametrize(("data", "message"), [
    (b'<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY a "aaaaaaaaaa">]>\n<xliff/>',
     r"bad\.xlf:2: a DOCTYPE or an entity declaration: an XLIFF file has none"),
    (b"<xliff version='1.2' xmlns='urn:oasis:names:tc:xliff:document:1.2'><file",
     r"bad\.xlf:1: not well-formed XML"),
    (b"<html/>", r"bad\.xlf:1: not an XLIFF 1\.2 document: the root element is <html>"),
    (b"<xliff version='2.0' xmlns='urn:oasis:names:tc:xliff:document:1.2'/>",
     r"XLIFF version '2\.0': only XLIFF 1\.2 is read"),
    (b"<xliff version='1.2' xmlns='urn:oasis:names:tc:xliff:document:1.2'><file original="
     b"'2023/year.yaml' source-language='en' target-language='es' datatype='plaintext'>"
     b"<body/></file></xliff>", r"no documents in Spanish \('es'\): jhareport writes them in "
     r"English \(en\), German \(de\), French \(fr\)"),
    (b"<xliff version='1.2' xmlns='urn:oasis:names:tc:xliff:document:1.2'><file original="
     b"'2022/year.yaml' source-language='en' target-language='fr' datatype='plaintext'>"
     b"<body/></file></xliff>", r"bad\.xlf:1: the file holds texts of '2022' "
     r"\('2022/year\.yaml'\), not of 2023"),
])
def test_a_file_that_is_no_translation_of_the_year_is_refused(
        data: bytes, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.xlf"
    bad.write_bytes(data)
    year = copy_year(tmp_path)
    before = translation_files(tmp_path)
    assert main(["translations", "import", str(bad), "--into", str(year)]) == 2
    error = capsys.readouterr().err
    assert re.search(message, error), error
    assert "Traceback" not in error
    assert translation_files(tmp_path) == before


def test_a_file_too_large_is_refused_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    from jhareport.exchange import translators

    monkeypatch.setattr(translators, "MAX_BYTES", 1000)
    big = tmp_path / "big.xlf"
    big.write_bytes(b" " * 2000)
    assert main(["translations", "import", str(big), "--into", str(FIXTURES / "2023")]) == 2
    assert "too large" in capsys.readouterr().err


def test_every_record_of_every_kind_is_exported(tmp_path: Path) -> None:
    """Texts are found by their type, whatever the record: 2017's conclusions, priority areas
    and tables, 2019's scorecard, as any record a year will hold."""
    for year, wanted in (("2017", ["conclusions.yaml:groups/#1/points/#1",
                                   "priority-areas.yaml:migration-asylum-border-management/"
                                   "key_activities/#2/title",
                                   "outline.yaml:introduction/text"]),
                         ("2019", ["scorecard/structure.yaml:parts/A/title",
                                   "scorecard/actions.yaml:#1/detail"])):
        out = tmp_path / f"{year}.xlf"
        jhareport.export_translations(FIXTURES / year, out, to="de")
        found = units(out)
        for unit in wanted:
            assert unit in found, (unit, sorted(found)[:20])
        assert schema().validate(etree.parse(str(out)))
        # One unit per text the year leaves untranslated, and none more (the glossaries', the
        # network's and the year's own, are the acronyms' meanings: counted apart, those used).
        assert len([u for u in found if not u.startswith(("../", "acronyms.yaml:"))]) \
            == len(jhareport.untranslated(FIXTURES / year, "de").texts)


def test_export_refuses_english_and_languages_it_does_not_write(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for language, message in (("en", "the records are written in English"),
                              ("es", "no documents in Spanish")):
        assert main(["translations", "export", str(FIXTURES / "2023"), "--to", language,
                     "--out", str(tmp_path / "x.xlf")]) == 2
        assert message in capsys.readouterr().err
    assert not (tmp_path / "x.xlf").exists()
