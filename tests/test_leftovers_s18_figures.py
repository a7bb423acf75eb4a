"""Leftovers of the figures (session 18): figures that contradicted each other or misled an
office reader on edge-case plans — a part whose tasks are all at 100% but none ticked off, a
figure without a target, a hand-typed 未开始 replayed with --as-of, a merge conflict shown on a
day before it existed."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan


def _report(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, ["report", *args])
    assert result.exit_code == 0, result.output
    return result.output


def _flat(text: str) -> str:
    """The report's text without the line breaks and indents the terminal folds it with."""
    return "".join(text.split())


# ------------------------------------------------- a part at 100% whose tasks are not ticked off

AT_FULL = [
    {"id": "1", "title": "基础设施"},
    {"id": "1.1", "title": "修塘", "progress": 100},
    {"id": "1.2", "title": "修路", "status": "doing", "progress": 100},
    {"id": "2", "title": "社会事业"},
    {"id": "2.1", "title": "禁毒讲座", "status": "done", "done_on": dt.date(2023, 3, 1)},
    {"id": "2.2", "title": "建站", "progress": 40},
]


def test_a_part_at_100_percent_with_nothing_ticked_off_says_how_many_await_tick_off(
    runner: CliRunner, plan_file: Path
) -> None:
    """任务2项，已完成0项，完成率100% contradicts itself for an office reader: the part line (and
    the overview's head) say beside the count done how many are at 100% awaiting 销号, in
    every format, with the same count as 下一步打算's opening line."""
    write_plan(plan_file, AT_FULL)
    text = _flat(_report(runner, "--as-of", "2023-07-01"))
    assert "基础设施：任务2项，已完成0项（另有2项完成率已达100%、尚未销号），完成率100%。" in text
    assert "社会事业：任务2项，已完成1项，完成率70%，" in text  # none at 100%: as before
    assert (
        "共安排任务4项，已完成1项（另有2项完成率已达100%、尚未销号），进行中3项，综合完成率85%。"
        in text
    )
    assert "其中2项完成率已达100%、尚未销号" in text  # 下一步打算: the same two
    markdown = _flat(_report(runner, "--as-of", "2023-07-01", "--format", "md"))
    assert "已完成0项（另有2项完成率已达100%、尚未销号），完成率100%" in markdown
    data = json.loads(_report(runner, "--as-of", "2023-07-01", "--format", "json"))
    assert data["overview"]["reached"] == 2
    assert [(p["id"], p["done"], p["reached"]) for p in data["overview"]["parts"]] == [
        ("1", 0, 2),
        ("2", 1, 0),
    ]
    english = _flat(_report(runner, "--as-of", "2023-07-01", "--lang", "en"))
    assert "0of2tasksdone(2moreat100%butnottickedoff),completion100%" in english


def test_a_task_at_100_percent_in_another_part_is_not_counted_in_a_report_on_one_part(
    runner: CliRunner, plan_file: Path
) -> None:
    write_plan(plan_file, AT_FULL)
    text = _flat(_report(runner, "--as-of", "2023-07-01", "--part", "2"))
    assert "尚未销号" not in text


# ------------------------------------------------------------- a figure without a target

NO_TARGET = [
    {"id": "1", "title": "粮食生产"},
    {"id": "1.1", "title": "粮食播种", "measure": "万亩", "actual": 3.35},
    {
        "id": "1.2",
        "title": "经济增长",
        "measure": "%",
        "actual": 5,
        "target_text": "与经济增长同步",
    },
    {"id": "1.3", "title": "修塘", "measure": "处", "target": 40, "actual": 12},
]


