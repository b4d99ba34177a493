"""Apply a council's :class:`~khoan.Override` to an evaluation (issue 11, item 6)."""

from __future__ import annotations

import attrs

from khoan._base.findings import Finding, FindingKind, Reason
from khoan._evaluation.evaluation import Evaluation
from khoan._facts.override import Override
from khoan.exceptions import InvalidValue

__all__ = ["override"]


def override(evaluation: Evaluation, change: Override, /) -> Evaluation:
    """The evaluation as the competent body decided it: ``change`` applied and kept.

    The rating becomes ``change.after``; the computed evaluation is otherwise
    unchanged, and the override is kept (``Evaluation.override``) with a
    finding of kind ``override`` that the explanation prints. A referred
    evaluation is decided by its override (it is no longer referred).

    >>> import datetime
    >>> from khoan import Override, evaluate_dossier, io
    >>> from khoan.schemes import PRESETS
    >>> e = evaluate_dossier(io.load_example("nguyet-duc-2022"), scheme=PRESETS["vinh-phuc-2021"])
    >>> decided = override(e, Override(by="Ban Thường vụ", on=datetime.date(2022, 12, 28),
    ...     reason="kết quả xác minh", legal_basis=["Biên bản số 12"], before=e.rating,
    ...     after="good"))
    >>> decided.rating.name, decided.override.by, decided.score == e.score
    ('GOOD', 'Ban Thường vụ', True)

    Args:
        evaluation: The evaluation as computed.
        change: The decision.

    Raises:
        InvalidValue: The evaluation is not rated at all (eligibility),
            ``change.before`` is not the evaluation's rating, the
            change changes nothing (unless it decides a referral), or the
            evaluation was already overridden (record a later decision as a
            new override of the computed evaluation).

    """
    if not isinstance(evaluation, Evaluation):
        raise InvalidValue("evaluation", evaluation, "an Evaluation")
    if not isinstance(change, Override):
        raise InvalidValue("change", change, "a khoan.Override")
    if not evaluation.rated:
        raise InvalidValue(
            "evaluation.rated",
            False,
            "a rated evaluation: not being rated (e.g. under 6 months worked, NĐ 90 Điều 2 k3"
            " as amended by NĐ 48) is eligibility, not a rating a council changes",
        )
    if evaluation.override is not None:
        raise InvalidValue(
            "evaluation.override",
            evaluation.override.on,
            "an evaluation not yet overridden: apply a later decision to the computed one",
        )
    if change.before is not evaluation.rating:
        raise InvalidValue(
            "change.before",
            change.before.value,
            f"the evaluation's rating, {evaluation.rating.value}",
        )
    if change.after is change.before and not evaluation.referred:
        raise InvalidValue(
            "change.after", change.after.value, "a rating other than the computed one"
        )
    day = change.on.strftime("%d/%m/%Y")
    basis = "; ".join(b for b in change.legal_basis if b.strip())
    finding = Finding(
        FindingKind.OVERRIDE,
        before=change.before,
        after=change.after,
        reason=Reason(
            f"decided by {change.by} on {change.on.isoformat()}: {change.reason} (basis: {basis})",
            f"do {change.by} quyết định ngày {day}: {change.reason} (căn cứ: {basis})",
        ),
        basis=basis,
        clause="override",
    )
    return attrs.evolve(
        evaluation,
        rating=change.after,
        override=change,
        findings=(*evaluation.findings, finding),
    )
