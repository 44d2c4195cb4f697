"""What goes wrong with contributions, said with the form, the place and the entry, and kept short:
a returned form comes from outside, so a value it holds is never echoed whole."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from attrs import frozen

from ..errors import InputError

if TYPE_CHECKING:
    from .merge import Conflict

__all__ = ["MAX_MESSAGES", "ContributionError", "FormProblem", "FormReadError", "capped", "shown"]

MAX_MESSAGES = 20
"""The most problems shown for one form (or for the other files together); then "… and N more"."""
_MAX_MESSAGE = 300


def shown(value: object, length: int = 60) -> str:
    """A value quoted for a message, cut when long: 'Conference on …' (12,000,000 characters)."""
    text = " ".join(str(value).split())
    if len(text) <= length:
        return repr(text)
    return f"{text[: length - 1]!r}…({len(str(value)):,} characters)"


def _short(message: str) -> str:
    """A message of reasonable length, whatever it quotes."""
    message = re.sub(r"\S{80,}", lambda m: f"{m.group(0)[:60]}…({len(m.group(0)):,} characters)",
                     message)
    return message if len(message) <= _MAX_MESSAGE else f"{message[:_MAX_MESSAGE - 1]}…"


def capped(lines: Sequence[str], limit: int = MAX_MESSAGES) -> list[str]:
    """At most `limit` lines, then "… and N more"."""
    if len(lines) <= limit:
        return list(lines)
    return [*lines[:limit], f"… and {len(lines) - limit:,} more"]


class FormReadError(InputError):
    """A file that is not a contribution form jhareport will read: not a Word document, too
    large, damaged, hostile (DOCTYPE, entities, a zip bomb), or no form of the year. The
    message names the file and the place."""


@frozen
class FormProblem:
    """Something in a returned form that cannot go into the records, with its place."""

    form: str
    agency: str | None  # the agency's name of the year; None for a file that is no form
    message: str
    place: str | None = None
    entry: str | None = None

    def __str__(self) -> str:
        where = ", ".join(x for x in (self.form, self.place, self.entry) if x)
        return _short(f"{where}: {self.message}")


class ContributionError(InputError):
    """Returned forms that cannot be imported: every problem, grouped per agency (at most
    MAX_MESSAGES each), and the conflicts no `take` decided; nothing was written. `problems`
    and `conflicts` hold them all."""

    def __init__(self, problems: Sequence[FormProblem],
                 conflicts: Sequence[Conflict] = ()) -> None:
        self.problems = tuple(problems)
        self.conflicts = tuple(conflicts)
        lines: list[str] = []
        groups: dict[str, list[FormProblem]] = defaultdict(list)
        for problem in self.problems:
            groups[problem.agency or ""].append(problem)
        for agency, found in sorted(groups.items(), key=lambda item: (not item[0], item[0])):
            noun = "problem" if len(found) == 1 else "problems"
            lines.append(f"{agency or 'other files'}: {len(found):,} {noun}")
            lines.extend(f"  {line}" for line in capped([str(p) for p in found]))
        for conflict in self.conflicts:
            lines.append(str(conflict))
        skips = [f"--skip {shown_name(a)}" for a in sorted({p.agency for p in self.problems
                                                            if p.agency})]
        files = sorted({p.form for p in self.problems
                        if not p.agency and p.form.casefold().endswith(".docx")})
        skips += ([f"--skip {shown_name(f)}" for f in files] if len(files) <= 3
                  else [f"--skip FILE for each of the {len(files):,} files above"] if files else [])
        if self.problems or self.conflicts:
            lines.append("nothing was written")
        if skips:
            lines.append(f"mend the forms, or import the others meanwhile with {' '.join(skips)}")
        if self.conflicts:
            lines.append("decide each conflict with --take RECORD.ENTRY=AGENCY (or =year), or "
                         "all of one agency's with --take AGENCY")
        super().__init__("\n".join(lines))


def shown_name(name: str) -> str:
    """A name as typed on a command line: quoted when it has spaces."""
    return f"'{name}'" if re.search(r"\s", name) else name
