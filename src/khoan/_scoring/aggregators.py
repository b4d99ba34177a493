"""Aggregators: how a council's points for one item become one number.

An aggregator is any callable from a non-empty sequence of exact points to
one exact value. The built-ins are small frozen callables whose repr reads
like their configuration.

References:
    peers.md §5 and §9.8: trimmed means drop an explicit number of scores per
    side (scipy's ``trim_mean`` takes a proportion and silently trims less);
    judging panels drop 1+1 at 5-6 judges and 2+2 at 7 or more.

"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Protocol

import attrs

from khoan._base.convert import is_whole
from khoan._base.findings import Reason
from khoan.exceptions import InvalidValue

__all__ = [
    "Aggregator",
    "JudgingTrim",
    "Mean",
    "Median",
    "TrimmedMean",
    "alpha_of_units",
    "describe",
    "judging",
    "krippendorff_alpha",
    "mean",
    "median",
    "trimmed_mean",
]


class Aggregator(Protocol):
    """Turns members' points for one thing into one value."""

    def __call__(self, points: Sequence[Fraction], /) -> Fraction: ...


def _units(points: Sequence[Fraction]) -> tuple[list[int], int]:
    """The points as sorted integers over one common denominator, and that denominator.

    Exact, and far faster to sort and add than Fractions.
    """
    if not points:
        raise InvalidValue("points", [], "at least one member's points")
    exact = [p if type(p) is Fraction else Fraction(p) for p in points]
    scale = math.lcm(*{p.denominator for p in exact})
    return sorted(p.numerator * (scale // p.denominator) for p in exact), scale


@attrs.frozen(repr=False)
class Mean:
    """The arithmetic mean."""

    def __call__(self, points: Sequence[Fraction], /) -> Fraction:
        values, scale = _units(points)
        return Fraction(sum(values), scale * len(values))

    def __repr__(self) -> str:
        return "mean()"

    def label(self, count: int | None = None) -> Reason:
        """The aggregator in plain words, both languages."""
        return Reason("mean of the members' points", "trung bình cộng điểm các thành viên")


@attrs.frozen(repr=False)
class Median:
    """The median; the mean of the two middle values for an even count."""

    def __call__(self, points: Sequence[Fraction], /) -> Fraction:
        values, scale = _units(points)
        mid = len(values) // 2
        if len(values) % 2:
            return Fraction(values[mid], scale)
        return Fraction(values[mid - 1] + values[mid], 2 * scale)

    def __repr__(self) -> str:
        return "median()"

    def label(self, count: int | None = None) -> Reason:
        """The aggregator in plain words, both languages."""
        return Reason("median of the members' points", "trung vị điểm các thành viên")


@attrs.frozen(repr=False)
class TrimmedMean:
    """The mean after dropping ``drop`` lowest and ``drop`` highest values."""

    drop: int

    def __call__(self, points: Sequence[Fraction], /) -> Fraction:
        values, scale = _units(points)
        if len(values) <= 2 * self.drop:
            raise InvalidValue(
                "points",
                len(values),
                f"more than {2 * self.drop} members' points to drop {self.drop} per side",
            )
        kept = values[self.drop : len(values) - self.drop]
        return Fraction(sum(kept), scale * len(kept))

    def __repr__(self) -> str:
        return f"trimmed_mean(drop={self.drop})"

    def label(self, count: int | None = None) -> Reason:
        """The aggregator in plain words, both languages."""
        if self.drop == 0:
            return Mean().label(count)
        return Reason(
            f"mean after dropping the {self.drop} highest and {self.drop} lowest points",
            f"trung bình sau khi bỏ {self.drop} điểm cao nhất và {self.drop} điểm thấp nhất",
        )


@attrs.frozen(repr=False)
class JudgingTrim:
    """A trimmed mean whose trimming depends on how many members scored.

    ======== ================
    members  dropped per side
    ======== ================
    1-4      none
    5-6      1
    7 and up 2
    ======== ================
    """

    def __call__(self, points: Sequence[Fraction], /) -> Fraction:
        if not points:
            raise InvalidValue("points", [], "at least one member's points")
        return TrimmedMean(self.drop_for(len(points)))(points)

    @staticmethod
    def drop_for(count: int) -> int:
        """How many values are dropped per side for ``count`` members."""
        if count >= 7:
            return 2
        return 1 if count >= 5 else 0

    def __repr__(self) -> str:
        return "judging()"

    def label(self, count: int | None = None) -> Reason:
        """The aggregator in plain words, both languages (for ``count`` members if known)."""
        if count is None:
            return Reason(
                "mean after dropping the highest and lowest points: 1 each at 5-6 members, "
                "2 each at 7 or more",
                "trung bình sau khi bỏ điểm cao nhất và thấp nhất: mỗi đầu 1 điểm khi có 5-6 "
                "thành viên chấm, 2 điểm khi từ 7 thành viên",
            )
        return TrimmedMean(self.drop_for(count)).label(count)


def describe(aggregator: Aggregator, count: int | None = None) -> Reason:
    """An aggregator in plain words, in English and Vietnamese, for an explanation.

    Built-ins name themselves (for ``count`` members where that matters); a
    plain function is named by its ``__name__``.

    >>> describe(judging(), 7).en
    'mean after dropping the 2 highest and 2 lowest points'
    >>> describe(trimmed_mean(drop=1)).vi
    'trung bình sau khi bỏ 1 điểm cao nhất và 1 điểm thấp nhất'
    """
    label = getattr(aggregator, "label", None)
    if callable(label):
        described = label(count)
        if isinstance(described, Reason):
            return described
    name = getattr(aggregator, "__name__", None) or repr(aggregator)
    return Reason(f"aggregated by {name}", f"tổng hợp theo {name}")


def mean() -> Mean:
    """The arithmetic mean of the members' points.

    >>> mean()([Fraction(3), Fraction(4)])
    Fraction(7, 2)
    """
    return Mean()


def median() -> Median:
    """The median of the members' points."""
    return Median()


def trimmed_mean(*, drop: int) -> TrimmedMean:
    """The mean after dropping ``drop`` values from each end.

    >>> trimmed_mean(drop=1)([Fraction(0), Fraction(4), Fraction(5), Fraction(9)])
    Fraction(9, 2)

    Raises:
        InvalidValue: ``drop`` is negative (at construction) or leaves nothing
            (when called).

    """
    if not is_whole(drop) or drop < 0:
        raise InvalidValue("drop", drop, "a whole number, 0 or more")
    return TrimmedMean(drop)


def judging() -> JudgingTrim:
    """The size-aware default: drop 1+1 at 5-6 members, 2+2 at 7+, none below.

    >>> judging()
    judging()
    """
    return JudgingTrim()


def krippendorff_alpha(ratings: Sequence[Sequence[Fraction | None]]) -> Fraction | None:
    """Krippendorff's alpha at the interval level, as an agreement diagnostic.

    Args:
        ratings: One row per scored thing (item or criterion), one column per
            member; None where a member did not score that thing. Put values
            on one scale first (khoan divides by the item's maximum).

    Returns:
        1 for perfect agreement, about 0 for chance, below 0 for systematic
        disagreement; None when it is undefined (fewer than two pairable
        values, or no variation at all).

    >>> krippendorff_alpha([[Fraction(1), Fraction(1)], [Fraction(0), Fraction(0)]])
    Fraction(1, 1)

    References:
        Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability.

    """
    rows = [[v for v in row if v is not None] for row in ratings]
    rows = [row for row in rows if len(row) >= 2]
    n = sum(len(row) for row in rows)
    if n < 2:
        return None
    # Work in integers: scale every value by the common denominator. Exact, and
    # far faster than summing Fractions.
    exact = [[v if type(v) is Fraction else Fraction(v) for v in row] for row in rows]
    scale = math.lcm(*{v.denominator for row in exact for v in row})
    units = [[v.numerator * (scale // v.denominator) for v in row] for row in exact]
    return alpha_of_units(units)


def alpha_of_units(units: Sequence[Sequence[int]]) -> Fraction | None:
    """:func:`krippendorff_alpha` of values already scaled to integers (rows of 2+ values).

    Alpha does not change when every value is multiplied by one constant, so
    rows of integers over a common denominator give the same exact answer.
    """
    n = sum(len(row) for row in units)
    if n < 2:
        return None
    observed = Fraction(0)
    for u in units:
        total, squares, m = sum(u), sum(v * v for v in u), len(u)
        # Sum over ordered pairs i != j of (v_i - v_j)^2 is 2(m Σv² - (Σv)²).
        observed += Fraction(2 * (m * squares - total * total), m - 1)
    observed /= n
    values = [v for u in units for v in u]
    total, squares = sum(values), sum(v * v for v in values)
    expected = Fraction(2 * (n * squares - total * total), n * (n - 1))
    if expected == 0:
        return None
    return 1 - observed / expected
