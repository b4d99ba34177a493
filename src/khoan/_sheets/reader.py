"""From sheets of cells to a dossier or a cohort, every problem named by sheet, row and column."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from khoan._facts.assignment import Assignee, Assignment
from khoan._facts.council import Council, Criterion, Member, MemberRole, Scoresheet
from khoan._facts.dossier import Cohort, Dossier
from khoan._facts.items import Direction, Indicator, Item, Task
from khoan._facts.org import Cadre
from khoan._facts.period import Period
from khoan._facts.report import Outcome, Report
from khoan._sheets.cells import (
    Cell,
    CellProblem,
    fold,
    fold_name,
    parse_bool,
    parse_date,
    parse_number,
    text_of,
)
from khoan._sheets.layout import LAYOUT, Sheet, column_letter
from khoan.exceptions import (
    DuplicateId,
    FieldError,
    InvalidValue,
    KhoanError,
    UnknownReference,
    WeightMismatch,
    flatten,
)

__all__ = ["Reading", "cell_path", "read_tables"]

Tables = Mapping[str, Sequence[Sequence[Cell]]]


def cell_path(sheet: str, row: int, column: int | None = None, header: str = "") -> str:
    """The path of a cell in a problem: ``'Nhiệm vụ'!H5 [Trọng số]`` (row 1-based).

    >>> cell_path("Nhiệm vụ", 5, 7, "Trọng số")
    "'Nhiệm vụ'!H5 [Trọng số]"
    """
    where = f"'{sheet}'!{'' if column is None else column_letter(column)}{row}"
    return f"{where} [{header}]" if header else where


CELL_PATH = re.compile(r"^'(?P<sheet>.+)'!(?P<column>[A-Z]*)(?P<row>\d+)( \[(?P<header>.*)\])?")


@attrs.frozen
class Row:
    """One row of a sheet, its cells by column key, and where each came from."""

    sheet: str
    number: int
    cells: Mapping[str, tuple[int, str, Cell]]  # key -> (column index, header, cell)

    def path(self, key: str) -> str:
        if key in self.cells:
            column, header, _ = self.cells[key]
            return cell_path(self.sheet, self.number, column, header)
        return cell_path(self.sheet, self.number)

    def raw(self, key: str) -> Cell:
        cell = self.cells.get(key, (0, "", None))[2]
        return None if isinstance(cell, str) and not cell.strip() else cell

    def text(self, key: str) -> str:
        return text_of(self.raw(key))


@attrs.frozen
class Reading:
    """What a workbook gave: the document (if every cell was sound), the rows kept, the problems.

    Attributes:
        document: The dossier (one assignment) or cohort (several), or ``None``
            when there are problems.
        kept: For each sheet key (``"items"``, ``"scores"``, ...), the facts
            read from its sound rows, in order; a row with a problem is left
            out here and named in ``problems``, the others are all kept.
        problems: Every problem, each with the cell's sheet, row and column
            in its path (``'Nhiệm vụ'!H5 [Trọng số]``), the value and what
            was expected.

    """

    document: Dossier | Cohort | None
    kept: Mapping[str, tuple[Any, ...]]
    problems: tuple[FieldError, ...]


class _Collector:
    def __init__(self) -> None:
        self.problems: list[FieldError] = []

    def add(self, error: FieldError) -> None:
        self.problems.append(error)


def _rows(sheet: Sheet, name: str, grid: Sequence[Sequence[Cell]], out: _Collector) -> list[Row]:
    if not grid:
        return []
    headers = [text_of(c) for c in grid[0]]
    by_name = {n: col for col in sheet.columns for n in col.names()}
    found: dict[str, tuple[int, str]] = {}
    for index, header in enumerate(headers):
        if not header:
            continue
        column = by_name.get(fold(header))
        if column is None:
            out.add(InvalidValue(cell_path(name, 1, index), header,
                                 f"a column of the {sheet.vi} sheet: "
                                 + ", ".join(c.vi for c in sheet.columns)))  # fmt: skip
        elif column.key in found:
            out.add(DuplicateId(cell_path(name, 1, index), header, "each column once"))
        else:
            found[column.key] = (index, header)
    missing = [c for c in sheet.columns if c.required and c.key not in found]
    for column in missing:
        out.add(InvalidValue(cell_path(name, 1), "", f"a column {column.vi!r} ({column.en})"))
    if missing:
        return []
    rows = []
    for number, cells in enumerate(grid[1:], start=2):
        if all(text_of(c) == "" for c in cells):
            continue
        rows.append(
            Row(
                name,
                number,
                {
                    key: (index, header, cells[index] if index < len(cells) else None)
                    for key, (index, header) in found.items()
                },
            )
        )
    return rows


class _RowReader:
    """Reads the fields of one row; a bad cell is recorded and the row marked bad."""

    def __init__(self, row: Row, out: _Collector) -> None:
        self.row, self.out, self.ok = row, out, True

    def fail(self, key: str, expected: str, error: type[FieldError] = InvalidValue) -> None:
        self.ok = False
        self.out.add(error(self.row.path(key), self.row.text(key), expected))

    def get(self, key: str, parse: Callable[[Cell], Any], *, required: bool = False) -> Any:
        cell = self.row.raw(key)
        if cell is None:
            if required:
                self.fail(key, "a value (this column is required)")
            return None
        try:
            return parse(cell)
        except CellProblem as problem:
            self.fail(key, problem.expected)
            return None

    def text(self, key: str, *, required: bool = False) -> str | None:
        return self.get(key, text_of, required=required)  # type: ignore[no-any-return]


_DIRECTIONS = {
    "cao": Direction.HIGHER_IS_BETTER, "cao hon la tot": Direction.HIGHER_IS_BETTER,
    "tang": Direction.HIGHER_IS_BETTER, "higher": Direction.HIGHER_IS_BETTER,
    "higher is better": Direction.HIGHER_IS_BETTER, "↑": Direction.HIGHER_IS_BETTER,
    "thap": Direction.LOWER_IS_BETTER, "thap hon la tot": Direction.LOWER_IS_BETTER,
    "giam": Direction.LOWER_IS_BETTER, "lower": Direction.LOWER_IS_BETTER,
    "lower is better": Direction.LOWER_IS_BETTER, "↓": Direction.LOWER_IS_BETTER,
}  # fmt: skip
_ROLES = {
    "chu tich": MemberRole.CHAIR, "chair": MemberRole.CHAIR,
    "pho chu tich": MemberRole.VICE_CHAIR, "vice chair": MemberRole.VICE_CHAIR,
    "uy vien": MemberRole.MEMBER, "thanh vien": MemberRole.MEMBER, "member": MemberRole.MEMBER,
    "thu ky": MemberRole.SECRETARY, "secretary": MemberRole.SECRETARY,
}  # fmt: skip
_KINDS = {"chi tieu": "indicator", "indicator": "indicator", "nhiem vu": "task", "task": "task"}


def _choice(table: Mapping[str, Any], expected: str) -> Callable[[Cell], Any]:
    def parse(cell: Cell) -> Any:
        folded = fold(text_of(cell))
        if folded in table:
            return table[folded]
        raise CellProblem(expected)

    return parse


def _period(cell: Cell) -> Period:
    try:
        return Period.parse(text_of(cell))
    except KhoanError:
        raise CellProblem("a period: 2022, 2022-Q3 or 2022-07") from None


def _matcher(
    things: Sequence[tuple[str, str]],
) -> Callable[[str], str | None]:
    """Match an id or a name (case and spacing aside) to an id; ``None`` if none or several."""
    ids = {i for i, _ in things}
    names: dict[str, set[str]] = {}
    for i, name in things:
        names.setdefault(fold_name(name), set()).add(i)

    def match(text: str) -> str | None:
        if text in ids:
            return text
        found = names.get(fold_name(text), set())
        return next(iter(found)) if len(found) == 1 else None

    return match


def read_tables(tables: Tables) -> Reading:
    """Read a workbook given as sheets of cells (first row: the headers).

    Args:
        tables: Sheet name -> rows of cells. Sheets are recognised by their
            Vietnamese or English name (accents and case aside); others are
            ignored (a results sheet, notes).

    Returns:
        A :class:`Reading`.

    """
    out = _Collector()
    sheets: dict[str, list[Row]] = {s.key: [] for s in LAYOUT}
    present: set[str] = set()
    for sheet in LAYOUT:
        for name, grid in tables.items():
            if fold(name) in sheet.names():
                sheets[sheet.key] = _rows(sheet, name, grid, out)
                present.add(sheet.key)
    for sheet in LAYOUT:
        if sheet.required and sheet.key not in present:
            out.add(
                InvalidValue(f"'{sheet.vi}'", "", f"a sheet named {sheet.vi!r} or {sheet.en!r}")
            )
    kept: dict[str, list[Any]] = {s.key: [] for s in LAYOUT}

    # Cán bộ
    cadres: list[Cadre] = []
    for row in sheets["cadres"]:
        r = _RowReader(row, out)
        fields = {k: r.text(k, required=True) for k in ("id", "name", "post", "unit")}
        appointed = r.get("appointed_on", parse_date)
        group = r.text("peer_group")
        if r.ok:
            cadre = _build(
                r, "id", Cadre, fields["id"], name=fields["name"], post=fields["post"],
                unit=fields["unit"], appointed_on=appointed,
                **({"peer_group": group} if group else {}),
            )  # fmt: skip
            if cadre is not None:
                cadres.append(cadre)
    kept["cadres"] = list(cadres)
    cadre_of = _matcher([(c.id, c.name) for c in cadres])

    # Giao việc
    heads: dict[str, tuple[Row, dict[str, Any]]] = {}
    for row in sheets["assignments"]:
        r = _RowReader(row, out)
        head: dict[str, Any] = {
            "id": r.text("id", required=True),
            "issuer": r.text("issuer", required=True),
            "assignee": r.text("assignee", required=True),
            "period": r.get("period", _period, required=True),
            "issued_on": r.get("issued_on", parse_date, required=True),
            "title": r.text("title") or "",
            "total_weight": r.get("total_weight", parse_number),
            "report_on": r.get("report_on", parse_date),
        }
        if head["assignee"] is not None:
            who = cadre_of(head["assignee"]) if cadres else head["assignee"]
            if who is None:
                r.fail("assignee", "the id or name of one cadre of the Cán bộ sheet",
                       UnknownReference)  # fmt: skip
            head["assignee"] = who
        if head["id"] in heads:
            r.fail("id", "an assignment id used once", DuplicateId)
        if r.ok:
            heads[head["id"]] = (row, head)
            kept["assignments"].append(dict(head))

    def assignment_of(r: _RowReader) -> str | None:
        text = r.text("assignment", required=True)
        if text is not None and text not in heads:
            known = ", ".join(heads) or "none"
            r.fail("assignment", f"the id of an assignment of the Giao việc sheet ({known})",
                   UnknownReference)  # fmt: skip
        return text

    # Nhiệm vụ
    items: dict[str, list[tuple[Row, Item]]] = {a: [] for a in heads}
    weights: dict[str, list[Decimal | None]] = {a: [] for a in heads}
    incomplete: set[str] = set()  # assignments with an item row left out
    declared: dict[str, set[str]] = {a: set() for a in heads}  # item ids, sound rows or not
    for row in sheets["items"]:
        r = _RowReader(row, out)
        assignment = assignment_of(r)
        item_id, title = r.text("id", required=True), r.text("title", required=True)
        target = r.get("target", parse_number)
        kind = r.get("kind", _choice(_KINDS, "chỉ tiêu (indicator) or nhiệm vụ (task)"))
        kind = kind or ("indicator" if target is not None else "task")
        weight = r.get("weight", parse_number, required=True)
        deadline = r.get("deadline", parse_date)
        measure = r.text("measure") or ""
        direction = r.get("direction", _choice(
            _DIRECTIONS, "cao (higher is better) or thấp (lower is better)"))  # fmt: skip
        baseline = r.get("baseline", parse_number)
        if kind == "indicator":
            if target is None and r.row.raw("target") is None:
                r.fail("target", "a target: this item is an indicator")
            if direction is None and r.row.raw("direction") is None:
                r.fail(
                    "direction",
                    "a direction for this indicator: cao (higher is better) or thấp (lower is"
                    " better); khoan never guesses it",
                )
        if assignment in weights:
            weights[assignment].append(weight)
            if item_id is not None:
                declared[assignment].add(item_id)
        if not r.ok and assignment in heads:
            incomplete.add(assignment)
        if r.ok and assignment in items:
            if any(i.id == item_id for _, i in items[assignment]):
                r.fail("id", f"an item id used once in assignment {assignment}", DuplicateId)
                continue
            common: dict[str, Any] = {"title": title, "weight": weight, "deadline": deadline}
            if kind == "indicator":
                common.update(target=target, direction=direction, measure=measure)
                if baseline is not None:
                    common["baseline"] = baseline
            built: Item | None = _build(
                r, "id", Indicator if kind == "indicator" else Task, item_id, **common
            )
            if built is not None:
                items[assignment].append((row, built))
                kept["items"].append(built)
            else:
                incomplete.add(assignment)

    # Kết quả
    outcomes: dict[str, list[tuple[Row, Outcome]]] = {a: [] for a in heads}
    for row in sheets["outcomes"]:
        r = _RowReader(row, out)
        assignment = assignment_of(r)
        item_id = r.text("item", required=True)
        actual = r.get("actual", parse_number)
        done = r.get("done", parse_bool)
        completed = r.get("completed_on", parse_date)
        note = r.text("note") or ""
        if r.ok and assignment in items:
            if item_id not in declared[assignment]:
                r.fail("item", f"the id of an item of assignment {assignment}", UnknownReference)
                continue
            outcome = _build(
                r, "item", Outcome, item_id, actual=actual, done=done, completed_on=completed,
                note=note,
            )  # fmt: skip
            if outcome is not None:
                outcomes[assignment].append((row, outcome))
                kept["outcomes"].append(outcome)

    # Hội đồng
    members: list[Member] = []
    sits_on: dict[str, set[str] | None] = {}  # member id -> assignments (None: every one)
    council_name = ""
    for row in sheets["council"]:
        r = _RowReader(row, out)
        member_id, member_name = r.text("id", required=True), r.text("name", required=True)
        role = r.get("role", _choice(_ROLES, "chủ tịch, phó chủ tịch, ủy viên or thư ký"))
        cadre = r.text("cadre")
        if cadre is not None and cadres and cadre_of(cadre) is None:
            r.fail("cadre", "the id or name of a cadre of the Cán bộ sheet", UnknownReference)
        on = assignment_of(r) if r.row.raw("assignment") is not None else None
        council_name = council_name or (r.text("council") or "")
        if not r.ok:
            continue
        member = _build(
            r, "id", Member, member_id, name=member_name, role=role or MemberRole.MEMBER,
            cadre=cadre_of(cadre) if cadre and cadres else cadre,
        )  # fmt: skip
        if member is None:
            continue
        known = next((m for m in members if m.id == member.id), None)
        if known is None:
            members.append(member)
            sits_on[member.id] = None if on is None else {on}
        elif known != member or on is None or sits_on[member.id] is None:
            r.fail("id", "a member id used once (or, on rows of several assignments, each"
                   " time with the same name, role and cadre)", DuplicateId)  # fmt: skip
        else:
            sits_on[member.id].add(on)  # type: ignore[union-attr]
    kept["council"] = list(members)
    member_of = _matcher([(m.id, m.name) for m in members])

    # Tiêu chí
    criteria: list[Criterion] = []
    for row in sheets["criteria"]:
        r = _RowReader(row, out)
        criterion_id, title = r.text("id", required=True), r.text("title", required=True)
        maximum = r.get("maximum", parse_number, required=True)
        if r.ok and any(c.id == criterion_id for c in criteria):
            r.fail("id", "a criterion id used once", DuplicateId)
        if r.ok:
            criterion = _build(r, "id", Criterion, criterion_id, title=title, maximum=maximum)
            if criterion is not None:
                criteria.append(criterion)
    kept["criteria"] = list(criteria)
    criterion_ids = {c.id for c in criteria}

    # Điểm hội đồng
    scores: dict[str, dict[str, dict[str, tuple[Row, Decimal]]]] = {a: {} for a in heads}
    for row in sheets["scores"]:
        r = _RowReader(row, out)
        assignment = assignment_of(r)
        who, item_id = r.text("member", required=True), r.text("item", required=True)
        points = r.get("points", parse_number, required=True)
        member = member_of(who) if who is not None else None
        if who is not None and member is None:
            names = ", ".join(m.name for m in members) or "none: the Hội đồng sheet is empty"
            r.fail("member", f"the name or id of a council member ({names})", UnknownReference)
        elif (
            member is not None
            and sits_on[member] is not None
            and (
                assignment not in sits_on[member]  # type: ignore[operator]
            )
        ):
            r.fail("member", f"a member of the council for {assignment}", UnknownReference)
        if (
            assignment in items
            and item_id not in declared[assignment]
            and item_id not in criterion_ids
        ):
            r.fail("item", f"the id of an item of assignment {assignment} or of a criterion",
                   UnknownReference)  # fmt: skip
        if r.ok and assignment in scores and member is not None and item_id is not None:
            scored = scores[assignment].setdefault(member, {})
            if item_id in scored:
                r.fail("item", f"one score per member and item ({who}, {item_id})", DuplicateId)
                continue
            scored[item_id] = (row, points)
            kept["scores"].append((assignment, member, item_id, points))

    def council_for(assignment: str) -> Council | None:
        on = [m for m in members if sits_on[m.id] is None or assignment in sits_on[m.id]]  # type: ignore[operator]
        if not on:
            return None
        return _build_council(on, council_name, criteria, sheets["council"], out)

    # Hồ sơ
    dossiers: list[Dossier] = []
    for assignment_id, (row, head) in heads.items():
        if assignment_id in incomplete:
            # Some item rows were left out: the assignment cannot be built, but its
            # weights can still be checked against the declared total.
            found = weights[assignment_id]
            total = head["total_weight"]
            sound = [w for w in found if w is not None]
            if total is not None and len(sound) == len(found) and sum(sound) != total:
                expected = f"the sum of the item weights, {sum(sound)}"
                out.add(
                    WeightMismatch(row.path("total_weight"), row.text("total_weight"), expected)
                )
            continue
        council = council_for(assignment_id) if scores[assignment_id] else None
        dossier = _dossier(
            row, head, items[assignment_id], outcomes[assignment_id], scores[assignment_id],
            council, cadres, len(heads) == 1, out,
        )  # fmt: skip
        if dossier is not None:
            dossiers.append(dossier)
    document: Dossier | Cohort | None = None
    if not out.problems:
        try:
            document = dossiers[0] if len(dossiers) == 1 else Cohort(dossiers, cadres=cadres)
        except KhoanError as err:
            for problem in flatten([err]):
                out.add(problem.with_prefix("'Giao việc'"))
    return Reading(
        document if not out.problems else None,
        {k: tuple(v) for k, v in kept.items()},
        tuple(out.problems),
    )


def _build(r: _RowReader, key: str, make: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Make a fact from a row's values; a refusal is the row's problem, at its cell if known."""
    try:
        return make(*args, **kwargs)
    except KhoanError as err:
        for problem in flatten([err]):
            field = problem.path.split(".")[0].split("[")[0]
            place = r.row.path(field) if field in r.row.cells else r.row.path(key)
            detail = "" if field in r.row.cells else f" ({problem.path})"
            r.ok = False
            r.out.add(type(problem)(place + detail, problem.value, problem.expected))
        return None


