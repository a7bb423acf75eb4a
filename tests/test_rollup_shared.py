"""Tasks whose figures are alike are given one figures object by the roll-up, made once: those
measured by a whole-number progress (by progress, pace, light, blocked) and those measured by a
figure towards a target (by the completion's ratio, pace, light, blocked). Each is exactly what
the task's figures worked out alone are."""

from __future__ import annotations

import datetime as dt

from quanhu_plan import model
from quanhu_plan.rollup import task_rollup
from quanhu_plan.rollup_tree import rollups


def _plan(tasks: list[dict]) -> model.Plan:
    part = model.Item({"id": "1", "title": "部分"})
    plan = model.Plan({"title": "t", "year": 2023}, [part], {})
    for table in tasks:
        task = model.Item(table)
        task.parent = part
        part.children.append(task)
    return plan


def test_tasks_measured_alike_towards_their_targets_share_their_figures():
    """Four overdue tasks at half their target (5 of 10, 50 of 100, twice) and one at a
    quarter: the three at half have one figures object, each as the task's own alone."""
    due = dt.date(2023, 3, 31)
    tables = [
        {"id": "1.1", "title": "a", "target": 10, "actual": 5, "due": due},
        {"id": "1.2", "title": "b", "target": 100, "actual": 50, "due": due, "progress": 7},
        {"id": "1.3", "title": "c", "target": 10, "actual": 5, "due": dt.date(2023, 5, 31)},
        {"id": "1.4", "title": "d", "target": 8, "actual": 2, "due": due},
        {"id": "1.5", "title": "e", "target": 10, "actual": 5, "due": due, "status": "blocked"},
    ]
    plan = _plan(tables)
    day = dt.date(2023, 6, 30)
    figures = rollups(plan, day)
    assert figures["1.1"] is figures["1.2"] is figures["1.3"]
    assert figures["1.4"] is not figures["1.1"]
    assert figures["1.5"] is not figures["1.1"]  # (blocked)
    for task in plan.roots[0].children:
        assert figures[task.id] == task_rollup(task, plan, day)
        assert figures[task.id].ratio == task_rollup(task, plan, day).ratio
    assert figures["1.1"].ratio == (1, 2) and figures["1.4"].ratio == (1, 4)
    assert figures["1"].to_dict()["pace"]["overdue"] == 5
