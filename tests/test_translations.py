"""A year's own translations of its texts: `translations/<language>/` beside its files."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import docx
import pytest
from conftest import FIXTURES, write_folder

import jhareport
from jhareport.cli import main
from jhareport.loading import LoadError, load_year

FRENCH = {
    "translations/fr/meetings.yaml": """
        # The Heads of Agencies meeting, in French
        - id: heads-of-agencies
          title: Réunion annuelle des chefs des agences JAI
          body: |
            Les hauts représentants des agences JAI se sont réunis au siège de l'EUAA à Malte ;
            le COREPER en a été informé.
        """,
    "translations/fr/year.yaml": """
        foreword:
          title: Avant-propos de la directrice exécutive de l'EUAA
          text: |
            L'Agence de l'Union européenne pour l'asile a pris la présidence du réseau en
            janvier 2023.
        """,
    "translations/fr/highlights.yaml": """
        - id: euaa-fra-guardians-publications
          title: Publications communes de l'EUAA et de la FRA pour les tuteurs d'enfants
        """,
    "translations/fr/outline.yaml": """
        - {}
        - {}
        - {}
        - {}
        - sections:
            - heading: Rencontres horizontales du réseau
        """,
}


def _year(folder: Path) -> Path:
    """fixtures/2023, with the files it links to, in a folder of its own."""
    for name in ("2023", "empact"):
        shutil.copytree(FIXTURES / name, folder / name)
    shutil.copy(FIXTURES / "glossary.yaml", folder / "glossary.yaml")
    return folder / "2023"


def _paragraphs(path: Path) -> list[tuple[str, str]]:
    document = docx.Document(str(path))
    return [(p.style.name if p.style is not None else "", p.text) for p in document.paragraphs]


def _acronyms(path: Path) -> list[str]:
    document = docx.Document(str(path))
    return [row.cells[0].text for table in document.tables for row in table.rows]


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The English build before the translations are written, then the French and English
    builds with them."""
    root = tmp_path_factory.mktemp("translations")
    year = _year(root)
    english_before = jhareport.build(year, root / "en-before")
    write_folder(year, FRENCH)
    french = jhareport.build(year, root / "fr", locale="fr")
    english_after = jhareport.build(year, root / "en-after")
    return {"year": year, "root": root, "fr": french, "en-before": english_before,
            "en-after": english_after}


def test_a_french_build_shows_the_years_french_texts(builds: dict[str, object]) -> None:
    root = builds["root"]
    assert isinstance(root, Path)
    paragraphs = _paragraphs(root / "fr" / "final-report.docx")
    headings = [text for style, text in paragraphs if style.startswith("Heading")]
    texts = [text for _, text in paragraphs]
    assert "Avant-propos de la directrice exécutive de l'EUAA" in headings
    assert "Réunion annuelle des chefs des agences JAI" in headings
    assert "Rencontres horizontales du réseau" in headings
    assert "Publications communes de l'EUAA et de la FRA pour les tuteurs d'enfants" in headings
    assert any(t.startswith("Les hauts représentants des agences JAI se sont réunis") for t in texts)
    assert any(t.startswith("L'Agence de l'Union européenne pour l'asile a pris") for t in texts)
    # What was translated is gone; what was not stays as written.
    assert "Heads of Agencies meeting" not in headings
    assert "Foreword by the Executive Director of the EUAA" not in headings
    assert not any(t.startswith("Senior representatives of JHA Agencies, the network's") for t in texts)
    assert "Crisis Communication Coaching for Heads of Agencies" in headings
    assert "Europol-Eurojust cooperation in the area of core international crimes" in headings
    assert any(t.startswith("CEPOL and EMCDDA have been collaborating") for t in texts)


def test_the_list_of_acronyms_reads_the_translated_texts(builds: dict[str, object]) -> None:
    root = builds["root"]
    assert isinstance(root, Path)
    assert "COREPER" not in _acronyms(root / "en-before" / "acronyms.docx")
    assert "COREPER" in _acronyms(root / "fr" / "acronyms.docx")


