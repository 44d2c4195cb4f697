"""PDF copies of the built documents, made by LibreOffice headless, and tables of contents with pages.

`convert` uses one `soffice` with a throw-away profile (started by `start_session` while the
documents are still being made, or by `convert` itself), and drives it from `_uno_refresh.py` run by
a Python that can `import uno` (Debian's /usr/bin/python3 with python3-uno, usually not the project's
interpreter). Every document is loaded, its tables of contents and fields are refreshed, and it is
stored as PDF and again as .docx. LibreOffice's .docx changes styles, so it is not kept: `splice_toc`
takes only the entries of its refreshed table of contents (text and page numbers) and writes them
into the result of the TOC field of our own document, changing nothing else.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import io
import json
import os
import re
import signal
import subprocess
import tempfile
import time
import uuid
import zipfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from attrs import frozen
from lxml import etree

from ..files import write_atomically
from . import discovery
from .discovery import OfficeTools

__all__ = [
    "STANDARD_STRUCTURE_TYPES",
    "ConvertResult",
    "ConvertedDocument",
    "OfficeTools",
    "PdfError",
    "Session",
    "TocEntry",
    "convert",
    "find_office",
    "has_toc",
    "normalise_pdf",
    "splice_toc",
    "start_session",
    "tagging_safe",
    "toc_entries",
]

_SCRIPT = Path(__file__).with_name("_uno_refresh.py")
_SHUTDOWN_GRACE = 10.0
_PROBE_TIMEOUT = 20.0

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{_W_NS}}}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_DOCUMENT = "word/document.xml"
_STYLES = "word/styles.xml"
_TOC_STYLE = re.compile(r"^(?:toc|contents)\s*(\d+)$", re.IGNORECASE)
_DEFAULT_TEXT_WIDTH = 9026  # twentieths of a point: A4 with 1-inch margins


class PdfError(Exception):
    """PDF output that cannot be made: LibreOffice missing, failing or too slow, or a document
    whose table of contents cannot be found."""


@frozen
class ConvertedDocument:
    """One converted document: the PDF written, and the .docx as LibreOffice re-saved it after
    refreshing its table of contents and fields (for `splice_toc`; not written anywhere; empty
    for a document without a table of contents)."""

    source: Path
    pdf_path: Path
    pdf: bytes
    refreshed_docx: bytes


@frozen
class ConvertResult:
    """The converted documents, in the order given, how long LibreOffice took (start to stop),
    what the UNO script reported on the way (one line per step, with times), and the font
    families LibreOffice had to set them in."""

    documents: tuple[ConvertedDocument, ...]
    seconds: float
    log: str = ""
    fonts: tuple[str, ...] | None = None  # the font families LibreOffice had; None: unknown

    def __getitem__(self, source: Path | str) -> ConvertedDocument:
        """The converted document of `source` (a path given to `convert`, or its file name)."""
        for document in self.documents:
            if Path(source) == document.source or str(source) == document.source.name:
                return document
        raise KeyError(source)


@frozen
class TocEntry:
    """One line of a table of contents: level 1 for a top-level heading, its text, its page."""

    level: int
    text: str
    page: str


# --- tagging ---------------------------------------------------------------------------------

# The standard structure types of ISO 32000-1, 14.8.4, which PDF/UA-1 requires to keep their meaning.
STANDARD_STRUCTURE_TYPES = frozenset({
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
    "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl", "LBody",
    "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note", "Reference",
    "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT", "WP", "Figure",
    "Formula", "Form",
})


_CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def chart_descriptions(docx: bytes) -> list[list[str]]:
    """The title and alternative text of each chart of the document's body, in order (none for a
    file that is no Word package: LibreOffice says what it makes of it)."""
    try:
        document = _parts(docx, _DOCUMENT)[0]
    except PdfError:
        return []
    if document is None or _CHART_URI.encode() not in document:
        return []
    root = etree.fromstring(document)
    described = []
    for frame in root.iter(f"{{{_WP}}}inline", f"{{{_WP}}}anchor"):
        data = frame.find(f".//{{{_A}}}graphicData")
        if data is not None and data.get("uri") == _CHART_URI:
            properties = frame.find(f"{{{_WP}}}docPr")
            names = properties.attrib if properties is not None else {}
            described.append([names.get("title", ""), names.get("descr", "")])
    return described


def tagging_safe(docx: bytes) -> bytes:
    """The document with its styles renamed where LibreOffice would take their names for PDF tags
    of another meaning.

    LibreOffice tags a paragraph with its style's name (mapped to /P in the role map), so a
    paragraph in a style named "Figure" (the one that holds a chart) or "Quote" became a /Figure
    without alternative text, or a /Quote: a screen reader announces a picture that is not there.
    Such styles get a name that is no structure type ("Figure style"); styles are referred to by
    their ids, so nothing else changes. Used on the copy LibreOffice converts, not on the output;
    what is no Word document is left as it is, for LibreOffice to open or refuse."""
    try:
        (styles,) = _parts(docx, _STYLES)
    except PdfError:
        return docx
    if styles is None:
        return docx
    root = etree.fromstring(styles)
    names = {name.get(_w("val")) for name in root.iter(_w("name"))}
    renamed = False
    for style in root.iter(_w("style")):
        name = style.find(_w("name"))
        value = name.get(_w("val")) if name is not None else None
        if name is None or value not in STANDARD_STRUCTURE_TYPES:
            continue
        new = f"{value} style"
        while new in names:
            new += " style"
        name.set(_w("val"), new)
        names.add(new)
        renamed = True
    if not renamed:
        return docx
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return _copy_package(docx, {_STYLES: xml})


# --- finding LibreOffice ----------------------------------------------------------------------


def find_office() -> OfficeTools:
    """LibreOffice's `soffice` and a Python able to `import uno` (see `discovery`), or PdfError
    saying what to install. Quick (no conversion): call it before building so a missing
    LibreOffice fails at once."""
    try:
        return discovery.find_office()
    except discovery.OfficeNotFound as error:
        raise PdfError(str(error)) from None


# --- converting -------------------------------------------------------------------------------


def _stop(process: subprocess.Popen[bytes], grace: float) -> None:
    """End soffice: it was asked to terminate; after `grace` seconds its process group (soffice
    starts soffice.bin) is sent SIGTERM, then SIGKILL (on Windows, its tree is ended)."""
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=grace)
    # Windows has no process groups: soffice.exe's tree (soffice.bin) is ended with it.
    if os.name == "nt" and process.poll() is None:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            subprocess.run(["taskkill", "/F", "/T", "/PID", str(process.pid)],
                           capture_output=True, timeout=10, check=False)
    for sig in (() if os.name == "nt" else (signal.SIGTERM, signal.SIGKILL)):
        try:
            os.killpg(process.pid, sig)  # start_new_session: the group id is soffice's pid
        except (ProcessLookupError, PermissionError):
            break
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            continue
    if process.poll() is None:
        process.kill()
        process.wait()


def _tail(path: Path, lines: int = 15) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    kept = [line for line in text.splitlines() if line.strip() and "javaldx" not in line]
    return "\n".join(kept[-lines:])


def _check_documents(documents: Sequence[Path]) -> list[Path]:
    paths = [Path(document) for document in documents]
    problems = [f"{path}: no such file" for path in paths if not path.is_file()]
    stems: dict[str, Path] = {}
    for path in paths:
        if path.stem in stems:
            problems.append(f"{path} and {stems[path.stem]} would both give {path.stem}.pdf")
        stems.setdefault(path.stem, path)
    if problems:
        raise PdfError("cannot convert to PDF: " + "; ".join(problems))
    return paths


class Session:
    """One LibreOffice (soffice) with its own throw-away profile and pipe, started before the
    documents it converts are made, so that its start overlaps their making. It serves one
    `convert`, which ends it; `close` ends it whatever happened (idempotent)."""

    def __init__(self, office: OfficeTools) -> None:
        self.office = office
        self._temporary = tempfile.TemporaryDirectory(prefix="jhareport-office-",
                                                      ignore_cleanup_errors=True)
        work = Path(self._temporary.name)
        self.pipe = f"jhareport-{os.getpid()}-{uuid.uuid4().hex}"
        self.log = work / "soffice.log"
        profile = work / "profile"
        with open(self.log, "wb") as soffice_out:
            self.process = subprocess.Popen(
                [str(office.soffice), f"-env:UserInstallation={profile.as_uri()}",
                 f"--accept=pipe,name={self.pipe};urp;", "--headless", "--invisible", "--nologo",
                 "--norestore", "--nodefault"],
                stdin=subprocess.DEVNULL, stdout=soffice_out, stderr=subprocess.STDOUT,
                start_new_session=os.name != "nt")
        self._closed = False

    def stop(self) -> None:
        """End soffice at once: every file it was to write is written, or the conversion
        failed. Its output stays in `log` until `close`."""
        if self.process.returncode is None:
            _stop(self.process, grace=0)

    def close(self) -> None:
        """End soffice and remove its profile and log."""
        if self._closed:
            return
        self._closed = True
        self.stop()
        self._temporary.cleanup()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def start_session(office: OfficeTools) -> Session:
    """LibreOffice started for a `convert` to come (PdfError when it cannot be started)."""
    try:
        return Session(office)
    except OSError as error:
        raise PdfError(f"cannot start LibreOffice ({office.soffice}): {error}") from None


def convert(documents: Sequence[Path], out_dir: Path, *, timeout: float = 120,
            office: OfficeTools | None = None, session: Session | None = None) -> ConvertResult:
    """Convert each .docx of `documents` to `<stem>.pdf` in `out_dir`, refreshing its tables of
    contents and fields first, all in one LibreOffice session bounded by `timeout` seconds: the
    `session` started beforehand (`start_session`), or one started here.

    The PDFs are written only when every document converted (all or none). LibreOffice runs with
    its own throw-away profile and pipe, so conversions may run in parallel; it is stopped and its
    profile removed whatever happens."""
    try:
        paths = _check_documents(documents)
        if not paths:
            return ConvertResult(documents=(), seconds=0.0)
        if session is None:
            session = start_session(office or find_office())
        return _convert(paths, Path(out_dir), timeout, session)
    finally:
        if session is not None:
            session.close()


def _convert(paths: list[Path], out_dir: Path, timeout: float, session: Session) -> ConvertResult:
    started = time.monotonic()
    deadline = started + timeout
    names = ", ".join(path.name for path in paths)
    with tempfile.TemporaryDirectory(prefix="jhareport-pdf-", ignore_cleanup_errors=True) as temporary:
        work = Path(temporary)
        (work / "in").mkdir()
        (work / "out").mkdir()
        jobs: list[dict[str, Any]] = []
        for path in paths:
            source = work / "in" / path.name  # a copy: no lock file beside the caller's document
            data = path.read_bytes()
            source.write_bytes(tagging_safe(data))
            jobs.append({"source": str(source), "pdf": str(work / "out" / f"{path.stem}.pdf"),
                         "docx": str(work / "out" / f"{path.stem}.docx") if _toc(data) else None,
                         "charts": chart_descriptions(data)})
        job = {"pipe": session.pipe, "connect_timeout": max(timeout, 1.0), "documents": jobs,
               "fonts": str(work / "fonts.json")}
        (work / "job.json").write_text(json.dumps(job), encoding="utf-8")
        script_log = work / "script.log"
        try:
            status = _run_script(session.office, work / "job.json", script_log, session.process,
                                 deadline)
        finally:
            # Every file is written (or the conversion failed): soffice, asked to terminate, is
            # not waited for but ended at once, with its throw-away profile.
            session.stop()
            soffice_log = work / "soffice.log"
            with contextlib.suppress(OSError):
                soffice_log.write_bytes(session.log.read_bytes())
            session.close()
        if status is None:
            raise PdfError(f"LibreOffice did not convert {names} within the time limit of {timeout:g} s; "
                           "no PDF was written")
        if status != 0:
            details = "\n".join(part for part in (_tail(script_log), _tail(soffice_log)) if part)
            raise PdfError(f"LibreOffice could not convert {names} to PDF (status {status})"
                           + (f":\n{details}" if details else ""))
        converted: list[ConvertedDocument] = []
        for path, item in zip(paths, jobs, strict=True):
            pdf, docx = Path(item["pdf"]), Path(item["docx"] or item["pdf"])
            if not pdf.is_file() or not docx.is_file():
                raise PdfError(f"LibreOffice reported success but wrote no PDF for {path.name}")
            converted.append(ConvertedDocument(source=path, pdf_path=Path(out_dir) / pdf.name,
                                               pdf=pdf.read_bytes(),
                                               refreshed_docx=docx.read_bytes() if item["docx"] else b""))
        log = _tail(script_log, lines=1000)
        fonts = _font_families(work / "fonts.json")
    write_atomically({document.pdf_path: document.pdf for document in converted})
    return ConvertResult(documents=tuple(converted), seconds=time.monotonic() - started, log=log,
                         fonts=fonts)


def _font_families(path: Path) -> tuple[str, ...] | None:
    """The font families the UNO script listed, or None when it could not."""
    try:
        families = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(families, list):
        return None
    return tuple(str(family) for family in families)


def _toc(docx: bytes) -> bool:
    """Whether LibreOffice's refreshed .docx is wanted back: for a table of contents (a file
    that is no Word package goes to LibreOffice as it is, which says what it makes of it)."""
    try:
        return has_toc(docx)
    except PdfError:
        return False


def _run_script(office: OfficeTools, job: Path, log: Path, soffice: subprocess.Popen[bytes],
                deadline: float) -> int | None:
    """Run `_uno_refresh.py` against the started soffice; its exit status, or None on timeout."""
    with open(job, "rb") as stdin, open(log, "wb") as output:
        script = subprocess.Popen([str(office.python), *office.python_options, str(_SCRIPT)], stdin=stdin,
                                  stdout=output, stderr=subprocess.STDOUT)
    try:
        soffice_gone: float | None = None
        while True:
            try:
                return script.wait(timeout=0.1)
            except subprocess.TimeoutExpired:
                pass
            now = time.monotonic()
            if now >= deadline:
                return None
            if soffice.poll() is not None:
                # soffice exits once asked to terminate; if it died while the script still waits
                # for it, give the script a moment, then report the failure.
                soffice_gone = soffice_gone or now
                if now - soffice_gone > 5:
                    with open(log, "ab") as output:
                        output.write(f"soffice exited with status {soffice.returncode}\n".encode())
                    return 1
    finally:
        if script.poll() is None:
            script.kill()
            script.wait()


# --- the table of contents --------------------------------------------------------------------


def _w(name: str) -> str:
    return f"{_W}{name}"


def _parts(docx: bytes, *names: str) -> list[bytes | None]:
    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as package:
            present = set(package.namelist())
            return [package.read(name) if name in present else None for name in names]
    except zipfile.BadZipFile as error:
        raise PdfError(f"not a Word document: {error}") from error


def _toc_style_ids(styles: bytes | None) -> dict[str, int]:
    """Paragraph style id -> TOC level, from the styles' names ("toc 1", "TOC 2", "Contents 3")."""
    levels: dict[str, int] = {}
    if styles is None:
        return levels
    for style in etree.fromstring(styles).iter(_w("style")):
        if style.get(_w("type")) != "paragraph":
            continue
        style_id = style.get(_w("styleId")) or ""
        name = style.find(_w("name"))
        label = name.get(_w("val")) if name is not None else style_id
        match = _TOC_STYLE.match(label or "") or _TOC_STYLE.match(style_id)
        if match:
            levels[style_id] = int(match.group(1))
    return levels


