"""Contribution forms: made from the records, edited as an agency would, merged back into YAML
entry by entry, with a ledger of imports; where things stand; next year's folder."""

from __future__ import annotations

import difflib
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import docx
import pytest
from form_edits import (
    action_row,
    add_link,
    cell_of,
    delete,
    new_row_under,
    record_table,
    scorecard_table,
    set_choice,
    text_of,
    tick,
    type_text,
)

import jhareport
from jhareport.cli import main
from jhareport.contributions import (
    ContributionError,
    contribution_status,
    import_forms,
    next_year,
    write_forms,
)
from jhareport.periods import Status

# The smallest PNG: a 1 × 1 picture.
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")

_W14 = "http://schemas.microsoft.com/office/word/2010/wordml"

NOW = datetime(2024, 1, 20, 10, 0)


def yaml_files(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in folder.rglob("*.yaml") if "contributions" not in p.parts}


def event(folder: Path, identifier: str) -> jhareport.ThematicEvent:
    return next(e for e in jhareport.load_year(folder).thematic_events if e.id == identifier)


def edit(path: Path, change: object) -> None:
    """Open a form, change it (a function of the document) and save it, as Word would."""
    document = docx.Document(path)
    change(document)  # type: ignore[operator]
    document.save(path)


# -- forms out ------------------------------------------------------------------------------------


def test_a_form_lists_the_agency_s_actions_with_choices_and_hidden_keys(years: Path) -> None:
    paths = write_forms(years / "2019", years / "forms", agencies=["EASO"], due=date(2020, 1, 15))
    assert [p.name for p in paths] == ["EUAA.docx"]
    document = docx.Document(paths[0])
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "Contribution of EASO to the 2019 report"  # the agency's name that year
    assert any("by 15 January 2020" in t for t in texts[:6])
    table = scorecard_table(document)
    records = jhareport.load_year(years / "2019")
    assert records.scorecard is not None
    easo = [a for a in records.scorecard.actions if any(x.code == "EUAA" for x in a.agencies)]
    numbered = [r for r in table.rows[1:] if len({id(c._tc) for c in r.cells}) > 1
                and r.cells[2].text.strip()]
    assert len(numbered) == len(easo)
    first = numbered[0].cells
    assert text_of(first[1]) == "1.1" and text_of(first[3]) == "Ongoing"
    assert "\u2612\u00a0EASO" in text_of(first[5]) and "\u2610\u00a0CEPOL" in text_of(first[5])
    xml = table._tbl.xml
    assert "w:dropDownList" in xml and "w14:checkbox" in xml and 'w:name="jha_r1"' in xml
    # each field has its heading row, the 2019 scorecard's 22
    headings = [r.cells[0].text for r in table.rows[1:] if len({id(c._tc) for c in r.cells}) == 1]
    assert headings[0] == "1.1 Asylum, migration and border management" and len(headings) == 22


def test_forms_give_each_action_an_id_and_keep_their_base(years: Path) -> None:
    before = (years / "2019" / "scorecard" / "actions.yaml").read_text(encoding="utf-8")
    paths = write_forms(years / "2019", years / "forms", agencies=["Europol"])
    after = (years / "2019" / "scorecard" / "actions.yaml").read_text(encoding="utf-8")
    records = jhareport.load_year(years / "2019")
    assert records.scorecard is not None
    ids = [a.id for a in records.scorecard.actions]
    assert all(ids) and len(set(ids)) == len(ids) == 189
    assert "participation-in-the-common-visa-policy" in ids
    # only the id lines are new: comments and layout stay
    added = [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(),
                                                   lineterm="", n=0)
             if line.startswith("+") and not line.startswith("+++")]
    assert len(added) == 2 * 189 and all("id: " in a or "field: " in a for a in added)
    assert paths.base.parent == years / "2019" / "contributions"
    assert paths.ids == (years / "2019" / "scorecard" / "actions.yaml",)
    # written again from the same records: the same forms, the same base, no new ids
    again = write_forms(years / "2019", years / "again", agencies=["Europol"])
    assert again.base == paths.base and again.ids == ()
    assert again[0].read_bytes() == paths[0].read_bytes()


def test_2023_forms_hold_meetings_events_activities_and_highlights(years: Path) -> None:
    path = write_forms(years / "2023", years / "forms", agencies=["FRA"])[0]
    document = docx.Document(path)
    headers = [t.rows[0].cells[0].text for t in document.tables]
    assert "Meeting 1" in headers and "New meeting" in headers  # working groups FRA attends
    assert "Thematic event 1" in headers and "New thematic event" in headers
    assert "Highlight 1" in headers and "New highlight" in headers
    assert "Other activity 1" in headers  # the charter exchange FRA organised
    meeting = record_table(document, "Meeting 1")
    assert [r.cells[0].text for r in meeting.rows[1:]] == [
        "Title", "Working group", "Agencies", "Other partners", "Format", "Place", "Dates", "Text"]
    assert text_of(cell_of(meeting, "Working group")) == "Working Group on ICT and Cybersecurity"
    first = record_table(document, "Thematic event 1")
    assert [r.cells[0].text for r in first.rows[1:]] == [
        "Title", "Priority topic", "Agencies", "Other partners", "Format", "Place", "Dates", "Text"]
    instructions = " ".join(p.text for p in document.paragraphs[:8])
    assert ("delete its row (or its table), or untick FRA. FRA is then taken off it: the record "
            "stays in the report for the other agencies ticked") in instructions


