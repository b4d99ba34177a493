"""Schemes: whole scoring policies as frozen values, and the regulation presets.

A :class:`Scheme` says how the facts become a rating: its parts (e.g. 30
points of general criteria and 70 of task results), the item rule for each
part, the rating bands, the extra conditions a rating needs, the vetoes that
cap it, what to do with missing data, and the one rounding step. Presets are
module-level constants that cite their source; whatever the sources leave
unsaid is listed in the preset's ``assumptions`` (and shown in every
evaluation), or is a required argument of a factory.

>>> QD_366_2025.name, [(p.id, p.maximum) for p in QD_366_2025.parts]
('qd-366-2025', [('general', Fraction(30, 1)), ('results', Fraction(70, 1))])
>>> QD_366_2025.band_for(Fraction(90)), QD_366_2025.band_for(Fraction(8999, 100))
(<Rating.EXCELLENT: 'excellent'>, <Rating.GOOD: 'good'>)

The six presets live together (past ~400 lines) so that their clauses can be read side
by side; each is a plain constant built from the parts in :mod:`khoan._schemes`.
"""

from __future__ import annotations

from fractions import Fraction

import attrs

from khoan._base.convert import to_date, to_fraction
from khoan._base.findings import Reason
from khoan._base.in_force import InForce
from khoan._base.rating import Rating
from khoan._base.registry import Registry
from khoan._facts.circumstances import Role
from khoan._facts.report import ExcuseKind
from khoan._schemes.conditions import (
    Condition,
    Measure,
    all_completed,
    all_on_time,
    share_arg,
    share_exceeded,
    share_late,
    share_on_time,
)
from khoan._schemes.eligibility import Eligibility, EligibilityCheck
from khoan._schemes.grounds import (
    criterion_poor,
    degraded,
    leadership_disciplined,
    subordinates_disciplined,
    unit_corruption,
)
from khoan._schemes.parts import Band, MissingData, Part, Rounding, Source
from khoan._schemes.quota import Quota, QuotaBase, QuotaScope
from khoan._schemes.readings import FailedReview, FallThrough, Reading, TaskExceeded
from khoan._schemes.roles import (
    for_roles,
    none_disciplined_below,
    shortcomings_remedied,
    subordinates_achieved,
    subordinates_good,
)
from khoan._schemes.scheme import Scheme, bands
from khoan._schemes.vetoes import Veto, completion_below, disciplined, key_item_missed
from khoan._scoring.aggregators import judging
from khoan.exceptions import InvalidValue
from khoan.scoring import ItemRule, council, deduct, done_or_not, fallback, linear, weighted

__all__ = [
    "EXCELLENT_20_PERCENT_OF_GOOD",
    "HANOI_3814_2018",
    "HANOI_A_30_PERCENT",
    "ND_90_2020",
    "ND_335_2025",
    "ND_335_EXCELLENT_20_PERCENT",
    "PRESETS",
    "QD_124_2023",
    "QD_366_2025",
    "QD_366_EXCELLENT_20_PERCENT",
    "VINH_PHUC_2021",
    "Band",
    "Condition",
    "Eligibility",
    "EligibilityCheck",
    "FailedReview",
    "FallThrough",
    "Measure",
    "MissingData",
    "Part",
    "Reading",
    "Rounding",
    "Scheme",
    "Source",
    "TaskExceeded",
    "Veto",
    "all_completed",
    "all_on_time",
    "bands",
    "completion_below",
    "criterion_poor",
    "degraded",
    "disciplined",
    "for_roles",
    "in_force",
    "key_item_missed",
    "leadership_disciplined",
    "nd_48_quota",
    "nd_335_2025",
    "none_disciplined_below",
    "qd_366_2025",
    "share_exceeded",
    "share_late",
    "share_on_time",
    "shortcomings_remedied",
    "subordinates_achieved",
    "subordinates_disciplined",
    "subordinates_good",
    "unit_corruption",
]


# ---------------------------------------------------------------------- quotas

EXCELLENT_20_PERCENT_OF_GOOD = Quota(
    rating=Rating.EXCELLENT,
    share=Fraction(1, 5),
    base=QuotaBase.GOOD_AFTER,
    legal_basis=(
        "QĐ 124-QĐ/TW (2023) Điều 12; HD 21-HD/BTCTW (2019)",
        "NĐ 335/2025/NĐ-CP Điều 20",
    ),
)
"""Excellent ≤ 20% of those rated Good, per peer group (chức danh tương đương)."""

