"""The khoan command follows the conventions: versions, languages, formats, streams, exit codes."""

from __future__ import annotations

import csv
import io as stdio
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from khoan import io
from khoan._io.outputs import OUTPUT_KINDS, json_pointer, output_schema
from khoan.cli import COMMANDS, main

SCHEMA_DIR = Path(io.__file__).resolve().parent / "schema"
KHOAN = Path(sys.executable).parent / "khoan"


def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    """Run khoan; return the exit code, standard output and standard error."""
    out, err = stdio.StringIO(), stdio.StringIO()
    code = main(list(argv), stdout=out, stderr=err, stdin=stdio.StringIO(stdin))
    return code, out.getvalue(), err.getvalue()


def broken_document(tmp_path: Path, weights: int = 1) -> Path:
    """The example with negative weights on ``weights`` items."""
    data = io.dump(io.load_example("nguyet-duc-2022"))
    for k in range(weights):
        data["assignment"]["items"][k]["weight"] = "-5"
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


# (argv, output kind) for every command that prints results
RESULTS = [
    (["evaluate", "--example", "nguyet-duc-2022", "--scheme", "vinh-phuc-2021"], "evaluation"),
    (
        ["evaluate", "--example", "vinh-phuc-2021", "--scheme", "vinh-phuc-2021"],
        "cohort-evaluation",
    ),
    (
        [
            "recommend",
            "--example",
            "vinh-phuc-2021",
            "--scheme",
            "vinh-phuc-2021",
            "--rule",
            "qd-377-2025",
        ],
        "recommendations",
    ),
    (["progress", "--example", "nguyet-duc-2022", "--as-of", "2022-09-30"], "progress"),
    (["calendar", "2026", "--quarter-days", "10", "--report-days", "5"], "calendar"),
    (["schemes"], "schemes"),
    (["rules"], "rules"),
    (["examples"], "examples"),
]


class TestVersionAndHelp:
    """--version, and --help on every command with an example and the exit codes."""

    def test_version(self) -> None:
        code, out, _ = run("--version")
        assert code == 0
        assert out.startswith("khoan ") and out.strip() != "khoan"

    @pytest.mark.parametrize("command", [c.name for c in COMMANDS])
    @pytest.mark.parametrize(
        ("lang", "example", "codes"),
        [("en", "example:", "exit codes:"), ("vi", "ví dụ:", "mã thoát:")],
    )
    def test_help_has_an_example_and_the_exit_codes(
        self, command: str, lang: str, example: str, codes: str
    ) -> None:
        code, out, err = run(command, "--help", "--lang", lang)
        assert (code, err) == (0, "")
        assert f"{example}\n  khoan {command}" in out
        assert codes in out and "3" in out.split(codes)[1]

    def test_help_is_vietnamese_by_default(self) -> None:
        code, out, _ = run("--help")
        assert code == 0
        assert out.startswith("cách dùng: khoan")

    def test_no_command_is_a_usage_error_on_stderr(self) -> None:
        code, out, err = run()
        assert (code, out) == (2, "")
        assert "COMMAND" in err


class TestLanguages:
    """--lang on every command, errors included; values shown without Python reprs."""

    @pytest.mark.parametrize("command", [c.name for c in COMMANDS])
    def test_every_command_takes_lang(self, command: str) -> None:
        code, _, err = run(command, "--lang", "en", "--help")
        assert code == 0, err

    def test_problems_in_english_without_reprs(self, tmp_path: Path) -> None:
        code, out, err = run("evaluate", str(broken_document(tmp_path)), "--lang", "en")
        assert (code, out) == (1, "")
        assert "assignment.items[0].weight: expected a positive number, got -5" in err
        assert "Decimal(" not in err and "datetime" not in err

    def test_problems_in_vietnamese(self, tmp_path: Path) -> None:
        code, out, err = run("validate", str(broken_document(tmp_path)))
        assert code == 1
        assert "assignment.items[0].weight: cần một số dương, nhận được -5" in out
        assert "giá trị không hợp lệ" in out
        assert err == ""

    def test_a_date_in_vietnamese_form(self) -> None:
        from khoan._cli.base import describe
        from khoan.exceptions import OutOfPeriod

        problem = OutOfPeriod("report.submitted_on", __import__("datetime").date(2031, 12, 31), "x")
        assert "nhận được 31/12/2031" in describe(problem, "vi")
        assert "got 2031-12-31" in describe(problem, "en")

    def test_usage_errors_in_vietnamese(self) -> None:
        code, out, err = run("evaluate", "--example", "no-such")
        assert (code, out) == (2, "")
        assert "lựa chọn không có" in err and "Xem 'khoan evaluate --help'" in err

    def test_usage_errors_in_english(self) -> None:
        code, _, err = run("evaluate", "--lang", "en", "--example", "no-such")
        assert code == 2
        assert "invalid choice" in err and "Try 'khoan evaluate --help'" in err


