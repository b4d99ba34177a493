"""Consequence rules: what happens to a cadre whose history shows "not achieved".

The seed article's rule -- "cán bộ bị đánh giá kém, không đạt, dứt khoát sẽ
bị điều chuyển công tác" -- and the national rules that replaced it are
transfer rules: callables ``(history, context) -> Recommendation | None``.
The presets are :class:`ClauseRule` values: a list of clauses (each with its
source), the source's exceptions, what the rule does with mitigating facts,
and the due-process steps owed before an adverse action.

Mitigation ("không khoán trắng"): when a triggering period carries a
confirmed excuse (force majeure, objective cause, approved innovation under
NĐ 73/2023/NĐ-CP, support not delivered) covering every item that failed,
or the issuer's pledged support was not delivered, the default policy turns
the automatic action into :attr:`Action.REVIEW`, and the recommendation
shows why. Partial coverage is recorded too: no confirmed excuse is ever
silently ignored.

>>> RULES["law-2019"]
ClauseRule('law-2019', 4 clauses)
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Protocol

import attrs

from khoan._dossier import Cohort
from khoan._evaluate import Evaluation, evaluate_dossier
from khoan._history import (
    Action,
    DueStep,
    History,
    Mitigation,
    Recommendation,
    Step,
    Trigger,
)
from khoan._items import Tag
from khoan._org import Category
from khoan._rating import Rating
from khoan._report import ExcuseKind
from khoan._results import ItemResult, Reason, Status
from khoan.exceptions import InvalidValue
from khoan.schemes import Scheme

__all__ = [
    "DEFAULT_DUE_PROCESS",
    "LAW_2019",
    "ND_335_2025",
    "NO_DUE_PROCESS",
    "QD_41_2021",
    "QD_377_2025",
    "RULES",
    "VINH_PHUC_PILOT",
    "Action",
    "Clause",
    "ClauseRule",
    "Context",
    "DueProcess",
    "DueStep",
    "Found",
    "History",
    "Mitigation",
    "MitigationPolicy",
    "Recommendation",
    "Step",
    "TransferRule",
    "Trigger",
    "first_applicable",
    "histories_of",
    "recommend",
    "strongest",
]


@attrs.frozen
class Context:
    """What a rule may need beyond the history: the decision date, if not the history's."""

    as_of: dt.date | None = None


class TransferRule(Protocol):
    """Reads a cadre's history; recommends an action, or None when nothing applies."""

    def __call__(  # noqa: D102 - the class docstring says it
        self, history: History, context: Context | None = None, /
    ) -> Recommendation | None: ...


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
            if days is not None and (
                isinstance(days, bool) or not isinstance(days, int) or days < 0
            ):
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
            out.append(DueStep(step, due))
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


@attrs.frozen
class Found:
    """What a clause found: the evaluations it rests on, and any note or override.

    ``action`` overrides the clause's action (e.g. REVIEW when a fact the
    clause needs is unknown).
    """

    triggers: tuple[Evaluation, ...]
    note: Reason | None = None
    action: Action | None = None


Finder = Callable[[History], Found | None]
ExceptionCheck = Callable[[History, tuple[Evaluation, ...]], Reason | None]


@attrs.frozen
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

    id: str
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


@attrs.frozen(repr=False)
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

    name: str
    title: str
    legal_basis: tuple[str, ...]
    clauses: tuple[Clause, ...]
    exceptions: tuple[ExceptionCheck, ...] = ()
    mitigation: MitigationPolicy = MitigationPolicy.REVIEW
    due_process: DueProcess = DEFAULT_DUE_PROCESS
    assumptions: tuple[Reason, ...] = ()

    def __call__(
        self, history: History, context: Context | None = None, /
    ) -> Recommendation | None:
        """Recommend for ``history``: the strongest clause that applies, or None."""
        as_of = context.as_of if context and context.as_of else history.decision_date
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
        notes = (found.note,) if found.note else ()
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


