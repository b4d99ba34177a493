"""roll_up(): period evaluations into the year's, by NĐ 335 Điều 21 or HD 43's Q4 fold."""

from __future__ import annotations

import pickle
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy

from khoan import (
    Assignee,
    Assignment,
    Circumstances,
    Evaluation,
    Outcome,
    Period,
    Rating,
    Report,
    Role,
    Task,
    evaluate,
)
from khoan._cohort.rollup import RollUp, roll_up
from khoan.exceptions import (
    DuplicateId,
    FieldError,
    InexactNumber,
    InvalidDocument,
    InvalidValue,
    OutOfPeriod,
    OutOfRange,
    UnknownReference,
    flatten,
)
from khoan.schemes import ND_335_2025, QD_124_2023, QD_366_2025, Scheme
from khoan.testing import timeless

F = Fraction
YEAR = 2026
AVERAGE, FOLD = RollUp.AVERAGE, RollUp.FOLD_Q4
QUARTERS = ("2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4")
Worked = Mapping[str, Fraction | Decimal | str | int]


def period_eval(
    period: str,
    total: object,
    *,
    assignee: str = "c1",
    assignment: str | None = None,
    scheme: Scheme = ND_335_2025,
    circumstances: Circumstances | None = None,
    peer_group: str = "pg",
) -> Evaluation:
    """A period's evaluation with the given exact total, banded by ``scheme``."""
    p = Period.parse(period)
    exact = F(str(total)) if not isinstance(total, Fraction) else total
    band = scheme.band_for(exact)
    return Evaluation(
        assignment=assignment or f"{assignee}-{p}",
        assignee=assignee,
        period=p,
        scheme=scheme.name,
        scheme_version=scheme.version,
        items=(),
        parts=(),
        total=exact,
        score=scheme.rounding(exact),
        scale=scheme.scale,
        band=band,
        rating=band,
        peer_group=peer_group,
        circumstances=circumstances or Circumstances(),
    )


def quarters(
    *totals: object, scheme: Scheme = ND_335_2025, circumstances: Circumstances | None = None
) -> list[Evaluation]:
    """Q1, Q2, ... of 2026 with these totals."""
    return [
        period_eval(q, t, scheme=scheme, circumstances=circumstances)
        for q, t in zip(QUARTERS, totals, strict=False)
    ]


def fold(q1: object, q2: object, q3: object, year_end: object) -> list[Evaluation]:
    return [*quarters(q1, q2, q3), period_eval("2026", year_end)]


def texts(e: Evaluation, kind: str | None = None) -> list[str]:
    return [f.reason.en for f in e.findings if kind is None or f.kind == kind]


def raised(excinfo: pytest.ExceptionInfo[BaseException]) -> list[tuple[type, str]]:
    return [(type(err), err.path) for err in flatten([excinfo.value])]


# -------------------------------------------------------------------- strategies

totals = st.fractions(min_value=0, max_value=100, max_denominator=1000)
shares = st.fractions(min_value=0, max_value=1, max_denominator=12)
schemes = st.sampled_from(
    [ND_335_2025, QD_366_2025, attrs.evolve(ND_335_2025, band_on_rounded=True)]
)


@st.composite
def layouts(draw: DrawFn) -> tuple[RollUp, list[str]]:
    """A method and the periods of one cadre's year it takes: months, quarters, or Q1-Q3 + year."""
    method = draw(st.sampled_from(RollUp))
    if method is FOLD:
        chosen = draw(st.lists(st.sampled_from(QUARTERS[:3]), unique=True, max_size=3))
        return method, [*chosen, "2026"]
    if draw(st.booleans()):
        return method, draw(st.lists(st.sampled_from(QUARTERS), unique=True, min_size=1))
    months = [f"2026-{m:02d}" for m in range(1, 13)]
    return method, draw(st.lists(st.sampled_from(months), unique=True, min_size=1))


def worked_for(periods: Sequence[str]) -> SearchStrategy[dict[str, Fraction]]:
    """Shares for some of ``periods``, leaving at least one period worked."""
    return st.dictionaries(st.sampled_from(list(periods)), shares).filter(
        lambda w: any(w.get(p, 1) > 0 for p in periods)
    )


