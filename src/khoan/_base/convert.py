"""Converters shared by the fact classes: exact numbers, dates, ids and enums.

Each converter accepts the forms a person would naturally type and refuses the
rest with a :class:`~khoan.exceptions.FieldError` naming what was expected.
The path of the error is left empty here: the class that owns the field, and
the JSON loader above it, fill it in.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from decimal import (
    MAX_EMAX,
    MIN_EMIN,
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
)
from fractions import Fraction
from typing import Any, Final, TypeGuard, TypeVar

from dateutil import parser as _dateparser

from khoan._base.paths import key_path
from khoan.exceptions import DuplicateId, FieldError, InexactNumber, InvalidValue

__all__ = [
    "ENGINE",
    "SHOWN",
    "FrozenMap",
    "decimal_of",
    "decimal_text",
    "exact",
    "exact_text",
    "is_whole",
    "percent",
]

E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")

NUMBER = "an exact number (int, str or Decimal)"
DATE = (
    "a date (datetime.date, ISO 8601 '2021-09-22', or day first: "
    "'22-9-2021', '22/9/2021', 'ngày 22/9/2021', 'ngày 22 tháng 9 năm 2021')"
)


def exact(value: float | int | str | Decimal) -> Decimal:
    """Convert a number to :class:`~decimal.Decimal` on purpose, floats included.

    khoan refuses floats wherever exactness matters, because ``0.1`` is not
    one tenth in binary. ``exact`` is the explicit way across: it goes through
    the float's shortest ``repr``, so ``exact(0.1) == Decimal("0.1")``.

    >>> exact(0.1)
    Decimal('0.1')
    >>> exact("7.25")
    Decimal('7.25')

    Raises:
        InvalidValue: For NaN, infinities and text that is not a number.

    """
    if isinstance(value, float):
        value = repr(value)
    return to_decimal(value)


# No measure in this field needs more; refusing the rest keeps every sum and
# product far from the decimal context's limits (no Overflow, no silent rounding).
_MAGNITUDE = 15
DIGITS = 30
"""The most significant digits an exact number may have (2 x 15, both sides of the point)."""
# Longer text is refused before it is parsed: parsing is what a hostile number costs.
_LONGEST_NUMBER = 200


def to_decimal(value: object) -> Decimal:
    """Return ``value`` as a finite Decimal, refusing floats and booleans."""
    if isinstance(value, bool):
        raise InvalidValue("", value, NUMBER)
    if isinstance(value, float):
        raise InexactNumber(
            "", value, f"{NUMBER}; convert a float on purpose with khoan.exact({value!r})"
        )
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        if len(value) > _LONGEST_NUMBER:
            raise InvalidValue("", value, f"{NUMBER} of at most {DIGITS} digits")
        try:
            result = Decimal(value.strip())
        except (InvalidOperation, ValueError):
            raise InvalidValue("", value, NUMBER) from None
    else:
        raise InvalidValue("", value, NUMBER)
    if not result.is_finite():
        raise InvalidValue("", value, "a finite number")
    if result and not -_MAGNITUDE <= result.adjusted() <= _MAGNITUDE:
        raise InvalidValue("", value, f"a number between 1E-{_MAGNITUDE} and 1E+{_MAGNITUDE}")
    if len(result.as_tuple().digits) > DIGITS:
        raise InvalidValue("", value, f"a number of at most {DIGITS} significant digits")
    return result


SHOWN = Context(prec=60, rounding=ROUND_HALF_EVEN, Emax=MAX_EMAX, Emin=MIN_EMIN, traps=[])
ENGINE = Context(
    prec=60,
    rounding=ROUND_HALF_EVEN,
    Emax=MAX_EMAX,
    Emin=MIN_EMIN,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)
"""The context the engine computes in, whatever the caller's (its precision and traps)."""


def is_whole(value: object) -> TypeGuard[int]:
    """Whether ``value`` is an int and not a bool (``True`` is not a count)."""
    return isinstance(value, int) and not isinstance(value, bool)


def to_fraction(value: object) -> Fraction:
    """Return ``value`` as an exact Fraction; floats are refused as in :func:`to_decimal`."""
    if isinstance(value, Fraction):
        return value
    return Fraction(to_decimal(value))


def decimal_of(value: Fraction, places: int | None = None) -> Decimal:
    """Show an exact Fraction as a Decimal, quantized to ``places`` when given.

    For display and reasons only: a score is rounded by its scheme's
    :class:`~khoan.schemes.Rounding`, never by this.

    >>> decimal_of(Fraction(1117, 12), 2), decimal_of(Fraction(1, 4))
    (Decimal('93.08'), Decimal('0.25'))
    """
    # A private context: the caller's precision and traps never change what is shown.
    shown = SHOWN.divide(Decimal(value.numerator), Decimal(value.denominator))
    return shown if places is None else shown.quantize(Decimal(1).scaleb(-places), context=SHOWN)


def decimal_text(value: Fraction) -> str:
    """The repr of :func:`decimal_of`, for strategy reprs: ``Decimal('0.3')``."""
    return repr(decimal_of(value))


