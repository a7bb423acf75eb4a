"""An undone change and the undo that took it back are a record of nothing: neither's day is a
day recorded, the latest day, or the day a report or export is dated at (``trace.is_record``).
A mistaken ``plan progress`` typed after the year's end and taken back the same day used to
date the finished plan at that day (``现状（记录至 2024-01-05…）``, the report ``截至2024年1月5日``),
while the county view, which leaves undo entries out, gave the last real record: the two
disagreed. Each view is read with the parse cache cold (deleted), warm, and deleted again."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from quanhu_plan.canonical import dumps
from quanhu_plan.cli import app

from .conftest import CST, RUN_PLAN, SMALL_ITEMS, plan_doc, write_plan


def _at(*when: int) -> dt.datetime:
    return dt.datetime(*when, tzinfo=CST)  # type: ignore[misc]


def _run(runner: Any, *args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _without_logs(record: Any) -> Any:
    """A JSON record with every item's ``log`` left out (the trace lists undone entries)."""
    if isinstance(record, dict):
        return {key: _without_logs(value) for key, value in record.items() if key != "log"}
    if isinstance(record, list):
        return [_without_logs(value) for value in record]
    return record


def _views_once(runner: Any, folder: Path) -> dict[str, Any]:
    """What each view says of the plan in ``folder``: its day and its figures."""
    import docx
    import openpyxl

    seen: dict[str, Any] = {}
    seen["status"] = _run(runner, "status")
    seen["status_json"] = json.loads(_run(runner, "status", "--json"))
    seen["report"] = _run(runner, "report")
    out = folder / "out"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    _run(runner, "report", "--format", "docx", "--out", str(out / "总结.docx"))
    seen["docx"] = [p.text for p in docx.Document(str(out / "总结.docx")).paragraphs][:6]
    _run(runner, "export", "--out", str(out / "台账.xlsx"))
    sheet = openpyxl.load_workbook(out / "台账.xlsx").active
    seen["xlsx_title"] = sheet["A1"].value
    seen["show"] = _run(runner, "show", "1.3").split("进展情况")[0].rstrip()
    seen["list"] = _run(runner, "list")
    seen["list_json"] = _without_logs(json.loads(_run(runner, "list", "--json")))
    county = folder / "county"
    county.mkdir(exist_ok=True)
    shutil.copyfile(folder / "plan.toml", county / "测试镇.toml")
    row = json.loads(_run(runner, "county", str(county), "--json"))["rows"][0]
    seen["county_newest"] = row["newest_change"]
    return seen


def _views(runner: Any, folder: Path) -> dict[str, Any]:
    """``_views_once`` with the cache deleted (a fresh read, which stores its entry), warm (read
    from that entry) and deleted again: the entry answers as the fresh read does."""
    shutil.rmtree(folder / "cache", ignore_errors=True)
    cold = _views_once(runner, folder)
    warm = _views_once(runner, folder)
    assert warm == cold
    shutil.rmtree(folder / "cache", ignore_errors=True)
    assert _views_once(runner, folder) == cold
    return cold


def _dated(seen: dict[str, Any], day: dt.date | None) -> None:
    """Every view dated at the plan's end (``day`` None: no record after it), or as recorded to
    ``day``, after the end."""
    long = f"{day.year}年{day.month}月{day.day}日" if day else "2023年12月31日"
    if day is None:
        assert "截至 2023-12-31" in seen["status"] and "记录至" not in seen["status"]
        assert "记录至" not in seen["list"] and "记录至" not in seen["show"]
        assert "本总结记至" not in seen["report"]
    else:
        heading = f"记录至 {day.isoformat()}，序时按 2023-12-31 计"
        assert heading in seen["status"] and heading in seen["list"]
        assert heading in seen["show"]
        assert f"本总结记至{long}，即计划中最晚一条记录的日期" in seen["report"]
    assert f"截至{long}" in seen["report"]
    assert seen["docx"][1] == f"截至{long}"
    assert seen["xlsx_title"] == f"测试镇2023年工作计划（截至{long}）"


def _year(runner: Any, clock: Any, plan_file: Path) -> None:
    """The 2023 plan with real records: nine figures of 1.1 (a log the cache cuts for the
    report) and a progress of 1.3 on 20 November."""
    write_plan(plan_file, SMALL_ITEMS)
    for month in range(1, 10):
        clock.now = _at(2023, month, 10, 9)
        _run(runner, "record", "1.1", str(20 + month))
    clock.now = _at(2023, 11, 20, 9)
    _run(runner, "progress", "1.3", "70")


