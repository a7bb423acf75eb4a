"""Session 32 (H): an adversary's review of the ledger import merged from s32B, with ledgers
in the shapes offices send. Each test checks what was printed, the exit code and what is on
disk."""

from __future__ import annotations

import datetime as dt
from typing import Any

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .test_import import items_of, run, workbook

LEDGER_HEAD = ["序号", "工作任务", "责任单位", "完成时限"]


def test_a_recurring_deadline_naming_a_month_or_a_day_is_its_last_time_not_a_later_one(
    tmp_path, plan_file
):
    # 每年6月底前 falls due in June, not on the year's last day; 每季度第一个月 in October, not
    # at the end of the fourth quarter; 每月5日前、每季度末: the later of the two, 12-31.
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        LEDGER_HEAD,
        [1, "民生实事", "党政办", "每年6月底前"],
        [2, "粮食收储", "农办", "每季度第一个月"],
        [3, "护林防火", "林业站", "每季度第一个月10日前"],
        [4, "信访研判", "信访办", "每月5日前、每季度末"],
        [5, "环境巡查", "城管办", "每月中旬"],
        [6, "安全检查", "应急办", "每季度"],
        [7, "报送动态", "党政办", "每月底前"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["due"] == "2024-06"
    assert items["2"]["due"] == "2024-10"
    assert items["3"]["due"] == dt.date(2024, 10, 10)
    assert items["4"]["due"] == "2024-Q4"
    assert items["5"]["due"] == dt.date(2024, 12, 20)
    assert items["6"]["due"] == "2024-Q4"
    assert items["7"]["due"] == "2024-12"
    assert items["1"]["完成时限原文"] == "每年6月底前"
    said = " ".join(result.stderr.split())
    assert "第 3 行“每年6月底前”→ 2024-06" in said
    assert "第 4 行“每季度第一个月”→ 2024-10" in said


def test_a_yearly_month_in_a_july_year_is_the_last_time_it_falls_in_the_period(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["城关镇重点工作台账"],
        ["计划期：2024年7月至2025年6月"],
        LEDGER_HEAD,
        [1, "秋季防火", "林业站", "每年10月底前"],
        [2, "春季防汛", "水利站", "每年4月底前"],
        [3, "粮食收储", "农办", "每季度第一个月"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["due"] == "2024-10"
    assert items["2"]["due"] == "2025-04"
    assert items["3"]["due"] == "2025-04"


# ---------------------------------------------------------------- add and edit read them too


def test_add_and_edit_read_a_recurring_deadline_as_the_import_does(town_plan):
    # The same words an import reads from a 完成时限 cell: its last time in the plan's
    # period, the words kept beside it as 完成时限原文; weekly work is standing work.
    runner = CliRunner()
    result = runner.invoke(app, ["add", "5", "安全生产检查", "--due", "每季度"])
    assert result.exit_code == 0, result.output
    added = next(item for item in items_of(town_plan).values() if item["title"] == "安全生产检查")
    assert added["due"] == "2023-Q4"
    assert added["完成时限原文"] == "每季度"
    assert "“每季度”是周期性的，读作本期最后一次 2023-Q4" in result.stderr
    result = runner.invoke(app, ["edit", "5.1", "--due", "每月底前"])
    assert result.exit_code == 0, result.output
    assert items_of(town_plan)["5.1"]["due"] == "2023-12"
    assert items_of(town_plan)["5.1"]["完成时限原文"] == "每月底前"
    result = runner.invoke(app, ["edit", "5.1", "--due", "每年6月底前"])
    assert result.exit_code == 0, result.output
    assert items_of(town_plan)["5.1"]["due"] == "2023-06"
    assert items_of(town_plan)["5.1"]["完成时限原文"] == "每年6月底前"
    result = runner.invoke(app, ["edit", "5.1", "--due", "每周"])
    assert result.exit_code == 0, result.output
    assert "due" not in items_of(town_plan)["5.1"]
    assert items_of(town_plan)["5.1"]["完成时限原文"] == "每周"


# ---------------------------------------------------------------- export and import again


def test_export_then_import_gives_back_recurring_deadlines_and_the_ledgers_kept_columns(
    tmp_path, plan_file
):
    # A 工作台账's 亮灯情况 and 工作标准, kept by the import as written, came back lost from
    # the plan's own 推进情况表: the export left out every column the import names "keep".
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        ["截至2024年9月30日"],
        ["县级编号", "工作任务", "责任单位", "完成时限", "亮灯情况", "推进状态", "工作标准"],
        ["1-1", "安全检查", "应急办", "每季度", "绿灯", "推进中", "确保3个村达标、5个村提升"],
        ["1-2", "报送动态", "党政办", "每月底前", "黄", "推进中", "建成3个"],
        ["1-3", "网格巡查", "综治办", "每周", "红", "滞后", None],
        ["1-4", "民生实事", "党政办", "每年6月底前", "绿", "已完成", None],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    first = items_of(plan_file)
    assert first["1"]["亮灯情况"] == "绿灯" and first["1"]["工作标准"].startswith("确保3个村")
    runner = CliRunner()
    for form in ("xlsx", "csv"):
        table, back = tmp_path / f"推进情况表.{form}", tmp_path / f"back_{form}.toml"
        result = runner.invoke(app, ["export", "--out", str(table), "--force"])
        assert result.exit_code == 0, result.output
        result = runner.invoke(app, ["import", str(table), "--out", str(back)])
        assert result.exit_code == 0, result.output
        again = items_of(back)
        for item_id, item in first.items():
            without_log = {key: value for key, value in item.items() if key != "log"}
            assert {k: v for k, v in again[item_id].items() if k != "log"} == without_log, form


def test_every_two_months_and_every_half_month_are_recurring_not_refused(tmp_path, plan_file):
    # 每两个月, 每双月, 每半月 stopped the whole import as unreadable deadlines.
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        LEDGER_HEAD,
        [1, "消防检查", "应急办", "每两个月"],
        [2, "河道清漂", "水利站", "每双月"],
        [3, "食品抽检", "市场监管所", "每半月"],
        [4, "森林防火巡查", "林业站", "每2个月1次"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert [items[str(n)]["due"] for n in range(1, 5)] == ["2024-12"] * 4
    assert items["2"]["完成时限原文"] == "每双月"
    assert "第 3 行“每两个月”→ 2024-12" in " ".join(result.stderr.split())


def test_a_completion_time_naming_a_year_or_a_month_is_no_done_day(tmp_path, plan_file):
    # 完成时间 “2024年” was read as done on 2024-12-31, a day the ledger never gave; a day it
    # names (2024.7.27, a serial number) is the done day still.
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        ["截至2024年9月30日"],
        ["序号", "工作任务", "责任单位", "完成时限", "推进状态", "完成时间"],
        [1, "村道硬化", "交通办", "12月底", "已完成", "2024年"],
        [2, "改水", "农办", "12月底", "已完成", "2024.7.27"],
        [3, "改厕", "农办", "12月底", "已完成", "8月"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["done_on"] == dt.date(2024, 9, 30)  # the ledger's own day, said
    assert items["2"]["done_on"] == dt.date(2024, 7, 27)
    assert items["3"]["done_on"] == dt.date(2024, 9, 30)
    assert items["1"]["完成时间"] == "2024年"  # the cell kept as written
    said = " ".join(result.stderr.split())
    assert "第 4、6 行的任务标为已完成，表中没有完成日期，完成日期推定为 2024-09-30" in said


def test_weekly_work_read_as_standing_work_is_counted_as_standing_work(tmp_path, plan_file):
    # The import reads 每周, 每天 as standing work (no deadline, the words kept), but the views
    # judged it by the year's end: 红灯, 欠进度, where 长期坚持 beside it is 常态推进.
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        LEDGER_HEAD,
        [1, "网格巡查", "综治办", "每周"],
        [2, "安全检查", "应急办", "每季度"],
        [3, "值班值守", "党政办", "每天"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert "due" not in items["1"] and "due" not in items["3"]
    result = CliRunner().invoke(app, ["list", "--as-of", "2024-06-30"])
    assert result.exit_code == 0, result.output
    lines = {
        title: next(line for line in result.output.splitlines() if title in line)
        for title in ("网格巡查", "安全检查", "值班值守")
    }
    assert "常态推进" in lines["网格巡查"] and "红灯" not in lines["网格巡查"]
    assert "常态推进" in lines["值班值守"] and "红灯" not in lines["值班值守"]
    assert "常态推进" not in lines["安全检查"]  # its last time is the fourth quarter
