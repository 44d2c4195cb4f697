"""Assemble the annual reports of the EU Justice and Home Affairs Agencies' Network.

The public API: load a year's records from fixtures, build its documents (their PDFs and their
HTML edition too) and a site of every year, look at their pages, inspect and lint templates, and
the record classes.

Each name is imported when it is first used (PEP 562), so that a part of the package, such as
the pytest plugin `jhareport.testing`, loads without the rest.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the names as mypy and editors see them
    from .agencies import REGISTRY, Agency, Body, UnknownNameError
    from .contributions import (
        ContributionError,
        FormError,
        NextYearError,
        contribution_status,
        import_forms,
        next_year,
        write_forms,
    )
    from .errors import InputError
    from .exchange import (
        ExchangeError,
        ExportResult,
        ImportResult,
        export_translations,
        import_translations,
    )
    from .exchange.coverage import untranslated
    from .html.site import SiteError, SiteResult, build_site
    from .loading import LoadError, Problem, load_year
    from .markup import Markup, MarkupError
    from .office.preview import PreviewError, preview
    from .periods import Period, PeriodError, StateOfPlay, Status, format_period, parse_period
    from .records import (
        STANDARD_OUTLINE,
        Acronym,
        ConclusionGroup,
        Conclusions,
        Figure,
        Foreword,
        Format,
        Highlight,
        KeyActivity,
        Meeting,
        MeetingKind,
        NetworkProduct,
        NetworkYear,
        OperationalAction,
        OperationalActionPlan,
        OtherActivity,
        Picture,
        Priority,
        PriorityArea,
        PriorityTopic,
        Scorecard,
        ScorecardAction,
        ScorecardArea,
        ScorecardField,
        ScorecardPart,
        Section,
        SectionContent,
        Session,
        Signatory,
        Table,
        ThematicEvent,
        TimelineEntry,
        WorkingGroup,
        YearRecords,
    )
    from .template_tools.inspect import TemplateReadError
    from .template_tools.inspect import show as show_template
    from .template_tools.lint import LintProblem
    from .template_tools.lint import lint as lint_template
    from .translations import MissingTranslations, UntranslatedError
    from .word.build import BuildError, BuildResult, build

__all__ = [
    "REGISTRY",
    "STANDARD_OUTLINE",
    "Acronym",
    "Agency",
    "Body",
    "BuildError",
    "BuildResult",
    "ConclusionGroup",
    "Conclusions",
    "ContributionError",
    "ExchangeError",
    "ExportResult",
    "Figure",
    "Foreword",
    "FormError",
    "Format",
    "Highlight",
    "ImportResult",
    "InputError",
    "KeyActivity",
    "LintProblem",
    "LoadError",
    "Markup",
    "MarkupError",
    "Meeting",
    "MeetingKind",
    "MissingTranslations",
    "NetworkProduct",
    "NetworkYear",
    "NextYearError",
    "OperationalAction",
    "OperationalActionPlan",
    "OtherActivity",
    "Period",
    "PeriodError",
    "Picture",
    "PreviewError",
    "Priority",
    "PriorityArea",
    "PriorityTopic",
    "Problem",
    "Scorecard",
    "ScorecardAction",
    "ScorecardArea",
    "ScorecardField",
    "ScorecardPart",
    "Section",
    "SectionContent",
    "Session",
    "Signatory",
    "SiteError",
    "SiteResult",
    "StateOfPlay",
    "Status",
    "Table",
    "TemplateReadError",
    "ThematicEvent",
    "TimelineEntry",
    "UnknownNameError",
    "UntranslatedError",
    "WorkingGroup",
    "YearRecords",
    "build",
    "build_site",
    "contribution_status",
    "export_translations",
    "format_period",
    "import_forms",
    "import_translations",
    "lint_template",
    "load_year",
    "next_year",
    "parse_period",
    "preview",
    "show_template",
    "untranslated",
    "write_forms",
]

# Where each public name lives: (module, name in it).
_WHERE: dict[str, tuple[str, str]] = {
    "STANDARD_OUTLINE": (".records", "STANDARD_OUTLINE"),
    "ConclusionGroup": (".records", "ConclusionGroup"),
    "Conclusions": (".records", "Conclusions"),
    "KeyActivity": (".records", "KeyActivity"),
    "PriorityArea": (".records", "PriorityArea"),
    "Section": (".records", "Section"),
    "SectionContent": (".records", "SectionContent"),
    "Table": (".records", "Table"),
    "Figure": (".records", "Figure"),
    "Picture": (".records", "Picture"),
    "ContributionError": (".contributions", "ContributionError"),
    "FormError": (".contributions", "FormError"),
    "NextYearError": (".contributions", "NextYearError"),
    "contribution_status": (".contributions", "contribution_status"),
    "import_forms": (".contributions", "import_forms"),
    "next_year": (".contributions", "next_year"),
    "write_forms": (".contributions", "write_forms"),
    "Acronym": (".records", "Acronym"),
    "ExchangeError": (".exchange", "ExchangeError"),
    "ExportResult": (".exchange", "ExportResult"),
    "ImportResult": (".exchange", "ImportResult"),
    "MissingTranslations": (".translations", "MissingTranslations"),
    "UntranslatedError": (".translations", "UntranslatedError"),
    "export_translations": (".exchange", "export_translations"),
    "import_translations": (".exchange", "import_translations"),
    "untranslated": (".exchange.coverage", "untranslated"),
    "Agency": (".agencies", "Agency"),
    "Body": (".agencies", "Body"),
    "BuildError": (".word.build", "BuildError"),
    "BuildResult": (".word.build", "BuildResult"),
    "Foreword": (".records", "Foreword"),
    "Format": (".records", "Format"),
    "Highlight": (".records", "Highlight"),
    "InputError": (".errors", "InputError"),
    "LintProblem": (".template_tools.lint", "LintProblem"),
    "LoadError": (".loading", "LoadError"),
    "Markup": (".markup", "Markup"),
    "MarkupError": (".markup", "MarkupError"),
    "Meeting": (".records", "Meeting"),
    "MeetingKind": (".records", "MeetingKind"),
    "NetworkProduct": (".records", "NetworkProduct"),
    "NetworkYear": (".records", "NetworkYear"),
    "OperationalAction": (".records", "OperationalAction"),
    "OperationalActionPlan": (".records", "OperationalActionPlan"),
    "OtherActivity": (".records", "OtherActivity"),
    "Period": (".periods", "Period"),
    "PeriodError": (".periods", "PeriodError"),
    "PreviewError": (".office.preview", "PreviewError"),
    "Priority": (".records", "Priority"),
    "PriorityTopic": (".records", "PriorityTopic"),
    "Problem": (".loading", "Problem"),
    "REGISTRY": (".agencies", "REGISTRY"),
    "Scorecard": (".records", "Scorecard"),
    "ScorecardAction": (".records", "ScorecardAction"),
    "ScorecardArea": (".records", "ScorecardArea"),
    "ScorecardField": (".records", "ScorecardField"),
    "ScorecardPart": (".records", "ScorecardPart"),
    "Session": (".records", "Session"),
    "Signatory": (".records", "Signatory"),
    "StateOfPlay": (".periods", "StateOfPlay"),
    "Status": (".periods", "Status"),
    "TemplateReadError": (".template_tools.inspect", "TemplateReadError"),
    "ThematicEvent": (".records", "ThematicEvent"),
    "TimelineEntry": (".records", "TimelineEntry"),
    "UnknownNameError": (".agencies", "UnknownNameError"),
    "WorkingGroup": (".records", "WorkingGroup"),
    "YearRecords": (".records", "YearRecords"),
    "build": (".word.build", "build"),
    "build_site": (".html.site", "build_site"),
    "SiteError": (".html.site", "SiteError"),
    "SiteResult": (".html.site", "SiteResult"),
    "format_period": (".periods", "format_period"),
    "lint_template": (".template_tools.lint", "lint"),
    "load_year": (".loading", "load_year"),
    "parse_period": (".periods", "parse_period"),
    "preview": (".office.preview", "preview"),
    "show_template": (".template_tools.inspect", "show"),
}


def _lazy_names(package: str, namespace: dict[str, Any],
                where: Mapping[str, tuple[str, str]]) -> Callable[[str], Any]:
    """A module `__getattr__` (PEP 562) for `package`: each name of `where` is imported from its
    module (a module name relative to the package, and the name in it) when first asked for, then
    kept in `namespace`, the package's globals, as an ordinary attribute. The subpackages that
    load their names so take it with `from .. import _lazy_names`."""

    def __getattr__(name: str) -> Any:
        try:
            module, attribute = where[name]
        except KeyError:
            raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        value = getattr(importlib.import_module(module, package), attribute)
        namespace[name] = value
        return value

    return __getattr__


__getattr__ = _lazy_names(__name__, globals(), _WHERE)


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
