"""What scoring produces for one item: status, points, and the reasons for both."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from fractions import Fraction

import attrs

from khoan._base.findings import Reason
from khoan._facts.items import Direction, Indicator, Item, Tag
from khoan._facts.report import ExcuseKind, Outcome

__all__ = ["ItemResult", "Status", "classify", "status_of"]


class Status(enum.Enum):
    """How an item ended, independent of how many points it earns.

    References:
        The seed article: items "hoàn thành vượt chỉ tiêu hoặc hoàn thành trước
        tiến độ" or not completed; Hải Phòng's reporting vocabulary
        (đúng hạn / quá hạn).

    """

    EXCEEDED = "exceeded"  #: hoàn thành vượt chỉ tiêu
    COMPLETED = "completed"  #: hoàn thành (đúng hạn)
    COMPLETED_LATE = "completed_late"  #: hoàn thành nhưng quá hạn
    NOT_COMPLETED = "not_completed"  #: không hoàn thành
    NOT_APPLICABLE = "not_applicable"  #: không đánh giá (e.g. dropped by decision)
    NO_DATA = "no_data"  #: chưa có kết quả

    @property
    def vietnamese(self) -> str:
        """The status in Vietnamese."""
        return _STATUS_VI[self]


_STATUS_VI = {
    Status.EXCEEDED: "vượt chỉ tiêu",
    Status.COMPLETED: "hoàn thành",
    Status.COMPLETED_LATE: "hoàn thành quá hạn",
    Status.NOT_COMPLETED: "không hoàn thành",
    Status.NOT_APPLICABLE: "không áp dụng",
    Status.NO_DATA: "chưa có kết quả",
}


@attrs.frozen(kw_only=True)
class ItemResult:
    """The score of one item, with everything needed to check it by hand.

    Args:
        item: The item's id.
        points: Points earned, exact; None when there is nothing to score.
        maximum: The most points the rule could give (the weight times its cap).
        weight: The item's weight, the share it carries in its part.
        achievement: The raw progress (1 = target reached), before cap and floor.
        status: How the item ended (see :class:`Status`).
        on_time: Completed by its deadline without recorded delay; None if unknown.
        failed_reviews: Times the product failed quality review.
        excused: Kinds of confirmed excuses on the item.
        key: Whether it is a key item.
        tags: The item's tags.
        reasons: How the points and status were found.

    """

    item: str = attrs.field(kw_only=False)
    points: Fraction | None
    maximum: Fraction
    weight: Fraction
    achievement: Fraction | None
    status: Status
    on_time: bool | None = None
    failed_reviews: int = 0
    excused: frozenset[ExcuseKind] = frozenset()
    key: bool = False
    tags: tuple[Tag, ...] = ()
    reasons: tuple[Reason, ...] = ()

    @property
    def completed(self) -> bool:
        """Whether the item was completed, late or not."""
        return self.status in (Status.EXCEEDED, Status.COMPLETED, Status.COMPLETED_LATE)

    @property
    def exceeded(self) -> bool:
        """Whether the item went beyond its target."""
        return self.status is Status.EXCEEDED


def exact(value: Decimal) -> Fraction:
    """A Decimal as an exact Fraction, by Fraction's fast path from two ints."""
    return Fraction(*value.as_integer_ratio())


def achievement_of(item: Item, outcome: Outcome | None) -> Fraction | None:
    """The raw progress of an item from its baseline to its target; 1 means reached.

    Tasks: 1 if done, 0 if not. Indicators: ``(actual - baseline) / (target -
    baseline)``, which reads the same for both directions; without a baseline,
    ``actual / target`` (higher is better) or ``target / actual`` (lower is
    better). Where that divides by zero the answer is 1 if the target is
    reached and 0 if not.
    """
    if outcome is None:
        return None
    if not isinstance(item, Indicator):
        return None if outcome.done is None else Fraction(int(outcome.done))
    if outcome.actual is None:
        return None
    actual, target = exact(outcome.actual), exact(item.target)
    higher = item.direction is Direction.HIGHER_IS_BETTER
    if item.baseline is not None:
        base = exact(item.baseline)
        return (actual - base) / (target - base)
    numerator, denominator = (actual, target) if higher else (target, actual)
    if denominator > 0 and numerator >= 0:
        return numerator / denominator
    if not higher and target > 0 and actual <= 0:
        # target ÷ actual grows without bound as actual falls to 0: better than
        # any cap a rule could set.
        return UNBOUNDED
    return Fraction(int(reached(item, actual)))


