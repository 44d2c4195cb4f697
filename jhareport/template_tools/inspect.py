"""A template's text, place by place: what `template show` prints and `template lint` checks.

A place is a paragraph of the body ("paragraph 12"), a paragraph of a table cell ("table 2,
row 3, cell 1"), or a paragraph of a header, footer or the footnotes. Each place keeps its text
with the Jinja tags as the template author typed them, and the runs the text is split into with
their formatting, which docxtpl merges when a tag is split across runs.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from attrs import frozen
from docx.styles import BabelFish
from lxml import etree

__all__ = ["Part", "Place", "Run", "TemplateReadError", "read_template", "show", "style_names",
           "template_styles"]

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {"w": _W}


class TemplateReadError(ValueError):
    """The file is not a Word document that can be read."""


@frozen
class Run:
    """A piece of a paragraph's text with one formatting (`format` is its w:rPr, canonical)."""

    text: str
    format: str


@frozen
class Place:
    """A paragraph of the template, with where it stands."""

    where: str
    style: str
    runs: tuple[Run, ...]
    table_row: bool = False
    table_cell: bool = False

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@frozen
class Part:
    """A part of the document that docxtpl renders as one Jinja template."""

    name: str
    label: str
    places: tuple[Place, ...]

    def jinja_source(self) -> str:
        """The part's text as one Jinja template, one line per place, with docxtpl's own tags
        ({%p …%}, {%tr …%}, {{r …}}) read as the plain Jinja tags they become."""
        return "\n".join(plain_tags(p.text) for p in self.places)


_DOCXTPL_PREFIX = re.compile(r"(\{[{%#])(-?)\s*(?:p|tr|tc|r)\s+")


def plain_tags(text: str) -> str:
    """The text with docxtpl's tag prefixes taken away and typographic quotes inside tags made
    straight, as docxtpl does before Jinja reads the template."""
    text = _DOCXTPL_PREFIX.sub(lambda m: f"{m.group(1)}{m.group(2)} ", text)
    # docxtpl's cell tags: merges vanish, a colspan or background becomes the value it writes
    text = re.sub(r"\{%-?\s*(?:vm|hm)\s*-?%\}", "", text)
    text = re.sub(r"\{%-?\s*(?:colspan|cellbg)\s+(.*?)-?%\}", r"{{ \1 }}", text)

    def clean(match: re.Match[str]) -> str:
        return (match.group(0).replace("“", '"').replace("”", '"').replace("‘", "'")
                .replace("’", "'"))

    return re.sub(r"\{\{.*?\}\}|\{%.*?%\}", clean, text)


def style_names(package: zipfile.ZipFile) -> dict[str, str]:
    """Each style id of the package with the name Word shows for it ("Heading 1", "Footer")."""
    if "word/styles.xml" not in package.namelist():
        return {}
    root = etree.fromstring(package.read("word/styles.xml"))
    names = {}
    for style in root.iterfind("w:style", _NS):
        name = style.find("w:name", _NS)
        style_id = style.get(f"{{{_W}}}styleId")
        names[style_id] = BabelFish.internal2ui(name.get(f"{{{_W}}}val") if name is not None
                                                else style_id)
    return names


# Run properties a reader does not see on Latin text: proofing, and the complex-script twins of
# bold, italic and size that Word adds or leaves out at will.
_UNSEEN = frozenset({"lang", "noProof", "rsid", "specVanish", "webHidden", "bCs", "iCs", "szCs"})


def _format(run: etree._Element) -> str:
    properties = run.find("w:rPr", _NS)
    if properties is None:
        return ""
    parts = []
    for child in properties:
        tag = etree.QName(child).localname
        if tag in _UNSEEN:
            continue
        values = ",".join(f"{etree.QName(k).localname}={v}" for k, v in sorted(child.attrib.items())
                          if not etree.QName(k).localname.startswith("rsid"))
        parts.append(f"{tag}({values})" if values else tag)
    return " ".join(sorted(parts))


def _runs(paragraph: etree._Element) -> tuple[Run, ...]:
    runs = []
    for run in paragraph.iter(f"{{{_W}}}r"):
        text = "".join((t.text or "") if etree.QName(t).localname == "t" else "\t"
                       for t in run if etree.QName(t).localname in ("t", "tab"))
        if text:
            runs.append(Run(text, _format(run)))
    return tuple(runs)


