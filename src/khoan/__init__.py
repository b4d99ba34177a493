"""khoan: task assignment and evaluation of cadres by products.

"Giao nhiệm vụ và đánh giá cán bộ bằng sản phẩm": the level directly above
assigns a head (or a collective) concrete tasks and indicators for a period,
inspects progress, receives the year-end report, has an advisory council
score each item, and rates the result. This package holds the facts of that
practice as immutable, validated values, and the pipeline over them:
:func:`evaluate` (with the item rules of :mod:`khoan.scoring` and the
regulation presets of :mod:`khoan.schemes`), the cohort steps
:func:`apply_quota` and :func:`cap_by_collective`, and :func:`roll_up`.
:mod:`khoan.consequences` recommends what follows a "not achieved" rating,
:mod:`khoan.progress` and :mod:`khoan.calendar` follow the year, and
:mod:`khoan.io` reads and writes JSON documents.
"""

from khoan._base.convert import FrozenMap, exact
from khoan._base.findings import Finding, FindingKind, Incomplete, NotGiven, Reason
from khoan._base.in_force import InForce
from khoan._base.rating import Rating
from khoan._cohort.collective import cap_by_collective
from khoan._cohort.quota import Move, QuotaResult, apply_quota
from khoan._cohort.rollup import RollUp, roll_up
from khoan._evaluation.evaluate import evaluate, evaluate_dossier
from khoan._evaluation.evaluation import Evaluation, PartResult
from khoan._evaluation.override import override
from khoan._facts.assignment import (
    Assignee,
    AssigneeKind,
    Assignment,
    CarryOver,
    Delivery,
    Support,
    SupportKind,
)
from khoan._facts.circumstances import Circumstances, Discipline, DisciplineLevel, Role
from khoan._facts.council import Council, Criterion, Member, MemberRole, Scoresheet
from khoan._facts.dossier import Cohort, Dossier
from khoan._facts.inspection import Inspection, InspectionKind, Observation
from khoan._facts.items import Direction, Indicator, Item, Milestone, Tag, Task
from khoan._facts.merger import carry_over
from khoan._facts.org import Cadre, Category, Level, OrgChart, Term, Unit
from khoan._facts.override import Override
from khoan._facts.period import Period
from khoan._facts.report import Excuse, ExcuseKind, Outcome, Report
from khoan._schemes.quota import DemotionOrder, Quota, QuotaBase, QuotaScope, TieBreak
from khoan._scoring.results import ItemResult, Status

__version__ = "0.1.0.dev0"

__all__ = [
    "Assignee",
    "AssigneeKind",
    "Assignment",
    "Cadre",
    "CarryOver",
    "Category",
    "Circumstances",
    "Cohort",
    "Council",
    "Criterion",
    "Delivery",
    "DemotionOrder",
    "Direction",
    "Discipline",
    "DisciplineLevel",
    "Dossier",
    "Evaluation",
    "Excuse",
    "ExcuseKind",
    "Finding",
    "FindingKind",
    "FrozenMap",
    "InForce",
    "Incomplete",
    "Indicator",
    "Inspection",
    "InspectionKind",
    "Item",
    "ItemResult",
    "Level",
    "Member",
    "MemberRole",
    "Milestone",
    "Move",
    "NotGiven",
    "Observation",
    "OrgChart",
    "Outcome",
    "Override",
    "PartResult",
    "Period",
    "Quota",
    "QuotaBase",
    "QuotaResult",
    "QuotaScope",
    "Rating",
    "Reason",
    "Report",
    "Role",
    "RollUp",
    "Scoresheet",
    "Status",
    "Support",
    "SupportKind",
    "Tag",
    "Task",
    "Term",
    "TieBreak",
    "Unit",
    "apply_quota",
    "cap_by_collective",
    "carry_over",
    "evaluate",
    "evaluate_dossier",
    "exact",
    "override",
    "roll_up",
]
