"""Pictures of the pages of built PDFs, for a person or a test to look at: `jhareport preview`."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from .package import write_atomically

__all__ = ["PreviewError", "preview"]

INSTALL_HINT = "install it with `apt-get install --no-install-recommends poppler-utils`"


class PreviewError(Exception):
    """Pages that cannot be pictured: no PDF, or no pdftoppm."""


def preview(folder: str | Path, *, resolution: int = 60, first: int = 1, last: int | None = None,
            out: str | Path | None = None, timeout: float = 120) -> list[Path]:
    """Render the pages of every PDF in `folder` to PNG files `<stem>-<page>.png` in `out`
    (`folder`/preview by default), at `resolution` dots per inch, from page `first` to `last`
    (the last page when None). The pictures written, in order."""
    source = Path(folder)
    if not source.is_dir():
        raise PreviewError(f"{source}: no such folder")
    pdfs = sorted(source.glob("*.pdf"))
    if not pdfs:
        raise PreviewError(f"{source}: no PDF to preview (build with --pdf first)")
    program = shutil.which("pdftoppm")
    if program is None:
        raise PreviewError(f"pdftoppm is needed to preview pages: {INSTALL_HINT}")
    if resolution < 10 or resolution > 600:
        raise PreviewError(f"a resolution of {resolution} dpi is out of range (10 to 600)")
    target = Path(out) if out is not None else source / "preview"
    pictures: dict[Path, bytes] = {}
    with tempfile.TemporaryDirectory(prefix="jhareport-preview-") as temporary:
        for pdf in pdfs:
            command = [program, "-png", "-r", str(resolution), "-f", str(first)]
            if last is not None:
                command += ["-l", str(last)]
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
    write_atomically(pictures)
    return list(pictures)
