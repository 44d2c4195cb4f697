"""A template's text, place by place: what `template show` prints and `template lint` checks.

A place is a paragraph of the body ("paragraph 12"), a paragraph of a table cell ("table 2,
row 3, cell 1"), of a table in a cell ("table 2, row 3, cell 1, table 1, row 2, cell 1"), of a
text box ("paragraph 4, text box 1, paragraph 1"), of a header, footer or the footnotes, or a
text field of the document properties: every part docxtpl renders, content controls around
blocks, rows and cells included. Each place keeps its text with the Jinja tags as the template
author typed them, and the runs the text is split into with their formatting, which docxtpl
merges when a tag is split across runs; the line `template show` prints for it; its pictures;
and the table row and cell it stands in.
Any .docx can be read: what is not WordprocessingML a template could hold is passed over.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path

import attrs
from attrs import frozen
from lxml import etree

from ..errors import InputError
from ..word.text import (
    Drawing,
    W,
    children,
    is_element,
    run_text,
    runs,
    shown,
    style_names,
    text_boxes,
)
from .package_check import PackageError, check_package
from .reading import jinja_lines, plain_tags

__all__ = ["Part", "Place", "Run", "Template", "TemplateReadError", "read", "read_template",
           "show", "show_lines", "template_paths", "template_styles"]

_NS = {"w": W}
_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DC = "http://purl.org/dc/elements/1.1/"
# The text fields of the document properties docxtpl renders, by the names Word shows.
_PROPERTIES = (("title", f"{{{_DC}}}title"), ("subject", f"{{{_DC}}}subject"),
               ("author", f"{{{_DC}}}creator"), ("comments", f"{{{_DC}}}description"),
               ("identifier", f"{{{_DC}}}identifier"), ("language", f"{{{_DC}}}language"))
# Entities are not expanded: a template is read, never trusted.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


class TemplateReadError(InputError, ValueError):
    """The file is not a Word document that can be read."""


@frozen
class Run:
    """A piece of a paragraph's text with one formatting (`format` is its w:rPr, canonical)."""

    text: str
    format: str


@frozen
class Place:
    """A paragraph of the template, with where it stands.

    `runs` hold the text docxtpl reads; `shown` is the line `template
    show` prints; `row` and `cell` name the innermost table row and cell it stands in (as `where`
    names them), None outside tables; `prefixes` says whether docxtpl reads its tag prefixes
    ({%p …%}, {%tr …%}…) there: not in the document properties; `drawings` are its pictures,
    charts and shapes; `header` says whether its row is marked as a header row (Word's "Repeat
    as header row"), which screen readers and tagged PDFs read as the table's headings."""

    where: str
    style: str
    runs: tuple[Run, ...]
    shown: str = ""
    row: str | None = None
    cell: str | None = None
    prefixes: bool = True
    drawings: tuple[Drawing, ...] = ()
    header: bool = False

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    @property
    def table_row(self) -> bool:
        return self.row is not None

    @property
    def table_cell(self) -> bool:
        return self.cell is not None

    def within(self, prefix: str) -> Place:
        """The place as it stands in a part named `prefix` ("header1, "): its names prefixed."""
        return attrs.evolve(self, where=prefix + self.where,
                            row=None if self.row is None else prefix + self.row,
                            cell=None if self.cell is None else prefix + self.cell)


@frozen
class Part:
    """A part of the document that docxtpl renders as one Jinja template, or as one template
    per place when `separate` (the document properties)."""

    name: str
    label: str
    places: tuple[Place, ...]
    separate: bool = False

    def jinja_source(self) -> str:
        """The part as the Jinja template docxtpl makes of it, one line per place (see
        `reading.jinja_lines`)."""
        if self.separate:
            return "\n".join(plain_tags(p.text).replace("\n", " ") for p in self.places)
        return "\n".join(jinja_lines(self.places))


# Run properties a reader does not see on Latin text: proofing, the complex-script twins of bold,
# italic and size that Word adds or leaves out at will, and the spacing and kerning between
# letters, which Word adjusts as text is typed or pasted.
_UNSEEN = frozenset({"lang", "noProof", "rsid", "specVanish", "webHidden", "bCs", "iCs", "szCs",
                     "spacing", "kern"})
# Attributes that change nothing visible: revision ids, and the hint of which font slot East
# Asian text would take.
_UNSEEN_ATTRIBUTES = re.compile(r"rsid.*|hint")


def _format(run: etree._Element, formatting: frozenset[str]) -> str:
    """A run's formatting as a reader sees it, canonical; a character style counts when it is
    one of `formatting`."""
    properties = run.find("w:rPr", _NS)
    if properties is None:
        return ""
    parts = []
    for child in properties:
        if not is_element(child):
            continue
        tag = etree.QName(child).localname
        if tag in _UNSEEN or (tag == "rStyle" and child.get(f"{{{W}}}val") not in formatting):
            continue
        values = ",".join(f"{etree.QName(k).localname}={v}" for k, v in sorted(child.attrib.items())
                          if not _UNSEEN_ATTRIBUTES.fullmatch(etree.QName(k).localname))
        if tag == "rFonts" and not values:
            continue
        parts.append(f"{tag}({values})" if values else tag)
    return " ".join(sorted(parts))


