"""roll_up(): one cadre's monthly or quarterly evaluations into the year's.

A year rated period by period ends in one year-long :class:`Evaluation`:
the periods' exact totals combine into the year's total, the scheme bands
it, and any period's discipline caps it. The periods may come from several
assignments and units -- a cadre transferred mid-year carries the results
of the old post to the new one -- and in any order.

>>> from khoan.schemes import ND_335_2025
>>> roll_up([], scheme=ND_335_2025, year=2026)
Traceback (most recent call last):
khoan.exceptions.InvalidValue: evaluations: expected at least one period evaluation, got ()

Past ~400 lines: the checks a roll-up needs (periods, overlaps, time worked) read best
next to the averaging they guard.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

import attrs

from khoan._base.collect import collect
from khoan._base.convert import to_fraction
from khoan._base.findings import Finding, FindingKind, Incomplete, NotGiven, Reason, clause_part
from khoan._base.paths import key_path
from khoan._base.rating import Rating
from khoan._evaluation.evaluation import Evaluation
from khoan._facts.circumstances import Circumstances, Discipline
from khoan._facts.period import Period
from khoan._schemes.parts import Rounding
from khoan._schemes.scheme import Scheme
from khoan.exceptions import (
    DuplicateId,
    FieldError,
    InvalidValue,
    OutOfPeriod,
    OutOfRange,
    UnknownReference,
)

__all__ = ["RollUp", "roll_up"]


class RollUp(enum.Enum):
    """How the period evaluations of a year combine into the year's.

    >>> RollUp.FOLD_Q4.legal_basis
    'Hướng dẫn 43-HD/BTCTW ngày 31/10/2025 (Q1-Q3 rated quarterly, Q4 folded into the year)'

    References:
        NĐ 335/2025/NĐ-CP Điều 21; HD 43-HD/BTCTW (31/10/2025).

    """

    #: The year's total is the mean of the month or quarter totals, each
    #: weighted by the share of it actually worked (NĐ 335/2025/NĐ-CP Điều 21).
    AVERAGE = "average"
    #: Q1-Q3 are rated quarterly and the year-end evaluation stands for Q4
    #: (HD 43-HD/BTCTW); the year's total is ASSUMED to be the mean of the
    #: Q1, Q2, Q3 and year-end totals, since how they combine is UNCONFIRMED.
    FOLD_Q4 = "fold_q4"

    @property
    def legal_basis(self) -> str:
        """The document the method follows."""
        return _BASIS[self]


_BASIS = {
    RollUp.AVERAGE: "Nghị định 335/2025/NĐ-CP, Điều 21 (year score = mean of the period scores)",
    RollUp.FOLD_Q4: (
        "Hướng dẫn 43-HD/BTCTW ngày 31/10/2025 (Q1-Q3 rated quarterly, Q4 folded into the year)"
    ),
}
_METHOD = {
    RollUp.AVERAGE: Reason(
        "the year's total is the mean of the period totals, each weighted by the share of it "
        "actually worked (NĐ 335/2025/NĐ-CP Điều 21: the year's score is the average of the "
        "monthly or quarterly scores; absences are rated on the time actually worked)",
        "điểm năm là trung bình cộng điểm các kỳ, tính theo tỷ lệ thời gian công tác thực tế "
        "của từng kỳ (Nghị định 335/2025/NĐ-CP Điều 21: điểm năm là trung bình cộng điểm các "
        "tháng hoặc quý; vắng mặt thì đánh giá theo thời gian công tác thực tế)",
    ),
    RollUp.FOLD_Q4: Reason(
        "Q1-Q3 are rated quarterly and Q4 is folded into the year-end evaluation "
        "(HD 43-HD/BTCTW); the year's total is the mean of the Q1, Q2, Q3 and year-end totals",
        "quý I, II, III đánh giá theo quý, quý IV gộp vào đánh giá cuối năm (HD 43-HD/BTCTW); "
        "điểm năm là trung bình cộng điểm quý I, II, III và điểm đánh giá cuối năm",
    ),
}
_FOLD_ASSUMPTION = Reason(
    "ASSUMED: how HD 43-HD/BTCTW combines the Q1-Q3 results with the year-end evaluation is "
    "UNCONFIRMED; the year's total is taken as the mean of the Q1, Q2, Q3 and year-end "
    "totals, the year-end evaluation weighing as Q4, each by the share of the quarter worked",
    "GIẢ ĐỊNH: cách kết hợp kết quả quý I-III với đánh giá cuối năm theo HD 43-HD/BTCTW chưa "
    "xác minh được; điểm năm lấy trung bình cộng điểm quý I, II, III và điểm đánh giá cuối "
    "năm (tính thay quý IV), theo tỷ lệ thời gian công tác thực tế của từng quý",
)
"""What :attr:`RollUp.FOLD_Q4` assumes; shown in the result's findings and assumptions."""
_MIXED_ASSUMPTION = Reason(
    "ASSUMED: months and quarters together weigh by their length (a quarter counts as three "
    "months); NĐ 335/2025/NĐ-CP Điều 21 speaks of monthly or quarterly scores, not a mix",
    "GIẢ ĐỊNH: kết hợp kỳ tháng và kỳ quý thì tính theo độ dài (một quý bằng ba tháng); "
    "Nghị định 335/2025/NĐ-CP Điều 21 chỉ nói điểm các tháng hoặc các quý",
)
"""What :attr:`RollUp.AVERAGE` assumes when the periods mix months and quarters."""

