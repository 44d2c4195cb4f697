"""The registry of the network's agencies and of the other bodies its documents name.

Agencies and bodies change names (EASO became the EUAA, the EMCDDA became the EUDA, ENISA's long
name changed in 2013 and 2019) and the sources spell them in many ways (EU-LISA, euLISA, eu-LISA;
Frontex, EBCGA). Records hold registry entries, never spellings, so that a report shows every
agency and body by the name it had in the report's year.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from datetime import date
from enum import Enum

from attrs import field, frozen

__all__ = [
    "AGENCIES",
    "REGISTRY",
    "Actor",
    "Agency",
    "AgencyName",
    "Body",
    "BodyKind",
    "Registry",
    "UnknownNameError",
]


@frozen
class AgencyName:
    """A name an agency or body bore from a date on."""

    since: date | None = field(metadata={"doc": "the day the name was taken (none for the first name)"})
    short: str = field(metadata={"doc": "the short name, e.g. EASO"})
    full: str = field(metadata={"doc": "the full name, e.g. European Asylum Support Office"})


class _Named:
    """What agencies and bodies share: names through time."""

    names: tuple[AgencyName, ...]

    def name_on(self, day: date) -> AgencyName:
        """The name borne on that day."""
        current = self.names[0]
        for name in self.names:
            if name.since is None or name.since <= day:
                current = name
        return current

    def name_written(self, written: str, day: date) -> AgencyName | None:
        """The name whose short form is `written` (in any case or spelling: EASO, Easo), the one
        borne on that day if the short form served several names (ENISA); None if no name's."""
        same = [n for n in self.names if _key(n.short) == _key(written)]
        borne = [n for n in same if n.since is None or n.since <= day]
        return borne[-1] if borne else same[0] if same else None

    def short_on(self, day: date) -> str:
        return self.name_on(day).short

    def full_on(self, day: date) -> str:
        return self.name_on(day).full

    @property
    def short(self) -> str:
        """The current short name."""
        return self.names[-1].short

    @property
    def full(self) -> str:
        """The current full name."""
        return self.names[-1].full

    def __str__(self) -> str:
        return self.short


@frozen
class Agency(_Named):
    """A member agency of the network."""

    code: str = field(metadata={"doc": "the registry's code, the same across renamings, e.g. EUAA"})
    names: tuple[AgencyName, ...] = field(
        metadata={"doc": "the names the agency bore, oldest first; `|agency` picks the report year's"})
    spellings: tuple[str, ...] = field(
        default=(), metadata={"doc": "other spellings the sources use, e.g. EBCGA for Frontex"})


class BodyKind(Enum):
    """What kind of non-member body a name stands for."""

    OBSERVER = "observer"
    EU_BODY = "EU body"
    MEMBER_STATE = "member state"
    COUNTRY = "country"
    ORGANISATION = "organisation"


@frozen
class Body(_Named):
    """A body that is not a member of the network: an observer, another EU body, a state."""

    names: tuple[AgencyName, ...] = field(
        metadata={"doc": "the names the body bore, oldest first (short, e.g. DG HOME, and full); "
                         "`|agency` and `|agency_full` pick the report year's"})
    kind: BodyKind = field(metadata={"doc": "observer, EU body, member state, country or organisation"})
    spellings: tuple[str, ...] = field(
        default=(), metadata={"doc": "other spellings the sources use, e.g. COM for the European Commission"})


Actor = Agency | Body


_History = tuple[tuple[str | None, str, str], ...]


def _names(history: _History) -> tuple[AgencyName, ...]:
    return tuple(AgencyName(date.fromisoformat(since) if since else None, short, full)
                 for since, short, full in history)


def _agency(code: str, *names: tuple[str | None, str, str], spellings: tuple[str, ...] = ()) -> Agency:
    return Agency(code=code, names=_names(names), spellings=spellings)


