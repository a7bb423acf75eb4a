"""One judge of a plan's tasks on one day (``rollup.task_judges``) works out each window once
for the tasks that share a due date and a start: what a task expects by the day is still its
own (a figure held all year, milestones, a start in the future, overdue, standing work), the
same as each task judged alone."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from quanhu_plan.building import plan_from_doc
from quanhu_plan.lights import thresholds
from quanhu_plan.rollup import task_judges, task_rollup

from .conftest import plan_doc

DUE = dt.date(2023, 9, 30)
START = dt.date(2023, 3, 1)
ALIKE: list[dict[str, Any]] = [  # the same due date and start, expecting each its own
    {"progress": 40},
    {"progress": 40, "status": "blocked"},
    {"measure": "起", "target": 0, "actual": 0},  # 零事故: held all year, 100% expected
    {"measure": "起", "target": 0, "actual": 1},  # a breach
    {"progress": 40, "milestone": [{"due": dt.date(2023, 4, 30), "progress": 90}]},
    {"measure": "处", "target": 10, "actual": 4},
]


def _tasks() -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for group, (due, start) in enumerate(
        [
            (DUE, START),
            (DUE, None),
            (DUE, dt.date(2023, 8, 1)),  # not begun by the day
            (dt.date(2023, 5, 31), START),  # overdue by the day
            ("2023-Q3", None),  # a deadline in words
        ],
        1,
    ):
        items.append({"id": str(group), "title": f"部分{group}"})
        for n, table in enumerate(ALIKE, 1):
            task = {"id": f"{group}.{n}", "title": f"任务{group}.{n}", "due": due, **table}
            if start is not None:
                task["start"] = start
            items.append(task)
    items.append({"id": "6", "title": "常态"})
    items += [
        {"id": "6.1", "title": "长期坚持的工作", "完成时限原文": "长期坚持", "progress": 40},
        {"id": "6.2", "title": "任务", "progress": 40},  # no due date: the plan's end
    ]
    return items


@pytest.mark.parametrize("day", [dt.date(2023, 2, 1), dt.date(2023, 6, 30), dt.date(2023, 10, 9)])
def test_tasks_sharing_a_window_are_each_judged_as_alone(day: dt.date) -> None:
    plan = plan_from_doc(plan_doc(_tasks()))
    tasks = [item for item in plan.items() if item.is_task]
    judge, _, _ = task_judges(plan, day, thresholds(plan))
    together = [judge(task).to_dict() for task in tasks]
    alone = [task_rollup(task, plan, day).to_dict() for task in tasks]  # a judge each
    assert together == alone
    kinds = {judge(task).kind for task in tasks}
    if day == dt.date(2023, 6, 30):  # (the tasks above do differ: no window answers for all)
        assert {"behind", "overdue", "ongoing"} <= kinds
        by_id = {task.id: judge(task) for task in tasks}
        assert by_id["1.1"].kind == "behind"  # 40% of a window 57% gone
        assert by_id["3.1"].kind == "ahead"  # 40% of a window not begun
        assert by_id["1.3"].held == 1 and by_id["1.3"].kind == "on_pace"  # 零事故 so far
        assert by_id["1.4"].kind == "behind" and by_id["1.4"].light != "green"  # a breach
        assert by_id["1.5"].kind == "behind"  # 90% due by April
        assert {by_id[f"4.{n}"].kind for n in (1, 3, 5, 6)} == {"overdue"}
        assert by_id["6.1"].kind == "ongoing"
