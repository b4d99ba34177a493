"""What a consequence rule recommends, with its triggers, mitigations and basis."""

from __future__ import annotations

import datetime as dt

import attrs

from khoan._base.display import html_table
from khoan._base.findings import Reason
from khoan._base.rating import Rating
from khoan._consequences.actions import Action, Step
from khoan._evaluation.evaluation import Evaluation
from khoan._facts.report import ExcuseKind
from khoan.exceptions import InvalidValue

__all__ = ["DueStep", "Mitigation", "Recommendation", "Trigger"]


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

    ``kind`` is the kind of excuse (force majeure, objective cause, support
    pledged and not delivered, ...); ``effect`` says whether it changed the action.
    """

    kind: ExcuseKind = attrs.field(converter=ExcuseKind, kw_only=False)
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

    # -- notebook display (issue 13). No short __repr__: consequences._order breaks
    # the last ties by the full repr, so it must stay complete. --

    def _repr_html_(self) -> str:
        rows = [(t.period, t.assignment, t.rating.name, t.score) for t in self.triggered_by]
        notes = [
            f"clause: {self.clause.en}",
            f"legal basis: {'; '.join(self.legal_basis)}",
            *(f"mitigation ({m.period}): {m.reason.en} → {m.effect.en}" for m in self.mitigations),
            *(f"due: {d.step.value}{f' by {d.due}' if d.due else ''}" for d in self.due_process),
        ]
        return html_table(
            caption=f"{self.cadre} under {self.rule}: {self.action.value}",
            header=("period", "assignment", "rating", "score"),
            rows=rows,
            notes=notes,
        )