AGENCIES: tuple[Agency, ...] = (
    _agency(
        "CEPOL",
        (None, "CEPOL", "European Police College"),
        ("2016-07-01", "CEPOL", "European Union Agency for Law Enforcement Training"),
    ),
    _agency("EIGE", (None, "EIGE", "European Institute for Gender Equality")),
    _agency(
        "EUDA",
        (None, "EMCDDA", "European Monitoring Centre for Drugs and Drug Addiction"),
        ("2024-07-02", "EUDA", "European Union Drugs Agency"),
    ),
    _agency(
        "EUAA",
        (None, "EASO", "European Asylum Support Office"),
        ("2022-01-19", "EUAA", "European Union Agency for Asylum"),
    ),
    _agency(
        "eu-LISA",
        (
            None,
            "eu-LISA",
            "European Agency for the operational management of large-scale IT systems "
            "in the area of freedom, security and justice",
        ),
        (
            "2018-12-11",
            "eu-LISA",
            "European Union Agency for the Operational Management of Large-Scale IT Systems "
            "in the Area of Freedom, Security and Justice",
        ),
        spellings=("EU LISA", "EULISA"),
    ),
    _agency(
        "Eurojust",
        (None, "Eurojust", "European Union's Judicial Cooperation Unit"),
        ("2019-12-12", "Eurojust", "European Union Agency for Criminal Justice Cooperation"),
    ),
    _agency(
        "Europol",
        (None, "Europol", "European Police Office"),
        ("2017-05-01", "Europol", "European Union Agency for Law Enforcement Cooperation"),
    ),
    _agency("FRA", (None, "FRA", "European Union Agency for Fundamental Rights")),
    _agency(
        "Frontex",
        (None, "Frontex", "European Agency for the Management of Operational Cooperation at the "
                          "External Borders of the Member States of the European Union"),
        ("2016-10-06", "Frontex", "European Border and Coast Guard Agency"),
        spellings=("EBCGA", "EBCG"),
    ),
)

_O, _E, _M, _C, _G = (
    BodyKind.OBSERVER,
    BodyKind.EU_BODY,
    BodyKind.MEMBER_STATE,
    BodyKind.COUNTRY,
    BodyKind.ORGANISATION,
)

