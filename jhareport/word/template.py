"""A Word template read once from its zip: the parts docxtpl renders, in docxtpl's tag language.

The document's body, headers, footers and footnotes, and the text fields of the core properties,
are what docxtpl renders. Each part's XML goes through docxtpl's own `patch_xml` (so that {{p}},
{%p%}, {%tr%}, {%tc%}, {{r}}, vm, hm, colspan and cellbg mean what docxtpl's documentation says)
and is compiled once; rendering gives each part as one string.

The built-in templates come with their parts already patched (`templates/prepared.json`, made by
`python tools/prepare_templates.py` and held to docxtpl's patches by a test), so that a build with
them does not load docxtpl and python-docx; any other template is patched as it is read.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from jinja2 import Environment, Template
from lxml import etree

__all__ = ["CORE_FIELDS", "PREPARED", "CompiledTemplate", "TemplateFileError", "WordTemplate",
           "patch", "prepare", "rels_name", "resolve_target"]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
RT_OFFICE_DOCUMENT = f"{R}/officeDocument"
RT_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
RT_HEADER = f"{R}/header"
RT_FOOTER = f"{R}/footer"
CT_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC = "http://purl.org/dc/elements/1.1/"

# The core properties docxtpl renders as templates, by their element in docProps/core.xml.
CORE_FIELDS = {"creator": f"{{{DC}}}creator", "description": f"{{{DC}}}description",
               "identifier": f"{{{DC}}}identifier", "language": f"{{{DC}}}language",
               "subject": f"{{{DC}}}subject", "title": f"{{{DC}}}title"}

PREPARED = Path(__file__).resolve().parents[1] / "templates" / "prepared.json"
"""The built-in templates' parts as docxtpl patches them, by the SHA-256 of the part."""
# Word's built-in styles that styles.xml names in lower case, as python-docx's BabelFish lists them
_STYLE_NAMES = {"Caption": "caption", "Footer": "footer", "Header": "header",
                **{f"Heading {n}": f"heading {n}" for n in range(1, 10)}}


@functools.cache
def _docxtpl() -> Any:
    """docxtpl's template, for its preprocessing and table fix (which read nothing of the
    template they belong to); loaded for the first template that needs them."""
    from docxtpl import DocxTemplate

    return DocxTemplate(io.BytesIO())


@functools.cache
def _prepared() -> dict[str, str]:
    try:
        sources: dict[str, str] = json.loads(PREPARED.read_text(encoding="utf-8"))["sources"]
    except (OSError, ValueError, KeyError):
        return {}
    return sources


def _key(xml: str) -> str:
    return hashlib.sha256(xml.encode("utf-8")).hexdigest()


def patch(xml: str) -> str:
    """A part's XML as docxtpl patches it, with its tags in Jinja's language."""
    found = _prepared().get(_key(xml))
    return found if found is not None else str(_docxtpl().patch_xml(xml))


def prepare(templates: Iterable[Path]) -> dict[str, str]:
    """The patched parts of `templates` by the SHA-256 of each part, as `PREPARED` holds them."""
    sources: dict[str, str] = {}
    for path in templates:
        for xml in WordTemplate.read(path).unpatched:
            sources[_key(xml)] = str(_docxtpl().patch_xml(xml))
    return sources

# python-docx reads parts this way, and docxtpl's patterns expect what it then writes.
_READER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
_COLUMN_TAGS = re.compile(r"\{[{%]-?\s*(?:tc\s|colspan\s|hm\s*-?%)")
_TAG_TEXT = re.compile(r"<[^>]*>")
_ESCAPES = ("{_{", "}_}", "{_%", "%_}")


class TemplateFileError(ValueError):
    """The file is not a Word document that can be read."""


def rels_name(part: str) -> str:
    """The relationships part of a part: word/document.xml → word/_rels/document.xml.rels."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def resolve_target(part: str, target: str) -> str:
    """The zip name a relationship of `part` points at."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(part), target))


def _relationships(entries: Mapping[str, bytes], part: str) -> list[etree._Element]:
    data = entries.get(rels_name(part))
    return list(etree.fromstring(data)) if data else []


