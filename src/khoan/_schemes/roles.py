"""Conditions by who is rated: a collective, a leader, an individual without a post.

QĐ 366-QĐ/TW Điều 11 and NĐ 90/2020/NĐ-CP Điều 4 set different conditions for each
:class:`~khoan.Role`. :func:`for_roles` limits any condition (or veto) to some roles;
the conditions here read the facts about the units led (:class:`~khoan.Circumstances`)
and, when such a fact is not given, say so (:class:`NotGiven`) instead of passing or
failing.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import attrs

from khoan._base.convert import decimal_text, percent
from khoan._base.findings import NotGiven, Reason, clause_part
from khoan._facts.circumstances import Circumstances, Role
from khoan._schemes.conditions import share_arg
from khoan._scoring.results import ItemResult
from khoan.exceptions import InvalidValue

__all__ = [
    "for_roles",
    "none_disciplined_below",
    "not_given",
    "shortcomings_remedied",
    "subordinates_achieved",
    "subordinates_good",
]


def not_given(en: str, vi: str) -> NotGiven:
    """The reason a rule gives when the fact it needs was not given."""
    return NotGiven(
        f"not checked (fact not given): {en}", f"chưa kiểm tra (chưa có thông tin): {vi}"
    )


@attrs.frozen(repr=False)
class _ForRoles:
    inner: Any
    roles: frozenset[Role]

    def __call__(self, results: Sequence[ItemResult], c: Circumstances, /) -> Any:
        if c.role is not None and c.role not in self.roles:
            return None
        return self.inner(results, c)

    @property
    def id(self) -> str:
        """The inner rule's part of a clause id."""
        return clause_part(self.inner)

    def __repr__(self) -> str:
        names = ", ".join(f"Role.{r.name}" for r in sorted(self.roles, key=_role_order))
        return f"for_roles({self.inner!r}, {names})"


def _role_order(role: Role) -> int:
    return list(Role).index(role)


def for_roles(rule: Any, *roles: Role) -> _ForRoles:
    """Apply a condition or a veto only when the one rated has one of ``roles``.

    When the role is not known (``circumstances.role`` is None, as when a
    condition is called directly) the rule applies: the engine always
    resolves the role first (see :class:`~khoan.Role`).

    >>> for_roles(subordinates_achieved(), Role.LEADER)
    for_roles(subordinates_achieved(), Role.LEADER)

    References:
        QĐ 366-QĐ/TW Điều 11; NĐ 90/2020/NĐ-CP Điều 4, 13.

    """
    if not roles:
        raise InvalidValue("roles", roles, "at least one Role")
    if not all(isinstance(r, Role) for r in roles):
        raise InvalidValue("roles", roles, "Role members")
    return _ForRoles(rule, frozenset(roles))


@attrs.frozen(repr=False)
class _SubordinatesAchieved:
    def __call__(self, results: Sequence[ItemResult], c: Circumstances, /) -> Reason | None:
        if c.subordinates_not_achieved is None:
            return not_given(
                "how many subordinate units were rated Not achieved",
                "số đơn vị cấp dưới xếp loại không hoàn thành nhiệm vụ",
            )
        if c.subordinates_not_achieved == 0:
            return None
        n = c.subordinates_not_achieved
        return Reason(
            f"{n} subordinate unit(s) rated Not achieved; needs 100% at least Achieved "
            "(NĐ 90/2020/NĐ-CP Điều 4)",
            f"{n} đơn vị cấp dưới không hoàn thành nhiệm vụ; yêu cầu 100% hoàn thành nhiệm "
            "vụ trở lên (NĐ 90/2020/NĐ-CP Điều 4)",
        )

    @property
    def id(self) -> str:
        """The condition's part of a clause id."""
        return "subordinates-achieved"

    def __repr__(self) -> str:
        return "subordinates_achieved()"


def subordinates_achieved() -> _SubordinatesAchieved:
    """Every subordinate unit rated at least Achieved.

    References:
        NĐ 90/2020/NĐ-CP Điều 4 (cán bộ, Excellent and Good): "100% cơ quan,
        tổ chức, đơn vị … trực thuộc được đánh giá hoàn thành nhiệm vụ trở lên".

    """
    return _SubordinatesAchieved()


