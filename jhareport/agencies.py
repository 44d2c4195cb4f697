"""The registry of the network's agencies and of the other bodies its documents name.

Agencies and bodies change names (EASO became the EUAA, the EMCDDA became the EUDA, ENISA's long
name changed in 2013 and 2019) and the sources spell them in many ways (EU-LISA, euLISA, eu-LISA;
Frontex, EBCGA). Records hold registry entries, never spellings, so that a report shows every
agency and body by the name it had in the report's year.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable, Iterator
from datetime import date
from enum import Enum

from attrs import field, frozen
from babel import Locale

__all__ = [
    "AGENCIES",
    "EU_NAMES",
    "REGISTRY",
    "Actor",
    "Agency",
    "AgencyName",
    "Body",
    "BodyKind",
    "Registry",
    "UnknownNameError",
    "acronyms_in_language",
    "full_name",
    "short_name",
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


@frozen(cache_hash=True)  # agencies are keys of many sets and counts: hashed once each
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


@frozen(cache_hash=True)
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


_FOLDED = re.compile(r"[\s\-_.']+")


@functools.lru_cache(maxsize=4096)  # a year names the same few dozen agencies thousands of times
def _key(name: str) -> str:
    """Fold a spelling so that EU-LISA, eu-LISA, euLISA and EU LISA meet."""
    return _FOLDED.sub("", name).casefold()


_ALL_KEY = _key(ALL_AGENCIES)


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
            if _key(name) == _ALL_KEY:
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


# The names the EU gives the agencies and bodies in the other languages of the reports, by the
# English short name they stand for: (short name, full name). A name missing here is the English
# one; member states and other countries are named through Babel, by their ISO code.
_FEMININE_FR = {
    "Romanian": "roumaine", "Finnish": "finlandaise", "Croatian": "croate", "German": "allemande",
    "Portuguese": "portugaise", "Slovenian": "slovène", "French": "française", "Czech": "tchèque",
    "Swedish": "suédoise", "Spanish": "espagnole", "Belgian": "belge", "Hungarian": "hongroise",
    "Polish": "polonaise", "Danish": "danoise", "Cypriot": "chypriote", "Irish": "irlandaise",
    "Lithuanian": "lituanienne", "Greek": "grecque", "Italian": "italienne", "Latvian": "lettone",
    "Luxembourg": "luxembourgeoise", "Maltese": "maltaise", "Dutch": "néerlandaise",
    "Slovak": "slovaque", "Estonian": "estonienne", "Bulgarian": "bulgare",
    "Austrian": "autrichienne",
}
_ADJECTIVE_DE = {
    "Romanian": "rumänisch", "Finnish": "finnisch", "Croatian": "kroatisch", "German": "deutsch",
    "Portuguese": "portugiesisch", "Slovenian": "slowenisch", "French": "französisch",
    "Czech": "tschechisch", "Swedish": "schwedisch", "Spanish": "spanisch", "Belgian": "belgisch",
    "Hungarian": "ungarisch", "Polish": "polnisch", "Danish": "dänisch", "Cypriot": "zyprisch",
    "Irish": "irisch", "Lithuanian": "litauisch", "Greek": "griechisch", "Italian": "italienisch",
    "Latvian": "lettisch", "Luxembourg": "luxemburgisch", "Maltese": "maltesisch",
    "Dutch": "niederländisch", "Slovak": "slowakisch", "Estonian": "estnisch",
    "Bulgarian": "bulgarisch", "Austrian": "österreichisch",
}
EU_NAMES: dict[str, dict[str, tuple[str, str]]] = {
    "fr": {
        "CEPOL": ("CEPOL", "Agence de l’Union européenne pour la formation des services répressifs"),
        "EIGE": ("EIGE", "Institut européen pour l’égalité entre les hommes et les femmes"),
        "EMCDDA": ("OEDT", "Observatoire européen des drogues et des toxicomanies"),
        "EUDA": ("EUDA", "Agence de l’Union européenne sur les drogues"),
        "EASO": ("EASO", "Bureau européen d’appui en matière d’asile"),
        "EUAA": ("AUEA", "Agence de l’Union européenne pour l’asile"),
        "eu-LISA": ("eu-LISA", "Agence de l’Union européenne pour la gestion opérationnelle des "
                               "systèmes d’information à grande échelle au sein de l’espace de "
                               "liberté, de sécurité et de justice"),
        "Eurojust": ("Eurojust",
                     "Agence de l’Union européenne pour la coopération judiciaire en matière pénale"),
        "Europol": ("Europol",
                    "Agence de l’Union européenne pour la coopération des services répressifs"),
        "FRA": ("FRA", "Agence des droits fondamentaux de l’Union européenne"),
        "Frontex": ("Frontex", "Agence européenne de garde-frontières et de garde-côtes"),
        "DG HOME": ("DG HOME", "Direction générale de la migration et des affaires intérieures"),
        "DG JUST": ("DG JUST", "Direction générale de la justice et des consommateurs"),
        "EEAS": ("SEAE", "Service européen pour l’action extérieure"),
        "LIBE Secretariat": ("secrétariat LIBE",
                             "Secrétariat de la commission LIBE du Parlement européen"),
        "GSC": ("SGC", "Secrétariat général du Conseil de l’UE"),
        "European Commission": ("Commission européenne", "Commission européenne"),
        "DG NEAR": ("DG NEAR",
                    "Direction générale du voisinage et des négociations d’élargissement"),
        "DG SANTE": ("DG SANTE", "Direction générale de la santé et de la sécurité alimentaire"),
        "DG DIGIT": ("DG DIGIT", "Direction générale de l’informatique"),
        "DG ECHO": ("DG ECHO", "Direction générale de la protection civile et des opérations "
                               "d’aide humanitaire européennes"),
        "DG INTPA": ("DG INTPA", "Direction générale des partenariats internationaux"),
        "OLAF": ("OLAF", "Office européen de lutte antifraude"),
        "EPPO": ("Parquet européen", "Parquet européen"),
        "ENISA": ("ENISA", "Agence de l’Union européenne pour la cybersécurité"),
        "CERT-EU": ("CERT-UE", "Service de cybersécurité pour les institutions, organes et "
                               "organismes de l’Union"),
        "EFCA": ("AECP", "Agence européenne de contrôle des pêches"),
        "EMSA": ("AESM", "Agence européenne pour la sécurité maritime"),
        "EASA": ("AESA", "Agence de l’Union européenne pour la sécurité aérienne"),
        "EUIPO": ("EUIPO", "Office de l’Union européenne pour la propriété intellectuelle"),
        "ECDC": ("ECDC", "Centre européen de prévention et de contrôle des maladies"),
        "Eurofound": ("Eurofound", "Fondation européenne pour l’amélioration des conditions de "
                                   "vie et de travail"),
        "EJTN": ("REFJ", "Réseau européen de formation judiciaire"),
        "ESDC": ("CESD", "Collège européen de sécurité et de défense"),
        "EUAN": ("EUAN", "Réseau des agences de l’UE"),
        "EU-ANSA": ("EU-ANSA", "Réseau des agences de l’UE pour l’avis scientifique"),
        "EDPS": ("CEPD", "Contrôleur européen de la protection des données"),
        "EUNAVFOR MED": ("EUNAVFOR MED", "Force navale de l’Union européenne en Méditerranée"),
        "EU SatCen": ("CSUE", "Centre satellitaire de l’Union européenne"),
        "INTERPOL": ("INTERPOL", "Organisation internationale de police criminelle"),
        "UNHCR": ("HCR", "Haut-Commissariat des Nations unies pour les réfugiés"),
        "IOM": ("OIM", "Organisation internationale pour les migrations"),
        "UNODC": ("ONUDC", "Office des Nations unies contre la drogue et le crime"),
        "Council of Europe": ("Conseil de l’Europe", "Conseil de l’Europe"),
        "OSCE": ("OSCE", "Organisation pour la sécurité et la coopération en Europe"),
        "COSI": ("COSI", "Comité permanent de coopération opérationnelle en matière de sécurité "
                         "intérieure"),
        "LIBE Committee": ("commission LIBE",
                           "Commission des libertés civiles, de la justice et des affaires "
                           "intérieures"),
        "Council presidency": ("présidence du Conseil",
                               "Présidence du Conseil de l’Union européenne"),
        "EUCPN": ("REPC", "Réseau européen de prévention de la criminalité"),
        "GDISC": ("GDISC", "Conférence des directeurs généraux des services d’immigration"),
        "IGC": ("IGC", "Consultations intergouvernementales sur les migrations, l’asile et les "
                       "réfugiés"),
        "ETF": ("ETF", "Fondation européenne pour la formation"),
        "EPRS": ("EPRS", "Service de recherche du Parlement européen"),
        "USDSS": ("USDSS", "Service de sécurité diplomatique des États-Unis"),
        "All MS": ("tous les États membres", "Tous les États membres de l’UE"),
        "Third parties": ("tiers", "Tiers"),
        "EU agencies and bodies": ("agences et organes de l’UE",
                                   "Autres agences et organes de l’UE"),
        **{f"{adjective} Presidency": (f"présidence {feminine}",
                                       f"Présidence {feminine} du Conseil de l’UE")
           for adjective, feminine in _FEMININE_FR.items()},
    },
    "de": {
        "CEPOL": ("CEPOL", "Agentur der Europäischen Union für die Aus- und Fortbildung auf dem "
                           "Gebiet der Strafverfolgung"),
        "EIGE": ("EIGE", "Europäisches Institut für Gleichstellungsfragen"),
        "EMCDDA": ("EBDD", "Europäische Beobachtungsstelle für Drogen und Drogensucht"),
        "EUDA": ("EUDA", "Drogenagentur der Europäischen Union"),
        "EASO": ("EASO", "Europäisches Unterstützungsbüro für Asylfragen"),
        "EUAA": ("EUAA", "Asylagentur der Europäischen Union"),
        "eu-LISA": ("eu-LISA", "Agentur der Europäischen Union für das Betriebsmanagement von "
                               "IT-Großsystemen im Raum der Freiheit, der Sicherheit und des "
                               "Rechts"),
        "Eurojust": ("Eurojust", "Agentur der Europäischen Union für justizielle Zusammenarbeit "
                                 "in Strafsachen"),
        "Europol": ("Europol", "Agentur der Europäischen Union für die Zusammenarbeit auf dem "
                               "Gebiet der Strafverfolgung"),
        "FRA": ("FRA", "Agentur der Europäischen Union für Grundrechte"),
        "Frontex": ("Frontex", "Europäische Agentur für die Grenz- und Küstenwache"),
        "DG HOME": ("GD HOME", "Generaldirektion Migration und Inneres"),
        "DG JUST": ("GD JUST", "Generaldirektion Justiz und Verbraucher"),
        "EEAS": ("EAD", "Europäischer Auswärtiger Dienst"),
        "LIBE Secretariat": ("LIBE-Sekretariat",
                             "Sekretariat des LIBE-Ausschusses des Europäischen Parlaments"),
        "GSC": ("GSR", "Generalsekretariat des Rates der EU"),
        "European Commission": ("Europäische Kommission", "Europäische Kommission"),
        "DG NEAR": ("GD NEAR", "Generaldirektion Nachbarschaftspolitik und "
                               "Erweiterungsverhandlungen"),
        "DG SANTE": ("GD SANTE", "Generaldirektion Gesundheit und Lebensmittelsicherheit"),
        "DG DIGIT": ("GD DIGIT", "Generaldirektion Informatik"),
        "DG ECHO": ("GD ECHO", "Generaldirektion Europäischer Katastrophenschutz und humanitäre "
                               "Hilfe"),
        "DG INTPA": ("GD INTPA", "Generaldirektion Internationale Partnerschaften"),
        "OLAF": ("OLAF", "Europäisches Amt für Betrugsbekämpfung"),
        "EPPO": ("EUStA", "Europäische Staatsanwaltschaft"),
        "ENISA": ("ENISA", "Agentur der Europäischen Union für Cybersicherheit"),
        "CERT-EU": ("CERT-EU", "Cybersicherheitsdienst für die Organe, Einrichtungen und "
                               "sonstigen Stellen der Union"),
        "EFCA": ("EFCA", "Europäische Fischereiaufsichtsagentur"),
        "EMSA": ("EMSA", "Europäische Agentur für die Sicherheit des Seeverkehrs"),
        "EASA": ("EASA", "Agentur der Europäischen Union für Flugsicherheit"),
        "EUIPO": ("EUIPO", "Amt der Europäischen Union für geistiges Eigentum"),
        "ECDC": ("ECDC", "Europäisches Zentrum für die Prävention und die Kontrolle von "
                         "Krankheiten"),
        "Eurofound": ("Eurofound", "Europäische Stiftung zur Verbesserung der Lebens- und "
                                   "Arbeitsbedingungen"),
        "EJTN": ("EJTN", "Europäisches Netz für die Aus- und Fortbildung von Richtern und "
                         "Staatsanwälten"),
        "ESDC": ("ESVK", "Europäisches Sicherheits- und Verteidigungskolleg"),
        "EUAN": ("EUAN", "Netzwerk der EU-Agenturen"),
        "EU-ANSA": ("EU-ANSA", "Netzwerk der EU-Agenturen für wissenschaftliche Beratung"),
        "EDPS": ("EDSB", "Europäischer Datenschutzbeauftragter"),
        "EUNAVFOR MED": ("EUNAVFOR MED", "Seestreitkräfte der Europäischen Union im Mittelmeer"),
        "EU SatCen": ("SatCen", "Satellitenzentrum der Europäischen Union"),
        "INTERPOL": ("INTERPOL", "Internationale Kriminalpolizeiliche Organisation"),
        "UNHCR": ("UNHCR", "Hoher Flüchtlingskommissar der Vereinten Nationen"),
        "IOM": ("IOM", "Internationale Organisation für Migration"),
        "UNODC": ("UNODC", "Büro der Vereinten Nationen für Drogen- und Verbrechensbekämpfung"),
        "Council of Europe": ("Europarat", "Europarat"),
        "OSCE": ("OSZE", "Organisation für Sicherheit und Zusammenarbeit in Europa"),
        "COSI": ("COSI", "Ständiger Ausschuss für die operative Zusammenarbeit im Bereich der "
                         "inneren Sicherheit"),
        "LIBE Committee": ("LIBE-Ausschuss",
                           "Ausschuss für bürgerliche Freiheiten, Justiz und Inneres"),
        "Council presidency": ("Ratsvorsitz", "Vorsitz im Rat der Europäischen Union"),
        "EUCPN": ("ENKP", "Europäisches Netz für Kriminalprävention"),
        "GDISC": ("GDISC", "Konferenz der Generaldirektoren der Einwanderungsbehörden"),
        "IGC": ("IGC", "Zwischenstaatliche Konsultationen über Migration, Asyl und Flüchtlinge"),
        "ETF": ("ETF", "Europäische Stiftung für Berufsbildung"),
        "EPRS": ("EPRS", "Wissenschaftlicher Dienst des Europäischen Parlaments"),
        "USDSS": ("USDSS", "Diplomatischer Sicherheitsdienst der Vereinigten Staaten"),
        "All MS": ("alle Mitgliedstaaten", "Alle EU-Mitgliedstaaten"),
        "Third parties": ("Dritte", "Dritte"),
        "EU agencies and bodies": ("EU-Agenturen und -Einrichtungen",
                                   "Andere Agenturen und Einrichtungen der EU"),
        **{f"{adjective} Presidency": (f"{german}er Ratsvorsitz",
                                       f"{german.capitalize()}er Vorsitz im Rat der EU")
           for adjective, german in _ADJECTIVE_DE.items()},
    },
}
"""The agencies' and bodies' names in French and German, as the EU writes them."""

# The EU writes Greece EL and the United Kingdom UK; ISO 3166 writes GR and GB.
_ISO_CODES = {"EL": "GR", "UK": "GB"}


def _names_in(actor: Actor, day: date, locale: str) -> tuple[str, str] | None:
    """The actor's (short, full) names in the locale's language, none for English."""
    language = locale.replace("-", "_").split("_")[0].lower()
    if language == "en":
        return None
    if isinstance(actor, Body) and actor.kind in (BodyKind.MEMBER_STATE, BodyKind.COUNTRY):
        country = Locale.parse(language).territories.get(_ISO_CODES.get(actor.short, actor.short))
        if country is not None:  # the EU's country codes are the same in every language
            return actor.short, country
    return EU_NAMES.get(language, {}).get(actor.short_on(day))


def short_name(actor: Actor, day: date, locale: str = "en") -> str:
    """The actor's short name on that day in the locale's language (OEDT for the EMCDDA in
    French)."""
    names = _names_in(actor, day, locale)
    return names[0] if names else actor.short_on(day)


def full_name(actor: Actor, day: date, locale: str = "en") -> str:
    """The actor's full name on that day in the locale's language, as the EU writes it."""
    names = _names_in(actor, day, locale)
    return names[1] if names else actor.full_on(day)


def acronyms_in_language(day: date, locale: str) -> list[tuple[str, str]]:
    """The short names the EU gives agencies and bodies in the locale's language where they
    differ from the English ones (OEDT, SEAE, GD HOME…), with their full names: the acronyms a
    document in that language uses where an English one uses the glossary's."""
    actors: tuple[Actor, ...] = (*REGISTRY.agencies, *REGISTRY.bodies)
    return sorted({(short_name(actor, day, locale), full_name(actor, day, locale))
                   for actor in actors
                   if short_name(actor, day, locale) != actor.short_on(day)
                   and short_name(actor, day, locale).split()[0].isupper()})
