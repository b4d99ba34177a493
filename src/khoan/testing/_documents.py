"""Hypothesis strategies for every fact type of khoan.

Two families live here:

* Strategies named after a fact (``periods()``, ``org_charts()``,
  ``assignments()``, ``dossiers()``, ...) build facts that are valid by
  construction: a test that draws one can rely on the constructor accepting
  it, and a constructor that refuses one is a bug in khoan or here.
* Strategies ending in ``_inputs`` build the raw arguments of a constructor
  that *may* be invalid, for tests that compare the constructor's verdict with
  an oracle of their own.

Numbers are :class:`~decimal.Decimal` only, built from integers with
``Decimal(n).scaleb(k)`` (so exponent forms such as ``5E+3`` and ``0E-3``
appear too) or with ``st.decimals(places=...)``; floats never. Text mixes a
Vietnamese alphabet (tones, combining marks, emoji, JSON's special
characters) with arbitrary unicode, so that a lossy codec shows.

Past ~400 lines on purpose: one strategy per fact type, and the refused-construction
strategies beside the valid ones they mutate, read best in one place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from functools import cache, partial
from typing import TypeVar

import attrs
from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy

from khoan import (
    Assignee,
    AssigneeKind,
    Assignment,
    Cadre,
    CarryOver,
    Category,
    Circumstances,
    Cohort,
    Council,
    Criterion,
    Delivery,
    Direction,
    Discipline,
    DisciplineLevel,
    Dossier,
    Excuse,
    ExcuseKind,
    Indicator,
    Inspection,
    InspectionKind,
    Item,
    Level,
    Member,
    MemberRole,
    Milestone,
    Observation,
    OrgChart,
    Outcome,
    Period,
    Rating,
    Report,
    Role,
    Scoresheet,
    Support,
    SupportKind,
    Tag,
    Task,
    Term,
    Unit,
)

__all__ = [
    "ID_ALPHABET",
    "VIETNAMESE",
    "assignees",
    "assignment_inputs",
    "assignments",
    "cadres",
    "carry_overs",
    "circumstances",
    "cohorts",
    "councils",
    "criteria",
    "decimals",
    "deliveries",
    "dossiers",
    "excuses",
    "ids",
    "indicator_inputs",
    "indicators",
    "inspections",
    "items",
    "levels",
    "members",
    "milestones",
    "observations",
    "org_chart_inputs",
    "org_charts",
    "outcomes",
    "periods",
    "points",
    "positive_decimals",
    "refused_constructions",
    "reports",
    "scoresheets",
    "supports",
    "task_inputs",
    "tasks",
    "terms",
    "texts",
    "titles",
    "units",
    "wide_decimals",
]

T = TypeVar("T")

# Strategy factories without arguments (or with hashable ones) are cached, so
# each strategy is built and validated once rather than on every draw.

# ----------------------------------------------------------------------- text

VIETNAMESE = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxy"
    "AĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY"
    "áàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
    "ÁÀẢÃẠẾỀỂỄỆỜỞƠỨỰ"
    "0123456789"
)
"""Letters of Vietnamese in precomposed (NFC) form, upper and lower case, and digits."""

# Combining tone marks (a text in NFD must stay NFD), emoji outside the BMP,
# and the characters JSON has to escape.
_AWKWARD = '\u0300\u0301\u0303\u0309\u0323🇻🇳🎉😀🏛"\\/\n\t\u00a0'
_TEXT_ALPHABET = VIETNAMESE + " ,.;:-–()%/" + _AWKWARD
ID_ALPHABET = VIETNAMESE + "-_./:·🎉"
"""Characters for ids: Vietnamese letters and punctuation, no whitespace."""


@cache
def texts(max_size: int = 30) -> SearchStrategy[str]:
    """Free text: Vietnamese with awkward characters, or any unicode at all."""
    return st.one_of(
        st.text(alphabet=_TEXT_ALPHABET, max_size=max_size),
        st.text(max_size=max_size),
    )


def _pad(pre: str, body: str, post: str) -> str:
    return pre + body + post


@cache
def titles() -> SearchStrategy[str]:
    """Titles as people type them, sometimes with spaces around that must be kept."""
    pads = st.sampled_from(["", " ", "  ", "\t", "\u00a0", "\u3000", "\n"])
    return st.builds(_pad, pads, texts(), pads)


@cache
def ids() -> SearchStrategy[str]:
    """Identifiers: non-empty and without surrounding whitespace, as khoan requires."""
    return st.one_of(
        st.text(alphabet=ID_ALPHABET, min_size=1, max_size=8),
        st.text(min_size=1, max_size=8).map(str.strip).filter(bool),
    )


@cache
def _unique_ids(
    min_size: int = 0, max_size: int = 5, avoid: frozenset[str] = frozenset()
) -> SearchStrategy[list[str]]:
    fresh = ids().filter(lambda i: i not in avoid) if avoid else ids()
    return st.lists(fresh, min_size=min_size, max_size=max_size, unique=True)


def _some_of(things: Sequence[T], key: Callable[[T], str]) -> SearchStrategy[list[T]]:
    """A sublist of ``things`` without two of the same key (``things`` may be empty)."""
    if not things:
        return st.just([])
    return st.lists(st.sampled_from(things), unique_by=key, max_size=len(things))


# -------------------------------------------------------------------- numbers


def _scaled(n: int, exponent: int) -> Decimal:
    return Decimal(n).scaleb(exponent)


@cache
def decimals(
    min_int: int = -(10**6), max_int: int = 10**6, min_exp: int = -4, max_exp: int = 3
) -> SearchStrategy[Decimal]:
    """Exact numbers ``n * 10**k``; at most 13 significant digits, so sums stay exact.

    The exponent ranges over negative and positive values, so both ``12.5``
    and forms such as ``5E+3`` or ``0E-3`` appear.
    """
    return st.builds(_scaled, st.integers(min_int, max_int), st.integers(min_exp, max_exp))


@cache
def positive_decimals() -> SearchStrategy[Decimal]:
    """Exact numbers above zero (weights, maxima)."""
    return decimals(min_int=1)


@cache
def wide_decimals() -> SearchStrategy[Decimal]:
    """Any finite decimal at all: zero, negative zero, negatives, 30-digit numbers."""
    return st.one_of(
        st.decimals(allow_nan=False, allow_infinity=False),
        st.sampled_from([Decimal(0), Decimal("-0"), Decimal("0.000"), Decimal(-1)]),
        decimals(),
    )


@st.composite
def points(draw: DrawFn, maximum: Decimal) -> Decimal:
    """Points a council member may give: within ``[0, maximum]``, both ends included."""
    where = draw(st.sampled_from(["zero", "maximum", "between"]))
    if where == "zero":
        return Decimal(0)
    if where == "maximum":
        return maximum
    return draw(
        st.decimals(min_value=0, max_value=maximum, places=2, allow_nan=False, allow_infinity=False)
    )


# ---------------------------------------------------------------------- dates

YEARS = st.integers(1900, 2200)
"""The years a :class:`~khoan.Period` accepts."""


@cache
def periods() -> SearchStrategy[Period]:
    """A year, a quarter or a month."""
    return st.one_of(
        st.builds(Period, YEARS),
        st.builds(lambda y, q: Period(y, quarter=q), YEARS, st.integers(1, 4)),
        st.builds(lambda y, m: Period(y, month=m), YEARS, st.integers(1, 12)),
    )


_FIRST_DAY = dt.date(1900, 1, 1)
_LAST_DAY = dt.date(2200, 12, 31)  # khoan holds dates of the years 1900 to 2200 only


def _dates_between(lo: dt.date, hi: dt.date) -> SearchStrategy[dt.date]:
    lo, hi = max(lo, _FIRST_DAY), min(hi, _LAST_DAY)
    return st.dates(min_value=lo, max_value=max(lo, hi))


@cache
def _any_dates() -> SearchStrategy[dt.date]:
    return _dates_between(dt.date(1900, 1, 1), dt.date(2200, 12, 31))


@cache
def _optional_dates() -> SearchStrategy[dt.date | None]:
    return st.none() | _any_dates()


@st.composite
def terms(draw: DrawFn) -> Term:
    """A term of office, both ends included, possibly a single day."""
    start = draw(_dates_between(dt.date(1900, 1, 1), dt.date(2200, 1, 1)))
    return Term(start, min(start + dt.timedelta(days=draw(st.integers(0, 3000))), _LAST_DAY))


# ------------------------------------------------------------------------ org


@cache
def levels() -> SearchStrategy[Level]:
    """Any tier of the political system."""
    return st.sampled_from(Level)


def units(
    unit_ids: SearchStrategy[str] | None = None,
    parents: SearchStrategy[str | None] | None = None,
) -> SearchStrategy[Unit]:
    """One unit; on its own it says nothing about the chart it will sit in."""
    return st.builds(
        Unit,
        unit_ids if unit_ids is not None else ids(),
        name=titles(),
        level=levels(),
        parent=parents if parents is not None else st.none() | ids(),
    )


@st.composite
def org_charts(draw: DrawFn, min_units: int = 1, max_units: int = 12) -> OrgChart:
    """A valid tree: each unit hangs under an earlier one, never at a higher level.

    The units come out in any order, so a child may be listed before its parent.
    """
    unit_ids = draw(_unique_ids(min_size=min_units, max_size=max_units))
    built: list[Unit] = []
    for i, unit_id in enumerate(unit_ids):
        if i == 0:
            built.append(Unit(unit_id, name=draw(titles()), level=draw(levels())))
            continue
        parent = built[draw(st.integers(0, i - 1))]
        level = draw(st.sampled_from(list(Level)[parent.level.rank :]))
        built.append(Unit(unit_id, name=draw(titles()), level=level, parent=parent.id))
    return OrgChart(draw(st.permutations(built)))


def _draw_cadre(draw: DrawFn, cadre_id: str, unit_id: str) -> Cadre:
    return Cadre(
        cadre_id,
        name=draw(titles()),
        post=draw(titles()),
        unit=unit_id,
        category=draw(st.sampled_from(Category)),
        is_head=draw(st.booleans()),
        appointed_on=draw(_optional_dates()),
        term=draw(st.none() | terms()),
        peer_group=draw(texts(12)),
    )


@st.composite
def cadres(
    draw: DrawFn, unit_ids: Sequence[str], cadre_ids: SearchStrategy[str] | None = None
) -> Cadre:
    """A person holding a post in one of ``unit_ids``."""
    cadre_id = draw(cadre_ids if cadre_ids is not None else ids())
    return _draw_cadre(draw, cadre_id, draw(st.sampled_from(unit_ids)))


# ---------------------------------------------------------------------- items


@cache
def _tags() -> SearchStrategy[list[Tag]]:
    return st.lists(st.sampled_from(Tag), unique=True, max_size=3)


def _draw_indicator(
    draw: DrawFn, item_id: str, deadlines: SearchStrategy[dt.date | None]
) -> Indicator:
    direction = draw(st.sampled_from(Direction))
    if direction is Direction.LOWER_IS_BETTER:
        target = draw(st.just(Decimal(0)) | decimals())
    else:
        target = draw(decimals())
    baseline: Decimal | None = None
    if draw(st.booleans()):
        gap = draw(positive_decimals())
        baseline = target - gap if direction is Direction.HIGHER_IS_BETTER else target + gap
    title = draw(titles())
    kwargs: dict[str, object] = {
        "weight": draw(positive_decimals()),
        "baseline": baseline,
        "measure": draw(texts(8)),
        "deadline": draw(deadlines),
        "tags": draw(_tags()),
        "key": draw(st.booleans()),
    }
    if direction is Direction.LOWER_IS_BETTER and draw(st.booleans()):
        return Indicator.lower_is_better(item_id, title=title, target=target, **kwargs)
    return Indicator(item_id, title=title, target=target, direction=direction, **kwargs)


def _draw_task(draw: DrawFn, item_id: str, deadlines: SearchStrategy[dt.date | None]) -> Task:
    return Task(
        item_id,
        title=draw(titles()),
        weight=draw(positive_decimals()),
        deliverable=draw(texts()),
        deadline=draw(deadlines),
        tags=draw(_tags()),
        key=draw(st.booleans()),
    )


def _draw_item(draw: DrawFn, item_id: str, deadlines: SearchStrategy[dt.date | None]) -> Item:
    if draw(st.booleans()):
        return _draw_indicator(draw, item_id, deadlines)
    return _draw_task(draw, item_id, deadlines)


@st.composite
def indicators(
    draw: DrawFn,
    item_ids: SearchStrategy[str] | None = None,
    deadlines: SearchStrategy[dt.date | None] | None = None,
) -> Indicator:
    """An indicator of either direction; a baseline, if any, on the side it improves from.

    The baseline is never the target; lower-is-better indicators often aim at
    zero (no new violations).
    """
    item_id = draw(item_ids if item_ids is not None else ids())
    return _draw_indicator(draw, item_id, deadlines if deadlines is not None else st.none())


@st.composite
def tasks(
    draw: DrawFn,
    item_ids: SearchStrategy[str] | None = None,
    deadlines: SearchStrategy[dt.date | None] | None = None,
) -> Task:
    """A task with a positive weight."""
    item_id = draw(item_ids if item_ids is not None else ids())
    return _draw_task(draw, item_id, deadlines if deadlines is not None else st.none())


@st.composite
def items(
    draw: DrawFn,
    item_ids: SearchStrategy[str] | None = None,
    deadlines: SearchStrategy[dt.date | None] | None = None,
) -> Item:
    """An indicator or a task."""
    item_id = draw(item_ids if item_ids is not None else ids())
    return _draw_item(draw, item_id, deadlines if deadlines is not None else st.none())


# ----------------------------------------------------------------- assignment


def _draw_support(draw: DrawFn, support_id: str, item_ids: Sequence[str]) -> Support:
    return Support(
        support_id,
        kind=draw(st.sampled_from(SupportKind)),
        description=draw(titles()),
        provider=draw(texts()),
        due=draw(_optional_dates()),
        items=draw(st.lists(st.sampled_from(item_ids), max_size=3)) if item_ids else [],
    )


@st.composite
def supports(
    draw: DrawFn, item_ids: Sequence[str], support_ids: SearchStrategy[str] | None = None
) -> Support:
    """A pledge of support naming only ``item_ids`` (or none: all items)."""
    support_id = draw(support_ids if support_ids is not None else ids())
    return _draw_support(draw, support_id, item_ids)


@cache
def assignees() -> SearchStrategy[Assignee]:
    """A cadre or a unit."""
    return st.one_of(ids().map(Assignee.cadre), ids().map(Assignee.unit))


@st.composite
def assignments(
    draw: DrawFn,
    assignment_ids: SearchStrategy[str] | None = None,
    issuers: SearchStrategy[str] | None = None,
    assignees_: SearchStrategy[Assignee] | None = None,
) -> Assignment:
    """A valid assignment: unique ids, deadlines in the period and not before issue.

    The decision may be issued before the period starts; ``total_weight``,
    when given, is the exact sum of the weights. The period is given as a
    :class:`~khoan.Period`, its canonical text, or its Vietnamese text.
    """
    period = draw(periods())
    issued_on = draw(_dates_between(period.start - dt.timedelta(days=90), period.end))
    deadlines = st.none() | _dates_between(max(issued_on, period.start), period.end)
    item_ids = draw(_unique_ids(min_size=1, max_size=6))
    assigned = [_draw_item(draw, item_id, deadlines) for item_id in item_ids]
    pledged = [_draw_support(draw, s, item_ids) for s in draw(_unique_ids(max_size=3))]
    total = sum((item.weight for item in assigned), Decimal(0))
    return Assignment(
        draw(assignment_ids if assignment_ids is not None else ids()),
        issuer=draw(issuers if issuers is not None else ids()),
        assignee=draw(assignees_ if assignees_ is not None else assignees()),
        period=draw(st.sampled_from([period, str(period), period.vietnamese()])),
        items=assigned,
        issued_on=issued_on,
        title=draw(titles()),
        legal_basis=draw(st.lists(texts(), max_size=2)),
        supports=pledged,
        total_weight=draw(st.sampled_from([None, total])),
    )


# ------------------------------------------------------------------- progress


@st.composite
def observations(draw: DrawFn, item: Item) -> Observation:
    """What an inspection finds for ``item``: a value for an indicator, done/percent for a task."""
    percent = draw(
        st.none()
        | st.decimals(min_value=0, max_value=100, places=1, allow_nan=False, allow_infinity=False)
    )
    if isinstance(item, Indicator):
        return Observation(item.id, value=draw(decimals()), percent=percent, note=draw(texts()))
    # A task's observation says done, or how far along it is, or both.
    done = draw(st.booleans()) if percent is None else draw(st.none() | st.booleans())
    return Observation(item.id, done=done, percent=percent, note=draw(texts()))


@st.composite
def inspections(draw: DrawFn, assigned: Sequence[Item], earliest: dt.date) -> list[Inspection]:
    """Inspections held on or after ``earliest``, each observing an item at most once."""
    found: list[Inspection] = []
    for inspection_id in draw(_unique_ids(max_size=2)):
        observed = draw(_some_of(assigned, _item_id))
        found.append(
            Inspection(
                inspection_id,
                on=draw(_dates_between(earliest, earliest + dt.timedelta(days=500))),
                kind=draw(st.sampled_from(InspectionKind)),
                inspector=draw(texts()),
                observations=[draw(observations(item)) for item in observed],
                findings=draw(st.lists(texts(), max_size=2)),
            )
        )
    return found


# --------------------------------------------------------------------- report


@st.composite
def excuses(draw: DrawFn, support_ids: Sequence[str] = ()) -> Excuse:
    """An excuse; one of support not delivered names a pledged support.

    ``confirmed_on`` is set only with ``confirmed_by``, which is never blank.
    """
    kinds = [k for k in ExcuseKind if support_ids or k is not ExcuseKind.SUPPORT_NOT_DELIVERED]
    kind = draw(st.sampled_from(kinds))
    confirmed_by = draw(st.none() | texts().filter(str.strip))
    return Excuse(
        kind,
        reason=draw(titles()),
        confirmed_by=confirmed_by,
        confirmed_on=None if confirmed_by is None else draw(_optional_dates()),
        reference=draw(texts()),
        support=(
            draw(st.sampled_from(support_ids)) if kind is ExcuseKind.SUPPORT_NOT_DELIVERED else None
        ),
    )


@st.composite
def outcomes(draw: DrawFn, item: Item, support_ids: Sequence[str] = ()) -> Outcome:
    """An outcome for ``item``: ``actual`` for an indicator, ``done`` for a task.

    A completion date is given only for an indicator or a task that is done.
    """
    if isinstance(item, Indicator):
        actual: Decimal | None = draw(st.none() | decimals())
        done: bool | None = None
        completed_on = draw(_optional_dates())
    else:
        actual = None
        done = draw(st.none() | st.booleans())
        completed_on = draw(_optional_dates()) if done else None
    return Outcome(
        item.id,
        actual=actual,
        done=done,
        completed_on=completed_on,
        failed_reviews=draw(st.integers(0, 3)),
        delays=draw(st.integers(0, 3)),
        excuses=[draw(excuses(support_ids)) for _ in range(draw(st.integers(0, 2)))],
        note=draw(texts()),
    )


@st.composite
def reports(draw: DrawFn, assigned: Sequence[Item], support_ids: Sequence[str] = ()) -> Report:
    """A report with at most one outcome per assigned item."""
    reported = draw(_some_of(assigned, _item_id))
    return Report(
        draw(_any_dates()),
        outcomes=[draw(outcomes(item, support_ids)) for item in reported],
        obstacles=draw(st.lists(texts(), max_size=2)),
        proposals=draw(st.lists(texts(), max_size=2)),
        self_rating=draw(st.none() | st.sampled_from(Rating)),
        summary=draw(titles()),
    )


# -------------------------------------------------------------------- council


def _draw_member(draw: DrawFn, member_id: str, cadre_links: Sequence[str]) -> Member:
    link: str | None = None
    if len(cadre_links) > 0 and draw(st.booleans()):
        link = draw(st.sampled_from(cadre_links))
    return Member(
        member_id,
        name=draw(titles()),
        role=draw(st.sampled_from(MemberRole)),
        cadre=link,
        position=draw(texts()),
    )


@st.composite
def members(
    draw: DrawFn, cadre_links: Sequence[str] = (), member_ids: SearchStrategy[str] | None = None
) -> Member:
    """A council member, linked to one of ``cadre_links`` or to no cadre."""
    member_id = draw(member_ids if member_ids is not None else ids())
    return _draw_member(draw, member_id, cadre_links)


def _draw_criterion(draw: DrawFn, criterion_id: str) -> Criterion:
    return Criterion(criterion_id, title=draw(titles()), maximum=draw(positive_decimals()))


@st.composite
def criteria(draw: DrawFn, criterion_ids: SearchStrategy[str] | None = None) -> Criterion:
    """A general criterion with a positive maximum."""
    return _draw_criterion(draw, draw(criterion_ids if criterion_ids is not None else ids()))


@st.composite
def councils(draw: DrawFn, cadre_links: Sequence[str] = ()) -> Council:
    """A council whose members link only to ``cadre_links`` (or to no cadre)."""
    member_ids = draw(_unique_ids(min_size=1, max_size=4))
    criterion_ids = draw(_unique_ids(max_size=3))
    return Council(
        draw(ids()),
        name=draw(titles()),
        members=[_draw_member(draw, m, cadre_links) for m in member_ids],
        unit=draw(st.none() | ids()),
        criteria=[_draw_criterion(draw, c) for c in criterion_ids],
    )


@st.composite
def scoresheets(draw: DrawFn, council: Council, assigned: Sequence[Item]) -> list[Scoresheet]:
    """At most one sheet per member; points within ``[0, weight]`` and ``[0, maximum]``."""
    sheets: list[Scoresheet] = []
    for member in draw(_some_of(council.members, _member_id)):
        scored = draw(_some_of(assigned, _item_id))
        judged = draw(_some_of(council.criteria, _criterion_id))
        sheets.append(
            Scoresheet(
                member.id,
                items={item.id: draw(points(item.weight)) for item in scored},
                criteria={c.id: draw(points(c.maximum)) for c in judged},
                submitted_on=draw(_optional_dates()),
                comment=draw(texts()),
            )
        )
    return sheets


def _item_id(item: Item) -> str:
    return item.id


def _member_id(member: Member) -> str:
    return member.id


def _criterion_id(criterion: Criterion) -> str:
    return criterion.id


# ------------------------------------------------- progress and circumstances


@st.composite
def milestones(draw: DrawFn, item: Item, start: dt.date, end: dt.date) -> tuple[Milestone, ...]:
    """Increasing dates between ``start`` and the item's deadline (or ``end``)."""
    last = min(item.deadline or end, end)
    if last < start:
        return ()
    days = draw(st.lists(st.integers(0, (last - start).days), unique=True, max_size=3).map(sorted))
    values = (
        st.decimals(min_value=0, max_value=100, places=1) if isinstance(item, Task) else decimals()
    )
    return tuple(Milestone(start + dt.timedelta(days=d), draw(values)) for d in days)