def _paragraph_style(paragraph: etree._Element, styles: dict[str, str]) -> str:
    style = paragraph.find("w:pPr/w:pStyle", _NS)
    if style is None:
        return "Normal"
    value = str(style.get(f"{{{_W}}}val"))
    return styles.get(value, value)


def _children(container: etree._Element) -> Iterator[etree._Element]:
    """The paragraphs and tables of a container, those of content controls spliced in."""
    for element in container:
        if etree.QName(element).localname == "sdt":
            content = element.find("w:sdtContent", _NS)
            if content is not None:
                yield from _children(content)
        else:
            yield element


def _places(container: etree._Element, styles: dict[str, str], prefix: str) -> Iterator[Place]:
    paragraphs = 0
    tables = 0
    for element in _children(container):
        tag = etree.QName(element).localname
        if tag == "p":
            paragraphs += 1
            yield Place(f"{prefix}paragraph {paragraphs}", _paragraph_style(element, styles),
                        _runs(element))
        elif tag == "tbl":
            tables += 1
            yield from _table(element, styles, f"{prefix}table {tables}")


def _table(table: etree._Element, styles: dict[str, str], label: str) -> Iterator[Place]:
    for r, row in enumerate(table.iterfind("w:tr", _NS), start=1):
        for c, cell in enumerate(row.iterfind("w:tc", _NS), start=1):
            inner = list(_places(cell, styles, ""))
            for place in inner:
                where = f"{label}, row {r}, cell {c}"
                if len(inner) > 1:
                    where += f", {place.where}"
                yield Place(where, place.style, place.runs, table_row=True, table_cell=True)


def read_template(path: str | Path) -> list[Part]:
    """The parts of a template docxtpl renders (body, headers, footers, footnotes) with their
    places, in document order."""
    source = Path(path)
    try:
        package = zipfile.ZipFile(io.BytesIO(source.read_bytes()))
        names = package.namelist()
        if "word/document.xml" not in names:
            raise TemplateReadError(f"{source}: not a Word document (no word/document.xml)")
        styles = style_names(package)
        body = etree.fromstring(package.read("word/document.xml")).find("w:body", _NS)
        parts = [Part("word/document.xml", "", tuple(_places(body, styles, "")))]
        extra = sorted(n for n in names if re.fullmatch(r"word/(header|footer)\d*\.xml", n))
        if "word/footnotes.xml" in names:
            extra.append("word/footnotes.xml")
        for name in extra:
            root = etree.fromstring(package.read(name))
            label = name.removeprefix("word/").removesuffix(".xml")
            if label == "footnotes":
                places = [Place(f"footnotes, {p.where}", p.style, p.runs)
                          for note in root.iterfind("w:footnote", _NS)
                          if note.get(f"{{{_W}}}type") is None
                          for p in _places(note, styles, "")]
            else:
                places = [Place(f"{label}, {p.where}", p.style, p.runs)
                          for p in _places(root, styles, "")]
            parts.append(Part(name, label, tuple(places)))
    except FileNotFoundError:
        raise TemplateReadError(f"{source}: no such file") from None
    except (zipfile.BadZipFile, etree.XMLSyntaxError, KeyError, OSError) as error:
        raise TemplateReadError(f"{source}: not a readable Word document ({error})") from None
    return parts


def template_styles(path: str | Path) -> set[str]:
    """The names of the styles a template defines, as Word shows them."""
    try:
        with zipfile.ZipFile(Path(path)) as package:
            return set(style_names(package).values())
    except (OSError, zipfile.BadZipFile, etree.XMLSyntaxError) as error:
        raise TemplateReadError(f"{path}: not a readable Word document ({error})") from None


def show(path: str | Path) -> str:
    """The template's text place by place, with its Jinja tags: one line per paragraph or cell
    paragraph, empty paragraphs left out, so that two versions of a template diff well."""
    lines = []
    for part in read_template(path):
        for place in part.places:
            text = place.text
            if text.strip():
                lines.append(f"{place.where} [{place.style}]: {text}")
    return "\n".join(lines) + "\n"
