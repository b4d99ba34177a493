"""From a dossier or cohort (and its results) to sheets of cells, in the workbook layout."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from khoan._base.convert import decimal_of
from khoan._cohort.quota import apply_quota
from khoan._evaluation.evaluate import evaluate_dossier
from khoan._facts.dossier import Cohort, Dossier
from khoan._facts.items import Direction, Indicator
from khoan._schemes.scheme import Scheme
from khoan._sheets.cells import Cell
from khoan._sheets.layout import LAYOUT, Sheet

__all__ = ["RESULTS_SHEET", "choices", "document_tables", "notes", "results_table"]

RESULTS_SHEET = "Kết quả đánh giá"

_ROLE_VI = {"chair": "chủ tịch", "vice_chair": "phó chủ tịch", "member": "ủy viên",
            "secretary": "thư ký"}  # fmt: skip


def _sheet(key: str) -> Sheet:
    return next(s for s in LAYOUT if s.key == key)


def _header(key: str) -> list[Cell]:
    return [c.vi for c in _sheet(key).columns]


def notes() -> dict[str, list[str]]:
    """Sheet name -> the note on each header (English name, required, how to fill it)."""
    out = {}
    for sheet in LAYOUT:
        out[sheet.vi] = [
            f"{c.en}{' (bắt buộc / required)' if c.required else ''}"
            + (f": {c.note}" if c.note else "")
            for c in sheet.columns
        ]
    return out


def choices() -> dict[tuple[str, int], list[str]]:
    """The drop-down lists of the template: kind, direction, done, role."""
    out: dict[tuple[str, int], list[str]] = {}
    lists = {
        ("items", "kind"): ["chỉ tiêu", "nhiệm vụ"],
        ("items", "direction"): ["cao", "thấp"],
        ("outcomes", "done"): ["có", "không"],
        ("council", "role"): ["chủ tịch", "phó chủ tịch", "ủy viên", "thư ký"],
    }
    for (sheet_key, column_key), values in lists.items():
        sheet = _sheet(sheet_key)
        index = [c.key for c in sheet.columns].index(column_key)
        out[(sheet.vi, index)] = values
    return out


def template_tables() -> dict[str, list[list[Cell]]]:
    """An empty workbook: every sheet with its Vietnamese headers."""
    return {sheet.vi: [_header(sheet.key)] for sheet in LAYOUT}


def document_tables(document: Dossier | Cohort) -> dict[str, list[list[Cell]]]:
    """A document's facts in the layout (what the layout has columns for)."""
    dossiers = document.dossiers if isinstance(document, Cohort) else (document,)
    cadres = document.cadres
    tables = template_tables()
    t = {s.key: tables[s.vi] for s in LAYOUT}
    for c in cadres:
        t["cadres"].append([c.id, c.name, c.post, c.unit, c.appointed_on, c.peer_group or None])
    councils = [(d.assignment.id, d.council) for d in dossiers if d.council is not None]
    everywhere = len(councils) == len(dossiers)
    listed: list[tuple[Any, str | None]] = []
    for assignment_id, council in councils:
        for m in council.members:
            on_all = everywhere and all(m in c.members for _, c in councils)
            if (m, None) in listed:
                continue
            listed.append((m, None if on_all else assignment_id))
    name = councils[0][1].name if councils else None
    for criterion in councils[0][1].criteria if councils else ():
        t["criteria"].append([criterion.id, criterion.title, criterion.maximum])
    for m, only_on in listed:
        t["council"].append([m.id, m.name, _ROLE_VI[m.role.value], m.cadre, name, only_on])
    for d in dossiers:
        a = d.assignment
        report_on = d.report.submitted_on if d.report else None
        t["assignments"].append(
            [a.id, a.issuer, a.assignee.id, str(a.period), a.issued_on, a.title or None,
             a.total_weight, report_on]
        )  # fmt: skip
        for item in a.items:
            if isinstance(item, Indicator):
                direction = "cao" if item.direction is Direction.HIGHER_IS_BETTER else "thấp"
                t["items"].append(
                    [a.id, item.id, item.title, "chỉ tiêu", item.target, item.measure or None,
                     direction, item.baseline, item.weight, item.deadline]
                )  # fmt: skip
            else:
                t["items"].append(
                    [a.id, item.id, item.title, "nhiệm vụ", None, None, None, None,
                     item.weight, item.deadline]
                )  # fmt: skip
        for o in d.report.outcomes if d.report else ():
            done = None if o.done is None else ("có" if o.done else "không")
            t["outcomes"].append([a.id, o.item, o.actual, done, o.completed_on, o.note or None])
        for s in d.scoresheets:
            for item_id, points in (*s.items.items(), *s.criteria.items()):
                t["scores"].append([a.id, s.member, item_id, points])
    return tables


def results_table(document: Dossier | Cohort, scheme: Scheme, lang: str) -> list[list[Cell]]:
    """The results a board files: one row per assignee with score, band, rating and why."""
    dossiers: Sequence[Dossier]
    if isinstance(document, Cohort):
        dossiers = document.dossiers
        evaluations = [evaluate_dossier(d, scheme=scheme, cohort=document) for d in dossiers]
        if scheme.quota is not None:
            evaluations = list(apply_quota(evaluations, scheme.quota).evaluations)
    else:
        dossiers = (document,)
        evaluations = [evaluate_dossier(document, scheme=scheme)]
    vi = lang == "vi"
    head: list[Cell] = (
        ["Mã giao việc", "Người được đánh giá", "Nhóm", "Tổng điểm", "Mức theo điểm",
         "Xếp loại", "Chuyển hội đồng", "Cách chấm", "Căn cứ"]
        if vi else
        ["Assignment", "Assignee", "Group", "Score", "Band", "Rating", "Referred", "Scheme",
         "Legal basis"]
    )  # fmt: skip
    rows: list[list[Any]] = [head]
    for e in evaluations:
        band, rating = (
            (e.band.vietnamese, e.rating.vietnamese) if vi else (e.band.name, e.rating.name)
        )
        referred = ("có" if vi else "yes") if e.referred else ("không" if vi else "no")
        rows.append(
            [e.assignment, e.assignee, e.peer_group, decimal_of(e.total, 2), band, rating,
             referred, e.scheme, "; ".join(e.legal_basis)]
        )  # fmt: skip
    return rows
