"""Pictures of a template that a screen reader cannot describe: no alternative text.

A picture an agency puts in a template's body or footnotes (a logo on the cover, a photo, a
diagram) becomes a /Figure of the PDF, which PDF/UA-1 (ISO 14289-1, 7.3) requires to carry an
alternative text: Word's "Alt Text" (the drawing's description, or its title). Pictures in headers
and footers are left alone: the PDF marks headers and footers as artifacts, which screen readers
skip, as they should skip a logo repeated on every page. Text boxes and shapes are read by their
text, not described.
"""

from __future__ import annotations

from ..word.text import Drawing

__all__ = ["picture_problem"]

# Drawings that show a picture, and need words for it.
_DESCRIBED = ("picture", "chart", "diagram")


def picture_problem(drawing: Drawing) -> str | None:
    """What is wrong with a drawing of the body or footnotes for a screen reader, if anything."""
    if drawing.kind not in _DESCRIBED or drawing.alt:
        return None
    name = f"the {drawing.kind} “{drawing.name}”" if drawing.name else f"a {drawing.kind}"
    if drawing.decorative:
        return (f"{name} is marked decorative, but LibreOffice's PDF still shows it to screen "
                "readers as a figure: give it an alternative text (Word: right click, View Alt "
                "Text), or move it to the header or footer")
    return (f"{name} has no alternative text, so a screen reader cannot say what it shows: add "
            "one (Word: right click, View Alt Text)")
