"""Golden snapshot of the consequence rules: a generated cohort under every preset.

The cohort is built in code, without randomness: 31 cadres over 2018-2026
whose histories between them meet every clause of every preset in
:data:`khoan.consequences.RULES` and every exception and mitigation --
force majeure, under a year in post (and exactly one calendar year),
non-consecutive years within and across terms, protection from dismissal,
undelivered support, confidence votes of 50%, 55% and 70%, the unit's
completion at 65%, 70% and 75%, basic socio-economic targets missed. For each preset, and for
``strongest(*RULES.values())``, ``recommend`` is applied to the cohort and
the recommendations are written to ``tests/snapshots/consequences.json``, so
a change to a rule shows up as a reviewable diff. Regenerate the file, after
checking that the change is intended, with:

    KHOAN_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_consequence_snapshots.py
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from khoan import Category, Circumstances, Evaluation, Rating, Status, Tag, Term
from khoan._facts.report import ExcuseKind
from khoan.consequences import (
    RULES,
    ClauseRule,
    History,
    Recommendation,
    Step,
    TransferRule,
    not_recommended,
    recommend,
    strongest,
)
from khoan.testing import GOOD, NA, OK, evaluation, history, item

SNAPSHOT = Path(__file__).parent / "snapshots" / "consequences.json"
UPDATE = os.environ.get("KHOAN_UPDATE_SNAPSHOTS") == "1"

CADRE = Category.CADRE
CIVIL = Category.CIVIL_SERVANT
PUBLIC = Category.PUBLIC_EMPLOYEE
EXCELLENT = Rating.EXCELLENT


def unit(share: str, **facts: object) -> Circumstances:
    """Circumstances with the unit's completion share and any other facts."""
    return Circumstances(unit_completion=share, **facts)


def excused_year(
    cadre: str,
    year: int,
    rating: Rating,
    *excuses: Sequence[ExcuseKind],
    circumstances: Circumstances | None = None,
) -> Evaluation:
    """A year with one failed item per entry of ``excuses`` (each with those excuses)."""
    items = [
        item(f"i{n}", Status.NOT_COMPLETED, excused=kinds) for n, kinds in enumerate(excuses, 1)
    ]
    return evaluation(cadre, year, rating, [*items, item("done")], circumstances)


def made(cadre: str, evaluations: Iterable[Evaluation], **facts: object) -> History:
    """A history from explicit evaluations."""
    return History(cadre, evaluations=tuple(evaluations), **facts)


