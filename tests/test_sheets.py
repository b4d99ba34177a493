"""Spreadsheets in and out: cells read exactly, every mistake at its cell, round trips."""

from __future__ import annotations

import datetime as dt
import io as stdio
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from khoan import Cohort, Dossier, Indicator, Task, io
from khoan._sheets.cells import CellProblem, excel_number, parse_bool, parse_date, parse_number
from khoan.cli import main
from khoan.exceptions import InvalidDocument, UnknownReference, WeightMismatch
from khoan.schemes import PRESETS
from khoan.sheets import (
    check_workbook,
    document_tables,
    read_tables,
    read_workbook,
    write_workbook,
)
from khoan.testing import timeless


def workbook(sheets: dict[str, list[list[Any]]], path: Path) -> Path:
    """Write sheets as a user's Excel would: floats, datetimes, text, as typed."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def mistakes(tmp_path: Path) -> Path:
    """The test workbook: two assignments and six deliberate mistakes, the rest sound."""
    return workbook(
        {
            "Cán bộ": [
                ["Mã cán bộ", "Họ tên", "Chức vụ", "Đơn vị"],
                ["nva", "Nguyễn Văn An", "Bí thư Đảng ủy xã", "xa-a"],
                ["ttb", "Trần Thị Bình", "Bí thư Đảng ủy xã", "xa-b"],
            ],
            "Giao việc": [
                ["Mã giao việc", "Cấp giao", "Người được giao", "Kỳ", "Ngày giao",
                 "Tên", "Tổng trọng số"],
                ["gv-a", "huyen-uy", "Nguyễn Văn An", 2025, dt.datetime(2025, 1, 15), "A", 20],
                ["gv-b", "huyen-uy", "ttb", "2025", "15/01/2025", "B", 10],
            ],
            "Nhiệm vụ": [
                ["Mã giao việc", "Mã nhiệm vụ", "Nội dung", "Loại", "Chỉ tiêu", "Chiều",
                 "Trọng số", "Thời hạn"],
                # row 2: sound, the target a float typed as text with a decimal comma
                ["gv-a", "01", "Thu ngân sách", "chỉ tiêu", "62,4", "cao", 5, "31/12/2025"],
                # row 3: a poverty rate with no direction
                ["gv-a", "02", "Tỷ lệ hộ nghèo", "chỉ tiêu", 1.5, None, 5, None],
                # row 4: a date written month-first
                ["gv-a", "03", "Làm đường", "nhiệm vụ", None, None, 5, "12/31/2025"],
                # row 5: an empty required cell (the title)
                ["gv-a", "04", None, "nhiệm vụ", None, None, 5, None],
                # rows 6-7: sound, but the weights (4 + 5) break gv-b's total of 10
                ["gv-b", "01", "Kết nạp đảng viên", "chỉ tiêu", 12, "cao", 4, None],
                ["gv-b", "02", "Giảm vi phạm đất đai", "chỉ tiêu", "0", "thấp", 5, None],
            ],
            "Hội đồng": [
                ["Mã thành viên", "Họ tên", "Vai trò"],
                ["tv1", "Lê Văn Cường", "chủ tịch"],
                ["tv2", "Phạm Thị Dung", "ủy viên"],
            ],
            "Điểm hội đồng": [
                ["Mã giao việc", "Thành viên", "Mã nhiệm vụ", "Điểm"],
                ["gv-a", "Lê Văn Cường", "01", 4.75],
                ["gv-a", "Lê Văn Cương", "01", 4.5],  # row 3: a name no member has
                ["gv-b", "tv2", "01", "3,5"],
            ],
        },
        tmp_path / "loi.xlsx",
    )  # fmt: skip


class TestCells:
    """One cell at a time: numbers exactly, dates day first, yes/no."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("62,4", "62.4"), ("62.4", "62.4"), ("0,125", "0.125"), ("1.234.567", "1234567"),
            ("1,234,567", "1234567"), ("1.234,5", "1234.5"), ("1,234.5", "1234.5"),
            ("-5", "-5"), ("1 234", "1234"), ("45", "45"), (",5", "0.5"),
        ],
    )  # fmt: skip
    def test_numbers_people_write(self, text: str, expected: str) -> None:
        assert Decimal(expected) == parse_number(text)

    @pytest.mark.parametrize("text", ["1.250", "1,250", "12.345"])
    def test_ambiguous_numbers_are_refused_with_a_hint(self, text: str) -> None:
        with pytest.raises(CellProblem, match=r"could be .* or .*; write"):
            parse_number(text)

    @pytest.mark.parametrize("text", ["abc", "1,2,3", "62,4%", "1.2.3", ""])
    def test_not_numbers(self, text: str) -> None:
        with pytest.raises(CellProblem):
            parse_number(text)

    def test_stored_number_text_to_excels_15_digits(self) -> None:
        assert Decimal("62.4") == excel_number("62.399999999999999")
        assert Decimal("0.3") == excel_number("0.30000000000000004")
        assert Decimal("123456789012345") == excel_number("123456789012345")

    @given(st.decimals(min_value=-(10**9), max_value=10**9, places=4, allow_nan=False))
    def test_a_decimal_written_with_a_comma_reads_back(self, value: Decimal) -> None:
        text = format(value, "f").replace(".", ",")
        whole, _, frac = text.lstrip("-").partition(",")
        if len(frac) == 3 and len(whole) <= 3 and whole[:1] != "0":
            return  # ambiguous by design (1,250): refused, tested above
        assert value == parse_number(text)

    def test_dates(self) -> None:
        assert dt.date(2025, 12, 31) == parse_date("31/12/2025")
        assert dt.date(2025, 12, 31) == parse_date("31.12.2025")
        assert dt.date(2025, 12, 31) == parse_date(dt.datetime(2025, 12, 31))
        with pytest.raises(CellProblem, match="month-first; write 31/12/2025"):
            parse_date("12/31/2025")
        with pytest.raises(CellProblem, match="exists"):
            parse_date("31/02/2025")

    def test_yes_no(self) -> None:
        assert [parse_bool(x) for x in ("Có", "x", "không", "0")] == [True, True, False, False]


