"""Hypothesis strategies for the consequence laws: rating histories of one cadre.

Evaluations are built directly with ``khoan.testing._builders`` (not by
scoring dossiers), so each example states exactly the ratings, item
outcomes, excuses and facts the rules read. Years run 2018-2026, the span
of the rules modelled (the Vĩnh Phúc pilot of 2021 to NĐ 335/2025).

The small strategies are built once, at import: a strategy made inside a
``@composite`` is validated again at every draw, which made generation
several times slower than the rules it feeds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

import attrs
from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy

from khoan import (
    Category,
    Circumstances,
    Evaluation,
    ExcuseKind,
    ItemResult,
    Rating,
    Status,
    Tag,
    Term,
)
from khoan.consequences import History, Step
from khoan.testing._builders import evaluation, item

FIRST_YEAR, LAST_YEAR = 2018, 2026

MITIGATING = (
    ExcuseKind.FORCE_MAJEURE,
    ExcuseKind.OBJECTIVE_CAUSE,
    ExcuseKind.APPROVED_INNOVATION,
    ExcuseKind.SUPPORT_NOT_DELIVERED,
)

# Not achieved is drawn often: the rules read little else.
RATINGS = (
    Rating.EXCELLENT,
    Rating.GOOD,
    Rating.ACHIEVED,
    Rating.ACHIEVED,
    Rating.NOT_ACHIEVED,
    Rating.NOT_ACHIEVED,
    Rating.NOT_ACHIEVED,
)
NOT_NOT_ACHIEVED = (Rating.EXCELLENT, Rating.GOOD, Rating.ACHIEVED)

# Shares around the thresholds the rules use: 70% of the unit's targets
# (QĐ 377-QĐ/TW), 50% and 2/3 of the votes (QĐ 41-QĐ/TW).
UNIT_SHARES = ("0", "0.5", "0.65", "0.6999", "0.7", "0.75", "1")
VOTE_SHARES = ("0", "0.4", "0.5", "0.5001", "0.55", "0.6666", "0.6667", "0.7", "1")

# A period is clean, fully excused, or anything: whether a trigger is
# mitigated then varies period by period, as in a real file.
EXCUSE_MODES = ("none", "none", "all", "some")

_BOOLS = st.booleans()
_STATUSES = st.sampled_from(Status)
_REVIEWS = st.sampled_from((0, 0, 0, 1, 2))
_EXCUSES = st.frozensets(st.sampled_from(MITIGATING), min_size=1)
_MAYBE_EXCUSES = st.frozensets(st.sampled_from(MITIGATING))
_ITEM_COUNTS = st.integers(1, 4)
_UNIT_SHARES = st.none() | st.sampled_from([Decimal(s) for s in UNIT_SHARES])
_VOTE_SHARES = st.none() | st.sampled_from([Decimal(s) for s in VOTE_SHARES])
_BASIC_MISSED = st.sampled_from((None, False, True))
_SUPPORTS = st.sampled_from(((), (), (), ("s1",), ("s1", "s2")))
_MODES = st.sampled_from(EXCUSE_MODES)
_YEARS = st.integers(FIRST_YEAR, LAST_YEAR)
_QUARTERS = st.integers(1, 4)
_POST_SINCE = st.none() | st.dates(dt.date(2015, 1, 1), dt.date(2026, 12, 31))
_AS_OF = st.none() | st.dates(dt.date(2018, 1, 1), dt.date(2028, 12, 31))
_STEPS_DONE = st.lists(st.sampled_from(Step), unique=True, max_size=3)
_CATEGORIES = tuple(Category)
_LEADERS = (True, False)


def failed(result: ItemResult) -> bool:
    """Whether the consequence rules count the item as failed (not done, late, or faulted)."""
    return (
        result.status in (Status.NOT_COMPLETED, Status.COMPLETED_LATE, Status.NO_DATA)
        or result.failed_reviews > 0
    )


@st.composite
def item_results(draw: DrawFn, item_id: str, excuses: str = "some") -> ItemResult:
    """One item's result, possibly late, failed in review, or tagged a basic target.

    Args:
        item_id: The item's id.
        excuses: ``"none"``: no excuse; ``"all"``: a failed item carries at
            least one confirmed excuse; ``"some"``: maybe.

    """
    basic = draw(_BOOLS)
    result = attrs.evolve(
        item(item_id, draw(_STATUSES), tags=(Tag.BASIC_SOCIO_ECONOMIC,) if basic else ()),
        failed_reviews=draw(_REVIEWS),
    )
    if excuses == "none":
        return result
    must = excuses == "all" and failed(result)
    return attrs.evolve(result, excused=draw(_EXCUSES if must else _MAYBE_EXCUSES))


@st.composite
def item_lists(draw: DrawFn, excuses: str = "some") -> list[ItemResult]:
    """One to four items; with ``excuses="all"``, one at least failed and all failed excused."""
    count = draw(_ITEM_COUNTS)
    results = [draw(item_results(f"i{n}", excuses)) for n in range(1, count + 1)]
    if excuses == "all" and not any(failed(r) for r in results):
        first = results[0]
        results[0] = item(first.item, Status.NOT_COMPLETED, excused=draw(_EXCUSES), tags=first.tags)
    return results


@st.composite
def history_circumstances(
    draw: DrawFn, *, votes: bool = True, supports: bool = True, force_majeure: bool = True
) -> Circumstances:
    """Facts of a period: the unit's completion, basic targets, force majeure, votes, support."""
    return Circumstances(
        unit_completion=draw(_UNIT_SHARES),
        basic_targets_missed=draw(_BASIC_MISSED),
        force_majeure=draw(_BOOLS) if force_majeure else False,
        low_confidence_share=draw(_VOTE_SHARES) if votes else None,
        supports_not_delivered=draw(_SUPPORTS) if supports else (),
        disciplined=draw(_BOOLS),
    )


