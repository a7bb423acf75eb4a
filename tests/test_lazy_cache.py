"""A plan recalled from the parse cache loads an item's table only when it is asked for
(``model.Item``, ``store.cache``): what a status asks of every task is answered by the item's
sketch while its table is not loaded. Nothing may differ from a plan read whole: every figure,
every answer and every output is the same, before and after changes made in the same process
on items loaded or not; and a warm status loads no task's table, a note only the chunks it
needs (so the speed cannot go unnoticed)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import random
import sys
import tempfile
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quanhu_plan import model, store
from quanhu_plan.canonical import dumps
from quanhu_plan.changes import Stamp
from quanhu_plan.cli import app
from quanhu_plan.merging.conflicts import open_conflicts
from quanhu_plan.periods import first_day, last_day
from quanhu_plan.records import missed_milestones
from quanhu_plan.replay import anything_after
from quanhu_plan.rollup_tree import rollups
from quanhu_plan.sketches import sketch_of
from quanhu_plan.store import cache, cache_stored

from .conftest import plan_doc

REPO = Path(__file__).resolve().parent.parent
ZONE = dt.timezone(dt.timedelta(hours=8))
SOME = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

days = st.dates(dt.date(2022, 11, 1), dt.date(2024, 2, 1))
periods = days | st.sampled_from(["2023-05", "2023-Q2", "2023-12", "2023-Q4", "2023-01"])
numbers = st.integers(0, 120) | st.floats(0, 120, allow_nan=False).map(lambda x: round(x, 2))


@st.composite
def log_entry(draw: Any) -> dict[str, Any]:
    at = dt.datetime.combine(draw(days), dt.time(9), ZONE)
    entry: dict[str, Any] = {"at": at, "by": "张三", "action": "note", "note": "进展"}
    if draw(st.booleans()):
        entry["on"] = draw(days)
    return entry


@st.composite
def task_table(draw: Any, item_id: str) -> dict[str, Any]:
    table: dict[str, Any] = {"id": item_id, "title": draw(st.sampled_from(["修塘", "排名第5位"]))}
    status = draw(st.sampled_from([None, "todo", "doing", "done", "blocked", "dropped"]))
    if status is not None:
        table["status"] = status
    if status == "done" and draw(st.booleans()):
        table["done_on"] = draw(days)
    if draw(st.booleans()):
        table["progress"] = draw(numbers.filter(lambda x: x <= 100))
    for name in ("due", "start"):
        if draw(st.booleans()):
            table[name] = draw(periods)
    if "due" in table and "start" in table:  # a start after the due date is not valid
        if first_day(table["start"]) > last_day(table["due"]):
            del table["start"]
    if draw(st.integers(0, 3)) == 0:
        table["measure"] = draw(st.sampled_from(["处", "位", "名次"]))
        table["target"] = draw(numbers)
        if draw(st.booleans()):
            table["actual"] = draw(numbers)
        if draw(st.booleans()):
            table["direction"] = draw(st.sampled_from(["up", "down"]))
    if draw(st.integers(0, 4)) == 0:
        table["milestone"] = [
            {
                "due": draw(days.filter(lambda d: d.year == 2023)),
                "progress": draw(st.integers(0, 100)),
            }
        ]
    if draw(st.integers(0, 3)) == 0:
        table["weight"] = draw(st.integers(1, 5) | st.just(0.5))
    if draw(st.integers(0, 2)) == 0:
        table["log"] = draw(st.lists(log_entry(), min_size=1, max_size=3))
    if draw(st.integers(0, 8)) == 0:
        at = dt.datetime(2023, 5, 1, 9, tzinfo=ZONE)
        table["conflict"] = [
            {
                "field": "progress",
                "ours": 10,
                "theirs": 20,
                "ours_by": "甲",
                "ours_at": at,
                "theirs_by": "乙",
                "theirs_at": at,
            }
        ]
    return table


@st.composite
def plans(draw: Any) -> list[dict[str, Any]]:
    """The items of a valid plan: parts holding goals and tasks side by side, tasks of every
    kind (progress, figures, milestones, weights, a trace, a conflict)."""
    items: list[dict[str, Any]] = []
    for p in range(1, draw(st.integers(1, 3)) + 1):
        items.append({"id": f"{p}", "title": f"部分{p}"})
        for g in range(1, draw(st.integers(1, 4)) + 1):
            if draw(st.booleans()):  # a task right under the part, between its goals
                items.append(draw(task_table(f"{p}.{g}")))
                continue
            goal: dict[str, Any] = {"id": f"{p}.{g}", "title": f"目标{g}"}
            if draw(st.integers(0, 3)) == 0:
                goal["weight"] = 2
            items.append(goal)
            for t in range(1, draw(st.integers(1, 4)) + 1):
                items.append(draw(task_table(f"{p}.{g}.{t}")))
    return items


def answers(plan: model.Plan, day: dt.date) -> Any:
    """Everything a status asks of a plan, as plain values."""
    figures = {key: value.to_dict() for key, value in rollups(plan, day).items()}
    conflicts = [(c.item_id, c.field) for c in open_conflicts(plan)]
    missed = [(task.id, state.to_dict()) for task, state in missed_milestones(plan, day)]
    return figures, conflicts, missed, anything_after(plan, day), [i.id for i in plan.items()]


def not_loaded(plan: model.Plan) -> list[model.Item]:
    return [item for item in plan.items() if item.sketch is not None]


def change(plan: model.Plan, rng: random.Random, day: dt.date) -> None:
    """What a change does to tables: set a field, as a change sets it; then each table it
    changed is replaced, as the store replaces a table it rewrote with the table as the file
    reads (``remembering.remember_written``)."""
    items = list(plan.items())
    for item in rng.sample(items, min(len(items), 3)):
        what = rng.randrange(5)
        if what == 0:
            item.data["status"] = rng.choice(["done", "dropped", "doing", "blocked"])
        elif what == 1:
            item.data["progress"] = rng.choice([0, 35, 100, 12.5])
        elif what == 2:
            item.data = {**item.data, "due": day}
        elif what == 3:
            item.data.pop("target", None)
            item.data["log"] = [
                *item.data.get("log", []),
                {"at": dt.datetime(2024, 1, 5, 9, tzinfo=ZONE), "action": "note"},
            ]
        else:
            item.data.pop("conflict", None)
            item.data.pop("milestone", None)
        item.data = dict(item.data)


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "CHUNK", 3)  # many chunks: some load, others do not


@SOME
@given(items=plans(), seed=st.integers(0, 10**6), day=days)
def test_a_plan_from_the_cache_answers_as_the_plan_read_whole_before_and_after_changes(
    items, seed, day
):
    """Lazily recalled (tables not loaded), some chunks loaded, tables changed in the same
    process, stored and recalled again: every figure, conflict, missed milestone and later
    change is what the plan read whole says, changed alike."""
    with tempfile.TemporaryDirectory() as folder, mock.patch.object(cache, "CHUNK", 3):
        plan_file = Path(folder) / "plan.toml"
        plan_file.write_text(dumps(plan_doc(items)), encoding="utf-8")
        with mock.patch.dict(os.environ, {"QUANHU_PLAN_CACHE": str(Path(folder) / "cache")}):
            source = store.PlanSource(plan_file)
            whole = store.load(source)  # cold: read whole, and remembered
            lazy = store.load(source)
            assert lazy is not whole
            assert len(not_loaded(lazy)) == len(list(lazy.items()))  # nothing loaded yet
            for when in (day, dt.date(2023, 6, 30)):
                assert answers(lazy, when) == answers(whole, when)
            assert not_loaded(lazy), "a status loads no task's table"

            # Some tables loaded (whole chunks) and changed, alike in both plans.
            rng = random.Random(seed)
            every = list(lazy.items())
            for item in rng.sample(every, min(len(every), rng.randint(0, 3))):
                item.data  # noqa: B018 - loaded
            change(lazy, random.Random(seed), day)
            change(whole, random.Random(seed), day)
            assert answers(lazy, day) == answers(whole, day)

            # Stored as a change stores it, and recalled: the plan the file would read as,
            # each sketch what its table says.
            raw, real = plan_file.read_bytes(), plan_file.resolve()
            cache.remember(real, raw, os.stat(real), lazy, share=False)
            again = cache.recall(real, raw, os.stat(real))
            assert again is not None
            sketches = [item.sketch for item in again.items()]
            assert answers(again, day) == answers(whole, day)
            keys: dict[Any, Any] = {}
            assert sketches == [sketch_of(item.data, keys) for item in again.items()]
            assert again.packed()[:5] == whole.packed()[:5]


def _generated(tasks: int) -> dict[str, Any]:
    path = REPO / "benchmarks" / "generate.py"
    spec = importlib.util.spec_from_file_location("_bench_generate", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["_bench_generate"] = module
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules["_bench_generate"]
    return module.plan_doc(tasks)


@pytest.fixture
def generated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A generated plan of 300 tasks (20 to a goal), in chunks of about 40 tables, warm."""
    monkeypatch.setattr(cache, "CHUNK", 40)
    plan_file = tmp_path / "plan.toml"
    plan_file.write_text(dumps(_generated(300)), encoding="utf-8")
    assert CliRunner().invoke(app, ["--file", str(plan_file), "status"]).exit_code == 0
    return plan_file


