"""The words the code writes follow the build's language: states, meeting facts, placeholders,
charts. English stays as it was; a language without a catalog keeps the English."""

from __future__ import annotations

from pathlib import Path

import attrs
import docx
import pytest

import jhareport
from jhareport.i18n import LANGUAGES, translate
from jhareport.periods import parse_state

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.mark.parametrize(("state", "locale", "shown"), [
    ("DONE (11 July 2019)", "en", "Done (11 July 2019)"),
    ("DONE (11 July 2019)", "fr", "Terminé (11 juillet 2019)"),
    ("DONE (11 July 2019)", "de", "Abgeschlossen (11. Juli 2019)"),
    ("ONGOING", "fr", "En cours"),
    ("THROUGHOUT 2019", "fr", "Tout au long de 2019"),
    ("PLANNED 2020-2021", "de", "Geplant 2020–2021"),
    ("ONGOING", "es", "Ongoing"),
])
def test_states_of_play_in_the_build_language(state: str, locale: str, shown: str) -> None:
    assert parse_state(state).format(locale) == shown


def test_every_catalog_translates_every_message() -> None:
    english = Path(jhareport.__file__).parent / "locale"
    assert set(LANGUAGES) >= {"fr", "de"}
    ids = None
    for language in LANGUAGES:
        text = (english / language / "LC_MESSAGES" / "jhareport.po").read_text(encoding="utf-8")
        found = [line for line in text.splitlines() if line.startswith("msgid ")]
        assert '""' not in [line.split(" ", 1)[1] for line in text.splitlines()
                            if line.startswith("msgstr ")][1:], language
        ids = ids or found
        assert found == ids, language
    assert translate("Participants: %(names)s", "de", names="FRA") == "Teilnehmende: FRA"


def test_a_french_build(tmp_path: Path) -> None:
    records = jhareport.load_year(FIXTURES / "2023")
    # the standard outline, whose annex shows the EMPACT plan that 2023 links
    jhareport.build(attrs.evolve(records, highlights=(), outline=None), tmp_path, locale="fr",
                    draft=True)
    report = docx.Document(str(tmp_path / "final-report.docx"))
    texts = [p.text for p in report.paragraphs]
    assert "Brussels. Participants\u202f: toutes les agences JAI" in texts  # places as written
    assert "[à compléter\u202f: Temps forts de la coopération entre agences en 2023]" in texts
    [chart] = report.inline_shapes
    described = chart._inline.docPr.get("descr")
    assert described.startswith("Diagramme à barres horizontales. Part des agences dans les 30 "
                                "actions opérationnelles de l’EMPACT")
    assert "Frontex pilote 8, copilote 5, participe à 11 (24 en tout)" in described
    assert not (tmp_path / "scorecard-annex.docx").exists()  # 2023 has no scorecard