def exact_text(value: Fraction) -> str:
    """An exact total as text: ``"93"``, ``"93.25"``, or ``"1117/12"`` when no decimal is exact."""
    if value.denominator == 1:
        return str(value.numerator)
    shown = decimal_of(value)
    return str(shown) if Fraction(shown) == value else f"{value.numerator}/{value.denominator}"


def percent(value: Fraction) -> str:
    """A share as a percentage with one decimal, e.g. ``"73.3%"``."""
    return f"{decimal_of(value * 100, 1)}%"


def to_optional_of(cls: type[T], value: object, expected: str) -> T | None:
    """Return ``value`` if it is None or an instance of ``cls``; else say ``expected``."""
    if value is not None and not isinstance(value, cls):
        raise InvalidValue("", value, expected)
    return value


def to_optional_decimal(value: object) -> Decimal | None:
    """Like :func:`to_decimal` but lets ``None`` through."""
    return None if value is None else to_decimal(value)


_VI_DATE = re.compile(
    r"^\s*(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})\s*$", re.IGNORECASE
)
# Day, month, year in figures, as documents write them: "22/9/2021", "ngày 22-9-2021".
_DAY_FIRST = re.compile(
    r"^(?:ngày\s*)?(\d{1,2})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{4})$", re.IGNORECASE
)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

_YEAR_FIRST = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_FOUR_DIGIT_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
# Two defaults that differ in every part: a string that leaves any part of the
# date unsaid parses differently under the two, and is refused as incomplete.
_DEFAULTS = (dt.datetime(2000, 1, 1), dt.datetime(2001, 2, 2))


def to_date(value: object) -> dt.date:
    """Return ``value`` as a date.

    Strings are read day first, as Vietnamese documents write them; an ISO
    date (year first) is read as ISO. A string that leaves the day, month or
    year unsaid is refused rather than completed with a guess, and so is a
    date in figures that only reads month first (``"1/13/2021"``): the
    message shows both readings.

    >>> to_date("22-9-2021"), to_date("ngày 22 tháng 9 năm 2021"), to_date("ngày 22/9/2021")
    (datetime.date(2021, 9, 22), datetime.date(2021, 9, 22), datetime.date(2021, 9, 22))
    >>> to_date("1/13/2021")
    Traceback (most recent call last):
    khoan.exceptions.InvalidValue: expected a date written day first (day 1 of month 13 ...
    """
    if isinstance(value, dt.datetime):
        raise InvalidValue("", value, f"{DATE}, not a datetime; pass .date()")
    if isinstance(value, dt.date):
        return _in_range(value)
    if not isinstance(value, str):
        raise InvalidValue("", value, DATE)
    if len(value) > 100 or not is_text(value):
        raise InvalidValue("", value, DATE)
    return _in_range(_parse_date(value))


FIRST_YEAR: Final = 1900
LAST_YEAR: Final = 2200
"""Every date khoan holds falls in these years, as every period does.

A document's reader refuses other years, so the Python API does too: what a
program builds, it can write and read back.
"""


def _in_range(day: dt.date) -> dt.date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise InvalidValue("", day, f"a date in the years {FIRST_YEAR} to {LAST_YEAR}")
    return day


def _parse_date(value: str) -> dt.date:
    text = unicodedata.normalize("NFC", value).strip()
    if not _FOUR_DIGIT_YEAR.search(text):
        raise InvalidValue("", value, f"{DATE} with a four-digit year")
    try:
        if _ISO_DATE.match(text):
            return dt.date.fromisoformat(text)
        vi = _VI_DATE.match(text)
        if vi:
            day, month, year = (int(g) for g in vi.groups())
            return dt.date(year, month, day)
        year_first = _YEAR_FIRST.match(text)
        if year_first:
            year, month, day = (int(g) for g in year_first.groups())
            return dt.date(year, month, day)
    except (ValueError, OverflowError):
        raise InvalidValue("", value, DATE) from None
    figures = _DAY_FIRST.match(text)
    if figures:
        return _day_first(value, int(figures[1]), int(figures[3]), int(figures[4]))
    try:
        first, second = (
            _dateparser.parse(text, dayfirst=True, default=default) for default in _DEFAULTS
        )
    except (ValueError, OverflowError):
        raise InvalidValue("", value, DATE) from None
    if first != second or first.time() != dt.time():
        raise InvalidValue("", value, f"{DATE} with day, month and year and no time")
    return first.date()


