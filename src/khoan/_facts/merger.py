"""Carrying an assignment over when its unit is merged into another mid-period."""

from __future__ import annotations

import datetime as dt

import attrs

from khoan._facts.assignment import Assignee, AssigneeKind, CarryOver
from khoan._facts.dossier import Dossier
from khoan._facts.org import OrgChart
from khoan.exceptions import InvalidValue

__all__ = ["carry_over"]


def carry_over(dossier: Dossier, chart: OrgChart | None = None) -> Dossier:
    """Move a dossier's assignment onto the successors of merged units.

    When the issuer, or the unit assigned as a collective, was merged into
    another unit before the period ended, the assignment carries over to the
    successor with everything recorded so far (inspections, report, scores);
    ``assignment.carried_over`` records each merger, and every evaluation of
    the dossier says so. A cadre assigned personally keeps the assignment:
    their post's unit is in the cadre record, which the caller updates.

    Args:
        dossier: The dossier to carry over.
        chart: The org chart with ``merged_into``/``merged_on``; the
            dossier's own chart by default.

    Raises:
        InvalidValue: No org chart is known.

    References:
        The 2025 reorganisation: Vĩnh Phúc and Hòa Bình merged into Phú Thọ
        (mid-2025), the district level abolished, communes merged.

    """
    chart = chart or dossier.org_chart
    if chart is None:
        raise InvalidValue("org_chart", None, "an org chart with the mergers")
    a = dossier.assignment
    end = a.period.end
    carried = list(a.carried_over)
    issuer = _follow(chart, a.issuer, end, carried)
    assignee = a.assignee
    if assignee.kind is AssigneeKind.UNIT:
        assignee = Assignee.unit(_follow(chart, assignee.id, end, carried))
    if len(carried) == len(a.carried_over):
        return dossier
    assignment = attrs.evolve(a, issuer=issuer, assignee=assignee, carried_over=tuple(carried))
    return attrs.evolve(dossier, assignment=assignment)


def _follow(chart: OrgChart, unit_id: str, end: dt.date, carried: list[CarryOver]) -> str:
    if unit_id not in chart:
        return unit_id
    unit = chart[unit_id]
    while unit.merged_into is not None and unit.merged_on is not None and unit.merged_on <= end:
        carried.append(CarryOver(unit.id, successor=unit.merged_into, on=unit.merged_on))
        unit = chart[unit.merged_into]
    return unit.id
