"""The filters a template author may use: plain functions, collected in FILTERS.

Every filter that shows a date or a number to a reader goes through Babel with the build's locale;
every filter that shows an agency uses the name the agency bore in the report's year. The build
binds `locale` and `as_of` when it makes the template environment.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from babel import Locale
from babel.lists import format_list
from babel.numbers import format_decimal

from ..agencies import AGENCIES, Agency, Body, full_name, short_name
from ..i18n import translate, translate_plural
from ..markup import Block, Markup, Span, numbered_points
from ..periods import Period, StateOfPlay, format_period, format_periods, reader_locale
from ..records import Format, Session

__all__ = ["FILTERS", "agencies", "agency", "agency_full", "dates", "details", "join_counts",
           "join_list", "lines", "number", "numbered", "period", "state", "translated"]


def period(value: Period, *, locale: str, as_of: date) -> str:
    """A date or period as readers of the locale read it: ``{{ entry.date|period }}`` →
    "13–14 June 2023"."""
    return format_period(value, locale)


def dates(sessions: Sequence[Session | Period], *, locale: str, as_of: date) -> str:
    """The dates of a meeting's or event's sessions in one phrase:
    ``{{ meeting.sessions|dates }}`` → "20 April 2023 and 11 December 2023"."""
    periods = [s.date if isinstance(s, Session) else s for s in sessions]
    return format_periods(periods, locale) if periods else ""


def agency(value: Agency | Body | None, *, locale: str, as_of: date) -> str:
    """An agency's short name in the report's year (EASO in 2019, EUAA in 2023), as the EU
    writes it in the locale's language (AUEA in French)."""
    return short_name(value, as_of, locale) if value is not None else ""


def agency_full(value: Agency | Body | None, *, locale: str, as_of: date) -> str:
    """An agency's full name in the report's year, in the locale's language."""
    return full_name(value, as_of, locale) if value is not None else ""


def agencies(values: Iterable[Agency | Body], *, locale: str, as_of: date,
             all_as: str | None = None) -> str:
    """Agencies' short names in the report's year, joined as a list in the locale:
    "Europol, Eurojust and Frontex". With `all_as`, the nine agencies of the network together
    are named so: ``{{ action.agencies|agencies(all_as='All JHA agencies') }}`` → "All JHA
    agencies" (then the other bodies)."""
    listed = list(values)
    if all_as and set(AGENCIES) <= set(listed):
        names = [all_as, *(short_name(v, as_of, locale) for v in listed
                           if v not in AGENCIES)]
    else:
        names = [short_name(v, as_of, locale) for v in listed]
    return format_list(names, locale=reader_locale(locale)) if names else ""


def number(value: int | float, *, locale: str, as_of: date) -> str:
    """A number with the locale's separators: 12,345 (en), 12 345 (fr), 12.345 (de)."""
    return format_decimal(value, locale=reader_locale(locale))


def join_list(values: Iterable[Any], *, locale: str, as_of: date) -> str:
    """Texts joined as a list in the locale: "a, b and c", "a, b et c"."""
    items = [str(v) for v in values]
    return format_list(items, locale=reader_locale(locale)) if items else ""


# How the network counts scorecard actions by state of play, singular and plural; the catalogs
# give the forms of each language (French agrees with "action": "63 terminées").
_COUNTED = {
    "Ongoing": ("%(count)s is ongoing", "%(count)s are ongoing"),
    "Throughout": ("%(count)s runs throughout the year", "%(count)s run throughout the year"),
    "Planned": ("%(count)s is planned", "%(count)s are planned"),
    "Done": ("%(count)s is done", "%(count)s are done"),
    "Held": ("%(count)s was held", "%(count)s were held"),
    "Not stated": ("%(count)s has no state of play", "%(count)s have no state of play"),
}


def join_counts(values: Iterable[Any], *, locale: str, as_of: date) -> str:
    """Counted things (with `label` and `count`) as a phrase: ``{{ summary.states|join_counts }}``
    → "66 are ongoing, 1 is planned and 31 are done"; other labels read "3 label"."""
    loc = reader_locale(locale)
    items = []
    for value in values:
        count = format_decimal(value.count, locale=loc)
        if value.label in _COUNTED:
            singular, plural = _COUNTED[value.label]
            items.append(translate_plural(singular, plural, value.count, locale, count=count))
        else:
            items.append(f"{count} {translate(value.label, locale).lower()}")
    return format_list(items, locale=loc) if items else ""


