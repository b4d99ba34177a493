"""Tests of khoan.calendar: inspection schedules, rating deadlines, time limits, working days."""

from __future__ import annotations

import datetime as dt
import pickle
import sys
from typing import Any, Literal, cast

import attrs
import pytest
from dateutil import rrule
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy

from khoan import Period, Reason
from khoan.calendar import (
    QUARTER_ENDS,
    CalendarEntry,
    Recurrence,
    WorkingDays,
    calendar,
    evaluation_due,
    format_calendar,
    inspection_dates,
    within,
)
from khoan.exceptions import InvalidValue, KhoanError, MissingDependency, OutOfPeriod
from khoan.testing import periods

D = dt.date
Y2026 = Period(2026)


def iso(days: tuple[dt.date, ...]) -> list[str]:
    return [d.isoformat() for d in days]


# -- strategies ---------------------------------------------------------------------------

FREQS: dict[str, Literal[0, 1, 2, 3]] = {
    "YEARLY": rrule.YEARLY,
    "MONTHLY": rrule.MONTHLY,
    "WEEKLY": rrule.WEEKLY,
    "DAILY": rrule.DAILY,
}


@st.composite
def periods_and_recurrences(draw: DrawFn) -> tuple[Period, Recurrence]:
    """A period and a rule starting up to about two years either side of it, object or text."""
    period = draw(periods())
    start = period.start + dt.timedelta(days=draw(st.integers(-800, 800)))
    freq = draw(st.sampled_from(sorted(FREQS)))
    interval = draw(st.integers(1, 4))
    count = draw(st.none() | st.integers(1, 60))
    monthday = draw(st.none() | st.sampled_from([1, 10, 15, 28, 31, -1]))
    if draw(st.booleans()):
        return period, rrule.rrule(
            FREQS[freq],
            dtstart=dt.datetime.combine(start, dt.time(9)),
            interval=interval,
            count=count,
            bymonthday=None if freq in ("WEEKLY", "DAILY") else monthday,
        )
    parts = [f"FREQ={freq}", f"INTERVAL={interval}"]
    if count is not None:
        parts.append(f"COUNT={count}")
    if monthday is not None and freq in ("YEARLY", "MONTHLY"):
        parts.append(f"BYMONTHDAY={monthday}")
    return period, f"DTSTART:{start:%Y%m%d}T000000\nRRULE:{';'.join(parts)}"


@st.composite
def working_days_around(draw: DrawFn) -> tuple[WorkingDays, dt.date]:
    """Working days with holidays and worked weekend days near a drawn day."""
    day = draw(st.dates(D(2000, 1, 1), D(2040, 12, 31)))
    near = st.dates(day - dt.timedelta(days=90), day + dt.timedelta(days=90))
    holidays = draw(st.frozensets(near, max_size=40))
    workdays = draw(st.frozensets(near, max_size=10)) - holidays
    weekend = draw(st.frozensets(st.integers(0, 6), max_size=6))
    return WorkingDays(holidays, weekend=weekend, weekend_workdays=workdays), day


def some_dates() -> SearchStrategy[dt.date]:
    return st.dates(D(1900, 1, 1), D(2200, 12, 31))


# -- inspection_dates -------------------------------------------------------------------


