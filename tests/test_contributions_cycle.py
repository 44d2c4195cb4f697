"""A chair's 2024, from the 2023 fixtures: next year's folder, a first round of forms that the
nine agencies fill in, a second round they review (texts, dates, a deleted shared table, new
events, a form saved by LibreOffice, a typo, two agencies changing one entry), imported once and
again, and the 2024 report built from it."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import docx
import pytest
from form_edits import cell_of, delete, record_table, resave, set_choice, tick, type_text

import jhareport
from jhareport.cli import main
from jhareport.contributions import contribution_status, import_forms, next_year, write_forms
from jhareport.word.package import document_texts

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None,
                                reason="LibreOffice (soffice) is not installed")

DUE = date(2025, 1, 17)
CONFERENCE = "Conference on artificial intelligence at the borders"


def edit(path: Path, *changes: object) -> None:
    document = docx.Document(path)
    for change in changes:
        change(document)  # type: ignore[operator]
    document.save(path)


def fill(document: docx.document.Document, heading: str, entries: dict[str, object]) -> None:
    """Fill in the empty table of a section (copying it first when it is already used)."""
    table = record_table(document, heading)
    if cell_of(table, "Title").text.strip():
        from form_edits import copy_new_table

        table = copy_new_table(document, heading)
    for label, value in entries.items():
        cell = cell_of(table, label)
        if label in ("Priority topic", "Working group", "Format"):
            set_choice(cell, str(value))
        elif label == "Agencies":
            for agency in value:  # type: ignore[attr-defined]
                tick(cell, agency)
        elif isinstance(value, tuple):
            type_text(cell, *value)
        else:
            type_text(cell, str(value))


def test_a_2024_cycle_from_the_2023_fixtures(years: Path, capsys: pytest.CaptureFixture[str]
                                             ) -> None:
    year = years / "2024"
    next_year(years / "2023", year, chair="eu-LISA")

    # -- first round: the agencies say what they did ------------------------------------------
    first = {p.stem: p for p in write_forms(year, years / "round-1", due=DUE)}
    edit(first["eu-LISA"], lambda d: fill(d, "New thematic event", {
        "Title": CONFERENCE, "Priority topic": "Digitalisation and innovation in the Justice "
        "and Home Affairs area", "Agencies": ["EUAA", "Eurojust", "Europol", "Frontex"],
        "Format": "hybrid", "Place": "Tallinn, Estonia", "Dates": "12 & 13 March 2024",
        "Text": "eu-LISA hosted the network's conference on artificial intelligence."}),
        lambda d: fill(d, "New meeting", {
            "Title": "Working Group on ICT and Cybersecurity",
            "Working group": "Working Group on ICT and Cybersecurity", "Format": "online",
            "Dates": "4 June 2024", "Text": "The group met online."}))
    edit(first["FRA"], lambda d: fill(d, "New other activity", {
        "Title": "Annual exchange on the Charter of Fundamental Rights",
        "Agencies": ["EIGE", "EUAA"], "Format": "online", "Place": "Vienna",
        "Dates": "11 December 2024", "Text": "FRA held the fifth annual exchange."}))
    edit(first["Europol"], lambda d: fill(d, "New highlight", {
        "Title": "Europol and the EMCDDA on drug markets", "Agencies": ["EUDA"],
        "Text": "A joint analysis of drug markets."}))
    assert main(["contributions", "import", str(years / "round-1"), "--into", str(year)]) == 0
    out = capsys.readouterr().out
    assert "9 forms read, 9 imported, 4 changes" in out
    assert "eu-LISA.docx (eu-LISA): imported, 2 changes" in out
    records = jhareport.load_year(year)
    [conference] = records.thematic_events
    assert conference.id == "conference-on-artificial-intelligence"
    conference_id = conference.id

    # -- second round: the chair sends the compiled records back for review ----------------------
    second = {p.stem: p for p in write_forms(year, years / "round-2", due=DUE)}

    def conference_table(document: docx.document.Document) -> docx.table.Table:
        return record_table(document, "Thematic event", CONFERENCE)

    # 1. EUAA deletes the shared event's table, as its form says for a record not its own
    edit(second["EUAA"], lambda d: delete(conference_table(d)))
    # 2. and 3. Europol and Eurojust change its text, each its own way
    edit(second["Europol"], lambda d: type_text(cell_of(conference_table(d), "Text"),
         "eu-LISA hosted the network's conference on artificial intelligence at the borders, "
         "with Europol presenting its innovation lab.", "Two hundred experts took part."))
    edit(second["Eurojust"], lambda d: type_text(cell_of(conference_table(d), "Text"),
         "Eurojust spoke on evidence gathered by artificial intelligence."))
    # 4. Frontex corrects its dates
    edit(second["Frontex"], lambda d: type_text(cell_of(conference_table(d), "Dates"),
         "13 & 14 March 2024"))
    # 5. EIGE mistypes a format
    edit(second["EIGE"], lambda d: set_choice(cell_of(record_table(
        d, "Other activity 1"), "Format"), "hybird"))
    # 6. FRA adds an event, in LibreOffice
    edit(second["FRA"], lambda d: fill(d, "New thematic event", {
        "Title": "Workshop on fundamental rights in AI systems", "Priority topic":
        "Digitalisation and innovation in the Justice and Home Affairs area",
        "Agencies": ["eu-LISA"], "Dates": "5 February 2024 (list of events: FRA workshop on "
        "fundamental rights and AI)", "Text": "FRA and eu-LISA on rights by design."}))
    resave([second["FRA"]], years / "libreoffice", years)
    shutil.copy(years / "libreoffice" / "FRA.docx", second["FRA"])
    # 7. the EMCDDA retitles the highlight it shares with Europol
    edit(second["EUDA"], lambda d: type_text(cell_of(record_table(d, "Highlight 1"), "Title"),
                                             "Europol and the EMCDDA: the drug markets analysis"))
    # 8. CEPOL adds its working group's meeting
    edit(second["CEPOL"], lambda d: fill(d, "New meeting", {
        "Title": "Working Group on Training", "Working group": "Working Group on Training",
        "Format": "hybrid", "Place": "Budapest", "Dates": "19 September 2024",
        "Text": "CEPOL gathered the training units."}))
    # 9. eu-LISA gives its meeting a second date
    edit(second["eu-LISA"], lambda d: type_text(cell_of(record_table(
        d, "Meeting 1"), "Dates"), "4 June 2024 (list of events: Working Group on ICT and "
        "Cybersecurity)", "10 October 2024"))

    before = {p: p.read_bytes() for p in year.rglob("*.yaml")}
    assert main(["contributions", "import", str(years / "round-2"), "--into", str(year)]) == 2
    err = capsys.readouterr().err
    assert "EIGE.docx, other activity 1 (Annual exchange on the Charter of Fundamental " \
           "Rights), format: 'hybird' is not a format (did you mean 'hybrid'?)" in err
    assert f"conflict on thematic event '{CONFERENCE}' ({conference_id}), text:" in err
    assert "nothing was written" in err and "--skip EIGE" in err
    assert {p: p.read_bytes() for p in year.rglob("*.yaml")} == before

    # the chair imports the eight good forms, taking Europol's text
    take = f"{conference_id}.text=Europol"
    assert main(["contributions", "import", str(years / "round-2"), "--into", str(year),
                 "--skip", "EIGE", "--take", take]) == 0
    out = capsys.readouterr().out
    assert "EIGE.docx (EIGE): skipped" in out
    assert (f"EUAA.docx (EUAA): imported, 1 change\n  left thematic event '{CONFERENCE}': still "
            f"with eu-LISA, Eurojust, Europol, Frontex (to remove it: --remove {conference_id})"
            in out)
    assert f"changed thematic event '{CONFERENCE}' (dates)" in out
    assert "kept: Europol (Europol.docx)" in out
    imported = {p: p.read_bytes() for p in year.rglob("*.yaml")}

    # imported again, to the same fixtures: nothing changes
    assert main(["contributions", "import", str(years / "round-2"), "--into", str(year),
                 "--skip", "EIGE", "--take", take]) == 0
    out = capsys.readouterr().out
    assert out.count("already imported") == 8 and "no file changed" in out
    assert {p: p.read_bytes() for p in year.rglob("*.yaml")} == imported

    # EIGE mends its typo; the same folder, imported again, takes only EIGE's form
    edit(second["EIGE"], lambda d: set_choice(cell_of(record_table(d, "Other activity 1"),
                                                      "Format"), "hybrid"))
    result = import_forms(years / "round-2", year, now=datetime(2025, 1, 20, 9, 0))
    assert [f.status for f in result.forms].count("imported") == 1
    assert [str(c) for c in result.changes] == [
        "changed other activity 'Annual exchange on the Charter of Fundamental Rights' (format)"]
    status = contribution_status(years / "round-2", year, today=date(2025, 1, 20))
    assert status.missing == ()
    assert len([a for a in status.agencies if a.returned]) == 9

    # -- what the 2024 report shows ------------------------------------------------------------
    records = jhareport.load_year(year)
    conference = next(e for e in records.thematic_events if e.id == conference_id)
    assert "EUAA" not in [a.code for a in conference.agencies]
    assert conference.body.source.startswith("eu-LISA hosted the network's conference on "
                                             "artificial intelligence at the borders")
    assert {m.title for m in records.meetings} == {"Working Group on ICT and Cybersecurity",
                                                   "Working Group on Training"}
    jhareport.build(year, years / "out", draft=True)
    texts = document_texts((years / "out" / "final-report.docx").read_bytes())
    body = "\n".join(texts)
    # the topic's events in date order, with their dates; the conference with Frontex's dates
    workshop = body.index("Workshop on fundamental rights in AI systems, 5 February 2024")
    assert workshop < body.index(f"{CONFERENCE}, 13–14 March 2024")
    assert "with Europol presenting its innovation lab." in body
    assert "Eurojust spoke on evidence" not in body
    # the timeline holds the new events, as worded or by their titles
    assert "FRA workshop on fundamental rights and AI" in texts
    assert CONFERENCE in texts and "Working Group on Training" in texts
    # other activities print their date, format, place and agencies under their title
    assert "Annual exchange on the Charter of Fundamental Rights" in texts
    assert "11 December 2024. Hybrid, Vienna. Participants: EIGE, EUAA and FRA" in texts
    # the meetings forms collect, working groups included, with their dates
    assert "Working Group on ICT and Cybersecurity, 4 June 2024 and 10 October 2024" in texts
    assert "Europol and the EMCDDA: the drug markets analysis" in texts
    # a draft shows the 2023 texts still to rewrite; a final build refuses them
    assert any(t.startswith("[Text of 2023: rewrite it for 2024") for t in texts)
    assert main(["build", str(year), "--out", str(years / "final")]) == 2
    assert "the final report still has last year's texts to rewrite" in capsys.readouterr().err