def test_forms_are_the_same_bytes_each_time(years: Path) -> None:
    first = write_forms(years / "2023", years / "a", agencies=["FRA"])[0].read_bytes()
    second = write_forms(years / "2023", years / "b", agencies=["FRA"])[0].read_bytes()
    assert first == second


@pytest.mark.skipif(shutil.which("openxml-audit") is None, reason="openxml-audit is not installed")
@pytest.mark.parametrize("year", ["2019", "2023"])
def test_forms_pass_openxml_audit(years: Path, year: str) -> None:
    paths = write_forms(years / year, years / "forms", agencies=["Europol", "FRA"])
    for path in paths:
        audit = subprocess.run(["openxml-audit", "-m", "0", str(path)], capture_output=True,
                               text=True, check=False)
        assert "Errors: 0" in audit.stdout, audit.stdout


def test_the_command_writes_one_form_per_agency(years: Path, capsys: pytest.CaptureFixture[str]
                                                ) -> None:
    assert main(["contributions", "forms", str(years / "2019"), "--out", str(years / "forms"),
                 "--due", "15 January 2020"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("wrote 9 forms to ")
    assert "gave an id to each scorecard action without one" in out
    assert sorted(p.name for p in (years / "forms").iterdir()) == sorted(
        f"{a.code}.docx" for a in jhareport.REGISTRY.agencies)
    assert "by 15 January 2020" in docx.Document(years / "forms" / "FRA.docx").paragraphs[2].text
    assert main(["contributions", "forms", str(years / "2019"), "--out", str(years / "x"),
                 "--agency", "Europl"]) == 2
    assert "did you mean 'Europol'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        main(["contributions", "forms", str(years / "2019"), "--out", str(years / "x"),
              "--due", "mid-January"])
    assert exit_.value.code == 2
    assert "'mid-January' is not a day such as 17 January 2025" in capsys.readouterr().err


def test_forms_that_cannot_be_written_are_refused_with_the_path(
        years: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (years / "taken").write_text("a file", encoding="utf-8")
    before = yaml_files(years / "2019")
    assert main(["contributions", "forms", str(years / "2019"), "--out",
                 str(years / "taken")]) == 2
    assert f"error: {years / 'taken'}: is a file, not a folder" in capsys.readouterr().err
    full = years / "full"
    full.mkdir()
    (full / "FRA.docx").mkdir()  # the form's name is taken by a folder: it cannot be written
    assert main(["contributions", "forms", str(years / "2019"), "--out", str(full)]) == 2
    err = capsys.readouterr().err
    assert f"{full / 'FRA.docx'}: cannot be written" in err and "Traceback" not in err
    assert yaml_files(years / "2019") == before
    assert not (years / "2019" / "contributions").exists()  # nothing half-written
    assert sorted(p.name for p in full.iterdir()) == ["FRA.docx"]


# -- records in -----------------------------------------------------------------------------------


def test_unchanged_forms_change_nothing_but_the_ledger(years: Path) -> None:
    write_forms(years / "2023", years / "forms")
    before = yaml_files(years / "2023")
    result = import_forms(years / "forms", years / "2023", now=NOW)
    assert result.changes == ()
    assert result.written == (years / "2023" / "contributions" / "ledger.yaml",)
    assert yaml_files(years / "2023") == before
    ledger = (years / "2023" / "contributions" / "ledger.yaml").read_text(encoding="utf-8")
    assert ledger.count("- agency: ") == 9 and "imported: '2024-01-20 10:00:00'" in ledger
    assert [f.status for f in result.forms] == ["imported"] * 9


def test_edits_come_back_as_the_matching_yaml_change(years: Path) -> None:
    path = write_forms(years / "2019", years / "forms", agencies=["EIGE"])[0]
    document = docx.Document(path)
    # row 1: state of play Done, in July 2019, and FRA ticked
    row = action_row(document, 1).cells
    set_choice(row[3], "Done")
    row[4].paragraphs[0].text = "July 2019"
    tick(row[5], "FRA")
    # row 2 deleted: EIGE leaves that action
    gone = action_row(document, 2)
    gone_text = gone.cells[2].text
    delete(gone)
    # a new action under 1.2 with bullets and a link
    new = new_row_under(document, "1.2").cells
    intro = new[2].paragraphs[0]
    intro.add_run("Joint guidance on ")
    intro.add_run("child protection").bold = True
    intro.add_run(", see ")
    add_link(intro, "the guide", "https://eige.europa.eu/guide")
    for item in ("first workshop", "second workshop"):
        new[2].add_paragraph(item, style="List Bullet")
    set_choice(new[3], "Planned")
    new[4].paragraphs[0].text = "2020"
    tick(new[5], "FRA")
    document.save(path)

    actions_file = years / "2019" / "scorecard" / "actions.yaml"
    before = actions_file.read_text(encoding="utf-8")
    result = import_forms(years / "forms", years / "2019", now=NOW)
    summary = {(c.what, c.kind) for c in result.changes}
    assert summary == {("changed", "action"), ("left", "action"), ("added", "action")}
    after = actions_file.read_text(encoding="utf-8")
    assert after.startswith(before.split("- id")[0])  # the opening comments stay
    records = jhareport.load_year(years / "2019")
    assert records.scorecard is not None
    actions = records.scorecard.actions
    changed = next(a for a in actions if a.detail.plain.startswith("Coordination of operational "
                                                                   "activities related to the hotspot"))
    assert changed.state is not None and changed.state.status is Status.DONE
    assert "FRA" in [a.code for a in changed.agencies]
    left = [a for a in actions if a.detail.plain.strip() == gone_text.strip()]
    assert all("EIGE" not in [x.code for x in a.agencies] for a in left)
    added = next(a for a in actions if "Joint guidance" in a.detail.source)
    assert added.field == "1.2" and added.id == "joint-guidance-on-child-protection-see"
    assert added.detail.source == (
        "Joint guidance on **child protection**, see [the guide](https://eige.europa.eu/guide)\n\n"
        "- first workshop\n- second workshop")
    assert {a.code for a in added.agencies} == {"EIGE", "FRA"}
    assert added.state is not None and added.state.status is Status.PLANNED
    # only the three records differ: the rest of the file reads as it did
    diff = [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(),
                                                  lineterm="", n=0)
            if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))]
    assert len(diff) < 25, "\n".join(diff)


