"""`template show` and `template lint` on any docxtpl template: a corpus of every docxtpl feature
made in the test run, each rendered by docxtpl itself, broken templates, and files that are not
what a template should be."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docxtpl import DocxTemplate
from docxtpl_corpus import CORPUS, add_footnotes, all_text, make, render
from jinja2 import TemplateSyntaxError

from jhareport.cli import main
from jhareport.template_tools.inspect import TemplateReadError, show
from jhareport.template_tools.lint import lint


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_lint_finds_nothing_on_templates_docxtpl_renders(name: str, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    path, context = make(tmp_path, name)
    assert CORPUS[name][1] in all_text(render(path, context))
    assert [str(p) for p in lint(path)] == []
    assert main(["template", "lint", str(path)]) == 0
    assert capsys.readouterr().out == f"ok: {path}\n"
    assert main(["template", "lint", "--kind", "docxtpl", str(path)]) == 0


def shown(tmp_path: Path, name: str) -> list[str]:
    path, _ = make(tmp_path, name)
    return show(path).splitlines()


def test_show_reads_every_part_docxtpl_renders(tmp_path: Path) -> None:
    assert shown(tmp_path, "headers_and_footers")[:3] == [
        "paragraph 1 [Normal]: Body of {{ title }}",
        "header1, paragraph 1 [Header]: {{ title }} — draft {{ version }}",
        "footer1, paragraph 1 [Footer]: {% if confidential %}Confidential{% endif %}"]
    assert "footnotes, paragraph 1 [Normal]:  Source: {{ source }}" in shown(tmp_path, "footnotes")
    properties = shown(tmp_path, "document_properties")
    assert properties[1:4] == ["document properties, title: {{ title }}",
                               "document properties, subject: Report of {{ year }}",
                               "document properties, author: {{ author|default('The secretariat') }}"]


def test_show_keeps_rows_and_cells_in_content_controls(tmp_path: Path) -> None:
    assert shown(tmp_path, "content_controls")[:4] == [
        "table 1, row 1, cell 1 [Normal]: {%tr for m in members %}",
        "table 1, row 2, cell 1 [Normal]: {{ m.name }}",
        "table 1, row 2, cell 2 [Normal]: {{ m.role }}",
        "table 1, row 3, cell 1 [Normal]: {%tr endfor %}"]


def test_show_keeps_text_boxes_line_breaks_and_tabs_apart(tmp_path: Path) -> None:
    assert shown(tmp_path, "text_box")[:2] == [
        "paragraph 1 [Normal]: Text zone :[text box 1]Cool !",
        "paragraph 1, text box 1, paragraph 1 [Normal]: {{ boxed }}"]
    assert shown(tmp_path, "breaks_and_tabs")[0] == \
        "paragraph 1 [Normal]: Name:→{{ name }}↵Date:→{{ date }}"


def test_show_passes_over_comments_and_processing_instructions(tmp_path: Path) -> None:
    assert shown(tmp_path, "comments_and_instructions")[:2] == [
        "paragraph 1 [Normal]: Hello {{ name }}!", "table 1, row 1, cell 1 [Normal]: {{ name|lower }}"]


# -- broken templates --------------------------------------------------------------------------

def paragraphs(*texts: str) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        document = docx.Document()
        for text in texts:
            document.add_paragraph(text)
        document.save(str(path))
    return write


def in_header(text: str) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        document = docx.Document()
        document.add_paragraph("Body")
        document.sections[0].header.paragraphs[0].text = text
        document.save(str(path))
    return write


def in_title(text: str) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        document = docx.Document()
        document.core_properties.title = text
        document.save(str(path))
    return write


def in_footnote(text: str) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        paragraphs("Body")(path)
        add_footnotes(path, footnotes=(
            '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f'<w:footnote w:id="1"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:footnote>'
            '</w:footnotes>'))
    return write


def rows(*texts: str) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        document = docx.Document()
        table = document.add_table(rows=len(texts), cols=1)
        for row, text in zip(table.rows, texts, strict=True):
            row.cells[0].text = text
        document.save(str(path))
    return write


BROKEN = {
    "never closed": (paragraphs("{%p for m in members %}", "{{ m }}"),
                     "paragraph 1 “{%p for m in members %}”: {%p for m in members %} is never "
                     "closed ({%p endfor %} is missing)"),
    "closed by another kind": (
        rows("{%tr for m in members %}", "{{ m }}", "{%p endfor %}"),
        "table 1, row 3, cell 1 “{%p endfor %}”: {%p endfor %} closes {%tr for m in members %} "
        "(table 1, row 1, cell 1): write both as {%tr …%}, or both as {%p …%}"),
    "row tag outside a table": (
        paragraphs("{%tr for m in members %}", "{{ m }}", "{%tr endfor %}"),
        "paragraph 1 “{%tr for m in members %}”: {%tr for m in members %} stands outside a table: "
        "{%tr …%} repeats or drops a table row, so it must stand in one"),
    "text a paragraph tag drops": (
        paragraphs("Members: {%p for m in members %}", "{{ m }}", "{%p endfor %}"),
        "paragraph 1 “Members: {%p for m in members %}”: {%p for m in members %} shares its "
        "paragraph with other text, which docxtpl drops with the paragraph: put the tag in a "
        "paragraph of its own"),
    "prefix written apart": (
        paragraphs("{% p if late %}", "Late", "{% p endif %}"),
        "paragraph 1 “{% p if late %}”: unknown tag 'p': docxtpl's tag is written {%p …%}, the "
        "letter right after the braces and then a space"),
    "unknown filter": (paragraphs("{{ name|uper }}"),
                       "paragraph 1 “{{ name|uper }}”: no filter 'uper'; did you mean 'upper'?"),
    "syntax error in a header": (
        in_header("{{ title + }}"),
        # then Jinja's own words, which vary between its releases
        "header1, paragraph 1 “{{ title + }}”: Jinja syntax error in {{ title + }}: "),
    "syntax error in a footnote": (
        in_footnote("{% if x %}note"),
        "footnotes, paragraph 1 “{% if x %}note”: {% if x %} is never closed ({% endif %} is "
        "missing)"),
    "syntax error in the title": (
        in_title("{{ title }"),
        "document properties, title “{{ title }”: a tag opened with '{{' is not closed in this "
        "paragraph"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_lint_names_the_error_of_a_broken_template(name: str, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    write, expected = BROKEN[name]
    path = tmp_path / "broken.docx"
    write(path)
    first = lint(path)[0]  # first, or alone
    found = str(first)
    assert first.severity == "error"
    assert found == expected or (expected.endswith(": ") and found.startswith(expected))
    assert main(["template", "lint", str(path)]) == 2
    place, message = expected.split("”: ", 1)
    assert f"{path}: {place}”: error: {message}" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["never closed", "prefix written apart", "syntax error in a header",
                                  "syntax error in the title"])
def test_the_broken_templates_are_those_docxtpl_refuses(name: str, tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    BROKEN[name][0](path)
    template = DocxTemplate(str(path))
    with pytest.raises(TemplateSyntaxError):
        template.render({"members": [], "title": "T", "late": True})


# -- filters -----------------------------------------------------------------------------------

def test_filters_the_renderer_adds_are_named_by_option_or_entry_point(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "invoice.docx"
    paragraphs("{{ total|money }} due by {{ due|longdate }}")(path)
    assert [p.message.split(";")[0] for p in lint(path)] == ["no filter 'money'",
                                                             "no filter 'longdate'"]
    assert lint(path, filters=["money", "longdate"]) == []
    assert main(["template", "lint", str(path), "--filters", "money,longdate"]) == 0
    assert main(["template", "lint", str(path), "--filters", "money"]) == 2
    assert "no filter 'longdate'" in capsys.readouterr().err

    # a package of the user's declares its filters in the entry point group
    info = tmp_path / "site" / "ourfilters-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: ourfilters\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(
        "[jhareport.template_filters]\nmoney = ourfilters:money\nlongdate = ourfilters:longdate\n")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    assert lint(path) == []


# -- no false reports --------------------------------------------------------------------------

def test_no_split_tag_reported_for_a_font_hint_or_a_paragraph_tag(tmp_path: Path) -> None:
    from docx.oxml import OxmlElement

    document = docx.Document()
    hinted = document.add_paragraph("{{ na")
    hinted.add_run("me }}")
    fonts = OxmlElement("w:rFonts")
    fonts.set(docx.oxml.ns.qn("w:hint"), "eastAsia")
    hinted.runs[1]._r.get_or_add_rPr().append(fonts)
    opening = document.add_paragraph("{%p if na")
    opening.add_run("me %}").bold = True
    document.add_paragraph("{{ name }}")
    document.add_paragraph("{%p endif %}")
    bold = document.add_paragraph("{{ na")
    bold.add_run("me }}").bold = True
    path = tmp_path / "t.docx"
    document.save(str(path))
    assert [(p.where, p.message.split(";")[0]) for p in lint(path)] == [
        ("paragraph 5", "{{ name }} is split across runs formatted differently")]


def test_suggestions_do_not_offer_jinjas_globals(tmp_path: Path) -> None:
    path = tmp_path / "acronyms.docx"
    paragraphs("{{ name }} {{ age }}")(path)
    assert [p.message for p in lint(path)] == [
        "the acronyms template has no variable 'name'",
        "the acronyms template has no variable 'age'"]


# -- any file ----------------------------------------------------------------------------------

def without_body(path: Path) -> None:
    paragraphs("x")(path)
    rewrite(path, "word/document.xml", b'<w:document xmlns:w="http://schemas.openxmlformats.org/'
            b'wordprocessingml/2006/main"/>')


def rewrite(path: Path, name: str, data: bytes | None) -> None:
    with zipfile.ZipFile(path) as package:
        parts = {n: package.read(n) for n in package.namelist()}
    if data is None:
        del parts[name]
    else:
        parts[name] = data
    with zipfile.ZipFile(path, "w") as package:
        for n, d in parts.items():
            package.writestr(n, d)


def test_a_document_without_a_body_shows_its_other_parts(tmp_path: Path) -> None:
    path = tmp_path / "t.docx"
    without_body(path)
    assert show(path) == ("document properties, author: python-docx\n"
                          "document properties, comments: generated by python-docx\n")
    assert lint(path) == []


def truncated(path: Path) -> None:
    paragraphs("x")(path)
    path.write_bytes(path.read_bytes()[:2000])


def no_document(path: Path) -> None:
    paragraphs("x")(path)
    rewrite(path, "word/document.xml", None)


def bad_xml(path: Path) -> None:
    paragraphs("x")(path)
    rewrite(path, "word/document.xml", b"<w:document><w:body>")


@pytest.mark.parametrize(("make_file", "message"), [
    (truncated, "not a readable Word document (not a zip package, as every Word document is)"),
    (no_document, "not a Word document (no word/document.xml)"),
    (bad_xml, "not a readable Word document (word/document.xml: "),
    (lambda path: path.mkdir(), "not a readable Word document (not a regular file)"),
])
def test_a_file_that_is_no_template_gets_a_message_not_a_traceback(
        make_file: Callable[[Path], None], message: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "t.docx"
    make_file(path)
    for action in ("show", "lint"):
        assert main(["template", action, str(path)]) == 2
        assert capsys.readouterr().err.startswith(f"error: {path}: {message}")
    with pytest.raises(TemplateReadError):
        show(path)
