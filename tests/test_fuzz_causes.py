"""One regression test per cause of issue 11: each hostile input ends in a KhoanError."""

from __future__ import annotations

import copy
import datetime as dt
import decimal
import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from khoan import Dossier, evaluate_dossier, io
from khoan._base.convert import to_date
from khoan.cli import main
from khoan.exceptions import (
    DuplicateId,
    FieldError,
    InexactNumber,
    InvalidDocument,
    InvalidEncoding,
    InvalidValue,
    KhoanError,
    LimitExceeded,
    UnsupportedSchema,
    UnsupportedVersion,
    flatten,
)
from khoan.io import Limits
from khoan.progress import progress_of
from khoan.schemes import PRESETS
from khoan.testing import timeless

BASE: dict[str, Any] = json.loads(
    (Path(io.__file__).parent / "examples" / "nguyet-duc-2022.json").read_bytes()
)


def doc() -> dict[str, Any]:
    return copy.deepcopy(BASE)


def text(d: dict[str, Any]) -> str:
    return json.dumps(d, ensure_ascii=False)


def problems(err: BaseException) -> list[FieldError]:
    return flatten([err])


def paths(err: BaseException) -> list[str]:
    return [p.path for p in problems(err)]


class TestEncoding:
    """Bytes are UTF-8 or refused with the offset; text has no lone surrogate."""

    def test_windows_1258_bytes_name_the_byte(self) -> None:
        data = '{"title": "Đà Lạt"}'.encode("cp1258", "replace")
        with pytest.raises(InvalidEncoding) as info:
            io.loads(data)
        assert info.value.path == "byte 11 (line 1)"
        assert "UTF-8" in info.value.expected

    def test_utf8_byte_order_mark_is_allowed(self) -> None:
        raw = text(BASE).encode("utf-8")
        assert io.loads(b"\xef\xbb\xbf" + raw) == io.loads(raw)

    def test_lone_surrogate_in_text_is_refused(self) -> None:
        d = doc()
        d["assignment"]["items"][0]["title"] = "\ud800"
        with pytest.raises(InvalidEncoding):
            io.loads(text(d))

    def test_lone_surrogate_escape_is_refused_at_its_path(self) -> None:
        raw = text(BASE).replace('"title": "Thu ngân', '"title": "\\ud800Thu ngân', 1)
        with pytest.raises(InvalidEncoding) as info:
            io.loads(raw)
        assert info.value.path == "assignment.items[0].title"

    def test_stdin_like_stream_reads(self) -> None:
        import io as stdio

        stream = stdio.BytesIO(text(BASE).encode("utf-8"))
        assert io.read(stream) == io.loads(text(BASE))


class TestLimits:
    """Every limit is a keyword, and every breach a LimitExceeded with path and limit."""

    def test_deep_nesting_is_refused(self) -> None:
        with pytest.raises(LimitExceeded):
            io.loads("[" * 100_000 + "]" * 100_000)

    def test_integer_of_5000_digits_is_refused_with_its_path(self) -> None:
        raw = text(BASE).replace('"weight": "4"', '"weight": ' + "9" * 5000, 1)
        with pytest.raises(InexactNumber) as info:
            io.loads(raw)
        assert info.value.path == "assignment.items[0].weight"

    def test_huge_exponent_is_refused_not_an_invalid_operation(self) -> None:
        d = doc()
        d["inspections"][0]["observations"][0]["value"] = "1e99999999999999999999"
        with pytest.raises(InvalidValue) as info:
            io.loads(text(d))
        assert info.value.path == "inspections[0].observations[0].value"
        assert "Limits.max_exponent" in info.value.expected

    def test_point_of_4400_digits_is_refused(self) -> None:
        d = doc()
        sheet = d["scoresheets"][0]
        sheet["items"][next(iter(sheet["items"]))] = "1." + "0" * 4400
        with pytest.raises(InvalidValue) as info:
            io.loads(text(d))
        assert "Limits.max_digits" in info.value.expected

    def test_weight_of_a_million_digits_is_refused_quickly(self) -> None:
        d = doc()
        d["assignment"]["items"][0]["weight"] = "1" + "0" * 1_000_000
        with pytest.raises(InvalidValue) as info:
            io.loads(text(d))
        assert info.value.path == "assignment.items[0].weight"
        assert len(str(info.value)) < 1000

    def test_python_api_refuses_too_many_digits(self) -> None:
        from khoan import exact

        with pytest.raises(InvalidValue):
            exact("1." + "0" * 100)

    @pytest.mark.parametrize(
        ("limits", "path"),
        [
            (Limits(max_items=5), "assignment.items"),
            (Limits(max_inspections=1), "inspections"),
            (Limits(max_members=3), "council.members"),
            (Limits(max_string=10), "assignment.items[0].title"),
            (Limits(max_depth=2), "assignment.items"),
        ],
    )
    def test_each_limit_names_the_path(self, limits: Limits, path: str) -> None:
        with pytest.raises((LimitExceeded, InvalidDocument)) as info:
            io.loads(text(BASE), limits=limits)
        assert path in paths(info.value)
        assert all(isinstance(p, LimitExceeded) for p in problems(info.value))

    def test_document_size(self) -> None:
        with pytest.raises(LimitExceeded) as info:
            io.loads(text(BASE).encode("utf-8"), limits=Limits(max_bytes=1000))
        assert "1000" in info.value.expected

    def test_dossier_count(self) -> None:
        cohort = io.dumps(io.load_example("vinh-phuc-2021"))
        with pytest.raises(LimitExceeded) as info:
            io.loads(cohort, limits=Limits(max_dossiers=10))
        assert info.value.path == "dossiers"

    def test_a_limit_must_be_positive(self) -> None:
        with pytest.raises(InvalidValue):
            Limits(max_depth=0)