QD_366_EXCELLENT_20_PERCENT = attrs.evolve(
    EXCELLENT_20_PERCENT_OF_GOOD,
    legal_basis=("QĐ 124-QĐ/TW (2023) Điều 12; HD 21-HD/BTCTW (2019)", "HD 43-HD/BTCTW (2025)"),
    assumptions=(
        Reason(
            "the 20% Excellent quota is UNCONFIRMED inside QĐ 366 itself: it is carried over "
            "from QĐ 124 Điều 12 and HD 21 (Excellent ≤ 20% of Good per group of similar "
            "posts); HD 43 speaks of a quota by group of similar positions without a figure "
            "in the sources read",
            "tỷ lệ 20% hoàn thành xuất sắc chưa xác minh được trong chính QĐ 366: kế thừa từ "
            "QĐ 124 Điều 12 và HD 21 (không quá 20% số hoàn thành tốt theo nhóm chức danh "
            "tương đương); HD 43 nêu tỷ lệ theo nhóm vị trí tương đồng nhưng nguồn đã đọc "
            "không có con số",
        ),
    ),
)
"""QĐ 366 preset's quota: Excellent ≤ 20% of Good per group, labelled UNCONFIRMED in QĐ 366."""

ND_335_EXCELLENT_20_PERCENT = attrs.evolve(
    EXCELLENT_20_PERCENT_OF_GOOD,
    scopes=(QuotaScope.PEER_GROUP, QuotaScope.AGENCY),
    legal_basis=("NĐ 335/2025/NĐ-CP Điều 20",),
    assumptions=(
        Reason(
            "NĐ 335 Điều 20 excepts organisations with outstanding results, but the "
            "exception's text is UNCONFIRMED (truncated in the sources): no exceptional share "
            "is set; give one with attrs.evolve(quota, exceptional_share=...) and name the "
            "agencies in apply_quota(..., exceptional=...)",
            "NĐ 335 Điều 20 có ngoại lệ cho cơ quan, tổ chức có thành tích nổi bật nhưng nội "
            "dung chưa xác minh được (nguồn bị cắt): không đặt tỷ lệ ngoại lệ; người dùng tự "
            "đặt exceptional_share và nêu cơ quan trong apply_quota(..., exceptional=...)",
        ),
    ),
)
"""NĐ 335 Điều 20: Excellent ≤ 20% of Good within each group of similar tasks and within
one agency (both); the exception for outstanding organisations is a parameter."""

HANOI_A_30_PERCENT = Quota(
    rating=Rating.EXCELLENT,
    share=Fraction(3, 10),
    base=QuotaBase.ALL_RATED,
    exceptional_share=Fraction(2, 5),
    legal_basis=("QĐ 3814-QĐ/TU (2018) of the Hà Nội Party Committee",),
)
"""Hà Nội: grade A ≤ 30% of those rated; 40% for units the competent body names as
having exceptional achievements (``apply_quota(..., exceptional=...)``)."""


def nd_48_quota(party_share: object) -> Quota:
    """NĐ 48/2023: the Excellent share among cadres, civil servants and public employees.

    The share rated Excellent, of all rated in the same agency and group, may
    not exceed the share of party members rated Excellent: that share is a
    fact of the year, so it is an argument, never a constant.

    Args:
        party_share: The share of party members rated Excellent (0 to 1).

    Raises:
        InvalidValue: A share outside 0 to 1.

    References:
        NĐ 48/2023/NĐ-CP amending NĐ 90/2020/NĐ-CP (regulations.md §3.3, §6 item 11).

    >>> nd_48_quota("0.15").allowed(good=10, candidates=4, rated=20)
    3

    """
    return Quota(
        Rating.EXCELLENT,
        share=share_arg(party_share, "party_share"),
        base=QuotaBase.PARTY_EXCELLENT_SHARE,
        legal_basis=("NĐ 48/2023/NĐ-CP (amending NĐ 90/2020/NĐ-CP)",),
    )


# ----------------------------------------------------------------------- presets

