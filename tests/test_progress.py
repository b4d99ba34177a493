"""Progress on a date: each status around its boundaries, both directions, the ledger."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from khoan import (
    Assignee,
    Assignment,
    Delivery,
    Dossier,
    Indicator,
    Inspection,
    Level,
    Milestone,
    Observation,
    OrgChart,
    Outcome,
    Report,
    Support,
    Task,
    Unit,
    carry_over,
    evaluate_dossier,
    io,
)
from khoan.exceptions import InvalidValue, OutOfPeriod, UnknownReference
from khoan.progress import ProgressStatus, SupportStatus, overdue_supports, progress, progress_of
from khoan.schemes import QD_124_2023
from khoan.testing import timeless

S = ProgressStatus
D = dt.date

# Revenue 40 → 50 by 31 Dec 2022; land violations 12 → 0 by 30 Nov 2022 (lower is better);
# a party cell to found by 30 Jun 2022. Issued 1 Jan 2022 so the year is easy to read.
REVENUE = Indicator("rev", title="Thu ngân sách", target=50, weight=4, baseline=40)
VIOLATIONS = Indicator.lower_is_better(
    "vp", title="Vi phạm đất đai", target=0, weight=3, baseline=12, deadline="30/11/2022"
)
CELL = Task("cb", title="Thành lập chi bộ", weight=3, deadline="30/6/2022")
ASSIGNMENT = Assignment(
    "a",
    issuer="yl",
    assignee=Assignee.cadre("c"),
    period="2022",
    items=[REVENUE, VIOLATIONS, CELL],
    issued_on="2022-01-01",
)


def seen(on: str, **values: object) -> Inspection:
    observations = []
    for item, value in values.items():
        if item == "cb":
            if value is True:
                observations.append(Observation(item, done=True))
            else:
                observations.append(Observation(item, percent=value))
        else:
            observations.append(Observation(item, value=value))
    return Inspection(f"k{on}", on=on, observations=observations)


def status(item: str, as_of: str, *inspections: Inspection, **kw: object) -> ProgressStatus:
    p = progress(ASSIGNMENT, inspections, D.fromisoformat(as_of), **kw)  # type: ignore[arg-type]
    return next(i.status for i in p.items if i.item == item)


class TestOnTrackAtRiskBehind:
    """On 30 Jun 2022, 180 of 364 days have passed: 49.5% of the way is expected."""

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("45", S.ON_TRACK),  # 50%
            ("44.95", S.ON_TRACK),  # 49.5%, exactly as expected
            ("44.9", S.AT_RISK),  # 49%: within 20% of expected
            ("43.96", S.AT_RISK),  # 39.6%: exactly 80% of expected
            ("43.95", S.BEHIND),
            ("41", S.BEHIND),
            ("40", S.NOT_STARTED),
            ("39", S.NOT_STARTED),
        ],
    )
    def test_higher_is_better(self, value: str, expected: ProgressStatus) -> None:
        assert status("rev", "2022-06-30", seen("2022-06-30", rev=value)) is expected

    @pytest.mark.parametrize(
        ("value", "expected"),
        [("5", S.ON_TRACK), ("6.3", S.AT_RISK), ("9", S.BEHIND), ("12", S.NOT_STARTED)],
    )
    def test_lower_is_better_without_special_cases(
        self, value: str, expected: ProgressStatus
    ) -> None:
        """12 → 0 by 30 Nov: on 30 Jun, 180/333 days: 54% of the way, 6.5 cases left."""
        assert status("vp", "2022-06-30", seen("2022-06-30", vp=value)) is expected

    def test_tasks_by_percent(self) -> None:
        assert status("cb", "2022-03-31", seen("2022-03-31", cb=60)) is S.ON_TRACK
        assert status("cb", "2022-03-31", seen("2022-03-31", cb=10)) is S.BEHIND

    def test_milestones_replace_pro_rata(self) -> None:
        """Site clearance that is slow to start: 20% by mid-year is on plan."""
        slow = attrs.evolve(CELL, milestones=(Milestone("2022-05-31", 20),))
        a = attrs.evolve(ASSIGNMENT, items=(REVENUE, VIOLATIONS, slow))
        p = progress(a, [seen("2022-04-30", cb=16)], D(2022, 4, 30))
        assert p.items[2].status is S.ON_TRACK
        assert "milestones" in p.items[2].reasons[0].en


class TestDeadline:
    def test_on_the_deadline_day_it_is_not_overdue(self) -> None:
        assert status("cb", "2022-06-30", seen("2022-06-30", cb=90)) is S.AT_RISK

    def test_the_day_after_it_is_overdue(self) -> None:
        assert status("cb", "2022-07-01", seen("2022-06-30", cb=90)) is S.OVERDUE

    def test_done_before_the_deadline_is_early(self) -> None:
        assert status("cb", "2022-07-01", seen("2022-06-29", cb=True)) is S.DONE_EARLY

    def test_done_on_the_deadline_day_is_on_time(self) -> None:
        assert status("cb", "2022-07-01", seen("2022-06-30", cb=True)) is S.DONE_ON_TIME

    def test_done_after_the_deadline_is_late(self) -> None:
        assert status("cb", "2022-08-01", seen("2022-07-15", cb=True)) is S.DONE_LATE

    def test_report_gives_the_completion_date(self) -> None:
        report = Report(
            "2022-12-10", outcomes=[Outcome("cb", done=True, completed_on="2022-06-01")]
        )
        assert status("cb", "2022-12-15", report=report) is S.DONE_EARLY

    def test_report_not_yet_submitted_is_not_known(self) -> None:
        report = Report(
            "2022-12-10", outcomes=[Outcome("cb", done=True, completed_on="2022-06-01")]
        )
        assert status("cb", "2022-12-01", report=report) is S.OVERDUE

    def test_lower_is_better_reaching_zero_is_done(self) -> None:
        assert status("vp", "2022-12-31", seen("2022-09-30", vp=0)) is S.DONE_EARLY

    def test_leap_year_quarter_end(self) -> None:
        a = Assignment(
            "q", issuer="yl", assignee=Assignee.cadre("c"), period="Q1/2024",
            items=[Task("cb", title="x", weight=1, deadline="29/2/2024")], issued_on="2024-01-01",
        )  # fmt: skip
        at = progress(a, [seen("2024-02-29", cb=True)], D(2024, 3, 31))
        assert at.items[0].status is S.DONE_ON_TIME


class TestNoDataAndStale:
    def test_nothing_observed(self) -> None:
        assert status("rev", "2022-06-30") is S.NO_DATA

    def test_observations_after_the_date_are_not_known(self) -> None:
        assert status("rev", "2022-06-29", seen("2022-06-30", rev=45)) is S.NO_DATA

    def test_stale_after_a_quarter_without_observation(self) -> None:
        p = progress(ASSIGNMENT, [seen("2022-03-31", rev=43)], D(2022, 7, 31))
        assert p.items[0].stale
        assert any("stale" in r.en for r in p.items[0].reasons)
        fresh = progress(ASSIGNMENT, [seen("2022-03-31", rev=43)], D(2022, 6, 30))
        assert not fresh.items[0].stale

    def test_lower_is_better_without_baseline_needs_two_observations(self) -> None:
        poor = Indicator.lower_is_better("hn", title="Hộ nghèo", target="0.9", weight=1)
        a = attrs.evolve(ASSIGNMENT, items=(poor,))
        one = progress(a, [seen("2022-03-31", hn="1.5")], D(2022, 3, 31))
        assert one.items[0].status is S.NO_DATA
        two = progress(
            a, [seen("2022-03-31", hn="1.5"), seen("2022-06-30", hn="1.2")], D(2022, 6, 30)
        )
        assert two.items[0].status is S.ON_TRACK


class TestForecast:
    def test_straight_line_from_the_last_two_observations(self) -> None:
        p = progress(
            ASSIGNMENT, [seen("2022-03-31", rev=42), seen("2022-06-30", rev=44)], D(2022, 6, 30)
        )
        forecast = p.items[0].forecast
        assert forecast is not None
        assert Decimal("47.9") < forecast < Decimal("48.1")  # 2 a quarter, 2 more quarters
        assert "at the pace observed" in p.items[0].reasons[-1].en


class TestMonotone:
    """At a fixed date, a better observed value never gives a worse status."""

    @given(
        st.integers(0, 3 * 364),
        st.decimals(min_value=30, max_value=60, places=2),
        st.decimals(min_value=30, max_value=60, places=2),
    )
    def test_higher_is_better(self, days: int, a: Decimal, b: Decimal) -> None:
        self.check("rev", days, min(a, b), max(a, b))

    @given(
        st.integers(0, 3 * 364),
        st.decimals(min_value=-2, max_value=15, places=2),
        st.decimals(min_value=-2, max_value=15, places=2),
    )
    def test_lower_is_better(self, days: int, a: Decimal, b: Decimal) -> None:
        self.check("vp", days, max(a, b), min(a, b))

    @given(st.integers(0, 3 * 364), st.integers(0, 100), st.integers(0, 100))
    def test_tasks(self, days: int, a: int, b: int) -> None:
        self.check("cb", days, min(a, b), max(a, b))

    def check(self, item: str, days: int, worse: object, better: object) -> None:
        on = D(2022, 1, 1) + dt.timedelta(days=days // 3)
        as_of = on + dt.timedelta(days=days - days // 3)
        day = on.isoformat()
        low = status(item, as_of.isoformat(), seen(day, **{item: worse}))
        high = status(item, as_of.isoformat(), seen(day, **{item: better}))
        assert low.rank is not None and high.rank is not None
        assert low.rank <= high.rank


class TestSupportLedger:
    SUPPORTS = (
        Support("s1", kind="resources", description="Kinh phí", due="2022-04-30"),
        Support("s2", kind="conditions", description="Quỹ đất tái định cư", due="2022-06-30"),
        Support("s3", kind="guidance", description="Hướng dẫn"),
    )

    def ledger(self, as_of: str, deliveries: list[Delivery] | None) -> dict[str, SupportStatus]:
        a = attrs.evolve(ASSIGNMENT, supports=self.SUPPORTS)
        p = progress(a, [], D.fromisoformat(as_of), deliveries=deliveries)
        return {e.support: e.status for e in p.supports}

    def test_statuses(self) -> None:
        got = self.ledger(
            "2022-07-01",
            [Delivery("s1", on="2022-05-10"), Delivery("s2", on="2022-05-01", complete=False)],
        )
        assert got == {
            "s1": SupportStatus.DELIVERED_LATE,
            "s2": SupportStatus.OVERDUE,
            "s3": SupportStatus.PENDING,
        }

    def test_due_day_itself_is_not_overdue(self) -> None:
        assert self.ledger("2022-06-30", [])["s2"] is SupportStatus.PENDING

    def test_no_ledger_kept(self) -> None:
        assert set(self.ledger("2022-12-31", None).values()) == {SupportStatus.NO_LEDGER}

    def test_overdue_pledges_are_what_mitigation_reads(self) -> None:
        a = attrs.evolve(ASSIGNMENT, supports=self.SUPPORTS)
        p = progress(a, [], D(2022, 12, 31), deliveries=[Delivery("s1", on="2022-04-01")])
        assert overdue_supports(p.supports) == ("s2",)


class TestBundledExample:
    def test_q3_inspection_shows_an_item_at_risk_and_an_overdue_pledge(self) -> None:
        dossier = io.load_example("nguyet-duc-2022")
        assert isinstance(dossier, Dossier)
        p = progress_of(dossier, D(2022, 9, 30))
        statuses = {i.item: i.status for i in p.items}
        assert statuses["02"] is S.BEHIND  # site clearance at 35% with 80% of the time gone
        assert S.AT_RISK in statuses.values()
        assert [s.support for s in p.overdue_supports] == ["ht02"]

    def test_the_ledger_reaches_the_evaluation(self) -> None:
        dossier = io.load_example("nguyet-duc-2022")
        assert isinstance(dossier, Dossier)
        e = evaluate_dossier(dossier, scheme=timeless(QD_124_2023))
        assert e.circumstances.supports_not_delivered == ("ht02",)


class TestFactsForProgress:
    def test_milestones_in_order(self) -> None:
        with pytest.raises(InvalidValue) as excinfo:
            Task(
                "t",
                title="x",
                weight=1,
                milestones=[Milestone("2022-06-30", 50), Milestone("2022-03-31", 20)],
            )
        assert excinfo.value.path == "milestones[1].on"

    def test_milestone_outside_the_period(self) -> None:
        task = Task("t", title="x", weight=1, milestones=[Milestone("2023-01-15", 50)])
        with pytest.raises(OutOfPeriod) as excinfo:
            attrs.evolve(ASSIGNMENT, items=(task,))
        assert excinfo.value.path == "items[0].milestones[0].on"

    def test_delivery_of_an_unknown_support(self) -> None:
        dossier = io.load_example("nguyet-duc-2022")
        assert isinstance(dossier, Dossier)
        with pytest.raises(UnknownReference) as excinfo:
            attrs.evolve(dossier, deliveries=(Delivery("ht99", on="2022-05-01"),))
        assert excinfo.value.path == "deliveries[0].support"


class TestMergers:
    def chart(self) -> OrgChart:
        return OrgChart(
            [
                Unit("pt", name="Tỉnh ủy Phú Thọ", level=Level.PROVINCE),
                Unit("x1", name="Đảng ủy xã A", level=Level.COMMUNE, parent="pt",
                     merged_into="x2", merged_on="2025-07-01"),
                Unit("x2", name="Đảng ủy xã B (mới)", level=Level.COMMUNE, parent="pt"),
            ]
        )  # fmt: skip

    def dossier(self) -> Dossier:
        a = Assignment(
            "a", issuer="pt", assignee=Assignee.unit("x1"), period="2025",
            items=[Task("t", title="Nhiệm vụ", weight=1)], issued_on="2025-01-15",
        )  # fmt: skip
        report = Report("2025-12-10", outcomes=[Outcome("t", done=True)])
        return Dossier(a, org_chart=self.chart(), report=report)

    def test_successor(self) -> None:
        assert self.chart().successor("x1", D(2025, 6, 30)).id == "x1"
        assert self.chart().successor("x1", D(2025, 7, 1)).id == "x2"

    def test_assignment_carries_over_and_the_evaluation_says_so(self) -> None:
        carried = carry_over(self.dossier())
        assert carried.assignment.assignee.id == "x2"
        assert carried.assignment.carried_over[0].on == D(2025, 7, 1)
        e = evaluate_dossier(carried, scheme=timeless(QD_124_2023))
        assert e.findings[-1].kind == "merger"
        assert "merged into x2" in e.findings[-1].reason.en

    def test_merger_after_the_period_changes_nothing(self) -> None:
        late = attrs.evolve(
            self.dossier(),
            assignment=attrs.evolve(
                self.dossier().assignment, period="2024", issued_on="2024-01-15"
            ),
            report=None,
        )
        assert carry_over(late) is late

    def test_merged_into_an_unknown_unit(self) -> None:
        with pytest.raises(InvalidValue):
            OrgChart(
                [
                    Unit("pt", name="T", level="province"),
                    Unit(
                        "x",
                        name="X",
                        level="commune",
                        parent="pt",
                        merged_into="zz",
                        merged_on="2025-07-01",
                    ),
                ]
            )

    def test_merged_into_needs_a_date(self) -> None:
        with pytest.raises(InvalidValue):
            Unit("x", name="X", level="commune", parent="pt", merged_into="y")

    def test_round_trip(self) -> None:
        carried = carry_over(self.dossier())
        assert io.loads(io.dumps(carried)) == carried


def test_fraction_shares_are_exact() -> None:
    p = progress(ASSIGNMENT, [seen("2022-06-30", rev=45)], D(2022, 6, 30))
    assert p.items[0].share == Fraction(1, 2)
    assert p.items[0].expected_share == Fraction(180, 364)
