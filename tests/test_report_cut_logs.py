"""The year-end report of a plan recalled from the parse cache reads each long log cut to the
few entries it asks of (``trace.entries_a_report_reads``, ``store/cache_chunks``): the report is
the one made of the whole year, every command but that report reads the whole log, and a plan
so cut is never written."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quanhu_plan.building import build_plan
from quanhu_plan.cli import app
from quanhu_plan.model import pace_start
from quanhu_plan.recorded_days import latest_after
from quanhu_plan.store import cache
from quanhu_plan.trace import entries_a_report_reads, latest_note
from tests.conftest import write_plan

EIGHT = dt.timezone(dt.timedelta(hours=8))
ACTIONS = ["note", "done", "progress", "record", "start", "block", "reopen", "add", "edit"]
NOTES = ["", "  ", "完成过半", "已开工", "进度滞后", "Latest: 40%"]


@st.composite
def entries(draw: Any) -> dict[str, Any]:
    day = draw(st.dates(dt.date(2023, 1, 1), dt.date(2024, 2, 28)))
    at = dt.datetime.combine(day, dt.time(draw(st.integers(8, 20)), 0), EIGHT)
    entry: dict[str, Any] = {"at": at, "by": "张三", "action": draw(st.sampled_from(ACTIONS))}
    if draw(st.booleans()):  # dated by --on, earlier than written
        entry["on"] = day - dt.timedelta(days=draw(st.integers(0, 20)))
    note = draw(st.sampled_from(NOTES))
    if note:
        entry["note"] = note
    if draw(st.integers(0, 5)) == 0:
        entry["undone"] = at + dt.timedelta(hours=1)
    return entry


@st.composite
def tables(draw: Any, n: int = 1) -> dict[str, Any]:
    table: dict[str, Any] = {"id": f"1.{n}", "title": f"任务{n}"}
    if draw(st.booleans()):
        table["status"] = "done"
        table["done_on"] = draw(st.dates(dt.date(2023, 3, 1), dt.date(2023, 12, 31)))
    else:
        table["status"] = draw(st.sampled_from(["todo", "doing", "blocked"]))
        table["progress"] = draw(st.integers(0, 100))
    table["due"] = dt.date(2023, 12, 31)
    table["log"] = draw(st.lists(entries(), min_size=0, max_size=24))
    return table


@given(tables())
@settings(max_examples=300, deadline=None)
def test_what_the_report_asks_of_a_log_is_what_the_whole_log_says(table: dict[str, Any]) -> None:
    few = entries_a_report_reads(table)
    if few is None:
        assert len(table["log"]) <= 8
        return
    cut = {**table, "log": few}
    assert all(any(entry is kept for kept in table["log"]) for entry in few)
    done_on = table.get("done_on")
    for since in (None, done_on):
        assert latest_note(cut, since) == latest_note(table, since)
    assert pace_start(cut) == pace_start(table)
    for day in (dt.date(2023, 6, 30), dt.date(2023, 12, 31)):
        whole = build_plan({"plan": _meta(), "item": [{"id": "1", "title": "部分"}, table]})[0]
        short = build_plan({"plan": _meta(), "item": [{"id": "1", "title": "部分"}, cut]})[0]
        assert whole is not None and short is not None
        assert latest_after(short, day) == latest_after(whole, day)


def _meta() -> dict[str, Any]:
    return {
        "title": "测试镇2023年工作计划",
        "year": 2023,
        "start": dt.date(2023, 1, 1),
        "end": dt.date(2023, 12, 31),
    }


def _report(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, ["report", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


@given(st.lists(tables(), min_size=1, max_size=4))
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_report_from_the_cache_is_the_report_of_the_whole_trace(
    runner: CliRunner, plan_file: Path, monkeypatch: pytest.MonkeyPatch, drawn: list[Any]
) -> None:
    tasks = [{**table, "id": f"1.{n}", "title": f"任务{n}"} for n, table in enumerate(drawn, 1)]
    write_plan(plan_file, [{"id": "1", "title": "重点工作"}, *tasks])
    cached = plan_file.parent / "cache-of-this-example"
    monkeypatch.setenv("QUANHU_PLAN_CACHE", "off")
    expected = [_report(runner, "--format", form) for form in ("json", "md")]
    expected.append(_report(runner))
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(cached))
    for _ in range(2):  # the first stores the entry, the second reads the plan from it
        seen = [_report(runner, "--format", form) for form in ("json", "md")]
        seen.append(_report(runner))
        assert seen == expected
    assert any(cached.iterdir())


def _long_trace_plan(plan_file: Path) -> list[dict[str, Any]]:
    log = [
        {
            "at": dt.datetime(2023, 3, 1, 9, 0, tzinfo=EIGHT) + dt.timedelta(days=n),
            "by": "李四",
            "action": "note",
            "note": f"第{n}次进展",
        }
        for n in range(40)
    ]
    tasks = [
        {"id": "1", "title": "重点工作"},
        # (5% all year: behind its pace, the report names it with its latest note)
        {"id": "1.1", "title": "修缮村道", "status": "doing", "progress": 5, "log": log},
    ]
    write_plan(plan_file, tasks)
    return log


def test_a_change_after_a_report_keeps_the_whole_trace(runner: CliRunner, plan_file: Path) -> None:
    """The report reads the plan cut; the note after it reads and writes the whole trace, and
    ``plan log --all`` still lists every entry."""
    log = _long_trace_plan(plan_file)
    assert "第39次进展" in _report(runner)
    assert "第39次进展" in _report(runner)  # from the cache entry, its log cut
    result = runner.invoke(app, ["note", "1.1", "第40次进展"])
    assert result.exit_code == 0, result.output
    text = plan_file.read_text(encoding="utf-8")
    assert all(f"第{n}次进展" in text for n in range(41)), "an entry of the trace was lost"
    assert text.count("[[item.log]]") == len(log) + 1
    listed = runner.invoke(app, ["log", "--all"])
    assert listed.exit_code == 0, listed.output
    assert all(f"第{n}次进展" in listed.stdout for n in range(41))
    assert "第40次进展" in _report(runner)


def test_a_report_as_of_a_day_reads_the_whole_trace(runner: CliRunner, plan_file: Path) -> None:
    """A replay to a day reads every entry up to it: the note of that day, not the latest."""
    _long_trace_plan(plan_file)
    _report(runner)  # the cache entry stored
    shown = _report(runner, "--as-of", "2023-03-31")
    assert "第30次进展" in shown and "第39次进展" not in shown


def test_a_plan_cut_for_a_report_is_neither_written_nor_stored(plan_file: Path) -> None:
    _long_trace_plan(plan_file)
    from quanhu_plan import store

    source = store.locate(str(plan_file))
    store.load(source)  # stores the entry
    plan = store.load(source, whole=True, report=True)
    assert plan.logs_cut
    (task,) = plan.tasks()
    assert len(task.data["log"]) < 40  # cut: the latest note and the latest day's entry
    with pytest.raises(RuntimeError):
        plan.to_doc()
    entry = next((plan_file.parent / "cache").iterdir())
    before = entry.read_bytes()
    real = plan_file.resolve()
    raw = real.read_bytes()
    cache.remember(real, raw, real.stat(), plan)
    assert entry.read_bytes() == before
    whole = store.load(source, whole=True)
    assert not whole.logs_cut
    (task,) = whole.tasks()
    assert len(task.data["log"]) == 40


def test_the_json_report_names_the_latest_note_of_a_long_trace(
    runner: CliRunner, plan_file: Path
) -> None:
    _long_trace_plan(plan_file)
    first = json.loads(_report(runner, "--format", "json"))
    again = json.loads(_report(runner, "--format", "json"))
    assert first == again
    assert "第39次进展" in json.dumps(again, ensure_ascii=False)
