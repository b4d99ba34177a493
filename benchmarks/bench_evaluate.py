"""Benchmark: evaluating a province-sized cohort under every preset, then the quota.

Prints figures; asserts nothing. The ratio that matters is measured in one
run: evaluation time per dossier against reading the same dossier from JSON,
and how time grows with the cohort (should be about linear).

Run: python benchmarks/bench_evaluate.py [--dossiers N]
"""

from __future__ import annotations

import argparse
import time

import attrs
from bench_io import make_cohort

from khoan import apply_quota, evaluate_dossier, io
from khoan.schemes import PRESETS as _PRESETS

# Benchmarks measure scoring on synthetic facts of any year, not dates of effect (issue 10).
PRESETS = {name: attrs.evolve(s, in_force=None) for name, s in _PRESETS.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=200)
    n = parser.parse_args().dossiers
    for size in (n, 5 * n):
        cohort = make_cohort(size)
        text = io.dumps(cohort)
        start = time.perf_counter()
        io.loads(text)
        load = time.perf_counter() - start
        print(
            f"{size} dossiers x 21 items x 7 members; "
            f"reading them: {1000 * load / size:.2f} ms each"
        )
        for name, scheme in PRESETS.items():
            start = time.perf_counter()
            evaluations = [evaluate_dossier(d, scheme=scheme) for d in cohort]
            middle = time.perf_counter()
            if scheme.quota is not None:
                apply_quota(evaluations, scheme.quota)
            end = time.perf_counter()
            print(
                f"  {name:<16} evaluate {1000 * (middle - start) / size:6.2f} ms/dossier"
                f" ({(middle - start) / load:4.1f}x reading)  quota {1000 * (end - middle):7.2f} ms"
            )


if __name__ == "__main__":
    main()