@frozen
class _Field:
    begin: Any
    separate: Any
    end: Any
    instruction: str


def _toc_field(root: Any) -> _Field:
    """The first complete TOC field (fldChar begin, instrText "TOC …", separate, end) of a body."""
    stack: list[dict[str, Any]] = []
    for element in root.iter(_w("fldChar"), _w("instrText")):
        if element.tag == _w("instrText"):
            if stack:
                stack[-1]["instruction"] += element.text or ""
            continue
        kind = element.get(_w("fldCharType"))
        if kind == "begin":
            stack.append({"begin": element, "separate": None, "instruction": ""})
        elif kind == "separate" and stack:
            stack[-1]["separate"] = element
        elif kind == "end" and stack:
            field = stack.pop()
            words = field["instruction"].split()
            if words and words[0].upper() == "TOC" and field["separate"] is not None:
                return _Field(begin=field["begin"], separate=field["separate"], end=element,
                              instruction=field["instruction"])
    raise PdfError("the document has no complete table of contents field (TOC with begin, separate, end)")


def _ancestor(element: Any, tag: str) -> Any:
    node = element
    while node is not None and node.tag != tag:
        node = node.getparent()
    if node is None:
        raise PdfError(f"a table of contents field outside a {tag}")
    return node


def _entry_from(paragraph: Any, after: Any | None, before: Any | None,
                levels: dict[str, int]) -> TocEntry | None:
    """The entry a TOC result paragraph shows: its text after `after` and before `before`."""
    started = after is None
    pieces: list[str] = []
    for element in paragraph.iter():
        if element is after:
            started = True
            continue
        if element is before:
            break
        if not started:
            continue
        if element.tag == _w("t"):
            pieces.append(element.text or "")
        elif element.tag == _w("tab") and element.getparent().tag == _w("r"):
            pieces.append("\t")
    text = "".join(pieces)
    if not text.strip():
        return None
    head, tab, page = text.rpartition("\t")
    if not tab:
        head, page = text, ""
    style = paragraph.find(f"{_w('pPr')}/{_w('pStyle')}")
    level = levels.get(style.get(_w("val")) if style is not None else "", 1)
    return TocEntry(level=level, text=head.strip(), page=page.strip())


