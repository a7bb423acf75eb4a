"""Session 32 (B): ledger import leftovers and hostile cells. Recurring deadlines (每季度,
每月底前) read as the year's last occurrence; the headers a 工作台账 adds (亮灯情况, 推进状态,
县级编号); a task 已完成 with no date; a dry run's wording; progress in a 进展 column; figures
in a 工作标准 column; and cells built to hurt (formulas, huge text, escapes, odd dates). Each
test checks what was printed, the exit code and what is on disk."""

from __future__ import annotations

import datetime as dt
from typing import Any

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .test_import import items_of, run, workbook

LEDGER_HEAD = ["序号", "工作任务", "责任单位", "完成时限"]

# ---------------------------------------------------------------- recurring deadlines


def test_recurring_deadlines_read_as_the_years_last_occurrence_with_the_words_kept(
    tmp_path, plan_file
):
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        LEDGER_HEAD,
        [1, "安全生产检查", "应急办", "每季度"],
        [2, "河长制巡河", "水利站", "每季度末、年底前"],
        [3, "报送工作动态", "党政办", "每月底前"],
        [4, "防汛演练", "应急办", "按季度"],
        [5, "网格巡查", "综治办", "每周"],
        [6, "信访研判", "信访办", "每月10日前"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["due"] == "2024-Q4"
    assert items["2"]["due"] == dt.date(2024, 12, 31)
    assert items["3"]["due"] == "2024-12"
    assert items["4"]["due"] == "2024-Q4"
    assert "due" not in items["5"]  # weekly work is standing work: no deadline of its own
    assert items["6"]["due"] == dt.date(2024, 12, 10)
    words = {key: item["完成时限原文"] for key, item in items.items()}
    assert words == {
        "1": "每季度",
        "2": "每季度末、年底前",
        "3": "每月底前",
        "4": "按季度",
        "5": "每周",
        "6": "每月10日前",
    }
    assert "周期性" in result.stderr and "最后一次" in result.stderr
    assert "第 3 行“每季度”→ 2024-Q4" in " ".join(result.stderr.split())


def test_a_recurring_deadline_in_a_july_year_is_the_periods_last(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["城关镇重点工作台账"],
        ["计划期：2024年7月至2025年6月"],
        LEDGER_HEAD,
        [1, "安全生产检查", "应急办", "每季度"],
        [2, "报送工作动态", "党政办", "每月底前"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["due"] == "2025-Q2"
    assert items["2"]["due"] == "2025-06"


# ---------------------------------------------------------------- a 工作台账's own headers


def test_a_progress_state_column_is_the_status_and_the_ledgers_lights_are_kept(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        ["序号", "工作任务", "责任单位", "完成时限", "亮灯情况（红黄绿）", "推进状态"],
        [1, "修建村道", "交通办", "12月底", "绿", "推进中"],
        [2, "招商引资", "经发办", "12月底", "红", "滞后"],
        [3, "建文化站", "文化站", "12月底", "黄", "未启动"],
        [4, "植树造林", "林业站", "6月底", "绿", "已完成（2024-05-20）"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert [items[i].get("status") for i in "1234"] == ["doing", "doing", "todo", "done"]
    assert items["4"]["done_on"] == dt.date(2024, 5, 20)
    # the county's lights on the day of the ledger: kept as written, beside the plan's own
    assert [items[i]["亮灯情况（红黄绿）"] for i in "1234"] == ["绿", "红", "黄", "绿"]
    said = " ".join(result.stderr.split())
    assert "不认得的列" not in said and "导入时不读取" not in said
    assert "“亮灯情况（红黄绿）”是台账填报时的红黄绿灯，已原样保留" in said


def test_a_progress_state_column_of_another_name_and_a_bare_light(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        ["序号", "工作任务", "责任单位", "完成时限", "亮灯", "进展状态"],
        [1, "修建村道", "交通办", "12月底", "红", "滞后"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    item = items_of(plan_file)["1"]
    assert item["status"] == "doing" and item["亮灯"] == "红"
    assert "不认得的列" not in result.stderr


def test_a_county_number_is_the_key_and_outline_numbering_becomes_its_path(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        ["县级编号", "序号", "工作任务", "责任单位", "完成时限"],
        ["一、", "一、", "经济发展", None, None],
        ["（一）", "（一）", "招商引资", None, None],
        ["1.", "1.", "签约项目", "经发办", "12月底"],
        ["2.", "2.", "引进企业", "经发办", "12月底"],
        ["（二）", "（二）", "农业", None, None],
        ["1.", "1.", "高标准农田", "农业站", "10月底"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    # the 序号's outline gives the tree; the county's numbering, the tasks' county keys
    assert items["1.1.1"]["title"] == "签约项目" and items["1.2.1"]["title"] == "高标准农田"
    assert items["1.1.1"]["key"] == "一（一）1"
    assert items["1.1.2"]["key"] == "一（一）2"
    assert items["1.2.1"]["key"] == "一（二）1"
    assert not any("县级编号" in key for item in items.values() for key in item)
    assert "不认得的列" not in result.stderr


def test_a_county_number_written_as_an_id_is_the_key_as_written(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        ["县级编号", "序号", "工作任务", "责任单位", "完成时限"],
        ["XJ-01", 1, "签约项目", "经发办", "12月底"],
        ["XJ-02", 2, "引进企业", "经发办", "12月底"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert (items["1"]["key"], items["2"]["key"]) == ("XJ-01", "XJ-02")


# ---------------------------------------------------------------- a task done on no day


def test_a_done_task_takes_its_done_day_from_the_ledgers_completion_time_column(
    tmp_path, plan_file
):
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        ["序号", "工作任务", "责任单位", "完成时限", "推进状态", "完成时间"],
        [1, "修建村道", "交通办", "12月底", "已完成", "2024-05-20"],
        [2, "招商引资", "经发办", "12月底", "推进中", "11月底"],
        [3, "建文化站", "文化站", "6月底", "已完成", dt.datetime(2024, 6, 3)],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["done_on"] == dt.date(2024, 5, 20) and "完成时间" not in items["1"]
    assert items["3"]["done_on"] == dt.date(2024, 6, 3) and "完成时间" not in items["3"]
    # a task in hand keeps what its 完成时间 says, as written; it is done on no day yet
    assert items["2"]["完成时间"] == "11月底" and "done_on" not in items["2"]
    assert "推定" not in result.stderr


def test_a_done_task_with_no_day_is_done_on_the_ledgers_date_and_that_is_said(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账（截至2024年6月30日）"],
        ["序号", "工作任务", "责任单位", "完成时限", "推进状态"],
        [1, "修建村道", "交通办", "12月底", "已完成"],
        [2, "招商引资", "经发办", "12月底", "推进中"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["done_on"] == dt.date(2024, 6, 30)
    assert "done_on" not in items["2"]
    said = " ".join(result.stderr.split())
    assert (
        "第 3 行的任务标为已完成，表中没有完成日期，完成日期推定为 2024-06-30（表格的截至日期）"
        in said
    )


def test_a_done_task_with_no_day_in_an_undated_ledger_is_done_on_the_import_day(
    tmp_path, plan_file
):
    today = dt.date.today()
    rows: list[list[Any]] = [
        [f"城关镇{today.year}年重点工作台账"],
        ["序号", "工作任务", "责任单位", "完成时限", "完成情况"],
        [1, "修建村道", "交通办", "12月底", "已完成"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    after = dt.date.today()  # (a run across midnight dates it either day)
    assert result.exit_code == 0, result.output
    item = items_of(plan_file)["1"]
    assert item["status"] == "done" and item["done_on"] in (today, after)
    said = " ".join(result.stderr.split())
    assert f"完成日期推定为 {item['done_on'].isoformat()}（导入当天）" in said
    assert "在表格里写上完成日期" in said and "后重新导入" in said


def test_a_done_task_with_no_day_in_last_years_ledger_is_done_on_its_last_day(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        ["序号", "工作任务", "责任单位", "完成时限", "状态"],
        [1, "修建村道", "交通办", "12月底", "已完成"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)), "--lang", "en")
    assert result.exit_code == 0, result.output
    # (a guess at 2024-12-31 would have it undone all year as of any earlier day)
    item = items_of(plan_file)["1"]
    assert item["status"] == "done" and "done_on" not in item
    said = " ".join(result.stderr.split())
    assert "marked done with no day, and the table states no day it stands on" in said
    assert "no done day is recorded (done, on a day not known)" in said


# ---------------------------------------------------------------- a dry run over a plan


def test_a_dry_run_that_would_be_refused_says_what_the_import_would_do(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        LEDGER_HEAD,
        [1, "修建村道", "交通办", "12月底"],
        [2, "招商引资", "经发办", "12月底"],
    ]
    table = workbook(tmp_path / "台账.xlsx", rows)
    assert run(str(table)).exit_code == 0
    worked = CliRunner().invoke(app, ["done", "2", "--on", "2024-05-01"])
    assert worked.exit_code == 0, worked.output
    before = plan_file.read_bytes()
    workbook(table, rows[:3])  # a row deleted
    for lang, opening, gone in (
        ("zh", "试运行：实际导入时（加 --force）会拒绝：", "没有导入："),
        ("en", "Dry run: the import itself (with --force) would refuse:", "Not imported:"),
    ):
        result = CliRunner().invoke(
            app, ["--lang", lang, "import", str(table), "--dry-run", "--force"]
        )
        assert result.exit_code == 0, result.output
        said = " ".join(result.stderr.split())
        assert opening in said, said
        assert gone not in said and "没有写入任何文件" not in said
        assert "Nothing was written" not in said
        assert plan_file.read_bytes() == before
    # the import itself still says it imported nothing
    refused = run(str(table), "--force")
    assert refused.exit_code == 1 and refused.stderr.lstrip().startswith("错误：没有导入：")
    assert plan_file.read_bytes() == before


# ---------------------------------------------------------------- a percentage under 进展


def test_a_percentage_in_the_progress_column_is_the_tasks_progress_not_a_note(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账（截至2024年6月30日）"],
        ["序号", "工作任务", "责任单位", "完成时限", "进展"],
        [1, "修建村道", "交通办", "12月底", "30%"],
        [2, "招商引资", "经发办", "12月底", "已签约2家"],
        [3, "建文化站", "文化站", "12月底", 0.55],
        [4, "植树造林", "林业站", "12月底", " 45 ％"],
    ]
    path = workbook(tmp_path / "台账.xlsx", rows, formats={"E5": "0%"})
    result = run(str(path))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["progress"] == 30 and "log" not in items["1"]
    assert items["2"]["log"] == [{"on": dt.date(2024, 6, 30), "note": "已签约2家"}]
    assert "progress" not in items["2"]
    assert items["3"]["progress"] == 55 and "log" not in items["3"]
    assert items["4"]["progress"] == 45
    assert not any("进展" in key for item in items.values() for key in item)
    said = " ".join(result.stderr.split())
    assert "不是进展情况" not in said and "不认得的列" not in said
    assert (
        "“进展”一栏只写了百分数的 3 格读作进度（progress）：Sheet1!E3、Sheet1!E5、Sheet1!E6" in said
    )


# ---------------------------------------------------------------- figures in a 工作标准 column

STANDARDS: list[list[Any]] = [
    [1, "村级文化广场建设", "建成3个", "文化站", "12月底"],
    [2, "农民技能培训", "不少于500人次", "农技站", "12月底"],
    [3, "完善配套设施", "设施完善、群众满意", "城建办", "12月底"],
    [4, "路桥建设", "新建2座桥、改造5公里道路", "交通办", "12月底"],
    [5, "信访维稳", "3个月内办结", "信访办", "12月底"],
]


def test_a_work_standard_columns_one_figure_is_the_target_and_the_rest_stay_words(
    tmp_path, plan_file
):
    rows = [["城关镇2024年重点工作台账"], ["序号", "工作任务", "工作标准", "责任单位", "完成时限"]]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows + STANDARDS)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert (items["1"]["target"], items["1"]["measure"]) == (3, "个")
    assert (items["2"]["target"], items["2"]["measure"]) == (500, "人次")
    for plain in "345":
        assert "target" not in items[plain]
    # the standard as written stays beside the figure read from it
    assert [items[i]["工作标准"] for i in "12345"] == [row[2] for row in STANDARDS]
    said = " ".join(result.stderr.split())
    assert "不认得的列" not in said
    assert "“工作标准”里写的目标读作任务的目标值：第 3 行“3个”；第 4 行“不少于500人次”" in said
    assert (
        "“工作标准”里有两个以上的数字，没有读成目标值，只保留在“工作标准”里：第 6 行“新建2座桥、改造5公里道路”"
        in said
    )


def test_a_target_task_column_of_few_figures_gives_the_targets_it_states(tmp_path, plan_file):
    rows = [["城关镇2024年重点工作台账"], ["序号", "工作任务", "目标任务", "责任单位", "完成时限"]]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows + STANDARDS)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert (items["1"]["target"], items["2"]["target"]) == (3, 500)
    assert "target" not in items["3"], items["3"]
    assert items["3"]["detail"] == "设施完善、群众满意", items
    assert "“目标任务”里写的目标读作任务的目标值" in " ".join(result.stderr.split())


# ---------------------------------------------------------------- hostile cells


def test_a_formula_no_program_computed_is_one_paragraph_naming_its_cell(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["城关镇2023年重点工作台账"],
        ["序号", "工作任务", "责任单位", "完成时限", "备注"],
        [1, '=HYPERLINK("http://example.invalid","点我")', "交通办", "12月底", None],
        [2, "招商引资", "经发办", "12月底", "=CMD|' /C calc'!A0"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    said = result.stderr
    assert said.startswith("错误：") and "有 2 个单元格无法读取，没有写入任何文件" in said
    assert "Sheet1!B3（工作任务）" in said and "Sheet1!E4（备注）" in said
    assert "没有保存计算结果的公式" in said
    assert not plan_file.exists()


def test_escapes_and_control_characters_are_kept_as_data_and_never_reach_the_terminal(
    tmp_path, plan_file
):
    # Excel writes a control character in a cell as _x001B_; a CSV may hold it raw.
    rows: list[list[Any]] = [
        ["城关镇2023年重点工作台账"],
        ["序号", "工作任务", "责任单位", "完成时限"],
        [1, "建文化站_x001B_[31m红_x001B_[0m", "文化站_x0007_", "12月底"],
        [2, "修建村道_x001B_]0;pwn_x0007_", "交通办", "12月底"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["title"] == "建文化站\x1b[31m红\x1b[0m"  # the data as the cell held it
    assert items["1"]["lead_unit"] == "文化站\x07"
    text = plan_file.read_text(encoding="utf-8")
    assert 'title = "建文化站\\u001b[31m红\\u001b[0m"' in text and "\x1b" not in text
    # the digits of an escape sequence are no figures of the title's
    assert "两个以上的数字" not in result.stderr and "target" not in items["1"]
    shown = CliRunner().invoke(app, ["list"])
    assert shown.exit_code == 0, shown.output
    assert "\x1b" not in shown.output and "\x07" not in shown.output
    assert "建文化站\\x1b[31m红\\x1b[0m" in shown.output


def test_a_raw_escape_in_a_csv_cell_is_kept_escaped(tmp_path, plan_file):
    table = tmp_path / "台账.csv"
    table.write_bytes(
        "序号,工作任务,责任单位,完成时限,备注\r\n1,建站\x1b[2J,经发办,2023.6.30,a\x00b\r\n".encode()
    )
    result = run(str(table))
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x00" not in result.output
    item = items_of(plan_file)["1"]
    assert item["title"] == "建站\x1b[2J" and item["备注"] == "a\x00b"
    assert item["due"] == dt.date(2023, 6, 30)


def test_a_cell_of_forty_thousand_characters_is_kept_whole(tmp_path, plan_file):
    # (past Excel's 32,767: a CSV another program wrote; openpyxl cuts a workbook's cell there)
    long = "长" * 40_000
    table = tmp_path / "台账.csv"
    table.write_text(
        f"序号,工作任务,责任单位,完成时限,备注\n1,修建村道,交通办,2023年12月底,{long}\n"
    )
    result = run(str(table))
    assert result.exit_code == 0, result.output
    assert items_of(plan_file)["1"]["备注"] == long


def test_merged_headers_hidden_rows_and_a_sheet_declared_a_million_rows_long(tmp_path, plan_file):
    import openpyxl
    from openpyxl.styles import PatternFill

    path = workbook(
        tmp_path / "台账.xlsx",
        [
            ["城关镇2023年重点工作台账"],
            ["序号", "工作任务", None, "责任单位", "完成时限"],
            [1, "修建村道", None, "交通办", "12月底"],
            [2, "招商引资", None, "经发办", "12月底"],
        ],
        merges=("A1:E1", "B2:C2"),
    )
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None
    fill = PatternFill("solid", fgColor="FFFF00")  # a whole sheet formatted: nothing in it
    sheet.cell(1_048_576, 1).fill = fill
    sheet.cell(1_048_576, 16_384).fill = fill
    sheet.row_dimensions[4].hidden = True
    sheet.column_dimensions["D"].hidden = True
    book.save(path)
    result = run(str(path))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert [items[i]["title"] for i in "12"] == ["修建村道", "招商引资"]
    assert items["2"]["lead_unit"] == "经发办"
    said = " ".join(result.stderr.split())
    assert "这些行在表格中是隐藏的" in said and "第 4 行（事项 2）" in said
    assert "这些列在表格中是隐藏的" in said and "D 列“责任单位”" in said


def test_dates_as_serial_numbers_and_as_text_with_dots_or_words(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["城关镇2023年重点工作台账"],
        ["序号", "工作任务", "责任单位", "完成时限"],
        [1, "修建村道", "交通办", 45291],
        [2, "招商引资", "经发办", "2023.6.30"],
        [3, "建文化站", "文化站", "2023年6月底"],
        [4, "植树造林", "林业站", "45107"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["due"] == dt.date(2023, 12, 31)
    assert items["2"]["due"] == dt.date(2023, 6, 30)
    assert items["3"]["due"] == "2023-06"
    assert items["4"]["due"] == dt.date(2023, 6, 30)
    said = " ".join(result.stderr.split())
    assert "Sheet1!D3 45291 → 2023-12-31" in said


def test_a_workbook_cell_of_forty_thousand_characters_is_kept_whole(tmp_path, plan_file):
    # Excel stops at 32,767 and openpyxl cuts there on writing: the sheet's XML made by hand.
    import zipfile

    made = workbook(
        tmp_path / "made.xlsx",
        [
            ["城关镇2023年重点工作台账"],
            ["序号", "工作任务", "责任单位", "完成时限", "备注"],
            [1, "修建村道", "交通办", "12月底", "PLACEHOLDER"],
        ],
    )
    path = tmp_path / "台账.xlsx"
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(path, "w") as target:
        for entry in source.infolist():
            data = source.read(entry.filename)
            if entry.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"PLACEHOLDER", ("长" * 40_000).encode())
            target.writestr(entry, data)
    result = run(str(path))
    assert result.exit_code == 0, result.output
    assert items_of(plan_file)["1"]["备注"] == "长" * 40_000


def test_an_english_sheets_monthly_deadline_is_said_under_the_key_its_words_are_kept(
    tmp_path, plan_file
):
    table = tmp_path / "plan.csv"
    table.write_text("No.,Task,Lead unit,Deadline\n1,Monthly safety check,Safety office,monthly\n")
    result = run(str(table), "--year", "2023")
    assert result.exit_code == 0, result.output
    item = items_of(plan_file)["1"]
    assert item["due"] == "2023-12" and item["Deadline (as written)"] == "monthly"
    said = " ".join(result.stderr.split())
    assert "the words kept under 'Deadline (as written)'" in said, said
    assert "row 2 'monthly' → 2023-12" in said


def test_a_recurring_deadline_at_the_end_of_a_title_is_read_as_a_columns_is(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["城关镇2024年台账"],
        ["序号", "工作任务", "备注"],
        [1, "开展安全检查（责任单位：应急办；完成时限：每月）"],
        [2, "做好信访维稳（责任单位：信访办；完成时限：长期）"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["title"] == "开展安全检查" and items["1"]["lead_unit"] == "应急办"
    assert items["1"]["due"] == "2024-12" and items["1"]["完成时限原文"] == "每月"
    assert "due" not in items["2"] and items["2"]["完成时限原文"] == "长期"
    assert not any("工作任务原文" in key for item in items.values() for key in item)
    assert "读不出完成时限" not in result.stderr


def test_english_recurring_deadlines_each_come_round_in_their_own_period(tmp_path, plan_file):
    table = tmp_path / "plan.csv"
    table.write_text(
        "No.,Task,Lead unit,Deadline\n"
        "1,Safety check,Safety office,quarterly\n"
        "2,Patrol,Safety office,weekly\n"
        "3,Report,Office,every month\n"
        "4,Review,Office,annually\n"
    )
    result = run(str(table), "--year", "2023")
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["due"] == "2023-Q4" and "due" not in items["2"]
    assert items["3"]["due"] == "2023-12" and items["4"]["due"] == dt.date(2023, 12, 31)
