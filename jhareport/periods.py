"""Dates and spans as the network writes them, and as readers read them.

A `Period` is a day, several days, a month, a quarter, a year, or a span of any of them. It is read
from the forms the sources use (``13 & 14 June 2023``, ``Q1-2 2024``, ``21.02.2019``) and formatted
for readers through Babel with an explicit locale. A `StateOfPlay` is the scorecard's column: an
open state (ONGOING, PLANNED, THROUGHOUT) or done, with or without its period.
"""

from __future__ import annotations

import calendar
import functools
import itertools
import re
from collections.abc import Sequence
from datetime import date
from enum import Enum

from attrs import field, frozen
from babel import Locale
from babel.dates import (
    format_date,
    format_interval,
    format_skeleton,
    tokenize_pattern,
    untokenize_pattern,
)
from babel.lists import format_list

from .i18n import translate

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


@frozen(order=False, cache_hash=True)  # hashed where its formatting is worked out once
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
# Between things named apart, never a span: "1, 3 and 5", "30 June and 1 July".
_LIST_SEP = r"(?:\s*(?:&|,)\s*(?:and\s+)?|\s+and\s+)"


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
    if ranged:
        return Period(days[0], days[-1], Unit.DAY)
    return _named_apart(days, g["ds"])


def _named_apart(days: list[date], written: str) -> Period:
    """Days named one by one: their parts, unless they follow each other without a gap."""
    if days != sorted(days) or len(set(days)) != len(days):
        raise PeriodError(f"the days {written!r} are not in order")
    consecutive = all((b - a).days == 1 for a, b in itertools.pairwise(days))
    return Period(days[0], days[-1], Unit.DAY, () if consecutive or len(days) == 1 else tuple(days))


def _day_groups(g: dict[str, str]) -> Period:
    """Days of several months named apart: "30 June and 1 July 2023", "1 and 3 May, 5 June 2023"."""
    groups: list[tuple[list[int], int, int | None]] = []
    for match in re.finditer(_DAY_GROUP, g["gs"], flags=re.IGNORECASE):
        numbers = [int(n) for n in re.split(r"\D+", match.group("ds")) if n]
        year = match.group("gy")
        groups.append((numbers, _month(match.group("gm")), int(year) if year else None))
    days: list[date] = []
    year = int(g["y"])
    for numbers, month, stated in reversed(groups):  # a month without its year takes the next one
        year = stated if stated is not None else year
        days[:0] = [_day(year, month, n) for n in numbers]
    return _named_apart(days, " ".join(g["gs"].split()))


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


def _month_groups(g: dict[str, str]) -> Period:
    """Months of several years named apart: "November and December 2023 and January 2024"."""
    groups: list[tuple[list[int], int | None]] = []
    for match in re.finditer(_MONTH_GROUP, g["gs"], flags=re.IGNORECASE):
        names = [n for n in re.split(_LIST_SEP, match.group("ms"), flags=re.IGNORECASE) if n]
        year = match.group("gy")
        groups.append(([_month(n.rstrip(".")) for n in names], int(year) if year else None))
    firsts: list[date] = []
    for months, year in groups:  # only the last group leaves its year to the end of the text
        firsts.extend(date(year if year is not None else int(g["y"]), m, 1) for m in months)
    if firsts != sorted(firsts) or len(set(firsts)) != len(firsts):
        raise PeriodError(f"the months {' '.join(g['gs'].split())!r} are not in order")
    last = firsts[-1]
    return Period(firsts[0], _month_end(last.year, last.month), Unit.MONTH, tuple(firsts))


def _month_span(g: dict[str, str]) -> Period:
    """Months of two years: "November 2023 – January 2024"."""
    start = date(int(g["y1"]), _month(g["m1"]), 1)
    end = _month_end(int(g["y"]), _month(g["m2"]))
    return Period(start, end, Unit.MONTH)


def _quarters(g: dict[str, str]) -> Period:
    year = int(g["y"])
    first = _quarter(int(g.get("y1", year)), int(g["q1"]))
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
_DAY_LIST = r"\d{1,2}(?:" + _LIST_SEP + r"\d{1,2})*"
_DAY_GROUP = r"(?P<ds>" + _DAY_LIST + r")\s+" + _MONTH.format("gm") + r"(?:\s+(?P<gy>\d{4}))?"
_DAY_GROUPS = (r"(?P<gs>(?:" + _DAY_LIST + r"\s+[A-Za-z]{3,9}\.?(?:\s+\d{4})?" + _LIST_SEP + r")+"
               + _DAY_LIST + r"\s+[A-Za-z]{3,9}\.?)(?:\s+(?P<y>\d{4}))?")
