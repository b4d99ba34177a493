"""A head rated no higher than the collective they lead (HD 21-HD/BTCTW)."""

from __future__ import annotations

from khoan._base.findings import Finding, FindingKind, Reason
from khoan._cohort.quota import Move
from khoan._evaluation.evaluation import Evaluation
from khoan.exceptions import InvalidValue

__all__ = ["cap_by_collective"]


def cap_by_collective(head: Evaluation, collective: Evaluation) -> tuple[Evaluation, Move | None]:
    """Rate a head no higher than the collective they lead.

    Returns the head's evaluation (unchanged when not above the collective,
    or when either is not rated at all) and the move, if one was made.

    Raises:
        InvalidValue: The two evaluations cover different periods.

    References:
        HD 21-HD/BTCTW (2019): "Mức xếp loại của người đứng đầu không được
        cao hơn mức xếp loại của tập thể … do mình đứng đầu"; carried into
        QĐ 124-QĐ/TW practice (exact wording there UNCONFIRMED).

    """
    if head.period != collective.period:
        raise InvalidValue(
            "collective.period",
            str(collective.period),
            f"the head's period {head.period} (a head is capped by the same period's rating)",
        )
    if head.rating <= collective.rating or not (head.rated and collective.rated):
        return head, None
    why = Reason(
        f"a head is rated no higher than the collective led ({collective.assignee}: "
        f"{collective.rating.name})",
        f"người đứng đầu không được xếp loại cao hơn tập thể do mình đứng đầu "
        f"({collective.assignee}: {collective.rating.vietnamese})",
    )
    finding = Finding(
        FindingKind.COLLECTIVE,
        before=head.rating,
        after=collective.rating,
        clause=f"{head.scheme}/collective",
        reason=why,
        basis="HD 21-HD/BTCTW (2019)",
    )
    move = Move(
        head.assignment,
        assignee=head.assignee,
        before=head.rating,
        after=collective.rating,
        reason=why,
    )
    return head.with_rating(collective.rating, finding), move
