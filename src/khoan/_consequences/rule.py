"""ClauseRule: a transfer rule made of clauses, with mitigation and due process."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from typing import Protocol

import attrs

from khoan._base.convert import is_whole
from khoan._base.findings import Reason
from khoan._base.rating import Rating
from khoan._consequences.actions import Action, Step
from khoan._consequences.clauses import Clause, ExceptionCheck, Found, failed_items
from khoan._consequences.history import History
from khoan._consequences.recommendation import DueStep, Mitigation, Recommendation, Trigger
from khoan._evaluation.evaluation import Evaluation
from khoan._facts.report import ExcuseKind
from khoan.exceptions import InvalidValue

__all__ = [
    "DEFAULT_DUE_PROCESS",
    "NO_DUE_PROCESS",
    "ClauseRule",
    "DueProcess",
    "MitigationPolicy",
    "TransferRule",
]


class TransferRule(Protocol):
    """Reads a cadre's history; recommends an action, or None when nothing applies."""

    def __call__(self, history: History, /) -> Recommendation | None: ...


class MitigationPolicy(enum.Enum):
    """What a rule does when a triggering period is mitigated."""

    REVIEW = "review"  #: the automatic action becomes REVIEW (default)
    NOTE = "note"  #: the action stands; the mitigations are listed


@attrs.frozen
class DueProcess:
    """The due-process steps a rule owes, each with days from the decision (or None).

    >>> DEFAULT_DUE_PROCESS.steps[2]
    (<Step.REPLY: 'reply'>, 30)
    """

    steps: tuple[tuple[Step, int | None], ...]

    def __attrs_post_init__(self) -> None:
        for i, (step, days) in enumerate(self.steps):
            if not isinstance(step, Step):
                raise InvalidValue(f"steps[{i}][0]", step, "a Step")
            if days is not None and (not is_whole(days) or days < 0):
                raise InvalidValue(
                    f"steps[{i}][1]", days, "a whole number of days, 0 or more, or None"
                )

    def owed(self, history: History, as_of: dt.date | None) -> tuple[DueStep, ...]:
        """The steps not yet done, with due dates counted from ``as_of``."""
        out = []
        for step, days in self.steps:
            if step in history.steps_done:
                continue
            due = None if days is None or as_of is None else as_of + dt.timedelta(days=days)
            out.append(DueStep(step, due=due))
        return tuple(out)


DEFAULT_DUE_PROCESS = DueProcess(
    (
        (Step.WRITTEN_NOTICE, 0),
        (Step.IMPROVEMENT_PERIOD, None),
        (Step.REPLY, 30),
        (Step.HIGHER_SIGN_OFF, None),
        (Step.APPEAL, None),
        (Step.RECORD_CLEARED, 365),
    )
)
"""Modelled on 5 U.S.C. 4303 (30 days' notice and reply, a higher-level decision,
record removed after a year of acceptable work) and 5 CFR 432.104 (an opportunity
to improve with assistance). Not prescribed by the Vietnamese sources: a rule may
set its own."""

NO_DUE_PROCESS = DueProcess(())
"""No steps (for analysts comparing outcomes only)."""


