"""Combinators of item rules: min_of, product, weighted, fallback."""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from fractions import Fraction

import attrs

from khoan._base.convert import decimal_of
from khoan._facts.council import Scoresheet
from khoan._facts.items import Item
from khoan._facts.report import Outcome
from khoan._scoring.deduct import cap_of, share_of
from khoan._scoring.results import (
    ItemResult,
)
from khoan._scoring.rule import ItemContext, ItemRule, fraction_arg
from khoan.exceptions import InvalidValue

__all__ = ["fallback", "min_of", "product", "weighted"]


class Combine(enum.Enum):
    """How a combinator joins the shares of the weight its rules give."""

    MIN_OF = "min_of"  #: the smallest share
    PRODUCT = "product"  #: the product of the shares
    WEIGHTED = "weighted"  #: the weighted mean of the shares


def _product(shares: Sequence[Fraction], weights: Sequence[Fraction]) -> Fraction:
    out = Fraction(1)
    for s in shares:
        out *= s
    return out


def _weighted(shares: Sequence[Fraction], weights: Sequence[Fraction]) -> Fraction:
    total = sum(weights, Fraction(0))
    return sum((w * s for w, s in zip(weights, shares, strict=True)), Fraction(0)) / total


_COMBINE: dict[Combine, Callable[[Sequence[Fraction], Sequence[Fraction]], Fraction]] = {
    Combine.MIN_OF: lambda shares, _: min(shares),
    Combine.PRODUCT: _product,
    Combine.WEIGHTED: _weighted,
}


@attrs.frozen(repr=False, kw_only=True)
class _Combined:
    how: Combine = attrs.field(kw_only=False)
    rules: tuple[ItemRule, ...]
    weights: tuple[Fraction, ...]

    def __call__(
        self,
        item: Item,
        outcome: Outcome | None,
        scoresheets: Sequence[Scoresheet],
        context: ItemContext,
        /,
    ) -> ItemResult:
        parts = [rule(item, outcome, scoresheets, context) for rule in self.rules]
        # Every part repeats the outcome's reasons first; keep each reason once.
        reasons = tuple(dict.fromkeys(r for p in parts for r in p.reasons))
        first = parts[0]
        shares = [share_of(p) for p in parts]
        combine = _COMBINE[self.how]
        known = [s for s in shares if s is not None]
        share = None if len(known) < len(shares) else combine(known, self.weights)
        cap = combine([cap_of(p) for p in parts], self.weights)
        weight = first.weight
        return attrs.evolve(
            first,
            points=None if share is None else weight * share,
            maximum=weight * cap,
            reasons=reasons,
        )

    def __repr__(self) -> str:
        if self.how is Combine.WEIGHTED:
            inner = ", ".join(
                f"({decimal_of(w)}, {r!r})" for w, r in zip(self.weights, self.rules, strict=True)
            )
        else:
            inner = ", ".join(repr(r) for r in self.rules)
        return f"{self.how.value}({inner})"


@attrs.frozen(repr=False)
class _Fallback:
    rules: tuple[ItemRule, ...]

    def __call__(
        self,
        item: Item,
        outcome: Outcome | None,
        scoresheets: Sequence[Scoresheet],
        context: ItemContext,
        /,
    ) -> ItemResult:
        # Stop at the first rule that gives points: the later ones are never run.
        first: ItemResult | None = None
        for rule in self.rules:
            got = rule(item, outcome, scoresheets, context)
            if got.points is not None:
                return got
            first = first or got
        assert first is not None  # at least one rule, checked by the factory
        return first

    def __repr__(self) -> str:
        return f"fallback({', '.join(repr(r) for r in self.rules)})"


def _rules(rules: Sequence[ItemRule], name: str) -> tuple[ItemRule, ...]:
    if not rules:
        raise InvalidValue("rules", (), f"at least one rule for {name}")
    return tuple(rules)


def min_of(*rules: ItemRule) -> _Combined:
    """The smallest share of the weight any of ``rules`` gives."""
    return _Combined(Combine.MIN_OF, rules=_rules(rules, "min_of"), weights=())


def product(*rules: ItemRule) -> _Combined:
    """The product of the shares ``rules`` give (e.g. quantity × timeliness)."""
    return _Combined(Combine.PRODUCT, rules=_rules(rules, "product"), weights=())


def weighted(*parts: tuple[object, ItemRule]) -> _Combined:
    """A weighted mean of the shares several rules give.

    >>> from khoan.scoring import done_or_not, linear
    >>> weighted(("1", linear()), ("1", done_or_not()))
    weighted((1, linear(cap=Decimal('1'), floor=Decimal('0'))), (1, done_or_not()))
    """
    rules = _rules([r for _, r in parts], "weighted")
    weights = tuple(fraction_arg(w, f"parts[{i}][0]") for i, (w, _) in enumerate(parts))
    if any(w <= 0 for w in weights):
        raise InvalidValue("parts", [str(decimal_of(w)) for w in weights], "positive weights")
    return _Combined(Combine.WEIGHTED, rules=rules, weights=weights)


def fallback(*rules: ItemRule) -> _Fallback:
    """The first of ``rules`` that has something to score; the rest are not run.

    ``fallback(council(), linear())`` uses the council's points where members
    scored the item and the computed progress elsewhere; the reasons say which.
    """
    return _Fallback(_rules(rules, "fallback"))
