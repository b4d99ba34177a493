"""Consequence rules: what happens to a cadre whose history shows "not achieved".

The seed article's rule -- "cán bộ bị đánh giá kém, không đạt, dứt khoát sẽ
bị điều chuyển công tác" -- and the national rules that replaced it are
transfer rules: callables ``(history) -> Recommendation | None``; the decision
date, when it is not the day after the latest period, is ``History.as_of``.
The presets are :class:`ClauseRule` values: a list of clauses (each with its
source), the source's exceptions, what the rule does with mitigating facts,
and, only when configured, recommended safeguards (none by default: no
Vietnamese source prescribes any; :data:`US_MODEL_SAFEGUARDS` models them on
5 U.S.C. 4303 and says so).

Mitigation ("không khoán trắng"): when a triggering period carries a
confirmed excuse (force majeure, objective cause, approved innovation under
NĐ 73/2023/NĐ-CP, support not delivered) covering every item that failed,
or the issuer's pledged support was not delivered, the default policy turns
the automatic action into :attr:`Action.REVIEW`, and the recommendation
shows why. Partial coverage is recorded too: no confirmed excuse is ever
silently ignored.

>>> RULES["law-2019"]
ClauseRule('law-2019', 4 clauses)
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

from khoan._base.findings import Reason
from khoan._base.rating import Rating
from khoan._base.registry import Registry
from khoan._consequences.actions import Action, Step
from khoan._consequences.clauses import Clause, ExceptionCheck, Finder, Found
from khoan._consequences.combinators import first_applicable, strongest
from khoan._consequences.finders import (
    consecutive_years,
    force_majeure_exception,
    latest_not_achieved,
    low_confidence,
    twice_in_term,
    twice_in_years,
    under_a_year_in_post,
    unit_below,
)
from khoan._consequences.history import History
from khoan._consequences.recommendation import (
    US_SAFEGUARDS_LABEL,
    DueStep,
    Mitigation,
    NoRecommendation,
    Recommendation,
    SchemeBasis,
    Trigger,
)
from khoan._consequences.rule import (
    NO_DUE_PROCESS,
    US_MODEL_SAFEGUARDS,
    ClauseRule,
    DueProcess,
    MitigationPolicy,
    TransferRule,
)
from khoan._evaluation.evaluate import evaluate_dossier
from khoan._evaluation.evaluation import Evaluation
from khoan._facts.dossier import Cohort
from khoan._facts.org import Category
from khoan._schemes.scheme import Scheme

__all__ = [
    "LAW_2019",
    "ND_335_2025",
    "NO_DUE_PROCESS",
    "QD_41_2021",
    "QD_377_2025",
    "RULES",
    "US_MODEL_SAFEGUARDS",
    "US_SAFEGUARDS_LABEL",
    "VINH_PHUC_PILOT",
    "Action",
    "Clause",
    "ClauseRule",
    "DueProcess",
    "DueStep",
    "ExceptionCheck",
    "Finder",
    "Found",
    "History",
    "Mitigation",
    "MitigationPolicy",
    "NoRecommendation",
    "Recommendation",
    "SchemeBasis",
    "Step",
    "TransferRule",
    "Trigger",
    "consecutive_years",
    "first_applicable",
    "force_majeure_exception",
    "histories_of",
    "latest_not_achieved",
    "low_confidence",
    "not_recommended",
    "recommend",
    "strongest",
    "twice_in_term",
    "twice_in_years",
    "under_a_year_in_post",
    "unit_below",
]


# ------------------------------------------------------------------ presets

_CADRE = frozenset({Category.CADRE})
_CIVIL = frozenset({Category.CIVIL_SERVANT})

VINH_PHUC_PILOT = ClauseRule(
    name="vinh-phuc-pilot",
    title="Vĩnh Phúc pilot: a head rated not achieved is transferred to other work",
    legal_basis=(
        "Quy định 371-QĐ/TU ngày 22/9/2021 của Ban Thường vụ Tỉnh ủy Vĩnh Phúc (as reported)",
        "Kết luận 198-KL/TW ngày 08/10/2025",
    ),
    clauses=(
        Clause(
            "not-achieved",
            text=Reason(
                "rated Not achieved in the period: transferred to other work",
                "bị đánh giá không hoàn thành nhiệm vụ: điều chuyển công tác",
            ),
            action=Action.TRANSFER,
            find=latest_not_achieved(kind="year"),
        ),
    ),
    assumptions=(
        Reason(
            "the rule is the one reported by the QĐND article ('cán bộ bị đánh giá kém, không "
            "đạt, dứt khoát sẽ bị điều chuyển công tác'); its wording in QĐ 371 is UNCONFIRMED",
            "quy tắc theo bài báo QĐND; nội dung cụ thể trong QĐ 371 chưa xác minh được",
        ),
        Reason(
            "KL 198-KL/TW speaks of recommending that a transfer be considered ('kiến nghị ... "
            "xem xét điều chuyển'), not of an automatic transfer; the preset follows the article "
            "(khoan's reading)",
            "KL 198-KL/TW nêu kiến nghị xem xét điều chuyển, không phải tự động điều chuyển; quy "
            "tắc theo bài báo (cách hiểu của khoan)",
        ),
    ),
)
"""The 2021 pilot as reported: rated Not achieved in the year → TRANSFER.

