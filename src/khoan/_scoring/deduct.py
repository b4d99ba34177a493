"""Deductions: −25% per failed review or delay (NĐ 335), waived by confirmed excuses."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction

import attrs

from khoan._base.convert import decimal_of, percent
from khoan._base.findings import Reason
from khoan._facts.council import Scoresheet
from khoan._facts.items import Item
from khoan._facts.report import ExcuseKind, Outcome
from khoan._scoring.results import (
    ItemResult,
    after_deadline,
)
from khoan._scoring.rule import ItemContext, ItemRule, fraction_arg
from khoan.exceptions import InvalidValue

__all__ = ["cap_of", "deduct", "share_of"]


# ------------------------------------------------------------------ combinators


def share_of(result: ItemResult) -> Fraction | None:
    return None if result.points is None else result.points / result.weight


def cap_of(result: ItemResult) -> Fraction:
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
        context: ItemContext,
        /,
    ) -> ItemResult:
        base = self.rule(item, outcome, scoresheets, context)
        share = share_of(base)
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
    per_review = fraction_arg(per_failed_review, "per_failed_review")
    per_late = fraction_arg(per_delay, "per_delay")
    for name, value in (("per_failed_review", per_review), ("per_delay", per_late)):
        if not 0 <= value <= 1:
            raise InvalidValue(name, decimal_of(value), "a share from 0 to 1")
    return _Deduct(
        rule, per_failed_review=per_review, per_delay=per_late, waived_by=frozenset(waived_by)
    )
