"""Who is who: levels, units, the org chart, and cadres."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator

import attrs

from khoan._base.collect import collect
from khoan._base.convert import (
    to_bool,
    to_date,
    to_enum,
    to_id,
    to_optional_date,
    to_optional_id,
    to_optional_of,
    to_text,
    to_tuple_of,
)
from khoan._base.fact import fact
from khoan.exceptions import (
    DuplicateId,
    FieldError,
    InvalidOrgChart,
    InvalidValue,
    UnknownReference,
)

__all__ = ["Cadre", "Category", "Level", "OrgChart", "Term", "Unit"]


class Level(enum.Enum):
    """The tier of the political system a unit belongs to.

    Before mid-2025 local government had three tiers (province, district,
    commune); since the 2025 reorganisation it has two (province, commune).
    An :class:`OrgChart` works for both. ``rank`` counts down from the top.

    >>> Level.PROVINCE.rank < Level.COMMUNE.rank
    True
    """

    CENTRAL = "central"  #: Trung ương
    PROVINCE = "province"  #: tỉnh, thành phố trực thuộc trung ương
    DISTRICT = "district"  #: huyện, quận, thị xã, thành phố thuộc tỉnh (until 2025)
    COMMUNE = "commune"  #: xã, phường, thị trấn; đặc khu
    GRASSROOTS = "grassroots"  #: chi bộ, thôn, tổ dân phố and other bodies below a commune

    @property
    def rank(self) -> int:
        """0 for the centre, growing downwards."""
        return list(Level).index(self)

    @property
    def vietnamese(self) -> str:
        """The Vietnamese name of the tier."""
        return _LEVEL_VI[self]


_LEVEL_VI = {
    Level.CENTRAL: "Trung ương",
    Level.PROVINCE: "cấp tỉnh",
    Level.DISTRICT: "cấp huyện",
    Level.COMMUNE: "cấp xã",
    Level.GRASSROOTS: "cơ sở",
}


def _to_level(value: object) -> Level:
    return to_enum(Level, value)


def _to_category(value: object) -> Category:
    return to_enum(Category, value)


@fact
@attrs.frozen(kw_only=True)
class Unit:
    """A body in the org chart: a party committee, a department, a commune, ...

    Args:
        id: Unique within the chart.
        name: As written in documents, e.g. ``"Đảng ủy xã Nguyệt Đức"``.
        level: The tier the unit belongs to.
        parent: Id of the unit directly above (the one that assigns its head
            tasks), or None for the chart's root.
        merged_into: The successor, when the unit was merged into another
            (the 2025 reorganisation merged provinces and communes and
            abolished districts); ``merged_on`` is the date it took effect.

    """

    id: str = attrs.field(converter=to_id, kw_only=False)
    name: str = attrs.field(converter=to_text)
    level: Level = attrs.field(converter=_to_level)
    parent: str | None = attrs.field(default=None, converter=to_optional_id)
    merged_into: str | None = attrs.field(default=None, converter=to_optional_id, kw_only=True)
    merged_on: dt.date | None = attrs.field(default=None, converter=to_optional_date, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if (self.merged_into is None) != (self.merged_on is None):
            raise InvalidValue(
                "merged_on", self.merged_on, "a date exactly when merged_into is given"
            )
        if self.merged_into == self.id:
            raise InvalidValue("merged_into", self.merged_into, "another unit's id")


def _units(value: object) -> tuple[Unit, ...]:
    return to_tuple_of(Unit, value)


@fact
@attrs.frozen
class OrgChart:
    """A validated tree of units: one root, no cycles, no orphans.

    A unit's parent is "the level directly above" it ("cấp trên một cấp"):
    the body that assigns tasks to its head.

    >>> chart = OrgChart([
    ...     Unit("vp", name="Tỉnh ủy Vĩnh Phúc", level=Level.PROVINCE),
    ...     Unit("yl", name="Huyện ủy Yên Lạc", level=Level.DISTRICT, parent="vp"),
    ...     Unit("nd", name="Đảng ủy xã Nguyệt Đức", level=Level.COMMUNE, parent="yl"),
    ... ])
    >>> chart.root.name, chart.parent_of("nd").id, chart.is_directly_above("yl", "nd")
    ('Tỉnh ủy Vĩnh Phúc', 'yl', True)
    >>> chart.is_directly_above("vp", "nd")
    False

    Raises:
        DuplicateId: Two units share an id.
        InvalidOrgChart: A unit names a parent not in the chart (an orphan),
            there is not exactly one root, units form a cycle, or a unit sits
            at a higher level than its parent.

    """

    units: tuple[Unit, ...] = attrs.field(converter=_units)
    _by_id: dict[str, Unit] = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        errors: list[FieldError] = []
        by_id: dict[str, Unit] = {}
        for i, unit in enumerate(self.units):
            if unit.id in by_id:
                errors.append(DuplicateId(f"units[{i}].id", unit.id, "a unit id used once"))
            else:
                by_id[unit.id] = unit
        object.__setattr__(self, "_by_id", by_id)
        roots = [u for u in self.units if u.parent is None]
        if not self.units:
            errors.append(InvalidOrgChart("units", [], "at least one unit"))
        elif len(roots) != 1:
            names = [u.id for u in roots]
            errors.append(
                InvalidOrgChart("units", names, "exactly one root (a unit without parent)")
            )
        for i, unit in enumerate(self.units):
            if unit.parent is None:
                continue
            parent = by_id.get(unit.parent)
            if parent is None:
                errors.append(
                    InvalidOrgChart(
                        f"units[{i}].parent", unit.parent, "the id of a unit in the chart"
                    )
                )
            elif parent.level.rank > unit.level.rank:
                errors.append(
                    InvalidOrgChart(
                        f"units[{i}].level",
                        unit.level.value,
                        f"a level not above its parent's ({parent.level.value})",
                    )
                )
        errors.extend(self._cycles(by_id))
        for i, unit in enumerate(self.units):
            if unit.merged_into is not None and unit.merged_into not in by_id:
                errors.append(
                    InvalidOrgChart(
                        f"units[{i}].merged_into", unit.merged_into, "the id of a unit in the chart"
                    )
                )
        collect(errors, "the org chart")

    def _cycles(self, by_id: dict[str, Unit]) -> list[FieldError]:
        errors: list[FieldError] = []
        reported: set[str] = set()
        for i, unit in enumerate(self.units):
            seen: list[str] = []
            current: Unit | None = unit
            while current is not None and current.parent is not None:
                if current.id in seen:
                    cycle = seen[seen.index(current.id) :]
                    if not reported.intersection(cycle):
                        reported.update(cycle)
                        errors.append(
                            InvalidOrgChart(
                                f"units[{i}].parent",
                                " → ".join([*cycle, current.id]),
                                "a tree: this chain of parents comes back on itself",
                            )
                        )
                    break
                seen.append(current.id)
                current = by_id.get(current.parent)
        return errors

    def __getitem__(self, unit_id: str) -> Unit:
        try:
            return self._by_id[unit_id]
        except KeyError:
            raise UnknownReference("", unit_id, "the id of a unit in the chart") from None

    def __contains__(self, unit_id: object) -> bool:
        return unit_id in self._by_id

    def __iter__(self) -> Iterator[Unit]:
        return iter(self.units)

    def __len__(self) -> int:
        return len(self.units)

    @property
    def root(self) -> Unit:
        """The one unit without a parent."""
        return next(u for u in self.units if u.parent is None)

    def parent_of(self, unit_id: str) -> Unit | None:
        """The unit directly above ``unit_id``, or None for the root."""
        parent = self[unit_id].parent
        return None if parent is None else self._by_id[parent]

    def children_of(self, unit_id: str) -> tuple[Unit, ...]:
        """The units directly below ``unit_id``, in chart order."""
        self[unit_id]
        return tuple(u for u in self.units if u.parent == unit_id)

    def ancestors_of(self, unit_id: str) -> tuple[Unit, ...]:
        """The units above ``unit_id``, nearest first."""
        out: list[Unit] = []
        parent = self.parent_of(unit_id)
        while parent is not None:
            out.append(parent)
            parent = self.parent_of(parent.id)
        return tuple(out)

    def successor(self, unit_id: str, on: dt.date) -> Unit:
        """The unit that carries ``unit_id``'s work on ``on``, following mergers.

        >>> chart = OrgChart([
        ...     Unit("pt", name="Tỉnh ủy Phú Thọ", level=Level.PROVINCE),
        ...     Unit("vp", name="Tỉnh ủy Vĩnh Phúc", level=Level.PROVINCE, parent="pt",
        ...          merged_into="pt", merged_on="2025-07-01"),
        ... ])
        >>> chart.successor("vp", dt.date(2025, 6, 30)).id
        'vp'
        >>> chart.successor("vp", dt.date(2025, 7, 1)).id
        'pt'
        """
        unit = self[unit_id]
        seen = {unit.id}
        while unit.merged_into is not None and unit.merged_on is not None and unit.merged_on <= on:
            unit = self._by_id[unit.merged_into]
            if unit.id in seen:
                raise InvalidOrgChart(
                    "units", unit.id, "mergers that do not come back on themselves"
                )
            seen.add(unit.id)
        return unit

    def is_directly_above(self, upper: str, lower: str) -> bool:
        """Whether ``upper`` is the parent of ``lower`` ("cấp trên một cấp")."""
        parent = self.parent_of(lower)
        return parent is not None and parent.id == upper


class Category(enum.Enum):
    """The legal category of a person, which decides which rules apply.

    References:
        Luật Cán bộ, công chức 2008 as amended by Luật 52/2019/QH14, Điều 4;
        Luật Viên chức 2010.

    """

    CADRE = "cadre"  #: cán bộ (elected or approved: secretaries, chairs)
    CIVIL_SERVANT = "civil_servant"  #: công chức (appointed: department directors)
    PUBLIC_EMPLOYEE = "public_employee"  #: viên chức


@fact
@attrs.frozen
class Term:
    """A term of office (nhiệm kỳ) or an appointment term, both ends included.

    >>> Term("2020-10-01", "2025-09-30").start
    datetime.date(2020, 10, 1)
    """

    start: dt.date = attrs.field(converter=to_date)
    end: dt.date = attrs.field(converter=to_date)

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidValue("end", self.end, f"a date on or after the start {self.start}")

    def __contains__(self, day: object) -> bool:
        if isinstance(day, dt.datetime):
            day = day.date()
        return isinstance(day, dt.date) and self.start <= day <= self.end


def optional_term(value: object) -> Term | None:
    """A Term or None (a converter shared with :class:`khoan.consequences.History`)."""
    return to_optional_of(Term, value, "a Term or None")


@fact
@attrs.frozen(kw_only=True)
class Cadre:
    """A person who can be assigned tasks: usually the head of a unit.

    Args:
        id: Unique within a document.
        name: Full name as written, e.g. ``"Phạm Văn Hạnh"``.
        post: The post as written, e.g. ``"Bí thư Đảng ủy xã"``.
        unit: Id of the unit the post belongs to.
        category: Cadre, civil servant or public employee.
        is_head: Whether the post is the head (người đứng đầu) of the unit.
        appointed_on: When the cadre took up this post, if known.
        term: The term of office or appointment term, if known.
        peer_group: The group of equivalent posts the cadre is compared within
            ("chức danh tương đương"), e.g. ``"bi-thu-cap-huyen"``; quotas such as
            Excellent ≤ 20% of Good apply per group (QĐ 124-QĐ/TW, NĐ 335/2025/NĐ-CP).

    """

    id: str = attrs.field(converter=to_id, kw_only=False)
    name: str = attrs.field(converter=to_text)
    post: str = attrs.field(converter=to_text)
    unit: str = attrs.field(converter=to_id)
    category: Category = attrs.field(default=Category.CADRE, converter=_to_category, kw_only=True)
    is_head: bool = attrs.field(default=True, converter=to_bool, kw_only=True)
    appointed_on: dt.date | None = attrs.field(
        default=None, converter=to_optional_date, kw_only=True
    )
    term: Term | None = attrs.field(default=None, converter=optional_term, kw_only=True)
    peer_group: str = attrs.field(default="", converter=to_text, kw_only=True)