@st.composite
def deliveries(draw: DrawFn, support_ids: Sequence[str], earliest: dt.date) -> tuple[Delivery, ...]:
    """Deliveries of some pledged supports, on or after ``earliest``."""
    if not support_ids:
        return ()
    chosen = draw(st.lists(st.sampled_from(list(support_ids)), max_size=4))
    return tuple(
        Delivery(
            support,
            on=draw(_dates_between(earliest, earliest + dt.timedelta(days=400))),
            complete=draw(st.booleans()),
            note=draw(texts()),
        )
        for support in chosen
    )


@st.composite
def circumstances(draw: DrawFn, support_ids: Sequence[str] = ()) -> Circumstances:
    """Any circumstances: every fact, each possibly unknown (None).

    Discipline, subordinates, shares in [0, 1], undelivered support, who is
    rated, the grounds for Not achieved, discipline records, months worked.
    """
    subordinates = draw(st.none() | st.integers(0, 30))
    not_achieved = None if subordinates is None else draw(st.none() | st.integers(0, subordinates))
    shares = st.none() | st.decimals(min_value=0, max_value=1, places=3)
    rest = (subordinates or 0) - (not_achieved or 0)
    good = None if subordinates is None else draw(st.none() | st.integers(0, rest))
    punished = None if subordinates is None else draw(st.none() | st.integers(0, subordinates))
    flags = st.none() | st.booleans()
    months = st.none() | st.decimals(min_value=0, max_value=12, places=1)
    records = st.lists(
        st.builds(
            Discipline,
            st.sampled_from(["v1", "v2", "v3"]),
            level=st.sampled_from(list(DisciplineLevel)),
            official_duties=flags,
            counted_in=st.none() | YEARS.map(Period),
        ),
        max_size=3,
        unique_by=lambda d: (d.violation, d.level),
    )
    return Circumstances(
        role=draw(st.none() | st.sampled_from(list(Role))),
        subordinates_good=good,
        subordinates_disciplined=punished,
        leadership_disciplined=draw(flags),
        shortcomings_remedied=draw(shares),
        criterion_poor=draw(flags),
        degraded=draw(flags),
        unit_corruption=draw(flags),
        corruption_self_detected=draw(flags),
        disciplines=tuple(draw(records)),
        months_worked=draw(months),
        months_leave=draw(months),
        maternity=draw(flags),
        disciplined=draw(st.booleans()),
        subordinates=subordinates,
        subordinates_not_achieved=not_achieved,
        unit_completion=draw(shares),
        basic_targets_missed=draw(st.none() | st.booleans()),
        force_majeure=draw(st.booleans()),
        low_confidence_share=draw(shares),
        supports_not_delivered=tuple(
            draw(st.lists(st.sampled_from(list(support_ids)), unique=True))
        )
        if support_ids
        else (),
    )


