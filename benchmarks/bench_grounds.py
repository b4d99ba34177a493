"""Benchmark: the cost of issue 9's conditions, grounds and eligibility.

Prints figures; asserts nothing. In one run, on the same cohort: CPU time per
dossier under each preset as shipped, against the same preset with the issue-9
conditions and grounds removed (the version-1 shape), minimum of several runs;
and ``khoan.batch`` on a preset whose rules it can compute on columns against
one whose rules read facts (which now go to the object path).

Run: python benchmarks/bench_grounds.py [--dossiers N] [--repeat R]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import attrs
from bench_io import make_cohort

from khoan import Cohort, evaluate_dossier
from khoan.schemes import ND_90_2020 as _ND_90_2020
from khoan.schemes import QD_124_2023 as _QD_124_2023
from khoan.schemes import QD_366_2025 as _QD_366_2025
from khoan.schemes import VINH_PHUC_2021 as _VINH_PHUC_2021
from khoan.schemes import Scheme

# Benchmarks measure scoring on synthetic facts of any year, not dates of effect (issue 10).
ND_90_2020 = attrs.evolve(_ND_90_2020, in_force=None)
QD_124_2023 = attrs.evolve(_QD_124_2023, in_force=None)
QD_366_2025 = attrs.evolve(_QD_366_2025, in_force=None)
VINH_PHUC_2021 = attrs.evolve(_VINH_PHUC_2021, in_force=None)


def _cpu(work: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


def _run(cohort: Cohort, scheme: Scheme) -> Callable[[], object]:
    def work() -> object:
        return [evaluate_dossier(d, scheme=scheme) for d in cohort]

    return work


def _plain(scheme: Scheme) -> Scheme:
    """The scheme without role-specific conditions, fact-based grounds or eligibility."""
    conditions = tuple((r, c) for r, c in scheme.conditions if not hasattr(c, "roles"))
    vetoes = tuple(v for v in scheme.vetoes if type(v).__module__.endswith("vetoes"))
    return attrs.evolve(scheme, conditions=conditions, vetoes=vetoes, eligibility=None)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    cohort = make_cohort(args.dossiers)
    n = len(cohort.dossiers)
    print(f"{n} dossiers; CPU time per dossier, minimum of {args.repeat} runs")
    for scheme in (QD_124_2023, QD_366_2025, ND_90_2020):
        plain = _plain(scheme)
        shipped = _cpu(_run(cohort, scheme), args.repeat)
        before = _cpu(_run(cohort, plain), args.repeat)
        print(
            f"  {scheme.name:<12} shipped {1000 * shipped / n:6.2f} ms, without issue-9 rules "
            f"{1000 * before / n:6.2f} ms, ratio {shipped / before:.2f}"
        )
    try:
        from khoan.batch import evaluate_batch
    except ImportError:  # pragma: no cover - the batch extra is optional
        print("  khoan.batch not installed: batch figures skipped")
        return
    columns = _cpu(lambda: evaluate_batch(cohort, scheme=VINH_PHUC_2021), args.repeat)
    objects = _cpu(lambda: evaluate_batch(cohort, scheme=QD_124_2023), args.repeat)
    plain = _plain(QD_124_2023)
    plain_batch = _cpu(lambda: evaluate_batch(cohort, scheme=plain), args.repeat)
    print(
        f"  batch: {VINH_PHUC_2021.name} {1000 * columns / n:.3f} ms/dossier; "
        f"{QD_124_2023.name} shipped {1000 * objects / n:.3f} ms/dossier, "
        f"without issue-9 grounds {1000 * plain_batch / n:.3f} ms/dossier "
        f"(ratio {objects / plain_batch:.1f})"
    )


if __name__ == "__main__":
    main()
