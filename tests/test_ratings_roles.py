"""Conditions by who is rated (issue 9, item 2): QĐ 366 Điều 11 and NĐ 90 Điều 4.

Each test names the clause it checks. The dossiers are small: ten indicators, six of
them exceeded (so QĐ 366's 30% and NĐ 90's 50% hold), every item on time unless
the test says otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from khoan import (
    Assignee,
    Assignment,
    Cadre,
    Circumstances,
    Council,
    Criterion,
    Dossier,
    Evaluation,
    Indicator,
    Member,
    Outcome,
    Rating,
    Report,
    Role,
    Scoresheet,
    evaluate,
    evaluate_dossier,
)
from khoan.schemes import ND_90_2020, QD_366_2025, Scheme
from khoan.testing import nothing_adverse, timeless

E, G, A, N = Rating.EXCELLENT, Rating.GOOD, Rating.ACHIEVED, Rating.NOT_ACHIEVED


def indicators(n: int = 10) -> list[Indicator]:
    return [
        Indicator(f"i{k:02d}", title="Chỉ tiêu", target=10, weight=10, deadline="30/11/2024")
        for k in range(n)
    ]


def report(late: Sequence[int] = ()) -> Report:
    outcomes = [
        Outcome(
            f"i{k:02d}",
            actual=12 if k < 6 else 10,
            completed_on="2024-12-20" if k in late else "2024-11-20",
        )
        for k in range(10)
    ]
    return Report("2024-12-25", outcomes=outcomes)


def assignment(assignee: Assignee | None = None) -> Assignment:
    return Assignment(
        "a",
        issuer="tinh-uy",
        assignee=assignee or Assignee.cadre("c"),
        period="2024",
        items=indicators(),
        issued_on="2024-01-10",
    )


def council() -> Council:
    return Council(
        "hd",
        name="Hội đồng",
        members=[Member(f"m{i}", name=f"Ủy viên {i}") for i in range(3)],
        criteria=[Criterion("g1", title="Chính trị", maximum=30)],
    )


def rate(
    scheme: Scheme,
    facts: Circumstances,
    *,
    late: Sequence[int] = (),
    assignee: Assignee | None = None,
    points: dict[str, Any] | None = None,
) -> Evaluation:
    sheets = [Scoresheet(f"m{i}", items=points or {}, criteria={"g1": 28}) for i in range(3)]
    return evaluate(
        assignment(assignee),
        report(late),
        scheme=timeless(scheme),
        scoresheets=sheets,
        council=council(),
        circumstances=facts,
    )


def clauses(e: Evaluation, kind: str) -> list[str]:
    return [f.clause for f in e.findings if f.kind == kind]


class TestQd366Collective:
    """QĐ 366-QĐ/TW Điều 11 k1: a collective's Excellent also needs no subordinate unit
    or member of the leadership disciplined, and 100% of shortcomings remedied."""

    def test_a_disciplined_subordinate_unit_keeps_a_collective_from_excellent(self) -> None:
        facts = nothing_adverse(Role.COLLECTIVE, subordinates_disciplined=1)
        e = rate(QD_366_2025, facts, assignee=Assignee.unit("u"))
        assert (e.band, e.rating) == (E, G)
        assert clauses(e, "condition") == ["qd-366-2025/excellent/none-disciplined-below"]
        assert "1 subordinate unit(s) disciplined" in e.explain("en")

    def test_a_disciplined_leadership_member_keeps_a_collective_from_excellent(self) -> None:
        facts = nothing_adverse(Role.COLLECTIVE, leadership_disciplined=True)
        e = rate(QD_366_2025, facts, assignee=Assignee.unit("u"))
        assert e.rating is G
        assert "member of the leadership disciplined" in e.findings[0].reason.en

    def test_the_collective_condition_does_not_bind_an_individual(self) -> None:
        facts = nothing_adverse(Role.INDIVIDUAL, subordinates_disciplined=1)
        e = rate(QD_366_2025, facts)
        assert e.rating is E
        assert clauses(e, "condition") == []

    def test_shortcomings_not_all_remedied_keep_anyone_from_excellent(self) -> None:
        for role in Role:
            e = rate(QD_366_2025, nothing_adverse(role, shortcomings_remedied="0.8"))
            assert (role, e.rating) == (role, G)
            assert clauses(e, "condition") == ["qd-366-2025/excellent/shortcomings-remedied"]

    def test_an_unknown_fact_is_not_checked_and_refers_the_rating(self) -> None:
        """Neither passed nor failed: the council decides between Excellent and Good."""
        e = rate(QD_366_2025, nothing_adverse(Role.LEADER, shortcomings_remedied=None))
        assert e.referred
        assert e.candidates == (E, G)
        assert clauses(e, "not-checked") == ["qd-366-2025/excellent/shortcomings-remedied"]
        assert "qd-366-2025/not-checked/refer" in clauses(e, "referred")
        text = e.explain("en")
        assert "not checked (fact not given): the share of earlier shortcomings" in text
        assert "Referred to the council, not rated: Excellent / Good" in text
        assert "chưa kiểm tra (chưa có thông tin)" in e.explain("vi")

    def test_an_unknown_fact_below_the_band_does_not_matter(self) -> None:
        """A Good total never reaches the Excellent conditions: nothing is referred."""
        e = rate(
            QD_366_2025,
            Circumstances(),
            points={f"i{k:02d}": 7 for k in range(10)},
        )
        assert e.band is G and e.rating is G
        assert not e.referred and clauses(e, "not-checked") == []


class TestNd90Leader:
    """NĐ 90/2020/NĐ-CP Điều 4: a cán bộ (the head) is Excellent only with their own
    tasks on time with quality and 100% of subordinate units at least Achieved, ≥ 70%
    Good or better; Good needs 100% of subordinate units at least Achieved."""

    def test_a_head_with_a_late_item_is_not_excellent(self) -> None:
        e = rate(ND_90_2020, nothing_adverse(Role.LEADER), late=[0])
        assert (e.band, e.rating) == (E, G)
        assert clauses(e, "condition") == ["nd-90-2020/excellent/on-time-quality"]

    def test_an_individual_with_the_same_late_item_stays_excellent(self) -> None:
        e = rate(ND_90_2020, nothing_adverse(Role.INDIVIDUAL), late=[0])
        assert e.rating is E

    def test_under_70_percent_of_units_good_keeps_a_head_from_excellent(self) -> None:
        facts = nothing_adverse(Role.LEADER, subordinates=10, subordinates_good=6)
        e = rate(ND_90_2020, facts)
        assert e.rating is G
        assert clauses(e, "condition") == ["nd-90-2020/excellent/subordinates-good"]
        assert (
            "6 of 10 subordinate units rated Good or better (60.0%); needs at least 70.0%"
            in e.explain("en")
        )

    def test_a_subordinate_unit_not_achieved_keeps_a_head_from_good(self) -> None:
        facts = nothing_adverse(
            Role.LEADER, subordinates=10, subordinates_good=7, subordinates_not_achieved=1
        )
        e = rate(ND_90_2020, facts, points={f"i{k:02d}": 8 for k in range(10)})
        assert (e.band, e.rating) == (G, A)
        assert clauses(e, "condition") == ["nd-90-2020/good/subordinates-achieved"]

    def test_the_same_facts_do_not_bind_an_individual(self) -> None:
        facts = nothing_adverse(
            Role.INDIVIDUAL, subordinates=10, subordinates_good=0, subordinates_not_achieved=3
        )
        assert rate(ND_90_2020, facts).rating is E


class TestWhoIsRated:
    """The role comes from the facts: a unit assignee is a collective, the head a leader,
    anyone else an individual; ``Circumstances.role`` overrides."""

    def dossier(self, *, is_head: bool, facts: Circumstances | None = None) -> Dossier:
        cadre = Cadre("c", name="Nguyễn Văn A", post="Chuyên viên", unit="u", is_head=is_head)
        return Dossier(
            assignment(),
            cadres=[cadre],
            report=report(),
            circumstances=facts or nothing_adverse(),
        )

    def test_a_unit_assignee_is_a_collective(self) -> None:
        e = rate(QD_366_2025, nothing_adverse(), assignee=Assignee.unit("u"))
        assert e.circumstances.role is Role.COLLECTIVE
        assert "Rated as: collective" in e.explain("en")

    def test_a_cadre_assignee_without_a_cadre_record_is_a_leader(self) -> None:
        assert rate(ND_90_2020, nothing_adverse()).circumstances.role is Role.LEADER

    def test_the_cadre_record_decides(self) -> None:
        head = evaluate_dossier(self.dossier(is_head=True), scheme=timeless(ND_90_2020))
        staff = evaluate_dossier(self.dossier(is_head=False), scheme=timeless(ND_90_2020))
        assert (head.circumstances.role, staff.circumstances.role) == (
            Role.LEADER,
            Role.INDIVIDUAL,
        )

    def test_an_explicit_role_wins(self) -> None:
        facts = nothing_adverse(Role.LEADER)
        e = evaluate_dossier(self.dossier(is_head=False, facts=facts), scheme=timeless(ND_90_2020))
        assert e.circumstances.role is Role.LEADER

    def test_the_role_reaches_the_json(self) -> None:
        from khoan.io import dump_evaluation

        e = rate(ND_90_2020, attrs.evolve(nothing_adverse(), role=Role.INDIVIDUAL))
        assert (dump_evaluation(e)["role"], dump_evaluation(e)["rated"]) == ("individual", True)
