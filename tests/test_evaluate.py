"""evaluate(): parts, missing data, conditions, vetoes, rounding, explanations."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest

from khoan import (
    Assignee,
    Assignment,
    Circumstances,
    Council,
    Criterion,
    Dossier,
    Excuse,
    Indicator,
    Member,
    Outcome,
    Rating,
    Report,
    Scoresheet,
    Task,
    evaluate,
    evaluate_dossier,
    io,
)
from khoan.exceptions import InvalidDocument, InvalidValue, MissingResult, flatten
from khoan.schemes import (
    HANOI_3814_2018,
    ND_90_2020,
    ND_335_2025,
    QD_124_2023,
    QD_366_2025,
    MissingData,
    Scheme,
    bands,
    nd_335_2025,
)
from khoan.testing import nothing_adverse, timeless


def tasks(n: int, weight: int = 7) -> list[Indicator | Task]:
    return [
        Task(f"t{i:02d}", title=f"Nhiệm vụ {i}", weight=weight, deadline="30/11/2022")
        for i in range(n)
    ]


def assignment(items: Sequence[Indicator | Task] | None = None) -> Assignment:
    return Assignment(
        "a",
        issuer="yl",
        assignee=Assignee.cadre("c"),
        period="2022",
        items=items or tasks(10),
        issued_on="2022-01-10",
    )


def council() -> Council:
    return Council(
        "hd",
        name="Hội đồng",
        members=[Member(f"m{i}", name=f"Ủy viên {i}") for i in range(3)],
        criteria=[
            Criterion("g1", title="Chính trị", maximum=15),
            Criterion("g2", title="Đạo đức", maximum=15),
        ],
    )


def sheets(general: int = 27, **items: Any) -> list[Scoresheet]:
    return [
        Scoresheet(
            f"m{i}", items=items, criteria={"g1": general // 2, "g2": general - general // 2}
        )
        for i in range(3)
    ]


def done(n: int, **kw: Any) -> Report:
    return Report("2022-12-10", outcomes=[Outcome(f"t{i:02d}", done=True, **kw) for i in range(n)])


class TestParts:
    def test_30_general_plus_70_results(self) -> None:
        e = evaluate(
            assignment(),
            done(10),
            scheme=timeless(QD_366_2025),
            scoresheets=sheets(27),
            council=council(),
        )
        assert [(p.id, p.points) for p in e.parts] == [
            ("general", Fraction(27)),
            ("results", Fraction(70)),
        ]
        assert (e.total, e.score, e.band) == (Fraction(97), Decimal("97.00"), Rating.EXCELLENT)

    def test_results_are_scaled_to_the_part(self) -> None:
        """Weights adding up to 10 are scaled onto the 70-point part."""
        e = evaluate(
            assignment(tasks(10, weight=1)),
            done(5),
            scheme=timeless(attrs.evolve(QD_366_2025, missing=MissingData.ZERO)),
            scoresheets=sheets(30),
            council=council(),
        )
        assert e.parts[1].points == 35

    def test_exact_total_rounded_once(self) -> None:
        report = attrs.evolve(done(2), outcomes=(*done(2).outcomes, Outcome("t02", done=False)))
        e = evaluate(assignment(tasks(3)), report, scheme=timeless(QD_124_2023))
        assert e.total == Fraction(200, 3)
        assert e.score == Decimal("66.67")


class TestMissingData:
    def test_refuse_names_every_missing_item(self) -> None:
        with pytest.raises(InvalidDocument) as excinfo:
            evaluate(assignment(), done(8), scheme=timeless(QD_124_2023))
        paths = [e.path for e in flatten([excinfo.value])]
        assert paths == ["items.t08", "items.t09"]
        assert all(isinstance(e, MissingResult) for e in flatten([excinfo.value]))

    def test_renormalise_leaves_missing_items_out(self) -> None:
        scheme = attrs.evolve(QD_124_2023, missing=MissingData.RENORMALISE)
        e = evaluate(assignment(), done(8), scheme=timeless(scheme))
        assert e.total == 100
        assert "left out" in e.parts[0].reasons[-1].en

    def test_zero_counts_missing_items_as_nothing(self) -> None:
        scheme = attrs.evolve(QD_124_2023, missing=MissingData.ZERO)
        assert evaluate(assignment(), done(8), scheme=timeless(scheme)).total == 80

    def test_missing_general_criteria_refused(self) -> None:
        with pytest.raises(MissingResult) as excinfo:
            evaluate(assignment(), done(10), scheme=timeless(QD_366_2025))
        assert excinfo.value.path == "parts.general"

    def test_missing_part_renormalised_is_reported(self) -> None:
        scheme = attrs.evolve(QD_366_2025, missing=MissingData.RENORMALISE)
        e = evaluate(assignment(), done(10), scheme=timeless(scheme))
        assert e.total == 100
        assert e.findings[0].kind == "missing"
        assert "scaled from the other parts" in e.findings[0].reason.en


class TestConditions:
    def test_excellent_needs_thirty_percent_exceeded(self) -> None:
        """QĐ 366: tasks cannot exceed, so a perfect task list is Good, not Excellent."""
        e = evaluate(
            assignment(),
            done(10),
            scheme=timeless(QD_366_2025),
            scoresheets=sheets(27),
            council=council(),
        )
        assert e.band is Rating.EXCELLENT
        assert e.rating is Rating.GOOD
        assert "exceeded" in e.findings[0].reason.en

    def test_exceeding_indicators_keep_excellent(self) -> None:
        items = [
            Indicator(f"i{i}", title="Chỉ tiêu", target=10, weight=7, deadline="30/11/2022")
            for i in range(10)
        ]
        report = Report(
            "2022-12-10", outcomes=[Outcome(f"i{i}", actual=12 if i < 3 else 10) for i in range(10)]
        )
        e = evaluate(
            assignment(items),
            report,
            scheme=timeless(QD_366_2025),
            scoresheets=sheets(27),
            council=council(),
            circumstances=nothing_adverse(),
        )
        assert e.rating is Rating.EXCELLENT and e.findings == ()

    def test_a_late_item_drops_good_to_achieved(self) -> None:
        report = done(9)
        late = Outcome("t09", done=True, completed_on="2022-12-05")
        report = attrs.evolve(report, outcomes=(*report.outcomes, late))
        e = evaluate(
            assignment(),
            report,
            scheme=timeless(QD_366_2025),
            scoresheets=sheets(10),
            council=council(),
        )
        assert e.band is Rating.GOOD
        assert e.rating is Rating.ACHIEVED

    def test_confirmed_excuse_exempts_an_item(self) -> None:
        excuse = Excuse("force_majeure", reason="Bão số 3", confirmed_by="BTV Huyện ủy")
        report = done(9)
        missed = Outcome("t09", done=False, excuses=[excuse])
        report = attrs.evolve(report, outcomes=(*report.outcomes, missed))
        e = evaluate(
            assignment(),
            report,
            scheme=timeless(QD_366_2025),
            scoresheets=sheets(27),
            council=council(),
        )
        # 27 + 63 = 90: Excellent by band; tasks never exceed, so Good; the excused
        # item is not held against "100% on time".
        assert (e.total, e.band, e.rating) == (Fraction(90), Rating.EXCELLENT, Rating.GOOD)

    def test_nd_90_good_needs_eighty_percent_on_time(self) -> None:
        report = Report(
            "2022-12-10",
            outcomes=[Outcome(f"t{i:02d}", done=True, delays=int(i < 3)) for i in range(10)],
        )
        e = evaluate(assignment(), report, scheme=timeless(ND_90_2020))
        assert e.band is Rating.EXCELLENT
        assert e.rating is Rating.ACHIEVED


class TestVetoes:
    def test_disciplined_is_not_achieved(self) -> None:
        e = evaluate(
            assignment(),
            done(10),
            scheme=timeless(QD_366_2025),
            scoresheets=sheets(27),
            council=council(),
            circumstances=Circumstances(disciplined=True),
        )
        assert e.rating is Rating.NOT_ACHIEVED
        assert e.findings[-1].kind == "veto"

    def test_qd_124_under_half_with_a_key_item_missed(self) -> None:
        items = tasks(10)
        items[0] = attrs.evolve(items[0], key=True)
        e = evaluate(
            assignment(items),
            Report("2022-12-10", outcomes=[Outcome(f"t{i:02d}", done=i > 5) for i in range(10)]),
            scheme=timeless(QD_124_2023),
        )
        assert e.rating is Rating.NOT_ACHIEVED
        [veto] = [f for f in e.findings if f.kind == "veto"]
        assert "4 of 10" in veto.reason.en

    def test_qd_124_force_majeure_exception(self) -> None:
        items = tasks(10)
        items[0] = attrs.evolve(items[0], key=True)
        fm = Excuse("force_majeure", reason="Dịch COVID-19", confirmed_by="BTV Tỉnh ủy")
        outcomes = [Outcome(f"t{i:02d}", done=i > 5) for i in range(10)]
        outcomes[0] = Outcome("t00", done=False, excuses=[fm])
        e = evaluate(
            assignment(items), Report("2022-12-10", outcomes=outcomes), scheme=timeless(QD_124_2023)
        )
        assert not any(f.kind == "veto" for f in e.findings)


class TestPresets:
    def test_nd_335_deductions(self) -> None:
        report = Report(
            "2022-12-10",
            outcomes=[
                Outcome(f"t{i:02d}", done=True, failed_reviews=int(i == 0)) for i in range(10)
            ],
        )
        e = evaluate(
            assignment(),
            report,
            scheme=timeless(ND_335_2025),
            scoresheets=sheets(30),
            council=council(),
        )
        # one product of ten loses a quarter of its quality third: 70 × (1 - 1/120)
        assert e.parts[1].points == Fraction(70) * (1 - Fraction(1, 120))

    def test_nd_335_requires_its_unconfirmed_weights(self) -> None:
        with pytest.raises(TypeError):
            nd_335_2025()  # type: ignore[call-arg]

    def test_nd_335_leader_unit_component(self) -> None:
        scheme = nd_335_2025(quantity=1, quality=1, timeliness=1, leader_unit_share="0.2")
        kwargs: dict[str, Any] = {"scoresheets": sheets(30), "council": council()}
        all_fine = Circumstances(subordinates=5, subordinates_not_achieved=0)
        one_short = Circumstances(subordinates=5, subordinates_not_achieved=1)
        ok = evaluate(
            assignment(), done(10), scheme=timeless(scheme), circumstances=all_fine, **kwargs
        )
        one_bad = evaluate(
            assignment(), done(10), scheme=timeless(scheme), circumstances=one_short, **kwargs
        )
        assert ok.total == 100
        assert one_bad.total == 100 - 7

    def test_hanoi_bonus_from_its_criterion(self) -> None:
        with_bonus = attrs.evolve(
            council(),
            criteria=(*council().criteria, Criterion("bonus", title="Điểm thưởng", maximum=10)),
        )
        points = [Scoresheet(f"m{i}", criteria={"g1": 10, "g2": 10, "bonus": 5}) for i in range(3)]
        e = evaluate(
            assignment(),
            done(10),
            scheme=timeless(HANOI_3814_2018),
            scoresheets=points,
            council=with_bonus,
        )
        assert [(p.id, p.points) for p in e.parts] == [
            ("general", Fraction(40, 3)),
            ("results", 70),
            ("bonus", 5),
        ]

    def test_hanoi_without_bonus_criterion_is_zero_bonus(self) -> None:
        e = evaluate(
            assignment(),
            done(10),
            scheme=timeless(HANOI_3814_2018),
            scoresheets=sheets(30),
            council=council(),
        )
        assert e.parts[2].points == 0

    def test_scheme_refuses_gaps_in_bands(self) -> None:
        with pytest.raises(InvalidValue):
            attrs.evolve(QD_366_2025, bands=bands((Rating.EXCELLENT, 90), (Rating.GOOD, 70)))

    def test_scheme_refuses_unordered_bands(self) -> None:
        with pytest.raises(InvalidValue):
            Scheme(
                "x", title="x", version="1", legal_basis=("x",), parts=QD_366_2025.parts,
                bands=bands((Rating.GOOD, 90), (Rating.EXCELLENT, 70), (Rating.NOT_ACHIEVED, 0)),
            )  # fmt: skip


class TestExplain:
    def example(self) -> Any:
        dossier = io.load_example("nguyet-duc-2022")
        assert isinstance(dossier, Dossier)
        return evaluate_dossier(dossier, scheme=timeless(QD_366_2025))

    def test_vietnamese_minutes(self) -> None:
        text = self.example().explain("vi")
        assert "Chuyển hội đồng quyết định, chưa xếp loại" in text
        assert "Tiêu chí chung: 26,50/30" in text
        assert "Giả định" in text and "Căn cứ: Quy định 366-QĐ/TW" in text

    def test_english(self) -> None:
        text = self.example().explain("en")
        assert "Referred to the council, not rated: Excellent / Good / Achieved" in text
        assert "not every item completed on time with quality: 09, 13" in text

    def test_unknown_language(self) -> None:
        with pytest.raises(InvalidValue):
            self.example().explain("fr")

    def test_agreement_is_reported(self) -> None:
        alpha = self.example().agreement
        assert alpha is not None and 0 < alpha < 1


def test_scheme_type_is_exported() -> None:
    assert isinstance(QD_366_2025, Scheme)
