"""The assignee's year-end report: an outcome per item, obstacles, proposals."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

import attrs

from khoan._base.collect import collect
from khoan._base.convert import (
    is_whole,
    to_date,
    to_enum,
    to_id,
    to_optional_bool,
    to_optional_date,
    to_optional_decimal,
    to_optional_id,
    to_text,
    to_texts,
    to_tuple_of,
)
from khoan._base.fact import fact
from khoan._base.rating import Rating
from khoan.exceptions import DuplicateId, FieldError, InvalidValue

__all__ = ["Excuse", "ExcuseKind", "Outcome", "Report"]


class ExcuseKind(enum.StrEnum):
    """Why an item may be judged more leniently, if someone competent confirms it.

    References:
        QĐ 124-QĐ/TW and QĐ 377-QĐ/TW: "trừ trường hợp bất khả kháng";
        NĐ 335/2025/NĐ-CP Điều 14: deductions waived for objective causes
        confirmed by the competent authority; NĐ 73/2023/NĐ-CP Điều 11:
        approved innovation that fails is protected; the seed article: the
        upper level must support, not "khoán trắng".

    """

    FORCE_MAJEURE = "force_majeure"  #: bất khả kháng
    OBJECTIVE_CAUSE = "objective_cause"  #: nguyên nhân khách quan
    APPROVED_INNOVATION = "approved_innovation"  #: đề xuất đổi mới sáng tạo được phê duyệt
    SUPPORT_NOT_DELIVERED = "support_not_delivered"  #: cấp trên chưa bảo đảm hỗ trợ đã cam kết


def _to_excuse_kind(value: object) -> ExcuseKind:
    return to_enum(ExcuseKind, value)


def _excuses(value: object) -> tuple[Excuse, ...]:
    return to_tuple_of(Excuse, value)


def _outcomes(value: object) -> tuple[Outcome, ...]:
    return to_tuple_of(Outcome, value)


def _optional_text(value: object) -> str | None:
    return None if value is None else to_text(value)


@fact
@attrs.frozen(kw_only=True)
class Excuse:
    """A cause put forward for an item's shortfall, and who confirmed it.

    An excuse nobody confirmed is recorded but, by the rules, does not count.

    Args:
        kind: Force majeure, objective cause, approved innovation, or
            support not delivered.
        reason: What happened, as written.
        confirmed_by: The competent body or person who confirmed it, or None.
        confirmed_on: When it was confirmed.
        reference: The confirming document, e.g. a decision number.
        support: For :attr:`ExcuseKind.SUPPORT_NOT_DELIVERED`, the id of the
            pledged support that did not come.

    """

    kind: ExcuseKind = attrs.field(converter=_to_excuse_kind, kw_only=False)
    reason: str = attrs.field(converter=to_text)
    confirmed_by: str | None = attrs.field(default=None, converter=_optional_text, kw_only=True)
    confirmed_on: dt.date | None = attrs.field(
        default=None, converter=to_optional_date, kw_only=True
    )
    reference: str = attrs.field(default="", converter=to_text, kw_only=True)
    support: str | None = attrs.field(default=None, converter=to_optional_id, kw_only=True)

    def __attrs_post_init__(self) -> None:
        errors: list[FieldError] = []
        if self.confirmed_by is not None and (
            not isinstance(self.confirmed_by, str) or not self.confirmed_by.strip()
        ):
            errors.append(
                InvalidValue("confirmed_by", self.confirmed_by, "who confirmed it, or None")
            )
        if self.confirmed_on is not None and self.confirmed_by is None:
            errors.append(
                InvalidValue("confirmed_by", None, "who confirmed it, since confirmed_on is set")
            )
        if (self.kind is ExcuseKind.SUPPORT_NOT_DELIVERED) != (self.support is not None):
            expected = (
                "the id of the support that was not delivered"
                if self.kind is ExcuseKind.SUPPORT_NOT_DELIVERED
                else "None unless the kind is 'support_not_delivered'"
            )
            errors.append(InvalidValue("support", self.support, expected))
        collect(errors, "excuse")

    @property
    def confirmed(self) -> bool:
        """Whether a competent body or person confirmed the excuse."""
        return self.confirmed_by is not None


def _count(value: object) -> int:
    if not is_whole(value) or value < 0:
        raise InvalidValue("", value, "a whole number, 0 or more")
    return value


@fact
@attrs.frozen
class Outcome:
    """The result of one item at the end of the period.

    An indicator's outcome is its ``actual`` value; a task's is ``done``.
    Either may be None when the result is not known: missing is not zero,
    and the scheme decides what a missing result means.

    Args:
        item: Id of the item.
        actual: The value reached (indicators).
        done: Whether the deliverable was produced (tasks).
        completed_on: When the target was reached or the task finished.
        failed_reviews: Times the product failed a quality review (NĐ 335 Điều 14 b).
        delays: Times the product slipped past a deadline (NĐ 335 Điều 14 c).
        excuses: Causes put forward for a shortfall.
        note: Free text.

    """

    item: str = attrs.field(converter=to_id)
    actual: Decimal | None = attrs.field(default=None, converter=to_optional_decimal, kw_only=True)
    done: bool | None = attrs.field(default=None, converter=to_optional_bool, kw_only=True)
    completed_on: dt.date | None = attrs.field(
        default=None, converter=to_optional_date, kw_only=True
    )
    failed_reviews: int = attrs.field(default=0, converter=_count, kw_only=True)
    delays: int = attrs.field(default=0, converter=_count, kw_only=True)
    excuses: tuple[Excuse, ...] = attrs.field(default=(), converter=_excuses, kw_only=True)
    note: str = attrs.field(default="", converter=to_text, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if self.actual is not None and self.done is not None:
            raise InvalidValue(
                "done", self.done, "None when an actual value is given (actual is for indicators)"
            )
        if self.done is False and self.completed_on is not None:
            raise InvalidValue(
                "completed_on", self.completed_on, "None for a task that is not done"
            )


def _optional_rating(value: object) -> Rating | None:
    return None if value is None else to_enum(Rating, value)


@fact
@attrs.frozen(kw_only=True)
class Report:
    """The assignee's results report (báo cáo kết quả) for the period.

    Args:
        submitted_on: The report's date.
        outcomes: One outcome per item reported on.
        obstacles: Inadequacies and obstacles found (khó khăn, vướng mắc).
        proposals: Requests for guidance, proposed mechanisms (kiến nghị, đề xuất).
        self_rating: The level the assignee proposes for themself, if any.
        summary: Free text.

    """

    submitted_on: dt.date = attrs.field(converter=to_date, kw_only=False)
    outcomes: tuple[Outcome, ...] = attrs.field(converter=_outcomes)
    obstacles: tuple[str, ...] = attrs.field(default=(), converter=to_texts, kw_only=True)
    proposals: tuple[str, ...] = attrs.field(default=(), converter=to_texts, kw_only=True)
    self_rating: Rating | None = attrs.field(default=None, converter=_optional_rating, kw_only=True)
    summary: str = attrs.field(default="", converter=to_text, kw_only=True)

    def __attrs_post_init__(self) -> None:
        errors: list[FieldError] = []
        seen: set[str] = set()
        for i, outcome in enumerate(self.outcomes):
            if outcome.item in seen:
                errors.append(
                    DuplicateId(f"outcomes[{i}].item", outcome.item, "one outcome per item")
                )
            seen.add(outcome.item)
        collect(errors, "report")

    def outcome(self, item_id: str) -> Outcome | None:
        """The outcome reported for ``item_id``, or None if none was."""
        return next((o for o in self.outcomes if o.item == item_id), None)
