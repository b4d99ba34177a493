"""Item rules: how one indicator or task earns its points.

An item rule is any callable ``(item, outcome, scoresheets, context) ->
ItemResult``. The built-ins are small frozen callables made by the factories
below; their reprs read like their configuration, so a scheme prints as the
policy it is:

>>> deduct(linear(cap=Decimal("1.2")), per_failed_review="0.25")
deduct(linear(cap=Decimal('1.2'), floor=Decimal('0')), per_failed_review=Decimal('0.25'), ...)

Every built-in gives points in ``[0, weight × cap]`` and never fewer points
for a better outcome or higher council points.

References:
    peers.md §9.3-9.4 (direction-aware linear scaling, zone tables),
    NĐ 335/2025/NĐ-CP Điều 14 (−25% per failed review or delay, waived for
    objective causes confirmed by the competent authority).

"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Protocol

import attrs

from khoan._base.convert import decimal_of, percent, to_decimal
from khoan._base.findings import Reason
from khoan._facts.assignment import Assignment
from khoan._facts.council import Scoresheet
from khoan._facts.items import Indicator, Item
from khoan._facts.report import ExcuseKind, Outcome, Report
from khoan._scoring.aggregators import (
    Aggregator,
    judging,
    krippendorff_alpha,
    mean,
    median,
    trimmed_mean,
)
from khoan._scoring.results import (
    ItemResult,
    Status,
    achievement_of,
    after_deadline,
    classify,
    confirmed_excuses,
)
from khoan.exceptions import FieldError, InvalidValue

__all__ = [
    "Aggregator",
    "Context",
    "ItemResult",
    "ItemRule",
    "Reason",
    "Status",
    "council",
    "deduct",
    "done_or_not",
    "fallback",
    "judging",
    "krippendorff_alpha",
    "linear",
    "mean",
    "median",
    "min_of",
    "product",
    "ratio",
    "timeliness",
    "trimmed_mean",
    "weighted",
    "zones",
]


@attrs.frozen
class Context:
    """What an item rule may look at beyond its own item: the whole assignment and report."""

    assignment: Assignment
    report: Report | None = None


class ItemRule(Protocol):
    """Scores one item."""

    def __call__(  # noqa: D102 - the class docstring says it
        self,
        item: Item,
        outcome: Outcome | None,
        scoresheets: Sequence[Scoresheet],
        context: Context,
        /,
    ) -> ItemResult: ...


def _fraction(value: object, name: str) -> Fraction:
    try:
        return Fraction(to_decimal(value))
    except FieldError as err:
        raise err.with_prefix(name) from None


def _result(
    item: Item,
    outcome: Outcome | None,
    share: Fraction | None,
    cap: Fraction,
    reasons: Iterable[Reason],
) -> ItemResult:
    """Build an ItemResult from a share of the weight (None: nothing to score)."""
    status, on_time, why = classify(item, outcome)
    weight = Fraction(item.weight)
    return ItemResult(
        item=item.id,
        points=None if share is None else weight * share,
        maximum=weight * cap,
        weight=weight,
        achievement=achievement_of(item, outcome),
        status=status,
        on_time=on_time,
        failed_reviews=0 if outcome is None else outcome.failed_reviews,
        excused=confirmed_excuses(outcome),
        key=item.key,
        tags=item.tags,
        reasons=(*why, *reasons),
    )


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
        context: Context,
        /,
    ) -> ItemResult:
        if isinstance(item, Indicator) and self.baseline is False:
            item = attrs.evolve(item, baseline=None)
        raw = achievement_of(item, outcome)
        if raw is None:
            return _result(item, outcome, None, self.cap, ())
        share = min(max(raw, self.floor), self.cap)
        why = Reason(
            f"achievement {percent(raw)}, counted {percent(share)} (floor {percent(self.floor)}, "
            f"cap {percent(self.cap)})",
            f"mức đạt {percent(raw)}, tính {percent(share)} (sàn {percent(self.floor)}, "
            f"trần {percent(self.cap)})",
        )
        return _result(item, outcome, share, self.cap, [why])

    def __repr__(self) -> str:
        name = "linear" if self.baseline else "ratio"
        return f"{name}(cap={decimal_of(self.cap)!r}, floor={decimal_of(self.floor)!r})"


def _bounds(cap: object, floor: object) -> tuple[Fraction, Fraction]:
    high, low = _fraction(cap, "cap"), _fraction(floor, "floor")
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
        context: Context,
        /,
    ) -> ItemResult:
        raw = achievement_of(item, outcome)
        cap = self.steps[0][1]
        if raw is None:
            return _result(item, outcome, None, cap, ())
        share = next((s for threshold, s in self.steps if raw >= threshold), Fraction(0))
        zone = Reason(
            f"achievement {percent(raw)} falls in the zone worth {percent(share)}",
            f"mức đạt {percent(raw)} thuộc khung {percent(share)}",
        )
        return _result(item, outcome, share, cap, [zone])

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
        (_fraction(t, f"steps[{i}][0]"), _fraction(s, f"steps[{i}][1]"))
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
        context: Context,
        /,
    ) -> ItemResult:
        cap = self.steps[0][1]
        status, _, _ = classify(item, outcome)
        if status is Status.NO_DATA:
            return _result(item, outcome, None, cap, ())
        assert outcome is not None
        if status is Status.NOT_COMPLETED:
            return _result(item, outcome, Fraction(0), cap, ())
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
        return _result(item, outcome, share, cap, [why])

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
    table = tuple((limit, _fraction(s, f"steps[{i}][1]")) for i, (limit, s) in enumerate(steps))
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


# --------------------------------------------------------------- council points


@attrs.frozen(repr=False)
class _Council:
    aggregator: Aggregator

    def __call__(
        self,
        item: Item,
        outcome: Outcome | None,
        scoresheets: Sequence[Scoresheet],
        context: Context,
        /,
    ) -> ItemResult:
        points = sorted(Fraction(s.items[item.id]) for s in scoresheets if item.id in s.items)
        if not points:
            return _result(item, outcome, None, Fraction(1), [_NO_POINTS])
        value = self.aggregator(points)
        shown = ", ".join(str(decimal_of(p).normalize()) for p in points)
        value_shown = decimal_of(value).quantize(Decimal("0.01"))
        why = Reason(
            f"council points {shown} → {value_shown} ({self.aggregator!r})",
            f"điểm hội đồng {shown} → {value_shown} ({self.aggregator!r})",
        )
        return _result(item, outcome, value / Fraction(item.weight), Fraction(1), [why])

    def __repr__(self) -> str:
        return f"council({self.aggregator!r})"


_NO_POINTS = Reason("no council member scored it", "chưa thành viên hội đồng nào chấm điểm")


def council(aggregator: Aggregator | None = None) -> _Council:
    """The council's points for the item, combined by ``aggregator``.

    >>> council()
    council(judging())

    Args:
        aggregator: How members' points become one; the size-aware
            :func:`judging` trim by default.

    References:
        The seed article: the same-level advisory council "chấm điểm cho từng
        chỉ tiêu, nhiệm vụ cụ thể".

    """
    return _Council(aggregator or judging())


# ------------------------------------------------------------------ combinators


def _share(result: ItemResult) -> Fraction | None:
    return None if result.points is None else result.points / result.weight


def _cap(result: ItemResult) -> Fraction:
    return result.maximum / result.weight


@attrs.frozen(repr=False, kw_only=True)
class _Deduct:
    rule: ItemRule = attrs.field(kw_only=False)
    per_failed_review: Fraction
    per_delay: Fraction
    waived_by: frozenset[ExcuseKind]

    def __call__(
        self,
        item: Item,
        outcome: Outcome | None,
        scoresheets: Sequence[Scoresheet],
        context: Context,
        /,
    ) -> ItemResult:
        base = self.rule(item, outcome, scoresheets, context)
        share = _share(base)
        if share is None or outcome is None:
            return base
        reviews, delays = outcome.failed_reviews, outcome.delays
        if not delays and after_deadline(outcome.completed_on, item.deadline):
            delays = 1  # completed after its deadline with no delay recorded: one delay
        if self.per_failed_review * reviews + self.per_delay * delays == 0:
            return base
        waived = base.excused & self.waived_by
        if waived:
            names = ", ".join(sorted(k.value for k in waived))
            note = Reason(
                f"deductions for {reviews} failed review(s) and {delays} delay(s) waived: "
                f"confirmed {names}",
                f"không trừ điểm {reviews} lần không đạt chất lượng, {delays} lần chậm: "
                f"có xác nhận {names}",
            )
            return attrs.evolve(base, reasons=(*base.reasons, note))
        factor = max(Fraction(0), 1 - self.per_failed_review * reviews - self.per_delay * delays)
        note = Reason(
            f"−{percent(1 - factor)} for {reviews} failed review(s) and {delays} delay(s)",
            f"trừ {percent(1 - factor)} do {reviews} lần không đạt chất lượng, {delays} lần chậm",
        )
        return attrs.evolve(
            base,
            points=base.weight * share * factor,
            reasons=(*base.reasons, note),
        )

    def __repr__(self) -> str:
        waived = sorted(k.value for k in self.waived_by)
        return (
            f"deduct({self.rule!r}, per_failed_review={decimal_of(self.per_failed_review)!r}, "
            f"per_delay={decimal_of(self.per_delay)!r}, waived_by={waived!r})"
        )


def deduct(
    rule: ItemRule,
    *,
    per_failed_review: object = "0.25",
    per_delay: object = "0.25",
    waived_by: Iterable[ExcuseKind] = (ExcuseKind.OBJECTIVE_CAUSE, ExcuseKind.FORCE_MAJEURE),
) -> _Deduct:
    """Take a share of ``rule``'s points off per failed quality review and per delay.

    Deductions are waived when the item carries a confirmed excuse of a kind
    in ``waived_by``; the result says so either way.

    References:
        NĐ 335/2025/NĐ-CP Điều 14 khoản b, c: each failed review of a product
        with major errors −25% of its quality score, each delay −25% of its
        progress score, except objective causes confirmed by the competent
        authority.

    """
    per_review = _fraction(per_failed_review, "per_failed_review")
    per_late = _fraction(per_delay, "per_delay")
    for name, value in (("per_failed_review", per_review), ("per_delay", per_late)):
        if not 0 <= value <= 1:
            raise InvalidValue(name, decimal_of(value), "a share from 0 to 1")
    return _Deduct(
        rule, per_failed_review=per_review, per_delay=per_late, waived_by=frozenset(waived_by)
    )


@attrs.frozen(repr=False, kw_only=True)
class _Combined:
    name: str = attrs.field(kw_only=False)
    rules: tuple[ItemRule, ...]
    weights: tuple[Fraction, ...]

    def __call__(
        self,
        item: Item,
        outcome: Outcome | None,
        scoresheets: Sequence[Scoresheet],
        context: Context,
        /,
    ) -> ItemResult:
        parts = [rule(item, outcome, scoresheets, context) for rule in self.rules]
        # Every part repeats the outcome's reasons first; keep each reason once.
        reasons = tuple(dict.fromkeys(r for p in parts for r in p.reasons))
        first = parts[0]
        shares = [_share(p) for p in parts]
        caps = [_cap(p) for p in parts]
        if self.name == "fallback":
            chosen = next((p for p in parts if p.points is not None), first)
            return chosen
        if any(s is None for s in shares):
            share = None
        else:
            share = self._combine([s for s in shares if s is not None])
        cap = self._combine(caps)
        weight = first.weight
        return attrs.evolve(
            first,
            points=None if share is None else weight * share,
            maximum=weight * cap,
            reasons=reasons,
        )

    def _combine(self, shares: Sequence[Fraction]) -> Fraction:
        if self.name == "min_of":
            return min(shares)
        if self.name == "product":
            out = Fraction(1)
            for s in shares:
                out *= s
            return out
        total = sum(self.weights, Fraction(0))
        return sum((w * s for w, s in zip(self.weights, shares, strict=True)), Fraction(0)) / total

    def __repr__(self) -> str:
        if self.name == "weighted":
            inner = ", ".join(
                f"({decimal_of(w)}, {r!r})" for w, r in zip(self.weights, self.rules, strict=True)
            )
        else:
            inner = ", ".join(repr(r) for r in self.rules)
        return f"{self.name}({inner})"


def _rules(rules: Sequence[ItemRule], name: str) -> tuple[ItemRule, ...]:
    if not rules:
        raise InvalidValue("rules", (), f"at least one rule for {name}")
    return tuple(rules)


def min_of(*rules: ItemRule) -> _Combined:
    """The smallest share of the weight any of ``rules`` gives."""
    return _Combined("min_of", rules=_rules(rules, "min_of"), weights=())


def product(*rules: ItemRule) -> _Combined:
    """The product of the shares ``rules`` give (e.g. quantity × timeliness)."""
    return _Combined("product", rules=_rules(rules, "product"), weights=())


def weighted(*parts: tuple[object, ItemRule]) -> _Combined:
    """A weighted mean of the shares several rules give.

    >>> weighted(("1", linear()), ("1", done_or_not()))
    weighted((1, linear(cap=Decimal('1'), floor=Decimal('0'))), (1, done_or_not()))
    """
    rules = _rules([r for _, r in parts], "weighted")
    weights = tuple(_fraction(w, f"parts[{i}][0]") for i, (w, _) in enumerate(parts))
    if any(w <= 0 for w in weights):
        raise InvalidValue("parts", [str(decimal_of(w)) for w in weights], "positive weights")
    return _Combined("weighted", rules=rules, weights=weights)


def fallback(*rules: ItemRule) -> _Combined:
    """The first of ``rules`` that has something to score.

    ``fallback(council(), linear())`` uses the council's points where members
    scored the item and the computed progress elsewhere; the reasons say which.
    """
    return _Combined("fallback", rules=_rules(rules, "fallback"), weights=())
