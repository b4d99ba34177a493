"""Conditions: what a rating needs beyond its band (on time, exceeded, completed).

Each condition is a small frozen callable with a readable repr and an ``id``
that becomes the last part of the finding's clause id
(``"qd-366-2025/excellent/on-time-quality"``).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Protocol

import attrs

from khoan._base.convert import decimal_text, percent, to_fraction
from khoan._base.findings import Reason
from khoan._facts.circumstances import Circumstances
from khoan._facts.report import ExcuseKind
from khoan._schemes.checks import exempt_repr, exempted, ids, scored
from khoan._scoring.results import ItemResult, Status
from khoan.exceptions import FieldError, InvalidValue

__all__ = [
    "Condition",
    "Measure",
    "all_completed",
    "all_on_time",
    "share_arg",
    "share_exceeded",
    "share_late",
    "share_on_time",
]


class Condition(Protocol):
    """A requirement a rating has beyond its band; returns why it fails, or None."""

    def __call__(
        self, results: Sequence[ItemResult], circumstances: Circumstances, /
    ) -> Reason | None: ...


@attrs.frozen(repr=False)
class _AllOnTime:
    quality: bool
    exempt: frozenset[ExcuseKind]

    def __call__(self, results: Sequence[ItemResult], c: Circumstances, /) -> Reason | None:
        bad = [
            r
            for r in scored(results)
            if not exempted(r, self.exempt)
            and (not r.completed or r.on_time is False or (self.quality and r.failed_reviews))
        ]
        if not bad:
            return None
        what = "on time with quality" if self.quality else "on time"
        what_vi = "đúng hạn, bảo đảm chất lượng" if self.quality else "đúng hạn"
        return Reason(
            f"not every item completed {what}: {ids(bad)}",
            f"chưa hoàn thành 100% nhiệm vụ {what_vi}: {ids(bad)}",
        )

    @property
    def id(self) -> str:
        """The condition's part of a clause id."""
        return "on-time-quality" if self.quality else "on-time"

    def __repr__(self) -> str:
        return f"all_on_time(quality={self.quality}{exempt_repr(self.exempt)})"


def all_on_time(*, quality: bool = True, exempt: Sequence[ExcuseKind] = ()) -> _AllOnTime:
    """Every item completed by its deadline (and, with ``quality``, passing review).

    Items carrying a confirmed excuse of a kind in ``exempt`` are not held against it.

    References:
        QĐ 366-QĐ/TW Điều 11: Excellent and Good need 100% of tasks on time
        with quality.

    """
    return _AllOnTime(quality=quality, exempt=frozenset(exempt))


@attrs.frozen(repr=False)
class _AllCompleted:
    exempt: frozenset[ExcuseKind]

    def __call__(self, results: Sequence[ItemResult], c: Circumstances, /) -> Reason | None:
        bad = [r for r in scored(results) if not r.completed and not exempted(r, self.exempt)]
        if not bad:
            return None
        return Reason(
            f"not every item completed: {ids(bad)}",
            f"chưa hoàn thành 100% nhiệm vụ: {ids(bad)}",
        )

    @property
    def id(self) -> str:
        """The condition's part of a clause id."""
        return "all-completed"

    def __repr__(self) -> str:
        return f"all_completed({exempt_repr(self.exempt)[2:]})"


def all_completed(*, exempt: Sequence[ExcuseKind] = ()) -> _AllCompleted:
    """Every item completed, late or not.

    References:
        QĐ 366-QĐ/TW Điều 11: Achieved needs 100% of tasks completed.

    """
    return _AllCompleted(frozenset(exempt))


class Measure(enum.Enum):
    """What a share condition counts among the scored items."""

    EXCEEDED = "exceeded"  #: items that exceeded their targets
    LATE = "late"  #: items completed after their deadline
    ON_TIME = "on_time"  #: items completed on time with quality