def has_toc(docx: bytes) -> bool:
    """Whether the .docx has a table of contents field."""
    document = _parts(docx, _DOCUMENT)[0]
    if document is None:
        return False
    try:
        _toc_field(etree.fromstring(document))
    except PdfError:
        return False
    return True


def toc_entries(docx: bytes) -> list[TocEntry]:
    """The entries of the first table of contents of a .docx, as its TOC field's result shows them
    (for LibreOffice's re-saved documents: the refreshed text and page numbers)."""
    document, styles = _parts(docx, _DOCUMENT, _STYLES)
    if document is None:
        raise PdfError(f"not a Word document: no {_DOCUMENT}")
    root = etree.fromstring(document)
    field = _toc_field(root)
    levels = _toc_style_ids(styles)
    first = _ancestor(field.separate, _w("p"))
    last = _ancestor(field.end, _w("p"))
    entries: list[TocEntry] = []
    inside = False
    for paragraph in root.iter(_w("p")):
        if paragraph is first:
            inside = True
        if inside:
            entry = _entry_from(paragraph, field.separate if paragraph is first else None,
                                field.end if paragraph is last else None, levels)
            if entry is not None:
                entries.append(entry)
        if paragraph is last:
            break
    return entries


def _text_width(root: Any, paragraph: Any) -> int | None:
    """The width between the margins of the section holding `paragraph`, in twentieths of a point."""
    seen = False
    for element in root.iter():
        if element is paragraph:
            seen = True
        elif seen and element.tag == _w("sectPr"):
            size, margins = element.find(_w("pgSz")), element.find(_w("pgMar"))
            try:
                width = int(size.get(_w("w")))
                left, right = int(margins.get(_w("left"))), int(margins.get(_w("right")))
                gutter = int(margins.get(_w("gutter")) or 0)
            except (AttributeError, TypeError, ValueError):
                return None
            return width - left - right - gutter
    return None


