"""Hypothesis strategies for the consequence laws: rating histories of one cadre.

Evaluations are built directly with ``tests/history_builders.py`` (not by
scoring dossiers), so each example states exactly the ratings, item
outcomes, excuses and facts the rules read. Years run 2018-2026, the span
of the rules modelled (the Vĩnh Phúc pilot of 2021 to NĐ 335/2025).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from functools import cache

import attrs
from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy

from history_builders import evaluation, item
from khoan import Category, Circumstances, Evaluation, ItemResult, Rating, Status, Tag, Term
from khoan._report import ExcuseKind
from khoan.consequences import History, Step

FIRST_YEAR, LAST_YEAR = 2018, 2026

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

MITIGATING = (
    ExcuseKind.FORCE_MAJEURE,
    ExcuseKind.OBJECTIVE_CAUSE,
    ExcuseKind.APPROVED_INNOVATION,
    ExcuseKind.SUPPORT_NOT_DELIVERED,
)

EXCUSE_MODES = ("none", "none", "all", "some")

# Shares around the thresholds the rules use: 50% and 2/3 of the votes
# (QĐ 41-QĐ/TW), 70% of the unit's targets (QĐ 377-QĐ/TW).
UNIT_SHARES = ("0", "0.5", "0.65", "0.6999", "0.7", "0.75", "1")
VOTE_SHARES = ("0", "0.4", "0.5", "0.5001", "0.55", "0.6666", "0.6667", "0.7", "1")


def failed(result: ItemResult) -> bool:
    """Whether the consequence rules count the item as failed (not done, late, or faulted)."""
    return (
        result.status in (Status.NOT_COMPLETED, Status.COMPLETED_LATE, Status.NO_DATA)
        or result.failed_reviews > 0
    )


@cache
def _excuse_sets() -> SearchStrategy[frozenset[ExcuseKind]]:
    return st.frozensets(st.sampled_from(MITIGATING), min_size=1)


@st.composite
def item_results(draw: DrawFn, item_id: str, excuses: str = "some") -> ItemResult:
    """One item's result.

    Args:
        item_id: The item's id.
        excuses: ``"none"``: no excuse; ``"all"``: a failed item carries at
            least one confirmed excuse; ``"some"``: maybe.

    """
    status = draw(st.sampled_from(Status))
    reviews = draw(st.sampled_from((0, 0, 0, 1, 2)))
    basic = draw(st.booleans())
    result = attrs.evolve(
        item(item_id, status, tags=(Tag.BASIC_SOCIO_ECONOMIC,) if basic else ()),
        failed_reviews=reviews,
    )
    if excuses == "none":
        return result
    if excuses == "all" and failed(result):
        excused = draw(_excuse_sets())
    else:
        excused = draw(st.frozensets(st.sampled_from(MITIGATING)))
    return attrs.evolve(result, excused=excused)


@st.composite
def item_lists(draw: DrawFn, excuses: str = "some") -> list[ItemResult]:
    """One to four items; with ``excuses="all"``, at least one failed and every failed one excused."""
    count = draw(st.integers(1, 4))
    results = [draw(item_results(f"i{n}", excuses)) for n in range(1, count + 1)]
    if excuses == "all" and not any(failed(r) for r in results):
        first = results[0]
        results[0] = item(
            first.item, Status.NOT_COMPLETED, excused=draw(_excuse_sets()), tags=first.tags
        )
    return results


@st.composite
def circumstances(
    draw: DrawFn, *, votes: bool = True, supports: bool = True, force_majeure: bool = True
) -> Circumstances:
    """Facts of a period: the unit's completion, basic targets, force majeure, votes, support."""

    def share(choices: Sequence[str]) -> Decimal | None:
        return draw(st.none() | st.sampled_from(choices).map(Decimal))

    return Circumstances(
        unit_completion=share(UNIT_SHARES),
        basic_targets_missed=draw(st.sampled_from((None, False, True))),
        force_majeure=draw(st.booleans()) if force_majeure else False,
        low_confidence_share=share(VOTE_SHARES) if votes else None,
        supports_not_delivered=draw(st.sampled_from(((), (), (), ("s1",), ("s1", "s2"))))
        if supports
        else (),
        disciplined=draw(st.booleans()),
    )


def _period_names(years: Sequence[int], quarters: Sequence[tuple[int, int]]) -> list[str]:
    return [str(y) for y in years] + [f"Q{q}/{y}" for y, q in quarters]


@st.composite
def periods(draw: DrawFn, max_years: int = 6) -> list[str]:
    """Distinct years in 2018-2026 (at least one), and perhaps a few quarters of them."""
    years = sorted(
        draw(st.sets(st.integers(FIRST_YEAR, LAST_YEAR), min_size=1, max_size=max_years))
    )
    quarters = draw(st.sets(st.tuples(st.sampled_from(years), st.integers(1, 4)), max_size=2))
    return _period_names(years, sorted(quarters))


@cache
def terms() -> SearchStrategy[Term | None]:
    """No term; a term of whole calendar years; or one of one to five years from any day."""
    starts = st.dates(dt.date(2015, 1, 1), dt.date(2025, 12, 31))
    lengths = st.sampled_from((365, 730, 1000, 1825, 1826))
    any_day = st.builds(
        lambda start, days: Term(start, start + dt.timedelta(days=days - 1)), starts, lengths
    )
    calendar = st.builds(
        lambda first, years: Term(dt.date(first, 1, 1), dt.date(first + years - 1, 12, 31)),
        st.integers(2015, 2024),
        st.integers(1, 5),
    )
    return st.none() | calendar | any_day


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
    categories: Sequence[Category] = tuple(Category),
    leaders: Sequence[bool] = (True, False),
    term: SearchStrategy[Term | None] | None = None,
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
        term: The terms to draw from (default :func:`terms`).

    """
    evaluations = []
    for name in draw(periods(max_years)):
        # A period is clean, fully excused, or anything: so that whether a
        # trigger is mitigated varies period by period, as in a real file.
        excuses = "all" if all_failed_excused else draw(st.sampled_from(EXCUSE_MODES))
        facts = circumstances(
            votes=votes, supports=supports and excuses != "none", force_majeure=force_majeure
        )
        rating = draw(st.sampled_from(ratings))
        evaluations.append(
            evaluation(cadre, name, rating, draw(item_lists(excuses)), draw(facts))
        )
    return History(
        cadre,
        evaluations,
        category=draw(st.sampled_from(categories)),
        is_leader=draw(st.sampled_from(leaders)),
        post_since=draw(st.none() | st.dates(dt.date(2015, 1, 1), dt.date(2026, 12, 31))),
        term=draw(terms() if term is None else term),
        protected_from_dismissal=draw(st.booleans()),
        steps_done=draw(st.lists(st.sampled_from(Step), unique=True, max_size=3)),
        as_of=draw(st.none() | st.dates(dt.date(2018, 1, 1), dt.date(2028, 12, 31))),
    )


def with_evaluations(history: History, evaluations: Sequence[Evaluation]) -> History:
    """The same history with other evaluations."""
    return attrs.evolve(history, evaluations=tuple(evaluations))


def has_votes(history: History) -> bool:
    """Whether any period of the history held a confidence vote."""
    return any(e.circumstances.low_confidence_share is not None for e in history.evaluations)
