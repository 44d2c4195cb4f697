"""The list of acronyms and the warning for unknown ones: what a reader looks up, what a chair
is told to add."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import docx
import pytest
from conftest import FIXTURES
from hypothesis import example, given, settings
from hypothesis import strategies as st

import jhareport
from jhareport.i18n import own_words
from jhareport.records import Acronym
from jhareport.views import _WORD, _words, scan_acronyms

GLOSSARY = [
    Acronym("CRI", "common risk indicator"),
    Acronym("EU", "European Union"),
    Acronym("JAD", "Joint Action Day"),
    Acronym("JIT", "Joint Investigation Team"),
    Acronym("MMST", "Migration Management Support Team"),
    Acronym("TC", "third country"),
]
END_2017, END_2019, END_2023 = date(2017, 12, 31), date(2019, 12, 31), date(2023, 12, 31)


def listed(text: str, glossary: list[Acronym] = GLOSSARY, as_of: date = END_2023,
           **options: object) -> dict[str, str]:
    scan = scan_acronyms([text], glossary, as_of=as_of, **options)  # type: ignore[arg-type]
    return {a.short: a.long for a in scan.used}


def unlisted(text: str, glossary: list[Acronym] = GLOSSARY, **options: object) -> list[str]:
    return scan_acronyms([text], glossary, as_of=END_2023, **options).unlisted  # type: ignore[arg-type]


def test_acronyms_used_only_in_the_plural_are_listed() -> None:
    text = "Agencies shared CRIs, set up JITs and MMSTs, and trained officers of TCs."
    assert listed(text) == {"CRI": "common risk indicator", "JIT": "Joint Investigation Team",
                            "MMST": "Migration Management Support Team", "TC": "third country"}
    assert unlisted(text) == []


def test_joined_acronyms_count_for_their_entries() -> None:
    glossary = [*GLOSSARY, Acronym("EU-OSHA", "European Agency for Safety and Health at Work"),
                Acronym("LS-JAD", "large-scale Joint Action Day")]
    text = "EU-OSHA took part in two LS-JADs."
    assert listed(text, glossary) == {"EU-OSHA": "European Agency for Safety and Health at Work",
                                      "LS-JAD": "large-scale Joint Action Day"}
    assert unlisted(text, glossary) == []


def test_an_unknown_joined_acronym_is_reported_whole() -> None:
    text = "EU-OSHA and the LS-JAD of May; ENI-funded projects."
    assert unlisted(text) == ["ENI", "EU-OSHA", "LS-JAD"]
    # the known parts are still listed
    assert set(listed(text)) == {"EU", "JAD"}


def test_agencies_and_bodies_are_listed_with_the_name_of_the_year() -> None:
    text = "ENISA and EASO met the EUAA."
    assert listed(text, [], as_of=END_2017) == {
        "ENISA": "European Union Agency for Network and Information Security",
        "EASO": "European Asylum Support Office", "EUAA": "European Union Agency for Asylum"}
    assert listed(text, [], as_of=END_2019)["ENISA"] == "European Union Agency for Cybersecurity"
    # a text of 2023 that names EASO gets EASO's own name, not the EUAA's
    assert listed(text, [], as_of=END_2023)["EASO"] == "European Asylum Support Office"


def test_a_body_named_in_a_facts_line_is_listed() -> None:
    assert listed("Participants: EPRS and DG HOME.", []) == {
        "DG HOME": "Directorate-General for Migration and Home Affairs",
        "EPRS": "European Parliamentary Research Service"}


def test_libe_and_the_libe_committee_are_one_entry() -> None:
    assert listed("Presented to LIBE. The LIBE Committee asked questions.", []) == {
        "LIBE Committee": "European Parliament's Committee on Civil Liberties, Justice and Home Affairs"}


def test_in_french_the_libe_committee_is_listed_by_its_acronym() -> None:
    # French names it "commission LIBE", words and an acronym: the list gives the acronym, once,
    # with the French name, whether a text says LIBE or, left in English, LIBE Committee.
    text = "Présenté à la commission LIBE. The LIBE Committee asked questions."
    assert listed(text, [], locale="fr") == {
        "LIBE": "Commission des libertés civiles, de la justice et des affaires intérieures"}


def test_classification_markings_are_not_acronyms() -> None:
    text = "Shared as RESTREINT UE/EU RESTRICTED, never SECRET UE/EU SECRET or CONFIDENTIAL."
    assert unlisted(text) == []


def test_words_the_code_writes_in_french_are_not_acronyms() -> None:
    text = "Participants : toutes les agences JAI"
    assert unlisted(text) == ["JAI"]  # in a record, an unknown acronym
    assert unlisted(text, not_acronyms=own_words("fr")) == []
    assert "JAI" in own_words("fr") and "JAI" not in own_words("en")


def test_a_french_build_warns_of_no_word_of_its_own(tmp_path: Path) -> None:
    result = jhareport.build(FIXTURES / "2023", tmp_path, locale="fr", allow_untranslated=True)
    assert not any("JAI" in w for w in result.warnings)


def test_2023_list_names_the_bodies_used_and_libe_once(tmp_path: Path) -> None:
    jhareport.build(FIXTURES / "2023", tmp_path)
    document = docx.Document(str(tmp_path / "acronyms.docx"))
    rows = {r.cells[0].text: r.cells[1].text for t in document.tables for r in t.rows}
    assert rows["EPRS"] == "European Parliamentary Research Service"
    assert rows["ENISA"] == "European Union Agency for Cybersecurity"
    assert rows["CEPOL"] == "European Union Agency for Law Enforcement Training"
    assert "LIBE Committee" in rows and "LIBE" not in rows


def test_2019_lists_acronyms_used_only_in_the_plural(tmp_path: Path) -> None:
    jhareport.build(FIXTURES / "2019", tmp_path)
    document = docx.Document(str(tmp_path / "acronyms.docx"))
    rows = {r.cells[0].text: r.cells[1].text for t in document.tables for r in t.rows}
    # "MMSTs", "TCs", "JOs", "BCPs", "TCNs": no singular anywhere in the scorecard
    for short in ("MMST", "TC", "JO", "BCP", "TCN"):
        assert short in rows, short
    assert rows["EBCGA"] == "European Border and Coast Guard Agency"


# =============================================================================================
# The glossary's one convention
# =============================================================================================

# Long forms are names as their owners write them (capitals on every word but the small ones),
# or common nouns in lower case. A long form in sentence case ("Migrant smuggling") mixes the
# two; these are names their owners write so.
OWNERS_SENTENCE_CASE = {
    "EC RUE system": "a French name (Système de messagerie Restreint UE)",
    "UE": "a French name",
    "NIS Directive": "the title of a directive, written as EU acts are",
    "LSA": "the EUAA's project, as the 2023 report writes it",
    "ERISSP": "the EMCDDA's instrument, as it writes it",
}
SMALL_WORDS = {"a", "an", "and", "at", "against", "by", "de", "for", "from", "in", "of", "on",
               "or", "plus", "the", "to", "with", "y"}
# Common nouns may open with a proper adjective or an acronym.
PROPER_OPENINGS = {"European", "EU"}


def _glossary() -> list[Acronym]:
    return list(jhareport.load_year(FIXTURES / "2019").glossary)


def test_glossary_long_forms_are_names_or_lower_case() -> None:
    mixed = []
    for entry in _glossary():
        if entry.short in OWNERS_SENTENCE_CASE:
            continue
        long = re.sub(r"\([^()]*(?:\([^()]*\)[^()]*)*\)", "", entry.long)  # explanations aside
        words = [w for w in re.split(r"[\s/]+", long) if w and w[0].isalpha()]
        significant = [w for w in words if w.casefold() not in SMALL_WORDS]
        name = all(w[0].isupper() for w in significant)
        common = words[0][0].islower() or words[0] in PROPER_OPENINGS
        if not (name or common):
            mixed.append(f"{entry.short}: {entry.long}")
    assert mixed == []


def test_glossary_names_agencies_in_full() -> None:
    """One spelling of the agencies' names: "European Union Agency for …", never "EU Agency for"."""
    shortened = [e.short for e in _glossary() if re.search(r"\bEU Agency\b", e.long)]
    assert shortened == []


