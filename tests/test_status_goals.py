"""A warm ``status`` of a plan whose goals hold tasks that answer by their keys (a big plan as
the benchmark makes them) is drawn of its parts and goals alone (``goal_figures``): no task's
item is made, the goals' figures are added up from the tasks' keys all at once. It must print
exactly what the status of the whole plan prints, and its figures must be exactly those of
the plan read whole, on any day."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Any
from unittest import mock

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from quanhu_plan import goal_figures, store
from quanhu_plan.canonical import dumps
from quanhu_plan.cli import app
from quanhu_plan.cli.app import Session
from quanhu_plan.rollup_tree import rollups
from quanhu_plan.store import cache

from .conftest import plan_doc
from .test_lazy_cache import SOME, days, plans
from .test_status_rollups import ODD, generated, with_odd_values


def _status_both_ways(doc: dict[str, Any]) -> tuple[Any, list[str]]:
    """``status`` of the plan: cold, warm, and warm without the parts-and-goals path (each
    output); and what a status's read of the warm cache gives (``Goals`` or a plan)."""
    with tempfile.TemporaryDirectory() as folder, mock.patch.object(cache, "CHUNK", 7):
        with mock.patch.dict(os.environ, {"QUANHU_PLAN_CACHE": str(Path(folder) / "cache")}):
            plan_file = Path(folder) / "plan.toml"
            plan_file.write_text(dumps(doc), encoding="utf-8")
            run = ["--file", str(plan_file), "status"]
            outputs = [CliRunner().invoke(app, run)]  # cold: read and remembered
            outputs.append(CliRunner().invoke(app, run))  # warm
            with mock.patch.object(Session, "goals", lambda self: None):
                outputs.append(CliRunner().invoke(app, run))  # warm, the whole plan
            read = store.load(store.PlanSource(plan_file), goals=True)
    assert all(result.exit_code == outputs[0].exit_code for result in outputs)
    return read, [result.output for result in outputs]


@SOME
@given(seed=st.integers(0, 10**6), odd=ODD, end=st.sampled_from([None, 9, 12]))
def test_a_status_of_goals_prints_what_the_status_of_the_whole_plan_prints(seed, odd, end):
    """Generated plans (with odd values put in: float weights, odd progress and figures,
    blocked and dropped tasks), judged at the plan's end or on a day of it."""
    doc = with_odd_values(generated(80, seed), odd)
    if end is not None:  # a plan that ends later than the machine's today: judged today
        doc["plan"]["end"] = dt.date(dt.date.today().year + 1, end, 28)
    _, outputs = _status_both_ways(doc)
    assert outputs[0] == outputs[1] == outputs[2]


@SOME
@given(items=plans())
def test_a_status_of_any_plan_prints_the_same_by_either_path(items):
    """Any plan (parts holding goals and tasks side by side, milestones, weights, traces,
    conflicts): the status of its parts and goals where it can be, the whole plan's else."""
    _, outputs = _status_both_ways(plan_doc(items))
    assert outputs[0] == outputs[1] == outputs[2]


def test_the_status_of_a_generated_plan_is_drawn_of_its_parts_and_goals():
    """(So that the tests above test that path.) A benchmark plan is read as its parts and
    goals alone, warm; a plan with milestones, a task right under a part, or a task of weight
    2 is read whole."""
    doc = generated(200, 1)
    read, outputs = _status_both_ways(doc)
    assert isinstance(read, goal_figures.Goals)
    assert outputs[1] == outputs[2]
    tasks = [table for table in doc["item"] if table["id"].count(".") == 2]
    assert len(list(read.items())) == len(doc["item"]) - len(tasks) > 0  # no task
    for change in (
        {"milestone": [{"due": dt.date(2023, 6, 30), "progress": 50}]},
        {"weight": 2},
    ):
        odd = generated(200, 1)
        odd["item"][[t["id"] for t in odd["item"]].index(tasks[3]["id"])].update(change)
        read, outputs = _status_both_ways(odd)
        assert not isinstance(read, goal_figures.Goals), change
        assert outputs[1] == outputs[2]
    beside = generated(200, 1)
    beside["item"].insert(1, {"id": "1.99", "title": "部分下的任务", "progress": 40})
    read, outputs = _status_both_ways(beside)
    assert not isinstance(read, goal_figures.Goals)
    assert outputs[1] == outputs[2]


@SOME
@given(seed=st.integers(0, 10**6), odd=ODD, day=days, longest=st.sampled_from([0, 256]))
def test_the_goals_figures_are_those_of_the_plan_read_whole_on_any_day(seed, odd, day, longest):
    """``goal_rollups`` against ``rollups`` of the plan read whole, every part's and goal's
    figures and the whole plan's, exactly (also each goal added up alone: ``_LONGEST`` 0)."""
    doc = with_odd_values(generated(60, seed), odd)
    with tempfile.TemporaryDirectory() as folder, mock.patch.object(cache, "CHUNK", 5):
        with mock.patch.dict(os.environ, {"QUANHU_PLAN_CACHE": str(Path(folder) / "cache")}):
            plan_file = Path(folder) / "plan.toml"
            plan_file.write_text(dumps(doc), encoding="utf-8")
            whole = store.load(store.PlanSource(plan_file))
            read = store.load(store.PlanSource(plan_file), goals=True)
    if not isinstance(read, goal_figures.Goals):  # (a weight other than 1 put in)
        return
    slow = rollups(whole, day, tasks=False)
    with mock.patch.object(goal_figures, "_LONGEST", longest):
        quick = goal_figures.goal_rollups(read, day)
    ids = [item.id for item in whole.items() if item.children] + [""]
    assert set(quick) == set(ids)
    for key in ids:
        assert (quick[key].to_dict(), quick[key].ratio) == (slow[key].to_dict(), slow[key].ratio)
