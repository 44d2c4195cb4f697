"""Dates, periods and states of play: read as the sources write them, formatted for readers."""

from __future__ import annotations

import calendar
import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jhareport.periods import (
    Period,
    PeriodError,
    Status,
    Unit,
    format_period,
    format_periods,
    parse_period,
    parse_state,
)

D = date

# text, start, end, unit, English, French, German
FORMS = [
    ("21 November 2023", D(2023, 11, 21), D(2023, 11, 21), Unit.DAY,
     "21 November 2023", "21 novembre 2023", "21. November 2023"),
    ("13 & 14 June 2023", D(2023, 6, 13), D(2023, 6, 14), Unit.DAY,
     "13–14 June 2023", "13–14 juin 2023", "13.–14. Juni 2023"),
    ("17-18 October 2023", D(2023, 10, 17), D(2023, 10, 18), Unit.DAY,
     "17–18 October 2023", "17–18 octobre 2023", "17.–18. Oktober 2023"),
    ("16-18 April 2019", D(2019, 4, 16), D(2019, 4, 18), Unit.DAY,
     "16–18 April 2019", "16–18 avril 2019", "16.–18. April 2019"),
    ("30 November - 1 December 2023", D(2023, 11, 30), D(2023, 12, 1), Unit.DAY,
     "30 November – 1 December 2023", "30 novembre – 1 décembre 2023",
     "30. November – 1. Dezember 2023"),
    ("June 2023", D(2023, 6, 1), D(2023, 6, 30), Unit.MONTH,
     "June 2023", "juin 2023", "Juni 2023"),
    ("July and September 2019", D(2019, 7, 1), D(2019, 9, 30), Unit.MONTH,
     "July and September 2019", "juillet et septembre 2019", "Juli und September 2019"),
    ("Q1-2 2024", D(2024, 1, 1), D(2024, 6, 30), Unit.QUARTER,
     "Q1–Q2 2024", "T1–T2 2024", "Q1–Q2 2024"),
    ("Q3 2024", D(2024, 7, 1), D(2024, 9, 30), Unit.QUARTER,
     "Q3 2024", "T3 2024", "Q3 2024"),
    ("2024", D(2024, 1, 1), D(2024, 12, 31), Unit.YEAR, "2024", "2024", "2024"),
    ("21.02.2019", D(2019, 2, 21), D(2019, 2, 21), Unit.DAY,
     "21 February 2019", "21 février 2019", "21. Februar 2019"),
    ("2023-06-13", D(2023, 6, 13), D(2023, 6, 13), Unit.DAY,
     "13 June 2023", "13 juin 2023", "13. Juni 2023"),
]


@pytest.mark.parametrize(("text", "start", "end", "unit", "en", "fr", "de"), FORMS,
                         ids=[f[0] for f in FORMS])
def test_parse_and_format(text: str, start: date, end: date, unit: Unit,
                          en: str, fr: str, de: str) -> None:
    period = parse_period(text)
    assert (period.start, period.end, period.unit) == (start, end, unit)

    def plain(s: str) -> str:  # Babel may use thin or narrow no-break spaces around dashes
        return " ".join(s.replace("\u2009", " ").replace("\u202f", " ").split())

    assert plain(format_period(period)) == en
    assert plain(format_period(period, "fr")) == fr
    assert plain(format_period(period, "de")) == de


def test_months_named_apart_keep_their_parts() -> None:
    period = parse_period("July and September 2019")
    assert period.parts == (D(2019, 7, 1), D(2019, 9, 1))  # August is not part of it


def test_case_and_spacing_of_the_sources_are_accepted() -> None:
    assert parse_period("29-30 OCTOBER 2019") == parse_period("29-30 October 2019")
    assert parse_period("  21   November\n2023 ") == parse_period("21 November 2023")
    assert parse_period("Sept 2019") == parse_period("September 2019")


