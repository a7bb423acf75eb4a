"""A read asks all the items of a plan together (``sketches.sketched_marks``: their sketches, when
recalled from the parse cache, else their tables) whether any has milestones, a merge conflict
or a change after a day, instead of asking each item: ``status`` (missed milestones, the
conflicts note, the JSON's conflicts) and ``plan_at`` (a view of a finished plan that says it
holds later changes). The answers must be those of every item asked one by one."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import tempfile
from pathlib import Path
from typing import Any
from unittest import mock

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from quanhu_plan import model, sketches, store
from quanhu_plan.canonical import dumps
from quanhu_plan.cli import app
from quanhu_plan.cli.app import no_conflicts
from quanhu_plan.merging.conflicts import open_conflicts
from quanhu_plan.records import missed_milestones
from quanhu_plan.replay import anything_after
from quanhu_plan.sketches import SKETCH_ASK, SKETCH_CONFLICT, SKETCH_MILESTONES
from quanhu_plan.store import cache

from .conftest import plan_doc
from .test_lazy_cache import SOME, days, plans

ZONE = dt.timezone(dt.timedelta(hours=8))
AT = dt.datetime(2023, 5, 1, 9, tzinfo=ZONE)
CONFLICT = {"field": "progress", "ours": 10, "theirs": 20, "ours_at": AT, "theirs_at": AT}


def slow_answers(plan: model.Plan, day: dt.date) -> Any:
    """What a status asks, every item asked one by one."""
    missed = [(task.id, state.to_dict()) for task, state in missed_milestones(plan, day)]
    return missed, bool(open_conflicts(plan)), anything_after(plan, day)


def quick_answers(plan: model.Plan, day: dt.date) -> Any:
    sketched = sketches.sketched_marks(plan.roots)
    missed = [(task.id, state.to_dict()) for task, state in missed_milestones(plan, day, sketched)]
    conflicts = not no_conflicts(plan, sketched) and bool(open_conflicts(plan))
    return missed, conflicts, anything_after(plan, day, sketched)


def recalled(folder: str, doc: dict[str, Any]) -> tuple[model.Plan, model.Plan]:
    """The plan read whole (cold), and recalled from the cache (no table loaded)."""
    plan_file = Path(folder) / "plan.toml"
    plan_file.write_text(dumps(doc), encoding="utf-8")
    source = store.PlanSource(plan_file)
    whole = store.load(source)
    lazy = store.load(source)
    assert all(item.sketch is not None for item in lazy.items())
    return whole, lazy


@SOME
@given(items=plans(), day=days, seed=st.integers(0, 10**6), header=st.booleans())
def test_the_sketches_asked_together_answer_as_every_item_asked_alone(items, day, seed, header):
    """Over many plans (milestones, conflicts, traces, tick-offs, weights), recalled with no
    table loaded and with some loaded: missed milestones, whether any conflict is open and
    whether anything counts after the day are what the plan read whole says item by item."""
    meta = {"conflict": [CONFLICT]} if header else {}
    with tempfile.TemporaryDirectory() as folder, mock.patch.object(cache, "CHUNK", 3):
        with mock.patch.dict(os.environ, {"QUANHU_PLAN_CACHE": str(Path(folder) / "cache")}):
            whole, lazy = recalled(folder, plan_doc(items, **meta))
            sketched = sketches.sketched_marks(lazy.roots)
            assert cache.marks_as_recalled(lazy) == sketched  # (as worked out when recalled)
            assert cache.marks_as_recalled(whole) is None
            for when in (day, dt.date(2023, 6, 30), dt.date(2023, 12, 31)):
                expected = slow_answers(whole, when)
                assert quick_answers(lazy, when) == expected  # the sketches say
                assert quick_answers(whole, when) == expected  # the tables say
            every = list(lazy.items())
            for item in random.Random(seed).sample(every, min(len(every), 2)):
                item.data  # noqa: B018 - loaded: its sketch is gone, its table answers
            if len(every) > 0 and any(item.sketch is None for item in every):
                assert cache.marks_as_recalled(lazy) is None  # a table loaded: not as recalled
            assert quick_answers(lazy, day) == slow_answers(whole, day)  # both say


def test_the_sketches_say_together_which_marks_any_item_has_and_the_latest_day():
    items = [
        {"id": "1", "title": "部分"},
        {"id": "1.1", "title": "甲", "done_on": dt.date(2023, 3, 1), "status": "done"},
        {"id": "1.2", "title": "乙", "conflict": [CONFLICT]},
        {"id": "2", "title": "部分二"},
        {"id": "2.1", "title": "目标"},
        {
            "id": "2.1.1",
            "title": "丙",
            "milestone": [{"due": dt.date(2023, 6, 30), "progress": 50}],
            "log": [{"at": AT, "action": "note", "on": dt.date(2023, 9, 9)}],
        },
    ]
    with tempfile.TemporaryDirectory() as folder:
        with mock.patch.dict(os.environ, {"QUANHU_PLAN_CACHE": str(Path(folder) / "cache")}):
            whole, lazy = recalled(folder, plan_doc(items))
            every = SKETCH_CONFLICT | SKETCH_MILESTONES
            # Tables: a log is asked of its table, whatever its days.
            assert sketches.sketched_marks(whole.roots) == (every | SKETCH_ASK, None)
            assert sketches.sketched_marks(whole.roots[:1]) == (
                SKETCH_CONFLICT,
                dt.date(2023, 3, 1),
            )
            assert sketches.sketched_marks(lazy.roots) == (
                SKETCH_CONFLICT | SKETCH_MILESTONES,
                dt.date(2023, 9, 9),
            )
            assert sketches.sketched_marks(lazy.roots[:1]) == (SKETCH_CONFLICT, dt.date(2023, 3, 1))
            assert sketches.sketched_marks([]) == (0, None)


def test_a_warm_status_still_notes_a_conflict_in_an_item_the_header_or_the_archive(tmp_path):
    """With the cache warm (the sketches answer), the conflicts note and the JSON's conflicts
    are there wherever the conflict is: an item's, the [plan] header's, an archived item's."""
    runner = CliRunner()
    tasks = [{"id": "1", "title": "部分"}, {"id": "1.1", "title": "任务", "progress": 10}]
    archived = {
        "removed": [
            {
                "at": AT,
                "action": "remove",
                "parent": "1",
                "position": 1,
                "item": [{"id": "1.2", "title": "已删任务", "conflict": [CONFLICT]}],
            }
        ]
    }
    cases = {
        "item": (plan_doc([tasks[0], {**tasks[1], "conflict": [CONFLICT]}]), "1.1"),
        "header": (plan_doc(tasks, conflict=[CONFLICT]), "[plan]"),
        "archive": ({**plan_doc(tasks), **archived}, "1.2"),
        "none": (plan_doc(tasks), None),
    }
    for name, (doc, where) in cases.items():
        plan_file = tmp_path / f"{name}.toml"
        plan_file.write_text(dumps(doc), encoding="utf-8")
        env = {"PLAN_FILE": str(plan_file), "QUANHU_PLAN_CACHE": str(tmp_path / "cache")}
        for _ in range(2):  # cold, then warm
            shown = runner.invoke(app, ["status"], env=env)
            assert shown.exit_code == 0, shown.output
            assert ("合并冲突" in shown.output) == (where is not None), name
            record = json.loads(runner.invoke(app, ["status", "--json"], env=env).stdout)
            assert [c["id"] for c in record.get("conflicts", [])] == ([where] if where else []), (
                name
            )


