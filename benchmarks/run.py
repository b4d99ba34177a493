"""Benchmark: the province and the nation, against references measured in the same run.

Prints a table; asserts nothing about speed. It does check, before timing,
that each reference gives the same ratings (and quota moves) as khoan, and
stops if not: a fast wrong answer is not a reference.

Figures: CPU time (``time.process_time``, the minimum of several runs),
wall time of the same best run, peak traced memory (``tracemalloc``, one
extra run), the ratio to the reference, and the growth factor when the work
doubles (time at n ÷ time at n/2).

Run: python benchmarks/run.py [--quick] [--province N] [--nation N] [--repeat K]
(needs the ``batch`` extra: pip install -e '.[batch]').
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import attrs
import numpy as np
from workloads import (
    decimal_loop,
    nation_arrays,
    numpy_kernel,
    province_cohort,
    province_plain,
)

from khoan import Cohort, Rating, apply_quota, evaluate_dossier, io
from khoan.batch import (
    RATINGS,
    Columns,
    apply_quota_batch,
    evaluate_batch,
    evaluate_table,
)
from khoan.schemes import QD_124_2023 as _QD_124_2023
from khoan.schemes import QD_366_2025 as _QD_366_2025

# Benchmarks measure scoring on synthetic facts of any year, not dates of effect (issue 10).
QD_124_2023 = attrs.evolve(_QD_124_2023, in_force=None)
QD_366_2025 = attrs.evolve(_QD_366_2025, in_force=None)


def measure(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of the run with the least CPU time."""
    best = (float("inf"), float("inf"))
    for _ in range(repeat):
        gc.collect()
        cpu, wall = time.process_time(), time.perf_counter()
        fn()
        best = min(best, (time.process_time() - cpu, time.perf_counter() - wall))
    return best


def peak(fn: Callable[[], object]) -> float:
    """Peak memory traced while ``fn`` runs, in MiB."""
    gc.collect()
    tracemalloc.start()
    fn()
    top = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return top / 2**20


Row = dict[str, Any]


def row(work: str, n: int, timing: tuple[float, float], mib: float | None = None) -> Row:
    return {"work": work, "n": n, "cpu": timing[0], "wall": timing[1], "mib": mib}


def province(n: int, repeat: int) -> list[Row]:
    plain = province_plain(n)
    cohort = province_cohort(plain)
    dossiers = list(cohort)
    scheme = QD_366_2025

    def khoan_eval() -> list[Any]:
        return [evaluate_dossier(d, scheme=scheme, cohort=cohort) for d in dossiers]

    evaluations = khoan_eval()
    expected = decimal_loop(plain)
    if [e.rating for e in evaluations] != expected:
        sys.exit("the Decimal loop does not give khoan's ratings: not a reference")
    batch = evaluate_batch(cohort, scheme=scheme)
    same = batch.ratings() == [e.rating for e in evaluations] and all(
        batch.total(i) == e.total and batch.findings[i] == e.findings
        for i, e in enumerate(evaluations)
    )
    if not same:
        sys.exit("the batch path does not give the object path's answers")
    assert scheme.quota is not None
    quota = scheme.quota
    text = io.dumps(cohort)
    out = [
        row("province: evaluate (object path)", n, measure(khoan_eval, repeat), peak(khoan_eval)),
        row(
            "province: evaluate_batch",
            n,
            measure(lambda: evaluate_batch(cohort, scheme=scheme), repeat),
            peak(lambda: evaluate_batch(cohort, scheme=scheme)),
        ),
        row("province: bare Decimal loop", n, measure(lambda: decimal_loop(plain), repeat)),
        row("province: apply_quota", n, measure(lambda: apply_quota(evaluations, quota), repeat)),
        row(
            "province: read the cohort file (io.loads)",
            n,
            measure(lambda: io.loads(text, expect=Cohort), max(1, repeat - 2)),
        ),
        row("province: json.loads of the same text", n, measure(lambda: json.loads(text), repeat)),
    ]
    out[0]["ref"] = out[2]["ref"] = out[1]["ref"] = "province: bare Decimal loop"
    out[4]["ref"] = "province: json.loads of the same text"
    return out


def nation(n: int, repeat: int) -> list[Row]:
    points, weights, groups = nation_arrays(n)
    # A table of points has no facts behind it, so the nation workload rates QĐ 124 with the
    # grounds its columns can carry (discipline, key items missed); the fact-based grounds of
    # issue 9 (criterion Kém, degradation, units' discipline and corruption) need dossiers.
    scheme = attrs.evolve(QD_124_2023, vetoes=QD_124_2023.vetoes[:2])
    assert scheme.quota is not None
    quota = scheme.quota
    ids = [f"n{i:07d}" for i in range(n)]
    names = [f"g{g:04d}" for g in groups]

    def table() -> Columns:
        return Columns(
            assignment=ids,
            assignee=ids,
            peer_group=names,
            weights=np.broadcast_to(weights, (n, len(weights))),
            points=points,
        )

    def batch() -> tuple[Any, Any]:
        result = evaluate_table(table(), scheme=scheme)
        return apply_quota_batch(result, quota, scheme=scheme.name)

    ratings, moved = numpy_kernel(points, weights, groups)
    result, moves = batch()
    if [RATINGS[int(r)] for r in ratings] != result.ratings() or sorted(
        ids[int(i)] for i in moved
    ) != sorted(m.assignment for m in moves):
        sys.exit("the NumPy kernel does not give the batch path's ratings and moves")
    return [
        row("nation: evaluate_table + apply_quota_batch", n, measure(batch, repeat), peak(batch)),
        row(
            "nation: NumPy kernel",
            n,
            measure(lambda: numpy_kernel(points, weights, groups), repeat),
            peak(lambda: numpy_kernel(points, weights, groups)),
        ),
    ]


