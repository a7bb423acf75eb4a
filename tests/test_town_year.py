"""A second town's year (大围山镇 2024: 五大板块, limits kept, falls aimed at, a rank, tasks added,
moved, blocked and dropped) lived through the CLI month by month: what that walk found wrong,
each pinned here."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan


def run(*args: str, width: int = 80, code: int = 0, input: str | None = None) -> str:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": str(width)}, input=input)
    assert result.exit_code == code, result.output
    return result.output


def item(path: Path, item_id: str) -> dict[str, Any]:
    plan = tomllib.loads(path.read_text(encoding="utf-8"))
    return next(t for t in plan["item"] if t["id"] == item_id)


def _limits(plan_file: Path) -> None:
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "安全稳定"},
            {
                "id": "1.1",
                "title": "较大以上安全生产事故",
                "measure": "起",
                "target": 0,
                "target_text": "零发生",
                "direction": "down",
                "due": "2023-12",
            },
            {
                "id": "1.2",
                "title": "森林火灾受害率",
                "measure": "‰",
                "target": 0.9,
                "target_text": "控制在0.9‰以内",
                "direction": "down",
            },
        ],
    )


def test_record_yes_ticks_off_a_limit_kept_to_its_deadline(plan_file):
    """零发生 and 控制在0.9‰以内, recorded at the year's end with --yes: the limit was kept all
    year, so the task is done. It stayed 进行中 with 100 %, and the year-end report carried a
    target met into next year (下一步打算) instead of listing it among the achievements."""
    _limits(plan_file)
    output = run("record", "1.1", "0", "--on", "2023-12-31", "--yes")
    assert "完成值 — → 0起；状态 未开始 → 已完成" in output
    task = item(plan_file, "1.1")
    assert (task["status"], task["done_on"]) == ("done", dt.date(2023, 12, 31))
    # No deadline: the plan's end is the day the limit has been kept to.
    run("record", "1.2", "0.6", "--on", "2023-12-31", "--yes")
    assert item(plan_file, "1.2")["status"] == "done"
    report = run("report", "--format", "md", "--as-of", "2023-12-31")
    achievements = report.split("## 二、")[1].split("## 三、")[0]
    assert "较大以上安全生产事故" in achievements and "森林火灾受害率" in achievements
    assert "全部任务均已完成" in report.split("## 四、")[1]  # nothing left to carry forward


def test_record_asks_to_tick_off_a_limit_kept_to_its_deadline(plan_file, at_terminal):
    """At the deadline the question is asked, as for any target reached; no answer is no."""
    _limits(plan_file)
    output = run("record", "1.1", "0", "--on", "2023-12-31")
    assert "1.1 较大以上安全生产事故 的完成值已达到目标值 0起，是否同时销号？" in output
    assert item(plan_file, "1.1")["status"] == "doing"


def test_record_of_a_limit_before_its_deadline_is_not_ticked_off(plan_file):
    """0 accidents in March is no reason to tick 零发生 off, --yes or not: the year is not over."""
    _limits(plan_file)
    output = run("record", "1.1", "0", "--on", "2023-03-31", "--yes")
    assert "是否" not in output and "已完成" not in output
    assert item(plan_file, "1.1")["status"] == "doing"


def test_what_remains_of_a_percentage_is_in_percentage_points(plan_file):
    """医保参保率 at 94.5 % of 96 %: 尚差1.5个百分点, as the achievements say 超出目标0.3个百分点;
    the report said 尚差1.5% (a share of something), in Chinese and English."""
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "民生"},
            {"id": "1.1", "title": "城乡居民医保参保率", "measure": "%", "target": 96},
            {"id": "1.2", "title": "化肥使用量", "measure": "%", "target": -5, "direction": "down"},
        ],
    )
    run("record", "1.1", "94.5", "--on", "2023-12-31")
    run("record", "1.2", "-3.2", "--on", "2023-12-31")
    zh = run("report", "--format", "md", "--as-of", "2023-12-31").split("## 四、")[1]
    assert "尚差1.5个百分点" in zh and "尚差1.8个百分点" in zh
    assert "尚差1.5%" not in zh
    en = run("report", "--format", "md", "--as-of", "2023-12-31", "--lang", "en")
    steps = en.split("## 4. ")[1]
    assert "1.5 percentage points to go" in steps and "1.8 percentage points to go" in steps


def test_the_overviews_statuses_add_up_to_the_tasks_with_one_blocked(plan_file):
    """共安排任务3项，已完成1项，进行中1项 left the blocked task out of the count by status (the
    phrase for it existed but was never used): the numbers did not add up to the total."""
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "修路", "status": "done", "done_on": dt.date(2023, 5, 1)},
            {"id": "2", "title": "修塘", "status": "doing", "progress": 50},
            {"id": "3", "title": "建污水管网", "status": "blocked", "reason": "征拆未完成"},
        ],
    )
    zh = run("report", "--format", "md", "--as-of", "2023-12-31")
    assert "共安排任务3项，已完成1项，进行中1项，受阻1项，综合完成率50%。" in zh
    en = run("report", "--format", "md", "--as-of", "2023-12-31", "--lang", "en")
    assert "has 3 tasks: 1 done, 1 in progress, 1 blocked; overall completion 50%." in en


def test_english_report_joins_the_last_of_a_list_with_and_or_or(plan_file):
    """“none overdue, dropped.” and “No reason is recorded for 3), 5).” are not English: the last
    two of a list are joined with “or” (none …) and “and”."""
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "修路", "progress": 10, "reason": "雨季停工"},
            {"id": "2", "title": "修塘", "status": "blocked", "reason": "资金未到位"},
            {"id": "3", "title": "建污水管网", "progress": 20},
            {"id": "4", "title": "修桥", "progress": 30, "reason": "设计变更"},
            {"id": "5", "title": "建站", "progress": 5},
        ],
    )
    en = run("report", "--format", "md", "--as-of", "2023-06-30", "--lang", "en")
    assert "Of them: 5 behind; none overdue or dropped." in en
    assert en.count("The main reason: \\[to be added\\].") == 2
    zh = run("report", "--format", "md", "--as-of", "2023-06-30")
    assert "其中欠进度5项；无逾期、已取消的任务。" in zh
    assert zh.count("主要原因是【待补充】。") == 2
    data = json.loads(run("report", "--format", "json", "--as-of", "2023-06-30"))
    assert data["problems_unexplained"] == "以上第三、五项未记录原因。"


def test_undo_of_an_add_leaves_a_task_a_colleague_has_worked_on_since(plan_file):
    """办公室 added 5.5 in November, 派出所 recorded 21场 on it and ticked it off; when 办公室
    ran plan undo (twice: its newest change was the title, then the add), the task went to the
    archive with 派出所's figures, while the message said newer changes by others were left
    alone. Undoing the add is refused while changes by others on the item stand."""
    write_plan(plan_file, [{"id": "5", "title": "安全稳定"}])
    added = ("开展防范电信网络诈骗宣传", "--target", "20", "--measure", "场")
    run("add", "5", *added, "--by", "办公室", "--on", "2023-11-01")
    run("record", "5.1", "21", "--on", "2023-12-27", "--yes", "--by", "派出所")
    before = plan_file.read_text(encoding="utf-8")
    output = run("undo", "--by", "办公室", code=1)
    assert "不能撤销新增 5.1 开展防范电信网络诈骗宣传" in output
    assert "派出所" in output and "plan rm 5.1" in output
    assert plan_file.read_text(encoding="utf-8") == before
    # Once the colleague's change is undone too, the add can be.
    run("undo", "--by", "派出所")
    run("undo", "--by", "办公室")
    assert "5.1" not in [t["id"] for t in tomllib.loads(plan_file.read_text("utf-8"))["item"]]


def test_undo_of_an_add_takes_back_ones_own_later_changes_first(plan_file):
    """One's own later changes to the new item are undone one by one first, as always."""
    write_plan(plan_file, [{"id": "5", "title": "安全稳定"}])
    run("add", "5", "修塘", "--by", "办公室")
    run("progress", "5.1", "30", "--by", "办公室")
    run("undo", "--by", "办公室")
    output = run("undo", "--by", "办公室")
    assert "已撤销 办公室" in output and "的新增：5.1 修塘" in output


