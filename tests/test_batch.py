"""khoan.batch gives the object path's answers: totals, ratings, findings, quota moves."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from fractions import Fraction

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.strategies import DrawFn

from khoan import (
    Assignee,
    Assignment,
    Cadre,
    Circumstances,
    Cohort,
    Council,
    Criterion,
    Dossier,
    Evaluation,
    Excuse,
    ExcuseKind,
    Indicator,
    Member,
    Outcome,
    Quota,
    QuotaBase,
    Rating,
    Report,
    Scoresheet,
    Task,
    TieBreak,
    apply_quota,
    evaluate_dossier,
)
from khoan._cli.base import with_progress as _with_progress
from khoan.batch import (
    BatchResult,
    Columns,
    apply_quota_batch,
    columns_of,
    concat,
    evaluate_batch,
    evaluate_table,
)
from khoan.exceptions import KhoanError
from khoan.schemes import PRESETS, QD_124_2023
from khoan.scoring import mean, trimmed_mean
from khoan.testing import timeless

DEADLINE = dt.date(2022, 11, 30)
EXCUSES = [k for k in ExcuseKind if k is not ExcuseKind.SUPPORT_NOT_DELIVERED]


@st.composite
def _dossier(
    draw: DrawFn, index: int, items: int, members: int, criteria: list[tuple[str, Decimal]]
) -> Dossier:
    """A dossier that usually fits the columns; sometimes one that does not."""
    odd = draw(st.integers(0, 9)) == 0  # one in ten: points the columns cannot hold
    assigned: list[Indicator | Task] = []
    outcomes = []
    for j in range(items):
        weight = Decimal(draw(st.integers(1, 1000))) / 100
        key = draw(st.booleans())
        failed = draw(st.integers(0, 1))
        excuses = [
            Excuse(kind, reason="lý do", confirmed_by=draw(st.sampled_from([None, "UBND"])))
            for kind in draw(st.lists(st.sampled_from(EXCUSES), max_size=2, unique=True))
        ]
        if draw(st.booleans()):
            target = draw(st.integers(1, 5))
            assigned.append(Indicator(f"i{j}", title="x", target=target, weight=weight, key=key))
            actual = target + draw(st.integers(-1, 1))
            outcomes.append(Outcome(f"i{j}", actual=actual, failed_reviews=failed, excuses=excuses))
        else:
            assigned.append(Task(f"t{j}", title="x", weight=weight, key=key, deadline=DEADLINE))
            done = draw(st.booleans())
            late = draw(st.integers(-3, 3))
            outcomes.append(
                Outcome(
                    f"t{j}",
                    done=done,
                    completed_on=DEADLINE + dt.timedelta(days=late) if done else None,
                    failed_reviews=failed,
                    excuses=excuses,
                )
            )
    assignment = Assignment(
        f"a{index:03d}",
        issuer="p",
        assignee=Assignee.cadre(f"k{index}"),
        period="2022",
        items=assigned,
        issued_on="2022-01-20",
    )
    sheets = []
    for m in range(members):
        marks = {}
        for x in assigned:
            top = int(x.weight * 100)
            marks[x.id] = Decimal(draw(st.integers(0, top))) / 100
        if odd and draw(st.booleans()):
            marks.pop(assigned[0].id)  # a member who skipped an item: the fallback rule
        elif odd:
            marks[assigned[0].id] = Decimal("0.001")  # finer than hundredths
        scored = {cid: Decimal(draw(st.integers(0, int(top * 100)))) / 100 for cid, top in criteria}
        sheets.append(Scoresheet(f"m{m}", items=marks, criteria=scored))
    council = Council(
        "hd",
        name="hd",
        members=[Member(f"m{m}", name=f"m{m}") for m in range(members)],
        criteria=[Criterion(cid, title=cid, maximum=top) for cid, top in criteria],
    )
    return Dossier(
        assignment,
        report=Report("2022-12-10", outcomes=outcomes),
        council=council,
        scoresheets=sheets,
        circumstances=Circumstances(disciplined=draw(st.integers(0, 9)) == 0),
    )


@st.composite
def cohorts(draw: DrawFn, max_size: int = 10) -> Cohort:
    """Cohorts of one shape (with a few dossiers of another), in two or three peer groups."""
    size = draw(st.integers(1, max_size))
    items = draw(st.integers(1, 4))
    members = draw(st.integers(1, 7))
    names = draw(st.lists(st.sampled_from(["g1", "g2", "bonus"]), unique=True, max_size=3))
    criteria = [(n, Decimal(draw(st.integers(1, 1000))) / 100) for n in names]
    dossiers = []
    for i in range(size):
        other = draw(st.integers(0, 7)) == 0
        shape = (items + 1, members) if other else (items, members)
        dossiers.append(draw(_dossier(i, *shape, criteria)))
    groups = draw(st.lists(st.sampled_from(["a", "b", "c"]), min_size=size, max_size=size))
    cadres = [
        Cadre(f"k{i}", name=f"k{i}", post="Bí thư", unit="u", peer_group=g)
        for i, g in enumerate(groups)
    ]
    return Cohort(dossiers, cadres=cadres)


def same_as_object_path(result: BatchResult, evaluations: list[Evaluation]) -> None:
    assert [e.total for e in evaluations] == [result.total(i) for i in range(len(result))]
    assert [e.band for e in evaluations] == result.bands()
    assert [e.rating for e in evaluations] == result.ratings()
    assert [e.findings for e in evaluations] == list(result.findings)
    assert [e.referred for e in evaluations] == [bool(r) for r in result.referred]
    assert [e.assignment for e in evaluations] == list(result.assignment)
    assert [e.peer_group for e in evaluations] == list(result.peer_group)


QUOTAS = [
    Quota(Rating.EXCELLENT, share=Fraction(1, 5)),
    Quota(Rating.EXCELLENT, share=Fraction(1, 3), base=QuotaBase.GOOD_INCLUDING_SELECTED),
    Quota(Rating.GOOD, share=Fraction(1, 2), base=QuotaBase.ALL_RATED, ties=TieBreak.DEMOTE_ALL),
]


# Capped so the CI run stays lean (each example evaluates a cohort twice under a preset).
LAWS = settings(max_examples=150)


@pytest.mark.property
class TestBatchEqualsObjectPath:
    """Law: on any cohort, under any preset, batch == object path (totals, ratings, findings)."""

    @LAWS
    @given(cohort=cohorts(), scheme=st.sampled_from([timeless(s) for s in PRESETS.values()]))
    def test_evaluations(self, cohort: Cohort, scheme: object) -> None:
        assert isinstance(cohort, Cohort)
        from khoan.schemes import Scheme

        assert isinstance(scheme, Scheme)
        refused: KhoanError | None = None
        try:
            expected = [evaluate_dossier(d, scheme=scheme, cohort=cohort) for d in cohort]
        except KhoanError as err:
            refused = err
        if refused is not None:
            with pytest.raises(type(refused)) as raised:
                evaluate_batch(cohort, scheme=scheme)
            assert str(refused) == str(raised.value)
            return
        same_as_object_path(evaluate_batch(cohort, scheme=scheme), expected)

    @LAWS
    @given(
        cohort=cohorts(),
        scheme=st.sampled_from([timeless(s) for s in PRESETS.values()]),
        quota=st.sampled_from(QUOTAS),
    )
    def test_quota(self, cohort: Cohort, scheme: object, quota: Quota) -> None:
        from khoan.schemes import Scheme

        assert isinstance(scheme, Scheme)
        try:
            evaluations = [evaluate_dossier(d, scheme=scheme, cohort=cohort) for d in cohort]
        except KhoanError:
            return  # refused alike: test_evaluations
        expected = apply_quota(evaluations, quota)
        result, moves = apply_quota_batch(
            evaluate_batch(cohort, scheme=scheme), quota, scheme=scheme.name
        )
        assert expected.moves == tuple(moves)
        same_as_object_path(result, list(expected.evaluations))

    @LAWS
    @given(
        cohort=cohorts(),
        scheme=st.sampled_from([timeless(s) for s in PRESETS.values()]),
        cut=st.integers(0, 10),
    )
    def test_chunked_equals_whole(self, cohort: Cohort, scheme: object, cut: int) -> None:
        from khoan.schemes import Scheme

        assert isinstance(scheme, Scheme)
        try:
            whole = evaluate_batch(cohort, scheme=scheme)
        except KhoanError:
            return  # refused alike: test_evaluations
        dossiers = list(cohort)
        chunks = [dossiers[:cut], dossiers[cut:]]
        parts = concat([evaluate_batch(c, scheme=scheme, cohort=cohort) for c in chunks])
        same_as_object_path(
            parts, [evaluate_dossier(d, scheme=scheme, cohort=cohort) for d in cohort]
        )
        assert whole.ratings() == parts.ratings()


class TestUnrecognisedComponents:
    """A component the columns do not know by type sends the assessee to the object path."""

    def test_a_custom_condition_falls_back(self) -> None:
        cohort = _plain_cohort()

        def never(results: object, circumstances: object) -> None:
            return None

        custom = attrs.evolve(timeless(QD_124_2023), conditions=((Rating.GOOD, never),))
        result = evaluate_batch(cohort, scheme=custom)
        expected = [evaluate_dossier(d, scheme=custom, cohort=cohort) for d in cohort]
        assert sorted(result.evaluations) == list(range(len(cohort)))
        same_as_object_path(result, expected)

    def test_a_custom_aggregator_falls_back(self) -> None:
        cohort = _plain_cohort()
        from khoan.schemes import Part, Source
        from khoan.scoring import council

        def highest(points: object) -> Fraction:
            return max(points)  # type: ignore[call-overload, no-any-return]

        part = Part("results", maximum=100, source=Source.ITEMS, rule=council(highest))
        custom = attrs.evolve(timeless(QD_124_2023), parts=(part,))
        result = evaluate_batch(cohort, scheme=custom)
        assert len(result.evaluations) == len(cohort)
        same_as_object_path(result, [evaluate_dossier(d, scheme=custom) for d in cohort])

    def test_recognised_aggregators_are_vectorised(self) -> None:
        cohort = _plain_cohort()
        from khoan.schemes import Part, Source
        from khoan.scoring import council, median

        for aggregator in (mean(), median(), trimmed_mean(drop=1)):
            part = Part("results", maximum=100, source=Source.ITEMS, rule=council(aggregator))
            custom = attrs.evolve(timeless(QD_124_2023), parts=(part,), vetoes=())
            result = evaluate_batch(cohort, scheme=custom)
            assert result.evaluations == {}
            same_as_object_path(result, [evaluate_dossier(d, scheme=custom) for d in cohort])


def _plain_cohort() -> Cohort:
    dossiers = []
    for i in range(4):
        items = [Task(f"t{j}", title="x", weight=2) for j in range(3)]
        a = Assignment(
            f"a{i}", issuer="p", assignee=Assignee.cadre(f"k{i}"), period="2022", items=items,
            issued_on="2022-01-20",
        )  # fmt: skip
        sheets = [
            Scoresheet(f"m{m}", items={t.id: Decimal(i + m) / 4 for t in items}) for m in range(3)
        ]
        dossiers.append(
            Dossier(
                a,
                report=Report("2022-12-10", outcomes=[Outcome(t.id, done=True) for t in items]),
                council=Council(
                    "hd", name="hd", members=[Member(f"m{m}", name="m") for m in range(3)]
                ),
                scoresheets=sheets,
            )
        )
    return Cohort(dossiers)


class TestColumns:
    """The table: shapes checked, a table without dossiers refuses what needs them."""

    def test_shapes_must_agree(self) -> None:
        with pytest.raises(KhoanError, match="weights"):
            Columns(assignment=["a"], assignee=["a"], peer_group=[""], weights=[[100, 100]],
                    points=[[[100]]])  # fmt: skip

    def test_a_table_rates_rows_nothing_vetoes(self) -> None:
        table = Columns(
            assignment=["a", "b"], assignee=["a", "b"], peer_group=["g", "g"],
            weights=[[1000, 1000]] * 2,
            points=[[[1000] * 5, [900] * 5], [[500] * 5, [400] * 5]],
        )  # fmt: skip
        # QĐ 124's points-only part: its grounds that read facts (criterion Kém, ...) need
        # the object path, so the table is rated under the two vetoes columns can decide.
        scheme = attrs.evolve(timeless(QD_124_2023), vetoes=QD_124_2023.vetoes[:2])
        result = evaluate_table(table, scheme=scheme)
        assert [Fraction(95), Fraction(45)] == [result.total(0), result.total(1)]
        assert result.ratings() == [Rating.EXCELLENT, Rating.NOT_ACHIEVED]

    def test_a_table_refuses_a_vetoed_row(self) -> None:
        table = Columns(
            assignment=["a"], assignee=["a"], peer_group=["g"], weights=[[1000]],
            points=[[[1000] * 5]], disciplined=[True],
        )  # fmt: skip
        with pytest.raises(KhoanError, match=r"rows\[0\] \('a'\): needs the object path"):
            evaluate_table(table, scheme=QD_124_2023)

    def test_columns_of_sets_unfit_dossiers_aside(self) -> None:
        cohort = _plain_cohort()
        odd = attrs.evolve(next(iter(cohort)), scoresheets=())
        columns, taken, aside = columns_of([*list(cohort)[1:], odd])
        assert (taken, aside) == ([0, 1, 2], [3])
        assert columns.points.shape == (3, 3, 3)
        assert np.array_equal(columns.take([0]).points, columns.points[:1])


class TestProgressBar:
    """The CLI draws a progress bar on stderr only when it is a terminal, for long runs."""

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    def test_drawn_on_a_terminal(self) -> None:
        stream = self.Terminal()
        assert list(range(300)) == list(_with_progress(range(300), "evaluate", stream=stream))
        assert stream.getvalue().endswith("] 300/300\n")

    def test_not_drawn_on_a_pipe_or_for_a_few(self) -> None:
        pipe = io.StringIO()
        assert list(range(300)) == list(_with_progress(range(300), "evaluate", stream=pipe))
        terminal = self.Terminal()
        assert list(_with_progress([1, 2], "evaluate", stream=terminal)) == [1, 2]
        assert (pipe.getvalue(), terminal.getvalue()) == ("", "")
