"""Refresh and export Word documents in a running LibreOffice, driven over UNO.

Run by a Python that can `import uno` (Debian's /usr/bin/python3 with python3-uno), not by the
project's interpreter: `jhareport.office.pdf` starts it as a subprocess. The job comes as JSON on
standard input::

    {"pipe": "<pipe name soffice listens on>", "connect_timeout": 60,
     "documents": [{"source": "/abs/in.docx", "pdf": "/abs/out.pdf", "docx": "/abs/out.docx"}],
     "fonts": "/abs/fonts.json"}

First the font families LibreOffice has are written to "fonts" (a JSON list), so that the caller
can tell whether the documents' fonts are among them.

For each document: load it hidden, update every index (tables of contents) twice — the second
pass sees the pages as they are once the first has filled the table — refresh the fields, then
store it as PDF and, when the job names a .docx for it ("docx" may be null), again as .docx.
Progress goes to standard error; the exit status is 0 when every document was written, 1
otherwise, with the reason on standard error. At the end the office is asked to terminate (the
caller kills it anyway if it lingers).

Only the standard library and uno are used, so this file runs under any Python 3 that LibreOffice
ships with.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import sys
import time
from typing import Any

INDEX_PASSES = 2


_STARTED = time.monotonic()


_CHART_CLSID = "12dcae26-281f-416f-a234-c3086127382e"  # a chart object of LibreOffice


def _log(message: str) -> None:
    print(f"uno-refresh [{time.monotonic() - _STARTED:.2f} s]: {message}", file=sys.stderr, flush=True)


def _property(uno: Any, name: str, value: Any) -> Any:
    prop = uno.createUnoStruct("com.sun.star.beans.PropertyValue")
    prop.Name = name
    prop.Value = value
    return prop


def _connect(uno: Any, pipe: str, timeout: float) -> Any:
    """The office's component context, once soffice accepts connections on `pipe` (it takes a
    while to start)."""
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    url = f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext"
    deadline = time.monotonic() + timeout
    while True:
        try:
            context = resolver.resolve(url)
            break
        except Exception as error:  # NoConnectException while soffice starts up
            if time.monotonic() >= deadline:
                raise RuntimeError(f"could not connect to LibreOffice on pipe {pipe} within "
                                   f"{timeout:g} s: {error}") from error
            time.sleep(0.05)  # asked often: the conversion starts as soon as soffice is up
    return context


def _font_families(context: Any) -> list[str]:
    """The font families LibreOffice can set text in (its own and the system's)."""
    toolkit = context.ServiceManager.createInstanceWithContext("com.sun.star.awt.Toolkit", context)
    device = toolkit.createScreenCompatibleDevice(1, 1)
    return sorted({str(font.Name) for font in device.getFontDescriptors()})


def _refresh(document: Any) -> int:
    """Update every index and field of `document`; the number of indexes."""
    indexes = document.getDocumentIndexes()
    count = int(indexes.getCount())
    for _ in range(INDEX_PASSES):
        document.getTextFields().refresh()
        document.refresh()
        for i in range(count):
            indexes.getByIndex(i).update()
    document.getTextFields().refresh()
    document.refresh()
    return count


def _describe_charts(document: Any, charts: list[list[str]]) -> None:
    """Give the document's charts, in order, their titles and alternative texts: LibreOffice
    drops a Word chart's on import, and the PDF's figure takes its text from them (joined as it
    joins a picture's)."""
    objects = document.getEmbeddedObjects()
    found = [objects.getByName(name) for name in objects.getElementNames()]
    found = [o for o in found if str(getattr(o, "CLSID", "")).lower() == _CHART_CLSID]
    if len(found) != len(charts):
        _log(f"{len(found)} charts found, {len(charts)} described: left as they are")
        return
    for frame, (title, description) in zip(found, charts, strict=True):
        frame.Title = title
        frame.Description = description


def _convert(uno: Any, desktop: Any, source: str, pdf: str, docx: str | None,
             charts: list[list[str]]) -> None:
    to_url = uno.systemPathToFileUrl
    document = desktop.loadComponentFromURL(to_url(source), "_blank", 0, (
        _property(uno, "Hidden", True),
        _property(uno, "ReadOnly", False),
        _property(uno, "UpdateDocMode", 0),  # com.sun.star.document.UpdateDocMode.NO_UPDATE (links)
    ))
    if document is None:
        raise RuntimeError(f"LibreOffice could not open {os.path.basename(source)}")
    try:
        count = _refresh(document)
        if charts:
            _describe_charts(document, charts)
        # PDF/UA-1 (ISO 14289-1): tagged (headings, lists, tables with header cells, pictures
        # with their alternative texts, headers and footers as artifacts), the conformance
        # declared in XMP metadata, the title shown in the title bar; bookmarks follow headings.
        settings = uno.Any("[]com.sun.star.beans.PropertyValue", (
            _property(uno, "PDFUACompliance", True),
            _property(uno, "UseTaggedPDF", True),
            _property(uno, "DisplayPDFDocumentTitle", True),
            _property(uno, "ExportBookmarks", True),
        ))
        document.storeToURL(to_url(pdf), (_property(uno, "FilterName", "writer_pdf_Export"),
                                          _property(uno, "FilterData", settings)))
        if docx:  # only a document whose table of contents the caller takes back
            document.storeToURL(to_url(docx), (
                _property(uno, "FilterName", "MS Word 2007 XML"),
                _property(uno, "Overwrite", True),
            ))
        _log(f"{os.path.basename(source)}: {count} index(es) updated, PDF"
             f"{' and .docx' if docx else ''} written")
    finally:
        document.close(True)


def main() -> int:
    job = json.load(sys.stdin)
    try:
        uno = importlib.import_module("uno")
    except ImportError as error:
        _log(f"this Python ({sys.executable}) cannot import uno: {error}")
        return 1
    try:
        context = _connect(uno, job["pipe"], float(job.get("connect_timeout", 60)))
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop",
                                                                   context)
        _log("connected to LibreOffice")
    except Exception as error:
        _log(str(error))
        return 1
    if job.get("fonts"):
        try:
            families = _font_families(context)
            with open(job["fonts"], "w", encoding="utf-8") as out:
                json.dump(families, out)
            _log(f"{len(families)} font families")
        except Exception as error:  # the caller then cannot tell, and says nothing of fonts
            _log(f"the font families could not be listed: {type(error).__name__}: {error}")
    status = 0
    try:
        for item in job["documents"]:
            try:
                _convert(uno, desktop, item["source"], item["pdf"], item["docx"],
                         item.get("charts", []))
            except Exception as error:
                _log(f"{os.path.basename(item['source'])}: {type(error).__name__}: {error}")
                status = 1
                break
    finally:
        with contextlib.suppress(Exception):  # the bridge goes away while the office shuts down
            desktop.terminate()
    return status


if __name__ == "__main__":
    status = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # Without the interpreter's teardown: once the office has gone, pyuno may crash while freeing
    # its proxies, which would turn a finished conversion into a failed one.
    os._exit(status)
