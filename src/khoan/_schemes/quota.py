"""Quota: a cap on how many in a peer group may hold a rating."""

from __future__ import annotations

import enum
from fractions import Fraction

import attrs

from khoan._base.convert import to_fraction
from khoan._base.rating import Rating
from khoan.exceptions import InvalidValue

__all__ = ["Quota", "QuotaBase", "TieBreak"]


class QuotaBase(enum.Enum):
    """What the quota's share is taken of.

    The rule "Excellent ≤ 20% of those rated Good" can be read two ways; both
    are offered, and the default is the reading the final ratings satisfy
    literally.
    """

    GOOD_AFTER = "good_after"
    """Of those rated Good once the quota is applied, so the demoted count as
    Good: the number kept Excellent, k, is the largest with k ≤ share × (Good +
    Excellent − k). The final ratings satisfy the rule as written. Default."""

    GOOD_INCLUDING_SELECTED = "good_including_selected"
    """Of those rated at least Good before the quota (Excellent candidates
    counted in the Good pool): k = ⌊share × (Good + Excellent)⌋. Allows more
    Excellent than the literal reading."""

    ALL_RATED = "all_rated"
    """Of everyone rated in the group (Hà Nội's A ≤ 30%)."""


class TieBreak(enum.Enum):
    """What happens when candidates tie on total at the quota's cut."""

    KEY = "key"
    """Rank by exact total, best first, then by assignment id (A before B):
    deterministic and documented, though the id carries no merit."""

    DEMOTE_ALL = "demote_all"
    """Demote everyone tied at the cut, so no one is kept over an equal."""


@attrs.frozen(kw_only=True)
class Quota:
    """At most ``share`` of ``base`` may hold ``rating`` within each peer group.

    Those over the quota drop to the next lower rating; no one is promoted.

    >>> Quota(Rating.EXCELLENT, share=Fraction(1, 5)).allowed(good=9, candidates=3, rated=12)
    2
    """

    rating: Rating = attrs.field(kw_only=False)
    share: Fraction = attrs.field(converter=to_fraction)
    base: QuotaBase = QuotaBase.GOOD_AFTER
    ties: TieBreak = TieBreak.KEY
    legal_basis: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        if not 0 <= self.share <= 1:
            raise InvalidValue("share", self.share, "a share from 0 to 1")
        if self.rating is Rating.NOT_ACHIEVED:
            raise InvalidValue("rating", self.rating.name, "a rating above Not achieved")

    def allowed(self, *, good: int, candidates: int, rated: int) -> int:
        """How many of ``candidates`` may keep the rating.

        Args:
            good: How many in the group hold the next lower rating (Good).
            candidates: How many hold the quota's rating before it applies.
            rated: How many in the group were rated at all.

        """
        if self.base is QuotaBase.ALL_RATED:
            limit = self.share * rated
        elif self.base is QuotaBase.GOOD_INCLUDING_SELECTED:
            limit = self.share * (good + candidates)
        else:
            limit = self.share * (good + candidates) / (1 + self.share)
        return min(candidates, int(limit))
