"""Analysis: compare schemes, sweep a parameter, tables, plots and a report.

For policy analysts: :func:`compare` rates one cohort under several schemes
and consequence rules and marks what changes; :func:`sweep` varies one named
parameter of a scheme (:func:`parameters` lists them per scheme). Both need
nothing beyond the core. :func:`to_frame` (pandas), the ``plot_*`` functions
(matplotlib) and :func:`report` need the ``khoan[analysis]`` extra, which is
imported only when they are called.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from khoan._evaluation.evaluation import Evaluation
from khoan._facts.dossier import Cohort
from khoan.analysis._compare import Comparison, Row, Shift, Standing, compare
from khoan.analysis._sweep import Parameter, ParameterKind, Point, Sweep, parameters, sweep
from khoan.schemes import Scheme

if TYPE_CHECKING:  # the extra is imported when a function below is called
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = [
    "Comparison",
    "Parameter",
    "ParameterKind",
    "Point",
    "Row",
    "Shift",
    "Standing",
    "Sweep",
    "compare",
    "parameters",
    "plot_history",
    "plot_items",
    "plot_ratings",
    "plot_sweep",
    "plot_totals",
    "report",
    "sweep",
    "to_frame",
]


def to_frame(
    data: object, *, cohort: Cohort | None = None, lang: str = "en", items: bool = False
) -> pd.DataFrame:
    """A tidy pandas DataFrame of khoan results (needs ``khoan[analysis]``).

    Args:
        data: A :class:`Comparison` (one row per assignment and scheme), a
            :class:`Sweep` (one row per value and rating), or one or many
            :class:`~khoan.Evaluation` (one row each, or one per item with
            ``items=True``), :class:`~khoan.consequences.Recommendation` or
            :class:`~khoan.progress.Progress` (one row per item).
        cohort: Joins names, posts and units to evaluations and recommendations.
        lang: ``"en"`` (column ids) or ``"vi"`` (Vietnamese headers).
        items: For evaluations: one row per item result.

    Returns:
        The frame. Exact columns hold Decimal (``score``) or Fraction
        (``total``, ``points``) values; columns named ``*_float`` hold floats,
        for plotting only.

    Raises:
        InvalidValue: Data of another kind, mixed kinds, or an unknown ``lang``.

    """
    from khoan.analysis._frames import frame_of

    return frame_of(data, cohort=cohort, lang=lang, items=items)


def plot_ratings(comparison: Comparison, *, lang: str = "vi") -> Figure:
    """Bars of each rating's count per scheme, after the quota (before it: a tick)."""
    from khoan.analysis import _plots

    return _plots.plot_ratings(comparison, lang=lang)


def plot_totals(evaluations: Iterable[Evaluation], *, scheme: Scheme, lang: str = "vi") -> Figure:
    """A histogram of the totals with the scheme's band edges drawn and named."""
    from khoan.analysis import _plots

    return _plots.plot_totals(evaluations, scheme=scheme, lang=lang)


def plot_items(evaluations: Sequence[Evaluation], *, cohort: Cohort, lang: str = "vi") -> Figure:
    """A heat map of each head's share of the possible points, by kind of item (tag)."""
    from khoan.analysis import _plots

    return _plots.plot_items(evaluations, cohort=cohort, lang=lang)


def plot_sweep(sweep: Sweep, *, lang: str = "vi") -> Figure:
    """Lines of each rating's count across the swept values (dotted: the scheme's own)."""
    from khoan.analysis import _plots

    return _plots.plot_sweep(sweep, lang=lang)


def plot_history(evaluations: Iterable[Evaluation], *, lang: str = "vi") -> Figure:
    """A cadre's ratings period by period, each labelled with its score."""
    from khoan.analysis import _plots

    return _plots.plot_history(evaluations, lang=lang)


def report(
    cohort: Cohort,
    *,
    schemes: Sequence[object],
    rules: Iterable[object] = (),
    lang: str = "vi",
    plots: bool = True,
) -> str:
    """A self-contained HTML page to hand over: per cohort and per head.

    Per cohort: the rating distribution under each scheme, the changes across
    schemes, and each rule's recommendations with their basis; per head: the
    minutes-ready explanation under the first scheme. Plots (with
    ``khoan[analysis]``) are embedded as SVG; the page loads nothing from the
    network and prints on A4.

    Args:
        cohort: The dossiers.
        schemes: Scheme names or values; the first is the baseline, and the
            scheme of each head's explanation.
        rules: Consequence rule names or rules.
        lang: ``"vi"`` (default) or ``"en"``.
        plots: Embed the plots (needs matplotlib).

    Returns:
        The page, as text.

    """
    from khoan.analysis._report import render

    return render(cohort, schemes=schemes, rules=rules, lang=lang, plots=plots)
