"""Contributions from the network's agencies: forms out, returned forms in, where things stand,
and the next year's folder.

The chair writes one Word form per agency (`write_forms`), each agency fills in its form in Word
or LibreOffice, and `import_forms` brings the returned forms back into the year's YAML files;
`contribution_status` tells who has answered, `next_year` starts the following year's folder.
"""

from .forms import FormError, form_document, write_forms
from .merge import (
    Change,
    Conflict,
    ContributionError,
    Duplicate,
    FormProblem,
    ImportResult,
    import_forms,
)
from .nextyear import NextYear, NextYearError, next_year
from .read import FormReadError, ReturnedForm, read_form
from .status import AgencyStatus, ContributionStatus, contribution_status

__all__ = [
    "AgencyStatus",
    "Change",
    "Conflict",
    "ContributionError",
    "ContributionStatus",
    "Duplicate",
    "FormError",
    "FormProblem",
    "FormReadError",
    "ImportResult",
    "NextYear",
    "NextYearError",
    "ReturnedForm",
    "contribution_status",
    "form_document",
    "import_forms",
    "next_year",
    "read_form",
    "write_forms",
]
