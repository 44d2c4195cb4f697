"""Contributions from the network's agencies: forms out, returned forms in, where things stand,
and the next year's folder.

The chair writes one Word form per agency (`write_forms`), keeping in the year's folder what each
form shows (its base); each agency fills in its form in Word or LibreOffice; `import_forms`
merges the returned forms into the year's YAML files entry by entry, against what each form was
made from, and keeps a ledger of what it imported; `contribution_status` tells who has answered,
when and with what; `next_year` starts the following year's folder.
"""

from .base import BaseError
from .forms import FormError, Forms, write_forms
from .importing import Change, Duplicate, FormImport, ImportResult, import_forms
from .merge import Conflict, Side
from .nextyear import NextYear, NextYearError, next_year
from .problems import ContributionError, FormProblem, FormReadError
from .read import PassedOver, ReturnedForm, read_form
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