class TestInspectionDates:
    def test_a_year_is_inspected_on_its_four_quarter_ends(self) -> None:
        assert iso(inspection_dates(Y2026)) == [
            "2026-03-31",
            "2026-06-30",
            "2026-09-30",
            "2026-12-31",
        ]

    def test_quarter_ends_of_a_leap_year(self) -> None:
        assert iso(inspection_dates(Period(2024))) == [
            "2024-03-31",
            "2024-06-30",
            "2024-09-30",
            "2024-12-31",
        ]

    def test_29_february_of_a_leap_year_is_a_valid_ad_hoc_date(self) -> None:
        assert (D(2024, 2, 29), D(2024, 3, 31)) == inspection_dates(
            Period(2024, quarter=1), ad_hoc=[D(2024, 2, 29)]
        )

    def test_a_quarter_is_inspected_on_its_last_day_only(self) -> None:
        assert (D(2026, 9, 30),) == inspection_dates(Period(2026, quarter=3))

    def test_a_month_gets_a_quarterly_inspection_only_if_a_quarter_ends_in_it(self) -> None:
        assert (D(2026, 3, 31),) == inspection_dates(Period(2026, month=3))
        assert inspection_dates(Period(2026, month=4)) == ()

    def test_the_default_is_the_quarter_ends_rule(self) -> None:
        assert inspection_dates(Y2026) == inspection_dates(Y2026, recurrence=QUARTER_ENDS)

    def test_an_rrule_is_clipped_to_the_period(self) -> None:
        rule = rrule.rrule(rrule.DAILY, dtstart=dt.datetime(2025, 12, 25), count=20)
        expected = [f"2026-01-{d:02d}" for d in range(1, 14)]
        assert expected == iso(inspection_dates(Period(2026, month=1), recurrence=rule))

    def test_a_rule_starting_after_the_period_gives_nothing(self) -> None:
        rule = rrule.rrule(rrule.MONTHLY, dtstart=dt.datetime(2027, 1, 1))
        assert inspection_dates(Y2026, recurrence=rule) == ()

    def test_a_rule_string_starts_on_the_first_day_of_the_period(self) -> None:
        weekly = inspection_dates(Period(2026, month=2), recurrence="FREQ=WEEKLY;INTERVAL=2")
        assert iso(weekly) == ["2026-02-01", "2026-02-15"]

    def test_a_rule_string_keeps_its_own_dtstart(self) -> None:
        text = "DTSTART:20260110T000000\nRRULE:FREQ=MONTHLY;COUNT=2"
        assert (D(2026, 1, 10), D(2026, 2, 10)) == inspection_dates(Y2026, recurrence=text)

    def test_a_timezone_aware_rule_is_read_by_its_local_dates(self) -> None:
        text = "DTSTART;TZID=Asia/Ho_Chi_Minh:20260105T080000\nRRULE:FREQ=MONTHLY;COUNT=2"
        assert (D(2026, 1, 5), D(2026, 2, 5)) == inspection_dates(Y2026, recurrence=text)

    def test_a_rule_set_with_an_excluded_date_is_honoured(self) -> None:
        rules = rrule.rruleset()
        rules.rrule(rrule.rrule(rrule.MONTHLY, bymonthday=-1, dtstart=dt.datetime(2026, 1, 1)))
        rules.exdate(dt.datetime(2026, 2, 28))
        assert (D(2026, 1, 31), D(2026, 3, 31)) == inspection_dates(
            Period(2026, quarter=1), recurrence=rules
        )

    def test_hourly_occurrences_give_each_date_once(self) -> None:
        rule = rrule.rrule(rrule.HOURLY, interval=7, dtstart=dt.datetime(2026, 1, 1), count=10)
        assert (D(2026, 1, 1), D(2026, 1, 2), D(2026, 1, 3)) == inspection_dates(
            Y2026, recurrence=rule
        )

    def test_ad_hoc_dates_merge_into_the_schedule_sorted_and_once(self) -> None:
        result = inspection_dates(
            Y2026, ad_hoc=[D(2026, 5, 5), "31/3/2026", D(2026, 5, 5), "2026-01-02"]
        )
        expected = ["2026-01-02", "2026-03-31", "2026-05-05", "2026-06-30", "2026-09-30"]
        assert [*expected, "2026-12-31"] == iso(result)

    def test_an_ad_hoc_date_outside_the_period_is_refused_with_where_and_why(self) -> None:
        with pytest.raises(OutOfPeriod) as info:
            inspection_dates(Period(2026, quarter=1), ad_hoc=[D(2026, 2, 1), D(2026, 4, 1)])
        assert isinstance(info.value, InvalidValue)
        assert ("ad_hoc[1]", D(2026, 4, 1)) == (info.value.path, info.value.value)
        assert "2026-01-01 to 2026-03-31" in info.value.expected

    def test_the_day_after_a_leap_period_is_outside_it(self) -> None:
        with pytest.raises(OutOfPeriod):
            inspection_dates(Period(2024, month=2), ad_hoc=[D(2024, 3, 1)])

    @pytest.mark.parametrize(
        ("kwargs", "path"),
        [
            ({"recurrence": "not a rule"}, "recurrence"),
            ({"recurrence": "FREQ=FORTNIGHTLY"}, "recurrence"),
            ({"recurrence": ""}, "recurrence"),
            ({"recurrence": 4}, "recurrence"),
            ({"recurrence": "FREQ=MONTHLY;INTERVAL=0"}, "recurrence"),
            ({"ad_hoc": "2026-01-01"}, "ad_hoc"),
            ({"ad_hoc": [dt.datetime(2026, 1, 1, 9)]}, "ad_hoc[0]"),
            ({"ad_hoc": ["1/1"]}, "ad_hoc[0]"),
        ],
    )
    def test_bad_arguments_are_refused_naming_the_argument(
        self, kwargs: dict[str, Any], path: str
    ) -> None:
        with pytest.raises(InvalidValue) as info:
            inspection_dates(Y2026, **kwargs)
        assert path == info.value.path

    def test_something_that_is_not_a_period_is_refused(self) -> None:
        with pytest.raises(InvalidValue, match=r"^period: expected a khoan\.Period"):
            inspection_dates(cast(Any, "2026"))


