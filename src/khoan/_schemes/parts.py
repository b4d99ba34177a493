"""The building blocks of a scheme: parts, bands, the missing-data policy, rounding.

Each is a small frozen value or callable; :mod:`khoan.schemes` assembles
them into the regulation presets.
"""

from __future__ import annotations

import enum
from decimal import (
    ROUND_CEILING,
    ROUND_DOWN,
    ROUND_FLOOR,
    ROUND_HALF_DOWN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    ROUND_UP,
    Decimal,
)
from fractions import Fraction

import attrs

from khoan._base.convert import to_fraction
from khoan._base.rating import Rating
from khoan._scoring.aggregators import Aggregator
from khoan._scoring.rule import ItemRule
from khoan.exceptions import InvalidValue

__all__ = [
    "Band",
    "MissingData",
    "Part",
    "Rounding",
    "Source",
]


class MissingData(enum.Enum):
    """What a scheme does with an item or part that has nothing to score.

    Missing is not zero: the scheme chooses, and the evaluation reports it.
    """

    REFUSE = "refuse"  #: raise MissingResult naming what is missing
    RENORMALISE = "renormalise"  #: leave it out of both the points and the maximum
    ZERO = "zero"  #: count it as 0 points


class Source(enum.Enum):
    """Where a part's points come from."""

    ITEMS = "items"  #: the assigned indicators and tasks, via the part's item rule
    CRITERIA = "criteria"  #: the council's points on general criteria
    UNIT_RESULTS = "unit_results"  #: a leader's unit: did every subordinate achieve?


@attrs.frozen(kw_only=True)
class Part:
    """A component of the score, e.g. 30 points of general criteria.

    Args:
        id: Short name, e.g. ``"general"``, ``"results"``.
        maximum: The points the part is worth.
        source: Where its points come from.
        rule: For :attr:`Source.ITEMS`, the item rule.
        aggregator: For :attr:`Source.CRITERIA`, how members' points combine.
        criteria: For :attr:`Source.CRITERIA`, the criterion ids it takes;
            None takes every criterion no other part names.
        missing: Overrides the scheme's missing-data policy for this part.
        title: English title; ``title_vi``: Vietnamese title.

    """

    id: str = attrs.field(kw_only=False)
    maximum: Fraction = attrs.field(converter=to_fraction)
    source: Source
    rule: ItemRule | None = None
    aggregator: Aggregator | None = None
    criteria: tuple[str, ...] | None = None
    missing: MissingData | None = None
    title: str = ""
    title_vi: str = ""

    def __attrs_post_init__(self) -> None:
        if self.maximum <= 0:
            raise InvalidValue(f"parts.{self.id}.maximum", self.maximum, "a positive number")
        if self.source is Source.ITEMS and not callable(self.rule):
            raise InvalidValue(f"parts.{self.id}.rule", self.rule, "an item rule")
        if self.source is Source.CRITERIA and not callable(self.aggregator):
            raise InvalidValue(f"parts.{self.id}.aggregator", self.aggregator, "an aggregator")


@attrs.frozen
class Band:
    """A rating and the lowest total that reaches it; bands tile the scale."""

    rating: Rating
    lower: Fraction = attrs.field(converter=to_fraction)


@attrs.frozen
class Rounding:
    """The one rounding step: ``places`` decimals, ``mode`` from :mod:`decimal`.

    >>> Rounding()(Fraction(179, 2))
    Decimal('89.50')
    """

    places: int = 2
    mode: str = ROUND_HALF_UP

    def __attrs_post_init__(self) -> None:
        if isinstance(self.places, bool) or not isinstance(self.places, int) or self.places < 0:
            raise InvalidValue("places", self.places, "a whole number of decimals, 0 or more")
        _round_up(self.mode, 0, Fraction(1, 2), False)  # refuses an unknown mode now

    def __call__(self, value: Fraction) -> Decimal:
        # Exact: round the Fraction itself, then build the Decimal from digits,
        # so neither the 28-digit context nor the caller's context is involved.
        scaled = value * 10**self.places
        down = scaled.numerator // scaled.denominator  # floor
        rest = scaled - down
        if rest:
            down += int(_round_up(self.mode, down, rest, scaled < 0))
        sign = 0 if down >= 0 else 1
        digits = tuple(int(d) for d in str(abs(down)))
        return Decimal((sign, digits, -self.places))


def _round_up(mode: str, floor: int, rest: Fraction, negative: bool) -> bool:
    """Whether a value between ``floor`` and ``floor + 1`` goes to ``floor + 1``."""
    half = Fraction(1, 2)
    if mode == ROUND_HALF_UP:
        return rest > half or (rest == half and not negative)
    if mode == ROUND_HALF_DOWN:
        return rest > half or (rest == half and negative)
    if mode == ROUND_HALF_EVEN:
        return rest > half or (rest == half and floor % 2 == 1)
    if mode == ROUND_UP:
        return not negative
    if mode == ROUND_DOWN:
        return negative
    if mode == ROUND_CEILING:
        return True
    if mode == ROUND_FLOOR:
        return False
    raise InvalidValue("mode", mode, "a rounding mode from the decimal module")
