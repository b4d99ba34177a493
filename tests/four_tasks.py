"""The issue's dossier (issue 9): four tasks of 17.5 points, a council of three, full marks.

Shared by the scenario tests of the fall-through (test_ratings.py) and of the readings
(test_readings.py); each builds its own reports (which task is late, failed reviews).
"""

from __future__ import annotations

from khoan import Assignee, Assignment, Council, Criterion, Member, Scoresheet, Task

TASKS = [
    Task(f"t{i}", title=f"Nhiệm vụ {i}", weight="17.5", deadline="30/11/2022") for i in range(4)
]
ASSIGNMENT = Assignment(
    "a", issuer="yl", assignee=Assignee.cadre("c"), period="2022", items=TASKS,
    issued_on="2022-01-10",
)  # fmt: skip
COUNCIL = Council(
    "hd",
    name="Hội đồng",
    members=[Member(f"m{i}", name=f"Ủy viên {i}") for i in range(3)],
    criteria=[
        Criterion("g1", title="Chính trị", maximum=15),
        Criterion("g2", title="Đạo đức", maximum=15),
    ],
)
FULL_MARKS = [
    Scoresheet(f"m{i}", items={t.id: "17.5" for t in TASKS}, criteria={"g1": 15, "g2": 15})
    for i in range(3)
]
