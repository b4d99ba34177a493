"""The assignment decision: who gives whom which items for which period, with what support."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from fractions import Fraction
from typing import Self

import attrs

from khoan._base.collect import collect
from khoan._base.convert import (
    to_bool,
    to_date,
    to_enum,
    to_id,
    to_optional_date,
    to_optional_decimal,
    to_text,
    to_texts,
    to_tuple,
    to_tuple_of,
)
from khoan._base.fact import fact
from khoan._facts.items import Indicator, Item, Task
from khoan._facts.period import Period
from khoan.exceptions import (
    DuplicateId,
    FieldError,
    InvalidValue,
    OutOfPeriod,
    UnknownReference,
    WeightMismatch,
)

__all__ = ["Assignee", "Assignment", "CarryOver", "Delivery", "Support", "SupportKind"]


class SupportKind(enum.Enum):
    """What the issuer pledges so the assignment is not "khoán trắng".

    References:
        The seed article (QĐND, "Khoán 10 xưa và nay"): the upper level and the
        functional bodies support "về nguồn lực, cơ chế, chính sách, điều kiện".

    """

    RESOURCES = "resources"  #: nguồn lực: money, staff, equipment
    MECHANISM = "mechanism"  #: cơ chế: procedures, delegated powers
    POLICY = "policy"  #: chính sách
    CONDITIONS = "conditions"  #: điều kiện: land, data, coordination of other bodies
    GUIDANCE = "guidance"  #: định hướng, chỉ đạo, tháo gỡ vướng mắc


def _to_support_kind(value: object) -> SupportKind:
    return to_enum(SupportKind, value)


def _to_assignee_kind(value: object) -> AssigneeKind:
    return to_enum(AssigneeKind, value)


@fact
@attrs.frozen(kw_only=True)
class Support:
    """One pledge of support by the issuer, recorded and checked like the tasks.

    Args:
        id: Unique within the assignment.
        kind: Resources, mechanism, policy, conditions or guidance.
        description: What was pledged, as written.
        provider: Who is to deliver it (the issuer or a functional body).
        due: When it is to be delivered, if said.
        items: Ids of the items it supports; empty means all of them.

    """

    id: str = attrs.field(converter=to_id, kw_only=False)
    kind: SupportKind = attrs.field(converter=_to_support_kind)
    description: str = attrs.field(converter=to_text)
    provider: str = attrs.field(default="", converter=to_text, kw_only=True)
    due: dt.date | None = attrs.field(default=None, converter=to_optional_date, kw_only=True)
    items: tuple[str, ...] = attrs.field(default=(), converter=to_texts, kw_only=True)


@fact
@attrs.frozen(kw_only=True)
class Delivery:
    """A record that (part of) a pledged support was delivered.

    Args:
        support: Id of the pledged :class:`Support`.
        on: When it was delivered.
        complete: Whether this delivery fulfils the pledge (partial deliveries
            are recorded with ``complete=False``).
        note: Free text, e.g. the document that delivered it.

    """

    support: str = attrs.field(converter=to_id, kw_only=False)
    on: dt.date = attrs.field(converter=to_date)
    complete: bool = attrs.field(default=True, converter=to_bool, kw_only=True)
    note: str = attrs.field(default="", converter=to_text, kw_only=True)


@fact
@attrs.frozen(kw_only=True)
class CarryOver:
    """An assignment's unit merged into a successor during the period.

    Recorded by :func:`khoan.carry_over`; every evaluation of the assignment
    says so.
    """

    unit: str = attrs.field(converter=to_id, kw_only=False)
    successor: str = attrs.field(converter=to_id)
    on: dt.date = attrs.field(converter=to_date)


def _carry_overs(value: object) -> tuple[CarryOver, ...]:
    return to_tuple_of(CarryOver, value)


class AssigneeKind(enum.Enum):
    """Whether an assignment is given to a person or to a collective."""

    CADRE = "cadre"
    UNIT = "unit"


@fact
@attrs.frozen
class Assignee:
    """Who receives an assignment: a cadre, or a unit as a collective.

    >>> Assignee.cadre("pvh"), Assignee.unit("dangbo-nd").kind
    (Assignee(kind=<AssigneeKind.CADRE: 'cadre'>, id='pvh'), <AssigneeKind.UNIT: 'unit'>)
    """

    kind: AssigneeKind = attrs.field(converter=_to_assignee_kind)
    id: str = attrs.field(converter=to_id)

    @classmethod
    def cadre(cls, cadre_id: str) -> Self:
        """An individual assignee: the head."""
        return cls(AssigneeKind.CADRE, cadre_id)

    @classmethod
    def unit(cls, unit_id: str) -> Self:
        """A collective assignee: the party organisation or body."""
        return cls(AssigneeKind.UNIT, unit_id)


def _assignee(value: object) -> Assignee:
    if not isinstance(value, Assignee):
        raise InvalidValue("", value, "an Assignee (Assignee.cadre(id) or Assignee.unit(id))")
    return value


def _period(value: object) -> Period:
    if isinstance(value, Period):
        return value
    if isinstance(value, str):
        return Period.parse(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return Period(value)
    raise InvalidValue("", value, "a Period, a year, or text such as '2022' or 'Q3/2022'")


def _items(value: object) -> tuple[Item, ...]:
    items = to_tuple(value)
    for i, item in enumerate(items):
        if not isinstance(item, Indicator | Task):
            raise InvalidValue(f"[{i}]", item, "an Indicator or a Task")
    return items


def _supports(value: object) -> tuple[Support, ...]:
    supports = to_tuple(value)
    for i, support in enumerate(supports):
        if not isinstance(support, Support):
            raise InvalidValue(f"[{i}]", support, "a Support")
    return supports


@fact
@attrs.frozen(kw_only=True)
class Assignment:
    """A decision assigning items to a head or a collective for a period.

    Every item is "rõ người, rõ việc, rõ thời gian hoàn thành": one owner
    (the assignee), one deliverable, one deadline inside the period.

    Args:
        id: Unique within a cohort.
        issuer: Id of the unit that assigns (the level directly above).
        assignee: :meth:`Assignee.cadre` or :meth:`Assignee.unit`.
        period: The period covered, e.g. ``Period(2022)`` or ``"2022"``.
        items: Indicators and tasks, each with a unique id.
        issued_on: Date of the decision; no deadline may precede it.
        title: The decision's title as written.
        legal_basis: The documents it rests on, e.g. ``"Quy định 371-QĐ/TU"``.
        supports: What the issuer pledges in return.
        total_weight: If given, the item weights must add up to exactly it.
        carried_over: Mergers the assignment was carried through (see
            :func:`khoan.carry_over`).

    Raises:
        DuplicateId: Two items or two supports share an id.
        WeightMismatch: The weights do not add up to ``total_weight``.
        OutOfPeriod: A deadline outside the period or before ``issued_on``.
        UnknownReference: A support names an item not in the assignment.

    References:
        Vĩnh Phúc QĐ 371-QĐ/TU (22-9-2021): tasks and indicators assigned by
        a formal decision per head, by the party organisation one level up.

    """

    id: str = attrs.field(converter=to_id, kw_only=False)
    issuer: str = attrs.field(converter=to_id)
    assignee: Assignee = attrs.field(converter=_assignee)
    period: Period = attrs.field(converter=_period)
    items: tuple[Item, ...] = attrs.field(converter=_items)
    issued_on: dt.date = attrs.field(converter=to_date, kw_only=True)
    title: str = attrs.field(default="", converter=to_text, kw_only=True)
    legal_basis: tuple[str, ...] = attrs.field(default=(), converter=to_texts, kw_only=True)
    supports: tuple[Support, ...] = attrs.field(default=(), converter=_supports, kw_only=True)
    total_weight: Decimal | None = attrs.field(
        default=None, converter=to_optional_decimal, kw_only=True
    )
    carried_over: tuple[CarryOver, ...] = attrs.field(
        default=(), converter=_carry_overs, kw_only=True
    )

    def __attrs_post_init__(self) -> None:
        errors: list[FieldError] = []
        if not self.items:
            errors.append(InvalidValue("items", [], "at least one indicator or task"))
        seen: set[str] = set()
        for i, item in enumerate(self.items):
            if item.id in seen:
                errors.append(DuplicateId(f"items[{i}].id", item.id, "an item id used once"))
            seen.add(item.id)
            errors.extend(self._deadline_errors(i, item))
            for j, m in enumerate(item.milestones):
                if m.on not in self.period or m.on < self.issued_on:
                    errors.append(
                        OutOfPeriod(
                            f"items[{i}].milestones[{j}].on",
                            m.on,
                            f"a date within the period {self.period}, on or after issue",
                        )
                    )
        if self.total_weight is not None:
            total = sum((Fraction(item.weight) for item in self.items), Fraction(0))
            if total != Fraction(self.total_weight):
                errors.append(
                    WeightMismatch(
                        "items[*].weight",
                        self.weight,
                        f"weights adding up to the declared total_weight {self.total_weight}",
                    )
                )
        supports: set[str] = set()
        for i, support in enumerate(self.supports):
            if support.id in supports:
                errors.append(
                    DuplicateId(f"supports[{i}].id", support.id, "a support id used once")
                )
            supports.add(support.id)
            for j, item_id in enumerate(support.items):
                if item_id not in seen:
                    errors.append(
                        UnknownReference(
                            f"supports[{i}].items[{j}]", item_id, "the id of an item assigned"
                        )
                    )
        collect(errors, f"assignment {self.id!r}")

    def _deadline_errors(self, i: int, item: Item) -> list[FieldError]:
        if item.deadline is None:
            return []
        path = f"items[{i}].deadline"
        if item.deadline not in self.period:
            return [
                OutOfPeriod(
                    path,
                    item.deadline,
                    f"a date within the period {self.period} "
                    f"({self.period.start} to {self.period.end})",
                )
            ]
        if item.deadline < self.issued_on:
            return [OutOfPeriod(path, item.deadline, f"a date on or after issue, {self.issued_on}")]
        return []

    def item(self, item_id: str) -> Item:
        """The item with id ``item_id``.

        Raises:
            UnknownReference: No item has that id.

        """
        for item in self.items:
            if item.id == item_id:
                return item
        raise UnknownReference("", item_id, "the id of an item assigned")

    @property
    def item_ids(self) -> tuple[str, ...]:
        """The ids of the items, in order."""
        return tuple(item.id for item in self.items)

    @property
    def weight(self) -> Decimal:
        """The sum of the item weights."""
        return sum((item.weight for item in self.items), Decimal(0))
