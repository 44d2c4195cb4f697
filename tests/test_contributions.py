"""Contribution forms: made from the records, edited as an agency would, read back into YAML."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import qn

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

_W14 = "http://schemas.microsoft.com/office/word/2010/wordml"


# -- editing a form as an agency would, with python-docx ------------------------------------------


def text_of(cell: docx.table._Cell) -> str:
    """A cell's text with its content controls' (python-docx leaves those out)."""
    return "".join(t.text or "" for t in cell._tc.iter(qn("w:t")))


def scorecard_table(document: docx.document.Document) -> docx.table.Table:
    return next(t for t in document.tables if t.rows[0].cells[0].text == "No.")


def action_row(document: docx.document.Document, number: int) -> docx.table._Row:
    table = scorecard_table(document)
    for row in table.rows[1:]:
        cells = row.cells
        if len({id(c._tc) for c in cells}) > 1 and cells[0].text == str(number):
            return row
    raise AssertionError(f"no scorecard row {number}")


def set_choice(cell: docx.table._Cell, value: str) -> None:
    """Pick an item of the cell's drop-down list, as Word writes it."""
    texts = cell._tc.findall(".//" + qn("w:sdtContent") + "//" + qn("w:t"))
    texts[0].text = value
    for extra in texts[1:]:
        extra.text = ""


def tick(cell: docx.table._Cell, agency: str) -> None:
    """Tick an agency's check box: the box before its name."""
    paragraph = cell.paragraphs[0]._p
    boxes = paragraph.findall(qn("w:sdt"))
    for box in boxes:
        following = box.getnext()
        name = "".join(t.text or "" for t in following.iter(qn("w:t"))).strip()
        if name == agency:
            box.find(".//" + qn("w:sdtContent") + "//" + qn("w:t")).text = "\u2612"
            box.find(f".//{{{_W14}}}checked").set(f"{{{_W14}}}val", "1")
            return
    raise AssertionError(f"no check box for {agency}")


def add_link(paragraph: docx.text.paragraph.Paragraph, text: str, url: str) -> None:
    rid = paragraph.part.relate_to(url, docx.opc.constants.RELATIONSHIP_TYPE.HYPERLINK,
                                   is_external=True)
    paragraph._p.append(parse_xml(
        f'<w:hyperlink xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        f'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        f'r:id="{rid}"><w:r><w:t>{text}</w:t></w:r></w:hyperlink>'))


def new_row_under(document: docx.document.Document, field: str) -> docx.table._Row:
    """The empty row at the end of a field's group."""
    table = scorecard_table(document)
    inside = False
    for row in table.rows[1:]:
        cells = row.cells
        merged = len({id(c._tc) for c in cells}) == 1
        if merged:
            inside = cells[0].text.split(" ")[0] == field
        elif inside and not cells[2].text.strip():
            return row
    raise AssertionError(f"no empty row under {field}")


def annex_texts(folder: Path, out: Path) -> list[str]:
    from jhareport.word.package import document_texts

    jhareport.build(folder, out)
    return document_texts((out / "scorecard-annex.docx").read_bytes())


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


def test_forms_are_the_same_bytes_each_time(years: Path) -> None:
    first = write_forms(years / "2023", years / "a", agencies=["FRA"])[0].read_bytes()
    second = write_forms(years / "2023", years / "b", agencies=["FRA"])[0].read_bytes()
    assert first == second


def test_2023_forms_hold_the_events_highlights_and_activities_of_the_agency(years: Path) -> None:
    path = write_forms(years / "2023", years / "forms", agencies=["FRA"])[0]
    document = docx.Document(path)
    headers = [t.rows[0].cells[0].text for t in document.tables]
    assert "Thematic event 1" in headers and "New thematic event" in headers
    assert "Highlight 1" in headers and "New highlight" in headers
    assert "Other activity 1" in headers  # the charter exchange FRA organised
    first = document.tables[0]
    assert [r.cells[0].text for r in first.rows[1:]] == [
        "Title", "Priority topic", "Agencies", "Other partners", "Format", "Place", "Dates", "Text"]


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
                 "--due", "2020-01-15"]) == 0
    assert sorted(p.name for p in (years / "forms").iterdir()) == sorted(
        f"{a.code}.docx" for a in jhareport.REGISTRY.agencies)
    assert main(["contributions", "forms", str(years / "2019"), "--out", str(years / "x"),
                 "--agency", "Europl"]) == 2
    assert "did you mean 'Europol'" in capsys.readouterr().err


