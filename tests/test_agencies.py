"""The registry of agencies and bodies: spellings, renames by date, unknown names."""

from __future__ import annotations

import re
from datetime import date

import pytest
import sources

from jhareport.agencies import AGENCIES, REGISTRY, Agency, Body, BodyKind, UnknownNameError

# The spellings of agencies that the source documents use, and the agency each stands for.
SPELLINGS = {
    "EU-LISA": "eu-LISA",
    "euLISA": "eu-LISA",
    "eu-LISA": "eu-LISA",
    "EU LISA": "eu-LISA",
    "Eu-LISA": "eu-LISA",
    "CEPOL": "CEPOL",
    "Cepol": "CEPOL",
    "EBCGA": "Frontex",
    "FRONTEX": "Frontex",
    "Frontex": "Frontex",
    "EASO": "EUAA",
    "EUAA": "EUAA",
    "EMCDDA": "EUDA",
    "EUDA": "EUDA",
    "EUROPOL": "Europol",
    "EUROJUST": "Eurojust",
    "FRA": "FRA",
    "EIGE": "EIGE",
}


@pytest.mark.parametrize(("spelling", "code"), sorted(SPELLINGS.items()))
def test_every_spelling_resolves_to_its_agency(spelling: str, code: str) -> None:
    agency = REGISTRY.resolve(spelling)
    assert isinstance(agency, Agency)
    assert agency.code == code


def test_spellings_found_in_the_sources_all_resolve() -> None:
    """Every way the sources write eu-LISA, CEPOL, Frontex (EBCGA), EASO/EUAA, EMCDDA is known."""
    found = sources.AGENCY_SPELLINGS
    # the spellings listed in the sources' README must all be there
    assert {"EU-LISA", "euLISA", "eu-LISA", "EBCGA", "Cepol"} <= found
    for spelling in found:
        agency = REGISTRY.resolve(spelling)
        assert isinstance(agency, Agency), spelling
        expected = SPELLINGS.get(spelling) or SPELLINGS.get(spelling.upper())
        assert expected is not None, f"spelling {spelling!r} is not in the table of this test"
        assert agency.code == expected, spelling


def test_old_and_new_names_are_the_same_agency() -> None:
    assert REGISTRY.resolve("EASO") is REGISTRY.resolve("EUAA")
    assert REGISTRY.resolve("EMCDDA") is REGISTRY.resolve("EUDA")
    assert REGISTRY.resolve("EBCGA") is REGISTRY.resolve("Frontex")
    assert REGISTRY.resolve("European Asylum Support Office") is REGISTRY.resolve("EUAA")
    assert REGISTRY.resolve("EASO") is not REGISTRY.resolve("EMCDDA")


@pytest.mark.parametrize(
    ("name", "day", "short"),
    [
        ("EUAA", date(2019, 6, 1), "EASO"),
        ("EASO", date(2023, 6, 1), "EUAA"),
        ("EUAA", date(2022, 1, 18), "EASO"),
        ("EUAA", date(2022, 1, 19), "EUAA"),  # EASO became the EUAA on 19 January 2022
        ("EUDA", date(2023, 12, 31), "EMCDDA"),
        ("EMCDDA", date(2024, 7, 1), "EMCDDA"),
        ("EMCDDA", date(2024, 7, 2), "EUDA"),  # the EMCDDA became the EUDA on 2 July 2024
        ("EBCGA", date(2019, 6, 1), "Frontex"),
        ("EU LISA", date(2019, 6, 1), "eu-LISA"),
    ],
)
def test_agency_is_named_as_on_the_day(name: str, day: date, short: str) -> None:
    assert REGISTRY.resolve(name).short_on(day) == short


def test_full_names_follow_the_renames() -> None:
    euaa = REGISTRY.agency("EUAA")
    assert euaa.full_on(date(2019, 6, 1)) == "European Asylum Support Office"
    assert euaa.full_on(date(2023, 6, 1)) == "European Union Agency for Asylum"
    euda = REGISTRY.agency("EMCDDA")
    assert euda.full_on(date(2024, 1, 1)) == "European Monitoring Centre for Drugs and Drug Addiction"
    assert euda.full_on(date(2024, 7, 2)) == "European Union Drugs Agency"