def _day_first(value: str, day: int, month: int, year: int) -> dt.date:
    """Read figures day first; a date that only reads month first is refused, both shown."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        pass
    try:
        other = dt.date(year, day, month)
    except ValueError:
        raise InvalidValue("", value, DATE) from None
    raise InvalidValue(
        "",
        value,
        f"a date written day first (day {day} of month {month} does not exist; read month "
        f"first it would be {other.isoformat()}, which khoan does not guess: write "
        f"'{other.day}/{other.month}/{other.year}' or '{other.isoformat()}')",
    )


def to_optional_date(value: object) -> dt.date | None:
    """Like :func:`to_date` but lets ``None`` through."""
    return None if value is None else to_date(value)


def is_text(value: str) -> bool:
    """Whether ``value`` is text that can be written as UTF-8 (no lone surrogate)."""
    if value.isascii():
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def to_id(value: object) -> str:
    """Return a non-empty identifier without surrounding spaces, in Unicode NFC.

    The same id typed in two normal forms (NFC and NFD, as two keyboards may
    send it) is one id: it is compared, and kept, in NFC.

    >>> to_id("Nguye\u0302\u0303n") == "Nguyễn"
    True
    """
    if not isinstance(value, str) or not value.strip() or value != value.strip():
        raise InvalidValue("", value, "a non-empty id without surrounding spaces")
    if value.isascii():
        return value
    if not is_text(value):
        raise InvalidValue("", value, "an id in Unicode text (a lone surrogate is not text)")
    return unicodedata.normalize("NFC", value)


def to_optional_id(value: object) -> str | None:
    """Like :func:`to_id` but lets ``None`` through."""
    return None if value is None else to_id(value)


def to_bool(value: object) -> bool:
    """Return ``value`` if it is ``True`` or ``False``; 0, 1 and "yes" are refused."""
    if not isinstance(value, bool):
        raise InvalidValue("", value, "true or false")
    return value


def to_optional_bool(value: object) -> bool | None:
    """Like :func:`to_bool` but lets ``None`` through."""
    return None if value is None else to_bool(value)


def to_text(value: object) -> str:
    """Return text as given, in Unicode NFC (no stripping: what the user wrote is kept)."""
    if not isinstance(value, str):
        raise InvalidValue("", value, "text")
    if value.isascii():
        return value
    if not is_text(value):
        raise InvalidValue("", value, "Unicode text (a lone surrogate is not text)")
    # NFC, as the JSON reader: text typed in NFD reads back equal after a round trip.
    return value if unicodedata.is_normalized("NFC", value) else unicodedata.normalize("NFC", value)


def to_texts(value: object) -> tuple[str, ...]:
    """Return a tuple of texts from any iterable of strings (not a bare string)."""
    return tuple(to_text(v) for v in to_tuple(value))


def to_tuple(value: object) -> tuple[Any, ...]:
    """Return any non-string iterable as a tuple."""
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise InvalidValue("", value, "a list")
    return tuple(value)


def to_enum(cls: type[E], value: object) -> E:
    """Return the member of ``cls`` that ``value`` is, or whose value or name it is."""
    if isinstance(value, cls):
        return value
    for member in cls:
        if value == member.value or (isinstance(value, str) and value == member.name):
            return member
    choices = ", ".join(repr(m.value) for m in cls)
    raise InvalidValue("", value, f"one of {choices}")


def to_tuple_of(cls: type[T], value: object) -> tuple[T, ...]:
    """Return ``value`` as a tuple whose elements must all be instances of ``cls``."""
    items = to_tuple(value)
    for i, item in enumerate(items):
        if not isinstance(item, cls):
            raise InvalidValue(f"[{i}]", item, f"a {cls.__name__}")
    return items


def positive(path: str, value: Decimal) -> FieldError | None:
    """Return an error unless ``value`` is strictly positive."""
    if value <= 0:
        return InvalidValue(path, value, "a positive number")
    return None


class FrozenMap(Mapping[str, Decimal]):
    """An immutable, hashable mapping from ids to exact numbers, order kept.

    Used for a council member's points, so a scoresheet stays a value.

    >>> m = FrozenMap({"t01": "4.5"})
    >>> m["t01"], len(m), m == {"t01": Decimal("4.5")}
    (Decimal('4.5'), 1, True)
    """

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, object] | Iterable[tuple[str, object]] = ()) -> None:
        pairs = data.items() if isinstance(data, Mapping) else data
        out: dict[str, Decimal] = {}
        for given, raw in pairs:
            try:
                key = to_id(given)
            except FieldError as err:
                where = key_path("", given) if isinstance(given, str) else f"[{given!r}]"
                raise err.with_prefix(where) from None
            if key in out:
                raise DuplicateId(key_path("", key), key, "each id once")
            try:
                out[key] = to_decimal(raw)
            except FieldError as err:
                raise err.with_prefix(key_path("", key)) from None
        self._data = out

    def __getitem__(self, key: str) -> Decimal:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        return hash(tuple(self._data.items()))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMap):
            return self._data == other._data
        return super().__eq__(other)

    def __repr__(self) -> str:
        return f"FrozenMap({self._data!r})"


def to_frozen_map(value: object) -> FrozenMap:
    """Convert a mapping (or pairs) of ids to numbers into a :class:`FrozenMap`."""
    if isinstance(value, FrozenMap):
        return value
    if isinstance(value, Mapping):
        return FrozenMap(value)
    raise InvalidValue("", value, "a mapping of ids to numbers")