def test_year_left_out_needs_a_default_year() -> None:
    with pytest.raises(PeriodError, match="'16-17 April' has no year"):
        parse_period("16-17 April")
    period = parse_period("16-17 April", default_year=2019)
    assert (period.start, period.end) == (D(2019, 4, 16), D(2019, 4, 17))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31 February 2023", "there is no day 31 in February 2023"),
        ("29 February 2023", "there is no day 29 in February 2023"),
        ("2023-02-30", "there is no day 30 in February 2023"),
        ("Smarch 2023", "'Smarch' is not a month"),
        ("Q5 2024", "there is no quarter Q5"),
        ("14 & 13 June 2023", "the days '14 & 13' are not in order"),
        ("", "empty date"),
        ("next Tuesday", r"cannot read 'next Tuesday' as a date or period \(write e\.g\. '21 November 2023'"),
    ],
)
def test_impossible_dates_are_refused_with_a_clear_message(text: str, message: str) -> None:
    with pytest.raises(PeriodError, match=message):
        parse_period(text)


def test_leap_day_exists_in_a_leap_year() -> None:
    assert format_period(parse_period("29 February 2024")) == "29 February 2024"


# ---- states of play -------------------------------------------------------------------------

STATES = [
    ("ONGOING", Status.ONGOING, None, None, "Ongoing"),
    ("DONE", Status.DONE, None, None, "Done"),
    ("DONE (11 July 2019)", Status.DONE, D(2019, 7, 11), D(2019, 7, 11), "Done (11 July 2019)"),
    ("DONE (11 JULY 2019)", Status.DONE, D(2019, 7, 11), D(2019, 7, 11), "Done (11 July 2019)"),
    ("PLANNED 2020-2021", Status.PLANNED, D(2020, 1, 1), D(2021, 12, 31), "Planned 2020–2021"),
    ("THROUGHOUT 2019", Status.THROUGHOUT, D(2019, 1, 1), D(2019, 12, 31), "Throughout 2019"),
    ("21.02.2019", Status.DATED, D(2019, 2, 21), D(2019, 2, 21), "21 February 2019"),
    ("NOVEMBER 2019", Status.DATED, D(2019, 11, 1), D(2019, 11, 30), "November 2019"),
    ("29-30 OCTOBER 2019", Status.DATED, D(2019, 10, 29), D(2019, 10, 30), "29–30 October 2019"),
    ("DONE (MARCH 2019)", Status.DONE, D(2019, 3, 1), D(2019, 3, 31), "Done (March 2019)"),
    ("ONGOING/REGULAR", Status.ONGOING, None, None, "Ongoing"),
]


@pytest.mark.parametrize(("text", "status", "start", "end", "shown"), STATES,
                         ids=[s[0] for s in STATES])
def test_states_of_play(text: str, status: Status, start: date | None, end: date | None,
                        shown: str) -> None:
    state = parse_state(text)
    assert state.status is status
    if start is None:
        assert state.period is None
    else:
        assert state.period is not None
        assert (state.period.start, state.period.end) == (start, end)
    assert state.format() == shown


def test_ongoing_from_a_year_keeps_the_year() -> None:
    state = parse_state("ONGOING (from 2017)")
    assert state.status is Status.ONGOING
    assert state.period is not None and state.period.start == D(2017, 1, 1)
    text = state.format()
    assert text in ("Ongoing (since 2017)", "Ongoing (from 2017)")


def test_state_without_year_takes_the_scorecard_year() -> None:
    state = parse_state("DONE (16-17 APRIL)", default_year=2019)
    assert state.status is Status.DONE
    assert state.format() == "Done (16–17 April 2019)"


def test_state_dates_follow_the_locale() -> None:
    assert "11 juillet 2019" in parse_state("DONE (11 July 2019)").format("fr")
    assert parse_state("21.02.2019").format("de") == "21. Februar 2019"


def test_months_in_capitals_as_the_scorecard_writes_them() -> None:
    # area 6 of the 2019 scorecard: "JULY AND SEPTEMBER 2019"
    assert parse_period("JULY AND SEPTEMBER 2019") == parse_period("July and September 2019")
    state = parse_state("JULY AND SEPTEMBER 2019")
    assert state.status is Status.DATED
    assert state.format() == "July and September 2019"
    span = parse_period("JULY TO SEPTEMBER 2019")
    assert (span.start, span.end, span.parts) == (D(2019, 7, 1), D(2019, 9, 30), ())
    assert " ".join(format_period(span).replace("\u2009", " ").split()) == "July – September 2019"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("THROUOUT 2019", r"cannot read the state of play 'THROUOUT 2019': 'THROUOUT' is not a month"),
        ("DONE (31 February 2019)", "there is no day 31 in February 2019"),
        ("", "empty state of play"),
    ],
)
def test_unreadable_states_are_refused(text: str, message: str) -> None:
    with pytest.raises(PeriodError, match=message):
        parse_state(text)


