"""Circumstances: facts about the assessee in a period that are not item outcomes."""

from __future__ import annotations

from decimal import Decimal

import attrs

from khoan._base.collect import collect
from khoan._base.convert import is_whole, to_bool, to_optional_bool, to_optional_decimal, to_texts
from khoan._base.fact import fact
from khoan.exceptions import FieldError, InvalidValue, OutOfRange

__all__ = ["Circumstances"]


def _optional_count(value: object) -> int | None:
    if value is None:
        return None
    if not is_whole(value) or value < 0:
        raise InvalidValue("", value, "a whole number, 0 or more, or None")
    return value


@fact
@attrs.frozen
class Circumstances:
    """What the rules need to know about a period beyond the items' outcomes.

    Everything is optional: None means "not known", and a rule that needs an
    unknown fact says so rather than assuming.

    Args:
        disciplined: Disciplined (Party or administrative) in the period
            (NĐ 48/2023/NĐ-CP; NĐ 335/2025/NĐ-CP Điều 20; QĐ 124-QĐ/TW Điều 12).
        subordinates: How many subordinates or subordinate units were rated.
        subordinates_not_achieved: How many of them were rated Not achieved
            (NĐ 335/2025/NĐ-CP Điều 15: the leader's unit component).
        unit_completion: Share (0-1) of the year's targets and tasks the unit
            the head leads completed (QĐ 377-QĐ/TW: under 70% → relieve of post).
        basic_targets_missed: Whether the unit missed the basic socio-economic
            targets: growth, budget revenue, public investment disbursement,
            income per head, poverty reduction (QĐ 377-QĐ/TW).
        force_majeure: Whether a competent body confirmed force majeure for
            the unit's shortfall in the period (QĐ 124, QĐ 377 exceptions).
        low_confidence_share: Share (0-1) of low-confidence votes at the
            period's confidence vote, if one was held (QĐ 41-QĐ/TW).
        supports_not_delivered: Ids of supports pledged by the issuer that
            were not delivered ("không khoán trắng").

    """

    disciplined: bool = attrs.field(default=False, converter=to_bool, kw_only=True)
    subordinates: int | None = attrs.field(default=None, converter=_optional_count, kw_only=True)
    subordinates_not_achieved: int | None = attrs.field(
        default=None, converter=_optional_count, kw_only=True
    )
    unit_completion: Decimal | None = attrs.field(
        default=None, converter=to_optional_decimal, kw_only=True
    )
    basic_targets_missed: bool | None = attrs.field(
        default=None, converter=to_optional_bool, kw_only=True
    )
    force_majeure: bool = attrs.field(default=False, converter=to_bool, kw_only=True)
    low_confidence_share: Decimal | None = attrs.field(
        default=None, converter=to_optional_decimal, kw_only=True
    )
    supports_not_delivered: tuple[str, ...] = attrs.field(
        default=(), converter=to_texts, kw_only=True
    )

    def __attrs_post_init__(self) -> None:
        errors: list[FieldError] = []
        for name in ("unit_completion", "low_confidence_share"):
            value = getattr(self, name)
            if value is not None and not 0 <= value <= 1:
                errors.append(OutOfRange(name, value, "a share from 0 to 1"))
        if (
            self.subordinates is not None
            and self.subordinates_not_achieved is not None
            and self.subordinates_not_achieved > self.subordinates
        ):
            errors.append(
                OutOfRange(
                    "subordinates_not_achieved",
                    self.subordinates_not_achieved,
                    f"at most the number of subordinates, {self.subordinates}",
                )
            )
        collect(errors, "circumstances")
