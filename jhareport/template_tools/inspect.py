"""A template's text, place by place: what `template show` prints and `template lint` checks.

A place is a paragraph of the body ("paragraph 12"), a paragraph of a table cell ("table 2,
row 3, cell 1"), of a text box ("paragraph 4, text box 1, paragraph 1"), of a header, footer or
the footnotes, or a text field of the document properties: every part docxtpl renders. Each
place keeps its text with the Jinja tags as the template author typed them, and the runs the
text is split into with their formatting, which docxtpl merges when a tag is split across runs.
Any .docx can be read: what is not WordprocessingML a template could hold is passed over.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from attrs import frozen
from lxml import etree

from ..errors import InputError
from .package_check import PackageError, check_package
from .text import W, is_element, run_text, runs, style_names, text_boxes

__all__ = ["Part", "Place", "Run", "TemplateReadError", "read_template", "show",
           "template_styles"]

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
    """A paragraph of the template, with where it stands. `prefixes` says whether docxtpl reads
    its tag prefixes ({%p …%}, {%tr …%}…) there: not in the document properties."""

    where: str
    style: str
    runs: tuple[Run, ...]
    table_row: bool = False
    table_cell: bool = False
    prefixes: bool = True

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@frozen
class Part:
    """A part of the document that docxtpl renders as one Jinja template, or as one template
    per place when `separate` (the document properties)."""

    name: str
    label: str
    places: tuple[Place, ...]
    separate: bool = False

    def jinja_source(self) -> str:
        """The part's text as one Jinja template, one line per place, with docxtpl's own tags
        ({%p …%}, {%tr …%}, {{r …}}) read as the plain Jinja tags they become."""
        return "\n".join(plain_tags(p.text).replace("\n", " ") for p in self.places)


_DOCXTPL_PREFIX = re.compile(r"(\{[{%#])(?:p|tr|tc|r) ")


def plain_tags(text: str) -> str:
    """The text with docxtpl's tag prefixes taken away and typographic quotes inside tags made
    straight, as docxtpl does before Jinja reads the template."""
    text = _DOCXTPL_PREFIX.sub(lambda m: f"{m.group(1)} ", text)
    # docxtpl's cell tags: merges vanish, a colspan or background becomes the value it writes
    text = re.sub(r"\{%-?\s*(?:vm|hm)\s*-?%\}", "", text)
    text = re.sub(r"\{%-?\s*(?:colspan|cellbg)\s+(.*?)-?%\}", r"{{ \1 }}", text)

    def clean(match: re.Match[str]) -> str:
        return (match.group(0).replace("“", '"').replace("”", '"').replace("‘", "'")
                .replace("’", "'"))

    return re.sub(r"\{\{.*?\}\}|\{%.*?%\}", clean, text, flags=re.DOTALL)


# Run properties a reader does not see on Latin text: proofing, and the complex-script twins of
# bold, italic and size that Word adds or leaves out at will.
_UNSEEN = frozenset({"lang", "noProof", "rsid", "specVanish", "webHidden", "bCs", "iCs", "szCs"})
# Attributes that change nothing visible: revision ids, and the hint of which font slot East
# Asian text would take.
_UNSEEN_ATTRIBUTES = re.compile(r"rsid.*|hint")


def _format(run: etree._Element) -> str:
    properties = run.find("w:rPr", _NS)
    if properties is None:
        return ""
    parts = []
    for child in properties:
        if not is_element(child):
            continue
        tag = etree.QName(child).localname
        if tag in _UNSEEN:
            continue
        values = ",".join(f"{etree.QName(k).localname}={v}" for k, v in sorted(child.attrib.items())
                          if not _UNSEEN_ATTRIBUTES.fullmatch(etree.QName(k).localname))
        if tag == "rFonts" and not values:
            continue
        parts.append(f"{tag}({values})" if values else tag)
    return " ".join(sorted(parts))


def _runs(paragraph: etree._Element) -> tuple[Run, ...]:
    found = []
    for run in runs(paragraph):
        text = run_text(run)
        if text:
            found.append(Run(text, _format(run)))
    return tuple(found)


def _paragraph_style(paragraph: etree._Element, styles: dict[str, str]) -> str:
    style = paragraph.find("w:pPr/w:pStyle", _NS)
    if style is None:
        return "Normal"
    value = str(style.get(f"{{{W}}}val"))
    return styles.get(value, value)


def _children(container: etree._Element, *wanted: str) -> Iterator[etree._Element]:
    """The elements of a container with the wanted names (paragraphs and tables, rows, cells),
    those wrapped in content controls or custom XML spliced in: Word wraps repeating sections
    and their rows and cells that way."""
    for element in container:
        if not is_element(element):
            continue
        name = etree.QName(element).localname
        if name == "sdt":
            content = element.find("w:sdtContent", _NS)
            if content is not None:
                yield from _children(content, *wanted)
        elif name == "customXml":
            yield from _children(element, *wanted)
        elif name in wanted:
            yield element


def _places(container: etree._Element, styles: dict[str, str], prefix: str) -> Iterator[Place]:
    paragraphs = 0
    tables = 0
    for element in _children(container, "p", "tbl"):
        if etree.QName(element).localname == "p":
            paragraphs += 1
            where = f"{prefix}paragraph {paragraphs}"
            yield Place(where, _paragraph_style(element, styles), _runs(element))
            for number, box in enumerate(text_boxes(element), start=1):
                yield from _places(box, styles, f"{where}, text box {number}, ")
        else:
            tables += 1
            yield from _table(element, styles, f"{prefix}table {tables}")


def _table(table: etree._Element, styles: dict[str, str], label: str) -> Iterator[Place]:
    for r, row in enumerate(_children(table, "tr"), start=1):
        for c, cell in enumerate(_children(row, "tc"), start=1):
            inner = list(_places(cell, styles, ""))
            for place in inner:
                where = f"{label}, row {r}, cell {c}"
                if len(inner) > 1:
                    where += f", {place.where}"
                yield Place(where, place.style, place.runs, table_row=True, table_cell=True)


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

    def styles(self) -> dict[str, str]:
        name = self.related.get("styles", [posixpath.join(posixpath.dirname(self.document),
                                                          "styles.xml")])[0]
        return style_names(self.read(name))


def _label(name: str) -> str:
    return posixpath.basename(name).removesuffix(".xml")


def read_template(path: str | Path) -> list[Part]:
    """The parts of a template docxtpl renders (body, headers, footers, footnotes, document
    properties) with their places, in document order."""
    package = _Package(Path(path))
    styles = package.styles()
    document = package.read(package.document)
    body = document.find("w:body", _NS) if document is not None else None
    parts = [Part(package.document, "",
                  tuple(_places(body, styles, "")) if body is not None else ())]
    for name in [*sorted(set(package.related.get("header", ()))),
                 *sorted(set(package.related.get("footer", ())))]:
        root = package.read(name)
        if root is not None:
            label = _label(name)
            parts.append(Part(name, label, tuple(
                Place(f"{label}, {p.where}", p.style, p.runs) for p in _places(root, styles, ""))))
    for name in package.related.get("footnotes", ()):
        root = package.read(name)
        if root is not None:
            parts.append(Part(name, "footnotes", tuple(
                Place(f"footnotes, {p.where}", p.style, p.runs)
                for note in _children(root, "footnote") if note.get(f"{{{W}}}type") is None
                for p in _places(note, styles, ""))))
    properties = package.read(package.properties)
    if properties is not None:
        fields = [(label, properties.findtext(tag)) for label, tag in _PROPERTIES]
        parts.append(Part(package.properties, "document properties", tuple(
            Place(f"document properties, {label}", "", (Run(text, ""),), prefixes=False)
            for label, text in fields if text), separate=True))
    return parts


def template_styles(path: str | Path) -> set[str]:
    """The names of the styles a template defines, as Word shows them."""
    return set(_Package(Path(path)).styles().values())


def show(path: str | Path) -> str:
    """The template's text place by place, with its Jinja tags: one line per paragraph or cell
    paragraph (a line break in it continues on an indented line), empty paragraphs left out, so
    that two versions of a template diff well."""
    lines = []
    for part in read_template(path):
        for place in part.places:
            text = place.text
            if text.strip():
                style = f" [{place.style}]" if place.style else ""
                lines.append(f"{place.where}{style}: {text}".replace("\n", "\n    "))
    return "\n".join(lines) + "\n"