def translated(value: str, *, locale: str, as_of: date) -> str:
    """A word the code writes, in the build's language: ``{{ state.label|translated }}`` →
    "Ongoing" (en), "En cours" (fr), "Laufend" (de)."""
    return translate(str(value), locale)


def state(value: StateOfPlay | None, *, locale: str, as_of: date) -> str:
    """A scorecard action's state of play: "Done (11 July 2019)", "Throughout 2019"."""
    return value.format(locale) if value is not None else ""


def details(record: Any, *, locale: str, as_of: date) -> str:
    """The facts line of a meeting or event: format, place and who took part ("all JHA agencies"
    when the nine did). The agencies and bodies are the participants when the record names
    agencies; bodies alone are "among the participants" (the agencies present are not stated);
    one agency alone is the one that ran it, and the line names no participants."""
    parts: list[str] = []
    held = getattr(record, "format", None)
    place = place_name(getattr(record, "place", None), locale)
    how = translate(held.value.capitalize(), locale) if isinstance(held, Format) else None
    if how and place:
        parts.append(f"{how}, {place}")
    elif how:
        parts.append(how)
    elif place:
        parts.append(str(place))
    named_agencies = tuple(getattr(record, "agencies", ()))
    bodies = tuple(getattr(record, "bodies", ()))
    # One agency alone is the one that ran it (a survey), not who took part: the record does not say.
    if (named_agencies or bodies) and not (len(named_agencies) == 1 and not bodies):
        names = agencies([*named_agencies, *bodies], locale=locale, as_of=as_of,
                         all_as=translate("all JHA agencies", locale))
        message = "Participants: %(names)s" if named_agencies else "Among the participants: %(names)s"
        parts.append(translate(message, locale, names=names))
    return ". ".join(parts)


def lines(value: Markup | str | None, per_line: int = 80, *, locale: str, as_of: date) -> int:
    """About how many lines a text takes in a column `per_line` characters wide (list items a
    little narrower, under their bullet): ``{%tr if action.detail|lines(88) > 36 %}`` tells a
    table row longer than a page, which is better let break than kept whole."""
    if value is None:
        return 0
    if isinstance(value, str):
        return sum(max(1, math.ceil(len(part) / per_line)) for part in value.splitlines())
    paragraphs = value.plain_paragraphs()
    if paragraphs is not None:  # each paragraph's lines read joined by a space
        return sum(max(1, math.ceil((sum(map(len, lines)) + len(lines) - 1) / per_line))
                   for lines in paragraphs)
    return sum(max(1, math.ceil(len(block.text) / (per_line - 6 if block.list_kind else per_line)))
               for block in value.blocks)


def numbered(values: Iterable[Any], *, locale: str, as_of: date) -> Markup:
    """Records with a `title` and a `body` as one numbered list, each title an item with its body
    under it: ``{{p section.items|numbered|rich }}`` lists the priorities for next year as the
    2023 report does."""
    points = []
    for value in values:
        title = str(value.title)
        body: Markup = value.body
        points.append(Markup(f"{title}\n\n{body.source}", (Block((Span(title),)), *body.blocks),
                             body.footnotes))
    return numbered_points(points)


def place_name(place: str | None, locale: str) -> str | None:
    """A place as written in the records ("Valletta, Malta"), with its country named in the
    locale's language ("Valletta, Malte"); cities stay as written."""
    territories = reader_locale(locale).territories
    if not place or reader_locale(locale).language == "en":
        return place
    codes = {name.casefold(): code for code, name in Locale("en").territories.items()
             if code.isalpha()}
    return ", ".join(territories.get(codes.get(part.strip().casefold(), ""), part.strip())
                     for part in place.split(","))


FILTERS: dict[str, Callable[..., str | int | Markup]] = {
    "period": period,
    "dates": dates,
    "agency": agency,
    "agency_full": agency_full,
    "agencies": agencies,
    "number": number,
    "join_list": join_list,
    "join_counts": join_counts,
    "state": state,
    "details": details,
    "translated": translated,
    "lines": lines,
    "numbered": numbered,
}
