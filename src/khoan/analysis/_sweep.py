"""Sensitivity: vary one named parameter of a scheme and watch counts and names move."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from typing import Any

import attrs

from khoan._base.convert import decimal_of, to_fraction
from khoan._base.display import html_table
from khoan._base.rating import Rating
from khoan._evaluation.evaluation import Evaluation
from khoan._facts.dossier import Cohort
from khoan.analysis._cohort import people_of, rate, scheme_of
from khoan.exceptions import FieldError, InvalidValue, KhoanError
from khoan.schemes import FallThrough, Scheme

__all__ = ["Parameter", "ParameterKind", "Point", "Sweep", "parameters", "sweep"]

Value = Fraction | FallThrough


class ParameterKind(enum.Enum):
    """What part of a scheme a parameter sets."""

    BAND = "band"  #: a band's lower edge (``key``: the rating's value)
    QUOTA_SHARE = "quota_share"  #: the quota's share
    PART_MAXIMUM = "part_maximum"  #: a part's maximum (``key``: the part id)
    CONDITION = "condition"  #: a share condition's threshold (``key``: its index)
    FALL_THROUGH = "fall_through"  #: what happens when band and conditions disagree


@attrs.frozen(kw_only=True)
class Parameter:
    """One parameter of a scheme an analyst can sweep, by name.

    Args:
        name: e.g. ``"band.achieved"``, ``"quota.share"``,
            ``"part.results.maximum"``, ``"condition.excellent.exceeded"``,
            ``"fall_through"``.
        kind: What it sets; ``key`` which band, part or condition.
        title: What it is, in English; ``title_vi`` in Vietnamese.

    """

    name: str = attrs.field(kw_only=False)
    kind: ParameterKind
    key: str = ""
    title: str = ""
    title_vi: str = ""

    def value_in(self, scheme: Scheme) -> Value:
        """The parameter's value in ``scheme``."""
        return _READ[self.kind](self, scheme)

    def convert(self, value: object) -> Value:
        """A value of the right type: a Fraction, or a :class:`FallThrough` member.

        Raises:
            InvalidValue: A value the parameter cannot take (the path is the
                parameter's name).

        """
        if self.kind is ParameterKind.FALL_THROUGH:
            if isinstance(value, FallThrough):
                return value
            for member in FallThrough:
                if value in (member.value, member.name, member.name.lower()):
                    return member
            raise InvalidValue(self.name, value, f"one of {', '.join(m.name for m in FallThrough)}")
        try:
            number = to_fraction(value)
        except FieldError as err:
            raise err.with_prefix(self.name) from None
        if self.kind in (ParameterKind.QUOTA_SHARE, ParameterKind.CONDITION) and not (
            0 <= number <= 1
        ):
            raise InvalidValue(self.name, value, "a share from 0 to 1")
        if number < 0:
            raise InvalidValue(self.name, value, "a number of points, 0 or more")
        return number

    def apply(self, scheme: Scheme, value: object) -> Scheme:
        """``scheme`` with the parameter set to ``value``.

        Raises:
            InvalidValue: The value, or the scheme it makes (bands that no
                longer tile the scale, say), with the parameter's name as path.

        """
        converted = self.convert(value)
        try:
            return _WRITE[self.kind](self, scheme, converted)
        except FieldError as err:
            raise InvalidValue(
                self.name, _shown(converted), f"a value giving a valid scheme ({err})"
            ) from None


def _band_read(p: Parameter, s: Scheme) -> Value:
    return next(b.lower for b in s.bands if b.rating.value == p.key)


def _band_write(p: Parameter, s: Scheme, v: Value) -> Scheme:
    bands = tuple(attrs.evolve(b, lower=v) if b.rating.value == p.key else b for b in s.bands)
    return attrs.evolve(s, bands=bands)


def _quota_read(p: Parameter, s: Scheme) -> Value:
    assert s.quota is not None  # parameters() lists it only for schemes with a quota
    return s.quota.share


def _quota_write(p: Parameter, s: Scheme, v: Value) -> Scheme:
    assert s.quota is not None
    return attrs.evolve(s, quota=attrs.evolve(s.quota, share=v))


