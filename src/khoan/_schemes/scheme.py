"""The Scheme type: a whole scoring policy as a frozen value.

The presets that instantiate it live in :mod:`khoan.schemes`; this module
holds only the type, so importing the engine builds no preset.
"""

from __future__ import annotations

import enum
import itertools
from fractions import Fraction

import attrs

from khoan._base.findings import Reason
from khoan._base.rating import Rating
from khoan._schemes.conditions import Condition
from khoan._schemes.eligibility import Eligibility
from khoan._schemes.parts import Band, MissingData, Part, Rounding
from khoan._schemes.quota import Quota
from khoan._schemes.vetoes import Veto
from khoan.exceptions import InvalidValue

__all__ = ["FallThrough", "Scheme", "bands"]


class FallThrough(enum.Enum):
    """What a scheme does when the total's band and a level's conditions disagree.

    The sources fix each level's band and its conditions, but not what
    happens to a head whose points reach one level while the conditions are
    met only at a lower one. That reading decides careers, so it is a
    parameter, printed with every evaluation.
    """

    NEXT_LOWER = "next_lower"  #: step down a level at a time until its conditions are met
    REFER = "refer"  #: no rating: the candidates go to the council, which decides


_FALL_THROUGH_NOTE = {
    FallThrough.NEXT_LOWER: Reason(
        "when the points reach a level whose conditions are not met, the rating steps down "
        "a level at a time until a level's conditions hold (khoan's reading: the sources "
        "fix each level's band and conditions but not which prevails)",
        "khi điểm đạt một mức nhưng không đủ điều kiện của mức đó, xếp loại hạ dần từng mức "
        "cho đến mức đủ điều kiện (cách hiểu của khoan: văn bản quy định khung điểm và điều "
        "kiện từng mức nhưng không quy định bên nào được áp dụng)",
    ),
    FallThrough.REFER: Reason(
        "when the points reach a level whose conditions are not met, no rating is decided "
        "here: the candidates go to the council (khoan's reading: the sources fix each "
        "level's band and conditions but not which prevails, and the rating decides a career)",
        "khi điểm đạt một mức nhưng không đủ điều kiện của mức đó, không tự xếp loại: chuyển "
        "hội đồng quyết định trong các mức có thể (cách hiểu của khoan: văn bản không quy "
        "định bên nào được áp dụng, mà kết quả xếp loại ảnh hưởng tới cán bộ)",
    ),
}


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
            evaluation's assumptions.
        eligibility: Who is rated at all in a year, and the cap for long
            leave (:class:`Eligibility`); None: everyone is rated.

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
    def readings(self) -> tuple[Reason, ...]:
        """Every assumption an evaluation under this scheme rests on.

        The scheme's own ``assumptions``, then the fall-through reading it uses.
        """
        return (*self.assumptions, _FALL_THROUGH_NOTE[self.fall_through])

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
