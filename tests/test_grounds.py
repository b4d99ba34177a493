"""Grounds for Not achieved as the sources list them (issue 9, item 3).

QĐ 124-QĐ/TW Điều 12 and NĐ 335/2025/NĐ-CP Điều 20: each ground is its own veto with
its own clause id; a ground whose fact is not given applies nothing and is reported as
not checked; one raised on incomplete facts refers the rating to the council.
"""

from __future__ import annotations

from khoan import (
    Assignee,
    Assignment,
    Circumstances,
    Council,
    Criterion,
    Discipline,
    DisciplineLevel,
    Evaluation,
    Member,
    Outcome,
    Rating,
    Report,
    Role,
    Scoresheet,
    Task,
    evaluate,
)
from khoan.schemes import ND_335_2025, QD_124_2023, Scheme
from khoan.testing import nothing_adverse, timeless

E, G, A, N = Rating.EXCELLENT, Rating.GOOD, Rating.ACHIEVED, Rating.NOT_ACHIEVED


def rate(scheme: Scheme, facts: Circumstances, *, unit: bool = False) -> Evaluation:
    items = [Task(f"t{k}", title="Nhiệm vụ", weight=10, deadline="30/11/2026") for k in range(5)]
    a = Assignment(
        "a",
        issuer="tinh-uy",
        assignee=Assignee.unit("u") if unit else Assignee.cadre("c"),
        period="2026",
        items=items,
        issued_on="2026-01-10",
    )
    report = Report("2026-12-10", outcomes=[Outcome(f"t{k}", done=True) for k in range(5)])
    council = Council(
        "hd",
        name="Hội đồng",
        members=[Member("m1", name="Ủy viên")],
        criteria=[Criterion("g", title="Chung", maximum=30)],
    )
    sheets = [Scoresheet("m1", criteria={"g": 28})]
    return evaluate(
        a, report, scheme=timeless(scheme), scoresheets=sheets, council=council, circumstances=facts
    )


def vetoes(e: Evaluation) -> list[str]:
    return [f.clause for f in e.findings if f.kind == "veto"]


def unchecked(e: Evaluation) -> list[str]:
    return [f.clause for f in e.findings if f.kind == "not-checked"]


class TestQd124:
    """QĐ 124-QĐ/TW Điều 12: criterion Kém; leadership disciplined; > 20% of subordinate
    units disciplined; a subordinate unit's corruption unless self-detected and remedied;
    degradation."""

    def test_full_facts_nothing_adverse_keeps_the_band(self) -> None:
        e = rate(QD_124_2023, nothing_adverse(Role.COLLECTIVE), unit=True)
        assert (e.rating, vetoes(e), unchecked(e)) == (E, [], [])

    def test_a_criterion_rated_kem(self) -> None:
        e = rate(QD_124_2023, nothing_adverse(criterion_poor=True))
        assert e.rating is N
        assert vetoes(e) == ["qd-124-2023/veto/criterion-poor"]

    def test_leadership_disciplined_for_a_collective(self) -> None:
        facts = nothing_adverse(Role.COLLECTIVE, leadership_disciplined=True)
        e = rate(QD_124_2023, facts, unit=True)
        assert (e.rating, vetoes(e)) == (N, ["qd-124-2023/veto/leadership-disciplined"])

    def test_more_than_20_percent_of_subordinate_units_disciplined(self) -> None:
        over = rate(
            QD_124_2023, nothing_adverse(subordinates=10, subordinates_disciplined=3), unit=True
        )
        at = rate(
            QD_124_2023, nothing_adverse(subordinates=10, subordinates_disciplined=2), unit=True
        )
        assert (over.rating, vetoes(over)) == (N, ["qd-124-2023/veto/subordinates-disciplined"])
        assert (at.rating, vetoes(at)) == (E, [])

    def test_disciplined_units_without_the_total_refer_the_rating(self) -> None:
        facts = nothing_adverse(
            subordinates=None, subordinates_good=None, subordinates_disciplined=2
        )
        e = rate(QD_124_2023, facts, unit=True)
        assert e.referred and e.candidates == (E, N)
        assert "qd-124-2023/veto/subordinates-disciplined/refer" in [f.clause for f in e.findings]
        assert "referred to the council rather than rated NOT_ACHIEVED" in e.explain("en")

    def test_a_subordinate_units_corruption(self) -> None:
        facts = nothing_adverse(unit_corruption=True, corruption_self_detected=False)
        e = rate(QD_124_2023, facts, unit=True)
        assert (e.rating, vetoes(e)) == (N, ["qd-124-2023/veto/unit-corruption"])

    def test_corruption_self_detected_and_remedied_is_excepted(self) -> None:
        facts = nothing_adverse(unit_corruption=True, corruption_self_detected=True)
        e = rate(QD_124_2023, facts, unit=True)
        assert e.rating is E
        [note] = [f for f in e.findings if f.clause == "qd-124-2023/veto/unit-corruption"]
        assert (note.before, note.after) == (E, E)
        assert "detected and remedied it itself: not a ground" in note.reason.en

    def test_corruption_without_saying_who_detected_it_refers(self) -> None:
        e = rate(QD_124_2023, nothing_adverse(unit_corruption=True), unit=True)
        assert e.referred and e.candidates == (E, N)

    def test_degradation_for_an_individual(self) -> None:
        e = rate(QD_124_2023, nothing_adverse(Role.LEADER, degraded=True))
        assert (e.rating, vetoes(e)) == (N, ["qd-124-2023/veto/degradation"])

    def test_grounds_not_given_are_reported_not_applied(self) -> None:
        e = rate(QD_124_2023, Circumstances(), unit=True)
        assert e.rating is E and not e.referred
        assert unchecked(e) == [
            "qd-124-2023/veto/criterion-poor",
            "qd-124-2023/veto/leadership-disciplined",
            "qd-124-2023/veto/subordinates-disciplined",
            "qd-124-2023/veto/unit-corruption",
        ]
        assert "not checked (fact not given): whether a criterion was rated Kém" in e.explain("en")