def _build_council(
    members: list[Member], name: str, criteria: list[Criterion], rows: list[Row], out: _Collector
) -> Council | None:
    try:
        return Council(
            "hoi-dong", name=name or "Hội đồng tư vấn", members=members, criteria=criteria
        )
    except KhoanError as err:
        for problem in flatten([err]):
            match = re.match(r"members\[(\d+)\]\.?(\w*)", problem.path)
            row = rows[int(match[1])] if match else rows[0]
            key = match[2] if match and match[2] in row.cells else "id"
            out.add(type(problem)(row.path(key), problem.value, problem.expected))
        return None


def _dossier(
    row: Row,
    head: dict[str, Any],
    items: list[tuple[Row, Item]],
    outcomes: list[tuple[Row, Outcome]],
    scores: dict[str, dict[str, tuple[Row, Decimal]]],
    council: Council | None,
    cadres: list[Cadre],
    alone: bool,
    out: _Collector,
) -> Dossier | None:
    if not items:
        out.add(InvalidValue(row.path("id"), head["id"], "an assignment with items on the"
                             " Nhiệm vụ sheet"))  # fmt: skip
        return None
    try:
        assignment = Assignment(
            head["id"], issuer=head["issuer"], assignee=Assignee.cadre(head["assignee"]),
            period=head["period"], issued_on=head["issued_on"], title=head["title"],
            items=[i for _, i in items], total_weight=head["total_weight"],
        )  # fmt: skip
    except KhoanError as err:
        for problem in flatten([err]):
            out.add(_place(problem, row, items, outcomes, scores))
        return None
    report = None
    if outcomes:
        if head["report_on"] is None:
            out.add(InvalidValue(row.path("report_on"), "", "the report's date: outcomes are"
                                 " given for this assignment"))  # fmt: skip
            return None
        report = Report(submitted_on=head["report_on"], outcomes=[o for _, o in outcomes])
    if scores and council is None:
        first = next(iter(next(iter(scores.values())).values()))[0]
        out.add(InvalidValue(first.path("member"), first.text("member"),
                             "council members listed on the Hội đồng sheet"))  # fmt: skip
        return None
    criterion_ids = {c.id for c in council.criteria} if council else set()
    scoresheets = [
        Scoresheet(
            member,
            items={i: p for i, (_, p) in by_item.items() if i not in criterion_ids},
            criteria={i: p for i, (_, p) in by_item.items() if i in criterion_ids},
        )
        for member, by_item in scores.items()
    ]
    try:
        return Dossier(
            assignment, report=report, council=council if scores else None,
            scoresheets=scoresheets, **({"cadres": cadres} if alone else {}),
        )  # fmt: skip
    except KhoanError as err:
        for problem in flatten([err]):
            out.add(_place(problem, row, items, outcomes, scores))
    return None


