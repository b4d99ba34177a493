"""Whole cohorts as columns of exact integers: the object path's answers, faster.

Needs the ``khoan[batch]`` extra (NumPy). The object path
(:func:`khoan.evaluate_dossier`, :func:`khoan.apply_quota`) stays the
reference: :func:`evaluate_batch` computes on arrays only what it recognises
by type (the council item rule, the built-in aggregators, criteria parts,
built-in conditions and vetoes) and hands every other row -- and every
scheme with a component it does not recognise -- to the object path, so it
never answers differently. Each function is a pure function of its
partition, so Dask (or any map) can run it over partitions; the quota runs
after the partitions are put together, by peer group.
"""

from __future__ import annotations

from khoan._batch.columns import EXCUSE_BITS, STATUS_CODES, Columns, columns_of
from khoan._batch.engine import (
    RATINGS,
    BatchResult,
    QuotaMoves,
    apply_quota_batch,
    concat,
    evaluate_batch,
    evaluate_columns,
    evaluate_table,
)

__all__ = [
    "EXCUSE_BITS",
    "RATINGS",
    "STATUS_CODES",
    "BatchResult",
    "Columns",
    "QuotaMoves",
    "apply_quota_batch",
    "columns_of",
    "concat",
    "evaluate_batch",
    "evaluate_columns",
    "evaluate_table",
]