class WordTemplate:
    """A template's package and what the rendering needs of it, read once."""

    def __init__(self, path: Path, data: bytes) -> None:
        self.path = path
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as package:
                self.entries: dict[str, bytes] = {i.filename: package.read(i.filename)
                                                  for i in package.infolist() if not i.is_dir()}
            types = etree.fromstring(self.entries["[Content_Types].xml"])
            root_rels = _relationships(self.entries, "")
        except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError) as error:
            raise TemplateFileError(f"{error}") from None
        self.document = next((resolve_target("", r.get("Target", "")) for r in root_rels
                              if r.get("Type") == RT_OFFICE_DOCUMENT), "")
        self.core = next((resolve_target("", r.get("Target", "")) for r in root_rels
                          if r.get("Type") == RT_CORE), None)
        if self.document not in self.entries:
            raise TemplateFileError("it has no main document part")
        document_rels = _relationships(self.entries, self.document)
        headers = [resolve_target(self.document, r.get("Target", "")) for r in document_rels
                   if r.get("Type") == RT_HEADER and r.get("TargetMode") != "External"]
        footers = [resolve_target(self.document, r.get("Target", "")) for r in document_rels
                   if r.get("Type") == RT_FOOTER and r.get("TargetMode") != "External"]
        footnotes = [o.get("PartName", "").lstrip("/") for o in types.iterfind(f"{{{CT}}}Override")
                     if o.get("ContentType") == CT_FOOTNOTES]
        try:
            document = etree.fromstring(self.entries[self.document], _READER)
            # docxtpl's order: the body, headers, footers, then the footnotes
            unpatched = {self.document: etree.tostring(document, encoding="unicode")}
            for name in [*headers, *footers]:
                if self.entries.get(name):
                    unpatched[name] = etree.tostring(etree.fromstring(self.entries[name], _READER),
                                                     encoding="unicode")
            for name in footnotes:
                if name in self.entries:
                    unpatched[name] = self.entries[name].decode("utf-8")
            self.unpatched = tuple(unpatched.values())
            self.sources: dict[str, str] = {name: patch(xml) for name, xml in unpatched.items()}
            self.properties = self._core_properties()
            self.style_ids, self.style_numbers = self._styles()
        except etree.XMLSyntaxError as error:
            raise TemplateFileError(f"{error}") from None
        self.footnotes = footnotes[0] if footnotes and footnotes[0] in self.entries else None
        text = _TAG_TEXT.sub("", self.entries[self.document].decode("utf-8"))
        # docxtpl's table fix is needed only where cells come and go with the data
        self.fixes_tables = bool(_COLUMN_TAGS.search(text))
        self.own_drawings = "docPr" in self.sources[self.document]
        self.text_width_cm = _text_width_cm(document)

    @classmethod
    def read(cls, path: Path) -> WordTemplate:
        try:
            data = path.read_bytes()
        except OSError as error:
            raise TemplateFileError(f"{error}") from None
        return cls(path, data)

    def _core_properties(self) -> dict[str, str]:
        if self.core is None or self.core not in self.entries:
            return {}
        root = etree.fromstring(self.entries[self.core])
        found = {}
        for field, tag in CORE_FIELDS.items():
            element = root.find(tag)
            found[field] = element.text or "" if element is not None else ""
        category = root.find(f"{{{CP}}}category")
        found["category"] = category.text or "" if category is not None else ""
        return found

    def _styles(self) -> tuple[dict[str, str], dict[str, str]]:
        """Each style's id by its name in styles.xml, and the numbering of the styles that
        number their paragraphs."""
        styles = next((resolve_target(self.document, r.get("Target", ""))
                       for r in _relationships(self.entries, self.document)
                       if r.get("Type") == f"{R}/styles"), None)
        if styles is None or styles not in self.entries:
            return {}, {}
        ids: dict[str, str] = {}
        numbers: dict[str, str] = {}
        for style in etree.fromstring(self.entries[styles], _READER).iterfind(f"{{{W}}}style"):
            name = style.find(f"{{{W}}}name")
            style_id = style.get(f"{{{W}}}styleId")
            if name is None or style_id is None or name.get(f"{{{W}}}val") in ids:
                continue
            ids[name.get(f"{{{W}}}val", "")] = style_id
            number = style.find(f"{{{W}}}pPr/{{{W}}}numPr/{{{W}}}numId")
            if number is not None:
                numbers[style_id] = number.get(f"{{{W}}}val", "")
        return ids, numbers

    def style_id(self, name: str) -> str | None:
        """The id of the style Word shows as `name`, None when the template lacks it. Office
        suites may save a built-in style's name capitalised ("Heading 1"): names match whatever
        their case."""
        found = self.style_ids.get(_STYLE_NAMES.get(name, name))
        if found is None:
            folded = name.casefold()
            found = next((i for n, i in self.style_ids.items() if n.casefold() == folded), None)
        return found

    def compile(self, environment: Environment) -> CompiledTemplate:
        """Every part and property compiled in `environment` (raises TemplateSyntaxError)."""
        return CompiledTemplate(
            self,
            {name: environment.from_string(source) for name, source in self.sources.items()},
            {field: _Constant(given) if not _JINJA.search(given) else environment.from_string(given)
             for field, given in ((f, self.properties.get(f, "")) for f in CORE_FIELDS)
             if self.core is not None})


# What Jinja reads as more than text in a property: a tag, or a line break it normalises
_JINJA = re.compile(r"[{\r\n]")