_MONTH_LIST = r"[A-Za-z]{3,9}\.?(?:" + _LIST_SEP + r"[A-Za-z]{3,9}\.?)*"
_MONTH_GROUP = r"(?:^|" + _LIST_SEP + r")(?P<ms>" + _MONTH_LIST + r")(?:\s+(?P<gy>\d{4}))?"
_MONTH_GROUPS = (r"(?P<gs>(?:" + _MONTH_LIST + r"\s+\d{4}" + _LIST_SEP + r")+" + _MONTH_LIST
                 + r")\s+(?P<y>\d{4})")
_FORMS = (
    (r"(?P<y>\d{4})-(?P<mo>\d{1,2})-(?P<d>\d{1,2})", _iso),
    (r"(?P<d>\d{1,2})[./](?P<mo>\d{1,2})[./](?P<y>\d{4})", _iso),
    (_DAYS + r"(?:st|nd|rd|th)?\s+" + _MONTH.format("m") + r"(?:\s+(?P<y>\d{4}))?", _days),
    (r"(?P<d1>\d{1,2})\s+" + _MONTH.format("m1") + r"(?:\s+(?P<y1>\d{4}))?\s*[-–]\s*"
     r"(?P<d2>\d{1,2})\s+" + _MONTH.format("m2") + r"(?:\s+(?P<y>\d{4}))?", _day_span),
    (_DAY_GROUPS, _day_groups),
    (r"(?P<ms>[A-Za-z]{3,9}\.?(?:" + _SEP + r"[A-Za-z]{3,9}\.?)*)\s+(?P<y>\d{4})", _months),
    (_MONTH_GROUPS, _month_groups),
    (_MONTH.format("m1") + r"\s+(?P<y1>\d{4})\s*[-–]\s*" + _MONTH.format("m2") + r"\s+(?P<y>\d{4})",
     _month_span),
    (r"Q(?P<q1>\d)(?:\s*[-–]\s*Q?(?P<q2>\d))?\s+(?P<y>\d{4})", _quarters),
    (r"Q(?P<q1>\d)\s+(?P<y1>\d{4})\s*[-–]\s*Q(?P<q2>\d)\s+(?P<y>\d{4})", _quarters),
    (r"(?:(?P<y1>\d{4})\s*[-–/]\s*)?(?P<y>\d{4})", _years),
)


_EU_ENGLISH = Locale("en", "IE")


def reader_locale(tag: str | Locale) -> Locale:
    """The Babel locale for a language tag; plain English follows the EU's style (21 June 2023)."""
    locale = tag if isinstance(tag, Locale) else _parsed_locale(tag)
    if locale.language == "en" and locale.territory is None:
        return _EU_ENGLISH
    return locale


@functools.lru_cache(maxsize=64)
def _parsed_locale(tag: str) -> Locale:
    """Babel's locale of a tag, parsed once (every date, number and list of a build asks)."""
    return Locale.parse(tag.replace("-", "_"))


def _long_interval(start: date, end: date, locale: Locale) -> str:
    """Two days of a span, with the month written out ("13–14 June 2023")."""
    key = "y" if start.year != end.year else "M" if start.month != end.month else "d"
    first, second = locale.interval_formats["yMMMd"][key]

    def longer(pattern: str) -> str:
        return re.sub(r"(?<!M)MMM(?!M)", "MMMM", pattern)

    return (format_date(start, longer(first), locale=locale)
            + format_date(end, longer(second), locale=locale))


_PLACE = "\ue000"  # where the list of day numbers goes in a date pattern


def _days_named_apart(days: Sequence[date], locale: Locale) -> str:
    """Days named one by one, each month and each year written once, through the locale's long
    date pattern: "1, 3 and 5 June 2023", "30 June and 1 July 2023", "1., 3. und 5. Juni 2023",
    "30 December 2023 and 2 January 2024"."""
    groups = [list(days) for _, days in itertools.groupby(days, lambda d: (d.year, d.month))]
    long = locale.date_formats["long"].pattern
    year_first = _year_first(long)
    texts = []
    for index, group in enumerate(groups):
        pattern = (long if _with_year(groups, index, year_first)
                   else locale.datetime_skeletons["MMMMd"].pattern)
        texts.append(_with_days(group, pattern, locale))
    return format_list(texts, locale=locale)


