"""Pictures of the pages of built PDFs, for a person or a test to look at: `jhareport preview`."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import InputError
from ..files import folder_problem, write_atomically

__all__ = ["PreviewError", "preview"]

INSTALL_HINT = ("install poppler: `sudo apt-get install poppler-utils` (Debian, Ubuntu), "
                "`brew install poppler` (macOS), `conda install -c conda-forge poppler` (Windows)")


class PreviewError(InputError):
    """Pages that cannot be pictured: no PDF, or no pdftoppm."""


def preview(folder: str | Path, *, resolution: int = 60, first: int = 1, last: int | None = None,
            out: str | Path | None = None, timeout: float = 120) -> list[Path]:
    """Render the pages of every PDF in `folder` to PNG files `<stem>-<page>.png` in `out`
    (`folder`/preview by default), at `resolution` dots per inch, from page `first` to `last`
    (the last page when None). The pictures written, in order."""
    if resolution < 10 or resolution > 600:
        raise PreviewError(f"a resolution of {resolution} dpi is out of range (10 to 600)")
    if first < 1 or (last is not None and last < first):
        raise PreviewError(f"pages {first} to {last} are no range of pages")
    source = Path(folder)
    unfit = folder_problem(source, "a folder of PDFs")
    if unfit:
        raise PreviewError(f"{source}: {unfit}")
    pdfs = sorted(source.glob("*.pdf"))
    if not pdfs:
        raise PreviewError(f"{source}: no PDF to preview (build with --pdf first)")
    program = shutil.which("pdftoppm")
    if program is None:
        raise PreviewError(f"pdftoppm is needed to preview pages: {INSTALL_HINT}")
    target = Path(out) if out is not None else source / "preview"
    pictures: dict[Path, bytes] = {}
    with tempfile.TemporaryDirectory(prefix="jhareport-preview-") as temporary:
        for pdf in pdfs:
            pages = _page_count(pdf, timeout)
            if first > pages:
                continue  # a shorter document: none of its pages is asked for
            end = pages if last is None else min(last, pages)
            command = [program, "-png", "-r", str(resolution), "-f", str(first), "-l", str(end)]
            prefix = Path(temporary) / pdf.stem
            try:
                done = subprocess.run([*command, str(pdf), str(prefix)], capture_output=True,
                                      text=True, timeout=timeout, check=False)
            except subprocess.TimeoutExpired:
                raise PreviewError(f"{pdf}: pdftoppm took longer than {timeout:g} s") from None
            if done.returncode != 0:
                raise PreviewError(f"{pdf}: pdftoppm failed: {done.stderr.strip()}")
            for page in sorted(Path(temporary).glob(f"{pdf.stem}-*.png")):
                number = int(page.stem.rsplit("-", 1)[1])
                pictures[target / f"{pdf.stem}-{number}.png"] = page.read_bytes()
    if not pictures:
        raise PreviewError(f"{source}: no PDF there has a page {first}")
    write_atomically(pictures)
    return list(pictures)


def _page_count(pdf: Path, timeout: float) -> int:
    program = shutil.which("pdfinfo")
    if program is None:
        raise PreviewError(f"pdfinfo is needed to preview pages: {INSTALL_HINT}")
    try:
        done = subprocess.run([program, str(pdf)], capture_output=True, text=True,
                              timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise PreviewError(f"{pdf}: pdfinfo took longer than {timeout:g} s") from None
    found = re.search(r"^Pages:\s+(\d+)", done.stdout, re.MULTILINE)
    if done.returncode != 0 or found is None:
        raise PreviewError(f"{pdf}: not a readable PDF ({done.stderr.strip()})")
    return int(found.group(1))