def _part_read(p: Parameter, s: Scheme) -> Value:
    return next(part.maximum for part in s.parts if part.id == p.key)


def _part_write(p: Parameter, s: Scheme, v: Value) -> Scheme:
    parts = tuple(attrs.evolve(x, maximum=v) if x.id == p.key else x for x in s.parts)
    return attrs.evolve(s, parts=parts)


def _condition_read(p: Parameter, s: Scheme) -> Value:
    limit: Fraction = s.conditions[int(p.key)][1].limit  # type: ignore[attr-defined]
    return limit


def _condition_write(p: Parameter, s: Scheme, v: Value) -> Scheme:
    index = int(p.key)
    conditions = tuple(
        (r, attrs.evolve(_any(c), limit=v) if k == index else c)
        for k, (r, c) in enumerate(s.conditions)
    )
    return attrs.evolve(s, conditions=conditions)


def _fall_read(p: Parameter, s: Scheme) -> Value:
    return s.fall_through


def _fall_write(p: Parameter, s: Scheme, v: Value) -> Scheme:
    assert isinstance(v, FallThrough)  # Parameter.convert made it one
    return attrs.evolve(s, fall_through=v)


_READ: Mapping[ParameterKind, Callable[[Parameter, Scheme], Value]] = {
    ParameterKind.BAND: _band_read,
    ParameterKind.QUOTA_SHARE: _quota_read,
    ParameterKind.PART_MAXIMUM: _part_read,
    ParameterKind.CONDITION: _condition_read,
    ParameterKind.FALL_THROUGH: _fall_read,
}
_WRITE: Mapping[ParameterKind, Callable[[Parameter, Scheme, Value], Scheme]] = {
    ParameterKind.BAND: _band_write,
    ParameterKind.QUOTA_SHARE: _quota_write,
    ParameterKind.PART_MAXIMUM: _part_write,
    ParameterKind.CONDITION: _condition_write,
    ParameterKind.FALL_THROUGH: _fall_write,
}


def _any(value: object) -> Any:
    return value


def _has_limit(condition: object) -> bool:
    kind: Any = type(condition)  # share conditions are attrs classes with a ``limit``
    return attrs.has(kind) and "limit" in attrs.fields_dict(kind)


def parameters(scheme: object) -> dict[str, Parameter]:
    """The named parameters of a scheme (a preset name or a Scheme), in a stable order.

    Every band's lower edge but the last (which is 0), the quota's share if
    the scheme has a quota, every part's maximum, the threshold of every share
    condition, and the fall-through reading.

    >>> list(parameters("qd-366-2025"))  # doctest: +NORMALIZE_WHITESPACE
    ['band.excellent', 'band.good', 'band.achieved', 'quota.share', 'part.general.maximum',
     'part.results.maximum', 'condition.excellent.exceeded', 'condition.achieved.late',
     'fall_through']

    """
    s = scheme_of(scheme)
    found: list[Parameter] = [
        Parameter(
            f"band.{b.rating.value}",
            kind=ParameterKind.BAND,
            key=b.rating.value,
            title=f"lowest total rated {b.rating.name}",
            title_vi=f"điểm thấp nhất của mức {b.rating.vietnamese}",
        )
        for b in s.bands[:-1]
    ]
    if s.quota is not None:
        found.append(
            Parameter(
                "quota.share",
                kind=ParameterKind.QUOTA_SHARE,
                title=f"the quota's share for {s.quota.rating.name}",
                title_vi=f"tỷ lệ tối đa của mức {s.quota.rating.vietnamese}",
            )
        )
    found += [
        Parameter(
            f"part.{p.id}.maximum",
            kind=ParameterKind.PART_MAXIMUM,
            key=p.id,
            title=f"points of the part {p.title or p.id}",
            title_vi=f"số điểm của phần {p.title_vi or p.id}",
        )
        for p in s.parts
    ]
    for index, (rating, condition) in enumerate(s.conditions):
        if not _has_limit(condition):
            continue
        cid = str(getattr(condition, "id", index))
        factory = repr(condition).split("(")[0]  # e.g. share_exceeded
        name = f"condition.{rating.value}.{cid}"
        if any(p.name == name for p in found):
            name = f"{name}.{index}"
        found.append(
            Parameter(
                name,
                kind=ParameterKind.CONDITION,
                key=str(index),
                title=f"{factory} threshold for {rating.name}",
                title_vi=f"ngưỡng {factory} của mức {rating.vietnamese}",
            )
        )
    found.append(
        Parameter(
            "fall_through",
            kind=ParameterKind.FALL_THROUGH,
            title="when band and conditions disagree",
            title_vi="khi khung điểm và điều kiện không thống nhất",
        )
    )
    return {p.name: p for p in found}


