"""Leftovers of the import an earlier trial found on real town ledgers (工作台账): an item with
its own target and points ①② under it, a 填报单位 that is an office of the town, a flat 序号
beside numbered titles, a date cell Excel cannot show and error values in kept columns."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import openpyxl.styles
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .test_import import items_of, read_plan, run, workbook

# ---------------------------------------------------------------- an item's own figure


# "1. 完成高标准农田建设3.35万亩" states its target and its deadline; ① ② are its steps.
OWN_TARGET: list[list[Any]] = [
    ["泉湖镇2024年重点工作台账"],
    ["序号", "工作任务", "目标值", "完成值", "计量单位", "完成时限", "责任单位"],
    ["一", "一、农业农村"],
    [1, "1. 完成高标准农田建设3.35万亩", 3.35, 2.8, "万亩", "10月底前", "农业办"],
    [None, "①完成项目招标", None, None, None, "3月底前"],
    [None, "②完成主体工程", None, None, None, "8月底前"],
    [2, "2. 新建农村公路10公里", 10, None, "公里", "年底前", "交通站"],
]


def test_an_items_own_target_above_its_points_is_a_task_of_its_own_and_said(tmp_path, plan_file):
    result = run(str(workbook(tmp_path / "台账.xlsx", OWN_TARGET)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    goal = items["1.1"]
    assert goal["title"] == "完成高标准农田建设3.35万亩" and goal["lead_unit"] == "农业办"
    assert "target" not in goal and "measure" not in goal
    assert [items["1.1.1"]["title"], items["1.1.2"]["title"]] == ["完成项目招标", "完成主体工程"]
    assert (items["1.1.1"]["due"], items["1.1.2"]["due"]) == ("2024-03", "2024-08")
    # The row's figures, under it after its points: measured, recorded, rolled up.
    own = items["1.1.3"]
    assert own["title"] == "完成高标准农田建设3.35万亩"
    assert (own["target"], own["actual"], own["measure"], own["due"]) == (
        3.35,
        2.8,
        "万亩",
        "2024-10",
    )
    assert "第 4 行" in result.stderr and "1.1.3" in result.stderr, result.stderr
    assert "没有导入" not in result.stderr  # the actual is not dropped
    status = CliRunner().invoke(app, ["list"])
    assert "目标 3.35万亩" in status.stdout or "3.35" in status.stdout, status.stdout
    recorded = CliRunner().invoke(app, ["record", "1.1.3", "3.35"])
    assert recorded.exit_code == 0, recorded.output


def test_an_items_own_target_above_dotted_sub_rows_is_kept_the_same_way(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["泉湖镇2024年重点工作台账"],
        ["序号", "工作任务", "目标值", "完成值", "计量单位", "完成时限"],
        ["1", "建设高标准农田", 3.35, 2.8, "万亩", "10月底前"],
        ["1.1", "完成项目招标", None, None, None, "3月底前"],
        ["1.2", "完成主体工程", None, None, None, "8月底前"],
        ["2", "修路", 10, 4, "公里", "年底前"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert "target" not in items["1"]
    assert (items["1.3"]["target"], items["1.3"]["actual"]) == (3.35, 2.8)
    assert items["2"]["actual"] == 4


def test_points_numbered_in_the_sequence_column_alone_nest_under_their_item(tmp_path, plan_file):
    # The same ledger with its numbering in the 序号 column and none in the titles.
    rows: list[list[Any]] = [
        ["泉湖镇2024年重点工作台账"],
        ["序号", "工作任务", "目标值", "计量单位", "完成时限", "责任单位"],
        ["一", "农业农村"],
        [1, "完成高标准农田建设3.35万亩", 3.35, "万亩", "10月底前", "农业办"],
        ["①", "完成项目招标", None, None, "3月底前"],
        ["②", "完成主体工程", None, None, "8月底前"],
        [2, "新建农村公路10公里", 10, "公里", "年底前", "交通站"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert {i: t["title"] for i, t in items.items()} == {
        "1": "农业农村",
        "1.1": "完成高标准农田建设3.35万亩",
        "1.1.1": "完成项目招标",
        "1.1.2": "完成主体工程",
        "1.1.3": "完成高标准农田建设3.35万亩",
        "1.2": "新建农村公路10公里",
    }
    assert items["1.1.3"]["target"] == 3.35 and items["1.2"]["target"] == 10


def test_a_table_whose_sequence_gives_the_ids_gets_no_item_it_does_not_name(tmp_path, plan_file):
    # Titles indented under a heading with a target, ids of the office's own in the 序号.
    rows: list[list[Any]] = [
        ["泉湖镇2024年重点工作台账"],
        ["序号", "工作任务", "目标值", "责任单位", "完成时限", "备注"],
        ["nc", "农田建设", "3.35万亩"],
        ["nc-zb", "完成招标", None, "农业办", "3月底前"],
        ["nc-zt", "完成主体", None, "农业办", "8月底前"],
    ]
    path = workbook(tmp_path / "台账.xlsx", rows)
    book = openpyxl.load_workbook(path)
    for cell in ("B4", "B5"):
        book.active[cell].alignment = openpyxl.styles.Alignment(indent=1)
    book.save(path)
    result = run(str(path))
    assert result.exit_code == 0, result.output
    assert sorted(items_of(plan_file)) == ["nc", "nc-zb", "nc-zt"]


def test_a_category_without_figures_of_its_own_gets_no_extra_task(tmp_path, plan_file):
    rows = [row[:] for row in OWN_TARGET]
    rows[3] = [1, "1. 完成高标准农田建设", None, None, None, "10月底前", "农业办"]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert "1.1.3" not in items and items["1.1.2"]["title"] == "完成主体工程"


def test_a_target_that_sums_up_its_rows_targets_is_no_figure_of_its_own(tmp_path, plan_file):
    # A county's breakdown: the goal's 3.35万亩 is each village's share added up.
    rows: list[list[Any]] = [
        ["泉湖镇2024年重点工作台账"],
        ["序号", "工作任务", "目标值", "计量单位", "完成时限"],
        [1, "1. 完成高标准农田建设", 3.35, "万亩", "10月底前"],
        [None, "（1）泉湖村", 1.2, "万亩"],
        [None, "（2）白沙村", 2.15, "万亩"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    assert sorted(items_of(plan_file)) == ["1", "1.1", "1.2"]
    assert "同名的任务" not in result.stderr


# ---------------------------------------------------------------- 填报单位 an office


OFFICE: list[list[Any]] = [
    ["泉湖镇2024年重点工作台账"],
    ["填报单位：泉湖镇党政办"],
    ["序号", "工作任务", "完成时限", "责任单位"],
    [1, "新建农村公路", "年底前", "交通站"],
]


def test_an_office_filling_in_the_towns_ledger_does_not_become_its_organisation(
    tmp_path, plan_file
):
    result = run(str(workbook(tmp_path / "台账.xlsx", OFFICE)))
    assert result.exit_code == 0, result.output
    plan = read_plan(plan_file)["plan"]
    assert plan["organisation"] == "泉湖镇"
    assert plan["填报单位"] == "泉湖镇党政办"  # kept, as the sheet names it
    assert "泉湖镇党政办" in result.stderr
    report = CliRunner().invoke(app, ["report"])
    assert report.exit_code == 0, report.output
    assert "泉湖镇2024年工作计划完成情况总结" in report.stdout
    assert "党政办" not in report.stdout
    check = CliRunner().invoke(app, ["check"])
    assert check.exit_code == 0 and "填报单位" not in check.output, check.output


def test_the_towns_own_government_or_an_offices_own_ledger_stays_the_organisation(
    tmp_path, plan_file
):
    town = [OFFICE[0], ["填报单位：衡南县泉湖镇人民政府"], *OFFICE[2:]]
    assert run(str(workbook(tmp_path / "a.xlsx", town))).exit_code == 0
    assert read_plan(plan_file)["plan"]["organisation"] == "衡南县泉湖镇人民政府"
    own = [["泉湖镇党政办2024年工作台账"], *OFFICE[1:]]
    assert run(str(workbook(tmp_path / "b.xlsx", own)), "--force").exit_code == 0
    plan = read_plan(plan_file)["plan"]
    assert plan["organisation"] == "泉湖镇党政办" and "填报单位" not in plan


def test_a_sheet_per_office_makes_the_towns_plan_each_office_kept_on_its_part(tmp_path, plan_file):
    def sheet(office: str, task: str) -> list[list[Any]]:
        return [OFFICE[0], [f"填报单位：泉湖镇{office}"], OFFICE[2], [1, task, "年底前", office]]

    path = workbook(
        tmp_path / "台账.xlsx",
        sheet("交通站", "修路"),
        sheet="交通站",
        more={"经发办": sheet("经发办", "招商")},
    )
    result = run(str(path), "--sheet", "全部")
    assert result.exit_code == 0, result.output
    doc = read_plan(plan_file)
    assert doc["plan"]["organisation"] == "泉湖镇" and "填报单位" not in doc["plan"]
    items = items_of(plan_file)
    assert (items["1"]["填报单位"], items["2"]["填报单位"]) == ("泉湖镇交通站", "泉湖镇经发办")


# ---------------------------------------------------------------- a flat 序号


def test_a_flat_sequence_beside_numbered_titles_leaves_the_tree_to_the_titles(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["泉湖镇2024年重点工作台账"],
        ["序号", "工作任务", "完成时限", "责任单位"],
        [1, "一、农业农村"],
        [2, "（一）粮食生产"],
        [3, "1. 稳定粮食面积", "年底前", "农业办"],
        [4, "2. 完成高标准农田", "10月底前", "农业办"],
        [5, "（二）人居环境"],
        [6, "1. 改厕", "6月底前", "卫健办"],
        [7, "二、社会事业"],
        [8, "1. 医保参保", "年底前", "社会事务办"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert {i: t["title"] for i, t in items.items()} == {
        "1": "农业农村",
        "1.1": "粮食生产",
        "1.1.1": "稳定粮食面积",
        "1.1.2": "完成高标准农田",
        "1.2": "人居环境",
        "1.2.1": "改厕",
        "2": "社会事业",
        "2.1": "医保参保",
    }
    assert not any("序号" in key for item in items.values() for key in item)


# ---------------------------------------------------------------- cells Excel cannot show


def _with_cells(path: Path, rows: list[list[Any]], errors: tuple[str, ...], dates: tuple[str, ...]):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "台账"
    for row in rows:
        sheet.append(row)
    for cell in errors:
        sheet[cell].data_type = "e"
    for cell in dates:
        sheet[cell].number_format = "yyyy-mm-dd"
    book.save(path)
    return path


def test_a_date_cell_beyond_excels_dates_is_named_as_such_not_as_value_error(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["泉湖镇2024年重点工作台账"],
        ["序号", "工作任务", "完成时限", "责任单位"],
        [1, "新建农村公路", 3000000, "交通站"],
    ]
    result = run(str(_with_cells(tmp_path / "台账.xlsx", rows, (), ("C3",))))
    assert result.exit_code == 1, result.output
    assert "台账!C3（完成时限）" in result.stderr
    assert "#VALUE!" not in result.stderr, result.stderr
    assert "3000000" in result.stderr and "日期" in result.stderr
    assert not plan_file.exists()


def test_a_number_typed_in_a_kept_column_formatted_as_a_date_is_kept_as_typed(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["泉湖镇2024年重点工作台账"],
        ["序号", "工作任务", "完成时限", "备注"],
        [1, "新建农村公路", "年底前", 3000000],
    ]
    result = run(str(_with_cells(tmp_path / "台账.xlsx", rows, (), ("D3",))))
    assert result.exit_code == 0, result.output
    assert items_of(plan_file)["1"]["备注"] == 3000000


def test_each_error_value_is_explained_by_what_it_means(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["泉湖镇2024年重点工作台账"],
        ["序号", "工作任务", "完成时限", "责任单位"],
        [1, "新建农村公路", "#VALUE!", "交通站"],
        [2, "改厕", "#N/A", "卫健办"],
        [3, "医保", "#REF!", "社会事务办"],
    ]
    result = run(str(_with_cells(tmp_path / "台账.xlsx", rows, ("C3", "C4", "C5"), ())))
    assert result.exit_code == 1, result.output
    lines = {line.split("（")[0].strip(" -"): line for line in result.stderr.splitlines()}
    assert "类型" in lines["台账!C3"] and "删除" not in lines["台账!C3"], lines["台账!C3"]
    assert "没有查到" in lines["台账!C4"] and "删除" not in lines["台账!C4"]
    assert "删除" in lines["台账!C5"]


def test_an_error_value_kept_in_a_note_column_is_said(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["泉湖镇2024年重点工作台账"],
        ["序号", "工作任务", "完成时限", "备注"],
        [1, "新建农村公路", "年底前", "#N/A"],
    ]
    result = run(str(_with_cells(tmp_path / "台账.xlsx", rows, ("D3",), ())))
    assert result.exit_code == 0, result.output
    assert items_of(plan_file)["1"]["备注"] == "#N/A"
    assert "台账!D3" in result.stderr and "#N/A" in result.stderr, result.stderr


# ---------------------------------------------------------------- further layouts


def test_a_numbering_column_merged_over_a_categorys_rows_and_a_total_row(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["泉湖镇2024年重点工作台账"],
        ["序号", "工作任务", "目标值", "计量单位", "完成时限", "责任单位"],
        [1, "一、农业农村"],
        [None, "1. 稳定粮食面积", 3.2, "万亩", "年底前", "农业办"],
        [None, "2. 完成高标准农田", 3.35, "万亩", "10月底前", "农业办"],
        [2, "二、社会事业"],
        [None, "1. 医保参保率", 95, "%", "年底前", "社会事务办"],
        ["合计", None, 101.55],
    ]
    path = workbook(tmp_path / "台账.xlsx", rows, ("A3:A5", "A6:A7"))
    result = run(str(path))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert sorted(items) == ["1", "1.1", "1.2", "2", "2.1"]
    assert items["1.2"]["target"] == 3.35 and items["2.1"]["target"] == 95
    assert "第 8 行 '合计'" in result.stderr


def test_a_category_number_merged_down_over_its_tasks_marks_the_category_alone(tmp_path, plan_file):
    # 一 merged over A3:A5: the part's heading and its two tasks, the titles unnumbered.
    rows: list[list[Any]] = [
        ["泉湖镇2024年重点工作台账"],
        ["序号", "工作任务", "目标值", "计量单位", "完成时限", "责任单位"],
        ["一", "农业农村"],
        [None, "稳定粮食面积", 3.2, "万亩", "年底前", "农业办"],
        [None, "完成高标准农田", 3.35, "万亩", "10月底前", "农业办"],
        ["二", "社会事业"],
        [None, "医保参保率", 95, "%", "年底前", "社会事务办"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows, ("A3:A5", "A6:A7"))))
    assert result.exit_code == 0, result.output
    assert "导入 5 个事项（3 项任务）" in result.stdout, result.stdout
    items = items_of(plan_file)
    assert {i: t["title"] for i, t in items.items()} == {
        "1": "农业农村",
        "1.1": "稳定粮食面积",
        "1.2": "完成高标准农田",
        "2": "社会事业",
        "2.1": "医保参保率",
    }


def test_a_second_sheet_of_instructions_is_named_not_read(tmp_path, plan_file):
    more = {"填表说明": [["填表说明"], ["1. 完成时限请写到月"]]}
    path = workbook(tmp_path / "台账.xlsx", OFFICE[:1] + OFFICE[2:], more=more)
    result = run(str(path))
    assert result.exit_code == 0, result.output
    assert sorted(items_of(plan_file)) == ["1"]
    assert "“填表说明”" in result.stderr
    assert dt.date.today().year  # (the plan's year is the title's)
    assert read_plan(plan_file)["plan"]["year"] == 2024


def test_error_values_excel_saved_into_a_csv_are_explained_as_in_a_workbook(tmp_path, plan_file):
    # Excel saves a formula's error into a CSV as its text: the same error, not the office's words.
    from .test_import import csv_file

    rows = [
        ["泉湖镇2024年重点工作台账"],
        ["序号", "工作任务", "完成时限", "责任单位"],
        ["1", "新建农村公路", "#VALUE!", "交通站"],
        ["2", "改厕", "#N/A", "卫健办"],
    ]
    result = run(str(csv_file(tmp_path / "台账.csv", rows, "utf-8-sig")))
    assert result.exit_code == 1, result.output
    lines = {line.split("（")[0].strip(" -"): line for line in result.stderr.splitlines()}
    assert "错误值 #VALUE!" in lines["台账.csv!C3"] and "类型" in lines["台账.csv!C3"]
    assert "没有查到" in lines["台账.csv!C4"], lines["台账.csv!C4"]
    assert not plan_file.exists()


def test_an_error_value_in_a_csv_note_column_is_kept_and_said(tmp_path, plan_file):
    from .test_import import csv_file

    rows = [
        ["序号", "工作任务", "完成时限", "备注"],
        ["1", "新建农村公路", "年底前", "#DIV/0!"],
    ]
    result = run(str(csv_file(tmp_path / "台账.csv", rows, "utf-8-sig")))
    assert result.exit_code == 0, result.output
    assert items_of(plan_file)["1"]["备注"] == "#DIV/0!"
    assert "台账.csv!D2" in result.stderr and "#DIV/0!" in result.stderr, result.stderr
