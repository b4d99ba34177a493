"""The columnar evaluator and quota: the object path's answers, computed on whole arrays.

Only scheme components recognised *by type* are vectorised: the council item
rule (alone or first in a ``fallback``), the built-in aggregators, criteria
parts, the built-in conditions and vetoes. A row is decided here only when
nothing but points and bands matter for it (every condition of its band
holds, no veto applies), so its rating is its band and it has no findings;
every other row, and every row of a scheme with any other component, is left
to the object path (:func:`khoan.evaluate_dossier`), which is the reference.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any, overload

import attrs
import numpy as np
import numpy.typing as npt

from khoan._base.findings import Finding
from khoan._base.rating import Rating
from khoan._batch.columns import EXCUSE_BITS, STATUS_CODES, Columns, columns_of
from khoan._cohort.quota import Move, next_lower, quota_move
from khoan._evaluation.evaluate import evaluate_dossier, out_of_force
from khoan._evaluation.evaluation import Evaluation
from khoan._facts.dossier import Cohort, Dossier
from khoan._facts.report import ExcuseKind
from khoan._schemes.conditions import Measure, _AllCompleted, _AllOnTime, _Share
from khoan._schemes.parts import Source
from khoan._schemes.quota import DemotionOrder, Quota, QuotaScope, TieBreak
from khoan._schemes.scheme import Scheme
from khoan._schemes.vetoes import _CompletionBelow, _Disciplined, _KeyMissed
from khoan._scoring.aggregators import JudgingTrim, Mean, Median, TrimmedMean
from khoan._scoring.combinators import _Fallback
from khoan._scoring.council import _Council
from khoan._scoring.results import Status
from khoan.exceptions import InvalidValue, KhoanError

__all__ = [
    "RATINGS",
    "BatchResult",
    "QuotaMoves",
    "apply_quota_batch",
    "concat",
    "evaluate_batch",
    "evaluate_columns",
    "evaluate_table",
]

Array = npt.NDArray[Any]
RATINGS: tuple[Rating, ...] = tuple(sorted(Rating, reverse=True))
"""Rating codes: the position in this tuple, best first."""
_CODE = {r: i for i, r in enumerate(RATINGS)}
_LIMIT = 2**62


# ------------------------------------------------------------------ exact integer arrays


def _big(a: Array) -> int:
    return int(np.abs(a).max(initial=0)) if a.dtype != object else max(map(abs, a), default=0)


def _exact(op: Callable[[Array, Array], Array], a: Array, b: Array, bound: int) -> Array:
    """``op(a, b)`` in int64 when ``bound`` proves it cannot overflow, else in Python ints."""
    if bound < _LIMIT and a.dtype != object and b.dtype != object:
        return op(a, b)
    return op(np.asarray(a, dtype=object), np.asarray(b, dtype=object))


def _mul(a: Array, b: Array) -> Array:
    return _exact(np.multiply, a, b, _big(a) * _big(b))


def _add(a: Array, b: Array) -> Array:
    return _exact(np.add, a, b, _big(a) + _big(b))


def _as(value: object) -> Array:
    """An array, typed as such (NumPy's operators are typed loosely)."""
    return np.asarray(value)


def _scalar(value: int, like: Array) -> Array:
    return np.full(like.shape, value, dtype=np.int64 if abs(value) < _LIMIT else object)


# ------------------------------------------------------------------ recognising a scheme


def _aggregate(aggregator: object, members: int) -> tuple[int, int, int] | None:
    """(first kept, past last kept, divisor) of the sorted points, or None if not recognised.

    The value is ``sum(sorted[first:last]) / divisor`` in hundredths.
    """
    if members == 0:
        return None
    kind = type(aggregator)
    if kind is Mean:
        return 0, members, members
    if kind is Median:
        mid = members // 2
        return (mid, mid + 1, 1) if members % 2 else (mid - 1, mid + 1, 2)
    if kind is TrimmedMean or kind is JudgingTrim:
        drop = (
            JudgingTrim.drop_for(members) if kind is JudgingTrim else aggregator.drop  # type: ignore[attr-defined]
        )
        if members <= 2 * drop:
            return None  # the object path raises the error
        return drop, members - drop, members - 2 * drop
    return None


def _item_aggregator(rule: object) -> object | None:
    if type(rule) is _Fallback and rule.rules:
        rule = rule.rules[0]
    return rule.aggregator if type(rule) is _Council else None


def _aggregated(points: Array, how: tuple[int, int, int]) -> Array:
    first, last, _ = how
    return _as(np.sort(points, axis=-1)[..., first:last].sum(axis=-1, dtype=np.int64))


def _exempt(columns: Columns, exempt: frozenset[ExcuseKind]) -> Array:
    bits = sum(EXCUSE_BITS[k] for k in exempt)
    assert columns.excused is not None
    return _as((columns.excused & bits) != 0)


_DONE = (STATUS_CODES[Status.EXCEEDED], STATUS_CODES[Status.COMPLETED])
_LATE = STATUS_CODES[Status.COMPLETED_LATE]
_MISSED = STATUS_CODES[Status.NOT_COMPLETED]


def _condition_holds(condition: object, c: Columns) -> Array | None:
    """Per row, whether a recognised condition holds; None if not recognised."""
    status = c.status
    assert status is not None
    assert c.failed_review is not None
    completed = status != _MISSED
    on_time = (status == _DONE[0]) | (status == _DONE[1])
    kind = type(condition)
    if kind is _AllOnTime:
        ex = _exempt(c, condition.exempt)  # type: ignore[attr-defined]
        bad = ~completed | ~on_time
        if condition.quality:  # type: ignore[attr-defined]
            bad = bad | c.failed_review
        return _as(~(bad & ~ex).any(axis=1))
    if kind is _AllCompleted:
        ex = _exempt(c, condition.exempt)  # type: ignore[attr-defined]
        return _as(~(~completed & ~ex).any(axis=1))
    if kind is _Share:
        ex = _exempt(c, condition.exempt)  # type: ignore[attr-defined]
        measured = {
            Measure.EXCEEDED: status == _DONE[0],
            Measure.LATE: status == _LATE,
            Measure.ON_TIME: on_time & ~c.failed_review,
        }[condition.measure]  # type: ignore[attr-defined]
        pool = (~ex).sum(axis=1)
        count = (measured & ~ex).sum(axis=1)
        limit: Fraction = condition.limit  # type: ignore[attr-defined]
        lhs, rhs = count * limit.denominator, pool * limit.numerator
        ok = lhs >= rhs if condition.at_least else lhs <= rhs  # type: ignore[attr-defined]
        return _as(ok | (pool == 0))
    return None


def _veto_fires(veto: object, c: Columns) -> Array | None:
    """Per row, whether a recognised veto applies; None if not recognised."""
    assert c.status is not None
    assert c.key is not None
    assert c.disciplined is not None
    kind = type(veto)
    if kind is _Disciplined:
        return c.disciplined
    if kind is _KeyMissed or kind is _CompletionBelow:
        ex = _exempt(c, veto.exempt)  # type: ignore[attr-defined]
        key_missed = (c.key & (c.status == _MISSED) & ~ex).any(axis=1)
        if kind is _KeyMissed:
            return _as(key_missed)
        items = c.status.shape[1]
        done = ((c.status != _MISSED) | ex).sum(axis=1)
        share: Fraction = veto.share  # type: ignore[attr-defined]
        below = done * share.denominator < share.numerator * items
        if items == 0:
            below = np.zeros(len(c), dtype=np.bool_)
        return _as(below & key_missed if veto.with_key_missed else below)  # type: ignore[attr-defined]
    return None


# ------------------------------------------------------------------ the columnar evaluator


@attrs.frozen(kw_only=True, eq=False)
class BatchResult:
    """Totals, ratings and findings of a cohort, one row per assessee, in the order given.

    Args:
        assignment: Assignment ids.
        assignee: Assessee ids.
        peer_group: Peer groups.
        numerator: The exact totals' numerators (int64, or Python ints when large).
        denominator: Their denominators (positive).
        band: The band's rating code (see :data:`RATINGS`), per row.
        rating: The rating's code, per row.
        referred: Whether the row has no rating yet, per row: referred to the
            council, or not rated at all (:attr:`Evaluation.decided` is false;
            the evaluation in ``evaluations`` says which). Quotas skip it.
        findings: Per row, the findings (empty for rows decided by the columns).
        evaluations: The object path's evaluations, by row, for the rows it decided.

    """

    assignment: tuple[str, ...]
    assignee: tuple[str, ...]
    peer_group: tuple[str, ...]
    numerator: Array
    denominator: Array
    band: Array
    rating: Array
    referred: Array
    findings: Sequence[tuple[Finding, ...]]
    evaluations: dict[int, Evaluation] = attrs.field(factory=dict)

    def __len__(self) -> int:
        return len(self.assignment)

    def total(self, row: int) -> Fraction:
        """The exact total of ``row``."""
        return Fraction(int(self.numerator[row]), int(self.denominator[row]))

    def ratings(self) -> list[Rating]:
        """The final ratings, one per row."""
        return [RATINGS[int(i)] for i in self.rating]

    def bands(self) -> list[Rating]:
        """The ratings the totals alone reach, one per row."""
        return [RATINGS[int(i)] for i in self.band]


def _unrecognised(scheme: Scheme, members: int) -> str | None:
    """The first component of ``scheme`` the columns cannot compute, or None."""
    if scheme.band_on_rounded:
        return "band_on_rounded"
    for part in scheme.parts:
        if part.source is Source.ITEMS:
            aggregator = _item_aggregator(part.rule)
            if aggregator is None or _aggregate(aggregator, members) is None:
                return f"parts.{part.id}.rule {part.rule!r}"
        elif part.source is Source.CRITERIA:
            if _aggregate(part.aggregator, members) is None:
                return f"parts.{part.id}.aggregator {part.aggregator!r}"
        else:
            return f"parts.{part.id}.source {part.source.value}"
    return None


def evaluate_columns(columns: Columns, *, scheme: Scheme) -> tuple[BatchResult, Array, str]:
    """Evaluate a table of columns under ``scheme`` where the columns suffice.

    Returns:
        The result (rows not decided hold band and rating of their total
        only), a mask of the rows decided, and, when no row could be
        decided because of a component, what that component is.

    """
    n, items, members = columns.points.shape
    blank = BatchResult(
        assignment=columns.assignment,
        assignee=columns.assignee,
        peer_group=columns.peer_group,
        numerator=np.zeros(n, dtype=np.int64),
        denominator=np.ones(n, dtype=np.int64),
        band=np.zeros(n, dtype=np.int64),
        rating=np.zeros(n, dtype=np.int64),
        referred=np.zeros(n, dtype=np.bool_),
        findings=((),) * n,
    )
    why = _unrecognised(scheme, members)
    if why is None and scheme.eligibility is not None:
        why = "eligibility (months worked and leave are facts, not columns)"
    if why is None and items == 0:
        why = "an assignment without items"
    if why is not None:
        return blank, np.zeros(n, dtype=np.bool_), why
    num: Array = np.zeros(n, dtype=np.int64)
    den: Array = np.ones(n, dtype=np.int64)
    claimed = {cid for p in scheme.parts if p.criteria for cid in p.criteria}
    for part in scheme.parts:
        if part.source is Source.ITEMS:
            how = _aggregate(_item_aggregator(part.rule), members)
            assert how is not None
            got = _aggregated(columns.points, how).sum(axis=1)
            weight = columns.weights.sum(axis=1, dtype=np.int64)
        else:
            wanted = [
                i
                for i, cid in enumerate(columns.criteria)
                if (cid in part.criteria if part.criteria is not None else cid not in claimed)
            ]
            how = _aggregate(part.aggregator, members)
            assert how is not None
            maximum = int(columns.criteria_maxima[wanted].sum())
            if not wanted or maximum == 0:
                return blank, np.zeros(n, dtype=np.bool_), f"parts.{part.id}: no criteria"
            assert columns.criteria_points is not None
            got = _aggregated(columns.criteria_points[:, wanted, :], how).sum(axis=1)
            weight = np.full(n, maximum, dtype=np.int64)
        # share = (got / divisor / 100) / (weight / 100), capped at 1; points = maximum × share
        scaled = _mul(weight, _scalar(how[2], weight))
        capped = np.minimum(got, scaled)
        part_num = _mul(capped, _scalar(part.maximum.numerator, capped))
        part_den = _mul(scaled, _scalar(part.maximum.denominator, scaled))
        num = _add(_mul(num, part_den), _mul(part_num, den))
        den = _mul(den, part_den)
    band = np.full(n, _CODE[scheme.bands[-1].rating], dtype=np.int64)
    for b in reversed(scheme.bands[:-1]):
        reached = _mul(num, _scalar(b.lower.denominator, num)) >= _mul(
            den, _scalar(b.lower.numerator, den)
        )
        band = np.where(np.asarray(reached, dtype=np.bool_), _CODE[b.rating], band)
    decided = np.ones(n, dtype=np.bool_)
    for rating, condition in scheme.conditions:
        holds = _condition_holds(condition, columns)
        if holds is None:
            return blank, np.zeros(n, dtype=np.bool_), f"condition {condition!r}"
        decided &= holds | (band != _CODE[rating])
    for veto in scheme.vetoes:
        fires = _veto_fires(veto, columns)
        if fires is None:
            return blank, np.zeros(n, dtype=np.bool_), f"veto {veto!r}"
        decided &= ~fires
    result = attrs.evolve(blank, numerator=num, denominator=den, band=band, rating=band.copy())
    return result, decided, ""


def evaluate_batch(
    dossiers: Cohort | Sequence[Dossier],
    *,
    scheme: Scheme,
    cohort: Cohort | None = None,
    allow_out_of_force: bool = False,
) -> BatchResult:
    """Evaluate dossiers as columns where the columns suffice, on the object path elsewhere.

    The result is the same as :func:`khoan.evaluate_dossier` on each dossier
    (totals, ratings, findings), one row per dossier in the order given.

    Args:
        dossiers: A cohort, or any sequence of dossiers (a partition of one).
        scheme: The scheme.
        cohort: Where to look up assessees' peer groups when ``dossiers`` is
            a partition rather than the cohort itself.
        allow_out_of_force: As in :func:`khoan.evaluate`: rate periods the
            scheme did not govern (those rows take the object path, which
            adds the ``out-of-force`` finding).

    Raises:
        OutOfForce: A dossier's period ends outside ``scheme.in_force`` and
            ``allow_out_of_force`` is False.

    """
    given = list(dossiers)
    stale = {
        i
        for i, d in enumerate(given)
        if out_of_force(scheme, d.assignment.period, allow=allow_out_of_force) is not None
    }
    source = dossiers if isinstance(dossiers, Cohort) else cohort
    cadres = source.cadres if source is not None else ()
    columns, taken, aside = columns_of(given, cadres=cadres)
    fast, decided, _ = evaluate_columns(columns, scheme=scheme)
    n = len(given)
    ids: list[tuple[str, str, str]] = [("", "", "")] * n
    num: list[object] = [0] * n
    den: list[object] = [1] * n
    band = np.zeros(n, dtype=np.int64)
    rating = np.zeros(n, dtype=np.int64)
    referred = np.zeros(n, dtype=np.bool_)
    findings: list[tuple[Finding, ...]] = [()] * n
    slow = list(aside)
    for row, index in enumerate(taken):
        if not decided[row] or index in stale:
            slow.append(index)
            continue
        ids[index] = (columns.assignment[row], columns.assignee[row], columns.peer_group[row])
        num[index], den[index] = fast.numerator[row], fast.denominator[row]
        band[index] = rating[index] = fast.band[row]
    evaluations: dict[int, Evaluation] = {}
    for index in sorted(slow):
        e = evaluate_dossier(
            given[index], scheme=scheme, cohort=source, allow_out_of_force=allow_out_of_force
        )
        evaluations[index] = e
        ids[index] = (e.assignment, e.assignee, e.peer_group)
        num[index], den[index] = e.total.numerator, e.total.denominator
        band[index], rating[index] = _CODE[e.band], _CODE[e.rating]
        referred[index] = not e.decided
        findings[index] = e.findings
    return BatchResult(
        assignment=tuple(i[0] for i in ids),
        assignee=tuple(i[1] for i in ids),
        peer_group=tuple(i[2] for i in ids),
        numerator=_ints(num),
        denominator=_ints(den),
        band=band,
        rating=rating,
        referred=referred,
        findings=tuple(findings),
        evaluations=evaluations,
    )


def _ints(values: Sequence[object]) -> Array:
    big = max((abs(int(v)) for v in values), default=0)  # type: ignore[call-overload]
    return np.array([int(v) for v in values], dtype=np.int64 if big < _LIMIT else object)  # type: ignore[call-overload]


def evaluate_table(columns: Columns, *, scheme: Scheme) -> BatchResult:
    """Evaluate a table that has no dossiers behind it (e.g. built from a flat table).

    Raises:
        KhoanError: A row needs the object path (a condition fails, a veto
            applies, or the scheme has a component the columns cannot
            compute): without its dossier it cannot be rated here.

    """
    result, decided, why = evaluate_columns(columns, scheme=scheme)
    if not decided.all():
        row = int(np.argmin(decided))
        what = why or "a condition of its band fails or a veto applies"
        raise KhoanError(
            f"rows[{row}] ({columns.assignment[row]!r}): needs the object path ({what}); "
            "evaluate its dossier with evaluate_batch or evaluate_dossier"
        )
    return result


# ------------------------------------------------------------------ the quota, by group


def _rank_keys(result: BatchResult, rows: Array) -> Array | None:
    """Integer keys ordering ``rows`` by exact total, or None when they would not fit."""
    num, den = result.numerator[rows], result.denominator[rows]
    dens = {int(d) for d in np.unique(den)} if den.dtype != object else set(map(int, den))
    common = math.lcm(*dens) if dens else 1
    if _big(num) * common >= _LIMIT or num.dtype == object:
        return None
    return np.asarray(num, dtype=np.int64) * (common // np.asarray(den, dtype=np.int64))


@attrs.frozen(eq=False)
class QuotaMoves(Sequence[Move]):
    """The moves a quota made, in :func:`khoan.apply_quota`'s order, each built when read.

    At a million assessees the moves' texts cost more than the arithmetic, so
    they are rendered on access; ``rows`` says which rows moved.
    """

    quota: Quota
    scheme: str
    result: BatchResult
    rows: Array  # the row of each move
    ranks: Array  # its rank among the group's candidates (1 = best)
    allowed: Array  # how many candidates the group keeps
    candidates: Array  # how many candidates the group has
    groups: tuple[str, ...]  # the group of each move

    def __len__(self) -> int:
        return len(self.rows)

    @overload
    def __getitem__(self, index: int) -> Move: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Move]: ...
    def __getitem__(self, index: int | slice) -> Move | Sequence[Move]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        return self.rendered(index)[1]

    def rendered(self, index: int) -> tuple[Finding, Move]:
        """The finding and the move of the ``index``-th move."""
        row = int(self.rows[index])
        return quota_move(
            self.quota,
            assignment=self.result.assignment[row],
            assignee=self.result.assignee[row],
            scheme=self.scheme,
            before=self.quota.rating,
            group=self.groups[index],
            rank=int(self.ranks[index]),
            allowed=int(self.allowed[index]),
            candidates=int(self.candidates[index]),
        )


@attrs.frozen(eq=False)
class _FindingsAfterQuota(Sequence[tuple[Finding, ...]]):
    """Each row's findings, with the quota's finding added to the rows it moved."""

    before: Sequence[tuple[Finding, ...]]
    moves: QuotaMoves
    moved: dict[int, int]  # row -> index of its move

    def __len__(self) -> int:
        return len(self.before)

    @overload
    def __getitem__(self, index: int) -> tuple[Finding, ...]: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[tuple[Finding, ...]]: ...
    def __getitem__(
        self, index: int | slice
    ) -> tuple[Finding, ...] | Sequence[tuple[Finding, ...]]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        row = range(len(self))[index]
        move = self.moved.get(row)
        if move is None:
            return self.before[row]
        return (*self.before[row], self.moves.rendered(move)[0])


def _group_codes(names: Sequence[str]) -> tuple[list[str], Array]:
    """The distinct names, sorted, and each name's position among them."""
    first: dict[str, int] = {}
    codes = np.fromiter((first.setdefault(g, len(first)) for g in names), np.int64, len(names))
    ordered = sorted(first)
    remap = np.empty(len(ordered), dtype=np.int64)
    for position, name in enumerate(ordered):
        remap[first[name]] = position
    return ordered, remap[codes] if len(codes) else codes


def apply_quota_batch(
    result: BatchResult, quota: Quota, *, scheme: str
) -> tuple[BatchResult, QuotaMoves]:
    """The quota on a batch result: the same moves and findings as :func:`khoan.apply_quota`.

    Args:
        result: From :func:`evaluate_batch` (or a concatenation of partitions).
        quota: e.g. :data:`khoan.schemes.EXCELLENT_20_PERCENT_OF_GOOD`.
        scheme: The scheme's name, for the findings' clause ids.

    Returns:
        The result with the new ratings and the quota's findings, and the
        moves in the order :func:`khoan.apply_quota` makes them (by group,
        then rank), rendered when read.

    Raises:
        InvalidValue: A quota the columns do not carry: counted by agency
            (the columns have no agency), with a given ranking, or with an
            exceptional share; use :func:`khoan.apply_quota` on evaluations.

    """
    if quota.scopes != (QuotaScope.PEER_GROUP,) or quota.demotion is not (
        DemotionOrder.LOWEST_TOTAL_FIRST
    ):
        raise InvalidValue(
            "quota",
            quota,
            "a quota counted by peer group only, lowest total first "
            "(use khoan.apply_quota for agency scopes or a given ranking)",
        )
    lower = _CODE[next_lower(quota.rating)]
    wanted = _CODE[quota.rating]
    rated = np.flatnonzero(~result.referred)
    everyone = len(rated) == len(result)
    names, inverse = _group_codes(
        result.peer_group if everyone else [result.peer_group[int(i)] for i in rated]
    )
    ratings = result.rating[rated]
    counts = np.bincount(inverse, minlength=len(names))
    good = np.bincount(inverse[ratings == lower], minlength=len(names))
    is_candidate = ratings == wanted
    cand_rows = rated[is_candidate]
    cand_group = inverse[is_candidate]
    n_cand = np.bincount(cand_group, minlength=len(names))
    keys = _rank_keys(result, cand_rows)
    id_rank = np.argsort(np.argsort([result.assignment[int(r)] for r in cand_rows], kind="stable"))
    if keys is not None:
        order = np.lexsort((id_rank, -keys, cand_group))
    else:
        totals = [result.total(int(r)) for r in cand_rows]
        order = np.array(
            sorted(range(len(cand_rows)), key=lambda i: (cand_group[i], -totals[i], id_rank[i])),
            dtype=np.int64,
        )
    allowed = np.array(
        [
            quota.allowed(good=int(g), candidates=int(c), rated=int(r))
            for g, c, r in zip(good, n_cand, counts, strict=True)
        ],
        dtype=np.int64,
    )
    ranked_group = cand_group[order]
    starts = np.concatenate([[0], np.cumsum(n_cand)[:-1]]).astype(np.int64)
    position = np.arange(len(order), dtype=np.int64) - starts[ranked_group]
    moving = position >= allowed[ranked_group]
    if quota.ties is TieBreak.DEMOTE_ALL:
        for g in np.flatnonzero(allowed < n_cand):
            at = int(starts[g])
            cut = result.total(int(cand_rows[order[at + allowed[g]]]))
            for k in range(at, at + int(allowed[g])):
                if result.total(int(cand_rows[order[k]])) == cut:
                    moving[k] = True
    picked = np.flatnonzero(moving)
    rows = cand_rows[order[picked]]
    groups = ranked_group[picked]
    moves = QuotaMoves(
        quota,
        scheme,
        result,
        rows=rows,
        ranks=position[picked] + 1,
        allowed=allowed[groups],
        candidates=n_cand[groups],
        groups=tuple(names[int(g)] for g in groups),
    )
    rating = result.rating.copy()
    rating[rows] = lower
    moved = dict(zip(rows.tolist(), range(len(rows)), strict=True))
    findings = _FindingsAfterQuota(result.findings, moves, moved)
    return attrs.evolve(result, rating=rating, findings=findings), moves


def concat(results: Sequence[BatchResult]) -> BatchResult:
    """Partitions' results put together, in order (rows renumbered)."""
    offsets, evaluations, at = [], {}, 0
    for r in results:
        offsets.append(at)
        evaluations.update({at + k: v for k, v in r.evaluations.items()})
        at += len(r)

    def joined(name: str) -> Array:
        parts = [getattr(r, name) for r in results]
        kind = object if any(p.dtype == object for p in parts) else None
        return (
            np.concatenate([np.asarray(p, dtype=kind) for p in parts])
            if parts
            else np.zeros(0, dtype=np.int64)
        )

    return BatchResult(
        assignment=tuple(a for r in results for a in r.assignment),
        assignee=tuple(a for r in results for a in r.assignee),
        peer_group=tuple(a for r in results for a in r.peer_group),
        numerator=joined("numerator"),
        denominator=joined("denominator"),
        band=joined("band"),
        rating=joined("rating"),
        referred=joined("referred"),
        findings=tuple(f for r in results for f in r.findings),
        evaluations=evaluations,
    )