def _sub(parent: Any, name: str, **attributes: str) -> Any:
    element = etree.SubElement(parent, _w(name))
    for key, value in attributes.items():
        element.set(_w(key), value)
    return element


def _entry_paragraph(entry: TocEntry, style_ids: dict[int, str], tab_position: int) -> Any:
    paragraph = etree.Element(_w("p"), nsmap={"w": _W_NS})
    properties = _sub(paragraph, "pPr")
    if entry.level in style_ids:
        _sub(properties, "pStyle", val=style_ids[entry.level])
    tabs = _sub(properties, "tabs")
    _sub(tabs, "tab", val="right", leader="dot", pos=str(tab_position))
    if entry.level not in style_ids:
        _sub(properties, "ind", left=str(220 * (entry.level - 1)))
    run = _sub(paragraph, "r")
    for i, piece in enumerate(entry.text.split("\t")):
        if i:
            _sub(run, "tab")
        if piece:
            _sub(run, "t").text = piece
            run[-1].set(_XML_SPACE, "preserve")
    if entry.page:
        _sub(run, "tab")
        _sub(run, "t").text = entry.page
    return paragraph


def _replace_toc_result(root: Any, entries: Sequence[TocEntry], style_ids: dict[int, str],
                        tab_position: int) -> None:
    field = _toc_field(root)
    begin_run, separate_run, end_run = (field.begin.getparent(), field.separate.getparent(),
                                        field.end.getparent())
    first = _ancestor(field.begin, _w("p"))
    last = _ancestor(field.end, _w("p"))
    if begin_run.getparent() is not first or separate_run.getparent() is not first:
        raise PdfError("the table of contents field must begin and separate in one paragraph")
    if end_run.getparent() is not last or first.getparent() is not last.getparent():
        raise PdfError("the table of contents field must end in a paragraph beside the one it begins in")
    children = list(first)
    start, stop = children.index(begin_run), children.index(separate_run)
    leading = [child for child in children[:start] if child.tag != _w("pPr")]
    head = children[start:stop + 1]
    trailing = list(last)[list(last).index(end_run) + 1:]
    paragraphs = [_entry_paragraph(entry, style_ids, tab_position) for entry in entries]
    if not paragraphs:
        empty = etree.Element(_w("p"), nsmap={"w": _W_NS})
        properties = first.find(_w("pPr"))
        if properties is not None:
            empty.append(copy.deepcopy(properties))
        paragraphs = [empty]
    opening, closing = paragraphs[0], paragraphs[-1]
    at = 1 if opening.find(_w("pPr")) is not None else 0
    for offset, child in enumerate([*leading, *head]):
        opening.insert(at + offset, child)
    closing.append(end_run)
    for child in trailing:
        closing.append(child)

    parent = first.getparent()
    siblings = list(parent)
    position = siblings.index(first)
    for old in siblings[position:siblings.index(last) + 1]:
        parent.remove(old)
    for offset, paragraph in enumerate(paragraphs):
        parent.insert(position + offset, paragraph)