def test_bad_entries_are_reported_per_form_and_place_and_nothing_is_written(
        years: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_forms(years / "2019", years / "forms", agencies=["Europol"])[0]
    document = docx.Document(path)
    row = action_row(document, 12).cells
    field = text_of(row[1])
    set_choice(row[3], "ongoin")
    later = next(n for n in range(13, 40) if action_row(document, n).cells[2].text.strip())
    other = action_row(document, later).cells
    other[4].paragraphs[0].text = "the 35th of Mayish"
    document.save(path)
    write_forms(years / "2023", years / "forms", agencies=["FRA"])
    (years / "forms" / "notes.docx").write_bytes(b"not a Word file")
    before = yaml_files(years / "2019")
    with pytest.raises(ContributionError) as raised:
        import_forms(years / "forms", years / "2019")
    message = str(raised.value)
    records = jhareport.load_year(years / "2019")
    assert records.scorecard is not None
    title = next(f.title for f in records.scorecard.fields if f.number == field)
    assert (f"Europol.docx, scorecard row 12 ({field} {title}), state of play: 'ongoin' is not a "
            "state of play (did you mean 'ongoing'?)") in message
    assert f"Europol.docx, scorecard row {later}" in message
    assert "when: 'the 35th of Mayish' is not a date or period the report can read" in message
    assert "FRA.docx: this is the form for 2023, not for 2019: it is refused" in message
    assert "notes.docx: not a readable Word document (not a zip package" in message
    assert message.index("Europol: 2 problems") < message.index("other files")
    assert "nothing was written" in message and "--skip Europol" in message
    assert yaml_files(years / "2019") == before
    assert not (years / "2019" / "contributions" / "ledger.yaml").exists()
    assert main(["contributions", "import", str(years / "forms"), "--into",
                 str(years / "2019")]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_one_agency_s_typo_does_not_hold_the_others_back(years: Path) -> None:
    paths = write_forms(years / "2023", years / "forms", agencies=["FRA", "Europol"])
    fra, europol = paths

    def typo(document: docx.document.Document) -> None:
        set_choice(cell_of(record_table(document, "Thematic event 1"), "Format"), "hybird")

    def new_title(document: docx.document.Document) -> None:
        type_text(cell_of(record_table(document, "Highlight 1"), "Title"),
                  "Europol and Eurojust: a joint investigation team")

    edit(fra, typo)
    edit(europol, new_title)
    with pytest.raises(ContributionError) as raised:
        import_forms(years / "forms", years / "2023")
    assert "format: 'hybird' is not a format (did you mean 'hybrid'?)" in str(raised.value)
    result = import_forms(years / "forms", years / "2023", skip=["FRA"], now=NOW)
    assert [(f.file, f.status) for f in result.forms] == [("Europol.docx", "imported"),
                                                          ("FRA.docx", "skipped")]
    assert [str(c) for c in result.changes] == [
        "changed highlight 'Europol and Eurojust: a joint investigation team' (title)"]
    # FRA mends its form; the same folder imported again takes it, and only it
    edit(fra, lambda d: set_choice(cell_of(record_table(d, "Thematic event 1"), "Format"),
                                   "hybrid"))
    again = import_forms(years / "forms", years / "2023", now=NOW)
    assert [(f.file, f.status) for f in again.forms] == [("FRA.docx", "imported"),
                                                         ("Europol.docx", "already imported")]


def test_changes_to_different_entries_of_one_record_all_land(years: Path) -> None:
    """Europol changes an event's text, Eurojust its dates, Frontex its place: all three land,
    and FRA, party to nothing, is told so when named in --take."""
    paths = write_forms(years / "2023", years / "forms",
                        agencies=["Europol", "Eurojust", "Frontex"])
    title = "Conference on digital innovation"

    def text(document: docx.document.Document) -> None:
        type_text(cell_of(record_table(document, "Thematic event", title), "Text"),
                  "A conference on digital innovation, with the core in Malta.")

    def dates(document: docx.document.Document) -> None:
        type_text(cell_of(record_table(document, "Thematic event", title), "Dates"),
                  "13 & 14 June 2023 (list of events: Digitalisation Conference)",
                  "15 June 2023 (list of events: Digitalisation Conference, closing day)")

    def place(document: docx.document.Document) -> None:
        type_text(cell_of(record_table(document, "Thematic event", title), "Place"),
                  "Valletta, Malta")

    for path, change in zip(paths, (text, dates, place), strict=True):
        edit(path, change)
    result = import_forms(years / "forms", years / "2023", take=["FRA"], now=NOW)
    assert result.conflicts == ()
    assert result.notes == ("--take FRA: FRA is party to no conflict, nothing to decide",)
    changed = event(years / "2023", "digital-innovation-conference")
    assert changed.body.source == "A conference on digital innovation, with the core in Malta."
    assert [s.timeline for s in changed.sessions] == [
        "Digitalisation Conference", "Digitalisation Conference, closing day"]
    assert changed.place == "Valletta, Malta"
    assert {str(c) for c in result.changes} == {
        f"changed thematic event '{title}' (text)",
        f"changed thematic event '{title}' (dates)",
        f"changed thematic event '{title}' (place)"}


def test_one_entry_changed_differently_is_a_conflict_of_that_entry_alone(
        years: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = write_forms(years / "2023", years / "forms",
                        agencies=["Europol", "Eurojust", "Frontex"])
    title = "Conference on digital innovation"
    long_text = ("A conference on digital innovation was organised by the EUAA, together with "
                 "GDISC and IGC, with the core in Malta and five JHA agencies. " * 3).strip()

    def europol(document: docx.document.Document) -> None:
        table = record_table(document, "Thematic event", title)
        type_text(cell_of(table, "Text"), long_text)

    def eurojust(document: docx.document.Document) -> None:
        table = record_table(document, "Thematic event", title)
        type_text(cell_of(table, "Text"), "Eurojust's account of the conference.")
        type_text(cell_of(table, "Dates"), "12 & 13 June 2023 (list of events: Digitalisation "
                  "Conference)")

    def frontex(document: docx.document.Document) -> None:
        table = record_table(document, "Thematic event", title)
        type_text(cell_of(table, "Place"), "Valletta, Malta")

    for path, change in zip(paths, (europol, eurojust, frontex), strict=True):
        edit(path, change)
    before = yaml_files(years / "2023")
    assert main(["contributions", "import", str(years / "forms"), "--into",
                 str(years / "2023")]) == 2
    err = capsys.readouterr().err
    assert f"conflict on thematic event '{title}' (digital-innovation-conference), text:" in err
    assert "Europol changed: text" in err and "Eurojust changed: dates, text" in err
    # the whole texts, wrapped, never cut
    shown = " ".join(line.strip() for line in err.splitlines())
    assert long_text in shown and "Eurojust's account of the conference." in shown
    assert ("decide with --take digital-innovation-conference.text=Eurojust or =Europol or =year"
            in err)
    assert "dates" not in err.split("conflict on")[1].split("\n")[0]  # dates are no conflict
    assert yaml_files(years / "2023") == before
    # the chair takes Europol's text: Eurojust's dates and Frontex's place land all the same
    assert main(["contributions", "import", str(years / "forms"), "--into", str(years / "2023"),
                 "--take", "digital-innovation-conference.text=Europol"]) == 0
    out = capsys.readouterr().out
    assert "conflicts decided:" in out and "kept: Europol (Europol.docx)" in out
    changed = event(years / "2023", "digital-innovation-conference")
    assert " ".join(changed.body.source.split()) == long_text
    assert str(changed.sessions[0].date.start) == "2023-06-12"
    assert changed.place == "Valletta, Malta"


def test_two_agencies_adding_the_same_action_are_pointed_out(years: Path) -> None:
    paths = write_forms(years / "2019", years / "forms", agencies=["CEPOL", "FRA"])
    for path in paths:
        document = docx.Document(path)
        row = new_row_under(document, "4.1").cells
        row[2].paragraphs[0].text = "Joint webinar series on fundamental rights in training"
        set_choice(row[3], "Ongoing")
        document.save(path)
    result = import_forms(years / "forms", years / "2019")
    [duplicate] = result.duplicates
    assert str(duplicate).startswith("likely the same scorecard action: CEPOL.docx, scorecard row")
    assert "FRA.docx, scorecard row" in str(duplicate)
    records = jhareport.load_year(years / "2019")
    assert records.scorecard is not None
    ids = [a.id for a in records.scorecard.actions if a.detail.plain.startswith("Joint webinar")]
    assert ids == ["joint-webinar-series-on-fundamental-rights",
                   "joint-webinar-series-on-fundamental-rights-2"]  # both kept, for the chair


def test_a_deleted_shared_table_takes_only_that_agency_off(years: Path) -> None:
    """EUAA deletes the table of an event four other agencies take part in, as its form says
    for a record that does not concern it any more: EUAA is taken off, the event stays."""
    path = write_forms(years / "2023", years / "forms", agencies=["EUAA"])[0]
    title = "Conference on digital innovation"
    edit(path, lambda d: delete(record_table(d, "Thematic event", title)))
    result = import_forms(years / "forms", years / "2023", now=NOW)
    [change] = result.changes
    assert str(change) == (f"left thematic event '{title}': still with eu-LISA, Eurojust, "
                           "Europol, FRA, Frontex (to remove it: --remove "
                           "digital-innovation-conference)")
    kept = event(years / "2023", "digital-innovation-conference")
    assert [a.code for a in kept.agencies] == ["eu-LISA", "FRA", "Eurojust", "Frontex", "Europol"]
    # a record an agency alone is on leaves the year with it
    path = write_forms(years / "2023", years / "forms2", agencies=["EUAA"])[0]
    edit(path, lambda d: delete(record_table(d, "Thematic event", "Survey on Information "
                                                                    "provision")))
    result = import_forms(years / "forms2", years / "2023", now=NOW)
    assert [str(c) for c in result.changes] == [
        "left thematic event 'Survey on Information provision': no agency is left on it: removed"]
    ids = [e.id for e in jhareport.load_year(years / "2023").thematic_events]
    assert "information-provision-survey" not in ids and "digital-innovation-conference" in ids


def test_the_chair_confirms_the_removal_of_a_shared_record(years: Path) -> None:
    path = write_forms(years / "2023", years / "forms", agencies=["EUAA"])[0]
    edit(path, lambda d: delete(record_table(d, "Thematic event",
                                             "Conference on digital innovation")))
    with pytest.raises(ContributionError) as raised:
        import_forms(years / "forms", years / "2023", remove=["digital-inovation-conference"])
    assert ("--remove: the year has no record 'digital-inovation-conference' (did you mean "
            "'digital-innovation-conference'?)") in str(raised.value)
    import_forms(years / "forms", years / "2023", remove=["digital-innovation-conference"])
    ids = [e.id for e in jhareport.load_year(years / "2023").thematic_events]
    assert "digital-innovation-conference" not in ids


def test_importing_the_same_folder_again_changes_nothing(years: Path) -> None:
    paths = write_forms(years / "2023", years / "forms", agencies=["FRA", "Europol"])

    def new_highlight(document: docx.document.Document) -> None:
        table = record_table(document, "New highlight")
        type_text(cell_of(table, "Title"), "FRA-EUAA training on fundamental rights")
        text = cell_of(table, "Text").paragraphs[0]
        text.add_run("A ")
        text.add_run("joint").italic = True
        text.add_run(" course.")
        tick(cell_of(table, "Agencies"), "EUAA")

    edit(paths[0], new_highlight)
    first = import_forms(years / "forms", years / "2023", now=NOW)
    assert [(c.what, c.kind) for c in first.changes] == [("added", "highlight")]
    highlight = jhareport.load_year(years / "2023").highlights[-1]
    assert highlight.id == "fra-euaa-training-on-fundamental-rights"
    assert highlight.body.source == "A *joint* course."
    assert {a.code for a in highlight.agencies} == {"FRA", "EUAA"}
    after = yaml_files(years / "2023")
    ledger = (years / "2023" / "contributions" / "ledger.yaml").read_bytes()
    second = import_forms(years / "forms", years / "2023", now=NOW)
    assert second.changes == () and second.written == ()
    assert [f.status for f in second.forms] == ["already imported"] * 2
    assert yaml_files(years / "2023") == after
    assert (years / "2023" / "contributions" / "ledger.yaml").read_bytes() == ledger
    assert len(jhareport.load_year(years / "2023").highlights) == 13  # not doubled


def test_a_newer_form_of_the_same_agency_brings_only_what_is_new(years: Path) -> None:
    path = write_forms(years / "2023", years / "forms", agencies=["FRA"])[0]
    first_copy = years / "forms" / "FRA.docx"

    def add(document: docx.document.Document) -> None:
        table = record_table(document, "New highlight")
        type_text(cell_of(table, "Title"), "FRA and EIGE on gender-based violence")
        type_text(cell_of(table, "Text"), "A first text.")

    edit(path, add)
    import_forms(years / "forms", years / "2023", now=NOW)
    # the chair edits the title meanwhile; FRA sends a newer form, made from its first one
    highlights = years / "2023" / "highlights.yaml"
    highlights.write_text(highlights.read_text(encoding="utf-8").replace(
        "title: FRA and EIGE on gender-based violence",
        "title: FRA and EIGE against gender-based violence"), encoding="utf-8")
    newer = years / "forms" / "FRA-v2.docx"
    shutil.copy(first_copy, newer)
    first_copy.unlink()
    edit(newer, lambda d: type_text(cell_of(record_table(d, "New highlight"), "Text"),
                                    "A better text."))
    result = import_forms(years / "forms", years / "2023", now=NOW)
    assert [str(c) for c in result.changes] == [
        "changed highlight 'FRA and EIGE against gender-based violence' (text)"]
    found = [h for h in jhareport.load_year(years / "2023").highlights
             if "gender-based" in h.title]
    assert len(found) == 1  # not added a second time
    assert found[0].title == "FRA and EIGE against gender-based violence"  # the chair's stands
    assert found[0].body.source == "A better text."


def test_an_agency_and_the_chair_changing_one_entry_is_a_conflict(years: Path) -> None:
    path = write_forms(years / "2023", years / "forms", agencies=["FRA"])[0]
    edit(path, lambda d: type_text(cell_of(record_table(d, "Other activity 1"), "Place"),
                                   "Brussels"))
    activities = years / "2023" / "other-activities.yaml"
    activities.write_text(activities.read_text(encoding="utf-8").replace(
        "  agencies: [FRA,", "  place: Vienna\n  agencies: [FRA,"), encoding="utf-8")
    with pytest.raises(ContributionError) as raised:
        import_forms(years / "forms", years / "2023")
    message = str(raised.value)
    assert "conflict on other activity" in message
    assert "the year's files:\n      Vienna" in message and "FRA (FRA.docx):\n      Brussels" in message
    assert "--take charter-annual-exchange.place=FRA or =year" in message
    import_forms(years / "forms", years / "2023", take=["year"])
    assert jhareport.load_year(years / "2023").other_activities[0].place == "Vienna"


def test_new_records_reach_the_timeline_and_their_heading_in_date_order(years: Path) -> None:
    path = write_forms(years / "2023", years / "forms", agencies=["Europol"])[0]

    def add(document: docx.document.Document) -> None:
        table = record_table(document, "New thematic event")
        type_text(cell_of(table, "Title"), "Workshop on digital evidence")
        set_choice(cell_of(table, "Priority topic"), "Digitalisation")
        type_text(cell_of(table, "Dates"), "3 March 2023")
        type_text(cell_of(table, "Text"), "Europol hosted a workshop.")
        meeting = record_table(document, "New meeting")
        type_text(cell_of(meeting, "Title"), "Meeting of the Working Group on Data Protection")
        set_choice(cell_of(meeting, "Working group"), "Working Group on Data Protection")
        type_text(cell_of(meeting, "Dates"), "5 October 2023")
        type_text(cell_of(meeting, "Text"), "A third meeting.")

    edit(path, add)
    import_forms(years / "forms", years / "2023", now=NOW)
    records = jhareport.load_year(years / "2023")
    from jhareport.views import timeline, topics

    entries = [(str(e.date.start), e.label) for e in timeline(records)]
    assert ("2023-03-03", "Workshop on digital evidence") in entries
    assert ("2023-10-05", "Meeting of the Working Group on Data Protection") in entries
    digital = next(t for t in topics(records) if t.id == "digitalisation")
    assert digital.events[0].title == "Workshop on digital evidence"  # March first
    meeting = next(m for m in records.meetings if m.title.endswith("Data Protection")
                   and m.id != "working-group-data-protection")
    assert meeting.kind == "working-group" and meeting.group == "data-protection"


def test_status_tells_each_agency_s_reply_lateness_changes_and_a_reminder(
        years: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = write_forms(years / "2019", years / "forms", agencies=["EIGE", "FRA", "Europol"],
                        due=date(2020, 1, 15))
    eige, fra, _ = paths
    edit(eige, lambda d: delete(action_row(d, 2)))
    import_forms(years / "forms", years / "2019", skip=["FRA", "Europol"],
                 now=datetime(2020, 1, 14, 9, 0))
    (years / "forms" / "Europol.docx").unlink()
    edit(fra, lambda d: action_row(d, 1).cells[4].paragraphs[0].add_run("since 2018"))
    assert main(["contributions", "status", str(years / "forms"), "--year", str(years / "2019"),
                 "--due", "15 January 2020"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("2019: 2 of 3 forms returned (due 15 January 2020:")
    assert "EIGE: returned" in out and "(EIGE.docx)" in out and "imported 14 January 2020" in out
    assert "    left scorecard action" in out
    assert "FRA: returned" in out and "not imported yet" in out
    assert "changes scorecard action" in out and "(when)" in out
    assert "Europol: not returned" in out
    assert "reminders, ready to send:\n  to Europol:\n    Dear colleagues of Europol" in out
    assert "\nCEPOL:" not in out  # no form was sent to CEPOL: it is not missing
    status = contribution_status(years / "forms", years / "2019", today=date(2020, 1, 20))
    assert status.missing == ("Europol",)
    europol = next(a for a in status.agencies if a.agency == "Europol")
    assert europol.late == 5 and "It was due on 15 January 2020" in (europol.reminder or "")


# -- check and build ------------------------------------------------------------------------------


def test_check_refuses_what_a_final_build_refuses_in_the_same_words(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "2024"
    folder.mkdir()
    (folder / "year.yaml").write_text("year: 2024\nchair: eu-LISA\nabout: The network.\n",
                                      encoding="utf-8")
    assert main(["check", str(folder)]) == 2
    checked = capsys.readouterr().err
    assert main(["build", str(folder), "--out", str(tmp_path / "out")]) == 2
    built = capsys.readouterr().err
    assert checked.startswith("error: the final report lacks: Foreword by the chair (eu-LISA) "
                              "(foreword), Executive summary (executive summary)")
    assert checked == built
    assert main(["check", str(folder), "--draft"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ok: 2024 (chair eu-LISA)")
    assert "note: a final build would say: the final report lacks: Foreword" in out


# -- next year -------------------------------------------------------------------------------------


def test_next_year_carries_the_open_actions_over(years: Path) -> None:
    result = next_year(years / "2019", years / "2020", chair="Frontex")
    records = jhareport.load_year(years / "2020")
    assert records.year.year == 2020 and records.year.chair is not None
    assert records.year.chair.code == "Frontex"
    assert records.scorecard is not None
    statuses = {a.state.status for a in records.scorecard.actions if a.state}
    assert statuses <= {Status.ONGOING, Status.PLANNED, Status.THROUGHOUT}
    assert all(a.id for a in records.scorecard.actions)
    old = jhareport.load_year(years / "2019").scorecard
    assert old is not None
    open_ = [a for a in old.actions if a.state and a.state.status in
             (Status.ONGOING, Status.PLANNED, Status.THROUGHOUT)]
    assert len(records.scorecard.actions) == len(open_) == result.carried
    assert records.scorecard.title == "Multilateral JHA Agencies Scorecard 2020"
    assert records.year.council_presidencies == ("Croatia", "Germany")
    assert "trio: the trio presidency of 2020" in str(result)
    assert main(["year", "next", str(years / "2019"), "--out", str(years / "2020"),
                 "--chair", "Frontex"]) == 2  # the folder is not empty any more


def test_next_year_of_2023_carries_its_annexes_without_their_pictures(years: Path) -> None:
    folder = years / "2023"
    (folder / "logo.png").write_bytes(PNG)
    (folder / "map.png").write_bytes(PNG)
    with (folder / "year.yaml").open("a", encoding="utf-8") as year:
        year.write("network_logo: {file: logo.png, alt: The network's logo}\n"
                   "chair_logo: {file: logo.png, alt: The EUAA's logo}\n")
    figures = (folder / "figures.yaml").read_text(encoding="utf-8")
    (folder / "figures.yaml").write_text(figures.replace(
        "  annex: relex\n", "  annex: relex\n  picture: {file: map.png, alt: A map}\n"),
        encoding="utf-8")
    next_year(folder, years / "2024", chair="eu-LISA")
    records = jhareport.load_year(years / "2024")  # its outline's annexes select what it has
    assert [t.id for t in records.tables] == ["empact-priorities"]
    assert [f.caption for f in records.figures][:2] == [
        "Cooperation instruments with third countries¹", "Figure 1. EUROPOL"]
    assert all(f.picture is None for f in records.figures)
    assert records.year.network_logo is not None and records.year.chair_logo is None
    assert records.year.network_logo.data == PNG
def test_next_year_from_2023_is_the_2024_a_chair_expects(
        years: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["year", "next", str(years / "2023"), "--out", str(years / "2024"),
                 "--chair", "eu-LISA"]) == 0
    out = capsys.readouterr().out
    records = jhareport.load_year(years / "2024")
    year = records.year
    assert year.chair is not None and year.chair.code == "eu-LISA"
    assert [a.code for a in year.trio] == ["CEPOL", "EUAA", "eu-LISA"]  # the trio runs on
    assert year.next_chair is None and "next_chair: the agency chairing the network in 2025" in out
    assert year.council_presidencies == ("Belgium", "Hungary")
    # last year's priorities for the coming year are this year's priority topics
    assert [t.id for t in year.priority_topics] == [
        "digitalisation-innovation", "security-resilience-data-protection",
        "social-responsibility-green-deal", "priorities-for-incoming-commissioners"]
    # groups chaired by the outgoing chair pass to the new one; permanent chairs stay
    chairs = {g.id: g.chair.code if g.chair else None for g in records.working_groups}
    assert chairs["communication"] == "eu-LISA" and chairs["training"] == "CEPOL"
    assert chairs["european-situation-monitoring"] == "Frontex"
    # 2023's texts are not 2024's: they are marked to be rewritten, and a final build refuses
    assert "The EUAA chose five priority topics" in (records.outline or ())[5].text.source
    assert (records.outline or ())[5].text.source.startswith(
        "**[Text of 2023: rewrite it for 2024, then delete this line]**")
    assert "the text of section 'Thematic events' (outline.yaml)" in out
    assert not records.meetings and not records.highlights and not records.thematic_events
    assert [e.label for e in records.timeline] == [
        "Presentation of the JHAAN Annual Report 2023 to COSI",
        "Presentation of the JHAAN Annual Report 2023 to LIBE Committee"]
    assert main(["check", str(years / "2024")]) == 2
    err = capsys.readouterr().err
    assert ("the final report still has last year's texts to rewrite: about (year.yaml), "
            "working_groups_intro (year.yaml)") in err
    assert main(["build", str(years / "2024"), "--out", str(years / "out")]) == 2
    assert capsys.readouterr().err == err  # in the words of the build
    assert main(["check", str(years / "2024"), "--draft"]) == 0


def test_next_year_from_2017_keeps_its_own_outline_loadable(years: Path) -> None:
    shutil.copytree(Path(__file__).parents[1] / "fixtures" / "2017", years / "2017")
    result = next_year(years / "2017", years / "2018", chair="Eurojust")
    records = jhareport.load_year(years / "2018")  # its outline's selects still find records
    assert [a.cooperation for a in records.priority_areas].count("thematic") == 3
    area = records.priority_areas[0]
    assert area.objective is not None and area.objective.source.startswith(
        "**[Text of 2017: rewrite it for 2018, then delete this line]**")
    assert area.text is None and area.key_activities == ()  # what was done is 2017's
    assert not records.conclusions  # the Heads of Agencies' conclusions are the year's own
    assert ("outline.yaml: the heading \"Conclusions of the Heads of Justice and Home Affairs "
            "agencies' meeting on 28 November 2017, Lisbon\" names 2017: write it for 2018 (or "
            "with {year})") in result.to_do
    assert "trio: the trio presidency of 2018, the previous, current and next chair (or --trio)" \
        in result.to_do


def test_a_decided_conflict_is_not_reopened_by_the_same_words_again(years: Path) -> None:
    paths = write_forms(years / "2023", years / "forms", agencies=["Europol", "Eurojust"])
    title = "Conference on digital innovation"
    for path, words in zip(paths, ("Europol's account.", "Eurojust's account."), strict=True):
        edit(path, lambda d, words=words: type_text(cell_of(record_table(
            d, "Thematic event", title), "Text"), words))
    import_forms(years / "forms", years / "2023", take=["Europol"], now=NOW)
    # Eurojust sends its form again, with a note of its own, but the same account
    eurojust = paths[1]
    edit(eurojust, lambda d: d.add_paragraph("Sent again with our best regards."))
    again = import_forms(years / "forms", years / "2023", now=NOW)
    assert [(f.file, f.status) for f in again.forms if f.status == "imported"] == [
        ("Eurojust.docx", "imported")]
    assert again.changes == () and again.conflicts == ()
    assert event(years / "2023", "digital-innovation-conference").body.source == \
        "Europol's account."
    # changed once more, it is a conflict again, with the year's value from Europol's form
    edit(eurojust, lambda d: type_text(cell_of(record_table(d, "Thematic event", title), "Text"),
                                       "Eurojust's second account."))
    with pytest.raises(ContributionError) as raised:
        import_forms(years / "forms", years / "2023")
    message = str(raised.value)
    assert "the year's files (from Europol.docx, imported 2024-01-20):\n      Europol's account." \
        in message
    assert "Eurojust (Eurojust.docx):\n      Eurojust's second account." in message
