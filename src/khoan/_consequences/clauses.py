"""Clauses of consequence rules: what each reads in a history, and the sources' exceptions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

import attrs

from khoan._base.findings import Reason
from khoan._base.rating import Rating
from khoan._consequences.history import (
    Action,
    History,
)
from khoan._evaluation.evaluate import Evaluation
from khoan._facts.items import Tag
from khoan._facts.org import Category
from khoan._facts.report import ExcuseKind
from khoan._scoring.results import ItemResult, Status

__all__ = [
    "Clause",
    "Found",
    "consecutive_years",
    "force_majeure_exception",
    "latest_not_achieved",
    "low_confidence",
    "twice_in_term",
    "twice_in_years",
    "under_a_year_in_post",
    "unit_below",
]


@attrs.frozen(kw_only=True)
class Found:
    """What a clause found: the evaluations it rests on, and any note or override.

    ``action`` overrides the clause's action (e.g. REVIEW when a fact the
    clause needs is unknown).
    """

    triggers: tuple[Evaluation, ...] = attrs.field(kw_only=False)
    note: Reason | None = None
    action: Action | None = None


Finder = Callable[[History], Found | None]
ExceptionCheck = Callable[[History, tuple[Evaluation, ...]], Reason | None]


@attrs.frozen(kw_only=True)
class Clause:
    """One clause of a rule: when it applies and what it prescribes.

    Args:
        id: Short name, e.g. ``"civil-servant-2-consecutive"``.
        text: The clause in English and Vietnamese.
        action: What it prescribes.
        find: Finds the triggering evaluations in a history, or None.
        categories: The categories it applies to (None: all).
        leaders: True for leaders only, False for non-leaders only, None: all.
        alternatives: Other actions the source allows.
        mitigable: Whether excuses and undelivered support can mitigate it
            (a confidence vote cannot be excused).
        legal_basis: The clause's own source.

    """

    id: str = attrs.field(kw_only=False)
    text: Reason
    action: Action
    find: Finder
    categories: frozenset[Category] | None = None
    leaders: bool | None = None
    alternatives: tuple[Action, ...] = ()
    mitigable: bool = True
    legal_basis: str = ""

    def covers(self, history: History) -> bool:
        """Whether the clause applies to this kind of cadre at all."""
        if self.categories is not None and history.category not in self.categories:
            return False
        return self.leaders is None or self.leaders == history.is_leader


def failed_items(e: Evaluation) -> list[ItemResult]:
    """The items of an evaluation that were not completed, late, unreported or failed review."""
    return [
        r
        for r in e.items
        if r.status in (Status.NOT_COMPLETED, Status.COMPLETED_LATE, Status.NO_DATA)
        or r.failed_reviews
    ]


# ------------------------------------------------------------------ finders


def latest_not_achieved(*, kind: str = "year") -> Finder:
    """The latest evaluation of ``kind`` ("year", "quarter", "month" or "any"), if Not achieved."""

    def find(history: History) -> Found | None:
        pool = [e for e in history.evaluations if kind == "any" or e.period.kind == kind]
        if not pool or pool[-1].rating is not Rating.NOT_ACHIEVED:
            return None
        return Found((pool[-1],))

    return find


def consecutive_years(count: int = 2) -> Finder:
    """The latest ``count`` years, if each was rated Not achieved."""

    def find(history: History) -> Found | None:
        years = history.years
        if not years:
            return None
        last = years[-1].period.year
        run = [history.year(last - k) for k in range(count)]
        if all(e is not None and e.rating is Rating.NOT_ACHIEVED for e in run):
            return Found(tuple(e for e in reversed(run) if e is not None))
        return None

    return find


def _latest_year_not_achieved(history: History) -> Evaluation | None:
    years = history.years
    if years and years[-1].rating is Rating.NOT_ACHIEVED:
        return years[-1]
    return None


def twice_in_term() -> Finder:
    """The latest year and an earlier, non-adjacent year in the same term, both Not achieved.

    Without a known term the clause cannot be decided: it asks for a review.
    """

    def find(history: History) -> Found | None:
        last = _latest_year_not_achieved(history)
        if last is None:
            return None
        earlier = [
            e
            for e in history.years
            if e.rating is Rating.NOT_ACHIEVED and e.period.year <= last.period.year - 2
        ]
        if not earlier:
            return None
        if history.term is None:
            return Found(
                (earlier[-1], last),
                note=Reason(
                    "the appointment term is not known: whether both years fall in one term "
                    "needs checking",
                    "chưa có thông tin nhiệm kỳ/thời hạn bổ nhiệm: cần xác định hai năm có "
                    "cùng một nhiệm kỳ hay không",
                ),
                action=Action.REVIEW,
            )
        term = history.term
        # A year belongs to the term whose appointment covers its rating at the
        # year's end (terms often start mid-year).
        inside = [e for e in earlier if e.period.end in term]
        if not inside or last.period.end not in term:
            return None
        return Found((inside[-1], last))

    return find


def twice_in_years(window: int = 3) -> Finder:
    """The latest year and another, non-adjacent one within ``window`` years, both Not achieved."""

    def find(history: History) -> Found | None:
        last = _latest_year_not_achieved(history)
        if last is None:
            return None
        first_year = last.period.year - window + 1
        earlier = [
            e
            for e in history.years
            if e.rating is Rating.NOT_ACHIEVED
            and first_year <= e.period.year <= last.period.year - 2
        ]
        return Found((earlier[-1], last)) if earlier else None

    return find


def _unit_completion(e: Evaluation) -> tuple[Fraction | None, Reason | None]:
    known = e.circumstances.unit_completion
    if known is not None:
        return Fraction(known), None
    pool = [r for r in e.items if r.status not in (Status.NOT_APPLICABLE, Status.NO_DATA)]
    if not pool:
        return None, None
    share = Fraction(sum(1 for r in pool if r.completed), len(pool))
    return share, Reason(
        "the unit's completion is taken as the share of the head's assigned items completed",
        "tỷ lệ hoàn thành của địa phương, đơn vị được tính theo tỷ lệ chỉ tiêu, nhiệm vụ "
        "được giao cho người đứng đầu đã hoàn thành",
    )


def _basic_missed(e: Evaluation) -> tuple[bool | None, Reason | None]:
    known = e.circumstances.basic_targets_missed
    if known is not None:
        return known, None
    basic = [r for r in e.items if Tag.BASIC_SOCIO_ECONOMIC in r.tags]
    if not basic:
        return None, None
    missed = [r.item for r in basic if r.status is Status.NOT_COMPLETED]
    return bool(missed), Reason(
        "the basic socio-economic targets are the items tagged basic_socio_economic"
        + (f"; missed: {', '.join(missed)}" if missed else ""),
        "các chỉ tiêu kinh tế - xã hội cơ bản là các chỉ tiêu được gắn nhãn tương ứng"
        + (f"; không đạt: {', '.join(missed)}" if missed else ""),
    )


def unit_below(share: Fraction = Fraction(7, 10)) -> Finder:
    """The latest year, if the unit led fell short.

    Short means: it completed under ``share`` of its targets, or missed the
    basic socio-economic targets.
    """

    def find(history: History) -> Found | None:
        years = history.years
        if not years:
            return None
        last = years[-1]
        completion, how = _unit_completion(last)
        missed, basic_how = _basic_missed(last)
        low = completion is not None and completion < share
        if not low and not missed:
            return None
        parts_en, parts_vi = [], []
        if low and completion is not None:
            shown = (Decimal(completion.numerator) * 100 / completion.denominator).quantize(
                Decimal("0.1")
            )
            parts_en.append(f"the unit completed {shown}% of its targets (< {_pct(share)})")
            parts_vi.append(f"địa phương, đơn vị hoàn thành {shown}% chỉ tiêu (< {_pct(share)})")
        if missed:
            parts_en.append("the basic socio-economic targets were missed")
            parts_vi.append("không đạt các chỉ tiêu kinh tế - xã hội cơ bản")
        notes = [r for r in (how if low else None, basic_how if missed else None) if r]
        note = Reason(
            "; ".join(parts_en + [n.en for n in notes]), "; ".join(parts_vi + [n.vi for n in notes])
        )
        return Found((last,), note=note)

    return find


def _pct(value: Fraction) -> str:
    return f"{(Decimal(value.numerator) * 100 / value.denominator).normalize():f}%"


def low_confidence(more_than: Fraction) -> Finder:
    """The latest evaluation whose period had a vote with more than ``more_than`` low confidence."""

    def find(history: History) -> Found | None:
        voted = [e for e in history.evaluations if e.circumstances.low_confidence_share is not None]
        if not voted:
            return None
        last = voted[-1]
        share = last.circumstances.low_confidence_share
        if share is None or Fraction(share) <= more_than:
            return None
        return Found(
            (last,),
            note=Reason(
                f"{(share * 100).normalize():f}% low-confidence votes in {last.period}",
                f"{(share * 100).normalize():f}% phiếu tín nhiệm thấp ({last.period})",
            ),
        )

    return find


# --------------------------------------------------------------- exceptions


def force_majeure_exception(history: History, triggers: tuple[Evaluation, ...]) -> Reason | None:
    """Force majeure confirmed for the period, or covering every item that failed."""
    for e in triggers:
        failed = failed_items(e)
        covered = failed and all(ExcuseKind.FORCE_MAJEURE in r.excused for r in failed)
        if e.circumstances.force_majeure or covered:
            return Reason(
                f"force majeure confirmed for {e.period}",
                f"bất khả kháng được xác nhận ({e.period})",
            )
    return None


def under_a_year_in_post(history: History, triggers: tuple[Evaluation, ...]) -> Reason | None:
    """The head had held the post for less than a year at the end of the period."""
    if history.post_since is None or not triggers:
        return None
    end = triggers[-1].period.end
    anniversary = _add_year(history.post_since)
    if anniversary > end:
        return Reason(
            f"in post since {history.post_since}: under one year at {end}",
            f"giữ chức vụ từ {history.post_since}: chưa đủ 01 năm tính đến {end}",
        )
    return None


def _add_year(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)