class TestInspectionDatesLaws:
    """For any period and recurrence the schedule lies in the period, sorted, each date once."""

    @given(periods_and_recurrences())
    def test_the_schedule_lies_inside_the_period_sorted_and_unique(
        self, case: tuple[Period, Recurrence]
    ) -> None:
        period, recurrence = case
        days = inspection_dates(period, recurrence=recurrence)
        assert all(day in period for day in days)
        assert sorted(set(days)) == list(days)

    @given(periods_and_recurrences(), st.data())
    def test_every_ad_hoc_date_is_in_the_schedule(
        self, case: tuple[Period, Recurrence], data: st.DataObject
    ) -> None:
        period, recurrence = case
        ad_hoc = data.draw(st.lists(st.dates(period.start, period.end), max_size=5))
        days = inspection_dates(period, recurrence=recurrence, ad_hoc=ad_hoc)
        assert set(ad_hoc) <= set(days)
        assert set(inspection_dates(period, recurrence=recurrence)) | set(ad_hoc) == set(days)

    @given(periods())
    def test_the_default_schedule_is_the_quarter_ends_inside_the_period(
        self, period: Period
    ) -> None:
        quarter_ends = {Period(period.year, quarter=q).end for q in (1, 2, 3, 4)}
        assert sorted(d for d in quarter_ends if d in period) == list(inspection_dates(period))


# -- evaluation_due ------------------------------------------------------------------------


class TestEvaluationDue:
    def test_a_year_is_due_on_15_december(self) -> None:
        assert D(2026, 12, 15) == evaluation_due(Y2026)

    def test_the_year_end_day_is_configurable(self) -> None:
        assert D(2026, 12, 14) == evaluation_due(Y2026, year_end=(12, 14))

    def test_29_february_is_a_year_end_only_in_a_leap_year(self) -> None:
        assert D(2024, 2, 29) == evaluation_due(Period(2024), year_end=(2, 29))
        with pytest.raises(InvalidValue) as info:
            evaluation_due(Y2026, year_end=(2, 29))
        assert (info.value.path, info.value.value) == ("year_end", (2, 29))

    @pytest.mark.parametrize("year_end", [(12,), (13, 1), (12, 15, 1), [12, 15], (True, 1)])
    def test_a_year_end_that_is_not_a_month_and_day_is_refused(self, year_end: object) -> None:
        with pytest.raises(InvalidValue, match=r"^year_end: "):
            evaluation_due(Y2026, year_end=cast(Any, year_end))

    def test_a_quarter_is_due_the_given_days_after_its_end(self) -> None:
        assert D(2026, 4, 10) == evaluation_due(Period(2026, quarter=1), quarter_days=10)
        assert D(2026, 9, 30) == evaluation_due(Period(2026, quarter=3), quarter_days=0)

    def test_a_quarter_without_quarter_days_is_refused_naming_the_parameter(self) -> None:
        with pytest.raises(InvalidValue) as info:
            evaluation_due(Period(2026, quarter=2))
        assert info.value.path == "quarter_days"
        assert "pass quarter_days=" in str(info.value)

    def test_the_fourth_quarter_is_folded_into_the_year_end_rating(self) -> None:
        with pytest.raises(InvalidValue) as info:
            evaluation_due(Period(2026, quarter=4), quarter_days=10)
        assert info.value.path == "period"
        assert "HD 43-HD/BTCTW" in str(info.value)
        assert "fold_q4=False" in str(info.value)

    def test_the_fourth_quarter_is_rated_separately_when_asked(self) -> None:
        q4 = Period(2026, quarter=4)
        assert D(2027, 1, 10) == evaluation_due(q4, quarter_days=10, fold_q4=False)

    def test_the_fourth_quarter_still_needs_quarter_days(self) -> None:
        with pytest.raises(InvalidValue, match=r"^quarter_days: "):
            evaluation_due(Period(2026, quarter=4), fold_q4=False)

    def test_a_month_needs_month_days(self) -> None:
        assert D(2024, 3, 5) == evaluation_due(Period(2024, month=2), month_days=5)
        with pytest.raises(InvalidValue, match=r"^month_days: "):
            evaluation_due(Period(2024, month=2))

    @pytest.mark.parametrize("days", [-1, True, "10", 1.5])
    def test_quarter_days_must_be_a_whole_number_from_zero(self, days: object) -> None:
        with pytest.raises(InvalidValue, match=r"^quarter_days: "):
            evaluation_due(Period(2026, quarter=1), quarter_days=cast(Any, days))

    def test_fold_q4_must_be_true_or_false(self) -> None:
        with pytest.raises(InvalidValue, match=r"^fold_q4: "):
            evaluation_due(Period(2026, quarter=1), quarter_days=1, fold_q4=cast(Any, 0))

    @given(periods(), st.integers(0, 400))
    def test_a_rating_is_never_due_before_its_quarter_or_month_ends(
        self, period: Period, days: int
    ) -> None:
        if period.kind == "year":
            assert period.end - dt.timedelta(days=16) == evaluation_due(period)
        else:
            due = evaluation_due(period, quarter_days=days, month_days=days, fold_q4=False)
            assert period.end + dt.timedelta(days=days) == due


