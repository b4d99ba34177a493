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
from khoan.exceptions import InvalidValue

__all__ = [
    "Aggregator",
    "JudgingTrim",
    "Mean",
    "Median",
    "TrimmedMean",
    "alpha_of_units",
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
