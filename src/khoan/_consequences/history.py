"""A cadre's history of evaluations: what a consequence rule reads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from khoan._base.convert import to_bool, to_enum, to_id, to_optional_date, to_tuple_of
from khoan._base.fact import fact
from khoan._base.rating import Rating
from khoan._consequences.actions import Step
from khoan._evaluation.evaluation import Evaluation
from khoan._facts.org import Cadre, Category, Term, optional_term
from khoan.exceptions import DuplicateId, InvalidValue

__all__ = ["History"]


def _evaluations(value: object) -> tuple[Evaluation, ...]:
    # Sorted by period so the order they are given in never matters.
    items = to_tuple_of(Evaluation, value)
    return tuple(sorted(items, key=lambda e: (e.period.start, e.period.end)))


def _to_category(value: object) -> Category:
    return to_enum(Category, value)


def _steps(value: object) -> tuple[Step, ...]:
    return to_tuple_of(Step, value)


@fact
@attrs.frozen(kw_only=True)
class History:
    """One cadre's evaluations across periods, with the facts the rules need.

    Evaluations may be given in any order; they are kept sorted by period.
    Facts of each period (discipline, the unit's completion, confidence
    votes, undelivered support) travel on each evaluation's
    ``circumstances``.

    Args:
        cadre: The cadre's id; every evaluation must be of this assignee.
        evaluations: Annual and/or quarterly evaluations, one per period.
        category: Cadre (cán bộ), civil servant (công chức) or public employee.
        is_leader: Whether the post is a leading or managing one.
        post_since: When the cadre took up the current post.
        term: The current term of office or appointment term.
        protected_from_dismissal: Under disciplinary or criminal review,
            pregnant, or raising a child under 36 months (Luật CBCC 2008 as
            amended 2019, Điều 59): dismissal is deferred.
        steps_done: Due-process steps already completed.
        as_of: The date of the decision; due dates count from it. By
            default the day after the latest period ends.

    Raises:
        DuplicateId: Two evaluations of the same period.
        InvalidValue: An evaluation of someone else.

    """

    cadre: str = attrs.field(converter=to_id, kw_only=False)
    evaluations: tuple[Evaluation, ...] = attrs.field(converter=_evaluations)
    category: Category = attrs.field(default=Category.CADRE, converter=_to_category, kw_only=True)
    is_leader: bool = attrs.field(default=True, converter=to_bool, kw_only=True)
    post_since: dt.date | None = attrs.field(default=None, converter=to_optional_date, kw_only=True)
    term: Term | None = attrs.field(default=None, converter=optional_term, kw_only=True)
    protected_from_dismissal: bool = attrs.field(default=False, converter=to_bool, kw_only=True)
    steps_done: tuple[Step, ...] = attrs.field(default=(), converter=_steps, kw_only=True)
    as_of: dt.date | None = attrs.field(default=None, converter=to_optional_date, kw_only=True)

    def __attrs_post_init__(self) -> None:
        seen: set[str] = set()
        for i, e in enumerate(self.evaluations):
            if e.assignee != self.cadre:
                raise InvalidValue(
                    f"evaluations[{i}].assignee", e.assignee, f"evaluations of {self.cadre!r}"
                )
            if str(e.period) in seen:
                raise DuplicateId(f"evaluations[{i}].period", str(e.period), "one per period")
            seen.add(str(e.period))

    @classmethod
    def of(cls, cadre: Cadre, evaluations: Iterable[Evaluation], **facts: object) -> History:
        """A history for ``cadre``, taking category, post and term from the cadre."""
        defaults: dict[str, object] = {
            "category": cadre.category,
            "is_leader": cadre.is_head,
            "post_since": cadre.appointed_on,
            "term": cadre.term,
        }
        defaults.update(facts)
        return cls(cadre.id, evaluations=tuple(evaluations), **defaults)

    @property
    def years(self) -> tuple[Evaluation, ...]:
        """The annual evaluations, oldest first."""
        return tuple(e for e in self.evaluations if e.period.kind == "year")

    @property
    def decision_date(self) -> dt.date | None:
        """``as_of``, or the day after the latest period ends."""
        if self.as_of is not None:
            return self.as_of
        if not self.evaluations:
            return None
        return max(e.period.end for e in self.evaluations) + dt.timedelta(days=1)

    def year(self, year: int) -> Evaluation | None:
        """The annual evaluation of ``year``, if any."""
        return next((e for e in self.years if e.period.year == year), None)

    def not_achieved_years(self) -> tuple[int, ...]:
        """The years rated Not achieved, oldest first."""
        return tuple(e.period.year for e in self.years if e.rating is Rating.NOT_ACHIEVED)