class TestNd335:
    """NĐ 335/2025/NĐ-CP Điều 20: discipline only for violations in official duties at
    reprimand or above; degradation; for leaders, a directly managed unit dealt with for
    embezzlement, corruption or waste."""

    def test_discipline_in_official_duties_at_reprimand(self) -> None:
        d = Discipline("v1", level="reprimand", official_duties=True)
        e = rate(ND_335_2025, nothing_adverse(disciplines=[d]))
        assert (e.rating, vetoes(e)) == (N, ["nd-335-2025/veto/disciplined"])
        assert "violation v1" in e.findings[-1].reason.en

    def test_discipline_outside_official_duties_does_not_count(self) -> None:
        d = Discipline("v1", level="warning", official_duties=False)
        assert rate(ND_335_2025, nothing_adverse(disciplines=[d])).rating is E

    def test_criticism_is_below_reprimand(self) -> None:
        d = Discipline("v1", level=DisciplineLevel.CRITICISM, official_duties=True)
        assert rate(ND_335_2025, nothing_adverse(disciplines=[d])).rating is E

    def test_unknown_official_duties_refers_the_rating(self) -> None:
        d = Discipline("v1", level="reprimand")
        e = rate(ND_335_2025, nothing_adverse(disciplines=[d]))
        assert e.referred and e.candidates == (E, N)
        assert "whether the violation concerns official duties is not given" in e.explain("en")

    def test_degradation(self) -> None:
        e = rate(ND_335_2025, nothing_adverse(degraded=True))
        assert (e.rating, vetoes(e)) == (N, ["nd-335-2025/veto/degradation"])

    def test_a_leaders_unit_with_corruption_has_no_self_detected_exception(self) -> None:
        facts = nothing_adverse(Role.LEADER, unit_corruption=True, corruption_self_detected=True)
        e = rate(ND_335_2025, facts)
        assert (e.rating, vetoes(e)) == (N, ["nd-335-2025/veto/unit-corruption"])
        assert "NĐ 335/2025/NĐ-CP Điều 20 d" in e.findings[-1].reason.en

    def test_the_unit_ground_does_not_bind_an_individual(self) -> None:
        facts = nothing_adverse(Role.INDIVIDUAL, unit_corruption=True)
        assert rate(ND_335_2025, facts).rating is E
