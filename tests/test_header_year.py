"""plan header and the plan's year: a new year or period that leaves the tasks' dates, the period
itself or the title behind says so at once (the change is made: undo takes it back)."""

from __future__ import annotations

import datetime as dt
import tomllib

from quanhu_plan.cli import app

from .conftest import SMALL_ITEMS, write_plan

ITEMS = [
    *SMALL_ITEMS,
    {"id": "3", "title": "产业发展"},
    {"id": "3.1", "title": "建冷库", "due": "2023-06", "start": "2023-02"},
    {"id": "3.2", "title": "建晒场", "due": dt.date(2022, 11, 30)},  # outside the period already
]


def words(output: str) -> str:
    return " ".join(output.split())


def test_a_new_year_names_the_deadlines_it_leaves_outside_the_period(runner, plan_file):
    write_plan(plan_file, ITEMS)
    result = runner.invoke(app, ["header", "--year", "2024"])
    assert result.exit_code == 0, result.output
    said = words(result.output)
    assert (
        "注意：计划期现在是 2024-01-01 至 2024-12-31，有 2 处日期不在其中："
        "1.3 2023-03-31：完成时限早于计划开始 2024-01-01；"
        "3.1 2023-06：完成时限早于计划开始 2024-01-01。需要的话用 plan edit 编号 --due/--start 改正。"
    ) in said
    assert "3.2" not in said  # before the old period too: plan check named it already
    assert "已修改 计划表头：年度 2023 → 2024" in said
    meta = tomllib.loads(plan_file.read_text(encoding="utf-8"))["plan"]
    assert (meta["year"], meta["start"], meta["end"]) == (
        2024,
        dt.date(2024, 1, 1),
        dt.date(2024, 12, 31),
    )
    again = runner.invoke(app, ["header", "--year", "2025"])
    assert "不在其中" not in again.output  # outside the 2024 period already: said then
    assert runner.invoke(app, ["undo"]).exit_code == 0
    assert runner.invoke(app, ["undo"]).exit_code == 0
    english = runner.invoke(app, ["--lang", "en", "header", "--year", "2024"])
    assert english.exit_code == 0, english.output
    assert (
        "Note: the period is now 2024-01-01 to 2024-12-31; 2 dates lie outside it: "
        "1.3 2023-03-31: the deadline is before the plan starts (2024-01-01)"
    ) in words(english.output)


def test_a_new_year_says_the_title_still_names_the_old_one_and_how_to_rename_it(runner, plan_file):
    write_plan(plan_file, SMALL_ITEMS[:3])
    result = runner.invoke(app, ["header", "--year", "2024"])
    assert result.exit_code == 0, result.output
    said = words(result.output)
    assert (
        "计划名称“测试镇2023年工作计划”写的还是 2023 年；要改名：plan header --title 测试镇2024年工作计划"
        in said
    )
    suggested = words(result.stderr).split("要改名：plan ")[1].split()
    assert runner.invoke(app, suggested).exit_code == 0
    assert tomllib.loads(plan_file.read_text(encoding="utf-8"))["plan"]["title"] == (
        "测试镇2024年工作计划"
    )
    renamed = runner.invoke(app, ["header", "--year", "2025", "--title", "测试镇2025年工作计划"])
    assert "写的还是" not in renamed.output


def test_a_period_outside_the_plans_year_is_named_with_the_commands_that_put_them_together(
    runner, plan_file
):
    write_plan(plan_file, SMALL_ITEMS[:3])
    result = runner.invoke(app, ["header", "--start", "2025-01-01", "--end", "2025-12-31"])
    assert result.exit_code == 0, result.output
    said = words(result.output)
    assert (
        "注意：计划期 2025-01-01 至 2025-12-31 不在年度 2023 之内。要让两者一致，改计划期："
        "plan header --start 2023-01-01 --end 2023-12-31；或把年度改为 2025："
        "plan header --year 2025 --start 2025-01-01 --end 2025-12-31"
    ) in said
    suggested = words(result.stderr).split("或把年度改为 2025：plan ")[1].split()
    fixed = runner.invoke(app, suggested)  # the year suggested, the period kept where it is
    assert fixed.exit_code == 0, fixed.output
    assert "不在年度" not in fixed.output
    meta = tomllib.loads(plan_file.read_text(encoding="utf-8"))["plan"]
    assert (meta["year"], meta["start"], meta["end"]) == (
        2025,
        dt.date(2025, 1, 1),
        dt.date(2025, 12, 31),
    )
    english = runner.invoke(app, ["--lang", "en", "header", "--start", "2024-10-01"])
    assert english.exit_code == 0, english.output
    assert (
        "Note: the period 2024-10-01 to 2025-12-31 is not within the year 2025. To put them "
        "together, set the period: plan header --start 2025-01-01 --end 2025-12-31"
    ) in words(english.output)
    assert "or the year" not in english.output  # a period over two years has no one year
    quiet = runner.invoke(app, ["header", "--organisation", "某镇"])  # the period not touched
    assert quiet.exit_code == 0 and "注意" not in quiet.output


def test_check_points_out_a_period_outside_the_plans_year_once_and_at_its_line(runner, plan_file):
    plan_file.write_text(
        '[plan]\ntitle = "测试"\nyear = 2024\nstart = 2023-01-01\nend = 2023-12-31\n\n'
        '[[item]]\nid = "1"\ntitle = "任务"\n',
        encoding="utf-8",
    )
    before = plan_file.read_bytes()
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    said = words(result.output)
    assert (
        "第 4 行，[plan]，字段 start：发现 2023-01-01；计划期 2023-01-01 至 2023-12-31 不在年度 2024 之内"
        in said
    )
    assert "plan header --start 2024-01-01 --end 2024-12-31" in said
    assert plan_file.read_bytes() == before
    # plan header names it itself, once, and not again among the tasks' dates.
    write_plan(plan_file, ITEMS)
    moved = words(runner.invoke(app, ["header", "--year", "2024", "--start", "2023-01-01"]).output)
    assert moved.count("不在年度 2024 之内") == 1
    assert "None" not in moved
