"""Clauses of consequence rules: what each reads in a history, and the sources' exceptions."""

from __future__ import annotations

from typing import Protocol

import attrs

from khoan._base.findings import Reason
from khoan._consequences.actions import Action
from khoan._consequences.history import History
from khoan._evaluation.evaluation import Evaluation
from khoan._facts.org import Category
from khoan._scoring.results import ItemResult, Status

__all__ = ["Clause", "ExceptionCheck", "Finder", "Found", "failed_items"]


@attrs.frozen(kw_only=True)
class Found:
    """What a clause found: the evaluations it rests on, and any note or override.

    ``action`` overrides the clause's action (e.g. REVIEW when a fact the
    clause needs is unknown).
    """

    triggers: tuple[Evaluation, ...] = attrs.field(kw_only=False)
    note: Reason | None = None
    action: Action | None = None


class Finder(Protocol):
    """Finds the evaluations a clause rests on in a history, or None."""

    def __call__(self, history: History, /) -> Found | None: ...


class ExceptionCheck(Protocol):
    """An exception a source allows: why the triggering evaluations are excused, or None."""

    def __call__(self, history: History, triggers: tuple[Evaluation, ...], /) -> Reason | None: ...


@attrs.frozen(kw_only=True)
class Clause:
    """One clause of a rule: when it applies and what it prescribes.

    Args:
        id: Short name, e.g. ``"civil-servant-2-consecutive"``.
        text: The clause in English and Vietnamese.
        action: What it prescribes.
        find: Finds the triggering evaluations in a history, or None.
        categories: The categories it applies to (None: all).
        leaders: True for leaders only, False for non-leaders only, None: all.
        alternatives: Other actions the source allows.
        mitigable: Whether excuses and undelivered support can mitigate it
            (a confidence vote cannot be excused).
        legal_basis: The clause's own source.

    """

    id: str = attrs.field(kw_only=False)
    text: Reason
    action: Action
    find: Finder
    categories: frozenset[Category] | None = None
    leaders: bool | None = None
    alternatives: tuple[Action, ...] = ()
    mitigable: bool = True
    legal_basis: str = ""

    def covers(self, history: History) -> bool:
        """Whether the clause applies to this kind of cadre at all."""
        if self.categories is not None and history.category not in self.categories:
            return False
        return self.leaders is None or self.leaders == history.is_leader


def failed_items(e: Evaluation) -> list[ItemResult]:
    """The items of an evaluation that were not completed, late, unreported or failed review."""
    return [
        r
        for r in e.items
        if r.status in (Status.NOT_COMPLETED, Status.COMPLETED_LATE, Status.NO_DATA)
        or r.failed_reviews
    ]
