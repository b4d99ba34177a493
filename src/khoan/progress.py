"""Progress during the period: where each item stands on a date, and the support ledger.

The seed article: "hằng quý hoặc đột xuất, cơ quan chức năng tiến hành kiểm
tra, thẩm định mức độ, tiến độ thực hiện phần việc được khoán" -- and the
upper level must support, not hand off ("không khoán trắng").

:func:`progress` gives every item its status on a date from the inspections'
observations (and the report, once submitted): done early, on time or late;
on track, at risk or behind the pro-rata path from baseline to target (or the
item's own milestones); overdue; not started; or no data. Each carries the
value expected by then, the forecast at the deadline at the observed pace,
a stale-data flag, and its reasons. Lower-is-better indicators need no
special case: progress is the share of the way from baseline to target.

:func:`support_ledger` sets the issuer's pledges against the deliveries
recorded; the pledges overdue are what the consequence rules read as
mitigation (see :attr:`khoan.Circumstances.supports_not_delivered`).

Past ~400 lines: expected values, observations and forecasts of one item are one
computation, read top to bottom.
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction

import attrs
from dateutil.relativedelta import relativedelta

from khoan._base.convert import SHOWN, decimal_of, percent, to_fraction
from khoan._base.display import html_table
from khoan._base.findings import Reason
from khoan._facts.assignment import Assignment, Delivery
from khoan._facts.dossier import Dossier
from khoan._facts.inspection import Inspection, Observation
from khoan._facts.items import Direction, Indicator, Item, Task
from khoan._facts.ledger import LedgerEntry, SupportStatus, overdue_supports, support_ledger
from khoan._facts.report import Report
from khoan._scoring.results import reached
from khoan.exceptions import FieldError, InvalidValue

__all__ = [
    "DEFAULT_INTERVAL",
    "DEFAULT_TOLERANCE",
    "ItemProgress",
    "LedgerEntry",
    "Progress",
    "ProgressStatus",
    "SupportStatus",
    "overdue_supports",
    "progress",
    "progress_of",
    "support_ledger",
]


class ProgressStatus(enum.Enum):
    """Where an item stands on a date; ``rank`` orders them from worst to best."""

    OVERDUE = "overdue"  #: quá hạn, chưa hoàn thành
    NOT_STARTED = (
        "not_started"  #: no progress from the baseline yet (or moved away from the target)
    )
    BEHIND = "behind"  #: chậm so với tiến độ
    AT_RISK = "at_risk"  #: có nguy cơ chậm
    ON_TRACK = "on_track"  #: đúng tiến độ
    DONE_LATE = "done_late"  #: hoàn thành quá hạn
    DONE_ON_TIME = "done_on_time"  #: hoàn thành đúng hạn
    DONE_EARLY = "done_early"  #: hoàn thành trước hạn
    NO_DATA = "no_data"  #: chưa có số liệu

    @property
    def rank(self) -> int | None:
        """0 (overdue) to 7 (done early); None for no data."""
        return None if self is ProgressStatus.NO_DATA else list(ProgressStatus).index(self)

    @property
    def vietnamese(self) -> str:
        """The status in Vietnamese."""
        return _STATUS_VI[self]

    @property
    def needs_attention(self) -> bool:
        """Overdue, not started, behind or at risk."""
        return self in (
            ProgressStatus.OVERDUE,
            ProgressStatus.NOT_STARTED,
            ProgressStatus.BEHIND,
            ProgressStatus.AT_RISK,
        )


_STATUS_VI = {
    ProgressStatus.OVERDUE: "quá hạn",
    ProgressStatus.NOT_STARTED: "chưa có tiến triển",
    ProgressStatus.BEHIND: "chậm tiến độ",
    ProgressStatus.AT_RISK: "có nguy cơ chậm",
    ProgressStatus.ON_TRACK: "đúng tiến độ",
    ProgressStatus.DONE_LATE: "hoàn thành quá hạn",
    ProgressStatus.DONE_ON_TIME: "hoàn thành đúng hạn",
    ProgressStatus.DONE_EARLY: "hoàn thành trước hạn",
    ProgressStatus.NO_DATA: "chưa có số liệu",
}

DEFAULT_TOLERANCE = Fraction(1, 5)
"""An item within 20% of the progress expected by the date is at risk, further
behind it is behind. No source sets this: pass your own ``tolerance``."""

DEFAULT_INTERVAL = relativedelta(months=3)
"""Observations older than a quarter are stale: inspections are quarterly
("hằng quý", the seed article). Pass your own ``interval`` for monthly reporting."""


@attrs.frozen(kw_only=True)
class ItemProgress:
    """One item's standing on a date.

    Args:
        item: The item's id.
        status: See :class:`ProgressStatus`.
        deadline: The item's deadline (the period's end when it has none).
        expected: The value (percent for tasks) expected by the date.
        observed: The latest value (percent for tasks) observed by the date.
        observed_on: When it was observed.
        share: How far the item has come from baseline to target (1 = target).
        expected_share: How far it should have come by the date.
        forecast: The value (percent) expected at the deadline at the pace
            observed so far.
        stale: No observation within the reporting interval.
        reasons: How the status was found.

    """

    item: str = attrs.field(kw_only=False)
    status: ProgressStatus
    deadline: dt.date
    expected: Decimal | None = None
    observed: Decimal | None = None
    observed_on: dt.date | None = None
    share: Fraction | None = None
    expected_share: Fraction | None = None
    forecast: Decimal | None = None
    stale: bool = False
    reasons: tuple[Reason, ...] = ()


@attrs.frozen(kw_only=True)
class Progress:
    """Every item's standing and the support ledger on ``as_of``."""

    assignment: str = attrs.field(kw_only=False)
    as_of: dt.date
    items: tuple[ItemProgress, ...]
    supports: tuple[LedgerEntry, ...] = ()

    @property
    def needing_attention(self) -> tuple[ItemProgress, ...]:
        """Items overdue, not started, behind or at risk."""
        return tuple(i for i in self.items if i.status.needs_attention)

    @property
    def stale(self) -> tuple[ItemProgress, ...]:
        """Items whose latest observation is older than the reporting interval."""
        return tuple(i for i in self.items if i.stale)

    @property
    def overdue_supports(self) -> tuple[LedgerEntry, ...]:
        """Pledges past their due date and not delivered: flagged to the issuer."""
        return tuple(s for s in self.supports if s.status is SupportStatus.OVERDUE)

    # notebook display (issue 13): a short repr and an HTML table, not a dump
    def __repr__(self) -> str:
        return (
            f"<Progress {self.assignment} as of {self.as_of}: {len(self.items)} items, "
            f"{len(self.needing_attention)} needing attention>"
        )

    def _repr_html_(self) -> str:
        rows = [
            (i.item, i.status.value + (" *" if i.stale else ""),
             "" if i.expected is None else i.expected, "" if i.observed is None else i.observed,
             "" if i.forecast is None else i.forecast, i.deadline)
            for i in self.items
        ]  # fmt: skip
        return html_table(
            caption=f"{self.assignment} as of {self.as_of}",
            header=("item", "status", "expected", "observed", "forecast", "deadline"),
            rows=rows,
            notes=[f"{s.support}: {s.status.value}" for s in self.supports],
        )