def _runs(paragraph: etree._Element, formatting: frozenset[str]) -> tuple[Run, ...]:
    """The runs of a paragraph with the text docxtpl reads in them. A field's code is left out:
    docxtpl drops one that stands inside a tag, with the rest of the XML there."""
    found = []
    for run in runs(paragraph):
        text = run_text(run)
        if text:
            found.append(Run(text, _format(run, formatting)))
    return tuple(found)


def _paragraph_style(paragraph: etree._Element, styles: dict[str, str]) -> str:
    style = paragraph.find("w:pPr/w:pStyle", _NS)
    if style is None:
        return "Normal"
    value = str(style.get(f"{{{W}}}val"))
    return styles.get(value, value)


@frozen
class _Styles:
    """What places need of the styles part: the names Word shows, and the character styles
    that change what a reader sees (not Word Online's "normaltextrun" or "spellingerror", nor a
    style the part does not define)."""

    names: dict[str, str]
    formatting: frozenset[str]


def _places(container: etree._Element, styles: _Styles, prefix: str) -> Iterator[Place]:
    paragraphs = 0
    tables = 0
    for element in children(container, "p", "tbl"):
        if etree.QName(element).localname == "p":
            paragraphs += 1
            where = f"{prefix}paragraph {paragraphs}"
            drawings: list[Drawing] = []
            line = shown(element, found=drawings)
            yield Place(where, _paragraph_style(element, styles.names),
                        _runs(element, styles.formatting), line, drawings=tuple(drawings))
            for number, box in enumerate(text_boxes(element), start=1):
                yield from _places(box, styles, f"{where}, text box {number}, ")
        else:
            tables += 1
            yield from _table(element, styles, f"{prefix}table {tables}")


def _table(table: etree._Element, styles: _Styles, label: str) -> Iterator[Place]:
    for r, row in enumerate(children(table, "tr"), start=1):
        marked = row.find("w:trPr/w:tblHeader", _NS)
        header = marked is not None and marked.get(f"{{{W}}}val") not in ("0", "false", "off")
        for c, cell in enumerate(children(row, "tc"), start=1):
            inner = list(_places(cell, styles, ""))
            row_label = f"{label}, row {r}"
            cell_label = f"{row_label}, cell {c}"
            for place in inner:
                where = cell_label
                if len(inner) > 1 or place.row is not None:  # several paragraphs, or a table
                    where += f", {place.where}"
                yield attrs.evolve(
                    place, where=where,
                    row=row_label if place.row is None else f"{cell_label}, {place.row}",
                    cell=cell_label if place.cell is None else f"{cell_label}, {place.cell}",
                    header=header if place.row is None else place.header)


class _Package:
    """The parts of a .docx, found through its relationships as Word finds them."""

    def __init__(self, source: Path) -> None:
        try:
            data = check_package(source)  # sizes, corrupt streams and DOCTYPEs, before inflating
        except PackageError as error:
            raise TemplateReadError(str(error)) from None
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        self.names = set(self.zip.namelist())
        self.source = source
        package = self.targets("", "_rels/.rels")
        self.document = package.get("officeDocument", ["word/document.xml"])[0]
        self.properties = package.get("core-properties", ["docProps/core.xml"])[0]
        if self.document not in self.names:
            raise TemplateReadError(f"{source}: not a Word document (no {self.document})")
        folder, name = posixpath.split(self.document)
        self.related = self.targets(folder, f"{folder}/_rels/{name}.rels")

    def read(self, name: str) -> etree._Element | None:
        """A part's XML root, or None when the package has no such part."""
        if name not in self.names:
            return None
        try:
            return etree.fromstring(self.zip.read(name), _PARSER)
        except (etree.XMLSyntaxError, zipfile.BadZipFile, zlib.error, EOFError, OSError,
                NotImplementedError, RuntimeError, ValueError) as error:
            raise TemplateReadError(f"{self.source}: not a readable Word document ({name}: "
                                    f"{error})") from None

    def targets(self, folder: str, rels: str) -> dict[str, list[str]]:
        """The parts a relationships part points at, by the last word of their type."""
        root = self.read(rels)
        found: dict[str, list[str]] = {}
        if root is None:
            return found
        for relation in root.iterfind(f"{{{_PACKAGE_RELS}}}Relationship"):
            target = relation.get("Target", "")
            if relation.get("TargetMode") == "External" or not target:
                continue
            name = (target.lstrip("/") if target.startswith("/")
                    else posixpath.normpath(posixpath.join(folder, target)))
            found.setdefault(relation.get("Type", "").rsplit("/", 1)[-1], []).append(name)
        return found

    def styles_root(self) -> etree._Element | None:
        name = self.related.get("styles", [posixpath.join(posixpath.dirname(self.document),
                                                          "styles.xml")])[0]
        return self.read(name)


