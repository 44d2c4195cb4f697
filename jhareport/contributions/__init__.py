"""Contributions from the network's agencies: forms out, returned forms in, where things stand,
and the next year's folder.

The chair writes one Word form per agency (`write_forms`), keeping in the year's folder what each
form shows (its base); each agency fills in its form in Word or LibreOffice; `import_forms`
merges the returned forms into the year's YAML files entry by entry, against what each form was
made from, and keeps a ledger of what it imported; `contribution_status` tells who has answered,
when and with what; `next_year` starts the following year's folder.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import _lazy_names

if TYPE_CHECKING:
    from ..word.form_reading import read_form
    from .base import BaseError
    from .forms import FormError, Forms, write_forms
    from .importing import Change, Duplicate, FormImport, ImportResult, import_forms
    from .merge import Conflict, Side
    from .nextyear import NextYear, NextYearError, next_year
    from .problems import ContributionError, FormProblem, FormReadError
    from .read import PassedOver, ReturnedForm
    from .status import AgencyStatus, ContributionStatus, contribution_status

__all__ = [
    "AgencyStatus",
    "BaseError",
    "Change",
    "Conflict",
    "ContributionError",
    "ContributionStatus",
    "Duplicate",
    "FormError",
    "FormImport",
    "FormProblem",
    "FormReadError",
    "Forms",
    "ImportResult",
    "NextYear",
    "NextYearError",
    "PassedOver",
    "ReturnedForm",
    "Side",
    "contribution_status",
    "import_forms",
    "next_year",
    "read_form",
    "write_forms",
]

# Where each name lives: (module, name in it).
_WHERE: dict[str, tuple[str, str]] = {
    "BaseError": (".base", "BaseError"),
    "FormError": (".forms", "FormError"),
    "Forms": (".forms", "Forms"),
    "write_forms": (".forms", "write_forms"),
    "Change": (".importing", "Change"),
    "Duplicate": (".importing", "Duplicate"),
    "FormImport": (".importing", "FormImport"),
    "ImportResult": (".importing", "ImportResult"),
    "import_forms": (".importing", "import_forms"),
    "Conflict": (".merge", "Conflict"),
    "Side": (".merge", "Side"),
    "NextYear": (".nextyear", "NextYear"),
    "NextYearError": (".nextyear", "NextYearError"),
    "next_year": (".nextyear", "next_year"),
    "ContributionError": (".problems", "ContributionError"),
    "FormProblem": (".problems", "FormProblem"),
    "FormReadError": (".problems", "FormReadError"),
    "PassedOver": (".read", "PassedOver"),
    "ReturnedForm": (".read", "ReturnedForm"),
    "read_form": ("..word.form_reading", "read_form"),
    "AgencyStatus": (".status", "AgencyStatus"),
    "ContributionStatus": (".status", "ContributionStatus"),
    "contribution_status": (".status", "contribution_status"),
}


# Each loaded when first used: the Word layer's form reader takes the contributions' records from
# this package, so nothing here is loaded before it is asked for.
__getattr__ = _lazy_names(__name__, globals(), _WHERE)
