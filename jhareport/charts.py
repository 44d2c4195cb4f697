"""The report's charts as plain data: what each chart shows, with its title and description.

A chart is bars: the agencies' names, one or more series of numbers (stacked when there are
several), the totals past the bars, a title for its caption and a description that says what the
chart shows, numbers included, for readers who cannot see it. The module knows nothing of any
output: the Word writer draws a chart as a native Word chart (DrawingML), the HTML writer as inline
SVG with its figures as a table, each in its own colours and sizes.

The counts the charts show are here too: each agency's part in the EMPACT operational actions and
in the scorecard's joint actions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

import attrs
from attrs import frozen
from babel.lists import format_list

from .agencies import AGENCIES, Agency, short_name
from .i18n import translate
from .periods import reader_locale
from .records import OperationalActionPlan, Scorecard

__all__ = [
    "AgencyCount",
    "Chart",
    "EmpactRow",
    "EmpactView",
    "ScorecardInvolvement",
    "Series",
    "empact_chart",
    "empact_involvement",
    "has_scorecard_chart",
    "scorecard_chart",
    "scorecard_involvement",
]


def _doc(text: str) -> dict[str, str]:
    """What the template reference says of an attribute."""
    return {"doc": text}


@frozen
class EmpactRow:
    """An agency's part in the operational actions of the plans."""

    agency: Agency = attrs.field(metadata=_doc("the agency; show it with `|agency` or `|agency_full`"))
    led: int = attrs.field(
        metadata=_doc("the number of operational actions it leads; show it with `|number`"))
    co_led: int = attrs.field(
        metadata=_doc("the number of operational actions it co-leads; show it with `|number`"))
    participated: int = attrs.field(
        metadata=_doc("the number of operational actions it takes part in; show it with `|number`"))

    @property
    def total(self) -> int:
        """Actions the agency leads, co-leads or takes part in."""
        return self.led + self.co_led + self.participated


@frozen
class EmpactView:
    plans: tuple[str, ...] = attrs.field(
        metadata=_doc("the names of the operational action plans; show them with `|join_list`"))
    actions: int = attrs.field(
        metadata=_doc("the number of operational actions of the plans; show it with `|number`"))
    rows: tuple[EmpactRow, ...] = attrs.field(
        metadata=_doc("a row per agency with a part in an action, in the registry's order"))


def empact_involvement(plans: Sequence[OperationalActionPlan]) -> EmpactView:
    """Per agency of the network: operational actions led, co-led and participated in.

    Agencies with no part in any action are left out; the others are in the registry's order.
    """
    led: Counter[Agency] = Counter()
    co_led: Counter[Agency] = Counter()
    participated: Counter[Agency] = Counter()
    for plan in plans:
        for action in plan.actions:
            if isinstance(action.leader, Agency):
                led[action.leader] += 1
            for actor in action.co_leaders:
                if isinstance(actor, Agency):
                    co_led[actor] += 1
            for actor in action.participants:
                if isinstance(actor, Agency):
                    participated[actor] += 1
    rows = tuple(EmpactRow(a, led[a], co_led[a], participated[a]) for a in AGENCIES
                 if led[a] + co_led[a] + participated[a])
    return EmpactView(tuple(p.plan for p in plans), sum(len(p.actions) for p in plans), rows)


@frozen
class AgencyCount:
    """A number of actions an agency of the network takes part in."""

    agency: Agency
    actions: int


@frozen
class ScorecardInvolvement:
    """How many of the scorecard's joint actions each agency takes part in."""

    actions: int
    rows: tuple[AgencyCount, ...]


def scorecard_involvement(scorecard: Scorecard) -> ScorecardInvolvement:
    """Per agency of the network, the number of the scorecard's joint actions it takes part in.

    An action counts once for each agency it names; "ALL JHA AGENCIES" is expanded by the records
    into the nine agencies, so such an action counts for each of them. Agencies in no action are
    left out; the others are in the registry's order. Names come with the agencies, so the
    report's year picks them when the rows are shown.
    """
    counts: Counter[Agency] = Counter()
    for action in scorecard.actions:
        counts.update({a for a in action.agencies if isinstance(a, Agency)})
    return ScorecardInvolvement(
        len(scorecard.actions), tuple(AgencyCount(a, counts[a]) for a in AGENCIES if counts[a]))


def has_scorecard_chart(scorecard: Scorecard | None) -> bool:
    """Whether the scorecard has a chart to show: an action names an agency of the network."""
    return scorecard is not None and any(isinstance(a, Agency) for action in scorecard.actions
                                         for a in action.agencies)


