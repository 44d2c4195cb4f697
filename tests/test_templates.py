"""Template inspection: `template show`, `template lint`, render errors with their place, and the
template reference kept equal to the code."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import attrs
import docx
import pytest

import jhareport
from jhareport import BuildError
from jhareport.cli import main
from jhareport.template_tools.lint import lint
from jhareport.template_tools.reference import reference

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
TEMPLATES = ROOT / "jhareport" / "templates"


def template(path: Path, *paragraphs: str, table: list[list[str]] | None = None) -> Path:
    """A small .docx template: paragraphs, then a table whose cells hold the given texts."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=max(len(r) for r in table))
        for r, row in enumerate(table):
            for c, text in enumerate(row):
                grid.cell(r, c).text = text
    document.save(str(path))
    return path


def edited(source: Path, target: Path, change: Callable[[docx.document.Document], None]) -> Path:
    """A copy of a real template with one change made as Word would keep it."""
    document = docx.Document(str(source))
    change(document)
    target.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(target))
    return target


def retype(document: docx.document.Document, old: str, new: str) -> None:
    paragraphs = [*document.paragraphs,
                  *(p for t in document.tables for row in t.rows for cell in row.cells
                    for p in cell.paragraphs)]
    for paragraph in paragraphs:
        if paragraph.text == old:
            paragraph.runs[0].text = new
            for run in paragraph.runs[1:]:
                run.text = ""
            return
    raise AssertionError(f"no paragraph {old!r}")


# -- show --------------------------------------------------------------------------------------

