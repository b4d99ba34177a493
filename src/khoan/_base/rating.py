"""Rating: the four levels of the annual (or quarterly) classification."""

from __future__ import annotations

import enum
import functools

__all__ = ["Rating"]


@functools.total_ordering
class Rating(enum.Enum):
    """The quality classification, best first; ratings compare by merit.

    >>> Rating.EXCELLENT > Rating.GOOD > Rating.ACHIEVED > Rating.NOT_ACHIEVED
    True
    >>> max(Rating.ACHIEVED, Rating.GOOD).vietnamese
    'Hoàn thành tốt nhiệm vụ'

    References:
        QĐ 124-QĐ/TW (2023) Điều 12 and QĐ 366-QĐ/TW (2025) Điều 11 for party
        bodies; NĐ 90/2020/NĐ-CP and NĐ 335/2025/NĐ-CP Điều 20 for the state.

    """

    EXCELLENT = "excellent"
    GOOD = "good"
    ACHIEVED = "achieved"
    NOT_ACHIEVED = "not_achieved"

    @property
    def merit(self) -> int:
        """3 for Excellent down to 0 for Not achieved."""
        return _MERIT[self]

    @property
    def vietnamese(self) -> str:
        """The level's wording in Vietnamese documents."""
        return _VI[self]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Rating):
            return NotImplemented
        return self.merit < other.merit


_MERIT = {
    Rating.EXCELLENT: 3,
    Rating.GOOD: 2,
    Rating.ACHIEVED: 1,
    Rating.NOT_ACHIEVED: 0,
}
_VI = {
    Rating.EXCELLENT: "Hoàn thành xuất sắc nhiệm vụ",
    Rating.GOOD: "Hoàn thành tốt nhiệm vụ",
    Rating.ACHIEVED: "Hoàn thành nhiệm vụ",
    Rating.NOT_ACHIEVED: "Không hoàn thành nhiệm vụ",
}
