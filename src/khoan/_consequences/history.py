"""A cadre's history of evaluations: what a consequence rule reads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import attrs

from khoan._base.convert import to_bool, to_enum, to_id, to_optional_date, to_tuple_of
from khoan._base.fact import fact
from khoan._base.findings import Finding, FindingKind, Reason
from khoan._base.rating import Rating
from khoan._consequences.actions import Step
from khoan._evaluation.evaluation import Evaluation
from khoan._facts.org import Cadre, Category, Term, optional_term
from khoan.exceptions import DuplicateId, InvalidValue

__all__ = ["History", "counted_once"]


def _evaluations(value: object) -> tuple[Evaluation, ...]:
    # Sorted by period so the order they are given in never matters.
    items = to_tuple_of(Evaluation, value)
    return counted_once(sorted(items, key=lambda e: (e.period.start, e.period.end)))


def _is_discipline_veto(f: Finding) -> bool:
    return f.kind is FindingKind.VETO and f.clause.endswith("/veto/disciplined")


def _without_discipline(e: Evaluation) -> Rating:
    """The rating ``e`` would have without its discipline veto (cohort steps kept)."""
    first = next(f for f in e.findings if _is_discipline_veto(f))
    assert first.before is not None
    rating = first.before
    seen = False
    for f in e.findings:
        seen = seen or f is first
        steps = (FindingKind.VETO, FindingKind.QUOTA, FindingKind.COLLECTIVE)
        if seen and f.after is not None and f.kind in steps and not _is_discipline_veto(f):
            rating = min(rating, f.after)
    return rating


def counted_once(evaluations: Sequence[Evaluation]) -> tuple[Evaluation, ...]:
    """The evaluations, oldest first, with each violation counted once.

    A period rated Not achieved only because of discipline for violations an
    earlier period already counted is read at the rating it has without that
    discipline, and a finding says so (``"<scheme>/counted-once"``).

    References:
        NĐ 48/2023/NĐ-CP (a violation already used for Not achieved is not
        counted again in the year the decision is issued; the same act under
        Party and administrative discipline counts once); HD 21-HD/BTCTW
        (2019): "một vi phạm bị xử lý kỷ luật chỉ tính một lần khi xếp loại".

    """
    used: dict[str, str] = {}
    out: list[Evaluation] = []
    for e in evaluations:
        vetoed = any(_is_discipline_veto(f) and f.after is Rating.NOT_ACHIEVED for f in e.findings)
        violations = {
            d.violation
            for d in e.circumstances.disciplines
            if d.level.at_least_reprimand and (d.counted_in is None or d.counted_in == e.period)
        }
        done = any(f.kind is FindingKind.COUNTED_ONCE and f.before is not None for f in e.findings)
        if not vetoed or not e.rated or done:
            # Not Not-achieved by discipline, not rated, or already re-read (idempotent).
            out.append(e)
            continue
        if violations and violations <= used.keys() and not e.circumstances.disciplined:
            rating = _without_discipline(e)
            where = ", ".join(f"{v} ({used[v]})" for v in sorted(violations))
            finding = Finding(
                FindingKind.COUNTED_ONCE,
                before=e.rating,
                after=rating,
                clause=f"{e.scheme}/counted-once",
                basis="NĐ 48/2023/NĐ-CP; HD 21-HD/BTCTW (2019)",
                reason=Reason(
                    f"the violation(s) {where} already made an earlier period Not achieved: "
                    "not counted again",
                    f"vi phạm {where} đã được tính xếp loại không hoàn thành nhiệm vụ ở kỳ "
                    "trước: không tính lại",
                ),
            )
            out.append(e.with_rating(rating, finding))
            continue
        for v in violations:
            used.setdefault(v, str(e.period))
        out.append(e)
    return tuple(out)


def _to_category(value: object) -> Category:
    return to_enum(Category, value)


def _steps(value: object) -> tuple[Step, ...]:
    return to_tuple_of(Step, value)


@fact
@attrs.frozen(kw_only=True)
class History:
    """One cadre's evaluations across periods, with the facts the rules need.

    Evaluations may be given in any order; they are kept sorted by period,
    with each violation counted once (:func:`counted_once`: a period made Not
    achieved only by a violation an earlier period counted is read without
    it, and says so). An evaluation not rated at all (:attr:`Evaluation.rated`)
    is kept but no rule reads its rating: it is not a year rated Not achieved,
    so it also breaks a run of consecutive years (khoan's reading). Facts of
    each period (discipline, the unit's completion, confidence
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
        """The annual evaluations that were rated, oldest first."""
        return tuple(e for e in self.evaluations if e.period.kind == "year" and e.rated)

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
