"""PDF copies of the built documents, made by LibreOffice headless, and tables of contents with pages.

`convert` uses one `soffice` with a throw-away profile (started by `start_session` while the
documents are still being made, or by `convert` itself), and drives it from `_uno_refresh.py` run by
a Python that can `import uno` (Debian's /usr/bin/python3 with python3-uno, usually not the project's
interpreter). Every document is loaded, its tables of contents and fields are refreshed, and it is
stored as PDF and again as .docx. LibreOffice's .docx changes styles, so it is not kept: `splice_toc`
takes only the entries of its refreshed table of contents (text and page numbers) and writes them
into the result of the TOC field of our own document, changing nothing else. What reads and writes
the documents' XML for this is the Word layer's (`jhareport.word.toc`, `jhareport.word.tagging`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import signal
import subprocess
import tempfile
import time
import uuid
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from attrs import frozen

from ..files import write_atomically
from ..word import toc as _word_toc
from ..word.tagging import STANDARD_STRUCTURE_TYPES, chart_descriptions, tagging_safe
from ..word.toc import TocEntry, TocError
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


def has_toc(docx: bytes) -> bool:
    """Whether the .docx has a table of contents field; PdfError for what is no Word document."""
    try:
        return _word_toc.has_toc(docx)
    except TocError as error:
        raise PdfError(str(error)) from None


def toc_entries(docx: bytes) -> list[TocEntry]:
    """The entries of the first table of contents of a .docx (`jhareport.word.toc`); PdfError
    when it has none."""
    try:
        return _word_toc.toc_entries(docx)
    except TocError as error:
        raise PdfError(str(error)) from None


def splice_toc(original: bytes, refreshed: bytes) -> bytes:
    """`original` with its table of contents given the entries and pages of `refreshed`, the
    same document as LibreOffice re-saved it (`jhareport.word.toc.splice_toc`); PdfError when
    either has no table of contents to read or replace."""
    try:
        return _word_toc.splice_toc(original, refreshed)
    except TocError as error:
        raise PdfError(str(error)) from None


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