@attrs.frozen(repr=False, kw_only=True)
class ClauseRule:
    """A transfer rule made of clauses; the strongest clause that applies wins.

    Args:
        name: Short stable id, e.g. ``"law-2019"``.
        title: One line naming the rule and its source.
        legal_basis: The documents it implements.
        clauses: Its clauses.
        exceptions: Checks that, when one applies, make the action NONE.
        mitigation: What a mitigated trigger does (default: REVIEW).
        due_process: Steps owed before an adverse action.
        assumptions: What the rule supplies where its sources are silent.

    """

    name: str = attrs.field(kw_only=False)
    title: str
    legal_basis: tuple[str, ...]
    clauses: tuple[Clause, ...]
    exceptions: tuple[ExceptionCheck, ...] = ()
    mitigation: MitigationPolicy = MitigationPolicy.REVIEW
    due_process: DueProcess = DEFAULT_DUE_PROCESS
    assumptions: tuple[Reason, ...] = ()

    def __call__(self, history: History, /) -> Recommendation | None:
        """Recommend for ``history``: the strongest clause that applies, or None."""
        as_of = history.decision_date
        candidates: list[Recommendation] = []
        for clause in self.clauses:
            if not clause.covers(history):
                continue
            found = clause.find(history)
            if found is None or not found.triggers:
                continue
            candidates.append(self._recommend(history, clause, found, as_of))
        if not candidates:
            return None
        best = max(candidates, key=lambda r: (r.action.severity, -candidates.index(r)))
        also = tuple(
            f"{self.name}:{r.clause.en} → {r.action.value}" for r in candidates if r is not best
        )
        return attrs.evolve(best, also=also)

    def _recommend(
        self, history: History, clause: Clause, found: Found, as_of: dt.date | None
    ) -> Recommendation:
        automatic = found.action or clause.action
        action = automatic
        exceptions = tuple(
            why for check in self.exceptions if (why := check(history, found.triggers))
        )
        if exceptions:
            action = Action.NONE
        reads_rating = getattr(clause.find, "reads_rating", True)
        referred = [str(e.period) for e in found.triggers if e.referred and reads_rating]
        if referred and action.severity > Action.REVIEW.severity:
            periods = ", ".join(referred)
            exceptions += (
                Reason(
                    f"the rating of {periods} is referred to the council (its points and "
                    "conditions disagree): no adverse action rests on it until the council rates",
                    f"kết quả xếp loại {periods} đang chuyển hội đồng quyết định (điểm và điều "
                    "kiện không thống nhất): chưa áp dụng biện pháp cho đến khi hội đồng xếp loại",
                ),
            )
            action = Action.REVIEW
        if action is Action.DISMISS and history.protected_from_dismissal:
            exceptions += (_PROTECTED,)
            action = Action.REVIEW
        mitigations: tuple[Mitigation, ...] = ()
        triggers = found.triggers
        if clause.mitigable:
            mitigations, mitigated = _mitigations(found.triggers, self.mitigation)
            every = {str(e.period) for e in found.triggers} <= mitigated
            if mitigated and self.mitigation is MitigationPolicy.REVIEW and action.severity > 1:
                # A mitigated period does not count against the cadre. When some
                # triggering periods are not mitigated and the clause still holds
                # with the mitigated ones not counted, its action stands.
                rest = attrs.evolve(
                    history,
                    evaluations=tuple(
                        attrs.evolve(e, rating=Rating.ACHIEVED)
                        if str(e.period) in mitigated and e.rating is Rating.NOT_ACHIEVED
                        else e
                        for e in history.evaluations
                    ),
                )
                again = None if every else clause.find(rest)
                if again is not None and again.triggers:
                    triggers = again.triggers
                    held = Reason(
                        "noted; the clause holds on the other periods without it",
                        "ghi nhận; không tính kỳ này, quy định vẫn áp dụng với các kỳ khác",
                    )
                    mitigations = tuple(
                        attrs.evolve(m, effect=held) if m.period in mitigated else m
                        for m in mitigations
                    )
                else:
                    action = Action.REVIEW
        notes: tuple[Reason, ...] = (found.note,) if found.note else ()
        if reads_rating:
            notes += tuple(_rests_on_override(e) for e in found.triggers if e.override)
        return Recommendation(
            cadre=history.cadre,
            action=action,
            automatic_action=automatic,
            rule=self.name,
            clause=clause.text,
            legal_basis=(clause.legal_basis,) if clause.legal_basis else self.legal_basis,
            triggered_by=tuple(Trigger.of(e) for e in triggers),
            alternatives=clause.alternatives,
            mitigations=mitigations,
            exceptions=exceptions,
            notes=notes,
            due_process=() if action is Action.NONE else self.due_process.owed(history, as_of),
        )

    def __repr__(self) -> str:
        return f"ClauseRule({self.name!r}, {len(self.clauses)} clauses)"


_PROTECTED = Reason(
    "dismissal deferred: under disciplinary or criminal review, pregnant, or raising a "
    "child under 36 months (Luật CBCC, Điều 59)",
    "chưa thực hiện cho thôi việc: đang bị xem xét kỷ luật, truy cứu trách nhiệm hình sự, "
    "đang mang thai hoặc nuôi con dưới 36 tháng tuổi (Luật CBCC, Điều 59)",
)