def _failed(e: Evaluation) -> list[ItemResult]:
    return [
        r
        for r in e.items
        if r.status in (Status.NOT_COMPLETED, Status.COMPLETED_LATE, Status.NO_DATA)
        or r.failed_reviews
    ]


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
        failed = _failed(e)
        covered = [r for r in failed if r.excused & MITIGATING]
        whole = bool(failed) and len(covered) == len(failed)
        for kind in sorted({k.value for r in covered for k in r.excused & MITIGATING}):
            ids = ", ".join(sorted(r.item for r in covered if ExcuseKind(kind) in r.excused))
            records.append(
                Mitigation(
                    kind,
                    period,
                    Reason(
                        f"confirmed {kind.replace('_', ' ')} for {ids}",
                        f"có xác nhận {_EXCUSE_VI[ExcuseKind(kind)]} đối với {ids}",
                    ),
                    effect_yes if whole else effect_partial,
                )
            )
        if e.circumstances.force_majeure:
            records.append(
                Mitigation(
                    ExcuseKind.FORCE_MAJEURE.value,
                    period,
                    Reason(
                        f"force majeure confirmed for the period {period}",
                        f"bất khả kháng được xác nhận cho kỳ {period}",
                    ),
                    effect_yes,
                )
            )
            mitigated.add(period)
        if e.circumstances.supports_not_delivered and failed:
            ids = ", ".join(e.circumstances.supports_not_delivered)
            records.append(
                Mitigation(
                    "support_not_delivered",
                    period,
                    Reason(
                        f"support pledged by the issuer not delivered: {ids}",
                        f"cấp trên chưa bảo đảm hỗ trợ đã cam kết: {ids}",
                    ),
                    effect_yes,
                )
            )
            mitigated.add(period)
        if whole:
            mitigated.add(period)
    return tuple(records), mitigated


_EXCUSE_VI = {
    ExcuseKind.FORCE_MAJEURE: "bất khả kháng",
    ExcuseKind.OBJECTIVE_CAUSE: "nguyên nhân khách quan",
    ExcuseKind.APPROVED_INNOVATION: "đề xuất đổi mới sáng tạo được phê duyệt (NĐ 73/2023)",
    ExcuseKind.SUPPORT_NOT_DELIVERED: "cấp trên chưa bảo đảm hỗ trợ",
}


# ------------------------------------------------------------------ finders


def latest_not_achieved(kind: str = "year") -> Finder:
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
                Reason(
                    "the appointment term is not known: whether both years fall in one term "
                    "needs checking",
                    "chưa có thông tin nhiệm kỳ/thời hạn bổ nhiệm: cần xác định hai năm có "
                    "cùng một nhiệm kỳ hay không",
                ),
                Action.REVIEW,
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
        return Found((last,), note)

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
            Reason(
                f"{(share * 100).normalize():f}% low-confidence votes in {last.period}",
                f"{(share * 100).normalize():f}% phiếu tín nhiệm thấp ({last.period})",
            ),
        )

    return find


# --------------------------------------------------------------- exceptions


def force_majeure_exception(history: History, triggers: tuple[Evaluation, ...]) -> Reason | None:
    """Force majeure confirmed for the period, or covering every item that failed."""
    for e in triggers:
        failed = _failed(e)
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


# ------------------------------------------------------------------ presets

_ANY = None
_CADRE = frozenset({Category.CADRE})
_CIVIL = frozenset({Category.CIVIL_SERVANT})

