"""Eligibility and "counted once" (issue 9, item 4).

NĐ 90/2020/NĐ-CP Điều 2 k3 as amended by NĐ 48/2023/NĐ-CP: under 6 months worked in
the year → not rated (maternity leave excepted); 3 to under 6 months of leave → at most
Achieved. NĐ 48/2023 and HD 21-HD/BTCTW: one violation counts once.
"""

from __future__ import annotations

import datetime as dt

from khoan import (
    Assignee,
    Assignment,
    Circumstances,
    Discipline,
    Evaluation,
    Indicator,
    Outcome,
    Period,
    Rating,
    Report,
    apply_quota,
    evaluate,
    roll_up,
)
from khoan._consequences.history import counted_once
from khoan.consequences import LAW_2019, History
from khoan.io import dump_evaluation
from khoan.schemes import EXCELLENT_20_PERCENT_OF_GOOD, ND_90_2020
from khoan.testing import nothing_adverse

E, G, A, N = Rating.EXCELLENT, Rating.GOOD, Rating.ACHIEVED, Rating.NOT_ACHIEVED


def rate(
    facts: Circumstances, *, period: str = "2024", cadre: str = "c", done: int = 5
) -> Evaluation:
    year = period[:4]
    end = Period.parse(period).end
    due = (end - dt.timedelta(days=10)).isoformat()
    # Indicators exceeded (12 of 10) so that NĐ 90's Excellent (≥ 50% exceeded) holds.
    items = [
        Indicator(f"t{k}", title="Chỉ tiêu", target=10, weight=10, deadline=due) for k in range(5)
    ]
    a = Assignment(
        f"a-{cadre}-{period}",
        issuer="tinh-uy",
        assignee=Assignee.cadre(cadre),
        period=period,
        items=items,
        issued_on=f"{year}-01-02",
    )
    report = Report(
        (end - dt.timedelta(days=5)).isoformat(),
        outcomes=[Outcome(f"t{k}", actual=12 if k < done else 0) for k in range(5)],
    )
    return evaluate(a, report, scheme=ND_90_2020, circumstances=facts)


def clauses(e: Evaluation, kind: str) -> list[str]:
    return [f.clause for f in e.findings if f.kind == kind]


class TestMonthsWorked:
    """NĐ 90 Điều 2 k3 as amended by NĐ 48: under 6 months worked → not rated."""

    def test_five_months_worked_is_not_rated(self) -> None:
        e = rate(nothing_adverse(months_worked=5, months_leave=None))
        assert not e.rated and not e.decided
        assert clauses(e, "not-rated") == ["nd-90-2020/eligibility/not-rated"]
        assert "Not rated (see the reason above)" in e.explain("en")
        assert "Không đánh giá, xếp loại" in e.explain("vi")
        assert dump_evaluation(e)["rated"] is False

    def test_maternity_leave_is_rated_on_the_time_worked(self) -> None:
        e = rate(nothing_adverse(months_worked=5, months_leave=0, maternity=True))
        assert e.rated and e.rating is E
        assert clauses(e, "assumption") == ["nd-90-2020/eligibility/maternity"]

    def test_unknown_maternity_under_six_months_refers(self) -> None:
        e = rate(nothing_adverse(months_worked=5, maternity=None))
        assert e.rated and e.referred
        assert clauses(e, "not-checked") == ["nd-90-2020/eligibility/maternity"]

    def test_six_months_is_enough(self) -> None:
        e = rate(nothing_adverse(months_worked=6, months_leave=2))
        assert (e.rated, e.rating) == (True, E)

    def test_months_not_given_are_reported_not_guessed(self) -> None:
        e = rate(nothing_adverse(months_worked=None, months_leave=None))
        assert e.rated and e.rating is E
        assert clauses(e, "not-checked") == [
            "nd-90-2020/eligibility/months-worked",
            "nd-90-2020/eligibility/months-leave",
        ]

    def test_quarters_are_not_checked(self) -> None:
        e = rate(nothing_adverse(months_worked=1), period="2024-Q1")
        assert e.rated and clauses(e, "not-rated") == []