_MEASURED: dict[Measure, Callable[[ItemResult], bool]] = {
    Measure.EXCEEDED: lambda r: r.exceeded,
    Measure.LATE: lambda r: r.status is Status.COMPLETED_LATE,
    Measure.ON_TIME: lambda r: r.completed and r.on_time is not False and not r.failed_reviews,
}
_MEASURE_WORDS = {
    Measure.EXCEEDED: ("exceeded", "vượt"),
    Measure.LATE: ("late", "quá hạn"),
    Measure.ON_TIME: ("on time with quality", "đúng hạn, bảo đảm chất lượng"),
}
_MEASURE_FACTORY = {
    Measure.EXCEEDED: "share_exceeded",
    Measure.LATE: "share_late",
    Measure.ON_TIME: "share_on_time",
}


@attrs.frozen(repr=False, kw_only=True)
class _Share:
    measure: Measure = attrs.field(kw_only=False)
    limit: Fraction
    at_least: bool
    exempt: frozenset[ExcuseKind]

    @property
    def id(self) -> str:
        """The condition's part of a clause id."""
        return self.measure.value.replace("_", "-")

    def __call__(self, results: Sequence[ItemResult], c: Circumstances, /) -> Reason | None:
        pool = [r for r in scored(results) if not exempted(r, self.exempt)]
        if not pool:
            return None
        counts = _MEASURED[self.measure]
        count = sum(1 for r in pool if counts(r))
        share = Fraction(count, len(pool))
        ok = share >= self.limit if self.at_least else share <= self.limit
        if ok:
            return None
        en, vi = _MEASURE_WORDS[self.measure]
        bound = "at least" if self.at_least else "at most"
        bound_vi = "ít nhất" if self.at_least else "tối đa"
        got, need = f"({percent(share)})", percent(self.limit)
        small, small_vi = "", ""
        allowed = self.limit * len(pool)
        if not self.at_least and allowed < 1:
            # A small package: the share allows no item at all, which the reader should see.
            small = f" (with {len(pool)} items, at most {need} means none may be {en})"
            small_vi = (
                f" (với {len(pool)} nhiệm vụ, tối đa {need} nghĩa là không được có nhiệm vụ {vi})"
            )
        return Reason(
            f"{count} of {len(pool)} items {en} {got}; needs {bound} {need}{small}",
            f"{count}/{len(pool)} nhiệm vụ {vi} {got}; yêu cầu {bound_vi} {need}{small_vi}",
        )

    def __repr__(self) -> str:
        bound = "at_least" if self.at_least else "at_most"
        limit = decimal_text(self.limit)
        return f"{_MEASURE_FACTORY[self.measure]}({bound}={limit}{exempt_repr(self.exempt)})"


def share_arg(value: object, name: str) -> Fraction:
    try:
        share = to_fraction(value)
    except FieldError as err:
        raise err.with_prefix(name) from None
    if not 0 <= share <= 1:
        raise InvalidValue(name, value, "a share from 0 to 1 as str, int, Decimal or Fraction")
    return share


def share_exceeded(at_least: object, *, exempt: Sequence[ExcuseKind] = ()) -> _Share:
    """At least this share of the items (by count) exceeded their targets.

    References:
        QĐ 366-QĐ/TW Điều 11 (Excellent: ≥ 30% exceeded); NĐ 90/2020/NĐ-CP
        Điều 4 (Excellent: ≥ 50% exceeded).

    """
    return _Share(
        Measure.EXCEEDED,
        limit=share_arg(at_least, "at_least"),
        at_least=True,
        exempt=frozenset(exempt),
    )


def share_late(at_most: object, *, exempt: Sequence[ExcuseKind] = ()) -> _Share:
    """At most this share of the items (by count) were completed late.

    References:
        QĐ 366-QĐ/TW Điều 11 (Achieved: late tasks ≤ 20%).

    """
    return _Share(
        Measure.LATE, limit=share_arg(at_most, "at_most"), at_least=False, exempt=frozenset(exempt)
    )


def share_on_time(at_least: object, *, exempt: Sequence[ExcuseKind] = ()) -> _Share:
    """At least this share of the items (by count) completed on time with quality.

    References:
        NĐ 90/2020/NĐ-CP (Good: ≥ 80% on time with quality).

    """
    return _Share(
        Measure.ON_TIME,
        limit=share_arg(at_least, "at_least"),
        at_least=True,
        exempt=frozenset(exempt),
    )
