"""Clause finders and exceptions: what a consequence clause reads in a history.

Each finder is a small frozen callable whose repr reads like the call that
built it (``consecutive_years(2)``), so rules built from equal parts compare
equal and print without memory addresses.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import ClassVar

import attrs

from khoan._base.convert import SHOWN, decimal_of, is_whole, to_fraction
from khoan._base.findings import Reason
from khoan._base.rating import Rating
from khoan._consequences.actions import Action
from khoan._consequences.clauses import Found, failed_items
from khoan._consequences.history import History
from khoan._evaluation.evaluation import Evaluation
from khoan._facts.items import Tag
from khoan._facts.report import ExcuseKind
from khoan._scoring.results import Status
from khoan.exceptions import InvalidValue

__all__ = [
    "consecutive_years",
    "force_majeure_exception",
    "latest_not_achieved",
    "low_confidence",
    "twice_in_term",
    "twice_in_years",
    "under_a_year_in_post",
    "unit_below",
]

_KINDS = ("year", "quarter", "month", "any")


def _pct(value: Fraction) -> str:
    return f"{decimal_of(value * 100).normalize(context=SHOWN):f}%"


def _share(value: object, name: str) -> Fraction:
    share = to_fraction(value)
    if not 0 <= share <= 1:
        raise InvalidValue(name, value, "a share from 0 to 1")
    return share


def _count(value: object, name: str) -> int:
    if not is_whole(value) or value < 1:
        raise InvalidValue(name, value, "a whole number, 1 or more")
    return value


def _latest_year_not_achieved(history: History) -> Evaluation | None:
    years = history.years
    if years and years[-1].rating is Rating.NOT_ACHIEVED:
        return years[-1]
    return None


# ------------------------------------------------------------------ finders


@attrs.frozen(repr=False)
class _LatestNotAchieved:
    kind: str

    def __call__(self, history: History, /) -> Found | None:
        pool = [e for e in history.evaluations if self.kind in ("any", e.period.kind) and e.rated]
        if not pool or pool[-1].rating is not Rating.NOT_ACHIEVED:
            return None
        return Found((pool[-1],))

    def __repr__(self) -> str:
        return f"latest_not_achieved(kind={self.kind!r})"


def latest_not_achieved(*, kind: str = "year") -> _LatestNotAchieved:
    """The latest evaluation of ``kind`` ("year", "quarter", "month" or "any"), if Not achieved."""
    if kind not in _KINDS:
        raise InvalidValue("kind", kind, "one of " + ", ".join(_KINDS))
    return _LatestNotAchieved(kind)


@attrs.frozen(repr=False)
class _ConsecutiveYears:
    count: int

    def __call__(self, history: History, /) -> Found | None:
        years = history.years
        if not years:
            return None
        last = years[-1].period.year
        run = [history.year(last - k) for k in range(self.count)]
        if all(e is not None and e.rating is Rating.NOT_ACHIEVED for e in run):
            return Found(tuple(e for e in reversed(run) if e is not None))
        return None

    def __repr__(self) -> str:
        return f"consecutive_years({self.count})"


def consecutive_years(count: int = 2) -> _ConsecutiveYears:
    """The latest ``count`` years, if each was rated Not achieved.

    >>> consecutive_years(2) == consecutive_years(2), consecutive_years(2)
    (True, consecutive_years(2))
    """
    return _ConsecutiveYears(_count(count, "count"))


_TERM_UNKNOWN = Reason(
    "the appointment term is not known: whether both years fall in one term needs checking",
    "chưa có thông tin nhiệm kỳ/thời hạn bổ nhiệm: cần xác định hai năm có "
    "cùng một nhiệm kỳ hay không",
)


@attrs.frozen(repr=False)
class _TwiceInTerm:
    def __call__(self, history: History, /) -> Found | None:
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
            return Found((earlier[-1], last), note=_TERM_UNKNOWN, action=Action.REVIEW)
        term = history.term
        # A year belongs to the term whose appointment covers its rating at the
        # year's end (terms often start mid-year).
        inside = [e for e in earlier if e.period.end in term]
        if not inside or last.period.end not in term:
            return None
        return Found((inside[-1], last))

    def __repr__(self) -> str:
        return "twice_in_term()"


def twice_in_term() -> _TwiceInTerm:
    """The latest year and an earlier, non-adjacent year in the same term, both Not achieved.

    Without a known term the clause cannot be decided: it asks for a review.
    """
    return _TwiceInTerm()


@attrs.frozen(repr=False)
class _TwiceInYears:
    window: int

    def __call__(self, history: History, /) -> Found | None:
        last = _latest_year_not_achieved(history)
        if last is None:
            return None
        first_year = last.period.year - self.window + 1
        earlier = [
            e
            for e in history.years
            if e.rating is Rating.NOT_ACHIEVED
            and first_year <= e.period.year <= last.period.year - 2
        ]
        return Found((earlier[-1], last)) if earlier else None

    def __repr__(self) -> str:
        return f"twice_in_years({self.window})"


def twice_in_years(window: int = 3) -> _TwiceInYears:
    """The latest year and another, non-adjacent one within ``window`` years, both Not achieved."""
    return _TwiceInYears(_count(window, "window"))


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


@attrs.frozen(repr=False)
class _UnitBelow:
    #: It reads the unit's results or a vote, not the rating: a referral does not stop it.
    reads_rating: ClassVar[bool] = False
    share: Fraction

    def __call__(self, history: History, /) -> Found | None:
        years = history.years
        if not years:
            return None
        last = years[-1]
        completion, how = _unit_completion(last)
        missed, basic_how = _basic_missed(last)
        low = completion is not None and completion < self.share
        if not low and not missed:
            return None
        parts_en, parts_vi = [], []
        if low and completion is not None:
            shown = decimal_of(completion * 100, 1)
            need = _pct(self.share)
            parts_en.append(f"the unit completed {shown}% of its targets (< {need})")
            parts_vi.append(f"địa phương, đơn vị hoàn thành {shown}% chỉ tiêu (< {need})")
        if missed:
            parts_en.append("the basic socio-economic targets were missed")
            parts_vi.append("không đạt các chỉ tiêu kinh tế - xã hội cơ bản")
        notes = [r for r in (how if low else None, basic_how if missed else None) if r]
        note = Reason(
            "; ".join(parts_en + [n.en for n in notes]), "; ".join(parts_vi + [n.vi for n in notes])
        )
        return Found((last,), note=note)

    def __repr__(self) -> str:
        return f"unit_below({decimal_of(self.share)!r})"


def unit_below(share: object = Fraction(7, 10)) -> _UnitBelow:
    """The latest year, if the unit led fell short.

    Short means: it completed under ``share`` of its targets, or missed the
    basic socio-economic targets.
    """
    return _UnitBelow(_share(share, "share"))


@attrs.frozen(repr=False)
class _LowConfidence:
    #: It reads the unit's results or a vote, not the rating: a referral does not stop it.
    reads_rating: ClassVar[bool] = False
    more_than: Fraction

    def __call__(self, history: History, /) -> Found | None:
        voted = [e for e in history.evaluations if e.circumstances.low_confidence_share is not None]
        if not voted:
            return None
        last = voted[-1]
        share = last.circumstances.low_confidence_share
        if share is None or Fraction(share) <= self.more_than:
            return None
        shown = _pct(Fraction(share))
        return Found(
            (last,),
            note=Reason(
                f"{shown} low-confidence votes in {last.period}",
                f"{shown} phiếu tín nhiệm thấp ({last.period})",
            ),
        )

    def __repr__(self) -> str:
        return f"low_confidence({decimal_of(self.more_than)!r})"


def low_confidence(more_than: object) -> _LowConfidence:
    """The latest evaluation whose period had a vote with more than ``more_than`` low confidence."""
    return _LowConfidence(_share(more_than, "more_than"))


# --------------------------------------------------------------- exceptions


@attrs.frozen(repr=False)
class _ForceMajeure:
    def __call__(self, history: History, triggers: tuple[Evaluation, ...], /) -> Reason | None:
        for e in triggers:
            failed = failed_items(e)
            covered = failed and all(ExcuseKind.FORCE_MAJEURE in r.excused for r in failed)
            if e.circumstances.force_majeure or covered:
                return Reason(
                    f"force majeure confirmed for {e.period}",
                    f"bất khả kháng được xác nhận ({e.period})",
                )
        return None

    def __repr__(self) -> str:
        return "force_majeure_exception"


force_majeure_exception = _ForceMajeure()
"""Force majeure confirmed for the period, or covering every item that failed."""


def _add_year(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


@attrs.frozen(repr=False)
class _UnderAYear:
    def __call__(self, history: History, triggers: tuple[Evaluation, ...], /) -> Reason | None:
        if history.post_since is None or not triggers:
            return None
        end = triggers[-1].period.end
        if _add_year(history.post_since) > end:
            return Reason(
                f"in post since {history.post_since}: under one year at {end}",
                f"giữ chức vụ từ {history.post_since}: chưa đủ 01 năm tính đến {end}",
            )
        return None

    def __repr__(self) -> str:
        return "under_a_year_in_post"


under_a_year_in_post = _UnderAYear()
"""The head had held the post for less than a year at the end of the period."""
