"""A first status's keys of every task (``rollup_tree.plain_keys``), made for the whole plan at
once: each figure's aims worked out once for tables alike (``model.aims_of_alike``), a table's
start asked of ``pace_start`` only where it has a log. The keys are each task's sketch's key
(``sketches.sketch_of``), whatever the tables share or do not."""

from __future__ import annotations

import datetime as dt
from typing import Any

from quanhu_plan.model import Item, aims_of_alike, figure_aims, pace_start
from quanhu_plan.rollup_tree import plain_keys
from quanhu_plan.sketches import sketch_of

from .test_figure_aims_s28C import FIGURES

# Tables alike in all but what only some of the aims read (the title of a rank, the type of
# a target or measure): each must keep its own aims.
TRICKY: list[dict[str, Any]] = [
    {"measure": "位", "target": 36, "title": "全市排名第36位"},  # a rank: by its title
    {"measure": "位", "target": 36, "title": "新建36位"},  # the same fields, no rank
    {"measure": "名", "target": 3, "title": "第3名"},
    {"measure": "名", "target": 3, "title": "表彰3名"},
    {"measure": "处", "target": 0},  # 零: less is better
    {"measure": "处", "target": False},  # False == 0, but no number
    {"measure": "处", "target": 0.0},
    {"measure": 1, "target": 5},  # (not a valid plan: a measure no text)
    {"measure": True, "target": 5},
    {"measure": ["%"], "target": 5},  # a value no key can hold
    {"measure": "%", "target": 95, "target_text": "≥95%"},
    {"measure": "%", "target": 95, "target_text": "达到95%"},
    {"measure": "%", "target": 95, "target_text": "≥95%", "direction": "down"},
]


def test_aims_of_alike_tables_are_each_tables_own() -> None:
    tables = [table for table, _ in FIGURES] + TRICKY
    aims = aims_of_alike()
    for _ in range(2):  # (the second time round, from what the first kept)
        assert [aims(table) for table in tables] == [figure_aims(table) for table in tables]
    # The rank and its look-alike in either order: neither answers for the other.
    for first, second in ((TRICKY[0], TRICKY[1]), (TRICKY[1], TRICKY[0])):
        aims = aims_of_alike()
        assert (aims(first), aims(second)) == (figure_aims(first), figure_aims(second))
        assert aims(first) != aims(second)


def test_plain_keys_are_the_sketches_keys_with_and_without_logs() -> None:
    added = dt.date(2023, 7, 3)
    log_add = [{"action": "add", "on": added, "at": dt.datetime(2023, 7, 3, 9)}]
    log_other = [{"action": "progress", "at": dt.datetime(2023, 5, 1, 9)}]
    base: list[dict[str, Any]] = [
        {"due": dt.date(2023, 6, 30), "progress": 40},
        {"due": dt.date(2023, 9, 30), "status": "doing", "log": log_add},  # paced from July
        {"due": dt.date(2023, 9, 30), "log": log_other},  # a log, no add: the plan's start
        {"due": dt.date(2023, 9, 30), "start": dt.date(2023, 3, 1), "log": log_add},
        {"due": dt.date(2023, 12, 31), "start": dt.date(2023, 4, 1)},
        *({"due": dt.date(2023, 12, 31), **table} for table in TRICKY[:9]),
        {"due": dt.date(2023, 12, 31), "target": 10, "actual": 4, "measure": "处"},
        {"due": dt.date(2023, 12, 31), "target": 10, "actual": 6, "measure": "处"},
    ]
    tables = [{"id": f"1.{n}", "title": f"任务{n}", **t} for n, t in enumerate(base, 1)]
    items = [Item(table) for table in tables]
    keys = plain_keys(items)
    assert keys is not None
    assert keys == [sketch_of(table, {})[2] for table in tables]
    assert keys[1][3] == pace_start(tables[1]) == ("added", added)
    assert keys[2][3] is None and keys[3][3] == dt.date(2023, 3, 1)
    assert [key[-2:] for key in keys[5:9]] == [(True, False), (False, False)] * 2
