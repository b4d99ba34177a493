"""Hypothesis strategies and helpers for the scoring laws.

The fact strategies of ``khoan.testing`` build facts that are valid in every way; the laws of
scoring need facts that are also *scorable*: every item has an outcome, every
general criterion was scored by at least one member, and a trimmed mean has
enough members to trim. Those live here, together with the catalogue of item
rules and the scheme variants the laws are checked against.

Numbers are :class:`~decimal.Decimal` (facts) and :class:`~fractions.Fraction`
(totals); never floats.

Past ~400 lines on purpose: the scenarios, rule cases and scheme variants the scoring
laws share belong together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from functools import cache
from typing import TypeVar, cast

import attrs
from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy

from khoan import (
    Assignee,
    Assignment,
    Circumstances,
    Council,
    Criterion,
    Direction,
    Dossier,
    Evaluation,
    Excuse,
    ExcuseKind,
    Indicator,
    Item,
    Member,
    Outcome,
    Period,
    Quota,
    QuotaBase,
    Rating,
    Report,
    Scoresheet,
    Support,
    SupportKind,
    Task,
    TieBreak,
    evaluate_dossier,
)
from khoan.schemes import PRESETS, Scheme, Source, nd_335_2025
from khoan.scoring import (
    Aggregator,
    ItemRule,
    council,
    deduct,
    done_or_not,
    fallback,
    judging,
    linear,
    mean,
    median,
    min_of,
    product,
    ratio,
    timeliness,
    trimmed_mean,
    weighted,
    zones,
)
from khoan.testing._builders import timeless

__all__ = [
    "AGGREGATORS",
    "ISSUED_ON",
    "PERIOD",
    "RULES",
    "SCHEMES",
    "AggregatorCase",
    "RuleCase",
    "Scenario",
    "cohort_evaluations",
    "outcome_pairs",
    "quotas",
    "rule_scenarios",
    "scenarios",
    "scenarios_for",
    "scoring_circumstances",
    "with_aggregator",
    "with_item_rule",
]

PERIOD = Period(2024)
"""Every generated assignment covers the year 2024."""
ISSUED_ON = dt.date(2024, 1, 1)
_YEAR_END = dt.date(2024, 12, 31)
_LATEST = dt.date(2025, 3, 31)  # completion dates may fall after the period
T = TypeVar("T")


# ------------------------------------------------------------------ schemes

SCHEMES: Mapping[str, Scheme] = {
    **PRESETS,
    "nd-335-2025-leader": nd_335_2025(quantity=2, quality=1, timeliness=1, leader_unit_share="0.3"),
}
"""Every preset, plus NĐ 335's leader variant (its unit part reads the circumstances)."""


def with_item_rule(scheme: Scheme, rule: ItemRule) -> Scheme:
    """``scheme`` with ``rule`` scoring every part that is made of items."""
    parts = tuple(
        attrs.evolve(p, rule=rule) if p.source is Source.ITEMS else p for p in scheme.parts
    )
    return attrs.evolve(scheme, parts=parts)


_COUNCIL = type(council())
_COMBINED = (type(min_of(done_or_not())), type(fallback(done_or_not())))
_DEDUCT = type(deduct(done_or_not()))


def _swap(rule: ItemRule, aggregator: Aggregator) -> ItemRule:
    """``rule`` with every council step inside it using ``aggregator``."""
    if isinstance(rule, _COUNCIL):
        return council(aggregator)
    if isinstance(rule, _COMBINED):
        return attrs.evolve(rule, rules=tuple(_swap(r, aggregator) for r in rule.rules))
    if isinstance(rule, _DEDUCT):
        return attrs.evolve(rule, rule=_swap(rule.rule, aggregator))
    return rule


def with_aggregator(scheme: Scheme, aggregator: Aggregator) -> Scheme:
    """``scheme`` with ``aggregator`` combining members' points everywhere."""
    parts = []
    for p in scheme.parts:
        if p.source is Source.CRITERIA:
            p = attrs.evolve(p, aggregator=aggregator)
        elif p.source is Source.ITEMS:
            p = attrs.evolve(p, rule=_swap(cast(ItemRule, p.rule), aggregator))
        parts.append(p)
    return attrs.evolve(scheme, parts=tuple(parts))


# ------------------------------------------------------------- rule catalogue

_ON_TIME = timeliness((-7, "1.15"), (0, "1"), (7, "0.75"), (None, "0.5"))


