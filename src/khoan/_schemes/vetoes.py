"""Vetoes: facts that cap a rating whatever the points (discipline, key items missed).

Each veto is a small frozen callable with a readable repr and an ``id``
that becomes the last part of the finding's clause id
(``"nd-335-2025/veto/disciplined"``).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Protocol

import attrs

from khoan._base.convert import decimal_text, percent
from khoan._base.findings import Incomplete, Reason
from khoan._base.rating import Rating
from khoan._facts.circumstances import Circumstances
from khoan._facts.report import ExcuseKind
from khoan._schemes.checks import exempt_repr, exempted, ids, scored
from khoan._schemes.conditions import share_arg
from khoan._scoring.results import ItemResult, Status

__all__ = [
    "FORCE_MAJEURE",
    "Veto",
    "completion_below",
    "disciplined",
    "key_item_missed",
    "key_missed",
]


class Veto(Protocol):
    """A fact that caps the rating; returns (cap, why) when it applies, else None."""

    def __call__(
        self, results: Sequence[ItemResult], circumstances: Circumstances, /
    ) -> tuple[Rating, Reason] | None: ...


@attrs.frozen(repr=False)
class _Disciplined:
    cap: Rating
    official_duties: bool = False

    def __call__(
        self, results: Sequence[ItemResult], c: Circumstances, /
    ) -> tuple[Rating, Reason] | None:
        counted = [d for d in c.disciplines if d.level.at_least_reprimand]
        if self.official_duties:
            unsure = [d for d in counted if d.official_duties is None]
            counted = [d for d in counted if d.official_duties]
        else:
            unsure = []
        if c.disciplined or counted:
            which = ", ".join(sorted({d.violation for d in counted}))
            what = f" (violation {which})" if which else ""
            what_vi = f" (vi phạm {which})" if which else ""
            if self.official_duties:
                return self.cap, Reason(
                    f"disciplined at reprimand or above for a violation in official duties"
                    f"{what} (NĐ 335/2025/NĐ-CP Điều 20 c)",
                    f"bị kỷ luật từ khiển trách trở lên do vi phạm liên quan đến hoạt động công "
                    f"vụ{what_vi} (NĐ 335/2025/NĐ-CP Điều 20 c)",
                )
            return self.cap, Reason(
                f"disciplined in the period{what}", f"bị kỷ luật trong kỳ đánh giá{what_vi}"
            )
        if unsure:
            which = ", ".join(sorted({d.violation for d in unsure}))
            return self.cap, Incomplete(
                f"disciplined (violation {which}) but whether the violation concerns official "
                "duties is not given (NĐ 335/2025/NĐ-CP Điều 20 c counts only those)",
                f"bị kỷ luật (vi phạm {which}) nhưng chưa rõ vi phạm có liên quan đến hoạt động "
                "công vụ hay không (NĐ 335/2025/NĐ-CP Điều 20 c chỉ tính trường hợp này)",
            )
        return None

    @property
    def id(self) -> str:
        """The veto's part of a clause id."""
        return "disciplined"

    def __repr__(self) -> str:
        duties = ", official_duties=True" if self.official_duties else ""
        return f"disciplined(cap={self.cap.name}{duties})"


def disciplined(
    *, cap: Rating = Rating.NOT_ACHIEVED, official_duties: bool = False
) -> _Disciplined:
    """Disciplined in the period caps the rating.

    It applies when ``circumstances.disciplined`` is set, or when a
    :class:`~khoan.Discipline` of the period is at reprimand (khiển trách)
    or above. A decision already counted in another period
    (``counted_in``) is set aside by the engine before vetoes run.

    Args:
        cap: The rating it caps at.
        official_duties: Count only violations in official duties; a record
            that does not say refers the evaluation to the council.

    References:
        NĐ 48/2023/NĐ-CP (amending NĐ 90/2020): disciplined in the year → Not
        achieved; NĐ 335/2025/NĐ-CP Điều 20 c (official duties, reprimand or
        above); QĐ 124-QĐ/TW Điều 12.

    """
    return _Disciplined(cap, official_duties)