@st.composite
def years(
    draw: DrawFn, scheme: Scheme = ND_335_2025
) -> tuple[RollUp, list[Evaluation], dict[str, Fraction]]:
    """A method, one cadre's period evaluations (some disciplined) and the shares worked."""
    method, periods = draw(layouts())
    evaluations = [
        period_eval(
            p,
            draw(totals),
            scheme=scheme,
            assignment=draw(st.sampled_from(["a", "b"])) + f"-{p}",
            circumstances=Circumstances(disciplined=draw(st.booleans())),
        )
        for p in periods
    ]
    return method, evaluations, draw(worked_for(periods))


# -------------------------------------------------------------------- properties


class TestIdenticalPeriodsLaw:
    """Law: rolling up identical periods gives that period's total and score."""

    @given(layouts(), totals, st.data())
    def test_identical_periods_give_the_period(
        self, layout: tuple[RollUp, list[str]], total: Fraction, data: st.DataObject
    ) -> None:
        method, periods = layout
        worked = data.draw(worked_for(periods))
        e = roll_up(
            [period_eval(p, total) for p in periods],
            scheme=ND_335_2025,
            year=YEAR,
            method=method,
            worked=worked,
        )
        assert (total, ND_335_2025.rounding(total)) == (e.total, e.score)


class TestOrderIndependenceLaw:
    """Law: the year does not depend on the order of the period evaluations."""

    @given(years(), st.data())
    def test_any_order_gives_the_same_year(
        self, year: tuple[RollUp, list[Evaluation], dict[str, Fraction]], data: st.DataObject
    ) -> None:
        method, evaluations, worked = year
        shuffled = data.draw(st.permutations(evaluations))
        expected = roll_up(evaluations, scheme=ND_335_2025, year=YEAR, method=method, worked=worked)
        actual = roll_up(shuffled, scheme=ND_335_2025, year=YEAR, method=method, worked=worked)
        assert expected == actual


class TestBoundsLaw:
    """Law: the year's total lies between the lowest and highest totals of the periods worked."""

    @given(years())
    def test_total_within_the_periods_worked(
        self, year: tuple[RollUp, list[Evaluation], dict[str, Fraction]]
    ) -> None:
        method, evaluations, worked = year
        e = roll_up(evaluations, scheme=ND_335_2025, year=YEAR, method=method, worked=worked)
        counted = [x.total for x in evaluations if worked.get(str(x.period), 1) > 0]
        assert min(counted) <= e.total <= max(counted)
        assert 0 <= e.total <= e.scale


class TestMonotonicityLaw:
    """Law: raising any period's total never lowers the year's total, score or rating."""

    @given(schemes, st.data())
    def test_raising_a_period_never_lowers_the_year(
        self, scheme: Scheme, data: st.DataObject
    ) -> None:
        method, evaluations, worked = data.draw(years(scheme))
        index = data.draw(st.integers(0, len(evaluations) - 1))
        old = evaluations[index]
        higher = data.draw(st.fractions(min_value=old.total, max_value=100, max_denominator=1000))
        raised_ = list(evaluations)
        raised_[index] = attrs.evolve(old, total=higher, score=scheme.rounding(higher))
        before = roll_up(evaluations, scheme=scheme, year=YEAR, method=method, worked=worked)
        after = roll_up(raised_, scheme=scheme, year=YEAR, method=method, worked=worked)
        assert before.total <= after.total
        assert before.score <= after.score
        assert before.rating <= after.rating


# -------------------------------------------------------------------- scenarios


