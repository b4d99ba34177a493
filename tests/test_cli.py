"""The khoan command: validate, evaluate, examples, schema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from khoan import Cohort, Dossier, Period, io
from khoan.cli import main
from khoan.consequences import RULES
from khoan.schemes import PRESETS


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    """Run khoan in English unless asked otherwise; return the exit code and all it wrote."""
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


class TestValidate:
    def test_valid_example_prints_a_summary_and_exits_0(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = tmp_path / "nd.json"
        io.write(io.load_example("nguyet-duc-2022"), path)
        code, out = run(capsys, "validate", str(path), "--lang", "en")
        assert code == 0
        assert out.count("\n") == 1
        assert out.startswith(f"{path}: valid dossier") and "21 items" in out

    def test_broken_copy_lists_each_problem(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A deliberately broken copy of the example: every problem, with its path."""
        data = io.dump(io.load_example("nguyet-duc-2022"))
        items = data["assignment"]["items"]
        items[3]["weight"] = "-5"
        items[4]["tags"] = ["urgent"]
        items[5]["target"] = 12.5
        data["cadres"][0]["appointed_on"] = "1/7/2020"
        data["report"]["outcomes"][0]["item"] = "no-such-item"
        data["scoresheets"][0]["items"][items[0]["id"]] = "99"
        data["surprise"] = "field"
        path = tmp_path / "broken.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        code, out = run(capsys, "validate", str(path), "--lang", "en")
        assert code == 1
        lines = out.splitlines()
        assert lines[0] == f"{path}: 5 problems"
        reported = "\n".join(lines[1:])
        for expected in (
            "assignment.items[3].weight: expected a positive number, got -5",
            "assignment.items[4].tags[0]: expected one of 'hard', 'new'",
            "assignment.items[5].target: expected an exact number written as a string",
            "cadres[0].appointed_on: expected an ISO 8601 date",
            "surprise: expected one of the fields of Dossier",
        ):
            assert expected in reported

    def test_cross_fact_problems_are_listed_once_the_parts_are_sound(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        data = io.dump(io.load_example("nguyet-duc-2022"))
        first = data["assignment"]["items"][0]["id"]
        data["report"]["outcomes"][0]["item"] = "no-such-item"
        data["scoresheets"][0]["items"][first] = "99"
        path = tmp_path / "broken.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        code, out = run(capsys, "validate", str(path), "--lang", "en")
        assert code == 1
        assert "report.outcomes[0].item: expected the id of an item assigned" in out
        assert f"scoresheets[0].items.{first}: expected points within [0," in out
        assert "[UnknownReference]" in out and "[OutOfRange]" in out

    def test_missing_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        code, out = run(capsys, "validate", str(tmp_path / "none.json"), "--lang", "en")
        assert code == 1
        assert "expected a readable file" in out

    def test_not_json(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        path = tmp_path / "x.json"
        path.write_text("{", encoding="utf-8")
        code, out = run(capsys, "validate", str(path), "--lang", "en")
        assert code == 1
        assert "valid JSON" in out


class TestEvaluate:
    def test_example_prints_every_item(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out = run(
            capsys, "evaluate", "--example", "nguyet-duc-2022", "--scheme", "vinh-phuc-2021"
        )
        assert code == 0
        dossier = io.load_example("nguyet-duc-2022")
        assert isinstance(dossier, Dossier)
        for item in dossier.assignment.items:
            assert item.title in out

    def test_readme_main_command(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Without --scheme, the 2022 dossier is rated under the pilot rule in force then."""
        code, out = run(
            capsys, "evaluate", "--example", "nguyet-duc-2022", "--scheme", "vinh-phuc-2021"
        )
        assert code == 0
        assert "theo vinh-phuc-2021" in out
        assert "Tổng điểm: 95,12/100" in out

    def test_a_preset_out_of_force_is_refused(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out = run(
            capsys, "evaluate", "--example", "nguyet-duc-2022", "--scheme", "qd-366-2025"
        )
        assert code == 1
        assert "OutOfForce" in out
        assert "in force on 31/12/2022: vinh-phuc-2021, hanoi-3814-2018" in out
        assert "--allow-out-of-force" in out

    def test_a_preset_out_of_force_on_request(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out = run(
            capsys, "evaluate", "--example", "nguyet-duc-2022", "--scheme", "qd-366-2025",
            "--allow-out-of-force",
        )  # fmt: skip
        assert code == 0
        assert "Tổng điểm: 93,08/100" in out
        assert "Chuyển hội đồng quyết định, chưa xếp loại" in out
        assert "qd-366-2025 có hiệu lực từ 30/08/2025, không áp dụng vào ngày 31/12/2022" in out

    def test_english(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out = run(
            capsys, "evaluate", "--example", "nguyet-duc-2022", "--scheme", "nd-335-2025",
            "--lang", "en", "--allow-out-of-force",
        )  # fmt: skip
        assert code == 0
        assert "Rating: " in out and "Assumptions:" in out

    def test_missing_data_is_reported_not_a_traceback(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        dossier = io.load_example("nguyet-duc-2022")
        assert isinstance(dossier, Dossier)
        path = tmp_path / "no-council.json"
        io.write(attrs.evolve(dossier, council=None, scoresheets=()), path)
        code, out = run(
            capsys, "evaluate", str(path), "--lang", "en", "--scheme", "qd-366-2025",
            "--allow-out-of-force",
        )  # fmt: skip
        assert code == 1
        assert "parts.general: expected council criteria" in out

    def test_needs_exactly_one_source(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["evaluate"]) == 2
        assert "FILE" in capsys.readouterr().err

    def test_cohort_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        path = tmp_path / "vp.json"
        io.write(io.load_example("vinh-phuc-2021"), path)
        code, out = run(
            capsys, "evaluate", str(path), "--lang", "en", "--scheme", "qd-366-2025",
            "--allow-out-of-force",
        )  # fmt: skip
        assert code == 0
        assert "Moved by the quota:" in out
        assert out.count("bi-thu-cap-huyen ") == 9

    def test_cohort_without_quota(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out = run(
            capsys,
            "evaluate",
            "--example",
            "vinh-phuc-2021",
            "--scheme",
            "vinh-phuc-2021",
            "--no-quota",
        )
        assert code == 0
        assert "Điều chỉnh theo tỷ lệ" not in out


class TestRecommend:
    def test_pilot_cohort_under_qd_377(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out = run(
            capsys, "recommend", "--example", "vinh-phuc-2021", "--scheme", "vinh-phuc-2021",
            "--rule", "qd-377-2025", "--lang", "en",
        )  # fmt: skip
        assert code == 0
        assert "2 recommendations" in out
        assert "Recommendation for gd-so-cong-thuong under qd-377-2025: relieve of post" in out
        assert "Exception: in post since 2021-06-23: under one year" in out

    def test_multi_year_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Two years of the same heads: the 2019 law looks for consecutive years."""
        pilot = io.load_example("vinh-phuc-2021")
        assert isinstance(pilot, Cohort)
        later = [
            attrs.evolve(
                d,
                inspections=(),
                assignment=attrs.evolve(
                    d.assignment,
                    id=d.assignment.id.replace("2021", "2022"),
                    period=Period(2022),
                    issued_on=d.assignment.issued_on.replace(year=2022),
                    items=tuple(
                        attrs.evolve(i, deadline=i.deadline.replace(year=2022)) if i.deadline else i
                        for i in d.assignment.items
                    ),
                ),
            )
            for d in pilot.dossiers
        ]
        path = tmp_path / "two-years.json"
        io.write(attrs.evolve(pilot, dossiers=(*pilot.dossiers, *later)), path)
        code, out = run(
            capsys, "recommend", str(path), "--rule", "law-2019", "--lang", "en",
            "--scheme", "qd-366-2025", "--allow-out-of-force",
        )  # fmt: skip
        assert code == 0
        assert "periods 2021, 2022" in out
        # Both years are referred under QĐ 366 (points and conditions disagree), so the
        # two-year clauses are found but recommend a review, never the removal itself.
        assert "gd-so-cong-thuong under law-2019: review" in out  # a civil servant
        assert "ct-song-lo under law-2019: review" in out  # a cadre
        assert "referred to the council" in out

    def test_rules_lists_every_preset(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out = run(capsys, "rules")
        assert code == 0
        for name in RULES:
            assert name in out

    def test_rules_say_what_each_preset_covers_and_omits(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Issue 10: partial presets are marked (QĐ 41 covers three of six removal grounds)."""
        code, out = run(capsys, "rules", "--format", "json")
        assert code == 0
        by_name = {r["name"]: r for r in json.loads(out)["rules"]}
        assert by_name["qd-41-2021"]["covers"] == [
            "2-consecutive",
            "low-confidence-two-thirds",
            "low-confidence-half",
        ]
        omitted = [r["en"] for r in by_name["qd-41-2021"]["not_covered"]]
        assert [g.split(":")[0] for g in omitted[:4]] == [
            "removal ground (1)",
            "removal ground (2)",
            "removal ground (5)",
            "removal ground (6)",
        ]
        assert by_name["qd-377-2025"]["not_covered"][0]["en"].startswith("ground 2:")
        code, text = run(capsys, "rules", "--lang", "en")
        assert "\tnot covered: removal ground (6): violations of political standards" in text

    def test_recommend_explains_silence_and_prints_assumptions(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Issue 10: NĐ 335 passes over three cadres rated Not achieved, and says why."""
        code, out = run(
            capsys,
            "recommend",
            "--example",
            "vinh-phuc-2021",
            "--rule",
            "nd-335-2025",
            "--lang",
            "en",
            "--scheme",
            "qd-366-2025",
            "--allow-out-of-force",
        )
        assert code == 0
        for cadre in ("bt-vinh-tuong", "ct-song-lo", "ct-tam-dao"):
            assert (
                f"No recommendation for {cadre} under nd-335-2025 (Not achieved: 2021), because:"
                in out
            )
        assert "Scheme qd-366-2025 (2) behind the ratings below:" in out
        assert "owed" not in out
        code, out = run(
            capsys,
            "recommend",
            "--example",
            "vinh-phuc-2021",
            "--scheme",
            "vinh-phuc-2021",
            "--rule",
            "vinh-phuc-pilot",
        )
        assert "nội dung cụ thể trong QĐ 371 chưa xác minh được" in out
        assert "Các bước còn phải thực hiện" not in out


class TestProgressAndCalendar:
    def test_progress_at_the_q3_inspection(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out = run(
            capsys, "progress", "--example", "nguyet-duc-2022", "--as-of", "2022-09-30",
            "--lang", "en",
        )  # fmt: skip
        assert code == 0
        assert "Needing attention:" in out
        assert "02 (behind)" in out
        assert "(at risk)" in out
        assert "ht02 [conditions] overdue" in out

    def test_progress_takes_a_vietnamese_date(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out = run(capsys, "progress", "--example", "nguyet-duc-2022", "--as-of", "30/9/2022")
        assert code == 0
        assert "Tiến độ đến ngày 2022-09-30" in out

    def test_progress_refuses_a_bad_date(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["progress", "--example", "nguyet-duc-2022", "--as-of", "9/2022"]) == 2
        assert "--as-of" in capsys.readouterr().err

    def test_calendar(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out = run(capsys, "calendar", "2026", "--lang", "en")
        assert code == 0
        assert "2026-12-15" in out
        assert out.count("Quarterly inspection") == 4

    def test_calendar_with_working_days(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out = run(capsys, "calendar", "2026", "--working-days", "--quarter-days", "10")
        assert code == 0
        assert "2026-10-09" in out  # 10 Oct 2026 is a Saturday


class TestOther:
    def test_schemes_lists_every_preset(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out = run(capsys, "schemes")
        assert code == 0
        for name in PRESETS:
            assert name in out

    def test_examples_lists_both(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out = run(capsys, "examples")
        assert code == 0
        assert [line.split("\t")[0] for line in out.splitlines()] == list(io.example_names())

    def test_schema_is_the_shipped_file(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out = run(capsys, "schema")
        assert code == 0
        assert json.loads(out) == io.json_schema()

    def test_no_command_prints_help(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out = run(capsys, "--lang", "en")
        assert code == 2
        assert "validate" in out

    def test_python_dash_m(self) -> None:
        done = subprocess.run(
            [sys.executable, "-m", "khoan", "examples"], capture_output=True, text=True, check=True
        )
        assert "nguyet-duc-2022" in done.stdout
