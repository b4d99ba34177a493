"""Reasons and findings: the explanation every stage attaches to what it computed.

A :class:`Reason` is one sentence in English and Vietnamese. A
:class:`Finding` records something that changed or qualified a rating (a
condition that failed, a veto, a quota move, missing data, an assumption),
with a :class:`FindingKind` and a stable ``clause`` id that apps and tests
match on instead of on text, e.g. ``"qd-366-2025/excellent/on-time"`` or
``"nd-335-2025/veto/disciplined"``.
"""

from __future__ import annotations

import enum

import attrs

from khoan._base.rating import Rating

__all__ = [
    "Finding",
    "FindingKind",
    "Incomplete",
    "NotGiven",
    "Reason",
    "clause_part",
    "rating_slug",
]


@attrs.frozen
class Reason:
    """One sentence of explanation, in English and Vietnamese."""

    en: str
    vi: str

    def text(self, lang: str) -> str:
        """The sentence in ``lang`` ("en" or "vi")."""
        return self.vi if lang == "vi" else self.en


@attrs.frozen
class NotGiven(Reason):
    """A rule could not be checked: the fact it needs was not given (None).

    A condition that returns it leaves its level unconfirmed (the evaluation
    is referred to the council when that decides the rating); a veto that
    returns it applies nothing and the evaluation says it was not checked.
    """


@attrs.frozen
class Incomplete(Reason):
    """A ground was raised but the facts that decide it are incomplete.

    A veto that returns it refers the evaluation to the council rather than
    rating harshly (e.g. a discipline record that does not say whether the
    violation concerned official duties).
    """


class FindingKind(enum.StrEnum):
    """What kind of thing a :class:`Finding` records.

    The members are strings, so ``finding.kind == "veto"`` also holds and
    the JSON form is the plain value.
    """

    CONDITION = "condition"  #: a rating's extra condition failed
    VETO = "veto"  #: a fact capped the rating whatever the points
    MISSING = "missing"  #: something had nothing to score; the policy applied is said
    QUOTA = "quota"  #: a cohort quota moved the rating down
    COLLECTIVE = "collective"  #: capped by the rating of the collective the head leads
    ROLL_UP = "roll-up"  #: quarters or months rolled up into a longer period
    ASSUMPTION = "assumption"  #: a reading khoan supplies where the sources are silent
    MERGER = "merger"  #: the unit merged; the assignment carried over
    REFERRED = "referred"  #: band and conditions disagree; the council decides
    NOT_CHECKED = "not-checked"  #: a rule's fact was not given: neither passed nor failed
    NOT_RATED = "not-rated"  #: not rated at all (e.g. under 6 months worked in the year)
    COUNTED_ONCE = "counted-once"  #: a violation already counted elsewhere is not counted again
    OVERRIDE = "override"  #: the competent body decided another rating, on the record
    OUT_OF_FORCE = "out-of-force"  #: a preset applied outside its dates of effect, on request


@attrs.frozen(kw_only=True)
class Finding:
    """Something that changed or qualified a rating, with its reason and basis.

    Args:
        kind: What kind of finding it is.
        before: The rating before it applied (None if it changed none).
        after: The rating after it applied (None if it changed none).
        reason: Why, in both languages.
        basis: The legal basis or the configuration that produced it.
        clause: A stable id, ``scheme/rating/condition`` or
            ``scheme/veto/name`` and the like; empty for free-standing notes.

    >>> f = Finding(FindingKind.VETO, before=Rating.GOOD, after=Rating.NOT_ACHIEVED,
    ...             reason=Reason("disciplined", "bị kỷ luật"),
    ...             clause="nd-335-2025/veto/disciplined")
    >>> f.kind == "veto", f.clause.split("/")[-1]
    (True, 'disciplined')

    """

    kind: FindingKind = attrs.field(converter=FindingKind, kw_only=False)
    before: Rating | None
    after: Rating | None
    reason: Reason
    basis: str = ""
    clause: str = ""


def rating_slug(rating: Rating) -> str:
    """The rating as it appears in clause ids: ``"excellent"``, ``"not-achieved"``."""
    return rating.value.replace("_", "-")


def clause_part(strategy: object) -> str:
    """The id a condition or veto gives itself (its ``id``), or its function's name."""
    found = getattr(strategy, "id", None)
    if isinstance(found, str) and found:
        return found
    name = getattr(strategy, "__name__", "")
    return name.replace("_", "-") if isinstance(name, str) and name else type(strategy).__name__
