"""Behaviour of the fact classes beyond validation: periods, charts, ratings, maps."""

from __future__ import annotations

import datetime as dt
import pickle
from decimal import Decimal

import attrs
import pytest

from khoan import (
    Cadre,
    Excuse,
    ExcuseKind,
    FrozenMap,
    Level,
    Observation,
    OrgChart,
    Outcome,
    Period,
    Rating,
    Task,
    Term,
    Unit,
)
from khoan.exceptions import InvalidValue, OutOfRange, UnknownReference


class TestPeriod:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("2022", Period(2022)),
            ("năm 2022", Period(2022)),
            ("Q3/2022", Period(2022, quarter=3)),
            ("Quý III/2022", Period(2022, quarter=3)),
            ("quý 3 năm 2022", Period(2022, quarter=3)),
            ("2022-Q3", Period(2022, quarter=3)),
            ("2022-07", Period(2022, month=7)),
            ("Tháng 7/2022", Period(2022, month=7)),
            ("07/2022", Period(2022, month=7)),
        ],
    )
    def test_parse(self, text: str, expected: Period) -> None:
        assert Period.parse(text) == expected

    @pytest.mark.parametrize("text", ["Q5/2022", "Quý V/2022", "2022-13", "22", "", "2022-Q0"])
    def test_parse_refuses(self, text: str) -> None:
        with pytest.raises(InvalidValue):
            Period.parse(text)

    def test_bounds_in_a_leap_year(self) -> None:
        assert Period(2024, month=2).end == dt.date(2024, 2, 29)
        assert Period(2024, quarter=1).end == dt.date(2024, 3, 31)
        assert Period(2024).end == dt.date(2024, 12, 31)

    def test_quarter_and_month_together_are_refused(self) -> None:
        with pytest.raises(InvalidValue) as excinfo:
            Period(2022, quarter=1, month=2)
        assert excinfo.value.path == "month"

    def test_order_by_start_then_longest_first(self) -> None:
        periods = [Period(2022, month=1), Period(2022, quarter=1), Period(2021), Period(2022)]
        assert sorted(periods) == [
            Period(2021),
            Period(2022),
            Period(2022, quarter=1),
            Period(2022, month=1),
        ]

    def test_contains(self) -> None:
        q3 = Period(2022, quarter=3)
        assert dt.date(2022, 9, 30) in q3
        assert dt.date(2022, 10, 1) not in q3

    def test_year_range(self) -> None:
        with pytest.raises(InvalidValue) as excinfo:
            Period(22)
        assert excinfo.value.path == "year"


class TestOrgChart:
    def chart(self) -> OrgChart:
        return OrgChart(
            [
                Unit("vp", name="Tỉnh ủy", level=Level.PROVINCE),
                Unit("yl", name="Huyện ủy Yên Lạc", level=Level.DISTRICT, parent="vp"),
                Unit("nd", name="Đảng ủy xã Nguyệt Đức", level=Level.COMMUNE, parent="yl"),
                Unit("tk", name="Đảng ủy xã Trung Kiên", level=Level.COMMUNE, parent="yl"),
            ]
        )

    def test_navigation(self) -> None:
        chart = self.chart()
        assert chart.root.id == "vp"
        assert [u.id for u in chart.children_of("yl")] == ["nd", "tk"]
        assert [u.id for u in chart.ancestors_of("nd")] == ["yl", "vp"]
        assert chart.parent_of("vp") is None
        assert "nd" in chart and "zz" not in chart
        assert len(chart) == 4

    def test_unknown_unit(self) -> None:
        with pytest.raises(UnknownReference):
            self.chart()["zz"]

    def test_levels_rank_downwards(self) -> None:
        ranks = [level.rank for level in Level]
        assert ranks == sorted(ranks)
        assert Level.COMMUNE.vietnamese == "cấp xã"

    def test_evolve_revalidates(self) -> None:
        chart = self.chart()
        with pytest.raises(InvalidValue):
            attrs.evolve(
                chart, units=(*chart.units, Unit("x", name="X", level="commune", parent="zz"))
            )


