"""Completion and pace (序时进度), the pure core: chosen as-of dates, exact classes."""

from __future__ import annotations

import datetime as dt

import pytest

from quanhu_plan.building import plan_from_doc
from quanhu_plan.rollup import expected_completion, pace, task_completion
from quanhu_plan.rollup_tree import plan_rollup, rollup

from .conftest import SMALL_ITEMS, plan_doc

D = dt.date


def small():
    return plan_from_doc(plan_doc([dict(item) for item in SMALL_ITEMS]))


def test_task_completion_done_metric_progress_and_dropped():
    plan = small()
    assert task_completion(plan.find("1.1")) == 0.5  # 20 of 40 处
    assert task_completion(plan.find("1.2")) == 1.0  # done
    assert task_completion(plan.find("1.3")) == 0.5  # progress 50
    assert task_completion(plan.find("2.1")) is None  # dropped: left out
    assert task_completion(plan.find("2.2")) == 0.0  # blocked, nothing recorded


def test_metric_above_target_is_capped_at_one():
    plan = plan_from_doc(plan_doc([{"id": "1", "title": "修塘", "target": 40, "actual": 52}]))
    assert task_completion(plan.find("1")) == 1.0


def test_goal_completion_is_the_weighted_mean_without_dropped_tasks():
    plan = small()
    as_of = D(2023, 6, 30)
    part_one = rollup(plan.find("1"), plan, as_of)
    assert part_one.completion == pytest.approx((0.5 + 1 + 0.5) / 3)
    assert (part_one.done, part_one.total, part_one.dropped) == (1, 3, 0)
    part_two = rollup(plan.find("2"), plan, as_of)
    assert part_two.completion == pytest.approx((0 + 0.8) / 2)
    assert (part_two.done, part_two.total, part_two.dropped, part_two.blocked) == (0, 2, 1, 1)
    total = plan_rollup(plan, as_of)
    assert total.completion == pytest.approx((part_one.completion + part_two.completion) / 2)
    assert (total.done, total.total) == (1, 5)


def test_weights_change_the_mean():
    doc = plan_doc(
        [
            {"id": "1", "title": "目标"},
            {"id": "1.1", "title": "大任务", "weight": 3, "status": "done"},
            {"id": "1.2", "title": "小任务"},
        ]
    )
    plan = plan_from_doc(doc)
    assert rollup(plan.find("1"), plan, D(2023, 6, 30)).completion == pytest.approx(0.75)


def test_a_goal_whose_tasks_are_all_dropped_has_no_completion():
    plan = plan_from_doc(
        plan_doc(
            [{"id": "1", "title": "目标"}, {"id": "1.1", "title": "取消", "status": "dropped"}]
        )
    )
    figures = rollup(plan.find("1"), plan, D(2023, 6, 30))
    assert figures.completion is None and figures.total == 0 and figures.dropped == 1


def test_expected_completion_is_the_share_of_the_window_passed():
    plan = small()
    march_task = plan.find("1.3")  # due 2023-03-31: window of 89 days
    assert expected_completion(march_task, plan, D(2023, 1, 1)) == 0
    assert expected_completion(march_task, plan, D(2023, 2, 15)) == pytest.approx(45 / 89)
    assert expected_completion(march_task, plan, D(2023, 3, 31)) == 1
    year_task = plan.find("2.3")  # no due date: due at the plan's end
    assert expected_completion(year_task, plan, D(2023, 7, 2)) == pytest.approx(182 / 364)


@pytest.mark.parametrize(
    ("task", "as_of", "expected"),
    [
        ("1.2", D(2023, 1, 10), "done"),
        ("2.1", D(2023, 6, 30), "dropped"),
        # 修机耕道, 50 %, due 2023-03-31
        ("1.3", D(2023, 1, 20), "ahead"),  # 19/89 = 21 % expected
        ("1.3", D(2023, 2, 14), "on_pace"),  # 44/89 = 49 % expected
        ("1.3", D(2023, 3, 20), "behind"),  # 78/89 = 88 % expected
        ("1.3", D(2023, 3, 31), "behind"),  # due today, not yet overdue
        ("1.3", D(2023, 4, 1), "overdue"),
        # 禁毒讲座, 80 %, due at the plan's end
        ("2.3", D(2023, 6, 30), "ahead"),
        ("2.3", D(2023, 10, 19), "on_pace"),  # 291/364 = 80 % expected
        ("2.3", D(2023, 12, 1), "behind"),
        ("2.3", D(2024, 1, 1), "overdue"),
        # 修塘, 20 of 40
        ("1.1", D(2023, 7, 2), "on_pace"),
        ("1.1", D(2023, 3, 1), "ahead"),
    ],
)
def test_pace_classes_at_chosen_dates(task, as_of, expected):
    plan = small()
    assert pace(plan.find(task), plan, as_of) == expected


def test_rollup_counts_tasks_by_pace_class():
    plan = small()
    total = plan_rollup(plan, D(2023, 4, 1))
    # 1.1 at 50 % and 2.3 at 80 % are ahead of 25 %; 2.2 (blocked, 0 %) is behind
    assert {kind: n for kind, n in total.paces.items() if n} == {
        "done": 1,
        "dropped": 1,
        "overdue": 1,
        "ahead": 2,
        "behind": 1,
    }
    assert total.overdue == 1


def test_a_rank_counts_smaller_as_better():
    items = [
        {"id": "1", "title": "综治民调全市排名", "measure": "位", "target": 30, "actual": 36},
        {"id": "2", "title": "综治民调全市排名前进", "measure": "名次", "target": 30, "actual": 25},
        {"id": "3", "title": "慰问老人", "measure": "位", "target": 40, "actual": 36},
    ]
    plan = plan_from_doc(plan_doc(items))
    assert task_completion(plan.find("1")) == pytest.approx(30 / 36)
    assert task_completion(plan.find("2")) == 1.0
    assert task_completion(plan.find("3")) == pytest.approx(
        36 / 40
    )  # a count of people, not a rank