@st.composite
def carry_overs(draw: DrawFn, unit_ids: Sequence[str], on: dt.date) -> tuple[CarryOver, ...]:
    """Records of mergers the assignment went through (as data; not checked against a chart)."""
    if len(unit_ids) < 2:
        return ()
    pair = draw(st.lists(st.sampled_from(list(unit_ids)), min_size=2, max_size=2, unique=True))
    return draw(st.just(()) | st.just((CarryOver(pair[0], successor=pair[1], on=on),)))


# -------------------------------------------------------------------- dossier


@st.composite
def dossiers(
    draw: DrawFn,
    chart: OrgChart | None = None,
    embed_chart: bool | None = None,
    assignment_id: str | None = None,
    avoid: frozenset[str] = frozenset(),
) -> Dossier:
    """A consistent dossier.

    The issuer is the parent of the assignee's unit in the org chart; a
    person assignee is among the cadres; council members never link to the
    assignee, nor, for a collective, to a head of the collective.

    Args:
        chart: Build over this chart (a cohort's) instead of a fresh one.
        embed_chart: Whether the dossier carries the chart; drawn when None.
        assignment_id: Use this id for the assignment.
        avoid: Cadre ids the dossier's own cadres must not use (a cohort's).

    """
    if chart is None:
        chart = draw(org_charts(min_units=2))
    unit_ids = [u.id for u in chart]
    unit = draw(st.sampled_from([u for u in chart if u.parent is not None]))
    assert unit.parent is not None
    by_person = draw(st.booleans())
    cadre_ids = draw(_unique_ids(min_size=1 if by_person else 0, max_size=4, avoid=avoid))
    people = [_draw_cadre(draw, c, draw(st.sampled_from(unit_ids))) for c in cadre_ids]
    if by_person:
        people[0] = _draw_cadre(draw, cadre_ids[0], unit.id)
        assignee = Assignee.cadre(cadre_ids[0])
        links = cadre_ids[1:]
    else:
        assignee = Assignee.unit(unit.id)
        links = [c.id for c in people if not (c.unit == unit.id and c.is_head)]
    assignment = draw(
        assignments(
            st.just(assignment_id) if assignment_id is not None else None,
            st.just(unit.parent),
            st.just(assignee),
        )
    )
    support_ids = [s.id for s in assignment.supports]
    if draw(st.booleans()):
        first = assignment.items[0]
        begin = max(assignment.issued_on, assignment.period.start)
        marks = draw(milestones(first, begin, assignment.period.end))
        assignment = attrs.evolve(
            assignment,
            items=(attrs.evolve(first, milestones=marks), *assignment.items[1:]),
            carried_over=draw(carry_overs(unit_ids, assignment.period.end)),
        )
    council = draw(st.none() | councils(links))
    if embed_chart is None:
        embed_chart = draw(st.booleans())
    return Dossier(
        assignment,
        cadres=draw(st.permutations(people)),
        org_chart=chart if embed_chart else None,
        inspections=draw(inspections(assignment.items, assignment.issued_on)),
        report=draw(st.none() | reports(assignment.items, support_ids)),
        council=council,
        scoresheets=[] if council is None else draw(scoresheets(council, assignment.items)),
        circumstances=draw(st.none() | circumstances(support_ids)),
        deliveries=draw(st.none() | deliveries(support_ids, assignment.issued_on)),
        title=draw(titles()),
        description=draw(texts()),
    )


