"""khoan.analysis: compare and sweep, their laws, notebook display, and the CLI commands."""

from __future__ import annotations

import sys
from collections import Counter
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khoan import Assignee, Cohort, Rating, apply_quota, cap_by_collective, evaluate_dossier, io
from khoan.analysis import Comparison, compare, parameters, sweep
from khoan.cli import main
from khoan.consequences import RULES, Action, History, recommend
from khoan.exceptions import InvalidValue, KhoanError
from khoan.schemes import PRESETS, FallThrough, MissingData, Scheme
from khoan.testing import cohorts

_PILOT = io.load_example("vinh-phuc-2021")
assert isinstance(_PILOT, Cohort)
PILOT: Cohort = _PILOT
_FEW = max(10, settings().max_examples // 5)  # whole cohorts are slow to draw


def scoring_everything(scheme: Scheme) -> Scheme:
    """The scheme with missing data counted as zero, so generated cohorts can be rated.

    (The presets refuse a dossier with nothing to score, which random cohorts
    nearly always have; the laws below would then hold vacuously.)
    """
    parts = tuple(attrs.evolve(p, missing=None) for p in scheme.parts)
    return attrs.evolve(scheme, missing=MissingData.ZERO, parts=parts)


def rated(cohort: Cohort, scheme: Scheme) -> tuple[list[Rating], list[Rating]]:
    """The ratings before and after the quota, the long way (the reference)."""
    evaluations = [
        evaluate_dossier(d, scheme=scheme, cohort=cohort, allow_out_of_force=True)
        for d in cohort.dossiers
    ]
    after = evaluations
    if scheme.quota is not None:
        after = list(apply_quota(evaluations, scheme.quota).evaluations)
    return [e.rating for e in evaluations], [e.rating for e in after]


class TestCompareUnderOneScheme:
    """Law: compare under one scheme equals evaluate + apply_quota, for every preset."""

    @pytest.mark.parametrize("name", list(PRESETS))
    def test_pilot_under_each_preset(self, name: str) -> None:
        scheme = PRESETS.get(name)
        c = compare(PILOT, schemes=[name])
        evaluations = [
            evaluate_dossier(d, scheme=scheme, cohort=PILOT, allow_out_of_force=True) for d in PILOT
        ]
        expected = (
            tuple(apply_quota(evaluations, scheme.quota).evaluations)
            if scheme.quota
            else tuple(evaluations)
        )
        assert expected == c.runs[0].after
        assert [e.rating for e in expected] == [r.standings[0].rating for r in c.rows]
        assert [e.rating for e in evaluations] == [r.standings[0].rated for r in c.rows]
        assert [e.total for e in expected] == [r.standings[0].total for r in c.rows]

    @pytest.mark.property
    @settings(max_examples=_FEW)
    @given(cohort=cohorts(), scheme=st.sampled_from(PRESETS.values()))
    def test_any_cohort_any_preset(self, cohort: Cohort, scheme: Scheme) -> None:
        scheme = scoring_everything(scheme)
        try:
            expected = rated(cohort, scheme)
        except KhoanError as err:
            with pytest.raises(type(err)):
                compare(cohort, schemes=[scheme])
            return
        c = compare(cohort, schemes=[scheme])
        actual = ([r.standings[0].rated for r in c.rows], [r.standings[0].rating for r in c.rows])
        assert expected == actual
        assert c.shifts == ()
        assert c.changed == ()


class TestCompareSeveralSchemes:
    """compare side by side: rows, shifts, names and actions agree with the parts."""

    def test_the_analysts_question(self) -> None:
        """NĐ 335 against the pilot: the shift counts what the rows show."""
        c = compare(PILOT, schemes=["vinh-phuc-2021", "nd-335-2025"], rules=["vinh-phuc-pilot"])
        pilot_before, pilot_after = rated(PILOT, PRESETS.get("vinh-phuc-2021"))
        nd_before, nd_after = rated(PILOT, PRESETS.get("nd-335-2025"))
        shift = c.shift("nd-335-2025")
        assert sum(a != b for a, b in zip(pilot_before, nd_before, strict=True)) == (
            shift.rated_changed
        )
        assert sum(a != b for a, b in zip(pilot_after, nd_after, strict=True)) == shift.changed
        assert sum(b < a for a, b in zip(pilot_after, nd_after, strict=True)) == shift.down
        assert shift.up + shift.down == shift.changed
        transferred = [
            sum(r.standings[k].action("vinh-phuc-pilot") is Action.TRANSFER for r in c.rows)
            for k in (0, 1)
        ]
        assert transferred[1] - transferred[0] == shift.into_adverse - shift.out_of_adverse

    def test_rows_carry_names_and_units(self) -> None:
        c = compare(PILOT, schemes=["qd-366-2025", "nd-90-2020"])
        cadres = {x.id: x for x in PILOT.cadres}
        for row in c.rows:
            assert cadres[row.assignee].name == row.name
            assert row.unit and row.unit != cadres[row.assignee].unit  # the unit's name, not id

    def test_actions_match_recommend_on_final_evaluations(self) -> None:
        c = compare(PILOT, schemes=["qd-366-2025"], rules=["law-2019", "vinh-phuc-pilot"])
        cadres = {x.id: x for x in PILOT.cadres}
        for rule in ("law-2019", "vinh-phuc-pilot"):
            histories = [History.of(cadres[e.assignee], [e]) for e in c.runs[0].after]
            found = {r.cadre: r.action for r in recommend(histories, RULES.get(rule))}
            assert {r.assignee: found.get(r.assignee, Action.NONE) for r in c.rows} == {
                r.assignee: r.standings[0].action(rule) for r in c.rows
            }

    def test_changed_rows_differ(self) -> None:
        c = compare(PILOT, schemes=["vinh-phuc-2021", "qd-366-2025"])
        for row in c.rows:
            differs = row.standings[0].rating != row.standings[1].rating
            assert differs == row.changed

    def test_without_quota_final_equals_rated(self) -> None:
        c = compare(PILOT, schemes=["qd-366-2025"], quota=False)
        assert [r.standings[0].rated for r in c.rows] == [r.standings[0].rating for r in c.rows]

    def test_collective_caps_the_head_as_cap_by_collective_does(self) -> None:
        """A unit's own assignment (here a copy of a failing one) caps the unit's head."""
        cadres = {x.id: x for x in PILOT.cadres}
        failing = next(d for d in PILOT if d.assignment.assignee.id == "ct-song-lo")
        unit = cadres["bt-vinh-yen"].unit
        assignment = attrs.evolve(failing.assignment, id="unit", assignee=Assignee.unit(unit))
        cohort = Cohort(
            [*PILOT.dossiers, attrs.evolve(failing, assignment=assignment)],
            org_chart=PILOT.org_chart,
            cadres=PILOT.cadres,
        )
        capped = compare(cohort, schemes=["vinh-phuc-2021"], collective=True)
        plain = compare(cohort, schemes=["vinh-phuc-2021"])
        head = next(i for i, r in enumerate(plain.rows) if r.assignee == "bt-vinh-yen")
        expected, move = cap_by_collective(plain.runs[0].after[head], plain.runs[0].after[-1])
        assert move is not None
        assert expected == capped.runs[0].after[head]
        assert (move,) == capped.runs[0].moves
        others = [r for i, r in enumerate(capped.runs[0].after) if i != head]
        assert [r for i, r in enumerate(plain.runs[0].after) if i != head] == others

    def test_sources_of_different_dates_are_named(self) -> None:
        c = compare(PILOT, schemes=["vinh-phuc-2021", "nd-335-2025"])
        assert any("Nghị định 335/2025" in n.en and "371-QĐ/TU" in n.en for n in c.notes)

    @pytest.mark.parametrize(
        ("kwargs", "path"),
        [
            ({"schemes": []}, "schemes"),
            ({"schemes": ["qd-366"]}, "schemes[0]"),
            ({"schemes": [3]}, "schemes[0]"),
            ({"schemes": ["qd-366-2025", "qd-366-2025"]}, "schemes"),
            ({"schemes": ["qd-366-2025"], "rules": ["law"]}, "rules[0]"),
        ],
    )
    def test_bad_arguments_name_the_field(self, kwargs: dict[str, object], path: str) -> None:
        with pytest.raises(InvalidValue) as caught:
            compare(PILOT, **kwargs)  # type: ignore[arg-type]
        assert path == caught.value.path


class TestSweepAtItsOwnValue:
    """Law: a sweep at the preset's own value equals the unswept result."""

    @pytest.mark.parametrize(
        ("scheme", "name"),
        [(s.name, p) for s in PRESETS.values() for p in parameters(s)],
    )
    def test_every_parameter_of_every_preset(self, scheme: str, name: str) -> None:
        own = parameters(scheme)[name].value_in(PRESETS.get(scheme))
        s = sweep(PILOT, scheme, name, [own])
        c = compare(PILOT, schemes=[scheme])
        assert c.runs[0].after == s.points[0].evaluations
        assert s.points[0].moved == ()
        assert s.baseline.evaluations == s.points[0].evaluations

    @pytest.mark.property
    @settings(max_examples=_FEW)
    @given(cohort=cohorts(), scheme=st.sampled_from(PRESETS.values()), data=st.data())
    def test_any_cohort(self, cohort: Cohort, scheme: Scheme, data: st.DataObject) -> None:
        scheme = scoring_everything(scheme)
        name = data.draw(st.sampled_from(list(parameters(scheme))))
        try:
            _, expected = rated(cohort, scheme)
        except KhoanError:
            return
        point = sweep(cohort, scheme, name, [parameters(scheme)[name].value_in(scheme)]).points[0]
        assert expected == [e.rating for e in point.evaluations]


class TestSweep:
    """sweep: counts follow the parameter, names move, bad values are refused."""

    def test_raising_the_achieved_edge_never_lowers_not_achieved(self) -> None:
        s = sweep(PILOT, "nd-90-2020", "band.achieved", range(30, 70, 5))
        counts = [p.count(Rating.NOT_ACHIEVED) for p in s.points]
        assert sorted(counts) == counts
        for p in s.points:
            assert len(PILOT) == sum(n for _, n in p.counts)

    def test_counts_equal_a_hand_built_scheme(self) -> None:
        scheme = PRESETS.get("qd-124-2023")
        edited = attrs.evolve(
            scheme,
            bands=tuple(
                attrs.evolve(b, lower=Fraction(60)) if b.rating is Rating.ACHIEVED else b
                for b in scheme.bands
            ),
        )
        _, expected = rated(PILOT, edited)
        point = sweep(PILOT, scheme, "band.achieved", ["60"]).points[0]
        assert Counter(expected) == Counter(dict(point.counts)) + Counter()

    def test_moved_names_the_assignments_that_changed(self) -> None:
        s = sweep(PILOT, "qd-366-2025", "quota.share", ["0.1", "0.2", "0.5"])
        for p in s.points:
            changed = tuple(
                e.assignment
                for e, b in zip(p.evaluations, s.baseline.evaluations, strict=True)
                if e.rating is not b.rating
            )
            assert changed == p.moved

    def test_fall_through_values_by_name(self) -> None:
        s = sweep(PILOT, "qd-366-2025", "fall_through", ["NEXT_LOWER", FallThrough.REFER])
        assert [p.value for p in s.points] == [FallThrough.NEXT_LOWER, FallThrough.REFER]

    @pytest.mark.parametrize(
        ("parameter", "value"),
        [
            ("band.good", "95"),  # above Excellent's edge: bands no longer decrease
            ("quota.share", "1.5"),
            ("band.achieved", "-1"),
            ("band.achieved", "fifty"),
            ("fall_through", "SOMETIMES"),
        ],
    )
    def test_bad_value_names_the_parameter(self, parameter: str, value: str) -> None:
        with pytest.raises(InvalidValue) as caught:
            sweep(PILOT, "qd-366-2025", parameter, [value])
        assert parameter == caught.value.path

    def test_unknown_parameter(self) -> None:
        with pytest.raises(InvalidValue) as caught:
            sweep(PILOT, "vinh-phuc-2021", "quota.share", ["0.2"])  # the pilot has no quota
        assert caught.value.path == "parameter"


class TestDisplay:
    """Notebook display: a short repr and an HTML table, not a dump."""

    def test_evaluation(self) -> None:
        e = evaluate_dossier(PILOT.dossiers[0], scheme=PRESETS.get("vinh-phuc-2021"), cohort=PILOT)
        assert len(repr(e)) < 200 and e.assignment in repr(e) and e.rating.name in repr(e)
        page = e._repr_html_()
        assert page.startswith("<table") and page.count("<tr>") == 1 + len(e.items) + len(e.parts)

    def test_recommendation_and_progress(self) -> None:
        from khoan.progress import progress_of

        c = compare(PILOT, schemes=["vinh-phuc-2021"], rules=["vinh-phuc-pilot"])
        ((_, _, found),) = c.recommendations
        assert found and all(r.cadre in r._repr_html_() for r in found)
        dossier = io.load_example("nguyet-duc-2022")
        assert isinstance(dossier, type(PILOT.dossiers[0]))
        p = progress_of(dossier, PILOT.dossiers[0].assignment.period.end)
        assert len(repr(p)) < 200 and p._repr_html_().count("<tr>") == 1 + len(p.items)

    def test_comparison(self) -> None:
        c = compare(PILOT, schemes=["vinh-phuc-2021", "nd-90-2020"])
        assert isinstance(c, Comparison) and len(repr(c)) < 200
        assert c._repr_html_().count("<tr>") == 1 + len(c.rows)
        assert "Nguyễn Hữu Thành" in c._repr_html_()


class TestCommands:
    """khoan compare / sweep: the issue's command, errors, and plots."""

    def test_the_issue_command(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        out = tmp_path / "out.png"
        code = main(["compare", "--example", "vinh-phuc-2021", "--scheme", "vinh-phuc-2021",
                     "--scheme", "nd-335-2025", "--plot", str(out)])  # fmt: skip
        text = capsys.readouterr().out
        assert code == 0
        c = compare(PILOT, schemes=["vinh-phuc-2021", "nd-335-2025"])
        assert c.shift("nd-335-2025").explain("vi") in text
        assert out.read_bytes()[:4] == b"\x89PNG"

    def test_sweep_band(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        out = tmp_path / "s.svg"
        code = main(["sweep", "--example", "vinh-phuc-2021", "--scheme", "nd-90-2020",
                     "--band", "ACHIEVED=40:65:5", "--lang", "en", "--plot", str(out)])  # fmt: skip
        text = capsys.readouterr().out
        s = sweep(PILOT, "nd-90-2020", "band.achieved", range(40, 66, 5))
        assert code == 0 and s.explain("en") in text
        assert "<svg" in out.read_text(encoding="utf-8")

    def test_bad_values_exit_1_with_the_path(self, capsys: pytest.CaptureFixture[str]) -> None:
        code = main(["sweep", "--example", "vinh-phuc-2021", "--parameter", "quota.share=2"])
        assert code == 1 and "quota.share" in capsys.readouterr().err

    def test_plot_needs_png_or_svg(self, capsys: pytest.CaptureFixture[str]) -> None:
        code = main(["compare", "--example", "vinh-phuc-2021", "--scheme", "qd-366-2025",
                     "--plot", "x.pdf", "--lang", "en"])  # fmt: skip
        assert code == 2
        assert "--plot: expected a .png or .svg file name" in capsys.readouterr().err

    def test_list_parameters(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["sweep", "--scheme", "qd-366-2025", "--list", "--lang", "en"]) == 0
        names = [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()]
        assert list(parameters("qd-366-2025")) == names

    def test_without_the_extra_the_plot_asks_for_it(
        self,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """No matplotlib: exit 1 naming the extra, and the table is still printed."""
        monkeypatch.setitem(sys.modules, "matplotlib", None)
        monkeypatch.delitem(sys.modules, "khoan.analysis._plots", raising=False)
        code = main(["compare", "--example", "vinh-phuc-2021", "--scheme", "qd-366-2025",
                     "--plot", str(tmp_path / "x.png"), "--lang", "en"])  # fmt: skip
        out, err = capsys.readouterr()
        assert code == 1
        assert "needs matplotlib: pip install 'khoan[analysis]'" in err
        assert compare(PILOT, schemes=["qd-366-2025"]).explain("en") in out
        assert not (tmp_path / "x.png").exists()


class TestJson:
    """--format json on compare and sweep, each valid against its published schema."""

    def run_json(self, capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
        import json

        assert main([*argv, "--format", "json"]) == 0
        data: dict[str, Any] = json.loads(capsys.readouterr().out)
        return data

    def test_compare(self, capsys: pytest.CaptureFixture[str]) -> None:
        import jsonschema

        from khoan.io import output_schema

        data = self.run_json(capsys, "compare", "--example", "vinh-phuc-2021",
                             "--scheme", "vinh-phuc-2021", "--scheme", "nd-335-2025")  # fmt: skip
        jsonschema.validate(data, output_schema("comparison"))
        c = compare(PILOT, schemes=["vinh-phuc-2021", "nd-335-2025"])
        assert len(c.rows) == len(data["rows"])
        assert c.shift("nd-335-2025").explain("vi") == data["shifts"][0]["vi"]
        first, written = c.rows[0].standings[1], data["rows"][0]["standings"][1]
        assert (str(first.total), first.rating.value) == (written["total"], written["rating"])

    def test_sweep_and_its_parameters(self, capsys: pytest.CaptureFixture[str]) -> None:
        import jsonschema

        from khoan.io import output_schema

        data = self.run_json(capsys, "sweep", "--example", "vinh-phuc-2021", "--scheme",
                             "nd-90-2020", "--band", "ACHIEVED=40:65:5")  # fmt: skip
        jsonschema.validate(data, output_schema("sweep"))
        s = sweep(PILOT, "nd-90-2020", "band.achieved", range(40, 66, 5))
        assert [p.count(Rating.ACHIEVED) for p in s.points] == [
            p["counts"]["achieved"] for p in data["points"]]  # fmt: skip
        listed = self.run_json(capsys, "sweep", "--scheme", "qd-366-2025", "--list")
        jsonschema.validate(listed, output_schema("sweep-parameters"))
        assert list(parameters("qd-366-2025")) == [p["name"] for p in listed["parameters"]]