def test_a_figure_without_a_target_is_not_said_as_0_percent_done_of_it(
    runner: CliRunner, plan_file: Path
) -> None:
    """docs/reference.md: a task without a target number is measured by its progress. The
    sentence 完成率0%（已完成3.35万亩） read as if 3.35万亩 were 0% of something: the figure is
    said alone, and the completion as what it is, the progress reported."""
    write_plan(plan_file, NO_TARGET)
    text = _flat(_report(runner, "--as-of", "2023-07-01"))
    assert "完成率0%（已完成3.35万亩）" not in text
    assert (
        "粮食播种：进度滞后于序时进度，目前已完成3.35万亩，未设目标值，按填报进度计完成率0%" in text
    )
    assert "目前5%，目标与经济增长同步，按填报进度计完成率0%" in text  # (a rate: a level)
    # A figure with its target reads as before.
    assert "修塘：进度滞后于序时进度，目前完成率为30%（已完成12处，目标40处）" in text
    # 下一步打算 says the figure too, not a bare 完成率0%.
    assert "粮食播种：目前进行中，已完成3.35万亩，未设目标值，按填报进度计完成率0%" in text
    english = _flat(_report(runner, "--as-of", "2023-07-01", "--lang", "en"))
    assert "3.35万亩done,notargetset;completion0%byreportedprogress" in english


# --------------------------------------------- a hand-typed 未开始 replayed with --as-of

TYPED_TODO: list[dict[str, Any]] = [
    {"id": "1", "title": "基础设施"},
    {
        "id": "1.1",
        "title": "修渠",
        "status": "todo",
        "progress": 40,
        "log": [
            {
                "at": dt.datetime(2023, 5, 1, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))),
                "by": "张三",
                "action": "progress",
                "before": {"progress": 10},
                "after": {"progress": 40},
            }
        ],
    },
]


def _status_of(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, ["list", "--json", *args])
    assert result.exit_code == 0, result.output
    return {r["id"]: r.get("status") for r in json.loads(result.output)}["1.1"]


def test_a_status_typed_by_hand_as_not_started_stays_so_on_every_past_day(
    runner: CliRunner, plan_file: Path
) -> None:
    """status = "todo" typed by hand, no change of it in the trace: it counts from the plan's
    start (plan show says so). Before the progress change it read 进行中 (the typed todo was
    taken for no status), after it 未开始: the same task flipped with no change of status."""
    write_plan(plan_file, TYPED_TODO)
    assert _status_of(runner) == "todo"
    assert _status_of(runner, "--as-of", "2023-06-01") == "todo"
    assert _status_of(runner, "--as-of", "2023-04-01") == "todo"
    listed = runner.invoke(app, ["list", "--as-of", "2023-04-01"]).output
    assert "[ ] 1.1 修渠" in listed and "未开始" in listed
    report = json.loads(_report(runner, "--as-of", "2023-04-01", "--format", "json"))
    assert (report["overview"]["todo"], report["overview"]["doing"]) == (1, 0)


# --------------------------------------------- a merge conflict on a day before it existed

_CST = dt.timezone(dt.timedelta(hours=8))
CONFLICTED: list[dict[str, Any]] = [
    {"id": "1", "title": "基础设施"},
    {
        "id": "1.1",
        "title": "建站",
        "progress": 70,
        "conflict": [
            {
                "field": "progress",
                "ours": 70,
                "theirs": 60,
                "ours_by": "张三",
                "ours_at": dt.datetime(2023, 9, 1, 10, 0, tzinfo=_CST),
                "theirs_by": "李四",
                "theirs_at": dt.datetime(2023, 9, 2, 10, 0, tzinfo=_CST),
            }
        ],
        "log": [
            {
                "at": dt.datetime(2023, 2, 1, 10, 0, tzinfo=_CST),
                "by": "王五",
                "action": "progress",
                "before": {"progress": 0},
                "after": {"progress": 50},
            },
            {
                "at": dt.datetime(2023, 9, 1, 10, 0, tzinfo=_CST),
                "by": "张三",
                "action": "progress",
                "before": {"progress": 50},
                "after": {"progress": 70},
            },
            {
                "at": dt.datetime(2023, 9, 2, 10, 0, tzinfo=_CST),
                "by": "李四",
                "action": "progress",
                "before": {"progress": 50},
                "after": {"progress": 60},
            },
        ],
    },
]


