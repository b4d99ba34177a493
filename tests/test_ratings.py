"""Ratings as the rules write them: the fall-through is a parameter, shown, and referable."""

from __future__ import annotations

import decimal
import random
from collections.abc import Sequence
from fractions import Fraction

import attrs
import pytest

from four_tasks import ASSIGNMENT, COUNCIL, FULL_MARKS, TASKS
from khoan import (
    Evaluation,
    FindingKind,
    Item,
    ItemResult,
    Outcome,
    Rating,
    Report,
    Scoresheet,
    Status,
    evaluate,
)
from khoan.consequences import RULES, Action, History
from khoan.schemes import QD_366_2025, FallThrough, MissingData, Part, Source
from khoan.scoring import ItemContext, done_or_not
from khoan.testing import timeless

ONE_LATE = Report(
    "2022-12-10",
    outcomes=[
        Outcome("t0", done=True, completed_on="2022-12-05"),
        *(Outcome(f"t{i}", done=True, completed_on="2022-11-20") for i in range(1, 4)),
    ],
)


def rate(scheme: object = QD_366_2025, report: Report = ONE_LATE) -> Evaluation:
    dateless = timeless(scheme)  # type: ignore[arg-type]
    return evaluate(ASSIGNMENT, report, scheme=dateless, scoresheets=FULL_MARKS, council=COUNCIL)


class TestFallThrough:
    """QĐ 366 Điều 11 fixes each level's band and conditions, not which prevails when they
    disagree: the preset refers such a case to the council (khoan's reading, printed)."""

    def test_full_marks_and_one_late_item_of_four_is_referred(self) -> None:
        e = rate()
        assert (e.total, e.band) == (Fraction(100), Rating.EXCELLENT)
        assert e.referred
        assert e.candidates == (Rating.EXCELLENT, Rating.GOOD, Rating.ACHIEVED, Rating.NOT_ACHIEVED)
        [referral] = [f for f in e.findings if f.kind is FindingKind.REFERRED]
        assert referral.clause == "qd-366-2025/fall-through/refer"

    def test_the_explanation_says_why_in_one_line_per_cause(self) -> None:
        text = rate().explain("en")
        assert text.count("not every item completed on time with quality: t0") == 1
        assert "(EXCELLENT → ACHIEVED)" in text
        assert (
            "Referred to the council, not rated: Excellent / Good / Achieved / Not achieved" in text
        )

    def test_a_small_package_says_what_at_most_20_percent_means(self) -> None:
        text = rate().explain("en")
        assert "with 4 items, at most 20.0% means none may be late" in text

    def test_the_literal_reading_is_a_parameter(self) -> None:
        literal = attrs.evolve(QD_366_2025, fall_through=FallThrough.NEXT_LOWER)
        e = rate(literal)
        assert (e.rating, e.referred) == (Rating.NOT_ACHIEVED, False)
        assert any("steps down a level at a time" in r.reason.en for r in e.readings)

    def test_every_evaluation_lists_its_fall_through_reading(self) -> None:
        e = rate()
        [reading] = [r for r in e.readings if r.topic == "fall-through"]
        assert reading.choice == "refer"
        assert "candidates go to the council" in reading.reason.en

    def test_the_json_dump_carries_the_referral(self) -> None:
        from khoan import io

        dumped = io.dump_evaluation(rate())
        assert dumped["referred"] is True
        assert dumped["candidates"] == ["excellent", "good", "achieved", "not_achieved"]

    def test_a_veto_still_decides(self) -> None:
        from khoan import Circumstances

        e = evaluate(
            ASSIGNMENT, ONE_LATE, scheme=timeless(QD_366_2025), scoresheets=FULL_MARKS,
            council=COUNCIL,
            circumstances=Circumstances(disciplined=True),
        )  # fmt: skip
        assert (e.rating, e.referred) == (Rating.NOT_ACHIEVED, False)

    @pytest.mark.parametrize("name", ["vinh-phuc-pilot", "law-2019", "nd-335-2025"])
    def test_no_adverse_action_rests_on_a_referred_rating(self, name: str) -> None:
        e = attrs.evolve(rate(), assignee="c")
        rec = RULES[name](History("c", evaluations=(e,), category="civil_servant"))
        if rec is not None:
            assert rec.action in (Action.REVIEW, Action.NONE), name
            assert any("referred to the council" in x.en for x in rec.exceptions)


