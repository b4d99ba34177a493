"""Property tests: laws every fact of khoan obeys, one class per law.

The strategies live in ``khoan.testing``; profiles (``default``,
``ci``/``property``) in ``tests/conftest.py``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import pickle
import unicodedata
from collections.abc import Callable, Mapping
from decimal import Decimal, localcontext
from fractions import Fraction
from operator import attrgetter
from typing import Any, NamedTuple

import attrs
import pytest
from hypothesis import assume, event, example, given
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

import khoan
from khoan import (
    Assignee,
    AssigneeKind,
    Assignment,
    Cadre,
    Cohort,
    Council,
    Criterion,
    Direction,
    Dossier,
    FrozenMap,
    Indicator,
    Inspection,
    Level,
    Member,
    Observation,
    OrgChart,
    Outcome,
    Period,
    Report,
    Scoresheet,
    Task,
    Term,
    Unit,
    io,
)
from khoan._base.convert import to_date
from khoan.exceptions import (
    ConflictOfInterest,
    DuplicateId,
    FieldError,
    InexactNumber,
    InvalidDocument,
    InvalidHierarchy,
    InvalidOrgChart,
    InvalidValue,
    KhoanError,
    OutOfRange,
    UnknownReference,
)
from khoan.testing import (
    assignment_inputs,
    cohorts,
    councils,
    dossiers,
    ids,
    indicator_inputs,
    org_chart_inputs,
    periods,
    points,
    refused_constructions,
    task_inputs,
    titles,
)

# -------------------------------------------------------------------- helpers


def leaves(error: BaseException) -> list[BaseException]:
    """The errors inside ``error``, groups unpacked."""
    if isinstance(error, BaseExceptionGroup):
        return [leaf for inner in error.exceptions for leaf in leaves(inner)]
    return [error]


def refusals(build: Callable[[], object]) -> list[FieldError]:
    """Run ``build``; return the field errors it raised, none when it was accepted.

    Anything but a :class:`KhoanError` (a ``TypeError`` from deep inside, say)
    escapes and fails the test; so does a group holding anything but field errors.
    """
    refused: KhoanError | None = None
    try:
        build()
    except KhoanError as error:
        refused = error
    if refused is None:
        return []
    found = leaves(refused)
    assert found, refused
    assert all(isinstance(e, FieldError) for e in found), found
    if len(found) > 1:
        assert isinstance(refused, InvalidDocument)
    return [e for e in found if isinstance(e, FieldError)]


def texts_in(value: object, path: str = "") -> list[tuple[str, str]]:
    """Every string inside a fact, with where it sits: fields, list elements, map keys."""
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, tuple):
        return [t for i, v in enumerate(value) for t in texts_in(v, f"{path}[{i}]")]
    if isinstance(value, FrozenMap):
        return [(f"{path}.keys", key) for key in value]
    cls = type(value)
    if attrs.has(cls):
        return [
            t
            for field in attrs.fields(cls)
            if field.init
            for t in texts_in(getattr(value, field.name), f"{path}.{field.name}")
        ]
    return []


# ------------------------------------------------------------ round trip law


@pytest.mark.property
class TestRoundTrip:
    """Law: JSON is lossless: ``loads(dumps(x)) == x`` and ``dumps(loads(dumps(x))) == dumps(x)``.

    Every text comes back code point for code point (Vietnamese in NFC or
    NFD, emoji, surrounding spaces), and is written as UTF-8, not escaped.
    """

    @given(dossiers())
    def test_dossier_reads_back_equal(self, dossier: Dossier) -> None:
        assert io.loads(io.dumps(dossier)) == dossier

    @given(dossiers())
    def test_dossier_writes_back_byte_for_byte(self, dossier: Dossier) -> None:
        text = io.dumps(dossier)
        assert io.dumps(io.loads(text)) == text

    @given(cohorts())
    def test_cohort_reads_back_equal(self, cohort: Cohort) -> None:
        assert io.loads(io.dumps(cohort)) == cohort

    @given(cohorts())
    def test_cohort_writes_back_byte_for_byte(self, cohort: Cohort) -> None:
        text = io.dumps(cohort)
        assert io.dumps(io.loads(text)) == text

    @given(dossiers())
    def test_every_text_comes_back_identical(self, dossier: Dossier) -> None:
        expected = texts_in(dossier)
        assert expected  # at least the ids
        assert texts_in(io.loads(io.dumps(dossier))) == expected

    @given(cohorts())
    def test_every_text_in_a_cohort_comes_back_identical(self, cohort: Cohort) -> None:
        assert texts_in(io.loads(io.dumps(cohort))) == texts_in(cohort)

    @given(dossiers())
    def test_text_is_written_as_utf8_not_escaped(self, dossier: Dossier) -> None:
        """Each text appears in the document as JSON writes it without \\u escapes.

        Empty texts are left out of the document as defaults, so they are skipped.
        """
        document = io.dumps(dossier)
        for path, text in texts_in(dossier):
            if not text:
                continue
            assert json.dumps(text, ensure_ascii=False) in document, path

    @given(dossiers())
    def test_utf8_bytes_read_back_equal(self, dossier: Dossier) -> None:
        assert io.loads(io.dumps(dossier).encode("utf-8")) == dossier

    @given(
        dossiers(),
        titles()
        | st.sampled_from(
            [
                "  Thu ngân sách nhà nước  ",
                "\tXây dựng chi bộ 🇻🇳\n",
                unicodedata.normalize("NFD", "Điểm nghẽn về đất đai"),
                unicodedata.normalize("NFC", "Điểm nghẽn về đất đai"),
                "việc khó 🎉 ",
            ]
        ),
    )
    def test_titles_keep_surrounding_spaces_in_nfc(self, dossier: Dossier, title: str) -> None:
        item = attrs.evolve(dossier.assignment.items[0], title=title)
        assignment = attrs.evolve(
            dossier.assignment, title=title, items=(item, *dossier.assignment.items[1:])
        )
        changed = attrs.evolve(dossier, assignment=assignment, title=title)
        back = io.loads(io.dumps(changed))
        assert isinstance(back, Dossier)
        kept = unicodedata.normalize("NFC", title)  # text is held in NFC (issue 11)
        assert back.title == kept == changed.title
        assert back.assignment.title == kept
        assert back.assignment.items[0].title == kept


# ---------------------------------------------- construction vs. oracle law

# The tiers top down, written out here rather than taken from Level.rank.
ORDER = [Level.CENTRAL, Level.PROVINCE, Level.DISTRICT, Level.COMMUNE, Level.GRASSROOTS]


def sized(value: Decimal | None) -> bool:
    """Zero, or between 1E-15 and 1E+15 in size: the range khoan accepts."""
    return value is None or not value or -15 <= value.adjusted() <= 15


def indicator_is_valid(kw: Mapping[str, Any]) -> bool:
    """Numbers of accepted size; a positive weight; a baseline, if any, differs from the
    target and lies behind it."""
    weight, target, baseline = kw["weight"], kw["target"], kw["baseline"]
    if not (sized(weight) and sized(target) and sized(baseline)):
        return False
    if not weight > 0:
        return False
    if baseline is None:
        return True
    if baseline == target:
        return False
    if kw["direction"] is Direction.HIGHER_IS_BETTER:
        return bool(target > baseline)
    return bool(target < baseline)


def assignment_is_valid(kw: Mapping[str, Any]) -> bool:
    """Items present with unique ids; deadlines in the period and not before issue; exact total;
    supports with unique ids that name assigned items only.
    """
    assigned: list[Indicator | Task] = kw["items"]
    period: Period = kw["period"]
    issued_on: dt.date = kw["issued_on"]
    item_ids = [item.id for item in assigned]
    if not assigned or len(set(item_ids)) != len(item_ids):
        return False
    if not sized(kw["total_weight"]):
        return False
    for item in assigned:
        d = item.deadline
        if d is not None and not (period.start <= d <= period.end and d >= issued_on):
            return False
    total = kw["total_weight"]
    if total is not None and sum(Fraction(item.weight) for item in assigned) != Fraction(total):
        return False
    support_ids = [s.id for s in kw["supports"]]
    if len(set(support_ids)) != len(support_ids):
        return False
    return all(ref in item_ids for s in kw["supports"] for ref in s.items)


def chart_is_tree(units: list[Unit]) -> bool:
    """Unique ids, one root, known parents, no unit above its parent's tier, no cycle."""
    unit_ids = [u.id for u in units]
    if not units or len(set(unit_ids)) != len(unit_ids):
        return False
    parent = {u.id: u.parent for u in units}
    tier = {u.id: ORDER.index(u.level) for u in units}
    if sum(p is None for p in parent.values()) != 1:
        return False
    for unit_id, above in parent.items():
        if above is not None and (above not in parent or tier[above] > tier[unit_id]):
            return False
    for unit_id in parent:
        # Climbing from any unit reaches the root in fewer steps than there are units.
        current: str | None = unit_id
        for _ in range(len(units)):
            if current is None:
                break
            current = parent[current]
        if current is not None:
            return False
    return True