_STANDARD_BANDS = bands(
    (Rating.EXCELLENT, 90), (Rating.GOOD, 70), (Rating.ACHIEVED, 50), (Rating.NOT_ACHIEVED, 0)
)
_EXCUSED = (
    ExcuseKind.FORCE_MAJEURE,
    ExcuseKind.OBJECTIVE_CAUSE,
    ExcuseKind.SUPPORT_NOT_DELIVERED,
)
_EXCUSED_NOTE = Reason(
    "items carrying a confirmed excuse (force majeure, objective cause, support "
    "pledged by the issuer not delivered) are not held against the rating's "
    "conditions; the sources carve out force majeure (QĐ 124, QĐ 377) and objective "
    "causes (NĐ 335) but say nothing on this exact point",
    "chỉ tiêu, nhiệm vụ có lý do được xác nhận (bất khả kháng, nguyên nhân khách quan, "
    "cấp trên chưa bảo đảm hỗ trợ đã cam kết) không bị tính vào điều kiện xếp loại; "
    "văn bản chỉ loại trừ bất khả kháng (QĐ 124, QĐ 377) và nguyên nhân khách quan "
    "(NĐ 335), chưa quy định cụ thể điểm này",
)
_PRODUCT_NOTE = Reason(
    "each indicator or task is one product; a quantified indicator is completed "
    "when its target is reached",
    "mỗi chỉ tiêu, nhiệm vụ là một sản phẩm; chỉ tiêu định lượng hoàn thành khi đạt mức giao",
)
_COUNCIL_ITEMS = fallback(council(judging()), linear())
_COUNCIL_ITEMS_NOTE = Reason(
    "each item scores the advisory council's points (judging trim: 1+1 dropped at "
    "5-6 members, 2+2 at 7+) and, where no member scored it, its progress from "
    "baseline to target",
    "mỗi chỉ tiêu, nhiệm vụ lấy điểm của hội đồng tư vấn (bỏ 1 cao nhất và 1 thấp nhất "
    "khi có 5-6 thành viên, 2 và 2 khi từ 7 thành viên) và, nếu chưa ai chấm, theo mức "
    "tiến độ từ giá trị ban đầu đến chỉ tiêu",
)
_ROUNDING_NOTE = Reason(
    "the score is reported to 2 decimals, half up; the band uses the exact total",
    "điểm được làm tròn đến 2 chữ số thập phân; mức xếp loại theo tổng điểm chưa làm tròn",
)


_NOT_GIVEN_NOTE = Reason(
    "a rule whose fact is not given is reported as not checked, never passed or failed: "
    "a condition left unchecked refers the rating to the council when it decides the "
    "level; a ground for Not achieved whose fact is not given applies nothing, one "
    "raised on incomplete facts refers the rating to the council (khoan's reading)",
    "quy định thiếu thông tin để kiểm tra được ghi là chưa kiểm tra, không coi là đạt hay "
    "không đạt: điều kiện chưa kiểm tra được mà ảnh hưởng đến mức xếp loại thì chuyển hội "
    "đồng quyết định; trường hợp không hoàn thành chưa có thông tin thì không áp dụng, "
    "thông tin chưa đầy đủ thì chuyển hội đồng (cách hiểu của khoan)",
)
_ROLE_NOTE = Reason(
    "who is rated: a unit assignee is a collective; a cadre assignee is a leader when "
    "head of the unit (Cadre.is_head, true unless said), an individual otherwise, unless "
    "circumstances.role says (khoan's reading of the assignee facts)",
    "đối tượng xếp loại: giao cho đơn vị là tập thể; giao cho cá nhân là người lãnh đạo "
    "nếu là người đứng đầu (mặc định), cá nhân không giữ chức vụ nếu không, trừ khi "
    "circumstances.role quy định khác (cách hiểu của khoan)",
)


def _general(maximum: int, missing: MissingData | None = None) -> Part:
    return Part(
        "general",
        maximum=Fraction(maximum),
        source=Source.CRITERIA,
        aggregator=judging(),
        title="general criteria",
        title_vi="tiêu chí chung",
        missing=missing,
    )


def _results(maximum: int, rule: ItemRule) -> Part:
    return Part(
        "results",
        maximum=Fraction(maximum),
        source=Source.ITEMS,
        rule=rule,
        title="task results",
        title_vi="kết quả thực hiện nhiệm vụ",
    )


# Dates of effect (regulations.md, timeline note and §1-§3, §6 item 9). A preset is in
# force from ``since`` up to, not including, ``until``; an end the sources do not give is
# left open (None) and said to be UNCONFIRMED.
_VINH_PHUC_DATES = InForce(
    since="2021-09-22",
    until="2025-07-01",
    source="QĐ 371-QĐ/TU issued 22/9/2021; end: Vĩnh Phúc merged into Phú Thọ (ceremony "
    "30/6/2025), so khoan reads the pilot as ending on 1/7/2025 (khoan's reading: the pilot's "
    "own repeal is UNCONFIRMED)",
)
_QD_124_DATES = InForce(
    since="2023-10-04",
    until="2025-08-30",
    source="QĐ 124-QĐ/TW of 04/10/2023 (taken to apply from its date: the sources give no "
    "other); replaced by QĐ 366-QĐ/TW of 30/8/2025",
)
_QD_366_DATES = InForce(
    since="2025-08-30",
    source="QĐ 366-QĐ/TW of 30/8/2025, replacing QĐ 124-QĐ/TW (taken to apply from its "
    "date: the sources give no other); still in force",
)
_ND_90_DATES = InForce(
    since="2023-09-15",
    until="2026-01-01",
    source="the preset is NĐ 90/2020 as amended by NĐ 48/2023/NĐ-CP, in force 15/9/2023; "
    "for civil servants NĐ 335/2025/NĐ-CP replaces it from 1/1/2026 (whether NĐ 90 still "
    "governs public employees after that is UNCONFIRMED)",
)
_ND_335_DATES = InForce(
    since="2026-01-01",
    source="NĐ 335/2025/NĐ-CP of 21/12/2025, in force 1/1/2026 (replacing NĐ 90/2020 for "
    "civil servants)",
)
_HANOI_DATES = InForce(
    since="2018-05-16",
    source="QĐ 3814-QĐ/TU of 16/5/2018 (taken to apply from its date); no repeal found: "
    "its end is UNCONFIRMED and left open",
)


