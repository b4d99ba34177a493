"""Working days: weekends, public holidays (lunar ones included) and made-up workdays.

Also the small argument checks the calendar functions share.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Self

import attrs
from dateutil import rrule as _rrule
from dateutil.relativedelta import relativedelta

from khoan._base.convert import FIRST_YEAR, LAST_YEAR, is_whole, to_bool, to_date, to_tuple
from khoan._base.fact import fact
from khoan._facts.period import Period
from khoan.exceptions import FieldError, InvalidValue, MissingDependency

__all__ = ["WorkingDays"]


# -- argument checks ----------------------------------------------------------


def _day(path: str, value: object) -> dt.date:
    try:
        return to_date(value)
    except FieldError as err:
        raise err.with_prefix(path) from None


def _flag(path: str, value: object) -> bool:
    try:
        return to_bool(value)
    except FieldError as err:
        raise err.with_prefix(path) from None


def _count(path: str, value: object, what: str = "days") -> int:
    if not is_whole(value) or value < 0:
        raise InvalidValue(path, value, f"a whole number of {what}, 0 or more")
    return value


def _period(value: object) -> Period:
    if not isinstance(value, Period):
        raise InvalidValue("period", value, "a khoan.Period such as Period(2026)")
    return value


def _shift(path: str, day: dt.date, delta: dt.timedelta | relativedelta) -> dt.date:
    try:
        return day + delta
    except (OverflowError, ValueError):
        raise InvalidValue(path, day, "a date whose deadline falls before the year 10000") from None


# -- working days -----------------------------------------------------------------


def _dates(value: object) -> frozenset[dt.date]:
    # A mapping (such as a ``holidays`` calendar) gives its keys.
    items = tuple(value) if isinstance(value, Mapping) else to_tuple(value)
    out: set[dt.date] = set()
    for i, item in enumerate(items):
        out.add(_day(f"[{i}]", item))
    return frozenset(out)


def _weekdays(value: object) -> frozenset[int]:
    out: set[int] = set()
    for i, item in enumerate(to_tuple(value)):
        number = item.weekday if isinstance(item, _rrule.weekday) else item
        if not is_whole(number) or not 0 <= number <= 6:
            raise InvalidValue(
                f"[{i}]", item, "a weekday: 0 (Monday) to 6 (Sunday) or dateutil's MO..SU"
            )
        out.add(number)
    if len(out) == 7:
        raise InvalidValue("", value, "at most six weekend days")
    return frozenset(out)


def _years(value: object) -> frozenset[int]:
    items = (value,) if isinstance(value, int) else to_tuple(value)
    for i, item in enumerate(items):
        if not is_whole(item) or not 1 <= item <= 9999:
            raise InvalidValue(f"[{i}]", item, "a year")
    if not items:
        raise InvalidValue("", value, "at least one year")
    return frozenset(items)


def _optional_years(value: object) -> frozenset[int] | None:
    return None if value is None else _years(value)


@fact
@attrs.frozen
class WorkingDays:
    """Which days are working days: not a holiday, not a weekend day unless worked.

    >>> tet = WorkingDays([dt.date(2026, 2, d) for d in range(16, 21)])
    >>> tet.is_working(dt.date(2026, 2, 17)), tet.previous_working(dt.date(2026, 2, 17))
    (False, datetime.date(2026, 2, 13))
    >>> tet.add(dt.date(2026, 2, 13), 1)
    datetime.date(2026, 2, 23)

    Args:
        holidays: Public holidays and days off, e.g. the province's official list.
        weekend: Weekdays off, 0 (Monday) to 6 (Sunday); Saturday and Sunday
            by default.
        weekend_workdays: Weekend days worked to make up for a day off the
            government moved ("ngày làm bù").
        years: The years the lists cover, if known: a date outside them is
            refused rather than judged without its holidays. None for no check.

    References:
        Saturday and Sunday off, as the ``holidays`` package's Vietnam
        calendar has it; :meth:`vietnam` for the holidays themselves.

    """

    holidays: frozenset[dt.date] = attrs.field(factory=frozenset, converter=_dates)
    weekend: frozenset[int] = attrs.field(
        default=frozenset({5, 6}), converter=_weekdays, kw_only=True
    )
    weekend_workdays: frozenset[dt.date] = attrs.field(
        factory=frozenset, converter=_dates, kw_only=True
    )
    years: frozenset[int] | None = attrs.field(
        default=None, converter=_optional_years, kw_only=True
    )

    def __attrs_post_init__(self) -> None:
        both = sorted(self.holidays & self.weekend_workdays)
        if both:
            raise InvalidValue("weekend_workdays", both[0], "a day that is not also a holiday")

    @classmethod
    def vietnam(cls, years: int | Iterable[int]) -> Self:
        """Vietnam's public holidays for ``years``, lunar ones and days moved included.

        Needs the optional package ``holidays`` (``pip install 'khoan[holidays]'``).
        The result covers only ``years``: ask for each year your dates reach.

        Args:
            years: A year or several.

        Returns:
            Working days with the holidays, the days off moved by the
            government and the weekend days worked in their place.

        Raises:
            MissingDependency: When ``holidays`` is not installed.
            InvalidValue: For something that is not a year.

        References:
            Bộ luật Lao động 2019 Điều 112 (Tết Dương lịch, Tết Nguyên Đán,
            Giỗ Tổ Hùng Vương, 30/4, 1/5, Quốc khánh) and the government's
            substituted days, as the PyPI package ``holidays`` (vacanza)
            computes them with ``holidays.country_holidays("VN", ...)``.

        """
        try:
            wanted = _years(years)
        except FieldError as err:
            raise err.with_prefix("years") from None
        try:
            import holidays as package
        except ImportError:
            raise MissingDependency(
                "WorkingDays.vietnam needs the optional package 'holidays': "
                "pip install 'khoan[holidays]'",
                name="holidays",
            ) from None
        found = package.country_holidays("VN", years=sorted(wanted))
        return cls(
            [day for day in found if day.year in wanted],
            weekend=found.weekend,
            weekend_workdays=[day for day in found.weekend_workdays if day.year in wanted],
            years=wanted,
        )

    def _working(self, day: dt.date) -> bool:
        if self.years is not None and day.year not in self.years:
            known = ", ".join(str(y) for y in sorted(self.years))
            raise InvalidValue(
                "d", day, f"a date in {known}, the years whose holidays are known (add {day.year})"
            )
        if day in self.holidays:
            return False
        return day.weekday() not in self.weekend or day in self.weekend_workdays

    def _step(self, day: dt.date, days: int) -> dt.date:
        try:
            after = day + dt.timedelta(days=days)
        except OverflowError:
            after = None
        if after is None or not FIRST_YEAR <= after.year <= LAST_YEAR:
            raise InvalidValue(
                "d",
                day,
                f"a date with working days around it in the years {FIRST_YEAR} to {LAST_YEAR}",
            )
        return after

    def is_working(self, d: dt.date) -> bool:
        """Whether ``d`` is a working day."""
        return self._working(_day("d", d))

    def next_working(self, d: dt.date) -> dt.date:
        """The first working day on or after ``d``."""
        day = _day("d", d)
        while not self._working(day):
            day = self._step(day, 1)
        return day

    def previous_working(self, d: dt.date) -> dt.date:
        """The last working day on or before ``d``."""
        day = _day("d", d)
        while not self._working(day):
            day = self._step(day, -1)
        return day

    def adjust(self, d: dt.date, forward: bool = True) -> dt.date:
        """``d`` if it is a working day, else the next one (or the previous one)."""
        if _flag("forward", forward):
            return self.next_working(d)
        return self.previous_working(d)

    def add(self, d: dt.date, n: int) -> dt.date:
        """The ``n``-th working day after ``d`` (before it if ``n`` is negative).

        Only the days after ``d`` count, so ``d`` need not be a working day
        itself; ``n=0`` returns ``d`` unchanged.
        """
        day = _day("d", d)
        if not is_whole(n):
            raise InvalidValue("n", n, "a whole number of working days")
        step = 1 if n > 0 else -1
        remaining = abs(n)
        while remaining:
            day = self._step(day, step)
            if self._working(day):
                remaining -= 1
        return day