def test_report_json_gives_a_problems_deadline_as_the_file_writes_it(plan_file):
    """“In every JSON, due is the deadline as the file writes it” (2024-Q3), with due_day the
    day it means, as the ledger has them; the problems gave the day (2024-09-30) as due."""
    import json

    write_plan(
        plan_file,
        [
            {"id": "1", "title": "新建村级养老服务站", "due": "2023-Q3", "progress": 30},
            {"id": "2", "title": "修塘", "progress": 10},
        ],
    )
    report = json.loads(run("report", "--format", "json", "--as-of", "2023-12-31"))
    problems = {p["id"]: p for p in report["problems"]}
    assert (problems["1"]["due"], problems["1"]["due_day"]) == ("2023-Q3", "2023-09-30")
    assert (problems["2"]["due"], problems["2"]["due_day"]) == ("", None)
    ledger = {row["id"]: row for row in report["ledger"]}
    assert (ledger["1"]["due"], ledger["1"]["due_day"]) == ("2023-Q3", "2023-09-30")


def test_a_fall_aimed_at_is_said_as_a_fall_not_as_a_negative_figure(plan_file):
    """化肥使用量 aimed at 比上年下降5%: the report said 化肥使用量-5.6%, 目前-2%, 目标-3%,
    目前1.2% — figures a summary never writes. A fall reads 下降5.6%, a rise 上升1.2%."""
    fall = {"measure": "%", "direction": "down"}
    write_plan(
        plan_file,
        [
            {
                "id": "1",
                "title": "化肥使用量",
                **fall,
                "target": -5,
                "target_text": "比上年下降5%",
                "actual": -5.6,
                "status": "done",
                "done_on": dt.date(2023, 12, 20),
            },
            {"id": "2", "title": "单位GDP能耗", **fall, "target": -3, "actual": 1.2},
            {"id": "3", "title": "农药使用量", **fall, "target": -5, "actual": -2},
        ],
    )
    zh = run("report", "--format", "md", "--as-of", "2023-12-31")
    assert "化肥使用量下降5.6%，目标比上年下降5%，优于目标0.6个百分点" in zh
    assert "（目前上升1.2%，目标下降3%）" in zh
    assert "（目前下降2%，目标下降5%）" in zh
    assert "| 下降3%/上升1.2% |" in zh
    assert "-" + "5.6%" not in zh and "-2%" not in zh
    en = run("report", "--format", "md", "--as-of", "2023-12-31", "--lang", "en")
    assert "化肥使用量: down 5.6%, target 比上年下降5%" in en
    assert "(now up 1.2%, target down 3%)" in en and "(now down 2%, target down 5%)" in en