class TestNoEscape:
    """Valid but extreme documents go through every public path without other exceptions."""

    def overflow_dossier(self) -> Dossier:
        d = doc()
        d["assignment"]["items"][0]["target"] = "0.000000000000001"
        d["report"]["outcomes"][0]["actual"] = "999999999999999"
        d["inspections"][0]["observations"][0]["value"] = "999999999999999"
        return io.loads(text(d), expect=Dossier)

    def test_achievement_overflow_formats_in_any_context(self) -> None:
        dossier = self.overflow_dossier()
        for scheme in PRESETS.values():
            plain = evaluate_dossier(dossier, scheme=timeless(scheme))
            with decimal.localcontext(decimal.Context(prec=3, traps=[decimal.Inexact])):
                hostile = evaluate_dossier(dossier, scheme=timeless(scheme))
                hostile.explain("vi")
                json.dumps(io.dump_evaluation(hostile))
            assert plain == hostile
            assert plain.items[0].achievement is not None
        progress_of(dossier, dt.date(2022, 12, 31))

    def test_year_9999_dates_are_refused_by_the_reader(self) -> None:
        d = doc()
        d["report"]["outcomes"][0]["completed_on"] = "9999-12-31"
        d["inspections"][0]["on"] = "9999-12-31"
        with pytest.raises(InvalidDocument) as info:
            io.loads(text(d))
        assert {"inspections[0].on", "report.outcomes[0].completed_on"} <= set(paths(info.value))

    def test_progress_on_the_last_date_python_has(self) -> None:
        dossier = io.load_example("nguyet-duc-2022", expect=Dossier)
        result = progress_of(dossier, dt.date.max)
        assert len(dossier.assignment.items) == len(result.items)


class TestErrorPaths:
    """Problems are reported where they are, all together, keys quoted."""

    def test_out_of_range_period_is_at_its_path_and_hides_nothing(self) -> None:
        d = doc()
        d["assignment"]["period"] = "1800"
        d["assignment"]["items"][0]["weight"] = "-1"
        with pytest.raises(InvalidDocument) as info:
            io.loads(text(d))
        assert {"assignment.period", "assignment.items[0].weight"} <= set(paths(info.value))

    def test_unknown_key_is_quoted(self) -> None:
        d = doc()
        d["assignment"]["odd key.x"] = 1
        with pytest.raises(InvalidValue) as info:
            io.loads(text(d))
        assert info.value.path == 'assignment["odd key.x"]'

    def test_duplicate_key_names_its_location(self) -> None:
        raw = text(BASE).replace('"issuer":', '"issuer": "x", "issuer":', 1)
        with pytest.raises(DuplicateId) as info:
            io.loads(raw)
        assert info.value.path == "assignment.issuer"

    def test_unknown_version_says_which_this_khoan_reads(self) -> None:
        d = doc()
        d["schema"] = "khoan/7"
        with pytest.raises(UnsupportedVersion) as info:
            io.loads(text(d))
        assert "'khoan/1'" in info.value.expected

    def test_not_a_version(self) -> None:
        d = doc()
        d["schema"] = "other/1"
        with pytest.raises(UnsupportedSchema):
            io.loads(text(d))


