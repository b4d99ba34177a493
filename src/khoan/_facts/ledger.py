"""The support ledger: the issuer's pledges set against what was delivered.

The seed article: the upper level and functional bodies "có trách nhiệm đồng
hành, hỗ trợ về nguồn lực, cơ chế, chính sách, điều kiện" -- support is an
obligation, recorded and checked like the tasks ("không khoán trắng").
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence

import attrs

from khoan._base.findings import Reason
from khoan._facts.assignment import Assignment, Delivery, Support

__all__ = ["LedgerEntry", "SupportStatus", "overdue_supports", "support_ledger"]


class SupportStatus(enum.Enum):
    """Where a pledge of support stands on a date."""

    DELIVERED = "delivered"  #: đã bảo đảm đúng hạn
    DELIVERED_LATE = "delivered_late"  #: đã bảo đảm nhưng chậm
    PENDING = "pending"  #: chưa đến hạn
    OVERDUE = "overdue"  #: quá hạn chưa bảo đảm
    NO_LEDGER = "no_ledger"  #: không theo dõi

    @property
    def vietnamese(self) -> str:
        """The status in Vietnamese."""
        return _SUPPORT_VI[self]


_SUPPORT_VI = {
    SupportStatus.DELIVERED: "đã bảo đảm đúng hạn",
    SupportStatus.DELIVERED_LATE: "đã bảo đảm nhưng chậm",
    SupportStatus.PENDING: "chưa đến hạn",
    SupportStatus.OVERDUE: "quá hạn chưa bảo đảm",
    SupportStatus.NO_LEDGER: "không có sổ theo dõi",
}


@attrs.frozen(kw_only=True)
class LedgerEntry:
    """One pledge of support set against its deliveries, on a date."""

    support: str = attrs.field(kw_only=False)
    kind: str
    provider: str
    due: dt.date | None
    delivered_on: dt.date | None
    status: SupportStatus
    reasons: tuple[Reason, ...] = ()


# ------------------------------------------------------------ support ledger


def support_ledger(
    assignment: Assignment, deliveries: Sequence[Delivery] | None, as_of: dt.date
) -> tuple[LedgerEntry, ...]:
    """Each pledge of support against what was delivered by ``as_of``.

    With ``deliveries=None`` no ledger is kept and every pledge says so; an
    empty list means a ledger is kept and nothing was delivered. A pledge
    without a due date is due by the end of the assignment's period.

    References:
        The seed article: the upper level and functional bodies "có trách
        nhiệm đồng hành, hỗ trợ về nguồn lực, cơ chế, chính sách, điều kiện"
        -- support is an obligation, recorded and checked like the tasks.

    """
    end = assignment.period.end
    return tuple(_entry(support, deliveries, as_of, end) for support in assignment.supports)


def _entry(
    support: Support, deliveries: Sequence[Delivery] | None, as_of: dt.date, end: dt.date
) -> LedgerEntry:
    def entry(status: SupportStatus, delivered: dt.date | None, why: Reason) -> LedgerEntry:
        return LedgerEntry(
            support.id,
            kind=support.kind.value,
            provider=support.provider,
            due=support.due,
            delivered_on=delivered,
            status=status,
            reasons=(why,),
        )

    if deliveries is None:
        return entry(
            SupportStatus.NO_LEDGER,
            None,
            Reason("no support ledger is kept", "không có sổ theo dõi việc bảo đảm hỗ trợ"),
        )
    done = sorted(
        d.on for d in deliveries if d.support == support.id and d.complete and d.on <= as_of
    )
    if done:
        on = done[0]
        late = support.due is not None and on > support.due
        return entry(
            SupportStatus.DELIVERED_LATE if late else SupportStatus.DELIVERED,
            on,
            Reason(
                f"delivered {on}" + (f", due {support.due}" if support.due else ""),
                f"đã bảo đảm ngày {on}" + (f", hạn {support.due}" if support.due else ""),
            ),
        )
    due = support.due if support.due is not None else end  # no date: by the period's end
    if due < as_of:
        days = (as_of - due).days
        return entry(
            SupportStatus.OVERDUE,
            None,
            Reason(
                f"due {due}, not delivered {days} days later: flagged to the issuer",
                f"hạn {due}, đã quá {days} ngày chưa bảo đảm: báo cáo cấp giao nhiệm vụ",
            ),
        )
    return entry(
        SupportStatus.PENDING,
        None,
        Reason(
            f"not yet due ({support.due})" if support.due else "no due date set; not delivered yet",
            f"chưa đến hạn ({support.due})"
            if support.due
            else "chưa quy định thời hạn; chưa bảo đảm",
        ),
    )


def overdue_supports(ledger: Iterable[LedgerEntry]) -> tuple[str, ...]:
    """The ids of the pledges overdue: what :class:`khoan.Circumstances` reads as mitigation."""
    return tuple(e.support for e in ledger if e.status is SupportStatus.OVERDUE)
