"""Returned forms in: what a form says, as Word or LibreOffice saved it.

Nothing here relies on what LibreOffice drops (content controls' tags and aliases): a form is
recognised by its custom XML part, a table by its header row, an entry by its column or its
label, a pre-filled record by its bookmark, a choice by the text it shows, a ticked agency by the
box before its name.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

from attrs import frozen
from lxml import etree

from ..agencies import REGISTRY, Agency, UnknownNameError
from .forms import FORM_NAMESPACE, ROW_LABELS, TABLE_TITLES
from .values import Para, Run, Values, normal_text

__all__ = ["FormReadError", "FormRow", "MarkInfo", "ReturnedForm", "read_form"]

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
_PKG_R = "http://schemas.openxmlformats.org/package/2006/relationships"
_NS = {"w": _W, "r": _R, "w14": _W14}
_BOXES = "\u2610\u2612\u2611"
_TICKED = "\u2612\u2611"


def _w(name: str) -> str:
    return f"{{{_W}}}{name}"


class FormReadError(Exception):
    """A file that is not a contribution form (or not one that can be read)."""


@frozen
class MarkInfo:
    """What the form's custom part says of a pre-filled record."""

    kind: str
    key: str
    row: int
    place: str
    fingerprint: str


@frozen
class FormRow:
    """One record as the returned form shows it. `mark` names a pre-filled record; `problems`
    are entries that could not be read at all, as (entry, message)."""

    kind: str
    mark: str | None
    place: str
    values: Values
    problems: tuple[tuple[str, str], ...] = ()


@frozen
class ReturnedForm:
    path: Path
    year: int
    agency: Agency
    due: date | None
    marks: dict[str, MarkInfo]
    rows: tuple[FormRow, ...]


def read_form(path: str | Path, fields: dict[str, str] | None = None) -> ReturnedForm:
    """Read a returned form; FormReadError when the file is not a form. `fields` (the
    scorecard's field numbers and titles) names the field of a new row in its place."""
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as package:
            parts = {name: package.read(name) for name in package.namelist()
                     if name.endswith((".xml", ".rels"))}
    except zipfile.BadZipFile:
        raise FormReadError(f"{path.name} is not a Word document (not a zip package, as every "
                            "Word document is)") from None
    except (OSError, KeyError) as error:
        raise FormReadError(f"{path.name} is not a Word document ({error})") from None
    header = _form_part(parts)
    if header is None:
        raise FormReadError(f"{path.name} is not a contribution form: it has none of the form's "
                            "hidden information (was it made by `jhareport contributions forms`?)")
    try:
        year = int(header.get("year", ""))
        agency = REGISTRY.agency(header.get("agency", ""))
        due_text = header.get("due")
        due = date.fromisoformat(due_text) if due_text else None
    except ValueError as error:
        raise FormReadError(f"{path.name}: the form's hidden information is damaged ({error})"
                            ) from None
    marks = {r.get("mark", ""): MarkInfo(r.get("kind", ""), r.get("key", ""),
                                         int(r.get("row", "0") or 0), r.get("place", ""),
                                         r.get("fingerprint", ""))
             for r in header.iter(f"{{{FORM_NAMESPACE}}}record")}
    if "word/document.xml" not in parts:
        raise FormReadError(f"{path.name} is not a Word document (it has no document part)")
    reader = _BodyReader(parts, marks, fields or {})
    return ReturnedForm(path, year, agency, due, marks, tuple(reader.rows()))


def _form_part(parts: dict[str, bytes]) -> Any:
    for name, data in sorted(parts.items()):
        if name.startswith("customXml/item") and not name.startswith("customXml/itemProps"):
            try:
                root = etree.fromstring(data)
            except etree.XMLSyntaxError:
                continue
            if root.tag == f"{{{FORM_NAMESPACE}}}form":
                return root
    return None


