"""The workbook layout: which sheets, which columns, their names in Vietnamese and English."""

from __future__ import annotations

from typing import Final

import attrs

from khoan._sheets.cells import fold

__all__ = ["LAYOUT", "Column", "Sheet", "column_letter"]


@attrs.frozen
class Column:
    """A column of a sheet: its key, its headers in Vietnamese and English, other names."""

    key: str
    vi: str
    en: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    note: str = ""

    def names(self) -> set[str]:
        """Every header this column is recognised by, folded."""
        return {fold(n) for n in (self.vi, self.en, self.key, *self.aliases)}


@attrs.frozen
class Sheet:
    """A sheet of the workbook: its key, names, whether it must be there, its columns."""

    key: str
    vi: str
    en: str
    required: bool
    columns: tuple[Column, ...]
    note: str = ""

    def names(self) -> set[str]:
        """Every sheet name this sheet is recognised by, folded."""
        return {fold(self.vi), fold(self.en), fold(self.key)}


_ASSIGNMENT = Column(
    "assignment", "Mã giao việc", "Assignment", True, ("ma quyet dinh", "assignment id")
)

LAYOUT: Final = (
    Sheet(
        "cadres", "Cán bộ", "Cadres", False,
        (
            Column("id", "Mã cán bộ", "Cadre id", True, ("ma", "id")),
            Column("name", "Họ tên", "Name", True, ("ho va ten", "full name")),
            Column("post", "Chức vụ", "Post", True, ("chuc danh", "position")),
            Column("unit", "Đơn vị", "Unit", True, ("ma don vi", "co quan")),
            Column("appointed_on", "Ngày bổ nhiệm", "Appointed on"),
            Column("peer_group", "Nhóm so sánh", "Peer group", aliases=("nhom",)),
        ),
        "one row per cadre; assignees and council members are matched by id or name",
    ),
    Sheet(
        "assignments", "Giao việc", "Assignments", True,
        (
            Column("id", "Mã giao việc", "Assignment id", True, ("ma", "id", "assignment")),
            Column("issuer", "Cấp giao", "Issuer", True, ("don vi giao", "cap tren")),
            Column("assignee", "Người được giao", "Assignee", True,
                   note="a cadre's id or name (from the Cán bộ sheet)"),
            Column("period", "Kỳ", "Period", True, ("nam", "year"), "2022, 2022-Q3 or 2022-07"),
            Column("issued_on", "Ngày giao", "Issued on", True),
            Column("title", "Tên", "Title", aliases=("ten quyet dinh", "trich yeu")),
            Column("total_weight", "Tổng trọng số", "Total weight",
                   note="if given, the items' weights must add up to it"),
            Column("report_on", "Ngày báo cáo", "Report date", aliases=("report on",),
                   note="the date of the year-end report; needed when outcomes are given"),
        ),
        "one row per assignment (quyết định giao nhiệm vụ)",
    ),
    Sheet(
        "items", "Nhiệm vụ", "Items", True,
        (
            _ASSIGNMENT,
            Column("id", "Mã nhiệm vụ", "Item id", True, ("ma", "id", "stt", "item")),
            Column("title", "Nội dung", "Title", True, ("ten nhiem vu", "noi dung nhiem vu")),
            Column("kind", "Loại", "Kind",
                   note="chỉ tiêu (indicator) or nhiệm vụ (task); empty: an indicator if"
                   " it has a target"),
            Column("target", "Chỉ tiêu", "Target", aliases=("muc tieu",)),
            Column("measure", "Đơn vị tính", "Measure", aliases=("dvt", "unit of measure")),
            Column("direction", "Chiều", "Direction", aliases=("chieu danh gia",),
                   note="cao (higher is better) or thấp (lower is better); required for"
                   " indicators, never guessed"),
            Column("baseline", "Giá trị đầu kỳ", "Baseline", aliases=("dau ky",)),
            Column("weight", "Trọng số", "Weight", True, ("diem toi da", "diem chuan")),
            Column("deadline", "Thời hạn", "Deadline", aliases=("han", "han hoan thanh")),
        ),
        "one row per task or indicator",
    ),
    Sheet(
        "outcomes", "Kết quả", "Outcomes", False,
        (
            _ASSIGNMENT,
            Column("item", "Mã nhiệm vụ", "Item id", True, ("ma", "item")),
            Column("actual", "Kết quả đạt", "Actual", aliases=("ket qua", "gia tri dat")),
            Column("done", "Hoàn thành", "Done", note="có/không, for tasks"),
            Column("completed_on", "Ngày hoàn thành", "Completed on"),
            Column("note", "Ghi chú", "Note"),
        ),
        "one row per item reported on",
    ),
    Sheet(
        "council", "Hội đồng", "Council", False,
        (
            Column("id", "Mã thành viên", "Member id", True, ("ma", "id", "member id")),
            Column("name", "Họ tên", "Name", True, ("ho va ten",)),
            Column("role", "Vai trò", "Role",
                   note="chủ tịch, phó chủ tịch, ủy viên or thư ký; empty: ủy viên"),
            Column("cadre", "Mã cán bộ", "Cadre id", aliases=("cadre",)),
            Column("council", "Tên hội đồng", "Council name"),
            Column("assignment", "Mã giao việc", "Assignment", aliases=("assignment id",),
                   note="empty: the member sits on the council of every assignment; else only"
                   " on this assignment's"),
        ),
        "one row per council member (and assignment, for members of some councils only)",
    ),
    Sheet(
        "criteria", "Tiêu chí", "Criteria", False,
        (
            Column("id", "Mã tiêu chí", "Criterion id", True, ("ma", "id")),
            Column("title", "Nội dung", "Title", True, ("tieu chi",)),
            Column("maximum", "Điểm tối đa", "Maximum", True, ("diem chuan",)),
        ),
        "the council's general criteria (phẩm chất, đạo đức...), scored like items",
    ),
    Sheet(
        "scores", "Điểm hội đồng", "Council scores", False,
        (
            _ASSIGNMENT,
            Column("member", "Thành viên", "Member", True, ("nguoi cham",),
                   note="a member's id or name"),
            Column("item", "Mã nhiệm vụ", "Item id", True, ("ma", "item", "ma tieu chi"),
                   note="an item's id, or a criterion's id (Tiêu chí sheet)"),
            Column("points", "Điểm", "Points", True, ("diem cham",)),
        ),
        "one row per member, assignment and item scored",
    ),
)  # fmt: skip
"""The sheets of a khoan workbook, in order."""


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index.

    >>> column_letter(0), column_letter(25), column_letter(27)
    ('A', 'Z', 'AB')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
