"""Dossier and Cohort: all the facts about one assignment, or many, checked together.

Past ~400 lines because the cross-fact checks of a dossier (references, councils,
conflicts of interest, dates) belong with the class they check.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence

import attrs

from khoan._base.collect import collect
from khoan._base.convert import to_optional_of, to_text, to_tuple_of
from khoan._base.fact import fact
from khoan._base.paths import key_path
from khoan._facts.assignment import Assignee, AssigneeKind, Assignment, Delivery
from khoan._facts.circumstances import Circumstances
from khoan._facts.council import Council, Scoresheet
from khoan._facts.inspection import Inspection
from khoan._facts.items import Indicator, Task
from khoan._facts.org import Cadre, OrgChart
from khoan._facts.report import ExcuseKind, Report
from khoan.exceptions import (
    ConflictOfInterest,
    DuplicateId,
    FieldError,
    InvalidHierarchy,
    InvalidValue,
    OutOfPeriod,
    OutOfRange,
    UnknownReference,
)

__all__ = ["Cohort", "Dossier", "check_dossier"]


def _optional_chart(value: object) -> OrgChart | None:
    return to_optional_of(OrgChart, value, "an OrgChart or None")


def _optional_report(value: object) -> Report | None:
    return to_optional_of(Report, value, "a Report or None")


def _optional_council(value: object) -> Council | None:
    return to_optional_of(Council, value, "a Council or None")


def _optional_circumstances(value: object) -> Circumstances | None:
    return to_optional_of(Circumstances, value, "Circumstances or None")


def _optional_deliveries(value: object) -> tuple[Delivery, ...] | None:
    return None if value is None else to_tuple_of(Delivery, value)


def _assignment(value: object) -> Assignment:
    if not isinstance(value, Assignment):
        raise InvalidValue("", value, "an Assignment")
    return value


def _cadres(value: object) -> tuple[Cadre, ...]:
    return to_tuple_of(Cadre, value)


def _inspections(value: object) -> tuple[Inspection, ...]:
    return to_tuple_of(Inspection, value)


def _scoresheets(value: object) -> tuple[Scoresheet, ...]:
    return to_tuple_of(Scoresheet, value)


def _dossiers(value: object) -> tuple[Dossier, ...]:
    return to_tuple_of(Dossier, value)


@fact
@attrs.frozen
class Dossier:
    """Everything about one assignment: who, what, progress, results, scores.

    Constructing a dossier checks the facts against each other; the checks
    that need the org chart (``org_chart``, or the cohort's) run only when
    one is known.

    Args:
        assignment: The assignment decision.
        cadres: The people involved (at least the assignee, when a person).
        org_chart: Units, when known; enables the "cấp trên một cấp" check.
        inspections: Quarterly or ad hoc inspections during the period.
        report: The assignee's results report, once submitted.
        council: The advisory council, once formed.
        scoresheets: One per council member who scored.
        circumstances: Discipline, the unit's results, confidence votes and
            undelivered support in the period, when known.
        deliveries: The support ledger: what of the pledged support was
            delivered and when. None means no ledger is kept; an empty list
            means a ledger is kept and nothing was delivered.
        title: Free text naming the dossier.
        description: Free text: sources, caveats (e.g. "figures are illustrative").

    Raises:
        UnknownReference: An outcome, observation, points, excuse or member
            names something that is not there.
        OutOfRange: Points outside ``[0, item weight]`` or ``[0, criterion maximum]``.
        InvalidHierarchy: The issuer is not the unit directly above the assignee's.
        ConflictOfInterest: A council member scores their own assignment.
        InvalidDocument: Several of these at once.

    """

    assignment: Assignment = attrs.field(converter=_assignment)
    cadres: tuple[Cadre, ...] = attrs.field(default=(), converter=_cadres, kw_only=True)
    org_chart: OrgChart | None = attrs.field(default=None, converter=_optional_chart, kw_only=True)
    inspections: tuple[Inspection, ...] = attrs.field(
        default=(), converter=_inspections, kw_only=True
    )
    report: Report | None = attrs.field(default=None, converter=_optional_report, kw_only=True)
    council: Council | None = attrs.field(default=None, converter=_optional_council, kw_only=True)
    scoresheets: tuple[Scoresheet, ...] = attrs.field(
        default=(), converter=_scoresheets, kw_only=True
    )
    circumstances: Circumstances | None = attrs.field(
        default=None, converter=_optional_circumstances, kw_only=True
    )
    deliveries: tuple[Delivery, ...] | None = attrs.field(
        default=None, converter=_optional_deliveries, kw_only=True
    )
    title: str = attrs.field(default="", converter=to_text, kw_only=True)
    description: str = attrs.field(default="", converter=to_text, kw_only=True)

    def __attrs_post_init__(self) -> None:
        collect(check_dossier(self), f"dossier {self.assignment.id!r}")

    def cadre(self, cadre_id: str) -> Cadre | None:
        """The cadre with id ``cadre_id`` in this dossier, or None."""
        return next((c for c in self.cadres if c.id == cadre_id), None)

    @property
    def assignee_cadre(self) -> Cadre | None:
        """The assignee, when the assignment is to a person listed here."""
        assignee = self.assignment.assignee
        return self.cadre(assignee.id) if assignee.kind is AssigneeKind.CADRE else None


def _assignee_unit(assignee: Assignee, people: Mapping[str, Cadre]) -> str | None:
    if assignee.kind is AssigneeKind.UNIT:
        return assignee.id
    cadre = people.get(assignee.id)
    return None if cadre is None else cadre.unit


def check_dossier(
    dossier: Dossier, chart: OrgChart | None = None, cadres: Mapping[str, Cadre] | None = None
) -> list[FieldError]:
    """Return every cross-fact problem in ``dossier``; an empty list when sound.

    Args:
        dossier: The dossier to check.
        chart: An org chart to use when the dossier has none (a cohort's).
        cadres: More cadres to look people up in, by id (a cohort's).

    """
    errors: list[FieldError] = []
    a = dossier.assignment
    chart = dossier.org_chart or chart
    people = {**(cadres or {}), **{c.id: c for c in dossier.cadres}}

    seen: set[str] = set()
    for i, cadre in enumerate(dossier.cadres):
        if cadre.id in seen:
            errors.append(DuplicateId(f"cadres[{i}].id", cadre.id, "a cadre id used once"))
        seen.add(cadre.id)
        if chart is not None and cadre.unit not in chart:
            errors.append(
                UnknownReference(f"cadres[{i}].unit", cadre.unit, "the id of a unit in the chart")
            )

    # Without any cadres the assignee cannot be looked up; a cohort that lists
    # them checks again with its own.
    if people and a.assignee.kind is AssigneeKind.CADRE and a.assignee.id not in people:
        errors.append(
            UnknownReference("assignment.assignee.id", a.assignee.id, "the id of a listed cadre")
        )
    if chart is not None:
        errors.extend(_hierarchy_errors(a, chart, people))

    items = {item.id: item for item in a.items}
    supports = {s.id for s in a.supports}
    for i, inspection in enumerate(dossier.inspections):
        where = f"inspections[{i}]"
        if inspection.on < a.issued_on:
            errors.append(
                OutOfPeriod(
                    f"{where}.on", inspection.on, f"a date on or after issue, {a.issued_on}"
                )
            )
        for j, obs in enumerate(inspection.observations):
            item = items.get(obs.item)
            path = f"{where}.observations[{j}]"
            if item is None:
                errors.append(
                    UnknownReference(f"{path}.item", obs.item, "the id of an item assigned")
                )
            elif isinstance(item, Indicator) and (obs.done is not None or obs.value is None):
                errors.append(
                    InvalidValue(f"{path}.value", obs.value, f"a value for indicator {item.id!r}")
                )
            elif isinstance(item, Task) and obs.value is not None:
                errors.append(
                    InvalidValue(
                        f"{path}.value", obs.value, f"None for task {item.id!r} (use done)"
                    )
                )
    if dossier.report is not None:
        errors.extend(_report_errors(dossier.report, items, supports))
    for i, delivery in enumerate(dossier.deliveries or ()):
        if delivery.support not in supports:
            errors.append(
                UnknownReference(
                    f"deliveries[{i}].support", delivery.support, "the id of a pledged support"
                )
            )
        elif delivery.on < a.issued_on:
            errors.append(
                OutOfPeriod(f"deliveries[{i}].on", delivery.on, f"a date on or after {a.issued_on}")
            )
    errors.extend(_council_errors(dossier, items, people))
    return errors


def _hierarchy_errors(
    a: Assignment, chart: OrgChart, people: Mapping[str, Cadre]
) -> list[FieldError]:
    errors: list[FieldError] = []
    if a.issuer not in chart:
        errors.append(
            UnknownReference("assignment.issuer", a.issuer, "the id of a unit in the chart")
        )
        return errors
    unit = _assignee_unit(a.assignee, people)
    if unit is None:
        return errors  # the unknown assignee is reported already
    if unit not in chart:
        errors.append(UnknownReference("assignment.assignee.id", unit, "a unit in the chart"))
    elif not _issues_to(chart, a.issuer, unit, a.period.end):
        parent = chart.parent_of(unit)
        errors.append(
            InvalidHierarchy(
                "assignment.issuer",
                a.issuer,
                f"the unit directly above {unit!r} (cấp trên một cấp): "
                + (repr(parent.id) if parent else "none, it is the root"),
            )
        )
    return errors


def _issues_to(chart: OrgChart, issuer: str, unit: str, end: dt.date) -> bool:
    """The issuer is the unit's parent, or what the parent was merged into by ``end``."""
    parent = chart.parent_of(unit)
    if parent is None:
        return False
    return parent.id == issuer or chart.successor(parent.id, end).id == issuer


def _report_errors(
    report: Report, items: dict[str, Indicator | Task], supports: set[str]
) -> list[FieldError]:
    errors: list[FieldError] = []
    for i, outcome in enumerate(report.outcomes):
        path = f"report.outcomes[{i}]"
        item = items.get(outcome.item)
        if item is None:
            errors.append(
                UnknownReference(f"{path}.item", outcome.item, "the id of an item assigned")
            )
        elif isinstance(item, Indicator) and outcome.done is not None:
            errors.append(
                InvalidValue(
                    f"{path}.done", outcome.done, f"None for indicator {item.id!r} (use actual)"
                )
            )
        elif isinstance(item, Task) and outcome.actual is not None:
            errors.append(
                InvalidValue(
                    f"{path}.actual", outcome.actual, f"None for task {item.id!r} (use done)"
                )
            )
        for j, excuse in enumerate(outcome.excuses):
            if excuse.kind is ExcuseKind.SUPPORT_NOT_DELIVERED and excuse.support not in supports:
                errors.append(
                    UnknownReference(
                        f"{path}.excuses[{j}].support",
                        excuse.support,
                        "the id of a pledged support",
                    )
                )
    return errors


def _council_errors(
    dossier: Dossier, items: dict[str, Indicator | Task], people: Mapping[str, Cadre]
) -> list[FieldError]:
    errors: list[FieldError] = []
    council = dossier.council
    if council is None:
        if dossier.scoresheets:
            errors.append(InvalidValue("council", None, "a council, since scoresheets are given"))
        return errors
    assignee = dossier.assignment.assignee
    own_unit = _assignee_unit(assignee, people)
    for i, member in enumerate(council.members):
        if member.cadre is None:
            continue
        if people and member.cadre not in people:
            errors.append(
                UnknownReference(
                    f"council.members[{i}].cadre", member.cadre, "the id of a listed cadre"
                )
            )
        if assignee.kind is AssigneeKind.CADRE and member.cadre == assignee.id:
            errors.append(
                ConflictOfInterest(
                    f"council.members[{i}].cadre",
                    member.cadre,
                    "a member other than the assignee (no one scores their own assignment)",
                )
            )
        elif assignee.kind is AssigneeKind.UNIT:
            member_cadre = people.get(member.cadre)
            if member_cadre is not None and member_cadre.unit == own_unit and member_cadre.is_head:
                errors.append(
                    ConflictOfInterest(
                        f"council.members[{i}].cadre",
                        member.cadre,
                        "a member who does not head the collective being scored",
                    )
                )
    errors.extend(check_scoresheets(dossier.assignment, council, dossier.scoresheets))
    return errors


def check_scoresheets(
    assignment: Assignment, council: Council | None, sheets: Sequence[Scoresheet]
) -> list[FieldError]:
    """Return every problem of the council's points against the assignment.

    Members must be on the council, each once; points must name assigned
    items (within ``[0, weight]``) and council criteria (within ``[0,
    maximum]``).
    """
    errors: list[FieldError] = []
    items = {item.id: item for item in assignment.items}
    members_seen: set[str] = set()
    for i, sheet in enumerate(sheets):
        path = f"scoresheets[{i}]"
        if council is not None and council.member(sheet.member) is None:
            errors.append(
                UnknownReference(f"{path}.member", sheet.member, "the id of a council member")
            )
        if sheet.member in members_seen:
            errors.append(DuplicateId(f"{path}.member", sheet.member, "one scoresheet per member"))
        members_seen.add(sheet.member)
        for item_id, points in sheet.items.items():
            where = key_path(f"{path}.items", item_id)
            item = items.get(item_id)
            if item is None:
                errors.append(UnknownReference(where, item_id, "the id of an item assigned"))
            elif points > item.weight:
                errors.append(OutOfRange(where, points, f"points within [0, {item.weight}]"))
        for criterion_id, points in sheet.criteria.items():
            where = key_path(f"{path}.criteria", criterion_id)
            criterion = None if council is None else council.criterion(criterion_id)
            if criterion is None:
                errors.append(
                    UnknownReference(where, criterion_id, "the id of a council criterion")
                )
            elif points > criterion.maximum:
                errors.append(OutOfRange(where, points, f"points within [0, {criterion.maximum}]"))
    return errors


@fact
@attrs.frozen
class Cohort:
    """Many dossiers checked against one org chart: a province's heads, say.

    Args:
        dossiers: One per assignment; assignment ids must be unique.
        org_chart: The chart every dossier without its own is checked against.
        cadres: People shared by the dossiers (each dossier may list its own too).
        title: Free text naming the cohort.
        description: Free text: sources, caveats.

    """

    dossiers: tuple[Dossier, ...] = attrs.field(converter=_dossiers)
    org_chart: OrgChart | None = attrs.field(default=None, converter=_optional_chart, kw_only=True)
    cadres: tuple[Cadre, ...] = attrs.field(default=(), converter=_cadres, kw_only=True)
    title: str = attrs.field(default="", converter=to_text, kw_only=True)
    description: str = attrs.field(default="", converter=to_text, kw_only=True)

    def __attrs_post_init__(self) -> None:
        errors: list[FieldError] = []
        seen: set[str] = set()
        for i, cadre in enumerate(self.cadres):
            if cadre.id in seen:
                errors.append(DuplicateId(f"cadres[{i}].id", cadre.id, "a cadre id used once"))
            seen.add(cadre.id)
            if self.org_chart is not None and cadre.unit not in self.org_chart:
                errors.append(
                    UnknownReference(
                        f"cadres[{i}].unit", cadre.unit, "the id of a unit in the chart"
                    )
                )
        index = {c.id: c for c in self.cadres}
        assignments: set[str] = set()
        for i, dossier in enumerate(self.dossiers):
            if dossier.assignment.id in assignments:
                errors.append(
                    DuplicateId(
                        f"dossiers[{i}].assignment.id",
                        dossier.assignment.id,
                        "an assignment id used once",
                    )
                )
            assignments.add(dossier.assignment.id)
            errors.extend(
                e.with_prefix(f"dossiers[{i}]")
                for e in check_dossier(dossier, self.org_chart, index)
            )
        collect(errors, "the cohort")

    def __iter__(self) -> Iterator[Dossier]:
        return iter(self.dossiers)

    def __len__(self) -> int:
        return len(self.dossiers)