def assignee_unit(assignee: Assignee, people: tuple[Cadre, ...]) -> str:
    """The unit of the assignee: the unit itself, or the listed cadre's unit."""
    if assignee.kind is AssigneeKind.UNIT:
        return assignee.id
    return next(c.unit for c in people if c.id == assignee.id)


@pytest.mark.property
class TestConstructionRefusesWhatValidationRefuses:
    """Law: a constructor raises a KhoanError exactly when an independent oracle says the
    input breaks a rule; what it accepts, the oracle accepts too.

    A refusal is a FieldError, or an InvalidDocument whose leaves are all FieldErrors.
    """

    @given(indicator_inputs())
    def test_indicator(self, kw: dict[str, Any]) -> None:
        errors = refusals(lambda: Indicator(**kw))
        event("accepted" if not errors else "refused")
        assert (not errors) == indicator_is_valid(kw), errors
        assert {e.path for e in errors} <= {"weight", "baseline", "target"}

    @given(task_inputs())
    def test_task(self, kw: dict[str, Any]) -> None:
        errors = refusals(lambda: Task(**kw))
        event("accepted" if not errors else "refused")
        assert (not errors) == (sized(kw["weight"]) and kw["weight"] > 0), errors
        assert [e.path for e in errors] in ([], ["weight"])

    @given(assignment_inputs())
    def test_assignment(self, kw: dict[str, Any]) -> None:
        errors = refusals(lambda: Assignment(**kw))
        event("accepted" if not errors else "refused")
        assert (not errors) == assignment_is_valid(kw), errors

    @example(weights=[Decimal("1.0000000000000000000000000001")])
    @given(
        st.lists(
            st.decimals(
                min_value=Decimal("1E-15"),
                max_value=Decimal("1E+14"),
                allow_nan=False,
                allow_infinity=False,
            ).filter(lambda d: len(d.as_tuple().digits) <= 30),  # khoan's bound on digits
            min_size=1,
            max_size=4,
        )
    )
    def test_total_weight_is_compared_exactly(self, weights: list[Decimal]) -> None:
        with localcontext() as exact:
            exact.prec = 200  # ample for 60-digit spans; the sum below is exact
            total = sum(weights, Decimal(0))
        assume(len(total.as_tuple().digits) <= 30)  # khoan's bound on any exact number
        rounded = sum(weights, Decimal(0))  # the default 28 significant digits

        def build(total_weight: Decimal) -> Callable[[], Assignment]:
            tasks = [Task(f"t{i}", title="Nhiệm vụ", weight=w) for i, w in enumerate(weights)]
            return lambda: Assignment(
                "a1",
                issuer="tinh",
                assignee=Assignee.unit("xa"),
                period=2022,
                items=tasks,
                issued_on="2022-01-01",
                total_weight=total_weight,
            )

        assert refusals(build(total)) == []
        if rounded != total:
            assert refusals(build(rounded)) != []

    @given(st.integers(16, 999999))
    def test_absurd_magnitudes_are_refused_with_a_clear_error(self, exponent: int) -> None:
        """No decimal.Overflow from deep inside: sizes beyond 1E+15 are refused up front."""
        errors = refusals(lambda: Task("t1", title="Nhiệm vụ", weight=Decimal(9).scaleb(exponent)))
        assert [(type(e), e.path) for e in errors] == [(InvalidValue, "weight")]

    @given(org_chart_inputs())
    def test_org_chart(self, units: list[Unit]) -> None:
        errors = refusals(lambda: OrgChart(units))
        event("accepted" if not errors else "refused")
        assert (not errors) == chart_is_tree(units), errors
        assert all(isinstance(e, DuplicateId | InvalidOrgChart) for e in errors)

    @given(dossiers(), st.data())
    def test_scoresheet_points_within_weights_and_maxima(
        self, dossier: Dossier, data: st.DataObject
    ) -> None:
        council = dossier.council or data.draw(councils())
        weights = {item.id: item.weight for item in dossier.assignment.items}
        maxima = {c.id: c.maximum for c in council.criteria}
        member_ids = [m.id for m in council.members]

        def any_points(maximum: Decimal) -> SearchStrategy[Decimal]:
            just_over = maximum + Decimal("0.01")
            return st.one_of(points(maximum), st.sampled_from([just_over, Decimal("-0.01")]))

        def sheet_points(bounds: dict[str, Decimal]) -> dict[str, Decimal]:
            keys = data.draw(st.lists(st.sampled_from([*bounds, "không có"]), unique=True))
            return {k: data.draw(any_points(bounds.get(k, Decimal(1)))) for k in keys}

        raw = [
            (
                data.draw(st.sampled_from([*member_ids, "người lạ"])),
                sheet_points(weights),
                sheet_points(maxima),
            )
            for _ in range(data.draw(st.integers(0, 3)))
        ]

        def build() -> Dossier:
            sheets = [Scoresheet(m, items=i, criteria=c) for m, i, c in raw]
            return attrs.evolve(dossier, council=council, scoresheets=sheets)

        scorers = [m for m, _, _ in raw]
        valid = (
            len(set(scorers)) == len(scorers)
            and set(scorers) <= set(member_ids)
            and all(k in weights and 0 <= v <= weights[k] for _, i, _ in raw for k, v in i.items())
            and all(k in maxima and 0 <= v <= maxima[k] for _, _, c in raw for k, v in c.items())
        )
        errors = refusals(build)
        event("accepted" if not errors else "refused")
        assert (not errors) == valid, errors
        assert all(isinstance(e, OutOfRange | UnknownReference | DuplicateId) for e in errors)

    @given(dossiers(embed_chart=True), st.data())
    def test_issuer_is_the_unit_directly_above(self, dossier: Dossier, data: st.DataObject) -> None:
        chart = dossier.org_chart
        assert chart is not None
        unit_ids = [u.id for u in chart.units]
        assignment = attrs.evolve(
            dossier.assignment, issuer=data.draw(st.sampled_from(unit_ids) | ids())
        )
        council = dossier.council
        if data.draw(st.booleans()):
            # Give it to any unit, the root included; the council would now
            # judge a different collective, so it goes.
            assignee = Assignee.unit(data.draw(st.sampled_from(unit_ids)))
            assignment = attrs.evolve(assignment, assignee=assignee)
            council = None
        parent = {u.id: u.parent for u in chart.units}
        valid = parent[assignee_unit(assignment.assignee, dossier.cadres)] == assignment.issuer

        errors = refusals(
            lambda: attrs.evolve(dossier, assignment=assignment, council=council, scoresheets=())
        )
        event("accepted" if not errors else "refused")
        assert (not errors) == valid, errors
        assert all(isinstance(e, InvalidHierarchy | UnknownReference) for e in errors)
        assert all(e.path == "assignment.issuer" for e in errors)

    @given(dossiers(), st.data())
    def test_council_members_are_listed_and_never_the_assignee(
        self, dossier: Dossier, data: st.DataObject
    ) -> None:
        """A member linked to a cadre links to a listed one (when any are listed), and
        never to the assignee nor, for a collective, to a head of it.
        """
        assignee = dossier.assignment.assignee
        listed = {c.id for c in dossier.cadres}
        links = [None, assignee.id, "người ngoài", *sorted(listed)]
        count = data.draw(st.integers(1, 4))
        members = [
            Member(f"m{i}", name="Ủy viên hội đồng", cadre=data.draw(st.sampled_from(links)))
            for i in range(count)
        ]
        council = Council("hđ", name="Hội đồng tư vấn", members=members)
        if assignee.kind is AssigneeKind.CADRE:
            barred = {assignee.id}
        else:
            barred = {c.id for c in dossier.cadres if c.unit == assignee.id and c.is_head}
        linked = [m.cadre for m in members if m.cadre is not None]
        valid = not any(c in barred for c in linked) and (
            not listed or all(c in listed for c in linked)
        )

        errors = refusals(lambda: attrs.evolve(dossier, council=council, scoresheets=()))
        event("accepted" if not errors else "refused")
        assert (not errors) == valid, errors
        assert all(isinstance(e, ConflictOfInterest | UnknownReference) for e in errors)
        assert all(e.path.startswith("council.members[") for e in errors)


