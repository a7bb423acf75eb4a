"""The change commands through the CLI: each prints one line, changes the file, leaves a trace;
plan log shows the trace and plan undo reverts it."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
import tomllib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import REPO, SMALL_ITEMS, write_plan


def invoke(runner: CliRunner, *args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def ok(runner: CliRunner, *args: str, input: str | None = None):
    result = invoke(runner, *args, input=input)
    assert result.exit_code == 0, result.output
    return result


def read(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def item(path: Path, item_id: str) -> dict[str, Any]:
    return next(t for t in read(path)["item"] if t["id"] == item_id)


def ids(path: Path) -> list[str]:
    return [t["id"] for t in read(path)["item"]]


def log(path: Path, item_id: str) -> list[dict[str, Any]]:
    return item(path, item_id).get("log", [])


def without_log(table: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in table.items() if k != "log"}


@pytest.fixture(autouse=True)
def login_name(monkeypatch):
    """The login name the trace records when --by is not given."""
    monkeypatch.setattr("getpass.getuser", lambda: "clerk")


# ---------------------------------------------------------------- done


def test_done_marks_task_and_records_date_and_prints_part_completion(runner, small_plan):
    result = ok(runner, "done", "1.3", "--on", "2023-03-20", "--note", "验收合格")
    assert result.stdout == "已销号 1.3 修机耕道（2023-03-20）。1 基础设施 完成率 83%（2/3）\n"
    task = item(small_plan, "1.3")
    assert task["status"] == "done"
    assert task["done_on"] == dt.date(2023, 3, 20)
    (entry,) = task["log"]
    assert entry["action"] == "done"
    assert entry["by"] == "clerk"
    assert entry["on"] == dt.date(2023, 3, 20)
    assert entry["note"] == "验收合格"
    assert isinstance(entry["at"], dt.datetime) and entry["at"].tzinfo is not None
    # before holds exactly the fields changed: 1.3 had no status and no done date
    assert "before" not in entry
    assert entry["after"] == {"status": "done", "done_on": dt.date(2023, 3, 20)}


def test_done_date_defaults_to_today(runner, small_plan):
    ok(runner, "done", "1.3")
    assert item(small_plan, "1.3")["done_on"] == dt.date.today()


def test_done_takes_several_ids_and_title_fragments(runner, small_plan):
    result = ok(runner, "done", "1.1", "机耕道", "禁毒", "--on", "2023-05-01")
    assert result.stdout.startswith("已销号 1.1 修塘、1.3 修机耕道、2.3 禁毒讲座（2023-05-01）。")
    assert "1 基础设施 完成率 100%（3/3）；2 社会事业 完成率 50%（1/2）" in result.stdout
    assert {item(small_plan, i)["status"] for i in ("1.1", "1.3", "2.3")} == {"done"}
    # one command, one change: the three entries share their time
    assert len({log(small_plan, i)[0]["at"] for i in ("1.1", "1.3", "2.3")}) == 1


def test_done_outside_the_plan_period_warns_on_stderr_but_is_recorded(runner, small_plan):
    result = ok(runner, "done", "1.3", "--on", "2024-01-05")
    assert "2024-01-05 不在计划期 2023-01-01 至 2023-12-31 内" in result.stderr
    assert "已销号 1.3 修机耕道（2024-01-05）" in result.stdout
    assert item(small_plan, "1.3")["done_on"] == dt.date(2024, 1, 5)


def test_done_adds_evidence_to_the_list(runner, small_plan):
    ok(runner, "done", "1.3", "-e", "验收单.pdf", "--evidence", "照片 [1].jpg")
    assert item(small_plan, "1.3")["evidence"] == ["验收单.pdf", "照片 [1].jpg"]


def test_done_on_a_goal_asks_for_all_and_leaves_the_file(runner, small_plan):
    before = small_plan.read_bytes()
    result = invoke(runner, "done", "1")
    assert result.exit_code == 1
    assert "1 基础设施 是目标，其下未完成的任务有：1.1、1.3。要全部销号请加 --all" in result.stderr
    assert small_plan.read_bytes() == before


def test_done_all_ticks_every_open_task_under_a_goal(runner, small_plan):
    result = ok(runner, "done", "1", "--all", "--on", "2023-06-30")
    assert result.stdout.startswith("已销号 1.1 修塘、1.3 修机耕道（2023-06-30）。")
    assert item(small_plan, "1.2")["done_on"] == dt.date(2023, 3, 1)  # done before: untouched
    assert "log" not in item(small_plan, "1.2")


def test_done_all_names_the_blocked_tasks_it_ticks_off_and_clears_their_reason(runner, small_plan):
    result = ok(runner, "done", "2", "--all", "--on", "2023-06-30")
    assert (
        "注意：其中 2.2（资料不全）原为受阻，也一并销号；如不对，用 plan undo 撤销。"
        in result.stderr
    )
    ticked = item(small_plan, "2.2")
    assert ticked["status"] == "done" and "reason" not in ticked
    assert log(small_plan, "2.2")[-1]["before"] == {"status": "blocked", "reason": "资料不全"}
    undone = ok(runner, "undo")
    assert "已撤销" in undone.stdout
    assert without_log(item(small_plan, "2.2")) == SMALL_ITEMS[6]


def test_done_on_a_blocked_task_named_on_its_own_clears_the_reason_without_a_word(
    runner, small_plan
):
    result = ok(runner, "--lang", "en", "done", "2.2", "--on", "2023-06-30")
    assert result.stderr == ""
    assert "reason" not in item(small_plan, "2.2")
    shown = ok(runner, "--lang", "en", "show", "2.2").stdout.splitlines()
    assert not [line for line in shown if line.startswith("Reason")]
    assert "Reason: 资料不全 → —" in "\n".join(shown)  # the trace keeps it


def test_done_twice_is_refused(runner, small_plan):
    result = invoke(runner, "done", "1.2")
    assert result.exit_code == 1
    assert "1.2 安装路灯 已经销号（2023-03-01）。要补充销号依据，加 --evidence" in result.stderr


def test_evidence_can_be_added_to_a_task_already_done(runner, small_plan):
    result = ok(runner, "done", "1.2", "--evidence", "验收单.pdf", "--note", "补交")
    assert result.stdout.startswith("已补充销号依据 1.2 安装路灯：销号依据 — → 验收单.pdf。")
    task = item(small_plan, "1.2")
    assert (task["status"], task["done_on"], task["evidence"]) == (
        "done",
        dt.date(2023, 3, 1),
        ["验收单.pdf"],
    )
    entry = task["log"][-1]
    assert (entry["action"], entry["note"], entry["after"]) == (
        "edit",
        "补交",
        {"evidence": ["验收单.pdf"]},
    )
    again = invoke(runner, "done", "1.2", "--evidence", "验收单.pdf")
    assert again.exit_code == 1 and "已有这些销号依据" in again.stderr
    other_day = invoke(runner, "done", "1.2", "--evidence", "照片.jpg", "--on", "2023-05-01")
    assert other_day.exit_code == 1 and "plan reopen 1.2" in other_day.stderr
    ok(runner, "undo")
    assert "evidence" not in item(small_plan, "1.2")


def test_done_ticks_off_open_tasks_and_adds_evidence_to_done_ones_at_once(runner, small_plan):
    result = ok(runner, "done", "1.2", "1.3", "--evidence", "台账.xlsx", "--on", "2023-03-01")
    assert result.stdout.startswith(
        "已销号 1.3 修机耕道（2023-03-01）；已补充销号依据 1.2 安装路灯。"
    )
    assert (
        item(small_plan, "1.2")["evidence"] == item(small_plan, "1.3")["evidence"] == ["台账.xlsx"]
    )


def test_edit_evidence_replaces_or_clears_the_list(runner, small_plan):
    ok(runner, "done", "1.2", "--evidence", "a.pdf")
    ok(runner, "edit", "1.2", "--evidence", "b.pdf", "--evidence", "c.pdf")
    assert item(small_plan, "1.2")["evidence"] == ["b.pdf", "c.pdf"]
    ok(runner, "edit", "1.2", "--evidence", "")
    assert "evidence" not in item(small_plan, "1.2")


# ---------------------------------------------------------------- other statuses


def test_reopen_brings_a_done_task_back_and_clears_its_date(runner, small_plan):
    result = ok(runner, "reopen", "1.2")
    assert result.stdout == (
        "已重新打开 1.2 安装路灯：状态 已完成 → 未开始。1 基础设施 完成率 33%（0/3）\n"
    )
    task = item(small_plan, "1.2")
    assert "status" not in task and "done_on" not in task
    assert task["log"][0]["before"] == {"status": "done", "done_on": dt.date(2023, 3, 1)}


def test_reopen_of_a_dropped_task_with_progress_is_in_progress_and_drops_the_reason(
    runner, plan_file
):
    write_plan(
        plan_file, [{"id": "1", "title": "甲", "status": "dropped", "reason": "无", "progress": 10}]
    )
    ok(runner, "reopen", "1")
    assert without_log(item(plan_file, "1")) == {
        "id": "1",
        "title": "甲",
        "status": "doing",
        "progress": 10,
    }


def test_start_marks_in_progress_and_a_blocked_task_loses_its_reason(runner, small_plan):
    ok(runner, "start", "2.2")
    task = item(small_plan, "2.2")
    assert task["status"] == "doing" and "reason" not in task
    assert task["log"][0]["before"] == {"status": "blocked", "reason": "资料不全"}


def test_start_twice_says_nothing_changed(runner, small_plan):
    ok(runner, "start", "1.3")
    result = invoke(runner, "start", "1.3")
    assert result.exit_code == 1
    assert "1.3 修机耕道 已在进行中，没有修改。" in result.stderr


def test_block_records_status_and_reason(runner, small_plan):
    result = ok(runner, "block", "1.3", "--reason", "资金未到位")
    assert result.stdout.startswith("已标记受阻 1.3 修机耕道：原因 — → 资金未到位。")
    task = item(small_plan, "1.3")
    assert (task["status"], task["reason"]) == ("blocked", "资金未到位")


def test_block_without_a_reason_is_a_usage_error(runner, small_plan):
    result = invoke(runner, "block", "1.3")
    assert result.exit_code == 2
    assert "--reason" in result.stderr


def test_drop_takes_the_task_out_of_completion(runner, small_plan):
    result = ok(runner, "drop", "1.1", "--reason", "规划调整")
    assert result.stdout.endswith("1 基础设施 完成率 75%（1/2）\n")
    assert item(small_plan, "1.1")["status"] == "dropped"


def test_status_commands_refuse_a_goal(runner, small_plan):
    result = invoke(runner, "start", "1")
    assert result.exit_code == 1
    assert "1 基础设施 是目标" in result.stderr


def test_a_done_task_must_be_reopened_before_it_is_blocked(runner, small_plan):
    result = invoke(runner, "block", "1.2", "-r", "x")
    assert result.exit_code == 1
    assert "plan reopen 1.2" in result.stderr


# ---------------------------------------------------------------- progress, record, note


def test_progress_sets_the_percent_and_starts_a_task(runner, plan_file):
    write_plan(plan_file, [{"id": "1", "title": "甲"}, {"id": "1.1", "title": "乙"}])
    result = ok(runner, "progress", "1.1", "40%", "--note", "已完成招标")
    assert result.stdout == (
        "已填报进度 1.1 乙：进度 — → 40%；状态 未开始 → 进行中。1 甲 完成率 40%（0/1）\n"
    )
    entry = log(plan_file, "1.1")[0]
    assert entry["after"] == {"progress": 40, "status": "doing"}
    assert entry["note"] == "已完成招标"


def test_record_sets_a_metrics_actual_figure(runner, small_plan):
    result = ok(runner, "record", "修塘", "25")
    assert result.stdout == (
        "已填报完成值 1.1 修塘：完成值 20处 → 25处。1 基础设施 完成率 71%（1/3）\n"
    )  # 20 of 30 ponds and no status read 进行中 already; the status is written all the same
    assert item(small_plan, "1.1")["actual"] == 25
    assert item(small_plan, "1.1")["status"] == "doing"


def test_record_keeps_decimals_as_typed(runner, small_plan):
    ok(runner, "record", "1.1", "33.3")
    assert item(small_plan, "1.1")["actual"] == 33.3


def test_record_reaching_the_target_asks_and_no_answer_means_no(runner, small_plan, at_terminal):
    result = ok(runner, "record", "1.1", "40")
    assert "1.1 修塘 的完成值已达到目标值 40处，是否同时销号？" in result.stdout
    task = item(small_plan, "1.1")
    assert task["actual"] == 40 and task.get("status") == "doing"


def test_record_reaching_the_target_ticks_off_when_the_answer_is_yes(
    runner, small_plan, at_terminal
):
    result = ok(runner, "record", "1.1", "41", "--on", "2023-09-09", input="y\n")
    # 1.1 had no status, but a figure: 进行中 (model.task_status)
    assert "完成值 20处 → 41处；状态 进行中 → 已完成" in result.stdout
    task = item(small_plan, "1.1")
    assert (task["status"], task["done_on"]) == ("done", dt.date(2023, 9, 9))
    assert len(task["log"]) == 1  # one change: one undo reverts both


def test_record_with_yes_ticks_off_without_asking(runner, small_plan):
    result = ok(runner, "record", "1.1", "40", "--yes")
    assert "是否" not in result.stdout
    assert item(small_plan, "1.1")["status"] == "done"


def test_note_adds_a_dated_progress_note_without_changing_status(runner, small_plan):
    before = without_log(item(small_plan, "2.2"))
    result = ok(runner, "note", "2.2", "已补交 [部分] 资料\n待审", "--on", "2023-04-02")
    assert result.stdout == (
        "已记录进展 2.2 [x] 自建房排查（2023-04-02）。2 社会事业 完成率 40%（0/2）\n"
    )
    assert without_log(item(small_plan, "2.2")) == before
    (entry,) = log(small_plan, "2.2")
    assert (entry["action"], entry["on"], entry["note"]) == (
        "note",
        dt.date(2023, 4, 2),
        "已补交 [部分] 资料\n待审",
    )


def test_note_on_a_goal_is_allowed(runner, small_plan):
    ok(runner, "note", "1", "季度调度会")
    assert log(small_plan, "1")[0]["note"] == "季度调度会"


# ---------------------------------------------------------------- add, edit, move, rm


def test_add_gives_the_next_free_id_under_the_parent(runner, small_plan):
    result = ok(runner, "add", "1", "修桥", "--owner", "李四", "--due", "2023-09-30")
    assert result.stdout == "已添加 1.4 修桥，上级 1 基础设施。1 基础设施 完成率 50%（1/4）\n"
    assert ids(small_plan)[:5] == ["1", "1.1", "1.2", "1.3", "1.4"]
    added = item(small_plan, "1.4")
    assert without_log(added) == {
        "id": "1.4",
        "title": "修桥",
        "owner": "李四",
        "due": dt.date(2023, 9, 30),
    }
    assert added["log"][0]["after"] == without_log(added)


def test_add_with_top_or_empty_parent_makes_a_new_part(runner, small_plan):
    ok(runner, "add", "top", "安全生产")
    result = ok(runner, "add", "", "乡风文明")
    assert result.stdout.startswith("已添加 4 乡风文明，上级 顶层。")
    assert ids(small_plan)[-2:] == ["3", "4"]


def test_add_a_metric_task(runner, small_plan):
    ok(runner, "add", "2", "改厕", "--target", "120", "--measure", "户", "--baseline", "80")
    added = without_log(item(small_plan, "2.4"))
    assert (added["target"], added["measure"], added["baseline"]) == (120, "户", 80)


def test_add_under_a_task_warns_that_it_becomes_a_goal(runner, small_plan):
    result = ok(runner, "add", "1.3", "铺路面")
    assert "1.3 修机耕道 原是任务，现在成为目标" in result.stderr
    assert "1.3.1" in ids(small_plan)


def test_add_never_reuses_the_id_of_a_removed_item(runner, small_plan):
    ok(runner, "rm", "1.3", "--yes")
    result = ok(runner, "add", "1", "新任务")
    assert result.stdout.startswith("已添加 1.4 新任务")


def test_edit_changes_fields_and_an_empty_value_removes_one(runner, small_plan):
    result = ok(
        runner, "edit", "2.2", "--owner", "", "--title", "自建房安全排查", "--support", "应急办"
    )
    assert result.stdout.startswith("已修改 2.2 自建房安全排查：")
    assert "责任人 王五 → —" in result.stdout
    task = item(small_plan, "2.2")
    assert "owner" not in task
    assert task["support_units"] == ["应急办"]
    entry = task["log"][0]
    assert entry["before"] == {"title": "[x] 自建房排查", "owner": "王五"}
    assert entry["after"] == {"title": "自建房安全排查", "support_units": ["应急办"]}


def test_supporting_units_typed_in_one_value_are_each_a_unit(runner, small_plan):
    ok(runner, "edit", "2.2", "--support", "应急办、镇农业综合服务中心（农业股、水利站）")
    assert item(small_plan, "2.2")["support_units"] == [
        "应急办",
        "镇农业综合服务中心（农业股、水利站）",
    ]
    ok(runner, "add", "2", "防汛演练", "--support", "应急办,派出所", "--support", "应急办")
    assert item(small_plan, "2.4")["support_units"] == ["应急办", "派出所"]
    ok(runner, "edit", "2.2", "--support", "")
    assert "support_units" not in item(small_plan, "2.2")


def test_edit_weight_must_be_above_zero(runner, small_plan):
    result = invoke(runner, "edit", "1.1", "--weight", "0")
    assert result.exit_code == 2
    assert "--weight" in result.stderr


def test_edit_without_anything_to_change_is_a_usage_error(runner, small_plan):
    assert invoke(runner, "edit", "1.1").exit_code == 2


def test_move_keeps_the_id_and_names_the_parent(runner, small_plan):
    result = ok(runner, "move", "1.3", "2")
    assert result.stdout == (
        "已移动 1.3 修机耕道：上级 1 → 2。1 基础设施 完成率 75%（1/2）；2 社会事业 完成率 43%（0/3）\n"
    )
    assert ids(small_plan) == ["1", "1.1", "1.2", "2", "2.1", "2.2", "2.3", "1.3"]
    moved = item(small_plan, "1.3")
    assert moved["parent"] == "2"
    entry = moved["log"][0]
    # The trace names the old parent even where the id implied it and the file left it unsaid.
    assert (entry["before"], entry["after"], entry["position"]) == (
        {"parent": "1"},
        {"parent": "2"},
        2,
    )
    log = ok(runner, "log", "1.3").stdout
    assert "上级：1 → 2" in log


def test_move_back_and_undo_trace_the_parents_both_ways(runner, small_plan):
    ok(runner, "move", "1.3", "top")
    ok(runner, "move", "1.3", "1")
    entries = item(small_plan, "1.3")["log"]
    assert [(e["before"], e["after"]) for e in entries] == [
        ({"parent": "1"}, {"parent": ""}),
        ({"parent": ""}, {"parent": "1"}),
    ]
    result = ok(runner, "undo")
    assert "上级 1 → 顶层" in result.stdout
    assert item(small_plan, "1.3")["parent"] == ""
    result = ok(runner, "undo")
    assert "上级 顶层 → 1" in result.stdout
    assert "parent" not in item(small_plan, "1.3")
    assert ids(small_plan) == ["1", "1.1", "1.2", "1.3", "2", "2.1", "2.2", "2.3"]


def test_undo_of_a_move_written_by_an_older_version_reads_the_implied_parent(runner, plan_file):
    """Before the trace named both parents, a move from the parent the id implies wrote no
    ``before``: that parent is the one the id implies."""
    at = dt.datetime(2023, 5, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    write_plan(
        plan_file,
        [
            {"id": "4", "title": "底线"},
            {
                "id": "4.1",
                "title": "安全",
                "parent": "5",
                "log": [
                    {
                        "at": at,
                        "by": "甲",
                        "action": "move",
                        "position": 0,
                        "after": {"parent": "5"},
                    }
                ],
            },
            {"id": "5", "title": "重点"},
        ],
    )
    assert "上级：4 → 5" in ok(runner, "log").stdout
    result = ok(runner, "undo", "--anyone")  # 甲's change, not the login name's
    assert "上级 5 → 4" in result.stdout
    assert "parent" not in item(plan_file, "4.1")


def test_move_back_under_the_parent_its_id_implies_drops_the_parent_field(runner, small_plan):
    ok(runner, "move", "1.3", "2")
    ok(runner, "move", "1.3", "1")
    assert "parent" not in item(small_plan, "1.3")


def test_move_to_the_top_level(runner, small_plan):
    ok(runner, "move", "1.3", "top")
    assert item(small_plan, "1.3")["parent"] == ""


def test_move_under_itself_is_refused(runner, small_plan):
    ok(runner, "add", "1.3", "铺路面")
    result = invoke(runner, "move", "1.3", "1.3.1")
    assert result.exit_code == 1
    assert "不能把 1.3 修机耕道 移到它自己或它的下级 1.3.1 之下" in result.stderr


def test_rm_asks_and_no_answer_removes_nothing(runner, small_plan, at_terminal):
    before = small_plan.read_bytes()
    result = invoke(runner, "rm", "1.3")
    assert result.exit_code == 1
    assert "删除 1.3 修机耕道？" in result.stdout
    assert "未删除" in result.stderr
    assert small_plan.read_bytes() == before


def test_rm_moves_the_item_and_its_history_to_the_archive(runner, small_plan, at_terminal):
    ok(runner, "note", "1.3", "已开工")
    result = ok(runner, "rm", "1.3", input="y\n")
    assert "已删除 1.3 修机耕道。1 基础设施 完成率 75%（1/2）" in result.stdout
    assert "1.3" not in ids(small_plan)
    (record,) = read(small_plan)["removed"]
    assert (record["parent"], record["position"], record["action"]) == ("1", 2, "remove")
    archived = record["item"][0]
    assert [e["action"] for e in archived["log"]] == ["note", "remove"]
    assert archived["progress"] == 50


def test_rm_of_a_goal_needs_recursive(runner, small_plan):
    result = invoke(runner, "rm", "2", "--yes")
    assert result.exit_code == 1
    assert "2 社会事业 下还有 3 个事项。要连同它们一起删除，请加 --recursive" in result.stderr
    result = ok(runner, "rm", "2", "--recursive", "--yes")
    assert "已删除 2 社会事业（连同其下 3 个事项）。全计划 完成率 67%（1/3）" in result.stdout
    assert ids(small_plan) == ["1", "1.1", "1.2", "1.3"]


def test_a_removed_item_asked_for_is_named_as_removed_with_where_its_history_is(runner, small_plan):
    ok(runner, "rm", "2.1", "--yes")
    before = small_plan.read_bytes()
    for args in (["show", "2.1"], ["done", "2.1"], ["note", "2.1", "进展"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 1, result.output
        assert result.stderr == (
            "错误：计划中没有编号为“2.1”的事项：2.1 花鼓戏下乡 已删除，在文件的删除存档中。"
            "plan log 2.1 可查看它的记录；需要时由删除者 plan undo 恢复。\n"
        )
    english = runner.invoke(app, ["show", "2.1", "--lang", "en"])
    assert "2.1 花鼓戏下乡 was removed and is in the file's archive" in english.stderr
    assert small_plan.read_bytes() == before  # nothing written
    # An id that never was is still the plain "no such item".
    assert "计划中没有编号或名称为“7.7”的事项" in runner.invoke(app, ["show", "7.7"]).stderr
    ok(runner, "undo")
    assert "2.1 花鼓戏下乡" in ok(runner, "show", "2.1").stdout


# ---------------------------------------------------------------- undo


def test_undo_names_a_change_by_the_time_plan_log_shows(runner, small_plan, monkeypatch):
    # A change written on a computer in China (+08:00), undone on one whose clock is UTC: the
    # undo message gives the time that plan log shows for it, this clock's, not the writer's.
    ok(runner, "progress", "1.3", "90", "--by", "张三")
    lines = small_plan.read_text(encoding="utf-8").splitlines(keepends=True)
    (at,) = [n for n, line in enumerate(lines) if line.startswith("at = ")]
    lines[at] = "at = 2023-05-01 09:30:00+08:00\n"
    small_plan.write_text("".join(lines), encoding="utf-8")
    monkeypatch.setenv("TZ", "UTC")
    if hasattr(time, "tzset"):
        time.tzset()
    try:
        log = ok(runner, "log").stdout
        assert "2023-05-01" in log and "01:30" in log and "09:30" not in log, log
        result = ok(runner, "undo", "--anyone", "--by", "李四")
        assert result.stdout.startswith("已撤销 张三 于 2023-05-01 01:30 的进度"), result.stdout
    finally:
        monkeypatch.delenv("TZ")
        if hasattr(time, "tzset"):
            time.tzset()


def test_undo_reverts_the_last_change_and_records_itself(runner, small_plan):
    original = read(small_plan)
    ok(runner, "progress", "1.3", "90", "--by", "张三")
    result = ok(runner, "undo", "--anyone", "--by", "李四")
    assert result.stdout.startswith("已撤销 张三 于 ")
    assert (
        "的进度：1.3 修机耕道：进度 90% → 50%。1 基础设施 完成率 67%（1/3）" in result.stdout
    )  # no status again, but progress 50: 进行中 still, as before the change
    assert "状态" not in result.stdout
    task = item(small_plan, "1.3")
    assert without_log(task) == original["item"][3]
    progress, undo = task["log"]
    assert progress["undone"] == undo["at"]
    assert (undo["action"], undo["by"], undo["undoes"]) == ("undo", "李四", progress["at"])
    assert undo["before"] == {"progress": 90, "status": "doing"}
    assert undo["after"] == {"progress": 50}


def test_undo_again_walks_further_back_across_items(runner, small_plan):
    original = read(small_plan)
    ok(runner, "done", "1.3")
    ok(runner, "note", "2.3", "讲座已办两场")
    ok(runner, "edit", "2.3", "--owner", "赵六")
    assert "的修改：2.3" in ok(runner, "undo").stdout
    assert "的进展：2.3" in ok(runner, "undo").stdout
    assert "的销号：1.3" in ok(runner, "undo").stdout
    now = read(small_plan)
    assert [without_log(t) for t in now["item"]] == original["item"]
    result = invoke(runner, "undo")
    assert result.exit_code == 1
    assert "没有可以撤销的修改" in result.stderr


def test_undo_of_done_with_several_ids_reverts_them_all(runner, small_plan):
    original = read(small_plan)
    ok(runner, "done", "1", "--all")
    result = ok(runner, "undo")
    assert "1.1 修塘、1.3 修机耕道" in result.stdout
    assert [without_log(t) for t in read(small_plan)["item"]] == original["item"]


def test_undo_of_rm_restores_the_subtree_at_its_place_with_its_history(runner, small_plan):
    original = read(small_plan)
    ok(runner, "note", "2.2", "已走访")
    ok(runner, "rm", "2", "-r", "-y")
    result = ok(runner, "undo")
    assert "的删除：2 社会事业" in result.stdout
    now = read(small_plan)
    assert "removed" not in now
    assert [without_log(t) for t in now["item"]] == original["item"]
    assert [e["action"] for e in log(small_plan, "2.2")] == ["note"]
    assert [e["action"] for e in log(small_plan, "2")] == ["remove", "undo"]


def test_undo_of_add_moves_the_new_item_to_the_archive(runner, small_plan):
    ok(runner, "add", "1", "修桥")
    ok(runner, "undo")
    assert "1.4" not in ids(small_plan)
    (record,) = read(small_plan)["removed"]
    assert [e["action"] for e in record["item"][0]["log"]] == ["add", "undo"]
    assert ok(runner, "add", "1", "修桥").stdout.startswith("已添加 1.5 修桥")


def test_undo_of_move_puts_the_item_back_at_its_old_place(runner, small_plan):
    original = read(small_plan)
    ok(runner, "move", "1.1", "2")
    ok(runner, "undo")
    assert [without_log(t) for t in read(small_plan)["item"]] == original["item"]


def test_undo_refuses_to_overwrite_a_later_hand_edit(runner, small_plan):
    ok(runner, "progress", "1.3", "70")
    text = small_plan.read_text(encoding="utf-8").replace("\nprogress = 70\n", "\nprogress = 75\n")
    small_plan.write_text(text, encoding="utf-8")
    result = invoke(runner, "undo")
    assert result.exit_code == 1
    assert (
        "不能撤销：1.3 修机耕道 的 进度 在这次修改之后又被改过（现在是 75%，这次修改后是 70%）"
        in (result.stderr)
    )
    assert "如仍要改回 50%，请运行：plan progress 1.3 50" in result.stderr
    assert small_plan.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    ("args", "old", "new", "suggested"),
    [
        (["record", "1.1", "30"], "actual = 30", "actual = 31", "plan record 1.1 20"),
        (
            ["edit", "1.1", "--unit", "水利站"],
            'lead_unit = "水利站"',
            'lead_unit = "农业办"',
            'plan edit 1.1 --unit ""',
        ),
        (
            ["edit", "2.2", "--owner", "赵六"],
            'owner = "赵六"',
            'owner = "钱七"',
            "plan edit 2.2 --owner 王五",
        ),
        # 1.3 has progress: reopening gives 进行中, and nothing gives 未开始 but a hand edit
        (["start", "1.3"], 'status = "doing"', 'status = "blocked"', None),
        (
            ["done", "1.3", "--on", "2023-03-02"],
            "done_on = 2023-03-02",
            "done_on = 2023-03-03",
            "plan reopen 1.3",
        ),
    ],
)
def test_undo_refused_by_a_hand_edit_suggests_a_command_that_exists(
    runner, small_plan, args, old, new, suggested
):
    ok(runner, *args)
    text = small_plan.read_text(encoding="utf-8")
    assert old in text
    small_plan.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = invoke(runner, "undo")
    assert result.exit_code == 1
    if suggested is None:
        assert "请在计划文件中手工修改该字段" in result.stderr
        return
    command = result.stderr.split("请运行：")[1].strip()
    assert command == suggested
    # Every command and option it names exists.
    assert "&&" not in command  # Windows PowerShell 5.1 refuses it
    for part in command.split("，再运行 "):
        words = part.split()
        help_text = ok(runner, words[1], "--help").stdout
        assert all(option in help_text for option in words if option.startswith("--"))


# ---------------------------------------------------------------- log


def test_log_shows_the_whole_plan_newest_first_with_removed_items(runner, small_plan):
    ok(runner, "note", "1.1", "第一条", "--by", "甲")
    ok(runner, "note", "2.3", "第二条", "--by", "乙")
    ok(runner, "rm", "2.3", "-y", "--by", "丙")
    result = ok(runner, "log")
    body = result.stdout
    assert body.index("删除") < body.index("第二条") < body.index("第一条")
    assert "禁毒讲座（已删除）" in body
    assert "丙" in body


def test_log_of_one_item_and_since(runner, small_plan):
    ok(runner, "note", "1.1", "甲事")
    ok(runner, "note", "2.3", "乙事")
    assert "乙事" not in ok(runner, "log", "1.1").stdout
    assert "甲事" in ok(runner, "log", "1").stdout  # a goal: everything under it
    assert "没有修改记录" in ok(runner, "log", "--since", "2999-01-01").stdout


def test_log_of_a_removed_item_by_its_id(runner, small_plan):
    ok(runner, "note", "1.3", "开工")
    ok(runner, "rm", "1.3", "-y")
    assert "开工" in ok(runner, "log", "1.3").stdout


def test_log_json_has_every_entry_with_its_item(runner, small_plan):
    ok(runner, "done", "1.3", "--on", "2023-03-20")
    ok(runner, "undo")
    rows = json.loads(ok(runner, "log", "--json").stdout)
    assert [(r["item_id"], r["action"]) for r in rows] == [("1.3", "undo"), ("1.3", "done")]
    assert rows[1]["undone"] == rows[0]["at"]
    assert rows[1]["after"] == {"status": "done", "done_on": "2023-03-20"}
    assert rows[0]["removed"] is False


def test_log_prints_user_text_with_brackets_as_written(runner, small_plan):
    ok(runner, "note", "2.2", "[bold]不是格式[/bold] #1")
    assert "[bold]不是格式[/bold] #1" in ok(runner, "log", "2.2").stdout


# ---------------------------------------------------------------- who, language, read-only


def test_by_defaults_to_the_login_name(runner, small_plan):
    ok(runner, "note", "1.1", "x")
    assert log(small_plan, "1.1")[0]["by"] == "clerk"


def test_by_falls_back_to_unknown_without_a_login_name(runner, small_plan, monkeypatch):
    def no_user() -> str:
        raise OSError("no user")

    monkeypatch.setattr("getpass.getuser", no_user)
    ok(runner, "note", "1.1", "x")
    assert log(small_plan, "1.1")[0]["by"] == "unknown"


def test_the_line_follows_the_language(runner, small_plan):
    result = ok(runner, "done", "1.3", "--on", "2023-03-20", "--lang", "en")
    assert result.stdout == (
        "Ticked off 1.3 修机耕道 (2023-03-20). 1 基础设施: completion 83% (2/3).\n"
    )


def test_a_title_with_a_newline_prints_on_one_line(runner, plan_file):
    write_plan(plan_file, [{"id": "1", "title": "第一行\n第二行"}])
    result = ok(runner, "start", "1")
    assert result.stdout.count("\n") == 1
    assert "第一行 第二行" in result.stdout


@pytest.mark.parametrize("args", [["done", "1.1.1"], ["rm", "1.1.1"], ["record", "5.5.1", "9"]])
def test_changing_the_embedded_plan_is_refused_before_any_question(runner, monkeypatch, args):
    monkeypatch.delenv("PLAN_FILE")
    result = invoke(runner, *args)
    assert result.exit_code == 1
    assert "内置的2023年计划，它是只读的" in result.stderr
    assert "？" not in result.stdout


def test_a_change_command_does_not_load_rich(small_plan):
    """Start-up speed: a change prints a plain line; rich is for tables only."""
    code = (
        "import sys\n"
        "from quanhu_plan.cli import main\n"
        "sys.argv = ['plan', 'done', '1.3']\n"
        "try:\n    main()\nexcept SystemExit as exit:\n    assert not exit.code, exit.code\n"
        "print('rich' in sys.modules)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert out.stdout.splitlines()[-1] == "False", out.stdout + out.stderr


def test_small_plan_fixture_is_what_these_tests_assume():
    assert [t["id"] for t in SMALL_ITEMS] == ["1", "1.1", "1.2", "1.3", "2", "2.1", "2.2", "2.3"]


def test_a_rank_reaches_its_target_from_above():
    from quanhu_plan.building import plan_from_doc
    from quanhu_plan.changes import reaches_target

    from .conftest import plan_doc

    plan = plan_from_doc(
        plan_doc([{"id": "1", "title": "综治民调全市排名", "measure": "位", "target": 30}])
    )
    day = dt.date(2023, 6, 30)
    assert reaches_target(plan, plan.find("1"), 28, day)
    assert reaches_target(plan, plan.find("1"), 30, day)
    assert not reaches_target(plan, plan.find("1"), 36, day)


def test_log_shows_the_newest_fifty_unless_told_otherwise(runner, small_plan):
    for n in range(55):
        ok(runner, "note", "1.1", f"第{n}条", "--on", "2023-05-01")
    result = ok(runner, "log", "--json")
    notes = [row["note"] for row in json.loads(result.stdout)]
    assert len(notes) == 50 and notes[0] == "第54条" and notes[-1] == "第5条"
    table = ok(runner, "log")
    assert "第54条" in table.stdout and "第4条" not in table.stdout
    assert "共 55 条，只显示了最新的 50 条" in table.stderr
    assert len(json.loads(ok(runner, "log", "--all", "--json").stdout)) == 55
    assert len(json.loads(ok(runner, "log", "--limit", "3", "--json").stdout)) == 3
    assert invoke(runner, "log", "--limit", "0").exit_code == 2


@pytest.mark.parametrize(
    ("steps", "hand", "expected"),
    [
        # undo of done: it already is what undo would give back
        (
            [["progress", "1.3", "70"], ["done", "1.3", "--on", "2023-03-02"]],
            'status = "doing"',
            "不用再改",
        ),
        # undo of block on a task since ticked off by hand: reopen, then start (no progress)
        ([["start", "2.3"], ["block", "2.3", "--reason", "x"]], 'status = "done"', None),
    ],
)
def test_an_undo_hint_on_a_status_works_from_the_status_it_has_now(
    runner, small_plan, steps, hand, expected
):
    for step in steps:
        ok(runner, *step)
    text = small_plan.read_text(encoding="utf-8")
    block = text.split('id = "' + steps[-1][1] + '"')[1].split("[[item]]")[0]
    current = next(line for line in block.splitlines() if line.startswith("status = "))
    small_plan.write_text(text.replace(block, block.replace(current, hand, 1), 1), encoding="utf-8")
    result = invoke(runner, "undo")
    assert result.exit_code == 1
    if expected:
        assert expected in result.stderr
        return
    command = result.stderr.split("请运行：")[1].strip()
    assert "&&" not in command  # Windows PowerShell 5.1 refuses it
    for part in command.split("，再运行 "):
        ok(runner, *part.split()[1:])  # every step of the hint is accepted
    assert item(small_plan, "2.3")["status"] == "doing"


def test_undo_takes_back_your_own_newest_change_not_a_colleagues(runner, small_plan):
    ok(runner, "progress", "1.3", "60", "--by", "张三")
    ok(runner, "note", "2.3", "李四的进展", "--by", "李四")
    result = ok(runner, "undo", "--by", "张三")
    assert result.stdout.startswith("已撤销 张三 于 ")
    assert "注意：之后还有 李四 于" in result.stderr and "加 --anyone" in result.stderr
    assert item(small_plan, "1.3")["progress"] == 50
    assert "undone" not in item(small_plan, "2.3")["log"][0]
    refused = invoke(runner, "undo", "--by", "张三")
    assert refused.exit_code == 1
    assert "张三 没有可以撤销的修改。最新的修改是 李四 于" in refused.output
    assert "plan undo --anyone" in refused.output


def test_undo_refused_by_a_change_nobody_signed_says_so_without_a_gap(runner, small_plan):
    ok(runner, "note", "2.3", "进展", "--by", "李四")
    text = small_plan.read_text(encoding="utf-8")
    small_plan.write_text(text.replace('by = "李四"\n', "", 1), encoding="utf-8")
    refused = invoke(runner, "undo", "--by", "张三")
    assert refused.exit_code == 1
    assert "最新的修改是 未署名的人 于 " in refused.stderr
    assert "  " not in refused.stderr and "--by ''" not in refused.stderr
    english = invoke(runner, "--lang", "en", "undo", "--by", "张三")
    assert "of 2.3 禁毒讲座 by nobody named at " in english.stderr


def test_an_undo_hint_to_reopen_counts_zero_accidents_as_work_as_reopen_does(runner, small_plan):
    """A 零发生 task's figure of 0 is work reported: reopen gives it 进行中 at once, so the hint
    to take it back to 进行中 is reopen alone (a plan start after it would be refused)."""
    ok(
        runner,
        "add",
        "1",
        "安全生产事故零发生",
        "--target",
        "0",
        "--direction",
        "down",
        "--on",
        "2023-01-01",
    )
    ok(runner, "record", "1.4", "0", "--on", "2023-03-01")
    ok(runner, "block", "1.4", "--reason", "x")
    text = small_plan.read_text(encoding="utf-8")
    block = text.split('id = "1.4"')[1].split("[[item]]")[0]
    small_plan.write_text(
        text.replace(block, block.replace('status = "blocked"', 'status = "done"', 1), 1),
        encoding="utf-8",
    )
    result = invoke(runner, "undo")
    assert result.exit_code == 1
    assert result.stderr.split("请运行：")[1].strip() == "plan reopen 1.4"
    ok(runner, "reopen", "1.4")
    assert item(small_plan, "1.4")["status"] == "doing"
