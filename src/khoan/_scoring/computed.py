"""Computed item rules: achievement scaled (ratio, linear), zone tables, done or not, timeliness."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from fractions import Fraction

import attrs

from khoan._base.convert import decimal_of, percent
from khoan._base.findings import Reason
from khoan._facts.council import Scoresheet
from khoan._facts.items import Indicator, Item
from khoan._facts.report import Outcome
from khoan._scoring.results import (
    ItemResult,
    Status,
    achievement_of,
    classify,
)
from khoan._scoring.rule import ItemContext, fraction_arg, result
from khoan.exceptions import InvalidValue

__all__ = ["done_or_not", "linear", "ratio", "timeliness", "zones"]


# ------------------------------------------------------------- achievement rules


@attrs.frozen(repr=False, kw_only=True)
class _Scaled:
    """Points = weight × clamp(achievement, floor, cap)."""

    cap: Fraction = attrs.field(kw_only=False)
    floor: Fraction
    baseline: bool  # linear from the baseline (True) or plain ratio (False)

    def __call__(
        self,
        item: Item,
        outcome: Outcome | None,
        scoresheets: Sequence[Scoresheet],
        context: ItemContext,
        /,
    ) -> ItemResult:
        if isinstance(item, Indicator) and self.baseline is False:
            item = attrs.evolve(item, baseline=None)
        raw = achievement_of(item, outcome)
        if raw is None:
            return result(item, outcome, None, self.cap, ())
        share = min(max(raw, self.floor), self.cap)
        why = Reason(
            f"achievement {percent(raw)}, counted {percent(share)} (floor {percent(self.floor)}, "
            f"cap {percent(self.cap)})",
            f"mức đạt {percent(raw)}, tính {percent(share)} (sàn {percent(self.floor)}, "
            f"trần {percent(self.cap)})",
        )
        return result(item, outcome, share, self.cap, [why])

    def __repr__(self) -> str:
        name = "linear" if self.baseline else "ratio"
        return f"{name}(cap={decimal_of(self.cap)!r}, floor={decimal_of(self.floor)!r})"


def _bounds(cap: object, floor: object) -> tuple[Fraction, Fraction]:
    high, low = fraction_arg(cap, "cap"), fraction_arg(floor, "floor")
    if high <= 0:
        raise InvalidValue("cap", decimal_of(high), "a positive number")
    if not 0 <= low <= high:
        raise InvalidValue(
            "floor", decimal_of(low), f"a number from 0 to the cap {decimal_of(high)}"
        )
    return high, low


def ratio(*, cap: object = 1, floor: object = 0) -> _Scaled:
    """Points in proportion to actual ÷ target (target ÷ actual if lower is better).

    The baseline is ignored. Tasks count 1 if done, 0 if not.

    >>> ratio(cap="1.2")
    ratio(cap=Decimal('1.2'), floor=Decimal('0'))

    Args:
        cap: The highest share of the weight an item can earn (1.2 lets an
            item earn 120% of its weight for exceeding its target).
        floor: The lowest share.

    """
    high, low = _bounds(cap, floor)
    return _Scaled(high, floor=low, baseline=False)


def linear(*, cap: object = 1, floor: object = 0) -> _Scaled:
    """Points in proportion to the progress from baseline to target.

    ``(actual - baseline) / (target - baseline)`` reads the same whichever
    way the indicator improves, so "reduce land violations from 12 to 0"
    needs no special case. Without a baseline, as :func:`ratio`.

    >>> linear()
    linear(cap=Decimal('1'), floor=Decimal('0'))
    """
    high, low = _bounds(cap, floor)
    return _Scaled(high, floor=low, baseline=True)


@attrs.frozen(repr=False)
class _Zones:
    steps: tuple[tuple[Fraction, Fraction], ...]  # (at least this achievement, share)
    name: str = ""  # a factory's name when it made the table, for the repr

    def __call__(
        self,
        item: Item,
        outcome: Outcome | None,
        scoresheets: Sequence[Scoresheet],
        context: ItemContext,
        /,
    ) -> ItemResult:
        raw = achievement_of(item, outcome)
        cap = self.steps[0][1]
        if raw is None:
            return result(item, outcome, None, cap, ())
        share = next((s for threshold, s in self.steps if raw >= threshold), Fraction(0))
        zone = Reason(
            f"achievement {percent(raw)} falls in the zone worth {percent(share)}",
            f"mức đạt {percent(raw)} thuộc khung {percent(share)}",
        )
        return result(item, outcome, share, cap, [zone])

    def __repr__(self) -> str:
        if self.name:
            return f"{self.name}()"
        steps = ", ".join(f"({decimal_of(t)}, {decimal_of(s)})" for t, s in self.steps)
        return f"zones({steps})"


def zones(*steps: tuple[object, object]) -> _Zones:
    """Points by threshold table: the first zone whose threshold is met.

    >>> zones(("1", "1"), ("0.8", "0.6"), ("0.5", "0.3"))
    zones((1, 1), (0.8, 0.6), (0.5, 0.3))

    Args:
        steps: ``(threshold, share)`` pairs: an achievement of at least
            ``threshold`` earns ``share`` of the weight; below the last, 0.
            Thresholds must strictly decrease and shares must not increase,
            so zones neither overlap nor reward a worse result.

    Raises:
        InvalidValue: The table is empty, overlaps or is not monotone.

    """
    if not steps:
        raise InvalidValue("steps", (), "at least one (threshold, share) pair")
    table = tuple(
        (fraction_arg(t, f"steps[{i}][0]"), fraction_arg(s, f"steps[{i}][1]"))
        for i, (t, s) in enumerate(steps)
    )
    for i, (threshold, share) in enumerate(table):
        if share < 0:
            raise InvalidValue(f"steps[{i}][1]", decimal_of(share), "a share of 0 or more")
        if i and threshold >= table[i - 1][0]:
            raise InvalidValue(
                f"steps[{i}][0]",
                decimal_of(threshold),
                f"a threshold below {decimal_of(table[i - 1][0])}",
            )
        if i and share > table[i - 1][1]:
            raise InvalidValue(
                f"steps[{i}][1]",
                decimal_of(share),
                f"a share no higher than {decimal_of(table[i - 1][1])}",
            )
    if table[0][1] <= 0:
        raise InvalidValue(
            "steps[0][1]", decimal_of(table[0][1]), "a positive share for the top zone"
        )
    return _Zones(table)


def done_or_not() -> _Zones:
    """Full points if the item reached its target (or the task is done), else 0.

    References:
        Vĩnh Phúc QĐ 371-QĐ/TU (2021): quantified indicators are judged
        "hoàn thành hay không hoàn thành".

    """
    return _Zones(((Fraction(1), Fraction(1)),), name="done_or_not")


@attrs.frozen(repr=False)
class _Timeliness:
    steps: tuple[tuple[int | None, Fraction], ...]  # (days late at most, share)

    def __call__(
        self,
        item: Item,
        outcome: Outcome | None,
        scoresheets: Sequence[Scoresheet],
        context: ItemContext,
        /,
    ) -> ItemResult:
        cap = self.steps[0][1]
        status, _, _ = classify(item, outcome)
        if status is Status.NO_DATA:
            return result(item, outcome, None, cap, ())
        assert outcome is not None
        if status is Status.NOT_COMPLETED:
            return result(item, outcome, Fraction(0), cap, ())
        late = _days_late(outcome.completed_on, item.deadline)
        if late is None:
            why = Reason(
                "no completion date or deadline: counted on time",
                "không có ngày hoàn thành hoặc thời hạn: tính là đúng hạn",
            )
            late = 1 if outcome.delays else 0
        else:
            why = Reason(
                f"{abs(late)} day(s) {'late' if late > 0 else 'early'}",
                f"{'chậm' if late > 0 else 'sớm'} {abs(late)} ngày",
            )
        share = next(s for limit, s in self.steps if limit is None or late <= limit)
        return result(item, outcome, share, cap, [why])

    def __repr__(self) -> str:
        steps = ", ".join(f"({limit}, {decimal_of(s)})" for limit, s in self.steps)
        return f"timeliness({steps})"


def _days_late(done: dt.date | None, deadline: dt.date | None) -> int | None:
    if done is None or deadline is None:
        return None
    return (done - deadline).days


def timeliness(*steps: tuple[int | None, object]) -> _Timeliness:
    """Points by how many days early or late a completed item was.

    >>> timeliness((-7, "1.15"), (0, "1"), (7, "0.75"), (None, "0.5"))
    timeliness((-7, 1.15), (0, 1), (7, 0.75), (None, 0.5))

    Args:
        steps: ``(days_late_at_most, share)``: negative days are early; the
            last step's limit must be None (any lateness). Limits strictly
            increase and shares never increase. Not completed earns 0.

    """
    if not steps or steps[-1][0] is not None:
        raise InvalidValue("steps", steps, "steps ending with (None, share) for any lateness")
    table = tuple((limit, fraction_arg(s, f"steps[{i}][1]")) for i, (limit, s) in enumerate(steps))
    for i, (limit, share) in enumerate(table):
        if share < 0:
            raise InvalidValue(f"steps[{i}][1]", decimal_of(share), "a share of 0 or more")
        if i == 0:
            continue
        previous = table[i - 1][0]
        if previous is None or (limit is not None and limit <= previous):
            raise InvalidValue(f"steps[{i}][0]", limit, f"a limit above {previous}")
        if share > table[i - 1][1]:
            raise InvalidValue(
                f"steps[{i}][1]",
                decimal_of(share),
                f"a share no higher than {decimal_of(table[i - 1][1])}",
            )
    return _Timeliness(table)
