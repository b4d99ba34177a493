"""The spreadsheet commands: import a workbook, write the template, export results."""

from __future__ import annotations

import argparse
from pathlib import Path

from khoan import io
from khoan._cli.base import Command, Context, Output, read_bytes
from khoan._cli.commands import add_document_arguments, chosen_scheme, load_document
from khoan.exceptions import InvalidDocument
from khoan.schemes import PRESETS

__all__ = ["COMMANDS"]


def _import_configure(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument(
        "workbook", type=Path, metavar="WORKBOOK",
        help=("tệp .xlsx, thư mục các tệp CSV, hoặc - (đầu vào chuẩn, .xlsx)" if lang == "vi"
              else "an .xlsx file, a folder of CSV files, or - (standard input, .xlsx)"),
    )  # fmt: skip


def _import(args: argparse.Namespace, ctx: Context) -> Output:
    from khoan import sheets

    source: Path | bytes = args.workbook
    if str(args.workbook) == "-":
        source = read_bytes(args.workbook, ctx)
    reading = sheets.check_workbook(source)
    if reading.document is None:
        raise InvalidDocument("problems", list(reading.problems))
    data = io.dump(reading.document)
    text = io.dumps(reading.document)
    rows = [["sheet", "rows"], *[[k, str(len(v))] for k, v in reading.kept.items()]]
    return Output(text, data, rows, fit=False)


def _out_argument(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument(
        "--out", type=Path, metavar="FILE", required=True,
        help=("tệp .xlsx cần ghi (hoặc một thư mục: các tệp CSV)" if lang == "vi"
              else "the .xlsx file to write (or a folder: CSV files)"),
    )  # fmt: skip


def _template_configure(parser: argparse.ArgumentParser, lang: str) -> None:
    _out_argument(parser, lang)


def _template(args: argparse.Namespace, ctx: Context) -> Output:
    from khoan import sheets

    sheets.write_template(args.out)
    ctx.stderr.write(ctx.t(f"wrote {args.out}\n", f"đã ghi {args.out}\n"))
    return Output("", {})


def _export_configure(parser: argparse.ArgumentParser, lang: str) -> None:
    add_document_arguments(parser, lang)
    parser.add_argument(
        "--scheme", choices=list(PRESETS),
        help=("cách chấm cho trang Kết quả đánh giá (mặc định: cách chấm có hiệu lực vào ngày "
              "cuối của kỳ đánh giá)" if lang == "vi"
              else "the scheme of the results sheet (default: the preset in force on the "
              "period's last day)"),
    )  # fmt: skip
    parser.add_argument(
        "--no-results", action="store_true",
        help="chỉ ghi dữ liệu, không chấm" if lang == "vi" else "write the facts only, unscored",
    )  # fmt: skip
    _out_argument(parser, lang)


def _export(args: argparse.Namespace, ctx: Context) -> Output:
    from khoan import sheets

    document = load_document(args, ctx)
    scheme = None if args.no_results else chosen_scheme(document, args)
    sheets.write_workbook(document, args.out, scheme=scheme, lang=ctx.lang)
    ctx.stderr.write(ctx.t(f"wrote {args.out}\n", f"đã ghi {args.out}\n"))
    return Output("", {})


COMMANDS: tuple[Command, ...] = (
    Command(
        "import",
        ("read a workbook (Excel or CSV) into a khoan/1 JSON document",
         "đọc sổ tính (Excel hoặc CSV) thành tệp JSON khoan/1"),
        "khoan import giao-viec-2025.xlsx --out cohort.json",
        _import_configure,
        _import,
        formats=("json", "csv"),
    ),
    Command(
        "template",
        ("write the empty workbook to fill in", "ghi sổ tính mẫu để điền"),
        "khoan template --out mau.xlsx",
        _template_configure,
        _template,
        results=False,
    ),
    Command(
        "export",
        ("write a document and its results to a workbook a board can file",
         "ghi hồ sơ và kết quả đánh giá ra sổ tính để lưu"),
        "khoan export cohort.json --out ket-qua-2025.xlsx",
        _export_configure,
        _export,
        results=False,
    ),
)  # fmt: skip