class TestAverage:
    def test_nd_335_year_is_the_mean_of_four_quarters(self) -> None:
        """NĐ 335 Điều 21: (80 + 85 + 90 + 95) / 4 = 87.5, Good."""
        e = roll_up(quarters(80, 85, 90, 95), scheme=ND_335_2025, year=YEAR)
        assert (e.total, e.score, e.band, e.rating) == (
            F(175, 2),
            Decimal("87.50"),
            Rating.GOOD,
            Rating.GOOD,
        )

    def test_result_is_a_year_long_evaluation_without_items(self) -> None:
        e = roll_up(quarters(80, 85, 90, 95), scheme=ND_335_2025, year=YEAR)
        assert (e.assignment, e.assignee, e.period, e.scheme) == (
            "roll-up:c1:2026",
            "c1",
            Period(2026),
            "nd-335-2025",
        )
        assert (e.items, e.parts, e.scale, e.peer_group) == ((), (), F(100), "pg")

    def test_legal_basis_is_the_schemes_plus_nd_335_article_21(self) -> None:
        e = roll_up(quarters(80, 85, 90, 95), scheme=ND_335_2025, year=YEAR)
        assert e.legal_basis == (*ND_335_2025.legal_basis, AVERAGE.legal_basis)
        assert "Điều 21" in e.legal_basis[-1]

    def test_findings_name_the_method_and_each_period_with_its_weight(self) -> None:
        e = roll_up(quarters(80, 85, 90, 95), scheme=ND_335_2025, year=YEAR)
        assert "NĐ 335/2025/NĐ-CP Điều 21" in texts(e)[0]
        assert texts(e)[1:] == [
            "2026-Q1 (c1-2026-Q1, nd-335-2025): total 80.00, weight 25.00%",
            "2026-Q2 (c1-2026-Q2, nd-335-2025): total 85.00, weight 25.00%",
            "2026-Q3 (c1-2026-Q3, nd-335-2025): total 90.00, weight 25.00%",
            "2026-Q4 (c1-2026-Q4, nd-335-2025): total 95.00, weight 25.00%",
        ]

    def test_twelve_months_average_exactly(self) -> None:
        """Totals 89 + 90 + ... + 100 over twelve months average to 94.5, exactly."""
        months = [period_eval(f"2026-{m:02d}", 88 + m) for m in range(1, 13)]
        e = roll_up(months, scheme=ND_335_2025, year=YEAR)
        assert (e.total, e.band) == (F(189, 2), Rating.EXCELLENT)

    def test_thirds_stay_exact_and_round_once(self) -> None:
        e = roll_up(quarters(70, 70, 71), scheme=ND_335_2025, year=YEAR)
        assert (e.total, e.score) == (F(211, 3), Decimal("70.33"))

    def test_band_uses_the_exact_total(self) -> None:
        """(90 + 90 + 89.99) / 3 = 89.9966... is Good though it rounds to 90.00."""
        e = roll_up(quarters(90, 90, "89.99"), scheme=ND_335_2025, year=YEAR)
        assert (e.score, e.band) == (Decimal("90.00"), Rating.GOOD)

    def test_band_on_rounded_scheme_uses_the_score(self) -> None:
        scheme = attrs.evolve(ND_335_2025, band_on_rounded=True)
        e = roll_up(quarters(90, 90, "89.99", scheme=scheme), scheme=scheme, year=YEAR)
        assert (e.score, e.band) == (Decimal("90.00"), Rating.EXCELLENT)

    def test_a_missing_quarter_is_named(self) -> None:
        """Appointed in April: Q2-Q4 are averaged and the finding says Q1 has no evaluation."""
        e = roll_up(quarters(80, 70, 90, 100)[1:], scheme=ND_335_2025, year=YEAR)
        assert e.total == F(260, 3)
        assert texts(e, "missing") == [
            "no evaluation for 2026-Q1: the year is averaged over the periods given"
        ]

    def test_months_and_quarters_weigh_by_length(self) -> None:
        """Jan-Mar monthly (60 each) then Q2-Q4 quarterly (80 each): 3 of 12 months at 60."""
        months = [period_eval(f"2026-0{m}", 60) for m in (1, 2, 3)]
        e = roll_up([*months, *quarters(0, 80, 80, 80)[1:]], scheme=ND_335_2025, year=YEAR)
        assert e.total == 75
        assert texts(e, "assumption") and "ASSUMED" in texts(e, "assumption")[0]

    def test_conditions_are_not_checked_again_and_the_finding_says_so(self) -> None:
        e = roll_up(quarters(95, 95, 95, 95, scheme=QD_366_2025), scheme=QD_366_2025, year=YEAR)
        assert e.rating is Rating.EXCELLENT
        assert any("not checked again" in t for t in texts(e, "roll-up"))

    def test_explain_shows_every_period(self) -> None:
        text = roll_up(quarters(80, 85, 90, 95), scheme=ND_335_2025, year=YEAR).explain("en")
        assert all(q in text for q in QUARTERS)
        assert "Rating: Good" in text


