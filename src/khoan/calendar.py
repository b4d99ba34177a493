"""The dates of the cycle: inspections, rating deadlines, relative deadlines, working days.

Functional bodies inspect progress "hằng quý hoặc đột xuất" (the seed
article); heads are rated every quarter (KL 198-KL/TW), though under
HD 43-HD/BTCTW only Q1-Q3 get a quarterly rating and Q4 is folded into the
year-end rating, which is due "trước ngày 15/12" (NĐ 90/2020/NĐ-CP,
NĐ 335/2025/NĐ-CP Điều 21); decisions set deadlines such as "trong vòng 6
tháng kể từ ngày ban hành quyết định". This module computes those dates
exactly. What the sources leave open -- the day of a quarterly inspection,
how long after a quarter its rating is due, how long before the rating the
report is due, which days are holidays -- is a parameter, never a constant.

>>> from khoan import Period
>>> [str(d) for d in inspection_dates(Period(2026))]
['2026-03-31', '2026-06-30', '2026-09-30', '2026-12-31']
>>> evaluation_due(Period(2026)), within(dt.date(2025, 8, 31), months=6)
(datetime.date(2026, 12, 15), datetime.date(2026, 2, 28))

Past ~400 lines: inspection dates, rating deadlines and the calendar view share their
period and working-day logic; working days themselves are in :mod:`khoan._calendar`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import TypeAlias

import attrs
from dateutil import rrule as _rrule
from dateutil.relativedelta import relativedelta

from khoan._base.convert import is_whole, to_date, to_id, to_optional_date, to_text
from khoan._base.fact import fact
from khoan._base.findings import Reason
from khoan._calendar.workdays import WorkingDays, _count, _day, _flag, _period, _shift
from khoan._facts.period import Period
from khoan.exceptions import InvalidValue, OutOfPeriod

__all__ = [
    "QUARTER_ENDS",
    "CalendarEntry",
    "Recurrence",
    "WorkingDays",
    "calendar",
    "evaluation_due",
    "format_calendar",
    "inspection_dates",
    "within",
]

Recurrence: TypeAlias = _rrule.rrulebase | str
"""A :mod:`dateutil.rrule` rule or rule set, or an RFC 5545 ``RRULE`` string."""

QUARTER_ENDS = "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1"
"""The last day of each quarter: khoan's default day for a quarterly inspection.