@attrs.frozen
class RuleCase:
    """A built-in item rule and the cap it promises.

    Args:
        name: Shown in test ids.
        rule: The rule.
        cap: The highest share of the weight it gives (``maximum / weight``).
        cap_unscored: The cap when no member scored the item, if different
            (a ``fallback`` whose second rule has another cap).
        needs_three: It trims one score per side, so an item scored at all
            needs three members' points.
        council_only: It reads nothing but the council's points, so an
            item no member scored has nothing to score (points None).

    """

    name: str
    rule: ItemRule
    cap: Fraction
    cap_unscored: Fraction | None = None
    needs_three: bool = False
    council_only: bool = False

    def expected_cap(self, scored: bool) -> Fraction:
        """The cap for an item the council did (or did not) score."""
        if scored or self.cap_unscored is None:
            return self.cap
        return self.cap_unscored


RULES: tuple[RuleCase, ...] = (
    RuleCase("ratio", ratio(), Fraction(1)),
    RuleCase("ratio-capped", ratio(cap="1.2", floor="0.1"), Fraction(6, 5)),
    RuleCase("linear", linear(), Fraction(1)),
    RuleCase("linear-capped", linear(cap="1.5", floor="0.2"), Fraction(3, 2)),
    RuleCase(
        "zones",
        zones(("1.2", "1.2"), ("1", "1"), ("0.8", "0.6"), ("0.5", "0.3")),
        Fraction(6, 5),
    ),
    RuleCase("done-or-not", done_or_not(), Fraction(1)),
    RuleCase("timeliness", _ON_TIME, Fraction(23, 20)),
    RuleCase("deduct-linear", deduct(linear(cap="1.2")), Fraction(6, 5)),
    RuleCase(
        "deduct-ratio-unwaived",
        deduct(ratio(), per_failed_review="0.5", per_delay="0.5", waived_by=()),
        Fraction(1),
    ),
    RuleCase("deduct-timeliness", deduct(_ON_TIME, per_delay="0.1"), Fraction(23, 20)),
    RuleCase("council-mean", council(mean()), Fraction(1), council_only=True),
    RuleCase("council-median", council(median()), Fraction(1), council_only=True),
    RuleCase(
        "council-trimmed",
        council(trimmed_mean(drop=1)),
        Fraction(1),
        needs_three=True,
        council_only=True,
    ),
    RuleCase("council-judging", council(judging()), Fraction(1), council_only=True),
    RuleCase("min-of", min_of(linear(cap="1.2"), _ON_TIME), Fraction(23, 20)),
    RuleCase("product", product(ratio(cap="1.2"), done_or_not()), Fraction(6, 5)),
    RuleCase("product-timeliness", product(_ON_TIME, deduct(linear())), Fraction(23, 20)),
    RuleCase("weighted", weighted(("2", linear()), ("1", _ON_TIME)), Fraction(21, 20)),
    RuleCase("fallback", fallback(council(mean()), linear(cap="1.2")), Fraction(1), Fraction(6, 5)),
    RuleCase("fallback-done", fallback(council(judging()), done_or_not()), Fraction(1)),
    RuleCase(
        "nd-335-style",
        weighted(
            (1, done_or_not()),
            (1, deduct(done_or_not(), per_failed_review="0.25", per_delay=0)),
            (1, deduct(done_or_not(), per_failed_review=0, per_delay="0.25")),
        ),
        Fraction(1),
    ),
)
"""Every built-in item rule, bare and combined, with its cap."""


@attrs.frozen
class AggregatorCase:
    """An aggregator and the fewest members' points it needs."""

    name: str
    aggregator: Aggregator
    min_scorers: int = 1


AGGREGATORS: tuple[AggregatorCase, ...] = (
    AggregatorCase("mean", mean()),
    AggregatorCase("median", median()),
    AggregatorCase("trimmed-mean-1", trimmed_mean(drop=1), min_scorers=3),
    AggregatorCase("judging", judging()),
)


# -------------------------------------------------------------------- numbers
#
# Generation costs more than scoring here, so every strategy below is built
# once (cached) and the facts are drawn by plain helpers taking ``draw``.


@cache
def _ints(low: int, high: int) -> SearchStrategy[int]:
    return st.integers(low, high)


@cache
def _amounts(low: int, high: int) -> SearchStrategy[Decimal]:
    """Numbers with up to two decimals in ``[low, high]``."""
    return st.decimals(
        min_value=low, max_value=high, places=2, allow_nan=False, allow_infinity=False
    )


def _pick(draw: DrawFn, choices: Sequence[T]) -> T:
    return choices[draw(_ints(0, len(choices) - 1))]