# Each body: its short name, its full name (or the history of its names, oldest first, for a body
# renamed since the network's first reports), its kind and other spellings.
_BODIES: tuple[tuple[str, str | _History, BodyKind, tuple[str, ...]], ...] = (
    ("DG HOME", "Directorate-General for Migration and Home Affairs", _O, ("HOME",)),
    ("DG JUST", "Directorate-General for Justice and Consumers", _O, ("JUST",)),
    ("EEAS", "European External Action Service", _O, ()),
    ("LIBE Secretariat", "Secretariat of the European Parliament's LIBE Committee", _O, ()),
    ("GSC", "General Secretariat of the Council of the EU", _O,
     ("General Secretariat of the Council", "General Secretariat of the Council of the EU",
      "Council Secretariat")),
    ("European Commission", "European Commission", _E, ("COM", "Commission", "EC")),
    ("DG NEAR", "Directorate-General for Neighbourhood and Enlargement Negotiations", _E, ()),
    ("DG SANTE", "Directorate-General for Health and Food Safety", _E, ()),
    ("DG DIGIT", "Directorate-General for Informatics", _E, ("DIGIT",)),
    ("DG ECHO", "Directorate-General for European Civil Protection and Humanitarian Aid Operations",
     _E, ()),
    ("DG INTPA", "Directorate-General for International Partnerships", _E, ()),
    ("OLAF", "European Anti-Fraud Office", _E, ()),
    ("EPPO", "European Public Prosecutor's Office", _E, ()),
    ("ENISA", ((None, "ENISA", "European Network and Information Security Agency"),
               ("2013-06-19", "ENISA", "European Union Agency for Network and Information Security"),
               ("2019-06-27", "ENISA", "European Union Agency for Cybersecurity")), _E, ()),
    ("CERT-EU", ((None, "CERT-EU", "Computer Emergency Response Team for the EU institutions, "
                                   "bodies and agencies"),
                 ("2024-01-07", "CERT-EU", "Cybersecurity Service for the Union institutions, "
                                           "bodies, offices and agencies")), _E, ()),
    ("EFCA", "European Fisheries Control Agency", _E, ()),
    ("EMSA", "European Maritime Safety Agency", _E, ()),
    ("EASA", ((None, "EASA", "European Aviation Safety Agency"),
              ("2018-09-11", "EASA", "European Union Aviation Safety Agency")), _E, ()),
    ("EUIPO", ((None, "OHIM", "Office for Harmonization in the Internal Market"),
               ("2016-03-23", "EUIPO", "European Union Intellectual Property Office")), _E, ()),
    ("ECDC", "European Centre for Disease Prevention and Control", _E, ()),
    ("Eurofound", "European Foundation for the Improvement of Living and Working Conditions",
     _E, ()),
    ("EJTN", "European Judicial Training Network", _G, ()),
    ("ESDC", "European Security and Defence College", _E, ()),
    ("EUAN", "EU Agencies Network", _G, ("EU Agencies Network",)),
    ("EU-ANSA", "EU Agencies Network on Scientific Advice", _G, ()),
    ("EDPS", "European Data Protection Supervisor", _E, ()),
    ("EUNAVFOR MED", "European Union Naval Force Mediterranean", _E,
     ("EUNAVFOR MED Operation Sophia", "EUNAVFORMED")),
    ("EU SatCen", "European Union Satellite Centre", _E, ("SATCEN", "EU SATCEN")),
    ("INTERPOL", "International Criminal Police Organization", _G, ()),
    ("UNHCR", "United Nations High Commissioner for Refugees", _G, ()),
    ("IOM", "International Organization for Migration", _G, ()),
    ("UNODC", "United Nations Office on Drugs and Crime", _G, ()),
    ("Council of Europe", "Council of Europe", _G, ("CoE",)),
    ("OSCE", "Organization for Security and Co-operation in Europe", _G, ()),
    ("COSI", "Standing Committee on Operational Cooperation on Internal Security", _E, ()),
    ("LIBE Committee", "European Parliament's Committee on Civil Liberties, Justice and Home Affairs", _E,
     ("LIBE",)),
    ("Council presidency", "Presidency of the Council of the European Union", _E,
     ("Presidency", "Council Presidency")),
    ("EUCPN", "European Crime Prevention Network", _G, ()),
    ("GDISC", "General Directors' Immigration Services Conference", _G, ()),
    ("IGC", "Intergovernmental Consultations on Migration, Asylum and Refugees", _G, ()),
    ("ETF", "European Training Foundation", _E, ()),
    ("EPRS", "European Parliamentary Research Service", _E, ()),
    ("USDSS", "United States Diplomatic Security Service", _C, ()),
    ("All MS", "All EU member states", _M, ("All EU MS", "MS", "Member States", "EU MS")),
    ("Third parties", "Third parties", _C, ("TP", "TPs", "third countries", "TCs")),
    ("EU agencies and bodies", "Other EU agencies and bodies", _E,
     ("EU Agencies/Bodies", "EU agencies", "EU bodies")),
    *((f"{adjective} Presidency", f"{adjective} Presidency of the Council of the EU", _E, ())
      for adjective in ("Romanian", "Finnish", "Croatian", "German", "Portuguese", "Slovenian",
                        "French", "Czech", "Swedish", "Spanish", "Belgian", "Hungarian", "Polish",
                        "Danish", "Cypriot", "Irish", "Lithuanian", "Greek", "Italian", "Latvian",
                        "Luxembourg", "Maltese", "Dutch", "Slovak", "Estonian", "Bulgarian",
                        "Austrian")),
    # EU member states, by their EU code.
    ("AT", "Austria", _M, ()), ("BE", "Belgium", _M, ()), ("BG", "Bulgaria", _M, ()),
    ("HR", "Croatia", _M, ()), ("CY", "Cyprus", _M, ()), ("CZ", "Czechia", _M, ()),
    ("DK", "Denmark", _M, ()), ("EE", "Estonia", _M, ()), ("FI", "Finland", _M, ()),
    ("FR", "France", _M, ()), ("DE", "Germany", _M, ()), ("EL", "Greece", _M, ("GR",)),
    ("HU", "Hungary", _M, ()), ("IE", "Ireland", _M, ()), ("IT", "Italy", _M, ()),
    ("LV", "Latvia", _M, ()), ("LT", "Lithuania", _M, ()), ("LU", "Luxembourg", _M, ()),
    ("MT", "Malta", _M, ()), ("NL", "Netherlands", _M, ()), ("PL", "Poland", _M, ()),
    ("PT", "Portugal", _M, ()), ("RO", "Romania", _M, ()), ("SK", "Slovakia", _M, ()),
    ("SI", "Slovenia", _M, ()), ("ES", "Spain", _M, ()), ("SE", "Sweden", _M, ()),
    # Countries outside the EU that the sources name as partners.
    ("NO", "Norway", _C, ()), ("CH", "Switzerland", _C, ()), ("IS", "Iceland", _C, ()),
    ("LI", "Liechtenstein", _C, ()), ("UK", "United Kingdom", _C, ("GB",)),
    ("RS", "Serbia", _C, ()), ("AL", "Albania", _C, ()), ("ME", "Montenegro", _C, ()),
    ("MK", "North Macedonia", _C, ()), ("BA", "Bosnia and Herzegovina", _C, ()),
    ("XK", "Kosovo", _C, ()), ("MD", "Moldova", _C, ()), ("UA", "Ukraine", _C, ()),
    ("TR", "Türkiye", _C, ("Turkey",)),
)