def test_the_build_says_once_how_many_texts_are_not_translated(
        builds: dict[str, object], tmp_path: Path) -> None:
    french = builds["fr"]
    assert isinstance(french, jhareport.BuildResult)
    notes = [w for w in french.warnings if "French translation" in w]
    assert len(notes) == 1
    found = re.match(r"(\d+) of (\d+) texts of 2023 have no French translation in .*"
                     r"translations/fr: they stay as written$", notes[0])
    assert found, notes[0]
    missing, total = int(found.group(1)), int(found.group(2))
    records = load_year(FIXTURES / "2023")
    assert total > 2 * (len(records.meetings) + len(records.highlights))
    assert 0 < missing < total

    # One more text translated: one fewer without translation, out of as many.
    year = _year(tmp_path)
    write_folder(year, {**FRENCH, "translations/fr/priorities.yaml": """
        - id: digitalisation-innovation
          title: Numérisation et innovation
        """})
    again = jhareport.build(year, tmp_path / "fr", locale="fr")
    assert [w for w in again.warnings if "French translation" in w] == [
        notes[0].replace(f"{missing} of {total}", f"{missing - 1} of {total}").replace(
            str(builds["year"]), str(year))]


def test_an_english_build_ignores_the_translations(builds: dict[str, object]) -> None:
    root = builds["root"]
    assert isinstance(root, Path)
    before = sorted((root / "en-before").iterdir())
    assert [p.name for p in before] == [p.name for p in sorted((root / "en-after").iterdir())]
    for path in before:
        assert path.read_bytes() == (root / "en-after" / path.name).read_bytes(), path.name
    english = builds["en-after"]
    assert isinstance(english, jhareport.BuildResult)
    assert not any("translation" in w for w in english.warnings)


def test_the_api_takes_a_locales_language_and_records_made_in_code_are_as_given(
        builds: dict[str, object], tmp_path: Path) -> None:
    year = builds["year"]
    assert isinstance(year, Path)
    belgian = load_year(year, locale="fr_BE")
    assert belgian.meetings[0].title == "Réunion annuelle des chefs des agences JAI"
    assert belgian.highlights[2].title.startswith("Publications communes")
    assert load_year(year).meetings[0].title == "Heads of Agencies meeting"
    assert load_year(year, locale="de").meetings[0].title == "Heads of Agencies meeting"

    jhareport.build(load_year(year), tmp_path / "out", locale="fr")
    headings = [t for s, t in _paragraphs(tmp_path / "out" / "final-report.docx")
                if s.startswith("Heading")]
    assert "Heads of Agencies meeting" in headings
    assert "Réunion annuelle des chefs des agences JAI" not in headings


# -- bad translations are refused as bad fixtures are ---------------------------------------------

BAD = {
    "unknown-id": ("meetings.yaml", """
        - id: heads-of-agency
          title: Réunion
        """, r"translations/fr/meetings\.yaml:1: meeting 'heads-of-agency', field 'id': the year "
         r"has no meeting 'heads-of-agency' \(did you mean 'heads-of-agencies'\?\)"),
    "unknown-field": ("highlights.yaml", """
        - id: euaa-fra-guardians-publications
          title: Publications communes
          titel: Publications communes
        """, r"translations/fr/highlights\.yaml:3: highlight 'euaa-fra-guardians-publications', "
         r"field 'titel': unknown field 'titel' \(did you mean 'title'\?\)"),
    "a-date": ("timeline.yaml", """
        - label: Présentation au COSI
          date: 23 February 2023
        """, r"translations/fr/timeline\.yaml:2: timeline entry #1, field "
         r"'date': 'date' is no text: only texts are translated \(here: label\)"),
    "a-kind": ("meetings.yaml", """
        - id: heads-of-agencies
          kind: horizontal
        """, r"translations/fr/meetings\.yaml:2: meeting 'heads-of-agencies', field 'kind': "
         r"'kind' is no text: only texts are translated \(here: title, body, place, sessions\)"),
    "agencies": ("highlights.yaml", """
        - id: euaa-fra-guardians-publications
          agencies: [EUAA]
        """, r"translations/fr/highlights\.yaml:2: highlight 'euaa-fra-guardians-publications', "
         r"field 'agencies': 'agencies' is no text"),
    "bad-markup": ("year.yaml", """
        executive_summary: |
          Un résumé avec une note[^9] sans texte.
        """, r"translations/fr/year\.yaml:1: year, field 'executive_summary': footnote \[\^9\] "
         r"has no text"),
    "beyond-the-list": ("timeline.yaml", """
        - {}
        - {}
        - {}
        - {}
        - label: Une cinquième entrée
        """, r"translations/fr/timeline\.yaml:5: timeline entry #5: the year "
         r"has 4 timeline entry records here; this is number 5"),
    "no-such-file-in-the-year": ("conclusions.yaml", """
        intro: Les conclusions.
        """, r"translations/fr/conclusions\.yaml: the year has no conclusions\.yaml"),
    "not-a-file-of-a-year": ("meeting.yaml", """
        - id: heads-of-agencies
        """, r"translations/fr/meeting\.yaml: not a file of the year whose texts can be "
         r"translated \(did you mean 'meetings\.yaml'\?\)"),
    "not-text": ("highlights.yaml", """
        - id: euaa-fra-guardians-publications
          title: [Publications, communes]
        """, r"translations/fr/highlights\.yaml:2: highlight 'euaa-fra-guardians-publications', "
         r"field 'title': expected a text, got a list"),
    "twice": ("highlights.yaml", """
        - id: euaa-fra-guardians-publications
          title: Publications
        - id: euaa-fra-guardians-publications
          title: Publications communes
        """, r"translations/fr/highlights\.yaml:3: highlight 'euaa-fra-guardians-publications', "
         r"field 'id': a second translation of highlight 'euaa-fra-guardians-publications' "
         r"\(first at line 1\)"),
}