Covers: the article's one rule (``not-achieved``). Not covered: whatever else
QĐ 371-QĐ/TU says (its text is UNCONFIRMED); KL 198's "consider a transfer" is
read as the article's transfer, and says so among the assumptions.
"""

LAW_2019 = ClauseRule(
    name="law-2019",
    title="Luật Cán bộ, công chức 2008 as amended by Luật 52/2019/QH14",
    legal_basis=("Luật 52/2019/QH14 (Luật CBCC 2008, Điều 29, 58, 59 as amended)",),
    clauses=(
        Clause(
            "cadre-2-consecutive",
            text=Reason(
                "a cadre (cán bộ) rated Not achieved 2 consecutive years: removed from post",
                "cán bộ 02 năm liên tiếp không hoàn thành nhiệm vụ: miễn nhiệm, cho thôi làm "
                "nhiệm vụ",
            ),
            action=Action.REMOVE_FROM_POST,
            find=consecutive_years(2),
            categories=_CADRE,
            legal_basis="Luật CBCC 2008 (sửa đổi 2019), Điều 29",
        ),
        Clause(
            "civil-servant-2-consecutive",
            text=Reason(
                "a civil servant rated Not achieved 2 consecutive years: dismissed",
                "công chức 02 năm liên tiếp không hoàn thành nhiệm vụ: cho thôi việc",
            ),
            action=Action.DISMISS,
            find=consecutive_years(2),
            categories=_CIVIL,
            legal_basis="Luật CBCC 2008 (sửa đổi 2019), Điều 58, 59",
        ),
        Clause(
            "leader-2-in-term",
            text=Reason(
                "a leading civil servant rated Not achieved in 2 non-consecutive years of one "
                "appointment term: reassigned or not reappointed",
                "công chức lãnh đạo, quản lý 02 năm không liên tiếp không hoàn thành nhiệm vụ "
                "trong cùng thời hạn bổ nhiệm: bố trí công tác khác hoặc không bổ nhiệm lại",
            ),
            action=Action.REASSIGN,
            find=twice_in_term(),
            categories=_CIVIL,
            leaders=True,
            alternatives=(Action.NOT_REAPPOINT,),
            legal_basis="Luật CBCC 2008 (sửa đổi 2019), Điều 58",
        ),
        Clause(
            "non-leader-2-in-3-years",
            text=Reason(
                "a civil servant who does not lead, rated Not achieved in 2 non-consecutive "
                "years within 3 years: moved to a post of lower requirements",
                "công chức không giữ chức vụ lãnh đạo 02 năm không liên tiếp trong 03 năm không "
                "hoàn thành nhiệm vụ: bố trí vào vị trí việc làm có yêu cầu thấp hơn",
            ),
            action=Action.LOWER_POST,
            find=twice_in_years(3),
            categories=_CIVIL,
            leaders=False,
            legal_basis="Luật CBCC 2008 (sửa đổi 2019), Điều 58",
        ),
    ),
)
"""The 2019 law: 2 consecutive years → remove (cán bộ) or dismiss (công chức, bar
Điều 59); 2 non-consecutive in a term → reassign/not reappoint (leaders); 2 in 3 years
→ lower post (others).

