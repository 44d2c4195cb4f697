"""Dates and spans as the network writes them, and as readers read them.

A `Period` is a day, several days, a month, a quarter, a year, or a span of any of them. It is read
from the forms the sources use (``13 & 14 June 2023``, ``Q1-2 2024``, ``21.02.2019``) and formatted
for readers through Babel with an explicit locale. A `StateOfPlay` is the scorecard's column: an
open state (ONGOING, PLANNED, THROUGHOUT) or done, with or without its period.
"""

from __future__ import annotations

import calendar
import itertools
import re
from collections.abc import Sequence
from datetime import date
from enum import Enum

from attrs import field, frozen
from babel import Locale
from babel.dates import format_date, format_interval, format_skeleton
from babel.lists import format_list

__all__ = [
    "Period",
    "PeriodError",
    "StateOfPlay",
    "Status",
    "Unit",
    "format_period",
    "format_periods",
    "parse_period",
    "parse_state",
    "reader_locale",
]


class PeriodError(ValueError):
    """A text that is no date or period, or an impossible one."""


class Unit(Enum):
    """The precision a period is stated with."""

    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


@frozen(order=False)
class Period:
    """A span of time from `start` to `end` (both included), stated to the precision of `unit`.

    `parts` lists the first day of each separately named part when the source names them apart
    ("July and September 2019"); it is empty for one continuous span.
    """

    start: date
    end: date
    unit: Unit
    parts: tuple[date, ...] = field(default=())

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise PeriodError(f"the period ends ({self.end}) before it starts ({self.start})")

    @property
    def sort_key(self) -> tuple[date, date]:
        return (self.start, self.end)

    def __lt__(self, other: Period) -> bool:
        return self.sort_key < other.sort_key

    @property
    def year(self) -> int:
        return self.start.year