class TestProRata:
    def test_half_worked_quarter_counts_half_and_unworked_quarter_is_left_out(self) -> None:
        """Maternity leave: Q2 half worked, Q3 not at all: (80 + 60/2 + 90) / 2.5 = 80."""
        e = roll_up(
            quarters(80, 60, 0, 90),
            scheme=ND_335_2025,
            year=YEAR,
            worked={"2026-Q2": F(1, 2), "2026-Q3": 0},
        )
        assert (e.total, e.score, e.rating) == (F(80), Decimal("80.00"), Rating.GOOD)
        assert texts(e, "roll-up")[1:] == [
            "2026-Q1 (c1-2026-Q1, nd-335-2025): total 80.00, weight 40.00%",
            "2026-Q2 (c1-2026-Q2, nd-335-2025): total 60.00, 1/2 worked, weight 20.00%",
            "2026-Q4 (c1-2026-Q4, nd-335-2025): total 90.00, weight 40.00%",
        ]
        assert texts(e, "missing") == [
            "2026-Q3 (c1-2026-Q3, nd-335-2025): nothing worked, left out (total 0.00 not counted)"
        ]

    @pytest.mark.parametrize("half", [F(1, 2), Decimal("0.5"), "0.5"])
    def test_shares_are_exact_in_any_form(self, half: Fraction | Decimal | str) -> None:
        e = roll_up(quarters(80, 60), scheme=ND_335_2025, year=YEAR, worked={"2026-Q2": half})
        assert e.total == F(220, 3)

    def test_shares_may_name_periods_as_documents_write_them(self) -> None:
        e = roll_up(quarters(80, 60), scheme=ND_335_2025, year=YEAR, worked={"Quý II/2026": 0})
        assert e.total == 80


class TestTransfer:
    """A cadre moved mid-year: the old unit sends Q1-Q2, the new one rolls up the year."""

    @staticmethod
    def quarter(assignment: str, issuer: str, quarter: int, done: int) -> Evaluation:
        period = f"{YEAR}-Q{quarter}"
        a = Assignment(
            f"{assignment}-q{quarter}",
            issuer=issuer,
            assignee=Assignee.cadre("c1"),
            period=period,
            items=[Task(f"t{i}", title=f"Nhiệm vụ {i}", weight=25) for i in range(4)],
            issued_on=Period.parse(period).start,
        )
        report = Report(
            Period.parse(period).end,
            outcomes=[Outcome(f"t{i}", done=i < done) for i in range(4)],
        )
        facts = Circumstances(supports_not_delivered=[f"{assignment}-s"], subordinates=quarter)
        return evaluate(
            a, report, scheme=timeless(QD_124_2023), circumstances=facts, peer_group=issuer
        )

    def test_both_assignments_are_carried_into_the_year(self) -> None:
        periods = [
            self.quarter("A", "unit-old", 1, 4),
            self.quarter("A", "unit-old", 2, 3),
            self.quarter("B", "unit-new", 3, 3),
            self.quarter("B", "unit-new", 4, 2),
        ]
        e = roll_up(periods[::-1], scheme=QD_124_2023, year=YEAR)
        assert [q.total for q in periods] == [100, 75, 75, 50]
        assert (e.total, e.band, e.rating) == (F(75), Rating.GOOD, Rating.GOOD)
        assert [t.split(" (")[1].split(",")[0] for t in texts(e, "roll-up")[1:5]] == [
            "A-q1",
            "A-q2",
            "B-q3",
            "B-q4",
        ]

    def test_circumstances_and_peer_group_follow_the_latest_unit(self) -> None:
        periods = [self.quarter("A", "unit-old", 1, 4), self.quarter("B", "unit-new", 3, 4)]
        e = roll_up(periods, scheme=QD_124_2023, year=YEAR)
        assert e.circumstances == Circumstances(
            supports_not_delivered=["A-s", "B-s"], subordinates=3, role=Role.LEADER
        )
        assert e.peer_group == "unit-new"
        assert any("peer groups differ" in t for t in texts(e, "roll-up"))


