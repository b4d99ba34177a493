"""Period: the year, quarter or month an assignment or an evaluation covers."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from typing import Self

import attrs

from khoan._base.convert import is_whole
from khoan._base.fact import fact
from khoan.exceptions import InvalidValue

__all__ = ["Period"]

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_FORMS = "'2022', 'Q3/2022', 'Quý III/2022', '2022-Q3', '2022-07', 'Tháng 7/2022' or '07/2022'"
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(?:năm\s+)?(\d{4})$", re.I), "year"),
    (re.compile(r"^(\d{4})-?Q([1-4])$", re.I), "year-quarter"),
    (re.compile(r"^Q([1-4])[/-](\d{4})$", re.I), "quarter/year"),
    (re.compile(r"^quý\s+([1-4]|I{1,3}|IV)\s*[/-]\s*(?:năm\s+)?(\d{4})$", re.I), "quarter/year"),
    (re.compile(r"^quý\s+([1-4]|I{1,3}|IV)\s+năm\s+(\d{4})$", re.I), "quarter/year"),
    (re.compile(r"^(\d{4})-(\d{2})$"), "year-month"),
    (re.compile(r"^(?:tháng\s+)?(\d{1,2})\s*[/-]\s*(?:năm\s+)?(\d{4})$", re.I), "month/year"),
    (re.compile(r"^tháng\s+(\d{1,2})\s+năm\s+(\d{4})$", re.I), "month/year"),
)


def _year(value: object) -> int:
    if not is_whole(value) or not 1900 <= value <= 2200:
        raise InvalidValue("", value, "a year between 1900 and 2200")
    return value


def _optional_small(value: object) -> int | None:
    if value is None:
        return None
    if not is_whole(value):
        raise InvalidValue("", value, "a whole number or None")
    return value


def _roman(text: str) -> int:
    return _ROMAN[text.upper()] if text.upper() in _ROMAN else int(text)


@fact
@attrs.frozen(order=False)
class Period:
    """A year, a quarter of a year, or a month of a year.

    Periods order by start date, then by length (a year sorts before its
    first quarter). ``str()`` gives the canonical form used in documents.

    >>> p = Period.parse("Quý III/2022")
    >>> p, str(p)
    (Period(year=2022, quarter=3, month=None), '2022-Q3')
    >>> p.start, p.end
    (datetime.date(2022, 7, 1), datetime.date(2022, 9, 30))
    >>> Period(2022, quarter=5)
    Traceback (most recent call last):
    khoan.exceptions.InvalidValue: quarter: expected 1, 2, 3 or 4, got 5

    Args:
        year: The calendar year.
        quarter: 1-4 for a quarter, or None.
        month: 1-12 for a month, or None. A period is never both.

    """

    year: int = attrs.field(converter=_year)
    quarter: int | None = attrs.field(default=None, converter=_optional_small, kw_only=True)
    month: int | None = attrs.field(default=None, converter=_optional_small, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if self.quarter is not None and self.quarter not in (1, 2, 3, 4):
            raise InvalidValue("quarter", self.quarter, "1, 2, 3 or 4")
        if self.month is not None and not 1 <= self.month <= 12:
            raise InvalidValue("month", self.month, "1 to 12")
        if self.quarter is not None and self.month is not None:
            raise InvalidValue("month", self.month, "None when a quarter is given")

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read a period as Vietnamese documents and ISO 8601 write it.

        >>> texts = ("2022", "Q3/2022", "Quý III/2022", "2022-Q3", "2022-07")
        >>> [str(Period.parse(s)) for s in texts]
        ['2022', '2022-Q3', '2022-Q3', '2022-Q3', '2022-07']

        Raises:
            InvalidValue: For any other text.

        """
        if not isinstance(text, str) or len(text) > 100:
            raise InvalidValue("", text, f"a period such as {_FORMS}")
        # NFC: "Quý" typed with a combining accent is the same word.
        cleaned = " ".join(unicodedata.normalize("NFC", text).split())
        for pattern, form in _PATTERNS:
            m = pattern.match(cleaned)
            if not m:
                continue
            if form == "year":
                return cls(int(m[1]))
            if form == "year-quarter":
                return cls(int(m[1]), quarter=int(m[2]))
            if form == "quarter/year":
                return cls(int(m[2]), quarter=_roman(m[1]))
            if form == "year-month":
                return cls(int(m[1]), month=int(m[2]))
            return cls(int(m[2]), month=int(m[1]))
        raise InvalidValue("", text, f"a period such as {_FORMS}")

    @property
    def start(self) -> dt.date:
        """The first day of the period."""
        if self.quarter is not None:
            return dt.date(self.year, 3 * self.quarter - 2, 1)
        return dt.date(self.year, self.month or 1, 1)

    @property
    def end(self) -> dt.date:
        """The last day of the period."""
        last_month = 3 * self.quarter if self.quarter is not None else self.month or 12
        return dt.date(self.year, last_month, calendar.monthrange(self.year, last_month)[1])

    @property
    def kind(self) -> str:
        """``"year"``, ``"quarter"`` or ``"month"``."""
        if self.quarter is not None:
            return "quarter"
        return "month" if self.month is not None else "year"

    def __contains__(self, day: object) -> bool:
        if isinstance(day, dt.datetime):
            day = day.date()
        return isinstance(day, dt.date) and self.start <= day <= self.end

    def _key(self) -> tuple[dt.date, dt.date]:
        # Longer periods first among those starting the same day.
        return (self.start, dt.date.max - (self.end - dt.date.min))

    def __lt__(self, other: Period) -> bool:
        return self._key() < other._key()

    def __le__(self, other: Period) -> bool:
        return self._key() <= other._key()

    def __gt__(self, other: Period) -> bool:
        return self._key() > other._key()

    def __ge__(self, other: Period) -> bool:
        return self._key() >= other._key()

    def __str__(self) -> str:
        if self.quarter is not None:
            return f"{self.year}-Q{self.quarter}"
        if self.month is not None:
            return f"{self.year}-{self.month:02d}"
        return str(self.year)

    def vietnamese(self) -> str:
        """The period as a Vietnamese document writes it.

        >>> Period.parse("2022-Q3").vietnamese(), Period(2022).vietnamese()
        ('Quý III/2022', 'Năm 2022')
        """
        if self.quarter is not None:
            return f"Quý {['I', 'II', 'III', 'IV'][self.quarter - 1]}/{self.year}"
        if self.month is not None:
            return f"Tháng {self.month}/{self.year}"
        return f"Năm {self.year}"
