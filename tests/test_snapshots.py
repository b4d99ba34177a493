"""Golden snapshots: both bundled examples under every preset.

A change to a rule shows up as a reviewable diff of these JSON files. Each
example is rated under every preset, also those not in force for its period
(``allow_out_of_force=True``): the snapshot then carries the out-of-force finding.
Regenerate them, after checking that the change is intended, with:

    KHOAN_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_snapshots.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from khoan import Cohort, Dossier, apply_quota, evaluate_dossier, io
from khoan.exceptions import KhoanError, flatten
from khoan.schemes import PRESETS

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("KHOAN_UPDATE_SNAPSHOTS") == "1"


def _dossier_snapshot(dossier: Dossier, scheme_name: str, cohort: Cohort | None) -> Any:
    try:
        evaluation = evaluate_dossier(
            dossier, scheme=PRESETS[scheme_name], cohort=cohort, allow_out_of_force=True
        )
    except KhoanError as err:
        return {"refused": [str(e) for e in flatten([err])]}
    return io.dump_evaluation(evaluation)


def snapshot(example: str, scheme_name: str) -> Any:
    document = io.load_example(example)
    if isinstance(document, Dossier):
        return _dossier_snapshot(document, scheme_name, None)
    scheme = PRESETS[scheme_name]
    evaluations = [
        evaluate_dossier(d, scheme=scheme, cohort=document, allow_out_of_force=True)
        for d in document
    ]
    out: dict[str, Any] = {
        "evaluations": [io.dump_evaluation(e) for e in evaluations],
    }
    if scheme.quota is not None:
        result = apply_quota(evaluations, scheme.quota)
        out["quota"] = {
            "ratings_after": {e.assignment: e.rating.value for e in result.evaluations},
            "moves": [
                {
                    "assignment": m.assignment,
                    "before": m.before.value,
                    "after": m.after.value,
                    "reason": m.reason.en,
                }
                for m in result.moves
            ],
        }
    return out


CASES = [(example, name) for example in io.example_names() for name in PRESETS]


@pytest.mark.parametrize(("example", "scheme_name"), CASES)
def test_snapshot(example: str, scheme_name: str) -> None:
    path = SNAPSHOTS / f"{example}__{scheme_name}.json"
    actual = json.dumps(snapshot(example, scheme_name), ensure_ascii=False, indent=1) + "\n"
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"no snapshot {path.name}; run with KHOAN_UPDATE_SNAPSHOTS=1"
    assert actual == path.read_text(encoding="utf-8")