def _shown(value: Value) -> str:
    return value.name if isinstance(value, FallThrough) else str(decimal_of(value))


@attrs.frozen(kw_only=True)
class Point:
    """The cohort at one value of the parameter.

    Args:
        value: The parameter's value.
        evaluations: The final evaluations (after the quota), in the cohort's order.
        counts: How many hold each rating, best first (every rating listed).
        rated_counts: The same before the quota.
        moved: Assignments whose final rating differs from the unswept scheme's.

    """

    value: Value = attrs.field(kw_only=False)
    evaluations: tuple[Evaluation, ...]
    counts: tuple[tuple[Rating, int], ...]
    rated_counts: tuple[tuple[Rating, int], ...]
    moved: tuple[str, ...] = ()

    def count(self, rating: Rating) -> int:
        """How many hold ``rating`` after the quota."""
        return dict(self.counts)[rating]


@attrs.frozen(kw_only=True)
class Sweep:
    """A scheme's results across values of one parameter.

    Args:
        scheme: The scheme's name; ``parameter`` the parameter swept.
        current: The parameter's value in the scheme itself.
        baseline: The unswept scheme's results.
        points: One per value, in the order given.
        names: ``(assignment, assignee's name)`` in the cohort's order.

    """

    scheme: str
    parameter: Parameter
    current: Value
    baseline: Point
    points: tuple[Point, ...]
    names: tuple[tuple[str, str], ...]

    def explain(self, lang: str = "vi") -> str:
        """A text table: value, counts per rating, and who moved from the baseline."""
        if lang not in ("vi", "en"):
            raise InvalidValue("lang", lang, "'vi' or 'en'")
        header, rows = self._table(lang)
        widths = [max(len(r[k]) for r in [header, *rows]) for k in range(len(header) - 1)]
        title = self.parameter.title_vi if lang == "vi" else self.parameter.title
        lines = [f"{self.scheme}: {self.parameter.name} ({title}); "
                 + ("giá trị hiện hành " if lang == "vi" else "its value ")
                 + _shown(self.current), ""]  # fmt: skip
        for row in [header, *rows]:
            cells = [f"{c:>{w}}" for c, w in zip(row, widths, strict=False)]
            lines.append("  ".join([*cells, row[-1]]).rstrip())
        return "\n".join(lines)

    def _table(self, lang: str) -> tuple[list[str], list[list[str]]]:
        vi = lang == "vi"
        short = {Rating.EXCELLENT: "E", Rating.GOOD: "G", Rating.ACHIEVED: "A"}
        short[Rating.NOT_ACHIEVED] = "N"
        header = ["giá trị" if vi else "value", *(short[r] for r in Rating)]
        header.append("thay đổi so với hiện hành" if vi else "moved from the scheme's own")
        names = dict(self.names)
        rows = []
        for p in self.points:
            mark = " =" if p.value == self.current else ""
            moved = ", ".join(names[a] or a for a in p.moved)
            rows.append([_shown(p.value) + mark, *(str(p.count(r)) for r in Rating), moved])
        return header, rows

    def __repr__(self) -> str:
        return (
            f"<Sweep of {self.parameter.name} under {self.scheme} over {len(self.points)} "
            f"values (its own: {_shown(self.current)})>"
        )

    def _repr_html_(self) -> str:
        header, rows = self._table("en")
        return html_table(
            caption=f"{self.scheme}: {self.parameter.name} ({self.parameter.title})",
            header=header,
            rows=rows,
        )


