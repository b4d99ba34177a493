"""Benchmark: the object path on the province workload, for comparing two versions of khoan.

Prints CPU seconds (min of 3) per scheme; run it once per version:

    git archive <base-commit> src | tar -x -C /tmp/base
    PYTHONPATH=/tmp/base/src python benchmarks/before_after.py
    python benchmarks/before_after.py

Run: python benchmarks/before_after.py [--dossiers N]
"""

from __future__ import annotations

import argparse
import gc
import time

import attrs
from workloads import province_cohort, province_plain

import khoan
from khoan import evaluate_dossier
from khoan.schemes import ND_335_2025 as _ND_335_2025
from khoan.schemes import QD_366_2025 as _QD_366_2025

# Benchmarks measure scoring on synthetic facts of any year, not dates of effect (issue 10).
ND_335_2025 = attrs.evolve(_ND_335_2025, in_force=None)
QD_366_2025 = attrs.evolve(_QD_366_2025, in_force=None)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=1000)
    cohort = province_cohort(province_plain(parser.parse_args().dossiers))
    print(f"khoan from {khoan.__file__}")
    for scheme in (QD_366_2025, ND_335_2025):
        best = float("inf")
        for _ in range(3):
            gc.collect()
            start = time.process_time()
            for d in cohort:
                evaluate_dossier(d, scheme=scheme, cohort=cohort)
            best = min(best, time.process_time() - start)
        print(f"{scheme.name}: {best:.3f} s CPU for {len(cohort)} dossiers")


if __name__ == "__main__":
    main()