def loads_seen(monkeypatch: pytest.MonkeyPatch) -> list[list[model.Item]]:
    """The items of each chunk of tables loaded from now on."""
    seen: list[list[model.Item]] = []
    load = cache_stored.Chunk.load

    def watched(chunk: Any) -> None:
        at = sum(chunk.stored.counts[: chunk.n])
        seen.append(chunk.stored.items[at : at + chunk.stored.counts[chunk.n]])
        load(chunk)

    monkeypatch.setattr(cache_stored.Chunk, "load", watched)
    return seen


def test_a_warm_status_loads_no_task_table(generated, monkeypatch):
    seen = loads_seen(monkeypatch)
    for args in (["status"], ["status", "--json"], ["status", "--as-of", "2023-12-31"]):
        result = CliRunner().invoke(app, ["--file", str(generated), *args])
        assert result.exit_code == 0, result.output
    assert seen, "the parts' and goals' tables are loaded (their titles are shown)"
    # No task's: every item loaded is a part or goal (a status of parts and goals alone,
    # goal_figures, makes no task's item: its goals hold none).
    whole = store.load(store.PlanSource(generated), whole=True)
    inner = {item.id for item in whole.items() if item.children}
    assert all(item.id in inner for chunk in seen for item in chunk)


def test_a_note_loads_only_the_chunks_it_needs(generated, monkeypatch):
    seen = loads_seen(monkeypatch)
    result = CliRunner().invoke(
        app, ["--file", str(generated), "note", "3.2.5", "进展", "--on", "2023-06-30"]
    )
    assert result.exit_code == 0, result.output
    tasks_loaded = [chunk for chunk in seen if not all(item.children for item in chunk)]
    assert len(tasks_loaded) == 1
    assert "3.2.5" in [item.id for item in tasks_loaded[0]]
    assert sum(map(len, seen)) < 100  # of 315 items