class TestFoldQ4:
    def test_hd_43_year_is_the_mean_of_q1_q3_and_the_year_end(self) -> None:
        """(80 + 84 + 88 + 92) / 4 = 86, Good, under QĐ 366 with HD 43's quarterly rating."""
        e = roll_up(fold(80, 84, 88, 92), scheme=QD_366_2025, year=YEAR, method=FOLD)
        assert (e.total, e.score, e.rating) == (F(86), Decimal("86.00"), Rating.GOOD)
        assert texts(e, "roll-up")[4] == (
            "2026 year-end (for Q4) (c1-2026, nd-335-2025): total 92.00, weight 25.00%"
        )

    def test_the_assumption_is_stated_in_findings_and_assumptions(self) -> None:
        e = roll_up(fold(80, 84, 88, 92), scheme=QD_366_2025, year=YEAR, method=FOLD)
        [assumption] = [f.reason for f in e.findings if f.kind == "assumption"]
        assert "ASSUMED" in assumption.en and "UNCONFIRMED" in assumption.en
        assert "GIẢ ĐỊNH" in assumption.vi
        assert e.assumptions == (*QD_366_2025.assumptions, assumption)

    def test_legal_basis_adds_hd_43(self) -> None:
        e = roll_up(fold(80, 84, 88, 92), scheme=QD_366_2025, year=YEAR, method=FOLD)
        assert e.legal_basis == (*QD_366_2025.legal_basis, FOLD.legal_basis)
        assert "43-HD/BTCTW" in e.legal_basis[-1]

    def test_q4_half_worked_weighs_the_year_end_half(self) -> None:
        """The year-end stands for Q4 and weighs its share: (3 × 80 + 100 / 2) / 3.5 = 580/7."""
        e = roll_up(
            fold(80, 80, 80, 100),
            scheme=QD_366_2025,
            year=YEAR,
            method=FOLD,
            worked={"2026": "0.5"},
        )
        assert e.total == F(580, 7)


class TestDiscipline:
    def test_disciplined_in_one_quarter_caps_the_year_at_not_achieved(self) -> None:
        """NĐ 335 (and NĐ 48/2023): disciplined in the year → Not achieved."""
        evaluations = quarters(95, 95, 95, 95)
        evaluations[1] = attrs.evolve(evaluations[1], circumstances=Circumstances(disciplined=True))
        e = roll_up(evaluations, scheme=ND_335_2025, year=YEAR)
        assert (e.band, e.rating) == (Rating.EXCELLENT, Rating.NOT_ACHIEVED)
        [veto] = [f for f in e.findings if f.kind == "veto"]
        assert (veto.before, veto.after, veto.basis) == (
            Rating.EXCELLENT,
            Rating.NOT_ACHIEVED,
            "disciplined(cap=NOT_ACHIEVED, official_duties=True)",
        )
        assert veto.reason.en == (
            "2026-Q2: disciplined at reprimand or above for a violation in official duties "
            "(NĐ 335/2025/NĐ-CP Điều 20 c)"
        )
        assert e.circumstances.disciplined

    def test_discipline_in_a_period_not_worked_still_counts(self) -> None:
        evaluations = quarters(95, 95)
        evaluations[1] = attrs.evolve(evaluations[1], circumstances=Circumstances(disciplined=True))
        e = roll_up(evaluations, scheme=ND_335_2025, year=YEAR, worked={"2026-Q2": 0})
        assert (e.total, e.rating) == (F(95), Rating.NOT_ACHIEVED)

    def test_a_scheme_without_vetoes_leaves_the_band(self) -> None:
        scheme = attrs.evolve(ND_335_2025, vetoes=())
        evaluations = quarters(95, scheme=scheme, circumstances=Circumstances(disciplined=True))
        assert roll_up(evaluations, scheme=scheme, year=YEAR).rating is Rating.EXCELLENT


