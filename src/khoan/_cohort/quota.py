"""Cohort quotas within peer groups (the collective cap is in :mod:`.collective`).

Cohort steps take evaluations and return new ones plus a record of who moved and
why; neither ever raises a rating. They are separate from :func:`evaluate`
so an analyst can compare a cohort with and without them.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterable, Sequence
from fractions import Fraction

import attrs

from khoan._base.findings import Finding, FindingKind, Reason, rating_slug
from khoan._base.rating import Rating
from khoan._evaluation.evaluation import Evaluation
from khoan._schemes.quota import (
    BASE_WORDS,
    DemotionOrder,
    Quota,
    QuotaScope,
    TieBreak,
    percent_text,
)
from khoan.exceptions import InvalidValue

__all__ = ["Move", "QuotaResult", "apply_quota", "next_lower", "quota_move"]


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


def apply_quota(
    evaluations: Iterable[Evaluation],
    quota: Quota,
    *,
    exceptional: Collection[str] = (),
    ranking: Sequence[str] | None = None,
) -> QuotaResult:
    """Lower those over ``quota`` in each peer group (or agency) to the next rating down.

    Each scope of ``quota.scopes`` is applied in turn (NĐ 335: each group of
    similar tasks, then each agency; a later pass only ever demotes, and a
    demotion never breaks an earlier pass, so the result meets every scope).
    Within a group, candidates (those holding ``quota.rating``) are ranked by
    ``quota.demotion``: by exact total, best first (ties by ``quota.ties``),
    or by the ``ranking`` given. The best ``quota.allowed(...)`` keep the
    rating, the rest drop one level. Applying the same quota again moves no
    one. An evaluation referred to the council (:attr:`Evaluation.referred`)
    is not rated yet, and one not rated at all (:attr:`Evaluation.rated`,
    e.g. under 6 months worked) has no rating: neither is a candidate nor
    counted in the base (khoan's reading: the quota counts those rated).

    Args:
        evaluations: Any number, from any peer groups, in any order.
        quota: e.g. :data:`khoan.schemes.EXCELLENT_20_PERCENT_OF_GOOD`.
        exceptional: Ids of the peer groups or agencies the competent body
            names as having outstanding results; ``quota.exceptional_share``
            applies there.
        ranking: With :attr:`DemotionOrder.GIVEN`, the assignment ids of
            every candidate, best first.

    Returns:
        The evaluations in the order given, and the moves.

    Raises:
        InvalidValue: ``exceptional`` names a group but the quota has no
            exceptional share; ``ranking`` is missing, given without
            :attr:`DemotionOrder.GIVEN`, or leaves out a candidate.

    References:
        QĐ 124-QĐ/TW Điều 12 and HD 21-HD/BTCTW (Excellent ≤ 20% of Good per
        group of equivalent posts); NĐ 335/2025/NĐ-CP Điều 20 (within one
        agency and within each group of similar tasks); NĐ 48/2023/NĐ-CP (at
        most the party members' Excellent share); Hà Nội QĐ 3814-QĐ/TU (A ≤
        30% of those rated, 40% for units with exceptional achievements).

    """
    given = list(evaluations)
    named = frozenset(exceptional)
    if named and quota.exceptional_share is None:
        raise InvalidValue("exceptional", sorted(named), "a quota with an exceptional_share")
    order = _ranking(quota, ranking)
    out = list(given)
    moves: list[Move] = []
    for scope in quota.scopes:
        _apply_scope(out, quota, scope, named, order, moves)
    return QuotaResult(tuple(out), tuple(moves))


def _ranking(quota: Quota, ranking: Sequence[str] | None) -> dict[str, int] | None:
    if quota.demotion is not DemotionOrder.GIVEN:
        if ranking is not None:
            raise InvalidValue(
                "ranking", list(ranking), "None unless the quota's demotion is GIVEN"
            )
        return None
    if ranking is None:
        raise InvalidValue("ranking", None, "the competent body's ranking (assignment ids)")
    return {a: i for i, a in enumerate(ranking)}


def _key(e: Evaluation, scope: QuotaScope) -> str:
    return e.peer_group if scope is QuotaScope.PEER_GROUP else e.agency


def _apply_scope(
    out: list[Evaluation],
    quota: Quota,
    scope: QuotaScope,
    exceptional: frozenset[str],
    order: dict[str, int] | None,
    moves: list[Move],
) -> None:
    given = list(out)
    lower = next_lower(quota.rating)
    groups: dict[str, list[int]] = {}
    for index, e in enumerate(given):
        if e.decided:
            groups.setdefault(_key(e, scope), []).append(index)
    for group in sorted(groups):
        members = [given[i] for i in groups[group]]
        pool = [i for i in groups[group] if given[i].rating is quota.rating]
        if order is None:
            candidates = sorted(pool, key=lambda i: _rank_key(given[i]))
        else:
            unranked = sorted(given[i].assignment for i in pool if given[i].assignment not in order)
            if unranked:
                raise InvalidValue("ranking", unranked, "every candidate's assignment id")
            candidates = sorted(pool, key=lambda i: order[given[i].assignment])
        good = sum(1 for e in members if e.rating is lower)
        allowed = quota.allowed(
            good=good, candidates=len(candidates), rated=len(members),
            exceptional=group in exceptional,
        )  # fmt: skip
        keep = set(candidates[:allowed])
        if quota.ties is TieBreak.DEMOTE_ALL and order is None and allowed < len(candidates):
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
                scope=scope,
                exceptional=group in exceptional,
                ranked=order is not None,
            )
            out[i] = e.with_rating(lower, finding)
            moves.append(move)


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
    scope: QuotaScope = QuotaScope.PEER_GROUP,
    exceptional: bool = False,
    ranked: bool = False,
) -> tuple[Finding, Move]:
    """The finding and the move for one candidate the quota lowers (shared with khoan.batch)."""
    lower = next_lower(quota.rating)
    word, word_vi = _SCOPE_WORDS[scope]
    by, by_vi = ("in the ranking given", "theo thứ tự") if ranked else ("by total", "theo điểm")
    why = Reason(
        f"quota: {_share(quota, exceptional=exceptional)} allows {allowed} of {candidates} "
        f"{quota.rating.name} in {word} {group!r}; ranked {rank} {by}",
        f"tỷ lệ: {_share(quota, vi=True, exceptional=exceptional)} cho phép "
        f"{allowed}/{candidates} {quota.rating.vietnamese} trong {word_vi} {group!r}; "
        f"xếp thứ {rank} {by_vi}",
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


_SCOPE_WORDS = {
    QuotaScope.PEER_GROUP: ("group", "nhóm"),
    QuotaScope.AGENCY: ("agency", "cơ quan"),
}


@functools.lru_cache(maxsize=64)
def _share(quota: Quota, vi: bool = False, exceptional: bool = False) -> str:
    share = quota.exceptional_share if exceptional else quota.share
    assert share is not None
    en, vi_words = BASE_WORDS[quota.base]
    return f"{percent_text(share)}% {vi_words if vi else en}"


def next_lower(rating: Rating) -> Rating:
    """The next rating down (the lowest stays the lowest)."""
    return _NEXT_LOWER[rating]


_ORDER = sorted(Rating, reverse=True)
_NEXT_LOWER = {r: _ORDER[min(i + 1, len(_ORDER) - 1)] for i, r in enumerate(_ORDER)}