def test_a_change_after_the_year_undone_leaves_the_plan_as_before(
    runner, clock, plan_file, tmp_path
):
    _year(runner, clock, plan_file)
    before = _views(runner, tmp_path)
    _dated(before, None)
    assert before["county_newest"] == "2023-11-20"
    clock.now = _at(2024, 1, 5, 9)
    _run(runner, "progress", "1.3", "90")  # typed by mistake
    clock.now = _at(2024, 1, 5, 9, 10)
    _run(runner, "undo")
    after = _views(runner, tmp_path)
    _dated(after, None)
    assert after == before
    # The trace still says what happened.
    log = _run(runner, "log")
    assert "进度（已撤销）" in log and "撤销" in log and "2024-01-05" in log
    # As at the plan's end it is the plan as it is now: nothing recorded after that day; its
    # trace is that of the day, without the entries written after it (test_attack_s42D).
    shown = _run(runner, "show", "1.3", "--as-of", "2023-12-31")
    assert "已撤销" not in shown and "截至 2023-12-31" in shown
    as_of = json.loads(_run(runner, "status", "--json", "--as-of", "2023-12-31"))
    assert as_of == after["status_json"]


def test_a_figure_of_a_long_log_undone_after_the_year(runner, clock, plan_file, tmp_path):
    # 1.1's log is long enough that the cache keeps only the entries the report reads of it.
    _year(runner, clock, plan_file)
    before = _views(runner, tmp_path)
    clock.now = _at(2024, 1, 6, 9)
    _run(runner, "record", "1.1", "40")
    _run(runner, "undo")
    assert _views(runner, tmp_path) == before


def test_a_day_whose_only_change_was_undone_is_no_day_recorded(runner, clock, plan_file, tmp_path):
    _year(runner, clock, plan_file)
    clock.now = _at(2024, 1, 3, 9)
    _run(runner, "done", "2.3")  # stands
    before = _views(runner, tmp_path)
    _dated(before, dt.date(2024, 1, 3))
    clock.now = _at(2024, 1, 5, 9)
    _run(runner, "note", "1.3", "写错了")
    _run(runner, "undo")
    after = _views(runner, tmp_path)
    _dated(after, dt.date(2024, 1, 3))
    assert after == before
    assert after["county_newest"] == "2024-01-03"


def test_a_change_dated_earlier_then_undone(runner, clock, plan_file, tmp_path):
    _year(runner, clock, plan_file)
    before = _views(runner, tmp_path)
    clock.now = _at(2024, 1, 5, 9)
    _run(runner, "progress", "1.3", "90", "--on", "2023-12-20")
    told = _views(runner, tmp_path)  # (counts on 20 December: within the year)
    _dated(told, None)
    _run(runner, "undo")
    after = _views(runner, tmp_path)
    _dated(after, None)
    assert after == before


def test_a_backdated_add_and_remove_undone(runner, clock, plan_file, tmp_path):
    # An add undone takes the item to the archive with a record of the undo; a removal undone
    # puts it back: neither record, nor their entries, is a day recorded.
    _year(runner, clock, plan_file)
    before = _views(runner, tmp_path)
    clock.now = _at(2024, 1, 5, 9)
    _run(runner, "add", "2", "清理河道", "--on", "2023-06-01")
    _run(runner, "undo")
    clock.now = _at(2024, 1, 6, 9)
    _run(runner, "rm", "2.3", "-y", "--on", "2023-12-01")
    _run(runner, "undo")
    after = _views(runner, tmp_path)
    _dated(after, None)
    assert after == before
    assert "removed" in plan_file.read_text(encoding="utf-8")  # (the undone add's record)


def test_several_changes_of_a_day_one_undone_the_day_counts_until_all_are(
    runner, clock, plan_file, tmp_path
):
    _year(runner, clock, plan_file)
    before = _views(runner, tmp_path)
    clock.now = _at(2024, 1, 5, 9)
    _run(runner, "progress", "1.3", "80")
    clock.now = _at(2024, 1, 5, 10)
    _run(runner, "done", "2.3")
    _run(runner, "undo")  # the tick-off: the progress of that day stands
    _dated(_views(runner, tmp_path), dt.date(2024, 1, 5))
    clock.now = _at(2024, 1, 7, 9)
    _run(runner, "undo")  # the progress too: nothing of that day stands
    after = _views(runner, tmp_path)
    _dated(after, None)
    assert after == before


