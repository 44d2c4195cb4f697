"""Returned forms in: what a returned form is, how large it may be, and which files of the
returned folder are read.

A returned form comes by e-mail: only regular files directly in the returned folder are read;
every other file is passed over, with the reason. Each is read as hostile input by the Word layer
(`jhareport.word.form_reading.read_form`), within the limits below.
"""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

from attrs import frozen

from ..agencies import Agency
from ..files import folder_problem
from ..template_tools.package_check import Limits
from .base import FORM_NAMESPACE
from .entries import Entries
from .problems import FormReadError, shown

__all__ = ["FORM_LIMITS", "FORM_NAMESPACE", "MAX_CONTROLS", "MAX_FILES", "MAX_FORM_TEXT",
           "MAX_ROWS", "MAX_TEXT", "FormRow", "PassedOver", "ReturnedForm",
           "returned_files"]

FORM_LIMITS = Limits(what="a form", package=16 * 1024 * 1024, entry=32 * 1024 * 1024,
                     total=64 * 1024 * 1024, entries=1_000, ratio=100, follow_links=False)
"""How large a returned form may be: a form of the 2019 scorecard takes 60 KB."""
MAX_ROWS = 2_000
"""The most table rows a form may hold (the largest 2019 form has 200)."""
MAX_CONTROLS = 40_000
"""The most content controls (drop-down lists, check boxes) a form may hold."""
MAX_TEXT = 20_000
"""The most characters an entry may hold (the longest text of 2023 has 4,000)."""
MAX_FORM_TEXT = 1_000_000
"""The most characters a form's entries may hold together (a form of 2019 holds 100,000)."""
MAX_FILES = 20_000
"""The most files a returned folder may hold."""

# Why a file of the folder is not read, by how its name ends.
_NOT_FORMS = {
    ".docm": "a Word document with macros (.docm): forms come back as .docx; ask the agency to "
             "save it as a Word document (.docx)",
    ".doc": "an older Word format (.doc): save it as a Word document (.docx)",
    ".dotx": "a Word template, not a form",
    ".dotm": "a Word template with macros, not a form",
    ".odt": "an OpenDocument text (.odt): save it as a Word document (.docx) in LibreOffice",
    ".rtf": "a Rich Text file: save it as a Word document (.docx)",
    ".pdf": "a PDF: forms come back as Word documents (.docx)",
}


@frozen
class PassedOver:
    """A file of the returned folder that is not read, and why."""

    file: str
    reason: str

    def __str__(self) -> str:
        return f"{shown(self.file, 80)[1:-1]}: {self.reason}"


@frozen
class FormRow:
    """One record as the returned form shows it. `mark` names a pre-filled record (its
    bookmark); `problems` are entries that could not be read, as (entry, message)."""

    kind: str
    mark: str | None
    place: str
    entries: Entries
    problems: tuple[tuple[str, str], ...] = ()


@frozen
class ReturnedForm:
    """A returned form: whose, of which year and base, saved when, and its records."""

    path: Path
    sha256: str
    year: int
    agency: Agency
    base: str  # the digest of the base it was made from
    due: date | None
    received: date  # when the agency last saved it (else the file's date)
    rows: tuple[FormRow, ...]
    bookmarks: frozenset[str]  # every bookmark in the document, read as a row or not


def returned_files(folder: Path) -> tuple[list[Path], list[PassedOver]]:
    """The .docx files directly in `folder` that may be forms, and every other entry of the
    folder with the reason it is passed over. Raises FormReadError for a folder that cannot
    be read."""
    try:
        if folder.is_symlink():
            raise FormReadError(f"{folder}: a symbolic link, not a folder of returned forms")
        unfit = folder_problem(folder, "a folder of returned forms")
        if unfit:
            raise FormReadError(f"{folder}: {unfit}")
        with os.scandir(folder) as scan:
            entries = []
            for entry in scan:
                entries.append(entry)
                if len(entries) > MAX_FILES:
                    raise FormReadError(f"{folder}: more than {MAX_FILES:,} files: is it the "
                                        "folder of the returned forms?")
    except OSError as error:
        raise FormReadError(f"{folder}: cannot be read ({error.strerror or error})") from None
    forms: list[Path] = []
    passed: list[PassedOver] = []
    for entry in sorted(entries, key=lambda e: e.name):
        name = entry.name
        try:
            mode = entry.stat(follow_symlinks=False).st_mode
        except OSError as error:
            passed.append(PassedOver(name, f"cannot be read ({error.strerror or error})"))
            continue
        lower = name.casefold()
        if name.startswith(("~$", ".~lock")):
            passed.append(PassedOver(name, "a lock file that Word or LibreOffice leaves while a "
                                     "form is open"))
        elif stat.S_ISLNK(mode):
            passed.append(PassedOver(name, "a symbolic link: only files in the folder itself "
                                     "are read"))
        elif stat.S_ISDIR(mode):
            passed.append(PassedOver(name, "a folder: only files in the folder itself are read"))
        elif not stat.S_ISREG(mode):
            passed.append(PassedOver(name, "not a regular file (a pipe, a socket or a device)"))
        elif name.startswith("."):
            passed.append(PassedOver(name, "a hidden file"))
        elif lower.endswith(".docx"):
            forms.append(folder / name)
        else:
            suffix = os.path.splitext(lower)[1]
            passed.append(PassedOver(name, _NOT_FORMS.get(suffix, "not a Word document (.docx)")))
    return forms, passed
