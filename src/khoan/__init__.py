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

from khoan._assignment import (
    Assignee,
    AssigneeKind,
    Assignment,
    CarryOver,
    Delivery,
    Support,
    SupportKind,
)
from khoan._circumstances import Circumstances
from khoan._cohort import Move, QuotaResult, apply_quota, cap_by_collective
from khoan._convert import FrozenMap, exact
from khoan._council import Council, Criterion, Member, MemberRole, Scoresheet
from khoan._dossier import Cohort, Dossier
from khoan._evaluate import Evaluation, PartResult, evaluate, evaluate_dossier
from khoan._items import Direction, Indicator, Item, Milestone, Tag, Task
from khoan._merge import carry_over
from khoan._org import Cadre, Category, Level, OrgChart, Term, Unit
from khoan._period import Period
from khoan._progress import Inspection, InspectionKind, Observation
from khoan._quota import Quota, QuotaBase, TieBreak
from khoan._rating import Rating
from khoan._report import Excuse, ExcuseKind, Outcome, Report
from khoan._results import ItemResult, Status
from khoan._rollup import RollUp, roll_up

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
    "Direction",
    "Dossier",
    "Evaluation",
    "Excuse",
    "ExcuseKind",
    "FrozenMap",
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
    "Observation",
    "OrgChart",
    "Outcome",
    "PartResult",
    "Period",
    "Quota",
    "QuotaBase",
    "QuotaResult",
    "Rating",
    "Report",
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
    "roll_up",
]