# -- within -----------------------------------------------------------------------------------


class TestWithin:
    def test_31_august_plus_six_months_is_the_end_of_february(self) -> None:
        assert D(2026, 2, 28) == within(D(2025, 8, 31), months=6)

    def test_31_august_plus_six_months_is_29_february_in_a_leap_year(self) -> None:
        assert D(2024, 2, 29) == within(D(2023, 8, 31), months=6)

    def test_a_year_from_29_february_ends_on_28_february(self) -> None:
        assert D(2025, 2, 28) == within(D(2024, 2, 29), years=1)

    def test_months_come_before_days(self) -> None:
        assert D(2026, 3, 1) == within(D(2026, 1, 31), months=1, days=1)

    def test_a_date_may_be_written_as_a_document_writes_it(self) -> None:
        assert D(2021, 10, 2) == within("ngày 22 tháng 9 năm 2021", days=10)

    def test_nothing_added_is_the_start_itself(self) -> None:
        assert D(2026, 5, 17) == within(D(2026, 5, 17))

    @pytest.mark.parametrize(("name", "value"), [("days", -1), ("months", 1.5), ("years", True)])
    def test_a_negative_or_fractional_amount_is_refused(self, name: str, value: object) -> None:
        with pytest.raises(InvalidValue) as info:
            within(D(2026, 1, 1), **{name: cast(Any, value)})
        assert (name, value) == (info.value.path, info.value.value)

    def test_a_deadline_past_the_year_9999_is_refused(self) -> None:
        with pytest.raises(InvalidValue, match=r"^start: "):
            within(D(9999, 12, 1), months=1)

    @given(some_dates(), st.integers(0, 50), st.integers(0, 600), st.integers(0, 5000))
    def test_a_deadline_never_goes_backwards(
        self, start: dt.date, years: int, months: int, days: int
    ) -> None:
        assert start <= within(start, years=years, months=months, days=days)

    @given(some_dates(), st.integers(0, 600))
    def test_one_more_month_never_ends_earlier(self, start: dt.date, months: int) -> None:
        assert within(start, months=months) <= within(start, months=months + 1)

    @given(some_dates(), st.integers(0, 600))
    def test_the_deadline_keeps_the_day_or_ends_its_month(
        self, start: dt.date, months: int
    ) -> None:
        end = within(start, months=months)
        next_day = end + dt.timedelta(days=1)
        assert end.day == start.day or (end.day < start.day and next_day.day == 1)


# -- WorkingDays -------------------------------------------------------------------------------