# ----------------------------------------------------------------- progress


def progress(
    assignment: Assignment,
    inspections: Iterable[Inspection],
    as_of: dt.date,
    *,
    report: Report | None = None,
    deliveries: Sequence[Delivery] | None = None,
    tolerance: Fraction = DEFAULT_TOLERANCE,
    interval: relativedelta = DEFAULT_INTERVAL,
) -> Progress:
    """Every item's status on ``as_of``.

    Only what was known on ``as_of`` counts: observations of inspections
    on or before it, and the report if it was submitted by then.

    Args:
        assignment: What was assigned.
        inspections: Quarterly and ad hoc inspections, in any order.
        as_of: The date to stand on.
        report: The results report, used once submitted.
        deliveries: The support ledger, if one is kept.
        tolerance: How far below the expected progress is still "at risk".
        interval: How old the latest observation may be before it is stale.

    References:
        The seed article (inspection "hằng quý hoặc đột xuất"); peers.md §9:
        progress against the period's share of the annual target; stale
        indicators by expected update frequency.

    """
    if not isinstance(as_of, dt.date) or isinstance(as_of, dt.datetime):
        raise InvalidValue("as_of", as_of, "a date")
    try:
        tolerance = to_fraction(tolerance)
    except FieldError as err:
        raise err.with_prefix("tolerance") from None
    if not 0 <= tolerance < 1:
        raise InvalidValue("tolerance", tolerance, "a share from 0 up to 1")
    seen = sorted((i for i in inspections if i.on <= as_of), key=lambda i: (i.on, i.id))
    known_report = report if report is not None and report.submitted_on <= as_of else None
    items = tuple(
        _item_progress(assignment, item, seen, known_report, as_of, tolerance, interval)
        for item in assignment.items
    )
    supports = support_ledger(assignment, deliveries, as_of)
    return Progress(assignment.id, as_of=as_of, items=items, supports=supports)


def progress_of(
    dossier: Dossier,
    as_of: dt.date,
    *,
    tolerance: Fraction = DEFAULT_TOLERANCE,
    interval: relativedelta = DEFAULT_INTERVAL,
) -> Progress:
    """:func:`progress` for a dossier: its inspections, report and deliveries."""
    return progress(
        dossier.assignment,
        dossier.inspections,
        as_of,
        report=dossier.report,
        deliveries=dossier.deliveries,
        tolerance=tolerance,
        interval=interval,
    )


