"""The goals' figures of a warm status added up all at once (``goal_figures._goals_added``): each
task's figures packed into one whole number, a goal's run of them summed, and every goal's sum
unpacked in one loop (``_unpacked``, which names the fields of ``_FIELDS`` one by one). Held to
``rollup_tree.tasks_combined`` of the same tasks' figures, field by field and in the order of
the counts' keys, and through the command on a generated plan read warm and whole."""

from __future__ import annotations

import os
import tempfile
from math import gcd, lcm
from pathlib import Path
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quanhu_plan import goal_figures
from quanhu_plan.canonical import dumps
from quanhu_plan.cli import app
from quanhu_plan.cli.app import Session
from quanhu_plan.lights import LIGHTS
from quanhu_plan.rollup import PACE_CLASSES, _task_figures
from quanhu_plan.rollup_tree import tasks_combined

from .test_status_rollups import generated

# A task's figures as ``rollup._task_figures`` makes them: a completion (None: dropped), its
# pace class, its light, whether it is blocked, whether it is held.
_RATIO = st.tuples(st.integers(-50, 300), st.integers(1, 97))
_TASK = st.one_of(
    st.just((None, "dropped", None, False, False)),
    st.tuples(
        _RATIO,
        st.sampled_from([kind for kind in PACE_CLASSES if kind != "dropped"]),
        st.sampled_from([*LIGHTS, None]),
        st.booleans(),
        st.booleans(),
    ),
)


def _figures(ratio, kind, light, blocked, held):
    if ratio is not None:
        common = gcd(*ratio)
        ratio = (ratio[0] // common, ratio[1] // common)
    return _task_figures(ratio, kind, light, blocked, None, held)


def test_the_fields_are_unpacked_in_the_order_they_are_packed_in():
    """``_unpacked`` names the counts as ``_FIELDS`` lists them: a change of the pace classes
    or lights must be made there too."""
    assert goal_figures._FIELDS == (
        "done",
        "ahead",
        "on_pace",
        "behind",
        "overdue",
        "dropped",
        "ongoing",
        "red",
        "yellow",
        "green",
        "blocked",
        "held",
        "counted",
    )


@settings(max_examples=150, deadline=None)
@given(goals=st.lists(st.lists(_TASK, min_size=1, max_size=25), min_size=1, max_size=6))
def test_goals_unpacked_at_once_are_tasks_combined(goals):
    made = [[_figures(*task) for task in tasks] for tasks in goals]
    everyone = [figures for tasks in made for figures in tasks]
    below = lcm(*{f.ratio[1] for f in everyone if f.ratio is not None})
    width = 16
    shift = width * len(goal_figures._FIELDS)
    bits = [1 << (width * n) for n in range(len(goal_figures._FIELDS))]
    totals = [
        sum(goal_figures._packed(figures, bits, shift, below) for figures in tasks)
        for tasks in made
    ]
    quick = goal_figures._unpacked(totals, goal_figures._CODES[width], shift, below)
    assert len(quick) == len(made)
    for figures, tasks in zip(quick, made, strict=True):
        slow = tasks_combined([1, task, 1] for task in tasks)
        assert figures.ratio == slow.ratio
        assert figures.to_dict() == slow.to_dict()
        assert list(figures.paces.items()) == list(slow.paces.items())
        assert list(figures.lights.items()) == list(slow.lights.items())
        assert (figures.kind, figures.light, figures.held) == (None, None, slow.held)


def test_a_warm_status_of_a_generated_plan_prints_the_whole_plans_status():
    """Through the command: a generated plan's warm status (its goals added up at once) is the
    status of the plan read whole, and leaves the plan file as it was."""
    doc = generated(400, 7)
    with tempfile.TemporaryDirectory() as folder:
        with mock.patch.dict(os.environ, {"QUANHU_PLAN_CACHE": str(Path(folder) / "cache")}):
            plan_file = Path(folder) / "plan.toml"
            plan_file.write_text(dumps(doc), encoding="utf-8")
            before = plan_file.read_bytes()
            run = ["--file", str(plan_file), "status"]
            cold = CliRunner().invoke(app, run)
            with mock.patch.object(
                goal_figures, "_goals_added", wraps=goal_figures._goals_added
            ) as added:
                warm = CliRunner().invoke(app, run)
            with mock.patch.object(Session, "goals", lambda self: None):
                whole = CliRunner().invoke(app, run)
            assert plan_file.read_bytes() == before
    assert added.call_count == 1  # (the path this tests was taken)
    assert cold.exit_code == warm.exit_code == whole.exit_code == 0
    assert "目标" in warm.output
    assert warm.output == whole.output == cold.output
