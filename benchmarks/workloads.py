"""The benchmark workloads and their hand-written references.

Province: ``n`` communes' secretaries, 21 items (indicators and tasks) each,
7 council members, 5 general criteria, a results report, some items
exceeded, late or missed, 1% disciplined: rated under QĐ 366.

Nation: ``n`` assessees x 10 items x 5 members in peer groups of 1,000, as
columns of integer hundredths, every item completed: rated under QĐ 124
(one 100-point part of council points, judging trim) with its quota
(Excellent ≤ 20% of Good).

The references do the same arithmetic with no library around it: a bare
``Decimal`` loop for the province and a NumPy kernel for the nation. Both
are checked against khoan in every run (``check_*``).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal, localcontext
from typing import Any

import numpy as np
import numpy.typing as npt

from khoan import (
    Assignee,
    Assignment,
    Cadre,
    Circumstances,
    Cohort,
    Council,
    Criterion,
    Dossier,
    Indicator,
    Level,
    Member,
    OrgChart,
    Outcome,
    Rating,
    Report,
    Scoresheet,
    Task,
    Unit,
)

ITEMS, MEMBERS, CRITERIA = 21, 7, 5
DEADLINE = dt.date(2022, 11, 30)


def province_plain(n: int, seed: int = 1) -> list[dict[str, Any]]:
    """The province's facts as plain Python data (what the Decimal loop reads)."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        good = rng.random() < 0.7  # most dossiers strong, some weak
        items = []
        for j in range(ITEMS):
            weight = Decimal("2.5") if j % 3 == 0 else Decimal("3.5")
            low = int(weight * (70 if good else 40))
            points = [Decimal(rng.randint(low, int(weight * 100))) / 100 for _ in range(MEMBERS)]
            roll = rng.random()
            if j % 3 == 0:
                done = roll > 0.02
                late = done and roll < 0.06
                items.append({"task": True, "weight": weight, "points": points,
                              "done": done, "late": late})  # fmt: skip
            else:
                target = 100 + j
                actual = target + (5 if roll < 0.35 else 0) - (10 if roll > 0.98 else 0)
                items.append({"task": False, "weight": weight, "points": points,
                              "target": target, "actual": actual, "late": False})  # fmt: skip
        criteria = [
            [Decimal(rng.randint(300 if good else 200, 600)) / 100 for _ in range(MEMBERS)]
            for _ in range(CRITERIA)
        ]
        rows.append({"id": f"a{i:07d}", "items": items, "criteria": criteria,
                     "disciplined": rng.random() < 0.01, "group": f"g{i % 10}"})  # fmt: skip
    return rows


def province_cohort(plain: list[dict[str, Any]]) -> Cohort:
    """The same facts as a khoan cohort."""
    n = len(plain)
    units = [Unit("p", name="Tỉnh", level=Level.PROVINCE)]
    units += [Unit(f"c{i}", name=f"Xã {i}", level=Level.COMMUNE, parent="p") for i in range(n)]
    cadres = [
        Cadre(f"k{i}", name=f"Bí thư {i}", post="Bí thư", unit=f"c{i}", peer_group=row["group"])
        for i, row in enumerate(plain)
    ]
    members = [Member(f"m{m}", name=f"Ủy viên {m}") for m in range(MEMBERS)]
    criteria = [Criterion(f"g{k}", title=f"Tiêu chí {k}", maximum=6) for k in range(CRITERIA)]
    council = Council("hd", name="Hội đồng", members=members, criteria=criteria)
    dossiers = []
    for i, row in enumerate(plain):
        items: list[Indicator | Task] = []
        outcomes = []
        for j, it in enumerate(row["items"]):
            if it["task"]:
                items.append(Task(f"t{j}", title=f"Nhiệm vụ {j}", weight=it["weight"],
                                  deadline=DEADLINE))  # fmt: skip
                when = DEADLINE + dt.timedelta(days=5 if it["late"] else -5)
                outcomes.append(Outcome(f"t{j}", done=it["done"],
                                        completed_on=when if it["done"] else None))  # fmt: skip
            else:
                items.append(Indicator(f"i{j}", title=f"Chỉ tiêu {j}", target=it["target"],
                                       weight=it["weight"]))  # fmt: skip
                outcomes.append(Outcome(f"i{j}", actual=it["actual"]))
        assignment = Assignment(
            row["id"], issuer="p", assignee=Assignee.cadre(f"k{i}"), period="2022", items=items,
            issued_on="2022-01-20",
        )  # fmt: skip
        sheets = [
            Scoresheet(
                f"m{m}",
                items={x.id: it["points"][m] for x, it in zip(items, row["items"], strict=True)},
                criteria={f"g{k}": row["criteria"][k][m] for k in range(CRITERIA)},
            )
            for m in range(MEMBERS)
        ]
        dossiers.append(
            Dossier(
                assignment, report=Report("2022-12-10", outcomes=outcomes), council=council,
                scoresheets=sheets, circumstances=Circumstances(disciplined=row["disciplined"]),
            )
        )  # fmt: skip
    return Cohort(dossiers, org_chart=OrgChart(units), cadres=cadres)