def test_a_merge_conflict_made_later_is_not_shown_on_an_earlier_day(
    runner: CliRunner, plan_file: Path
) -> None:
    """plan show 1.1 --as-of 2023-03-01 showed 进度 50% and under it a merge conflict of
    September (70% against 60%) — with list and status saying 这些数字以我方的值显示, though
    the figures of March owe nothing to it. Shown from the day its later side was set."""
    write_plan(plan_file, CONFLICTED)
    for command in (["show", "1.1"], ["list"], ["status"]):
        early = runner.invoke(app, [*command, "--as-of", "2023-03-01"])
        assert early.exit_code == 0, early.output
        assert "合并冲突" not in early.output, command
        now = runner.invoke(app, command)
        assert "合并冲突" in now.output, command
    shown = runner.invoke(app, ["show", "1.1", "--as-of", "2023-03-01", "--json"])
    assert "conflict" not in json.loads(shown.output)
    status = runner.invoke(app, ["status", "--as-of", "2023-03-01", "--json"])
    assert "conflicts" not in json.loads(status.output)
    # The day the second side was set, the conflict stands.
    late = runner.invoke(app, ["show", "1.1", "--as-of", "2023-09-02"])
    assert "合并冲突" in late.output


def test_status_and_show_say_the_tasks_at_100_percent_awaiting_tick_off(
    runner: CliRunner, plan_file: Path
) -> None:
    """plan status read 基础设施 0/2 100% and plan show 1 完成/总数 0/2 beside 完成率100%,
    unexplained: a note under the status table, and show beside its count, say how many are at
    100% awaiting 销号 — the count the report gives."""
    write_plan(plan_file, AT_FULL)
    status = runner.invoke(app, ["status", "--as-of", "2023-07-01"])
    assert status.exit_code == 0, status.output
    assert "注：1基础设施的任务完成率均已达100%，其中2项尚未销号。" in _flat(status.output)
    assert "社会事业的任务" not in _flat(status.output)  # 70%: no contradiction to explain
    data = json.loads(runner.invoke(app, ["status", "--json"]).output)
    assert data["not_ticked_off"] == [
        {"id": "1", "title": "基础设施", "count": 2, "held": 0, "blocked": 0}
    ]
    now = runner.invoke(app, ["status"])  # the fast path, of the goals alone
    assert "其中2项尚未销号" in _flat(now.output)
    shown = runner.invoke(app, ["show", "1", "--as-of", "2023-07-01"])
    assert "0/2（另有2项完成率已达100%、尚未销号）" in _flat(shown.output)
    record = json.loads(runner.invoke(app, ["show", "1", "--json"]).output)
    assert (record["figures"]["done"], record["reached"]) == (0, 2)
    english = runner.invoke(app, ["status", "--lang", "en"])
    assert "2ofthemarenottickedoffyet" in _flat(english.output)
    listed = runner.invoke(app, ["list", "--as-of", "2023-07-01"]).output
    assert "1 基础设施  0/2 · 100% · 2项尚未销号" in listed
    assert "2 社会事业  1/2 · 70%\n" in listed


def test_a_plan_of_tasks_alone_all_at_100_percent_says_so_under_its_total(
    runner: CliRunner, plan_file: Path
) -> None:
    write_plan(plan_file, [{"id": "1", "title": "修塘", "progress": 100}])
    status = runner.invoke(app, ["status"])
    assert "注：全部任务完成率均已达100%，其中1项尚未销号" in _flat(status.output)


def test_a_blocked_task_at_100_percent_is_counted_as_blocked_not_awaiting_tick_off(
    runner: CliRunner, plan_file: Path
) -> None:
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "基础设施"},
            {"id": "1.1", "title": "修塘", "progress": 100, "status": "blocked"},
        ],
    )
    assert "尚未销号" not in runner.invoke(app, ["status"]).output
    assert "尚未销号" not in _flat(_report(runner))


# ------------------------------------------------------------ where less is better