# --------------------------------------------------------------- floats law


class FloatCase(NamedTuple):
    """A Decimal field, how to fill it, and where the error must point."""

    path: str
    accepted: SearchStrategy[float]
    build: Callable[[object], object]
    read: Callable[[Any], Decimal]


def _baseline(value: object) -> Indicator:
    # The direction makes the exact value a valid baseline for a target of 0.
    lower = isinstance(value, Decimal) and value > 0
    direction = Direction.LOWER_IS_BETTER if lower else Direction.HIGHER_IS_BETTER
    return Indicator(
        "i1", title="Hộ nghèo", target=0, weight=1, baseline=value, direction=direction
    )


def _total(value: object) -> Assignment:
    weight = value if isinstance(value, Decimal) else 1
    task = Task("t1", title="Thành lập chi bộ", weight=weight)
    return Assignment(
        "a1",
        issuer="tinh",
        assignee=Assignee.unit("xa"),
        period=2022,
        items=[task],
        issued_on="2022-01-01",
        total_weight=value,
    )


# khoan accepts numbers of size 1E-15 to 1E+15 (and zero); floats are drawn inside that.
_SIZED = st.floats(min_value=-1e15, max_value=1e15).filter(lambda f: f == 0 or abs(f) >= 1e-15)
FINITE = _SIZED
POSITIVE = _SIZED.filter(lambda f: f > 0)
NOT_NEGATIVE = _SIZED.filter(lambda f: f >= 0)
FLOAT_CASES = {
    "indicator target": FloatCase(
        "target",
        FINITE,
        lambda v: Indicator("i1", title="Thu ngân sách", target=v, weight=1),
        attrgetter("target"),
    ),
    "indicator weight": FloatCase(
        "weight",
        POSITIVE,
        lambda v: Indicator("i1", title="Thu ngân sách", target=1, weight=v),
        attrgetter("weight"),
    ),
    "indicator baseline": FloatCase(
        "baseline", FINITE.filter(bool), _baseline, attrgetter("baseline")
    ),
    "task weight": FloatCase(
        "weight",
        POSITIVE,
        lambda v: Task("t1", title="Thành lập chi bộ", weight=v),
        attrgetter("weight"),
    ),
    "assignment total_weight": FloatCase(
        "total_weight", POSITIVE, _total, attrgetter("total_weight")
    ),
    "outcome actual": FloatCase(
        "actual", FINITE, lambda v: Outcome("i1", actual=v), attrgetter("actual")
    ),
    "observation value": FloatCase(
        "value", FINITE, lambda v: Observation("i1", value=v), attrgetter("value")
    ),
    "observation percent": FloatCase(
        "percent",
        st.floats(min_value=0, max_value=100).filter(lambda f: f == 0 or f >= 1e-15),
        lambda v: Observation("t1", percent=v),
        attrgetter("percent"),
    ),
    "item points": FloatCase(
        "items.t1",
        NOT_NEGATIVE,
        lambda v: Scoresheet("m1", items={"t1": v}),
        lambda s: s.items["t1"],
    ),
    "criterion points": FloatCase(
        "criteria.c1",
        NOT_NEGATIVE,
        lambda v: Scoresheet("m1", criteria={"c1": v}),
        lambda s: s.criteria["c1"],
    ),
    "criterion maximum": FloatCase(
        "maximum",
        POSITIVE,
        lambda v: Criterion("c1", title="Phẩm chất", maximum=v),
        attrgetter("maximum"),
    ),
}


