"""Contributions from the network's agencies: forms out, returned forms in, where things stand,
and the next year's folder.

The chair writes one Word form per agency (`write_forms`), keeping in the year's folder what each
form shows (its base); each agency fills in its form in Word or LibreOffice; `import_forms`
merges the returned forms into the year's YAML files entry by entry, against what each form was
made from, and keeps a ledger of what it imported; `contribution_status` tells who has answered,
when and with what; `next_year` starts the following year's folder.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

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

_MODULES = {
    "BaseError": ".base",
    "FormError": ".forms",
    "Forms": ".forms",
    "write_forms": ".forms",
    "Change": ".importing",
    "Duplicate": ".importing",
    "FormImport": ".importing",
    "ImportResult": ".importing",
    "import_forms": ".importing",
    "Conflict": ".merge",
    "Side": ".merge",
    "NextYear": ".nextyear",
    "NextYearError": ".nextyear",
    "next_year": ".nextyear",
    "ContributionError": ".problems",
    "FormProblem": ".problems",
    "FormReadError": ".problems",
    "PassedOver": ".read",
    "ReturnedForm": ".read",
    "read_form": "..word.form_reading",
    "AgencyStatus": ".status",
    "ContributionStatus": ".status",
    "contribution_status": ".status",
}


def __getattr__(name: str) -> Any:
    """The names above, each loaded when first used: the Word layer's form reader takes the
    contributions' records from this package, so nothing here is loaded before it is asked for."""
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module, __name__), name)
