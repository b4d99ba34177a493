"""The Scheme type: a whole scoring policy as a frozen value.

The presets that instantiate it live in :mod:`khoan.schemes`; this module
holds only the type, so importing the engine builds no preset.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import attrs

from khoan._base.findings import Reason
from khoan._base.in_force import InForce
from khoan._base.rating import Rating
from khoan._schemes.conditions import Condition
from khoan._schemes.eligibility import Eligibility
from khoan._schemes.parts import Band, MissingData, Part, Rounding, Source
from khoan._schemes.quota import Quota
from khoan._schemes.readings import (
    FailedReview,
    FallThrough,
    Reading,
    TaskExceeded,
    failed_review_reading,
    fall_through_reading,
    task_exceeded_reading,
)
from khoan._schemes.vetoes import Veto
from khoan.exceptions import InvalidValue

__all__ = ["FallThrough", "Scheme", "bands"]


def bands(*pairs: tuple[Rating, object]) -> tuple[Band, ...]:
    """Bands from ``(rating, lowest total)`` pairs, best first.

    >>> [(b.rating.name, b.lower) for b in bands((Rating.GOOD, 50), (Rating.NOT_ACHIEVED, 0))]
    [('GOOD', Fraction(50, 1)), ('NOT_ACHIEVED', Fraction(0, 1))]
    """
    return tuple(Band(rating, Fraction(str(lower))) for rating, lower in pairs)


@attrs.frozen(kw_only=True)
class Scheme:
    """A complete scoring policy.

    Args:
        name: Short stable id, e.g. ``"qd-366-2025"``.
        title: One line naming the policy and its source.
        version: Changes whenever the policy's outcome could change.
        legal_basis: Documents and articles it implements.
        parts: The score's components; their maxima add up to the scale.
        bands: Best first; each band is ``[lower, next band's lower)``, the
            top one closed at the scale; the last must start at 0.
        conditions: ``(rating, condition)`` pairs: the rating also needs the
            condition; if it fails the rating drops to the next band.
        vetoes: Facts that cap the rating whatever the points.
        missing: What to do with items or parts that have nothing to score.
        rounding: The one rounding step, for the reported score.
        band_on_rounded: Pick the band from the rounded score (default: the
            exact total, so 89.996 is never rounded up into Excellent).
        assumptions: What the scheme supplies where its sources are silent.
        quota: The cohort quota the source sets, if any (applied separately,
            by :func:`khoan.apply_quota`).
        fall_through: What happens when the band and the conditions disagree
            (see :class:`FallThrough`); khoan's reading, shown in every
            evaluation's readings.
        failed_review: Whether a product accepted after a failed review is
            "to standard" for the conditions (see :class:`FailedReview`).
        task_exceeded: Whether a task finished early counts as exceeded for
            the conditions (see :class:`TaskExceeded`).
        eligibility: Who is rated at all in a year, and the cap for long
            leave (:class:`Eligibility`); None: everyone is rated.
        in_force: The days the policy applies, with the source of each date
            (:class:`~khoan.InForce`; None for a scheme of your own: no dates
            are checked). A period is governed by the scheme in force on its
            last day.

    Raises:
        InvalidValue: Bands that do not tile the scale, conditions for
            unknown ratings, or parts with clashing ids.

    """

    name: str = attrs.field(kw_only=False)
    title: str
    version: str
    legal_basis: tuple[str, ...]
    parts: tuple[Part, ...]
    bands: tuple[Band, ...]
    conditions: tuple[tuple[Rating, Condition], ...] = ()
    vetoes: tuple[Veto, ...] = ()
    missing: MissingData = MissingData.REFUSE
    rounding: Rounding = attrs.field(factory=Rounding)
    band_on_rounded: bool = False
    assumptions: tuple[Reason, ...] = ()
    quota: Quota | None = None
    fall_through: FallThrough = FallThrough.NEXT_LOWER
    eligibility: Eligibility | None = None
    failed_review: FailedReview = FailedReview.NOT_TO_STANDARD
    task_exceeded: TaskExceeded = TaskExceeded.NEVER
    in_force: InForce | None = None

    def __attrs_post_init__(self) -> None:
        if not self.parts:
            raise InvalidValue("parts", (), "at least one part")
        ids = [p.id for p in self.parts]
        if len(set(ids)) != len(ids):
            raise InvalidValue("parts", ids, "parts with distinct ids")
        lowers = [b.lower for b in self.bands]
        if not self.bands or lowers[-1] != 0:
            raise InvalidValue("bands", lowers, "bands whose last starts at 0")
        if any(a <= b for a, b in itertools.pairwise(lowers)) or lowers[0] > self.scale:
            raise InvalidValue(
                "bands", lowers, f"strictly decreasing lower bounds within [0, {self.scale}]"
            )
        ratings = [b.rating for b in self.bands]
        if ratings != sorted(ratings, reverse=True) or len(set(ratings)) != len(ratings):
            raise InvalidValue("bands", [r.name for r in ratings], "each rating once, best first")
        for rating, _ in self.conditions:
            if rating not in ratings:
                raise InvalidValue("conditions", rating.name, "a rating that has a band")

    @property
    def scale(self) -> Fraction:
        """The highest total: the sum of the parts' maxima."""
        return sum((p.maximum for p in self.parts), Fraction(0))

    @property
    def readings(self) -> tuple[Reading, ...]:
        """Every choice khoan makes for this scheme where the sources are silent.

        With conditions: the fall-through, the failed-review and the
        task-exceeded readings; for each part of council criteria, whether it
        is required; with a quota, its base, scope, demotion order and what is
        unconfirmed about it. Each evaluation carries them (explanation, JSON).
        """
        out: list[Reading] = []
        if self.conditions:
            out.append(fall_through_reading(self.fall_through))
            out.append(failed_review_reading(self.failed_review))
            out.append(task_exceeded_reading(self.task_exceeded))
        out.extend(_part_reading(p, p.missing or self.missing) for p in self.parts
                   if p.source is Source.CRITERIA)  # fmt: skip
        if self.quota is not None:
            out.extend(self.quota.readings)
        return tuple(out)

    def band_for(self, total: Fraction) -> Rating:
        """The rating whose band holds ``total`` (totals are clamped to the scale)."""
        for band in self.bands:
            if total >= band.lower:
                return band.rating
        return self.bands[-1].rating

    def conditions_for(self, rating: Rating) -> tuple[Condition, ...]:
        """The extra conditions ``rating`` needs."""
        return tuple(c for r, c in self.conditions if r is rating)

    @property
    def by_role(self) -> bool:
        """Whether some condition or veto applies only to some roles (see :class:`~khoan.Role`)."""
        return any(hasattr(s, "roles") for s in (*(c for _, c in self.conditions), *self.vetoes))

    def next_lower(self, rating: Rating) -> Rating:
        """The rating of the band below ``rating``'s (itself for the lowest)."""
        ratings = [b.rating for b in self.bands]
        index = ratings.index(rating)
        return ratings[min(index + 1, len(ratings) - 1)]


_PART_WORDS = {
    MissingData.REFUSE: (
        "required: an evaluation without its points is refused",
        "bắt buộc: thiếu điểm phần này thì không đánh giá",
    ),
    MissingData.RENORMALISE: (
        "optional: without its points the total is scaled from the other parts",
        "không bắt buộc: thiếu điểm phần này thì tổng điểm quy đổi theo các phần còn lại",
    ),
    MissingData.ZERO: (
        "optional: without its points it counts 0",
        "không bắt buộc: thiếu điểm phần này thì tính 0 điểm",
    ),
}


def _part_reading(part: Part, policy: MissingData) -> Reading:
    en, vi = _PART_WORDS[policy]
    name, name_vi = part.title or part.id, part.title_vi or part.id
    return Reading(
        topic=f"part/{part.id}",
        choice="required" if policy is MissingData.REFUSE else policy.value,
        reason=Reason(f"the part '{name}' is {en} (khoan's reading)",
                      f"phần '{name_vi}': {vi} (cách hiểu của khoan)"),
    )  # fmt: skip
