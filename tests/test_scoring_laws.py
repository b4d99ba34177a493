"""Property tests of the scoring laws: one class per law, the law in its docstring.

Every preset (and NĐ 335's leader variant) and every built-in item rule and
aggregator is checked against each law. Strategies are in
``khoan.testing``; profiles (``default``, ``ci``) in
``tests/conftest.py``. Numbers are Decimal and Fraction only.
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
import random
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from fractions import Fraction
from functools import cache
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from khoan import (
    Assignee,
    Assignment,
    Circumstances,
    Cohort,
    Dossier,
    Evaluation,
    Indicator,
    Outcome,
    Quota,
    QuotaBase,
    Rating,
    Report,
    Scoresheet,
    TieBreak,
    apply_quota,
    cap_by_collective,
    evaluate,
    evaluate_dossier,
    io,
)
from khoan.exceptions import InvalidValue, KhoanError, OutOfRange
from khoan.schemes import QD_366_2025, VINH_PHUC_2021, Band, Part, Scheme, Source
from khoan.scoring import ItemContext, judging, krippendorff_alpha, linear, ratio, zones
from khoan.testing import (
    AGGREGATORS,
    RULES,
    SCHEMES,
    AggregatorCase,
    RuleCase,
    Scenario,
    cohort_evaluations,
    outcome_pairs,
    quotas,
    rule_scenarios,
    scenarios,
    scenarios_for,
    timeless,
    with_aggregator,
    with_item_rule,
)

SCHEME_NAMES = sorted(SCHEMES)
EXAMPLES = ("nguyet-duc-2022", "vinh-phuc-2021")


def _context(scenario: Scenario) -> ItemContext:
    return ItemContext(scenario.dossier.assignment, scenario.dossier.report)


def _item_points(evaluation: Evaluation, item_id: str) -> Fraction:
    found = next(r for r in evaluation.items if r.item == item_id)
    assert found.points is not None
    return found.points


@cache
def _base_evaluation() -> Evaluation:
    dossier = io.load_example("nguyet-duc-2022")
    assert isinstance(dossier, Dossier)
    # A rated evaluation (not referred to the council) that the tests re-rate by hand.
    e = evaluate_dossier(dossier, scheme=timeless(QD_366_2025))  # re-rated by hand: no dates
    return attrs.evolve(e, peer_group="bi-thu-xa", candidates=())


def _example_dossiers(name: str) -> tuple[Dossier, ...]:
    loaded = io.load_example(name)
    return loaded.dossiers if isinstance(loaded, Cohort) else (loaded,)


# ------------------------------------------------------------------ monotone


@pytest.mark.property
class TestMonotoneInOutcomes:
    """Raising any outcome never lowers the item's points, the exact total or the rating.

    "Raising" is an indicator's actual value moving in its better direction,
    or a task going from not done to done on or before its deadline; it holds
    for every preset, and for every built-in item rule put in the preset's
    place.
    """

    @given(rule_scenarios(), st.data())
    def test_item_rule(self, case_scenario: tuple[RuleCase, Scenario], data: st.DataObject) -> None:
        case, scenario = case_scenario
        item = data.draw(st.sampled_from(scenario.items))
        worse, better = data.draw(outcome_pairs(item, scenario.outcome(item.id)))
        sheets = scenario.dossier.scoresheets
        before = case.rule(item, worse, sheets, _context(scenario.with_outcome(worse)))
        after = case.rule(item, better, sheets, _context(scenario.with_outcome(better)))
        if before.points is None or after.points is None:
            # Only a council-only rule has nothing to score, whatever the outcome.
            assert case.council_only
            assert before.points is after.points is None
            return
        assert after.points >= before.points

    @given(st.data())
    def test_evaluation(self, data: st.DataObject) -> None:
        name = data.draw(st.sampled_from(SCHEME_NAMES), label="scheme")
        case = data.draw(st.none() | st.sampled_from(RULES), label="rule (None: the preset's)")
        scheme = SCHEMES[name] if case is None else with_item_rule(SCHEMES[name], case.rule)
        scenario = data.draw(scenarios_for(case))
        item = data.draw(st.sampled_from(scenario.items))
        worse, better = data.draw(outcome_pairs(item, scenario.outcome(item.id)))
        before = scenario.with_outcome(worse).evaluate(scheme)
        after = scenario.with_outcome(better).evaluate(scheme)
        assert _item_points(after, item.id) >= _item_points(before, item.id)
        assert after.total >= before.total
        assert after.rating >= before.rating

    @pytest.mark.parametrize(
        "rule",
        [ratio(cap="1.2"), linear(cap="1.2"), zones(("1.2", "1.2"), ("1", "1"))],
        ids=repr,
    )
    def test_reaching_zero_never_scores_below_a_small_positive(self, rule: Any) -> None:
        """Zero violations against a target of 5 score at least as well as one.

        Without a baseline, achievement is target ÷ actual, unbounded as actual
        falls to 0; it once fell back to a flat 1 there, below the cap of 1.2.
        """
        violations = Indicator.lower_is_better(
            "vp", title="Vi phạm đất đai mới", target=5, weight=10
        )
        assignment = Assignment(
            "a",
            issuer="tinh-uy",
            assignee=Assignee.cadre("bt"),
            period=2024,
            items=[violations],
            issued_on="2024-01-01",
        )
        context = ItemContext(assignment)
        one = rule(violations, Outcome("vp", actual=1), (), context)
        zero = rule(violations, Outcome("vp", actual=0), (), context)
        assert zero.points >= one.points


@pytest.mark.property
class TestMonotoneInCouncilPoints:
    """Raising any member's points for an item or a criterion (within its maximum)
    never lowers the item's points, the exact total or the rating.

    For every aggregator (mean, median, trimmed mean dropping one per side
    with three or more members, the judging trim) and every preset.
    """

    @given(st.data())
    def test_evaluation(self, data: st.DataObject) -> None:
        agg: AggregatorCase = data.draw(st.sampled_from(AGGREGATORS), label="aggregator")
        name = data.draw(st.sampled_from(SCHEME_NAMES), label="scheme")
        scheme = with_aggregator(SCHEMES[name], agg.aggregator)
        scenario = data.draw(
            scenarios(min_members=max(1, agg.min_scorers), min_scorers=agg.min_scorers)
        )
        entries = [
            (n, kind, key, limit)
            for n, sheet in enumerate(scenario.dossier.scoresheets)
            for kind, scored, limits in (
                ("items", sheet.items, {i.id: i.weight for i in scenario.items}),
                ("criteria", sheet.criteria, _criterion_maxima(scenario)),
            )
            for key in scored
            for limit in [limits[key]]
        ]
        n, kind, key, limit = data.draw(st.sampled_from(entries), label="points changed")
        low, high = sorted(
            data.draw(st.integers(0, 100).map(lambda p: limit * p / 100)) for _ in range(2)
        )
        before = scenario.with_points(n, kind, key, low).evaluate(scheme)
        after = scenario.with_points(n, kind, key, high).evaluate(scheme)
        if kind == "items":
            assert _item_points(after, key) >= _item_points(before, key)
        assert after.total >= before.total
        assert after.rating >= before.rating

    @pytest.mark.parametrize("name", SCHEME_NAMES)
    @pytest.mark.parametrize("agg", AGGREGATORS, ids=lambda a: a.name)
    def test_aggregator_reaches_every_council_step(self, name: str, agg: AggregatorCase) -> None:
        """The variant used above really swaps the aggregator (else the law is untested)."""
        scheme = with_aggregator(SCHEMES[name], agg.aggregator)
        shown = repr(agg.aggregator)
        for part in scheme.parts:
            if part.source is Source.CRITERIA:
                assert part.aggregator == agg.aggregator
            elif part.source is Source.ITEMS and "council(" in repr(part.rule):
                assert repr(part.rule).count("council(") == repr(part.rule).count(
                    f"council({shown})"
                )


def _criterion_maxima(scenario: Scenario) -> dict[str, Decimal]:
    council = scenario.dossier.council
    assert council is not None
    return {c.id: c.maximum for c in council.criteria}


# -------------------------------------------------------------------- bounds


@pytest.mark.property
class TestItemPointsBounded:
    """An item's points lie in [0, maximum], and maximum == weight × the rule's cap.

    So a part stays within its maximum and the total within the scale.
    """

    @given(rule_scenarios())
    def test_rule(self, case_scenario: tuple[RuleCase, Scenario]) -> None:
        case, scenario = case_scenario
        sheets = scenario.dossier.scoresheets
        for item in scenario.items:
            result = case.rule(item, scenario.outcome(item.id), sheets, _context(scenario))
            scored = any(item.id in s.items for s in sheets)
            assert result.weight == Fraction(item.weight)
            assert result.maximum == result.weight * case.expected_cap(scored)
            if case.council_only and not scored:
                assert result.points is None
                continue
            assert result.points is not None
            assert 0 <= result.points <= result.maximum

    @given(scenarios(), st.sampled_from(SCHEME_NAMES))
    def test_evaluation(self, scenario: Scenario, name: str) -> None:
        evaluation = scenario.evaluate(SCHEMES[name])
        for result in evaluation.items:
            assert result.points is not None
            assert 0 <= result.points <= result.maximum
            assert result.maximum == result.weight  # every preset's item rule is capped at 1
        for part in evaluation.parts:
            assert part.points is not None
            assert 0 <= part.points <= part.maximum
        assert 0 <= evaluation.total <= evaluation.scale == SCHEMES[name].scale

    def test_council_points_above_the_weight_are_refused(self) -> None:
        """evaluate() checks loose scoresheets as a Dossier does: 50 points on a weight of 5."""
        revenue = Indicator("i", title="Thu ngân sách", target=10, weight=5)
        assignment = Assignment(
            "a",
            issuer="tinh-uy",
            assignee=Assignee.cadre("bt"),
            period=2024,
            items=[revenue],
            issued_on="2024-01-01",
        )
        report = Report("2024-12-31", outcomes=[Outcome("i", actual=10)])
        sheet = Scoresheet("m1", items={"i": 50})
        with pytest.raises(OutOfRange):
            evaluate(assignment, report, scheme=VINH_PHUC_2021, scoresheets=[sheet])


# --------------------------------------------------------------------- bands


def _fractions(low: Fraction, high: Fraction, denominator: int) -> st.SearchStrategy[Fraction]:
    """Multiples of 1/denominator in [low, high] (st.fractions is slow here)."""
    return st.integers(int(low * denominator), int(high * denominator)).map(
        lambda n: Fraction(n, denominator)
    )


def _totals(scheme: Scheme) -> st.SearchStrategy[Fraction]:
    """Totals in [0, scale]: band edges, a hair either side of them, and anything."""
    edges = [b.lower for b in scheme.bands] + [scheme.scale]
    near = [e + d for e in edges for d in (Fraction(-1, 10**9), Fraction(1, 10**9))]
    inside = [t for t in near if 0 <= t <= scheme.scale]
    anywhere = [_fractions(Fraction(0), scheme.scale, d) for d in (1, 7, 1000, 10**9)]
    return st.one_of(st.sampled_from(edges + inside), *anywhere)


@pytest.mark.property
class TestBandsTile:
    """Every total in [0, scale] lies in exactly one band, and band_for names it.

    Each band is [its lower bound, the next better band's lower bound); the
    best band is closed at the scale; the lower bounds fall strictly from at
    most the scale down to 0.
    """

    @given(st.data())
    def test_every_total_has_exactly_one_band(self, data: st.DataObject) -> None:
        scheme = SCHEMES[data.draw(st.sampled_from(SCHEME_NAMES), label="scheme")]
        total = data.draw(_totals(scheme), label="total")
        uppers = [scheme.scale, *(b.lower for b in scheme.bands[:-1])]
        holding = [
            band.rating
            for band, upper in zip(scheme.bands, uppers, strict=True)
            if band.lower <= total and (total < upper or (total == upper == scheme.scale))
        ]
        assert holding == [scheme.band_for(total)]

    @pytest.mark.parametrize("name", SCHEME_NAMES)
    def test_lower_bounds_partition_the_scale(self, name: str) -> None:
        scheme = SCHEMES[name]
        lowers = [b.lower for b in scheme.bands]
        assert lowers == sorted(lowers, reverse=True)
        assert len(set(lowers)) == len(lowers)
        assert lowers[0] <= scheme.scale
        assert lowers[-1] == 0
        assert [b.rating for b in scheme.bands] == sorted(
            (b.rating for b in scheme.bands), reverse=True
        )

    @pytest.mark.parametrize("name", SCHEME_NAMES)
    def test_each_edge_opens_its_band(self, name: str) -> None:
        scheme = SCHEMES[name]
        step = Fraction(1, 10**12)
        for band, below in itertools.pairwise(scheme.bands):
            assert scheme.band_for(band.lower) is band.rating
            assert scheme.band_for(band.lower - step) is below.rating

    @given(
        st.lists(
            st.tuples(
                st.sampled_from(Rating),
                st.sampled_from([0, 50, 70, 90, 100, 101]).map(Fraction)
                | _fractions(Fraction(-1), Fraction(110), 8),
            ),
            max_size=5,
        )
    )
    def test_a_scheme_accepts_only_bands_that_tile(
        self, pairs: list[tuple[Rating, Fraction]]
    ) -> None:
        table = tuple(Band(rating, lower) for rating, lower in pairs)
        lowers = [b.lower for b in table]
        ratings = [b.rating for b in table]
        scale = VINH_PHUC_2021.scale
        tiles = (
            bool(table)
            and lowers[-1] == 0
            and all(a > b for a, b in itertools.pairwise(lowers))
            and lowers[0] <= scale
            and all(a > b for a, b in itertools.pairwise(ratings))
        )
        if not tiles:
            with pytest.raises(InvalidValue):
                attrs.evolve(VINH_PHUC_2021, bands=table)
            return
        scheme = attrs.evolve(VINH_PHUC_2021, bands=table)
        for band in table:
            assert scheme.band_for(band.lower) is band.rating


# ------------------------------------------------------------ order-independence


def _summary(e: Evaluation) -> tuple[Any, ...]:
    findings = frozenset((f.kind, f.reason.en) for f in e.findings)
    items = {r.item: r for r in e.items}
    return (e.total, e.score, e.band, e.rating, findings, e.agreement, items)


@pytest.mark.property
class TestOrderIndependence:
    """The evaluation does not depend on the order of anything given.

    Total, score, band, rating, the findings (kind and reason), the
    agreement and each item's result are the same whatever the order of the
    assignment's items, the report's outcomes, the council's members and
    criteria, the scoresheets, and the points within each scoresheet.
    """

    @given(scenarios(), st.sampled_from(SCHEME_NAMES), st.data())
    def test_permuted(self, scenario: Scenario, name: str, data: st.DataObject) -> None:
        d = scenario.dossier
        assert d.report is not None
        assert d.council is not None

        # One seed, not a draw per element: hypothesis's own randoms are slow here.
        rng = random.Random(data.draw(st.integers(0, 2**32 - 1), label="shuffle seed"))

        def shuffled(things: Sequence[Any]) -> list[Any]:
            return rng.sample(list(things), len(things))

        sheets = [
            attrs.evolve(
                s,
                items=dict(shuffled(list(s.items.items()))),
                criteria=dict(shuffled(list(s.criteria.items()))),
            )
            for s in shuffled(d.scoresheets)
        ]
        permuted = attrs.evolve(
            d,
            assignment=attrs.evolve(d.assignment, items=shuffled(d.assignment.items)),
            report=attrs.evolve(d.report, outcomes=shuffled(d.report.outcomes)),
            council=attrs.evolve(
                d.council,
                members=shuffled(d.council.members),
                criteria=shuffled(d.council.criteria),
            ),
            scoresheets=sheets,
        )
        other = attrs.evolve(scenario, dossier=permuted)
        scheme = SCHEMES[name]
        assert _summary(other.evaluate(scheme)) == _summary(scenario.evaluate(scheme))


# -------------------------------------------------------------------- quotas


def _by_group(evaluations: Sequence[Evaluation]) -> dict[str, Counter[Rating]]:
    groups: dict[str, Counter[Rating]] = {}
    for e in evaluations:
        groups.setdefault(e.peer_group, Counter())[e.rating] += 1
    return groups


def _lower(rating: Rating) -> Rating:
    return {
        Rating.EXCELLENT: Rating.GOOD,
        Rating.GOOD: Rating.ACHIEVED,
        Rating.ACHIEVED: Rating.NOT_ACHIEVED,
    }[rating]


@st.composite
def _cohorts(draw: st.DrawFn) -> list[Evaluation]:
    return draw(cohort_evaluations(_base_evaluation()))


@pytest.mark.property
class TestQuotaNeverPromotes:
    """apply_quota never raises a rating: it lowers some holders of the quota's
    rating by exactly one level, keeps the order given, changes nothing else,
    and records one move per change.

    With base GOOD_AFTER, each peer group ends with #rating ≤ share × #next lower
    (Excellent ≤ 20% of Good); with GOOD_INCLUDING_SELECTED the kept are at
    most share × (next lower + candidates) as they were; with ALL_RATED at most
    share × the group. Nobody demoted has a higher total than someone kept.
    """

    @given(_cohorts(), quotas())
    def test_no_one_rises_and_the_order_is_kept(
        self, cohort: list[Evaluation], quota: Quota
    ) -> None:
        result = apply_quota(cohort, quota)
        assert len(result.evaluations) == len(cohort)
        changed = 0
        for before, after in zip(cohort, result.evaluations, strict=True):
            assert after.rating <= before.rating
            if after.rating is not before.rating:
                changed += 1
                assert before.rating is quota.rating
                assert after.rating is _lower(quota.rating)
                assert after.findings[:-1] == before.findings
                assert after.findings[-1].kind == "quota"
            assert attrs.evolve(after, rating=before.rating, findings=before.findings) == before
        assert len(result.moves) == changed
        assert Counter(m.assignment for m in result.moves) == Counter(
            b.assignment
            for b, a in zip(cohort, result.evaluations, strict=True)
            if a.rating is not b.rating
        )

    @given(_cohorts(), quotas())
    def test_each_group_within_its_share(self, cohort: list[Evaluation], quota: Quota) -> None:
        result = apply_quota(cohort, quota)
        before, after = _by_group(cohort), _by_group(result.evaluations)
        lower = _lower(quota.rating)
        for group, counts in after.items():
            kept = counts[quota.rating]
            if quota.base is QuotaBase.GOOD_AFTER:
                assert kept <= quota.share * counts[lower]
            elif quota.base is QuotaBase.GOOD_INCLUDING_SELECTED:
                old = before[group]
                assert kept <= quota.share * (old[lower] + old[quota.rating])
            else:
                assert kept <= quota.share * sum(counts.values())

    @given(_cohorts(), quotas())
    def test_no_one_demoted_above_someone_kept(
        self, cohort: list[Evaluation], quota: Quota
    ) -> None:
        result = apply_quota(cohort, quota)
        pairs = list(zip(cohort, result.evaluations, strict=True))
        for group in {e.peer_group for e in cohort}:
            kept = [a.total for b, a in pairs if a.peer_group == group and a.rating is quota.rating]
            demoted = [
                b.total
                for b, a in pairs
                if b.peer_group == group and b.rating is quota.rating and a.rating is not b.rating
            ]
            if kept and demoted:
                if quota.ties is TieBreak.DEMOTE_ALL:
                    assert max(demoted) < min(kept)
                else:
                    assert max(demoted) <= min(kept)

    @given(_cohorts(), quotas())
    def test_keeps_as_many_as_the_share_allows(
        self, cohort: list[Evaluation], quota: Quota
    ) -> None:
        """With tie-break KEY the quota demotes no more than it must."""
        quota = attrs.evolve(quota, ties=TieBreak.KEY)
        result = apply_quota(cohort, quota)
        before, after = _by_group(cohort), _by_group(result.evaluations)
        lower = _lower(quota.rating)
        for group, old in before.items():
            kept = after[group][quota.rating]
            # One more kept would break the quota (or there is no one more to keep).
            if kept == old[quota.rating]:
                continue
            if quota.base is QuotaBase.GOOD_AFTER:
                assert kept + 1 > quota.share * (after[group][lower] - 1)
            elif quota.base is QuotaBase.GOOD_INCLUDING_SELECTED:
                assert kept + 1 > quota.share * (old[lower] + old[quota.rating])
            else:
                assert kept + 1 > quota.share * sum(old.values())


@pytest.mark.property
class TestQuotaIdempotent:
    """Applying a quota to its own result moves no one and changes nothing."""

    @given(_cohorts(), quotas())
    def test_twice_is_once(self, cohort: list[Evaluation], quota: Quota) -> None:
        once = apply_quota(cohort, quota)
        twice = apply_quota(once.evaluations, quota)
        assert twice.moves == ()
        assert twice.evaluations == once.evaluations

    @pytest.mark.parametrize("base", QuotaBase)
    @pytest.mark.parametrize("ties", TieBreak)
    def test_a_crowded_group_is_cut_once(self, base: QuotaBase, ties: TieBreak) -> None:
        """Ten Excellent, five Good, a fifth of Good: the first pass moves, the second does not."""
        quota = Quota(Rating.EXCELLENT, share=Fraction(1, 5), base=base, ties=ties)
        base_e = _base_evaluation()
        cohort = [
            attrs.evolve(
                base_e,
                assignment=f"a{n:02d}",
                total=Fraction(90 + n % 5),
                rating=Rating.EXCELLENT if n < 10 else Rating.GOOD,
            )
            for n in range(15)
        ]
        once = apply_quota(cohort, quota)
        assert once.moves
        kept = sum(1 for e in once.evaluations if e.rating is Rating.EXCELLENT)
        good = sum(1 for e in once.evaluations if e.rating is Rating.GOOD)
        # Totals 94, 94, 93, 93, 92, ...: GOOD_AFTER keeps the largest k with
        # k ≤ (15 − k) / 5, the others ⌊15 / 5⌋; DEMOTE_ALL also drops a 93 tied at the cut.
        assert (
            kept
            == {
                (QuotaBase.GOOD_AFTER, TieBreak.KEY): 2,
                (QuotaBase.GOOD_AFTER, TieBreak.DEMOTE_ALL): 2,
                (QuotaBase.GOOD_INCLUDING_SELECTED, TieBreak.KEY): 3,
                (QuotaBase.GOOD_INCLUDING_SELECTED, TieBreak.DEMOTE_ALL): 2,
                (QuotaBase.ALL_RATED, TieBreak.KEY): 3,
                (QuotaBase.ALL_RATED, TieBreak.DEMOTE_ALL): 2,
                (QuotaBase.PARTY_EXCELLENT_SHARE, TieBreak.KEY): 3,
                (QuotaBase.PARTY_EXCELLENT_SHARE, TieBreak.DEMOTE_ALL): 2,
            }[base, ties]
        )
        assert kept + good == 15
        assert apply_quota(once.evaluations, quota).moves == ()


@pytest.mark.property
class TestCapByCollectiveNeverRaises:
    """A head is never rated above the collective led, and never raised.

    If the head's rating is above the collective's, the result is the
    collective's (so at most both); otherwise the head's evaluation comes
    back unchanged, with no move. No pair of ratings makes it raise.
    """

    @given(st.sampled_from(Rating), st.sampled_from(Rating), st.sampled_from(["", "x"]))
    def test_law(self, head_rating: Rating, collective_rating: Rating, group: str) -> None:
        base = _base_evaluation()
        head = attrs.evolve(base, rating=head_rating, peer_group=group)
        collective = attrs.evolve(
            base, assignment="tap-the", assignee="dang-bo", rating=collective_rating
        )
        result, move = cap_by_collective(head, collective)
        if head_rating > collective_rating:
            assert result.rating <= head_rating
            assert result.rating <= collective_rating
            assert move is not None
            assert (move.before, move.after) == (head_rating, result.rating)
            assert result.findings[-1].kind == "collective"
            assert attrs.evolve(result, rating=head.rating, findings=head.findings) == head
        else:
            assert result == head
            assert move is None


# ---------------------------------------------------------------- no floats

_EXACT_LEAVES = (str, int, Decimal, Fraction, dt.date, enum.Enum, type(None))
_LEADER_FACTS = Circumstances(subordinates=4, subordinates_not_achieved=1)


def _leaves(value: object, path: str = "") -> Iterator[tuple[str, object]]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _leaves(key, f"{path}.<key>")
            yield from _leaves(inner, f"{path}.{key}")
    elif isinstance(value, list | tuple | set | frozenset):
        for n, inner in enumerate(value):
            yield from _leaves(inner, f"{path}[{n}]")
    else:
        yield path, value


def _inexact(evaluation: Evaluation) -> list[tuple[str, object]]:
    """Every leaf of the evaluation that is a float, or anything but an exact type."""
    tree = attrs.asdict(evaluation, recurse=True)
    return [(path, leaf) for path, leaf in _leaves(tree) if not isinstance(leaf, _EXACT_LEAVES)]


@pytest.mark.property
class TestNoFloats:
    """No float appears anywhere in an evaluation: every number is an int,
    a Decimal or a Fraction, whatever the scheme and the facts.
    """

    @pytest.mark.parametrize("name", SCHEME_NAMES)
    @pytest.mark.parametrize("example", EXAMPLES)
    def test_examples(self, example: str, name: str) -> None:
        facts = _LEADER_FACTS if name == "nd-335-2025-leader" else None
        scheme = SCHEMES[name]
        evaluations = [
            # every preset on both examples: out of force on request, the finding checked too
            evaluate_dossier(d, scheme=scheme, circumstances=facts, allow_out_of_force=True)
            for d in _example_dossiers(example)
        ]
        for evaluation in evaluations:
            assert _inexact(evaluation) == []
        if scheme.quota is not None:
            for after in apply_quota(evaluations, scheme.quota).evaluations:
                assert _inexact(after) == []

    @given(scenarios(), st.sampled_from(SCHEME_NAMES))
    def test_generated(self, scenario: Scenario, name: str) -> None:
        assert _inexact(scenario.evaluate(SCHEMES[name])) == []

    def test_a_float_would_be_found(self) -> None:
        planted = attrs.evolve(_base_evaluation(), agreement=0.5)  # type: ignore[arg-type]
        assert _inexact(planted) == [(".agreement", 0.5)]

    @pytest.mark.parametrize(
        ("build", "as_written"),
        [
            (lambda: Quota(Rating.EXCELLENT, share=0.3).share, Fraction(3, 10)),
            (lambda: Band(Rating.GOOD, 0.7).lower, Fraction(7, 10)),
            (
                lambda: (
                    Part("x", maximum=0.1, source=Source.CRITERIA, aggregator=judging()).maximum
                ),
                Fraction(1, 10),
            ),
        ],
        ids=["Quota.share", "Band.lower", "Part.maximum"],
    )
    def test_scheme_values_refuse_floats_or_read_them_as_written(
        self, build: Callable[[], Fraction], as_written: Fraction
    ) -> None:
        """0.3 is never taken as its binary value 5404319552844595/18014398509481984."""
        try:
            value = build()
        except KhoanError:
            return
        assert value == as_written


# ---------------------------------------------------------------- agreement


_TENTHS = st.integers(0, 10).map(lambda n: Fraction(n, 10))


def _column_permuted(rows: list[list[Fraction | None]], order: list[int]) -> list[list[Any]]:
    return [[row[n] for n in order] for row in rows]


@st.composite
def _ratings(draw: st.DrawFn) -> list[list[Fraction | None]]:
    members = draw(st.integers(2, 6))
    value = st.none() | _TENTHS
    return draw(
        st.lists(st.lists(value, min_size=members, max_size=members), min_size=1, max_size=8)
    )


@pytest.mark.property
class TestAgreement:
    """Krippendorff's alpha is 1 when members agree exactly (and something
    varies), None when nothing varies, and the same whatever the order of
    the rows (items) or the columns (members).
    """

    @given(
        st.lists(_TENTHS, min_size=1, max_size=8),
        st.integers(2, 6),
    )
    def test_identical_members(self, values: list[Fraction], members: int) -> None:
        rows: list[list[Fraction | None]] = [[v] * members for v in values]
        expected = None if len(set(values)) == 1 else Fraction(1)
        assert krippendorff_alpha(rows) == expected

    @given(_ratings(), st.data())
    def test_order_of_rows_and_columns(
        self, rows: list[list[Fraction | None]], data: st.DataObject
    ) -> None:
        order = data.draw(st.permutations(range(len(rows[0]))))
        shuffled = data.draw(st.permutations(_column_permuted(rows, order)))
        assert krippendorff_alpha(shuffled) == krippendorff_alpha(rows)

    @given(_ratings(), _TENTHS)
    def test_no_variation(self, rows: list[list[Fraction | None]], value: Fraction) -> None:
        flat = [[None if v is None else value for v in row] for row in rows]
        assert krippendorff_alpha(flat) is None

    def test_krippendorffs_worked_example(self) -> None:
        """Krippendorff (2011), 4 coders × 12 units with gaps: interval alpha 0.849."""
        coders = [
            [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
            [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
        ]
        rows = [
            [None if v is None else Fraction(v) for v in unit] for unit in zip(*coders, strict=True)
        ]
        assert krippendorff_alpha(rows) == Fraction(951, 1120)  # 0.8491