def _baseline(item: Item) -> Fraction | None:
    if isinstance(item, Task):
        return Fraction(0)
    if item.baseline is not None:
        return Fraction(item.baseline)
    if item.direction is Direction.HIGHER_IS_BETTER:
        return Fraction(0)
    return None


def _target(item: Item) -> Fraction:
    return Fraction(100) if isinstance(item, Task) else Fraction(item.target)


def _observations(
    item: Item, seen: Sequence[Inspection], report: Report | None
) -> list[tuple[dt.date, Decimal, bool]]:
    """(date, value or percent, done) for the item, oldest first."""
    out: list[tuple[dt.date, Decimal, bool]] = []
    for inspection in seen:
        obs = next((o for o in inspection.observations if o.item == item.id), None)
        if obs is None:
            continue
        value = _observed_value(item, obs)
        if value is not None:
            done = _is_done(item, value, obs.done)
            on = obs.completed_on if done and obs.completed_on else inspection.on
            out.append((on, value, done))
    if report is not None:
        outcome = report.outcome(item.id)
        if outcome is not None:
            on = outcome.completed_on or report.submitted_on
            if isinstance(item, Indicator) and outcome.actual is not None:
                out.append((on, outcome.actual, _is_done(item, outcome.actual, None)))
            elif isinstance(item, Task) and outcome.done is not None:
                value = Decimal(100) if outcome.done else (out[-1][1] if out else Decimal(0))
                out.append((on if outcome.done else report.submitted_on, value, outcome.done))
    out.sort(key=lambda x: x[0])
    return out


def _observed_value(item: Item, obs: Observation) -> Decimal | None:
    if isinstance(item, Indicator):
        return obs.value
    if obs.done:
        return Decimal(100)
    if obs.percent is not None:
        return obs.percent
    return Decimal(0) if obs.done is False else None


def _is_done(item: Item, value: Decimal, done: bool | None) -> bool:
    if isinstance(item, Task):
        return bool(done) or value >= 100
    return reached(item, Fraction(value))


def _share(value: Fraction, base: Fraction, target: Fraction) -> Fraction:
    return (value - base) / (target - base)


def _expected_share(
    item: Item, start: dt.date, deadline: dt.date, as_of: dt.date, base: Fraction
) -> tuple[Fraction, str]:
    """The share of the way expected by ``as_of``: milestones if given, else pro rata."""
    target = _target(item)
    points = [(start, Fraction(0))]
    points += [(m.on, _share(Fraction(m.value), base, target)) for m in item.milestones]
    points.append((deadline, Fraction(1)))
    if as_of >= deadline:
        return Fraction(1), "deadline"
    for (d0, s0), (d1, s1) in itertools.pairwise(points):
        if d0 <= as_of <= d1:
            span = (d1 - d0).days
            share = s1 if span == 0 else s0 + (s1 - s0) * Fraction((as_of - d0).days, span)
            return share, "milestones" if item.milestones else "pro rata"
    return Fraction(0), "not begun"


def _value_at(share: Fraction, base: Fraction, target: Fraction) -> Decimal:
    value = base + share * (target - base)
    return decimal_of(value, 2)