class _BodyReader:
    def __init__(self, parts: dict[str, bytes], marks: dict[str, MarkInfo],
                 fields: dict[str, str]) -> None:
        self.marks = marks
        self.fields = fields
        self.body = etree.fromstring(parts["word/document.xml"]).find(_w("body"))
        self.links = _relationships(parts.get("word/_rels/document.xml.rels"))
        self.numbering = _numbering(parts.get("word/numbering.xml"))
        self.styles = _styles(parts.get("word/styles.xml"))
        self.seen: set[str] = set()

    def rows(self) -> list[FormRow]:
        rows: list[FormRow] = []
        counts: dict[str, int] = {}
        for table in self.body.iter(_w("tbl")):
            first = table.find(_w("tr"))
            if first is None:
                continue
            heading = [self.plain(c) for c in first.findall(_w("tc"))]
            if heading[:3] == ["No.", "Field", "Action"]:
                rows.extend(self.scorecard(table))
                continue
            for kind, (title, new_title) in TABLE_TITLES.items():
                if heading and (heading[0].startswith(title) or heading[0].startswith(new_title)):
                    counts[kind] = counts.get(kind, 0) + 1
                    row = self.record(kind, table, counts[kind])
                    if row is not None:
                        rows.append(row)
                    break
        return rows

    # -- the scorecard ------------------------------------------------------------------------

    def scorecard(self, table: Any) -> list[FormRow]:
        rows: list[FormRow] = []
        group = ""
        number = 0
        for tr in table.findall(_w("tr"))[1:]:
            cells = tr.findall(_w("tc"))
            if len(cells) < 6:
                text = self.plain(cells[0]) if cells else ""
                group = text.split(" ", 1)[0] if text else group
                continue
            number += 1
            mark = self.mark(cells[0])
            detail = self.rich(cells[2])
            values: Values = {"field": self.plain(cells[1]) or group, "detail": detail,
                              "status": self.plain(cells[3]), "when": self.plain(cells[4])}
            agencies, others, problems = self.agencies(cells[5])
            values.update(agencies=agencies, others=others)
            if mark is None and not detail:
                continue
            field = values["field"] or group
            place = (self.marks[mark].place if mark and self.marks[mark].row == number
                     else f"scorecard row {number} ({field} {self.fields.get(field, '')})"
                     .replace(" )", ")"))
            rows.append(FormRow("action", mark, place, values, problems))
        return rows

    # -- records in their own tables -----------------------------------------------------------

    def record(self, kind: str, table: Any, number: int) -> FormRow | None:
        trs = table.findall(_w("tr"))
        mark = self.mark(trs[0])
        by_label = {label.casefold(): key for key, label in ROW_LABELS.items()}
        values: Values = {}
        problems: tuple[tuple[str, str], ...] = ()
        for tr in trs[1:]:
            cells = tr.findall(_w("tc"))
            if len(cells) < 2:
                continue
            key = by_label.get(self.plain(cells[0]).casefold())
            if key is None:
                continue
            if key == "text":
                values[key] = self.rich(cells[1])
            elif key == "agencies":
                values[key], _, problems = self.agencies(cells[1], with_others=False)
            elif key == "dates":
                values[key] = tuple(line for line in self.lines(cells[1]) if line)
            else:
                values[key] = self.plain(cells[1])
        if mark is None and not values.get("title") and not values.get("text"):
            return None
        title = TABLE_TITLES[kind][0].lower()
        place = (self.marks[mark].place if mark else
                 f"new {title} ({values.get('title') or f'table {number} of its section'})")
        return FormRow(kind, mark, place, values, problems)

    # -- pieces -------------------------------------------------------------------------------

    def mark(self, element: Any) -> str | None:
        """The record a row or table stands for: the first bookmark the form made, once."""
        for start in element.iter(_w("bookmarkStart")):
            name = str(start.get(_w("name"), ""))
            if name in self.marks and name not in self.seen:
                self.seen.add(name)
                return name
        return None

    def lines(self, cell: Any) -> list[str]:
        return [" ".join(_paragraph_text(p).split()) for p in cell.iter(_w("p"))]

    def plain(self, cell: Any) -> str:
        return " ".join(" ".join(self.lines(cell)).split())

    def agencies(self, cell: Any, with_others: bool = True
                 ) -> tuple[tuple[str, ...], str, tuple[tuple[str, str], ...]]:
        """The ticked agencies (or the names written, where there are no boxes), and the other
        partners' line."""
        codes: list[str] = []
        problems: list[tuple[str, str]] = []
        others = ""
        names: list[str] = []
        for line in self.lines(cell):
            if with_others and line.casefold().startswith("others:"):
                others = line.split(":", 1)[1].strip()
                continue
            if any(box in line for box in _BOXES):
                for box, name in re.findall(rf"([{_BOXES}])\s*([^{_BOXES}]*)", line):
                    if box in _TICKED and name.strip():
                        names.append(name.strip())
            elif line:
                names.extend(n.strip() for n in re.split(r"[,;]", line) if n.strip())
        for name in names:
            try:
                codes.append(REGISTRY.agency(name.replace("\u2011", "-")).code)
            except UnknownNameError as error:
                problems.append(("agencies", str(error)))
            except ValueError as error:
                problems.append(("agencies", str(error)))
        order = [a.code for a in REGISTRY.agencies]
        return tuple(sorted(set(codes), key=order.index)), others, tuple(problems)

    def rich(self, cell: Any) -> tuple[Para, ...]:
        paras: list[Para] = []
        for p in cell.iter(_w("p")):
            kind, level = self.list_of(p)
            paras.append((kind, level, tuple(self.runs(p))))
        return normal_text(paras)

    def list_of(self, p: Any) -> tuple[str, int]:
        props = p.find(_w("pPr"))
        style_id = ""
        num_id = ilvl = None
        if props is not None:
            style = props.find(_w("pStyle"))
            style_id = style.get(_w("val"), "") if style is not None else ""
            num = props.find(_w("numPr"))
            if num is not None:
                num_id = _val(num.find(_w("numId")))
                ilvl = _val(num.find(_w("ilvl")))
        name, style_num, style_ilvl = self.styles.get(style_id, ("", None, None))
        named = re.fullmatch(r"List (Bullet|Number)(?: (\d))?", name)
        if num_id is None:
            num_id, ilvl = style_num, style_ilvl
        fmt = self.numbering.get((num_id or "", ilvl or "0")) if num_id not in (None, "0") else None
        if named:
            kind = "bullet" if named.group(1) == "Bullet" else "number"
            level = int(named.group(2) or 1) - 1
            if ilvl and int(ilvl) > level:
                level = int(ilvl)
            return (kind if fmt != "none" else "p"), level
        if fmt is None or fmt == "none":
            return "p", 0
        return ("bullet" if fmt == "bullet" else "number"), int(ilvl or 0)

    def runs(self, p: Any) -> list[Run]:
        out: list[Run] = []
        field_link: str | None = None
        in_instruction = False
        for element in p.iter(_w("r")):
            if any(a.tag in (_w("del"), _w("moveFrom")) for a in element.iterancestors()):
                continue
            ancestor = next((a for a in element.iterancestors(_w("hyperlink"), _w("fldSimple"))),
                            None)
            link: str | None = None
            if ancestor is not None and ancestor.tag == _w("hyperlink"):
                rid = ancestor.get(f"{{{_R}}}id")
                link = self.links.get(rid or "") or None
                anchor = ancestor.get(_w("anchor"))
                if link and anchor:
                    link = f"{link}#{anchor}"
            elif ancestor is not None:
                link = _field_target(ancestor.get(_w("instr"), ""))
            for child in element:
                if child.tag == _w("fldChar"):
                    kind = child.get(_w("fldCharType"))
                    if kind == "begin":
                        in_instruction = True
                    elif kind == "separate":
                        in_instruction = False
                    elif kind == "end":
                        field_link = None
                        in_instruction = False
                elif child.tag == _w("instrText"):
                    target = _field_target(child.text or "")
                    field_link = target or field_link
            if in_instruction:
                continue
            props = element.find(_w("rPr"))
            if props is not None and _on(props.find(_w("vanish"))):
                continue
            text = _run_text(element)
            if not text:
                continue
            bold = italic = False
            if props is not None:
                bold = _on(props.find(_w("b")))
                italic = _on(props.find(_w("i")))
                style = props.find(_w("rStyle"))
                style_id = style.get(_w("val"), "") if style is not None else ""
                bold = bold or style_id in ("Strong", "StrongEmphasis")
                italic = italic or style_id in ("Emphasis",)
            out.append((text, bold, italic, link or field_link))
        return out