class TestMistakes:
    """The test workbook: every bad cell named by sheet, row and column; every good row kept."""

    def test_every_bad_cell_is_named(self, tmp_path: Path) -> None:
        reading = check_workbook(mistakes(tmp_path))
        assert reading.document is None
        found = {p.path: (type(p), p.value) for p in reading.problems}
        assert {
            "'Nhiệm vụ'!F3 [Chiều]",
            "'Nhiệm vụ'!H4 [Thời hạn]",
            "'Nhiệm vụ'!C5 [Nội dung]",
            "'Giao việc'!G3 [Tổng trọng số]",
            "'Điểm hội đồng'!B3 [Thành viên]",
        } == set(found)
        assert (WeightMismatch, "10") == found["'Giao việc'!G3 [Tổng trọng số]"]
        assert (UnknownReference, "Lê Văn Cương") == found["'Điểm hội đồng'!B3 [Thành viên]"]
        by_path = {p.path: p.expected for p in reading.problems}
        assert "khoan never guesses it" in by_path["'Nhiệm vụ'!F3 [Chiều]"]
        assert "write 31/12/2025" in by_path["'Nhiệm vụ'!H4 [Thời hạn]"]
        assert "Lê Văn Cường" in by_path["'Điểm hội đồng'!B3 [Thành viên]"]

    def test_every_good_row_is_kept(self, tmp_path: Path) -> None:
        kept = check_workbook(mistakes(tmp_path)).kept
        items = kept["items"]
        assert [i.id for i in items] == ["01", "01", "02"]
        first = items[0]
        assert isinstance(first, Indicator) and Decimal("62.4") == first.target
        assert [("gv-a", "tv1", "01", Decimal("4.75")), ("gv-b", "tv2", "01", Decimal("3.5"))] == [
            tuple(s) for s in kept["scores"]
        ]
        assert 2 == len(kept["cadres"]) == len(kept["assignments"]) == len(kept["council"])

    def test_read_workbook_raises_them_all_at_once(self, tmp_path: Path) -> None:
        with pytest.raises(InvalidDocument) as caught:
            read_workbook(mistakes(tmp_path))
        assert len(caught.value.exceptions) == 5

    def test_the_command_lists_them_on_stderr(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["import", str(mistakes(tmp_path)), "--lang", "en"]) == 1
        captured = capsys.readouterr()
        assert captured.out == ""
        assert "'Nhiệm vụ'!H4 [Thời hạn]: expected a day-first date" in captured.err

    def test_problems_as_json_keep_sheet_row_and_column(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["import", str(mistakes(tmp_path)), "--format", "json"]) == 1
        data = json.loads(capsys.readouterr().err)
        cells = {(p["sheet"], p["row"], p["column"]) for p in data["files"][0]["problems"]}
        assert ("Nhiệm vụ", 4, "H") in cells

    def test_missing_sheet_and_column(self, tmp_path: Path) -> None:
        path = workbook({"Giao việc": [["Mã giao việc", "Cấp giao"]]}, tmp_path / "x.xlsx")
        problems = [str(p) for p in check_workbook(path).problems]
        assert any("'Giao việc'!1: expected a column 'Người được giao'" in p for p in problems)
        assert any("a sheet named 'Nhiệm vụ'" in p for p in problems)

    def test_not_a_workbook(self, tmp_path: Path) -> None:
        path = tmp_path / "x.xlsx"
        path.write_text("hello", encoding="utf-8")
        with pytest.raises(Exception, match="an Excel workbook"):
            check_workbook(path)


