"""The advisory council (hội đồng tư vấn) and its members' scoresheets."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

import attrs

from khoan._base.collect import collect
from khoan._base.convert import (
    FrozenMap,
    positive,
    to_decimal,
    to_enum,
    to_frozen_map,
    to_id,
    to_optional_date,
    to_optional_id,
    to_text,
    to_tuple_of,
)
from khoan._base.fact import fact
from khoan._base.paths import key_path
from khoan.exceptions import DuplicateId, FieldError, InvalidValue, OutOfRange

__all__ = ["Council", "Criterion", "Member", "MemberRole", "Scoresheet"]


class MemberRole(enum.Enum):
    """A member's role on the council."""

    CHAIR = "chair"  #: chủ tịch hội đồng
    VICE_CHAIR = "vice_chair"  #: phó chủ tịch
    MEMBER = "member"  #: ủy viên
    SECRETARY = "secretary"  #: thư ký (usually does not score)


def _to_member_role(value: object) -> MemberRole:
    return to_enum(MemberRole, value)


def _members(value: object) -> tuple[Member, ...]:
    return to_tuple_of(Member, value)


def _criterions(value: object) -> tuple[Criterion, ...]:
    return to_tuple_of(Criterion, value)


@fact
@attrs.frozen(kw_only=True)
class Member:
    """A council member. ``cadre`` links to a :class:`~khoan.Cadre` when they are one."""

    id: str = attrs.field(converter=to_id, kw_only=False)
    name: str = attrs.field(converter=to_text)
    role: MemberRole = attrs.field(
        default=MemberRole.MEMBER, converter=_to_member_role, kw_only=True
    )
    cadre: str | None = attrs.field(default=None, converter=to_optional_id, kw_only=True)
    position: str = attrs.field(default="", converter=to_text, kw_only=True)


@fact
@attrs.frozen(kw_only=True)
class Criterion:
    """A general criterion the council scores besides the items (tiêu chí chung).

    Args:
        id: Unique within the council.
        title: As written, e.g. ``"Phẩm chất chính trị, đạo đức, lối sống"``.
        maximum: The most points it can earn.

    References:
        QĐ 366-QĐ/TW (2025) and NĐ 335/2025/NĐ-CP: 30 of 100 points for general
        criteria; the split between criteria is the scheme's to set.

    """

    id: str = attrs.field(converter=to_id, kw_only=False)
    title: str = attrs.field(converter=to_text)
    maximum: Decimal = attrs.field(converter=to_decimal)

    def __attrs_post_init__(self) -> None:
        collect([e for e in [positive("maximum", self.maximum)] if e], "criterion")


@fact
@attrs.frozen(kw_only=True)
class Council:
    """A same-level advisory council that scores each indicator and task.

    References:
        The seed article: results are "được hội đồng tư vấn (cùng cấp) đánh giá
        bằng cách chấm điểm cho từng chỉ tiêu, nhiệm vụ cụ thể". Composition is
        UNCONFIRMED for QĐ 371-QĐ/TU, so nothing here assumes a size.

    """

    id: str = attrs.field(converter=to_id, kw_only=False)
    name: str = attrs.field(converter=to_text)
    members: tuple[Member, ...] = attrs.field(converter=_members)
    unit: str | None = attrs.field(default=None, converter=to_optional_id, kw_only=True)
    criteria: tuple[Criterion, ...] = attrs.field(default=(), converter=_criterions, kw_only=True)

    def __attrs_post_init__(self) -> None:
        errors: list[FieldError] = []
        if not self.members:
            errors.append(InvalidValue("members", [], "at least one member"))
        for name, ids in (
            ("members", [m.id for m in self.members]),
            ("criteria", [c.id for c in self.criteria]),
        ):
            seen: set[str] = set()
            for i, thing_id in enumerate(ids):
                if thing_id in seen:
                    errors.append(DuplicateId(f"{name}[{i}].id", thing_id, "an id used once"))
                seen.add(thing_id)
        collect(errors, f"council {self.id!r}")

    def member(self, member_id: str) -> Member | None:
        """The member with id ``member_id``, or None."""
        return next((m for m in self.members if m.id == member_id), None)

    def criterion(self, criterion_id: str) -> Criterion | None:
        """The criterion with id ``criterion_id``, or None."""
        return next((c for c in self.criteria if c.id == criterion_id), None)


@fact
@attrs.frozen
class Scoresheet:
    """One council member's points for an assignment.

    >>> Scoresheet("m1", items={"t01": "4.5", "t02": 3}).items["t02"]
    Decimal('3')

    Args:
        member: Id of the council member.
        items: Points per item id, each within ``[0, the item's weight]``.
        criteria: Points per general criterion id, within ``[0, its maximum]``.
        submitted_on: When the member handed it in.
        comment: Free text.

    """

    member: str = attrs.field(converter=to_id)
    items: FrozenMap = attrs.field(factory=FrozenMap, converter=to_frozen_map, kw_only=True)
    criteria: FrozenMap = attrs.field(factory=FrozenMap, converter=to_frozen_map, kw_only=True)
    submitted_on: dt.date | None = attrs.field(
        default=None, converter=to_optional_date, kw_only=True
    )
    comment: str = attrs.field(default="", converter=to_text, kw_only=True)

    def __attrs_post_init__(self) -> None:
        errors: list[FieldError] = []
        for name, points in (("items", self.items), ("criteria", self.criteria)):
            for key, value in points.items():
                if value < 0:
                    errors.append(OutOfRange(key_path(name, key), value, "0 or more points"))
        collect(errors, f"scoresheet of {self.member!r}")
