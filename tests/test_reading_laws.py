"""Laws over khoan's readings: monotone in bonuses, tags and points; order and context free.

Issue 9 item 7: adding a bonus, tagging an item 'breakthrough' or raising any
point never lowers a total or a rating, under every preset and every reading
a scheme can name; an evaluation (items, findings, readings and explanation
included) does not depend on the order of the facts or on the caller's
decimal context.
"""

from __future__ import annotations

import decimal
import random
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khoan import Criterion, Evaluation, Tag
from khoan.schemes import HANOI_3814_2018, FailedReview, FallThrough, Scheme, TaskExceeded
from khoan.testing import SCHEMES, Scenario, outcome_pairs, scenarios

SCHEME_NAMES = sorted(SCHEMES)


@st.composite
def read_schemes(draw: st.DrawFn) -> Scheme:
    """A preset with any fall-through, failed-review and task-exceeded reading."""
    scheme = SCHEMES[draw(st.sampled_from(SCHEME_NAMES), label="scheme")]
    return attrs.evolve(
        scheme,
        fall_through=draw(st.sampled_from(list(FallThrough)), label="fall-through"),
        failed_review=draw(st.sampled_from(list(FailedReview)), label="failed review"),
        task_exceeded=draw(st.sampled_from(list(TaskExceeded)), label="task exceeded"),
    )


def _not_lower(before: Evaluation, after: Evaluation) -> None:
    assert after.total >= before.total
    assert after.rating >= before.rating


@pytest.mark.property
class TestMonotoneUnderEveryReading:
    """Raising an outcome never lowers the total or the rating, whatever the scheme's readings."""

    @settings(max_examples=150)
    @given(read_schemes(), scenarios(), st.data())
    def test_raising_an_outcome(self, scheme: Scheme, scenario: Scenario, data: Any) -> None:
        item = data.draw(st.sampled_from(scenario.items), label="item")
        worse, better = data.draw(outcome_pairs(item, scenario.outcome(item.id)))
        _not_lower(
            scenario.with_outcome(worse).evaluate(scheme),
            scenario.with_outcome(better).evaluate(scheme),
        )


@pytest.mark.property
class TestMonotoneInBonusesAndTags:
    """Adding a bonus or tagging an item 'breakthrough' never lowers a total or a rating."""

    @settings(max_examples=100)
    @given(scenarios(), st.integers(0, 10), st.data())
    def test_adding_a_bonus(self, scenario: Scenario, points: int, data: Any) -> None:
        """Hà Nội QĐ 3814-QĐ/TU: up to 10 bonus points; none scored counts 0."""
        d = scenario.dossier
        assert d.council is not None
        criteria = [c for c in d.council.criteria if c.id != "bonus"]
        if not criteria:
            return
        council = attrs.evolve(
            d.council, criteria=[*criteria, Criterion("bonus", title="thưởng", maximum=10)]
        )
        plain = [
            attrs.evolve(s, criteria={k: v for k, v in s.criteria.items() if k != "bonus"})
            for s in d.scoresheets
        ]
        who = data.draw(st.integers(0, len(plain) - 1), label="member")
        bonus = list(plain)
        bonus[who] = attrs.evolve(
            plain[who], criteria={**plain[who].criteria, "bonus": Decimal(points)}
        )
        before = attrs.evolve(scenario, dossier=attrs.evolve(d, council=council, scoresheets=plain))
        after = attrs.evolve(scenario, dossier=attrs.evolve(d, council=council, scoresheets=bonus))
        _not_lower(before.evaluate(HANOI_3814_2018), after.evaluate(HANOI_3814_2018))

    @settings(max_examples=100)
    @given(read_schemes(), scenarios(), st.data())
    def test_tagging_an_item_breakthrough(
        self, scheme: Scheme, scenario: Scenario, data: Any
    ) -> None:
        d = scenario.dossier
        index = data.draw(st.integers(0, len(d.assignment.items) - 1), label="item")
        items = list(d.assignment.items)
        tags = tuple(t for t in items[index].tags if t is not Tag.BREAKTHROUGH)
        plain = [*items[:index], attrs.evolve(items[index], tags=tags), *items[index + 1 :]]
        tagged = list(plain)
        tagged[index] = attrs.evolve(plain[index], tags=(*tags, Tag.BREAKTHROUGH))

        def with_items(these: Sequence[Any]) -> Scenario:
            assignment = attrs.evolve(d.assignment, items=these)
            return attrs.evolve(scenario, dossier=attrs.evolve(d, assignment=assignment))

        _not_lower(with_items(plain).evaluate(scheme), with_items(tagged).evaluate(scheme))


@pytest.mark.property
class TestWholeEvaluationIsOrderFree:
    """The whole Evaluation (items, parts, findings, readings) and its explanation in both
    languages are identical whatever the order of items, outcomes, members, criteria,
    scoresheets and the points within each scoresheet."""

    @settings(max_examples=150)
    @given(scenarios(), read_schemes(), st.integers(0, 2**32 - 1))
    def test_permuted(self, scenario: Scenario, scheme: Scheme, seed: int) -> None:
        d = scenario.dossier
        assert d.report is not None and d.council is not None
        rng = random.Random(seed)

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
        expected = scenario.evaluate(scheme)
        actual = attrs.evolve(scenario, dossier=permuted).evaluate(scheme)
        assert expected == actual
        assert (expected.explain("vi"), expected.explain("en")) == (
            actual.explain("vi"), actual.explain("en"),
        )  # fmt: skip


_ROUNDINGS = [
    decimal.ROUND_HALF_UP, decimal.ROUND_DOWN, decimal.ROUND_CEILING, decimal.ROUND_HALF_EVEN,
]  # fmt: skip


@pytest.mark.property
class TestDecimalContextFree:
    """The caller's decimal context (precision, rounding, traps) never changes an evaluation."""

    @settings(max_examples=100)
    @given(
        scenarios(),
        read_schemes(),
        st.integers(1, 40),
        st.sampled_from(_ROUNDINGS),
        st.booleans(),
    )
    def test_any_context(
        self, scenario: Scenario, scheme: Scheme, prec: int, rounding: str, trap: bool
    ) -> None:
        expected = scenario.evaluate(scheme)
        with decimal.localcontext() as ctx:
            ctx.prec, ctx.rounding = prec, rounding
            ctx.traps[decimal.Inexact] = ctx.traps[decimal.Rounded] = trap
            actual = scenario.evaluate(scheme)
            text = (actual.explain("vi"), actual.explain("en"))
        assert expected == actual
        assert text == (expected.explain("vi"), expected.explain("en"))
