"""Readings khoan supplies where the sources are silent: parameters, printed, dumped (issue 9)."""

from __future__ import annotations

import json
from fractions import Fraction

import attrs
import pytest

from four_tasks import ASSIGNMENT, COUNCIL, FULL_MARKS
from khoan import (
    DemotionOrder,
    Evaluation,
    Indicator,
    Outcome,
    QuotaScope,
    Rating,
    Report,
    Role,
    Scoresheet,
    apply_quota,
    evaluate,
    evaluate_dossier,
    io,
)
from khoan.exceptions import InvalidDocument, InvalidValue, MissingResult
from khoan.schemes import (
    EXCELLENT_20_PERCENT_OF_GOOD,
    HANOI_A_30_PERCENT,
    ND_90_2020,
    ND_335_2025,
    PRESETS,
    QD_366_2025,
    FailedReview,
    FallThrough,
    TaskExceeded,
    nd_48_quota,
    qd_366_2025,
)
from khoan.testing import nothing_adverse, timeless


def report(*, late: int = 1, failed_reviews: int = 0, on: str = "2022-11-20") -> Report:
    return Report(
        "2022-12-10",
        outcomes=[
            Outcome(
                f"t{i}",
                done=True,
                completed_on="2022-12-05" if i < late else on,
                failed_reviews=failed_reviews if i == 3 else 0,
            )
            for i in range(4)
        ],
    )


def rate(scheme: object = QD_366_2025, facts: Report | None = None, **kw: object) -> Evaluation:
    """Rate the dossier with every fact beyond its items given and favourable (issue 9A)."""
    kw.setdefault("circumstances", nothing_adverse())
    return evaluate(
        ASSIGNMENT, facts or report(), scheme=timeless(scheme),  # type: ignore[arg-type]
        scoresheets=FULL_MARKS, council=COUNCIL,
        **kw,  # type: ignore[arg-type]
    )  # fmt: skip


class TestFallThroughChoices:
    """QĐ 366 Điều 11 sets bands and conditions, not which prevails: each choice on the issue's
    100-point dossier with one late task of four (regulations.md §6 item 2)."""

    def test_next_lower_steps_down_to_not_achieved(self) -> None:
        e = rate(qd_366_2025(fall_through=FallThrough.NEXT_LOWER))
        assert (e.total, e.rating, e.referred) == (Fraction(100), Rating.NOT_ACHIEVED, False)

    def test_lowest_met_is_also_not_achieved_because_366s_conditions_are_nested(self) -> None:
        """Achieved needs ≤ 20% late; 1 of 4 is 25%, and every higher level needs all on time."""
        e = rate(qd_366_2025(fall_through=FallThrough.LOWEST_MET))
        assert (e.rating, e.referred) == (Rating.NOT_ACHIEVED, False)

    def test_refer_gives_the_candidates_to_the_council_and_says_why_once(self) -> None:
        e = rate(qd_366_2025(fall_through=FallThrough.REFER))
        assert (e.referred, e.candidates[0]) == (True, Rating.EXCELLENT)
        assert e.explain("en").count("not every item completed on time with quality: t0") == 1

    @pytest.mark.parametrize("choice", list(FallThrough))
    def test_every_choice_is_printed_and_dumped(self, choice: FallThrough) -> None:
        e = rate(qd_366_2025(fall_through=choice))
        [reading] = [r for r in e.readings if r.topic == "fall-through"]
        assert reading.choice == choice.value
        assert reading.reason.en in e.explain("en")
        dumped = io.dump_evaluation(e)["readings"]
        assert {"topic": "fall-through", "choice": choice.value} in [
            {"topic": r["topic"], "choice": r["choice"]} for r in dumped
        ]


