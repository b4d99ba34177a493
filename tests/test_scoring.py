"""Item rules and aggregators, one behaviour per test."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

import pytest

from khoan import (
    Assignee,
    Assignment,
    Excuse,
    Indicator,
    ItemResult,
    Outcome,
    Scoresheet,
    Status,
    Task,
)
from khoan.exceptions import InvalidValue
from khoan.scoring import (
    ItemContext,
    ItemRule,
    council,
    deduct,
    done_or_not,
    fallback,
    judging,
    krippendorff_alpha,
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

F = Fraction

REVENUE = Indicator(
    "rev", title="Thu ngân sách", target=50, weight=4, baseline=40, measure="tỷ đồng"
)
VIOLATIONS = Indicator.lower_is_better(
    "vp", title="Vi phạm đất đai", target=0, weight=5, baseline=12
)
POOR = Indicator.lower_is_better("hn", title="Tỷ lệ hộ nghèo", target="0.9", weight=3)
CELL = Task("cb", title="Thành lập chi bộ", weight=2, deadline="30/6/2022")
ITEMS: list[Indicator | Task] = [REVENUE, VIOLATIONS, POOR, CELL]
CONTEXT = ItemContext(
    Assignment(
        "a",
        issuer="yl",
        assignee=Assignee.cadre("c"),
        period="2022",
        items=ITEMS,
        issued_on="2022-01-10",
    )
)


def score(
    rule: ItemRule,
    item: Indicator | Task,
    outcome: Outcome | None,
    sheets: Sequence[Scoresheet] = (),
) -> ItemResult:
    return rule(item, outcome, sheets, CONTEXT)


class TestLinear:
    def test_from_baseline_to_target(self) -> None:
        result = score(linear(), REVENUE, Outcome("rev", actual=45))
        assert (result.achievement, result.points, result.maximum) == (F(1, 2), F(2), F(4))
        assert result.status is Status.NOT_COMPLETED

    def test_lower_is_better_to_a_target_of_zero(self) -> None:
        """12 → 0 violations: 3 left is 75% of the way, no special case."""
        result = score(linear(), VIOLATIONS, Outcome("vp", actual=3))
        assert result.achievement == F(3, 4)
        assert result.points == F(15, 4)

    def test_reaching_zero_completes(self) -> None:
        result = score(linear(), VIOLATIONS, Outcome("vp", actual=0))
        assert (result.points, result.status) == (F(5), Status.COMPLETED)

    def test_worse_than_baseline_is_floored(self) -> None:
        result = score(linear(), VIOLATIONS, Outcome("vp", actual=15))
        assert result.achievement == F(-1, 4)
        assert result.points == 0

    def test_cap_lets_exceeding_earn_more(self) -> None:
        result = score(linear(cap="1.2"), REVENUE, Outcome("rev", actual=55))
        assert result.achievement == F(3, 2)
        assert (result.points, result.maximum) == (F(24, 5), F(24, 5))
        assert result.status is Status.EXCEEDED

    def test_task(self) -> None:
        assert score(linear(), CELL, Outcome("cb", done=True)).points == 2
        assert score(linear(), CELL, Outcome("cb", done=False)).points == 0

    def test_no_result_is_not_zero(self) -> None:
        result = score(linear(), REVENUE, None)
        assert result.points is None
        assert result.status is Status.NO_DATA

    @pytest.mark.parametrize(("cap", "floor"), [(0, 0), (1, 2), (1, -1)])
    def test_bad_bounds(self, cap: int, floor: int) -> None:
        with pytest.raises(InvalidValue):
            linear(cap=cap, floor=floor)


class TestRatio:
    def test_ignores_the_baseline(self) -> None:
        assert score(ratio(), REVENUE, Outcome("rev", actual=45)).achievement == F(9, 10)

    def test_lower_is_better_without_baseline(self) -> None:
        result = score(ratio(), POOR, Outcome("hn", actual="1.2"))
        assert result.achievement == F(3, 4)

    def test_lower_is_better_at_zero_actual_is_full(self) -> None:
        assert score(ratio(), POOR, Outcome("hn", actual=0)).points == 3

    def test_target_zero_without_baseline_is_reached_or_not(self) -> None:
        zero = Indicator.lower_is_better("z", title="Sự cố", target=0, weight=1)
        assert score(ratio(), zero, Outcome("z", actual=0)).points == 1
        assert score(ratio(), zero, Outcome("z", actual=2)).points == 0

    def test_floats_are_refused_in_configuration(self) -> None:
        with pytest.raises(InvalidValue):
            ratio(cap=1.2)


class TestZones:
    def test_threshold_table(self) -> None:
        rule = zones(("1", "1"), ("0.8", "0.6"), ("0.5", "0.3"))
        got = [score(rule, REVENUE, Outcome("rev", actual=a)).points for a in (50, 49, 45, 44)]
        assert got == [F(4), F(12, 5), F(6, 5), F(0)]

    @pytest.mark.parametrize(
        "steps",
        [
            (("0.8", "1"), ("1", "0.5")),  # thresholds not decreasing
            (("1", "0.5"), ("0.8", "0.6")),  # a worse zone paying more
            (("1", "-1"),),
            (("1", "0"),),
        ],
    )
    def test_invalid_tables(self, steps: tuple[tuple[str, str], ...]) -> None:
        with pytest.raises(InvalidValue):
            zones(*steps)

    def test_done_or_not(self) -> None:
        assert score(done_or_not(), REVENUE, Outcome("rev", actual="49.9")).points == 0
        assert score(done_or_not(), REVENUE, Outcome("rev", actual=50)).points == 4


class TestTimeliness:
    RULE = timeliness((-7, "1.15"), (0, "1"), (7, "0.75"), (None, "0.5"))

    @pytest.mark.parametrize(
        ("completed_on", "share"),
        [("2022-06-01", "1.15"), ("2022-06-23", "1.15"), ("2022-06-24", "1"),
         ("2022-06-30", "1"), ("2022-07-01", "0.75"), ("2022-07-07", "0.75"),
         ("2022-07-08", "0.5")],
    )  # fmt: skip
    def test_days_early_or_late(self, completed_on: str, share: str) -> None:
        result = score(self.RULE, CELL, Outcome("cb", done=True, completed_on=completed_on))
        assert result.points == 2 * F(Decimal(share))

    def test_not_done_earns_nothing(self) -> None:
        assert score(self.RULE, CELL, Outcome("cb", done=False)).points == 0

    def test_last_step_must_cover_any_lateness(self) -> None:
        with pytest.raises(InvalidValue):
            timeliness((0, "1"), (7, "0.5"))


class TestDeduct:
    def test_quarter_off_per_failed_review_and_delay(self) -> None:
        rule = deduct(done_or_not())
        outcome = Outcome("cb", done=True, failed_reviews=1, delays=1)
        assert score(rule, CELL, outcome).points == 1

    def test_never_below_zero(self) -> None:
        outcome = Outcome("cb", done=True, failed_reviews=5)
        assert score(deduct(done_or_not()), CELL, outcome).points == 0

    def test_waived_by_a_confirmed_objective_cause(self) -> None:
        excuse = Excuse("objective_cause", reason="Mưa lũ", confirmed_by="UBND huyện")
        outcome = Outcome("cb", done=True, delays=2, excuses=[excuse])
        result = score(deduct(done_or_not()), CELL, outcome)
        assert result.points == 2
        assert "waived" in result.reasons[-1].en

    def test_an_unconfirmed_excuse_does_not_waive(self) -> None:
        excuse = Excuse("objective_cause", reason="Mưa lũ")
        outcome = Outcome("cb", done=True, delays=2, excuses=[excuse])
        assert score(deduct(done_or_not()), CELL, outcome).points == 1


class TestCouncil:
    SHEETS = tuple(
        Scoresheet(f"m{i}", items={"rev": p}) for i, p in enumerate(["2", "3", "3", "4", "4"])
    )

    def test_judging_trims_one_per_side_at_five(self) -> None:
        result = score(council(), REVENUE, Outcome("rev", actual=50), self.SHEETS)
        assert result.points == F(10, 3)

    def test_mean(self) -> None:
        assert score(council(mean()), REVENUE, None, self.SHEETS).points == F(16, 5)

    def test_nobody_scored(self) -> None:
        result = score(council(), CELL, Outcome("cb", done=True), self.SHEETS)
        assert result.points is None

    def test_fallback_to_computed(self) -> None:
        rule = fallback(council(), linear())
        assert score(rule, CELL, Outcome("cb", done=True), self.SHEETS).points == 2
        assert score(rule, REVENUE, None, self.SHEETS).points == F(10, 3)


class TestCombinators:
    def test_min_of(self) -> None:
        rule = min_of(linear(), done_or_not())
        assert score(rule, REVENUE, Outcome("rev", actual=45)).points == 0

    def test_product_of_quantity_and_timeliness(self) -> None:
        rule = product(done_or_not(), timeliness((0, 1), (None, "0.5")))
        outcome = Outcome("cb", done=True, completed_on="2022-07-15")
        assert score(rule, CELL, outcome).points == 1

    def test_weighted(self) -> None:
        rule = weighted((1, linear()), (3, done_or_not()))
        result = score(rule, REVENUE, Outcome("rev", actual=45))
        assert result.points == 4 * F(1, 8)

    def test_missing_part_makes_the_whole_missing(self) -> None:
        assert score(weighted((1, linear()), (1, council())), CELL, None).points is None

    def test_reprs_read_like_configuration(self) -> None:
        assert repr(min_of(linear(), council(trimmed_mean(drop=1)))) == (
            "min_of(linear(cap=Decimal('1'), floor=Decimal('0')), council(trimmed_mean(drop=1)))"
        )


class TestAggregators:
    VALUES = (F(1), F(2), F(3), F(10))

    def test_mean_median(self) -> None:
        assert mean()(self.VALUES) == 4
        assert median()(self.VALUES) == F(5, 2)
        assert median()([F(1), F(7), F(2)]) == 2

    def test_trimmed_mean_drops_an_explicit_number(self) -> None:
        assert trimmed_mean(drop=1)(self.VALUES) == F(5, 2)

    def test_trimmed_mean_needs_enough_members(self) -> None:
        with pytest.raises(InvalidValue):
            trimmed_mean(drop=2)(self.VALUES)

    @pytest.mark.parametrize(
        ("count", "dropped"), [(1, 0), (3, 0), (4, 0), (5, 1), (6, 1), (7, 2), (11, 2)]
    )
    def test_judging_is_size_aware(self, count: int, dropped: int) -> None:
        assert judging().drop_for(count) == dropped

    def test_empty(self) -> None:
        with pytest.raises(InvalidValue):
            mean()([])

    def test_alpha_against_a_worked_example(self) -> None:
        """Cross-checked with the `krippendorff` package (interval): 9/13."""
        rows: list[list[F | None]] = [
            [F(1), F(2), F(3)],
            [F(2), F(2), None],
            [None, F(3), F(3)],
            [F(4), None, F(5)],
        ]
        assert krippendorff_alpha(rows) == F(9, 13)
