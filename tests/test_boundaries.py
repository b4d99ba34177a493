"""Boundary tests: every preset at each band edge, and what each preset cites and assumes.

A dossier is built so that its exact total under the preset is a chosen
number (90, 89.99, 89.996, ...), with every condition of the rating
satisfied (every item completed on time, half of them exceeded), and the
band, rating and rounded score are checked. Bands use the exact total, so
89.996 stays Good although its score is reported as 90.00; a scheme with
``band_on_rounded=True`` rates that score instead.
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
import re
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from khoan import (
    Assignee,
    Assignment,
    Council,
    Criterion,
    Dossier,
    Evaluation,
    Indicator,
    Item,
    Member,
    Outcome,
    Rating,
    Report,
    Scoresheet,
    Task,
    evaluate_dossier,
)
from khoan.schemes import PRESETS, VINH_PHUC_2021, Part, Rounding, Scheme, Source, share_exceeded
from khoan.scoring import ItemContext
from khoan.testing import nothing_adverse, timeless

E, G, A, N = Rating.EXCELLENT, Rating.GOOD, Rating.ACHIEVED, Rating.NOT_ACHIEVED
PRESET_NAMES = list(PRESETS)

_DUE = dt.date(2024, 12, 31)
_DONE = dt.date(2024, 11, 30)

EDGES: list[tuple[str, Rating, str, Rating]] = [
    # exact total, band of the exact total, score (2 places, half up), band of the score
    ("100", E, "100.00", E),
    ("90", E, "90.00", E),
    ("89.999999999", G, "90.00", E),
    ("89.996", G, "90.00", E),
    ("89.995", G, "90.00", E),
    ("89.994", G, "89.99", G),
    ("89.99", G, "89.99", G),
    ("70", G, "70.00", G),
    ("69.999999999", A, "70.00", G),
    ("69.996", A, "70.00", G),
    ("69.995", A, "70.00", G),
    ("69.994", A, "69.99", A),
    ("69.99", A, "69.99", A),
    ("50", A, "50.00", A),
    ("49.999999999", N, "50.00", A),
    ("49.996", N, "50.00", A),
    ("49.995", N, "50.00", A),
    ("49.994", N, "49.99", N),
    ("49.99", N, "49.99", N),
]
"""Each band edge, the largest 2-place score below it, and totals that round up onto it."""


# -------------------------------------------------------------------- builder


def _reads_council_points(rule: object) -> bool:
    """Whether an item rule scores an item from the council's points."""
    probe = Task("probe", title="probe", weight=2)
    assignment = Assignment(
        "probe",
        issuer="tinh-uy",
        assignee=Assignee.cadre("bt"),
        period=2024,
        items=[probe],
        issued_on="2024-01-01",
    )
    assert callable(rule)
    result = rule(probe, None, [Scoresheet("m1", items={"probe": 1})], ItemContext(assignment))
    return bool(result.points == 1)


def _items(weights: tuple[Decimal, Decimal]) -> tuple[Item, ...]:
    return (
        Indicator(
            "i1",
            title="Thu ngân sách",
            target=10,
            weight=weights[0],
            deadline=_DUE,
            measure="tỷ đồng",
        ),
        Task("t1", title="Thành lập chi bộ", weight=weights[1], deadline=_DUE),
    )


def _outcomes(failed_reviews: int) -> list[Outcome]:
    """i1 exceeded (12 against 10), t1 done; both a month early."""
    return [
        Outcome("i1", actual=12, completed_on=_DONE, failed_reviews=failed_reviews),
        Outcome("t1", done=True, completed_on=_DONE),
    ]


