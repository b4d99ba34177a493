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
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy

from khoan import (
    Assignee,
    AssigneeKind,
    Assignment,
    Cadre,
    Category,
    Cohort,
    Council,
    Criterion,
    Direction,
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
    Observation,
    OrgChart,
    Outcome,
    Period,
    Rating,
    Report,
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
    "cohorts",
    "councils",
    "criteria",
    "decimals",
    "dossiers",
    "excuses",
    "ids",
    "indicator_inputs",
    "indicators",
    "inspections",
    "items",
    "levels",
    "members",
    "observations",
    "org_chart_inputs",
    "org_charts",
    "outcomes",
    "periods",
    "points",
    "positive_decimals",
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
_AWKWARD = "\u0300\u0301\u0303\u0309\u0323🇻🇳🎉😀🏛\"\\/\n\t\u00a0"
_TEXT_ALPHABET = VIETNAMESE + " ,.;:-–()%/" + _AWKWARD
ID_ALPHABET = VIETNAMESE + "-_./:·🎉"
"""Characters for ids: Vietnamese letters and punctuation, no whitespace."""


def texts(max_size: int = 30) -> SearchStrategy[str]:
    """Free text: Vietnamese with awkward characters, or any unicode at all."""
    return st.one_of(
        st.text(alphabet=_TEXT_ALPHABET, max_size=max_size),
        st.text(max_size=max_size),
    )


def titles() -> SearchStrategy[str]:
    """Titles as people type them, sometimes with spaces around that must be kept."""
    pads = st.sampled_from(["", " ", "  ", "\t", "\u00a0", "\u3000", "\n"])
    return st.builds(lambda pre, body, post: pre + body + post, pads, texts(), pads)


def ids() -> SearchStrategy[str]:
    """Identifiers: non-empty and without surrounding whitespace, as khoan requires."""
    return st.one_of(
        st.text(alphabet=ID_ALPHABET, min_size=1, max_size=8),
        st.text(min_size=1, max_size=8).map(str.strip).filter(bool),
    )


def _unique_ids(
    min_size: int = 0, max_size: int = 5, avoid: frozenset[str] = frozenset()
) -> SearchStrategy[list[str]]:
    return st.lists(
        ids().filter(lambda i: i not in avoid), min_size=min_size, max_size=max_size, unique=True
    )


# -------------------------------------------------------------------- numbers


def _scaled(n: int, exponent: int) -> Decimal:
    return Decimal(n).scaleb(exponent)


def decimals(
    min_int: int = -(10**6), max_int: int = 10**6, min_exp: int = -4, max_exp: int = 3
) -> SearchStrategy[Decimal]:
    """Exact numbers ``n * 10**k``; at most 13 significant digits, so sums stay exact.

    The exponent ranges over negative and positive values, so both ``12.5``
    and forms such as ``5E+3`` or ``0E-3`` appear.
    """
    return st.builds(
        _scaled, st.integers(min_int, max_int), st.integers(min_value=min_exp, max_value=max_exp)
    )


def positive_decimals() -> SearchStrategy[Decimal]:
    """Exact numbers above zero (weights, maxima)."""
    return decimals(min_int=1)


def wide_decimals() -> SearchStrategy[Decimal]:
    """Any finite decimal at all, zero, negative zero and negatives included."""
    return st.one_of(
        st.decimals(allow_nan=False, allow_infinity=False),
        st.sampled_from([Decimal(0), Decimal("-0"), Decimal("0.000"), Decimal(-1)]),
        decimals(),
    )


def points(maximum: Decimal) -> SearchStrategy[Decimal]:
    """Points a council member may give: within ``[0, maximum]``, both ends included."""
    return st.one_of(
        st.just(Decimal(0)),
        st.just(maximum),
        st.decimals(
            min_value=0, max_value=maximum, places=2, allow_nan=False, allow_infinity=False
        ),
    )


# ---------------------------------------------------------------------- dates

YEARS = st.integers(1900, 2200)
"""The years a :class:`~khoan.Period` accepts."""


def periods() -> SearchStrategy[Period]:
    """A year, a quarter or a month."""
    return st.one_of(
        st.builds(Period, YEARS),
        st.builds(lambda y, q: Period(y, quarter=q), YEARS, st.integers(1, 4)),
        st.builds(lambda y, m: Period(y, month=m), YEARS, st.integers(1, 12)),
    )


def _dates_between(lo: dt.date, hi: dt.date) -> SearchStrategy[dt.date]:
    return st.dates(min_value=lo, max_value=hi)


def _any_dates() -> SearchStrategy[dt.date]:
    return _dates_between(dt.date(1900, 1, 1), dt.date(2200, 12, 31))


def _optional_dates() -> SearchStrategy[dt.date | None]:
    return st.none() | _any_dates()


@st.composite
def terms(draw: DrawFn) -> Term:
    """A term of office, both ends included, possibly a single day."""
    start = draw(_dates_between(dt.date(1900, 1, 1), dt.date(2200, 1, 1)))
    return Term(start, start + dt.timedelta(days=draw(st.integers(0, 3000))))


# ------------------------------------------------------------------------ org


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
        titles(),
        levels(),
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
            built.append(draw(units(st.just(unit_id), st.none())))
            continue
        parent = built[draw(st.integers(0, i - 1))]
        level = draw(st.sampled_from([lv for lv in Level if lv.rank >= parent.level.rank]))
        built.append(Unit(unit_id, draw(titles()), level, parent=parent.id))
    return OrgChart(draw(st.permutations(built)))


def cadres(
    unit_ids: Sequence[str], cadre_ids: SearchStrategy[str] | None = None
) -> SearchStrategy[Cadre]:
    """A person holding a post in one of ``unit_ids``."""
    return st.builds(
        Cadre,
        cadre_ids if cadre_ids is not None else ids(),
        titles(),
        titles(),
        st.sampled_from(unit_ids),
        category=st.sampled_from(Category),
        is_head=st.booleans(),
        appointed_on=_optional_dates(),
        term=st.none() | terms(),
    )


# ---------------------------------------------------------------------- items


def _tags() -> SearchStrategy[list[Tag]]:
    return st.lists(st.sampled_from(Tag), unique=True, max_size=3)


@st.composite
def indicators(
    draw: DrawFn,
    item_ids: SearchStrategy[str] | None = None,
    deadlines: SearchStrategy[dt.date | None] | None = None,
) -> Indicator:
    """An indicator of either direction; a baseline, if any, on the side it improves from.

    Lower-is-better indicators often aim at zero (no new violations).
    """
    direction = draw(st.sampled_from(Direction))
    if direction is Direction.LOWER_IS_BETTER:
        target = draw(st.just(Decimal(0)) | decimals())
    else:
        target = draw(decimals())
    baseline: Decimal | None = None
    if draw(st.booleans()):
        gap = draw(positive_decimals())
        baseline = target - gap if direction is Direction.HIGHER_IS_BETTER else target + gap
    kwargs = {
        "weight": draw(positive_decimals()),
        "baseline": baseline,
        "measure": draw(texts(8)),
        "deadline": draw(deadlines if deadlines is not None else st.none()),
        "tags": draw(_tags()),
        "key": draw(st.booleans()),
    }
    item_id = draw(item_ids if item_ids is not None else ids())
    title = draw(titles())
    if direction is Direction.LOWER_IS_BETTER and draw(st.booleans()):
        return Indicator.lower_is_better(item_id, title, target, **kwargs)
    return Indicator(item_id, title, target, direction=direction, **kwargs)


def tasks(
    item_ids: SearchStrategy[str] | None = None,
    deadlines: SearchStrategy[dt.date | None] | None = None,
) -> SearchStrategy[Task]:
    """A task with a positive weight."""
    return st.builds(
        Task,
        item_ids if item_ids is not None else ids(),
        titles(),
        weight=positive_decimals(),
        deliverable=texts(),
        deadline=deadlines if deadlines is not None else st.none(),
        tags=_tags(),
        key=st.booleans(),
    )


def items(
    item_ids: SearchStrategy[str] | None = None,
    deadlines: SearchStrategy[dt.date | None] | None = None,
) -> SearchStrategy[Item]:
    """An indicator or a task."""
    return st.one_of(indicators(item_ids, deadlines), tasks(item_ids, deadlines))


# ----------------------------------------------------------------- assignment


def supports(
    item_ids: Sequence[str], support_ids: SearchStrategy[str] | None = None
) -> SearchStrategy[Support]:
    """A pledge of support naming only ``item_ids`` (or none: all items)."""
    refs = st.lists(st.sampled_from(item_ids), max_size=3) if item_ids else st.just([])
    return st.builds(
        Support,
        support_ids if support_ids is not None else ids(),
        st.sampled_from(SupportKind),
        titles(),
        provider=texts(),
        due=_optional_dates(),
        items=refs,
    )


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
    when given, is the exact sum of the weights.
    """
    period = draw(periods())
    issued_on = draw(_dates_between(period.start - dt.timedelta(days=90), period.end))
    deadlines = st.none() | _dates_between(max(issued_on, period.start), period.end)
    item_ids = draw(_unique_ids(min_size=1, max_size=6))
    assigned = [draw(items(st.just(item_id), deadlines)) for item_id in item_ids]
    support_ids = draw(_unique_ids(max_size=3))
    pledged = [draw(supports(item_ids, st.just(s))) for s in support_ids]
    total = sum((item.weight for item in assigned), Decimal(0))
    return Assignment(
        draw(assignment_ids if assignment_ids is not None else ids()),
        draw(issuers if issuers is not None else ids()),
        draw(assignees_ if assignees_ is not None else assignees()),
        draw(st.sampled_from([period, str(period), period.vietnamese()])),
        assigned,
        issued_on=issued_on,
        title=draw(titles()),
        legal_basis=draw(st.lists(texts(), max_size=2)),
        supports=pledged,
        total_weight=draw(st.sampled_from([None, total])),
    )


# ------------------------------------------------------------------- progress


def observations(item: Item) -> SearchStrategy[Observation]:
    """What an inspection may find for ``item``: a value for an indicator, done/percent for a task."""
    percents = st.none() | st.decimals(
        min_value=0, max_value=100, places=1, allow_nan=False, allow_infinity=False
    )
    if isinstance(item, Indicator):
        return st.builds(
            Observation, st.just(item.id), value=decimals(), percent=percents, note=texts()
        )
    return st.builds(
        Observation, st.just(item.id), done=st.none() | st.booleans(), percent=percents, note=texts()
    ).filter(lambda o: o.done is not None or o.percent is not None)


@st.composite
def inspections(draw: DrawFn, assigned: Sequence[Item], earliest: dt.date) -> list[Inspection]:
    """Inspections held on or after ``earliest``, each observing items at most once."""
    found: list[Inspection] = []
    for inspection_id in draw(_unique_ids(max_size=2)):
        observed = draw(st.lists(st.sampled_from(assigned), unique_by=lambda i: i.id, max_size=4))
        found.append(
            Inspection(
                inspection_id,
                draw(_dates_between(earliest, earliest + dt.timedelta(days=500))),
                kind=draw(st.sampled_from(InspectionKind)),
                inspector=draw(texts()),
                observations=[draw(observations(item)) for item in observed],
                findings=draw(st.lists(texts(), max_size=2)),
            )
        )
    return found


# --------------------------------------------------------------------- report


@st.composite
def excuses(draw: DrawFn, support_ids: Sequence[str]) -> Excuse:
    """An excuse; one of support not delivered names a pledged support."""
    kinds = [k for k in ExcuseKind if support_ids or k is not ExcuseKind.SUPPORT_NOT_DELIVERED]
    kind = draw(st.sampled_from(kinds))
    confirmed_by = draw(st.none() | texts().filter(str.strip))
    return Excuse(
        kind,
        draw(titles()),
        confirmed_by=confirmed_by,
        confirmed_on=None if confirmed_by is None else draw(_optional_dates()),
        reference=draw(texts()),
        support=(
            draw(st.sampled_from(support_ids))
            if kind is ExcuseKind.SUPPORT_NOT_DELIVERED
            else None
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
        excuses=draw(st.lists(excuses(support_ids), max_size=2)),
        note=draw(texts()),
    )


@st.composite
def reports(draw: DrawFn, assigned: Sequence[Item], support_ids: Sequence[str] = ()) -> Report:
    """A report with at most one outcome per assigned item."""
    reported = draw(st.lists(st.sampled_from(assigned), unique_by=lambda i: i.id))
    return Report(
        draw(_any_dates()),
        [draw(outcomes(item, support_ids)) for item in reported],
        obstacles=draw(st.lists(texts(), max_size=2)),
        proposals=draw(st.lists(texts(), max_size=2)),
        self_rating=draw(st.none() | st.sampled_from(Rating)),
        summary=draw(titles()),
    )


# -------------------------------------------------------------------- council


def members(
    cadre_links: Sequence[str] = (), member_ids: SearchStrategy[str] | None = None
) -> SearchStrategy[Member]:
    """A council member, linked to one of ``cadre_links`` or to no cadre."""
    links: SearchStrategy[str | None] = st.none()
    if cadre_links:
        links = links | st.sampled_from(cadre_links)
    return st.builds(
        Member,
        member_ids if member_ids is not None else ids(),
        titles(),
        role=st.sampled_from(MemberRole),
        cadre=links,
        position=texts(),
    )


def criteria(criterion_ids: SearchStrategy[str] | None = None) -> SearchStrategy[Criterion]:
    """A general criterion with a positive maximum."""
    return st.builds(
        Criterion,
        criterion_ids if criterion_ids is not None else ids(),
        titles(),
        positive_decimals(),
    )


@st.composite
def councils(draw: DrawFn, cadre_links: Sequence[str] = ()) -> Council:
    """A council whose members link only to ``cadre_links`` (or to no cadre)."""
    member_ids = draw(_unique_ids(min_size=1, max_size=4))
    criterion_ids = draw(_unique_ids(max_size=3))
    return Council(
        draw(ids()),
        draw(titles()),
        [draw(members(cadre_links, st.just(m))) for m in member_ids],
        unit=draw(st.none() | ids()),
        criteria=[draw(criteria(st.just(c))) for c in criterion_ids],
    )


@st.composite
def scoresheets(draw: DrawFn, council: Council, assigned: Sequence[Item]) -> list[Scoresheet]:
    """At most one sheet per member; points within ``[0, weight]`` and ``[0, maximum]``."""
    sheets: list[Scoresheet] = []
    scorers = draw(st.lists(st.sampled_from(council.members), unique_by=lambda m: m.id))
    for member in scorers:
        scored = draw(st.lists(st.sampled_from(assigned), unique_by=lambda i: i.id))
        judged = draw(st.lists(st.sampled_from(council.criteria), unique_by=lambda c: c.id))
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
    people = [draw(cadres(unit_ids, st.just(c))) for c in cadre_ids]
    if by_person:
        people[0] = draw(cadres([unit.id], st.just(cadre_ids[0])))
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
    council = draw(st.none() | councils(links))
    return Dossier(
        assignment,
        cadres=draw(st.permutations(people)),
        org_chart=chart if (draw(st.booleans()) if embed_chart is None else embed_chart) else None,
        inspections=draw(inspections(assignment.items, assignment.issued_on)),
        report=draw(st.none() | reports(assignment.items, support_ids)),
        council=council,
        scoresheets=[] if council is None else draw(scoresheets(council, assignment.items)),
        title=draw(titles()),
        description=draw(texts()),
    )


@st.composite
def cohorts(draw: DrawFn) -> Cohort:
    """A cohort of dossiers over one org chart, with people shared by all of them."""
    chart = draw(org_charts(min_units=2))
    shared_ids = draw(_unique_ids(max_size=3))
    shared = [draw(cadres([u.id for u in chart], st.just(c))) for c in shared_ids]
    assignment_ids = draw(_unique_ids(min_size=1, max_size=3))
    return Cohort(
        [
            draw(dossiers(chart, assignment_id=a, avoid=frozenset(shared_ids)))
            for a in assignment_ids
        ],
        org_chart=draw(st.sampled_from([chart, None])),
        cadres=shared,
        title=draw(titles()),
        description=draw(texts()),
    )


# ------------------------------------------------------- possibly invalid input


def _maybe_equal(target: Decimal) -> SearchStrategy[Decimal | None]:
    """A baseline that is often the target itself, or just beside it."""
    return st.one_of(
        st.none(),
        st.just(target),
        st.builds(lambda d: target + d, decimals()),
        wide_decimals(),
    )


@st.composite
def indicator_inputs(draw: DrawFn) -> dict[str, object]:
    """Arguments for :class:`~khoan.Indicator` that may break its rules."""
    target = draw(wide_decimals())
    return {
        "id": draw(ids()),
        "title": draw(titles()),
        "target": target,
        "weight": draw(wide_decimals()),
        "baseline": draw(_maybe_equal(target)),
        "direction": draw(st.sampled_from(Direction)),
    }


@st.composite
def task_inputs(draw: DrawFn) -> dict[str, object]:
    """Arguments for :class:`~khoan.Task` whose weight may be zero or negative."""
    return {"id": draw(ids()), "title": draw(titles()), "weight": draw(wide_decimals())}


@st.composite
def assignment_inputs(draw: DrawFn) -> dict[str, object]:
    """Arguments for :class:`~khoan.Assignment` that may break its rules.

    Item and support ids come from small pools (so duplicates are frequent),
    deadlines and the issue date lie anywhere within 400 days of the period
    (with its edges drawn often), supports may name items that are not there,
    and ``total_weight`` is missing, exact, off by a little, or anything.
    """
    period = draw(periods())
    lo, hi = period.start - dt.timedelta(days=400), period.end + dt.timedelta(days=400)
    one = dt.timedelta(days=1)
    edges = [period.start, period.end, period.start - one, period.end + one]
    issued_on = draw(st.sampled_from(edges) | _dates_between(lo, hi))
    deadlines = st.none() | st.sampled_from([*edges, issued_on, issued_on - one])
    deadlines |= _dates_between(lo, hi)
    pool = st.sampled_from(["t1", "t2", "i1", "i2", "Nhiệm vụ 3"])
    assigned = draw(st.lists(items(pool, deadlines), max_size=5))
    support_ids = st.sampled_from(["s1", "s2"])
    refs = ["t1", "t2", "i1", "i2", "Nhiệm vụ 3", "không có"]
    pledged = draw(st.lists(supports(refs, support_ids), max_size=3))
    total = sum((item.weight for item in assigned), Decimal(0))
    off = st.builds(lambda d: total + d, decimals().filter(bool))
    return {
        "id": draw(ids()),
        "issuer": draw(ids()),
        "assignee": draw(assignees()),
        "period": period,
        "items": assigned,
        "issued_on": issued_on,
        "supports": pledged,
        "total_weight": draw(st.one_of(st.none(), st.just(total), off, decimals())),
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
        tree[i] = Unit(unit.id, unit.name, unit.level, parent=parent)
    elif edit == "root":
        tree[i] = Unit(unit.id, unit.name, unit.level)
    elif edit == "level":
        tree[i] = Unit(unit.id, unit.name, draw(levels()), parent=unit.parent)
    elif edit == "duplicate":
        tree.insert(draw(st.integers(0, len(tree))), unit)
    elif edit == "remove":
        del tree[i]
    return tree
