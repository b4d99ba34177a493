"""The council item rule: members' points for the item, combined by an aggregator."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import attrs

from khoan._base.convert import SHOWN, decimal_of
from khoan._base.findings import Reason
from khoan._facts.council import Scoresheet
from khoan._facts.items import Item
from khoan._facts.report import Outcome
from khoan._scoring.aggregators import (
    Aggregator,
    describe,
    judging,
)
from khoan._scoring.results import (
    ItemResult,
)
from khoan._scoring.rule import ItemContext, result

__all__ = ["council"]


# --------------------------------------------------------------- council points


@attrs.frozen(repr=False)
class _Council:
    aggregator: Aggregator

    def __call__(
        self,
        item: Item,
        outcome: Outcome | None,
        scoresheets: Sequence[Scoresheet],
        context: ItemContext,
        /,
    ) -> ItemResult:
        # Sort the Decimals once and build each Fraction from its integer ratio (the
        # fast path of Fraction); the text shows the Decimals themselves, which equal
        # the Fractions exactly.
        given = sorted(s.items[item.id] for s in scoresheets if item.id in s.items)
        if not given:
            return result(item, outcome, None, _ONE, [_NO_POINTS])
        points = [Fraction(*p.as_integer_ratio()) for p in given]
        value = self.aggregator(points)
        shown = ", ".join(f"{p.normalize(context=SHOWN):f}" for p in given)
        value_shown = decimal_of(value, 2)
        how = describe(self.aggregator, len(points))
        why = Reason(
            f"council points {shown} → {value_shown} ({how.en})",
            f"điểm hội đồng {shown} → {value_shown} ({how.vi})",
        )
        weight = Fraction(*item.weight.as_integer_ratio())
        return result(item, outcome, value / weight, _ONE, [why])

    def __repr__(self) -> str:
        return f"council({self.aggregator!r})"


_ONE = Fraction(1)
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
