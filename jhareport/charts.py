"""Charts of the report's data, drawn with matplotlib and returned as PNG bytes.

A chart is a picture and words: the PNG, a title for its caption and an alternative text that
says what the picture shows, numbers included. The module knows nothing of Word; the layer that
embeds a chart places its PNG at `width_cm` and writes `title` and `alt` where they belong.

matplotlib is imported inside the drawing functions only, so that ``import jhareport`` stays
light, and it is used without pyplot: a `Figure` on an Agg canvas, under matplotlib's default
style plus the settings of this module, so that the bytes depend on the data alone (the same
data give the same PNG, in any process). The title is not drawn in the picture: the caption
carries it.
"""

from __future__ import annotations

import functools
import io
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from attrs import frozen
from babel.lists import format_list

from .agencies import AGENCIES, Agency, short_name
from .i18n import translate
from .periods import reader_locale
from .records import Scorecard
from .views import EmpactView

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "DPI",
    "WIDTH_CM",
    "AgencyCount",
    "Chart",
    "ScorecardInvolvement",
    "empact_chart",
    "scorecard_chart",
    "scorecard_involvement",
]

#: Print resolution: 254 dots per inch are 100 pixels per centimetre, so sizes in centimetres
#: (to the tenth) are whole pixels.
DPI = 254
#: The text width of a portrait A4 page of the reports.
WIDTH_CM = 16.0

# In centimetres: the height of one agency's bar, the margins, the room above the bars for the
# legend or the axis' title, the room past the longest bar for its number.
_ROW_CM = 0.75
_MARGIN_CM = 0.2
_TOP_CM = 0.8
_NUMBERS_CM = 0.9
_FONT_SIZE = 9.0
# The reports are set in Calibri; Carlito is metrically compatible, DejaVu Sans ships with
# matplotlib.
_FONTS = ("Carlito", "DejaVu Sans")
_DARK, _MID, _LIGHT = "#1f3864", "#2e75b6", "#bdd7ee"
_TEXT, _MUTED = "#262626", "#595959"


@frozen
class Chart:
    """A drawn chart: PNG bytes at `DPI`, to be shown `width_cm` by `height_cm`.

    `title` is the chart's caption, `alt` describes the chart in words with its numbers, for
    readers who cannot see it.
    """

    png: bytes
    alt: str
    title: str
    width_cm: float
    height_cm: float


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
    series = ((translate("Led", locale), _DARK, "white", [row.led for row in view.rows]),
              (translate("Co-led", locale), _MID, "white", [row.co_led for row in view.rows]),
              (translate("Participated in", locale), _LIGHT, _TEXT,
               [row.participated for row in view.rows]))
    totals = [row.total for row in view.rows]
    height_cm = _height_cm(len(view.rows))

    def draw(figure: Figure) -> None:
        axes = _bar_axes(figure, names, max(totals))
        starts = [0] * len(names)
        for label, colour, ink, values in series:
            bars = axes.barh(range(len(names)), values, left=starts, height=0.62, color=colour, label=label)
            axes.bar_label(bars, labels=[_inside(axes, v) for v in values], label_type="center",
                           color=ink, fontsize=_FONT_SIZE)
            starts = [s + v for s, v in zip(starts, values, strict=True)]
        axes.bar_label(bars, labels=[str(t) for t in totals], padding=3, color=_TEXT,
                       fontsize=_FONT_SIZE, fontweight="bold")
        axes.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=3, frameon=False,
                    fontsize=_FONT_SIZE, handlelength=1.2, handleheight=1.0, borderaxespad=0.3,
                    columnspacing=1.6, borderpad=0.0)

    return Chart(_render(draw, height_cm), alt, title, WIDTH_CM, height_cm)


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
    height_cm = _height_cm(len(names))

    def draw(figure: Figure) -> None:
        axes = _bar_axes(figure, names, max(values))
        bars = axes.barh(range(len(names)), values, height=0.62, color=_MID)
        axes.bar_label(bars, padding=3, color=_TEXT, fontsize=_FONT_SIZE)
        axes.set_title(heading, loc="left", color=_MUTED, fontsize=_FONT_SIZE, pad=6)

    return Chart(_render(draw, height_cm), alt, title, WIDTH_CM, height_cm)


def _and(words: Sequence[str], locale: str) -> str:
    return format_list(list(words), locale=reader_locale(locale))


def _height_cm(rows: int) -> float:
    return round(_MARGIN_CM + _TOP_CM + rows * _ROW_CM, 1)


def _inside(axes: Axes, value: int) -> str:
    """The label of a bar's part, or none when the part is too narrow to hold it."""
    if not value:
        return ""
    left, right = axes.get_xlim()
    width_pt = value / (right - left) * axes.get_position().width * WIDTH_CM / 2.54 * 72
    return str(value) if width_pt >= 0.65 * _FONT_SIZE * len(str(value)) + 3 else ""


def _bar_axes(figure: Figure, names: Sequence[str], largest: int) -> Axes:
    """Axes for horizontal bars, one per name top down, with room for the labels past the bars.

    The axes' place is worked out here rather than by an automatic layout: the left margin from
    the widest name, the room on the right for the numbers past the bars, so that the labels
    inside the bars can be sized before drawing.
    """
    height_cm = figure.get_figheight() * 2.54
    axes = figure.add_axes((0.0, 0.0, 1.0, 1.0))
    axes.set_yticks(range(len(names)), names)
    axes.tick_params(axis="y", length=0, pad=6, labelsize=_FONT_SIZE + 1, labelcolor=_TEXT)
    widest_cm = max(label.get_window_extent().width for label in axes.get_yticklabels()) / DPI * 2.54
    left_cm = _MARGIN_CM + widest_cm + 6 / 72 * 2.54
    width_cm = WIDTH_CM - left_cm - _MARGIN_CM
    axes.set_position((left_cm / WIDTH_CM, _MARGIN_CM / height_cm, width_cm / WIDTH_CM,
                       1 - (_MARGIN_CM + _TOP_CM) / height_cm))
    axes.set_xlim(0, largest * width_cm / (width_cm - _NUMBERS_CM))
    axes.set_ylim(len(names) - 0.5, -0.5)
    axes.xaxis.set_visible(False)
    for side in ("top", "right", "bottom"):
        axes.spines[side].set_visible(False)
    axes.spines["left"].set_color(_MUTED)
    axes.spines["left"].set_linewidth(0.8)
    return axes


@functools.cache
def _font_family() -> list[str]:
    """The fonts of `_FONTS` that matplotlib finds here, in order (the last one always)."""
    from matplotlib import font_manager

    present = {f.name for f in font_manager.fontManager.ttflist}
    return [name for name in _FONTS if name in present] or [_FONTS[-1]]


def _render(draw: Callable[[Figure], None], height_cm: float) -> bytes:
    """PNG bytes of a figure `WIDTH_CM` by `height_cm` that `draw` fills.

    matplotlib's default style plus this module's settings hold while the figure is made and
    saved, whatever the matplotlibrc says; the PNG carries no Software key, so the bytes depend
    on the chart alone.
    """
    from matplotlib import style
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    settings = {
        "font.family": _font_family(),
        "font.size": _FONT_SIZE,
        "svg.hashsalt": "jhareport",
        "path.simplify": True,
        "savefig.facecolor": "white",
        "savefig.transparent": False,
    }
    with style.context(["default", settings]):
        figure = Figure(figsize=(WIDTH_CM / 2.54, height_cm / 2.54), dpi=DPI, facecolor="white")
        FigureCanvasAgg(figure)
        draw(figure)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()