@st.composite
def cohorts(draw: DrawFn) -> Cohort:
    """A cohort of dossiers over one org chart, with people shared by all of them."""
    chart = draw(org_charts(min_units=2))
    unit_ids = [u.id for u in chart]
    shared_ids = draw(_unique_ids(max_size=3))
    shared = [_draw_cadre(draw, c, draw(st.sampled_from(unit_ids))) for c in shared_ids]
    assignment_ids = draw(_unique_ids(min_size=1, max_size=3))
    avoid = frozenset(shared_ids)
    return Cohort(
        [draw(dossiers(chart, assignment_id=a, avoid=avoid)) for a in assignment_ids],
        org_chart=draw(st.sampled_from([chart, None])),
        cadres=shared,
        title=draw(titles()),
        description=draw(texts()),
    )


# ------------------------------------------------------- possibly invalid input


def _maybe_equal(target: Decimal) -> SearchStrategy[Decimal | None]:
    """A baseline that is often the target itself, or just either side of it."""
    return st.one_of(
        st.none(),
        st.just(target),
        st.builds(lambda d: target + d, decimals()),
        wide_decimals(),
    )


@st.composite
def indicator_inputs(draw: DrawFn) -> dict[str, object]:
    """Arguments for :class:`~khoan.Indicator` that may break its rules.

    The weight is often positive but may be any decimal; the baseline is
    missing, the target itself, beside it on either side, or anything.
    """
    target = draw(wide_decimals())
    return {
        "id": draw(ids()),
        "title": draw(titles()),
        "target": target,
        "weight": draw(positive_decimals() | wide_decimals()),
        "baseline": draw(_maybe_equal(target)),
        "direction": draw(st.sampled_from(Direction)),
    }


