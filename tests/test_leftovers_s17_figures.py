"""Leftovers of the report's figures and words (session 17): a task typed with work but no
status, a task at 100% not ticked off, the report read as the office hands it in."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan

# ---------------------------------------------------------------- 进行中 without a status

BY_HAND = [
    {"id": "1", "title": "基础设施"},
    {"id": "1.1", "title": "修塘", "measure": "处", "target": 40, "actual": 12},
    {"id": "1.2", "title": "修机耕道", "progress": 30},
    {"id": "1.3", "title": "修桥", "progress": 0},
    {"id": "1.4", "title": "安全生产", "measure": "起", "target": 0, "actual": 0},
    {"id": "1.5", "title": "修路", "done_on": dt.date(2023, 5, 1)},
    {"id": "1.6", "title": "建站", "status": "todo", "progress": 10},
]
# What each task reads as: work shown makes 进行中 (0 accidents meets 零事故: work too); progress
# 0 or a done_on alone is 未开始; a status written stays as written.
READS = {
    "1.1": "doing",
    "1.2": "doing",
    "1.3": "todo",
    "1.4": "doing",
    "1.5": "todo",
    "1.6": "todo",
}


def _statuses(runner: CliRunner) -> dict[str, str]:
    result = runner.invoke(app, ["list", "--json", "--as-of", "2023-07-01"])
    assert result.exit_code == 0, result.output
    return {r["id"]: r["status"] for r in json.loads(result.output) if r["kind"] == "task"}


def _damage(folder: Path) -> None:
    for entry in folder.rglob("*"):
        if entry.is_file():
            entry.write_bytes(b"not a pickle")


@pytest.mark.parametrize("cache", ["off", "cold", "warm", "damaged"])
def test_a_task_with_work_but_no_status_reads_in_progress_in_every_view(
    runner: CliRunner, plan_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache: str
) -> None:
    """docs/format.md: no status is 未开始 — but a task typed with 12 of 40 ponds, or progress
    30, read 未开始 in list, show, report and export while `plan progress`/`plan record` make
    it 进行中. It reads 进行中 everywhere, with the parse cache off, cold, warm or damaged;
    nothing is written into the file."""
    write_plan(plan_file, BY_HAND)
    written = plan_file.read_bytes()
    folder = tmp_path / "cache"
    if cache == "off":
        monkeypatch.setenv("QUANHU_PLAN_CACHE", "")
    elif cache in ("warm", "damaged"):
        assert runner.invoke(app, ["status"]).exit_code == 0
        if cache == "damaged":
            _damage(folder)
    assert _statuses(runner) == READS
    listed = runner.invoke(app, ["list", "--as-of", "2023-07-01"]).output
    assert "[~] 1.1 修塘" in listed and "[ ] 1.3 修桥" in listed
    assert "[~] 1.2 修机耕道" in runner.invoke(app, ["list", "--status", "doing"]).output
    shown = runner.invoke(app, ["show", "1.1"]).output
    assert "进行中" in shown and "未开始" not in shown
    assert "未开始 3 · 进行中 3" in runner.invoke(app, ["show", "1"]).output
    report = runner.invoke(app, ["report", "--as-of", "2023-07-01", "--format", "json"])
    overview = json.loads(report.output)["overview"]
    assert (overview["doing"], overview["todo"]) == (3, 3)
    text = "".join(runner.invoke(app, ["report", "--as-of", "2023-07-01"]).output.split())
    assert "修塘：目前进行中" in text and "修塘：目前尚未开始" not in text
    assert "尚未开始" not in text.split("修塘：")[1].split("。")[0]
    for args in (["check"], ["fmt"]):
        assert runner.invoke(app, args).exit_code == 0
    assert plan_file.read_bytes() == written


def test_the_excel_table_says_in_progress_of_a_task_with_work_but_no_status(
    runner: CliRunner, plan_file: Path, tmp_path: Path
) -> None:
    import openpyxl

    write_plan(plan_file, BY_HAND)
    target = tmp_path / "表.xlsx"
    result = runner.invoke(app, ["export", "--out", str(target)])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(target).active
    rows = [[str(c.value or "") for c in row] for row in sheet.iter_rows()]
    by_title = {title: row for row in rows for title in ("修塘", "修桥") if title in row}
    assert "进行中" in by_title["修塘"] and "未开始" in by_title["修桥"]


def test_a_figure_of_0_keeps_a_task_read_in_progress_in_progress(
    runner: CliRunner, plan_file: Path
) -> None:
    """`plan progress 1.2 0` of a task read 进行中 from its progress alone: it stays 进行中 (as
    one whose status says so does; only reopen or a hand edit makes a task 未开始 again), and
    neither this nor its undo tells of a status change it did not make."""
    write_plan(plan_file, BY_HAND)
    result = runner.invoke(app, ["progress", "1.2", "0"])
    assert result.exit_code == 0, result.output
    assert "状态" not in result.output
    assert _statuses(runner)["1.2"] == "doing"
    assert 'status = "doing"' in plan_file.read_text(encoding="utf-8")
    result = runner.invoke(app, ["undo"])
    assert result.exit_code == 0 and "状态" not in result.output, result.output
    result = runner.invoke(app, ["done", "1.1"])
    assert result.exit_code == 0 and "状态" not in result.output, result.output
    result = runner.invoke(app, ["undo"])
    assert "状态 已完成 → 进行中" in result.output, result.output
    assert _statuses(runner)["1.1"] == "doing"
    # `plan start` of it writes the status it reads (a start --on dates it for as-of views).
    result = runner.invoke(app, ["start", "1.2"])
    assert result.exit_code == 0 and "状态" not in result.output, result.output
    assert runner.invoke(app, ["start", "1.2"]).exit_code == 1


# ---------------------------------------------------------------- 100% and not ticked off

AT_FULL = [
    {"id": "1", "title": "基础设施"},
    {"id": "1.1", "title": "修塘", "status": "doing", "progress": 100},
    {"id": "1.2", "title": "修机耕道", "progress": 40},
    {"id": "1.3", "title": "种粮", "measure": "万亩", "target": 3.3, "actual": 3.35},
]


def test_a_task_at_100_percent_not_ticked_off_is_to_be_checked_not_carried_over(
    runner: CliRunner, plan_file: Path
) -> None:
    """At the year's end 下一步打算 said 以下3项任务尚未完成，结转2024年继续推进 and 修塘：目前进行中，
    完成率100% — carrying over a task with no work left. It is not done until ticked off, so it
    stays listed, but its line says 核实后及时销号 and the opening counts it apart."""
    write_plan(plan_file, AT_FULL)
    result = runner.invoke(app, ["report", "--format", "md"])
    assert result.exit_code == 0, result.output
    text = result.output
    assert "以下3项任务尚未完成，其中2项完成率已达100%、尚未销号，其余结转2024年继续推进：" in text
    assert "修塘：目前进行中，完成率100%；核实后及时销号。" in text
    assert "种粮：目前进行中，完成率100%；核实后及时销号。" in text
    assert "修机耕道：目前进行中，完成率40%。" in text
    english = runner.invoke(app, ["report", "--format", "md", "--lang", "en"]).output
    assert (
        "2 of them are at 100% but not ticked off; for the rest, carry over into 2024:" in english
    )


def test_when_every_task_left_is_at_100_percent_the_opening_says_so(
    runner: CliRunner, plan_file: Path
) -> None:
    write_plan(plan_file, [item for item in AT_FULL if item["id"] != "1.2"])
    result = runner.invoke(app, ["report", "--format", "json", "--as-of", "2023-06-30"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["next_steps_intro"] == (
        "以下2项任务完成率已达100%，尚未销号，下一步核实后及时销号："
    )
    lines = [step["sentence"] for group in report["next_steps"] for step in group["steps"]]
    assert lines == ["修塘：目前进行中，完成率100%。", "种粮：目前进行中，完成率100%。"]
    assert report["problems"] == []


# ---------------------------------------------------------------- 一是至三是


def test_problems_without_a_reason_are_named_by_their_place_not_as_yi_shi_zhi_san_shi(
    runner: CliRunner, plan_file: Path
) -> None:
    """The problems are 一是…二是…; the sentence naming those with no reason wrote 二是至四是、
    六是未记录原因 — 一是 numbers a clause, it is no name. It says 以上第二至四、六项."""
    items: list[dict[str, Any]] = [{"id": "1", "title": "基础设施"}]
    for n in range(1, 7):
        task = {"id": f"1.{n}", "title": f"修建第{n}号机耕道", "status": "blocked"}
        if n in (1, 5):
            task["reason"] = "资金未到位"
        items.append(task)
    write_plan(plan_file, items)
    text = "".join(runner.invoke(app, ["report"]).output.split())
    # the gap is left in place in the text; the data names the positions
    assert text.count("主要原因是【待补充】") == 4
    data = json.loads(runner.invoke(app, ["report", "--format", "json"]).output)
    assert data["problems_unexplained"] == "以上第二至四、六项未记录原因。"
    assert "是至" not in text


def test_a_done_on_without_status_done_gives_no_completion_day_in_the_ledger(
    runner: CliRunner, plan_file: Path
) -> None:
    """A done_on typed on a task with no status ticks nothing off (it stays 未开始, as it did);
    the report's ledger wrote it as the 完成日期 of a 未开始 task, which the Excel table does not."""
    write_plan(plan_file, BY_HAND)
    result = runner.invoke(app, ["report", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {row["id"]: row for row in json.loads(result.output)["ledger"]}
    assert rows["1.5"]["status"] == "todo"
    assert not rows["1.5"]["done_on"]
    markdown = runner.invoke(app, ["report", "--format", "md"]).output
    assert "5月1日" not in markdown