def test_done_prints_the_goals_completion_with_the_change_on_a_plan_from_the_cache(
    generated, monkeypatch
):
    """``plan done`` changes a task loaded in the same process and then rolls its goal up: the
    goal's completion it prints is the one with the change, as with the cache off."""
    text = generated.read_bytes()
    warm = CliRunner().invoke(
        app, ["--file", str(generated), "done", "1.1.3", "--on", "2023-06-01"]
    )
    written = generated.read_bytes()
    generated.write_bytes(text)
    monkeypatch.setenv("QUANHU_PLAN_CACHE", "off")
    off = CliRunner().invoke(app, ["--file", str(generated), "done", "1.1.3", "--on", "2023-06-01"])
    assert (warm.exit_code, warm.output) == (off.exit_code, off.output)
    assert "1.1.3" in warm.output
    assert _without_moments(written) == _without_moments(generated.read_bytes())


def _without_moments(raw: bytes) -> list[bytes]:
    return [line for line in raw.splitlines() if not line.startswith(b"at = ")]


READS = [
    ["status"],
    ["status", "--json"],
    ["status", "--as-of", "2023-06-30", "--json"],
    ["status", "--by", "owner"],
    ["list", "--json"],
    ["show", "1", "--json"],
    ["report", "--format", "json"],
]
CHANGES = [
    ["done", "{task}", "--on", "2023-06-01"],
    ["progress", "{task}", "40", "--on", "2023-05-01"],
    ["note", "{task}", "进展", "--on", "2023-07-01"],
    ["drop", "{task}", "--reason", "不再需要"],
    ["add", "1", "新任务"],
    ["undo"],
]