def nation_object(n: int, repeat: int) -> list[Row]:
    """The object path on a slice of the nation, to extrapolate from (1M would need ≈ 30 GB)."""
    points, weights, _ = nation_arrays(n)
    from decimal import Decimal

    from khoan import (
        Assignee,
        Assignment,
        Council,
        Dossier,
        Member,
        Outcome,
        Report,
        Scoresheet,
        Task,
    )

    members = [Member(f"m{m}", name=f"m{m}") for m in range(5)]
    council = Council("hd", name="hd", members=members)
    dossiers = []
    for i in range(n):
        items = [
            Task(f"t{j}", title=f"t{j}", weight=Decimal(int(w)) / 100)
            for j, w in enumerate(weights)
        ]
        a = Assignment(
            f"n{i:07d}",
            issuer="p",
            assignee=Assignee.cadre(f"k{i}"),
            period="2022",
            items=items,
            issued_on="2022-01-20",
        )
        sheets = [
            Scoresheet(
                f"m{m}", items={f"t{j}": Decimal(int(points[i, j, m])) / 100 for j in range(10)}
            )
            for m in range(5)
        ]
        report = Report("2022-12-10", outcomes=[Outcome(f"t{j}", done=True) for j in range(10)])
        dossiers.append(Dossier(a, report=report, council=council, scoresheets=sheets))
    scheme = QD_124_2023
    assert scheme.quota is not None
    quota = scheme.quota

    def run() -> object:
        return apply_quota([evaluate_dossier(d, scheme=scheme) for d in dossiers], quota)

    return [row("nation slice: evaluate + apply_quota (object path)", n, measure(run, repeat))]


def growth(rows: list[Row], work: str) -> str:
    sizes = sorted((r["n"], r["cpu"]) for r in rows if r["work"] == work)
    if len(sizes) < 2:
        return ""
    (n1, t1), (n2, t2) = sizes[-2], sizes[-1]
    return f"×{(t2 / t1) ** (1 / max(1e-9, np_log2(n2 / n1))):.2f}"


def np_log2(x: float) -> float:
    return float(np.log2(x))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="small sizes: under a minute")
    parser.add_argument("--province", type=int, default=None)
    parser.add_argument("--nation", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=None)
    args = parser.parse_args()
    p = args.province or (300 if args.quick else 3000)
    n = args.nation or (20_000 if args.quick else 1_000_000)
    repeat = args.repeat or (3 if args.quick else 5)
    rows: list[Row] = []
    for size in (p // 2, p):
        rows += province(size, repeat)
    for size in (n // 2, n):
        rows += nation(size, repeat)
    slice_n = 500 if args.quick else 2000
    rows += nation_object(slice_n, max(1, repeat - 2))
    largest = {}
    for r in rows:
        largest[r["work"]] = r  # the last (largest) size of each
    print(f"khoan benchmarks: province n={p}, nation n={n}; CPU = min of {repeat} runs")
    print("| work | n | CPU s | wall s | peak MiB | vs reference | growth per doubling |")
    print("|---|---|---|---|---|---|---|")
    kernel = largest.get("nation: NumPy kernel")
    for r in largest.values():
        ref = largest.get(r.get("ref", "")) if r.get("ref") else None
        if r["work"].startswith("nation: evaluate_table") and kernel:
            ref = kernel
        ratio = f"×{r['cpu'] / ref['cpu']:.1f} {ref['work'].split(': ')[1]}" if ref else ""
        mib = f"{r['mib']:.0f}" if r["mib"] is not None else ""
        print(
            f"| {r['work']} | {r['n']:,} | {r['cpu']:.3f} | {r['wall']:.3f} | {mib} | {ratio} "
            f"| {growth(rows, r['work'])} |"
        )
    obj = largest["nation slice: evaluate + apply_quota (object path)"]
    estimate = obj["cpu"] * n / obj["n"]
    print(f"\nobject path extrapolated to the nation ({n:,}): ≈ {estimate:,.0f} s CPU")
    ratings = [r.name for r in Rating]
    print(f"(ratings checked equal: Decimal loop = object path = batch; kernel = batch; {ratings})")


if __name__ == "__main__":
    main()