def _trimmed(points: list[Decimal]) -> Decimal:
    kept = sorted(points)[2:-2]  # 7 members: the judging trim drops 2 per side
    return sum(kept, Decimal(0)) / len(kept)


def decimal_loop(plain: list[dict[str, Any]]) -> list[Rating]:
    """QĐ 366 by hand with Decimal: trimmed means, 30 + 70 total, band, conditions, veto.

    Returns the literal reading's rating (the first level whose conditions
    hold), which is what khoan's ``Evaluation.rating`` holds.
    """
    out = []
    with localcontext() as ctx:
        ctx.prec = 60
        for row in plain:
            general = sum((_trimmed(c) for c in row["criteria"]), Decimal(0))
            general = 30 * general / (6 * CRITERIA)
            got = sum((_trimmed(it["points"]) for it in row["items"]), Decimal(0))
            weight = sum((it["weight"] for it in row["items"]), Decimal(0))
            total = general + 70 * min(got, weight) / weight
            band = 0 if total >= 90 else 1 if total >= 70 else 2 if total >= 50 else 3
            completed = exceeded = late = 0
            on_time = True
            for it in row["items"]:
                done = it["done"] if it["task"] else it["actual"] >= it["target"]
                completed += done
                exceeded += (not it["task"]) and it["actual"] > it["target"]
                late += done and it["late"]
                on_time = on_time and done and not it["late"]
            holds = [
                on_time and exceeded * 10 >= 3 * ITEMS,  # Excellent
                on_time,  # Good
                completed == ITEMS and late * 5 <= ITEMS,  # Achieved
                True,
            ]
            level = next(k for k in range(band, 4) if holds[k])
            if row["disciplined"]:
                level = 3
            out.append(_ORDER[level])
    return out


_ORDER = (Rating.EXCELLENT, Rating.GOOD, Rating.ACHIEVED, Rating.NOT_ACHIEVED)

Ints = npt.NDArray[np.int64]


def nation_arrays(n: int, seed: int = 2) -> tuple[npt.NDArray[np.int16], Ints, Ints]:
    """Points (n x 10 x 5, int16 hundredths), weights (10, hundredths), groups (n,)."""
    rng = np.random.default_rng(seed)
    weights = np.array([1000] * 10, dtype=np.int64)  # 10 points each, 100 in all
    strength = rng.integers(40, 101, size=(n, 1, 1))  # how good each assessee is, in %
    points = (strength * 10 + rng.integers(-150, 150, size=(n, 10, 5))).clip(0, 1000)
    groups = np.arange(n, dtype=np.int64) // 1000
    return points.astype(np.int16), weights, groups


def numpy_kernel(points: npt.NDArray[np.int16], weights: Ints, groups: Ints) -> tuple[Ints, Ints]:
    """QĐ 124 + its quota by hand in NumPy: ratings (codes, best 0) and the rows moved."""
    kept = np.sort(points, axis=2)[:, :, 1:4].sum(axis=2, dtype=np.int64).sum(axis=1)
    scale = 3 * int(weights.sum())  # got / weight with the 3 kept members' sum
    capped = np.minimum(kept, scale) * 100
    band = np.select([capped >= 90 * scale, capped >= 70 * scale, capped >= 50 * scale],
                     [0, 1, 2], 3)  # fmt: skip
    n_groups = int(groups.max()) + 1 if len(groups) else 0
    good = np.bincount(groups, weights=band == 1, minlength=n_groups).astype(np.int64)
    cand = np.flatnonzero(band == 0)
    n_cand = np.bincount(groups[cand], minlength=n_groups)
    allowed = np.minimum(n_cand, (good + n_cand) // 6)  # 20% of Good after: (good + cand) / 6
    order = cand[np.lexsort((cand, -capped[cand], groups[cand]))]
    starts = np.concatenate([[0], np.cumsum(n_cand)[:-1]])
    rank = np.arange(len(order)) - starts[groups[order]]
    moved = np.sort(order[rank >= allowed[groups[order]]])
    band[moved] = 1
    return band, moved