class TestRoundTrips:
    """Template, fill, import, export, import: the same cohort; the examples through sheets."""

    def test_template_fill_import_export_import(self, tmp_path: Path) -> None:
        template = tmp_path / "mau.xlsx"
        assert main(["template", "--out", str(template)]) == 0
        book = openpyxl.load_workbook(template)
        assert book["Nhiệm vụ"].data_validations.dataValidation  # drop-downs are there
        book["Cán bộ"].append(["nva", "Nguyễn Văn An", "Bí thư", "xa-a", "01/08/2020"])
        book["Cán bộ"].append(["ttb", "Trần Thị Bình", "Bí thư", "xa-b", None, "bi-thu-xa"])
        book["Giao việc"].append(
            ["gv-a", "huyen-uy", "Nguyễn Văn An", 2025, dt.datetime(2025, 1, 15), "A", 10,
             dt.datetime(2025, 12, 10)]
        )  # fmt: skip
        book["Giao việc"].append(["gv-b", "huyen-uy", "ttb", "2025", "15/01/2025"])
        book["Nhiệm vụ"].append(
            ["gv-a", "01", "Thu ngân sách", "chỉ tiêu", 62.4, "tỷ đồng", "cao", 50, 5.5,
             "30/11/2025"]
        )  # fmt: skip
        book["Nhiệm vụ"].append(["gv-a", "02", "Hộ nghèo", None, "1,2", "%", "thấp", "2,5", 4.5])
        book["Nhiệm vụ"].append(["gv-b", "01", "Làm đường", "nhiệm vụ", None, None, None, None, 3])
        book["Kết quả"].append(["gv-a", "01", 63.1, None, "20/11/2025", "vượt"])
        book["Kết quả"].append(["gv-a", "02", "1,1"])
        book["Hội đồng"].append(["tv1", "Lê Văn Cường", "chủ tịch"])
        book["Hội đồng"].append(["tv2", "Phạm Thị Dung", None, "nva", None, "gv-b"])
        book["Điểm hội đồng"].append(["gv-a", "Lê Văn Cường", "01", 5.25])
        book["Điểm hội đồng"].append(["gv-b", "Phạm Thị Dung", "01", "2,75"])
        filled = tmp_path / "filled.xlsx"
        book.save(filled)

        first = read_workbook(filled)
        assert isinstance(first, Cohort)
        assert [Decimal("62.4"), Decimal("1.2")] == [
            i.target for i in first.dossiers[0].assignment.items if isinstance(i, Indicator)
        ]
        assert isinstance(first.dossiers[1].assignment.items[0], Task)
        exported = tmp_path / "export.xlsx"
        json_path = tmp_path / "cohort.json"
        assert main(["import", str(filled), "--out", str(json_path)]) == 0
        assert main(["export", str(json_path), "--no-results", "--out", str(exported)]) == 0
        assert first == read_workbook(exported)
        assert first == io.read(json_path)

    @pytest.mark.parametrize("name", ["nguyet-duc-2022", "vinh-phuc-2021"])
    def test_examples_through_xlsx_and_csv(self, name: str, tmp_path: Path) -> None:
        example = io.load_example(name)
        once = read_tables(document_tables(example)).document
        assert once is not None
        # a round trip of the layout, not of dates of effect: the scheme has none
        write_workbook(example, tmp_path / "x.xlsx", scheme=timeless(PRESETS["qd-366-2025"]))
        write_workbook(example, tmp_path / "csv")
        assert once == read_workbook(tmp_path / "x.xlsx") == read_workbook(tmp_path / "csv")
        # what the layout carries scores the same as the original
        e1 = _ratings(example)
        assert e1 == _ratings(once)

    def test_results_sheet(self, tmp_path: Path) -> None:
        path = tmp_path / "kq.xlsx"
        assert (
            main(
                [
                    "export",
                    "--example",
                    "vinh-phuc-2021",
                    "--scheme",
                    "vinh-phuc-2021",
                    "--out",
                    str(path),
                ]
            )
            == 0
        )
        sheet = openpyxl.load_workbook(path)["Kết quả đánh giá"]
        rows = list(sheet.iter_rows(values_only=True))
        assert "Xếp loại" in rows[0] and len(rows) == 25

    def test_stdin(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        path = tmp_path / "x.xlsx"
        write_workbook(io.load_example("nguyet-duc-2022"), path)

        class Stdin(stdio.StringIO):
            buffer = stdio.BytesIO(path.read_bytes())

        out = stdio.StringIO()
        assert main(["import", "-"], stdout=out, stdin=Stdin()) == 0
        assert isinstance(io.loads(out.getvalue()), Dossier)


def _ratings(document: Dossier | Cohort) -> list[tuple[str, str]]:
    from khoan._evaluation.evaluate import evaluate_dossier

    cohort = document if isinstance(document, Cohort) else Cohort([document])
    scheme = timeless(PRESETS["qd-366-2025"])
    return [
        (e.assignee, str(e.total))
        for e in (evaluate_dossier(d, scheme=scheme, cohort=cohort) for d in cohort.dossiers)
    ]
