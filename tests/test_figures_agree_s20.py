"""Session 20, helper D: do all the views say the same figures? Each test shows a place where
two views that state the same figure (or state) disagreed, through the CLI."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan


def _flat(text: str) -> str:
    """The output without the line breaks and spaces a narrow terminal folds it with."""
    return re.sub(r"\s+", "", text)


# ------------------------------------------------ a status typed on a goal by hand


GOAL_WITH_STATUS = [
    {"id": "1", "title": "基础设施", "status": "done", "progress": 30},
    {"id": "1.1", "title": "修塘", "progress": 20},
    {"id": "2", "title": "社会事业", "status": "dropped", "reason": "合并"},
    {"id": "2.1", "title": "禁毒讲座", "progress": 50},
    {"id": "3", "title": "花鼓戏下乡", "status": "done"},  # a task: its status counts
]


def test_a_status_typed_on_a_goal_is_pointed_out_by_check(
    runner: CliRunner, plan_file: Path
) -> None:
    """status = "done" typed on a part read 状态 已完成 in plan show, while status, the report
    and the export counted its task as 进行中 at 20% (a goal's figures come from its tasks, and
    plan done/drop refuse a goal for that reason); plan check found nothing. It is a likely
    slip, pointed out (exit 0) as the status todo beside a progress is."""
    write_plan(plan_file, GOAL_WITH_STATUS)
    status = runner.invoke(app, ["status", "--as-of", "2023-06-30"])
    assert status.exit_code == 0, status.output
    assert re.search(r"1\s+基础设施\s+0/1\s+20%", status.output)
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    flat = _flat(result.output)
    assert "事项1，字段status：发现'done'；" in flat
    assert "事项1是目标（其下有事项），它自己的状态、进度不起作用" in flat
    assert "事项2，字段status：发现'dropped'；" in flat
    assert "事项2是目标（其下有事项），它自己的状态不起作用" in flat
    assert "事项3" not in flat
    english = runner.invoke(app, ["--lang", "en", "check"])
    assert "item 1 is a goal (items are under it): its own status and progress do nothing" in (
        " ".join(english.output.split())
    )


# ------------------------------------------------ a milestone missed by less than a point


def test_a_milestone_missed_never_says_it_was_reached_by_then(
    runner: CliRunner, plan_file: Path
) -> None:
    """A milestone of 50盏 (50%) on 30 June, with 49.6盏 recorded that day: status, show and the
    report said 应达 50%，未达到，届时完成 50% — the share done rounded up to the share due,
    beside the word missed. A share short of the milestone shows below it, as 99.6 % of a task
    shows 99 %, never 100 %."""
    import datetime as dt

    write_plan(
        plan_file,
        [
            {
                "id": "1",
                "title": "路灯",
                "measure": "盏",
                "target": 100,
                "due": dt.date(2023, 12, 31),
            },
        ],
    )
    doc = plan_file.read_text(encoding="utf-8")
    plan_file.write_text(doc + "\n[[item.milestone]]\ndue = 2023-06-30\nvalue = 50\n", "utf-8")
    recorded = runner.invoke(app, ["record", "1", "49.6", "--on", "2023-06-30", "--by", "甲"])
    assert recorded.exit_code == 0, recorded.output
    status = runner.invoke(app, ["status", "--as-of", "2023-06-30"])
    assert "2023-06-30（应达 50盏 50%）未达到，届时完成 49%" in status.output, status.output
    show = runner.invoke(app, ["show", "1", "--as-of", "2023-06-30"])
    assert "未达到，届时完成 49%" in show.output, show.output
    report = _flat(runner.invoke(app, ["report", "--as-of", "2023-06-30"]).output)
    assert "未达到2023年6月30日时间节点要求（应达50盏，即50%，届时完成49%）" in report, report
    english = runner.invoke(app, ["--lang", "en", "status", "--as-of", "2023-06-30"])
    assert "missed (49% done by then)" in english.output, english.output
    # The task's own completion is as every view rounds it (49.6 % of its target: 50 %).
    listed = runner.invoke(app, ["list", "--flat", "--as-of", "2023-06-30"])
    assert re.search(r"达进度\s+50%", listed.output), listed.output


# ------------------------------------------------ how many tasks plan export says it wrote


def test_export_counts_its_tasks_as_status_and_the_report_do_the_dropped_apart(
    runner: CliRunner, plan_file: Path, tmp_path: Path
) -> None:
    """plan export said 已写入 表.csv（3 项任务，…） where status said 合计 1/2 and the report
    共安排任务2项（另有1项已取消）: the dropped task was counted as one of the tasks. It is
    counted apart, in the report's words."""
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "修塘", "status": "done"},
            {"id": "2", "title": "修路", "progress": 40},
            {"id": "3", "title": "修桥", "status": "dropped", "reason": "并入县里项目"},
        ],
    )
    status = runner.invoke(app, ["status", "--as-of", "2023-06-30"])
    assert re.search(r"合计\s+1/2\s", status.output), status.output
    report = runner.invoke(app, ["report", "--as-of", "2023-06-30"])
    assert "共安排任务2项（另有1项已取消）" in _flat(report.output)
    out = tmp_path / "表.csv"
    exported = runner.invoke(app, ["export", "--as-of", "2023-06-30", "--out", str(out)])
    assert exported.exit_code == 0, exported.output
    assert exported.output == f"已写入 {out}（2 项任务，另有 1 项已取消，截至 2023-06-30）。\n"
    english = runner.invoke(
        app, ["--lang", "en", "export", "--as-of", "2023-06-30", "-o", str(out), "--force"]
    )
    assert english.output == f"Wrote {out} (2 tasks and 1 dropped, as of 2023-06-30).\n"
    # Without a dropped task, the message is as it was.
    shown = runner.invoke(
        app, ["export", "--part", "2", "--as-of", "2023-06-30", "-o", str(out), "--force"]
    )
    assert shown.output == f"已写入 {out}（1 项任务，截至 2023-06-30）。\n"


# ------------------------------------------------ the trace of a task whose status was unwritten


def test_the_log_says_the_status_a_task_without_one_had_as_every_view_did(
    runner: CliRunner, plan_file: Path
) -> None:
    """A task with progress 100 and no status reads 进行中 in every view (docs/format.md), and
    plan undo says 状态 已完成 → 进行中; but plan log and plan show's trace said the tick-off
    was 状态：未开始 → 已完成 and its undo 已完成 → 未开始: a status missing from a change's
    before/after was read as todo, whatever the task's progress or figure said then."""
    write_plan(plan_file, [{"id": "1", "title": "发展电商", "progress": 100}])
    listed = runner.invoke(app, ["list", "--flat", "--as-of", "2023-06-30"])
    assert re.search(r"1\s+发展电商\s+进行中", listed.output), listed.output
    done = runner.invoke(app, ["done", "1", "--on", "2023-06-30", "--by", "甲"])
    assert done.exit_code == 0, done.output
    undone = runner.invoke(app, ["undo", "--by", "甲"])
    assert "状态 已完成 → 进行中" in undone.output, undone.output
    log = _flat(runner.invoke(app, ["log"]).output)
    assert "状态：未开始" not in log and "→未开始" not in log, log
    assert "状态：进行中→已完成" in log and "状态：已完成→进行中" in log, log
