"""The fuzz harness: hostile documents through every public entry point.

:func:`exercise` feeds one document (bytes) to the reader and, when it loads,
to every public path that takes facts: evaluation under every scheme preset,
the explanation and the JSON form of each evaluation, progress on several
dates, the consequence rules, the year's roll-up, and the writer (with a
round trip). It returns the class of outcome (``"loaded"`` or the name of the
:class:`~khoan.exceptions.KhoanError` raised); anything else escaping is the
bug the fuzz suite looks for, and is raised unchanged.

:func:`mutated_documents` is the Hypothesis strategy of mutations of the
bundled examples; :func:`json_values` of arbitrary JSON values.
"""

from __future__ import annotations

import copy
import datetime as dt
import decimal
import json
import re
import unicodedata
from collections.abc import Callable
from importlib import resources
from typing import Any

from hypothesis import strategies as st

from khoan import Cohort, Dossier, RollUp, io, roll_up
from khoan._evaluation.evaluate import evaluate_dossier
from khoan.consequences import RULES, histories_of, recommend
from khoan.exceptions import KhoanError
from khoan.progress import progress_of
from khoan.schemes import PRESETS
from khoan.testing import timeless

__all__ = ["exercise", "json_values", "mutated_documents", "run_pipeline"]

EXAMPLES: dict[str, Any] = {
    name: json.loads((resources.files("khoan") / "examples" / f"{name}.json").read_bytes())
    for name in io.example_names()
}


def _small_cohort() -> dict[str, Any]:
    """The Vinh Phuc cohort cut to three dossiers: mutations stay cheap to evaluate."""
    data: dict[str, Any] = json.loads(json.dumps(EXAMPLES["vinh-phuc-2021"]))
    data["dossiers"] = data["dossiers"][:3]
    return data


SEEDS: tuple[dict[str, Any], ...] = (EXAMPLES["nguyet-duc-2022"], _small_cohort())


HOSTILE_CONTEXT = decimal.Context(
    prec=3,
    rounding=decimal.ROUND_DOWN,
    Emax=20,
    Emin=-20,
    traps=[
        decimal.Inexact,
        decimal.Rounded,
        decimal.InvalidOperation,
        decimal.Overflow,
        decimal.DivisionByZero,
    ],
)
"""A caller's decimal context that would change or break any computation depending on it."""


def run_pipeline(document: Dossier | Cohort) -> None:
    """Run every public path over a loaded document (raises what they raise)."""
    cohort = document if isinstance(document, Cohort) else Cohort([document])
    text = io.dumps(document)
    assert io.loads(text) == document, "the round trip lost a value"
    schemes = [timeless(s) for s in PRESETS.values()]  # every path, not dates of effect
    for n, dossier in enumerate(cohort.dossiers):
        scheme = schemes[n % len(schemes)]
        evaluation = evaluate_dossier(dossier, scheme=scheme, cohort=cohort)
        evaluation.explain("vi")
        evaluation.explain("en")
        json.dumps(io.dump_evaluation(evaluation), ensure_ascii=False).encode("utf-8")
        period = dossier.assignment.period
        for day in (period.start, period.end, dt.date.max):
            p = progress_of(dossier, day)
            for item in p.items:
                for reason in item.reasons:
                    reason.text("vi")
                    reason.text("en")
        if period.kind != "year":
            roll_up([evaluation], scheme=scheme, year=period.year, method=RollUp.AVERAGE)
        with decimal.localcontext(HOSTILE_CONTEXT):
            again = evaluate_dossier(dossier, scheme=scheme, cohort=cohort)
        assert again == evaluation, "the caller's decimal context changed the evaluation"
    for rule in RULES.values():
        for recommendation in recommend(histories_of(cohort, schemes[0]), rule):
            recommendation.explain("vi")
            recommendation.explain("en")


def exercise(data: bytes, *, pipeline: Callable[[Dossier | Cohort], None] = run_pipeline) -> str:
    """Feed ``data`` to the reader and every public path; return the outcome class."""
    try:
        document = io.loads(data)
        pipeline(document)
    except KhoanError as err:
        return type(err).__name__
    return "loaded"


# ------------------------------------------------------------------ strategies

_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)


def json_values(max_leaves: int = 30) -> st.SearchStrategy[Any]:
    """Arbitrary JSON values."""
    return st.recursive(
        _scalars,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
        max_leaves=max_leaves,
    )


_HOSTILE_STRINGS = st.sampled_from(
    [
        "",
        " ",
        "0",
        "-1",
        "1e99999999999999999999",
        "1e-99999999999999999999",
        "1E+15",
        "0.000000000000001",
        "999999999999999",
        "9" * 5000,
        "NaN",
        "Infinity",
        "-0",
        "9999-12-31",
        "0001-01-01",
        "2022-02-29",
        "1/13/2021",
        "13/1/2021",
        "ngày 22/9/2021",
        "ngày 22 tháng 9 năm 2021",
        "Quý III/2022",
        "2022-Q5",
        "\ud800",
        "a\u0000b",
        "Nguyê\u0303n",
        "x" * 100_000,
        "kind",
        "task",
        "indicator",
        "2022",
        "99999",
    ]
)
# Numbers Python's json cannot write, put into the text after it is written.
_RAW = {
    "\x00bigint": "9" * 4400,
    "\x00bigexp": "1e99999999999999999999",
    "\x00overflow": "1e400",
    "\x00nan": "NaN",
    "\x00neginf": "-Infinity",
}
_RAW_NUMBERS = tuple(_RAW)
_HOSTILE_NUMBERS = st.sampled_from(
    [0, -1, 1, -(10**30), 1.0, 0.5, 1e308, -0.0, True, False, *_RAW_NUMBERS]
)
_ODD = st.one_of(
    _HOSTILE_STRINGS,
    _HOSTILE_NUMBERS,
    st.none(),
    st.just([]),
    st.just({}),
    json_values(8),
)


