"""Dates of effect: when a scheme or a consequence rule applies.

A rule has dates of effect; a repealed rule is not a default. Every preset
carries an :class:`InForce` interval with the source of each date, and the
engine refuses (by default) to apply a preset to a period it did not govern.
"""

from __future__ import annotations

import datetime as dt

import attrs

from khoan._base.convert import to_date
from khoan.exceptions import InvalidValue

__all__ = ["InForce"]


def _optional_date(value: object) -> dt.date | None:
    return None if value is None else to_date(value)


@attrs.frozen(kw_only=True)
class InForce:
    """The days a rule applies: from ``since`` up to, not including, ``until``.

    Args:
        since: The first day the rule applies.
        until: The first day it no longer applies (None: still in force).
        source: Where each date comes from, e.g. "QĐ 366-QĐ/TW replaced
            QĐ 124-QĐ/TW from 30/8/2025".

    Raises:
        InvalidValue: ``until`` is not after ``since``, or a date is not a date.

    >>> f = InForce(since="2023-10-04", until="2025-08-30", source="QĐ 124; QĐ 366")
    >>> dt.date(2025, 8, 29) in f, dt.date(2025, 8, 30) in f
    (True, False)
    >>> str(f), InForce(since="2025-08-30", source="QĐ 366").describe("vi")
    ('04/10/2023 – 29/08/2025', 'từ 30/08/2025')

    """

    since: dt.date = attrs.field(converter=to_date)
    until: dt.date | None = attrs.field(default=None, converter=_optional_date)
    source: str = ""

    def __attrs_post_init__(self) -> None:
        if self.until is not None and self.until <= self.since:
            raise InvalidValue("until", self.until.isoformat(), f"a day after {self.since}")

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, dt.date):
            return False
        return self.since <= day and (self.until is None or day < self.until)

    def describe(self, lang: str = "en") -> str:
        """The days in words: "04/10/2023 – 29/08/2025", or "from 30/08/2025" when open."""
        first = self.since.strftime("%d/%m/%Y")
        if self.until is None:
            return f"từ {first}" if lang == "vi" else f"from {first}"
        return f"{first} – {(self.until - dt.timedelta(days=1)).strftime('%d/%m/%Y')}"

    def __str__(self) -> str:
        return self.describe("en")