@pytest.mark.property
class TestFloatsRefused:
    """Law: a float in any Decimal field raises InexactNumber naming that field,
    whatever the float; the same number passed through ``khoan.exact`` is accepted
    and kept as the float's shortest repr.
    """

    @pytest.mark.parametrize("case", FLOAT_CASES.values(), ids=FLOAT_CASES.keys())
    @given(number=st.floats())
    def test_float_is_refused_naming_the_field(self, case: FloatCase, number: float) -> None:
        with pytest.raises(InexactNumber) as info:
            case.build(number)
        assert info.value.path == case.path
        assert repr(info.value.value) == repr(number)
        assert "khoan.exact" in str(info.value)

    @pytest.mark.parametrize("case", FLOAT_CASES.values(), ids=FLOAT_CASES.keys())
    @given(data=st.data())
    def test_exact_float_is_accepted(self, case: FloatCase, data: st.DataObject) -> None:
        number = data.draw(case.accepted)
        assert case.read(case.build(khoan.exact(number))) == Decimal(repr(number))

    @given(FINITE)
    def test_exact_goes_through_the_shortest_repr(self, number: float) -> None:
        exact = khoan.exact(number)
        assert exact == Decimal(repr(number))
        assert float(exact) == number

    @given(st.sampled_from([float("nan"), float("inf"), float("-inf")]))
    def test_exact_refuses_what_is_not_a_number(self, number: float) -> None:
        with pytest.raises(InvalidValue) as info:
            khoan.exact(number)
        assert not isinstance(info.value, InexactNumber)