def _refreshed_tab_position(refreshed_document: bytes | None) -> int | None:
    """The right tab LibreOffice gave the entries (the text width it laid them out on)."""
    if refreshed_document is None:
        return None
    root = etree.fromstring(refreshed_document)
    try:
        paragraph = _ancestor(_toc_field(root).separate, _w("p"))
    except PdfError:
        return None
    for tab in paragraph.iterfind(f"{_w('pPr')}/{_w('tabs')}/{_w('tab')}"):
        if tab.get(_w("val")) == "right" and (tab.get(_w("pos")) or "").lstrip("-").isdigit():
            return int(tab.get(_w("pos")))
    return None


def _copy_package(original: bytes, replaced: dict[str, bytes]) -> bytes:
    """`original` with the parts of `replaced` swapped in: entry order, dates and attributes kept."""
    target = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as source, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=item.date_time)
            info.compress_type = item.compress_type
            info.external_attr = item.external_attr
            info.internal_attr = item.internal_attr
            info.create_system = item.create_system
            info.comment = item.comment
            out.writestr(info, replaced.get(item.filename) or source.read(item.filename))
        out.comment = source.comment
    return target.getvalue()


def splice_toc(original: bytes, refreshed: bytes) -> bytes:
    """`original` with the result of its TOC field replaced by the entries of `refreshed`'s (the
    same document as LibreOffice re-saved it after updating its table of contents).

    Each entry becomes a paragraph in the original's own "toc N" style with "text<tab>page" and a
    right tab with a dot leader; the field's begin, instruction, separate and end stay, so Word can
    update it again. Only word/document.xml changes; the package keeps its entries' order and dates,
    so equal inputs give equal bytes."""
    entries = toc_entries(refreshed)
    (refreshed_document,) = _parts(refreshed, _DOCUMENT)
    document, styles = _parts(original, _DOCUMENT, _STYLES)
    if document is None:
        raise PdfError(f"not a Word document: no {_DOCUMENT}")
    root = etree.fromstring(document)
    style_ids: dict[int, str] = {}
    # "toc N" (Word's name) before "Contents N" (LibreOffice's), then by id, for a stable choice.
    ranked = sorted(_toc_style_ids(styles).items(), key=lambda item: (not item[0].lower().startswith("toc"),
                                                                       item[0]))
    for style_id, level in ranked:
        style_ids.setdefault(level, style_id)
    first = _ancestor(_toc_field(root).begin, _w("p"))
    width = _text_width(root, first) or _refreshed_tab_position(refreshed_document) or _DEFAULT_TEXT_WIDTH
    _replace_toc_result(root, entries, style_ids, width)
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return _copy_package(original, {_DOCUMENT: xml})