class _Constant:
    """A property without tags nor line breaks: it renders as it is written."""

    def __init__(self, text: str) -> None:
        self.text = text

    def render(self, variables: Mapping[str, Any]) -> str:
        return self.text


class CompiledTemplate:
    """A template's parts ready to render."""

    def __init__(self, template: WordTemplate, parts: dict[str, Template],
                 properties: dict[str, Template | _Constant]) -> None:
        self.template = template
        self.parts = parts
        self.properties = properties

    def render_part(self, name: str, variables: Mapping[str, Any]) -> str:
        """One part rendered, with docxtpl's escapes of literal braces resolved."""
        text = self.parts[name].render(variables)
        source = self.template.sources[name]
        if any(escape in source for escape in _ESCAPES):
            text = (text.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%")
                    .replace("%_}", "%}"))
        return text

    def render_part_bytes(self, name: str, variables: Mapping[str, Any],
                          declaration: bytes = b"",
                          texts: Callable[[str], str] | None = None) -> bytes:
        """`render_part` in UTF-8, after `declaration` unless the part starts with its own,
        encoded a batch of the template's pieces at a time where the environment joins them so:
        a large part is never held whole as a text, nor copied. `texts`, when given, rewrites
        the rendered XML a stretch of whole text elements (w:t) at a time."""
        template = self.parts[name]
        environment = template.environment
        joined = getattr(environment, "joined", None)
        if joined is None or any(escape in self.template.sources[name] for escape in _ESCAPES):
            rendered = self.render_part(name, variables)
            data = (rendered if texts is None else texts(rendered)).encode("utf-8")
            return data if data.startswith(b"<?xml") else declaration + data
        context = template.new_context(dict(variables))
        written = io.BytesIO()  # grows in place
        start: str | None = ""  # the part's start, until its first five characters are known
        held = ""  # what follows the last whole text element, until the next batch completes it
        try:
            for text in joined(template.root_render_func(context)):
                if start is not None:
                    start += text
                    if len(start) < 5:
                        continue
                    written.write(b"" if start.startswith("<?xml") else declaration)
                    text, start = start, None
                if texts is not None:
                    text = held + text
                    cut = text.rfind("</w:t>") + len("</w:t>")
                    if cut < len("</w:t>"):
                        held = text
                        continue
                    text, held = texts(text[:cut]), text[cut:]
                written.write(text.encode("utf-8"))
        except Exception:  # the template's place in the error, as Template.render gives it
            environment.handle_exception()
            raise
        if start is not None:  # a part of fewer than five characters
            written.write(declaration + (start if texts is None else texts(start)).encode("utf-8"))
        elif held:
            written.write(texts(held).encode("utf-8") if texts is not None else b"")
        return written.getvalue()


def fix_tables(xml: bytes) -> etree._Element:
    """docxtpl's fix of tables whose cells came and went with the data. Where every table's
    grid already fits its rows, the fix changes nothing: the part is read as docxtpl reads it,
    without loading docxtpl."""
    tree: etree._Element = etree.fromstring(xml, etree.XMLParser(recover=True))
    if any(_needs_fix(table) for table in tree.iter(f"{{{W}}}tbl")):
        tree = _docxtpl().fix_tables(xml)
    return tree


def _needs_fix(table: etree._Element) -> bool:
    """Whether docxtpl's fix would change a table: a row with more cells than the grid has
    columns, or a grid with more columns than any row spans."""
    try:
        grid = table.find(f"{{{W}}}tblGrid")
        columns = len(grid.findall(f"{{{W}}}gridCol"))
        rows = [row.findall(f"{{{W}}}tc") for row in table.iter(f"{{{W}}}tr")]
        spans = [sum(_span(cell) for cell in cells) for cells in rows]
        return max(map(len, rows), default=0) > columns or columns > max(spans, default=0)
    except (AttributeError, TypeError, ValueError):  # docxtpl's fix says what it says of it
        return True


def _span(cell: etree._Element) -> int:
    span = cell.find(f"{{{W}}}tcPr/{{{W}}}gridSpan")
    return 1 if span is None else int(span.get(f"{{{W}}}val"))


def _text_width_cm(document: etree._Element) -> float:
    """The width between the margins of the document's last section, in centimetres."""
    sections = list(document.iter(f"{{{W}}}sectPr"))
    if not sections:
        return float("inf")
    size = sections[-1].find(f"{{{W}}}pgSz")
    margins = sections[-1].find(f"{{{W}}}pgMar")
    if size is None or margins is None:
        return float("inf")
    try:
        twips = (int(size.get(f"{{{W}}}w", "")) - int(margins.get(f"{{{W}}}left", ""))
                 - int(margins.get(f"{{{W}}}right", "")))
    except ValueError:
        return float("inf")
    return twips * 635 / 360000
