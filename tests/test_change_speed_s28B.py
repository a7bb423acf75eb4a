"""Changes made cheaper (session 28, B). The items recalled from the parse cache
(``model.LazyItem``) load their table through a property over the ``data`` slot, not a
``__getattr__``, which sent every look-up of every attribute of theirs the slow way: a change
on a plan from the cache must print and write what the same change on the file read afresh
does, and an item's table is still loaded the first time it is asked for, and only then."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan import model, store
from quanhu_plan.canonical import dumps
from quanhu_plan.cli import app

from .test_status_rollups import generated

runner = CliRunner()


def _plan(tmp_path: Path, tasks: int = 600) -> Path:
    plan_file = tmp_path / "plan.toml"
    plan_file.write_text(dumps(generated(tasks, 5)), encoding="utf-8")
    return plan_file


def _middle_task(plan_file: Path) -> str:
    plan = store.load(store.PlanSource(plan_file))
    tasks = [item for item in plan.items() if not item.children and item.status != "done"]
    return tasks[len(tasks) // 2].id


def test_no_attribute_of_a_recalled_item_goes_through_getattr(tmp_path):
    plan_file = _plan(tmp_path)
    store.load(store.PlanSource(plan_file))  # no entry: read, and stored
    recalled = store.load(store.PlanSource(plan_file))
    items = list(recalled.items())
    assert {type(item) for item in items} == {model.LazyItem}
    assert not any(hasattr(cls, "__getattr__") for cls in model.LazyItem.__mro__)
    task = next(item for item in items if not item.children)
    other = next(item for item in items if not item.children and item is not task)
    assert task.sketch is not None and task.source is not None
    table = task.data  # loaded now, with the other tables of its chunk
    assert table["id"] == task.id and task.sketch is None and task.source is None
    assert task.data is table  # the slot, from now on
    task.data = {**table, "progress": 7}
    assert task.data["progress"] == 7
    assert other.data["id"] == other.id


def test_an_item_without_its_table_or_a_source_has_no_data():
    item = model.LazyItem(None, 0, ("1",), source=object())
    item.source = None  # (its slot never set: nothing to load it from)
    with pytest.raises(AttributeError):
        item.data  # noqa: B018
    assert not hasattr(item, "no_such_field")
    with pytest.raises(AttributeError):
        item.no_such_field  # type: ignore[attr-defined]  # noqa: B018


@pytest.mark.parametrize(
    "args",
    [
        ["done", "{id}", "--on", "2023-06-30"],
        ["note", "{id}", "进展顺利", "--on", "2023-06-30"],
        ["progress", "{id}", "40", "--on", "2023-06-30"],
    ],
)
def test_a_change_on_a_plan_from_the_cache_is_the_change_on_the_file(tmp_path, clock, args):
    original = _plan(tmp_path)
    task = _middle_task(original)
    argv = [a.format(id=task) for a in args]
    plan_file = tmp_path / "changed" / "plan.toml"
    plan_file.parent.mkdir()
    results = {}
    for warm in (False, True):  # (the same path: the output names it)
        shutil.copy(original, plan_file)
        env = {"QUANHU_PLAN_CACHE": str(tmp_path / f"cache-{warm}")}
        if warm:
            assert runner.invoke(app, ["-f", str(plan_file), "status"], env=env).exit_code == 0
            assert any((tmp_path / "cache-True").iterdir())
        result = runner.invoke(app, ["-f", str(plan_file), *argv], env=env)
        assert result.exit_code == 0, result.output
        results[warm] = (result.output, plan_file.read_bytes())
    assert results[True] == results[False]
    output, written = results[True]
    assert task in output
    assert written != original.read_bytes()
    # and the next read, from the entry the change stored, is the plan the file reads as
    env = {"QUANHU_PLAN_CACHE": str(tmp_path / "cache-True")}
    shown = runner.invoke(app, ["-f", str(plan_file), "show", task], env=env)
    fresh_env = {"QUANHU_PLAN_CACHE": str(tmp_path / "no-entry")}
    fresh = runner.invoke(app, ["-f", str(plan_file), "show", task], env=fresh_env)
    assert shown.exit_code == fresh.exit_code == 0
    assert shown.output == fresh.output


def _tree(shape: list[tuple[str, str | None]]) -> model.Plan:
    """A plan of items (id, parent id), in order, built without a file (ids of any form)."""
    made: dict[str, model.Item] = {}
    roots = []
    for item_id, parent in shape:
        item = model.Item({"id": item_id, "title": f"t{item_id}"})
        made[item_id] = item
        if parent is None:
            roots.append(item)
        else:
            item.parent = made[parent]
            made[parent].children.append(item)
    return model.Plan({"title": "p"}, roots, {})


@pytest.mark.parametrize(
    "shape",
    [
        # numbered as the plan numbers them
        [
            ("1", None),
            ("1.1", "1"),
            ("1.1.1", "1.1"),
            ("1.1.2", "1.1"),
            ("2", None),
            ("2.1", "2"),
            ("2.1.1", "2.1"),
            ("2.10", "2"),
            ("2.10.1", "2.10"),
        ],
        # not nested: a task whose id is not under its goal's, a root id that is another's
        # prefix, an id like a dotted one under another branch, a town's own ids
        [
            ("1", None),
            ("1.1", "1"),
            ("2.1.1", "1.1"),
            ("1.1.1", "1.1"),
            ("2", None),
            ("2.1", "2"),
            ("1.1.2", "2.1"),
            ("（一）", None),
            ("（一）.2", "（一）"),
            ("二。3", "（一）"),
            ("1.1.3", "2"),
            ("x", "2.1"),
        ],
    ],
)
def test_find_by_id_finds_what_the_walk_of_every_item_finds(shape):
    plan = _tree(shape)
    every = list(plan.items())
    for item in every:
        assert plan.find(item.id) is next(i for i in every if i.id == item.id)
        assert plan.find(f" {item.id} ") is item
    with pytest.raises(Exception):  # noqa: B017,PT011 - (UnknownItem: not a nested id either)
        plan.find("1.1.9")


def test_find_by_id_on_a_plan_from_the_cache_loads_no_table(tmp_path):
    plan_file = _plan(tmp_path)
    read = store.load(store.PlanSource(plan_file))
    recalled = store.load(store.PlanSource(plan_file))
    wanted = list(read.items())[::37]
    found = [recalled.find(item.id) for item in wanted]
    assert [item.id for item in found] == [item.id for item in wanted]
    assert all(item.sketch is not None for item in found)  # (no table loaded)
    assert [item.data for item in found] == [item.data for item in wanted]


def test_a_plan_is_said_unloaded_until_a_chunk_of_its_tables_is_loaded(tmp_path):
    from quanhu_plan.store import cache

    plan_file = _plan(tmp_path)
    read = store.load(store.PlanSource(plan_file))
    assert not cache.none_loaded(read)  # (read from the file: not a plan recalled)
    recalled = store.load(store.PlanSource(plan_file))
    assert cache.none_loaded(recalled)
    assert all(item.sketch is not None for item in recalled.items())
    tasks = [item for item in recalled.items() if not item.children]
    tasks[-1].data  # noqa: B018 - its chunk loaded
    assert not cache.none_loaded(recalled)


def test_a_change_of_tasks_far_apart_on_a_plan_from_the_cache_is_the_change_on_the_file(
    tmp_path, clock
):
    original = _plan(tmp_path, 1200)
    plan = store.load(store.PlanSource(original))
    tasks = [item.id for item in plan.items() if not item.children and item.status != "done"]
    argv = ["done", tasks[3], tasks[len(tasks) // 2], tasks[-2], "--on", "2023-06-30"]
    plan_file = tmp_path / "changed" / "plan.toml"
    plan_file.parent.mkdir()
    results = []
    for warm in (False, True):
        shutil.copy(original, plan_file)
        env = {"QUANHU_PLAN_CACHE": str(tmp_path / f"cache-{warm}")}
        if warm:
            assert runner.invoke(app, ["-f", str(plan_file), "status"], env=env).exit_code == 0
        result = runner.invoke(app, ["-f", str(plan_file), *argv], env=env)
        assert result.exit_code == 0, result.output
        again = runner.invoke(app, ["-f", str(plan_file), "list", "--json"], env=env)
        assert again.exit_code == 0, again.output
        results.append((result.output, plan_file.read_bytes(), again.output))
    assert results[0] == results[1]
    assert results[0][1].count(b'action = "done"') == 3