The seed article says only "hằng quý" (every quarter); which day of the
quarter is a choice, so pass another ``recurrence`` where a body inspects on
another day.
"""

_RRULE = "a dateutil rrule or an RFC 5545 RRULE such as 'FREQ=MONTHLY;BYMONTHDAY=-1'"
_ROMAN = ("I", "II", "III", "IV")
_WEEKDAYS = {
    "vi": ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}


# -- inspections ----------------------------------------------------------------


def _rule(period: Period, recurrence: object) -> _rrule.rrulebase:
    if isinstance(recurrence, _rrule.rrulebase):
        return recurrence
    if not isinstance(recurrence, str):
        raise InvalidValue("recurrence", recurrence, _RRULE)
    start = dt.datetime.combine(period.start, dt.time())
    try:
        return _rrule.rrulestr(recurrence, dtstart=start)
    except (ValueError, TypeError, KeyError, AttributeError) as err:
        raise InvalidValue("recurrence", recurrence, f"{_RRULE}; dateutil says: {err}") from None


def _occurrences(rule: _rrule.rrulebase, period: Period, given: object) -> Iterator[dt.date]:
    previous: dt.datetime | None = None
    for moment in rule:
        # An INTERVAL=0 rule repeats its first moment for ever.
        if previous is not None and moment <= previous:
            raise InvalidValue("recurrence", given, "a rule whose occurrences move forward")
        previous = moment
        day = moment.date()
        if day > period.end:
            return
        if day >= period.start:
            yield day


def inspection_dates(
    period: Period,
    *,
    recurrence: Recurrence | None = None,
    ad_hoc: Iterable[dt.date | str] = (),
) -> tuple[dt.date, ...]:
    """The inspection schedule inside ``period``: sorted, each date once.

    >>> [str(d) for d in inspection_dates(Period.parse("2024"), ad_hoc=["29/2/2024"])]
    ['2024-02-29', '2024-03-31', '2024-06-30', '2024-09-30', '2024-12-31']
    >>> inspection_dates(Period.parse("Q1/2026"), recurrence="FREQ=MONTHLY;BYMONTHDAY=15")
    (datetime.date(2026, 1, 15), datetime.date(2026, 2, 15), datetime.date(2026, 3, 15))
    >>> inspection_dates(Period.parse("Q1/2026"), ad_hoc=[dt.date(2026, 4, 1)])
    Traceback (most recent call last):
    khoan.exceptions.OutOfPeriod: ad_hoc[0]: expected a date in 2026-Q1 (2026-01-01 to ...

    Args:
        period: The year, quarter or month the schedule covers.
        recurrence: The periodic inspections: a :mod:`dateutil.rrule` rule (or
            rule set) or an RFC 5545 ``RRULE`` string; None for
            :data:`QUARTER_ENDS`. Occurrences outside the period are dropped.
            A string's rule starts on the period's first day unless it names
            its own ``DTSTART``; a rule object keeps its own ``dtstart``
            (dateutil starts one built without it *now*, so give it one).
        ad_hoc: Unscheduled ("đột xuất") inspection dates, each inside the period.

    Returns:
        The dates in order, without duplicates; a month that holds no
        quarter's end has no quarterly inspection.

    Raises:
        InvalidValue: For a recurrence that is not a rule, or an ad hoc date
            that is not a date.
        OutOfPeriod: For an ad hoc date outside the period.

    References:
        The seed article: "hằng quý hoặc đột xuất, cơ quan chức năng tiến hành
        kiểm tra, thẩm định mức độ, tiến độ thực hiện phần việc được khoán".
        The day within the quarter is not in the source (see :data:`QUARTER_ENDS`).

    """
    period = _period(period)
    given = QUARTER_ENDS if recurrence is None else recurrence
    days = set(_occurrences(_rule(period, given), period, given))
    if isinstance(ad_hoc, str | bytes | Mapping) or not isinstance(ad_hoc, Iterable):
        raise InvalidValue("ad_hoc", ad_hoc, "a list of dates")
    for i, value in enumerate(ad_hoc):
        day = _day(f"ad_hoc[{i}]", value)
        if day not in period:
            raise OutOfPeriod(
                f"ad_hoc[{i}]", day, f"a date in {period} ({period.start} to {period.end})"
            )
        days.add(day)
    return tuple(sorted(days))


# -- deadlines ------------------------------------------------------------------


def evaluation_due(
    period: Period,
    *,
    year_end: tuple[int, int] = (12, 15),
    quarter_days: int | None = None,
    month_days: int | None = None,
    fold_q4: bool = True,
) -> dt.date:
    """The date by which the rating of ``period`` must be done.

    A year's rating is due on 15 December of that year. The sources say
    "trước ngày 15/12"; whether the 15th itself is still in time is a reading
    of "trước", so the day is a parameter: ``year_end=(12, 14)`` for the
    strict one. A quarter's (or month's) rating is due a number of days after
    it ends that no source we have fixes, so that number must be given.

    >>> evaluation_due(Period(2026))
    datetime.date(2026, 12, 15)
    >>> evaluation_due(Period.parse("Q1/2026"), quarter_days=10)
    datetime.date(2026, 4, 10)
    >>> evaluation_due(Period.parse("Q2/2026"))
    Traceback (most recent call last):
    khoan.exceptions.InvalidValue: quarter_days: expected the number of days after the quarter...
    >>> evaluation_due(Period.parse("Q4/2026"), quarter_days=10)
    Traceback (most recent call last):
    khoan.exceptions.InvalidValue: period: expected Q1, Q2 or Q3: HD 43-HD/BTCTW folds ...

    Args:
        period: The year, quarter or month rated.
        year_end: ``(month, day)`` of the year-end deadline.
        quarter_days: Days after a quarter's last day its rating is due;
            required for a quarter (UNCONFIRMED in every source we have).
        month_days: The same for a month (NĐ 335/2025 computes task results
            monthly or quarterly; the deadline is UNCONFIRMED).
        fold_q4: Refuse a separate Q4 rating, as HD 43-HD/BTCTW has Q4 in the
            year-end rating; ``False`` rates Q4 like the other quarters.

    Returns:
        The due date.

    Raises:
        InvalidValue: For a fourth quarter while ``fold_q4``, a missing or
            negative ``quarter_days``/``month_days``, or a ``year_end`` that
            names no day of the year.

    References:
        NĐ 90/2020/NĐ-CP and NĐ 335/2025/NĐ-CP Điều 21: the yearly rating
        "trước ngày 15/12". KL 198-KL/TW (2025): evaluation quarterly,
        annually and ad hoc. HD 43-HD/BTCTW (31/10/2025): Q1, Q2, Q3 are
        assessed; no separate Q4 classification.

    """
    period = _period(period)
    if period.quarter is not None:
        if _flag("fold_q4", fold_q4) and period.quarter == 4:
            raise InvalidValue(
                "period",
                period,
                "Q1, Q2 or Q3: HD 43-HD/BTCTW folds the fourth quarter into the year-end "
                "rating (pass fold_q4=False to rate it separately)",
            )
        if quarter_days is None:
            raise InvalidValue(
                "quarter_days",
                None,
                "the number of days after the quarter's end its rating is due "
                "(no source fixes it: pass quarter_days=...)",
            )
        days = _count("quarter_days", quarter_days)
        return _shift("period", period.end, dt.timedelta(days=days))
    if period.month is not None:
        if month_days is None:
            raise InvalidValue(
                "month_days",
                None,
                "the number of days after the month's end its rating is due "
                "(no source fixes it: pass month_days=...)",
            )
        days = _count("month_days", month_days)
        return _shift("period", period.end, dt.timedelta(days=days))
    expected = f"a (month, day) pair naming a day of {period.year}, such as (12, 15)"
    if not isinstance(year_end, tuple) or len(year_end) != 2:
        raise InvalidValue("year_end", year_end, expected)
    month, day = year_end
    if any(not is_whole(v) for v in year_end):
        raise InvalidValue("year_end", year_end, expected)
    try:
        return dt.date(period.year, month, day)
    except ValueError:
        raise InvalidValue("year_end", year_end, expected) from None


def within(start: dt.date | str, *, years: int = 0, months: int = 0, days: int = 0) -> dt.date:
    """The last day of a time limit counted from ``start``.

    Years and months are added first, then days, by
    :class:`dateutil.relativedelta.relativedelta`: a month with no matching
    day ends the limit on its last day, so 31 August plus six months is the
    end of February.

    >>> within(dt.date(2023, 8, 31), months=6), within("31/8/2024", months=6)
    (datetime.date(2024, 2, 29), datetime.date(2025, 2, 28))
    >>> within(dt.date(2026, 1, 1), days=-1)
    Traceback (most recent call last):
    khoan.exceptions.InvalidValue: days: expected a whole number of days, 0 or more, got -1

    Args:
        start: The day the limit is counted from, e.g. the decision's date.
        years: Whole years.
        months: Whole months.
        days: Whole days.

    Returns:
        The deadline, never before ``start``.

    Raises:
        InvalidValue: For a negative or non-integer amount, or a deadline
            beyond the year 9999.

    References:
        Wording such as "trong vòng 6 tháng kể từ ngày ban hành quyết định";
        the end-of-month rule is dateutil's ``relativedelta``.

    """
    day = _day("start", start)
    delta = relativedelta(
        years=_count("years", years, "years"),
        months=_count("months", months, "months"),
        days=_count("days", days),
    )
    return _shift("start", day, delta)


# -- the year's calendar ----------------------------------------------------------


def _reason(value: object) -> Reason:
    if not isinstance(value, Reason):
        raise InvalidValue("", value, "a Reason (English and Vietnamese text)")
    return value


@fact
@attrs.frozen(kw_only=True)
class CalendarEntry:
    """One date of the year's calendar and what falls due on it.

    Args:
        date: The day.
        kind: ``"inspection"``, ``"quarterly-rating"``, ``"year-end-rating"``,
            ``"report"`` or a kind of your own.
        what: What happens, in English and Vietnamese.
        basis: The rule or setting the date comes from.
        moved_from: The date the rule gave, when it fell on a day off and was moved.

    """

    date: dt.date = attrs.field(converter=to_date, kw_only=False)
    kind: str = attrs.field(converter=to_id)
    what: Reason = attrs.field(converter=_reason)
    basis: str = attrs.field(converter=to_text)
    moved_from: dt.date | None = attrs.field(default=None, converter=to_optional_date, kw_only=True)


_KIND_ORDER = {"inspection": 0, "report": 1, "quarterly-rating": 2, "year-end-rating": 3}


def _quarter_vi(period: Period) -> str:
    return f"quý {_ROMAN[(period.quarter or 1) - 1]}/{period.year}"


def _entry(
    kind: str,
    day: dt.date,
    what: Reason,
    basis: str,
    working_days: WorkingDays | None,
    forward: bool,
) -> CalendarEntry:
    if working_days is None or working_days.is_working(day):
        return CalendarEntry(day, kind=kind, what=what, basis=basis)
    moved = working_days.adjust(day, forward=forward)
    direction = ("next", "sau") if forward else ("previous", "trước")
    what = Reason(
        f"{what.en} (moved from {day.isoformat()}, a day off, to the {direction[0]} working day)",
        f"{what.vi} (dời từ {day:%d/%m/%Y}, ngày nghỉ, sang ngày làm việc liền {direction[1]})",
    )
    return CalendarEntry(moved, kind=kind, what=what, basis=basis, moved_from=day)


def calendar(
    year: int,
    *,
    working_days: WorkingDays | None = None,
    quarter_days: int | None = None,
    report_before_rating_days: int | None = None,
    recurrence: Recurrence | None = None,
    year_end: tuple[int, int] = (12, 15),
    due_forward: bool = False,
) -> tuple[CalendarEntry, ...]:
    """The dates of ``year``, in order: inspections, ratings due, the report due.

    >>> for e in calendar(2026, quarter_days=10):
    ...     print(e.date, e.kind)
    2026-03-31 inspection
    2026-04-10 quarterly-rating
    2026-06-30 inspection
    2026-07-10 quarterly-rating
    2026-09-30 inspection
    2026-10-10 quarterly-rating
    2026-12-15 year-end-rating
    2026-12-31 inspection

    Args:
        year: The calendar year.
        working_days: If given, a due date on a day off moves to the previous
            working day and an inspection to the next one, and the entry says so.
        quarter_days: Days after Q1, Q2 and Q3 their ratings are due; without
            it there are no quarterly ratings (UNCONFIRMED; see :func:`evaluation_due`).
        report_before_rating_days: Days before the year-end rating the
            results report is due; without it there is no report entry
            (UNCONFIRMED). Counted back from the rating's (moved) date.
        recurrence: The inspections' rule, as in :func:`inspection_dates`.
        year_end: ``(month, day)`` of the year-end rating, as in :func:`evaluation_due`.
        due_forward: Move due dates on days off to the next working day
            instead, where the applicable rules read a deadline that way (not
            checked against a source here); the previous day, the default, is
            in time under either reading.

    Returns:
        The entries sorted by date, then inspection, report, quarterly
        rating and year-end rating.

    Raises:
        InvalidValue: For a bad year or setting, or a date outside the years
            ``working_days`` covers.

    References:
        The seed article (inspections "hằng quý hoặc đột xuất"; "hằng năm,
        người đứng đầu báo cáo kết quả"); KL 198-KL/TW and HD 43-HD/BTCTW
        (quarterly ratings for Q1-Q3 only); NĐ 90/2020/NĐ-CP and
        NĐ 335/2025/NĐ-CP Điều 21 (year-end rating before 15/12).

    """
    whole = Period(year)
    if working_days is not None and not isinstance(working_days, WorkingDays):
        raise InvalidValue("working_days", working_days, "a WorkingDays or None")
    late = _flag("due_forward", due_forward)
    entries: list[CalendarEntry] = []
    for day in inspection_dates(whole, recurrence=recurrence):
        if recurrence is None:
            quarter = Period(year, quarter=(day.month + 2) // 3)
            what = Reason(
                f"Quarterly inspection of progress, Q{quarter.quarter}/{year}",
                f"Kiểm tra, thẩm định tiến độ hằng quý, {_quarter_vi(quarter)}",
            )
            basis = "seed article: 'hằng quý hoặc đột xuất'; day: khoan.calendar.QUARTER_ENDS"
        else:
            what = Reason("Scheduled inspection of progress", "Kiểm tra, thẩm định tiến độ")
            basis = "seed article: 'hằng quý hoặc đột xuất'; day: the recurrence given"
        entries.append(_entry("inspection", day, what, basis, working_days, forward=True))
    if quarter_days is not None:
        for q in (1, 2, 3):
            quarter = Period(year, quarter=q)
            due = evaluation_due(quarter, quarter_days=quarter_days)
            what = Reason(
                f"Q{q}/{year} rating due", f"Hạn đánh giá, xếp loại {_quarter_vi(quarter)}"
            )
            basis = (
                "KL 198-KL/TW; HD 43-HD/BTCTW (Q1-Q3; Q4 in the year-end rating); "
                f"quarter_days={quarter_days} after the quarter (set, UNCONFIRMED)"
            )
            entries.append(_entry("quarterly-rating", due, what, basis, working_days, late))
    rating = _entry(
        "year-end-rating",
        evaluation_due(whole, year_end=year_end),
        Reason(f"Year-end rating {year} due", f"Hạn đánh giá, xếp loại chất lượng năm {year}"),
        "NĐ 90/2020/NĐ-CP; NĐ 335/2025/NĐ-CP Điều 21: 'trước ngày 15/12'"
        + ("" if year_end == (12, 15) else f"; set: year_end={year_end}"),
        working_days,
        late,
    )
    entries.append(rating)
    if report_before_rating_days is not None:
        before = _count("report_before_rating_days", report_before_rating_days)
        what = Reason(
            f"Results report {year} due", f"Hạn báo cáo kết quả thực hiện nhiệm vụ năm {year}"
        )
        basis = (
            "seed article: 'hằng năm, người đứng đầu báo cáo kết quả'; "
            f"report_before_rating_days={before} (set, UNCONFIRMED)"
        )
        due = _shift("report_before_rating_days", rating.date, dt.timedelta(days=-before))
        entries.append(_entry("report", due, what, basis, working_days, late))
    return tuple(sorted(entries, key=lambda e: (e.date, _KIND_ORDER.get(e.kind, 9), e.what.en)))


def format_calendar(entries: Iterable[CalendarEntry], *, lang: str = "vi") -> str:
    """The entries as a table: one line each with the date, the weekday and what is due.

    >>> print(format_calendar(calendar(2026), lang="en"))
    2026-03-31  Tuesday    Quarterly inspection of progress, Q1/2026
    2026-06-30  Tuesday    Quarterly inspection of progress, Q2/2026
    2026-09-30  Wednesday  Quarterly inspection of progress, Q3/2026
    2026-12-15  Tuesday    Year-end rating 2026 due
    2026-12-31  Thursday   Quarterly inspection of progress, Q4/2026

    Args:
        entries: Calendar entries, printed in the order given.
        lang: ``"vi"`` or ``"en"``.

    Returns:
        The lines joined by newlines, without a final one.

    Raises:
        InvalidValue: For another language or something that is not an entry.

    """
    if lang not in _WEEKDAYS:
        raise InvalidValue("lang", lang, "'vi' or 'en'")
    names = _WEEKDAYS[lang]
    width = max(len(name) for name in names)
    lines: list[str] = []
    if isinstance(entries, str | bytes | Mapping) or not isinstance(entries, Iterable):
        raise InvalidValue("entries", entries, "a list of CalendarEntry")
    for i, entry in enumerate(entries):
        if not isinstance(entry, CalendarEntry):
            raise InvalidValue(f"entries[{i}]", entry, "a CalendarEntry")
        weekday = names[entry.date.weekday()]
        lines.append(f"{entry.date.isoformat()}  {weekday:<{width}}  {entry.what.text(lang)}")
    return "\n".join(lines)
