"""Rating a whole cohort under one scheme, the way every analysis does it.

Evaluate each dossier, apply the scheme's quota per peer group, cap heads by the
collectives they lead, and gather histories for the consequence rules. The
public pipeline functions do the work; this module only strings them together
once, so that ``compare``, ``sweep`` and the report agree by construction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from khoan._base.findings import Reason
from khoan._cohort.collective import cap_by_collective
from khoan._cohort.quota import Move, apply_quota
from khoan._evaluation.evaluate import evaluate_dossier
from khoan._evaluation.evaluation import Evaluation
from khoan._facts.assignment import AssigneeKind
from khoan._facts.dossier import Cohort, Dossier
from khoan._facts.org import Cadre
from khoan.consequences import RULES, History, Recommendation, TransferRule
from khoan.exceptions import InvalidValue
from khoan.schemes import PRESETS, Scheme

__all__ = ["Person", "Rated", "people_of", "rate", "recommendations", "rule_of", "scheme_of"]


@attrs.frozen(kw_only=True)
class Person:
    """Who an assignment is for, as a reader wants to see it: name, post, unit."""

    id: str = attrs.field(kw_only=False)
    name: str = ""
    post: str = ""
    unit: str = ""
    cadre: Cadre | None = None


@attrs.frozen(kw_only=True)
class Rated:
    """A cohort rated under one scheme: before and after the cohort steps."""

    scheme: Scheme
    before: tuple[Evaluation, ...]
    after: tuple[Evaluation, ...]
    moves: tuple[Move, ...]


def scheme_of(value: object, path: str = "scheme") -> Scheme:
    """A scheme from a preset name or a :class:`~khoan.schemes.Scheme` value."""
    if isinstance(value, Scheme):
        return value
    if isinstance(value, str):
        if value not in PRESETS:
            raise InvalidValue(path, value, f"one of {', '.join(PRESETS)} or a Scheme")
        return PRESETS.get(value)
    raise InvalidValue(path, value, "a scheme name or a Scheme")


def rule_of(value: object, path: str = "rule") -> tuple[str, TransferRule]:
    """A consequence rule and its name, from a preset name or a rule value."""
    if isinstance(value, str):
        if value not in RULES:
            raise InvalidValue(path, value, f"one of {', '.join(RULES)} or a TransferRule")
        return value, RULES.get(value)
    if callable(value):
        name = getattr(value, "name", None)
        rule: TransferRule = value
        return (name if isinstance(name, str) else repr(value)), rule
    raise InvalidValue(path, value, "a rule name or a TransferRule")


def people_of(cohort: Cohort) -> dict[str, Person]:
    """Every assignee of the cohort by id, with names and unit names joined."""
    cadres: dict[str, Cadre] = {c.id: c for c in cohort.cadres}
    for dossier in cohort.dossiers:
        cadres.update({c.id: c for c in dossier.cadres})
    chart = cohort.org_chart

    def unit_name(unit: str, dossier: Dossier) -> str:
        for ch in (dossier.org_chart, chart):
            if ch is not None and unit in ch:
                return ch[unit].name
        return unit

    out: dict[str, Person] = {}
    for dossier in cohort.dossiers:
        assignee = dossier.assignment.assignee
        if assignee.id in out:
            continue
        cadre = cadres.get(assignee.id)
        if assignee.kind is AssigneeKind.UNIT:
            out[assignee.id] = Person(
                assignee.id, name=unit_name(assignee.id, dossier), unit=assignee.id
            )
        elif cadre is not None:
            out[assignee.id] = Person(
                assignee.id,
                name=cadre.name,
                post=cadre.post,
                unit=unit_name(cadre.unit, dossier),
                cadre=cadre,
            )
        else:
            out[assignee.id] = Person(assignee.id)
    return out


def rate(
    cohort: Cohort,
    scheme: Scheme,
    *,
    quota: bool = True,
    collective: bool = False,
    people: Mapping[str, Person] | None = None,
) -> Rated:
    """Evaluate every dossier, then apply the quota and the collective cap.

    Args:
        cohort: The dossiers, in the order the result keeps.
        scheme: The scheme for every dossier.
        quota: Apply ``scheme.quota`` (if it has one) per peer group.
        collective: Rate each head no higher than the unit they head, where
            the cohort holds that unit's evaluation for the same period.
        people: Assignees by id (default: :func:`people_of`).

    """
    # Comparing rules is the analyst's point: a scheme not in force for a period still
    # rates it, and the evaluation carries the out-of-force finding that says so.
    before = tuple(
        evaluate_dossier(d, scheme=scheme, cohort=cohort, allow_out_of_force=True)
        for d in cohort.dossiers
    )
    after = before
    moves: list[Move] = []
    if quota and scheme.quota is not None:
        result = apply_quota(before, scheme.quota)
        after, moves = result.evaluations, list(result.moves)
    if collective:
        people = people_of(cohort) if people is None else people
        units = {(e.assignee, e.period): e for e, d in zip(after, cohort.dossiers, strict=True)
                 if d.assignment.assignee.kind is AssigneeKind.UNIT}  # fmt: skip
        capped = []
        for e in after:
            cadre = people[e.assignee].cadre if e.assignee in people else None
            unit = units.get((cadre.unit, e.period)) if cadre and cadre.is_head else None
            if unit is not None and unit is not e:
                e, move = cap_by_collective(e, unit)
                if move is not None:
                    moves.append(move)
            capped.append(e)
        after = tuple(capped)
    return Rated(scheme=scheme, before=before, after=after, moves=tuple(moves))


def recommendations(
    evaluations: Iterable[Evaluation], people: Mapping[str, Person], rule: TransferRule
) -> dict[str, Recommendation]:
    """The rule's recommendation per cadre, from each cadre's history of evaluations.

    Builds the histories as :func:`khoan.consequences.histories_of` does, but
    from the given evaluations (after the cohort steps), which that function
    does not apply.
    """
    by_assignee: dict[str, list[Evaluation]] = {}
    for e in evaluations:
        by_assignee.setdefault(e.assignee, []).append(e)
    out: dict[str, Recommendation] = {}
    for assignee in sorted(by_assignee):
        person = people.get(assignee)
        cadre = person.cadre if person else None
        found = by_assignee[assignee]
        history = History.of(cadre, found) if cadre else History(assignee, evaluations=found)
        recommendation = rule(history)
        if recommendation is not None:
            out[assignee] = recommendation
    return out


DATES_NOTE = Reason(
    "each scheme is applied to the cohort's facts as they stand, whatever its own date of "
    "effect: a comparison is a what-if, not the rating that was in force",
    "mỗi phương án được áp dụng cho cùng số liệu, không phụ thuộc thời điểm có hiệu lực của "
    "phương án: đây là so sánh giả định, không phải kết quả xếp loại đã áp dụng",
)