VINH_PHUC_2021 = Scheme(
    name="vinh-phuc-2021",
    title="Vĩnh Phúc pilot: the advisory council scores each indicator and task",
    version="1",
    legal_basis=("Quy định 371-QĐ/TU ngày 22/9/2021 của Ban Thường vụ Tỉnh ủy Vĩnh Phúc",),
    parts=(_results(100, fallback(council(judging()), done_or_not())),),
    bands=_STANDARD_BANDS,
    in_force=_VINH_PHUC_DATES,
    assumptions=(
        Reason(
            "QĐ 371's scale, bands and council rules are UNCONFIRMED: a 100-point scale "
            "and the national 90/70/50 bands are assumed",
            "thang điểm, mức xếp loại và cách chấm của hội đồng theo QĐ 371 chưa xác minh "
            "được: giả định thang 100 điểm và các mức 90/70/50 của quy định hiện hành",
        ),
        Reason(
            "each item scores the advisory council's points (judging trim); where no member "
            "scored it, a quantified item counts fully if its target was reached and 0 if "
            "not (the pilot judged indicators 'hoàn thành hay không hoàn thành')",
            "mỗi chỉ tiêu, nhiệm vụ lấy điểm của hội đồng tư vấn; nếu chưa ai chấm thì đạt "
            "chỉ tiêu được đủ điểm, không đạt được 0 điểm ('hoàn thành hay không hoàn thành')",
        ),
        _ROUNDING_NOTE,
    ),
)
"""The 2021 pilot (QĐ 371-QĐ/TU): council points per item; scale and bands assumed."""


QD_124_2023 = Scheme(
    name="qd-124-2023",
    title="QĐ 124-QĐ/TW (2023): review and rating of collectives and individuals",
    version="2",
    legal_basis=(
        "Quy định 124-QĐ/TW ngày 04/10/2023, Điều 12",
        "Hướng dẫn 25-HD/BTCTW ngày 10/11/2023",
    ),
    parts=(_results(100, _COUNCIL_ITEMS),),
    bands=_STANDARD_BANDS,
    in_force=_QD_124_DATES,
    vetoes=(
        disciplined(),
        completion_below("0.5", with_key_missed=True),
        criterion_poor(),
        for_roles(degraded(), Role.LEADER, Role.INDIVIDUAL),
        for_roles(leadership_disciplined(), Role.COLLECTIVE),
        for_roles(subordinates_disciplined("0.2"), Role.COLLECTIVE),
        for_roles(unit_corruption(self_detected_exception=True), Role.COLLECTIVE),
    ),
    assumptions=(
        Reason(
            "QĐ 124 rates by criteria, not points: a 100-point score of task results and "
            "the 90/70/50 bands of its successor QĐ 366 are assumed",
            "QĐ 124 xếp loại theo tiêu chí, không theo điểm: giả định thang 100 điểm kết quả "
            "thực hiện nhiệm vụ và các mức 90/70/50 của QĐ 366",
        ),
        _COUNCIL_ITEMS_NOTE,
        _ROUNDING_NOTE,
        Reason(
            "QĐ 124's grounds are read by who is rated, as listed: a criterion rated Kém for "
            "everyone; the leadership disciplined, more than 20% of subordinate units "
            "disciplined and a subordinate unit's corruption (unless self-detected and "
            "remedied) for a collective; a degradation conclusion for individuals. Internal "
            "disunity is not modelled (no fact for it)",
            "các trường hợp không hoàn thành của QĐ 124 áp dụng theo đối tượng: tiêu chí Kém "
            "cho mọi đối tượng; tập thể lãnh đạo bị kỷ luật, trên 20% tổ chức trực thuộc bị "
            "kỷ luật, đơn vị trực thuộc có tham nhũng (trừ tự phát hiện, khắc phục) cho tập "
            "thể; kết luận suy thoái cho cá nhân. Mất đoàn kết nội bộ chưa được mô hình hóa",
        ),
        _NOT_GIVEN_NOTE,
        _ROLE_NOTE,
    ),
    quota=EXCELLENT_20_PERCENT_OF_GOOD,
)
"""QĐ 124-QĐ/TW: under 50% completed with key items missed (bar force majeure), or
disciplined, means Not achieved; Excellent ≤ 20% of Good per group."""


