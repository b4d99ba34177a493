"""One test per validation rule: the error's type and the path it names."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest

from khoan import (
    Assignee,
    Assignment,
    Cadre,
    Cohort,
    Council,
    Criterion,
    Dossier,
    Excuse,
    Indicator,
    Inspection,
    Level,
    Member,
    Observation,
    OrgChart,
    Outcome,
    Report,
    Scoresheet,
    Support,
    Task,
    Unit,
    io,
)
from khoan.exceptions import (
    ConflictOfInterest,
    DuplicateId,
    FieldError,
    InexactNumber,
    InvalidDocument,
    InvalidHierarchy,
    InvalidOrgChart,
    InvalidValue,
    KhoanError,
    OutOfPeriod,
    OutOfRange,
    UnknownReference,
    UnsupportedSchema,
    WeightMismatch,
    flatten,
)


def problems(excinfo: pytest.ExceptionInfo[BaseException]) -> list[tuple[type, str]]:
    """The (type, path) of every problem a failed construction raised."""
    return [(type(e), e.path) for e in flatten([excinfo.value])]


def chart() -> OrgChart:
    return OrgChart(
        [
            Unit("vp", name="Tỉnh ủy Vĩnh Phúc", level=Level.PROVINCE),
            Unit("yl", name="Huyện ủy Yên Lạc", level=Level.DISTRICT, parent="vp"),
            Unit("nd", name="Đảng ủy xã Nguyệt Đức", level=Level.COMMUNE, parent="yl"),
        ]
    )


def items() -> list[Indicator | Task]:
    return [
        Indicator("i1", title="Thu ngân sách", target="25", weight="4", measure="tỷ đồng"),
        Indicator.lower_is_better(
            "i2", title="Vụ vi phạm đất đai tồn đọng", target=0, baseline=12, weight=3
        ),
        Task("t1", title="Thành lập chi bộ trong doanh nghiệp", weight=3, deadline="30/9/2022"),
    ]


def assignment(**changes: Any) -> Assignment:
    args: dict[str, Any] = {
        "id": "a1",
        "issuer": "yl",
        "assignee": Assignee.cadre("pvh"),
        "period": "2022",
        "items": items(),
        "issued_on": "20/1/2022",
        "total_weight": "10",
        "supports": [Support("s1", kind="resources", description="Kinh phí GPMB", due="30/6/2022")],
    }
    args.update(changes)
    return Assignment(**args)


def council(**changes: Any) -> Council:
    args: dict[str, Any] = {
        "id": "hd",
        "name": "Hội đồng tư vấn",
        "members": [
            Member("m1", name="Nguyễn Văn A", cadre="nva"),
            Member("m2", name="Trần Thị B"),
        ],
        "criteria": [Criterion("g1", title="Phẩm chất chính trị", maximum=10)],
    }
    args.update(changes)
    return Council(**args)


def dossier(**changes: Any) -> Dossier:
    args: dict[str, Any] = {
        "assignment": assignment(),
        "cadres": [
            Cadre("pvh", name="Phạm Văn Hạnh", post="Bí thư Đảng ủy xã", unit="nd"),
            Cadre("nva", name="Nguyễn Văn A", post="Phó Bí thư Huyện ủy", unit="yl", is_head=False),
        ],
        "org_chart": chart(),
        "report": Report(
            "15/12/2022", outcomes=[Outcome("i1", actual="27"), Outcome("t1", done=True)]
        ),
        "council": council(),
        "scoresheets": [Scoresheet("m1", items={"i1": "4", "t1": "2.5"}, criteria={"g1": 9})],
    }
    args.update(changes)
    return Dossier(**args)


class TestValidBaseline:
    def test_the_baseline_dossier_is_valid(self) -> None:
        """Every test below changes one thing in this dossier."""
        assert dossier().assignment.weight == Decimal(10)


class TestDuplicateIds:
    def test_duplicate_item_id(self) -> None:
        extra = Task("i1", title="Trùng mã", weight=1)
        with pytest.raises(DuplicateId) as excinfo:
            assignment(items=[*items(), extra], total_weight=None)
        assert problems(excinfo) == [(DuplicateId, "items[3].id")]

    def test_duplicate_unit_id(self) -> None:
        with pytest.raises(DuplicateId) as excinfo:
            OrgChart(
                [
                    Unit("vp", name="A", level="province"),
                    Unit("vp", name="B", level="district", parent="vp"),
                ]
            )
        assert (DuplicateId, "units[1].id") in problems(excinfo)

    def test_duplicate_support_id(self) -> None:
        twice = [
            Support("s1", kind="policy", description="x"),
            Support("s1", kind="mechanism", description="y"),
        ]
        with pytest.raises(DuplicateId) as excinfo:
            assignment(supports=twice)
        assert problems(excinfo) == [(DuplicateId, "supports[1].id")]

    def test_duplicate_cadre_id(self) -> None:
        twice = [
            Cadre("pvh", name="A", post="Bí thư", unit="nd"),
            Cadre("pvh", name="B", post="Chủ tịch", unit="nd"),
        ]
        with pytest.raises(DuplicateId) as excinfo:
            dossier(cadres=twice, council=None, scoresheets=())
        assert problems(excinfo) == [(DuplicateId, "cadres[1].id")]

    def test_duplicate_outcome_for_an_item(self) -> None:
        with pytest.raises(DuplicateId) as excinfo:
            Report("2022-12-15", outcomes=[Outcome("i1", actual=1), Outcome("i1", actual=2)])
        assert problems(excinfo) == [(DuplicateId, "outcomes[1].item")]

    def test_duplicate_council_member(self) -> None:
        with pytest.raises(DuplicateId) as excinfo:
            council(members=[Member("m1", name="A"), Member("m1", name="B")])
        assert problems(excinfo) == [(DuplicateId, "members[1].id")]

    def test_two_scoresheets_from_one_member(self) -> None:
        sheets = [Scoresheet("m1", items={"i1": 1}), Scoresheet("m1", items={"i1": 2})]
        with pytest.raises(DuplicateId) as excinfo:
            dossier(scoresheets=sheets)
        assert problems(excinfo) == [(DuplicateId, "scoresheets[1].member")]

    def test_duplicate_assignment_in_a_cohort(self) -> None:
        one = dossier(org_chart=None)
        with pytest.raises(DuplicateId) as excinfo:
            Cohort([one, one], org_chart=chart())
        assert problems(excinfo) == [(DuplicateId, "dossiers[1].assignment.id")]


class TestWeights:
    @pytest.mark.parametrize("weight", [0, -5, "-0.5"])
    def test_non_positive_weight(self, weight: object) -> None:
        with pytest.raises(InvalidValue) as excinfo:
            Task("t1", title="x", weight=weight)
        assert problems(excinfo) == [(InvalidValue, "weight")]

    @pytest.mark.parametrize("weight", ["năm", None, [1], "NaN", "Infinity", True])
    def test_non_numeric_weight(self, weight: object) -> None:
        with pytest.raises(InvalidValue) as excinfo:
            Indicator("i1", title="x", target=10, weight=weight)
        assert problems(excinfo) == [(InvalidValue, "weight")]

    def test_weights_not_adding_up_to_the_total(self) -> None:
        with pytest.raises(WeightMismatch) as excinfo:
            assignment(total_weight="70")
        assert problems(excinfo) == [(WeightMismatch, "items[*].weight")]
        assert "70" in str(excinfo.value)

    def test_weights_adding_up_exactly_with_decimals(self) -> None:
        """0.1 + 0.2 is exactly 0.3 here: the sum is Decimal, not float."""
        parts = [Task(f"t{i}", title="x", weight=w) for i, w in enumerate(["0.1", "0.2"])]
        assert assignment(items=parts, total_weight="0.3").weight == Decimal("0.3")


class TestFloatsRefused:
    @pytest.mark.parametrize(
        ("build", "path"),
        [
            (lambda: Indicator("i", title="x", target=0.1, weight=1), "target"),
            (lambda: Indicator("i", title="x", target=1, weight=0.5), "weight"),
            (lambda: Indicator("i", title="x", target=1, weight=1, baseline=0.5), "baseline"),
            (lambda: Outcome("i", actual=2.5), "actual"),
            (lambda: Scoresheet("m", items={"i": 2.5}), "items.i"),
            (lambda: assignment(total_weight=10.0), "total_weight"),
        ],
    )
    def test_float_is_refused_with_its_path(self, build: Any, path: str) -> None:
        with pytest.raises(InexactNumber) as excinfo:
            build()
        assert problems(excinfo) == [(InexactNumber, path)]
        assert "khoan.exact" in str(excinfo.value)

    def test_explicit_conversion_is_accepted(self) -> None:
        from khoan import exact

        assert Indicator("i", title="x", target=exact(0.1), weight=1).target == Decimal("0.1")


class TestBaselineAndTarget:
    def test_baseline_equal_to_target(self) -> None:
        with pytest.raises(InvalidValue) as excinfo:
            Indicator("i", title="x", target=5, weight=1, baseline=5)
        assert problems(excinfo) == [(InvalidValue, "baseline")]

    def test_target_on_the_wrong_side_of_the_baseline(self) -> None:
        with pytest.raises(InvalidValue) as excinfo:
            Indicator("i", title="x", target=0, weight=1, baseline=12)
        assert problems(excinfo) == [(InvalidValue, "target")]

    def test_lower_is_better_with_a_target_of_zero(self) -> None:
        assert (
            Indicator.lower_is_better("i", title="x", target=0, weight=1, baseline=12).target == 0
        )


class TestDeadlines:
    def test_deadline_after_the_period(self) -> None:
        late = Task("t9", title="x", weight=1, deadline="15/1/2023")
        with pytest.raises(OutOfPeriod) as excinfo:
            assignment(items=[*items(), late], total_weight=None)
        assert problems(excinfo) == [(OutOfPeriod, "items[3].deadline")]

    def test_deadline_before_the_period(self) -> None:
        early = Task("t9", title="x", weight=1, deadline="31/12/2021")
        with pytest.raises(OutOfPeriod) as excinfo:
            assignment(items=[early], total_weight=None)
        assert problems(excinfo) == [(OutOfPeriod, "items[0].deadline")]

    def test_deadline_before_the_decision_was_issued(self) -> None:
        early = Task("t9", title="x", weight=10, deadline="10/1/2022")
        with pytest.raises(OutOfPeriod) as excinfo:
            assignment(items=[early])
        assert problems(excinfo) == [(OutOfPeriod, "items[0].deadline")]

    def test_deadline_on_the_last_day_of_a_quarter_is_inside(self) -> None:
        task = Task("t", title="x", weight=10, deadline="30/9/2022")
        assert assignment(items=[task], period="Q3/2022", issued_on="1/7/2022").period.quarter == 3


class TestUnknownItems:
    def test_outcome_naming_an_unknown_item(self) -> None:
        report = Report("2022-12-15", outcomes=[Outcome("i1", actual=1), Outcome("zz", done=True)])
        with pytest.raises(UnknownReference) as excinfo:
            dossier(report=report)
        assert problems(excinfo) == [(UnknownReference, "report.outcomes[1].item")]
        assert isinstance(excinfo.value, LookupError)

    def test_observation_naming_an_unknown_item(self) -> None:
        visit = Inspection("q1", on="31/3/2022", observations=[Observation("zz", value=1)])
        with pytest.raises(UnknownReference) as excinfo:
            dossier(inspections=[visit])
        assert problems(excinfo) == [(UnknownReference, "inspections[0].observations[0].item")]

    def test_points_for_an_unknown_item(self) -> None:
        with pytest.raises(UnknownReference) as excinfo:
            dossier(scoresheets=[Scoresheet("m1", items={"zz": 1})])
        assert problems(excinfo) == [(UnknownReference, "scoresheets[0].items.zz")]

    def test_points_for_an_unknown_criterion(self) -> None:
        with pytest.raises(UnknownReference) as excinfo:
            dossier(scoresheets=[Scoresheet("m1", criteria={"g9": 1})])
        assert problems(excinfo) == [(UnknownReference, "scoresheets[0].criteria.g9")]

    def test_scoresheet_of_someone_not_on_the_council(self) -> None:
        with pytest.raises(UnknownReference) as excinfo:
            dossier(scoresheets=[Scoresheet("m9", items={"i1": 1})])
        assert problems(excinfo) == [(UnknownReference, "scoresheets[0].member")]

    def test_support_naming_an_unknown_item(self) -> None:
        with pytest.raises(UnknownReference) as excinfo:
            assignment(supports=[Support("s1", kind="policy", description="x", items=["zz"])])
        assert problems(excinfo) == [(UnknownReference, "supports[0].items[0]")]

    def test_excuse_naming_an_unknown_support(self) -> None:
        excuse = Excuse("support_not_delivered", reason="chưa cấp kinh phí", support="s9")
        report = Report("2022-12-15", outcomes=[Outcome("t1", done=False, excuses=[excuse])])
        with pytest.raises(UnknownReference) as excinfo:
            dossier(report=report)
        assert problems(excinfo) == [(UnknownReference, "report.outcomes[0].excuses[0].support")]

    def test_council_member_linked_to_an_unlisted_cadre(self) -> None:
        members = [Member("m1", name="A", cadre="nobody"), Member("m2", name="B")]
        with pytest.raises(UnknownReference) as excinfo:
            dossier(council=council(members=members))
        assert problems(excinfo) == [(UnknownReference, "council.members[0].cadre")]

    def test_outcome_of_the_wrong_kind(self) -> None:
        with pytest.raises(InvalidValue) as excinfo:
            dossier(report=Report("2022-12-15", outcomes=[Outcome("t1", actual=3)]))
        assert problems(excinfo) == [(InvalidValue, "report.outcomes[0].actual")]


class TestInspections:
    def test_inspection_before_the_decision(self) -> None:
        visit = Inspection("q0", on="1/1/2022", observations=[Observation("i1", value=1)])
        with pytest.raises(OutOfPeriod) as excinfo:
            dossier(inspections=[visit])
        assert problems(excinfo) == [(OutOfPeriod, "inspections[0].on")]


class TestPointsRange:
    def test_points_above_the_item_weight(self) -> None:
        with pytest.raises(OutOfRange) as excinfo:
            dossier(scoresheets=[Scoresheet("m1", items={"t1": "3.01"})])
        assert problems(excinfo) == [(OutOfRange, "scoresheets[0].items.t1")]

    def test_points_equal_to_the_item_weight_are_allowed(self) -> None:
        assert dossier(scoresheets=[Scoresheet("m1", items={"t1": 3})]).scoresheets

    def test_negative_points(self) -> None:
        with pytest.raises(OutOfRange) as excinfo:
            Scoresheet("m1", items={"t1": -1})
        assert problems(excinfo) == [(OutOfRange, "items.t1")]

    def test_criterion_points_above_its_maximum(self) -> None:
        with pytest.raises(OutOfRange) as excinfo:
            dossier(scoresheets=[Scoresheet("m1", criteria={"g1": 11})])
        assert problems(excinfo) == [(OutOfRange, "scoresheets[0].criteria.g1")]


class TestHierarchy:
    def test_issuer_two_levels_up(self) -> None:
        with pytest.raises(InvalidHierarchy) as excinfo:
            dossier(assignment=assignment(issuer="vp"))
        assert problems(excinfo) == [(InvalidHierarchy, "assignment.issuer")]
        assert "'yl'" in str(excinfo.value)

    def test_issuer_not_in_the_chart(self) -> None:
        with pytest.raises(UnknownReference) as excinfo:
            dossier(assignment=assignment(issuer="zz"))
        assert problems(excinfo) == [(UnknownReference, "assignment.issuer")]

    def test_no_chart_no_hierarchy_check(self) -> None:
        assert dossier(assignment=assignment(issuer="vp"), org_chart=None).org_chart is None

    def test_collective_assignee(self) -> None:
        to_unit = assignment(assignee=Assignee.unit("nd"))
        assert dossier(assignment=to_unit).assignment.assignee.id == "nd"
        with pytest.raises(InvalidHierarchy):
            dossier(assignment=assignment(assignee=Assignee.unit("yl")))

    def test_cohort_chart_applies_to_its_dossiers(self) -> None:
        loose = dossier(assignment=assignment(issuer="vp"), org_chart=None)
        with pytest.raises(InvalidHierarchy) as excinfo:
            Cohort([loose], org_chart=chart())
        assert problems(excinfo) == [(InvalidHierarchy, "dossiers[0].assignment.issuer")]


class TestConflictOfInterest:
    def test_member_scoring_their_own_assignment(self) -> None:
        members = [Member("m1", name="Phạm Văn Hạnh", cadre="pvh"), Member("m2", name="B")]
        with pytest.raises(ConflictOfInterest) as excinfo:
            dossier(council=council(members=members))
        assert problems(excinfo) == [(ConflictOfInterest, "council.members[0].cadre")]

    def test_head_scoring_the_collective_they_lead(self) -> None:
        members = [Member("m1", name="Phạm Văn Hạnh", cadre="pvh"), Member("m2", name="B")]
        with pytest.raises(ConflictOfInterest):
            dossier(
                assignment=assignment(assignee=Assignee.unit("nd")),
                council=council(members=members),
            )


class TestOrgChart:
    def test_cycle(self) -> None:
        with pytest.raises(InvalidOrgChart) as excinfo:
            OrgChart(
                [
                    Unit("vp", name="Tỉnh", level="province"),
                    Unit("a", name="A", level="district", parent="b"),
                    Unit("b", name="B", level="district", parent="a"),
                ]
            )
        assert problems(excinfo) == [(InvalidOrgChart, "units[1].parent")]
        assert "a → b → a" in str(excinfo.value)

    def test_orphan(self) -> None:
        with pytest.raises(InvalidOrgChart) as excinfo:
            OrgChart(
                [
                    Unit("vp", name="Tỉnh", level="province"),
                    Unit("a", name="A", level="district", parent="zz"),
                ]
            )
        assert problems(excinfo) == [(InvalidOrgChart, "units[1].parent")]

    def test_two_roots(self) -> None:
        with pytest.raises(InvalidOrgChart) as excinfo:
            OrgChart(
                [
                    Unit("vp", name="Tỉnh", level="province"),
                    Unit("hn", name="Thành phố", level="province"),
                ]
            )
        assert problems(excinfo) == [(InvalidOrgChart, "units")]

    def test_child_above_its_parent(self) -> None:
        with pytest.raises(InvalidOrgChart) as excinfo:
            OrgChart(
                [
                    Unit("x", name="Xã", level="commune"),
                    Unit("t", name="Tỉnh", level="province", parent="x"),
                ]
            )
        assert problems(excinfo) == [(InvalidOrgChart, "units[1].level")]

    def test_two_tier_chart_after_2025(self) -> None:
        """Communes directly under the province are fine: districts were abolished."""
        two_tier = OrgChart(
            [
                Unit("pt", name="Tỉnh ủy Phú Thọ", level="province"),
                Unit("x", name="Đảng ủy xã", level="commune", parent="pt"),
            ]
        )
        assert two_tier.is_directly_above("pt", "x")


class TestManyProblemsAtOnce:
    def test_all_problems_are_raised_together(self) -> None:
        bad = [
            Task("t1", title="x", weight=1, deadline="1/1/2023"),
            Task("t1", title="y", weight=1),
        ]
        with pytest.raises(InvalidDocument) as excinfo:
            assignment(items=bad, total_weight=5)
        assert problems(excinfo) == [
            (OutOfPeriod, "items[0].deadline"),
            (DuplicateId, "items[1].id"),
            (WeightMismatch, "items[*].weight"),
        ]
        assert isinstance(excinfo.value, KhoanError)

    def test_document_problems_carry_full_paths(self) -> None:
        data = io.dump(dossier())
        data["assignment"]["items"][2]["weight"] = "0"
        data["assignment"]["items"][0]["target"] = 25
        data["cadres"][0]["appointed_on"] = "1/7/2020"
        data["extra"] = True
        with pytest.raises(InvalidDocument) as excinfo:
            io.load(data)
        assert sorted(path for _, path in problems(excinfo)) == [
            "assignment.items[0].target",
            "assignment.items[2].weight",
            "cadres[0].appointed_on",
            "extra",
        ]


class TestDocuments:
    def test_unknown_schema_version_is_refused(self) -> None:
        data = io.dump(dossier()) | {"schema": "khoan/2"}
        with pytest.raises(UnsupportedSchema, match="khoan/1") as excinfo:
            io.load(data)
        assert excinfo.value.path == "schema"

    def test_missing_schema_is_refused(self) -> None:
        data = io.dump(dossier())
        del data["schema"]
        with pytest.raises(UnsupportedSchema):
            io.load(data)

    def test_not_json(self) -> None:
        with pytest.raises(InvalidValue, match="valid JSON"):
            io.loads("{not json")

    def test_missing_required_field(self) -> None:
        data = io.dump(dossier())
        del data["assignment"]["issued_on"]
        with pytest.raises(InvalidValue) as excinfo:
            io.load(data)
        assert problems(excinfo) == [(InvalidValue, "assignment.issued_on")]

    def test_unknown_item_kind(self) -> None:
        data = io.dump(dossier())
        data["assignment"]["items"][0]["kind"] = "wish"
        with pytest.raises(InvalidValue) as excinfo:
            io.load(data)
        assert problems(excinfo) == [(InvalidValue, "assignment.items[0].kind")]

    def test_duplicate_json_member_is_refused(self) -> None:
        """json.loads would silently keep the last of two "id" members."""
        text = io.dumps(dossier()).replace('"id": "pvh",', '"id": "xxx", "id": "pvh",', 1)
        with pytest.raises(DuplicateId, match="each member once"):
            io.loads(text)

    def test_json_number_for_a_decimal_is_inexact(self) -> None:
        data = io.dump(dossier())
        data["assignment"]["items"][0]["weight"] = 4.0
        with pytest.raises(InexactNumber) as excinfo:
            io.load(data)
        assert excinfo.value.path == "assignment.items[0].weight"

    def test_unusual_keys_are_quoted_in_paths(self) -> None:
        with pytest.raises(UnknownReference) as excinfo:
            dossier(scoresheets=[Scoresheet("m1", items={"1.2": 1})])
        assert problems(excinfo) == [(UnknownReference, 'scoresheets[0].items["1.2"]')]

    def test_text_is_kept_exactly(self) -> None:
        title = "  Giải phóng mặt bằng — dự án ĐT.303 😀 "
        doc = dossier(title=title)
        again = io.loads(io.dumps(doc))
        assert isinstance(again, Dossier)
        assert again.title == title
        assert title in io.dumps(doc)

    def test_decimals_keep_their_written_form(self) -> None:
        text = io.dumps(dossier(scoresheets=[Scoresheet("m1", items={"t1": "2.50"})]))
        assert '"t1": "2.50"' in text
        assert io.dumps(io.loads(text)) == text

    def test_dump_is_json_with_schema_first(self) -> None:
        data = json.loads(io.dumps(dossier()))
        assert list(data)[:2] == ["schema", "kind"]
        assert data["schema"] == "khoan/1"

    def test_errors_are_value_errors_or_lookup_errors(self) -> None:
        assert issubclass(InvalidValue, ValueError)
        assert issubclass(UnknownReference, LookupError)
        assert issubclass(FieldError, KhoanError)


class TestDates:
    @pytest.mark.parametrize(
        "text", ["22-9-2021", "22/9/2021", "22.9.2021", "2021-09-22", "ngày 22 tháng 9 năm 2021"]
    )
    def test_vietnamese_and_iso_dates(self, text: str) -> None:
        assert Cadre("c", name="A", post="B", unit="u", appointed_on=text).appointed_on == dt.date(
            2021, 9, 22
        )

    @pytest.mark.parametrize("text", ["9/2021", "2021", "32/1/2021", "hôm qua", "22/9/2021 10:30"])
    def test_incomplete_or_wrong_dates_are_refused(self, text: str) -> None:
        with pytest.raises(InvalidValue) as excinfo:
            Cadre("c", name="A", post="B", unit="u", appointed_on=text)
        assert problems(excinfo) == [(InvalidValue, "appointed_on")]

    def test_datetime_is_refused(self) -> None:
        with pytest.raises(InvalidValue):
            Cadre("c", name="A", post="B", unit="u", appointed_on=dt.datetime(2021, 9, 22, 8, 0))