@st.composite
def task_inputs(draw: DrawFn) -> dict[str, object]:
    """Arguments for :class:`~khoan.Task` whose weight may be zero or negative."""
    return {"id": draw(ids()), "title": draw(titles()), "weight": draw(wide_decimals())}


_SOMETIMES = st.integers(0, 3).map(lambda n: n == 0)
"""True one time in four: how often each rule of an input is let loose."""


@st.composite
def assignment_inputs(draw: DrawFn) -> dict[str, object]:
    """Arguments for :class:`~khoan.Assignment` that may break its rules.

    Each rule is let loose one time in four, so inputs that break one rule,
    several, or none all come up. Loose, item ids come from a small pool (so
    duplicates are frequent) and may be none at all; deadlines lie on the
    period's edges or anywhere within 400 days of it; supports share ids and
    name items that are not there; ``total_weight`` is off by a little or
    anything.
    """
    period = draw(periods())
    lo, hi = period.start - dt.timedelta(days=400), period.end + dt.timedelta(days=400)
    one = dt.timedelta(days=1)
    edges = [period.start, period.end, period.start - one, period.end + one]
    edges = [d for d in edges if _FIRST_DAY <= d <= _LAST_DAY]  # khoan holds 1900-2200
    issued_on = draw(
        st.sampled_from(edges)
        | _dates_between(lo, hi)
        | _dates_between(period.start - dt.timedelta(days=90), period.end)
    )
    first = max(issued_on, period.start)
    deadlines: SearchStrategy[dt.date | None] = st.none()
    if first <= period.end:
        deadlines |= _dates_between(first, period.end)
    if draw(_SOMETIMES):
        deadlines |= st.sampled_from([d for d in (*edges, issued_on, issued_on - one)
                                      if _FIRST_DAY <= d <= _LAST_DAY])  # fmt: skip
        deadlines |= _dates_between(lo, hi)
    pool = ["t1", "t2", "i1", "i2", "Nhiệm vụ 3"]
    if draw(_SOMETIMES):
        item_ids = draw(st.lists(st.sampled_from(pool), max_size=5))
    else:
        item_ids = draw(_unique_ids(min_size=0 if draw(_SOMETIMES) else 1, max_size=5))
    assigned = [_draw_item(draw, item_id, deadlines) for item_id in item_ids]
    if draw(_SOMETIMES):
        support_ids = [draw(st.sampled_from(["s1", "s2"])) for _ in range(draw(st.integers(0, 3)))]
        refs = [*item_ids, "không có"]
    else:
        support_ids = draw(_unique_ids(max_size=2))
        refs = item_ids
    pledged = [_draw_support(draw, support_id, refs) for support_id in support_ids]
    total = sum((item.weight for item in assigned), Decimal(0))
    totals = st.sampled_from([None, total])
    if draw(_SOMETIMES):
        totals = st.builds(lambda d: total + d, decimals().filter(bool)) | decimals()
    return {
        "id": draw(ids()),
        "issuer": draw(ids()),
        "assignee": draw(assignees()),
        "period": period,
        "items": assigned,
        "issued_on": issued_on,
        "supports": pledged,
        "total_weight": draw(totals),
    }