Covers: the four consequences of Not-achieved ratings in Điều 29 and 58
(``covers`` in ``khoan rules``); not the law's disciplinary grounds.
"""

QD_41_2021 = ClauseRule(
    name="qd-41-2021",
    title="QĐ 41-QĐ/TW (2021): removal from post (miễn nhiệm) and resignation",
    legal_basis=("Quy định 41-QĐ/TW ngày 03/11/2021",),
    clauses=(
        Clause(
            "2-consecutive",
            text=Reason(
                "rated Not achieved 2 consecutive years: ground for removal from post",
                "02 năm liên tiếp không hoàn thành nhiệm vụ: căn cứ miễn nhiệm",
            ),
            action=Action.REMOVE_FROM_POST,
            find=consecutive_years(2),
            leaders=True,
            legal_basis="Quy định 41-QĐ/TW, căn cứ miễn nhiệm (4)",
        ),
        Clause(
            "low-confidence-two-thirds",
            text=Reason(
                "more than 2/3 low-confidence votes: ground for removal from post",
                "có trên 2/3 số phiếu tín nhiệm thấp: căn cứ miễn nhiệm",
            ),
            action=Action.REMOVE_FROM_POST,
            find=low_confidence(Fraction(2, 3)),
            leaders=True,
            mitigable=False,
            legal_basis="Quy định 41-QĐ/TW, căn cứ miễn nhiệm (3)",
        ),
        Clause(
            "low-confidence-half",
            text=Reason(
                "more than 50% low-confidence votes: ground to consider resignation (từ chức)",
                "có trên 50% số phiếu tín nhiệm thấp: căn cứ xem xét từ chức",
            ),
            action=Action.REVIEW,
            find=low_confidence(Fraction(1, 2)),
            leaders=True,
            mitigable=False,
            legal_basis="Quy định 41-QĐ/TW, căn cứ từ chức",
        ),
    ),
    omitted=(
        Reason(
            "removal ground (1): disciplined by reprimand or warning with prestige lost",
            "căn cứ miễn nhiệm (1): bị kỷ luật khiển trách, cảnh cáo mà uy tín giảm sút",
        ),
        Reason(
            "removal ground (2): two reprimands or more in one term or appointment",
            "căn cứ miễn nhiệm (2): 02 lần bị kỷ luật khiển trách trở lên trong một nhiệm kỳ "
            "hoặc thời hạn bổ nhiệm",
        ),
        Reason(
            "removal ground (5): concluded to have degraded (suy thoái)",
            "căn cứ miễn nhiệm (5): có kết luận suy thoái",
        ),
        Reason(
            "removal ground (6): violations of political standards",
            "căn cứ miễn nhiệm (6): vi phạm tiêu chuẩn chính trị",
        ),
        Reason(
            "resignation grounds other than the vote share (limited capacity or prestige, "
            "serious violations in the unit, another legitimate reason)",
            "các căn cứ từ chức khác ngoài phiếu tín nhiệm (hạn chế về năng lực, uy tín; vi phạm "
            "nghiêm trọng trong đơn vị; lý do chính đáng khác)",
        ),
    ),
)
"""QĐ 41-QĐ/TW, for those holding a leading post: 2 consecutive years Not achieved,
or more than 2/3 low-confidence votes → removal; more than half → consider
resignation. Replaced by QĐ 377 in 2025.

