"""A chart of the records as a native Word chart: the DrawingML chart part (ECMA-376 Part 1, 21.2).

Word and LibreOffice draw such a chart themselves from the numbers cached in the part, so it is
crisp at any size, its words are text, and Word can restyle it. No workbook is embedded: the
chart is not meant to be edited as data, and the cached values are all a reader needs.
"""

from __future__ import annotations

from html import escape as _escape

from ..charts import Chart

__all__ = ["CT_CHART", "WIDTH_CM", "chart_part", "chart_size_cm"]

CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_FONT = "Calibri"
# The sizes of the chart's words, in hundredths of a point.
_SIZE, _NAMES_SIZE = 900, 1000

#: The text width of a portrait A4 page of the reports.
WIDTH_CM = 16.0
# In centimetres: the height of one agency's bar, and the room above the bars for the legend or
# the axis' title and below them.
_ROW_CM = 0.75
_TOP_CM = 1.0
_MARGIN_CM = 0.3
# Colours as RGB hex: the reports' blues, dark text on the light blue. Stacked series take the
# fills in turn, darkest first; a single series the middle blue with its numbers past the bars.
_DARK, _MID, _LIGHT = "1F3864", "2E75B6", "BDD7EE"
_WHITE, _TEXT, _MUTED = "FFFFFF", "262626", "595959"
_STACKED = ((_DARK, _WHITE), (_MID, _WHITE), (_LIGHT, _TEXT))
_SINGLE = (_MID, _TEXT)


def chart_size_cm(chart: Chart) -> tuple[float, float]:
    """The width and height a chart is drawn at, before the template's margins narrow it."""
    return WIDTH_CM, round(2 * _MARGIN_CM + _TOP_CM + len(chart.categories) * _ROW_CM, 1)


def _colours(chart: Chart) -> list[tuple[str, str]]:
    """Each series' fill and the colour of the numbers written on it."""
    if not chart.legend:
        return [_SINGLE] * len(chart.series)
    return [_STACKED[index % len(_STACKED)] for index in range(len(chart.series))]


def escape(text: str) -> str:
    """Text for element content (`xml.sax.saxutils` would load urllib for the same)."""
    return _escape(text, quote=False)


def _text_properties(size: int, colour: str, language: str, *, bold: bool = False) -> str:
    weight = ' b="1"' if bold else ""
    return (f'<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{size}"{weight}>'
            f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'
            f'<a:latin typeface="{_FONT}"/><a:cs typeface="{_FONT}"/></a:defRPr></a:pPr>'
            f'<a:endParaRPr lang="{language}"/></a:p></c:txPr>')


def _no_line() -> str:
    return "<a:ln><a:noFill/></a:ln>"


def _strings(values: list[str]) -> str:
    points = "".join(f'<c:pt idx="{i}"><c:v>{escape(v)}</c:v></c:pt>'
                     for i, v in enumerate(values))
    return f'<c:strLit><c:ptCount val="{len(values)}"/>{points}</c:strLit>'


def _numbers(values: tuple[int, ...]) -> str:
    points = "".join(f'<c:pt idx="{i}"><c:v>{v}</c:v></c:pt>' for i, v in enumerate(values))
    return (f'<c:numLit><c:formatCode>General</c:formatCode><c:ptCount val="{len(values)}"/>'
            f'{points}</c:numLit>')


def chart_part(chart: Chart, language: str) -> bytes:
    """The chart part of `chart`: horizontal bars top down, stacked when there are several
    series, each bar's parts labelled with their numbers (none for a zero), the totals beside
    the names, a legend above the bars when there are several series, else the heading."""
    names = list(chart.categories)
    if chart.totals is not None:
        names = [f"{name} ({total})" for name, total in zip(names, chart.totals, strict=True)]
    stacked = len(chart.series) > 1
    series = []
    for index, (one, (fill, ink)) in enumerate(zip(chart.series, _colours(chart), strict=True)):
        labels = (f'<c:dLbls><c:numFmt formatCode="0;;;" sourceLinked="0"/>'
                  f'<c:spPr><a:noFill/>{_no_line()}</c:spPr>'
                  f'{_text_properties(_SIZE, ink, language)}'
                  f'<c:dLblPos val="{"ctr" if stacked else "outEnd"}"/>'
                  '<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>'
                  '<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/>'
                  '</c:dLbls>')
        series.append(
            f'<c:ser><c:idx val="{index}"/><c:order val="{index}"/>'
            f'<c:tx><c:v>{escape(one.name)}</c:v></c:tx>'
            f'<c:spPr><a:solidFill><a:srgbClr val="{fill}"/></a:solidFill>{_no_line()}'
            f'</c:spPr><c:invertIfNegative val="0"/>{labels}'
            f'<c:cat>{_strings(names)}</c:cat><c:val>{_numbers(one.values)}</c:val></c:ser>')
    title = ""
    if chart.heading and not chart.legend:
        title = (f'<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr '
                 f'sz="{_SIZE}" b="0"><a:solidFill><a:srgbClr val="{_MUTED}"/>'
                 f'</a:solidFill><a:latin typeface="{_FONT}"/></a:defRPr></a:pPr><a:r><a:rPr '
                 f'lang="{language}" sz="{_SIZE}" b="0"><a:solidFill><a:srgbClr '
                 f'val="{_MUTED}"/></a:solidFill><a:latin typeface="{_FONT}"/>'
                 f'</a:rPr><a:t>{escape(chart.heading)}</a:t></a:r></a:p></c:rich></c:tx>'
                 '<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>')
    else:
        title = '<c:autoTitleDeleted val="1"/>'
    legend = ""
    if chart.legend:
        legend = ('<c:legend><c:legendPos val="t"/><c:overlay val="0"/>'
                  f'{_text_properties(_SIZE, _TEXT, language)}</c:legend>')
    grouping = "stacked" if stacked else "clustered"
    overlap = '<c:overlap val="100"/>' if stacked else ""
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<c:chartSpace xmlns:c="{_C}" xmlns:a="{_A}" xmlns:r="{_R}">'
        f'<c:lang val="{language}"/><c:roundedCorners val="0"/>'
        f'<c:chart>{title}<c:plotArea><c:layout/>'
        f'<c:barChart><c:barDir val="bar"/><c:grouping val="{grouping}"/>'
        f'<c:varyColors val="0"/>{"".join(series)}<c:gapWidth val="60"/>{overlap}'
        '<c:axId val="1"/><c:axId val="2"/></c:barChart>'
        # the names top down, by a line in the muted colour
        '<c:catAx><c:axId val="1"/><c:scaling><c:orientation val="maxMin"/></c:scaling>'
        '<c:delete val="0"/><c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="0"/>'
        '<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f'<c:spPr><a:ln w="9525"><a:solidFill><a:srgbClr val="{_MUTED}"/>'
        '</a:solidFill></a:ln></c:spPr>'
        f'{_text_properties(_NAMES_SIZE, _TEXT, language)}'
        '<c:crossAx val="2"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/>'
        '<c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
        # the numbers are on the bars: no scale
        '<c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/>'
        '</c:scaling><c:delete val="1"/><c:axPos val="b"/>'
        '<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/>'
        '<c:minorTickMark val="none"/><c:tickLblPos val="none"/><c:crossAx val="1"/>'
        '<c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>'
        f'<c:spPr><a:noFill/>{_no_line()}</c:spPr></c:plotArea>{legend}'
        '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>'
        f'<c:spPr><a:noFill/>{_no_line()}</c:spPr>'
        f'{_text_properties(_SIZE, _TEXT, language)}</c:chartSpace>')
    return xml.encode("utf-8")
