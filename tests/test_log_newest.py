"""``plan log`` of the newest entries of the whole plan (``trace.newest_rows``) loads only the
tables that can hold one, from what each item's sketch says of its log (``sketches.
trace_sketch``): its output (table, --json, the "shown N of M" line, the exit code) is the one
the whole trace gives (``newest_first(trace(plan))``) for every plan: entries at equal times,
in other time zones, without an offset, with a date or no time at all, the header's log and
removed items' logs."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quanhu_plan import sketches, store, trace
from quanhu_plan.canonical import dumps
from quanhu_plan.cli import app
from quanhu_plan.store import cache, cache_stored

from .conftest import plan_doc

ZONES = [dt.timezone(dt.timedelta(hours=h)) for h in (8, 0, -5, 9)] + [dt.UTC]
# A few instants, so that many entries are written at the same time (in one zone or another).
INSTANTS = [
    dt.datetime(2023, 3, 1, 9, 0, tzinfo=dt.UTC) + dt.timedelta(hours=7 * n) for n in range(6)
]


@st.composite
def entries(draw: st.DrawFn, n: int, odd: bool) -> dict[str, Any]:
    """One log entry, of the kinds a plan's log holds, written by the program or, when
    ``odd``, maybe by hand (a time without offset, a date, an ``on`` alone or no time)."""
    kind = draw(st.sampled_from(["aware"] * 6 + (["naive", "date", "on", "none"] if odd else [])))
    entry: dict[str, Any] = {}
    instant = draw(st.sampled_from(INSTANTS))
    if kind == "aware":
        entry["at"] = instant.astimezone(draw(st.sampled_from(ZONES)))
    elif kind == "naive":
        entry["at"] = instant.replace(tzinfo=None)
    elif kind == "date":
        entry["at"] = instant.date()
    elif kind == "on":
        entry["on"] = instant.date()
    entry["by"] = draw(st.sampled_from(["张三", "李四"]))
    action = draw(st.sampled_from(["note", "note", "progress", "record"]))
    entry["action"] = action
    if action == "note":
        entry["note"] = f"第{n}条"
    elif action == "progress":
        entry["after"] = {"progress": draw(st.integers(0, 100))}
    else:  # a figure: it reads with its unit (``entry_units``)
        entry["before"] = {"actual": n}
        entry["after"] = {"actual": n + 1}
    if draw(st.booleans()) and "at" in entry and draw(st.booleans()):
        entry["undone"] = INSTANTS[-1]
    return entry


@st.composite
def plans(draw: st.DrawFn) -> dict[str, Any]:
    """A plan of a few goals and tasks, each with a log of 0 to 12 entries (a sketch keeps
    the newest 3: ``TRACE_TAIL`` is 3 here), maybe a header's log and removed items."""
    counter = iter(range(10_000))
    odd = draw(st.booleans())
    items: list[dict[str, Any]] = []
    for goal in range(1, draw(st.integers(1, 3)) + 1):
        items.append({"id": str(goal), "title": f"目标{goal}"})
        for task in range(1, draw(st.integers(1, 4)) + 1):
            items.append({"id": f"{goal}.{task}", "title": f"任务{goal}.{task}", "measure": "亩"})
    for item in items:
        size = draw(st.sampled_from([0, 0, 1, 2, 3, 4, 6, 12]))
        log = [draw(entries(next(counter), odd)) for _ in range(size)]
        if log:
            item["log"] = log
    doc = plan_doc(items)
    if draw(st.booleans()):
        doc["plan"]["log"] = [
            draw(entries(next(counter), odd)) for _ in range(draw(st.integers(1, 4)))
        ]
    if draw(st.booleans()):
        removed = {"id": "9", "title": "撤掉的", "log": []}
        removed["log"] = [draw(entries(next(counter), odd)) for _ in range(draw(st.integers(0, 5)))]
        doc["removed"] = [
            {
                "at": INSTANTS[2],
                "by": "张三",
                "action": "remove",
                "parent": "",
                "position": 0,
                "item": [removed],
            }
        ]
    return doc