A partial preset. Covers three of the six grounds for removal (4: two
consecutive years; 3: over 2/3 low-confidence votes) and the vote-share ground
for resignation. Not covered (listed in ``omitted``): removal grounds 1
(discipline with prestige lost), 2 (two reprimands in a term), 5 (degradation),
6 (political standards), and the other resignation grounds.
"""

QD_377_2025 = ClauseRule(
    name="qd-377-2025",
    title="QĐ 377-QĐ/TW (2025): relieving a head of post for the unit's results",
    legal_basis=("Quy định 377-QĐ/TW ngày 08/10/2025",),
    clauses=(
        Clause(
            "unit-below-70-or-basic-missed",
            text=Reason(
                "the unit the head leads completed under 70% of the year's targets or missed "
                "the basic socio-economic targets: relieved of post",
                "địa phương, cơ quan do mình đứng đầu hoàn thành dưới 70% chỉ tiêu, nhiệm vụ "
                "trong năm hoặc không đạt các chỉ tiêu kinh tế - xã hội cơ bản: cho thôi giữ "
                "chức vụ",
            ),
            action=Action.RELIEVE_OF_POST,
            find=unit_below(Fraction(7, 10)),
            leaders=True,
            legal_basis="Quy định 377-QĐ/TW, căn cứ cho thôi giữ chức vụ "
            "(trách nhiệm người đứng đầu)",
        ),
    ),
    exceptions=(force_majeure_exception, under_a_year_in_post),
    assumptions=(
        Reason(
            "when the unit's completion is not given, it is the share of the head's assigned "
            "items completed; the basic targets are the items tagged basic_socio_economic",
            "khi chưa có tỷ lệ hoàn thành của đơn vị, tính theo tỷ lệ chỉ tiêu, nhiệm vụ giao "
            "cho người đứng đầu đã hoàn thành",
        ),
        Reason(
            "'không hoàn thành 5 chỉ tiêu kinh tế - xã hội cơ bản' is read as missing ANY ONE of "
            "the five basic targets (khoan's reading: the wording may also mean all five)",
            "'không hoàn thành 5 chỉ tiêu kinh tế - xã hội cơ bản' được hiểu là không đạt BẤT KỲ "
            "chỉ tiêu nào trong 5 chỉ tiêu (cách hiểu của khoan: văn bản cũng có thể hiểu là cả 5)",
        ),
    ),
    omitted=(
        Reason(
            "ground 2: results on assigned targets not meeting plan per the competent assessment "
            "'trong năm hoặc định kỳ', or decisions the unit proposed concluded ineffective",
            "căn cứ 2: kết quả thực hiện chỉ tiêu, nhiệm vụ được giao không đạt kế hoạch theo "
            "đánh giá của cấp có thẩm quyền trong năm hoặc định kỳ; quyết định, đề án do đơn vị "
            "đề xuất được kết luận không hiệu quả",
        ),
        Reason(
            "ground 3: bureaucratic, remote from the people, public outrage",
            "căn cứ 3: quan liêu, xa dân, gây bức xúc dư luận",
        ),
        Reason(
            "ground 4: prolonged security hot spots; serious violations by subordinates not "
            "handled",
            "căn cứ 4: để xảy ra điểm nóng kéo dài; không kịp thời xử lý vi phạm nghiêm trọng của "
            "cấp dưới",
        ),
        Reason(
            "the low-confidence-vote clause (truncated in the sources) and QĐ 377's removal "
            "(miễn nhiệm) grounds (UNCONFIRMED)",
            "quy định về phiếu tín nhiệm thấp (nguồn bị cắt) và các căn cứ miễn nhiệm của QĐ 377 "
            "(chưa xác minh được)",
        ),
    ),
)
"""QĐ 377-QĐ/TW: under 70% of targets or the basic socio-economic targets missed →
relieve of post, except force majeure or under one year in post.

A partial preset. Covers ground 1 (the head's responsibility for the unit's
results), reading "không hoàn thành 5 chỉ tiêu" as any one of the five (khoan's
reading, among the assumptions). Not covered (listed in ``omitted``): grounds
2-4, the truncated low-confidence clause and the removal grounds.
"""

ND_335_2025 = ClauseRule(
    name="nd-335-2025",
    title="NĐ 335/2025/NĐ-CP: a civil servant rated not achieved is considered for a lower "
    "post or dismissal",
    legal_basis=("Nghị định 335/2025/NĐ-CP, Điều 23 khoản 3", "Luật CBCC 2025, Điều 27"),
    clauses=(
        Clause(
            "not-achieved",
            text=Reason(
                "a civil servant rated Not achieved: considered for a lower post or dismissal",
                "công chức không hoàn thành nhiệm vụ: xem xét bố trí vào vị trí việc làm thấp "
                "hơn hoặc cho thôi việc",
            ),
            action=Action.LOWER_POST,
            find=latest_not_achieved(kind="year"),
            categories=_CIVIL,
            alternatives=(Action.DISMISS,),
        ),
    ),
)
"""NĐ 335/2025: a civil servant rated Not achieved → consider a lower post (or dismissal).

