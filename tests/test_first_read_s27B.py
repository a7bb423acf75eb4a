"""The first read of a big plan with no parse cache entry, made cheaper (session 27, B): every
task's sketch made a field at a time over the tables (``sketches.sketches_of``), the items of a
plan whose tables are all plainly right made without the loop that checks each
(``building._plain_items``), a chunk without a log pickled as it is (``cache_chunks.chunk_of``)
and the items read from a file plain ``Item`` objects, the lazy ones of the cache a class of
their own (``model.LazyItem``). Each must make what it made before: the same sketches sharing
the same keys, the same items, problems and tree, the same entry, and every command prints the
same with no entry, a warm one, a damaged one and the cache off."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from typer.testing import CliRunner

from quanhu_plan import building, model, store
from quanhu_plan.canonical import dumps
from quanhu_plan.cli import app
from quanhu_plan.sketches import sketch_of, sketches_of
from quanhu_plan.store import cache
from quanhu_plan.store.cache_chunks import chunk_of, tables_of

from .test_status_rollups import generated

runner = CliRunner()
CST = dt.timezone(dt.timedelta(hours=8))
D = dt.date(2023, 5, 31)


def _odd_tables() -> list[dict[str, Any]]:
    """Tables of every kind a sketch tells apart, and values a key cannot hold."""
    at = dt.datetime(2023, 3, 1, 9, tzinfo=CST)
    return [
        {"id": "1", "title": "部分"},
        {"id": "1.1", "title": "目标", "lead_unit": "办"},
        {"id": "1.1.1", "title": "t", "due": D, "status": "doing", "progress": 50},
        {"id": "1.1.2", "title": "t", "due": D, "status": "doing", "progress": 50.0},
        {"id": "1.1.3", "title": "t", "due": D, "status": "doing", "progress": True},
        {"id": "1.1.4", "title": "t", "due": D, "status": "done", "done_on": D},
        {"id": "1.1.5", "title": "t", "due": D, "status": "done", "done_on": at},
        {"id": "1.1.6", "title": "t", "due": D, "status": "done", "done_on": "2023-05"},
        {"id": "1.1.7", "title": "t", "due": "2023-Q2", "start": dt.date(2023, 3, 1)},
        {"id": "1.1.8", "title": "t", "due": D, "weight": 2},
        {"id": "1.1.9", "title": "t", "due": D, "weight": 0.5, "progress": 50},
        {"id": "1.1.10", "title": "t", "target": 0, "actual": 3, "measure": "起"},
        {"id": "1.1.11", "title": "t", "target": 98, "measure": "%", "target_text": "≥98%"},
        {"id": "1.1.12", "title": "第36位", "target": 36, "measure": "位", "actual": 40},
        {"id": "1.1.13", "title": "t", "target": 5, "direction": "down", "actual": 5.0},
        {"id": "1.1.14", "title": "t", "milestone": [{"on": D, "title": "m"}]},
        {"id": "1.1.15", "title": "t", "milestone": []},
        {"id": "1.1.16", "title": "t", "conflict": {"ours": {}}},
        {"id": "1.1.17", "title": "t", "log": [{"at": at, "action": "add"}]},
        {"id": "1.1.18", "title": "t", "log": []},
        {"id": "1.1.19", "title": "t", "progress": [1, 2]},  # (a key cannot hold a list)
        {"id": "1.1.20", "title": "t", "due": D, "status": "doing", "progress": 50},
        {"id": "1.1.21", "title": "t", "target": 0, "actual": 3, "measure": "起"},
    ]


def _same_sharing(ours: list[Any], theirs: list[Any]) -> bool:
    """Whether two lists of sketches share their keys alike: the same sketches' keys are one."""
    return [[a[2] is b[2] for b in ours] for a in ours] == [
        [a[2] is b[2] for b in theirs] for a in theirs
    ]


@pytest.mark.parametrize("seed", range(40))
def test_sketches_of_makes_each_tables_sketch(seed):
    """Any mix of the tables above (repeated, in any order, with keys met before): the
    sketches ``sketch_of`` makes one by one, equal keys shared as it shares them."""
    rng = random.Random(seed)
    pool = _odd_tables()
    tables = [dict(rng.choice(pool)) for _ in range(rng.randint(0, 60))]
    if seed % 3 == 0:  # (the plain ones alone: every field a column)
        tables = [table for table in tables if not {"log", "milestone", "conflict"} & set(table)]
    before = [dict(rng.choice(pool)) for _ in range(rng.randint(0, 5))]
    keys_one, keys_all = {}, {}
    for table in before:  # keys already met in an earlier chunk
        sketch_of(table, keys_one)
        sketch_of(table, keys_all)
    one_by_one = [sketch_of(table, keys_one) for table in tables]
    made = sketches_of(tables, keys_all)
    assert made == one_by_one
    assert [type(part) for sketch in made for part in sketch] == [
        type(part) for sketch in one_by_one for part in sketch
    ]
    assert keys_all == keys_one and _same_sharing(made, one_by_one)