class TestWorkingDays:
    def test_saturday_and_sunday_are_off_by_default(self) -> None:
        plain = WorkingDays()
        week = [plain.is_working(D(2026, 3, d)) for d in range(2, 9)]  # Monday to Sunday
        assert week == [True, True, True, True, True, False, False]

    def test_a_holiday_is_not_a_working_day(self) -> None:
        assert not WorkingDays([D(2026, 9, 2)]).is_working(D(2026, 9, 2))

    def test_a_worked_weekend_day_is_a_working_day(self) -> None:
        assert WorkingDays(weekend_workdays=[D(2026, 8, 22)]).is_working(D(2026, 8, 22))

    def test_next_and_previous_working_return_a_working_day_itself(self) -> None:
        plain = WorkingDays()
        assert D(2026, 3, 4) == plain.next_working(D(2026, 3, 4))
        assert D(2026, 3, 4) == plain.previous_working(D(2026, 3, 4))

    def test_a_weekend_is_skipped_in_either_direction(self) -> None:
        plain = WorkingDays()
        assert D(2026, 3, 9) == plain.next_working(D(2026, 3, 7))
        assert D(2026, 3, 6) == plain.previous_working(D(2026, 3, 8))
        assert D(2026, 3, 9) == plain.adjust(D(2026, 3, 8))
        assert D(2026, 3, 6) == plain.adjust(D(2026, 3, 8), forward=False)

    def test_add_counts_only_working_days_after_the_start(self) -> None:
        days = WorkingDays([D(2026, 4, 30), D(2026, 5, 1)])
        assert D(2026, 5, 4) == days.add(D(2026, 4, 29), 1)
        assert D(2026, 4, 29) == days.add(D(2026, 5, 4), -1)
        assert D(2026, 5, 4) == days.add(D(2026, 5, 2), 1)  # from a Saturday

    def test_adding_zero_returns_the_day_unchanged(self) -> None:
        assert D(2026, 3, 7) == WorkingDays().add(D(2026, 3, 7), 0)

    def test_any_weekend_may_be_given_with_numbers_or_dateutil_weekdays(self) -> None:
        friday_off = WorkingDays(weekend=[rrule.FR, 5])
        assert friday_off.weekend == frozenset({4, 5})
        assert friday_off.is_working(D(2026, 3, 8))  # a Sunday

    def test_a_mapping_of_dates_gives_its_keys(self) -> None:
        assert frozenset({D(2026, 1, 1)}) == WorkingDays({D(2026, 1, 1): "Tết Dương lịch"}).holidays

    def test_dates_may_be_written_as_documents_write_them(self) -> None:
        assert frozenset({D(2026, 9, 2)}) == WorkingDays(["2/9/2026"]).holidays

    def test_a_value_equal_by_contents_and_hashable(self) -> None:
        assert WorkingDays([D(2026, 1, 1)]) == WorkingDays(["2026-01-01"])
        assert len({WorkingDays(), WorkingDays()}) == 1
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            WorkingDays().weekend = frozenset()  # type: ignore[misc]

    def test_dates_outside_the_known_years_are_refused(self) -> None:
        days = WorkingDays([D(2026, 12, 31)], years=[2026])
        with pytest.raises(InvalidValue) as info:
            days.next_working(D(2026, 12, 31))
        assert D(2027, 1, 1) == info.value.value
        assert "add 2027" in str(info.value)

    @pytest.mark.parametrize(
        ("kwargs", "path"),
        [
            ({"weekend": range(7)}, "weekend"),
            ({"weekend": [7]}, "weekend[0]"),
            ({"weekend": "SS"}, "weekend"),
            ({"holidays": ["someday"]}, "holidays[0]"),
            ({"holidays": [dt.datetime(2026, 1, 1)]}, "holidays[0]"),
            (
                {"holidays": [D(2026, 8, 22)], "weekend_workdays": [D(2026, 8, 22)]},
                "weekend_workdays",
            ),
            ({"years": []}, "years"),
            ({"years": [2026.0]}, "years[0]"),
        ],
    )
    def test_bad_settings_are_refused_naming_the_field(
        self, kwargs: dict[str, Any], path: str
    ) -> None:
        with pytest.raises(InvalidValue) as info:
            WorkingDays(**kwargs)
        assert path == info.value.path

    @pytest.mark.parametrize(
        ("call", "path"),
        [
            (lambda w: w.is_working(dt.datetime(2026, 1, 1)), "d"),
            (lambda w: w.add(D(2026, 1, 1), 1.0), "n"),
            (lambda w: w.adjust(D(2026, 1, 1), forward=1), "forward"),
            (lambda w: w.next_working(D(2200, 12, 31)), "d"),
            (lambda w: w.previous_working(D(1900, 1, 1)), "d"),
            (lambda w: w.next_working(D(9999, 12, 31)), "d"),
        ],
    )
    def test_bad_arguments_are_refused_naming_them(self, call: Any, path: str) -> None:
        """Also at the ends of khoan's years (1900 to 2200), which are days off here."""
        ends_off = WorkingDays([D(1900, 1, 1), D(2200, 12, 31)])
        with pytest.raises(InvalidValue) as info:
            call(ends_off)
        assert path == info.value.path


