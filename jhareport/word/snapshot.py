"""A readable, stable text of a .docx: what a reviewer compares when a template's output changes.

The outline lists, in document order, each paragraph with its style (list items marked; tabs,
line breaks, pictures with their size and alternative text, text boxes with their text, and
fields as `template show` marks them), each table row by row (a table inside a cell after its
row, indented), then the footnotes, the hyperlinks with their targets, the headers and footers.
Content controls around paragraphs, tables, rows and cells are read through.
`canonical_xml` gives the parts that matter as canonical, indented XML without revision ids.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from lxml import etree

from .template import W
from .text import children, shown, style_names

__all__ = ["canonical_xml", "outline"]

_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS = {"w": W, "r": _R}
_PARTS = ("word/document.xml", "word/footnotes.xml", "word/numbering.xml", "word/styles.xml")


def _package(source: str | Path | bytes) -> zipfile.ZipFile:
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    return zipfile.ZipFile(io.BytesIO(data))


def _box(number: int, content: etree._Element) -> str:
    return f"[text box: {' / '.join(_line(p) for p in _paragraphs(content))}]"


def _line(paragraph: etree._Element) -> str:
    """A paragraph (or hyperlink) on one line, its text boxes' text in it."""
    return shown(paragraph, _box)


def _paragraphs(container: etree._Element) -> list[etree._Element]:
    """The paragraphs of a note, header or text box, those of its tables included."""
    found = []
    for element in children(container, "p", "tbl", "tr", "tc"):
        found.extend([element] if element.tag == f"{{{W}}}p" else _paragraphs(element))
    return found


def _paragraph_line(paragraph: etree._Element, styles: dict[str, str]) -> str:
    style = paragraph.find("w:pPr/w:pStyle", _NS)
    name = styles.get(style.get(f"{{{W}}}val"), "?") if style is not None else "Normal"
    marker = ""
    if paragraph.find("w:pPr/w:numPr", _NS) is not None or name.startswith("List"):
        marker = "• " if "Bullet" in name else "# " if "Number" in name else "- "
    notes = len(paragraph.findall(".//w:footnoteReference", _NS))
    suffix = f"  [footnotes: {notes}]" if notes else ""
    return f"[{name}] {marker}{_line(paragraph)}{suffix}"


def _table(table: etree._Element, label: str, indent: str, lines: list[str]) -> None:
    """A table row by row; a table in a cell is marked there and listed after its row."""
    lines.append(f"{indent}table {label}:")
    inner = 0
    for row in children(table, "tr"):
        cells = []
        nested: list[tuple[etree._Element, str]] = []
        for cell in children(row, "tc"):
            texts = []
            for element in children(cell, "p", "tbl"):
                if element.tag == f"{{{W}}}p":
                    texts.append(_line(element))
                else:
                    inner += 1
                    nested.append((element, f"{label}.{inner}"))
                    texts.append(f"[table {label}.{inner}]")
            cells.append(" / ".join(texts))
        repeat = " (repeated header)" if row.find("w:trPr/w:tblHeader", _NS) is not None else ""
        lines.append(f"{indent}  | " + " | ".join(cells) + " |" + repeat)
        for element, name in nested:
            _table(element, name, indent + "    ", lines)


def outline(source: str | Path | bytes) -> str:
    """The outline of a .docx given as a path or its bytes."""
    package = _package(source)
    names = set(package.namelist())
    styles = style_names(etree.fromstring(package.read("word/styles.xml"))
                         if "word/styles.xml" in names else None)
    lines: list[str] = []
    document = etree.fromstring(package.read("word/document.xml"))
    body = document.find("w:body", _NS)
    if body is None:
        body = document
    tables = 0
    for element in children(body, "p", "tbl"):
        if element.tag == f"{{{W}}}p":
            lines.append(_paragraph_line(element, styles))
        else:
            tables += 1
            _table(element, str(tables), "", lines)
    if "word/footnotes.xml" in names:
        notes = etree.fromstring(package.read("word/footnotes.xml"))
        for note in notes.iterfind("w:footnote", _NS):
            if note.get(f"{{{W}}}type") is None:
                text = " ".join(_line(p) for p in _paragraphs(note)).strip()
                lines.append(f"footnote {note.get(f'{{{W}}}id')}: {text}")
    rels_name = "word/_rels/document.xml.rels"
    if rels_name in names:
        rels = etree.fromstring(package.read(rels_name))
        targets = {r.get("Id"): r.get("Target") for r in rels}
        for link in body.iter(f"{{{W}}}hyperlink"):
            lines.append(f"link: {_line(link)} -> {targets.get(link.get(f'{{{_R}}}id'), '?')}")
    for name in sorted(n for n in names if re.fullmatch(r"word/(header|footer)\d*\.xml", n)):
        root = etree.fromstring(package.read(name))
        text = " ".join(line for line in (_line(p) for p in _paragraphs(root)) if line)
        if text:
            lines.append(f"{name.split('/')[-1].removesuffix('.xml')}: {text}")
    return "\n".join(lines) + "\n"


def _used_styles(package: zipfile.ZipFile, names: list[str]) -> set[str]:
    used: set[str] = set()
    for name in names:
        if name == "word/styles.xml":
            continue
        root = etree.fromstring(package.read(name))
        for tag in ("pStyle", "rStyle", "tblStyle", "numStyleLink", "styleLink"):
            used.update(e.get(f"{{{W}}}val") for e in root.iter(f"{{{W}}}{tag}"))
    return used


def _styles_in_use(root: etree._Element, used: set[str]) -> None:
    """Keep the styles the document uses, those they are based on or linked to, and the
    defaults; drop the rest and the latent styles (Word's catalogue of unused ones)."""
    styles = {s.get(f"{{{W}}}styleId"): s for s in root.iterfind("w:style", _NS)}
    keep = set(used) | {i for i, s in styles.items() if s.get(f"{{{W}}}default") == "1"}
    queue = list(keep)
    while queue:
        style = styles.get(queue.pop())
        if style is None:
            continue
        for tag in ("basedOn", "link", "next"):
            found = style.find(f"w:{tag}", _NS)
            value = found.get(f"{{{W}}}val") if found is not None else None
            if value and value not in keep:
                keep.add(value)
                queue.append(value)
    for style_id, style in styles.items():
        if style_id not in keep:
            root.remove(style)
    for latent in root.iterfind("w:latentStyles", _NS):
        root.remove(latent)


def canonical_xml(source: str | Path | bytes, parts: tuple[str, ...] = _PARTS) -> str:
    """The parts that matter as canonical XML (sorted attributes, no revision ids), indented:
    the body, footnotes, numbering, headers and footers, and the styles in use."""
    package = _package(source)
    available = package.namelist()
    headers = sorted(n for n in available if re.fullmatch(r"word/(header|footer)\d*\.xml", n))
    names = [n for n in (*parts, *headers) if n in available]
    used = _used_styles(package, names)
    chunks = []
    for name in names:
        root = etree.fromstring(package.read(name))
        for element in root.iter():
            for attribute in list(element.attrib):
                if re.search(r"\}rsid", attribute):
                    del element.attrib[attribute]
        for rsids in root.iter(f"{{{W}}}rsids"):
            rsids.getparent().remove(rsids)
        if name == "word/styles.xml":
            _styles_in_use(root, used)
        etree.indent(root, space=" ")
        chunks.append(f"<!-- {name} -->\n"
                      + etree.tostring(root, method="c14n2").decode("utf-8"))
    return "\n".join(chunks) + "\n"
