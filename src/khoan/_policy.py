"""The building blocks of a scheme: parts, bands, conditions, vetoes, rounding.

Each is a small frozen value or callable; :mod:`khoan.schemes` assembles
them into the regulation presets.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
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
from typing import Protocol

import attrs

from khoan._aggregate import Aggregator
from khoan._circumstances import Circumstances
from khoan._convert import percent, to_fraction
from khoan._rating import Rating
from khoan._report import ExcuseKind
from khoan._results import ItemResult, Reason, Status
from khoan.exceptions import FieldError, InvalidValue
from khoan.scoring import ItemRule

__all__ = [
    "Band",
    "Circumstances",
    "Condition",
    "Finding",
    "MissingData",
    "Part",
    "Rounding",
    "Source",
    "Veto",
    "all_completed",
    "all_on_time",
    "completion_below",
    "disciplined",
    "key_item_missed",
    "share_exceeded",
    "share_late",
    "share_on_time",
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
class Finding:
    """Something that changed or qualified a rating, with its reason and basis.

    ``kind`` is one of "condition", "veto", "missing", "quota", "collective".
    """

    kind: str = attrs.field(kw_only=False)
    before: Rating | None
    after: Rating | None
    reason: Reason
    basis: str = ""


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


# ------------------------------------------------------------------- conditions


class Condition(Protocol):
    """A requirement a rating has beyond its band; returns why it fails, or None."""

    def __call__(
        self, results: Sequence[ItemResult], circumstances: Circumstances, /
    ) -> Reason | None: ...


class Veto(Protocol):
    """A fact that caps the rating; returns (cap, why) when it applies, else None."""

    def __call__(
        self, results: Sequence[ItemResult], circumstances: Circumstances, /
    ) -> tuple[Rating, Reason] | None: ...


def _exempt(result: ItemResult, excuses: frozenset[ExcuseKind]) -> bool:
    return bool(result.excused & excuses)


def _exempt_repr(exempt: frozenset[ExcuseKind]) -> str:
    if not exempt:
        return ""
    return ", exempt=[" + ", ".join(sorted(f"ExcuseKind.{k.name}" for k in exempt)) + "]"


def _scored(results: Sequence[ItemResult]) -> list[ItemResult]:
    return [r for r in results if r.status not in (Status.NOT_APPLICABLE, Status.NO_DATA)]


def _ids(results: Sequence[ItemResult]) -> str:
    return ", ".join(sorted(r.item for r in results))


@attrs.frozen(repr=False)
class _AllOnTime:
    quality: bool
    exempt: frozenset[ExcuseKind]

    def __call__(self, results: Sequence[ItemResult], c: Circumstances, /) -> Reason | None:
        bad = [
            r
            for r in _scored(results)
            if not _exempt(r, self.exempt)
            and (not r.completed or r.on_time is False or (self.quality and r.failed_reviews))
        ]
        if not bad:
            return None
        what = "on time with quality" if self.quality else "on time"
        what_vi = "đúng hạn, bảo đảm chất lượng" if self.quality else "đúng hạn"
        return Reason(
            f"not every item completed {what}: {_ids(bad)}",
            f"chưa hoàn thành 100% nhiệm vụ {what_vi}: {_ids(bad)}",
        )

    def __repr__(self) -> str:
        return f"all_on_time(quality={self.quality}{_exempt_repr(self.exempt)})"


def all_on_time(quality: bool = True, exempt: Sequence[ExcuseKind] = ()) -> _AllOnTime:
    """Every item completed by its deadline (and, with ``quality``, passing review).

    Items carrying a confirmed excuse of a kind in ``exempt`` are not held against it.

    References:
        QĐ 366-QĐ/TW Điều 11: Excellent and Good need 100% of tasks on time
        with quality.

    """
    return _AllOnTime(quality, frozenset(exempt))


@attrs.frozen(repr=False)
class _AllCompleted:
    exempt: frozenset[ExcuseKind]

    def __call__(self, results: Sequence[ItemResult], c: Circumstances, /) -> Reason | None:
        bad = [r for r in _scored(results) if not r.completed and not _exempt(r, self.exempt)]
        if not bad:
            return None
        return Reason(
            f"not every item completed: {_ids(bad)}",
            f"chưa hoàn thành 100% nhiệm vụ: {_ids(bad)}",
        )

    def __repr__(self) -> str:
        return f"all_completed({_exempt_repr(self.exempt)[2:]})"


def all_completed(exempt: Sequence[ExcuseKind] = ()) -> _AllCompleted:
    """Every item completed, late or not.

    References:
        QĐ 366-QĐ/TW Điều 11: Achieved needs 100% of tasks completed.

    """
    return _AllCompleted(frozenset(exempt))


@attrs.frozen(repr=False, kw_only=True)
class _Share:
    what: str = attrs.field(kw_only=False)  # "exceeded", "late", "on_time"
    limit: Fraction
    at_least: bool
    exempt: frozenset[ExcuseKind]

    def __call__(self, results: Sequence[ItemResult], c: Circumstances, /) -> Reason | None:
        pool = [r for r in _scored(results) if not _exempt(r, self.exempt)]
        if not pool:
            return None
        count = sum(1 for r in pool if self._counts(r))
        share = Fraction(count, len(pool))
        ok = share >= self.limit if self.at_least else share <= self.limit
        if ok:
            return None
        words = {"exceeded": ("exceeded", "vượt"), "late": ("late", "quá hạn"),
                 "on_time": ("on time with quality", "đúng hạn, bảo đảm chất lượng")}  # fmt: skip
        en, vi = words[self.what]
        bound = "at least" if self.at_least else "at most"
        bound_vi = "ít nhất" if self.at_least else "tối đa"
        got, need = f"({percent(share)})", percent(self.limit)
        return Reason(
            f"{count} of {len(pool)} items {en} {got}; needs {bound} {need}",
            f"{count}/{len(pool)} nhiệm vụ {vi} {got}; yêu cầu {bound_vi} {need}",
        )

    def _counts(self, r: ItemResult) -> bool:
        if self.what == "exceeded":
            return r.exceeded
        if self.what == "late":
            return r.status is Status.COMPLETED_LATE
        return r.completed and r.on_time is not False and not r.failed_reviews

    def __repr__(self) -> str:
        name = {"exceeded": "share_exceeded", "late": "share_late", "on_time": "share_on_time"}
        bound = "at_least" if self.at_least else "at_most"
        return (
            f"{name[self.what]}({bound}={Decimal(self.limit.numerator) / self.limit.denominator!r})"
        )


def _share_arg(value: object, name: str) -> Fraction:
    try:
        share = to_fraction(value)
    except FieldError as err:
        raise err.with_prefix(name) from None
    if not 0 <= share <= 1:
        raise InvalidValue(name, value, "a share from 0 to 1 as str, int, Decimal or Fraction")
    return share


def share_exceeded(at_least: object, exempt: Sequence[ExcuseKind] = ()) -> _Share:
    """At least this share of the items (by count) exceeded their targets.

    References:
        QĐ 366-QĐ/TW Điều 11 (Excellent: ≥ 30% exceeded); NĐ 90/2020/NĐ-CP
        Điều 4 (Excellent: ≥ 50% exceeded).

    """
    return _Share(
        "exceeded", limit=_share_arg(at_least, "at_least"), at_least=True, exempt=frozenset(exempt)
    )


def share_late(at_most: object, exempt: Sequence[ExcuseKind] = ()) -> _Share:
    """At most this share of the items (by count) were completed late.

    References:
        QĐ 366-QĐ/TW Điều 11 (Achieved: late tasks ≤ 20%).

    """
    return _Share(
        "late", limit=_share_arg(at_most, "at_most"), at_least=False, exempt=frozenset(exempt)
    )


def share_on_time(at_least: object, exempt: Sequence[ExcuseKind] = ()) -> _Share:
    """At least this share of the items (by count) completed on time with quality.

    References:
        NĐ 90/2020/NĐ-CP (Good: ≥ 80% on time with quality).

    """
    return _Share(
        "on_time", limit=_share_arg(at_least, "at_least"), at_least=True, exempt=frozenset(exempt)
    )


# ----------------------------------------------------------------------- vetoes


@attrs.frozen(repr=False)
class _Disciplined:
    cap: Rating

    def __call__(
        self, results: Sequence[ItemResult], c: Circumstances, /
    ) -> tuple[Rating, Reason] | None:
        if not c.disciplined:
            return None
        return self.cap, Reason("disciplined in the period", "bị kỷ luật trong kỳ đánh giá")

    def __repr__(self) -> str:
        return f"disciplined(cap={self.cap.name})"


def disciplined(cap: Rating = Rating.NOT_ACHIEVED) -> _Disciplined:
    """Disciplined in the period caps the rating.

    References:
        NĐ 48/2023/NĐ-CP (amending NĐ 90/2020): disciplined in the year → Not
        achieved; NĐ 335/2025/NĐ-CP Điều 20; QĐ 124-QĐ/TW Điều 12.

    """
    return _Disciplined(cap)


@attrs.frozen(repr=False)
class _KeyMissed:
    cap: Rating
    exempt: frozenset[ExcuseKind]

    def __call__(
        self, results: Sequence[ItemResult], c: Circumstances, /
    ) -> tuple[Rating, Reason] | None:
        missed = _key_missed(results, self.exempt)
        if not missed:
            return None
        return self.cap, Reason(
            f"key item(s) not completed: {_ids(missed)}",
            f"chỉ tiêu, nhiệm vụ chủ yếu không đạt: {_ids(missed)}",
        )

    def __repr__(self) -> str:
        return f"key_item_missed(cap={self.cap.name}{_exempt_repr(self.exempt)})"


def _key_missed(results: Sequence[ItemResult], exempt: frozenset[ExcuseKind]) -> list[ItemResult]:
    return [
        r for r in results if r.key and r.status is Status.NOT_COMPLETED and not _exempt(r, exempt)
    ]


FORCE_MAJEURE = (ExcuseKind.FORCE_MAJEURE,)


def key_item_missed(
    cap: Rating = Rating.NOT_ACHIEVED, exempt: Sequence[ExcuseKind] = FORCE_MAJEURE
) -> _KeyMissed:
    """A key item not completed caps the rating, unless excused by force majeure."""
    return _KeyMissed(cap, frozenset(exempt))


@attrs.frozen(repr=False, kw_only=True)
class _CompletionBelow:
    share: Fraction = attrs.field(kw_only=False)
    cap: Rating
    with_key_missed: bool
    exempt: frozenset[ExcuseKind]

    def __call__(
        self, results: Sequence[ItemResult], c: Circumstances, /
    ) -> tuple[Rating, Reason] | None:
        pool = _scored(results)
        if not pool:
            return None
        done = sum(1 for r in pool if r.completed or _exempt(r, self.exempt))
        share = Fraction(done, len(pool))
        if share >= self.share:
            return None
        if self.with_key_missed and not _key_missed(pool, self.exempt):
            return None
        also = " and key items missed" if self.with_key_missed else ""
        also_vi = " và có chỉ tiêu chủ yếu không đạt" if self.with_key_missed else ""
        return self.cap, Reason(
            f"only {done} of {len(pool)} items completed "
            f"({percent(share)} < {percent(self.share)}){also}",
            f"chỉ hoàn thành {done}/{len(pool)} chỉ tiêu, nhiệm vụ ({percent(share)} < "
            f"{percent(self.share)}){also_vi}",
        )

    def __repr__(self) -> str:
        share = Decimal(self.share.numerator) / self.share.denominator
        return (
            f"completion_below({share!r}, cap={self.cap.name}, "
            f"with_key_missed={self.with_key_missed}{_exempt_repr(self.exempt)})"
        )


def completion_below(
    share: object = "0.5",
    cap: Rating = Rating.NOT_ACHIEVED,
    with_key_missed: bool = True,
    exempt: Sequence[ExcuseKind] = FORCE_MAJEURE,
) -> _CompletionBelow:
    """Completing under ``share`` of the items (by count) caps the rating.

    Items excused by force majeure count as completed.

    References:
        QĐ 124-QĐ/TW Điều 12: "chỉ hoàn thành dưới 50% số chỉ tiêu, nhiệm vụ …
        và có các chỉ tiêu chủ yếu không đạt kế hoạch giao (trừ trường hợp bất
        khả kháng)" → Not achieved.

    """
    return _CompletionBelow(
        _share_arg(share, "share"),
        cap=cap,
        with_key_missed=with_key_missed,
        exempt=frozenset(exempt),
    )
