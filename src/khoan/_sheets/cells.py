"""Reading one cell: exact numbers (decimal comma, thousands dot), day-first dates, yes/no."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Final

__all__ = [
    "Cell",
    "CellProblem",
    "fold",
    "fold_name",
    "parse_bool",
    "parse_date",
    "parse_number",
    "text_of",
]

Cell = str | int | Decimal | dt.date | dt.datetime | bool | None
"""A cell as the file readers give it: text, an exact number, a date, a boolean or empty."""

EXCEL_DIGITS: Final = 15
"""Excel keeps 15 significant digits; digits past them in the stored text are binary noise."""


class CellProblem(ValueError):
    """A cell that cannot be read: ``expected`` says what would have been accepted."""

    def __init__(self, expected: str) -> None:
        super().__init__(expected)
        self.expected = expected


def fold(text: str) -> str:
    """Text folded for matching names: NFC, case, accents, đ, spaces and punctuation.

    >>> fold("  Trọng  SỐ (*) "), fold("Nguyễn Văn Đức")
    ('trong so', 'nguyen van duc')
    """
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"\(.*?\)|\*", " ", text)
    return " ".join(re.sub(r"[_\-:]", " ", text).split())


def fold_name(text: str) -> str:
    """A person's name folded for matching: Unicode form, case and spaces, never accents.

    Vietnamese names that differ only by a diacritic are different names
    (Cường, Cương), so they are not matched to each other.

    >>> fold_name("  lê  VĂN Cường"), fold_name("Lê Văn Cương") == fold_name("Lê Văn Cường")
    ('lê văn cường', False)
    """
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def text_of(cell: Cell) -> str:
    """A cell as the text a person sees (numbers exactly, dates day-first)."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, dt.datetime):
        cell = cell.date() if cell.time() == dt.time() else cell
        return f"{cell:%d/%m/%Y %H:%M}" if isinstance(cell, dt.datetime) else f"{cell:%d/%m/%Y}"
    if isinstance(cell, dt.date):
        return f"{cell:%d/%m/%Y}"
    return str(cell).strip()


_GROUPED_DOT = re.compile(r"^[1-9]\d{0,2}(\.\d{3})+$")
_GROUPED_COMMA = re.compile(r"^[1-9]\d{0,2}(,\d{3})+$")
_PLAIN = re.compile(r"^\d+$")


def parse_number(cell: Cell) -> Decimal:
    """The exact number in a cell.

    A number cell is taken from its stored text (see :func:`excel_number`).
    Text is read as a person writes it in Vietnam or elsewhere, where that is
    unambiguous: ``62,4`` (decimal comma), ``1.234.567`` (thousands dots),
    ``1.234,5``, ``1,234.5``, ``0,125``. ``1,250`` or ``1.250`` alone could be
    1.25 or 1250 and are refused with a hint.

    >>> parse_number("62,4"), parse_number("1.234,5"), parse_number("1.234.567")
    (Decimal('62.4'), Decimal('1234.5'), Decimal('1234567'))
    >>> parse_number("1.250")
    Traceback (most recent call last):
    ...
    khoan._sheets.cells.CellProblem: a number written unambiguously: 1.250 could be 1.25 ...

    Raises:
        CellProblem: Not a number, or an ambiguous one.

    """
    if isinstance(cell, bool) or cell is None or isinstance(cell, dt.date):
        raise CellProblem("a number")
    if isinstance(cell, Decimal | int):
        return Decimal(cell)
    text = cell.strip().replace("\u00a0", " ").replace("\u202f", " ")
    sign = ""
    if not text:
        raise CellProblem("a number")
    if text[0] in "+-−":
        sign, text = ("-" if text[0] != "+" else ""), text[1:].strip()
    if re.fullmatch(r"\d{1,3}( \d{3})+([.,]\d+)?", text):
        text = text.replace(" ", "")
    if _PLAIN.match(text):
        return Decimal(sign + text)
    has_dot, has_comma = "." in text, "," in text
    if has_dot and has_comma:
        last = max(text.rfind("."), text.rfind(","))
        whole, frac = text[:last], text[last + 1 :]
        grouped = _GROUPED_DOT if text[last] == "," else _GROUPED_COMMA
        if (_PLAIN.match(whole) or grouped.match(whole)) and _PLAIN.match(frac):
            return Decimal(sign + whole.replace(".", "").replace(",", "") + "." + frac)
    elif has_dot or has_comma:
        sep = "." if has_dot else ","
        grouped = _GROUPED_DOT if has_dot else _GROUPED_COMMA
        if text.count(sep) > 1 and grouped.match(text):
            return Decimal(sign + text.replace(sep, ""))
        whole, _, frac = text.partition(sep)
        if text.count(sep) == 1 and _PLAIN.match(frac) and (whole == "" or _PLAIN.match(whole)):
            if len(frac) == 3 and grouped.match(text):
                short = frac.rstrip("0") or "0"
                raise CellProblem(
                    f"a number written unambiguously: {text} could be {whole}.{short}"
                    f" ({'decimal point' if has_dot else 'decimal comma'}) or {whole}{frac}"
                    f" (thousands {'dot' if has_dot else 'comma'}); write {whole}{frac}"
                    f" or {whole},{short}"
                )
            return Decimal(sign + (whole or "0") + "." + frac)
    try:
        value = Decimal(sign + text)
    except InvalidOperation:
        raise CellProblem("a number (e.g. 62,4 or 62.4)") from None
    if not value.is_finite():
        raise CellProblem("a finite number")
    return value