# -- records in -----------------------------------------------------------------------------------


def test_unchanged_forms_change_nothing(years: Path) -> None:
    write_forms(years / "2023", years / "forms")
    before = {p: p.read_bytes() for p in (years / "2023").rglob("*") if p.is_file()}
    result = import_forms(years / "forms", years / "2023")
    assert result.changes == () and result.written == ()
    assert {p: p.read_bytes() for p in (years / "2023").rglob("*") if p.is_file()} == before


def test_edits_come_back_as_the_matching_yaml_change(years: Path) -> None:
    path = write_forms(years / "2019", years / "forms", agencies=["EIGE"])[0]
    document = docx.Document(path)
    # row 1: state of play Done, in July 2019, and FRA ticked
    row = action_row(document, 1).cells
    set_choice(row[3], "Done")
    row[4].paragraphs[0].text = "July 2019"
    tick(row[5], "FRA")
    # row 2 deleted
    gone = action_row(document, 2)
    gone_text = gone.cells[2].text
    gone._tr.getparent().remove(gone._tr)
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
    result = import_forms(years / "forms", years / "2019")
    summary = {(c.what, c.kind) for c in result.changes}
    assert summary == {("changed", "action"), ("removed", "action"), ("added", "action")}
    after = actions_file.read_text(encoding="utf-8")
    assert after.startswith(before.split("- field")[0])  # the opening comments stay
    records = jhareport.load_year(years / "2019")
    assert records.scorecard is not None
    actions = records.scorecard.actions
    changed = next(a for a in actions if a.detail.plain.startswith("Coordination of operational "
                                                                   "activities related to the hotspot"))
    assert changed.state is not None and changed.state.status is Status.DONE
    assert "FRA" in [a.code for a in changed.agencies]
    assert not any(a.detail.plain.strip() == gone_text.strip() for a in actions)
    added = next(a for a in actions if "Joint guidance" in a.detail.source)
    assert added.field == "1.2"
    assert added.detail.source == (
        "Joint guidance on **child protection**, see [the guide](https://eige.europa.eu/guide)\n\n"
        "- first workshop\n- second workshop")
    assert {a.code for a in added.agencies} == {"EIGE", "FRA"}
    assert added.state is not None and added.state.status is Status.PLANNED
    # only the three records differ: the rest of the file reads as it did
    import difflib

    diff = [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(),
                                                  lineterm="", n=0)
            if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))]
    assert len(diff) < 25, "\n".join(diff)


def test_bad_entries_are_reported_per_form_and_place_and_nothing_is_written(years: Path) -> None:
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
    before = (years / "2019" / "scorecard" / "actions.yaml").read_bytes()
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
    assert "notes.docx: is not a Word document" in message
    assert message.index("Europol: 2 problems") < message.index("other files")
    assert (years / "2019" / "scorecard" / "actions.yaml").read_bytes() == before
    assert main(["contributions", "import", str(years / "forms"), "--into",
                 str(years / "2019")]) == 2