@pytest.fixture
def small_tails(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A sketch keeps an item's newest 3 entries; chunks of about 6 tables and entries."""
    monkeypatch.setattr(sketches, "TRACE_TAIL", 3)
    monkeypatch.setattr(cache, "CHUNK", 6)
    yield


def _whole_trace(plan_file: Path, limit: int | None) -> tuple[list[dict[str, Any]], int]:
    """What ``plan log`` showed before: every table read, every entry a row."""
    plan = store.load(store.PlanSource(plan_file), True)
    rows = trace.trace(plan)
    return [row.to_dict() for row in trace.newest_first(rows, limit)], len(rows)


def _full_path(plan: Any, limit: int) -> tuple[list[trace.TraceRow], int]:
    rows = trace.trace(plan)
    return trace.newest_first(rows, limit), len(rows)


def _outputs(plan_file: Path, limit: int) -> list[tuple[int, str, str]]:
    runner = CliRunner()
    out = []
    for args in (["log", "-n", str(limit)], ["log", "-n", str(limit), "--json"]):
        result = runner.invoke(app, ["--file", str(plan_file), *args])
        out.append((result.exit_code, result.stdout, result.stderr))
    return out


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    doc=plans(),
    limits=st.lists(st.integers(1, 8), min_size=1, max_size=3),
    loaded=st.lists(st.integers(0, 30), max_size=3),
)
def test_the_newest_entries_are_those_of_the_whole_trace(
    small_tails: None,
    monkeypatch: pytest.MonkeyPatch,
    doc: dict[str, Any],
    limits: list[int],
    loaded: list[int],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        plan_file = Path(folder) / "plan.toml"
        plan_file.write_text(dumps(doc), encoding="utf-8")
        monkeypatch.setenv("QUANHU_PLAN_CACHE", str(Path(folder) / "cache"))
        warm = CliRunner().invoke(app, ["--file", str(plan_file), "status"])
        assert warm.exit_code == 0, warm.output
        for limit in [*limits, 3, 50]:
            plan = store.load(store.PlanSource(plan_file))
            items = list(plan.items())
            assert any(item.sketch is not None for item in items)  # from the cache
            for at in loaded:  # some tables loaded before (with their chunks)
                items[at % len(items)].data  # noqa: B018
            shown, total = trace.newest_rows(plan, limit)
            assert ([row.to_dict() for row in shown], total) == _whole_trace(plan_file, limit)
            # The command as it was (every table read) against the command as it is.
            fast = _outputs(plan_file, limit)
            with monkeypatch.context() as slow:
                slow.setattr(trace, "newest_rows", _full_path)
                assert _outputs(plan_file, limit) == fast


def _plan_with_long_logs(zone: dt.tzinfo | None = dt.UTC) -> dict[str, Any]:
    """Six tasks, each with 80 entries a minute apart (in turn), one of them a figure."""
    items: list[dict[str, Any]] = [{"id": "1", "title": "目标"}]
    start = dt.datetime(2023, 5, 1, 8, 0, tzinfo=zone)
    for task in range(1, 7):
        items.append({"id": f"1.{task}", "title": f"任务{task}", "measure": "亩", "log": []})
    for n in range(480):
        entry: dict[str, Any] = {"at": start + dt.timedelta(minutes=n), "by": "张三"}
        if n % 7:
            entry.update(action="note", note=f"第{n}条")
        else:
            entry.update(action="record", before={"actual": n}, after={"actual": n + 1})
        items[1 + n % 6]["log"].append(entry)
    return plan_doc(items)


def _loads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    seen: list[int] = []
    load = cache_stored.Chunk.load

    def watched(chunk: Any) -> None:
        seen.append(chunk.n)
        load(chunk)

    monkeypatch.setattr(cache_stored.Chunk, "load", watched)
    return seen


def test_the_newest_50_of_a_long_trace_load_no_table_but_for_a_figure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each task's sketch holds its newest 16 entries: the newest 50 of the plan (8 or 9 a
    task) come from them, and a table is loaded only for a figure shown (its unit, walked back
    through its log); the line under the table counts every entry."""
    plan_file = tmp_path / "plan.toml"
    plan_file.write_text(dumps(_plan_with_long_logs()), encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["--file", str(plan_file), "status"]).exit_code == 0
    seen = _loads(monkeypatch)
    result = runner.invoke(app, ["--file", str(plan_file), "log", "-n", "3", "--json"])
    assert result.exit_code == 0
    assert seen == []  # the newest 3 (477 to 479): no figure among them
    assert result.stderr == ""  # (--json: the entries alone)
    assert '"第479条"' in result.stdout and '"第477条"' in result.stdout
    assert '"第475条"' not in result.stdout
    result = runner.invoke(app, ["--file", str(plan_file), "log"])
    assert result.exit_code == 0
    assert "第479条" in result.stdout and "共 480 条，只显示了最新的 50 条" in result.stderr
    assert seen and len(seen) < 6  # the tasks of the figures shown (476, 469, ...)
    assert "完成值：469亩 → 470亩" in result.stdout


def test_a_limit_above_what_a_sketch_holds_loads_what_can_hold_the_newest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "CHUNK", 40)  # a chunk of tables to each task
    plan_file = tmp_path / "plan.toml"
    doc = _plan_with_long_logs()
    # A task whose entries are all older than the newest 200: its table is never loaded.
    doc["item"].append(
        {
            "id": "1.7",
            "title": "早做完的",
            "log": [{"at": dt.datetime(2023, 2, 1, tzinfo=dt.UTC), "by": "李四", "action": "note"}]
            * 30,
        }
    )
    plan_file.write_text(dumps(doc), encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["--file", str(plan_file), "status"]).exit_code == 0
    fast = _outputs(plan_file, 200)
    assert fast[0][0] == 0 and "共 510 条，只显示了最新的 200 条" in fast[0][2]
    assert fast[1][0] == 0 and fast[1][1].count('"item_id"') == 200
    plan = store.load(store.PlanSource(plan_file))
    shown, total = trace.newest_rows(plan, 200)
    assert total == 510 and len(shown) == 200
    assert next(i for i in plan.items() if i.id == "1.7").sketch is not None  # not loaded
    with monkeypatch.context() as slow:
        slow.setattr(trace, "newest_rows", _full_path)
        assert _outputs(plan_file, 200) == fast


@pytest.mark.parametrize("written_in, read_in", [("UTC", "Asia/Shanghai"), ("EST5EDT", "UTC")])
def test_times_without_an_offset_read_in_the_time_zone_of_the_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, written_in: str, read_in: str
) -> None:
    """An entry's time without offset is local time: the cache, filled in one time zone,
    never orders it for a reader in another (its item's table answers)."""
    if not hasattr(time, "tzset"):  # pragma: no cover - Windows
        pytest.skip("time.tzset")
    plan_file = tmp_path / "plan.toml"
    doc = _plan_with_long_logs()
    for n, entry in enumerate(doc["item"][3]["log"]):
        entry["at"] = dt.datetime(2023, 5, 1, 16, 0) + dt.timedelta(minutes=3 * n)
    plan_file.write_text(dumps(doc), encoding="utf-8")
    try:
        monkeypatch.setenv("TZ", written_in)
        time.tzset()
        assert CliRunner().invoke(app, ["--file", str(plan_file), "status"]).exit_code == 0
        monkeypatch.setenv("TZ", read_in)
        time.tzset()
        fast = _outputs(plan_file, 50)
        with monkeypatch.context() as slow:
            slow.setattr(trace, "newest_rows", _full_path)
            assert _outputs(plan_file, 50) == fast
        off = dict(os.environ, QUANHU_PLAN_CACHE="off")
        monkeypatch.setattr(os, "environ", off)
        assert _outputs(plan_file, 50) == fast
    finally:
        monkeypatch.undo()
        time.tzset()