_SHOWN = Rounding()  # two decimals, half up, exact: for the explanations only


def roll_up(
    evaluations: Iterable[Evaluation],
    *,
    scheme: Scheme,
    year: int,
    method: RollUp = RollUp.AVERAGE,
    worked: Mapping[str, Fraction | Decimal | str | int] | None = None,
) -> Evaluation:
    """Combine one cadre's period evaluations into the evaluation of ``year``.

    Each period weighs its length in months (a month 1, a quarter 3; under
    :attr:`RollUp.FOLD_Q4` the year-end evaluation 3, for Q4) times the share
    of it worked; periods with nothing worked are left out. The band comes
    from the exact mean (or the rounded score if the scheme bands on it);
    each period's circumstances go through the scheme's vetoes, so discipline
    in any period caps the year. The scheme's item conditions are not checked
    again: the year has no items, and each period's evaluation applied them.

    Args:
        evaluations: One cadre's months or quarters (AVERAGE), or Q1-Q3 and
            the year-end evaluation (FOLD_Q4), from any assignments and units,
            in any order; each on the scheme's scale.
        scheme: Bands, vetoes and rounding for the year.
        year: The calendar year rolled up.
        method: :attr:`RollUp.AVERAGE` (default) or :attr:`RollUp.FOLD_Q4`.
        worked: Share (0 to 1, exact) of a period actually worked, by period
            (``{"2026-Q2": "0.5"}``); periods not named count fully.

    Returns:
        An evaluation of ``Period(year)`` with no items or parts whose
        findings name every period, its weight and the method's source;
        discipline is merged (any period), supports not delivered are joined,
        the other circumstances and the peer group are the latest period's.

    Raises:
        InvalidValue: No evaluations, another assignee, a period outside the
            year or of a kind the method does not take (a year for AVERAGE; a
            month or Q4 for FOLD_Q4), overlapping periods, FOLD_Q4 without a
            year-end evaluation, another scale, or nothing worked at all.
        OutOfPeriod, OutOfRange, InexactNumber: Subclasses of InvalidValue
            for a period of another year, a share outside [0, 1], a float.
        DuplicateId: Two evaluations, or two shares, for the same period.
        UnknownReference: A share for a period no evaluation covers.
        InvalidDocument: Several of these at once.

    References:
        NĐ 335/2025/NĐ-CP Điều 21 (AVERAGE); HD 43-HD/BTCTW (FOLD_Q4).

    """
    given = _as_list(evaluations)
    Period(year)  # refuses a bad year, with the path "year"
    if not isinstance(method, RollUp):
        raise InvalidValue("method", method, "RollUp.AVERAGE or RollUp.FOLD_Q4")
    collect(_check(given, year, method, scheme), "the period evaluations")
    shares = _shares(given, worked)
    entries = sorted(given, key=lambda e: (e.period.end, e.period.start))
    weights = {e.period: shares[e.period] * _span(e.period) for e in entries}
    if not any(weights.values()):
        raise InvalidValue("worked", worked, "at least one period with some time worked")
    whole = sum(weights.values(), Fraction(0))
    total = sum((weights[e.period] * e.total for e in entries), Fraction(0)) / whole
    score = scheme.rounding(total)
    band = scheme.band_for(Fraction(score) if scheme.band_on_rounded else total)

    assumptions: list[Reason] = []
    if method is RollUp.FOLD_Q4:
        assumptions.append(_FOLD_ASSUMPTION)
    if {e.period.kind for e in entries} == {"month", "quarter"}:
        assumptions.append(_MIXED_ASSUMPTION)
    latest = entries[-1]
    findings = _findings(entries, shares, weights, method, assumptions)
    findings.extend(_uncovered(entries, year))
    if len({e.peer_group for e in entries}) > 1:
        findings.append(_note(method, Reason(
            f"peer groups differ across the year; the latest, {latest.peer_group!r}, is kept",
            f"nhóm chức danh thay đổi trong năm; lấy nhóm của kỳ cuối, {latest.peer_group!r}",
        )))  # fmt: skip
    if scheme.conditions:
        findings.append(_note(method, Reason(
            "the year has no items of its own: the scheme's item conditions are not checked "
            "again (each period's evaluation applied them)",
            "năm không có chỉ tiêu, nhiệm vụ riêng: không xét lại điều kiện theo chỉ tiêu của "
            "phương án chấm (đã xét trong đánh giá từng kỳ)",
        )))  # fmt: skip
    rating = _capped(band, entries, scheme, findings)
    merged = _merged(entries)
    rated = True
    candidates: tuple[Rating, ...] = ()
    if scheme.eligibility is not None:
        # Eligibility is about the year: the latest period's months worked and leave.
        check = scheme.eligibility.check(Period(year), merged, scheme=scheme.name)
        for f in check.findings:
            if f.kind is FindingKind.VETO:
                after = min(rating, check.cap)
                findings.append(attrs.evolve(f, before=rating, after=after))
                rating = after
            else:
                findings.append(f)
        rated = check.rated
        candidates = (rating,) if check.refer else ()
    return Evaluation(
        assignment=f"roll-up:{latest.assignee}:{year}",
        assignee=latest.assignee,
        period=Period(year),
        scheme=scheme.name,
        scheme_version=scheme.version,
        items=(),
        parts=(),
        total=total,
        score=score,
        scale=scheme.scale,
        band=band,
        rating=rating,
        findings=tuple(findings),
        peer_group=latest.peer_group,
        circumstances=merged,
        legal_basis=tuple(dict.fromkeys((*scheme.legal_basis, method.legal_basis))),
        assumptions=(*scheme.assumptions, *assumptions),
        candidates=candidates,
        rated=rated,
        readings=scheme.readings,
        agency=latest.agency,
    )


