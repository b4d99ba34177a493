"""What a consequence rule recommends, with its triggers, mitigations and basis."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from khoan._base.display import html_table
from khoan._base.findings import Reason
from khoan._base.rating import Rating
from khoan._consequences.actions import Action, Step
from khoan._evaluation.evaluation import Evaluation
from khoan._facts.report import ExcuseKind
from khoan._schemes.readings import Reading
from khoan.exceptions import InvalidValue

__all__ = [
    "US_SAFEGUARDS_LABEL",
    "DueStep",
    "Mitigation",
    "NoRecommendation",
    "Recommendation",
    "SchemeBasis",
    "Trigger",
]

US_SAFEGUARDS_LABEL = Reason(
    "recommended safeguards, modelled on 5 U.S.C. 4303 and 5 CFR 432.104 (United States); "
    "not prescribed by Vietnamese law",
    "biện pháp bảo đảm khuyến nghị, mô phỏng theo 5 U.S.C. 4303 và 5 CFR 432.104 (Hoa Kỳ); "
    "pháp luật Việt Nam không quy định",
)
"""The label of the safeguards modelled on US federal law: good practice, not Vietnamese law."""


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
class SchemeBasis:
    """A scheme behind the ratings a recommendation read: its sources, assumptions, readings.

    Args:
        scheme: The scheme's name; ``version`` its version.
        legal_basis: The scheme's sources.
        assumptions: What the scheme assumes where its sources are silent.
        readings: khoan's readings the scheme used (fall-through, quota, ...).

    """

    scheme: str = attrs.field(kw_only=False)
    version: str
    legal_basis: tuple[str, ...]
    assumptions: tuple[Reason, ...] = ()
    readings: tuple[Reading, ...] = ()

    @classmethod
    def of(cls, evaluations: Iterable[Evaluation]) -> tuple[SchemeBasis, ...]:
        """One record per scheme and version of ``evaluations``, sorted, each listed once."""
        seen: dict[tuple[str, str], list[Evaluation]] = {}
        for e in evaluations:
            seen.setdefault((e.scheme, e.scheme_version), []).append(e)
        out = []
        for (scheme, version), group in sorted(seen.items()):
            basis = tuple(dict.fromkeys(b for e in group for b in e.legal_basis))
            assumptions = tuple(dict.fromkeys(a for e in group for a in e.assumptions))
            readings = tuple(dict.fromkeys(r for e in group for r in e.readings))
            out.append(
                cls(
                    scheme,
                    version=version,
                    legal_basis=basis,
                    assumptions=assumptions,
                    readings=readings,
                )
            )
        return tuple(out)


@attrs.frozen(kw_only=True)
class DueStep:
    """A recommended safeguard step not yet recorded as done, with its date when one is set.

    The steps are good practice a rule may be configured with, never an
    obligation of the Vietnamese sources (see :data:`US_SAFEGUARDS_LABEL`).
    """

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
        due_process: Recommended safeguard steps not yet recorded as done, with
            dates; empty unless the rule is configured with safeguards (the
            Vietnamese presets are not: no Vietnamese source prescribes them).
        also: Other rules or clauses that applied with a lighter action.
        rule_title: The rule's title.
        assumptions: Every assumption of the rule (what it supplies where its
            sources are silent, or reads in its own way).
        schemes: The scheme(s) behind the ratings the clause read, each with its
            sources, assumptions and readings.
        safeguards_label: What the safeguards in ``due_process`` are and where
            they come from (None when there are none).

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
    rule_title: str = ""
    assumptions: tuple[Reason, ...] = ()
    schemes: tuple[SchemeBasis, ...] = ()
    safeguards_label: Reason | None = None

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
        if self.rule_title:
            lines.insert(1, ("Quy tắc: " if vi else "Rule: ") + self.rule_title)
        if self.assumptions:
            lines.append("Giả định của quy tắc:" if vi else "Assumptions of the rule:")
            lines.extend(f"  - {t(a)}" for a in self.assumptions)
        for basis in self.schemes:
            lines.append(
                f"Cách chấm {basis.scheme} ({basis.version}) của các kết quả nêu dưới đây:"
                if vi else
                f"Scheme {basis.scheme} ({basis.version}) behind the ratings below:"
            )  # fmt: skip
            lines.append(
                ("  Văn bản: " if vi else "  Legal basis: ") + "; ".join(basis.legal_basis)
            )
            lines.extend(
                ("  Giả định: " if vi else "  Assumption: ") + t(a) for a in basis.assumptions
            )
            lines.extend(
                ("  Cách đọc " if vi else "  Reading ") + f"{r.topic} = {r.choice}: {t(r.reason)}"
                for r in basis.readings
            )
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
            label = t(self.safeguards_label) if self.safeguards_label else ""
            lines.append(
                f"Biện pháp bảo đảm khuyến nghị, chưa ghi nhận đã thực hiện ({label}):"
                if vi else
                f"Recommended safeguards not yet recorded as done ({label}):"
            )  # fmt: skip
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
            *(f"assumption: {a.en}" for a in self.assumptions),
            *(
                f"scheme {b.scheme}: assumption: {a.en}"
                for b in self.schemes
                for a in b.assumptions
            ),
            *(
                f"scheme {b.scheme}: reading {r.topic} = {r.choice}: {r.reason.en}"
                for b in self.schemes
                for r in b.readings
            ),
            *(
                f"safeguard (not prescribed by Vietnamese law): {d.step.value}"
                f"{f' by {d.due}' if d.due else ''}"
                for d in self.due_process
            ),
        ]
        return html_table(
            caption=f"{self.cadre} under {self.rule}: {self.action.value}",
            header=("period", "assignment", "rating", "score"),
            rows=rows,
            notes=notes,
        )


@attrs.frozen(kw_only=True)
class NoRecommendation:
    """Why a rule recommends nothing for a cadre rated Not achieved: silence explained.

    Args:
        cadre: The cadre's id.
        rule: The rule's name.
        not_achieved: The periods the cadre was rated Not achieved in.
        reasons: Why each clause of the rule does not apply (its category,
            leading post, or a condition the history does not meet).

    """

    cadre: str = attrs.field(kw_only=False)
    rule: str
    not_achieved: tuple[str, ...]
    reasons: tuple[Reason, ...]

    def explain(self, lang: str = "vi") -> str:
        """The record as text, in Vietnamese or English."""
        if lang not in ("vi", "en"):
            raise InvalidValue("lang", lang, "'vi' or 'en'")
        vi = lang == "vi"
        periods = ", ".join(self.not_achieved)
        lines = [
            f"Không có đề xuất đối với {self.cadre} theo {self.rule} (không hoàn thành nhiệm vụ: "
            f"{periods}), vì:"
            if vi else
            f"No recommendation for {self.cadre} under {self.rule} (Not achieved: {periods}), "
            "because:"
        ]  # fmt: skip
        lines.extend(f"  - {r.text(lang)}" for r in self.reasons)
        return "\n".join(lines)