ALL_AGENCIES = "ALL JHA AGENCIES"


def _key(name: str) -> str:
    """Fold a spelling so that EU-LISA, eu-LISA, euLISA and EU LISA meet."""
    return re.sub(r"[\s\-_.']+", "", name).casefold()


class UnknownNameError(ValueError):
    """A name that the registry does not know, with the closest known ones."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        hint = f" (did you mean {' or '.join(repr(s) for s in suggestions)}?)" if suggestions else ""
        super().__init__(f"unknown agency or body {name!r}{hint}")
        self.name = name
        self.suggestions = suggestions


@frozen
class Registry:
    """Every agency and body a record may name, looked up by any known spelling."""

    agencies: tuple[Agency, ...]
    bodies: tuple[Body, ...]
    _index: dict[str, Actor] = field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        index: dict[str, Actor] = {}
        for agency in self.agencies:
            for spelling in (agency.code, *agency.spellings,
                             *(n.short for n in agency.names), *(n.full for n in agency.names)):
                index[_key(spelling)] = agency
        for body in self.bodies:
            for spelling in (*(n.short for n in body.names), *(n.full for n in body.names),
                             *body.spellings):
                index.setdefault(_key(spelling), body)
        object.__setattr__(self, "_index", index)

    def resolve(self, name: str) -> Actor:
        """The agency or body a spelling stands for; UnknownNameError if there is none."""
        found = self._index.get(_key(name))
        if found is None:
            spellings = sorted({s for a in self.agencies for s in (a.code, *(n.short for n in a.names))}
                               | {b.short for b in self.bodies})
            by_key = {_key(s): s for s in spellings}
            close = difflib.get_close_matches(_key(name), list(by_key), n=2, cutoff=0.6)
            raise UnknownNameError(name, [by_key[c] for c in close])
        return found

    def find(self, name: str) -> Actor | None:
        """The agency or body a spelling stands for, or None (quick: no suggestions)."""
        return self._index.get(_key(name))

    def resolve_all(self, names: Iterable[str]) -> Iterator[Actor]:
        """Resolve each name; "ALL JHA AGENCIES" stands for the nine agencies."""
        for name in names:
            if _key(name) == _key(ALL_AGENCIES):
                yield from self.agencies
            else:
                yield self.resolve(name)

    def agency(self, name: str) -> Agency:
        """The member agency a spelling stands for; ValueError for a non-member body."""
        found = self.resolve(name)
        if not isinstance(found, Agency):
            raise ValueError(f"{name!r} is {found.full}, not an agency of the network")
        return found


REGISTRY = Registry(
    agencies=AGENCIES,
    bodies=tuple(Body(_names(((None, short, full),) if isinstance(full, str) else full), kind, spellings)
                 for short, full, kind, spellings in _BODIES),
)
