"""Grounds for Not achieved as the sources list them, each its own veto.

QĐ 124-QĐ/TW and NĐ 335/2025/NĐ-CP Điều 20 list the cases rated Not achieved
whatever the points. Each case here is a veto with its own clause id
(``"qd-124-2023/veto/criterion-poor"``). A ground whose fact was not given is
reported as not checked (:class:`~khoan._base.findings.NotGiven`) and applies
nothing: a person is not rated Not achieved on an unknown. A ground raised with
incomplete facts (a corruption case without saying whether the unit found it
itself) returns :class:`~khoan._base.findings.Incomplete`, and the engine refers
the evaluation to the council instead of rating harshly.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import attrs

from khoan._base.convert import decimal_text, percent
from khoan._base.findings import Incomplete, Reason
from khoan._base.rating import Rating
from khoan._facts.circumstances import Circumstances
from khoan._schemes.conditions import share_arg
from khoan._schemes.roles import not_given
from khoan._scoring.results import ItemResult

__all__ = [
    "criterion_poor",
    "degraded",
    "leadership_disciplined",
    "subordinates_disciplined",
    "unit_corruption",
]

Hit = tuple[Rating, Reason] | None


@attrs.frozen(repr=False)
class _CriterionPoor:
    cap: Rating

    def __call__(self, results: Sequence[ItemResult], c: Circumstances, /) -> Hit:
        if c.criterion_poor is None:
            return self.cap, not_given(
                "whether a criterion was rated Kém", "có tiêu chí bị đánh giá Kém hay không"
            )
        if not c.criterion_poor:
            return None
        return self.cap, Reason(
            "a criterion rated Kém (QĐ 124-QĐ/TW Điều 12)",
            "có tiêu chí bị đánh giá Kém (QĐ 124-QĐ/TW Điều 12)",
        )

    @property
    def id(self) -> str:
        """The veto's part of a clause id."""
        return "criterion-poor"

    def __repr__(self) -> str:
        return f"criterion_poor(cap={self.cap.name})"


def criterion_poor(*, cap: Rating = Rating.NOT_ACHIEVED) -> _CriterionPoor:
    """Any criterion rated "Kém" (poor) caps the rating.

    References:
        QĐ 124-QĐ/TW Điều 12: Not achieved when any criterion is rated Kém.

    """
    return _CriterionPoor(cap)


@attrs.frozen(repr=False)
class _LeadershipDisciplined:
    cap: Rating

    def __call__(self, results: Sequence[ItemResult], c: Circumstances, /) -> Hit:
        if c.leadership_disciplined is None:
            return self.cap, not_given(
                "whether the leadership collective or a member of it was disciplined",
                "tập thể lãnh đạo hoặc thành viên bị kỷ luật hay không",
            )
        if not c.leadership_disciplined:
            return None
        return self.cap, Reason(
            "the leadership collective or a member of it disciplined in the period "
            "(QĐ 124-QĐ/TW Điều 12; HD 21-HD/BTCTW: one violation counts once)",
            "tập thể lãnh đạo hoặc thành viên bị kỷ luật trong năm "
            "(QĐ 124-QĐ/TW Điều 12; HD 21-HD/BTCTW: một vi phạm chỉ tính một lần)",
        )

    @property
    def id(self) -> str:
        """The veto's part of a clause id."""
        return "leadership-disciplined"

    def __repr__(self) -> str:
        return f"leadership_disciplined(cap={self.cap.name})"


def leadership_disciplined(*, cap: Rating = Rating.NOT_ACHIEVED) -> _LeadershipDisciplined:
    """A collective whose leadership, or a member of it, was disciplined.

    References:
        QĐ 124-QĐ/TW Điều 12; HD 21-HD/BTCTW (2019) for a collective.

    """
    return _LeadershipDisciplined(cap)


@attrs.frozen(repr=False)
class _SubordinatesDisciplined:
    over: Fraction
    cap: Rating

    def __call__(self, results: Sequence[ItemResult], c: Circumstances, /) -> Hit:
        count, total = c.subordinates_disciplined, c.subordinates
        if count is None:
            return self.cap, not_given(
                "how many subordinate units were disciplined",
                "số đơn vị cấp dưới bị kỷ luật",
            )
        if count == 0:
            return None
        if total is None:
            return self.cap, Incomplete(
                f"{count} subordinate unit(s) disciplined but the number of subordinate units "
                f"is not given: whether more than {percent(self.over)} cannot be decided",
                f"{count} đơn vị cấp dưới bị kỷ luật nhưng chưa có tổng số đơn vị cấp dưới: "
                f"chưa xác định được có quá {percent(self.over)} hay không",
            )
        share = Fraction(count, total)
        if share <= self.over:
            return None
        return self.cap, Reason(
            f"{count} of {total} subordinate units disciplined ({percent(share)} > "
            f"{percent(self.over)}) (QĐ 124-QĐ/TW Điều 12)",
            f"{count}/{total} đơn vị cấp dưới bị kỷ luật ({percent(share)} > "
            f"{percent(self.over)}) (QĐ 124-QĐ/TW Điều 12)",
        )

    @property
    def id(self) -> str:
        """The veto's part of a clause id."""
        return "subordinates-disciplined"

    def __repr__(self) -> str:
        return f"subordinates_disciplined(over={decimal_text(self.over)}, cap={self.cap.name})"