@frozen
class Series:
    """A named series of numbers, one per category of its chart."""

    name: str = attrs.field(metadata=_doc("what the numbers count, e.g. Led"))
    values: tuple[int, ...] = attrs.field(
        metadata=_doc("a number per category, in the categories' order; show each with `|number`"))


@frozen
class Chart:
    """A chart of the records, placed by a template: ``{{p empact_chart|chart }}`` in Word (a
    native Word chart with its description as alternative text, and its title as a caption),
    ``{{ empact_chart|chart }}`` in HTML (inline SVG with its figures as a table)."""

    kind: str = attrs.field(
        validator=attrs.validators.in_(("empact", "scorecard")),
        metadata=_doc("which chart: empact or scorecard"))
    title: str = attrs.field(metadata=_doc("the chart's title, its caption"))
    description: str = attrs.field(
        metadata=_doc("what the chart shows in words, its numbers included: the alternative "
                      "text"))
    categories: tuple[str, ...] = attrs.field(
        metadata=_doc("the names of the bars, top down: the agencies, named as in the report's "
                      "year"))
    series: tuple[Series, ...] = attrs.field(
        metadata=_doc("the numbers of the bars: one series, or several stacked in each bar"))
    totals: tuple[int, ...] | None = attrs.field(
        default=None, metadata=_doc("each bar's total, written past it (none: not written)"))
    heading: str | None = attrs.field(
        default=None, metadata=_doc("what a single series counts, written above the bars "
                                    "(none when the series are named in a legend)"))

    @property
    def legend(self) -> bool:
        """Whether the series are named in a legend (when there are several)."""
        return len(self.series) > 1


def empact_chart(view: EmpactView, as_of: date, locale: str = "en") -> Chart:
    """The agencies' part in the operational actions of the EMPACT plans: stacked bars.

    One horizontal bar per agency (named as on `as_of`), split into the actions it led, co-led
    and participated in, each part labelled with its number and the bar with its total.
    ValueError when no agency of the network has a part in any action.
    """
    if not view.rows:
        raise ValueError("no agency of the network has a part in the operational actions")
    names = [short_name(row.agency, as_of, locale) for row in view.rows]
    title = translate("Agencies’ part in the %(count)s operational actions of the EMPACT %(plans)s",
                      locale, count=view.actions, plans=_and(view.plans, locale))
    rows = "; ".join(translate("%(name)s led %(led)s, co-led %(co_led)s, participated in "
                               "%(participated)s (%(total)s in all)", locale, name=name,
                               led=row.led, co_led=row.co_led, participated=row.participated,
                               total=row.total)
                     for name, row in zip(names, view.rows, strict=True))
    description = translate("Horizontal bar chart. %(title)s, per agency: %(rows)s.", locale,
                            title=title, rows=rows)
    series = (
        Series(translate("Led", locale), tuple(row.led for row in view.rows)),
        Series(translate("Co-led", locale), tuple(row.co_led for row in view.rows)),
        Series(translate("Participated in", locale), tuple(row.participated for row in view.rows)))
    return Chart("empact", title, description, tuple(names), series,
                 totals=tuple(row.total for row in view.rows))


def scorecard_chart(scorecard: Scorecard, as_of: date, locale: str = "en") -> Chart:
    """The number of the scorecard's joint actions each agency takes part in: bars.

    One horizontal bar per agency (named as on `as_of`), labelled with its number.
    ValueError when no action names an agency of the network.
    """
    involvement = scorecard_involvement(scorecard)
    if not involvement.rows:
        raise ValueError("no joint action of the scorecard names an agency of the network")
    names = [short_name(row.agency, as_of, locale) for row in involvement.rows]
    values = [row.actions for row in involvement.rows]
    title = translate("Joint actions of the %(title)s per agency", locale, title=scorecard.title)
    rows = ", ".join(f"{name} {value}" for name, value in zip(names, values, strict=True))
    description = translate("Horizontal bar chart. Number of the %(count)s joint actions of the "
                            "%(title)s each agency takes part in: %(rows)s.", locale,
                            count=involvement.actions, title=scorecard.title, rows=rows)
    heading = translate("Number of joint actions, of %(count)s in the scorecard", locale,
                        count=involvement.actions)
    return Chart("scorecard", title, description, tuple(names),
                 (Series(heading, tuple(values)),), heading=heading)


def _and(words: Sequence[str], locale: str) -> str:
    return format_list(list(words), locale=reader_locale(locale))
