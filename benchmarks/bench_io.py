"""Benchmark: building, writing and reading dossiers and cohorts.

Prints figures; asserts nothing. Absolute times depend on the machine, so the
figures that matter are the ratios measured in the same run: khoan's reading
against plain ``json.loads`` of the same text (what validation costs), and how
time and memory grow from a small cohort to one ten times larger (should be
about 10x: linear).

Run: python benchmarks/bench_io.py [--dossiers N]
"""

from __future__ import annotations

import argparse
import json
import time
import tracemalloc
from collections.abc import Callable
from decimal import Decimal

from khoan import (
    Assignee,
    Assignment,
    Cadre,
    Cohort,
    Council,
    Criterion,
    Dossier,
    Indicator,
    Level,
    Member,
    OrgChart,
    Outcome,
    Report,
    Scoresheet,
    Task,
    Unit,
    io,
)


def make_cohort(n: int) -> Cohort:
    """A province-sized cohort: n communes under 10 districts, 21 items each."""
    units = [Unit("p", name="Tỉnh ủy", level=Level.PROVINCE)]
    units += [
        Unit(f"d{d}", name=f"Huyện ủy {d}", level=Level.DISTRICT, parent="p") for d in range(10)
    ]
    units += [
        Unit(f"c{i}", name=f"Đảng ủy xã {i}", level=Level.COMMUNE, parent=f"d{i % 10}")
        for i in range(n)
    ]
    cadres = [
        Cadre(f"k{i}", name=f"Bí thư {i}", post="Bí thư Đảng ủy xã", unit=f"c{i}") for i in range(n)
    ]
    dossiers = []
    for i in range(n):
        items: list[Indicator | Task] = []
        for j in range(21):
            if j % 3:
                items.append(
                    Indicator(
                        f"i{j}", title=f"Chỉ tiêu {j}", target=100 + j, weight="3.5", baseline=j
                    )
                )
            else:
                items.append(
                    Task(f"t{j}", title=f"Nhiệm vụ {j}", weight="2.5", deadline="30/11/2022")
                )
        assignment = Assignment(
            f"a{i}", issuer=f"d{i % 10}", assignee=Assignee.cadre(f"k{i}"), period="2022",
            items=items,
            issued_on="2022-01-20", total_weight=sum((x.weight for x in items), Decimal(0)),
        )  # fmt: skip
        outcomes = [
            Outcome(x.id, actual=x.target) if isinstance(x, Indicator) else Outcome(x.id, done=True)
            for x in items
        ]
        members = [Member(f"m{m}", name=f"Ủy viên {m}") for m in range(7)]
        criteria = [Criterion(f"g{k}", title=f"Tiêu chí {k}", maximum=6) for k in range(5)]
        sheets = [
            Scoresheet(
                f"m{m}",
                items={x.id: x.weight - Decimal(m) / 10 for x in items},
                criteria={
                    c.id: Decimal(6) - Decimal((m + i) % 4) / 4 for i, c in enumerate(criteria)
                },
            )
            for m in range(7)
        ]
        dossiers.append(
            Dossier(
                assignment,
                report=Report("2022-12-10", outcomes=outcomes),
                council=Council("hd", name="Hội đồng tư vấn", members=members, criteria=criteria),
                scoresheets=sheets,
            )
        )
    return Cohort(dossiers, org_chart=OrgChart(units), cadres=cadres)


def timed(fn: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def peak_memory(fn: Callable[[], object]) -> int:
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=100)
    n = parser.parse_args().dossiers

    rows = []
    for size in (n, 10 * n):
        cohort = make_cohort(size)
        text = io.dumps(cohort)
        rows.append(
            {
                "dossiers": size,
                "build": timed(lambda s=size: make_cohort(s), repeat=1),  # type: ignore[misc]
                "dumps": timed(lambda c=cohort: io.dumps(c)),  # type: ignore[misc]
                "loads": timed(lambda t=text: io.loads(t)),  # type: ignore[misc]
                "json": timed(lambda t=text: json.loads(t)),  # type: ignore[misc]
                "memory": peak_memory(lambda t=text: io.loads(t)),  # type: ignore[misc]
                "bytes": len(text.encode("utf-8")),
            }
        )
    print(f"{'dossiers':>8} {'build s':>8} {'dumps s':>8} {'loads s':>8} {'json s':>8}"
          f" {'loads/json':>10} {'ms/dossier':>10} {'peak MiB':>9} {'doc MiB':>8}")  # fmt: skip
    for r in rows:
        print(
            f"{r['dossiers']:>8} {r['build']:>8.3f} {r['dumps']:>8.3f} {r['loads']:>8.3f}"
            f" {r['json']:>8.3f} {r['loads'] / r['json']:>10.1f}"
            f" {1000 * r['loads'] / r['dossiers']:>10.2f}"
            f" {r['memory'] / 2**20:>9.1f} {r['bytes'] / 2**20:>8.1f}"
        )
    small, large = rows
    print(
        f"growth x{large['dossiers'] // small['dossiers']}: "
        f"loads time x{large['loads'] / small['loads']:.1f},"
        f" peak memory x{large['memory'] / small['memory']:.1f}"
    )


if __name__ == "__main__":
    main()
