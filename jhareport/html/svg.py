"""A chart of the records as inline SVG: horizontal bars with their numbers, in colours that read.

The SVG is one view of the same `Chart` the Word writer draws: the agencies' names top down, the
bars (stacked when there are several series), each part's number on it when it fits, the totals
past the bars, and the legend or the heading above. Its `title` and `desc` give screen readers
the chart's title and description; the page shows its figures as a table beside it.

Colours meet WCAG 2.1 AA: text 4.5:1 against what lies behind it, and each bar 3:1 against its
surroundings (the light blue is outlined, and stacked parts are parted by a white gap).
"""

from __future__ import annotations

from babel.numbers import format_decimal
from markupsafe import escape

from ..charts import Chart
from ..periods import reader_locale

__all__ = ["BACKGROUND", "chart_svg", "series_colours"]

BACKGROUND = "#ffffff"
TEXT = "#262626"
DARK, MID, LIGHT = "#1f3864", "#2e75b6", "#bdd7ee"
WHITE = "#ffffff"
# Each stacked series' fill, the colour of the numbers on it, and its outline (none: the fill
# itself stands out enough from white).
_STACKED = ((DARK, WHITE, None), (MID, WHITE, None), (LIGHT, TEXT, MID))
_SINGLE = (MID, TEXT, None)  # its numbers stand past the bars

_WIDTH = 420  # drawn at this width on a phone, a little larger on a desktop
_ROW = 30
_BAR = 20
_FONT = 14  # pixels; the page's own font, a little smaller than the text
_CHAR = 0.6 * _FONT  # about the width of a character, to place the names and fit the numbers
_GAP = 1.5  # white between stacked parts


def series_colours(chart: Chart) -> list[tuple[str, str, str | None]]:
    """Each series' fill, the colour of the numbers written on it, and its outline."""
    if not chart.legend:
        return [_SINGLE] * len(chart.series)
    return [_STACKED[index % len(_STACKED)] for index in range(len(chart.series))]


def _wrapped(text: str, per_line: int) -> list[str]:
    """A text in lines of at most `per_line` characters, broken between words."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= per_line:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def _number(value: int, locale: str) -> str:
    return format_decimal(value, locale=reader_locale(locale))


def _f(value: float) -> str:
    """A coordinate, written the same way every time."""
    return f"{value:.1f}".removesuffix(".0")


def chart_svg(chart: Chart, ident: str, locale: str) -> str:
    """The chart as an `<svg>` element whose title and description have the ids `ident-title`
    and `ident-desc`."""
    colours = series_colours(chart)
    names = list(chart.categories)
    totals = list(chart.totals) if chart.totals is not None else [
        sum(values) for values in zip(*(s.values for s in chart.series), strict=True)]
    label_width = max(len(name) for name in names) * _CHAR + 12
    total_room = (max(len(_number(t, locale)) for t in totals) + 2) * _CHAR + 8
    plot = _WIDTH - label_width - total_room
    largest = max([*totals, 1])
    above: list[str] = []  # the legend or the heading, in as many lines as they need
    line = 0
    if chart.legend:
        x = 0.0
        for one, (fill, _, outline) in zip(chart.series, colours, strict=True):
            width = 20 + len(one.name) * _CHAR
            if x and x + width > _WIDTH:
                line, x = line + 1, 0.0
            y = 8 + line * 22
            stroke = f' stroke="{outline}"' if outline else ""
            above.append(f'<rect x="{_f(x)}" y="{y}" width="14" height="14" fill="{fill}"{stroke}/>')
            above.append(f'<text x="{_f(x + 20)}" y="{y + 12}" fill="{TEXT}">{escape(one.name)}</text>')
            x += width + 16
    elif chart.heading:
        for line, words in enumerate(_wrapped(chart.heading, int(_WIDTH / _CHAR))):
            above.append(f'<text x="0" y="{20 + line * 20}" fill="{TEXT}">{escape(words)}</text>')
    top = 36 + line * 22
    height = top + len(names) * _ROW + 8
    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {height}" '
        f'role="img" aria-labelledby="{ident}-title {ident}-desc" font-size="{_FONT}">',
        f'<title id="{ident}-title">{escape(chart.title)}</title>',
        f'<desc id="{ident}-desc">{escape(chart.description)}</desc>',
        f'<rect width="{_WIDTH}" height="{height}" fill="{BACKGROUND}"/>',
        *above,
    ]
    for row, name in enumerate(names):
        y = top + row * _ROW
        middle = y + _BAR / 2
        parts.append(f'<text x="{_f(label_width - 8)}" y="{_f(middle)}" text-anchor="end" '
                     f'dominant-baseline="central" fill="{TEXT}">{escape(name)}</text>')
        x = label_width
        for one, (fill, ink, outline) in zip(chart.series, colours, strict=True):
            value = one.values[row]
            if not value:
                continue
            width = value / largest * plot
            stroke = f' stroke="{outline}"' if outline else ""
            parts.append(f'<rect x="{_f(x)}" y="{_f(y)}" width="{_f(max(width - _GAP, 1))}" '
                         f'height="{_BAR}" fill="{fill}"{stroke}/>')
            shown = _number(value, locale)
            if chart.legend and width - _GAP >= len(shown) * _CHAR + 6:
                # on its part, when it fits; the table beside the chart gives every number
                parts.append(f'<text x="{_f(x + (width - _GAP) / 2)}" y="{_f(middle)}" '
                             f'text-anchor="middle" dominant-baseline="central" fill="{ink}">'
                             f'{shown}</text>')
            x += width
        total = _number(totals[row], locale)
        label = f"({total})" if chart.legend else total
        parts.append(f'<text x="{_f(x + 6)}" y="{_f(middle)}" dominant-baseline="central" '
                     f'fill="{TEXT}">{label}</text>')
    parts.append("</svg>")
    return "".join(parts)