def _note(method: RollUp, reason: Reason) -> Finding:
    return Finding(
        FindingKind.ROLL_UP,
        before=None,
        after=None,
        reason=reason,
        basis=method.legal_basis,
        clause=f"roll-up/{method.value}",
    )


def _findings(
    entries: Sequence[Evaluation],
    shares: Mapping[Period, Fraction],
    weights: Mapping[Period, Fraction],
    method: RollUp,
    assumptions: Sequence[Reason],
) -> list[Finding]:
    """The method, its assumptions, then every period with its weight, in time order."""
    basis = method.legal_basis
    whole = sum(weights.values(), Fraction(0))
    findings = [_note(method, _METHOD[method])]
    findings.extend(
        Finding(
            FindingKind.ASSUMPTION,
            before=None,
            after=None,
            reason=a,
            basis=basis,
            clause=f"roll-up/{method.value}/assumption",
        )
        for a in assumptions
    )
    for e in entries:
        findings.append(_period_finding(e, shares[e.period], weights[e.period] / whole, method))
    return findings


def _capped(
    band: Rating, entries: Sequence[Evaluation], scheme: Scheme, findings: list[Finding]
) -> Rating:
    """``band`` capped by what each period's circumstances trigger among the vetoes."""
    rating = band
    for e in entries:
        # A discipline already counted in another period is not counted again.
        facts = attrs.evolve(
            e.circumstances,
            disciplines=tuple(
                d
                for d in e.circumstances.disciplines
                if d.counted_in is None or d.counted_in.year == e.period.year
            ),
        )
        for veto in scheme.vetoes:
            hit = veto((), facts)
            if hit is None:
                continue
            cap, why = hit
            if isinstance(why, NotGiven):
                continue  # the period's own evaluation reports it as not checked
            if isinstance(why, Incomplete):
                findings.append(
                    Finding(
                        FindingKind.NOT_CHECKED,
                        before=None,
                        after=None,
                        reason=Reason(
                            f"{e.period}: {why.en}; not applied in the roll-up (the period's "
                            "own evaluation refers it to the council)",
                            f"{e.period.vietnamese()}: {why.vi}; không áp dụng khi tổng hợp "
                            "(kết quả kỳ đó chuyển hội đồng xem xét)",
                        ),
                        basis=repr(veto),
                        clause=f"{scheme.name}/veto/{clause_part(veto)}",
                    )
                )
                continue
            after = min(rating, cap)
            reason = Reason(f"{e.period}: {why.en}", f"{e.period.vietnamese()}: {why.vi}")
            findings.append(
                Finding(
                    FindingKind.VETO,
                    before=rating,
                    after=after,
                    reason=reason,
                    basis=repr(veto),
                    clause=f"{scheme.name}/veto/{clause_part(veto)}",
                )
            )
            rating = after
    return rating