VINH_PHUC_PILOT = ClauseRule(
    name="vinh-phuc-pilot",
    title="Vĩnh Phúc pilot: a head rated not achieved is transferred to other work",
    legal_basis=(
        "Quy định 371-QĐ/TU ngày 22/9/2021 của Ban Thường vụ Tỉnh ủy Vĩnh Phúc (as reported)",
        "Kết luận 198-KL/TW ngày 08/10/2025",
    ),
    clauses=(
        Clause(
            "not-achieved",
            Reason(
                "rated Not achieved in the period: transferred to other work",
                "bị đánh giá không hoàn thành nhiệm vụ: điều chuyển công tác",
            ),
            Action.TRANSFER,
            latest_not_achieved("year"),
        ),
    ),
    assumptions=(
        Reason(
            "the rule is the one reported by the QĐND article ('cán bộ bị đánh giá kém, không "
            "đạt, dứt khoát sẽ bị điều chuyển công tác'); its wording in QĐ 371 is UNCONFIRMED",
            "quy tắc theo bài báo QĐND; nội dung cụ thể trong QĐ 371 chưa xác minh được",
        ),
    ),
)
"""The 2021 pilot as reported: rated Not achieved in the year → TRANSFER."""

LAW_2019 = ClauseRule(
    name="law-2019",
    title="Luật Cán bộ, công chức 2008 as amended by Luật 52/2019/QH14",
    legal_basis=("Luật 52/2019/QH14 (Luật CBCC 2008, Điều 29, 58, 59 as amended)",),
    clauses=(
        Clause(
            "cadre-2-consecutive",
            Reason(
                "a cadre (cán bộ) rated Not achieved 2 consecutive years: removed from post",
                "cán bộ 02 năm liên tiếp không hoàn thành nhiệm vụ: miễn nhiệm, cho thôi làm "
                "nhiệm vụ",
            ),
            Action.REMOVE_FROM_POST,
            consecutive_years(2),
            categories=_CADRE,
            legal_basis="Luật CBCC 2008 (sửa đổi 2019), Điều 29",
        ),
        Clause(
            "civil-servant-2-consecutive",
            Reason(
                "a civil servant rated Not achieved 2 consecutive years: dismissed",
                "công chức 02 năm liên tiếp không hoàn thành nhiệm vụ: cho thôi việc",
            ),
            Action.DISMISS,
            consecutive_years(2),
            categories=_CIVIL,
            legal_basis="Luật CBCC 2008 (sửa đổi 2019), Điều 58, 59",
        ),
        Clause(
            "leader-2-in-term",
            Reason(
                "a leading civil servant rated Not achieved in 2 non-consecutive years of one "
                "appointment term: reassigned or not reappointed",
                "công chức lãnh đạo, quản lý 02 năm không liên tiếp không hoàn thành nhiệm vụ "
                "trong cùng thời hạn bổ nhiệm: bố trí công tác khác hoặc không bổ nhiệm lại",
            ),
            Action.REASSIGN,
            twice_in_term(),
            categories=_CIVIL,
            leaders=True,
            alternatives=(Action.NOT_REAPPOINT,),
            legal_basis="Luật CBCC 2008 (sửa đổi 2019), Điều 58",
        ),
        Clause(
            "non-leader-2-in-3-years",
            Reason(
                "a civil servant who does not lead, rated Not achieved in 2 non-consecutive "
                "years within 3 years: moved to a post of lower requirements",
                "công chức không giữ chức vụ lãnh đạo 02 năm không liên tiếp trong 03 năm không "
                "hoàn thành nhiệm vụ: bố trí vào vị trí việc làm có yêu cầu thấp hơn",
            ),
            Action.LOWER_POST,
            twice_in_years(3),
            categories=_CIVIL,
            leaders=False,
            legal_basis="Luật CBCC 2008 (sửa đổi 2019), Điều 58",
        ),
    ),
)
"""The 2019 law: 2 consecutive years → remove (cán bộ) or dismiss (công chức, bar
Điều 59); 2 non-consecutive in a term → reassign/not reappoint (leaders); 2 in 3 years
→ lower post (others)."""

