"""Readings: the choices khoan makes where the sources are silent, as named parameters.

Each choice is an enum member a scheme names (the fall-through between band and
conditions, what a failed review means, whether a finished-early task counts as
exceeded); :meth:`khoan.schemes.Scheme.readings` turns the choices a scheme made
into :class:`Reading` records, which every evaluation carries, prints and dumps.
"""

from __future__ import annotations

import enum

import attrs

from khoan._base.findings import Reason

__all__ = [
    "FailedReview",
    "FallThrough",
    "Reading",
    "TaskExceeded",
    "failed_review_reading",
    "fall_through_reading",
    "task_exceeded_reading",
]


@attrs.frozen(kw_only=True)
class Reading:
    """One reading a scheme used, as data: what it is about, the choice, and why.

    Args:
        topic: What the reading decides, e.g. ``"fall-through"``, ``"quota/base"``.
        choice: The choice made, e.g. ``"refer"`` (the parameter's value).
        reason: The reading in English and Vietnamese, with its status
            (khoan's reading, or UNCONFIRMED in the sources).

    """

    topic: str
    choice: str
    reason: Reason


class FallThrough(enum.Enum):
    """What a scheme does when the total's band and a level's conditions disagree.

    The sources fix each level's band and its conditions, but not what
    happens to a head whose points reach one level while the conditions are
    met only at a lower one. That reading decides careers, so it is a
    parameter, printed with every evaluation.

    References:
        QĐ 366-QĐ/TW Điều 11 (bands and conditions; nothing on conflicts);
        HD 21-HD/BTCTW (2019) falls through to Not achieved for a collective
        (a precedent, not QĐ 366).

    """

    NEXT_LOWER = "next_lower"
    """Step down from the band a level at a time until a level's own conditions hold."""

    LOWEST_MET = "lowest_met"
    """The lower of the band and the best level whose own conditions all hold.

    Every level's conditions are checked, including levels above the band;
    the rating never rises above the band (the points still cap it). It
    differs from NEXT_LOWER when the levels' conditions are not nested: under
    NĐ 90, a head with 85 points (band Good), every target met and half of
    them exceeded but only 60% on time fails Good's own condition (≥ 80% on
    time) yet meets every condition of Excellent; NEXT_LOWER rates Achieved,
    LOWEST_MET rates Good."""

    REFER = "refer"
    """No rating: the candidates go to the council, which decides."""


class FailedReview(enum.Enum):
    """Whether a product that failed a quality review and was then accepted is "to standard".

    QĐ 366 Điều 11 asks for tasks "bảo đảm chất lượng" without saying what a
    failed review that was later made good means; NĐ 335 Điều 14 b treats a
    failed review as a 25% deduction of that product's quality points, not
    a disqualification.
    """

    NOT_TO_STANDARD = "not_to_standard"
    """A product that ever failed a review is not "on time with quality" for
    the rating's conditions, even once accepted (khoan's default reading)."""

    TO_STANDARD_ONCE_ACCEPTED = "to_standard_once_accepted"
    """A product completed and accepted after a failed review meets "with
    quality"; the failed review still costs points where the item rule deducts
    them (NĐ 335's reading)."""


class TaskExceeded(enum.Enum):
    """Whether a task (a deliverable, with no target value) can count as "exceeded".

    QĐ 366 Excellent needs ≥ 30% of tasks "hoàn thành vượt mức yêu cầu" and NĐ
    90 ≥ 50% exceeded; an indicator exceeds its target by value, but the
    sources do not say when a task does. Tasks are in the denominator either way.
    """

    NEVER = "never"
    """A task never counts as exceeded (khoan's default reading): a package of
    mostly tasks can then never reach the share."""

    FINISHED_EARLY = "finished_early"
    """A task completed before its deadline, with no delay recorded, counts as
    exceeded (the seed article pairs "vượt chỉ tiêu" with "trước tiến độ")."""