@st.composite
def org_chart_inputs(draw: DrawFn) -> list[Unit]:
    """Units for an :class:`~khoan.OrgChart`: a valid tree, a broken one, or a jumble.

    A valid tree is broken by one edit: a unit re-parented anywhere (itself
    and its descendants included, which makes a cycle), cut loose as a
    second root, moved above its parent's level, duplicated, or removed
    (which orphans its children).
    """
    if draw(st.booleans()):
        pool = ["a", "b", "c", "d", "Xã Đông"]
        return draw(
            st.lists(
                units(st.sampled_from(pool), st.none() | st.sampled_from([*pool, "khác"])),
                max_size=6,
            )
        )
    tree = list(draw(org_charts()).units)
    i = draw(st.integers(0, len(tree) - 1))
    unit = tree[i]
    edit = draw(st.sampled_from(["none", "reparent", "root", "level", "duplicate", "remove"]))
    if edit == "reparent":
        parent = draw(st.sampled_from([u.id for u in tree]) | ids())
        tree[i] = Unit(unit.id, name=unit.name, level=unit.level, parent=parent)
    elif edit == "root":
        tree[i] = Unit(unit.id, name=unit.name, level=unit.level)
    elif edit == "level":
        tree[i] = Unit(unit.id, name=unit.name, level=draw(levels()), parent=unit.parent)
    elif edit == "duplicate":
        tree.insert(draw(st.integers(0, len(tree))), unit)
    elif edit == "remove":
        del tree[i]
    return tree