QD_41_2021 = ClauseRule(
    name="qd-41-2021",
    title="QĐ 41-QĐ/TW (2021): removal from post (miễn nhiệm) and resignation",
    legal_basis=("Quy định 41-QĐ/TW ngày 03/11/2021",),
    clauses=(
        Clause(
            "2-consecutive",
            Reason(
                "rated Not achieved 2 consecutive years: ground for removal from post",
                "02 năm liên tiếp không hoàn thành nhiệm vụ: căn cứ miễn nhiệm",
            ),
            Action.REMOVE_FROM_POST,
            consecutive_years(2),
            leaders=True,
            legal_basis="Quy định 41-QĐ/TW, căn cứ miễn nhiệm (4)",
        ),
        Clause(
            "low-confidence-two-thirds",
            Reason(
                "more than 2/3 low-confidence votes: ground for removal from post",
                "có trên 2/3 số phiếu tín nhiệm thấp: căn cứ miễn nhiệm",
            ),
            Action.REMOVE_FROM_POST,
            low_confidence(Fraction(2, 3)),
            leaders=True,
            mitigable=False,
            legal_basis="Quy định 41-QĐ/TW, căn cứ miễn nhiệm (3)",
        ),
        Clause(
            "low-confidence-half",
            Reason(
                "more than 50% low-confidence votes: ground to consider resignation (từ chức)",
                "có trên 50% số phiếu tín nhiệm thấp: căn cứ xem xét từ chức",
            ),
            Action.REVIEW,
            low_confidence(Fraction(1, 2)),
            leaders=True,
            mitigable=False,
            legal_basis="Quy định 41-QĐ/TW, căn cứ từ chức",
        ),
    ),
)
"""QĐ 41-QĐ/TW, for those holding a leading post: 2 consecutive years Not achieved,
or more than 2/3 low-confidence votes → removal; more than half → consider
resignation. Replaced by QĐ 377 in 2025."""

QD_377_2025 = ClauseRule(
    name="qd-377-2025",
    title="QĐ 377-QĐ/TW (2025): relieving a head of post for the unit's results",
    legal_basis=("Quy định 377-QĐ/TW ngày 08/10/2025",),
    clauses=(
        Clause(
            "unit-below-70-or-basic-missed",
            Reason(
                "the unit the head leads completed under 70% of the year's targets or missed "
                "the basic socio-economic targets: relieved of post",
                "địa phương, cơ quan do mình đứng đầu hoàn thành dưới 70% chỉ tiêu, nhiệm vụ "
                "trong năm hoặc không đạt các chỉ tiêu kinh tế - xã hội cơ bản: cho thôi giữ "
                "chức vụ",
            ),
            Action.RELIEVE_OF_POST,
            unit_below(Fraction(7, 10)),
            leaders=True,
            legal_basis="Quy định 377-QĐ/TW, căn cứ cho thôi giữ chức vụ "
            "(trách nhiệm người đứng đầu)",
        ),
    ),
    exceptions=(force_majeure_exception, under_a_year_in_post),
    assumptions=(
        Reason(
            "when the unit's completion is not given, it is the share of the head's assigned "
            "items completed; the basic targets are the items tagged basic_socio_economic",
            "khi chưa có tỷ lệ hoàn thành của đơn vị, tính theo tỷ lệ chỉ tiêu, nhiệm vụ giao "
            "cho người đứng đầu đã hoàn thành",
        ),
    ),
)
"""QĐ 377-QĐ/TW: under 70% of targets or the basic socio-economic targets missed →
relieve of post, except force majeure or under one year in post."""

ND_335_2025 = ClauseRule(
    name="nd-335-2025",
    title="NĐ 335/2025/NĐ-CP: a civil servant rated not achieved is considered for a lower "
    "post or dismissal",
    legal_basis=("Nghị định 335/2025/NĐ-CP, Điều 23 khoản 3", "Luật CBCC 2025, Điều 27"),
    clauses=(
        Clause(
            "not-achieved",
            Reason(
                "a civil servant rated Not achieved: considered for a lower post or dismissal",
                "công chức không hoàn thành nhiệm vụ: xem xét bố trí vào vị trí việc làm thấp "
                "hơn hoặc cho thôi việc",
            ),
            Action.LOWER_POST,
            latest_not_achieved("year"),
            categories=_CIVIL,
            alternatives=(Action.DISMISS,),
        ),
    ),
)
"""NĐ 335/2025: a civil servant rated Not achieved → consider a lower post (or dismissal)."""