@pytest.mark.parametrize("short", ["CEPOL", "EASO", "ENISA", "FRA", "LIBE", "LIBE Committee", "DG HOME"])
def test_glossary_leaves_agencies_and_bodies_to_the_registry(short: str) -> None:
    assert short not in {e.short for e in _glossary()}


def test_words_of_web_and_mail_addresses_are_no_acronyms() -> None:
    text = ("See http://data.consilium.europa.eu/doc/document/ST-7021-2017-INIT/en/pdf, "
            "www.ec.europa.eu/JAI/NEWS and CONTACT@EXAMPLE.EU; but ZZQX is one.")
    assert unlisted(text) == ["ZZQX"]


# -- the scan reads each distinct piece of text once: it must find the words one pass would ----

_PHRASES = ["DG HOME", "LIBE Committee", "EU RESTRICTED", "EU TOP SECRET", "TOP SECRET UE"]
_FRAGMENTS = st.sampled_from([*_PHRASES, "DG", "HOME", "EU", "TOP", "SECRET", "x", "é", "9", "_",
                              "-", "+", "'", "(", " ", "  ", "\n", "\t", "\u00a0", "\u2003",
                              "EU-OSHA", "CRIs", "GLACY+", "eu-LISA"])


def _one_pass(texts: list[str], phrases: list[str]) -> set[str]:
    """The words of the texts found by one pattern over each: phrases first, else a word."""
    longest_first = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?:(?:{longest_first})(?![\w-])|{_WORD})")
    return {word for text in texts for word in pattern.findall(text)}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_FRAGMENTS, max_size=12).map("".join), max_size=4))
@example(["xEU TOP SECRET UE"])  # a phrase within a word, and another starting inside it
def test_the_scan_finds_the_words_one_pass_over_each_text_finds(texts: list[str]) -> None:
    assert _words(texts, _PHRASES) == _one_pass(texts, _PHRASES)