def cohort() -> tuple[History, ...]:
    """The generated cohort: each cadre's id names the case it stands for."""
    fm, oc = ExcuseKind.FORCE_MAJEURE, ExcuseKind.OBJECTIVE_CAUSE
    innovation, support = ExcuseKind.APPROVED_INNOVATION, ExcuseKind.SUPPORT_NOT_DELIVERED
    fine = unit("0.9")
    return (
        # --- the Vĩnh Phúc pilot and the latest year
        history("pilot-na-2021", {2021: NA}, circumstances={2021: fine}),
        history("pilot-recovered-2022", {2021: NA, 2022: GOOD}),
        history("achieved-throughout", {2021: GOOD, 2022: EXCELLENT, 2023: OK}),
        made(
            "quarters-na-2026",
            [
                evaluation("quarters-na-2026", 2025, GOOD),
                evaluation("quarters-na-2026", "Q1/2026", NA),
                evaluation("quarters-na-2026", "Q2/2026", NA),
            ],
            category=CIVIL,
        ),
        # --- Luật CBCC 2019: consecutive years
        history("cadre-na-2021-2022", {2021: NA, 2022: NA}),
        history("cs-na-2022-2023", {2022: NA, 2023: NA}, category=CIVIL, is_leader=False),
        history(
            "cs-na-2022-2023-protected",
            {2022: NA, 2023: NA},
            category=CIVIL,
            is_leader=False,
            protected_from_dismissal=True,
        ),
        history("pe-na-2022-2023", {2022: NA, 2023: NA}, category=PUBLIC, is_leader=False),
        # --- Luật CBCC 2019: non-consecutive years, within and across terms
        history(
            "cs-leader-2021-2023-one-term",
            {2021: NA, 2022: GOOD, 2023: NA},
            category=CIVIL,
            term=Term("2021-01-01", "2025-12-31"),
            circumstances={2023: fine},
        ),
        history(
            "cs-leader-2020-2022-two-terms",
            {2020: NA, 2021: OK, 2022: NA},
            category=CIVIL,
            term=Term("2021-01-01", "2025-12-31"),
            circumstances={2022: fine},
        ),
        history(
            "cs-leader-2021-2023-no-term",
            {2021: NA, 2022: OK, 2023: NA},
            category=CIVIL,
            circumstances={2023: fine},
        ),
        history(
            "cs-2022-2024-in-3-years",
            {2022: NA, 2023: GOOD, 2024: NA},
            category=CIVIL,
            is_leader=False,
        ),
        history(
            "cs-2021-2024-not-in-3-years",
            {2021: NA, 2022: OK, 2023: OK, 2024: NA},
            category=CIVIL,
            is_leader=False,
        ),
        # --- QĐ 41-QĐ/TW: confidence votes
        history("vote-50", {2023: OK}, circumstances={2023: unit("1", low_confidence_share="0.5")}),
        history(
            "vote-55", {2023: OK}, circumstances={2023: unit("1", low_confidence_share="0.55")}
        ),
        history(
            "vote-70", {2023: OK}, circumstances={2023: unit("1", low_confidence_share="0.70")}
        ),
        # --- QĐ 377-QĐ/TW: the unit's results
        history("unit-65", {2025: OK}, circumstances={2025: unit("0.65")}, post_since="2020-07-01"),
        history("unit-70", {2025: OK}, circumstances={2025: unit("0.70")}, post_since="2020-07-01"),
        history("unit-75", {2025: OK}, circumstances={2025: unit("0.75")}, post_since="2020-07-01"),
        history(
            "unit-basic-missed",
            {2025: GOOD},
            circumstances={2025: unit("0.9", basic_targets_missed=True)},
            post_since="2020-07-01",
        ),
        made(
            "unit-basic-missed-by-items",
            [
                evaluation(
                    "unit-basic-missed-by-items",
                    2025,
                    OK,
                    [
                        item("tang-truong", tags=[Tag.BASIC_SOCIO_ECONOMIC]),
                        item(
                            "thu-ngan-sach", Status.NOT_COMPLETED, tags=[Tag.BASIC_SOCIO_ECONOMIC]
                        ),
                        item("giai-ngan", tags=[Tag.BASIC_SOCIO_ECONOMIC]),
                        item("thu-nhap", tags=[Tag.BASIC_SOCIO_ECONOMIC]),
                        item("ho-ngheo", tags=[Tag.BASIC_SOCIO_ECONOMIC]),
                    ],
                )
            ],
            post_since="2020-07-01",
        ),
        history(
            "unit-60-force-majeure",
            {2025: NA},
            circumstances={2025: unit("0.6", force_majeure=True)},
            post_since="2020-07-01",
        ),
        history(
            "unit-50-under-a-year",
            {2025: OK},
            circumstances={2025: unit("0.5")},
            post_since="2025-03-01",
        ),
        history(
            "unit-50-in-post-since-jan-1",
            {2025: OK},
            circumstances={2025: unit("0.5")},
            post_since="2025-01-01",
        ),
        history(
            "unit-50-not-a-leader",
            {2025: OK},
            circumstances={2025: unit("0.5")},
            category=CIVIL,
            is_leader=False,
        ),
        # --- mitigation: "không khoán trắng"
        history(
            "support-not-delivered",
            {2024: NA},
            circumstances={2024: Circumstances(supports_not_delivered=["von-giai-phong-mat-bang"])},
        ),
        made(
            "cs-excused-objective-2024",
            [
                evaluation("cs-excused-objective-2024", 2023, NA),
                excused_year("cs-excused-objective-2024", 2024, NA, [oc]),
            ],
            category=CIVIL,
            is_leader=False,
        ),
        made(
            "excused-partly-innovation",
            [excused_year("excused-partly-innovation", 2024, NA, [innovation], [])],
        ),
        made(
            "excused-force-majeure-items",
            [excused_year("excused-force-majeure-items", 2025, NA, [fm, oc])],
            post_since="2020-07-01",
        ),
        made(
            "cs-leader-excused-middle-year",
            [
                evaluation("cs-leader-excused-middle-year", 2018, NA),
                excused_year("cs-leader-excused-middle-year", 2020, NA, [support]),
                evaluation("cs-leader-excused-middle-year", 2022, NA, circumstances=fine),
            ],
            category=CIVIL,
            term=Term("2018-01-01", "2022-12-31"),
        ),
        # --- due process: steps done, decision date given
        history(
            "cs-steps-done",
            {2025: NA, 2026: NA},
            category=CIVIL,
            steps_done=[Step.WRITTEN_NOTICE, Step.REPLY],
            as_of="2027-01-15",
        ),
    )


# ----------------------------------------------------------------- to JSON


def _facts(e: Evaluation) -> dict[str, Any]:
    c = e.circumstances
    shown: dict[str, Any] = {
        "unit_completion": None if c.unit_completion is None else str(c.unit_completion),
        "basic_targets_missed": c.basic_targets_missed,
        "force_majeure": c.force_majeure or None,
        "low_confidence_share": None
        if c.low_confidence_share is None
        else str(c.low_confidence_share),
        "supports_not_delivered": list(c.supports_not_delivered) or None,
    }
    return {k: v for k, v in shown.items() if v is not None}


