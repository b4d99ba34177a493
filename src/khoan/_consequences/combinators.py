"""Combinators of transfer rules: the strongest of several, or the first that applies."""

from __future__ import annotations

import attrs

from khoan._consequences.history import History
from khoan._consequences.recommendation import Recommendation
from khoan._consequences.rule import TransferRule

__all__ = ["first_applicable", "strongest"]


@attrs.frozen(repr=False)
class _Strongest:
    rules: tuple[TransferRule, ...]

    def __call__(self, history: History, /) -> Recommendation | None:
        found = [r for rule in self.rules if (r := rule(history)) is not None]
        if not found:
            return None
        best = max(found, key=lambda r: (r.action.severity, -found.index(r)))
        also = best.also + tuple(
            f"{r.rule}:{r.clause.en} → {r.action.value}" for r in found if r is not best
        )
        return attrs.evolve(best, also=also)

    def __repr__(self) -> str:
        return f"strongest({', '.join(map(repr, self.rules))})"


@attrs.frozen(repr=False)
class _First:
    rules: tuple[TransferRule, ...]

    def __call__(self, history: History, /) -> Recommendation | None:
        for rule in self.rules:
            result = rule(history)
            if result is not None:
                return result
        return None

    def __repr__(self) -> str:
        return f"first_applicable({', '.join(map(repr, self.rules))})"


def strongest(*rules: TransferRule) -> _Strongest:
    """The strongest action any of ``rules`` recommends (the first on ties)."""
    return _Strongest(tuple(rules))


def first_applicable(*rules: TransferRule) -> _First:
    """The recommendation of the first of ``rules`` that recommends anything."""
    return _First(tuple(rules))
