"""Cohort steps: quotas per peer group (both readings, ties) and head ≤ collective."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import attrs
import pytest

from khoan import (
    Cohort,
    Evaluation,
    Period,
    Quota,
    QuotaBase,
    Rating,
    TieBreak,
    apply_quota,
    cap_by_collective,
    evaluate_dossier,
    io,
)
from khoan.exceptions import InvalidValue
from khoan.schemes import EXCELLENT_20_PERCENT_OF_GOOD, HANOI_A_30_PERCENT, QD_366_2025
from khoan.testing import timeless


def ev(aid: str, total: int | Fraction, rating: Rating, group: str = "g") -> Evaluation:
    return Evaluation(
        assignment=aid, assignee=f"cadre-{aid}", period=Period(2025), scheme="test",
        scheme_version="1", items=(), parts=(), total=Fraction(total),
        score=Decimal(int(total)), scale=Fraction(100), band=rating, rating=rating,
        peer_group=group,
    )  # fmt: skip


def cohort(excellent: int, good: int, group: str = "g") -> list[Evaluation]:
    out = [ev(f"e{i}", 99 - i, Rating.EXCELLENT, group) for i in range(excellent)]
    out += [ev(f"g{i}", 80, Rating.GOOD, group) for i in range(good)]
    return out


def ratings(evaluations: tuple[Evaluation, ...]) -> list[str]:
    return [e.rating.name[0] for e in evaluations]


class TestQuotaReadings:
    def test_default_reading_final_good_count(self) -> None:
        """5 Excellent + 7 Good: keeping k needs k ≤ 20% of (12 - k) → k = 2."""
        result = apply_quota(cohort(5, 7), EXCELLENT_20_PERCENT_OF_GOOD)
        assert ratings(result.evaluations).count("E") == 2
        good = ratings(result.evaluations).count("G")
        assert Fraction(1, 5) * good >= 2

    def test_reading_that_counts_the_selected_in_the_good_pool(self) -> None:
        quota = attrs.evolve(EXCELLENT_20_PERCENT_OF_GOOD, base=QuotaBase.GOOD_INCLUDING_SELECTED)
        result = apply_quota(cohort(5, 7), quota)
        assert ratings(result.evaluations).count("E") == 2  # ⌊0.2 × 12⌋
        result = apply_quota(cohort(1, 4), quota)
        assert ratings(result.evaluations).count("E") == 1  # ⌊0.2 × 5⌋: 1 > 20% of 4

    def test_default_reading_is_literal(self) -> None:
        result = apply_quota(cohort(1, 4), EXCELLENT_20_PERCENT_OF_GOOD)
        assert ratings(result.evaluations).count("E") == 0  # 1 ≤ 20% × 5 only after demotion

    def test_hanoi_share_of_all_rated(self) -> None:
        rated = [*cohort(5, 3), ev("d", 40, Rating.NOT_ACHIEVED)]
        result = apply_quota(rated, HANOI_A_30_PERCENT)
        assert ratings(result.evaluations).count("E") == 2  # ⌊0.3 × 9⌋

    def test_per_peer_group(self) -> None:
        mixed = cohort(2, 10, "bi-thu") + cohort(2, 2, "giam-doc")
        result = apply_quota(mixed, EXCELLENT_20_PERCENT_OF_GOOD)
        kept = {
            (e.peer_group, e.rating.name)
            for e in result.evaluations
            if e.rating is Rating.EXCELLENT
        }
        assert kept == {("bi-thu", "EXCELLENT")}
        assert [m.assignment for m in result.moves] == ["e0", "e1"]  # the directors' two


class TestQuotaTies:
    def tied(self) -> list[Evaluation]:
        return [
            ev("b", 95, Rating.EXCELLENT),
            ev("a", 95, Rating.EXCELLENT),
            *[ev(f"g{i}", 80, Rating.GOOD) for i in range(4)],
        ]

    def test_ties_broken_by_assignment_id(self) -> None:
        result = apply_quota(self.tied(), EXCELLENT_20_PERCENT_OF_GOOD)
        kept = [e.assignment for e in result.evaluations if e.rating is Rating.EXCELLENT]
        assert kept == ["a"]
        assert "ranked 2 by total" in result.moves[0].reason.en

    def test_demote_all_tied_at_the_cut(self) -> None:
        quota = attrs.evolve(EXCELLENT_20_PERCENT_OF_GOOD, ties=TieBreak.DEMOTE_ALL)
        result = apply_quota(self.tied(), quota)
        assert [e.rating for e in result.evaluations[:2]] == [Rating.GOOD, Rating.GOOD]

    def test_input_order_does_not_matter(self) -> None:
        forward = apply_quota(self.tied(), EXCELLENT_20_PERCENT_OF_GOOD)
        backward = apply_quota(list(reversed(self.tied())), EXCELLENT_20_PERCENT_OF_GOOD)
        assert {e.assignment: e.rating for e in forward.evaluations} == {
            e.assignment: e.rating for e in backward.evaluations
        }


class TestQuotaSafety:
    def test_never_promotes_and_is_idempotent(self) -> None:
        once = apply_quota(cohort(6, 9), EXCELLENT_20_PERCENT_OF_GOOD)
        twice = apply_quota(once.evaluations, EXCELLENT_20_PERCENT_OF_GOOD)
        assert twice.evaluations == once.evaluations and twice.moves == ()
        for before, after in zip(cohort(6, 9), once.evaluations, strict=True):
            assert after.rating <= before.rating

    def test_findings_record_the_move(self) -> None:
        result = apply_quota(cohort(2, 1), EXCELLENT_20_PERCENT_OF_GOOD)
        moved = [e for e in result.evaluations if e.findings]
        assert [f.kind for e in moved for f in e.findings] == ["quota", "quota"]

    def test_share_bounds(self) -> None:
        with pytest.raises(InvalidValue):
            Quota(Rating.EXCELLENT, share=Fraction(3, 2))

    def test_on_the_bundled_cohort(self) -> None:
        pilot = io.load_example("vinh-phuc-2021")
        assert isinstance(pilot, Cohort)
        evaluations = [
            evaluate_dossier(d, scheme=timeless(QD_366_2025), cohort=pilot) for d in pilot
        ]
        result = apply_quota(evaluations, EXCELLENT_20_PERCENT_OF_GOOD)
        for group in {e.peer_group for e in result.evaluations}:
            members = [e for e in result.evaluations if e.peer_group == group]
            excellent = sum(e.rating is Rating.EXCELLENT for e in members)
            good = sum(e.rating is Rating.GOOD for e in members)
            assert excellent <= Fraction(1, 5) * good


class TestCapByCollective:
    def test_head_above_the_collective_is_capped(self) -> None:
        head, move = cap_by_collective(ev("h", 95, Rating.EXCELLENT), ev("u", 80, Rating.GOOD))
        assert head.rating is Rating.GOOD
        assert move is not None and move.before is Rating.EXCELLENT
        assert head.findings[-1].kind == "collective"

    def test_head_at_or_below_is_unchanged(self) -> None:
        head = ev("h", 60, Rating.ACHIEVED)
        assert cap_by_collective(head, ev("u", 80, Rating.GOOD)) == (head, None)
