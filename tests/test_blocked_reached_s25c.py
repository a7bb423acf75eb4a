"""受阻 kept after the task's figure passed its target (session 25, task C).

修塘 42处 against 40处, 受阻 (资金未到位): every view said 受阻 beside 完成率100%, the report
planned 协调解决受阻问题后继续推进 (nothing is left to push on) and plan check said nothing. The
status stays the office's (funds or acceptance may still be missing, and only the office can
say the block is resolved); plan check warns, show says it with the tick-off, the report plans
核实销号 once the block is resolved, and plan record offers the tick-off as before."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan

JUNE = "2023-06-30"

ITEMS: list[dict[str, Any]] = [
    {"id": "1", "title": "基础设施"},
    {
        "id": "1.1",
        "title": "修塘",
        "measure": "处",
        "target": 40,
        "actual": 42,
        "status": "blocked",
        "reason": "资金未到位",
    },
    {"id": "1.2", "title": "修路", "progress": 100, "status": "blocked", "reason": "征地"},
    {"id": "1.3", "title": "修桥", "progress": 60, "status": "blocked", "reason": "设计变更"},
    {
        "id": "1.4",
        "title": "生产安全事故",
        "measure": "起",
        "target": 2,
        "actual": 1,
        "target_text": "控制在2起以内",
        "direction": "down",
        "status": "blocked",
        "reason": "整改未完",
        "due": dt.date(2023, 12, 31),
    },
]


def test_check_warns_of_a_blocked_task_at_its_target(runner: CliRunner, plan_file: Path) -> None:
    write_plan(plan_file, ITEMS)
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.output  # a warning, not a problem
    flat = result.output.replace("\n", "")
    assert "事项 1.1" in flat and "完成值 42处 已达到目标值 40处（完成率100%）" in flat, flat
    assert "plan done 1.1 销号" in flat and "plan start 1.1 改回进行中" in flat, flat
    assert "事项 1.2" in flat and "进度为 100%" in flat, flat
    assert "事项 1.3" not in flat, flat  # 60%: blocked with work left
    # a limit kept to its deadline (2023-12-31, passed by today's clock) is reached
    assert "事项 1.4" in flat and "完成值 1起 已达到目标值 2起" in flat, flat
    english = runner.invoke(app, ["--lang", "en", "check"])
    assert english.exit_code == 0, english.output
    assert "the figure 42处 has reached the target 40处 (100%)" in english.output, english.output
    assert "plan done 1.1" in english.output


def test_show_says_it_and_the_report_plans_the_tick_off(runner: CliRunner, plan_file: Path) -> None:
    write_plan(plan_file, ITEMS)
    shown = runner.invoke(app, ["show", "1.1", "--as-of", JUNE])
    assert shown.exit_code == 0, shown.output
    flat = shown.output.replace("\n", "")
    assert "注：完成率已达100%，状态仍为受阻。受阻已解决的，核实后用 plan done 1.1 销号" in flat
    assert "状态仍为受阻" not in runner.invoke(app, ["show", "1.3", "--as-of", JUNE]).output
    assert "状态仍为受阻" not in runner.invoke(app, ["show", "1.4", "--as-of", JUNE]).output
    record = json.loads(runner.invoke(app, ["show", "1.1", "--json", "--as-of", JUNE]).output)
    assert record["status"] == "blocked" and record["blocked_at_full"] is True
    report = runner.invoke(app, ["report", "--as-of", JUNE, "--format", "md"])
    assert report.exit_code == 0, report.output
    plans = report.output.split("工作打算")[1]
    assert "协调解决受阻问题后核实销号" in plans, plans
    english = runner.invoke(app, ["--lang", "en", "show", "1.2", "--as-of", JUNE])
    assert "still blocked" in english.output and "plan done 1.2" in english.output


def test_record_offers_the_tick_off_of_a_blocked_task(
    runner: CliRunner, plan_file: Path, at_terminal: None
) -> None:
    write_plan(plan_file, ITEMS)
    result = runner.invoke(app, ["record", "1.1", "45"], input="y\n")
    assert result.exit_code == 0, result.output
    assert "是否同时销号" in result.output, result.output
    listed = runner.invoke(app, ["list"])
    assert "[x] 1.1 修塘" in listed.output or "[✓] 1.1 修塘" in listed.output, listed.output


def test_a_july_year_plan_warns_the_same(runner: CliRunner, plan_file: Path) -> None:
    write_plan(
        plan_file,
        ITEMS[:2],
        title="测试镇2023—2024年度工作计划",
        start=dt.date(2023, 7, 1),
        end=dt.date(2024, 6, 30),
    )
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0 and "plan done 1.1 销号" in result.output, result.output
    shown = runner.invoke(app, ["show", "1.1", "--as-of", "2023-12-31"])
    assert "状态仍为受阻" in shown.output.replace("\n", ""), shown.output


def test_check_before_a_limits_deadline_does_not_warn_of_it() -> None:
    """A limit held before its deadline is held so far, not reached: no tick-off to offer."""
    from quanhu_plan.plan_warnings import plan_warnings

    from .conftest import plan_doc

    doc = plan_doc(ITEMS)
    june = plan_warnings(doc, dt.date(2023, 6, 30))
    assert [w.item_id for w in june if w.field == "status"] == ["1.1", "1.2"]
    january = plan_warnings(doc, dt.date(2024, 1, 1))
    assert [w.item_id for w in january if w.field == "status"] == ["1.1", "1.2", "1.4"]


def test_status_and_list_say_a_part_at_100_percent_is_still_blocked(
    runner: CliRunner, plan_file: Path
) -> None:
    """基础设施 0/2 beside 100% said nothing under plan status: both tasks are still blocked."""
    write_plan(
        plan_file,
        [*ITEMS[:3], {"id": "2", "title": "民生"}, {"id": "2.1", "title": "修桥", "progress": 30}],
    )
    status = runner.invoke(app, ["status", "--as-of", JUNE])
    assert status.exit_code == 0, status.output
    assert "注：1 基础设施 的任务完成率均已达100%，其中2项仍为受阻。" in status.output
    record = json.loads(runner.invoke(app, ["status", "--json", "--as-of", JUNE]).output)
    assert record["not_ticked_off"] == [
        {"id": "1", "title": "基础设施", "count": 0, "held": 0, "blocked": 2}
    ]
    listed = runner.invoke(app, ["list", "--as-of", JUNE])
    assert "1 基础设施  0/2 · 100% · 2项仍为受阻" in listed.output, listed.output
    english = runner.invoke(app, ["--lang", "en", "status", "--as-of", JUNE])
    assert "2 of them are still blocked." in english.output, english.output


def test_status_of_a_ledger_names_a_blocked_task_at_100_percent(
    runner: CliRunner, plan_file: Path
) -> None:
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "修塘", "progress": 100, "status": "blocked", "reason": "资金"},
            {"id": "2", "title": "修路", "progress": 100},
            {"id": "3", "title": "修桥", "progress": 30},
        ],
    )
    status = runner.invoke(app, ["status", "--as-of", JUNE])
    assert status.exit_code == 0, status.output
    assert "注：2 修路 完成率已达100%，尚未销号。" in status.output, status.output
    assert "注：1 修塘 完成率已达100%，状态仍为受阻。" in status.output, status.output


def test_county_counts_a_town_at_100_percent_still_blocked(tmp_path: Path) -> None:
    folder = tmp_path / "county"
    folder.mkdir()
    write_plan(folder / "乙镇.toml", ITEMS[:3], organisation="乙镇人民政府")
    result = CliRunner().invoke(app, ["county", str(folder), "--as-of", JUNE])
    assert result.exit_code == 0, result.output
    flat = result.output.replace("\n", "").replace(" ", "")
    assert "乙镇人民政府（2项仍为受阻）的任务完成率均已达100%" in flat, result.output
    english = CliRunner().invoke(app, ["--lang", "en", "county", str(folder), "--as-of", JUNE])
    assert "(2stillblocked)" in english.output.replace("\n", "").replace(" ", ""), english.output