# ---------------------------------------------------------------- dates law

DATES = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31))
"""Dates khoan holds: the years 1900 to 2200 (others are refused, see TestDateRange)."""

DATE_FORMS: dict[str, Callable[[dt.date], object]] = {
    "date": lambda d: d,
    "iso": lambda d: d.isoformat(),
    "dashes": lambda d: f"{d.day}-{d.month}-{d.year}",
    "slashes": lambda d: f"{d.day}/{d.month}/{d.year}",
    "zero-padded slashes": lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}",
    "vietnamese": lambda d: f"ngày {d.day} tháng {d.month} năm {d.year}",
    "vietnamese without ngày": lambda d: f"{d.day} tháng {d.month} năm {d.year}",
}


@pytest.mark.property
class TestDateRange:
    """Every date khoan holds lies in the years 1900 to 2200, as every period does.

    The reader refuses other years, so construction does too: what a program
    builds, it can write and read back (found by the round-trip law).
    """

    @pytest.mark.parametrize("day", [dt.date(1899, 12, 31), dt.date(2201, 1, 1), dt.date.max])
    def test_out_of_range_is_refused(self, day: dt.date) -> None:
        with pytest.raises(InvalidValue, match="a date in the years 1900 to 2200"):
            to_date(day)

    @pytest.mark.parametrize("day", [dt.date(1900, 1, 1), dt.date(2200, 12, 31)])
    def test_the_ends_are_held(self, day: dt.date) -> None:
        assert day == to_date(day)


