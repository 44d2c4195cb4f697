"""Any Unicode text in a record's text fields either builds and reads back exactly through
python-docx, or is refused naming the character and its place (file, line, record, field)."""

from __future__ import annotations

import re

import docx
import pytest
from conftest import write_folder
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import jhareport
from jhareport.yamltree import forbidden_character


def quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar, every character escaped that YAML would read
    otherwise."""
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif code < 0x20 or 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF or code in (
                0xFEFF, 0xFFFE, 0xFFFF, 0x2028, 0x2029, 0x85):
            out.append(f"\\u{code:04X}")
        else:
            out.append(char)
    return f'"{"".join(out)}"'


# Each text field: the file, the record written around it, the line of the field, the record
# and field a problem names. Markdown fields take text without Markdown's marks (below).
FIELDS = {
    ("highlights.yaml", "title"): ("- id: one\n  title: {}\n  agencies: [Europol]\n  body: x\n",
                                   2, "highlight 'one'"),
    ("highlights.yaml", "body"): ("- id: one\n  title: T\n  agencies: [Europol]\n  body: {}\n",
                                  4, "highlight 'one'"),
    ("priorities.yaml", "title"): ("- id: one\n  title: {}\n  body: x\n", 2, "priority 'one'"),
    ("priorities.yaml", "body"): ("- id: one\n  title: T\n  body: {}\n", 3, "priority 'one'"),
    ("timeline.yaml", "label"): ("- date: 2023-06-13\n  label: {}\n", 2, "timeline entry"),
}
MARKDOWN = set("*_[]()\\#>`<!|~-+.=:&{}") | set("0123456789")
# Spaces Markdown and Word fold or trim: the text must read back with its words in order.
texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1,
                max_size=40).filter(lambda t: t.strip() != "")


def words(text: str) -> str:
    return " ".join(text.split())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.filter_too_much])
@given(field=st.sampled_from(sorted(FIELDS)), text=texts)
@example(field=("highlights.yaml", "title"), text="Ωμέγα & <b>x</b> \u202eRTL\u202c 😀 e\u0301")
@example(field=("timeline.yaml", "label"), text="ring \x07 bell")
def test_any_text_builds_exactly_or_is_refused_at_its_place(field: tuple[str, str], text: str,
                                                            tmp_path_factory: pytest.TempPathFactory
                                                            ) -> None:
    file, name = field
    pattern, line, record = FIELDS[field]
    if name == "body":
        text = "".join(c for c in text if c not in MARKDOWN)
        if not text.strip():
            text = "plain"
    folder = tmp_path_factory.mktemp("year") / "2023"
    files = {"year.yaml": "year: 2023\nchair: EUAA\n", file: pattern.format(quoted(text))}
    write_folder(folder, files)
    bad = forbidden_character(text)
    if bad:
        with pytest.raises(jhareport.LoadError) as info:
            jhareport.load_year(folder)
        message = str(info.value)
        assert re.search(rf"{file}:{line}: {re.escape(record)}.*field '{name}': the character "
                         rf"{re.escape(bad)} cannot stand in a document", message), message
        return
    out = folder.parent / "out"
    jhareport.build(folder, out, draft=True)
    document = docx.Document(str(out / "final-report.docx"))
    shown = [words(p.text) for p in document.paragraphs]
    shown += [words(c.text) for t in document.tables for r in t.rows for c in r.cells]
    assert any(words(text) in s for s in shown), (text, shown[:40])
