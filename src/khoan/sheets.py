"""Spreadsheets in and out: the workbooks Organisation Boards keep, read exactly.

A khoan workbook has one sheet per kind of fact, each with a header row.
Sheets and columns are recognised by their Vietnamese or English names,
accents, case and a trailing ``(*)`` aside (``Trọng số``, ``trong so``,
``Weight``); sheets of other names are ignored. The template
(:func:`write_template`, or ``khoan template --out mau.xlsx``) has every sheet
and column, a note on each header and drop-down lists.

=================  ===============  ==================================================
Sheet              English name     Columns (* required)
=================  ===============  ==================================================
Cán bộ             Cadres           Mã cán bộ*, Họ tên*, Chức vụ*, Đơn vị*,
                                    Ngày bổ nhiệm, Nhóm so sánh
Giao việc*         Assignments      Mã giao việc*, Cấp giao*, Người được giao*, Kỳ*,
                                    Ngày giao*, Tên, Tổng trọng số, Ngày báo cáo
Nhiệm vụ*          Items            Mã giao việc*, Mã nhiệm vụ*, Nội dung*, Loại,
                                    Chỉ tiêu, Đơn vị tính, Chiều, Giá trị đầu kỳ,
                                    Trọng số*, Thời hạn
Kết quả            Outcomes         Mã giao việc*, Mã nhiệm vụ*, Kết quả đạt, Hoàn thành,
                                    Ngày hoàn thành, Ghi chú
Hội đồng           Council          Mã thành viên*, Họ tên*, Vai trò, Mã cán bộ,
                                    Tên hội đồng
Điểm hội đồng      Council scores   Mã giao việc*, Thành viên*, Mã nhiệm vụ*, Điểm*
=================  ===============  ==================================================

How cells are read:

* numbers exactly: a number cell from the text stored in the file (rounded
  once to Excel's 15 significant digits, never through a float); text as
  people write it -- ``62,4`` (decimal comma), ``1.234.567`` (thousands
  dots), ``1.234,5`` -- and refused with a hint where it could be read two
  ways (``1.250``: 1.25 or 1250?);
* dates: date cells, ISO ``2022-12-31`` or day first ``31/12/2022``; a date
  that only reads month-first (``12/31/2022``) is refused with the fix;
* the direction of an indicator (``cao``: higher is better, ``thấp``: lower
  is better) is required, never guessed from the target;
* assignees and council members are matched by id or by name;
* every problem is reported at once, as the sheet, row and column of the
  cell (``'Nhiệm vụ'!I5 [Trọng số]``), its value and what was expected; the
  sound rows are all kept (:attr:`Reading.kept`).

One assignment gives a :class:`~khoan.Dossier`, several a :class:`~khoan.Cohort`.

.xlsx files need ``pip install 'khoan[excel]'`` (openpyxl); a folder of CSV
files, one per sheet named after it (``Nhiệm vụ.csv``), needs nothing more.

>>> from khoan import io
>>> from khoan.sheets import document_tables, read_tables
>>> dossier = io.load_example("nguyet-duc-2022")
>>> reading = read_tables(document_tables(dossier))
>>> reading.problems, len(reading.kept["items"])
((), 21)
"""

from __future__ import annotations

import os
from pathlib import Path

from khoan._facts.dossier import Cohort, Dossier
from khoan._schemes.scheme import Scheme
from khoan._sheets.cells import Cell, parse_date, parse_number
from khoan._sheets.files import read_csv_folder, read_xlsx, write_csv_folder, write_xlsx
from khoan._sheets.layout import LAYOUT, Column, Sheet
from khoan._sheets.reader import Reading, read_tables
from khoan._sheets.writer import (
    RESULTS_SHEET,
    choices,
    document_tables,
    notes,
    results_table,
    template_tables,
)
from khoan.exceptions import FieldError, InvalidDocument

__all__ = [
    "LAYOUT",
    "Column",
    "Reading",
    "Sheet",
    "check_workbook",
    "document_tables",
    "parse_date",
    "parse_number",
    "read_tables",
    "read_workbook",
    "write_template",
    "write_workbook",
]


def check_workbook(path: str | os.PathLike[str] | bytes) -> Reading:
    """Read a workbook and report every problem, keeping every sound row.

    Args:
        path: An .xlsx file, its bytes, or a folder of CSV files.

    Returns:
        A :class:`Reading`: the document if nothing is wrong, the facts of the
        sound rows, and every problem with its sheet, row and column.

    Raises:
        FieldError: The file cannot be read at all (missing, not a workbook).
        MissingDependency: An .xlsx file without openpyxl installed.

    """
    if isinstance(path, bytes):
        return read_tables(read_xlsx(path, "<stdin>"))
    where = Path(path)
    if where.is_dir():
        return read_tables(read_csv_folder(where))
    try:
        data = where.read_bytes()
    except OSError as err:
        raise FieldError(str(where), str(where), f"a readable file ({err.strerror})") from None
    return read_tables(read_xlsx(data, str(where)))


def read_workbook(path: str | os.PathLike[str] | bytes) -> Dossier | Cohort:
    """Read a workbook into a dossier (one assignment) or a cohort (several).

    Args:
        path: An .xlsx file, its bytes, or a folder of CSV files.

    Returns:
        The document, validated as if read from JSON.

    Raises:
        InvalidDocument: Every problem at once, each at its cell.
        FieldError: The file cannot be read at all.
        MissingDependency: An .xlsx file without openpyxl installed.

    """
    reading = check_workbook(path)
    if reading.document is None:
        count = len(reading.problems)
        raise InvalidDocument(f"{count} problem{'s' * (count != 1)}", list(reading.problems))
    return reading.document


def write_template(path: str | os.PathLike[str]) -> None:
    """Write the empty template: every sheet and column, notes on headers, drop-down lists.

    Args:
        path: The .xlsx file to write, or a folder for CSV files (one per sheet).

    Raises:
        FieldError: The file cannot be written.
        MissingDependency: .xlsx without openpyxl installed.

    """
    _write(template_tables(), Path(path))


def write_workbook(
    document: Dossier | Cohort,
    path: str | os.PathLike[str],
    *,
    scheme: Scheme | None = None,
    lang: str = "vi",
) -> None:
    """Write a document's facts in the workbook layout, and its results if a scheme is given.

    The facts sheets read back (:func:`read_workbook`) as the same document
    for what the layout has columns for (inspections, council criteria,
    excuses and supports are not in the layout and are left out).

    Args:
        document: A dossier or a cohort.
        path: The .xlsx file to write, or a folder for CSV files.
        scheme: Evaluate under it and add the sheet ``Kết quả đánh giá``.
        lang: The language of the results sheet, ``"vi"`` or ``"en"``.

    Raises:
        FieldError: The file cannot be written.
        KhoanError: The scheme cannot rate the document (missing council scores...).
        MissingDependency: .xlsx without openpyxl installed.

    """
    tables = document_tables(document)
    if scheme is not None:
        tables[RESULTS_SHEET] = results_table(document, scheme, lang)
    _write(tables, Path(path))


def _write(tables: dict[str, list[list[Cell]]], path: Path) -> None:
    if path.suffix.lower() != ".xlsx":
        write_csv_folder(tables, path)
        return
    data = write_xlsx(tables, notes(), choices())
    try:
        path.write_bytes(data)
    except OSError as err:
        expected = f"a file that can be written ({err.strerror})"
        raise FieldError(str(path), str(path), expected) from None