# NĐ 90: for an individual without a post, Excellent needs all completed and ≥ 50% exceeded;
# Good all completed and ≥ 80% on time. Five indicators, 85 points (band Good), three
# exceeded, two late: Good's own condition fails while Excellent's all hold -- the conditions
# are not nested. (A head is also held to his own items on time for Excellent, NĐ 90 Điều 4,
# which nests them again: see the last test.)
INDICATORS = [
    Indicator(f"i{n}", title=f"Chỉ tiêu {n}", target=100, weight=20, deadline="30/11/2022")
    for n in range(5)
]
ND90_ASSIGNMENT = attrs.evolve(ASSIGNMENT, items=INDICATORS)
ND90_REPORT = Report(
    "2022-12-10",
    outcomes=[
        Outcome(f"i{n}", actual=120 if n < 3 else 100,
                completed_on="2022-12-05" if n >= 3 else "2022-11-20")
        for n in range(5)
    ],
)  # fmt: skip
ND90_SHEETS = [Scoresheet(f"m{i}", items={f"i{n}": 17 for n in range(5)}) for i in range(3)]


def rate_nd90(choice: FallThrough, role: Role = Role.INDIVIDUAL) -> Evaluation:
    scheme = attrs.evolve(ND_90_2020, fall_through=choice)
    facts = nothing_adverse(role=role)  # every other fact given and favourable
    return evaluate(
        ND90_ASSIGNMENT,
        ND90_REPORT,
        scheme=timeless(scheme),
        scoresheets=ND90_SHEETS,
        circumstances=facts,
    )


class TestLowestMet:
    """LOWEST_MET: the lower of the band and the best level whose own conditions all hold
    (NĐ 90/2020/NĐ-CP Điều 4; regulations.md §3.3)."""

    def test_it_differs_from_next_lower_when_conditions_are_not_nested(self) -> None:
        assert rate_nd90(FallThrough.NEXT_LOWER).rating is Rating.ACHIEVED
        e = rate_nd90(FallThrough.LOWEST_MET)
        assert (e.total, e.band, e.rating) == (Fraction(85), Rating.GOOD, Rating.GOOD)
        [kept] = [f for f in e.findings if f.clause == "nd-90-2020/fall-through/lowest-met"]
        assert "every condition of EXCELLENT holds" in kept.reason.en

    def test_it_never_rates_above_the_band(self) -> None:
        """Excellent's conditions hold, but 85 points reach only Good."""
        assert rate_nd90(FallThrough.LOWEST_MET).rating is Rating.GOOD

    def test_a_head_is_held_to_his_own_items_on_time(self) -> None:
        """NĐ 90 Điều 4: for a leader the conditions nest, and both readings agree."""
        leader = [
            rate_nd90(c, Role.LEADER).rating for c in FallThrough if c is not FallThrough.REFER
        ]
        assert leader == [Rating.ACHIEVED, Rating.ACHIEVED]


class TestReadingsAsParameters:
    """Readings of QĐ 366 Điều 11 khoan supplies, each a keyword of the preset (issue 9 item 6)."""

    def test_tasks_finished_early_can_count_as_exceeded(self) -> None:
        on_time = report(late=0)
        assert rate(qd_366_2025(), on_time).referred  # 0 of 4 exceeded: Excellent's 30% fails
        early = qd_366_2025(task_exceeded=TaskExceeded.FINISHED_EARLY)
        assert rate(early, on_time).rating is Rating.EXCELLENT

    def test_a_task_finished_on_its_deadline_is_not_early(self) -> None:
        early = qd_366_2025(task_exceeded=TaskExceeded.FINISHED_EARLY)
        assert rate(early, report(late=0, on="2022-11-30")).referred

    def test_a_failed_review_later_accepted(self) -> None:
        """NĐ 335 Điều 14 b: a failed review is a 25% deduction, not a disqualification."""
        facts = report(late=0, failed_reviews=1)
        strict = qd_366_2025(task_exceeded=TaskExceeded.FINISHED_EARLY)
        assert rate(strict, facts).candidates[-1] is Rating.ACHIEVED
        lenient = qd_366_2025(
            task_exceeded=TaskExceeded.FINISHED_EARLY,
            failed_review=FailedReview.TO_STANDARD_ONCE_ACCEPTED,
        )
        e = rate(lenient, facts)
        assert e.rating is Rating.EXCELLENT
        assert [r.failed_reviews for r in e.items] == [0, 0, 0, 1]  # the item result is kept

    def test_the_general_part_can_be_optional(self) -> None:
        no_criteria = [attrs.evolve(s, criteria={}) for s in FULL_MARKS]
        with pytest.raises(InvalidDocument) as raised:
            evaluate(ASSIGNMENT, report(late=0), scheme=timeless(QD_366_2025),
                     scoresheets=no_criteria, council=COUNCIL)  # fmt: skip
        assert [type(x) for x in raised.value.exceptions] == [MissingResult, MissingResult]
        optional = qd_366_2025(general_required=False)
        e = evaluate(ASSIGNMENT, report(late=0), scheme=timeless(optional), scoresheets=no_criteria,
                     council=COUNCIL)  # fmt: skip
        assert e.total == Fraction(100)
        [part] = [r for r in e.readings if r.topic == "part/general"]
        assert part.choice == "renormalise"

    def test_the_defaults_are_the_preset(self) -> None:
        assert qd_366_2025() == QD_366_2025