LIMITS = [
    {"id": "1", "title": "社会事业"},
    {"id": "1.1", "title": "安全事故", "measure": "起", "target": 0, "actual": 2},
    {
        "id": "1.2",
        "title": "人口自然增长率",
        "measure": "‰",
        "target": 5,
        "direction": "down",
        "actual": 8,
    },
    {
        "id": "1.3",
        "title": "能耗下降",
        "measure": "%",
        "target": -10,
        "direction": "down",
        "actual": -4,
    },
]


def test_a_limit_exceeded_is_said_above_it_not_still_short_of_it(
    runner: CliRunner, plan_file: Path
) -> None:
    """下一步打算 said 安全事故：目前进行中，完成率0%，尚差2起 — as if two more accidents were to
    come — and 人口自然增长率…尚差3‰. Above a limit is 高于目标; a fall aimed at still has some
    to make (尚差6个百分点)."""
    write_plan(plan_file, LIMITS)
    text = _flat(_report(runner, "--as-of", "2023-06-30"))
    assert "尚差2起" not in text and "尚差3‰" not in text
    assert "安全事故：目前进行中，完成率0%，高于目标2起" in text
    assert "人口自然增长率：目前进行中，完成率63%，高于目标3‰" in text
    assert "能耗下降：目前进行中，完成率40%，尚差6个百分点" in text
    english = _flat(_report(runner, "--as-of", "2023-06-30", "--lang", "en"))
    assert "2起abovetarget" in english


# ------------------------------------------------------- a milestone before the task's start


def test_a_milestone_not_after_the_start_is_not_said_missed(
    runner: CliRunner, plan_file: Path
) -> None:
    """plan check says a milestone not after the task's start has no effect (不起作用), and the
    pace follows none; yet status, show and the report said it 未达到 (a red problem)."""
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "部分"},
            {
                "id": "1.1",
                "title": "建站",
                "start": "2023-05",
                "due": "2023-Q3",
                "milestone": [{"due": "2023-03", "progress": 50}],
            },
        ],
    )
    assert "不起作用" in runner.invoke(app, ["check"]).output
    status = runner.invoke(app, ["status", "--as-of", "2023-04-15"])
    assert status.exit_code == 0 and "未达到" not in status.output
    shown = runner.invoke(app, ["show", "1.1", "--as-of", "2023-04-15"])
    assert "2023-03 应达 50%（不晚于开工，不考核）" in shown.output
    assert "时间节点" not in _flat(_report(runner, "--as-of", "2023-04-15")).split("四、")[0]
    record = json.loads(runner.invoke(app, ["show", "1.1", "--json"]).output)
    assert [m["state"] for m in record["milestones"]] == ["before_start"]


# ------------------------------------------------------------ a part with only dropped tasks


def test_a_part_whose_tasks_are_all_dropped_says_so_not_completion_dash(
    runner: CliRunner, plan_file: Path
) -> None:
    """全部取消：任务0项（另有1项已取消），已完成0项，完成率—。 counted nothing in three ways
    and put a dash into a sentence: the part says its tasks were all dropped, and so does the
    head of a plan whose every task was."""
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "文化活动"},
            {"id": "1.1", "title": "花鼓戏下乡", "status": "dropped", "reason": "场地未落实"},
            {"id": "1.2", "title": "广场舞比赛", "status": "dropped"},
        ],
    )
    text = _flat(_report(runner))
    assert "共安排任务2项，均已取消。" in text
    assert "文化活动：任务2项，均已取消。" in text
    assert "完成率—" not in text
    english = _report(runner, "--lang", "en")
    assert "has 2 tasks, all dropped." in english and "文化活动: all 2 tasks dropped." in english
    data = json.loads(_report(runner, "--format", "json"))
    assert (data["overview"]["total"], data["overview"]["dropped"]) == (0, 2)
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "文化活动"},
            {"id": "1.1", "title": "花鼓戏下乡", "status": "dropped"},
            {"id": "2", "title": "基础设施"},
            {"id": "2.1", "title": "修塘", "progress": 50},
        ],
    )
    text = _flat(_report(runner, "--as-of", "2023-07-01"))
    assert "文化活动：任务1项，均已取消。" in text and "基础设施：任务1项，已完成0项" in text