def dossier_at(
    scheme: Scheme, total: Decimal, offsets: Sequence[Decimal] = (Decimal(0),)
) -> Dossier:
    """A dossier whose exact total under ``scheme`` is ``total + mean(offsets)``.

    Every item is completed a month before its deadline and one of the two
    exceeds its target. Where the council scores the items, each part gets
    ``total × part maximum / scale``; otherwise (NĐ 335 computes the items
    from the outcomes) the items earn all 70 points, or 49 with four failed
    reviews of a 9-in-10 item when the total is too low for 70, and the
    general criteria make up the rest. ``offsets`` give one member each, who
    add them to the first council-scored thing, so the total can be an exact
    non-decimal fraction.
    """
    (items_part,) = [p for p in scheme.parts if p.source is Source.ITEMS]
    criteria_parts = [p for p in scheme.parts if p.source is Source.CRITERIA]
    assert len(criteria_parts) + 1 == len(scheme.parts), "only items and criteria parts"
    scale = Decimal(int(scheme.scale))
    council_items = _reads_council_points(items_part.rule)

    def share(part: Part, of: Decimal, among: Decimal) -> Decimal:
        return of * Decimal(int(part.maximum)) / among

    failed_reviews = 0
    if council_items:
        half = Decimal(int(items_part.maximum)) / 2
        weights = (half, half)
        item_points = share(items_part, total, scale)
        per_item = {"i1": item_points / 2, "t1": item_points / 2}
        rest, among = total, scale
    else:
        if total >= 70:
            weights, results = (Decimal(1), Decimal(1)), Decimal(70)
        else:
            failed_reviews = 4  # i1's quality share drops to 0: (1 + 0 + 1) / 3
            weights, results = (Decimal(9), Decimal(1)), Decimal(49)
        per_item = {}
        rest = total - results
        among = sum((Decimal(int(p.maximum)) for p in criteria_parts), Decimal(0))
    criteria = [
        Criterion(
            p.criteria[0] if p.criteria else f"{p.id}-tc",
            title=p.title or p.id,
            maximum=p.maximum.numerator,
        )
        for p in criteria_parts
    ]
    per_criterion = {
        c.id: share(p, rest, among) for c, p in zip(criteria, criteria_parts, strict=True)
    }
    for points in (*per_item.values(), *per_criterion.values()):
        assert points >= 0, f"cannot reach {total} under {scheme.name}"
    first = "i1" if per_item else criteria[0].id
    sheets = []
    for n, offset in enumerate(offsets, start=1):
        items = {**per_item}
        marks = {**per_criterion}
        target = items if first in items else marks
        target[first] += offset
        sheets.append(Scoresheet(f"m{n}", items=items, criteria=marks))
    assignment = Assignment(
        "giao-2024",
        issuer="tinh-uy",
        assignee=Assignee.cadre("bi-thu"),
        period=2024,
        items=_items(weights),
        issued_on="2024-01-01",
    )
    council = Council(
        "hd",
        name="Hội đồng tư vấn",
        members=[Member(f"m{n}", name=f"Ủy viên {n}") for n in range(1, len(offsets) + 1)],
        criteria=criteria,
    )
    return Dossier(
        assignment,
        report=Report("2024-12-31", outcomes=_outcomes(failed_reviews)),
        council=council,
        scoresheets=sheets,
        # Every fact the presets' conditions and grounds ask about, favourable:
        # these tests are about the bands.
        circumstances=nothing_adverse(),
    )


def _evaluate(scheme: Scheme, total: str, offsets: Sequence[str] = ("0",)) -> Evaluation:
    dossier = dossier_at(scheme, Decimal(total), [Decimal(o) for o in offsets])
    return evaluate_dossier(dossier, scheme=timeless(scheme))


# ---------------------------------------------------------------------- edges