def _item_progress(
    assignment: Assignment,
    item: Item,
    seen: Sequence[Inspection],
    report: Report | None,
    as_of: dt.date,
    tolerance: Fraction,
    interval: relativedelta,
) -> ItemProgress:
    deadline = item.deadline or assignment.period.end
    observations = _observations(item, seen, report)
    reasons: list[Reason] = []
    last = observations[-1] if observations else None
    checked_on = last[0] if last else assignment.issued_on
    stale = checked_on + interval < as_of and not (last and last[2])
    if stale:
        reasons.append(
            Reason(
                f"no observation since {checked_on}: stale",
                f"không có số liệu kể từ {checked_on}: số liệu đã cũ",
            )
        )
    done_on = next((d for d, _, done in observations if done), None)
    if done_on is not None:
        status = (
            ProgressStatus.DONE_EARLY
            if done_on < deadline
            else ProgressStatus.DONE_ON_TIME
            if done_on == deadline
            else ProgressStatus.DONE_LATE
        )
        reasons.insert(
            0,
            Reason(
                f"completed {done_on}, deadline {deadline}",
                f"hoàn thành ngày {done_on}, thời hạn {deadline}",
            ),
        )
        return ItemProgress(
            item.id, status=status, deadline=deadline, observed=last[1] if last else None,
            observed_on=last[0] if last else None, share=Fraction(1), stale=False,
            reasons=tuple(reasons),
        )  # fmt: skip
    base = _baseline(item)
    target = _target(item)
    start = assignment.issued_on
    if base is None and len(observations) >= 2:
        base = Fraction(observations[0][1])
        start = observations[0][0]  # the expected path starts where the measure does
        reasons.append(
            Reason(
                f"no baseline: progress measured from the first observation ({base})",
                f"không có giá trị ban đầu: tính tiến độ từ số liệu đầu tiên ({base})",
            )
        )
    if base is not None and base == target:
        base = None
    if as_of > deadline:
        reasons.insert(
            0,
            Reason(
                f"not completed by the deadline {deadline}",
                f"chưa hoàn thành khi đã quá thời hạn {deadline}",
            ),
        )
        return _result(item, ProgressStatus.OVERDUE, deadline, last, base, target, None,
                       observations, stale, reasons)  # fmt: skip
    if last is None or base is None:
        reasons.insert(
            0,
            Reason(
                "nothing observed yet" if last is None else "no baseline to measure progress from",
                "chưa có số liệu" if last is None else "không có giá trị ban đầu để so sánh",
            ),
        )
        return ItemProgress(
            item.id,
            status=ProgressStatus.NO_DATA,
            deadline=deadline,
            stale=stale,
            reasons=tuple(reasons),
        )
    expected, how = _expected_share(item, start, deadline, as_of, base)
    share = _share(Fraction(last[1]), base, target)
    if share <= 0:
        status = ProgressStatus.NOT_STARTED
        if share < 0:
            reasons.append(
                Reason(
                    "moved away from the target since the start",
                    "diễn biến ngược so với chỉ tiêu kể từ đầu kỳ",
                )
            )
    elif share >= expected:
        status = ProgressStatus.ON_TRACK
    elif share >= (1 - tolerance) * expected:
        status = ProgressStatus.AT_RISK
    else:
        status = ProgressStatus.BEHIND
    reasons.insert(
        0,
        Reason(
            f"{percent(share)} of the way on {last[0]}; "
            f"{percent(expected)} expected by {as_of} ({how})",
            f"đạt {percent(share)} chặng đường ngày {last[0]}; cần đạt {percent(expected)} "
            f"đến {as_of} ({_HOW_VI[how]})",
        ),
    )
    return _result(item, status, deadline, last, base, target, expected, observations, stale,
                   reasons)  # fmt: skip


_HOW_VI = {
    "pro rata": "theo tỷ lệ thời gian",
    "milestones": "theo mốc",
    "deadline": "đến hạn",
    "not begun": "chưa bắt đầu",
}


def _result(
    item: Item,
    status: ProgressStatus,
    deadline: dt.date,
    last: tuple[dt.date, Decimal, bool] | None,
    base: Fraction | None,
    target: Fraction,
    expected: Fraction | None,
    observations: Sequence[tuple[dt.date, Decimal, bool]],
    stale: bool,
    reasons: list[Reason],
) -> ItemProgress:
    share = None if last is None or base is None else _share(Fraction(last[1]), base, target)
    forecast = None
    if base is not None and last is not None:
        forecast_share = _forecast(observations, base, target, deadline, item)
        if forecast_share is not None and isinstance(item, Task):
            forecast_share = min(max(forecast_share, Fraction(0)), Fraction(1))  # 0-100%
        if forecast_share is not None:
            forecast = _value_at(forecast_share, base, target)
            goal = _value_at(Fraction(1), base, target).normalize(context=SHOWN)
            reasons.append(
                Reason(
                    f"at the pace observed: {forecast} by {deadline} (target {goal:f})",
                    f"theo tốc độ hiện nay: đạt {forecast} đến {deadline} (chỉ tiêu {goal:f})",
                )
            )
    return ItemProgress(
        item=item.id,
        status=status,
        deadline=deadline,
        expected=None if expected is None or base is None else _value_at(expected, base, target),
        observed=None if last is None else last[1],
        observed_on=None if last is None else last[0],
        share=share,
        expected_share=expected,
        forecast=forecast,
        stale=stale,
        reasons=tuple(reasons),
    )


def _forecast(
    observations: Sequence[tuple[dt.date, Decimal, bool]],
    base: Fraction,
    target: Fraction,
    deadline: dt.date,
    item: Item,
) -> Fraction | None:
    """Extrapolate the last two observations (a straight line) to the deadline."""
    if len(observations) < 2:
        return None
    (d0, v0, _), (d1, v1, _) = observations[-2], observations[-1]
    if d1 <= d0 or d1 >= deadline:
        return None
    s0, s1 = _share(Fraction(v0), base, target), _share(Fraction(v1), base, target)
    pace = (s1 - s0) / (d1 - d0).days
    return s1 + pace * (deadline - d1).days