MITIGATING = frozenset(
    {
        ExcuseKind.FORCE_MAJEURE,
        ExcuseKind.OBJECTIVE_CAUSE,
        ExcuseKind.APPROVED_INNOVATION,
        ExcuseKind.SUPPORT_NOT_DELIVERED,
    }
)


def _mitigations(
    triggers: Sequence[Evaluation], policy: MitigationPolicy
) -> tuple[tuple[Mitigation, ...], set[str]]:
    """Every mitigation of the triggering periods, and the periods fully mitigated.

    A period is fully mitigated when confirmed excuses cover every item that
    failed in it, or pledged support for failed items was not delivered.
    """
    records: list[Mitigation] = []
    mitigated: set[str] = set()
    changes = policy is MitigationPolicy.REVIEW
    effect_yes = Reason(
        "the automatic action becomes a review" if changes else "noted; the action stands",
        "chuyển thành xem xét" if changes else "ghi nhận; giữ nguyên biện pháp",
    )
    effect_partial = Reason(
        "noted; it does not cover every item that failed",
        "ghi nhận; chưa bao quát hết các chỉ tiêu, nhiệm vụ không đạt",
    )
    for e in triggers:
        period = str(e.period)
        failed = failed_items(e)
        covered = [r for r in failed if r.excused & MITIGATING]
        whole = bool(failed) and len(covered) == len(failed)
        for kind in sorted({k for r in covered for k in r.excused & MITIGATING}, key=_by_value):
            ids = ", ".join(sorted(r.item for r in covered if kind in r.excused))
            records.append(
                Mitigation(
                    kind,
                    period=period,
                    reason=Reason(
                        f"confirmed {kind.value.replace('_', ' ')} for {ids}",
                        f"có xác nhận {_EXCUSE_VI[kind]} đối với {ids}",
                    ),
                    effect=effect_yes if whole else effect_partial,
                )
            )
        if e.circumstances.force_majeure:
            records.append(
                Mitigation(
                    ExcuseKind.FORCE_MAJEURE,
                    period=period,
                    reason=Reason(
                        f"force majeure confirmed for the period {period}",
                        f"bất khả kháng được xác nhận cho kỳ {period}",
                    ),
                    effect=effect_yes,
                )
            )
            mitigated.add(period)
        if e.circumstances.supports_not_delivered and failed:
            ids = ", ".join(e.circumstances.supports_not_delivered)
            records.append(
                Mitigation(
                    ExcuseKind.SUPPORT_NOT_DELIVERED,
                    period=period,
                    reason=Reason(
                        f"support pledged by the issuer not delivered: {ids}",
                        f"cấp trên chưa bảo đảm hỗ trợ đã cam kết: {ids}",
                    ),
                    effect=effect_yes,
                )
            )
            mitigated.add(period)
        if whole:
            mitigated.add(period)
    return tuple(records), mitigated


def _by_value(kind: ExcuseKind) -> str:
    return kind.value


_EXCUSE_VI = {
    ExcuseKind.FORCE_MAJEURE: "bất khả kháng",
    ExcuseKind.OBJECTIVE_CAUSE: "nguyên nhân khách quan",
    ExcuseKind.APPROVED_INNOVATION: "đề xuất đổi mới sáng tạo được phê duyệt (NĐ 73/2023)",
    ExcuseKind.SUPPORT_NOT_DELIVERED: "cấp trên chưa bảo đảm hỗ trợ",
}


def _rests_on_override(e: Evaluation) -> Reason:
    """The note that a triggering rating was decided by an override, not computed."""
    o = e.override
    assert o is not None
    basis = "; ".join(o.legal_basis)
    return Reason(
        f"the rating of {e.period} rests on an override: {o.by} changed "
        f"{o.before.name} to {o.after.name} on {o.on.isoformat()} ({o.reason}; basis: {basis})",
        f"kết quả xếp loại {e.period.vietnamese()} dựa trên quyết định thay đổi: {o.by} đổi "
        f"{o.before.vietnamese} thành {o.after.vietnamese} ngày {o.on.strftime('%d/%m/%Y')} "
        f"({o.reason}; căn cứ: {basis})",
    )