def test_english_report_says_one_task_in_the_singular(plan_file):
    """“0 of 1 tasks done”, “has 1 tasks”, “1 tasks of … are in scope”: one task is a task."""
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "生态", "lead": "赵明"},
            {"id": "1.1", "title": "化肥使用量", "progress": 10},
            {"id": "2", "title": "民生", "lead": "黄丽华"},
            {"id": "2.1", "title": "新增就业", "progress": 50},
            {"id": "2.2", "title": "两癌筛查", "progress": 50},
        ],
    )
    en = run("report", "--format", "md", "--as-of", "2023-06-30", "--lang", "en")
    assert "生态: 0 of 1 task done, completion 10%" in en
    assert "民生: 0 of 2 tasks done" in en
    one = run("report", "--format", "md", "--as-of", "2023-06-30", "--lang", "en", "--part", "1")
    assert "1 task of 测试镇2023年工作计划 is in scope: 0 done" in one
    write_plan(plan_file, [{"id": "1", "title": "修塘", "status": "doing", "progress": 10}])
    alone = run("report", "--format", "md", "--as-of", "2023-06-30", "--lang", "en")
    assert "测试镇2023年工作计划 has 1 task: 0 done, 1 in progress" in alone


def test_new_says_one_part_and_one_task_carried_in_the_singular(plan_file):
    """plan new said “1 parts and goals kept, 1 unfinished tasks carried over”."""
    write_plan(plan_file, [{"id": "1", "title": "修塘", "status": "doing", "progress": 40}])
    out = run("--lang", "en", "new", "2024", "--carry")
    assert ": 0 parts and goals kept, 1 unfinished task carried over (1);" in out
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "基础设施"},
            {"id": "1.1", "title": "修塘", "status": "doing", "progress": 40},
            {"id": "1.2", "title": "修路", "status": "doing", "progress": 40},
        ],
    )
    out = run("--lang", "en", "new", "2024", "--carry", "--force")
    assert ": 1 part or goal kept, 2 unfinished tasks carried over (1.1, 1.2);" in out