_NUMBER_TEXT = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
_DATE_TEXT = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_EXTREME_NUMBERS = st.sampled_from(
    ["0", "0.000000000000001", "999999999999999", "1E+15", "1E-15", "-999999999999999",
     "123456789012345.123456789012345", "0.0", "1e2", "-0", "100"]
)  # fmt: skip
_EXTREME_DATES = st.sampled_from(
    ["1900-01-01", "2200-12-31", "2022-02-28", "2024-02-29", "2021-12-31", "2023-01-01"]
)


def _plausible(value: Any) -> st.SearchStrategy[Any]:
    """A value of the same kind, at an edge: the document may still load."""
    if isinstance(value, str) and _NUMBER_TEXT.match(value):
        return _EXTREME_NUMBERS
    if isinstance(value, str) and _DATE_TEXT.match(value):
        return _EXTREME_DATES | st.dates().map(lambda d: d.isoformat())
    if isinstance(value, str):
        return st.sampled_from([value, unicodedata.normalize("NFD", value), value * 50]) | st.text(
            min_size=1, max_size=20
        )
    if isinstance(value, bool):
        return st.booleans()
    if isinstance(value, int):
        return st.integers(-3, 10**6)
    if isinstance(value, list):
        return st.just(value[::-1]) | st.just(value[: len(value) // 2]) | st.just(value * 2)
    return st.just(value)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if len(prefix) > 8:  # deep enough for any field of a document; a deepened value stops here
        return out
    if isinstance(value, dict):
        for k, v in value.items():
            out.extend(_paths(v, (*prefix, k)))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out.extend(_paths(v, (*prefix, i)))
    return out


def _get(doc: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        doc = doc[key]
    return doc


def _deep(depth: int) -> Any:
    value: Any = "x"
    for _ in range(depth):
        value = [value]
    return value


@st.composite
def _mutated(draw: st.DrawFn) -> bytes:
    """One or more mutations of a seed document, serialised (some with raw-byte damage)."""
    doc = json.loads(json.dumps(draw(st.sampled_from(SEEDS))))
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(doc)
        path = draw(st.sampled_from(paths))
        target = _get(doc, path)
        op = draw(
            st.sampled_from(
                ["plausible"] * 6
                + ["replace", "replace", "delete", "unknown_key", "duplicate", "deepen", "swap"]
            )
        )
        if not path:
            if op == "unknown_key" and isinstance(doc, dict):
                doc[draw(st.text(max_size=5))] = copy.deepcopy(draw(_ODD))
            continue
        parent = _get(doc, path[:-1])
        key = path[-1]
        # Copies: a drawn value (st.just) must never be changed by a later mutation.
        if op == "plausible":
            parent[key] = copy.deepcopy(draw(_plausible(target)))
        elif op == "replace":
            parent[key] = copy.deepcopy(draw(_ODD))
        elif op == "delete":
            del parent[key]
        elif op == "unknown_key" and isinstance(target, dict):
            name = draw(st.sampled_from(["x", "Kind", "id ", "weight\u0301"]))
            target[name] = copy.deepcopy(draw(_ODD))
        elif op == "duplicate" and isinstance(parent, list):
            parent.append(json.loads(json.dumps(target)))
        elif op == "deepen":  # the last mutation: nothing walks into what it builds
            parent[key] = _deep(draw(st.sampled_from([50, 2_000, 100_000])))
            break
        elif op == "swap" and isinstance(target, str):
            parent[key] = draw(st.sampled_from([[target], {"value": target}, len(target)]))
        if not isinstance(parent, dict | list):  # pragma: no cover
            break
    text = _dumps(doc)
    for marker, number in _RAW.items():
        text = text.replace(json.dumps(marker, ensure_ascii=False), number)
    raw = text.encode("utf-8", "surrogatepass")
    damage = draw(st.sampled_from(["none", "none", "none", "bytes", "dupkey", "cp1258", "bom"]))
    if damage == "bytes" and raw:
        at = draw(st.integers(0, len(raw) - 1))
        raw = raw[:at] + draw(st.binary(min_size=1, max_size=4)) + raw[at + 1 :]
    elif damage == "dupkey":
        raw = raw.replace(b'"id":', b'"id": "dup", "id":', 1)
    elif damage == "cp1258":
        raw = text.encode("cp1258", "replace")
    elif damage == "bom":
        raw = b"\xef\xbb\xbf" + raw
    return raw


def _dumps(doc: Any) -> str:
    try:
        return json.dumps(doc, ensure_ascii=False)
    except RecursionError:  # a 100,000-deep list: write it out by hand
        return _flat_dumps(doc)


def _flat_dumps(doc: Any) -> str:
    if isinstance(doc, list) and len(doc) == 1 and isinstance(doc[0], list):
        depth, inner = 0, doc
        while isinstance(inner, list) and len(inner) == 1 and isinstance(inner[0], list):
            depth, inner = depth + 1, inner[0]
        return "[" * depth + _flat_dumps(inner) + "]" * depth
    if isinstance(doc, dict):
        return "{" + ",".join(f"{json.dumps(k)}:{_flat_dumps(v)}" for k, v in doc.items()) + "}"
    if isinstance(doc, list):
        return "[" + ",".join(_flat_dumps(v) for v in doc) + "]"
    return json.dumps(doc, ensure_ascii=False)


def mutated_documents() -> st.SearchStrategy[bytes]:
    """Mutations of the bundled examples, as the bytes of a file."""
    return _mutated()
