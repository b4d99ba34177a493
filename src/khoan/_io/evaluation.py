"""The JSON form of an evaluation (one way: evaluations are derived from facts)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from khoan._base.findings import Reason
from khoan._evaluation.evaluation import Evaluation
from khoan._io.codec import SCHEMA

__all__ = ["dump_evaluation"]


def dump_evaluation(evaluation: Evaluation) -> dict[str, Any]:
    """Return an evaluation as a JSON-ready dict (one way: evaluations are derived).

    Exact values are written as fractions in a string (``"1117/12"``) next to
    the rounded score; reasons in both languages. ``readings`` lists every
    choice khoan made for the scheme (topic, choice, and the reading in both
    languages) as data.
    """
    e = evaluation
    return {
        "schema": SCHEMA,
        "kind": "evaluation",
        "assignment": e.assignment,
        "assignee": e.assignee,
        "period": str(e.period),
        "peer_group": e.peer_group,
        "agency": e.agency,
        "scheme": e.scheme,
        "scheme_version": e.scheme_version,
        "total": _fraction_text(e.total),
        "score": str(e.score),
        "scale": _fraction_text(e.scale),
        "band": e.band.value,
        "rating": e.rating.value,
        "referred": e.referred,
        "candidates": [c.value for c in e.candidates],
        "rated": e.rated,
        "role": None if e.circumstances.role is None else e.circumstances.role.value,
        "agreement": None if e.agreement is None else _fraction_text(e.agreement),
        "parts": [
            {
                "id": p.id,
                "points": None if p.points is None else _fraction_text(p.points),
                "maximum": _fraction_text(p.maximum),
                "reasons": [_reason(r) for r in p.reasons],
            }
            for p in e.parts
        ],
        "items": [
            {
                "item": r.item,
                "points": None if r.points is None else _fraction_text(r.points),
                "maximum": _fraction_text(r.maximum),
                "achievement": None if r.achievement is None else _fraction_text(r.achievement),
                "status": r.status.value,
                "reasons": [_reason(x) for x in r.reasons],
            }
            for r in e.items
        ],
        "findings": [
            {
                "kind": f.kind.value,
                "clause": f.clause,
                "before": None if f.before is None else f.before.value,
                "after": None if f.after is None else f.after.value,
                "reason": _reason(f.reason),
                "basis": f.basis,
            }
            for f in e.findings
        ],
        "legal_basis": list(e.legal_basis),
        "assumptions": [_reason(a) for a in e.assumptions],
        "readings": [
            {"topic": r.topic, "choice": r.choice, **_reason(r.reason)} for r in e.readings
        ],
        "override": None
        if e.override is None
        else {
            "by": e.override.by,
            "on": e.override.on.isoformat(),
            "reason": e.override.reason,
            "legal_basis": list(e.override.legal_basis),
            "before": e.override.before.value,
            "after": e.override.after.value,
        },
    }


def _fraction_text(value: Fraction) -> str:
    return str(value)


def _reason(reason: Reason) -> dict[str, str]:
    return {"en": reason.en, "vi": reason.vi}
