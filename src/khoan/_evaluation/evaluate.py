"""evaluate(): from the facts and a scheme to an explained rating.

Past ~400 lines: the steps of one evaluation (items, parts, total, conditions, vetoes,
agreement) read top to bottom here; the record and its rendering are in their own modules.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from decimal import Decimal, localcontext
from fractions import Fraction

import attrs

from khoan._base.collect import collect
from khoan._base.convert import ENGINE, decimal_of
from khoan._base.findings import (
    Finding,
    FindingKind,
    Incomplete,
    NotGiven,
    Reason,
    clause_part,
    rating_slug,
)
from khoan._base.rating import Rating
from khoan._evaluation.evaluation import Evaluation, PartResult
from khoan._facts.assignment import AssigneeKind, Assignment
from khoan._facts.circumstances import Circumstances, Role
from khoan._facts.council import Council, Scoresheet
from khoan._facts.dossier import Cohort, Dossier, check_scoresheets
from khoan._facts.items import Task
from khoan._facts.ledger import overdue_supports, support_ledger
from khoan._facts.org import Cadre
from khoan._facts.period import Period
from khoan._facts.report import Report
from khoan._schemes.conditions import Condition
from khoan._schemes.eligibility import EligibilityCheck
from khoan._schemes.parts import MissingData, Part, Source
from khoan._schemes.readings import FailedReview, FallThrough, TaskExceeded
from khoan._schemes.scheme import Scheme
from khoan._scoring.aggregators import alpha_of_units, describe
from khoan._scoring.results import ItemResult, Status
from khoan._scoring.rule import ItemContext, ItemRule
from khoan.exceptions import FieldError, KhoanError, MissingResult, OutOfForce

__all__ = ["evaluate", "evaluate_dossier"]


def evaluate(
    assignment: Assignment,
    report: Report | None,
    *,
    scheme: Scheme,
    scoresheets: Sequence[Scoresheet] = (),
    council: Council | None = None,
    circumstances: Circumstances | None = None,
    peer_group: str = "",
    agency: str = "",
    allow_out_of_force: bool = False,
) -> Evaluation:
    """Score an assignment's results and rate them under ``scheme``.

    Args:
        assignment: What was assigned.
        report: The results report; None rates everything as missing.
        scheme: The policy, e.g. :data:`khoan.schemes.QD_366_2025`.
        scoresheets: The council members' points.
        council: The council, needed for general criteria (their maxima).
        circumstances: Discipline and subordinate results, when they matter.
        peer_group: The group for quotas (usually the cadre's peer_group).
        agency: The agency for quotas counted per agency (NĐ 335 Điều 20).
        allow_out_of_force: Rate a period the scheme did not govern (its last
            day outside ``scheme.in_force``) anyway, as an analyst comparing
            rules may; the evaluation then carries an ``out-of-force`` finding.

    Returns:
        The evaluation: exact total, rounded score, rating and reasons.

    Raises:
        OutOfForce: The scheme was not in force on the period's last day and
            ``allow_out_of_force`` is False; the message names the presets
            that were.
        UnknownReference, OutOfRange: Scoresheet points for items or criteria
            that are not there, or above their maximum.
        MissingResult: Something has nothing to score and the scheme (or
            part) says REFUSE; all such problems are raised together.

    """
    with localcontext(ENGINE):
        return _evaluate(
            assignment,
            report,
            scheme=scheme,
            scoresheets=scoresheets,
            council=council,
            circumstances=circumstances,
            peer_group=peer_group,
            agency=agency,
            allow_out_of_force=allow_out_of_force,
        )


def out_of_force(scheme: Scheme, period: Period, *, allow: bool) -> Finding | None:
    """None when ``scheme`` governed ``period``; else a finding, or OutOfForce unless ``allow``.

    A period is governed by the scheme in force on its last day (when it is
    rated); a scheme without dates (``in_force`` None) governs every period.

    Raises:
        OutOfForce: ``scheme`` was not in force on ``period.end`` and not ``allow``.

    """
    dates = scheme.in_force
    if dates is None or period.end in dates:
        return None
    from khoan.schemes import in_force  # the presets, built only on this path

    governing = ", ".join(s.name for s in in_force(period.end)) or "none of the presets"
    if not allow:
        raise OutOfForce(
            "period",
            str(period),
            f"a period ending within the dates of {scheme.name} ({dates}); in force on "
            f"{period.end:%d/%m/%Y}: {governing} (to rate under it anyway: "
            "allow_out_of_force=True, or --allow-out-of-force)",
        )
    return Finding(
        FindingKind.OUT_OF_FORCE,
        before=None,
        after=None,
        clause=f"{scheme.name}/out-of-force",
        basis=dates.source,
        reason=Reason(
            f"{scheme.name} applies {dates}, not on {period.end:%d/%m/%Y}, when this period "
            f"closed; rated under it on request (in force then: {governing})",
            f"{scheme.name} có hiệu lực {dates.describe('vi')}, không áp dụng vào ngày "
            f"{period.end:%d/%m/%Y} khi kỳ đánh giá kết thúc; xếp loại theo yêu cầu "
            f"(văn bản có hiệu lực khi đó: {governing})",
        ),
    )


def _evaluate(
    assignment: Assignment,
    report: Report | None,
    *,
    scheme: Scheme,
    scoresheets: Sequence[Scoresheet],
    council: Council | None,
    circumstances: Circumstances | None,
    peer_group: str,
    agency: str = "",
    checked: bool = False,
    allow_out_of_force: bool = False,
) -> Evaluation:
    stale = out_of_force(scheme, assignment.period, allow=allow_out_of_force)
    facts = _with_role(circumstances or Circumstances(), assignment)
    context = ItemContext(assignment, report)
    # A Dossier has checked its points already; loose scoresheets are checked here.
    if not checked:
        collect(check_scoresheets(assignment, council, scoresheets), "the scoresheets")
    sheets = sorted(scoresheets, key=lambda s: s.member)
    errors: list[FieldError] = []
    items = _score_items(scheme, assignment, report, sheets, context)
    parts = [_score_part(p, scheme, items, sheets, council, facts, errors) for p in scheme.parts]
    collect(errors, f"the evaluation of {assignment.id!r}")
    findings: list[Finding] = [stale] if stale is not None else []
    total = _total(scheme, parts, findings)
    score = scheme.rounding(total)
    band = scheme.band_for(Fraction(score) if scheme.band_on_rounded else total)
    results = _first_results(items)
    counted = _counted_once(scheme, assignment, facts)
    findings.extend(counted)
    judged = _set_aside(facts, assignment) if counted else facts
    read = _as_read(scheme, assignment, report, results)
    rating, candidates, unconfirmed = _apply_conditions(scheme, band, read, judged, findings)
    capped, cap, doubtful = _apply_vetoes(scheme, rating, results, judged, findings)
    # A veto is the source's own rule: it caps every candidate.
    candidates = tuple(dict.fromkeys(min(c, cap) for c in candidates))
    if len(candidates) < 2:
        candidates = ()
    else:
        findings.append(_referral(scheme, band, rating, candidates))
    eligible = (
        scheme.eligibility.check(assignment.period, facts, scheme=scheme.name)
        if scheme.eligibility is not None
        else EligibilityCheck()
    )
    capped = _apply_eligibility(eligible, capped, findings)
    candidates = _open_candidates(
        candidates, unconfirmed, doubtful, capped, cap, eligible, scheme, findings
    )
    if not eligible.rated:
        candidates = ()
    rating = capped
    for carried in assignment.carried_over:
        findings.append(
            Finding(
                FindingKind.MERGER,
                before=None,
                after=None,
                clause=f"{scheme.name}/merger",
                reason=Reason(
                    f"carried over: {carried.unit} was merged into {carried.successor} on "
                    f"{carried.on}; the results before and after are evaluated together",
                    f"kế thừa: {carried.unit} sáp nhập vào {carried.successor} từ ngày "
                    f"{carried.on}; kết quả trước và sau sáp nhập được đánh giá chung",
                ),
            )
        )
    return Evaluation(
        assignment=assignment.id,
        assignee=assignment.assignee.id,
        period=assignment.period,
        scheme=scheme.name,
        scheme_version=scheme.version,
        items=tuple(sorted(results, key=_by_item)),
        parts=tuple(parts),
        total=total,
        score=score,
        scale=scheme.scale,
        band=band,
        rating=rating,
        findings=tuple(findings),
        agreement=_agreement(assignment, sheets, council),
        peer_group=peer_group,
        circumstances=facts,
        legal_basis=scheme.legal_basis,
        assumptions=scheme.assumptions,
        candidates=candidates,
        rated=eligible.rated,
        readings=scheme.readings,
        agency=agency,
    )


def _with_role(facts: Circumstances, assignment: Assignment) -> Circumstances:
    """The facts with the role resolved: given explicitly, or from the assignee.

    A unit assignee is a collective; a cadre assignee is taken as a leader (the
    head, as :class:`~khoan.Cadre` assumes by default) unless the role is given;
    :func:`evaluate_dossier` gives it from the cadre's ``is_head``.
    """
    if facts.role is not None:
        return facts
    kind = assignment.assignee.kind
    return attrs.evolve(facts, role=Role.COLLECTIVE if kind is AssigneeKind.UNIT else Role.LEADER)


def _counted_once(scheme: Scheme, assignment: Assignment, facts: Circumstances) -> list[Finding]:
    """A finding for each discipline already counted in another period (set aside)."""
    out: list[Finding] = []
    for d in facts.disciplines:
        if d.counted_in is None or d.counted_in == assignment.period:
            continue
        out.append(
            Finding(
                FindingKind.COUNTED_ONCE,
                before=None,
                after=None,
                clause=f"{scheme.name}/counted-once/{d.violation}",
                basis="NĐ 48/2023/NĐ-CP; HD 21-HD/BTCTW (2019)",
                reason=Reason(
                    f"violation {d.violation} was already counted in {d.counted_in}: not "
                    "counted again (one violation counts once)",
                    f"vi phạm {d.violation} đã được tính khi xếp loại {d.counted_in.vietnamese()}: "
                    "không tính lại (một vi phạm chỉ tính một lần)",
                ),
            )
        )
    return out


def _set_aside(facts: Circumstances, assignment: Assignment) -> Circumstances:
    kept = tuple(
        d for d in facts.disciplines if d.counted_in is None or d.counted_in == assignment.period
    )
    return attrs.evolve(facts, disciplines=kept)


def _apply_eligibility(
    eligible: EligibilityCheck, rating: Rating, findings: list[Finding]
) -> Rating:
    for f in eligible.findings:
        if f.kind is FindingKind.VETO:
            after = min(rating, eligible.cap)
            findings.append(attrs.evolve(f, before=rating, after=after))
            rating = after
        else:
            findings.append(f)
    return rating


def _open_candidates(
    candidates: tuple[Rating, ...],
    unconfirmed: Sequence[Rating],
    doubtful: Sequence[Rating],
    rating: Rating,
    cap: Rating,
    eligible: EligibilityCheck,
    scheme: Scheme,
    findings: list[Finding],
) -> tuple[Rating, ...]:
    """The ratings the council chooses from when facts are missing or incomplete.

    ``unconfirmed`` are levels above ``rating`` whose conditions could not be
    checked; ``doubtful`` the caps of vetoes raised on incomplete facts. Each
    candidate is capped by the vetoes that did apply and by eligibility.
    """
    if not unconfirmed and not doubtful and not eligible.refer:
        return candidates
    pool = {min(c, eligible.cap) for c in candidates or (rating,)}
    pool.update(min(level, cap, eligible.cap) for level in unconfirmed)
    for d in doubtful:
        pool.update({min(c, d) for c in pool})
    ordered = tuple(sorted(pool, reverse=True))
    if len(ordered) < 2 and not eligible.refer:
        return candidates
    if unconfirmed and len(ordered) >= 2:
        levels = ", ".join(r.name for r in unconfirmed)
        levels_vi = "; ".join(r.vietnamese for r in unconfirmed)
        findings.append(
            Finding(
                FindingKind.REFERRED,
                before=None,
                after=None,
                clause=f"{scheme.name}/not-checked/refer",
                basis="khoan: a condition whose fact is not given is neither passed nor failed",
                reason=Reason(
                    f"the facts needed to confirm {levels} are not given: referred to the "
                    "council, which decides once they are known",
                    f"chưa có thông tin để xác định mức {levels_vi}: chuyển hội đồng quyết định",
                ),
            )
        )
    return ordered


def evaluate_dossier(
    dossier: Dossier,
    *,
    scheme: Scheme,
    circumstances: Circumstances | None = None,
    cohort: Cohort | None = None,
    agency: str = "",
    allow_out_of_force: bool = False,
) -> Evaluation:
    """Evaluate a dossier: its assignment, report, council and scoresheets.

    The peer group comes from the assignee cadre, looked up in the dossier
    and then in ``cohort``; ``circumstances`` default to the dossier's. When
    the cadre is known, who is rated follows it (the head of the unit is a
    leader, anyone else an individual) unless ``circumstances.role`` says
    otherwise. ``agency`` is passed to :func:`evaluate`. When the dossier
    keeps a support ledger, pledges still undelivered after the
    period for items that failed are added as
    ``circumstances.supports_not_delivered``. A period the scheme did not
    govern is refused (:class:`~khoan.exceptions.OutOfForce`) unless
    ``allow_out_of_force``, as in :func:`evaluate`.
    """
    facts = circumstances or dossier.circumstances
    assignee = dossier.assignee_cadre
    if assignee is None and cohort is not None:
        assignee = _cadres_of(cohort).get(dossier.assignment.assignee.id)
    if assignee is not None and (facts is None or facts.role is None):
        # Who is rated follows the cadre: the head of the unit is rated as a leader.
        role = Role.LEADER if assignee.is_head else Role.INDIVIDUAL
        facts = attrs.evolve(facts or Circumstances(), role=role)
    with localcontext(ENGINE):
        evaluation = _evaluate(
            dossier.assignment,
            dossier.report,
            scheme=scheme,
            scoresheets=dossier.scoresheets,
            council=dossier.council,
            circumstances=facts,
            peer_group=assignee.peer_group if assignee else "",
            agency=agency,
            checked=True,  # the Dossier checked its scoresheets when it was built
            allow_out_of_force=allow_out_of_force,
        )
    if dossier.deliveries is None or evaluation.circumstances.supports_not_delivered:
        return evaluation
    # The ledger is the record of support: pledges still undelivered once the
    # period is over, for items that then failed (or for all items), are what
    # the consequence rules read as "support not delivered".
    a = dossier.assignment
    ledger = support_ledger(a, dossier.deliveries, a.period.end + dt.timedelta(days=1))
    overdue = set(overdue_supports(ledger))
    failed = {r.item for r in evaluation.items if not r.completed or r.on_time is False}
    relevant = tuple(
        s.id
        for s in a.supports
        if s.id in overdue and (not s.items or failed.intersection(s.items))
    )
    if not relevant:
        return evaluation
    return attrs.evolve(
        evaluation,
        circumstances=attrs.evolve(evaluation.circumstances, supports_not_delivered=relevant),
    )


_LAST_COHORT: list[tuple[Cohort, dict[str, Cadre]]] = []


def _cadres_of(cohort: Cohort) -> dict[str, Cadre]:
    """The cohort's cadres by id (a list scan per dossier is quadratic in a cohort).

    The index of the last cohort seen is kept, matched by identity, so
    evaluating a cohort's dossiers one by one builds it once.
    """
    last = _LAST_COHORT[:1]
    if last and last[0][0] is cohort:
        return last[0][1]
    found = {c.id: c for c in cohort.cadres}
    _LAST_COHORT[:] = [(cohort, found)]
    return found


def _score_items(
    scheme: Scheme,
    assignment: Assignment,
    report: Report | None,
    sheets: Sequence[Scoresheet],
    context: ItemContext,
) -> dict[str, list[ItemResult]]:
    out: dict[str, list[ItemResult]] = {}
    for part in scheme.parts:
        if part.source is not Source.ITEMS:
            continue
        rule: ItemRule = part.rule  # type: ignore[assignment]
        # One dict of outcomes, not a list scan per item (quadratic in the items).
        outcomes = {o.item: o for o in report.outcomes} if report else {}
        out[part.id] = [
            rule(item, outcomes.get(item.id), sheets, context) for item in assignment.items
        ]
    return out


def _by_item(result: ItemResult) -> str:
    return result.item


def _first_results(items: dict[str, list[ItemResult]]) -> list[ItemResult]:
    if not items:
        return []
    return next(iter(items.values()))


def _missing(part: Part, scheme: Scheme) -> MissingData:
    return part.missing or scheme.missing


def _score_part(
    part: Part,
    scheme: Scheme,
    items: dict[str, list[ItemResult]],
    sheets: Sequence[Scoresheet],
    council: Council | None,
    facts: Circumstances,
    errors: list[FieldError],
) -> PartResult:
    policy = _missing(part, scheme)
    if part.source is Source.ITEMS:
        got, maximum, why = _item_points(items[part.id], policy, part, errors)
    elif part.source is Source.CRITERIA:
        got, maximum, why = _criteria_points(part, scheme, sheets, council, policy, errors)
    else:
        got, maximum, why = _unit_points(facts, policy, part, errors)
    if got is None:
        points = None
    else:
        share = got / maximum if maximum else Fraction(0)
        points = min(part.maximum, part.maximum * share)
        if part.maximum * share > part.maximum:
            why.append(Reason(f"capped at {part.maximum}", f"tối đa {part.maximum} điểm"))
    return PartResult(
        part.id,
        points=points,
        maximum=part.maximum,
        title=part.title,
        title_vi=part.title_vi,
        reasons=tuple(why),
    )


def _refuse(errors: list[FieldError], path: str, what: str) -> None:
    errors.append(MissingResult(path, None, what))


def _item_points(
    results: Sequence[ItemResult], policy: MissingData, part: Part, errors: list[FieldError]
) -> tuple[Fraction | None, Fraction, list[Reason]]:
    got, weight = Fraction(0), Fraction(0)
    missing = [r for r in results if r.points is None and r.status is not Status.NOT_APPLICABLE]
    for r in results:
        if r.status is Status.NOT_APPLICABLE:
            continue
        if r.points is None:
            if policy is MissingData.ZERO:
                weight += r.weight
            continue
        got += r.points
        weight += r.weight
    why: list[Reason] = []
    if missing:
        ids = ", ".join(r.item for r in missing)
        if policy is MissingData.REFUSE:
            for r in missing:
                _refuse(errors, f"items.{r.item}", f"a result or council points ({part.id})")
            return None, Fraction(1), why
        why.append(_missing_reason(ids, policy))
    if weight == 0:
        return None, Fraction(1), why
    shown, of = decimal_of(got, 2), decimal_of(weight, 2)
    why.insert(0, Reason(
        f"{shown} of {of} item points → scaled to {part.maximum}",
        f"{shown}/{of} điểm chỉ tiêu, nhiệm vụ → quy về thang {part.maximum}",
    ))  # fmt: skip
    return got, weight, why


def _missing_reason(ids: str, policy: MissingData) -> Reason:
    if policy is MissingData.ZERO:
        return Reason(f"no result for {ids}: counted as 0", f"chưa có kết quả {ids}: tính 0 điểm")
    return Reason(
        f"no result for {ids}: left out and the rest renormalised",
        f"chưa có kết quả {ids}: không tính, quy đổi theo phần còn lại",
    )


def _criteria_points(
    part: Part,
    scheme: Scheme,
    sheets: Sequence[Scoresheet],
    council: Council | None,
    policy: MissingData,
    errors: list[FieldError],
) -> tuple[Fraction | None, Fraction, list[Reason]]:
    criteria = [] if council is None else list(council.criteria)
    if part.criteria is not None:
        criteria = [c for c in criteria if c.id in part.criteria]
    else:
        claimed = {cid for p in scheme.parts if p.criteria for cid in p.criteria}
        criteria = [c for c in criteria if c.id not in claimed]
    if not criteria:
        if policy is MissingData.REFUSE:
            _refuse(errors, f"parts.{part.id}", "council criteria scored by the members")
            return None, Fraction(1), []
        if policy is MissingData.ZERO:
            return (
                Fraction(0),
                Fraction(1),
                [Reason("no criteria: 0 points", "không có tiêu chí: 0 điểm")],
            )
        return (
            None,
            Fraction(1),
            [Reason("no criteria: part left out", "không có tiêu chí: không tính")],
        )
    got, maximum = Fraction(0), Fraction(0)
    missing: list[str] = []
    assert part.aggregator is not None
    for criterion in criteria:
        points = [
            Fraction(*s.criteria[criterion.id].as_integer_ratio())
            for s in sheets
            if criterion.id in s.criteria
        ]
        if not points:
            missing.append(criterion.id)
            if policy is MissingData.ZERO:
                maximum += Fraction(criterion.maximum)
            continue
        got += part.aggregator(points)
        maximum += Fraction(criterion.maximum)
    why: list[Reason] = []
    if missing:
        if policy is MissingData.REFUSE:
            for cid in missing:
                _refuse(errors, f"criteria.{cid}", "points from at least one council member")
            return None, Fraction(1), why
        why.append(_missing_reason(", ".join(missing), policy))
    if maximum == 0:
        return None, Fraction(1), why
    how = f"{decimal_of(got, 2)}/{decimal_of(maximum, 2)}"
    named = describe(part.aggregator)
    why.insert(0, Reason(
        f"{how} criteria points ({named.en}) → scaled to {part.maximum}",
        f"{how} điểm tiêu chí ({named.vi}) → quy về thang {part.maximum}",
    ))  # fmt: skip
    return got, maximum, why


def _unit_points(
    facts: Circumstances, policy: MissingData, part: Part, errors: list[FieldError]
) -> tuple[Fraction | None, Fraction, list[Reason]]:
    if facts.subordinates_not_achieved is None:
        if policy is MissingData.REFUSE:
            _refuse(errors, "circumstances.subordinates_not_achieved", "the count for a leader")
            return None, Fraction(1), []
        if policy is MissingData.ZERO:
            return (
                Fraction(0),
                Fraction(1),
                [Reason("unit results unknown: 0", "chưa có kết quả đơn vị: 0")],
            )
        return None, Fraction(1), []
    if facts.subordinates_not_achieved == 0:
        return Fraction(1), Fraction(1), [Reason(
            "every subordinate rated at least Achieved: 100%",
            "100% cấp dưới hoàn thành nhiệm vụ trở lên: 100%",
        )]  # fmt: skip
    return Fraction(1, 2), Fraction(1), [Reason(
        f"{facts.subordinates_not_achieved} subordinate(s) Not achieved: 50%",
        f"{facts.subordinates_not_achieved} người cấp dưới không hoàn thành nhiệm vụ: 50%",
    )]  # fmt: skip


def _total(scheme: Scheme, parts: Sequence[PartResult], findings: list[Finding]) -> Fraction:
    """The sum of the parts; a part with nothing to score follows its missing-data policy.

    Under ZERO it counts 0 of its maximum (a bonus part nobody earned adds
    nothing); under RENORMALISE the total is scaled from the other parts;
    REFUSE was raised before this point.
    """
    policies = {p.id: _missing(p, scheme) for p in scheme.parts}
    got = sum((p.points for p in parts if p.points is not None), Fraction(0))
    absent = [p for p in parts if p.points is None]
    zero = [p.id for p in absent if policies[p.id] is MissingData.ZERO]
    scaled = [p.id for p in absent if policies[p.id] is not MissingData.ZERO]
    if zero:
        names = ", ".join(zero)
        findings.append(Finding(
            FindingKind.MISSING,
            before=None,
            after=None,
            clause=f"{scheme.name}/missing/zero",
            reason=Reason(
                f"part(s) {names} have nothing to score: counted as 0",
                f"phần {names} không có dữ liệu: tính 0 điểm",
            ),
        ))  # fmt: skip
    if not scaled:
        return got
    absent_ids = ", ".join(scaled)
    maximum = sum((p.maximum for p in parts if p.id not in scaled), Fraction(0))
    findings.append(Finding(
        FindingKind.MISSING,
        before=None,
        after=None,
        clause=f"{scheme.name}/missing/scaled",
        reason=Reason(
            f"part(s) {absent_ids} have nothing to score: the total is scaled from the other parts",
            f"phần {absent_ids} không có dữ liệu: tổng điểm quy đổi theo các phần còn lại",
        ),
    ))  # fmt: skip
    if maximum == 0:
        raise KhoanError("nothing at all to score")
    return scheme.scale * got / maximum


def _as_read(
    scheme: Scheme, assignment: Assignment, report: Report | None, results: Sequence[ItemResult]
) -> list[ItemResult]:
    """The item results as the scheme's readings see them, for its conditions only.

    :attr:`FailedReview.TO_STANDARD_ONCE_ACCEPTED` forgets failed reviews of
    completed products; :attr:`TaskExceeded.FINISHED_EARLY` counts a task
    completed before its deadline, with no delay, as exceeded. The item
    results shown and scored are never changed.
    """
    accepted = scheme.failed_review is FailedReview.TO_STANDARD_ONCE_ACCEPTED
    early = scheme.task_exceeded is TaskExceeded.FINISHED_EARLY
    if not accepted and not early:
        return list(results)
    tasks = {i.id: i for i in assignment.items if isinstance(i, Task)}
    out: list[ItemResult] = []
    for r in results:
        if accepted and r.completed and r.failed_reviews:
            r = attrs.evolve(r, failed_reviews=0)
        task = tasks.get(r.item)
        outcome = report.outcome(r.item) if report and task else None
        if (
            early
            and task is not None
            and outcome is not None
            and r.status is Status.COMPLETED
            and r.on_time is not False
            and outcome.delays == 0
            and outcome.completed_on is not None
            and task.deadline is not None
            and outcome.completed_on < task.deadline
        ):
            r = attrs.evolve(r, status=Status.EXCEEDED)
        out.append(r)
    return out


def _apply_conditions(
    scheme: Scheme,
    band: Rating,
    results: Sequence[ItemResult],
    facts: Circumstances,
    findings: list[Finding],
) -> tuple[Rating, tuple[Rating, ...], tuple[Rating, ...]]:
    """The rating the conditions allow, the referral candidates, the unconfirmed levels.

    Levels whose conditions could not be checked (a fact not given) are
    unconfirmed: neither passed nor failed, a NOT_CHECKED finding says which,
    and they are candidates for the council. NEXT_LOWER and REFER check
    levels from the band down; the rating is the first level whose
    conditions all hold (the lowest band if none does). LOWEST_MET checks
    every level and takes the lower of the band and the best level whose
    conditions all hold. A condition that fails at several levels in a row
    is one finding, ``before`` the first level it failed at and ``after`` the
    level below the last.
    """
    all_levels = [b.rating for b in scheme.bands]
    lowest_met = scheme.fall_through is FallThrough.LOWEST_MET
    failures: dict[Rating, list[tuple[Condition, Reason]]] = {}
    unknowns: dict[Rating, list[tuple[Condition, Reason]]] = {}
    for level in all_levels:
        if not lowest_met and level > band:
            continue
        checked = [(c, why) for c in scheme.conditions_for(level) if (why := c(results, facts))]
        failures[level] = [(c, why) for c, why in checked if not isinstance(why, NotGiven)]
        unknowns[level] = [(c, why) for c, why in checked if isinstance(why, NotGiven)]

    def met(level: Rating) -> bool:
        return not failures[level] and not unknowns[level]

    levels = [level for level in all_levels if level <= band]
    best = levels[-1]
    if lowest_met:
        best = next(level for level in all_levels if met(level) or level is all_levels[-1])
        rating = min(band, best)
    else:
        rating = next((level for level in levels if met(level)), levels[-1])
    above = [level for level in levels if level > rating]
    visited = [(level, failures[level]) for level in above if failures[level]]
    unconfirmed = [level for level in above if not failures[level] and unknowns[level]]
    for level in unconfirmed:
        for condition, why in unknowns[level]:
            findings.append(
                Finding(
                    FindingKind.NOT_CHECKED,
                    before=None,
                    after=None,
                    reason=why,
                    basis="; ".join(scheme.legal_basis),
                    clause=f"{scheme.name}/{rating_slug(level)}/{clause_part(condition)}",
                )
            )
    merged: dict[tuple[str, str], list[Rating]] = {}
    for level, failed in visited:
        for condition, why in failed:
            key = (clause_part(condition), why.en)
            merged.setdefault(key, []).append(level)
    reasons = {(clause_part(c), why.en): why for _, failed in visited for c, why in failed}
    basis = "; ".join(scheme.legal_basis)
    for key, seen in merged.items():
        first, last = seen[0], seen[-1]
        findings.append(
            Finding(
                FindingKind.CONDITION,
                before=first,
                after=scheme.next_lower(last),
                reason=reasons[key],
                basis=basis,
                clause=f"{scheme.name}/{rating_slug(first)}/{key[0]}",
            )
        )
    if lowest_met and failures[rating] and met(best):
        findings.append(_kept(scheme, rating, best, failures[rating]))
    # The fall-through reading is about conditions that failed, not facts not given.
    if scheme.fall_through is FallThrough.REFER and visited and rating is not band:
        return rating, tuple(level for level in levels if level >= rating), tuple(unconfirmed)
    return rating, (), tuple(unconfirmed)


def _kept(
    scheme: Scheme, rating: Rating, best: Rating, failed: list[tuple[Condition, Reason]]
) -> Finding:
    """LOWEST_MET keeps a level whose own conditions fail because a higher level's all hold."""
    why_en = "; ".join(why.en for _, why in failed)
    why_vi = "; ".join(why.vi for _, why in failed)
    return Finding(
        FindingKind.ASSUMPTION,
        before=rating,
        after=rating,
        clause=f"{scheme.name}/fall-through/lowest-met",
        basis="khoan's reading (FallThrough.LOWEST_MET); " + "; ".join(scheme.legal_basis),
        reason=Reason(
            f"{rating.name} is kept although its own condition fails ({why_en}): every "
            f"condition of {best.name} holds, and the rating is the lower of the band and "
            f"the best level met",
            f"giữ mức {rating.vietnamese} dù chưa đạt điều kiện của mức này ({why_vi}): đạt mọi "
            f"điều kiện của mức {best.vietnamese}; xếp loại là mức thấp hơn giữa mức theo điểm "
            f"và mức cao nhất đủ điều kiện",
        ),
    )


def _referral(
    scheme: Scheme, band: Rating, rating: Rating, candidates: tuple[Rating, ...]
) -> Finding:
    names = ", ".join(c.name for c in candidates)
    names_vi = "; ".join(c.vietnamese for c in candidates)
    return Finding(
        FindingKind.REFERRED,
        before=band,
        after=rating,
        clause=f"{scheme.name}/fall-through/refer",
        basis="khoan's reading (FallThrough.REFER); " + "; ".join(scheme.legal_basis),
        reason=Reason(
            f"the points reach {band.name} but the conditions hold only at {rating.name}; "
            f"the source does not say which prevails: referred to the council, which "
            f"decides among {names}",
            f"điểm đạt mức {band.vietnamese} nhưng điều kiện chỉ đạt mức {rating.vietnamese}; "
            f"văn bản chưa quy định mức nào được áp dụng: chuyển hội đồng xem xét, quyết "
            f"định một trong các mức: {names_vi}",
        ),
    )


def _apply_vetoes(
    scheme: Scheme,
    rating: Rating,
    results: Sequence[ItemResult],
    facts: Circumstances,
    findings: list[Finding],
) -> tuple[Rating, Rating, tuple[Rating, ...]]:
    """The rating after the vetoes, the lowest cap set, and the caps left in doubt.

    The lowest cap is EXCELLENT if no veto applied; the caps in doubt are those
    of vetoes raised on incomplete facts.
    A veto whose fact was not given applies nothing and is reported as not
    checked; one raised on incomplete facts refers the evaluation to the
    council (its cap is one of the candidates) instead of rating harshly.
    """
    lowest = Rating.EXCELLENT
    doubtful: list[Rating] = []
    for veto in scheme.vetoes:
        hit = veto(results, facts)
        if hit is None:
            continue
        cap, why = hit
        clause = f"{scheme.name}/veto/{clause_part(veto)}"
        if isinstance(why, NotGiven):
            findings.append(
                Finding(
                    FindingKind.NOT_CHECKED, before=None, after=None, reason=why,
                    basis=repr(veto), clause=clause,
                )
            )  # fmt: skip
            continue
        if isinstance(why, Incomplete):
            doubtful.append(cap)
            findings.append(
                Finding(
                    FindingKind.REFERRED, before=None, after=None, basis=repr(veto),
                    clause=f"{clause}/refer",
                    reason=Reason(
                        f"{why.en}: referred to the council rather than rated {cap.name}",
                        f"{why.vi}: chuyển hội đồng xem xét, chưa xếp loại {cap.vietnamese}",
                    ),
                )
            )  # fmt: skip
            continue
        lowest = min(lowest, cap)
        after = min(rating, cap)
        findings.append(
            Finding(
                FindingKind.VETO, before=rating, after=after, reason=why, basis=repr(veto),
                clause=clause,
            )
        )  # fmt: skip
        rating = after
    return rating, lowest, tuple(doubtful)


def _agreement(
    assignment: Assignment, sheets: Sequence[Scoresheet], council: Council | None
) -> Fraction | None:
    if len(sheets) < 2:
        return None
    # Each value is points / maximum, kept as an integer ratio (no Fraction per
    # value); alpha is then computed on integers over their common denominator.
    rows: list[list[tuple[int, int]]] = []
    for item in assignment.items:
        rows.append(_scaled([s.items.get(item.id) for s in sheets], item.weight))
    for criterion in council.criteria if council else ():
        rows.append(_scaled([s.criteria.get(criterion.id) for s in sheets], criterion.maximum))
    rows = [row for row in rows if len(row) >= 2]
    if sum(len(row) for row in rows) < 2:
        return None
    scale = math.lcm(*{d for row in rows for _, d in row})
    return alpha_of_units([[n * (scale // d) for n, d in row] for row in rows])


def _scaled(points: Sequence[Decimal | None], maximum: Decimal) -> list[tuple[int, int]]:
    top, bottom = maximum.as_integer_ratio()
    out = []
    for p in points:
        if p is not None:
            numerator, denominator = p.as_integer_ratio()
            out.append((numerator * bottom, denominator * top))
    return out


# ------------------------------------------------------------------- explain
