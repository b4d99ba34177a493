"""What is assigned: indicators (numbers with targets) and tasks (deliverables)."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any, Self

import attrs

from khoan._base.collect import collect
from khoan._base.convert import (
    positive,
    to_bool,
    to_date,
    to_decimal,
    to_enum,
    to_id,
    to_optional_date,
    to_optional_decimal,
    to_text,
    to_tuple,
    to_tuple_of,
)
from khoan._base.fact import fact
from khoan.exceptions import DuplicateId, FieldError, InvalidValue

__all__ = ["Direction", "Indicator", "Item", "Milestone", "Tag", "Task"]


class Direction(enum.Enum):
    """Which way an indicator improves.

    Scoring measures progress from the baseline towards the target, so a
    lower-is-better indicator (land violations, poor households) needs no
    special case anywhere else.
    """

    HIGHER_IS_BETTER = "higher"
    LOWER_IS_BETTER = "lower"


class Tag(enum.Enum):
    """Labels an item carries; schemes may weigh or count them.

    References:
        Vĩnh Phúc QĐ 371-QĐ/TU (2021) and its 2022 extension: tasks chosen among
        "việc khó, việc mới, việc chưa có tiền lệ", each head commits to clear
        the biggest bottleneck ("điểm nghẽn"); indicators on Party building,
        state management, defence and security. QĐ 377-QĐ/TW (2025): the five
        basic socio-economic targets.

    """

    HARD = "hard"  #: việc khó
    NEW = "new"  #: việc mới
    UNPRECEDENTED = "unprecedented"  #: việc chưa có tiền lệ
    BREAKTHROUGH = "breakthrough"  #: việc cần đột phá, sáng tạo
    BOTTLENECK = "bottleneck"  #: điểm nghẽn the head committed to clear
    PARTY_BUILDING = "party_building"  #: xây dựng Đảng, hệ thống chính trị
    STATE_MANAGEMENT = "state_management"  #: quản lý nhà nước
    SOCIO_ECONOMIC = "socio_economic"  #: phát triển kinh tế - xã hội
    DEFENCE_SECURITY = "defence_security"  #: quốc phòng - an ninh
    BASIC_SOCIO_ECONOMIC = "basic_socio_economic"  #: one of QĐ 377's five basic targets

    @property
    def vietnamese(self) -> str:
        """The Vietnamese wording of the tag."""
        return _TAG_VI[self]


_TAG_VI = {
    Tag.HARD: "việc khó",
    Tag.NEW: "việc mới",
    Tag.UNPRECEDENTED: "việc chưa có tiền lệ",
    Tag.BREAKTHROUGH: "việc đột phá",
    Tag.BOTTLENECK: "điểm nghẽn",
    Tag.PARTY_BUILDING: "xây dựng Đảng",
    Tag.STATE_MANAGEMENT: "quản lý nhà nước",
    Tag.SOCIO_ECONOMIC: "kinh tế - xã hội",
    Tag.DEFENCE_SECURITY: "quốc phòng - an ninh",
    Tag.BASIC_SOCIO_ECONOMIC: "chỉ tiêu kinh tế - xã hội cơ bản",
}


def _tags(value: object) -> tuple[Tag, ...]:
    tags: list[Tag] = []
    for i, raw in enumerate(to_tuple(value)):
        try:
            tag = to_enum(Tag, raw)
        except FieldError as err:
            raise err.with_prefix(f"[{i}]") from None
        if tag in tags:
            raise DuplicateId(f"[{i}]", tag.value, "each tag once")
        tags.append(tag)
    return tuple(tags)


@fact
@attrs.frozen
class Milestone:
    """An intermediate target: the value expected by a date.

    For an indicator, ``value`` is in the indicator's measure; for a task,
    it is the percentage complete (0-100).

    >>> Milestone("30/6/2022", "20").on
    datetime.date(2022, 6, 30)
    """

    on: dt.date = attrs.field(converter=to_date)
    value: Decimal = attrs.field(converter=to_decimal)


def _milestones(value: object) -> tuple[Milestone, ...]:
    return to_tuple_of(Milestone, value)


def _common_checks(item: Indicator | Task) -> list[FieldError]:
    errors: list[FieldError] = []
    err = positive("weight", item.weight)
    if err:
        errors.append(err)
    for i, m in enumerate(item.milestones):
        if i and m.on <= item.milestones[i - 1].on:
            errors.append(
                InvalidValue(
                    f"milestones[{i}].on", m.on, f"a date after {item.milestones[i - 1].on}"
                )
            )
        if item.deadline is not None and m.on > item.deadline:
            errors.append(
                InvalidValue(f"milestones[{i}].on", m.on, f"a date by the deadline {item.deadline}")
            )
        if isinstance(item, Task) and not 0 <= m.value <= 100:
            errors.append(InvalidValue(f"milestones[{i}].value", m.value, "a percentage 0-100"))
    return errors


def _to_direction(value: object) -> Direction:
    return to_enum(Direction, value)


@fact
@attrs.frozen(kw_only=True)
class Indicator:
    """A number with a target (chỉ tiêu), e.g. budget revenue or new party members.

    Progress runs from ``baseline`` (where the year starts) to ``target``;
    ``direction`` says which way is better. A key indicator (chỉ tiêu chủ
    yếu) can veto a rating when missed.

    >>> Indicator("i1", title="Thu ngân sách", target="25", weight="5", measure="tỷ đồng")
    Indicator(id='i1', title='Thu ngân sách', target=Decimal('25'), weight=Decimal('5'), ...)
    >>> Indicator("i2", title="Vi phạm đất đai mới", target=0, baseline=3, weight=1)
    Traceback (most recent call last):
    khoan.exceptions.InvalidValue: target: expected above the baseline 3 ... got Decimal('0')

    Args:
        id: Unique within the assignment.
        title: As written in the assignment decision.
        target: The value to reach by the deadline.
        weight: Points (or share) the item carries; positive.
        baseline: The value at the start, if known; never equal to the target.
        direction: Which way is better; see :meth:`lower_is_better`.
        measure: Unit of measure as written ("%", "tỷ đồng", "hộ").
        deadline: The date it is due, within the assignment's period.
        tags: Labels such as :attr:`Tag.HARD`.
        key: Whether it is a key indicator (chỉ tiêu chủ yếu).
        milestones: Intermediate values expected by given dates, in order.

    """

    id: str = attrs.field(converter=to_id, kw_only=False)
    title: str = attrs.field(converter=to_text)
    target: Decimal = attrs.field(converter=to_decimal)
    weight: Decimal = attrs.field(converter=to_decimal, kw_only=True)
    baseline: Decimal | None = attrs.field(
        default=None, converter=to_optional_decimal, kw_only=True
    )
    direction: Direction = attrs.field(
        default=Direction.HIGHER_IS_BETTER, converter=_to_direction, kw_only=True
    )
    measure: str = attrs.field(default="", converter=to_text, kw_only=True)
    deadline: dt.date | None = attrs.field(default=None, converter=to_optional_date, kw_only=True)
    tags: tuple[Tag, ...] = attrs.field(default=(), converter=_tags, kw_only=True)
    key: bool = attrs.field(default=False, converter=to_bool, kw_only=True)
    milestones: tuple[Milestone, ...] = attrs.field(default=(), converter=_milestones, kw_only=True)

    def __attrs_post_init__(self) -> None:
        errors = _common_checks(self)
        if self.baseline is not None:
            if self.baseline == self.target:
                errors.append(
                    InvalidValue(
                        "baseline",
                        self.baseline,
                        f"a value different from the target {self.target}",
                    )
                )
            elif (self.target > self.baseline) != (self.direction is Direction.HIGHER_IS_BETTER):
                side = "above" if self.direction is Direction.HIGHER_IS_BETTER else "below"
                other = "lower" if self.direction is Direction.HIGHER_IS_BETTER else "higher"
                errors.append(
                    InvalidValue(
                        "target",
                        self.target,
                        f"{side} the baseline {self.baseline} for a "
                        f"{self.direction.name.lower().replace('_', '-')} indicator "
                        f"(or direction={other!r})",
                    )
                )
        collect(errors, f"indicator {self.id!r}")

    @classmethod
    def lower_is_better(cls, id: str, *, title: str, target: object, **kw: Any) -> Self:
        """An indicator that improves downwards (violations, poor households).

        >>> i = Indicator.lower_is_better(
        ...     "i2", title="Vi phạm đất đai mới", target=0, weight=1, baseline=3
        ... )
        >>> i.direction
        <Direction.LOWER_IS_BETTER: 'lower'>
        """
        return cls(id, title=title, target=target, direction=Direction.LOWER_IS_BETTER, **kw)


@fact
@attrs.frozen(kw_only=True)
class Task:
    """A deliverable that is either done or not (nhiệm vụ), e.g. a party cell founded.

    >>> Task("t1", title="Thành lập chi bộ trong doanh nghiệp tư nhân", weight=4).weight
    Decimal('4')

    Args:
        id: Unique within the assignment.
        title: As written in the assignment decision.
        weight: Points (or share) the item carries; positive.
        deliverable: The product that proves it done ("Quyết định thành lập chi bộ").
        deadline: The date it is due, within the assignment's period.
        tags: Labels such as :attr:`Tag.NEW`.
        key: Whether it is a key task.
        milestones: Percentages complete expected by given dates, in order.

    """

    id: str = attrs.field(converter=to_id, kw_only=False)
    title: str = attrs.field(converter=to_text)
    weight: Decimal = attrs.field(converter=to_decimal, kw_only=True)
    deliverable: str = attrs.field(default="", converter=to_text, kw_only=True)
    deadline: dt.date | None = attrs.field(default=None, converter=to_optional_date, kw_only=True)
    tags: tuple[Tag, ...] = attrs.field(default=(), converter=_tags, kw_only=True)
    key: bool = attrs.field(default=False, converter=to_bool, kw_only=True)
    milestones: tuple[Milestone, ...] = attrs.field(default=(), converter=_milestones, kw_only=True)

    def __attrs_post_init__(self) -> None:
        collect(_common_checks(self), f"task {self.id!r}")


Item = Indicator | Task
"""Anything an assignment can hold."""