def test_shared_actions_changed_differently_are_a_conflict(years: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    paths = write_forms(years / "2019", years / "forms", agencies=["EIGE", "Frontex"])
    # "Coordination of operational activities related to the hotspot initiatives" involves both
    for path, when in zip(paths, ("July 2019", "September 2019"), strict=True):
        document = docx.Document(path)
        table = scorecard_table(document)
        row = next(r for r in table.rows if r.cells[2].text.startswith("Coordination of operational "
                                                                       "activities related"))
        set_choice(row.cells[3], "Done")
        row.cells[4].paragraphs[0].text = when
        document.save(path)
    with pytest.raises(ContributionError) as raised:
        import_forms(years / "forms", years / "2019")
    message = str(raised.value)
    assert "conflict on scorecard action" in message
    assert "EIGE (EIGE.docx)" in message and "Frontex (Frontex.docx)" in message
    assert "July 2019" in message and "September 2019" in message
    result = import_forms(years / "forms", years / "2019", take="Frontex")
    assert result.conflicts[0].taken == "Frontex"
    records = jhareport.load_year(years / "2019")
    assert records.scorecard is not None
    action = next(a for a in records.scorecard.actions
                  if a.detail.plain.startswith("Coordination of operational activities related"))
    assert action.state is not None and action.state.period is not None
    assert action.state.period.start == date(2019, 9, 1)


def test_two_agencies_adding_the_same_action_are_pointed_out(years: Path) -> None:
    paths = write_forms(years / "2019", years / "forms", agencies=["CEPOL", "FRA"])
    for path in paths:
        document = docx.Document(path)
        row = new_row_under(document, "4.1").cells
        row[2].paragraphs[0].text = "Joint webinar series on fundamental rights in training"
        set_choice(row[3], "Ongoing")
        document.save(path)
    result = import_forms(years / "forms", years / "2019")
    assert len(result.duplicates) == 1
    assert "CEPOL.docx" in str(result.duplicates[0]) and "FRA.docx" in str(result.duplicates[0])


def test_a_new_highlight_gets_a_fresh_id_and_the_form_s_formatting(years: Path) -> None:
    path = write_forms(years / "2023", years / "forms", agencies=["FRA"])[0]
    document = docx.Document(path)
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "New highlight")
    rows = {r.cells[0].text: r.cells[1] for r in table.rows[1:]}
    rows["Title"].paragraphs[0].text = "FRA-EUAA training on fundamental rights"
    text = rows["Text"].paragraphs[0]
    text.add_run("A ")
    text.add_run("joint").italic = True
    text.add_run(" course.")
    tick(rows["Agencies"], "EUAA")
    document.save(path)
    result = import_forms(years / "forms", years / "2023")
    assert [(c.what, c.kind) for c in result.changes] == [("added", "highlight")]
    highlight = jhareport.load_year(years / "2023").highlights[-1]
    assert highlight.id == "fra-euaa-training-on-fundamental-rights"
    assert highlight.body.source == "A *joint* course."
    assert {a.code for a in highlight.agencies} == {"FRA", "EUAA"}


# -- where things stand, and the next year ---------------------------------------------------------


def test_status_tells_who_answered_what_changed_and_who_is_late(years: Path) -> None:
    paths = write_forms(years / "2019", years / "forms", agencies=["EIGE", "FRA"],
                        due=date(2020, 1, 15))
    document = docx.Document(paths[0])
    row = action_row(document, 2)
    row._tr.getparent().remove(row._tr)
    document.save(paths[0])
    status = contribution_status(years / "forms", years / "2019", today=date(2020, 1, 20))
    text = str(status)
    assert "2019: 2 of 9 forms returned (due 15 January 2020: 5 days late)" in text
    assert "EIGE (EIGE.docx): 1 scorecard action removed" in text
    assert "FRA (FRA.docx): no change" in text
    assert "missing: CEPOL, EMCDDA, EASO, eu-LISA, Eurojust, Europol, Frontex" in text


def test_next_year_carries_the_open_actions_over(years: Path) -> None:
    result = next_year(years / "2019", years / "2020", chair="Frontex")
    records = jhareport.load_year(years / "2020")
    assert records.year.year == 2020 and records.year.chair is not None
    assert records.year.chair.code == "Frontex"
    assert records.scorecard is not None
    statuses = {a.state.status for a in records.scorecard.actions if a.state}
    assert statuses <= {Status.ONGOING, Status.PLANNED, Status.THROUGHOUT}
    old = jhareport.load_year(years / "2019").scorecard
    assert old is not None
    open_ = [a for a in old.actions if a.state and a.state.status in
             (Status.ONGOING, Status.PLANNED, Status.THROUGHOUT)]
    assert len(records.scorecard.actions) == len(open_) == result.carried
    assert records.scorecard.title == "Multilateral JHA Agencies Scorecard 2020"
    assert main(["year", "next", str(years / "2019"), "--out", str(years / "2020"),
                 "--chair", "Frontex"]) == 2  # the folder is not empty any more
