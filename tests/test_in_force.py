"""Dates of effect (issue 10, item 4): InForce, schemes.in_force, refusal, the CLI's choice."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from khoan import (
    Assignee,
    Assignment,
    Cohort,
    Council,
    Criterion,
    Dossier,
    FindingKind,
    InForce,
    Member,
    Outcome,
    Report,
    Scoresheet,
    Task,
    evaluate,
    evaluate_dossier,
    io,
)
from khoan.cli import main
from khoan.consequences import histories_of
from khoan.exceptions import InvalidValue, OutOfForce
from khoan.schemes import PRESETS, Scheme, in_force
from khoan.testing import nothing_adverse, timeless

# Each preset with a year it did not govern and a year it did (regulations.md, timeline note,
# §1.1, §2.1, §3.1-§3.4).
OUTSIDE_INSIDE = {
    "vinh-phuc-2021": (2025, 2022),  # merged into Phú Thọ mid-2025; issued 22/9/2021
    "qd-124-2023": (2022, 2024),  # from 04/10/2023, replaced 30/8/2025
    "qd-366-2025": (2024, 2025),  # from 30/8/2025
    "nd-90-2020": (2026, 2024),  # as amended by NĐ 48 from 15/9/2023; NĐ 335 from 1/1/2026
    "nd-335-2025": (2025, 2026),  # from 1/1/2026
    "hanoi-3814-2018": (2017, 2022),  # from 16/5/2018, no end found
}


def dossier(year: int) -> Dossier:
    """Ten tasks done on time, a council of three with two general criteria, in ``year``."""
    tasks = [
        Task(f"t{i}", title=f"Nhiệm vụ {i}", weight=7, deadline=f"30/11/{year}") for i in range(10)
    ]
    council = Council(
        "hd",
        name="Hội đồng",
        members=[Member(f"m{i}", name=f"Ủy viên {i}") for i in range(3)],
        criteria=[
            Criterion("g1", title="Chính trị", maximum=15),
            Criterion("g2", title="Đạo đức", maximum=15),
        ],
    )
    return Dossier(
        Assignment(
            f"a-{year}",
            issuer="yl",
            assignee=Assignee.cadre("c"),
            period=str(year),
            items=tasks,
            issued_on=f"{year}-01-10",
        ),
        report=Report(f"{year}-12-10", outcomes=[Outcome(t.id, done=True) for t in tasks]),
        council=council,
        scoresheets=[
            Scoresheet(f"m{i}", items={t.id: 7 for t in tasks}, criteria={"g1": 13, "g2": 14})
            for i in range(3)
        ],
    )


class TestInForce:
    """InForce: the days from ``since`` up to, not including, ``until``."""

    def test_the_last_day_is_the_day_before_until(self) -> None:
        dates = InForce(since="2023-10-04", until="2025-08-30", source="QĐ 124; QĐ 366")
        expected = [False, True, True, False]
        actual = [
            dt.date(2023, 10, 3) in dates,
            dt.date(2023, 10, 4) in dates,
            dt.date(2025, 8, 29) in dates,
            dt.date(2025, 8, 30) in dates,
        ]
        assert expected == actual

    def test_open_ended(self) -> None:
        dates = InForce(since="30/8/2025", source="QĐ 366")
        assert dt.date(2100, 1, 1) in dates
        assert str(dates) == "from 30/08/2025"
        assert dates.describe("vi") == "từ 30/08/2025"

    def test_an_end_before_the_start_is_refused(self) -> None:
        with pytest.raises(InvalidValue) as raised:
            InForce(since="2025-08-30", until="2025-08-30")
        assert raised.value.path == "until"

    def test_a_day_that_is_not_a_date_is_not_in_it(self) -> None:
        assert "2024-01-01" not in InForce(since="2023-01-01")


class TestPresetDates:
    """Every preset carries its dates of effect, each date from the sources."""

    def test_the_dates(self) -> None:
        expected = {
            "vinh-phuc-2021": (dt.date(2021, 9, 22), dt.date(2025, 7, 1)),
            "qd-124-2023": (dt.date(2023, 10, 4), dt.date(2025, 8, 30)),
            "qd-366-2025": (dt.date(2025, 8, 30), None),
            "nd-90-2020": (dt.date(2023, 9, 15), dt.date(2026, 1, 1)),
            "nd-335-2025": (dt.date(2026, 1, 1), None),
            "hanoi-3814-2018": (dt.date(2018, 5, 16), None),
        }
        actual = {
            name: (s.in_force.since, s.in_force.until)
            for name, s in PRESETS.items()
            if s.in_force is not None
        }
        assert expected == actual

    @pytest.mark.parametrize("name", list(PRESETS))
    def test_each_source_is_stated(self, name: str) -> None:
        dates = PRESETS[name].in_force
        assert dates is not None and dates.source
        if dates.until is None:  # an open end is either still in force or unconfirmed
            assert "still in force" in dates.source or "UNCONFIRMED" in dates.source \
                or "in force 1/1/2026" in dates.source  # fmt: skip

    def test_the_pilot_end_is_labelled_khoans_reading(self) -> None:
        source = PRESETS["vinh-phuc-2021"].in_force.source  # type: ignore[union-attr]
        assert "khoan's reading" in source and "UNCONFIRMED" in source

    def test_qd_366_replaces_qd_124_on_the_day(self) -> None:
        assert PRESETS["qd-124-2023"].in_force.until == PRESETS["qd-366-2025"].in_force.since  # type: ignore[union-attr]

    def test_nd_335_replaces_nd_90_on_the_day(self) -> None:
        assert PRESETS["nd-90-2020"].in_force.until == PRESETS["nd-335-2025"].in_force.since  # type: ignore[union-attr]


class TestSchemesInForce:
    """schemes.in_force(day): the presets in force on a day, in PRESETS order."""

    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            ("2018-05-15", []),
            ("2021-12-31", ["vinh-phuc-2021", "hanoi-3814-2018"]),
            ("2024-12-31", ["vinh-phuc-2021", "qd-124-2023", "nd-90-2020", "hanoi-3814-2018"]),
            ("2025-08-29", ["qd-124-2023", "nd-90-2020", "hanoi-3814-2018"]),
            ("2025-08-30", ["qd-366-2025", "nd-90-2020", "hanoi-3814-2018"]),
            ("2026-01-01", ["qd-366-2025", "nd-335-2025", "hanoi-3814-2018"]),
        ],
    )
    def test_on_a_day(self, day: str, expected: list[str]) -> None:
        assert expected == [s.name for s in in_force(day)]

    def test_a_bad_day_is_refused(self) -> None:
        with pytest.raises(InvalidValue):
            in_force("the 32nd of May")


class TestRefusal:
    """Each preset refuses, by default, a period it did not govern; with the flag it rates it."""

    @pytest.mark.parametrize("name", list(PRESETS))
    def test_refused_outside_its_dates(self, name: str) -> None:
        outside, _ = OUTSIDE_INSIDE[name]
        scheme = PRESETS[name]
        with pytest.raises(OutOfForce) as raised:
            evaluate_dossier(dossier(outside), scheme=scheme, circumstances=nothing_adverse())
        governing = ", ".join(s.name for s in in_force(f"{outside}-12-31"))
        assert raised.value.path == "period"
        assert f"in force on 31/12/{outside}: {governing or 'none of the presets'}" in str(
            raised.value
        )

    @pytest.mark.parametrize("name", list(PRESETS))
    def test_rated_on_request_with_a_finding(self, name: str) -> None:
        outside, _ = OUTSIDE_INSIDE[name]
        scheme = PRESETS[name]
        facts = nothing_adverse()
        e = evaluate_dossier(
            dossier(outside), scheme=scheme, circumstances=facts, allow_out_of_force=True
        )
        stale = [f for f in e.findings if f.kind is FindingKind.OUT_OF_FORCE]
        assert len(stale) == 1
        assert scheme.in_force is not None and scheme.in_force.source == stale[0].basis
        assert f"{name}/out-of-force" == stale[0].clause
        assert "out-of-force" in json.dumps(io.dump_evaluation(e))
        # the dates change nothing else: the same facts under the dateless scheme
        same = evaluate_dossier(dossier(outside), scheme=timeless(scheme), circumstances=facts)
        assert (same.total, same.rating) == (e.total, e.rating)
        assert [f for f in e.findings if f.kind is not FindingKind.OUT_OF_FORCE] == list(
            same.findings
        )

    @pytest.mark.parametrize("name", list(PRESETS))
    def test_inside_its_dates_no_finding(self, name: str) -> None:
        _, inside = OUTSIDE_INSIDE[name]
        e = evaluate_dossier(dossier(inside), scheme=PRESETS[name], circumstances=nothing_adverse())
        assert not any(f.kind is FindingKind.OUT_OF_FORCE for f in e.findings)

    def test_evaluate_and_histories_refuse_too(self) -> None:
        d = dossier(2022)
        with pytest.raises(OutOfForce):
            evaluate(
                d.assignment, d.report, scheme=PRESETS["qd-366-2025"],
                scoresheets=d.scoresheets, council=d.council,
            )  # fmt: skip
        with pytest.raises(OutOfForce):
            histories_of(Cohort([d]), PRESETS["qd-366-2025"])
        (history,) = histories_of(Cohort([d]), PRESETS["qd-366-2025"], allow_out_of_force=True)
        assert history.evaluations[0].findings[0].kind == FindingKind.OUT_OF_FORCE

    def test_the_period_is_judged_on_its_last_day(self) -> None:
        """A 2025 year closed after 30/8/2025: QĐ 366 governs it, QĐ 124 does not."""
        d = dossier(2025)
        evaluate_dossier(d, scheme=PRESETS["qd-366-2025"], circumstances=nothing_adverse())
        with pytest.raises(OutOfForce):
            evaluate_dossier(d, scheme=PRESETS["qd-124-2023"], circumstances=nothing_adverse())

    def test_a_scheme_without_dates_is_never_refused(self) -> None:
        scheme: Scheme = timeless(PRESETS["nd-335-2025"])
        assert scheme.in_force is None
        e = evaluate_dossier(dossier(1999), scheme=scheme, circumstances=nothing_adverse())
        assert not any(f.kind is FindingKind.OUT_OF_FORCE for f in e.findings)


class TestCliChoice:
    """Without --scheme, the CLI rates under the national preset in force when the period closed.

    A provincial preset binds only its province, which a document does not say: it is
    never chosen for you, and the error names it when it was in force.
    """

    def run(self, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
        code = main(list(argv))
        captured = capsys.readouterr()
        return code, captured.out + captured.err

    @pytest.mark.parametrize(
        ("year", "expected"),
        [
            (2024, "qd-124-2023"),
            (2025, "qd-366-2025"),  # in force from 30/8/2025, before the year closed
            (2026, "qd-366-2025"),  # NĐ 335 also in force; the Party rule is preferred
        ],
    )
    def test_the_preset_in_force(
        self, year: int, expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = tmp_path / f"d-{year}.json"
        io.write(dossier(year), path)
        code, out = self.run(capsys, "evaluate", str(path), "--lang", "en", "--format", "json")
        assert code == 0
        assert expected == json.loads(out)["scheme"]

    def test_2021_has_no_national_preset(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = tmp_path / "d-2021.json"
        io.write(dossier(2021), path)
        code, out = self.run(capsys, "evaluate", str(path), "--lang", "en")
        assert code == 1
        assert (
            "expected a period a national preset governs, or --scheme NAME (in force then, for "
            "its province only: vinh-phuc-2021, hanoi-3814-2018)"
        ) in out

    def test_the_2021_pilot_cohort_names_its_rule(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out = self.run(
            capsys, "recommend", "--example", "vinh-phuc-2021", "--scheme", "vinh-phuc-2021",
            "--rule", "vinh-phuc-pilot", "--lang", "en",
        )  # fmt: skip
        assert code == 0
        assert "scored under vinh-phuc-2021" in out

    def test_no_default_rule(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A repealed rule is not a default (LAW_2019 ceased on 1/7/2025): --rule is required."""
        code, out = self.run(capsys, "recommend", "--example", "vinh-phuc-2021", "--lang", "en")
        assert code == 2
        assert "--rule" in out

    def test_no_preset_in_force(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        path = tmp_path / "d-2017.json"
        io.write(dossier(2017), path)
        code, out = self.run(capsys, "evaluate", str(path), "--lang", "en")
        assert code == 1
        assert "a period a national preset governs, or --scheme NAME, got" in out