def test_a_plan_whose_every_change_was_undone_reads_as_a_plan_never_changed(
    runner, clock, plan_file, tmp_path
):
    write_plan(plan_file, SMALL_ITEMS)
    never = _views(runner, tmp_path)
    _dated(never, None)
    assert never["county_newest"] is None
    clock.now = _at(2023, 6, 1, 9)
    _run(runner, "progress", "1.3", "60")
    clock.now = _at(2024, 1, 5, 9)
    _run(runner, "note", "2.3", "讲座已办")
    _run(runner, "header", "--title", "测试镇2023年工作计划（修订）")
    _run(runner, "done", "1.3", "--on", "2023-12-30")
    for _ in range(4):
        _run(runner, "undo")
    assert "（修订）" not in _run(runner, "status")
    assert _views(runner, tmp_path) == never


def test_an_undo_after_the_year_in_a_long_plan_read_ahead(tmp_path):
    # A long plan with no cache entry is read by two processes (store.read_ahead): what each
    # piece says of its tables' days is the same.
    items: list[dict[str, Any]] = [{"id": "1", "title": "基础设施"}]
    entry = {"at": _at(2023, 11, 20, 9), "by": "甲", "action": "progress"}
    for n in range(1, 1601):
        table: dict[str, Any] = {"id": f"1.{n}", "title": f"修机耕道第{n}段", "progress": 50}
        table["log"] = [{**entry, "before": {"progress": 40}, "after": {"progress": 50}}]
        items.append(table)
    items[-1]["progress"] = 50
    items[-1]["log"] = [
        *items[-1]["log"],
        {
            **entry,
            "at": _at(2024, 1, 5, 9),
            "before": {"progress": 50},
            "after": {"progress": 90},
            "undone": _at(2024, 1, 5, 9, 10),
        },
        {
            "at": _at(2024, 1, 5, 9, 10),
            "by": "甲",
            "action": "undo",
            "undoes": _at(2024, 1, 5, 9),
            "before": {"progress": 90},
            "after": {"progress": 50},
        },
    ]
    plan = tmp_path / "long.toml"
    plan.write_text(dumps(plan_doc(items)), encoding="utf-8")
    assert plan.stat().st_size > 1 << 18  # (read ahead from this size: read_ahead._FROM)
    env = {
        **os.environ,
        "QUANHU_PLAN_READ_AHEAD": "1",
        "QUANHU_PLAN_CACHE": str(tmp_path / "cache"),
    }
    for _ in range(2):  # read ahead (no entry), then from the entry it stored
        shown = subprocess.run(
            [sys.executable, "-c", RUN_PLAN, "-f", str(plan), "status"],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        ).stdout
        assert "截至 2023-12-31" in shown and "记录至" not in shown


def test_an_undo_that_found_nothing_to_overwrite(runner, clock, plan_file, tmp_path):
    # The figure set back by hand in an editor before the undo: the undo records itself, and
    # says so, overwriting nothing; it is no day recorded all the same.
    _year(runner, clock, plan_file)
    before = _views(runner, tmp_path)
    clock.now = _at(2024, 1, 5, 9)
    _run(runner, "progress", "1.3", "90")
    text = plan_file.read_text(encoding="utf-8")
    assert text.count("progress = 90\n") == 1
    plan_file.write_text(text.replace("progress = 90\n", "progress = 70\n"), encoding="utf-8")
    clock.now = _at(2024, 1, 5, 9, 10)
    assert "只记下了这次撤销" in _run(runner, "undo")
    after = _views(runner, tmp_path)
    _dated(after, None)
    assert after == before


def test_undos_brought_in_by_a_merge(runner, clock, plan_file, tmp_path):
    # A change pushed after the year, undone on one copy; on the other a note written and
    # undone: the merged plan has every entry of both, and no day recorded after the year.
    _year(runner, clock, plan_file)
    before = _views(runner, tmp_path)
    clock.now = _at(2024, 1, 5, 9)
    _run(runner, "progress", "1.3", "90", "--by", "甲")
    base = tmp_path / "base.toml"
    shutil.copyfile(plan_file, base)
    clock.now = _at(2024, 1, 5, 10)
    _run(runner, "undo", "--by", "甲")
    ours = tmp_path / "ours.toml"
    shutil.copyfile(plan_file, ours)
    shutil.copyfile(base, plan_file)
    clock.now = _at(2024, 1, 6, 9)
    _run(runner, "note", "2.3", "写错了", "--by", "乙")
    _run(runner, "undo", "--by", "乙")
    theirs = tmp_path / "theirs.toml"
    shutil.copyfile(plan_file, theirs)
    shutil.copyfile(ours, plan_file)
    _run(runner, "merge", str(base), str(plan_file), str(theirs))
    log = _run(runner, "log")
    assert log.count("撤销") == 4  # (the two undos, the two entries undone)
    after = _views(runner, tmp_path)
    _dated(after, None)
    assert after == before
