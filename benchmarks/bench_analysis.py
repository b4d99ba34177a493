"""Benchmark: compare and sweep against the loop an analyst would write.

Prints figures; asserts nothing. CPU time (process_time), the minimum of
several runs. The reference, measured in the same run, is the plain loop of
evaluate_dossier + apply_quota per scheme; compare adds names, rows, shifts
and the consequence rules, so its ratio should stay near 1. A sweep of k
values should cost about k + 1 such loops (the baseline plus one per value).

Run: python benchmarks/bench_analysis.py [--dossiers N] [--repeat R]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import attrs
from bench_io import make_cohort

from khoan import Cohort, apply_quota, evaluate_dossier
from khoan.analysis import compare, sweep
from khoan.schemes import PRESETS as _PRESETS

# Benchmarks measure scoring on synthetic facts of any year, not dates of effect (issue 10).
PRESETS = {name: attrs.evolve(s, in_force=None) for name, s in _PRESETS.items()}

SCHEMES = ["vinh-phuc-2021", "nd-335-2025"]


def best(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return min(times)


def loop(cohort: Cohort, names: list[str] = SCHEMES) -> None:
    for name in names:
        scheme = PRESETS[name]
        evaluations = [evaluate_dossier(d, scheme=scheme, cohort=cohort) for d in cohort]
        if scheme.quota is not None:
            apply_quota(evaluations, scheme.quota)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    cohort = make_cohort(args.dossiers)
    reference = best(args.repeat, lambda: loop(cohort))
    compared = best(args.repeat, lambda: compare(cohort, schemes=SCHEMES, rules=["law-2019"]))
    values = list(range(40, 61, 5))
    swept = best(args.repeat, lambda: sweep(cohort, "nd-335-2025", "band.achieved", values))
    print(f"{args.dossiers} dossiers, 2 schemes; min of {args.repeat} runs, CPU seconds")
    print(f"  evaluate + apply_quota loop (reference) {reference:7.3f}")
    print(
        f"  compare (+ law-2019)                    {compared:7.3f}  {compared / reference:4.2f}x"
    )
    one = best(args.repeat, lambda: loop(cohort, ["nd-335-2025"]))
    print(
        f"  sweep of {len(values)} values (nd-335-2025)        {swept:7.3f}"
        f"  {swept / one:4.2f}x nd-335-2025's loop (expected about {len(values) + 1})"
    )


if __name__ == "__main__":
    main()
