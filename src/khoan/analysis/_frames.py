"""Tables: pandas DataFrames of evaluations, items, comparisons, sweeps, recommendations, progress.

Tidy columns (one observation per row), names and units joined when the cohort
is given, exact values kept exact (``score`` a Decimal, ``total`` a Fraction)
beside a float column for plotting named ``*_float``. Headers in English (the
column ids) or Vietnamese. Needs the ``khoan[analysis]`` extra.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import pandas as pd

from khoan._evaluation.evaluation import Evaluation
from khoan._facts.dossier import Cohort
from khoan.analysis._cohort import Person, people_of
from khoan.analysis._compare import Comparison
from khoan.analysis._sweep import Sweep, _shown
from khoan.consequences import Recommendation
from khoan.exceptions import InvalidValue
from khoan.progress import Progress
from khoan.schemes import FallThrough

__all__ = ["VIETNAMESE", "frame_of"]

Record = dict[str, Any]

VIETNAMESE: Mapping[str, str] = {
    "assignment": "giao nhiệm vụ",
    "assignee": "người được đánh giá",
    "name": "họ tên",
    "post": "chức vụ",
    "unit": "đơn vị",
    "period": "kỳ",
    "peer_group": "nhóm chức danh",
    "scheme": "phương án",
    "total": "tổng điểm",
    "total_float": "tổng điểm (số thực, để vẽ)",
    "score": "điểm",
    "scale": "thang điểm",
    "band": "mức theo điểm",
    "rated": "xếp loại trước tỷ lệ",
    "rating": "xếp loại",
    "referred": "chuyển hội đồng",
    "changed": "có thay đổi",
    "adverse": "bị áp dụng biện pháp",
    "item": "mã",
    "points": "điểm đạt",
    "points_float": "điểm đạt (số thực, để vẽ)",
    "maximum": "điểm tối đa",
    "share_float": "tỷ lệ điểm (số thực, để vẽ)",
    "weight": "trọng số",
    "status": "tình trạng",
    "on_time": "đúng hạn",
    "key": "chỉ tiêu chủ yếu",
    "parameter": "tham số",
    "value": "giá trị",
    "value_float": "giá trị (số thực, để vẽ)",
    "count": "số người",
    "count_before_quota": "số người trước tỷ lệ",
    "cadre": "cán bộ",
    "rule": "quy tắc",
    "action": "biện pháp",
    "automatic_action": "biện pháp theo quy định",
    "clause": "căn cứ",
    "legal_basis": "văn bản",
    "triggered_by": "kết quả liên quan",
    "as_of": "đến ngày",
    "expected": "cần đạt",
    "observed": "đã đạt",
    "forecast": "dự báo",
    "deadline": "hạn",
    "stale": "số liệu cũ",
}
"""Vietnamese header for every column id :func:`to_frame` produces."""


def _person(people: Mapping[str, Person], assignee: str) -> Record:
    p = people.get(assignee, Person(assignee))
    return {"name": p.name, "post": p.post, "unit": p.unit}


def _evaluation_row(e: Evaluation, people: Mapping[str, Person]) -> Record:
    return {
        "assignment": e.assignment,
        "assignee": e.assignee,
        **_person(people, e.assignee),
        "period": str(e.period),
        "peer_group": e.peer_group,
        "scheme": e.scheme,
        "total": e.total,
        "total_float": float(e.total),
        "score": e.score,
        "scale": e.scale,
        "band": e.band.name,
        "rating": e.rating.name,
        "referred": e.referred,
    }


def _evaluations(es: list[Evaluation], people: Mapping[str, Person], items: bool) -> list[Record]:
    if not items:
        return [_evaluation_row(e, people) for e in es]
    return [
        {
            "assignment": e.assignment,
            "assignee": e.assignee,
            **_person(people, e.assignee),
            "scheme": e.scheme,
            "item": r.item,
            "points": r.points,
            "points_float": None if r.points is None else float(r.points),
            "maximum": r.maximum,
            "share_float": None
            if r.points is None or not r.maximum
            else float(r.points / r.maximum),
            "weight": r.weight,
            "status": r.status.value,
            "on_time": r.on_time,
            "key": r.key,
        }
        for e in es
        for r in e.items
    ]


def _comparison(c: Comparison) -> list[Record]:
    out = []
    for row in c.rows:
        for s in row.standings:
            record: Record = {
                "assignment": row.assignment,
                "assignee": row.assignee,
                "name": row.name,
                "post": row.post,
                "unit": row.unit,
                "period": row.period,
                "peer_group": row.peer_group,
                "scheme": s.scheme,
                "total": s.total,
                "total_float": float(s.total),
                "score": s.score,
                "band": s.band.name,
                "rated": s.rated.name,
                "rating": s.rating.name,
                "referred": s.referred,
                "changed": row.changed,
                "adverse": s.adverse,
            }
            for rule, action in s.actions:
                record[f"action:{rule}"] = None if action is None else action.value
            out.append(record)
    return out


def _sweep(s: Sweep) -> list[Record]:
    return [
        {
            "scheme": s.scheme,
            "parameter": s.parameter.name,
            "value": _shown(p.value),
            "value_float": None if isinstance(p.value, FallThrough) else float(p.value),
            "rating": rating.name,
            "count": count,
            "count_before_quota": dict(p.rated_counts)[rating],
        }
        for p in s.points
        for rating, count in p.counts
    ]


def _recommendations(rs: list[Recommendation], people: Mapping[str, Person]) -> list[Record]:
    return [
        {
            "cadre": r.cadre,
            **_person(people, r.cadre),
            "rule": r.rule,
            "action": r.action.value,
            "automatic_action": r.automatic_action.value,
            "adverse": r.adverse,
            "clause": r.clause.en,
            "legal_basis": "; ".join(r.legal_basis),
            "triggered_by": ", ".join(f"{t.period} {t.rating.name}" for t in r.triggered_by),
        }
        for r in rs
    ]


def _progress(ps: list[Progress]) -> list[Record]:
    return [
        {
            "assignment": p.assignment,
            "as_of": p.as_of,
            "item": i.item,
            "status": i.status.value,
            "expected": i.expected,
            "observed": i.observed,
            "forecast": i.forecast,
            "deadline": i.deadline,
            "stale": i.stale,
        }
        for p in ps
        for i in p.items
    ]


_ONE: Mapping[type, Callable[[Any, Mapping[str, Person], bool], list[Record]]] = {
    Comparison: lambda c, people, items: _comparison(c),
    Sweep: lambda s, people, items: _sweep(s),
}
_MANY: Mapping[type, Callable[[list[Any], Mapping[str, Person], bool], list[Record]]] = {
    Evaluation: _evaluations,
    Recommendation: lambda rs, people, items: _recommendations(rs, people),
    Progress: lambda ps, people, items: _progress(ps),
}


def frame_of(
    data: object, *, cohort: Cohort | None = None, lang: str = "en", items: bool = False
) -> pd.DataFrame:
    """A tidy pandas DataFrame of khoan results.

    Args:
        data: A :class:`Comparison` (one row per assignment and scheme), a
            :class:`Sweep` (one row per value and rating), or one or many
            :class:`~khoan.Evaluation` (one row each, or per item with
            ``items=True``), :class:`~khoan.consequences.Recommendation` or
            :class:`~khoan.progress.Progress` (one row per item).
        cohort: Joins names, posts and units to evaluations and recommendations.
        lang: ``"en"`` (column ids) or ``"vi"`` (Vietnamese headers).
        items: For evaluations: one row per item result.

    Returns:
        The frame; exact columns hold Decimal or Fraction values, and the
        columns named ``*_float`` hold floats, for plotting only.

    Raises:
        InvalidValue: Data of another kind, mixed kinds, or an unknown ``lang``.

    """
    if lang not in ("vi", "en"):
        raise InvalidValue("lang", lang, "'vi' or 'en'")
    people = people_of(cohort) if cohort is not None else {}
    expected = "a Comparison, a Sweep, or Evaluations, Recommendations or Progress"
    maker_one = _ONE.get(type(data))
    if maker_one is not None:
        records = maker_one(data, people, items)
    else:
        many = [data] if type(data) in _MANY else list(data) if isinstance(data, Iterable) else None
        if many is None or not many:
            raise InvalidValue("data", data, expected)
        kinds = {type(x) for x in many}
        kind = kinds.pop()
        if kinds or kind not in _MANY:
            raise InvalidValue("data", data, f"{expected}, all of one kind")
        records = _MANY[kind](many, people, items)
    frame = pd.DataFrame.from_records(records)
    if lang == "vi":
        frame = frame.rename(columns=lambda c: VIETNAMESE.get(c, c))
    return frame