class TestDatesParsed:
    """Law: every way a Vietnamese document writes a date reads back as that date,
    in ``to_date`` and in every constructor with a date field.
    """

    @pytest.mark.parametrize("form", DATE_FORMS.values(), ids=DATE_FORMS.keys())
    @given(day=DATES)
    def test_to_date(self, form: Callable[[dt.date], object], day: dt.date) -> None:
        assert to_date(form(day)) == day

    @pytest.mark.parametrize("form", DATE_FORMS.values(), ids=DATE_FORMS.keys())
    @given(day=DATES)
    def test_constructors(self, form: Callable[[dt.date], object], day: dt.date) -> None:
        written = form(day)
        assert Term(written, written).start == day
        assert Term(written, written).end == day
        assert Task("t1", title="Nhiệm vụ", weight=1, deadline=written).deadline == day
        assert Inspection("k1", on=written).on == day
        assert Report(written, outcomes=[]).submitted_on == day
        assert Outcome("t1", done=True, completed_on=written).completed_on == day
        assert (
            Cadre(
                "c1", name="Phạm Văn Hạnh", post="Bí thư", unit="xa", appointed_on=written
            ).appointed_on
            == day
        )

    @given(day=DATES)
    def test_surrounding_spaces_are_ignored(self, day: dt.date) -> None:
        assert to_date(f"  {day.day}/{day.month}/{day.year}\t") == day

    @given(day=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)))
    def test_two_digit_year_is_refused_not_guessed(self, day: dt.date) -> None:
        for written in (
            f"{day.day}-{day.month}-{day.year % 100}",
            f"{day.day}/{day.month}/{day.year % 100:02d}",
        ):
            with pytest.raises(InvalidValue):
                to_date(written)

    @given(day=DATES)
    def test_year_first_unpadded_is_read_year_month_day(self, day: dt.date) -> None:
        assert to_date(f"{day.year}-{day.month}-{day.day}") == day
        assert to_date(f"{day.year}/{day.month}/{day.day}") == day


