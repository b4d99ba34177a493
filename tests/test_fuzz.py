"""Hostile input: whatever the bytes, khoan returns a result or raises a KhoanError.

The fuzz tests feed mutated bundled documents and arbitrary JSON to every
public path (see ``tests/fuzzing.py``); the corpus under ``tests/fuzz_corpus``
holds every reproducer found, replayed on each run. Budgets: the ``default``
profile a few seconds, ``ci`` about a minute, ``large`` (on demand) 60,000
mutated documents and 25,000 arbitrary values in each of the two JSON tests
(the second feeds each value twice: over 130,000 documents in all):

    HYPOTHESIS_PROFILE=large KHOAN_FUZZ_REPORT=fuzz-report.json \
        python -m pytest tests/test_fuzz.py -k Fuzz -p no:cacheprovider

``KHOAN_FUZZ_REPORT`` writes the figures of the run (documents, outcome
classes, slowest document, peak memory) to that file.
"""

from __future__ import annotations

import collections
import json
import os
import resource
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
from hypothesis import HealthCheck, given, settings

from fuzzing import exercise, json_values, mutated_documents

CORPUS = Path(__file__).parent / "fuzz_corpus"

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "default")
MUTATIONS = {"ci": 1_500, "property": 1_500, "large": 60_000}.get(PROFILE, 60)
VALUES = {"ci": 600, "property": 600, "large": 25_000}.get(PROFILE, 60)
_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large]
FUZZ = settings(max_examples=MUTATIONS, deadline=None, suppress_health_check=_HEALTH)
FUZZ_VALUES = settings(max_examples=VALUES, deadline=None, suppress_health_check=_HEALTH)

OUTCOMES: collections.Counter[str] = collections.Counter()
SLOWEST: list[tuple[float, bytes]] = [(0.0, b"")]


def timed_exercise(data: bytes) -> str:
    """:func:`exercise`, counting the outcome and keeping the slowest document."""
    start = time.process_time()
    outcome = exercise(data)
    spent = time.process_time() - start
    OUTCOMES[outcome] += 1
    if spent > SLOWEST[0][0]:
        SLOWEST[0] = (spent, data)
    return outcome


@pytest.fixture(scope="module", autouse=True)
def fuzz_report() -> Iterator[None]:
    """Write the run's figures to $KHOAN_FUZZ_REPORT when it is set."""
    start = time.perf_counter()
    yield
    target = os.environ.get("KHOAN_FUZZ_REPORT")
    if target:
        seconds, document = SLOWEST[0]
        report: dict[str, Any] = {
            "documents": sum(OUTCOMES.values()),
            "outcomes": dict(OUTCOMES.most_common()),
            "non_khoan_errors": 0,  # any other exception fails the run before this point
            "slowest_document_cpu_seconds": round(seconds, 4),
            "slowest_document_head": document[:200].decode("utf-8", "replace"),
            "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "wall_seconds": round(time.perf_counter() - start, 1),
        }
        Path(target).write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")


class TestCorpus:
    """Every reproducer found so far, replayed: each ends in the outcome pinned here."""

    EXPECTED: ClassVar[dict[str, str]] = {
        "achievement-overflow": "loaded",
        "deep-nesting": "LimitExceeded",
        "duplicate-key": "InvalidDocument",
        "float-overflow": "InexactNumber",
        "huge-exponent": "InvalidValue",
        "id-nfc-and-nfd": "InvalidDocument",
        "integer-5000-digits": "InexactNumber",
        "lone-surrogate": "InvalidDocument",
        "month-first-date": "InvalidValue",
        "nan-and-infinity": "InvalidDocument",
        "period-out-of-range": "InvalidDocument",
        "point-4400-digits": "InvalidValue",
        "utf-16": "InvalidEncoding",
        "weight-100000-digits": "InvalidValue",
        "windows-1258": "InvalidEncoding",
        "year-9999": "InvalidDocument",
    }

    def test_every_file_of_the_corpus_is_pinned(self) -> None:
        assert sorted(self.EXPECTED) == sorted(p.stem for p in CORPUS.glob("*.json"))

    @pytest.mark.parametrize("name", sorted(EXPECTED))
    def test_reproducer_ends_in_its_outcome(self, name: str) -> None:
        data = (CORPUS / f"{name}.json").read_bytes()
        assert self.EXPECTED[name] == timed_exercise(data)


class TestFuzz:
    """Mutated documents and arbitrary JSON never raise anything but a KhoanError."""

    @FUZZ
    @given(mutated_documents())
    def test_mutated_documents(self, data: bytes) -> None:
        assert timed_exercise(data) in {"loaded"} | KHOAN_ERRORS

    @FUZZ_VALUES
    @given(json_values())
    def test_arbitrary_json(self, value: object) -> None:
        data = json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")
        assert timed_exercise(data) in {"loaded"} | KHOAN_ERRORS

    @FUZZ_VALUES
    @given(json_values())
    def test_arbitrary_json_under_a_document_header(self, value: object) -> None:
        for kind in ("dossier", "cohort"):
            document = {"schema": "khoan/1", "kind": kind, "assignment": value, "dossiers": value}
            data = json.dumps(document, ensure_ascii=False).encode("utf-8", "surrogatepass")
            assert timed_exercise(data) in {"loaded"} | KHOAN_ERRORS


def _names(cls: type) -> set[str]:
    subclasses: list[type] = cls.__subclasses__()
    return {cls.__name__}.union(*(_names(sub) for sub in subclasses))


import khoan.exceptions  # noqa: E402 - after the helpers, to list every error class

KHOAN_ERRORS = _names(khoan.exceptions.KhoanError)
