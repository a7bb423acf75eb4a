"""What a change of a long plan recalled lazily from the parse cache keeps in memory: undo looks
at every log without loading the tables into their items (``store.cache.looked_at``) and loads
only those of the change it undoes; a structural change (add, move, rm) copies no table loaded
once it is done (``delta.Before._copy``), checks the tables left as read only for their place in
the tree (``guard._verdict``), writes from the items' own tables where they are in canonical
order (``Plan.to_doc(read_only=True)``) and leaves no cycle behind (``patch._under_placed``);
``rm`` and ``record`` let go of the plan they asked on (``store.cache.let_go``). Each gives the
same output and file as before (the cache off, or the whole check)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from unittest import mock

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from quanhu_plan import store
from quanhu_plan.canonical import dumps
from quanhu_plan.cli import app
from quanhu_plan.delta import taking
from quanhu_plan.store import cache, cache_stored
from quanhu_plan.validate import MAX_TREE_DEPTH

from .conftest import plan_doc
from .test_lazy_cache import _generated, plans
from .test_lazy_cache_commands import SOME, _compare

# Changes by two people, then undos of one's own, of anyone's and of the other's: the newest
# change found across the whole plan and the archive, the one of someone else newer still named.
UNDOS = [
    ["done", "{task}", "--on", "2023-06-01"],
    ["note", "{goal}", "进展", "--on", "2024-01-02", "--by", "李四"],
    ["progress", "{task}", "40", "--by", "李四"],
    ["move", "{task}", "{goal}"],
    ["rm", "{task}", "-y"],
    ["add", "{goal}", "新任务", "--by", "李四"],
    ["undo"],
    ["undo"],
    ["undo", "--anyone"],
    ["undo", "--by", "李四"],
]


@SOME
@given(
    items=plans(),
    picks=st.lists(st.tuples(st.sampled_from(UNDOS), st.integers(0, 99)), max_size=6),
    chunk=st.sampled_from([1, 2, 5]),
)
def test_undo_after_changes_by_two_people_gives_the_same_output_and_file_with_the_cache_off_and_lazy(
    items, picks, chunk
):
    text = dumps(plan_doc(items)).encode()
    ids = [item["id"] for item in items]
    with tempfile.TemporaryDirectory() as folder, mock.patch.object(cache, "CHUNK", chunk):
        _compare(Path(folder), text, text, ids, picks + [(["undo"], 0), (["undo", "--anyone"], 1)])


def _warm(plan_file: Path) -> None:
    plan_file.write_text(dumps(_generated(400)), encoding="utf-8")
    assert CliRunner().invoke(app, ["--file", str(plan_file), "status"]).exit_code == 0


def test_undo_of_a_plan_recalled_lazily_loads_only_the_tables_of_the_change_it_undoes(
    plan_file, monkeypatch
):
    monkeypatch.setattr(cache, "CHUNK", 20)
    _warm(plan_file)
    task = "3.2.5"
    result = CliRunner().invoke(app, ["--file", str(plan_file), "progress", task, "55"])
    assert result.exit_code == 0, result.output
    loaded: list[int] = []
    real_load = cache_stored.Chunk.load

    def counted(chunk: cache_stored.Chunk) -> None:
        loaded.append(chunk.n)
        real_load(chunk)

    monkeypatch.setattr(cache_stored.Chunk, "load", counted)
    result = CliRunner().invoke(app, ["--file", str(plan_file), "undo"])
    assert result.exit_code == 0, result.output
    assert task in result.output
    chunks = len(cache._RECALLED[1].counts) if cache._RECALLED else 0
    assert chunks > 10
    assert len(loaded) <= 2, loaded  # the task's chunk (and its goal's), not all of them
    assert f'id = "{task}"' in plan_file.read_text(encoding="utf-8")
    assert "undone" in plan_file.read_text(encoding="utf-8")


def test_a_table_loaded_after_the_change_is_done_is_its_own_copy_as_read(plan_file, monkeypatch):
    monkeypatch.setattr(cache, "CHUNK", 20)
    _warm(plan_file)
    plan = store.load(store.PlanSource(plan_file))
    assert all(item.sketch is not None for item in plan.items())  # recalled lazily
    with taking(plan) as before:
        first = plan.find("1.1.1")
        first.data["progress"] = 7  # (a change sets a key: here in place, as a test may)
        found = before.delta()
    assert [item.id for item, _ in found.changed] == ["1.1.1"]
    assert before.copies[before.items.index(first)] is not first.data  # copied as it loaded
    last = plan.item_list()[-1]
    n = before.items.index(last)
    assert before.copies[n] is None
    last.data  # noqa: B018 - loaded now, the change done
    before.ids_read()  # every table loaded now is settled: the one loaded since, as read
    assert before.tables[n] is last.data
    assert before.copies[n] is last.data
    assert id(last.data) in before.as_read()
    assert id(first.data) not in before.as_read()


def test_a_move_that_would_leave_an_invalid_plan_is_refused_with_the_whole_checks_message(
    plan_file,
):
    """The tables left as read are checked for their place in the tree only; a problem found so
    is reported as the whole check words it (here: an item too deep)."""
    items = [{"id": "1", "title": "部分"}]
    parent = "1"
    for depth in range(2, MAX_TREE_DEPTH):
        items.append({"id": f"{depth}", "title": f"第{depth}层", "parent": parent})
        parent = f"{depth}"
    items.append({"id": "99", "title": "部分二"})
    items.append({"id": "99.1", "title": "目标", "due": "2023-05"})
    items.append({"id": "99.1.1", "title": "任务"})
    plan_file.write_text(dumps(plan_doc(items)), encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["--file", str(plan_file), "status"]).exit_code in (0, 1)
    before = plan_file.read_bytes()
    result = runner.invoke(app, ["--file", str(plan_file), "move", "99.1", parent])
    assert result.exit_code == 1, result.output
    assert "没有写入" in result.output
    assert "99.1.1" in result.output  # the item too deep, as the whole check names it
    assert plan_file.read_bytes() == before


def _items_alive() -> int:
    import gc

    from quanhu_plan.model import Item

    return sum(1 for o in gc.get_objects() if isinstance(o, Item))  # (LazyItem too)


def test_a_plan_let_go_of_goes_at_once_with_the_collector_off(plan_file, monkeypatch):
    """``rm`` asks first, on the plan it read, then reads it again under the lock: the plan it
    asked on goes before (``cache.let_go``), not at the end of the command."""
    import gc

    monkeypatch.setattr(cache, "CHUNK", 20)
    _warm(plan_file)
    plan = store.load(store.PlanSource(plan_file))
    plan.find("2.1.3").data  # noqa: B018 - a chunk loaded too
    count = len(plan.item_list())
    was_on = gc.isenabled()
    gc.disable()
    try:
        alive = _items_alive()
        cache.let_go(plan)
        del plan
        assert _items_alive() <= alive - count
    finally:
        if was_on:
            gc.enable()


def test_rm_answered_yes_removes_the_item_after_letting_go_of_the_plan_it_asked_on(
    plan_file, at_terminal
):
    _warm(plan_file)
    result = CliRunner().invoke(app, ["--file", str(plan_file), "rm", "3.2.5"], input="y\n")
    assert result.exit_code == 0, result.output
    assert "3.2.5" in result.output
    text = plan_file.read_text(encoding="utf-8")
    assert "[[removed]]" in text
    result = CliRunner().invoke(app, ["--file", str(plan_file), "show", "3.2.5"])
    assert result.exit_code == 1
    result = CliRunner().invoke(app, ["--file", str(plan_file), "rm", "3.2.6"], input="n\n")
    assert result.exit_code != 0
    assert 'id = "3.2.6"' in plan_file.read_text(encoding="utf-8")


def test_the_items_placed_anew_are_found_without_leaving_a_cycle_behind():
    """``patch._under_placed`` works with a function that calls itself: let go of when it is
    done, or what it looked at stays as long as the command, the collector off during a change."""
    import gc
    import sys

    from quanhu_plan.patch import _under_placed

    stays = {"1", "1.1", "2.1"}
    new_by_id = {"1": {"id": "1"}, "1.1": {"id": "1.1"}, "2.1": {"id": "2.1", "parent": "3"}}
    was_on = gc.isenabled()
    gc.disable()
    try:
        counts = sys.getrefcount(stays), sys.getrefcount(new_by_id)
        assert _under_placed(stays, new_by_id) == set()
        assert (sys.getrefcount(stays), sys.getrefcount(new_by_id)) == counts
    finally:
        if was_on:
            gc.enable()


@SOME
@given(items=plans(), shuffled=st.randoms(use_true_random=False))
def test_the_document_only_read_is_the_canonical_document_key_for_key(items, shuffled):
    """``to_doc(read_only=True)`` (what ``save`` writes from) gives an item's own table only
    where it is in the canonical order with no log: the same document, keys in the same order,
    whatever order a table's keys came in."""
    from quanhu_plan.building import plan_from_doc

    for table in items[::2]:  # some tables' keys in another order (a hand-written file)
        keys = list(table)
        shuffled.shuffle(keys)
        reordered = {key: table[key] for key in keys}
        table.clear()
        table.update(reordered)
    plan = plan_from_doc(plan_doc(items))
    whole, read_only = plan.to_doc(), plan.to_doc(read_only=True)
    assert read_only == whole
    assert [list(t) for t in read_only["item"]] == [list(t) for t in whole["item"]]
    for table, item in zip(read_only["item"], plan.items(), strict=True):
        if table is item.data:
            assert "log" not in table
        else:
            assert table == item.data
    assert all(
        table is not item.data for table, item in zip(whole["item"], plan.items(), strict=True)
    )


def test_a_plan_read_from_a_canonical_file_is_written_from_its_own_tables(plan_file):
    _warm(plan_file)
    result = CliRunner().invoke(app, ["--file", str(plan_file), "fmt", "--force"])
    assert result.exit_code == 0, result.output
    plan = store.load(store.PlanSource(plan_file))
    doc = plan.to_doc(read_only=True)
    own = [table is item.data for table, item in zip(doc["item"], plan.items(), strict=True)]
    assert all(own)  # (no log, every key in its place: as written)
    assert doc == plan.to_doc()
