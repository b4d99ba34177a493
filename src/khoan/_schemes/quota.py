"""Quota: a cap on how many in a peer group (or an agency) may hold a rating."""

from __future__ import annotations

import enum
from fractions import Fraction

import attrs

from khoan._base.convert import SHOWN, decimal_of, to_fraction
from khoan._base.findings import Reason
from khoan._base.rating import Rating
from khoan._schemes.readings import Reading
from khoan.exceptions import InvalidValue

__all__ = ["DemotionOrder", "Quota", "QuotaBase", "QuotaScope", "TieBreak"]


class QuotaBase(enum.Enum):
    """What the quota's share is taken of.

    The rule "Excellent ≤ 20% of those rated Good" can be read two ways; both
    are offered, and the default is the reading the final ratings satisfy
    literally.
    """

    GOOD_AFTER = "good_after"
    """Of those rated Good once the quota is applied, so the demoted count as
    Good: the number kept Excellent, k, is the largest with k ≤ share × (Good +
    Excellent − k). The final ratings satisfy the rule as written. Default."""

    GOOD_INCLUDING_SELECTED = "good_including_selected"
    """Of those rated at least Good before the quota (Excellent candidates
    counted in the Good pool): k = ⌊share × (Good + Excellent)⌋. Allows more
    Excellent than the literal reading."""

    ALL_RATED = "all_rated"
    """Of everyone rated in the group (Hà Nội's A ≤ 30%)."""

    PARTY_EXCELLENT_SHARE = "party_excellent_share"
    """Of everyone rated in the group, at most the share of party members
    rated Excellent (NĐ 48/2023): ``share`` is that year's party share, a fact
    the caller supplies, not a constant."""


class QuotaScope(enum.Enum):
    """Within what a quota is counted; a quota may name several, each applied in turn."""

    PEER_GROUP = "peer_group"  #: each group of equivalent posts or similar tasks
    AGENCY = "agency"  #: each agency (Evaluation.agency; none given = one agency)


class DemotionOrder(enum.Enum):
    """Who is demoted first when a quota bites (the sources do not say)."""

    LOWEST_TOTAL_FIRST = "lowest_total_first"
    """Candidates are ranked by exact total, best first, and the lowest are
    demoted (khoan's reading; ties by :class:`TieBreak`). Default."""

    GIVEN = "given"
    """The competent body's own ranking decides: :func:`khoan.apply_quota` is
    given ``ranking`` (assignment ids, best first) and demotes from its end."""


class TieBreak(enum.Enum):
    """What happens when candidates tie on total at the quota's cut."""

    KEY = "key"
    """Rank by exact total, best first, then by assignment id (A before B):
    deterministic and documented, though the id carries no merit."""

    DEMOTE_ALL = "demote_all"
    """Demote everyone tied at the cut, so no one is kept over an equal."""


def _scopes(value: object) -> tuple[QuotaScope, ...]:
    scopes = tuple(value) if isinstance(value, (tuple, list)) else (value,)
    if not scopes or not all(isinstance(s, QuotaScope) for s in scopes):
        raise InvalidValue("scopes", value, "one or more QuotaScope members")
    if len(set(scopes)) != len(scopes):
        raise InvalidValue("scopes", value, "each scope once")
    return scopes


def _optional_share(value: object) -> Fraction | None:
    return None if value is None else to_fraction(value)


