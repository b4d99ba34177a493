"""A council's change of a computed rating, on the record (issue 11, item 6)."""

from __future__ import annotations

import datetime as dt

import attrs

from khoan._base.collect import collect
from khoan._base.convert import to_date, to_enum, to_text, to_texts
from khoan._base.fact import fact
from khoan._base.rating import Rating
from khoan.exceptions import FieldError, InvalidValue

__all__ = ["Override"]


def _to_rating(value: object) -> Rating:
    return to_enum(Rating, value)


@fact
@attrs.frozen(kw_only=True)
class Override:
    """A change of a computed rating by the body competent to rate, with its record.

    khoan computes a rating; the body competent to rate decides it. When that
    body rates differently (or decides a rating khoan referred to it), the
    change is not an edit of the evaluation but an ``Override`` kept with it
    (:func:`khoan.override`): who decided, when, why, on what basis, and the
    rating before and after. The explanation shows it, the JSON and the seal
    carry it, and a consequence rule that acts on the rating says that its
    action rests on an override.

    Args:
        by: The body or person who decided (e.g. "Ban Thường vụ Tỉnh ủy").
        on: The date of the decision.
        reason: Why, in the decision's words.
        legal_basis: The documents it rests on (minutes, decision numbers);
            at least one.
        before: The rating the evaluation gave (its literal reading if it
            was referred).
        after: The rating decided.

    >>> o = Override(by="Ban Thường vụ", on="2022-12-28", reason="chấp nhận giải trình",
    ...              legal_basis=["Biên bản họp ngày 28/12/2022"], before="achieved",
    ...              after="good")
    >>> o.before.vietnamese, o.after.vietnamese
    ('Hoàn thành nhiệm vụ', 'Hoàn thành tốt nhiệm vụ')

    """

    by: str = attrs.field(converter=to_text)
    on: dt.date = attrs.field(converter=to_date)
    reason: str = attrs.field(converter=to_text)
    legal_basis: tuple[str, ...] = attrs.field(converter=to_texts)
    before: Rating = attrs.field(converter=_to_rating)
    after: Rating = attrs.field(converter=_to_rating)

    def __attrs_post_init__(self) -> None:
        errors: list[FieldError] = []
        if not self.by.strip():
            errors.append(InvalidValue("by", self.by, "who decided (not empty)"))
        if not self.reason.strip():
            errors.append(InvalidValue("reason", self.reason, "why it was decided (not empty)"))
        if not any(b.strip() for b in self.legal_basis):
            errors.append(
                InvalidValue("legal_basis", self.legal_basis, "at least one document it rests on")
            )
        collect(errors, "an Override")
