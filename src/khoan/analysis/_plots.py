"""Plots: matplotlib Figures of distributions, totals, items, sweeps and histories.

Each function returns a :class:`matplotlib.figure.Figure` built without pyplot
(no global state); save it with ``fig.savefig("out.png")``. Labels are in
Vietnamese (default) or English; DejaVu Sans, which matplotlib ships, covers
Vietnamese. Floats appear here only to draw: every number shown comes from an
exact value. Needs the ``khoan[analysis]`` extra.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from matplotlib.figure import Figure

from khoan._base.rating import Rating
from khoan._evaluation.evaluation import Evaluation
from khoan._facts.dossier import Cohort
from khoan._facts.items import Tag
from khoan.analysis._cohort import people_of
from khoan.analysis._compare import Comparison
from khoan.analysis._sweep import Sweep, _shown
from khoan.exceptions import InvalidValue
from khoan.schemes import Scheme

__all__ = ["plot_history", "plot_items", "plot_ratings", "plot_sweep", "plot_totals"]

_COLOURS = {
    Rating.EXCELLENT: "#1b7837",
    Rating.GOOD: "#7fbf7b",
    Rating.ACHIEVED: "#f1a340",
    Rating.NOT_ACHIEVED: "#b2182b",
}


def _lang(lang: str) -> bool:
    if lang not in ("vi", "en"):
        raise InvalidValue("lang", lang, "'vi' or 'en'")
    return lang == "vi"


def _word(rating: Rating, vi: bool) -> str:
    return rating.vietnamese if vi else rating.name.replace("_", " ").capitalize()


def plot_ratings(comparison: Comparison, *, lang: str = "vi") -> Figure:
    """Bars: how many hold each rating under each scheme, after the quota.

    A black tick marks the count before the quota where it differs.
    """
    vi = _lang(lang)
    fig = Figure(figsize=(8, 4.5), layout="constrained")
    ax = fig.add_subplot()
    n = len(comparison.schemes)
    width = 0.8 / len(Rating)
    for k, rating in enumerate(Rating):
        after = [sum(r.standings[i].rating is rating for r in comparison.rows) for i in range(n)]
        before = [sum(r.standings[i].rated is rating for r in comparison.rows) for i in range(n)]
        xs = [i + (k - 1.5) * width for i in range(n)]
        bars = ax.bar(xs, after, width, label=_word(rating, vi), color=_COLOURS[rating])
        ax.bar_label(bars, fontsize=8)
        for x, b, a in zip(xs, before, after, strict=True):
            if b != a:
                ax.plot([x - width / 2, x + width / 2], [b, b], color="black", linewidth=1.5)
    ax.set_xticks(range(n), comparison.schemes)
    ax.set_ylabel("số người" if vi else "heads")
    ax.set_title(
        "Xếp loại theo từng phương án (vạch đen: trước khi áp dụng tỷ lệ)"
        if vi
        else "Ratings under each scheme (black tick: before the quota)"
    )
    ax.legend(fontsize=8)
    return fig


def plot_totals(evaluations: Iterable[Evaluation], *, scheme: Scheme, lang: str = "vi") -> Figure:
    """A histogram of the totals, with the scheme's band edges drawn and named."""
    vi = _lang(lang)
    totals = [float(e.total) for e in evaluations]
    if not totals:
        raise InvalidValue("evaluations", [], "at least one evaluation")
    fig = Figure(figsize=(8, 4.5), layout="constrained")
    ax = fig.add_subplot()
    scale = float(scheme.scale)
    ax.hist(totals, bins=[scale * k / 40 for k in range(41)], color="#4d6a9a")
    for band in scheme.bands:
        lower = float(band.lower)
        ax.axvline(lower, color=_COLOURS[band.rating], linestyle="--")
        ax.text(lower + scale / 200, 0.98, _word(band.rating, vi), rotation=90, va="top",
                fontsize=8, transform=ax.get_xaxis_transform())  # fmt: skip
    ax.set_xlim(0, scale)
    ax.set_xlabel("tổng điểm" if vi else "total")
    ax.set_ylabel("số người" if vi else "heads")
    ax.set_title(("Phân bố tổng điểm — " if vi else "Totals — ") + scheme.name)
    return fig