def _val(element: Any) -> str | None:
    return None if element is None else element.get(_w("val"))


def _on(element: Any) -> bool:
    if element is None:
        return False
    return element.get(_w("val"), "true") not in ("0", "false", "off", "none")


def _field_target(instruction: str) -> str | None:
    match = re.search(r'HYPERLINK\s+"([^"]+)"', instruction)
    return match.group(1) if match else None


def _run_text(run: Any) -> str:
    text = []
    for child in run:
        if child.tag == _w("t"):
            text.append(child.text or "")
        elif child.tag in (_w("tab"), _w("br"), _w("cr")):
            text.append(" ")
        elif child.tag == _w("noBreakHyphen"):
            text.append("-")
    return "".join(text).replace("\u2011", "-")


def _paragraph_text(p: Any) -> str:
    parts = []
    for run in p.iter(_w("r")):
        if any(a.tag in (_w("del"), _w("moveFrom")) for a in run.iterancestors()):
            continue
        props = run.find(_w("rPr"))
        if props is not None and _on(props.find(_w("vanish"))):
            continue
        if run.find(_w("instrText")) is not None:
            continue
        parts.append(_run_text(run))
    return "".join(parts)


def _relationships(data: bytes | None) -> dict[str, str]:
    if not data:
        return {}
    root = etree.fromstring(data)
    return {r.get("Id", ""): r.get("Target", "") for r in root.iter(f"{{{_PKG_R}}}Relationship")
            if r.get("TargetMode") == "External"}