UNBOUNDED = Fraction(10**6)
"""The achievement of a lower-is-better indicator with a positive target that
reached 0 without a baseline: ``target ÷ actual`` is unbounded there, and
this stands for it -- above any cap or zone threshold a scheme could use."""


def reached(item: Indicator, actual: Fraction) -> bool:
    """Whether ``actual`` meets the indicator's target in its direction."""
    target = exact(item.target)
    return actual >= target if item.direction is Direction.HIGHER_IS_BETTER else actual <= target


def status_of(item: Item, outcome: Outcome | None) -> tuple[Status, bool | None]:
    """Status and on-time flag of an item's outcome (:func:`classify` without the reasons).

    An item is late when it was completed after its deadline or a delay was
    recorded; an indicator is exceeded when it went beyond its target, a task
    never is (finishing early is recorded as on time, not as exceeding).
    """
    if outcome is None or (outcome.actual is None and outcome.done is None):
        return Status.NO_DATA, None
    if isinstance(item, Indicator):
        assert outcome.actual is not None
        actual = exact(outcome.actual)
        done = reached(item, actual)
        beyond = done and actual != exact(item.target)
    else:
        done = bool(outcome.done)
        beyond = False
    if not done:
        return Status.NOT_COMPLETED, False
    if outcome.delays > 0 or after_deadline(outcome.completed_on, item.deadline):
        return Status.COMPLETED_LATE, False
    # No completion date and no recorded delay: nothing shows it late.
    return (Status.EXCEEDED if beyond else Status.COMPLETED), True


def classify(item: Item, outcome: Outcome | None) -> tuple[Status, bool | None, list[Reason]]:
    """Status, on-time flag and reasons for an item's outcome (see :func:`status_of`)."""
    status, on_time = status_of(item, outcome)
    if outcome is None or status is Status.NO_DATA:
        return status, on_time, [Reason("no result reported", "chưa báo cáo kết quả")]
    if isinstance(item, Indicator):
        what = Reason(
            f"reached {outcome.actual} {item.measure} against a target of {item.target}".replace(
                "  ", " "
            ),
            f"đạt {outcome.actual} {item.measure} so với chỉ tiêu {item.target}".replace("  ", " "),
        )
    else:
        done = bool(outcome.done)
        what = Reason(
            "done" if done else "not done", "đã hoàn thành" if done else "chưa hoàn thành"
        )
    if status is Status.NOT_COMPLETED:
        return status, on_time, [what]
    extra = []
    if outcome.failed_reviews:
        extra.append(Reason(
            f"failed quality review {outcome.failed_reviews} time(s)",
            f"{outcome.failed_reviews} lần thẩm định không đạt chất lượng",
        ))  # fmt: skip
    if status is Status.COMPLETED_LATE:
        when = Reason(
            f"late (completed {outcome.completed_on or '?'}, due {item.deadline or '?'}, "
            f"{outcome.delays} delay(s) recorded)",
            f"quá hạn (hoàn thành {outcome.completed_on or '?'}, hạn {item.deadline or '?'}, "
            f"{outcome.delays} lần chậm tiến độ)",
        )
        return status, on_time, [what, when, *extra]
    return status, on_time, [what, *extra]


def after_deadline(day: dt.date | None, deadline: dt.date | None) -> bool:
    """Whether ``day`` is known and later than a known ``deadline``."""
    return day is not None and deadline is not None and day > deadline


def confirmed_excuses(outcome: Outcome | None) -> frozenset[ExcuseKind]:
    """The kinds of confirmed excuses on an outcome."""
    if outcome is None:
        return frozenset()
    return frozenset(e.kind for e in outcome.excuses if e.confirmed)
