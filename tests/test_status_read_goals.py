"""A status of a plan just read (no cache entry: each item with its table) adds its parts and
goals up as a warm status does (``goal_figures.read_goals``): all the tasks' keys made at once,
each distinct key judged once, each goal's tasks summed together. Its rows and figures must be
exactly those ``rollup_tree.rollups`` adds up goal by goal, on any plan and any day; where it
cannot (a goal holding tasks and goals, a task at the top, a task judged by its table), the
status adds the plan up as before."""

from __future__ import annotations

import datetime as dt
from typing import Any
from unittest import mock

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from quanhu_plan import goal_figures
from quanhu_plan.canonical import dumps
from quanhu_plan.cli import app
from quanhu_plan.records import status_rows
from quanhu_plan.store.plan_text import plan_from_text

from .conftest import plan_doc
from .test_lazy_cache import SOME, days, plans
from .test_status_rollups import ODD, generated, with_odd_values


def _rows(plan: Any, day: dt.date) -> list[Any]:
    rows, total = status_rows(plan, day)
    return [
        (r.id, r.title, r.depth, r.figures.to_dict(), r.figures.ratio, r.task) for r in rows
    ] + [(total.to_dict(), total.ratio)]


def _both_ways(doc: dict[str, Any], day: dt.date) -> tuple[list[Any], list[Any], bool]:
    """``status_rows`` of the plan read from its text: by ``read_goals`` where it can, and
    goal by goal; and whether ``read_goals`` took it."""
    plan = plan_from_text(dumps(doc), "plan.toml")
    taken = goal_figures.read_goals(plan) is not None
    quick = _rows(plan, day)
    with mock.patch.object(goal_figures, "read_goals", lambda plan: None):
        slow = _rows(plan, day)
    return quick, slow, taken


@SOME
@given(seed=st.integers(0, 10**6), odd=ODD, day=days, longest=st.sampled_from([0, 256]))
def test_the_rows_of_a_plan_just_read_are_those_added_up_goal_by_goal(seed, odd, day, longest):
    """Generated plans with odd values put in (float weights, odd progress and figures,
    blocked and dropped tasks), on any day (also each goal added up alone: ``_LONGEST`` 0)."""
    doc = with_odd_values(generated(60, seed), odd)
    with mock.patch.object(goal_figures, "_LONGEST", longest):
        quick, slow, _ = _both_ways(doc, day)
    assert quick == slow


@SOME
@given(items=plans(), day=days)
def test_the_rows_of_any_plan_just_read_are_the_same_by_either_way(items, day):
    """Any plan (parts holding goals and tasks side by side, milestones, weights, traces)."""
    quick, slow, _ = _both_ways(plan_doc(items), day)
    assert quick == slow


def test_read_goals_takes_a_benchmark_plan_and_leaves_the_others():
    """(So that the tests above test that path.) A plan as the benchmark makes it is added up
    by ``read_goals``; one with a task right under a part, a goal holding a goal beside its
    tasks, or a task with milestones is added up goal by goal, as before."""
    day = dt.date(2023, 6, 30)
    quick, slow, taken = _both_ways(generated(200, 1), day)
    assert taken and quick == slow
    tasks = [t["id"] for t in generated(200, 1)["item"] if t["id"].count(".") == 2]
    milestone = generated(200, 1)
    milestone["item"][[t["id"] for t in milestone["item"]].index(tasks[3])]["milestone"] = [
        {"due": dt.date(2023, 6, 30), "progress": 50}
    ]
    beside = generated(200, 1)
    beside["item"].insert(1, {"id": "1.99", "title": "部分下的任务", "progress": 40})
    nested = generated(200, 1)
    at = [t["id"] for t in nested["item"]].index(tasks[0]) + 1
    nested["item"].insert(at, {"id": f"{tasks[0]}.1", "title": "任务下的子任务", "progress": 10})
    for doc in (milestone, beside, nested):
        quick, slow, taken = _both_ways(doc, day)
        assert not taken
        assert quick == slow


def test_a_first_status_prints_what_the_status_added_up_goal_by_goal_prints(tmp_path):
    """The CLI: the first status of a plan (no cache entry), its --as-of and --lang en too,
    prints exactly what it prints with the plan added up goal by goal, exit code 0."""
    plan_file = tmp_path / "plan.toml"
    plan_file.write_text(dumps(with_odd_values(generated(120, 7), [])), encoding="utf-8")
    for extra in ([], ["--as-of", "2023-05-31"], ["--lang", "en"]):
        outputs = []
        for patch in (False, True):
            env = {"QUANHU_PLAN_CACHE": str(tmp_path / f"cache{len(outputs)}{len(extra)}")}
            run = ["--file", str(plan_file), *extra, "status"]
            if "--lang" in extra:
                run = ["--file", str(plan_file), "--lang", "en", "status"]
            if "--as-of" in extra:
                run = ["--file", str(plan_file), "status", "--as-of", "2023-05-31"]
            if patch:
                with mock.patch.object(goal_figures, "read_goals", lambda plan: None):
                    result = CliRunner().invoke(app, run, env=env)
            else:
                result = CliRunner().invoke(app, run, env=env)
            assert result.exit_code == 0, result.output
            outputs.append(result.output)
        assert outputs[0] == outputs[1]
        assert "1.1" in outputs[0]
