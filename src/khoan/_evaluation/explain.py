"""The explanation of an evaluation: text a council secretary pastes into minutes."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from khoan._base.convert import decimal_of, exact_text
from khoan._base.findings import FindingKind, Reason

if TYPE_CHECKING:
    from khoan._evaluation.evaluation import Evaluation

__all__ = ["render", "vi_numbers"]


def _dec(value: Fraction, places: int = 2) -> Decimal:
    return decimal_of(value, places)


def render(e: Evaluation, *, vi: bool) -> str:
    """The evaluation as minutes-ready text (see :meth:`Evaluation.explain`)."""

    def t(reason: Reason) -> str:
        return reason.vi if vi else reason.en

    lines: list[str] = []
    if vi:
        lines.append(
            f"Kết quả đánh giá {e.assignee} — {e.period.vietnamese()} — theo {e.scheme} "
            f"(phiên bản {e.scheme_version})"
        )
    else:
        lines.append(
            f"Evaluation of {e.assignee} for {e.period} under {e.scheme} "
            f"(version {e.scheme_version})"
        )
    lines.append("")
    for part in e.parts:
        title = part.title_vi if vi else part.title
        shown = "—" if part.points is None else _dec(part.points)
        label = title or part.id
        lines.append(f"{label[:1].upper()}{label[1:]}: {shown}/{_dec(part.maximum, 0)}")
        lines.extend(f"  - {t(r)}" for r in part.reasons)
    word = "Tổng điểm" if vi else "Total"
    exact = "chính xác" if vi else "exact"
    lines.append(f"{word}: {e.score}/{_dec(e.scale, 0)} ({exact} {exact_text(e.total)})")
    role = e.circumstances.role
    if role is not None:
        lines.append(
            ("Đối tượng xếp loại: " + role.vietnamese) if vi else f"Rated as: {role.value}"
        )
    band = e.band.vietnamese if vi else e.band.name.replace("_", " ").capitalize()
    lines.append(("Mức theo điểm: " if vi else "Band by points: ") + band)
    for f in e.findings:
        change = ""
        levels = f.kind is not FindingKind.REFERRED  # its text names both levels already
        if levels and f.before is not None and f.after is not None and f.before is not f.after:
            before = f.before.vietnamese if vi else f.before.name
            after = f.after.vietnamese if vi else f.after.name
            change = f" ({before} → {after})"
        lines.append(f"  * {t(f.reason)}{change}")
    final = e.rating.vietnamese if vi else e.rating.name.replace("_", " ").capitalize()
    if not e.rated:
        lines.append(
            "Không đánh giá, xếp loại (xem lý do ở trên)"
            if vi
            else "Not rated (see the reason above)"
        )
    elif e.referred:
        choices = " / ".join(
            c.vietnamese if vi else c.name.replace("_", " ").capitalize() for c in e.candidates
        )
        lines.append(
            (
                "Chuyển hội đồng quyết định, chưa xếp loại: "
                if vi
                else "Referred to the council, not rated: "
            )
            + choices
        )
    else:
        lines.append(("Xếp loại: " if vi else "Rating: ") + final)
    if e.agreement is not None:
        label = "Mức thống nhất của hội đồng" if vi else "Council agreement"
        lines.append(f"{label} (Krippendorff α): {_dec(e.agreement, 3)}")
    if e.items:
        lines.append("")
        lines.append("Chi tiết từng chỉ tiêu, nhiệm vụ:" if vi else "Items:")
    for r in e.items:
        shown = "—" if r.points is None else _dec(r.points)
        status = r.status.vietnamese if vi else r.status.value.replace("_", " ")
        lines.append(f"  {r.item}: {shown}/{_dec(r.maximum)} — {status}")
        lines.extend(f"      {t(x)}" for x in r.reasons)
    if e.assumptions:
        lines.append("")
        lines.append("Giả định của phương án chấm (nguồn chưa quy định):" if vi else "Assumptions:")
        lines.extend(f"  - {t(a)}" for a in e.assumptions)
    if e.readings:
        lines.append("")
        lines.append(
            "Cách hiểu khoan áp dụng (tham số của phương án chấm):"
            if vi
            else "khoan's readings (parameters of the scheme):"
        )
        lines.extend(f"  - [{r.topic}: {r.choice}] {t(r.reason)}" for r in e.readings)
    body = [vi_numbers(line) for line in lines] if vi else lines
    if e.legal_basis:
        body.append(("Căn cứ: " if vi else "Basis: ") + "; ".join(e.legal_basis))
    return "\n".join(body)


_DECIMAL = re.compile(r"(?<![\w.,])(\d+)\.(\d+)(?![\w.])")


def vi_numbers(text: str) -> str:
    """Decimal numbers in Vietnamese notation: ``93.08`` → ``93,08``, ``1234.5`` → ``1.234,5``.

    Only numbers with a decimal point are rewritten, so years, ids, dates
    (``30/11/2022``), versions (``1.2.0``) and exact fractions (``1117/12``)
    are left alone.

    >>> vi_numbers("Tổng điểm: 93.08/100 (chính xác 1117/12); thu 1234.5 tỷ; năm 2022")
    'Tổng điểm: 93,08/100 (chính xác 1117/12); thu 1.234,5 tỷ; năm 2022'
    """

    def swap(match: re.Match[str]) -> str:
        whole, frac = match.group(1), match.group(2)
        grouped = f"{int(whole):,}".replace(",", ".") if len(whole) > 3 else whole
        return f"{grouped},{frac}"

    return _DECIMAL.sub(swap, text)