@attrs.frozen(kw_only=True)
class Quota:
    """At most ``share`` of ``base`` may hold ``rating`` within each peer group.

    Those over the quota drop to the next lower rating; no one is promoted.

    Args:
        rating: The rating capped (usually Excellent).
        share: The share allowed, from 0 to 1.
        base: What the share is taken of (see :class:`QuotaBase`).
        ties: Ties at the cut (see :class:`TieBreak`).
        scopes: Within what it is counted, applied in this order (NĐ 335: each
            group of similar tasks and each agency, both).
        exceptional_share: The share allowed where the competent body names an
            agency or group as having outstanding results (Hà Nội: 40%); None
            when the source sets none or its figure is unknown.
        demotion: Who is demoted first (see :class:`DemotionOrder`).
        legal_basis: The sources.
        assumptions: What is unconfirmed about this quota in the scheme that
            uses it; printed with every evaluation under that scheme.

    >>> Quota(Rating.EXCELLENT, share=Fraction(1, 5)).allowed(good=9, candidates=3, rated=12)
    2

    """

    rating: Rating = attrs.field(kw_only=False)
    share: Fraction = attrs.field(converter=to_fraction)
    base: QuotaBase = QuotaBase.GOOD_AFTER
    ties: TieBreak = TieBreak.KEY
    scopes: tuple[QuotaScope, ...] = attrs.field(
        default=(QuotaScope.PEER_GROUP,), converter=_scopes
    )
    exceptional_share: Fraction | None = attrs.field(default=None, converter=_optional_share)
    demotion: DemotionOrder = DemotionOrder.LOWEST_TOTAL_FIRST
    legal_basis: tuple[str, ...] = ()
    assumptions: tuple[Reason, ...] = ()

    def __attrs_post_init__(self) -> None:
        if not 0 <= self.share <= 1:
            raise InvalidValue("share", self.share, "a share from 0 to 1")
        if self.exceptional_share is not None and not self.share <= self.exceptional_share <= 1:
            raise InvalidValue(
                "exceptional_share", self.exceptional_share, f"a share from {self.share} to 1"
            )
        if self.rating is Rating.NOT_ACHIEVED:
            raise InvalidValue("rating", self.rating.name, "a rating above Not achieved")

    def allowed(self, *, good: int, candidates: int, rated: int, exceptional: bool = False) -> int:
        """How many of ``candidates`` may keep the rating.

        Args:
            good: How many in the group hold the next lower rating (Good).
            candidates: How many hold the quota's rating before it applies.
            rated: How many in the group were rated at all.
            exceptional: Whether the group is named as having outstanding
                results (``exceptional_share`` then applies).

        """
        share = self.share
        if exceptional:
            if self.exceptional_share is None:
                raise InvalidValue("exceptional", True, "a quota with an exceptional_share")
            share = self.exceptional_share
        if self.base in (QuotaBase.ALL_RATED, QuotaBase.PARTY_EXCELLENT_SHARE):
            limit = share * rated
        elif self.base is QuotaBase.GOOD_INCLUDING_SELECTED:
            limit = share * (good + candidates)
        else:
            limit = share * (good + candidates) / (1 + share)
        return min(candidates, int(limit))

    @property
    def readings(self) -> tuple[Reading, ...]:
        """The readings this quota rests on, printed with every evaluation under its scheme."""
        shown = percent_text(self.share)
        base_en, base_vi = BASE_WORDS[self.base]
        out = [
            Reading(
                topic="quota/base",
                choice=self.base.value,
                reason=Reason(
                    f"quota: at most {shown}% {base_en} may be rated {self.rating.name}",
                    f"tỷ lệ: không quá {shown}% {base_vi} được xếp loại {self.rating.vietnamese}",
                ),
            ),
            Reading(
                topic="quota/scope",
                choice="+".join(s.value for s in self.scopes),
                reason=_scope_reason(self.scopes),
            ),
            Reading(
                topic="quota/demotion",
                choice=self.demotion.value,
                reason=_DEMOTION[self.demotion],
            ),
        ]
        if self.exceptional_share is not None:
            extra = percent_text(self.exceptional_share)
            out.append(
                Reading(
                    topic="quota/exceptional",
                    choice=extra,
                    reason=Reason(
                        f"quota: {extra}% where the competent body names the agency or group "
                        "as having outstanding results",
                        f"tỷ lệ: {extra}% đối với cơ quan, nhóm được cấp có thẩm quyền xác "
                        "định có thành tích nổi bật",
                    ),
                )
            )
        out.extend(
            Reading(topic="quota/assumption", choice="stated", reason=a) for a in self.assumptions
        )
        return tuple(out)


def percent_text(share: Fraction) -> str:
    """A share as a plain percentage without trailing zeros: ``Fraction(1, 5)`` → ``"20"``."""
    return f"{decimal_of(share * 100).normalize(context=SHOWN):f}"


BASE_WORDS = {
    QuotaBase.GOOD_AFTER: (
        "of those rated Good after the quota",
        "số được xếp loại tốt sau điều chỉnh",
    ),
    QuotaBase.GOOD_INCLUDING_SELECTED: (
        "of those rated Good or better before the quota",
        "số được xếp loại tốt trở lên trước điều chỉnh",
    ),
    QuotaBase.ALL_RATED: ("of all rated", "tổng số được xếp loại"),
    QuotaBase.PARTY_EXCELLENT_SHARE: (
        "of all rated (the share of party members rated Excellent, NĐ 48)",
        "tổng số được xếp loại (tỷ lệ đảng viên được xếp loại hoàn thành xuất sắc, NĐ 48)",
    ),
}

_DEMOTION = {
    DemotionOrder.LOWEST_TOTAL_FIRST: Reason(
        "when a quota bites, those with the lowest exact total are demoted first (khoan's "
        "reading: the sources do not say who is demoted)",
        "khi vượt tỷ lệ, người có tổng điểm thấp nhất bị hạ mức trước (cách hiểu của khoan: "
        "văn bản không quy định ai bị hạ mức)",
    ),
    DemotionOrder.GIVEN: Reason(
        "when a quota bites, the competent body's own ranking decides who is demoted (the "
        "sources do not say; khoan applies the ranking given)",
        "khi vượt tỷ lệ, cấp có thẩm quyền xếp thứ tự để quyết định ai bị hạ mức (văn bản "
        "không quy định; khoan áp dụng thứ tự được cung cấp)",
    ),
}


def _scope_reason(scopes: tuple[QuotaScope, ...]) -> Reason:
    words = {
        QuotaScope.PEER_GROUP: ("each peer group", "từng nhóm có nhiệm vụ tương đồng"),
        QuotaScope.AGENCY: ("each agency", "từng cơ quan"),
    }
    en = " and then within ".join(words[s][0] for s in scopes)
    vi = " và sau đó trong ".join(words[s][1] for s in scopes)
    note_en, note_vi = "", ""
    if QuotaScope.AGENCY in scopes:
        note_en = "; evaluations with no agency given are taken as one agency"
        note_vi = "; các trường hợp không ghi cơ quan được coi là cùng một cơ quan"
    return Reason(
        f"the quota is counted within {en}{note_en}",
        f"tỷ lệ được tính trong {vi}{note_vi}",
    )