def _as_list(evaluations: object) -> list[Evaluation]:
    if isinstance(evaluations, Evaluation | str | bytes | Mapping) or not isinstance(
        evaluations, Iterable
    ):
        raise InvalidValue("evaluations", evaluations, "a list of period evaluations")
    given = list(evaluations)
    if not given:
        raise InvalidValue("evaluations", (), "at least one period evaluation")
    for index, e in enumerate(given):
        if not isinstance(e, Evaluation):
            raise InvalidValue(f"evaluations[{index}]", e, "an Evaluation")
    return given


def _refusal(period: Period, method: RollUp) -> str | None:
    """What the method takes instead of ``period``, or None if it takes it."""
    if method is RollUp.AVERAGE:
        if period.kind == "year":
            return (
                "a month or a quarter: RollUp.AVERAGE averages period scores into the year "
                "(NĐ 335/2025/NĐ-CP Điều 21)"
            )
        return None
    if period.kind == "month":
        return "a quarter (Q1-Q3) or the year-end evaluation for RollUp.FOLD_Q4"
    if period.quarter == 4:
        return (
            "Q1, Q2, Q3 or the year-end evaluation: HD 43-HD/BTCTW has no separate Q4 rating, "
            "the year-end evaluation stands for Q4"
        )
    return None


def _months(period: Period) -> frozenset[int]:
    """The months of the year a period stands for; a year-end evaluation stands for Q4."""
    if period.month is not None:
        return frozenset({period.month})
    quarter = 4 if period.quarter is None else period.quarter
    return frozenset(range(3 * quarter - 2, 3 * quarter + 1))


def _span(period: Period) -> int:
    return len(_months(period))


def _check(
    given: Sequence[Evaluation], year: int, method: RollUp, scheme: Scheme
) -> list[FieldError]:
    errors: list[FieldError] = []
    first = given[0]
    seen: dict[Period, int] = {}
    for index, e in enumerate(given):
        path = f"evaluations[{index}]"
        if e.assignee != first.assignee:
            errors.append(InvalidValue(
                f"{path}.assignee", e.assignee,
                f"{first.assignee!r}, the assignee of evaluations[0]: one cadre's periods",
            ))  # fmt: skip
        if e.scale != scheme.scale:
            errors.append(InvalidValue(
                f"{path}.scale", e.scale, f"{scheme.scale}, the scale of {scheme.name}"
            ))  # fmt: skip
        if e.period.year != year:
            errors.append(OutOfPeriod(f"{path}.period", str(e.period), f"a period of {year}"))
            continue
        refusal = _refusal(e.period, method)
        if refusal is not None:
            errors.append(InvalidValue(f"{path}.period", str(e.period), refusal))
            continue
        for other, at in seen.items():
            if other == e.period:
                errors.append(DuplicateId(
                    f"{path}.period", str(e.period),
                    f"one evaluation per period; evaluations[{at}] is also for {other}",
                ))  # fmt: skip
            elif _months(other) & _months(e.period):
                errors.append(InvalidValue(
                    f"{path}.period", str(e.period),
                    f"a period not overlapping {other} (evaluations[{at}])",
                ))  # fmt: skip
        seen.setdefault(e.period, index)
    if method is RollUp.FOLD_Q4 and not any(e.period == Period(year) for e in given):
        errors.append(InvalidValue(
            "evaluations", tuple(str(e.period) for e in given),
            f"a year-end evaluation for {year}, which stands for Q4 (HD 43-HD/BTCTW)",
        ))  # fmt: skip
    return errors


