"""The build renders templates as docxtpl does: each built-in template, and small templates using
docxtpl's own tags, rendered by `DocxTemplate.render` and by the build's path, give the same
document (outline and canonical XML)."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import attrs
import docx
import pytest
from docxtpl import DocxTemplate, RichText
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2.sandbox import SandboxedEnvironment

import jhareport
from jhareport.views import (
    acronyms_context,
    as_variables,
    final_report_context,
    scan_acronyms,
    scorecard_context,
)
from jhareport.word.build import render_parts, template_environment
from jhareport.word.package import write_package
from jhareport.word.snapshot import canonical_xml, outline
from jhareport.word.template import WordTemplate
from jhareport.word.writer import WordWriter, unbreakable_names

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
TEMPLATES = ROOT / "jhareport" / "templates"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def both(path: Path, variables: dict[str, Any], as_of: date | None = None
         ) -> tuple[bytes, bytes, dict[str, str], Any]:
    """The template rendered by docxtpl and by the build's path (the same filters in both), and
    the core properties each rendered."""
    word = WordTemplate.read(path)

    def environment() -> SandboxedEnvironment:
        env = template_environment("en", as_of)
        WordWriter(word, False).install(env)
        return env

    reference = DocxTemplate(str(path))
    reference.render(variables, environment(), autoescape=True)
    buffer = io.BytesIO()
    reference.save(buffer)
    # the build then gives names such as eu-LISA a non-breaking hyphen, as it writes the body
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as saved:
        entries = {name: saved.read(name) for name in saved.namelist()}
    entries["word/document.xml"] = unbreakable_names(
        entries["word/document.xml"].decode("utf-8")).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, data in entries.items():
            package.writestr(name, data)
    ours = WordTemplate.read(path)
    parts, properties = render_parts(ours, environment(), variables, WordWriter(ours, False))
    return buffer.getvalue(), write_package(parts, datetime(2023, 12, 31)), properties, \
        reference.docx.core_properties


def body_xml(data: bytes) -> str:
    """The body, headers and footers as canonical XML."""
    return canonical_xml(data, parts=("word/document.xml",))


@pytest.fixture(scope="module")
def records_2023() -> jhareport.YearRecords:
    return jhareport.load_year(FIXTURES / "2023")


@pytest.fixture(scope="module")
def records_2019() -> jhareport.YearRecords:
    return jhareport.load_year(FIXTURES / "2019")


def test_final_report_renders_as_with_docxtpl(records_2023: jhareport.YearRecords) -> None:
    variables = {**as_variables(final_report_context(records_2023)), "draft": False,
                 "locale": "en"}
    reference, ours, _, _ = both(TEMPLATES / "final-report.docx", variables,
                                 records_2023.year.as_of)
    assert body_xml(ours) == body_xml(reference)
    assert "Highlights" in outline(ours)


def test_scorecard_annex_renders_as_with_docxtpl(records_2019: jhareport.YearRecords) -> None:
    variables = {**as_variables(scorecard_context(records_2019)), "draft": True, "locale": "en"}
    reference, ours, _, _ = both(TEMPLATES / "scorecard-annex.docx", variables,
                                 records_2019.year.as_of)
    assert body_xml(ours) == body_xml(reference)
    assert "DRAFT" in outline(ours)


def test_acronyms_render_as_with_docxtpl(records_2023: jhareport.YearRecords) -> None:
    used = scan_acronyms(["EUAA and FRA at the JHAAN"], records_2023.glossary,
                         as_of=records_2023.year.as_of).used
    variables = {**as_variables(acronyms_context(records_2023, used)), "draft": False,
                 "locale": "en"}
    reference, ours, _, _ = both(TEMPLATES / "acronyms.docx", variables,
                                 records_2023.year.as_of)
    assert body_xml(ours) == body_xml(reference)
    assert "EUAA" in outline(ours)


# -- docxtpl's tags ------------------------------------------------------------------------------

def feature_template(path: Path, build: Callable[[Any], None]) -> Path:
    document = docx.Document()
    build(document)
    document.save(str(path))
    return path


def rows_and_paragraphs(document: Any) -> None:
    document.add_paragraph("{%p for item in items %}")
    document.add_paragraph("{{ item.name }} & co")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("Before {{r emphasis }} after")
    table = document.add_table(rows=4, cols=2)
    table.cell(0, 0).text = "Name"
    table.cell(0, 1).text = "Count"
    table.cell(1, 0).text = "{%tr for item in items %}"
    table.cell(2, 0).text = "{{ item.name }}"
    table.cell(2, 1).text = "{{ item.count }}"
    table.cell(3, 0).text = "{%tr endfor %}"
    document.sections[0].header.paragraphs[0].text = "Header: {{ title }}"
    document.sections[0].footer.paragraphs[0].text = "Footer {{ items|length }}"
    document.core_properties.title = "{{ title }}"
    document.core_properties.subject = "About {{ items|length }} items"


def merged_cells(document: Any) -> None:
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).text = "{%tr for item in items %}"
    table.cell(1, 0).text = "{% vm %}{{ group }}"
    table.cell(1, 1).text = "{{ item.name }}"
    table.cell(2, 0).text = "{%tr endfor %}"
    columns = document.add_table(rows=2, cols=3)
    columns.cell(0, 0).text = "{%tc for column in columns %}"
    columns.cell(0, 1).text = "{{ column }}"
    columns.cell(0, 2).text = "{%tc endfor %}"
    columns.cell(1, 0).text = "{%tc for column in columns %}"
    columns.cell(1, 1).text = "{% hm %}total"
    columns.cell(1, 2).text = "{%tc endfor %}"
    spans = document.add_table(rows=2, cols=3)
    spans.cell(0, 0).text = "{% colspan 3 %}wide"
    spans.cell(1, 0).text = "{% cellbg colour %}coloured"


def with_footnote(path: Path) -> Path:
    """A template whose body refers to a footnote holding a tag."""
    document = docx.Document()
    document.add_paragraph("Text with a note").add_run()._r.append(
        docx.oxml.parse_xml(f'<w:footnoteReference xmlns:w="{_W}" w:id="1"/>'))
    document.add_paragraph("{{ title }}")
    buffer = io.BytesIO()
    document.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    entries = {name: source.read(name) for name in source.namelist()}
    entries["word/footnotes.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{_W}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        '</w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>Note on {{ title }}</w:t></w:r></w:p>'
        "</w:footnote></w:footnotes>").encode()
    entries["word/_rels/document.xml.rels"] = entries["word/_rels/document.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>')
    entries["[Content_Types].xml"] = entries["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/word/footnotes.xml" ContentType="application/vnd.'
        b'openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>')
    with zipfile.ZipFile(path, "w") as target:
        for name, data in entries.items():
            target.writestr(name, data)
    return path


VARIABLES = {"items": [{"name": "Europol", "count": 3}, {"name": "Eurojust", "count": 1},
                       {"name": "FRA", "count": 2}],
             "title": "Report <2023>", "group": "Agencies", "colour": "FF0000",
             "columns": ["2019", "2020", "2021", "2022", "2023"],
             "emphasis": RichText("bold words", bold=True)}


def test_rows_paragraphs_runs_headers_and_properties_as_with_docxtpl(tmp_path: Path) -> None:
    path = feature_template(tmp_path / "features.docx", rows_and_paragraphs)
    reference, ours, properties, core = both(path, VARIABLES)
    assert body_xml(ours) == body_xml(reference)
    assert outline(ours) == outline(reference)
    shown = outline(ours)
    assert "[Normal] Europol & co" in shown and "| FRA | 2 |" in shown
    assert "header1: Header: Report <2023>" in shown and "footer1: Footer 3" in shown
    assert re.search(r"<w:b/>.*bold words", zipfile.ZipFile(io.BytesIO(ours))
                     .read("word/document.xml").decode())
    assert properties["title"] == core.title == "Report &lt;2023&gt;"
    assert properties["subject"] == core.subject == "About 3 items"


def test_merged_and_repeated_cells_as_with_docxtpl(tmp_path: Path) -> None:
    path = feature_template(tmp_path / "cells.docx", merged_cells)
    reference, ours, _, _ = both(path, VARIABLES)
    assert body_xml(ours) == body_xml(reference)
    document = zipfile.ZipFile(io.BytesIO(ours)).read("word/document.xml").decode()
    assert document.count('w:vMerge w:val="continue"') == 2
    assert '<w:gridSpan w:val="3"/>' in document and 'w:fill="FF0000"' in document
    assert '<w:gridSpan w:val="5"/>' in document  # the merged cell spans the five columns
    assert "| 2019 | 2020 | 2021 | 2022 | 2023 |" in outline(ours)


def test_footnotes_with_tags_as_with_docxtpl(tmp_path: Path) -> None:
    path = with_footnote(tmp_path / "footnote.docx")
    reference, ours, _, _ = both(path, VARIABLES)
    parts = ("word/document.xml", "word/footnotes.xml")
    assert canonical_xml(ours, parts) == canonical_xml(reference, parts)
    assert "footnote 1: Note on Report <2023>" in outline(ours)


# -- what XML cannot hold ------------------------------------------------------------------------

@pytest.mark.parametrize(("title", "body"), [("A title with a bell\x07", "Plain text."),
                                             ("A plain title", "A text with a form feed\x0c.")])
def test_a_character_xml_cannot_hold_is_refused_with_its_place(
        tmp_path: Path, records_2023: jhareport.YearRecords, title: str, body: str) -> None:
    try:
        extra = jhareport.Highlight("odd", title, ("Europol",), body)
    except ValueError:
        pytest.skip("records refuse the character themselves")
    records = attrs.evolve(records_2023, highlights=(*records_2023.highlights, extra))
    with pytest.raises(jhareport.BuildError) as error:
        jhareport.build(records, tmp_path / "out")
    message = str(error.value)
    assert "cannot be written in a Word document" in message
    assert "final-report.docx, paragraph" in message and "highlight 'odd'" in message
    assert not (tmp_path / "out").exists()


# -- a text of plain paragraphs is written from its lines: it must read as its blocks do -------

_PLAIN_PIECES = st.sampled_from(["words", "R&D", "x > 3", "'q'", '"', "é", "2019", " ", "  ", "\n",
                                 "\n\n", "\n  \n", "(no. 7)", "a: b", "-"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PLAIN_PIECES, max_size=12).map("".join))
def test_plain_paragraphs_are_written_as_their_blocks(source: str) -> None:
    from jhareport.markup import Markup, MarkupError
    from jhareport.render.filters import lines

    try:
        parsed = Markup.parse(source)
    except MarkupError:  # an indented line is code: refused, with or without its lines
        return
    given = Markup(parsed.source, parsed.blocks, parsed.footnotes)  # its blocks, made
    template = WordTemplate.read(ROOT / "jhareport" / "templates" / "scorecard-annex.docx")
    as_of = date(2019, 12, 31)
    for style in ("Body Text", "Table Text"):
        markup = Markup.parse(source)  # its blocks not made yet
        assert (WordWriter(template, False).rich(markup, style=style)
                == WordWriter(template, False).rich(given, style=style))
    markup = Markup.parse(source)
    assert bool(markup) == bool(given)
    assert lines(markup, 3, locale="en", as_of=as_of) == lines(given, 3, locale="en", as_of=as_of)


@pytest.mark.parametrize("source", [
    "", "ab", "<?xml version='1.0'?><w:p/>", "<w:p>{{ text }}</w:p>",
    # the first thousands of pieces write nothing: the part's start comes in a later batch
    "{% for i in range(20000) %}{{ '' }}{% endfor %}<?xml version='1.0'?><w:p/>",
    "{% for i in range(20000) %}{{ '' }}{% endfor %}ab",
    "{% for i in range(20000) %}<w:p>{{ i }} {{ text }}</w:p>{% endfor %}",
])
def test_a_part_is_written_in_utf8_as_its_text_reads(source: str) -> None:
    """A part is encoded a batch of pieces at a time, after the XML declaration unless it
    has its own: the bytes are those of the whole text."""
    template = WordTemplate.read(ROOT / "jhareport" / "templates" / "scorecard-annex.docx")
    template.sources[template.document] = source
    compiled = template.compile(template_environment("en"))
    variables = {"text": "Réseau “JAI” & <agences>"}
    whole = compiled.render_part(template.document, variables).encode("utf-8")
    declaration = b"<?xml version='1.0'?>\n"
    assert compiled.render_part_bytes(template.document, variables, declaration) == (
        whole if whole.startswith(b"<?xml") else declaration + whole)


# What names and their surroundings may hold: acronyms, words, web addresses, mail, possessives.
_NAME_PIECES = st.sampled_from([*"aZ- /.@_()'’é1\u00a0\t&;#", "eu", "LISA", "EU", "OSHA", "ECRIS",
                                "TCN", "COVID", "19", "https://", "www.", "ec.europa.eu",
                                "&amp;", "&#39;s"])


@settings(max_examples=1500, deadline=None)
@given(st.lists(_NAME_PIECES, max_size=40).map("".join))
def test_names_are_made_unbreakable_as_the_pattern_reads_the_whole_text(text: str) -> None:
    """The writer looks for names only around the hyphens of a text, a word at a time: it marks
    exactly what the name pattern, run on the whole text, finds."""
    import jhareport.word.writer as writer

    xml = f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'
    whole = writer._HYPHENATED.sub(writer._unbreakable, text)
    expected = xml if whole == text or "<" in text else \
        f'<w:p><w:r><w:t xml:space="preserve">{whole}</w:t></w:r></w:p>'
    assert unbreakable_names(xml) == expected

