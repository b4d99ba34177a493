"""khoan.batch mapped by Dask (local scheduler): dask == whole == object path."""

from __future__ import annotations

import dask.bag as db
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khoan import Cohort, Dossier, QuotaScope, apply_quota, evaluate_dossier
from khoan.batch import BatchResult, apply_quota_batch, concat, evaluate_batch
from khoan.exceptions import KhoanError
from khoan.schemes import PRESETS, Scheme
from khoan.testing import timeless
from test_batch import cohorts, same_as_object_path


def peer_group(cohort: Cohort, dossier: Dossier) -> str:
    cadre = dossier.assignee_cadre or next(
        (c for c in cohort.cadres if c.id == dossier.assignment.assignee.id), None
    )
    return cadre.peer_group if cadre else ""


@pytest.mark.property
class TestDask:
    """Law: partitions evaluated by Dask, put together, equal the whole and the object path."""

    @settings(max_examples=25)
    @given(
        cohort=cohorts(),
        # Per-group partitions need a quota counted by peer group only (not NĐ 335's agency).
        scheme=st.sampled_from(
            [
                timeless(s)
                for s in PRESETS.values()
                if s.quota is not None and s.quota.scopes == (QuotaScope.PEER_GROUP,)
            ]
        ),
        partitions=st.integers(1, 4),
    )
    def test_dask_equals_whole_and_object_path(
        self, cohort: Cohort, scheme: Scheme, partitions: int
    ) -> None:
        try:
            expected = [evaluate_dossier(d, scheme=scheme, cohort=cohort) for d in cohort]
        except KhoanError:
            return  # refused alike: tests/test_batch.py
        assert scheme.quota is not None
        quota = scheme.quota

        def evaluate(part: list[Dossier]) -> list[BatchResult]:
            return [evaluate_batch(list(part), scheme=scheme, cohort=cohort)]

        bag = db.from_sequence(list(cohort), npartitions=partitions)  # type: ignore[no-untyped-call]
        mapped = concat(bag.map_partitions(evaluate).compute(scheduler="synchronous"))
        same_as_object_path(mapped, expected)
        same_as_object_path(evaluate_batch(cohort, scheme=scheme), expected)

        # The quota needs whole peer groups: group by the key, then evaluate and rate each.
        def by_group(
            pair: tuple[str, list[Dossier]],
        ) -> tuple[str, BatchResult, tuple[object, ...]]:
            group, dossiers = pair
            result, moves = apply_quota_batch(
                evaluate_batch(dossiers, scheme=scheme, cohort=cohort), quota, scheme=scheme.name
            )
            return group, result, tuple(moves)

        grouped = (
            db.from_sequence(list(cohort), npartitions=partitions)  # type: ignore[no-untyped-call]
            .groupby(lambda d: peer_group(cohort, d))
            .map(by_group)
            .compute(scheduler="synchronous")
        )
        rated = apply_quota(expected, quota)
        moves = tuple(m for _, _, ms in sorted(grouped, key=lambda g: g[0]) for m in ms)
        assert rated.moves == moves
        ratings = {
            a: r
            for _, res, _ in grouped
            for a, r in zip(res.assignment, res.ratings(), strict=True)
        }
        assert {e.assignment: e.rating for e in rated.evaluations} == ratings
