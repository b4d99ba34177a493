"""The machinery every ``khoan`` command shares: languages, outputs, problems, exit codes.

A command is a :class:`Command`: a name, a one-line help and an example in
both languages, a function that adds its own options to an argparse parser,
and a function that runs it and returns an :class:`Output` (the same result
as a table, as JSON data and as CSV rows). The machinery adds what every
command has -- ``--lang``, ``--help`` with the example and the exit codes,
and for commands that print results ``--format table|json|csv`` and
``--out FILE`` -- writes the output, and turns problems into exit codes:

* 0 -- success;
* 1 -- the input has problems (listed on standard error, grouped by kind);
* 2 -- wrong usage (an unknown option, a missing argument);
* 3 -- an internal error: a bug in khoan, with a request to report it.
"""

from __future__ import annotations

import argparse
import csv
import io as _stdio
import json
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any, Final, NoReturn, TextIO, TypeVar

import attrs

from khoan._io.outputs import plain_value
from khoan.exceptions import FieldError, KhoanError, flatten

__all__ = [
    "EXIT_CODES",
    "FORMATS",
    "Command",
    "Context",
    "Output",
    "Parser",
    "Usage",
    "describe",
    "lang_of",
    "report_problems",
    "t",
    "write_output",
]

LANGS: Final = ("vi", "en")
FORMATS: Final = ("table", "json", "csv")
CAP: Final = 5  # problems shown per kind without --all
# No public address exists yet; the message names the tracker, not an invented URL.


def t(lang: str, en: str, vi: str) -> str:
    """Pick the text of a language (``vi`` unless ``en``)."""
    return en if lang == "en" else vi


EXIT_CODES: Final = {
    "en": "exit codes: 0 success, 1 the input has problems (listed on standard error),"
    " 2 wrong usage, 3 internal error (please report it)",
    "vi": "mã thoát: 0 thành công, 1 dữ liệu vào có lỗi (liệt kê ở luồng lỗi chuẩn),"
    " 2 dùng sai lệnh, 3 lỗi nội bộ (xin báo lại)",
}


class Usage(Exception):
    """Wrong usage found after parsing (exit code 2)."""


def lang_of(argv: Sequence[str]) -> str:
    """The language asked for on the command line (``--lang``), else ``KHOAN_LANG``, else vi."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGS:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg[7:] in LANGS:
            return arg[7:]
    env = os.environ.get("KHOAN_LANG", "")
    return env if env in LANGS else "vi"


_ARGPARSE_VI: Final = (
    (r"the following arguments are required: (.*)", r"thiếu tham số bắt buộc: \1"),
    (
        r"argument (\S+): invalid choice: (.*) \(choose from (.*)\)",
        r"tham số \1: lựa chọn không có: \2 (chọn một trong \3)",
    ),
    (r"argument (\S+): expected one argument", r"tham số \1: cần một giá trị"),
    (r"argument (\S+): invalid (\S+) value: (.*)", r"tham số \1: giá trị \3 không hợp lệ"),
    (r"unrecognized arguments: (.*)", r"tham số không nhận ra: \1"),
    (r"argument (\S+): (.*)", r"tham số \1: \2"),
)
_HEADINGS_VI: Final = (
    ("usage: ", "cách dùng: "),
    ("\noptions:\n", "\ntùy chọn:\n"),
    ("\npositional arguments:\n", "\ntham số:\n"),
    ("show this help message and exit", "in hướng dẫn này rồi thoát"),
    ("show program's version number and exit", "in phiên bản rồi thoát"),
)


class Parser(argparse.ArgumentParser):
    """An argparse parser that speaks the chosen language and never exits by itself."""

    lang: str = "vi"
    out: TextIO | None = None  # where --help and --version write (default: sys.stdout)

    def _print_message(self, message: str, file: Any = None) -> None:
        if message:
            (file if file is not None and file is not sys.stdout else self.out or sys.stdout).write(
                message
            )

    def format_help(self) -> str:
        """The help, with argparse's headings in the chosen language."""
        return self._localise(super().format_help())

    def format_usage(self) -> str:
        """The usage line, in the chosen language."""
        return self._localise(super().format_usage())

    def _localise(self, text: str) -> str:
        if self.lang == "vi":
            for en, vi in _HEADINGS_VI:
                text = text.replace(en, vi)
        return text

    def error(self, message: str) -> NoReturn:
        """Raise :class:`Usage` with argparse's message in the chosen language."""
        if self.lang == "vi":
            for pattern, replacement in _ARGPARSE_VI:
                new = re.sub(f"^{pattern}$", replacement, message)
                if new != message:
                    message = new
                    break
        raise Usage(f"{self.format_usage().rstrip()}\n{self.prog}: "
                    f"{t(self.lang, 'error', 'lỗi')}: {message}\n"
                    f"{t(self.lang, 'Try', 'Xem')} '{self.prog} --help'.")  # fmt: skip