class TestEveryAssumptionReachesTheOutput:
    """Item 8: every reading a scheme used is in the explanation (vi, en) and in the JSON."""

    @pytest.mark.parametrize("name", sorted(PRESETS))
    def test_explanation_and_json(self, name: str) -> None:
        dossier = io.load_example("nguyet-duc-2022")
        e = evaluate_dossier(dossier, scheme=timeless(PRESETS[name]))  # type: ignore[arg-type]
        assert e.readings == PRESETS[name].readings
        en, vi = e.explain("en"), e.explain("vi")
        dumped = io.dump_evaluation(e)
        assert [(r["topic"], r["choice"], r["en"], r["vi"]) for r in dumped["readings"]] == [
            (r.topic, r.choice, r.reason.en, r.reason.vi) for r in e.readings
        ]
        for r in e.readings:
            assert f"[{r.topic}: {r.choice}] {r.reason.en}" in en
            assert f"[{r.topic}: {r.choice}]" in vi

    def test_qd_366_lists_every_topic(self) -> None:
        topics = [r.topic for r in QD_366_2025.readings]
        assert topics == [
            "fall-through", "failed-review", "task-exceeded", "part/general",
            "quota/base", "quota/scope", "quota/demotion", "quota/assumption",
        ]  # fmt: skip

    def test_the_qd_366_quota_is_labelled_unconfirmed(self) -> None:
        e = rate()
        [label] = [r for r in e.readings if r.topic == "quota/assumption"]
        assert "UNCONFIRMED inside QĐ 366" in label.reason.en
        assert "UNCONFIRMED inside QĐ 366" in e.explain("en")
        assert "UNCONFIRMED inside QĐ 366" in json.dumps(io.dump_evaluation(e), ensure_ascii=False)


def cohort(*spec: tuple[str, str, str, int]) -> list[Evaluation]:
    """Evaluations from (id, peer group, agency, rating-as-total) rows: ≥ 90 Excellent."""
    base = attrs.evolve(rate(qd_366_2025(fall_through=FallThrough.NEXT_LOWER)), candidates=())
    return [
        attrs.evolve(
            base,
            assignment=a,
            assignee=a,
            peer_group=g,
            agency=ag,
            total=Fraction(t),
            rating=Rating.EXCELLENT if t >= 90 else Rating.GOOD,
        )
        for a, g, ag, t in spec
    ]


