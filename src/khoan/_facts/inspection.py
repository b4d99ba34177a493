"""Inspections during the period: quarterly or ad hoc appraisals of progress."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

import attrs

from khoan._base.collect import collect
from khoan._base.convert import (
    to_date,
    to_enum,
    to_id,
    to_optional_bool,
    to_optional_date,
    to_optional_decimal,
    to_text,
    to_texts,
    to_tuple_of,
)
from khoan._base.fact import fact
from khoan.exceptions import DuplicateId, FieldError, InvalidValue, OutOfRange

__all__ = ["Inspection", "InspectionKind", "Observation"]


class InspectionKind(enum.Enum):
    """How an inspection came about.

    References:
        The seed article: "hằng quý hoặc đột xuất, cơ quan chức năng tiến hành
        kiểm tra, thẩm định mức độ, tiến độ thực hiện phần việc được khoán".

    """

    QUARTERLY = "quarterly"  #: hằng quý
    AD_HOC = "ad_hoc"  #: đột xuất


def _to_inspection_kind(value: object) -> InspectionKind:
    return to_enum(InspectionKind, value)


def _observations(value: object) -> tuple[Observation, ...]:
    return to_tuple_of(Observation, value)


@fact
@attrs.frozen
class Observation:
    """What an inspection found for one item.

    An indicator is observed by its ``value`` so far; a task by ``done`` and,
    while unfinished, an estimated ``percent`` complete (0-100). When the
    inspection found the item done, ``completed_on`` may say when it was
    completed (otherwise the inspection's date stands for it).
    """

    item: str = attrs.field(converter=to_id)
    value: Decimal | None = attrs.field(default=None, converter=to_optional_decimal, kw_only=True)
    done: bool | None = attrs.field(default=None, converter=to_optional_bool, kw_only=True)
    percent: Decimal | None = attrs.field(default=None, converter=to_optional_decimal, kw_only=True)
    completed_on: dt.date | None = attrs.field(
        default=None, converter=to_optional_date, kw_only=True
    )
    note: str = attrs.field(default="", converter=to_text, kw_only=True)

    def __attrs_post_init__(self) -> None:
        errors: list[FieldError] = []
        if self.completed_on is not None and self.done is not True and self.value is None:
            errors.append(
                InvalidValue(
                    "completed_on", self.completed_on, "None unless done or a value is given"
                )
            )
        if self.value is None and self.done is None and self.percent is None:
            errors.append(InvalidValue("value", None, "a value, done or percent"))
        if self.percent is not None and not 0 <= self.percent <= 100:
            errors.append(OutOfRange("percent", self.percent, "a percentage from 0 to 100"))
        collect(errors, f"observation of {self.item!r}")


@fact
@attrs.frozen(kw_only=True)
class Inspection:
    """An appraisal of progress by a functional body on a given day."""

    id: str = attrs.field(converter=to_id, kw_only=False)
    on: dt.date = attrs.field(converter=to_date)
    kind: InspectionKind = attrs.field(
        default=InspectionKind.QUARTERLY, converter=_to_inspection_kind, kw_only=True
    )
    inspector: str = attrs.field(default="", converter=to_text, kw_only=True)
    observations: tuple[Observation, ...] = attrs.field(
        default=(), converter=_observations, kw_only=True
    )
    findings: tuple[str, ...] = attrs.field(default=(), converter=to_texts, kw_only=True)

    def __attrs_post_init__(self) -> None:
        seen: set[str] = set()
        errors: list[FieldError] = []
        for i, obs in enumerate(self.observations):
            if obs.item in seen:
                errors.append(
                    DuplicateId(f"observations[{i}].item", obs.item, "one observation per item")
                )
            seen.add(obs.item)
        collect(errors, f"inspection {self.id!r}")
