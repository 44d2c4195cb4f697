"""Lint agrees with docxtpl: each template here is rendered by docxtpl itself, and lint's exit
code follows what docxtpl does with it: 0 when it renders (warnings for what is worth fixing), 2
when it raises or drops text without a word. `show` and the outline snapshot see what a reader
sees."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docxtpl_corpus import (
    _run,
    _xml,
    all_text,
    header_row,
    make,
    picture,
    render,
)
from jinja2 import TemplateSyntaxError

from jhareport.cli import main
from jhareport.template_tools.inspect import show
from jhareport.template_tools.lint import lint
from jhareport.word.snapshot import outline


def saved(document: docx.document.Document, path: Path) -> Path:
    document.save(str(path))
    return path


def rendered(path: Path, context: dict[str, object]) -> str:
    return all_text(render(path, lambda _: context))


def lint_lines(path: Path, capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, str]:
    code = main(["template", "lint", str(path), *options])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


# -- what docxtpl reads as lint used to refuse ----------------------------------------------------

def test_rows_tagged_in_stray_braces_render_and_lint_clean(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    path, context = make(tmp_path, "braced_row_tags")
    output = render(path, context)
    assert "Widget" in all_text(output) and "{" not in outline(output)
    assert lint_lines(path, capsys) == (0, f"ok: {path}\n")


def test_a_row_loop_in_a_nested_table_drops_only_the_inner_rows(tmp_path: Path) -> None:
    path, context = make(tmp_path, "nested_table_rows")
    text = all_text(render(path, context))
    assert "Order 17" in text and "two chairs" in text and "one desk" in text
    assert lint(path) == []


def test_text_beside_a_row_tag_of_a_nested_table_is_an_error(tmp_path: Path) -> None:
    document = docx.Document()
    outer = document.add_table(rows=1, cols=1)
    inner = outer.cell(0, 0).add_table(rows=3, cols=2)
    for row, texts in zip(inner.rows, (("{%tr for line in lines %}", "Line:"), ("{{ line }}", ""),
                                       ("{%tr endfor %}", "")), strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    path = saved(document, tmp_path / "t.docx")
    assert "Line:" not in rendered(path, {"lines": ["a desk"]})  # docxtpl drops it, silently
    [problem] = lint(path)
    assert (problem.where, problem.severity) == ("table 1, row 1, cell 1, table 1, row 1, cell 1",
                                                 "error")
    assert problem.message.startswith("{%tr for line in lines %} shares its table row with other "
                                      "text, which docxtpl drops with the row")


def test_a_tag_split_over_two_paragraphs_is_joined_with_a_warning(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = docx.Document()
    document.add_paragraph("Dear {{ na")
    document.add_paragraph("me }}, welcome")
    path = saved(document, tmp_path / "t.docx")
    assert "Dear Ada, welcome" in rendered(path, {"name": "Ada"})
    [problem] = lint(path)
    assert (problem.where, problem.text, problem.severity) == (
        "paragraph 1", "Dear {{ na ¶ me }}, welcome", "warning")
    assert problem.message == ("{{ name }} is split over paragraph 1 and paragraph 2: docxtpl "
                               "joins them into one paragraph (in the first one's style): keep a "
                               "tag in one paragraph")
    assert main(["template", "lint", str(path)]) == 0
    assert capsys.readouterr().out == f"ok: {path} (1 warning)\n"
    assert lint_lines(path, capsys, "--strict") == (
        2, f"{path}: paragraph 1 “Dear {{{{ na ¶ me }}}}, welcome”: warning: {problem.message}\n"
           f"1 warning in {path} (--strict: warnings fail)\n")


def test_a_tag_left_open_before_another_opens_is_not_joined(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Dear {{ name")
    document.add_paragraph("{{ other }}")
    path = saved(document, tmp_path / "t.docx")
    with pytest.raises(TemplateSyntaxError):
        rendered(path, {"name": "Ada", "other": "x"})
    problems = lint(path)
    assert [(p.where, p.message, p.severity) for p in problems] == [
        ("paragraph 1", "a tag opened with '{{' is not closed in this paragraph", "error")]


def test_statement_tags_and_unseen_differences_across_runs_say_nothing(tmp_path: Path) -> None:
    path, context = make(tmp_path, "split_runs_unseen")
    assert "Hello Ada" in all_text(render(path, context))
    assert lint(path) == []


def test_a_printed_tag_over_runs_formatted_differently_is_a_warning(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph()
    _run(paragraph, "Total: {{ to")
    _run(paragraph, "tal }}", "<w:b/>")
    path = saved(document, tmp_path / "t.docx")
    assert "Total: 12" in rendered(path, {"total": 12})
    [problem] = lint(path)
    assert problem.severity == "warning"
    assert problem.message.startswith("{{ total }} is split across runs formatted differently; "
                                      "docxtpl keeps the first run's formatting only")


# -- what docxtpl loses without a word: errors --------------------------------------------------

def test_text_beside_a_paragraph_tag_is_lost_and_an_error(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    document = docx.Document()
    document.add_paragraph("{%p if late %}")
    document.add_paragraph("Late")
    document.add_paragraph("{%p endif %}Signed by the director")
    path = saved(document, tmp_path / "t.docx")
    assert "Signed by the director" not in rendered(path, {"late": True})
    code, out = lint_lines(path, capsys)
    assert code == 2
    assert ("paragraph 3 “{%p endif %}Signed by the director”: error: {%p endif %} shares its "
            "paragraph with other text, which docxtpl drops with the paragraph") in out


def test_text_beside_a_cell_tag_is_lost_and_an_error(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ("{%tc for y in years %}", "{{ y }}",
                                                "{%tc endfor %}total"), strict=True):
        cell.text = text
    path = saved(document, tmp_path / "t.docx")
    assert "total" not in rendered(path, {"years": [2022, 2023]})
    [problem] = lint(path)
    assert (problem.where, problem.severity) == ("table 1, row 1, cell 3", "error")
    assert problem.message.startswith("{%tc endfor %} shares its table cell with other text, "
                                      "which docxtpl drops with the cell")


def test_a_picture_beside_a_paragraph_tag_is_lost_too(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("{%p if logo %}")
    picture(paragraph, "The logo")
    document.add_paragraph("{%p endif %}")
    path = saved(document, tmp_path / "t.docx")
    [problem] = lint(path)
    assert "shares its paragraph with a picture, which docxtpl drops" in problem.message


# -- accessibility: warnings for any template -------------------------------------------------

def test_pictures_are_warned_of_without_alternative_text(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    document = docx.Document()
    picture(document.add_paragraph("Signed: "))
    picture(document.add_paragraph("Logo: "), "The company's logo")
    path = saved(document, tmp_path / "t.docx")
    [problem] = lint(path)
    assert (problem.where, problem.text, problem.severity) == (
        "paragraph 1", "Signed: [picture 2.0 × 2.0 cm: no alternative text]", "warning")
    assert problem.message.startswith("the picture “Picture 1” has no alternative text")
    assert lint_lines(path, capsys)[0] == 0
    assert lint_lines(path, capsys, "--strict")[0] == 2


def test_a_repeated_table_without_a_header_row_is_warned_of(tmp_path: Path) -> None:
    document = docx.Document()
    for marked in (False, True):
        table = document.add_table(rows=3, cols=1)
        for row, text in zip(table.rows, ("Name", "{%tr for m in members %}", "{%tr endfor %}"),
                             strict=True):
            row.cells[0].text = text
        if marked:
            header_row(table.rows[0]._tr)
    path = saved(document, tmp_path / "t.docx")
    [problem] = lint(path)
    assert (problem.where, problem.severity) == ("table 1, row 1, cell 1", "warning")
    assert problem.message.startswith("table 1 repeats rows ({%tr for m in members %}) but its "
                                      "first row is not marked as a header row")


def test_a_document_without_a_language_is_warned_of(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("{{ name }}")
    for language in document.styles.element.iter(f"{{{docx.oxml.ns.nsmap['w']}}}lang"):
        language.getparent().remove(language)
    path = saved(document, tmp_path / "t.docx")
    [problem] = lint(path)
    assert (problem.where, problem.severity) == ("document", "warning")
    assert problem.message.startswith("the document declares no language")
    assert str(problem).startswith("document: the document declares no language")


def test_the_networks_templates_make_accessibility_an_error(tmp_path: Path) -> None:
    document = docx.Document(str(Path(__file__).parents[1] / "jhareport" / "templates" /
                                 "acronyms.docx"))
    picture(document.paragraphs[0])
    path = saved(document, tmp_path / "acronyms.docx")
    [problem] = lint(path)
    assert problem.severity == "error" and "has no alternative text" in problem.message
    assert [p.severity for p in lint(path, "docxtpl") if "alternative text" in p.message] == \
        ["warning"]


# -- show and the outline see what a reader sees ----------------------------------------------

def reader_document(path: Path) -> Path:
    """A document with something of everything a reader sees: a paragraph in a content control
    of the body, a cell and a row in content controls, a table in a cell, a text box, a described
    and an undescribed picture, a line break and a tab, and a field."""
    document = docx.Document()
    body = document.add_paragraph("In a control of the body")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "In a cell in a control"
    table.cell(0, 1).text = "Beside it"
    table.cell(1, 0).text = "In a row in a control"
    nested = table.cell(1, 1).add_table(rows=1, cols=1)
    nested.cell(0, 0).text = "In a table in a cell"
    for element, wrapper in ((body._p, "sdt"), (table.cell(0, 0)._tc, "sdt"),
                             (table.rows[1]._tr, "sdt")):
        control = _xml(f'<w:{wrapper}><w:sdtPr/><w:sdtContent/></w:{wrapper}>')
        element.addprevious(control)
        control[-1].append(element)
    boxed = document.add_paragraph("Before the box ")
    from docxtpl_corpus import _TEXT_BOX

    boxed._p.append(_xml(_TEXT_BOX.replace("{{ boxed }}", "In a text box")))
    pictured = document.add_paragraph("Logo: ")
    picture(pictured, "The network's logo")
    picture(document.add_paragraph())
    lines = document.add_paragraph("Name:\tAda")
    lines.add_run().add_break()
    lines.add_run("Role:\tchair")
    paged = document.add_paragraph("Page ")
    for piece in ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
                  '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
                  '<w:r><w:fldChar w:fldCharType="separate"/></w:r>', '<w:r><w:t>3</w:t></w:r>',
                  '<w:r><w:fldChar w:fldCharType="end"/></w:r>'):
        paged._p.append(_xml(piece))
    return saved(document, path)


def test_show_sees_everything_a_reader_sees(tmp_path: Path) -> None:
    lines = show(reader_document(tmp_path / "t.docx")).splitlines()
    assert lines[:10] == [
        "paragraph 1 [Normal]: In a control of the body",
        "table 1, row 1, cell 1 [Normal]: In a cell in a control",
        "table 1, row 1, cell 2 [Normal]: Beside it",
        "table 1, row 2, cell 1 [Normal]: In a row in a control",
        "table 1, row 2, cell 2, table 1, row 1, cell 1 [Normal]: In a table in a cell",
        "paragraph 2 [Normal]: Before the box [text box 1]",
        "paragraph 2, text box 1, paragraph 1 [Normal]: In a text box",
        "paragraph 3 [Normal]: Logo: [picture 2.0 × 2.0 cm: The network's logo]",
        "paragraph 4 [Normal]: [picture 2.0 × 2.0 cm: no alternative text]",
        "paragraph 5 [Normal]: Name:→Ada↵Role:→chair",
    ]
    assert lines[10] == "paragraph 6 [Normal]: Page [field PAGE: 3]"


def test_the_outline_snapshot_sees_everything_a_reader_sees(tmp_path: Path) -> None:
    text = outline(reader_document(tmp_path / "t.docx"))
    assert text.splitlines()[:11] == [
        "[Normal] In a control of the body",
        "table 1:",
        "  | In a cell in a control | Beside it |",
        "  | In a row in a control |  / [table 1.1] /  |",
        "    table 1.1:",
        "      | In a table in a cell |",
        "[Normal] Before the box [text box: In a text box]",
        "[Normal] Logo: [picture 2.0 × 2.0 cm: The network's logo]",
        "[Normal] [picture 2.0 × 2.0 cm: no alternative text]",
        "[Normal] Name:→Ada↵Role:→chair",
        "[Normal] Page [field PAGE: 3]",
    ]


def test_show_and_lint_messages_keep_a_paragraph_on_one_line(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Name: {{ name|uper }}")
    paragraph.add_run().add_break()
    paragraph.add_run("Role: {{ role }}")
    path = saved(document, tmp_path / "t.docx")
    [problem] = lint(path)
    assert str(problem).startswith("paragraph 1 “Name: {{ name|uper }}↵Role: {{ role }}”: no "
                                   "filter 'uper'")
    assert show(path).splitlines()[0] == "paragraph 1 [Normal]: Name: {{ name|uper }}↵Role: {{ role }}"


# -- many templates in one go -------------------------------------------------------------------

def test_lint_and_show_take_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "templates"
    (folder / "letters").mkdir(parents=True)
    clean, _ = make(folder, "paragraph_loop")
    warned = docx.Document()
    picture(warned.add_paragraph("Signed: "))
    saved(warned, folder / "letters" / "signed.docx")
    broken = docx.Document()
    broken.add_paragraph("{{ name }")
    saved(broken, folder / "broken.docx")
    (folder / "~$broken.docx").write_bytes(b"Word's lock file")
    assert main(["template", "lint", str(folder)]) == 2
    out = capsys.readouterr()
    assert out.out.splitlines() == [f"ok: {folder / 'letters' / 'signed.docx'} (1 warning)",
                                    f"ok: {clean}",
                                    "3 templates linted: 2 ok, 1 failed"]
    assert f"1 error in {folder / 'broken.docx'}" in out.err
    assert "~$" not in out.out + out.err
    assert main(["template", "lint", str(folder), "--strict"]) == 2
    assert capsys.readouterr().out.endswith("3 templates linted: 1 ok, 2 failed\n")

    assert main(["template", "show", str(clean), str(folder / "broken.docx")]) == 0
    shown = capsys.readouterr().out
    assert shown.startswith(f"==> {clean} <==\nparagraph 1 [Normal]: Members\n")
    assert f"\n\n==> {folder / 'broken.docx'} <==\nparagraph 1 [Normal]: {{{{ name }}\n" in shown
    assert main(["template", "show", str(clean)]) == 0  # one file: no heading, as git wants it
    assert capsys.readouterr().out.startswith("paragraph 1 [Normal]: Members\n")
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["template", "lint", str(empty)]) == 2
    assert capsys.readouterr().err == f"error: {empty}: no .docx file in this folder\n"


def test_a_folder_with_an_unreadable_file_lints_the_others(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    make(tmp_path, "row_loop")
    (tmp_path / "bad.docx").write_bytes(io.BytesIO(b"not a zip").getvalue())
    assert main(["template", "lint", str(tmp_path)]) == 2
    out = capsys.readouterr()
    assert f"error: {tmp_path / 'bad.docx'}: not a readable Word document" in out.err
    assert f"ok: {tmp_path / 'row_loop.docx'}" in out.out


def test_a_prefixed_tag_holding_a_percent_sign_is_an_error(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("{%p if n % 2 %}")
    document.add_paragraph("odd")
    document.add_paragraph("{%p endif %}")
    path = saved(document, tmp_path / "t.docx")
    with pytest.raises(TemplateSyntaxError):
        rendered(path, {"n": 3})
    [problem] = lint(path)
    assert (problem.where, problem.severity) == ("paragraph 1", "error")
    assert problem.message == ("{%p if n % 2 %}: docxtpl cannot read a {%p …%} tag holding '%' "
                               "or '}': compute the value in a {% set … %} before it")


def test_a_tag_split_over_two_cells_loses_a_cell_and_is_an_error(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ("A {{ na", "me }} B", "C"), strict=True):
        cell.text = text
    path = saved(document, tmp_path / "t.docx")
    output = docx.Document(io.BytesIO(render(path, lambda _: {"name": "Ada"})))
    assert [c.text for c in output.tables[0].rows[0].cells] == ["A Ada B", "C"]  # a cell gone
    [problem] = lint(path)
    assert (problem.where, problem.severity) == ("table 1, row 1, cell 1", "error")
    assert problem.message.startswith("{{ name }} is split over table 1, row 1, cell 1 and "
                                      "table 1, row 1, cell 2, which docxtpl joins by removing "
                                      "what stands between them: two cells become one")
