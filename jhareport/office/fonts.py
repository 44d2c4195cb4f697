"""Whether LibreOffice has the fonts the documents name, and what to install where it does not.

A PDF set in another font than the document names breaks its lines and pages elsewhere than Word
does (DejaVu Sans for Calibri: 34 pages instead of 29). LibreOffice takes a metric-compatible
font in place of a missing one (Carlito for Calibri: the same width for every letter), so the
pages come out as in Word when either is installed. `missing_fonts` compares the fonts named with
those LibreOffice reported having during the conversion; `font_warning` says which to install on
the system at hand.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

from attrs import frozen

__all__ = ["DEBIAN_PACKAGES", "SUBSTITUTES", "MissingFont", "font_warning", "missing_fonts"]

# The fonts Word documents name most, with their metric-compatible free twins.
SUBSTITUTES: dict[str, tuple[str, ...]] = {
    "Calibri": ("Carlito",),
    "Cambria": ("Caladea",),
    "Arial": ("Liberation Sans", "Arimo"),
    "Helvetica": ("Liberation Sans", "Arimo"),
    "Arial Narrow": ("Liberation Sans Narrow",),
    "Times New Roman": ("Liberation Serif", "Tinos"),
    "Courier New": ("Liberation Mono", "Cousine"),
}
# Debian's (and Ubuntu's) package of each twin.
DEBIAN_PACKAGES: dict[str, str] = {
    "Carlito": "fonts-crosextra-carlito",
    "Caladea": "fonts-crosextra-caladea",
    "Liberation Sans": "fonts-liberation",
    "Liberation Sans Narrow": "fonts-liberation",
    "Liberation Serif": "fonts-liberation",
    "Liberation Mono": "fonts-liberation",
}


@frozen
class MissingFont:
    """A font the documents name that LibreOffice has not, nor any twin of it."""

    font: str
    twins: tuple[str, ...]


def missing_fonts(named: Iterable[str], available: Iterable[str]) -> list[MissingFont]:
    """The fonts of `named` that LibreOffice, which has `available`, would replace by another
    of other widths: neither the font nor a metric-compatible twin is there."""
    have = {name.casefold() for name in available}
    missing = []
    for font in sorted(set(named)):
        twins = SUBSTITUTES.get(font, ())
        if font.casefold() not in have and not any(t.casefold() in have for t in twins):
            missing.append(MissingFont(font, twins))
    return missing


def font_warning(missing: MissingFont, platform: str = sys.platform) -> str:
    """What a build says of a missing font: what it does to the PDFs, and how to install the
    font or its twin on `platform` (sys.platform's names)."""
    font, twins = missing.font, missing.twins
    lacking = f"neither {font} nor {twins[0]}, its metric-compatible twin" if twins else f"no font {font}"
    effect = (f"the PDFs: LibreOffice has {lacking}, so it set their text in another font, whose "
              "lines and pages break otherwise than in Word (the page numbers of the contents "
              "stay true)")
    if not twins:
        how = {"win32": "right-click its font files: Install for all users",
               "darwin": "open its font files in Font Book"}.get(
                   platform, "copy its font files into ~/.local/share/fonts")
        return f"{effect}. Install {font} ({how}), then build again"
    twin = twins[0]
    if platform == "win32":
        how = (f"{font} (it comes with Windows and Microsoft Office) or {twin} (LibreOffice's "
               "installer from libreoffice.org brings it)")
    elif platform == "darwin":
        how = (f"{font} (it comes with Microsoft Office) or {twin} (LibreOffice's package from "
               f"libreoffice.org brings it; or `brew install --cask "
               f"font-{twin.lower().replace(' ', '-')}`)")
    else:
        package = DEBIAN_PACKAGES.get(twin)
        how = (f"{twin}: `sudo apt-get install {package}` (Debian, Ubuntu)" if package else
               f"{twin} (copy its font files into ~/.local/share/fonts)")
    return f"{effect}. Install {how}, then build again"
