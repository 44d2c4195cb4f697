"""Charts of the report's data: what a chart shows, for the layer that writes it into Word.

A chart is bars and words: the agencies' names, one or more series of numbers (stacked when there
are several), a title for its caption and an alternative text that says what the chart shows,
numbers included. The module knows nothing of Word: the rendering layer writes a chart as a
native Word chart (DrawingML), which Word and LibreOffice draw themselves, crisp at any size and
editable in Word, with no picture to make.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from attrs import frozen
from babel.lists import format_list

from .agencies import AGENCIES, Agency, short_name
from .i18n import translate
from .periods import reader_locale
from .records import Scorecard
from .views import EmpactView

__all__ = [
    "WIDTH_CM",
    "AgencyCount",
    "Chart",
    "ScorecardInvolvement",
    "Series",
    "empact_chart",
    "scorecard_chart",
    "scorecard_involvement",
]

#: The text width of a portrait A4 page of the reports.
WIDTH_CM = 16.0

# In centimetres: the height of one agency's bar, and the room above the bars for the legend or
# the axis' title and below them.
_ROW_CM = 0.75
_TOP_CM = 1.0
_MARGIN_CM = 0.3
# Colours as RGB hex: the reports' blues, dark text on the light blue.
_DARK, _MID, _LIGHT = "1F3864", "2E75B6", "BDD7EE"
_WHITE, _TEXT, _MUTED = "FFFFFF", "262626", "595959"


@frozen
class Series:
    """A named series of numbers, one per category, in a fill colour; `ink` is the colour of the
    numbers written on its bars."""

    name: str
    values: tuple[int, ...]
    colour: str
    ink: str


@frozen
class Chart:
    """Horizontal bars, one per category top down, to be shown `width_cm` by `height_cm`.

    Several series stack. `totals`, when given, are written past each bar; `heading` above the
    bars when there is no legend. `title` is the chart's caption, `alt` describes the chart in
    words with its numbers, for readers who cannot see it.
    """

    categories: tuple[str, ...]
    series: tuple[Series, ...]
    alt: str
    title: str
    width_cm: float
    height_cm: float
    totals: tuple[int, ...] | None = None
    heading: str | None = None
    text_colour: str = _TEXT
    axis_colour: str = _MUTED

    @property
    def legend(self) -> bool:
        """Whether the series are named in a legend (when there are several)."""
        return len(self.series) > 1


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
    alt = translate("Horizontal bar chart. %(title)s, per agency: %(rows)s.", locale,
                    title=title, rows=rows)
    series = (
        Series(translate("Led", locale), tuple(row.led for row in view.rows), _DARK, _WHITE),
        Series(translate("Co-led", locale), tuple(row.co_led for row in view.rows), _MID, _WHITE),
        Series(translate("Participated in", locale),
               tuple(row.participated for row in view.rows), _LIGHT, _TEXT))
    return Chart(tuple(names), series, alt, title, WIDTH_CM, _height_cm(len(names)),
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
    alt = translate("Horizontal bar chart. Number of the %(count)s joint actions of the %(title)s "
                    "each agency takes part in: %(rows)s.", locale, count=involvement.actions,
                    title=scorecard.title, rows=rows)
    heading = translate("Number of joint actions, of %(count)s in the scorecard", locale,
                        count=involvement.actions)
    return Chart(tuple(names), (Series(heading, tuple(values), _MID, _TEXT),), alt, title,
                 WIDTH_CM, _height_cm(len(names)), heading=heading)


def _and(words: Sequence[str], locale: str) -> str:
    return format_list(list(words), locale=reader_locale(locale))


def _height_cm(rows: int) -> float:
    return round(2 * _MARGIN_CM + _TOP_CM + rows * _ROW_CM, 1)