class TestWorkingDaysLaws:
    """Stepping n working days forward then back lands on the working day at or before the start."""

    @given(working_days_around(), st.integers(1, 40))
    def test_add_then_subtract_returns_to_the_working_day_at_or_before(
        self, case: tuple[WorkingDays, dt.date], n: int
    ) -> None:
        days, start = case
        assert days.previous_working(start) == days.add(days.add(start, n), -n)

    @given(working_days_around(), st.integers(1, 40))
    def test_subtract_then_add_returns_to_the_working_day_at_or_after(
        self, case: tuple[WorkingDays, dt.date], n: int
    ) -> None:
        days, start = case
        assert days.next_working(start) == days.add(days.add(start, -n), n)

    @given(working_days_around(), st.integers(-40, 40).filter(bool))
    def test_add_lands_on_a_working_day_after_exactly_n_of_them(
        self, case: tuple[WorkingDays, dt.date], n: int
    ) -> None:
        days, start = case
        end = days.add(start, n)
        low, high = sorted((start, end))
        between = [low + dt.timedelta(days=i) for i in range(1, (high - low).days + 1)]
        if n < 0:
            between = [low, *between[:-1]]
        assert days.is_working(end)
        assert abs(n) == sum(days.is_working(d) for d in between)

    @given(working_days_around())
    def test_adjusting_finds_the_nearest_working_day_in_its_direction(
        self, case: tuple[WorkingDays, dt.date]
    ) -> None:
        days, start = case
        after, before = days.next_working(start), days.previous_working(start)
        assert before <= start <= after
        assert days.is_working(after) and days.is_working(before)
        gap_after = [start + dt.timedelta(days=i) for i in range((after - start).days)]
        gap_before = [before + dt.timedelta(days=i + 1) for i in range((start - before).days)]
        assert not any(days.is_working(d) for d in gap_after + gap_before)


@pytest.fixture
def vietnam_2026() -> WorkingDays:
    pytest.importorskip("holidays")
    return WorkingDays.vietnam(2026)


class TestVietnam:
    def test_tet_17_february_2026_is_not_a_working_day(self, vietnam_2026: WorkingDays) -> None:
        assert not vietnam_2026.is_working(D(2026, 2, 17))

    def test_national_day_2_september_2026_is_not_a_working_day(
        self, vietnam_2026: WorkingDays
    ) -> None:
        assert not vietnam_2026.is_working(D(2026, 9, 2))

    def test_hung_kings_day_on_a_sunday_is_observed_on_monday(
        self, vietnam_2026: WorkingDays
    ) -> None:
        assert not vietnam_2026.is_working(D(2026, 4, 27))

    def test_the_saturday_worked_for_a_moved_day_off_is_a_working_day(
        self, vietnam_2026: WorkingDays
    ) -> None:
        assert vietnam_2026.is_working(D(2026, 8, 22))
        assert not vietnam_2026.is_working(D(2026, 8, 31))

    def test_a_deadline_on_tet_moves_to_the_previous_working_day(
        self, vietnam_2026: WorkingDays
    ) -> None:
        assert D(2026, 2, 13) == vietnam_2026.adjust(D(2026, 2, 17), forward=False)

    def test_a_year_end_rating_set_on_tet_is_due_the_working_day_before(
        self, vietnam_2026: WorkingDays
    ) -> None:
        entries = calendar(2026, working_days=vietnam_2026, year_end=(2, 17))
        (rating,) = [e for e in entries if e.kind == "year-end-rating"]
        assert (D(2026, 2, 13), D(2026, 2, 17)) == (rating.date, rating.moved_from)
        assert "dời từ 17/02/2026" in rating.what.vi

    def test_only_the_years_asked_for_are_known(self, vietnam_2026: WorkingDays) -> None:
        assert frozenset({2026}) == vietnam_2026.years
        assert {2026} == {d.year for d in vietnam_2026.holidays | vietnam_2026.weekend_workdays}
        with pytest.raises(InvalidValue, match="add 2027"):
            vietnam_2026.is_working(D(2027, 1, 1))

    def test_several_years_may_be_asked_for(self) -> None:
        pytest.importorskip("holidays")
        both = WorkingDays.vietnam([2026, 2027])
        assert not both.is_working(D(2027, 1, 1))


