"""``status`` asks the roll-up for the figures of parts and goals only (``rollups(...,
tasks=False)``): a goal whose tasks all answer by their sketches' keys, each of weight 1, is
added up from the keys alone (``rollup_tree.plain_keys``). Its figures must be exactly those of the
plan read whole, added up item by item, on any day."""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import tempfile
from pathlib import Path
from typing import Any
from unittest import mock

from hypothesis import given
from hypothesis import strategies as st

from quanhu_plan import model, store
from quanhu_plan.canonical import dumps
from quanhu_plan.rollup_tree import plain_keys, rollups
from quanhu_plan.store import cache

from .conftest import plan_doc
from .test_lazy_cache import SOME, days, plans

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def generated(tasks: int, seed: int) -> dict[str, Any]:
    """A plan as benchmarks/generate.py makes them (the one the speed is measured on)."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        from generate import plan_doc as generated_doc
    finally:
        sys.path.remove(str(BENCHMARKS))
    return generated_doc(tasks, seed)


def goals_figures(plan: model.Plan, figures: dict[str, Any]) -> dict[str, Any]:
    ids = [item.id for item in plan.items() if item.children] + [""]
    return {key: (figures[key].to_dict(), figures[key].ratio) for key in ids}


def assert_alike(doc: dict[str, Any], when: list[dt.date], load: int = 0, seed: int = 0) -> int:
    """The goals' figures of the plan recalled (``load`` tables loaded first), without the
    tasks', against those of the plan read whole; how many goals were added up by keys."""
    with tempfile.TemporaryDirectory() as folder, mock.patch.object(cache, "CHUNK", 3):
        with mock.patch.dict(os.environ, {"QUANHU_PLAN_CACHE": str(Path(folder) / "cache")}):
            plan_file = Path(folder) / "plan.toml"
            plan_file.write_text(dumps(doc), encoding="utf-8")
            source = store.PlanSource(plan_file)
            whole = store.load(source)
            lazy = store.load(source)
            every = list(lazy.items())
            for item in random.Random(seed).sample(every, min(load, len(every))):
                item.data  # noqa: B018 - loaded: its table answers, not its sketch
            for day in when:
                slow = goals_figures(whole, rollups(whole, day))
                for plan in (lazy, whole):  # (tasks answering by their sketches, or tables)
                    quick = rollups(plan, day, tasks=False)
                    assert goals_figures(plan, quick) == slow
                    assert set(quick) >= {item.id for item in plan.items() if item.children}
            return sum(
                plain_keys(item.children) is not None
                for plan in (lazy, whole)
                for item in plan.items()
                if item.children
            )


@SOME
@given(items=plans(), day=days, load=st.integers(0, 3), seed=st.integers(0, 10**6))
def test_a_status_adds_up_goals_as_the_plan_read_whole_does(items, day, load, seed):
    """Any plan (metrics, milestones, weights of 2 and 0.5, dropped, blocked, traces), with no
    table loaded or a few."""
    assert_alike(plan_doc(items), [day, dt.date(2023, 6, 30)], load, seed)


# Odd values to put into a generated plan's tasks (``with_odd_values``): (which task, field, value).
ODD = st.lists(
    st.tuples(
        st.integers(0, 10**4),
        st.sampled_from(["weight", "progress", "status", "actual", "target"]),
        st.sampled_from([1.0, 0.5, 3, 33.3, 1e-05, 0, 100, 99.99, "blocked", "dropped"]),
    ),
    max_size=6,
)


def with_odd_values(doc: dict[str, Any], odd: list[tuple[int, str, Any]]) -> dict[str, Any]:
    """``doc`` (``generated``) with odd values put into its tasks where the field takes them:
    float weights (1.0 counts as 1), odd progress and figures, blocked and dropped tasks."""
    tasks = [table for table in doc["item"] if table["id"].count(".") == 2]
    for at, field, value in odd:
        table = tasks[at % len(tasks)]
        if field == "status":
            if isinstance(value, str):
                table["status"] = value
        elif field == "weight":
            if isinstance(value, (int, float)) and value > 0:
                table["weight"] = value
        elif not isinstance(value, str) and (field == "progress") == (value <= 100):
            table[field] = value
    return doc


@SOME
@given(
    seed=st.integers(0, 10**6),
    day=days,
    odd=ODD,
)
def test_a_status_adds_up_generated_plans_as_the_plan_read_whole_does(seed, day, odd):
    """Plans as the benchmark makes them (goals of 20 tasks of weight 1: added up by keys),
    with odd values put in: float weights (1.0 counts as 1), odd progress and figures,
    blocked and dropped tasks."""
    doc = with_odd_values(generated(60, seed), odd)
    assert_alike(doc, [day, dt.date(2023, 12, 31)])


def test_the_goals_of_a_generated_plan_are_added_up_by_their_keys():
    """(So that the tests above test that path: a benchmark plan's goals take it, recalled
    from the cache or read whole.)"""
    assert assert_alike(generated(200, 3), [dt.date(2023, 6, 30)]) == 20


def test_a_task_with_a_value_no_key_can_hold_is_judged_as_before():
    """(Not a valid plan: a list where a date goes. The roll-up is asked of it anyway, by
    code that reads tables as they are; it judges it alone, as it always did.)"""
    plan = model.Plan(
        {"title": "t", "year": 2023},
        [model.Item({"id": "1", "title": "部分"})],
        {},
    )
    task = model.Item({"id": "1.1", "title": "任务", "due": [1], "progress": 10})
    task.parent = plan.roots[0]
    plan.roots[0].children.append(task)
    with mock.patch("quanhu_plan.rollup._last_day", return_value=None):
        figures = rollups(plan, dt.date(2023, 6, 30), tasks=False)
    assert figures[""].to_dict() == rollups(plan, dt.date(2023, 6, 30))[""].to_dict()
