"""Eligibility: who is rated at all, and the cap for long leave (NĐ 90 as amended by NĐ 48).

An annual rating needs at least 6 months worked in the year, except for maternity
leave; 3 to under 6 months of leave caps the rating at Achieved; maternity leave is
rated on the time actually worked. The outcome "not rated" is not a rating: the
evaluation says so (:attr:`khoan.Evaluation.rated`), and quotas and consequence
rules leave it out.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from khoan._base.convert import to_decimal
from khoan._base.findings import Finding, FindingKind, Reason
from khoan._base.rating import Rating
from khoan._facts.circumstances import Circumstances
from khoan._facts.period import Period

__all__ = ["Eligibility", "EligibilityCheck"]

_BASIS = "NĐ 90/2020/NĐ-CP Điều 2 k3, sửa đổi bởi NĐ 48/2023/NĐ-CP"


@attrs.frozen(kw_only=True)
class EligibilityCheck:
    """What the eligibility rule found for one evaluation.

    Args:
        rated: False when the cadre is not rated at all.
        cap: The highest rating allowed (Excellent when nothing caps it).
        refer: The facts decide between rated and not rated but are not given.
        findings: What it found, to add to the evaluation.

    """

    rated: bool = True
    cap: Rating = Rating.EXCELLENT
    refer: bool = False
    findings: tuple[Finding, ...] = ()


def _months(value: object) -> Decimal:
    return to_decimal(value)


@attrs.frozen(kw_only=True)
class Eligibility:
    """Who is rated in a year, and the cap for long leave.

    Args:
        min_months: Months worked in the year below which no rating is made.
        leave_from: Months of leave (other than maternity) from which the
            rating is capped at ``leave_cap`` ...
        leave_below: ... and below which (from here on the cadre has worked
            under ``min_months`` and is not rated).
        leave_cap: The highest rating allowed for such leave.

    References:
        NĐ 90/2020/NĐ-CP Điều 2 k3 as amended by NĐ 48/2023/NĐ-CP: "thời gian
        công tác trong năm chưa đủ 06 tháng thì không thực hiện việc đánh
        giá, xếp loại … trừ trường hợp nghỉ chế độ thai sản"; leave "từ 03
        tháng đến dưới 06 tháng thì vẫn thực hiện đánh giá nhưng không xếp
        loại … ở mức hoàn thành tốt nhiệm vụ trở lên"; maternity leave is
        rated on the time actually worked (also NĐ 335/2025/NĐ-CP Điều 21).

    >>> Eligibility().min_months, Eligibility().leave_cap
    (Decimal('6'), <Rating.ACHIEVED: 'achieved'>)

    """

    min_months: Decimal = attrs.field(default=Decimal(6), converter=_months)
    leave_from: Decimal = attrs.field(default=Decimal(3), converter=_months)
    leave_below: Decimal = attrs.field(default=Decimal(6), converter=_months)
    leave_cap: Rating = Rating.ACHIEVED

    def check(self, period: Period, c: Circumstances, *, scheme: str) -> EligibilityCheck:
        """Apply the rule to one period's facts (annual periods only).

        Args:
            period: The period rated; quarters and months are not checked.
            c: The facts: ``months_worked``, ``months_leave``, ``maternity``.
            scheme: The scheme's name, for the findings' clause ids.

        """
        if period.kind != "year":
            return EligibilityCheck()
        found: list[Finding] = []

        def note(kind: FindingKind, part: str, en: str, vi: str, **change: Rating) -> None:
            found.append(
                Finding(
                    kind,
                    before=change.get("before"),
                    after=change.get("after"),
                    reason=Reason(en, vi),
                    basis=_BASIS,
                    clause=f"{scheme}/eligibility/{part}",
                )
            )

        worked = c.months_worked
        if worked is None and c.months_leave is not None and c.months_leave > 12 - self.min_months:
            worked = 12 - c.months_leave
        if worked is None:
            note(
                FindingKind.NOT_CHECKED,
                "months-worked",
                "not checked (fact not given): months worked in the year (under 6 → not rated, "
                "NĐ 90/2020 Điều 2 k3 as amended by NĐ 48/2023)",
                "chưa kiểm tra (chưa có thông tin): số tháng công tác trong năm (dưới 6 tháng "
                "không đánh giá, xếp loại, NĐ 90/2020 Điều 2 k3 sửa đổi bởi NĐ 48/2023)",
            )
        elif worked < self.min_months:
            if c.maternity:
                note(
                    FindingKind.ASSUMPTION,
                    "maternity",
                    f"worked {worked} months in the year, with maternity leave: rated on the "
                    "time worked (NĐ 90/2020 Điều 2 k3 as amended by NĐ 48/2023)",
                    f"công tác {worked} tháng trong năm, có nghỉ chế độ thai sản: đánh giá theo "
                    "thời gian công tác thực tế (NĐ 90/2020 Điều 2 k3 sửa đổi bởi NĐ 48/2023)",
                )
            elif c.maternity is None:
                note(
                    FindingKind.NOT_CHECKED,
                    "maternity",
                    f"worked {worked} months in the year (under {self.min_months}): not rated "
                    "unless the absence was maternity leave, which is not given",
                    f"công tác {worked} tháng trong năm (dưới {self.min_months} tháng): không "
                    "xếp loại trừ trường hợp nghỉ thai sản, chưa có thông tin",
                )
                return EligibilityCheck(refer=True, findings=tuple(found))
            else:
                note(
                    FindingKind.NOT_RATED,
                    "not-rated",
                    f"worked {worked} months in the year, under {self.min_months}: not rated "
                    "(NĐ 90/2020 Điều 2 k3 as amended by NĐ 48/2023)",
                    f"công tác {worked} tháng trong năm, chưa đủ {self.min_months} tháng: không "
                    "đánh giá, xếp loại (NĐ 90/2020 Điều 2 k3 sửa đổi bởi NĐ 48/2023)",
                )
                return EligibilityCheck(rated=False, findings=tuple(found))
        leave = c.months_leave
        if leave is None:
            if worked is None or 12 - worked >= self.leave_from:
                note(
                    FindingKind.NOT_CHECKED,
                    "months-leave",
                    "not checked (fact not given): months of leave in the year (3 to under 6 → "
                    "at most Achieved)",
                    "chưa kiểm tra (chưa có thông tin): số tháng nghỉ trong năm (từ 3 đến dưới "
                    "6 tháng không xếp loại từ hoàn thành tốt trở lên)",
                )
            return EligibilityCheck(findings=tuple(found))
        if self.leave_from <= leave < self.leave_below:
            cap = self.leave_cap
            note(
                FindingKind.VETO,
                "leave",
                f"{leave} months of leave in the year (from {self.leave_from} to under "
                f"{self.leave_below}): at most {cap.name} (NĐ 90/2020 Điều 2 k3 as amended by "
                "NĐ 48/2023)",
                f"nghỉ {leave} tháng trong năm (từ {self.leave_from} đến dưới "
                f"{self.leave_below} tháng): không xếp loại trên mức {cap.vietnamese} "
                "(NĐ 90/2020 Điều 2 k3 sửa đổi bởi NĐ 48/2023)",
            )
            return EligibilityCheck(cap=cap, findings=tuple(found))
        return EligibilityCheck(findings=tuple(found))