class TestStreamsAndExitCodes:
    """Results to stdout, problems to stderr; 0, 1, 2, 3 and never a traceback."""

    def test_problems_are_grouped_and_capped(self, tmp_path: Path) -> None:
        path = broken_document(tmp_path, weights=9)
        code, out, err = run("evaluate", str(path), "--lang", "en")
        assert (code, out) == (1, "")
        assert "invalid values (9) [InvalidValue]" in err
        assert "... and 4 more (--all shows every one)" in err
        assert err.count("got -5") == 5
        code, _, err = run("evaluate", str(path), "--lang", "en", "--all")
        assert err.count("got -5") == 9 and "more" not in err

    def test_problems_as_json_on_stderr(self, tmp_path: Path) -> None:
        code, out, err = run("evaluate", str(broken_document(tmp_path)), "--format", "json")
        assert (code, out) == (1, "")
        data = json.loads(err)
        jsonschema.validate(data, output_schema("problems"))
        pointers = {p["pointer"] for p in data["files"][0]["problems"]}
        assert "/assignment/items/0/weight" in pointers

    def test_internal_error_exit_3_without_traceback(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import khoan._cli.commands as commands

        def boom(*args: object, **kwargs: object) -> None:
            raise RuntimeError("bug")

        monkeypatch.setattr(commands, "evaluate_dossier", boom)
        monkeypatch.delenv("KHOAN_DEBUG", raising=False)
        code, out, err = run(
            "evaluate", "--example", "nguyet-duc-2022", "--scheme", "vinh-phuc-2021", "--lang", "en"
        )
        assert (code, out) == (3, "")
        assert "internal error (RuntimeError)" in err and "please report it" in err
        assert "Traceback" not in err

    def test_missing_optional_package_is_a_problem_not_a_bug(self) -> None:
        code, out, err = run("import", "/no/such/file.xlsx", "--lang", "en")
        assert (code, out) == (1, "")
        assert "readable file" in err

    def test_stdin(self) -> None:
        text = io.dumps(io.load_example("nguyet-duc-2022"))
        code, out, _ = run("validate", "-", "--lang", "en", stdin=text)
        assert code == 0
        assert out.startswith("<stdin>: valid dossier")
        code, out, _ = run(
            "evaluate", "-", "--scheme", "vinh-phuc-2021", "--format", "json", stdin=text
        )
        assert code == 0 and json.loads(out)["kind"] == "evaluation"

    def test_through_a_real_pipe(self, tmp_path: Path) -> None:
        """The issue's own test: the JSON output parses, from the installed command."""
        command = (
            f"{shlex.quote(str(KHOAN))} evaluate --example vinh-phuc-2021"
            " --scheme vinh-phuc-2021 --format json"
            f' | {shlex.quote(sys.executable)} -c "import json,sys; json.load(sys.stdin)"'
        )
        done = subprocess.run(
            ["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True
        )
        assert (done.returncode, done.stderr) == (0, "")
        done = subprocess.run(
            [
                str(KHOAN),
                "evaluate",
                "--example",
                "vinh-phuc-2021",
                "--scheme",
                "vinh-phuc-2021",
                "--format",
                "json",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        jsonschema.validate(json.loads(done.stdout), output_schema("cohort-evaluation"))


class TestFormats:
    """--format table|json|csv and --out FILE on every command that prints results."""

    @pytest.mark.parametrize(("argv", "kind"), RESULTS)
    def test_json_validates_against_its_published_schema(self, argv: list[str], kind: str) -> None:
        code, out, err = run(*argv, "--format", "json")
        assert (code, err) == (0, "")
        data = json.loads(out)
        assert (data["schema"], data["kind"]) == ("khoan/1", kind)
        jsonschema.validate(data, output_schema(kind))

    @pytest.mark.parametrize(("argv", "kind"), RESULTS)
    def test_csv_has_a_header_and_rows(self, argv: list[str], kind: str) -> None:
        code, out, _ = run(*argv, "--format", "csv")
        assert code == 0
        rows = list(csv.reader(stdio.StringIO(out)))
        assert len(rows) >= 2
        assert {len(r) for r in rows} == {len(rows[0])}

    @pytest.mark.parametrize(("argv", "kind"), RESULTS)
    def test_out_writes_the_file_and_prints_nothing(
        self, argv: list[str], kind: str, tmp_path: Path
    ) -> None:
        target = tmp_path / "out.json"
        code, out, _ = run(*argv, "--format", "json", "--out", str(target))
        assert (code, out) == (0, "")
        assert json.loads(target.read_text(encoding="utf-8"))["kind"] == kind

    def test_validate_json_lists_json_pointers(self, tmp_path: Path) -> None:
        good = tmp_path / "good.json"
        io.write(io.load_example("nguyet-duc-2022"), good)
        code, out, _ = run(
            "validate", str(good), str(broken_document(tmp_path)), "--format", "json"
        )
        assert code == 1
        data = json.loads(out)
        jsonschema.validate(data, output_schema("problems"))
        assert [f["valid"] for f in data["files"]] == [True, False]
        assert "/assignment/items/0/weight" in {p["pointer"] for p in data["files"][1]["problems"]}

    def test_an_unwritable_out_is_a_problem(self, tmp_path: Path) -> None:
        code, _, err = run("schemes", "--out", str(tmp_path / "no" / "such" / "x"), "--lang", "en")
        assert code == 1
        assert "--out: expected a file that can be written" in err

    def test_wide_tables_follow_the_terminal(self, monkeypatch: pytest.MonkeyPatch) -> None:
        class Tty(stdio.StringIO):
            def isatty(self) -> bool:
                return True

        monkeypatch.setenv("COLUMNS", "40")
        out = Tty()
        assert (
            main(
                ["evaluate", "--example", "nguyet-duc-2022", "--scheme", "vinh-phuc-2021"],
                stdout=out,
            )
            == 0
        )
        assert max(len(line) for line in out.getvalue().splitlines()) == 40


class TestPublishedSchemas:
    """Each output's schema ships with the package, identical to what the code generates."""

    @pytest.mark.parametrize("kind", OUTPUT_KINDS)
    def test_shipped_file_is_the_generated_schema(self, kind: str) -> None:
        path = SCHEMA_DIR / f"khoan-1.{kind}.schema.json"
        generated = json.dumps(output_schema(kind), ensure_ascii=False, indent=2) + "\n"
        if os.environ.get("KHOAN_UPDATE_SNAPSHOTS"):
            path.write_text(generated, encoding="utf-8")
        assert generated == path.read_text(encoding="utf-8")
        jsonschema.Draft202012Validator.check_schema(json.loads(generated))

    @pytest.mark.parametrize("kind", OUTPUT_KINDS)
    def test_khoan_schema_prints_it(self, kind: str) -> None:
        code, out, _ = run("schema", kind)
        assert code == 0
        assert json.loads(out) == output_schema(kind)

    def test_a_wrong_output_fails_its_schema(self) -> None:
        """The schemas are strict enough to catch a renamed field."""
        _, out, _ = run(
            "progress", "--example", "nguyet-duc-2022", "--as-of", "2022-09-30", "--format", "json"
        )
        data: dict[str, Any] = json.loads(out)
        data["progress"][0]["items"][0]["state"] = data["progress"][0]["items"][0].pop("status")
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(data, output_schema("progress"))

    def test_json_pointer_of_quoted_keys(self) -> None:
        assert json_pointer('scoresheets[0].items["a/b"]') == "/scoresheets/0/items/a~1b"


class TestCalendarIcs:
    """khoan calendar YEAR --ics: an iCalendar file a phone or Outlook imports."""

    def test_one_all_day_event_per_entry(self, tmp_path: Path) -> None:
        import icalendar

        from khoan.calendar import calendar

        target = tmp_path / "lich.ics"
        code, out, _ = run(
            "calendar", "2026", "--ics", "--quarter-days", "10", "--out", str(target)
        )
        assert (code, out) == (0, "")
        parsed = icalendar.Calendar.from_ical(target.read_bytes())
        events = [c for c in parsed.walk() if c.name == "VEVENT"]
        entries = calendar(2026, quarter_days=10)
        assert [e.date for e in entries] == [ev.decoded("dtstart") for ev in events]
        assert [e.what.vi for e in entries] == [str(ev["summary"]) for ev in events]
        assert len({str(ev["uid"]) for ev in events}) == len(events)

    def test_english_summaries_and_stable_output(self) -> None:
        first = run("calendar", "2026", "--ics", "--lang", "en")[1]
        assert "SUMMARY:Quarterly inspection of progress" in first
        assert first == run("calendar", "2026", "--ics", "--lang", "en")[1]


class TestCoreOnly:
    """pip install . (attrs and python-dateutil only) still gives a working khoan command."""

    def test_without_the_extras(self, tmp_path: Path) -> None:
        """The extras are hidden from a child interpreter; the README's first command runs."""
        blocker = tmp_path / "sitecustomize.py"
        blocker.write_text(
            "import sys\n"
            "class _Block:\n"
            "    def find_spec(self, name, path=None, target=None):\n"
            "        if name.split('.')[0] in {'openpyxl', 'icalendar', 'jsonschema', 'mkdocs',"
            " 'hypothesis', 'holidays'}:\n"
            "            raise ImportError(name)\n"
            "sys.meta_path.insert(0, _Block())\n",
            encoding="utf-8",
        )
        env = {**os.environ, "PYTHONPATH": str(tmp_path)}
        done = subprocess.run(
            [sys.executable, "-m", "khoan", "evaluate", "--example", "nguyet-duc-2022",
             "--scheme", "vinh-phuc-2021"],
            capture_output=True, text=True, env=env,
        )  # fmt: skip
        assert (done.returncode, done.stderr) == (0, "")
        assert "Tổng điểm: 95,12/100" in done.stdout
        done = subprocess.run(
            [sys.executable, "-m", "khoan", "template", "--out", str(tmp_path / "m.xlsx"),
             "--lang", "en"],
            capture_output=True, text=True, env=env,
        )  # fmt: skip
        assert done.returncode == 1
        assert "pip install 'khoan[excel]'" in done.stderr and "Traceback" not in done.stderr


class TestVietnameseNumbers:
    """Tables people read in Vietnamese write 52,6 and 93,08; CSV and JSON keep the point."""

    def test_dossier_table(self) -> None:
        code, out, _ = run("evaluate", "--example", "nguyet-duc-2022", "--scheme", "vinh-phuc-2021")
        assert code == 0
        assert "52,6  4,00" in out and "52.6" not in out.split("\n\n")[0]
        code, out, _ = run(
            "evaluate", "--example", "nguyet-duc-2022", "--scheme", "vinh-phuc-2021",
            "--format", "csv",
        )  # fmt: skip
        assert "01,4,45,52.6,4.00," in out

    def test_cohort_table(self) -> None:
        code, out, _ = run("evaluate", "--example", "vinh-phuc-2021", "--scheme", "vinh-phuc-2021")
        assert code == 0 and "96,90" in out and "96.90" not in out
        _, english, _ = run(
            "evaluate", "--example", "vinh-phuc-2021", "--scheme", "vinh-phuc-2021", "--lang", "en"
        )
        assert "96.90" in english