class TestValidation:
    """Each problem is a khoan error naming where it is, what was found and what was expected."""

    def test_no_evaluations(self) -> None:
        with pytest.raises(InvalidValue) as excinfo:
            roll_up([], scheme=ND_335_2025, year=YEAR)
        assert (excinfo.value.path, excinfo.value.value) == ("evaluations", ())

    def test_a_single_evaluation_not_in_a_list(self) -> None:
        with pytest.raises(InvalidValue, match="a list of period evaluations") as excinfo:
            roll_up(period_eval("2026-Q1", 80), scheme=ND_335_2025, year=YEAR)  # type: ignore[arg-type]
        assert excinfo.value.path == "evaluations"

    def test_something_else_than_an_evaluation(self) -> None:
        with pytest.raises(InvalidValue) as excinfo:
            roll_up(["2026-Q1"], scheme=ND_335_2025, year=YEAR)  # type: ignore[list-item]
        assert excinfo.value.path == "evaluations[0]"

    def test_different_assignees(self) -> None:
        evaluations = [period_eval("2026-Q1", 80), period_eval("2026-Q2", 80, assignee="c2")]
        with pytest.raises(InvalidValue, match="one cadre's periods") as excinfo:
            roll_up(evaluations, scheme=ND_335_2025, year=YEAR)
        assert (excinfo.value.path, excinfo.value.value) == ("evaluations[1].assignee", "c2")

    def test_two_evaluations_of_the_same_period(self) -> None:
        evaluations = [period_eval("2026-Q1", 80), period_eval("2026-Q1", 70, assignment="b")]
        with pytest.raises(DuplicateId) as excinfo:
            roll_up(evaluations, scheme=ND_335_2025, year=YEAR)
        assert (excinfo.value.path, excinfo.value.value) == ("evaluations[1].period", "2026-Q1")

    def test_a_month_inside_a_quarter_given(self) -> None:
        evaluations = [period_eval("2026-Q1", 80), period_eval("2026-02", 70)]
        with pytest.raises(InvalidValue, match="not overlapping 2026-Q1") as excinfo:
            roll_up(evaluations, scheme=ND_335_2025, year=YEAR)
        assert not isinstance(excinfo.value, DuplicateId)
        assert excinfo.value.path == "evaluations[1].period"

    def test_a_period_of_another_year(self) -> None:
        evaluations = [period_eval("2025-Q4", 80), period_eval("2026-Q1", 80)]
        with pytest.raises(OutOfPeriod) as excinfo:
            roll_up(evaluations, scheme=ND_335_2025, year=YEAR)
        assert (excinfo.value.path, excinfo.value.value) == ("evaluations[0].period", "2025-Q4")
        assert isinstance(excinfo.value, InvalidValue)

    def test_a_year_long_evaluation_given_to_average(self) -> None:
        with pytest.raises(InvalidValue, match="a month or a quarter") as excinfo:
            roll_up([period_eval("2026", 80)], scheme=ND_335_2025, year=YEAR)
        assert excinfo.value.path == "evaluations[0].period"

    def test_a_q4_evaluation_given_to_fold(self) -> None:
        """HD 43 has no separate Q4 rating: the year-end evaluation stands for it."""
        evaluations = [*fold(80, 80, 80, 80), period_eval("2026-Q4", 80)]
        with pytest.raises(InvalidValue, match="no separate Q4 rating") as excinfo:
            roll_up(evaluations, scheme=QD_366_2025, year=YEAR, method=FOLD)
        assert (excinfo.value.path, excinfo.value.value) == ("evaluations[4].period", "2026-Q4")

    def test_a_month_given_to_fold(self) -> None:
        evaluations = [period_eval("2026-01", 80), period_eval("2026", 80)]
        with pytest.raises(InvalidValue) as excinfo:
            roll_up(evaluations, scheme=QD_366_2025, year=YEAR, method=FOLD)
        assert excinfo.value.path == "evaluations[0].period"

    def test_fold_without_a_year_end_evaluation(self) -> None:
        with pytest.raises(InvalidValue, match="a year-end evaluation for 2026") as excinfo:
            roll_up(quarters(80, 80, 80), scheme=QD_366_2025, year=YEAR, method=FOLD)
        assert (excinfo.value.path, excinfo.value.value) == (
            "evaluations",
            ("2026-Q1", "2026-Q2", "2026-Q3"),
        )

    def test_another_scale(self) -> None:
        evaluations = [attrs.evolve(period_eval("2026-Q1", 80), scale=F(10))]
        with pytest.raises(InvalidValue) as excinfo:
            roll_up(evaluations, scheme=ND_335_2025, year=YEAR)
        assert (excinfo.value.path, excinfo.value.value) == ("evaluations[0].scale", F(10))

    @pytest.mark.parametrize("share", [F(3, 2), "-0.1", 2])
    def test_a_share_outside_0_to_1(self, share: Fraction | str | int) -> None:
        with pytest.raises(OutOfRange) as excinfo:
            roll_up(quarters(80), scheme=ND_335_2025, year=YEAR, worked={"2026-Q1": share})
        assert (excinfo.value.path, excinfo.value.value) == ("worked.2026-Q1", share)

    def test_a_float_share(self) -> None:
        with pytest.raises(InexactNumber) as excinfo:
            roll_up(quarters(80), scheme=ND_335_2025, year=YEAR, worked={"2026-Q1": 0.5})  # type: ignore[dict-item]
        assert excinfo.value.path == "worked.2026-Q1"

    @pytest.mark.parametrize(
        ("key", "path"), [("2026-Q2", "worked.2026-Q2"), ("Q5/2026", 'worked["Q5/2026"]')]
    )
    def test_a_share_for_an_unknown_period(self, key: str, path: str) -> None:
        with pytest.raises(UnknownReference, match="the period of an evaluation: 2026-Q1") as e:
            roll_up(quarters(80), scheme=ND_335_2025, year=YEAR, worked={key: 1})
        assert (e.value.path, e.value.value) == (path, key)

    def test_two_shares_for_the_same_period(self) -> None:
        worked: Worked = {"2026-Q1": 1, "Q1/2026": "0.5"}
        with pytest.raises(DuplicateId) as excinfo:
            roll_up(quarters(80), scheme=ND_335_2025, year=YEAR, worked=worked)
        assert excinfo.value.path == 'worked["Q1/2026"]'

    def test_nothing_worked_at_all(self) -> None:
        worked: Worked = {"2026-Q1": 0, "2026-Q2": "0"}
        with pytest.raises(InvalidValue, match="at least one period") as excinfo:
            roll_up(quarters(80, 90), scheme=ND_335_2025, year=YEAR, worked=worked)
        assert (excinfo.value.path, excinfo.value.value) == ("worked", worked)

    def test_worked_not_a_mapping(self) -> None:
        with pytest.raises(InvalidValue) as excinfo:
            roll_up(quarters(80), scheme=ND_335_2025, year=YEAR, worked=["2026-Q1"])  # type: ignore[arg-type]
        assert excinfo.value.path == "worked"

    def test_a_bad_year(self) -> None:
        with pytest.raises(InvalidValue) as excinfo:
            roll_up(quarters(80), scheme=ND_335_2025, year="2026")  # type: ignore[arg-type]
        assert excinfo.value.path == "year"

    def test_a_bad_method(self) -> None:
        with pytest.raises(InvalidValue) as excinfo:
            roll_up(quarters(80), scheme=ND_335_2025, year=YEAR, method="average")  # type: ignore[arg-type]
        assert excinfo.value.path == "method"

    def test_several_problems_are_raised_together(self) -> None:
        evaluations = [
            period_eval("2026-Q1", 80),
            period_eval("2026-Q1", 80, assignee="c2"),
            period_eval("2027-Q1", 80),
        ]
        with pytest.raises(InvalidDocument) as excinfo:
            roll_up(evaluations, scheme=ND_335_2025, year=YEAR)
        assert raised(excinfo) == [
            (InvalidValue, "evaluations[1].assignee"),
            (DuplicateId, "evaluations[1].period"),
            (OutOfPeriod, "evaluations[2].period"),
        ]

    def test_several_bad_shares_are_raised_together(self) -> None:
        worked: Worked = {"2026-Q1": 2, "2026-Q3": 1}
        with pytest.raises(InvalidDocument) as excinfo:
            roll_up(quarters(80, 80), scheme=ND_335_2025, year=YEAR, worked=worked)
        assert raised(excinfo) == [
            (OutOfRange, "worked.2026-Q1"),
            (UnknownReference, "worked.2026-Q3"),
        ]

    def test_errors_survive_pickling(self) -> None:
        with pytest.raises(FieldError) as excinfo:
            roll_up(quarters(80), scheme=ND_335_2025, year=YEAR, worked={"2026-Q1": 2})
        copy = pickle.loads(pickle.dumps(excinfo.value))
        assert str(copy) == str(excinfo.value)