class TestUnicodeAndDates:
    """One id in two normal forms is one id; NFD dates and periods read; day first always."""

    def test_nfc_and_nfd_ids_are_the_same_id(self) -> None:
        d = doc()
        d["assignment"]["items"][1]["id"] = unicodedata.normalize("NFD", "Nguyễn")
        d["assignment"]["items"][2]["id"] = "Nguyễn"
        with pytest.raises(InvalidDocument) as info:
            io.loads(text(d))
        assert "assignment.items[2].id" in paths(info.value)

    def test_text_is_read_in_nfc(self) -> None:
        d = doc()
        d["assignment"]["items"][0]["title"] = unicodedata.normalize("NFD", "Thu ngân sách")
        dossier = io.loads(text(d), expect=Dossier)
        assert dossier.assignment.items[0].title == "Thu ngân sách"

    def test_nfd_date_and_period_read(self) -> None:
        from khoan import Period

        assert dt.date(2021, 9, 22) == to_date(
            unicodedata.normalize("NFD", "ngày 22 tháng 9 năm 2021")
        )
        assert Period(2022, quarter=3) == Period.parse(unicodedata.normalize("NFD", "Quý III/2022"))

    def test_month_first_only_date_is_refused_showing_both_readings(self) -> None:
        with pytest.raises(InvalidValue) as info:
            to_date("1/13/2021")
        assert "day 1 of month 13" in info.value.expected
        assert "2021-01-13" in info.value.expected

    @pytest.mark.parametrize("form", ["ngày 22/9/2021", "22/9/2021", "22-09-2021", "22.9.2021"])
    def test_document_forms_read_day_first(self, form: str) -> None:
        assert dt.date(2021, 9, 22) == to_date(form)

    def test_ambiguous_figures_read_day_first(self) -> None:
        assert dt.date(2021, 2, 1) == to_date("1/2/2021")


class TestCommandLine:
    """No traceback for any input; exit 0 ok, 1 invalid input, 2 usage, 3 internal error."""

    CORPUS = sorted((Path(__file__).parent / "fuzz_corpus").glob("*.json"))

    @pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
    def test_hostile_files_exit_1_or_0_without_traceback(
        self, path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code = main(["evaluate", str(path), "--scheme", "vinh-phuc-2021"])
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        assert code == (0 if path.stem == "achievement-overflow" else 1)

    def test_usage_is_2(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["evaluate", "--no-such-option"]) == 2
        assert "Traceback" not in capsys.readouterr().err

    def test_internal_error_is_3_and_asks_for_a_report(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        def broken(*args: object, **kwargs: object) -> None:
            raise RuntimeError("boom")

        monkeypatch.setattr("khoan._cli.commands.evaluate_dossier", broken)
        code = main(
            [
                "evaluate",
                "--example",
                "nguyet-duc-2022",
                "--scheme",
                "vinh-phuc-2021",
                "--lang",
                "en",
            ]
        )
        out, err = capsys.readouterr()
        assert code == 3
        assert "report" in err and "Traceback" not in out + err

    def test_khoan_error_is_the_root(self) -> None:
        assert issubclass(LimitExceeded, KhoanError) and issubclass(InvalidEncoding, KhoanError)


class TestLimitsOnTheCommandLine:
    """Issue 11, item 1: the reader's limits are parameters of the command line too."""

    def test_a_lowered_limit_is_a_problem_with_its_path(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = Path(__file__).parents[1] / "src/khoan/examples/nguyet-duc-2022.json"
        code = main(["validate", "--lang", "en", "--limit", "items=2", str(path)])
        out = capsys.readouterr().out  # validate's report is its result
        assert code == 1
        assert "assignment.items: expected at most 2 (Limits.max_items)" in out

    def test_the_defaults_accept_the_example(self) -> None:
        path = Path(__file__).parents[1] / "src/khoan/examples/nguyet-duc-2022.json"
        assert main(["validate", "--limit", "items=1000", str(path)]) == 0

    @pytest.mark.parametrize("text", ["foo=2", "items=0", "items=x", "digits=99", "items"])
    def test_a_wrong_limit_is_usage(self, text: str, capsys: pytest.CaptureFixture[str]) -> None:
        assert (
            main(
                [
                    "evaluate",
                    "--example",
                    "nguyet-duc-2022",
                    "--scheme",
                    "vinh-phuc-2021",
                    "--limit",
                    text,
                ]
            )
            == 2
        )
        assert "--limit" in capsys.readouterr().err


class TestEscapesAndCombiningMarks:
    """Found by the round-trip law after the merge: NFC must not compose an escape's letter."""

    def test_a_newline_then_a_combining_mark_reads_back(self) -> None:
        import attrs

        from khoan import io

        dossier = io.load_example("nguyet-duc-2022")
        for title in ("\n\u0300", "a\\\u0301", "\t\u0323x", "\u00e0\n\u0300"):
            changed = attrs.evolve(dossier, title=title)
            assert changed == io.loads(io.dumps(changed))