def _numbering(data: bytes | None) -> dict[tuple[str, str], str]:
    """(numId, level) -> the number format of that level (bullet, decimal…)."""
    if not data:
        return {}
    root = etree.fromstring(data)
    abstract: dict[str, dict[str, str]] = {}
    for item in root.iter(_w("abstractNum")):
        levels = {}
        for level in item.iter(_w("lvl")):
            fmt = level.find(_w("numFmt"))
            levels[level.get(_w("ilvl"), "0")] = _val(fmt) or "decimal"
        abstract[item.get(_w("abstractNumId"), "")] = levels
    found = {}
    for num in root.iter(_w("num")):
        levels = abstract.get(_val(num.find(_w("abstractNumId"))) or "", {})
        for ilvl, fmt in levels.items():
            found[(num.get(_w("numId"), ""), ilvl)] = fmt
    return found


def _styles(data: bytes | None) -> dict[str, tuple[str, str | None, str | None]]:
    """styleId -> (name, numId, ilvl) of the paragraph styles, numbering taken from base styles."""
    if not data:
        return {}
    root = etree.fromstring(data)
    raw: dict[str, tuple[str, str | None, str | None, str | None]] = {}
    for style in root.iter(_w("style")):
        num = style.find(f"{_w('pPr')}/{_w('numPr')}")
        based = style.find(_w("basedOn"))
        raw[style.get(_w("styleId"), "")] = (
            _val(style.find(_w("name"))) or "",
            _val(num.find(_w("numId"))) if num is not None else None,
            _val(num.find(_w("ilvl"))) if num is not None else None,
            _val(based))
    result = {}
    for sid, (name, num_id, ilvl, based) in raw.items():
        seen = {sid}
        while num_id is None and based and based in raw and based not in seen:
            seen.add(based)
            _, num_id, ilvl, based = raw[based]
        result[sid] = (name, num_id, ilvl)
    return result