def plot_items(evaluations: Sequence[Evaluation], *, cohort: Cohort, lang: str = "vi") -> Figure:
    """A heat map: each head's share of the possible points, by kind of item (tag).

    Dark cells show the kinds of items that sink a head. A cell is blank
    where the head has no scored item with that tag.
    """
    vi = _lang(lang)
    people = people_of(cohort)
    tags_of = {d.assignment.id: {i.id: i.tags for i in d.assignment.items} for d in cohort.dossiers}
    tags = [t for t in Tag if any(t in ts for d in tags_of.values() for ts in d.values())]
    grid: list[list[float]] = []
    for e in evaluations:
        row = []
        for tag in tags:
            kinds = tags_of[e.assignment]
            got = [r for r in e.items
                   if r.points is not None and r.maximum and tag in kinds[r.item]]  # fmt: skip
            total = sum(r.maximum for r in got)
            share = sum(r.points for r in got if r.points is not None) / total if total else None
            row.append(float("nan") if share is None else float(share))
        grid.append(row)
    fig = Figure(figsize=(1.2 + 0.9 * len(tags), 1.5 + 0.28 * len(grid)), layout="constrained")
    ax = fig.add_subplot()
    image = ax.imshow(grid, cmap="RdYlGn", vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(len(tags)), [t.vietnamese if vi else t.value for t in tags],
                  rotation=35, ha="right", fontsize=8)  # fmt: skip
    names = [people[e.assignee].name or e.assignee if e.assignee in people else e.assignee
             for e in evaluations]  # fmt: skip
    ax.set_yticks(range(len(grid)), names, fontsize=8)
    fig.colorbar(image, ax=ax, label="tỷ lệ điểm đạt" if vi else "share of points")
    scheme = evaluations[0].scheme if evaluations else ""
    ax.set_title(("Điểm theo loại nhiệm vụ — " if vi else "Points by kind of item — ") + scheme)
    return fig


def plot_sweep(sweep: Sweep, *, lang: str = "vi") -> Figure:
    """Lines: how many hold each rating at each value of the swept parameter."""
    vi = _lang(lang)
    fig = Figure(figsize=(8, 4.5), layout="constrained")
    ax = fig.add_subplot()
    xs = list(range(len(sweep.points)))
    for rating in Rating:
        ax.step(xs, [p.count(rating) for p in sweep.points], where="mid",
                label=_word(rating, vi), color=_COLOURS[rating], marker="o")  # fmt: skip
    for x, p in zip(xs, sweep.points, strict=True):
        if p.value == sweep.current:
            ax.axvline(x, color="grey", linestyle=":")
    labels = [_shown(p.value) for p in sweep.points]
    step = max(1, len(labels) // 12)
    ax.set_xticks(xs[::step], labels[::step])
    ax.set_xlabel(
        f"{sweep.parameter.name} ({sweep.parameter.title_vi if vi else sweep.parameter.title})"
    )
    ax.set_ylabel("số người" if vi else "heads")
    ax.set_title(
        f"Độ nhạy — {sweep.scheme} (đường chấm: giá trị hiện hành)" if vi
         else f"Sensitivity — {sweep.scheme} (dotted: the scheme's own value)"
    )  # fmt: skip
    ax.legend(fontsize=8, loc="center right")
    return fig


def plot_history(evaluations: Iterable[Evaluation], *, lang: str = "vi") -> Figure:
    """A cadre's ratings period by period, each point labelled with its score."""
    vi = _lang(lang)
    ordered = sorted(evaluations, key=lambda e: e.period)
    if not ordered or len({e.assignee for e in ordered}) != 1:
        raise InvalidValue("evaluations", len(ordered), "evaluations of one assignee")
    fig = Figure(figsize=(7, 3.5), layout="constrained")
    ax = fig.add_subplot()
    levels = list(reversed(Rating))
    ys = [levels.index(e.rating) for e in ordered]
    xs = list(range(len(ordered)))
    ax.plot(xs, ys, color="grey", zorder=1)
    ax.scatter(xs, ys, c=[_COLOURS[e.rating] for e in ordered], s=80, zorder=2)
    for x, y, e in zip(xs, ys, ordered, strict=True):
        ax.annotate(str(e.score), (x, y), textcoords="offset points", xytext=(0, 8),
                    ha="center", fontsize=8)  # fmt: skip
    ax.set_xticks(xs, [str(e.period) for e in ordered])
    ax.set_yticks(range(len(levels)), [_word(r, vi) for r in levels], fontsize=8)
    ax.set_ylim(-0.5, len(levels) - 0.5)
    ax.set_title(("Lịch sử xếp loại — " if vi else "Rating history — ") + ordered[0].assignee)
    return fig
