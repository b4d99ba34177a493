"""Analysis: compare schemes, sweep a parameter, tables, plots and a report.

For policy analysts: :func:`compare` rates one cohort under several schemes
and consequence rules and marks what changes; :func:`sweep` varies one named
parameter of a scheme (:func:`parameters` lists them per scheme). Both need
nothing beyond the core. :func:`to_frame` (pandas), the ``plot_*`` functions
(matplotlib) and :func:`report` with plots need the ``khoan[analysis]`` extra,
imported only when called.
"""

from khoan.analysis._compare import Comparison, Row, Shift, Standing, compare
from khoan.analysis._sweep import Parameter, ParameterKind, Point, Sweep, parameters, sweep

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
    "sweep",
]