def excel_number(stored: str) -> Decimal:
    """A number cell's value from the text stored in the file, to Excel's 15 digits.

    Excel shows and computes with 15 significant digits and may store 17
    (``62.399999999999999`` for a typed ``62.4``); the stored text is read as
    a decimal and rounded once to 15 significant digits, never through a float.

    >>> excel_number("62.399999999999999"), excel_number("45"), excel_number("1.5E-3")
    (Decimal('62.4'), Decimal('45'), Decimal('0.0015'))
    """
    value = Decimal(stored)
    digits = value.as_tuple().digits
    if len(digits) > EXCEL_DIGITS and value:
        exponent = value.adjusted() - EXCEL_DIGITS + 1
        value = value.quantize(Decimal(1).scaleb(exponent))
    value = value.normalize()
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


_DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_date(cell: Cell) -> dt.date:
    """The date in a cell: a date cell, ISO ``2022-12-31`` or day-first ``31/12/2022``.

    >>> parse_date("31/12/2022"), parse_date("2022-12-31")
    (datetime.date(2022, 12, 31), datetime.date(2022, 12, 31))
    >>> parse_date("12/31/2022")
    Traceback (most recent call last):
    ...
    khoan._sheets.cells.CellProblem: a day-first date (dd/mm/yyyy): 12/31/2022 looks ...

    Raises:
        CellProblem: Not a date, an impossible one, or one written month-first.

    """
    if isinstance(cell, dt.datetime):
        if cell.time() != dt.time():
            raise CellProblem("a date without a time of day")
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    text = text_of(cell)
    try:
        if m := _ISO.match(text):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if m := _DAY_FIRST.match(text):
            day, month, year = int(m[1]), int(m[2]), int(m[3])
            if month > 12 and day <= 12:
                raise CellProblem(
                    f"a day-first date (dd/mm/yyyy): {text} looks month-first;"
                    f" write {month:02d}/{day:02d}/{year}"
                )
            return dt.date(year, month, day)
    except ValueError as err:
        if isinstance(err, CellProblem):
            raise
        raise CellProblem(f"a date that exists ({err})") from None
    raise CellProblem("a date, day first (31/12/2022) or ISO (2022-12-31)")


_YES: Final = {"co", "x", "dat", "hoan thanh", "yes", "true", "1", "y", "done"}
_NO: Final = {"khong", "chua", "chua dat", "khong dat", "no", "false", "0", "n"}


def parse_bool(cell: Cell) -> bool:
    """A yes/no cell: có/x/đạt/yes/TRUE/1 or không/chưa/no/FALSE/0.

    >>> parse_bool("Có"), parse_bool("không"), parse_bool(True)
    (True, False, True)
    """
    if isinstance(cell, bool):
        return cell
    folded = fold(text_of(cell))
    if folded in _YES:
        return True
    if folded in _NO:
        return False
    raise CellProblem("yes or no (có/không, x, đạt/chưa đạt, yes/no)")