def qd_366_2025(
    *,
    fall_through: FallThrough = FallThrough.REFER,
    failed_review: FailedReview = FailedReview.NOT_TO_STANDARD,
    task_exceeded: TaskExceeded = TaskExceeded.NEVER,
    general_required: bool = True,
) -> Scheme:
    """QĐ 366-QĐ/TW with khoan's readings as keyword parameters.

    Args:
        fall_through: When the band and a level's conditions disagree;
            default REFER, because the sources do not say and the rating
            decides a career (see :class:`FallThrough`).
        failed_review: Whether a product accepted after a failed review is
            "to standard"; default NOT_TO_STANDARD (khoan's reading).
        task_exceeded: Whether a task finished early counts toward the 30%
            exceeded; default NEVER (khoan's reading).
        general_required: Whether the 30 points of general criteria are
            required (default); False scales the total from the task results
            when no criterion was scored.

    References:
        QĐ 366-QĐ/TW Điều 11; HD 43-HD/BTCTW (regulations.md §3.2, §6 items 1-2).

    """
    return Scheme(
        name="qd-366-2025",
        title="QĐ 366-QĐ/TW (2025): 100 points = 30 general criteria + 70 task results",
        version="2",
        legal_basis=(
            "Quy định 366-QĐ/TW ngày 30/8/2025, Điều 11",
            "Hướng dẫn 43-HD/BTCTW ngày 31/10/2025",
        ),
        parts=(
            _general(30, None if general_required else MissingData.RENORMALISE),
            _results(70, _COUNCIL_ITEMS),
        ),
        bands=_STANDARD_BANDS,
        conditions=(
            (Rating.EXCELLENT, all_on_time(quality=True, exempt=_EXCUSED)),
            (Rating.EXCELLENT, share_exceeded("0.3", exempt=_EXCUSED)),
            (Rating.EXCELLENT, for_roles(none_disciplined_below(), Role.COLLECTIVE)),
            (Rating.EXCELLENT, shortcomings_remedied()),
            (Rating.GOOD, all_on_time(quality=True, exempt=_EXCUSED)),
            (Rating.ACHIEVED, all_completed(exempt=_EXCUSED)),
            (Rating.ACHIEVED, share_late("0.2", exempt=_EXCUSED)),
        ),
        vetoes=(disciplined(),),
        fall_through=fall_through,
        failed_review=failed_review,
        task_exceeded=task_exceeded,
        in_force=_QD_366_DATES,
        assumptions=(
            Reason(
                "the Not achieved wording of QĐ 366 is UNCONFIRMED: assumed to be below 50 "
                "points, or failing the conditions of Achieved (100% completed, at most 20% "
                "late) whatever the points, since each level is defined by its band and its "
                "conditions together, or disciplined in the period (as in QĐ 124 and NĐ 335)",
                "quy định mức không hoàn thành nhiệm vụ của QĐ 366 chưa xác minh được: giả định "
                "dưới 50 điểm, hoặc không đạt điều kiện của mức hoàn thành nhiệm vụ (100% nhiệm "
                "vụ hoàn thành, quá hạn không quá 20%) dù điểm cao hơn, vì mỗi mức gồm cả khung "
                "điểm và điều kiện, hoặc bị kỷ luật trong kỳ (như QĐ 124, NĐ 335)",
            ),
            _COUNCIL_ITEMS_NOTE,
            _EXCUSED_NOTE,
            Reason(
                "shares of items exceeded or late are counted by number of items",
                "tỷ lệ vượt, quá hạn tính theo số chỉ tiêu, nhiệm vụ",
            ),
            _ROUNDING_NOTE,
            Reason(
                "Excellent needs 'no subordinate unit or member of the leadership disciplined' "
                "for a collective, as Điều 11 k1 says; a leader is held to it through the rule "
                "that a head is rated no higher than the collective led (cap_by_collective, HD "
                "21-HD/BTCTW). '100% of shortcomings remedied' is applied to every role: the "
                "source text is truncated and which roles it binds is UNCONFIRMED",
                "mức xuất sắc yêu cầu 'không có đơn vị trực thuộc hoặc thành viên tập thể lãnh "
                "đạo bị kỷ luật' đối với tập thể như Điều 11 k1; người đứng đầu bị giới hạn qua "
                "quy định không xếp cao hơn tập thể (HD 21-HD/BTCTW). 'Đã khắc phục 100% hạn "
                "chế, khuyết điểm' áp dụng cho mọi đối tượng: văn bản trích dẫn bị cắt, đối "
                "tượng áp dụng chưa xác minh được",
            ),
            _NOT_GIVEN_NOTE,
            _ROLE_NOTE,
        ),
        quota=QD_366_EXCELLENT_20_PERCENT,
    )


