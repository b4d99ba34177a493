"""Columns: a cohort as arrays of exact integers (points in hundredths), one row per assessee.

A :class:`Columns` table holds what the recognised scheme components read:
council points per item and per criterion, item weights, each item's status
and flags, and discipline. Every row has the same number of items, members
and the same criteria; :func:`columns_of` puts the dossiers that do not fit
(another shape, points finer than hundredths, an item nobody scored, ...)
aside for the object path.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from khoan._facts.dossier import Cohort, Dossier
from khoan._facts.org import Cadre
from khoan._facts.report import ExcuseKind
from khoan._scoring.results import Status, confirmed_excuses, status_of
from khoan.exceptions import InvalidValue

__all__ = ["EXCUSE_BITS", "STATUS_CODES", "Columns", "columns_of"]

Ints = npt.NDArray[Any]  # int64 (or Python ints where they would not fit)
Bools = npt.NDArray[Any]  # bool

STATUS_CODES: dict[Status, int] = {
    Status.EXCEEDED: 0,
    Status.COMPLETED: 1,
    Status.COMPLETED_LATE: 2,
    Status.NOT_COMPLETED: 3,
}
"""The statuses a row may hold; any other (no data, not applicable) goes to the object path."""

EXCUSE_BITS: dict[ExcuseKind, int] = {kind: 1 << i for i, kind in enumerate(ExcuseKind)}
"""One bit per kind of confirmed excuse."""


def _array(value: object, name: str, ndim: int) -> Ints:
    out = np.asarray(value)
    if not np.issubdtype(out.dtype, np.integer) or out.dtype == np.uint64:
        out = np.asarray(value, dtype=np.int64)  # narrower integers are kept: sums use int64
    if out.ndim != ndim:
        raise InvalidValue(name, out.shape, f"an array with {ndim} dimension(s)")
    return out


def _texts(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _weights(value: object) -> Ints:
    return _array(value, "weights", 2)


def _points(value: object) -> Ints:
    return _array(value, "points", 3)


def _maxima(value: object) -> Ints:
    return _array(value, "criteria_maxima", 1)


def _optional(value: object) -> Ints | None:
    return None if value is None else np.asarray(value)


@attrs.frozen(kw_only=True, eq=False)
class Columns:
    """A cohort as columns of exact integers; row ``i`` is one assessee.

    Points, weights and maxima are integers in hundredths (``Decimal("2.75")``
    is 275), so every sum and comparison is exact.

    Args:
        assignment: Assignment ids, one per row.
        assignee: Assessee ids, one per row.
        peer_group: The group quotas are applied within, one per row.
        weights: Item weights, shape (rows, items), hundredths.
        points: Council points, shape (rows, items, members), hundredths.
        criteria: Criterion ids, in the council's order.
        criteria_maxima: Their maxima, shape (criteria,), hundredths.
        criteria_points: Shape (rows, criteria, members), hundredths.
        status: Codes of :data:`STATUS_CODES`, shape (rows, items).
        failed_review: Whether the item failed a quality review, shape (rows, items).
        excused: Bits of :data:`EXCUSE_BITS` for confirmed excuses, shape (rows, items).
        key: Whether the item is a key item, shape (rows, items).
        disciplined: Disciplined in the period, shape (rows,).

    Raises:
        InvalidValue: Arrays whose shapes do not agree, or negative points.

    """

    assignment: tuple[str, ...] = attrs.field(converter=_texts)
    assignee: tuple[str, ...] = attrs.field(converter=_texts)
    peer_group: tuple[str, ...] = attrs.field(converter=_texts)
    weights: Ints = attrs.field(converter=_weights)
    points: Ints = attrs.field(converter=_points)
    criteria: tuple[str, ...] = attrs.field(default=(), converter=_texts)
    criteria_maxima: Ints = attrs.field(default=(), converter=_maxima)
    criteria_points: Ints | None = attrs.field(default=None, converter=_optional)
    status: Ints | None = attrs.field(default=None, converter=_optional)
    failed_review: Bools | None = attrs.field(default=None, converter=_optional)
    excused: Ints | None = attrs.field(default=None, converter=_optional)
    key: Bools | None = attrs.field(default=None, converter=_optional)
    disciplined: Bools | None = attrs.field(default=None, converter=_optional)

    def __attrs_post_init__(self) -> None:
        rows, items, members = self.points.shape
        for name in ("assignment", "assignee", "peer_group"):
            if len(getattr(self, name)) != rows:
                raise InvalidValue(name, len(getattr(self, name)), f"{rows} values, one per row")
        if self.weights.shape != (rows, items):
            raise InvalidValue("weights", self.weights.shape, f"shape {(rows, items)}")
        if len(self.criteria_maxima) != len(self.criteria):
            raise InvalidValue("criteria_maxima", len(self.criteria_maxima), "one per criterion")
        shapes = {
            "criteria_points": (rows, len(self.criteria), members),
            "status": (rows, items),
            "failed_review": (rows, items),
            "excused": (rows, items),
            "key": (rows, items),
            "disciplined": (rows,),
        }
        defaults: dict[str, object] = {
            "criteria_points": np.zeros(shapes["criteria_points"], dtype=np.int64),
            "status": np.full((rows, items), STATUS_CODES[Status.COMPLETED], dtype=np.int64),
            "failed_review": np.zeros((rows, items), dtype=np.bool_),
            "excused": np.zeros((rows, items), dtype=np.int64),
            "key": np.zeros((rows, items), dtype=np.bool_),
            "disciplined": np.zeros(rows, dtype=np.bool_),
        }
        for name, shape in shapes.items():
            value = getattr(self, name)
            if value is None:
                object.__setattr__(self, name, defaults[name])
                continue
            kind = np.bool_ if name in ("failed_review", "key", "disciplined") else np.int64
            array: Ints = np.asarray(value, dtype=kind)
            if array.shape != shape:
                raise InvalidValue(name, array.shape, f"shape {shape}")
            object.__setattr__(self, name, array)
        if rows and (self.points.min(initial=0) < 0 or self.weights.min(initial=1) <= 0):
            raise InvalidValue("points", "negative", "points ≥ 0 and weights > 0 in hundredths")

    def __len__(self) -> int:
        return len(self.assignment)

    def take(self, rows: slice | Sequence[int]) -> Columns:
        """The table restricted to ``rows`` (a slice or row numbers): a partition."""
        index = rows if isinstance(rows, slice) else np.asarray(rows, dtype=np.int64)
        pick = (lambda t: t[rows]) if isinstance(rows, slice) else (lambda t: [t[i] for i in rows])
        return Columns(
            assignment=pick(self.assignment),
            assignee=pick(self.assignee),
            peer_group=pick(self.peer_group),
            weights=self.weights[index],
            points=self.points[index],
            criteria=self.criteria,
            criteria_maxima=self.criteria_maxima,
            criteria_points=self.criteria_points[index],  # type: ignore[index]
            status=self.status[index],  # type: ignore[index]
            failed_review=self.failed_review[index],  # type: ignore[index]
            excused=self.excused[index],  # type: ignore[index]
            key=self.key[index],  # type: ignore[index]
            disciplined=self.disciplined[index],  # type: ignore[index]
        )


def _hundredths(value: Decimal, memo: dict[Decimal, int | None] | None = None) -> int | None:
    """``value`` in hundredths, or None when it is finer than that."""
    if memo is not None:
        found = memo.get(value, _UNSEEN)
        if found is not _UNSEEN:
            return found  # type: ignore[return-value]
    numerator, denominator = value.as_integer_ratio()
    scaled, rest = divmod(numerator * 100, denominator)
    out = None if rest else scaled
    if memo is not None:
        memo[value] = out
    return out


_UNSEEN = object()


def _row(
    dossier: Dossier,
    criteria: Mapping[str, Decimal],
    memo: dict[Decimal, int | None],
) -> tuple[object, ...] | None:
    """One dossier as a row, or None when it does not fit the columns."""
    a = dossier.assignment
    if a.carried_over or dossier.council is None:
        return None
    sheets = sorted(dossier.scoresheets, key=lambda s: s.member)
    weights, points, status, failed, excused, key = [], [], [], [], [], []
    outcomes = {o.item: o for o in dossier.report.outcomes} if dossier.report else {}
    for item in a.items:
        weight = _hundredths(item.weight, memo)
        got = [s.items.get(item.id) for s in sheets]
        if weight is None or None in got:
            return None
        scaled = [_hundredths(p, memo) for p in got]  # type: ignore[arg-type]
        outcome = outcomes.get(item.id)
        code = STATUS_CODES.get(status_of(item, outcome)[0])
        if code is None or None in scaled:
            return None
        weights.append(weight)
        points.append(scaled)
        status.append(code)
        failed.append(bool(outcome and outcome.failed_reviews))
        excused.append(sum(EXCUSE_BITS[k] for k in confirmed_excuses(outcome)))
        key.append(item.key)
    cids = [c.id for c in dossier.council.criteria]
    if [(c.id, c.maximum) for c in dossier.council.criteria] != list(criteria.items()):
        return None
    marks = []
    for cid in cids:
        got = [s.criteria.get(cid) for s in sheets]
        if None in got:
            return None
        scaled = [_hundredths(p, memo) for p in got]  # type: ignore[arg-type]
        if None in scaled:
            return None
        marks.append(scaled)
    facts = dossier.circumstances
    return weights, points, marks, status, failed, excused, key, bool(facts and facts.disciplined)


def _shape(dossier: Dossier) -> tuple[int, int, tuple[tuple[str, Decimal], ...]] | None:
    council = dossier.council
    if council is None:
        return None
    crit = tuple((c.id, c.maximum) for c in council.criteria)
    return len(dossier.assignment.items), len(dossier.scoresheets), crit


def columns_of(
    dossiers: Cohort | Sequence[Dossier],
    *,
    cadres: Sequence[Cadre] = (),
) -> tuple[Columns, list[int], list[int]]:
    """The dossiers of the most common shape as columns, and the rest set aside.

    Args:
        dossiers: A cohort or any sequence of dossiers.
        cadres: People to look peer groups up in, besides each dossier's own
            (a cohort's are used when a cohort is given).

    Returns:
        The columns, the positions (in ``dossiers``) of their rows, and the
        positions of the dossiers left to the object path.

    """
    given = list(dossiers)
    people = {c.id: c for c in (dossiers.cadres if isinstance(dossiers, Cohort) else cadres)}
    shapes: dict[object, int] = {}
    for d in given:
        shape = _shape(d)
        if shape is not None:
            shapes[shape] = shapes.get(shape, 0) + 1
    common = max(shapes, key=shapes.__getitem__) if shapes else None
    if common is not None and any(_hundredths(m) is None for _, m in common[2]):  # type: ignore[index]
        common = None  # criteria maxima finer than hundredths: all to the object path
    criteria = dict(common[2]) if common else {}  # type: ignore[index]
    rows: list[tuple[object, ...]] = []
    taken: list[int] = []
    aside: list[int] = []
    ids: list[tuple[str, str, str]] = []
    memo: dict[Decimal, int | None] = {}
    for index, d in enumerate(given):
        row = _row(d, criteria, memo) if _shape(d) == common else None
        if row is None:
            aside.append(index)
            continue
        rows.append(row)
        taken.append(index)
        cadre = d.assignee_cadre or people.get(d.assignment.assignee.id)
        ids.append((d.assignment.id, d.assignment.assignee.id, cadre.peer_group if cadre else ""))
    items, members = (common[0], common[1]) if common else (0, 0)  # type: ignore[index]
    n = len(rows)

    def stack(i: int, shape: tuple[int, ...], kind: type) -> Ints:
        return np.array([r[i] for r in rows], dtype=kind).reshape(shape)

    columns = Columns(
        assignment=[i[0] for i in ids],
        assignee=[i[1] for i in ids],
        peer_group=[i[2] for i in ids],
        weights=stack(0, (n, items), np.int64),
        points=stack(1, (n, items, members), np.int64),
        criteria=tuple(criteria),
        criteria_maxima=[_hundredths(m) for m in criteria.values()],
        criteria_points=stack(2, (n, len(criteria), members), np.int64),
        status=stack(3, (n, items), np.int64),
        failed_review=stack(4, (n, items), np.bool_),
        excused=stack(5, (n, items), np.int64),
        key=stack(6, (n, items), np.bool_),
        disciplined=stack(7, (n,), np.bool_),
    )
    return columns, taken, aside
