"""Session 20's own findings: a plan from July to June (a school or fiscal year) is a plan of its
year, as the import, --due and the report already take it; check and header said of every such
plan that its period was not within its year, and advised a calendar year."""

from __future__ import annotations

import datetime as dt
import json
import tomllib

from quanhu_plan.cli import app

from .conftest import SMALL_ITEMS, write_plan


def words(output: str) -> str:
    return " ".join(output.split())


def test_check_says_nothing_of_a_july_to_june_plans_period(runner, plan_file):
    write_plan(plan_file, SMALL_ITEMS[:3], year=2024, start=dt.date(2024, 7, 1),
               end=dt.date(2025, 6, 30))  # fmt: skip
    before = plan_file.read_bytes()
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    assert "不在年度" not in result.output and "值得留意" not in result.output
    assert plan_file.read_bytes() == before


def test_check_still_names_a_period_longer_than_a_year_or_starting_in_another(runner, plan_file):
    for start, end in (
        (dt.date(2024, 7, 1), dt.date(2025, 7, 1)),  # a day over a year
        (dt.date(2022, 7, 1), dt.date(2023, 6, 30)),
    ):  # neither starts nor ends in its year (2023-07..2024-06 with year 2024 is its year since
        # session 42: a July–June year named by the year it ends in, as plan import takes it)
        write_plan(plan_file, SMALL_ITEMS[:3], year=2024, start=start, end=end)
        result = runner.invoke(app, ["check"])
        assert result.exit_code == 0, result.output
        assert f"计划期 {start} 至 {end} 不在年度 2024 之内" in words(result.output)


def test_header_sets_a_july_to_june_period_without_a_note(runner, plan_file):
    write_plan(plan_file, SMALL_ITEMS[:3], year=2024, start=dt.date(2024, 1, 1),
               end=dt.date(2024, 12, 31))  # fmt: skip
    result = runner.invoke(app, ["header", "--start", "2024-07-01", "--end", "2025-06-30"])
    assert result.exit_code == 0, result.output
    assert "不在年度" not in result.output
    meta = tomllib.loads(plan_file.read_text(encoding="utf-8"))["plan"]
    assert (meta["year"], meta["start"], meta["end"]) == (
        2024,
        dt.date(2024, 7, 1),
        dt.date(2025, 6, 30),
    )
    over = runner.invoke(app, ["--lang", "en", "header", "--end", "2025-09-30"])
    assert over.exit_code == 0, over.output
    assert "the period 2024-07-01 to 2025-09-30 is not within the year 2024" in words(over.output)


def test_import_of_a_missing_table_says_so_before_the_plan_already_there(runner, plan_file):
    """helper E: a clerk told plan.toml exists moves it away, only to learn the table was
    never there."""
    write_plan(plan_file, SMALL_ITEMS[:3])
    before = plan_file.read_bytes()
    result = runner.invoke(app, ["import", str(plan_file.parent / "任务分解表.xlsx")])
    assert result.exit_code == 1
    assert "文件不存在" in result.output and "已经存在" not in result.output
    assert plan_file.read_bytes() == before
    folder = plan_file.parent / "表.csv"
    folder.mkdir()
    result = runner.invoke(app, ["import", str(folder)])
    assert result.exit_code == 1 and "文件夹" in result.output, result.output
    assert plan_file.read_bytes() == before


def test_a_projects_list_names_its_tasks_by_项目名称_without_a_map(tmp_path, plan_file):
    """Helper A's suspicion: every 民生实事 or 重点项目 table an office imported (安民乡, 泗洲头镇,
    木棠镇) failed first for want of --map 项目名称=title; the column is the task's name."""
    from .test_import import items_of, run, workbook

    rows = [
        ["2024年为民办实事项目清单"],
        ["序号", "项目名称", "建设内容", "责任单位", "完成时限"],
        [1, "农村安全饮水提升", "新建蓄水池2座", "水务站", "9月底"],
        [2, "危房改造", "改造危房20户", "规划办", "年底前"],
    ]
    result = run(str(workbook(tmp_path / "实事.xlsx", rows)), "--year", "2024")
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert (items["1"]["title"], items["1"]["detail"]) == ("农村安全饮水提升", "新建蓄水池2座")
    assert (items["2"]["title"], items["2"]["lead_unit"]) == ("危房改造", "规划办")
    # Beside a 工作任务 column it is the detail, the task named by the 工作任务.
    rows = [["序号", "工作任务", "项目名称"], [1, "推进污水治理", "污水处理厂提标"]]
    result = run(str(workbook(tmp_path / "任务.xlsx", rows)), "--year", "2024", "--force")
    assert result.exit_code == 0, result.output
    assert items_of(plan_file)["1"]["title"] == "推进污水治理"
    assert items_of(plan_file)["1"]["detail"] == "污水处理厂提标"