QD_366_2025 = qd_366_2025()
"""QĐ 366-QĐ/TW: ≥ 90 Excellent (100% on time, ≥ 30% exceeded), 70-<90 Good (100% on
time), 50-<70 Achieved (100% completed, ≤ 20% late), below 50 Not achieved."""


ND_90_2020 = Scheme(
    name="nd-90-2020",
    title="NĐ 90/2020/NĐ-CP as amended by NĐ 48/2023/NĐ-CP: rating of cadres and civil servants",
    version="2",
    legal_basis=(
        "Nghị định 90/2020/NĐ-CP, Điều 3-4",
        "Nghị định 48/2023/NĐ-CP (disciplined in the year → Not achieved)",
    ),
    parts=(_results(100, _COUNCIL_ITEMS),),
    bands=_STANDARD_BANDS,
    conditions=(
        (Rating.EXCELLENT, all_completed(exempt=_EXCUSED)),
        (Rating.EXCELLENT, share_exceeded("0.5", exempt=_EXCUSED)),
        (Rating.EXCELLENT, for_roles(all_on_time(quality=True, exempt=_EXCUSED), Role.LEADER)),
        (Rating.EXCELLENT, for_roles(subordinates_achieved(), Role.LEADER)),
        (Rating.EXCELLENT, for_roles(subordinates_good("0.7"), Role.LEADER)),
        (Rating.GOOD, all_completed(exempt=_EXCUSED)),
        (Rating.GOOD, share_on_time("0.8", exempt=_EXCUSED)),
        (Rating.GOOD, for_roles(subordinates_achieved(), Role.LEADER)),
    ),
    vetoes=(disciplined(),),
    eligibility=Eligibility(),
    in_force=_ND_90_DATES,
    assumptions=(
        Reason(
            "NĐ 90 rates by criteria, not points, and its numeric Not achieved threshold "
            "is UNCONFIRMED: a 100-point score of task results and 90/70/50 bands are assumed",
            "NĐ 90 xếp loại theo tiêu chí, không theo điểm; ngưỡng không hoàn thành chưa xác "
            "minh được: giả định thang 100 điểm và các mức 90/70/50",
        ),
        _COUNCIL_ITEMS_NOTE,
        _EXCUSED_NOTE,
        Reason(
            "no Excellent quota is applied by default: NĐ 48 caps the Excellent share at the "
            "share of party members rated Excellent in the same agency, a fact of the year; "
            "apply it with apply_quota(evaluations, nd_48_quota(share))",
            "không áp dụng tỷ lệ hoàn thành xuất sắc mặc định: NĐ 48 giới hạn bằng tỷ lệ đảng "
            "viên được xếp loại hoàn thành xuất sắc của cùng cơ quan, là số liệu của từng năm; "
            "áp dụng bằng apply_quota(evaluations, nd_48_quota(tỷ lệ))",
        ),
        _ROUNDING_NOTE,
        Reason(
            "a leader (cán bộ, the head) is held to Điều 4 as well: Excellent needs the "
            "head's own items on time with quality and every subordinate unit at least "
            "Achieved with at least 70% Good or better; Good needs every subordinate unit "
            "at least Achieved (the rest of the Good clause is truncated in our sources). NĐ "
            "90 rates people: a collective gets the individual conditions",
            "người đứng đầu (cán bộ) áp dụng thêm Điều 4: mức xuất sắc yêu cầu nhiệm vụ của "
            "bản thân đúng tiến độ, bảo đảm chất lượng, 100% đơn vị trực thuộc hoàn thành "
            "nhiệm vụ trở lên, trong đó ít nhất 70% hoàn thành tốt trở lên; mức tốt yêu cầu "
            "100% đơn vị trực thuộc hoàn thành nhiệm vụ trở lên (phần còn lại của quy định "
            "chưa xác minh được)",
        ),
        Reason(
            "eligibility (Điều 2 k3 as amended by NĐ 48) applies to annual ratings; "
            "months_leave counts leave other than maternity leave, which is rated on the "
            "time worked; whether maternity leave counts toward the 3-to-6-months cap is "
            "UNCONFIRMED (taken as not)",
            "điều kiện thời gian công tác (Điều 2 k3 sửa đổi bởi NĐ 48) áp dụng cho xếp loại "
            "năm; số tháng nghỉ không gồm nghỉ thai sản (đánh giá theo thời gian công tác "
            "thực tế); nghỉ thai sản có tính vào mức 3 đến dưới 6 tháng hay không chưa xác "
            "minh được (giả định không tính)",
        ),
        _NOT_GIVEN_NOTE,
        _ROLE_NOTE,
    ),
)
"""NĐ 90/2020 + NĐ 48/2023: Excellent needs all targets and ≥ 50% exceeded, Good all
targets and ≥ 80% on time with quality; disciplined → Not achieved."""


