"""Returned contribution forms read, as Word or LibreOffice saved them, as hostile input.

A form is checked as a template is before anything inflates it (regular file, sizes declared and
compressed, number of parts, no DOCTYPE nor entities), its XML is parsed without entities, DTDs
or network, and its tables, content controls and texts are bounded (the limits are the
contributions': `jhareport.contributions.read`).

Nothing here relies on what LibreOffice drops (content controls' tags and aliases): a form is
recognised by its custom XML part, a table by its header row, an entry by its column or its
label, a pre-filled record by its bookmark, a choice by the text it shows, a ticked agency by the
box before its name.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

from lxml import etree

from ..agencies import REGISTRY, Agency, UnknownNameError
from ..contributions.base import FORM_NAMESPACE
from ..contributions.entries import KINDS, Entries
from ..contributions.problems import FormReadError, shown
from ..contributions.read import (
    FORM_LIMITS,
    MAX_CONTROLS,
    MAX_FORM_TEXT,
    MAX_ROWS,
    MAX_TEXT,
    FormRow,
    ReturnedForm,
)
from ..contributions.text import Para, Run, markdown, normal_text
from ..template_tools.package_check import PackageError, check_package
from ..yamltree import forbidden_character
from .template import W

__all__ = ["read_form"]

_W = W
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_R = "http://schemas.openxmlformats.org/package/2006/relationships"
_DC = "http://purl.org/dc/terms/"
_BOXES = "\u2610\u2612\u2611"
_TICKED = "\u2612\u2611"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          huge_tree=False)

def _w(name: str) -> str:
    return f"{{{_W}}}{name}"


def read_form(path: str | Path, fields: dict[str, str] | None = None) -> ReturnedForm:
    """Read a returned form; FormReadError (naming the file and the place) when it is no form
    or not one to read. `fields` (the scorecard's field numbers and titles) names the field
    of a new row in its place."""
    path = Path(path)
    name = path.name
    try:
        data = check_package(path, FORM_LIMITS)
    except PackageError as error:
        raise FormReadError(str(error).replace(str(path), name, 1)) from None
    package = zipfile.ZipFile(io.BytesIO(data))
    names = set(package.namelist())

    def part(part_name: str) -> Any:
        if part_name not in names:
            return None
        try:
            return etree.fromstring(package.read(part_name), _PARSER)
        except (etree.XMLSyntaxError, ValueError) as error:
            raise FormReadError(f"{name}: {part_name} is not readable XML "
                                f"({str(error)[:200]})") from None

    header = _form_part(name, names, part)
    if header is None:
        raise FormReadError(f"{name}: not a contribution form: it has none of the form's hidden "
                            "information (was it made by `jhareport contributions forms`?)")
    year, agency, base, due = _identity(name, header)
    document = part("word/document.xml")
    body = document.find(_w("body")) if document is not None else None
    if body is None:
        raise FormReadError(f"{name}: not a Word document (it has no document part)")
    rows = sum(1 for _ in body.iter(_w("tr")))
    if rows > MAX_ROWS:
        raise FormReadError(f"{name}: {rows:,} table rows: a form may hold {MAX_ROWS:,} at most")
    controls = sum(1 for _ in body.iter(_w("sdt")))
    if controls > MAX_CONTROLS:
        raise FormReadError(f"{name}: {controls:,} content controls: a form may hold "
                            f"{MAX_CONTROLS:,} at most")
    reader = _BodyReader(body, part("word/_rels/document.xml.rels"), part("word/numbering.xml"),
                         part("word/styles.xml"), fields or {})
    rows_read = tuple(reader.rows())
    characters = sum(len(v) if isinstance(v, str) else sum(len(x) for x in v)
                     for row in rows_read for v in row.entries.values())
    if characters > MAX_FORM_TEXT:
        raise FormReadError(f"{name}: its entries hold {characters:,} characters: a form may "
                            f"hold {MAX_FORM_TEXT:,} at most")
    bookmarks = frozenset(str(b.get(_w("name"), "")) for b in body.iter(_w("bookmarkStart")))
    received = _saved(part("docProps/core.xml"), year)
    if received is None:  # never saved by Word or LibreOffice: the file's own date
        received = date.fromtimestamp(path.lstat().st_mtime)
    return ReturnedForm(path, hashlib.sha256(data).hexdigest(), year, agency, base, due,
                        received, rows_read, bookmarks)


def _form_part(name: str, names: set[str], part: Any) -> Any:
    candidates = sorted(n for n in names if re.fullmatch(r"customXml/item\d{1,4}\.xml", n))
    for candidate in candidates[:50]:
        root = part(candidate)
        if root is not None and root.tag == f"{{{FORM_NAMESPACE}}}form":
            return root
        if root is not None and str(root.tag).startswith("{urn:jhareport:contribution-form:"):
            raise FormReadError(f"{name}: a form of an earlier version of jhareport: send the "
                                "agency a new form")
    return None


def _identity(name: str, header: Any) -> tuple[int, Agency, str, date | None]:
    """The year, agency, base and due date the form's hidden part gives, checked."""
    def damaged(reason: str) -> FormReadError:
        return FormReadError(f"{name}: the form's hidden information is damaged ({reason}); "
                             "send the agency a new form")

    if len(header) or len(header.attrib) > 8:
        raise damaged("it holds more than the form wrote")
    year_text = str(header.get("year", ""))
    if not re.fullmatch(r"\d{4}", year_text) or not 2010 <= int(year_text) <= 2100:
        raise damaged(f"year {shown(year_text)} is not a year")
    try:
        agency = REGISTRY.agency(str(header.get("agency", ""))[:100])
    except ValueError as error:
        raise damaged(f"agency: {error}") from None
    base = str(header.get("base", ""))
    if not re.fullmatch(r"[0-9a-f]{16}", base):
        raise damaged(f"base {shown(base)} is not the digest of a base")
    due_text = header.get("due")
    try:
        due = date.fromisoformat(str(due_text)) if due_text else None
    except ValueError:
        raise damaged(f"due {shown(due_text)} is not a date") from None
    return int(year_text), agency, base, due


def _saved(core: Any, year: int) -> date | None:
    """When the form was last saved, from its properties; None when it never was (the forms
    are stamped 31 December of their year)."""
    if core is None:
        return None
    modified = core.find(f"{{{_DC}}}modified")
    text = (modified.text or "").strip() if modified is not None else ""
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.replace(tzinfo=None) == datetime(year, 12, 31) or not 2000 <= when.year <= 2200:
        return None
    return when.date()


class _BodyReader:
    def __init__(self, body: Any, rels: Any, numbering: Any, styles: Any,
                 fields: dict[str, str]) -> None:
        self.body = body
        self.fields = fields
        self.links = _relationships(rels)
        self.numbering = _numbering(numbering)
        self.styles = _styles(styles)
        self.seen: set[str] = set()

    def rows(self) -> list[FormRow]:
        rows: list[FormRow] = []
        for table in self.body.iter(_w("tbl")):
            first = table.find(_w("tr"))
            if first is None:
                continue
            heading = [self.plain(c) for c in first.findall(_w("tc"))]
            if heading[:3] == ["No.", "Field", "Action"]:
                rows.extend(self.scorecard(table))
                continue
            for kind in KINDS.values():
                if kind.file is None or not heading:
                    continue
                if heading[0].startswith((f"{kind.title} ", kind.new_title)) or \
                        heading[0] == kind.title:
                    row = self.record(kind.code, table, heading[0])
                    if row is not None:
                        rows.append(row)
                    break
        return rows

    # -- the scorecard ------------------------------------------------------------------------

    def scorecard(self, table: Any) -> list[FormRow]:
        rows: list[FormRow] = []
        group = ""
        for tr in table.findall(_w("tr"))[1:]:
            cells = tr.findall(_w("tc"))
            if len(cells) < 6:
                text = self.plain(cells[0]) if cells else ""
                group = text.split(" ", 1)[0] if text else group
                continue
            mark = self.mark(cells[0])
            problems: list[tuple[str, str]] = []
            detail = self.rich(cells[2], "action", problems)
            field = self.plain(cells[1], "field", problems) or group
            entries: Entries = {"field": field, "action": detail,
                                "state": self.plain(cells[3], "state", problems),
                                "when": self.plain(cells[4], "when", problems)}
            agencies, others = self.agencies(cells[5], problems)
            entries.update(agencies=agencies, others=others)
            if mark is None and not detail:
                continue
            number = self.plain(cells[0])[:10]
            place = f"scorecard row {number} ({field} {self.fields.get(field, '')}"
            rows.append(FormRow("action", mark, place.rstrip() + ")", entries, tuple(problems)))
        return rows

    # -- records in their own tables -----------------------------------------------------------

    def record(self, kind: str, table: Any, heading: str) -> FormRow | None:
        trs = table.findall(_w("tr"))
        mark = self.mark(trs[0])
        labels = KINDS[kind].labels
        by_label = {label.casefold(): key for key, label in labels.items()}
        entries: Entries = {}
        problems: list[tuple[str, str]] = []
        for tr in trs[1:]:
            cells = tr.findall(_w("tc"))
            if len(cells) < 2:
                continue
            key = by_label.get(self.plain(cells[0]).casefold())
            if key is None or key in entries:
                continue
            if key == "text":
                entries[key] = self.rich(cells[1], key, problems)
            elif key == "agencies":
                entries[key], _ = self.agencies(cells[1], problems, with_others=False)
            elif key == "dates":
                entries[key] = [line for line in self.lines(cells[1], key, problems) if line]
            elif key == "others":
                entries[key] = _names(self.plain(cells[1], key, problems))
            else:
                entries[key] = self.plain(cells[1], key, problems)
        if mark is None and not entries.get("title") and not entries.get("text"):
            return None
        title = " ".join(str(entries.get("title", "")).split())
        shown_title = title if len(title) <= 80 else f"{title[:79]}…"
        number = heading.removeprefix(KINDS[kind].title).strip()[:10]
        place = (f"{KINDS[kind].name} {number} ({shown_title})" if mark
                 else f"new {KINDS[kind].name} ({shown_title or 'untitled'})")
        return FormRow(kind, mark, place, entries, tuple(problems))

    # -- pieces -------------------------------------------------------------------------------

    def mark(self, element: Any) -> str | None:
        """The record a row or table stands for: the first bookmark of the form's own kind,
        once (a copied table carries no bookmark, or a renamed one)."""
        for start in element.iter(_w("bookmarkStart")):
            name = str(start.get(_w("name"), ""))
            if re.fullmatch(r"jha_r\d{1,6}", name) and name not in self.seen:
                self.seen.add(name)
                return name
        return None

    def lines(self, cell: Any, entry: str | None = None,
              problems: list[tuple[str, str]] | None = None) -> list[str]:
        raw = [_paragraph_text(p) for p in cell.iter(_w("p"))]
        if entry is not None and problems is not None:
            _bounded(entry, "".join(raw), problems)  # before spaces are collapsed
        return [" ".join(text.split()) for text in raw]

    def plain(self, cell: Any, entry: str | None = None,
              problems: list[tuple[str, str]] | None = None) -> str:
        return " ".join(" ".join(self.lines(cell, entry, problems)).split())

    def agencies(self, cell: Any, problems: list[tuple[str, str]], with_others: bool = True
                 ) -> tuple[list[str], list[str]]:
        """The ticked agencies (or the names written, where there are no boxes), and the other
        partners' line."""
        codes: list[str] = []
        others: list[str] = []
        names: list[str] = []
        for line in self.lines(cell, "agencies", problems):
            if with_others and line.casefold().startswith("others:"):
                others = _names(line.split(":", 1)[1])
                continue
            if any(box in line for box in _BOXES):
                for box, name in re.findall(rf"([{_BOXES}])\s*([^{_BOXES}]*)", line):
                    if box in _TICKED and name.strip():
                        names.append(name.strip())
            elif line:
                names.extend(_names(line))
        unknown = 0
        for name in names[:50]:
            try:
                codes.append(REGISTRY.agency(name.replace("\u2011", "-")[:100]).code)
            except (UnknownNameError, ValueError) as error:
                unknown += 1
                if unknown > 3:  # the closest names are looked for a few times, not thousands
                    problems.append(("agencies", "and more names that are no agency"))
                    break
                problems.append(("agencies", str(error)))
        order = [a.code for a in REGISTRY.agencies]
        return sorted(set(codes), key=order.index), others

    def rich(self, cell: Any, entry: str, problems: list[tuple[str, str]]) -> str:
        paras: list[Para] = []
        for p in cell.iter(_w("p")):
            kind, level = self.list_of(p)
            paras.append((kind, level, tuple(self.runs(p))))
        _bounded(entry, "".join(run[0] for _, _, runs in paras for run in runs), problems)
        return markdown(normal_text(paras))

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
        depth = int(ilvl) if ilvl and ilvl.isdigit() and int(ilvl) < 9 else 0
        if named:
            kind = "bullet" if named.group(1) == "Bullet" else "number"
            level = max(int(named.group(2) or 1) - 1, depth)
            return (kind if fmt != "none" else "p"), level
        if fmt is None or fmt == "none":
            return "p", 0
        return ("bullet" if fmt == "bullet" else "number"), depth

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
            found = link or field_link
            out.append((text, bold, italic, found if found and _safe_link(found) else None))
        return out


def _bounded(entry: str, text: str, problems: list[tuple[str, str]]) -> None:
    """A problem for a text too long, or holding a character a document cannot hold."""
    if len(text) > MAX_TEXT:
        problems.append((entry, f"{len(text):,} characters: an entry may hold {MAX_TEXT:,} at "
                         "most"))
        return
    character = forbidden_character(text)
    if character:
        problems.append((entry, f"holds the character {character}, which a document cannot "
                         "hold: delete it"))


def _names(line: str) -> list[str]:
    return [n.strip() for n in re.split(r"[,;]", line) if n.strip()][:50]


def _safe_link(url: str) -> bool:
    """Links a report may carry: web and mail addresses, not scripts or files of a machine."""
    return bool(re.match(r"(https?://|mailto:)", url, re.IGNORECASE)) and len(url) <= 2_000


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


def _relationships(root: Any) -> dict[str, str]:
    if root is None:
        return {}
    return {r.get("Id", ""): r.get("Target", "") for r in root.iter(f"{{{_PKG_R}}}Relationship")
            if r.get("TargetMode") == "External"}


def _numbering(root: Any) -> dict[tuple[str, str], str]:
    """(numId, level) -> the number format of that level (bullet, decimal…)."""
    if root is None:
        return {}
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


def _styles(root: Any) -> dict[str, tuple[str, str | None, str | None]]:
    """styleId -> (name, numId, ilvl) of the paragraph styles, numbering taken from base styles."""
    if root is None:
        return {}
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