def test_state_error_suggests_the_forms() -> None:
    with pytest.raises(PeriodError, match=r"\(write ONGOING, DONE, PLANNED 2020-2021, THROUGHOUT 2019"):
        parse_state("SOMETIME")


# ---- several periods in one phrase ----------------------------------------------------------

@pytest.mark.parametrize(
    ("texts", "locale", "expected"),
    [
        (["9 June 2023", "8 June 2023"], "en", "8–9 June 2023"),
        (["20 April 2023", "11 December 2023"], "en", "20 April 2023 and 11 December 2023"),
        (["8 March 2023", "13 September 2023"], "fr", "8 mars 2023 et 13 septembre 2023"),
        (["8 March 2023", "13 September 2023"], "de", "8. März 2023 und 13. September 2023"),
        (["8 June 2023", "9 June 2023", "10 June 2023", "12 June 2023"], "en",
         "8–10 June 2023 and 12 June 2023"),
        (["30 June 2023", "1 July 2023"], "en", "30 June – 1 July 2023"),
        (["8 June 2023", "8 June 2023"], "en", "8 June 2023"),
        (["9 May 2023", "1 March 2023", "5 April 2023"], "en",
         "1 March 2023, 5 April 2023 and 9 May 2023"),
    ],
)
def test_format_periods_merges_consecutive_days_and_lists_others(texts: list[str], locale: str,
                                                                  expected: str) -> None:
    text = format_periods([parse_period(t) for t in texts], locale)
    assert " ".join(text.replace("\u2009", " ").split()) == expected


# ---- properties -----------------------------------------------------------------------------

MONTHS = list(calendar.month_name)[1:]
days = st.dates(min_value=D(2010, 1, 1), max_value=D(2030, 12, 31))