_ND_335_GROUNDS: tuple[Veto, ...] = (
    disciplined(official_duties=True),
    degraded(),
    for_roles(unit_corruption(self_detected_exception=False), Role.LEADER),
)
_ND_335_GROUNDS_NOTE = Reason(
    "Điều 20's grounds: discipline counts only for violations in official duties at "
    "reprimand or above (a record that does not say refers the rating to the council; "
    "circumstances.disciplined=True is taken as such a discipline); a degradation "
    "conclusion; for leaders, a directly managed unit dealt with for corruption, "
    "embezzlement or waste, with no self-detected exception in the text we could read",
    "các trường hợp tại Điều 20: kỷ luật chỉ tính khi vi phạm liên quan đến hoạt động công "
    "vụ, từ khiển trách trở lên (chưa rõ thì chuyển hội đồng; disciplined=True được hiểu là "
    "trường hợp này); kết luận suy thoái; đối với lãnh đạo, đơn vị trực tiếp quản lý bị xử "
    "lý về tham ô, tham nhũng, lãng phí, không có ngoại lệ tự phát hiện trong văn bản trích dẫn",
)


def nd_335_2025(
    *,
    quantity: object,
    quality: object,
    timeliness: object,
    leader_unit_share: object | None = None,
    general_required: bool = True,
) -> Scheme:
    """NĐ 335/2025/NĐ-CP with the task-result formula's weights given explicitly.

    Task results (Điều 14) combine (a) quantity -- share of products
    completed, (b) quality -- completed meeting quality, −25% per failed
    review, and (c) timeliness -- completed on time, −25% per delay; both
    deductions are waived for objective causes confirmed by the competent
    authority. How (a), (b) and (c) combine into 70 points is UNCONFIRMED,
    so their weights are required here.

    Args:
        quantity: Weight of (a).
        quality: Weight of (b).
        timeliness: Weight of (c).
        leader_unit_share: For leaders (Điều 15), the share of the 70 points
            given by the unit's results: 100% when every subordinate is rated
            at least Achieved, 50% otherwise. The share is UNCONFIRMED; None
            leaves the component out.
        general_required: Whether the 30 points of general criteria are
            required (default); False scales the total from the other parts
            when no criterion was scored (khoan's reading, printed).

    References:
        NĐ 335/2025/NĐ-CP Điều 12, 14, 15, 20.

    """
    items = weighted(
        (quantity, done_or_not()),
        (quality, deduct(done_or_not(), per_failed_review="0.25", per_delay=0)),
        (timeliness, deduct(done_or_not(), per_failed_review=0, per_delay="0.25")),
    )
    parts: list[Part] = [_general(30, None if general_required else MissingData.RENORMALISE)]
    if leader_unit_share is None:
        parts.append(_results(70, items))
    else:
        share = to_fraction(leader_unit_share)
        if not 0 < share < 1:
            raise InvalidValue("leader_unit_share", leader_unit_share, "a share between 0 and 1")
        parts.append(attrs.evolve(_results(70, items), maximum=70 * (1 - share)))
        parts.append(
            Part(
                "unit",
                maximum=70 * share,
                source=Source.UNIT_RESULTS,
                title="results of the unit led",
                title_vi="kết quả của cơ quan, đơn vị được giao phụ trách",
            )
        )
    return Scheme(
        name="nd-335-2025" if leader_unit_share is None else "nd-335-2025-leader",
        title="NĐ 335/2025/NĐ-CP: 100 points = 30 general criteria + 70 task results",
        version="2",
        legal_basis=("Nghị định 335/2025/NĐ-CP, Điều 12, 14, 15, 20",),
        parts=tuple(parts),
        bands=_STANDARD_BANDS,
        vetoes=_ND_335_GROUNDS,
        in_force=_ND_335_DATES,
        assumptions=(
            Reason(
                f"task results weigh quantity : quality : timeliness as {quantity} : "
                f"{quality} : {timeliness} (the formula of Điều 14 is UNCONFIRMED)",
                f"kết quả nhiệm vụ tính số lượng : chất lượng : tiến độ theo tỷ lệ {quantity} : "
                f"{quality} : {timeliness} (công thức tại Điều 14 chưa xác minh được)",
            ),
            _PRODUCT_NOTE,
            _ROUNDING_NOTE,
            _ND_335_GROUNDS_NOTE,
            _NOT_GIVEN_NOTE,
            _ROLE_NOTE,
        ),
        quota=ND_335_EXCELLENT_20_PERCENT,
    )