class TestEngineDefects:
    """Defects found when the engine was tried as users would."""

    def test_the_callers_decimal_context_does_not_matter(self) -> None:
        expected = rate()
        with decimal.localcontext() as ctx:
            ctx.prec = 3
            ctx.traps[decimal.Inexact] = True
            assert rate() == expected

    def test_item_order_does_not_change_the_evaluation(self) -> None:
        shuffled = list(TASKS)
        random.Random(7).shuffle(shuffled)
        other = attrs.evolve(ASSIGNMENT, items=shuffled)
        e = evaluate(
            other, ONE_LATE, scheme=timeless(QD_366_2025), scoresheets=FULL_MARKS, council=COUNCIL
        )
        assert e == rate()
        assert e.explain("vi") == rate().explain("vi")

    def test_an_empty_bonus_part_counts_zero_under_missing_zero(self) -> None:
        bonus = Part("bonus", maximum=5, source=Source.ITEMS, rule=_nothing)
        scheme = attrs.evolve(
            QD_366_2025, parts=(*QD_366_2025.parts, bonus), missing=MissingData.ZERO
        )
        e = rate(scheme)
        assert e.total == Fraction(100)  # 100 of 105, not scaled up to 105
        assert any(f.clause.endswith("/missing/zero") for f in e.findings)

    def test_council_points_print_plainly(self) -> None:
        assert "2E+1" not in rate().explain("en") and "17.5, 17.5, 17.5" in rate().explain("en")


def _nothing(
    item: Item, outcome: Outcome | None, sheets: Sequence[Scoresheet], context: ItemContext, /
) -> ItemResult:
    """A bonus part's rule: no item is a breakthrough item, so none applies."""
    result = done_or_not()(item, outcome, sheets, context)
    return attrs.evolve(result, points=None, status=Status.NOT_APPLICABLE)


class TestQuotaLeavesReferralsOut:
    """A referred evaluation is not rated yet: the quota neither moves it nor counts it."""

    def test_a_referred_evaluation_is_not_in_the_base(self) -> None:
        from khoan import apply_quota
        from khoan.schemes import EXCELLENT_20_PERCENT_OF_GOOD

        top = attrs.evolve(rate(attrs.evolve(QD_366_2025, fall_through=FallThrough.NEXT_LOWER)),
                           rating=Rating.EXCELLENT, candidates=())  # fmt: skip
        goods = [attrs.evolve(top, assignment=f"g{i}", rating=Rating.GOOD) for i in range(5)]
        referred = [attrs.evolve(rate(), assignment=f"r{i}", rating=Rating.GOOD) for i in range(5)]
        counted = apply_quota([top, *goods], EXCELLENT_20_PERCENT_OF_GOOD)
        with_referrals = apply_quota([top, *goods, *referred], EXCELLENT_20_PERCENT_OF_GOOD)
        assert counted.moves == with_referrals.moves
        assert with_referrals.evaluations[6:] == tuple(referred)


class TestFallThroughReadings:
    """Every fall-through choice a scheme can name has a reading to print."""

    @pytest.mark.parametrize("choice", list(FallThrough))
    def test_every_choice_has_its_reading(self, choice: FallThrough) -> None:
        scheme = attrs.evolve(QD_366_2025, fall_through=choice)
        [reading] = [r for r in scheme.readings if r.topic == "fall-through"]
        assert (reading.choice, bool(reading.reason.en), bool(reading.reason.vi)) == (
            choice.value, True, True,
        )  # fmt: skip