def test_show_lists_paragraphs_and_cells_with_their_tags(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["template", "show", str(TEMPLATES / "scorecard-annex.docx")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "paragraph 1 [Title]: {{ scorecard.title }}" in lines
    assert "table 3, row 2, cell 1 [Normal]: {%tr for line in scorecard_rows %}" in lines
    assert ("table 3, row 6, cell 2 [Table Text]: "
            "{{p line.action.detail|rich(style='Table Text') }}") in lines
    assert any(line.startswith("header1, paragraph 1 [Header]: {{ scorecard.title }}")
               for line in lines)


def test_show_works_as_a_git_textconv_driver(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    repo.mkdir()
    run = lambda *args: subprocess.run(["git", *args], cwd=repo, check=True,  # noqa: E731
                                       capture_output=True, text=True).stdout
    run("init", "-q")
    run("config", "user.email", "t@example.eu")
    run("config", "user.name", "T")
    (repo / ".gitattributes").write_text("*.docx diff=docx\n")
    run("config", "diff.docx.textconv", f"{sys.executable} -m jhareport template show")
    shutil.copy(TEMPLATES / "acronyms.docx", repo / "acronyms.docx")
    run("add", ".")
    run("commit", "-qm", "template")
    edited(TEMPLATES / "acronyms.docx", repo / "acronyms.docx",
           lambda d: retype(d, "List of acronyms", "Acronyms and abbreviations"))
    diff = run("diff")
    assert "-paragraph 1 [Title]: List of acronyms" in diff
    assert "+paragraph 1 [Title]: Acronyms and abbreviations" in diff


# -- lint --------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["final-report", "scorecard-annex", "acronyms"])
def test_the_bundled_templates_are_clean(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["template", "lint", str(TEMPLATES / f"{name}.docx")]) == 0
    assert "ok:" in capsys.readouterr().out


def test_unknown_variables_attributes_and_filters_with_the_closest_name(tmp_path: Path) -> None:
    path = template(
        tmp_path / "final-report.docx",
        "Report {{ yaer.year }}",
        "{%p for meeting in horizontal_meetings %}",
        "{{ meeting.titel }}, {{ meeting.sessions|dtaes }}",
        "{%p endfor %}",
        table=[["{%tr for entry in timeline %}"], ["{{ entry.lable }}"], ["{%tr endfor %}"]])
    problems = [str(p) for p in lint(path)]
    assert problems == [
        "paragraph 1 “Report {{ yaer.year }}”: the final-report template has no variable "
        "'yaer'; did you mean 'year'?",
        "paragraph 3 “{{ meeting.titel }}, {{ meeting.sessions|dtaes }}”: Meeting has no "
        "attribute 'titel'; did you mean 'title'?",
        "paragraph 3 “{{ meeting.titel }}, {{ meeting.sessions|dtaes }}”: no filter 'dtaes'; "
        "did you mean 'dates'?",
        "table 1, row 2, cell 1 “{{ entry.lable }}”: TimelineEntry has no attribute 'lable'; "
        "did you mean 'label'?",
    ]


def test_a_variable_of_another_kind_of_document_is_reported(tmp_path: Path) -> None:
    path = template(tmp_path / "t.docx", "{{ summary.total }} actions")
    assert lint(path, "scorecard-annex") == []
    [problem] = lint(path, "acronyms")
    assert "the acronyms template has no variable 'summary'" in str(problem)


def test_unknown_attribute_without_a_close_name_lists_what_there_is(tmp_path: Path) -> None:
    path = template(tmp_path / "acronyms.docx", "{% for a in acronyms %}{{ a.meaning }}{% endfor %}")
    [problem] = lint(path)
    assert "Acronym has no attribute 'meaning'; it has: aliases, long, short" in str(problem)


def test_jinja_syntax_errors_are_all_reported_with_their_place(tmp_path: Path) -> None:
    path = template(tmp_path / "acronyms.docx", "Fine {{ year.year }}", "{{ year.year + }}",
                    "{{ year.year ]] }}", "{% if year %", "{% iff year %}{% endif %}")
    problems = [str(p) for p in lint(path)]
    assert problems[0].startswith("paragraph 2 “{{ year.year + }}”: Jinja syntax error in "
                                  "{{ year.year + }}: ")
    assert problems[1].startswith("paragraph 3 “{{ year.year ]] }}”: Jinja syntax error")
    assert problems[2] == ("paragraph 4 “{% if year %”: a tag opened with '{%' is not closed in "
                           "this paragraph")
    assert problems[3].startswith("paragraph 5 “{% iff year %}{% endif %}”: unknown tag 'iff'; "
                                  "did you mean 'if'?")


def test_unbalanced_row_and_paragraph_blocks(tmp_path: Path) -> None:
    path = template(
        tmp_path / "final-report.docx",
        "{%p for h in highlights %}", "{{ h.title }}", "{%tr endfor %}",
        "{%p if draft %}",
        table=[["{%tr for entry in timeline %}"], ["{{ entry.label }}"], ["{%p endfor %}"]])
    problems = [str(p) for p in lint(path)]
    assert ("paragraph 3 “{%tr endfor %}”: {%tr endfor %} stands outside a table: {%tr …%} "
            "repeats or drops a table row, so it must stand in one") in problems
    assert ("paragraph 3 “{%tr endfor %}”: {%tr endfor %} closes {%p for h in highlights %} "
            "(paragraph 1): write both as {%p …%}, or both as {%tr …%}") in problems
    assert ("table 1, row 3, cell 1 “{%p endfor %}”: {%p endfor %} closes {%tr for entry in "
            "timeline %} (table 1, row 1, cell 1): write both as {%tr …%}, or both as "
            "{%p …%}") in problems
    assert ("paragraph 4 “{%p if draft %}”: {%p if draft %} is never closed ({%p endif %} is "
            "missing)") in problems


def test_tag_split_across_runs_formatted_differently(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Chair: {{ year.ch")
    paragraph.add_run("air|agency }}").bold = True
    same = document.add_paragraph("Year {{ year.")
    same.add_run("year }}")
    path = tmp_path / "acronyms.docx"
    document.save(str(path))
    [problem] = lint(path)
    assert problem.where == "paragraph 1"
    assert problem.message == ("{{ year.chair|agency }} is split across runs formatted "
                               "differently; the build keeps the first run's formatting only: "
                               "retype the tag, or clear its formatting")


def test_record_text_outside_a_paragraph_tag(tmp_path: Path) -> None:
    path = template(tmp_path / "final-report.docx", "About: {{ year.about|rich }}",
                    "{%p if year.about %} and more", "{%p endif %}")
    problems = [str(p) for p in lint(path) if "has no style" not in p.message]
    assert problems == [
        "paragraph 1 “About: {{ year.about|rich }}”: {{ year.about|rich }} makes paragraphs (a "
        "record's text, a chart, a picture, a table or a placeholder): write it as {{p …}} in a "
        "paragraph of its own",
        "paragraph 2 “{%p if year.about %} and more”: {%p if year.about %} shares its paragraph "
        "with other text, which the build drops with the paragraph: put the tag in a paragraph "
        "of its own",
    ]


def test_styles_record_texts_need_are_checked(tmp_path: Path) -> None:
    def drop_styles(document: docx.document.Document) -> None:
        for name in ("List Bullet", "Table Text"):
            element = document.styles[name].element
            element.getparent().remove(element)

    path = edited(TEMPLATES / "scorecard-annex.docx", tmp_path / "scorecard-annex.docx",
                  drop_styles)
    problems = [str(p) for p in lint(path)]
    place = ("table 3, row 6, cell 2 “{{p line.action.detail|rich(style='Table Text') }}”: the "
             "template has no style")
    assert f"{place} 'List Bullet', which record texts (|rich) take for bullet lists: add it in " \
        "Word" in problems
    assert f"{place} 'Table Text', which record texts (|rich) take for the paragraphs of " \
        "record texts: add it in Word" in problems
    assert len(problems) == 2


def test_lint_command_exit_codes_and_kind(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = template(tmp_path / "ours.docx", "{{ summary.total }} actions")
    assert main(["template", "lint", str(path)]) == 0  # any docxtpl template: its variables are its own
    assert capsys.readouterr().out == f"ok: {path}\n"
    assert main(["template", "lint", str(path), "--kind", "scorecard-annex"]) == 0
    assert main(["template", "lint", str(path), "--kind", "final-report"]) == 2
    err = capsys.readouterr().err
    assert f"{path}: paragraph 1 “{{{{ summary.total }}}} actions”: error: the final-report " \
        "template has no variable 'summary'" in err
    assert err.strip().endswith(f"1 error in {path}")
    broken = tmp_path / "acronyms.docx"
    broken.write_text("not a zip")
    assert main(["template", "lint", str(broken)]) == 2
    assert "not a readable Word document" in capsys.readouterr().err
    assert main(["template", "lint", str(tmp_path / "missing.docx")]) == 2
    assert capsys.readouterr().err == f"error: {tmp_path / 'missing.docx'}: no such file\n"
    assert main(["template", "show", str(tmp_path / "missing.docx")]) == 2
    assert "no such file" in capsys.readouterr().err


# -- render errors -----------------------------------------------------------------------------

def test_a_filter_failing_on_a_record_names_the_place_and_the_record(tmp_path: Path) -> None:
    edited(TEMPLATES / "final-report.docx", tmp_path / "t" / "final-report.docx",
           lambda d: retype(d, "{{ meeting|details }}", "{{ meeting|details }} {{ meeting.place|period }}"))
    out = tmp_path / "out"
    with pytest.raises(BuildError) as failure:
        jhareport.build(FIXTURES / "2023", out, templates=tmp_path / "t")
    message = str(failure.value)
    assert message.startswith(str(tmp_path / "t" / "final-report.docx") + ", paragraph 46 "
                              "“{{ meeting|details }} {{ meeting.place|period }}”: the filter "
                              "'period' cannot show 'Malta' (of type str)")
    assert message.endswith("(while rendering meeting 'heads-of-agencies')")
    assert not out.exists()


def test_an_undefined_attribute_in_a_table_row_names_the_cell_and_the_action(tmp_path: Path) -> None:
    edited(TEMPLATES / "scorecard-annex.docx", tmp_path / "t" / "scorecard-annex.docx",
           lambda d: retype(d, "{{ line.action.state|state }}", "{{ line.action.stat|state }}"))
    with pytest.raises(BuildError) as failure:
        jhareport.build(FIXTURES / "2019", tmp_path / "out", templates=tmp_path / "t")
    message = str(failure.value)
    assert "table 3, row 6, cell 3 “{{ line.action.stat|state }}”: " in message
    assert "has no attribute 'stat'" in message
    assert "(while rendering scorecard action of field 1.1 (“Participation in the Common Visa" in message


def test_render_error_from_the_command_has_no_traceback(tmp_path: Path) -> None:
    edited(TEMPLATES / "acronyms.docx", tmp_path / "t" / "acronyms.docx",
           lambda d: retype(d, "{{ acronym.long }}", "{{ acronym.long|agency_full }}"))
    result = subprocess.run(
        [sys.executable, "-m", "jhareport", "build", str(FIXTURES / "2023"), "--out",
         str(tmp_path / "out"), "--templates", str(tmp_path / "t")],
        capture_output=True, text=True)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "table 1, row 3, cell 2 “{{ acronym.long|agency_full }}”: the filter 'agency_full' " \
        "cannot show" in result.stderr
    assert "(while rendering acronym '" in result.stderr


# -- reference ---------------------------------------------------------------------------------

def test_the_template_reference_in_docs_is_what_the_code_gives() -> None:
    written = (ROOT / "docs" / "templates.md").read_text(encoding="utf-8")
    assert written == reference(), ("docs/templates.md is out of date: "
                                    "jhareport template reference > docs/templates.md")


def test_the_reference_documents_every_variable_and_filter() -> None:
    text = reference()
    for variable in ("`horizontal_meetings` | list of Meeting", "`scorecard_rows` | list of "
                     "ScorecardRow", "`acronyms` | list of Acronym", "`draft` | true or false"):
        assert variable in text
    for name in ("rich", "period", "dates", "agency", "agency_full", "agencies", "number",
                 "join_list", "join_counts", "state", "details", "todo()"):
        assert f"| `{name}` |" in text
    assert "### Meeting" in text and "| `sessions` | list of Session |" in text


def test_an_agency_template_is_linted_by_the_build(tmp_path: Path) -> None:
    def bolden(document: docx.document.Document) -> None:
        paragraph = document.paragraphs[0]  # "List of acronyms": a split tag, differently formatted
        paragraph.runs[0].text = "List of acronyms {{ year."
        for run in paragraph.runs[1:]:
            run.text = ""
        paragraph.add_run("year }}").bold = True

    edited(TEMPLATES / "acronyms.docx", tmp_path / "t" / "acronyms.docx", bolden)
    result = jhareport.build(FIXTURES / "2023", tmp_path / "out", templates=tmp_path / "t")
    assert any(w.startswith(f"template lint: {tmp_path / 't' / 'acronyms.docx'}: paragraph 1 ")
               and "is split across runs formatted differently" in w for w in result.warnings)
    assert docx.Document(str(tmp_path / "out" / "acronyms.docx")).paragraphs[0].text == \
        "List of acronyms 2023"


def test_a_failing_agency_template_lists_the_lint_problems_too(tmp_path: Path) -> None:
    def two_mistakes(document: docx.document.Document) -> None:
        retype(document, "{{ acronym.long }}", "{{ acronym.lng }}")
        retype(document, "List of acronyms", "List of acronyms {{ year.year|numbr }}")

    edited(TEMPLATES / "acronyms.docx", tmp_path / "t" / "acronyms.docx", two_mistakes)
    with pytest.raises(BuildError) as failure:
        jhareport.build(FIXTURES / "2023", tmp_path / "out", templates=tmp_path / "t")
    problems = failure.value.problems
    assert any("no filter 'numbr'; did you mean 'number'?" in p for p in problems)
    assert any("Acronym has no attribute 'lng'; did you mean 'long'?" in p for p in problems)


def test_the_api_lints_and_shows_templates_as_the_command_does(tmp_path: Path) -> None:
    assert jhareport.lint_template(TEMPLATES / "final-report.docx") == []
    path = template(tmp_path / "acronyms.docx", "{{ acronyms|lenght }}")
    [problem] = jhareport.lint_template(path)
    assert isinstance(problem, jhareport.LintProblem)
    assert (problem.where, problem.message) == (
        "paragraph 1", "no filter 'lenght'; did you mean 'length'?")
    assert jhareport.show_template(path) == (
        "paragraph 1 [Normal]: {{ acronyms|lenght }}\n"
        "document properties, author: python-docx\n"
        "document properties, comments: generated by python-docx\n")


def test_jinja_a_template_author_may_write_is_not_flagged(tmp_path: Path) -> None:
    path = template(
        tmp_path / "final-report.docx",
        "{% macro line(item, label='Title') %}{{ label }}: {{ item.title }}{% endmacro %}",
        "{% set chair = year.chair %}{% set count = highlights|length %}",
        "{% set ns = namespace(seen=0) %}",
        "{%p for h in highlights if h.agencies %}",
        "{{ line(h) }} ({{ loop.index }} of {{ loop.length }}) {{ h.agencies|agencies }}",
        "{% set ns.seen = ns.seen + 1 %}",
        "{%p else %}",
        "none",
        "{%p endfor %}",
        "{% with first = highlights|first %}{{ first.title }}{% endwith %}",
        "{% set closing %}Chaired by {{ chair|agency }}{% endset %}{{ closing }}",
        "{% filter upper %}{{ year.year }}{% endfilter %}",
        "{% if count > 10 %}many{% elif count %}some{% else %}none{% endif %}",
        "{{ timeline|selectattr('source')|list|length }} {{ year.foreword.title|default('') }}",
        "{{ (highlights|first).title }} {{ year.trio[0]|agency }} {{ year.chair.short_on(year.as_of) }}",
        "{# a note for template keepers #}",
        table=[["{%tr for entry in timeline %}", ""],
               ["{{ entry.date|period }}{% vm %}", "{% cellbg 'FFFFFF' %}{{ entry.label }}"],
               ["{%tr endfor %}", ""]])
    assert [str(p) for p in lint(path)] == []


def test_blocks_closed_out_of_order_and_includes(tmp_path: Path) -> None:
    path = template(tmp_path / "final-report.docx",
                    "{% for h in highlights %}{% if h.agencies %}{% endfor %}",
                    "{% else %}", "{% include 'other.docx' %}", "{% endif %}")
    problems = [p.message for p in lint(path)]
    assert problems == [
        "{% endfor %} comes before {% endif %}, which {% if h.agencies %} (paragraph 1) needs first",
        "{% else %} stands outside any for or if block",
        "{% include 'other.docx' %}: templates cannot include other templates",
        "{% endif %} closes no open block",
    ]


def test_render_errors_in_the_timeline_and_annex_name_their_entry(tmp_path: Path) -> None:
    edited(TEMPLATES / "final-report.docx", tmp_path / "t" / "final-report.docx",
           lambda d: retype(d, "{{ entry.label }}", "{{ entry.label|number }}"))
    with pytest.raises(BuildError) as failure:
        jhareport.build(FIXTURES / "2023", tmp_path / "out", templates=tmp_path / "t")
    assert "(while rendering timeline entry “Trio Contact Points Coordination Meeting”)" in \
        str(failure.value)
    edited(TEMPLATES / "final-report.docx", tmp_path / "u" / "final-report.docx",
           lambda d: retype(d, "{{ line.led|number }}", "{{ line.led|period }}"))
    with pytest.raises(BuildError) as failure:  # the standard outline has the EMPACT annex
        jhareport.build(attrs.evolve(jhareport.load_year(FIXTURES / "2023"), outline=None),
                        tmp_path / "out", templates=tmp_path / "u")
    assert "the filter 'period' cannot show 3 (of type int)" in str(failure.value)
    assert "(while rendering EMPACT row of CEPOL)" in str(failure.value)


def test_records_are_named_as_the_fixtures_know_them() -> None:
    from jhareport.views import ScorecardRow, TopicView
    from jhareport.word.locate import describe_record

    records = jhareport.load_year(FIXTURES / "2019")
    assert describe_record(ScorecardRow("A. Operational cooperation", 0)) == \
        "scorecard heading 'A. Operational cooperation'"
    assert describe_record(records.glossary[0]) == f"acronym '{records.glossary[0].short}'"
    assert describe_record(TopicView("cyber", "Cybersecurity", None, ())) == \
        "priority topic 'cyber'"
    assert describe_record("a text") is None


def test_text_the_build_would_drop_with_a_row_or_paragraph_tag(tmp_path: Path) -> None:
    path = template(tmp_path / "acronyms.docx", "Acronyms: {{p year.about|rich }}",
                    table=[["{%tr for a in summary.areas %}", "Meaning"], ["{{ a.title }}", "{{ a.count }}"],
                           ["{%tr endfor %}", ""]])
    problems = [str(p) for p in lint(path, "final-report") if "has no style" not in p.message]
    assert problems == [
        "paragraph 1 “Acronyms: {{p year.about|rich }}”: {{p year.about|rich }} shares its "
        "paragraph with other text, which the build drops with the paragraph: put the tag in a "
        "paragraph of its own",
        "table 1, row 1, cell 1 “{%tr for a in summary.areas %}”: {%tr for a in summary.areas %} "
        "shares its table row with other text, which the build drops with the row: give the tag "
        "a row of its own",
        "table 1, row 1, cell 1 “{%tr for a in summary.areas %}”: the final-report template has no "
        "variable 'summary'",
    ]


def test_runs_differing_only_in_what_a_reader_cannot_see_are_not_flagged(tmp_path: Path) -> None:
    from docx.oxml import OxmlElement

    document = docx.Document()
    paragraph = document.add_paragraph("{{ year.")
    paragraph.add_run("year }}")
    for run, extra in zip(paragraph.runs, ("w:bCs", "w:noProof"), strict=True):
        run._r.get_or_add_rPr().append(OxmlElement(extra))
    path = tmp_path / "acronyms.docx"
    document.save(str(path))
    assert lint(path) == []


def test_the_built_in_templates_come_with_the_sources_docxtpl_makes_of_them() -> None:
    """A build reads the built-in templates' parts from templates/prepared.json: they must be
    what docxtpl makes of the templates as they are (`python tools/prepare_templates.py`)."""
    from jhareport.word.template import PREPARED, prepare

    stored = json.loads(PREPARED.read_text(encoding="utf-8"))["sources"]
    assert stored == prepare(sorted(TEMPLATES.glob("**/*.docx"))), \
        "the built-in templates changed: run `python tools/prepare_templates.py`"


def test_style_names_are_read_as_python_docx_reads_them() -> None:
    from docx.styles import BabelFish

    from jhareport.word.template import _STYLE_NAMES

    assert dict(BabelFish.style_aliases) == _STYLE_NAMES