# -------------------------------------------------------------- periods law


@pytest.mark.property
class TestPeriodParse:
    """Law: a period reads back from both its canonical and its Vietnamese text, and
    holds exactly the days from its start to its end.
    """

    @given(periods())
    def test_canonical_text_reads_back(self, period: Period) -> None:
        assert Period.parse(str(period)) == period

    @given(periods())
    def test_vietnamese_text_reads_back(self, period: Period) -> None:
        assert Period.parse(period.vietnamese()) == period

    @given(
        periods(), st.sampled_from([str.upper, str.lower, lambda s: f"  {s} ".replace(" ", "  ")])
    )
    def test_vietnamese_text_reads_back_in_any_case_and_spacing(
        self, period: Period, change: Callable[[str], str]
    ) -> None:
        assert Period.parse(change(period.vietnamese())) == period

    @given(periods())
    def test_start_and_end_bound_the_period(self, period: Period) -> None:
        start, end = period.start, period.end
        assert start <= end
        assert start.day == 1
        assert (end + dt.timedelta(days=1)).day == 1
        assert start.year == end.year == period.year
        if period.quarter is not None:
            assert (start.month, end.month) == (3 * period.quarter - 2, 3 * period.quarter)
        elif period.month is not None:
            assert start.month == end.month == period.month
        else:
            assert (start.month, end.month) == (1, 12)
        assert end.day == calendar.monthrange(end.year, end.month)[1]

    @given(periods())
    def test_every_day_of_the_period_is_in_it_and_no_other(self, period: Period) -> None:
        one = dt.timedelta(days=1)
        day = period.start
        while day <= period.end:
            assert day in period
            day += one
        assert period.start - one not in period
        assert period.end + one not in period

    @given(periods(), st.times())
    def test_a_moment_is_in_the_period_of_its_day(self, period: Period, time: dt.time) -> None:
        one = dt.timedelta(days=1)
        for day in (period.start - one, period.start, period.end, period.end + one):
            assert (dt.datetime.combine(day, time) in period) == (day in period)


# ----------------------------------------------------------- picklable errors


@pytest.mark.property
class TestErrorsPicklable:
    """Law: every error construction raises survives pickling with the same type, str,
    path and value (so it can cross a process pool).
    """

    @given(refused_constructions())
    def test_field_errors_pickle(self, build: Callable[[], object]) -> None:
        with pytest.raises(KhoanError) as info:
            build()
        found = leaves(info.value)
        assert found
        for error in found:
            assert isinstance(error, FieldError)
            clone = pickle.loads(pickle.dumps(error))
            assert type(clone) is type(error)
            assert str(clone) == str(error)
            assert clone.path == error.path
            assert repr(clone.value) == repr(error.value)

    @given(refused_constructions())
    def test_groups_pickle(self, build: Callable[[], object]) -> None:
        with pytest.raises(KhoanError) as info:
            build()
        clone = pickle.loads(pickle.dumps(info.value))
        assert type(clone) is type(info.value)
        assert str(clone) == str(info.value)
        assert [str(e) for e in leaves(clone)] == [str(e) for e in leaves(info.value)]