class TestBandEdges:
    """At and just below 90, 70 and 50 every preset rates the exact total.

    A total on an edge is in the band above it; anything below, however
    close, is in the band below, even when its score rounds up onto the
    edge. With ``band_on_rounded=True`` the rounded score decides instead.
    """

    @pytest.mark.parametrize(("total", "band", "score", "rounded_band"), EDGES)
    @pytest.mark.parametrize("name", PRESET_NAMES)
    def test_exact_total_decides(
        self, name: str, total: str, band: Rating, score: str, rounded_band: Rating
    ) -> None:
        evaluation = _evaluate(PRESETS[name], total)
        assert evaluation.total == Fraction(total)
        assert evaluation.score == Decimal(score)
        assert evaluation.band is band
        assert evaluation.rating is band
        assert evaluation.findings == ()

    @pytest.mark.parametrize(("total", "band", "score", "rounded_band"), EDGES)
    @pytest.mark.parametrize("name", PRESET_NAMES)
    def test_band_on_rounded_uses_the_score(
        self, name: str, total: str, band: Rating, score: str, rounded_band: Rating
    ) -> None:
        scheme = attrs.evolve(PRESETS[name], band_on_rounded=True)
        evaluation = _evaluate(scheme, total)
        assert evaluation.total == Fraction(total)
        assert evaluation.score == Decimal(score)
        assert evaluation.band is rounded_band
        assert evaluation.rating is rounded_band

    @pytest.mark.parametrize("name", PRESET_NAMES)
    def test_mean_of_three_members_exactly_on_the_edge(self, name: str) -> None:
        """89.99, 90 and 90.01 average to exactly 90: Excellent."""
        evaluation = _evaluate(PRESETS[name], "90", ["-0.01", "0", "0.01"])
        assert evaluation.total == 90
        assert evaluation.rating is E

    @pytest.mark.parametrize("name", PRESET_NAMES)
    def test_mean_of_three_members_a_third_of_a_hundredth_below(self, name: str) -> None:
        """89.99, 89.99 and 90.01 average to 89.99666…: Good, reported as 90.00."""
        scheme = PRESETS[name]
        evaluation = _evaluate(scheme, "90", ["-0.01", "-0.01", "0.01"])
        assert evaluation.total == Fraction(26999, 300)
        assert evaluation.score == Decimal("90.00")
        assert evaluation.rating is G
        rounded = _evaluate(
            attrs.evolve(scheme, band_on_rounded=True), "90", ["-0.01", "-0.01", "0.01"]
        )
        assert rounded.rating is E

    @pytest.mark.parametrize(
        ("name", "rating"),
        [
            ("vinh-phuc-2021", E),
            ("qd-124-2023", E),
            ("qd-366-2025", N),  # not on time, then more than 20% late
            ("nd-90-2020", A),  # nothing exceeded in time, under 80% on time
            ("hanoi-3814-2018", E),
        ],
    )
    def test_completing_late_costs_what_the_preset_says(self, name: str, rating: Rating) -> None:
        """The edge tests rely on punctual items: completed after the deadline, the same
        points give the rating the preset's conditions leave."""
        evaluation = evaluate_dossier(_late(PRESETS[name]), scheme=timeless(PRESETS[name]))
        assert evaluation.total == 90
        assert evaluation.rating is rating

    def test_nd_335_completing_late_loses_timeliness(self) -> None:
        """Điều 14 c counts products completed on or ahead of schedule: completing after
        the deadline costs timeliness even with no delay recorded."""
        scheme = PRESETS["nd-335-2025"]
        evaluation = evaluate_dossier(_late(scheme), scheme=timeless(scheme))
        assert all(r.status.value == "completed_late" for r in evaluation.items)
        assert evaluation.total < 90
        assert evaluation.rating is G


def _late(scheme: Scheme) -> Dossier:
    """The dossier at exactly 90 with both items completed two weeks after their deadline."""
    dossier = dossier_at(scheme, Decimal(90))
    assert dossier.report is not None
    late = [attrs.evolve(o, completed_on=dt.date(2025, 1, 15)) for o in dossier.report.outcomes]
    return attrs.evolve(dossier, report=attrs.evolve(dossier.report, outcomes=late))


class TestRounding:
    """The score is the exact total rounded once, half up, to the scheme's places."""

    @pytest.mark.parametrize(
        ("total", "score"),
        [
            (Fraction(89995, 1000), "90.00"),
            (Fraction(89994999, 1000000), "89.99"),
            (Fraction(26999, 300), "90.00"),
            (Fraction(2, 3), "0.67"),
            (Fraction(1, 200), "0.01"),
        ],
    )
    def test_half_up(self, total: Fraction, score: str) -> None:
        assert Rounding()(total) == Decimal(score)

    @given(
        st.integers(0, 10**7),
        st.sampled_from([Fraction(0), Fraction(1, 2)]),
        st.integers(0, 40),
        st.sampled_from([-1, 0, 1]),
    )
    def test_rounds_the_exact_value_once(
        self, hundredths: int, half: Fraction, digits: int, side: int
    ) -> None:
        """Any total, a half step or a hair (down to 10⁻⁴⁰) off one: ⌊100 t + ½⌋ / 100."""
        total = (hundredths + half) / 100 + side * Fraction(1, 10**digits)
        assume(total >= 0)
        score = Rounding()(total)
        assert score.as_tuple().exponent == -2
        assert Fraction(score) == Fraction(math.floor(total * 100 + Fraction(1, 2)), 100)

    def test_a_hair_below_a_half_step_rounds_down(self) -> None:
        """Rounded once from the exact value, not from a 28-digit quotient first."""
        total = Fraction(89995, 1000) - Fraction(1, 10**30)
        assert Rounding()(total) == Decimal("89.99")
        scheme = attrs.evolve(VINH_PHUC_2021, band_on_rounded=True)
        assert scheme.band_for(Fraction(Rounding()(total))) is G

    def test_independent_of_the_decimal_context(self) -> None:
        """A caller's decimal context (here 3 digits) changes no score."""
        with decimal.localcontext() as context:
            context.prec = 3
            assert Rounding()(Fraction(8999, 100)) == Decimal("89.99")