def test_the_plain_tables_of_a_generated_plan_are_sketched_as_one_by_one():
    tables = generated(400, 3)["item"]
    keys_one: dict[Any, Any] = {}
    one_by_one = [sketch_of(table, keys_one) for table in tables]
    keys_all: dict[Any, Any] = {}
    made = sketches_of(tables, keys_all)
    assert made == one_by_one and keys_all == keys_one and _same_sharing(made, one_by_one)


@pytest.mark.parametrize("tables", [[], _odd_tables(), generated(300, 5)["item"]])
def test_a_chunk_is_what_it_was(tables):
    """A chunk with no log is the pickle of its tables, as when each was looked at for one."""
    no_logs = [table for table in tables if "log" not in table]
    for some in (tables, no_logs):
        with mock.patch("quanhu_plan.store.cache_chunks.contains", lambda table, key: True):
            table_by_table = chunk_of(some)  # (each table looked at for a log to cut)
        assert chunk_of(some) == table_by_table
        assert tables_of(chunk_of(some)) == some


def _built(doc: dict[str, Any], plain: bool) -> tuple[Any, list[Any]]:
    if plain:
        return building.build_plan(doc)
    with mock.patch.object(building, "_plain_items", lambda tables, checked, every: None):
        return building.build_plan(doc)


def _shape(plan: model.Plan | None) -> list[tuple[Any, ...]]:
    if plan is None:
        return []
    return [
        (item.id, item.index, item.parent.id if item.parent else None, id(item.data))
        for item in plan.items()
    ]


def _problems(problems: list[Any]) -> list[tuple[Any, ...]]:
    return [(p.item_id, p.field, p.found, p.index, p.allowed) for p in problems]


@pytest.mark.parametrize(
    "change",
    [
        None,
        ("dup", 5),  # an id given twice
        ("id", " 1.1.3"),  # an id with a space
        ("id", ""),  # a blank id
        ("title", ""),  # a blank title
        ("progress", 101),
        ("parent", "99"),  # a parent that is no item
        ("orphan", "7.7.7"),  # an implied parent that is no item
        ("notdict", None),
    ],
)
def test_the_items_of_a_plan_are_built_as_one_by_one(change):
    """A long plan (read column-wise, ``validate_columns``): its items, their tree and its
    problems are those the loop over the tables makes, with one slip put in or none."""
    doc = generated(200, 9)
    tables = doc["item"]
    if change is not None:
        kind, value = change
        if kind == "dup":
            tables.append(dict(tables[value]))
        elif kind == "orphan":
            tables.append({"id": value, "title": "t"})
        elif kind == "notdict":
            tables.insert(3, "not a table")
        else:
            tables[7][kind] = value
    from quanhu_plan.validate_columns import plainly_right

    checked = plainly_right(tables)
    made = building._plain_items(tables, checked)
    assert (made is not None) == (change is None or change[0] in ("parent", "orphan"))
    every = building._plain_items(tables, checked, len(checked) == len(tables))
    assert _shape(model.Plan({}, every or [], {})) == _shape(model.Plan({}, made or [], {}))
    plain_plan, plain_problems = _built(doc, plain=True)
    loop_plan, loop_problems = _built(doc, plain=False)
    assert _shape(plain_plan) == _shape(loop_plan)
    assert _problems(plain_problems) == _problems(loop_problems)
    assert bool(plain_problems) == (change is not None)


def test_the_items_read_from_a_file_are_plain_and_those_of_the_cache_lazy(tmp_path):
    plan_file = tmp_path / "plan.toml"
    plan_file.write_text(dumps(generated(600, 2)), encoding="utf-8")
    read = store.load(store.PlanSource(plan_file))  # no entry: read from the file
    assert {type(item) for item in read.items()} == {model.Item}
    recalled = store.load(store.PlanSource(plan_file))
    assert {type(item) for item in recalled.items()} == {model.LazyItem}
    task = next(item for item in recalled.items() if not item.children)
    assert task.sketch is not None and task.data["id"] == task.id  # loaded when asked for
    assert [item.data for item in recalled.items()] == [item.data for item in read.items()]


def _varied(tasks: int) -> dict[str, Any]:
    """A generated plan long enough for ``quick_toml``, with tables a sketch tells apart."""
    doc = generated(tasks, 11)
    tasks_of = [table for table in doc["item"] if table["id"].count(".") == 2]
    tasks_of[3]["progress"], tasks_of[3]["status"] = 50.0, "doing"
    tasks_of[4]["weight"] = 2
    tasks_of[5].update(target=98, measure="%", target_text="≥98%", actual=97)
    tasks_of[6].update(target=0, measure="起", actual=0)
    tasks_of[7]["start"] = dt.date(2023, 4, 1)
    tasks_of[8]["due"] = "2023-Q3"
    return doc