def test_reopen_of_a_zero_accidents_task_with_its_figure_keeps_it_in_progress(plan_file):
    """record 0 on 零发生 makes the task 进行中 (0 counts there); reopening it after the
    tick-off gave 未开始, as if no figure had been recorded."""
    _limits(plan_file)
    run("record", "1.1", "0", "--on", "2023-12-31", "--yes")
    output = run("reopen", "1.1")
    assert "状态 已完成 → 进行中" in output
    assert item(plan_file, "1.1")["status"] == "doing"


def test_a_missed_milestone_reads_as_chinese_without_a_dunhao_between_clauses(plan_file):
    """时间节点2024年第三季度应达75%、届时完成68%，未达到: 、 joins words in a list, not two
    clauses; the problem now says 未达到2024年第三季度时间节点要求（应达75%，届时完成68%）."""
    write_plan(
        plan_file,
        [
            {
                "id": "1",
                "title": "完成农村公路提质改造",
                "measure": "公里",
                "target": 12,
                "actual": 8.2,
                "status": "doing",
                "start": "2023-03",
                "due": "2023-10",
                "milestone": [{"due": "2023-Q3", "value": 9}],
            }
        ],
    )
    zh = run("report", "--format", "md", "--as-of", "2023-09-30")
    assert "未达到2023年第三季度时间节点要求（应达9公里，即75%，届时完成68%）" in zh
    assert "、届时" not in zh


def test_the_overview_does_not_count_the_dropped_among_the_tasks_it_sums(plan_file):
    """共安排任务3项（另有1项已取消），已完成1项，进行中1项，受阻1项…。其中…受阻1项，已取消1项:
    其中 (among them) counted the dropped task, which is not among the 3, and said the blocked
    one a second time. The second sentence is about pace; what is 0 is still said (无逾期…)."""
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "修路", "status": "done", "done_on": dt.date(2023, 5, 1)},
            {"id": "2", "title": "修塘", "status": "doing", "progress": 10},
            {"id": "3", "title": "建污水管网", "status": "blocked", "reason": "征拆未完成"},
            {"id": "4", "title": "建站", "status": "dropped", "reason": "暂停"},
        ],
    )
    zh = run("report", "--format", "md", "--as-of", "2023-06-30")
    assert "共安排任务3项（另有1项已取消），已完成1项，进行中1项，受阻1项，综合完成率" in zh
    assert "其中欠进度2项；无逾期的任务。" in zh
    en = run("report", "--format", "md", "--as-of", "2023-06-30", "--lang", "en")
    assert "Of them: 2 behind; none overdue." in en


def test_new_notes_one_goal_left_without_tasks_in_the_singular(plan_file):
    """“Note: 2 have no tasks under them yet” for the one part 2: read as a count, and plural."""
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "基础设施"},
            {"id": "1.1", "title": "修塘", "status": "doing", "progress": 40},
            {"id": "2", "title": "民生"},
            {"id": "2.1", "title": "就业", "status": "done", "done_on": dt.date(2023, 5, 1)},
        ],
    )
    out = run("--lang", "en", "new", "2024", "--carry")
    assert "Note: 2 has no task under it yet and counts as a task in the new plan" in out
    out = run("--lang", "en", "new", "2024", "--force")
    assert "Note: 1, 2 have no tasks under them yet and count as tasks in the new plan" in out