def subordinates_disciplined(
    over: object = "0.2", *, cap: Rating = Rating.NOT_ACHIEVED
) -> _SubordinatesDisciplined:
    """More than ``over`` of the subordinate units disciplined in the period.

    References:
        QĐ 124-QĐ/TW Điều 12: "trên 20% tổ chức trực thuộc bị thi hành kỷ luật".

    """
    return _SubordinatesDisciplined(share_arg(over, "over"), cap)


@attrs.frozen(repr=False)
class _UnitCorruption:
    self_detected_exception: bool
    cap: Rating

    def __call__(self, results: Sequence[ItemResult], c: Circumstances, /) -> Hit:
        if c.unit_corruption is None:
            return self.cap, not_given(
                "whether a subordinate or directly managed unit was dealt with for "
                "corruption, embezzlement or waste",
                "đơn vị cấp dưới hoặc trực tiếp quản lý có bị xử lý về tham nhũng, tham ô, "
                "lãng phí hay không",
            )
        if not c.unit_corruption:
            return None
        if self.self_detected_exception:
            if c.corruption_self_detected is None:
                return self.cap, Incomplete(
                    "a subordinate unit was dealt with for corruption, but whether it "
                    "detected and remedied it itself (QĐ 124's exception) is not given",
                    "đơn vị cấp dưới bị xử lý về tham nhũng nhưng chưa có thông tin đơn vị "
                    "có tự phát hiện, khắc phục hay không (ngoại lệ của QĐ 124)",
                )
            if c.corruption_self_detected:
                return Rating.EXCELLENT, Reason(
                    "a subordinate unit was dealt with for corruption, but detected and "
                    "remedied it itself: not a ground (QĐ 124-QĐ/TW Điều 12)",
                    "đơn vị cấp dưới có vi phạm về tham nhũng nhưng đã tự phát hiện, khắc "
                    "phục: không thuộc trường hợp không hoàn thành (QĐ 124-QĐ/TW Điều 12)",
                )
            basis = "QĐ 124-QĐ/TW Điều 12"
        else:
            basis = "NĐ 335/2025/NĐ-CP Điều 20 d"
        return self.cap, Reason(
            f"a subordinate or directly managed unit dealt with for corruption, embezzlement "
            f"or waste ({basis})",
            f"đơn vị cấp dưới hoặc trực tiếp quản lý bị xử lý về tham nhũng, tham ô, lãng "
            f"phí ({basis})",
        )

    @property
    def id(self) -> str:
        """The veto's part of a clause id."""
        return "unit-corruption"

    def __repr__(self) -> str:
        flag = self.self_detected_exception
        return f"unit_corruption(self_detected_exception={flag}, cap={self.cap.name})"


def unit_corruption(
    *, self_detected_exception: bool, cap: Rating = Rating.NOT_ACHIEVED
) -> _UnitCorruption:
    """A subordinate or directly managed unit dealt with for corruption, embezzlement or waste.

    Args:
        self_detected_exception: Whether a unit that detected and remedied
            it itself is excepted (QĐ 124 says so; NĐ 335 Điều 20 d, as read
            in our sources, does not).
        cap: The rating it caps at.

    References:
        QĐ 124-QĐ/TW Điều 12 (subordinate unit with corruption, except
        self-detected and remedied); NĐ 335/2025/NĐ-CP Điều 20 d (leaders: a
        directly managed unit involved in tham ô, tham nhũng, lãng phí and
        dealt with by law).

    """
    return _UnitCorruption(self_detected_exception, cap)


@attrs.frozen(repr=False)
class _Degraded:
    cap: Rating

    def __call__(self, results: Sequence[ItemResult], c: Circumstances, /) -> Hit:
        if c.degraded is None:
            return self.cap, not_given(
                "whether a degradation conclusion was made",
                "có kết luận suy thoái hay không",
            )
        if not c.degraded:
            return None
        return self.cap, Reason(
            "a competent body concluded degradation in political ideology, ethics or "
            "lifestyle (QĐ 124-QĐ/TW Điều 12; NĐ 335/2025/NĐ-CP Điều 20 b)",
            "có kết luận của cấp có thẩm quyền về suy thoái tư tưởng chính trị, đạo đức, lối "
            "sống (QĐ 124-QĐ/TW Điều 12; NĐ 335/2025/NĐ-CP Điều 20 b)",
        )

    @property
    def id(self) -> str:
        """The veto's part of a clause id."""
        return "degradation"

    def __repr__(self) -> str:
        return f"degraded(cap={self.cap.name})"


def degraded(*, cap: Rating = Rating.NOT_ACHIEVED) -> _Degraded:
    """A degradation conclusion in the period caps the rating.

    References:
        QĐ 124-QĐ/TW Điều 12; NĐ 335/2025/NĐ-CP Điều 20 b.

    """
    return _Degraded(cap)