def _place(
    problem: FieldError,
    row: Row,
    items: list[tuple[Row, Item]],
    outcomes: list[tuple[Row, Outcome]],
    scores: dict[str, dict[str, tuple[Row, Decimal]]],
) -> FieldError:
    """Put a problem found across rows at the cell it is about (else the assignment's row)."""
    path = problem.path.removeprefix("assignment.")
    if isinstance(problem, WeightMismatch):
        expected = f"the sum of the item weights, {problem.value}"
        return type(problem)(row.path("total_weight"), row.text("total_weight"), expected)
    if m := re.match(r"items\[(\d+)\]\.?(\w*)", path):
        item_row = items[int(m[1])][0]
        key = m[2] if m[2] in item_row.cells else "id"
        return type(problem)(item_row.path(key), problem.value, problem.expected)
    if m := re.match(r"report\.outcomes\[(\d+)\]\.?(\w*)", path):
        outcome_row = outcomes[int(m[1])][0]
        key = m[2] if m[2] in outcome_row.cells else "item"
        return type(problem)(outcome_row.path(key), problem.value, problem.expected)
    if m := re.match(r"scoresheets\[(\d+)\]\.(?:items|criteria)\.?\[?\"?([^\"\]]*)", path):
        by_item = list(scores.values())[int(m[1])]
        if m[2] in by_item:
            return type(problem)(by_item[m[2]][0].path("points"), problem.value, problem.expected)
    if path in ("issued_on", "period", "issuer", "assignee", "title"):
        return type(problem)(row.path(path), problem.value, problem.expected)
    return type(problem)(f"{row.path('id')} ({problem.path})", problem.value, problem.expected)