ND_335_2025 = attrs.evolve(
    nd_335_2025(quantity=1, quality=1, timeliness=1),
    assumptions=(
        Reason(
            "ASSUMED equal weights: quantity, quality and timeliness each count a third of "
            "the task results (the formula of Điều 14 is UNCONFIRMED; use nd_335_2025() to "
            "set them)",
            "GIẢ ĐỊNH số lượng, chất lượng, tiến độ mỗi tiêu chí bằng một phần ba điểm kết "
            "quả nhiệm vụ (công thức tại Điều 14 chưa xác minh được)",
        ),
        _PRODUCT_NOTE,
        _ROUNDING_NOTE,
        _ND_335_GROUNDS_NOTE,
        _NOT_GIVEN_NOTE,
        _ROLE_NOTE,
    ),
)
"""NĐ 335/2025: 30 + 70; −25% per failed review or delay unless an objective cause is
confirmed; disciplined → Not achieved; Excellent ≤ 20% of Good within each group of similar
tasks and within one agency."""


HANOI_3814_2018 = Scheme(
    name="hanoi-3814-2018",
    title="Hà Nội QĐ 3814-QĐ/TU (2018): monthly 20 + 70 + 10 bonus, grades A/B/C/D",
    version="1",
    legal_basis=("Quyết định 3814-QĐ/TU ngày 16/5/2018 của Thành ủy Hà Nội",),
    parts=(
        Part(
            "general",
            maximum=Fraction(20),
            source=Source.CRITERIA,
            aggregator=judging(),
            title="discipline, ethics",
            title_vi="ý thức tổ chức kỷ luật, phẩm chất đạo đức",
        ),
        _results(70, _COUNCIL_ITEMS),
        Part(
            "bonus",
            maximum=Fraction(10),
            source=Source.CRITERIA,
            aggregator=judging(),
            criteria=("bonus",),
            missing=MissingData.ZERO,
            title="bonus",
            title_vi="điểm thưởng",
        ),
    ),
    bands=_STANDARD_BANDS,
    in_force=_HANOI_DATES,
    assumptions=(
        Reason(
            "grades A/B/C/D are read as Excellent/Good/Achieved/Not achieved",
            "loại A/B/C/D tương ứng hoàn thành xuất sắc/tốt/hoàn thành/không hoàn thành",
        ),
        Reason(
            "bonus points are the council's points on a criterion with id 'bonus'; no such "
            "points means no bonus (0), every other criterion feeds the 20 points",
            "điểm thưởng là điểm hội đồng chấm cho tiêu chí có mã 'bonus'; không có thì "
            "không được thưởng (0 điểm); các tiêu chí khác tính vào 20 điểm",
        ),
        _COUNCIL_ITEMS_NOTE,
        _ROUNDING_NOTE,
    ),
    quota=HANOI_A_30_PERCENT,
)
"""Hà Nội QĐ 3814-QĐ/TU: A 90-100, B 70-<90, C 50-<70, D below 50; A ≤ 30% of those rated."""


PRESETS: Registry[Scheme] = Registry(
    "scheme",
    (VINH_PHUC_2021, QD_124_2023, QD_366_2025, ND_90_2020, ND_335_2025, HANOI_3814_2018),
)
"""Every preset by name, in chronological order of its source."""


def in_force(day: object) -> tuple[Scheme, ...]:
    """The presets in force on ``day``, in the order of :data:`PRESETS`.

    A period is governed by the presets in force on its last day.

    Args:
        day: A date (or a date's text, as :class:`~khoan.InForce` reads it).

    Returns:
        The presets whose ``in_force`` holds ``day`` (none may).

    Raises:
        InvalidValue: ``day`` is not a date.

    References:
        regulations.md timeline note, §1.1, §2.1, §3.1-§3.4 (each preset's
        ``in_force.source`` names its dates).

    >>> import datetime as dt
    >>> [s.name for s in in_force(dt.date(2022, 12, 31))]
    ['vinh-phuc-2021', 'hanoi-3814-2018']
    >>> [s.name for s in in_force("2025-12-31")]
    ['qd-366-2025', 'nd-90-2020', 'hanoi-3814-2018']
    >>> [s.name for s in in_force("2026-12-31")]
    ['qd-366-2025', 'nd-335-2025', 'hanoi-3814-2018']

    """
    when = to_date(day)
    return tuple(s for s in PRESETS.values() if s.in_force is not None and when in s.in_force)
