"""Circumstances: facts about the assessee in a period that are not item outcomes.

Besides :class:`Circumstances` this module holds the two small facts it is made of:
:class:`Role` (who is rated: a collective, a leader, an individual without a post)
and :class:`Discipline` (one disciplinary decision, carrying the violation's id so
that one violation counts once).
"""

from __future__ import annotations

import enum
from decimal import Decimal

import attrs

from khoan._base.collect import collect
from khoan._base.convert import (
    is_whole,
    to_bool,
    to_enum,
    to_id,
    to_optional_bool,
    to_optional_decimal,
    to_texts,
    to_tuple_of,
)
from khoan._base.fact import fact
from khoan._facts.period import Period
from khoan.exceptions import FieldError, InvalidValue, OutOfRange

__all__ = ["Circumstances", "Discipline", "DisciplineLevel", "Role"]


class Role(enum.Enum):
    """Who is rated: the rules set different conditions for each.

    References:
        QĐ 366-QĐ/TW Điều 11 (collective; leader, on the units led directly;
        individual without a post, on their own tasks); NĐ 90/2020/NĐ-CP
        Điều 4 (cán bộ, i.e. the head) and Điều 13 (managers).

    """

    COLLECTIVE = "collective"  #: a party organisation, body or unit (tập thể)
    LEADER = "leader"  #: a head or manager, rated also on the units led (lãnh đạo, quản lý)
    INDIVIDUAL = "individual"  #: an individual without a post (cá nhân không giữ chức vụ)

    @property
    def vietnamese(self) -> str:
        """The role as Vietnamese documents name it."""
        return _ROLE_VI[self]


_ROLE_VI = {
    Role.COLLECTIVE: "tập thể",
    Role.LEADER: "cá nhân lãnh đạo, quản lý",
    Role.INDIVIDUAL: "cá nhân không giữ chức vụ",
}


class DisciplineLevel(enum.Enum):
    """The form of a disciplinary decision, lightest first.

    ``CRITICISM`` (phê bình, nhắc nhở) is recorded but is not a disciplinary
    form: NĐ 335/2025/NĐ-CP Điều 20 counts discipline "từ khiển trách trở lên".
    """

    CRITICISM = "criticism"  #: phê bình, nhắc nhở: below reprimand, not a disciplinary form
    REPRIMAND = "reprimand"  #: khiển trách
    WARNING = "warning"  #: cảnh cáo
    SALARY_DOWNGRADE = "salary_downgrade"  #: hạ bậc lương
    DEMOTION = "demotion"  #: giáng chức
    REMOVAL = "removal"  #: cách chức
    DISMISSAL = "dismissal"  #: buộc thôi việc
    EXPULSION = "expulsion"  #: khai trừ (Party)

    @property
    def at_least_reprimand(self) -> bool:
        """Whether the form is reprimand (khiển trách) or heavier."""
        return self is not DisciplineLevel.CRITICISM


def _to_level(value: object) -> DisciplineLevel:
    return to_enum(DisciplineLevel, value)


def _optional_period(value: object) -> Period | None:
    if value is None or isinstance(value, Period):
        return value
    if isinstance(value, str):
        return Period.parse(value)
    raise InvalidValue("", value, "a Period, text such as '2024', or None")


@fact
@attrs.frozen
class Discipline:
    """One disciplinary decision in the period, with the violation it punishes.

    Args:
        violation: The violation's id. One violation counts once: the same id
            under a Party and an administrative decision, or in two periods,
            makes only one period Not achieved (NĐ 48/2023/NĐ-CP; HD
            21-HD/BTCTW: "một vi phạm bị xử lý kỷ luật chỉ tính một lần").
        level: The form of the decision (:class:`DisciplineLevel`).
        official_duties: Whether the violation concerns official duties
            (NĐ 335/2025/NĐ-CP Điều 20 counts only those); None: not known.
        counted_in: The period whose rating already counted this violation,
            if it was counted in another period than the decision's.

    >>> Discipline("v-2024-01", level="reprimand", official_duties=True).level
    <DisciplineLevel.REPRIMAND: 'reprimand'>

    """

    violation: str = attrs.field(converter=to_id)
    level: DisciplineLevel = attrs.field(
        default=DisciplineLevel.REPRIMAND, converter=_to_level, kw_only=True
    )
    official_duties: bool | None = attrs.field(
        default=None, converter=to_optional_bool, kw_only=True
    )
    counted_in: Period | None = attrs.field(default=None, converter=_optional_period, kw_only=True)


