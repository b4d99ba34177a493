"""Workbooks on disk: .xlsx through openpyxl (numbers from their stored text), CSV folders."""

from __future__ import annotations

import csv
import datetime as dt
import io
import posixpath
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from khoan._sheets.cells import Cell, excel_number
from khoan.exceptions import FieldError, MissingDependency

__all__ = ["read_csv_folder", "read_xlsx", "write_csv_folder", "write_xlsx"]

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _openpyxl() -> Any:
    try:
        import openpyxl
    except ImportError:
        raise MissingDependency(
            "reading and writing .xlsx workbooks needs openpyxl: pip install 'khoan[excel]'"
        ) from None
    return openpyxl


def _stored_numbers(data: bytes) -> dict[str, dict[str, str]]:
    """Sheet name -> cell reference -> the text stored for each number cell.

    openpyxl turns a number cell into a float; the file keeps the text Excel
    wrote, and that text is what khoan reads.
    """
    out: dict[str, dict[str, str]] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        workbook = ElementTree.fromstring(package.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(package.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PKG}Relationship")}
        for sheet in workbook.iter(f"{_MAIN}sheet"):
            target = targets.get(sheet.get(f"{_REL}id"), "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
            numbers: dict[str, str] = {}
            with package.open(posixpath.normpath(path)) as stream:
                for _, element in ElementTree.iterparse(stream):
                    if element.tag == f"{_MAIN}c":
                        value = element.find(f"{_MAIN}v")
                        if element.get("t", "n") == "n" and value is not None and value.text:
                            numbers[element.get("r", "")] = value.text
                        element.clear()
            out[sheet.get("name", "")] = numbers
    return out


def read_xlsx(data: bytes, name: str) -> dict[str, list[list[Cell]]]:
    """The sheets of an .xlsx workbook as rows of cells; numbers exact, dates as dates."""
    openpyxl = _openpyxl()
    try:
        stored = _stored_numbers(data)
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True, read_only=False)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError, ValueError):
        raise FieldError(name, name, "an Excel workbook (.xlsx)") from None
    tables: dict[str, list[list[Cell]]] = {}
    for sheet in book.worksheets:
        numbers = stored.get(sheet.title, {})
        rows: list[list[Cell]] = []
        for row in sheet.iter_rows():
            cells: list[Cell] = []
            for cell in row:
                value = cell.value
                if (
                    isinstance(value, bool)
                    or value is None
                    or isinstance(value, dt.datetime | dt.date)
                ):
                    cells.append(value)
                elif isinstance(value, int | float):
                    text = numbers.get(cell.coordinate)
                    cells.append(excel_number(text) if text else Decimal(str(value)))
                else:
                    cells.append(str(value))
            rows.append(cells)
        tables[sheet.title] = rows
    return tables


def read_csv_folder(folder: Path) -> dict[str, list[list[Cell]]]:
    """The sheets of a folder of CSV files (UTF-8, one per sheet, named after it)."""
    tables: dict[str, list[list[Cell]]] = {}
    for path in sorted(folder.glob("*.csv")):
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            raise FieldError(str(path), path.name, "a CSV file in UTF-8") from None
        tables[path.stem] = [list(row) for row in csv.reader(io.StringIO(text))]
    return tables


def _values(rows: Sequence[Sequence[Cell]]) -> Iterator[list[Any]]:
    for row in rows:
        yield list(row)


def write_xlsx(
    tables: Mapping[str, Sequence[Sequence[Cell]]],
    notes: Mapping[str, Sequence[str]],
    choices: Mapping[tuple[str, int], Sequence[str]],
) -> bytes:
    """An .xlsx workbook of the tables: bold headers, header notes, lists to choose from.

    Args:
        tables: Sheet name -> rows (the first is the header row).
        notes: Sheet name -> a note for each header (shown as a cell comment).
        choices: (sheet name, column index) -> the values offered in a drop-down.

    """
    openpyxl = _openpyxl()
    from openpyxl.comments import Comment
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in tables.items():
        sheet = book.create_sheet(name)
        for row in _values(rows):
            sheet.append(row)
        for index, cell in enumerate(sheet[1] if rows else ()):
            cell.font = Font(bold=True)
            width = max(len(str(c.value or "")) for c in sheet[cell.column_letter])
            sheet.column_dimensions[cell.column_letter].width = min(max(width + 2, 10), 60)
            note = notes.get(name, ())
            if index < len(note) and note[index]:
                cell.comment = Comment(note[index], "khoan")
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, dt.date):
                    cell.number_format = "DD/MM/YYYY"
        sheet.freeze_panes = "A2"
    for (name, column), values in choices.items():
        letter = openpyxl.utils.get_column_letter(column + 1)
        rule = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True)
        book[name].add_data_validation(rule)
        rule.add(f"{letter}2:{letter}1000")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_csv_folder(tables: Mapping[str, Sequence[Sequence[Cell]]], folder: Path) -> None:
    """Write one UTF-8 CSV per sheet into a folder (created if need be); dates day-first."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, rows in tables.items():
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\n")
            for row in rows:
                writer.writerow(
                    "" if v is None else f"{v:%d/%m/%Y}" if isinstance(v, dt.date) else str(v)
                    for v in row
                )
            (folder / f"{name}.csv").write_text(buffer.getvalue(), encoding="utf-8")
    except OSError as err:
        expected = f"a folder that can be written ({err.strerror})"
        raise FieldError(str(folder), str(folder), expected) from None