@attrs.frozen
class Output:
    """One result in every form: a table for people, JSON data, CSV rows; and its exit code."""

    table: str
    data: dict[str, Any]
    rows: Sequence[Sequence[str]] = ()
    status: int = 0
    fit: bool = True  # cut table lines to the terminal's width (not for iCalendar, JSON...)


@attrs.frozen
class Context:
    """What a command needs besides its arguments: the language and where to write."""

    lang: str
    stdout: TextIO
    stderr: TextIO
    show_all: bool = False
    stdin: TextIO | None = None

    def t(self, en: str, vi: str) -> str:
        """Pick the text of the context's language."""
        return t(self.lang, en, vi)


@attrs.frozen
class Command:
    """A subcommand of ``khoan``.

    Attributes:
        name: The subcommand, e.g. ``"evaluate"``.
        help: One line in English and in Vietnamese.
        example: One command line shown under "example" in its ``--help``.
        configure: Adds the command's own arguments to its parser (given the language).
        run: Runs it; returns an :class:`Output`, or raises a :class:`KhoanError`.
        results: Whether it prints results (then it gets ``--format`` and ``--out``).
        formats: The formats it offers (the first is the default).

    """

    name: str
    help: tuple[str, str]
    example: str
    configure: Callable[[argparse.ArgumentParser, str], None]
    run: Callable[[argparse.Namespace, Context], Output]
    results: bool = True
    formats: tuple[str, ...] = FORMATS


# ---- writing results ------------------------------------------------------------


def _fit(text: str, width: int) -> str:
    return "\n".join(line if len(line) <= width else line[: width - 1] + "…"
                     for line in text.split("\n"))  # fmt: skip


