"""`template variables`: the variables a docxtpl template uses, as a tree, agreeing with docxtpl's
own flat `get_undeclared_template_variables`."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from docxtpl import DocxTemplate
from docxtpl_corpus import CORPUS, make
from jinja2.defaults import DEFAULT_NAMESPACE

from jhareport.cli import main
from jhareport.template_tools.variables import TemplateVariablesError, variables

# What docxtpl's function does not read: footnotes and document properties.
_BEYOND_DOCXTPL = {"footnotes": {"source"}, "document_properties": {"title", "year", "author"}}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_the_names_are_those_docxtpl_finds(name: str, tmp_path: Path) -> None:
    path, _ = make(tmp_path, name)
    theirs = DocxTemplate(str(path)).get_undeclared_template_variables() - set(DEFAULT_NAMESPACE)
    assert {v.name for v in variables(path)} == theirs | _BEYOND_DOCXTPL.get(name, set())


def invoice(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("Invoice {{ invoice.number }} to {{ invoice.customer.name }}")
    table = document.add_table(rows=4, cols=2)
    for row, texts in zip(table.rows, (
            ("{%tr for item in invoice.items %}", ""),
            ("{{ item.description }}{% for tag in item.tags %} #{{ tag.label }}{% endfor %}",
             "{{ item.price|money }}"),
            ("{%tr endfor %}", ""),
            ("Total", "{{ invoice.items|sum(attribute='price') }} {{ currency }}")), strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    document.add_paragraph("{% set vat = invoice.vat %}VAT {{ vat.rate }} %{% for n in range(3) %}"
                           "{{ loop.index }}{% endfor %}")
    document.add_paragraph("{% for code, line in invoice.lines.items() %}{{ code }}: "
                           "{{ line.amount }}{% endfor %}")
    document.save(str(path))
    return path


def test_a_tree_of_attributes_lists_and_their_loops(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = invoice(tmp_path / "invoice.docx")
    assert main(["template", "variables", str(path)]) == 0
    assert capsys.readouterr().out == (
        "invoice\n"
        "    invoice.number\n"
        "    invoice.customer\n"
        "        invoice.customer.name\n"
        "    invoice.items[]  (looped as item at table 1, row 1, cell 1)\n"
        "        invoice.items[].description\n"
        "        invoice.items[].tags[]  (looped as tag at table 1, row 2, cell 1)\n"
        "            invoice.items[].tags[].label\n"
        "        invoice.items[].price\n"
        "    invoice.vat\n"
        "        invoice.vat.rate\n"
        "    invoice.lines[]  (looped as code, line at paragraph 3)\n"
        "        invoice.lines[].amount\n"
        "currency\n")


def test_the_tree_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = invoice(tmp_path / "invoice.docx")
    assert main(["template", "variables", "--json", str(path)]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["template"] == str(path)
    assert [v["path"] for v in found["variables"]] == ["invoice", "currency"]
    items = next(a for a in found["variables"][0]["attributes"] if a["name"] == "items")
    assert items["loops"] == [{"as": "item", "where": "table 1, row 1, cell 1"}]
    assert [a["path"] for a in items["items"]["attributes"]] == [
        "invoice.items[].description", "invoice.items[].tags", "invoice.items[].price"]
    assert items["items"]["attributes"][1]["items"]["attributes"][0] == {
        "name": "label", "path": "invoice.items[].tags[].label", "where": "table 1, row 2, cell 1"}


def test_a_template_jinja_cannot_read_is_refused_with_its_place(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = docx.Document()
    document.add_paragraph("Fine {{ name }}")
    document.add_paragraph("{{ first name }}")
    path = tmp_path / "t.docx"
    document.save(str(path))
    with pytest.raises(TemplateVariablesError):
        variables(path)
    assert main(["template", "variables", str(path)]) == 2
    assert capsys.readouterr().err.startswith(f"error: {path}, paragraph 2: Jinja syntax error: ")
