"""Contribution forms saved again by LibreOffice, as an agency using it would return them."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from form_edits import add_link, cell_of, new_row_under, record_table, resave, set_choice, type_text

import jhareport
from jhareport.contributions import import_forms, read_form, write_forms
from jhareport.word.package import document_texts

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None,
                                reason="LibreOffice (soffice) is not installed")


def test_forms_saved_again_unchanged_import_to_the_same_records(years: Path) -> None:
    jhareport.build(years / "2019", years / "before")
    before = (years / "before" / "scorecard-annex.docx").read_bytes()
    paths = write_forms(years / "2019", years / "forms")
    files = {p: p.read_bytes() for p in (years / "2019").rglob("*.yaml")}
    saved = resave(list(paths), years / "saved", years)
    result = import_forms(years / "saved", years / "2019")
    assert len(result.forms) == 9 and result.changes == ()
    assert {p: p.read_bytes() for p in (years / "2019").rglob("*.yaml")
            if "contributions" not in p.parts} == files
    assert len(saved) == 9
    jhareport.build(years / "2019", years / "after")
    assert (years / "after" / "scorecard-annex.docx").read_bytes() == before
    assert document_texts(before)  # the annex is there, and identical


def test_the_2023_forms_survive_libreoffice(years: Path) -> None:
    paths = write_forms(years / "2023", years / "forms", agencies=["EUAA", "Europol"])
    saved = resave(list(paths), years / "saved", years)
    form = read_form(saved[0])
    assert form.year == 2023 and form.agency.code == "EUAA"
    assert len([r for r in form.rows if r.mark]) > 10
    assert form.received is not None  # LibreOffice stamps the day it saved
    assert import_forms(years / "saved", years / "2023").changes == ()


def test_an_edited_form_saved_by_libreoffice_keeps_its_edits(years: Path) -> None:
    path = write_forms(years / "2019", years / "forms", agencies=["CEPOL"])[0]
    document = docx.Document(path)
    row = new_row_under(document, "4.1").cells
    row[2].paragraphs[0].add_run("Common curriculum with ")
    row[2].paragraphs[0].add_run("all nine").italic = True
    row[2].paragraphs[0].add_run(" ")
    add_link(row[2].paragraphs[0], "agencies", "https://www.cepol.europa.eu/")
    row[2].add_paragraph("module one", style="List Bullet")
    row[2].add_paragraph("module two", style="List Bullet")
    set_choice(row[3], "Throughout")
    row[4].paragraphs[0].text = "2019"
    document.save(path)
    resave([path], years / "saved", years)
    result = import_forms(years / "saved", years / "2019")
    assert [(c.what, c.kind) for c in result.changes] == [("added", "action")]
    records = jhareport.load_year(years / "2019")
    assert records.scorecard is not None
    added = next(a for a in records.scorecard.actions if "Common curriculum" in a.detail.source)
    assert added.detail.source == ("Common curriculum with *all nine* "
                                   "[agencies](https://www.cepol.europa.eu/)\n\n"
                                   "- module one\n- module two")
    assert added.field == "4.1" and added.state is not None
    assert added.state.format() == "Throughout 2019"


def test_a_2023_form_edited_and_saved_by_libreoffice_changes_one_entry(years: Path) -> None:
    path = write_forms(years / "2023", years / "forms", agencies=["FRA"])[0]
    document = docx.Document(path)
    table = record_table(document, "Other activity 1")
    type_text(cell_of(table, "Place"), "Vienna")
    set_choice(cell_of(table, "Format"), "online")
    document.save(path)
    resave([path], years / "saved", years)
    result = import_forms(years / "saved", years / "2023")
    assert [str(c) for c in result.changes] == [
        "changed other activity 'Annual exchange of JHA Agencies on the charter of Fundamental "
        "Rights of the European Union' (format, place)"]
    activity = jhareport.load_year(years / "2023").other_activities[0]
    assert activity.place == "Vienna" and activity.format == "online"
