"""ClauseRule: a transfer rule made of clauses, with mitigation and optional safeguards."""

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
from khoan._consequences.recommendation import (
    US_SAFEGUARDS_LABEL,
    DueStep,
    Mitigation,
    NoRecommendation,
    Recommendation,
    SchemeBasis,
    Trigger,
)
from khoan._evaluation.evaluation import Evaluation
from khoan._facts.org import Category
from khoan._facts.report import ExcuseKind
from khoan.exceptions import InvalidValue

__all__ = [
    "NO_DUE_PROCESS",
    "US_MODEL_SAFEGUARDS",
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


_OWN_LABEL = Reason(
    "safeguards configured for this rule: good practice, not prescribed by the Vietnamese sources",
    "biện pháp bảo đảm được cấu hình cho quy tắc này: thực hành tốt, văn bản Việt Nam không "
    "quy định",
)


@attrs.frozen
class DueProcess:
    """Recommended safeguards a rule may be configured with, each with days from the decision.

    No Vietnamese source prescribes these steps; a rule lists them only when
    configured to (``ClauseRule(..., due_process=...)``), and a recommendation
    prints them under ``label`` as recommended safeguards, never as owed.

    Args:
        steps: The steps, each with days from the decision (or None).
        label: What the safeguards are and where they come from.

    >>> US_MODEL_SAFEGUARDS.steps[2]
    (<Step.REPLY: 'reply'>, 30)

    """

    steps: tuple[tuple[Step, int | None], ...]
    label: Reason = attrs.field(default=_OWN_LABEL, kw_only=True)

    def __attrs_post_init__(self) -> None:
        for i, (step, days) in enumerate(self.steps):
            if not isinstance(step, Step):
                raise InvalidValue(f"steps[{i}][0]", step, "a Step")
            if days is not None and (not is_whole(days) or days < 0):
                raise InvalidValue(
                    f"steps[{i}][1]", days, "a whole number of days, 0 or more, or None"
                )

    def pending(self, history: History, as_of: dt.date | None) -> tuple[DueStep, ...]:
        """The steps not yet recorded as done, with dates counted from ``as_of``."""
        out = []
        for step, days in self.steps:
            if step in history.steps_done:
                continue
            due = None if days is None or as_of is None else as_of + dt.timedelta(days=days)
            out.append(DueStep(step, due=due))
        return tuple(out)


US_MODEL_SAFEGUARDS = DueProcess(
    (
        (Step.WRITTEN_NOTICE, 0),
        (Step.IMPROVEMENT_PERIOD, None),
        (Step.REPLY, 30),
        (Step.HIGHER_SIGN_OFF, None),
        (Step.APPEAL, None),
        (Step.RECORD_CLEARED, 365),
    ),
    label=US_SAFEGUARDS_LABEL,
)
"""Recommended safeguards modelled on 5 U.S.C. 4303 (30 days' notice and reply, a
higher-level decision, record removed after a year of acceptable work) and
5 CFR 432.104 (an opportunity to improve with assistance). Not prescribed by
Vietnamese law: off in every Vietnamese preset; a rule opts in with
``attrs.evolve(rule, due_process=US_MODEL_SAFEGUARDS)``."""

NO_DUE_PROCESS = DueProcess(())
"""No safeguard steps: the default of every rule (no Vietnamese source prescribes any)."""


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
        due_process: Recommended safeguards printed with an adverse action
            (default none: the Vietnamese sources prescribe none; see
            :data:`US_MODEL_SAFEGUARDS`).
        assumptions: What the rule supplies where its sources are silent, and
            khoan's readings of its sources; every recommendation carries them.
        omitted: Grounds of the rule's sources that it does not implement (a
            partial preset says so; ``khoan rules`` lists them).

    """

    name: str = attrs.field(kw_only=False)
    title: str
    legal_basis: tuple[str, ...]
    clauses: tuple[Clause, ...]
    exceptions: tuple[ExceptionCheck, ...] = ()
    mitigation: MitigationPolicy = MitigationPolicy.REVIEW
    due_process: DueProcess = NO_DUE_PROCESS
    assumptions: tuple[Reason, ...] = ()
    omitted: tuple[Reason, ...] = ()

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

    def why_not(self, history: History, /) -> NoRecommendation | None:
        """Why the rule recommends nothing for a cadre rated Not achieved, or None.

        None when the history has no period rated Not achieved, or when the
        rule recommends something (even NONE under an exception: that
        recommendation states its exception).
        """
        periods = tuple(
            str(e.period)
            for e in history.evaluations
            if e.rated and e.rating is Rating.NOT_ACHIEVED
        )
        if not periods or self(history) is not None:
            return None
        return NoRecommendation(
            history.cadre,
            rule=self.name,
            not_achieved=periods,
            reasons=tuple(_why_not(clause, history) for clause in self.clauses),
        )

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
            due_process=() if action is Action.NONE else self.due_process.pending(history, as_of),
            rule_title=self.title,
            assumptions=self.assumptions,
            schemes=SchemeBasis.of(found.triggers) if reads_rating else (),
            safeguards_label=self.due_process.label if self.due_process.steps else None,
        )

    def __repr__(self) -> str:
        return f"ClauseRule({self.name!r}, {len(self.clauses)} clauses)"


_CATEGORY_VI = {
    Category.CADRE: "cán bộ",
    Category.CIVIL_SERVANT: "công chức",
    Category.PUBLIC_EMPLOYEE: "viên chức",
}


def _why_not(clause: Clause, history: History) -> Reason:
    """Why ``clause`` does not apply to ``history``: whom it covers, or its unmet condition."""
    if clause.categories is not None and history.category not in clause.categories:
        cats = sorted(clause.categories, key=lambda c: c.value)
        en = ", ".join(c.value.replace("_", " ") for c in cats)
        vi = ", ".join(_CATEGORY_VI[c] for c in cats)
        return Reason(
            f"clause {clause.id} applies to {en} only; {history.cadre} is "
            f"{history.category.value.replace('_', ' ')} ({clause.text.en})",
            f"khoản {clause.id} chỉ áp dụng đối với {vi}; {history.cadre} là "
            f"{_CATEGORY_VI[history.category]} ({clause.text.vi})",
        )
    if clause.leaders is not None and clause.leaders != history.is_leader:
        return Reason(
            f"clause {clause.id} applies only to those who "
            f"{'lead' if clause.leaders else 'do not lead'}; {history.cadre} "
            f"{'does not' if clause.leaders else 'does'} ({clause.text.en})",
            f"khoản {clause.id} chỉ áp dụng đối với người "
            f"{'giữ' if clause.leaders else 'không giữ'} chức vụ lãnh đạo, quản lý; "
            f"{history.cadre} {'không giữ' if clause.leaders else 'giữ'} chức vụ đó "
            f"({clause.text.vi})",
        )
    return Reason(
        f"clause {clause.id}: its condition is not met by the history ({clause.text.en})",
        f"khoản {clause.id}: lịch sử đánh giá chưa đáp ứng điều kiện ({clause.text.vi})",
    )


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