_MONTHS = {name.casefold(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.casefold(): number for number, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9
_MONTH = r"(?P<{}>[A-Za-z]{{3,9}})\.?"
_SEP = r"(?:\s*(?:&|,|-|–|/)\s*|\s+(?:and|to)\s+)"


def _month(name: str) -> int:
    try:
        return _MONTHS[name.casefold()]
    except KeyError:
        raise PeriodError(f"{name!r} is not a month") from None


def _day(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise PeriodError(f"there is no day {day} in {calendar.month_name[month]} {year}") from None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _quarter(year: int, quarter: int) -> tuple[date, date]:
    if not 1 <= quarter <= 4:
        raise PeriodError(f"there is no quarter Q{quarter}")
    first = 3 * quarter - 2
    return date(year, first, 1), _month_end(year, first + 2)


def parse_period(text: str, default_year: int | None = None) -> Period:
    """Read a date or period written as the network's documents write them.

    `default_year` completes forms that leave the year out ("16-17 April").
    """
    raw = " ".join(str(text).split())
    if not raw:
        raise PeriodError("empty date")
    for pattern, build in _FORMS:
        match = re.fullmatch(pattern, raw, flags=re.IGNORECASE)
        if match:
            groups = {k: v for k, v in match.groupdict().items() if v is not None}
            if "y" not in groups and "y1" not in groups:
                if default_year is None:
                    raise PeriodError(f"{raw!r} has no year")
                groups["y"] = str(default_year)
            return build(groups)
    raise PeriodError(
        f"cannot read {raw!r} as a date or period "
        "(write e.g. '21 November 2023', '13 & 14 June 2023', 'June 2023', 'Q1-2 2024', '2024')"
    )


def _days(g: dict[str, str]) -> Period:
    year = int(g["y"])
    month = _month(g["m"])
    numbers = [int(n) for n in re.split(r"\D+", g["ds"]) if n]
    days = [_day(year, month, n) for n in numbers]
    if days != sorted(days) or len(set(days)) != len(days):
        raise PeriodError(f"the days {g['ds']!r} are not in order")
    ranged = re.search(r"-|–|\bto\b", g["ds"], re.IGNORECASE) is not None
    if len(days) == 1 or ranged:
        return Period(days[0], days[-1], Unit.DAY)
    consecutive = all((b - a).days == 1 for a, b in itertools.pairwise(days))
    return Period(days[0], days[-1], Unit.DAY, () if consecutive else tuple(days))


def _day_span(g: dict[str, str]) -> Period:
    y2 = int(g["y"])
    y1 = int(g.get("y1", y2))
    return Period(_day(y1, _month(g["m1"]), int(g["d1"])), _day(y2, _month(g["m2"]), int(g["d2"])),
                  Unit.DAY)


def _months(g: dict[str, str]) -> Period:
    year = int(g["y"])
    names = [n for n in re.split(_SEP, g["ms"], flags=re.IGNORECASE) if n]
    months = [_month(n.rstrip(".")) for n in names]
    if months != sorted(months):
        raise PeriodError(f"the months {g['ms']!r} are not in order")
    ranged = len(months) == 2 and re.search(r"-|–|\bto\b", g["ms"], re.IGNORECASE) is not None
    start, end = date(year, months[0], 1), _month_end(year, months[-1])
    if len(months) == 1 or ranged:
        return Period(start, end, Unit.MONTH)
    return Period(start, end, Unit.MONTH, tuple(date(year, m, 1) for m in months))


def _quarters(g: dict[str, str]) -> Period:
    year = int(g["y"])
    first = _quarter(year, int(g["q1"]))
    last = _quarter(year, int(g.get("q2", g["q1"])))
    return Period(first[0], last[1], Unit.QUARTER)


def _years(g: dict[str, str]) -> Period:
    first = int(g.get("y1", g["y"]))
    last = int(g["y"])
    return Period(date(first, 1, 1), date(last, 12, 31), Unit.YEAR)


def _iso(g: dict[str, str]) -> Period:
    day = _day(int(g["y"]), int(g["mo"]), int(g["d"]))
    return Period(day, day, Unit.DAY)


_DAYS = r"(?P<ds>\d{1,2}(?:" + _SEP + r"\d{1,2})*)"
_FORMS = (
    (r"(?P<y>\d{4})-(?P<mo>\d{1,2})-(?P<d>\d{1,2})", _iso),
    (r"(?P<d>\d{1,2})[./](?P<mo>\d{1,2})[./](?P<y>\d{4})", _iso),
    (_DAYS + r"(?:st|nd|rd|th)?\s+" + _MONTH.format("m") + r"(?:\s+(?P<y>\d{4}))?", _days),
    (r"(?P<d1>\d{1,2})\s+" + _MONTH.format("m1") + r"(?:\s+(?P<y1>\d{4}))?\s*[-–]\s*"
     r"(?P<d2>\d{1,2})\s+" + _MONTH.format("m2") + r"(?:\s+(?P<y>\d{4}))?", _day_span),
    (r"(?P<ms>[A-Za-z]{3,9}\.?(?:" + _SEP + r"[A-Za-z]{3,9}\.?)*)\s+(?P<y>\d{4})", _months),
    (r"Q(?P<q1>\d)(?:\s*[-–]\s*Q?(?P<q2>\d))?\s+(?P<y>\d{4})", _quarters),
    (r"(?:(?P<y1>\d{4})\s*[-–/]\s*)?(?P<y>\d{4})", _years),
)


def reader_locale(tag: str | Locale) -> Locale:
    """The Babel locale for a language tag; plain English follows the EU's style (21 June 2023)."""
    locale = tag if isinstance(tag, Locale) else Locale.parse(tag.replace("-", "_"))
    if locale.language == "en" and locale.territory is None:
        return Locale("en", "IE")
    return locale


def _long_interval(start: date, end: date, locale: Locale) -> str:
    """Two days of a span, with the month written out ("13–14 June 2023")."""
    key = "y" if start.year != end.year else "M" if start.month != end.month else "d"
    first, second = locale.interval_formats["yMMMd"][key]

    def longer(pattern: str) -> str:
        return re.sub(r"(?<!M)MMM(?!M)", "MMMM", pattern)

    return (format_date(start, longer(first), locale=locale)
            + format_date(end, longer(second), locale=locale))


def format_period(period: Period, locale: str | Locale = "en") -> str:
    """The period as a reader of that locale reads it."""
    loc = reader_locale(locale)
    if period.unit is Unit.DAY:
        if period.parts:
            return format_list([format_date(d, "long", locale=loc) for d in period.parts],
                               locale=loc)
        if period.start == period.end:
            return format_date(period.start, "long", locale=loc)
        return _long_interval(period.start, period.end, loc)
    if period.unit is Unit.MONTH:
        if period.parts:
            names = [format_date(d, "LLLL", locale=loc) for d in period.parts[:-1]]
            return format_list([*names, format_skeleton("yMMMM", period.parts[-1], locale=loc)],
                               locale=loc)
        if (period.start.year, period.start.month) == (period.end.year, period.end.month):
            return format_skeleton("yMMMM", period.start, locale=loc)
        return format_interval(period.start, period.end, "yMMMM", locale=loc)
    if period.unit is Unit.QUARTER:
        last = format_skeleton("yQQQ", period.end, locale=loc)
        if (period.end - period.start).days < 93:
            return last
        return format_date(period.start, "QQQ", locale=loc) + "–" + last
    if period.start.year == period.end.year:
        return str(period.start.year)
    return f"{period.start.year}–{period.end.year}"


def format_periods(periods: Sequence[Period], locale: str | Locale = "en") -> str:
    """Several periods in one phrase: consecutive days merge ("8–9 June 2023"), others are listed
    ("20 April 2023 and 11 December 2023")."""
    loc = reader_locale(locale)
    ordered = sorted(periods)
    merged: list[Period] = []
    for period in ordered:
        last = merged[-1] if merged else None
        if (last is not None and last.unit is Unit.DAY and period.unit is Unit.DAY
                and not last.parts and not period.parts
                and (period.start - last.end).days <= 1):
            merged[-1] = Period(last.start, max(last.end, period.end), Unit.DAY)
        else:
            merged.append(period)
    return format_list([format_period(p, loc) for p in merged], locale=loc)


class Status(Enum):
    """Where a scorecard action stands."""

    ONGOING = "ongoing"
    DONE = "done"
    PLANNED = "planned"
    THROUGHOUT = "throughout"
    DATED = "dated"


_STATUS_WORDS = {
    "ongoing": Status.ONGOING,
    "ongoing/regular": Status.ONGOING,
    "regular": Status.ONGOING,
    "done": Status.DONE,
    "completed": Status.DONE,
    "planned": Status.PLANNED,
    "throughout": Status.THROUGHOUT,
}

_STATE_LABELS: dict[Status, str] = {
    Status.ONGOING: "Ongoing",
    Status.DONE: "Done",
    Status.PLANNED: "Planned",
    Status.THROUGHOUT: "Throughout",
    Status.DATED: "Held",
}


@frozen
class StateOfPlay:
    """The state of play of a scorecard action: a status and, where stated, its period."""

    status: Status
    period: Period | None = None
    remark: str | None = None

    @property
    def label(self) -> str:
        """The status in words, for counts and summaries."""
        return _STATE_LABELS[self.status]

    def format(self, locale: str | Locale = "en") -> str:
        """The state as the annex shows it: "Done (11 July 2019)", "Throughout 2019"."""
        when = format_period(self.period, locale) if self.period else ""
        if self.status is Status.DATED:
            text = when
        elif self.status is Status.THROUGHOUT:
            text = f"Throughout {when}".strip()
        elif self.status is Status.PLANNED:
            text = f"Planned {when}".strip()
        elif when and self.remark == "since":
            return f"{self.label} (since {when})"
        elif when:
            text = f"{self.label} ({when})"
        else:
            text = self.label
        return f"{text}; {self.remark}" if self.remark else text


def parse_state(text: str, default_year: int | None = None) -> StateOfPlay:
    """Read a state of play: ONGOING, DONE (11 July 2019), PLANNED 2020-2021, 21.02.2019 …"""
    raw = " ".join(str(text).split())
    match = re.match(r"(?P<word>ongoing/regular|[a-z]+)\b\s*[-–:]?\s*(?P<rest>.*)", raw, re.I)
    status: Status | None = None
    rest = raw
    if match and match.group("word").casefold() in _STATUS_WORDS:
        status = _STATUS_WORDS[match.group("word").casefold()]
        rest = match.group("rest").strip()
    inner = re.fullmatch(r"\((?P<inner>.*)\)", rest)
    if inner:
        rest = inner.group("inner").strip()
    remark = None
    since = re.match(r"(?:from|since)\s+(?P<when>.+)", rest, re.I)
    lead = re.match(r"(?P<remark>[A-Za-z][A-Za-z ]*?)\s+in\s+(?P<when>.+)", rest, re.I)
    if since and status is not None:
        remark, rest = "since", since.group("when")
    elif lead and status is not None:
        remark, rest = lead.group("remark").casefold(), lead.group("when")
    if not rest:
        if status is None:
            raise PeriodError("empty state of play")
        return StateOfPlay(status, None, remark)
    try:
        period = parse_period(rest, default_year)
    except PeriodError as error:
        raise PeriodError(
            f"cannot read the state of play {raw!r}: {str(error).split(' (write')[0]} "
            "(write ONGOING, DONE, PLANNED 2020-2021, THROUGHOUT 2019, DONE (11 July 2019) or a date)"
        ) from None
    return StateOfPlay(status or Status.DATED, period, remark)