_WEIGHTS = tuple(Decimal(w) for w in ["0.5", "1", "2", "2.5", "3", "5", "7", "10", "12.25", "35"])
_BOOLEANS = st.booleans()


def _weight(draw: DrawFn) -> Decimal:
    return _pick(draw, _WEIGHTS) if draw(_BOOLEANS) else Decimal(draw(_ints(1, 40)))


def _points(draw: DrawFn, maximum: Decimal) -> Decimal:
    """Points within ``[0, maximum]``: either end, or a percentage of it."""
    where = draw(_ints(0, 3))
    if where == 0:
        return Decimal(0)
    if where == 1:
        return maximum
    return maximum * draw(_ints(0, 100)) / 100


def _day(draw: DrawFn, low: dt.date, high: dt.date) -> dt.date:
    return low + dt.timedelta(days=draw(_ints(0, (high - low).days)))


# ---------------------------------------------------------------------- items


def _indicator(draw: DrawFn, item_id: str) -> Indicator:
    higher = draw(_BOOLEANS)
    if draw(_BOOLEANS):
        target = _pick(draw, [Decimal(0), Decimal(5), Decimal(10), Decimal(100)])
    else:
        target = draw(_amounts(-20, 200))
    baseline: Decimal | None = None
    if draw(_BOOLEANS):
        gap = _pick(draw, [Decimal(1), Decimal(10)]) if draw(_BOOLEANS) else draw(_amounts(1, 50))
        if gap > 0:
            baseline = target - gap if higher else target + gap
    return Indicator(
        item_id,
        title=f"chỉ tiêu {item_id}",
        target=target,
        weight=_weight(draw),
        baseline=baseline,
        direction=Direction.HIGHER_IS_BETTER if higher else Direction.LOWER_IS_BETTER,
        measure=_pick(draw, ["", "%", "hộ"]),
        deadline=_day(draw, ISSUED_ON, _YEAR_END) if draw(_BOOLEANS) else None,
        key=draw(_BOOLEANS),
    )


def _task(draw: DrawFn, item_id: str) -> Task:
    return Task(
        item_id,
        title=f"nhiệm vụ {item_id}",
        weight=_weight(draw),
        deadline=_day(draw, ISSUED_ON, _YEAR_END) if draw(_BOOLEANS) else None,
        key=draw(_BOOLEANS),
    )


def _completion(draw: DrawFn, item: Item) -> dt.date | None:
    """None, a few days either side of the deadline (itself included), or any day."""
    where = draw(_ints(0, 2))
    if where == 0:
        return None
    if where == 1 and item.deadline is not None:
        return max(ISSUED_ON, item.deadline + dt.timedelta(days=draw(_ints(-10, 10))))
    return _day(draw, ISSUED_ON, _LATEST)


def _excuses(draw: DrawFn) -> list[Excuse]:
    if draw(_ints(0, 3)):
        return []
    kind = _pick(draw, list(ExcuseKind))
    return [
        Excuse(
            kind,
            reason="lý do",
            confirmed_by="Ban Thường vụ" if draw(_BOOLEANS) else None,
            support="s1" if kind is ExcuseKind.SUPPORT_NOT_DELIVERED else None,
        )
    ]


def _actual(draw: DrawFn, item: Indicator) -> Decimal:
    if draw(_BOOLEANS):
        return draw(_amounts(-50, 300))
    special = [item.target, Decimal(0), item.target + 1, item.target - 1]
    if item.baseline is not None:
        special.append(item.baseline)
    return _pick(draw, special)


def _outcome(draw: DrawFn, item: Item) -> Outcome:
    """An outcome that can be scored: an actual value, or done or not done."""
    if isinstance(item, Indicator):
        actual: Decimal | None = _actual(draw, item)
        done: bool | None = None
        completed_on = _completion(draw, item)
    else:
        actual = None
        done = draw(_BOOLEANS)
        completed_on = _completion(draw, item) if done else None
    return Outcome(
        item.id,
        actual=actual,
        done=done,
        completed_on=completed_on,
        failed_reviews=draw(_ints(0, 5)) if draw(_BOOLEANS) else 0,
        delays=draw(_ints(0, 2)) if draw(_BOOLEANS) else 0,
        excuses=_excuses(draw),
    )