RULES: Mapping[str, TransferRule] = {
    r.name: r for r in (VINH_PHUC_PILOT, LAW_2019, QD_41_2021, QD_377_2025, ND_335_2025)
}
"""Every preset by name."""


# -------------------------------------------------------------- combinators


@attrs.frozen(repr=False)
class _Strongest:
    rules: tuple[TransferRule, ...]

    def __call__(
        self, history: History, context: Context | None = None, /
    ) -> Recommendation | None:
        found = [r for rule in self.rules if (r := rule(history, context)) is not None]
        if not found:
            return None
        best = max(found, key=lambda r: (r.action.severity, -found.index(r)))
        also = best.also + tuple(
            f"{r.rule}:{r.clause.en} → {r.action.value}" for r in found if r is not best
        )
        return attrs.evolve(best, also=also)

    def __repr__(self) -> str:
        return f"strongest({', '.join(map(repr, self.rules))})"


@attrs.frozen(repr=False)
class _First:
    rules: tuple[TransferRule, ...]

    def __call__(
        self, history: History, context: Context | None = None, /
    ) -> Recommendation | None:
        for rule in self.rules:
            result = rule(history, context)
            if result is not None:
                return result
        return None

    def __repr__(self) -> str:
        return f"first_applicable({', '.join(map(repr, self.rules))})"


def strongest(*rules: TransferRule) -> _Strongest:
    """The strongest action any of ``rules`` recommends (the first on ties)."""
    return _Strongest(tuple(rules))


def first_applicable(*rules: TransferRule) -> _First:
    """The recommendation of the first of ``rules`` that recommends anything."""
    return _First(tuple(rules))


def histories_of(cohort: Cohort, scheme: Scheme) -> tuple[History, ...]:
    """Score every dossier of ``cohort`` and gather each assignee's history.

    The cohort may hold several periods (2021, 2022, 2023, ...) of the same
    people; each history takes its cadre's category, post date and term from
    the cadres listed in the cohort or its dossiers.

    Raises:
        KhoanError: A dossier cannot be scored, or a cadre has two
            evaluations for the same period.

    """
    cadres = {c.id: c for c in cohort.cadres}
    for dossier in cohort.dossiers:
        cadres.update({c.id: c for c in dossier.cadres})
    by_assignee: dict[str, list[Evaluation]] = {}
    for dossier in cohort.dossiers:
        e = evaluate_dossier(dossier, scheme=scheme, cohort=cohort)
        by_assignee.setdefault(e.assignee, []).append(e)
    out = []
    for assignee in sorted(by_assignee):
        cadre = cadres.get(assignee)
        evaluations = by_assignee[assignee]
        out.append(
            History.of(cadre, evaluations) if cadre else History(assignee, tuple(evaluations))
        )
    return tuple(out)


def recommend(
    histories: Iterable[History], rule: TransferRule, context: Context | None = None
) -> tuple[Recommendation, ...]:
    """Apply ``rule`` to every history; strongest actions first, then by cadre id.

    The order of ``histories`` never changes the result.
    """
    found = [r for h in histories if (r := rule(h, context)) is not None]
    return tuple(sorted(found, key=_order))


def _order(r: Recommendation) -> tuple[object, ...]:
    """Strongest first, then by cadre, rule, clause and the periods it rests on.

    The whole recommendation's repr settles any remaining tie, so two
    histories of one cadre (two concurrent posts) come out in the same order
    whatever order they were given in.
    """
    periods = tuple((t.period, t.assignment) for t in r.triggered_by)
    return (-r.action.severity, r.cadre, r.rule, r.clause.en, periods, repr(r))