def _point(value: Value, evaluations: tuple[Evaluation, ...], before: tuple[Evaluation, ...],
           baseline: Point | None) -> Point:  # fmt: skip
    def counts(es: tuple[Evaluation, ...]) -> tuple[tuple[Rating, int], ...]:
        return tuple((r, sum(e.rating is r for e in es)) for r in Rating)

    moved: tuple[str, ...] = ()
    if baseline is not None:
        moved = tuple(
            e.assignment
            for e, b in zip(evaluations, baseline.evaluations, strict=True)
            if e.rating is not b.rating
        )
    return Point(
        value, evaluations=evaluations, counts=counts(evaluations), rated_counts=counts(before),
        moved=moved,
    )  # fmt: skip


def sweep(
    cohort: Cohort,
    scheme: object,
    parameter: str | Parameter,
    values: Iterable[object],
    *,
    quota: bool = True,
) -> Sweep:
    """Rate ``cohort`` under ``scheme`` with ``parameter`` set to each of ``values``.

    Args:
        cohort: The dossiers.
        scheme: A preset name or a Scheme.
        parameter: A name from :func:`parameters` (or a :class:`Parameter`).
        values: The values to try, in order (numbers as int/str/Decimal/Fraction;
            FallThrough members or names for ``fall_through``).
        quota: Apply the (swept) scheme's quota (default True).

    Returns:
        The counts and the names that move at each value, against the scheme's own.

    Raises:
        InvalidValue: An unknown parameter, or a value that gives no valid
            scheme (the path is the parameter's name).

    >>> from khoan import io
    >>> s = sweep(io.load_example("vinh-phuc-2021"), "nd-90-2020", "band.achieved", [40, 50, 60])
    >>> [p.count(Rating.NOT_ACHIEVED) for p in s.points]
    [0, 1, 2]

    """
    s = scheme_of(scheme)
    if isinstance(parameter, str):
        catalogue = parameters(s)
        if parameter not in catalogue:
            raise InvalidValue("parameter", parameter, f"one of {', '.join(catalogue)}")
        parameter = catalogue[parameter]
    wanted = list(values)
    if not wanted:
        raise InvalidValue("values", wanted, "at least one value")
    converted = [parameter.convert(v) for v in wanted]
    base_run = rate(cohort, s, quota=quota)
    baseline = _point(parameter.value_in(s), base_run.after, base_run.before, None)
    points = []
    for value in converted:
        run = rate(cohort, parameter.apply(s, value), quota=quota)
        points.append(_point(value, run.after, run.before, baseline))
    people = people_of(cohort)
    names = tuple((d.assignment.id, people[d.assignment.assignee.id].name) for d in cohort.dossiers)
    return Sweep(
        scheme=s.name,
        parameter=parameter,
        current=parameter.value_in(s),
        baseline=baseline,
        points=tuple(points),
        names=names,
    )


def values_of(text: str, parameter: Parameter) -> list[Value]:
    """Values from ``"LO:HI:STEP"`` (inclusive, exact) or ``"a,b,c"``, for the CLI.

    Raises:
        InvalidValue: Text that is neither, or a step that is not positive.

    """
    if ":" in text:
        pieces = text.split(":")
        if len(pieces) != 3:
            raise InvalidValue(parameter.name, text, "LO:HI:STEP, e.g. 40:65:1")
        try:
            lo, hi, step = (to_fraction(p) for p in pieces)
        except KhoanError:
            raise InvalidValue(parameter.name, text, "LO:HI:STEP of numbers") from None
        if step <= 0:
            raise InvalidValue(parameter.name, text, "a positive STEP")
        if (hi - lo) / step > 1000:
            raise InvalidValue(parameter.name, text, "at most 1000 steps")
        out: list[Value] = []
        value = lo
        while value <= hi:
            out.append(parameter.convert(value))
            value += step
        return out
    return [parameter.convert(p.strip()) for p in text.split(",") if p.strip()]