@st.composite
def outcome_pairs(draw: DrawFn, item: Item, outcome: Outcome) -> tuple[Outcome, Outcome]:
    """``(worse, better)``: the same outcome, the second strictly better.

    An indicator's actual moves in its better direction (by a step, to the
    target, past it, or to 0); a task goes from not done to done, on or
    before its deadline (or with no date).
    """
    if isinstance(item, Indicator):
        assert outcome.actual is not None
        worse = outcome.actual
        sign = 1 if item.direction is Direction.HIGHER_IS_BETTER else -1
        step = _pick(draw, [Decimal("0.01"), Decimal(1)]) if draw(_BOOLEANS) else None
        if step is None:
            step = draw(_amounts(1, 200))
        candidates = [worse + sign * step, item.target, item.target + sign * step, Decimal(0)]
        better = [c for c in candidates if (c - worse) * sign > 0]
        return outcome, attrs.evolve(outcome, actual=_pick(draw, better))
    not_done = attrs.evolve(outcome, done=False, completed_on=None)
    when = None if draw(_BOOLEANS) else _day(draw, ISSUED_ON, item.deadline or _YEAR_END)
    return not_done, attrs.evolve(outcome, done=True, completed_on=when)


# ------------------------------------------------------------------- scenario


@attrs.frozen
class Scenario:
    """A scorable dossier and the facts about the assessee beside it."""

    dossier: Dossier
    circumstances: Circumstances

    @property
    def items(self) -> tuple[Item, ...]:
        """The assigned items."""
        return self.dossier.assignment.items

    def outcome(self, item_id: str) -> Outcome:
        """The reported outcome of ``item_id`` (every item has one)."""
        assert self.dossier.report is not None
        found = self.dossier.report.outcome(item_id)
        assert found is not None
        return found

    def evaluate(self, scheme: Scheme) -> Evaluation:
        """The dossier's evaluation under ``scheme``."""
        # A scenario tests scoring logic on generated facts of any year, not dates of effect.
        return evaluate_dossier(
            self.dossier, scheme=timeless(scheme), circumstances=self.circumstances
        )

    def with_outcome(self, outcome: Outcome) -> Scenario:
        """The scenario with ``outcome`` replacing the one for its item."""
        report = self.dossier.report
        assert report is not None
        outcomes = tuple(outcome if o.item == outcome.item else o for o in report.outcomes)
        report = attrs.evolve(report, outcomes=outcomes)
        return attrs.evolve(self, dossier=attrs.evolve(self.dossier, report=report))

    def with_points(self, sheet: int, kind: str, key: str, value: Decimal) -> Scenario:
        """The scenario with one member's points for an item or a criterion set to ``value``.

        ``kind`` is ``"items"`` or ``"criteria"``.
        """
        sheets = list(self.dossier.scoresheets)
        old = sheets[sheet]
        mapping = dict(old.items if kind == "items" else old.criteria)
        mapping[key] = value
        sheets[sheet] = attrs.evolve(old, **{kind: mapping})
        return attrs.evolve(self, dossier=attrs.evolve(self.dossier, scoresheets=sheets))


@cache
def scoring_circumstances() -> SearchStrategy[Circumstances]:
    """Mostly not disciplined; a leader's subordinates, some possibly not achieved."""
    return st.builds(
        Circumstances,
        disciplined=st.sampled_from([False] * 7 + [True]),
        subordinates=st.just(4),
        subordinates_not_achieved=st.integers(0, 2),
    )


def _scorers(draw: DrawFn, members: Sequence[str], at_least: int, optional: bool) -> list[str]:
    """Members who score one thing: at least ``at_least`` of them, or none if ``optional``."""
    if optional and draw(_BOOLEANS):
        return []
    mask = draw(_ints(0, 2 ** len(members) - 1))
    chosen = [m for n, m in enumerate(members) if mask >> n & 1]
    for m in members:  # top up to the minimum, in member order
        if len(chosen) >= at_least:
            break
        if m not in chosen:
            chosen.append(m)
    return chosen