Covers: Điều 23 k.3 for civil servants (công chức). A cadre (cán bộ) rated Not
achieved gets no recommendation from it, and :func:`not_recommended` says so.
"""

RULES: Registry[ClauseRule] = Registry(
    "rule", (VINH_PHUC_PILOT, LAW_2019, QD_41_2021, QD_377_2025, ND_335_2025)
)
"""Every preset by name."""


def histories_of(
    cohort: Cohort, scheme: Scheme, *, allow_out_of_force: bool = False
) -> tuple[History, ...]:
    """Score every dossier of ``cohort`` and gather each assignee's history.

    The cohort may hold several periods (2021, 2022, 2023, ...) of the same
    people; each history takes its cadre's category, post date and term from
    the cadres listed in the cohort or its dossiers. ``allow_out_of_force``
    is passed to :func:`khoan.evaluate_dossier`.

    Raises:
        OutOfForce: A period ends outside ``scheme.in_force`` and
            ``allow_out_of_force`` is False.
        KhoanError: A dossier cannot be scored, or a cadre has two
            evaluations for the same period.

    """
    cadres = {c.id: c for c in cohort.cadres}
    for dossier in cohort.dossiers:
        cadres.update({c.id: c for c in dossier.cadres})
    by_assignee: dict[str, list[Evaluation]] = {}
    for dossier in cohort.dossiers:
        e = evaluate_dossier(
            dossier, scheme=scheme, cohort=cohort, allow_out_of_force=allow_out_of_force
        )
        by_assignee.setdefault(e.assignee, []).append(e)
    out = []
    for assignee in sorted(by_assignee):
        cadre = cadres.get(assignee)
        evaluations = by_assignee[assignee]
        out.append(
            History.of(cadre, evaluations)
            if cadre
            else History(assignee, evaluations=tuple(evaluations))
        )
    return tuple(out)


def recommend(histories: Iterable[History], rule: TransferRule) -> tuple[Recommendation, ...]:
    """Apply ``rule`` to every history; strongest actions first, then by cadre id.

    The order of ``histories`` never changes the result.
    """
    found = [r for h in histories if (r := rule(h)) is not None]
    return tuple(sorted(found, key=_order))


def not_recommended(
    histories: Iterable[History], rule: TransferRule
) -> tuple[NoRecommendation, ...]:
    """Why ``rule`` recommends nothing for each cadre rated Not achieved, sorted by cadre.

    :func:`recommend` keeps returning recommendations only; call this beside it
    so that no Not-achieved cadre is passed over in silence. A
    :class:`ClauseRule` says, clause by clause, why it does not apply
    (category, leading post, a condition the history does not meet); any
    other rule that gives nothing is recorded as not saying why.
    """
    out = []
    for h in histories:
        why_not = getattr(rule, "why_not", None)
        if why_not is not None:
            record = why_not(h)
        else:
            periods = tuple(
                str(e.period) for e in h.evaluations if e.rated and e.rating is Rating.NOT_ACHIEVED
            )
            record = (
                NoRecommendation(
                    h.cadre, rule=_name(rule), not_achieved=periods, reasons=(_SILENT,)
                )
                if periods and rule(h) is None
                else None
            )
        if record is not None:
            out.append(record)
    return tuple(sorted(out, key=lambda r: (r.cadre, r.rule, repr(r))))


_SILENT = Reason(
    "the rule gives no recommendation and does not say why",
    "quy tắc không đưa ra đề xuất và không nêu lý do",
)


def _name(rule: TransferRule) -> str:
    name = getattr(rule, "name", None)
    return name if isinstance(name, str) else repr(rule)


def _order(r: Recommendation) -> tuple[object, ...]:
    """Strongest first, then by cadre, rule, clause and the periods it rests on.

    The whole recommendation's repr settles any remaining tie, so two
    histories of one cadre (two concurrent posts) come out in the same order
    whatever order they were given in.
    """
    periods = tuple((t.period, t.assignment) for t in r.triggered_by)
    return (-r.action.severity, r.cadre, r.rule, r.clause.en, periods, repr(r))