def _styles(root: etree._Element | None) -> _Styles:
    names = style_names(root)
    if root is None:
        return _Styles(names, frozenset())
    formatted: dict[str, bool] = {}
    based: dict[str, str] = {}
    for style in root.iterfind("w:style", _NS):
        style_id = style.get(f"{{{W}}}styleId")
        if style_id is None or style.get(f"{{{W}}}type") != "character":
            continue
        properties = style.find("w:rPr", _NS)
        formatted[style_id] = properties is not None and any(
            is_element(c) and etree.QName(c).localname not in _UNSEEN for c in properties)
        parent = style.find("w:basedOn", _NS)
        if parent is not None:
            based[style_id] = str(parent.get(f"{{{W}}}val"))

    def shows(style_id: str, seen: frozenset[str] = frozenset()) -> bool:
        if formatted.get(style_id):
            return True
        parent = based.get(style_id)
        return parent is not None and parent not in seen and shows(parent, seen | {style_id})

    return _Styles(names, frozenset(s for s in formatted if shows(s)))


def _label(name: str) -> str:
    return posixpath.basename(name).removesuffix(".xml")


@frozen
class Template:
    """A template as the tools read it: the parts docxtpl renders, in document order (body,
    headers, footers, footnotes, document properties), the names of its styles, and the
    language its text declares by default (None when it declares none)."""

    path: Path
    parts: tuple[Part, ...]
    styles: frozenset[str]
    language: str | None


def _language(styles: etree._Element | None) -> str | None:
    """The default language of the document's text: the run defaults' w:lang, else the default
    paragraph style's (what Word's "Set As Default" writes, and LibreOffice's PDF declares)."""
    if styles is None:
        return None
    for found in (styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", _NS),
                  *(style.find("w:rPr/w:lang", _NS) for style in styles.iterfind("w:style", _NS)
                    if style.get(f"{{{W}}}type") == "paragraph"
                    and style.get(f"{{{W}}}default") in ("1", "true", "on"))):
        value = found.get(f"{{{W}}}val") if found is not None else None
        if value:
            return str(value)
    return None


def read(path: str | Path) -> Template:
    """Read a template. Raises TemplateReadError for a file that is missing or no Word
    document."""
    package = _Package(Path(path))
    root = package.styles_root()
    styles = _styles(root)
    document = package.read(package.document)
    body = document.find("w:body", _NS) if document is not None else None
    parts = [Part(package.document, "",
                  tuple(_places(body, styles, "")) if body is not None else ())]
    for name in [*sorted(set(package.related.get("header", ()))),
                 *sorted(set(package.related.get("footer", ())))]:
        part = package.read(name)
        if part is not None:
            label = _label(name)
            parts.append(Part(name, label, tuple(p.within(f"{label}, ")
                                                 for p in _places(part, styles, ""))))
    for name in package.related.get("footnotes", ()):
        part = package.read(name)
        if part is not None:
            parts.append(Part(name, "footnotes", tuple(
                p.within("footnotes, ")
                for note in children(part, "footnote") if note.get(f"{{{W}}}type") is None
                for p in _places(note, styles, ""))))
    properties = package.read(package.properties)
    if properties is not None:
        fields = [(label, properties.findtext(tag)) for label, tag in _PROPERTIES]
        parts.append(Part(package.properties, "document properties", tuple(
            Place(f"document properties, {label}", "", (Run(text, ""),), text, prefixes=False)
            for label, text in fields if text), separate=True))
    return Template(Path(path), tuple(parts), frozenset(styles.names.values()), _language(root))


def template_paths(given: Sequence[str | Path]) -> list[Path]:
    """The templates named on a command line: each file as given, and each folder's .docx files
    (in its subfolders too, sorted; Word's lock files "~$…" left out). A folder named like a
    template (x.docx) is taken for one, and refused as not a file when read. Raises
    TemplateReadError for a folder that holds no template."""
    found: list[Path] = []
    for name in given:
        path = Path(name)
        if path.is_dir() and path.suffix.lower() != ".docx":
            inside = sorted(p for p in path.rglob("*.docx")
                            if p.is_file() and not p.name.startswith("~$"))
            if not inside:
                raise TemplateReadError(f"{path}: no .docx file in this folder")
            found.extend(inside)
        else:
            found.append(path)
    return found


def read_template(path: str | Path) -> list[Part]:
    """The parts of a template docxtpl renders (body, headers, footers, footnotes, document
    properties) with their places, in document order."""
    return list(read(path).parts)


def template_styles(path: str | Path) -> set[str]:
    """The names of the styles a template defines, as Word shows them."""
    return set(read(path).styles)


def show_lines(template: Template) -> list[str]:
    """The lines `show` prints for a template."""
    lines = []
    for part in template.parts:
        for place in part.places:
            text = place.shown
            if text.strip():
                style = f" [{place.style}]" if place.style else ""
                lines.append(f"{place.where}{style}: {text}")
    return lines


def show(path: str | Path) -> str:
    """The template's text place by place, with its Jinja tags: one line per paragraph or cell
    paragraph, tabs and line breaks marked (→, ↵), pictures with their alternative text, text
    boxes where they are anchored and then their own paragraphs, fields as [field CODE: result],
    empty paragraphs left out, so that two versions of a template diff well."""
    return "\n".join(show_lines(read(path))) + "\n"