@st.composite
def history_periods(draw: DrawFn, max_years: int = 6) -> list[str]:
    """Distinct years in 2018-2026 (at least one), and perhaps a few quarters of them."""
    years = sorted(draw(st.sets(_YEARS, min_size=1, max_size=max_years)))
    quarters = sorted(draw(st.sets(st.tuples(st.sampled_from(years), _QUARTERS), max_size=2)))
    return [str(y) for y in years] + [f"Q{q}/{y}" for y, q in quarters]


def _term_from(start: dt.date, days: int) -> Term:
    return Term(start, start + dt.timedelta(days=days - 1))


def _calendar_term(first: int, years: int) -> Term:
    return Term(dt.date(first, 1, 1), dt.date(first + years - 1, 12, 31))


TERMS: SearchStrategy[Term | None] = (
    st.none()
    | st.builds(_calendar_term, st.integers(2015, 2024), st.integers(1, 5))
    | st.builds(
        _term_from,
        st.dates(dt.date(2015, 1, 1), dt.date(2025, 12, 31)),
        st.sampled_from((365, 730, 1000, 1825, 1826)),
    )
)
"""No term; a term of whole calendar years; or one of one to five years from any day."""


@st.composite
def histories(
    draw: DrawFn,
    cadre: str = "c",
    *,
    ratings: Sequence[Rating] = RATINGS,
    votes: bool = True,
    supports: bool = True,
    force_majeure: bool = True,
    all_failed_excused: bool = False,
    max_years: int = 6,
    categories: Sequence[Category] = _CATEGORIES,
    leaders: Sequence[bool] = _LEADERS,
    terms: SearchStrategy[Term | None] = TERMS,
) -> History:
    """One cadre's history across 2018-2026 with any category, post, term and due process.

    Args:
        cadre: The cadre's id.
        ratings: The ratings periods may have.
        votes: Whether periods may carry a confidence vote.
        supports: Whether periods may record undelivered support.
        force_majeure: Whether periods may carry a confirmed force majeure.
        all_failed_excused: Every period has a failed item, and every failed
            item carries a confirmed excuse.
        max_years: The most annual evaluations.
        categories: The categories the cadre may be of.
        leaders: Whether the cadre may lead, and may not.
        terms: The terms to draw from.

    """
    rating_of = st.sampled_from(ratings)
    evaluations = []
    for name in draw(history_periods(max_years)):
        excuses = "all" if all_failed_excused else draw(_MODES)
        facts = history_circumstances(
            votes=votes, supports=supports and excuses != "none", force_majeure=force_majeure
        )
        rating = draw(rating_of)
        evaluations.append(evaluation(cadre, name, rating, draw(item_lists(excuses)), draw(facts)))
    return History(
        cadre,
        evaluations=evaluations,
        category=draw(st.sampled_from(categories)),
        is_leader=draw(st.sampled_from(leaders)),
        post_since=draw(_POST_SINCE),
        term=draw(terms),
        protected_from_dismissal=draw(_BOOLS),
        steps_done=draw(_STEPS_DONE),
        as_of=draw(_AS_OF),
    )


def with_evaluations(history: History, evaluations: Sequence[Evaluation]) -> History:
    """The same history with other evaluations."""
    return attrs.evolve(history, evaluations=tuple(evaluations))


def has_votes(history: History) -> bool:
    """Whether any period of the history held a confidence vote."""
    return any(e.circumstances.low_confidence_share is not None for e in history.evaluations)
