"""Benchmark: reading and writing workbooks (khoan.sheets, issue 14).

Prints figures; asserts nothing. The figures that matter are the ratios in
the same run: reading the pilot cohort (24 dossiers) from an .xlsx workbook
and from a CSV folder against reading the same cohort from its JSON text
(what the spreadsheet costs over the JSON path), and a cohort ten times
larger against the pilot (should be about 10x: linear).

Run: python benchmarks/bench_sheets.py  (needs khoan[excel])
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import attrs

from khoan import Cohort, io
from khoan.sheets import read_workbook, write_workbook


def cpu(run: Callable[[], object], repeat: int = 5) -> float:
    """The minimum CPU time of several runs, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def bigger(cohort: Cohort, times: int) -> Cohort:
    """The cohort repeated with fresh assignment ids (same cadres, councils and items)."""
    dossiers = [
        attrs.evolve(d, assignment=attrs.evolve(d.assignment, id=f"{d.assignment.id}-{k}"))
        for k in range(times)
        for d in cohort.dossiers
    ]
    return attrs.evolve(cohort, dossiers=dossiers)


def main() -> None:
    pilot = io.load_example("vinh-phuc-2021")
    assert isinstance(pilot, Cohort)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        once = read_workbook(_write(pilot, folder / "pilot.xlsx"))
        text = io.dumps(once)
        _write(pilot, folder / "pilot-csv")
        large = bigger(pilot, 10)
        _write(large, folder / "large.xlsx")
        json_time = cpu(lambda: io.loads(text))
        xlsx_time = cpu(lambda: read_workbook(folder / "pilot.xlsx"))
        csv_time = cpu(lambda: read_workbook(folder / "pilot-csv"))
        write_time = cpu(lambda: write_workbook(pilot, folder / "w.xlsx"))
        large_time = cpu(lambda: read_workbook(folder / "large.xlsx"), repeat=3)
    print(f"pilot cohort, {len(pilot.dossiers)} dossiers (CPU time, minimum of runs)")
    print(f"  read JSON text      {json_time * 1000:8.1f} ms   1.0x")
    print(f"  read .xlsx          {xlsx_time * 1000:8.1f} ms  {xlsx_time / json_time:4.1f}x")
    print(f"  read CSV folder     {csv_time * 1000:8.1f} ms  {csv_time / json_time:4.1f}x")
    print(f"  write .xlsx         {write_time * 1000:8.1f} ms")
    print(f"ten times larger ({len(large.dossiers)} dossiers), read .xlsx: "
          f"{large_time * 1000:.1f} ms, {large_time / xlsx_time:.1f}x the pilot")  # fmt: skip


def _write(document: Cohort, path: Path) -> Path:
    write_workbook(document, path)
    return path


if __name__ == "__main__":
    main()