def test_check_counts_the_tasks_as_status_does_the_dropped_apart(runner, plan_file):
    """Helper D's suspicion: check said 3 项任务 where status's 合计 counts 2 (a dropped task is
    no task of the year's count), as export said before it."""
    write_plan(plan_file, SMALL_ITEMS)  # 1.1–1.3, 2.1 dropped, and the rest
    status = runner.invoke(app, ["status", "--json"])
    counted = json.loads(status.output)["total"]["total"]
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    dropped = sum(1 for item in SMALL_ITEMS if item.get("status") == "dropped")
    joined = "".join(result.output.split())  # folded at the terminal's width
    assert dropped and f"{counted}项任务，另有{dropped}项已取消）" in joined
    english = runner.invoke(app, ["--lang", "en", "check"])
    assert f"{counted} tasks and {dropped} dropped)" in words(english.output)
    write_plan(plan_file, [item for item in SMALL_ITEMS if item.get("status") != "dropped"])
    assert "已取消" not in runner.invoke(app, ["check"]).output


def test_plan_lang_is_read_as_a_locale_is_written(runner, plan_file):
    """Helper B: PLAN_LANG=EN or en_US.UTF-8 (as LANG is written) was passed over without a
    word, the output Chinese; one that names no language of the tool's still is."""
    write_plan(plan_file, SMALL_ITEMS[:3])
    for value in ("EN", "en_US.UTF-8", " en "):
        result = runner.invoke(app, ["status"], env={"PLAN_LANG": value})
        assert result.exit_code == 0 and "Total" in result.output, (value, result.output)
        assert runner.invoke(app, ["--x"], env={"PLAN_LANG": value}).output.startswith("Error")
    for value in ("zh_CN.UTF-8", "fr", "klingon"):  # (english names en since s34G)
        result = runner.invoke(app, ["status"], env={"PLAN_LANG": value})
        assert result.exit_code == 0 and "合计" in result.output, (value, result.output)


def test_log_refuses_all_with_a_limit_rather_than_take_one(runner, plan_file):
    """Helper B: plan log -n 1 --all showed every entry without a word."""
    write_plan(plan_file, SMALL_ITEMS[:3])
    assert runner.invoke(app, ["done", "1.1"]).exit_code == 0
    for args in (["-n", "1", "--all"], ["--all", "--limit", "50"]):
        result = runner.invoke(app, ["log", *args])
        assert result.exit_code == 2, result.output
        assert "--all" in result.output and "--limit" in result.output
    assert runner.invoke(app, ["log", "--all"]).exit_code == 0
    assert runner.invoke(app, ["log", "-n", "1"]).exit_code == 0


def test_a_task_made_a_goal_shows_its_own_status_as_not_counted(runner, town_plan):
    """Helper F: plan add under a task keeps the task's own status and progress (said: they no
    longer count); plan show then listed 状态 进行中 and 进度 40% beside 完成率 0%, and check
    said to delete them, which no command does."""
    assert runner.invoke(app, ["progress", "2.2.3", "40"]).exit_code == 0
    assert runner.invoke(app, ["add", "2.2.3", "子任务"]).exit_code == 0
    shown = runner.invoke(app, ["show", "2.2.3"])
    assert shown.exit_code == 0, shown.output
    lines = [line.split() for line in shown.output.splitlines()]
    assert ["进度", "40%（不计入）"] in lines and ["状态", "进行中（不计入）"] in lines, (
        shown.output
    )
    english = runner.invoke(app, ["--lang", "en", "show", "2.2.3"]).output
    assert "40% (not counted)" in english
    checked = "".join(runner.invoke(app, ["check"]).output.split())
    assert "不起作用" in checked and "请删去" not in checked
    assert "可在文件里删去" in checked
    task = runner.invoke(app, ["show", "2.2.3.1"]).output
    assert "不计入" not in task