def _shares(given: Sequence[Evaluation], worked: object) -> dict[Period, Fraction]:
    shares = {e.period: Fraction(1) for e in given}
    if worked is None:
        return shares
    if not isinstance(worked, Mapping):
        raise InvalidValue("worked", worked, "a mapping from period to the share worked")
    known = ", ".join(str(e.period) for e in sorted(given, key=lambda e: e.period))
    named: dict[Period, object] = {}
    errors: list[FieldError] = []
    for key, value in worked.items():
        path = key_path("worked", str(key))
        try:
            period = key if isinstance(key, Period) else Period.parse(key)
        except FieldError:
            period = None
        if period not in shares:
            errors.append(UnknownReference(path, key, f"the period of an evaluation: {known}"))
            continue
        assert period is not None
        if period in named:
            errors.append(DuplicateId(
                path, key, f"one share per period; {named[period]!r} is also {period}"
            ))  # fmt: skip
            continue
        named[period] = key
        try:
            share = to_fraction(value)
        except FieldError as err:
            errors.append(err.with_prefix(path))
            continue
        if not 0 <= share <= 1:
            errors.append(OutOfRange(path, value, "a share of the period worked, from 0 to 1"))
            continue
        shares[period] = share
    collect(errors, "worked")
    return shares


def _period_finding(e: Evaluation, share: Fraction, weight: Fraction, method: RollUp) -> Finding:
    basis = method.legal_basis
    what, what_vi = str(e.period), e.period.vietnamese()
    if e.period.kind == "year":
        what, what_vi = (
            f"{what} year-end (for Q4)",
            f"đánh giá cuối {what_vi.lower()} (thay quý IV)",
        )
    source = f"{e.assignment}, {e.scheme}"
    if not share:
        clause = f"roll-up/{method.value}/not-worked"
        return Finding(FindingKind.MISSING, before=None, after=None, clause=clause, reason=Reason(
            f"{what} ({source}): nothing worked, left out (total {_SHOWN(e.total)} not counted)",
            f"{what_vi} ({source}): không có thời gian công tác thực tế, không tính "
            f"({_SHOWN(e.total)} điểm)",
        ), basis=basis)  # fmt: skip
    part = "" if share == 1 else f", {share!s} worked"
    part_vi = "" if share == 1 else f", công tác {share!s} thời gian"
    pct = f"{_SHOWN(weight * 100)}%"
    clause = f"roll-up/{method.value}/period"
    return Finding(FindingKind.ROLL_UP, before=None, after=None, clause=clause, reason=Reason(
        f"{what} ({source}): total {_SHOWN(e.total)}{part}, weight {pct}",
        f"{what_vi} ({source}): {_SHOWN(e.total)} điểm{part_vi}, trọng số {pct}",
    ), basis=basis)  # fmt: skip


def _uncovered(entries: Sequence[Evaluation], year: int) -> list[Finding]:
    covered = frozenset().union(*(_months(e.period) for e in entries))
    labels: list[str] = []
    labels_vi: list[str] = []
    for quarter in range(1, 5):
        months = _months(Period(year, quarter=quarter))
        if not months & covered:
            labels.append(str(Period(year, quarter=quarter)))
            labels_vi.append(Period(year, quarter=quarter).vietnamese())
            continue
        for m in sorted(months - covered):
            labels.append(str(Period(year, month=m)))
            labels_vi.append(Period(year, month=m).vietnamese())
    if not labels:
        return []
    clause = "roll-up/uncovered"
    return [Finding(FindingKind.MISSING, before=None, after=None, clause=clause, reason=Reason(
        f"no evaluation for {', '.join(labels)}: the year is averaged over the periods given",
        f"không có kết quả đánh giá {', '.join(labels_vi)}: điểm năm tính trên các kỳ có kết quả",
    ))]  # fmt: skip


def _merged(entries: Sequence[Evaluation]) -> Circumstances:
    latest = entries[-1].circumstances
    supports = dict.fromkeys(s for e in entries for s in e.circumstances.supports_not_delivered)
    disciplines: dict[tuple[str, str], Discipline] = {}
    for e in entries:
        for d in e.circumstances.disciplines:
            disciplines.setdefault((d.violation, d.level.value), d)
    return attrs.evolve(
        latest,
        disciplined=any(e.circumstances.disciplined for e in entries),
        supports_not_delivered=tuple(supports),
        disciplines=tuple(disciplines.values()),
    )