def test_a_limit_kept_before_its_deadline_is_not_to_be_ticked_off_yet(
    runner: CliRunner, plan_file: Path
) -> None:
    """A limit is held all year (docs: 4.2‰ in March is no reason to tick it off; plan record
    offers no tick-off before the deadline), yet 下一步打算 of June said 核实后及时销号 of
    人口自然增长率 and 零事故. Before the deadline they are counted as limits held so far; from
    it on, as at 100% awaiting 销号."""
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "社会事业"},
            {
                "id": "1.1",
                "title": "人口自然增长率",
                "measure": "‰",
                "target": 5,
                "direction": "down",
                "actual": 4.2,
            },
            {"id": "1.2", "title": "安全生产事故", "measure": "起", "target": 0, "actual": 0},
            {"id": "1.3", "title": "修塘", "progress": 30},
        ],
    )
    june = _flat(_report(runner, "--as-of", "2023-06-30"))
    assert "核实后及时销号" not in june and "尚未销号" not in june
    assert "社会事业：任务3项，已完成0项（另有2项指标目前保持在目标范围内），完成率77%" in june
    shown = _flat(runner.invoke(app, ["show", "1", "--as-of", "2023-06-30"]).output)
    assert "0/3（另有2项指标目前保持在目标范围内）" in shown
    data = json.loads(_report(runner, "--as-of", "2023-06-30", "--format", "json"))
    assert (data["overview"]["reached"], data["overview"]["limits_held"]) == (0, 2)
    assert data["overview"]["parts"][0]["limits_held"] == 2
    year_end = _flat(_report(runner, "--as-of", "2023-12-31"))
    assert "人口自然增长率：目前进行中，完成率100%；核实后及时销号" in year_end
    assert "已完成0项（另有2项完成率已达100%、尚未销号）" in year_end


# ------------------------------------------------------- 未开始 beside a progress typed in


def test_check_points_out_a_not_started_status_beside_a_progress(
    runner: CliRunner, plan_file: Path
) -> None:
    """status = "todo" with progress = 100 read 未开始 · 100% in list, 目前未开始，完成率100% in
    the report, and plan check found nothing: it is a likely slip, pointed out (exit 0)."""
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "修塘", "status": "todo", "progress": 100},
            {"id": "2", "title": "修路", "status": "todo", "progress": 0},
            {"id": "3", "title": "修桥", "status": "doing", "progress": 40},
        ],
    )
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    flat = _flat(result.output)
    assert "事项1，字段status：发现'todo'；状态写的是未开始（todo），但进度为100%" in flat
    assert "事项2" not in flat and "事项3" not in flat


def test_the_status_note_is_written_without_rich_and_said_once_for_the_whole_plan(
    runner: CliRunner, plan_file: Path
) -> None:
    """Every part at 100% with nothing ticked off: one note for the plan (not one a part), and
    written to a pipe as the table is, without loading rich (a status on a plan of a year's
    trace took 40 ms more when it did)."""
    import subprocess
    import sys

    write_plan(
        plan_file,
        [
            {"id": "1", "title": "基础设施"},
            {"id": "1.1", "title": "修路", "progress": 100},
            {"id": "2", "title": "社会事业"},
            {"id": "2.1", "title": "办学", "progress": 100},
        ],
    )
    result = runner.invoke(app, ["status", "--as-of", "2023-12-31"])
    assert result.exit_code == 0
    said = " ".join(result.output.split())
    assert said.count("尚未销号") == 1
    assert "注：全部任务完成率均已达100%，其中2项尚未销号。" in said
    probe = (
        "import sys; from quanhu_plan.cli import main\n"
        "try: main()\nexcept SystemExit: pass\n"
        "print('rich loaded' if any(m.startswith('rich') for m in sys.modules) else 'no rich',"
        " file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, "status"], capture_output=True, text=True, check=False
    )
    assert "注：全部任务完成率均已达100%" in done.stdout, done.stderr
    assert done.stderr.strip().endswith("no rich"), done.stderr