def test_a_warm_status_still_lists_a_missed_milestone(tmp_path):
    runner = CliRunner()
    items = [
        {"id": "1", "title": "部分"},
        {
            "id": "1.1",
            "title": "修桥",
            "progress": 5,
            "milestone": [{"due": dt.date(2023, 3, 31), "progress": 60}],
        },
    ]
    plan_file = tmp_path / "plan.toml"
    plan_file.write_text(dumps(plan_doc(items)), encoding="utf-8")
    env = {"PLAN_FILE": str(plan_file), "QUANHU_PLAN_CACHE": str(tmp_path / "cache")}
    outputs = []
    for _ in range(2):  # cold, then warm
        record = json.loads(
            runner.invoke(app, ["status", "--json", "--as-of", "2023-06-30"], env=env).stdout
        )
        assert [m["id"] for m in record["missed_milestones"]] == ["1.1"]
        outputs.append(runner.invoke(app, ["status", "--as-of", "2023-06-30"], env=env).output)
    assert "修桥" in outputs[1] and outputs[0] == outputs[1]


def test_a_warm_status_of_a_finished_plan_says_it_holds_later_changes(tmp_path):
    """Past the plan's end, a status is of the plan at its end; a tick-off dated after it (a
    sketch's latest day) makes the heading say the view holds what was recorded since."""
    runner = CliRunner()
    items = [
        {"id": "1", "title": "部分"},
        {"id": "1.1", "title": "修桥", "status": "done", "done_on": dt.date(2024, 1, 5)},
        {"id": "1.2", "title": "修路", "progress": 40},
    ]
    plan_file = tmp_path / "plan.toml"
    plan_file.write_text(dumps(plan_doc(items)), encoding="utf-8")
    env = {"PLAN_FILE": str(plan_file), "QUANHU_PLAN_CACHE": str(tmp_path / "cache")}
    cold = runner.invoke(app, ["status"], env=env).output
    warm = runner.invoke(app, ["status"], env=env).output
    assert cold == warm
    with mock.patch.dict(os.environ, {"QUANHU_PLAN_CACHE": str(tmp_path / "cache")}):
        later = store.load(store.PlanSource(plan_file))  # recalled: the cache holds it
    sketched = sketches.sketched_marks(later.roots)
    assert sketched is not None and sketched[1] == dt.date(2024, 1, 5)
    assert anything_after(later, dt.date(2023, 12, 31), sketched)
    assert not anything_after(later, dt.date(2024, 1, 5), sketched)