class TestRating:
    def test_order_by_merit(self) -> None:
        assert sorted(Rating) == [
            Rating.NOT_ACHIEVED,
            Rating.ACHIEVED,
            Rating.GOOD,
            Rating.EXCELLENT,
        ]
        assert Rating.GOOD >= Rating.GOOD

    def test_vietnamese(self) -> None:
        assert Rating.NOT_ACHIEVED.vietnamese == "Không hoàn thành nhiệm vụ"


class TestFrozenMap:
    def test_is_hashable_and_ordered(self) -> None:
        a = FrozenMap({"b": 1, "a": "2.5"})
        assert list(a) == ["b", "a"]
        assert hash(a) == hash(FrozenMap({"b": 1, "a": "2.5"}))
        assert a == {"b": Decimal(1), "a": Decimal("2.5")}

    def test_refuses_bad_numbers_with_the_key(self) -> None:
        with pytest.raises(InvalidValue) as excinfo:
            FrozenMap({"t01": "nhiều"})
        assert excinfo.value.path == "t01"


class TestReportFacts:
    def test_excuse_confirmed(self) -> None:
        assert Excuse("force_majeure", reason="Bão số 3", confirmed_by="UBND tỉnh").confirmed
        assert not Excuse(ExcuseKind.OBJECTIVE_CAUSE, reason="Giá vật liệu tăng").confirmed

    def test_support_excuse_needs_the_support(self) -> None:
        with pytest.raises(InvalidValue) as excinfo:
            Excuse("support_not_delivered", reason="Chưa cấp kinh phí")
        assert excinfo.value.path == "support"

    def test_confirmed_on_needs_confirmed_by(self) -> None:
        with pytest.raises(InvalidValue) as excinfo:
            Excuse("force_majeure", reason="Dịch bệnh", confirmed_on="1/3/2022")
        assert excinfo.value.path == "confirmed_by"

    def test_task_not_done_has_no_completion_date(self) -> None:
        with pytest.raises(InvalidValue) as excinfo:
            Outcome("t1", done=False, completed_on="1/12/2022")
        assert excinfo.value.path == "completed_on"

    def test_missing_result_is_allowed(self) -> None:
        """Missing is not zero: the scheme decides what an unknown result means."""
        outcome = Outcome("t1")
        assert outcome.actual is None and outcome.done is None

    def test_counts_are_whole_numbers(self) -> None:
        with pytest.raises(InvalidValue) as excinfo:
            Outcome("t1", done=True, failed_reviews=-1)
        assert excinfo.value.path == "failed_reviews"

    def test_observation_needs_something_observed(self) -> None:
        with pytest.raises(InvalidValue):
            Observation("t1")

    def test_observation_percent_range(self) -> None:
        with pytest.raises(OutOfRange) as excinfo:
            Observation("t1", percent=120)
        assert excinfo.value.path == "percent"


class TestPeople:
    def test_term_order(self) -> None:
        with pytest.raises(InvalidValue) as excinfo:
            Term("2025-01-01", "2020-01-01")
        assert excinfo.value.path == "end"
        assert dt.date(2022, 5, 1) in Term("2020-10-01", "2025-09-30")

    def test_cadre_defaults(self) -> None:
        cadre = Cadre("pvh", name="Phạm Văn Hạnh", post="Bí thư Đảng ủy xã", unit="nd")
        assert cadre.is_head and cadre.category.value == "cadre"

    def test_is_head_must_be_a_bool(self) -> None:
        with pytest.raises(InvalidValue) as excinfo:
            Cadre("pvh", name="A", post="B", unit="nd", is_head=1)
        assert excinfo.value.path == "is_head"

    def test_id_without_spaces_around(self) -> None:
        with pytest.raises(InvalidValue) as excinfo:
            Task(" t1", title="x", weight=1)
        assert excinfo.value.path == "id"


class TestErrorsPickle:
    def test_round_trip(self) -> None:
        with pytest.raises(InvalidValue) as excinfo:
            Task("t1", title="x", weight=0)
        again = pickle.loads(pickle.dumps(excinfo.value))
        assert (type(again), again.path, str(again)) == (
            type(excinfo.value),
            "weight",
            str(excinfo.value),
        )