@pytest.fixture(scope="module")
def year_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _year(tmp_path_factory.mktemp("bad"))


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_translation_is_refused_with_its_file_and_line(
        case: str, year_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    name, text, message = BAD[case]
    shutil.rmtree(year_copy / "translations", ignore_errors=True)
    write_folder(year_copy, {f"translations/fr/{name}": text})
    assert main(["build", str(year_copy), "--out", str(tmp_path / "out"), "--locale", "fr"]) == 2
    error = capsys.readouterr().err
    assert re.search(message, error), error
    assert "Traceback" not in error
    assert not (tmp_path / "out").exists()
    assert load_year(year_copy).year.year == 2023  # English records do not read them


def test_a_translation_leading_outside_the_year_is_refused(
        year_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.rmtree(year_copy / "translations", ignore_errors=True)
    outside = write_folder(tmp_path / "elsewhere", {"highlights.yaml": """
        - id: euaa-fra-guardians-publications
          title: Publications communes
        """})
    (year_copy / "translations" / "fr").mkdir(parents=True)
    os.symlink(outside / "highlights.yaml", year_copy / "translations/fr/highlights.yaml")
    with pytest.raises(LoadError, match=r"translations/fr/highlights\.yaml: leads outside the "
                                        r"fixtures"):
        load_year(year_copy, locale="fr")


def test_check_with_a_locale_checks_the_translations(
        year_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.rmtree(year_copy / "translations", ignore_errors=True)
    write_folder(year_copy, {"translations/de/highlights.yaml": """
        - id: euaa-fra-guardians-publication
          title: Gemeinsame Veröffentlichungen
        """})
    assert main(["check", str(year_copy)]) == 0
    capsys.readouterr()
    assert main(["check", str(year_copy), "--locale", "de"]) == 2
    assert re.search(r"translations/de/highlights\.yaml:1: highlight "
                     r"'euaa-fra-guardians-publication', field 'id': the year has no highlight "
                     r"'euaa-fra-guardians-publication' \(did you mean "
                     r"'euaa-fra-guardians-publications'\?\)", capsys.readouterr().err)
    write_folder(year_copy, {"translations/de/highlights.yaml": """
        - id: euaa-fra-guardians-publications
          title: Gemeinsame Veröffentlichungen
        """})
    assert main(["check", str(year_copy), "--locale", "de"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^note: \d+ of \d+ texts of 2023 have no German translation in ", out, re.M)


def test_a_year_without_translations_into_the_language_lays_nothing_over_its_files(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A French build of a year that gives no French texts reads its files as an English one
    does: no translation is looked for in them, and no note is made."""
    from jhareport import loading

    def laid(*args: object, **kwargs: object) -> None:
        raise AssertionError("a translation was laid over a year that has none")

    monkeypatch.setattr(loading.Overlay, "lay", laid)
    records, notes = loading.load_year_and_notes(FIXTURES / "2019", "fr")
    assert notes == ()
    assert records == load_year(FIXTURES / "2019")
