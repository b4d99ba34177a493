"""Item rules: how one indicator or task earns its points.

An item rule is any callable ``(item, outcome, scoresheets, context) ->
ItemResult``. The built-ins are small frozen callables made by the factories
below; their reprs read like their configuration, so a scheme prints as the
policy it is:

>>> deduct(linear(cap=Decimal("1.2")), per_failed_review="0.25")
deduct(linear(cap=Decimal('1.2'), floor=Decimal('0')), per_failed_review=Decimal('0.25'), ...)

Every built-in gives points in ``[0, weight × cap]`` and never fewer points
for a better outcome or higher council points.

References:
    peers.md §9.3-9.4 (direction-aware linear scaling, zone tables),
    NĐ 335/2025/NĐ-CP Điều 14 (−25% per failed review or delay, waived for
    objective causes confirmed by the competent authority).

"""

from __future__ import annotations

from decimal import Decimal  # noqa: F401  (the doctest above uses it)

from khoan._scoring.aggregators import (
    Aggregator,
    judging,
    krippendorff_alpha,
    mean,
    median,
    trimmed_mean,
)
from khoan._scoring.combinators import fallback, min_of, product, weighted
from khoan._scoring.computed import done_or_not, linear, ratio, timeliness, zones
from khoan._scoring.council import council
from khoan._scoring.deduct import deduct
from khoan._scoring.rule import ItemContext, ItemRule

__all__ = [
    "Aggregator",
    "ItemContext",
    "ItemRule",
    "council",
    "deduct",
    "done_or_not",
    "fallback",
    "judging",
    "krippendorff_alpha",
    "linear",
    "mean",
    "median",
    "min_of",
    "product",
    "ratio",
    "timeliness",
    "trimmed_mean",
    "weighted",
    "zones",
]