def _moments() -> Any:
    return iter(
        dt.datetime(2023, 8, 1, 9, tzinfo=ZONE) + dt.timedelta(minutes=n) for n in range(99)
    )


def clocked(clock: Any) -> Any:
    """Changes stamped by ``clock``'s moments, one after the other."""
    return mock.patch.object(
        Stamp, "current", classmethod(lambda cls, by, clock=clock: cls(by, next(clock)))
    )


def outputs(plan_file: Path) -> list[tuple[int, str]]:
    return [said(plan_file, a) for a in READS]


def said(plan_file: Path, args: list[str]) -> tuple[int, str]:
    """What ``plan --file plan_file ARGS`` said, the file named as plan.toml: the commands its
    words advise name the file (tests/test_advice_file.py), off/ and on/ here."""
    result = CliRunner().invoke(app, ["--file", str(plan_file), *args])
    return result.exit_code, result.output.replace(str(plan_file), "plan.toml")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    items=plans(),
    picks=st.lists(st.tuples(st.sampled_from(CHANGES), st.integers(0, 99)), max_size=3),
)
def test_every_read_and_change_gives_the_same_output_cache_off_cold_warm_and_after_changes(
    items, picks
):
    """On many plans: every read's output and JSON is the same with the cache off, cold and
    warm (lazy), and after changes made on a plan recalled from the cache (the change's own
    output, the file it writes and the reads after it)."""
    tasks = [t["id"] for t in items if not any(i["id"].startswith(t["id"] + ".") for i in items)]
    with tempfile.TemporaryDirectory() as folder, mock.patch.object(cache, "CHUNK", 3):
        plans_at = {}
        for mode in ("off", "on"):
            plan_file = Path(folder) / mode / "plan.toml"
            plan_file.parent.mkdir()
            plan_file.write_text(dumps(plan_doc(items)), encoding="utf-8")
            plans_at[mode] = plan_file
        env = {"QUANHU_PLAN_CACHE": "off"}
        on = {"QUANHU_PLAN_CACHE": str(Path(folder) / "cache")}
        with mock.patch.dict(os.environ, env):
            expected = outputs(plans_at["off"])
        with mock.patch.dict(os.environ, on):
            assert outputs(plans_at["on"]) == expected  # cold
            assert outputs(plans_at["on"]) == expected  # warm
        clocks = {mode: _moments() for mode in ("off", "on")}
        for args, pick in picks:
            args = [a.replace("{task}", tasks[pick % len(tasks)]) for a in args]
            results = []
            for mode, environment in (("off", env), ("on", on)):
                with mock.patch.dict(os.environ, environment), clocked(clocks[mode]):
                    results.append(said(plans_at[mode], args))
            assert results[0] == results[1], args
            assert plans_at["off"].read_bytes() == plans_at["on"].read_bytes(), args
            with mock.patch.dict(os.environ, env):
                expected = outputs(plans_at["off"])
            with mock.patch.dict(os.environ, on):
                assert outputs(plans_at["on"]) == expected, args