def _months_named_apart(months: Sequence[date], locale: Locale) -> str:
    """Months named one by one, each year written once: "July and September 2019",
    "November and December 2023 and January 2024"."""
    groups = [list(months) for _, months in itertools.groupby(months, lambda d: d.year)]
    year_first = _year_first(locale.datetime_skeletons["yMMMM"].pattern)
    texts = []
    for group in groups:
        names = [format_date(d, "LLLL", locale=locale) for d in group]
        at = 0 if year_first else -1
        names[at] = format_skeleton("yMMMM", group[at], locale=locale)
        texts.append(format_list(names, locale=locale))
    return format_list(texts, locale=locale)


def _year_first(pattern: str) -> bool:
    """Whether the locale writes the year before the month ("2023. június")."""
    fields = [value[0] for kind, value in tokenize_pattern(pattern) if kind == "field"]
    return "y" in fields and "M" in fields and fields.index("y") < fields.index("M")


def _with_year(groups: Sequence[Sequence[date]], index: int, year_first: bool) -> bool:
    """Whether a month's group carries the year: the last of its year, or the first where the
    year is written first (Hungarian "2023. június 30. és július 2.")."""
    beside = index - 1 if year_first else index + 1
    return not 0 <= beside < len(groups) or groups[beside][0].year != groups[index][0].year


def _with_days(days: list[date], pattern: str, locale: Locale) -> str:
    """The date pattern of one day, with the listed day numbers where its day stands."""
    tokens = tokenize_pattern(pattern)
    at = next((i for i, (kind, value) in enumerate(tokens)
               if kind == "field" and value[0] == "d"), None)
    if at is None or len(days) == 1:
        return format_date(days[0], pattern, locale=locale)
    day_field = untokenize_pattern([tokens[at]])  # "d", or "dd" where the locale pads it
    after = tokens[at + 1:]
    # What belongs to each day number, as the dot of German "1., 3. und 5. Juni"
    suffix = ""
    if after and after[0][0] == "chars":
        chars = str(after[0][1])
        kept = re.match(r"[.\w]*", chars)
        suffix = kept.group(0) if kept else ""
        after = ([("chars", chars[len(suffix):])] if chars[len(suffix):] else []) + after[1:]
    names = format_list([format_date(d, day_field, locale=locale) + suffix for d in days],
                        locale=locale)
    marked = untokenize_pattern([*tokens[:at], ("chars", _PLACE), *after])
    return format_date(days[0], marked, locale=locale).replace(_PLACE, names)


def format_period(period: Period, locale: str | Locale = "en") -> str:
    """The period as a reader of that locale reads it."""
    loc = reader_locale(locale)
    if period.unit is Unit.DAY:
        if period.parts:
            return _days_named_apart(period.parts, loc)
        if period.start == period.end:
            return format_date(period.start, "long", locale=loc)
        return _long_interval(period.start, period.end, loc)
    if period.unit is Unit.MONTH:
        if period.parts:
            return _months_named_apart(period.parts, loc)
        if (period.start.year, period.start.month) == (period.end.year, period.end.month):
            return format_skeleton("yMMMM", period.start, locale=loc)
        return format_interval(period.start, period.end, "yMMMM", locale=loc)
    if period.unit is Unit.QUARTER:
        last = format_skeleton("yQQQ", period.end, locale=loc)
        if (period.end - period.start).days < 93:
            return last
        if period.start.year != period.end.year:
            return format_skeleton("yQQQ", period.start, locale=loc) + " – " + last
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


@frozen(cache_hash=True)  # a large annex shows the same few states thousands of times
class StateOfPlay:
    """The state of play of a scorecard action: a status and, where stated, its period."""

    status: Status = field(metadata={"doc": "ongoing, done, planned, throughout or dated; `label` words it"})
    period: Period | None = field(
        default=None,
        metadata={"doc": "the date or period stated, if any; `|state` shows it with the status"})
    remark: str | None = field(
        default=None, metadata={"doc": "a word stated with the period, e.g. since in ONGOING (from 2017)"})

    @property
    def label(self) -> str:
        """The status in words, for counts and summaries."""
        return _STATE_LABELS[self.status]

    def format(self, locale: str | Locale = "en") -> str:
        """The state as the annex shows it: "Done (11 July 2019)", "Throughout 2019"; in French
        "Terminé (11 juillet 2019)"."""
        when = format_period(self.period, locale) if self.period else ""
        label = translate(self.label, locale)
        if self.status is Status.DATED:
            text = when
        elif self.status is Status.THROUGHOUT:
            text = translate("Throughout %(when)s", locale, when=when) if when else label
        elif self.status is Status.PLANNED:
            text = translate("Planned %(when)s", locale, when=when) if when else label
        elif when and self.remark == "since":
            return translate("%(label)s (since %(when)s)", locale, label=label, when=when)
        elif when:
            text = translate("%(label)s (%(when)s)", locale, label=label, when=when)
        else:
            text = label
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
