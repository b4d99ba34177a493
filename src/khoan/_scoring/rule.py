"""The item-rule seam: what a rule is given, what it returns, and how it builds a result."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Protocol

import attrs

from khoan._base.convert import to_decimal
from khoan._base.findings import Reason
from khoan._facts.assignment import Assignment
from khoan._facts.council import Scoresheet
from khoan._facts.items import Item
from khoan._facts.report import Outcome, Report
from khoan._scoring.results import (
    ItemResult,
    Status,
    achievement_of,
    classify,
    confirmed_excuses,
    exact,
)
from khoan.exceptions import FieldError

__all__ = ["ItemContext", "ItemRule", "fraction_arg", "result"]


@attrs.frozen
class ItemContext:
    """What an item rule may look at beyond its own item: the whole assignment and report."""

    assignment: Assignment
    report: Report | None = None


class ItemRule(Protocol):
    """Scores one item."""

    def __call__(
        self,
        item: Item,
        outcome: Outcome | None,
        scoresheets: Sequence[Scoresheet],
        context: ItemContext,
        /,
    ) -> ItemResult: ...


def fraction_arg(value: object, name: str) -> Fraction:
    try:
        return Fraction(to_decimal(value))
    except FieldError as err:
        raise err.with_prefix(name) from None


def result(
    item: Item,
    outcome: Outcome | None,
    share: Fraction | None,
    cap: Fraction,
    reasons: Iterable[Reason],
) -> ItemResult:
    """Build an ItemResult from a share of the weight (None: nothing to score)."""
    status, on_time, why, achievement = _classified(item, outcome)
    weight = exact(item.weight)
    return ItemResult(
        item=item.id,
        points=None if share is None else weight * share,
        maximum=weight * cap,
        weight=weight,
        achievement=achievement,
        status=status,
        on_time=on_time,
        failed_reviews=0 if outcome is None else outcome.failed_reviews,
        excused=confirmed_excuses(outcome),
        key=item.key,
        tags=item.tags,
        reasons=(*why, *reasons),
    )


_Classified = tuple[Status, bool | None, tuple[Reason, ...], Fraction | None]
_LAST: list[tuple[Item, Outcome | None, _Classified]] = []


def _classified(item: Item, outcome: Outcome | None) -> _Classified:
    """:func:`classify` and :func:`achievement_of`, remembered for the last item seen.

    Combinators (``weighted``, ``product``, ``min_of``) run several rules on the
    same item and outcome one after the other; each would classify it again.
    The entry holds the (immutable) objects themselves and is matched by
    identity, so it can never answer for another item.
    """
    last = _LAST[:1]
    if last and last[0][0] is item and last[0][1] is outcome:
        return last[0][2]
    status, on_time, why = classify(item, outcome)
    found = (status, on_time, tuple(why), achievement_of(item, outcome))
    _LAST[:] = [(item, outcome, found)]
    return found
