"""Cohort quotas within peer groups (the collective cap is in :mod:`.collective`).

Cohort steps take evaluations and return new ones plus a record of who moved and
why; neither ever raises a rating. They are separate from :func:`evaluate`
so an analyst can compare a cohort with and without them.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from fractions import Fraction

import attrs

from khoan._base.convert import SHOWN, decimal_of
from khoan._base.findings import Finding, FindingKind, Reason, rating_slug
from khoan._base.rating import Rating
from khoan._evaluation.evaluation import Evaluation
from khoan._schemes.quota import Quota, QuotaBase, TieBreak

__all__ = ["Move", "QuotaResult", "apply_quota"]


@attrs.frozen(kw_only=True)
class Move:
    """One rating lowered by a cohort step, and why."""

    assignment: str = attrs.field(kw_only=False)
    assignee: str
    before: Rating
    after: Rating
    reason: Reason


@attrs.frozen
class QuotaResult:
    """The evaluations after a quota, in the order given, and the moves it made."""

    evaluations: tuple[Evaluation, ...]
    moves: tuple[Move, ...]


def _rank_key(e: Evaluation) -> tuple[Fraction, str]:
    return (-e.total, e.assignment)


def apply_quota(evaluations: Iterable[Evaluation], quota: Quota) -> QuotaResult:
    """Lower those over ``quota`` in each peer group to the next rating down.

    Within a peer group, candidates (those holding ``quota.rating``) are
    ranked by exact total, best first; ties are broken by ``quota.ties``
    (by default assignment id). The best ``quota.allowed(...)`` keep the
    rating, the rest drop one level. Applying the same quota again moves no
    one. An evaluation referred to the council (:attr:`Evaluation.referred`)
    is not rated yet, and one not rated at all (:attr:`Evaluation.rated`,
    e.g. under 6 months worked) has no rating: neither is a candidate nor
    counted in the base (khoan's reading: the quota counts those rated).

    Args:
        evaluations: Any number, from any peer groups, in any order.
        quota: e.g. :data:`khoan.schemes.EXCELLENT_20_PERCENT_OF_GOOD`.

    Returns:
        The evaluations in the order given, and the moves.

    References:
        QĐ 124-QĐ/TW Điều 12 and HD 21-HD/BTCTW (Excellent ≤ 20% of Good per
        group of equivalent posts); NĐ 335/2025/NĐ-CP Điều 20; Hà Nội QĐ
        3814-QĐ/TU (A ≤ 30% of those rated).

    """
    given = list(evaluations)
    lower = next_lower(quota.rating)
    groups: dict[str, list[int]] = {}
    for index, e in enumerate(given):
        if e.decided:
            groups.setdefault(e.peer_group, []).append(index)
    out = list(given)
    moves: list[Move] = []
    for group in sorted(groups):
        members = [given[i] for i in groups[group]]
        candidates = sorted(
            (i for i in groups[group] if given[i].rating is quota.rating),
            key=lambda i: _rank_key(given[i]),
        )
        good = sum(1 for e in members if e.rating is lower)
        allowed = quota.allowed(good=good, candidates=len(candidates), rated=len(members))
        keep = set(candidates[:allowed])
        if quota.ties is TieBreak.DEMOTE_ALL and allowed < len(candidates):
            cut = given[candidates[allowed]].total
            keep = {i for i in keep if given[i].total != cut}
        for rank, i in enumerate(candidates, start=1):
            if i in keep:
                continue
            e = given[i]
            finding, move = quota_move(
                quota,
                assignment=e.assignment,
                assignee=e.assignee,
                scheme=e.scheme,
                before=e.rating,
                group=group,
                rank=rank,
                allowed=allowed,
                candidates=len(candidates),
            )
            out[i] = e.with_rating(lower, finding)
            moves.append(move)
    return QuotaResult(tuple(out), tuple(moves))


def quota_move(
    quota: Quota,
    *,
    assignment: str,
    assignee: str,
    scheme: str,
    before: Rating,
    group: str,
    rank: int,
    allowed: int,
    candidates: int,
) -> tuple[Finding, Move]:
    """The finding and the move for one candidate the quota lowers (shared with khoan.batch)."""
    lower = next_lower(quota.rating)
    why = Reason(
        f"quota: {_share(quota)} allows {allowed} of {candidates} "
        f"{quota.rating.name} in group {group!r}; ranked {rank} by total",
        f"tỷ lệ: {_share(quota, vi=True)} cho phép {allowed}/{candidates} "
        f"{quota.rating.vietnamese} trong nhóm {group!r}; xếp thứ {rank} theo điểm",
    )
    finding = Finding(
        FindingKind.QUOTA,
        before=before,
        after=lower,
        clause=f"{scheme}/quota/{rating_slug(quota.rating)}",
        reason=why,
        basis="; ".join(quota.legal_basis),
    )
    return finding, Move(assignment, assignee=assignee, before=before, after=lower, reason=why)


_BASE_WORDS = {
    QuotaBase.GOOD_AFTER: (
        "of those rated Good after the quota",
        "số được xếp loại tốt sau điều chỉnh",
    ),
    QuotaBase.GOOD_INCLUDING_SELECTED: (
        "of those rated Good or better before the quota",
        "số được xếp loại tốt trở lên trước điều chỉnh",
    ),
    QuotaBase.ALL_RATED: ("of all rated", "tổng số được xếp loại"),
}


@functools.lru_cache(maxsize=64)
def _share(quota: Quota, vi: bool = False) -> str:
    percent = quota.share * 100
    shown = decimal_of(percent).normalize(context=SHOWN)
    en, vi_words = _BASE_WORDS[quota.base]
    return f"{shown:f}% {vi_words if vi else en}"


def next_lower(rating: Rating) -> Rating:
    """The next rating down (the lowest stays the lowest)."""
    return _NEXT_LOWER[rating]


_ORDER = sorted(Rating, reverse=True)
_NEXT_LOWER = {r: _ORDER[min(i + 1, len(_ORDER) - 1)] for i, r in enumerate(_ORDER)}