COMMANDS = [
    ["status"],
    ["status", "--json"],
    ["status", "--by", "owner"],
    ["status", "--as-of", "2023-06-30"],
    ["list"],
    ["show", "1.1.3"],
    ["log", "--all"],
]


def _run(args: list[str]) -> tuple[int, str]:
    result = runner.invoke(app, args)
    return result.exit_code, result.output


def _outputs(plan_file: Path) -> list[tuple[int, str]]:
    return [_run(["--file", str(plan_file), *args]) for args in COMMANDS]


def _entries(folder: Path) -> list[Path]:
    return [path for path in folder.iterdir() if not path.name.endswith(".text")]


@pytest.mark.parametrize("tasks", [700, 1500])
def test_cold_warm_damaged_and_no_cache_print_the_same(tmp_path, monkeypatch, tasks):
    plan_file = tmp_path / "plan.toml"
    plan_file.write_text(dumps(_varied(tasks)), encoding="utf-8")
    cache_folder = tmp_path / "cache"
    monkeypatch.setenv("QUANHU_PLAN_CACHE", "off")
    off = _outputs(plan_file)
    assert all(code == 0 for code, _ in off), off
    json.loads(off[1][1])  # (the --json one is JSON)
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(cache_folder))
    for command, expected in zip(COMMANDS, off, strict=True):  # each the first, no entry
        for path in cache_folder.glob("*") if cache_folder.exists() else []:
            path.unlink()
        assert _run(["--file", str(plan_file), *command]) == expected, command
    assert _entries(cache_folder)
    assert _outputs(plan_file) == off  # warm
    for entry in _entries(cache_folder):  # damaged: a byte in its middle changed
        data = bytearray(entry.read_bytes())
        data[len(data) // 2] ^= 0xFF
        entry.write_bytes(bytes(data))
    assert _outputs(plan_file) == off
    assert _outputs(plan_file) == off  # (stored again after the damaged one)


def test_a_change_after_the_first_read_writes_what_it_writes_with_the_cache_off(
    tmp_path, monkeypatch, clock
):
    doc = _varied(900)
    written = {}
    for cache_setting in ("off", str(tmp_path / "cache")):
        monkeypatch.setenv("QUANHU_PLAN_CACHE", cache_setting)
        plan_file = tmp_path / f"plan-{len(written)}.toml"
        plan_file.write_text(dumps(doc), encoding="utf-8")
        assert _run(["--file", str(plan_file), "status"])[0] == 0  # the first read
        assert _run(["--file", str(plan_file), "done", "1.1.3"])[0] == 0
        assert _run(["--file", str(plan_file), "note", "1.1.4", "进展顺利"])[0] == 0
        written[cache_setting] = (
            plan_file.read_bytes(),
            _run(["--file", str(plan_file), "status"]),
            _run(["--file", str(plan_file), "log", "--all"]),
        )
    first, second = written.values()
    assert first == second


def test_the_entry_stored_is_the_one_stored_one_sketch_at_a_time(tmp_path, monkeypatch):
    """The chunks of sketches and tables a first read stores are those made one by one."""
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(tmp_path / "cache"))
    plan_file = tmp_path / "plan.toml"
    plan_file.write_text(dumps(_varied(800)), encoding="utf-8")
    stored: list[Any] = []
    real_stored = cache.stored_entry

    def keep(*args: Any) -> Any:
        stored.append(args[1:6])
        return real_stored(*args)

    def one_by_one(tables: list[Any], keys: dict[Any, Any]) -> list[Any]:
        return [sketch_of(table, keys) for table in tables]

    with mock.patch.object(cache, "stored_entry", keep):
        store.load(store.PlanSource(plan_file))
        for entry in (tmp_path / "cache").iterdir():
            entry.unlink()
        with mock.patch("quanhu_plan.sketches.sketches_of", one_by_one):
            store.load(store.PlanSource(plan_file))
    assert len(stored) == 2 and stored[0] == stored[1]


@pytest.mark.parametrize("chunk", [1, 3, 256])
@pytest.mark.parametrize("count", [0, 1, 255, 256, 257, 700])
def test_chunks_of_tables_without_logs_hold_as_many_as_before(chunk, count):
    tables = [{"id": str(n), "title": "t"} for n in range(count)]
    with mock.patch.object(cache, "CHUNK", chunk):
        counts = cache._chunk_counts(tables)
        with mock.patch("operator.contains", lambda table, key: True):
            assert counts == cache._chunk_counts(tables)  # (each table looked at for a log)
        with_log = [*tables, {"id": "x", "title": "t", "log": [{}] * 5}]
        assert sum(cache._chunk_counts(with_log)) == count + 1
