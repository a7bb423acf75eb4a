"""plan import of town work-plan ledgers (工作台账, 任务分解表, 重点工作清单) as real offices
save them from Excel, WPS and LibreOffice: what an adversarial read of such workbooks found."""

from __future__ import annotations

import datetime as dt
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .test_import import items_of, read_plan, run, workbook


def test_a_line_break_excel_saved_as_its_escape_reads_as_a_line_break(tmp_path, plan_file):
    # Excel saves a carriage return in a cell (text pasted with CRLF line breaks) as the
    # escape _x000D_, and a typed "_x" as _x005F_x; openpyxl hands both over as written.
    rows: list[list[Any]] = [
        ["2023年重点工作台账"],
        ["序号", "工作任务", "牵头单位", "配合单位", "完成时限", "备注"],
        [
            1,
            "新建产业路_x000D_\n（续建）",
            "交通站",
            "财政所_x000D_\n自然资源所",
            "6月底前",
            "县督办_x000D_\n编号_x005F_x0041_",
        ],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    item = items_of(plan_file)["1"]
    assert "_x" not in item["title"]
    assert item["support_units"] == ["财政所", "自然资源所"]
    assert item["备注"].replace("\r", "") == "县督办\n编号_x0041_"


def test_sheet_all_names_the_sheets_with_content_it_did_not_read(tmp_path, plan_file):
    # A sheet of tasks whose header is not recognised, and a hidden sheet of tasks, are
    # skipped by --sheet 全部: they must be named, not dropped silently.
    header = ["序号", "工作任务", "牵头单位", "完成时限"]
    more = {
        "经济": [header, [1, "招商", "招商办", "年底前"]],
        "重点项目": [["序号", "项目名称", "建设规模"], [1, "污水处理厂", "日处理500吨"]],
        "民生实事": [header, [1, "改厕", "环卫站", "9月底"]],
    }
    path = workbook(
        tmp_path / "台账.xlsx",
        [header, [1, "发展党员", "组织办", "6月底"]],
        sheet="党建",
        more=more,
    )
    book = openpyxl.load_workbook(path)
    book["民生实事"].sheet_state = "hidden"
    book.save(path)
    result = run(str(path), "--sheet", "全部", "--year", "2023")
    assert result.exit_code == 0, result.output
    titles = {item["title"] for item in items_of(plan_file).values()}
    assert {"发展党员", "招商"} <= titles
    assert "重点项目" in result.output and "民生实事" in result.output


def test_a_total_row_saying_what_it_sums_or_written_in_the_sequence_column_is_skipped(
    tmp_path, plan_file
):
    rows: list[list[Any]] = [
        ["序号", "工作任务", "牵头单位", "目标值", "完成时限"],
        [1, "修路", "交通站", "12公里", "6月底"],
        [None, "合计：1项", None, "12公里", None],
        [None, "小计（1项）", None, "12公里", None],
        [None, "总计:", None, "12公里", None],
        ["合计", None, None, "12公里", None],  # in the 序号 column, the title's cell empty
        ["合　计", None, None, "12公里", None],
    ]
    result = run(str(workbook(tmp_path / "2024年台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    assert [item["title"] for item in items_of(plan_file).values()] == ["修路"]
    for row in range(3, 8):
        assert f"第 {row} 行" in result.stderr


def test_a_range_starting_in_part_of_a_month_starts_on_that_parts_first_day(tmp_path, plan_file):
    # 秸秆禁烧 from early June to mid-July: it starts on 1 June, not on the 10th (the day
    # 6月上旬 means as a deadline); 3月下旬 starts on the 21st.
    rows: list[list[Any]] = [
        ["序号", "工作任务", "完成时限"],
        [1, "秸秆禁烧", "6月上旬至7月中旬"],
        [2, "春耕备耕", "3月下旬-4月上旬"],
        [3, "夏季防汛", "上半年-三季度"],
    ]
    result = run(str(workbook(tmp_path / "2024年台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert (items["1"]["start"], items["1"]["due"]) == (dt.date(2024, 6, 1), dt.date(2024, 7, 20))
    assert (items["2"]["start"], items["2"]["due"]) == (dt.date(2024, 3, 21), dt.date(2024, 4, 10))
    assert (items["3"]["start"], items["3"]["due"]) == (dt.date(2024, 1, 1), "2024-Q3")


def test_a_progress_column_of_fractions_is_read_as_percents_and_said(tmp_path, plan_file):
    # 0.6 typed in a 进度 cell formatted as General (or a CSV of a percent cell) is 60%,
    # not 0.6%, where every number in the column is from 0 to 1.
    rows: list[list[Any]] = [
        ["序号", "工作任务", "完成时限", "进度"],
        [1, "修路", "年底前", 0.6],
        [2, "改厕", "年底前", 1],
        [3, "建馆", "年底前", "0.85"],
        [4, "植树", "年底前", None],
    ]
    result = run(str(workbook(tmp_path / "2024年台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert [items[i].get("progress") for i in "1234"] == [60, 100, 85, None]
    assert "Sheet1!D3" in result.stderr and "0.6 即 60%" in result.stderr
    # A column that writes 60 somewhere holds percents: 0.6 there is 0.6%.
    rows[2][3] = 60
    result = run(str(workbook(tmp_path / "2024年台账.xlsx", rows)), "--force")
    assert result.exit_code == 0, result.output
    assert items_of(plan_file)["1"]["progress"] == 0.6
    # "60%" typed as text beside them (s34D): the plain numbers are fractions still, said
    rows[2][3] = "60%"
    result = run(str(workbook(tmp_path / "2024年台账.xlsx", rows)), "--force")
    assert result.exit_code == 0, result.output
    assert [items_of(plan_file)[i].get("progress") for i in "123"] == [60, 60, 85]
    assert "0.6 即 60%" in result.stderr


def test_an_error_value_a_formula_left_is_reported_by_its_cell_not_imported(tmp_path, plan_file):
    # A ledger put together with VLOOKUP: a lookup that found nothing leaves #N/A, a deleted
    # reference #REF!. Neither is a title, a unit or a target; in 备注 it is kept as written.
    rows: list[list[Any]] = [
        ["2024年台账"],
        ["序号", "工作任务", "牵头单位", "目标值", "完成时限", "备注"],
        [1, "修路", "#N/A", "12公里", "6月底", "#DIV/0!"],
        [2, "#REF!", "交通站", "500棵", "6月底", None],
        [3, "改厕", "环卫站", "#VALUE!", "9月底", None],
    ]
    path = workbook(tmp_path / "台账.xlsx", rows)
    assert openpyxl.load_workbook(path).active["B4"].data_type == "e"  # as Excel saves it
    result = run(str(path))
    assert result.exit_code == 1, result.output
    assert not plan_file.exists()
    for cell in (
        "Sheet1!C3（牵头单位）：发现 '#N/A'",
        "Sheet1!B4（工作任务）：发现 '#REF!'",
        "Sheet1!D5（目标值）：发现 '#VALUE!'",
    ):
        assert cell in result.stderr
    assert "F3" not in result.stderr and "Traceback" not in result.output
    rows[2][2], rows[3][1], rows[4][3] = "交通站", "植树", "120户"
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    assert items_of(plan_file)["1"]["备注"] == "#DIV/0!"


def test_a_heading_numbered_with_a_circled_digit_over_dotted_numbers_is_no_traceback(
    tmp_path, plan_file
):
    rows: list[list[Any]] = [
        ["序号", "工作任务", "牵头单位", "完成时限"],
        [None, "一、经济发展"],
        [None, "①项目建设"],
        ["1.1", "修路", "交通站", "6月底"],
    ]
    result = run(str(workbook(tmp_path / "2024年台账.xlsx", rows)))
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code in (0, 1) and "Traceback" not in result.output
    if result.exit_code == 1:
        assert "第 4 行" in result.stderr and not plan_file.exists()


def test_short_sub_headers_under_a_group_header_are_read_with_the_group(tmp_path, plan_file):
    # 责任单位 over 牵头 | 配合, 时间安排 over 开始 | 完成, 目标任务 over 全年 | 上半年: the
    # sub-headers alone are no header names, with their group they are.
    rows: list[list[Any]] = [
        ["XX镇2024年重点工作任务分解表"],
        ["序号", "工作任务", "责任单位", None, "责任人", "时间安排", None, "目标任务", None],
        [None, None, "牵头", "配合", None, "开始", "完成", "全年", "上半年"],
        [1, "修路", "交通站", "财政所、各村", "王五", "3月", "10月底", "12公里", "6公里"],
    ]
    merges = ("A1:I1", "A2:A3", "B2:B3", "E2:E3", "C2:D2", "F2:G2", "H2:I2")
    result = run(str(workbook(tmp_path / "分解表.xlsx", rows, merges=merges)))
    assert result.exit_code == 0, result.output
    item = items_of(plan_file)["1"]
    assert item["lead_unit"] == "交通站" and item["support_units"] == ["财政所", "各村"]
    assert (item["start"], item["due"]) == ("2024-03", "2024-10")
    assert (item["target"], item["measure"]) == (12, "公里")
    assert item["milestone"] == [{"due": "2024-06", "value": 6}]


def test_a_two_character_name_spaced_to_align_is_the_name(tmp_path, plan_file):
    # Tables pad a two-character name to the width of three: 王  五, 赵　六.
    rows: list[list[Any]] = [
        ["序号", "工作任务", "责任领导", "牵头单位", "责任人", "完成时限"],
        [1, "修路", "张  三", "交通站", "王  五、李四", "6月底"],
        [2, "改厕", "张三", "环卫站", "赵　六", "9月底"],
    ]
    result = run(str(workbook(tmp_path / "2024年台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert (items["1"]["lead"], items["1"]["owner"]) == ("张三", ["王五", "李四"])
    assert items["2"]["owner"] == "赵六"
    listed = CliRunner().invoke(app, ["list", "--who", "王五"])
    assert listed.exit_code == 0 and "修路" in listed.stdout


def test_a_status_with_the_full_stop_an_office_types_after_it_is_the_status(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["序号", "工作任务", "完成时限", "完成情况"],
        [1, "修路", "年底前", "已完成。"],
        [2, "改厕", "年底前", "已全部完成"],
        [3, "建馆", "年底前", "正在推进中"],
        [4, "植树", "年底前", "已完成！"],
    ]
    result = run(str(workbook(tmp_path / "2024年台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert [items[i].get("status") for i in "1234"] == ["done", "done", "doing", "done"]
    assert items["1"]["log"][0]["note"] == "已完成。"  # the words stay the note
    status = CliRunner().invoke(app, ["status"])
    assert status.exit_code == 0 and "3/4" in status.stdout


def test_an_unnumbered_heading_merged_across_the_table_is_a_part(tmp_path, plan_file):
    # 任务分解表 often mark a part by one title merged across the row, without 一、.
    rows: list[list[Any]] = [
        ["XX镇2024年重点工作任务分解表"],
        ["序号", "工作任务", "责任领导", "牵头单位", "责任人", "完成时限"],
        ["党的建设"],
        [1, "发展党员", "张三", "组织办", "李四", "6月底"],
        [2, "换届选举", "张三", "组织办", "李四", "年底前"],
        ["经济发展"],
        [1, "招商引资", "王五", "招商办", "赵六", "9月底"],
    ]
    merges = ("A1:F1", "A3:F3", "A6:F6")
    result = run(str(workbook(tmp_path / "分解表.xlsx", rows, merges=merges)))
    assert result.exit_code == 0, result.output
    titles = {i: item["title"] for i, item in items_of(plan_file).items()}
    assert titles == {
        "1": "党的建设",
        "1.1": "发展党员",
        "1.2": "换届选举",
        "2": "经济发展",
        "2.1": "招商引资",
    }
    assert "3 项任务" in result.stdout


@pytest.mark.parametrize(
    ("title", "on"),
    [
        ("XX镇2024年重点工作推进情况（截至6月20日）", dt.date(2024, 6, 20)),
        ("XX镇2024年1-6月重点工作推进情况", dt.date(2024, 12, 31)),
        ("2024年重点工作任务完成情况（截至2024年6月底）", dt.date(2024, 6, 30)),
        ("XX镇2024年重点工作推进情况表（截止6月30日）", dt.date(2024, 6, 30)),
        # A month alone: the figures through that month, its last day.
        ("XX镇2024年重点工作推进情况（截至2024年6月）", dt.date(2024, 6, 30)),
        ("XX镇2024年重点工作推进情况（截至6月）", dt.date(2024, 6, 30)),
        ("XX镇2024年重点工作推进情况（截至2024.6）", dt.date(2024, 6, 30)),
        ("XX镇2024年重点工作推进情况（截至2024年2月）", dt.date(2024, 2, 29)),
    ],
)
def test_a_title_ending_in_tui_jin_qing_kuang_is_the_title_and_its_as_of_day_dates_notes(
    tmp_path, plan_file, title, on
):
    # A title ending in 推进情况 / 完成情况 is no 进展情况 column over the header below it: the
    # plan keeps its title and year; the 截至 day, with or without its year or as a month's
    # end, dates the notes.
    rows: list[list[Any]] = [
        [title],
        ["序号", "工作任务", "牵头单位", "完成时限", "进展情况"],
        [1, "修路", "交通站", "年底前", "已完成路基"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    plan = read_plan(plan_file)
    assert plan["plan"]["year"] == 2024
    assert plan["plan"]["title"] == title.split("（")[0]
    item = plan["item"][0]
    assert item["due"] == dt.date(2024, 12, 31)
    assert item["log"] == [{"on": on, "note": "已完成路基"}]


def test_out_typed_as_a_new_folder_gets_plan_toml_in_it_and_a_dry_run_makes_nothing(
    tmp_path, plan_file
):
    # plan import x.xlsx -o 2024年/ : a Path forgets the slash, and the plan was written as a
    # file named 2024年 (plan init and plan new make the folder).
    rows: list[list[Any]] = [["序号", "工作任务", "牵头单位"], [1, "修路", "交通站"]]
    table = str(workbook(tmp_path / "台账.xlsx", rows))
    folder = tmp_path / "2024年"
    result = run(table, "--out", f"{folder}/", "--dry-run")
    assert result.exit_code == 0, result.output
    assert not folder.exists()
    result = run(table, "--out", f"{folder}/")
    assert result.exit_code == 0, result.output
    assert folder.is_dir()
    assert read_plan(folder / "plan.toml")["item"][0]["title"] == "修路"