@attrs.frozen(repr=False)
class _SubordinatesGood:
    at_least: Fraction

    def __call__(self, results: Sequence[ItemResult], c: Circumstances, /) -> Reason | None:
        if c.subordinates is None or c.subordinates_good is None:
            return not_given(
                "how many subordinate units were rated, and how many Good or better",
                "số đơn vị cấp dưới được xếp loại và số đạt hoàn thành tốt trở lên",
            )
        if c.subordinates == 0:
            return None
        share = Fraction(c.subordinates_good, c.subordinates)
        if share >= self.at_least:
            return None
        need = percent(self.at_least)
        return Reason(
            f"{c.subordinates_good} of {c.subordinates} subordinate units rated Good or better "
            f"({percent(share)}); needs at least {need} (NĐ 90/2020/NĐ-CP Điều 4)",
            f"{c.subordinates_good}/{c.subordinates} đơn vị cấp dưới hoàn thành tốt trở lên "
            f"({percent(share)}); yêu cầu ít nhất {need} (NĐ 90/2020/NĐ-CP Điều 4)",
        )

    @property
    def id(self) -> str:
        """The condition's part of a clause id."""
        return "subordinates-good"

    def __repr__(self) -> str:
        return f"subordinates_good(at_least={decimal_text(self.at_least)})"


def subordinates_good(at_least: object = "0.7") -> _SubordinatesGood:
    """At least this share of the subordinate units rated Good or better.

    References:
        NĐ 90/2020/NĐ-CP Điều 4 (cán bộ, Excellent): "trong đó có ít nhất 70%
        hoàn thành tốt hoặc hoàn thành xuất sắc nhiệm vụ".

    """
    return _SubordinatesGood(share_arg(at_least, "at_least"))


@attrs.frozen(repr=False)
class _NoneDisciplinedBelow:
    def __call__(self, results: Sequence[ItemResult], c: Circumstances, /) -> Reason | None:
        units, members = c.subordinates_disciplined, c.leadership_disciplined
        bad_en, bad_vi = [], []
        if units:
            bad_en.append(f"{units} subordinate unit(s) disciplined")
            bad_vi.append(f"{units} đơn vị trực thuộc bị kỷ luật")
        if members:
            bad_en.append("a member of the leadership disciplined")
            bad_vi.append("thành viên tập thể lãnh đạo, quản lý bị kỷ luật")
        if bad_en:
            return Reason(
                "; ".join(bad_en) + "; Excellent needs none (QĐ 366-QĐ/TW Điều 11 k1)",
                "; ".join(bad_vi) + "; mức xuất sắc yêu cầu không có (QĐ 366-QĐ/TW Điều 11 k1)",
            )
        if units is None or members is None:
            return not_given(
                "whether a subordinate unit or a member of the leadership was disciplined",
                "có đơn vị trực thuộc hoặc thành viên tập thể lãnh đạo bị kỷ luật hay không",
            )
        return None

    @property
    def id(self) -> str:
        """The condition's part of a clause id."""
        return "none-disciplined-below"

    def __repr__(self) -> str:
        return "none_disciplined_below()"


def none_disciplined_below() -> _NoneDisciplinedBelow:
    """No subordinate unit and no member of the leadership disciplined in the period.

    References:
        QĐ 366-QĐ/TW Điều 11 k1 (collective, Excellent): "Không có đơn vị
        trực thuộc … hoặc thành viên của tập thể lãnh đạo, quản lý bị kỷ luật".

    """
    return _NoneDisciplinedBelow()


@attrs.frozen(repr=False)
class _ShortcomingsRemedied:
    def __call__(self, results: Sequence[ItemResult], c: Circumstances, /) -> Reason | None:
        if c.shortcomings_remedied is None:
            return not_given(
                "the share of earlier shortcomings remedied",
                "tỷ lệ hạn chế, khuyết điểm đã được khắc phục",
            )
        if c.shortcomings_remedied == 1:
            return None
        shown = percent(Fraction(c.shortcomings_remedied))
        return Reason(
            f"{shown} of the shortcomings remedied; Excellent needs 100% (QĐ 366-QĐ/TW Điều 11 k1)",
            f"đã khắc phục {shown} hạn chế, khuyết điểm; mức xuất sắc yêu cầu 100% "
            "(QĐ 366-QĐ/TW Điều 11 k1)",
        )

    @property
    def id(self) -> str:
        """The condition's part of a clause id."""
        return "shortcomings-remedied"

    def __repr__(self) -> str:
        return "shortcomings_remedied()"


def shortcomings_remedied() -> _ShortcomingsRemedied:
    """Every shortcoming pointed out earlier has been remedied.

    References:
        QĐ 366-QĐ/TW Điều 11 k1 (Excellent): "Đã khắc phục 100% các hạn chế,
        khuyết điểm …".

    """
    return _ShortcomingsRemedied()
