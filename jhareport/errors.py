"""The one exception every refusal of the user's input derives from.

`load_year`, `build`, the template tools, `preview` and the contributions each raise their own
documented exception (LoadError, BuildError, TemplateReadError…); all of them are InputErrors, so
that a script, or the command, may catch them together and show the message, which names the
file and the place.
"""

from __future__ import annotations

__all__ = ["InputError"]


class InputError(Exception):
    """Input jhareport refuses: fixtures, records, templates, folders or forms; the message says
    what is wrong and where."""