def test_all_jha_agencies_are_the_nine_of_the_2023_report() -> None:
    nine = list(REGISTRY.resolve_all(["ALL JHA AGENCIES"]))
    assert len(nine) == 9 == len(set(nine))
    assert all(isinstance(a, Agency) for a in nine)
    # The 2023 report's footnote 1 lists the nine members of the network.
    names = re.split(r",\s*|\s+and\s+", sources.ABOUT_NOTES[1].rstrip("."))
    assert len(names) == 9
    assert {REGISTRY.resolve(n) for n in names} == set(nine)
    assert sorted(a.short_on(date(2023, 12, 31)) for a in nine) == sorted(names)


def test_all_jha_agencies_in_any_case_and_among_other_names() -> None:
    found = list(REGISTRY.resolve_all(["Europol", "All JHA agencies"]))
    assert found[0] is REGISTRY.resolve("Europol")
    assert set(found) == set(AGENCIES)


@pytest.mark.parametrize("name", ["DG HOME", "DG JUST", "EEAS", "LIBE Secretariat", "GSC"])
def test_observers_are_bodies_not_agencies(name: str) -> None:
    body = REGISTRY.resolve(name)
    assert isinstance(body, Body)
    assert body.kind is BodyKind.OBSERVER
    with pytest.raises(ValueError, match=f"{re.escape(repr(name))} is .* not an agency of the network"):
        REGISTRY.agency(name)


@pytest.mark.parametrize(
    ("name", "short", "kind"),
    [
        ("General Secretariat of the Council of the EU", "GSC", BodyKind.OBSERVER),
        ("EPPO", "EPPO", BodyKind.EU_BODY),
        ("OLAF", "OLAF", BodyKind.EU_BODY),
        ("European Commission", "European Commission", BodyKind.EU_BODY),
        ("INTERPOL", "INTERPOL", BodyKind.ORGANISATION),
        ("AT", "AT", BodyKind.MEMBER_STATE),
        ("EL", "EL", BodyKind.MEMBER_STATE),
        ("United Kingdom", "UK", BodyKind.COUNTRY),
    ],
)
def test_other_bodies_resolve_as_non_member_bodies(name: str, short: str, kind: BodyKind) -> None:
    body = REGISTRY.resolve(name)
    assert isinstance(body, Body)
    assert body.short == short
    assert body.kind is kind
    assert str(body) == short


def test_member_state_code_gives_its_country() -> None:
    assert REGISTRY.resolve("AT").full == "Austria"
    assert REGISTRY.resolve("EL").full == "Greece"


def test_unknown_name_suggests_the_closest() -> None:
    message = r"unknown agency or body 'Eurojst' \(did you mean 'Eurojust'"
    with pytest.raises(UnknownNameError, match=message) as info:
        REGISTRY.resolve("Eurojst")
    assert info.value.name == "Eurojst"
    assert info.value.suggestions[0] == "Eurojust"


@pytest.mark.parametrize(("typo", "meant"),
                         [("Frontx", "Frontex"), ("Europl", "Europol"), ("CEPLO", "CEPOL")])
def test_typos_of_agencies_suggest_the_agency(typo: str, meant: str) -> None:
    with pytest.raises(UnknownNameError, match=f"did you mean .*'{meant}'"):
        REGISTRY.resolve(typo)


def test_a_name_far_from_any_has_no_suggestion() -> None:
    with pytest.raises(UnknownNameError, match=r"^unknown agency or body 'Zzyzx Qwv'$") as info:
        REGISTRY.resolve("Zzyzx Qwv")
    assert info.value.suggestions == []


def test_all_jha_agencies_is_no_single_name() -> None:
    with pytest.raises(UnknownNameError, match="ALL JHA AGENCIES"):
        REGISTRY.resolve("ALL JHA AGENCIES")