# ------------------------------------------------------ constructions refused


def _with_extra_root(units_: Sequence[Unit], extra: Unit) -> OrgChart:
    return OrgChart([*units_, extra])


def _self_issued(dossier: Dossier) -> Dossier:
    """The dossier with its assignment issued by the assignee's own unit."""
    assignment = dossier.assignment
    unit = (
        assignment.assignee.id
        if assignment.assignee.kind is AssigneeKind.UNIT
        else next(c.unit for c in dossier.cadres if c.id == assignment.assignee.id)
    )
    return attrs.evolve(dossier, assignment=attrs.evolve(assignment, issuer=unit))


@st.composite
def refused_constructions(draw: DrawFn) -> Callable[[], object]:
    """A call that must raise: a constructor given input that breaks one of its rules.

    Each breaks a rule whatever else was drawn: a weight of zero or less, an
    item listed twice (or none at all), a second root, a float, a quarter
    outside 1-4, an assignment issued by the assignee's own unit.
    """
    kind = draw(
        st.sampled_from(["indicator", "task", "assignment", "chart", "float", "period", "dossier"])
    )
    if kind == "indicator":
        kw = draw(indicator_inputs())
        kw["weight"] = draw(decimals(max_int=0))
        return partial(Indicator, **kw)
    if kind == "task":
        return partial(Task, draw(ids()), title=draw(titles()), weight=draw(decimals(max_int=0)))
    if kind == "assignment":
        kw = draw(assignment_inputs())
        assigned = kw["items"]
        assert isinstance(assigned, list)
        kw["items"] = [*assigned, *assigned[:1]]
        return partial(Assignment, **kw)
    if kind == "chart":
        tree = draw(org_charts())
        extra = Unit(draw(ids()), name=draw(titles()), level=draw(levels()))
        return partial(_with_extra_root, tree.units, extra)
    if kind == "float":
        return partial(Task, draw(ids()), title=draw(titles()), weight=draw(st.floats()))
    if kind == "period":
        quarter = draw(st.integers().filter(lambda q: not 1 <= q <= 4))
        return partial(Period, draw(YEARS), quarter=quarter)
    return partial(_self_issued, draw(dossiers(embed_chart=True)))