@st.composite
def scenarios(
    draw: DrawFn,
    min_members: int = 1,
    max_members: int = 7,
    min_scorers: int = 1,
    every_item_scored: bool = False,
) -> Scenario:
    """A dossier every preset can score, with the assessee's circumstances.

    Every item has an outcome; every member hands in a sheet; each item is
    scored by no member (unless ``every_item_scored``) or at least
    ``min_scorers`` of them; each general
    criterion (one to three, sometimes with Hà Nội's ``bonus``) by at least
    ``min_scorers``. Points stay within the item's weight or the
    criterion's maximum.
    """
    assigned: list[Item] = []
    for n in range(1, draw(_ints(1, 6)) + 1):
        assigned.append(_indicator(draw, f"i{n}") if draw(_BOOLEANS) else _task(draw, f"i{n}"))
    assignment = Assignment(
        "giao-2024",
        issuer="tinh-uy",
        assignee=Assignee.cadre("bi-thu"),
        period=PERIOD,
        items=assigned,
        issued_on=ISSUED_ON,
        supports=[Support("s1", kind=SupportKind.RESOURCES, description="kinh phí")],
    )
    outcomes = [_outcome(draw, item) for item in reversed(assigned)]
    report = Report(_YEAR_END, outcomes=outcomes)

    member_ids = [f"m{n}" for n in range(1, draw(_ints(min_members, max_members)) + 1)]
    maxima = [Decimal(5), Decimal(10), Decimal("12.5")]
    criteria = [
        Criterion(f"c{n}", title=f"tiêu chí {n}", maximum=_pick(draw, maxima))
        for n in range(1, draw(_ints(1, 3)) + 1)
    ]
    if draw(_BOOLEANS):
        criteria.append(Criterion("bonus", title="điểm thưởng", maximum=Decimal(10)))
    item_points: dict[str, dict[str, Decimal]] = {m: {} for m in member_ids}
    criterion_points: dict[str, dict[str, Decimal]] = {m: {} for m in member_ids}
    for item in assigned:
        for m in _scorers(draw, member_ids, min_scorers, optional=not every_item_scored):
            item_points[m][item.id] = _points(draw, item.weight)
    for criterion in criteria:
        for m in _scorers(draw, member_ids, min_scorers, optional=False):
            criterion_points[m][criterion.id] = _points(draw, criterion.maximum)
    panel = Council(
        "hoi-dong",
        name="Hội đồng tư vấn",
        members=[Member(m, name=f"thành viên {m}") for m in member_ids],
        criteria=criteria,
    )
    sheets = [Scoresheet(m, items=item_points[m], criteria=criterion_points[m]) for m in member_ids]
    dossier = Dossier(assignment, report=report, council=panel, scoresheets=sheets)
    return Scenario(dossier, draw(scoring_circumstances()))


@st.composite
def rule_scenarios(draw: DrawFn) -> tuple[RuleCase, Scenario]:
    """A rule from :data:`RULES` and a scenario it can score."""
    case = draw(st.sampled_from(RULES))
    return case, draw(scenarios_for(case))


def scenarios_for(case: RuleCase | None) -> SearchStrategy[Scenario]:
    """Scenarios a scheme whose items ``case`` scores can evaluate (None: any preset's rule)."""
    if case is None:
        return scenarios()
    least = 3 if case.needs_three else 1
    return scenarios(min_members=least, min_scorers=least, every_item_scored=case.council_only)


# ------------------------------------------------------------------- cohorts


@cache
def quotas() -> SearchStrategy[Quota]:
    """A quota on any rating above Not achieved, any share, every base and tie-break."""
    shares = st.sampled_from([Fraction(0), Fraction(1, 5), Fraction(3, 10), Fraction(1)])
    shares |= st.integers(0, 20).map(lambda n: Fraction(n, 20))
    return st.builds(
        Quota,
        st.sampled_from([Rating.EXCELLENT, Rating.GOOD, Rating.ACHIEVED]),
        share=shares,
        base=st.sampled_from(QuotaBase),
        ties=st.sampled_from(TieBreak),
    )


_TOTALS = st.one_of(
    st.sampled_from([Fraction(90), Fraction(95), Fraction(181, 2)]),
    st.integers(0, 100).map(Fraction),
    st.integers(0, 700).map(lambda n: Fraction(n, 7)),
)
_RATINGS = st.sampled_from(Rating)
_GROUPS = st.sampled_from(["", "bi-thu", "giam-doc-so"])


@st.composite
def cohort_evaluations(draw: DrawFn, base: Evaluation) -> list[Evaluation]:
    """Copies of ``base`` with their own ids, totals, ratings and peer groups.

    Totals come from a small set, so ties at a quota's cut are frequent; ids
    are unique but not in the order given.
    """
    count = draw(_ints(0, 14))
    made: list[Evaluation] = []
    for n in draw(st.permutations(range(count))):
        made.append(
            attrs.evolve(
                base,
                assignment=f"a{n:02d}",
                assignee=f"cb{n:02d}",
                total=draw(_TOTALS),
                rating=draw(_RATINGS),
                peer_group=draw(_GROUPS),
            )
        )
    return made
