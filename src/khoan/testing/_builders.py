"""Builders of evaluations and histories for the consequence tests.

Evaluations are made directly (not by scoring dossiers) so that each test
states exactly the rating history a clause reads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction

import attrs

from khoan import (
    Circumstances,
    Evaluation,
    ExcuseKind,
    ItemResult,
    Period,
    Rating,
    Role,
    Status,
    Tag,
)
from khoan.consequences import History
from khoan.schemes import Scheme

F = Fraction
NA = Rating.NOT_ACHIEVED
OK = Rating.ACHIEVED
GOOD = Rating.GOOD


def timeless(scheme: Scheme) -> Scheme:
    """``scheme`` without dates of effect, to test its arithmetic on facts of any year.

    A preset refuses a period it did not govern (``Scheme.in_force``); a test of
    the preset's bands or conditions on fixed facts dated, say, 2022 is not about
    dates, so it drops them here rather than adding an out-of-force finding.

    Args:
        scheme: Any scheme.

    Returns:
        The same scheme with ``in_force=None``.

    """
    return attrs.evolve(scheme, in_force=None)


def item(
    item_id: str,
    status: Status = Status.COMPLETED,
    *,
    excused: Iterable[ExcuseKind] = (),
    key: bool = False,
    tags: Sequence[Tag] = (),
) -> ItemResult:
    """One item's result: 10 points if completed, else 0."""
    done = status in (Status.COMPLETED, Status.EXCEEDED, Status.COMPLETED_LATE)
    return ItemResult(
        item=item_id,
        points=F(10) if done else F(0),
        maximum=F(10),
        weight=F(10),
        achievement=F(1) if done else F(0),
        status=status,
        on_time=status in (Status.COMPLETED, Status.EXCEEDED),
        excused=frozenset(excused),
        key=key,
        tags=tuple(tags),
    )


def evaluation(
    cadre: str,
    period: str | int,
    rating: Rating,
    items: Sequence[ItemResult] | None = None,
    circumstances: Circumstances | None = None,
) -> Evaluation:
    """An evaluation of ``cadre`` for ``period``; failed items match the rating by default."""
    p = Period.parse(str(period))
    if items is None:
        failing = rating is NA
        items = [item("i1", Status.NOT_COMPLETED if failing else Status.COMPLETED), item("i2")]
    total = {Rating.EXCELLENT: 95, GOOD: 80, OK: 60, NA: 40}[rating]
    return Evaluation(
        assignment=f"{cadre}-{p}",
        assignee=cadre,
        period=p,
        scheme="test",
        scheme_version="1",
        items=tuple(items),
        parts=(),
        total=F(total),
        score=Decimal(total),
        scale=F(100),
        band=rating,
        rating=rating,
        circumstances=circumstances or Circumstances(),
    )


def history(
    cadre: str,
    ratings: dict[int, Rating],
    *,
    excused: dict[int, Iterable[ExcuseKind]] | None = None,
    circumstances: dict[int, Circumstances] | None = None,
    **facts: object,
) -> History:
    """A history from {year: rating}; ``excused`` puts confirmed excuses on year's failed item."""
    evaluations = []
    for year, rating in ratings.items():
        items = None
        if excused and year in excused:
            items = [
                item("i1", Status.NOT_COMPLETED, excused=excused[year]),
                item("i2"),
            ]
        evaluations.append(evaluation(cadre, year, rating, items, (circumstances or {}).get(year)))
    return History(cadre, evaluations=tuple(evaluations), **facts)


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def nothing_adverse(role: Role | None = None, **facts: object) -> Circumstances:
    """Circumstances in which every fact the presets ask about is given and favourable.

    A full year worked, no leave, every subordinate unit rated Good or better,
    no discipline of any kind, no Kém criterion, no degradation conclusion, no
    corruption case, every shortcoming remedied. For tests that are about
    something else (bands, items) and want no "not checked" finding; ``facts``
    override any field.

    >>> nothing_adverse().months_worked
    Decimal('12')
    """
    known: dict[str, object] = {
        "role": role,
        "subordinates": 4,
        "subordinates_not_achieved": 0,
        "subordinates_good": 4,
        "subordinates_disciplined": 0,
        "leadership_disciplined": False,
        "shortcomings_remedied": 1,
        "criterion_poor": False,
        "degraded": False,
        "unit_corruption": False,
        "months_worked": 12,
        "months_leave": 0,
        "maternity": False,
    }
    known.update(facts)
    return Circumstances(**known)