def _disciplines(value: object) -> tuple[Discipline, ...]:
    return to_tuple_of(Discipline, value)


def _optional_role(value: object) -> Role | None:
    return None if value is None else to_enum(Role, value)


def _optional_count(value: object) -> int | None:
    if value is None:
        return None
    if not is_whole(value) or value < 0:
        raise InvalidValue("", value, "a whole number, 0 or more, or None")
    return value


@fact
@attrs.frozen
class Circumstances:
    """What the rules need to know about a period beyond the items' outcomes.

    Everything is optional: None means "not known", and a rule that needs an
    unknown fact says so rather than assuming.

    Args:
        disciplined: Disciplined (Party or administrative) in the period
            (NĐ 48/2023/NĐ-CP; NĐ 335/2025/NĐ-CP Điều 20; QĐ 124-QĐ/TW Điều 12).
        subordinates: How many subordinates or subordinate units were rated.
        subordinates_not_achieved: How many of them were rated Not achieved
            (NĐ 335/2025/NĐ-CP Điều 15: the leader's unit component).
        unit_completion: Share (0-1) of the year's targets and tasks the unit
            the head leads completed (QĐ 377-QĐ/TW: under 70% → relieve of post).
        basic_targets_missed: Whether the unit missed the basic socio-economic
            targets: growth, budget revenue, public investment disbursement,
            income per head, poverty reduction (QĐ 377-QĐ/TW).
        force_majeure: Whether a competent body confirmed force majeure for
            the unit's shortfall in the period (QĐ 124, QĐ 377 exceptions).
        low_confidence_share: Share (0-1) of low-confidence votes at the
            period's confidence vote, if one was held (QĐ 41-QĐ/TW).
        supports_not_delivered: Ids of supports pledged by the issuer that
            were not delivered ("không khoán trắng").
        role: Who is rated, when it must be said explicitly; None lets the
            engine derive it (a unit assignee is a collective, a cadre is a
            leader when head of the unit, an individual otherwise).
        subordinates_good: How many of ``subordinates`` were rated Good or
            better (NĐ 90/2020/NĐ-CP Điều 4: ≥ 70% for a head's Excellent).
        subordinates_disciplined: How many of ``subordinates`` (units) were
            disciplined in the period (QĐ 124-QĐ/TW: more than 20% → Not
            achieved; QĐ 366-QĐ/TW Điều 11: none, for a collective's Excellent).
        leadership_disciplined: Whether the leadership collective or one of
            its members was disciplined in the period (QĐ 124; QĐ 366 Điều 11).
        shortcomings_remedied: Share (0-1) of the shortcomings pointed out
            earlier that were remedied (QĐ 366 Điều 11: 100% for Excellent).
        criterion_poor: Whether a criterion was rated "Kém" (QĐ 124: Not achieved).
        degraded: Whether a competent body concluded degradation in political
            ideology, ethics or lifestyle (QĐ 124; NĐ 335/2025/NĐ-CP Điều 20 b).
        unit_corruption: Whether a subordinate or directly managed unit was
            dealt with for corruption, embezzlement or waste (QĐ 124; NĐ 335
            Điều 20 d).
        corruption_self_detected: Whether that unit detected and remedied it
            itself (QĐ 124's exception).
        disciplines: The disciplinary decisions of the period, each with its
            violation's id (see :class:`Discipline`).
        months_worked: Months worked in the year (NĐ 90/2020/NĐ-CP Điều 2 k3
            as amended by NĐ 48/2023: under 6 → not rated, maternity excepted).
        months_leave: Months of leave in the year other than maternity leave
            (3 to under 6 → at most Achieved).
        maternity: Whether the cadre took maternity leave in the year (rated
            on the time worked).

    """

    disciplined: bool = attrs.field(default=False, converter=to_bool, kw_only=True)
    subordinates: int | None = attrs.field(default=None, converter=_optional_count, kw_only=True)
    subordinates_not_achieved: int | None = attrs.field(
        default=None, converter=_optional_count, kw_only=True
    )
    unit_completion: Decimal | None = attrs.field(
        default=None, converter=to_optional_decimal, kw_only=True
    )
    basic_targets_missed: bool | None = attrs.field(
        default=None, converter=to_optional_bool, kw_only=True
    )
    force_majeure: bool = attrs.field(default=False, converter=to_bool, kw_only=True)
    low_confidence_share: Decimal | None = attrs.field(
        default=None, converter=to_optional_decimal, kw_only=True
    )
    supports_not_delivered: tuple[str, ...] = attrs.field(
        default=(), converter=to_texts, kw_only=True
    )
    role: Role | None = attrs.field(default=None, converter=_optional_role, kw_only=True)
    subordinates_good: int | None = attrs.field(
        default=None, converter=_optional_count, kw_only=True
    )
    subordinates_disciplined: int | None = attrs.field(
        default=None, converter=_optional_count, kw_only=True
    )
    leadership_disciplined: bool | None = attrs.field(
        default=None, converter=to_optional_bool, kw_only=True
    )
    shortcomings_remedied: Decimal | None = attrs.field(
        default=None, converter=to_optional_decimal, kw_only=True
    )
    criterion_poor: bool | None = attrs.field(
        default=None, converter=to_optional_bool, kw_only=True
    )
    degraded: bool | None = attrs.field(default=None, converter=to_optional_bool, kw_only=True)
    unit_corruption: bool | None = attrs.field(
        default=None, converter=to_optional_bool, kw_only=True
    )
    corruption_self_detected: bool | None = attrs.field(
        default=None, converter=to_optional_bool, kw_only=True
    )
    disciplines: tuple[Discipline, ...] = attrs.field(
        default=(), converter=_disciplines, kw_only=True
    )
    months_worked: Decimal | None = attrs.field(
        default=None, converter=to_optional_decimal, kw_only=True
    )
    months_leave: Decimal | None = attrs.field(
        default=None, converter=to_optional_decimal, kw_only=True
    )
    maternity: bool | None = attrs.field(default=None, converter=to_optional_bool, kw_only=True)

    def __attrs_post_init__(self) -> None:
        errors: list[FieldError] = []
        for name in ("unit_completion", "low_confidence_share", "shortcomings_remedied"):
            value = getattr(self, name)
            if value is not None and not 0 <= value <= 1:
                errors.append(OutOfRange(name, value, "a share from 0 to 1"))
        for name in ("months_worked", "months_leave"):
            value = getattr(self, name)
            if value is not None and not 0 <= value <= 12:
                errors.append(OutOfRange(name, value, "a number of months from 0 to 12"))
        for name in ("subordinates_good", "subordinates_disciplined"):
            value = getattr(self, name)
            if self.subordinates is not None and value is not None and value > self.subordinates:
                errors.append(
                    OutOfRange(
                        name, value, f"at most the number of subordinates, {self.subordinates}"
                    )
                )
        if (
            self.subordinates_good is not None
            and self.subordinates_not_achieved is not None
            and self.subordinates is not None
            and self.subordinates_good + self.subordinates_not_achieved > self.subordinates
        ):
            errors.append(
                OutOfRange(
                    "subordinates_good",
                    self.subordinates_good,
                    "at most the subordinates not rated Not achieved, "
                    f"{self.subordinates - self.subordinates_not_achieved}",
                )
            )
        seen: set[tuple[str, str]] = set()
        for i, d in enumerate(self.disciplines):
            key = (d.violation, d.level.value)
            if key in seen:
                errors.append(
                    InvalidValue(
                        f"disciplines[{i}]",
                        d.violation,
                        "each decision once (same violation, same form)",
                    )
                )
            seen.add(key)
        if (
            self.subordinates is not None
            and self.subordinates_not_achieved is not None
            and self.subordinates_not_achieved > self.subordinates
        ):
            errors.append(
                OutOfRange(
                    "subordinates_not_achieved",
                    self.subordinates_not_achieved,
                    f"at most the number of subordinates, {self.subordinates}",
                )
            )
        collect(errors, "circumstances")