_FALL_THROUGH = {
    FallThrough.NEXT_LOWER: Reason(
        "when the points reach a level whose conditions are not met, the rating steps down "
        "a level at a time until a level's conditions hold (khoan's reading: the sources "
        "fix each level's band and conditions but not which prevails)",
        "khi điểm đạt một mức nhưng không đủ điều kiện của mức đó, xếp loại hạ dần từng mức "
        "cho đến mức đủ điều kiện (cách hiểu của khoan: văn bản quy định khung điểm và điều "
        "kiện từng mức nhưng không quy định bên nào được áp dụng)",
    ),
    FallThrough.LOWEST_MET: Reason(
        "when the points reach a level whose conditions are not met, the rating is the lower "
        "of the band and the best level whose own conditions all hold, checked at every level; "
        "never above the band (khoan's reading: the sources fix each level's band and "
        "conditions but not which prevails)",
        "khi điểm đạt một mức nhưng không đủ điều kiện của mức đó, xếp loại là mức thấp hơn "
        "giữa mức theo điểm và mức cao nhất đủ mọi điều kiện của mức đó (xét mọi mức); không "
        "bao giờ cao hơn mức theo điểm (cách hiểu của khoan: văn bản không quy định bên nào "
        "được áp dụng)",
    ),
    FallThrough.REFER: Reason(
        "when the points reach a level whose conditions are not met, no rating is decided "
        "here: the candidates go to the council (khoan's reading: the sources fix each "
        "level's band and conditions but not which prevails, and the rating decides a career)",
        "khi điểm đạt một mức nhưng không đủ điều kiện của mức đó, không tự xếp loại: chuyển "
        "hội đồng quyết định trong các mức có thể (cách hiểu của khoan: văn bản không quy "
        "định bên nào được áp dụng, mà kết quả xếp loại ảnh hưởng tới cán bộ)",
    ),
}

_FAILED_REVIEW = {
    FailedReview.NOT_TO_STANDARD: Reason(
        "a product that failed a quality review is not 'on time with quality' for the "
        "rating's conditions, even once accepted (khoan's reading; NĐ 335 Điều 14 b treats a "
        "failed review as a 25% deduction, not a disqualification)",
        "sản phẩm đã có lần thẩm định không đạt chất lượng thì không tính là 'bảo đảm chất "
        "lượng' trong điều kiện xếp loại, kể cả khi sau đó được chấp nhận (cách hiểu của "
        "khoan; NĐ 335 Điều 14 điểm b chỉ trừ 25% điểm chất lượng, không loại trừ)",
    ),
    FailedReview.TO_STANDARD_ONCE_ACCEPTED: Reason(
        "a product completed and accepted after a failed quality review counts as 'with "
        "quality' for the rating's conditions; the failed review only costs points where the "
        "item rule deducts them (NĐ 335 Điều 14 b; khoan's reading for the conditions)",
        "sản phẩm hoàn thành và được chấp nhận sau lần thẩm định không đạt vẫn tính là 'bảo "
        "đảm chất lượng' trong điều kiện xếp loại; lần không đạt chỉ bị trừ điểm nếu quy tắc "
        "chấm có trừ (NĐ 335 Điều 14 điểm b; cách hiểu của khoan đối với điều kiện)",
    ),
}

_TASK_EXCEEDED = {
    TaskExceeded.NEVER: Reason(
        "a task (a deliverable without a target value) never counts as exceeded, yet it is "
        "counted among the items, so a package of mostly tasks cannot reach the share "
        "exceeded (khoan's reading: the sources do not say when a task exceeds)",
        "nhiệm vụ (sản phẩm không có giá trị chỉ tiêu) không bao giờ được tính là vượt mức, "
        "nhưng vẫn tính vào tổng số nhiệm vụ, nên gói chủ yếu là nhiệm vụ không thể đạt tỷ lệ "
        "vượt (cách hiểu của khoan: văn bản không quy định khi nào nhiệm vụ vượt mức)",
    ),
    TaskExceeded.FINISHED_EARLY: Reason(
        "a task completed before its deadline with no delay recorded counts as exceeded "
        "('hoàn thành trước tiến độ'; khoan's reading: the sources do not say when a task "
        "exceeds)",
        "nhiệm vụ hoàn thành trước thời hạn, không có lần chậm tiến độ, được tính là vượt "
        "mức ('hoàn thành trước tiến độ'; cách hiểu của khoan: văn bản không quy định khi "
        "nào nhiệm vụ vượt mức)",
    ),
}


def fall_through_reading(choice: FallThrough) -> Reading:
    """The printed reading of a fall-through choice."""
    return Reading(topic="fall-through", choice=choice.value, reason=_FALL_THROUGH[choice])


def failed_review_reading(choice: FailedReview) -> Reading:
    """The printed reading of a failed-review choice."""
    return Reading(topic="failed-review", choice=choice.value, reason=_FAILED_REVIEW[choice])


def task_exceeded_reading(choice: TaskExceeded) -> Reading:
    """The printed reading of a task-exceeded choice."""
    return Reading(topic="task-exceeded", choice=choice.value, reason=_TASK_EXCEEDED[choice])