class TestHolidaysMissing:
    def test_vietnam_says_how_to_install_the_optional_package(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setitem(sys.modules, "holidays", cast(Any, None))
        with pytest.raises(MissingDependency) as info:
            WorkingDays.vietnam(2026)
        assert "pip install 'khoan[holidays]'" in str(info.value)
        assert isinstance(info.value, KhoanError) and isinstance(info.value, ImportError)

    def test_the_error_survives_pickling(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setitem(sys.modules, "holidays", cast(Any, None))
        with pytest.raises(MissingDependency) as info:
            WorkingDays.vietnam(2026)
        assert str(info.value) == str(pickle.loads(pickle.dumps(info.value)))

    def test_a_bad_year_is_refused_before_looking_for_the_package(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setitem(sys.modules, "holidays", cast(Any, None))
        with pytest.raises(InvalidValue) as info:
            WorkingDays.vietnam(cast(Any, "2026"))
        assert info.value.path == "years"


# -- calendar ------------------------------------------------------------------------------------


class TestCalendar:
    def test_by_default_a_year_has_four_inspections_and_the_year_end_rating(self) -> None:
        entries = calendar(2026)
        assert [(e.date.isoformat(), e.kind) for e in entries] == [
            ("2026-03-31", "inspection"),
            ("2026-06-30", "inspection"),
            ("2026-09-30", "inspection"),
            ("2026-12-15", "year-end-rating"),
            ("2026-12-31", "inspection"),
        ]

    def test_quarterly_ratings_are_for_q1_to_q3_only(self) -> None:
        ratings = [e for e in calendar(2026, quarter_days=10) if e.kind == "quarterly-rating"]
        assert [e.date.isoformat() for e in ratings] == ["2026-04-10", "2026-07-10", "2026-10-10"]
        assert all("HD 43-HD/BTCTW" in e.basis and "UNCONFIRMED" in e.basis for e in ratings)

    def test_no_quarterly_rating_without_quarter_days(self) -> None:
        assert not [e for e in calendar(2026) if e.kind == "quarterly-rating"]

    def test_the_report_is_due_the_given_days_before_the_rating(self) -> None:
        entries = calendar(2026, report_before_rating_days=15)
        (report,) = [e for e in entries if e.kind == "report"]
        assert D(2026, 11, 30) == report.date
        assert "UNCONFIRMED" in report.basis

    def test_the_year_end_rating_cites_its_decrees(self) -> None:
        (rating,) = [e for e in calendar(2026) if e.kind == "year-end-rating"]
        assert "NĐ 90/2020" in rating.basis and "NĐ 335/2025/NĐ-CP Điều 21" in rating.basis
        assert rating.what.vi == "Hạn đánh giá, xếp loại chất lượng năm 2026"

    def test_with_working_days_due_dates_move_back_and_inspections_forward(self) -> None:
        weekends_only = WorkingDays()
        entries = calendar(2029, working_days=weekends_only, report_before_rating_days=1)
        moved = {e.kind: (e.moved_from, e.date) for e in entries if e.moved_from}
        assert (D(2029, 12, 15), D(2029, 12, 14)) == moved["year-end-rating"]  # a Saturday
        (report,) = [e for e in entries if e.kind == "report"]
        assert (D(2029, 12, 13), None) == (report.date, report.moved_from)  # from the moved date
        inspections = [(e.moved_from, e.date) for e in entries if e.kind == "inspection"]
        assert (D(2029, 3, 31), D(2029, 4, 2)) == inspections[0]  # a Saturday
        assert (None, D(2029, 12, 31)) == inspections[-1]  # a Monday

    def test_a_moved_entry_says_so_in_both_languages(self) -> None:
        entries = calendar(2029, working_days=WorkingDays())
        (rating,) = [e for e in entries if e.kind == "year-end-rating"]
        assert "moved from 2029-12-15" in rating.what.en
        assert "dời từ 15/12/2029" in rating.what.vi

    def test_due_dates_may_move_forward_instead(self) -> None:
        entries = calendar(2029, working_days=WorkingDays(), due_forward=True)
        (rating,) = [e for e in entries if e.kind == "year-end-rating"]
        assert D(2029, 12, 17) == rating.date

    def test_a_custom_recurrence_replaces_the_quarterly_inspections(self) -> None:
        entries = calendar(2026, recurrence="FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=1")
        inspections = [e for e in entries if e.kind == "inspection"]
        assert [D(2026, 6, 1)] == [e.date for e in inspections]
        assert "the recurrence given" in inspections[0].basis

    @given(st.integers(1900, 2199), st.none() | st.integers(0, 60), st.none() | st.integers(0, 300))
    def test_entries_are_sorted_by_date(
        self, year: int, quarter_days: int | None, before: int | None
    ) -> None:
        entries = calendar(
            year,
            working_days=WorkingDays(),
            quarter_days=quarter_days,
            report_before_rating_days=before,
        )
        assert sorted(e.date for e in entries) == [e.date for e in entries]
        assert 5 + (3 if quarter_days is not None else 0) + (before is not None) == len(entries)

    @pytest.mark.parametrize(
        ("kwargs", "path"),
        [
            ({"year": "2026"}, "year"),
            ({"year": 2026, "quarter_days": -1}, "quarter_days"),
            ({"year": 2026, "report_before_rating_days": "7"}, "report_before_rating_days"),
            ({"year": 2026, "working_days": [D(2026, 1, 1)]}, "working_days"),
            ({"year": 2026, "due_forward": None}, "due_forward"),
        ],
    )
    def test_bad_arguments_are_refused_naming_them(self, kwargs: dict[str, Any], path: str) -> None:
        with pytest.raises(InvalidValue) as info:
            calendar(**kwargs)
        assert path == info.value.path


class TestCalendarEntry:
    def test_fields_are_converted_like_other_facts(self) -> None:
        entry = CalendarEntry(
            "15/12/2026", kind="report", what=Reason("Report", "Báo cáo"), basis="set"
        )
        assert D(2026, 12, 15) == entry.date

    @pytest.mark.parametrize(
        ("args", "path"),
        [
            (("15/12", "report", Reason("a", "b"), ""), "date"),
            ((D(2026, 1, 1), "", Reason("a", "b"), ""), "kind"),
            ((D(2026, 1, 1), "report", "what", ""), "what"),
            ((D(2026, 1, 1), "report", Reason("a", "b"), None), "basis"),
        ],
    )
    def test_a_bad_field_is_refused_by_name(self, args: tuple[Any, ...], path: str) -> None:
        date, kind, what, basis = args
        with pytest.raises(InvalidValue) as info:
            CalendarEntry(date, kind=kind, what=what, basis=basis)
        assert path == info.value.path


class TestFormatCalendar:
    def test_one_line_per_entry_with_the_vietnamese_weekday(self) -> None:
        lines = format_calendar(calendar(2026)).splitlines()
        assert len(lines) == 5
        assert lines[0].startswith("2026-03-31  Thứ Ba ")
        assert lines[0].endswith("Kiểm tra, thẩm định tiến độ hằng quý, quý I/2026")

    def test_english_names_the_weekday_in_english(self) -> None:
        lines = format_calendar(calendar(2026), lang="en").splitlines()
        assert lines[3] == "2026-12-15  Tuesday    Year-end rating 2026 due"

    def test_sunday_is_chu_nhat(self) -> None:
        entry = CalendarEntry(D(2026, 3, 8), kind="report", what=Reason("x", "y"), basis="")
        assert format_calendar([entry]) == "2026-03-08  Chủ Nhật  y"

    def test_no_entries_give_an_empty_text(self) -> None:
        assert format_calendar(()) == ""

    @pytest.mark.parametrize(
        ("args", "path"),
        [(((), "fr"), "lang"), (([1], "vi"), "entries[0]"), (("x", "vi"), "entries")],
    )
    def test_bad_arguments_are_refused(self, args: tuple[Any, ...], path: str) -> None:
        entries, lang = args
        with pytest.raises(InvalidValue) as info:
            format_calendar(entries, lang=lang)
        assert path == info.value.path
