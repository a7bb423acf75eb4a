"""Work that grows faster than the plan: found by timing every command on generated plans of
10,000 and 100,000 tasks, and held here by what makes it slow (how often a search of the whole
plan is made), never by a time."""

from __future__ import annotations

import copy
import datetime as dt
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quanhu_plan.canonical import dumps
from quanhu_plan.store import cache_stale

from .conftest import plan_doc
from .test_stale_entry import assert_recalled_alike, items_text


class _CountedList(list):  # type: ignore[type-arg]
    """A list that counts the searches made of it (``index``)."""

    searches = 0

    def index(self, *args: Any) -> int:  # type: ignore[override]
        _CountedList.searches += 1
        return super().index(*args)


def test_a_pull_that_changed_many_items_does_not_search_the_entry_once_an_item(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A file whose items were edited in place (a ``git pull`` that changed an eighth of the
    tasks, ``plan fmt``) is recalled from its stale entry with the changed tables put into
    their chunks (``cache_stale.edited_entry``). Where each changed table sits in the entry's
    order was found by searching that order once a table: 12,000 tables changed in 100,000
    made 600 million comparisons. The plan is the one a whole read gives."""
    opened_stale = cache_stale.opened_stale

    def counted(real: Path) -> Any:
        opened = opened_stale(real)
        if opened is not None:
            head = list(opened.head)
            head[2] = _CountedList(head[2])
            opened.head = tuple(head)
        return opened

    monkeypatch.setattr(cache_stale, "opened_stale", counted)
    _CountedList.searches = 0
    text = items_text(600)
    edited = re.sub(r"(?m)^progress = ([1-9])$", r"progress = \g<1>0", text)  # 54 tasks
    changed = sum(
        a != b for a, b in zip(text.split("[[item]]"), edited.split("[[item]]"), strict=True)
    )
    assert 40 < changed < 600 // 8
    assert assert_recalled_alike(text.encode(), edited.encode(), False, False) is not None
    assert _CountedList.searches <= 16  # (a few changed tables are searched for)


def test_a_few_changed_items_are_still_recalled_alike() -> None:
    """The few-items way (a search each) and the many-items way give the same plan."""
    text = items_text(300)
    for count in (1, 16, 17, 30):
        edited = re.sub(r"(?m)^progress = ([1-9])$", r"progress = \g<1>0", text, count=count)
        assert assert_recalled_alike(text.encode(), edited.encode(), False, False) is not None


# ---------------------------------------------------------------- plan merge


def _old_order(
    ours: list[str], theirs: list[str], fates: dict[str, str], moved: set[str]
) -> list[str]:
    """The order as the merge made it before: each item only theirs (or moved by them alone)
    searched for and inserted (the first of their file, with no item before it: first)."""
    order = [i for i in ours if fates.get(i) == "live" and i not in moved]
    placed = set(order)
    for n, item_id in enumerate(theirs):
        if fates.get(item_id) != "live" or item_id in placed:
            continue
        before = next((p for p in reversed(theirs[:n]) if p in placed), None)
        order.insert(order.index(before) + 1 if before is not None else 0, item_id)
        placed.add(item_id)
    return order


@given(st.data())
@settings(max_examples=300, deadline=None)
def test_the_merged_order_is_the_order_items_were_inserted_in(data: st.DataObject) -> None:
    """Items only theirs are hung after the item before them and the order spelled out once
    (``ordering._in_order``): the order the insertion one by one gave (items of one parent,
    the same on both sides: the sibling before is the item before)."""
    from quanhu_plan.merging.ordering import _in_order

    ids = [str(n) for n in range(data.draw(st.integers(0, 14)))]
    ours = data.draw(st.permutations(ids).map(lambda p: p[: len(p) * 2 // 3]))
    theirs = data.draw(st.permutations(ids))
    theirs = [i for i in theirs if data.draw(st.booleans()) or i not in ours]
    fates = {i: data.draw(st.sampled_from(["live", "live", "archived"])) for i in ids}
    moved = {i for i in ours if i in theirs and data.draw(st.integers(0, 3)) == 0}
    flat = _in_order(ours, theirs, fates, moved, lambda i: "", lambda i: "")
    assert flat == _old_order(ours, theirs, fates, moved)


def _plan(tasks: int, **fields: Any) -> dict[str, Any]:
    items: list[dict[str, Any]] = [{"id": "1", "title": "部分"}]
    items += [{"id": f"1.{n}", "title": f"任务{n}", **fields} for n in range(1, tasks + 1)]
    return plan_doc(items)


def _counting_searches(run: Any) -> int:
    """How many times ``run()`` searches or inserts into a list (``list.index``,
    ``list.insert``), as the profiler sees each call of a built-in."""
    counted = 0

    def watch(frame: Any, event: str, arg: Any) -> None:
        nonlocal counted
        if event == "c_call" and getattr(arg, "__name__", "") in ("index", "insert"):
            if getattr(arg, "__self__", None).__class__ is list:
                counted += 1

    sys.setprofile(watch)
    try:
        run()
    finally:
        sys.setprofile(None)
    return counted


def test_a_merge_of_many_items_added_on_their_side_does_not_search_the_order_for_each() -> None:
    """An item added on their side only goes right after the item before it in their order.
    Each was searched for in the merged order and inserted there: an import of thousands of
    tasks merged into a long plan took their number times the plan's length."""
    from quanhu_plan.merging.three_way import merge

    base = _plan(50)
    theirs = copy.deepcopy(base)
    theirs["item"] += [{"id": f"2.{n}", "title": f"新任务{n}"} for n in range(1, 301)]
    theirs["item"].insert(1, {"id": "2", "title": "新部分"})
    now = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    result: list[Any] = []
    searches = _counting_searches(
        lambda: result.append(merge(base, copy.deepcopy(base), theirs, by="合并", now=now))
    )
    ids = [table["id"] for table in result[0].doc["item"]]
    assert ids == [table["id"] for table in theirs["item"]]
    assert searches < 30


def test_a_merge_of_a_long_archive_fingerprints_each_record_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The removal records of both sides are gathered by what they say beside their tables:
    each record's fingerprint was made once for every record of both sides (the square of a
    long archive: a year of plan rm)."""
    from quanhu_plan.merging import sides, three_way

    base = _plan(10)
    base["removed"] = [
        {
            "at": dt.datetime(2023, 3, 1, 9, n // 60, n % 60, tzinfo=dt.UTC),
            "by": "张三",
            "parent": "1",
            "item": [{"id": f"1.{100 + n}", "title": f"删掉的{n}"}],
        }
        for n in range(200)
    ]
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours["item"][1]["progress"] = 10
    fingerprint = three_way.fingerprint
    made = 0

    def counted(value: Any) -> Any:
        nonlocal made
        if isinstance(value, dict) and "by" in value and "item" not in value:
            made += 1  # (a record's, beside its tables)
        return fingerprint(value)

    monkeypatch.setattr(three_way, "fingerprint", counted)
    monkeypatch.setattr(sides, "fingerprint", counted)  # (its own calls, a value's parts)
    now = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    result = three_way.merge(base, ours, theirs, by="合并", now=now)
    assert len(result.doc["removed"]) == 200
    assert made <= 2 * 400


# ---------------------------------------------------------------- the Word report


def test_the_word_ledger_makes_each_kind_of_row_once_and_copies_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """附表 has a row a task and a heading row a part or goal. Each was made cell by cell
    through python-docx (some 1,000 calls a row) and each heading merged its cells, which
    searches the whole table for its row: a report of 10,000 tasks took minutes and its square.
    A row of a kind made already (kept whole or not, its shading; a heading) is a copy of it
    with its texts put in; the document is the same."""
    import docx.table
    from typer.testing import CliRunner

    from quanhu_plan.cli import app

    made = 0
    add_row = docx.table.Table.add_row

    def counted(self: Any) -> Any:
        nonlocal made
        made += 1
        return add_row(self)

    monkeypatch.setattr(docx.table.Table, "add_row", counted)
    items: list[dict[str, Any]] = []
    for part in (1, 2):
        items.append({"id": f"{part}", "title": f"第{part}部分"})
        for goal in (1, 2, 3):
            items.append({"id": f"{part}.{goal}", "title": f"目标{goal}"})
            for n in range(1, 31):
                task: dict[str, Any] = {"id": f"{part}.{goal}.{n}", "title": f"任务[{n}]\n第二行"}
                task.update([{}, {"status": "done"}, {"progress": n}][n % 3])
                task["due"] = dt.date(2023, 1 + n % 12, 28)
                items.append(task)
    path = tmp_path / "plan.toml"
    path.write_text(dumps(plan_doc(items)), encoding="utf-8")
    out = tmp_path / "r.docx"
    result = CliRunner().invoke(
        app,
        [
            "--file",
            str(path),
            "report",
            "--format",
            "docx",
            "-o",
            str(out),
            "--as-of",
            "2023-09-30",
        ],
    )
    assert result.exit_code == 0, result.output
    assert made < 12  # (each kind once; 188 rows)
    import docx

    table = docx.Document(str(out)).tables[-1]
    rows = [
        [cell.text for cell in row.cells] for row in table.rows[:-1]
    ]  # (-1: the note's row, report/docx_note.py)
    assert len(rows) == 1 + 2 + 6 + 180
    tasks = [row for row in rows if any("任务[" in text for text in row)]
    assert len(tasks) == 180
    assert [row[0] for row in tasks[:3]] == ["1.1.1", "1.1.2", "1.1.3"]
    assert tasks[6][1].endswith("任务[7]第二行")  # (a line end is shown as ``xml_text`` shows it)
