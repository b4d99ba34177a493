"""The Evaluation record: one assignment rated under one scheme, with every reason."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import attrs

from khoan._base.convert import decimal_of
from khoan._base.display import html_table
from khoan._base.findings import Finding, Reason
from khoan._base.rating import Rating
from khoan._evaluation.explain import render
from khoan._facts.circumstances import Circumstances
from khoan._facts.override import Override
from khoan._facts.period import Period
from khoan._schemes.readings import Reading
from khoan._scoring.results import ItemResult
from khoan.exceptions import InvalidValue

__all__ = ["Evaluation", "PartResult"]


@attrs.frozen(kw_only=True)
class PartResult:
    """One part of the score: its points, its maximum, and how they were found."""

    id: str = attrs.field(kw_only=False)
    points: Fraction | None
    maximum: Fraction
    title: str = ""
    title_vi: str = ""
    reasons: tuple[Reason, ...] = ()


@attrs.frozen(kw_only=True)
class Evaluation:
    """The rating of one assignment under one scheme, with every reason.

    Args:
        assignment: The assignment's id.
        assignee: The assessee's id (a cadre, or a unit for a collective).
        period: The period rated.
        scheme: The scheme's name; ``scheme_version`` its version.
        items: One result per item, in the assignment's order.
        parts: One result per part of the scheme.
        total: The exact total, before rounding.
        score: The total rounded once by the scheme's rule.
        scale: The highest possible total.
        band: The rating the total alone reaches.
        rating: The final rating, after conditions, vetoes and cohort steps.
        findings: Every condition, veto, missing-data choice and cohort step
            that applied, in order.
        agreement: Krippendorff's alpha (interval) of the council's points on
            a common scale; a diagnostic, never an input.
        peer_group: The group quotas are applied within.
        circumstances: The facts beyond outcomes the evaluation used.
        legal_basis: The scheme's sources; ``assumptions``: what it assumes.
        readings: khoan's choices where the sources are silent (fall-through,
            failed reviews, tasks exceeded, required parts, the quota's
            reading), as data; :meth:`explain` prints them.
        agency: The agency quotas scoped by agency count within ("" if none given).
        candidates: When the scheme refers a disagreement between band and
            conditions to the council (:attr:`FallThrough.REFER`), the
            ratings it may choose from, best first; ``rating`` is then only
            the literal reading, and the consequence rules will not act on it.
            Facts that are not given or incomplete also refer an evaluation
            when they decide the rating.
        rated: False when the cadre is not rated at all (e.g. under 6 months
            worked in the year, NĐ 90/2020/NĐ-CP Điều 2 k3 as amended by NĐ
            48/2023): ``rating`` is then only what the points and rules would
            give, and quotas and consequence rules leave the evaluation out.
        override: The competent body's decision that changed the computed
            rating, if any (:func:`khoan.override`); it also decides a
            referral.

    """

    assignment: str = attrs.field(kw_only=False)
    assignee: str
    period: Period
    scheme: str
    scheme_version: str
    items: tuple[ItemResult, ...]
    parts: tuple[PartResult, ...]
    total: Fraction
    score: Decimal
    scale: Fraction
    band: Rating
    rating: Rating
    findings: tuple[Finding, ...] = ()
    agreement: Fraction | None = None
    peer_group: str = ""
    circumstances: Circumstances = attrs.field(factory=Circumstances)
    legal_basis: tuple[str, ...] = ()
    assumptions: tuple[Reason, ...] = ()
    candidates: tuple[Rating, ...] = ()
    rated: bool = True
    readings: tuple[Reading, ...] = ()
    agency: str = ""
    override: Override | None = None

    @property
    def referred(self) -> bool:
        """Whether the rating is referred to the council and not yet decided by it."""
        return bool(self.candidates) and self.override is None

    @property
    def decided(self) -> bool:
        """Whether the rating stands: rated, and not referred to the council.

        Quotas and consequence rules act only on decided evaluations.
        """
        return self.rated and not self.referred

    def with_rating(self, rating: Rating, finding: Finding) -> Evaluation:
        """A copy with a new final rating and the finding that explains it."""
        return attrs.evolve(self, rating=rating, findings=(*self.findings, finding))

    def explain(self, lang: str = "vi") -> str:
        """The evaluation as text a council secretary could paste into minutes.

        Args:
            lang: ``"vi"`` (default) or ``"en"``.

        """
        if lang not in ("vi", "en"):
            raise InvalidValue("lang", lang, "'vi' or 'en'")
        return render(self, vi=lang == "vi")

    # -- notebook display (issue 13): a short repr and an HTML table, not a dump --

    def __repr__(self) -> str:
        referred = ", referred" if self.referred else ""
        return (
            f"<Evaluation {self.assignment} ({self.assignee}, {self.period}) under {self.scheme}: "
            f"{self.score}/{decimal_of(self.scale)} {self.rating.name}{referred}>"
        )

    def _repr_html_(self) -> str:
        rows = [
            (r.item, "—" if r.points is None else decimal_of(r.points, 2),
             decimal_of(r.maximum, 2), r.status.value)
            for r in self.items
        ]  # fmt: skip
        rows += [
            (f"[{p.id}]", "—" if p.points is None else decimal_of(p.points, 2),
             decimal_of(p.maximum, 2), p.title)
            for p in self.parts
        ]  # fmt: skip
        caption = (
            f"{self.assignee} {self.period} · {self.scheme}: {self.score} "
            f"({self.band.name} by points) → {self.rating.name}"
        )
        notes = [
            f"{getattr(f.before, 'name', '—')} → {getattr(f.after, 'name', '—')}: {f.reason.en}"
            for f in self.findings
        ]
        return html_table(
            caption=caption, header=("item", "points", "maximum", "status"), rows=rows, notes=notes
        )