class TestLeave:
    """NĐ 90 Điều 2 k3 as amended by NĐ 48: 3 to under 6 months of leave → at most Achieved."""

    def test_four_months_of_leave_caps_at_achieved(self) -> None:
        e = rate(nothing_adverse(months_worked=8, months_leave=4))
        assert (e.band, e.rating) == (E, A)
        [cap] = [f for f in e.findings if f.clause == "nd-90-2020/eligibility/leave"]
        assert (cap.before, cap.after) == (E, A)

    def test_under_three_months_of_leave_does_not_cap(self) -> None:
        assert rate(nothing_adverse(months_worked=10, months_leave=2)).rating is E


class TestNotRatedIsSkipped:
    """A not-rated evaluation is neither counted by a quota nor read by consequence rules."""

    def test_the_quota_leaves_it_out(self) -> None:
        rated = [rate(nothing_adverse(), cadre=f"c{k}") for k in range(2)]
        absent = rate(nothing_adverse(months_worked=4, months_leave=None), cadre="x")
        assert absent.rating is E  # what the points say, but not a rating
        result = apply_quota([*rated, absent], EXCELLENT_20_PERCENT_OF_GOOD)
        assert result.evaluations[2] == absent
        assert [m.assignee for m in result.moves] == ["c0", "c1"]

    def test_a_not_rated_year_is_not_a_year_not_achieved(self) -> None:
        first = rate(nothing_adverse(), period="2023", done=1)
        second = rate(nothing_adverse(months_worked=3, months_leave=None), period="2024", done=1)
        assert (first.rating, second.rating, second.rated) == (N, N, False)
        history = History("c", evaluations=[first, second])
        assert history.not_achieved_years() == (2023,)
        assert LAW_2019(history) is None


class TestCountedOnce:
    """NĐ 48/2023 and HD 21-HD/BTCTW: one violation counts once."""

    def test_a_violation_counted_in_another_period_is_set_aside(self) -> None:
        d = Discipline("v1", counted_in="2023")
        e = rate(nothing_adverse(disciplines=[d]))
        assert e.rating is E
        assert clauses(e, "counted-once") == ["nd-90-2020/counted-once/v1"]
        assert "already counted in 2023: not counted again" in e.explain("en")

    def test_the_same_violation_cannot_make_two_years_not_achieved(self) -> None:
        """Party discipline in 2023, administrative discipline in 2024, one violation."""
        y1 = rate(nothing_adverse(disciplines=[Discipline("v1", level="warning")]), period="2023")
        y2 = rate(nothing_adverse(disciplines=[Discipline("v1")]), period="2024")
        assert (y1.rating, y2.rating) == (N, N)
        history = History("c", evaluations=[y2, y1])
        assert history.not_achieved_years() == (2023,)
        second = history.year(2024)
        assert second is not None and second.rating is E
        assert second.findings[-1].clause == "nd-90-2020/counted-once"
        assert "v1 (2023) already made an earlier period Not achieved" in second.explain("en")
        assert LAW_2019(history) is None

    def test_two_violations_count_twice(self) -> None:
        y1 = rate(nothing_adverse(disciplines=[Discipline("v1")]), period="2023")
        y2 = rate(nothing_adverse(disciplines=[Discipline("v2")]), period="2024")
        history = History("c", evaluations=[y1, y2])
        assert history.not_achieved_years() == (2023, 2024)
        recommendation = LAW_2019(history)
        assert recommendation is not None


class TestRollUpAndHistories:
    """The same rules hold for a year rolled up from quarters, and histories re-built."""

    def test_a_rolled_up_year_with_four_months_worked_is_not_rated(self) -> None:
        facts = nothing_adverse(months_worked=4, months_leave=None)
        quarters = [rate(facts, period=f"2024-Q{q}") for q in (1, 2)]
        year = roll_up(quarters, scheme=ND_90_2020, year=2024)
        assert not year.rated
        assert "nd-90-2020/eligibility/not-rated" in clauses(year, "not-rated")

    def test_counting_once_is_idempotent(self) -> None:
        y1 = rate(nothing_adverse(disciplines=[Discipline("v1")]), period="2023")
        y2 = rate(nothing_adverse(disciplines=[Discipline("v1")]), period="2024")
        once = counted_once([y1, y2])
        assert counted_once(once) == once
        assert [e.rating for e in once] == [N, E]