def write_output(output: Output, fmt: str, out: Path | None, ctx: Context) -> None:
    """Write a result to ``out`` (``None`` or ``-``: standard output) in a format."""
    if fmt == "json":
        text = json.dumps(output.data, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "csv":
        buffer = _stdio.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(output.rows)
        text = buffer.getvalue()
    else:
        text = (
            output.table if output.table.endswith("\n") or not output.table else output.table + "\n"
        )
    if out is None or str(out) == "-":
        if fmt == "table" and output.fit and ctx.stdout.isatty():  # width follows the terminal
            text = _fit(text, shutil.get_terminal_size().columns)
        ctx.stdout.write(text)
    else:
        write_file(out, text.encode("utf-8"))


def write_file(path: Path, content: bytes, option: str = "--out") -> None:
    """Write a file a command was asked for; a failure names the option and the path."""
    try:
        path.write_bytes(content)
    except OSError as err:
        raise FieldError(
            option, str(path), f"a file that can be written ({err.strerror})"
        ) from None


# ---- problems -------------------------------------------------------------------

_KIND_NAMES: Final = {
    "InvalidValue": ("invalid values", "giá trị không hợp lệ"),
    "InexactNumber": ("inexact numbers", "số không chính xác"),
    "DuplicateId": ("duplicate ids", "mã trùng nhau"),
    "WeightMismatch": ("weights that do not add up", "trọng số không khớp tổng"),
    "OutOfPeriod": ("dates outside the period", "ngày nằm ngoài kỳ"),
    "OutOfRange": ("numbers out of range", "số nằm ngoài khoảng cho phép"),
    "InvalidHierarchy": ("wrong hierarchy", "sai cấp giao việc"),
    "InvalidOrgChart": ("org chart problems", "lỗi sơ đồ tổ chức"),
    "ConflictOfInterest": ("conflicts of interest", "xung đột lợi ích"),
    "UnknownReference": ("unknown references", "mã không tồn tại"),
    "UnknownName": ("unknown names", "tên không có"),
    "MissingResult": ("missing results", "thiếu kết quả"),
    "UnsupportedSchema": ("unsupported schema versions", "phiên bản định dạng không hỗ trợ"),
    "LimitExceeded": ("limits exceeded", "vượt giới hạn của bộ đọc"),
    "InvalidEncoding": ("text not in UTF-8", "văn bản không phải UTF-8"),
    "UnsupportedVersion": ("later format versions", "phiên bản định dạng mới hơn"),
    "FieldError": ("problems", "lỗi"),
}
# Vietnamese for the "expected ..." phrases that most often reach a user: whole
# sentences first (regular expressions, the sheets' messages among them), then
# beginnings. Others are shown in English inside the Vietnamese sentence (see the
# closing note of issue 14).
_EXPECTED_VI_RE: Final = (
    (r"a day-first date \(dd/mm/yyyy\): (\S+) looks month-first; write (\S+)",
     r"ngày viết ngày trước, tháng sau (dd/mm/yyyy): \1 có vẻ viết tháng trước; hãy viết \2"),
    (r"a direction for this indicator: .*",
     "chiều đánh giá của chỉ tiêu này: cao (càng cao càng tốt) hoặc thấp (càng thấp càng tốt);"
     " khoan không tự đoán"),
    (r"a number written unambiguously: (\S+) could be (\S+) \(decimal (?:point|comma)\) or"
     r" (\S+) \(thousands (?:dot|comma)\); write (\S+) or (\S+)",
     r"một số viết rõ ràng: \1 có thể là \2 (phần thập phân) hoặc \3 (phân cách hàng nghìn);"
     r" hãy viết \4 hoặc \5"),
    (r"a value \(this column is required\)", "một giá trị (cột này bắt buộc)"),
    (r"the name or id of a council member \((.*)\)",
     r"họ tên hoặc mã của một thành viên hội đồng (\1)"),
    (r"the id of an item of assignment (\S+)( or of a criterion)?",
     r"mã một nhiệm vụ của giao việc \1"),
    (r"the id of an assignment of the Giao việc sheet \((.*)\)",
     r"mã một giao việc của trang Giao việc (\1)"),
    (r"the sum of the item weights, (.*)", r"tổng trọng số các nhiệm vụ, \1"),
    (r"a column '(.*)' \((.*)\)", r"cột '\1'"),
    (r"a sheet named '(.*)' or '(.*)'", r"trang tính tên '\1' (hoặc '\2')"),
    (r"a target: this item is an indicator", "chỉ tiêu cần đạt: đây là một chỉ tiêu"),
    (r"a number \(e\.g\. 62,4 or 62\.4\)", "một số (ví dụ 62,4 hoặc 62.4)"),
    (r"a date, day first \(31/12/2022\) or ISO \(2022-12-31\)",
     "một ngày, viết ngày trước (31/12/2022) hoặc theo ISO (2022-12-31)"),
    (r"a date that exists \((.*)\)", r"một ngày có thật (\1)"),
    (r"yes or no \(.*\)", "có hoặc không (có/không, x, đạt/chưa đạt)"),
    (r"a member of the council for (\S+)", r"một thành viên hội đồng của giao việc \1"),
    (r"an Excel workbook \(\.xlsx\)", "một sổ tính Excel (.xlsx)"),
    (r"a readable file \((.*)\)", r"một tệp đọc được (\1)"),
    (r"a file that can be written \((.*)\)", r"một tệp ghi được (\1)"),
)  # fmt: skip
_EXPECTED_VI: Final = (
    ("a positive number", "một số dương"),
    ("an exact number written as a string", "một số chính xác viết dạng chuỗi"),
    ("an ISO 8601 date", "một ngày theo ISO 8601 (năm-tháng-ngày)"),
    ("a readable file", "một tệp đọc được"),
    ("valid JSON", "JSON hợp lệ"),
    ("one of the fields of ", "một trong các trường của "),
    ("the id of an item assigned", "mã của một nhiệm vụ đã giao"),
    ("points within ", "điểm trong khoảng "),
    ("one of ", "một trong "),
)


def _expected(text: str, lang: str) -> str:
    if lang == "en":
        return text
    for pattern, replacement in _EXPECTED_VI_RE:
        if re.fullmatch(pattern, text):
            return re.sub(f"^{pattern}$", replacement, text)
    for en, vi in _EXPECTED_VI:
        if text.startswith(en):
            return vi + text[len(en) :]
    return text


def describe(problem: FieldError, lang: str) -> str:
    """One problem as a sentence in a language, its value written plainly (no repr)."""
    value = plain_value(problem.value, lang=lang)
    where = f"{problem.path}: " if problem.path else ""
    if lang == "en":
        return printable(f"{where}expected {problem.expected}, got {value}")
    return printable(f"{where}cần {_expected(problem.expected, lang)}, nhận được {value}")


def printable(text: str) -> str:
    """Text that any UTF-8 stream can take: a lone surrogate is written as its escape.

    A problem quotes what the user gave, and what was refused may be a lone
    surrogate (issue 11); writing it raw would fail on the way out.
    """
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def report_problems(
    problems: Sequence[FieldError], ctx: Context, out: TextIO, *, indent: str = ""
) -> None:
    """Write problems grouped by kind, each group with its count, capped unless ``--all``."""
    groups: dict[str, list[FieldError]] = {}
    for p in problems:
        groups.setdefault(type(p).__name__, []).append(p)
    for kind, members in groups.items():
        en, vi = _KIND_NAMES.get(kind, (kind, kind))
        out.write(f"{indent}{ctx.t(en, vi)} ({len(members)}) [{kind}]\n")
        shown = members if ctx.show_all else members[:CAP]
        for p in shown:
            out.write(f"{indent}  {describe(p, ctx.lang)}\n")
        if len(shown) < len(members):
            more = len(members) - len(shown)
            out.write(
                f"{indent}  "
                + ctx.t(
                    f"... and {more} more (--all shows every one)",
                    f"... và {more} lỗi khác (--all để xem hết)",
                )
                + "\n"
            )


def problems_of(err: KhoanError) -> list[FieldError]:
    """The field errors inside an error (one, or a group's), or none for another kind."""
    if isinstance(err, FieldError | BaseExceptionGroup):
        return flatten([err])
    return []


def read_text(path: Path, ctx: Context) -> str:
    """The text of a file, or of standard input for ``-``."""
    if str(path) == "-":
        return (ctx.stdin or sys.stdin).read()
    try:
        return path.read_text(encoding="utf-8")
    except OSError as err:
        raise FieldError(str(path), str(path), f"a readable file ({err.strerror})") from None
    except UnicodeDecodeError:
        raise FieldError(str(path), str(path), "a file in UTF-8") from None


def read_bytes(path: Path, ctx: Context) -> bytes:
    """The bytes of a file, or of standard input for ``-``."""
    if str(path) == "-":
        stream: IO[bytes] = getattr(ctx.stdin or sys.stdin, "buffer", None) or _stdio.BytesIO(
            (ctx.stdin or sys.stdin).read().encode("utf-8")
        )
        return stream.read()
    try:
        return path.read_bytes()
    except OSError as err:
        raise FieldError(str(path), str(path), f"a readable file ({err.strerror})") from None


def table(head: Sequence[str], rows: Iterable[Sequence[str]], right: Sequence[int] = ()) -> str:
    """Rows aligned in columns under a header; the last column is left ragged."""
    rows = [list(head), *[list(r) for r in rows]]
    n = len(head)
    widths = [max(len(r[k]) for r in rows) for k in range(n - 1)]
    lines = []
    for r in rows:
        cells = [
            f"{r[k]:>{widths[k]}}" if k in right else f"{r[k]:<{widths[k]}}" for k in range(n - 1)
        ]
        lines.append("  ".join([*cells, r[n - 1]]).rstrip())
    return "\n".join(lines) + "\n"


_T = TypeVar("_T")


def with_progress(
    things: Sequence[_T], label: str, *, stream: TextIO | None = None, least: int = 200
) -> Iterator[_T]:
    """Yield ``things``, drawing a bar on ``stream`` (stderr) only when it is a terminal.

    Nothing is drawn for fewer than ``least`` things (not long enough to wait
    for), nor when the stream is a pipe or a file, so output stays clean
    (issue 12).
    """
    out = sys.stderr if stream is None else stream
    total = len(things)
    draw = total >= least and out.isatty()
    step = max(1, total // 100)
    for done, thing in enumerate(things, start=1):
        yield thing
        if draw and (done % step == 0 or done == total):
            filled = 30 * done // total
            out.write(f"\r{label} [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}")
            out.flush()
    if draw:
        out.write("\n")
        out.flush()