@attrs.frozen(repr=False)
class _KeyMissed:
    cap: Rating
    exempt: frozenset[ExcuseKind]

    def __call__(
        self, results: Sequence[ItemResult], c: Circumstances, /
    ) -> tuple[Rating, Reason] | None:
        missed = key_missed(results, self.exempt)
        if not missed:
            return None
        return self.cap, Reason(
            f"key item(s) not completed: {ids(missed)}",
            f"chỉ tiêu, nhiệm vụ chủ yếu không đạt: {ids(missed)}",
        )

    @property
    def id(self) -> str:
        """The veto's part of a clause id."""
        return "key-item-missed"

    def __repr__(self) -> str:
        return f"key_item_missed(cap={self.cap.name}{exempt_repr(self.exempt)})"


def key_missed(results: Sequence[ItemResult], exempt: frozenset[ExcuseKind]) -> list[ItemResult]:
    return [
        r for r in results if r.key and r.status is Status.NOT_COMPLETED and not exempted(r, exempt)
    ]


FORCE_MAJEURE = (ExcuseKind.FORCE_MAJEURE,)


def key_item_missed(
    *, cap: Rating = Rating.NOT_ACHIEVED, exempt: Sequence[ExcuseKind] = FORCE_MAJEURE
) -> _KeyMissed:
    """A key item not completed caps the rating, unless excused by force majeure."""
    return _KeyMissed(cap=cap, exempt=frozenset(exempt))


@attrs.frozen(repr=False, kw_only=True)
class _CompletionBelow:
    share: Fraction = attrs.field(kw_only=False)
    cap: Rating
    with_key_missed: bool
    exempt: frozenset[ExcuseKind]

    def __call__(
        self, results: Sequence[ItemResult], c: Circumstances, /
    ) -> tuple[Rating, Reason] | None:
        pool = scored(results)
        if not pool:
            return None
        done = sum(1 for r in pool if r.completed or exempted(r, self.exempt))
        share = Fraction(done, len(pool))
        if share >= self.share:
            return None
        if self.with_key_missed and not key_missed(pool, self.exempt):
            return None
        also = " and key items missed" if self.with_key_missed else ""
        also_vi = " và có chỉ tiêu chủ yếu không đạt" if self.with_key_missed else ""
        return self.cap, Reason(
            f"only {done} of {len(pool)} items completed "
            f"({percent(share)} < {percent(self.share)}){also}",
            f"chỉ hoàn thành {done}/{len(pool)} chỉ tiêu, nhiệm vụ ({percent(share)} < "
            f"{percent(self.share)}){also_vi}",
        )

    @property
    def id(self) -> str:
        """The veto's part of a clause id."""
        return "completion-below"

    def __repr__(self) -> str:
        return (
            f"completion_below({decimal_text(self.share)}, cap={self.cap.name}, "
            f"with_key_missed={self.with_key_missed}{exempt_repr(self.exempt)})"
        )


def completion_below(
    share: object = "0.5",
    *,
    cap: Rating = Rating.NOT_ACHIEVED,
    with_key_missed: bool = True,
    exempt: Sequence[ExcuseKind] = FORCE_MAJEURE,
) -> _CompletionBelow:
    """Completing under ``share`` of the items (by count) caps the rating.

    Items excused by force majeure count as completed.

    References:
        QĐ 124-QĐ/TW Điều 12: "chỉ hoàn thành dưới 50% số chỉ tiêu, nhiệm vụ …
        và có các chỉ tiêu chủ yếu không đạt kế hoạch giao (trừ trường hợp bất
        khả kháng)" → Not achieved.

    """
    return _CompletionBelow(
        share_arg(share, "share"),
        cap=cap,
        with_key_missed=with_key_missed,
        exempt=frozenset(exempt),
    )