def dump_history(h: History) -> dict[str, Any]:
    """The facts of one cadre the rules read, for a reader of the snapshot."""
    return {
        "cadre": h.cadre,
        "category": h.category.value,
        "is_leader": h.is_leader,
        "post_since": h.post_since.isoformat() if h.post_since else None,
        "term": [h.term.start.isoformat(), h.term.end.isoformat()] if h.term else None,
        "protected_from_dismissal": h.protected_from_dismissal,
        "steps_done": [s.value for s in h.steps_done],
        "as_of": h.as_of.isoformat() if h.as_of else None,
        "periods": [
            {
                "period": str(e.period),
                "rating": e.rating.value,
                "items": {
                    r.item: r.status.value
                    + "".join(f" +{k.value}" for k in sorted(r.excused, key=lambda k: k.value))
                    for r in e.items
                },
                "circumstances": _facts(e),
            }
            for e in h.evaluations
        ],
    }


def dump_recommendation(r: Recommendation) -> dict[str, Any]:
    """A recommendation with what it rests on, in English."""
    return {
        "cadre": r.cadre,
        "action": r.action.value,
        "automatic_action": r.automatic_action.value,
        "rule": r.rule,
        "clause": r.clause.en,
        "legal_basis": list(r.legal_basis),
        "triggered_by": [t.period for t in r.triggered_by],
        "alternatives": [a.value for a in r.alternatives],
        "mitigations": [
            {"kind": m.kind, "period": m.period, "effect": m.effect.en} for m in r.mitigations
        ],
        "exceptions": [x.en for x in r.exceptions],
        "notes": [n.en for n in r.notes],
        "due_process": [
            {"step": d.step.value, "due": d.due.isoformat() if d.due else None}
            for d in r.due_process
        ],
        "also": list(r.also),
        "assumptions": [a.en for a in r.assumptions],
        "schemes": [b.scheme for b in r.schemes],
        "safeguards_label": r.safeguards_label.en if r.safeguards_label else None,
    }


def rules() -> dict[str, TransferRule]:
    """Every preset, and the strongest of them all."""
    return {**RULES, "strongest": strongest(*RULES.values())}


def snapshot() -> dict[str, Any]:
    """The cohort's facts and, per rule, its recommendations, who has none, and why."""
    histories = cohort()
    out: dict[str, Any] = {"cohort": [dump_history(h) for h in histories], "rules": {}}
    for name, rule in rules().items():
        found = recommend(histories, rule)
        out["rules"][name] = {
            "recommendations": [dump_recommendation(r) for r in found],
            "no_recommendation": sorted({h.cadre for h in histories} - {r.cadre for r in found}),
            "not_recommended": [
                {"cadre": n.cadre, "not_achieved": list(n.not_achieved)}
                | {"reasons": [x.en for x in n.reasons]}
                for n in not_recommended(histories, rule)
            ],
        }
    return out


def render() -> str:
    """The snapshot as the JSON text kept in the file."""
    return json.dumps(snapshot(), ensure_ascii=False, indent=1) + "\n"


# ------------------------------------------------------------------- tests


def test_consequence_snapshot() -> None:
    """Every preset's recommendations for the cohort are exactly the reviewed ones."""
    actual = render()
    if UPDATE:
        SNAPSHOT.write_text(actual, encoding="utf-8")
    assert SNAPSHOT.exists(), f"no snapshot {SNAPSHOT.name}; run with KHOAN_UPDATE_SNAPSHOTS=1"
    assert actual == SNAPSHOT.read_text(encoding="utf-8")


def test_the_cohort_is_the_same_every_time() -> None:
    """No randomness: two builds give equal histories."""
    assert cohort() == cohort()


def test_cadre_ids_are_unique() -> None:
    ids = [h.cadre for h in cohort()]
    assert sorted(set(ids)) == sorted(ids)


def _presets() -> list[ClauseRule]:
    return [r for r in RULES.values() if isinstance(r, ClauseRule)]


def test_the_cohort_meets_every_clause_of_every_preset() -> None:
    """So a change to any clause shows in the snapshot."""
    histories = cohort()
    unmet = [
        f"{rule.name}:{clause.id}"
        for rule in _presets()
        for clause in rule.clauses
        if not any(clause.covers(h) and clause.find(h) for h in histories)
    ]
    assert unmet == []


def _seen(pick: Callable[[Recommendation], Iterable[str]]) -> set[str]:
    histories = cohort()
    return {x for rule in RULES.values() for h in histories if (r := rule(h)) for x in pick(r)}


def test_the_cohort_meets_every_exception_and_mitigation() -> None:
    """Force majeure, under a year in post, Điều 59; every excuse kind; every effect."""
    exceptions = " | ".join(_seen(lambda r: (x.en for x in r.exceptions)))
    kinds = _seen(lambda r: (m.kind for m in r.mitigations))
    effects = _seen(lambda r: (m.effect.en for m in r.mitigations))
    for words in ("force majeure confirmed", "under one year", "dismissal deferred"):
        assert words in exceptions
    assert {k.value for k in ExcuseKind} <= kinds
    assert {
        "the automatic action becomes a review",
        "noted; it does not cover every item that failed",
        "noted; the clause holds on the other periods without it",
    } <= effects