# ---------------------------------------------------------- sources and basis

SILENT_OR_UNCONFIRMED: dict[str, str] = {
    "vinh-phuc-2021": "§1.2: QĐ 371's scale, item scoring and bands are UNCONFIRMED",
    "qd-124-2023": "§3.1: rates by criteria; it gives no point scale or bands",
    "qd-366-2025": "§3.2: the Not achieved wording is UNCONFIRMED",
    "nd-90-2020": "§3.3: the numeric Not achieved threshold is UNCONFIRMED",
    "nd-335-2025": "§3.4: the formula combining quantity, quality, timeliness is UNCONFIRMED",
    "hanoi-3814-2018": "",
}
"""What /work/shared/domain/regulations.md leaves open for each preset ("" if nothing)."""

# A document number as Vietnamese legal texts write it: 371-QĐ/TU, 25-HD/BTCTW,
# 90/2020/NĐ-CP, 3814-QĐ/TU.
_DOCUMENT_NUMBER = re.compile(r"\d+(/\d{4})?[-/](QĐ|NĐ|HD|TT|QH)")


class TestPresetSources:
    """Every preset cites its legal basis; where its source is silent or
    UNCONFIRMED it says what it assumes, in English and Vietnamese, and every
    evaluation carries both.
    """

    def test_every_preset_is_classified(self) -> None:
        assert set(SILENT_OR_UNCONFIRMED) == set(PRESETS)

    @pytest.mark.parametrize("name", PRESET_NAMES)
    def test_assumptions_where_the_source_is_silent(self, name: str) -> None:
        scheme = PRESETS[name]
        for assumption in scheme.assumptions:
            assert assumption.en.strip()
            assert assumption.vi.strip()
        if SILENT_OR_UNCONFIRMED[name]:
            assert scheme.assumptions
            assert any(
                "unconfirmed" in a.en.lower() or "assum" in a.en.lower() for a in scheme.assumptions
            )

    @pytest.mark.parametrize("name", PRESET_NAMES)
    def test_cites_a_legal_basis(self, name: str) -> None:
        scheme = PRESETS[name]
        assert scheme.legal_basis
        for basis in scheme.legal_basis:
            assert _DOCUMENT_NUMBER.search(basis), basis
        if scheme.quota is not None:
            assert scheme.quota.legal_basis
            assert all(_DOCUMENT_NUMBER.search(b) for b in scheme.quota.legal_basis)

    @pytest.mark.parametrize("name", PRESET_NAMES)
    def test_evaluation_carries_basis_and_assumptions(self, name: str) -> None:
        scheme = PRESETS[name]
        evaluation = _evaluate(scheme, "75")
        assert evaluation.legal_basis == scheme.legal_basis
        assert evaluation.assumptions == scheme.assumptions
        assert evaluation.readings == scheme.readings
        assert evaluation.scheme == scheme.name

    def test_a_scheme_without_basis_still_explains_a_failed_condition(self) -> None:
        scheme = attrs.evolve(
            VINH_PHUC_2021,
            legal_basis=(),
            conditions=((E, share_exceeded("1")),),
        )
        evaluation = evaluate_dossier(dossier_at(scheme, Decimal(95)), scheme=timeless(scheme))
        assert evaluation.rating is G
        assert [(f.kind, f.before, f.after) for f in evaluation.findings] == [("condition", E, G)]
