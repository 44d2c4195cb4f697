"""Assemble the annual reports of the EU Justice and Home Affairs Agencies' Network.

The public API: load a year's records from fixtures, build its documents (and their PDFs), look
at their pages, inspect and lint templates, and the record classes.
"""

from .agencies import REGISTRY, Agency, Body, UnknownNameError

# Contributions from the agencies: forms out, returned forms in, status, next year.
from .contributions import (
    ContributionError,
    FormError,
    NextYearError,
    contribution_status,
    import_forms,
    next_year,
    write_forms,
)
from .loading import LoadError, Problem, load_year
from .markup import Markup, MarkupError
from .office.preview import PreviewError, preview
from .periods import Period, PeriodError, StateOfPlay, Status, format_period, parse_period
from .records import (
    Acronym,
    Foreword,
    Format,
    Highlight,
    Meeting,
    MeetingKind,
    NetworkProduct,
    NetworkYear,
    OperationalAction,
    OperationalActionPlan,
    OtherActivity,
    Priority,
    PriorityTopic,
    Scorecard,
    ScorecardAction,
    ScorecardArea,
    ScorecardField,
    ScorecardPart,
    Session,
    Signatory,
    ThematicEvent,
    TimelineEntry,
    WorkingGroup,
    YearRecords,
)
from .template_tools.inspect import TemplateReadError
from .template_tools.inspect import show as show_template
from .template_tools.lint import LintProblem
from .template_tools.lint import lint as lint_template
from .word.build import BuildError, BuildResult, build

__all__ = [
    "REGISTRY",
    "Acronym",
    "Agency",
    "Body",
    "BuildError",
    "BuildResult",
    "Foreword",
    "Format",
    "Highlight",
    "LintProblem",
    "LoadError",
    "Markup",
    "MarkupError",
    "Meeting",
    "MeetingKind",
    "NetworkProduct",
    "NetworkYear",
    "OperationalAction",
    "OperationalActionPlan",
    "OtherActivity",
    "Period",
    "PeriodError",
    "PreviewError",
    "Priority",
    "PriorityTopic",
    "Problem",
    "Scorecard",
    "ScorecardAction",
    "ScorecardArea",
    "ScorecardField",
    "ScorecardPart",
    "Session",
    "Signatory",
    "StateOfPlay",
    "Status",
    "TemplateReadError",
    "ThematicEvent",
    "TimelineEntry",
    "UnknownNameError",
    "WorkingGroup",
    "YearRecords",
    "build",
    "format_period",
    "lint_template",
    "load_year",
    "parse_period",
    "preview",
    "show_template",
]

# Contributions from the agencies: forms out, returned forms in, status, next year.
__all__ += [
    "ContributionError",
    "FormError",
    "NextYearError",
    "contribution_status",
    "import_forms",
    "next_year",
    "write_forms",
]