def _day_text(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


@st.composite
def written_periods(draw: st.DrawFn) -> tuple[str, date, date, str]:
    """A period as the fixtures write it, with the first and last day it stands for, and how the
    report prints it in English (spaces around a dash plain)."""
    kind = draw(st.sampled_from(["day", "iso", "dotted", "days", "pair", "span", "year-span",
                                 "month", "months", "month-list", "quarter", "quarters", "year",
                                 "years"]))
    first = draw(days)
    if kind == "day":
        return _day_text(first), first, first, _day_text(first)
    if kind == "iso":
        return first.isoformat(), first, first, _day_text(first)
    if kind == "dotted":
        return f"{first.day:02}.{first.month:02}.{first.year}", first, first, _day_text(first)
    last_day = calendar.monthrange(first.year, first.month)[1]
    month = MONTHS[first.month - 1]
    if kind in ("days", "pair"):
        if first.day == last_day:
            first = first - timedelta(days=1)
        if kind == "pair":
            last = first + timedelta(days=1)
            return (f"{first.day} & {last.day} {month} {first.year}", first, last,
                    f"{first.day}–{last.day} {month} {first.year}")
        end = draw(st.integers(first.day + 1, last_day))
        return (f"{first.day}-{end} {month} {first.year}", first, first.replace(day=end),
                f"{first.day}–{end} {month} {first.year}")
    if kind == "span":  # across months of one year
        if first.month == 12:
            return _day_text(first), first, first, _day_text(first)
        last = draw(st.dates(min_value=D(first.year, first.month + 1, 1),
                             max_value=D(first.year, 12, 31)))
        return (f"{first.day} {month} - {_day_text(last)}", first, last,
                f"{first.day} {month} – {_day_text(last)}")
    if kind == "year-span":  # across years
        last = draw(st.dates(min_value=D(first.year + 1, 1, 1), max_value=D(2031, 12, 31)))
        return (f"{_day_text(first)} - {_day_text(last)}", first, last,
                f"{_day_text(first)} – {_day_text(last)}")
    year = first.year
    if kind == "month":
        start = D(year, first.month, 1)
        return (f"{month} {year}", start,
                D(year, first.month, calendar.monthrange(year, first.month)[1]), f"{month} {year}")
    if kind in ("months", "month-list"):
        size = 4 if kind == "month-list" else 2
        chosen = sorted(draw(st.sets(st.integers(1, 12), min_size=2, max_size=size)))
        names = [MONTHS[m - 1] for m in chosen]
        if kind == "months":
            text = f"{names[0]}-{names[-1]} {year}"
            shown = f"{names[0]} – {names[-1]} {year}"
        else:
            text = shown = f"{', '.join(names[:-1])} and {names[-1]} {year}"
        return (text, D(year, chosen[0], 1),
                D(year, chosen[-1], calendar.monthrange(year, chosen[-1])[1]), shown)
    if kind in ("quarter", "quarters"):
        q1 = draw(st.integers(1, 4))
        q2 = q1 if kind == "quarter" else draw(st.integers(q1, 4))
        text = f"Q{q1} {year}" if q1 == q2 else f"Q{q1}-{q2} {year}"
        end_month = 3 * q2
        return (text, D(year, 3 * q1 - 2, 1),
                D(year, end_month, calendar.monthrange(year, end_month)[1]),
                f"Q{q1} {year}" if q1 == q2 else f"Q{q1}–Q{q2} {year}")
    if kind == "year":
        return str(year), D(year, 1, 1), D(year, 12, 31), str(year)
    last_year = draw(st.integers(year, 2031))
    return (f"{year}-{last_year}", D(year, 1, 1), D(last_year, 12, 31),
            str(year) if last_year == year else f"{year}–{last_year}")


def plain_spaces(text: str) -> str:
    """The text with Babel's thin and narrow no-break spaces (around dashes) as plain ones."""
    return text.replace("\u2009", " ").replace("\u202f", " ")


@settings(max_examples=300, deadline=None)
@given(written_periods())
def test_every_period_is_printed_as_a_reader_expects_and_read_back(
        case: tuple[str, date, date, str]) -> None:
    text, start, end, expected = case
    period = parse_period(text)
    assert (period.start, period.end) == (start, end)
    shown = format_period(period)
    assert plain_spaces(shown) == expected  # "16–18 April 2019", never "16 and 18 April 2019"
    assert parse_period(shown) == period, shown


@settings(max_examples=100, deadline=None)
@given(written_periods(), st.sampled_from(["fr", "de", "en"]))
def test_every_period_is_formatted_in_every_language_with_its_year(
        case: tuple[str, date, date, str], locale: str) -> None:
    period = parse_period(case[0])
    shown = format_period(period, locale)
    assert str(period.end.year) in shown


def test_days_named_apart_formatted_then_parsed_back() -> None:
    period = parse_period("1, 3 and 5 June 2023")
    assert period.parts == (D(2023, 6, 1), D(2023, 6, 3), D(2023, 6, 5))
    assert parse_period(format_period(period)) == period


# days named apart, English, French, German
NAMED_APART = [
    ((D(2023, 6, 1), D(2023, 6, 3), D(2023, 6, 5)),
     "1, 3 and 5 June 2023", "1, 3 et 5 juin 2023", "1., 3. und 5. Juni 2023"),
    ((D(2023, 6, 8), D(2023, 6, 12)),
     "8 and 12 June 2023", "8 et 12 juin 2023", "8. und 12. Juni 2023"),
    ((D(2023, 6, 29), D(2023, 7, 1)),
     "29 June and 1 July 2023", "29 juin et 1 juillet 2023", "29. Juni und 1. Juli 2023"),
    ((D(2023, 5, 1), D(2023, 5, 3), D(2023, 6, 5), D(2023, 7, 7)),
     "1 and 3 May, 5 June and 7 July 2023", "1 et 3 mai, 5 juin et 7 juillet 2023",
     "1. und 3. Mai, 5. Juni und 7. Juli 2023"),
    ((D(2023, 12, 28), D(2023, 12, 30), D(2024, 1, 2)),
     "28 and 30 December 2023 and 2 January 2024", "28 et 30 décembre 2023 et 2 janvier 2024",
     "28. und 30. Dezember 2023 und 2. Januar 2024"),
]


@pytest.mark.parametrize(("parts", "en", "fr", "de"), NAMED_APART, ids=[n[1] for n in NAMED_APART])
def test_days_named_apart_are_written_compactly_and_read_back(parts: tuple[date, ...], en: str,
                                                              fr: str, de: str) -> None:
    period = Period(parts[0], parts[-1], Unit.DAY, parts)
    assert format_period(period) == en
    assert format_period(period, "fr") == fr
    assert format_period(period, "de") == de
    assert parse_period(en) == period


def test_days_named_apart_across_months_as_the_sources_write_them() -> None:
    period = parse_period("30 June and 3 July 2023")
    assert period.parts == (D(2023, 6, 30), D(2023, 7, 3))
    assert (period.start, period.end, period.unit) == (D(2023, 6, 30), D(2023, 7, 3), Unit.DAY)
    assert parse_period("30 June & 3 July", default_year=2023) == period
    # days that follow each other are one span, as "13 & 14 June 2023" is
    assert parse_period("30 June and 1 July 2023") == parse_period("30 June - 1 July 2023")
    with pytest.raises(PeriodError, match="the days '3 July and 30 June' are not in order"):
        parse_period("3 July and 30 June 2023")


@st.composite
def any_periods(draw: st.DrawFn) -> Period:
    """A period as code may build it: any unit, spans and parts across months and years."""
    unit = draw(st.sampled_from(list(Unit)))
    named_apart = draw(st.booleans()) and unit in (Unit.DAY, Unit.MONTH)
    first, last = sorted(draw(st.lists(days, min_size=2, max_size=2)))
    if named_apart and unit is Unit.DAY:
        chosen = sorted(draw(st.sets(days, min_size=2, max_size=6)))
        if all((b - a).days == 1 for a, b in itertools.pairwise(chosen)):
            chosen = [*chosen[:-1], chosen[-1] + timedelta(days=1)]
        return Period(chosen[0], chosen[-1], Unit.DAY, tuple(chosen))
    if named_apart:
        chosen = sorted({d.replace(day=1) for d in draw(st.sets(days, min_size=2, max_size=6))})
        if len(chosen) == 1:
            chosen = [chosen[0], D(chosen[0].year + 1, 1, 1)]
        last_month = chosen[-1]
        return Period(chosen[0], D(last_month.year, last_month.month,
                                   calendar.monthrange(last_month.year, last_month.month)[1]),
                      Unit.MONTH, tuple(chosen))
    if unit is Unit.DAY:
        return Period(first, last, unit)
    if unit is Unit.MONTH:
        return Period(first.replace(day=1), D(last.year, last.month,
                                              calendar.monthrange(last.year, last.month)[1]), unit)
    if unit is Unit.QUARTER:
        q1, q2 = (first.month - 1) // 3, (last.month - 1) // 3
        end_month = 3 * q2 + 3
        return Period(D(first.year, 3 * q1 + 1, 1),
                      D(last.year, end_month, calendar.monthrange(last.year, end_month)[1]), unit)
    return Period(D(first.year, 1, 1), D(last.year, 12, 31), unit)


@settings(max_examples=400, deadline=None)
@given(any_periods())
def test_whatever_format_period_writes_parse_period_reads_back(period: Period) -> None:
    shown = format_period(period)
    assert parse_period(shown) == period, shown


@settings(max_examples=100, deadline=None)
@given(any_periods(), st.sampled_from(["fr", "de", "en", "hu", "ja"]))
def test_any_period_is_formatted_with_its_last_year(period: Period, locale: str) -> None:
    assert str(period.end.year) in format_period(period, locale)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(days, st.integers(0, 400)), min_size=1, max_size=8))
def test_sorting_periods_is_chronological(spans: list[tuple[date, int]]) -> None:
    periods = [Period(start, min(start + timedelta(days=length), D(2031, 12, 31)), Unit.DAY)
               for start, length in spans]
    ordered = sorted(periods)
    assert [(p.start, p.end) for p in ordered] == sorted((p.start, p.end) for p in periods)
    for earlier, later in itertools.pairwise(ordered):
        assert earlier.start <= later.start
        assert not later < earlier


def test_sorting_written_periods() -> None:
    texts = ["Q1-2 2024", "21 November 2023", "June 2023", "13 & 14 June 2023", "2023",
             "1 June 2023"]
    ordered = [format_period(p) for p in sorted(parse_period(t) for t in texts)]
    # by first day, then by last day: the day 1 June before the whole month of June
    assert ordered == ["2023", "1 June 2023", "June 2023", "13–14 June 2023", "21 November 2023",
                       "Q1–Q2 2024"]


def test_a_period_cannot_end_before_it_starts() -> None:
    with pytest.raises(PeriodError, match=r"ends \(2023-06-01\) before it starts \(2023-06-02\)"):
        Period(D(2023, 6, 2), D(2023, 6, 1), Unit.DAY)
