"""A cadre's history of evaluations, and the recommendation a rule draws from it."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable

import attrs

from khoan._base.convert import to_bool, to_enum, to_id, to_optional_date, to_tuple_of
from khoan._base.fact import fact
from khoan._base.findings import Reason
from khoan._base.rating import Rating
from khoan._evaluation.evaluate import Evaluation
from khoan._facts.org import Cadre, Category, Term, optional_term
from khoan.exceptions import DuplicateId, InvalidValue

__all__ = [
    "Action",
    "DueStep",
    "History",
    "Mitigation",
    "Recommendation",
    "Step",
    "Trigger",
]


class Action(enum.Enum):
    """What a rule recommends, from no action to dismissal.

    ``severity`` orders them for "the strongest of several rules" and for the
    law that a worse history never gets a lighter action. The order is this
    library's reading of how far each moves a cadre from their post.
    """

    NONE = "none"  #: a clause was met but an exception applies; recorded for the file
    REVIEW = "review"  #: xem xét: a competent body must look before anything happens
    REASSIGN = "reassign"  #: bố trí công tác khác
    TRANSFER = "transfer"  #: điều chuyển công tác
    NOT_REAPPOINT = "not_reappoint"  #: không bổ nhiệm lại
    LOWER_POST = "lower_post"  #: bố trí vào vị trí việc làm thấp hơn
    RELIEVE_OF_POST = "relieve_of_post"  #: cho thôi giữ chức vụ
    REMOVE_FROM_POST = "remove_from_post"  #: miễn nhiệm, cho thôi làm nhiệm vụ
    DISMISS = "dismiss"  #: cho thôi việc

    @property
    def severity(self) -> int:
        """0 for NONE up to 8 for DISMISS."""
        return list(Action).index(self)

    @property
    def vietnamese(self) -> str:
        """The action as Vietnamese documents name it."""
        return _ACTION_VI[self]


_ACTION_VI = {
    Action.NONE: "không áp dụng biện pháp",
    Action.REVIEW: "xem xét",
    Action.REASSIGN: "bố trí công tác khác",
    Action.TRANSFER: "điều chuyển công tác",
    Action.NOT_REAPPOINT: "không bổ nhiệm lại",
    Action.LOWER_POST: "bố trí vào vị trí việc làm thấp hơn",
    Action.RELIEVE_OF_POST: "cho thôi giữ chức vụ",
    Action.REMOVE_FROM_POST: "miễn nhiệm",
    Action.DISMISS: "cho thôi việc",
}


class Step(enum.Enum):
    """A due-process step owed before an adverse action takes effect.

    Modelled on the US federal sequence (5 U.S.C. 4303; 5 CFR 432.104):
    notice of what failed and the standard to reach, an opportunity to
    improve with assistance, a reply, a decision concurred in by a higher
    level, appeal, and the record cleared after a later acceptable period.
    The Vietnamese sources do not prescribe these steps; rules make them
    configurable.
    """

    WRITTEN_NOTICE = "written_notice"  #: thông báo bằng văn bản những việc không đạt
    IMPROVEMENT_PERIOD = "improvement_period"  #: thời gian khắc phục, có hỗ trợ
    REPLY = "reply"  #: cán bộ giải trình
    HIGHER_SIGN_OFF = "higher_sign_off"  #: cấp trên trực tiếp cho ý kiến
    APPEAL = "appeal"  #: khiếu nại
    RECORD_CLEARED = "record_cleared"  #: xóa ghi nhận sau kỳ đánh giá tốt

    @property
    def vietnamese(self) -> str:
        """The step in Vietnamese."""
        return _STEP_VI[self]


_STEP_VI = {
    Step.WRITTEN_NOTICE: "thông báo bằng văn bản những chỉ tiêu, nhiệm vụ không đạt và yêu cầu",
    Step.IMPROVEMENT_PERIOD: "thời gian khắc phục, có hỗ trợ của cấp trên",
    Step.REPLY: "cán bộ giải trình, tự bảo vệ",
    Step.HIGHER_SIGN_OFF: "cấp trên trực tiếp thẩm định, cho ý kiến",
    Step.APPEAL: "quyền khiếu nại",
    Step.RECORD_CLEARED: "xóa ghi nhận nếu kỳ sau đạt yêu cầu",
}


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


@attrs.frozen(kw_only=True)
class Trigger:
    """An evaluation a recommendation rests on."""

    assignment: str = attrs.field(kw_only=False)
    period: str
    rating: Rating
    score: str

    @classmethod
    def of(cls, e: Evaluation) -> Trigger:
        """The trigger record of an evaluation."""
        return cls(e.assignment, period=str(e.period), rating=e.rating, score=str(e.score))


@attrs.frozen(kw_only=True)
class Mitigation:
    """A reason for leniency that the rule considered, and what it did with it.

    ``kind`` is an :class:`~khoan.ExcuseKind` value or ``"support_not_delivered"``;
    ``effect`` says whether it changed the action.
    """

    kind: str = attrs.field(kw_only=False)
    period: str
    reason: Reason
    effect: Reason


@attrs.frozen(kw_only=True)
class DueStep:
    """A due-process step still owed, with its due date when the rule sets one."""

    step: Step = attrs.field(kw_only=False)
    due: dt.date | None
    note: str = ""


@attrs.frozen(kw_only=True)
class Recommendation:
    """What a rule recommends for one cadre, and everything it rests on.

    Args:
        cadre: The cadre's id.
        action: The recommended action, after mitigation.
        automatic_action: The action the clause prescribes before mitigation.
        rule: The rule's name; ``clause`` which of its clauses applied.
        legal_basis: The documents and articles behind the clause.
        triggered_by: The evaluations the clause rests on.
        alternatives: Other actions the source allows in the same case.
        mitigations: Every excuse or undelivered support considered.
        exceptions: Exceptions of the source that applied (then the action
            is :attr:`Action.NONE`, or REVIEW for a deferred dismissal).
        notes: What the clause found and how (e.g. a completion share it derived).
        due_process: Steps still owed, with due dates.
        also: Other rules or clauses that applied with a lighter action.

    """

    cadre: str = attrs.field(kw_only=False)
    action: Action
    automatic_action: Action
    rule: str
    clause: Reason
    legal_basis: tuple[str, ...]
    triggered_by: tuple[Trigger, ...]
    alternatives: tuple[Action, ...] = ()
    mitigations: tuple[Mitigation, ...] = ()
    exceptions: tuple[Reason, ...] = ()
    notes: tuple[Reason, ...] = ()
    due_process: tuple[DueStep, ...] = ()
    also: tuple[str, ...] = ()

    @property
    def adverse(self) -> bool:
        """Whether the action moves the cadre (anything beyond NONE and REVIEW)."""
        return self.action.severity > Action.REVIEW.severity

    def explain(self, lang: str = "vi") -> str:
        """The recommendation as text for the file, in Vietnamese or English."""
        if lang not in ("vi", "en"):
            raise InvalidValue("lang", lang, "'vi' or 'en'")
        vi = lang == "vi"

        def t(reason: Reason) -> str:
            return reason.text(lang)

        def act(action: Action) -> str:
            return action.vietnamese if vi else action.value.replace("_", " ")

        lines = [
            (f"Đề xuất đối với {self.cadre} theo {self.rule}: " if vi
             else f"Recommendation for {self.cadre} under {self.rule}: ") + act(self.action),
            ("Căn cứ: " if vi else "Clause: ") + t(self.clause),
            ("Văn bản: " if vi else "Legal basis: ") + "; ".join(self.legal_basis),
        ]  # fmt: skip
        if self.triggered_by:
            lines.append("Kết quả đánh giá liên quan:" if vi else "Rests on:")
            for trig in self.triggered_by:
                rating = trig.rating.vietnamese if vi else trig.rating.name
                lines.append(f"  - {trig.period}: {rating} ({trig.score}) [{trig.assignment}]")
        if self.alternatives:
            words = ", ".join(act(a) for a in self.alternatives)
            lines.append(("Hoặc: " if vi else "Or: ") + words)
        for note in self.notes:
            lines.append(("Ghi chú: " if vi else "Note: ") + t(note))
        for exc in self.exceptions:
            lines.append(("Ngoại lệ: " if vi else "Exception: ") + t(exc))
        if self.mitigations:
            lines.append("Tình tiết được xem xét:" if vi else "Mitigations considered:")
            for m in self.mitigations:
                lines.append(f"  - {m.period}: {t(m.reason)} → {t(m.effect)}")
        if self.action is not self.automatic_action:
            lines.append(
                f"Biện pháp theo quy định ({act(self.automatic_action)}) chuyển thành "
                 f"{act(self.action)}." if vi else
                 f"The clause's action ({act(self.automatic_action)}) became {act(self.action)}."
            )  # fmt: skip
        if self.due_process:
            lines.append("Các bước còn phải thực hiện:" if vi else "Due process still owed:")
            for step in self.due_process:
                name = step.step.vietnamese if vi else step.step.value.replace("_", " ")
                word = (
                    ("từ" if vi else "from")
                    if step.step is Step.RECORD_CLEARED
                    else ("hạn" if vi else "by")
                )
                due = f" ({word} {step.due.isoformat()})" if step.due else ""
                lines.append(f"  - {name}{due}")
        if self.also:
            lines.append(("Cũng áp dụng: " if vi else "Also applied: ") + "; ".join(self.also))
        return "\n".join(lines)