class TestQuotasAsWritten:
    """Item 5: NĐ 335 Điều 20, NĐ 48/2023, Hà Nội QĐ 3814-QĐ/TU (regulations.md §2.1, §6)."""

    GROUP_OK_AGENCY_OVER = (
        ("e1", "g", "A", 95), ("a-good", "g", "A", 80),
        *((f"b{i}", "g", "B", 80) for i in range(9)),
    )  # fmt: skip

    def test_nd_335_counts_within_each_group_and_each_agency(self) -> None:
        evaluations = cohort(*self.GROUP_OK_AGENCY_OVER)
        quota = ND_335_2025.quota
        assert quota is not None
        group_only = attrs.evolve(quota, scopes=(QuotaScope.PEER_GROUP,))
        assert apply_quota(evaluations, group_only).moves == ()  # 1 of 10 Good in the group
        [move] = apply_quota(evaluations, quota).moves
        assert (move.assignment, move.after) == ("e1", Rating.GOOD)
        assert "in agency 'A'" in move.reason.en

    def test_the_nd_335_exception_is_a_parameter(self) -> None:
        evaluations = cohort(*self.GROUP_OK_AGENCY_OVER)
        quota = ND_335_2025.quota
        assert quota is not None and quota.exceptional_share is None
        with pytest.raises(InvalidValue, match="exceptional"):
            apply_quota(evaluations, quota, exceptional=["A"])
        generous = attrs.evolve(quota, exceptional_share=1)
        assert apply_quota(evaluations, generous, exceptional=["A"]).moves == ()

    def test_hanoi_allows_40_percent_for_exceptional_units(self) -> None:
        rows = [(f"x{i}", "g", "", 95 - i) for i in range(4)]
        rows += [(f"y{i}", "g", "", 80) for i in range(6)]
        evaluations = cohort(*rows)
        assert len(apply_quota(evaluations, HANOI_A_30_PERCENT).moves) == 1  # 30% of 10: 3
        assert apply_quota(evaluations, HANOI_A_30_PERCENT, exceptional=["g"]).moves == ()

    def test_nd_48_takes_the_party_members_excellent_share(self) -> None:
        rows = [(f"x{i}", "g", "", 95 - i) for i in range(3)]
        rows += [(f"y{i}", "g", "", 80) for i in range(5)]
        moves = apply_quota(cohort(*rows), nd_48_quota("0.25")).moves  # 25% of 8 rated: 2
        assert [m.assignment for m in moves] == ["x2"]
        [base] = [r for r in nd_48_quota("0.25").readings if r.topic == "quota/base"]
        assert base.choice == "party_excellent_share"

    def test_the_demotion_order_is_a_parameter(self) -> None:
        rows = [("x0", "g", "", 99), ("x1", "g", "", 91)]
        rows += [(f"y{i}", "g", "", 80) for i in range(4)]
        evaluations = cohort(*rows)
        [by_total] = apply_quota(evaluations, EXCELLENT_20_PERCENT_OF_GOOD).moves
        assert by_total.assignment == "x1"
        given = attrs.evolve(EXCELLENT_20_PERCENT_OF_GOOD, demotion=DemotionOrder.GIVEN)
        [by_council] = apply_quota(evaluations, given, ranking=["x1", "x0"]).moves
        assert by_council.assignment == "x0"
        assert "in the ranking given" in by_council.reason.en
        with pytest.raises(InvalidValue, match="ranking"):
            apply_quota(evaluations, given)
        with pytest.raises(InvalidValue, match="ranking"):
            apply_quota(evaluations, given, ranking=["x1"])

    def test_the_demotion_reading_is_printed(self) -> None:
        [order] = [r for r in QD_366_2025.readings if r.topic == "quota/demotion"]
        assert (order.choice, "lowest exact total are demoted first" in order.reason.en) == (
            "lowest_total_first", True,
        )  # fmt: skip


class TestExplanationText:
    """Item 7: plain-language names and Vietnamese number formatting in the explanation."""

    def test_no_internal_reprs_and_vietnamese_numbers(self) -> None:
        dossier = io.load_example("nguyet-duc-2022")
        e = evaluate_dossier(dossier, scheme=timeless(QD_366_2025))  # type: ignore[arg-type]
        vi, en = e.explain("vi"), e.explain("en")
        assert "judging()" not in vi and "judging()" not in en
        assert "Tổng điểm: 93,08/100 (chính xác 1117/12)" in vi
        assert "Total: 93.08/100 (exact 1117/12)" in en
        assert "bỏ 2 điểm cao nhất và 2 điểm thấp nhất" in vi
        dumped = io.dump_evaluation(e)
        assert (dumped["score"], dumped["total"]) == ("93.08", "1117/12")