_CREATION = re.compile(rb"/(CreationDate|ModDate)\s*\(D:(\d{14})")
_XMP_DATE = re.compile(rb"<xmp:(CreateDate|ModifyDate|MetadataDate)>(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)")
_XMP_UUID = re.compile(rb"<xmpMM:(?:DocumentID|InstanceID)>uuid:([0-9a-fA-F-]{36})<")
_XMP_PACKET = re.compile(rb"(<\?xpacket begin=[^>]*\?>)(.*?)(<\?xpacket end=)", re.S)
_TWICE_ESCAPED = re.compile(rb"&amp;(amp|apos|quot|lt|gt);")
_CHECKSUM = re.compile(rb"/DocChecksum\s*/([0-9A-Fa-f]+)")
_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")


def _xmp_packet(match: re.Match[bytes]) -> bytes:
    """The XMP packet with the entities LibreOffice escapes twice ("Agencies&amp;apos; Network"
    in the description) escaped once, and as many spaces more in its padding: same length."""
    body = match.group(2)
    fixed = _TWICE_ESCAPED.sub(rb"&\1;", body)
    return match.group(1) + fixed + b" " * (len(body) - len(fixed)) + match.group(3)


def normalise_pdf(data: bytes, stamp: datetime) -> bytes:
    """The PDF with its dates set to `stamp` (in the document information and the XMP metadata)
    and its file identifier (and any XMP document id) drawn from its content, so that the same
    document gives the same bytes. Every replacement keeps its length, so the cross-reference
    offsets stay right."""
    digits = stamp.strftime("%Y%m%d%H%M%S").encode("ascii")
    data = _CREATION.sub(lambda m: m.group(0)[: -14] + digits, data)
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%S").encode("ascii")
    data = _XMP_DATE.sub(lambda m: m.group(0)[: -19] + iso, data)
    data = _XMP_PACKET.sub(_xmp_packet, data)
    blank = _XMP_UUID.sub(b"", _CHECKSUM.sub(b"", _ID.sub(b"/ID[]", data)))
    digest = hashlib.md5(blank, usedforsecurity=False).hexdigest().upper().encode("ascii")
    data = _CHECKSUM.sub(lambda m: m.group(0)[: m.start(1) - m.start(0)]
                         + (digest * 2)[: len(m.group(1))], data)
    uuid_text = b"-".join((digest * 2).lower()[a:b] for a, b in ((0, 8), (8, 12), (12, 16),
                                                                 (16, 20), (20, 32)))
    data = _XMP_UUID.sub(lambda m: m.group(0).replace(m.group(1), uuid_text), data)

    def identifier(match: re.Match[bytes]) -> bytes:
        text = match.group(0)
        for group in (1, 2):
            old = match.group(group)
            text = text.replace(old, (digest * 2)[: len(old)], 1)
        return text

    return _ID.sub(identifier, data)
